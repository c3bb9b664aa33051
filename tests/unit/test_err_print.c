/* test_err_print.c - how one error reads on a line: X12 errors name their
 * segment and byte, CSV/JSON errors their row and column and nothing about
 * segments. */
#include <stdio.h>
#include <stdlib.h>

#include "cleanclaim/error.h"
#include "test.h"

static char *printed(const cc_err *e) {
  char *p = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&p, &n);
  if (!f) return NULL;
  cc_err_print(e, f);
  fclose(f);
  return p;
}

static void test_csv_row(void) {
  cc_err e;
  cc_err_clear(&e);
  cc_err_set(&e, CC_E_SYNTAX, "text after a closing quote",
             "a quoted field must end at a comma or the end of the line");
  e.file = "patients.csv";
  e.line = 2;
  e.byte_off = 26; /* the CSV reader knows it, but the row says it all */
  char *s = printed(&e);
  CHECK_STR(s, "patients.csv:2: text after a closing quote: a quoted field "
               "must end at a comma or the end of the line\n");
  free(s);
}

static void test_json_column(void) {
  cc_err e;
  cc_err_clear(&e);
  cc_err_set(&e, CC_E_INVALID, "not a date", "'2026-02-30'");
  e.file = "encounters.json";
  e.line = 3;
  snprintf(e.field, sizeof e.field, "lines[2].from_date");
  e.byte_off = 311;
  char *s = printed(&e);
  CHECK_STR(s, "encounters.json:3:lines[2].from_date: not a date: "
               "'2026-02-30'\n");
  free(s);
}

static void test_x12_segment(void) {
  cc_err e;
  cc_err_clear(&e);
  cc_err_set(&e, CC_E_SYNTAX, "the last segment has no terminator '~'", NULL);
  e.file = "claims.837";
  e.seg_pos = 23;
  memcpy(e.seg_id, "HL", 3);
  e.byte_off = 690;
  char *s = printed(&e);
  CHECK_STR(s, "claims.837:23: the last segment has no terminator '~' "
               "(segment HL, byte 690)\n");
  free(s);
}

static void test_byte_only(void) {
  /* Binary input with no line or segment: the byte is all there is. */
  cc_err e;
  cc_err_clear(&e);
  cc_err_set(&e, CC_E_SYNTAX, "not X12", NULL);
  e.file = "blob.bin";
  e.byte_off = 17;
  char *s = printed(&e);
  CHECK_STR(s, "blob.bin: not X12 (byte 17)\n");
  free(s);
}

int main(void) {
  RUN(test_csv_row);
  RUN(test_json_column);
  RUN(test_x12_segment);
  RUN(test_byte_only);
  TEST_MAIN_END();
}
