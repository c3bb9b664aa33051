/* billing_template.c - fills the text templates in data/templates: a
 * practice rewords its letters and statements without a release. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Where the templates are when no folder is named: the working directory
 * when run from the repository, then beside the running binary, for the
 * build tree (build/cleanclaim -> data/templates) and an installed layout
 * (bin/cleanclaim -> share/cleanclaim/templates). The first readable
 * template wins; *path keeps the first candidate for the error. */
static FILE *open_default(const char *name, char *path, size_t cap) {
  char first[1024];
  snprintf(first, sizeof first, "data/templates/%s", name);
  FILE *f = fopen(first, "rb");
  if (f) {
    snprintf(path, cap, "%s", first);
    return f;
  }
  char exe[1024];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    static const char *const rel[] = {"../data/templates",
                                      "../share/cleanclaim/templates"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
      snprintf(path, cap, "%s/%s/%s", exe, rel[i], name);
      if ((f = fopen(path, "rb"))) return f;
    }
  }
  snprintf(path, cap, "%s", first);
  errno = ENOENT;
  return NULL;
}

cc_code billing_template_fill(const char *dir, const char *name,
                              const billing_vars *v, cc_buf *out,
                              cc_err *err) {
  if (!dir || !*dir) dir = getenv("CLEANCLAIM_TEMPLATES");
  char path[2200];
  FILE *f;
  if (dir && *dir) {
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
  } else {
    f = open_default(name, path, sizeof path);
  }
  if (!f)
    return cc_err_set(err, CC_E_IO, "cannot read the template",
                      "%s: %s (%s)", path, strerror(errno),
                      dir && *dir ? "check the templates folder"
                                  : "not beside the program either; set "
                                    "CLEANCLAIM_TEMPLATES to the folder");
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
