/* codes.h - code sets and edit tables: loading the published files into the
 * store, searching them, and an in-memory snapshot for fast scrubbing. */
#ifndef CLEANCLAIM_CODES_H
#define CLEANCLAIM_CODES_H

#include "core.h"
#include "store.h"

/* The kinds of code set. Names (cc_codes_kind_name) are what the CLI takes. */
typedef enum cc_codes_kind {
  CC_CODES_ICD10CM = 0, /* "icd10cm": CMS order file, billable and headers */
  CC_CODES_HCPCS,       /* "hcpcs": HCPCS Level II codes */
  CC_CODES_CPT,         /* "cpt": user-supplied CSV code,descriptor (or the
                           PFS RVU file: CPT numbers without descriptors) */
  CC_CODES_MODIFIER,    /* "modifiers": HCPCS Level II (+ built-in CPT) */
  CC_CODES_POS,         /* "pos": place of service (+ built-in additions) */
  CC_CODES_CARC,        /* "carc": claim adjustment reason codes */
  CC_CODES_RARC,        /* "rarc": remittance advice remark codes */
  CC_CODES_TAXONOMY,    /* "taxonomy": NUCC provider taxonomy */
  CC_CODES_PTP,         /* "ncci-ptp": NCCI practitioner PTP edits */
  CC_CODES_MUE,         /* "mue": NCCI practitioner MUE table */
  CC_CODES_MCE,         /* "mce": Medicare Code Editor simple edits */
  CC_CODES_N_KINDS
} cc_codes_kind;

/* "icd10cm", "ncci-ptp", ...; never NULL for a valid kind. */
const char *cc_codes_kind_name(cc_codes_kind k);
/* Kind from its name (also accepts "modifier", "ptp", "nucc"); false if
 * unknown. */
bool cc_codes_kind_parse(const char *name, cc_codes_kind *out);

/* No date: an open start or end. */
#define CC_DAY_NONE INT32_MIN
/* Pass as the day of a lookup to match a code in any release. */
#define CC_DAY_ANY INT32_MIN

/* ---- Loading --------------------------------------------------------- */

/* What the user may say about a file; zero means "work it out from the file
 * name and the publisher's conventions" (see docs/CODES.md). */
typedef struct cc_codes_load_opts {
  const char *release; /* release name, e.g. "FY2026"; borrowed */
  cc_day effective;    /* CC_DAY_NONE (or 0 via the _init) = default */
  cc_day termination;  /* CC_DAY_NONE = default */
} cc_codes_load_opts;
void cc_codes_load_opts_init(cc_codes_load_opts *o);

typedef struct cc_codes_load_result {
  cc_codes_kind kind;
  char file[512];     /* the path loaded */
  char release[64];   /* release name the rows were filed under */
  cc_day effective;   /* release dates (CC_DAY_NONE when open) */
  cc_day termination;
  long rows;          /* rows in the release after the load */
  long headers;       /* icd10cm: non-billable header rows among them */
  bool unchanged;     /* same release, same bytes: nothing was written */
  bool replaced;      /* same release name, different bytes: rows replaced */
} cc_codes_load_result;

/* Load one file of the given kind into the store as one release, in one
 * transaction. A file that does not parse is rejected whole: err carries
 * file and line, and the database is left as it was. Loading the same bytes
 * again as the same release changes nothing (res->unchanged). Loading a
 * newer release keeps the older releases' rows. path borrowed; err->file
 * points at path. */
cc_code cc_codes_load(cc_store *s, cc_codes_kind kind, const char *path,
                      const cc_codes_load_opts *opts,
                      cc_codes_load_result *res, cc_err *err) CC_WARN_UNUSED;

/* The facts no public file here lists: CPT (Level I) modifiers and the place
 * of service codes assigned after the 2017 list. Idempotent; cc_codes_load
 * of modifiers or pos calls it too. */
cc_code cc_codes_load_builtin(cc_store *s, cc_err *err) CC_WARN_UNUSED;

/* Load every file it recognises in a folder laid out like the shared data
 * folder (icd10cm/icd10cm_order_*.txt, hcpcs/..., ...), plus the built-in
 * facts. on_file (may be NULL) is called after each file with its result.
 * Stops at the first file that fails. */
typedef void (*cc_codes_load_cb)(void *ctx, const cc_codes_load_result *r);
cc_code cc_codes_load_dir(cc_store *s, const char *dir, cc_codes_load_cb on_file,
                          void *ctx, cc_err *err) CC_WARN_UNUSED;

/* ---- Search and show (reads the store) ------------------------------- */

typedef struct cc_codes_row {
  cc_codes_kind kind;
  const char *code;      /* no dot */
  const char *short_desc;
  const char *long_desc; /* may equal short_desc */
  bool billable;         /* icd10cm: valid for submission; others true */
  cc_day effective, termination; /* CC_DAY_NONE when open */
  const char *release;
  /* Only from cc_codes_show, for icd10cm: the MCE edits ("Female_Only",
   * "Adult_Only", ...), comma-separated, "" when none. */
  const char *mce;
} cc_codes_row;

/* Called once per row; strings are borrowed for the call only. */
typedef void (*cc_codes_row_cb)(void *ctx, const cc_codes_row *row);

/* Best matches first: the exact code, then codes starting with text (dot
 * ignored), then descriptions containing every word (ranked by relevance).
 * One row per kind and code (the newest release). kind < 0 means all. */
cc_code cc_codes_search(cc_store *s, const char *text, int kind, int limit,
                        cc_codes_row_cb cb, void *ctx, cc_err *err) CC_WARN_UNUSED;
/* Every release's row of code (dot ignored) in every kind (or one kind when
 * kind >= 0), newest release first. CC_E_NOTFOUND when there is none. */
cc_code cc_codes_show(cc_store *s, const char *code, int kind,
                      cc_codes_row_cb cb, void *ctx, cc_err *err) CC_WARN_UNUSED;

/* One loaded release, for `cleanclaim codes list`. */
typedef struct cc_codes_release {
  cc_codes_kind kind;
  const char *release, *source;
  cc_day effective, termination;
  long rows;
} cc_codes_release;
typedef void (*cc_codes_release_cb)(void *ctx, const cc_codes_release *r);
cc_code cc_codes_releases(cc_store *s, cc_codes_release_cb cb, void *ctx,
                          cc_err *err) CC_WARN_UNUSED;

/* ---- In-memory snapshot for the scrubber ----------------------------- */

typedef struct cc_codes cc_codes;

/* Read every code set and edit table into memory: sorted arrays keyed by
 * codes packed into integers, so a lookup is a binary search with no SQL and
 * no allocation. Rows that ended before as_of are left out (pass CC_DAY_NONE
 * to keep every release). Returns owned in *out; free with cc_codes_free.
 * Lookups on one snapshot are thread-safe (read only). */
cc_code cc_codes_open(cc_store *s, cc_day as_of, cc_codes **out,
                      cc_err *err) CC_WARN_UNUSED;
void cc_codes_free(cc_codes *c); /* NULL is a no-op */
/* Rows of a kind held in the snapshot (every release). */
size_t cc_codes_count(const cc_codes *c, cc_codes_kind kind);

/* MCE edit bits (cc_code_info.mce). */
enum {
  CC_MCE_NEWBORN = 1 << 0,       /* age 0 */
  CC_MCE_PEDIATRIC = 1 << 1,     /* age 0-17 */
  CC_MCE_MATERNITY = 1 << 2,     /* age 12-55 */
  CC_MCE_ADULT = 1 << 3,         /* age 15-124 */
  CC_MCE_FEMALE = 1 << 4,
  CC_MCE_MALE = 1 << 5,
  CC_MCE_MANIFESTATION = 1 << 6, /* not as principal diagnosis */
  CC_MCE_UNACCEPTABLE = 1 << 7,  /* unacceptable principal diagnosis */
  CC_MCE_QUESTIONABLE = 1 << 8,  /* questionable admission */
  CC_MCE_NONCOVERED = 1 << 9,
  CC_MCE_LIMITED = 1 << 10,      /* limited coverage */
  CC_MCE_OTHER = 1 << 11         /* any other MCE edit type */
};

typedef struct cc_code_info {
  bool billable;       /* icd10cm: valid for HIPAA transactions */
  bool header;         /* icd10cm: a category header, not billable */
  char sex;            /* icd10cm with an MCE sex edit: 'F' or 'M'; else 0 */
  int8_t age_min, age_max; /* icd10cm MCE age edit; -1 when none */
  uint32_t mce;        /* CC_MCE_* bits */
  cc_day effective, termination; /* of the matching row; CC_DAY_NONE open */
  const char *desc;    /* short description, borrowed from the snapshot */
  const char *release; /* borrowed from the snapshot */
} cc_code_info;

/* Each returns true when code (dot ignored, any case) is in force on day
 * (CC_DAY_ANY: in any release), taking the newest release that covers the
 * day; out (may be NULL) is filled only then. A header ICD-10-CM code is
 * found (true) with billable false: the caller decides. */
bool cc_codes_icd10(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out);
bool cc_codes_hcpcs(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out);
bool cc_codes_cpt(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out);
bool cc_codes_modifier(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out);
bool cc_codes_pos(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out);
bool cc_codes_carc(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out);
bool cc_codes_rarc(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out);
bool cc_codes_taxonomy(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out);

/* An NCCI PTP edit: column 1 code and column 2 code billed together. */
typedef struct cc_ptp_edit {
  int modifier;        /* 0 not allowed, 1 allowed, 9 not applicable */
  cc_day effective;
  cc_day deletion;     /* CC_DAY_NONE while active; the edit applies up to
                          the day before */
  bool prior_1996;
} cc_ptp_edit;
/* The edit with col1 as column 1 and col2 as column 2, in force on day.
 * Order matters: check both orders to find a pair either way round. */
bool cc_codes_ptp(const cc_codes *c, cc_slice col1, cc_slice col2, cc_day day,
                  cc_ptp_edit *out);

typedef struct cc_mue {
  int max_units;  /* most units per line or per date of service */
  int indicator;  /* 1 line edit, 2 date of service (policy), 3 DOS (clinical) */
} cc_mue;
bool cc_codes_mue(const cc_codes *c, cc_slice code, cc_day day, cc_mue *out);

#endif
