/* demo_run.c - the demonstration clinic's days: each simulated day posts the
 * 835s that came in, sends secondary claims, enters the day's visits,
 * checks eligibility, builds, scrubs and submits claims, and feeds every
 * file to the payer simulator, whose answers come back through receive. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "demo/demo_int.h"
#include "store/store_demo.h"

typedef struct claim_ref {
  int64_t id;
  char pcn[39], status[12], resp[10], account[41];
  bool handled; /* secondary decided */
} claim_ref;

/* A patient payment promised after a statement. */
typedef struct promise {
  char account[41];
  cc_money amount;
  cc_day day;
  bool self_pay;     /* a patient without coverage */
} promise;

typedef struct run {
  demo_clinic *c;
  cc_store *s;
  cc_payersim *ps;
  cc_demo_result *res;
  cc_day day;
  claim_ref *cl;
  size_t ncl, capcl;
  char (*sent)[512]; /* files submit wrote today */
  size_t nsent, capsent;
  bool failed;
  promise *pay;      /* patient payments due on a later day */
  size_t npay, cappay;
  int64_t *items;    /* work items picked for today's denial work */
  size_t nitems, capitems;
  bool plan_made;
  cc_scrub *scrub;   /* the last day's snapshot: its code tables are reused
                        (no code set is loaded while the days run) */
} run;

static cc_code fail(run *x, cc_err *err, const char *step) {
  /* Prefix the day and the step; the detail keeps what fits. */
  char d[11], old[sizeof err->detail];
  memcpy(old, err->detail, sizeof old);
  int k = snprintf(err->detail, sizeof err->detail, "demo day %s, %s: ",
                   cc_date_iso(x->day, d), step);
  if (k > 0 && (size_t)k < sizeof err->detail) {
    memcpy(err->detail + k, old, sizeof err->detail - (size_t)k - 1);
    err->detail[sizeof err->detail - 1] = 0;
  }
  return err->code ? err->code : CC_E_INVALID;
}

/* ---- answers from the simulator go through receive ------------------ */
static cc_code receive_all(run *x, cc_payersim_files *f, cc_err *err) {
  cc_code rc = CC_OK;
  for (size_t i = 0; i < f->n && !rc; i++) {
    cc_receive_result rr;
    memset(&rr, 0, sizeof rr);
    rc = cc_remit_receive(x->s, f->v[i].data.p, f->v[i].data.n, f->v[i].name,
                          NULL, NULL, &rr, err);
    if (rc) {
      rc = fail(x, err, f->v[i].kind);
      break;
    }
    x->res->files_received++;
    if (strcmp(rr.kind, "999") == 0 || strcmp(rr.kind, "277CA") == 0) {
      x->res->rejected += rr.rejected;
      if (strcmp(rr.kind, "277CA") == 0) x->res->accepted += rr.accepted;
    }
  }
  cc_payersim_files_free(f);
  memset(f, 0, sizeof *f);
  return rc;
}

static cc_code to_sim(run *x, const char *p, size_t n, const char *name,
                      cc_err *err) {
  cc_payersim_files f = {0};
  cc_code rc = cc_payersim_receive(x->ps, p, n, name, x->day, &f, err);
  if (rc) {
    cc_payersim_files_free(&f);
    return fail(x, err, "payer simulator");
  }
  return receive_all(x, &f, err);
}

/* ---- the claims of the database, refreshed when needed ------------- */
static int list_row(void *ctx, const cc_claims_row *r) {
  run *x = ctx;
  /* claims only ever get added, in id order: update known, append new */
  size_t lo = 0, hi = x->ncl;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (x->cl[mid].id < r->id) lo = mid + 1;
    else hi = mid;
  }
  claim_ref *c;
  if (lo < x->ncl && x->cl[lo].id == r->id) {
    c = &x->cl[lo];
  } else {
    if (x->ncl == x->capcl) {
      size_t cap = x->capcl ? x->capcl * 2 : 1024;
      claim_ref *v = realloc(x->cl, cap * sizeof *v);
      if (!v) {
        x->failed = true;
        return 1;
      }
      x->cl = v;
      x->capcl = cap;
    }
    c = &x->cl[x->ncl++];
    memset(c, 0, sizeof *c);
    c->id = r->id;
  }
  memcpy(c->pcn, r->pcn, sizeof c->pcn);
  memcpy(c->status, r->status, sizeof c->status);
  memcpy(c->resp, r->responsibility, sizeof c->resp);
  memcpy(c->account, r->patient_account, sizeof c->account);
  return 0;
}

static cc_code refresh(run *x, cc_err *err) {
  cc_code rc = cc_claims_list(x->s, NULL, list_row, x, err);
  if (!rc && x->failed) rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "claims");
  return rc;
}

static demo_patient *patient_of(run *x, const char *account) {
  if (strncmp(account, "DEMO", 4) != 0) return NULL;
  int i = atoi(account + 4) - 1;
  return i >= 0 && i < x->c->npat ? &x->c->pat[i] : NULL;
}

/* ---- secondary claims ----------------------------------------------- */
static bool awaiting(const char *status) {
  static const char *const open[] = {"built", "ready", "held", "submitted",
                                     "accepted", "rejected"};
  for (size_t i = 0; i < sizeof open / sizeof *open; i++)
    if (strcmp(status, open[i]) == 0) return true;
  return false;
}

/* A primary claim the payer has answered, for a patient with a second
 * coverage that now owes part of it, becomes a claim to that payer. */
static cc_code secondaries(run *x, cc_err *err) {
  cc_code rc = refresh(x, err);
  int64_t made = 0;
  for (size_t i = 0; i < x->ncl && !rc; i++) {
    claim_ref *cr = &x->cl[i];
    if (cr->handled || strcmp(cr->resp, "primary") || awaiting(cr->status))
      continue;
    cr->handled = true;
    demo_patient *p = patient_of(x, cr->account);
    if (!p || p->ncov < 2) continue;
    cc_ledger_balance bal[8];
    size_t nb = 0;
    if ((rc = cc_ledger_claim_balances(x->s, cr->pcn, bal, 8, &nb, err))) break;
    bool owed = false;
    for (size_t k = 0; k < nb && k < 8; k++)
      if (bal[k].payer_id == x->c->payer_id[p->cov[1].payer] &&
          bal[k].balance.cents > 0)
        owed = true;
    if (!owed) continue;
    cc_arena *a = cc_arena_new(0);
    if (!a) return cc_err_set(err, CC_E_NOMEM, "out of memory", "secondary");
    cc_claim *pc = NULL, *sc = NULL;
    rc = cc_claims_load(x->s, cr->id, a, &pc, err);
    int64_t ids[64];
    size_t n = 0;
    for (uint32_t k = 0; !rc && k < pc->n_lines && n < 64; k++)
      if (pc->lines[k].charge_line_id) ids[n++] = pc->lines[k].charge_line_id;
    if (!rc) rc = cc_claims_from_charges(x->s, ids, n, "secondary", a, &sc, err);
    int64_t id = 0;
    if (!rc) {
      /* the numbering cc_claims_build uses: CC + the next row id */
      int64_t next = x->ncl ? x->cl[x->ncl - 1].id + 1 + made : 1;
      snprintf(sc->pcn, sizeof sc->pcn, "CC%08lld", (long long)next);
      snprintf(sc->status, sizeof sc->status, "ready");
      rc = cc_claims_save(x->s, sc, "demo: secondary after the primary's 835",
                          &id, err);
    }
    cc_arena_free(a);
    if (rc) return fail(x, err, "secondary claim");
    made++;
    x->res->secondary_built++;
    x->res->built++;
  }
  return rc;
}

/* ---- the day's visits ----------------------------------------------- */
static cc_code enter_visit(run *x, demo_visit *v, int seq, cc_err *err) {
  demo_clinic *c = x->c;
  demo_patient *p = &c->pat[v->patient];
  const demo_pattern *pt = &c->pat_v[v->pattern];
  char ext[32], day[11];
  snprintf(ext, sizeof ext, "V%05d", seq + 1);
  cc_date_iso(v->service, day);
  cc_encounter_rec e = {.external_id = ext, .service_date = day,
                        .place_of_service = "11", .patient_id = p->id,
                        .billing_provider_id = c->org_id,
                        .rendering_provider_id = c->prov_id[v->provider],
                        .authorization_id = v->auth_id};
  if (v->mistake == MIS_DUP_SELF) /* the physician bills it under his NPI */
    e.billing_provider_id = c->prov_id[v->provider];
  char hdr[8];
  for (int k = 0; k < pt->ndx; k++) e.diagnoses[k] = pt->dx[k];
  if (v->mistake == MIS_DX_HEADER) { /* the category, not the code */
    snprintf(hdr, sizeof hdr, "%.3s", pt->dx[0]);
    e.diagnoses[0] = hdr;
  } else if (v->mistake == MIS_DX_SEX) {
    e.diagnoses[0] = p->sex == 'F' ? "N400" : "N952"; /* BPH / atrophic
                                                         vaginitis */
  }
  cc_charge_rec lines[DEMO_MAX_LINES];
  memset(lines, 0, sizeof lines);
  for (int k = 0; k < pt->nlines; k++) {
    cc_charge_rec *l = &lines[k];
    l->line_no = k + 1;
    l->code = pt->code[k];
    l->units_milli = 1000LL * pt->units[k];
    l->unit_basis = "UN";
    l->place_of_service = "11";
    l->from_date = l->to_date = day;
    l->rendering_provider_id = c->prov_id[v->provider];
    l->charge_cents = pt->cents[k];
    for (int j = 0; j < pt->ndx && j < 4; j++) l->dx_ptr[j] = j + 1;
  }
  e.lines = lines;
  e.n_lines = (size_t)pt->nlines;
  int64_t id;
  bool created;
  cc_code rc = cc_store_encounter_put(x->s, &e, &id, &created, err);
  if (rc) return fail(x, err, "encounter");
  x->res->encounters++;
  if (!p->ncov) x->res->self_pay_encounters++;
  if (v->history) x->res->history_encounters++;
  return CC_OK;
}

static cc_code eligibility(run *x, demo_patient *p, cc_err *err) {
  p->eligibility_checked = true;
  cc_buf b;
  cc_buf_init(&b, 1u << 20);
  cc_code rc = cc_elig_request(x->s, p->account, x->day, NULL, &b, err);
  if (rc == CC_E_NOTFOUND) {
    cc_buf_free(&b);
    cc_err_clear(err);
    return CC_OK;
  }
  if (!rc) rc = to_sim(x, b.p, b.n, "eligibility.270", err);
  else rc = fail(x, err, "270");
  cc_buf_free(&b);
  if (!rc) {
    x->res->eligibility_checks++;
    if (p->cov[0].end && p->cov[0].end < x->day) x->res->eligibility_inactive++;
  }
  return rc;
}

static cc_code visits(run *x, cc_err *err) {
  demo_clinic *c = x->c;
  cc_code rc = CC_OK;
  for (int i = 0; i < c->nv && !rc; i++) {
    demo_visit *v = &c->v[i];
    if (v->entered != x->day) continue;
    rc = enter_visit(x, v, i, err);
    demo_patient *p = &c->pat[v->patient];
    /* The front desk checks eligibility at a patient's first visit. */
    if (!rc && p->ncov && !p->eligibility_checked && !v->history)
      rc = eligibility(x, p, err);
  }
  return rc;
}

/* ---- build, scrub, submit ------------------------------------------ */
static cc_code scrub_built(run *x, cc_err *err) {
  cc_code rc = refresh(x, err);
  if (rc) return rc;
  /* Reading the code sets and their epochs again each day was most of
   * the demo's time; only the day's payers, coverages, authorizations and
   * claims sent are read afresh. */
  cc_scrub *prev = x->scrub;
  x->scrub = NULL;
  if ((rc = cc_scrub_reopen(x->s, x->day, prev, &x->scrub, err)))
    return fail(x, err, "scrub");
  cc_scrub *sc = x->scrub;
  char day[11];
  cc_date_iso(x->day, day);
  for (size_t i = 0; i < x->ncl && !rc; i++) {
    claim_ref *cr = &x->cl[i];
    if (strcmp(cr->status, "built")) continue;
    cc_arena *a = cc_arena_new(0);
    cc_claim *cl = NULL;
    if (!a) rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "scrub");
    if (!rc) rc = cc_claims_load(x->s, cr->id, a, &cl, err);
    cc_scrub_summary sum = {0};
    uint32_t errors = rc ? 0 : cc_scrub_claim(sc, cl, NULL, NULL, &sum);
    cc_arena_free(a);
    if (!rc)
      rc = cc_report_scrub_record(x->s, cr->id, day, errors,
                                  (uint32_t)sum.warnings, err);
    const char *st = errors ? "held" : "ready";
    if (!rc)
      rc = cc_claims_set_status(x->s, cr->id, st, "demo scrub",
                                errors ? "scrubber found errors" : NULL, err);
    if (!rc) {
      snprintf(cr->status, sizeof cr->status, "%s", st);
      x->res->scrubbed++;
      if (errors) x->res->held++;
    }
  }
  return rc ? fail(x, err, "scrub") : CC_OK;
}

static void on_sent(void *ctx, const cc_submit_file *f) {
  run *x = ctx;
  if (x->nsent == x->capsent) {
    size_t cap = x->capsent ? x->capsent * 2 : 16;
    char(*v)[512] = realloc(x->sent, cap * sizeof *v);
    if (!v) {
      x->failed = true;
      return;
    }
    x->sent = v;
    x->capsent = cap;
  }
  snprintf(x->sent[x->nsent++], 512, "%s", f->path);
}

static cc_code submit(run *x, cc_err *err) {
  /* how many secondaries go out today, for the summary */
  for (size_t i = 0; i < x->ncl; i++)
    if (strcmp(x->cl[i].status, "ready") == 0 && strcmp(x->cl[i].resp, "primary"))
      x->res->secondary_submitted++;
  cc_submit_result sr = {0};
  x->nsent = 0;
  cc_code rc = cc_claims_submit(x->s, NULL, x->c->o->files_dir, on_sent, x,
                                &sr, err);
  if (rc) return fail(x, err, "submit");
  if (x->failed) return cc_err_set(err, CC_E_NOMEM, "out of memory", "submit");
  x->res->submitted += sr.claims;
  x->res->files_sent += sr.files;
  for (size_t i = 0; i < x->nsent && !rc; i++) {
    FILE *f = fopen(x->sent[i], "rb");
    if (!f) {
      rc = cc_err_set(err, CC_E_IO, "cannot read a submitted file", "%s: %s",
                      x->sent[i], strerror(errno));
      return fail(x, err, "submit");
    }
    cc_buf b;
    cc_buf_init(&b, 1u << 30);
    char tmp[65536];
    size_t k;
    while (!rc && (k = fread(tmp, 1, sizeof tmp, f)) > 0) rc = cc_buf_append(&b, tmp, k);
    fclose(f);
    const char *base = strrchr(x->sent[i], '/');
    if (!rc && b.p) rc = to_sim(x, b.p, b.n, base ? base + 1 : x->sent[i], err);
    cc_buf_free(&b);
  }
  return rc;
}

/* ---- the billing office: statements, patient payments, denials ----- */
static void on_statement(void *ctx, int64_t id, const char *account,
                         cc_money due) {
  run *x = ctx;
  x->res->statements++;
  const demo_patient *pt = patient_of(x, account);
  bool self_pay = pt && !pt->ncov;
  if (self_pay) x->res->self_pay_statements++;
  /* About 45 % of patients pay within a week: in full, or half. */
  if (due.cents <= 0 || !demo_chance(&x->c->rng, 450)) return;
  if (x->npay == x->cappay) {
    size_t cap = x->cappay ? x->cappay * 2 : 64;
    promise *v = realloc(x->pay, cap * sizeof *v);
    if (!v) {
      x->failed = true;
      return;
    }
    x->pay = v;
    x->cappay = cap;
  }
  promise *p = &x->pay[x->npay++];
  snprintf(p->account, sizeof p->account, "%s", account);
  p->amount.cents = demo_chance(&x->c->rng, 600) ? due.cents : due.cents / 2;
  p->day = x->day + 3 + demo_below(&x->c->rng, 5);
  p->self_pay = self_pay;
}

static cc_code statements(run *x, const char *day, cc_err *err) {
  cc_billing_statement_opts o = {.date = day, .user = DEMO_USER};
  cc_billing_run_result r = {0};
  cc_code rc = cc_billing_statement_run(x->s, &o, on_statement, x, &r, err);
  if (!rc && x->failed) rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "statements");
  return rc ? fail(x, err, "statement run") : CC_OK;
}

static cc_code patient_payments(run *x, const char *day, cc_err *err) {
  cc_code rc = CC_OK;
  for (size_t i = 0; i < x->npay && !rc; i++) {
    promise *p = &x->pay[i];
    if (p->day != x->day || p->amount.cents <= 0) continue;
    cc_billing_receipt r;
    char ref[32];
    snprintf(ref, sizeof ref, "AUTH%06zu", i + 1);
    rc = cc_billing_payment_post(x->s, p->account, p->amount, "card", ref, day,
                                 DEMO_USER, &r, err);
    if (rc) return fail(x, err, "patient payment");
    x->res->patient_payments++;
    if (p->self_pay) x->res->self_pay_payments++;
    cc_money t = x->res->patient_paid;
    if (!cc_money_add(&t, p->amount)) x->res->patient_paid = t;
  }
  /* One patient with a large balance and no payment promised gets a
   * payment plan of six monthly installments starting next month. */
  if (!x->plan_made && x->res->statements) {
    size_t best = x->npay;
    for (size_t i = 0; i < x->npay; i++)
      if (x->pay[i].day > x->day &&
          (best == x->npay || x->pay[i].amount.cents > x->pay[best].amount.cents))
        best = i;
    if (best < x->npay && x->pay[best].amount.cents >= 10000) {
      promise *p = &x->pay[best];
      char start[11];
      int64_t id;
      rc = cc_billing_plan_create(x->s, p->account, CC_MONEY(0), 6,
                                  cc_date_iso(x->day + 30, start), day,
                                  DEMO_USER, &id, err);
      if (rc) return fail(x, err, "payment plan");
      x->plan_made = true;
      x->res->payment_plans++;
      /* the first installment instead of the promised payment */
      cc_billing_plan pl;
      if ((rc = cc_billing_plan_get(x->s, id, day, &pl, err)))
        return fail(x, err, "payment plan");
      p->amount = pl.items[0].amount;
      p->day = x->day + 30;
    }
  }
  return rc;
}

/* Payer credit balances (a payer paid more than it owed on a claim) to
 * give back; a handful a week, so a fixed list is enough. */
typedef struct credits {
  struct { char claim[39], payer[81]; } v[64];
  size_t n;
} credits;

static void on_credit(void *ctx, const cc_ledger_payer_credit *c) {
  credits *l = ctx;
  if (l->n == sizeof l->v / sizeof *l->v) return; /* the rest next time */
  snprintf(l->v[l->n].claim, sizeof l->v[l->n].claim, "%s", c->claim);
  snprintf(l->v[l->n].payer, sizeof l->v[l->n].payer, "%s", c->payer);
  l->n++;
}

/* The billing office refunds every payer credit by EFT, as a payer's
 * recoupment request would otherwise take it back from a later payment. */
static cc_code payer_refunds(run *x, const char *day, cc_err *err) {
  credits l = {.n = 0};
  cc_code rc = cc_ledger_payer_credits(x->s, on_credit, &l, err);
  for (size_t i = 0; !rc && i < l.n; i++) {
    cc_billing_receipt r;
    char ref[48];
    snprintf(ref, sizeof ref, "REFUND-%s", l.v[i].claim);
    rc = cc_billing_payer_refund(x->s, l.v[i].claim, l.v[i].payer,
                                 CC_MONEY(0), "eft", ref, day, DEMO_USER, &r,
                                 err);
    if (rc) break;
    x->res->payer_refunds++;
    cc_money t = x->res->payer_refunded;
    if (!cc_money_add(&t, r.applied)) x->res->payer_refunded = t;
  }
  return rc ? fail(x, err, "payer refund") : CC_OK;
}

static int pick_item(void *ctx, const cc_queue_item *it) {
  run *x = ctx;
  /* Each denial is looked at once, in the week it came in, so every
   * category still has open items at the end of the quarter. */
  cc_day denied = 0;
  if (strcmp(it->status, "open") ||
      cc_date_parse_iso(cc_slice_cstr(it->denied), &denied) ||
      denied + 7 <= x->day)
    return 0;
  if (x->nitems == x->capitems) {
    size_t cap = x->capitems ? x->capitems * 2 : 64;
    int64_t *v = realloc(x->items, cap * sizeof *v);
    if (!v) {
      x->failed = true;
      return 1;
    }
    x->items = v;
    x->capitems = cap;
  }
  x->items[x->nitems++] = it->id;
  return 0;
}

/* Weekly, the biller works about half the open denials by what their
 * category calls for; the others stay in the queues for the user. */
static cc_code denials(run *x, const char *day, cc_err *err) {
  cc_queue_refresh_result qr;
  cc_code rc = cc_queue_refresh(x->s, &qr, err);
  x->nitems = 0;
  if (!rc) rc = cc_queue_list(x->s, NULL, pick_item, x, err);
  if (!rc && x->failed) rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "queue");
  if (rc) return fail(x, err, "denial queue");
  for (size_t i = 0; i < x->nitems && !rc; i++) {
    if (!demo_chance(&x->c->rng, 500)) continue;
    cc_queue_item it;
    if ((rc = cc_queue_get(x->s, x->items[i], &it, err))) break;
    if (strcmp(it.status, "open")) continue; /* resolved with its claim */
    /* An NPI the payer has not enrolled is credentialing work, not a
     * claim to correct: it stays open for the user. */
    if (!strcmp(it.source, "277CA") && !strcmp(it.carc, "562")) continue;
    cc_queue_action a;
    cc_queue_act_opts o = {.user = DEMO_USER, .date = day};
    uint32_t *count;
    if (!strcmp(it.category, "missing_information")) {
      a = CC_QUEUE_CORRECT;
      count = &x->res->denials_corrected;
    } else if (!strcmp(it.category, "coding") ||
               !strcmp(it.category, "authorization")) {
      a = CC_QUEUE_APPEAL;
      o.argument = "the service was medically necessary and documented; "
                   "the records are attached";
      count = &x->res->denials_appealed;
    } else if (!strcmp(it.category, "eligibility") ||
               !strcmp(it.category, "non_covered")) {
      a = CC_QUEUE_PATIENT;
      count = &x->res->denials_to_patient;
    } else if (!strcmp(it.category, "timely_filing") ||
               !strcmp(it.category, "duplicate")) {
      a = CC_QUEUE_WRITEOFF;
      o.reason = it.category[0] == 't' ? "filed late: not billable to the "
                                         "patient"
                                       : "duplicate of a claim already paid";
      count = &x->res->denials_written_off;
    } else {
      continue;
    }
    cc_queue_act_result ar;
    memset(&ar, 0, sizeof ar);
    rc = cc_queue_act(x->s, it.id, a, &o, &ar, err);
    free(ar.letter);
    if (rc == CC_E_INVALID) { /* the action no longer fits (claim moved on) */
      cc_err_clear(err);
      rc = CC_OK;
      continue;
    }
    if (!rc) (*count)++;
  }
  return rc ? fail(x, err, "denial work") : CC_OK;
}

static cc_code office(run *x, cc_err *err) {
  char day[11];
  cc_date_iso(x->day, day);
  int k = (int)(x->day - x->c->first) + 1;
  cc_code rc = patient_payments(x, day, err);
  if (!rc && k % 7 == 0) rc = denials(x, day, err);
  if (!rc && (k % 7 == 0 || x->day == x->c->today))
    rc = payer_refunds(x, day, err);
  if (!rc && k % 30 == 0) rc = statements(x, day, err);
  return rc;
}

static cc_code one_day(run *x, cc_err *err) {
  cc_payersim_files f = {0};
  cc_code rc = cc_payersim_release(x->ps, x->day, &f, err);
  if (rc) {
    cc_payersim_files_free(&f);
    return fail(x, err, "835 release");
  }
  uint32_t built = 0;
  if ((rc = receive_all(x, &f, err)) || (rc = secondaries(x, err)) ||
      (rc = visits(x, err)))
    return rc;
  if ((rc = cc_claims_build(x->s, &built, err))) return fail(x, err, "build");
  x->res->built += built;
  if ((rc = scrub_built(x, err))) return rc;
  if ((rc = submit(x, err))) return rc;
  return office(x, err);
}

/* ---- the summary ---------------------------------------------------- */
static const char *const categories[] = {
    "authorization", "coding", "eligibility", "duplicate", "timely_filing",
    "missing_information", "non_covered", "underpayment", "other"};

const char *cc_demo_category_name(size_t i) {
  return i < sizeof categories / sizeof *categories ? categories[i] : NULL;
}

static cc_code summarize(run *x, cc_err *err) {
  cc_demo_result *r = x->res;
  size_t n = cc_payersim_count(x->ps);
  for (size_t i = 0; i < n; i++) {
    const cc_payersim_adj *a = cc_payersim_get(x->ps, i);
    if (!a->released) continue;
    if (strcmp(a->status, "22") == 0) {
      r->reversals++;
      r->reversed_paid.cents -= a->paid.cents;
      continue;
    }
    if (a->reprocessed) { /* right after its reversal, same 835 */
      const cc_payersim_adj *rv = i ? cc_payersim_get(x->ps, i - 1) : NULL;
      r->payer_corrections++;
      if (rv && !strcmp(rv->status, "22") && !strcmp(rv->pcn, a->pcn))
        r->recouped.cents += -rv->paid.cents - a->paid.cents;
      continue;
    }
    if (strcmp(a->status, "4") == 0) r->denied++;
    else if (a->paid.cents > 0) r->paid++;
    else r->zero_paid++;
    if (strcmp(a->status, "2") == 0 && a->paid.cents > 0) r->secondary_paid++;
    cc_money pr = r->patient_resp;
    if (!cc_money_add(&pr, a->patient_resp)) r->patient_resp = pr;
  }
  cc_ledger_summary ls = {0};
  cc_code rc = cc_ledger_check(x->s, NULL, NULL, &ls, err);
  if (!rc)
    rc = store_demo_counts(x->s, &r->rejected_member, &r->rejected_npi,
                           &r->self_pay_claims, &r->self_pay_charged, err);
  if (rc) return rc;
  r->ledger_broken = ls.broken;
  r->charged = ls.charges;
  r->payments = ls.payments;
  r->adjustments = ls.adjustments;
  cc_report_opts ro = {.as_of = x->c->today};
  cc_report *rep = NULL;
  if ((rc = cc_report_run(x->s, "aging", &ro, &rep, err))) return rc;
  const cc_report_table *t = &rep->tables[0];
  for (size_t i = 0; i < t->nrows; i++) {
    const cc_report_cell *c = &t->cells[i * t->ncols];
    if (c[0].type != CC_RT_TEXT) continue;
    if (strcmp(c[0].s, "TOTAL") == 0) {
      for (int b = 0; b < 5; b++) r->ar[b].cents = c[3 + b].v;
      r->ar_total.cents = c[8].v;
    } else if (strcmp(c[0].s, "PATIENT") == 0) {
      r->patient_balance.cents = c[8].v;
    }
  }
  cc_report_free(rep);
  rep = NULL;
  ro.from = x->c->first - x->c->o->history_days - 1;
  ro.to = x->c->today;
  ro.by = "category";
  if ((rc = cc_report_run(x->s, "denials", &ro, &rep, err))) return rc;
  t = &rep->tables[0];
  for (size_t i = 0; i < t->nrows; i++) {
    const cc_report_cell *c = &t->cells[i * t->ncols];
    if (c[1].type != CC_RT_TEXT || c[4].v <= 0) continue;
    for (size_t k = 0; k < sizeof categories / sizeof *categories; k++)
      if (strcmp(c[1].s, categories[k]) == 0) r->denial_categories |= 1u << k;
  }
  cc_report_free(rep);
  return CC_OK;
}

/* ---- the run -------------------------------------------------------- */
void cc_demo_opts_init(cc_demo_opts *o) {
  memset(o, 0, sizeof *o);
  o->seed = 1;
  o->days = 90;
  o->patients = 400;
  o->visits_per_day = 24;
  o->history_days = 120;
}

static cc_code check_opts(const cc_demo_opts *o, cc_err *err) {
  if (o->days < 1 || o->days > 366)
    return cc_err_set(err, CC_E_USAGE, "days out of range", "--days %d: give 1 to 366", o->days);
  if (o->patients < 20 || o->patients > 20000)
    return cc_err_set(err, CC_E_USAGE, "patients out of range", "%d: give 20 to 20000", o->patients);
  if (o->visits_per_day < 1 || o->visits_per_day > 2000)
    return cc_err_set(err, CC_E_USAGE, "visits per day out of range", "%d: give 1 to 2000", o->visits_per_day);
  if (o->history_days < 0 || o->history_days > 365)
    return cc_err_set(err, CC_E_USAGE, "history out of range", "%d: give 0 to 365 days", o->history_days);
  if (!o->data_dir || !o->files_dir)
    return cc_err_set(err, CC_E_USAGE, "demo folders missing", "%s",
                      "the data folder and the files folder are required");
  return CC_OK;
}

static void progress(const cc_demo_opts *o, int day, const char *what) {
  if (o->progress) o->progress(o->progress_ctx, day, o->days, what);
}

cc_code cc_demo_run(cc_store *s, const cc_demo_opts *o, cc_demo_result *res,
                    cc_err *err) {
  memset(res, 0, sizeof *res);
  cc_code rc = check_opts(o, err);
  if (rc) return rc;
  if (cc_store_count(s, "patient") > 0)
    return cc_err_set(err, CC_E_EXISTS, "the database is not empty",
                      "the demonstration clinic is built in a new database; "
                      "give another --db");
  cc_day today = o->today;
  if (!today && cc_date_parse_iso(cc_slice_cstr(CC_DEMO_DEFAULT_TODAY), &today))
    return cc_err_set(err, CC_E_INVALID, "bad default day", CC_DEMO_DEFAULT_TODAY);
  if (mkdir(o->files_dir, 0777) && errno != EEXIST)
    return cc_err_set(err, CC_E_IO, "cannot create the files folder", "%s: %s",
                      o->files_dir, strerror(errno));
  if (o->codes_dir) {
    progress(o, 0, "loading code sets");
    if ((rc = cc_codes_load_dir(s, o->codes_dir, NULL, NULL, err))) return rc;
  }
  demo_clinic c = {.rng = {o->seed}, .o = o, .today = today,
                   .first = today - o->days + 1};
  res->first_day = c.first;
  res->today = today;
  c.a = cc_arena_new(0);
  run x = {.c = &c, .s = s, .res = res, .day = c.first};
  /* Everything the library stamps with "today" follows the simulated day. */
  const char *env = getenv("CC_TODAY");
  char *saved = env ? strdup(env) : NULL;
  char day[11];
  setenv("CC_TODAY", cc_date_iso(c.first, day), 1);
  progress(o, 0, "creating the clinic");
  if (!c.a) rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "demo");
  if (!rc) rc = demo_clinic_build(&c, s, res, err);
  if (!rc && !(x.ps = cc_payersim_new(o->seed)))
    rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "payer simulator");
  for (int i = 0; i < DEMO_NPAYERS && !rc; i++) {
    size_t n;
    char *json = demo_profile_json(&c, i, &n, err);
    if (!json) rc = err->code;
    else rc = cc_payersim_add_profile(x.ps, json, n, demo_payer_codes[i], err);
    free(json);
  }
  for (x.day = c.first; !rc && x.day <= today; x.day++) {
    setenv("CC_TODAY", cc_date_iso(x.day, day), 1);
    progress(o, (int)(x.day - c.first) + 1, cc_date_iso(x.day, day));
    rc = one_day(&x, err);
  }
  if (!rc) {
    progress(o, o->days, "summarizing");
    rc = summarize(&x, err);
  }
  if (saved) setenv("CC_TODAY", saved, 1);
  else unsetenv("CC_TODAY");
  free(saved);
  cc_payersim_free(x.ps);
  cc_scrub_free(x.scrub);
  free(x.cl);
  free(x.sent);
  free(x.pay);
  free(x.items);
  free(c.pat);
  free(c.v);
  cc_arena_free(c.a);
  return rc;
}
