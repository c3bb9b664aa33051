/* test_json.c - the JSON reader: values, escapes, numbers kept as text,
 * errors with line and column, and the nesting limit. */
#include <stdlib.h>

#include "cleanclaim/core.h"
#include "test.h"

static cc_json *parse(cc_arena *a, const char *s, cc_err *e) {
  cc_json *v = NULL;
  cc_err_clear(e);
  if (cc_json_parse(s, strlen(s), "t.json", a, &v, e) != CC_OK) return NULL;
  return v;
}

static void test_values(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  cc_json *v = parse(a, " [ {\"a\": 1, \"b\": \"x\", \"c\": [true, false, null]}, {} ] ", &e);
  CHECK(v != NULL);
  if (!v) return;
  CHECK_INT(v->type, CC_JSON_ARRAY);
  CHECK_INT(v->n, 2);
  const cc_json *o = v->kids[0];
  CHECK_INT(o->type, CC_JSON_OBJECT);
  CHECK_INT(o->n, 3);
  CHECK(cc_slice_eq(cc_json_get(o, "b")->str, "x"));
  CHECK_INT(cc_json_get(o, "c")->n, 3);
  CHECK_INT(cc_json_get(o, "c")->kids[2]->type, CC_JSON_NULL);
  CHECK(cc_json_get(o, "zz") == NULL);
  CHECK_INT(v->kids[1]->n, 0);
  CHECK_INT(o->line, 1);
  CHECK_INT(o->col, 4);
  cc_arena_free(a);
}

static void test_numbers_are_text(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  /* 2^63 + 1 and a long decimal would both lose digits through double. */
  cc_json *v = parse(a, "[9223372036854775809, 0.1000000000000000055511, -0, 1.5e3]", &e);
  CHECK(v != NULL);
  if (!v) return;
  CHECK(cc_slice_eq(v->kids[0]->str, "9223372036854775809"));
  CHECK(cc_slice_eq(v->kids[1]->str, "0.1000000000000000055511"));
  CHECK(cc_slice_eq(v->kids[2]->str, "-0"));
  CHECK(cc_slice_eq(v->kids[3]->str, "1.5e3"));
  CHECK_INT(v->kids[3]->type, CC_JSON_NUMBER);
  CHECK(parse(a, "[01]", &e) == NULL);
  CHECK(parse(a, "[1.]", &e) == NULL);
  CHECK(parse(a, "[.5]", &e) == NULL);
  CHECK(parse(a, "[1e]", &e) == NULL);
  CHECK(parse(a, "[+1]", &e) == NULL);
  cc_arena_free(a);
}

static void test_strings(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  /* \u00e9 is e-acute (C3 A9); \ud83d\ude00 is U+1F600 (F0 9F 98 80). */
  cc_json *v = parse(a, "[\"a\\\"b\\\\c\\/d\\n\", \"\\u00e9\", \"\\ud83d\\ude00\"]", &e);
  CHECK(v != NULL);
  if (!v) return;
  CHECK(cc_slice_eq(v->kids[0]->str, "a\"b\\c/d\n"));
  CHECK(cc_slice_eq(v->kids[1]->str, "\xC3\xA9"));
  CHECK(cc_slice_eq(v->kids[2]->str, "\xF0\x9F\x98\x80"));
  CHECK(parse(a, "[\"\\ud83d\"]", &e) == NULL);
  CHECK(parse(a, "[\"\\x\"]", &e) == NULL);
  CHECK(parse(a, "[\"tab\there\"]", &e) == NULL);
  CHECK(parse(a, "[\"open", &e) == NULL);
  CHECK_STR(e.msg, "invalid JSON");
  cc_arena_free(a);
}

static void test_error_positions(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  /* Line 3 is `  "b" 2`: the 2 is at column 7, where ':' was expected. */
  CHECK(parse(a, "{\n  \"a\": 1,\n  \"b\" 2\n}", &e) == NULL);
  CHECK_INT(e.code, CC_E_SYNTAX);
  CHECK_INT(e.line, 3);
  CHECK_INT(e.elem_pos, 7);
  CHECK_STR(e.detail, "line 3, column 7: expected ':' after a member name");
  /* Missing comma: line 2 `[1` then line 3 ` 2]`, the 2 at column 2. */
  CHECK(parse(a, "\n[1\n 2]", &e) == NULL);
  CHECK_INT(e.line, 3);
  CHECK_INT(e.elem_pos, 2);
  CHECK_STR(e.detail, "line 3, column 2: expected ',' or ']'");
  CHECK(parse(a, "[1] x", &e) == NULL);
  CHECK_INT(e.elem_pos, 5);
  CHECK(parse(a, "", &e) == NULL);
  CHECK(parse(a, "[1,]", &e) == NULL);
  CHECK(parse(a, "{\"a\":1,}", &e) == NULL);
  CHECK(parse(a, "tru", &e) == NULL);
  cc_arena_free(a);
}

static void test_depth_limit(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  char buf[2 * (CC_MAX_JSON_DEPTH + 1) + 1];
  /* Exactly CC_MAX_JSON_DEPTH nested arrays parse... */
  int d = CC_MAX_JSON_DEPTH;
  for (int i = 0; i < d; i++) buf[i] = '[';
  for (int i = 0; i < d; i++) buf[d + i] = ']';
  buf[2 * d] = '\0';
  CHECK(parse(a, buf, &e) != NULL);
  /* ...one more does not, and the error points at the extra bracket. */
  d++;
  for (int i = 0; i < d; i++) buf[i] = '[';
  for (int i = 0; i < d; i++) buf[d + i] = ']';
  buf[2 * d] = '\0';
  CHECK(parse(a, buf, &e) == NULL);
  CHECK_INT(e.elem_pos, CC_MAX_JSON_DEPTH + 1);
  CHECK(strstr(e.detail, "nesting too deep") != NULL);
  cc_arena_free(a);
}

int main(void) {
  RUN(test_values);
  RUN(test_numbers_are_text);
  RUN(test_strings);
  RUN(test_error_positions);
  RUN(test_depth_limit);
  TEST_MAIN_END();
}
