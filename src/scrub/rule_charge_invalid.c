/* rule_charge_invalid.c - CHARGE_INVALID: every line must charge something
 * and the lines must add up to the claim total (CLM02), or the payer
 * rejects the claim as unbalanced. All in integer cents. */
#include "scrub_int.h"

void scrub_rule_charge_invalid(scrub_ctx *x) {
  const cc_claim *c = x->c;
  char a[24], b[24];
  cc_money sum = CC_MONEY(0);
  bool overflow = false;
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    if (l->charge.cents <= 0) {
      scrub_fix(x, "enter the line's charge from the fee schedule (SV102/SV203)");
      scrub_src(x, "ASC X12 837 implementation guide: line charge amount");
      scrub_emit(x, "CHARGE_INVALID", scrub_line_no(c, i), CC_SEV_ERROR, l->sv_loc,
                 "the line charge is %s; it must be more than zero",
                 cc_money_fmt(l->charge, a));
    }
    if (!overflow && cc_money_add(&sum, l->charge)) overflow = true;
  }
  if (!c->n_lines) return;
  if (overflow || sum.cents != c->total.cents) {
    scrub_fix(x, "make the claim total (CLM02) the sum of the line charges, %s",
              overflow ? "which is out of range" : cc_money_fmt(sum, b));
    scrub_src(x, "ASC X12 837 implementation guide: CLM02 equals the sum of the "
                 "service line charges");
    scrub_emit(x, "CHARGE_INVALID", 0, CC_SEV_ERROR, c->src.clm,
               "the claim total %s does not equal the line charges, %s",
               cc_money_fmt(c->total, a), overflow ? "out of range" : cc_money_fmt(sum, b));
  }
}
