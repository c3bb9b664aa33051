/* report_xlsx.c - a report as an XLSX workbook through libxlsxwriter, one
 * sheet per table, amounts as numbers formatted with two decimals. */
#include <string.h>
#include <xlsxwriter.h>

#include "report_int.h"

/* The spreadsheet library only takes doubles. This is the output boundary:
 * nothing is computed here, and an integer of cents below 2^53 divided by
 * a power of ten is the double nearest the decimal, which the library
 * prints back as that same decimal. */
static double scaled(int64_t v, int64_t by) { return (double)v / (double)by; }

cc_code cc_report_write_xlsx(const cc_report *r, const char *path,
                             cc_err *err) {
  lxw_workbook *wb = workbook_new(path);
  if (!wb)
    return cc_err_set(err, CC_E_IO, "could not create the spreadsheet",
                      "%s", path);
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format *money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");
  lxw_format *pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.00%");
  lxw_format *tenth = workbook_add_format(wb);
  format_set_num_format(tenth, "0.0");
  for (size_t ti = 0; ti < r->ntables; ti++) {
    const cc_report_table *t = &r->tables[ti];
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->name);
    if (!ws) {
      workbook_close(wb);
      return cc_err_set(err, CC_E_IO, "could not add a sheet", "%s", t->name);
    }
    for (size_t k = 0; k < t->ncols; k++) {
      worksheet_write_string(ws, 0, (lxw_col_t)k, t->cols[k].label, bold);
      worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, 16, NULL);
    }
    for (size_t i = 0; i < t->nrows; i++) {
      lxw_row_t row = (lxw_row_t)(i + 1);
      for (size_t k = 0; k < t->ncols; k++) {
        const cc_report_cell *c = &t->cells[i * t->ncols + k];
        lxw_col_t col = (lxw_col_t)k;
        switch (c->type) {
        case CC_RT_NULL: break;
        case CC_RT_TEXT:
          worksheet_write_string(ws, row, col, c->s ? c->s : "", NULL);
          break;
        case CC_RT_INT:
          worksheet_write_number(ws, row, col, scaled(c->v, 1), NULL);
          break;
        case CC_RT_MONEY:
          worksheet_write_number(ws, row, col, scaled(c->v, 100), money);
          break;
        case CC_RT_BP:
          worksheet_write_number(ws, row, col, scaled(c->v, 10000), pct);
          break;
        case CC_RT_TENTHS:
          worksheet_write_number(ws, row, col, scaled(c->v, 10), tenth);
          break;
        }
      }
    }
  }
  lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR)
    return cc_err_set(err, CC_E_IO, "could not write the spreadsheet",
                      "%s: %s", path, lxw_strerror(e));
  return CC_OK;
}
