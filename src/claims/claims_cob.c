/* claims_cob.c - a secondary or tertiary claim's COB loops (2320, 2330B,
 * 2430) from how each earlier payer adjudicated it: read back from the 835
 * that payer sent, so each payer's loop balances as the 837 guide asks. */
#include <string.h>

#include "claims_int.h"
#include "store/store_claims_cob.h"
#include "store/store_submit.h"

typedef struct cobctx {
  cc_claim *c;
  cc_arena *a;
  int64_t prior;           /* prior claim of the current other payer */
  cc_claim_other_payer *o; /* current other payer */
  bool missing;            /* an answer could not be read from its 835 */
} cobctx;

static cc_day iso_day(const char *s) {
  cc_day d;
  return s && cc_date_parse_iso(cc_slice_cstr(s), &d) == CC_OK ? d : 0;
}

static const char *rel_code(const char *r) {
  if (!r || !strcmp(r, "self")) return "18";
  if (!strcmp(r, "spouse")) return "01";
  if (!strcmp(r, "child")) return "19";
  return "G8";
}

static void add_cas(cc_claim_cas *cas, uint16_t *n, const store_cob_row *r) {
  if (*n >= CC_CLAIM_MAX_CAS || !r->group_code) return;
  cc_claim_cas *x = &cas[(*n)++];
  memset(x, 0, sizeof *x);
  CLAIMS_SET(x->group, r->group_code);
  CLAIMS_SET(x->reason, r->reason_code ? r->reason_code : "");
  x->amount.cents = r->amount_cents;
}

/* One row of an earlier payer's adjudication ('C' the payer and its claim
 * figures, 'L' a line it paid, 'A' an adjustment) into the claim. */
static int cob_row(void *vctx, const store_cob_row *r) {
  cobctx *x = vctx;
  cc_claim *c = x->c;
  if (r->row == 'C') {
    if (c->n_other >= CC_CLAIM_MAX_OTHER_PAYERS) return 0;
    cc_claim_other_payer *o = &c->other[c->n_other++];
    memset(o, 0, sizeof *o);
    x->o = o;
    x->prior = r->prior_claim_id;
    o->responsibility = r->responsibility && r->responsibility[0] == 's' ? 'S'
                        : r->responsibility && r->responsibility[0] == 't'
                            ? 'T' : 'P';
    CLAIMS_SET(o->relationship, rel_code(r->relationship));
    CLAIMS_SET(o->group_number, r->group_number ? r->group_number : "");
    CLAIMS_SET(o->filing_indicator,
               r->filing_indicator ? r->filing_indicator : "CI");
    o->paid.cents = r->paid_cents;
    o->has_paid = true;
    o->remaining.cents = r->resp_cents;
    o->has_remaining = r->has_resp;
    o->benefits_assign = 'Y';
    o->release_info = 'Y';
    o->subscriber.entity = '1';
    CLAIMS_SET(o->subscriber.id_qual, "MI");
    CLAIMS_SET(o->subscriber.id, r->member_id ? r->member_id : "");
    /* The other payer's subscriber is the patient unless the coverage
     * names someone else. */
    const cc_claim_person *p = c->has_patient ? &c->patient : &c->subscriber;
    CLAIMS_SET(o->subscriber.last, r->sub_last ? r->sub_last : p->name.last);
    CLAIMS_SET(o->subscriber.first,
               r->sub_last ? (r->sub_first ? r->sub_first : "")
                           : p->name.first);
    o->payer.entity = '2';
    CLAIMS_SET(o->payer.id_qual, "PI");
    CLAIMS_SET(o->payer.id, r->payer_code ? r->payer_code : "");
    CLAIMS_SET(o->payer.last, r->payer_name ? r->payer_name : "");
    o->adjudicated = iso_day(r->adjudicated);
    CLAIMS_SET(o->payer_claim_no,
               r->payer_claim_number ? r->payer_claim_number : "");
    return 0;
  }
  if (!x->o || r->prior_claim_id != x->prior) return 0;
  if (r->row == 'A' && r->line_no == 0) {
    add_cas(x->o->cas, &x->o->n_cas, r);
    return 0;
  }
  cc_claim_line *l = NULL;
  for (uint32_t i = 0; i < c->n_lines; i++)
    if (c->lines[i].lx == r->line_no ||
        (!c->lines[i].lx && i + 1 == r->line_no))
      l = &c->lines[i];
  if (!l) return 0;
  if (r->row == 'L') {
    if (l->n_adj >= CC_CLAIM_MAX_LINE_ADJ) return 0;
    cc_claim_line_adj *na = cc_arena_alloc(x->a, (l->n_adj + 1u) * sizeof *na);
    if (!na) return 1;
    if (l->n_adj) memcpy(na, l->adj, l->n_adj * sizeof *na);
    cc_claim_line_adj *ad = &na[l->n_adj];
    memset(ad, 0, sizeof *ad);
    CLAIMS_SET(ad->payer_id, x->o->payer.id);
    ad->paid.cents = r->paid_cents;
    CLAIMS_SET(ad->proc_qual, l->proc_qual[0] ? l->proc_qual : "HC");
    CLAIMS_SET(ad->proc, r->code && *r->code ? r->code : l->proc);
    memcpy(ad->mod, l->mod, sizeof ad->mod);
    ad->units_milli = l->units_milli;
    ad->adjudicated = x->o->adjudicated;
    l->adj = na;
    l->n_adj++;
  } else if (r->row == 'A' && l->n_adj) {
    cc_claim_line_adj *ad = &l->adj[l->n_adj - 1];
    add_cas(ad->cas, &ad->n_cas, r);
  }
  return 0;
}

/* ---- reading one CLP back from its 835 --------------------------------- */

static bool money_el(const cc_x12_seg *sg, unsigned pos, int64_t *out) {
  cc_money m;
  cc_err e;
  if (pos > sg->nel || !sg->el[pos].n ||
      cc_money_parse(sg->el[pos], &m, &e) != CC_OK)
    return false;
  *out = m.cents;
  return true;
}

static bool is(const cc_x12_seg *sg, const char *id) {
  return strcmp(sg->id, id) == 0;
}

/* Every triplet of one CAS (reason, amount, quantity; up to six) as 'A'
 * rows on line_no (0: the claim). */
static bool cas_rows(cobctx *x, store_cob_row *r, const cc_x12_seg *sg,
                     uint32_t line_no) {
  char grp[3], reason[6];
  if (sg->nel < 3 || sg->el[1].n != 2) return false;
  memcpy(grp, sg->el[1].p, 2);
  grp[2] = 0;
  r->row = 'A';
  r->line_no = line_no;
  r->group_code = grp;
  for (unsigned p = 2; p + 1 <= sg->nel && p <= 17; p += 3) {
    if (!sg->el[p].n) continue;
    if (sg->el[p].n >= sizeof reason || !money_el(sg, p + 1, &r->amount_cents))
      return false;
    memcpy(reason, sg->el[p].p, sg->el[p].n);
    reason[sg->el[p].n] = 0;
    r->reason_code = reason;
    if (cob_row(x, r)) return false;
  }
  return true;
}

/* The CLP at a->clp_seg and its CAS and SVC/CAS up to the next CLP, as
 * rows. False when the file does not hold that CLP as posted. */
static bool read_clp(cobctx *x, const store_cob_answer *a) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(a->content, a->content_n, "835");
  if (!lx) return false;
  cc_x12_seg sg;
  cc_err e;
  bool ok = false, in_clp = false, skip = false;
  size_t k = 0;
  uint32_t line_no = 0;
  char code[49];
  store_cob_row r = {
      .prior_claim_id = a->prior_claim_id, .payer_code = a->payer_code,
      .payer_name = a->payer_name, .responsibility = a->responsibility,
      .filing_indicator = a->filing_indicator, .member_id = a->member_id,
      .group_number = a->group_number, .relationship = a->relationship,
      .sub_last = a->sub_last, .sub_first = a->sub_first,
      .payer_claim_number = a->payer_claim_number,
      .adjudicated = a->adjudicated};
  while (cc_x12_lexer_next(lx, &sg, &e) == CC_OK) {
    if (!in_clp) {
      if (sg.index < a->clp_seg) continue;
      if (sg.index > a->clp_seg || !is(&sg, "CLP") ||
          !money_el(&sg, 4, &r.paid_cents))
        break;
      r.has_resp = money_el(&sg, 5, &r.resp_cents);
      r.row = 'C';
      if (cob_row(x, &r)) break;
      in_clp = ok = true;
      continue;
    }
    if (is(&sg, "CLP") || is(&sg, "LX") || is(&sg, "PLB") || is(&sg, "SE"))
      break;
    if (is(&sg, "SVC")) {
      /* The line the posting matched this SVC to; an SVC matched to none
       * has nowhere to go in the 837. */
      while (k < a->n_svc && a->svc_seg[k] < sg.index) k++;
      line_no = k < a->n_svc && a->svc_seg[k] == sg.index ? a->svc_line[k]
                                                          : 0;
      skip = line_no == 0;
      if (skip) continue;
      cc_slice comp[8];
      size_t nc = cc_x12_split(sg.el[1], cc_x12_lexer_delims(lx).comp, comp,
                               8);
      code[0] = 0;
      if (nc >= 2 && comp[1].n < sizeof code) {
        memcpy(code, comp[1].p, comp[1].n);
        code[comp[1].n] = 0;
      }
      r.row = 'L';
      r.line_no = line_no;
      r.code = code;
      if (!money_el(&sg, 3, &r.paid_cents) || cob_row(x, &r)) {
        ok = false;
        break;
      }
    } else if (is(&sg, "CAS") && !skip) {
      if (!cas_rows(x, &r, &sg, line_no)) {
        ok = false;
        break;
      }
    }
  }
  cc_x12_lexer_free(lx);
  return ok;
}

static int on_answer(void *vctx, const store_cob_answer *a) {
  cobctx *x = vctx;
  if (!a->content || !read_clp(x, a)) {
    x->missing = true;
    return 1;
  }
  return 0;
}

cc_code claims_cob_fill(cc_store *s, cc_claim *c, cc_arena *a, cc_err *err) {
  if (c->responsibility != 'S' && c->responsibility != 'T') return CC_OK;
  if (c->n_other) return CC_OK; /* saved with the claim already */
  c->other = cc_arena_alloc(a, CC_CLAIM_MAX_OTHER_PAYERS * sizeof *c->other);
  if (!c->other) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  cobctx x = {.c = c, .a = a};
  cc_code rc = store_claims_cob_answers(s, c->id, on_answer, &x, err);
  if (rc || !x.missing) return rc;
  /* An 835 not kept (a database from before the raw files were): what
   * the ledger holds of it, which lacks what the posting policy ignored. */
  c->n_other = 0;
  for (uint32_t i = 0; i < c->n_lines; i++) c->lines[i].n_adj = 0;
  x = (cobctx){.c = c, .a = a};
  return store_submit_cob(s, c->id, cob_row, &x, err);
}
