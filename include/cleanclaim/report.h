/* report.h - the numbers that run a billing office: A/R aging, KPIs, denial
 * trends, follow-up and timely-filing lists, as tables written as text, CSV
 * (RFC 4180), JSON or XLSX. Definitions: docs/REPORTS.md (the contract). */
#ifndef CLEANCLAIM_REPORT_H
#define CLEANCLAIM_REPORT_H

#include "core.h"
#include "store.h"

/* What a cell holds. Amounts stay integer cents, rates integer basis
 * points (1234 = 12.34%), averages integer tenths (423 = 42.3). */
typedef enum cc_report_type {
  CC_RT_NULL,   /* no value (a rate over nothing) */
  CC_RT_TEXT,   /* s */
  CC_RT_INT,    /* v: a count or a number of days */
  CC_RT_MONEY,  /* v: cents, shown as dollars with two decimals */
  CC_RT_BP,     /* v: basis points, shown as a percentage */
  CC_RT_TENTHS, /* v: tenths, shown with one decimal */
} cc_report_type;

typedef struct cc_report_cell {
  cc_report_type type;
  int64_t v;
  const char *s; /* CC_RT_TEXT only; owned by the report */
} cc_report_cell;

typedef struct cc_report_col {
  const char *key;   /* snake_case, used by CSV headers and JSON */
  const char *label; /* for people (text table, XLSX header) */
} cc_report_col;

typedef struct cc_report_table {
  const char *name; /* sheet name: "aging", "kpi", "days_to_pay"... */
  size_t ncols;
  const cc_report_col *cols;
  size_t nrows;
  cc_report_cell *cells; /* nrows * ncols, row-major */
  size_t cap;            /* cells allocated */
} cc_report_table;

typedef struct cc_report {
  const char *name;             /* "aging", "kpi"... */
  char from[11], to[11], as_of[11]; /* the period and "today", ISO */
  size_t ntables;
  cc_report_table tables[4];
  cc_arena *arena; /* strings of the report */
} cc_report;

typedef struct cc_report_opts {
  cc_day as_of;         /* "today"; 0 = cc_date_today() (CC_TODAY) */
  cc_day from, to;      /* 0 = defaults (docs/REPORTS.md) */
  const char *payer;    /* payer ID (payer_code); NULL = all */
  const char *provider; /* billing provider NPI; NULL = all */
  const char *by;       /* aging: "service" | "submission"; denials:
                           "carc" | "category" | "payer" | "provider" |
                           "code"; NULL = the first */
  const char *per;      /* denials: "month" | "week"; NULL = month */
  int64_t within_days;  /* timely-filing horizon; 0 = 30 */
  int64_t limit;        /* followup: at most this many rows; 0 = all */
} cc_report_opts;

/* The report names, in help order; NULL past the end. */
const char *cc_report_name(size_t i);
const char *cc_report_summary(size_t i);

/* Run report name over the store. Returns owned in *out (free with
 * cc_report_free); CC_E_USAGE for an unknown name or option value,
 * CC_E_NOTFOUND for an unknown payer or provider, CC_E_DB otherwise. */
cc_code cc_report_run(cc_store *s, const char *name, const cc_report_opts *o,
                      cc_report **out, cc_err *err) CC_WARN_UNUSED;
void cc_report_free(cc_report *r); /* NULL is a no-op */

typedef enum cc_report_format {
  CC_REPORT_TABLE, CC_REPORT_CSV, CC_REPORT_JSON, CC_REPORT_XLSX
} cc_report_format;
/* "table", "csv", "json", "xlsx"; false for anything else. */
bool cc_report_format_parse(const char *s, cc_report_format *out);

/* Write r (borrowed) as text, CSV or JSON to out. CSV: RFC 4180 (CRLF,
 * fields with a comma, quote or line break quoted, quotes doubled); a report
 * of several tables writes them one after another, each with its header,
 * separated by an empty line. JSON: one object; money as integer cents
 * (keys ending in _cents), rates as basis points (_bp), tenths (_x10). */
cc_code cc_report_write(const cc_report *r, cc_report_format f, FILE *out,
                        cc_err *err) CC_WARN_UNUSED;
/* Write r as an XLSX workbook at path, one sheet per table. */
cc_code cc_report_write_xlsx(const cc_report *r, const char *path,
                             cc_err *err) CC_WARN_UNUSED;

/* Integer rate: num/den in basis points, rounded half away from zero.
 * false (and *bp untouched) when den is 0. */
bool cc_report_bp(int64_t num, int64_t den, int64_t *bp);

/* Record one scrub of a stored claim (the clean claim rate counts each
 * claim's first). day is "YYYY-MM-DD". The scrubber calls this. */
cc_code cc_report_scrub_record(cc_store *s, int64_t claim_id, const char *day,
                               uint32_t errors, uint32_t warnings,
                               cc_err *err) CC_WARN_UNUSED;

#endif
