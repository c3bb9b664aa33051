/* store_show.c - one JSON document per patient, payer or claim, built by
 * SQLite's JSON functions so that what `show` prints is exactly what is
 * stored. Amounts stay integer cents. */
#include <string.h>

#include "store_int.h"

/* key: the row id when all digits and such a row exists, else the external
 * id. Runs sql with ?1 = key text, ?2 = key as integer (or -1). */
static cc_code show(cc_store *s, const char *sql, const char *key,
                    const char *what, cc_buf *out, cc_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return store_db_error(s, err, "prepare");
  uint64_t n;
  sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
  if (cc_slice_to_u64(cc_slice_cstr(key), &n) == CC_OK && n <= INT64_MAX)
    sqlite3_bind_int64(st, 2, (int64_t)n);
  else
    sqlite3_bind_int64(st, 2, -1);
  int rc = sqlite3_step(st);
  cc_code res = CC_OK;
  if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
    const char *j = (const char *)sqlite3_column_text(st, 0);
    res = cc_buf_puts(out, j ? j : "null");
    if (res) cc_err_set(err, res, NULL, NULL);
  } else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
    res = cc_err_set(err, CC_E_NOTFOUND, "not found", "no %s '%s'", what, key);
  } else {
    res = store_db_error(s, err, what);
  }
  sqlite3_finalize(st);
  return res;
}

cc_code cc_store_patient_json(cc_store *s, const char *key, cc_buf *out,
                              cc_err *err) {
  return show(s,
      "SELECT json_object('id',p.id,'account_no',p.account_no,"
      "'last_name',p.last_name,'first_name',p.first_name,'middle_name',"
      "p.middle_name,'suffix',p.suffix,'birth_date',p.birth_date,'sex',p.sex,"
      "'address1',p.address1,'address2',p.address2,'city',p.city,'state',"
      "p.state,'zip',p.zip,'phone',p.phone,'email',p.email,"
      "'coverages',(SELECT json_group_array(json_object('id',c.id,'priority',"
      "c.priority,'payer_id',y.payer_code,'payer_name',y.name,'member_id',"
      "c.member_id,'group_number',c.group_number,'plan_name',c.plan_name,"
      "'relationship',c.relationship,'subscriber_last_name',"
      "c.subscriber_last_name,'subscriber_first_name',c.subscriber_first_name,"
      "'effective_date',c.effective_date,'termination_date',"
      "c.termination_date,"
      /* the last 271 about this coverage; null when none was received */
      "'eligibility',CASE WHEN c.elig_checked_date IS NULL THEN NULL ELSE "
      "json_object('checked_date',c.elig_checked_date,'active',json(CASE "
      "c.elig_active WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END),"
      "'plan',c.elig_plan,'copay_cents',c.elig_copay_cents,'coinsurance_bp',"
      "c.elig_coinsurance_bp,'deductible_cents',c.elig_deductible_cents,"
      "'deductible_remaining_cents',c.elig_deductible_remaining_cents,"
      "'out_of_pocket_max_cents',c.elig_oop_max_cents,"
      "'out_of_pocket_remaining_cents',c.elig_oop_remaining_cents,'message',"
      "c.elig_message) END"
      ")) FROM (SELECT * FROM coverage WHERE patient_id=p.id"
      " ORDER BY CASE priority WHEN 'primary' THEN 1 WHEN 'secondary' THEN 2 "
      "ELSE 3 END, effective_date) c JOIN payer y ON y.id=c.payer_id),"
      "'authorizations',(SELECT json_group_array(json_object('kind',a.kind,"
      "'number',a.number,'payer_id',y.payer_code,'start_date',a.start_date,"
      "'end_date',a.end_date,'visits_allowed',a.visits_allowed,'visits_used',"
      "a.visits_used,'codes',(SELECT json_group_array(code) FROM "
      "authorization_code WHERE authorization_id=a.id),'documents',(SELECT "
      "json_group_array(path) FROM authorization_document WHERE "
      "authorization_id=a.id))) FROM authorization a JOIN payer y ON "
      "y.id=a.payer_id WHERE a.patient_id=p.id),"
      "'encounters',(SELECT json_group_array(json_object('encounter_id',"
      "e.external_id,'service_date',e.service_date,'lines',(SELECT count(*) "
      "FROM charge_line WHERE encounter_id=e.id),'charge_cents',(SELECT "
      "coalesce(sum(charge_cents),0) FROM charge_line WHERE "
      "encounter_id=e.id))) FROM (SELECT * FROM encounter WHERE patient_id=p.id"
      " ORDER BY service_date) e),"
      "'claims',(SELECT json_group_array(json_object('id',c.id,"
      "'control_number',c.control_number,'status',c.status,"
      "'total_charge_cents',c.total_charge_cents)) FROM claim c WHERE "
      "c.patient_id=p.id)) "
      "FROM patient p WHERE p.account_no=?1 OR p.id=?2 "
      "ORDER BY p.account_no=?1 DESC LIMIT 1",
      key, "patient", out, err);
}

cc_code cc_store_payer_json(cc_store *s, const char *key, cc_buf *out,
                            cc_err *err) {
  return show(s,
      "SELECT json_object('id',y.id,'payer_id',y.payer_code,'name',y.name,"
      "'filing_indicator',y.filing_indicator,'claim_form',y.claim_form,"
      "'address1',y.address1,'city',y.city,'state',y.state,'zip',y.zip,"
      "'phone',y.phone,'rules',json_object('timely_filing_days',"
      "y.timely_filing_days,'combine_visits_days',y.combine_visits_days,"
      "'referral_required',json(CASE y.referral_required"
      " WHEN 1 THEN 'true' ELSE 'false' END),'prior_auth_codes',(SELECT "
      "json_group_array(code) FROM (SELECT code FROM payer_auth_code WHERE "
      "payer_id=y.id ORDER BY code)),'fee_schedule',(SELECT json_group_array("
      "json_object('code',f.code,'modifier',f.modifier,'allowed_cents',"
      "f.allowed_cents,'effective_date',f.effective_date,'termination_date',"
      "f.termination_date)) FROM (SELECT * FROM fee_schedule WHERE "
      "payer_id=y.id ORDER BY code, modifier, effective_date) f))) "
      "FROM payer y WHERE y.payer_code=?1 OR y.id=?2 "
      "ORDER BY y.payer_code=?1 DESC LIMIT 1",
      key, "payer", out, err);
}

cc_code cc_store_claim_json(cc_store *s, const char *key, cc_buf *out,
                            cc_err *err) {
  return show(s,
      "SELECT json_object('id',c.id,'control_number',c.control_number,"
      "'status',c.status,'claim_form',c.claim_form,'frequency_code',"
      "c.frequency_code,'responsibility',c.responsibility,'patient',"
      "p.account_no,'patient_name',p.last_name||', '||p.first_name,"
      "'payer_id',y.payer_code,'payer_name',y.name,'payer_claim_number',"
      "c.payer_claim_number,'total_charge_cents',c.total_charge_cents,"
      "'first_service_date',c.first_service_date,'last_service_date',"
      "c.last_service_date,'diagnoses',(SELECT json_group_array(code) FROM "
      "(SELECT code FROM claim_diagnosis WHERE claim_id=c.id ORDER BY seq)),"
      "'lines',(SELECT json_group_array(json_object('line_no',l.line_no,"
      "'code',l.code,'modifiers',json_array(l.modifier1,l.modifier2,"
      "l.modifier3,l.modifier4),'units_milli',l.units_milli,'from_date',"
      "l.from_date,'to_date',l.to_date,'charge_cents',l.charge_cents,"
      "'line_control',l.line_control)) FROM (SELECT * FROM claim_line WHERE "
      "claim_id=c.id ORDER BY line_no) l),"
      "'history',(SELECT json_group_array(json_object('status',h.status,'at',"
      "h.at,'source',h.source,'detail',h.detail)) FROM (SELECT * FROM "
      "claim_status_history WHERE claim_id=c.id ORDER BY at, id) h),"
      "'submissions',(SELECT json_group_array(json_object('file',f.path,"
      "'isa_control',f.isa_control,'st_control',cs.st_control,"
      "'segment_index',cs.segment_index)) FROM claim_submission cs JOIN "
      "x12_file f ON f.id=cs.file_id WHERE cs.claim_id=c.id)) "
      "FROM claim c JOIN patient p ON p.id=c.patient_id JOIN payer y ON "
      "y.id=c.payer_id WHERE c.control_number=?1 OR c.id=?2 "
      "ORDER BY c.control_number=?1 DESC LIMIT 1",
      key, "claim", out, err);
}
