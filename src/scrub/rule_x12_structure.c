/* rule_x12_structure.c - X12_STRUCTURE: what the 837 reader found broken
 * for this claim (a segment out of place, a value it could not read...),
 * so a damaged file still gets judged claim by claim. Problems that a rule
 * judges from the claim's own fields (demographics, diagnosis pointers) are
 * left to that rule, so each is reported once. */
#include "scrub_int.h"

void scrub_rule_x12_structure(scrub_ctx *x) {
  for (size_t i = 0; i < x->n_probs; i++) {
    const cc_claim_problem *p = &x->probs[i];
    if (p->kind == CC_CLAIM_P_DEMOGRAPHICS || p->kind == CC_CLAIM_P_DX_POINTER)
      continue;
    const cc_err *w = &p->where;
    cc_claim_loc loc = {.seg = w->seg_pos, .elem = w->elem_pos, .comp = w->comp_pos};
    scrub_fix(x, "correct the %s segment%s%s in the claim and send it again",
              w->seg_id[0] ? w->seg_id : "affected",
              w->loop_id[0] ? " of loop " : "", w->loop_id);
    scrub_src(x, "ASC X12 837 implementation guide (%s), segment %u of %s",
              x->c->src.version[0] ? x->c->src.version : "5010",
              (unsigned)w->seg_pos, w->file ? w->file : "the file");
    scrub_emit(x, "X12_STRUCTURE", p->line, p->sev, loc, "%s%s%s",
               w->msg ? w->msg : cc_claims_problem_name(p->kind),
               w->detail[0] ? ": " : "", w->detail);
  }
}
