/* rule_dx_age_conflict.c - DX_AGE_CONFLICT: a diagnosis the Medicare Code
 * Editor limits to an age range (newborn, pediatric, maternity, adult) on a
 * patient outside it, by age in whole years on the date of service. Fires
 * only where the loaded MCE edits carry an age limit and the claim gives the
 * birth date. */
#include "scrub_int.h"

static int age_on(cc_day birth, cc_day day) {
  int by, bm, bd, y, m, d;
  cc_date_ymd(birth, &by, &bm, &bd);
  cc_date_ymd(day, &y, &m, &d);
  int age = y - by;
  if (m < bm || (m == bm && d < bd)) age--;
  return age;
}

void scrub_rule_dx_age_conflict(scrub_ctx *x) {
  const cc_claim *c = x->c;
  cc_day dob = x->pat->birth_date;
  if (!dob || !x->first || dob > x->first) return;
  int age = age_on(dob, x->first);
  char show[16], rel[96], ed[64], d[11];
  for (uint16_t i = 0; i < c->n_dx && i < CC_CLAIM_MAX_DX; i++) {
    const cc_code_info *ci = scrub_dx_info(x, i);
    if (!ci || ci->age_min < 0) continue;
    if (age >= ci->age_min && age <= ci->age_max) continue;
    scrub_dx_show(c->dx[i].code, show);
    scrub_src(x, "MCE edit %s on %s; ICD-10-CM %s",
              scrub_mce_names(ci->mce & (CC_MCE_NEWBORN | CC_MCE_PEDIATRIC |
                                         CC_MCE_MATERNITY | CC_MCE_ADULT),
                              ed, sizeof ed),
              show, scrub_release(ci, rel, sizeof rel));
    scrub_fix(x, "check the patient's birth date (DMG02) and the diagnosis against "
                 "the chart");
    scrub_emit(x, "DX_AGE_CONFLICT", 0, CC_SEV_ERROR, c->dx[i].loc,
               "diagnosis %d, %s, is for ages %d to %d; the patient is %d on %s",
               i + 1, show, ci->age_min, ci->age_max, age, scrub_day(x->first, d));
  }
}
