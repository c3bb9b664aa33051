/* test_claims.c - the claim model on the shared 837 samples: values read by
 * hand from the files, problems on defective files, every clean sample
 * written back and validated, and parse-write-parse round trips. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

static char path_buf[512];
static const char *sample(const char *rel) {
  const char *sh = getenv("CC_SHARED");
  snprintf(path_buf, sizeof path_buf, "%s/x12/%s", sh ? sh : "../shared",
           rel);
  return path_buf;
}

/* Every claim of a file, copied into one arena, with its problems. */
#define MAXC 1000
typedef struct got {
  cc_arena *a;
  cc_claim *c[MAXC];
  cc_claim_problem *p[MAXC];
  size_t np[MAXC];
  size_t n;
  cc_claims_stats st;
  cc_code rc;
} got;

static int keep(void *ctx, const cc_claim *c, const cc_claim_problem *p,
                size_t np) {
  got *g = ctx;
  if (g->n >= MAXC) return 1;
  g->c[g->n] = cc_claims_copy(c, g->a);
  g->p[g->n] = np ? cc_arena_alloc(g->a, np * sizeof *p) : NULL;
  if (np && g->p[g->n]) memcpy(g->p[g->n], p, np * sizeof *p);
  g->np[g->n] = np;
  g->n++;
  return 0;
}

static got *parse_file(const char *rel) {
  got *g = calloc(1, sizeof *g);
  g->a = cc_arena_new(0);
  cc_err e;
  cc_err_clear(&e);
  g->rc = cc_claims_parse_file(sample(rel), keep, g, &g->st, &e);
  if (g->rc) cc_err_print(&e, stdout);
  return g;
}

static got *parse_buf(const char *p, size_t n) {
  got *g = calloc(1, sizeof *g);
  g->a = cc_arena_new(0);
  cc_err e;
  cc_err_clear(&e);
  g->rc = cc_claims_parse_mem(p, n, "mem", keep, g, &g->st, &e);
  if (g->rc) cc_err_print(&e, stdout);
  return g;
}

static void got_free(got *g) {
  cc_arena_free(g->a);
  free(g);
}

static cc_day day(int y, int m, int d) { return cc_date_days(y, m, d); }

static bool has_problem(const got *g, size_t i, cc_claim_problem_kind k,
                        uint32_t seg) {
  for (size_t j = 0; j < g->np[i]; j++)
    if (g->p[i][j].kind == k && (!seg || g->p[i][j].where.seg_pos == seg))
      return true;
  return false;
}

/* ------------------------------------------------------------ reading -- */

static void test_cob_professional(void) {
  got *g = parse_file("837P/lfh__demo.cob.example3.B.837");
  CHECK_INT(g->rc, CC_OK);
  CHECK_INT(g->n, 1);
  const cc_claim *c = g->c[0];
  CHECK_INT(c->form, 'P');
  CHECK_STR(c->pcn, "26407789");
  CHECK_INT(c->total.cents, 7904);
  CHECK_STR(c->facility_code, "11");
  CHECK_INT(c->frequency, '1');
  CHECK_STR(c->billing.id, "1999996666");
  CHECK_STR(c->payer.last, "GREAT PRAIRIES HEALTH");
  CHECK_STR(c->payer.id, "567890");
  CHECK_INT(c->responsibility, 'S');
  CHECK_STR(c->filing_indicator, "CI");
  CHECK_STR(c->subscriber.name.last, "SMITH");
  CHECK_STR(c->subscriber.name.first, "JACK");
  CHECK_STR(c->subscriber.name.id, "222334444");
  CHECK_INT(c->subscriber.birth_date, day(1943, 10, 22));
  CHECK_INT(c->subscriber.sex, 'M');
  CHECK(c->has_patient);
  CHECK_STR(c->relationship, "19");
  CHECK_INT(c->patient.birth_date, day(1973, 5, 1));
  CHECK_INT(c->n_dx, 4);
  CHECK_STR(c->dx[0].qual, "BK");
  CHECK_STR(c->dx[0].code, "4779");
  CHECK_STR(c->dx[3].code, "53081");
  CHECK_STR(c->rendering.id, "1999996666");
  CHECK_STR(c->rendering.taxonomy, "204C00000X");
  CHECK_STR(c->facility.last, "KILDARE ASSOCIATES");
  CHECK_STR(c->facility.id, "1581234567");
  CHECK_STR(c->facility.city, "MIAMI");
  CHECK_INT(c->n_lines, 3);
  const cc_claim_line *l = &c->lines[0];
  CHECK_STR(l->proc, "99213");
  CHECK_INT(l->charge.cents, 4300);
  CHECK_INT(l->units_milli, 1000);
  CHECK_INT(l->dx_ptr[0], 1);
  CHECK_INT(l->dx_ptr[3], 4);
  CHECK_INT(l->from, day(2005, 10, 3));
  /* 2320 / 2330A / 2330B */
  CHECK_INT(c->n_other, 1);
  const cc_claim_other_payer *o = &c->other[0];
  CHECK_INT(o->responsibility, 'P');
  CHECK_STR(o->relationship, "01");
  CHECK_STR(o->filing_indicator, "12");
  CHECK_INT(o->n_cas, 2);
  CHECK_STR(o->cas[0].group, "PR");
  CHECK_STR(o->cas[0].reason, "1");
  CHECK_INT(o->cas[0].amount.cents, 2189);
  CHECK_STR(o->cas[1].reason, "2");
  CHECK_INT(o->cas[1].amount.cents, 1500);
  CHECK(o->has_paid);
  CHECK_INT(o->paid.cents, 3915);
  CHECK(o->has_remaining);
  CHECK_INT(o->remaining.cents, 3689);
  CHECK_STR(o->subscriber.id, "JS00111223333");
  CHECK_STR(o->payer.last, "KEY INSURANCE COMPANY");
  CHECK_STR(o->payer.id, "999996666");
  /* 2430 */
  CHECK_INT(l->n_adj, 1);
  CHECK_STR(l->adj[0].payer_id, "999996666");
  CHECK_INT(l->adj[0].paid.cents, 4000);
  CHECK_INT(l->adj[0].n_cas, 1);
  CHECK_STR(l->adj[0].cas[0].group, "CO");
  CHECK_STR(l->adj[0].cas[0].reason, "42");
  CHECK_INT(l->adj[0].cas[0].amount.cents, 300);
  CHECK_INT(l->adj[0].adjudicated, day(2005, 10, 15));
  CHECK_INT(c->lines[2].adj[0].paid.cents, 2104);
  CHECK_INT(g->np[0], 0);
  got_free(g);
}

static void test_institutional(void) {
  got *g = parse_file("837I/stupidedi__837-institutional-claim.edi");
  CHECK_INT(g->rc, CC_OK);
  CHECK_INT(g->n, 1);
  const cc_claim *c = g->c[0];
  CHECK_INT(c->form, 'I');
  CHECK_STR(c->pcn, "756048Q");
  CHECK_INT(c->total.cents, 8993);
  CHECK_STR(c->facility_code, "14");
  CHECK_INT(c->facility_qual, 'A');
  CHECK_STR(c->type_of_bill, "0141");
  CHECK_INT(c->stmt_from, day(1996, 9, 11));
  CHECK_INT(c->stmt_to, day(1996, 9, 11));
  CHECK_INT(c->admission_type, '3');
  CHECK_STR(c->patient_status, "01");
  CHECK_STR(c->billing.last, "JONES HOSPITAL");
  CHECK_STR(c->billing.id, "9876540809");
  CHECK_STR(c->billing.tax_id, "567891234");
  CHECK_STR(c->billing.taxonomy, "203BA0200N");
  CHECK_STR(c->subscriber.name.id, "030005074A");
  CHECK_INT(c->subscriber.birth_date, day(1926, 11, 11));
  CHECK_STR(c->relationship, "18");
  CHECK(!c->has_patient);
  CHECK_STR(c->filing_indicator, "MB");
  CHECK_STR(c->payer.id, "00435");
  CHECK_INT(c->n_dx, 3);
  CHECK_STR(c->dx[0].code, "3669");
  CHECK_STR(c->dx[2].code, "79431");
  CHECK_INT(c->n_inst_codes, 6); /* 4 occurrence, 1 value, 1 condition */
  CHECK_STR(c->inst_codes[0].qual, "BH");
  CHECK_STR(c->inst_codes[0].code, "A1");
  CHECK_STR(c->inst_codes[0].date, "19261111");
  CHECK_STR(c->inst_codes[4].qual, "BE");
  CHECK(c->inst_codes[4].has_amount);
  CHECK_INT(c->inst_codes[4].amount.cents, 1531);
  CHECK_STR(c->inst_codes[5].code, "09");
  CHECK_STR(c->attending.last, "JONES");
  CHECK_INT(c->n_lines, 2);
  CHECK_STR(c->lines[0].revenue, "0305");
  CHECK_STR(c->lines[0].proc, "85025");
  CHECK_INT(c->lines[0].charge.cents, 1339);
  CHECK_STR(c->lines[1].revenue, "0730");
  CHECK_INT(c->lines[1].units_milli, 3000);
  CHECK_INT(c->lines[1].charge.cents, 7654);
  CHECK_INT(c->n_other, 1);
  CHECK_INT(c->other[0].responsibility, 'S');
  CHECK_STR(c->other[0].group_number, "351630");
  CHECK_STR(c->other[0].group_name, "STATE TEACHERS");
  CHECK(!c->other[0].has_paid);
  CHECK_STR(c->other[0].payer.id, "1135");
  CHECK_STR(c->other[0].subscriber.first, "JANE");
  CHECK_INT(g->np[0], 0);
  got_free(g);
}

static void test_many_sets_and_groups(void) {
  got *g = parse_file("837P/imsweb__x12_multiple_gs.txt");
  CHECK_INT(g->rc, CC_OK);
  CHECK_INT(g->n, 6);
  CHECK_INT(g->st.sets, 3);
  if (g->n == 6) {
    CHECK_STR(g->c[0]->pcn, "A37YH556");
    CHECK_STR(g->c[1]->pcn, "A37YH667");
    CHECK_STR(g->c[4]->pcn, "A37YH556");
    CHECK_INT(g->c[4]->src.set_index, 3);
    CHECK_INT(g->c[0]->src.clm.seg, 22); /* one segment per line */
    CHECK_INT(g->c[5]->src.clm.seg, 103);
    CHECK_INT(g->c[0]->total.cents, 50000);
  }
  got_free(g);
  g = parse_file("837P/imsweb__x12_many_claims.txt");
  CHECK_INT(g->rc, CC_OK);
  CHECK_INT(g->st.claims, 820);
  got_free(g);
}

static void test_bom_crlf_and_drug(void) {
  got *g = parse_file("837P/oopfactory__Example1_HealthInsurance.txt");
  CHECK_INT(g->n, 1);
  CHECK_STR(g->c[0]->pcn, "26463774");
  CHECK_INT(g->c[0]->total.cents, 10000);
  CHECK_INT(g->c[0]->n_lines, 4);
  got_free(g);
  g = parse_file("837P/stupidedi__drug-administered-in-the-physician-office.edi");
  CHECK_INT(g->n, 1);
  const cc_claim *c = g->c[0];
  CHECK_STR(c->pcn, "CLMNO12345");
  CHECK_INT(c->total.cents, 10337);
  CHECK_INT(c->n_lines, 2);
  CHECK_STR(c->lines[1].proc, "J1550");
  CHECK_INT(c->lines[1].charge.cents, 5337);
  CHECK_STR(c->lines[1].ndc_qual, "N4");
  CHECK_STR(c->lines[1].ndc, "00026063512");
  CHECK_INT(c->lines[1].drug_qty_milli, 10000);
  CHECK_STR(c->lines[1].drug_unit, "ML");
  CHECK_STR(c->dx[0].code, "03591");
  got_free(g);
}

static void test_defective_files(void) {
  /* No DMG for subscribers who are the patients, and HI written as
   * separate elements (HI*BK*8901*...) instead of composites. */
  got *g = parse_file("837P/imsweb__x12_missing_elements.txt");
  CHECK_INT(g->rc, CC_OK);
  CHECK_INT(g->n, 2);
  for (size_t i = 0; i < g->n; i++) {
    CHECK(has_problem(g, i, CC_CLAIM_P_DEMOGRAPHICS, 0));
    CHECK(has_problem(g, i, CC_CLAIM_P_VALUE, g->c[i]->src.clm.seg + 1));
  }
  CHECK_STR(g->c[1]->facility_code, ""); /* CLM05 left out */
  got_free(g);
  /* Segment 20 is "NM31" where the subscriber's NM1 should be: the claim
   * is still delivered, with the unknown segment and the missing name. */
  g = parse_file("837P/imsweb__x12_bad_segment_identifier.txt");
  CHECK_INT(g->n, 2);
  CHECK(has_problem(g, 0, CC_CLAIM_P_STRUCTURE, 20));
  CHECK(has_problem(g, 0, CC_CLAIM_P_DEMOGRAPHICS, 0));
  CHECK_STR(g->c[0]->subscriber.name.last, "");
  CHECK_STR(g->c[1]->subscriber.name.last, "DOE");
  CHECK(!has_problem(g, 1, CC_CLAIM_P_STRUCTURE, 20));
  got_free(g);
  /* An 835 holds no claims to read. */
  g = parse_file("835/stupidedi__tertiary-payments.edi");
  CHECK_INT(g->rc, CC_OK);
  CHECK_INT(g->n, 0);
  CHECK_INT(g->st.skipped_sets, 1);
  got_free(g);
}

static void test_dx_pointer_problems(void) {
  const char *x =
      "ISA*00*          *00*          *ZZ*SUB            *ZZ*RCV            "
      "*260101*1200*^*00501*000000001*0*T*:~"
      "GS*HC*SUB*RCV*20260101*1200*1*X*005010X222A1~"
      "ST*837*0001*005010X222A1~BHT*0019*00*1*20260101*1200*CH~"
      "NM1*41*2*SUB*****46*S1~PER*IC*X*TE*5555555555~NM1*40*2*R*****46*R1~"
      "HL*1**20*1~NM1*85*2*CLINIC*****XX*1111111112~N3*1 A ST~"
      "N4*SPRINGFIELD*IL*62701~REF*EI*987654321~"
      "HL*2*1*22*0~SBR*P*18*******CI~NM1*IL*1*DOE*JAN****MI*M1~"
      "N3*2 B ST~N4*SPRINGFIELD*IL*62701~DMG*D8*19800101*F~"
      "NM1*PR*2*PAYER*****PI*P1~"
      "CLM*PCN1*30***11:B:1*Y*A*Y*Y~HI*ABK:E119~"
      "LX*1~SV1*HC:99213*10*UN*1***1~DTP*472*D8*20260102~"
      "LX*2~SV1*HC:99212*10*UN*1.5~DTP*472*D8*20260102~"
      "LX*3~SV1*HC:99211*10*UN*1***1:3~DTP*472*D8*20260102~"
      "SE*22*0001~GE*1*1~IEA*1*000000001~";
  got *g = parse_buf(x, strlen(x));
  CHECK_INT(g->n, 1);
  CHECK_INT(g->c[0]->lines[1].units_milli, 1500);
  size_t nptr = 0;
  for (size_t j = 0; j < g->np[0]; j++) {
    const cc_claim_problem *p = &g->p[0][j];
    if (p->kind != CC_CLAIM_P_DX_POINTER) continue;
    nptr++;
    CHECK(p->line == 2 || p->line == 3);
    CHECK_INT(p->where.elem_pos, 7);
    if (p->line == 3) CHECK_INT(p->where.comp_pos, 2);
  }
  CHECK_INT(nptr, 2); /* line 2 has none, line 3 points at dx 3 of 1 */
  CHECK(!has_problem(g, 0, CC_CLAIM_P_DEMOGRAPHICS, 0));
  got_free(g);
}

/* ------------------------------------------------------------ writing -- */

static int errors_seen;
static void on_finding(void *ctx, const cc_x12_finding *f) {
  if (f->sev != CC_SEV_ERROR) return;
  if (errors_seen++ < 5) {
    printf("# %s: ", (const char *)ctx);
    cc_x12_finding_print(f, false, stdout);
  }
}

static cc_claims_envelope env_for_tests(void) {
  cc_claims_envelope e = {.submitter_name = "SYNTHETIC BILLING",
                          .submitter_id = "SUB0001",
                          .contact_name = "PAT BILLER",
                          .contact_phone = "2175550100",
                          .receiver_name = "SYNTHETIC CLEARINGHOUSE",
                          .receiver_id = "RCV0001",
                          .isa_control = 123,
                          .gs_control = 45,
                          .st_control = 6,
                          .date = cc_date_days(2026, 11, 20),
                          .hhmm = 905,
                          .eol = "\n"};
  return e;
}

/* Write claims, validate the output; returns the interchange (caller
 * frees) and the validator's error count in *errs. */
static char *write_validate(const cc_claim *const *v, size_t n,
                            const char *label, uint32_t *errs, size_t *len,
                            uint32_t *clm_seg) {
  cc_claims_envelope env = env_for_tests();
  cc_buf out;
  cc_buf_init(&out, 1u << 28);
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_claims_write(v, n, &env, &out, clm_seg, &e);
  if (rc) {
    printf("# %s: ", label);
    cc_err_print(&e, stdout);
    *errs = 9999;
    cc_buf_free(&out);
    return NULL;
  }
  cc_x12_summary sum;
  errors_seen = 0;
  rc = cc_x12_validate_mem(out.p, out.n, label, on_finding, (void *)label,
                           &sum, &e);
  *errs = rc ? 9999 : sum.errors;
  *len = out.n;
  return cc_buf_take(&out);
}

static void same_claim(const cc_claim *a, const cc_claim *b) {
  CHECK_STR(a->pcn, b->pcn);
  CHECK_INT(a->form, b->form);
  CHECK_INT(a->total.cents, b->total.cents);
  CHECK_STR(a->facility_code, b->facility_code);
  CHECK_INT(a->frequency, b->frequency);
  CHECK_STR(a->payer_claim_no, b->payer_claim_no);
  CHECK_STR(a->prior_auth, b->prior_auth);
  CHECK_STR(a->referral_no, b->referral_no);
  CHECK_STR(a->billing.id, b->billing.id);
  CHECK_STR(a->billing.last, b->billing.last);
  CHECK_STR(a->billing.tax_id, b->billing.tax_id);
  CHECK_STR(a->payer.id, b->payer.id);
  CHECK_STR(a->payer.last, b->payer.last);
  CHECK_STR(a->subscriber.name.id, b->subscriber.name.id);
  CHECK_STR(a->subscriber.name.last, b->subscriber.name.last);
  CHECK_STR(a->subscriber.name.first, b->subscriber.name.first);
  /* 2010BA DMG is sent only when the subscriber is the patient (TR3) */
  if (!a->has_patient)
    CHECK_INT(a->subscriber.birth_date, b->subscriber.birth_date);
  CHECK_INT(a->has_patient, b->has_patient);
  CHECK_STR(a->patient.name.last, b->patient.name.last);
  CHECK_INT(a->patient.birth_date, b->patient.birth_date);
  CHECK_INT(a->responsibility, b->responsibility);
  CHECK_STR(a->filing_indicator, b->filing_indicator);
  CHECK_INT(a->stmt_from, b->stmt_from);
  CHECK_INT(a->stmt_to, b->stmt_to);
  CHECK_STR(a->type_of_bill, b->type_of_bill);
  CHECK_INT(a->n_dx, b->n_dx);
  for (uint16_t i = 0; i < a->n_dx && i < b->n_dx; i++) {
    CHECK_STR(a->dx[i].qual, b->dx[i].qual);
    CHECK_STR(a->dx[i].code, b->dx[i].code);
  }
  CHECK_INT(a->n_inst_codes, b->n_inst_codes);
  CHECK_STR(a->referring.id, b->referring.id);
  CHECK_STR(a->facility.id, b->facility.id);
  CHECK_INT(a->n_lines, b->n_lines);
  for (uint32_t i = 0; i < a->n_lines && i < b->n_lines; i++) {
    const cc_claim_line *x = &a->lines[i], *y = &b->lines[i];
    CHECK_STR(x->proc, y->proc);
    for (int k = 0; k < 4; k++) CHECK_STR(x->mod[k], y->mod[k]);
    CHECK_STR(x->revenue, y->revenue);
    CHECK_INT(x->charge.cents, y->charge.cents);
    CHECK_INT(x->units_milli, y->units_milli);
    for (int k = 0; k < 4; k++) CHECK_INT(x->dx_ptr[k], y->dx_ptr[k]);
    CHECK_INT(x->from, y->from);
    CHECK_INT(x->to, y->to);
    CHECK_STR(x->line_control, y->line_control);
    CHECK_STR(x->ndc, y->ndc);
    CHECK_STR(x->rendering.id, y->rendering.id);
    CHECK_INT(x->n_adj, y->n_adj);
    for (uint16_t k = 0; k < x->n_adj && k < y->n_adj; k++) {
      CHECK_INT(x->adj[k].paid.cents, y->adj[k].paid.cents);
      CHECK_INT(x->adj[k].n_cas, y->adj[k].n_cas);
      CHECK_INT(x->adj[k].adjudicated, y->adj[k].adjudicated);
    }
  }
  CHECK_INT(a->n_other, b->n_other);
  for (uint16_t i = 0; i < a->n_other && i < b->n_other; i++) {
    const cc_claim_other_payer *x = &a->other[i], *y = &b->other[i];
    CHECK_INT(x->responsibility, y->responsibility);
    CHECK_INT(x->paid.cents, y->paid.cents);
    CHECK_INT(x->has_paid, y->has_paid);
    CHECK_INT(x->n_cas, y->n_cas);
    for (uint16_t k = 0; k < x->n_cas && k < y->n_cas; k++) {
      CHECK_STR(x->cas[k].group, y->cas[k].group);
      CHECK_STR(x->cas[k].reason, y->cas[k].reason);
      CHECK_INT(x->cas[k].amount.cents, y->cas[k].amount.cents);
    }
    CHECK_STR(x->payer.id, y->payer.id);
    CHECK_STR(x->subscriber.id, y->subscriber.id);
    CHECK_INT(x->adjudicated, y->adjudicated);
  }
}

/* The samples without deliberate defects. */
static const char *const clean_samples[] = {
    "837P/lfh__demo.autoaccident.837",
    "837P/lfh__demo.cob.example3.B.837",
    "837P/lfh__demo.cob.example4.837",
    "837P/lfh__demo.drug.example10.3.837",
    "837P/oopfactory__Example1_HealthInsurance.txt",
    "837P/stupidedi__COB-claim-from-billing-provider-to-payer-a.edi",
    "837P/stupidedi__ambulance.edi",
    "837P/stupidedi__anesthesia.edi",
    "837P/stupidedi__chiropractic.edi",
    "837P/stupidedi__commercial-health-insurance.edi",
    "837P/stupidedi__drug-administered-in-the-physician-office.edi",
    "837P/stupidedi__encounter.edi",
    "837P/stupidedi__home-infusion-therapy-pharmacy--adjudicated-with-HCPCS-"
    "in-loop-2400-or-NDC-in-loop-2410.edi",
    "837P/stupidedi__medicare-secondary-payer-COB.edi",
    "837P/stupidedi__oxygen.edi",
    "837P/stupidedi__ppo-repriced-claim.edi",
    "837P/stupidedi__wheelchair.edi",
    "837I/lfh__institutional-claim.837i",
    "837I/stupidedi__837-institutional-claim.edi",
    "837I/stupidedi__automobile-accident.edi",
    "837I/stupidedi__out-of-network-repriced-claim.edi",
    "837I/stupidedi__ppo-repriced-claim.edi",
};

static void test_samples_round_trip(void) {
  for (size_t i = 0; i < sizeof clean_samples / sizeof *clean_samples; i++) {
    got *g = parse_file(clean_samples[i]);
    CHECK_INT(g->n, 1);
    uint32_t errs;
    size_t len = 0;
    uint32_t seg[1];
    char *x = write_validate((const cc_claim *const *)g->c, g->n,
                             clean_samples[i], &errs, &len, seg);
    T_REPORT(errs == 0, "%s: %u validator errors", clean_samples[i], errs);
    if (x) {
      got *h = parse_buf(x, len);
      CHECK_INT(h->n, g->n);
      if (h->n == 1) {
        /* the rendering provider is not repeated when it is the billing
         * provider (TR3 2310B); compare the rest */
        cc_claim *a = g->c[0];
        if (strcmp(a->rendering.id, a->billing.id) == 0 &&
            strcmp(a->rendering.last, a->billing.last) == 0)
          memset(&a->rendering, 0, sizeof a->rendering);
        same_claim(a, h->c[0]);
        CHECK_INT(h->c[0]->src.clm.seg, seg[0]);
        CHECK_INT(h->np[0], 0);
      }
      got_free(h);
    }
    free(x);
    got_free(g);
  }
}

/* ------------------------------------------------ hand-built claims -- */

static cc_claim_line lines_buf[8];
static cc_claim_other_payer other_buf[2];
static cc_claim_line_adj adj_buf[4];

static void base_claim(cc_claim *c, char form) {
  cc_claims_init(c, form);
  strcpy(c->pcn, "SYN-0001");
  strcpy(c->facility_code, form == 'P' ? "11" : "13");
  c->facility_qual = form == 'P' ? 'B' : 'A';
  c->frequency = '1';
  c->billing.entity = '2';
  strcpy(c->billing.last, "SYNTHETIC FAMILY CLINIC");
  strcpy(c->billing.id, "1111111112");
  strcpy(c->billing.taxonomy, "261QP2300X");
  strcpy(c->billing.tax_id, "987654321");
  strcpy(c->billing.addr1, "100 MAIN ST");
  strcpy(c->billing.city, "SPRINGFIELD");
  strcpy(c->billing.state, "IL");
  strcpy(c->billing.zip, "627010000");
  c->subscriber.name.entity = '1';
  strcpy(c->subscriber.name.last, "SAMPLE");
  strcpy(c->subscriber.name.first, "PAT");
  strcpy(c->subscriber.name.id, "M0001");
  strcpy(c->subscriber.name.addr1, "12 ELM ST");
  strcpy(c->subscriber.name.city, "SPRINGFIELD");
  strcpy(c->subscriber.name.state, "IL");
  strcpy(c->subscriber.name.zip, "62701");
  c->subscriber.birth_date = cc_date_days(1980, 2, 29);
  c->subscriber.sex = 'F';
  strcpy(c->relationship, "18");
  c->responsibility = 'P';
  strcpy(c->filing_indicator, "CI");
  strcpy(c->payer.last, "SYNTHETIC PPO");
  strcpy(c->payer.id, "SYNPPO1");
  c->n_dx = 2;
  strcpy(c->dx[0].qual, "ABK");
  strcpy(c->dx[0].code, "E119");
  strcpy(c->dx[1].qual, "ABF");
  strcpy(c->dx[1].code, "I10");
  memset(lines_buf, 0, sizeof lines_buf);
  c->lines = lines_buf;
  c->n_lines = 2;
  for (int i = 0; i < 2; i++) {
    cc_claim_line *l = &lines_buf[i];
    strcpy(l->proc, i ? "97110" : "99213");
    l->charge.cents = i ? 8050 : 12500;
    l->units_milli = i ? 1500 : 1000; /* 1.5 units */
    if (form == 'P') { /* 837I lines carry no diagnosis pointers */
      l->dx_ptr[0] = 1;
      l->dx_ptr[1] = (uint8_t)(i ? 0 : 2);
    }
    l->from = l->to = cc_date_days(2026, 3, 2);
    snprintf(l->line_control, sizeof l->line_control, "LC%d", i + 1);
    if (form == 'I') strcpy(l->revenue, i ? "0420" : "0510");
  }
  strcpy(lines_buf[1].mod[0], "GP");
  c->total.cents = 12500 + 8050;
  if (form == 'I') {
    c->stmt_from = cc_date_days(2026, 3, 2);
    c->stmt_to = cc_date_days(2026, 3, 2);
    strcpy(c->type_of_bill, "0131");
    c->admission_type = '3';
    strcpy(c->patient_status, "01");
    c->attending.entity = '1';
    strcpy(c->attending.last, "TESTDOC");
    strcpy(c->attending.first, "ALMA");
    strcpy(c->attending.id, "1234567893");
  }
}

static void check_one(const cc_claim *c, const char *label, got **back) {
  const cc_claim *v[1] = {c};
  uint32_t errs, seg[1];
  size_t len = 0;
  char *x = write_validate(v, 1, label, &errs, &len, seg);
  T_REPORT(errs == 0, "%s: %u validator errors", label, errs);
  *back = x ? parse_buf(x, len) : NULL;
  if (*back) CHECK_INT((*back)->n, 1);
  free(x);
}

static void test_written_shapes(void) {
  static cc_claim c;
  got *b;
  base_claim(&c, 'P');
  check_one(&c, "original 837P", &b);
  if (b && b->n) {
    same_claim(&c, b->c[0]);
    CHECK_INT(b->c[0]->lines[1].units_milli, 1500);
    CHECK_STR(b->c[0]->lines[1].line_control, "LC2");
  }
  if (b) got_free(b);
  /* corrected claim: frequency 7 with the payer's claim number */
  base_claim(&c, 'P');
  c.frequency = '7';
  strcpy(c.payer_claim_no, "PAYERICN0001");
  strcpy(c.prior_auth, "PA-555");
  strcpy(c.referral_no, "RF-77");
  check_one(&c, "corrected 837P", &b);
  if (b && b->n) {
    CHECK_INT(b->c[0]->frequency, '7');
    CHECK_STR(b->c[0]->payer_claim_no, "PAYERICN0001");
    CHECK_STR(b->c[0]->prior_auth, "PA-555");
    CHECK_STR(b->c[0]->referral_no, "RF-77");
  }
  if (b) got_free(b);
  /* void */
  c.frequency = '8';
  check_one(&c, "void 837P", &b);
  if (b && b->n) CHECK_INT(b->c[0]->frequency, '8');
  if (b) got_free(b);
  /* a patient who is not the subscriber, with a referring provider */
  base_claim(&c, 'P');
  c.has_patient = true;
  strcpy(c.relationship, "19");
  c.patient.name.entity = '1';
  strcpy(c.patient.name.last, "SAMPLE");
  strcpy(c.patient.name.first, "KID");
  strcpy(c.patient.name.addr1, "12 ELM ST");
  strcpy(c.patient.name.city, "SPRINGFIELD");
  strcpy(c.patient.name.state, "IL");
  strcpy(c.patient.name.zip, "62701");
  c.patient.birth_date = cc_date_days(2015, 1, 15);
  c.patient.sex = 'U';
  c.referring.entity = '1';
  strcpy(c.referring.last, "REFERRER");
  strcpy(c.referring.first, "RAE");
  strcpy(c.referring.id, "5556667777");
  check_one(&c, "dependent 837P", &b);
  if (b && b->n) {
    same_claim(&c, b->c[0]);
    CHECK_STR(b->c[0]->relationship, "19");
    CHECK_INT(b->c[0]->patient.sex, 'U');
  }
  if (b) got_free(b);
  /* secondary claim carrying the primary's adjudication (COB) */
  base_claim(&c, 'P');
  c.responsibility = 'S';
  strcpy(c.insurance_type, "47");
  memset(other_buf, 0, sizeof other_buf);
  memset(adj_buf, 0, sizeof adj_buf);
  cc_claim_other_payer *o = &other_buf[0];
  o->responsibility = 'P';
  strcpy(o->relationship, "18");
  strcpy(o->filing_indicator, "CI");
  o->has_paid = true;
  /* 205.50 charged. Lines (below): 125 = 100 paid + PR 25, 80.50 = 0 paid
   * + CO 80.50. Claim level on top: CO 2 + PR 2 + PR 1 = 5, so the claim
   * paid 100 - 5 = 95, and 95 + 5 + 105.50 = 205.50 (TR3 1.4.4). */
  o->paid.cents = 9500;
  o->n_cas = 3;
  strcpy(o->cas[0].group, "CO");
  strcpy(o->cas[0].reason, "45");
  o->cas[0].amount.cents = 200;
  strcpy(o->cas[1].group, "PR");
  strcpy(o->cas[1].reason, "1");
  o->cas[1].amount.cents = 200;
  strcpy(o->cas[2].group, "PR");
  strcpy(o->cas[2].reason, "2");
  o->cas[2].amount.cents = 100;
  o->subscriber.entity = '1';
  strcpy(o->subscriber.last, "SAMPLE");
  strcpy(o->subscriber.first, "PAT");
  strcpy(o->subscriber.id, "PRIM0001");
  strcpy(o->payer.last, "FIRST SYNTHETIC PAYER");
  strcpy(o->payer.id, "SYNFIRST");
  o->adjudicated = cc_date_days(2026, 4, 1);
  c.other = other_buf;
  c.n_other = 1;
  for (int i = 0; i < 2; i++) {
    cc_claim_line_adj *a = &adj_buf[i];
    strcpy(a->payer_id, "SYNFIRST");
    a->paid.cents = i ? 0 : 10000;
    strcpy(a->proc, lines_buf[i].proc);
    a->units_milli = lines_buf[i].units_milli;
    a->adjudicated = cc_date_days(2026, 4, 1);
    a->n_cas = 1;
    strcpy(a->cas[0].group, i ? "CO" : "PR");
    strcpy(a->cas[0].reason, i ? "45" : "1");
    a->cas[0].amount.cents = i ? 8050 : 2500;
    lines_buf[i].adj = a;
    lines_buf[i].n_adj = 1;
  }
  check_one(&c, "secondary 837P with COB", &b);
  if (b && b->n) {
    same_claim(&c, b->c[0]);
    CHECK_INT(b->c[0]->other[0].n_cas, 3);
    CHECK_INT(b->c[0]->lines[0].adj[0].paid.cents, 10000);
  }
  if (b) got_free(b);
  /* tertiary: two other payers */
  c.responsibility = 'T';
  other_buf[1] = other_buf[0];
  other_buf[1].responsibility = 'S';
  strcpy(other_buf[1].payer.id, "SYNSECOND");
  strcpy(other_buf[1].payer.last, "SECOND SYNTHETIC PAYER");
  /* adjudicated at the claim level only: 205.50 = 20 paid + OA 23 185.50 */
  other_buf[1].paid.cents = 2000;
  other_buf[1].n_cas = 1;
  strcpy(other_buf[1].cas[0].group, "OA");
  strcpy(other_buf[1].cas[0].reason, "23");
  other_buf[1].cas[0].amount.cents = 18550;
  c.n_other = 2;
  check_one(&c, "tertiary 837P", &b);
  if (b && b->n) same_claim(&c, b->c[0]);
  if (b) got_free(b);
  /* institutional, with a value code and a corrected type of bill */
  base_claim(&c, 'I');
  c.n_inst_codes = 1;
  strcpy(c.inst_codes[0].qual, "BE");
  strcpy(c.inst_codes[0].code, "A2");
  c.inst_codes[0].has_amount = true;
  c.inst_codes[0].amount.cents = 1531;
  check_one(&c, "original 837I", &b);
  if (b && b->n) {
    same_claim(&c, b->c[0]);
    CHECK_STR(b->c[0]->type_of_bill, "0131");
    CHECK_INT(b->c[0]->inst_codes[0].amount.cents, 1531);
  }
  if (b) got_free(b);
  c.frequency = '7';
  strcpy(c.payer_claim_no, "ICN-77");
  check_one(&c, "corrected 837I", &b);
  if (b && b->n) CHECK_STR(b->c[0]->type_of_bill, "0137");
  if (b) got_free(b);
}

static void test_batch_and_refusals(void) {
  static cc_claim a, b2, d;
  static cc_claim_line la[2], lb[2];
  base_claim(&a, 'P');
  memcpy(la, lines_buf, sizeof la);
  a.lines = la;
  base_claim(&b2, 'P');
  memcpy(lb, lines_buf, sizeof lb);
  b2.lines = lb;
  strcpy(b2.pcn, "SYN-0002");
  strcpy(b2.billing.last, "OTHER SYNTHETIC CLINIC");
  strcpy(b2.billing.id, "1234567893");
  b2.has_patient = true;
  strcpy(b2.relationship, "01");
  b2.patient = a.subscriber;
  strcpy(b2.patient.name.first, "SPOUSE");
  const cc_claim *v[3] = {&a, &b2, &a};
  uint32_t errs, seg[3] = {0};
  size_t len = 0;
  char *x = write_validate(v, 3, "batch of 3", &errs, &len, seg);
  CHECK_INT(errs, 0);
  if (x) {
    /* each claim's CLM is where clm_seg says: count segments by hand */
    uint32_t n = 0;
    for (char *p = x, *t; (t = strchr(p, '~')); p = t + 1) {
      n++;
      while (*p == '\n') p++;
      for (int k = 0; k < 3; k++)
        if (seg[k] == n) CHECK(strncmp(p, "CLM*", 4) == 0);
    }
    CHECK(seg[0] && seg[1] && seg[2]);
    CHECK(seg[0] != seg[2]);
    got *g = parse_buf(x, len);
    CHECK_INT(g->n, 3);
    got_free(g);
    /* control numbers from the caller */
    CHECK(strstr(x, "*000000123*") != NULL);
    CHECK(strstr(x, "GS*HC*SUB0001*RCV0001*20261120*0905*45*X*005010X222A1~") !=
          NULL);
    CHECK(strstr(x, "ST*837*0006*005010X222A1~") != NULL);
  }
  free(x);
  cc_buf out;
  cc_buf_init(&out, 1u << 20);
  cc_err e;
  cc_claims_envelope env = env_for_tests();
  /* a correction without the payer's claim number is refused */
  base_claim(&d, 'P');
  d.frequency = '7';
  const cc_claim *one[1] = {&d};
  CHECK_INT(cc_claims_write(one, 1, &env, &out, NULL, &e), CC_E_INVALID);
  CHECK(strstr(e.detail, "SYN-0001") != NULL);
  CHECK_INT(out.n, 0);
  /* a delimiter inside a name would break the file */
  base_claim(&d, 'P');
  strcpy(d.subscriber.name.last, "O*BRIEN");
  CHECK_INT(cc_claims_write(one, 1, &env, &out, NULL, &e), CC_E_INVALID);
  CHECK_INT(out.n, 0);
  /* 837P and 837I claims do not mix in one interchange */
  static cc_claim inst;
  base_claim(&d, 'P');
  base_claim(&inst, 'I');
  const cc_claim *mixed[2] = {&d, &inst};
  CHECK_INT(cc_claims_write(mixed, 2, &env, &out, NULL, &e), CC_E_INVALID);
  cc_buf_free(&out);
}

int main(void) {
  /* The sample tests index the claims they expect; without the samples
   * they would read through NULL claims, so they are reported, not run. */
  if (access(sample("837P/lfh__demo.cob.example3.B.837"), R_OK) == 0) {
    RUN(test_cob_professional);
    RUN(test_institutional);
    RUN(test_many_sets_and_groups);
    RUN(test_bom_crlf_and_drug);
    RUN(test_defective_files);
    RUN(test_dx_pointer_problems);
    RUN(test_samples_round_trip);
  } else {
    t_fail++;
    printf("not ok - shared 837 samples: cannot read %s; set CC_SHARED to "
           "the shared folder (tests/run uses ../shared)\n",
           sample("837P/lfh__demo.cob.example3.B.837"));
  }
  RUN(test_written_shapes);
  RUN(test_batch_and_refusals);
  TEST_MAIN_END();
}
