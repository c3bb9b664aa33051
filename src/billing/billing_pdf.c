/* billing_pdf.c - text documents (statements, appeal letters) written as
 * PDF with libharu: one fixed-width font so columns line up as in the text,
 * 60 lines a page, a form feed forces a new page. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <hpdf.h>

#include "billing_int.h"

#define LINES_PER_PAGE 60
#define FONT_SIZE 9.0f
#define LEADING 12.0f
#define MARGIN 48.0f

/* libharu reports errors through a callback; the jump returns to the
 * writer with the code, so nothing is printed and nothing exits. */
typedef struct pdf_guard {
  jmp_buf jb;
  unsigned long code;
} pdf_guard;

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data) {
  pdf_guard *g = data;
  (void)detail;
  g->code = code;
  longjmp(g->jb, 1);
}

/* Characters outside printable ASCII become '?': the built-in fonts are
 * single-byte and patient names here are ASCII in X12 anyway. */
static void ascii_line(const char *p, size_t n, char *out, size_t cap) {
  size_t j = 0;
  for (size_t i = 0; i < n && j + 1 < cap; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '\r') continue;
    out[j++] = (c >= 32 && c < 127) ? (char)c : (c == '\t' ? ' ' : '?');
  }
  out[j] = 0;
}

cc_code cc_billing_pdf_write(const char *text, const char *title,
                             const char *path, uint32_t *pages, cc_err *err) {
  if (pages) *pages = 0;
  static pdf_guard g; /* static: survives longjmp without volatile games */
  memset(&g, 0, sizeof g);
  HPDF_Doc pdf = HPDF_New(on_error, &g);
  if (!pdf) return cc_err_set(err, CC_E_NOMEM, "cannot start a PDF", NULL);
  if (setjmp(g.jb)) {
    HPDF_Free(pdf);
    return cc_err_set(err, CC_E_IO, "could not write the PDF",
                      "%s: libharu error 0x%04lx", path, g.code);
  }
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  if (title) HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, title);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "cleanclaim");
  HPDF_Font font = HPDF_GetFont(pdf, "Courier", NULL);
  uint32_t npages = 0;
  HPDF_Page page = NULL;
  int line = LINES_PER_PAGE;
  const char *p = text ? text : "";
  char buf[512];
  for (;;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    bool ff = n > 0 && p[0] == '\f';
    if (ff) {
      p++;
      n--;
      line = LINES_PER_PAGE;
    }
    if (!nl && n == 0 && npages > 0) break;
    if (line >= LINES_PER_PAGE) {
      if (page) HPDF_Page_EndText(page);
      page = HPDF_AddPage(pdf);
      HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_LETTER, HPDF_PAGE_PORTRAIT);
      HPDF_Page_BeginText(page);
      HPDF_Page_SetFontAndSize(page, font, FONT_SIZE);
      npages++;
      line = 0;
    }
    ascii_line(p, n, buf, sizeof buf);
    float y = HPDF_Page_GetHeight(page) - MARGIN - LEADING * (float)line;
    if (buf[0]) HPDF_Page_TextOut(page, MARGIN, y, buf);
    line++;
    if (!nl) break;
    p = nl + 1;
  }
  if (page) HPDF_Page_EndText(page);
  HPDF_STATUS st = HPDF_SaveToFile(pdf, path);
  HPDF_Free(pdf);
  if (st != HPDF_OK)
    return cc_err_set(err, CC_E_IO, "could not write the PDF", "%s", path);
  if (pages) *pages = npages;
  return CC_OK;
}
