/* arena.c - bump allocator with sticky failure. One arena per interchange or
 * request: everything made during that unit of work dies with it. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/core.h"

#define ARENA_BLOCK (64 * 1024)

typedef struct block {
  struct block *next;
  size_t cap, used;
  _Alignas(16) unsigned char data[];
} block;

struct cc_arena {
  block *head;  /* current block, newest first */
  size_t limit; /* total bytes allowed, 0 = unlimited */
  size_t total; /* bytes obtained from malloc */
  size_t used;  /* bytes handed out */
  bool failed;  /* sticky */
};

cc_arena *cc_arena_new(size_t limit) {
  cc_arena *a = calloc(1, sizeof *a);
  if (a) a->limit = limit;
  return a;
}

void cc_arena_free(cc_arena *a) {
  if (!a) return;
  for (block *b = a->head, *n; b; b = n) {
    n = b->next;
    free(b);
  }
  free(a);
}

void cc_arena_reset(cc_arena *a) {
  if (!a || !a->head) return;
  /* Keep the newest block: it is at least as large as any earlier one, so
   * it serves the next unit of work best. */
  block *b = a->head;
  for (block *n = b->next; n; n = b->next) {
    b->next = n->next;
    free(n);
  }
  b->used = 0;
  a->total = b->cap;
  a->used = 0;
  a->failed = false;
}

void *cc_arena_alloc(cc_arena *a, size_t n) {
  if (!a || a->failed) return NULL;
  size_t need = (n + 15) & ~(size_t)15;
  if (need < n) goto fail;
  block *b = a->head;
  if (!b || b->cap - b->used < need) {
    size_t cap = ARENA_BLOCK;
    if (b && b->cap * 2 > cap && b->cap < 16 * 1024 * 1024) cap = b->cap * 2;
    if (cap < need) cap = need;
    if (a->limit && a->total + cap > a->limit) {
      if (a->total + need > a->limit) goto fail;
      cap = need;
    }
    block *nb = malloc(sizeof *nb + cap);
    if (!nb) goto fail;
    nb->cap = cap;
    nb->used = 0;
    nb->next = b;
    a->head = b = nb;
    a->total += cap;
  }
  void *p = b->data + b->used;
  b->used += need;
  a->used += need;
  return p;
fail:
  a->failed = true;
  return NULL;
}

char *cc_arena_strdup(cc_arena *a, cc_slice s) {
  char *p = cc_arena_alloc(a, s.n + 1);
  if (!p) return NULL;
  if (s.n) memcpy(p, s.p, s.n);
  p[s.n] = '\0';
  return p;
}

char *cc_arena_printf(cc_arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  char *p = cc_arena_alloc(a, (size_t)n + 1);
  if (!p) return NULL;
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

bool cc_arena_failed(const cc_arena *a) { return !a || a->failed; }
size_t cc_arena_used(const cc_arena *a) { return a ? a->used : 0; }
