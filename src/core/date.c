/* date.c - calendar days as integers (days since 1970-01-01), the unit of
 * aging, and the X12 (CCYYMMDD, HHMM...) and ISO 8601 text forms. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cleanclaim/core.h"

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool cc_date_valid(int y, int m, int d) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no tables, no floating point. */
cc_day cc_date_days(int y, int m, int d) {
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int)doe - 719468;
}

void cc_date_ymd(cc_day z, int *y, int *m, int *d) {
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int yy = (int)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yy + (*m <= 2);
}

static int digits(const char *p, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (p[i] < '0' || p[i] > '9') return -1;
    v = v * 10 + (p[i] - '0');
  }
  return v;
}

static cc_code make_day(int y, int m, int d, cc_day *out) {
  if (y < 0 || m < 0 || d < 0 || !cc_date_valid(y, m, d)) return CC_E_INVALID;
  *out = cc_date_days(y, m, d);
  return CC_OK;
}

cc_code cc_date_parse_d8(cc_slice s, cc_day *out) {
  if (s.n != 8) return CC_E_INVALID;
  return make_day(digits(s.p, 4), digits(s.p + 4, 2), digits(s.p + 6, 2), out);
}

cc_code cc_date_parse_iso(cc_slice s, cc_day *out) {
  if (s.n != 10 || s.p[4] != '-' || s.p[7] != '-') return CC_E_INVALID;
  return make_day(digits(s.p, 4), digits(s.p + 5, 2), digits(s.p + 8, 2), out);
}

/* Writes the digits by hand: years outside 1..9999 cannot come from a valid
 * day here, and printf would make the compiler warn about truncation. */
static void put_digits(char *p, unsigned v, int n) {
  while (n--) {
    p[n] = (char)('0' + v % 10);
    v /= 10;
  }
}

static void put_ymd(cc_day day, char *buf, bool dashes) {
  int y, m, d;
  cc_date_ymd(day, &y, &m, &d);
  unsigned uy = (unsigned)(y < 0 ? 0 : y % 10000);
  put_digits(buf, uy, 4);
  char *p = buf + 4;
  if (dashes) *p++ = '-';
  put_digits(p, (unsigned)m, 2);
  p += 2;
  if (dashes) *p++ = '-';
  put_digits(p, (unsigned)d, 2);
  p[2] = '\0';
}

char *cc_date_iso(cc_day day, char buf[11]) {
  put_ymd(day, buf, true);
  return buf;
}

char *cc_date_d8(cc_day day, char buf[9]) {
  put_ymd(day, buf, false);
  return buf;
}

cc_day cc_date_today(void) {
  /* Tests and demos pin "today" so aging and filing limits are repeatable. */
  const char *env = getenv("CC_TODAY");
  cc_day day;
  if (env && cc_date_parse_iso(cc_slice_cstr(env), &day) == CC_OK) return day;
  return (cc_day)(time(NULL) / 86400);
}

bool cc_time_valid(cc_slice s) {
  if (s.n != 4 && s.n != 6 && s.n != 7 && s.n != 8) return false;
  int hh = digits(s.p, 2), mm = digits(s.p + 2, 2);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return false;
  if (s.n >= 6) {
    int ss = digits(s.p + 4, 2);
    if (ss < 0 || ss > 59) return false;
    if (s.n > 6 && digits(s.p + 6, (int)s.n - 6) < 0) return false;
  }
  return true;
}
