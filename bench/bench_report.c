/* bench_report.c - aging and KPIs over a generated practice of 1.7 million
 * claims and 10.2 million ledger entries (two years of service dates). The
 * database is made once under DATA_DIR and reused while its stamp matches.
 * Prints BENCH report_aging_10m_s and BENCH report_kpi_10m_s (best of 3),
 * and the generation time when it generated. Usage: bench_report DATA_DIR */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cleanclaim/report.h"
#include "store/store_int.h"
#include "store/store_ledger.h"

#define N_CLAIMS 1700000
#define STAMP "report-bench v2 claims=1700000 entries=6/claim"
#define TODAY "2026-11-26"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Claim i: served (i % 730) days before TODAY, payer i%10+1, provider
 * i%20+1, charge 100.00-599.99. Six entries each: charge, payer payment,
 * CO-45 write-off, PR transfer out and in, patient payment. One claim in
 * ten keeps a payer balance (paid 30% instead of 60%), one in ten a
 * patient balance; one in seven was denied first (a CO-197 denial row). */
static const char *const gen_sql[] = {
    "PRAGMA foreign_keys=OFF",
    "PRAGMA journal_mode=OFF",
    "PRAGMA synchronous=OFF",
    "PRAGMA cache_size=-400000",
    "BEGIN",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<10)"
    " INSERT INTO payer(id, payer_code, name, filing_indicator,"
    " timely_filing_days) SELECT i, printf('PAY%02d', i), printf('Bench"
    " Payer %d', i), 'CI', 90 + 30 * i FROM n",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<20)"
    " INSERT INTO provider(id, npi, kind, last_name) SELECT i, printf("
    "'19%08d', i), 'individual', printf('Provider %d', i) FROM n",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE"
    " i<200000) INSERT INTO patient(id, account_no, last_name, first_name,"
    " birth_date, sex) SELECT i, printf('B%07d', i), 'Benchperson',"
    " printf('P%d', i), '1970-01-01', 'U' FROM n",
    /* Outgoing files, one per service day; remittance files and payments
     * one per payer and posting day. */
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE"
    " i<729) INSERT INTO x12_file(id, direction, kind, created_at) SELECT"
    " 100000 + i, 'out', '837P', date('" TODAY "', '-' || i || ' days') ||"
    " 'T08:00:00Z' FROM n",
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE"
    " i<7299) INSERT INTO x12_file(id, direction, kind) SELECT 200000 + i,"
    " 'in', '835' FROM n",
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE"
    " i<7299) INSERT INTO remittance(id, file_id, set_index, payer_key,"
    " trace, paid_cents, posted_date) SELECT i + 1, 200000 + i, 1, printf("
    "'PAY%02d', i % 10 + 1), printf('TR%d', i), 0, date('" TODAY "', '-' ||"
    " (i / 10) || ' days') FROM n",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<"
    "1700000) INSERT INTO claim(id, control_number, patient_id, payer_id,"
    " billing_provider_id, claim_form, total_charge_cents, status,"
    " first_service_date) SELECT i, printf('BC%08d', i), i % 200000 + 1,"
    " i % 10 + 1, i % 20 + 1, '837P', 10000 + (i * 7919) % 50000,"
    " 'submitted', date('" TODAY "', '-' || (i % 730) || ' days') FROM n",
    "INSERT INTO claim_submission(claim_id, file_id) SELECT id, 100000 +"
    " id % 730 FROM claim",
    "INSERT INTO scrub_run(claim_id, scrub_date, errors) SELECT id,"
    " first_service_date, id % 9 = 0 FROM claim",
    /* Posting day: 21 days after service, never after today. */
    "CREATE TEMP TABLE post AS SELECT id, max(id % 730 - 21, 0) AS off,"
    " date('" TODAY "', '-' || max(id % 730 - 21, 0) || ' days') AS day"
    " FROM claim",
    "INSERT INTO remit_claim(id, remittance_id, claim_id, ledger_claim_id,"
    " payer_id, segment_index, status_code, charge_cents, paid_cents)"
    " SELECT c.id, p.off * 10 + c.id % 10 + 1, c.id, c.id, c.payer_id, 1,"
    " CASE WHEN c.id % 7 = 0 THEN '4' ELSE '1' END, c.total_charge_cents,"
    " CASE WHEN c.id % 7 = 0 THEN 0 ELSE c.total_charge_cents * 6 / 10 END"
    " FROM claim c JOIN post p ON p.id = c.id",
    "INSERT INTO claim_denial(claim_id, remit_claim_id, group_code,"
    " reason_code, amount_cents) SELECT id, id, 'CO', '197',"
    " total_charge_cents FROM claim WHERE id % 7 = 0",
};

/* The entries, written with the ledger's bulk mode (the summaries are
 * brought up to date by one grouped statement at the end, exactly as a
 * bulk posting does) and the entry indexes rebuilt afterwards. */
static const char ledger_sql[] =
    "INSERT INTO ledger_entry(patient_id, claim_id, payer_id, kind,"
    " group_code, reason_code, amount_cents, posted_date)"
    " SELECT c.patient_id, c.id, CASE WHEN k.n IN (5, 6) THEN NULL ELSE"
    " c.payer_id END, CASE k.n WHEN 1 THEN 'charge' WHEN 2 THEN 'payment'"
    " WHEN 3 THEN 'adjustment' WHEN 6 THEN 'payment' ELSE 'transfer' END,"
    " CASE k.n WHEN 3 THEN 'CO' WHEN 4 THEN 'PR' WHEN 5 THEN 'PR' END,"
    " CASE k.n WHEN 3 THEN '45' WHEN 4 THEN '2' WHEN 5 THEN '2' END,"
    " CASE k.n WHEN 1 THEN c.total_charge_cents"
    "  WHEN 2 THEN -(c.total_charge_cents * CASE WHEN c.id % 10 = 3 THEN 3"
    "  ELSE 6 END / 10)"
    /* the write-off is what is left, so a paid claim balances to 0 */
    "  WHEN 3 THEN -(c.total_charge_cents - c.total_charge_cents * CASE WHEN"
    "  c.id % 10 = 3 THEN 3 ELSE 6 END / 10 - c.total_charge_cents * 15 /"
    "  100 - CASE WHEN c.id % 10 = 3 THEN c.total_charge_cents * 3 / 10 ELSE"
    "  0 END)"
    "  WHEN 4 THEN -(c.total_charge_cents * 15 / 100)"
    "  WHEN 5 THEN c.total_charge_cents * 15 / 100"
    "  ELSE -(c.total_charge_cents * CASE WHEN c.id % 10 = 7 THEN 5 ELSE 15"
    "  END / 100) END,"
    " CASE k.n WHEN 1 THEN c.first_service_date ELSE p.day END"
    " FROM claim c JOIN post p ON p.id = c.id,"
    " (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL"
    "  SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) k";

static const char *const end_sql[] = {"COMMIT", "ANALYZE",
                                      "PRAGMA journal_mode=WAL"};

static int exec_all(cc_store *s, const char *const *sql, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql[i], NULL, NULL, &msg) != SQLITE_OK) {
      fprintf(stderr, "bench_report: generating: %s\n  in: %.120s\n", msg,
              sql[i]);
      sqlite3_free(msg);
      return 1;
    }
  }
  return 0;
}

/* Drop the secondary indexes of ledger_entry, run fn, create them again
 * from their own SQL, so the schema is the store's own. */
static int without_indexes(cc_store *s, int (*fn)(cc_store *)) {
  sqlite3_stmt *st;
  char *idx[16];
  size_t n = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT name, sql FROM sqlite_schema WHERE"
                         " type = 'index' AND tbl_name = 'ledger_entry' AND"
                         " sql IS NOT NULL", -1, &st, NULL) != SQLITE_OK)
    return 1;
  char *names[16];
  while (sqlite3_step(st) == SQLITE_ROW && n < 16) {
    names[n] = strdup((const char *)sqlite3_column_text(st, 0));
    idx[n++] = strdup((const char *)sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st); /* the schema cannot change while it is read */
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    char drop[200];
    snprintf(drop, sizeof drop, "DROP INDEX %s", names[i]);
    const char *one[1] = {drop};
    if (!rc) rc = exec_all(s, one, 1);
    free(names[i]);
  }
  if (!rc) rc = fn(s);
  for (size_t i = 0; i < n; i++) {
    const char *one[1] = {idx[i]};
    if (!rc) rc = exec_all(s, one, 1);
    free(idx[i]);
  }
  return rc;
}

static int insert_ledger(cc_store *s) {
  const char *one[1] = {ledger_sql};
  return exec_all(s, one, 1);
}

static int generate(const char *path) {
  char p[700];
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path); unlink(p);
  snprintf(p, sizeof p, "%s-shm", path); unlink(p);
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(path, true, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return 1;
  }
  store_ledger_bulk bulk;
  memset(&bulk, 0, sizeof bulk);
  int rc = exec_all(s, gen_sql, sizeof gen_sql / sizeof *gen_sql);
  if (!rc) rc = store_ledger_bulk_begin(s, &bulk, &e) != CC_OK;
  if (!rc) rc = without_indexes(s, insert_ledger);
  if (!rc) rc = store_ledger_bulk_end(s, &bulk, &e) != CC_OK;
  store_ledger_bulk_free(&bulk);
  if (!rc) rc = exec_all(s, end_sql, sizeof end_sql / sizeof *end_sql);
  if (rc && e.code) cc_err_print(&e, stderr);
  cc_store_close(s);
  return rc;
}

static double time_report(cc_store *s, const char *name, double *first) {
  cc_report_opts o = {0};
  if (cc_date_parse_iso(CC_SLICE_LIT(TODAY), &o.as_of) != CC_OK) return -1;
  double best = 1e9;
  for (int k = 0; k < 3; k++) {
    cc_report *r;
    cc_err e;
    double t0 = now();
    if (cc_report_run(s, name, &o, &r, &e) != CC_OK) {
      cc_err_print(&e, stderr);
      return -1;
    }
    double t = now() - t0;
    if (k == 0) *first = t;
    if (t < best) best = t;
    cc_report_free(r);
  }
  return best;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "build/bench-data";
  char path[512], stamp[520];
  snprintf(path, sizeof path, "%s/report10m.db", dir);
  snprintf(stamp, sizeof stamp, "%s.stamp", path);
  char have[128] = "";
  FILE *f = fopen(stamp, "r");
  if (f) {
    if (!fgets(have, sizeof have, f)) have[0] = 0;
    fclose(f);
  }
  have[strcspn(have, "\n")] = 0;
  if (strcmp(have, STAMP) != 0 || access(path, R_OK) != 0) {
    unlink(stamp);
    double t0 = now();
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp%d", path, (int)getpid());
    if (generate(tmp) || rename(tmp, path)) {
      unlink(tmp);
      return 1;
    }
    printf("BENCH report_datagen_10m_s %.1f s\n", now() - t0);
    if ((f = fopen(stamp, "w"))) {
      fprintf(f, "%s\n", STAMP);
      fclose(f);
    }
  } else {
    printf("# bench_report: reusing %s\n", path);
  }
  cc_store *s;
  cc_err e;
  if (cc_store_open(path, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return 1;
  }
  printf("# bench_report: %lld ledger entries, %lld claims\n",
         (long long)cc_store_count(s, "ledger_entry"),
         (long long)cc_store_count(s, "claim"));
  double first;
  double t = time_report(s, "aging", &first);
  if (t < 0) return 1;
  printf("BENCH report_aging_10m_s %.3f s\n# first run %.3f s\n", t, first);
  t = time_report(s, "kpi", &first);
  if (t < 0) return 1;
  printf("BENCH report_kpi_10m_s %.3f s\n# first run %.3f s\n", t, first);
  cc_store_close(s);
  return 0;
}
