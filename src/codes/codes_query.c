/* codes_query.c - search and show for people: turns what they type (a code
 * with or without its dot, or words of a description) into store queries. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "codes_int.h"

/* Upper case, no dot, no blanks; false when it cannot be a code. */
static bool norm_code(const char *in, char *out, size_t cap) {
  size_t n = 0;
  for (const char *p = in; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '.' || c == ' ') continue;
    if (!isalnum(c) || n + 1 >= cap) return false;
    out[n++] = (char)toupper(c);
  }
  out[n] = '\0';
  return n > 0;
}

/* Every word as a quoted prefix term: "type"* "2"* "diabetes"*. Quoting
 * keeps FTS5 syntax characters in the text from meaning anything. */
static char *fts_query(const char *text) {
  size_t len = strlen(text);
  char *q = malloc(len * 4 + 8), *w = q;
  if (!q) return NULL;
  const char *p = text;
  while (*p) {
    while (*p && !isalnum((unsigned char)*p)) p++;
    if (!*p) break;
    if (w != q) *w++ = ' ';
    *w++ = '"';
    while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
      *w++ = *p++;
    *w++ = '"';
    *w++ = '*';
  }
  *w = '\0';
  if (w == q) {
    free(q);
    return NULL;
  }
  return q;
}

cc_code cc_codes_search(cc_store *s, const char *text, int kind, int limit,
                        cc_codes_row_cb cb, void *ctx, cc_err *err) {
  char code[32];
  const char *kname = kind >= 0 ? cc_codes_kind_name((cc_codes_kind)kind) : NULL;
  bool is_code = strlen(text) < sizeof code && norm_code(text, code, sizeof code);
  char *fts = fts_query(text);
  if (!is_code && !fts)
    return cc_err_set(err, CC_E_USAGE, "nothing to search for",
                      "give a code or words of a description");
  cc_code rc = store_codes_search(s, is_code ? code : NULL, fts, text, kname, limit,
                                  cb, ctx, err);
  free(fts);
  return rc;
}

cc_code cc_codes_show(cc_store *s, const char *code, int kind,
                      cc_codes_row_cb cb, void *ctx, cc_err *err) {
  char c[32];
  if (strlen(code) >= sizeof c || !norm_code(code, c, sizeof c))
    return cc_err_set(err, CC_E_USAGE, "not a code",
                      "\"%s\": letters and digits, with or without a dot", code);
  long n = 0;
  const char *kname = kind >= 0 ? cc_codes_kind_name((cc_codes_kind)kind) : NULL;
  cc_code rc = store_codes_show(s, c, kname, cb, ctx, &n, err);
  if (!rc && n == 0)
    rc = cc_err_set(err, CC_E_NOTFOUND, "code not found",
                    "%s is in no loaded code set%s%s", c, kname ? " of kind " : "",
                    kname ? kname : "");
  return rc;
}

cc_code cc_codes_releases(cc_store *s, cc_codes_release_cb cb, void *ctx,
                          cc_err *err) {
  return store_codes_releases(s, cb, ctx, err);
}
