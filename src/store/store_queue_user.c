/* store_queue_user.c - the practice's users (app_user) and their roles, so
 * the role checks of the work queue and patient billing can be used. */
#include <stdio.h>
#include <string.h>

#include "cleanclaim/queue.h"
#include "store_submit_int.h"

static const char *const roles[] = {"admin", "biller", "front_desk", "coder",
                                    "viewer"};

static bool name_ok(const char *u) {
  size_t n = strlen(u);
  if (n == 0 || n > 63) return false;
  for (const char *p = u; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
          (*p >= '0' && *p <= '9') || strchr("._-@", *p)))
      return false;
  return true;
}

cc_code cc_queue_user_add(cc_store *s, const char *username,
                          const char *display_name, const char *role,
                          int64_t *id, cc_err *err) {
  if (!username || !name_ok(username))
    return cc_err_set(err, CC_E_INVALID, "not a user name",
                      "'%s': use 1-63 letters, digits, '.', '_', '-' or '@'",
                      username ? username : "");
  bool known = false;
  for (size_t i = 0; role && i < sizeof roles / sizeof *roles; i++)
    if (strcmp(role, roles[i]) == 0) known = true;
  if (!known)
    return cc_err_set(err, CC_E_INVALID, "no such role",
                      "'%s': use admin, biller, front_desk, coder or viewer",
                      role ? role : "");
  int64_t have = 0;
  cc_code rc = store_cyc_run(s, err, &have,
                             "SELECT id FROM app_user WHERE username=?1", "t",
                             username);
  if (rc == CC_OK)
    return cc_err_set(err, CC_E_EXISTS, "user already exists",
                      "'%s' is user %lld; nothing changed", username,
                      (long long)have);
  if (rc != CC_E_NOTFOUND) return rc;
  int64_t row = 0;
  rc = store_cyc_run(s, err, &row,
                     "INSERT INTO app_user(username,display_name,role) "
                     "VALUES(?1,?2,?3) RETURNING id",
                     "ttt", username, display_name, role);
  if (!rc && id) *id = row;
  return rc;
}

cc_code cc_queue_user_list(cc_store *s,
                           int (*fn)(void *ctx, const cc_queue_user *u),
                           void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT id,username,coalesce(display_name,''),role,active FROM "
      "app_user ORDER BY username",
      "");
  if (!st) return CC_E_DB;
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    cc_queue_user u;
    memset(&u, 0, sizeof u);
    u.id = sqlite3_column_int64(st, 0);
    snprintf(u.username, sizeof u.username, "%s",
             (const char *)sqlite3_column_text(st, 1));
    snprintf(u.display_name, sizeof u.display_name, "%s",
             (const char *)sqlite3_column_text(st, 2));
    snprintf(u.role, sizeof u.role, "%s",
             (const char *)sqlite3_column_text(st, 3));
    u.active = sqlite3_column_int(st, 4) != 0;
    if (fn(ctx, &u)) break;
  }
  cc_code rc = CC_OK;
  if (r != SQLITE_ROW && r != SQLITE_DONE)
    rc = cc_err_set(err, CC_E_DB, "cannot list the users", "%s",
                    sqlite3_errmsg(s->db));
  sqlite3_finalize(st);
  return rc;
}
