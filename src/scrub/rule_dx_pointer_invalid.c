/* rule_dx_pointer_invalid.c - DX_POINTER_INVALID: each 837P line must point
 * at one to four of the claim's diagnoses (SV107); a line with none, or one
 * pointing past the diagnoses the claim has, is rejected. */
#include "scrub_int.h"

void scrub_rule_dx_pointer_invalid(scrub_ctx *x) {
  const cc_claim *c = x->c;
  if (c->form != 'P') return; /* 837I lines carry no pointers */
  unsigned n_dx = c->n_dx > 12 ? 12 : c->n_dx;
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    uint32_t no = scrub_line_no(c, i);
    if (!l->dx_ptr[0]) {
      scrub_fix(x, "point the line at the diagnosis it treats (SV107-1, 1 to %u)",
                n_dx ? n_dx : 1);
      scrub_src(x, "ASC X12 837P implementation guide, SV107 (required)");
      scrub_emit(x, "DX_POINTER_INVALID", no, CC_SEV_ERROR, l->sv_loc,
                 "the line has no diagnosis pointer");
      continue;
    }
    for (int k = 0; k < 4; k++) {
      unsigned p = l->dx_ptr[k];
      if (!p || p <= n_dx) continue;
      if (n_dx)
        scrub_fix(x, "point at one of the claim's %u diagnoses, or add the missing "
                     "diagnosis to the claim (HI)", n_dx);
      else
        scrub_fix(x, "add the diagnoses the lines treat to the claim (HI)");
      scrub_src(x, "ASC X12 837P implementation guide, SV107: pointers 1 to 12 "
                   "into the claim's HI codes");
      scrub_emit(x, "DX_POINTER_INVALID", no, CC_SEV_ERROR, l->sv_loc,
                 "diagnosis pointer %u points past the claim's %u diagnos%s", p,
                 n_dx, n_dx == 1 ? "is" : "es");
    }
  }
}
