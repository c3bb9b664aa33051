/* bench_x12_stream.c - the fd (streaming) tokenizer over the generated files:
 * throughput and peak resident memory, which must stay flat whatever the
 * file size. Usage: bench_x12_stream DATA_DIR (big.837 and big.835). */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cleanclaim/x12.h"

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "build/bench-data";
  const char *names[] = {"big.837", "big.835"};
  static cc_x12_seg s;
  uint64_t bytes = 0, segs = 0;
  double t0 = now();
  /* CPU time too (reads included): wall clock on a shared machine also
   * counts time spent waiting for a core. */
  double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
  for (int i = 0; i < 2; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
      perror(path);
      return 1;
    }
    cc_x12_lexer *lx = cc_x12_lexer_fd(fd, path);
    cc_err e;
    cc_code rc;
    while ((rc = cc_x12_lexer_next(lx, &s, &e)) == CC_OK) segs++;
    if (rc != CC_E_EOF) {
      cc_err_print(&e, stderr);
      return 1;
    }
    bytes += s.offset + s.raw.n + 1 + cc_x12_lexer_tail(lx).n;
    cc_x12_lexer_free(lx);
    close(fd);
  }
  double t = now() - t0;
  double c = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("BENCH x12_tokenize_fd_mbps %.0f MB/s\n", (double)bytes / 1e6 / t);
  printf("BENCH x12_tokenize_fd_cpu_mbps %.0f MB/s\n", (double)bytes / 1e6 / c);
  printf("BENCH x12_tokenize_fd_peak_rss %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
  fprintf(stderr, "bench_x12_stream: %.0f MB, %llu segments\n",
          (double)bytes / 1e6, (unsigned long long)segs);
  return 0;
}
