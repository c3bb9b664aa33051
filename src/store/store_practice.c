/* store_practice.c - writing and finding practice data: patients, providers,
 * payers with their rules, coverages, authorizations and encounters. Column
 * lists come from the X-macros in store.h so SQL and structs stay in step. */
#include <string.h>

#include "store_int.h"

#define NUL_INT INT64_MIN /* binds as SQL NULL */
#define S_COL(n) #n ","
#define S_Q(n) "?,"
#define S_SET(n) #n "=?,"
#define S_VAL(n) r->n,

/* A row's parameters: texts first, then integers, in SQL order. */
typedef struct row {
  const char *const *t;
  size_t nt;
  const int64_t *i;
  size_t ni;
} row;

static int bind_row(sqlite3_stmt *st, const row *r, int at) {
  for (size_t k = 0; k < r->nt; k++, at++) {
    const char *v = r->t[k];
    if (v && *v) sqlite3_bind_text(st, at, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, at);
  }
  for (size_t k = 0; k < r->ni; k++, at++) {
    if (r->i[k] == NUL_INT) sqlite3_bind_null(st, at);
    else sqlite3_bind_int64(st, at, r->i[k]);
  }
  return at;
}

/* Run a statement that returns nothing, or one integer in *out. */
static cc_code run(cc_store *s, const char *sql, const row *r, int64_t *out,
                   cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "prepare");
  if (r) bind_row(st, r, 1);
  int rc = sqlite3_step(st);
  cc_code res = CC_OK;
  if (rc == SQLITE_ROW) {
    if (out) *out = sqlite3_column_int64(st, 0);
  } else if (rc == SQLITE_DONE) {
    if (out) res = CC_E_NOTFOUND;
  } else {
    res = store_db_error(s, err, "write");
  }
  sqlite3_finalize(st);
  return res;
}

/* Look the row up by its key; update it or insert it. The update statement
 * takes the row's parameters then the id. */
static cc_code put(cc_store *s, const char *find, const row *key,
                   const char *ins, const char *upd, const row *r, int64_t *id,
                   bool *created, cc_err *err) {
  int64_t have = 0;
  cc_code rc = run(s, find, key, &have, err);
  if (rc && rc != CC_E_NOTFOUND) return rc;
  if (rc == CC_E_NOTFOUND) {
    if ((rc = run(s, ins, r, NULL, err))) return rc;
    *id = sqlite3_last_insert_rowid(s->db);
    if (created) *created = true;
    return CC_OK;
  }
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, upd, -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "prepare");
  int at = bind_row(st, r, 1);
  sqlite3_bind_int64(st, at, have);
  int sr = sqlite3_step(st);
  sqlite3_finalize(st);
  if (sr != SQLITE_DONE) return store_db_error(s, err, "update");
  *id = have;
  if (created) *created = false;
  return CC_OK;
}

static cc_code find1(cc_store *s, const char *sql, const char *t, int64_t i,
                     bool with_int, int64_t *id) {
  const char *ts[1] = {t};
  int64_t is[1] = {i};
  row k = {ts, 1, is, with_int ? 1 : 0};
  cc_err e;
  cc_code rc = run(s, sql, &k, id, &e);
  return rc == CC_E_NOTFOUND ? CC_E_NOTFOUND : rc;
}

cc_code cc_store_find_patient(cc_store *s, const char *account_no, int64_t *id) {
  return find1(s, "SELECT id FROM patient WHERE account_no=?", account_no, 0,
               false, id);
}
cc_code cc_store_find_payer(cc_store *s, const char *code, int64_t *id) {
  return find1(s, "SELECT id FROM payer WHERE payer_code=?", code, 0, false, id);
}
cc_code cc_store_find_provider(cc_store *s, const char *npi, int64_t *id) {
  return find1(s, "SELECT id FROM provider WHERE npi=?", npi, 0, false, id);
}
cc_code cc_store_find_auth(cc_store *s, int64_t patient_id, const char *number,
                           int64_t *id) {
  return find1(s,
               "SELECT id FROM authorization WHERE number=? AND patient_id=? "
               "ORDER BY id LIMIT 1",
               number, patient_id, true, id);
}

cc_code cc_store_patient_put(cc_store *s, const cc_patient_rec *r, int64_t *id,
                             bool *created, cc_err *err) {
  const char *t[] = {CC_PATIENT_COLS(S_VAL)};
  row v = {t, sizeof t / sizeof *t, NULL, 0};
  const char *kt[] = {r->account_no};
  row k = {kt, 1, NULL, 0};
  return put(s, "SELECT id FROM patient WHERE account_no=?", &k,
             "INSERT INTO patient(" CC_PATIENT_COLS(S_COL) "id) VALUES("
             CC_PATIENT_COLS(S_Q) "NULL)",
             "UPDATE patient SET " CC_PATIENT_COLS(S_SET) "id=id WHERE id=?",
             &v, id, created, err);
}

cc_code cc_store_provider_put(cc_store *s, const cc_provider_rec *r,
                              int64_t *id, bool *created, cc_err *err) {
  const char *t[] = {CC_PROVIDER_COLS(S_VAL)};
  row v = {t, sizeof t / sizeof *t, NULL, 0};
  const char *kt[] = {r->npi};
  row k = {kt, 1, NULL, 0};
  return put(s, "SELECT id FROM provider WHERE npi=?", &k,
             "INSERT INTO provider(" CC_PROVIDER_COLS(S_COL) "id) VALUES("
             CC_PROVIDER_COLS(S_Q) "NULL)",
             "UPDATE provider SET " CC_PROVIDER_COLS(S_SET) "id=id WHERE id=?",
             &v, id, created, err);
}

cc_code cc_store_payer_put(cc_store *s, const cc_payer_rec *r, int64_t *id,
                           bool *created, cc_err *err) {
  const char *t[] = {CC_PAYER_COLS(S_VAL)};
  int64_t in[] = {r->timely_filing_days > 0 ? r->timely_filing_days : NUL_INT,
                  r->referral_required ? 1 : 0};
  row v = {t, sizeof t / sizeof *t, in, 2};
  const char *kt[] = {r->payer_code};
  row k = {kt, 1, NULL, 0};
  cc_code rc = put(
      s, "SELECT id FROM payer WHERE payer_code=?", &k,
      "INSERT INTO payer(" CC_PAYER_COLS(S_COL) "timely_filing_days,"
      "referral_required) VALUES(" CC_PAYER_COLS(S_Q) "?,?)",
      "UPDATE payer SET " CC_PAYER_COLS(S_SET) "timely_filing_days=?,"
      "referral_required=? WHERE id=?",
      &v, id, created, err);
  if (rc) return rc;
  /* The rules arrive whole: what was there before is replaced. */
  int64_t pid[] = {*id};
  row p = {NULL, 0, pid, 1};
  int64_t cv[] = {r->combine_visits_days > 0 ? r->combine_visits_days : 0,
                  *id};
  row cvr = {NULL, 0, cv, 2};
  if ((rc = run(s, "UPDATE payer SET combine_visits_days=? WHERE id=?", &cvr,
                NULL, err)))
    return rc;
  if ((rc = run(s, "DELETE FROM payer_auth_code WHERE payer_id=?", &p, NULL, err)) ||
      (rc = run(s, "DELETE FROM fee_schedule WHERE payer_id=?", &p, NULL, err)))
    return rc;
  for (size_t i = 0; i < r->n_auth_codes; i++) {
    const char *ct[] = {r->auth_codes[i]};
    row c = {ct, 1, pid, 1};
    if ((rc = run(s, "INSERT OR IGNORE INTO payer_auth_code(code,payer_id) "
                     "VALUES(?,?)", &c, NULL, err)))
      return rc;
  }
  for (size_t i = 0; i < r->n_fees; i++) {
    const cc_fee_rec *f = &r->fees[i];
    const char *ft[] = {f->code, f->modifier ? f->modifier : "",
                        f->effective_date, f->termination_date};
    int64_t fi[] = {*id, f->allowed_cents};
    row fr = {ft, 4, fi, 2};
    sqlite3_stmt *st;
    /* modifier '' is a value here (no modifier), not NULL. */
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO fee_schedule(code,modifier,"
                           "effective_date,termination_date,payer_id,"
                           "allowed_cents) VALUES(?,coalesce(?,''),?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
      return store_db_error(s, err, "prepare");
    bind_row(st, &fr, 1);
    int sr = sqlite3_step(st);
    sqlite3_finalize(st);
    if (sr != SQLITE_DONE) return store_db_error(s, err, "fee schedule");
  }
  return CC_OK;
}

cc_code cc_store_coverage_put(cc_store *s, const cc_coverage_rec *r,
                              int64_t *id, bool *created, cc_err *err) {
  const char *t[] = {CC_COVERAGE_COLS(S_VAL)};
  int64_t in[] = {r->patient_id, r->payer_id};
  row v = {t, sizeof t / sizeof *t, in, 2};
  const char *kt[] = {r->member_id};
  row k = {kt, 1, in, 2};
  return put(s,
             "SELECT id FROM coverage WHERE member_id=? AND patient_id=? AND "
             "payer_id=?",
             &k,
             "INSERT INTO coverage(" CC_COVERAGE_COLS(S_COL) "patient_id,"
             "payer_id) VALUES(" CC_COVERAGE_COLS(S_Q) "?,?)",
             "UPDATE coverage SET " CC_COVERAGE_COLS(S_SET) "patient_id=?,"
             "payer_id=? WHERE id=?",
             &v, id, created, err);
}

cc_code cc_store_auth_put(cc_store *s, const cc_auth_rec *r, int64_t *id,
                          bool *created, cc_err *err) {
  const char *t[] = {CC_AUTH_COLS(S_VAL)};
  int64_t in[] = {r->patient_id, r->payer_id,
                  r->provider_id ? r->provider_id : NUL_INT,
                  r->visits_allowed >= 0 ? r->visits_allowed : NUL_INT,
                  r->visits_used};
  row v = {t, sizeof t / sizeof *t, in, 5};
  const char *kt[] = {r->kind, r->number};
  int64_t ki[] = {r->payer_id};
  row k = {kt, 2, ki, 1};
  cc_code rc = put(
      s, "SELECT id FROM authorization WHERE kind=? AND number=? AND payer_id=?",
      &k,
      "INSERT INTO authorization(" CC_AUTH_COLS(S_COL) "patient_id,payer_id,"
      "provider_id,visits_allowed,visits_used) VALUES(" CC_AUTH_COLS(S_Q)
      "?,?,?,?,?)",
      "UPDATE authorization SET " CC_AUTH_COLS(S_SET) "patient_id=?,payer_id=?,"
      "provider_id=?,visits_allowed=?,visits_used=? WHERE id=?",
      &v, id, created, err);
  if (rc) return rc;
  int64_t aid[] = {*id};
  row a = {NULL, 0, aid, 1};
  if ((rc = run(s, "DELETE FROM authorization_code WHERE authorization_id=?",
                &a, NULL, err)) ||
      (rc = run(s, "DELETE FROM authorization_document WHERE "
                   "authorization_id=?", &a, NULL, err)))
    return rc;
  for (size_t i = 0; i < r->n_codes; i++) {
    const char *ct[] = {r->codes[i]};
    row c = {ct, 1, aid, 1};
    if ((rc = run(s, "INSERT OR IGNORE INTO authorization_code(code,"
                     "authorization_id) VALUES(?,?)", &c, NULL, err)))
      return rc;
  }
  for (size_t i = 0; i < r->n_documents; i++) {
    const char *dt[] = {r->documents[i]};
    row d = {dt, 1, aid, 1};
    if ((rc = run(s, "INSERT INTO authorization_document(path,"
                     "authorization_id) VALUES(?,?)", &d, NULL, err)))
      return rc;
  }
  return CC_OK;
}

static int64_t or_null(int64_t v) { return v ? v : NUL_INT; }

cc_code cc_store_encounter_put(cc_store *s, const cc_encounter_rec *r,
                               int64_t *id, bool *created, cc_err *err) {
  int64_t have = 0;
  cc_code rc = find1(s, "SELECT id FROM encounter WHERE external_id=?",
                     r->external_id, 0, false, &have);
  if (rc && rc != CC_E_NOTFOUND) return store_db_error(s, err, "encounter");
  if (created) *created = rc == CC_E_NOTFOUND;
  if (rc == CC_OK) {
    int64_t claim, ei[] = {have};
    row e = {NULL, 0, ei, 1};
    if (run(s, "SELECT id FROM claim WHERE encounter_id=? LIMIT 1", &e, &claim,
            NULL) == CC_OK)
      return cc_err_set(err, CC_E_EXISTS, "encounter already billed",
                        "encounter %s has a claim; correct the claim instead "
                        "of re-importing the encounter",
                        r->external_id);
    if ((rc = run(s, "DELETE FROM encounter WHERE id=?", &e, NULL, err)))
      return rc;
  }
  const char *t[] = {r->external_id, r->service_date, r->place_of_service};
  int64_t in[] = {r->patient_id, or_null(r->billing_provider_id),
                  or_null(r->rendering_provider_id),
                  or_null(r->referring_provider_id),
                  or_null(r->authorization_id)};
  row v = {t, 3, in, 5};
  if ((rc = run(s, "INSERT INTO encounter(external_id,service_date,"
                   "place_of_service,patient_id,billing_provider_id,"
                   "rendering_provider_id,referring_provider_id,"
                   "authorization_id) VALUES(?,?,?,?,?,?,?,?)",
                &v, NULL, err)))
    return rc;
  *id = sqlite3_last_insert_rowid(s->db);
  for (int i = 0; i < 12 && r->diagnoses[i]; i++) {
    const char *dt[] = {r->diagnoses[i]};
    int64_t di[] = {*id, i + 1};
    row d = {dt, 1, di, 2};
    if ((rc = run(s, "INSERT INTO encounter_diagnosis(code,encounter_id,seq) "
                     "VALUES(?,?,?)", &d, NULL, err)))
      return rc;
  }
  for (size_t i = 0; i < r->n_lines; i++) {
    const cc_charge_rec *l = &r->lines[i];
    const char *lt[] = {l->code, l->modifiers[0], l->modifiers[1],
                        l->modifiers[2], l->modifiers[3],
                        l->unit_basis && *l->unit_basis ? l->unit_basis : "UN",
                        l->place_of_service, l->from_date, l->to_date,
                        l->revenue_code, l->ndc};
    int64_t li[] = {*id, l->line_no, l->units_milli,
                    or_null(l->rendering_provider_id), l->charge_cents,
                    or_null(l->dx_ptr[0]), or_null(l->dx_ptr[1]),
                    or_null(l->dx_ptr[2]), or_null(l->dx_ptr[3])};
    row lr = {lt, 11, li, 9};
    if ((rc = run(s, "INSERT INTO charge_line(code,modifier1,modifier2,"
                     "modifier3,modifier4,unit_basis,place_of_service,"
                     "from_date,to_date,revenue_code,ndc,encounter_id,"
                     "line_no,units_milli,rendering_provider_id,"
                     "charge_cents,dx_ptr1,dx_ptr2,dx_ptr3,dx_ptr4) "
                     "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                  &lr, NULL, err)))
      return rc;
  }
  return CC_OK;
}

int64_t cc_store_count(cc_store *s, const char *table) {
  /* Table names cannot be bound; check against the schema first. */
  int64_t ok = 0;
  if (find1(s, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND "
               "name=?", table, 0, false, &ok) != CC_OK || ok != 1)
    return -1;
  char sql[96];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
  int64_t n = -1;
  if (run(s, sql, NULL, &n, NULL) != CC_OK) return -1;
  return n;
}
