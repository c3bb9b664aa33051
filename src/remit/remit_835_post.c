/* remit_835_post.c - posting a read 835 to the ledger: one transaction per
 * file, exactly once per payment, each adjustment posted as the payer's
 * posting policy (data, table posting_policy) says. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "remit_int.h"
#include "store/store_ledger.h"
#include "store/store_queue.h"
#include "store/store_remit.h"

typedef struct policy_row {
  int64_t payer_id;
  char group[3], reason[6];
  char action[10];
} policy_row;
/* A file repeats a few (payer, group, reason) triplets thousands of
 * times: the answers are remembered (direct-mapped, act NULL = empty). */
enum { POLICY_MEMO = 64 };
typedef struct policy_memo {
  int64_t payer_id;
  char group[3], reason[6];
  const char *act;
} policy_memo;

typedef struct pline { /* one of our claim lines */
  int64_t id, line_no, charge;
  char *control, *code, *mod[4], *date;
  bool used;
} pline;

/* What the answering payer and the patient owe on one line of the ledger
 * claim (line 0: the claim as a whole), as a secondary's posting goes. */
typedef struct owed {
  int64_t line, payer, patient;
} owed;

typedef struct post_ctx {
  cc_store *s;
  store_post *sp;
  const remit_file *f;
  const char *posted;
  /* The remittance's posting day (its first facts' day): posted, except
   * for unapplied cash applied later, whose entries carry the day it is
   * applied. */
  const char *remit_posted;
  int64_t file_id, remit_id;
  char note[128]; /* added to the claim's history detail, or "" */
  const remit_set *set;
  char trace[64];
  policy_row *pol; size_t npol, cappol;
  policy_memo memo[POLICY_MEMO];
  pline *lines; size_t nlines, caplines;
  pline *llines; size_t nllines, capllines; /* the ledger claim's lines */
  owed *ow; size_t now, capow; /* a secondary's claim: by line */
  owed total;                  /* and over the whole claim */
  cc_arena *a;
  cc_remit_result *res;
  long fault_after;
  /* The file's control numbers as post_claim copies them, for the
   * lookups running ahead (they borrow them until store_post_close). */
  char (*key)[64];
  const char **keys;
  cc_err *err;
} post_ctx;

static cc_code add_policy(void *vctx, int64_t payer_id, const char *group,
                          const char *reason, const char *action) {
  post_ctx *c = vctx;
  if (c->npol == c->cappol) {
    size_t nc = c->cappol ? c->cappol * 2 : 32;
    policy_row *np = realloc(c->pol, nc * sizeof *np);
    if (!np) return CC_E_NOMEM;
    c->pol = np; c->cappol = nc;
  }
  policy_row *r = &c->pol[c->npol++];
  r->payer_id = payer_id;
  snprintf(r->group, sizeof r->group, "%s", group ? group : "");
  snprintf(r->reason, sizeof r->reason, "%s", reason ? reason : "");
  snprintf(r->action, sizeof r->action, "%s", action ? action : "");
  return CC_OK;
}

/* The most specific row wins: payer+reason, payer+'*', default+reason,
 * default+'*'; a group nobody configured is written off. */
static const char *policy_scan(const post_ctx *c, int64_t payer,
                               const char *group, const char *reason) {
  int best = -1;
  const char *act = "writeoff";
  for (size_t i = 0; i < c->npol; i++) {
    const policy_row *r = &c->pol[i];
    if (strcmp(r->group, group)) continue;
    int score;
    bool any = !strcmp(r->reason, "*");
    if (!any && strcmp(r->reason, reason)) continue;
    if (r->payer_id == payer) score = any ? 2 : 3;
    else if (r->payer_id == 0) score = any ? 0 : 1;
    else continue;
    if (score > best) { best = score; act = r->action; }
  }
  return act;
}

static const char *policy(post_ctx *c, int64_t payer, const char *group,
                          const char *reason) {
  uint64_t h = (uint64_t)payer * 0x9E3779B97F4A7C15u;
  for (const char *k = group; *k; k++)
    h = (h ^ (unsigned char)*k) * 0x100000001B3u;
  for (const char *k = reason; *k; k++)
    h = (h ^ (unsigned char)*k) * 0x100000001B3u;
  policy_memo *m = &c->memo[(h >> 32) % POLICY_MEMO];
  if (m->act && m->payer_id == payer && !strcmp(m->group, group) &&
      !strcmp(m->reason, reason))
    return m->act;
  const char *act = policy_scan(c, payer, group, reason);
  /* Only what fits the row's own fields is remembered. */
  if (strlen(group) < sizeof m->group && strlen(reason) < sizeof m->reason) {
    m->payer_id = payer;
    memcpy(m->group, group, strlen(group) + 1);
    memcpy(m->reason, reason, strlen(reason) + 1);
    m->act = act;
  }
  return act;
}

static char *dup_or_empty(cc_arena *a, const char *s) {
  return cc_arena_strdup(a, cc_slice_cstr(s ? s : ""));
}

static cc_code keep_line(pline **arr, size_t *n, size_t *cap, cc_arena *a,
                         const store_post_line *l) {
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 16;
    pline *np = realloc(*arr, nc * sizeof *np);
    if (!np) return CC_E_NOMEM;
    *arr = np; *cap = nc;
  }
  pline *p = &(*arr)[(*n)++];
  p->id = l->id; p->line_no = l->line_no; p->charge = l->charge_cents;
  p->control = dup_or_empty(a, l->control);
  p->code = dup_or_empty(a, l->code);
  for (int k = 0; k < 4; k++) p->mod[k] = dup_or_empty(a, l->mod[k]);
  p->date = dup_or_empty(a, l->from_date);
  p->used = false;
  return cc_arena_failed(a) ? CC_E_NOMEM : CC_OK;
}
static cc_code keep_named(void *vc, const store_post_line *l) {
  post_ctx *c = vc;
  return keep_line(&c->lines, &c->nlines, &c->caplines, c->a, l);
}
static cc_code keep_ledger(void *vc, const store_post_line *l) {
  post_ctx *c = vc;
  return keep_line(&c->llines, &c->nllines, &c->capllines, c->a, l);
}

static bool mods_match(const pline *p, const remit_line *l) {
  for (int k = 0; k < 4; k++)
    if (!cc_slice_eq(cc_slice_trim(l->mods[k]), p->mod[k])) return false;
  return true;
}

/* Which of our lines an SVC pays: by REF*6R when given, else by procedure,
 * modifiers, date and charge, loosening step by step. NULL when none. */
static pline *match_line(post_ctx *c, const remit_line *l) {
  if (l->control.n)
    for (size_t i = 0; i < c->nlines; i++)
      if (!c->lines[i].used && cc_slice_eq(l->control, c->lines[i].control))
        return &c->lines[i];
  for (int pass = 0; pass < 3; pass++)
    for (size_t i = 0; i < c->nlines; i++) {
      pline *p = &c->lines[i];
      if (p->used || !cc_slice_eq(cc_slice_trim(l->code), p->code)) continue;
      if (pass == 0 && !(mods_match(p, l) && p->charge == l->charge.cents &&
                         (!l->date[0] || !strcmp(l->date, p->date))))
        continue;
      if (pass == 1 && p->charge != l->charge.cents) continue;
      return p;
    }
  return NULL;
}

typedef struct claim_post {
  store_post_claim cl;
  int64_t ledger_claim, ledger_provider, rclaim, next_payer;
  bool next_known, denied;
  bool capped; /* a secondary/tertiary: moves only what it owes (c->ow) */
  char denial_text[256];
} claim_post;

static cc_code entry(post_ctx *c, claim_post *cp, int64_t line, int64_t payer,
                     const char *kind, const char *group, const char *reason,
                     int64_t cents, uint32_t seg, const char *dos) {
  store_entry_rec e = {
      .patient_id = cp->cl.patient_id, .claim_id = cp->ledger_claim,
      .provider_id = cp->ledger_provider, .claim_line_id = line, .payer_id = payer, .kind = kind,
      .group_code = group, .reason_code = reason, .amount_cents = cents,
      .posted_date = c->posted, .service_date = dos && *dos ? dos : NULL,
      .reference = c->trace, .source_file_id = c->file_id,
      .remit_claim_id = cp->rclaim, .segment_index = seg,
      /* another claim's (the encounter's ledger claim) is looked up */
      .age_date = cp->ledger_claim == cp->cl.id ? cp->cl.age_date : NULL};
  c->res->entries++;
  return store_post_entry(c->sp, &e, c->err);
}

static cc_code next_party(post_ctx *c, claim_post *cp, int64_t *out) {
  if (!cp->next_known) {
    cc_code rc = store_post_next_payer(
        c->sp, cp->cl.patient_id, cp->cl.responsibility,
        cp->cl.first_service[0] ? cp->cl.first_service : NULL, cp->cl.payer_id,
        &cp->next_payer, c->err);
    if (rc) return rc;
    cp->next_known = true;
  }
  *out = cp->next_payer;
  return CC_OK;
}

static cc_code keep_owed(void *vc, int64_t line, int64_t payer,
                         int64_t patient) {
  post_ctx *c = vc;
  c->total.payer += payer;
  c->total.patient += patient;
  if (!line) return CC_OK;
  if (c->now == c->capow) {
    size_t nc = c->capow ? c->capow * 2 : 16;
    owed *np = realloc(c->ow, nc * sizeof *np);
    if (!np) return CC_E_NOMEM;
    c->ow = np; c->capow = nc;
  }
  c->ow[c->now++] = (owed){line, payer, patient};
  return CC_OK;
}

/* A line nobody posted to owes nothing; line 0 is the whole claim. */
static owed *owed_at(post_ctx *c, int64_t line) {
  static owed none;
  if (!line) return &c->total;
  for (size_t i = 0; i < c->now; i++)
    if (c->ow[i].line == line) return &c->ow[i];
  none = (owed){line, 0, 0};
  return &none;
}

/* Take cents of what the payer (or the patient) owes on a line, and so on
 * the claim. */
static void owed_take(post_ctx *c, int64_t line, int64_t payer,
                      int64_t patient) {
  owed *o = owed_at(c, line);
  o->payer -= payer; o->patient -= patient;
  if (line) { c->total.payer -= payer; c->total.patient -= patient; }
}

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t pos64(int64_t a) { return a > 0 ? a : 0; }

/* Post the adjustments adj[0..n) of one line (line 0 = claim level).
 * A secondary's CAS amounts are its adjudication of the whole charge, but
 * the books hold only what it was left owing after the primary: its PR
 * moves on what is not already with the patient, then its write-offs
 * bring its own balance down to zero and no further (the rest was
 * written off on the primary's answer). */
static cc_code post_adjs(post_ctx *c, claim_post *cp, int64_t line,
                         const remit_adj *adj, size_t n, bool deny_all,
                         bool zero_paid, const char *remarks, const char *dos) {
  int64_t payer = cp->cl.payer_id;
  cc_code rc;
  for (int pass = 0; pass < (cp->capped ? 2 : 1); pass++) {
  for (size_t i = 0; i < n; i++) {
    const remit_adj *a = &adj[i];
    const char *act = deny_all ? "deny" : policy(c, payer, a->group, a->reason);
    bool woff = !strcmp(act, "writeoff");
    bool moves = !strcmp(act, "next") || !strcmp(act, "patient");
    cc_money amt = a->amount;
    if (cp->capped && (woff || moves)) {
      if (woff != (pass == 1)) continue; /* PR first, then write-offs */
      if (amt.cents > 0) {
        owed *o = owed_at(c, line);
        int64_t already = moves ? min64(amt.cents, pos64(o->patient)) : 0;
        owed_take(c, line, 0, already);
        /* c->total already has the whole CLP04 taken off: a line paid
         * beyond what it was left owing covers another line's rest. */
        amt.cents = min64(amt.cents - already,
                          min64(pos64(o->payer), pos64(c->total.payer)));
        owed_take(c, line, amt.cents, 0);
        if (!amt.cents) continue; /* settled on the primary's answer */
      }
    } else if (pass == 1) {
      continue;
    }
    if (!strcmp(act, "deny")) {
      if ((rc = store_post_denial_add(c->sp, cp->cl.id, line, cp->rclaim,
                                      a->group, a->reason, remarks,
                                      a->amount.cents, a->seg, c->err)))
        return rc;
      if (deny_all || zero_paid) cp->denied = true;
      size_t len = strlen(cp->denial_text);
      if (len + 16 < sizeof cp->denial_text)
        snprintf(cp->denial_text + len, sizeof cp->denial_text - len,
                 "%s%s-%s%s%s%s", len ? " " : "", a->group, a->reason,
                 remarks && *remarks ? " (" : "", remarks ? remarks : "",
                 remarks && *remarks ? ")" : "");
    } else if (!strcmp(act, "writeoff")) {
      if ((rc = entry(c, cp, line, payer, "adjustment", a->group, a->reason,
                      -amt.cents, a->seg, dos)))
        return rc;
      if (cc_money_add(&c->res->contractual, amt)) return CC_E_OVERFLOW;
    } else if (!strcmp(act, "next") || !strcmp(act, "patient")) {
      int64_t to = 0;
      if (!strcmp(act, "next") && (rc = next_party(c, cp, &to))) return rc;
      if ((rc = entry(c, cp, line, payer, "transfer", a->group, a->reason,
                      -amt.cents, a->seg, dos)) ||
          (rc = entry(c, cp, line, to, "transfer", a->group, a->reason,
                      amt.cents, a->seg, dos)))
        return rc;
      if (cc_money_add(&c->res->patient_resp, amt)) return CC_E_OVERFLOW;
    } /* ignore: settled elsewhere, nothing to post */
  }
  }
  return CC_OK;
}

/* Charges go on the books the first time a claim is paid if whoever
 * created the claim did not post them. */
static cc_code ensure_charges(post_ctx *c, claim_post *cp) {
  /* Another claim of the encounter is the ledger claim only when it holds
   * the charges (store_post_ledger_claim). */
  if (cp->cl.has_charges || cp->ledger_claim != cp->cl.id) return CC_OK;
  cc_code rc = CC_OK;
  int64_t r = cp->rclaim;
  cp->rclaim = 0; /* a charge is not the payer's doing */
  if (c->nlines == 0)
    rc = entry(c, cp, 0, cp->cl.payer_id, "charge", NULL, NULL,
               cp->cl.total_charge_cents, 0, cp->cl.first_service);
  for (size_t i = 0; !rc && i < c->nlines; i++)
    rc = entry(c, cp, c->lines[i].id, cp->cl.payer_id, "charge", NULL, NULL,
               c->lines[i].charge, 0, c->lines[i].date);
  cp->rclaim = r;
  return rc;
}

/* A claim payment we cannot apply (CLP01 names no claim of ours, or it
 * reverses a payment we never posted) is held as unapplied cash with what
 * identifies it, so the remittance still adds up to BPR02. */
static cc_code hold_unapplied(post_ctx *c, const remit_claim *rc_,
                              const char *key, const char *why) {
  char status[8], pcn[64], last[64], first[64], member[64];
  cc_slice_copy(rc_->status, status, sizeof status);
  cc_slice_copy(rc_->payer_claim_no, pcn, sizeof pcn);
  cc_slice_copy(rc_->pat_last, last, sizeof last);
  cc_slice_copy(rc_->pat_first, first, sizeof first);
  cc_slice_copy(rc_->member_id.n ? rc_->member_id : rc_->insured_id, member,
                sizeof member);
  store_unapplied_rec u = {
      .remittance_id = c->remit_id, .file_id = c->file_id,
      .segment_index = rc_->seg, .claim_ref = key, .status_code = status,
      .payer_claim_number = pcn, .patient_last = last, .patient_first = first,
      .member_id = member, .posted = c->posted, .reason = why,
      .charge_cents = rc_->charge.cents, .paid_cents = rc_->paid.cents,
      .patient_resp_cents = rc_->patient_resp.cents};
  c->res->unapplied++;
  if (cc_money_add(&c->res->unapplied_paid, rc_->paid)) return CC_E_OVERFLOW;
  return store_post_unapplied_add(c->sp, &u, c->err);
}

/* Post one CLP to the claim its CLP01 names, or, when force is given (a
 * person applying unapplied cash), to the claim with that control number,
 * whose id goes to *forced: what would have held it is then an error, and
 * the member id is not compared (the person has). */
static cc_code post_claim(post_ctx *c, const remit_claim *rc_,
                          const char *force, int64_t *forced) {
  claim_post cp;
  memset(&cp, 0, sizeof cp);
  char key[64];
  if (force) snprintf(key, sizeof key, "%s", force);
  else cc_slice_copy(rc_->id, key, sizeof key);
  cc_code rc = store_post_claim_find(c->sp, key, &cp.cl, c->err);
  if (rc == CC_E_NOTFOUND && force)
    return cc_err_set(c->err, CC_E_NOTFOUND, "no such claim",
                      "no claim has control number '%s'", key);
  if (rc == CC_E_NOTFOUND)
    return hold_unapplied(c, rc_, key, "no claim has this control number");
  if (rc) return rc;
  if (force) *forced = cp.cl.id;
  /* One control number, another person: when the 835 names the member and
   * it is neither the patient's nor the insured's id on our claim's
   * coverage, the payment is for someone else's claim (the samples carry
   * nine patients under one CLP01). Held, never posted to the wrong
   * patient. */
  if (!force && cp.cl.member_id[0] && (rc_->member_id.n || rc_->insured_id.n) &&
      !cc_slice_eq(rc_->member_id, cp.cl.member_id) &&
      !cc_slice_eq(rc_->insured_id, cp.cl.member_id)) {
    char why[256], m[64];
    cc_slice_copy(rc_->member_id.n ? rc_->member_id : rc_->insured_id, m,
                  sizeof m);
    snprintf(why, sizeof why, "claim %s is for member %s, the 835 names "
             "member %s", key, cp.cl.member_id, m);
    return hold_unapplied(c, rc_, key, why);
  }
  if (cc_slice_eq(rc_->status, "22")) { /* nothing of ours to undo? */
    int64_t old, old_paid;
    if ((rc = store_post_last_rclaim(c->sp, cp.cl.id, cp.cl.payer_id, &old,
                                     &old_paid, c->err)))
      return rc;
    if (!old && force)
      return cc_err_set(c->err, CC_E_INVALID, "nothing to reverse",
                        "claim %s has no payment from this payer to reverse",
                        key);
    if (!old)
      return hold_unapplied(c, rc_, key, "reverses a payment never posted "
                            "from this payer");
  }
  cc_arena_reset(c->a);
  c->nlines = c->nllines = 0;
  if ((rc = store_post_claim_lines(c->sp, cp.cl.id, keep_named, c, c->err)))
    return rc;
  cp.ledger_claim = cp.cl.id;
  cp.ledger_provider = cp.cl.provider_id;
  if (strcmp(cp.cl.responsibility, "primary") && cp.cl.encounter_id) {
    int64_t other, prov;
    if ((rc = store_post_ledger_claim(c->sp, cp.cl.encounter_id, cp.cl.id,
                                      &other, &prov, c->err)))
      return rc;
    if (other) {
      cp.ledger_claim = other;
      cp.ledger_provider = prov;
      if ((rc = store_post_claim_lines(c->sp, other, keep_ledger, c, c->err)))
        return rc;
    }
  }
  char pcn[64], status[8];
  cc_slice_copy(rc_->payer_claim_no, pcn, sizeof pcn);
  cc_slice_copy(rc_->status, status, sizeof status);
  store_rclaim_rec rr = {
      .remittance_id = c->remit_id, .claim_id = cp.cl.id,
      .ledger_claim_id = cp.ledger_claim, .payer_id = cp.cl.payer_id,
      .segment_index = rc_->seg, .status_code = status,
      .payer_claim_number = pcn, .charge_cents = rc_->charge.cents,
      .paid_cents = rc_->paid.cents, .patient_resp_cents = rc_->patient_resp.cents,
      .posted_date = c->remit_posted, .claim = &cp.cl};
  if ((rc = store_post_rclaim_add(c->sp, &rr, &cp.rclaim, c->err))) return rc;
  c->res->claims++;
  if (cc_money_add(&c->res->claim_paid, rc_->paid) ||
      cc_money_add(&c->res->charges, rc_->charge))
    return CC_E_OVERFLOW;
  char detail[600];
  if (!strcmp(status, "22")) { /* reversal: undo the earlier posting */
    int64_t old, old_paid, n;
    if ((rc = store_post_last_rclaim(c->sp, cp.cl.id, cp.cl.payer_id, &old,
                                     &old_paid, c->err)))
      return rc;
    if ((rc = store_post_reverse(c->sp, old, cp.rclaim, c->posted, c->file_id,
                                 rc_->seg, &n, c->err)))
      return rc;
    c->res->entries += (uint32_t)n;
    c->res->reversals++;
    char a[24];
    snprintf(detail, sizeof detail, "payment reversed (was %s), trace %s",
             cc_money_fmt(CC_MONEY(old_paid), a), c->trace);
    /* A voided, closed or corrected claim stays so: the reversal is
     * history, not a reason to work the claim again. */
    bool final = !strcmp(cp.cl.status, "void") ||
                 !strcmp(cp.cl.status, "closed") ||
                 !strcmp(cp.cl.status, "corrected");
    return store_post_claim_status(c->sp, cp.cl.id,
                                   final ? cp.cl.status : "accepted", pcn,
                                   detail, c->err);
  }
  if ((rc = ensure_charges(c, &cp))) return rc;
  bool deny_all = !strcmp(status, "4");
  c->now = 0;
  memset(&c->total, 0, sizeof c->total);
  if (strcmp(cp.cl.responsibility, "primary")) {
    cp.capped = true;
    if ((rc = store_post_balances(c->sp, cp.ledger_claim, cp.cl.payer_id,
                                  keep_owed, c, c->err)))
      return rc;
    c->total.payer -= rc_->paid.cents; /* what it owes once it has paid */
  }
  const remit_file *f = c->f;
  const char *dos = cp.cl.first_service;
  /* Claim-level payment when the payer sent no service lines. */
  cc_money line_paid = CC_MONEY(0);
  for (size_t i = 0; i < rc_->nline; i++) {
    const remit_line *l = &f->line[rc_->line0 + i];
    pline *m = match_line(c, l);
    int64_t lid = 0;
    if (m) {
      m->used = true;
      lid = m->id;
      if (cp.ledger_claim != cp.cl.id) { /* same line of the ledger claim */
        lid = 0;
        for (size_t k = 0; k < c->nllines; k++)
          if (c->llines[k].line_no == m->line_no) lid = c->llines[k].id;
      }
    }
    char code[48];
    cc_slice_copy(l->code, code, sizeof code);
    if ((rc = store_post_rline_add(c->sp, cp.rclaim, lid, l->seg, code,
                                   l->charge.cents, l->paid.cents,
                                   l->has_allowed ? l->allowed.cents : INT64_MIN,
                                   c->err)))
      return rc;
    const char *ldos = l->date[0] ? l->date : dos;
    if (l->paid.cents &&
        (rc = entry(c, &cp, lid, cp.cl.payer_id, "payment", NULL, NULL,
                    -l->paid.cents, l->seg, ldos)))
      return rc;
    if (cp.capped && lid) owed_at(c, lid)->payer -= l->paid.cents;
    char remarks[140];
    snprintf(remarks, sizeof remarks, "%s%s%s", l->remarks,
             l->remarks[0] && rc_->remarks[0] ? " " : "", rc_->remarks);
    if ((rc = post_adjs(c, &cp, lid, &f->adj[l->adj0], l->nadj, deny_all,
                        l->paid.cents == 0, remarks, ldos)))
      return rc;
    if (cc_money_add(&line_paid, l->paid)) return CC_E_OVERFLOW;
    c->res->lines++;
  }
  cc_money rest = rc_->paid;
  if (cc_money_sub(&rest, line_paid)) return CC_E_OVERFLOW;
  if (rest.cents &&
      (rc = entry(c, &cp, 0, cp.cl.payer_id, "payment", NULL, NULL,
                  -rest.cents, rc_->seg, dos)))
    return rc;
  if ((rc = post_adjs(c, &cp, 0, &f->adj[rc_->adj0], rc_->nadj, deny_all,
                      rc_->paid.cents == 0, rc_->remarks, dos)))
    return rc;
  if (deny_all && !cp.denied) { /* denied without any adjustment reason */
    cp.denied = true;
    if ((rc = store_post_denial_add(c->sp, cp.cl.id, 0, cp.rclaim, "CO", "",
                                    rc_->remarks, rc_->charge.cents, rc_->seg,
                                    c->err)))
      return rc;
  }
  char a[24];
  /* Some lines paid, others denied: the claim is partly paid, and the
   * denied lines are in the queue. */
  bool partial = cp.denied && !deny_all && rc_->paid.cents > 0;
  if (cp.denied) {
    c->res->denials++;
    snprintf(detail, sizeof detail, "%s %s%s%s, paid %s, trace %s",
             partial ? "partly denied" : "denied", cp.denial_text,
             rc_->remarks[0] ? " remarks " : "", rc_->remarks,
             cc_money_fmt(rc_->paid, a), c->trace);
  } else {
    snprintf(detail, sizeof detail, "paid %s (CLP02 %s), trace %s",
             cc_money_fmt(rc_->paid, a), status, c->trace);
  }
  if (c->note[0]) { /* who applied held cash, in the claim's history */
    size_t len = strlen(detail);
    snprintf(detail + len, sizeof detail - len, "; %s", c->note);
  }
  return store_post_claim_status(c->sp, cp.cl.id,
                                 partial ? "partial"
                                 : cp.denied ? "denied" : "paid",
                                 pcn, detail, c->err);
}

static void slice_to(cc_slice s, char *buf, size_t cap) { cc_slice_copy(s, buf, cap); }

static cc_code post_set(post_ctx *c, size_t si, bool *posted) {
  const remit_set *set = &c->f->set[si];
  char payer_key[64], payer_name[64], method[8], pay_date[11] = "";
  slice_to(set->trace, c->trace, sizeof c->trace);
  slice_to(set->payer_key.n ? set->payer_key : set->payer_name, payer_key,
           sizeof payer_key);
  slice_to(set->payer_name, payer_name, sizeof payer_name);
  slice_to(set->method, method, sizeof method);
  cc_day d;
  if (set->pay_date.n && cc_date_parse_d8(set->pay_date, &d) == CC_OK)
    cc_date_iso(d, pay_date);
  if (!c->res->trace[0]) {
    snprintf(c->res->trace, sizeof c->res->trace, "%s", c->trace);
    snprintf(c->res->payer, sizeof c->res->payer, "%s", payer_key);
  }
  int64_t have;
  cc_code rc = store_post_remit_find(c->sp, payer_key, c->trace,
                                     set->paid.cents, &have, c->err);
  if (rc) return rc;
  *posted = false;
  if (have) return CC_OK;
  cc_money plb = CC_MONEY(0);
  for (size_t i = 0; i < set->nplb; i++)
    if (cc_money_add(&plb, c->f->plb[set->plb0 + i].amount)) return CC_E_OVERFLOW;
  store_remit_rec r = {.file_id = c->file_id, .set_index = (int64_t)si + 1,
                       .payer_key = payer_key, .payer_name = payer_name,
                       .trace = c->trace, .method = method,
                       .pay_date = pay_date, .posted = c->posted,
                       .paid_cents = set->paid.cents, .plb_cents = plb.cents,
                       .claims = (int64_t)set->nclaim};
  if ((rc = store_post_remit_add(c->sp, &r, &c->remit_id, c->err))) return rc;
  c->res->sets++;
  if (cc_money_add(&c->res->paid, set->paid) || cc_money_add(&c->res->plb, plb))
    return CC_E_OVERFLOW;
  for (size_t i = 0; i < set->nplb; i++) {
    const remit_plb *b = &c->f->plb[set->plb0 + i];
    char prov[32], fy[16], reason[8], ref[64];
    slice_to(b->provider, prov, sizeof prov);
    slice_to(b->fiscal_date, fy, sizeof fy);
    slice_to(b->reason, reason, sizeof reason);
    slice_to(b->reference, ref, sizeof ref);
    if ((rc = store_post_plb_add(c->sp, c->remit_id, b->seg, prov, fy, reason,
                                 ref, b->amount.cents, c->err)))
      return rc;
  }
  for (size_t i = 0; i < set->nclaim; i++) {
    if ((rc = post_claim(c, &c->f->claim[set->claim0 + i], NULL, NULL)))
      return rc;
    if (c->fault_after > 0 && (long)c->res->claims == c->fault_after)
      raise(SIGKILL); /* tests: die halfway through the transaction */
  }
  *posted = true;
  return CC_OK;
}

/* The claims' lookups (a quarter of a claim's cost) go to the other core,
 * in the order post_claim will ask for them. */
static void prefetch_claims(post_ctx *c) {
  size_t n = c->f->nclaim;
  if (n < 2) return;
  c->key = malloc(n * sizeof *c->key);
  c->keys = malloc(n * sizeof *c->keys);
  if (!c->key || !c->keys) return; /* only a speed-up */
  for (size_t i = 0; i < n; i++) {
    cc_slice_copy(c->f->claim[i].id, c->key[i], sizeof c->key[i]);
    c->keys[i] = c->key[i];
  }
  store_post_prefetch(c->sp, c->keys, n);
}

/* What a posting and an application of unapplied cash share: the
 * context (open), the end of the transaction (finish: everything waiting
 * written, the summaries and first facts, COMMIT) and the clean-up. */
static cc_code ctx_open(post_ctx *c, cc_store *s, const remit_file *f,
                        const cc_remit_opts *opts, char today[11],
                        cc_remit_result *res, cc_err *err) {
  memset(c, 0, sizeof *c);
  const char *posted = opts && opts->posting_date
                           ? opts->posting_date
                           : cc_date_iso(cc_date_today(), today);
  cc_day chk;
  if (cc_date_parse_iso(cc_slice_cstr(posted), &chk) != CC_OK)
    return cc_err_set(err, CC_E_USAGE, "posting date is not a date",
                      "'%s' is not YYYY-MM-DD", posted);
  c->s = s; c->f = f; c->posted = c->remit_posted = posted;
  c->res = res; c->err = err;
  const char *fault = getenv("CC_FAULT_POST_AFTER_CLAIMS");
  c->fault_after = fault ? strtol(fault, NULL, 10) : 0;
  c->a = cc_arena_new(0);
  if (!c->a) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s",
                               "posting");
  return store_post_open(s, &c->sp, err);
}

static cc_code ctx_finish(post_ctx *c, store_ledger_bulk *bulk) {
  cc_code rc;
  store_post_prefetch_stop(c->sp);
  if ((rc = store_post_flush(c->sp, c->err))) return rc;
  /* Posting summed its own entries and kept the first facts; the grouped
   * re-read of bulk_end is for other writers. */
  if (bulk->trigger_sql && (rc = store_post_write_sums(c->sp, c->err)))
    return rc;
  bulk->summed = true;
  if (bulk->adj_sql && (rc = store_post_write_facts(c->sp, c->err)))
    return rc;
  bulk->facts_done = bulk->adj_sql != NULL;
  if ((rc = store_ledger_bulk_end(c->s, bulk, c->err))) return rc;
  return store_post_commit(c->sp, c->err);
}

static void ctx_close(post_ctx *c, store_ledger_bulk *bulk) {
  store_post_close(c->sp); /* before the keys it borrows go */
  free(c->keys);
  free(c->key);
  store_ledger_bulk_free(bulk);
  cc_arena_free(c->a);
  free(c->pol); free(c->lines); free(c->llines); free(c->ow);
}

cc_code cc_remit_post_835_mem(cc_store *s, const char *p, size_t n,
                              const char *name, const cc_remit_opts *opts,
                              cc_remit_result *res, cc_err *err) {
  cc_remit_result dummy;
  if (!res) res = &dummy;
  memset(res, 0, sizeof *res);
  if (!name) name = "835";
  remit_file f;
  /* Hashing and reading, 3% of a large file's cost each, side by side. */
  remit_sha_job sha;
  remit_sha256_start(&sha, p, n);
  cc_code rc = remit_835_read(p, n, name, &f, err);
  remit_sha256_wait(&sha);
  if (rc) return rc;
  char today[11];
  post_ctx c;
  bool in_tx = false;
  store_ledger_bulk bulk;
  memset(&bulk, 0, sizeof bulk);
  if ((rc = ctx_open(&c, s, &f, opts, today, res, err))) goto out;
  if ((rc = cc_store_begin(s, err))) goto out;
  in_tx = true;
  int64_t same;
  if ((rc = store_post_file_by_sha(c.sp, sha.hex, &same, err))) goto out;
  if (same) { res->already_posted = true; res->file_id = same; goto out; }
  if ((rc = store_post_policy(c.sp, add_policy, &c, err))) goto out;
  if ((rc = store_post_file_add(c.sp, name, sha.hex, f.isa, f.gs, f.version,
                                NULL, p, n, &c.file_id, err)))
    goto out;
  res->file_id = c.file_id;
  if ((rc = store_ledger_bulk_begin(s, &bulk, err))) goto out;
  prefetch_claims(&c);
  size_t done_sets = 0;
  for (size_t i = 0; i < f.nset; i++) {
    bool posted_now;
    if ((rc = post_set(&c, i, &posted_now))) goto out;
    done_sets += posted_now;
  }
  if (done_sets == 0) res->already_posted = true;
  if (done_sets == 0 || (opts && opts->dry_run)) goto out; /* roll back */
  if ((rc = ctx_finish(&c, &bulk))) goto out;
  in_tx = false;
out:
  if (rc && err && !err->file) err->file = name;
  if (rc == CC_E_OVERFLOW && err && !err->msg)
    cc_err_set(err, CC_E_OVERFLOW, "amount out of range", "%s", name);
  if (in_tx) cc_store_rollback(s);
  if (rc || res->already_posted) {
    int64_t keep = res->already_posted ? res->file_id : 0;
    bool again = res->already_posted;
    char tr[64], py[64];
    snprintf(tr, sizeof tr, "%s", res->trace);
    snprintf(py, sizeof py, "%s", res->payer);
    memset(res, 0, sizeof *res);
    res->already_posted = again && !rc;
    res->file_id = keep;
    snprintf(res->trace, sizeof res->trace, "%s", tr);
    snprintf(res->payer, sizeof res->payer, "%s", py);
  }
  ctx_close(&c, &bulk);
  remit_file_free(&f);
  return rc;
}

/* The set that holds claim payment k of the file. */
static size_t set_of(const remit_file *f, size_t k) {
  for (size_t i = 0; i < f->nset; i++)
    if (k >= f->set[i].claim0 && k < f->set[i].claim0 + f->set[i].nclaim)
      return i;
  return f->nset;
}

cc_code cc_remit_apply_unapplied(cc_store *s, int64_t id, const char *claim,
                                 const char *user, const cc_remit_opts *opts,
                                 cc_remit_result *res, cc_err *err) {
  cc_remit_result dummy;
  if (!res) res = &dummy;
  memset(res, 0, sizeof *res);
  if (!claim || !*claim)
    return cc_err_set(err, CC_E_USAGE, "which claim?", "%s",
                      "applying unapplied cash needs a claim control number");
  int64_t uid;
  cc_code rc = store_queue_role(s, user, "apply", &uid, err);
  if (rc) return rc;
  char today[11];
  post_ctx c;
  bool in_tx = false, have_file = false;
  store_ledger_bulk bulk;
  memset(&bulk, 0, sizeof bulk);
  store_unapplied_held u;
  memset(&u, 0, sizeof u);
  remit_file f;
  if ((rc = ctx_open(&c, s, NULL, opts, today, res, err))) goto out;
  if ((rc = cc_store_begin(s, err))) goto out;
  in_tx = true;
  if ((rc = store_post_unapplied_get(c.sp, id, &u, err))) goto out;
  if (!u.open) {
    rc = cc_err_set(err, CC_E_EXISTS, "already applied",
                    "unapplied payment %lld (see cleanclaim ledger unapplied "
                    "--all)", (long long)id);
    goto out;
  }
  /* The CLP as the payer sent it, read again from the file kept. */
  if ((rc = remit_835_read(u.content, u.n, "stored 835", &f, err))) goto out;
  have_file = true;
  c.f = &f;
  size_t k = 0;
  while (k < f.nclaim && (int64_t)f.claim[k].seg != u.segment_index) k++;
  size_t si = set_of(&f, k);
  if (k == f.nclaim || si == f.nset) {
    rc = cc_err_set(err, CC_E_NOTFOUND, "the claim payment is not in its file",
                    "segment %lld of file %lld", (long long)u.segment_index,
                    (long long)u.file_id);
    goto out;
  }
  c.file_id = u.file_id;
  c.remit_id = u.remittance_id;
  c.remit_posted = u.posted;
  snprintf(c.note, sizeof c.note, "unapplied cash %lld applied by %s",
           (long long)id, user);
  cc_slice_copy(f.set[si].trace, c.trace, sizeof c.trace);
  snprintf(res->trace, sizeof res->trace, "%s", c.trace);
  res->file_id = u.file_id;
  if ((rc = store_post_policy(c.sp, add_policy, &c, err))) goto out;
  if ((rc = store_ledger_bulk_begin(s, &bulk, err))) goto out;
  int64_t claim_id;
  if ((rc = post_claim(&c, &f.claim[k], claim, &claim_id))) goto out;
  if ((rc = store_post_unapplied_applied(c.sp, id, claim_id, err))) goto out;
  if (opts && opts->dry_run) goto out; /* roll back */
  if ((rc = ctx_finish(&c, &bulk))) goto out;
  in_tx = false;
out:
  if (in_tx) cc_store_rollback(s);
  if (rc) memset(res, 0, sizeof *res);
  ctx_close(&c, &bulk);
  if (have_file) remit_file_free(&f);
  free(u.content);
  return rc;
}

cc_code cc_remit_post_835_file(cc_store *s, const char *path,
                               const cc_remit_opts *opts, cc_remit_result *res,
                               cc_err *err) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return cc_err_set(err, CC_E_IO, "cannot open the 835 file", "%s", path);
  cc_buf b;
  cc_buf_init(&b, (size_t)1 << 32);
  char tmp[65536];
  size_t n;
  cc_code rc = CC_OK;
  while (!rc && (n = fread(tmp, 1, sizeof tmp, fp)) > 0)
    rc = cc_buf_append(&b, tmp, n);
  bool bad = ferror(fp);
  fclose(fp);
  if (rc || bad) {
    cc_buf_free(&b);
    return cc_err_set(err, rc ? rc : CC_E_IO, "cannot read the 835 file", "%s", path);
  }
  rc = cc_remit_post_835_mem(s, b.p ? b.p : "", b.n, path, opts, res, err);
  cc_buf_free(&b);
  return rc;
}
