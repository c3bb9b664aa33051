/* queue.c - the denial work queue: items, assignment, notes, and the
 * actions that work them, each one transaction over the ledger, the claim's
 * history and the item's history. Rules about money live here; the SQL in
 * src/store/store_queue.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing/billing_int.h"
#include "cleanclaim/claims.h"
#include "cleanclaim/queue.h"
#include "store/store_claims.h"
#include "store/store_queue.h"
#include "store/store_submit.h"

static const char *const action_names[] = {"correct", "void", "appeal",
                                           "writeoff", "patient"};

const char *cc_queue_action_name(cc_queue_action a) {
  return (unsigned)a < 5 ? action_names[a] : "?";
}

bool cc_queue_action_parse(const char *name, cc_queue_action *out) {
  for (int i = 0; name && i < 5; i++)
    if (strcmp(name, action_names[i]) == 0) {
      *out = (cc_queue_action)i;
      return true;
    }
  if (name && strcmp(name, "write-off") == 0) {
    *out = CC_QUEUE_WRITEOFF;
    return true;
  }
  return false;
}

cc_code cc_queue_refresh(cc_store *s, cc_queue_refresh_result *res,
                         cc_err *err) {
  return store_queue_refresh(s, res, err);
}

cc_code cc_queue_list(cc_store *s, const cc_queue_filter *f,
                      cc_queue_item_fn fn, void *ctx, cc_err *err) {
  return store_queue_list(s, f, 0, fn, ctx, err);
}

static int copy_item(void *ctx, const cc_queue_item *it) {
  *(cc_queue_item *)ctx = *it;
  return 1;
}

cc_code cc_queue_get(cc_store *s, int64_t id, cc_queue_item *out,
                     cc_err *err) {
  memset(out, 0, sizeof *out);
  return store_queue_list(s, NULL, id, copy_item, out, err);
}

cc_code cc_queue_history(cc_store *s, int64_t id, cc_queue_event_fn fn,
                         void *ctx, cc_err *err) {
  return store_queue_history(s, id, fn, ctx, err);
}

static cc_code json_str(cc_buf *b, const char *key, const char *v, bool comma) {
  cc_code rc = cc_buf_printf(b, "%s\"%s\":", comma ? "," : "", key);
  return rc ? rc : cc_json_buf_str(b, cc_slice_cstr(v));
}

cc_code cc_queue_item_json(cc_store *s, int64_t id, cc_buf *out,
                           cc_err *err) {
  cc_queue_item it;
  cc_code rc = cc_queue_get(s, id, &it, err);
  if (rc) return rc;
  const struct { const char *k, *v; } f[] = {
      {"claim", it.claim}, {"payer_claim", it.payer_claim},
      {"patient", it.patient}, {"patient_name", it.patient_name},
      {"payer", it.payer}, {"payer_name", it.payer_name},
      {"source", it.source}, {"category", it.category}, {"group", it.group},
      {"carc", it.carc}, {"carc_text", it.carc_text}, {"rarc", it.rarc},
      {"rarc_text", it.rarc_text}, {"action", it.action},
      {"recommendation", it.recommendation}, {"code", it.code},
      {"service_date", it.service_date}, {"denied", it.denied},
      {"deadline", it.deadline}, {"status", it.status},
      {"resolution", it.resolution}, {"assignee", it.assignee},
      {"follow_up", it.follow_up}};
  rc = cc_buf_printf(out, "{\"id\":%lld,\"line\":%d,\"amount_cents\":%lld",
                     (long long)it.id, it.line_no, (long long)it.amount.cents);
  if (!rc && it.has_expected)
    rc = cc_buf_printf(out, ",\"expected_cents\":%lld,\"paid_cents\":%lld",
                       (long long)it.expected.cents, (long long)it.paid.cents);
  for (size_t i = 0; !rc && i < sizeof f / sizeof *f; i++)
    rc = json_str(out, f[i].k, f[i].v, true);
  if (!rc) rc = cc_buf_puts(out, ",\"more\":");
  if (!rc) rc = store_queue_json(s, id, out, err);
  if (!rc) rc = cc_buf_puts(out, "}\n");
  return rc;
}

cc_code cc_queue_assign(cc_store *s, int64_t id, const char *user,
                        const char *assignee, const char *follow_up,
                        cc_err *err) {
  int64_t uid;
  cc_code rc = store_queue_role(s, user, "assign", &uid, err);
  if (rc) return rc;
  cc_day d;
  if (follow_up && cc_date_parse_iso(cc_slice_cstr(follow_up), &d))
    return cc_err_set(err, CC_E_USAGE, "follow-up is not a date",
                      "'%s': use YYYY-MM-DD", follow_up);
  cc_queue_item it;
  if ((rc = cc_queue_get(s, id, &it, err))) return rc;
  if ((rc = cc_store_begin(s, err))) return rc;
  char detail[200];
  snprintf(detail, sizeof detail, "assigned to %s, follow up %s",
           assignee ? (*assignee ? assignee : "nobody") : it.assignee,
           follow_up ? follow_up : (it.follow_up[0] ? it.follow_up : "-"));
  if ((rc = store_queue_assign(s, id, assignee, follow_up, err)) ||
      (rc = store_queue_event(s, id, uid, "assign", detail, err))) {
    cc_store_rollback(s);
    return rc;
  }
  return cc_store_commit(s, err);
}

cc_code cc_queue_note(cc_store *s, int64_t id, const char *user,
                      const char *text, cc_err *err) {
  int64_t uid;
  cc_code rc = store_queue_role(s, user, "note", &uid, err);
  if (rc) return rc;
  if (!text || !*text)
    return cc_err_set(err, CC_E_USAGE, "the note is empty", NULL);
  cc_queue_item it;
  if ((rc = cc_queue_get(s, id, &it, err))) return rc;
  return store_queue_event(s, id, uid, "note", text, err);
}

/* ---- appeal letters --------------------------------------------------- */

typedef struct doc_list {
  cc_buf *b;
  int n;
} doc_list;

static void add_doc(void *ctx, const char *name, const char *value) {
  doc_list *d = ctx;
  if (!cc_buf_printf(d->b, "  - %s: %s\n", name, value)) d->n++;
}

static void denial_reason(const cc_queue_item *it, char *out, size_t cap) {
  char a[24], b[24], c[24];
  if (!strcmp(it->source, "underpayment"))
    snprintf(out, cap, "Line %d (%s, %s) was paid %s; the fee schedule in "
             "our contract with you allows payment of %s, %s short.",
             it->line_no, it->code, it->service_date,
             cc_money_fmt(it->paid, a), cc_money_fmt(it->expected, b),
             cc_money_fmt(it->amount, c));
  else if (!strcmp(it->source, "835"))
    snprintf(out, cap, "CARC %s-%s: %s%s%s", it->group, it->carc,
             it->carc_text[0] ? it->carc_text : "(text not loaded)",
             it->rarc[0] ? "\nRemarks (RARC): " : "", it->rarc_text);
  else
    snprintf(out, cap, "Rejected by the %s acknowledgment (status %s).",
             it->source, it->carc[0] ? it->carc : "R");
}

cc_code cc_queue_appeal_letter(cc_store *s, int64_t id, const char *argument,
                               const char *user, const char *template_dir,
                               cc_buf *out, cc_err *err) {
  if (!argument || !*argument)
    return cc_err_set(err, CC_E_USAGE, "an appeal needs an argument",
                      "say why the payer should pay (--argument TEXT)");
  cc_queue_item it;
  cc_code rc = cc_queue_get(s, id, &it, err);
  if (rc) return rc;
  cc_arena *a = cc_arena_new(0);
  if (!a) return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  billing_vars v = {.a = a};
  cc_buf docs;
  cc_buf_init(&docs, 1 << 16);
  doc_list dl = {&docs, 0};
  if ((rc = store_queue_letter_fields(s, id, user, billing_var_kv, &v, err)) ||
      (rc = store_queue_documents(s, it.claim_id, add_doc, &dl, err)))
    goto out;
  char d[11], amt[24], reason[1200];
  billing_var(&v, "date", cc_date_iso(cc_date_today(), d));
  billing_var(&v, "disputed", cc_money_fmt(it.amount, amt));
  if (!it.deadline[0]) billing_var(&v, "deadline", "not tracked");
  denial_reason(&it, reason, sizeof reason);
  billing_var(&v, "denial_reason", reason);
  billing_var(&v, "argument", argument);
  if (!dl.n && cc_buf_puts(&docs, "  - the remittance advice with this "
                                    "denial\n"))
    dl.n = 0;
  if (docs.n && docs.p[docs.n - 1] == '\n') /* the template ends the line */
    docs.p[--docs.n] = 0;
  billing_var(&v, "documents", docs.p ? docs.p : "");
  rc = cc_arena_failed(a) ? cc_err_set(err, CC_E_NOMEM, "out of memory", NULL)
                          : billing_template_fill(template_dir,
                                                  "appeal_letter.txt", &v, out,
                                                  err);
out:
  cc_buf_free(&docs);
  cc_arena_free(a);
  return rc;
}

/* ---- actions ------------------------------------------------------------ */

static cc_code history(cc_store *s, int64_t claim_id, const char *status,
                       const char *user, const char *detail, cc_err *err) {
  char src[80];
  snprintf(src, sizeof src, "queue:%s", user);
  return store_claim_status(s, claim_id, status, src, detail, err);
}

/* A corrected (7) or void (8) copy of the claim, saved as ready to send. */
static cc_code replacement(cc_store *s, const cc_claim *c,
                           const cc_queue_item *it, char freq, cc_arena *a,
                           cc_queue_act_result *res, cc_err *err) {
  if (!it->payer_claim[0])
    return cc_err_set(err, CC_E_INVALID, "the payer's claim number is not "
                      "known", "claim %s: a frequency %c claim must carry the "
                      "payer's claim number (REF F8) from the 835 (CLP07)",
                      c->pcn, freq);
  cc_claim *n = cc_claims_copy(c, a);
  if (!n) return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  n->id = 0;
  n->frequency = freq;
  n->original_claim_id = c->id;
  snprintf(n->payer_claim_no, sizeof n->payer_claim_no, "%s", it->payer_claim);
  if (n->form == 'I' && n->facility_code[0])
    snprintf(n->type_of_bill, sizeof n->type_of_bill, "0%s%c",
             n->facility_code, freq);
  /* CLM01 must be unique in our books; the item id makes it so. */
  char suffix[24];
  snprintf(suffix, sizeof suffix, "%c%lld", freq == '7' ? 'C' : 'V',
           (long long)it->id);
  int keep = (int)(sizeof n->pcn - 1 - strlen(suffix));
  snprintf(n->pcn, sizeof n->pcn, "%.*s%s", keep, c->pcn, suffix);
  snprintf(n->status, sizeof n->status, "ready");
  cc_code rc = store_claims_save_in_tx(s, n, "queue", &res->new_claim_id, err);
  if (!rc) snprintf(res->new_claim, sizeof res->new_claim, "%s", n->pcn);
  return rc;
}

cc_code cc_queue_act(cc_store *s, int64_t id, cc_queue_action act,
                     const cc_queue_act_opts *o, cc_queue_act_result *res,
                     cc_err *err) {
  memset(res, 0, sizeof *res);
  cc_queue_act_opts none = {0};
  if (!o) o = &none;
  int64_t uid;
  cc_code rc = store_queue_role(s, o->user, cc_queue_action_name(act), &uid,
                                err);
  if (rc) return rc;
  cc_queue_item it;
  if ((rc = cc_queue_get(s, id, &it, err))) return rc;
  if (!strcmp(it.status, "resolved"))
    return cc_err_set(err, CC_E_INVALID, "this item is already resolved",
                      "work item %lld: %s", (long long)id, it.resolution);
  char date[11];
  cc_day day = cc_date_today();
  if (o->date && cc_date_parse_iso(cc_slice_cstr(o->date), &day))
    return cc_err_set(err, CC_E_USAGE, "not a date", "'%s': use YYYY-MM-DD",
                      o->date);
  cc_date_iso(day, date);
  if (act == CC_QUEUE_WRITEOFF && (!o->reason || !*o->reason))
    return cc_err_set(err, CC_E_USAGE, "a write-off needs a reason",
                      "say why the amount is written off (--reason TEXT)");
  bool rejection = !strcmp(it.source, "999") || !strcmp(it.source, "277CA");
  if (rejection && act != CC_QUEUE_CORRECT && act != CC_QUEUE_WRITEOFF)
    return cc_err_set(err, CC_E_INVALID, "a rejected claim was never "
                      "adjudicated", "work item %lld: correct it and send it "
                      "again (action correct)", (long long)id);
  cc_arena *a = cc_arena_new(0);
  if (!a) return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  cc_claim *c = NULL;
  cc_buf letter;
  cc_buf_init(&letter, 1 << 20);
  int64_t patient, payer, bal;
  if ((rc = cc_claims_load(s, it.claim_id, a, &c, err)) ||
      (rc = store_queue_claim_party(s, it.claim_id, &patient, &payer, &bal,
                                    err)))
    goto out;
  int64_t line_id = 0;
  if ((rc = store_queue_item_line(s, id, &line_id, err))) goto out;
  int64_t amount = o->amount_cents ? o->amount_cents : it.amount.cents;
  if ((act == CC_QUEUE_WRITEOFF || act == CC_QUEUE_PATIENT) &&
      (amount <= 0 || amount > bal)) {
    char x[24], y[24];
    rc = cc_err_set(err, CC_E_INVALID, "the amount is not open with the payer",
                    "claim %s: %s asked, %s open with %s", it.claim,
                    cc_money_fmt(CC_MONEY(amount), x),
                    cc_money_fmt(CC_MONEY(bal), y), it.payer);
    goto out;
  }
  if (act == CC_QUEUE_APPEAL &&
      (rc = cc_queue_appeal_letter(s, id, o->argument, o->user,
                                   o->template_dir, &letter, err)))
    goto out;
  if ((rc = cc_store_begin(s, err))) goto out;
  char detail[512], m[24];
  const char *status = c->status, *item_status = "resolved";
  /* A write-off or transfer lands on the denied line, so the line's own
   * balance says what happened to it. */
  store_bill_entry_rec e = {.patient_id = patient, .claim_id = it.claim_id,
                            .line_id = act == CC_QUEUE_WRITEOFF ||
                                               act == CC_QUEUE_PATIENT
                                           ? line_id
                                           : 0,
                            .payer_id = payer, .posted = date};
  /* Part of the item (--amount): the rest stays open on it. */
  bool part = (act == CC_QUEUE_WRITEOFF || act == CC_QUEUE_PATIENT) &&
              amount < it.amount.cents;
  if (part) item_status = it.status;
  switch (act) {
  case CC_QUEUE_WRITEOFF:
    e.kind = "writeoff";
    e.group = it.group[0] ? it.group : NULL;
    e.reason = it.carc[0] ? it.carc : NULL;
    e.reference = o->reason;
    e.cents = -amount;
    res->amount.cents = amount;
    if (amount == bal) status = "closed";
    snprintf(detail, sizeof detail, "written off %s (%s%s%s): %s",
             cc_money_fmt(CC_MONEY(amount), m), it.group,
             it.group[0] ? "-" : "", it.carc, o->reason);
    rc = store_bill_entry(s, &e, err);
    break;
  case CC_QUEUE_PATIENT:
    e.kind = "transfer";
    e.group = "PR";
    e.reason = it.carc[0] ? it.carc : NULL;
    e.reference = "transferred from the denial queue";
    e.cents = -amount;
    res->amount.cents = amount;
    snprintf(detail, sizeof detail, "%s moved from %s to the patient (%s%s%s)",
             cc_money_fmt(CC_MONEY(amount), m), it.payer, it.group,
             it.group[0] ? "-" : "", it.carc);
    if (!(rc = store_bill_entry(s, &e, err))) {
      e.payer_id = 0;
      e.cents = amount;
      rc = store_bill_entry(s, &e, err);
    }
    break;
  case CC_QUEUE_CORRECT:
  case CC_QUEUE_VOID: {
    char freq = act == CC_QUEUE_CORRECT ? '7' : '8';
    if (rejection) { /* never adjudicated: the same claim goes again */
      status = "ready";
      snprintf(detail, sizeof detail, "corrected after the %s rejection; "
               "ready to send again", it.source);
      break;
    }
    if ((rc = replacement(s, c, &it, freq, a, res, err))) break;
    if (act == CC_QUEUE_VOID &&
        (rc = store_queue_void_entries(s, res->new_claim_id, date, err)))
      break;
    /* The original's open balance with the payer is closed here: the new
     * claim carries the charges (a void carries none). */
    res->amount.cents = bal;
    if (bal) {
      e.kind = "adjustment";
      e.reason = freq == '7' ? "CORRECTED" : "VOID";
      snprintf(detail, sizeof detail, "replaced by claim %s (frequency %c)",
               res->new_claim, freq);
      e.reference = detail;
      e.cents = -bal;
      if ((rc = store_bill_entry(s, &e, err))) break;
    }
    status = freq == '7' ? "closed" : "void";
    snprintf(detail, sizeof detail, "%s claim %s (frequency %c) made, ready "
             "to send; %s open with %s closed on this claim",
             freq == '7' ? "corrected" : "void", res->new_claim, freq,
             cc_money_fmt(CC_MONEY(bal), m), it.payer);
    break;
  }
  case CC_QUEUE_APPEAL: {
    char deadline_note[40] = "";
    if (it.deadline[0] && strcmp(it.deadline, date) < 0)
      snprintf(deadline_note, sizeof deadline_note, " (after the deadline %s)",
               it.deadline);
    if ((rc = store_queue_appeal_add(s, id, it.claim_id, date, it.deadline,
                                     o->argument, letter.p, uid,
                                     &res->appeal_id, err)))
      break;
    status = "appealed";
    item_status = "appealed";
    /* How long to wait for the payer's answer is the practice's policy
     * (billing_policy appeal_followup_days), 30 days when not set. */
    char fu[11];
    int64_t wait = store_bill_policy(s, "appeal_followup_days", 30);
    if (wait < 0 || wait > 3650) wait = 30;
    rc = store_queue_assign(s, id, NULL, it.follow_up[0] ? NULL
                            : cc_date_iso(day + (cc_day)wait, fu), err);
    snprintf(detail, sizeof detail, "appeal %lld sent%s; balance %s stays "
             "with %s", (long long)res->appeal_id, deadline_note,
             cc_money_fmt(CC_MONEY(bal), m), it.payer);
    if (!rc && o->pdf_path)
      rc = cc_billing_pdf_write(letter.p, "Appeal", o->pdf_path,
                                &res->pdf_pages, err);
    break;
  }
  }
  if (!rc) rc = history(s, it.claim_id, status, o->user, detail, err);
  if (!rc && part) {
    rc = store_queue_item_reduce(s, id, amount, err);
    size_t k = strlen(detail);
    snprintf(detail + k, sizeof detail - k, "; %s left on the item",
             cc_money_fmt(CC_MONEY(it.amount.cents - amount), m));
  }
  if (!rc)
    rc = store_queue_set_status(s, id, item_status,
                                !strcmp(item_status, "resolved")
                                    ? cc_queue_action_name(act) : NULL,
                                err);
  if (!rc) rc = store_queue_event(s, id, uid, cc_queue_action_name(act),
                                  detail, err);
  if (!rc) rc = cc_store_commit(s, err);
  if (rc) cc_store_rollback(s);
  else if (act == CC_QUEUE_APPEAL) res->letter = cc_buf_take(&letter);
out:
  cc_buf_free(&letter);
  cc_arena_free(a);
  return rc;
}
