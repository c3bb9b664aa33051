/* store_scrub.c - the reads behind the scrubber's snapshot: payer rules,
 * coverages, authorizations and the lines of claims already sent. Each is
 * one statement scanned once; the scrubber keeps the rows in memory. */
#include <string.h>

#include "store_int.h"
#include "store_scrub.h"

static cc_code prep(cc_store *s, const char *sql, sqlite3_stmt **st,
                    cc_err *err) {
  if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "prepare");
  return CC_OK;
}

static const char *col_str(sqlite3_stmt *st, int i) {
  return (const char *)sqlite3_column_text(st, i);
}

static cc_day col_day(sqlite3_stmt *st, int i) {
  const char *t = col_str(st, i);
  cc_day d;
  if (!t || cc_date_parse_iso(cc_slice_cstr(t), &d)) return CC_DAY_NONE;
  return d;
}

/* Step through every row; the body fills a row struct and calls back. */
#define SCAN(sql, ...)                                                       \
  do {                                                                       \
    sqlite3_stmt *st;                                                        \
    if (prep(s, sql, &st, err)) return CC_E_DB;                              \
    int sr;                                                                  \
    cc_code rc = CC_OK;                                                      \
    while (!rc && (sr = sqlite3_step(st)) == SQLITE_ROW) { __VA_ARGS__ }     \
    if (!rc && sr != SQLITE_DONE) rc = store_db_error(s, err, "read");       \
    sqlite3_finalize(st);                                                    \
    return rc;                                                               \
  } while (0)

cc_code store_scrub_payers(cc_store *s, store_scrub_payer_fn fn, void *ctx,
                           cc_err *err) {
  SCAN("SELECT id, payer_code, name, timely_filing_days, referral_required"
       " FROM payer ORDER BY id",
       {
         store_scrub_payer r = {
             .id = sqlite3_column_int64(st, 0),
             .payer_code = col_str(st, 1),
             .name = col_str(st, 2),
             .timely_filing_days = sqlite3_column_int64(st, 3),
             .referral_required = sqlite3_column_int(st, 4) != 0,
         };
         rc = fn(ctx, &r);
       });
}

cc_code store_scrub_payer_auth_codes(cc_store *s, store_scrub_code_fn fn,
                                     void *ctx, cc_err *err) {
  SCAN("SELECT payer_id, code FROM payer_auth_code ORDER BY payer_id, code",
       { rc = fn(ctx, sqlite3_column_int64(st, 0), col_str(st, 1)); });
}

cc_code store_scrub_coverages(cc_store *s, store_scrub_coverage_fn fn,
                              void *ctx, cc_err *err) {
  SCAN("SELECT c.id, c.patient_id, c.payer_id, c.member_id, c.priority,"
       " c.effective_date, c.termination_date, p.last_name, p.first_name,"
       " p.birth_date FROM coverage c JOIN patient p ON p.id = c.patient_id"
       " ORDER BY c.id",
       {
         store_scrub_coverage r = {
             .id = sqlite3_column_int64(st, 0),
             .patient_id = sqlite3_column_int64(st, 1),
             .payer_id = sqlite3_column_int64(st, 2),
             .member_id = col_str(st, 3),
             .priority = col_str(st, 4),
             .effective = col_day(st, 5),
             .termination = col_day(st, 6),
             .last_name = col_str(st, 7),
             .first_name = col_str(st, 8),
             .birth_date = col_day(st, 9),
         };
         rc = fn(ctx, &r);
       });
}

cc_code store_scrub_auths(cc_store *s, store_scrub_auth_fn fn, void *ctx,
                          cc_err *err) {
  SCAN("SELECT a.id, a.patient_id, a.payer_id, a.kind, a.number, pr.npi,"
       " a.start_date, a.end_date, coalesce(a.visits_allowed, -1),"
       " a.visits_used FROM authorization a"
       " LEFT JOIN provider pr ON pr.id = a.provider_id ORDER BY a.id",
       {
         store_scrub_auth r = {
             .id = sqlite3_column_int64(st, 0),
             .patient_id = sqlite3_column_int64(st, 1),
             .payer_id = sqlite3_column_int64(st, 2),
             .referral = strcmp(col_str(st, 3), "referral") == 0,
             .number = col_str(st, 4),
             .provider_npi = col_str(st, 5),
             .start = col_day(st, 6),
             .end = col_day(st, 7),
             .visits_allowed = sqlite3_column_int64(st, 8),
             .visits_used = sqlite3_column_int64(st, 9),
         };
         rc = fn(ctx, &r);
       });
}

cc_code store_scrub_auth_codes(cc_store *s, store_scrub_code_fn fn, void *ctx,
                               cc_err *err) {
  SCAN("SELECT authorization_id, code FROM authorization_code"
       " ORDER BY authorization_id, code",
       { rc = fn(ctx, sqlite3_column_int64(st, 0), col_str(st, 1)); });
}

/* "Already submitted" is every status a claim reaches once it left: a
 * draft, a ready claim, a rejected one (never accepted for processing) and
 * a void one do not count. */
cc_code store_scrub_history(cc_store *s, store_scrub_hist_fn fn, void *ctx,
                            cc_err *err) {
  SCAN("SELECT c.id, c.control_number, c.frequency_code, py.payer_code,"
       " cv.member_id, c.patient_id, pt.last_name, pt.birth_date, bp.npi,"
       " l.code, l.from_date"
       " FROM claim c JOIN claim_line l ON l.claim_id = c.id"
       " JOIN payer py ON py.id = c.payer_id"
       " JOIN patient pt ON pt.id = c.patient_id"
       " LEFT JOIN coverage cv ON cv.id = c.coverage_id"
       " LEFT JOIN provider bp ON bp.id = c.billing_provider_id"
       " WHERE c.status IN ('submitted','accepted','paid','partial','denied',"
       "'appealed','closed')"
       " ORDER BY c.id, l.line_no",
       {
         store_scrub_hist r = {
             .claim_id = sqlite3_column_int64(st, 0),
             .control_number = col_str(st, 1),
             .frequency_code = col_str(st, 2),
             .payer_code = col_str(st, 3),
             .member_id = col_str(st, 4),
             .patient_id = sqlite3_column_int64(st, 5),
             .last_name = col_str(st, 6),
             .birth_date = col_day(st, 7),
             .billing_npi = col_str(st, 8),
             .code = col_str(st, 9),
             .from = col_day(st, 10),
         };
         rc = fn(ctx, &r);
       });
}

cc_code store_scrub_code_days(cc_store *s, store_scrub_day_fn fn, void *ctx,
                              cc_err *err) {
  SCAN("SELECT effective, 0 FROM code WHERE effective IS NOT NULL"
       " UNION SELECT termination, 1 FROM code WHERE termination IS NOT NULL"
       " UNION SELECT effective, 0 FROM code_release WHERE kind = 'mue'"
       " AND effective IS NOT NULL"
       " UNION SELECT termination, 1 FROM code_release WHERE kind = 'mue'"
       " AND termination IS NOT NULL",
       {
         cc_day d = col_day(st, 0);
         if (d != CC_DAY_NONE) rc = fn(ctx, d + sqlite3_column_int(st, 1));
       });
}

static cc_code step(cc_store *s, sqlite3_stmt *st, const char *what, cc_err *err) {
  int r = sqlite3_step(st);
  sqlite3_finalize(st);
  return r == SQLITE_DONE ? CC_OK : store_db_error(s, err, what);
}

static void bind_or_null(sqlite3_stmt *st, int i, const char *v) {
  if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

static cc_code record(cc_store *s, const store_scrub_rec *r, cc_err *err) {
  sqlite3_stmt *st;
  if (prep(s, "INSERT INTO scrub_run(claim_id, scrub_date, errors, warnings)"
              " VALUES(?1, ?2, ?3, ?4)", &st, err))
    return CC_E_DB;
  sqlite3_bind_int64(st, 1, r->claim_id);
  bind_or_null(st, 2, r->day);
  sqlite3_bind_int64(st, 3, r->errors);
  sqlite3_bind_int64(st, 4, r->warnings);
  cc_code rc = step(s, st, "recording the scrub", err);
  if (rc) return rc;
  int64_t run = sqlite3_last_insert_rowid(s->db);
  if (prep(s, "INSERT INTO scrub_finding(run_id, line_no, rule, severity,"
              " message, fix, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)", &st, err))
    return CC_E_DB;
  for (size_t i = 0; !rc && i < r->n_findings; i++) {
    const store_scrub_frow *f = &r->findings[i];
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, run);
    if (f->line) sqlite3_bind_int64(st, 2, f->line);
    else sqlite3_bind_null(st, 2);
    bind_or_null(st, 3, f->rule);
    bind_or_null(st, 4, f->severity);
    bind_or_null(st, 5, f->message ? f->message : "");
    bind_or_null(st, 6, f->fix ? f->fix : "");
    bind_or_null(st, 7, f->source ? f->source : "");
    if (sqlite3_step(st) != SQLITE_DONE) rc = store_db_error(s, err, "recording a finding");
  }
  sqlite3_finalize(st);
  if (rc || !r->new_status) return rc;
  /* Claims already sent keep their status: a re-check is only a record. */
  if (prep(s, "UPDATE claim SET status = ?2, updated_at = strftime("
              "'%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1 AND status IN"
              " ('draft','built','held','ready') AND status <> ?2", &st, err))
    return CC_E_DB;
  sqlite3_bind_int64(st, 1, r->claim_id);
  bind_or_null(st, 2, r->new_status);
  if ((rc = step(s, st, "setting the claim status", err))) return rc;
  if (sqlite3_changes(s->db) == 0) return CC_OK;
  if (prep(s, "INSERT INTO claim_status_history(claim_id, status, source, detail)"
              " VALUES(?1, ?2, 'scrub', ?3)", &st, err))
    return CC_E_DB;
  sqlite3_bind_int64(st, 1, r->claim_id);
  bind_or_null(st, 2, r->new_status);
  bind_or_null(st, 3, r->detail);
  return step(s, st, "recording the status", err);
}

cc_code store_scrub_record(cc_store *s, const store_scrub_rec *r, cc_err *err) {
  cc_code rc = cc_store_begin(s, err);
  if (rc) return rc;
  rc = record(s, r, err);
  if (rc) {
    cc_store_rollback(s);
    return rc;
  }
  return cc_store_commit(s, err);
}
