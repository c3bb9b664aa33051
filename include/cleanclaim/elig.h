/* elig.h - eligibility (270 out, 271 in) and claim status (276 out, 277 in),
 * and, beside them, the answers to what we send: the 999 and 277CA, and one
 * `receive` entry point for every answer.
 *
 * Acknowledgments live in src/remit (remit_ack*.c), hence their prefix;
 * submission and lineage are in claims.h (src/claims). Every call that
 * writes does so in one transaction: all of a file, or nothing. Strings
 * passed in are borrowed. */
#ifndef CLEANCLAIM_ELIG_H
#define CLEANCLAIM_ELIG_H

#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "remit.h"
#include "store.h"

/* One thing an intake did or could not do to one claim or coverage, for
 * people: key is the claim control number (CLM01) or "coverage N";
 * text says what happened ("rejected by 999: ...", "no claim of ours").
 * Both borrowed for the call. */
typedef void (*cc_note_fn)(void *ctx, const char *key, const char *text);

/* What one received file did. */
typedef struct cc_receive_result {
  char kind[8];       /* "999", "277CA", "835", "271", "277" */
  bool already;       /* these exact bytes were received before (or, for an
                         835, this payment was posted): nothing changed */
  int64_t file_id;    /* x12_file row holding the raw interchange */
  uint32_t matched;   /* claims (or coverages) the file spoke about */
  uint32_t accepted;  /* 999 / 277CA: accepted */
  uint32_t rejected;  /* 999 / 277CA: rejected, back to the work queue */
  uint32_t unmatched; /* answers about nothing of ours */
  cc_remit_result remit; /* 835: what posting did */
} cc_receive_result;

/* ---- Eligibility: 270 out, 271 in (005010X279A1). ------------------- */

/* Build a 270 asking the payer of the patient's primary coverage in force
 * on date (0 = today) about health benefit plan coverage (EQ 30), append it
 * to out, and keep it as an outgoing x12_file (path recorded as given, may
 * be NULL). The envelope is the practice's settings; control numbers come
 * from the store's counters. CC_E_NOTFOUND when the patient or a coverage
 * in force is missing. */
cc_code cc_elig_request(cc_store *s, const char *account_no, cc_day date,
                        const char *path, cc_buf *out,
                        cc_err *err) CC_WARN_UNUSED;

/* Store what a 271 says on the coverage it answers (found by our TRN trace,
 * else by payer ID and member ID): active or not, plan, copay, coinsurance,
 * deductible and what remains, out-of-pocket maximum and what remains
 * (in-network, individual values preferred), or the AAA rejection. file_id
 * is the x12_file the bytes were kept in. Does not begin a transaction. */
cc_code cc_elig_apply_271(cc_store *s, const char *p, size_t n,
                          const char *name, int64_t file_id, cc_note_fn fn,
                          void *ctx, cc_receive_result *res,
                          cc_err *err) CC_WARN_UNUSED;

/* ---- Claim status: 276 out, 277 in (005010X212). -------------------- */

/* Build a 276 for every claim submitted at least older_than days ago that
 * has had no 277 since and no 835; *n_claims says how many (0: nothing
 * appended, nothing kept). Kept as an outgoing x12_file like a 270. */
cc_code cc_elig_status_request(cc_store *s, int older_than, const char *path,
                               cc_buf *out, uint32_t *n_claims,
                               cc_err *err) CC_WARN_UNUSED;

/* Record each 277 STC in the history of the claim it names (TRN02 = our
 * CLM01, else REF 1K = the payer's claim number) and as a claim_response.
 * Does not begin a transaction. */
cc_code cc_elig_apply_277(cc_store *s, const char *p, size_t n,
                          const char *name, int64_t file_id, cc_note_fn fn,
                          void *ctx, cc_receive_result *res,
                          cc_err *err) CC_WARN_UNUSED;

/* ---- Acknowledgments (src/remit/remit_ack*.c). ---------------------- */

/* 999: each AK2/IK5 names one of our 837 transaction sets by GS06 (AK1)
 * and ST02; its claims are accepted (IK5 A, E) or rejected (R, M, W, X:
 * status "rejected", the IK3/IK4 errors as the reason, and a work-queue
 * task). Does not begin a transaction. */
cc_code cc_remit_ack_999(cc_store *s, const char *p, size_t n,
                         const char *name, int64_t file_id, cc_note_fn fn,
                         void *ctx, cc_receive_result *res,
                         cc_err *err) CC_WARN_UNUSED;
/* 277CA: each claim-level STC (loop 2200D) names a claim by TRN02 (our
 * CLM01) or REF 1K; category A1/A2 (A5, A0) accepts it for processing, A3,
 * A4, A6, A7, A8 reject it (work queue, STC codes as the reason). The
 * payer's claim number (REF 1K) is kept. Does not begin a transaction. */
cc_code cc_remit_ack_277ca(cc_store *s, const char *p, size_t n,
                           const char *name, int64_t file_id, cc_note_fn fn,
                           void *ctx, cc_receive_result *res,
                           cc_err *err) CC_WARN_UNUSED;

/* What a file is: "999", "277CA" (277 with GS08 005010X214), "277", "835",
 * "271", or CC_E_UNSUPPORTED naming what it is instead. kind >= 8 bytes. */
cc_code cc_remit_identify(const char *p, size_t n, const char *name,
                          char *kind, cc_err *err) CC_WARN_UNUSED;

/* Receive one file: validate it first (any SNIP 1-2 error refuses it with
 * CC_E_INVALID, the first error's position in err, nothing changed), then
 * identify it, then apply it in one transaction with the raw bytes kept.
 * The same bytes a second time change nothing (res->already). */
cc_code cc_remit_receive(cc_store *s, const char *p, size_t n,
                         const char *name, cc_note_fn fn, void *ctx,
                         cc_receive_result *res, cc_err *err) CC_WARN_UNUSED;

/* Submission (cc_claims_submit) and lineage (cc_claims_trace) are declared
 * in claims.h. */

#endif
