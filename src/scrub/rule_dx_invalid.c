/* rule_dx_invalid.c - DX_INVALID: each diagnosis must be an ICD-10-CM code
 * in force on the date of service (the release that covers that date). */
#include "scrub_int.h"

void scrub_rule_dx_invalid(scrub_ctx *x) {
  const cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  if (!sc->have_icd || !x->first) return;
  char show[16], d[11], rel[96];
  for (uint16_t i = 0; i < c->n_dx && i < CC_CLAIM_MAX_DX; i++) {
    if (!c->dx[i].code[0] || scrub_dx_info(x, i)) continue;
    cc_code_info other;
    scrub_dx_show(c->dx[i].code, show);
    if (cc_codes_icd10(sc->codes, cc_slice_cstr(c->dx[i].code), CC_DAY_ANY, &other)) {
      scrub_src(x, "ICD-10-CM %s", scrub_release(&other, rel, sizeof rel));
      scrub_fix(x, "code the diagnosis from the ICD-10-CM release in force on %s",
                scrub_day(x->first, d));
      scrub_emit(x, "DX_INVALID", 0, CC_SEV_ERROR, c->dx[i].loc,
                 "diagnosis %d, %s, is not valid on %s (it is in ICD-10-CM %s)",
                 i + 1, show, scrub_day(x->first, d), rel);
    } else {
      scrub_src(x, "ICD-10-CM code sets loaded (none lists %s)", show);
      scrub_fix(x, "check the code against the chart and the ICD-10-CM tabular "
                   "list; send it without the dot");
      scrub_emit(x, "DX_INVALID", 0, CC_SEV_ERROR, c->dx[i].loc,
                 "diagnosis %d, %s, is not an ICD-10-CM code", i + 1, show);
    }
  }
}
