/* rule_proc_invalid.c - PROC_INVALID: a HCPCS Level II code must be in the
 * HCPCS release in force on the date of service; a CPT code is judged only
 * when a CPT set is loaded (CPT is licensed and may be absent). */
#include <ctype.h>
#include <string.h>

#include "scrub_int.h"

/* CPT: five digits, or four digits and F, T or U. */
static bool is_cpt(const char *p) {
  if (strlen(p) != 5) return false;
  for (int i = 0; i < 4; i++)
    if (!isdigit((unsigned char)p[i])) return false;
  return isdigit((unsigned char)p[4]) || p[4] == 'F' || p[4] == 'T' || p[4] == 'U';
}

void scrub_rule_proc_invalid(scrub_ctx *x) {
  const cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  char d[11], rel[96];
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    const scrub_line *v = &x->ln[i];
    if (!v->is_proc || !v->day || !v->have_pc) continue;
    cc_day day = v->day;
    cc_slice code = cc_slice_cstr(l->proc);
    bool cpt = is_cpt(l->proc);
    const char *set = cpt ? "CPT" : "HCPCS";
    if (cpt ? !sc->have_cpt : !sc->have_hcpcs) continue;
    cc_code_info ci;
    /* The fee schedule's code list (loaded as CPT) also prices HCPCS codes. */
    bool in_cpt = v->pc.flags & SCRUB_PC_CPT, in_hcpcs = v->pc.flags & SCRUB_PC_HCPCS;
    if (cpt ? in_cpt : in_hcpcs || (sc->have_cpt && in_cpt)) continue;
    uint32_t no = v->no;
    bool other = cpt ? cc_codes_cpt(sc->codes, code, CC_DAY_ANY, &ci)
                     : cc_codes_hcpcs(sc->codes, code, CC_DAY_ANY, &ci);
    if (other) {
      scrub_src(x, "%s %s", set, scrub_release(&ci, rel, sizeof rel));
      scrub_fix(x, "use the code in force on %s (see the %s release notes for "
                   "its replacement)", scrub_day(day, d), set);
      scrub_emit(x, "PROC_INVALID", no, CC_SEV_ERROR, l->sv_loc,
                 "procedure %s is not valid on %s (it is in %s %s)", l->proc,
                 scrub_day(day, d), set, rel);
    } else {
      scrub_src(x, "%s code sets loaded (none lists %s)", set, l->proc);
      scrub_fix(x, "check the procedure code against the chart and the current %s "
                   "list", set);
      scrub_emit(x, "PROC_INVALID", no, CC_SEV_ERROR, l->sv_loc,
                 "procedure %s is not in the %s code set loaded", l->proc, set);
    }
  }
}
