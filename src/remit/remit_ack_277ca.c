/* remit_ack_277ca.c - 277CA intake (005010X214): claim by claim, accepted
 * for processing or rejected with the STC reason; rejections go back to the
 * work queue. */
#include <string.h>

#include "elig/elig_int.h"

typedef struct ctxca {
  cc_store *s;
  int64_t file_id;
  cc_note_fn fn;
  void *fctx;
  cc_receive_result *res;
  cc_err *err;
} ctxca;

/* 1 accepted for processing, 0 rejected, -1 neither (received, forwarded,
 * pending...). */
static int verdict(const char *cat) {
  if (!strcmp(cat, "A2") || !strcmp(cat, "A5")) return 1;
  if (!strcmp(cat, "A3") || !strcmp(cat, "A4") || !strcmp(cat, "A6") ||
      !strcmp(cat, "A7") || !strcmp(cat, "A8"))
    return 0;
  return -1;
}

static cc_code one(void *vctx, const elig_answer *a) {
  ctxca *c = vctx;
  int64_t id;
  char status[12], t[400], d[480];
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = store_ack_claim(c->s, a->trace,
                               a->payer_claim_no[0] ? a->payer_claim_no : NULL,
                               &id, status, &e);
  if (rc == CC_E_NOTFOUND) {
    c->res->unmatched++;
    if (c->fn) c->fn(c->fctx, a->trace, "277CA: no claim of ours with this "
                                        "number");
    return CC_OK;
  }
  if (rc) {
    *c->err = e;
    return rc;
  }
  c->res->matched++;
  /* The claim's verdict is its claim-level STCs: any rejection rejects it;
   * line-level ones are kept as the reason. */
  int v = -1;
  d[0] = 0;
  for (uint32_t i = 0; i < a->n_stc; i++) {
    if (a->stc[i].line_code[0]) continue;
    int x = verdict(a->stc[i].cat);
    if (x == 0 || (x == 1 && v < 0)) v = x;
  }
  for (uint32_t i = 0; i < a->n_stc; i++) {
    const elig_stc *s = &a->stc[i];
    elig_stc_describe(s, t, sizeof t);
    store_response rr = {
        .claim_id = id, .file_id = c->file_id, .kind = "277CA",
        .accepted = s->line_code[0] ? -1 : verdict(s->cat), .code = s->text,
        .status_date = s->date[0] ? s->date : NULL,
        .payer_claim_number = i == 0 && a->payer_claim_no[0]
                                  ? a->payer_claim_no : NULL,
        .detail = t, .amount_cents = s->amount.cents,
        .has_amount = s->has_amount, .segment_index = s->seg};
    if ((rc = store_ack_response(c->s, &rr, c->err))) return rc;
    if (v == 0 && verdict(s->cat) != 1) {
      size_t k = strlen(d);
      snprintf(d + k, sizeof d - k, "%s%s", k ? "; " : "", t);
    }
  }
  /* A claim already paid or denied is past what a 277CA can change. */
  bool open = !strcmp(status, "submitted") || !strcmp(status, "accepted") ||
              !strcmp(status, "rejected");
  if (v == 1) {
    c->res->accepted++;
    snprintf(d, sizeof d, "277CA accepted for processing: %s",
             a->n_stc ? a->stc[0].text : "");
    if (open && (rc = store_claim_status(c->s, id, "accepted", "277CA", d,
                                         c->err)))
      return rc;
  } else if (v == 0) {
    c->res->rejected++;
    char why[480];
    snprintf(why, sizeof why, "277CA rejected: %s", d);
    if (open && ((rc = store_claim_status(c->s, id, "rejected", "277CA", why,
                                          c->err)) ||
                 (rc = store_claim_task(c->s, id, why, c->err))))
      return rc;
    snprintf(d, sizeof d, "%s", why);
  } else {
    snprintf(d, sizeof d, "277CA: %s", a->n_stc ? a->stc[0].text : "no STC");
    if ((rc = store_claim_status(c->s, id, status, "277CA", d, c->err)))
      return rc;
  }
  if (c->fn) c->fn(c->fctx, a->trace, d);
  return CC_OK;
}

cc_code cc_remit_ack_277ca(cc_store *s, const char *p, size_t n,
                           const char *name, int64_t file_id, cc_note_fn fn,
                           void *fctx, cc_receive_result *res, cc_err *err) {
  ctxca c = {s, file_id, fn, fctx, res, err};
  return elig_277_walk(p, n, name, one, &c, err);
}
