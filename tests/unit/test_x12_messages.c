/* test_x12_messages.c - finding messages are whole sentences a billing
 * specialist can act on: never cut mid-word by the 160-byte detail, always
 * printed in the documented line shape, and naming what was expected. */
#include <stdlib.h>

#include "cleanclaim/x12.h"
#include "test.h"

/* ------------------------------------------------ complete sentences */

static int scanned, findings, bad;

/* A message cut by a full buffer fills it to the last byte, ends in a
 * blank or a partial word, leaves a bracket open, or (a cut at a blank
 * followed by the printed " (loop ...") shows a double blank. */
static void whole(void *ctx, const cc_x12_finding *f) {
  const char *file = ctx;
  const char *m = f->where.detail;
  size_t n = strlen(m), open = 0, close = 0;
  for (size_t i = 0; i < n; i++) {
    open += m[i] == '(';
    close += m[i] == ')';
  }
  findings++;
  const char *why = NULL;
  if (n == 0) why = "empty";
  else if (n >= sizeof f->where.detail - 1) why = "fills the whole buffer";
  else if (strstr(m, "  ")) why = "double blank";
  else if (m[n - 1] == ' ' || m[n - 1] == ',') why = "ends in a blank or comma";
  else if (n >= 3 && memcmp(m + n - 3, "\xE2\x80\xA6", 3) == 0)
    why = "cut with an ellipsis at the end";
  else if (open != close) why = "unbalanced brackets";
  if (why) {
    bad++;
    printf("# %s: %s: \"%s\"\n", file, why, m);
  }
}

/* Every file but the READMEs (.md) and expectations (.expect). */
static void scan_file(const char *p, void *ctx) {
  (void)ctx;
  size_t len = strlen(p);
  if ((len > 3 && !strcmp(p + len - 3, ".md")) ||
      (len > 7 && !strcmp(p + len - 7, ".expect")))
    return;
  cc_x12_summary sum;
  cc_err err;
  scanned++;
  CHECK_INT(cc_x12_validate_file(p, whole, (void *)p, &sum, &err), CC_OK);
}
static void scan_dir(const char *dir) { t_each_file(dir, scan_file, NULL); }

static void test_every_sample_message_is_whole(void) {
  char p[1024];
  snprintf(p, sizeof p, "%s/x12", t_shared());
  scanned = findings = bad = 0;
  scan_dir(p);
  scan_dir("tests/x12");
  /* 81 shared files less the README; the fixtures add more. */
  CHECK(scanned >= 80);
  CHECK(findings > 100); /* the defective samples do report */
  CHECK_INT(bad, 0);
}

/* The three messages the review quoted, by construction. */
static cc_x12_finding last;
static int nlast;
static void keep(void *ctx, const cc_x12_finding *f) {
  (void)ctx;
  last = *f;
  nlast++;
}

static void test_long_tr3_names_are_shortened(void) {
  /* lfh__ppo-repriced-claim.837i HI*BK>38181 etc.: the HI01 qualifier
   * does not pick a 2300 HI use; the use's TR3 name carries a long note in
   * brackets, which goes; the codes the guide lists follow. */
  char p[1024];
  snprintf(p, sizeof p, "%s/x12/837I/lfh__ppo-repriced-claim.837i", t_shared());
  scanned = findings = bad = 0;
  cc_x12_summary sum;
  cc_err err;
  CHECK_INT(cc_x12_validate_file(p, whole, p, &sum, &err), CC_OK);
  CHECK_INT(bad, 0);
  /* Swapping LX*1 and the SV1 after it in the commercial 837P puts SV1
   * where no 2400 is open. */
  snprintf(p, sizeof p, "%s/x12/837P/stupidedi__commercial-health-insurance.edi",
           t_shared());
  size_t n;
  char *s = t_slurp(p, &n);
  CHECK(s != NULL);
  if (!s) return;
  char *lx = strstr(s, "LX*1~");
  CHECK(lx != NULL);
  if (!lx) {
    free(s);
    return;
  }
  char *sv = lx + 5;
  while (*sv == '\r' || *sv == '\n') sv++;
  char *end = strchr(sv, '~');
  CHECK(end != NULL && strncmp(sv, "SV1*", 4) == 0);
  size_t svn = (size_t)(end + 1 - sv);
  char *sw = malloc(n + 1);
  size_t pre = (size_t)(lx - s);
  memcpy(sw, s, pre);
  memcpy(sw + pre, sv, svn);
  memcpy(sw + pre + svn, lx, (size_t)(sv - lx));
  memcpy(sw + pre + svn + (size_t)(sv - lx), end + 1,
         n - (size_t)(end + 1 - s));
  scanned = findings = bad = 0;
  CHECK_INT(cc_x12_validate_mem(sw, n, "swapped.edi", whole, "swapped.edi",
                                &sum, &err),
            CC_OK);
  CHECK(findings >= 1);
  CHECK_INT(bad, 0);
  free(sw);
  free(s);
}

/* ------------------------------------------------------ line shape */

static char line[1024];
static void print_one(void *ctx, const cc_x12_finding *f) {
  (void)ctx;
  FILE *m = fmemopen(line, sizeof line, "w");
  cc_x12_finding_print(f, false, m);
  fclose(m);
  last = *f;
  nlast++;
}

static bool ends_with(const char *s, const char *t) {
  size_t a = strlen(s), b = strlen(t);
  return a >= b && strcmp(s + a - b, t) == 0;
}

static void test_empty_and_garbage_keep_line_shape(void) {
  cc_x12_summary sum;
  cc_err err;
  nlast = 0;
  CHECK_INT(cc_x12_validate_mem("", 0, "empty.edi", print_one, NULL, &sum,
                                &err),
            CC_OK);
  CHECK_INT(nlast, 1);
  CHECK(strncmp(line, "empty.edi:1:0: error: the file is empty", 39) == 0);
  CHECK(ends_with(line, " (loop -, segment -)\n"));
  nlast = 0;
  const char junk[] = "\x01\x02PK\x03\x04 not x12 at all";
  CHECK_INT(cc_x12_validate_mem(junk, sizeof junk - 1, "junk.bin", print_one,
                                NULL, &sum, &err),
            CC_OK);
  CHECK_INT(nlast, 1);
  CHECK(strstr(line, "does not start with an ISA segment") != NULL);
  CHECK(ends_with(line, " (loop -, segment -)\n"));
}

/* -------------------------------------------------------- delimiters */

/* A 106-byte ISA (3 + 16 separators + 86 data bytes + terminator). */
static const char isa[] =
    "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       "
    "*261126*1200*^*00501*000000123*0*T*:~";

static void test_body_with_other_separator(void) {
  _Static_assert(sizeof isa - 1 == 106, "ISA is 106 bytes");
  char in[2048];
  snprintf(in, sizeof in, "%s%s", isa,
           "GS|HC|SUBMITTER|RECEIVER|20261126|1200|1|X|005010X222A1~"
           "ST|837|0001|005010X222A1~"
           "BHT|0019|00|1|20261126|1200|CH~"
           "SE|3|0001~GE|1|1~IEA|1|000000123~");
  cc_x12_summary sum;
  cc_err err;
  nlast = 0;
  CHECK_INT(cc_x12_validate_mem(in, strlen(in), "pipes.edi", print_one, NULL,
                                &sum, &err),
            CC_OK);
  /* One finding, not one per segment. */
  CHECK_INT(nlast, 1);
  CHECK(strstr(last.where.detail,
               "do not use the element separator the ISA declares") != NULL);
  CHECK(strstr(last.where.detail, "'*'") != NULL);
  CHECK(strstr(last.where.detail, "'|'") != NULL);
  /* The GS right after the ISA: byte 106, segment 2. */
  CHECK_INT(last.where.byte_off, 106);
  CHECK_INT(last.where.seg_pos, 2);
  CHECK(ends_with(line, " (loop -, segment -)\n"));
}

static void test_isa_105_bytes(void) {
  /* ISA16 left out: "...*T*~GS": 105 bytes. */
  char in[2048];
  snprintf(in, sizeof in, "%.104s%s", isa,
           "~GS*HC*SUBMITTER*RECEIVER*20261126*1200*1*X*005010X222A1~"
           "GE*0*1~IEA*1*000000123~");
  CHECK(strncmp(in + 101, "*T*~GS", 6) == 0);
  cc_x12_summary sum;
  cc_err err;
  nlast = 0;
  CHECK_INT(cc_x12_validate_mem(in, strlen(in), "short.edi", keep, NULL, &sum,
                                &err),
            CC_OK);
  CHECK_INT(nlast, 1);
  CHECK(strstr(last.where.detail, "105 bytes where 106 are required") != NULL);
  CHECK(strstr(last.where.detail, "ISA16") != NULL);
  /* Where ISA16 should be: byte 104 (0-based) of the ISA. */
  CHECK_INT(last.where.byte_off, 104);
  CHECK(strstr(last.where.detail, "got 'G'") == NULL);
}

static int isa12;
static void keep_isa12(void *ctx, const cc_x12_finding *f) {
  (void)ctx;
  if (f->where.seg_pos == 1 && f->where.elem_pos == 12) {
    last = *f;
    isa12++;
  }
}

static void test_isa12_names_expected_version(void) {
  char in[2048];
  snprintf(in, sizeof in, "%s", isa);
  char *v = strstr(in, "*00501*");
  CHECK(v != NULL);
  if (!v) return;
  memcpy(v, "*00401*", 7);
  strcat(in, "IEA*0*000000123~");
  cc_x12_summary sum;
  cc_err err;
  isa12 = 0;
  CHECK_INT(cc_x12_validate_mem(in, strlen(in), "v4.edi", keep_isa12, NULL,
                                &sum, &err),
            CC_OK);
  CHECK_INT(isa12, 1);
  CHECK(strstr(last.where.detail, "'00401'") != NULL);
  CHECK(strstr(last.where.detail, "expected 00501") != NULL);
}

/* ------------------------------------------------------------- ack */

static void test_ack_two_interchanges_two_numbers(void) {
  char p[1024];
  snprintf(p, sizeof p, "%s/x12/837P/stupidedi__commercial-health-insurance.edi",
           t_shared());
  size_t n;
  char *s = t_slurp(p, &n);
  CHECK(s != NULL);
  if (!s) return;
  char *two = malloc(2 * n + 1);
  memcpy(two, s, n);
  memcpy(two + n, s, n);
  two[2 * n] = '\0';
  cc_buf out;
  cc_buf_init(&out, 1 << 20);
  cc_err e;
  CHECK_INT(cc_x12_ack_mem(two, 2 * n, "two.edi", &out, 41, &e), CC_OK);
  char *a = cc_buf_take(&out);
  CHECK(a != NULL);
  if (a) {
    /* ISA13 and IEA02 of each acknowledgment interchange. */
    CHECK(strstr(a, "*00501*000000041*0*T*:~") != NULL);
    CHECK(strstr(a, "IEA*1*000000041~") != NULL);
    CHECK(strstr(a, "*00501*000000042*0*T*:~") != NULL);
    CHECK(strstr(a, "IEA*1*000000042~") != NULL);
    CHECK(strstr(a, "000000043") == NULL);
  }
  free(a);
  /* ISA13 has nine digits: after 999999999 comes 1. */
  cc_buf_init(&out, 1 << 20);
  CHECK_INT(cc_x12_ack_mem(two, 2 * n, "two.edi", &out, 999999999u, &e),
            CC_OK);
  a = cc_buf_take(&out);
  CHECK(a != NULL);
  if (a) {
    CHECK(strstr(a, "IEA*1*999999999~") != NULL);
    CHECK(strstr(a, "IEA*1*000000001~") != NULL);
  }
  free(a);
  free(two);
  free(s);
}

int main(void) {
  RUN(test_every_sample_message_is_whole);
  RUN(test_long_tr3_names_are_shortened);
  RUN(test_empty_and_garbage_keep_line_shape);
  RUN(test_body_with_other_separator);
  RUN(test_isa_105_bytes);
  RUN(test_isa12_names_expected_version);
  RUN(test_ack_two_interchanges_two_numbers);
  TEST_MAIN_END();
}
