/* remit_835_post.c - posting an 835 to the ledger: one transaction per file,
 * exactly once. (First commit: declarations only, posting follows.) */
#include "cleanclaim/remit.h"

cc_code cc_remit_post_835_mem(cc_store *s, const char *p, size_t n,
                              const char *name, const cc_remit_opts *opts,
                              cc_remit_result *res, cc_err *err) {
  (void)s; (void)p; (void)n; (void)name; (void)opts; (void)res;
  return cc_err_set(err, CC_E_UNSUPPORTED, "835 posting is not built yet", "%s", "");
}

cc_code cc_remit_post_835_file(cc_store *s, const char *path,
                               const cc_remit_opts *opts, cc_remit_result *res,
                               cc_err *err) {
  (void)s; (void)path; (void)opts; (void)res;
  return cc_err_set(err, CC_E_UNSUPPORTED, "835 posting is not built yet", "%s", "");
}
