/* bench_x12_tokenize.c - tokenizer throughput in memory against a plain
 * memchr scan for segment terminators over the same bytes, in one run,
 * each the best of BENCH_ROUNDS rounds in thread CPU time.
 * Usage: bench_x12_tokenize DATA_DIR (reads DATA_DIR/big.837). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cleanclaim/x12.h"

/* Thread CPU time: the machine is shared, and time spent descheduled
 * would be charged to whichever loop happened to be running. Both loops
 * are timed the same way. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)len + 1);
  if (p) *n = fread(p, 1, (size_t)len, f);
  fclose(f);
  return p;
}

int main(int argc, char **argv) {
  char path[1024];
  snprintf(path, sizeof path, "%s/big.837", argc > 1 ? argv[1] : "build/bench-data");
  size_t n = 0;
  char *p = slurp(path, &n);
  if (!p || n == 0) {
    fprintf(stderr, "bench_x12_tokenize: cannot read %s\n", path);
    return 1;
  }
  double best_m = 1e9, best_t = 1e9;
  uint64_t terms = 0, segs = 0;
  static cc_x12_seg s; /* large: keep it off the stack */
  const char *r_env = getenv("BENCH_ROUNDS");
  int rounds = r_env && atoi(r_env) > 0 ? atoi(r_env) : 3;
  for (int round = 0; round < rounds; round++) {
    double t0 = now();
    uint64_t c = 0;
    const char *q = p, *end = p + n;
    while ((q = memchr(q, '~', (size_t)(end - q)))) c++, q++;
    double t1 = now();
    terms = c;
    if (t1 - t0 < best_m) best_m = t1 - t0;

    t0 = now();
    cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, path);
    cc_err e;
    cc_code rc;
    c = 0;
    while ((rc = cc_x12_lexer_next(lx, &s, &e)) == CC_OK) c++;
    cc_x12_lexer_free(lx);
    t1 = now();
    if (rc != CC_E_EOF) {
      cc_err_print(&e, stderr);
      return 1;
    }
    segs = c;
    if (t1 - t0 < best_t) best_t = t1 - t0;
  }
  if (segs != terms)
    fprintf(stderr, "bench_x12_tokenize: %llu segments but %llu terminators\n",
            (unsigned long long)segs, (unsigned long long)terms);
  double mb = (double)n / 1e6;
  printf("BENCH x12_memchr_mbps %.0f MB/s\n", mb / best_m);
  printf("BENCH x12_tokenize_mbps %.0f MB/s\n", mb / best_t);
  printf("BENCH x12_tokenize_vs_memchr %.2f ratio\n", best_m / best_t);
  fprintf(stderr, "bench_x12_tokenize: %.0f MB, %llu segments\n", mb,
          (unsigned long long)segs);
  /* The same loop on each slower path the lexer keeps (CC_X12_SIMD caps
   * its choice when a lexer is made), to show what the default gains. */
  static const char *const paths[] = {"sse2", "scalar"};
  for (int k = 0; k < 2; k++) {
    double best = 1e9;
    for (int round = 0; round < rounds; round++) {
      setenv("CC_X12_SIMD", paths[k], 1);
      double t0 = now();
      cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, path);
      unsetenv("CC_X12_SIMD");
      cc_err e;
      while (cc_x12_lexer_next(lx, &s, &e) == CC_OK) {
      }
      cc_x12_lexer_free(lx);
      double t1 = now();
      if (t1 - t0 < best) best = t1 - t0;
    }
    printf("BENCH x12_tokenize_%s_mbps %.0f MB/s\n", paths[k], mb / best);
  }
  free(p);
  return 0;
}
