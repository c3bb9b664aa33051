/* test_x12_lex_paths.c - the tokenizer's hot loops (scalar, SSE2, AVX2) must
 * cut every input the same way: each segment, element slice, gap, offset,
 * the tail and the error, in memory and through fd windows small enough
 * that segments straddle refills. The scalar path is the reference; the
 * inputs are the shared samples, tests/x12, the fuzz corpora and generated
 * files with odd delimiters, gaps and segment lengths around 64 bytes. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanclaim/x12.h"
#include "test.h"
#include "x12/x12_lex_path.h"
#include "x12_lex_transcript.h"

static const char *const PATH_NAME[] = {"scalar", "sse2", "avx2"};

static int n_paths;            /* paths this CPU runs: 1..3 */
static int shown;              /* failures described; later ones only count */
static long inputs, compared;  /* for the summary line */
static char tmpl[] = "/tmp/cc_lexp_XXXXXX";
static int tmp_fd = -1;

static cc_x12_lexer *lexer_for(int path, int mode, const char *in, size_t n) {
  setenv("CC_X12_SIMD", PATH_NAME[path], 1);
  cc_x12_lexer *lx;
  static const size_t windows[] = {0, 4096, 300, 173};
  if (mode == 0) {
    lx = cc_x12_lexer_mem(in, n, "in");
  } else {
    if (ftruncate(tmp_fd, 0) != 0 || lseek(tmp_fd, 0, SEEK_SET) != 0 ||
        write(tmp_fd, in, n) != (ssize_t)n || lseek(tmp_fd, 0, SEEK_SET) != 0)
      return NULL;
    lx = x12_lexer_fd_window(tmp_fd, "in", windows[mode]);
  }
  unsetenv("CC_X12_SIMD");
  return lx;
}

/* Lex in[0..n) with every path in memory and in three fd windows; every
 * path must give the scalar path's transcript. */
static void compare_paths(const char *label, const char *in, size_t n) {
  static tbuf ref, got;
  inputs++;
  for (int mode = 0; mode < 4; mode++) {
    for (int path = 0; path < n_paths; path++) {
      cc_x12_lexer *lx = lexer_for(path, mode, in, n);
      if (!lx) {
        T_REPORT(0, "%s: no lexer", label);
        return;
      }
      if (x12_lex_path(lx) != path)
        T_REPORT(0, "%s: asked for %s, got path %d", label, PATH_NAME[path],
                 x12_lex_path(lx));
      bool ok = transcript(lx, in, n, path == 0 ? &ref : &got);
      cc_x12_lexer_free(lx);
      if (!ok && shown++ >= 10) t_fail++;
      else
        T_REPORT(ok, "%s mode %d path %s: a slice is not the input's bytes",
                 label, mode, PATH_NAME[path]);
      if (path == 0) continue;
      compared++;
      if (got.n != ref.n || memcmp(got.p, ref.p, ref.n) != 0) {
        if (shown++ >= 10) {
          t_fail++;
          return;
        }
        size_t i = 0;
        while (i < ref.n && i < got.n && ref.p[i] == got.p[i]) i++;
        size_t from = i > 200 ? i - 200 : 0;
        T_REPORT(0,
                 "%s mode %d: %s differs from scalar at transcript byte %zu:"
                 "\n--- scalar: %.300s\n--- %s: %.300s",
                 label, mode, PATH_NAME[path], i, ref.p + from,
                 PATH_NAME[path], got.p + from);
        return;
      }
    }
  }
}

/* One file of up to 8 MB; *ctx counts those compared. */
static void compare_file(const char *path, void *ctx) {
  struct stat st;
  if (stat(path, &st) != 0 || st.st_size > (8 << 20)) return;
  size_t n = 0;
  char *p = t_slurp(path, &n);
  if (!p) return;
  compare_paths(path, p, n);
  free(p);
  ++*(int *)ctx;
}

/* Every regular file under dir, recursively: the number compared. */
static int compare_dir(const char *dir) {
  int files = 0;
  t_each_file(dir, compare_file, &files);
  return files;
}

static void test_paths_available(void) {
  /* The choice is capped by CC_X12_SIMD, never raised past the CPU. */
  n_paths = 1;
  for (int path = 1; path < 3; path++) {
    cc_x12_lexer *lx = lexer_for(path, 0, "", 0);
    if (x12_lex_path(lx) == path) n_paths = path + 1;
    cc_x12_lexer_free(lx);
  }
#if defined(__x86_64__)
  CHECK(n_paths >= 2); /* every x86-64 has SSE2 */
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2"))
    CHECK_INT(n_paths, 3);
#endif
  printf("# paths compared: %d (%s)\n", n_paths, PATH_NAME[n_paths - 1]);
}

static void test_samples(void) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s/x12", t_shared());
  int files = compare_dir(dir);
  CHECK(files > 0);
  files = compare_dir("tests/x12");
  CHECK(files > 0);
  files = compare_dir("fuzz/corpus");
  CHECK(files > 0);
}

/* Small deterministic generator (xorshift64*, high bits: the low bits of
 * consecutive plain xorshift values are correlated), so a failure can be
 * replayed. */
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n) {
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return (unsigned)((rng * 0x2545F4914F6CDD1Dull) >> 33) % n;
}

static const char ISA_T[] = "ISA*00*          *00*          *ZZ*SENDER         "
                            "*ZZ*RECEIVER       *261126*1200*^*00501*000000001"
                            "*0*T*:~";

/* One generated file: interchanges with the given delimiters, segments of
 * every length from 0 to ~200 bytes (so many end just before, at and after
 * a 64-byte block), gaps of blanks, stray delimiters and ids of every
 * shape; sometimes cut short or followed by junk. */
static size_t gen(char *out, size_t cap, char e, char rep, char comp,
                  char term, int flavour) {
  size_t n = 0;
  static const char *ids[] = {"GS", "ST", "NM1", "N3", "CLM", "HI", "SV1",
                              "DTP", "REF", "ISAX", "IS", "I", "", "nm1",
                              "SE", "GE", "A1", "99", "IEA"};
  static const char gapc[] = {' ', '\r', '\n', '\t'};
  int ics = 1 + (int)rnd(3);
  for (int ic = 0; ic < ics && n + 4096 < cap; ic++) {
    if (flavour & 1 && ic == 0) {
      memcpy(out + n, "\xEF\xBB\xBF", 3);
      n += 3;
    }
    memcpy(out + n, ISA_T, 106);
    for (size_t i = 0; i < 106; i++)
      if (out[n + i] == '*') out[n + i] = e;
    out[n + 82] = rep;
    out[n + 104] = comp;
    out[n + 105] = term;
    n += 106;
    if (ic > 0 && rnd(3) == 0) {
      /* A 105-byte ISA (ISA16 left out): its error names what is missing
       * when the component separator turns up within 512 bytes, which an
       * fd window must not change. */
      out[n - 2] = term;
      n--;
    }
    int segs = 20 + (int)rnd(300);
    for (int k = 0; k < segs && n + 1024 < cap; k++) {
      if (flavour & 2 || rnd(4) == 0) { /* a gap */
        unsigned gl = rnd(8) == 0 ? 40 + rnd(60) : rnd(4);
        for (unsigned i = 0; i < gl; i++) out[n++] = gapc[rnd(4)];
      }
      /* Ids with a NUL, a control byte or a byte over 0x7F are no ids:
       * every path must say "" (the fuzzer found a 3-byte id ending in NUL
       * read as a 2-byte one by the class table). */
      static const char odd[][4] = {"SB\0", "S\0B", "\x01" "BC", "N\xc9",
                                    "N1\x80", "\0\0\0"};
      const char *id = ids[rnd(17)];
      if (k == segs - 1 && rnd(2)) id = "IEA";
      size_t il = strlen(id);
      if (rnd(16) == 0) {
        id = odd[rnd(6)];
        il = 3;
      }
      memcpy(out + n, id, il);
      n += il;
      unsigned len = rnd(10) == 0 ? rnd(200) : rnd(70);
      for (unsigned i = 0; i < len; i++) {
        unsigned r = rnd(100);
        char c = r < 18   ? e
                 : r < 22 ? comp
                 : r < 24 && rep ? rep
                 : r < 25  ? gapc[rnd(4)]
                 : r < 26  ? (char)(0x80 + rnd(128))
                 : r < 27  ? (char)rnd(32)
                           : (char)('A' + rnd(26));
        if (c == term) c = 'Z';
        out[n++] = c;
      }
      if (rnd(200) == 0 && !(flavour & 4)) { /* too many elements */
        for (int i = 0; i < 70; i++) out[n++] = e;
      }
      out[n++] = term;
    }
  }
  if (flavour & 4 && n > 10) n -= 1 + rnd(10); /* truncated */
  if (flavour & 8) { /* junk after the last IEA or segment */
    for (int i = 0; i < 5; i++) out[n++] = (char)('a' + rnd(26));
  }
  return n;
}

static void test_generated(void) {
  size_t cap = 1 << 18;
  char *buf = malloc(cap);
  /* element, repetition, component, terminator: usual, line feed as
   * terminator, blanks-adjacent bytes, high bytes, no repetition. */
  static const char delims[][4] = {
      {'*', '^', ':', '~'},  {'|', '^', '>', '\n'}, {'*', 0, ':', '\r'},
      {'!', '{', '}', '\''}, {'\x1d', '\x1f', '\x1e', '\x1c'},
      {'\xe9', '\xea', '\xeb', '\xec'}, {'+', '^', ':', '~'},
      {'*', '^', '\t', '~'}, {'\t', '^', ':', '~'}};
  int files = 0;
  for (size_t d = 0; d < sizeof delims / sizeof delims[0]; d++) {
    for (int flavour = 0; flavour < 16; flavour++) {
      const char *dl = delims[d];
      size_t n = gen(buf, cap, dl[0], dl[1] ? dl[1] : 'U', dl[2], dl[3],
                     flavour);
      char label[64];
      snprintf(label, sizeof label, "generated delims %zu flavour %d", d,
               flavour);
      compare_paths(label, buf, n);
      files++;
    }
  }
  free(buf);
  CHECK(files == 144);
}

/* The AVX2 path keeps bitmaps of 2048 bytes at a time and reads 57-64
 * bytes of them per segment: segments of every length from 0 to 75 bytes,
 * one after another, put terminators and separators at every place around
 * the bitmaps' 64-byte words and 2048-byte spans and around the 57-byte
 * reach, and the lead (a first segment of 0-7 more bytes) shifts them all
 * against the 8-byte steps the bitmaps start at; the file ends at every
 * distance from the last bitmap. Every seventh segment follows a gap on
 * one of the two passes. */
static void test_stage_bounds(void) {
  size_t cap = 1 << 15;
  char *buf = malloc(cap);
  int files = 0;
  for (int gaps = 0; gaps < 2; gaps++) {
    for (unsigned lead = 0; lead < 8; lead++) {
      for (unsigned tail = 0; tail < 3; tail++) {
        size_t n = 0;
        memcpy(buf, ISA_T, 106);
        n = 106;
        memcpy(buf + n, "GS*HC*X", 7);
        n += 7;
        for (unsigned i = 0; i < lead; i++) buf[n++] = 'Q';
        buf[n++] = '~';
        unsigned k = 0;
        while (n < 5000 + 37 * tail) {
          if (gaps && k % 7 == 6) {
            buf[n++] = '\r';
            buf[n++] = '\n';
          }
          unsigned len = k++ % 76;
          /* An id, then elements of 0-4 bytes, a composite now and then. */
          static const char body[] = "NM1*AB*C:D**EFGH*I*JK*L**MNO*P:QR*ST";
          for (unsigned i = 0; i < len; i++)
            buf[n++] = body[i % (sizeof body - 1)];
          buf[n++] = '~';
        }
        memcpy(buf + n, "GE*1*1~IEA*1*000000001~", 23);
        n += 23;
        if (tail == 2) buf[n++] = '\n';
        char label[64];
        snprintf(label, sizeof label, "stage bounds gaps %d lead %u tail %u",
                 gaps, lead, tail);
        compare_paths(label, buf, n);
        files++;
      }
    }
  }
  free(buf);
  CHECK(files == 48);
}

int main(void) {
  tmp_fd = mkstemp(tmpl);
  if (tmp_fd < 0) {
    printf("not ok - mkstemp\n");
    return 1;
  }
  unlink(tmpl);
  RUN(test_paths_available);
  RUN(test_samples);
  RUN(test_generated);
  RUN(test_stage_bounds);
  printf("# %ld inputs, %ld path runs compared with scalar\n", inputs,
         compared);
  close(tmp_fd);
  TEST_MAIN_END();
}
