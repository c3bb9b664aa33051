/* slice.c - borrowed byte ranges: comparison, trimming, integer parsing. */
#include <string.h>

#include "cleanclaim/core.h"

cc_slice cc_slice_cstr(const char *s) {
  return (cc_slice){s, s ? strlen(s) : 0};
}

bool cc_slice_eq(cc_slice a, const char *cstr) {
  size_t n = strlen(cstr);
  return a.n == n && (n == 0 || memcmp(a.p, cstr, n) == 0);
}

bool cc_slice_eq2(cc_slice a, cc_slice b) {
  return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

cc_slice cc_slice_trim(cc_slice s) {
  while (s.n && is_blank(s.p[0])) s.p++, s.n--;
  while (s.n && is_blank(s.p[s.n - 1])) s.n--;
  return s;
}

char *cc_slice_copy(cc_slice s, char *buf, size_t cap) {
  if (cap == 0) return buf;
  size_t n = s.n < cap - 1 ? s.n : cap - 1;
  if (n) memcpy(buf, s.p, n);
  buf[n] = '\0';
  return buf;
}

cc_code cc_slice_to_u64(cc_slice s, uint64_t *out) {
  if (s.n == 0 || s.n > 20) return CC_E_INVALID;
  uint64_t v = 0;
  for (size_t i = 0; i < s.n; i++) {
    unsigned d = (unsigned)(unsigned char)s.p[i] - '0';
    if (d > 9) return CC_E_INVALID;
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, d, &v))
      return CC_E_OVERFLOW;
  }
  *out = v;
  return CC_OK;
}
