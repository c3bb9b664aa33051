/* json_out.c - writing JSON strings: the escaping rules of RFC 8259, in one
 * place for the CLI's --json output and the server's responses. */
#include "cleanclaim/core.h"

/* Returns the escape for byte c, or NULL when c is written as is. */
static const char *escape(unsigned char c, char tmp[8]) {
  switch (c) {
  case '"': return "\\\"";
  case '\\': return "\\\\";
  case '\n': return "\\n";
  case '\r': return "\\r";
  case '\t': return "\\t";
  case '\b': return "\\b";
  case '\f': return "\\f";
  }
  if (c < 0x20 || c == 0x7f) {
    snprintf(tmp, 8, "\\u%04x", c);
    return tmp;
  }
  return NULL;
}

void cc_json_write_str(FILE *out, cc_slice s) {
  char tmp[8];
  fputc('"', out);
  for (size_t i = 0; i < s.n; i++) {
    const char *e = escape((unsigned char)s.p[i], tmp);
    if (e) fputs(e, out);
    else fputc(s.p[i], out);
  }
  fputc('"', out);
}

cc_code cc_json_buf_str(cc_buf *b, cc_slice s) {
  char tmp[8];
  cc_code rc = cc_buf_append(b, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < s.n && !rc; i++) {
    const char *e = escape((unsigned char)s.p[i], tmp);
    if (!e) continue;
    rc = cc_buf_append(b, s.p + run, i - run);
    if (!rc) rc = cc_buf_puts(b, e);
    run = i + 1;
  }
  if (!rc) rc = cc_buf_append(b, s.p + run, s.n - run);
  if (!rc) rc = cc_buf_append(b, "\"", 1);
  return rc;
}
