/* store_remit_prefetch.c - 835 posting's claim lookups on the other core:
 * a read-only connection walks the file's control numbers ahead of the
 * posting and hands over each claim, its lines and its next payer. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "store_remit_prefetch.h"

/* How far the lookups may run ahead: enough to ride out a slow claim,
 * small enough to stay in cache (about 400 KB). */
enum { PF_WINDOW = 1024 };

/* A line's strings are offsets into the slot's buffer (it may move as it
 * grows); NO_STR is NULL. */
#define NO_STR UINT32_MAX
typedef struct pf_line {
  int64_t id, line_no, charge_cents;
  uint32_t str[7]; /* control, code, mod[4], from_date */
} pf_line;

typedef struct pf_slot {
  store_prefetched r;
  bool ok;           /* the lookup ran without a database error */
  pf_line *line;
  size_t capline;
  char *buf;
  size_t nbuf, capbuf;
} pf_slot;

struct store_prefetch {
  sqlite3 *db;
  sqlite3_stmt *claim, *lines, *next, *bal;
  const char *const *keys; /* borrowed until store_prefetch_stop */
  size_t n;
  pf_slot slot[PF_WINDOW];
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  size_t filled;   /* keys [0, filled) are looked up or skipped (thread) */
  size_t consumed; /* the posting is done with keys before this (main) */
  size_t ask;      /* the first key take may still return (main only) */
  const pf_slot *cur;
  bool stop;
};

/* Copy s into the slot's buffer; its offset, or NO_STR. */
static uint32_t keep(pf_slot *s, const unsigned char *t, bool *oom) {
  if (!t) return NO_STR;
  size_t len = strlen((const char *)t) + 1;
  if (s->nbuf + len > s->capbuf) {
    size_t cap = s->capbuf ? s->capbuf * 2 : 1024;
    while (cap < s->nbuf + len) cap *= 2;
    char *nb = realloc(s->buf, cap);
    if (!nb) { *oom = true; return NO_STR; }
    s->buf = nb;
    s->capbuf = cap;
  }
  memcpy(s->buf + s->nbuf, t, len);
  uint32_t off = (uint32_t)s->nbuf;
  s->nbuf += len;
  return off;
}

/* The lookups for one key, as store_post_claim_find, _lines and
 * _next_payer do them on the posting's connection, and the claim's open
 * balances for store_post_write_sums. */
static void fill(store_prefetch *f, pf_slot *s, const char *key) {
  memset(&s->r, 0, sizeof s->r);
  s->nbuf = 0;
  s->ok = false;
  bool oom = false;
  sqlite3_reset(f->claim);
  sqlite3_clear_bindings(f->claim);
  if (*key) /* as the posting binds it: "" is NULL, never found */
    sqlite3_bind_text(f->claim, 1, key, -1, SQLITE_STATIC);
  int rc = sqlite3_step(f->claim);
  if (rc == SQLITE_ROW) {
    s->r.found = true;
    store_post_claim_row(f->claim, &s->r.cl);
  }
  sqlite3_reset(f->claim);
  if (rc != SQLITE_ROW) {
    s->ok = rc == SQLITE_DONE;
    return;
  }
  sqlite3_reset(f->lines);
  sqlite3_bind_int64(f->lines, 1, s->r.cl.id);
  while ((rc = sqlite3_step(f->lines)) == SQLITE_ROW) {
    if (s->r.nline == s->capline) {
      size_t cap = s->capline ? s->capline * 2 : 8;
      pf_line *nl = realloc(s->line, cap * sizeof *nl);
      if (!nl) { oom = true; break; }
      s->line = nl;
      s->capline = cap;
    }
    store_post_line l;
    store_post_line_row(f->lines, &l);
    pf_line *o = &s->line[s->r.nline++];
    o->id = l.id;
    o->line_no = l.line_no;
    o->charge_cents = l.charge_cents;
    const char *str[7] = {l.control, l.code, l.mod[0], l.mod[1],
                          l.mod[2], l.mod[3], l.from_date};
    for (int k = 0; k < 7; k++)
      o->str[k] = keep(s, (const unsigned char *)str[k], &oom);
  }
  sqlite3_reset(f->lines);
  if (oom || rc != SQLITE_DONE) return;
  const store_post_claim *c = &s->r.cl;
  sqlite3_reset(f->next);
  sqlite3_clear_bindings(f->next);
  store_post_next_payer_bind(f->next, c->patient_id, c->responsibility,
                             c->first_service, c->payer_id);
  rc = sqlite3_step(f->next);
  if (rc == SQLITE_ROW) s->r.next_payer = sqlite3_column_int64(f->next, 0);
  sqlite3_reset(f->next);
  s->ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
  if (!s->ok) return;
  sqlite3_reset(f->bal);
  sqlite3_bind_int64(f->bal, 1, c->id);
  while ((rc = sqlite3_step(f->bal)) == SQLITE_ROW &&
         s->r.nbal < STORE_PF_BALANCES) {
    s->r.bal_party[s->r.nbal] = sqlite3_column_int64(f->bal, 0);
    s->r.bal_cents[s->r.nbal++] = sqlite3_column_int64(f->bal, 1);
  }
  s->r.bal_known = rc == SQLITE_DONE;
  sqlite3_reset(f->bal);
}

static void *run(void *arg) {
  store_prefetch *f = arg;
  /* One read transaction for the whole walk: one snapshot. */
  sqlite3_exec(f->db, "BEGIN", NULL, NULL, NULL);
  size_t i = 0;
  for (;;) {
    pthread_mutex_lock(&f->mu);
    while (!f->stop && i < f->n && i >= f->consumed + PF_WINDOW)
      pthread_cond_wait(&f->cv, &f->mu);
    if (i < f->consumed) i = f->consumed; /* skipped: not needed */
    bool done = f->stop || i >= f->n;
    pthread_mutex_unlock(&f->mu);
    if (done) break;
    fill(f, &f->slot[i % PF_WINDOW], f->keys[i]);
    pthread_mutex_lock(&f->mu);
    f->filled = ++i;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
  }
  /* Stopped, or every key from the last one asked for on is filled: a
   * take never waits on a key the walk left behind. */
  sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL);
  return NULL;
}

static void release(store_prefetch *f) {
  sqlite3_finalize(f->claim);
  sqlite3_finalize(f->lines);
  sqlite3_finalize(f->next);
  sqlite3_finalize(f->bal);
  sqlite3_close_v2(f->db);
  for (size_t i = 0; i < PF_WINDOW; i++) {
    free(f->slot[i].line);
    free(f->slot[i].buf);
  }
  free(f);
}

store_prefetch *store_prefetch_start(sqlite3 *db, const char *const *keys,
                                     size_t n) {
  /* One claim's lookups cost less than a thread and a connection. */
  const char *path = sqlite3_db_filename(db, "main");
  if (n < 2 || !path || !*path || !store_db_in_wal(db)) return NULL;
  store_prefetch *f = calloc(1, sizeof *f);
  if (!f) return NULL;
  /* NOMUTEX: the connection is the thread's alone. */
  if (sqlite3_open_v2(path, &f->db, SQLITE_OPEN_READONLY |
                      SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(f->db, store_sql_post_claim, -1, &f->claim,
                         NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(f->db, store_sql_post_lines, -1, &f->lines,
                         NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(f->db, store_sql_post_next_payer, -1, &f->next,
                         NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(f->db, store_sql_post_balances, -1, &f->bal,
                         NULL) != SQLITE_OK) {
    release(f);
    return NULL;
  }
  sqlite3_busy_timeout(f->db, 10000);
  f->keys = keys;
  f->n = n;
  pthread_mutex_init(&f->mu, NULL);
  pthread_cond_init(&f->cv, NULL);
  if (pthread_create(&f->thread, NULL, run, f) != 0) {
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
    release(f);
    return NULL;
  }
  return f;
}

const store_prefetched *store_prefetch_take(store_prefetch *f,
                                            const char *key) {
  f->cur = NULL;
  size_t j = f->ask;
  while (j < f->n && strcmp(f->keys[j], key)) j++;
  if (j == f->n) return NULL; /* not ahead: asked out of order */
  f->ask = j + 1;
  pthread_mutex_lock(&f->mu);
  f->consumed = j; /* slot j stays put until the next take */
  pthread_cond_broadcast(&f->cv);
  while (f->filled <= j) pthread_cond_wait(&f->cv, &f->mu);
  pthread_mutex_unlock(&f->mu);
  const pf_slot *s = &f->slot[j % PF_WINDOW];
  if (!s->ok) return NULL; /* a database error: look it up again */
  f->cur = s;
  return &s->r;
}

void store_prefetch_line(const store_prefetch *f, size_t i,
                         store_post_line *l) {
  const pf_slot *s = f->cur;
  const pf_line *o = &s->line[i];
  const char *str[7];
  for (int k = 0; k < 7; k++)
    str[k] = o->str[k] == NO_STR ? NULL : s->buf + o->str[k];
  *l = (store_post_line){o->id, o->line_no, o->charge_cents, str[0], str[1],
                         {str[2], str[3], str[4], str[5]}, str[6]};
}

void store_prefetch_stop(store_prefetch *f) {
  if (!f) return;
  pthread_mutex_lock(&f->mu);
  f->stop = true;
  pthread_cond_broadcast(&f->cv);
  pthread_mutex_unlock(&f->mu);
  pthread_join(f->thread, NULL);
  pthread_mutex_destroy(&f->mu);
  pthread_cond_destroy(&f->cv);
  release(f);
}
