/* rule_dx_not_billable.c - DX_NOT_BILLABLE: a category header (E11) is not
 * valid for submission when the tabular list has more specific codes under
 * it (E11.9); the payer rejects it. */
#include <stdio.h>
#include <string.h>

#include "scrub_int.h"

void scrub_rule_dx_not_billable(scrub_ctx *x) {
  const cc_claim *c = x->c;
  char show[16], sug[16], rel[96];
  for (uint16_t i = 0; i < c->n_dx && i < CC_CLAIM_MAX_DX; i++) {
    const cc_code_info *ci = scrub_dx_info(x, i);
    if (!ci || ci->billable) continue;
    scrub_dx_show(c->dx[i].code, show);
    /* One billable code under the header, to show what "more specific"
     * means; the chart decides which one is right. */
    static const char *const tails[] = {"9", "0", "1", "90", "00", "X", NULL};
    const char *example = NULL;
    for (int t = 0; tails[t] && !example; t++) {
      char cand[16];
      cc_code_info ei;
      snprintf(cand, sizeof cand, "%.8s%s", c->dx[i].code, tails[t]);
      if (strlen(cand) <= 7 &&
          cc_codes_icd10(x->sc->codes, cc_slice_cstr(cand), x->first, &ei) && ei.billable)
        example = scrub_dx_show(cand, sug);
    }
    scrub_src(x, "ICD-10-CM %s: %s is a header", scrub_release(ci, rel, sizeof rel), show);
    if (example)
      scrub_fix(x, "code to the highest specificity the chart supports under %s "
                   "(for example %s)", show, example);
    else
      scrub_fix(x, "code to the highest specificity the chart supports under %s", show);
    scrub_emit(x, "DX_NOT_BILLABLE", 0, CC_SEV_ERROR, c->dx[i].loc,
               "diagnosis %d, %s (%s), is a category header, not billable",
               i + 1, show, ci->desc ? ci->desc : "");
  }
}
