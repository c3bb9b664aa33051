/* rule_date_invalid.c - DATE_INVALID: a service cannot be billed before it
 * happened, a line needs a date of service, and a span cannot end before it
 * starts. "Today" is the scrubber's (the --as-of date when given). */
#include "scrub_int.h"

void scrub_rule_date_invalid(scrub_ctx *x) {
  const cc_claim *c = x->c;
  cc_day today = x->sc->today;
  char a[11], b[11];
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    uint32_t no = scrub_line_no(c, i);
    if (!l->from) {
      if (c->form == 'I' && c->stmt_from) continue; /* statement dates apply */
      scrub_fix(x, "add the date of service (DTP*472) to the line");
      scrub_src(x, "ASC X12 837 implementation guide, loop 2400 DTP 472");
      scrub_emit(x, "DATE_INVALID", no, CC_SEV_ERROR, l->loc,
                 "the line has no date of service");
      continue;
    }
    if (l->from > today) {
      scrub_fix(x, "correct the date of service, or hold the claim until the "
                   "service has been given");
      scrub_src(x, "date of service against today (%s)", scrub_day(today, b));
      scrub_emit(x, "DATE_INVALID", no, CC_SEV_ERROR, l->date_loc,
                 "the date of service %s is in the future", scrub_day(l->from, a));
    } else if (l->to && l->to > today) {
      scrub_fix(x, "correct the end date, or hold the claim until the service ends");
      scrub_src(x, "date of service against today (%s)", scrub_day(today, b));
      scrub_emit(x, "DATE_INVALID", no, CC_SEV_ERROR, l->date_loc,
                 "the service end date %s is in the future", scrub_day(l->to, a));
    }
    if (l->to && l->to < l->from) {
      scrub_fix(x, "swap or correct the dates of the span (DTP*472*RD8)");
      scrub_src(x, "ASC X12 837 implementation guide, loop 2400 DTP 472");
      scrub_emit(x, "DATE_INVALID", no, CC_SEV_ERROR, l->date_loc,
                 "the service ends %s, before it starts %s", scrub_day(l->to, a),
                 scrub_day(l->from, b));
    }
  }
  if (c->stmt_from && c->stmt_to && c->stmt_to < c->stmt_from) {
    scrub_fix(x, "correct the statement period (DTP*434*RD8)");
    scrub_src(x, "ASC X12 837I implementation guide, loop 2300 DTP 434");
    scrub_emit(x, "DATE_INVALID", 0, CC_SEV_ERROR, c->src.clm,
               "the statement period ends %s, before it starts %s",
               scrub_day(c->stmt_to, a), scrub_day(c->stmt_from, b));
  }
  if (c->stmt_from && c->stmt_from > today) {
    scrub_fix(x, "correct the statement period or hold the claim until it ends");
    scrub_src(x, "statement period against today (%s)", scrub_day(today, b));
    scrub_emit(x, "DATE_INVALID", 0, CC_SEV_ERROR, c->src.clm,
               "the statement period starts %s, in the future",
               scrub_day(c->stmt_from, a));
  }
}
