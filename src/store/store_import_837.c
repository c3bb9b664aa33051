/* store_import_837.c - the statements of `import claims FILE.837`: finding a
 * patient by member ID and name, a claim by CLM01, an encounter's charge
 * lines, and saving the claim with the file it came from in its history. */
#include <stdio.h>
#include <string.h>

#include "store_claims.h"
#include "store_import_837.h"
#include "store_submit.h"

static cc_code prep(cc_store *s, const char *sql, sqlite3_stmt **st,
                    cc_err *err) {
  if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "prepare");
  return CC_OK;
}

static void bt(sqlite3_stmt *st, int i, const char *v) {
  if (v && *v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

/* Step a statement that yields at most one integer. */
static cc_code one_int(cc_store *s, sqlite3_stmt *st, int64_t *out,
                       cc_err *err, const char *what) {
  int rc = sqlite3_step(st);
  cc_code res = CC_OK;
  if (rc == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
  else if (rc == SQLITE_DONE) res = CC_E_NOTFOUND;
  else res = store_db_error(s, err, what);
  sqlite3_finalize(st);
  return res;
}

cc_code store_import_find_patient(cc_store *s, const char *member_id,
                                  const char *last, const char *first,
                                  const char *birth_date, int64_t *id,
                                  cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(s,
                    "SELECT p.id FROM patient p JOIN coverage v ON "
                    "v.patient_id=p.id WHERE v.member_id=?1 AND "
                    "p.last_name=?2 COLLATE NOCASE AND p.first_name=?3 "
                    "COLLATE NOCASE AND p.birth_date=?4 ORDER BY p.id LIMIT 1",
                    &st, err);
  if (rc) return rc;
  /* Unknown first name and birth date are stored as '' (not NULL, which
   * the schema refuses), so they are bound as '' to match. */
  sqlite3_bind_text(st, 1, member_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, last, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, first ? first : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 4, birth_date ? birth_date : "", -1,
                    SQLITE_TRANSIENT);
  return one_int(s, st, id, err, "patient");
}

cc_code store_import_add_patient(cc_store *s, const cc_patient_rec *r,
                                 int64_t *id, char *acct, size_t cap,
                                 cc_err *err) {
  sqlite3_stmt *st;
  int64_t next = 0;
  cc_code rc = prep(s, "SELECT coalesce(max(id),0)+1 FROM patient", &st, err);
  if (rc) return rc;
  if ((rc = one_int(s, st, &next, err, "patient"))) return rc;
  char no[24];
  /* A CSV import may already use the number: take the next free one. */
  for (;; next++) {
    snprintf(no, sizeof no, "837-%06lld", (long long)next);
    int64_t have;
    if ((rc = prep(s, "SELECT id FROM patient WHERE account_no=?", &st, err)))
      return rc;
    sqlite3_bind_text(st, 1, no, -1, SQLITE_TRANSIENT);
    rc = one_int(s, st, &have, err, "patient");
    if (rc == CC_E_NOTFOUND) break;
    if (rc) return rc;
  }
  if ((rc = prep(s,
                 "INSERT INTO patient(account_no,last_name,first_name,"
                 "middle_name,suffix,birth_date,sex,address1,address2,city,"
                 "state,zip,phone,email) VALUES(?,?,coalesce(?,''),?,?,"
                 "coalesce(?,''),coalesce(?,'U'),?,?,?,?,?,?,?)",
                 &st, err)))
    return rc;
  const char *v[] = {no,         r->last_name, r->first_name, r->middle_name,
                     r->suffix,  r->birth_date, r->sex,       r->address1,
                     r->address2, r->city,      r->state,     r->zip,
                     r->phone,   r->email};
  for (int i = 0; i < 14; i++) bt(st, i + 1, v[i]);
  /* last_name is NOT NULL: an empty one is bound as '' too. */
  sqlite3_bind_text(st, 2, r->last_name ? r->last_name : "", -1,
                    SQLITE_TRANSIENT);
  int sr = sqlite3_step(st);
  sqlite3_finalize(st);
  if (sr != SQLITE_DONE) return store_db_error(s, err, "patient");
  *id = sqlite3_last_insert_rowid(s->db);
  if (acct && cap) snprintf(acct, cap, "%s", no);
  return CC_OK;
}

cc_code store_import_find_coverage(cc_store *s, int64_t patient_id,
                                   int64_t payer_id, const char *member_id,
                                   int64_t *id, cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(s, "SELECT id FROM coverage WHERE patient_id=? AND "
                       "payer_id=? AND member_id=?", &st, err);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, patient_id);
  sqlite3_bind_int64(st, 2, payer_id);
  sqlite3_bind_text(st, 3, member_id, -1, SQLITE_TRANSIENT);
  return one_int(s, st, id, err, "coverage");
}

cc_code store_import_coverage_from(cc_store *s, int64_t id, const char *date,
                                   cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(s, "UPDATE coverage SET effective_date=?1 WHERE id=?2 "
                       "AND effective_date>?1 AND (termination_date IS NULL "
                       "OR termination_date>=?1)", &st, err);
  if (rc) return rc;
  sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, id);
  int sr = sqlite3_step(st);
  sqlite3_finalize(st);
  return sr == SQLITE_DONE ? CC_OK : store_db_error(s, err, "coverage");
}

cc_code store_import_find_claim(cc_store *s, const char *pcn, int64_t *id,
                                char *payer_code, size_t cap, cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(s, "SELECT c.id,y.payer_code FROM claim c JOIN payer y "
                       "ON y.id=c.payer_id WHERE c.control_number=?", &st, err);
  if (rc) return rc;
  sqlite3_bind_text(st, 1, pcn, -1, SQLITE_TRANSIENT);
  int sr = sqlite3_step(st);
  if (sr == SQLITE_ROW) {
    *id = sqlite3_column_int64(st, 0);
    const unsigned char *t = sqlite3_column_text(st, 1);
    if (cap) snprintf(payer_code, cap, "%s", t ? (const char *)t : "");
    rc = CC_OK;
  } else {
    rc = sr == SQLITE_DONE ? CC_E_NOTFOUND : store_db_error(s, err, "claim");
  }
  sqlite3_finalize(st);
  return rc;
}

cc_code store_import_charge_ids(cc_store *s, int64_t encounter_id,
                                int64_t *ids, size_t n, cc_err *err) {
  sqlite3_stmt *st;
  cc_code rc = prep(s, "SELECT line_no,id FROM charge_line WHERE "
                       "encounter_id=?", &st, err);
  if (rc) return rc;
  sqlite3_bind_int64(st, 1, encounter_id);
  memset(ids, 0, n * sizeof *ids);
  int sr;
  while ((sr = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t no = sqlite3_column_int64(st, 0);
    if (no >= 1 && (size_t)no <= n) ids[no - 1] = sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  return sr == SQLITE_DONE ? CC_OK : store_db_error(s, err, "charge line");
}

cc_code store_import_file_add(cc_store *s, const char *path, const char *kind,
                              const char *isa, const char *gs, const char *st,
                              const char *version, const char *p, size_t n,
                              int64_t *id, cc_err *err) {
  store_x12_file f = {.direction = "in", .kind = kind, .path = path,
                      .isa_control = isa, .gs_control = gs, .st_control = st,
                      .version = version, .content = p, .n = n};
  return store_x12_file_add(s, &f, id, err);
}

cc_code store_import_claim_save(cc_store *s, const cc_claim *c,
                                const char *detail, int64_t *id,
                                cc_err *err) {
  cc_code rc = store_claims_save_in_tx(s, c, "import", id, err);
  if (rc) return rc;
  /* A new claim has exactly one history row: the one just written. */
  sqlite3_stmt *st;
  if ((rc = prep(s, "UPDATE claim_status_history SET detail=? WHERE "
                    "claim_id=?", &st, err)))
    return rc;
  bt(st, 1, detail);
  sqlite3_bind_int64(st, 2, *id);
  int sr = sqlite3_step(st);
  sqlite3_finalize(st);
  return sr == SQLITE_DONE ? CC_OK : store_db_error(s, err, "claim history");
}
