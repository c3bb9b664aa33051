/* rule_dx_sex_conflict.c - DX_SEX_CONFLICT: a diagnosis the Medicare Code
 * Editor limits to one sex (Female_Only, Male_Only) on a patient of the
 * other. Fires only where the loaded MCE edits carry a sex limit and the
 * claim gives the patient's sex as M or F. */
#include "scrub_int.h"

void scrub_rule_dx_sex_conflict(scrub_ctx *x) {
  const cc_claim *c = x->c;
  char sex = x->pat->sex;
  if (sex != 'M' && sex != 'F') return;
  char show[16], rel[96], ed[64];
  for (uint16_t i = 0; i < c->n_dx && i < CC_CLAIM_MAX_DX; i++) {
    const cc_code_info *ci = scrub_dx_info(x, i);
    if (!ci || !ci->sex || ci->sex == sex) continue;
    scrub_dx_show(c->dx[i].code, show);
    scrub_src(x, "MCE edit %s on %s; ICD-10-CM %s",
              scrub_mce_names(ci->mce & (CC_MCE_FEMALE | CC_MCE_MALE), ed, sizeof ed),
              show, scrub_release(ci, rel, sizeof rel));
    scrub_fix(x, "check the patient's sex (DMG03) and the diagnosis against the chart");
    scrub_emit(x, "DX_SEX_CONFLICT", 0, CC_SEV_ERROR, c->dx[i].loc,
               "diagnosis %d, %s, is for %s patients; the patient's sex is %c",
               i + 1, show, ci->sex == 'F' ? "female" : "male", sex);
  }
}
