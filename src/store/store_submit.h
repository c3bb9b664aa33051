/* store_submit.h - private to the library: the SQL of the claim lifecycle
 * outside posting: control numbers, X12 files kept whole, submission, 999 /
 * 277CA / 277 answers, eligibility on coverages, and the lineage document. */
#ifndef CC_STORE_SUBMIT_H
#define CC_STORE_SUBMIT_H

#include "cleanclaim/store.h"

/* ---- store_submit.c ---------------------------------------------------- */

/* Reserve count consecutive values of counter name ("isa", "gs", "st");
 * *first receives the first. Values run 1..999999999 and then wrap to 1.
 * Call inside the transaction that records what used them. */
cc_code store_x12_counter_next(cc_store *s, const char *name, uint32_t count,
                               uint32_t *first, cc_err *err) CC_WARN_UNUSED;

/* Keep an X12 file (its bytes too). direction "in" or "out"; kind "837P",
 * "999", "277CA", "271"...; path, controls and version may be NULL. */
typedef struct store_x12_file {
  const char *direction, *kind, *path, *isa_control, *gs_control,
      *st_control, *version;
  const char *content;
  size_t n;
} store_x12_file;
cc_code store_x12_file_add(cc_store *s, const store_x12_file *f, int64_t *id,
                           cc_err *err) CC_WARN_UNUSED;
/* The received file with exactly these bytes: its id and when it came
 * (at >= 21 bytes), or CC_E_NOTFOUND. */
cc_code store_x12_file_find_in(cc_store *s, const char *p, size_t n,
                               int64_t *id, char *at, size_t at_cap,
                               cc_err *err) CC_WARN_UNUSED;

/* Ready claims (of one payer when payer_code is not NULL), ordered by
 * payer, form and id. fn returns non-zero to stop. */
typedef int (*store_ready_fn)(void *ctx, int64_t claim_id, int64_t payer_id,
                              const char *payer_code, const char *form);
cc_code store_submit_ready(cc_store *s, const char *payer_code,
                           store_ready_fn fn, void *ctx,
                           cc_err *err) CC_WARN_UNUSED;
/* Where a claim went out: file, ST02 and the CLM segment's number. */
cc_code store_submit_record(cc_store *s, int64_t claim_id, int64_t file_id,
                            const char *st_control, uint32_t clm_seg,
                            cc_err *err) CC_WARN_UNUSED;
/* Move a claim to status and say why in its history (detail may be NULL).
 * updated_at is set too. */
cc_code store_claim_status(cc_store *s, int64_t claim_id, const char *status,
                           const char *source, const char *detail,
                           cc_err *err) CC_WARN_UNUSED;
/* A work-queue task on the claim (the rejection reason as its title). */
cc_code store_claim_task(cc_store *s, int64_t claim_id, const char *title,
                         cc_err *err) CC_WARN_UNUSED;

/* How an earlier payer adjudicated the claim this one follows (the
 * primary for a secondary claim), as posting its 835 kept it. Rows come per
 * prior claim: one 'C' (claim paid, patient responsibility), then one 'L'
 * per paid line (line_no, code, paid), then one 'A' per adjustment
 * (line_no 0 = claim level; group, reason, amount as the CAS said).
 * Strings are borrowed for the call. */
typedef struct store_cob_row {
  int64_t prior_claim_id;
  const char *payer_code, *payer_name, *responsibility, *filing_indicator,
      *member_id, *group_number, *relationship, *sub_last, *sub_first,
      *payer_claim_number, *adjudicated; /* ISO date */
  char row;               /* 'C', 'L' or 'A' */
  uint32_t line_no;
  const char *code;       /* 'L': procedure code the payer answered */
  int64_t paid_cents;     /* 'C', 'L' */
  int64_t resp_cents;     /* 'C': CLP05 */
  bool has_resp;
  const char *group_code, *reason_code; /* 'A' */
  int64_t amount_cents;   /* 'A' */
} store_cob_row;
typedef int (*store_cob_fn)(void *ctx, const store_cob_row *r);
cc_code store_submit_cob(cc_store *s, int64_t claim_id, store_cob_fn fn,
                         void *ctx, cc_err *err) CC_WARN_UNUSED;

/* ---- store_ack.c ------------------------------------------------------- */

/* Claims sent in the outgoing file whose GS06 is gs_control, in the set
 * whose ST02 is st_control (NULL = every set of the group). */
typedef int (*store_claim_fn)(void *ctx, int64_t claim_id);
cc_code store_ack_sent(cc_store *s, const char *gs_control,
                       const char *st_control, store_claim_fn fn, void *ctx,
                       cc_err *err) CC_WARN_UNUSED;
/* Claims a 277CA's provider-level status (2200C) speaks about: those of
 * the billing provider with NPI npi sent in the outgoing 837 transaction
 * set whose BHT03 (our ST02) is batch, that a 277CA can still change
 * (submitted, accepted, rejected). Nothing when batch is not a number. */
cc_code store_ack_provider_claims(cc_store *s, const char *batch,
                                  const char *npi, store_claim_fn fn,
                                  void *ctx, cc_err *err) CC_WARN_UNUSED;
/* The kind (270, 276...) of an outgoing file other than an 837 whose GS06
 * is gs_control (kind >= 8 bytes); CC_E_NOTFOUND when none. */
cc_code store_ack_sent_other(cc_store *s, const char *gs_control, char *kind,
                             cc_err *err) CC_WARN_UNUSED;
/* A claim by its control number (CLM01), else by the payer's claim number;
 * status (>= 12 bytes) receives its status. CC_E_NOTFOUND when none. */
cc_code store_ack_claim(cc_store *s, const char *pcn,
                        const char *payer_claim_no, int64_t *id, char *status,
                        cc_err *err) CC_WARN_UNUSED;
typedef struct store_response {
  int64_t claim_id, file_id;
  const char *kind;       /* "999", "277CA", "277" */
  int accepted;           /* 1, 0, or -1 for neither */
  const char *code, *status_date, *payer_claim_number, *detail;
  int64_t amount_cents;
  bool has_amount;
  uint32_t segment_index;
} store_response;
cc_code store_ack_response(cc_store *s, const store_response *r,
                           cc_err *err) CC_WARN_UNUSED;

/* ---- store_elig.c ------------------------------------------------------ */

/* The practice's envelope and provider settings (first practice). Strings
 * live in the statement owner's arena a. */
typedef struct store_practice {
  const char *name, *npi, *tax_id, *submitter_id, *submitter_name,
      *receiver_id, *receiver_name, *isa_sender_qual, *isa_receiver_qual,
      *usage;
} store_practice;
cc_code store_elig_practice(cc_store *s, cc_arena *a, store_practice *out,
                            cc_err *err) CC_WARN_UNUSED;

/* Who to ask about: a patient's coverage of the given priority in force
 * on date (ISO), with the payer and subscriber. */
typedef struct store_elig_who {
  int64_t patient_id, coverage_id;
  const char *account_no, *last, *first, *birth_date, *sex;
  const char *relationship, *member_id, *group_number;
  const char *sub_last, *sub_first, *sub_birth_date, *sub_sex;
  const char *payer_code, *payer_name;
} store_elig_who;
cc_code store_elig_who_get(cc_store *s, const char *account_no,
                           const char *date_iso, const char *priority,
                           cc_arena *a, store_elig_who *out,
                           cc_err *err) CC_WARN_UNUSED;
/* The coverage a 271 answers: by id when cov_id > 0 and it belongs to the
 * payer, else by payer and member id (and, when several, by the patient's
 * first name or birth date). */
cc_code store_elig_coverage_match(cc_store *s, int64_t cov_id,
                                  const char *payer_code,
                                  const char *member_id, const char *first,
                                  const char *birth_date, int64_t *out,
                                  cc_err *err) CC_WARN_UNUSED;
/* Eligibility result; NULL strings / has_* false store NULL. */
typedef struct store_elig_result {
  int64_t coverage_id, file_id;
  const char *checked_date, *plan, *message;
  int active; /* 1, 0, -1 unknown */
  int64_t copay, coins_bp, deductible, deductible_left, oop, oop_left;
  bool has_copay, has_coins, has_deductible, has_deductible_left, has_oop,
      has_oop_left;
} store_elig_result;
cc_code store_elig_update(cc_store *s, const store_elig_result *r,
                          cc_err *err) CC_WARN_UNUSED;

/* Claims with no answer from the payer: submitted or accepted, sent on or
 * before cutoff (ISO date), no 277 since and no 835 about it. */
typedef struct store_status_claim {
  int64_t claim_id;
  const char *control_number, *payer_claim_number, *first_date, *last_date;
  int64_t total_cents;
  const char *payer_code, *payer_name;
  const char *prov_last, *prov_first, *prov_npi, *prov_kind;
  const char *relationship, *member_id;
  const char *sub_last, *sub_first, *sub_birth_date, *sub_sex;
  const char *pat_last, *pat_first, *pat_birth_date, *pat_sex, *account_no;
} store_status_claim;
typedef int (*store_status_fn)(void *ctx, const store_status_claim *c);
cc_code store_elig_unanswered(cc_store *s, const char *cutoff_iso,
                              store_status_fn fn, void *ctx,
                              cc_err *err) CC_WARN_UNUSED;

/* ---- store_trace.c ----------------------------------------------------- */

/* The lineage of one claim (key: row id or CLM01) as one JSON document:
 * claim, lines, submissions, answers, ledger entries by line and source
 * file, status history. Appends to out; CC_E_NOTFOUND when none. */
cc_code store_trace_json(cc_store *s, const char *key, cc_buf *out,
                         cc_err *err) CC_WARN_UNUSED;

#endif
