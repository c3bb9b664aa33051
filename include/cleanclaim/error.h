/* error.h - result codes and error values shared by every cleanclaim module.
 * A function that can fail returns cc_code and, when given one, fills a cc_err
 * with a message a billing specialist can act on and the position in the input. */
#ifndef CLEANCLAIM_ERROR_H
#define CLEANCLAIM_ERROR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define CC_WARN_UNUSED __attribute__((warn_unused_result))
#define CC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CC_WARN_UNUSED
#define CC_PRINTF(a, b)
#endif

/* One list holds code, number and message so they cannot drift apart.
 * Numbers are stable: never renumber, never reuse; add new codes at the end. */
#define CC_CODE_LIST(X)                                                        \
  X(CC_OK, 0, "success")                                                       \
  X(CC_E_NOMEM, 1, "out of memory")                                            \
  X(CC_E_IO, 2, "input/output error")                                          \
  X(CC_E_USAGE, 3, "invalid argument")                                         \
  X(CC_E_SYNTAX, 4, "syntax error")                                            \
  X(CC_E_TOOBIG, 5, "input exceeds a size limit")                              \
  X(CC_E_OVERFLOW, 6, "amount out of range")                                   \
  X(CC_E_NOTFOUND, 7, "not found")                                             \
  X(CC_E_ENVELOPE, 8, "interchange envelope error")                            \
  X(CC_E_INVALID, 9, "invalid value")                                          \
  X(CC_E_DB, 10, "database error")                                             \
  X(CC_E_EXISTS, 11, "already exists")                                         \
  X(CC_E_UNBALANCED, 12, "amounts do not balance")                             \
  X(CC_E_EOF, 13, "end of input")                                              \
  X(CC_E_UNSUPPORTED, 14, "not supported")                                     \
  X(CC_E_DENIED, 15, "permission denied")

typedef enum cc_code {
#define CC_X_ENUM(name, num, msg) name = num,
  CC_CODE_LIST(CC_X_ENUM)
#undef CC_X_ENUM
} cc_code;

/* Where and why something failed. Every field but code and msg is optional;
 * zero means "not known". The X12 fields mirror what a 999 reports (IK3/IK4),
 * so the validator can fill an acknowledgment straight from a cc_err. */
typedef struct cc_err {
  cc_code code;       /* stable number, see CC_CODE_LIST */
  const char *msg;    /* static text, never freed; NULL when code is CC_OK */
  const char *file;   /* input file name, borrowed; NULL when not a file */
  size_t byte_off;    /* offset into the input */
  uint32_t line;      /* 1-based line/row for CSV and JSON input, 0 if unknown */
  uint32_t seg_pos;   /* 1-based segment position within ST..SE (or file) */
  char seg_id[4];     /* "CLM", "NM1", ... */
  char loop_id[8];    /* "2300", "2400", ... when known */
  uint16_t elem_pos;  /* 1-based element position, 0 if none */
  uint16_t comp_pos;  /* 1-based component position, 0 if none */
  uint16_t rep_pos;   /* 1-based repetition, 0 if none */
  uint16_t de_ref;    /* data element reference number, e.g. 1028 */
  char field[32];     /* column or JSON field name for imports */
  char detail[160];   /* formatted specifics: expected vs got */
} cc_err;

/* Static text for a code; never NULL. Thread-safe. */
const char *cc_strerror(cc_code code);

/* Clear an error value to CC_OK. NULL is a no-op. */
void cc_err_clear(cc_err *err);

/* Set code, static message and a printf-style detail; returns code so callers
 * can write `return cc_err_set(err, CC_E_SYNTAX, "bad date", "%s", s);`.
 * err may be NULL. msg is borrowed and must be static. */
cc_code cc_err_set(cc_err *err, cc_code code, const char *msg, const char *fmt,
                   ...) CC_PRINTF(4, 5);

/* Print err as one line: "file:seg:elem: message: detail". */
void cc_err_print(const cc_err *err, FILE *out);

/* Print err, then, when input is given and the error has a byte offset, the
 * offending segment and a caret under the byte (as jq does). input borrowed. */
void cc_err_render(const cc_err *err, const char *input, size_t input_len,
                   FILE *out);

#endif
