/* test_x12_lex.c - the X12 tokenizer: delimiters, gaps, several interchanges,
 * fd streaming against memory mode, and every bad-input case with its code
 * and byte offset worked out by hand from the bytes below. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/x12.h"
#include "test.h"

/* A 106-byte ISA (widths from the standard: 3+16 separators+86+1). The
 * template uses '*' only as the element separator. */
static const char ISA_T[] = "ISA*00*          *00*          *ZZ*SENDER         "
                            "*ZZ*RECEIVER       *261126*1200*^*00501*000000001"
                            "*0*T*:~";

static char *make_isa(char *out, char e, char rep, char comp, char term) {
  memcpy(out, ISA_T, 107);
  for (int i = 0; i < 106; i++)
    if (out[i] == '*') out[i] = e;
  out[82] = rep;
  out[104] = comp;
  out[105] = term;
  return out;
}

static char *slurp(const char *rel, size_t *n) {
  char path[512];
  snprintf(path, sizeof path, "%s/x12/%s", t_shared(), rel);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)len + 1);
  *n = fread(p, 1, (size_t)len, f);
  fclose(f);
  return p;
}

static bool seq(cc_slice s, const char *want) { return cc_slice_eq(s, want); }

static void test_isa_fixture(void) {
  char isa[107];
  make_isa(isa, '*', '^', ':', '~');
  CHECK_INT(strlen(isa), 106);
  CHECK(isa[3] == '*' && isa[82] == '^' && isa[104] == ':' && isa[105] == '~');
}

static void test_basic(void) {
  char buf[512];
  make_isa(buf, '*', '^', ':', '~');
  strcat(buf, "GS*HC*S*R*20261126*1200*1*X*005010X222A1~"
              "ST*837*0001*005010X222A1~SE*2*0001~GE*1*1~IEA*1*000000001~\n");
  cc_x12_lexer *lx = cc_x12_lexer_mem(buf, strlen(buf), "t.x12");
  cc_x12_seg s;
  cc_err e;
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "ISA");
  CHECK_INT(s.nel, 16);
  CHECK_INT(s.offset, 0);
  CHECK_INT(s.index, 1);
  CHECK_INT(s.interchange, 1);
  CHECK_INT(s.gap.n, 0);
  CHECK(seq(s.el[6], "SENDER         "));
  CHECK(seq(s.el[13], "000000001"));
  CHECK(seq(s.el[16], ":"));
  cc_x12_delims d = cc_x12_lexer_delims(lx);
  CHECK(d.elem == '*' && d.rep == '^' && d.comp == ':' && d.seg == '~');
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "GS");
  CHECK_INT(s.nel, 8);
  CHECK_INT(s.offset, 106);
  CHECK(seq(s.el[1], "HC"));
  CHECK(seq(s.el[8], "005010X222A1"));
  CHECK(seq(s.raw, "GS*HC*S*R*20261126*1200*1*X*005010X222A1"));
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "ST");
  CHECK_INT(s.offset, 147); /* 106 + 41 */
  const char *ids[] = {"SE", "GE", "IEA"};
  for (int i = 0; i < 3; i++) {
    CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
    CHECK_STR(s.id, ids[i]);
  }
  CHECK_INT(s.index, 6);
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_E_EOF);
  CHECK(seq(cc_x12_lexer_tail(lx), "\n"));
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_E_EOF); /* stays at the end */
  cc_x12_lexer_free(lx);
}

static void test_backtick_repetition(void) {
  size_t n;
  char *p = slurp("837P/stupidedi__COB-claim-from-billing-provider-to-payer-a.edi", &n);
  CHECK(p != NULL);
  if (!p) return;
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, "cob.edi");
  cc_x12_seg s;
  cc_err e;
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  cc_x12_delims d = cc_x12_lexer_delims(lx);
  CHECK(d.elem == '*' && d.rep == '`' && d.comp == ':' && d.seg == '~');
  CHECK(seq(s.el[11], "`"));
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "GS");
  CHECK_INT(s.offset, 106);
  CHECK_INT(s.gap.n, 0);
  cc_x12_lexer_free(lx);
  free(p);
}

/* Component separator '^' equals ISA11 '^': we read it as "no repetition
 * separator". The file also starts with a BOM and indents with CRLF + 2
 * blanks: ISA at byte 3, its terminator at 108, "\r\n  " then GS at 113. */
static void test_comp_equals_rep_bom(void) {
  size_t n;
  char *p = slurp("271/oopfactory__Example_3_2_2.txt", &n);
  CHECK(p != NULL);
  if (!p) return;
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, "3_2_2.txt");
  cc_x12_seg s;
  cc_err e;
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "ISA");
  CHECK_INT(s.offset, 3);
  CHECK(seq(s.gap, "\xEF\xBB\xBF"));
  CHECK(seq(s.el[2], ".........."));
  cc_x12_delims d = cc_x12_lexer_delims(lx);
  CHECK(d.elem == '*' && d.comp == '^' && d.rep == 0 && d.seg == '~');
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "GS");
  CHECK_INT(s.offset, 113);
  CHECK(seq(s.gap, "\r\n  "));
  CHECK(seq(s.el[1], "XX"));
  cc_x12_lexer_free(lx);
  free(p);
}

/* Two interchanges, the second with '|' '!' '>' and a line feed as its
 * segment terminator (so there the line feed is data structure, not gap). */
static void test_two_interchanges(void) {
  char buf[1024], isa[107];
  strcpy(buf, make_isa(isa, '*', '^', ':', '~'));
  strcat(buf, "GS*HC*A*B*20261126*1200*1*X*005010X222A1~GE*0*1~IEA*1*000000001~\r\n");
  size_t second = strlen(buf);
  strcat(buf, make_isa(isa, '|', '!', '>', '\n'));
  strcat(buf, "GS|HC|A|B|20261126|1200|2|X|005010X222A1\nGE|0|2\nIEA|1|000000002\n");
  cc_x12_lexer *lx = cc_x12_lexer_mem(buf, strlen(buf), "two.x12");
  cc_x12_seg s;
  cc_err e;
  for (int i = 0; i < 4; i++) CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "IEA");
  CHECK_INT(s.interchange, 1);
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "ISA");
  CHECK_INT(s.interchange, 2);
  CHECK_INT(s.offset, second);
  CHECK(seq(s.gap, "\r\n"));
  cc_x12_delims d = cc_x12_lexer_delims(lx);
  CHECK(d.elem == '|' && d.rep == '!' && d.comp == '>' && d.seg == '\n');
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "GS");
  CHECK_INT(s.nel, 8);
  CHECK(seq(s.el[6], "2"));
  CHECK_INT(s.gap.n, 0);
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "GE");
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "IEA");
  CHECK(seq(s.el[2], "000000002"));
  CHECK_INT(s.index, 8);
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_E_EOF);
  CHECK_INT(cc_x12_lexer_tail(lx).n, 0);
  cc_x12_lexer_free(lx);
}

/* A malformed id is handed out with id "" and its bytes in el[0]; an empty
 * segment ("~~") is a segment with nothing in it. */
static void test_malformed_ids(void) {
  char buf[512], isa[107];
  strcpy(buf, make_isa(isa, '*', '^', ':', '~'));
  strcat(buf, "Nd4*CALVERTON*MD~~N3*X~TOOLONG*1~");
  cc_x12_lexer *lx = cc_x12_lexer_mem(buf, strlen(buf), "bad.x12");
  cc_x12_seg s;
  cc_err e;
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "");
  CHECK(seq(s.el[0], "Nd4"));
  CHECK_INT(s.nel, 2);
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "");
  CHECK_INT(s.raw.n, 0);
  CHECK_INT(s.nel, 0);
  CHECK_INT(s.offset, 123); /* 106 + len("Nd4*CALVERTON*MD~") = 106 + 17 */
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "N3");
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_STR(s.id, "");
  CHECK(seq(s.el[0], "TOOLONG"));
  cc_x12_lexer_free(lx);
}

static void test_split(void) {
  cc_slice parts[4];
  CHECK_INT(cc_x12_split(cc_slice_cstr("HC:99213:25"), ':', parts, 4), 3);
  CHECK(seq(parts[0], "HC") && seq(parts[1], "99213") && seq(parts[2], "25"));
  CHECK_INT(cc_x12_split(cc_slice_cstr("A::"), ':', parts, 4), 3);
  CHECK(seq(parts[1], "") && seq(parts[2], ""));
  CHECK_INT(cc_x12_split(cc_slice_cstr(""), ':', parts, 4), 1);
  CHECK_INT(parts[0].n, 0);
  CHECK_INT(cc_x12_split(cc_slice_cstr("1^2^3^4^5"), '^', parts, 2), 5);
  CHECK(seq(parts[1], "2"));
  CHECK_INT(cc_x12_split(cc_slice_cstr("A^B"), 0, parts, 4), 1); /* no rep sep */
}

/* Lex buf to its end or first error; returns the code, fills e. */
static cc_code lex_all(const char *buf, size_t n, cc_err *e, uint64_t *segs) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(buf, n, "bad.x12");
  cc_x12_seg s;
  cc_code rc;
  *segs = 0;
  while ((rc = cc_x12_lexer_next(lx, &s, e)) == CC_OK) (*segs)++;
  cc_code again = cc_x12_lexer_next(lx, &s, e); /* errors are sticky */
  CHECK_INT(again, rc);
  cc_x12_lexer_free(lx);
  return rc;
}

#define BAD(buf, n, want, off, segpos)                          \
  do {                                                          \
    cc_err e_;                                                  \
    uint64_t segs_;                                             \
    CHECK_INT(lex_all((buf), (n), &e_, &segs_), (want));        \
    CHECK_INT(e_.code, (want));                                 \
    CHECK_INT(e_.byte_off, (off));                              \
    CHECK_INT(e_.seg_pos, (segpos));                            \
    CHECK(e_.msg != NULL && e_.file != NULL);                   \
    CHECK_STR(e_.file, "bad.x12");                              \
  } while (0)

static void test_bad_input(void) {
  char buf[80000], isa[107];
  BAD("", 0, CC_E_ENVELOPE, 0, 1);
  BAD("\r\n  \n", 5, CC_E_ENVELOPE, 0, 1);
  BAD("\x00\x01\xff\xfeGARBAGE", 11, CC_E_ENVELOPE, 0, 1);
  BAD("\n\nGS*HC~", 8, CC_E_ENVELOPE, 2, 1); /* ISA not at the start */
  make_isa(isa, '*', '^', ':', '~');
  BAD(isa, 60, CC_E_ENVELOPE, 0, 1);      /* ISA cut at 60 bytes */
  BAD(isa, 105, CC_E_ENVELOPE, 0, 1);     /* no terminator after ISA16 */
  /* ISA02 5 wide instead of 10 (blanks trimmed): reported at ISA02, byte 7. */
  snprintf(buf, sizeof buf, "ISA*00*     *00*          *ZZ*SENDER         "
                            "*ZZ*RECEIVER       *261126*1200*^*00501*000000001"
                            "*0*T*:~GS*HC~");
  BAD(buf, strlen(buf), CC_E_ENVELOPE, 7, 1);
  /* Wrong delimiters: a letter as element separator (byte 3), as component
   * separator (byte 104), as terminator (105); terminator = element sep. */
  memcpy(buf, isa, 107);
  buf[3] = 'X';
  BAD(buf, 106, CC_E_ENVELOPE, 3, 1);
  make_isa(buf, '*', '^', 'A', '~');
  BAD(buf, 106, CC_E_ENVELOPE, 104, 1);
  make_isa(buf, '*', '^', ':', 'Z');
  BAD(buf, 106, CC_E_ENVELOPE, 105, 1);
  make_isa(buf, '*', '^', ':', '*');
  BAD(buf, 106, CC_E_ENVELOPE, 105, 1);
  make_isa(buf, '*', '~', ':', '~');
  BAD(buf, 106, CC_E_ENVELOPE, 82, 1); /* ISA11 = terminator */
  /* A terminator inside ISA04 (byte 24) is refused, not read around. */
  make_isa(buf, '*', '^', ':', '~');
  buf[24] = '~';
  BAD(buf, 106, CC_E_ENVELOPE, 24, 1);
  /* Found by fuzzing: a BOM and "ISA" and nothing else; the ISA is at 3. */
  BAD("\xEF\xBB\xBFISA", 6, CC_E_ENVELOPE, 3, 1);
  BAD("ISA", 3, CC_E_ENVELOPE, 0, 1);
  /* Truncated: the GS has no terminator; it starts at byte 106, segment 2. */
  make_isa(buf, '*', '^', ':', '~');
  strcat(buf, "GS*HC*S*R");
  BAD(buf, strlen(buf), CC_E_SYNTAX, 106, 2);
  /* A segment longer than CC_MAX_SEGMENT_LEN, starting at byte 106. */
  make_isa(buf, '*', '^', ':', '~');
  memcpy(buf + 106, "NTE*", 4);
  memset(buf + 110, 'A', 70000);
  buf[70110] = '~';
  BAD(buf, 70111, CC_E_SYNTAX, 106, 2);
  /* Exactly CC_MAX_SEGMENT_LEN bytes is still fine. */
  buf[106 + CC_MAX_SEGMENT_LEN] = '~';
  {
    cc_err e;
    uint64_t segs;
    CHECK_INT(lex_all(buf, 106 + CC_MAX_SEGMENT_LEN + 1, &e, &segs), CC_E_EOF);
    CHECK_INT(segs, 2);
  }
  /* 64 elements are allowed; the 65th separator, at 106 + 3 + 64 * 2 = 237,
   * is the error. */
  make_isa(buf, '*', '^', ':', '~');
  strcat(buf, "REF");
  for (int i = 0; i < 64; i++) strcat(buf, "*A");
  strcat(buf, "~");
  {
    cc_err e;
    uint64_t segs;
    CHECK_INT(lex_all(buf, strlen(buf), &e, &segs), CC_E_EOF);
    CHECK_INT(segs, 2);
  }
  buf[strlen(buf) - 1] = '\0';
  strcat(buf, "*A~");
  BAD(buf, strlen(buf), CC_E_SYNTAX, 237, 2);
  /* After IEA only another ISA may follow: "GS" at 106 + 16 + 1 = 123. */
  make_isa(buf, '*', '^', ':', '~');
  strcat(buf, "IEA*1*000000001~\nGS*HC~");
  BAD(buf, strlen(buf), CC_E_ENVELOPE, 123, 3);
}

/* Write a file much larger than the 1 MiB read window, with CRLF gaps and
 * some 60 KB segments that straddle window edges, and check that fd mode
 * hands out the same segments as memory mode. */
static void test_fd_matches_mem(void) {
  size_t cap = 4u << 20, n = 0;
  char *buf = malloc(cap + 70000), isa[107];
  memcpy(buf, make_isa(isa, '*', '^', ':', '~'), 106);
  n = 106;
  n += (size_t)sprintf(buf + n, "\r\nGS*HC*S*R*20261126*1200*1*X*005010X222A1~\r\n");
  uint64_t expect = 2;
  for (int i = 0; n < cap; i++) {
    if (i % 997 == 0) {
      n += (size_t)sprintf(buf + n, "NTE*ADD*");
      memset(buf + n, 'x', 60000);
      n += 60000;
      buf[n++] = '~';
    } else {
      n += (size_t)sprintf(buf + n, "%sSV1*HC:99213*%d.5*UN*1***1~",
                           i % 3 ? "" : "\r\n   ", i);
    }
    expect++;
  }
  n += (size_t)sprintf(buf + n, "IEA*1*000000001~\r\n");
  expect++;
  char path[] = "/tmp/cc_lex_XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0) { free(buf); return; }
  CHECK_INT(write(fd, buf, n), n);
  lseek(fd, 0, SEEK_SET);
  cc_x12_lexer *a = cc_x12_lexer_mem(buf, n, "big");
  cc_x12_lexer *b = cc_x12_lexer_fd(fd, "big");
  static cc_x12_seg sa, sb;
  cc_err ea, eb;
  cc_code ra, rb;
  uint64_t count = 0, mismatches = 0;
  for (;;) {
    ra = cc_x12_lexer_next(a, &sa, &ea);
    rb = cc_x12_lexer_next(b, &sb, &eb);
    if (ra != rb) { mismatches++; break; }
    if (ra != CC_OK) break;
    count++;
    bool same = sa.nel == sb.nel && sa.offset == sb.offset &&
                sa.index == sb.index && strcmp(sa.id, sb.id) == 0 &&
                cc_slice_eq2(sa.raw, sb.raw) && cc_slice_eq2(sa.gap, sb.gap) &&
                sa.raw.p - buf == (ptrdiff_t)sa.offset;
    for (uint32_t i = 0; same && i <= sa.nel; i++)
      same = cc_slice_eq2(sa.el[i], sb.el[i]);
    if (!same) mismatches++;
  }
  CHECK_INT(ra, CC_E_EOF);
  CHECK_INT(rb, CC_E_EOF);
  CHECK_INT(mismatches, 0);
  CHECK_INT(count, expect);
  CHECK(cc_slice_eq2(cc_x12_lexer_tail(a), cc_x12_lexer_tail(b)));
  CHECK(seq(cc_x12_lexer_tail(b), "\r\n"));
  cc_x12_lexer_free(a);
  cc_x12_lexer_free(b);
  close(fd);
  unlink(path);
  free(buf);
}

/* fd mode reports the same errors, at the same absolute offsets. */
static void test_fd_errors(void) {
  char path[] = "/tmp/cc_lex_XXXXXX", isa[107];
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0) return;
  make_isa(isa, '*', '^', ':', '~');
  CHECK_INT(write(fd, isa, 106), 106);
  CHECK_INT(write(fd, "GS*HC*S*R", 9), 9);
  lseek(fd, 0, SEEK_SET);
  cc_x12_lexer *lx = cc_x12_lexer_fd(fd, "trunc.x12");
  cc_x12_seg s;
  cc_err e;
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_OK);
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_E_SYNTAX);
  CHECK_INT(e.byte_off, 106);
  CHECK_INT(e.seg_pos, 2);
  CHECK_STR(e.file, "trunc.x12");
  cc_x12_lexer_free(lx);
  close(fd);
  unlink(path);
  /* An empty file through fd. */
  fd = open("/dev/null", O_RDONLY);
  lx = cc_x12_lexer_fd(fd, "empty");
  CHECK_INT(cc_x12_lexer_next(lx, &s, &e), CC_E_ENVELOPE);
  CHECK_INT(e.byte_off, 0);
  cc_x12_lexer_free(lx);
  close(fd);
}

int main(void) {
  RUN(test_isa_fixture);
  RUN(test_basic);
  RUN(test_backtick_repetition);
  RUN(test_comp_equals_rep_bom);
  RUN(test_two_interchanges);
  RUN(test_malformed_ids);
  RUN(test_split);
  RUN(test_bad_input);
  RUN(test_fd_matches_mem);
  RUN(test_fd_errors);
  TEST_MAIN_END();
}
