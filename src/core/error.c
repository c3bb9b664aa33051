/* error.c - result-code text and the cc_err helpers: how an error is filled
 * in, printed as one line, and rendered with a caret under the bad byte. */
#include <stdarg.h>
#include <string.h>

#include "cleanclaim/error.h"

const char *cc_strerror(cc_code code) {
  switch (code) {
#define CC_X_STR(name, num, msg) \
  case name:                     \
    return msg;
    CC_CODE_LIST(CC_X_STR)
#undef CC_X_STR
  }
  return "unknown error";
}

void cc_err_clear(cc_err *err) {
  if (err) memset(err, 0, sizeof *err);
}

cc_code cc_err_set(cc_err *err, cc_code code, const char *msg, const char *fmt,
                   ...) {
  if (!err) return code;
  err->code = code;
  err->msg = msg ? msg : cc_strerror(code);
  err->detail[0] = '\0';
  if (fmt) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->detail, sizeof err->detail, fmt, ap);
    va_end(ap);
  }
  return code;
}

void cc_err_print(const cc_err *err, FILE *out) {
  if (err->file) {
    fputs(err->file, out);
    if (err->line)
      fprintf(out, ":%u", err->line);
    else if (err->seg_pos)
      fprintf(out, ":%u", err->seg_pos);
    if (err->field[0])
      fprintf(out, ":%s", err->field);
    else if (err->elem_pos)
      fprintf(out, ":%u", err->elem_pos);
    fputs(": ", out);
  }
  fputs(err->msg ? err->msg : cc_strerror(err->code), out);
  if (err->detail[0]) fprintf(out, ": %s", err->detail);
  /* A segment is an X12 notion: CSV and JSON errors already carry their
   * line, and "segment ?" would only puzzle the reader. */
  if (err->seg_id[0])
    fprintf(out, " (segment %s, byte %zu)", err->seg_id, err->byte_off);
  else if (err->byte_off && !err->line)
    fprintf(out, " (byte %zu)", err->byte_off);
  fputc('\n', out);
}

void cc_err_render(const cc_err *err, const char *input, size_t input_len,
                   FILE *out) {
  cc_err_print(err, out);
  if (!input || err->byte_off >= input_len) return;
  /* Show at most 72 bytes around the offset, on one line, with a caret. */
  size_t start = err->byte_off > 36 ? err->byte_off - 36 : 0;
  size_t end = err->byte_off + 36 < input_len ? err->byte_off + 36 : input_len;
  fputs("    ", out);
  for (size_t i = start; i < end; i++) {
    unsigned char c = (unsigned char)input[i];
    fputc(c >= 0x20 && c < 0x7f ? c : '.', out);
  }
  fputs("\n    ", out);
  for (size_t i = start; i < err->byte_off; i++) fputc(' ', out);
  fputs("^\n", out);
}
