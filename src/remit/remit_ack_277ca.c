/* remit_ack_277ca.c - 277CA intake (005010X214): claim by claim, accepted
 * for processing or rejected with the STC reason; a rejection of the billing
 * provider (2200C) rejects each of its claims in the file answered.
 * Rejections go back to the work queue. */
#include <stdlib.h>
#include <string.h>

#include "elig/elig_int.h"

typedef struct ids {
  int64_t *v;
  size_t n, cap;
  bool oom;
} ids;

typedef struct ctxca {
  cc_store *s;
  int64_t file_id;
  cc_note_fn fn;
  void *fctx;
  cc_receive_result *res;
  cc_err *err;
  ids done; /* rejected at the provider level: their own 2200D adds no
               second rejection (nor a second queue item) */
  char prov_codes[256]; /* "|A3:562:85|...": the provider's rejections */
} ctxca;

static int keep_id(void *vctx, int64_t id) {
  ids *l = vctx;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 32;
    int64_t *v = realloc(l->v, cap * sizeof *v);
    if (!v) {
      l->oom = true;
      return 1;
    }
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = id;
  return 0;
}

static bool has_id(const ids *l, int64_t id) {
  for (size_t i = 0; i < l->n; i++)
    if (l->v[i] == id) return true;
  return false;
}

/* 1 accepted for processing, 0 rejected, -1 neither (received, forwarded,
 * pending...). */
static int verdict(const char *cat) {
  if (!strcmp(cat, "A2") || !strcmp(cat, "A5")) return 1;
  if (!strcmp(cat, "A3") || !strcmp(cat, "A4") || !strcmp(cat, "A6") ||
      !strcmp(cat, "A7") || !strcmp(cat, "A8"))
    return 0;
  return -1;
}

/* A 2200C status: when it rejects, every claim of that billing provider in
 * the file the 277CA answers (2200B TRN02 = our BHT03) is rejected with the
 * provider's STC, and goes to the work queue. */
static cc_code provider(ctxca *c, const elig_answer *a) {
  bool rejects = false;
  for (uint32_t i = 0; i < a->n_stc; i++)
    if (verdict(a->stc[i].cat) == 0) rejects = true;
  if (!rejects) return CC_OK;
  char t[400], why[480];
  why[0] = 0;
  snprintf(c->prov_codes, sizeof c->prov_codes, "|");
  for (uint32_t i = 0; i < a->n_stc; i++) {
    if (verdict(a->stc[i].cat) != 0) continue;
    size_t pk = strlen(c->prov_codes);
    snprintf(c->prov_codes + pk, sizeof c->prov_codes - pk, "%s|",
             a->stc[i].text);
    size_t k = strlen(why);
    snprintf(why + k, sizeof why - k, "%s%s", k ? "; " : "",
             elig_stc_describe(&a->stc[i], t, sizeof t));
  }
  ids found = {0};
  cc_code rc = store_ack_provider_claims(c->s, a->batch, a->provider_npi,
                                         keep_id, &found, c->err);
  if (!rc && found.oom) rc = cc_err_set(c->err, CC_E_NOMEM, NULL, NULL);
  char d[640];
  snprintf(d, sizeof d, "277CA rejected at the billing provider (NPI %s): %s",
           a->provider_npi, why);
  if (!rc && !found.n && c->fn) {
    char note[1024];
    snprintf(note, sizeof note, "%s; no claim of ours from this provider is "
             "open in the file it answers (TRN02 '%s')", d, a->batch);
    c->fn(c->fctx, a->provider_npi, note);
  }
  for (size_t k = 0; !rc && k < found.n; k++) {
    int64_t id = found.v[k];
    if (has_id(&c->done, id)) continue;
    for (uint32_t i = 0; !rc && i < a->n_stc; i++) {
      const elig_stc *s = &a->stc[i];
      elig_stc_describe(s, t, sizeof t);
      store_response rr = {
          .claim_id = id, .file_id = c->file_id, .kind = "277CA",
          .accepted = verdict(s->cat), .code = s->text,
          .status_date = s->date[0] ? s->date : NULL,
          .detail = t, .amount_cents = s->amount.cents,
          .has_amount = s->has_amount, .segment_index = s->seg};
      rc = store_ack_response(c->s, &rr, c->err);
    }
    if (!rc) rc = store_claim_status(c->s, id, "rejected", "277CA", d, c->err);
    if (!rc) rc = store_claim_task(c->s, id, d, c->err);
    if (!rc && keep_id(&c->done, id))
      rc = cc_err_set(c->err, CC_E_NOMEM, NULL, NULL);
    if (!rc) {
      c->res->matched++;
      c->res->rejected++;
    }
  }
  if (!rc && found.n && c->fn) c->fn(c->fctx, a->provider_npi, d);
  free(found.v);
  return rc;
}

static cc_code one(void *vctx, const elig_answer *a) {
  ctxca *c = vctx;
  if (a->provider_level) return provider(c, a);
  int64_t id;
  char status[12], t[400], d[540]; /* d goes into why (560) and back, cut at 500 */
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
  if (has_id(&c->done, id)) {
    /* Rejected with its provider already: keep what this loop says; the
     * provider's own rejection said again is not a second one to work. */
    for (uint32_t i = 0; i < a->n_stc; i++) {
      const elig_stc *s = &a->stc[i];
      elig_stc_describe(s, t, sizeof t);
      char key[70];
      snprintf(key, sizeof key, "|%s|", s->text);
      int acc = s->line_code[0] || strstr(c->prov_codes, key) ? -1
                                                              : verdict(s->cat);
      store_response rr = {
          .claim_id = id, .file_id = c->file_id, .kind = "277CA",
          .accepted = acc, .code = s->text,
          .status_date = s->date[0] ? s->date : NULL,
          .detail = t, .amount_cents = s->amount.cents,
          .has_amount = s->has_amount, .segment_index = s->seg};
      if ((rc = store_ack_response(c->s, &rr, c->err))) return rc;
    }
    return CC_OK;
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
    char why[560]; /* "277CA rejected: " + d */
    snprintf(why, sizeof why, "277CA rejected: %s", d);
    if (open && ((rc = store_claim_status(c->s, id, "rejected", "277CA", why,
                                          c->err)) ||
                 (rc = store_claim_task(c->s, id, why, c->err))))
      return rc;
    snprintf(d, sizeof d, "%.500s", why);
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
  ctxca c = {s, file_id, fn, fctx, res, err, {0}, ""};
  cc_code rc = elig_277_walk(p, n, name, one, &c, err);
  free(c.done.v);
  return rc;
}
