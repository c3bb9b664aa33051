/* store_checkpoint.c - a large commit's WAL copied into the database on
 * another thread, so the writer that committed goes on. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* SQLite's own threshold for an automatic checkpoint (pages in the WAL). */
#define AUTO_PAGES 1000

struct store_ckpt {
  pthread_t thread;
  char path[512];
  char vfs[64];
};

static void *run(void *arg) {
  struct store_ckpt *c = arg;
  sqlite3 *db = NULL;
  /* A connection of its own: the committer's may be writing again. A
   * checkpoint that cannot finish (a reader holds an old snapshot, the
   * process ends) is harmless: the WAL keeps every frame until the next
   * checkpoint copies it. */
  if (sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READWRITE |
                      SQLITE_OPEN_NOMUTEX, c->vfs[0] ? c->vfs : NULL) ==
      SQLITE_OK) {
    sqlite3_busy_timeout(db, 10000);
    /* A new connection learns the file is in WAL mode only once it reads
     * it; until then a checkpoint finds "no WAL" and does nothing. */
    if (store_db_in_wal(db))
      sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL,
                                NULL);
  }
  sqlite3_close_v2(db);
  return NULL;
}

void store_checkpoint_wait(cc_store *s) {
  if (!s->ckpt) return;
  pthread_join(s->ckpt->thread, NULL);
  free(s->ckpt);
  s->ckpt = NULL;
}

static int count_frames(void *arg, sqlite3 *db, const char *name, int n) {
  (void)db; (void)name;
  *(int *)arg = n;
  return SQLITE_OK;
}

cc_code store_commit_checkpoint_later(cc_store *s, cc_err *err) {
  const char *path = sqlite3_db_filename(s->db, "main");
  if (!path || !*path || !store_db_in_wal(s->db))
    return cc_store_commit(s, err);
  /* The automatic checkpoint is a WAL hook run by COMMIT; this one only
   * counts the frames, and the usual one is put back after. */
  int frames = 0;
  sqlite3_wal_hook(s->db, count_frames, &frames);
  cc_code rc = cc_store_commit(s, err);
  sqlite3_wal_autocheckpoint(s->db, AUTO_PAGES);
  if (rc || frames < AUTO_PAGES) return rc;
  store_checkpoint_wait(s); /* one at a time */
  struct store_ckpt *c = calloc(1, sizeof *c);
  if (!c) return CC_OK; /* the next commit checkpoints as usual */
  snprintf(c->path, sizeof c->path, "%s", path);
  sqlite3_vfs *v = NULL;
  if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_VFS_POINTER, &v) ==
          SQLITE_OK && v)
    snprintf(c->vfs, sizeof c->vfs, "%s", v->zName);
  if (pthread_create(&c->thread, NULL, run, c) != 0) {
    free(c);
    return CC_OK;
  }
  s->ckpt = c;
  return CC_OK;
}
