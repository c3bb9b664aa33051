/* store_demo.c - SQL for the demonstration clinic's fixed rows (facility,
 * billing-office user), kept in src/store with every other statement. */
#include "store_demo.h"
#include "store_int.h"

static cc_code run(cc_store *s, const char *sql, const char *const *v, int n,
                   const char *what, cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, what);
  for (int i = 0; i < n; i++)
    sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
  int r = sqlite3_step(st);
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) return store_db_error(s, err, what);
  return CC_OK;
}

cc_code store_demo_facility(cc_store *s, const char *code, const char *name,
                            const char *npi, const char *pos,
                            const char *address1, const char *city,
                            const char *state, const char *zip, cc_err *err) {
  const char *v[] = {code, name, npi, pos, address1, city, state, zip};
  cc_code rc = run(s,
             "INSERT INTO facility(practice_id,code,name,npi,place_of_service,"
             "address1,city,state,zip) SELECT id,?1,?2,?3,?4,?5,?6,?7,?8 "
             "FROM practice ORDER BY id LIMIT 1",
             v, 8, "facility", err);
  if (!rc && sqlite3_changes(s->db) == 0)
    rc = cc_err_set(err, CC_E_NOTFOUND, "no practice",
                    "the facility %s needs the practice to be set first", code);
  return rc;
}

cc_code store_demo_user(cc_store *s, const char *username,
                        const char *display_name, const char *role,
                        cc_err *err) {
  const char *v[] = {username, display_name, role};
  return run(s,
             "INSERT OR IGNORE INTO app_user(username,display_name,role) "
             "VALUES(?1,?2,?3)",
             v, 3, "user", err);
}

/* What the demo's summary counts from the books rather than from the
 * simulator: claims rejected at the 277CA by reason (STC01 as received),
 * and the self-pay visits billed to the patients. */
cc_code store_demo_counts(cc_store *s, uint32_t *rejected_member,
                          uint32_t *rejected_npi, uint32_t *self_pay_claims,
                          cc_money *self_pay_charged, cc_err *err) {
  static const char sql[] =
      "SELECT (SELECT count(DISTINCT claim_id) FROM claim_response WHERE "
      "kind='277CA' AND accepted=0 AND code LIKE 'A3:33:%'),"
      "(SELECT count(DISTINCT claim_id) FROM claim_response WHERE "
      "kind='277CA' AND accepted=0 AND code LIKE 'A7:562:%'),"
      "(SELECT count(*) FROM claim c JOIN payer y ON y.id=c.payer_id WHERE "
      "y.payer_code='SELFPAY'),"
      "(SELECT coalesce(sum(c.total_charge_cents),0) FROM claim c JOIN payer "
      "y ON y.id=c.payer_id WHERE y.payer_code='SELFPAY')";
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "demo counts");
  cc_code rc = CC_OK;
  if (sqlite3_step(st) == SQLITE_ROW) {
    *rejected_member = (uint32_t)sqlite3_column_int64(st, 0);
    *rejected_npi = (uint32_t)sqlite3_column_int64(st, 1);
    *self_pay_claims = (uint32_t)sqlite3_column_int64(st, 2);
    *self_pay_charged = CC_MONEY(sqlite3_column_int64(st, 3));
  } else {
    rc = store_db_error(s, err, "demo counts");
  }
  sqlite3_finalize(st);
  return rc;
}
