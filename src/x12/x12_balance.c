/* x12_balance.c - WEDI SNIP 3: the amounts of a transaction set must add
 * up. 837: CLM02 equals the sum of the claim's line charges, and each other
 * payer's (COB) amounts balance (TR3 1.4.4, see cob_line_end/cob_claim_end).
 * 835 (TR3 section 1.10.2): BPR02 equals the sum of CLP04 less the PLB
 * adjustments; CLP03 - CLP04 equals the claim- and line-level CAS amounts;
 * SVC02 - SVC03 equals the line's CAS amounts. Every amount is cc_money
 * (integer cents). */
#include <stdarg.h>
#include <string.h>

#include "x12/x12_int.h"

/* Parse an amount element; false (and the element check reports it) when
 * absent or malformed. */
static bool amount(const cc_x12_item *it, unsigned pos, cc_money *out) {
  const cc_x12_seg *seg = it->seg;
  if (pos > seg->nel) return false;
  cc_slice s = seg->el[pos];
  if (s.n == 0) return false;
  /* The usual amount ("125.5", "-3", "1484.85"): at most 15 characters,
   * so no overflow is possible; anything else takes the full parser. */
  if (s.n <= 15) {
    const char *p = s.p, *end = s.p + s.n, *d0;
    bool neg = *p == '-';
    p += neg;
    d0 = p;
    int64_t c = 0;
    for (unsigned d; p < end && (d = (unsigned)(*p - '0')) <= 9; p++)
      c = c * 10 + d;
    bool digits = p > d0;
    c *= 100;
    if (p < end && *p == '.') { /* up to two decimals */
      p++;
      unsigned d;
      if (p < end && (d = (unsigned)(*p - '0')) <= 9) {
        c += 10 * d, p++, digits = true;
        if (p < end && (d = (unsigned)(*p - '0')) <= 9) c += d, p++;
      }
    }
    if (p == end && digits) {
      out->cents = neg ? -c : c;
      return true;
    }
  }
  cc_err e;
  return cc_money_parse(s, out, &e) == CC_OK;
}

static void add(cc_money *acc, cc_money x, bool *bad) {
  if (cc_money_add(acc, x) != CC_OK) *bad = true;
}

/* ---- 837 */

/* "amount unaccounted" or "amount too much": what is left of want - got. */
static const char *left_text(cc_money want, cc_money got, char *buf) {
  int64_t d = want.cents - got.cents;
  char a[24];
  snprintf(buf, 48, "%s %s", cc_money_fmt(CC_MONEY(d < 0 ? -d : d), a),
           d < 0 ? "too much" : "unaccounted");
  return buf;
}

/* An error at an earlier segment's element, the detail formatted. */
static void report(x12_vctx *v, const x12_mark *m, uint16_t elem,
                   const char *msg, const char *fmt, ...) CC_PRINTF(5, 6);
static void report(x12_vctx *v, const x12_mark *m, uint16_t elem,
                   const char *msg, const char *fmt, ...) {
  cc_x12_finding f;
  x12_finding_mark(&f, v, m, CC_SEV_ERROR, 3, msg);
  f.where.elem_pos = elem;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(f.where.detail, sizeof f.where.detail, fmt, ap);
  va_end(ap);
  x12_emit(v, &f);
}

/* A payer id to quote: ids run to 80 bytes, a message has 160. */
static const char *who(const x12_cob_payer *p) {
  return p->id[0] ? p->id : "(no 2330B NM109)";
}

/* TR3 1.4.4 (837P X222A1 and 837I X223A2 alike), service line level: for
 * each other payer, the line charge (SV102; SV203 on 837I) equals that
 * payer's line paid amount (2430 SVD02) plus its 2430 CAS adjustments.
 * An unbundled line has several 2430 loops of one payer, which balance
 * together (X12 RFI 1555), so the amounts are summed per payer. */
static void cob_line_end(x12_vctx *v) {
  x12_balance *b = &v->bal;
  if (!b->line_open) return;
  b->line_open = false;
  for (unsigned i = 0; i < b->npayer; i++) {
    if (!(b->line_seen >> i & 1)) continue;
    x12_cob_payer *p = &b->payer[i];
    p->has_svd = true;
    bool bad = p->bad;
    add(&p->svd_paid, b->lpaid[i], &p->bad);
    add(&p->line_cas, b->lcas[i], &p->bad);
    cc_money got = b->lpaid[i];
    if (bad || b->line_bad || cc_money_add(&got, b->lcas[i]) != CC_OK ||
        got.cents == b->line_charge.cents)
      continue;
    p->off = true;
    char c[24], pd[24], ad[24], t[24], l[48];
    report(v, &b->lsvd[i], 2,
           "other payer's line adjudication does not balance",
           "2430 SVD for payer %.24s: line charge %s but paid %s + "
           "adjustments %s = %s, %s",
           who(p), cc_money_fmt(b->line_charge, c),
           cc_money_fmt(b->lpaid[i], pd), cc_money_fmt(b->lcas[i], ad),
           cc_money_fmt(got, t), left_text(b->line_charge, got, l));
  }
  b->line_seen = 0;
}

/* TR3 1.4.4, claim level, per other payer with a 2320 AMT*D (paid amount):
 * - with line-level payments (2430 SVD) of that payer: AMT*D equals the
 *   sum of its SVD02 less its 2320 CAS adjustments (1.4.4.1, the
 *   calculation quoted in X12 RFI 1294, which adds that it applies only
 *   when line-level payment information exists);
 * - always: CLM02 equals AMT*D plus that payer's 2320 and 2430 CAS
 *   adjustments (the second CLM02 calculation of RFI 1294; RFI 1115).
 * One problem, one finding: a payer's line reported off (its SVD02 is in
 * the first sum too), an SVD01 that names no payer (whose sums it belongs
 * to is unknown) or CLM02 off its lines would unbalance these as well, so
 * they are judged only without those. When the lines balance and each
 * carries the payer's SVD, the second follows from the first: it is then
 * reported only when a line lacks the payer's 2430. */
static void cob_claim_end(x12_vctx *v) {
  x12_balance *b = &v->bal;
  if (b->unmatched) return;
  bool total_ok = !b->clm_bad && b->clm_total.cents == b->line_sum.cents;
  for (unsigned i = 0; i < b->npayer; i++) {
    x12_cob_payer *p = &b->payer[i];
    if (!p->has_d || p->bad || p->off) continue;
    char a[24], c[24], d[24], e[24], t[24], l[48];
    if (p->has_svd) {
      cc_money want = p->svd_paid;
      if (cc_money_sub(&want, p->claim_cas) != CC_OK) continue;
      if (want.cents != p->amt_d.cents) {
        report(v, &p->amt, 2, "other payer's claim payment does not balance",
               "2320 AMT*D for payer %.24s: paid %s but line payments %s - "
               "claim adjustments %s = %s, %s",
               who(p), cc_money_fmt(p->amt_d, a),
               cc_money_fmt(p->svd_paid, c), cc_money_fmt(p->claim_cas, d),
               cc_money_fmt(want, t), left_text(want, p->amt_d, l));
        continue;
      }
      if (!total_ok) continue;
    } else if (b->clm_bad) {
      continue;
    }
    cc_money got = p->amt_d;
    if (cc_money_add(&got, p->claim_cas) != CC_OK ||
        cc_money_add(&got, p->line_cas) != CC_OK ||
        got.cents == b->clm_total.cents)
      continue;
    report(v, &p->amt, 2, "other payer's amounts do not add up to the claim",
           "2320 payer %.24s: claim charge %s but paid %s + claim adj. %s + "
           "line adj. %s = %s, %s",
           who(p), cc_money_fmt(b->clm_total, a), cc_money_fmt(p->amt_d, c),
           cc_money_fmt(p->claim_cas, d), cc_money_fmt(p->line_cas, e),
           cc_money_fmt(got, t), left_text(b->clm_total, got, l));
  }
}

static void clm_total_check(x12_vctx *v) {
  x12_balance *b = &v->bal;
  if (b->clm_bad || b->clm_total.cents == b->line_sum.cents) return;
  char a[24], c[24];
  report(v, &b->clm, 2,
         "claim total does not equal the sum of its line charges",
         "CLM02 claim total %s does not equal the sum of the service line "
         "charges %s",
         cc_money_fmt(b->clm_total, a), cc_money_fmt(b->line_sum, c));
}

/* A claim with other payers ends. The cob_ functions are kept out of line
 * so that x12_balance_seg and clm_end stay small for the common claim
 * without other payers (fewer registers saved on every call). */
static __attribute__((noinline)) void cob_clm_end(x12_vctx *v) {
  x12_balance *b = &v->bal;
  cob_line_end(v);
  clm_total_check(v);
  cob_claim_end(v);
  b->npayer = 0;
  b->unmatched = false;
  b->phase = 0;
  b->cur = -1;
}

static void clm_end(x12_vctx *v) {
  x12_balance *b = &v->bal;
  if (!b->clm_open) return;
  b->clm_open = false;
  v->bal_filter = b->kf_base;
  if (b->npayer) cob_clm_end(v);
  else clm_total_check(v);
}

/* The 2320/2330B/2430 segments of a claim with other payers. */
static __attribute__((noinline)) void cob_seg(x12_vctx *v,
                                             const cc_x12_item *it,
                                             uint32_t k) {
  x12_balance *b = &v->bal;
  const cc_x12_seg *seg = it->seg;
  cc_money m;
  if (k == X12_KEY('S', 'B', 'R')) {
    /* An SBR inside a claim opens a 2320 (the 2000B SBR comes before). */
    x12_kf_add(&v->bal_filter, X12_KEY('C', 'A', 'S'));
    x12_kf_add(&v->bal_filter, X12_KEY('A', 'M', 'T'));
    x12_kf_add(&v->bal_filter, X12_KEY('N', 'M', '1'));
    x12_kf_add(&v->bal_filter, X12_KEY('S', 'V', 'D'));
    b->phase = 1;
    b->cur = -1;
    if (b->npayer == X12_COB_MAX) return; /* the reader reports repeats */
    b->cur = (int8_t)b->npayer++;
    memset(&b->payer[b->cur], 0, sizeof b->payer[b->cur]);
    return;
  }
  if (b->cur < 0) return;
  x12_cob_payer *p = &b->payer[b->cur];
  if (k == X12_KEY('C', 'A', 'S')) {
    if (b->phase != 1 && b->phase != 3) return;
    /* CAS03, 06, 09, 12, 15, 18: the adjustment amounts. */
    cc_money sum = CC_MONEY(0);
    bool bad = false;
    for (unsigned pos = 3; pos <= 18 && pos <= seg->nel; pos += 3) {
      if (seg->el[pos].n == 0) continue;
      if (amount(it, pos, &m)) add(&sum, m, &bad);
      else bad = true;
    }
    if (b->phase == 1) {
      add(&p->claim_cas, sum, &p->bad);
      p->bad |= bad;
    } else {
      add(&b->lcas[b->cur], sum, &p->bad);
      p->bad |= bad;
    }
  } else if (k == X12_KEY('A', 'M', 'T')) {
    if (b->phase != 1 || seg->nel < 2 || seg->el[1].n != 1 ||
        seg->el[1].p[0] != 'D')
      return;
    p->has_d = true;
    if (!amount(it, 2, &p->amt_d)) p->bad = true;
    x12_mark_here(&p->amt, it);
  } else if (k == X12_KEY('N', 'M', '1')) {
    /* 2330B Other Payer Name: NM109 is what the 2430 SVD01 names. */
    if (b->phase != 1 || seg->nel < 9 || seg->el[1].n != 2 ||
        memcmp(seg->el[1].p, "PR", 2) != 0)
      return;
    size_t n = seg->el[9].n < sizeof p->id ? seg->el[9].n : sizeof p->id - 1;
    memcpy(p->id, seg->el[9].p, n);
    p->id[n] = '\0';
  }
}

/* A service line of a claim with other payers opens: its charge is SV102
 * (837P), SV203 (837I) or SV302 (837D). */
static __attribute__((noinline)) void cob_line_start(x12_vctx *v, bool ok,
                                                    cc_money charge) {
  x12_balance *b = &v->bal;
  cob_line_end(v);
  b->line_open = true;
  b->line_bad = !ok;
  b->line_charge = ok ? charge : CC_MONEY(0);
  b->phase = 2;
  b->cur = -1;
}

/* 2430 SVD: which other payer, and its paid amount for the open line. */
static __attribute__((noinline)) void cob_svd(x12_vctx *v,
                                             const cc_x12_item *it) {
  x12_balance *b = &v->bal;
  const cc_x12_seg *seg = it->seg;
  b->phase = 3;
  b->cur = -1;
  if (!b->line_open) return;
  cc_slice id = seg->nel >= 1 ? seg->el[1] : (cc_slice){0};
  for (unsigned i = 0; i < b->npayer; i++)
    if (strlen(b->payer[i].id) == id.n &&
        memcmp(b->payer[i].id, id.p, id.n) == 0) {
      b->cur = (int8_t)i;
      break;
    }
  if (b->cur < 0) {
    /* SVD01 "indicates the Other Payer by matching the appropriate Other
     * Payer Primary Identifier (Loop ID-2330B, element NM109)" (X222A1,
     * X223A2): without that payer this line's amounts balance against
     * nothing. */
    x12_mark at;
    x12_mark_here(&at, it);
    report(v, &at, 1, "line adjudication names no other payer of the claim",
           "2430 SVD01 '%.*s' matches no 2330B other payer (NM109) of this "
           "claim, so its payment and adjustments cannot be balanced",
           (int)(id.n < 24 ? id.n : 24), id.p ? id.p : "");
    b->unmatched = true;
    return;
  }
  unsigned i = (unsigned)b->cur;
  cc_money m;
  if (!(b->line_seen >> i & 1)) {
    b->line_seen |= (uint16_t)(1u << i);
    b->lpaid[i] = CC_MONEY(0);
    b->lcas[i] = CC_MONEY(0);
    x12_mark_here(&b->lsvd[i], it);
  }
  if (amount(it, 2, &m)) add(&b->lpaid[i], m, &b->payer[i].bad);
  else b->payer[i].bad = true;
}

/* ---- 835 */

static void svc_end(x12_vctx *v) {
  x12_balance *b = &v->bal;
  if (!b->svc_open) return;
  b->svc_open = false;
  cc_money d = b->svc02;
  if (b->svc_bad || cc_money_sub(&d, b->svc03) != CC_OK) return;
  if (d.cents == b->svc_cas.cents) return;
  char a[24], c[24];
  report(v, &b->svc, 3, "service line does not balance",
         "SVC02 charge minus SVC03 paid is %s but the line's CAS "
         "adjustments total %s",
         cc_money_fmt(d, a), cc_money_fmt(b->svc_cas, c));
}

static void clp_end(x12_vctx *v) {
  x12_balance *b = &v->bal;
  svc_end(v);
  if (!b->clp_open) return;
  b->clp_open = false;
  cc_money d = b->clp03;
  if (b->clp_bad || cc_money_sub(&d, b->clp04) != CC_OK) return;
  if (d.cents == b->clp_cas.cents) return;
  char a[24], c[24];
  report(v, &b->clp, 4, "claim payment does not balance",
         "CLP03 charge minus CLP04 paid is %s but the claim and line CAS "
         "adjustments total %s",
         cc_money_fmt(d, a), cc_money_fmt(b->clp_cas, c));
}

x12_kfilter x12_balance_filter(int kind) {
  /* The ids x12_balance_seg below looks at, per kind. */
  static const uint32_t k837[] = {X12_KEY('C', 'L', 'M'), X12_KEY('H', 'L', 0),
                                  X12_KEY('S', 'E', 0),   X12_KEY('S', 'V', '1'),
                                  X12_KEY('S', 'V', '2'), X12_KEY('S', 'V', '3')};
  static const uint32_t k835[] = {X12_KEY('B', 'P', 'R'), X12_KEY('C', 'L', 'P'),
                                  X12_KEY('S', 'V', 'C'), X12_KEY('C', 'A', 'S'),
                                  X12_KEY('L', 'X', 0),   X12_KEY('P', 'L', 'B'),
                                  X12_KEY('S', 'E', 0)};
  x12_kfilter f = {0, 0};
  if (kind == 837)
    for (size_t i = 0; i < sizeof k837 / sizeof *k837; i++) x12_kf_add(&f, k837[i]);
  if (kind == 835)
    for (size_t i = 0; i < sizeof k835 / sizeof *k835; i++) x12_kf_add(&f, k835[i]);
  return f;
}

void x12_balance_seg(x12_vctx *v, const cc_x12_item *it) {
  x12_balance *b = &v->bal;
  uint32_t k = v->r->key;
  cc_money m;
  if (v->kind == 837) {
    if (k == X12_KEY('C', 'L', 'M')) {
      clm_end(v);
      /* clm_end put the filter back: SBR is looked at inside a claim */
      b->kf_base = v->bal_filter;
      x12_kf_add(&v->bal_filter, X12_KEY('S', 'B', 'R'));
      b->clm_open = true;
      b->clm_bad = !amount(it, 2, &b->clm_total);
      b->line_sum = CC_MONEY(0);
      x12_mark_here(&b->clm, it);
    } else if (k == X12_KEY('H', 'L', 0) || k == X12_KEY('S', 'E', 0)) {
      clm_end(v);
    } else if (!b->clm_open) {
      return;
    } else if (k == X12_KEY('S', 'V', '1') || k == X12_KEY('S', 'V', '3')) {
      bool ok = amount(it, 2, &m);
      if (ok) add(&b->line_sum, m, &b->clm_bad);
      else b->clm_bad = true;
      if (b->npayer) cob_line_start(v, ok, m);
    } else if (k == X12_KEY('S', 'V', '2')) {
      bool ok = amount(it, 3, &m);
      if (ok) add(&b->line_sum, m, &b->clm_bad);
      else b->clm_bad = true;
      if (b->npayer) cob_line_start(v, ok, m);
    } else if (k == X12_KEY('S', 'V', 'D')) {
      if (b->npayer) cob_svd(v, it);
    } else {
      cob_seg(v, it, k);
    }
    return;
  }
  if (v->kind != 835) return;
  if (k == X12_KEY('B', 'P', 'R')) {
    b->bpr_seen = true;
    b->bpr_bad = !amount(it, 2, &b->bpr02);
    x12_mark_here(&b->bpr, it);
  } else if (k == X12_KEY('C', 'L', 'P')) {
    clp_end(v);
    b->clp_open = true;
    b->clp_bad = !amount(it, 3, &b->clp03) || !amount(it, 4, &b->clp04);
    if (!b->clp_bad) add(&b->clp04_sum, b->clp04, &b->bpr_bad);
    else b->bpr_bad = true;
    b->clp_cas = CC_MONEY(0);
    x12_mark_here(&b->clp, it);
  } else if (k == X12_KEY('S', 'V', 'C')) {
    svc_end(v);
    b->svc_open = true;
    b->svc_bad = !amount(it, 2, &b->svc02) || !amount(it, 3, &b->svc03);
    b->svc_cas = CC_MONEY(0);
    x12_mark_here(&b->svc, it);
  } else if (k == X12_KEY('C', 'A', 'S')) {
    /* CAS03, 06, 09, 12, 15, 18: the adjustment amounts. */
    for (unsigned p = 3; p <= 18 && p <= it->seg->nel; p += 3) {
      if (it->seg->el[p].n == 0) continue;
      if (!amount(it, p, &m)) {
        b->clp_bad = b->svc_bad = true;
        continue;
      }
      if (b->svc_open) add(&b->svc_cas, m, &b->svc_bad);
      if (b->clp_open) add(&b->clp_cas, m, &b->clp_bad);
    }
  } else if (k == X12_KEY('L', 'X', 0) || k == X12_KEY('P', 'L', 'B') || k == X12_KEY('S', 'E', 0)) {
    clp_end(v);
    if (k == X12_KEY('P', 'L', 'B')) {
      /* PLB04, 06, 08, 10, 12, 14: provider adjustment amounts. */
      for (unsigned p = 4; p <= 14 && p <= it->seg->nel; p += 2) {
        if (it->seg->el[p].n == 0) continue;
        if (amount(it, p, &m)) add(&b->plb_sum, m, &b->bpr_bad);
        else b->bpr_bad = true;
      }
    }
  }
}

void x12_balance_end_set(x12_vctx *v) {
  x12_balance *b = &v->bal;
  clm_end(v);
  clp_end(v);
  if (v->kind == 835 && b->bpr_seen && !b->bpr_bad) {
    cc_money want = b->clp04_sum;
    if (cc_money_sub(&want, b->plb_sum) == CC_OK &&
        want.cents != b->bpr02.cents) {
      char a[24], c[24], d[24];
      report(v, &b->bpr, 2, "payment total does not balance",
             "BPR02 payment %s does not equal the claim payments (CLP04) %s "
             "less the provider adjustments (PLB) %s",
             cc_money_fmt(b->bpr02, a), cc_money_fmt(b->clp04_sum, c),
             cc_money_fmt(b->plb_sum, d));
    }
  }
  b->bpr_seen = false;
}
