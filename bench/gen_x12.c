/* gen_x12.c - deterministic generator of large synthetic 837P and 835 files
 * for the benchmarks (synthetic people only), written with the library's own
 * X12 writer so envelopes, SE01 counts and amounts are right by construction.
 *
 * Usage: gen_x12 837|835 OUT_FILE MEGABYTES
 * Same arguments, same bytes: the random generator has a fixed seed.
 * Amounts balance: 837 CLM02 = sum of SV102; 835 SVC02 - SVC03 = sum of the
 * line's CAS amounts, CLP03 = sum SVC02, CLP04 = sum SVC03, CLP05 = sum of PR
 * adjustments, BPR02 = sum CLP04 - sum PLB amounts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/x12.h"

#define CLAIMS_PER_SET 1000
#define SETS_PER_INTERCHANGE 20
#define FLUSH_AT (1u << 20)

static uint64_t rng_state = 0x5eed2026c1a1a11ull;

static uint64_t rnd(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
static int pick(int n) { return (int)(rnd() % (uint64_t)n); }

/* Tree names as surnames: obviously synthetic people. */
static const char *LAST[] = {"ALDER", "BIRCH", "CEDAR", "DOGWOOD", "ELM",
                             "FIR", "HAZEL", "JUNIPER", "LARCH", "MAPLE",
                             "OAK", "PINE", "ROWAN", "SPRUCE", "WILLOW"};
static const char *FIRST[] = {"AVA", "BEN", "CARA", "DEV", "EMMA",
                              "FINN", "GUS", "HANA", "IVO", "JUNE"};
static const char *STREET[] = {"MAIN", "OAK", "ELM", "FIRST", "LAKE", "HILL"};
static const char *CPT[] = {"99213", "99214", "99203", "36415",
                            "85025", "80053", "93000", "71046"};
static const char *DX[] = {"J069", "R05", "E119", "I10", "Z0000", "M545"};

typedef struct line {
  const char *cpt;
  int units;
  int64_t charge, paid, co, pr; /* cents; charge = paid + co + pr */
} line;

typedef struct claim {
  int nlines, last, first, dos_day, denied;
  unsigned member;
  line l[6];
  int64_t charge, paid, pr;
} claim;

/* All randomness for one claim, so the 835 can be drawn twice (once to sum
 * BPR02, once to write) with the same results. */
static void draw_claim(claim *c) {
  memset(c, 0, sizeof *c);
  c->nlines = 1 + pick(6);
  c->last = pick(15);
  c->first = pick(10);
  c->dos_day = 1 + pick(28);
  c->member = (unsigned)(rnd() % 900000000u) + 100000000u;
  c->denied = pick(20) == 0;
  for (int i = 0; i < c->nlines; i++) {
    line *l = &c->l[i];
    l->cpt = CPT[pick(8)];
    l->units = 1 + (pick(10) == 0);
    l->charge = (5000 + (int64_t)pick(35000)) * l->units; /* $50-$400 each */
    if (c->denied) {
      l->co = l->charge;
    } else {
      int64_t allowed = l->charge * (50 + pick(41)) / 100;
      l->pr = pick(3) ? 0 : (int64_t)pick(3001);
      if (l->pr > allowed) l->pr = allowed;
      l->paid = allowed - l->pr;
      l->co = l->charge - allowed;
    }
    c->charge += l->charge;
    c->paid += l->paid;
    c->pr += l->pr;
  }
}

typedef struct gen {
  FILE *out;
  cc_buf buf;
  cc_x12_writer w;
  cc_err err;
  uint64_t written;
  uint32_t claim_no;
} gen;

static void flush(gen *g, int force) {
  if (g->buf.n < FLUSH_AT && !force) return;
  if (g->buf.n && fwrite(g->buf.p, 1, g->buf.n, g->out) != g->buf.n) {
    perror("gen_x12: write");
    exit(1);
  }
  g->written += g->buf.n;
  g->buf.n = 0;
}

#define SEG(g, id, ...)                                                   \
  do {                                                                    \
    const char *v_[] = {__VA_ARGS__};                                     \
    (void)cc_x12_write(&(g)->w, id, sizeof v_ / sizeof v_[0], v_);       \
  } while (0)
#define RAW(g, id, ...)                                                   \
  do {                                                                    \
    const char *v_[] = {__VA_ARGS__};                                     \
    cc_slice s_[sizeof v_ / sizeof v_[0]];                                \
    for (size_t i_ = 0; i_ < sizeof v_ / sizeof v_[0]; i_++)              \
      s_[i_] = cc_slice_cstr(v_[i_]);                                     \
    (void)cc_x12_write_raw(&(g)->w, id, sizeof v_ / sizeof v_[0], s_);   \
  } while (0)

static void provider_837(gen *g) {
  SEG(g, "HL", "1", "", "20", "1");
  SEG(g, "PRV", "BI", "PXC", "207Q00000X");
  SEG(g, "NM1", "85", "2", "SYNTH FAMILY CLINIC", "", "", "", "", "XX", "1234567893");
  SEG(g, "N3", "100 CLINIC WAY");
  SEG(g, "N4", "SPRINGFIELD", "IL", "627010000");
  SEG(g, "REF", "EI", "991234567");
}

static void claim_837(gen *g, int hl) {
  claim c;
  draw_claim(&c);
  char h[12], member[16], street[40], pcn[20], total[24], dob[9], dos[9];
  snprintf(h, sizeof h, "%d", hl);
  snprintf(member, sizeof member, "W%u", c.member);
  snprintf(street, sizeof street, "%d %s ST", 1 + pick(9999), STREET[pick(6)]);
  snprintf(pcn, sizeof pcn, "PCN%09u", ++g->claim_no);
  snprintf(dob, sizeof dob, "19%02d%02d%02d", 30 + pick(70), 1 + pick(12), 1 + pick(28));
  snprintf(dos, sizeof dos, "202610%02d", c.dos_day);
  cc_money_x12(CC_MONEY(c.charge), total);
  SEG(g, "HL", h, "1", "22", "0");
  SEG(g, "SBR", "P", "18", "GRP1001", "", "", "", "", "", "CI");
  SEG(g, "NM1", "IL", "1", LAST[c.last], FIRST[c.first], "", "", "", "MI", member);
  SEG(g, "N3", street);
  SEG(g, "N4", "SPRINGFIELD", "IL", "62704");
  SEG(g, "DMG", "D8", dob, pick(2) ? "F" : "M");
  SEG(g, "NM1", "PR", "2", "SYNTHETIC HEALTH PLAN", "", "", "", "", "PI", "SYNPAYER1");
  RAW(g, "CLM", pcn, total, "", "", "11:B:1", "Y", "A", "Y", "Y");
  char dx1[16], dx2[16];
  snprintf(dx1, sizeof dx1, "ABK:%s", DX[pick(6)]);
  snprintf(dx2, sizeof dx2, "ABF:%s", DX[pick(6)]);
  RAW(g, "HI", dx1, dx2);
  for (int i = 0; i < c.nlines; i++) {
    char lx[4], proc[16], amt[24], units[4];
    snprintf(lx, sizeof lx, "%d", i + 1);
    snprintf(proc, sizeof proc, "HC:%s", c.l[i].cpt);
    snprintf(units, sizeof units, "%d", c.l[i].units);
    cc_money_x12(CC_MONEY(c.l[i].charge), amt);
    SEG(g, "LX", lx);
    RAW(g, "SV1", proc, amt, "UN", units, "", "", "1");
    SEG(g, "DTP", "472", "D8", dos);
  }
}

static void claim_835(gen *g, const claim *c) {
  char pcn[20], member[16], charge[24], paid[24], pr[24], ctl[20], dos[9];
  snprintf(pcn, sizeof pcn, "PCN%09u", ++g->claim_no);
  snprintf(member, sizeof member, "W%u", c->member);
  snprintf(ctl, sizeof ctl, "SYN%012u", g->claim_no);
  snprintf(dos, sizeof dos, "202610%02d", c->dos_day);
  cc_money_x12(CC_MONEY(c->charge), charge);
  cc_money_x12(CC_MONEY(c->paid), paid);
  cc_money_x12(CC_MONEY(c->pr), pr);
  SEG(g, "CLP", pcn, c->denied ? "4" : "1", charge, paid, pr, "12", ctl, "11", "1");
  SEG(g, "NM1", "QC", "1", LAST[c->last], FIRST[c->first], "", "", "", "MI", member);
  SEG(g, "DTM", "232", dos);
  for (int i = 0; i < c->nlines; i++) {
    const line *l = &c->l[i];
    char proc[16], lc[24], lp[24], units[4], a[24];
    snprintf(proc, sizeof proc, "HC:%s", l->cpt);
    snprintf(units, sizeof units, "%d", l->units);
    cc_money_x12(CC_MONEY(l->charge), lc);
    cc_money_x12(CC_MONEY(l->paid), lp);
    RAW(g, "SVC", proc, lc, lp, "", units);
    SEG(g, "DTM", "472", dos);
    if (l->co) SEG(g, "CAS", "CO", c->denied ? "50" : "45", cc_money_x12(CC_MONEY(l->co), a));
    if (l->pr) SEG(g, "CAS", "PR", "2", cc_money_x12(CC_MONEY(l->pr), a));
  }
}

static void set_835(gen *g, const char *stctl) {
  uint64_t saved = rng_state;
  int64_t total = 0;
  claim c;
  for (int i = 0; i < CLAIMS_PER_SET; i++) {
    draw_claim(&c);
    total += c.paid;
  }
  /* A provider-level withholding when there is money to withhold from. */
  int64_t plb = total > 10000 ? 2500 : 0;
  char bpr[24], plbs[24], trn[20];
  cc_money_x12(CC_MONEY(total - plb), bpr);
  snprintf(trn, sizeof trn, "EFT%s", stctl);
  SEG(g, "BPR", "I", bpr, "C", "ACH", "CCP", "01", "011000015", "DA", "123456789",
      "1512345678", "", "01", "021000021", "DA", "987654321", "20261126");
  SEG(g, "TRN", "1", trn, "1512345678");
  SEG(g, "DTM", "405", "20261126");
  SEG(g, "N1", "PR", "SYNTHETIC HEALTH PLAN");
  SEG(g, "N3", "1 PAYER PLAZA");
  SEG(g, "N4", "ANYTOWN", "CA", "900010000");
  SEG(g, "PER", "BL", "CLAIMS DEPT", "TE", "5555550100");
  SEG(g, "N1", "PE", "SYNTH FAMILY CLINIC", "XX", "1234567893");
  SEG(g, "N3", "100 CLINIC WAY");
  SEG(g, "N4", "SPRINGFIELD", "IL", "627010000");
  SEG(g, "LX", "1");
  rng_state = saved;
  for (int i = 0; i < CLAIMS_PER_SET; i++) {
    draw_claim(&c);
    claim_835(g, &c);
    flush(g, 0);
  }
  if (plb) RAW(g, "PLB", "1234567893", "20261231", "WO:SYNWH1", cc_money_x12(CC_MONEY(plb), plbs));
}

int main(int argc, char **argv) {
  if (argc != 4 || (strcmp(argv[1], "837") && strcmp(argv[1], "835"))) {
    fprintf(stderr, "usage: gen_x12 837|835 OUT_FILE MEGABYTES\n");
    return 2;
  }
  bool is837 = strcmp(argv[1], "837") == 0;
  uint64_t target = strtoull(argv[3], NULL, 10) * 1000000ull;
  gen g = {0};
  g.out = fopen(argv[2], "wb");
  if (!g.out) {
    perror(argv[2]);
    return 1;
  }
  cc_buf_init(&g.buf, 64u << 20);
  cc_x12_delims d = {.elem = '*', .rep = '^', .comp = ':', .seg = '~'};
  cc_x12_writer_init(&g.w, &g.buf, d, "", &g.err);
  uint32_t ic = 0, st = 0;
  while (g.written + g.buf.n < target) {
    cc_x12_envelope env = {
        .sender_qual = "ZZ", .sender_id = is837 ? "SYNTHCLINIC" : "SYNPAYER1",
        .receiver_qual = "ZZ", .receiver_id = is837 ? "SYNPAYER1" : "SYNTHCLINIC",
        .func_id = is837 ? "HC" : "HP",
        .version = is837 ? "005010X222A1" : "005010X221A1",
        .isa_control = ++ic, .gs_control = ic,
        .date = cc_date_days(2026, 11, 26), .hhmm = 1200, .usage = 'T'};
    (void)cc_x12_write_open(&g.w, &env);
    uint32_t sets = 0;
    while (sets < SETS_PER_INTERCHANGE && g.written + g.buf.n < target) {
      char stctl[12];
      snprintf(stctl, sizeof stctl, "%04u", ++st % 10000);
      sets++;
      if (is837) {
        (void)cc_x12_write_st(&g.w, "837", stctl, "005010X222A1");
        SEG(&g, "BHT", "0019", "00", stctl, "20261126", "1200", "CH");
        SEG(&g, "NM1", "41", "2", "SYNTH FAMILY CLINIC", "", "", "", "", "46", "SYNTHCLINIC");
        SEG(&g, "PER", "IC", "BILLING OFFICE", "TE", "5555550199");
        SEG(&g, "NM1", "40", "2", "SYNTHETIC HEALTH PLAN", "", "", "", "", "46", "SYNPAYER1");
        provider_837(&g);
        for (int i = 0; i < CLAIMS_PER_SET; i++) {
          claim_837(&g, i + 2);
          flush(&g, 0);
        }
      } else {
        (void)cc_x12_write_st(&g.w, "835", stctl, NULL);
        set_835(&g, stctl);
      }
      (void)cc_x12_write_se(&g.w, stctl);
    }
    (void)cc_x12_write_close(&g.w, &env, sets);
    if (g.w.rc) {
      cc_err_print(&g.err, stderr);
      return 1;
    }
    flush(&g, 0);
  }
  flush(&g, 1);
  fclose(g.out);
  cc_buf_free(&g.buf);
  fprintf(stderr, "gen_x12: %s: %llu bytes, %u interchanges, %u claims\n",
          argv[2], (unsigned long long)g.written, ic, g.claim_no);
  return 0;
}
