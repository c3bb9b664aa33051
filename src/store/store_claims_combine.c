/* store_claims_combine.c - `claims build --combine`: visits of one patient
 * that the payer lets share a claim (payer.combine_visits_days) go out as
 * one claim, within the form's line and diagnosis limits. */
#include <stdlib.h>
#include <string.h>

#include "store_claims.h"

/* One unbilled charge line of a payer that combines visits. */
typedef struct cline {
  int64_t id, encounter, patient, billing, rendering, coverage;
  int64_t days; /* the payer's combine_visits_days */
  char form[5];
  cc_day day;   /* the visit's date of service */
} cline;

static bool same_claim_group(const cline *a, const cline *b) {
  return a->patient == b->patient && a->coverage == b->coverage &&
         a->billing == b->billing && a->rendering == b->rendering &&
         strcmp(a->form, b->form) == 0;
}

static cc_code load(cc_store *s, cline **out, size_t *nout, cc_err *err) {
  *out = NULL;
  *nout = 0;
  sqlite3_stmt *st;
  /* The coverage is the one cc_claims_from_charges will pick: primary, in
   * force on the line's date of service, latest effective first. */
  if (sqlite3_prepare_v2(
          s->db,
          "SELECT u.id,u.enc,u.patient,u.billing,u.rendering,u.cov,"
          "y.combine_visits_days,y.claim_form,u.day FROM (SELECT cl.id id,"
          "e.id enc,e.patient_id patient,COALESCE(e.billing_provider_id,0) "
          "billing,COALESCE(cl.rendering_provider_id,e.rendering_provider_id,"
          "0) rendering,e.service_date day,cl.line_no line_no,(SELECT v.id "
          "FROM coverage v WHERE v.patient_id=e.patient_id AND "
          "v.priority='primary' AND v.effective_date<=cl.from_date AND "
          "(v.termination_date IS NULL OR v.termination_date>=cl.from_date) "
          "ORDER BY v.effective_date DESC, v.id LIMIT 1) cov FROM charge_line "
          "cl JOIN encounter e ON e.id=cl.encounter_id WHERE NOT EXISTS "
          "(SELECT 1 FROM claim_line x WHERE x.charge_line_id=cl.id)) u JOIN "
          "coverage v ON v.id=u.cov JOIN payer y ON y.id=v.payer_id WHERE "
          "y.combine_visits_days>0 ORDER BY u.patient,u.cov,u.billing,"
          "u.rendering,y.claim_form,u.day,u.enc,u.line_no",
          -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "unbilled lines");
  cline *v = NULL;
  size_t n = 0, cap = 0;
  cc_code rc = CC_OK;
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    if (n == cap) {
      cap = cap ? cap * 2 : 256;
      cline *p = realloc(v, cap * sizeof *p);
      if (!p) {
        rc = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
        break;
      }
      v = p;
    }
    cline *p = &v[n++];
    p->id = sqlite3_column_int64(st, 0);
    p->encounter = sqlite3_column_int64(st, 1);
    p->patient = sqlite3_column_int64(st, 2);
    p->billing = sqlite3_column_int64(st, 3);
    p->rendering = sqlite3_column_int64(st, 4);
    p->coverage = sqlite3_column_int64(st, 5);
    p->days = sqlite3_column_int64(st, 6);
    const char *f = (const char *)sqlite3_column_text(st, 7);
    snprintf(p->form, sizeof p->form, "%s", f ? f : "837P");
    const char *d = (const char *)sqlite3_column_text(st, 8);
    if (!d || cc_date_parse_iso(cc_slice_cstr(d), &p->day) != CC_OK)
      p->day = 0;
  }
  if (!rc && r != SQLITE_DONE) rc = store_db_error(s, err, "unbilled lines");
  sqlite3_finalize(st);
  if (rc) {
    free(v);
    return rc;
  }
  *out = v;
  *nout = n;
  return CC_OK;
}

/* Lines [from, to) of v as charge ids into ids; returns the count. */
static size_t ids_of(const cline *v, size_t from, size_t to, int64_t *ids) {
  for (size_t i = from; i < to; i++) ids[i - from] = v[i].id;
  return to - from;
}

/* Within one group (same patient, coverage, providers, form), visits in
 * date order join the claim of the first while they fall within the
 * payer's days of it and the claim stays within the line limit (50 on an
 * 837P) and 12 diagnoses. A visit that does not fit starts the next claim;
 * a claim of one visit is left to cc_claims_build. */
static cc_code combine_group(cc_store *s, const cline *v, size_t g0,
                             size_t g1, int64_t *ids, cc_arena *a,
                             uint32_t *built, cc_err *err) {
  size_t max_lines = strcmp(v[g0].form, "837I") == 0 ? CC_CLAIM_MAX_LINES : 50;
  size_t i = g0;
  while (i < g1) {
    size_t j = i;
    while (j < g1 && v[j].encounter == v[i].encounter) j++;
    size_t visits = 1, end = j;
    cc_claim *c = NULL;
    cc_arena_reset(a);
    while (end - i <= max_lines && end < g1 &&
           v[end].day - v[i].day <= v[i].days) {
      size_t k = end;
      while (k < g1 && v[k].encounter == v[end].encounter) k++;
      if (k - i > max_lines) break;
      cc_claim *try_c = NULL;
      cc_err e;
      cc_err_clear(&e);
      cc_code rc = cc_claims_from_charges(s, ids, ids_of(v, i, k, ids),
                                          "primary", a, &try_c, &e);
      if (rc == CC_E_TOOBIG) break; /* more than 12 diagnoses */
      if (rc) {
        *err = e;
        return rc;
      }
      c = try_c;
      end = k;
      visits++;
    }
    if (visits >= 2 && c) {
      snprintf(c->status, sizeof c->status, "built");
      int64_t id;
      cc_code rc = store_claims_save_in_tx(
          s, c, "build: visits combined (payer rule combine_visits_days)",
          &id, err);
      if (rc) return rc;
      (*built)++;
    }
    i = end;
  }
  return CC_OK;
}

cc_code cc_claims_build_combine(cc_store *s, uint32_t *built, cc_err *err) {
  *built = 0;
  cline *v;
  size_t n;
  cc_code rc = load(s, &v, &n, err);
  if (rc) return rc;
  if (!n) {
    free(v);
    return CC_OK;
  }
  cc_arena *a = cc_arena_new(0);
  int64_t *ids = malloc(n * sizeof *ids);
  if (!a || !ids) rc = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  if (!rc) rc = cc_store_begin(s, err);
  if (!rc) {
    for (size_t g0 = 0; !rc && g0 < n;) {
      size_t g1 = g0;
      while (g1 < n && same_claim_group(&v[g0], &v[g1])) g1++;
      rc = combine_group(s, v, g0, g1, ids, a, built, err);
      g0 = g1;
    }
    if (rc) {
      cc_store_rollback(s);
      *built = 0;
    } else {
      rc = cc_store_commit(s, err);
    }
  }
  cc_arena_free(a);
  free(ids);
  free(v);
  return rc;
}
