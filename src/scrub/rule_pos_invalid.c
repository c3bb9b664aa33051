/* rule_pos_invalid.c - POS_INVALID: the place of service on an 837P claim
 * (CLM05-1) and on its lines (SV105) must be a code of the place of service
 * code set. 837I claims carry a facility type instead and are not judged. */
#include "scrub_int.h"

static void check(scrub_ctx *x, const char *pos, uint32_t line, cc_day day,
                  cc_claim_loc loc) {
  if (!pos[0] || cc_codes_pos(x->sc->codes, cc_slice_cstr(pos), day, NULL)) return;
  scrub_src(x, "CMS place of service code set (as loaded)");
  scrub_fix(x, "use the two-digit place of service where the service was given "
               "(11 office, 22 outpatient hospital, ...)");
  scrub_emit(x, "POS_INVALID", line, CC_SEV_ERROR, loc,
             "place of service %s is not a place of service code", pos);
}

void scrub_rule_pos_invalid(scrub_ctx *x) {
  const cc_claim *c = x->c;
  if (c->form != 'P' || !x->sc->have_pos) return;
  cc_day day = x->first ? x->first : CC_DAY_ANY;
  if (c->facility_code[0]) check(x, c->facility_code, 0, day, c->src.clm);
  else if (!c->n_lines) return;
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    cc_day ld = scrub_line_day(x, i);
    if (l->pos[0]) check(x, l->pos, scrub_line_no(c, i), ld ? ld : CC_DAY_ANY, l->sv_loc);
  }
  if (!c->facility_code[0]) {
    bool all = c->n_lines > 0;
    for (uint32_t i = 0; i < c->n_lines; i++) all = all && c->lines[i].pos[0];
    if (all) return;
    scrub_src(x, "ASC X12 837P implementation guide, CLM05-1 (required)");
    scrub_fix(x, "enter the place of service in CLM05-1");
    scrub_emit(x, "POS_INVALID", 0, CC_SEV_ERROR, c->src.clm,
               "the claim has no place of service");
  }
}
