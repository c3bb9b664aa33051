/* rule_referral_missing.c - REFERRAL_MISSING: when the payer requires a
 * referral, the claim must carry one (REF 9F) or one must be on file for
 * the patient with this payer, in force on the date of service with a visit
 * left. */
#include "scrub_int.h"

void scrub_rule_referral_missing(scrub_ctx *x) {
  const cc_claim *c = x->c;
  const scrub_payer *p = x->payer;
  if (!p || !p->referral_required || c->referral_no[0] || !x->first) return;
  size_t n = 0;
  const scrub_auth *a = x->patient_id ? scrub_auths_of(x->sc, x->patient_id, p->id, &n) : NULL;
  const scrub_auth *near = NULL;
  for (size_t k = 0; k < n; k++) {
    if (!a[k].referral) continue;
    bool visits = a[k].allowed < 0 || a[k].allowed - a[k].used - a[k].batch_used > 0;
    if (a[k].start <= x->first && x->first <= a[k].end && visits) return;
    near = &a[k];
  }
  char d[11], s[11], e[11];
  scrub_src(x, "payer %s rules: referral required", p->code);
  if (near) {
    scrub_fix(x, "obtain a new referral from the primary care provider and put "
                 "its number in REF*9F");
    scrub_emit(x, "REFERRAL_MISSING", 0, CC_SEV_ERROR, c->src.clm,
               "%s requires a referral; referral %s (%s to %s) does not cover %s "
               "or has no visits left", p->code, near->number,
               scrub_day(near->start, s), scrub_day(near->end, e),
               scrub_day(x->first, d));
  } else {
    scrub_fix(x, "obtain the referral from the primary care provider and put its "
                 "number in REF*9F (or record it)");
    scrub_emit(x, "REFERRAL_MISSING", 0, CC_SEV_ERROR, c->src.clm,
               "%s requires a referral and the claim has none for %s", p->code,
               scrub_day(x->first, d));
  }
}
