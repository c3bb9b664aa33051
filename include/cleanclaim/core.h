/* core.h - the building blocks every module uses: limits, string slices,
 * arenas, growable buffers with a ceiling, money in integer cents and dates. */
#ifndef CLEANCLAIM_CORE_H
#define CLEANCLAIM_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

/* ---- Limits. Every growable buffer is capped by one of these. ---------- */
#define CC_MAX_X12_INTERCHANGE ((size_t)1 << 36) /* 64 GiB: streaming anyway */
#define CC_MAX_SEGMENT_LEN (64 * 1024)           /* one segment, bytes */
#define CC_MAX_ELEMENTS_PER_SEGMENT 64
#define CC_MAX_LOOP_DEPTH 16
#define CC_MAX_HTTP_BODY (16 * 1024 * 1024)
#define CC_MAX_JSON_DEPTH 64
#define CC_MAX_CSV_FIELDS 128
#define CC_MAX_LINE_LEN (1024 * 1024) /* one CSV/JSON line */

/* ---- Slices: borrowed bytes, never NUL-terminated. ---------------------- */
typedef struct cc_slice {
  const char *p;
  size_t n;
} cc_slice;

#define CC_SLICE_LIT(s) ((cc_slice){(s), sizeof(s) - 1})
cc_slice cc_slice_cstr(const char *s);
bool cc_slice_eq(cc_slice a, const char *cstr);
bool cc_slice_eq2(cc_slice a, cc_slice b);
cc_slice cc_slice_trim(cc_slice s); /* strips ASCII blanks at both ends */
/* Copy into buf of size cap as a C string; truncates to cap-1. Returns buf. */
char *cc_slice_copy(cc_slice s, char *buf, size_t cap);
/* Parse an unsigned decimal integer; CC_E_INVALID on anything else. */
cc_code cc_slice_to_u64(cc_slice s, uint64_t *out) CC_WARN_UNUSED;

/* ---- Arena: one per parsed file or request; freeing it is the only
 * cleanup. Failure is sticky: once an allocation fails, every later one
 * fails too and cc_arena_failed() says so, so callers may check once. ---- */
typedef struct cc_arena cc_arena;
cc_arena *cc_arena_new(size_t limit); /* returns owned; limit 0 = unlimited */
void cc_arena_free(cc_arena *a);      /* NULL is a no-op */
void cc_arena_reset(cc_arena *a);     /* keeps the first block */
void *cc_arena_alloc(cc_arena *a, size_t n) CC_WARN_UNUSED; /* 16-aligned */
char *cc_arena_strdup(cc_arena *a, cc_slice s) CC_WARN_UNUSED;
char *cc_arena_printf(cc_arena *a, const char *fmt, ...) CC_PRINTF(2, 3);
bool cc_arena_failed(const cc_arena *a);
size_t cc_arena_used(const cc_arena *a);

/* ---- Growable byte buffer with a mandatory ceiling (curl's dynbuf). ---- */
typedef struct cc_buf {
  char *p;      /* owned; NUL-terminated when non-NULL */
  size_t n;     /* bytes used */
  size_t cap;   /* bytes allocated */
  size_t limit; /* never grows past this; CC_E_TOOBIG instead */
} cc_buf;
void cc_buf_init(cc_buf *b, size_t limit);
void cc_buf_free(cc_buf *b); /* frees the bytes; b may be reused after init */
cc_code cc_buf_append(cc_buf *b, const void *p, size_t n) CC_WARN_UNUSED;
cc_code cc_buf_puts(cc_buf *b, const char *s) CC_WARN_UNUSED;
cc_code cc_buf_printf(cc_buf *b, const char *fmt, ...) CC_PRINTF(2, 3);
char *cc_buf_take(cc_buf *b); /* returns owned string; b is emptied */

/* ---- Money: int64 cents, checked arithmetic, never floating point. ---- */
typedef struct cc_money {
  int64_t cents;
} cc_money;
#define CC_MONEY(c) ((cc_money){(c)})
/* acc += x; CC_E_OVERFLOW leaves acc unchanged. */
cc_code cc_money_add(cc_money *acc, cc_money x) CC_WARN_UNUSED;
cc_code cc_money_sub(cc_money *acc, cc_money x) CC_WARN_UNUSED;
/* Parse an X12 R-type amount: "125.5" -> 12550, "-3" -> -300, ".5" -> 50.
 * Rejects more than two decimals, exponents, blanks and empty input. */
cc_code cc_money_parse(cc_slice s, cc_money *out, cc_err *err) CC_WARN_UNUSED;
/* Format as X12 writes it: no trailing zeros, no trailing point
 * (12550 -> "125.5", 10000 -> "100", -5 -> "-0.05"). buf >= 24 bytes. */
char *cc_money_x12(cc_money m, char *buf);
/* Format for people: 12550 -> "125.50", -5 -> "-0.05". buf >= 24 bytes. */
char *cc_money_fmt(cc_money m, char *buf);
/* m * num / den rounded half away from zero; the one place shares and
 * percentages are computed. CC_E_OVERFLOW or CC_E_INVALID (den == 0). */
cc_code cc_money_muldiv(cc_money m, int64_t num, int64_t den,
                        cc_money *out) CC_WARN_UNUSED;

/* ---- Dates: a day number (days since 1970-01-01) is the unit of aging. */
typedef int32_t cc_day;
bool cc_date_valid(int y, int m, int d);
cc_day cc_date_days(int y, int m, int d); /* inputs must be valid */
void cc_date_ymd(cc_day day, int *y, int *m, int *d);
/* "CCYYMMDD" (X12 D8) and "YYYY-MM-DD" (ISO 8601) to a day number. */
cc_code cc_date_parse_d8(cc_slice s, cc_day *out) CC_WARN_UNUSED;
cc_code cc_date_parse_iso(cc_slice s, cc_day *out) CC_WARN_UNUSED;
char *cc_date_iso(cc_day day, char buf[11]); /* "YYYY-MM-DD" */
char *cc_date_d8(cc_day day, char buf[9]);   /* "CCYYMMDD" */
cc_day cc_date_today(void);                  /* UTC; CC_TODAY env overrides */
/* X12 TM: HHMM, HHMMSS, HHMMSSD, HHMMSSDD. */
bool cc_time_valid(cc_slice s);

/* ---- JSON output: a quoted, escaped JSON string for s. ---------------- */
void cc_json_write_str(FILE *out, cc_slice s);
cc_code cc_json_buf_str(cc_buf *b, cc_slice s) CC_WARN_UNUSED;

/* ---- CSV reading (RFC 4180): quoted fields, "" for a quote, commas and
 * line breaks inside quotes, CRLF or LF, a leading UTF-8 BOM skipped, blank
 * lines skipped. The reader borrows the input. -------------------------- */
typedef struct cc_csv {
  const char *p;        /* input, borrowed */
  size_t n, pos;        /* input length; next byte to read */
  uint32_t line;        /* physical line at pos, 1-based */
  uint32_t record;      /* records read so far; the current one's number */
  uint32_t record_line; /* physical line the current record starts on */
  const char *name;     /* file name for errors, borrowed */
} cc_csv;
void cc_csv_init(cc_csv *r, const char *p, size_t n, const char *name);
/* Next record into f[0..max), count in *nf. Unquoted fields and quoted ones
 * without "" borrow the input; the others are unescaped into arena a.
 * CC_E_EOF at the end; CC_E_SYNTAX (unterminated quote, quote inside an
 * unquoted field, text after a closing quote) or CC_E_TOOBIG (more than max
 * fields, record over CC_MAX_LINE_LEN) with err->line = record number. */
cc_code cc_csv_next(cc_csv *r, cc_arena *a, cc_slice *f, size_t max,
                    size_t *nf, cc_err *err) CC_WARN_UNUSED;

/* ---- JSON reading (RFC 8259) into a tree owned by an arena. Numbers keep
 * their text (str) so amounts never pass through double. ----------------- */
typedef enum cc_json_type {
  CC_JSON_NULL, CC_JSON_FALSE, CC_JSON_TRUE, CC_JSON_NUMBER, CC_JSON_STRING,
  CC_JSON_ARRAY, CC_JSON_OBJECT
} cc_json_type;
typedef struct cc_json cc_json;
struct cc_json {
  cc_json_type type;
  cc_slice str;     /* string value (unescaped), number text, or the literal */
  size_t n;         /* members of an array or object */
  cc_json **kids;   /* their values, in document order */
  cc_slice *keys;   /* object member names (NULL for arrays) */
  uint32_t line, col; /* where the value starts, 1-based */
};
/* Parse one JSON text; the tree lives in arena a (strings without escapes
 * borrow p, so p must outlive it). CC_E_SYNTAX with err->line, err->elem_pos
 * = column and the detail "line L, column C: ..." when the text is not JSON
 * or nests deeper than CC_MAX_JSON_DEPTH. */
cc_code cc_json_parse(const char *p, size_t n, const char *name, cc_arena *a,
                      cc_json **out, cc_err *err) CC_WARN_UNUSED;
/* Member of an object by name (first match), or NULL. Borrows. */
const cc_json *cc_json_get(const cc_json *obj, const char *key);
const char *cc_json_type_name(cc_json_type t); /* "string", "number"... */
/* Indented "name: value" lines for people; members named *_cents are shown
 * as dollars and cents, *_bp (basis points) as a percentage, under the name
 * without the suffix; nulls and empty strings omitted; a list of values on
 * one line ("modifiers: 25, GP"), a list of objects as "- " entries. */
cc_code cc_json_text(const cc_json *v, cc_buf *out) CC_WARN_UNUSED;

/* ---- NPI: 10 digits, the last a Luhn check digit computed over "80840"
 * followed by the first nine. -------------------------------------------- */
bool cc_npi_valid(cc_slice npi);
/* Check digit for nine digits, or -1 when first9 is not nine digits. */
int cc_npi_check_digit(cc_slice first9);

#endif
