/* store_report.h - private to the library: the SQL behind the reports
 * (src/report). Each query is named by an enum; parameters are bound by
 * name and every row comes back as integers and borrowed strings. */
#ifndef CC_STORE_REPORT_H
#define CC_STORE_REPORT_H

#include "cleanclaim/store.h"

typedef enum store_rq {
  STORE_RQ_AGING,          /* party, code, name, b0..b4, claims */
  STORE_RQ_AGING_ASOF,     /* the same, as of :asof before later postings */
  STORE_RQ_KPI_SCRUB,      /* scrubbed, clean */
  STORE_RQ_KPI_ADJ,        /* adjudicated, paid first, denied, charges,
                              denied charges */
  STORE_RQ_KPI_LEDGER,     /* charges, payments, contractual, A/R at :to,
                              charges in (:d90, :to] */
  STORE_RQ_KPI_DAYS_TO_PAY,/* payer code, name, claims, days */
  STORE_RQ_DENIALS,        /* period, key, label, services, claims, cents;
                              :by and :per choose the grouping */
  STORE_RQ_FOLLOWUP,       /* claim, account, payer, service, submitted,
                              status, age date, payer balance */
  STORE_RQ_FOLLOWUP_ASOF,
  STORE_RQ_TIMELY,         /* claim, account, payer, limit days, service,
                              deadline, status, charge */
  STORE_RQ_LATER_POSTINGS, /* 1 when an entry is posted after :asof */
} store_rq;

/* Denials: grouping dimension and period, spliced from fixed SQL text. */
typedef enum { STORE_DBY_CARC, STORE_DBY_CATEGORY, STORE_DBY_PAYER,
               STORE_DBY_PROVIDER, STORE_DBY_CODE } store_dby;

typedef struct store_rparam {
  const char *name; /* ":from" */
  const char *text; /* bound as text when non-NULL, else as integer */
  int64_t i;
} store_rparam;

/* One result row: column k is an integer in i[k] or, when s[k] is not
 * NULL, text (NULL values come as integer 0 with null[k] set). */
typedef struct store_rrow {
  int n;
  const int64_t *i;
  const char *const *s;
  const bool *null;
} store_rrow;
typedef cc_code (*store_rrow_fn)(void *ctx, const store_rrow *r, cc_err *err);

/* Run query q with params p[0..np) (unknown names are ignored). dby and
 * per_week only matter to STORE_RQ_DENIALS. */
cc_code store_report_query(cc_store *s, store_rq q, store_dby dby,
                           bool per_week, const store_rparam *p, size_t np,
                           store_rrow_fn fn, void *ctx,
                           cc_err *err) CC_WARN_UNUSED;

/* One scrub of a stored claim. */
cc_code store_report_scrub_add(cc_store *s, int64_t claim_id, const char *day,
                               int64_t errors, int64_t warnings,
                               cc_err *err) CC_WARN_UNUSED;

#endif
