/* test_csv.c - RFC 4180 reading: quoting, embedded commas, quotes and line
 * breaks, CRLF, BOM and the errors, each checked against the input by eye. */
#include "cleanclaim/core.h"
#include "test.h"

#define MAXF 16

typedef struct rec {
  cc_slice f[MAXF];
  size_t n;
  cc_code rc;
} rec;

static rec next(cc_csv *r, cc_arena *a, cc_err *e) {
  rec x;
  x.rc = cc_csv_next(r, a, x.f, MAXF, &x.n, e);
  return x;
}

static bool fe(rec *x, size_t i, const char *want) {
  return i < x->n && cc_slice_eq(x->f[i], want);
}

static void test_plain_and_crlf(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  cc_csv r;
  const char *in = "a,b,c\r\n1,,3\r\nx,y,z";
  cc_csv_init(&r, in, strlen(in), "t.csv");
  rec x = next(&r, a, &e);
  CHECK_INT(x.rc, CC_OK); CHECK_INT(x.n, 3); CHECK(fe(&x, 2, "c"));
  x = next(&r, a, &e);
  CHECK_INT(x.rc, CC_OK); CHECK_INT(x.n, 3);
  CHECK(fe(&x, 0, "1")); CHECK(fe(&x, 1, "")); CHECK(fe(&x, 2, "3"));
  CHECK_INT(r.record, 2);
  x = next(&r, a, &e); /* last line has no line break */
  CHECK_INT(x.rc, CC_OK); CHECK(fe(&x, 2, "z"));
  x = next(&r, a, &e);
  CHECK_INT(x.rc, CC_E_EOF);
  cc_arena_free(a);
}

static void test_quoted(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  cc_csv r;
  /* A BOM, a quoted comma, a doubled quote, a line break inside quotes,
   * an empty quoted field and a trailing empty field. */
  const char *in = "\xEF\xBB\xBFname,note\n"
                   "\"Doe, Jane\",\"said \"\"hi\"\"\"\n"
                   "\"two\r\nlines\",\"\"\n"
                   "last,\n";
  cc_csv_init(&r, in, strlen(in), "t.csv");
  rec x = next(&r, a, &e);
  CHECK_INT(x.rc, CC_OK); CHECK(fe(&x, 0, "name"));
  x = next(&r, a, &e);
  CHECK_INT(x.rc, CC_OK); CHECK_INT(x.n, 2);
  CHECK(fe(&x, 0, "Doe, Jane"));
  CHECK(fe(&x, 1, "said \"hi\""));
  x = next(&r, a, &e);
  CHECK_INT(x.rc, CC_OK); CHECK_INT(x.n, 2);
  CHECK(fe(&x, 0, "two\r\nlines"));
  CHECK(fe(&x, 1, ""));
  CHECK_INT(r.record_line, 3);
  x = next(&r, a, &e);
  CHECK_INT(x.rc, CC_OK); CHECK_INT(x.n, 2); CHECK(fe(&x, 1, ""));
  CHECK_INT(r.record, 4);
  CHECK_INT(r.record_line, 5); /* the embedded line break counts */
  CHECK_INT(next(&r, a, &e).rc, CC_E_EOF);
  cc_arena_free(a);
}

static void test_blank_lines_skipped(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  cc_csv r;
  const char *in = "a\n\n\r\nb\n\n";
  cc_csv_init(&r, in, strlen(in), "t.csv");
  rec x = next(&r, a, &e);
  CHECK(fe(&x, 0, "a"));
  x = next(&r, a, &e);
  CHECK_INT(x.rc, CC_OK); CHECK(fe(&x, 0, "b")); CHECK_INT(r.record, 2);
  CHECK_INT(r.record_line, 4);
  CHECK_INT(next(&r, a, &e).rc, CC_E_EOF);
  cc_arena_free(a);
}

static void test_errors(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  cc_csv r;
  const char *in = "a,b\n\"open,b\n";
  cc_csv_init(&r, in, strlen(in), "t.csv");
  (void)next(&r, a, &e);
  cc_err_clear(&e);
  CHECK_INT(next(&r, a, &e).rc, CC_E_SYNTAX);
  CHECK_INT(e.line, 2);
  CHECK_STR(e.msg, "unterminated quoted field");

  in = "a,\"b\"x\n";
  cc_csv_init(&r, in, strlen(in), "t.csv");
  CHECK_INT(next(&r, a, &e).rc, CC_E_SYNTAX);
  CHECK_STR(e.msg, "text after a closing quote");

  in = "a,b\"c\n";
  cc_csv_init(&r, in, strlen(in), "t.csv");
  CHECK_INT(next(&r, a, &e).rc, CC_E_SYNTAX);
  CHECK_STR(e.msg, "quote inside an unquoted field");
  CHECK_INT(e.byte_off, 3);

  in = "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\n";
  cc_csv_init(&r, in, strlen(in), "t.csv");
  CHECK_INT(next(&r, a, &e).rc, CC_E_TOOBIG);
  cc_arena_free(a);
}

int main(void) {
  RUN(test_plain_and_crlf);
  RUN(test_quoted);
  RUN(test_blank_lines_skipped);
  RUN(test_errors);
  TEST_MAIN_END();
}
