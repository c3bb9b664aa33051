/* test_x12_parallel.c - parallel validation gives the serial findings: the
 * same sequence, every field, and the same summary, on every sample, reject
 * case and fuzz corpus file (cut before every possible ST with a one-byte
 * chunk size), and on hand-built files whose envelope checks span many
 * chunks (GE01, IEA01, control numbers, a set without SE, two delimiter
 * sets, a stray segment, a guide without tables, truncation). */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanclaim/x12.h"
#include "test.h"

typedef struct list {
  cc_x12_finding *f;
  size_t n, cap;
} list;

static void keep(void *ctx, const cc_x12_finding *f) {
  list *l = ctx;
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 16;
    l->f = realloc(l->f, l->cap * sizeof *l->f);
  }
  l->f[l->n++] = *f;
}

static bool str_eq(const char *a, const char *b) {
  if (!a || !b) return a == b;
  return strcmp(a, b) == 0;
}

static bool same_finding(const cc_x12_finding *a, const cc_x12_finding *b) {
  const cc_err *x = &a->where, *y = &b->where;
  return a->level == b->level && a->sev == b->sev && a->snip == b->snip &&
         strcmp(a->ack_code, b->ack_code) == 0 &&
         a->st_seg_pos == b->st_seg_pos && a->set_index == b->set_index &&
         x->code == y->code && str_eq(x->msg, y->msg) &&
         str_eq(x->file, y->file) && x->byte_off == y->byte_off &&
         x->line == y->line && x->seg_pos == y->seg_pos &&
         strcmp(x->seg_id, y->seg_id) == 0 &&
         strcmp(x->loop_id, y->loop_id) == 0 && x->elem_pos == y->elem_pos &&
         x->comp_pos == y->comp_pos && x->rep_pos == y->rep_pos &&
         x->de_ref == y->de_ref && strcmp(x->field, y->field) == 0 &&
         strcmp(x->detail, y->detail) == 0;
}

static unsigned files, split_files, fallbacks;
static int extra_argc; /* more directories to walk, from the command line */
static char **extra_argv;

/* Serial, then parallel with the given chunk size and threads; both must
 * agree in every finding and in the summary. */
static void compare(const char *path, size_t chunk, unsigned threads) {
  list s = {0}, p = {0};
  cc_x12_summary ss, ps;
  cc_err e1, e2;
  cc_err_clear(&e1);
  cc_err_clear(&e2);
  cc_code r1 = cc_x12_validate_file(path, keep, &s, &ss, &e1);
  cc_x12_validate_opts o = {threads, chunk, 1};
  cc_code r2 = cc_x12_validate_file_opts(path, &o, keep, &p, &ps, &e2);
  T_REPORT(r1 == r2, "%s: rc %d vs %d", path, r1, r2);
  T_REPORT(s.n == p.n, "%s (chunk %zu): %zu findings serial, %zu parallel",
           path, chunk, s.n, p.n);
  for (size_t i = 0; i < s.n && i < p.n; i++)
    if (!same_finding(&s.f[i], &p.f[i])) {
      T_REPORT(0, "%s (chunk %zu): finding %zu differs: serial %u:%u '%s', "
                  "parallel %u:%u '%s'",
               path, chunk, i, s.f[i].where.seg_pos, s.f[i].where.elem_pos,
               s.f[i].where.detail, p.f[i].where.seg_pos,
               p.f[i].where.elem_pos, p.f[i].where.detail);
      break;
    }
  if (r1 == CC_OK) {
    T_REPORT(ss.interchanges == ps.interchanges && ss.groups == ps.groups &&
                 ss.sets == ps.sets && ss.errors == ps.errors &&
                 ss.warnings == ps.warnings &&
                 ss.sets_unchecked == ps.sets_unchecked &&
                 ss.segments == ps.segments && ss.bytes == ps.bytes &&
                 strcmp(ss.unchecked_guides, ps.unchecked_guides) == 0,
             "%s (chunk %zu): summaries differ (segments %llu/%llu, errors "
             "%u/%u, guides '%s'/'%s')",
             path, chunk, (unsigned long long)ss.segments,
             (unsigned long long)ps.segments, ss.errors, ps.errors,
             ss.unchecked_guides, ps.unchecked_guides);
    files++;
    if (ps.chunks > 1 && !ps.fell_back) split_files++;
    if (ps.fell_back) fallbacks++;
  }
  free(s.f);
  free(p.f);
}

static void compare_file(const char *path, void *ctx) {
  (void)ctx;
  compare(path, 1, 2);
}
static void walk(const char *dir) { t_each_file(dir, compare_file, NULL); }

static void test_samples_and_corpora(void) {
  char p[1024];
  snprintf(p, sizeof p, "%s/x12", t_shared());
  unsigned before = files;
  walk(p);
  CHECK(files - before > 50); /* the shared samples are there */
  walk("tests/x12");
  walk("fuzz/corpus");
  walk("build-fuzz/corpus");
  for (int i = 1; i < extra_argc; i++) walk(extra_argv[i]);
  /* Some files do get split (several sets), not all fall back. */
  CHECK(split_files > 10);
  printf("# %u files, %u split into chunks, %u fell back to serial\n", files,
         split_files, fallbacks);
}

/* ---- hand-built interchanges with many sets ---- */

/* One 837P set (ST02 = n), well-formed, with one claim of two lines;
 * ST03 names set_version. */
static const char *set_version = "005010X222A1";
static void put_set(FILE *f, unsigned n, bool with_se) {
  const char *body[] = {
      "BHT*0019*00*0123*20260101*0932*CH",
      "NM1*41*2*CLINIC*****46*999999999",
      "PER*IC*JANE*TE*3016809770",
      "NM1*40*2*PAYER*****46*111222333",
      "HL*1**20*1",
      "NM1*85*2*MEDICAL GROUP*****XX*1234567893",
      "N3*1 MAIN ST",
      "N4*CITY*MD*20705",
      "REF*EI*123456789",
      "HL*2*1*22*0",
      "SBR*P*18*******CI",
      "NM1*IL*1*DOE*JOHN****MI*W123",
      "N3*2 SIDE ST",
      "N4*CITY*MD*20705",
      "DMG*D8*19800101*M",
      "NM1*PR*2*PAYER*****PI*12345",
      "CLM*C1*150***11:B:1*Y*A*Y*Y",
      "HI*ABK:R05",
      "LX*1",
      "SV1*HC:99213*100*UN*1***1",
      "DTP*472*D8*20260101",
      "LX*2",
      "SV1*HC:81002*50*UN*1***1",
      "DTP*472*D8*20260101",
  };
  unsigned k = sizeof body / sizeof *body;
  fprintf(f, "ST*837*%04u*%s~\n", n, set_version);
  for (unsigned i = 0; i < k; i++) fprintf(f, "%s~\n", body[i]);
  if (with_se) fprintf(f, "SE*%u*%04u~\n", k + 2, n);
}

static void put_isa(FILE *f, const char *ctl) {
  fprintf(f,
          "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER   "
          "    *260101*1200*^*00501*%s*0*T*:~\n",
          ctl);
}

static char *write_tmp(const char *tag, void (*fill)(FILE *)) {
  static char path[256];
  snprintf(path, sizeof path, "/tmp/cc_par_%d_%s.edi", (int)getpid(), tag);
  FILE *f = fopen(path, "wb");
  if (!f) return NULL;
  fill(f);
  fclose(f);
  return path;
}

static void fill_valid(FILE *f) {
  put_isa(f, "000000001");
  fputs("GS*HC*SS*RR*20260101*1200*7*X*005010X222A1~\n", f);
  for (unsigned i = 1; i <= 40; i++) put_set(f, i, true);
  fputs("GE*40*7~\nIEA*1*000000001~\n", f);
}

/* GE01 one short, GE02 and IEA02 mismatched, IEA01 wrong, a set without
 * SE in the middle, a stray segment, a second group of a guide without
 * tables, a second interchange with other delimiters, then truncation. */
static void fill_broken(FILE *f) {
  put_isa(f, "000000001");
  fputs("GS*HC*SS*RR*20260101*1200*7*X*005010X222A1~\n", f);
  for (unsigned i = 1; i <= 12; i++) put_set(f, i, i != 6);
  fputs("GE*11*8~\n", f);
  fputs("REF*EI*STRAY~\n", f);
  fputs("GS*HC*SS*RR*20260101*1200*9*X*005010X299A9~\n", f);
  set_version = "005010X299A9";
  for (unsigned i = 20; i <= 25; i++) put_set(f, i, true);
  set_version = "005010X222A1";
  fputs("GE*6*9~\nIEA*3*000000002~\n", f);
  /* The second interchange writes '|' for '*' and '!' for '~'. */
  char *buf = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&buf, &n);
  put_isa(m, "000000003");
  fputs("GS*HC*SS*RR*20260101*1200*10*X*005010X222A1~\n", m);
  for (unsigned i = 30; i <= 37; i++) put_set(m, i, true);
  fputs("GE*8*10~\nIEA*1*000000003~\n", m);
  fclose(m);
  for (size_t i = 0; i < n; i++)
    fputc(buf[i] == '*' ? '|' : buf[i] == '~' ? '!' : buf[i], f);
  free(buf);
  put_isa(f, "000000004");
  fputs("GS*HC*SS*RR*20260101*1200*11*X*005010X222A1~\n", f);
  for (unsigned i = 40; i <= 45; i++) put_set(f, i, i != 45);
}

static void test_many_sets(void) {
  size_t sizes[] = {1, 700, 3000};
  for (unsigned s = 0; s < 3; s++) {
    char *p = write_tmp("valid", fill_valid);
    CHECK(p != NULL);
    if (!p) return;
    compare(p, sizes[s], 2);
    compare(p, sizes[s], 3);
    list l = {0};
    cc_x12_summary sum;
    cc_err e;
    cc_x12_validate_opts o = {2, sizes[s], 1};
    CHECK_INT(cc_x12_validate_file_opts(p, &o, keep, &l, &sum, &e), CC_OK);
    CHECK_INT(l.n, 0);
    CHECK_INT(sum.sets, 40);
    CHECK(sum.chunks > 1);
    CHECK(!sum.fell_back);
    free(l.f);
    unlink(p);
    p = write_tmp("broken", fill_broken);
    compare(p, sizes[s], 2);
    compare(p, sizes[s], 4);
    unlink(p);
  }
}

/* 400 good sets, then sets of 30 misplaced, badly dated DTPs each: over
 * 16,384 findings in one chunk, more than a chunk holds, so the file goes
 * through the serial path again after the first chunks went out (their
 * findings are skipped there). */
static void fill_noisy(FILE *f) {
  put_isa(f, "000000001");
  fputs("GS*HC*SS*RR*20260101*1200*7*X*005010X222A1~\n", f);
  for (unsigned i = 1; i <= 400; i++) put_set(f, i, true);
  for (unsigned i = 401; i <= 1300; i++) {
    fprintf(f, "ST*837*%04u*005010X222A1~\n", i);
    fputs("BHT*0019*00*0123*20260101*0932*CH~\n", f);
    for (unsigned k = 0; k < 30; k++) fputs("DTP*472*D8*20261399~\n", f);
    fprintf(f, "SE*32*%04u~\n", i);
  }
  fputs("GE*1300*7~\nIEA*1*000000001~\n", f);
}

/* One set of about 1.5 MB: no ST to cut at within 1 MB of small chunks. */
static void fill_huge_set(FILE *f) {
  fill_valid(f);
  put_isa(f, "000000002");
  fputs("GS*HC*SS*RR*20260101*1200*8*X*005010X222A1~\n", f);
  put_set(f, 99, false);
  for (unsigned k = 0; k < 60000; k++) fputs("DTP*472*D8*20260101~\n", f);
  fputs("SE*60026*0099~\nGE*1*8~\nIEA*1*000000002~\n", f);
}

static void test_fallbacks(void) {
  char *p = write_tmp("noisy", fill_noisy);
  cc_x12_summary sum;
  cc_err e;
  cc_x12_validate_opts o = {2, 200000, 1};
  unsigned before = fallbacks;
  compare(p, 200000, 2);
  CHECK(fallbacks == before + 1);
  list l = {0};
  CHECK_INT(cc_x12_validate_file_opts(p, &o, keep, &l, &sum, &e), CC_OK);
  CHECK(sum.fell_back);
  CHECK(l.n > 50000);
  CHECK_INT(sum.errors, l.n);
  free(l.f);
  unlink(p);
  p = write_tmp("huge", fill_huge_set);
  before = fallbacks;
  compare(p, 1000, 2);
  CHECK(fallbacks == before + 1);
  unlink(p);
}

/* Threads 1, a file under min_bytes, and a pipe take the serial path. */
static void test_serial_paths(void) {
  char *p = write_tmp("small", fill_valid);
  cc_x12_summary sum;
  cc_err e;
  cc_x12_validate_opts one = {1, 1, 1}, big = {2, 1, (uint64_t)1 << 40};
  CHECK_INT(cc_x12_validate_file_opts(p, &one, NULL, NULL, &sum, &e), CC_OK);
  CHECK_INT(sum.chunks, 0);
  CHECK_INT(cc_x12_validate_file_opts(p, &big, NULL, NULL, &sum, &e), CC_OK);
  CHECK_INT(sum.chunks, 0);
  CHECK_INT(sum.sets, 40);
  unlink(p);
  CHECK_INT(cc_x12_validate_file_opts("/nonexistent/x.edi", &one, NULL, NULL,
                                      &sum, &e),
            CC_E_IO);
  CHECK(cc_x12_validate_threads(3) == 3);
  CHECK(cc_x12_validate_threads(0) >= 1 && cc_x12_validate_threads(0) <= 4);
}

int main(int argc, char **argv) {
  extra_argc = argc;
  extra_argv = argv;
  RUN(test_samples_and_corpora);
  RUN(test_many_sets);
  RUN(test_fallbacks);
  RUN(test_serial_paths);
  TEST_MAIN_END();
}
