/* money.c - integer cents: checked arithmetic, exact X12 parsing and
 * printing, and the one rounding rule used for shares and percentages. */
#include <string.h>

#include "cleanclaim/core.h"

cc_code cc_money_add(cc_money *acc, cc_money x) {
  int64_t r;
  if (__builtin_add_overflow(acc->cents, x.cents, &r)) return CC_E_OVERFLOW;
  acc->cents = r;
  return CC_OK;
}

cc_code cc_money_sub(cc_money *acc, cc_money x) {
  int64_t r;
  if (__builtin_sub_overflow(acc->cents, x.cents, &r)) return CC_E_OVERFLOW;
  acc->cents = r;
  return CC_OK;
}

cc_code cc_money_parse(cc_slice s, cc_money *out, cc_err *err) {
  size_t i = 0;
  bool neg = false;
  if (s.n == 0)
    return cc_err_set(err, CC_E_INVALID, "empty amount", NULL);
  if (s.p[0] == '-') neg = true, i = 1;
  else if (s.p[0] == '+') i = 1;
  int64_t whole = 0, frac = 0;
  int ndig = 0, nfrac = 0;
  bool point = false;
  for (; i < s.n; i++) {
    char c = s.p[i];
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9')
      return cc_err_set(err, CC_E_INVALID, "invalid amount",
                        "'%.*s' is not a decimal number", (int)(s.n > 40 ? 40 : s.n), s.p);
    if (point) {
      if (++nfrac > 2)
        return cc_err_set(err, CC_E_INVALID, "invalid amount",
                          "'%.*s' has more than two decimals", (int)(s.n > 40 ? 40 : s.n), s.p);
      frac = frac * 10 + (c - '0');
    } else {
      ndig++;
      if (__builtin_mul_overflow(whole, 10, &whole) ||
          __builtin_add_overflow(whole, c - '0', &whole))
        return cc_err_set(err, CC_E_OVERFLOW, "amount out of range", NULL);
    }
  }
  if (ndig + nfrac == 0)
    return cc_err_set(err, CC_E_INVALID, "invalid amount", "no digits");
  if (nfrac == 1) frac *= 10;
  int64_t cents;
  if (__builtin_mul_overflow(whole, 100, &cents) ||
      __builtin_add_overflow(cents, frac, &cents))
    return cc_err_set(err, CC_E_OVERFLOW, "amount out of range", NULL);
  out->cents = neg ? -cents : cents;
  return CC_OK;
}

/* Both formatters share this: sign, whole units, and two decimals. */
static char *fmt_cents(int64_t c, char *buf, bool trim) {
  uint64_t u = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;
  char tmp[24];
  int n = 0;
  uint64_t whole = u / 100;
  unsigned frac = (unsigned)(u % 100);
  do {
    tmp[n++] = (char)('0' + whole % 10);
    whole /= 10;
  } while (whole);
  char *p = buf;
  if (c < 0) *p++ = '-';
  while (n) *p++ = tmp[--n];
  if (!trim || frac) {
    *p++ = '.';
    *p++ = (char)('0' + frac / 10);
    if (!trim || frac % 10) *p++ = (char)('0' + frac % 10);
  }
  *p = '\0';
  return buf;
}

char *cc_money_x12(cc_money m, char *buf) { return fmt_cents(m.cents, buf, true); }
char *cc_money_fmt(cc_money m, char *buf) { return fmt_cents(m.cents, buf, false); }

cc_code cc_money_muldiv(cc_money m, int64_t num, int64_t den, cc_money *out) {
  if (den == 0) return CC_E_INVALID;
  __int128 p = (__int128)m.cents * num;
  __int128 q = p / den, r = p % den;
  /* Half away from zero: compare twice the remainder with the divisor. */
  __int128 r2 = r < 0 ? -r * 2 : r * 2;
  __int128 d = den < 0 ? -(__int128)den : den;
  if (r2 >= d) q += ((p < 0) != (den < 0)) ? -1 : 1;
  if (q > INT64_MAX || q < INT64_MIN) return CC_E_OVERFLOW;
  out->cents = (int64_t)q;
  return CC_OK;
}
