/* bench_scrub.c - the scrubber's throughput: every code set in
 * $CC_SHARED/data loaded, plus generated NCCI tables of full size (a PTP
 * file of more than a million pairs and an MUE row per code, written in the
 * CMS layouts and loaded through cc_codes_load), then a generated batch of
 * at least one million service lines scrubbed on one core.
 * Usage: bench_scrub [DATA_DIR]. Prints the table loading and the
 * scrubbing figures separately:
 *   scrub_tables_import_s  loading the files into the database (once);
 *   scrub_tables_load_s    cc_scrub_open: reading every table into memory,
 *                          what each scrub run pays before its first claim;
 *   scrub_lines_per_s      lines scrubbed per second of thread CPU time,
 *                          the claims' generation time taken out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"

#define PTP_SPAN 70          /* each code is column 1 to the next 70 codes */
#define TARGET_LINES 1000000 /* lines scrubbed at least */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: the machine may be shared, and the target is
 * lines per second on one core. */
static double cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint32_t rnd(uint32_t n) { /* xorshift64*, deterministic */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return (uint32_t)((rng * 2685821657736338717ULL) >> 33) % n;
}

static void rm_db(const char *p) {
  char b[300];
  unlink(p);
  snprintf(b, sizeof b, "%s-wal", p);
  unlink(b);
  snprintf(b, sizeof b, "%s-shm", p);
  unlink(b);
}

/* The procedure codes the 2025 fee schedule prices: real code numbers for
 * the generated edits. */
static char (*codes)[6];
static size_t n_codes;

static int read_codes(const char *shared) {
  char path[1024], line[4096];
  snprintf(path, sizeof path, "%s/data/cms_pfs_rvu/PPRRVU2025_Oct_nodesc_cpt.csv", shared);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  size_t cap = 32768;
  codes = malloc(cap * sizeof *codes);
  while (codes && fgets(line, sizeof line, f)) {
    if (strlen(line) < 6 || line[5] != ',' || memcmp(line, "HCPCS", 5) == 0)
      continue; /* header, odd rows */
    if (n_codes && memcmp(codes[n_codes - 1], line, 5) == 0) continue;
    if (n_codes == cap) break;
    memcpy(codes[n_codes], line, 5);
    codes[n_codes++][5] = '\0';
  }
  fclose(f);
  return n_codes > 1000 ? 0 : -1;
}

static long write_ptp(const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fputs("Generated for the cleanclaim benchmark: made-up edits on real code numbers "
        "in the CMS practitioner PTP layout, not NCCI content.\r\n"
        "CPT only copyright American Medical Association. All rights reserved.\r\n\r\n"
        "Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\t"
        "Deletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\t"
        "PTP Edit Rationale\r\n", f);
  long n = 0;
  for (size_t i = 0; i < n_codes; i++)
    for (size_t k = 1; k <= PTP_SPAN; k++) {
      uint32_t r = rnd(100);
      int mod = r < 85 ? 1 : r < 97 ? 0 : 9;
      bool deleted = rnd(20) == 0;
      fprintf(f, "%s\t%s\t%s\t%s\t%s\t%d\t%s\r\n", codes[i], codes[(i + k) % n_codes],
              rnd(10) == 0 ? "*" : "", rnd(2) ? "20100101" : "20200401",
              deleted ? "20230101" : "*", mod, "Standards of medical / surgical practice");
      n++;
    }
  fclose(f);
  return n;
}

static long write_mue(const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fputs("\"Generated for the cleanclaim benchmark, not NCCI content.\"\r\n"
        "HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,"
        "MUE Rationale\r\n", f);
  static const char *ind[] = {"1 Line Edit", "2 Date of Service Edit: Policy",
                              "3 Date of Service Edit: Clinical"};
  for (size_t i = 0; i < n_codes; i++)
    fprintf(f, "%s,%u,%s,Clinical: Data\r\n", codes[i], 1 + rnd(6), ind[rnd(3)]);
  fclose(f);
  return (long)n_codes;
}

static const char *dx_pool[] = {"E119", "I10", "J069", "M545", "E785", "Z0000",
                                "K219", "R51", "N390", "F419", "E1165", "M1711"};
static const char *mod_pool[] = {"25", "59", "LT", "RT", "XS", "GP", "26", "TC"};

/* One claim of 1 to 8 lines on one or two dates, codes drawn at random;
 * one claim in eight bills a pair that sits in the PTP table. */
static void make_claim(cc_claim *c, cc_claim_line *ln, uint32_t i) {
  cc_claims_init(c, 'P');
  snprintf(c->pcn, sizeof c->pcn, "B%07u", i);
  strcpy(c->facility_code, "11");
  c->facility_qual = 'B';
  c->frequency = '1';
  c->billing.entity = '2';
  strcpy(c->billing.last, "SYNTHETIC CLINIC");
  strcpy(c->billing.id_qual, "XX");
  strcpy(c->billing.id, "1111111112");
  c->rendering.entity = '1';
  strcpy(c->rendering.id_qual, "XX");
  strcpy(c->rendering.id, "1234567893");
  strcpy(c->payer.id, "BENCHPPO");
  c->subscriber.name.entity = '1';
  strcpy(c->subscriber.name.last, "SYNTHETIC");
  strcpy(c->subscriber.name.first, "PERSON");
  snprintf(c->subscriber.name.id, sizeof c->subscriber.name.id, "M%07u", i);
  strcpy(c->subscriber.name.addr1, "1 MAIN ST");
  strcpy(c->subscriber.name.city, "SPRINGFIELD");
  strcpy(c->subscriber.name.state, "IL");
  strcpy(c->subscriber.name.zip, "62701");
  c->subscriber.birth_date = cc_date_days(1950 + (int)rnd(60), 1 + (int)rnd(12), 1 + (int)rnd(28));
  c->subscriber.sex = rnd(2) ? 'F' : 'M';
  strcpy(c->relationship, "18");
  c->n_dx = (uint16_t)(1 + rnd(4));
  for (uint16_t k = 0; k < c->n_dx; k++) {
    strcpy(c->dx[k].qual, k ? "ABF" : "ABK");
    strcpy(c->dx[k].code, dx_pool[rnd(12)]);
  }
  uint32_t n = 1 + rnd(8);
  cc_day d0 = cc_date_days(2026, 3, 1) + (cc_day)rnd(150);
  c->total = CC_MONEY(0);
  for (uint32_t k = 0; k < n; k++) {
    cc_claim_line *l = &ln[k];
    memset(l, 0, sizeof *l);
    l->lx = k + 1;
    strcpy(l->proc_qual, "HC");
    size_t ci = rnd((uint32_t)n_codes);
    strcpy(l->proc, codes[ci]);
    if (k == 1 && i % 8 == 0) { /* a pair from the PTP table */
      size_t a = rnd((uint32_t)n_codes);
      strcpy(ln[0].proc, codes[a]);
      strcpy(l->proc, codes[(a + 1 + rnd(PTP_SPAN)) % n_codes]);
    }
    if (rnd(4) == 0) strcpy(l->mod[0], mod_pool[rnd(8)]);
    l->charge = CC_MONEY(1000 + rnd(50000));
    strcpy(l->unit_basis, "UN");
    l->units_milli = 1000 * (1 + (rnd(10) == 0));
    l->dx_ptr[0] = (uint8_t)(1 + rnd(c->n_dx));
    l->from = l->to = d0 + (cc_day)(k >= n / 2 && rnd(3) == 0);
    c->total.cents += l->charge.cents;
  }
  c->lines = ln;
  c->n_lines = n;
}

static uint64_t n_findings;
static void count(void *ctx, const cc_scrub_finding *f) { n_findings++; }

int main(int argc, char **argv) {
  const char *sh = getenv("CC_SHARED");
  char shared[512], dir[600], db[256], ptp[700], mue[700];
  snprintf(shared, sizeof shared, "%s", sh && *sh ? sh : "../shared");
  snprintf(dir, sizeof dir, "%s/data", shared);
  const char *out = argc > 1 ? argv[1] : "/tmp";
  snprintf(ptp, sizeof ptp, "%s/bench_ncci_ptp.txt", out);
  snprintf(mue, sizeof mue, "%s/bench_ncci_mue.csv", out);
  /* BENCH_SCRUB_DB=PATH keeps the loaded database for quick trials: an
   * existing file is reused as it is (no load figure then). */
  const char *keep_db = getenv("BENCH_SCRUB_DB");
  bool reuse = keep_db && *keep_db && access(keep_db, F_OK) == 0;
  if (keep_db && *keep_db) snprintf(db, sizeof db, "%s", keep_db);
  else snprintf(db, sizeof db, "/tmp/cc_bench_scrub_%d.db", (int)getpid());
  if (read_codes(shared)) {
    fprintf(stderr, "bench_scrub: cannot read the fee schedule codes under %s\n", dir);
    return 1;
  }
  long pairs = write_ptp(ptp), mues = write_mue(mue);
  if (pairs < 0 || mues < 0) {
    perror(out);
    return 1;
  }
  if (!reuse) rm_db(db);
  cc_err e;
  cc_err_clear(&e);
  cc_store *s;
  cc_codes_load_result r;
  double t0 = now();
  if (cc_store_open(db, true, &s, &e) ||
      (!reuse && (cc_codes_load_dir(s, dir, NULL, NULL, &e) ||
                  cc_codes_load(s, CC_CODES_PTP, ptp, NULL, &r, &e) ||
                  cc_codes_load(s, CC_CODES_MUE, mue, NULL, &r, &e)))) {
    fprintf(stderr, "bench_scrub: ");
    cc_err_print(&e, stderr);
    return 1;
  }
  /* A payer with rules, so the payer rules run too. */
  const char *auth[] = {codes[10], codes[200], codes[3000]};
  cc_payer_rec p = {.payer_code = "BENCHPPO", .name = "Benchmark PPO",
                    .filing_indicator = "CI", .claim_form = "837P",
                    .timely_filing_days = 365, .auth_codes = auth, .n_auth_codes = 3};
  int64_t pid;
  bool created;
  if (cc_store_payer_put(s, &p, &pid, &created, &e)) {
    cc_err_print(&e, stderr);
    return 1;
  }
  double t1 = now();
  cc_scrub *sc;
  if (cc_scrub_open(s, CC_DAY_NONE, &sc, &e)) {
    cc_err_print(&e, stderr);
    return 1;
  }
  double t2 = now();
  size_t loaded = cc_codes_count(cc_scrub_codes(sc), CC_CODES_PTP);
  if (!reuse) printf("BENCH scrub_tables_import_s %.3f s\n", t1 - t0);
  printf("BENCH scrub_tables_load_s %.3f s\n", t2 - t1);
  printf("BENCH scrub_ptp_pairs %zu 1\n", loaded);

  /* Claims are made one at a time into the same buffer and scrubbed right
   * away, the way cc_scrub_file gets them from the 837 reader. Making the
   * claims is timed alone first (same seed, same claims) and subtracted. */
  cc_claim *c = calloc(1, sizeof *c);
  cc_claim_line *lines = calloc(8, sizeof *lines);
  if (!c || !lines) {
    fprintf(stderr, "bench_scrub: out of memory\n");
    return 1;
  }
  uint64_t seed = rng, made = 0;
  double g0 = cpu();
  for (uint32_t i = 0; made < TARGET_LINES; i++) {
    make_claim(c, lines, i);
    made += c->n_lines;
  }
  double gen = cpu() - g0;
  rng = seed;
  cc_scrub_summary sum = {0};
  double s0 = cpu();
  for (uint32_t i = 0; sum.lines < TARGET_LINES; i++) {
    make_claim(c, lines, i);
    cc_scrub_claim(sc, c, count, NULL, &sum);
  }
  double t = cpu() - s0 - gen;
  printf("BENCH scrub_lines_per_s %.0f 1/s\n", (double)sum.lines / t);
  fprintf(stderr,
          "bench_scrub: %llu lines in %llu claims in %.3f s; %llu findings, "
          "%llu clean claims; %zu PTP pairs, %ld MUE rows\n",
          (unsigned long long)sum.lines, (unsigned long long)sum.claims, t,
          (unsigned long long)n_findings, (unsigned long long)sum.clean, loaded, mues);
  cc_scrub_free(sc);
  cc_store_close(s);
  if (!keep_db || !*keep_db) rm_db(db);
  free(c);
  free(lines);
  free(codes);
  return 0;
}
