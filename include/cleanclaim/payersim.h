/* payersim.h - a payer and clearinghouse simulator: the other side of the
 * wire. It reads 837, 270 and 276 files and answers with 999, 277CA, 835,
 * 271 and 277, adjudicating claims against payer profiles (JSON).
 *
 * The simulator keeps its own state (member accumulators, claims seen,
 * adjudications waiting for their pay date, control counters); it never
 * touches the practice database. Everything is deterministic for a given
 * seed, profiles, state and inputs: no clock, no rand(). A demo drives it
 * day by day:
 *
 *   cc_payersim *ps = cc_payersim_new(seed);
 *   cc_payersim_add_profile_file(ps, "data/payersim/commercial.json", &err);
 *   for each day d:
 *     cc_payersim_receive(ps, x12, n, "day.837", d, &files, &err);  // 999, 277CA
 *     cc_payersim_release(ps, d, &files, &err);                     // 835s due
 *   cc_payersim_files_free(&files); cc_payersim_free(ps);
 *
 * Ownership: a cc_payersim owns its profiles, state and adjudications;
 * pointers it returns are borrowed and valid until the next call that
 * changes it. cc_payersim_files owns its buffers. Not thread-safe. */
#ifndef CLEANCLAIM_PAYERSIM_H
#define CLEANCLAIM_PAYERSIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claims.h"
#include "core.h"

#define CC_PAYERSIM_MAX_CAS 8     /* adjustments per line or claim */
#define CC_PAYERSIM_MAX_REMARKS 4 /* RARC per line or claim */

typedef struct cc_payersim cc_payersim;

/* One adjustment: group (CO, PR, OA, PI), CARC reason, amount. */
typedef struct cc_payersim_cas {
  char group[3];
  char reason[6];
  cc_money amount;
} cc_payersim_cas;

/* How one service line was adjudicated. charge - paid = sum of cas. */
typedef struct cc_payersim_line {
  uint32_t lx;            /* LX01 of the 837 line */
  char proc_qual[3];      /* HC, NU (revenue code only)... */
  char proc[49];
  char mod[4][3];
  char revenue[5];
  cc_money charge;
  cc_money allowed;       /* AMT B6 */
  cc_money paid;
  int64_t units_milli;
  cc_day from, to;
  char line_control[51];  /* REF 6R echoed back */
  cc_money copay, deductible, coinsurance; /* PR-3, PR-1, PR-2 */
  cc_payersim_cas cas[CC_PAYERSIM_MAX_CAS];
  uint16_t n_cas;
  char remarks[CC_PAYERSIM_MAX_REMARKS][8]; /* RARC (LQ*HE) */
  uint16_t n_remarks;
} cc_payersim_line;

/* How one claim was adjudicated (one CLP loop of an 835). */
typedef struct cc_payersim_adj {
  char pcn[39];            /* CLP01 = CLM01 */
  char status[3];          /* CLP02: 1, 2, 3 processed; 4 denied; 22 reversal */
  char payer_claim_no[31]; /* CLP07 */
  char payer_id[81];       /* profile that adjudicated it */
  char member_id[81];
  char patient_last[61], patient_first[36];
  char billing_npi[81], billing_name[61];
  char submitter_id[16], submitter_qual[3]; /* who gets the 835 (ISA06/05) */
  char filing[3];          /* CLP06 */
  char facility_code[3];   /* CLP08 */
  char frequency;          /* CLP09 */
  cc_money charge, paid, patient_resp, allowed;
  cc_money deductible, oop; /* what it added to the member's accumulators */
  int plan_year;            /* the accumulators' plan year */
  cc_day received, pay_date, first, last;
  char denial[6];          /* main CARC when the claim was denied; "" */
  cc_payersim_cas cas[CC_PAYERSIM_MAX_CAS]; /* claim-level CAS */
  uint16_t n_cas;
  cc_payersim_line *lines; /* owned by the simulator */
  uint32_t n_lines;
  bool released;           /* already sent in an 835 */
  bool reversed;           /* a later reversal (CLP02 22) undid it */
  bool reprocessed;        /* the payer's own correction of a claim it paid
                              and then reversed (reversal_per_mille) */
} cc_payersim_adj;

/* Front-end outcome of one claim at the clearinghouse (277CA). */
typedef struct cc_payersim_ack {
  bool accepted;
  char stc[16];            /* STC01: "A2:20:PR", "A3:33:IL", "A7:562:85" */
  char reason[96];         /* for people: why it was rejected */
} cc_payersim_ack;

/* Files a call produced, in order. */
typedef struct cc_payersim_file {
  char kind[6];            /* "999", "277CA", "835", "271", "277", "TA1" */
  char name[64];           /* suggested file name: "000000001.835" */
  cc_buf data;
} cc_payersim_file;

typedef struct cc_payersim_files {
  cc_payersim_file *v;     /* owned */
  size_t n, cap;
} cc_payersim_files;

void cc_payersim_files_free(cc_payersim_files *f); /* NULL is a no-op */

/* A simulator with no profiles and empty state. Returns owned (NULL when
 * out of memory). */
cc_payersim *cc_payersim_new(uint64_t seed);
void cc_payersim_free(cc_payersim *ps); /* NULL is a no-op */

/* Add a payer profile from JSON text (borrowed; the format is in
 * docs/PAYERSIM.md and `cleanclaim payersim --help`). CC_E_SYNTAX or
 * CC_E_INVALID with err naming the file, line and field. A second profile
 * with the same payer_id replaces the first. */
cc_code cc_payersim_add_profile(cc_payersim *ps, const char *json, size_t n,
                                const char *name, cc_err *err) CC_WARN_UNUSED;
cc_code cc_payersim_add_profile_file(cc_payersim *ps, const char *path,
                                     cc_err *err) CC_WARN_UNUSED;

/* State (accumulators, claims seen, pending adjudications, counters) as a
 * text file. Loading a path that does not exist leaves the state empty and
 * returns CC_OK. Saving writes a temporary file and renames it. */
cc_code cc_payersim_load_state(cc_payersim *ps, const char *path,
                               cc_err *err) CC_WARN_UNUSED;
cc_code cc_payersim_save_state(const cc_payersim *ps, const char *path,
                               cc_err *err) CC_WARN_UNUSED;

/* Adjudicate one claim received on day `received` as the payer named by
 * its 2010BB NM109 would. Updates the member's accumulators and the claims
 * seen; the result (borrowed, owned by ps) waits for its pay date.
 * CC_E_NOTFOUND when no profile has that payer id or the member is
 * unknown (front-end rejections: see cc_payersim_screen). Corrections
 * (frequency 7) and voids (8) of a claim seen before add a reversal
 * (CLP02 22) first, returned in *reversal (NULL when none). */
cc_code cc_payersim_adjudicate(cc_payersim *ps, const cc_claim *c,
                               cc_day received, const cc_payersim_adj **out,
                               const cc_payersim_adj **reversal,
                               cc_err *err) CC_WARN_UNUSED;

/* The clearinghouse's front-end edits for one claim (277CA): known payer,
 * known member, valid billing and rendering NPIs, a void or correction of
 * a claim the payer has seen. */
void cc_payersim_screen(const cc_payersim *ps, const cc_claim *c,
                        cc_payersim_ack *ack);

/* Read an interchange (837P/837I, 270 or 276) received on `date` (0 = the
 * interchange's ISA09 date) and append the answers to out: a 999 for every
 * interchange (TA1 when its envelope is broken), then a 277CA for claims,
 * a 271 for eligibility requests or a 277 for status requests. Claims
 * accepted at the 277CA are adjudicated; their 835 comes from
 * cc_payersim_release on or after their pay date. */
cc_code cc_payersim_receive(cc_payersim *ps, const char *p, size_t n,
                            const char *name, cc_day date,
                            cc_payersim_files *out, cc_err *err) CC_WARN_UNUSED;

/* The day the last cc_payersim_receive answered on (its date, or the
 * interchange's ISA09); 0 before any. */
cc_day cc_payersim_last_day(const cc_payersim *ps);

/* Append one 835 per payer and receiver for every adjudication due on or
 * before `date` and not yet released (none when nothing is due). First,
 * payers with a reversal_per_mille reprocess a seeded share of the claims
 * they paid (primary, original, paid more than zero): 5 to 14 days after
 * that payment, a reversal (CLP02 22, every amount negated) and a
 * corrected adjudication (CLP02 1, new payer claim number, RARC MA67) after
 * a fee schedule correction that lowers each priced line's allowed amount
 * by 10 %; both go out on the 835 of `date`. */
cc_code cc_payersim_release(cc_payersim *ps, cc_day date,
                            cc_payersim_files *out, cc_err *err) CC_WARN_UNUSED;

/* Accumulators of a member for the plan year containing `day`: deductible
 * and out-of-pocket amounts met so far. CC_E_NOTFOUND for an unknown
 * payer or member. */
cc_code cc_payersim_accum(const cc_payersim *ps, const char *payer_id,
                          const char *member_id, cc_day day,
                          cc_money *deductible_met, cc_money *oop_met,
                          cc_err *err) CC_WARN_UNUSED;

/* Adjudications in the order they were made (reversals included). */
size_t cc_payersim_count(const cc_payersim *ps);
const cc_payersim_adj *cc_payersim_get(const cc_payersim *ps, size_t i);

#endif
