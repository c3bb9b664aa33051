/* buf.c - growable byte buffer that refuses to grow past its limit. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/core.h"

void cc_buf_init(cc_buf *b, size_t limit) {
  b->p = NULL;
  b->n = b->cap = 0;
  b->limit = limit;
}

void cc_buf_free(cc_buf *b) {
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

static cc_code grow(cc_buf *b, size_t extra) {
  if (extra > b->limit || b->n > b->limit - extra) return CC_E_TOOBIG;
  size_t need = b->n + extra + 1;
  if (need <= b->cap) return CC_OK;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need) cap *= 2;
  if (cap > b->limit + 1) cap = b->limit + 1;
  char *p = realloc(b->p, cap);
  if (!p) return CC_E_NOMEM;
  b->p = p;
  b->cap = cap;
  return CC_OK;
}

cc_code cc_buf_append(cc_buf *b, const void *p, size_t n) {
  cc_code rc = grow(b, n);
  if (rc) return rc;
  if (n) memcpy(b->p + b->n, p, n);
  b->n += n;
  b->p[b->n] = '\0';
  return CC_OK;
}

cc_code cc_buf_puts(cc_buf *b, const char *s) {
  return cc_buf_append(b, s, strlen(s));
}

cc_code cc_buf_printf(cc_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return CC_E_INVALID;
  cc_code rc = grow(b, (size_t)n);
  if (rc) return rc;
  va_start(ap, fmt);
  vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)n;
  return CC_OK;
}

char *cc_buf_take(cc_buf *b) {
  char *p = b->p;
  b->p = NULL;
  b->n = b->cap = 0;
  return p;
}
