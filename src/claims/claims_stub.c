/* claims_stub.c - placeholders so the claims API links while the module is
 * written; every function here is replaced by the real one before release. */
#include "cleanclaim/claims.h"

#include <string.h>

static cc_code todo(cc_err *err) {
  return cc_err_set(err, CC_E_UNSUPPORTED, "not implemented yet", "%s",
                    "claims module in progress");
}

cc_code cc_claims_envelope_load(cc_store *s, int64_t practice_id,
                                cc_arena *a, cc_claims_envelope *env,
                                cc_err *err) {
  return todo(err);
}
cc_code cc_claims_load(cc_store *s, int64_t id, cc_arena *a, cc_claim **out,
                       cc_err *err) {
  return todo(err);
}
cc_code cc_claims_save(cc_store *s, const cc_claim *c, const char *source,
                       int64_t *id, cc_err *err) {
  return todo(err);
}
cc_code cc_claims_set_status(cc_store *s, int64_t id, const char *status,
                             const char *source, const char *detail,
                             cc_err *err) {
  return todo(err);
}
cc_code cc_claims_from_charges(cc_store *s, const int64_t *charge_ids,
                               size_t n, const char *priority, cc_arena *a,
                               cc_claim **out, cc_err *err) {
  return todo(err);
}
cc_code cc_claims_build(cc_store *s, uint32_t *built, cc_err *err) {
  return todo(err);
}
cc_code cc_claims_list(cc_store *s, const char *status,
                       int (*fn)(void *ctx, const cc_claims_row *row),
                       void *ctx, cc_err *err) {
  return todo(err);
}
