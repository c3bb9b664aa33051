/* codes_int.h - private to src/codes: code packing, the line and CSV
 * readers shared by the loaders, and the built-in facts. */
#ifndef CC_CODES_INT_H
#define CC_CODES_INT_H

#include "cleanclaim/codes.h"
#include "store/store_codes.h"

/* A code of up to 12 characters [0-9A-Z] packed into an integer, most
 * significant character first and padded with 0, so that integer order is
 * code order. Dots are skipped, lower case is folded. 0 when the code is
 * empty, too long or has another character. */
uint64_t codes_pack(cc_slice code);

/* Splits one line (no line ending) into fields at sep. Quoted fields (CSV)
 * lose their quotes and "" becomes ". Unquoted fields point into line;
 * quoted ones into scratch (at least line.n bytes). Returns the number of
 * fields, or -1 for an unterminated quote. At most max fields are kept. */
int codes_split(cc_slice line, char sep, bool quotes, cc_slice *fields,
                int max, char *scratch);

/* Built-in facts (codes_builtin.c). */
typedef struct codes_builtin_row {
  const char *code, *desc;
  const char *effective; /* ISO or NULL */
} codes_builtin_row;
extern const codes_builtin_row codes_cpt_modifiers[];
extern const size_t codes_n_cpt_modifiers;
extern const codes_builtin_row codes_pos_additions[];
extern const size_t codes_n_pos_additions;

#endif
