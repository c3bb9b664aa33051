/* bench_x12_validate.c - full validation (envelopes, loops, elements,
 * balancing, situational rules) through the fd streaming path over the
 * generated big.837 and big.835: throughput and peak resident memory.
 * Usage: bench_x12_validate DATA_DIR. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "cleanclaim/x12.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long findings;
static void count(void *ctx, const cc_x12_finding *f) {
  (void)ctx;
  if (f->sev == CC_SEV_ERROR && findings++ < 5) {
    fprintf(stderr, "bench_x12_validate: unexpected finding: ");
    cc_x12_finding_print(f, false, stderr);
  }
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "build/bench-data";
  const char *names[] = {"big.837", "big.835"};
  uint64_t bytes = 0;
  double t0 = now();
  for (int i = 0; i < 2; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    struct stat st;
    if (stat(path, &st) != 0) {
      perror(path);
      return 1;
    }
    cc_x12_summary sum;
    cc_err e;
    if (cc_x12_validate_file(path, count, NULL, &sum, &e) != CC_OK) {
      cc_err_print(&e, stderr);
      return 1;
    }
    bytes += (uint64_t)st.st_size;
  }
  double dt = now() - t0;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("BENCH x12_validate_mbps %.0f MB/s\n",
         dt > 0 ? (double)bytes / 1e6 / dt : 0.0);
  printf("BENCH x12_validate_peak_rss %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
  if (findings) printf("BENCH x12_validate_findings %lu errors\n", findings);
  return 0;
}
