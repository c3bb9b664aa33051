/* bench_x12_validate.c - full validation (envelopes, loops, elements,
 * balancing, situational rules) of the generated big.837 and big.835:
 * wall-clock throughput of the default path (cc_x12_validate_file_opts,
 * parallel on a multi-core machine), CPU throughput of one thread (the
 * serial fd streaming path, thread CPU time), the default path's
 * throughput per CPU second of all its threads, and peak resident memory.
 * Each timing is the best of BENCH_ROUNDS rounds (default 3), as in
 * bench_x12_tokenize: this VM's speed drifts by up to 1.7x from minute
 * to minute (the same binary's one-thread CPU figure went from 147 to
 * 260 MB/s in consecutive runs), and the best round is the one least
 * disturbed. Every round does the whole work on the same 300 MB.
 * Usage: bench_x12_validate DATA_DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "cleanclaim/x12.h"

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
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

/* Validate both files with o; returns the bytes, 0 on failure. */
static uint64_t both(const char *dir, const cc_x12_validate_opts *o,
                     unsigned *chunks) {
  const char *names[] = {"big.837", "big.835"};
  uint64_t bytes = 0;
  for (int i = 0; i < 2; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    struct stat st;
    if (stat(path, &st) != 0) {
      perror(path);
      return 0;
    }
    cc_x12_summary sum;
    cc_err e;
    if (cc_x12_validate_file_opts(path, o, count, NULL, &sum, &e) != CC_OK) {
      cc_err_print(&e, stderr);
      return 0;
    }
    if (chunks) *chunks += sum.chunks;
    bytes += (uint64_t)st.st_size;
  }
  return bytes;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "build/bench-data";
  cc_x12_validate_opts def = {0, 0, 0}, one = {1, 0, 0};
  const char *r_env = getenv("BENCH_ROUNDS");
  int rounds = r_env && atoi(r_env) > 0 ? atoi(r_env) : 3;
  unsigned chunks = 0;
  uint64_t bytes = 0;
  double wall = 1e9, pcpu = 1e9, cpu = 1e9;
  for (int r = 0; r < rounds; r++) {
    chunks = 0;
    double p0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    double t0 = clock_s(CLOCK_MONOTONIC);
    bytes = both(dir, &def, &chunks);
    double w = clock_s(CLOCK_MONOTONIC) - t0;
    /* All threads' CPU time of the default run: next to the serial figure
     * it says what the parallel path costs on top, whatever the load. */
    double pc = clock_s(CLOCK_PROCESS_CPUTIME_ID) - p0;
    if (!bytes) return 1;
    t0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
    if (!both(dir, &one, NULL)) return 1;
    double c = clock_s(CLOCK_THREAD_CPUTIME_ID) - t0;
    if (w < wall) wall = w;
    if (pc < pcpu) pcpu = pc;
    if (c < cpu) cpu = c;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("BENCH x12_validate_mbps %.0f MB/s\n",
         wall > 0 ? (double)bytes / 1e6 / wall : 0.0);
  printf("BENCH x12_validate_threads %u threads\n", cc_x12_validate_threads(0));
  printf("BENCH x12_validate_chunks %u chunks\n", chunks);
  printf("BENCH x12_validate_1t_cpu_mbps %.0f MB/s\n",
         cpu > 0 ? (double)bytes / 1e6 / cpu : 0.0);
  printf("BENCH x12_validate_all_cpu_mbps %.0f MB/s\n",
         pcpu > 0 ? (double)bytes / 1e6 / pcpu : 0.0);
  printf("BENCH x12_validate_peak_rss %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
  if (findings) printf("BENCH x12_validate_findings %lu errors\n", findings);
  return 0;
}
