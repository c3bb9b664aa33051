/* elig_277.c - claim status responses (277, 005010X212): each STC goes into
 * the history of the claim it names. The walk over claim answers is shared
 * with the 277CA intake (src/remit/remit_ack_277ca.c). */
#include <stdlib.h>
#include <string.h>

#include "elig_int.h"

const char *elig_category_text(const char *c) {
  /* Health Care Claim Status Category codes (code source 507). */
  static const struct { const char *c, *t; } tab[] = {
      {"A0", "forwarded to another entity"},
      {"A1", "received, not yet accepted for adjudication"},
      {"A2", "accepted into adjudication"},
      {"A3", "returned as unprocessable"},
      {"A4", "not found"},
      {"A5", "split claim"},
      {"A6", "rejected for missing information"},
      {"A7", "rejected for invalid information"},
      {"A8", "rejected for relational field in error"},
      {"P0", "pending: adjudication/details"},
      {"P1", "pending: in process"},
      {"P2", "pending: payer review"},
      {"P3", "pending: provider requested information"},
      {"P4", "pending: patient requested information"},
      {"P5", "pending: payer administrative/system hold"},
      {"F0", "finalized"},
      {"F1", "finalized: payment"},
      {"F2", "finalized: denial"},
      {"F3", "finalized: revised"},
      {"F3F", "finalized: forwarded"},
      {"F3N", "finalized: not forwarded"},
      {"F4", "finalized: adjudication complete, no payment forthcoming"},
      {"R0", "requests for additional information: general"},
      {"R1", "requests for additional information: entity requests"},
      {"R3", "requests for additional information: claim/line"},
      {"R4", "requests for additional information: documentation"},
      {"E0", "response not possible: error on submitted request data"},
      {"E1", "response not possible: system status"},
      {"E2", "information holder is not responding"},
      {"E3", "correction required: relational field in error"},
      {"E4", "trading partner agreement specific requirement"},
      {"D0", "data search unsuccessful"},
  };
  for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
    if (strcmp(tab[i].c, c) == 0) return tab[i].t;
  return "status";
}

char *elig_stc_describe(const elig_stc *s, char *buf, size_t cap) {
  char amt[24];
  snprintf(buf, cap, "%s%s%s(%s)%s%s%s%s%s%s", s->line_code[0] ? "line " : "",
           s->line_code, s->line_code[0] ? ": " : "", elig_category_text(s->cat),
           s->date[0] ? " on " : "", s->date, s->has_amount ? ", charge " : "",
           s->has_amount ? cc_money_fmt(s->amount, amt) : "",
           s->message[0] ? ": " : "", s->message);
  /* The codes first: that is what a specialist looks up. */
  char tmp[400];
  snprintf(tmp, sizeof tmp, "%s %s", s->text, buf);
  snprintf(buf, cap, "%s", tmp);
  return buf;
}

static void comp_join(const cc_x12_reader *r, const cc_x12_item *it,
                      unsigned pos, char *out, size_t cap) {
  char part[16];
  size_t k = strlen(out);
  for (unsigned c = 1; c <= 4; c++) {
    elig_val(r, it, pos, c, part, sizeof part);
    if (!part[0]) break;
    k += (size_t)snprintf(out + k, k < cap ? cap - k : 0, "%s%s",
                          c > 1 ? ":" : (k ? " " : ""), part);
    if (k >= cap) break;
  }
}

cc_code elig_277_walk(const char *p, size_t n, const char *name,
                      elig_answer_fn fn, void *ctx, cc_err *err) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  cc_x12_reader *r = lx ? cc_x12_reader_new(lx) : NULL;
  if (!r) {
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  }
  elig_answer *a = calloc(1, sizeof *a);
  if (!a) {
    cc_x12_reader_free(r);
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  }
  bool open = false;
  char line_code[49] = "", batch[51] = "", npi[81] = "";
  cc_x12_item it;
  cc_code rc;
  char v[81];
  while ((rc = cc_x12_reader_next(r, &it, err)) == CC_OK) {
    const char *id = it.seg->id, *loop = it.loop_id;
    bool claim_loop = strncmp(loop, "22", 2) == 0 &&
                      (loop[4] == 'D' || loop[4] == 'E') && loop[5] == 0;
    bool ends = it.kind == CC_X12_SE || strcmp(id, "HL") == 0 ||
                (strcmp(id, "TRN") == 0 && claim_loop);
    if (ends && open) {
      open = false;
      if ((rc = fn(ctx, a))) break;
    }
    if (it.kind != CC_X12_BODY || strcmp(it.st01, "277") != 0) continue;
    if (strcmp(id, "TRN") == 0 && !strcmp(loop, "2200B")) {
      elig_val(r, &it, 2, 0, batch, sizeof batch);
      npi[0] = 0;
    } else if (strcmp(id, "NM1") == 0 && !strcmp(loop, "2100C")) {
      elig_val(r, &it, 9, 0, npi, sizeof npi);
    }
    bool provider = strcmp(id, "TRN") == 0 && !strcmp(loop, "2200C");
    if (strcmp(id, "TRN") == 0 && ((claim_loop && loop[2] == '0') ||
                                   provider)) {
      /* 2200D/2200E: a claim starts; 2200C: the provider's own status */
      memset(a, 0, sizeof *a);
      open = true;
      line_code[0] = 0;
      a->provider_level = provider;
      snprintf(a->batch, sizeof a->batch, "%s", batch);
      snprintf(a->provider_npi, sizeof a->provider_npi, "%s", npi);
      elig_val(r, &it, 2, 0, a->trace, sizeof a->trace);
    } else if (!open) {
      continue;
    } else if (strcmp(id, "REF") == 0 && loop[2] == '0') {
      if (strcmp(elig_val(r, &it, 1, 0, v, sizeof v), "1K") == 0)
        elig_val(r, &it, 2, 0, a->payer_claim_no, sizeof a->payer_claim_no);
    } else if (strcmp(id, "SVC") == 0) {
      elig_val(r, &it, 1, 2, line_code, sizeof line_code);
    } else if (strcmp(id, "STC") == 0 && a->n_stc < ELIG_MAX_STC) {
      elig_stc *s = &a->stc[a->n_stc++];
      elig_val(r, &it, 1, 1, s->cat, sizeof s->cat);
      elig_val(r, &it, 1, 2, s->status, sizeof s->status);
      elig_val(r, &it, 1, 3, s->entity, sizeof s->entity);
      comp_join(r, &it, 1, s->text, sizeof s->text);
      comp_join(r, &it, 10, s->text, sizeof s->text);
      comp_join(r, &it, 11, s->text, sizeof s->text);
      elig_d8_iso(elig_val(r, &it, 2, 0, v, sizeof v), s->date);
      cc_err e;
      elig_val(r, &it, 4, 0, v, sizeof v);
      s->has_amount = v[0] && cc_money_parse(cc_slice_cstr(v), &s->amount,
                                             &e) == CC_OK;
      elig_val(r, &it, 12, 0, s->message, sizeof s->message);
      snprintf(s->line_code, sizeof s->line_code, "%s",
               loop[2] == '2' ? line_code : "");
      s->seg = (uint32_t)it.seg->index;
    }
  }
  if (rc == CC_E_EOF) rc = CC_OK;
  free(a);
  cc_x12_reader_free(r);
  cc_x12_lexer_free(lx);
  return rc;
}

typedef struct ctx277 {
  cc_store *s;
  int64_t file_id;
  cc_note_fn fn;
  void *fctx;
  cc_receive_result *res;
  cc_err *err;
} ctx277;

static cc_code one(void *vctx, const elig_answer *a) {
  ctx277 *c = vctx;
  int64_t id;
  char status[12], t[400];
  if (a->provider_level) return CC_OK; /* 277 status is claim by claim */
  cc_err e;
  cc_code rc = store_ack_claim(c->s, a->trace,
                               a->payer_claim_no[0] ? a->payer_claim_no : NULL,
                               &id, status, &e);
  if (rc == CC_E_NOTFOUND) {
    c->res->unmatched++;
    if (c->fn) c->fn(c->fctx, a->trace, "no claim of ours with this number");
    return CC_OK;
  }
  if (rc) {
    *c->err = e;
    return rc;
  }
  c->res->matched++;
  for (uint32_t i = 0; i < a->n_stc; i++) {
    const elig_stc *s = &a->stc[i];
    elig_stc_describe(s, t, sizeof t);
    store_response rr = {
        .claim_id = id, .file_id = c->file_id, .kind = "277", .accepted = -1,
        .code = s->text, .status_date = s->date[0] ? s->date : NULL,
        .payer_claim_number = i == 0 && a->payer_claim_no[0]
                                  ? a->payer_claim_no : NULL,
        .detail = t, .amount_cents = s->amount.cents,
        .has_amount = s->has_amount, .segment_index = s->seg};
    if ((rc = store_ack_response(c->s, &rr, c->err))) return rc;
    /* A status answer does not change where the claim stands (the 835
     * does); it goes into the history for whoever works the claim. */
    char d[440];
    snprintf(d, sizeof d, "claim status %s", t);
    if ((rc = store_claim_status(c->s, id, status, "277", d, c->err)))
      return rc;
    if (c->fn) c->fn(c->fctx, a->trace, d);
  }
  return CC_OK;
}

cc_code cc_elig_apply_277(cc_store *s, const char *p, size_t n,
                          const char *name, int64_t file_id, cc_note_fn fn,
                          void *fctx, cc_receive_result *res, cc_err *err) {
  ctx277 c = {s, file_id, fn, fctx, res, err};
  return elig_277_walk(p, n, name, one, &c, err);
}
