/* scrub_int.h - private to src/scrub: the snapshot the rules read, the
 * per-claim context they write findings through, and the rule registry.
 * Adding a rule is adding a file rule_<name>.c and one line to SCRUB_RULES. */
#ifndef CC_SCRUB_INT_H
#define CC_SCRUB_INT_H

#include "cleanclaim/scrub.h"

/* ---- The registry: name, function suffix, one-line summary. Rules run in
 * this order, so findings come out in it. ------------------------------ */
#define SCRUB_RULES(X)                                                        \
  X(X12_STRUCTURE, x12_structure,                                             \
    "what the 837 reader found broken in the file for this claim")            \
  X(DEMOGRAPHICS_MISSING, demographics_missing,                               \
    "patient or subscriber name, birth date, sex, address or member ID")      \
  X(NPI_INVALID, npi_invalid,                                                 \
    "billing, rendering, referring or facility NPI fails length or check "   \
    "digit")                                                                  \
  X(ELIGIBILITY_INACTIVE, eligibility_inactive,                               \
    "no coverage with this payer active on the date of service")             \
  X(DATE_INVALID, date_invalid,                                               \
    "a date of service in the future, missing, or an end before the start")  \
  X(CHARGE_INVALID, charge_invalid,                                           \
    "a zero or negative line charge, or lines not adding up to the total")   \
  X(DX_INVALID, dx_invalid,                                                   \
    "not an ICD-10-CM code valid on the date of service")                    \
  X(DX_NOT_BILLABLE, dx_not_billable,                                         \
    "a category header where a more specific code is required")              \
  X(DX_POINTER_INVALID, dx_pointer_invalid,                                   \
    "a line with no diagnosis pointer, or one past the claim's diagnoses")   \
  X(DX_SEX_CONFLICT, dx_sex_conflict,                                         \
    "a diagnosis limited to the other sex (MCE edits)")                      \
  X(DX_AGE_CONFLICT, dx_age_conflict,                                         \
    "a diagnosis outside its age range (MCE edits)")                         \
  X(PROC_INVALID, proc_invalid,                                               \
    "a HCPCS or CPT code not valid on the date of service")                  \
  X(MODIFIER_INVALID, modifier_invalid,                                       \
    "a modifier not in the modifier code set on the date of service")        \
  X(POS_INVALID, pos_invalid, "a place of service code not in the code set") \
  X(NCCI_PTP, ncci_ptp,                                                       \
    "an NCCI procedure-to-procedure pair on one date by one provider")       \
  X(MUE_UNITS, mue_units,                                                     \
    "units of a code on one date of service above its MUE value")            \
  X(AUTH_MISSING, auth_missing,                                               \
    "the payer needs prior authorization and none covers the service")       \
  X(REFERRAL_MISSING, referral_missing,                                       \
    "the payer requires a referral and there is none")                       \
  X(DUPLICATE_CLAIM, duplicate_claim,                                         \
    "the same patient, payer, provider, date and codes as a claim sent")     \
  X(TIMELY_FILING, timely_filing,                                             \
    "the date of service is past, or near, the payer's filing limit")

/* ---- Policy parameters that come from published lists rather than from
 * a loaded file; kept as data in scrub_params.c with their source. ------ */
extern const char *const scrub_ncci_modifiers[]; /* NULL-terminated */
extern const char scrub_ncci_modifiers_source[];
extern const int scrub_timely_warning_days;
extern const char scrub_timely_warning_source[];

/* ---- The snapshot ---------------------------------------------------- */

typedef struct scrub_proc scrub_proc;
typedef struct scrub_dxm scrub_dxm;
typedef struct scrub_modm scrub_modm;
typedef struct scrub_line scrub_line;

typedef struct scrub_payer {
  int64_t id;
  const char *code, *name;
  int64_t timely_days;        /* 0 = no limit on file */
  bool referral_required;
  const uint64_t *auth_codes; /* sorted scrub_key()s */
  size_t n_auth_codes;
  bool has_auth_rules;        /* the payer has an auth code list */
} scrub_payer;

typedef struct scrub_cov {
  int64_t id, patient_id, payer_id;
  const char *member_id, *priority;
  cc_day eff, term;           /* term CC_DAY_NONE when open */
} scrub_cov;

typedef struct scrub_auth {
  int64_t id, patient_id, payer_id;
  bool referral;
  const char *number, *npi;   /* npi NULL when not tied to a provider */
  cc_day start, end;
  int64_t allowed, used;      /* allowed -1 = no visit limit */
  int64_t batch_used;         /* visits taken by claims of this batch */
  const uint64_t *codes;      /* sorted; none = every code */
  size_t n_codes;
} scrub_auth;

typedef struct scrub_dup {
  uint64_t key;
  const char *pcn;            /* claim it was first seen on */
} scrub_dup;

struct cc_scrub {
  cc_codes *codes;            /* owned; NULL without a store */
  cc_day as_of;               /* CC_DAY_NONE = today */
  cc_day today;
  cc_arena *a;                /* every string and array below */
  scrub_payer *payers;        /* sorted by code */
  size_t n_payers;
  scrub_cov *covs;            /* sorted by payer, member id */
  size_t n_covs;
  scrub_cov **covs_by_patient; /* sorted by patient, payer */
  scrub_auth *auths;          /* sorted by patient, payer */
  size_t n_auths;
  scrub_dup *hist;            /* claims sent, sorted by key */
  size_t n_hist;
  scrub_dup *batch;           /* open addressing, 0 = empty */
  size_t batch_cap, batch_n;
  bool batch_failed;
  uint64_t *ptp_bloom;         /* pairs in the PTP table: 512-bit blocks */
  size_t ptp_blocks_mask;      /* blocks - 1 (a power of two) */
  cc_day *epochs;              /* sorted days where some code row starts
                                  or ends (the day after its last day) */
  size_t n_epochs;
  scrub_proc *proc_memo;       /* SCRUB_PROC_SETS x 4, on first use */
  bool proc_memo_init;
  scrub_dxm *dx_memo;          /* SCRUB_DX_SLOTS */
  scrub_modm *mod_memo;        /* SCRUB_MOD_SLOTS */
  scrub_line *lines;           /* the per-claim line view */
  size_t lines_cap;
  bool have_icd, have_hcpcs, have_cpt, have_mod, have_pos, have_ptp, have_mue;
};

/* ---- Memoized code lookups ------------------------------------------
 * A code's answer can only change on a day where some row of the tables
 * starts or ends, so (code, epoch) -- the epoch being the number of such
 * boundary days on or before the day -- gives exactly the answer that
 * cc_codes_* gives for the day. Direct-mapped caches keyed by the packed
 * code and the epoch hold those answers for the life of the snapshot. */

/* Everything the hot rules ask about one procedure code on one epoch:
 * 16 bytes, four to a cache line (one set of the 4-way cache). */
struct scrub_proc {
  uint64_t key;      /* scrub_key of the code; 0 = empty slot */
  uint16_t epoch;
  uint8_t flags;     /* SCRUB_PC_* */
  uint8_t mue_ind;
  int32_t mue_units;
};
enum { SCRUB_PC_HCPCS = 1, SCRUB_PC_CPT = 2, SCRUB_PC_MUE = 4 };

struct scrub_dxm {
  uint64_t key;
  int32_t epoch;
  bool found;
  cc_code_info info;
};

struct scrub_modm {
  uint64_t key;
  int32_t epoch;
  bool found;
};

#define SCRUB_PROC_SETS (1u << 15) /* x 4 ways */
#define SCRUB_DX_SLOTS (1u << 12)
#define SCRUB_MOD_SLOTS (1u << 10)

/* ---- What a rule sees for one claim ----------------------------------- */

/* The compact view of a line, built once per claim: what the hot rules
 * compare (packed code, day, provider) without going back to the 1 KB
 * cc_claim_line. */
struct scrub_line {
  uint64_t key;          /* scrub_key(proc): its first 8 characters */
  cc_day day;            /* from, else the claim's first date; 0 = none */
  int32_t epoch;         /* of day */
  uint32_t no;           /* LX01 or index + 1 */
  uint16_t npi;          /* index of the line's rendering NPI in the claim */
  uint8_t is_proc;       /* a HCPCS/CPT code (qualifier HC or none) */
  uint8_t len5;          /* a five-character code: NCCI tables key on those */
  uint8_t counted;       /* MUE: a code and not minutes (MJ) */
  uint8_t ncci_mod;      /* carries an NCCI-associated modifier */
  uint8_t exact;         /* the code has at most 8 characters: key is it */
  uint8_t have_pc;       /* pc filled (a code and a day) */
  scrub_proc pc;         /* the memoized lookups (a copy: a later line
                            may take the cache slot); key 0 = none */
};

typedef struct scrub_ctx {
  cc_scrub *sc;
  const cc_claim *c;
  const cc_claim_problem *probs;
  size_t n_probs;
  const cc_claim_person *pat;  /* the patient: 2010CA or the subscriber */
  cc_day first;                /* earliest date of service; 0 = none */
  int32_t first_epoch;
  const scrub_payer *payer;    /* NULL when not on file */
  int64_t patient_id;          /* 0 when not known */
  const scrub_cov *cov;        /* the claim's coverage, NULL when unknown */
  scrub_line *ln;              /* c->n_lines entries (the snapshot's) */
  uint8_t dx_state[CC_CLAIM_MAX_DX]; /* 0 not looked up, 1 found, 2 not */
  cc_code_info dx_info[CC_CLAIM_MAX_DX];
  cc_scrub_finding_fn fn;
  void *fnctx;
  uint32_t errors, warnings;
  /* Findings are counted as rules run; their text is made only when the
   * caller asks for it (cc_scrub_finding_message...): the rule that made
   * the finding runs again in text mode up to that finding. So rules must
   * give the same findings when run twice, and keep batch state (visits
   * used, the duplicate table) out of the text run. */
  uint32_t rule;               /* index of the rule running */
  uint32_t serial;             /* findings of this rule so far */
  uint32_t target;             /* text mode: the finding to write */
  bool text;                   /* text mode */
  uint32_t text_rule, text_serial; /* whose text the buffers hold */
  const char *dup_prev;        /* DUPLICATE_CLAIM's answer, for text mode */
  bool dup_sent;
  char fix[320], src[256], msg[512];
} scrub_ctx;

/* Procedure and modifier codes (up to 8 characters, upper-cased) as one
 * integer, so code lists are arrays of integers. 0 for an empty code. */
uint64_t scrub_key(const char *code);

/* The duplicate-claim key: payer, member ID, patient last name and birth
 * date, billing NPI, first date of service and the procedure codes as a
 * multiset (codes is sorted in place). Letters compare without case. */
uint64_t scrub_dup_key(const char *payer, const char *member,
                       const char *last, cc_day dob, const char *npi,
                       cc_day first, uint64_t *codes, size_t n);
/* Record key for claim pcn in the batch; returns the pcn of an earlier
 * claim of the batch with the same key, or NULL (then it is recorded). */
const char *scrub_batch_add(cc_scrub *sc, uint64_t key, const char *pcn);

/* Set the fix and the source of the next finding (printf-style), then
 * report it with scrub_emit. Outside text mode the arguments are not even
 * evaluated: the text of a finding costs only when someone reads it. */
#define scrub_fix(x, ...)                                                     \
  do {                                                                        \
    if ((x)->text) scrub_fix_text((x), __VA_ARGS__);                          \
  } while (0)
#define scrub_src(x, ...)                                                     \
  do {                                                                        \
    if ((x)->text) scrub_src_text((x), __VA_ARGS__);                          \
  } while (0)
#define scrub_emit(x, rule, line, sev, loc, ...)                              \
  do {                                                                        \
    if (scrub_emit_at((x), (rule), (line), (sev), (loc)))                     \
      scrub_msg_text((x), __VA_ARGS__);                                       \
  } while (0)
void scrub_fix_text(scrub_ctx *x, const char *fmt, ...) CC_PRINTF(2, 3);
void scrub_src_text(scrub_ctx *x, const char *fmt, ...) CC_PRINTF(2, 3);
void scrub_msg_text(scrub_ctx *x, const char *fmt, ...) CC_PRINTF(2, 3);
/* Counts the finding and hands it out; true only in text mode for the
 * finding whose text is wanted (the caller then writes the message). */
bool scrub_emit_at(scrub_ctx *x, const char *rule, uint32_t line,
                   cc_severity sev, cc_claim_loc loc);

/* Memoized lookups (scrub_snapshot.c). */
int32_t scrub_epoch(const cc_scrub *sc, cc_day day);
/* What the tables say about procedure code (packed key; 0 when the code
 * is longer than 8 characters, then nothing is cached) on day. */
scrub_proc scrub_proc_info(cc_scrub *sc, const char *code, uint64_t key,
                           int32_t epoch, cc_day day);
/* ICD-10-CM code on day, memoized; false when not in force. */
bool scrub_icd_info(cc_scrub *sc, const char *code, cc_day day,
                    int32_t epoch, cc_code_info *out);
bool scrub_modifier_ok(cc_scrub *sc, const char *mod, cc_day day, int32_t epoch);

/* Line helpers. */
uint32_t scrub_line_no(const cc_claim *c, uint32_t i); /* LX01 or i+1 */
cc_day scrub_line_day(const scrub_ctx *x, uint32_t i); /* from, or first */
/* The NPI that rendered line i: the line's, else the claim's rendering,
 * else the billing provider's. */
const char *scrub_line_npi(const cc_claim *c, uint32_t i);
/* "E11.9" from "E119" into buf (>= 16 bytes). */
const char *scrub_dx_show(const char *code, char *buf);
/* "2026-03-02" or "-" for CC_DAY_NONE / 0. */
const char *scrub_day(cc_day d, char buf[11]);
/* "FY2026 (2025-10-01 to 2026-09-30)" for a code-set row. */
const char *scrub_release(const cc_code_info *ci, char *buf, size_t n);

/* Diagnosis i looked up once per claim on the claim's first date of
 * service: NULL when not found (or no ICD-10-CM set, or no date). */
const cc_code_info *scrub_dx_info(scrub_ctx *x, uint16_t i);
/* Names of the MCE edits in bits ("Female_Only, Adult_Only"). */
const char *scrub_mce_names(uint32_t bits, char *buf, size_t n);

/* The Bloom filter of the PTP pairs: false when the pair (column 1,
 * column 2) is in no release of the table, so that the exact, dated lookup
 * is only made for pairs that may be there. One cache line per pair;
 * scrub_ptp_block gives that line so a caller can prefetch a claim's pairs
 * together. */
uint64_t scrub_pair_hash(uint64_t key1, uint64_t key2);
const uint64_t *scrub_ptp_block(const cc_scrub *sc, uint64_t h);
bool scrub_ptp_test(const uint64_t *block, uint64_t h);

/* Authorizations of the patient with the payer (sorted array slice). */
const scrub_auth *scrub_auths_of(const cc_scrub *sc, int64_t patient_id,
                                 int64_t payer_id, size_t *n);

/* ---- The rules ---------------------------------------------------------- */
#define SCRUB_X_DECL(NAME, fn, summary) void scrub_rule_##fn(scrub_ctx *x);
SCRUB_RULES(SCRUB_X_DECL)
#undef SCRUB_X_DECL

#endif
