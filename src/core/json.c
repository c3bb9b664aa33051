/* json.c - RFC 8259 JSON reading into an arena-owned tree. Numbers stay as
 * their text so that amounts never pass through double; errors say line and
 * column; nesting is capped by CC_MAX_JSON_DEPTH. */
#include <string.h>

#include "cleanclaim/core.h"

typedef struct jp {
  const char *p, *end, *start, *line_start;
  uint32_t line;
  cc_arena *a;
  cc_err *err;
  const char *name;
} jp;

static cc_code jfail(jp *j, const char *msg, const char *what) {
  uint32_t col = (uint32_t)(j->p - j->line_start) + 1;
  cc_err_set(j->err, CC_E_SYNTAX, "invalid JSON", "line %u, column %u: %s%s%s",
             j->line, col, msg, what ? " " : "", what ? what : "");
  if (j->err) {
    j->err->file = j->name;
    j->err->line = j->line;
    j->err->elem_pos = (uint16_t)(col > 65535 ? 65535 : col);
    j->err->byte_off = (size_t)(j->p - j->start);
  }
  return CC_E_SYNTAX;
}

static void ws(jp *j) {
  while (j->p < j->end) {
    char c = *j->p;
    if (c == '\n') {
      j->line++;
      j->line_start = j->p + 1;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      break;
    }
    j->p++;
  }
}

static cc_json *node(jp *j, cc_json_type t) {
  cc_json *v = cc_arena_alloc(j->a, sizeof *v);
  if (!v) return NULL;
  memset(v, 0, sizeof *v);
  v->type = t;
  v->line = j->line;
  v->col = (uint32_t)(j->p - j->line_start) + 1;
  return v;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bool hex4(jp *j, const char *q, unsigned *out) {
  if (j->end - q < 4) return false;
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    int h = hexval(q[i]);
    if (h < 0) return false;
    v = v * 16 + (unsigned)h;
  }
  *out = v;
  return true;
}

static size_t put_utf8(char *o, unsigned cp) {
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* At the opening quote. The unescaped text is never longer than the escaped
 * text, so one allocation of the raw length is enough. */
static cc_code string(jp *j, cc_slice *out) {
  const char *q = ++j->p;
  bool esc = false;
  while (q < j->end && *q != '"') {
    if ((unsigned char)*q < 0x20) {
      j->p = q;
      return jfail(j, "control character in a string", "(escape it, e.g. \\n)");
    }
    if (*q == '\\') {
      esc = true;
      q++;
    }
    q++;
  }
  if (q >= j->end) return jfail(j, "unterminated string", NULL);
  if (!esc) {
    *out = (cc_slice){j->p, (size_t)(q - j->p)};
    j->p = q + 1;
    return CC_OK;
  }
  char *o = cc_arena_alloc(j->a, (size_t)(q - j->p) + 1);
  if (!o) return cc_err_set(j->err, CC_E_NOMEM, NULL, NULL);
  size_t n = 0;
  while (j->p < q) {
    char c = *j->p;
    if (c != '\\') {
      o[n++] = c;
      j->p++;
      continue;
    }
    char e = j->p[1], r = 0;
    switch (e) {
    case '"': r = '"'; break;
    case '\\': r = '\\'; break;
    case '/': r = '/'; break;
    case 'b': r = '\b'; break;
    case 'f': r = '\f'; break;
    case 'n': r = '\n'; break;
    case 'r': r = '\r'; break;
    case 't': r = '\t'; break;
    }
    if (r) {
      o[n++] = r;
      j->p += 2;
      continue;
    }
    if (e != 'u') return jfail(j, "invalid escape in a string", NULL);
    unsigned cp;
    if (!hex4(j, j->p + 2, &cp)) return jfail(j, "\\u needs four hex digits", NULL);
    j->p += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      unsigned lo;
      if (j->p + 1 < q && j->p[0] == '\\' && j->p[1] == 'u' &&
          hex4(j, j->p + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        j->p += 6;
      } else {
        return jfail(j, "unpaired UTF-16 surrogate in \\u escape", NULL);
      }
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return jfail(j, "unpaired UTF-16 surrogate in \\u escape", NULL);
    }
    n += put_utf8(o + n, cp);
  }
  o[n] = '\0';
  *out = (cc_slice){o, n};
  j->p = q + 1;
  return CC_OK;
}

/* RFC 8259 number grammar, kept as text. */
static cc_code number(jp *j, cc_slice *out) {
  const char *s = j->p, *q = j->p;
  if (q < j->end && *q == '-') q++;
  if (q < j->end && *q == '0') {
    q++;
  } else if (q < j->end && *q >= '1' && *q <= '9') {
    while (q < j->end && *q >= '0' && *q <= '9') q++;
  } else {
    return jfail(j, "invalid number", NULL);
  }
  if (q < j->end && *q == '.') {
    q++;
    if (!(q < j->end && *q >= '0' && *q <= '9')) {
      j->p = q;
      return jfail(j, "invalid number", "(digits must follow the point)");
    }
    while (q < j->end && *q >= '0' && *q <= '9') q++;
  }
  if (q < j->end && (*q == 'e' || *q == 'E')) {
    q++;
    if (q < j->end && (*q == '+' || *q == '-')) q++;
    if (!(q < j->end && *q >= '0' && *q <= '9')) {
      j->p = q;
      return jfail(j, "invalid number", "(digits must follow the exponent)");
    }
    while (q < j->end && *q >= '0' && *q <= '9') q++;
  }
  *out = (cc_slice){s, (size_t)(q - s)};
  j->p = q;
  return CC_OK;
}

static cc_code value(jp *j, int depth, cc_json **out);

/* Arrays and objects collect children in a small growing list, then copy
 * them into an exact-size arena array. */
typedef struct kids {
  cc_json **v;
  cc_slice *k;
  size_t n, cap;
} kids;

static cc_code kids_push(jp *j, kids *ks, cc_slice key, cc_json *v) {
  if (ks->n == ks->cap) {
    size_t cap = ks->cap ? ks->cap * 2 : 8;
    cc_json **nv = cc_arena_alloc(j->a, cap * sizeof *nv);
    cc_slice *nk = cc_arena_alloc(j->a, cap * sizeof *nk);
    if (!nv || !nk) return cc_err_set(j->err, CC_E_NOMEM, NULL, NULL);
    if (ks->n) {
      memcpy(nv, ks->v, ks->n * sizeof *nv);
      memcpy(nk, ks->k, ks->n * sizeof *nk);
    }
    ks->v = nv;
    ks->k = nk;
    ks->cap = cap;
  }
  ks->v[ks->n] = v;
  ks->k[ks->n] = key;
  ks->n++;
  return CC_OK;
}

static cc_code container(jp *j, int depth, cc_json *v) {
  bool obj = v->type == CC_JSON_OBJECT;
  char close = obj ? '}' : ']';
  kids ks = {0};
  j->p++;
  ws(j);
  if (j->p < j->end && *j->p == close) {
    j->p++;
    return CC_OK;
  }
  for (;;) {
    cc_slice key = {0};
    ws(j);
    if (obj) {
      if (j->p >= j->end || *j->p != '"')
        return jfail(j, "expected a quoted member name", NULL);
      cc_code rc = string(j, &key);
      if (rc) return rc;
      ws(j);
      if (j->p >= j->end || *j->p != ':')
        return jfail(j, "expected ':' after a member name", NULL);
      j->p++;
    }
    cc_json *c;
    cc_code rc = value(j, depth + 1, &c);
    if (rc) return rc;
    if ((rc = kids_push(j, &ks, key, c))) return rc;
    ws(j);
    if (j->p < j->end && *j->p == ',') {
      j->p++;
      continue;
    }
    if (j->p < j->end && *j->p == close) {
      j->p++;
      break;
    }
    return jfail(j, obj ? "expected ',' or '}'" : "expected ',' or ']'", NULL);
  }
  v->n = ks.n;
  v->kids = ks.v;
  v->keys = obj ? ks.k : NULL;
  return CC_OK;
}

static cc_code value(jp *j, int depth, cc_json **out) {
  ws(j);
  if (j->p >= j->end) return jfail(j, "unexpected end of input", NULL);
  if (depth > CC_MAX_JSON_DEPTH)
    return jfail(j, "nesting too deep", "(at most 64 levels)");
  char c = *j->p;
  cc_json *v = NULL;
  cc_code rc = CC_OK;
  switch (c) {
  case '{':
  case '[':
    if (!(v = node(j, c == '{' ? CC_JSON_OBJECT : CC_JSON_ARRAY))) break;
    rc = container(j, depth, v);
    break;
  case '"':
    if (!(v = node(j, CC_JSON_STRING))) break;
    rc = string(j, &v->str);
    break;
  case 't': case 'f': case 'n': {
    const char *w = c == 't' ? "true" : c == 'f' ? "false" : "null";
    size_t n = strlen(w);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
      return jfail(j, "unexpected word", "(expected true, false or null)");
    if (!(v = node(j, c == 't' ? CC_JSON_TRUE : c == 'f' ? CC_JSON_FALSE
                                                          : CC_JSON_NULL)))
      break;
    v->str = (cc_slice){j->p, n};
    j->p += n;
    break;
  }
  default:
    if (c == '-' || (c >= '0' && c <= '9')) {
      if (!(v = node(j, CC_JSON_NUMBER))) break;
      rc = number(j, &v->str);
      break;
    }
    return jfail(j, "unexpected character", NULL);
  }
  if (cc_arena_failed(j->a)) return cc_err_set(j->err, CC_E_NOMEM, NULL, NULL);
  if (rc) return rc;
  *out = v;
  return CC_OK;
}

cc_code cc_json_parse(const char *p, size_t n, const char *name, cc_arena *a,
                      cc_json **out, cc_err *err) {
  jp j = {p, p + n, p, p, 1, a, err, name};
  *out = NULL;
  if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) j.p += 3, j.line_start += 3;
  cc_json *v;
  cc_code rc = value(&j, 1, &v);
  if (rc) return rc;
  ws(&j);
  if (j.p < j.end) return jfail(&j, "unexpected text after the JSON value", NULL);
  *out = v;
  return CC_OK;
}

const cc_json *cc_json_get(const cc_json *obj, const char *key) {
  if (!obj || obj->type != CC_JSON_OBJECT) return NULL;
  for (size_t i = 0; i < obj->n; i++)
    if (cc_slice_eq(obj->keys[i], key)) return obj->kids[i];
  return NULL;
}

const char *cc_json_type_name(cc_json_type t) {
  switch (t) {
  case CC_JSON_NULL: return "null";
  case CC_JSON_FALSE: case CC_JSON_TRUE: return "boolean";
  case CC_JSON_NUMBER: return "number";
  case CC_JSON_STRING: return "string";
  case CC_JSON_ARRAY: return "array";
  case CC_JSON_OBJECT: return "object";
  }
  return "?";
}

static bool ends_with(cc_slice k, const char *suffix) {
  size_t n = strlen(suffix);
  return k.n > n && memcmp(k.p + k.n - n, suffix, n) == 0;
}

/* Nothing to say: null, or an empty string (an unset modifier). */
static bool blank(const cc_json *v) {
  return v->type == CC_JSON_NULL || (v->type == CC_JSON_STRING && !v->str.n);
}

static bool scalar(const cc_json *v) {
  return v->type != CC_JSON_OBJECT && v->type != CC_JSON_ARRAY;
}

/* A scalar as people read it: *_cents as dollars and cents, *_bp (basis
 * points) as a percentage, both without the suffix on the name. */
static cc_code scalar_text(const cc_json *v, cc_slice *key, cc_buf *b) {
  cc_money m;
  char buf[24];
  if (v->type == CC_JSON_NUMBER && ends_with(*key, "_cents") &&
      cc_money_parse(v->str, &m, NULL) == CC_OK && m.cents % 100 == 0) {
    m.cents /= 100;
    key->n -= 6;
    return cc_buf_puts(b, cc_money_fmt(m, buf));
  }
  if (v->type == CC_JSON_NUMBER && ends_with(*key, "_bp") &&
      cc_money_parse(v->str, &m, NULL) == CC_OK && m.cents % 100 == 0) {
    /* 2000 bp = 20%, 1250 = 12.5%: money's formatting, trailing zeros cut */
    m.cents /= 100;
    key->n -= 3;
    return cc_buf_printf(b, "%s%%", cc_money_x12(m, buf));
  }
  return cc_buf_append(b, v->str.p, v->str.n);
}

static cc_code text(const cc_json *v, cc_slice key, int ind, cc_buf *b) {
  cc_code rc = CC_OK;
  if (v->type == CC_JSON_ARRAY) {
    size_t shown = 0;
    bool flat = true;
    for (size_t i = 0; i < v->n; i++)
      if (!blank(v->kids[i])) shown++, flat = flat && scalar(v->kids[i]);
    if (key.n && (!shown || flat)) { /* "modifiers: 25, GP" on one line */
      rc = cc_buf_printf(b, "%*s%.*s:%s", ind, "", (int)key.n, key.p,
                         shown ? " " : " (none)");
      for (size_t i = 0, k = 0; i < v->n && !rc; i++) {
        if (blank(v->kids[i])) continue;
        cc_slice none = {"", 0};
        if (k++) rc = cc_buf_puts(b, ", ");
        if (!rc) rc = scalar_text(v->kids[i], &none, b);
      }
      return rc ? rc : cc_buf_puts(b, "\n");
    }
    if (key.n) rc = cc_buf_printf(b, "%*s%.*s:\n", ind, "", (int)key.n, key.p);
    int in = key.n ? ind + 2 : ind;
    /* each item as a YAML-like "- " list entry: its first member takes the
     * dash, the others line up under it */
    for (size_t i = 0; i < v->n && !rc; i++) {
      const cc_json *k = v->kids[i];
      if (blank(k)) continue;
      if (scalar(k)) {
        cc_slice none = {"", 0};
        rc = cc_buf_printf(b, "%*s- ", in, "");
        if (!rc) rc = scalar_text(k, &none, b);
        if (!rc) rc = cc_buf_puts(b, "\n");
        continue;
      }
      size_t at = b->n;
      rc = text(k, (cc_slice){"", 0}, in + 2, b);
      if (!rc && b->n > at + (size_t)in + 1) b->p[at + in] = '-';
      else if (!rc) rc = cc_buf_printf(b, "%*s-\n", in, "");
    }
    return rc;
  }
  if (v->type == CC_JSON_OBJECT) {
    if (key.n) rc = cc_buf_printf(b, "%*s%.*s:%s\n", ind, "", (int)key.n, key.p,
                                  v->n ? "" : " (none)");
    for (size_t i = 0; i < v->n && !rc; i++)
      rc = text(v->kids[i], v->keys[i], key.n ? ind + 2 : ind, b);
    return rc;
  }
  if (blank(v)) return CC_OK; /* nothing to say */
  cc_buf val;
  cc_buf_init(&val, CC_MAX_LINE_LEN);
  rc = scalar_text(v, &key, &val);
  if (!rc) rc = cc_buf_printf(b, "%*s%.*s: %s\n", ind, "", (int)key.n, key.p,
                              val.p ? val.p : "");
  cc_buf_free(&val);
  return rc;
}

cc_code cc_json_text(const cc_json *v, cc_buf *out) {
  return text(v, (cc_slice){"", 0}, 0, out);
}
