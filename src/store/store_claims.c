/* store_claims.c - claims in the practice database: load a cc_claim with its
 * parties, save one (lines, diagnoses, COB), list them, change status, and
 * build claims from charge lines not yet billed. Every statement is bound. */
#include <stdlib.h>
#include <string.h>

#include "claims/claims_int.h"
#include "store_claims.h"

/* ------------------------------------------------------------ helpers -- */

static cc_code prep(cc_store *s, const char *sql, sqlite3_stmt **st,
                    cc_err *err) {
  if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "prepare");
  return CC_OK;
}

static void bt(sqlite3_stmt *st, int i, const char *v) {
  if (v && *v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}
static void bi(sqlite3_stmt *st, int i, int64_t v) {
  if (v) sqlite3_bind_int64(st, i, v);
  else sqlite3_bind_null(st, i);
}
static void bd(sqlite3_stmt *st, int i, cc_day d) {
  char b[11];
  if (d) sqlite3_bind_text(st, i, cc_date_iso(d, b), -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

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

static cc_code done(cc_store *s, sqlite3_stmt *st, cc_err *err,
                    const char *what) {
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return store_db_error(s, err, what);
  return CC_OK;
}

static const char *rel_code(const char *rel) {
  static const struct { const char *name, *code; } m[] = {
      {"self", "18"}, {"spouse", "01"}, {"child", "19"}, {"employee", "20"},
      {"life_partner", "53"}, {"other", "G8"}, {"unknown", "21"}};
  for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
    if (strcmp(rel, m[i].name) == 0) return m[i].code;
  return "G8";
}

static char resp_char(const char *r) {
  return strcmp(r, "secondary") == 0 ? 'S' : strcmp(r, "tertiary") == 0 ? 'T'
                                                                         : 'P';
}
static const char *resp_name(char r) {
  return r == 'S' ? "secondary" : r == 'T' ? "tertiary" : "primary";
}

/* A provider row as a claim party. */
static cc_code provider_party(cc_store *s, int64_t id, cc_claim_party *p,
                              cc_err *err) {
  memset(p, 0, sizeof *p);
  if (!id) return CC_OK;
  sqlite3_stmt *st;
  cc_code rc = prep(s, "SELECT kind,last_name,first_name,middle_name,suffix,"
                       "npi,taxonomy,tax_id,address1,address2,city,state,zip "
                       "FROM provider WHERE id=?", &st, err);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, id);
  if (sqlite3_step(st) == SQLITE_ROW) {
    p->entity = strcmp(ct(st, 0), "organization") == 0 ? '2' : '1';
    COL(p->last, st, 1);
    COL(p->first, st, 2);
    COL(p->middle, st, 3);
    COL(p->suffix, st, 4);
    claims_set(p->id_qual, sizeof p->id_qual, "XX");
    COL(p->id, st, 5);
    COL(p->taxonomy, st, 6);
    COL(p->tax_id, st, 7);
    if (p->tax_id[0]) claims_set(p->tax_id_qual, sizeof p->tax_id_qual, "EI");
    COL(p->addr1, st, 8);
    COL(p->addr2, st, 9);
    COL(p->city, st, 10);
    COL(p->state, st, 11);
    COL(p->zip, st, 12);
  }
  sqlite3_finalize(st);
  return CC_OK;
}

static int64_t provider_id(cc_store *s, const char *npi) {
  if (!npi || !*npi) return 0;
  int64_t id = 0;
  if (cc_store_find_provider(s, npi, &id) != CC_OK) return 0;
  return id;
}

/* ------------------------------------------------------------- envelope -- */

cc_code cc_claims_envelope_load(cc_store *s, int64_t practice_id,
                                cc_arena *a, cc_claims_envelope *env,
                                cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(s, "SELECT submitter_name,submitter_id,submitter_contact,"
                       "submitter_phone,receiver_name,receiver_id,"
                       "isa_sender_qual,isa_receiver_qual,usage,name,phone "
                       "FROM practice WHERE ?1=0 OR id=?1 ORDER BY id LIMIT 1",
                    &st, err);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, practice_id);
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return cc_err_set(err, CC_E_NOTFOUND, "no practice settings",
                      "the database has no practice with submitter and "
                      "receiver settings; add the practice first");
  }
  memset(env, 0, sizeof *env);
#define DUP(i) cc_arena_strdup(a, cc_slice_cstr(ct(st, (i))))
  env->submitter_name = *ct(st, 0) ? DUP(0) : DUP(9);
  env->submitter_id = DUP(1);
  env->contact_name = DUP(2);
  env->contact_phone = *ct(st, 3) ? DUP(3) : DUP(10);
  env->receiver_name = DUP(4);
  env->receiver_id = DUP(5);
  env->isa_sender_qual = DUP(6);
  env->isa_receiver_qual = DUP(7);
  env->usage = *ct(st, 8) ? ct(st, 8)[0] : 'T';
#undef DUP
  sqlite3_finalize(st);
  if (cc_arena_failed(a))
    return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  return CC_OK;
}

/* ----------------------------------------------------------------- load -- */

static cc_code load_lines(cc_store *s, cc_claim *c, cc_arena *a,
                          cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(
      s, "SELECT l.id,l.line_no,l.charge_line_id,l.line_control,l.code,"
         "l.modifier1,l.modifier2,l.modifier3,l.modifier4,l.units_milli,"
         "l.unit_basis,l.place_of_service,l.revenue_code,l.from_date,"
         "l.to_date,l.charge_cents,l.dx_ptr1,l.dx_ptr2,l.dx_ptr3,l.dx_ptr4,"
         "l.ndc,p.npi,p.last_name,p.first_name,p.kind,p.taxonomy,"
         "(SELECT count(*) FROM claim_line WHERE claim_id=?1) "
         "FROM claim_line l LEFT JOIN provider p ON "
         "p.id=l.rendering_provider_id WHERE l.claim_id=?1 ORDER BY l.line_no",
      &st, err);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, c->id);
  uint32_t n = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (!c->lines) {
      int64_t total = sqlite3_column_int64(st, 26);
      c->lines = cc_arena_alloc(a, (size_t)total * sizeof *c->lines);
      if (!c->lines) break;
      memset(c->lines, 0, (size_t)total * sizeof *c->lines);
    }
    cc_claim_line *l = &c->lines[n++];
    l->id = sqlite3_column_int64(st, 0);
    l->lx = (uint32_t)sqlite3_column_int64(st, 1);
    l->charge_line_id = sqlite3_column_int64(st, 2);
    COL(l->line_control, st, 3);
    claims_set(l->proc_qual, sizeof l->proc_qual, "HC");
    COL(l->proc, st, 4);
    for (int k = 0; k < 4; k++) COL(l->mod[k], st, 5 + k);
    l->units_milli = sqlite3_column_int64(st, 9);
    COL(l->unit_basis, st, 10);
    COL(l->pos, st, 11);
    COL(l->revenue, st, 12);
    l->from = cday(st, 13);
    l->to = cday(st, 14);
    l->charge.cents = sqlite3_column_int64(st, 15);
    for (int k = 0; k < 4; k++)
      l->dx_ptr[k] = (uint8_t)sqlite3_column_int64(st, 16 + k);
    COL(l->ndc, st, 20);
    if (l->ndc[0]) claims_set(l->ndc_qual, sizeof l->ndc_qual, "N4");
    if (*ct(st, 21)) {
      l->rendering.entity = strcmp(ct(st, 24), "organization") == 0 ? '2'
                                                                     : '1';
      COL(l->rendering.id, st, 21);
      COL(l->rendering.last, st, 22);
      COL(l->rendering.first, st, 23);
      COL(l->rendering.taxonomy, st, 25);
    }
  }
  c->n_lines = n;
  sqlite3_finalize(st);
  return cc_arena_failed(a) ? cc_err_set(err, CC_E_NOMEM, "out of memory",
                                         NULL)
                            : CC_OK;
}

static cc_code load_cob(cc_store *s, cc_claim *c, cc_arena *a, cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(s, "SELECT seq,responsibility,relationship,group_number,"
                       "filing_indicator,payer_code,payer_name,member_id,"
                       "subscriber_last_name,subscriber_first_name,"
                       "paid_cents,remaining_cents,adjudication_date,"
                       "payer_claim_number FROM claim_cob WHERE claim_id=? "
                       "ORDER BY seq", &st, err);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, c->id);
  while (sqlite3_step(st) == SQLITE_ROW && c->n_other <
                                               CC_CLAIM_MAX_OTHER_PAYERS) {
    if (!c->other) {
      c->other = cc_arena_alloc(a, CC_CLAIM_MAX_OTHER_PAYERS *
                                       sizeof *c->other);
      if (!c->other) break;
    }
    cc_claim_other_payer *o = &c->other[c->n_other++];
    memset(o, 0, sizeof *o);
    o->responsibility = ct(st, 1)[0];
    COL(o->relationship, st, 2);
    COL(o->group_number, st, 3);
    COL(o->filing_indicator, st, 4);
    o->payer.entity = '2';
    claims_set(o->payer.id_qual, sizeof o->payer.id_qual, "PI");
    COL(o->payer.id, st, 5);
    COL(o->payer.last, st, 6);
    o->subscriber.entity = '1';
    claims_set(o->subscriber.id_qual, sizeof o->subscriber.id_qual, "MI");
    COL(o->subscriber.id, st, 7);
    COL(o->subscriber.last, st, 8);
    COL(o->subscriber.first, st, 9);
    o->has_paid = sqlite3_column_type(st, 10) != SQLITE_NULL;
    o->paid.cents = sqlite3_column_int64(st, 10);
    o->has_remaining = sqlite3_column_type(st, 11) != SQLITE_NULL;
    o->remaining.cents = sqlite3_column_int64(st, 11);
    o->adjudicated = cday(st, 12);
    COL(o->payer_claim_no, st, 13);
  }
  sqlite3_finalize(st);
  if (!c->n_other) return CC_OK;
  /* per line: what each other payer paid (2430) */
  if ((rc = prep(s, "SELECT seq,line_no,paid_cents,code,units_milli,"
                    "adjudication_date FROM claim_cob_line WHERE claim_id=? "
                    "ORDER BY line_no,seq", &st, err)))
    return rc;
  sqlite3_bind_int64(st, 1, c->id);
  while (sqlite3_step(st) == SQLITE_ROW) {
    int seq = sqlite3_column_int(st, 0);
    uint32_t line_no = (uint32_t)sqlite3_column_int64(st, 1);
    for (uint32_t i = 0; i < c->n_lines; i++) {
      cc_claim_line *l = &c->lines[i];
      if (l->lx != line_no || seq < 1 || seq > c->n_other) continue;
      if (!l->adj) {
        l->adj = cc_arena_alloc(a, CC_CLAIM_MAX_LINE_ADJ * sizeof *l->adj);
        if (!l->adj) break;
      }
      if (l->n_adj >= CC_CLAIM_MAX_LINE_ADJ) break;
      cc_claim_line_adj *ad = &l->adj[l->n_adj++];
      memset(ad, 0, sizeof *ad);
      claims_set(ad->payer_id, sizeof ad->payer_id, c->other[seq - 1].payer.id);
      ad->paid.cents = sqlite3_column_int64(st, 2);
      claims_set(ad->proc_qual, sizeof ad->proc_qual, "HC");
      COL(ad->proc, st, 3);
      ad->units_milli = sqlite3_column_int64(st, 4);
      ad->adjudicated = cday(st, 5);
      ad->bundled_line = (uint32_t)seq; /* kept for the CAS pass below */
    }
  }
  sqlite3_finalize(st);
  if ((rc = prep(s, "SELECT seq,line_no,group_code,reason,amount_cents,"
                    "qty_milli FROM claim_cob_adjustment WHERE claim_id=? "
                    "ORDER BY id", &st, err)))
    return rc;
  sqlite3_bind_int64(st, 1, c->id);
  while (sqlite3_step(st) == SQLITE_ROW) {
    int seq = sqlite3_column_int(st, 0);
    uint32_t line_no = (uint32_t)sqlite3_column_int64(st, 1);
    if (seq < 1 || seq > c->n_other) continue;
    cc_claim_cas *cas = NULL;
    uint16_t *n = NULL;
    if (!line_no) {
      cas = c->other[seq - 1].cas;
      n = &c->other[seq - 1].n_cas;
    } else {
      for (uint32_t i = 0; i < c->n_lines && !cas; i++)
        for (uint16_t k = 0; k < c->lines[i].n_adj; k++)
          if (c->lines[i].lx == line_no &&
              c->lines[i].adj[k].bundled_line == (uint32_t)seq) {
            cas = c->lines[i].adj[k].cas;
            n = &c->lines[i].adj[k].n_cas;
            break;
          }
    }
    if (!cas || *n >= CC_CLAIM_MAX_CAS) continue;
    cc_claim_cas *x = &cas[(*n)++];
    memset(x, 0, sizeof *x);
    COL(x->group, st, 2);
    COL(x->reason, st, 3);
    x->amount.cents = sqlite3_column_int64(st, 4);
    x->qty_milli = sqlite3_column_int64(st, 5);
  }
  sqlite3_finalize(st);
  for (uint32_t i = 0; i < c->n_lines; i++)
    for (uint16_t k = 0; k < c->lines[i].n_adj; k++)
      c->lines[i].adj[k].bundled_line = 0;
  return cc_arena_failed(a) ? cc_err_set(err, CC_E_NOMEM, "out of memory",
                                         NULL)
                            : CC_OK;
}

cc_code cc_claims_load(cc_store *s, int64_t id, cc_arena *a, cc_claim **out,
                       cc_err *err) {
  *out = NULL;
  sqlite3_stmt *st;
  cc_code rc = prep(
      s,
      "SELECT c.control_number,c.encounter_id,c.patient_id,c.payer_id,"
      "c.coverage_id,c.billing_provider_id,c.responsibility,c.claim_form,"
      "c.frequency_code,c.facility_type,c.original_claim_id,"
      "c.payer_claim_number,c.total_charge_cents,c.status,"
      "c.place_of_service,c.rendering_provider_id,c.referring_provider_id,"
      "c.facility_id,c.prior_auth,c.referral_no,c.statement_from,"
      "c.statement_to,"
      /* 22 payer */
      "y.payer_code,y.name,y.filing_indicator,y.address1,y.address2,y.city,"
      "y.state,y.zip,"
      /* 30 patient */
      "p.last_name,p.first_name,p.middle_name,p.suffix,p.birth_date,p.sex,"
      "p.address1,p.address2,p.city,p.state,p.zip,p.account_no,"
      /* 42 coverage */
      "v.relationship,v.member_id,v.group_number,v.plan_name,"
      "v.subscriber_last_name,v.subscriber_first_name,"
      "v.subscriber_birth_date,v.subscriber_sex,v.subscriber_address1,"
      "v.subscriber_city,v.subscriber_state,v.subscriber_zip,"
      /* 54 facility */
      "f.name,f.npi,f.address1,f.address2,f.city,f.state,f.zip "
      "FROM claim c JOIN payer y ON y.id=c.payer_id "
      "JOIN patient p ON p.id=c.patient_id "
      "LEFT JOIN coverage v ON v.id=c.coverage_id "
      "LEFT JOIN facility f ON f.id=c.facility_id WHERE c.id=?",
      &st, err);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, id);
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return cc_err_set(err, CC_E_NOTFOUND, "no such claim", "claim %lld",
                      (long long)id);
  }
  cc_claim *c = cc_arena_alloc(a, sizeof *c);
  if (!c) {
    sqlite3_finalize(st);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  }
  cc_claims_init(c, strcmp(ct(st, 7), "837I") == 0 ? 'I' : 'P');
  c->id = id;
  COL(c->pcn, st, 0);
  c->encounter_id = sqlite3_column_int64(st, 1);
  c->patient_id = sqlite3_column_int64(st, 2);
  c->payer_id = sqlite3_column_int64(st, 3);
  c->coverage_id = sqlite3_column_int64(st, 4);
  c->billing_provider_id = sqlite3_column_int64(st, 5);
  c->responsibility = resp_char(ct(st, 6));
  c->frequency = ct(st, 8)[0] ? ct(st, 8)[0] : '1';
  c->original_claim_id = sqlite3_column_int64(st, 10);
  COL(c->payer_claim_no, st, 11);
  c->total.cents = sqlite3_column_int64(st, 12);
  COL(c->status, st, 13);
  if (c->form == 'I') {
    COL(c->facility_code, st, 9);
    c->facility_qual = 'A';
  } else {
    COL(c->facility_code, st, 14);
    c->facility_qual = 'B';
  }
  int64_t rendering = sqlite3_column_int64(st, 15);
  int64_t referring = sqlite3_column_int64(st, 16);
  COL(c->prior_auth, st, 18);
  COL(c->referral_no, st, 19);
  c->stmt_from = cday(st, 20);
  c->stmt_to = cday(st, 21);
  if (c->form == 'I' && c->facility_code[0])
    snprintf(c->type_of_bill, sizeof c->type_of_bill, "0%s%c",
             c->facility_code, c->frequency);
  /* payer */
  c->payer.entity = '2';
  claims_set(c->payer.id_qual, sizeof c->payer.id_qual, "PI");
  COL(c->payer.id, st, 22);
  COL(c->payer.last, st, 23);
  COL(c->filing_indicator, st, 24);
  COL(c->payer.addr1, st, 25);
  COL(c->payer.addr2, st, 26);
  COL(c->payer.city, st, 27);
  COL(c->payer.state, st, 28);
  COL(c->payer.zip, st, 29);
  /* patient, and the subscriber when it is someone else */
  cc_claim_person pat = {0};
  pat.name.entity = '1';
  COL(pat.name.last, st, 30);
  COL(pat.name.first, st, 31);
  COL(pat.name.middle, st, 32);
  COL(pat.name.suffix, st, 33);
  pat.birth_date = cday(st, 34);
  pat.sex = ct(st, 35)[0];
  COL(pat.name.addr1, st, 36);
  COL(pat.name.addr2, st, 37);
  COL(pat.name.city, st, 38);
  COL(pat.name.state, st, 39);
  COL(pat.name.zip, st, 40);
  const char *rel = *ct(st, 42) ? ct(st, 42) : "self";
  if (strcmp(rel, "self") == 0) {
    c->subscriber = pat;
    claims_set(c->relationship, sizeof c->relationship, "18");
  } else {
    c->has_patient = true;
    c->patient = pat;
    claims_set(c->relationship, sizeof c->relationship, rel_code(rel));
    cc_claim_person *sb = &c->subscriber;
    sb->name.entity = '1';
    COL(sb->name.last, st, 46);
    COL(sb->name.first, st, 47);
    sb->birth_date = cday(st, 48);
    sb->sex = ct(st, 49)[0];
    COL(sb->name.addr1, st, 50);
    COL(sb->name.city, st, 51);
    COL(sb->name.state, st, 52);
    COL(sb->name.zip, st, 53);
  }
  claims_set(c->subscriber.name.id_qual, sizeof c->subscriber.name.id_qual,
             "MI");
  COL(c->subscriber.name.id, st, 43);
  COL(c->group_number, st, 44);
  if (sqlite3_column_type(st, 54) != SQLITE_NULL) {
    c->facility.entity = '2';
    COL(c->facility.last, st, 54);
    COL(c->facility.id, st, 55);
    if (c->facility.id[0])
      claims_set(c->facility.id_qual, sizeof c->facility.id_qual, "XX");
    COL(c->facility.addr1, st, 56);
    COL(c->facility.addr2, st, 57);
    COL(c->facility.city, st, 58);
    COL(c->facility.state, st, 59);
    COL(c->facility.zip, st, 60);
  }
  sqlite3_finalize(st);
  if ((rc = provider_party(s, c->billing_provider_id, &c->billing, err)) ||
      (rc = provider_party(s, rendering, &c->rendering, err)) ||
      (rc = provider_party(s, referring, &c->referring, err)))
    return rc;
  if (c->form == 'I' && c->rendering.id[0]) c->attending = c->rendering;
  /* diagnoses */
  if ((rc = prep(s, "SELECT code FROM claim_diagnosis WHERE claim_id=? "
                    "ORDER BY seq", &st, err)))
    return rc;
  sqlite3_bind_int64(st, 1, id);
  while (sqlite3_step(st) == SQLITE_ROW && c->n_dx < CC_CLAIM_MAX_DX) {
    cc_claim_dx *d = &c->dx[c->n_dx];
    claims_set(d->qual, sizeof d->qual, c->n_dx ? "ABF" : "ABK");
    COL(d->code, st, 0);
    c->n_dx++;
  }
  sqlite3_finalize(st);
  if ((rc = load_lines(s, c, a, err)) || (rc = load_cob(s, c, a, err)))
    return rc;
  if (c->form == 'I' && !c->stmt_from) {
    c->stmt_from = cc_claims_first_date(c);
    c->stmt_to = cc_claims_last_date(c);
  }
  *out = c;
  return CC_OK;
}

/* ----------------------------------------------------------------- save -- */

static cc_code history(cc_store *s, int64_t id, const char *status,
                       const char *source, const char *detail, cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(s, "INSERT INTO claim_status_history(claim_id,status,"
                       "source,detail) VALUES(?,?,?,?)", &st, err);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, id);
  bt(st, 2, status);
  bt(st, 3, source);
  bt(st, 4, detail);
  return done(s, st, err, "claim history");
}

static cc_code save_children(cc_store *s, const cc_claim *c, int64_t id,
                             cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc;
  for (uint16_t i = 0; i < c->n_dx && i < 12; i++) {
    if ((rc = prep(s, "INSERT INTO claim_diagnosis(claim_id,seq,code) "
                      "VALUES(?,?,?)", &st, err)))
      return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, i + 1);
    bt(st, 3, c->dx[i].code);
    if ((rc = done(s, st, err, "claim diagnosis"))) return rc;
  }
  if ((rc = prep(s, "INSERT INTO claim_line(claim_id,line_no,charge_line_id,"
                    "line_control,code,modifier1,modifier2,modifier3,"
                    "modifier4,units_milli,unit_basis,place_of_service,"
                    "revenue_code,from_date,to_date,rendering_provider_id,"
                    "charge_cents,dx_ptr1,dx_ptr2,dx_ptr3,dx_ptr4,ndc) "
                    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 &st, err)))
    return rc;
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, i + 1);
    bi(st, 3, l->charge_line_id);
    bt(st, 4, l->line_control);
    bt(st, 5, l->proc[0] ? l->proc : l->revenue);
    for (int k = 0; k < 4; k++) bt(st, 6 + k, l->mod[k]);
    sqlite3_bind_int64(st, 10, l->units_milli ? l->units_milli : 1000);
    bt(st, 11, l->unit_basis[0] ? l->unit_basis : "UN");
    bt(st, 12, l->pos);
    bt(st, 13, l->revenue);
    bd(st, 14, l->from);
    bd(st, 15, l->to ? l->to : l->from);
    bi(st, 16, provider_id(s, l->rendering.id));
    sqlite3_bind_int64(st, 17, l->charge.cents);
    for (int k = 0; k < 4; k++) bi(st, 18 + k, l->dx_ptr[k]);
    bt(st, 22, l->ndc);
    int r = sqlite3_step(st);
    if (r != SQLITE_DONE) {
      cc_code e = store_db_error(s, err, "claim line");
      sqlite3_finalize(st);
      return e;
    }
  }
  sqlite3_finalize(st);
  for (uint16_t k = 0; k < c->n_other; k++) {
    const cc_claim_other_payer *o = &c->other[k];
    if ((rc = prep(s, "INSERT INTO claim_cob(claim_id,seq,responsibility,"
                      "relationship,group_number,filing_indicator,payer_code,"
                      "payer_name,member_id,subscriber_last_name,"
                      "subscriber_first_name,paid_cents,remaining_cents,"
                      "adjudication_date,payer_claim_number) "
                      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &st, err)))
      return rc;
    char r1[2] = {o->responsibility ? o->responsibility : 'P', 0};
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, k + 1);
    bt(st, 3, r1);
    bt(st, 4, o->relationship);
    bt(st, 5, o->group_number);
    bt(st, 6, o->filing_indicator);
    sqlite3_bind_text(st, 7, o->payer.id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 8, o->payer.last, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 9, o->subscriber.id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 10, o->subscriber.last, -1, SQLITE_TRANSIENT);
    bt(st, 11, o->subscriber.first);
    if (o->has_paid) sqlite3_bind_int64(st, 12, o->paid.cents);
    if (o->has_remaining) sqlite3_bind_int64(st, 13, o->remaining.cents);
    bd(st, 14, o->adjudicated);
    bt(st, 15, o->payer_claim_no);
    if ((rc = done(s, st, err, "claim COB"))) return rc;
  }
  /* adjustments: claim level (line 0) then per line */
  for (uint16_t k = 0; k < c->n_other; k++) {
    for (uint32_t li = 0; li <= c->n_lines; li++) {
      const cc_claim_cas *cas;
      uint16_t n;
      uint32_t line_no = 0;
      if (li == 0) {
        cas = c->other[k].cas;
        n = c->other[k].n_cas;
      } else {
        const cc_claim_line *l = &c->lines[li - 1];
        const cc_claim_line_adj *ad = NULL;
        for (uint16_t j = 0; j < l->n_adj && !ad; j++)
          if (strcmp(l->adj[j].payer_id, c->other[k].payer.id) == 0)
            ad = &l->adj[j];
        if (!ad) continue;
        line_no = li;
        if ((rc = prep(s, "INSERT INTO claim_cob_line(claim_id,seq,line_no,"
                          "paid_cents,code,units_milli,adjudication_date) "
                          "VALUES(?,?,?,?,?,?,?)", &st, err)))
          return rc;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, k + 1);
        sqlite3_bind_int64(st, 3, line_no);
        sqlite3_bind_int64(st, 4, ad->paid.cents);
        bt(st, 5, ad->proc);
        bi(st, 6, ad->units_milli);
        bd(st, 7, ad->adjudicated);
        if ((rc = done(s, st, err, "claim COB line"))) return rc;
        cas = ad->cas;
        n = ad->n_cas;
      }
      for (uint16_t j = 0; j < n; j++) {
        if ((rc = prep(s, "INSERT INTO claim_cob_adjustment(claim_id,seq,"
                          "line_no,group_code,reason,amount_cents,qty_milli) "
                          "VALUES(?,?,?,?,?,?,?)", &st, err)))
          return rc;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, k + 1);
        sqlite3_bind_int64(st, 3, line_no);
        bt(st, 4, cas[j].group);
        bt(st, 5, cas[j].reason);
        sqlite3_bind_int64(st, 6, cas[j].amount.cents);
        bi(st, 7, cas[j].qty_milli);
        if ((rc = done(s, st, err, "claim COB adjustment"))) return rc;
      }
    }
  }
  return CC_OK;
}

/* The writes of one claim, inside the caller's transaction. */
cc_code store_claims_save_in_tx(cc_store *s, const cc_claim *c,
                                const char *source, int64_t *id_out,
                                cc_err *err) {
  if (!c->patient_id || !c->payer_id)
    return cc_err_set(err, CC_E_INVALID, "claim has no patient or payer",
                      "claim %s: set patient_id and payer_id before saving",
                      c->pcn);
  int64_t billing = c->billing_provider_id ? c->billing_provider_id
                                           : provider_id(s, c->billing.id);
  const char *status = c->status[0] ? c->status : "built";
  char freq[2] = {c->frequency ? c->frequency : '1', 0};
  sqlite3_stmt *st;
  cc_code rc;
  const char *sql =
      c->id ? "UPDATE claim SET control_number=?1,encounter_id=?2,"
              "patient_id=?3,payer_id=?4,coverage_id=?5,"
              "billing_provider_id=?6,responsibility=?7,claim_form=?8,"
              "frequency_code=?9,facility_type=?10,original_claim_id=?11,"
              "payer_claim_number=?12,total_charge_cents=?13,status=?14,"
              "first_service_date=?15,last_service_date=?16,"
              "place_of_service=?17,rendering_provider_id=?18,"
              "referring_provider_id=?19,prior_auth=?20,referral_no=?21,"
              "statement_from=?22,statement_to=?23,updated_at=strftime("
              "'%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?24"
            : "INSERT INTO claim(control_number,encounter_id,patient_id,"
              "payer_id,coverage_id,billing_provider_id,responsibility,"
              "claim_form,frequency_code,facility_type,original_claim_id,"
              "payer_claim_number,total_charge_cents,status,"
              "first_service_date,last_service_date,place_of_service,"
              "rendering_provider_id,referring_provider_id,prior_auth,"
              "referral_no,statement_from,statement_to) VALUES(?1,?2,?3,?4,"
              "?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,"
              "?21,?22,?23)";
  /* A claim made from charge lines (a secondary, a split) has no CLM01
   * yet: it gets the next CC number, as claims build gives them. */
  char pcn[sizeof c->pcn];
  claims_set(pcn, sizeof pcn, c->pcn);
  if (!pcn[0] && !c->id) {
    if ((rc = prep(s, "SELECT printf('CC%08d',coalesce(max(id),0)+1) FROM "
                      "claim", &st, err)))
      return rc;
    if (sqlite3_step(st) == SQLITE_ROW) COL(pcn, st, 0);
    sqlite3_finalize(st);
  }
  if ((rc = prep(s, sql, &st, err))) return rc;
  bt(st, 1, pcn);
  bi(st, 2, c->encounter_id);
  sqlite3_bind_int64(st, 3, c->patient_id);
  sqlite3_bind_int64(st, 4, c->payer_id);
  bi(st, 5, c->coverage_id);
  bi(st, 6, billing);
  bt(st, 7, resp_name(c->responsibility));
  bt(st, 8, c->form == 'I' ? "837I" : "837P");
  bt(st, 9, freq);
  bt(st, 10, c->form == 'I' ? c->facility_code : NULL);
  bi(st, 11, c->original_claim_id);
  bt(st, 12, c->payer_claim_no);
  sqlite3_bind_int64(st, 13, c->total.cents);
  bt(st, 14, status);
  bd(st, 15, cc_claims_first_date(c));
  bd(st, 16, cc_claims_last_date(c));
  bt(st, 17, c->form == 'P' ? c->facility_code : NULL);
  bi(st, 18, provider_id(s, c->rendering.id));
  bi(st, 19, provider_id(s, c->referring.id));
  bt(st, 20, c->prior_auth);
  bt(st, 21, c->referral_no);
  bd(st, 22, c->stmt_from);
  bd(st, 23, c->stmt_to);
  if (c->id) sqlite3_bind_int64(st, 24, c->id);
  if ((rc = done(s, st, err, "claim"))) return rc;
  int64_t id = c->id ? c->id : sqlite3_last_insert_rowid(s->db);
  if (c->id) {
    static const char *const clear[] = {
        "DELETE FROM claim_diagnosis WHERE claim_id=?",
        "DELETE FROM claim_line WHERE claim_id=?",
        "DELETE FROM claim_cob WHERE claim_id=?",
        "DELETE FROM claim_cob_line WHERE claim_id=?",
        "DELETE FROM claim_cob_adjustment WHERE claim_id=?"};
    for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++) {
      if ((rc = prep(s, clear[i], &st, err))) return rc;
      sqlite3_bind_int64(st, 1, id);
      if ((rc = done(s, st, err, "claim replace"))) return rc;
    }
  }
  if ((rc = save_children(s, c, id, err))) return rc;
  if ((rc = history(s, id, status, source ? source : "claims", NULL, err)))
    return rc;
  if (id_out) *id_out = id;
  return CC_OK;
}

cc_code cc_claims_save(cc_store *s, const cc_claim *c, const char *source,
                       int64_t *id, cc_err *err) {
  cc_code rc = cc_store_begin(s, err);
  if (rc) return rc;
  if ((rc = store_claims_save_in_tx(s, c, source, id, err))) {
    cc_store_rollback(s);
    return rc;
  }
  return cc_store_commit(s, err);
}

cc_code cc_claims_set_status(cc_store *s, int64_t id, const char *status,
                             const char *source, const char *detail,
                             cc_err *err) {
  cc_code rc = cc_store_begin(s, err);
  if (rc) return rc;
  sqlite3_stmt *st;
  if (!(rc = prep(s, "UPDATE claim SET status=?,updated_at=strftime("
                     "'%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?", &st, err))) {
    bt(st, 1, status);
    sqlite3_bind_int64(st, 2, id);
    rc = done(s, st, err, "claim status");
    if (!rc && sqlite3_changes(s->db) == 0)
      rc = cc_err_set(err, CC_E_NOTFOUND, "no such claim", "claim %lld",
                      (long long)id);
  }
  if (!rc) rc = history(s, id, status, source, detail, err);
  if (rc) {
    cc_store_rollback(s);
    return rc;
  }
  return cc_store_commit(s, err);
}

/* ----------------------------------------------------------------- list -- */

cc_code cc_claims_list(cc_store *s, const char *status,
                       int (*fn)(void *ctx, const cc_claims_row *row),
                       void *ctx, cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(
      s, "SELECT c.id,c.control_number,c.status,c.claim_form,y.payer_code,"
         "p.account_no,c.responsibility,c.first_service_date,"
         "c.last_service_date,c.total_charge_cents,(SELECT count(*) FROM "
         "claim_line l WHERE l.claim_id=c.id) FROM claim c JOIN payer y ON "
         "y.id=c.payer_id JOIN patient p ON p.id=c.patient_id WHERE ?1 IS "
         "NULL OR c.status=?1 ORDER BY c.id", &st, err);
  if (rc) return rc;
  bt(st, 1, status);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    cc_claims_row row;
    memset(&row, 0, sizeof row);
    row.id = sqlite3_column_int64(st, 0);
    COL(row.pcn, st, 1);
    COL(row.status, st, 2);
    COL(row.form, st, 3);
    COL(row.payer_code, st, 4);
    COL(row.patient_account, st, 5);
    COL(row.responsibility, st, 6);
    COL(row.first_date, st, 7);
    COL(row.last_date, st, 8);
    row.total.cents = sqlite3_column_int64(st, 9);
    row.n_lines = (uint32_t)sqlite3_column_int64(st, 10);
    if (fn(ctx, &row)) {
      r = SQLITE_DONE;
      break;
    }
  }
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) return store_db_error(s, err, "claims list");
  return CC_OK;
}
