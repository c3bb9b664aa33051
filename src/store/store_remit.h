/* store_remit.h - private to the library: the SQL 835 posting runs, as
 * statements prepared once per posting so that a file of 100,000 claims
 * costs no re-parsing of SQL. */
#ifndef CC_STORE_REMIT_H
#define CC_STORE_REMIT_H

#include "cleanclaim/store.h"

typedef struct store_post store_post;

cc_code store_post_open(cc_store *s, store_post **out, cc_err *err) CC_WARN_UNUSED;
void store_post_close(store_post *p); /* NULL is a no-op */

/* An 835 file already stored with these bytes and posted: its id, or 0. */
cc_code store_post_file_by_sha(store_post *p, const char *sha, int64_t *id,
                               cc_err *err) CC_WARN_UNUSED;
cc_code store_post_file_add(store_post *p, const char *path, const char *sha,
                            const char *isa, const char *gs, const char *version,
                            const char *st, const void *raw, size_t n,
                            int64_t *id, cc_err *err) CC_WARN_UNUSED;
/* The remittance with this identity: its id, or 0. */
cc_code store_post_remit_find(store_post *p, const char *payer_key,
                              const char *trace, int64_t cents, int64_t *id,
                              cc_err *err) CC_WARN_UNUSED;
typedef struct store_remit_rec {
  int64_t file_id, set_index;
  const char *payer_key, *payer_name, *trace, *method, *pay_date, *posted;
  int64_t paid_cents, plb_cents, claims;
} store_remit_rec;
cc_code store_post_remit_add(store_post *p, const store_remit_rec *r,
                             int64_t *id, cc_err *err) CC_WARN_UNUSED;

/* Look up these claims (control numbers, in the order the posting will
 * ask for them; borrowed until store_post_prefetch_stop or
 * store_post_close) on another thread while the posting writes; call inside
 * the posting's transaction. Only a speed-up: without it (or when it
 * cannot run) every lookup is made on the posting's connection. */
void store_post_prefetch(store_post *p, const char *const *keys, size_t n);
/* Ends the lookups; before the commit, so its read snapshot does not hold
 * the checkpoint back. */
void store_post_prefetch_stop(store_post *p);
/* Our claim by its control number (CLM01 = CLP01). */
typedef struct store_post_claim {
  int64_t id, patient_id, payer_id, encounter_id;
  char responsibility[12];
  char first_service[11];
  int64_t total_charge_cents;
  char member_id[64]; /* of the claim's coverage, "" when unknown */
  int64_t provider_id; /* billing provider, 0 when none */
  bool has_charges;    /* charge entries on the books already */
  char status[12];     /* claim.status, changes of this posting included */
  char age_date[11];   /* ar_balance's age date (STORE_CLAIM_AGE_DATE) */
  /* What its first adjudication's facts need (STORE_CLAIM_ORIGINAL, _
   * SUBMISSIONS, _FIRST_SUB in store_ledger.h); posting changes none. */
  bool original;
  int64_t submissions;
  char first_sub[11]; /* "" when never submitted */
} store_post_claim;
cc_code store_post_claim_find(store_post *p, const char *control,
                              store_post_claim *c, cc_err *err) CC_WARN_UNUSED;
/* Lines of a claim, in line_no order; strings borrowed for the call. */
typedef struct store_post_line {
  int64_t id, line_no, charge_cents;
  const char *control, *code, *mod[4], *from_date;
} store_post_line;
typedef cc_code (*store_post_line_fn)(void *ctx, const store_post_line *l);
cc_code store_post_claim_lines(store_post *p, int64_t claim_id,
                               store_post_line_fn fn, void *ctx,
                               cc_err *err) CC_WARN_UNUSED;
/* Another claim of the same encounter holding the charges, or 0, with
 * its billing provider. */
cc_code store_post_ledger_claim(store_post *p, int64_t encounter_id,
                                int64_t claim_id, int64_t *id,
                                int64_t *provider_id,
                                cc_err *err) CC_WARN_UNUSED;
/* The payer of the patient's next coverage after `after` (priority name)
 * active on day (may be NULL), other than payer_id; 0 = the patient. */
cc_code store_post_next_payer(store_post *p, int64_t patient_id,
                              const char *after, const char *day,
                              int64_t payer_id, int64_t *next,
                              cc_err *err) CC_WARN_UNUSED;

/* What payer_id and the patient owe on each line of a claim's books
 * (line 0: entries on no line), entries still waiting included. */
typedef cc_code (*store_balance_fn)(void *ctx, int64_t line_id, int64_t payer,
                                    int64_t patient);
cc_code store_post_balances(store_post *p, int64_t claim_id, int64_t payer_id,
                            store_balance_fn fn, void *ctx,
                            cc_err *err) CC_WARN_UNUSED;

/* COMMIT of the posting's transaction. The copy of a large posting's WAL
 * into the database (SQLite's checkpoint, most of it I/O) runs on another
 * thread; cc_store_close waits for it. */
cc_code store_post_commit(store_post *p, cc_err *err) CC_WARN_UNUSED;

/* One ledger entry; 0 ids and NULL strings store NULL. provider_id is
 * the claim's billing provider (not stored in the entry: ledger_day
 * counts by it). */
typedef struct store_entry_rec {
  int64_t patient_id, claim_id, claim_line_id, payer_id, provider_id;
  const char *kind, *group_code, *reason_code;
  int64_t amount_cents;
  const char *posted_date, *service_date, *reference;
  int64_t source_file_id, reverses_id, remit_claim_id, segment_index;
  const char *age_date; /* claim_id's age date when known, else NULL */
} store_entry_rec;
/* Entries are written in groups: one may still wait in memory until
 * store_post_flush (or a call that reads entries) writes it. Strings
 * are copied; each must fit its column (kind, group, reason, dates,
 * reference up to 63 bytes: the TRN02 the reader allows). */
cc_code store_post_entry(store_post *p, const store_entry_rec *e,
                         cc_err *err) CC_WARN_UNUSED;
cc_code store_post_flush(store_post *p, cc_err *err) CC_WARN_UNUSED;

typedef struct store_rclaim_rec {
  int64_t remittance_id, claim_id, ledger_claim_id, payer_id, segment_index;
  const char *status_code, *payer_claim_number;
  int64_t charge_cents, paid_cents, patient_resp_cents;
  /* For the claim's first facts: the remittance's posting day and the
   * claim as store_post_claim_find gave it. */
  const char *posted_date;
  const store_post_claim *claim;
} store_rclaim_rec;
cc_code store_post_rclaim_add(store_post *p, const store_rclaim_rec *r,
                              int64_t *id, cc_err *err) CC_WARN_UNUSED;
cc_code store_post_rline_add(store_post *p, int64_t rclaim_id, int64_t line_id,
                             int64_t seg, const char *code, int64_t charge,
                             int64_t paid, int64_t allowed /* INT64_MIN none */,
                             cc_err *err) CC_WARN_UNUSED;
cc_code store_post_denial_add(store_post *p, int64_t claim_id, int64_t line_id,
                              int64_t rclaim_id, const char *group,
                              const char *reason, const char *remarks,
                              int64_t amount, int64_t seg,
                              cc_err *err) CC_WARN_UNUSED;
cc_code store_post_plb_add(store_post *p, int64_t remittance_id, int64_t seg,
                           const char *provider, const char *fiscal_date,
                           const char *reason, const char *reference,
                           int64_t amount, cc_err *err) CC_WARN_UNUSED;
/* Status change with its history row (source '835'); payer claim number
 * kept when given. */
cc_code store_post_claim_status(store_post *p, int64_t claim_id,
                                const char *status, const char *payer_claim_no,
                                const char *detail, cc_err *err) CC_WARN_UNUSED;
/* The latest posting of this claim by this payer not yet reversed (0 when
 * none), with what it paid. */
cc_code store_post_last_rclaim(store_post *p, int64_t claim_id,
                               int64_t payer_id, int64_t *id, int64_t *paid,
                               cc_err *err) CC_WARN_UNUSED;
/* Undo every entry of rclaim old with opposite reversal entries belonging
 * to rclaim now; mark old reversed and close its open denials. Returns the
 * number of entries written in *n. */
cc_code store_post_reverse(store_post *p, int64_t old, int64_t now,
                           const char *posted, int64_t file_id, int64_t seg,
                           int64_t *n, cc_err *err) CC_WARN_UNUSED;

/* Summaries: with the summary trigger dropped (store_ledger_bulk_begin),
 * posting adds up what each entry it writes does to ar_balance and
 * ledger_day as it goes, with the trigger's meaning (a reversal counts
 * under the kind and group of the entry it reverses), and writes the
 * sums once per file. Call once, before store_ledger_bulk_end with
 * summed set. */
cc_code store_post_write_sums(store_post *p, cc_err *err) CC_WARN_UNUSED;
/* Likewise claim_first_adj and claim_first_pay (the first_adj_insert
 * trigger's meaning) for the claim payments this posting wrote; then set
 * store_ledger_bulk.facts_done. */
cc_code store_post_write_facts(store_post *p, cc_err *err) CC_WARN_UNUSED;

/* A claim payment that names no claim of ours, held as unapplied cash. */
typedef struct store_unapplied_rec {
  int64_t remittance_id, file_id, segment_index;
  const char *claim_ref, *status_code, *payer_claim_number;
  const char *patient_last, *patient_first, *member_id, *posted, *reason;
  int64_t charge_cents, paid_cents, patient_resp_cents;
} store_unapplied_rec;
cc_code store_post_unapplied_add(store_post *p, const store_unapplied_rec *u,
                                 cc_err *err) CC_WARN_UNUSED;

/* Unapplied cash `id` as posting held it, with the bytes of the 835 it
 * came in (content: malloc'd, the caller frees it). CC_E_NOTFOUND when
 * there is no such row. */
typedef struct store_unapplied_held {
  int64_t remittance_id, file_id, segment_index;
  bool open; /* not applied yet */
  char claim_ref[64];
  char posted[11]; /* the day its remittance was posted */
  char *content;
  size_t n;
} store_unapplied_held;
cc_code store_post_unapplied_get(store_post *p, int64_t id,
                                 store_unapplied_held *u,
                                 cc_err *err) CC_WARN_UNUSED;
/* Marks it applied to claim_id (the caller checked it was open, in the
 * same transaction). */
cc_code store_post_unapplied_applied(store_post *p, int64_t id,
                                     int64_t claim_id,
                                     cc_err *err) CC_WARN_UNUSED;

/* The posting policy rows (payer_id 0 = default). */
typedef cc_code (*store_policy_fn)(void *ctx, int64_t payer_id,
                                   const char *group, const char *reason,
                                   const char *action);
cc_code store_post_policy(store_post *p, store_policy_fn fn, void *ctx,
                          cc_err *err) CC_WARN_UNUSED;

#endif
