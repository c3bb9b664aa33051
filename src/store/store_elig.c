/* store_elig.c - the SQL of eligibility (270 out, 271 in) and claim status
 * (276 out): who to ask about, which coverage an answer is for, and the
 * claims still waiting for any answer from their payer. */
#include <limits.h>
#include <string.h>

#include "store_submit_int.h"

#define TX(i) store_cyc_text(st, (i), a)

cc_code store_elig_practice(cc_store *s, cc_arena *a, store_practice *out,
                            cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT name, npi, tax_id, submitter_id, submitter_name, receiver_id, "
      "receiver_name, isa_sender_qual, isa_receiver_qual, usage FROM "
      "practice ORDER BY id LIMIT 1",
      "");
  if (!st) return CC_E_DB;
  int rc = sqlite3_step(st);
  cc_code res = CC_OK;
  if (rc == SQLITE_ROW) {
    *out = (store_practice){TX(0), TX(1), TX(2), TX(3), TX(4),
                            TX(5), TX(6), TX(7), TX(8), TX(9)};
  } else if (rc == SQLITE_DONE) {
    res = cc_err_set(err, CC_E_NOTFOUND, "no practice settings",
                     "the database has no practice row: set the practice's "
                     "name, NPI, submitter and receiver first");
  } else {
    res = store_db_error(s, err, "practice");
  }
  sqlite3_finalize(st);
  return res;
}

cc_code store_elig_who_get(cc_store *s, const char *account_no,
                           const char *date_iso, const char *priority,
                           cc_arena *a, store_elig_who *out, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT p.id, c.id, p.account_no, p.last_name, p.first_name, "
      "p.birth_date, p.sex, c.relationship, c.member_id, c.group_number, "
      "c.subscriber_last_name, c.subscriber_first_name, "
      "c.subscriber_birth_date, c.subscriber_sex, y.payer_code, y.name FROM "
      "patient p LEFT JOIN coverage c ON c.patient_id=p.id AND c.priority=?3 "
      "AND c.effective_date<=?2 AND (c.termination_date IS NULL OR "
      "c.termination_date>=?2) LEFT JOIN payer y ON y.id=c.payer_id WHERE "
      "p.account_no=?1 ORDER BY c.effective_date DESC LIMIT 1",
      "ttt", account_no, date_iso, priority);
  if (!st) return CC_E_DB;
  int rc = sqlite3_step(st);
  cc_code res = CC_OK;
  if (rc == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL) {
    *out = (store_elig_who){sqlite3_column_int64(st, 0),
                            sqlite3_column_int64(st, 1),
                            TX(2), TX(3), TX(4), TX(5), TX(6), TX(7), TX(8),
                            TX(9), TX(10), TX(11), TX(12), TX(13), TX(14),
                            TX(15)};
  } else if (rc == SQLITE_ROW) {
    res = cc_err_set(err, CC_E_NOTFOUND, "no coverage in force",
                     "patient %s has no %s coverage in force on %s", account_no,
                     priority, date_iso);
  } else if (rc == SQLITE_DONE) {
    res = cc_err_set(err, CC_E_NOTFOUND, "no such patient",
                     "no patient with account number '%s'", account_no);
  } else {
    res = store_db_error(s, err, "patient");
  }
  sqlite3_finalize(st);
  return res;
}

cc_code store_elig_coverage_match(cc_store *s, int64_t cov_id,
                                  const char *payer_code,
                                  const char *member_id, const char *first,
                                  const char *birth_date, int64_t *out,
                                  cc_err *err) {
  /* Our own trace number names the coverage; the payer's ID and member ID
   * are the fallback, and among family members sharing the subscriber's ID
   * the patient's first name or birth date decides. */
  cc_code rc = store_cyc_run(
      s, err, out,
      "SELECT c.id FROM coverage c JOIN payer y ON y.id=c.payer_id JOIN "
      "patient p ON p.id=c.patient_id WHERE (c.id=?1 AND (?2 IS NULL OR "
      "y.payer_code=?2)) OR (?1 <= 0 OR c.id<>?1) AND y.payer_code=?2 AND "
      "c.member_id=?3 ORDER BY (c.id=?1) DESC, (upper(p.first_name)="
      "upper(?4)) DESC, (p.birth_date=?5) DESC, (c.relationship='self' AND "
      "?4 IS NULL) DESC, c.id LIMIT 1",
      "itttt", cov_id, payer_code, member_id, first, birth_date);
  if (rc == CC_E_NOTFOUND)
    return cc_err_set(err, CC_E_NOTFOUND, "no matching coverage",
                      "no coverage with payer '%s' and member ID '%s'",
                      payer_code ? payer_code : "", member_id ? member_id : "");
  return rc;
}

cc_code store_elig_update(cc_store *s, const store_elig_result *r,
                          cc_err *err) {
#define OPT(has, v) ((has) ? (v) : INT64_MIN)
  return store_cyc_run(
      s, err, NULL,
      "UPDATE coverage SET elig_checked_date=?, elig_active=?, elig_plan=?, "
      "elig_copay_cents=?, elig_coinsurance_bp=?, elig_deductible_cents=?, "
      "elig_deductible_remaining_cents=?, elig_oop_max_cents=?, "
      "elig_oop_remaining_cents=?, elig_message=?, elig_file_id=? WHERE id=?",
      "tntnnnnnntni", r->checked_date,
      r->active < 0 ? INT64_MIN : (int64_t)r->active, r->plan,
      OPT(r->has_copay, r->copay), OPT(r->has_coins, r->coins_bp),
      OPT(r->has_deductible, r->deductible),
      OPT(r->has_deductible_left, r->deductible_left),
      OPT(r->has_oop, r->oop), OPT(r->has_oop_left, r->oop_left), r->message,
      r->file_id ? r->file_id : INT64_MIN, r->coverage_id);
#undef OPT
}

cc_code store_elig_unanswered(cc_store *s, const char *cutoff_iso,
                              store_status_fn fn, void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "WITH sent AS (SELECT cs.claim_id, max(date(f.created_at)) AS day FROM "
      "claim_submission cs JOIN x12_file f ON f.id=cs.file_id GROUP BY "
      "cs.claim_id)"
      " SELECT c.id, c.control_number, c.payer_claim_number, "
      "c.first_service_date, c.last_service_date, c.total_charge_cents, "
      "y.payer_code, y.name, v.last_name, v.first_name, v.npi, v.kind, "
      "cv.relationship, cv.member_id, coalesce(cv.subscriber_last_name, "
      "p.last_name), coalesce(cv.subscriber_first_name, p.first_name), "
      "coalesce(cv.subscriber_birth_date, p.birth_date), "
      "coalesce(cv.subscriber_sex, p.sex), p.last_name, p.first_name, "
      "p.birth_date, p.sex, p.account_no FROM claim c JOIN sent ON "
      "sent.claim_id=c.id JOIN payer y ON y.id=c.payer_id JOIN patient p ON "
      "p.id=c.patient_id LEFT JOIN provider v ON v.id=c.billing_provider_id "
      "LEFT JOIN coverage cv ON cv.id=c.coverage_id WHERE c.status IN "
      "('submitted','accepted') AND sent.day<=?1 AND NOT EXISTS (SELECT 1 "
      "FROM claim_response r WHERE r.claim_id=c.id AND r.kind='277' AND "
      "date(r.created_at)>=sent.day) AND NOT EXISTS (SELECT 1 FROM "
      "remit_claim rc WHERE rc.claim_id=c.id) ORDER BY y.payer_code, c.id",
      "t", cutoff_iso);
  if (!st) return CC_E_DB;
  cc_arena *a = cc_arena_new(0);
  if (!a) {
    sqlite3_finalize(st);
    return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    cc_arena_reset(a);
    store_status_claim c = {
        sqlite3_column_int64(st, 0), TX(1), TX(2), TX(3), TX(4),
        sqlite3_column_int64(st, 5), TX(6), TX(7), TX(8), TX(9), TX(10),
        TX(11), TX(12), TX(13), TX(14), TX(15), TX(16), TX(17), TX(18),
        TX(19), TX(20), TX(21), TX(22)};
    if (fn(ctx, &c)) break;
  }
  cc_code res = (rc == SQLITE_ROW || rc == SQLITE_DONE)
                    ? CC_OK
                    : store_db_error(s, err, "claims without an answer");
  cc_arena_free(a);
  sqlite3_finalize(st);
  return res;
}
