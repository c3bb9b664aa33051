/* test_elig.c - eligibility and claim status: 271 samples stored on the
 * coverage with values read by hand from the files, the hand-made 271 with
 * deductible/out-of-pocket/coinsurance, 277 STCs in claim histories, 270
 * and 276 built and valid against our own guide tables, refusal of invalid
 * files and receiving the same file twice. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"

static char dbpath[64];
static cc_store *S;

static void sql(const char *q) {
  char *m = NULL;
  if (sqlite3_exec(S->db, q, NULL, NULL, &m) != SQLITE_OK) {
    printf("# sql failed: %s: %s\n", q, m ? m : "?");
    sqlite3_free(m);
  }
}
static int64_t q1(const char *q) {
  sqlite3_stmt *st;
  int64_t v = -999;
  if (sqlite3_prepare_v2(S->db, q, -1, &st, NULL) != SQLITE_OK) return v;
  if (sqlite3_step(st) == SQLITE_ROW) {
    v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1
                                                  : sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  return v;
}
static char qs_buf[512];
static const char *qs(const char *q) {
  sqlite3_stmt *st;
  snprintf(qs_buf, sizeof qs_buf, "(none)");
  if (sqlite3_prepare_v2(S->db, q, -1, &st, NULL) != SQLITE_OK) return qs_buf;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    snprintf(qs_buf, sizeof qs_buf, "%s", sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return qs_buf;
}

static void open_fresh(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_elig_%d.db", (int)getpid());
  char p[80];
  unlink(dbpath);
  snprintf(p, sizeof p, "%s-wal", dbpath); unlink(p);
  snprintf(p, sizeof p, "%s-shm", dbpath); unlink(p);
  cc_err e;
  S = NULL;
  if (cc_store_open(dbpath, true, &S, &e) != CC_OK) {
    printf("# open: %s\n", e.detail);
    return;
  }
  sql("INSERT INTO practice(name,npi,tax_id,submitter_id,submitter_name,"
      "receiver_id,receiver_name) VALUES('SUNNY CLINIC','1234567893',"
      "'123456789','SUBMIT01','SUNNY CLINIC','CLEARHOUSE','CLEARING HOUSE')");
}

static void close_db(void) {
  cc_store_close(S);
  S = NULL;
  unlink(dbpath);
}

static char *read_file(const char *rel, size_t *n) {
  const char *sh = getenv("CC_SHARED");
  char path[512];
  if (rel[0] == '@') snprintf(path, sizeof path, "%s", rel + 1);
  else snprintf(path, sizeof path, "%s/%s", sh && *sh ? sh : "../shared", rel);
  FILE *f = fopen(path, "rb");
  if (!f) {
    T_REPORT(false, "cannot read %s; set CC_SHARED to the shared folder "
             "(tests/run uses ../shared)", path);
    return NULL;
  }
  cc_buf b;
  cc_buf_init(&b, 1 << 24);
  char tmp[4096];
  size_t k;
  while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
    if (cc_buf_append(&b, tmp, k)) break;
  fclose(f);
  *n = b.n;
  return cc_buf_take(&b);
}

static cc_code receive(const char *rel, cc_receive_result *res, cc_err *e) {
  /* callers read res even when the file was missing */
  memset(res, 0, sizeof *res);
  cc_err_clear(e);
  size_t n = 0;
  char *p = read_file(rel, &n);
  if (!p) return CC_E_IO;
  cc_code rc = cc_remit_receive(S, p, n, rel, NULL, NULL, res, e);
  free(p);
  return rc;
}

static int64_t payer(const char *code, const char *name) {
  cc_payer_rec r = {.payer_code = code, .name = name, .filing_indicator = "CI",
                    .claim_form = "837P"};
  int64_t id = 0;
  bool created;
  cc_err e;
  if (cc_store_payer_put(S, &r, &id, &created, &e)) printf("# payer %s\n", e.detail);
  return id;
}
static int64_t patient(const char *acct, const char *last, const char *first,
                       const char *dob, const char *sex) {
  cc_patient_rec r = {.account_no = acct, .last_name = last,
                      .first_name = first, .birth_date = dob, .sex = sex};
  int64_t id = 0;
  bool created;
  cc_err e;
  if (cc_store_patient_put(S, &r, &id, &created, &e)) printf("# patient %s\n", e.detail);
  return id;
}
static int64_t coverage(int64_t pat, int64_t pay, const char *member,
                        const char *rel, const char *sub_last,
                        const char *sub_first, const char *sub_dob) {
  cc_coverage_rec r = {.patient_id = pat, .payer_id = pay,
                       .priority = "primary", .relationship = rel,
                       .member_id = member, .subscriber_last_name = sub_last,
                       .subscriber_first_name = sub_first,
                       .subscriber_birth_date = sub_dob,
                       .effective_date = "2000-01-01"};
  int64_t id = 0;
  bool created;
  cc_err e;
  if (cc_store_coverage_put(S, &r, &id, &created, &e)) printf("# coverage %s\n", e.detail);
  return id;
}

/* lfh subscriber 271: EB*1**30**GOLD 123 PLAN (active, plan), and two
 * copays per visit (EB06 27): 10.00 in network (EB12 Y), 30.00 out (N). */
static void test_271_subscriber(void) {
  open_fresh();
  if (!S) return;
  int64_t y = payer("841610001", "ABC COMPANY");
  int64_t john = patient("A1", "SMITH", "JOHN", "1963-05-19", "M");
  int64_t cv = coverage(john, y, "123456789", "self", NULL, NULL, NULL);
  cc_receive_result res;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(receive("x12/271/lfh__subscriber-health-benefit-check.271", &res,
                    &e), CC_OK);
  CHECK_STR(res.kind, "271");
  CHECK_INT(res.matched, 1);
  char q[256];
  snprintf(q, sizeof q, "SELECT elig_active FROM coverage WHERE id=%lld",
           (long long)cv);
  CHECK_INT(q1(q), 1);
  snprintf(q, sizeof q, "SELECT elig_copay_cents FROM coverage WHERE id=%lld",
           (long long)cv);
  CHECK_INT(q1(q), 1000);
  snprintf(q, sizeof q, "SELECT elig_plan FROM coverage WHERE id=%lld",
           (long long)cv);
  CHECK_STR(qs(q), "GOLD 123 PLAN");
  snprintf(q, sizeof q, "SELECT elig_checked_date FROM coverage WHERE id=%lld",
           (long long)cv);
  CHECK_STR(qs(q), "2006-05-01");
  snprintf(q, sizeof q, "SELECT elig_deductible_cents FROM coverage WHERE "
           "id=%lld", (long long)cv);
  CHECK_INT(q1(q), -1); /* the file states no deductible: NULL */
  /* The stupidedi response carries the same answer with copay "10" and the
   * base version 005010X279 in GS08. */
  sql("UPDATE payer SET payer_code='842610001'");
  sql("UPDATE coverage SET elig_copay_cents=NULL, elig_active=NULL");
  CHECK_INT(receive("x12/271/stupidedi__response-to-generic-request-by-clinic"
                    "-for-patient--subscriber--eligibility.edi", &res, &e),
            CC_OK);
  snprintf(q, sizeof q, "SELECT elig_copay_cents FROM coverage WHERE id=%lld",
           (long long)cv);
  CHECK_INT(q1(q), 1000);
  /* Same bytes again: nothing changes, and it is said. */
  int64_t files = cc_store_count(S, "x12_file");
  CHECK_INT(receive("x12/271/stupidedi__response-to-generic-request-by-clinic"
                    "-for-patient--subscriber--eligibility.edi", &res, &e),
            CC_OK);
  CHECK(res.already);
  CHECK_INT(cc_store_count(S, "x12_file"), files);
  close_db();
}

/* lfh dependent 271: the answer is about MARY (NM1*03, DMG 19981014) under
 * subscriber JOHN's member ID; John's own coverage is not touched. */
static void test_271_dependent(void) {
  open_fresh();
  if (!S) return;
  int64_t y = payer("841610001", "ABC COMPANY");
  int64_t john = patient("A1", "SMITH", "JOHN", "1963-05-19", "M");
  int64_t mary = patient("A2", "SMITH", "MARY", "1998-10-14", "F");
  int64_t cj = coverage(john, y, "123456789", "self", NULL, NULL, NULL);
  int64_t cm = coverage(mary, y, "123456789", "child", "SMITH", "JOHN",
                        "1963-05-19");
  cc_receive_result res;
  cc_err e;
  CHECK_INT(receive("x12/271/lfh__dependent-health-benefit-check.271", &res,
                    &e), CC_OK);
  CHECK_INT(res.matched, 1);
  char q[256];
  snprintf(q, sizeof q, "SELECT elig_copay_cents FROM coverage WHERE id=%lld",
           (long long)cm);
  CHECK_INT(q1(q), 1000);
  snprintf(q, sizeof q, "SELECT elig_active FROM coverage WHERE id=%lld",
           (long long)cm);
  CHECK_INT(q1(q), 1);
  snprintf(q, sizeof q, "SELECT elig_active FROM coverage WHERE id=%lld",
           (long long)cj);
  CHECK_INT(q1(q), -1);
  close_db();
}

/* The error 271: AAA*Y**50*N at the information receiver (2000B); no
 * subscriber is named, so nothing is stored on any coverage. */
static void test_271_error(void) {
  open_fresh();
  if (!S) return;
  int64_t y = payer("842610001", "ABC COMPANY");
  int64_t john = patient("A1", "SMITH", "JOHN", "1963-05-19", "M");
  coverage(john, y, "123456789", "self", NULL, NULL, NULL);
  cc_receive_result res;
  cc_err e;
  /* Its SE01 says 8 for 9 segments and SE02 4323 != ST02 4321: a SNIP 1-2
   * error, so receive refuses it whole. */
  CHECK_INT(receive("x12/271/lfh__subscriber-health-benefit-check-error.271",
                    &res, &e), CC_E_INVALID);
  CHECK_INT(cc_store_count(S, "x12_file"), 0);
  CHECK_INT(q1("SELECT count(*) FROM coverage WHERE elig_checked_date IS NOT "
               "NULL"), 0);
  close_db();
}

/* tests/fixtures/cycle/elig_deductible.271, our trace CC1-0001 names
 * coverage 1. By hand: deductible IND calendar year 1500 (EB06 23), left
 * 1250.50 (29); family 3000 ignored; OOP 6000 / 5800 left; coinsurance .2 in
 * network (.4 out of network ignored) = 20% = 2000 bp; copay 25. */
static void test_271_deductible(void) {
  open_fresh();
  if (!S) return;
  int64_t y = payer("ACME01", "ACME HEALTH");
  int64_t jane = patient("J1", "DOE", "JANE", "1980-01-01", "F");
  int64_t cv = coverage(jane, y, "M100", "self", NULL, NULL, NULL);
  CHECK_INT(cv, 1);
  cc_receive_result res;
  cc_err e;
  CHECK_INT(receive("@tests/fixtures/cycle/elig_deductible.271", &res, &e),
            CC_OK);
  CHECK_INT(res.matched, 1);
  CHECK_INT(q1("SELECT elig_deductible_cents FROM coverage WHERE id=1"), 150000);
  CHECK_INT(q1("SELECT elig_deductible_remaining_cents FROM coverage WHERE id=1"),
            125050);
  CHECK_INT(q1("SELECT elig_oop_max_cents FROM coverage WHERE id=1"), 600000);
  CHECK_INT(q1("SELECT elig_oop_remaining_cents FROM coverage WHERE id=1"),
            580000);
  CHECK_INT(q1("SELECT elig_coinsurance_bp FROM coverage WHERE id=1"), 2000);
  CHECK_INT(q1("SELECT elig_copay_cents FROM coverage WHERE id=1"), 2500);
  CHECK_STR(qs("SELECT elig_plan FROM coverage WHERE id=1"), "SILVER PLAN");
  CHECK_INT(q1("SELECT elig_file_id FROM coverage WHERE id=1"),
            q1("SELECT max(id) FROM x12_file WHERE kind='271'"));
  close_db();
}

static int64_t claim(int64_t pat, int64_t pay, const char *pcn,
                     const char *status) {
  char q[400];
  snprintf(q, sizeof q, "INSERT INTO claim(control_number,patient_id,payer_id,"
           "claim_form,total_charge_cents,status,first_service_date,"
           "last_service_date) VALUES('%s',%lld,%lld,'837P',10000,'%s',"
           "'2026-10-01','2026-10-01')", pcn, (long long)pat, (long long)pay,
           status);
  sql(q);
  return sqlite3_last_insert_rowid(S->db);
}

/* stupidedi 277 claim response, read by hand: ABCXYZ1 STC P3:317 on
 * 20050913 for 8513.88 with REF 1K 05347006051; ABCXYZ2 F0:3 7599;
 * ABCXYC3 (so spelled in the 277; a dependent, 2200E) F2:88:QC for 150 and the line 99203 F2:88:QC. */
static void test_277(void) {
  open_fresh();
  if (!S) return;
  int64_t y = payer("12345", "ABC INSURANCE");
  int64_t p = patient("A1", "SMITH", "FRED", "1930-12-10", "M");
  int64_t c1 = claim(p, y, "ABCXYZ1", "submitted");
  int64_t c2 = claim(p, y, "ABCXYZ2", "submitted");
  int64_t c3 = claim(p, y, "ABCXYC3", "accepted");
  (void)c2;
  cc_receive_result res;
  cc_err e;
  CHECK_INT(receive("x12/277/stupidedi__claim-response.edi", &res, &e), CC_OK);
  CHECK_STR(res.kind, "277");
  CHECK_INT(res.matched, 3);
  CHECK_INT(res.unmatched, 0);
  char q[300];
  snprintf(q, sizeof q, "SELECT code||'|'||status_date||'|'||amount_cents||'|'"
           "||payer_claim_number FROM claim_response WHERE claim_id=%lld",
           (long long)c1);
  CHECK_STR(qs(q), "P3:317|2005-09-13|851388|05347006051");
  snprintf(q, sizeof q, "SELECT payer_claim_number FROM claim WHERE id=%lld",
           (long long)c1);
  CHECK_STR(qs(q), "05347006051");
  CHECK_STR(qs("SELECT code FROM claim_response r JOIN claim c ON "
               "c.id=r.claim_id WHERE c.control_number='ABCXYZ2'"), "F0:3");
  snprintf(q, sizeof q, "SELECT count(*) FROM claim_response WHERE "
           "claim_id=%lld", (long long)c3);
  CHECK_INT(q1(q), 2);
  snprintf(q, sizeof q, "SELECT count(*) FROM claim_status_history WHERE "
           "claim_id=%lld AND source='277' AND status='accepted' AND detail "
           "LIKE '%%F2:88:QC%%99203%%'", (long long)c3);
  CHECK_INT(q1(q), 1);
  /* The status itself is unchanged: the 835 decides money. */
  snprintf(q, sizeof q, "SELECT status FROM claim WHERE id=%lld",
           (long long)c1);
  CHECK_STR(qs(q), "submitted");
  int64_t before = cc_store_count(S, "claim_response");
  CHECK_INT(receive("x12/277/stupidedi__claim-response.edi", &res, &e), CC_OK);
  CHECK(res.already);
  CHECK_INT(cc_store_count(S, "claim_response"), before);
  /* imsweb 277: IEA02 842928883 does not match ISA13 000000001 (SNIP 1),
   * so it is refused whole and nothing is kept. */
  int64_t files = cc_store_count(S, "x12_file");
  CHECK_INT(receive("x12/277/imsweb__x12_277_x212.txt", &res, &e),
            CC_E_INVALID);
  CHECK(strstr(e.detail, "refused") != NULL);
  CHECK_INT(cc_store_count(S, "x12_file"), files);
  close_db();
}

static uint32_t errors_in(const char *p, size_t n) {
  cc_x12_summary sum;
  cc_err e;
  if (cc_x12_validate_mem(p, n, "built", NULL, NULL, &sum, &e) != CC_OK)
    return 9999;
  if (sum.sets_unchecked) return 9998;
  return sum.errors + sum.warnings;
}

static void test_270(void) {
  open_fresh();
  if (!S) return;
  int64_t y = payer("ACME01", "ACME HEALTH");
  int64_t jane = patient("J1", "DOE", "JANE", "1980-01-01", "F");
  int64_t kid = patient("K1", "DOE", "KIM", "2015-06-30", "M");
  coverage(jane, y, "M100", "self", NULL, NULL, NULL);
  coverage(kid, y, "M100", "child", "DOE", "JANE", "1980-01-01");
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  cc_err e;
  cc_day d;
  CHECK_INT(cc_date_parse_iso(cc_slice_cstr("2026-11-20"), &d), CC_OK);
  CHECK_INT(cc_elig_request(S, "J1", d, "jane.270", &b, &e), CC_OK);
  CHECK_INT(errors_in(b.p, b.n), 0);
  CHECK(b.p && strstr(b.p, "NM1*IL*1*DOE*JANE****MI*M100~"));
  CHECK(b.p && strstr(b.p, "DTP*291*D8*20261120~"));
  CHECK(b.p && strstr(b.p, "EQ*30~"));
  CHECK(b.p && strstr(b.p, "TRN*1*CC1-0001*1123456789~"));
  CHECK(b.p && strstr(b.p, "NM1*PR*2*ACME HEALTH*****PI*ACME01~"));
  cc_buf_free(&b);
  /* A child: the subscriber in 2100C, the patient in 2100D. */
  cc_buf_init(&b, 1 << 20);
  CHECK_INT(cc_elig_request(S, "K1", d, NULL, &b, &e), CC_OK);
  CHECK_INT(errors_in(b.p, b.n), 0);
  CHECK(b.p && strstr(b.p, "NM1*03*1*DOE*KIM~"));
  CHECK(b.p && strstr(b.p, "HL*4*3*23*0~"));
  /* Control numbers never repeat: the second file's are the next ones. */
  CHECK(b.p && strstr(b.p, "*000000002*0*T*:~"));
  cc_buf_free(&b);
  CHECK_INT(q1("SELECT count(*) FROM x12_file WHERE direction='out' AND "
               "kind='270'"), 2);
  cc_buf_init(&b, 1 << 20);
  CHECK_INT(cc_elig_request(S, "NOPE", d, NULL, &b, &e), CC_E_NOTFOUND);
  CHECK_INT(b.n, 0);
  cc_buf_free(&b);
  close_db();
}

static void test_276(void) {
  open_fresh();
  if (!S) return;
  int64_t y = payer("ACME01", "ACME HEALTH");
  int64_t jane = patient("J1", "DOE", "JANE", "1980-01-01", "F");
  int64_t cv = coverage(jane, y, "M100", "self", NULL, NULL, NULL);
  int64_t c = claim(jane, y, "CLM0001", "submitted");
  char q[300];
  snprintf(q, sizeof q, "UPDATE claim SET coverage_id=%lld WHERE id=%lld",
           (long long)cv, (long long)c);
  sql(q);
  sql("INSERT INTO x12_file(direction,kind,isa_control,gs_control,created_at)"
      " VALUES('out','837P','000000001','1','2026-10-02T10:00:00Z')");
  snprintf(q, sizeof q, "INSERT INTO claim_submission(claim_id,file_id,"
           "st_control,segment_index) VALUES(%lld,1,'0001',25)", (long long)c);
  sql(q);
  claim(jane, y, "CLM0002", "paid"); /* answered: not asked about */
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  cc_err e;
  uint32_t n = 99;
  /* CC_TODAY is 2026-11-26 under tests/run: sent 55 days ago. */
  CHECK_INT(cc_elig_status_request(S, 60, NULL, &b, &n, &e), CC_OK);
  CHECK_INT(n, 0);
  CHECK_INT(b.n, 0);
  CHECK_INT(cc_elig_status_request(S, 30, "st.276", &b, &n, &e), CC_OK);
  CHECK_INT(n, 1);
  CHECK_INT(errors_in(b.p, b.n), 0);
  CHECK(b.p && strstr(b.p, "TRN*1*CLM0001~"));
  CHECK(b.p && strstr(b.p, "AMT*T3*100~"));
  CHECK(b.p && strstr(b.p, "DTP*472*D8*20261001~"));
  CHECK(b.p && !strstr(b.p, "CLM0002"));
  cc_buf_free(&b);
  close_db();
}

int main(void) {
  RUN(test_271_subscriber);
  RUN(test_271_dependent);
  RUN(test_271_error);
  RUN(test_271_deductible);
  RUN(test_277);
  RUN(test_270);
  RUN(test_276);
  TEST_MAIN_END();
}
