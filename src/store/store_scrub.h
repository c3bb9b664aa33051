/* store_scrub.h - private to the library: the SQL the scrubber needs, read
 * once into its snapshot (payer rules, coverages, authorizations, claim
 * history), so that scrubbing itself never touches the database. */
#ifndef CC_STORE_SCRUB_H
#define CC_STORE_SCRUB_H

#include "cleanclaim/codes.h" /* CC_DAY_NONE */
#include "cleanclaim/store.h"

/* Every row callback borrows its strings for the call only; a non-zero
 * return stops the scan and is returned. Dates are CC_DAY_NONE when NULL. */

typedef struct store_scrub_payer {
  int64_t id;
  const char *payer_code, *name;
  int64_t timely_filing_days; /* 0 when not set */
  bool referral_required;
} store_scrub_payer;
typedef cc_code (*store_scrub_payer_fn)(void *ctx, const store_scrub_payer *r);
cc_code store_scrub_payers(cc_store *s, store_scrub_payer_fn fn, void *ctx,
                           cc_err *err) CC_WARN_UNUSED;

/* (payer id, code) for each code the payer wants prior authorization for. */
typedef cc_code (*store_scrub_code_fn)(void *ctx, int64_t id, const char *code);
cc_code store_scrub_payer_auth_codes(cc_store *s, store_scrub_code_fn fn,
                                     void *ctx, cc_err *err) CC_WARN_UNUSED;

/* Coverages with the patient they belong to. */
typedef struct store_scrub_coverage {
  int64_t id, patient_id, payer_id;
  const char *member_id, *priority;
  cc_day effective, termination;
  const char *last_name, *first_name; /* the patient's */
  cc_day birth_date;
} store_scrub_coverage;
typedef cc_code (*store_scrub_coverage_fn)(void *ctx,
                                           const store_scrub_coverage *r);
cc_code store_scrub_coverages(cc_store *s, store_scrub_coverage_fn fn,
                              void *ctx, cc_err *err) CC_WARN_UNUSED;

/* Authorizations and referrals. */
typedef struct store_scrub_auth {
  int64_t id, patient_id, payer_id;
  bool referral;          /* kind = 'referral', else prior authorization */
  const char *number;
  const char *provider_npi; /* NULL when not tied to a provider */
  cc_day start, end;
  int64_t visits_allowed; /* -1 when there is no visit limit */
  int64_t visits_used;
} store_scrub_auth;
typedef cc_code (*store_scrub_auth_fn)(void *ctx, const store_scrub_auth *r);
cc_code store_scrub_auths(cc_store *s, store_scrub_auth_fn fn, void *ctx,
                          cc_err *err) CC_WARN_UNUSED;
/* (authorization id, code) for each procedure code an authorization covers. */
cc_code store_scrub_auth_codes(cc_store *s, store_scrub_code_fn fn, void *ctx,
                               cc_err *err) CC_WARN_UNUSED;

/* Lines of claims already sent to a payer (any status after submission),
 * ordered by claim, for duplicate detection. One row per line. */
typedef struct store_scrub_hist {
  int64_t claim_id;
  const char *control_number, *frequency_code;
  const char *payer_code, *member_id; /* member_id NULL without coverage */
  int64_t patient_id;
  const char *last_name;
  cc_day birth_date;
  const char *billing_npi;
  const char *code;
  cc_day from;
} store_scrub_hist;
typedef cc_code (*store_scrub_hist_fn)(void *ctx, const store_scrub_hist *r);
cc_code store_scrub_history(cc_store *s, store_scrub_hist_fn fn, void *ctx,
                            cc_err *err) CC_WARN_UNUSED;

/* Every day on which some code-set row (ICD-10-CM, HCPCS, CPT, modifiers,
 * place of service...) or MUE release starts to apply or stops applying
 * (the day after its termination), in no particular order and possibly
 * repeated. Between two such days every lookup has the same answer. */
typedef cc_code (*store_scrub_day_fn)(void *ctx, cc_day day);
cc_code store_scrub_code_days(cc_store *s, store_scrub_day_fn fn, void *ctx,
                              cc_err *err) CC_WARN_UNUSED;

/* One scrub of a stored claim: the run (scrub_run, which the clean-claim
 * rate reads), its findings, and the claim's new status -- only a claim
 * not yet sent (draft, built, held, ready) moves, and a move is recorded
 * in its status history with source "scrub". One transaction. */
typedef struct store_scrub_frow {
  uint32_t line; /* 0 = the claim */
  const char *rule, *severity, *message, *fix, *source;
} store_scrub_frow;
typedef struct store_scrub_rec {
  int64_t claim_id;
  const char *day;          /* ISO date of the scrub (the scrubber's today) */
  int64_t errors, warnings;
  const store_scrub_frow *findings;
  size_t n_findings;
  const char *new_status;   /* "ready" or "held"; NULL = leave it */
  const char *detail;       /* for the status history */
} store_scrub_rec;
cc_code store_scrub_record(cc_store *s, const store_scrub_rec *r,
                           cc_err *err) CC_WARN_UNUSED;

#endif
