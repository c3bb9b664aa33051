/* rule_auth_missing.c - AUTH_MISSING: when the payer lists a procedure as
 * needing prior authorization, some authorization must cover the date of
 * service, the code and still have a visit left: the number on the claim
 * (REF G1) or one on file for the patient with this payer. A number on the
 * claim that is not on file is taken as given. Claims of one batch use up
 * visits in turn. */
#include <stdlib.h>
#include <string.h>

#include "scrub_int.h"

static bool has_code(const uint64_t *v, size_t n, uint64_t key) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] == key) return true;
    if (v[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

static int64_t left(const scrub_auth *a) {
  return a->allowed < 0 ? 1 : a->allowed - a->used - a->batch_used;
}

/* Why a (not a referral) does not cover code on day; NULL when it does. */
static const char *why_not(const scrub_auth *a, uint64_t key, cc_day day) {
  if (a->n_codes && !has_code(a->codes, a->n_codes, key)) return "code";
  if (day < a->start || day > a->end) return "date";
  if (left(a) <= 0) return "visits";
  return NULL;
}

void scrub_rule_auth_missing(scrub_ctx *x) {
  const cc_claim *c = x->c;
  const scrub_payer *p = x->payer;
  if (!p || !p->has_auth_rules) return;
  size_t n = 0;
  scrub_auth *auths = x->patient_id
      ? (scrub_auth *)scrub_auths_of(x->sc, x->patient_id, p->id, &n) : NULL;
  scrub_auth *used[8];
  size_t n_used = 0;
  char d[11], a1[11], a2[11];
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    uint64_t key = x->ln[i].key;
    cc_day day = scrub_line_day(x, i);
    if (!key || !day || !has_code(p->auth_codes, p->n_auth_codes, key)) continue;
    scrub_auth *ok = NULL, *named = NULL;
    const char *why = NULL;
    for (size_t k = 0; k < n && !ok; k++) {
      scrub_auth *a = &auths[k];
      if (a->referral) continue;
      if (c->prior_auth[0] && strcmp(a->number, c->prior_auth) != 0) continue;
      const char *w = why_not(a, key, day);
      if (!w) ok = a;
      else if (!named || strcmp(w, "code") != 0) named = a, why = w;
    }
    if (ok) {
      bool seen = false;
      for (size_t k = 0; k < n_used; k++) seen = seen || used[k] == ok;
      if (!seen && n_used < 8) used[n_used++] = ok;
      continue;
    }
    if (c->prior_auth[0] && !named) continue; /* on the claim, not on file */
    uint32_t no = scrub_line_no(c, i);
    scrub_src(x, "payer %s rules: prior authorization required for %s", p->code, l->proc);
    if (named && strcmp(why, "date") == 0) {
      scrub_fix(x, "ask %s to extend authorization %s to %s, or obtain a new one "
                   "and put its number in REF*G1", p->code, named->number,
                scrub_day(day, d));
      scrub_emit(x, "AUTH_MISSING", no, CC_SEV_ERROR, l->sv_loc,
                 "authorization %s runs %s to %s and does not cover %s on %s",
                 named->number, scrub_day(named->start, a1), scrub_day(named->end, a2),
                 l->proc, scrub_day(day, d));
    } else if (named && strcmp(why, "visits") == 0) {
      scrub_fix(x, "ask %s for more visits on authorization %s before billing",
                p->code, named->number);
      scrub_emit(x, "AUTH_MISSING", no, CC_SEV_ERROR, l->sv_loc,
                 "authorization %s has no visits left (%lld allowed, %lld used) "
                 "for %s on %s", named->number, (long long)named->allowed,
                 (long long)(named->used + named->batch_used), l->proc,
                 scrub_day(day, d));
    } else if (named) {
      scrub_fix(x, "obtain an authorization that covers %s and put its number in "
                   "REF*G1", l->proc);
      scrub_emit(x, "AUTH_MISSING", no, CC_SEV_ERROR, l->sv_loc,
                 "authorization %s does not cover %s", named->number, l->proc);
    } else {
      scrub_fix(x, "obtain prior authorization from %s for %s and put its number "
                   "in REF*G1 (or record it)", p->code, l->proc);
      scrub_emit(x, "AUTH_MISSING", no, CC_SEV_ERROR, l->sv_loc,
                 "%s needs prior authorization from %s and none covers %s",
                 l->proc, p->code, scrub_day(day, d));
    }
  }
  if (x->text) return; /* the text run must not use visits again */
  for (size_t k = 0; k < n_used; k++) used[k]->batch_used++; /* one visit */
}
