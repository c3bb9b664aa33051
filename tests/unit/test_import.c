/* test_import.c - imports: each kind of bad row reported with its exact
 * FILE:ROW:COLUMN (rows counted by hand from the inputs below, the header
 * being row 1), and a file with one bad row leaving the database as it was. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

static char dbpath[64];
static cc_store *db;
static char got[4096]; /* "FILE:ROW:COLUMN: msg\n" per error */

static void collect(void *ctx, const cc_err *e) {
  (void)ctx;
  size_t n = strlen(got);
  snprintf(got + n, sizeof got - n, "%s:%u:%s: %s\n", e->file, e->line,
           e->field, e->msg);
}

static cc_code imp(cc_import_kind k, const char *name, const char *text,
                   cc_import_result *res) {
  got[0] = '\0';
  cc_err e;
  cc_err_clear(&e);
  return cc_import_mem(db, k, text, strlen(text), name, CC_IMPORT_AUTO,
                       collect, NULL, res, &e);
}

static void open_db(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_import_%d.db", (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &db, &e) != CC_OK) {
    cc_err_print(&e, stdout);
    exit(1);
  }
}

static void test_patient_errors(void) {
  cc_import_result r;
  cc_code rc = imp(CC_IMPORT_PATIENTS, "p.csv",
                   "account_no,last_name,first_name,birth_date,sex,zip\n"
                   "P1,Good,Row,1990-01-01,F,62701\n"
                   "P2,,Missing,1990-01-01,M,62701\n"
                   "P3,Bad,Date,1990-02-30,F,62701\n"
                   "P4,Bad,Sex,1990-01-01,X,627\n"
                   "P5,Future,Born,2030-01-01,F,\n", &r);
  CHECK_INT(rc, CC_E_INVALID);
  CHECK_STR(got, "p.csv:3:last_name: is required\n"
                 "p.csv:4:birth_date: not a date\n"
                 "p.csv:5:sex: not an accepted value\n"
                 "p.csv:5:zip: not a ZIP code\n"
                 "p.csv:6:birth_date: in the future\n");
  CHECK_INT(r.rows, 5);
  CHECK_INT(r.bad_rows, 4);
  CHECK_INT(r.errors, 5);
  CHECK_INT(cc_store_count(db, "patient"), 0); /* P1 was good but not kept */
}

static void test_csv_structure_errors(void) {
  cc_import_result r;
  CHECK_INT(imp(CC_IMPORT_PATIENTS, "h.csv",
                "account_no,last_nme,first_name\nP1,A,B\n", &r),
            CC_E_INVALID);
  CHECK_STR(got, "h.csv:1:last_nme: unknown column\n");
  CHECK_INT(imp(CC_IMPORT_PATIENTS, "f.csv",
                "account_no,last_name,first_name,birth_date,sex\n"
                "P1,A,B,2000-01-01\n", &r),
            CC_E_INVALID);
  CHECK_STR(got, "f.csv:2:: wrong number of fields\n");
  CHECK_INT(imp(CC_IMPORT_PATIENTS, "q.csv",
                "account_no,last_name\n\"P1,A\n", &r), CC_E_SYNTAX);
  CHECK_STR(got, "q.csv:2:: unterminated quoted field\n");
}

static void test_atomic(void) {
  cc_import_result r;
  CHECK_INT(imp(CC_IMPORT_PATIENTS, "ok.csv",
                "account_no,last_name,first_name,birth_date,sex\n"
                "K1,Before,Kay,1970-05-05,F\n", &r), CC_OK);
  CHECK_INT(r.created, 1);
  cc_buf before, after;
  cc_buf_init(&before, 1 << 20);
  cc_buf_init(&after, 1 << 20);
  cc_err e;
  CHECK_INT(cc_store_patient_json(db, "K1", &before, &e), CC_OK);
  /* An update of K1, a new K2, and one bad row: nothing may change. */
  CHECK_INT(imp(CC_IMPORT_PATIENTS, "mix.csv",
                "account_no,last_name,first_name,birth_date,sex\n"
                "K1,After,Kay,1970-05-05,F\n"
                "K2,New,Person,1971-01-01,M\n"
                "K3,Bad,Row,1971-13-01,M\n", &r), CC_E_INVALID);
  CHECK_STR(got, "mix.csv:4:birth_date: not a date\n");
  CHECK_INT(r.created, 0);
  CHECK_INT(cc_store_count(db, "patient"), 1);
  CHECK_INT(cc_store_patient_json(db, "K1", &after, &e), CC_OK);
  CHECK(before.p && after.p && strcmp(before.p, after.p) == 0);
  CHECK(strstr(after.p ? after.p : "", "\"Before\"") != NULL);
  /* The same file without the bad row goes in: one update, one new. */
  CHECK_INT(imp(CC_IMPORT_PATIENTS, "mix2.csv",
                "account_no,last_name,first_name,birth_date,sex\n"
                "K1,After,Kay,1970-05-05,F\n"
                "K2,New,Person,1971-01-01,M\n", &r), CC_OK);
  CHECK_INT(r.created, 1);
  CHECK_INT(r.updated, 1);
  cc_buf_free(&before);
  cc_buf_free(&after);
}

static void test_provider_npi(void) {
  cc_import_result r;
  CHECK_INT(imp(CC_IMPORT_PROVIDERS, "pr.csv",
                "npi,last_name,first_name,taxonomy\n"
                "1234567893,Doc,Ann,207Q00000X\n"
                "1234567890,Doc,Bob,207Q00000X\n"
                "123456789,Doc,Cy,207Q0000\n", &r), CC_E_INVALID);
  CHECK_STR(got, "pr.csv:3:npi: NPI check digit is wrong\n"
                 "pr.csv:4:npi: not an NPI\n"
                 "pr.csv:4:taxonomy: not a taxonomy code\n");
  CHECK_INT(imp(CC_IMPORT_PROVIDERS, "pr.csv",
                "npi,last_name,first_name\n1234567893,Doc,Ann\n", &r), CC_OK);
}

static void test_payer_json(void) {
  cc_import_result r;
  CHECK_INT(imp(CC_IMPORT_PAYERS, "py.json",
                "[{\"payer_id\":\"X1\",\"name\":\"X\",\"filing_indicator\":\"CI\","
                "\"rules\":{\"fee_schedule\":[{\"code\":\"99213\",\"allowed\":100,"
                "\"effective_date\":\"2026-01-01\"},{\"code\":\"99214\","
                "\"allowed\":\"1.234\",\"effective_date\":\"2026-01-01\"}]}},\n"
                " {\"payer_id\":\"X2\",\"nmae\":\"Y\"},\n"
                " {\"payer_id\":\"X3\",\"name\":\"Z\",\"filing_indicator\":\"QQ\","
                "\"timely_filing_days\":90,\"rules\":{\"timely_filing_days\":90}}]",
                &r), CC_E_INVALID);
  CHECK_STR(got, "py.json:1:rules.fee_schedule[2].allowed: not an amount\n"
                 "py.json:2:nmae: unknown column\n"
                 "py.json:3:filing_indicator: not an accepted value\n"
                 "py.json:3:timely_filing_days: given twice\n");
  /* JSON syntax errors carry line and column: line 2 col 3 is the 'x'. */
  CHECK_INT(imp(CC_IMPORT_PAYERS, "bad.json", "[\n  x]", &r), CC_E_SYNTAX);
  CHECK_STR(got, "bad.json:2:: invalid JSON\n");
  /* A good payer: 8500 cents as a number, $90.10 as a string. */
  CHECK_INT(imp(CC_IMPORT_PAYERS, "py.json",
                "[{\"payer_id\":\"X1\",\"name\":\"X\",\"filing_indicator\":\"CI\","
                "\"rules\":{\"timely_filing_days\":90,\"prior_auth_codes\":"
                "[\"70551\"],\"fee_schedule\":[{\"code\":\"99213\",\"allowed\":"
                "8500,\"effective_date\":\"2026-01-01\"},{\"code\":\"99214\","
                "\"allowed\":\"90.10\",\"effective_date\":\"2026-01-01\"}]}}]",
                &r), CC_OK);
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  cc_err e;
  CHECK_INT(cc_store_payer_json(db, "X1", &b, &e), CC_OK);
  CHECK(b.p && strstr(b.p, "\"allowed_cents\":8500") != NULL);
  CHECK(b.p && strstr(b.p, "\"allowed_cents\":9010") != NULL);
  CHECK(b.p && strstr(b.p, "\"timely_filing_days\":90") != NULL);
  CHECK_INT(cc_store_count(db, "fee_schedule"), 2);
  cc_buf_free(&b);
}

static void test_references_and_encounters(void) {
  cc_import_result r;
  /* K1 exists (test_atomic), payer X1 (test_payer_json), NPI 1234567893. */
  CHECK_INT(imp(CC_IMPORT_COVERAGES, "cv.csv",
                "patient,payer_id,priority,member_id,effective_date,"
                "termination_date,relationship\n"
                "K1,X1,primary,M1,2026-01-01,,\n"
                "K9,X1,primary,M2,2026-01-01,,\n"
                "K1,ZZ,4th,M3,2026-01-01,2025-01-01,spouse\n", &r),
            CC_E_INVALID);
  CHECK_STR(got, "cv.csv:3:patient: not found\n"
                 "cv.csv:4:payer_id: not found\n"
                 "cv.csv:4:priority: not an accepted value\n"
                 "cv.csv:4:subscriber_last_name: is required\n"
                 "cv.csv:4:subscriber_first_name: is required\n"
                 "cv.csv:4:termination_date: ends before it starts\n");
  CHECK_INT(cc_store_count(db, "coverage"), 0);
  CHECK_INT(imp(CC_IMPORT_ENCOUNTERS, "en.csv",
                "encounter_id,patient,service_date,place_of_service,"
                "rendering_npi,diagnoses,code,modifiers,units,charge,"
                "dx_pointers\n"
                "E1,K1,2026-03-02,11,1234567893,E11.9;I10,99213,25,1,125.00,1:2\n"
                "E1,,,,,,97110,GP,2,80.50,3\n"
                "E2,K1,2026-03-03,1,,J06.9,9921,,0,12.345,1\n", &r),
            CC_E_INVALID);
  CHECK_STR(got, "en.csv:3:dx_pointers: points at no diagnosis\n"
                 "en.csv:4:place_of_service: not a place of service code\n"
                 "en.csv:4:code: not a procedure code\n"
                 "en.csv:4:units: not a number of units\n"
                 "en.csv:4:charge: not an amount\n");
  CHECK_INT(imp(CC_IMPORT_ENCOUNTERS, "en.json",
                "[{\"encounter_id\":\"E5\",\"patient\":\"K1\",\"service_date\":"
                "\"2026-03-02\",\"place_of_service\":\"11\",\"diagnoses\":"
                "[\"E11.9\"],\"lines\":[{\"code\":\"99213\",\"charge\":12500},"
                "{\"code\":\"97110\",\"charge\":-5}]}]", &r), CC_E_INVALID);
  CHECK_STR(got, "en.json:1:lines[2].charge: negative amount\n");
  CHECK_INT(imp(CC_IMPORT_ENCOUNTERS, "en.csv",
                "encounter_id,patient,service_date,place_of_service,"
                "rendering_npi,diagnoses,code,modifiers,units,charge,"
                "dx_pointers\n"
                "E1,K1,2026-03-02,11,1234567893,E11.9;I10,99213,25,1,125.00,1:2\n"
                "E1,,,,,,97110,GP,1.5,80.50,2\n", &r), CC_OK);
  CHECK_INT(r.created, 1);
  CHECK_INT(cc_store_count(db, "charge_line"), 2);
  CHECK_INT(cc_store_count(db, "encounter_diagnosis"), 2);
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  cc_err e;
  CHECK_INT(cc_store_patient_json(db, "K1", &b, &e), CC_OK);
  /* 125.00 + 80.50 */
  CHECK(b.p && strstr(b.p, "\"charge_cents\":20550") != NULL);
  cc_buf_free(&b);
}

int main(void) {
  open_db();
  RUN(test_patient_errors);
  RUN(test_csv_structure_errors);
  RUN(test_atomic);
  RUN(test_provider_npi);
  RUN(test_payer_json);
  RUN(test_references_and_encounters);
  cc_store_close(db);
  char p[80];
  unlink(dbpath);
  snprintf(p, sizeof p, "%s-wal", dbpath); unlink(p);
  snprintf(p, sizeof p, "%s-shm", dbpath); unlink(p);
  TEST_MAIN_END();
}
