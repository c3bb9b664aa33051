/* bench_codes.c - how long loading every code set in $CC_SHARED/data into a
 * fresh database takes, and how many lookups per second the in-memory
 * snapshot answers (the scrubber's inner loop). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cleanclaim/codes.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void rm_db(const char *p) {
  char b[300];
  unlink(p);
  snprintf(b, sizeof b, "%s-wal", p);
  unlink(b);
  snprintf(b, sizeof b, "%s-shm", p);
  unlink(b);
}

int main(int argc, char **argv) {
  (void)argc;
  const char *sh = getenv("CC_SHARED");
  char dir[1024], db[256];
  if (sh && *sh) {
    snprintf(dir, sizeof dir, "%s/data", sh);
  } else {
    /* bench/run does not set CC_SHARED: the shared folder sits beside the
     * repository, and this program is <repo>/<build>/bench/bench_codes. */
    const char *slash = strrchr(argv[0], '/');
    int n = slash ? (int)(slash - argv[0]) : 1;
    snprintf(dir, sizeof dir, "%.*s/../../../shared/data", n, slash ? argv[0] : ".");
    if (access(dir, R_OK) != 0) snprintf(dir, sizeof dir, "../shared/data");
  }
  snprintf(db, sizeof db, "/tmp/cc_bench_codes_%d.db", (int)getpid());
  rm_db(db);
  cc_err e;
  cc_err_clear(&e);
  cc_store *s;
  double t0 = now();
  if (cc_store_open(db, true, &s, &e) || cc_codes_load_dir(s, dir, NULL, NULL, &e)) {
    fprintf(stderr, "bench_codes: ");
    cc_err_print(&e, stderr);
    return 1;
  }
  double load_s = now() - t0;
  printf("BENCH codes_load_all_s %.3f s\n", load_s);

  cc_codes *c;
  if (cc_codes_open(s, CC_DAY_NONE, &c, &e)) {
    cc_err_print(&e, stderr);
    return 1;
  }
  /* A mix like a service line's: diagnoses (some unknown), a procedure, a
   * modifier and a place of service, on dates inside and outside FY2026. */
  static const char *dx[] = {"E119", "I10", "Z0000", "J069", "M545", "R51",
                             "E785", "A000", "N800", "Z3A00", "K219", "XYZ12"};
  static const char *px[] = {"A0021", "J1040", "G0008", "99213", "L3000"};
  static const char *mod[] = {"25", "59", "LT", "RT", "GA"};
  static const char *pos[] = {"11", "22", "02", "10"};
  cc_day days[] = {cc_date_days(2025, 11, 3), cc_date_days(2026, 5, 20),
                   cc_date_days(2024, 2, 1)};
  const long n = 4000000;
  long found = 0;
  cc_code_info ci;
  t0 = now();
  for (long i = 0; i < n; i++) {
    cc_day d = days[i % 3];
    cc_slice code;
    switch (i & 3) {
    case 0:
      code = cc_slice_cstr(dx[i % 12]);
      found += cc_codes_icd10(c, code, d, &ci);
      break;
    case 1:
      code = cc_slice_cstr(px[i % 5]);
      found += cc_codes_hcpcs(c, code, d, &ci) || cc_codes_cpt(c, code, d, &ci);
      break;
    case 2:
      found += cc_codes_modifier(c, cc_slice_cstr(mod[i % 5]), d, &ci);
      break;
    default:
      found += cc_codes_pos(c, cc_slice_cstr(pos[i % 4]), d, &ci);
      break;
    }
  }
  double look_s = now() - t0;
  fprintf(stderr, "bench_codes: %ld of %ld lookups found\n", found, n);
  printf("BENCH codes_lookup_per_s %.0f 1/s\n", (double)n / look_s);
  cc_codes_free(c);
  cc_store_close(s);
  rm_db(db);
  return 0;
}
