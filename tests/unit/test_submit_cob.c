/* test_submit_cob.c - coordination of benefits end to end: a patient with a
 * primary and a secondary coverage, the primary claim built and submitted,
 * the primary's 835 (written by hand below) received and posted, then the
 * secondary claim built (cc_claims_build_next) and submitted: its 837
 * validates and its 2320/2330B/2430 loops carry the 835's amounts, worked
 * out by hand. Then the secondary's 835 (OA 23, which posting ignores, and
 * PR) and the tertiary claim: both earlier payers' loops balance. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

static cc_store *db;
static char dir[64];

static void import(cc_import_kind k, const char *file) {
  char path[256];
  snprintf(path, sizeof path, "tests/fixtures/%s", file);
  cc_err e;
  cc_err_clear(&e);
  cc_import_result res;
  cc_code rc = cc_import_file(db, k, path, CC_IMPORT_AUTO, NULL, NULL, &res,
                              &e);
  T_REPORT(rc == CC_OK, "import %s: %s", file, e.detail);
}

/* Wrap 835 body segments (one per line) in an envelope. */
static char *x835(const char *body) {
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  int n = 2;
  for (const char *p = body; *p; p++) n += *p == '\n';
  (void)!cc_buf_puts(&b, "ISA*00*          *00*          *ZZ*PAYER          "
                         "*ZZ*SUBMIT01       *260320*1200*^*00501*000000071"
                         "*0*T*:~GS*HP*PAYER*SUBMIT01*20260320*1200*71*X*"
                         "005010X221A1~ST*835*0001~");
  for (const char *p = body; *p; p++)
    (void)!cc_buf_append(&b, *p == '\n' ? "~" : p, 1);
  (void)!cc_buf_printf(&b, "SE*%d*0001~GE*1*71~IEA*1*000000071~", n);
  return cc_buf_take(&b);
}

/* The primary (SYNPPO1) on claim CC00000001 (99213 $125.00, 97110 GP x2
 * $80.50 = $205.50):
 *   99213: CO 45 25.00, PR 1 (deductible) 20.00, paid 80.00 (125 - 45 = 80)
 *   97110: CO 45 10.50, PR 2 (coinsurance) 14.00, paid 56.00
 *   claim: PR 3 (copay) 5.00
 *   CLP04 = 80 + 56 - 5 = 131.00; CLP05 = 20 + 14 + 5 = 39.00; BPR02 131. */
static const char *PRIMARY_835 =
    "BPR*I*131*C*CHK************20260320\n"
    "TRN*1*PPO0001*1999999999\n"
    "N1*PR*SYNTHETIC PPO\n"
    "N3*PO BOX 1\n"
    "N4*SPRINGFIELD*IL*62701\n"
    "PER*BL*CLAIMS*TE*5555550199\n"
    "N1*PE*SYNTHETIC FAMILY CLINIC*XX*1111111112\n"
    "LX*1\n"
    "CLP*CC00000001*1*205.5*131*39*12*PPO-ICN-1\n"
    "CAS*PR*3*5\n"
    "NM1*QC*1*ALPHA*ANN****MI*M100\n"
    "SVC*HC:99213*125*80**1\n"
    "DTM*472*20260302\n"
    "CAS*CO*45*25\n"
    "CAS*PR*1*20\n"
    "SVC*HC:97110:GP*80.5*56**2\n"
    "DTM*472*20260302\n"
    "CAS*CO*45*10.5\n"
    "CAS*PR*2*14\n";

static int errors;
static void on_finding(void *ctx, const cc_x12_finding *f) {
  if (f->sev == CC_SEV_ERROR && errors++ < 5)
    cc_x12_finding_print(f, false, stdout);
}

typedef struct sent {
  char path[512];
  int files;
} sent;
static void on_file(void *ctx, const cc_submit_file *f) {
  sent *s = ctx;
  snprintf(s->path, sizeof s->path, "%s", f->path);
  s->files++;
}

static char *submit(size_t *n) {
  cc_err e;
  cc_err_clear(&e);
  sent s = {"", 0};
  cc_submit_result r;
  cc_code rc = cc_claims_submit(db, NULL, dir, on_file, &s, &r, &e);
  T_REPORT(rc == CC_OK, "submit: %s: %s", e.msg ? e.msg : "", e.detail);
  CHECK_INT(s.files, 1);
  if (rc || !s.files) return NULL;
  char *p = t_slurp(s.path, n);
  cc_x12_summary sum;
  errors = 0;
  CHECK_INT(cc_x12_validate_mem(p, *n, s.path, on_finding, NULL, &sum, &e),
            CC_OK);
  CHECK_INT(sum.errors, 0);
  return p;
}

typedef struct got {
  cc_arena *a;
  cc_claim *c;
} got;
static int keep(void *ctx, const cc_claim *c, const cc_claim_problem *p,
                size_t np) {
  got *g = ctx;
  g->c = cc_claims_copy(c, g->a);
  return 1;
}

/* An 835 body received as name; the result for the caller to check. */
static cc_receive_result receive(const char *body, const char *name) {
  cc_err e;
  cc_err_clear(&e);
  char *r = x835(body);
  cc_receive_result res;
  memset(&res, 0, sizeof res);
  cc_code rc = cc_remit_receive(db, r, strlen(r), name, NULL, NULL, &res, &e);
  T_REPORT(rc == CC_OK, "receive %s: %s: %s (segment %u)", name,
           e.msg ? e.msg : "", e.detail, e.seg_pos);
  free(r);
  return res;
}

/* The one claim of an 837 we sent, read back into g. */
static const cc_claim *read_back(const char *p837, size_t n,
                                 const char *name, got *g) {
  cc_err e;
  cc_claims_stats st;
  g->a = cc_arena_new(0);
  g->c = NULL;
  CHECK_INT(cc_claims_parse_mem(p837, n, name, keep, g, &st, &e), CC_OK);
  CHECK(g->c != NULL);
  return g->c;
}

static int64_t balance(const char *payer) {
  cc_ledger_balance b[8];
  size_t n = 0;
  cc_err e;
  if (cc_ledger_claim_balances(db, "CC00000001", b, 8, &n, &e)) return -1;
  for (size_t i = 0; i < n && i < 8; i++)
    if (strcmp(b[i].payer, payer) == 0) return b[i].balance.cents;
  return 0;
}

static void test_secondary_carries_primary(void) {
  cc_err e;
  cc_err_clear(&e);
  uint32_t built = 0;
  CHECK_INT(cc_claims_build(db, &built, &e), CC_OK);
  CHECK_INT(built, 1);
  CHECK_INT(cc_claims_set_status(db, 1, "ready", "test", NULL, &e), CC_OK);
  size_t n = 0;
  char *p837 = submit(&n);
  CHECK(p837 && strstr(p837, "CLM*CC00000001*205.5***11:B:1") != NULL);
  free(p837);

  /* the primary is still with its payer: no secondary claim yet */
  CHECK_INT(cc_claims_build_next(db, &built, &e), CC_OK);
  CHECK_INT(built, 0);

  cc_receive_result res = receive(PRIMARY_835, "primary.835");
  CHECK_STR(res.kind, "835");
  CHECK_INT(res.remit.claims, 1);
  CHECK_INT(res.remit.paid.cents, 13100);
  /* what the primary left moved to the secondary: 20 + 14 + 5 */
  CHECK_INT(balance("SYNPPO1"), 0);
  CHECK_INT(balance("SYNSEC2"), 3900);

  /* the lineage of the primary: the 835's CLP, SVC and CAS segments by
   * number (counted by hand in PRIMARY_835 with its envelope: ISA 1, GS 2,
   * ST 3, BPR 4 ... CLP 12, claim CAS 13, NM1 14, SVC 15, DTM 16, CAS 17,
   * CAS 18, SVC 19, DTM 20, CAS 21, CAS 22) and every ledger entry */
  cc_buf tb;
  cc_buf_init(&tb, 1 << 20);
  CHECK_INT(cc_claims_trace(db, "CC00000001", false, &tb, &e), CC_OK);
  const char *t = tb.p ? tb.p : "";
  CHECK(strstr(t, "ST02 0001") != NULL);
  CHECK(strstr(t, "CLP at segment 12: status 1, charge 205.50, paid 131.00, "
                  "patient responsibility 39.00") != NULL);
  CHECK(strstr(t, "835 SVC at segment 15 of primary.835: 99213") != NULL);
  CHECK(strstr(t, "835 SVC at segment 19 of primary.835: 97110") != NULL);
  CHECK(strstr(t, "adjustment CO-45: -25.00 (SYNPPO1) from primary.835 "
                  "segment 17") != NULL);
  CHECK(strstr(t, "transfer PR-1: 20.00 (SYNSEC2) from primary.835 segment "
                  "18") != NULL);
  CHECK(strstr(t, "transfer PR-2: -14.00 (SYNPPO1) from primary.835 segment "
                  "22") != NULL);
  CHECK(strstr(t, "transfer PR-3: 5.00 (SYNSEC2) from primary.835 segment "
                  "13") != NULL);
  tb.n = 0;
  CHECK_INT(cc_claims_trace(db, "CC00000001", true, &tb, &e), CC_OK);
  t = tb.p ? tb.p : "";
  CHECK(strstr(t, "\"segment_index\":12,\"status_code\":\"1\",\"charge_cents\":"
                  "20550,\"paid_cents\":13100,\"patient_resp_cents\":3900") !=
        NULL);
  CHECK(strstr(t, "\"segment_index\":15,\"code\":\"99213\",\"charge_cents\":"
                  "12500,\"paid_cents\":8000") != NULL);
  CHECK(strstr(t, "\"kind\":\"adjustment\",\"payer_id\":\"SYNPPO1\","
                  "\"group_code\":\"CO\",\"reason_code\":\"45\","
                  "\"amount_cents\":-1050") != NULL);
  cc_buf_free(&tb);

  /* the secondary claim: the same charge lines, the next coverage, made
   * by `claims build` now that the primary's payer has answered and
   * SYNSEC2 owes 39.00 on it; once only */
  CHECK_INT(cc_claims_build_next(db, &built, &e), CC_OK);
  CHECK_INT(built, 1);
  CHECK_INT(cc_claims_build_next(db, &built, &e), CC_OK);
  CHECK_INT(built, 0);
  cc_arena *a = cc_arena_new(0);
  cc_claim *sc = NULL;
  CHECK_INT(cc_claims_load(db, 2, a, &sc, &e), CC_OK);
  if (sc) {
    CHECK_STR(sc->pcn, "CC00000002");
    CHECK_STR(sc->status, "built");
    CHECK_INT(sc->responsibility, 'S');
    CHECK_STR(sc->payer.id, "SYNSEC2");
    CHECK_INT(sc->n_lines, 2);
    if (sc->n_lines == 2) {
      CHECK_INT(sc->lines[0].charge_line_id, 1);
      CHECK_INT(sc->lines[1].charge_line_id, 2);
    }
    CHECK_INT(sc->total.cents, 20550);
  }
  cc_arena_free(a);
  /* the primary's lineage names its secondary, and the secondary its
   * primary, text and JSON */
  cc_buf_init(&tb, 1 << 20);
  CHECK_INT(cc_claims_trace(db, "CC00000001", false, &tb, &e), CC_OK);
  CHECK(tb.p && strstr(tb.p, "\nsecondary claim CC00000002 (id 2) to SYNSEC2, "
                             "status built\n") != NULL);
  tb.n = 0;
  CHECK_INT(cc_claims_trace(db, "CC00000002", false, &tb, &e), CC_OK);
  CHECK(tb.p && strstr(tb.p, "\nprimary claim CC00000001 (id 1) to SYNPPO1, "
                             "status paid\n") != NULL);
  tb.n = 0;
  CHECK_INT(cc_claims_trace(db, "CC00000002", true, &tb, &e), CC_OK);
  CHECK(tb.p && strstr(tb.p, "\"cob_claims\":[{\"id\":1,\"control_number\":"
                             "\"CC00000001\",\"responsibility\":\"primary\","
                             "\"payer_id\":\"SYNPPO1\"") != NULL);
  cc_buf_free(&tb);
  CHECK_INT(cc_claims_set_status(db, 2, "ready", "test", NULL, &e), CC_OK);
  p837 = submit(&n);
  if (!p837) return;
  /* the secondary 837 read back: one other payer, the primary */
  got g;
  const cc_claim *c = read_back(p837, n, "secondary.837", &g);
  if (c) {
    CHECK_STR(c->pcn, "CC00000002");
    CHECK_STR(c->payer.id, "SYNSEC2");
    CHECK_INT(c->responsibility, 'S');
    CHECK_INT(c->n_other, 1);
  }
  if (c && c->n_other == 1) {
    const cc_claim_other_payer *o = &c->other[0];
    CHECK_INT(o->responsibility, 'P');
    CHECK_STR(o->payer.id, "SYNPPO1");
    CHECK_STR(o->subscriber.id, "M100");
    CHECK(o->has_paid);
    CHECK_INT(o->paid.cents, 13100);          /* CLP04 */
    CHECK(o->has_remaining);
    CHECK_INT(o->remaining.cents, 3900);      /* CLP05 */
    CHECK_INT(o->adjudicated, cc_date_days(2026, 3, 20)); /* BPR16 */
    CHECK_STR(o->payer_claim_no, "PPO-ICN-1"); /* CLP07 */
    /* the claim-level CAS: the copay */
    CHECK_INT(o->n_cas, 1);
    if (o->n_cas) {
      CHECK_STR(o->cas[0].group, "PR");
      CHECK_STR(o->cas[0].reason, "3");
      CHECK_INT(o->cas[0].amount.cents, 500);
    }
  }
  if (c && c->n_lines == 2) {
    const cc_claim_line *l1 = &c->lines[0], *l2 = &c->lines[1];
    CHECK_INT(l1->n_adj, 1);
    CHECK_INT(l2->n_adj, 1);
    if (l1->n_adj) {
      const cc_claim_line_adj *a1 = &l1->adj[0];
      CHECK_STR(a1->payer_id, "SYNPPO1");
      CHECK_INT(a1->paid.cents, 8000);
      CHECK_STR(a1->proc, "99213");
      CHECK_INT(a1->units_milli, 1000);
      CHECK_INT(a1->adjudicated, cc_date_days(2026, 3, 20));
      CHECK_INT(a1->n_cas, 2);
      if (a1->n_cas == 2) {
        CHECK_STR(a1->cas[0].group, "CO");
        CHECK_STR(a1->cas[0].reason, "45");
        CHECK_INT(a1->cas[0].amount.cents, 2500);
        CHECK_STR(a1->cas[1].group, "PR");
        CHECK_STR(a1->cas[1].reason, "1");
        CHECK_INT(a1->cas[1].amount.cents, 2000);
      }
      /* what the line's own figures must add up to: 125 = 80 + 25 + 20 */
    }
    if (l2->n_adj) {
      const cc_claim_line_adj *a2 = &l2->adj[0];
      CHECK_INT(a2->paid.cents, 5600);
      CHECK_STR(a2->proc, "97110");
      CHECK_STR(a2->mod[0], "GP");
      CHECK_INT(a2->units_milli, 2000);
      CHECK_INT(a2->n_cas, 2);
      if (a2->n_cas == 2) {
        CHECK_STR(a2->cas[0].group, "CO");
        CHECK_INT(a2->cas[0].amount.cents, 1050);
        CHECK_STR(a2->cas[1].group, "PR");
        CHECK_STR(a2->cas[1].reason, "2");
        CHECK_INT(a2->cas[1].amount.cents, 1400);
      }
    }
  } else {
    T_REPORT(0, "secondary claim has %u lines, want 2", c ? c->n_lines : 0);
  }
  /* the segments as the guide spells them */
  CHECK(strstr(p837, "SBR*P*18*G1******CI~") != NULL);
  CHECK(strstr(p837, "AMT*D*131~") != NULL);
  CHECK(strstr(p837, "AMT*EAF*39~") != NULL);
  CHECK(strstr(p837, "SVD*SYNPPO1*80*HC:99213**1~") != NULL);
  CHECK(strstr(p837, "SVD*SYNPPO1*56*HC:97110:GP**2~") != NULL);
  CHECK(strstr(p837, "DTP*573*D8*20260320~") != NULL);
  cc_arena_free(g.a);
  free(p837);
  /* the secondary's submission did not put the charges on the books a
   * second time: the encounter owes $205.50 once, and the books hold */
  cc_ledger_summary sum;
  CHECK_INT(cc_ledger_check(db, NULL, NULL, &sum, &e), CC_OK);
  CHECK_INT(sum.broken, 0);
  CHECK_INT(sum.charges.cents, 20550);
  CHECK_INT(balance("SYNSEC2"), 3900);
  /* the secondary is with its payer and there is no tertiary coverage */
  CHECK_INT(cc_claims_build_next(db, &built, &e), CC_OK);
  CHECK_INT(built, 0);
}

/* The secondary (SYNSEC2) on CC00000002, owing 39.00 (20 + 14 + 5):
 *   99213 125.00: paid 12.00, OA 23 105.00, PR 2 8.00 (125 - 12 = 113)
 *   97110 80.50: paid 10.00, OA 23 66.50, PR 2 4.00 (80.50 - 10 = 70.50)
 *   CLP04 = 12 + 10 = 22.00; CLP05 = 8 + 4 = 12.00; BPR02 22.
 *   CLP03 - CLP04 = 183.50 = 105 + 8 + 66.50 + 4.
 * Posting: PR 8 and 4 move to the tertiary (SYNMCD3): 12.00; the primary's
 * copay (5.00, claim level) is not addressed and stays with SYNSEC2
 * (39 - 22 - 12 = 5). OA 23 is ignored: 171.50 of this answer never
 * reaches the ledger. */
static const char *SECONDARY_835 =
    "BPR*I*22*C*CHK************20260324\n"
    "TRN*1*SEC0001*1888888888\n"
    "N1*PR*SYNTHETIC SECONDARY PLAN\n"
    "N3*PO BOX 3\n"
    "N4*SPRINGFIELD*IL*62703\n"
    "PER*BL*CLAIMS*TE*5555550198\n"
    "N1*PE*SYNTHETIC FAMILY CLINIC*XX*1111111112\n"
    "LX*1\n"
    "CLP*CC00000002*2*205.5*22*12*12*SEC-ICN-2\n"
    "NM1*QC*1*ALPHA*ANN****MI*S200\n"
    "SVC*HC:99213*125*12**1\n"
    "DTM*472*20260302\n"
    "CAS*OA*23*105\n"
    "CAS*PR*2*8\n"
    "SVC*HC:97110:GP*80.5*10**2\n"
    "DTM*472*20260302\n"
    "CAS*OA*23*66.5\n"
    "CAS*PR*2*4\n";

/* The sum of an adjustment list, in cents. */
static int64_t cas_sum(const cc_claim_cas *c, uint16_t n) {
  int64_t t = 0;
  for (uint16_t i = 0; i < n; i++) t += c[i].amount.cents;
  return t;
}

/* Tertiary COB: the 837 to SYNMCD3 carries both earlier payers, and each
 * payer's loops balance (TR3 2320/2430: line charge = SVD02 + the line's
 * CAS; claim charge = AMT D + the claim's CAS + that payer's line CAS). */
static void test_tertiary_after_oa23(void) {
  cc_err e;
  cc_err_clear(&e);
  cc_receive_result res = receive(SECONDARY_835, "secondary.835");
  CHECK_INT(res.remit.paid.cents, 2200);
  CHECK_INT(balance("SYNSEC2"), 500);
  CHECK_INT(balance("SYNMCD3"), 1200);
  uint32_t built = 0;
  CHECK_INT(cc_claims_build_next(db, &built, &e), CC_OK);
  CHECK_INT(built, 1);
  cc_arena *a = cc_arena_new(0);
  cc_claim *tc = NULL;
  CHECK_INT(cc_claims_load(db, 3, a, &tc, &e), CC_OK);
  if (tc) {
    CHECK_STR(tc->pcn, "CC00000003");
    CHECK_INT(tc->responsibility, 'T');
    CHECK_STR(tc->payer.id, "SYNMCD3");
  }
  cc_arena_free(a);
  CHECK_INT(cc_claims_set_status(db, 3, "ready", "test", NULL, &e), CC_OK);
  size_t n = 0;
  char *p837 = submit(&n); /* validated there: zero errors */
  if (!p837) return;
  got g;
  const cc_claim *c = read_back(p837, n, "tertiary.837", &g);
  if (c) {
    CHECK_STR(c->pcn, "CC00000003");
    CHECK_INT(c->responsibility, 'T');
    CHECK_INT(c->n_other, 2);
    CHECK_INT(c->n_lines, 2);
  }
  if (c && c->n_other == 2 && c->n_lines == 2) {
    const cc_claim_other_payer *p = &c->other[0], *s2 = &c->other[1];
    CHECK_INT(p->responsibility, 'P');
    CHECK_STR(p->payer.id, "SYNPPO1");
    CHECK_INT(p->paid.cents, 13100);
    CHECK_INT(s2->responsibility, 'S');
    CHECK_STR(s2->payer.id, "SYNSEC2");
    CHECK_STR(s2->subscriber.id, "S200");
    CHECK_INT(s2->paid.cents, 2200);       /* CLP04 */
    CHECK_INT(s2->remaining.cents, 1200);  /* CLP05 */
    CHECK_INT(s2->adjudicated, cc_date_days(2026, 3, 24));
    CHECK_STR(s2->payer_claim_no, "SEC-ICN-2");
    CHECK_INT(s2->n_cas, 0);
    /* per line, the secondary's 2430 as its 835 said it */
    const int64_t paid[2] = {1200, 1000}, oa[2] = {10500, 6650},
                  pr[2] = {800, 400}, charge[2] = {12500, 8050};
    for (int i = 0; i < 2; i++) {
      const cc_claim_line *l = &c->lines[i];
      CHECK_INT(l->n_adj, 2);
      if (l->n_adj != 2) continue;
      const cc_claim_line_adj *sa = &l->adj[1];
      CHECK_STR(sa->payer_id, "SYNSEC2");
      CHECK_INT(sa->paid.cents, paid[i]);
      CHECK_INT(sa->n_cas, 2);
      if (sa->n_cas == 2) {
        CHECK_STR(sa->cas[0].group, "OA");
        CHECK_STR(sa->cas[0].reason, "23");
        CHECK_INT(sa->cas[0].amount.cents, oa[i]);
        CHECK_STR(sa->cas[1].group, "PR");
        CHECK_STR(sa->cas[1].reason, "2");
        CHECK_INT(sa->cas[1].amount.cents, pr[i]);
      }
      /* each payer's 2430 balances with the line charge (SV102) */
      for (int k = 0; k < 2; k++)
        CHECK_INT(l->adj[k].paid.cents +
                      cas_sum(l->adj[k].cas, l->adj[k].n_cas),
                  charge[i]);
    }
    /* and each payer's 2320 with CLM02: 131 + 5 + 25 + 20 + 10.50 + 14 and
     * 22 + 105 + 8 + 66.50 + 4, both 205.50 */
    for (int k = 0; k < 2; k++) {
      const cc_claim_other_payer *o = &c->other[k];
      int64_t t = o->paid.cents + cas_sum(o->cas, o->n_cas);
      for (int i = 0; i < 2; i++)
        t += cas_sum(c->lines[i].adj[k].cas, c->lines[i].adj[k].n_cas);
      CHECK_INT(t, 20550);
    }
  }
  CHECK(strstr(p837, "SBR*T*18*") != NULL);
  /* segments end "~\n" (the envelope's eol) */
  CHECK(strstr(p837, "SBR*S*18*G7******CI~\nAMT*D*22~\nAMT*EAF*12~") != NULL);
  CHECK(strstr(p837, "SVD*SYNSEC2*12*HC:99213**1~\nCAS*OA*23*105~\n"
                     "CAS*PR*2*8~") != NULL);
  CHECK(strstr(p837, "SVD*SYNSEC2*10*HC:97110:GP**2~\nCAS*OA*23*66.5~\n"
                     "CAS*PR*2*4~") != NULL);
  CHECK(strstr(p837, "DTP*573*D8*20260324~") != NULL);
  cc_arena_free(g.a);
  free(p837);
  cc_ledger_summary sum;
  CHECK_INT(cc_ledger_check(db, NULL, NULL, &sum, &e), CC_OK);
  CHECK_INT(sum.broken, 0);
  CHECK_INT(balance("SYNMCD3"), 1200);
}

int main(void) {
  char path[] = "/tmp/cc_submit_cob_XXXXXX";
  int fd = mkstemp(path);
  if (fd >= 0) close(fd);
  unlink(path);
  snprintf(dir, sizeof dir, "%s.out", path);
  mkdir(dir, 0700);
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(path, true, &db, &e) != CC_OK) {
    cc_err_print(&e, stdout);
    printf("not ok - open database\n");
    return 1;
  }
  import(CC_IMPORT_PROVIDERS, "claims/providers.csv");
  import(CC_IMPORT_PAYERS, "cycle/cob/payers.csv");
  import(CC_IMPORT_PATIENTS, "claims/patients.csv");
  import(CC_IMPORT_COVERAGES, "cycle/cob/coverages.csv");
  import(CC_IMPORT_ENCOUNTERS, "cycle/cob/encounters.json");
  cc_practice pr = {.name = "Synthetic Family Clinic", .npi = "1111111112",
                    .tax_id = "987654321", .submitter_id = "SUBMIT01",
                    .submitter_name = "SYNTHETIC FAMILY CLINIC",
                    .submitter_contact = "PAT BILLER",
                    .submitter_phone = "5555550100",
                    .receiver_id = "CLEARHOUSE",
                    .receiver_name = "CLEARING HOUSE"};
  cc_code prc = cc_claims_practice_set(db, &pr, NULL, &e);
  T_REPORT(prc == CC_OK, "practice: %s: %s", e.msg ? e.msg : "", e.detail);
  setenv("CC_TODAY", "2026-03-25", 1);
  RUN(test_secondary_carries_primary);
  RUN(test_tertiary_after_oa23);
  cc_store_close(db);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm'", dir, path,
           path, path);
  if (!getenv("CC_TEST_KEEP") && system(cmd) != 0) printf("# could not remove %s\n", dir);
  TEST_MAIN_END();
}
