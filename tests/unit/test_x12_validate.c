/* test_x12_validate.c - the validator on hand-made broken fixtures
 * (tests/x12/reject: each .expect names the 999/TA1 code, file segment and
 * element worked out by hand), on the shared samples whose README names a
 * defect, and on hand-balanced 835/837 amounts (SNIP 3) and TR3 situational
 * rules (SNIP 4). */
#include <dirent.h>
#include <stdlib.h>

#include "cleanclaim/x12.h"
#include "test.h"
#include "test_findings.h"

static int validate_path(const char *path, got *g) {
  memset(g, 0, sizeof *g);
  size_t n;
  char *p = t_slurp(path, &n);
  if (!p) return -1;
  cc_x12_summary sum;
  cc_err e;
  cc_code rc = cc_x12_validate_mem(p, n, path, keep, g, &sum, &e);
  free(p);
  return rc;
}

static int validate_str(const char *s, got *g) {
  memset(g, 0, sizeof *g);
  cc_x12_summary sum;
  cc_err e;
  return cc_x12_validate_mem(s, strlen(s), "mem", keep, g, &sum, &e);
}

/* A finding with this code at this file segment and element? */
static const cc_x12_finding *find(const got *g, const char *code,
                                  unsigned seg, unsigned elem) {
  for (int i = 0; i < g->n; i++)
    if (!strcmp(g->f[i].ack_code, code) && g->f[i].where.seg_pos == seg &&
        g->f[i].where.elem_pos == elem)
      return &g->f[i];
  return NULL;
}

static const cc_x12_finding *find_snip(const got *g, unsigned snip,
                                       unsigned seg, unsigned elem) {
  for (int i = 0; i < g->n; i++)
    if (g->f[i].snip == snip && g->f[i].where.seg_pos == seg &&
        g->f[i].where.elem_pos == elem)
      return &g->f[i];
  return NULL;
}

static void dump(const got *g) {
  for (int i = 0; i < g->n; i++) {
    cc_x12_finding f = g->f[i];
    f.where.file = NULL; /* the name buffer may be gone */
    printf("# ");
    cc_x12_finding_print(&f, false, stdout);
  }
}

static void test_reject_fixtures(void) {
  const char *dir = "tests/x12/reject";
  DIR *d = opendir(dir);
  CHECK(d != NULL);
  if (!d) return;
  int cases = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    size_t l = strlen(de->d_name);
    if (l < 8 || strcmp(de->d_name + l - 7, ".expect")) continue;
    char ep[512], xp[512];
    snprintf(ep, sizeof ep, "%s/%s", dir, de->d_name);
    snprintf(xp, sizeof xp, "%s/%.*s.edi", dir, (int)(l - 7), de->d_name);
    FILE *f = fopen(ep, "r");
    char line[256], code[8] = "";
    unsigned seg = 0, elem = 0;
    while (f && fgets(line, sizeof line, f))
      if (line[0] != '#' && sscanf(line, "%7s %u %u", code, &seg, &elem) == 3)
        break;
    if (f) fclose(f);
    got g;
    CHECK_INT(validate_path(xp, &g), CC_OK);
    const cc_x12_finding *hit = find(&g, code, seg, elem);
    T_REPORT(hit != NULL, "%s: no finding with code %s at segment %u element %u",
             xp, code, seg, elem);
    if (!hit) dump(&g);
    CHECK(g.errors > 0);
    cases++;
  }
  closedir(d);
  CHECK(cases >= 9);
}

static void test_accept_fixtures(void) {
  got g;
  /* BOM, CRLF and indentation around an otherwise clean 837P. */
  CHECK_INT(validate_path("tests/x12/accept/bom-crlf-indent.edi", &g), CC_OK);
  CHECK_INT(g.errors, 0);
  if (g.errors) dump(&g);
}

static void sample(const char *rel, got *g) {
  char p[1024];
  snprintf(p, sizeof p, "%s/x12/%s", t_shared(), rel);
  CHECK_INT(validate_path(p, g), CC_OK);
}

/* Defects the shared README names, positions counted by hand. */
static void test_shared_defects(void) {
  got g;
  /* SE01 count wrong: SE is file segment 36 (ST at 3 + 33). */
  sample("837P/imsweb__x12_valid.txt", &g);
  CHECK(find(&g, "4", 36, 1) != NULL);
  /* GE01 says 1 with 2 sets: GE is the second-last segment. */
  sample("837P/imsweb__x12_multiple_st.txt", &g);
  CHECK(find(&g, "5", 71, 1) != NULL);
  /* IEA01 says 1 with 3 groups. */
  sample("837P/imsweb__x12_multiple_gs.txt", &g);
  CHECK(find(&g, "021", 110, 1) != NULL);
  /* A garbled segment id at file segment 6 (where PER belongs). */
  sample("837P/imsweb__x12_bad_segment_identifier.txt", &g);
  CHECK(find(&g, "1", 6, 0) != NULL);
  /* NM102 missing in the receiver NM1 (file segment 7). */
  sample("837P/imsweb__x12_missing_elements.txt", &g);
  CHECK(find(&g, "1", 7, 2) != NULL);
  /* BHT01 9999 (segment 4) is no hierarchical structure code. */
  sample("277CA/oopfactory__277_Deidentified_from_nth.txt", &g);
  CHECK(find(&g, "7", 4, 1) != NULL);
  /* BPR16 20002316: month 23. */
  sample("835/lfh__managed-care.835", &g);
  CHECK(find(&g, "8", 4, 16) != NULL);
  /* IEA02 000000001 vs ISA13 000000286; GS05 102497 is no time. */
  sample("999/imsweb__x12_999_accepted.txt", &g);
  CHECK(find(&g, "001", 10, 2) != NULL);
  CHECK(find(&g, "9", 2, 5) != NULL);
}

static void test_shared_clean(void) {
  static const char *const clean[] = {
      "837P/stupidedi__commercial-health-insurance.edi",
      "837I/stupidedi__837-institutional-claim.edi",
      "835/stupidedi__dollars-and-data-sent-separate.edi",
      "835/stupidedi__multiple-claims-single-check.edi",
      "270/stupidedi__generic-request-by-clinic-for-patient--subscriber--eligibility.edi",
      "276/stupidedi__claim-request.edi",
      "277/stupidedi__claim-response.edi",
  };
  for (size_t i = 0; i < sizeof clean / sizeof *clean; i++) {
    got g;
    sample(clean[i], &g);
    T_REPORT(g.errors == 0, "%s: %d errors", clean[i], g.errors);
    if (g.errors) dump(&g);
  }
}

/* The stupidedi 835 "dollars and data sent separately", hand-balanced:
 * BPR02 945 = 450 + 495; claim 1: 800 - 450 = 350 = CAS 50 + line CAS 300;
 * line: 800 - 500 = 300. */
static const char *const e835 =
    "ISA*00*          *00*          *ZZ*123456789012345*ZZ*123456789012346*080503*1705*>*00501*000010216*0*T*:~"
    "GS*HP*1234567890*1234567981*20080503*1705*20213*X*005010X221A1~"
    "ST*835*112233~"
    "BPR*I*%s*C*ACH*CCP*01*888999777*DA*24681012*1935665544**01*111333555*DA*144444*20020316~"
    "TRN*1*71700666555*1935665544~DTM*405*20020314~N1*PR*RUSHMORE LIFE~"
    "N3*10 SOUTH AVENUE~N4*RAPID CITY*SD*55111~PER*BL*JOHN WAYNE*TE*8005551212*EX*123~"
    "N1*PE*ACME MEDICAL CENTER*XX*5544667733~REF*TJ*777667755~LX*1~"
    "CLP*5554555444*1*800*450*300*12*94060555410000~CAS*CO*A2*50~"
    "NM1*QC*1*BUDD*WILLIAM****MI*33344555510~SVC*HC:99211*800*%s~"
    "DTM*150*20020301~DTM*151*20020304~CAS*PR*1*300~"
    "CLP*8765432112*1*1200*495*600*12*9407779923000~CAS*CO*A2*55~"
    "NM1*QC*1*SETTLE*SUSAN****MI*44455666610~SVC*HC:93555*1200*550~"
    "DTM*150*20020310~DTM*151*20020312~CAS*PR*1*600~CAS*CO*45*50~"
    "SE*27*112233~GE*1*20213~IEA*1*000010216~";

static void test_balance_835(void) {
  char buf[4096];
  got g;
  snprintf(buf, sizeof buf, e835, "945", "500");
  CHECK_INT(validate_str(buf, &g), CC_OK);
  CHECK_INT(g.errors, 0);
  if (g.errors) dump(&g);
  /* BPR02 950 but the claims paid 945: finding on BPR (segment 4). */
  snprintf(buf, sizeof buf, e835, "950", "500");
  validate_str(buf, &g);
  CHECK(find_snip(&g, 3, 4, 2) != NULL);
  CHECK_INT(g.errors, 1);
  /* SVC03 400: 800 - 400 = 400 but the line's CAS is 300 (SVC at 17). */
  snprintf(buf, sizeof buf, e835, "945", "400");
  validate_str(buf, &g);
  CHECK(find_snip(&g, 3, 17, 3) != NULL);
  CHECK_INT(g.errors, 1);
}

static char *commercial(void) {
  char p[1024];
  snprintf(p, sizeof p, "%s/x12/837P/stupidedi__commercial-health-insurance.edi",
           t_shared());
  size_t n;
  char *s = t_slurp(p, &n);
  if (s) s[n] = '\0';
  return s;
}

static char *replace(const char *s, const char *from, const char *to) {
  const char *at = strstr(s, from);
  if (!at) return NULL;
  size_t n = strlen(s) + strlen(to) + 1;
  char *r = malloc(n);
  snprintf(r, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
  return r;
}

static void test_balance_837(void) {
  char *s = commercial();
  CHECK(s != NULL);
  if (!s) return;
  /* CLM02 100 = 40 + 15 + 35 + 10; make it 110: finding on CLM (29). */
  char *b = replace(s, "CLM*26463774*100*", "CLM*26463774*110*");
  got g;
  validate_str(b, &g);
  CHECK(find_snip(&g, 3, 29, 2) != NULL);
  CHECK_INT(g.errors, 1);
  free(b);
  free(s);
}

/* Amounts written every way R allows add up in cents: 39.5 + .50 + 50. +
 * 10.00 = 100 (by hand); 100.01 is a cent over. */
static void test_balance_amount_forms(void) {
  char *s = commercial();
  CHECK(s != NULL);
  if (!s) return;
  char *a = replace(s, "SV1*HC:99213*40*", "SV1*HC:99213*39.5*");
  char *b = replace(a, "SV1*HC:87070*15*", "SV1*HC:87070*.50*");
  char *c = replace(b, "SV1*HC:99214*35*", "SV1*HC:99214*50.*");
  char *d = replace(c, "SV1*HC:86663*10*", "SV1*HC:86663*10.00*");
  got g;
  validate_str(d, &g);
  CHECK_INT(g.errors, 0);
  if (g.errors) dump(&g);
  char *e = replace(d, "CLM*26463774*100*", "CLM*26463774*100.01*");
  validate_str(e, &g);
  CHECK(find_snip(&g, 3, 29, 2) != NULL);
  CHECK_INT(g.errors, 1);
  free(a);
  free(b);
  free(c);
  free(d);
  free(e);
  free(s);
}

static void test_situational(void) {
  char *s = commercial();
  if (!s) return;
  got g;
  /* CLM05-3 7 (replacement) without REF*F8: TR3 2300 REF F8 is required. */
  char *b = replace(s, "11:B:1*", "11:B:7*");
  validate_str(b, &g);
  CHECK(find_snip(&g, 4, 29, 0) != NULL);
  free(b);
  /* ... and with REF*F8 it is satisfied (SE01 grows by one). */
  char *c = replace(s, "11:B:1*Y*A*Y*I~", "11:B:7*Y*A*Y*I~REF*F8*ORIG123~");
  char *d = c ? replace(c, "SE*42*", "SE*43*") : NULL;
  validate_str(d, &g);
  CHECK_INT(g.errors, 0);
  if (g.errors) dump(&g);
  free(c);
  free(d);
  /* SBR02 18 says the subscriber is the patient, yet a 2000C follows. */
  char *e = replace(s, "SBR*P**2222-SJ", "SBR*P*18*2222-SJ");
  validate_str(e, &g);
  CHECK(find_snip(&g, 4, 23, 0) != NULL);
  free(e);
  free(s);
}

/* The "subscriber is the patient" rule (2010BA DMG required when SBR02 is
 * 18) reads only the 2000B SBR. lfh__demo.example12.837 segment 32 is
 * SBR*S*18*56567******12 in loop 2320 (other subscriber): SBR02 there
 * relates the patient to another payer's subscriber and needs no DMG. */
static void test_sbr_2320(void) {
  got g;
  sample("837P/lfh__demo.example12.837", &g);
  CHECK(find_snip(&g, 4, 32, 0) == NULL);
  for (int i = 0; i < g.n; i++)
    T_REPORT(g.f[i].snip != 4, "SNIP 4 finding at segment %u",
             g.f[i].where.seg_pos);
  /* The rule still holds in 2000B: SBR02 18 (segment 18) with the 2010BA
   * DMG (segment 20) removed; the 2000C that follows breaks the other
   * rule at segment 22 (HL*3, one earlier now); SE01 42 becomes 41. */
  char *s = commercial();
  if (!s) return;
  char *a = replace(s, "SBR*P**2222-SJ", "SBR*P*18*2222-SJ");
  char *b = a ? replace(a, "DMG*D8*19430501*F~", "") : NULL;
  char *c = b ? replace(b, "SE*42*", "SE*41*") : NULL;
  CHECK(c != NULL);
  validate_str(c, &g);
  CHECK(find_snip(&g, 4, 18, 0) != NULL);
  CHECK(find_snip(&g, 4, 22, 0) != NULL);
  CHECK_INT(g.errors, 2);
  if (g.errors != 2) dump(&g);
  free(a);
  free(b);
  free(c);
  free(s);
}

/* One problem, one finding (and one IK3 in the 999). */
static void test_reported_once(void) {
  got g;
  /* N4 sent before N3: N3 (segment 12) is out of sequence, and N3 is not
   * also "missing". */
  CHECK_INT(validate_path("tests/x12/reject/out-of-order.edi", &g), CC_OK);
  CHECK_INT(g.errors, 1);
  CHECK(find(&g, "7", 12, 0) != NULL);
  if (g.errors != 1) dump(&g);
  /* The file stops after segment 30 (REF*D9 in 2300): the set, group and
   * interchange trailers are missing (ST 3, GS 2, ISA 1) and nothing
   * else - no required segment of the unread rest, no claim total. */
  CHECK_INT(validate_path("tests/x12/reject/truncated.edi", &g), CC_OK);
  CHECK_INT(g.errors, 3);
  CHECK(find(&g, "2", 3, 0) != NULL);
  CHECK(find(&g, "3", 2, 0) != NULL);
  CHECK(find(&g, "023", 1, 0) != NULL);
  if (g.errors != 3) dump(&g);
}

/* Sets whose guide has no tables here: syntax and envelopes only. The
 * 837D's SV3 (segment 29) and the 278's UM/HCR are not errors, but a
 * garbled id still is. */
static void test_unchecked_guides(void) {
  got g;
  sample("837D/stupidedi__claim-from-billing-provider-to-payer-a.edi", &g);
  CHECK_INT(g.errors, 0);
  sample("278/stupidedi__emergency-admission-response-to-request-for-review.edi", &g);
  CHECK_INT(g.errors, 0);
  char p[1024];
  snprintf(p, sizeof p, "%s/x12/278/stupidedi__referral-request-for-review.edi",
           t_shared());
  size_t n;
  char *s = t_slurp(p, &n);
  CHECK(s != NULL);
  if (!s) return;
  s[n] = '\0';
  /* UM (segment 13) garbled to "U-M": not a well-formed id. */
  char *b = replace(s, "~UM*", "~U-M*");
  CHECK(b != NULL);
  validate_str(b, &g);
  CHECK(find(&g, "1", 13, 0) != NULL);
  free(b);
  free(s);
}

static void test_bad_input(void) {
  got g;
  /* Empty, garbage, short ISA: an error finding, never a crash. */
  CHECK_INT(validate_str("", &g), CC_OK);
  CHECK(g.errors > 0);
  CHECK_INT(validate_str("\x01\x02garbage\xff\xfe", &g), CC_OK);
  CHECK(g.errors > 0);
  CHECK_INT(validate_str("ISA*00*   *00~", &g), CC_OK);
  CHECK(g.errors > 0);
}

int main(void) {
  RUN(test_reject_fixtures);
  RUN(test_accept_fixtures);
  RUN(test_shared_defects);
  RUN(test_shared_clean);
  RUN(test_balance_835);
  RUN(test_balance_837);
  RUN(test_balance_amount_forms);
  RUN(test_situational);
  RUN(test_sbr_2320);
  RUN(test_reported_once);
  RUN(test_unchecked_guides);
  RUN(test_bad_input);
  TEST_MAIN_END();
}
