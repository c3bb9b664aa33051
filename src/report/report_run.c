/* report_run.c - the reports themselves: options and periods, the store
 * queries behind each, and the integer arithmetic of rates and averages.
 * The definitions are docs/REPORTS.md; keep the two in step. */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "store/store_report.h"

typedef struct run {
  cc_store *s;
  cc_report *r;
  const cc_report_opts *o;
  cc_day from, to, as_of;
  int64_t payer_id, provider_id;
  store_rparam p[16];
  size_t np;
  char dates[12][11]; /* ISO strings the params point at */
  size_t ndates;
} run;

static void param_i(run *x, const char *name, int64_t v) {
  x->p[x->np++] = (store_rparam){name, NULL, v};
}
static void param_d(run *x, const char *name, cc_day d) {
  char *b = x->dates[x->ndates++];
  cc_date_iso(d, b);
  x->p[x->np++] = (store_rparam){name, b, 0};
}

static cc_code nomem(cc_err *err) {
  return cc_err_set(err, CC_E_NOMEM, "out of memory building the report",
                    "%s", "");
}

static int64_t cell_i(const store_rrow *w, int k) { return w->i[k]; }
static const char *cell_s(run *x, const store_rrow *w, int k) {
  return report_str(x->r, w->s[k] ? w->s[k] : "");
}

/* ---- aging -------------------------------------------------------------- */
static const cc_report_col aging_cols[] = {
    {"payer_id", "Payer ID"},          {"payer_name", "Responsible party"},
    {"claims", "Claims"},              {"days_0_30_cents", "0-30"},
    {"days_31_60_cents", "31-60"},     {"days_61_90_cents", "61-90"},
    {"days_91_120_cents", "91-120"},   {"over_120_cents", "Over 120"},
    {"total_cents", "Total"},
};
enum { AG_NCOLS = sizeof aging_cols / sizeof *aging_cols };

typedef struct aging_ctx {
  run *x;
  cc_report_table *t;
  int64_t total[7]; /* claims, b0..b4, total */
} aging_ctx;

static cc_code aging_row(void *vc, const store_rrow *w, cc_err *err) {
  aging_ctx *a = vc;
  cc_report_cell *c = report_row(a->t);
  if (!c) return nomem(err);
  bool patient = cell_i(w, 0) == 0;
  report_text(&c[0], patient ? "PATIENT" : cell_s(a->x, w, 1));
  report_text(&c[1], patient ? "Patient responsibility" : cell_s(a->x, w, 2));
  report_val(&c[2], CC_RT_INT, cell_i(w, 8));
  cc_money sum = CC_MONEY(0);
  for (int b = 0; b < 5; b++) {
    report_val(&c[3 + b], CC_RT_MONEY, cell_i(w, 3 + b));
    cc_money t = CC_MONEY(a->total[1 + b]);
    if (cc_money_add(&sum, CC_MONEY(cell_i(w, 3 + b))) ||
        cc_money_add(&t, CC_MONEY(cell_i(w, 3 + b))))
      return cc_err_set(err, CC_E_OVERFLOW, "A/R total out of range", "%s",
                        "");
    a->total[1 + b] = t.cents;
  }
  report_val(&c[8], CC_RT_MONEY, sum.cents);
  a->total[0] += cell_i(w, 8);
  cc_money t = CC_MONEY(a->total[6]);
  if (cc_money_add(&t, sum))
    return cc_err_set(err, CC_E_OVERFLOW, "A/R total out of range", "%s", "");
  a->total[6] = t.cents;
  return CC_OK;
}

static cc_code later_row(void *vc, const store_rrow *w, cc_err *err) {
  *(bool *)vc = w->i[0] != 0;
  return CC_OK;
}

/* Whether anything was posted after day: then balances as of day are
 * rebuilt from the later postings rather than read as they stand. */
static cc_code posted_after(run *x, cc_day day, bool *later, cc_err *err) {
  run y = *x;
  y.np = y.ndates = 0;
  param_d(&y, ":asof", day);
  *later = false;
  return store_report_query(x->s, STORE_RQ_LATER_POSTINGS, 0, false, y.p,
                            y.np, later_row, later, err);
}

static cc_code rep_aging(run *x, cc_err *err) {
  const char *by = x->o->by ? x->o->by : "service";
  bool bysub = strcmp(by, "submission") == 0;
  if (!bysub && strcmp(by, "service") != 0)
    return cc_err_set(err, CC_E_USAGE, "unknown aging basis",
                      "--by '%s': use service or submission", by);
  aging_ctx a = {x, report_table_add(x->r, "aging", aging_cols, AG_NCOLS),
                 {0}};
  param_d(x, ":asof", x->to);
  param_d(x, ":d30", x->to - 30);
  param_d(x, ":d60", x->to - 60);
  param_d(x, ":d90", x->to - 90);
  param_d(x, ":d120", x->to - 120);
  param_i(x, ":bysub", bysub);
  bool later;
  cc_code rc = posted_after(x, x->to, &later, err);
  if (rc) return rc;
  rc = store_report_query(x->s, later ? STORE_RQ_AGING_ASOF : STORE_RQ_AGING,
                          0, false, x->p, x->np, aging_row, &a, err);
  if (rc) return rc;
  cc_report_cell *c = report_row(a.t);
  if (!c) return nomem(err);
  report_text(&c[0], "TOTAL");
  report_text(&c[1], "All responsible parties");
  report_val(&c[2], CC_RT_INT, a.total[0]);
  for (int b = 0; b < 6; b++) report_val(&c[3 + b], CC_RT_MONEY, a.total[1 + b]);
  return CC_OK;
}

/* ---- kpi ---------------------------------------------------------------- */
static const cc_report_col kpi_cols[] = {
    {"metric", "Metric"},       {"basis", "Counted in"},
    {"numerator", "Numerator"}, {"denominator", "Denominator"},
    {"value", "Value"},         {"unit", "Unit"},
};
static const cc_report_col pay_cols[] = {
    {"payer_id", "Payer ID"},   {"payer_name", "Payer"},
    {"claims", "Claims paid"},  {"total_days", "Total days"},
    {"average_days_x10", "Average days to pay"},
};

typedef struct ints {
  int64_t v[8];
  int n;
} ints;
static cc_code ints_row(void *vc, const store_rrow *w, cc_err *err) {
  ints *a = vc;
  for (int k = 0; k < w->n && k < 8; k++) a->v[k] = w->i[k];
  a->n = w->n;
  return CC_OK;
}

static cc_code kpi_add(cc_report_table *t, const char *metric, bool money,
                       int64_t num, int64_t den, cc_report_type vt,
                       int64_t scale, cc_err *err) {
  cc_report_cell *c = report_row(t);
  if (!c) return nomem(err);
  report_text(&c[0], metric);
  report_text(&c[1], money ? "dollars" : "claims");
  report_val(&c[2], money ? CC_RT_MONEY : CC_RT_INT, num);
  report_val(&c[3], money ? CC_RT_MONEY : CC_RT_INT, den);
  cc_money v;
  if (den > 0 && !cc_money_muldiv(CC_MONEY(num), scale, den, &v))
    report_val(&c[4], vt, v.cents);
  report_text(&c[5], vt == CC_RT_BP ? "percent" : "days");
  return CC_OK;
}

typedef struct pay_ctx {
  run *x;
  cc_report_table *t;
} pay_ctx;
static cc_code pay_row(void *vc, const store_rrow *w, cc_err *err) {
  pay_ctx *p = vc;
  cc_report_cell *c = report_row(p->t);
  if (!c) return nomem(err);
  report_text(&c[0], cell_s(p->x, w, 0));
  report_text(&c[1], cell_s(p->x, w, 1));
  report_val(&c[2], CC_RT_INT, w->i[2]);
  report_val(&c[3], CC_RT_INT, w->i[3]);
  cc_money v;
  if (w->i[2] > 0 && !cc_money_muldiv(CC_MONEY(w->i[3]), 10, w->i[2], &v))
    report_val(&c[4], CC_RT_TENTHS, v.cents);
  return CC_OK;
}

static cc_code rep_kpi(run *x, cc_err *err) {
  cc_report_table *t = report_table_add(x->r, "kpi", kpi_cols, 6);
  param_d(x, ":from", x->from);
  param_d(x, ":to", x->to);
  param_d(x, ":d90", x->to - 90);
  ints sc = {{0}, 0}, adj = {{0}, 0}, led = {{0}, 0};
  cc_code rc;
  if ((rc = store_report_query(x->s, STORE_RQ_KPI_SCRUB, 0, false, x->p,
                               x->np, ints_row, &sc, err)) ||
      (rc = store_report_query(x->s, STORE_RQ_KPI_ADJ, 0, false, x->p, x->np,
                               ints_row, &adj, err)) ||
      (rc = store_report_query(x->s, STORE_RQ_KPI_LEDGER, 0, false, x->p,
                               x->np, ints_row, &led, err)))
    return rc;
  /* Ledger signs: charges positive, payments and adjustments negative. */
  int64_t charges = led.v[0], payments = -led.v[1], contractual = -led.v[2];
  int64_t ar = led.v[3], charges90 = led.v[4];
  if ((rc = kpi_add(t, "clean_claim_rate", false, sc.v[1], sc.v[0], CC_RT_BP,
                    10000, err)) ||
      (rc = kpi_add(t, "first_pass_resolution_rate", false, adj.v[1],
                    adj.v[0], CC_RT_BP, 10000, err)) ||
      (rc = kpi_add(t, "denial_rate", false, adj.v[2], adj.v[0], CC_RT_BP,
                    10000, err)) ||
      (rc = kpi_add(t, "denial_rate_dollars", true, adj.v[4], adj.v[3],
                    CC_RT_BP, 10000, err)) ||
      /* A/R / (charges90 / 90) in tenths of a day. */
      (rc = kpi_add(t, "days_in_ar", true, ar, charges90, CC_RT_TENTHS, 900,
                    err)) ||
      (rc = kpi_add(t, "net_collection_rate", true, payments,
                    charges - contractual, CC_RT_BP, 10000, err)))
    return rc;
  pay_ctx p = {x, report_table_add(x->r, "days_to_pay", pay_cols, 5)};
  return store_report_query(x->s, STORE_RQ_KPI_DAYS_TO_PAY, 0, false, x->p,
                            x->np, pay_row, &p, err);
}

/* ---- denials ------------------------------------------------------------ */
static const char *const dby_names[] = {"carc", "category", "payer",
                                        "provider", "code"};
static const cc_report_col den_cols[5][6] = {
    {{"period", "Period"}, {"carc", "CARC"}, {"category", "Category"},
     {"services", "Services"}, {"claims", "Claims"},
     {"denied_cents", "Denied"}},
    {{"period", "Period"}, {"category", "Category"}, {"label", ""},
     {"services", "Services"}, {"claims", "Claims"},
     {"denied_cents", "Denied"}},
    {{"period", "Period"}, {"payer_id", "Payer ID"}, {"payer_name", "Payer"},
     {"services", "Services"}, {"claims", "Claims"},
     {"denied_cents", "Denied"}},
    {{"period", "Period"}, {"provider_npi", "Provider NPI"},
     {"provider_name", "Provider"}, {"services", "Services"},
     {"claims", "Claims"}, {"denied_cents", "Denied"}},
    {{"period", "Period"}, {"procedure_code", "Procedure"}, {"label", ""},
     {"services", "Services"}, {"claims", "Claims"},
     {"denied_cents", "Denied"}},
};

typedef struct row_ctx {
  run *x;
  cc_report_table *t;
} row_ctx;

static cc_code den_row(void *vc, const store_rrow *w, cc_err *err) {
  row_ctx *d = vc;
  cc_report_cell *c = report_row(d->t);
  if (!c) return nomem(err);
  for (int k = 0; k < 3; k++) report_text(&c[k], cell_s(d->x, w, k));
  report_val(&c[3], CC_RT_INT, w->i[3]);
  report_val(&c[4], CC_RT_INT, w->i[4]);
  report_val(&c[5], CC_RT_MONEY, w->i[5]);
  return CC_OK;
}

static cc_code rep_denials(run *x, cc_err *err) {
  const char *by = x->o->by ? x->o->by : "carc";
  int dby = -1;
  for (int i = 0; i < 5; i++)
    if (strcmp(by, dby_names[i]) == 0) dby = i;
  if (dby < 0)
    return cc_err_set(err, CC_E_USAGE, "unknown denial grouping",
                      "--by '%s': use carc, category, payer, provider or code",
                      by);
  const char *per = x->o->per ? x->o->per : "month";
  if (strcmp(per, "month") && strcmp(per, "week"))
    return cc_err_set(err, CC_E_USAGE, "unknown period",
                      "--per '%s': use month or week", per);
  row_ctx d = {x, report_table_add(x->r, "denials", den_cols[dby], 6)};
  param_d(x, ":from", x->from);
  param_d(x, ":to", x->to);
  return store_report_query(x->s, STORE_RQ_DENIALS, (store_dby)dby,
                            strcmp(per, "week") == 0, x->p, x->np, den_row, &d,
                            err);
}

/* ---- followup ----------------------------------------------------------- */
static const cc_report_col fu_cols[] = {
    {"claim", "Claim"},           {"account", "Account"},
    {"payer_id", "Payer ID"},     {"service_date", "Service date"},
    {"submitted_date", "First submitted"}, {"status", "Status"},
    {"age_days", "Age (days)"},   {"payer_balance_cents", "Payer balance"},
};

static cc_code fu_row(void *vc, const store_rrow *w, cc_err *err) {
  row_ctx *f = vc;
  cc_report_cell *c = report_row(f->t);
  if (!c) return nomem(err);
  for (int k = 0; k < 6; k++)
    if (!w->null[k]) report_text(&c[k], cell_s(f->x, w, k));
  cc_day d;
  if (w->s[7] && !cc_date_parse_iso(cc_slice_cstr(w->s[7]), &d))
    report_val(&c[6], CC_RT_INT, f->x->to - d);
  report_val(&c[7], CC_RT_MONEY, w->i[6]);
  return CC_OK;
}

static cc_code rep_followup(run *x, cc_err *err) {
  row_ctx f = {x, report_table_add(x->r, "followup", fu_cols, 8)};
  param_d(x, ":asof", x->to);
  param_d(x, ":d30", x->to - 30);
  param_i(x, ":limit", x->o->limit > 0 ? x->o->limit : -1);
  bool later;
  cc_code rc = posted_after(x, x->to, &later, err);
  if (rc) return rc;
  return store_report_query(x->s,
                            later ? STORE_RQ_FOLLOWUP_ASOF : STORE_RQ_FOLLOWUP,
                            0, false, x->p, x->np, fu_row, &f, err);
}

/* ---- timely filing ------------------------------------------------------ */
static const cc_report_col tf_cols[] = {
    {"claim", "Claim"},             {"account", "Account"},
    {"payer_id", "Payer ID"},       {"limit_days", "Filing limit (days)"},
    {"service_date", "Service date"}, {"deadline", "File by"},
    {"days_left", "Days left"},     {"state", "State"},
    {"status", "Status"},           {"charge_cents", "Charge"},
};

static cc_code tf_row(void *vc, const store_rrow *w, cc_err *err) {
  row_ctx *f = vc;
  cc_report_cell *c = report_row(f->t);
  if (!c) return nomem(err);
  report_text(&c[0], cell_s(f->x, w, 0));
  report_text(&c[1], cell_s(f->x, w, 1));
  report_text(&c[2], cell_s(f->x, w, 2));
  report_val(&c[3], CC_RT_INT, w->i[3]);
  report_text(&c[4], cell_s(f->x, w, 4));
  report_text(&c[5], cell_s(f->x, w, 5));
  cc_day d;
  if (w->s[5] && !cc_date_parse_iso(cc_slice_cstr(w->s[5]), &d)) {
    int64_t left = (int64_t)d - f->x->to;
    report_val(&c[6], CC_RT_INT, left);
    report_text(&c[7], left < 0 ? "expired" : left == 0 ? "due today"
                                                         : "approaching");
  }
  report_text(&c[8], cell_s(f->x, w, 6));
  report_val(&c[9], CC_RT_MONEY, w->i[7]);
  return CC_OK;
}

static cc_code rep_timely(run *x, cc_err *err) {
  int64_t within = x->o->within_days > 0 ? x->o->within_days : 30;
  if (within > 3650)
    return cc_err_set(err, CC_E_USAGE, "filing horizon too long",
                      "--within %lld: at most 3650 days", (long long)within);
  row_ctx f = {x, report_table_add(x->r, "timely_filing", tf_cols, 10)};
  param_d(x, ":horizon", x->to + (cc_day)within);
  return store_report_query(x->s, STORE_RQ_TIMELY, 0, false, x->p, x->np,
                            tf_row, &f, err);
}

/* ---- dispatch ----------------------------------------------------------- */
typedef struct report_def {
  const char *name, *summary;
  cc_code (*fn)(run *x, cc_err *err);
} report_def;

static const report_def reports[] = {
    {"aging", "A/R by responsible party in 0-30/31-60/61-90/91-120/120+ "
              "day buckets", rep_aging},
    {"kpi", "clean claim, first-pass, denial and net collection rates, days "
            "in A/R, days to pay", rep_kpi},
    {"denials", "denial counts and dollars by CARC, category, payer, "
                "provider or code, per month or week", rep_denials},
    {"followup", "claims 30 or more days old without final payment",
     rep_followup},
    {"timely-filing", "unsent or rejected claims near the payer's filing "
                      "limit", rep_timely},
};
enum { N_REPORTS = sizeof reports / sizeof *reports };

const char *cc_report_name(size_t i) {
  return i < N_REPORTS ? reports[i].name : NULL;
}
const char *cc_report_summary(size_t i) {
  return i < N_REPORTS ? reports[i].summary : NULL;
}

cc_code cc_report_run(cc_store *s, const char *name, const cc_report_opts *o,
                      cc_report **out, cc_err *err) {
  *out = NULL;
  const report_def *def = NULL;
  for (size_t i = 0; i < N_REPORTS; i++)
    if (name && strcmp(name, reports[i].name) == 0) def = &reports[i];
  if (!def)
    return cc_err_set(err, CC_E_USAGE, "unknown report",
                      "'%s': use aging, kpi, denials, followup or "
                      "timely-filing", name ? name : "");
  static const cc_report_opts none;
  if (!o) o = &none;
  run x;
  memset(&x, 0, sizeof x);
  x.s = s;
  x.o = o;
  x.as_of = o->as_of ? o->as_of : cc_date_today();
  x.to = o->to ? o->to : x.as_of;
  if (o->from) {
    x.from = o->from;
  } else { /* the first day of the month of --to */
    int y, m, d;
    cc_date_ymd(x.to, &y, &m, &d);
    x.from = cc_date_days(y, m, 1);
  }
  if (x.from > x.to) {
    char a[11], b[11];
    return cc_err_set(err, CC_E_USAGE, "the period ends before it starts",
                      "--from %s is after --to %s", cc_date_iso(x.from, a),
                      cc_date_iso(x.to, b));
  }
  cc_code rc;
  if (o->payer && *o->payer) {
    rc = cc_store_find_payer(s, o->payer, &x.payer_id);
    if (rc == CC_E_NOTFOUND)
      return cc_err_set(err, rc, "no such payer",
                        "--payer '%s' is no payer ID on file", o->payer);
    if (rc) return cc_err_set(err, rc, "could not look the payer up", "%s",
                              o->payer);
  }
  if (o->provider && *o->provider) {
    rc = cc_store_find_provider(s, o->provider, &x.provider_id);
    if (rc == CC_E_NOTFOUND)
      return cc_err_set(err, rc, "no such provider",
                        "--provider '%s' is no provider NPI on file",
                        o->provider);
    if (rc) return cc_err_set(err, rc, "could not look the provider up",
                              "%s", o->provider);
  }
  param_i(&x, ":payer", x.payer_id);
  param_i(&x, ":provider", x.provider_id);
  cc_report *r = calloc(1, sizeof *r);
  if (!r || !(r->arena = cc_arena_new(0))) {
    free(r);
    return nomem(err);
  }
  r->name = def->name;
  cc_date_iso(x.from, r->from);
  cc_date_iso(x.to, r->to);
  cc_date_iso(x.as_of, r->as_of);
  x.r = r;
  rc = def->fn(&x, err);
  if (!rc && cc_arena_failed(r->arena)) rc = nomem(err);
  if (rc) {
    cc_report_free(r);
    return rc;
  }
  *out = r;
  return CC_OK;
}

cc_code cc_report_scrub_record(cc_store *s, int64_t claim_id, const char *day,
                               uint32_t errors, uint32_t warnings,
                               cc_err *err) {
  cc_day d;
  if (!day || cc_date_parse_iso(cc_slice_cstr(day), &d))
    return cc_err_set(err, CC_E_INVALID, "scrub date is not YYYY-MM-DD",
                      "'%s'", day ? day : "");
  return store_report_scrub_add(s, claim_id, day, errors, warnings, err);
}
