/* claims_model.c - small operations on the claim model: reset, deep copy
 * into an arena, service-date span, problem names. */
#include <string.h>

#include "claims/claims_int.h"

void cc_claims_init(cc_claim *c, char form) {
  memset(c, 0, sizeof *c);
  c->form = form;
}

cc_claim *cc_claims_copy(const cc_claim *c, cc_arena *a) {
  cc_claim *d = cc_arena_alloc(a, sizeof *d);
  if (!d) return NULL;
  *d = *c;
  d->lines = NULL;
  d->other = NULL;
  if (c->n_lines) {
    d->lines = cc_arena_alloc(a, c->n_lines * sizeof *d->lines);
    if (!d->lines) return NULL;
    memcpy(d->lines, c->lines, c->n_lines * sizeof *d->lines);
    for (uint32_t i = 0; i < c->n_lines; i++) {
      cc_claim_line *l = &d->lines[i];
      if (!l->n_adj) {
        l->adj = NULL;
        continue;
      }
      l->adj = cc_arena_alloc(a, l->n_adj * sizeof *l->adj);
      if (!l->adj) return NULL;
      memcpy(l->adj, c->lines[i].adj, l->n_adj * sizeof *l->adj);
    }
  }
  if (c->n_other) {
    d->other = cc_arena_alloc(a, c->n_other * sizeof *d->other);
    if (!d->other) return NULL;
    memcpy(d->other, c->other, c->n_other * sizeof *d->other);
  }
  if (c->src.file) d->src.file = cc_arena_strdup(a, cc_slice_cstr(c->src.file));
  return d;
}

cc_day cc_claims_first_date(const cc_claim *c) {
  cc_day d = 0;
  for (uint32_t i = 0; i < c->n_lines; i++)
    if (c->lines[i].from && (!d || c->lines[i].from < d)) d = c->lines[i].from;
  return d ? d : c->stmt_from;
}

cc_day cc_claims_last_date(const cc_claim *c) {
  cc_day d = 0;
  for (uint32_t i = 0; i < c->n_lines; i++) {
    cc_day t = c->lines[i].to ? c->lines[i].to : c->lines[i].from;
    if (t > d) d = t;
  }
  return d ? d : c->stmt_to;
}

const char *cc_claims_problem_name(cc_claim_problem_kind k) {
  switch (k) {
  case CC_CLAIM_P_STRUCTURE: return "structure";
  case CC_CLAIM_P_DEMOGRAPHICS: return "demographics";
  case CC_CLAIM_P_DX_POINTER: return "dx_pointer";
  case CC_CLAIM_P_VALUE: return "value";
  case CC_CLAIM_P_TOO_LONG: return "too_long";
  case CC_CLAIM_P_MISSING: return "missing";
  }
  return "unknown";
}
