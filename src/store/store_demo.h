/* store_demo.h - private to the library: the fixed rows of the
 * demonstration clinic that no public store call writes (its facility and
 * the biller who works its statements and denials). */
#ifndef CC_STORE_DEMO_H
#define CC_STORE_DEMO_H

#include "cleanclaim/core.h"
#include "cleanclaim/store.h"

/* The clinic's one facility, under the first practice (which must exist:
 * cc_claims_practice_set makes it). */
cc_code store_demo_facility(cc_store *s, const char *code, const char *name,
                            const char *npi, const char *pos,
                            const char *address1, const char *city,
                            const char *state, const char *zip, cc_err *err);
/* An active application user with role (admin, biller...), so the demo can
 * act as its billing office; an existing username is kept as it is. */
cc_code store_demo_user(cc_store *s, const char *username,
                        const char *display_name, const char *role,
                        cc_err *err);
/* Claims rejected at the 277CA for an unknown member (A3:33) and for an
 * NPI (A7:562: invalid or not enrolled with the payer); self-pay claims
 * (payer SELFPAY) and their charges. */
cc_code store_demo_counts(cc_store *s, uint32_t *rejected_member,
                          uint32_t *rejected_npi, uint32_t *self_pay_claims,
                          cc_money *self_pay_charged, cc_err *err);

#endif
