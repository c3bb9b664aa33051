/* test_billing.c - patient billing worked by hand: a statement's amounts
 * and aging, the statement cycle, payments applied oldest first, a credit
 * refunded and moved between accounts, a payment plan's split, schedule
 * and a missed installment, and a statement PDF. Ledger check after each. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"
#include "test_sql.h"

static char dbpath[256];
static cc_store *S;
static int64_t PRI;

static int64_t q1(const char *sql) { return t_q1(S, sql); }
static void exec(const char *sql) { t_exec(S, sql); }
static void books_balance(void) {
  cc_ledger_summary sum;
  cc_err e;
  CHECK_INT(cc_ledger_check(S, NULL, NULL, &sum, &e), CC_OK);
  CHECK_INT(sum.broken, 0);
}
static int64_t balance(const char *account) {
  cc_money m = {-1};
  cc_err e;
  if (cc_billing_balance(S, account, &m, &e)) return -999999;
  return m.cents;
}
static int64_t patient(const char *account, const char *first) {
  cc_patient_rec pt = {.account_no = account, .last_name = "Sample",
                       .first_name = first, .birth_date = "1975-05-05",
                       .sex = "M", .address1 = "1 Test Way", .city = "Springfield",
                       .state = "IL", .zip = "62701"};
  int64_t id;
  bool created;
  cc_err e;
  if (cc_store_patient_put(S, &pt, &id, &created, &e))
    printf("# patient: %s\n", e.detail);
  return id;
}
static void claim(const char *ctl, int64_t pat, const char *date,
                  int64_t cents) {
  char sql[1024];
  snprintf(sql, sizeof sql,
           "INSERT INTO claim(control_number,patient_id,payer_id,claim_form,"
           "total_charge_cents,status,first_service_date,last_service_date) "
           "VALUES('%s',%lld,%lld,'837P',%lld,'submitted','%s','%s')", ctl,
           (long long)pat, (long long)PRI, (long long)cents, date, date);
  exec(sql);
  snprintf(sql, sizeof sql,
           "INSERT INTO claim_line(claim_id,line_no,code,units_milli,"
           "from_date,to_date,charge_cents) VALUES((SELECT max(id) FROM "
           "claim),1,'99213',1000,'%s','%s',%lld)", date, date,
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

/* B1 (2026-10-01, 200.00): paid 100.00, CO-45 50.00, PR-1 50.00.
 * B2 (2026-07-01, 100.00): paid 0, PR-1 100.00 (deductible).
 * S1 (A300, 2026-10-01, 100.00): paid 99.50, PR-2 0.50.
 * M1 (A400, 2026-10-01, 100.00): paid 97.00, PR-2 3.00.
 * BPR = 100 + 0 + 99.50 + 97 = 296.50. */
static const char *REMIT =
    "BPR*I*296.5*C*CHK************20261120\n"
    "TRN*1*TB1*1999999999\n"
    "N1*PR*PRIMARY MUTUAL\n"
    "N1*PE*CLINIC*XX*1234567893\n"
    "LX*1\n"
    "CLP*B1*1*200*100*50*12*PB1\nSVC*HC:99213*200*100\n"
    "CAS*CO*45*50\nCAS*PR*1*50\n"
    "CLP*B2*1*100*0*100*12*PB2\nSVC*HC:99213*100*0\nCAS*PR*1*100\n"
    "CLP*S1*1*100*99.5*.5*12*PS1\nSVC*HC:99213*100*99.5\nCAS*PR*2*.5\n"
    "CLP*M1*1*100*97*3*12*PM1\nSVC*HC:99213*100*97\nCAS*PR*2*3\n";

static void setup(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_billing_%d.db", (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &S, &e) != CC_OK) {
    printf("not ok - open: %s\n", e.detail);
    exit(1);
  }
  bool created;
  cc_payer_rec p1 = {.payer_code = "PRI01", .name = "Primary Mutual",
                     .filing_indicator = "CI", .claim_form = "837P"};
  if (cc_store_payer_put(S, &p1, &PRI, &created, &e))
    printf("# payer: %s\n", e.detail);
  exec("INSERT INTO practice(name,phone,address1,city,state,zip) VALUES("
       "'Synthetic Family Clinic','555-0100','9 Clinic Rd','Springfield',"
       "'IL','62701')");
  exec("INSERT INTO app_user(username,display_name,role) VALUES"
       "('bea','Bea Biller','biller'),('fran','Fran Front','front_desk'),"
       "('vic','Vic Viewer','viewer')");
  int64_t a100 = patient("A100", "Alex"), a300 = patient("A300", "Sam");
  int64_t a400 = patient("A400", "Max");
  patient("A200", "Robin");
  patient("A500", "Pat");
  claim("B1", a100, "2026-10-01", 20000);
  claim("B2", a100, "2026-07-01", 10000);
  claim("S1", a300, "2026-10-01", 10000);
  claim("M1", a400, "2026-10-01", 10000);
  char *f = x835(REMIT);
  cc_remit_opts o = {.posting_date = "2026-11-20"};
  cc_remit_result r;
  CHECK_INT(cc_remit_post_835_mem(S, f, strlen(f), "b.835", &o, &r, &e), CC_OK);
  free(f);
}

static bool contains(const char *hay, const char *needle) {
  return hay && strstr(hay, needle) != NULL;
}

static void test_statement_amounts_and_aging(void) {
  CHECK_INT(balance("A100"), 15000);
  cc_billing_statement st;
  cc_billing_statement_opts o = {.date = "2026-11-26"};
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  cc_err e;
  CHECK_INT(cc_billing_statement_text(S, "A100", &o, &b, &st, &e), CC_OK);
  CHECK_INT(st.balance.cents, 15000);
  CHECK_INT(st.claims, 2);
  /* B1: 2026-10-01 to 2026-11-26 is 56 days (31-60); B2: 2026-07-01 is 148
   * days (30+31+31+30+31+25), over 120. */
  CHECK_INT(st.aging[0].cents, 0);
  CHECK_INT(st.aging[1].cents, 5000);
  CHECK_INT(st.aging[4].cents, 10000);
  /* Charges, insurance paid, adjusted, still with insurance, paid by the
   * patient, owed: 200 = 100 + 50 + 0 + 0 + 50. */
  CHECK(contains(b.p, "  Claim totals                 200.00     100.00      "
                      "50.00       0.00       0.00      50.00\n"));
  CHECK(contains(b.p, "  Claim totals                 100.00       0.00      "
                      " 0.00       0.00       0.00     100.00\n"));
  CHECK(contains(b.p, "AMOUNT DUE: $150.00\n"));
  CHECK(contains(b.p, "Payment due by: 2026-12-17\n")); /* 21 days */
  CHECK(contains(b.p, "       0.00      50.00       0.00       0.00     "
                      "100.00\n"));
  CHECK(!contains(b.p, "{{"));
  /* B2 is the older service, so it is listed first. */
  CHECK(contains(b.p, "Claim B2") && strstr(b.p, "Claim B2") <
                                          strstr(b.p, "Claim B1"));
  char pdf[256];
  snprintf(pdf, sizeof pdf, "/tmp/cc_test_billing_%d.pdf", (int)getpid());
  uint32_t pages = 0;
  CHECK_INT(cc_billing_pdf_write(b.p, "Statement", pdf, &pages, &e), CC_OK);
  CHECK_INT(pages, 1);
  FILE *f = fopen(pdf, "rb");
  char head[8] = {0};
  if (f) {
    CHECK(fread(head, 1, 5, f) == 5);
    fclose(f);
  }
  CHECK(memcmp(head, "%PDF-", 5) == 0);
  unlink(pdf);
  /* A form feed starts a second page. */
  CHECK_INT(cc_billing_pdf_write("page one\n\fpage two\n", "Two", pdf, &pages,
                                 &e), CC_OK);
  CHECK_INT(pages, 2);
  unlink(pdf);
  cc_buf_free(&b);
}

static int64_t last_id;
static void on_stmt(void *ctx, int64_t id, const char *account, cc_money due) {
  (void)ctx;
  (void)account;
  (void)due;
  last_id = id;
}

static void test_statement_cycle(void) {
  cc_err e;
  cc_billing_run_result r;
  cc_billing_statement_opts o = {.date = "2026-11-26", .user = "vic"};
  CHECK_INT(cc_billing_statement_run(S, &o, on_stmt, NULL, &r, &e),
            CC_E_DENIED);
  o.user = "bea";
  /* A100 owes 150.00: statement. A300 owes 0.50, under the 1.00 small
   * balance: written off. A400 owes 3.00, under the 5.00 minimum: held. */
  CHECK_INT(cc_billing_statement_run(S, &o, on_stmt, NULL, &r, &e), CC_OK);
  CHECK_INT(r.statements, 1);
  CHECK_INT(r.billed.cents, 15000);
  CHECK_INT(r.small_written_off, 1);
  CHECK_INT(r.written_off.cents, 50);
  CHECK_INT(r.below_minimum, 1);
  CHECK_INT(balance("A300"), 0);
  CHECK_INT(balance("A400"), 300);
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  int64_t id = 0;
  CHECK_INT(cc_billing_statement_get(S, "A100", &b, &id, &e), CC_OK);
  CHECK_INT(id, last_id);
  CHECK(contains(b.p, "AMOUNT DUE: $150.00\n"));
  cc_buf_free(&b);
  /* Ten days later: inside the 30-day cycle, no second statement. */
  o.date = "2026-12-06";
  CHECK_INT(cc_billing_statement_run(S, &o, on_stmt, NULL, &r, &e), CC_OK);
  CHECK_INT(r.statements, 0);
  CHECK_INT(r.too_recent, 1);
  books_balance();
}

static void test_payments_refund_transfer(void) {
  cc_err e;
  cc_billing_receipt r;
  CHECK_INT(cc_billing_payment_post(S, "A100", CC_MONEY(6000), "cash", NULL,
                                    "2026-11-27", "vic", &r, &e), CC_E_DENIED);
  CHECK_INT(cc_billing_payment_post(S, "A100", CC_MONEY(6000), "cash", NULL,
                                    "2026-11-27", "fran", &r, &e), CC_OK);
  /* Oldest service first: all 60.00 to B2 (100.00 -> 40.00). */
  CHECK_INT(r.applied.cents, 6000);
  CHECK_INT(r.claims, 1);
  CHECK_INT(q1("SELECT sum(amount_cents) FROM ledger_entry e JOIN claim c ON "
               "c.id=e.claim_id WHERE c.control_number='B2' AND e.payer_id IS "
               "NULL"), 4000);
  CHECK_INT(balance("A100"), 9000);
  CHECK_INT(cc_billing_payment_post(S, "A100", CC_MONEY(10000), "check", NULL,
                                    "2026-11-27", "fran", &r, &e), CC_E_USAGE);
  CHECK_INT(cc_billing_payment_post(S, "A100", CC_MONEY(10000), "check",
                                    "1234", "2026-11-27", "fran", &r, &e),
            CC_OK);
  /* 40.00 to B2, 50.00 to B1, 10.00 left as a credit. */
  CHECK_INT(r.applied.cents, 9000);
  CHECK_INT(r.claims, 2);
  CHECK_INT(r.unapplied.cents, 1000);
  CHECK_INT(r.balance.cents, -1000);
  CHECK_INT(q1("SELECT count(*) FROM patient_receipt WHERE method='check' "
               "AND reference='1234' AND amount_cents=10000"), 1);
  books_balance();
  /* Refund: more than the credit is refused; the front desk may not. */
  CHECK_INT(cc_billing_refund(S, "A100", CC_MONEY(2000), "check", "5001",
                              "2026-11-28", "bea", &r, &e), CC_E_INVALID);
  CHECK_INT(cc_billing_refund(S, "A100", CC_MONEY(0), "check", "5001",
                              "2026-11-28", "fran", &r, &e), CC_E_DENIED);
  CHECK_INT(cc_billing_refund(S, "A100", CC_MONEY(0), "check", "5001",
                              "2026-11-28", "bea", &r, &e), CC_OK);
  CHECK_INT(r.applied.cents, 1000);
  CHECK_INT(balance("A100"), 0);
  CHECK_INT(q1("SELECT amount_cents FROM ledger_entry WHERE kind='refund'"),
            1000);
  CHECK_INT(cc_billing_refund(S, "A100", CC_MONEY(0), "check", "5002",
                              "2026-11-28", "bea", &r, &e), CC_E_INVALID);
  books_balance();
  /* A200 paid 25.00 that belongs to A100: move the credit. */
  CHECK_INT(cc_billing_payment_post(S, "A200", CC_MONEY(2500), "card",
                                    "AUTH9", "2026-11-28", "fran", &r, &e),
            CC_OK);
  CHECK_INT(balance("A200"), -2500);
  CHECK_INT(cc_billing_transfer(S, "A200", "A100", CC_MONEY(3000),
                                "2026-11-28", "bea", &r, &e), CC_E_INVALID);
  CHECK_INT(cc_billing_transfer(S, "A200", "A100", CC_MONEY(2500),
                                "2026-11-28", "bea", &r, &e), CC_OK);
  CHECK_INT(balance("A200"), 0);
  CHECK_INT(balance("A100"), -2500);
  CHECK_INT(q1("SELECT sum(amount_cents) FROM ledger_entry WHERE "
               "kind='transfer' AND claim_id IS NULL"), 0);
  books_balance();
}

static void on_credit(void *ctx, const cc_ledger_payer_credit *c) {
  cc_ledger_payer_credit *out = ctx;
  *out = *c;
  out->claim = out->account = out->payer = out->service_date = NULL;
  out->claim_id = c->claim_id;
}

/* P1 (A500, 2026-10-01, 100.00): PRI01 pays 80.00 with CO-45 20.00, then
 * answers the same claim again under another claim number and pays 30.00
 * more (OA-23 70.00, which posting ignores). PRI01's entries on P1:
 * +100 - 80 - 20 - 30 = -30.00, a credit of 30.00 it is owed back. */
static void test_payer_refund(void) {
  cc_err e;
  int64_t a500 = q1("SELECT id FROM patient WHERE account_no='A500'");
  claim("P1", a500, "2026-10-01", 10000);
  static const char *const pay[2] = {
      "BPR*I*80*C*CHK************20261120\nTRN*1*TP1*1999999999\n"
      "N1*PR*PRIMARY MUTUAL\nN1*PE*CLINIC*XX*1234567893\nLX*1\n"
      "CLP*P1*1*100*80*0*12*PP1\nSVC*HC:99213*100*80\nCAS*CO*45*20\n",
      "BPR*I*30*C*CHK************20261121\nTRN*1*TP2*1999999999\n"
      "N1*PR*PRIMARY MUTUAL\nN1*PE*CLINIC*XX*1234567893\nLX*1\n"
      "CLP*P1*1*100*30*0*12*PP1B\nSVC*HC:99213*100*30\nCAS*OA*23*70\n"};
  for (int i = 0; i < 2; i++) {
    char *f = x835(pay[i]);
    cc_remit_opts o = {.posting_date = "2026-11-21"};
    cc_remit_result r;
    CHECK_INT(cc_remit_post_835_mem(S, f, strlen(f), "p.835", &o, &r, &e),
              CC_OK);
    free(f);
  }
  CHECK_INT(q1("SELECT sum(amount_cents) FROM ledger_entry e JOIN claim c ON "
               "c.id=e.claim_id WHERE c.control_number='P1' AND e.payer_id "
               "IS NOT NULL"), -3000);
  cc_ledger_payer_credit c = {0};
  CHECK_INT(cc_ledger_payer_credits(S, on_credit, &c, &e), CC_OK);
  CHECK_INT(c.credit.cents, 3000);
  CHECK_INT(c.claim_id, q1("SELECT id FROM claim WHERE control_number='P1'"));
  cc_billing_receipt r;
  /* the front desk may not; an unknown claim or payer; more than the
   * credit; a payer with no credit there; a patient's method */
  CHECK_INT(cc_billing_payer_refund(S, "P1", "PRI01", CC_MONEY(0), "eft",
                                    NULL, "2026-11-28", "fran", &r, &e),
            CC_E_DENIED);
  CHECK_INT(cc_billing_payer_refund(S, "NOPE", "PRI01", CC_MONEY(0), "eft",
                                    NULL, "2026-11-28", "bea", &r, &e),
            CC_E_NOTFOUND);
  CHECK_INT(cc_billing_payer_refund(S, "P1", "NOPE", CC_MONEY(0), "eft",
                                    NULL, "2026-11-28", "bea", &r, &e),
            CC_E_NOTFOUND);
  CHECK_INT(cc_billing_payer_refund(S, "P1", "PRI01", CC_MONEY(3001), "eft",
                                    NULL, "2026-11-28", "bea", &r, &e),
            CC_E_INVALID);
  CHECK_INT(cc_billing_payer_refund(S, "B1", "PRI01", CC_MONEY(0), "eft",
                                    NULL, "2026-11-28", "bea", &r, &e),
            CC_E_INVALID);
  CHECK_INT(cc_billing_payer_refund(S, "P1", "PRI01", CC_MONEY(0), "cash",
                                    NULL, "2026-11-28", "bea", &r, &e),
            CC_E_USAGE);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry WHERE kind='refund' AND "
               "payer_id IS NOT NULL"), 0);
  /* 10.00 now, the 20.00 left later */
  CHECK_INT(cc_billing_payer_refund(S, "P1", "PRI01", CC_MONEY(1000), "eft",
                                    "TR77", "2026-11-28", "bea", &r, &e),
            CC_OK);
  CHECK_INT(r.applied.cents, 1000);
  CHECK_INT(r.balance.cents, -2000);
  CHECK_INT(cc_billing_payer_refund(S, "P1", "PRI01", CC_MONEY(0), "check",
                                    "7001", "2026-11-28", "bea", &r, &e),
            CC_OK);
  CHECK_INT(r.applied.cents, 2000);
  CHECK_INT(r.balance.cents, 0);
  CHECK_INT(q1("SELECT sum(amount_cents) FROM ledger_entry WHERE "
               "kind='refund' AND payer_id IS NOT NULL"), 3000);
  /* who sent it, and how: a receipt per refund by the acting user */
  CHECK_INT(q1("SELECT count(*) FROM patient_receipt r JOIN app_user u ON "
               "u.id=r.user_id WHERE r.kind='refund' AND u.username='bea' AND "
               "r.patient_id=(SELECT id FROM patient WHERE account_no='A500')"
               " AND r.amount_cents IN (1000,2000)"), 2);
  /* the patient's side is untouched; no credit remains */
  CHECK_INT(balance("A500"), 0);
  c.credit.cents = 0;
  CHECK_INT(cc_ledger_payer_credits(S, on_credit, &c, &e), CC_OK);
  CHECK_INT(c.credit.cents, 0);
  CHECK_INT(cc_billing_payer_refund(S, "P1", "PRI01", CC_MONEY(0), "eft",
                                    NULL, "2026-11-28", "bea", &r, &e),
            CC_E_INVALID);
  books_balance();
}

static void test_plan(void) {
  cc_money m[3];
  CHECK_INT(cc_billing_plan_split(CC_MONEY(100000), 3, m), CC_OK);
  CHECK_INT(m[0].cents, 33334);
  CHECK_INT(m[1].cents, 33333);
  CHECK_INT(m[2].cents, 33333);
  cc_money m2[4];
  CHECK_INT(cc_billing_plan_split(CC_MONEY(1003), 4, m2), CC_OK);
  CHECK_INT(m2[0].cents + m2[1].cents + m2[2].cents + m2[3].cents, 1003);
  CHECK_INT(m2[2].cents, 251); /* 250 each, 3 cents to the first three */
  CHECK_INT(m2[3].cents, 250);
  CHECK_INT(cc_billing_plan_split(CC_MONEY(100), 0, m), CC_E_INVALID);
  cc_err e;
  int64_t id;
  CHECK_INT(cc_billing_plan_create(S, "A500", CC_MONEY(100000), 3,
                                   "2026-12-01", "2026-11-26", "vic", &id, &e),
            CC_E_DENIED);
  CHECK_INT(cc_billing_plan_create(S, "A500", CC_MONEY(100000), 3,
                                   "2026-12-01", "2026-11-26", "fran", &id, &e),
            CC_OK);
  cc_billing_receipt r;
  CHECK_INT(cc_billing_payment_post(S, "A500", CC_MONEY(33334), "cash", NULL,
                                    "2026-12-01", "fran", &r, &e), CC_OK);
  static cc_billing_plan p;
  CHECK_INT(cc_billing_plan_get(S, id, "2027-01-15", &p, &e), CC_OK);
  CHECK_INT(p.n, 3);
  CHECK_STR(p.items[0].due, "2026-12-01");
  CHECK_STR(p.items[1].due, "2027-01-01");
  CHECK_STR(p.items[2].due, "2027-02-01");
  CHECK_STR(p.items[0].state, "paid");
  CHECK_STR(p.items[1].state, "missed");
  CHECK_STR(p.items[2].state, "upcoming");
  CHECK_INT(p.missed, 1);
  CHECK_INT(p.missed_amount.cents, 33333);
  /* Due by 2027-01-15: 333.34 + 333.33 = 666.67, paid 333.34. */
  CHECK_INT(p.due_now.cents, 33333);
  CHECK_INT(p.paid.cents, 33334);
  /* Month ends: a plan starting on January 31 falls due on February 28. */
  CHECK_INT(cc_billing_plan_create(S, "A500", CC_MONEY(900), 3, "2027-01-31",
                                   "2026-11-26", "bea", &id, &e), CC_OK);
  CHECK_INT(cc_billing_plan_get(S, id, "2027-01-01", &p, &e), CC_OK);
  CHECK_STR(p.items[1].due, "2027-02-28");
  CHECK_STR(p.items[2].due, "2027-03-31");
  books_balance();
}

int main(void) {
  setup();
  RUN(test_statement_amounts_and_aging);
  RUN(test_statement_cycle);
  RUN(test_payments_refund_transfer);
  RUN(test_payer_refund);
  RUN(test_plan);
  cc_store_close(S);
  unlink(dbpath);
  TEST_MAIN_END();
}
