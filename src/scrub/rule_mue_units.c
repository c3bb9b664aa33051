/* rule_mue_units.c - MUE_UNITS: the NCCI medically unlikely edits. With
 * adjudication indicator 1 the limit is per line; with 2 or 3 it is per
 * date of service, so the units of every line of the code on that date are
 * added up. Units exactly at the limit pass. Lines billed in minutes (MJ)
 * are not units of service and are left out. */
#include <string.h>

#include "scrub_int.h"

static const char *ind_name(int ind) {
  return ind == 1 ? "1 Line Edit"
       : ind == 2 ? "2 Date of Service Edit: Policy"
       : ind == 3 ? "3 Date of Service Edit: Clinical" : "unknown";
}

static bool counted(const cc_claim_line *l) {
  return l->proc[0] && strcmp(l->unit_basis, "MJ") != 0;
}

/* Units as people write them: 2, 2.5. */
static const char *units(int64_t milli, char *buf) {
  if (milli % 1000 == 0) snprintf(buf, 24, "%lld", (long long)(milli / 1000));
  else snprintf(buf, 24, "%lld.%03lld", (long long)(milli / 1000), (long long)(milli % 1000));
  return buf;
}

void scrub_rule_mue_units(scrub_ctx *x) {
  const cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  if (!sc->have_mue) return;
  char d[11], u[24];
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    cc_day day = scrub_line_day(x, i);
    if (!counted(l) || !day) continue;
    cc_mue mue;
    if (!cc_codes_mue(sc->codes, cc_slice_cstr(l->proc), day, &mue)) continue;
    int64_t limit = (int64_t)mue.max_units * 1000;
    scrub_src(x, "NCCI practitioner MUE %s: %d units, indicator %s", l->proc,
              mue.max_units, ind_name(mue.indicator));
    if (mue.indicator == 1) {
      if (l->units_milli > limit) {
        scrub_fix(x, "bill at most %d units of %s on a line; check the units "
                     "against the chart", mue.max_units, l->proc);
        scrub_emit(x, "MUE_UNITS", scrub_line_no(c, i), CC_SEV_ERROR, l->sv_loc,
                   "%s units of %s on one line exceed its MUE of %d",
                   units(l->units_milli, u), l->proc, mue.max_units);
      }
      x->src[0] = '\0';
      continue;
    }
    /* Per date of service: judged once, on the code's first line that day. */
    bool earlier = false;
    for (uint32_t k = 0; k < i && !earlier; k++)
      earlier = counted(&c->lines[k]) && scrub_line_day(x, k) == day &&
                strcmp(c->lines[k].proc, l->proc) == 0;
    int64_t total = 0;
    int n = 0;
    for (uint32_t k = i; k < c->n_lines && !earlier; k++)
      if (counted(&c->lines[k]) && scrub_line_day(x, k) == day &&
          strcmp(c->lines[k].proc, l->proc) == 0) {
        total += c->lines[k].units_milli;
        n++;
      }
    if (earlier || total <= limit) {
      x->src[0] = '\0';
      continue;
    }
    scrub_fix(x, "bill at most %d units of %s on %s; more needs the medical "
                 "record and an appeal", mue.max_units, l->proc, scrub_day(day, d));
    scrub_emit(x, "MUE_UNITS", scrub_line_no(c, i), CC_SEV_ERROR, l->sv_loc,
               "%s units of %s on %s%s exceed its MUE of %d per date of service",
               units(total, u), l->proc, scrub_day(day, d),
               n > 1 ? " (all lines)" : "", mue.max_units);
  }
}
