/* store_queue.c - the SQL of the denial work queue: items made from 835
 * denials, 999/277CA rejections and underpaid lines; their history,
 * assignment, appeals and the fields an appeal letter needs. */
#include <stdio.h>
#include <string.h>

#include "store_queue.h"
#include "store_submit_int.h"

#define T(dst, st, i)                                                        \
  snprintf((dst), sizeof(dst), "%s",                                         \
           sqlite3_column_text((st), (i))                                    \
               ? (const char *)sqlite3_column_text((st), (i))                \
               : "")

cc_code store_queue_role(cc_store *s, const char *user, const char *action,
                         int64_t *user_id, cc_err *err) {
  if (!user || !*user)
    return cc_err_set(err, CC_E_DENIED, "who is acting? give --user NAME or "
                      "set CLEANCLAIM_USER", "%s needs a user", action);
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT u.id,u.role,EXISTS(SELECT 1 FROM action_role a WHERE "
      "a.action=?2 AND a.role=u.role) FROM app_user u WHERE u.username=?1 "
      "AND u.active=1", "tt", user, action);
  if (!st) return CC_E_DB;
  cc_code rc = CC_OK;
  if (sqlite3_step(st) != SQLITE_ROW)
    rc = cc_err_set(err, CC_E_DENIED, "no such active user",
                    "'%s' is not an active user of this practice", user);
  else if (!sqlite3_column_int(st, 2))
    rc = cc_err_set(err, CC_E_DENIED, "your role may not do this",
                    "user '%s' (role %s) may not %s; ask a biller or an "
                    "admin", user, sqlite3_column_text(st, 1), action);
  else *user_id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return rc;
}

cc_code store_bill_entry(cc_store *s, const store_bill_entry_rec *e,
                         cc_err *err) {
  return store_cyc_run(
      s, err, NULL,
      "INSERT INTO ledger_entry(patient_id,claim_id,claim_line_id,payer_id,"
      "kind,group_code,reason_code,amount_cents,posted_date,service_date,"
      "reference,receipt_id) VALUES(?1,nullif(?2,0),nullif(?3,0),"
      "nullif(?4,0),?5,?6,?7,?8,?9,coalesce(?10,(SELECT first_service_date "
      "FROM claim WHERE id=?2)),?11,nullif(?12,0))",
      "iiiitttittti", e->patient_id, e->claim_id, e->line_id, e->payer_id,
      e->kind, e->group, e->reason, e->cents, e->posted, e->service_date,
      e->reference, e->receipt_id);
}

/* Appeal days for payer column p: its own row, else the default. */
#define APPEAL_DAYS(p)                                                       \
  "coalesce((SELECT days FROM appeal_policy WHERE payer_id=" p "),(SELECT "  \
  "days FROM appeal_policy WHERE payer_id IS NULL),180)"

static const char *const refresh_sql[3] = {
    /* 835 denials: the remittance's payment date is the denial date. */
    "INSERT INTO work_item(claim_id,claim_line_id,source,denial_id,category,"
    "group_code,reason_code,remark_codes,amount_cents,denied_date,"
    "appeal_deadline) SELECT d.claim_id,d.claim_line_id,'835',d.id,"
    "coalesce(k.category,'other'),d.group_code,d.reason_code,d.remark_codes,"
    "d.amount_cents,coalesce(r.payment_date,r.posted_date),date(coalesce("
    "r.payment_date,r.posted_date),'+'||" APPEAL_DAYS("rc.payer_id")
    "||' days') FROM claim_denial d JOIN remit_claim rc ON "
    "rc.id=d.remit_claim_id JOIN remittance r ON r.id=rc.remittance_id LEFT "
    "JOIN carc_category k ON k.reason_code=d.reason_code WHERE "
    "d.status='open' AND NOT EXISTS (SELECT 1 FROM work_item w WHERE "
    "w.denial_id=d.id) ORDER BY d.id",
    /* Rejections of claims still rejected; STC01-2 (A7:21:PR -> 21) names
     * the category, a 999 rejection is a data problem. */
    "INSERT INTO work_item(claim_id,source,response_id,category,"
    "reason_code,amount_cents,denied_date) SELECT cr.claim_id,cr.kind,cr.id,"
    "coalesce((SELECT category FROM reject_category WHERE status_code=x.sc),"
    "'missing_information'),x.sc,c.total_charge_cents,coalesce("
    "cr.status_date,substr(cr.created_at,1,10)) FROM claim_response cr JOIN "
    "claim c ON "
    "c.id=cr.claim_id JOIN (SELECT id,CASE WHEN kind='999' THEN NULL WHEN "
    "instr(code,':')>0 THEN CASE WHEN instr(substr(code,instr(code,':')+1),"
    "':')>0 THEN substr(code,instr(code,':')+1,instr(substr(code,instr(code,"
    "':')+1),':')-1) ELSE substr(code,instr(code,':')+1) END END sc FROM "
    "claim_response) x ON x.id=cr.id WHERE cr.accepted=0 AND "
    "cr.kind IN ('999','277CA') AND c.status='rejected' AND NOT EXISTS "
    "(SELECT 1 FROM work_item w WHERE w.response_id=cr.id) ORDER BY cr.id",
    /* Paid lines below the fee schedule: expected payment is the allowed
     * amount times units, less what the payer made the patient's (PR). */
    "INSERT INTO work_item(claim_id,claim_line_id,source,remit_line_id,"
    "category,amount_cents,expected_cents,paid_cents,denied_date,"
    "appeal_deadline) SELECT claim_id,line_id,'underpayment',rl_id,"
    "'underpayment',expected-paid,expected,paid,day,date(day,'+'||days||"
    "' days') FROM (SELECT rc.ledger_claim_id claim_id,l.id line_id,rl.id "
    "rl_id,rl.paid_cents paid,coalesce(r.payment_date,r.posted_date) day,"
    APPEAL_DAYS("rc.payer_id") " days,(f.allowed_cents*l.units_milli+500)/"
    "1000+coalesce((SELECT sum(e.amount_cents) FROM ledger_entry e WHERE "
    "e.remit_claim_id=rc.id AND e.claim_line_id=l.id AND e.group_code='PR' "
    "AND e.payer_id=rc.payer_id AND e.kind='transfer'),0) expected FROM "
    "remit_line rl JOIN remit_claim rc ON rc.id=rl.remit_claim_id JOIN "
    "remittance r ON r.id=rc.remittance_id JOIN claim_line l ON "
    "l.id=rl.claim_line_id JOIN fee_schedule f ON f.payer_id=rc.payer_id AND "
    "f.code=l.code AND f.modifier=coalesce(l.modifier1,'') AND "
    "f.effective_date<=l.from_date AND (f.termination_date IS NULL OR "
    "f.termination_date>=l.from_date) WHERE rc.status_code NOT IN ('4','22') "
    "AND rc.reversed_by IS NULL AND rl.paid_cents>0 AND NOT EXISTS (SELECT 1 "
    "FROM claim_denial d WHERE d.remit_claim_id=rc.id AND "
    "d.claim_line_id=l.id) AND NOT EXISTS (SELECT 1 FROM work_item w WHERE "
    "w.remit_line_id=rl.id)) WHERE paid<expected ORDER BY rl_id"};

cc_code store_queue_refresh(cc_store *s, cc_queue_refresh_result *res,
                            cc_err *err) {
  memset(res, 0, sizeof *res);
  uint32_t *count[3] = {&res->denials, &res->rejections, &res->underpayments};
  cc_code rc = cc_store_begin(s, err);
  if (rc) return rc;
  for (int i = 0; i < 3; i++) {
    if ((rc = store_cyc_run(s, err, NULL, refresh_sql[i], ""))) {
      cc_store_rollback(s);
      return rc;
    }
    *count[i] = (uint32_t)sqlite3_changes(s->db);
  }
  rc = store_cyc_run(
      s, err, NULL,
      "INSERT INTO work_item_event(item_id,action,detail) SELECT id,'created',"
      "source||' '||category||coalesce(' '||group_code||'-'||reason_code,"
      "coalesce(' '||reason_code,'')) FROM work_item w WHERE NOT EXISTS "
      "(SELECT 1 FROM work_item_event e WHERE e.item_id=w.id)", "");
  if (rc) {
    cc_store_rollback(s);
    return rc;
  }
  return cc_store_commit(s, err);
}

static void code_texts(cc_store *s, const char *kind, const char *codes,
                       char *out, size_t cap) {
  out[0] = 0;
  char buf[64];
  snprintf(buf, sizeof buf, "%s", codes ? codes : "");
  size_t used = 0;
  for (char *t = strtok(buf, " ,"); t; t = strtok(NULL, " ,")) {
    sqlite3_stmt *st = store_cyc_prep(
        s, NULL, "SELECT long_desc FROM code WHERE kind=?1 AND code=?2 "
        "ORDER BY release_id DESC LIMIT 1", "tt", kind, t);
    if (!st) return;
    const char *txt = sqlite3_step(st) == SQLITE_ROW
                          ? (const char *)sqlite3_column_text(st, 0) : NULL;
    int n = snprintf(out + used, cap - used, "%s%s: %s", used ? "; " : "", t,
                     txt ? txt : "(not in the loaded list)");
    sqlite3_finalize(st);
    if (n < 0 || (size_t)n >= cap - used) {
      out[cap - 1] = 0;
      return;
    }
    used += (size_t)n;
  }
}

cc_code store_queue_list(cc_store *s, const cc_queue_filter *f, int64_t id,
                         cc_queue_item_fn fn, void *ctx, cc_err *err) {
  cc_queue_filter none = {0};
  if (!f) f = &none;
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT w.id,w.claim_id,c.control_number,coalesce((SELECT "
      "payer_claim_number FROM remit_claim WHERE id=(SELECT remit_claim_id "
      "FROM claim_denial WHERE id=w.denial_id)),c.payer_claim_number),"
      "p.account_no,p.last_name||', '||p.first_name,y.payer_code,y.name,"
      "w.source,w.category,w.group_code,w.reason_code,w.remark_codes,"
      "coalesce(a.action,'appeal'),coalesce(a.recommendation,''),"
      "coalesce(l.line_no,0),l.code,coalesce(l.from_date,c.first_service_date),"
      "w.amount_cents,w.expected_cents,w.paid_cents,w.denied_date,"
      "w.appeal_deadline,w.status,w.resolution,u.username,w.follow_up_date,"
      "coalesce((SELECT long_desc FROM code WHERE kind='carc' AND "
      "code=w.reason_code AND w.source IN ('835','underpayment') ORDER BY "
      "release_id DESC LIMIT 1),(SELECT detail FROM claim_response WHERE "
      "id=w.response_id)) FROM work_item w JOIN claim c ON c.id=w.claim_id "
      "JOIN patient p ON "
      "p.id=c.patient_id JOIN payer y ON y.id=c.payer_id LEFT JOIN "
      "denial_action a ON a.category=w.category LEFT JOIN claim_line l ON "
      "l.id=w.claim_line_id LEFT JOIN app_user u ON "
      "u.id=w.assignee_user_id WHERE (?1<>0 AND w.id=?1) OR (?1=0 AND (?2 "
      "IS NULL OR w.category=?2) AND (CASE WHEN ?3 IS NULL THEN w.status IN "
      "('open','appealed') WHEN ?3='all' THEN 1 ELSE w.status=?3 END) AND "
      "(?4 IS NULL OR u.username=?4) AND (?5 IS NULL OR y.payer_code=?5) AND "
      "(?6 IS NULL OR w.follow_up_date<=?6)) ORDER BY w.category,"
      "w.follow_up_date IS NULL,w.follow_up_date,w.id",
      "ittttt", id, f->category, f->status, f->assignee, f->payer,
      f->due_by);
  if (!st) return CC_E_DB;
  int rc, n = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    cc_queue_item it;
    memset(&it, 0, sizeof it);
    it.id = sqlite3_column_int64(st, 0);
    it.claim_id = sqlite3_column_int64(st, 1);
    T(it.claim, st, 2);
    T(it.payer_claim, st, 3);
    T(it.patient, st, 4);
    T(it.patient_name, st, 5);
    T(it.payer, st, 6);
    T(it.payer_name, st, 7);
    T(it.source, st, 8);
    T(it.category, st, 9);
    T(it.group, st, 10);
    T(it.carc, st, 11);
    T(it.rarc, st, 12);
    T(it.action, st, 13);
    T(it.recommendation, st, 14);
    it.line_no = sqlite3_column_int(st, 15);
    T(it.code, st, 16);
    T(it.service_date, st, 17);
    it.amount.cents = sqlite3_column_int64(st, 18);
    it.has_expected = sqlite3_column_type(st, 19) != SQLITE_NULL;
    it.expected.cents = sqlite3_column_int64(st, 19);
    it.paid.cents = sqlite3_column_int64(st, 20);
    T(it.denied, st, 21);
    T(it.deadline, st, 22);
    T(it.status, st, 23);
    T(it.resolution, st, 24);
    T(it.assignee, st, 25);
    T(it.follow_up, st, 26);
    T(it.carc_text, st, 27);
    code_texts(s, "rarc", it.rarc, it.rarc_text, sizeof it.rarc_text);
    n++;
    if (fn(ctx, &it)) break;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return store_db_error(s, err, "work queue");
  if (id && !n)
    return cc_err_set(err, CC_E_NOTFOUND, "no such work item",
                      "work item %lld", (long long)id);
  return CC_OK;
}

cc_code store_queue_history(cc_store *s, int64_t id, cc_queue_event_fn fn,
                            void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT e.at,coalesce(u.username,''),e.action,coalesce("
      "e.detail,'') FROM work_item_event e LEFT JOIN app_user u ON "
      "u.id=e.user_id WHERE e.item_id=?1 ORDER BY e.id", "i", id);
  if (!st) return CC_E_DB;
  while (sqlite3_step(st) == SQLITE_ROW) {
    cc_queue_event ev;
    T(ev.at, st, 0);
    T(ev.user, st, 1);
    T(ev.action, st, 2);
    ev.detail = (const char *)sqlite3_column_text(st, 3);
    fn(ctx, &ev);
  }
  sqlite3_finalize(st);
  return CC_OK;
}

cc_code store_queue_json(cc_store *s, int64_t id, cc_buf *out, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT json_object('history',(SELECT json_group_array(json_object("
      "'at',e.at,'user',u.username,'action',e.action,'detail',e.detail)) FROM "
      "(SELECT * FROM work_item_event WHERE item_id=?1 ORDER BY id) e LEFT "
      "JOIN app_user u ON u.id=e.user_id),'appeals',(SELECT "
      "json_group_array(json_object('id',a.id,'date',a.appeal_date,"
      "'deadline',a.deadline,'argument',a.argument)) FROM appeal a WHERE "
      "a.item_id=?1))", "i", id);
  if (!st) return CC_E_DB;
  cc_code rc = CC_OK;
  if (sqlite3_step(st) == SQLITE_ROW)
    rc = cc_buf_puts(out, (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return rc;
}

cc_code store_queue_event(cc_store *s, int64_t id, int64_t user_id,
                          const char *action, const char *detail,
                          cc_err *err) {
  return store_cyc_run(s, err, NULL,
                       "INSERT INTO work_item_event(item_id,user_id,action,"
                       "detail) VALUES(?1,nullif(?2,0),?3,?4)",
                       "iitt", id, user_id, action, detail);
}

cc_code store_queue_assign(cc_store *s, int64_t id, const char *assignee,
                           const char *follow_up, cc_err *err) {
  if (assignee && *assignee) {
    int64_t uid;
    cc_code rc = store_cyc_run(s, err, &uid, "SELECT id FROM app_user WHERE "
                               "username=?1 AND active=1", "t", assignee);
    if (rc == CC_E_NOTFOUND)
      return cc_err_set(err, CC_E_NOTFOUND, "no such user to assign to",
                        "'%s' is not an active user", assignee);
    if (rc) return rc;
  }
  return store_cyc_run(
      s, err, NULL,
      "UPDATE work_item SET assignee_user_id=CASE WHEN ?2 IS NULL AND ?4=0 "
      "THEN assignee_user_id ELSE (SELECT id FROM app_user WHERE "
      "username=?2) END,follow_up_date=coalesce(?3,follow_up_date) WHERE "
      "id=?1", "itti", id, assignee, follow_up,
      (int64_t)(assignee != NULL));
}

cc_code store_queue_set_status(cc_store *s, int64_t id, const char *status,
                               const char *resolution, cc_err *err) {
  return store_cyc_run(s, err, NULL,
                       "UPDATE work_item SET status=?2,resolution=coalesce(?3,"
                       "resolution) WHERE id=?1", "itt", id, status,
                       resolution);
}

cc_code store_queue_item_line(cc_store *s, int64_t id, int64_t *line_id,
                              cc_err *err) {
  *line_id = 0;
  cc_code rc = store_cyc_run(s, err, line_id, "SELECT coalesce(claim_line_id,"
                             "0) FROM work_item WHERE id=?1", "i", id);
  if (rc == CC_E_NOTFOUND)
    rc = cc_err_set(err, CC_E_NOTFOUND, "no such work item", "work item %lld",
                    (long long)id);
  return rc;
}

cc_code store_queue_item_reduce(cc_store *s, int64_t id, int64_t cents,
                                cc_err *err) {
  return store_cyc_run(s, err, NULL, "UPDATE work_item SET amount_cents="
                       "amount_cents-?2 WHERE id=?1", "ii", id, cents);
}

cc_code store_queue_claim_party(cc_store *s, int64_t claim_id,
                                int64_t *patient_id, int64_t *payer_id,
                                int64_t *payer_balance, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err, "SELECT c.patient_id,c.payer_id,coalesce((SELECT sum("
      "amount_cents) FROM ledger_entry WHERE claim_id=c.id AND "
      "payer_id=c.payer_id),0) FROM claim c WHERE c.id=?1", "i", claim_id);
  if (!st) return CC_E_DB;
  cc_code rc = CC_OK;
  if (sqlite3_step(st) == SQLITE_ROW) {
    *patient_id = sqlite3_column_int64(st, 0);
    *payer_id = sqlite3_column_int64(st, 1);
    *payer_balance = sqlite3_column_int64(st, 2);
  } else {
    rc = cc_err_set(err, CC_E_NOTFOUND, "no such claim", "claim %lld",
                    (long long)claim_id);
  }
  sqlite3_finalize(st);
  return rc;
}

cc_code store_queue_void_entries(cc_store *s, int64_t id, const char *posted,
                                 cc_err *err) {
  static const char *const sql[2] = {
      "INSERT INTO ledger_entry(patient_id,claim_id,claim_line_id,payer_id,"
      "kind,amount_cents,posted_date,service_date) SELECT c.patient_id,c.id,"
      "l.id,c.payer_id,'charge',l.charge_cents,?2,l.from_date FROM claim c "
      "JOIN claim_line l ON l.claim_id=c.id WHERE c.id=?1 ORDER BY l.line_no",
      "INSERT INTO ledger_entry(patient_id,claim_id,claim_line_id,payer_id,"
      "kind,reason_code,amount_cents,posted_date,service_date,reference) "
      "SELECT c.patient_id,c.id,l.id,c.payer_id,'adjustment','VOID',"
      "-l.charge_cents,?2,l.from_date,'void claim (frequency 8)' FROM claim c "
      "JOIN claim_line l ON l.claim_id=c.id WHERE c.id=?1 ORDER BY l.line_no"};
  for (int i = 0; i < 2; i++) {
    cc_code rc = store_cyc_run(s, err, NULL, sql[i], "it", id, posted);
    if (rc) return rc;
  }
  return CC_OK;
}

cc_code store_queue_appeal_add(cc_store *s, int64_t item_id, int64_t claim_id,
                               const char *date, const char *deadline,
                               const char *argument, const char *letter,
                               int64_t user_id, int64_t *id, cc_err *err) {
  cc_code rc = store_cyc_run(
      s, err, NULL, "INSERT INTO appeal(item_id,claim_id,appeal_date,deadline,"
      "argument,letter,user_id) VALUES(?1,?2,?3,?4,?5,?6,nullif(?7,0))",
      "iitttti", item_id, claim_id, date, deadline, argument, letter,
      user_id);
  if (!rc) *id = sqlite3_last_insert_rowid(s->db);
  return rc;
}

static cc_code kv_row(cc_store *s, sqlite3_stmt *st, store_kv_fn fn,
                      void *ctx, cc_err *err, const char *what) {
  if (!st) return CC_E_DB;
  cc_code rc = CC_OK;
  if (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); i++) {
      const char *v = (const char *)sqlite3_column_text(st, i);
      fn(ctx, sqlite3_column_name(st, i), v ? v : "");
    }
  } else {
    rc = cc_err_set(err, CC_E_NOTFOUND, "not found", "%s", what);
  }
  sqlite3_finalize(st);
  (void)s;
  return rc;
}

cc_code store_queue_letter_fields(cc_store *s, int64_t item_id,
                                  const char *user, store_kv_fn fn, void *ctx,
                                  cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT coalesce(pr.name,'') practice_name,trim(coalesce(pr.address1,"
      "'')||' '||coalesce(pr.address2,'')) practice_address,trim(coalesce("
      "pr.city,'')||' '||coalesce(pr.state,'')||' '||coalesce(pr.zip,'')) "
      "practice_city,coalesce(pr.phone,'') practice_phone,coalesce(pr.npi,'') "
      "practice_npi,y.name payer_name,y.payer_code payer_id,trim(coalesce("
      "y.address1,'')||' '||coalesce(y.address2,'')) payer_address,trim("
      "coalesce(y.city,'')||' '||coalesce(y.state,'')||' '||coalesce(y.zip,"
      "'')) payer_city,p.first_name||' '||p.last_name patient_name,"
      "p.account_no account,p.birth_date birth_date,coalesce(v.member_id,'') "
      "member_id,c.control_number claim,coalesce((SELECT payer_claim_number "
      "FROM remit_claim WHERE id=(SELECT remit_claim_id FROM claim_denial "
      "WHERE id=w.denial_id)),c.payer_claim_number,'') payer_claim,"
      "c.first_service_date||CASE WHEN c.last_service_date<>"
      "c.first_service_date THEN ' to '||c.last_service_date ELSE '' END "
      "service_dates,printf('%d.%02d',c.total_charge_cents/100,"
      "c.total_charge_cents%100) billed,w.denied_date denied_date,"
      "coalesce(w.appeal_deadline,'') deadline,coalesce(u.display_name,"
      "u.username,?2,'') signer FROM work_item w JOIN claim c ON "
      "c.id=w.claim_id JOIN patient p ON p.id=c.patient_id JOIN payer y ON "
      "y.id=c.payer_id LEFT JOIN coverage v ON v.id=c.coverage_id LEFT JOIN "
      "practice pr ON pr.id=(SELECT min(id) FROM practice) LEFT JOIN "
      "app_user u ON u.username=?2 WHERE w.id=?1", "it", item_id, user);
  return kv_row(s, st, fn, ctx, err, "work item");
}

cc_code store_queue_documents(cc_store *s, int64_t claim_id, store_kv_fn fn,
                              void *ctx, cc_err *err) {
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT replace(a.kind,'prior_auth','prior authorization')||' '||"
      "a.number,coalesce(d.title,'document')||' ('||d.path||')' FROM claim c "
      "JOIN authorization a ON a.patient_id=c.patient_id AND (a.number IN "
      "(c.prior_auth,c.referral_no) OR a.id=(SELECT authorization_id FROM "
      "encounter WHERE id=c.encounter_id)) JOIN authorization_document d ON "
      "d.authorization_id=a.id WHERE c.id=?1 ORDER BY a.kind,a.number,d.id",
      "i", claim_id);
  if (!st) return CC_E_DB;
  while (sqlite3_step(st) == SQLITE_ROW)
    fn(ctx, (const char *)sqlite3_column_text(st, 0),
       (const char *)sqlite3_column_text(st, 1));
  sqlite3_finalize(st);
  return CC_OK;
}
