/* test_report.c - every report on tests/fixtures/report/practice.sql, whose
 * comments work each expected number out by hand ("today" 2026-11-26):
 * aging buckets at days 30/31, 60/61, 90/91, 120/121, as of a past day and
 * by submission; KPIs; denial trends; follow-up; timely filing; the
 * summaries behind them under reversal and deletion; CSV quoting, JSON and
 * XLSX output. */
#include <stdlib.h>
#include <unistd.h>

#include "report/report_int.h"
#include "store/store_int.h"
#include "test.h"

static char dbpath[64];
static cc_store *st;

static char *read_all(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  cc_buf b;
  cc_buf_init(&b, 1 << 24);
  char tmp[4096];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
    if (cc_buf_append(&b, tmp, n)) break;
  fclose(f);
  return cc_buf_take(&b);
}

static void rm_db(void) {
  char p[80];
  unlink(dbpath);
  snprintf(p, sizeof p, "%s-wal", dbpath); unlink(p);
  snprintf(p, sizeof p, "%s-shm", dbpath); unlink(p);
}

static bool open_fixture(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_report_%d.db", (int)getpid());
  rm_db();
  cc_err e;
  if (cc_store_open(dbpath, true, &st, &e) != CC_OK) return false;
  char *sql = read_all("tests/fixtures/report/practice.sql");
  bool ok = sql && sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK;
  free(sql);
  return ok;
}

static cc_day day(const char *iso) {
  cc_day d = 0;
  if (cc_date_parse_iso(cc_slice_cstr(iso), &d)) return 0;
  return d;
}

static cc_report *run(const char *name, cc_report_opts o) {
  if (!o.as_of) o.as_of = day("2026-11-26");
  cc_report *r = NULL;
  cc_err e;
  cc_err_clear(&e);
  if (cc_report_run(st, name, &o, &r, &e) != CC_OK) {
    printf("# %s: ", name);
    cc_err_print(&e, stdout);
    return NULL;
  }
  return r;
}

/* A cell as CSV writes it ("" for none). */
static const char *cell(const cc_report *r, size_t t, size_t row, size_t col) {
  static char bufs[8][32];
  static int k;
  if (!r || t >= r->ntables || row >= r->tables[t].nrows ||
      col >= r->tables[t].ncols)
    return "(absent)";
  char *b = bufs[k++ & 7];
  return report_cell_text(&r->tables[t].cells[row * r->tables[t].ncols + col],
                          true, "", b);
}

/* Check a whole aging row: id, claims, five buckets, total. */
static void aging_row(const cc_report *r, size_t row, const char *id,
                      const char *claims, const char *b0, const char *b1,
                      const char *b2, const char *b3, const char *b4,
                      const char *total) {
  CHECK_STR(cell(r, 0, row, 0), id);
  CHECK_STR(cell(r, 0, row, 2), claims);
  CHECK_STR(cell(r, 0, row, 3), b0);
  CHECK_STR(cell(r, 0, row, 4), b1);
  CHECK_STR(cell(r, 0, row, 5), b2);
  CHECK_STR(cell(r, 0, row, 6), b3);
  CHECK_STR(cell(r, 0, row, 7), b4);
  CHECK_STR(cell(r, 0, row, 8), total);
}

static void test_aging_boundaries(void) {
  cc_report *r = run("aging", (cc_report_opts){0});
  CHECK(r != NULL);
  if (!r) return;
  CHECK_INT(r->tables[0].nrows, 4);
  /* Day 30 in 0-30, 31 and 60 in 31-60, 61 and 90 in 61-90, 91 and 120
   * in 91-120, 121 over 120. */
  aging_row(r, 0, "ACME01", "7", "100.00", "300.00", "900.00", "1300.00",
            "800.00", "3400.00");
  aging_row(r, 1, "BLUE02", "1", "50.00", "0.00", "0.00", "0.00", "0.00",
            "50.00");
  aging_row(r, 2, "PATIENT", "1", "0.00", "30.00", "0.00", "0.00", "0.00",
            "30.00");
  aging_row(r, 3, "TOTAL", "9", "150.00", "330.00", "900.00", "1300.00",
            "800.00", "3480.00");
  CHECK_STR(r->to, "2026-11-26");
  cc_report_free(r);
}

static void test_aging_past_day(void) {
  cc_report *r = run("aging", (cc_report_opts){.to = day("2026-11-05")});
  CHECK(r != NULL);
  if (!r) return;
  CHECK_INT(r->tables[0].nrows, 2);
  aging_row(r, 0, "ACME01", "8", "300.00", "700.00", "1100.00", "1500.00",
            "0.00", "3600.00");
  aging_row(r, 1, "TOTAL", "8", "300.00", "700.00", "1100.00", "1500.00",
            "0.00", "3600.00");
  cc_report_free(r);
}

static void test_aging_by_submission(void) {
  cc_report *r = run("aging", (cc_report_opts){.by = "submission"});
  CHECK(r != NULL);
  if (!r) return;
  aging_row(r, 0, "ACME01", "7", "900.00", "300.00", "1600.00", "600.00",
            "0.00", "3400.00");
  aging_row(r, 2, "PATIENT", "1", "0.00", "30.00", "0.00", "0.00", "0.00",
            "30.00");
  cc_report_free(r);
}

static void test_aging_filters(void) {
  cc_report *r = run("aging", (cc_report_opts){.payer = "BLUE02"});
  CHECK(r != NULL);
  if (r) {
    CHECK_INT(r->tables[0].nrows, 2);
    aging_row(r, 1, "TOTAL", "1", "50.00", "0.00", "0.00", "0.00", "0.00",
              "50.00");
  }
  cc_report_free(r);
  /* Ben Okafor bills C3, C4, C7, C8. */
  r = run("aging", (cc_report_opts){.provider = "1245319599"});
  CHECK(r != NULL);
  if (r)
    aging_row(r, 0, "ACME01", "4", "0.00", "300.00", "400.00", "700.00",
              "800.00", "2200.00");
  cc_report_free(r);
}

static void test_kpi(void) {
  cc_report *r = run("kpi", (cc_report_opts){0});
  CHECK(r != NULL);
  if (!r) return;
  CHECK_STR(r->from, "2026-11-01");
  CHECK_INT(r->tables[0].nrows, 6);
  static const char *const want[6][4] = {
      {"clean_claim_rate", "2", "3", "66.67"},
      {"first_pass_resolution_rate", "2", "5", "40.00"},
      {"denial_rate", "1", "5", "20.00"},
      {"denial_rate_dollars", "400.00", "1900.00", "21.05"},
      {"days_in_ar", "3480.00", "1050.00", "298.3"},
      {"net_collection_rate", "150.00", "30.00", "500.00"},
  };
  for (size_t i = 0; i < 6; i++) {
    CHECK_STR(cell(r, 0, i, 0), want[i][0]);
    CHECK_STR(cell(r, 0, i, 2), want[i][1]);
    CHECK_STR(cell(r, 0, i, 3), want[i][2]);
    CHECK_STR(cell(r, 0, i, 4), want[i][3]);
  }
  CHECK_INT(r->tables[0].cells[0 * 6 + 4].v, 6667); /* basis points */
  CHECK_INT(r->tables[0].cells[4 * 6 + 4].v, 2983); /* tenths of a day */
  CHECK_STR(r->tables[1].name, "days_to_pay");
  CHECK_INT(r->tables[1].nrows, 1);
  CHECK_STR(cell(r, 1, 0, 0), "ACME01");
  CHECK_STR(cell(r, 1, 0, 2), "2");
  CHECK_STR(cell(r, 1, 0, 3), "81");
  CHECK_STR(cell(r, 1, 0, 4), "40.5");
  cc_report_free(r);
  /* Provider 2: adjudicated C4 (denied) and C7 (sent twice): 0% first
   * pass, 50% denied, 400 / 1100 = 36.36% in dollars. */
  r = run("kpi", (cc_report_opts){.provider = "1245319599"});
  if (r) {
    CHECK_STR(cell(r, 0, 1, 4), "0.00");
    CHECK_STR(cell(r, 0, 2, 4), "50.00");
    CHECK_STR(cell(r, 0, 3, 4), "36.36");
    CHECK_STR(cell(r, 0, 0, 3), "0"); /* no first scrub of theirs */
    CHECK_STR(cell(r, 0, 0, 4), "");  /* a rate over nothing */
  }
  cc_report_free(r);
}

static void test_denials(void) {
  cc_report *r = run("denials", (cc_report_opts){0});
  CHECK(r != NULL);
  if (r) {
    CHECK_INT(r->tables[0].nrows, 2);
    CHECK_STR(cell(r, 0, 0, 0), "2026-11");
    CHECK_STR(cell(r, 0, 0, 1), "197");
    CHECK_STR(cell(r, 0, 0, 2), "authorization");
    CHECK_STR(cell(r, 0, 0, 3), "1");
    CHECK_STR(cell(r, 0, 0, 5), "400.00");
    CHECK_STR(cell(r, 0, 1, 1), "97");
    CHECK_STR(cell(r, 0, 1, 2), "coding");
    CHECK_STR(cell(r, 0, 1, 5), "70.00");
  }
  cc_report_free(r);
  r = run("denials", (cc_report_opts){.by = "code", .per = "week"});
  if (r) {
    CHECK_INT(r->tables[0].nrows, 2);
    CHECK_STR(cell(r, 0, 0, 0), "2026-11-09");
    CHECK_STR(cell(r, 0, 0, 1), "(claim)");
    CHECK_STR(cell(r, 0, 1, 0), "2026-11-09");
    CHECK_STR(cell(r, 0, 1, 1), "97110");
  }
  cc_report_free(r);
  /* October holds the CO-16 on C6 only. */
  r = run("denials", (cc_report_opts){.by = "category",
                                      .from = day("2026-10-01"),
                                      .to = day("2026-10-31")});
  if (r) {
    CHECK_INT(r->tables[0].nrows, 1);
    CHECK_STR(cell(r, 0, 0, 1), "missing_information");
    CHECK_STR(cell(r, 0, 0, 5), "5.00");
  }
  cc_report_free(r);
  r = run("denials", (cc_report_opts){.by = "payer"});
  if (r) {
    CHECK_INT(r->tables[0].nrows, 1);
    CHECK_STR(cell(r, 0, 0, 1), "ACME01");
    CHECK_STR(cell(r, 0, 0, 4), "2");
    CHECK_STR(cell(r, 0, 0, 5), "470.00");
  }
  cc_report_free(r);
}

static void test_followup(void) {
  cc_report *r = run("followup", (cc_report_opts){0});
  CHECK(r != NULL);
  if (!r) return;
  static const char *const want[5][3] = {{"C6", "91", "600.00"},
                                         {"C5", "90", "500.00"},
                                         {"C7", "86", "700.00"},
                                         {"C4", "61", "400.00"},
                                         {"C3", "60", "300.00"}};
  CHECK_INT(r->tables[0].nrows, 5);
  for (size_t i = 0; i < 5; i++) {
    CHECK_STR(cell(r, 0, i, 0), want[i][0]);
    CHECK_STR(cell(r, 0, i, 6), want[i][1]);
    CHECK_STR(cell(r, 0, i, 7), want[i][2]);
  }
  CHECK_STR(cell(r, 0, 2, 4), "2026-09-01");
  cc_report_free(r);
  r = run("followup", (cc_report_opts){.limit = 2});
  if (r) CHECK_INT(r->tables[0].nrows, 2);
  cc_report_free(r);
}

static void test_timely_filing(void) {
  cc_report *r = run("timely-filing", (cc_report_opts){0});
  CHECK(r != NULL);
  if (!r) return;
  CHECK_INT(r->tables[0].nrows, 3);
  CHECK_STR(cell(r, 0, 0, 0), "C11");
  CHECK_STR(cell(r, 0, 0, 5), "2026-11-18");
  CHECK_STR(cell(r, 0, 0, 6), "-8");
  CHECK_STR(cell(r, 0, 0, 7), "expired");
  CHECK_STR(cell(r, 0, 1, 0), "C10");
  CHECK_STR(cell(r, 0, 1, 6), "4");
  CHECK_STR(cell(r, 0, 2, 0), "C14");
  CHECK_STR(cell(r, 0, 2, 5), "2026-12-26");
  CHECK_STR(cell(r, 0, 2, 6), "30");
  cc_report_free(r);
  /* Within 31 days C15 (file by 12-27) comes in too. */
  r = run("timely-filing", (cc_report_opts){.within_days = 31});
  if (r) CHECK_INT(r->tables[0].nrows, 4);
  cc_report_free(r);
}

/* The summaries follow reversals (under the reversed entry's kind) and
 * deletions. */
static void test_summaries_follow_ledger(void) {
  CHECK(sqlite3_exec(st->db,
                     "INSERT INTO ledger_entry(patient_id, claim_id, payer_id,"
                     " kind, amount_cents, posted_date, reverses_id) SELECT 1,"
                     " 2, 1, 'reversal', 15000, '2026-11-20', id FROM"
                     " ledger_entry WHERE claim_id = 2 AND kind = 'payment'",
                     NULL, NULL, NULL) == SQLITE_OK);
  cc_report *r = run("kpi", (cc_report_opts){0});
  if (r) { /* payments 150.00 - 150.00 = 0 */
    CHECK_STR(cell(r, 0, 5, 2), "0.00");
    CHECK_STR(cell(r, 0, 5, 4), "0.00");
    CHECK_STR(cell(r, 0, 4, 2), "3630.00");
  }
  cc_report_free(r);
  r = run("aging", (cc_report_opts){0});
  if (r) /* C2 owes Acme 150.00 again, in 31-60 */
    aging_row(r, 0, "ACME01", "8", "100.00", "450.00", "900.00", "1300.00",
              "800.00", "3550.00");
  cc_report_free(r);
  /* ...and as of 11-15, before the reversal, it was paid. */
  r = run("aging", (cc_report_opts){.to = day("2026-11-15")});
  if (r) CHECK_STR(cell(r, 0, 0, 8), "3400.00");
  cc_report_free(r);
  CHECK(sqlite3_exec(st->db, "DELETE FROM ledger_entry WHERE kind ="
                     " 'reversal'", NULL, NULL, NULL) == SQLITE_OK);
  r = run("aging", (cc_report_opts){0});
  if (r) CHECK_STR(cell(r, 0, 3, 8), "3480.00");
  cc_report_free(r);
  /* Balances equal the ledger, claim by claim and party by party. */
  sqlite3_stmt *q;
  CHECK(sqlite3_prepare_v2(st->db,
                           "SELECT count(*) FROM (SELECT claim_id,"
                           " coalesce(payer_id, 0) p, sum(amount_cents) s"
                           " FROM ledger_entry GROUP BY 1, 2) l FULL JOIN"
                           " ar_balance b ON b.claim_id = l.claim_id AND"
                           " b.party = l.p WHERE coalesce(l.s, 0) <>"
                           " coalesce(b.balance_cents, 0)",
                           -1, &q, NULL) == SQLITE_OK);
  CHECK(sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 0);
  sqlite3_finalize(q);
}

static void test_errors(void) {
  cc_report *r = NULL;
  cc_err e;
  cc_report_opts o = {.as_of = day("2026-11-26")};
  CHECK_INT(cc_report_run(st, "agin", &o, &r, &e), CC_E_USAGE);
  CHECK(r == NULL);
  o.payer = "NOPE";
  CHECK_INT(cc_report_run(st, "aging", &o, &r, &e), CC_E_NOTFOUND);
  CHECK(strstr(e.detail, "NOPE") != NULL);
  o.payer = NULL;
  o.from = day("2026-11-20");
  o.to = day("2026-11-01");
  CHECK_INT(cc_report_run(st, "kpi", &o, &r, &e), CC_E_USAGE);
  o.from = o.to = 0;
  o.by = "weekday";
  CHECK_INT(cc_report_run(st, "denials", &o, &r, &e), CC_E_USAGE);
  CHECK_INT(cc_report_run(st, "aging", &o, &r, &e), CC_E_USAGE);
}

static void test_bp(void) {
  int64_t bp = -1;
  CHECK(cc_report_bp(2, 3, &bp) && bp == 6667);
  CHECK(cc_report_bp(1, 8, &bp) && bp == 1250);
  CHECK(cc_report_bp(-1, 3, &bp) && bp == -3333);
  CHECK(cc_report_bp(1, 20000, &bp) && bp == 1); /* 0.5 bp rounds up */
  bp = 7;
  CHECK(!cc_report_bp(5, 0, &bp) && bp == 7);
}

static char *write_mem(const cc_report *r, cc_report_format f) {
  char *p = NULL;
  size_t n = 0;
  FILE *m = open_memstream(&p, &n);
  cc_err e;
  if (cc_report_write(r, f, m, &e) != CC_OK) {
    fclose(m);
    free(p);
    return NULL;
  }
  fclose(m);
  return p;
}

static void test_csv_quoting(void) {
  cc_report r;
  memset(&r, 0, sizeof r);
  r.name = "t";
  r.arena = cc_arena_new(0);
  static const cc_report_col cols[] = {{"name", "Name"}, {"amount_cents", "A"}};
  cc_report_table *t = report_table_add(&r, "t", cols, 2);
  cc_report_cell *c = report_row(t);
  report_text(&c[0], "say \"hi\", twice");
  report_val(&c[1], CC_RT_MONEY, -5);
  c = report_row(t);
  report_text(&c[0], "two\nlines");
  report_val(&c[1], CC_RT_MONEY, 123456);
  c = report_row(t);
  report_text(&c[0], "plain");
  char *s = write_mem(&r, CC_REPORT_CSV);
  CHECK_STR(s, "name,amount_cents\r\n"
               "\"say \"\"hi\"\", twice\",-0.05\r\n"
               "\"two\nlines\",1234.56\r\n"
               "plain,\r\n");
  free(s);
  s = write_mem(&r, CC_REPORT_JSON);
  CHECK(s && strstr(s, "{\"name\":\"say \\\"hi\\\", twice\","
                       "\"amount_cents\":-5}") != NULL);
  CHECK(s && strstr(s, "{\"name\":\"plain\",\"amount_cents\":null}") != NULL);
  free(s);
  free(t->cells);
  cc_arena_free(r.arena);
}

static void test_csv_and_xlsx_of_aging(void) {
  cc_report *r = run("aging", (cc_report_opts){0});
  if (!r) return;
  char *s = write_mem(r, CC_REPORT_CSV);
  CHECK(s && strncmp(s, "payer_id,payer_name,claims,days_0_30_cents,", 43) == 0);
  CHECK(s && strstr(s, "\r\nACME01,\"Acme Health, Inc.\",7,100.00,300.00,"
                       "900.00,1300.00,800.00,3400.00\r\n") != NULL);
  free(s);
  char path[80];
  snprintf(path, sizeof path, "/tmp/cc_test_report_%d.xlsx", (int)getpid());
  cc_err e;
  CHECK_INT(cc_report_write_xlsx(r, path, &e), CC_OK);
  FILE *f = fopen(path, "rb");
  unsigned char magic[4] = {0};
  CHECK(f && fread(magic, 1, 4, f) == 4);
  if (f) fclose(f);
  CHECK(magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4);
  unlink(path);
  cc_report_free(r);
}

int main(void) {
  if (!open_fixture()) {
    printf("not ok - the report fixture did not load\n");
    return 1;
  }
  RUN(test_aging_boundaries);
  RUN(test_aging_past_day);
  RUN(test_aging_by_submission);
  RUN(test_aging_filters);
  RUN(test_kpi);
  RUN(test_denials);
  RUN(test_followup);
  RUN(test_timely_filing);
  RUN(test_errors);
  RUN(test_bp);
  RUN(test_csv_quoting);
  RUN(test_csv_and_xlsx_of_aging);
  RUN(test_summaries_follow_ledger);
  cc_store_close(st);
  rm_db();
  TEST_MAIN_END();
}
