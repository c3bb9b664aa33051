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

/* Units as people write them: 2, 2.5. */
static const char *units(int64_t milli, char *buf) {
  if (milli % 1000 == 0) snprintf(buf, 24, "%lld", (long long)(milli / 1000));
  else snprintf(buf, 24, "%lld.%03lld", (long long)(milli / 1000), (long long)(milli % 1000));
  return buf;
}

/* Same code (the same string: the packed key covers only 8 characters)
 * on the same day. */
static bool same(const scrub_ctx *x, uint32_t a, uint32_t b) {
  const scrub_line *p = &x->ln[a], *q = &x->ln[b];
  return p->key == q->key && p->day == q->day &&
         (p->exact && q->exact ? true : strcmp(x->c->lines[a].proc, x->c->lines[b].proc) == 0);
}

void scrub_rule_mue_units(scrub_ctx *x) {
  const cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  if (!sc->have_mue) return;
  char d[11], u[24];
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const scrub_line *v = &x->ln[i];
    if (!v->counted || !v->day || !v->have_pc || !(v->pc.flags & SCRUB_PC_MUE)) continue;
    const cc_claim_line *l = &c->lines[i];
    int max = v->pc.mue_units, ind = v->pc.mue_ind;
    int64_t limit = (int64_t)max * 1000;
    if (ind == 1) {
      if (l->units_milli <= limit) continue;
      scrub_src(x, "NCCI practitioner MUE %s: %d units, indicator %s", l->proc, max,
                ind_name(ind));
      scrub_fix(x, "bill at most %d units of %s on a line; check the units "
                   "against the chart", max, l->proc);
      scrub_emit(x, "MUE_UNITS", v->no, CC_SEV_ERROR, l->sv_loc,
                 "%s units of %s on one line exceed its MUE of %d",
                 units(l->units_milli, u), l->proc, max);
      continue;
    }
    /* Per date of service: judged once, on the code's first line that day. */
    bool earlier = false;
    for (uint32_t k = 0; k < i && !earlier; k++)
      earlier = x->ln[k].counted && same(x, k, i);
    if (earlier) continue;
    int64_t total = 0;
    int n = 0;
    for (uint32_t k = i; k < c->n_lines; k++)
      if (x->ln[k].counted && same(x, k, i)) {
        total += c->lines[k].units_milli;
        n++;
      }
    if (total <= limit) continue;
    scrub_src(x, "NCCI practitioner MUE %s: %d units, indicator %s", l->proc, max,
              ind_name(ind));
    scrub_fix(x, "bill at most %d units of %s on %s; more needs the medical "
                 "record and an appeal", max, l->proc, scrub_day(v->day, d));
    scrub_emit(x, "MUE_UNITS", v->no, CC_SEV_ERROR, l->sv_loc,
               "%s units of %s on %s%s exceed its MUE of %d per date of service",
               units(total, u), l->proc, scrub_day(v->day, d),
               n > 1 ? " (all lines)" : "", max);
  }
}
