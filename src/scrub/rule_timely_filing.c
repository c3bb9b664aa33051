/* rule_timely_filing.c - TIMELY_FILING: a payer does not pay a claim filed
 * after its filing limit (days from the date of service). Past the limit is
 * an error; close to it a warning, so the claim goes out first. Judged only
 * when the payer's limit is on file. */
#include "scrub_int.h"

void scrub_rule_timely_filing(scrub_ctx *x) {
  const scrub_payer *p = x->payer;
  if (!p || p->timely_days <= 0 || !x->first) return;
  cc_day deadline = x->first + (cc_day)p->timely_days;
  int64_t days_left = (int64_t)deadline - x->sc->today;
  char d[11], dl[11];
  if (days_left >= 0 && days_left > scrub_timely_warning_days) return;
  scrub_src(x, "payer %s rules: timely filing %lld days from the date of service%s%s",
            p->code, (long long)p->timely_days, days_left >= 0 ? "; " : "",
            days_left >= 0 ? scrub_timely_warning_source : "");
  if (days_left < 0) {
    scrub_fix(x, "send it only with proof of timely filing or a delay reason "
                 "(CLM20), or write the balance off");
    scrub_emit(x, "TIMELY_FILING", 0, CC_SEV_ERROR, x->c->src.clm,
               "the date of service %s is past %s's filing limit of %lld days "
               "(deadline %s)", scrub_day(x->first, d), p->code,
               (long long)p->timely_days, scrub_day(deadline, dl));
  } else {
    scrub_fix(x, "send the claim now: %lld day%s left", (long long)days_left,
              days_left == 1 ? "" : "s");
    scrub_emit(x, "TIMELY_FILING", 0, CC_SEV_WARNING, x->c->src.clm,
               "the filing limit of %s for the date of service %s is %s, %lld "
               "day%s away", p->code, scrub_day(x->first, d), scrub_day(deadline, dl),
               (long long)days_left, days_left == 1 ? "" : "s");
  }
}
