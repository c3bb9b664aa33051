/* store_report.c - the SQL of the reports: aging, KPIs, denial trends,
 * follow-up and timely filing. The definitions they implement are in
 * docs/REPORTS.md; the summaries they read are kept by migrations 6 (ar_balance,
 * ledger_day), 10 (first scrub, adjudication and payment per claim) and 11
 * (age dates on balances). */
#include <string.h>

#include "store_int.h"
#include "store_ledger.h"
#include "store_report.h"

/* A claim's age date: its first service date (creation day when none), or
 * with :bysub its first submission when it has one. */
#define SVC_DATE "coalesce(c.first_service_date, substr(c.created_at, 1, 10))"
#define SUB_DATE_OF(ID)                                                       \
  "(SELECT min(substr(f.created_at, 1, 10)) FROM claim_submission s JOIN "    \
  "x12_file f ON f.id = s.file_id WHERE s.claim_id = " ID ")"
#define SUB_DATE SUB_DATE_OF("c.id")

/* Open balances per claim and party now, or as of :asof (the current
 * balance less what was posted after it). */
#define BAL_NOW                                                               \
  "(SELECT claim_id, party, balance_cents AS amt, age_date AS age FROM "      \
  "ar_balance WHERE balance_cents <> 0)"
#define BAL_ASOF                                                              \
  "(SELECT claim_id, party, sum(amt) AS amt, " STORE_CLAIM_AGE_DATE("claim_id") \
  " AS age FROM (SELECT claim_id, party, "                                    \
  "balance_cents AS amt FROM ar_balance WHERE balance_cents <> 0 UNION ALL "  \
  "SELECT claim_id, coalesce(payer_id, 0), -amount_cents FROM ledger_entry "  \
  "WHERE posted_date > :asof AND claim_id IS NOT NULL) GROUP BY claim_id, "   \
  "party HAVING sum(amt) <> 0)"

#define AGING(BAL)                                                            \
  "SELECT x.party, coalesce(py.payer_code, ''), coalesce(py.name, ''),"       \
  " sum(CASE WHEN x.d >= :d30 THEN x.amt ELSE 0 END),"                        \
  " sum(CASE WHEN x.d < :d30 AND x.d >= :d60 THEN x.amt ELSE 0 END),"         \
  " sum(CASE WHEN x.d < :d60 AND x.d >= :d90 THEN x.amt ELSE 0 END),"         \
  " sum(CASE WHEN x.d < :d90 AND x.d >= :d120 THEN x.amt ELSE 0 END),"        \
  " sum(CASE WHEN x.d < :d120 THEN x.amt ELSE 0 END), count(*)"               \
  " FROM (SELECT b.claim_id, b.party, b.amt, CASE WHEN :bysub THEN "          \
  "coalesce(" SUB_DATE_OF("b.claim_id") ", b.age) ELSE b.age END AS d"        \
  " FROM " BAL " b WHERE (:payer = 0 OR b.party = :payer)"                    \
  " AND (:provider = 0 OR EXISTS (SELECT 1 FROM claim c WHERE c.id ="         \
  " b.claim_id AND c.billing_provider_id = :provider))) x"                    \
  " LEFT JOIN payer py ON py.id = x.party"                                    \
  " GROUP BY x.party ORDER BY x.party = 0, py.payer_code"

#define FOLLOWUP(BAL)                                                         \
  "SELECT control_number, account_no, payer_code, svc, sub, status, bal, d"   \
  " FROM (SELECT c.control_number, pt.account_no,"                            \
  " coalesce(py.payer_code, '') AS payer_code,"                               \
  " coalesce(c.first_service_date, '') AS svc, " SUB_DATE " AS sub,"          \
  " c.status, x.bal, coalesce(" SUB_DATE ", " SVC_DATE ") AS d"               \
  " FROM (SELECT claim_id, sum(amt) AS bal FROM " BAL " WHERE party <> 0"     \
  " GROUP BY claim_id HAVING sum(amt) > 0) x"                                 \
  " JOIN claim c ON c.id = x.claim_id"                                        \
  " JOIN patient pt ON pt.id = c.patient_id"                                  \
  " LEFT JOIN payer py ON py.id = c.payer_id"                                 \
  " WHERE (:payer = 0 OR c.payer_id = :payer)"                                \
  " AND (:provider = 0 OR c.billing_provider_id = :provider))"                \
  " WHERE d <= :d30 ORDER BY d, bal DESC, control_number LIMIT :limit"

/* Filters on the claim, looked up only when one is given: the first-fact
 * tables (migration 10) hold one row per claim, and a claim's facts go
 * with it. */
#define CLAIM_FILTER                                                          \
  " (:payer = 0 OR c.payer_id = :payer) AND (:provider = 0 OR "               \
  "c.billing_provider_id = :provider)"
#define FACT_FILTER(F)                                                        \
  " ((:payer = 0 AND :provider = 0) OR EXISTS (SELECT 1 FROM claim c WHERE"   \
  " c.id = " F ".claim_id AND" CLAIM_FILTER "))"

/* Clean claim rate: each claim's first scrub (claim_first_scrub). */
static const char sql_kpi_scrub[] =
    "SELECT count(*), coalesce(sum(f.errors = 0), 0) FROM claim_first_scrub f"
    " WHERE f.scrub_date >= :from AND f.scrub_date <= :to AND"
    FACT_FILTER("f");

/* Each claim's first adjudication (claim_first_adj: earliest posting day,
 * then row, reversals aside) with denied as docs/REPORTS.md defines it,
 * and what first pass asks of the claim (an original sent at most once),
 * all kept current by migration 10's triggers. */
static const char sql_kpi_adj[] =
    "SELECT count(*),"
    " coalesce(sum(f.paid_cents > 0 AND f.original AND f.submissions <= 1),"
    " 0),"
    " coalesce(sum(f.denied), 0),"
    " coalesce(sum(f.charge_cents), 0),"
    " coalesce(sum(CASE WHEN f.denied THEN f.charge_cents ELSE 0 END), 0)"
    " FROM claim_first_adj f"
    " WHERE f.posted_date >= :from AND f.posted_date <= :to AND"
    FACT_FILTER("f");

static const char sql_kpi_ledger[] =
    "SELECT"
    " coalesce(sum(CASE WHEN kind = 'charge' AND day >= :from THEN"
    " amount_cents END), 0),"
    " coalesce(sum(CASE WHEN kind IN ('payment', 'refund') AND day >= :from"
    " THEN amount_cents END), 0),"
    " coalesce(sum(CASE WHEN kind IN ('adjustment', 'writeoff') AND grp ="
    " 'CO' AND day >= :from THEN amount_cents END), 0),"
    " coalesce(sum(amount_cents), 0),"
    " coalesce(sum(CASE WHEN kind = 'charge' AND day > :d90 THEN"
    " amount_cents END), 0)"
    " FROM ledger_day WHERE day <= :to"
    " AND (:payer = 0 OR party = :payer)"
    " AND (:provider = 0 OR provider = :provider)";

/* Days to pay: each claim's first paying adjudication (claim_first_pay)
 * against its first submission, both kept in the row. */
static const char sql_kpi_days_to_pay[] =
    "SELECT py.payer_code, py.name, count(*),"
    " sum(CAST(round(julianday(x.posted_date) - julianday(x.sub)) AS"
    " INTEGER))"
    " FROM (SELECT f.payer_id, f.posted_date, f.first_sub AS sub"
    " FROM claim_first_pay f"
    " WHERE f.posted_date >= :from AND f.posted_date <= :to AND"
    FACT_FILTER("f") ") x"
    " JOIN payer py ON py.id = x.payer_id WHERE x.sub IS NOT NULL"
    " GROUP BY x.payer_id ORDER BY py.payer_code";

static const char sql_timely[] =
    "SELECT c.control_number, pt.account_no, py.payer_code,"
    " py.timely_filing_days, c.first_service_date,"
    " date(c.first_service_date, '+' || py.timely_filing_days || ' days')"
    " AS deadline, c.status, c.total_charge_cents"
    " FROM claim c JOIN payer py ON py.id = c.payer_id"
    " JOIN patient pt ON pt.id = c.patient_id"
    " WHERE py.timely_filing_days IS NOT NULL"
    " AND c.first_service_date IS NOT NULL"
    " AND c.status IN ('draft', 'ready', 'rejected')"
    " AND deadline <= :horizon AND" CLAIM_FILTER
    " ORDER BY deadline, c.total_charge_cents DESC, c.control_number";

/* ledger_day has a row with entries for every day something was posted
 * (the ledger has no index on posted_date since migration 13). */
static const char sql_later[] =
    "SELECT EXISTS (SELECT 1 FROM ledger_day WHERE day > :asof AND "
    "entries <> 0)";

/* Denials: the key and label of each grouping. */
static const char *const dby_sql[][2] = {
    [STORE_DBY_CARC] = {"d.reason_code", "coalesce(k.category, 'other')"},
    [STORE_DBY_CATEGORY] = {"coalesce(k.category, 'other')", "''"},
    [STORE_DBY_PAYER] = {"coalesce(py.payer_code, '')",
                         "coalesce(py.name, '')"},
    [STORE_DBY_PROVIDER] = {"coalesce(pv.npi, '')",
                            "coalesce(pv.last_name || coalesce(', ' || "
                            "pv.first_name, ''), '')"},
    [STORE_DBY_CODE] = {"coalesce(l.code, '(claim)')", "''"},
};

static cc_code denials_sql(cc_buf *b, store_dby by, bool per_week) {
  const char *period = per_week
                           ? "date(r.posted_date, '-6 days', 'weekday 1')"
                           : "substr(r.posted_date, 1, 7)";
  return cc_buf_printf(
      b,
      "SELECT %s AS period, %s AS k, %s AS label,"
      " count(DISTINCT coalesce(d.claim_line_id, -d.claim_id)),"
      " count(DISTINCT d.claim_id), sum(d.amount_cents) AS cents"
      " FROM claim_denial d JOIN remit_claim rc ON rc.id = d.remit_claim_id"
      " JOIN remittance r ON r.id = rc.remittance_id"
      " JOIN claim c ON c.id = d.claim_id"
      " LEFT JOIN claim_line l ON l.id = d.claim_line_id"
      " LEFT JOIN carc_category k ON k.reason_code = d.reason_code"
      " LEFT JOIN payer py ON py.id = rc.payer_id"
      " LEFT JOIN provider pv ON pv.id = coalesce(l.rendering_provider_id,"
      " c.billing_provider_id)"
      " WHERE r.posted_date >= :from AND r.posted_date <= :to"
      " AND rc.reversed_by IS NULL AND" CLAIM_FILTER
      " GROUP BY 1, 2 ORDER BY 1, cents DESC, 2",
      period, dby_sql[by][0], dby_sql[by][1]);
}

static const char *query_sql(store_rq q) {
  switch (q) {
  case STORE_RQ_AGING: return AGING(BAL_NOW);
  case STORE_RQ_AGING_ASOF: return AGING(BAL_ASOF);
  case STORE_RQ_KPI_SCRUB: return sql_kpi_scrub;
  case STORE_RQ_KPI_ADJ: return sql_kpi_adj;
  case STORE_RQ_KPI_LEDGER: return sql_kpi_ledger;
  case STORE_RQ_KPI_DAYS_TO_PAY: return sql_kpi_days_to_pay;
  case STORE_RQ_FOLLOWUP: return FOLLOWUP(BAL_NOW);
  case STORE_RQ_FOLLOWUP_ASOF: return FOLLOWUP(BAL_ASOF);
  case STORE_RQ_TIMELY: return sql_timely;
  case STORE_RQ_LATER_POSTINGS: return sql_later;
  case STORE_RQ_DENIALS: break;
  }
  return NULL;
}

#define MAX_COLS 16

cc_code store_report_query(cc_store *s, store_rq q, store_dby dby,
                           bool per_week, const store_rparam *p, size_t np,
                           store_rrow_fn fn, void *ctx, cc_err *err) {
  cc_buf b;
  cc_buf_init(&b, 1 << 16);
  const char *sql = query_sql(q);
  if (q == STORE_RQ_DENIALS) {
    if ((unsigned)dby > STORE_DBY_CODE || denials_sql(&b, dby, per_week))
      return cc_err_set(err, CC_E_INVALID, "unknown denial grouping", "%d",
                        (int)dby);
    sql = b.p;
  }
  sqlite3_stmt *st = NULL;
  if (!sql || sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    cc_buf_free(&b);
    return store_db_error(s, err, "preparing a report query");
  }
  cc_buf_free(&b);
  for (size_t k = 0; k < np; k++) {
    int idx = sqlite3_bind_parameter_index(st, p[k].name);
    if (idx <= 0) continue;
    if (p[k].text)
      sqlite3_bind_text(st, idx, p[k].text, -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_int64(st, idx, p[k].i);
  }
  int n = sqlite3_column_count(st);
  if (n > MAX_COLS) n = MAX_COLS;
  int64_t iv[MAX_COLS];
  const char *sv[MAX_COLS];
  bool nv[MAX_COLS];
  store_rrow row = {n, iv, sv, nv};
  cc_code rc = CC_OK;
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    for (int k = 0; k < n; k++) {
      int t = sqlite3_column_type(st, k);
      nv[k] = t == SQLITE_NULL;
      iv[k] = t == SQLITE_INTEGER ? sqlite3_column_int64(st, k) : 0;
      sv[k] = t == SQLITE_TEXT ? (const char *)sqlite3_column_text(st, k)
                               : NULL;
    }
    if ((rc = fn(ctx, &row, err))) break;
  }
  if (!rc && r != SQLITE_DONE) rc = store_db_error(s, err, "running a report");
  sqlite3_finalize(st);
  return rc;
}

cc_code store_report_scrub_add(cc_store *s, int64_t claim_id, const char *day,
                               int64_t errors, int64_t warnings, cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "INSERT INTO scrub_run(claim_id, scrub_date, errors,"
                         " warnings) VALUES(?1, ?2, ?3, ?4)",
                         -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "recording a scrub");
  sqlite3_bind_int64(st, 1, claim_id);
  sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 3, errors);
  sqlite3_bind_int64(st, 4, warnings);
  int r = sqlite3_step(st);
  sqlite3_finalize(st);
  return r == SQLITE_DONE ? CC_OK : store_db_error(s, err, "recording a scrub");
}
