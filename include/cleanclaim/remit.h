/* remit.h - 835 remittance advice: reading it into a remittance model and
 * posting it to the ledger exactly once, all or nothing per file. */
#ifndef CLEANCLAIM_REMIT_H
#define CLEANCLAIM_REMIT_H

#include "core.h"
#include "store.h"

typedef struct cc_remit_opts {
  const char *posting_date; /* "YYYY-MM-DD" the entries carry; NULL = today
                               (cc_date_today, CC_TODAY overrides) */
  bool dry_run;             /* check and count, then roll back */
} cc_remit_opts;

/* What a posting did (or, when already_posted, what the first one did not
 * repeat). Amounts are integer cents summed over every transaction set. */
typedef struct cc_remit_result {
  bool already_posted;    /* same payer + TRN02 + amount, or same bytes:
                             nothing was changed */
  int64_t file_id;        /* x12_file row holding the raw interchange */
  uint32_t sets;          /* 835 transaction sets (one per payment) */
  uint32_t claims;        /* CLP loops posted */
  uint32_t lines;         /* SVC loops posted */
  uint32_t denials;       /* claims moved to the denial queue */
  uint32_t reversals;     /* CLP02 = 22 claims undone */
  uint32_t entries;       /* ledger entries written */
  cc_money paid;          /* sum of BPR02 */
  cc_money claim_paid;    /* sum of CLP04 */
  cc_money plb;           /* sum of PLB adjustments as the 835 states them
                             (positive reduces the payment) */
  cc_money charges;       /* sum of CLP03 */
  cc_money contractual;   /* written off (CO and policy write-offs) */
  cc_money patient_resp;  /* PR moved to the next payer or the patient */
  uint32_t unapplied;     /* CLP loops held as unapplied cash (no claim of
                             ours, or a reversal of nothing we posted) */
  cc_money unapplied_paid; /* sum of their CLP04 */
  char trace[64];         /* TRN02 of the first set */
  char payer[64];         /* payer id (TRN03 / N1*PR REF 2U) of the first set */
} cc_remit_result;

/* Post every 835 transaction set of the file at path (or of the bytes p..n
 * named name) in one transaction. Rejects the whole file (nothing written)
 * when a set does not balance (BPR02 != sum CLP04 - sum PLB; the message
 * says by how much), when it is malformed, or when it is not an 835. A
 * claim payment whose CLP01 names no claim of ours (or that reverses a
 * payment never posted) does not stop the file: it is held as unapplied
 * cash (table unapplied_payment, res->unapplied) and the rest is posted.
 * Posting the same remittance again returns CC_OK with
 * res->already_posted set and changes nothing.
 * Fault injection for tests: when the environment variable
 * CC_FAULT_POST_AFTER_CLAIMS=N is set, the process raises SIGKILL after
 * posting N claims (inside the transaction). */
cc_code cc_remit_post_835_file(cc_store *s, const char *path,
                               const cc_remit_opts *opts, cc_remit_result *res,
                               cc_err *err) CC_WARN_UNUSED;
cc_code cc_remit_post_835_mem(cc_store *s, const char *p, size_t n,
                              const char *name, const cc_remit_opts *opts,
                              cc_remit_result *res, cc_err *err) CC_WARN_UNUSED;

/* Apply unapplied cash `id` (cc_ledger_unapplied_list) to the claim with
 * control number `claim`, once someone has found it: the CLP is read again
 * from the 835 kept in the database and posted to that claim as if its
 * CLP01 had named it (the member id is not compared: the person applying
 * has decided), with entries dated opts->posting_date (NULL = today) and
 * the payment counted in its remittance. The held row becomes 'applied'
 * with the claim, in the same transaction. user must be an active user
 * whose role may 'apply' (admin, biller): CC_E_DENIED otherwise.
 * CC_E_NOTFOUND: no such unapplied payment or claim; CC_E_EXISTS: already
 * applied; CC_E_INVALID: a reversal (CLP02 22) of nothing the claim's
 * payer paid. Nothing changes on any error. */
cc_code cc_remit_apply_unapplied(cc_store *s, int64_t id, const char *claim,
                                 const char *user, const cc_remit_opts *opts,
                                 cc_remit_result *res,
                                 cc_err *err) CC_WARN_UNUSED;

#endif
