/* store_codes.c - every SQL statement of the code sets: writing a release
 * with prepared statements inside one transaction, reading rows back for the
 * in-memory snapshot, and search/show for people. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_codes.h"
#include "store_int.h"

struct store_codes_tx {
  cc_store *s;
  int64_t rel_id;
  const char *kind;
  sqlite3_stmt *code, *fts, *mce, *ptp, *mue;
  long rows;
};

static void bind_slice(sqlite3_stmt *st, int i, cc_slice v) {
  sqlite3_bind_text(st, i, v.n ? v.p : "", (int)v.n, SQLITE_STATIC);
}

/* Days are stored as ISO text; CC_DAY_NONE is NULL. */
static void bind_day(sqlite3_stmt *st, int i, cc_day d) {
  if (d == CC_DAY_NONE) {
    sqlite3_bind_null(st, i);
    return;
  }
  char b[11];
  sqlite3_bind_text(st, i, cc_date_iso(d, b), 10, SQLITE_TRANSIENT);
}

static cc_day col_day(sqlite3_stmt *st, int i) {
  const char *t = (const char *)sqlite3_column_text(st, i);
  cc_day d;
  if (!t || cc_date_parse_iso(cc_slice_cstr(t), &d)) return CC_DAY_NONE;
  return d;
}

static const char *col_str(sqlite3_stmt *st, int i) {
  const char *t = (const char *)sqlite3_column_text(st, i);
  return t ? t : "";
}

static cc_code prep(cc_store *s, const char *sql, sqlite3_stmt **st,
                    cc_err *err) {
  if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "preparing a code-set statement");
  return CC_OK;
}

/* Step a write statement once and reset it for the next row. */
static cc_code step_done(cc_store *s, sqlite3_stmt *st, cc_err *err) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return store_db_error(s, err, "writing a code row");
  return CC_OK;
}

cc_code store_codes_release_digest(cc_store *s, const store_codes_rel *rel,
                                   char digest[17],
                                   long *rows, cc_err *err) {
  sqlite3_stmt *st;
  digest[0] = '\0';
  *rows = 0;
  if (prep(s, "SELECT digest, rows FROM code_release"
              " WHERE kind=?1 AND release=?2 AND file=?3",
           &st, err))
    return CC_E_DB;
  sqlite3_bind_text(st, 1, rel->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, rel->release, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, rel->file, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    snprintf(digest, 17, "%s", col_str(st, 0));
    *rows = (long)sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return store_db_error(s, err, "reading code releases");
  return CC_OK;
}

void store_codes_tx_free(store_codes_tx *t) {
  if (!t) return;
  sqlite3_finalize(t->code);
  sqlite3_finalize(t->fts);
  sqlite3_finalize(t->mce);
  sqlite3_finalize(t->ptp);
  sqlite3_finalize(t->mue);
  free(t);
}

static cc_code exec1(cc_store *s, const char *sql, int64_t id, cc_err *err) {
  sqlite3_stmt *st;
  if (prep(s, sql, &st, err)) return CC_E_DB;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return store_db_error(s, err, "replacing a code release");
  return CC_OK;
}

cc_code store_codes_tx_open(cc_store *s, const store_codes_rel *rel,
                            store_codes_tx **out, bool *replaced,
                            cc_err *err) {
  *out = NULL;
  *replaced = false;
  store_codes_tx *t = calloc(1, sizeof *t);
  if (!t) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  t->s = s;
  t->kind = rel->kind;
  sqlite3_stmt *st;
  if (prep(s, "SELECT id FROM code_release WHERE kind=?1 AND release=?2"
              " AND file=?3", &st, err))
    goto fail;
  sqlite3_bind_text(st, 1, rel->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, rel->release, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, rel->file, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) t->rel_id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);

  if (t->rel_id) {
    /* Same release name again with different bytes (a corrected file):
     * its rows are replaced, other releases are untouched. The word index
     * holds no text of its own, so each row is removed by value first. */
    *replaced = true;
    if (exec1(s, "INSERT INTO code_fts(code_fts, rowid, short_desc, long_desc)"
                 " SELECT 'delete', id, short_desc, long_desc FROM code"
                 " WHERE release_id=?1", t->rel_id, err) ||
        exec1(s, "DELETE FROM code WHERE release_id=?1", t->rel_id, err) ||
        exec1(s, "DELETE FROM code_mce WHERE release_id=?1", t->rel_id, err) ||
        exec1(s, "DELETE FROM code_ptp WHERE release_id=?1", t->rel_id, err) ||
        exec1(s, "DELETE FROM code_mue WHERE release_id=?1", t->rel_id, err))
      goto fail;
    if (prep(s, "UPDATE code_release SET effective=?2, termination=?3,"
                " source=?4, digest=?5, rows=0, loaded_at=?6 WHERE id=?1",
             &st, err))
      goto fail;
    sqlite3_bind_int64(st, 1, t->rel_id);
  } else {
    if (prep(s, "INSERT INTO code_release(kind, release, effective, termination,"
                " source, digest, loaded_at, file)"
                " VALUES(?7, ?8, ?2, ?3, ?4, ?5, ?6, ?9)",
             &st, err))
      goto fail;
    sqlite3_bind_text(st, 7, rel->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, rel->release, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, rel->file, -1, SQLITE_STATIC);
  }
  bind_day(st, 2, rel->effective);
  bind_day(st, 3, rel->termination);
  sqlite3_bind_text(st, 4, rel->source, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, rel->digest, -1, SQLITE_STATIC);
  char now[32];
  time_t tt = time(NULL);
  strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
  sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    store_db_error(s, err, "recording the code release");
    goto fail;
  }
  if (!t->rel_id) t->rel_id = sqlite3_last_insert_rowid(s->db);

  if (prep(s, "INSERT INTO code(release_id, kind, code, billable, short_desc,"
              " long_desc, effective, termination) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"
              " ON CONFLICT DO NOTHING",
           &t->code, err) ||
      prep(s, "INSERT INTO code_fts(rowid, short_desc, long_desc) VALUES(?1,?2,?3)",
           &t->fts, err) ||
      prep(s, "INSERT INTO code_mce(release_id, code_type, code, edit, description)"
              " VALUES(?1,?2,?3,?4,?5) ON CONFLICT DO NOTHING",
           &t->mce, err) ||
      prep(s, "INSERT INTO code_ptp(release_id, col1, col2, prior_1996, effective,"
              " deletion, modifier, rationale) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"
              " ON CONFLICT DO NOTHING",
           &t->ptp, err) ||
      prep(s, "INSERT INTO code_mue(release_id, code, max_units, indicator,"
              " rationale) VALUES(?1,?2,?3,?4,?5) ON CONFLICT DO NOTHING",
           &t->mue, err))
    goto fail;
  sqlite3_bind_int64(t->code, 1, t->rel_id);
  sqlite3_bind_text(t->code, 2, t->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64(t->mce, 1, t->rel_id);
  sqlite3_bind_int64(t->ptp, 1, t->rel_id);
  sqlite3_bind_int64(t->mue, 1, t->rel_id);
  *out = t;
  return CC_OK;
fail:
  store_codes_tx_free(t);
  return err ? err->code : CC_E_DB;
}

cc_code store_codes_put_code(store_codes_tx *t, cc_slice code, bool billable,
                             cc_slice short_desc, cc_slice long_desc,
                             cc_day effective, cc_day termination,
                             bool *added, cc_err *err) {
  sqlite3_stmt *st = t->code;
  bind_slice(st, 3, code);
  sqlite3_bind_int(st, 4, billable);
  bind_slice(st, 5, short_desc);
  bind_slice(st, 6, long_desc);
  bind_day(st, 7, effective);
  bind_day(st, 8, termination);
  if (step_done(t->s, st, err)) return CC_E_DB;
  bool ok = sqlite3_changes(t->s->db) > 0;
  if (added) *added = ok;
  if (!ok) return CC_OK;
  t->rows++;
  sqlite3_bind_int64(t->fts, 1, sqlite3_last_insert_rowid(t->s->db));
  bind_slice(t->fts, 2, short_desc);
  bind_slice(t->fts, 3, long_desc);
  return step_done(t->s, t->fts, err);
}

cc_code store_codes_put_mce(store_codes_tx *t, cc_slice code_type,
                            cc_slice code, cc_slice edit, cc_slice desc,
                            cc_err *err) {
  sqlite3_stmt *st = t->mce;
  bind_slice(st, 2, code_type);
  bind_slice(st, 3, code);
  bind_slice(st, 4, edit);
  bind_slice(st, 5, desc);
  if (step_done(t->s, st, err)) return CC_E_DB;
  t->rows += sqlite3_changes(t->s->db);
  return CC_OK;
}

cc_code store_codes_put_ptp(store_codes_tx *t, cc_slice col1, cc_slice col2,
                            bool prior_1996, cc_day effective,
                            cc_day deletion, int modifier, cc_slice rationale,
                            cc_err *err) {
  sqlite3_stmt *st = t->ptp;
  bind_slice(st, 2, col1);
  bind_slice(st, 3, col2);
  sqlite3_bind_int(st, 4, prior_1996);
  bind_day(st, 5, effective);
  bind_day(st, 6, deletion);
  sqlite3_bind_int(st, 7, modifier);
  bind_slice(st, 8, rationale);
  if (step_done(t->s, st, err)) return CC_E_DB;
  t->rows += sqlite3_changes(t->s->db);
  return CC_OK;
}

cc_code store_codes_put_mue(store_codes_tx *t, cc_slice code, int max_units,
                            int indicator, cc_slice rationale, cc_err *err) {
  sqlite3_stmt *st = t->mue;
  bind_slice(st, 2, code);
  sqlite3_bind_int(st, 3, max_units);
  sqlite3_bind_int(st, 4, indicator);
  bind_slice(st, 5, rationale);
  if (step_done(t->s, st, err)) return CC_E_DB;
  t->rows += sqlite3_changes(t->s->db);
  return CC_OK;
}

cc_code store_codes_tx_close(store_codes_tx *t, long *rows, cc_err *err) {
  cc_code rc = CC_OK;
  if (rows) *rows = t->rows;
  sqlite3_stmt *st;
  if (prep(t->s, "UPDATE code_release SET rows=?2 WHERE id=?1", &st, err)) {
    rc = CC_E_DB;
  } else {
    sqlite3_bind_int64(st, 1, t->rel_id);
    sqlite3_bind_int64(st, 2, t->rows);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = store_db_error(t->s, err, "counting the release's rows");
    sqlite3_finalize(st);
  }
  store_codes_tx_free(t);
  return rc;
}

/* ---- Reading for the snapshot ------------------------------------------ */

/* The release rank: newer effective date first, then later load; a release
 * with no date ranks below every dated one. */
#define REL_RANK "((CASE WHEN r.effective IS NULL THEN 0 ELSE" \
                 " julianday(r.effective) END) * 1048576 + r.id)"

static const char *scan_sql[4] = {
    "SELECT c.kind, c.code, c.short_desc, r.release, c.billable, c.effective,"
    " c.termination, " REL_RANK " FROM code c JOIN code_release r"
    " ON r.id = c.release_id WHERE c.termination IS NULL OR c.termination >= ?1",
    "SELECT 'mce', m.code, m.description, r.release, m.edit, r.effective,"
    " r.termination, " REL_RANK " FROM code_mce m JOIN code_release r"
    " ON r.id = m.release_id WHERE m.code_type = 'D'",
    "SELECT 'ncci-ptp', p.col1, p.col2, r.release, p.modifier, p.effective,"
    " p.deletion, " REL_RANK ", p.prior_1996 FROM code_ptp p JOIN code_release r"
    " ON r.id = p.release_id",
    "SELECT 'mue', u.code, '', r.release, u.max_units, r.effective,"
    " r.termination, " REL_RANK ", u.indicator FROM code_mue u"
    " JOIN code_release r ON r.id = u.release_id"
    " WHERE r.termination IS NULL OR r.termination >= ?1",
};

cc_code store_codes_scan(cc_store *s, int what, cc_day as_of,
                         store_codes_scan_fn fn, void *ctx, cc_err *err) {
  sqlite3_stmt *st;
  if (what < 0 || what > 3)
    return cc_err_set(err, CC_E_USAGE, NULL, "no such code table %d", what);
  if (prep(s, scan_sql[what], &st, err)) return CC_E_DB;
  /* PTP rows are all kept: the newest release decides for a pair even when
   * it deleted the edit before as_of. */
  if (what == 0 || what == 3) {
    if (as_of == CC_DAY_NONE)
      sqlite3_bind_text(st, 1, "0000-00-00", -1, SQLITE_STATIC);
    else
      bind_day(st, 1, as_of);
  }
  cc_code rc = CC_OK;
  int src;
  while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    store_codes_scan_row r;
    memset(&r, 0, sizeof r);
    if (!cc_codes_kind_parse(col_str(st, 0), &r.kind)) continue;
    r.code = col_str(st, 1);
    r.short_desc = col_str(st, 2);
    r.release = col_str(st, 3);
    r.effective = col_day(st, 5);
    r.termination = col_day(st, 6);
    r.rel_rank = sqlite3_column_int64(st, 7);
    switch (what) {
    case 0: r.billable = sqlite3_column_int(st, 4) != 0; break;
    case 1: r.edit = col_str(st, 4); break;
    case 2:
      r.col2 = r.short_desc;
      r.short_desc = "";
      r.modifier = sqlite3_column_int(st, 4);
      r.prior_1996 = sqlite3_column_int(st, 8) != 0;
      break;
    case 3:
      r.max_units = sqlite3_column_int(st, 4);
      r.indicator = sqlite3_column_int(st, 8);
      break;
    }
    if ((rc = fn(ctx, &r)) != CC_OK) break;
  }
  if (rc == CC_OK && src != SQLITE_DONE)
    rc = store_db_error(s, err, "reading code sets");
  sqlite3_finalize(st);
  return rc;
}

/* ---- Search and show ------------------------------------------------- */

#define ROW_COLS                                                           \
  "c.kind, c.code, c.short_desc, c.long_desc, c.billable, c.effective,"   \
  " c.termination, r.release"

static void fill_row(sqlite3_stmt *st, cc_codes_row *row) {
  memset(row, 0, sizeof *row);
  cc_codes_kind_parse(col_str(st, 0), &row->kind);
  row->code = col_str(st, 1);
  row->short_desc = col_str(st, 2);
  row->long_desc = col_str(st, 3);
  row->billable = sqlite3_column_int(st, 4) != 0;
  row->effective = col_day(st, 5);
  row->termination = col_day(st, 6);
  row->release = col_str(st, 7);
  row->mce = "";
}

typedef struct seen {
  char (*keys)[40];
  int n, cap;
} seen;

/* One row per kind and code: the first seen (the best ranked). */
static bool seen_add(seen *sn, const char *kind, const char *code) {
  char k[40];
  snprintf(k, sizeof k, "%s|%s", kind, code);
  for (int i = 0; i < sn->n; i++)
    if (strcmp(sn->keys[i], k) == 0) return false;
  if (sn->n == sn->cap) return false;
  memcpy(sn->keys[sn->n++], k, sizeof k);
  return true;
}

cc_code store_codes_search(cc_store *s, const char *code, const char *fts,
                           const char *text, const char *kind, int limit,
                           cc_codes_row_cb cb,
                           void *ctx, cc_err *err) {
  static const char *sql[3] = {
      "SELECT " ROW_COLS " FROM code c JOIN code_release r ON r.id=c.release_id"
      " WHERE c.code = ?1 AND (?2 IS NULL OR c.kind = ?2)"
      " ORDER BY c.kind, " REL_RANK " DESC LIMIT ?3",
      "SELECT " ROW_COLS " FROM code c JOIN code_release r ON r.id=c.release_id"
      " WHERE c.code > ?1 AND c.code < ?1 || char(127)"
      " AND (?2 IS NULL OR c.kind = ?2)"
      " ORDER BY length(c.code), c.code, c.kind, " REL_RANK " DESC LIMIT ?3",
      "SELECT " ROW_COLS " FROM code_fts f JOIN code c ON c.id = f.rowid"
      " JOIN code_release r ON r.id = c.release_id"
      " WHERE code_fts MATCH ?1 AND (?2 IS NULL OR c.kind = ?2)"
      /* A description that is the text, or starts with it, comes first;
       * then FTS5's bm25 relevance. */
      " ORDER BY CASE WHEN c.short_desc LIKE ?4 THEN 0"
      " WHEN c.short_desc LIKE ?4 || ' %' THEN 1 ELSE 2 END,"
      " f.rank, " REL_RANK " DESC LIMIT ?3",
  };
  if (limit <= 0) limit = 20;
  if (limit > 1000) limit = 1000;
  seen sn = {calloc((size_t)limit, sizeof *sn.keys), 0, limit};
  if (!sn.keys) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  cc_code rc = CC_OK;
  for (int q = 0; q < 3 && sn.n < limit && rc == CC_OK; q++) {
    const char *arg = q < 2 ? code : fts;
    if (!arg || !*arg) continue;
    sqlite3_stmt *st;
    if (prep(s, sql[q], &st, err)) {
      rc = CC_E_DB;
      break;
    }
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    if (kind) sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    if (q == 2) sqlite3_bind_text(st, 4, text, -1, SQLITE_STATIC);
    /* Older releases repeat codes: fetch extra rows to fill the limit. */
    sqlite3_bind_int(st, 3, limit * 4);
    int src;
    while (sn.n < limit && (src = sqlite3_step(st)) == SQLITE_ROW) {
      cc_codes_row row;
      fill_row(st, &row);
      if (seen_add(&sn, col_str(st, 0), row.code)) cb(ctx, &row);
    }
    if (sn.n < limit && src != SQLITE_DONE)
      rc = q == 2 ? cc_err_set(err, CC_E_INVALID, "cannot search for that text",
                               "%s", sqlite3_errmsg(s->db))
                  : store_db_error(s, err, "searching code sets");
    sqlite3_finalize(st);
  }
  free(sn.keys);
  return rc;
}

cc_code store_codes_show(cc_store *s, const char *code, const char *kind,
                         cc_codes_row_cb cb, void *ctx, long *n, cc_err *err) {
  sqlite3_stmt *st;
  *n = 0;
  if (prep(s, "SELECT " ROW_COLS ", CASE WHEN c.kind = 'icd10cm' THEN"
              " (SELECT group_concat(edit, ',') FROM (SELECT DISTINCT edit"
              " FROM code_mce m WHERE m.code = c.code AND m.code_type = 'D'"
              " ORDER BY edit)) END"
              " FROM code c JOIN code_release r ON r.id = c.release_id"
              " WHERE c.code = ?1 AND (?2 IS NULL OR c.kind = ?2)"
              " ORDER BY c.kind, " REL_RANK " DESC",
           &st, err))
    return CC_E_DB;
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if (kind) sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
  int src;
  while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    cc_codes_row row;
    fill_row(st, &row);
    row.mce = col_str(st, 8);
    cb(ctx, &row);
    (*n)++;
  }
  cc_code rc = src == SQLITE_DONE ? CC_OK : store_db_error(s, err, "showing a code");
  sqlite3_finalize(st);
  return rc;
}

cc_code store_codes_releases(cc_store *s, cc_codes_release_cb cb, void *ctx,
                             cc_err *err) {
  sqlite3_stmt *st;
  if (prep(s, "SELECT r.kind, r.release, r.source, r.effective, r.termination,"
              " r.rows FROM code_release r ORDER BY r.kind, " REL_RANK " DESC",
           &st, err))
    return CC_E_DB;
  int src;
  while ((src = sqlite3_step(st)) == SQLITE_ROW) {
    cc_codes_release r;
    memset(&r, 0, sizeof r);
    cc_codes_kind_parse(col_str(st, 0), &r.kind);
    r.release = col_str(st, 1);
    r.source = col_str(st, 2);
    r.effective = col_day(st, 3);
    r.termination = col_day(st, 4);
    r.rows = (long)sqlite3_column_int64(st, 5);
    cb(ctx, &r);
  }
  cc_code rc = src == SQLITE_DONE ? CC_OK : store_db_error(s, err, "listing code releases");
  sqlite3_finalize(st);
  return rc;
}
