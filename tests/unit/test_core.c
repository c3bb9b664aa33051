/* test_core.c - money, dates, slices, arena and buffer; expected values are
 * worked out by hand. */
#include "cleanclaim/core.h"
#include "test.h"

static cc_money parse(const char *s, cc_code *rc) {
  cc_money m = {0};
  cc_err e;
  cc_err_clear(&e);
  *rc = cc_money_parse(cc_slice_cstr(s), &m, &e);
  return m;
}

static void test_money_parse(void) {
  cc_code rc;
  CHECK_INT(parse("125.5", &rc).cents, 12550); CHECK_INT(rc, CC_OK);
  CHECK_INT(parse("125.50", &rc).cents, 12550); CHECK_INT(rc, CC_OK);
  CHECK_INT(parse("-3", &rc).cents, -300); CHECK_INT(rc, CC_OK);
  CHECK_INT(parse(".5", &rc).cents, 50); CHECK_INT(rc, CC_OK);
  CHECK_INT(parse("0.05", &rc).cents, 5); CHECK_INT(rc, CC_OK);
  CHECK_INT(parse("100.", &rc).cents, 10000); CHECK_INT(rc, CC_OK);
  parse("1.005", &rc); CHECK_INT(rc, CC_E_INVALID);
  parse("1e3", &rc); CHECK_INT(rc, CC_E_INVALID);
  parse("", &rc); CHECK_INT(rc, CC_E_INVALID);
  parse(".", &rc); CHECK_INT(rc, CC_E_INVALID);
  parse("1.2.3", &rc); CHECK_INT(rc, CC_E_INVALID);
  parse("99999999999999999999", &rc); CHECK_INT(rc, CC_E_OVERFLOW);
}

static void test_money_format(void) {
  char b[24];
  CHECK_STR(cc_money_x12(CC_MONEY(12550), b), "125.5");
  CHECK_STR(cc_money_x12(CC_MONEY(10000), b), "100");
  CHECK_STR(cc_money_x12(CC_MONEY(-5), b), "-0.05");
  CHECK_STR(cc_money_x12(CC_MONEY(0), b), "0");
  CHECK_STR(cc_money_fmt(CC_MONEY(12550), b), "125.50");
  CHECK_STR(cc_money_fmt(CC_MONEY(-5), b), "-0.05");
  CHECK_STR(cc_money_fmt(CC_MONEY(INT64_MIN), b), "-92233720368547758.08");
}

static void test_money_arith(void) {
  cc_money a = CC_MONEY(INT64_MAX - 1);
  CHECK_INT(cc_money_add(&a, CC_MONEY(1)), CC_OK);
  CHECK_INT(cc_money_add(&a, CC_MONEY(1)), CC_E_OVERFLOW);
  CHECK_INT(a.cents, INT64_MAX); /* unchanged on overflow */
  cc_money r;
  /* 20% of $100.03 = 20.006 -> 20.01 */
  CHECK_INT(cc_money_muldiv(CC_MONEY(10003), 20, 100, &r), CC_OK);
  CHECK_INT(r.cents, 2001);
  /* 1/3 of 100 cents = 33.33 -> 33; half rounds away from zero */
  CHECK_INT(cc_money_muldiv(CC_MONEY(100), 1, 3, &r), CC_OK); CHECK_INT(r.cents, 33);
  CHECK_INT(cc_money_muldiv(CC_MONEY(5), 1, 2, &r), CC_OK); CHECK_INT(r.cents, 3);
  CHECK_INT(cc_money_muldiv(CC_MONEY(-5), 1, 2, &r), CC_OK); CHECK_INT(r.cents, -3);
  CHECK_INT(cc_money_muldiv(CC_MONEY(5), 1, 0, &r), CC_E_INVALID);
}

static void test_dates(void) {
  cc_day d;
  CHECK_INT(cc_date_parse_d8(cc_slice_cstr("19700101"), &d), CC_OK); CHECK_INT(d, 0);
  CHECK_INT(cc_date_parse_d8(cc_slice_cstr("20000301"), &d), CC_OK); CHECK_INT(d, 11017);
  CHECK_INT(cc_date_parse_d8(cc_slice_cstr("20240229"), &d), CC_OK);
  CHECK_INT(cc_date_parse_d8(cc_slice_cstr("20230229"), &d), CC_E_INVALID);
  CHECK_INT(cc_date_parse_d8(cc_slice_cstr("20001301"), &d), CC_E_INVALID);
  CHECK_INT(cc_date_parse_d8(cc_slice_cstr("2000011"), &d), CC_E_INVALID);
  CHECK_INT(cc_date_parse_iso(cc_slice_cstr("2026-11-26"), &d), CC_OK);
  char b[11], b8[9];
  CHECK_STR(cc_date_iso(d, b), "2026-11-26");
  CHECK_STR(cc_date_d8(d + 5, b8), "20261201");
  /* 2025-12-31 to 2026-01-30 is 30 days: the aging boundary. */
  cc_day a, z;
  CHECK_INT(cc_date_parse_iso(cc_slice_cstr("2025-12-31"), &a), CC_OK);
  CHECK_INT(cc_date_parse_iso(cc_slice_cstr("2026-01-30"), &z), CC_OK);
  CHECK_INT(z - a, 30);
  CHECK(cc_time_valid(cc_slice_cstr("2359")));
  CHECK(cc_time_valid(cc_slice_cstr("235959")));
  CHECK(!cc_time_valid(cc_slice_cstr("2460")));
  CHECK(!cc_time_valid(cc_slice_cstr("12")));
}

static void test_arena_buf(void) {
  cc_arena *a = cc_arena_new(1000);
  char *p = cc_arena_strdup(a, cc_slice_cstr("hello"));
  CHECK_STR(p, "hello");
  CHECK(!cc_arena_failed(a));
  void *big = cc_arena_alloc(a, 5000); /* over the limit: fails, sticky */
  CHECK(big == NULL);
  CHECK(cc_arena_failed(a));
  CHECK(cc_arena_alloc(a, 1) == NULL);
  cc_arena_free(a);
  cc_arena_free(NULL);

  cc_buf b;
  cc_buf_init(&b, 8);
  CHECK_INT(cc_buf_puts(&b, "12345678"), CC_OK);
  CHECK_INT(cc_buf_puts(&b, "9"), CC_E_TOOBIG);
  CHECK_STR(b.p, "12345678");
  cc_buf_free(&b);
}

static void test_slices(void) {
  uint64_t v;
  CHECK_INT(cc_slice_to_u64(cc_slice_cstr("000123"), &v), CC_OK); CHECK_INT(v, 123);
  CHECK_INT(cc_slice_to_u64(cc_slice_cstr("12a"), &v), CC_E_INVALID);
  CHECK(cc_slice_eq(cc_slice_trim(cc_slice_cstr("  ab \r\n")), "ab"));
  CHECK_STR(cc_strerror(CC_E_OVERFLOW), "amount out of range");
}

int main(void) {
  RUN(test_money_parse);
  RUN(test_money_format);
  RUN(test_money_arith);
  RUN(test_dates);
  RUN(test_arena_buf);
  RUN(test_slices);
  TEST_MAIN_END();
}
