/* claims_stub.c - placeholders so the claims API links while the module is
 * written; every function here is replaced by the real one before release. */
#include "cleanclaim/claims.h"

#include <string.h>

static cc_code todo(cc_err *err) {
  return cc_err_set(err, CC_E_UNSUPPORTED, "not implemented yet", "%s",
                    "claims module in progress");
}

void cc_claims_init(cc_claim *c, char form) {
  memset(c, 0, sizeof *c);
  c->form = form;
}
cc_claim *cc_claims_copy(const cc_claim *c, cc_arena *a) { return NULL; }
cc_day cc_claims_first_date(const cc_claim *c) { return 0; }
cc_day cc_claims_last_date(const cc_claim *c) { return 0; }
const char *cc_claims_problem_name(cc_claim_problem_kind k) { return ""; }
cc_code cc_claims_parse_mem(const char *p, size_t n, const char *name,
                            cc_claims_fn fn, void *ctx,
                            cc_claims_stats *stats, cc_err *err) {
  return todo(err);
}
cc_code cc_claims_parse_file(const char *path, cc_claims_fn fn, void *ctx,
                             cc_claims_stats *stats, cc_err *err) {
  return todo(err);
}
cc_code cc_claims_write(const cc_claim *const *claims, size_t n,
                        const cc_claims_envelope *env, cc_buf *out,
                        uint32_t *clm_seg, cc_err *err) {
  return todo(err);
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
