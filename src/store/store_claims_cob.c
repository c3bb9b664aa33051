/* store_claims_cob.c - the SQL behind a secondary or tertiary claim's COB
 * loops: which earlier payers answered, and where their 835 is kept. */
#include <stdlib.h>
#include <string.h>

#include "store_claims_cob.h"
#include "store_submit_int.h"

cc_code store_claims_cob_answers(cc_store *s, int64_t claim_id,
                                 store_cob_answer_fn fn, void *ctx,
                                 cc_err *err) {
  /* The prior claims (STORE_COB_PRIOR); a reversed CLP and the
   * reversal itself are no adjudication to report. */
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      STORE_COB_PRIOR
      " SELECT r.id, p.id, y.payer_code, y.name, p.responsibility, "
      "y.filing_indicator, cv.member_id, coalesce(r.payer_claim_number, "
      "p.payer_claim_number), coalesce(m.payment_date, m.posted_date), "
      "cv.group_number, cv.relationship, cv.subscriber_last_name, "
      "cv.subscriber_first_name, f.content, r.segment_index "
      "FROM remit_claim r JOIN prior p ON p.id=r.claim_id AND "
      "r.payer_id=p.payer_id JOIN remittance m ON m.id=r.remittance_id "
      "JOIN payer y ON y.id=p.payer_id LEFT JOIN x12_file f ON "
      "f.id=m.file_id LEFT JOIN coverage cv ON cv.id=p.coverage_id "
      "WHERE r.reversed_by IS NULL AND r.status_code<>'22' "
      "ORDER BY p.responsibility, p.id, r.id",
      "i", claim_id);
  if (!st) return CC_E_DB;
  /* Each SVC the posting matched, as a line of this claim: the line that
   * bills the same charge line (a secondary's answer is posted on the
   * primary's lines), else the line posted to. */
  sqlite3_stmt *ls = store_cyc_prep(
      s, err,
      "SELECT rl.segment_index, coalesce((SELECT m.line_no FROM claim_line "
      "m WHERE m.claim_id=?2 AND m.charge_line_id=cl.charge_line_id),"
      "cl.line_no, 0) FROM remit_line rl LEFT JOIN claim_line cl ON "
      "cl.id=rl.claim_line_id WHERE rl.remit_claim_id=?1 ORDER BY "
      "rl.segment_index",
      "ii", (int64_t)0, claim_id);
  if (!ls) {
    sqlite3_finalize(st);
    return CC_E_DB;
  }
  uint32_t *seg = NULL, *line = NULL;
  size_t cap = 0;
  cc_code res = CC_OK;
  int rc;
  while (!res && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    sqlite3_reset(ls);
    sqlite3_bind_int64(ls, 1, sqlite3_column_int64(st, 0));
    size_t n = 0;
    int lrc;
    while ((lrc = sqlite3_step(ls)) == SQLITE_ROW) {
      if (n == cap) {
        size_t nc = cap ? cap * 2 : 64;
        uint32_t *a = realloc(seg, nc * sizeof *a), *b;
        if (a) seg = a;
        b = a ? realloc(line, nc * sizeof *b) : NULL;
        if (!b) {
          res = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
          break;
        }
        line = b;
        cap = nc;
      }
      seg[n] = (uint32_t)sqlite3_column_int64(ls, 0);
      line[n++] = (uint32_t)sqlite3_column_int64(ls, 1);
    }
    if (!res && lrc != SQLITE_DONE)
      res = store_db_error(s, err, "lines of an earlier payer's answer");
    if (res) break;
#define T(i) ((const char *)sqlite3_column_text(st, (i)))
    store_cob_answer a = {
        .prior_claim_id = sqlite3_column_int64(st, 1),
        .payer_code = T(2), .payer_name = T(3), .responsibility = T(4),
        .filing_indicator = T(5), .member_id = T(6),
        .payer_claim_number = T(7), .adjudicated = T(8),
        .group_number = T(9), .relationship = T(10), .sub_last = T(11),
        .sub_first = T(12),
        .content = sqlite3_column_type(st, 13) == SQLITE_NULL
                       ? NULL
                       : (const char *)sqlite3_column_blob(st, 13),
        .content_n = (size_t)sqlite3_column_bytes(st, 13),
        .clp_seg = (uint32_t)sqlite3_column_int64(st, 14),
        .n_svc = n, .svc_seg = seg, .svc_line = line};
#undef T
    if (fn(ctx, &a)) break;
  }
  if (!res && rc != SQLITE_ROW && rc != SQLITE_DONE)
    res = store_db_error(s, err, "earlier payers' answers");
  free(seg);
  free(line);
  sqlite3_finalize(ls);
  sqlite3_finalize(st);
  return res;
}
