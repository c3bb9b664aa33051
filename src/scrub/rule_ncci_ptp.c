/* rule_ncci_ptp.c - NCCI_PTP: the NCCI procedure-to-procedure edits. When a
 * column one and a column two code are billed for one patient on the same
 * date by the same provider, the column two code is denied unless the
 * edit's modifier indicator allows a bypass: 0 never, 1 with an
 * NCCI-associated modifier on either line, 9 the edit does not apply. The
 * edit is in force from its effective date to the day before deletion. */
#include <string.h>

#include "scrub_int.h"

static bool ncci_modifier(const cc_claim_line *l, const char **which) {
  for (int k = 0; k < 4; k++) {
    if (!l->mod[k][0]) continue;
    for (const char *const *m = scrub_ncci_modifiers; *m; m++)
      if (strcmp(*m, l->mod[k]) == 0) {
        *which = *m;
        return true;
      }
  }
  return false;
}

static bool is_proc(const cc_claim_line *l) {
  return l->proc[0] && (!l->proc_qual[0] || strcmp(l->proc_qual, "HC") == 0);
}

void scrub_rule_ncci_ptp(scrub_ctx *x) {
  const cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  if (!sc->have_ptp || c->n_lines < 2) return;
  char d[11], e[11], del[11];
  for (uint32_t j = 0; j < c->n_lines; j++) { /* j: the column two line */
    const cc_claim_line *l2 = &c->lines[j];
    if (!is_proc(l2)) continue;
    cc_day day = scrub_line_day(x, j);
    if (!day) continue;
    const char *npi2 = scrub_line_npi(c, j);
    for (uint32_t i = 0; i < c->n_lines; i++) {
      const cc_claim_line *l1 = &c->lines[i];
      if (i == j || !is_proc(l1) || scrub_line_day(x, i) != day) continue;
      if (strcmp(l1->proc, l2->proc) == 0 || strcmp(scrub_line_npi(c, i), npi2) != 0)
        continue;
      cc_ptp_edit ed;
      if (!scrub_ptp_maybe(sc, l1->proc, l2->proc) ||
          !cc_codes_ptp(sc->codes, cc_slice_cstr(l1->proc), cc_slice_cstr(l2->proc),
                        day, &ed))
        continue;
      if (ed.modifier == 9) continue;
      const char *m = NULL;
      if (ed.modifier == 1 && (ncci_modifier(l1, &m) || ncci_modifier(l2, &m))) continue;
      scrub_src(x, "NCCI PTP edit %s/%s, effective %s, deletion %s, modifier "
                   "indicator %d%s",
                l1->proc, l2->proc, scrub_day(ed.effective, e),
                ed.deletion == CC_DAY_NONE ? "none" : scrub_day(ed.deletion, del),
                ed.modifier, ed.modifier == 1 ? "; modifiers per the NCCI policy manual" : "");
      if (ed.modifier == 0) {
        scrub_fix(x, "remove %s: it is part of %s on the same day and no modifier "
                     "allows it", l2->proc, l1->proc);
        scrub_emit(x, "NCCI_PTP", scrub_line_no(c, j), CC_SEV_ERROR, l2->sv_loc,
                   "%s (line %u) is never paid with %s on %s by the same provider",
                   l2->proc, scrub_line_no(c, j), l1->proc, scrub_day(day, d));
      } else {
        scrub_fix(x, "if the chart shows a separate site, session or service, add "
                     "59 or XE/XS/XP/XU (or the anatomic modifier) to %s; "
                     "otherwise remove it", l2->proc);
        scrub_emit(x, "NCCI_PTP", scrub_line_no(c, j), CC_SEV_ERROR, l2->sv_loc,
                   "%s (line %u) is paid with %s on %s only with an "
                   "NCCI-associated modifier, and neither line has one",
                   l2->proc, scrub_line_no(c, j), l1->proc, scrub_day(day, d));
      }
    }
  }
}
