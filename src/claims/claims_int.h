/* claims_int.h - helpers shared by the claims module's files (reading,
 * writing, the store glue). */
#ifndef CLAIMS_INT_H
#define CLAIMS_INT_H

#include "cleanclaim/claims.h"

/* Decimal quantity "1", "1.5", ".25" to thousandths; false when s is not a
 * non-negative decimal with at most three decimals. */
bool claims_parse_milli(cc_slice s, int64_t *out);
/* Thousandths to the shortest decimal text ("1500" -> "1.5"); buf >= 24. */
char *claims_fmt_milli(int64_t v, char *buf);
/* Copy a NUL-terminated string into a fixed field; truncates. */
void claims_set(char *dst, size_t cap, const char *src);
#define CLAIMS_SET(dst, src) claims_set((dst), sizeof(dst), (src))

/* A secondary or tertiary claim's COB loops (other[], lines' adj[]) from
 * each earlier payer's answer, unless the claim holds them already
 * (claims_cob.c). Other claims are left alone. */
cc_code claims_cob_fill(cc_store *s, cc_claim *c, cc_arena *a,
                        cc_err *err) CC_WARN_UNUSED;

#endif
