/* test_queue.c - the denial work queue on a hand-written 835: one claim
 * per denial category, an underpaid line against the fee schedule, each
 * action's ledger effect, role checks, and the appeal letter (text and
 * PDF). Expected values are worked out by hand from the 835 below. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"
#include "test_sql.h"

static char dbpath[256];
static cc_store *S;
static int64_t PRI, PAT;

static int64_t q1(const char *sql) { return t_q1(S, sql); }
static void exec(const char *sql) { t_exec(S, sql); }
static int64_t qf(const char *fmt, const char *arg) {
  char sql[1024];
  snprintf(sql, sizeof sql, fmt, arg);
  return q1(sql);
}
/* Balance of a party on a claim: payer or the patient. */
static int64_t bal(const char *claim, bool payer) {
  char sql[512];
  snprintf(sql, sizeof sql, "SELECT coalesce(sum(e.amount_cents),0) FROM "
           "ledger_entry e JOIN claim c ON c.id=e.claim_id WHERE "
           "c.control_number='%s' AND e.payer_id IS %s", claim,
           payer ? "NOT NULL" : "NULL");
  return q1(sql);
}
static int64_t item_of(const char *claim) {
  return qf("SELECT w.id FROM work_item w JOIN claim c ON c.id=w.claim_id "
            "WHERE c.control_number='%s'", claim);
}
static void books_balance(void) {
  cc_ledger_summary sum;
  cc_err e;
  CHECK_INT(cc_ledger_check(S, NULL, NULL, &sum, &e), CC_OK);
  CHECK_INT(sum.broken, 0);
}

static void claim(const char *ctl, const char *code, int64_t cents) {
  char sql[1024];
  snprintf(sql, sizeof sql,
           "INSERT INTO claim(control_number,patient_id,payer_id,claim_form,"
           "total_charge_cents,status,first_service_date,last_service_date) "
           "VALUES('%s',%lld,%lld,'837P',%lld,'submitted','2026-10-01',"
           "'2026-10-01')", ctl, (long long)PAT, (long long)PRI,
           (long long)cents);
  exec(sql);
  snprintf(sql, sizeof sql,
           "INSERT INTO claim_line(claim_id,line_no,code,units_milli,"
           "from_date,to_date,charge_cents) VALUES((SELECT max(id) FROM "
           "claim),1,'%s',1000,'2026-10-01','2026-10-01',%lld)", code,
           (long long)cents);
  exec(sql);
}

static char *x835(const char *body) {
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  int n = 2;
  for (const char *p = body; *p; p++) n += *p == '\n';
  (void)!cc_buf_puts(&b, "ISA*00*          *00*          *ZZ*PAYER          "
                         "*ZZ*CLINIC         *261120*1200*^*00501*000000001"
                         "*0*T*:~GS*HP*PAYER*CLINIC*20261120*1200*1*X*"
                         "005010X221A1~ST*835*0001~");
  for (const char *p = body; *p; p++)
    (void)!cc_buf_append(&b, *p == '\n' ? "~" : p, 1);
  (void)!cc_buf_printf(&b, "SE*%d*0001~GE*1*1~IEA*1*000000001~", n);
  return cc_buf_take(&b);
}

/* Seven denied claims of 150.00 (CLP02 4, one CAS each) and U1 paid 70.00
 * of 200.00 with CO-45 110.00 and PR-2 20.00: 200 = 70 + 110 + 20. */
static const char *REMIT =
    "BPR*I*70*C*CHK************20261120\n"
    "TRN*1*TQ1*1999999999\n"
    "N1*PR*PRIMARY MUTUAL\n"
    "N1*PE*CLINIC*XX*1234567893\n"
    "LX*1\n"
    "CLP*D1*4*150*0**12*PCND1\nSVC*HC:99214*150*0\nCAS*CO*197*150\n"
    "CLP*D2*4*150*0**12*PCND2\nSVC*HC:99214*150*0\nCAS*CO*97*150\n"
    "CLP*D3*4*150*0**12*PCND3\nSVC*HC:99214*150*0\nCAS*CO*18*150\n"
    "CLP*D4*4*150*0**12*PCND4\nSVC*HC:99214*150*0\nCAS*CO*29*150\n"
    "CLP*D5*4*150*0**12*PCND5\nSVC*HC:99214*150*0\nCAS*CO*16*150\n"
    "LQ*HE*N54\n"
    "CLP*D6*4*150*0**12*PCND6\nSVC*HC:99214*150*0\nCAS*CO*27*150\n"
    "CLP*D7*4*150*0**12*PCND7\nSVC*HC:99214*150*0\nCAS*CO*96*150\n"
    "CLP*U1*1*200*70*20*12*PCNU1\nSVC*HC:99213*200*70\n"
    "CAS*CO*45*110\nCAS*PR*2*20\n";

static void setup(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_queue_%d.db", (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &S, &e) != CC_OK) {
    printf("not ok - open: %s\n", e.detail);
    exit(1);
  }
  bool created;
  cc_fee_rec fee = {.code = "99213", .modifier = "", .allowed_cents = 10000,
                    .effective_date = "2026-01-01"};
  cc_payer_rec p1 = {.payer_code = "PRI01", .name = "Primary Mutual",
                     .filing_indicator = "CI", .claim_form = "837P",
                     .fees = &fee, .n_fees = 1};
  cc_patient_rec pt = {.account_no = "Q100", .last_name = "Testperson",
                       .first_name = "Quinn", .birth_date = "1980-02-03",
                       .sex = "F"};
  if (cc_store_payer_put(S, &p1, &PRI, &created, &e) ||
      cc_store_patient_put(S, &pt, &PAT, &created, &e))
    printf("not ok - setup: %s\n", e.detail);
  exec("INSERT INTO practice(name,npi,phone) VALUES('Synthetic Family "
       "Clinic','1234567893','555-0100')");
  exec("INSERT INTO app_user(username,display_name,role) VALUES"
       "('bea','Bea Biller','biller'),('fran','Fran Front','front_desk'),"
       "('vic','Vic Viewer','viewer')");
  const char *shared = getenv("CC_SHARED");
  char path[512];
  snprintf(path, sizeof path, "%s/data/x12_carc_rarc/carc.csv",
           shared ? shared : "../shared");
  cc_codes_load_result lr;
  if (cc_codes_load(S, CC_CODES_CARC, path, NULL, &lr, &e))
    printf("# carc not loaded: %s\n", e.detail);
  snprintf(path, sizeof path, "%s/data/x12_carc_rarc/rarc.csv",
           shared ? shared : "../shared");
  if (cc_codes_load(S, CC_CODES_RARC, path, NULL, &lr, &e))
    printf("# rarc not loaded: %s\n", e.detail);
  const char *ctl[7] = {"D1", "D2", "D3", "D4", "D5", "D6", "D7"};
  for (int i = 0; i < 7; i++) claim(ctl[i], "99214", 15000);
  claim("U1", "99213", 20000);
  /* D1 carries an authorization with a document, for the letter. */
  exec("INSERT INTO authorization(kind,number,patient_id,payer_id,"
       "start_date,end_date) VALUES('prior_auth','AUTH-77',1,1,'2026-09-01',"
       "'2026-12-31')");
  exec("INSERT INTO authorization_document(authorization_id,path,title) "
       "VALUES(1,'docs/auth77.pdf','approval letter')");
  exec("UPDATE claim SET prior_auth='AUTH-77' WHERE control_number='D1'");
  char *f = x835(REMIT);
  cc_remit_opts o = {.posting_date = "2026-11-21"};
  cc_remit_result r;
  CHECK_INT(cc_remit_post_835_mem(S, f, strlen(f), "q.835", &o, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.denials, 7);
}

static void test_refresh_categories(void) {
  cc_queue_refresh_result r;
  cc_err e;
  CHECK_INT(cc_queue_refresh(S, &r, &e), CC_OK);
  CHECK_INT(r.denials, 7);
  CHECK_INT(r.underpayments, 1);
  CHECK_INT(r.rejections, 0);
  /* Each CARC group lands in its category (carc_category). */
  static const struct { const char *claim, *cat, *action; } want[] = {
      {"D1", "authorization", "correct"}, {"D2", "coding", "correct"},
      {"D3", "duplicate", "void"},        {"D4", "timely_filing", "appeal"},
      {"D5", "missing_information", "correct"},
      {"D6", "eligibility", "correct"},   {"D7", "non_covered", "patient"},
      {"U1", "underpayment", "appeal"}};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    cc_queue_item it;
    CHECK_INT(cc_queue_get(S, item_of(want[i].claim), &it, &e), CC_OK);
    CHECK_STR(it.category, want[i].cat);
    CHECK_STR(it.action, want[i].action);
    CHECK_STR(it.status, "open");
  }
  cc_queue_item it;
  CHECK_INT(cc_queue_get(S, item_of("D1"), &it, &e), CC_OK);
  CHECK_STR(it.carc, "197");
  CHECK_STR(it.carc_text,
            "Precertification/authorization/notification/pre-treatment "
            "absent.");
  CHECK_INT(it.amount.cents, 15000);
  /* Denied on the BPR16 date; the default policy gives 180 days:
   * 2026-11-20 + 180 = 2027-05-19 (10+31+31+28+31+30+19). */
  CHECK_STR(it.denied, "2026-11-20");
  CHECK_STR(it.deadline, "2027-05-19");
  CHECK_STR(it.payer_claim, "PCND1");
  CHECK_INT(cc_queue_get(S, item_of("D5"), &it, &e), CC_OK);
  CHECK_STR(it.rarc, "N54");
  CHECK_STR(it.rarc_text, "N54: Claim information is inconsistent with "
                          "pre-certified/authorized services.");
  /* U1: schedule allows 100.00 for 99213 x 1; PR 20.00 is the patient's,
   * so the payer owed 80.00 and paid 70.00: 10.00 short, on line 1. */
  CHECK_INT(cc_queue_get(S, item_of("U1"), &it, &e), CC_OK);
  CHECK(it.has_expected);
  CHECK_INT(it.expected.cents, 8000);
  CHECK_INT(it.paid.cents, 7000);
  CHECK_INT(it.amount.cents, 1000);
  CHECK_INT(it.line_no, 1);
  /* Idempotent. */
  CHECK_INT(cc_queue_refresh(S, &r, &e), CC_OK);
  CHECK_INT(r.denials + r.underpayments + r.rejections, 0);
  CHECK_INT(q1("SELECT count(*) FROM work_item"), 8);
}

static int count_fn(void *ctx, const cc_queue_item *it) {
  (void)it;
  (*(int *)ctx)++;
  return 0;
}

static void test_assign_note_history(void) {
  cc_err e;
  int64_t id = item_of("D5");
  CHECK_INT(cc_queue_assign(S, id, "vic", "bea", "2026-12-01", &e),
            CC_E_DENIED);
  CHECK_INT(cc_queue_assign(S, id, "bea", "nobody", NULL, &e), CC_E_NOTFOUND);
  CHECK_INT(cc_queue_assign(S, id, "bea", "bea", "2026-12-01", &e), CC_OK);
  CHECK_INT(cc_queue_note(S, id, "fran", "patient called, chart requested",
                          &e), CC_OK);
  cc_queue_item it;
  CHECK_INT(cc_queue_get(S, id, &it, &e), CC_OK);
  CHECK_STR(it.assignee, "bea");
  CHECK_STR(it.follow_up, "2026-12-01");
  char sid[24];
  snprintf(sid, sizeof sid, "%lld", (long long)id);
  CHECK_INT(qf("SELECT count(*) FROM work_item_event WHERE item_id=%s", sid),
            3);
  int n = 0;
  cc_queue_filter f = {.assignee = "bea"};
  CHECK_INT(cc_queue_list(S, &f, count_fn, &n, &e), CC_OK);
  CHECK_INT(n, 1);
  n = 0;
  cc_queue_filter f2 = {.due_by = "2026-11-30"};
  CHECK_INT(cc_queue_list(S, &f2, count_fn, &n, &e), CC_OK);
  CHECK_INT(n, 0);
}

static void test_writeoff_roles(void) {
  cc_err e;
  cc_queue_act_result r;
  int64_t id = item_of("D4");
  cc_queue_act_opts o = {.user = "fran", .reason = "no proof of timely "
                         "filing", .date = "2026-11-26"};
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_WRITEOFF, &o, &r, &e), CC_E_DENIED);
  o.user = NULL;
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_WRITEOFF, &o, &r, &e), CC_E_DENIED);
  o.user = "bea";
  o.reason = NULL;
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_WRITEOFF, &o, &r, &e), CC_E_USAGE);
  CHECK_INT(bal("D4", true), 15000);
  o.reason = "no proof of timely filing";
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_WRITEOFF, &o, &r, &e), CC_OK);
  CHECK_INT(r.amount.cents, 15000);
  CHECK_INT(bal("D4", true), 0);
  CHECK_INT(bal("D4", false), 0);
  CHECK_INT(q1("SELECT amount_cents FROM ledger_entry WHERE kind='writeoff' "
               "AND reason_code='29'"), -15000);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='D4' AND "
               "status='closed'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM claim_status_history h JOIN claim c ON "
               "c.id=h.claim_id WHERE c.control_number='D4' AND "
               "h.source='queue:bea' AND h.detail LIKE 'written off 150.00%'"),
            1);
  cc_queue_item it;
  CHECK_INT(cc_queue_get(S, id, &it, &e), CC_OK);
  CHECK_STR(it.status, "resolved");
  /* A resolved item takes no second action. */
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_WRITEOFF, &o, &r, &e), CC_E_INVALID);
  books_balance();
}

static void test_transfer_to_patient(void) {
  cc_err e;
  cc_queue_act_result r;
  cc_queue_act_opts o = {.user = "bea", .date = "2026-11-26"};
  CHECK_INT(cc_queue_act(S, item_of("D7"), CC_QUEUE_PATIENT, &o, &r, &e),
            CC_OK);
  CHECK_INT(bal("D7", true), 0);
  CHECK_INT(bal("D7", false), 15000);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry e JOIN claim c ON "
               "c.id=e.claim_id WHERE c.control_number='D7' AND "
               "e.kind='transfer' AND e.group_code='PR'"), 2);
  books_balance();
}

static void test_correct_and_void(void) {
  cc_err e;
  cc_queue_act_result r;
  cc_queue_act_opts o = {.user = "bea", .date = "2026-11-26"};
  int64_t id = item_of("D1");
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_CORRECT, &o, &r, &e), CC_OK);
  char want[40];
  snprintf(want, sizeof want, "D1C%lld", (long long)id);
  CHECK_STR(r.new_claim, want);
  CHECK_INT(qf("SELECT count(*) FROM claim WHERE control_number='%s' AND "
               "frequency_code='7' AND payer_claim_number='PCND1' AND "
               "status='ready' AND total_charge_cents=15000", want), 1);
  /* The original's 150.00 with the payer is closed; the corrected claim
   * has no entries until it is sent. */
  CHECK_INT(bal("D1", true), 0);
  CHECK_INT(q1("SELECT amount_cents FROM ledger_entry WHERE "
               "reason_code='CORRECTED'"), -15000);
  CHECK_INT(bal(want, true), 0);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='D1' AND "
               "status='closed'"), 1);
  books_balance();

  id = item_of("D3");
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_VOID, &o, &r, &e), CC_OK);
  snprintf(want, sizeof want, "D3V%lld", (long long)id);
  CHECK_STR(r.new_claim, want);
  CHECK_INT(qf("SELECT count(*) FROM claim WHERE control_number='%s' AND "
               "frequency_code='8' AND payer_claim_number='PCND3'", want), 1);
  /* The void claim's charges are on the books and adjusted off: sending it
   * adds no receivable. */
  CHECK_INT(qf("SELECT sum(amount_cents) FROM ledger_entry e JOIN claim c ON "
               "c.id=e.claim_id WHERE c.control_number='%s' AND "
               "kind='charge'", want), 15000);
  CHECK_INT(bal(want, true), 0);
  CHECK_INT(bal("D3", true), 0);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='D3' AND "
               "status='void'"), 1);
  books_balance();
}

static bool contains(const char *hay, const char *needle) {
  return hay && strstr(hay, needle) != NULL;
}

static void test_appeal_letter(void) {
  cc_err e;
  cc_queue_act_result r;
  char pdf[256];
  snprintf(pdf, sizeof pdf, "/tmp/cc_test_queue_%d.pdf", (int)getpid());
  cc_queue_act_opts o = {.user = "bea", .date = "2026-11-26",
                         .argument = "The visit was authorized: approval "
                                     "AUTH-77 covers 2026-09-01 to 2026-12-31.",
                         .pdf_path = pdf};
  int64_t before = bal("D2", true);
  /* D1 was resolved by its corrected claim; appeal D2 (coding, 97) with the
   * letter and D1's letter text checked through the letter function. */
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  CHECK_INT(cc_queue_appeal_letter(S, item_of("D1"), o.argument, "bea", NULL,
                                   &b, &e), CC_OK);
  CHECK(contains(b.p, "Claim number:       D1\n"));
  CHECK(contains(b.p, "Payer claim number: PCND1\n"));
  CHECK(contains(b.p, "CARC CO-197: Precertification/authorization/"
                      "notification/pre-treatment absent."));
  CHECK(contains(b.p, "Appeal deadline:    2027-05-19\n"));
  CHECK(contains(b.p, "  - prior authorization AUTH-77: approval letter "
                      "(docs/auth77.pdf)\n"));
  CHECK(contains(b.p, "Bea Biller\nSynthetic Family Clinic\n"));
  CHECK(contains(b.p, "Amount in dispute:  $150.00\n"));
  CHECK(!contains(b.p, "{{"));
  CHECK(!contains(b.p, "# appeal_letter.txt"));
  cc_buf_free(&b);

  CHECK_INT(cc_queue_act(S, item_of("D2"), CC_QUEUE_APPEAL, &o, &r, &e),
            CC_OK);
  CHECK(r.appeal_id > 0);
  CHECK(contains(r.letter, "Claim number:       D2\n"));
  CHECK(contains(r.letter, "The visit was authorized"));
  free(r.letter);
  /* An appeal moves no money; the claim and item say appealed, and a
   * follow-up 30 days on is set. */
  CHECK_INT(bal("D2", true), before);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='D2' AND "
               "status='appealed'"), 1);
  cc_queue_item it;
  CHECK_INT(cc_queue_get(S, item_of("D2"), &it, &e), CC_OK);
  CHECK_STR(it.status, "appealed");
  CHECK_STR(it.follow_up, "2026-12-26");
  CHECK_INT(r.pdf_pages, 1);
  FILE *f = fopen(pdf, "rb");
  CHECK(f != NULL);
  if (f) {
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    CHECK(n > 5 && memcmp(buf, "%PDF-", 5) == 0);
    CHECK(memmem(buf, n, "/Type /Pages", 12) != NULL);
    CHECK(memmem(buf, n, "/Count 1", 8) != NULL);
    CHECK(memmem(buf, n, "startxref", 9) != NULL);
    CHECK(n > 6 && memmem(buf + n - 7, 7, "%%EOF", 5) != NULL);
  }
  unlink(pdf);
  /* Appealing without an argument is refused. */
  o.argument = NULL;
  CHECK_INT(cc_queue_act(S, item_of("D6"), CC_QUEUE_APPEAL, &o, &r, &e),
            CC_E_USAGE);
  books_balance();
}

/* Part of an item: D6 (150.00, CO-27) written off 50.00, then the rest
 * moved to the patient. Both act on D6's only line, not the claim. */
static void test_part_on_line(void) {
  cc_err e;
  cc_queue_act_result r;
  int64_t id = item_of("D6");
  int64_t line = qf("SELECT l.id FROM claim_line l JOIN claim c ON "
                    "c.id=l.claim_id WHERE c.control_number='%s'", "D6");
  cc_queue_act_opts o = {.user = "bea", .reason = "courtesy", .date =
                         "2026-11-27", .amount_cents = 5000};
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_WRITEOFF, &o, &r, &e), CC_OK);
  CHECK_INT(r.amount.cents, 5000);
  cc_queue_item it;
  CHECK_INT(cc_queue_get(S, id, &it, &e), CC_OK);
  CHECK_STR(it.status, "open");
  CHECK_INT(it.amount.cents, 10000);
  CHECK_INT(bal("D6", true), 10000);
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM ledger_entry WHERE "
           "kind='writeoff' AND amount_cents=-5000 AND claim_line_id=%lld",
           (long long)line);
  CHECK_INT(q1(sql), 1);
  /* the rest: 100.00 to the patient, on the line */
  cc_queue_act_opts p = {.user = "bea", .date = "2026-11-27"};
  CHECK_INT(cc_queue_act(S, id, CC_QUEUE_PATIENT, &p, &r, &e), CC_OK);
  CHECK_INT(r.amount.cents, 10000);
  CHECK_INT(cc_queue_get(S, id, &it, &e), CC_OK);
  CHECK_STR(it.status, "resolved");
  CHECK_INT(bal("D6", true), 0);
  CHECK_INT(bal("D6", false), 10000);
  snprintf(sql, sizeof sql, "SELECT count(*) FROM ledger_entry WHERE "
           "kind='transfer' AND abs(amount_cents)=10000 AND "
           "claim_line_id=%lld", (long long)line);
  CHECK_INT(q1(sql), 2);
  /* more than is open with the payer: refused */
  CHECK_INT(cc_queue_act(S, item_of("D5"), CC_QUEUE_WRITEOFF,
                         &(cc_queue_act_opts){.user = "bea", .reason = "x",
                                              .amount_cents = 15001},
                         &r, &e),
            CC_E_INVALID);
  books_balance();
}

/* The follow-up after an appeal is the practice's policy: 14 days here
 * (2026-11-27 + 14 = 2026-12-11), the default 30 otherwise. */
static void test_appeal_followup_policy(void) {
  cc_err e;
  cc_queue_act_result r;
  exec("INSERT INTO billing_policy(name,value,note) VALUES"
       "('appeal_followup_days',14,'test')");
  cc_queue_act_opts o = {.user = "bea", .date = "2026-11-27",
                         .argument = "The contract allows 100.00."};
  CHECK_INT(cc_queue_act(S, item_of("U1"), CC_QUEUE_APPEAL, &o, &r, &e),
            CC_OK);
  free(r.letter);
  cc_queue_item it;
  CHECK_INT(cc_queue_get(S, item_of("U1"), &it, &e), CC_OK);
  CHECK_STR(it.status, "appealed");
  CHECK_STR(it.follow_up, "2026-12-11");
}

/* The trace tells of the CAS that denied a line: D2's CAS is segment 14
 * of q.835 (ISA, GS, ST, BPR, TRN, N1, N1, LX, then D1's CLP SVC CAS at
 * 9-11 and D2's at 12-14). */
static void test_trace_denial(void) {
  cc_err e;
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  CHECK_INT(cc_claims_trace(S, "D2", false, &b, &e), CC_OK);
  CHECK(b.p && strstr(b.p, "  835 CAS at segment 14 of q.835: denied CO-97 "
                           "150.00 (denial open)\n") != NULL);
  b.n = 0;
  CHECK_INT(cc_claims_trace(S, "D2", true, &b, &e), CC_OK);
  CHECK(b.p && strstr(b.p, "\"denials\":[{\"file\":\"q.835\","
                           "\"segment_index\":14,\"group_code\":\"CO\","
                           "\"reason_code\":\"97\"") != NULL);
  cc_buf_free(&b);
}

int main(void) {
  setup();
  RUN(test_refresh_categories);
  RUN(test_assign_note_history);
  RUN(test_writeoff_roles);
  RUN(test_transfer_to_patient);
  RUN(test_correct_and_void);
  RUN(test_appeal_letter);
  RUN(test_part_on_line);
  RUN(test_appeal_followup_policy);
  RUN(test_trace_denial);
  cc_store_close(S);
  unlink(dbpath);
  TEST_MAIN_END();
}
