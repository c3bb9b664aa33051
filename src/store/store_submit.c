/* store_submit.c - control numbers, X12 files kept whole, and what
 * submission writes: where each claim went out and its status change. */
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "store_claims_cob.h"
#include "store_ledger.h"
#include "store_submit_int.h"

static sqlite3_stmt *vprep(cc_store *s, cc_err *err, const char *sql,
                           const char *types, va_list ap) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    store_db_error(s, err, "prepare");
    return NULL;
  }
  int at = 1;
  for (const char *t = types; t && *t; t++, at++) {
    if (*t == 't') {
      const char *v = va_arg(ap, const char *);
      if (v && *v) sqlite3_bind_text(st, at, v, -1, SQLITE_TRANSIENT);
      else sqlite3_bind_null(st, at);
    } else if (*t == 'i' || *t == 'n') {
      int64_t v = va_arg(ap, int64_t);
      if (*t == 'n' && v == INT64_MIN) sqlite3_bind_null(st, at);
      else sqlite3_bind_int64(st, at, v);
    } else if (*t == 'b') {
      const void *p = va_arg(ap, const void *);
      size_t n = va_arg(ap, size_t);
      sqlite3_bind_blob64(st, at, p ? p : "", n, SQLITE_STATIC);
    }
  }
  return st;
}

sqlite3_stmt *store_cyc_prep(cc_store *s, cc_err *err, const char *sql,
                             const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  sqlite3_stmt *st = vprep(s, err, sql, types, ap);
  va_end(ap);
  return st;
}

cc_code store_cyc_run(cc_store *s, cc_err *err, int64_t *out, const char *sql,
                      const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  sqlite3_stmt *st = vprep(s, err, sql, types, ap);
  va_end(ap);
  if (!st) return CC_E_DB;
  int rc = sqlite3_step(st);
  cc_code res = CC_OK;
  if (rc == SQLITE_ROW) {
    if (out) *out = sqlite3_column_int64(st, 0);
  } else if (rc == SQLITE_DONE) {
    if (out) res = CC_E_NOTFOUND;
  } else {
    res = store_db_error(s, err, "statement");
  }
  sqlite3_finalize(st);
  return res;
}

const char *store_cyc_text(sqlite3_stmt *st, int col, cc_arena *a) {
  const unsigned char *t = sqlite3_column_text(st, col);
  if (!t) return NULL;
  return cc_arena_strdup(a, (cc_slice){(const char *)t,
                                       (size_t)sqlite3_column_bytes(st, col)});
}

cc_code store_x12_counter_next(cc_store *s, const char *name, uint32_t count,
                               uint32_t *first, cc_err *err) {
  int64_t v = 0;
  cc_code rc = store_cyc_run(s, err, &v,
                             "SELECT value FROM x12_counter WHERE name=?", "t",
                             name);
  if (rc == CC_E_NOTFOUND) v = 0;
  else if (rc) return rc;
  /* Nine digits fit every control number element; wrapping to 1 after
   * 999999999 keeps them unique for longer than any retention period. */
  if (v + count > 999999999) v = 0;
  *first = (uint32_t)v + 1;
  return store_cyc_run(s, err, NULL,
                       "INSERT INTO x12_counter(name,value) VALUES(?,?) ON "
                       "CONFLICT(name) DO UPDATE SET value=excluded.value",
                       "ti", name, (int64_t)(v + count));
}

cc_code store_x12_file_add(cc_store *s, const store_x12_file *f, int64_t *id,
                           cc_err *err) {
  cc_code rc = store_cyc_run(
      s, err, NULL,
      "INSERT INTO x12_file(direction,kind,path,isa_control,gs_control,"
      "st_control,version,content) VALUES(?,?,?,?,?,?,?,?)",
      "tttttttb", f->direction, f->kind, f->path, f->isa_control,
      f->gs_control, f->st_control, f->version, (const void *)f->content,
      f->n);
  if (!rc && id) *id = sqlite3_last_insert_rowid(s->db);
  return rc;
}

cc_code store_x12_file_find_in(cc_store *s, const char *p, size_t n,
                               int64_t *id, char *at, size_t at_cap,
                               cc_err *err) {
  /* Comparing the bytes themselves (not a hash) cannot mistake two files
   * for one; the length test keeps the scan cheap. */
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT id, created_at FROM x12_file WHERE direction='in' AND "
      "length(content)=? AND content=? ORDER BY id LIMIT 1",
      "ib", (int64_t)n, (const void *)p, n);
  if (!st) return CC_E_DB;
  int rc = sqlite3_step(st);
  cc_code res = CC_E_NOTFOUND;
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(st, 0);
    const unsigned char *t = sqlite3_column_text(st, 1);
    if (at && at_cap) snprintf(at, at_cap, "%s", t ? (const char *)t : "");
    res = CC_OK;
  } else if (rc != SQLITE_DONE) {
    res = store_db_error(s, err, "x12_file");
  }
  sqlite3_finalize(st);
  return res;
}

cc_code store_submit_ready(cc_store *s, const char *payer_code,
                           store_ready_fn fn, void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT c.id, y.id, y.payer_code, c.claim_form FROM claim c JOIN payer "
      "y ON y.id=c.payer_id WHERE c.status='ready' AND (?1 IS NULL OR "
      "y.payer_code=?1) ORDER BY y.payer_code, c.claim_form, c.id",
      "t", payer_code);
  if (!st) return CC_E_DB;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (fn(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
           (const char *)sqlite3_column_text(st, 2),
           (const char *)sqlite3_column_text(st, 3)))
      break;
  cc_code res = (rc == SQLITE_ROW || rc == SQLITE_DONE)
                    ? CC_OK
                    : store_db_error(s, err, "ready claims");
  sqlite3_finalize(st);
  return res;
}

cc_code store_submit_record(cc_store *s, int64_t claim_id, int64_t file_id,
                            const char *st_control, uint32_t clm_seg,
                            cc_err *err) {
  return store_cyc_run(s, err, NULL,
                       "INSERT INTO claim_submission(claim_id,file_id,"
                       "st_control,segment_index) VALUES(?,?,?,?)",
                       "iitn", claim_id, file_id, st_control,
                       clm_seg ? (int64_t)clm_seg : INT64_MIN);
}

cc_code store_claim_status(cc_store *s, int64_t claim_id, const char *status,
                           const char *source, const char *detail,
                           cc_err *err) {
  cc_code rc = store_cyc_run(
      s, err, NULL,
      "UPDATE claim SET status=?, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ',"
      "'now') WHERE id=?",
      "ti", status, claim_id);
  if (rc) return rc;
  return store_cyc_run(s, err, NULL,
                       "INSERT INTO claim_status_history(claim_id,status,"
                       "source,detail) VALUES(?,?,?,?)",
                       "ittt", claim_id, status, source, detail);
}

cc_code store_claim_task(cc_store *s, int64_t claim_id, const char *title,
                         cc_err *err) {
  return store_cyc_run(s, err, NULL,
                       "INSERT INTO task(object_type,object_id,title,"
                       "due_date) VALUES('claim',?,?,date('now','+3 days'))",
                       "it", claim_id, title);
}

cc_code store_submit_cob(cc_store *s, int64_t claim_id, store_cob_fn fn,
                         void *ctx, cc_err *err) {
  /* The claims this one follows: its original (original_claim_id) when that
   * went to another payer, else the same encounter's claims of an earlier
   * responsibility. What each payer decided is what posting its 835 kept:
   * remit_claim/remit_line (paid) and the ledger entries the CAS segments
   * wrote against that payer (adjustments, with group and reason). */
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      STORE_COB_PRIOR ","
      " rc AS (SELECT r.*, m.payment_date, m.posted_date FROM remit_claim r "
      "JOIN prior p ON p.id=r.claim_id AND r.payer_id=p.payer_id JOIN "
      "remittance m ON m.id=r.remittance_id WHERE r.reversed_by IS NULL AND "
      "r.status_code<>'22'),"
      " rows AS ("
      "SELECT rc.id AS rcid, 'C' AS k, 0 AS line_no, NULL AS code, "
      "rc.paid_cents AS paid, rc.patient_resp_cents AS resp, NULL AS grp, "
      "NULL AS reason, NULL AS amount, 0 AS seg FROM rc"
      " UNION ALL SELECT rc.id, 'L', cl.line_no, rl.code, rl.paid_cents, "
      "NULL, NULL, NULL, NULL, rl.segment_index FROM rc JOIN remit_line rl ON "
      "rl.remit_claim_id=rc.id JOIN claim_line cl ON cl.id=rl.claim_line_id"
      " UNION ALL SELECT rc.id, 'A', coalesce(cl.line_no,0), NULL, NULL, "
      "NULL, e.group_code, e.reason_code, -e.amount_cents, e.segment_index "
      "FROM rc JOIN ledger_entry e ON " STORE_RC_ENTRIES("e", "rc") " AND "
      "e.payer_id=rc.payer_id AND e.group_code IS NOT NULL AND e.kind<>"
      "'payment' LEFT JOIN claim_line cl ON cl.id=e.claim_line_id)"
      " SELECT rc.claim_id, y.payer_code, y.name, p.responsibility, "
      "y.filing_indicator, cv.member_id, coalesce(rc.payer_claim_number, "
      "p.payer_claim_number), coalesce(rc.payment_date, rc.posted_date), "
      "rows.k, rows.line_no, rows.code, rows.paid, rows.resp, rows.grp, "
      "rows.reason, rows.amount, cv.group_number, cv.relationship, "
      "cv.subscriber_last_name, cv.subscriber_first_name, rows.resp IS NULL "
      "FROM rows JOIN rc ON rc.id=rows.rcid JOIN claim p ON p.id=rc.claim_id "
      "JOIN payer y ON y.id=p.payer_id LEFT JOIN coverage cv ON "
      "cv.id=p.coverage_id ORDER BY p.responsibility, rc.claim_id, rc.id, "
      /* the payer's row first, then per line its SVD before its CAS */
      "rows.k='C' DESC, rows.line_no, rows.k='L' DESC, rows.seg",
      "i", claim_id);
  if (!st) return CC_E_DB;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
#define T(i) ((const char *)sqlite3_column_text(st, (i)))
    store_cob_row r = {
        .prior_claim_id = sqlite3_column_int64(st, 0),
        .payer_code = T(1), .payer_name = T(2), .responsibility = T(3),
        .filing_indicator = T(4), .member_id = T(5),
        .payer_claim_number = T(6), .adjudicated = T(7),
        .row = T(8) ? T(8)[0] : 'C',
        .line_no = (uint32_t)sqlite3_column_int64(st, 9), .code = T(10),
        .paid_cents = sqlite3_column_int64(st, 11),
        .resp_cents = sqlite3_column_int64(st, 12),
        .has_resp = sqlite3_column_type(st, 12) != SQLITE_NULL,
        .group_code = T(13), .reason_code = T(14),
        .amount_cents = sqlite3_column_int64(st, 15),
        .group_number = T(16), .relationship = T(17), .sub_last = T(18),
        .sub_first = T(19)};
#undef T
    if (fn(ctx, &r)) break;
  }
  cc_code res = (rc == SQLITE_ROW || rc == SQLITE_DONE)
                    ? CC_OK
                    : store_db_error(s, err, "prior adjudication");
  sqlite3_finalize(st);
  return res;
}
