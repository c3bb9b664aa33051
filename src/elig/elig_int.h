/* elig_int.h - what the eligibility and claim-status files share: the
 * outgoing envelope from the practice's settings and reading helpers. */
#ifndef ELIG_INT_H
#define ELIG_INT_H

#include "cleanclaim/elig.h"
#include "cleanclaim/x12.h"
#include "store/store_submit.h"

/* An outgoing interchange being built: writer, envelope and the control
 * numbers reserved for it (one ST). */
typedef struct elig_out {
  cc_buf *out;
  cc_x12_writer w;
  cc_x12_envelope env;
  store_practice pr;
  char st[10], isa[10], gs[10];
  cc_err *err;
} elig_out;

/* Reserve control numbers, load the practice and write ISA/GS/ST. func_id
 * "HS" (270) or "HR" (276); receiver is the payer (ISA08/GS03 default to
 * the practice's receiver). Strings live in arena a. */
cc_code elig_open(cc_store *s, cc_arena *a, elig_out *o, cc_buf *out,
                  const char *func_id, const char *st01, const char *version,
                  cc_err *err) CC_WARN_UNUSED;
/* Write SE/GE/IEA and keep the file as an outgoing x12_file of kind. */
cc_code elig_close(cc_store *s, elig_out *o, size_t start, const char *kind,
                   const char *path, cc_err *err) CC_WARN_UNUSED;
/* cc_x12_write with a NULL-terminated list of values. */
cc_code elig_seg(elig_out *o, const char *id, ...);

/* Element pos (component comp, 0 = whole) of the reader's current item as
 * a C string in buf; "" when absent. Returns buf. */
char *elig_val(const cc_x12_reader *r, const cc_x12_item *it, unsigned pos,
               unsigned comp, char *buf, size_t cap);
/* CCYYMMDD to "YYYY-MM-DD" in iso (>= 11 bytes); "" when not a date. */
char *elig_d8_iso(const char *d8, char *iso);
/* "YYYY-MM-DD" to CCYYMMDD (>= 9 bytes); "" when not a date. */
char *elig_iso_d8(const char *iso, char *d8);

#endif

/* ---- 277 and 277CA: both answer claim by claim in loop 2200D (2200E for
 * a dependent in a 277). elig_277.c walks either and hands out one claim at
 * a time; the 277CA intake in src/remit uses the same walk. */
typedef struct elig_stc {
  char cat[4], status[8], entity[4]; /* STC01-1..3 */
  char text[64];     /* STC01 and STC10/11 as sent, ':'-joined */
  char date[11];     /* STC02 as ISO */
  cc_money amount;   /* STC04 */
  bool has_amount;
  char message[80];  /* STC12 */
  char line_code[49];/* the SVC procedure it is about; "" = the claim */
  uint32_t seg;      /* segment number in the file */
} elig_stc;
#define ELIG_MAX_STC 24
typedef struct elig_answer {
  char trace[51];          /* TRN02: our CLM01 ("0" for a provider) */
  char payer_claim_no[51]; /* REF 1K */
  bool provider_level;     /* a 277CA 2200C: the STCs are about every claim
                              of the billing provider, not one claim */
  char batch[51];          /* 2200B TRN02: the BHT03 of the file answered */
  char provider_npi[81];   /* 2100C NM109 (XX) of the provider it is under */
  elig_stc stc[ELIG_MAX_STC];
  uint32_t n_stc;
} elig_answer;
typedef cc_code (*elig_answer_fn)(void *ctx, const elig_answer *a);
/* Walk every claim answer of the 277/277CA in p. */
cc_code elig_277_walk(const char *p, size_t n, const char *name,
                      elig_answer_fn fn, void *ctx,
                      cc_err *err) CC_WARN_UNUSED;
/* A person-readable meaning of a claim status category code (A1, F2...). */
const char *elig_category_text(const char *cat);
/* "A7:21:PR (rejected for invalid information) 2026-11-20" into buf. */
char *elig_stc_describe(const elig_stc *s, char *buf, size_t cap);
