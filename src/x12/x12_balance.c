/* x12_balance.c - WEDI SNIP 3: the amounts of a transaction set must add
 * up. 837: CLM02 equals the sum of the claim's line charges. 835 (TR3
 * section 1.10.2): BPR02 equals the sum of CLP04 less the PLB adjustments;
 * CLP03 - CLP04 equals the claim- and line-level CAS amounts; SVC02 - SVC03
 * equals the line's CAS amounts. Every amount is cc_money (integer cents). */
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

static void clm_end(x12_vctx *v) {
  x12_balance *b = &v->bal;
  if (!b->clm_open) return;
  b->clm_open = false;
  if (b->clm_bad || b->clm_total.cents == b->line_sum.cents) return;
  char a[24], c[24];
  cc_x12_finding f;
  x12_finding_mark(&f, v, &b->clm, CC_SEV_ERROR, 3,
                   "claim total does not equal the sum of its line charges");
  f.where.elem_pos = 2;
  snprintf(f.where.detail, sizeof f.where.detail,
           "CLM02 claim total %s does not equal the sum of the service line "
           "charges %s",
           cc_money_fmt(b->clm_total, a), cc_money_fmt(b->line_sum, c));
  x12_emit(v, &f);
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
  cc_x12_finding f;
  x12_finding_mark(&f, v, &b->svc, CC_SEV_ERROR, 3,
                   "service line does not balance");
  f.where.elem_pos = 3;
  snprintf(f.where.detail, sizeof f.where.detail,
           "SVC02 charge minus SVC03 paid is %s but the line's CAS "
           "adjustments total %s",
           cc_money_fmt(d, a), cc_money_fmt(b->svc_cas, c));
  x12_emit(v, &f);
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
  cc_x12_finding f;
  x12_finding_mark(&f, v, &b->clp, CC_SEV_ERROR, 3, "claim payment does not balance");
  f.where.elem_pos = 4;
  snprintf(f.where.detail, sizeof f.where.detail,
           "CLP03 charge minus CLP04 paid is %s but the claim and line CAS "
           "adjustments total %s",
           cc_money_fmt(d, a), cc_money_fmt(b->clp_cas, c));
  x12_emit(v, &f);
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
      b->clm_open = true;
      b->clm_bad = !amount(it, 2, &b->clm_total);
      b->line_sum = CC_MONEY(0);
      x12_mark_here(&b->clm, it);
    } else if (k == X12_KEY('H', 'L', 0) || k == X12_KEY('S', 'E', 0)) {
      clm_end(v);
    } else if (b->clm_open && (k == X12_KEY('S', 'V', '1') || k == X12_KEY('S', 'V', '3'))) {
      if (amount(it, 2, &m)) add(&b->line_sum, m, &b->clm_bad);
      else b->clm_bad = true;
    } else if (b->clm_open && k == X12_KEY('S', 'V', '2')) {
      if (amount(it, 3, &m)) add(&b->line_sum, m, &b->clm_bad);
      else b->clm_bad = true;
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
      cc_x12_finding f;
      x12_finding_mark(&f, v, &b->bpr, CC_SEV_ERROR, 3,
                       "payment total does not balance");
      f.where.elem_pos = 2;
      snprintf(f.where.detail, sizeof f.where.detail,
               "BPR02 payment %s does not equal the claim payments (CLP04) "
               "%s less the provider adjustments (PLB) %s",
               cc_money_fmt(b->bpr02, a), cc_money_fmt(b->clp04_sum, c),
               cc_money_fmt(b->plb_sum, d));
      x12_emit(v, &f);
    }
  }
  b->bpr_seen = false;
}
