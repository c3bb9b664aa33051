/* demo.h - the demonstration clinic: a synthetic multi-provider practice
 * whose quarter of visits runs through the whole revenue cycle, day by day,
 * against the payer simulator. Synthetic people only (docs/DEMO.md).
 *
 *   cc_demo_opts o;  cc_demo_opts_init(&o);  o.seed = 7;
 *   cc_demo_result r;
 *   cc_demo_run(store, &o, &r, &err);   // store: a new, empty database
 *
 * Everything is deterministic for a given seed, options and data folder:
 * "today" comes from the options, never from the clock. While it runs, the
 * driver sets the environment variable CC_TODAY to each simulated day (the
 * library's "today" for postings and envelopes) and restores it at the end. */
#ifndef CLEANCLAIM_DEMO_H
#define CLEANCLAIM_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "store.h"

/* The default last simulated day, 2026-06-30: late enough that 90 days of
 * visits and four months of older history all fall in the FY2026 ICD-10-CM
 * release the shared code sets carry (2025-10-01 to 2026-09-30). */
#define CC_DEMO_DEFAULT_TODAY "2026-06-30"

/* Called once per simulated day (day is 1..days) and once per phase of the
 * set-up (day 0); what is a short label. Strings borrowed for the call. */
typedef void (*cc_demo_progress_fn)(void *ctx, int day, int days,
                                    const char *what);

typedef struct cc_demo_opts {
  uint64_t seed;          /* the clinic and the simulator's seed (1) */
  cc_day today;           /* last simulated day; 0 = CC_DEMO_DEFAULT_TODAY */
  int days;               /* simulated days of visits, 1..366 (90) */
  int patients;           /* synthetic patients, 20..20000 (400) */
  int visits_per_day;     /* average visits on a weekday (24) */
  int history_days;       /* older visits entered late on day 1, service
                             dates up to this many days before the first
                             simulated day; 0 = none (120) */
  const char *data_dir;   /* data/demo: providers, payers, names, visit
                             patterns, payer profiles (required) */
  const char *codes_dir;  /* code sets to load first (the shared data
                             folder); NULL = already loaded or none */
  const char *files_dir;  /* where submitted 837s are written (created);
                             required */
  cc_demo_progress_fn progress; /* may be NULL */
  void *progress_ctx;
} cc_demo_opts;

void cc_demo_opts_init(cc_demo_opts *o);

/* What happened. Counts are claims unless said otherwise; amounts are
 * cents. */
typedef struct cc_demo_result {
  cc_day first_day, today;
  uint32_t providers, payers, patients, secondary_coverages;
  uint32_t authorizations, referrals;
  uint32_t encounters, self_pay_encounters, history_encounters;
  uint32_t eligibility_checks, eligibility_inactive;
  uint32_t built, scrubbed, held, submitted;
  uint32_t accepted, rejected;      /* at the 999/277CA */
  uint32_t rejected_member;         /* 277CA A3:33: member ID not found */
  uint32_t rejected_npi;            /* 277CA A7:562: NPI not on file with
                                       the payer (a clinician whose
                                       enrollment is not finished) */
  uint32_t paid, denied, zero_paid; /* 835 answers (CLP02 4 = denied) */
  uint32_t reversals;               /* CLP02 22 sent (payer and provider) */
  uint32_t payer_corrections;       /* claims the payer reversed on its own
                                       and paid again (fee schedule fix) */
  cc_money recouped;                /* what those corrections took back */
  cc_money reversed_paid;           /* payments the reversals took back */
  uint32_t secondary_built, secondary_submitted, secondary_paid;
  uint32_t files_sent, files_received;
  cc_money charged, payments, adjustments, patient_resp;
  cc_money ar[5];           /* A/R by service-date age as of today: 0-30,
                               31-60, 61-90, 91-120, over 120 */
  cc_money ar_total, patient_balance;
  /* The billing office's work in the quarter: statement cycles every 30
   * days, some patients paying (in full or half) a few days later, one
   * payment plan; denials worked weekly (corrected claims, appeals,
   * write-offs, balances moved to the patient); the rest stay open. */
  uint32_t statements, patient_payments, payment_plans;
  cc_money patient_paid;
  /* Self-pay visits: billed to the patient by claims build (closed claims
   * to SELFPAY), on statements, paid by card like any patient balance. */
  uint32_t self_pay_claims, self_pay_statements, self_pay_payments;
  cc_money self_pay_charged;
  /* Payer credit balances (a payer paid more than it owed on a claim)
   * refunded by EFT weekly and on the last day. */
  uint32_t payer_refunds;
  cc_money payer_refunded;
  uint32_t denials_corrected, denials_appealed, denials_written_off,
      denials_to_patient;
  uint32_t denial_categories;   /* bit per category with denied dollars,
                                   in cc_demo_category_name order */
  uint64_t ledger_broken;       /* problems cc_ledger_check found */
} cc_demo_result;

/* Denial categories as docs/REPORTS.md names them ("authorization",
 * "coding", ...); NULL past the end. */
const char *cc_demo_category_name(size_t i);

/* Build the clinic into s (an empty database), load the code sets when
 * codes_dir is given, and run every day from today - days + 1 to today.
 * CC_E_USAGE for options out of range, CC_E_EXISTS when s already holds
 * patients, CC_E_IO when a data file cannot be read, or the first error of
 * the cycle (err names the day and the step). res is filled as far as the
 * run went. */
cc_code cc_demo_run(cc_store *s, const cc_demo_opts *o, cc_demo_result *res,
                    cc_err *err) CC_WARN_UNUSED;

#endif
