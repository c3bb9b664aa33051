/* test_import_837.c - cc_import_claims_mem: a claim finds the practice's own
 * patient, coverage and payer by member ID, name and payer ID; a claim that
 * cannot be placed rejects the file with every problem at its segment and
 * element (segments counted by hand in the texts below, ISA = 1); a claim
 * without DMG is still imported. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

static char dbpath[64];
static cc_store *db;
static char got[4096]; /* "FILE:SEG:ELEM: msg (R|W)\n" per note */

static void note(void *ctx, const cc_err *e, bool rejects) {
  (void)ctx;
  size_t n = strlen(got);
  snprintf(got + n, sizeof got - n, "%s:%u:%u: %s (%c)\n", e->file,
           e->seg_pos, e->elem_pos, e->msg, rejects ? 'R' : 'W');
}

static cc_code imp837(const char *name, const char *text,
                      cc_import_claims_result *r) {
  got[0] = '\0';
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_import_claims_mem(db, text, strlen(text), name, note, NULL,
                                    r, &e);
  if (rc == CC_E_DB) cc_err_print(&e, stdout);
  return rc;
}

static void open_db(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_import_837_%d.db",
           (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &db, &e) != CC_OK) {
    cc_err_print(&e, stdout);
    exit(1);
  }
}

#define ENV_HEAD                                                            \
  "ISA*00*          *00*          *ZZ*SUB            *ZZ*REC            "  \
  "*260110*0900*^*00501*000000007*0*T*:~"                                   \
  "GS*HC*SUB*REC*20260110*0900*7*X*005010X222A1~"                           \
  "ST*837*0001*005010X222A1~"                                               \
  "BHT*0019*00*B7*20260110*0900*CH~"                                        \
  "NM1*41*2*SYNTHETIC BILLING*****46*SUB~"                                  \
  "NM1*40*2*SYNTH CLEARINGHOUSE*****46*REC~"
#define BILLING                                                             \
  "HL*1**20*1~"                                                             \
  "NM1*85*2*MAPLE FAMILY CLINIC*****XX*1234567893~"                         \
  "N3*100 MAPLE AVE~N4*SPRINGFIELD*IL*62701~REF*EI*371234567~"
#define ENV_TAIL "SE*22*0001~GE*1*7~IEA*1*000000007~"

/* Segments: 1 ISA, 2 GS, 3 ST, 4 BHT, 5-6 NM1, 7 HL, 8 NM1*85, 9 N3,
 * 10 N4, 11 REF, 12 HL, 13 SBR, 14 NM1*IL, 15 N3, 16 N4, 17 DMG,
 * 18 NM1*PR, 19 CLM, 20 HI, 21 LX, 22 SV1, 23 DTP. */
static const char jane_837[] =
    ENV_HEAD BILLING
    "HL*2*1*22*0~SBR*P*18*G1******CI~"
    "NM1*IL*1*DOE*JANE****MI*M123~N3*1 MAIN ST~N4*SPRINGFIELD*IL*62701~"
    "DMG*D8*19900101*F~NM1*PR*2*ACME HEALTH*****PI*ACME1~"
    "CLM*U1*120***11:B:1*Y*A*Y*Y~HI*ABK:I10~LX*1~"
    "SV1*HC:99213*120*UN*1***1~DTP*472*D8*20260105~" ENV_TAIL;

static int find_row(void *ctx, const cc_claims_row *row) {
  *(cc_claims_row *)ctx = *row;
  return 0;
}

/* The practice already has Jane (account P100), her coverage and the
 * payer from its CSV imports: the claim uses them. */
static void test_matches_practice_records(void) {
  cc_import_result ir;
  cc_err e;
  static const char payers[] =
      "payer_id,name,filing_indicator\nACME1,Acme Health Plan,CI\n";
  static const char patients[] =
      "account_no,last_name,first_name,birth_date,sex\n"
      "P100,Doe,Jane,1990-01-01,F\n";
  static const char coverages[] =
      "patient,payer_id,priority,member_id,effective_date\n"
      "P100,ACME1,primary,M123,2025-01-01\n";
  CHECK_INT(cc_import_mem(db, CC_IMPORT_PAYERS, payers, strlen(payers),
                          "y.csv", CC_IMPORT_AUTO, NULL, NULL, &ir, &e), CC_OK);
  CHECK_INT(cc_import_mem(db, CC_IMPORT_PATIENTS, patients, strlen(patients),
                          "p.csv", CC_IMPORT_AUTO, NULL, NULL, &ir, &e), CC_OK);
  CHECK_INT(cc_import_mem(db, CC_IMPORT_COVERAGES, coverages,
                          strlen(coverages), "c.csv", CC_IMPORT_AUTO, NULL,
                          NULL, &ir, &e), CC_OK);

  cc_import_claims_result r;
  CHECK_INT(imp837("jane.837", jane_837, &r), CC_OK);
  CHECK_STR(got, "");
  CHECK_STR(r.form, "837P");
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.imported, 1);
  CHECK_INT(r.patients_created, 0);
  CHECK_INT(r.patients_matched, 1); /* DOE JANE = Doe Jane, same DOB */
  CHECK_INT(r.coverages_matched, 1);
  CHECK_INT(r.coverages_created, 0);
  CHECK_INT(r.payers_matched, 1);
  CHECK_INT(r.providers_created, 1);
  CHECK_INT(r.encounters, 1);
  CHECK_INT(r.lines, 1);
  CHECK_INT(cc_store_count(db, "patient"), 1);
  CHECK_INT(cc_store_count(db, "coverage"), 1);
  CHECK_INT(cc_store_count(db, "charge_line"), 1);

  cc_claims_row row;
  memset(&row, 0, sizeof row);
  CHECK_INT(cc_claims_list(db, NULL, find_row, &row, &e), CC_OK);
  CHECK_STR(row.pcn, "U1");
  CHECK_STR(row.patient_account, "P100");
  CHECK_STR(row.status, "built");
  CHECK_INT(row.total.cents, 12000);
  /* The practice's name for the payer stays. */
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  CHECK_INT(cc_store_payer_json(db, "ACME1", &b, &e), CC_OK);
  CHECK(b.p && strstr(b.p, "\"Acme Health Plan\""));
  cc_buf_free(&b);

  /* The claim's charge line is the encounter's. */
  cc_arena *a = cc_arena_new(0);
  cc_claim *c = NULL;
  CHECK_INT(cc_claims_load(db, row.id, a, &c, &e), CC_OK);
  if (c) {
    CHECK(c->encounter_id > 0);
    CHECK_INT(c->n_lines, 1);
    if (c->n_lines) CHECK(c->lines[0].charge_line_id > 0);
    CHECK_STR(c->billing.id, "1234567893");
  }
  cc_arena_free(a);

  /* Again: skipped, reported at the CLM (segment 19). */
  CHECK_INT(imp837("jane.837", jane_837, &r), CC_OK);
  CHECK_STR(got, "jane.837:19:1: claim already imported, skipped (W)\n");
  CHECK_INT(r.imported, 0);
  CHECK_INT(r.skipped, 1);
  CHECK_INT(cc_store_count(db, "claim"), 1);
  CHECK_INT(cc_store_count(db, "encounter"), 1);
}

/* Segments 12-23 as in jane_837, then a second billing provider without
 * NPI: 24 HL, 25 NM1*85, 26 N3, 27 N4, 28 HL, 29 SBR, 30 NM1*IL (no
 * member ID), 31 DMG, 32 NM1*PR (no payer ID), 33 CLM, 34 HI, 35 LX,
 * 36 SV1 (no code), 37 DTP. */
static const char bad_837[] =
    ENV_HEAD BILLING
    "HL*2*1*22*0~SBR*P*18*G1******CI~"
    "NM1*IL*1*ROE*RICK****MI*M777~N3*2 MAIN ST~N4*SPRINGFIELD*IL*62701~"
    "DMG*D8*19850505*M~NM1*PR*2*ACME HEALTH*****PI*ACME1~"
    "CLM*G2*50***11:B:1*Y*A*Y*Y~HI*ABK:I10~LX*1~"
    "SV1*HC:99212*50*UN*1***1~DTP*472*D8*20260106~"
    "HL*3**20*1~NM1*85*2*NO NUMBER CLINIC~N3*3 MAIN ST~"
    "N4*SPRINGFIELD*IL*62701~HL*4*3*22*0~SBR*P*18*G1******CI~"
    "NM1*IL*1*ROE*RUTH~DMG*D8*19860606*F~NM1*PR*2*SOME PAYER~"
    "CLM*B2*50***11:B:1*Y*A*Y*Y~HI*ABK:I10~LX*1~SV1*HC*50*UN*1***1~"
    "DTP*472*D8*20260106~SE*36*0001~GE*1*7~IEA*1*000000007~";

static void test_rejects_whole_file(void) {
  int64_t claims = cc_store_count(db, "claim"),
          patients = cc_store_count(db, "patient"),
          payers = cc_store_count(db, "payer");
  cc_import_claims_result r;
  CHECK_INT(imp837("bad.837", bad_837, &r), CC_E_INVALID);
  CHECK_STR(got,
            "bad.837:32:9: no payer ID (2010BB NM109) (R)\n"
            "bad.837:30:9: no subscriber member ID (2010BA NM109) (R)\n"
            "bad.837:25:9: no billing provider NPI (2010AA NM109) (R)\n"
            "bad.837:36:1: service line has no procedure or revenue code (R)\n");
  CHECK_INT(r.claims, 2);
  CHECK_INT(r.errors, 4);
  CHECK_INT(r.imported, 0);
  CHECK_INT(r.patients_created, 0); /* G2's patient was rolled back */
  CHECK_INT(cc_store_count(db, "claim"), claims);
  CHECK_INT(cc_store_count(db, "patient"), patients);
  CHECK_INT(cc_store_count(db, "payer"), payers);

  CHECK_INT(imp837("hello.txt", "hello, world\n", &r), CC_E_SYNTAX);
  CHECK_INT(r.errors, 1);
  CHECK_INT(r.claims, 0);
  CHECK_INT(cc_store_count(db, "claim"), claims);
}

/* A subscriber without DMG: imported; the scrubber reports the gap. */
static void test_no_dmg_still_imported(void) {
  static const char text[] =
      ENV_HEAD BILLING
      "HL*2*1*22*0~SBR*P*18*G1******CI~"
      "NM1*IL*1*POE*PAT****MI*M900~N3*4 MAIN ST~N4*SPRINGFIELD*IL*62701~"
      "NM1*PR*2*ACME HEALTH*****PI*ACME1~"
      "CLM*N3*40***11:B:1*Y*A*Y*Y~HI*ABK:I10~LX*1~"
      "SV1*HC:99211*40*UN*1***1~DTP*472*D8*20260107~"
      "SE*21*0001~GE*1*7~IEA*1*000000007~";
  cc_import_claims_result r;
  CHECK_INT(imp837("nodmg.837", text, &r), CC_OK);
  CHECK_INT(r.imported, 1);
  CHECK_INT(r.patients_created, 1);
  CHECK_INT(r.coverages_created, 1);
  CHECK_INT(r.with_problems, 1);
  cc_claims_row row;
  cc_err e;
  CHECK_INT(cc_claims_list(db, NULL, find_row, &row, &e), CC_OK);
  CHECK_STR(row.pcn, "N3");
  cc_arena *a = cc_arena_new(0);
  cc_claim *c = NULL;
  CHECK_INT(cc_claims_load(db, row.id, a, &c, &e), CC_OK);
  if (c) {
    CHECK_STR(c->subscriber.name.last, "POE");
    CHECK_STR(c->subscriber.name.id, "M900");
    CHECK_INT(c->subscriber.birth_date, 0); /* unknown stays unknown */
  }
  cc_arena_free(a);
}

/* Segments: 1-20 as jane_837 above (13 SBR*P, 14 NM1*IL, 18 NM1*PR,
 * 19 CLM, 20 HI), then 21 SBR*S, 22 OI, 23 NM1*IL, 24 NM1*PR, 25 SBR*T,
 * 26 OI, 27 NM1*IL, 28 NM1*PR, 29 LX, 30 SV1, 31 DTP, 32 SE. Rita's
 * primary payer is ZETA1; her husband Sam's plan BETA1 (SBR02 01 spouse,
 * group GRP2) is secondary and her own GAMMA1 (SBR02 18) tertiary. */
#define COB_HEAD                                                            \
  ENV_HEAD BILLING                                                          \
  "HL*2*1*22*0~SBR*P*18*G1******CI~"                                        \
  "NM1*IL*1*ROE*RITA****MI*R123~N3*2 ELM ST~N4*SPRINGFIELD*IL*62701~"       \
  "DMG*D8*19800202*F~NM1*PR*2*ZETA HEALTH*****PI*ZETA1~"                    \
  "CLM*COB1*90***11:B:1*Y*A*Y*Y~HI*ABK:I10~"                                \
  "SBR*S*01*GRP2*BETA PLAN*****CI~OI***Y***Y~"                              \
  "NM1*IL*1*ROE*SAM****MI*B777~NM1*PR*2*BETA INSURANCE*****PI*BETA1~"       \
  "SBR*T*18*G3******MC~OI***Y***Y~NM1*IL*1*ROE*RITA****MI*C888~"
#define COB_TAIL                                                            \
  "LX*1~SV1*HC:99213*90*UN*1***1~DTP*472*D8*20260105~"                      \
  "SE*30*0001~GE*1*7~IEA*1*000000007~"
static const char cob_837[] =
    COB_HEAD "NM1*PR*2*GAMMA MEDICAID*****PI*GAMMA1~" COB_TAIL;
static const char cob_bad_837[] =
    COB_HEAD "NM1*PR*2*GAMMA MEDICAID~" COB_TAIL;

static bool has(const char *hay, const char *needle) {
  bool ok = hay && strstr(hay, needle);
  if (!ok) printf("# missing: %s\n", needle);
  return ok;
}

/* Every 2320 loop becomes a coverage with its payer: found or created by
 * 2330B NM109, priority from SBR01, member ID from 2330A NM109. */
static void test_other_payers_become_coverages(void) {
  cc_import_claims_result r;
  int64_t covs = cc_store_count(db, "coverage"),
          payers = cc_store_count(db, "payer"),
          claims = cc_store_count(db, "claim");
  /* A 2330B without its payer ID rejects the file, nothing is kept. */
  CHECK_INT(imp837("cob.837", cob_bad_837, &r), CC_E_INVALID);
  CHECK(has(got, "cob.837:28:9: no other payer ID (2330B NM109) (R)\n"));
  CHECK_INT(r.errors, 1);
  CHECK_INT(cc_store_count(db, "coverage"), covs);
  CHECK_INT(cc_store_count(db, "payer"), payers);
  CHECK_INT(cc_store_count(db, "claim"), claims);

  CHECK_INT(imp837("cob.837", cob_837, &r), CC_OK);
  CHECK_INT(r.imported, 1);
  CHECK_INT(r.payers_created, 3);    /* ZETA1, BETA1, GAMMA1 */
  CHECK_INT(r.coverages_created, 3); /* one per payer */
  CHECK_INT(cc_store_count(db, "coverage"), covs + 3);
  CHECK_INT(cc_store_count(db, "payer"), payers + 3);
  cc_buf b;
  cc_err e;
  cc_buf_init(&b, 1 << 20);
  /* Jane is P100 and Pat 837-000002 from the tests above. */
  CHECK_INT(cc_store_patient_json(db, "837-000003", &b, &e), CC_OK);
  CHECK(has(b.p, "\"priority\":\"primary\",\"payer_id\":\"ZETA1\""));
  CHECK(has(b.p, "\"priority\":\"secondary\",\"payer_id\":\"BETA1\","
                 "\"payer_name\":\"BETA INSURANCE\",\"member_id\":\"B777\","
                 "\"group_number\":\"GRP2\",\"plan_name\":\"BETA PLAN\","
                 "\"relationship\":\"spouse\",\"subscriber_last_name\":"
                 "\"ROE\",\"subscriber_first_name\":\"SAM\","
                 "\"effective_date\":\"2026-01-05\""));
  CHECK(has(b.p, "\"priority\":\"tertiary\",\"payer_id\":\"GAMMA1\","
                 "\"payer_name\":\"GAMMA MEDICAID\",\"member_id\":\"C888\","
                 "\"group_number\":\"G3\",\"plan_name\":null,"
                 "\"relationship\":\"self\""));
  cc_buf_free(&b);
  cc_buf_init(&b, 1 << 20);
  CHECK_INT(cc_store_payer_json(db, "GAMMA1", &b, &e), CC_OK);
  CHECK(has(b.p, "\"MC\"")); /* SBR09 of its 2320 */
  cc_buf_free(&b);

  /* The same file again changes nothing. */
  CHECK_INT(imp837("cob.837", cob_837, &r), CC_OK);
  CHECK_INT(r.skipped, 1);
  CHECK_INT(r.coverages_created, 0);
  CHECK_INT(r.payers_created, 0);
  CHECK_INT(cc_store_count(db, "coverage"), covs + 3);
  CHECK_INT(cc_store_count(db, "payer"), payers + 3);
}

int main(void) {
  open_db();
  RUN(test_matches_practice_records);
  RUN(test_rejects_whole_file);
  RUN(test_no_dmg_still_imported);
  RUN(test_other_payers_become_coverages);
  cc_store_close(db);
  unlink(dbpath);
  TEST_MAIN_END();
}
