/* store_claims_practice.c - the practice's settings (name, NPI, tax ID,
 * submitter and receiver of every envelope): set with checks, shown. */
#include <ctype.h>
#include <string.h>

#include "claims/claims_int.h"
#include "store_int.h"

static const char *const COLS[] = {
    "name", "npi", "tax_id", "address1", "address2", "city", "state", "zip",
    "phone", "submitter_id", "submitter_name", "submitter_contact",
    "submitter_phone", "receiver_id", "receiver_name", "isa_sender_qual",
    "isa_receiver_qual"};
#define NCOLS (sizeof COLS / sizeof *COLS)

static void values(const cc_practice *p, const char *v[NCOLS]) {
  const char *x[NCOLS] = {
      p->name, p->npi, p->tax_id, p->address1, p->address2, p->city,
      p->state, p->zip, p->phone, p->submitter_id, p->submitter_name,
      p->submitter_contact, p->submitter_phone, p->receiver_id,
      p->receiver_name, p->isa_sender_qual, p->isa_receiver_qual};
  memcpy(v, x, sizeof x);
}

static cc_code bad(cc_err *err, const char *field, const char *msg,
                   const char *value) {
  cc_code rc = cc_err_set(err, CC_E_INVALID, msg, "%s \"%.60s\"", field,
                          value);
  if (err) claims_set(err->field, sizeof err->field, field);
  return rc;
}

static bool digits(const char *v, size_t n) {
  if (strlen(v) != n) return false;
  for (; *v; v++)
    if (!isdigit((unsigned char)*v)) return false;
  return true;
}

static bool has_delim(const char *v) {
  return strpbrk(v, "*:^~") != NULL;
}

/* Every value is checked before the row is touched. */
static cc_code check(const cc_practice *p, cc_err *err) {
  const char *v[NCOLS];
  values(p, v);
  for (size_t i = 0; i < NCOLS; i++)
    if (v[i] && has_delim(v[i]))
      return bad(err, COLS[i], "a setting contains an X12 delimiter "
                 "(* : ^ ~); remove it", v[i]);
  if (p->npi && *p->npi && !cc_npi_valid(cc_slice_cstr(p->npi)))
    return bad(err, "npi", "the NPI is not valid: 10 digits with a "
               "correct check digit", p->npi);
  if (p->tax_id && *p->tax_id && !digits(p->tax_id, 9))
    return bad(err, "tax_id", "the tax ID must be the 9 digits of the EIN "
               "(no dash)", p->tax_id);
  const char *ids[2][2] = {{"submitter_id", p->submitter_id},
                           {"receiver_id", p->receiver_id}};
  for (int i = 0; i < 2; i++)
    if (ids[i][1] && (!*ids[i][1] || strlen(ids[i][1]) > 15))
      return bad(err, ids[i][0], "the ID goes into the ISA envelope: 1 to "
                 "15 characters", ids[i][1]);
  const char *q[2][2] = {{"isa_sender_qual", p->isa_sender_qual},
                         {"isa_receiver_qual", p->isa_receiver_qual}};
  for (int i = 0; i < 2; i++)
    if (q[i][1] && strlen(q[i][1]) != 2)
      return bad(err, q[i][0], "an ISA qualifier has 2 characters (ZZ "
                 "mutually defined, 30 tax ID, XX NPI...)", q[i][1]);
  if (p->usage && p->usage != 'P' && p->usage != 'T') {
    char u[2] = {p->usage, 0};
    return bad(err, "usage", "usage is P (production) or T (test)", u);
  }
  if (p->state && *p->state && strlen(p->state) != 2)
    return bad(err, "state", "the state is its 2-letter code", p->state);
  return CC_OK;
}

static cc_code first_id(cc_store *s, int64_t *id, cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "SELECT id FROM practice ORDER BY id LIMIT 1",
                         -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "practice");
  int rc = sqlite3_step(st);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return store_db_error(s, err, "practice");
  return CC_OK;
}

cc_code cc_claims_practice_set(cc_store *s, const cc_practice *p, int64_t *id,
                               cc_err *err) {
  cc_code rc = check(p, err);
  if (rc) return rc;
  int64_t pid;
  if ((rc = first_id(s, &pid, err))) return rc;
  if (!pid && (!p->name || !*p->name))
    return bad(err, "name", "a new practice needs its name (--name)", "");
  const char *v[NCOLS];
  values(p, v);
  /* One statement: INSERT of every column, or UPDATE of the given ones.
   * Built in a growable buffer: the column list is the code's own, the
   * values are bound. */
  cc_buf q;
  cc_buf_init(&q, 16 * 1024);
  cc_code brc;
  if (!pid) {
    brc = cc_buf_puts(&q, "INSERT INTO practice(usage");
    for (size_t i = 0; i < NCOLS && !brc; i++)
      brc = cc_buf_printf(&q, ",%s", COLS[i]);
    if (!brc) brc = cc_buf_puts(&q, ") VALUES(coalesce(?1,'T')");
    for (size_t i = 0; i < NCOLS && !brc; i++) /* the qualifiers default to ZZ */
      brc = cc_buf_printf(&q, strstr(COLS[i], "qual") ? ",coalesce(?%zu,'ZZ')"
                                                       : ",?%zu",
                          i + 2);
    if (!brc) brc = cc_buf_puts(&q, ")");
  } else {
    brc = cc_buf_puts(&q, "UPDATE practice SET usage=coalesce(?1,usage)");
    for (size_t i = 0; i < NCOLS && !brc; i++)
      brc = cc_buf_printf(&q,
                          ",%s=CASE WHEN ?%zu IS NULL THEN %s ELSE "
                          "nullif(?%zu,'') END",
                          COLS[i], i + 2, COLS[i], i + 2);
    if (!brc) brc = cc_buf_printf(&q, " WHERE id=?%zu", NCOLS + 2);
  }
  if (brc) {
    cc_buf_free(&q);
    return cc_err_set(err, brc, "practice settings", "cannot build the statement");
  }
  const char *sql = q.p;
  sqlite3_stmt *st;
  int prc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  cc_buf_free(&q);
  if (prc != SQLITE_OK) return store_db_error(s, err, "practice");
  char u[2] = {p->usage, 0};
  if (p->usage) sqlite3_bind_text(st, 1, u, 1, SQLITE_TRANSIENT);
  for (size_t i = 0; i < NCOLS; i++)
    if (v[i]) sqlite3_bind_text(st, (int)i + 2, v[i], -1, SQLITE_TRANSIENT);
  if (pid) sqlite3_bind_int64(st, (int)NCOLS + 2, pid);
  int r = sqlite3_step(st);
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) return store_db_error(s, err, "practice settings");
  if (!pid) pid = sqlite3_last_insert_rowid(s->db);
  if (id) *id = pid;
  return CC_OK;
}

cc_code cc_claims_practice_json(cc_store *s, cc_buf *out, cc_err *err) {
  /* Column names are the code's own: 17 of them fit with room to spare. */
  char sql[1024];
  size_t n = (size_t)snprintf(sql, sizeof sql, "SELECT id,usage");
  for (size_t i = 0; i < NCOLS && n < sizeof sql; i++)
    n += (size_t)snprintf(sql + n, sizeof sql - n, ",%s", COLS[i]);
  if (n >= sizeof sql - 40) return cc_err_set(err, CC_E_TOOBIG, "practice", NULL);
  snprintf(sql + n, sizeof sql - n, " FROM practice ORDER BY id LIMIT 1");
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "practice");
  int r = sqlite3_step(st);
  if (r != SQLITE_ROW) {
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) return store_db_error(s, err, "practice");
    return cc_err_set(err, CC_E_NOTFOUND, "no practice settings",
                      "set them with: cleanclaim practice set --name ... "
                      "--npi ... --tax-id ... --submitter-id ... "
                      "--receiver-id ...");
  }
  cc_code rc = cc_buf_printf(out, "{\"id\":%lld,\"usage\":",
                             (long long)sqlite3_column_int64(st, 0));
  if (!rc)
    rc = cc_json_buf_str(out,
                         cc_slice_cstr((const char *)sqlite3_column_text(st, 1)));
  for (size_t i = 0; i < NCOLS && !rc; i++) {
    const char *t = (const char *)sqlite3_column_text(st, (int)i + 2);
    if (!(rc = cc_buf_printf(out, ",\"%s\":", COLS[i])))
      rc = t ? cc_json_buf_str(out, cc_slice_cstr(t)) : cc_buf_puts(out, "null");
  }
  if (!rc) rc = cc_buf_puts(out, "}");
  sqlite3_finalize(st);
  if (rc) return cc_err_set(err, rc, "practice settings", NULL);
  return CC_OK;
}
