/* store_ledger.c - the ledger's SQL: charges, balances by responsible party,
 * and the invariant queries `cleanclaim ledger check` runs. Each invariant
 * is one query returning the claims that break it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_ledger.h"

#define FIRST_SCRUBBED "SELECT DISTINCT claim_id AS id FROM scrub_run"
#define FIRST_ADJUDICATED "SELECT DISTINCT claim_id AS id FROM remit_claim"

/* Each query yields (claim id, control number, detail). */
static const struct { const char *rule, *sql; } checks[] = {
    {"balance",
     "SELECT c.id,c.control_number,'charges '||printf('%.2f',k.ch/100.0)||"
     "' less payments '||printf('%.2f',-k.pay/100.0)||' less adjustments '||"
     "printf('%.2f',-k.adj/100.0)||' is not the sum of balances by party '||"
     "printf('%.2f',p.bal/100.0) FROM claim c JOIN (SELECT claim_id,"
     "sum(CASE WHEN kind='charge' THEN amount_cents ELSE 0 END) ch,"
     "sum(CASE WHEN kind IN ('payment','refund') THEN amount_cents ELSE 0 "
     "END) pay,sum(CASE WHEN kind NOT IN ('charge','payment','refund') THEN "
     "amount_cents ELSE 0 END) adj FROM ledger_entry GROUP BY claim_id) k ON "
     "k.claim_id=c.id JOIN (SELECT claim_id,sum(b) bal FROM (SELECT claim_id,"
     "sum(amount_cents) b FROM ledger_entry GROUP BY claim_id,payer_id) GROUP "
     "BY claim_id) p ON p.claim_id=c.id WHERE k.ch+k.pay+k.adj<>p.bal"},
    {"charge",
     "SELECT c.id,c.control_number,'charges on the books '||printf('%.2f',"
     "sum(e.amount_cents)/100.0)||' but the claim totals '||printf('%.2f',"
     "c.total_charge_cents/100.0) FROM claim c JOIN ledger_entry e ON "
     "e.claim_id=c.id AND e.kind='charge' GROUP BY c.id HAVING "
     "sum(e.amount_cents)<>c.total_charge_cents"},
    {"negative-charge",
     "SELECT c.id,c.control_number,'charge entry '||e.id||' is negative' "
     "FROM ledger_entry e JOIN claim c ON c.id=e.claim_id WHERE "
     "e.kind='charge' AND e.amount_cents<0"},
    {"transfer",
     "SELECT c.id,c.control_number,'transfers do not net to zero: '||"
     "printf('%.2f',sum(e.amount_cents)/100.0) FROM ledger_entry e JOIN claim "
     "c ON c.id=e.claim_id WHERE e.kind='transfer' OR (e.kind='reversal' AND "
     "e.reverses_id IN (SELECT id FROM ledger_entry WHERE kind='transfer')) "
     "GROUP BY c.id HAVING sum(e.amount_cents)<>0"},
    {"reversal",
     "SELECT c.id,c.control_number,'reversal entry '||e.id||' does not "
     "mirror entry '||coalesce(e.reverses_id,'(none)') FROM ledger_entry e "
     "JOIN claim c ON c.id=e.claim_id LEFT JOIN ledger_entry r ON "
     "r.id=e.reverses_id WHERE e.kind='reversal' AND (r.id IS NULL OR "
     "r.amount_cents<>-e.amount_cents OR r.claim_id IS NOT e.claim_id OR "
     "r.payer_id IS NOT e.payer_id)"},
    {"reversed-twice",
     "SELECT c.id,c.control_number,'entry '||e.reverses_id||' reversed '||"
     "count(*)||' times' FROM ledger_entry e JOIN claim c ON c.id=e.claim_id "
     "WHERE e.kind='reversal' GROUP BY e.reverses_id HAVING count(*)>1"},
    {"line",
     "SELECT c.id,c.control_number,'entry '||e.id||' names line '||"
     "e.claim_line_id||' of another claim' FROM ledger_entry e JOIN claim c "
     "ON c.id=e.claim_id JOIN claim_line l ON l.id=e.claim_line_id WHERE "
     "l.claim_id<>e.claim_id"},
    {"patient",
     "SELECT c.id,c.control_number,'entry '||e.id||' belongs to another "
     "patient' FROM ledger_entry e JOIN claim c ON c.id=e.claim_id WHERE "
     "e.patient_id<>c.patient_id"},
    {"remittance",
     "SELECT c.id,c.control_number,'the 835 paid '||printf('%.2f',"
     "rc.paid_cents/100.0)||' (CLP segment '||rc.segment_index||') but the "
     "ledger holds payments of '||printf('%.2f',-coalesce((SELECT sum("
     "amount_cents) FROM ledger_entry e WHERE " STORE_RC_ENTRIES("e", "rc")
     " AND e.kind='payment'),0)/100.0) FROM remit_claim rc JOIN claim c ON "
     "c.id=rc.claim_id WHERE rc.status_code<>'22' AND rc.paid_cents<>-coalesce("
     "(SELECT sum(amount_cents) FROM ledger_entry e WHERE "
     STORE_RC_ENTRIES("e", "rc") " AND e.kind='payment'),0)"},
    /* Unapplied cash once applied is a claim payment (remit_claim). */
    {"remittance-balance",
     "SELECT 0,'','remittance '||r.trace||' pays '||printf('%.2f',"
     "r.paid_cents/100.0)||' but its claims (applied and unapplied) less "
     "PLB come to '||printf('%.2f',(coalesce((SELECT sum(paid_cents) FROM "
     "remit_claim WHERE remittance_id=r.id),0)+coalesce((SELECT sum("
     "paid_cents) FROM unapplied_payment WHERE remittance_id=r.id AND "
     "status='open'),0)-r.plb_cents)/100.0) FROM remittance r WHERE "
     "r.paid_cents<>coalesce((SELECT sum(paid_cents) FROM remit_claim WHERE "
     "remittance_id=r.id),0)+coalesce((SELECT sum(paid_cents) FROM "
     "unapplied_payment WHERE remittance_id=r.id AND status='open'),0)-"
     "r.plb_cents"},
    /* The summaries and first facts the reports read (migrations 6 and
     * 10) against the rows they are kept from. ledger_day is compared
     * without the provider: it keeps the claim's billing provider as it
     * was when the entry was posted. */
    {"summary-balance",
     "SELECT x.claim_id,coalesce(c.control_number,''),'balance summary of "
     "party '||x.party||' says '||printf('%.2f',x.have/100.0)||' but the "
     "entries sum to '||printf('%.2f',x.want/100.0) FROM (SELECT coalesce("
     "a.claim_id,b.claim_id) claim_id,coalesce(a.party,b.party) party,"
     "coalesce(a.balance_cents,0) have,coalesce(b.s,0) want FROM ar_balance "
     "a FULL JOIN (SELECT claim_id,coalesce(payer_id,0) party,sum("
     "amount_cents) s FROM ledger_entry WHERE claim_id IS NOT NULL GROUP BY "
     "1,2) b ON b.claim_id=a.claim_id AND b.party=a.party) x LEFT JOIN claim "
     "c ON c.id=x.claim_id WHERE x.have<>x.want"},
    /* ar_balance keeps open balances only (migration 14). */
    {"summary-open",
     "SELECT a.claim_id,coalesce(c.control_number,''),'a closed balance of "
     "party '||a.party||' is kept as open' FROM ar_balance a LEFT JOIN claim "
     "c ON c.id=a.claim_id WHERE a.balance_cents=0"},
    {"summary-age",
     "SELECT c.id,c.control_number,'balances are aged from '||coalesce("
     "a.age_date,'(none)')||' but the claim''s age date is '||coalesce("
     STORE_CLAIM_AGE_DATE("c.id") ",'(none)') FROM ar_balance a JOIN claim c "
     "ON c.id=a.claim_id WHERE a.age_date IS NOT " STORE_CLAIM_AGE_DATE("c.id")
     " GROUP BY c.id"},
    {"summary-day",
     "SELECT 0,'','daily totals of '||x.day||' party '||x.party||' '||x.kind"
     "||' '||x.grp||' say '||printf('%.2f',x.have/100.0)||' in '||x.hn||' "
     "entries but the entries sum to '||printf('%.2f',x.want/100.0)||' in '"
     "||x.wn FROM (SELECT coalesce(a.day,b.day) day,coalesce(a.party,"
     "b.party) party,coalesce(a.kind,b.kind) kind,coalesce(a.grp,b.grp) grp,"
     "coalesce(a.s,0) have,coalesce(a.n,0) hn,coalesce(b.s,0) want,coalesce("
     "b.n,0) wn FROM (SELECT day,party,kind,grp,sum(amount_cents) s,sum("
     "entries) n FROM ledger_day GROUP BY 1,2,3,4) a FULL JOIN (SELECT "
     "e.posted_date day,coalesce(e.payer_id,0) party,o.kind kind,coalesce("
     "o.group_code,'') grp,sum(e.amount_cents) s,count(*) n FROM "
     "ledger_entry e JOIN ledger_entry o ON o.id=coalesce(e.reverses_id,"
     "e.id) GROUP BY 1,2,3,4) b ON b.day=a.day AND b.party=a.party AND "
     "b.kind=a.kind AND b.grp=a.grp) x WHERE x.have<>x.want OR x.hn<>x.wn"},
    {"first-facts",
     "SELECT x.claim_id,coalesce(c.control_number,''),'the kept first '||"
     "x.what||' is not the one its rows give' FROM (SELECT claim_id,"
     "'scrub' what FROM (SELECT * FROM claim_first_scrub EXCEPT "
     STORE_FIRST_SCRUB_SEL(FIRST_SCRUBBED) ") UNION SELECT claim_id,"
     "'scrub' FROM (" STORE_FIRST_SCRUB_SEL(FIRST_SCRUBBED) " EXCEPT SELECT "
     "* FROM claim_first_scrub) UNION SELECT claim_id,'adjudication' FROM ("
     "SELECT * FROM claim_first_adj EXCEPT " STORE_FIRST_ADJ_SEL(
         FIRST_ADJUDICATED) ") UNION SELECT claim_id,'adjudication' FROM ("
     STORE_FIRST_ADJ_SEL(FIRST_ADJUDICATED) " EXCEPT SELECT * FROM "
     "claim_first_adj) UNION SELECT claim_id,'payment' FROM (SELECT * FROM "
     "claim_first_pay EXCEPT " STORE_FIRST_PAY_SEL(FIRST_ADJUDICATED) ") "
     "UNION SELECT claim_id,'payment' FROM (" STORE_FIRST_PAY_SEL(
         FIRST_ADJUDICATED) " EXCEPT SELECT * FROM claim_first_pay)) x LEFT "
     "JOIN claim c ON c.id=x.claim_id"},
};

cc_code store_ledger_check(cc_store *s, store_ledger_bad_fn fn, void *ctx,
                           uint64_t *claims, uint64_t *entries,
                           int64_t *charges, int64_t *payments,
                           int64_t *adjustments, int64_t *balance,
                           cc_err *err) {
  for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, checks[i].sql, -1, &st, NULL) != SQLITE_OK)
      return store_db_error(s, err, checks[i].rule);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
      if (fn)
        fn(ctx, sqlite3_column_int64(st, 0),
           (const char *)sqlite3_column_text(st, 1), checks[i].rule,
           (const char *)sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return store_db_error(s, err, checks[i].rule);
  }
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          s->db,
          "SELECT (SELECT count(*) FROM claim),count(*),"
          "coalesce(sum(CASE WHEN kind='charge' THEN amount_cents END),0),"
          "coalesce(sum(CASE WHEN kind IN ('payment','refund') THEN "
          "amount_cents END),0),coalesce(sum(CASE WHEN kind NOT IN "
          "('charge','payment','refund') THEN amount_cents END),0),"
          "coalesce(sum(amount_cents),0) FROM ledger_entry",
          -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "ledger totals");
  if (sqlite3_step(st) == SQLITE_ROW) {
    *claims = (uint64_t)sqlite3_column_int64(st, 0);
    *entries = (uint64_t)sqlite3_column_int64(st, 1);
    *charges = sqlite3_column_int64(st, 2);
    *payments = sqlite3_column_int64(st, 3);
    *adjustments = sqlite3_column_int64(st, 4);
    *balance = sqlite3_column_int64(st, 5);
  }
  sqlite3_finalize(st);
  return CC_OK;
}

static cc_code claim_id(cc_store *s, const char *key, int64_t *id,
                        cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "SELECT id FROM claim WHERE control_number=?1"
                         " OR (?1 GLOB '[0-9]*' AND id=CAST(?1 AS INTEGER)) "
                         "ORDER BY control_number=?1 DESC LIMIT 1",
                         -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "find claim");
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  cc_code rc = CC_OK;
  if (sqlite3_step(st) == SQLITE_ROW) *id = sqlite3_column_int64(st, 0);
  else rc = cc_err_set(err, CC_E_NOTFOUND, "no such claim",
                       "no claim with id or control number '%s'", key);
  sqlite3_finalize(st);
  return rc;
}

cc_code store_ledger_claim_balances(cc_store *s, const char *key,
                                    store_ledger_bal_fn fn, void *ctx,
                                    cc_err *err) {
  int64_t id;
  cc_code rc = claim_id(s, key, &id, err);
  if (rc) return rc;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "SELECT coalesce(e.payer_id,0),"
                         "coalesce(p.payer_code,''),sum(e.amount_cents) FROM "
                         "ledger_entry e LEFT JOIN payer p ON p.id=e.payer_id "
                         "WHERE e.claim_id=?1 GROUP BY e.payer_id HAVING "
                         "sum(e.amount_cents)<>0 ORDER BY e.payer_id IS NULL,"
                         "e.payer_id", -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "claim balances");
  sqlite3_bind_int64(st, 1, id);
  while (sqlite3_step(st) == SQLITE_ROW)
    fn(ctx, sqlite3_column_int64(st, 0),
       (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2));
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_ledger_patient_balances(cc_store *s, const char *account,
                                      store_ledger_bal_fn fn, void *ctx,
                                      cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "SELECT id FROM patient WHERE account_no=?1",
                         -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "find patient");
  sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
  int64_t id = 0;
  if (sqlite3_step(st) == SQLITE_ROW) id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (!id)
    return cc_err_set(err, CC_E_NOTFOUND, "no such patient",
                      "no patient with account number '%s'", account);
  if (sqlite3_prepare_v2(s->db, "SELECT coalesce(e.payer_id,0),"
                         "coalesce(p.payer_code,''),sum(e.amount_cents) FROM "
                         "ledger_entry e LEFT JOIN payer p ON p.id=e.payer_id "
                         "WHERE " STORE_PATIENT_ENTRIES("e", "?1") " GROUP BY e.payer_id HAVING "
                         "sum(e.amount_cents)<>0 ORDER BY e.payer_id IS NULL,"
                         "e.payer_id", -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "patient balances");
  sqlite3_bind_int64(st, 1, id);
  while (sqlite3_step(st) == SQLITE_ROW)
    fn(ctx, sqlite3_column_int64(st, 0),
       (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2));
  sqlite3_finalize(st);
  return CC_OK;
}

static const char *txt(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return t ? (const char *)t : "";
}

cc_code store_ledger_entries(cc_store *s, const char *key,
                             cc_ledger_entry_fn fn, void *ctx, cc_err *err) {
  int64_t id;
  cc_code rc = claim_id(s, key, &id, err);
  if (rc) return rc;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          s->db,
          "SELECT e.id,coalesce(l.line_no,0),e.kind,coalesce(p.payer_code,''),"
          "coalesce(e.group_code,''),coalesce(e.reason_code,''),e.posted_date,"
          "e.amount_cents,coalesce(e.source_file_id,0),coalesce("
          "e.segment_index,0),coalesce(e.reverses_id,0) FROM ledger_entry e "
          "LEFT JOIN payer p ON p.id=e.payer_id LEFT JOIN claim_line l ON "
          "l.id=e.claim_line_id WHERE e.claim_id=?1 ORDER BY e.id",
          -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "claim entries");
  sqlite3_bind_int64(st, 1, id);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    cc_ledger_entry_view v = {
        .id = sqlite3_column_int64(st, 0),
        .line_no = sqlite3_column_int64(st, 1), .kind = txt(st, 2),
        .party = txt(st, 3), .group = txt(st, 4), .reason = txt(st, 5),
        .posted = txt(st, 6), .amount = CC_MONEY(sqlite3_column_int64(st, 7)),
        .file_id = sqlite3_column_int64(st, 8),
        .segment = sqlite3_column_int64(st, 9),
        .reverses_id = sqlite3_column_int64(st, 10)};
    fn(ctx, &v);
  }
  sqlite3_finalize(st);
  return r == SQLITE_DONE ? CC_OK : store_db_error(s, err, "claim entries");
}

cc_code store_ledger_unapplied(cc_store *s, bool open_only,
                               cc_ledger_unapplied_fn fn, void *ctx,
                               cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          s->db,
          "SELECT u.id,u.claim_ref,u.status_code,coalesce(u.payer_claim_number,"
          "''),coalesce(u.patient_last,''),coalesce(u.patient_first,''),"
          "coalesce(u.member_id,''),r.payer_key,r.trace,u.posted_date,"
          "u.status,u.file_id,u.segment_index,u.charge_cents,u.paid_cents,"
          "coalesce(c.control_number,'') FROM unapplied_payment u JOIN "
          "remittance r ON r.id=u.remittance_id LEFT JOIN claim c ON "
          "c.id=u.applied_claim_id WHERE ?1=0 OR u.status='open' ORDER BY "
          "u.id",
          -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "unapplied payments");
  sqlite3_bind_int(st, 1, open_only ? 1 : 0);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    cc_ledger_unapplied u = {
        .id = sqlite3_column_int64(st, 0), .claim_ref = txt(st, 1),
        .status_code = txt(st, 2), .payer_claim_no = txt(st, 3),
        .patient_last = txt(st, 4), .patient_first = txt(st, 5),
        .member_id = txt(st, 6), .payer = txt(st, 7), .trace = txt(st, 8),
        .posted = txt(st, 9), .status = txt(st, 10),
        .file_id = sqlite3_column_int64(st, 11),
        .segment = sqlite3_column_int64(st, 12),
        .charge = CC_MONEY(sqlite3_column_int64(st, 13)),
        .paid = CC_MONEY(sqlite3_column_int64(st, 14)),
        .applied_claim = txt(st, 15)};
    fn(ctx, &u);
  }
  sqlite3_finalize(st);
  return r == SQLITE_DONE ? CC_OK : store_db_error(s, err, "unapplied payments");
}

cc_code store_ledger_charge_claim(cc_store *s, int64_t id, const char *posted,
                                  cc_err *err) {
  static const char *const sql[] = {
      "INSERT INTO ledger_entry(patient_id,claim_id,claim_line_id,payer_id,"
      "kind,amount_cents,posted_date,service_date) SELECT c.patient_id,c.id,"
      "l.id,c.payer_id,'charge',l.charge_cents,?2,l.from_date FROM claim c "
      "JOIN claim_line l ON l.claim_id=c.id WHERE c.id=?1 AND NOT EXISTS "
      "(SELECT 1 FROM ledger_entry WHERE claim_id=?1 AND kind='charge') ORDER "
      "BY l.line_no",
      "INSERT INTO ledger_entry(patient_id,claim_id,payer_id,kind,"
      "amount_cents,posted_date,service_date) SELECT c.patient_id,c.id,"
      "c.payer_id,'charge',c.total_charge_cents,?2,c.first_service_date FROM "
      "claim c WHERE c.id=?1 AND NOT EXISTS (SELECT 1 FROM ledger_entry WHERE "
      "claim_id=?1 AND kind='charge')"};
  for (int i = 0; i < 2; i++) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql[i], -1, &st, NULL) != SQLITE_OK)
      return store_db_error(s, err, "post charges");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, posted, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return store_db_error(s, err, "post charges");
  }
  return CC_OK;
}

/* Run one statement with ?1 bound to v (when has_v); *out gets column 0
 * of the first row when out is not NULL. */
static cc_code run1(cc_store *s, const char *sql, bool has_v, int64_t v,
                    int64_t *out, const char *what, cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, what);
  if (has_v) sqlite3_bind_int64(st, 1, v);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && out) *out = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return store_db_error(s, err, what);
  return CC_OK;
}

/* Drop trigger `name` when it exists, keeping its text in *sql. */
static cc_code drop_trigger(cc_store *s, const char *name, char **sql,
                            cc_err *err) {
  sqlite3_stmt *st;
  *sql = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT sql FROM sqlite_master WHERE type="
                         "'trigger' AND name=?1", -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "start bulk posting");
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
    *sql = strdup((const char *)sqlite3_column_text(st, 0));
    if (!*sql) {
      sqlite3_finalize(st);
      return cc_err_set(err, CC_E_NOMEM, "out of memory", "bulk posting");
    }
  }
  sqlite3_finalize(st);
  if (!*sql) return CC_OK;
  char drop[96];
  snprintf(drop, sizeof drop, "DROP TRIGGER %s", name);
  return run1(s, drop, false, 0, NULL, "start bulk posting", err);
}

cc_code store_ledger_bulk_begin(cc_store *s, store_ledger_bulk *b,
                                cc_err *err) {
  memset(b, 0, sizeof *b);
  cc_code rc;
  if ((rc = run1(s, "SELECT coalesce(max(id),0) FROM ledger_entry", false,
                 0, &b->after, "start bulk posting", err)) ||
      (rc = run1(s, "SELECT coalesce(max(id),0) FROM remit_claim", false, 0,
                 &b->rc_after, "start bulk posting", err)) ||
      (rc = run1(s, "SELECT coalesce(max(id),0) FROM claim_denial", false,
                 0, &b->denial_after, "start bulk posting", err)))
    return rc;
  if ((rc = drop_trigger(s, "ledger_report_insert", &b->trigger_sql, err)) ||
      (rc = drop_trigger(s, "first_adj_insert", &b->adj_sql, err)))
    return rc;
  return drop_trigger(s, "first_adj_denial_insert", &b->denial_sql, err);
}

/* The same sums the migration 6 trigger adds row by row: balance by claim
 * and party; totals by day, party, billing provider, kind and group, a
 * reversal counted under the kind and group of the entry it reverses. */
static const char *const sum_sql[] = {
    "INSERT INTO ar_balance(claim_id,party,balance_cents,age_date) SELECT "
    "claim_id,party,s," STORE_CLAIM_AGE_DATE("claim_id") " FROM (SELECT "
    "claim_id,coalesce(payer_id,0) party,sum(amount_cents) s FROM "
    "ledger_entry WHERE id>?1 AND claim_id IS NOT NULL GROUP BY 1,2) WHERE "
    "true ON CONFLICT(claim_id,party) DO UPDATE SET balance_cents="
    "balance_cents+excluded.balance_cents",
    /* ar_balance keeps open balances only (migration 14). */
    "DELETE FROM ar_balance WHERE balance_cents=0 AND claim_id IN (SELECT "
    "claim_id FROM ledger_entry WHERE id>?1 AND claim_id IS NOT NULL)",
    "INSERT INTO ledger_day(day,party,provider,kind,grp,amount_cents,"
    "entries) SELECT e.posted_date,coalesce(e.payer_id,0),coalesce(("
    "SELECT billing_provider_id FROM claim WHERE id=e.claim_id),0),o.kind,"
    "coalesce(o.group_code,''),sum(e.amount_cents),count(*) FROM "
    "ledger_entry e JOIN ledger_entry o ON o.id=coalesce(e.reverses_id,"
    "e.id) WHERE e.id>?1 GROUP BY 1,2,3,4,5 ON CONFLICT(day,party,provider,"
    "kind,grp) DO UPDATE SET amount_cents=amount_cents+"
    "excluded.amount_cents,entries=entries+excluded.entries"};

/* The migration 10 triggers' rule over the new remit_claim rows (?1) and
 * the new denials (?1): the earlier adjudication wins. */
static const char *const fact_sql[] = {
    "INSERT INTO claim_first_adj(claim_id,posted_date,remit_claim_id,"
    "payer_id,paid_cents,charge_cents,denied,original,submissions) SELECT "
    "rc.claim_id,r.posted_date,rc.id,rc.payer_id,rc.paid_cents,"
    "rc.charge_cents,rc.status_code='4' OR (rc.paid_cents=0 AND EXISTS ("
    "SELECT 1 FROM claim_denial d WHERE d.claim_id=rc.claim_id AND "
    "d.remit_claim_id=rc.id)), " STORE_CLAIM_ORIGINAL("rc.claim_id") ", "
    STORE_CLAIM_SUBMISSIONS("rc.claim_id") " FROM remit_claim rc JOIN "
    "remittance r ON r.id=rc.remittance_id WHERE rc.id>?1 AND "
    "rc.status_code<>'22'" STORE_FIRST_ADJ_KEEP,
    "INSERT INTO claim_first_pay(claim_id,posted_date,remit_claim_id,"
    "payer_id,first_sub) SELECT rc.claim_id,r.posted_date,rc.id,rc.payer_id,"
    STORE_CLAIM_FIRST_SUB("rc.claim_id") " FROM remit_claim rc JOIN "
    "remittance r ON r.id=rc.remittance_id WHERE rc.id>?1 AND "
    "rc.status_code<>'22' AND rc.paid_cents>0" STORE_FIRST_PAY_KEEP};
static const char denial_fact_sql[] =
    "UPDATE claim_first_adj SET denied=1 WHERE paid_cents=0 AND denied=0 AND "
    "remit_claim_id IN (SELECT remit_claim_id FROM claim_denial WHERE id>?1)"
    " AND EXISTS (SELECT 1 FROM claim_denial d WHERE d.claim_id="
    "claim_first_adj.claim_id AND d.remit_claim_id="
    "claim_first_adj.remit_claim_id)";

cc_code store_ledger_bulk_end(cc_store *s, store_ledger_bulk *b, cc_err *err) {
  cc_code rc;
  const char *what = "update ledger summaries";
  if (b->trigger_sql) { /* else nobody keeps summaries here */
    for (size_t i = 0; !b->summed && i < sizeof sum_sql / sizeof *sum_sql; i++)
      if ((rc = run1(s, sum_sql[i], true, b->after, NULL, what, err)))
        return rc;
    if ((rc = run1(s, b->trigger_sql, false, 0, NULL, what, err))) return rc;
  }
  if (b->adj_sql) {
    for (size_t i = 0;
         !b->facts_done && i < sizeof fact_sql / sizeof *fact_sql; i++)
      if ((rc = run1(s, fact_sql[i], true, b->rc_after, NULL, what, err)))
        return rc;
    if ((rc = run1(s, b->adj_sql, false, 0, NULL, what, err))) return rc;
  }
  if (b->denial_sql) {
    if ((rc = run1(s, denial_fact_sql, true, b->denial_after, NULL, what,
                   err)))
      return rc;
    if ((rc = run1(s, b->denial_sql, false, 0, NULL, what, err))) return rc;
  }
  return CC_OK;
}

void store_ledger_bulk_free(store_ledger_bulk *b) {
  if (!b) return;
  free(b->trigger_sql);
  free(b->adj_sql);
  free(b->denial_sql);
  b->trigger_sql = b->adj_sql = b->denial_sql = NULL;
}

static cc_code json_query(cc_store *s, const char *sql, const char *bind,
                          int64_t id, cc_buf *out, cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "ledger json");
  if (bind) sqlite3_bind_text(st, 1, bind, -1, SQLITE_STATIC);
  else sqlite3_bind_int64(st, 1, id);
  cc_code rc = CC_OK;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    rc = cc_buf_puts(out, (const char *)sqlite3_column_text(st, 0));
  else rc = cc_err_set(err, CC_E_NOTFOUND, "not found", "%s", bind ? bind : "claim");
  sqlite3_finalize(st);
  return rc;
}

cc_code store_ledger_claim_json(cc_store *s, const char *key, cc_buf *out,
                                cc_err *err) {
  int64_t id;
  cc_code rc = claim_id(s, key, &id, err);
  if (rc) return rc;
  return json_query(
      s,
      "SELECT json_object('claim',c.control_number,'status',c.status,"
      "'total_charge_cents',c.total_charge_cents,'balances',(SELECT "
      "json_group_array(json_object('party',coalesce(p.payer_code,'patient'),"
      "'balance_cents',b)) FROM (SELECT payer_id,sum(amount_cents) b FROM "
      "ledger_entry WHERE claim_id=c.id GROUP BY payer_id HAVING b<>0) x LEFT "
      "JOIN payer p ON p.id=x.payer_id),'entries',(SELECT json_group_array("
      "json_object('id',e.id,'kind',e.kind,'party',coalesce(p.payer_code,"
      "'patient'),'amount_cents',e.amount_cents,'group',e.group_code,"
      "'reason',e.reason_code,'line',l.line_no,'posted',e.posted_date,"
      "'file_id',e.source_file_id,'segment',e.segment_index,'reverses',"
      "e.reverses_id)) FROM (SELECT * FROM ledger_entry WHERE claim_id=c.id "
      "ORDER BY id) e LEFT JOIN payer p ON p.id=e.payer_id LEFT JOIN "
      "claim_line l ON l.id=e.claim_line_id),'denials',(SELECT "
      "json_group_array(json_object('group',d.group_code,'reason',"
      "d.reason_code,'remarks',d.remark_codes,'amount_cents',d.amount_cents,"
      "'status',d.status)) FROM claim_denial d WHERE d.claim_id=c.id)) FROM "
      "claim c WHERE c.id=?1",
      NULL, id, out, err);
}

cc_code store_ledger_patient_json(cc_store *s, const char *account,
                                  cc_buf *out, cc_err *err) {
  return json_query(
      s,
      "SELECT json_object('patient',pt.account_no,'balances',(SELECT "
      "json_group_array(json_object('party',coalesce(p.payer_code,'patient'),"
      "'balance_cents',b)) FROM (SELECT payer_id,sum(amount_cents) b FROM "
      "ledger_entry e WHERE " STORE_PATIENT_ENTRIES("e", "pt.id") " GROUP BY "
      "payer_id HAVING b<>0) x "
      "LEFT JOIN payer p ON p.id=x.payer_id),'total_cents',(SELECT coalesce("
      "sum(amount_cents),0) FROM ledger_entry e WHERE "
      STORE_PATIENT_ENTRIES("e", "pt.id") ")) FROM "
      "patient pt WHERE pt.account_no=?1",
      account, 0, out, err);
}
