/* billing_template.c - fills the text templates in data/templates: a
 * practice rewords its letters and statements without a release. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing_int.h"

#define TEMPLATE_MAX (256 * 1024)

void billing_var(billing_vars *v, const char *name, const char *value) {
  for (int i = 0; i < v->n; i++)
    if (strcmp(v->name[i], name) == 0) {
      v->value[i] = cc_arena_strdup(v->a, cc_slice_cstr(value ? value : ""));
      return;
    }
  if (v->n >= BILLING_MAX_VARS) return;
  v->name[v->n] = cc_arena_strdup(v->a, cc_slice_cstr(name));
  v->value[v->n] = cc_arena_strdup(v->a, cc_slice_cstr(value ? value : ""));
  v->n++;
}

void billing_var_kv(void *ctx, const char *name, const char *value) {
  billing_var(ctx, name, value);
}

static const char *lookup(const billing_vars *v, cc_slice name) {
  for (int i = 0; i < v->n; i++)
    if (v->name[i] && cc_slice_eq(name, v->name[i])) return v->value[i];
  return NULL;
}

cc_code billing_template_fill(const char *dir, const char *name,
                              const billing_vars *v, cc_buf *out,
                              cc_err *err) {
  if (!dir || !*dir) dir = getenv("CLEANCLAIM_TEMPLATES");
  if (!dir || !*dir) dir = "data/templates";
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f)
    return cc_err_set(err, CC_E_IO, "cannot read the template",
                      "%s: %s (set CLEANCLAIM_TEMPLATES to the templates "
                      "folder)", path, strerror(errno));
  cc_buf t;
  cc_buf_init(&t, TEMPLATE_MAX);
  char tmp[4096];
  size_t n;
  cc_code rc = CC_OK;
  while (!rc && (n = fread(tmp, 1, sizeof tmp, f)) > 0)
    rc = cc_buf_append(&t, tmp, n);
  fclose(f);
  if (rc) {
    cc_buf_free(&t);
    return cc_err_set(err, rc, "template too large", "%s", path);
  }
  const char *p = t.p ? t.p : "", *end = p + t.n;
  bool line_start = true;
  while (!rc && p < end) {
    if (line_start && *p == '#') { /* comment line */
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      p = nl ? nl + 1 : end;
      continue;
    }
    const char *open = strstr(p, "{{");
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (nl && (!open || nl < open)) { /* copy through the end of line */
      rc = cc_buf_append(out, p, (size_t)(nl + 1 - p));
      p = nl + 1;
      line_start = true;
      continue;
    }
    if (!open) {
      rc = cc_buf_append(out, p, (size_t)(end - p));
      break;
    }
    const char *close = strstr(open + 2, "}}");
    if (!close) {
      rc = cc_err_set(err, CC_E_INVALID, "template has an unclosed {{",
                      "%s", path);
      break;
    }
    if ((rc = cc_buf_append(out, p, (size_t)(open - p)))) break;
    cc_slice key = cc_slice_trim((cc_slice){open + 2, (size_t)(close - open - 2)});
    const char *val = lookup(v, key);
    if (!val) {
      rc = cc_err_set(err, CC_E_INVALID, "template names an unknown field",
                      "%s: {{%.*s}}", path, (int)key.n, key.p);
      break;
    }
    rc = cc_buf_puts(out, val);
    p = close + 2;
    line_start = false;
  }
  cc_buf_free(&t);
  return rc;
}
