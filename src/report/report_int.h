/* report_int.h - private to src/report: building report tables. */
#ifndef CC_REPORT_INT_H
#define CC_REPORT_INT_H

#include "cleanclaim/report.h"

/* Add a table with the given columns (borrowed: static arrays) to r; NULL
 * when the report already holds its maximum of tables. */
cc_report_table *report_table_add(cc_report *r, const char *name,
                                  const cc_report_col *cols, size_t ncols);
/* Append a row of ncols cells, all CC_RT_NULL; NULL when out of memory.
 * The pointer is valid until the next row is added. */
cc_report_cell *report_row(cc_report_table *t);
/* A copy of s in the report's arena (NULL when out of memory). */
const char *report_str(cc_report *r, const char *s);

/* Cells. */
static inline void report_text(cc_report_cell *c, const char *s) {
  c->type = CC_RT_TEXT;
  c->s = s ? s : "";
}
static inline void report_val(cc_report_cell *c, cc_report_type t,
                              int64_t v) {
  c->type = t;
  c->v = v;
}

/* A cell as people read it: "1234.56", "12.34%", "42.3"; the empty string
 * for NULL unless null_text is given. buf >= 32 bytes. csv drops the "%". */
const char *report_cell_text(const cc_report_cell *c, bool csv,
                             const char *null_text, char *buf);

#endif
