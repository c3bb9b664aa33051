/* store_claims_cob.h - for src/claims: each earlier payer's answer to the
 * claims a secondary or tertiary claim follows, as the 835 it came in. */
#ifndef CC_STORE_CLAIMS_COB_H
#define CC_STORE_CLAIMS_COB_H

#include "store_int.h"

/* SQL: the CTEs me (claim ?1) and prior, the claims it follows: its
 * original (original_claim_id) when that went to another payer, else the
 * same encounter's claims of an earlier responsibility. */
#define STORE_COB_PRIOR                                                      \
  "WITH me AS (SELECT * FROM claim WHERE id=?1),"                           \
  " prior AS (SELECT p.* FROM claim p, me WHERE p.id<>me.id AND "           \
  "p.payer_id<>me.payer_id AND p.status<>'void' AND ("                      \
  "p.id=me.original_claim_id OR (me.encounter_id IS NOT NULL AND "          \
  "p.encounter_id=me.encounter_id AND (CASE p.responsibility WHEN "         \
  "'primary' THEN 1 WHEN 'secondary' THEN 2 ELSE 3 END) < (CASE "           \
  "me.responsibility WHEN 'primary' THEN 1 WHEN 'secondary' THEN 2 ELSE "   \
  "3 END))))"

/* One earlier payer's answer (one unreversed CLP) to a claim this one
 * follows. The adjudication itself is read from content: the posting
 * policy leaves some adjustments off the ledger (OA 23, what a secondary
 * says about money it never owed), yet the next payer's COB loops must
 * carry all of them to balance. Everything is borrowed for the call. */
typedef struct store_cob_answer {
  int64_t prior_claim_id;
  const char *payer_code, *payer_name, *responsibility, *filing_indicator,
      *member_id, *group_number, *relationship, *sub_last, *sub_first,
      *payer_claim_number, *adjudicated; /* ISO date (BPR16, else posted) */
  const char *content;   /* the 835 as received; NULL when not kept */
  size_t content_n;
  uint32_t clp_seg;      /* the CLP's segment number in content */
  size_t n_svc;          /* SVCs posted to a line of this claim: */
  const uint32_t *svc_seg;  /* their segment numbers, ascending */
  const uint32_t *svc_line; /* this claim's line_no for each (0: none) */
} store_cob_answer;
typedef int (*store_cob_answer_fn)(void *ctx, const store_cob_answer *a);

/* The answers, earlier responsibility first, then claim and CLP order.
 * The prior claims are STORE_COB_PRIOR's. fn returning non-zero
 * stops the walk. */
cc_code store_claims_cob_answers(cc_store *s, int64_t claim_id,
                                 store_cob_answer_fn fn, void *ctx,
                                 cc_err *err) CC_WARN_UNUSED;

#endif
