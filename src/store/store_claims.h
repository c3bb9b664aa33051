/* store_claims.h - private to src/store: the claim writes shared by
 * store_claims.c and store_claims_build.c. */
#ifndef CC_STORE_CLAIMS_H
#define CC_STORE_CLAIMS_H

#include "cleanclaim/claims.h"
#include "store_int.h"

/* Save a claim inside the caller's transaction (cc_claims_save opens its
 * own). Borrows c. */
cc_code store_claims_save_in_tx(cc_store *s, const cc_claim *c,
                                const char *source, int64_t *id,
                                cc_err *err) CC_WARN_UNUSED;

#endif
