/* rule_modifier_invalid.c - MODIFIER_INVALID: each procedure modifier must
 * be in the modifier code set (HCPCS Level II and the CPT modifiers) on the
 * date of service. */
#include <string.h>

#include "scrub_int.h"

void scrub_rule_modifier_invalid(scrub_ctx *x) {
  const cc_claim *c = x->c;
  if (!x->sc->have_mod) return;
  char d[11];
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    cc_day day = x->ln[i].day;
    if (!day) continue;
    for (int k = 0; k < 4; k++) {
      if (!l->mod[k][0]) continue;
      if (scrub_modifier_ok(x->sc, l->mod[k], day, x->ln[i].epoch)) continue;
      scrub_src(x, "modifier code sets loaded (HCPCS Level II and CPT modifiers)");
      scrub_fix(x, "remove modifier %s or replace it with the one the service "
                   "needs", l->mod[k]);
      scrub_emit(x, "MODIFIER_INVALID", scrub_line_no(c, i), CC_SEV_ERROR, l->sv_loc,
                 "modifier %s on %s is not a valid modifier on %s", l->mod[k],
                 l->proc, scrub_day(day, d));
    }
  }
}
