/* billing_int.h - private to the library: the letter and statement
 * templates (data/templates) that billing and the denial queue fill. */
#ifndef CC_BILLING_INT_H
#define CC_BILLING_INT_H

#include "cleanclaim/billing.h"

#define BILLING_MAX_VARS 48

/* Named values for a template; names and values are copied into the
 * arena the caller gives. */
typedef struct billing_vars {
  const char *name[BILLING_MAX_VARS];
  const char *value[BILLING_MAX_VARS];
  int n;
  cc_arena *a;
} billing_vars;
void billing_var(billing_vars *v, const char *name, const char *value);
/* store_kv_fn-shaped adapter: ctx is a billing_vars. */
void billing_var_kv(void *ctx, const char *name, const char *value);

/* Read template name from dir (NULL: $CLEANCLAIM_TEMPLATES, else
 * data/templates) and append it to out with every {{name}} replaced by its
 * value. Lines starting with "#" are comments for whoever edits the
 * template. CC_E_IO when the template cannot be read; CC_E_INVALID naming
 * a {{name}} that has no value. */
cc_code billing_template_fill(const char *dir, const char *name,
                              const billing_vars *v, cc_buf *out,
                              cc_err *err) CC_WARN_UNUSED;

#endif
