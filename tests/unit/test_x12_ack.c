/* test_x12_ack.c - the 999 and TA1 built for a clean and for broken
 * interchanges, checked against what X12.231 (005010X231A1) says they must
 * hold, and the 999 itself validated against the 999 tables. */
#include <stdlib.h>

#include "cleanclaim/x12.h"
#include "test.h"

static char *ack_of(const char *path) {
  size_t n;
  char *p = t_slurp(path, &n);
  if (!p) return NULL;
  cc_buf out;
  cc_buf_init(&out, 1 << 20);
  cc_err e;
  cc_code rc = cc_x12_ack_mem(p, n, path, &out, 7, &e);
  free(p);
  if (rc != CC_OK) {
    cc_buf_free(&out);
    return NULL;
  }
  return cc_buf_take(&out);
}

static int errors;
static void count(void *ctx, const cc_x12_finding *f) {
  (void)ctx;
  if (f->sev == CC_SEV_ERROR) {
    errors++;
    printf("# ");
    cc_x12_finding_print(f, false, stdout);
  }
}

static void valid_999(const char *ack) {
  cc_x12_summary sum;
  cc_err e;
  errors = 0;
  CHECK_INT(cc_x12_validate_mem(ack, strlen(ack), "999", count, NULL, &sum, &e),
            CC_OK);
  CHECK_INT(errors, 0);
  CHECK_INT(sum.sets_unchecked, 0); /* the 999 tables were used */
}

static void test_clean(void) {
  char p[1024];
  const char *sh = getenv("CC_SHARED");
  snprintf(p, sizeof p, "%s/x12/837P/stupidedi__commercial-health-insurance.edi",
           sh && *sh ? sh : "../shared");
  char *a = ack_of(p);
  CHECK(a != NULL);
  if (!a) return;
  /* Functional group FA, guide X231A1; AK1 echoes GS01/GS06/GS08; one AK2
   * echoing ST01/ST02/ST03; accepted; AK9 A with 1 included, 1 received,
   * 1 accepted; ISA13 is the control number asked for. */
  CHECK(strstr(a, "GS*FA*9876543210*1234567890*") != NULL);
  CHECK(strstr(a, "*X*005010X231A1~") != NULL);
  CHECK(strstr(a, "ST*999*0001*005010X231A1~") != NULL);
  CHECK(strstr(a, "AK1*HC*20213*005010X222A1~") != NULL);
  CHECK(strstr(a, "AK2*837*0021*005010X222A1~") != NULL);
  CHECK(strstr(a, "IK5*A~") != NULL);
  CHECK(strstr(a, "AK9*A*1*1*1~") != NULL);
  CHECK(strstr(a, "SE*6*0001~") != NULL);
  CHECK(strstr(a, "*00501*000000007*0*T*:~") != NULL);
  CHECK(strstr(a, "IEA*1*000000007~") != NULL);
  CHECK(strstr(a, "IK3") == NULL);
  valid_999(a);
  free(a);
}

static void test_element_error(void) {
  /* N402 'FLA' (3 > 2): IK3 N4 at position 10 of the set (file segment
   * 12 less ISA and GS) in 2010AA (IK303 keeps the 4-character loop number 2010) with IK304 8; IK4 element 2, data
   * element 156, IK403 5 too long; the set rejected with IK502 5. */
  char *a = ack_of("tests/x12/reject/too-long.edi");
  CHECK(a != NULL);
  if (!a) return;
  CHECK(strstr(a, "IK3*N4*10*2010*8~") != NULL);
  CHECK(strstr(a, "IK4*2*156*5~") != NULL);
  CHECK(strstr(a, "IK5*R*5~") != NULL);
  CHECK(strstr(a, "AK9*R*1*1*0~") != NULL);
  CHECK(strstr(a, "SE*8*0001~") != NULL);
  valid_999(a);
  free(a);
}

static void test_segment_errors(void) {
  char *a = ack_of("tests/x12/reject/se01-count.edi");
  CHECK(a != NULL);
  if (a) {
    /* SE01 wrong: IK502 4, no IK3. */
    CHECK(strstr(a, "IK5*R*4~") != NULL);
    CHECK(strstr(a, "IK3") == NULL);
    valid_999(a);
  }
  free(a);
  a = ack_of("tests/x12/reject/too-many-repeats.edi");
  CHECK(a != NULL);
  if (a) {
    /* Second REF*EI: file segment 14 is set position 12; IK304 5. */
    CHECK(strstr(a, "IK3*REF*12*2010*5~") != NULL);
    CHECK(strstr(a, "IK5*R*5~") != NULL);
  }
  free(a);
  a = ack_of("tests/x12/reject/missing-n4.edi");
  if (a) {
    /* Missing N4 reported where REF*EI stands (set position 10): IK304 3. */
    CHECK(strstr(a, "IK3*N4*10*2010*3~") != NULL);
  }
  CHECK(a != NULL);
  free(a);
}

/* One IK3 per real problem: N3 sent after N4 in 2010AA (file segment 12,
 * set position 10) is out of sequence (IK304 7) and is not also reported
 * missing (IK304 3). */
static void test_one_ik3(void) {
  char *a = ack_of("tests/x12/reject/out-of-order.edi");
  CHECK(a != NULL);
  if (!a) return;
  CHECK(strstr(a, "IK3*N3*10*2010*7~") != NULL);
  const char *first = strstr(a, "IK3");
  CHECK(first != NULL && strstr(first + 3, "IK3") == NULL);
  CHECK(strstr(a, "IK5*R*5~") != NULL);
  valid_999(a);
  free(a);
  /* A truncated file: the premature end (TA105 023), no 999 at all. */
  a = ack_of("tests/x12/reject/truncated.edi");
  CHECK(a != NULL);
  if (!a) return;
  CHECK(strstr(a, "*R*023~") != NULL);
  CHECK(strstr(a, "IK3") == NULL);
  free(a);
}

static void test_ta1(void) {
  /* IEA02 differs from ISA13: the interchange is rejected with a TA1 that
   * echoes ISA13, ISA09 and ISA10, TA104 R, TA105 001; no 999. */
  char *a = ack_of("tests/x12/reject/iea-control.edi");
  CHECK(a != NULL);
  if (!a) return;
  CHECK(strstr(a, "TA1*000010216*061015*1705*R*001~") != NULL);
  CHECK(strstr(a, "IEA*0*000000007~") != NULL);
  CHECK(strstr(a, "ST*999") == NULL);
  free(a);
  /* Truncated: premature end of file, 023. */
  a = ack_of("tests/x12/reject/truncated.edi");
  CHECK(a != NULL);
  if (a) CHECK(strstr(a, "TA1*000010216*061015*1705*R*023~") != NULL);
  free(a);
}

static void test_no_interchange(void) {
  cc_buf out;
  cc_buf_init(&out, 1 << 20);
  cc_err e;
  CHECK(cc_x12_ack_mem("garbage", 7, "g", &out, 1, &e) != CC_OK);
  cc_buf_free(&out);
}

int main(void) {
  RUN(test_clean);
  RUN(test_element_error);
  RUN(test_segment_errors);
  RUN(test_one_ik3);
  RUN(test_ta1);
  RUN(test_no_interchange);
  TEST_MAIN_END();
}
