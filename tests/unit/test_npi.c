/* test_npi.c - NPI check digits; every expected digit worked out by hand
 * with the Luhn formula over 80840 + the first nine digits. */
#include "cleanclaim/core.h"
#include "test.h"

static bool v(const char *s) { return cc_npi_valid(cc_slice_cstr(s)); }

static void test_npi_published_example(void) {
  /* CMS's worked example: 123456789 -> sum 67 with the 24 of 80840 -> 3. */
  CHECK(v("1234567893"));
  CHECK_INT(cc_npi_check_digit(cc_slice_cstr("123456789")), 3);
  for (char d = '0'; d <= '9'; d++) {
    char s[11] = "123456789";
    s[9] = d;
    s[10] = '\0';
    CHECK(v(s) == (d == '3'));
  }
}

static void test_npi_synthetic(void) {
  /* 111111111: doubled 5x2=10, plain 4, +24 = 38 -> 2. */
  CHECK_INT(cc_npi_check_digit(cc_slice_cstr("111111111")), 2);
  CHECK(v("1111111112"));
  CHECK(!v("1111111111"));
  /* 987654321: doubled 1,3,5,7,9 -> 2+6+1+5+9 = 23, plain 20, +24 = 67 -> 3. */
  CHECK(v("9876543213"));
  /* 000000000: only the prefix, 24 -> 6. */
  CHECK(v("0000000006"));
}

static void test_npi_malformed(void) {
  CHECK(!v(""));
  CHECK(!v("123456789"));    /* nine digits */
  CHECK(!v("12345678930"));  /* eleven */
  CHECK(!v("12345678a3"));
  CHECK(!v(" 234567893"));
  CHECK_INT(cc_npi_check_digit(cc_slice_cstr("12345678")), -1);
  CHECK_INT(cc_npi_check_digit(cc_slice_cstr("1234x6789")), -1);
}

int main(void) {
  RUN(test_npi_published_example);
  RUN(test_npi_synthetic);
  RUN(test_npi_malformed);
  TEST_MAIN_END();
}
