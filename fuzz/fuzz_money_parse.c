/* fuzz_money_parse.c - libFuzzer target: X12 amounts. Whatever parses must
 * format and parse back to the same cents; nothing may crash. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cc_slice s = {(const char *)data, size};
  cc_money m, back;
  cc_err e;
  char buf[24], buf2[24];
  if (cc_money_parse(s, &m, &e) != CC_OK) return 0;
  cc_money_x12(m, buf);
  if (cc_money_parse(cc_slice_cstr(buf), &back, &e) != CC_OK) abort();
  if (back.cents != m.cents) abort();
  cc_money_fmt(m, buf2);
  if (cc_money_parse(cc_slice_cstr(buf2), &back, &e) != CC_OK) abort();
  if (back.cents != m.cents) abort();
  return 0;
}
