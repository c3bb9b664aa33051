/* scrub.h - the claim scrubber: every claim is judged against the code sets,
 * the NCCI edit tables, the payer's rules, the patient's coverage and
 * authorizations, and claims already sent, before it leaves the building.
 *
 * Usage: open a snapshot once (it reads everything the rules need into
 * memory), then scrub any number of claims against it. Scrubbing a claim
 * runs no SQL and allocates nothing per line; findings are handed to a
 * callback as they are found.
 *
 *   cc_scrub *sc;
 *   if (cc_scrub_open(store, CC_DAY_NONE, &sc, &err)) ...
 *   cc_scrub_summary sum = {0};
 *   cc_scrub_claim(sc, claim, on_finding, ctx, &sum);
 *   cc_scrub_free(sc);
 *
 * Rule names are a stable interface (docs/internals/RULES.md). A rule whose
 * parameters are absent (a code set not loaded, no payer rules, no coverage
 * on file) does not fire. */
#ifndef CLEANCLAIM_SCRUB_H
#define CLEANCLAIM_SCRUB_H

#include "claims.h"
#include "codes.h"
#include "core.h"
#include "store.h"

typedef struct cc_scrub cc_scrub;

/* One finding. Every string is borrowed and valid only during the
 * callback. The text (message, fix, source) is written only when asked
 * for, through the three calls below: a caller that only counts findings
 * pays nothing for words. The fields message, fix and source are NULL in
 * the scrubber's findings; a finding built by hand may set them, and the
 * calls then return them. */
typedef struct cc_scrub_finding {
  const char *claim;    /* CLM01, the claim's submitter identifier */
  uint32_t line;        /* service line number (LX01); 0 = the claim */
  const char *rule;     /* "NPI_INVALID", ... */
  cc_severity severity; /* CC_SEV_ERROR blocks submission; WARNING not */
  cc_claim_loc loc;     /* where in the file, when the claim came from one
                           (zero otherwise) */
  const char *message, *fix, *source; /* see above */
  const void *lazy;     /* private: how the scrubber writes the text */
} cc_scrub_finding;

/* What is wrong, quoting the claim's values. Borrowed; valid during the
 * callback (and until the next of these calls on another finding). */
const char *cc_scrub_finding_message(const cc_scrub_finding *f);
/* What to do about it. */
const char *cc_scrub_finding_fix(const cc_scrub_finding *f);
/* The code-set release, edit-table row or payer rule the finding rests on,
 * with its dates. */
const char *cc_scrub_finding_source(const cc_scrub_finding *f);

typedef void (*cc_scrub_finding_fn)(void *ctx, const cc_scrub_finding *f);

/* Counts over the claims scrubbed; zero it before the first claim. */
typedef struct cc_scrub_summary {
  uint64_t claims, clean, with_errors, with_warnings; /* with_warnings:
                           claims with warnings and no errors */
  uint64_t lines, errors, warnings;
} cc_scrub_summary;

/* Read what the rules need from the store (may be NULL: only the rules that
 * need nothing from a database run) into memory: the code sets and edit
 * tables as they stood on as_of, payers and their rules, coverages,
 * authorizations, and claims already submitted. "Today" for the rules
 * (future dates, timely filing) is as_of, or cc_date_today() when as_of is
 * CC_DAY_NONE. Returns owned in *out; free with cc_scrub_free. */
cc_code cc_scrub_open(cc_store *s, cc_day as_of, cc_scrub **out,
                      cc_err *err) CC_WARN_UNUSED;
/* A new snapshot as of as_of that keeps prev's code sets and edit tables
 * (and the lookups already answered on them) instead of reading them again,
 * and re-reads the rest (payers, coverages, authorizations, claims already
 * sent; the batch starts empty): for a caller that scrubs day after day
 * while no code set is loaded or removed. The code rows are those kept at
 * prev's as_of; lookups go by date of service. prev is consumed (freed) in
 * every case; prev NULL is cc_scrub_open. */
cc_code cc_scrub_reopen(cc_store *s, cc_day as_of, cc_scrub *prev,
                        cc_scrub **out, cc_err *err) CC_WARN_UNUSED;
void cc_scrub_free(cc_scrub *sc); /* NULL is a no-op */
/* The code snapshot in use (borrowed from sc); NULL without a store. */
const cc_codes *cc_scrub_codes(const cc_scrub *sc);
/* The day the rules take as today. */
cc_day cc_scrub_today(const cc_scrub *sc);

/* Scrub one claim (borrowed). Findings go to fn (may be NULL) in rule
 * order; sum (may be NULL) is updated. Claims scrubbed on one snapshot form
 * a batch: a claim repeating an earlier one of the batch is a duplicate.
 * Returns the number of error findings of this claim. Not thread-safe on
 * one snapshot. */
uint32_t cc_scrub_claim(cc_scrub *sc, const cc_claim *c, cc_scrub_finding_fn fn,
                        void *ctx, cc_scrub_summary *sum);

/* Scrub one claim together with the problems the 837 reader attached to it
 * (missing segments, unreadable values...): each becomes a finding on the
 * claim or line it affects (rule X12_STRUCTURE), except the ones a rule
 * judges from the claim's fields itself (demographics, pointers). */
uint32_t cc_scrub_claim_with(cc_scrub *sc, const cc_claim *c,
                             const cc_claim_problem *probs, size_t n_probs,
                             cc_scrub_finding_fn fn, void *ctx,
                             cc_scrub_summary *sum);

/* Scrub every claim of an 837P/837I file. CC_OK when the file could be read
 * to its end (findings or not); the reader's error otherwise (claims read
 * before it were scrubbed). */
cc_code cc_scrub_file(cc_scrub *sc, const char *path, cc_scrub_finding_fn fn,
                      void *ctx, cc_scrub_summary *sum,
                      cc_err *err) CC_WARN_UNUSED;

/* Scrub claims of the database: one claim (id > 0), or every claim whose
 * status is status (NULL = every claim). Each claim's scrub is recorded
 * (scrub_run with its error and warning counts, and every finding with its
 * text, in scrub_finding), and a claim not yet sent (draft, built, held,
 * ready) becomes "ready" when it has no error and "held" otherwise; claims
 * already sent keep their status. One transaction per claim.
 * CC_E_NOTFOUND for an unknown id. */
cc_code cc_scrub_store(cc_scrub *sc, cc_store *s, int64_t id,
                       const char *status, cc_scrub_finding_fn fn, void *ctx,
                       cc_scrub_summary *sum, cc_err *err) CC_WARN_UNUSED;

/* Print a finding as
 *   CLAIM:LINE: RULE severity: message; fix: suggestion [source: source]
 * (LINE is "-" for the claim; the source part is left out when empty) or,
 * with json, as one JSON object per line with claim, line (number or null),
 * rule, severity, message, fix, source. */
void cc_scrub_finding_print(const cc_scrub_finding *f, bool json, FILE *out);
/* "N claims checked: N clean, N with errors, N with warnings". */
void cc_scrub_summary_print(const cc_scrub_summary *s, bool json, FILE *out);

/* The rule catalogue, in the order rules run. */
size_t cc_scrub_rule_count(void);
const char *cc_scrub_rule_name(size_t i);    /* NULL past the end */
const char *cc_scrub_rule_summary(size_t i); /* one line; NULL past the end */

#endif
