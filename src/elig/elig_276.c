/* elig_276.c - claim status requests (276, 005010X212) for claims the payer
 * has not answered: one hierarchy (payer, information receiver, billing
 * provider, subscriber[, dependent], claim) per claim, traced by CLM01. */
#include <string.h>

#include "elig_int.h"

#define END ((const char *)-1)

typedef struct ctx276 {
  cc_store *s;
  elig_out *o;
  uint32_t hl, n;
} ctx276;

static const char *sex_code(const char *s) {
  return s && (s[0] == 'M' || s[0] == 'F' || s[0] == 'U') ? s : NULL;
}

static int one(void *vctx, const store_status_claim *c) {
  ctx276 *x = vctx;
  elig_out *o = x->o;
  char h[4][12], dob[9], from[9], to[9], dates[20], amt[24];
  for (int i = 0; i < 4; i++) snprintf(h[i], sizeof h[i], "%u", x->hl + i + 1);
  bool self = !c->relationship || strcmp(c->relationship, "self") == 0;
  bool person = !c->prov_kind || strcmp(c->prov_kind, "organization") != 0;
  elig_seg(o, "HL", h[0], NULL, "20", "1", END);
  elig_seg(o, "NM1", "PR", "2", c->payer_name, NULL, NULL, NULL, NULL, "PI",
           c->payer_code, END);
  elig_seg(o, "HL", h[1], h[0], "21", "1", END);
  elig_seg(o, "NM1", "41", "2", o->pr.submitter_name ? o->pr.submitter_name
                                                     : o->pr.name,
           NULL, NULL, NULL, NULL, "46", o->pr.submitter_id, END);
  elig_seg(o, "HL", h[2], h[1], "19", "1", END);
  elig_seg(o, "NM1", "1P", person ? "1" : "2",
           c->prov_last ? c->prov_last : o->pr.name,
           person ? c->prov_first : NULL, NULL, NULL, NULL, "XX",
           c->prov_npi ? c->prov_npi : o->pr.npi, END);
  elig_seg(o, "HL", h[3], h[2], "22", self ? "0" : "1", END);
  if (self && *elig_iso_d8(c->sub_birth_date, dob))
    elig_seg(o, "DMG", "D8", dob, sex_code(c->sub_sex), END);
  elig_seg(o, "NM1", "IL", "1", c->sub_last, c->sub_first, NULL, NULL, NULL,
           "MI", c->member_id, END);
  x->hl += 4;
  if (!self) {
    char h5[12], parent[12];
    snprintf(h5, sizeof h5, "%u", ++x->hl);
    snprintf(parent, sizeof parent, "%s", h[3]);
    elig_seg(o, "HL", h5, parent, "23", END);
    elig_seg(o, "DMG", "D8", elig_iso_d8(c->pat_birth_date, dob),
             sex_code(c->pat_sex), END);
    elig_seg(o, "NM1", "QC", "1", c->pat_last, c->pat_first, END);
  }
  /* TRN02 is our claim control number: the 277 echoes it (TRN*2). */
  elig_seg(o, "TRN", "1", c->control_number, END);
  if (c->payer_claim_number)
    elig_seg(o, "REF", "1K", c->payer_claim_number, END);
  elig_seg(o, "REF", "EJ", c->account_no, END);
  elig_seg(o, "AMT", "T3", cc_money_x12(CC_MONEY(c->total_cents), amt), END);
  elig_iso_d8(c->first_date, from);
  elig_iso_d8(c->last_date ? c->last_date : c->first_date, to);
  if (from[0] && to[0] && strcmp(from, to) != 0) {
    snprintf(dates, sizeof dates, "%s-%s", from, to);
    elig_seg(o, "DTP", "472", "RD8", dates, END);
  } else if (from[0]) {
    elig_seg(o, "DTP", "472", "D8", from, END);
  }
  x->n++;
  return o->w.rc != CC_OK;
}

cc_code cc_elig_status_request(cc_store *s, int older_than, const char *path,
                               cc_buf *out, uint32_t *n_claims, cc_err *err) {
  *n_claims = 0;
  if (older_than < 0)
    return cc_err_set(err, CC_E_USAGE, "invalid argument",
                      "--older-than must be 0 or more days");
  char cutoff[11], today[9], bht[16];
  cc_date_iso(cc_date_today() - older_than, cutoff);
  cc_date_d8(cc_date_today(), today);
  cc_arena *a = cc_arena_new(0);
  if (!a) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  size_t start = out->n;
  elig_out o;
  ctx276 x = {.s = s, .o = &o};
  cc_code rc = cc_store_begin(s, err);
  if (rc) goto done;
  if ((rc = elig_open(s, a, &o, out, "HR", "276", "005010X212", err))) goto fail;
  snprintf(bht, sizeof bht, "CC%s", o.st);
  elig_seg(&o, "BHT", "0010", "13", bht, today, "1200", END);
  if ((rc = store_elig_unanswered(s, cutoff, one, &x, err))) goto fail;
  if ((rc = o.w.rc)) goto fail;
  if (x.n == 0) { /* nothing to ask: no file, and no control numbers used */
    cc_store_rollback(s);
    out->n = start;
    if (out->p) out->p[start] = 0;
    goto done;
  }
  if ((rc = elig_close(s, &o, start, "276", path, err))) goto fail;
  if ((rc = cc_store_commit(s, err))) goto fail;
  *n_claims = x.n;
  goto done;
fail:
  cc_store_rollback(s);
  out->n = start;
  if (out->p) out->p[start] = 0;
done:
  cc_arena_free(a);
  return rc;
}
