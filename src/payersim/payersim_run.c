/* payersim_run.c - the clearinghouse's day: take an interchange, answer
 * with a 999, then a 277CA for claims (front-end edits, adjudication for
 * the accepted ones), and release the 835s whose pay date has come. */
#include <stdlib.h>
#include <string.h>

#include "payersim_int.h"

cc_payersim *cc_payersim_new(uint64_t seed) {
  cc_payersim *ps = calloc(1, sizeof *ps);
  if (ps) ps->seed = seed;
  return ps;
}

void cc_payersim_free(cc_payersim *ps) {
  if (!ps) return;
  for (size_t i = 0; i < ps->n_profiles; i++)
    payersim_profile_free(ps->profiles[i]);
  free(ps->profiles);
  for (size_t i = 0; i < ps->n_adj; i++) {
    free(ps->adj[i]->lines);
    free(ps->adj[i]);
  }
  free(ps->adj);
  free(ps->acc);
  free(ps);
}

/* ---- front-end edits (277CA) ------------------------------------------ */

/* A profile that lists its enrolled providers knows no other NPI; one
 * without the list takes any valid NPI. */
static bool enrolled(const ps_profile *p, const char *npi) {
  if (!p->n_providers || !npi[0]) return true;
  for (size_t i = 0; i < p->n_providers; i++)
    if (!strcmp(p->providers[i], npi)) return true;
  return false;
}

static void ack_set(cc_payersim_ack *ack, bool ok, const char *stc,
                    const char *why) {
  ack->accepted = ok;
  snprintf(ack->stc, sizeof ack->stc, "%s", stc);
  snprintf(ack->reason, sizeof ack->reason, "%s", why);
}

void cc_payersim_screen(const cc_payersim *ps, const cc_claim *c,
                        cc_payersim_ack *ack) {
  const ps_profile *p = payersim_find_profile(ps, c->payer.id);
  if (!p)
    return ack_set(ack, false, "A3:116:PR",
                   "CLAIM SENT TO A PAYER ID THIS CLEARINGHOUSE DOES NOT KNOW");
  if (!payersim_find_member(p, c->subscriber.name.id))
    return ack_set(ack, false, "A3:33:IL",
                   "SUBSCRIBER AND SUBSCRIBER ID NOT FOUND - CHECK THE "
                   "MEMBER ID ON THE CARD");
  if (!cc_npi_valid(cc_slice_cstr(c->billing.id)))
    return ack_set(ack, false, "A7:562:85",
                   "BILLING PROVIDER NPI IS NOT A VALID NPI");
  if (c->rendering.id[0] && !cc_npi_valid(cc_slice_cstr(c->rendering.id)))
    return ack_set(ack, false, "A7:562:82",
                   "RENDERING PROVIDER NPI IS NOT A VALID NPI");
  /* A valid NPI the payer has not enrolled (credentialing not finished):
   * the same STC, told apart by the sentence. */
  char why[96];
  if (!enrolled(p, c->billing.id)) {
    snprintf(why, sizeof why, "BILLING NPI %.10s NOT ON FILE WITH PAYER - "
             "CHECK ENROLLMENT", c->billing.id);
    return ack_set(ack, false, "A7:562:85", why);
  }
  const char *rend = c->rendering.id;
  for (uint32_t k = 0; enrolled(p, rend) && k < c->n_lines; k++)
    if (c->lines[k].rendering.id[0]) rend = c->lines[k].rendering.id;
  if (!enrolled(p, rend)) {
    snprintf(why, sizeof why, "RENDERING NPI %.10s NOT ON FILE WITH PAYER - "
             "CHECK ENROLLMENT", rend);
    return ack_set(ack, false, "A7:562:82", why);
  }
  if (c->frequency == '8') {
    bool found = false;
    for (size_t i = 0; i < ps->n_adj && !found; i++) {
      const cc_payersim_adj *a = ps->adj[i];
      found = !a->reversed && strcmp(a->status, "22") &&
              !strcmp(a->payer_id, p->payer_id) &&
              (c->payer_claim_no[0] ? !strcmp(a->payer_claim_no,
                                              c->payer_claim_no)
                                    : !strcmp(a->pcn, c->pcn));
    }
    if (!found)
      return ack_set(ack, false, "A3:21:PR",
                     "VOID OF A CLAIM THE PAYER HAS NOT PROCESSED - CHECK "
                     "THE PAYER CLAIM NUMBER (REF F8)");
  }
  ack_set(ack, true, "A2:20:PR", "");
}

/* ---- what the input is ------------------------------------------------- */

typedef struct scan {
  char s_qual[3], s_id[16], r_qual[3], r_id[16];
  cc_day date;
  char usage;
  char sub_name[61], sub_id[81]; /* 1000A of an 837 */
  bool has837, has270, has276;
  bool all_bad;
  uint8_t bad[256]; /* per set index (1-based, capped): 999 rejected it */
} scan;

static void copy_el(const cc_x12_seg *s, unsigned i, char *buf, size_t cap) {
  if (i <= s->nel)
    cc_slice_copy(cc_slice_trim(s->el[i]), buf, cap);
  else
    buf[0] = '\0';
}

static void on_finding(void *ctx, const cc_x12_finding *f) {
  scan *sc = ctx;
  if (f->sev != CC_SEV_ERROR) return;
  if (f->level == CC_ACK_GROUP || f->level == CC_ACK_INTERCHANGE)
    sc->all_bad = true;
  else if (f->level == CC_ACK_SEGMENT || f->level == CC_ACK_ELEMENT ||
           f->level == CC_ACK_SET)
    sc->bad[f->set_index < 255 ? f->set_index : 255] = 1;
}

static cc_code do_scan(const char *p, size_t n, const char *name, scan *sc,
                       cc_err *err) {
  memset(sc, 0, sizeof *sc);
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  if (!lx) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  cc_x12_seg *s = malloc(sizeof *s);
  cc_code rc = s ? CC_OK : CC_E_NOMEM;
  bool in837 = false;
  while (rc == CC_OK && (rc = cc_x12_lexer_next(lx, s, err)) == CC_OK) {
    if (!strcmp(s->id, "ISA") && !sc->s_id[0]) {
      copy_el(s, 5, sc->s_qual, sizeof sc->s_qual);
      copy_el(s, 6, sc->s_id, sizeof sc->s_id);
      copy_el(s, 7, sc->r_qual, sizeof sc->r_qual);
      copy_el(s, 8, sc->r_id, sizeof sc->r_id);
      char d6[8];
      copy_el(s, 9, d6, sizeof d6);
      char d8[9];
      snprintf(d8, sizeof d8, "20%.6s", d6);
      if (cc_date_parse_d8(cc_slice_cstr(d8), &sc->date) != CC_OK)
        sc->date = 0;
      char u[2];
      copy_el(s, 15, u, sizeof u);
      sc->usage = u[0] == 'P' ? 'P' : 'T';
    } else if (!strcmp(s->id, "ST")) {
      in837 = cc_slice_eq(s->el[1], "837");
      sc->has837 |= in837;
      sc->has270 |= cc_slice_eq(s->el[1], "270");
      sc->has276 |= cc_slice_eq(s->el[1], "276");
    } else if (in837 && !strcmp(s->id, "NM1") && !sc->sub_name[0] &&
               s->nel >= 3 && cc_slice_eq(s->el[1], "41")) {
      copy_el(s, 3, sc->sub_name, sizeof sc->sub_name);
      copy_el(s, 9, sc->sub_id, sizeof sc->sub_id);
    }
  }
  free(s);
  cc_x12_lexer_free(lx);
  if (rc == CC_E_EOF) rc = CC_OK;
  if (rc != CC_OK) return rc;
  cc_x12_summary sum;
  cc_err e2;
  /* A file the validator cannot read at all gets a TA1 from the 999
   * builder; its status here adds nothing. */
  if (cc_x12_validate_mem(p, n, name, on_finding, sc, &sum, &e2) != CC_OK)
    sc->all_bad = true;
  return CC_OK;
}

/* The 999 builder stamps today's clock; the simulator answers on the day
 * it was told, so the envelope dates are rewritten in place (same width). */
static void stamp(cc_buf *b, cc_day date) {
  if (b->n < 106 || memcmp(b->p, "ISA", 3)) return;
  char sep = b->p[3], term = b->p[105];
  char d8[9];
  cc_date_d8(date, d8);
  /* ISA09 starts at byte 70, ISA10 at 77: the ISA is fixed width. */
  memcpy(b->p + 70, d8 + 2, 6);
  memcpy(b->p + 77, "1200", 4);
  for (size_t i = 106; i + 3 < b->n; i++) {
    if (memcmp(b->p + i, "GS", 2) || b->p[i + 2] != sep) continue;
    size_t f = 0, k = i;
    for (; k < b->n && b->p[k] != term; k++) {
      if (b->p[k] != sep) continue;
      f++;
      if (f == 4 && k + 9 < b->n && b->p[k + 9] == sep)
        memcpy(b->p + k + 1, d8, 8);
      if (f == 5 && k + 5 < b->n && b->p[k + 5] == sep)
        memcpy(b->p + k + 1, "1200", 4);
    }
    i = k;
  }
}

/* ---- 837 -> 277CA ------------------------------------------------------ */

typedef struct rec {
  cc_payersim_ack ack;
  char pcn[39], npi[81], bname[61], last[61], first[36], member[81];
  char payer_claim_no[31];
  cc_money charge;
  cc_day from, to;
} rec;

typedef struct rx {
  cc_payersim *ps;
  scan *sc;
  cc_day date;
  rec *r;
  size_t n, cap;
  char bht[31];
  cc_err *err;
  cc_code rc;
} rx;

static int on_claim(void *ctx, const cc_claim *c, const cc_claim_problem *pr,
                    size_t np) {
  rx *x = ctx;
  if (x->sc->all_bad || x->sc->bad[c->src.set_index < 255 ? c->src.set_index
                                                          : 255])
    return 0; /* the 999 rejected its transaction set */
  if (!x->bht[0]) snprintf(x->bht, sizeof x->bht, "%s", c->src.bht_ref);
  if (x->n == x->cap) {
    size_t cap = x->cap ? x->cap * 2 : 32;
    rec *v = realloc(x->r, cap * sizeof *v);
    if (!v) {
      x->rc = CC_E_NOMEM;
      return 1;
    }
    x->r = v;
    x->cap = cap;
  }
  rec *r = &x->r[x->n++];
  memset(r, 0, sizeof *r);
  snprintf(r->pcn, sizeof r->pcn, "%s", c->pcn);
  snprintf(r->npi, sizeof r->npi, "%s", c->billing.id);
  snprintf(r->bname, sizeof r->bname, "%s", c->billing.last);
  const cc_claim_party *pt = c->has_patient ? &c->patient.name
                                            : &c->subscriber.name;
  snprintf(r->last, sizeof r->last, "%s", pt->last);
  snprintf(r->first, sizeof r->first, "%s", pt->first);
  snprintf(r->member, sizeof r->member, "%s", c->subscriber.name.id);
  r->charge = c->total;
  r->from = cc_claims_first_date(c);
  r->to = cc_claims_last_date(c);
  cc_payersim_screen(x->ps, c, &r->ack);
  if (!r->ack.accepted) return 0;
  const cc_payersim_adj *a = NULL, *rev = NULL;
  cc_err e;
  cc_code rc = cc_payersim_adjudicate(x->ps, c, x->date, &a, &rev, &e);
  if (rc == CC_E_NOMEM) {
    x->rc = rc;
    *x->err = e;
    return 1;
  }
  if (rc != CC_OK) {
    ack_set(&r->ack, false, "A3:21:PR", "CLAIM COULD NOT BE PROCESSED");
    return 0;
  }
  cc_payersim_adj *w[2] = {(cc_payersim_adj *)rev, (cc_payersim_adj *)a};
  for (int i = 0; i < 2; i++) {
    if (!w[i]) continue;
    snprintf(w[i]->submitter_id, sizeof w[i]->submitter_id, "%s",
             x->sc->s_id);
    snprintf(w[i]->submitter_qual, sizeof w[i]->submitter_qual, "%s",
             x->sc->s_qual);
  }
  snprintf(r->payer_claim_no, sizeof r->payer_claim_no, "%s",
           a ? a->payer_claim_no : rev ? rev->payer_claim_no : "");
  return 0;
}

static void dates(cc_x12_writer *w, const char *qual, cc_day from, cc_day to) {
  char f8[9], rd[18];
  if (!from) return;
  if (to && to != from) {
    char t8[9];
    snprintf(rd, sizeof rd, "%s-%s", cc_date_d8(from, f8), cc_date_d8(to, t8));
    payersim_seg(w, "DTP", qual, "RD8", rd, NULL);
  } else {
    payersim_seg(w, "DTP", qual, "D8", cc_date_d8(from, f8), NULL);
  }
}

static void totals(cc_x12_writer *w, const rec *r, size_t n, const char *npi,
                   const char *qa, const char *qr) {
  uint32_t na = 0, nr = 0;
  cc_money ma = {0}, mr = {0};
  for (size_t i = 0; i < n; i++) {
    if (npi && strcmp(r[i].npi, npi)) continue;
    if (r[i].ack.accepted) {
      na++;
      ma.cents += r[i].charge.cents;
    } else {
      nr++;
      mr.cents += r[i].charge.cents;
    }
  }
  char b[24], q[12];
  if (na) {
    snprintf(q, sizeof q, "%u", na);
    payersim_seg(w, "QTY", qa, q, NULL);
  }
  if (nr) {
    snprintf(q, sizeof q, "%u", nr);
    payersim_seg(w, "QTY", qr, q, NULL);
  }
  if (na) payersim_seg(w, "AMT", "YU", cc_money_x12(ma, b), NULL);
  if (nr) payersim_seg(w, "AMT", "YY", cc_money_x12(mr, b), NULL);
}

static cc_code write_277ca(cc_payersim *ps, const scan *sc, const rx *x,
                           cc_payersim_files *out, cc_err *err) {
  cc_buf b;
  cc_buf_init(&b, CC_MAX_X12_INTERCHANGE);
  cc_x12_writer w;
  payersim_env e = {0};
  snprintf(e.sender, sizeof e.sender, "%s", sc->r_id[0] ? sc->r_id : "SIMCH");
  snprintf(e.sender_qual, sizeof e.sender_qual, "%s", sc->r_qual);
  snprintf(e.receiver, sizeof e.receiver, "%s",
           sc->s_id[0] ? sc->s_id : "SUBMITTER");
  snprintf(e.receiver_qual, sizeof e.receiver_qual, "%s", sc->s_qual);
  e.func = "HN";
  e.version = "005010X214";
  e.ctl = ++ps->isa_ctl;
  e.date = x->date;
  e.usage = sc->usage;
  payersim_open(&w, &b, &e, err);
  (void)cc_x12_write_st(&w, "277", "0001", "005010X214");
  char d8[9], trace[16], tot[24];
  cc_date_d8(x->date, d8);
  snprintf(trace, sizeof trace, "CA%09u", e.ctl);
  payersim_seg(&w, "BHT", "0085", "08", trace, d8, "1200", "TH", NULL);
  payersim_seg(&w, "HL", "1", "", "20", "1", NULL);
  payersim_seg(&w, "NM1", "AY", "2", "CLEANCLAIM SIMULATED CLEARINGHOUSE", "",
               "", "", "", "46", e.sender, NULL);
  payersim_seg(&w, "TRN", "1", trace, NULL);
  payersim_seg(&w, "DTP", "050", "D8", d8, NULL);
  payersim_seg(&w, "DTP", "009", "D8", d8, NULL);
  payersim_seg(&w, "HL", "2", "1", "21", "1", NULL);
  payersim_seg(&w, "NM1", "41", "2", sc->sub_name[0] ? sc->sub_name
                                                     : "SUBMITTER",
               "", "", "", "", "46", sc->sub_id[0] ? sc->sub_id : e.receiver,
               NULL);
  payersim_seg(&w, "TRN", "2", x->bht[0] ? x->bht : "0", NULL);
  cc_money all = {0};
  for (size_t i = 0; i < x->n; i++) all.cents += x->r[i].charge.cents;
  payersim_seg(&w, "STC", "A1:19:PR", d8, "WQ", cc_money_x12(all, tot), NULL);
  totals(&w, x->r, x->n, NULL, "90", "AA");
  unsigned hl = 2, prov_hl = 0;
  for (size_t i = 0; i < x->n; i++) {
    const rec *r = &x->r[i];
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++) seen = !strcmp(x->r[j].npi, r->npi);
    if (seen) continue;
    /* One billing provider level, then its patients. */
    char h[12], par[12];
    prov_hl = ++hl;
    snprintf(h, sizeof h, "%u", prov_hl);
    payersim_seg(&w, "HL", h, "2", "19", "1", NULL);
    payersim_seg(&w, "NM1", "85", "2", r->bname[0] ? r->bname : "PROVIDER", "",
                 "", "", "", "XX", r->npi[0] ? r->npi : "0000000000", NULL);
    payersim_seg(&w, "TRN", "1", "0", NULL);
    cc_money pt = {0};
    for (size_t j = i; j < x->n; j++)
      if (!strcmp(x->r[j].npi, r->npi)) pt.cents += x->r[j].charge.cents;
    payersim_seg(&w, "STC", "A1:19:PR", "", "WQ", cc_money_x12(pt, tot), NULL);
    totals(&w, x->r, x->n, r->npi, "QA", "QC");
    for (size_t j = i; j < x->n; j++) {
      const rec *q = &x->r[j];
      if (strcmp(q->npi, r->npi)) continue;
      snprintf(h, sizeof h, "%u", ++hl);
      snprintf(par, sizeof par, "%u", prov_hl);
      payersim_seg(&w, "HL", h, par, "PT", NULL);
      payersim_seg(&w, "NM1", "QC", "1", q->last[0] ? q->last : "UNKNOWN",
                   q->first, "", "", "", "MI",
                   q->member[0] ? q->member : "UNKNOWN", NULL);
      payersim_seg(&w, "TRN", "2", q->pcn, NULL);
      char ch[24];
      payersim_seg(&w, "STC", q->ack.stc, d8, q->ack.accepted ? "WQ" : "U",
                   cc_money_x12(q->charge, ch), "", "", "", "", "", "", "",
                   q->ack.reason, NULL);
      if (q->ack.accepted && q->payer_claim_no[0])
        payersim_seg(&w, "REF", "1K", q->payer_claim_no, NULL);
      dates(&w, "472", q->from ? q->from : x->date, q->to);
    }
  }
  (void)cc_x12_write_se(&w, "0001");
  payersim_close(&w, &e);
  if (w.rc) {
    cc_buf_free(&b);
    return w.rc;
  }
  payersim_files_add(out, "277CA", e.ctl, &b);
  return CC_OK;
}

cc_code payersim_answer_270(cc_payersim *ps, const char *p, size_t n,
                            const char *name, const payersim_env *e,
                            cc_payersim_files *out, cc_err *err);
cc_code payersim_answer_276(cc_payersim *ps, const char *p, size_t n,
                            const char *name, const payersim_env *e,
                            cc_payersim_files *out, cc_err *err);

cc_code cc_payersim_receive(cc_payersim *ps, const char *p, size_t n,
                            const char *name, cc_day date,
                            cc_payersim_files *out, cc_err *err) {
  scan *sc = calloc(1, sizeof *sc);
  if (!sc) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  cc_code rc = do_scan(p, n, name, sc, err);
  if (!date) date = sc->date;
  if (!date) date = cc_date_days(2000, 1, 1);
  ps->last_day = date;
  cc_buf ack;
  cc_buf_init(&ack, CC_MAX_X12_INTERCHANGE);
  uint32_t ctl = ++ps->isa_ctl;
  cc_code arc = cc_x12_ack_mem(p, n, name, &ack, ctl, err);
  if (arc != CC_OK) {
    cc_buf_free(&ack);
    free(sc);
    return arc;
  }
  stamp(&ack, date);
  bool ta1 = ack.p && strstr(ack.p, "TA1*") != NULL &&
             strstr(ack.p, "ST*999") == NULL;
  payersim_files_add(out, ta1 ? "TA1" : "999", ctl, &ack);
  if (ta1 || rc != CC_OK) {
    free(sc);
    return CC_OK; /* the envelope itself was refused: nothing else answers */
  }
  if (sc->has837) {
    rx x = {ps, sc, date, NULL, 0, 0, "", err, CC_OK};
    rc = cc_claims_parse_mem(p, n, name, on_claim, &x, NULL, err);
    if (rc == CC_OK) rc = x.rc;
    if (rc == CC_OK && x.n) rc = write_277ca(ps, sc, &x, out, err);
    free(x.r);
  }
  payersim_env e = {0};
  snprintf(e.sender, sizeof e.sender, "%s", sc->r_id[0] ? sc->r_id : "SIMCH");
  snprintf(e.sender_qual, sizeof e.sender_qual, "%s", sc->r_qual);
  snprintf(e.receiver, sizeof e.receiver, "%s", sc->s_id[0] ? sc->s_id : "X");
  snprintf(e.receiver_qual, sizeof e.receiver_qual, "%s", sc->s_qual);
  e.date = date;
  e.usage = sc->usage;
  if (rc == CC_OK && sc->has270 && !sc->all_bad)
    rc = payersim_answer_270(ps, p, n, name, &e, out, err);
  if (rc == CC_OK && sc->has276 && !sc->all_bad)
    rc = payersim_answer_276(ps, p, n, name, &e, out, err);
  free(sc);
  return rc;
}

cc_day cc_payersim_last_day(const cc_payersim *ps) { return ps->last_day; }

/* ---- 835 release -------------------------------------------------------- */

cc_code cc_payersim_release(cc_payersim *ps, cc_day date,
                            cc_payersim_files *out, cc_err *err) {
  cc_code rc = payersim_reprocess(ps, date, err);
  if (rc) return rc;
  cc_payersim_adj **batch = malloc((ps->n_adj + 1) * sizeof *batch);
  if (!batch) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", "835");
  for (size_t i = 0; i < ps->n_adj && rc == CC_OK; i++) {
    cc_payersim_adj *a = ps->adj[i];
    if (a->released || a->pay_date > date) continue;
    /* Everything due for the same payer, receiver and payee goes on one
     * remittance, in the order it was adjudicated. */
    size_t n = 0;
    for (size_t j = i; j < ps->n_adj; j++) {
      cc_payersim_adj *b = ps->adj[j];
      if (b->released || b->pay_date > date || strcmp(b->payer_id, a->payer_id) ||
          strcmp(b->submitter_id, a->submitter_id) ||
          strcmp(b->billing_npi, a->billing_npi))
        continue;
      batch[n++] = b;
    }
    const ps_profile *p = payersim_find_profile(ps, a->payer_id);
    if (!p) {
      for (size_t k = 0; k < n; k++) batch[k]->released = true;
      continue; /* its profile was removed: nothing can pay it */
    }
    rc = payersim_write_835(ps, p, batch, n, date, out, err);
  }
  free(batch);
  return rc;
}
