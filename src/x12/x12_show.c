/* x12_show.c - the interchange for people (an indented tree of loops with
 * segment and element names) and for programs (JSON, loops nested), both
 * written straight from the reader while it walks. */
#include <string.h>

#include "x12/x12_int.h"

#define MAX_LEVEL (CC_MAX_LOOP_DEPTH + 4)

typedef cc_code (*item_fn)(void *ctx, cc_x12_reader *r, const cc_x12_item *it);

static cc_code walk(const char *p, size_t n, const char *name, item_fn fn,
                    void *ctx, cc_err *err) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  cc_x12_reader *r = lx ? cc_x12_reader_new(lx) : NULL;
  if (!r) {
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  }
  cc_x12_item it;
  cc_code rc;
  while ((rc = cc_x12_reader_next(r, &it, err)) == CC_OK) fn(ctx, r, &it);
  cc_x12_reader_free(r);
  cc_x12_lexer_free(lx);
  return rc == CC_E_EOF ? CC_OK : rc;
}

/* ---------------------------------------------------------------- tree */

static void indent(FILE *o, unsigned d) {
  for (unsigned i = 0; i < d; i++) fputs("  ", o);
}

static cc_code show_item(void *ctx, cc_x12_reader *r, const cc_x12_item *it) {
  FILE *o = ctx;
  const cc_x12_seg *s = it->seg;
  unsigned d = it->depth;
  if (it->loop_start && it->kind == CC_X12_BODY) {
    indent(o, d - 1);
    fprintf(o, "[%s] %s\n", it->loop_id, it->loop_name);
  }
  if (it->kind == CC_X12_ST) {
    indent(o, d - 1);
    fprintf(o, "[ST] Transaction set %s%s%s\n", it->st01,
            it->version[0] ? ", guide " : " (no guide tables here)",
            it->version);
  }
  indent(o, d);
  fprintf(o, "%s", s->id[0] ? s->id : "???");
  if (it->seg_name[0]) fprintf(o, " - %s", it->seg_name);
  if (it->st_pos) fprintf(o, "  (#%u)", it->st_pos);
  fputc('\n', o);
  for (unsigned pos = 1; pos <= s->nel && pos <= CC_MAX_ELEMENTS_PER_SEGMENT;
       pos++) {
    if (s->el[pos].n == 0) continue;
    const char *nm = cc_x12_elem_name(it, pos, 0);
    indent(o, d + 1);
    fprintf(o, "%s%02u %s: %.*s\n", s->id, pos, nm[0] ? nm : "(unknown)",
            (int)s->el[pos].n, s->el[pos].p);
    const x12_elem *e = x12_elem_at(r->t, it->def_, pos);
    if (e && e->ncomp && r->d.comp && it->kind != CC_X12_ISA) {
      for (unsigned c = 1; c <= e->ncomp; c++) {
        cc_slice v = x12_value(s, pos, c, r->d.comp);
        if (!v.n) continue;
        indent(o, d + 2);
        fprintf(o, "%s%02u-%u %s: %.*s\n", s->id, pos, c,
                cc_x12_elem_name(it, pos, c), (int)v.n, v.p);
      }
    }
  }
  return CC_OK;
}

cc_code cc_x12_show_mem(const char *p, size_t n, const char *name, FILE *out,
                        cc_err *err) {
  return walk(p, n, name, show_item, out, err);
}

/* ---------------------------------------------------------------- JSON */

typedef struct jstate {
  FILE *o;
  int top;                 /* deepest open node level, -1 none */
  bool first[MAX_LEVEL];   /* next child of the node at level is the first */
  bool top_first;
} jstate;

static void close_to(jstate *j, int level) {
  while (j->top >= level) {
    fputs("]}", j->o);
    j->top--;
  }
}

static void sep(jstate *j) {
  if (j->top < 0) {
    if (!j->top_first) fputc(',', j->o);
    j->top_first = false;
    return;
  }
  if (!j->first[j->top]) fputc(',', j->o);
  j->first[j->top] = false;
}

static void open_node(jstate *j, int level, const char *loop,
                      const char *name, const cc_x12_item *it) {
  close_to(j, level);
  sep(j);
  fputs("{\"loop\":", j->o);
  cc_json_write_str(j->o, cc_slice_cstr(loop));
  fputs(",\"name\":", j->o);
  cc_json_write_str(j->o, cc_slice_cstr(name));
  if (it && it->kind == CC_X12_ST) {
    fputs(",\"st01\":", j->o);
    cc_json_write_str(j->o, cc_slice_cstr(it->st01));
    fputs(",\"guide\":", j->o);
    cc_json_write_str(j->o, cc_slice_cstr(it->version));
  }
  fputs(",\"content\":[", j->o);
  j->top = level;
  j->first[level] = true;
}

static cc_code json_item(void *ctx, cc_x12_reader *r, const cc_x12_item *it) {
  jstate *j = ctx;
  int d = it->depth;
  switch (it->kind) {
  case CC_X12_ISA: open_node(j, 0, "ISA", "Interchange", it); break;
  case CC_X12_GS: open_node(j, 1, "GS", "Functional Group", it); break;
  case CC_X12_ST: open_node(j, 2, "ST", "Transaction Set", it); break;
  case CC_X12_SE: close_to(j, 3); break;
  case CC_X12_GE: close_to(j, 2); break;
  case CC_X12_IEA: close_to(j, 1); break;
  default:
    if (it->loop_start) open_node(j, d, it->loop_id, it->loop_name, it);
    else close_to(j, d + 1);
  }
  if (j->top >= MAX_LEVEL - 1) return CC_OK;
  const cc_x12_seg *s = it->seg;
  sep(j);
  fputs("{\"id\":", j->o);
  cc_json_write_str(j->o, cc_slice_cstr(s->id));
  fputs(",\"name\":", j->o);
  cc_json_write_str(j->o, cc_slice_cstr(it->seg_name));
  fprintf(j->o, ",\"segment\":%llu,\"elements\":[",
          (unsigned long long)s->index);
  for (unsigned pos = 1; pos <= s->nel && pos <= CC_MAX_ELEMENTS_PER_SEGMENT;
       pos++) {
    if (pos > 1) fputc(',', j->o);
    const x12_elem *e = x12_elem_at(r->t, it->def_, pos);
    if (e && e->ncomp && r->d.comp && s->el[pos].n &&
        memchr(s->el[pos].p, r->d.comp, s->el[pos].n)) {
      fputc('[', j->o);
      for (unsigned c = 1;; c++) {
        cc_slice v = x12_value(s, pos, c, r->d.comp);
        if (c > 1) fputc(',', j->o);
        cc_json_write_str(j->o, v);
        if (v.p + v.n >= s->el[pos].p + s->el[pos].n) break;
      }
      fputc(']', j->o);
    } else {
      cc_json_write_str(j->o, s->el[pos]);
    }
  }
  fputs("]}", j->o);
  return CC_OK;
}

cc_code cc_x12_json_mem(const char *p, size_t n, const char *name, FILE *out,
                        cc_err *err) {
  jstate j;
  memset(&j, 0, sizeof j);
  j.o = out;
  j.top = -1;
  j.top_first = true;
  fputs("{\"file\":", out);
  cc_json_write_str(out, cc_slice_cstr(name));
  fputs(",\"interchanges\":[", out);
  cc_code rc = walk(p, n, name, json_item, &j, err);
  close_to(&j, 0);
  fputs("]}\n", out);
  return rc;
}
