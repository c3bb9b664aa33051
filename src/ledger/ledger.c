/* ledger.c - ledger entries, balances by responsible party, invariants.
 * (First commit: declarations only.) */
#include "cleanclaim/ledger.h"

cc_code cc_ledger_check(cc_store *s, cc_ledger_problem_fn fn, void *ctx,
                        cc_ledger_summary *sum, cc_err *err) {
  (void)s; (void)fn; (void)ctx; (void)sum;
  return cc_err_set(err, CC_E_UNSUPPORTED, "ledger check is not built yet", "%s", "");
}
cc_code cc_ledger_claim_balances(cc_store *s, const char *claim_key,
                                 cc_ledger_balance *out, size_t max,
                                 size_t *n, cc_err *err) {
  (void)s; (void)claim_key; (void)out; (void)max; (void)n;
  return cc_err_set(err, CC_E_UNSUPPORTED, "ledger is not built yet", "%s", "");
}
cc_code cc_ledger_charge_claim(cc_store *s, int64_t claim_id,
                               const char *posted_date, cc_err *err) {
  (void)s; (void)claim_id; (void)posted_date;
  return cc_err_set(err, CC_E_UNSUPPORTED, "ledger is not built yet", "%s", "");
}
cc_code cc_ledger_claim_json(cc_store *s, const char *claim_key, cc_buf *out,
                             cc_err *err) {
  (void)s; (void)claim_key; (void)out;
  return cc_err_set(err, CC_E_UNSUPPORTED, "ledger is not built yet", "%s", "");
}
cc_code cc_ledger_patient_json(cc_store *s, const char *account_no,
                               cc_buf *out, cc_err *err) {
  (void)s; (void)account_no; (void)out;
  return cc_err_set(err, CC_E_UNSUPPORTED, "ledger is not built yet", "%s", "");
}
