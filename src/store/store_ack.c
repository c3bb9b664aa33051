/* store_ack.c - the SQL of 999 and 277CA/277 intake: which claims an
 * acknowledgment speaks about, and each answer kept per claim. */
#include <limits.h>
#include <string.h>

#include "store_submit_int.h"

/* Calls fn with each row's claim id until fn returns non-zero, then
 * finalizes st (NULL when preparing failed: err is already set). */
static cc_code each_claim(cc_store *s, sqlite3_stmt *st, store_claim_fn fn,
                          void *ctx, const char *what, cc_err *err) {
  if (!st) return CC_E_DB;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (fn(ctx, sqlite3_column_int64(st, 0))) break;
  cc_code res = (rc == SQLITE_ROW || rc == SQLITE_DONE)
                    ? CC_OK
                    : store_db_error(s, err, what);
  sqlite3_finalize(st);
  return res;
}

/* Steps st once: CC_OK with a row to read, CC_E_NOTFOUND for none, the
 * database error otherwise. The caller reads the row, then finalizes. */
static cc_code step_one(cc_store *s, sqlite3_stmt *st, const char *what,
                        cc_err *err) {
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) return CC_OK;
  return rc == SQLITE_DONE ? CC_E_NOTFOUND : store_db_error(s, err, what);
}

cc_code store_ack_sent(cc_store *s, const char *gs_control,
                       const char *st_control, store_claim_fn fn, void *ctx,
                       cc_err *err) {
  /* Control numbers are compared as numbers: a 999 may echo "000000012"
   * for the "12" we sent, or the other way round. */
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT DISTINCT cs.claim_id FROM x12_file f JOIN claim_submission cs "
      "ON cs.file_id=f.id WHERE f.direction='out' AND f.kind IN ('837P',"
      "'837I') AND CAST(f.gs_control AS INTEGER)=CAST(?1 AS INTEGER) AND (?2 "
      "IS NULL OR CAST(cs.st_control AS INTEGER)=CAST(?2 AS INTEGER)) ORDER "
      "BY cs.claim_id",
      "tt", gs_control, st_control);
  return each_claim(s, st, fn, ctx, "sent claims", err);
}

cc_code store_ack_provider_claims(cc_store *s, const char *batch,
                                  const char *npi, store_claim_fn fn,
                                  void *ctx, cc_err *err) {
  if (!batch[0] || strspn(batch, "0123456789") != strlen(batch)) return CC_OK;
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT DISTINCT c.id FROM x12_file f JOIN claim_submission cs ON "
      "cs.file_id=f.id JOIN claim c ON c.id=cs.claim_id JOIN provider v ON "
      "v.id=c.billing_provider_id WHERE f.direction='out' AND f.kind IN "
      "('837P','837I') AND CAST(cs.st_control AS INTEGER)=CAST(?1 AS "
      "INTEGER) AND v.npi=?2 AND c.status IN ('submitted','accepted',"
      "'rejected') ORDER BY c.id",
      "tt", batch, npi);
  return each_claim(s, st, fn, ctx, "provider's claims", err);
}

cc_code store_ack_sent_other(cc_store *s, const char *gs_control, char *kind,
                             cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT kind FROM x12_file WHERE direction='out' AND kind NOT IN "
      "('837P','837I') AND CAST(gs_control AS INTEGER)=CAST(?1 AS INTEGER) "
      "ORDER BY id DESC LIMIT 1",
      "t", gs_control);
  if (!st) return CC_E_DB;
  cc_code res = step_one(s, st, "sent files", err);
  if (!res) snprintf(kind, 8, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return res;
}

cc_code store_ack_claim(cc_store *s, const char *pcn,
                        const char *payer_claim_no, int64_t *id, char *status,
                        cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT id, status FROM claim WHERE control_number=?1 UNION ALL "
      "SELECT id, status FROM claim WHERE ?2 IS NOT NULL AND "
      "payer_claim_number=?2 LIMIT 1",
      "tt", pcn, payer_claim_no);
  if (!st) return CC_E_DB;
  cc_code res = step_one(s, st, "claim", err);
  if (!res) {
    *id = sqlite3_column_int64(st, 0);
    snprintf(status, 12, "%s", (const char *)sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  return res;
}

cc_code store_ack_response(cc_store *s, const store_response *r,
                           cc_err *err) {
  cc_code rc = store_cyc_run(
      s, err, NULL,
      "INSERT INTO claim_response(claim_id,file_id,kind,accepted,code,"
      "status_date,amount_cents,payer_claim_number,segment_index,detail) "
      "VALUES(?,?,?,?,?,?,?,?,?,?)",
      "iitnttntnt", r->claim_id, r->file_id, r->kind,
      r->accepted < 0 ? INT64_MIN : (int64_t)r->accepted, r->code,
      r->status_date, r->has_amount ? r->amount_cents : INT64_MIN,
      r->payer_claim_number,
      r->segment_index ? (int64_t)r->segment_index : INT64_MIN, r->detail);
  if (rc || !r->payer_claim_number || !*r->payer_claim_number) return rc;
  /* The payer's number is what corrections (REF F8) and status requests
   * quote later; keep the latest one on the claim. */
  return store_cyc_run(s, err, NULL,
                       "UPDATE claim SET payer_claim_number=? WHERE id=?",
                       "ti", r->payer_claim_number, r->claim_id);
}
