/* payersim_elig.c - the payer's answers to questions: a 271 for each 270
 * (coverage, deductible and out-of-pocket left from the accumulators,
 * coinsurance, copay) and a 277 for each 276 (where the claim stands). */
#include <stdlib.h>
#include <string.h>

#include "payersim_int.h"

/* One name segment kept to echo back. */
typedef struct nm {
  char ent[4], type[2], last[61], first[36], qual[3], id[81];
} nm;

typedef struct ask {
  nm payer, receiver, provider, sub, dep;
  bool has_dep;
  char trn[51], trn_orig[11];      /* 270 TRN or 276 TRN */
  char ref1k[51], refej[51];
  cc_money t3;
  cc_day when, dob;
} ask;

typedef struct asks {
  ask *v;
  size_t n, cap;
  char bht[31];
} asks;

static void val(const cc_x12_reader *r, const cc_x12_item *it, unsigned pos,
                char *buf, size_t cap) {
  cc_slice_copy(cc_slice_trim(cc_x12_item_value(r, it, pos, 0)), buf, cap);
}

static void read_nm(const cc_x12_reader *r, const cc_x12_item *it, nm *n) {
  val(r, it, 1, n->ent, sizeof n->ent);
  val(r, it, 2, n->type, sizeof n->type);
  val(r, it, 3, n->last, sizeof n->last);
  val(r, it, 4, n->first, sizeof n->first);
  val(r, it, 8, n->qual, sizeof n->qual);
  val(r, it, 9, n->id, sizeof n->id);
}

static ask *push(asks *q, const ask *tmpl) {
  if (q->n == q->cap) {
    size_t cap = q->cap ? q->cap * 2 : 8;
    ask *v = realloc(q->v, cap * sizeof *v);
    if (!v) return NULL;
    q->v = v;
    q->cap = cap;
  }
  ask *a = &q->v[q->n++];
  memset(a, 0, sizeof *a);
  a->payer = tmpl->payer;
  a->receiver = tmpl->receiver;
  a->provider = tmpl->provider;
  return a;
}

/* Walk a 270 or 276: one ask per subscriber (270) or per claim tracking
 * number (276). */
static cc_code collect(const char *p, size_t n, const char *name,
                       const char *st01, asks *q, cc_err *err) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  cc_x12_reader *r = lx ? cc_x12_reader_new(lx) : NULL;
  if (!r) {
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  }
  ask cur = {0}, *a = NULL;
  nm sub = {0};
  cc_day sub_dob = 0;
  cc_x12_item it;
  cc_code rc;
  bool is270 = !strcmp(st01, "270");
  while ((rc = cc_x12_reader_next(r, &it, err)) == CC_OK) {
    if (it.kind != CC_X12_BODY || strcmp(it.st01, st01)) continue;
    const char *id = it.seg->id, *loop = it.loop_id;
    char v1[8] = "";
    val(r, &it, 1, v1, sizeof v1);
    if (!strcmp(id, "BHT") && !q->bht[0]) val(r, &it, 3, q->bht, sizeof q->bht);
    if (!strcmp(id, "NM1")) {
      if (!strcmp(loop, "2100A")) read_nm(r, &it, &cur.payer);
      else if (!strcmp(loop, "2100B")) read_nm(r, &it, &cur.receiver);
      else if (!strcmp(loop, "2100C") && !is270) read_nm(r, &it, &cur.provider);
    }
    if (is270) {
      if (!strcmp(id, "HL") && !strcmp(loop, "2000C")) {
        if (!(a = push(q, &cur))) break;
      } else if (a && !strcmp(id, "TRN") && !strcmp(loop, "2000C")) {
        val(r, &it, 2, a->trn, sizeof a->trn);
        val(r, &it, 3, a->trn_orig, sizeof a->trn_orig);
      } else if (a && !strcmp(id, "NM1") && !strcmp(loop, "2100C")) {
        read_nm(r, &it, &a->sub);
      } else if (a && !strcmp(id, "DMG") && !strcmp(loop, "2100C")) {
        if (cc_date_parse_d8(cc_x12_item_value(r, &it, 2, 0), &a->dob))
          a->dob = 0;
      } else if (a && !strcmp(id, "DTP") && !strcmp(loop, "2100C")) {
        if (cc_date_parse_d8(cc_x12_item_value(r, &it, 3, 0), &a->when))
          a->when = 0;
      }
      continue;
    }
    /* 276: subscriber and dependent levels, then tracking numbers. */
    if (!strcmp(id, "NM1") && !strcmp(loop, "2100D")) {
      read_nm(r, &it, &sub);
    } else if (!strcmp(id, "HL") && !strcmp(loop, "2000D")) {
      memset(&sub, 0, sizeof sub);
      sub_dob = 0;
    } else if (!strcmp(id, "DMG") && !strcmp(loop, "2000D")) {
      if (cc_date_parse_d8(cc_x12_item_value(r, &it, 2, 0), &sub_dob))
        sub_dob = 0;
    } else if (!strcmp(id, "NM1") && !strcmp(loop, "2100E")) {
      read_nm(r, &it, &cur.dep);
      cur.has_dep = true;
    } else if (!strcmp(id, "HL") && !strcmp(loop, "2000E")) {
      memset(&cur.dep, 0, sizeof cur.dep);
    } else if (!strcmp(id, "TRN") &&
               (!strcmp(loop, "2200D") || !strcmp(loop, "2200E"))) {
      if (!(a = push(q, &cur))) break;
      a->sub = sub;
      a->dob = sub_dob;
      if (!strcmp(loop, "2200E")) {
        a->dep = cur.dep;
        a->has_dep = true;
      }
      val(r, &it, 2, a->trn, sizeof a->trn);
    } else if (a && !strcmp(id, "REF")) {
      if (!strcmp(v1, "1K")) val(r, &it, 2, a->ref1k, sizeof a->ref1k);
      if (!strcmp(v1, "EJ")) val(r, &it, 2, a->refej, sizeof a->refej);
    } else if (a && !strcmp(id, "AMT") && !strcmp(v1, "T3")) {
      if (cc_money_parse(cc_x12_item_value(r, &it, 2, 0), &a->t3, NULL))
        a->t3 = CC_MONEY(0);
    } else if (a && !strcmp(id, "DTP") && !strcmp(v1, "472")) {
      char d[18];
      val(r, &it, 3, d, sizeof d);
      if (cc_date_parse_d8((cc_slice){d, strlen(d) < 8 ? strlen(d) : 8},
                           &a->when))
        a->when = 0;
    }
  }
  cc_x12_reader_free(r);
  cc_x12_lexer_free(lx);
  if (rc == CC_E_EOF) rc = CC_OK;
  return rc;
}

static void put_nm(cc_x12_writer *w, const nm *n, const char *ent,
                   const char *fallback_last) {
  payersim_seg(w, "NM1", ent, n->type[0] ? n->type : "2",
               n->last[0] ? n->last : fallback_last, n->first, "", "", "",
               n->id[0] ? n->qual : "", n->id, NULL);
}

static void eb_amt(cc_x12_writer *w, const char *eb01, const char *period,
                   cc_money m) {
  char b[24];
  payersim_seg(w, "EB", eb01, "IND", "30", "", "", period,
               cc_money_x12(m, b), NULL);
}

/* Starts an answer: its own interchange control number, the inquiry's
 * envelope (e0) with this answer's functional code and guide, and its one
 * transaction set. */
static void reply_open(cc_payersim *ps, const payersim_env *e0,
                       const char *func, const char *st, const char *version,
                       cc_buf *b, cc_x12_writer *w, payersim_env *e,
                       cc_err *err) {
  cc_buf_init(b, CC_MAX_X12_INTERCHANGE);
  *e = *e0;
  e->func = func;
  e->version = version;
  e->ctl = ++ps->isa_ctl;
  payersim_open(w, b, e, err);
  (void)cc_x12_write_st(w, st, "0001", version);
}

/* Ends the answer and hands it to out as kind; the inquiries are freed
 * either way. */
static cc_code reply_close(cc_x12_writer *w, const payersim_env *e, asks *q,
                           cc_buf *b, const char *kind,
                           cc_payersim_files *out) {
  (void)cc_x12_write_se(w, "0001");
  payersim_close(w, e);
  free(q->v);
  if (w->rc) {
    cc_buf_free(b);
    return w->rc;
  }
  payersim_files_add(out, kind, e->ctl, b);
  return CC_OK;
}

/* 271: coverage on the date asked (or the processing date). */
cc_code payersim_answer_270(cc_payersim *ps, const char *p, size_t n,
                            const char *name, const payersim_env *e0,
                            cc_payersim_files *out, cc_err *err) {
  asks q = {0};
  cc_code rc = collect(p, n, name, "270", &q, err);
  if (rc != CC_OK || !q.n) {
    free(q.v);
    return rc;
  }
  cc_buf b;
  cc_x12_writer w;
  payersim_env e;
  reply_open(ps, e0, "HB", "271", "005010X279A1", &b, &w, &e, err);
  char d8[9];
  cc_date_d8(e.date, d8);
  payersim_seg(&w, "BHT", "0022", "11", q.bht[0] ? q.bht : "0", d8, "1200",
               NULL);
  unsigned hl = 0;
  char src[12] = "", rcv[12] = "", h[12];
  for (size_t i = 0; i < q.n; i++) {
    const ask *a = &q.v[i];
    bool new_src = i == 0 || strcmp(a->payer.id, q.v[i - 1].payer.id);
    const ps_profile *pr = payersim_find_profile(ps, a->payer.id);
    if (new_src) {
      snprintf(src, sizeof src, "%u", ++hl);
      payersim_seg(&w, "HL", src, "", "20", "1", NULL);
      payersim_seg(&w, "NM1", "PR", "2", pr ? pr->name : (a->payer.last[0]
                                                       ? a->payer.last
                                                       : "UNKNOWN PAYER"),
                   "", "", "", "", a->payer.id[0] ? "PI" : "",
                   a->payer.id, NULL);
      if (!pr) /* 79: invalid participant identification */
        payersim_seg(&w, "AAA", "Y", "", "79", "C", NULL);
    }
    if (new_src || strcmp(a->receiver.id, q.v[i - 1].receiver.id)) {
      snprintf(rcv, sizeof rcv, "%u", ++hl);
      payersim_seg(&w, "HL", rcv, src, "21", "1", NULL);
      put_nm(&w, &a->receiver, a->receiver.ent[0] ? a->receiver.ent : "1P",
             "PROVIDER");
    }
    snprintf(h, sizeof h, "%u", ++hl);
    payersim_seg(&w, "HL", h, rcv, "22", "0", NULL);
    if (a->trn[0])
      payersim_seg(&w, "TRN", "2", a->trn, a->trn_orig[0] ? a->trn_orig
                                                          : "9999999999",
                   NULL);
    const ps_member *m = pr ? payersim_find_member(pr, a->sub.id) : NULL;
    nm sub = a->sub;
    if (m) {
      snprintf(sub.last, sizeof sub.last, "%s", m->last[0] ? m->last : a->sub.last);
      snprintf(sub.first, sizeof sub.first, "%s", m->first);
    }
    payersim_seg(&w, "NM1", "IL", "1", sub.last[0] ? sub.last : "UNKNOWN",
                 sub.first, "", "", "", sub.id[0] ? "MI" : "", sub.id, NULL);
    if (!pr) continue;
    if (!m) { /* 75: subscriber/insured not found */
      payersim_seg(&w, "AAA", "Y", "", "75", "C", NULL);
      continue;
    }
    char db[9];
    if (m->birth) payersim_seg(&w, "DMG", "D8", cc_date_d8(m->birth, db), NULL);
    cc_day when = a->when ? a->when : e.date;
    int year = payersim_plan_year(pr, when);
    cc_day pstart = cc_date_days(year, pr->plan_year_month, 1);
    payersim_seg(&w, "DTP", "346", "D8", cc_date_d8(pstart, db), NULL);
    if (m->start) payersim_seg(&w, "DTP", "356", "D8", cc_date_d8(m->start, db), NULL);
    if (m->end) payersim_seg(&w, "DTP", "357", "D8", cc_date_d8(m->end, db), NULL);
    bool active = (!m->start || when >= m->start) && (!m->end || when <= m->end);
    payersim_seg(&w, "EB", active ? "1" : "6", "IND", "30", "", m->plan->id,
                 NULL);
    if (!active) continue;
    if (m->other_primary) payersim_seg(&w, "EB", "R", "IND", "30", NULL);
    cc_money ded_met = {0}, oop_met = {0};
    for (size_t k = 0; k < ps->n_acc; k++) {
      const ps_accum *ac = &ps->acc[k];
      if (ac->year == year && !strcmp(ac->payer, pr->payer_id) &&
          !strcmp(ac->member, m->id)) {
        ded_met = ac->ded;
        oop_met = ac->oop;
      }
    }
    const ps_plan *pl = m->plan;
    int64_t dl = pl->deductible.cents - ded_met.cents;
    int64_t ol = pl->oop_max.cents - oop_met.cents;
    eb_amt(&w, "C", "23", pl->deductible);
    eb_amt(&w, "C", "29", CC_MONEY(dl > 0 ? dl : 0));
    if (pl->oop_max.cents < INT64_MAX / 4) { /* a plan without a maximum */
      eb_amt(&w, "G", "23", pl->oop_max);
      eb_amt(&w, "G", "29", CC_MONEY(ol > 0 ? ol : 0));
    }
    char pct[24];
    /* EB08 is a fraction: 20 percent is 0.2 (hundredths, printed as X12
     * prints an amount). */
    payersim_seg(&w, "EB", "A", "IND", "30", "", "", "", "",
                 cc_money_x12(CC_MONEY(pl->coins_pct), pct), NULL);
    for (size_t k = 0; k < pl->n_copays; k++) {
      eb_amt(&w, "B", "27", pl->copays[k].amount);
      char msg[128], code[49]; /* MSG01 may hold 264 */
      snprintf(code, sizeof code, "%s", pl->copays[k].code);
      size_t cl = strlen(code);
      bool prefix = cl && code[cl - 1] == '*';
      if (prefix) code[cl - 1] = '\0';
      snprintf(msg, sizeof msg, "COPAY PER VISIT FOR CODE%s %s", prefix
               ? "S STARTING WITH" : "", code);
      payersim_seg(&w, "MSG", msg, NULL);
    }
  }
  return reply_close(&w, &e, &q, &b, "271", out);
}

static const cc_payersim_adj *find_claim(const cc_payersim *ps,
                                         const char *payer, const ask *a) {
  const cc_payersim_adj *hit = NULL;
  for (size_t i = 0; i < ps->n_adj; i++) {
    const cc_payersim_adj *x = ps->adj[i];
    if (strcmp(x->payer_id, payer) || !strcmp(x->status, "22")) continue;
    if ((a->ref1k[0] && !strcmp(x->payer_claim_no, a->ref1k)) ||
        (!a->ref1k[0] && a->refej[0] && !strcmp(x->pcn, a->refej)))
      hit = x;
  }
  return hit;
}

/* 277: paid (F1:65), denied (F2:1, see the remittance), adjudicated and
 * waiting for the payment cycle (F0:3), or not found (D0:35). */
cc_code payersim_answer_276(cc_payersim *ps, const char *p, size_t n,
                            const char *name, const payersim_env *e0,
                            cc_payersim_files *out, cc_err *err) {
  asks q = {0};
  cc_code rc = collect(p, n, name, "276", &q, err);
  if (rc != CC_OK || !q.n) {
    free(q.v);
    return rc;
  }
  cc_buf b;
  cc_x12_writer w;
  payersim_env e;
  reply_open(ps, e0, "HN", "277", "005010X212", &b, &w, &e, err);
  char d8[9];
  cc_date_d8(e.date, d8);
  payersim_seg(&w, "BHT", "0010", "08", q.bht[0] ? q.bht : "0", d8, "1200",
               "DG", NULL);
  unsigned hl = 0;
  char src[12] = "", rcv[12] = "", prv[12] = "", h[12];
  for (size_t i = 0; i < q.n; i++) {
    const ask *a = &q.v[i];
    const ask *pv = i ? &q.v[i - 1] : NULL;
    const ps_profile *pr = payersim_find_profile(ps, a->payer.id);
    bool new_src = !pv || strcmp(a->payer.id, pv->payer.id);
    bool new_rcv = new_src || strcmp(a->receiver.id, pv->receiver.id);
    bool new_prv = new_rcv || strcmp(a->provider.id, pv->provider.id);
    if (new_src) {
      snprintf(src, sizeof src, "%u", ++hl);
      payersim_seg(&w, "HL", src, "", "20", "1", NULL);
      payersim_seg(&w, "NM1", "PR", "2", pr ? pr->name : (a->payer.last[0]
                                                       ? a->payer.last
                                                       : "UNKNOWN PAYER"),
                   "", "", "", "", "PI", a->payer.id[0] ? a->payer.id : "0",
                   NULL);
    }
    if (new_rcv) {
      snprintf(rcv, sizeof rcv, "%u", ++hl);
      payersim_seg(&w, "HL", rcv, src, "21", "1", NULL);
      put_nm(&w, &a->receiver, "41", "RECEIVER");
    }
    if (new_prv) {
      snprintf(prv, sizeof prv, "%u", ++hl);
      payersim_seg(&w, "HL", prv, rcv, "19", "1", NULL);
      put_nm(&w, &a->provider, "1P", "PROVIDER");
    }
    snprintf(h, sizeof h, "%u", ++hl);
    payersim_seg(&w, "HL", h, prv, "22", a->has_dep ? "1" : "0", NULL);
    put_nm(&w, &a->sub, "IL", "UNKNOWN");
    if (a->has_dep) {
      char hs[12];
      snprintf(hs, sizeof hs, "%u", hl);
      snprintf(h, sizeof h, "%u", ++hl);
      payersim_seg(&w, "HL", h, hs, "23", NULL);
      nm dep = a->dep;
      snprintf(dep.type, sizeof dep.type, "1");
      put_nm(&w, &dep, "QC", "UNKNOWN");
    }
    payersim_seg(&w, "TRN", "2", a->trn[0] ? a->trn : "0", NULL);
    const cc_payersim_adj *c = pr ? find_claim(ps, pr->payer_id, a) : NULL;
    char ch[24], pd[24], ad[9], pay[9];
    if (!c) {
      payersim_seg(&w, "STC", "D0:35", d8, "", cc_money_x12(a->t3, ch), NULL);
      if (a->refej[0]) payersim_seg(&w, "REF", "EJ", a->refej, NULL);
    } else {
      const char *stc = !c->released          ? "F0:3"
                        : !strcmp(c->status, "4") ? "F2:1"
                                                  : "F1:65";
      bool paid = c->released && c->paid.cents > 0;
      payersim_seg(&w, "STC", stc, d8, "", cc_money_x12(c->charge, ch),
                   cc_money_x12(c->paid, pd), cc_date_d8(c->received, ad),
                   paid ? "CHK" : "", c->released ? cc_date_d8(c->pay_date, pay)
                                                  : "",
                   NULL);
      payersim_seg(&w, "REF", "1K", c->payer_claim_no, NULL);
      payersim_seg(&w, "REF", "EJ", c->pcn, NULL);
      char f8[9], rd[18];
      if (c->last && c->last != c->first) {
        char t8[9];
        snprintf(rd, sizeof rd, "%s-%s", cc_date_d8(c->first, f8),
                 cc_date_d8(c->last, t8));
        payersim_seg(&w, "DTP", "472", "RD8", rd, NULL);
      } else if (c->first) {
        payersim_seg(&w, "DTP", "472", "D8", cc_date_d8(c->first, f8), NULL);
      }
    }
  }
  return reply_close(&w, &e, &q, &b, "277", out);
}
