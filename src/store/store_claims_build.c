/* store_claims_build.c - claims from charge lines: any set of lines of one
 * patient becomes a claim to the coverage in force on the date of service,
 * and `claims build` turns every unbilled line into claims grouped per
 * patient, payer, billing and rendering provider, claim form and visit; a
 * visit with no coverage in force is self-pay, billed to the patient. */
#include <stdlib.h>
#include <string.h>

#include "claims/claims_int.h"
#include "store_claims.h"

static const char *ct(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return t ? (const char *)t : "";
}
#define COL(dst, st, i) claims_set((dst), sizeof(dst), ct((st), (i)))

static cc_day cday(sqlite3_stmt *st, int i) {
  cc_day d = 0;
  const char *t = ct(st, i);
  if (*t && cc_date_parse_iso(cc_slice_cstr(t), &d) != CC_OK) d = 0;
  return d;
}

/* The coverage of a priority in force on a day: its id and payer. */
static cc_code coverage_on(cc_store *s, int64_t patient, const char *priority,
                           const char *day, int64_t *cov, int64_t *payer) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT id,payer_id FROM coverage WHERE patient_id=? "
                         "AND priority=? AND effective_date<=?3 AND "
                         "(termination_date IS NULL OR termination_date>=?3) "
                         "ORDER BY effective_date DESC, id LIMIT 1",
                         -1, &st, NULL) != SQLITE_OK)
    return CC_E_DB;
  sqlite3_bind_int64(st, 1, patient);
  sqlite3_bind_text(st, 2, priority, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, day, -1, SQLITE_TRANSIENT);
  cc_code rc = CC_E_NOTFOUND;
  if (sqlite3_step(st) == SQLITE_ROW) {
    *cov = sqlite3_column_int64(st, 0);
    *payer = sqlite3_column_int64(st, 1);
    rc = CC_OK;
  }
  sqlite3_finalize(st);
  return rc;
}

/* self_pay: the payer row of self-pay; the claim then names no coverage. */
static cc_code from_charges(cc_store *s, const int64_t *charge_ids, size_t n,
                            const char *priority, int64_t self_pay,
                            cc_arena *a, cc_claim **out, cc_err *err) {
  *out = NULL;
  if (!n) return cc_err_set(err, CC_E_USAGE, "no charge lines", NULL);
  if (n > CC_CLAIM_MAX_LINES)
    return cc_err_set(err, CC_E_TOOBIG, "too many lines for one claim",
                      "%zu lines; split them", n);
  if (!priority) priority = "primary";
  cc_claim *c = cc_arena_alloc(a, sizeof *c);
  cc_claim_line *lines = cc_arena_alloc(a, n * sizeof *lines);
  if (!c || !lines) return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  cc_claims_init(c, 'P');
  memset(lines, 0, n * sizeof *lines);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          s->db,
          "SELECT cl.id,cl.code,cl.modifier1,cl.modifier2,cl.modifier3,"
          "cl.modifier4,cl.units_milli,cl.unit_basis,cl.place_of_service,"
          "cl.from_date,cl.to_date,cl.charge_cents,cl.dx_ptr1,cl.dx_ptr2,"
          "cl.dx_ptr3,cl.dx_ptr4,cl.revenue_code,cl.ndc,"
          "COALESCE(cl.rendering_provider_id,e.rendering_provider_id),"
          "e.id,e.patient_id,e.billing_provider_id,e.referring_provider_id,"
          "e.place_of_service,e.authorization_id,e.facility_id,"
          "(SELECT group_concat(code, ' ') FROM (SELECT code FROM "
          "encounter_diagnosis d WHERE d.encounter_id=e.id ORDER BY seq)),"
          "(SELECT count(*) FROM encounter_diagnosis d WHERE "
          "d.encounter_id=e.id) "
          "FROM charge_line cl JOIN encounter e ON e.id=cl.encounter_id "
          "WHERE cl.id=?",
          -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "charge line");
  int64_t patient = 0, billing = 0, referring = 0, auth = 0, facility = 0,
          rendering0 = 0, encounter0 = 0;
  char pos[3] = "";
  cc_code rc = CC_OK;
  for (size_t i = 0; i < n && !rc; i++) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, charge_ids[i]);
    if (sqlite3_step(st) != SQLITE_ROW) {
      rc = cc_err_set(err, CC_E_NOTFOUND, "no such charge line",
                      "charge line %lld", (long long)charge_ids[i]);
      break;
    }
    int64_t pat = sqlite3_column_int64(st, 20);
    int64_t bill = sqlite3_column_int64(st, 21);
    if (i == 0) {
      patient = pat;
      billing = bill;
      referring = sqlite3_column_int64(st, 22);
      COL(pos, st, 23);
      auth = sqlite3_column_int64(st, 24);
      facility = sqlite3_column_int64(st, 25);
      rendering0 = sqlite3_column_int64(st, 18);
      encounter0 = sqlite3_column_int64(st, 19);
    } else if (pat != patient || bill != billing) {
      rc = cc_err_set(err, CC_E_INVALID, "lines of different claims",
                      "charge line %lld belongs to another patient or "
                      "billing provider than the first line",
                      (long long)charge_ids[i]);
      break;
    }
    cc_claim_line *l = &lines[i];
    l->lx = (uint32_t)(i + 1);
    l->charge_line_id = sqlite3_column_int64(st, 0);
    claims_set(l->proc_qual, sizeof l->proc_qual, "HC");
    COL(l->proc, st, 1);
    for (int k = 0; k < 4; k++) COL(l->mod[k], st, 2 + k);
    l->units_milli = sqlite3_column_int64(st, 6);
    COL(l->unit_basis, st, 7);
    COL(l->pos, st, 8);
    l->from = cday(st, 9);
    l->to = cday(st, 10);
    l->charge.cents = sqlite3_column_int64(st, 11);
    COL(l->revenue, st, 16);
    COL(l->ndc, st, 17);
    if (l->ndc[0]) claims_set(l->ndc_qual, sizeof l->ndc_qual, "N4");
    int64_t rend = sqlite3_column_int64(st, 18);
    if (rend && rend != rendering0) {
      cc_claim_party p;
      sqlite3_stmt *q;
      memset(&p, 0, sizeof p);
      if (sqlite3_prepare_v2(s->db, "SELECT npi,last_name,first_name,kind,"
                                    "taxonomy FROM provider WHERE id=?",
                             -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, rend);
        if (sqlite3_step(q) == SQLITE_ROW) {
          l->rendering.entity = strcmp(ct(q, 3), "organization") == 0 ? '2'
                                                                      : '1';
          COL(l->rendering.id, q, 0);
          COL(l->rendering.last, q, 1);
          COL(l->rendering.first, q, 2);
          COL(l->rendering.taxonomy, q, 4);
        }
        sqlite3_finalize(q);
      }
    }
    if (__builtin_add_overflow(c->total.cents, l->charge.cents,
                               &c->total.cents)) {
      rc = cc_err_set(err, CC_E_OVERFLOW, "claim total out of range", NULL);
      break;
    }
    /* The encounter's diagnoses join the claim's list once each; the
     * line's pointers are renumbered into that list. */
    char codes[12][9];
    int nc = 0;
    const char *list = ct(st, 26);
    while (*list && nc < 12) {
      const char *sp = strchr(list, ' ');
      size_t len = sp ? (size_t)(sp - list) : strlen(list);
      cc_slice_copy((cc_slice){list, len}, codes[nc++], 9);
      list = sp ? sp + 1 : list + len;
    }
    for (int k = 0; k < 4; k++) {
      int ptr = sqlite3_column_int(st, 12 + k);
      if (ptr < 1 || ptr > nc) continue;
      const char *code = codes[ptr - 1];
      int at = -1;
      for (int d = 0; d < c->n_dx; d++)
        if (strcmp(c->dx[d].code, code) == 0) at = d;
      if (at < 0) {
        if (c->n_dx >= 12) {
          rc = cc_err_set(err, CC_E_TOOBIG, "more than 12 diagnoses",
                          "the chosen lines point at more than 12 "
                          "diagnoses; split the claim");
          break;
        }
        at = c->n_dx++;
        claims_set(c->dx[at].qual, sizeof c->dx[at].qual,
                   at ? "ABF" : "ABK");
        claims_set(c->dx[at].code, sizeof c->dx[at].code, code);
      }
      l->dx_ptr[k] = (uint8_t)(at + 1);
    }
  }
  sqlite3_finalize(st);
  if (rc) return rc;
  /* coverage in force on the first date of service */
  char day[11];
  cc_date_iso(lines[0].from, day);
  int64_t cov = 0, payer = self_pay;
  rc = self_pay ? CC_OK : coverage_on(s, patient, priority, day, &cov, &payer);
  if (rc == CC_E_NOTFOUND)
    return cc_err_set(err, CC_E_NOTFOUND, "no coverage in force",
                      "the patient has no %s coverage on %s; add or renew "
                      "the coverage, or bill the patient",
                      priority, day);
  if (rc) return store_db_error(s, err, "coverage");
  c->lines = lines;
  c->n_lines = (uint32_t)n;
  c->patient_id = patient;
  c->payer_id = payer;
  c->coverage_id = cov;
  c->billing_provider_id = billing;
  c->encounter_id = encounter0;
  c->responsibility = priority[0] == 's' ? 'S' : priority[0] == 't' ? 'T'
                                                                     : 'P';
  c->frequency = '1';
  claims_set(c->facility_code, sizeof c->facility_code, pos);
  c->facility_qual = 'B';
  /* The claim's parties come from the stored claim shape: save a draft
   * view through load would need an id, so fill what the writer needs. */
  sqlite3_stmt *q;
  if (sqlite3_prepare_v2(s->db, "SELECT claim_form FROM payer WHERE id=?", -1,
                         &q, NULL) == SQLITE_OK) {
    sqlite3_bind_int64(q, 1, payer);
    if (sqlite3_step(q) == SQLITE_ROW && strcmp(ct(q, 0), "837I") == 0) {
      c->form = 'I';
      c->facility_qual = 'A';
    }
    sqlite3_finalize(q);
  }
  if (auth &&
      sqlite3_prepare_v2(s->db, "SELECT kind,number FROM authorization WHERE "
                                "id=?", -1, &q, NULL) == SQLITE_OK) {
    sqlite3_bind_int64(q, 1, auth);
    if (sqlite3_step(q) == SQLITE_ROW) {
      if (strcmp(ct(q, 0), "referral") == 0) COL(c->referral_no, q, 1);
      else COL(c->prior_auth, q, 1);
    }
    sqlite3_finalize(q);
  }
  /* Parties (names, NPIs, addresses) are read by cc_claims_load once the
   * claim is saved; here the ids and NPIs are enough to save it. */
  if (sqlite3_prepare_v2(s->db, "SELECT id,npi FROM provider WHERE id IN "
                                "(?,?,?)", -1, &q, NULL) == SQLITE_OK) {
    sqlite3_bind_int64(q, 1, billing);
    sqlite3_bind_int64(q, 2, rendering0);
    sqlite3_bind_int64(q, 3, referring);
    while (sqlite3_step(q) == SQLITE_ROW) {
      int64_t pid = sqlite3_column_int64(q, 0);
      if (pid == billing) COL(c->billing.id, q, 1);
      if (pid == rendering0) COL(c->rendering.id, q, 1);
      if (pid == referring) COL(c->referring.id, q, 1);
    }
    sqlite3_finalize(q);
  }
  (void)facility;
  if (c->form == 'I') {
    c->stmt_from = cc_claims_first_date(c);
    c->stmt_to = cc_claims_last_date(c);
  }
  *out = c;
  return CC_OK;
}

cc_code cc_claims_from_charges(cc_store *s, const int64_t *charge_ids,
                               size_t n, const char *priority, cc_arena *a,
                               cc_claim **out, cc_err *err) {
  return from_charges(s, charge_ids, n, priority, 0, a, out, err);
}

/* ---- self-pay --------------------------------------------------------- */

/* The payer row that stands for "the patient pays": a claim row needs a
 * payer, and statements name it. Created the first time it is needed. */
static cc_code self_pay_payer(cc_store *s, int64_t *id, cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO payer(payer_code,name,"
                         "filing_indicator,claim_form) VALUES(?1,"
                         "'SELF-PAY (PATIENT)','ZZ','837P') ON CONFLICT"
                         "(payer_code) DO NOTHING", -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "self-pay payer");
  sqlite3_bind_text(st, 1, CC_CLAIMS_SELF_PAY, -1, SQLITE_STATIC);
  int r = sqlite3_step(st);
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) return store_db_error(s, err, "self-pay payer");
  if (sqlite3_prepare_v2(s->db, "SELECT id FROM payer WHERE payer_code=?1",
                         -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "self-pay payer");
  sqlite3_bind_text(st, 1, CC_CLAIMS_SELF_PAY, -1, SQLITE_STATIC);
  cc_code rc = sqlite3_step(st) == SQLITE_ROW ? CC_OK : CC_E_DB;
  if (!rc) *id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return rc ? store_db_error(s, err, "self-pay payer") : CC_OK;
}

/* The charges of a saved self-pay claim go on the books owed by the
 * patient (payer_id NULL), where statements and patient payments find
 * them; the claim itself is closed: there is no one to send it to. */
static cc_code self_pay_charges(cc_store *s, int64_t claim_id, cc_err *err) {
  char today[11];
  cc_date_iso(cc_date_today(), today);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO ledger_entry(patient_id,"
                         "claim_id,claim_line_id,payer_id,kind,amount_cents,"
                         "posted_date,service_date,reference) SELECT "
                         "c.patient_id,c.id,l.id,NULL,'charge',"
                         "l.charge_cents,?2,l.from_date,'self-pay' FROM claim "
                         "c JOIN claim_line l ON l.claim_id=c.id WHERE c.id=?1 "
                         "ORDER BY l.line_no", -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "self-pay charges");
  sqlite3_bind_int64(st, 1, claim_id);
  sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
  int r = sqlite3_step(st);
  sqlite3_finalize(st);
  return r == SQLITE_DONE ? CC_OK : store_db_error(s, err, "self-pay charges");
}

/* One unbilled charge line and what decides its claim. */
typedef struct pending {
  int64_t id, encounter, patient, billing, rendering, coverage;
  char day[11];
} pending;

static int same_group(const pending *a, const pending *b) {
  return a->encounter == b->encounter && a->patient == b->patient &&
         a->billing == b->billing && a->rendering == b->rendering &&
         a->coverage == b->coverage;
}

cc_code cc_claims_build(cc_store *s, uint32_t *built, cc_err *err) {
  cc_claims_build_result r;
  cc_code rc = cc_claims_build_tally(s, &r, err);
  *built = rc ? 0 : r.built;
  return rc;
}

cc_code cc_claims_build_tally(cc_store *s, cc_claims_build_result *res,
                              cc_err *err) {
  memset(res, 0, sizeof *res);
  uint32_t *built = &res->built;
  sqlite3_stmt *st;
  /* NOT IN over the billed lines is one pass building a temporary index;
   * a correlated NOT EXISTS scanned every claim line for each charge line
   * (claim_line has no index on charge_line_id), quadratic in the book. */
  if (sqlite3_prepare_v2(
          s->db,
          "SELECT cl.id,e.id,e.patient_id,COALESCE(e.billing_provider_id,0),"
          "COALESCE(cl.rendering_provider_id,e.rendering_provider_id,0),"
          "cl.from_date FROM charge_line cl JOIN encounter e ON "
          "e.id=cl.encounter_id WHERE cl.id NOT IN (SELECT charge_line_id "
          "FROM claim_line WHERE charge_line_id IS NOT NULL) ORDER BY "
          "e.patient_id,e.service_date,e.id,5,cl.line_no",
          -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "unbilled lines");
  pending *v = NULL;
  size_t n = 0, cap = 0;
  cc_code rc = CC_OK;
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (n == cap) {
      cap = cap ? cap * 2 : 256;
      pending *p = realloc(v, cap * sizeof *p);
      if (!p) {
        rc = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
        break;
      }
      v = p;
    }
    pending *p = &v[n++];
    p->id = sqlite3_column_int64(st, 0);
    p->encounter = sqlite3_column_int64(st, 1);
    p->patient = sqlite3_column_int64(st, 2);
    p->billing = sqlite3_column_int64(st, 3);
    p->rendering = sqlite3_column_int64(st, 4);
    claims_set(p->day, sizeof p->day, ct(st, 5));
    int64_t payer;
    p->coverage = 0;
    if (coverage_on(s, p->patient, "primary", p->day, &p->coverage, &payer) ==
        CC_E_DB)
      rc = store_db_error(s, err, "coverage");
  }
  sqlite3_finalize(st);
  if (!rc) rc = cc_store_begin(s, err);
  if (rc) {
    free(v);
    return rc;
  }
  cc_arena *a = cc_arena_new(0);
  int64_t *ids = n ? malloc(n * sizeof *ids) : NULL;
  if (!a || (n && !ids)) rc = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  size_t i = 0;
  int64_t self_pay = 0;
  while (!rc && i < n) {
    /* No coverage in force on the day: the visit is self-pay. */
    if (!v[i].coverage && !self_pay && (rc = self_pay_payer(s, &self_pay, err)))
      break;
    size_t j = i, m = 0;
    /* 837P allows 50 lines per claim: a longer visit is split. */
    while (j < n && same_group(&v[i], &v[j]) && m < 50) ids[m++] = v[j++].id;
    cc_arena_reset(a);
    cc_claim *c;
    rc = from_charges(s, ids, m, "primary", v[i].coverage ? 0 : self_pay, a,
                      &c, err);
    if (rc) break;
    sqlite3_stmt *q;
    int64_t next = 1;
    if (sqlite3_prepare_v2(s->db, "SELECT COALESCE(MAX(id),0)+1 FROM claim",
                           -1, &q, NULL) == SQLITE_OK) {
      if (sqlite3_step(q) == SQLITE_ROW) next = sqlite3_column_int64(q, 0);
      sqlite3_finalize(q);
    }
    snprintf(c->pcn, sizeof c->pcn, "CC%08lld", (long long)next);
    claims_set(c->status, sizeof c->status, v[i].coverage ? "built" : "closed");
    int64_t id;
    /* one transaction for the whole build */
    rc = store_claims_save_in_tx(s, c, v[i].coverage ? "build"
                                 : "build: self-pay, billed to the patient",
                                 &id, err);
    if (!rc && !v[i].coverage) {
      rc = self_pay_charges(s, id, err);
      /* a visit of more than 50 lines is split but still one visit */
      if (!i || v[i - 1].encounter != v[i].encounter) res->self_pay_visits++;
      if (!rc && cc_money_add(&res->self_pay_charged, c->total))
        rc = cc_err_set(err, CC_E_OVERFLOW, "self-pay total out of range",
                        NULL);
    } else if (!rc) {
      (*built)++;
    }
    i = j;
  }
  cc_arena_free(a);
  free(ids);
  free(v);
  if (rc) {
    cc_store_rollback(s);
    return rc;
  }
  return cc_store_commit(s, err);
}

/* A claim the earlier payer is still working on: no next-payer claim yet. */
static bool answered(const char *status) {
  static const char *const open[] = {"draft",    "built",    "ready",
                                     "held",     "submitted", "accepted",
                                     "rejected", "appealed"};
  for (size_t i = 0; i < sizeof open / sizeof *open; i++)
    if (strcmp(status, open[i]) == 0) return false;
  return true;
}

/* One candidate: a primary claim and the coverage of the next priority. */
typedef struct next_claim {
  int64_t primary, patient, coverage, payer;
  const char *priority; /* "secondary" / "tertiary" */
} next_claim;

/* Posting keeps every payer's answer on the primary claim, so what a next
 * payer owes is that claim's ledger balance with the next payer's id. */
static cc_code next_candidates(cc_store *s, next_claim **out, size_t *nout,
                               cc_err *err) {
  *out = NULL;
  *nout = 0;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          s->db,
          "SELECT c.id,c.patient_id,c.status,c.first_service_date,"
          "(SELECT status FROM claim s WHERE s.responsibility='secondary' AND "
          "EXISTS (SELECT 1 FROM claim_line a JOIN claim_line b ON "
          "b.charge_line_id=a.charge_line_id WHERE a.claim_id=c.id AND "
          "b.claim_id=s.id) ORDER BY s.id DESC LIMIT 1),"
          "EXISTS (SELECT 1 FROM claim t WHERE t.responsibility='tertiary' AND "
          "EXISTS (SELECT 1 FROM claim_line a JOIN claim_line b ON "
          "b.charge_line_id=a.charge_line_id WHERE a.claim_id=c.id AND "
          "b.claim_id=t.id)) "
          "FROM claim c WHERE c.responsibility='primary' AND "
          "c.frequency_code IN ('1','7') AND c.status NOT IN ('void') AND "
          "EXISTS (SELECT 1 FROM claim_line l WHERE l.claim_id=c.id AND "
          "l.charge_line_id IS NOT NULL) ORDER BY c.id",
          -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "claims answered by their payer");
  sqlite3_stmt *bal = NULL;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT COALESCE(SUM(amount_cents),0) FROM "
                         "ledger_entry WHERE claim_id=? AND payer_id=?",
                         -1, &bal, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return store_db_error(s, err, "balances");
  }
  next_claim *v = NULL;
  size_t n = 0, cap = 0;
  cc_code rc = CC_OK;
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    if (!answered(ct(st, 2))) continue;
    bool has_sec = sqlite3_column_type(st, 4) != SQLITE_NULL;
    bool has_ter = sqlite3_column_int(st, 5) != 0;
    const char *priority;
    if (!has_sec) priority = "secondary";
    else if (!has_ter && answered(ct(st, 4))) priority = "tertiary";
    else continue;
    next_claim c = {.primary = sqlite3_column_int64(st, 0),
                    .patient = sqlite3_column_int64(st, 1),
                    .priority = priority};
    rc = coverage_on(s, c.patient, priority, ct(st, 3), &c.coverage,
                     &c.payer);
    if (rc == CC_E_NOTFOUND) {
      rc = CC_OK;
      continue;
    }
    if (rc) {
      rc = store_db_error(s, err, "coverage");
      break;
    }
    sqlite3_reset(bal);
    sqlite3_bind_int64(bal, 1, c.primary);
    sqlite3_bind_int64(bal, 2, c.payer);
    if (sqlite3_step(bal) != SQLITE_ROW) {
      rc = store_db_error(s, err, "balances");
      break;
    }
    if (sqlite3_column_int64(bal, 0) <= 0) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      next_claim *p = realloc(v, cap * sizeof *p);
      if (!p) {
        rc = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
        break;
      }
      v = p;
    }
    v[n++] = c;
  }
  sqlite3_finalize(bal);
  sqlite3_finalize(st);
  if (rc) {
    free(v);
    return rc;
  }
  *out = v;
  *nout = n;
  return CC_OK;
}

cc_code cc_claims_build_next(cc_store *s, uint32_t *built, cc_err *err) {
  *built = 0;
  cc_code rc = cc_store_begin(s, err);
  if (rc) return rc;
  next_claim *v = NULL;
  size_t n = 0;
  rc = next_candidates(s, &v, &n, err);
  cc_arena *a = rc ? NULL : cc_arena_new(0);
  if (!rc && !a) rc = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  sqlite3_stmt *lines = NULL;
  if (!rc && sqlite3_prepare_v2(s->db,
                                "SELECT charge_line_id FROM claim_line WHERE "
                                "claim_id=? AND charge_line_id IS NOT NULL "
                                "ORDER BY line_no",
                                -1, &lines, NULL) != SQLITE_OK)
    rc = store_db_error(s, err, "claim lines");
  int64_t ids[CC_CLAIM_MAX_LINES];
  for (size_t i = 0; !rc && i < n; i++) {
    size_t m = 0;
    sqlite3_reset(lines);
    sqlite3_bind_int64(lines, 1, v[i].primary);
    while (m < CC_CLAIM_MAX_LINES && sqlite3_step(lines) == SQLITE_ROW)
      ids[m++] = sqlite3_column_int64(lines, 0);
    cc_arena_reset(a);
    cc_claim *c;
    rc = cc_claims_from_charges(s, ids, m, v[i].priority, a, &c, err);
    if (rc) break;
    sqlite3_stmt *q;
    int64_t next = 1;
    if (sqlite3_prepare_v2(s->db, "SELECT COALESCE(MAX(id),0)+1 FROM claim",
                           -1, &q, NULL) == SQLITE_OK) {
      if (sqlite3_step(q) == SQLITE_ROW) next = sqlite3_column_int64(q, 0);
      sqlite3_finalize(q);
    }
    snprintf(c->pcn, sizeof c->pcn, "CC%08lld", (long long)next);
    claims_set(c->status, sizeof c->status, "built");
    int64_t id;
    rc = store_claims_save_in_tx(s, c, "build: after the earlier payer's 835",
                                 &id, err);
    if (!rc) (*built)++;
  }
  sqlite3_finalize(lines);
  cc_arena_free(a);
  free(v);
  if (rc) {
    cc_store_rollback(s);
    return rc;
  }
  return cc_store_commit(s, err);
}
