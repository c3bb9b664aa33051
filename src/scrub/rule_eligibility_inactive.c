/* rule_eligibility_inactive.c - ELIGIBILITY_INACTIVE: the patient must have
 * a coverage with this payer in force on each date of service. Judged when
 * the patient's coverages are on file, or (claim from a file, database
 * mode) when the practice keeps coverages with the claim's payer and none
 * carries the claim's member ID: without either the rule cannot tell. */
#include <string.h>

#include "scrub_int.h"

/* Any coverage of the patient: is anything on file at all? */
static bool patient_has_coverages(const cc_scrub *sc, int64_t patient_id) {
  size_t lo = 0, hi = sc->n_covs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sc->covs_by_patient[mid]->patient_id < patient_id) lo = mid + 1;
    else hi = mid;
  }
  return lo < sc->n_covs && sc->covs_by_patient[lo]->patient_id == patient_id;
}

/* Does the practice keep any coverage with this payer? covs is sorted by
 * payer id, then member ID. */
static bool payer_has_coverages(const cc_scrub *sc, int64_t payer_id) {
  size_t lo = 0, hi = sc->n_covs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sc->covs[mid].payer_id < payer_id) lo = mid + 1;
    else hi = mid;
  }
  return lo < sc->n_covs && sc->covs[lo].payer_id == payer_id;
}

/* The patient's coverage with the payer in force on day, or NULL; *last
 * gets one that exists but is not in force (to quote its dates). */
static const scrub_cov *active(const cc_scrub *sc, int64_t patient_id,
                               int64_t payer_id, cc_day day,
                               const scrub_cov **last) {
  for (size_t i = 0; i < sc->n_covs; i++) {
    const scrub_cov *v = sc->covs_by_patient[i];
    if (v->patient_id != patient_id || v->payer_id != payer_id) continue;
    if (v->eff <= day && (v->term == CC_DAY_NONE || day <= v->term)) return v;
    *last = v;
  }
  return NULL;
}

/* idx: the line's index, or -1 for the whole claim. */
static void report(scrub_ctx *x, int64_t idx, cc_day d, const scrub_cov *last) {
  char a[11], b[11], e[11];
  if (last) {
    scrub_src(x, "coverage %s with %s on file, %s to %s", last->member_id,
              x->payer->code, scrub_day(last->eff, a),
              last->term == CC_DAY_NONE ? "open" : scrub_day(last->term, b));
    scrub_fix(x, "verify eligibility (270/271) for %s; bill the coverage in force "
                 "then, or correct the coverage dates", scrub_day(d, e));
  } else {
    scrub_src(x, "coverages of the patient on file (none with %s)", x->payer->code);
    scrub_fix(x, "verify eligibility (270/271) and bill the payer that covered the "
                 "patient on %s, or add the coverage", scrub_day(d, e));
  }
  scrub_emit(x, "ELIGIBILITY_INACTIVE", idx < 0 ? 0 : scrub_line_no(x->c, (uint32_t)idx),
             CC_SEV_ERROR, idx < 0 ? x->c->src.clm : x->c->lines[idx].date_loc,
             "no coverage with %s %s on %s", x->payer->code,
             last ? "in force" : "on file", scrub_day(d, e));
}

/* The claim's member ID matches no coverage with the payer (resolve found
 * none, so no date can be in force): a typo at registration, or a patient
 * whose coverage was never entered. One finding for the whole claim. */
static void unknown_member(scrub_ctx *x) {
  const cc_claim *c = x->c;
  if (!c->subscriber.name.id[0] || !x->first ||
      !payer_has_coverages(x->sc, x->payer->id))
    return; /* no member ID (DEMOGRAPHICS_MISSING) or nothing to judge by */
  char e[11];
  scrub_src(x, "coverages with %s on file (none with member ID %s)",
            x->payer->code, c->subscriber.name.id);
  scrub_fix(x, "check the member ID against the patient's card and correct "
               "it, or verify eligibility (270/271) and bill the payer that "
               "covered the patient on %s", scrub_day(x->first, e));
  scrub_emit(x, "ELIGIBILITY_INACTIVE", 0, CC_SEV_ERROR, c->src.clm,
             "member ID %s has no coverage with %s on file on %s",
             c->subscriber.name.id, x->payer->code, scrub_day(x->first, e));
}

void scrub_rule_eligibility_inactive(scrub_ctx *x) {
  const cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  if (!x->payer) return;
  if (!x->patient_id || !patient_has_coverages(sc, x->patient_id)) {
    unknown_member(x);
    return;
  }
  const scrub_cov *last = NULL;
  uint32_t bad = 0;
  for (uint32_t i = 0; i < c->n_lines; i++) {
    cc_day d = scrub_line_day(x, i);
    if (d && !active(sc, x->patient_id, x->payer->id, d, &last)) bad++;
  }
  if (!c->n_lines || bad == c->n_lines) {
    /* The whole claim: one finding on the first date. */
    last = NULL;
    if (x->first && !active(sc, x->patient_id, x->payer->id, x->first, &last))
      report(x, -1, x->first, last);
    return;
  }
  for (uint32_t i = 0; bad && i < c->n_lines; i++) {
    cc_day d = scrub_line_day(x, i);
    last = NULL;
    if (d && !active(sc, x->patient_id, x->payer->id, d, &last))
      report(x, i, d, last);
  }
}
