/* npi.c - National Provider Identifier check digit: the Luhn formula over
 * the 9-digit identifier prefixed with 80840 (the NPI's ISO card issuer
 * prefix), as CMS publishes it. */
#include "cleanclaim/core.h"

int cc_npi_check_digit(cc_slice first9) {
  if (first9.n != 9) return -1;
  /* The prefix 80840 contributes a constant 24 to the Luhn sum. */
  int sum = 24;
  for (size_t i = 0; i < 9; i++) {
    int d = first9.p[i] - '0';
    if (d < 0 || d > 9) return -1;
    /* Counting from the right of the 9 digits, the rightmost is doubled. */
    if ((9 - i) % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - sum % 10) % 10;
}

bool cc_npi_valid(cc_slice npi) {
  if (npi.n != 10) return false;
  int want = cc_npi_check_digit((cc_slice){npi.p, 9});
  return want >= 0 && npi.p[9] - '0' == want;
}
