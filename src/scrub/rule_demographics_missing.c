/* rule_demographics_missing.c - DEMOGRAPHICS_MISSING: the payer matches a
 * claim to a member by name, birth date, sex, address and member ID; a
 * claim without them is rejected at the front door. One finding per person
 * lists everything that person lacks. */
#include <string.h>

#include "scrub_int.h"

static void add(char *buf, size_t cap, int *n, const char *what) {
  size_t len = strlen(buf);
  snprintf(buf + len, cap - len, "%s%s", *n ? ", " : "", what);
  (*n)++;
}

static void check(scrub_ctx *x, const cc_claim_person *p, const char *who,
                  const char *loop, bool member, bool dmg) {
  char missing[256] = "";
  int n = 0;
  const cc_claim_party *nm = &p->name;
  if (!nm->last[0]) add(missing, sizeof missing, &n, "last name (NM103)");
  if (nm->entity != '2' && !nm->first[0]) add(missing, sizeof missing, &n, "first name (NM104)");
  if (member && !nm->id[0]) add(missing, sizeof missing, &n, "member ID (NM109)");
  if (dmg) {
    if (!p->birth_date) add(missing, sizeof missing, &n, "birth date (DMG02)");
    if (!p->sex) add(missing, sizeof missing, &n, "sex (DMG03)");
    if (!nm->addr1[0]) add(missing, sizeof missing, &n, "street address (N301)");
    if (!nm->city[0] || !nm->state[0] || !nm->zip[0])
      add(missing, sizeof missing, &n, "city, state and ZIP (N4)");
  }
  if (!n) return;
  char name[128];
  if (nm->last[0])
    snprintf(name, sizeof name, " %s%s%s", nm->last, nm->first[0] ? ", " : "", nm->first);
  else
    name[0] = '\0';
  scrub_fix(x, "add the %s's %s from the registration or insurance card "
               "(loop %s) and send the claim again", who, missing, loop);
  scrub_src(x, "ASC X12 837 implementation guide, loop %s (%s name, DMG, N3/N4)",
            loop, who);
  scrub_emit(x, "DEMOGRAPHICS_MISSING", 0, CC_SEV_ERROR, p->dmg_loc.seg ? p->dmg_loc : nm->loc,
             "%s%s has no %s", who, name, missing);
}

void scrub_rule_demographics_missing(scrub_ctx *x) {
  const cc_claim *c = x->c;
  /* The subscriber's birth date, sex and address are required when the
   * subscriber is the patient; the patient loop carries them otherwise. */
  check(x, &c->subscriber, "subscriber", "2010BA", true, !c->has_patient);
  if (c->has_patient) check(x, &c->patient, "patient", "2010CA", false, true);
}
