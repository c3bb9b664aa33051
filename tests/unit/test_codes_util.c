/* test_codes_util.c - the pieces under the code-set loaders: packing codes
 * into integers (order must follow the codes) and splitting CSV/TSV lines. */
#include <string.h>

#include "codes/codes_int.h"
#include "test.h"

static uint64_t P(const char *s) { return codes_pack(cc_slice_cstr(s)); }

static void test_pack(void) {
  CHECK(P("A00") != 0);
  CHECK(P("A00") < P("A000"));   /* a header sorts before its children */
  CHECK(P("A000") < P("A001"));
  CHECK(P("A09") < P("A1"));     /* character by character, like strcmp */
  CHECK(P("Z99") < P("ZZ"));
  CHECK(P("99213") < P("A0021"));  /* digits before letters, as in ASCII */
  CHECK(P("E11.9") == P("E119"));  /* the dot is ignored */
  CHECK(P("e119") == P("E119"));   /* case folded */
  CHECK(P("207Q00000X") != 0);     /* ten characters fit */
  CHECK(P("123456789012") != 0);
  CHECK_INT(P("1234567890123"), 0); /* thirteen do not */
  CHECK_INT(P(""), 0);
  CHECK_INT(P("A-1"), 0);
}

static void test_split(void) {
  char scratch[128];
  cc_slice f[8];
  cc_slice line = cc_slice_cstr("A0021,Outside state ambulance serv,\"Ambulance service, outside state\"");
  CHECK_INT(codes_split(line, ',', true, f, 8, scratch), 3);
  CHECK(cc_slice_eq(f[0], "A0021"));
  CHECK(cc_slice_eq(f[2], "Ambulance service, outside state"));
  line = cc_slice_cstr("1,\"say \"\"hi\"\"\",");
  CHECK_INT(codes_split(line, ',', true, f, 8, scratch), 3);
  CHECK(cc_slice_eq(f[1], "say \"hi\""));
  CHECK_INT(f[2].n, 0);
  line = cc_slice_cstr("11042\t97597\t\t20150101");
  CHECK_INT(codes_split(line, '\t', false, f, 8, scratch), 4);
  CHECK_INT(f[2].n, 0);
  CHECK(cc_slice_eq(f[3], "20150101"));
  line = cc_slice_cstr("1,\"not closed");
  CHECK_INT(codes_split(line, ',', true, f, 8, scratch), -1);
}

static void test_kind_names(void) {
  cc_codes_kind k;
  for (int i = 0; i < CC_CODES_N_KINDS; i++) {
    CHECK(cc_codes_kind_parse(cc_codes_kind_name((cc_codes_kind)i), &k));
    CHECK_INT(k, i);
  }
  CHECK(cc_codes_kind_parse("ncci-ptp", &k));
  CHECK_INT(k, CC_CODES_PTP);
  CHECK(!cc_codes_kind_parse("icd9", &k));
}

int main(void) {
  RUN(test_pack);
  RUN(test_split);
  RUN(test_kind_names);
  TEST_MAIN_END();
}
