/* store_billing.c - the SQL of patient billing: patient-party balances by
 * claim and on the account, receipts, statements as kept and payment plans.
 * The patient's party in ledger_entry is payer_id NULL. */
#include <stdio.h>
#include <string.h>

#include "store_ledger.h"
#include "store_queue.h"
#include "store_submit_int.h"

cc_code store_bill_patient(cc_store *s, const char *account, int64_t *id,
                           cc_err *err) {
  cc_code rc = store_cyc_run(s, err, id, "SELECT id FROM patient WHERE "
                             "account_no=?1", "t", account);
  if (rc == CC_E_NOTFOUND)
    return cc_err_set(err, CC_E_NOTFOUND, "no such patient account",
                      "no patient with account number '%s'",
                      account ? account : "");
  return rc;
}

cc_code store_bill_claims(cc_store *s, int64_t patient_id, int sign,
                          void (*fn)(void *ctx, int64_t claim, int64_t cents),
                          void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT c.id,sum(e.amount_cents) b FROM ledger_entry e JOIN "
      "claim c ON c.id=e.claim_id WHERE " STORE_PATIENT_ENTRIES("e", "?1")
      " AND e.payer_id IS NULL GROUP BY c.id HAVING b*?2>0 ORDER BY c.first_service_date,c.id",
      "ii", patient_id, (int64_t)sign);
  if (!st) return CC_E_DB;
  while (sqlite3_step(st) == SQLITE_ROW)
    fn(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_bill_balance(cc_store *s, int64_t patient_id, int64_t *total,
                           int64_t *account_level, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT coalesce(sum(amount_cents),0),coalesce(sum(CASE WHEN "
      "claim_id IS NULL THEN amount_cents END),0) FROM ledger_entry e WHERE "
      STORE_PATIENT_ENTRIES("e", "?1") " AND payer_id IS NULL", "i", patient_id);
  if (!st) return CC_E_DB;
  if (sqlite3_step(st) == SQLITE_ROW) {
    *total = sqlite3_column_int64(st, 0);
    if (account_level) *account_level = sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_bill_receipt_add(cc_store *s, int64_t patient_id,
                               const char *kind, const char *method,
                               const char *reference, int64_t cents,
                               const char *posted, int64_t other_patient,
                               int64_t user_id, int64_t *id, cc_err *err) {
  cc_code rc = store_cyc_run(
      s, err, NULL, "INSERT INTO patient_receipt(patient_id,kind,method,"
      "reference,amount_cents,posted_date,other_patient_id,user_id) VALUES("
      "?1,?2,?3,?4,?5,?6,nullif(?7,0),nullif(?8,0))", "itttitii",
      patient_id, kind, method, reference, cents, posted, other_patient,
      user_id);
  if (!rc) *id = sqlite3_last_insert_rowid(s->db);
  return rc;
}

int64_t store_bill_policy(cc_store *s, const char *name, int64_t dflt) {
  int64_t v;
  if (store_cyc_run(s, NULL, &v, "SELECT value FROM billing_policy WHERE "
                    "name=?1", "t", name))
    return dflt;
  return v;
}

cc_code store_bill_statement_fields(cc_store *s, int64_t patient_id,
                                    store_kv_fn fn, void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT coalesce(pr.name,'') practice_name,trim(coalesce(pr.address1,"
      "'')||' '||coalesce(pr.address2,'')) practice_address,trim(coalesce("
      "pr.city,'')||' '||coalesce(pr.state,'')||' '||coalesce(pr.zip,'')) "
      "practice_city,coalesce(pr.phone,'') practice_phone,p.first_name||' '||"
      "p.last_name patient_name,trim(coalesce(p.address1,'')||' '||coalesce("
      "p.address2,'')) patient_address,trim(coalesce(p.city,'')||' '||"
      "coalesce(p.state,'')||' '||coalesce(p.zip,'')) patient_city,"
      "p.account_no account FROM patient p LEFT JOIN practice pr ON "
      "pr.id=(SELECT min(id) FROM practice) WHERE p.id=?1", "i", patient_id);
  if (!st) return CC_E_DB;
  cc_code rc = CC_OK;
  if (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); i++) {
      const char *v = (const char *)sqlite3_column_text(st, i);
      fn(ctx, sqlite3_column_name(st, i), v ? v : "");
    }
  } else {
    rc = cc_err_set(err, CC_E_NOTFOUND, "no such patient", "patient %lld",
                    (long long)patient_id);
  }
  sqlite3_finalize(st);
  return rc;
}

cc_code store_bill_statement_claims(cc_store *s, int64_t patient_id,
                                    void (*fn)(void *ctx,
                                               const store_bill_claim_row *r),
                                    void *ctx, cc_err *err) {
  /* A reversal counts as the kind it reverses, so a reversed payment
   * lowers "insurance paid". */
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT c.id,c.control_number,y.name,c.first_service_date,"
      "sum(CASE WHEN k='charge' THEN a ELSE 0 END),"
      "-sum(CASE WHEN e.payer_id IS NOT NULL AND k='payment' THEN a ELSE 0 "
      "END),-sum(CASE WHEN e.payer_id IS NOT NULL AND k IN ('adjustment',"
      "'writeoff') THEN a ELSE 0 END),sum(CASE WHEN e.payer_id IS NOT NULL "
      "THEN a ELSE 0 END),-sum(CASE WHEN e.payer_id IS NULL AND k NOT IN "
      "('charge','transfer') THEN a ELSE 0 END),sum(CASE WHEN e.payer_id IS "
      "NULL THEN a ELSE 0 END) FROM (SELECT x.claim_id,x.payer_id,"
      "x.amount_cents a,coalesce(o.kind,x.kind) k FROM ledger_entry x LEFT "
      "JOIN ledger_entry o ON o.id=x.reverses_id WHERE "
      STORE_PATIENT_ENTRIES("x", "?1") ") e "
      "JOIN claim c ON c.id=e.claim_id JOIN payer y ON y.id=c.payer_id "
      "GROUP BY c.id HAVING sum(CASE WHEN e.payer_id IS NULL THEN 1 ELSE 0 "
      "END)>0 ORDER BY c.first_service_date,c.id", "i", patient_id);
  if (!st) return CC_E_DB;
  while (sqlite3_step(st) == SQLITE_ROW) {
    store_bill_claim_row r = {
        sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
        (const char *)sqlite3_column_text(st, 2),
        (const char *)sqlite3_column_text(st, 3), sqlite3_column_int64(st, 4),
        sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6),
        sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
        sqlite3_column_int64(st, 9)};
    fn(ctx, &r);
  }
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_bill_claim_lines(cc_store *s, int64_t claim_id,
                               void (*fn)(void *ctx, const char *date,
                                          const char *code, int64_t charge),
                               void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT from_date,code||coalesce('-'||modifier1,''),"
      "charge_cents FROM claim_line WHERE claim_id=?1 ORDER BY line_no", "i",
      claim_id);
  if (!st) return CC_E_DB;
  while (sqlite3_step(st) == SQLITE_ROW)
    fn(ctx, (const char *)sqlite3_column_text(st, 0),
       (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2));
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_bill_patients(cc_store *s,
                            void (*fn)(void *ctx, int64_t id,
                                       const char *account, int64_t balance,
                                       const char *last_statement),
                            void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT p.id,p.account_no,b.bal,(SELECT max(statement_date) "
      "FROM statement WHERE patient_id=p.id) FROM (SELECT patient_id,"
      "sum(amount_cents) bal FROM ledger_entry WHERE payer_id IS NULL GROUP "
      "BY patient_id HAVING bal<>0) b JOIN patient p ON p.id=b.patient_id "
      "ORDER BY p.account_no", "");
  if (!st) return CC_E_DB;
  while (sqlite3_step(st) == SQLITE_ROW)
    fn(ctx, sqlite3_column_int64(st, 0),
       (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2),
       (const char *)sqlite3_column_text(st, 3));
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_bill_statement_add(cc_store *s, int64_t patient_id,
                                 const char *date, const char *due,
                                 int64_t balance, const char *content,
                                 int64_t *id, cc_err *err) {
  cc_code rc = store_cyc_run(
      s, err, NULL, "INSERT INTO statement(patient_id,statement_date,"
      "due_date,balance_cents,content) VALUES(?1,?2,?3,?4,?5)", "ittit",
      patient_id, date, due, balance, content);
  if (!rc) *id = sqlite3_last_insert_rowid(s->db);
  return rc;
}

cc_code store_bill_statement_get(cc_store *s, const char *key, cc_buf *out,
                                 int64_t *id, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT st.id,st.content FROM statement st JOIN patient p ON "
      "p.id=st.patient_id WHERE p.account_no=?1 OR (?1 GLOB '[0-9]*' AND "
      "st.id=CAST(?1 AS INTEGER) AND NOT EXISTS (SELECT 1 FROM patient WHERE "
      "account_no=?1)) ORDER BY st.statement_date DESC,st.id DESC LIMIT 1",
      "t", key);
  if (!st) return CC_E_DB;
  cc_code rc;
  if (sqlite3_step(st) == SQLITE_ROW) {
    if (id) *id = sqlite3_column_int64(st, 0);
    rc = cc_buf_puts(out, (const char *)sqlite3_column_text(st, 1));
  } else {
    rc = cc_err_set(err, CC_E_NOTFOUND, "no such statement",
                    "no statement with id or account '%s'", key);
  }
  sqlite3_finalize(st);
  return rc;
}

cc_code store_bill_plan_add(cc_store *s, int64_t patient_id, int64_t total,
                            int n, const char *start, const char *created,
                            const cc_money *amounts, char (*due)[11],
                            int64_t *id, cc_err *err) {
  cc_code rc = store_cyc_run(
      s, err, NULL, "INSERT INTO payment_plan(patient_id,total_cents,"
      "installments,start_date,created_at) VALUES(?1,?2,?3,?4,?5)", "iiitt",
      patient_id, total, (int64_t)n, start, created);
  if (rc) return rc;
  *id = sqlite3_last_insert_rowid(s->db);
  for (int i = 0; i < n && !rc; i++)
    rc = store_cyc_run(s, err, NULL, "INSERT INTO plan_installment(plan_id,"
                       "seq,due_date,amount_cents) VALUES(?1,?2,?3,?4)",
                       "iiti", *id, (int64_t)(i + 1), due[i],
                       amounts[i].cents);
  return rc;
}

cc_code store_bill_plan_get(cc_store *s, int64_t id, cc_billing_plan *out,
                            int64_t *paid, cc_err *err) {
  memset(out, 0, sizeof *out);
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT pl.id,p.account_no,pl.start_date,substr(pl.created_at,"
      "1,10),pl.status,pl.total_cents,pl.installments,coalesce((SELECT "
      "sum(r.amount_cents) FROM patient_receipt r WHERE "
      "r.patient_id=pl.patient_id AND r.kind='payment' AND r.posted_date>="
      "substr(pl.created_at,1,10)),0) FROM payment_plan pl JOIN patient p ON "
      "p.id=pl.patient_id WHERE pl.id=?1", "i", id);
  if (!st) return CC_E_DB;
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return cc_err_set(err, CC_E_NOTFOUND, "no such payment plan", "plan %lld",
                      (long long)id);
  }
  out->id = sqlite3_column_int64(st, 0);
  snprintf(out->account, sizeof out->account, "%s", sqlite3_column_text(st, 1));
  snprintf(out->start, sizeof out->start, "%s", sqlite3_column_text(st, 2));
  snprintf(out->created, sizeof out->created, "%s", sqlite3_column_text(st, 3));
  snprintf(out->status, sizeof out->status, "%s", sqlite3_column_text(st, 4));
  out->total.cents = sqlite3_column_int64(st, 5);
  *paid = sqlite3_column_int64(st, 7);
  sqlite3_finalize(st);
  st = store_cyc_prep(s, err, "SELECT seq,due_date,amount_cents FROM "
                      "plan_installment WHERE plan_id=?1 ORDER BY seq", "i",
                      id);
  if (!st) return CC_E_DB;
  while (sqlite3_step(st) == SQLITE_ROW &&
         out->n < CC_BILLING_MAX_INSTALLMENTS) {
    cc_billing_installment *it = &out->items[out->n++];
    it->seq = sqlite3_column_int(st, 0);
    snprintf(it->due, sizeof it->due, "%s", sqlite3_column_text(st, 1));
    it->amount.cents = sqlite3_column_int64(st, 2);
  }
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_bill_plan_list(cc_store *s, const char *account,
                             void (*fn)(void *ctx, int64_t id), void *ctx,
                             cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT pl.id FROM payment_plan pl JOIN patient p ON "
      "p.id=pl.patient_id WHERE ?1 IS NULL OR p.account_no=?1 ORDER BY pl.id",
      "t", account);
  if (!st) return CC_E_DB;
  while (sqlite3_step(st) == SQLITE_ROW) fn(ctx, sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_bill_payer_claim(cc_store *s, const char *claim_key,
                               const char *payer_code,
                               store_bill_payer_claim_row *out, cc_err *err) {
  memset(out, 0, sizeof *out);
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT id,patient_id FROM claim WHERE control_number=?1 OR "
      "(?1 GLOB '[0-9]*' AND id=CAST(?1 AS INTEGER)) ORDER BY "
      "control_number=?1 DESC LIMIT 1", "t", claim_key);
  if (!st) return CC_E_DB;
  bool found = sqlite3_step(st) == SQLITE_ROW;
  if (found) {
    out->claim_id = sqlite3_column_int64(st, 0);
    out->patient_id = sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  if (!found)
    return cc_err_set(err, CC_E_NOTFOUND, "no such claim",
                      "no claim with id or control number '%s'",
                      claim_key ? claim_key : "");
  cc_code rc = store_cyc_run(s, err, &out->payer_id, "SELECT id FROM payer "
                             "WHERE payer_code=?1", "t", payer_code);
  if (rc == CC_E_NOTFOUND)
    return cc_err_set(err, CC_E_NOTFOUND, "no such payer",
                      "no payer with id '%s'", payer_code ? payer_code : "");
  if (rc) return rc;
  return store_cyc_run(s, err, &out->balance, "SELECT coalesce(sum("
                       "amount_cents),0) FROM ledger_entry WHERE claim_id=?1 "
                       "AND payer_id=?2", "ii", out->claim_id, out->payer_id);
}

cc_code store_bill_payer_credits(cc_store *s, cc_ledger_payer_credit_fn fn,
                                 void *ctx, cc_err *err) {
  /* From the entries themselves, not the ar_balance summary: a credit
   * is money to send back, so it is read from the source of truth. */
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT c.id,c.control_number,p.account_no,y.payer_code,"
      "c.first_service_date,-b.bal FROM (SELECT claim_id,payer_id,"
      "sum(amount_cents) bal FROM ledger_entry WHERE payer_id IS NOT NULL "
      "AND claim_id IS NOT NULL GROUP BY claim_id,payer_id HAVING bal<0) b "
      "JOIN claim c ON c.id=b.claim_id JOIN patient p ON p.id=c.patient_id "
      "JOIN payer y ON y.id=b.payer_id "
      "ORDER BY c.first_service_date,c.id,y.payer_code", "");
  if (!st) return CC_E_DB;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    cc_ledger_payer_credit c = {
        .claim_id = sqlite3_column_int64(st, 0),
        .claim = (const char *)sqlite3_column_text(st, 1),
        .account = (const char *)sqlite3_column_text(st, 2),
        .payer = (const char *)sqlite3_column_text(st, 3),
        .service_date = (const char *)sqlite3_column_text(st, 4),
        .credit = CC_MONEY(sqlite3_column_int64(st, 5))};
    fn(ctx, &c);
  }
  cc_code res = rc == SQLITE_DONE ? CC_OK
                                  : store_db_error(s, err, "payer credits");
  sqlite3_finalize(st);
  return res;
}
