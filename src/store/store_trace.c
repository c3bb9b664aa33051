/* store_trace.c - the lineage of one claim as one JSON document built by
 * SQLite's JSON functions: where it went out, every answer, every 835 CLP,
 * SVC and CAS that touched it (denials too) and every ledger entry that
 * resulted. */
#include <string.h>

#include "store_submit_int.h"

/* Entries of a claim: its own, and those its 835s wrote on the claim they
 * post to (a secondary's payments land on the primary's books). */
#define ENTRY_JSON                                                          \
  "json_object('id',e.id,'kind',e.kind,'payer_id',(SELECT payer_code FROM " \
  "payer WHERE id=e.payer_id),'group_code',e.group_code,'reason_code',"    \
  "e.reason_code,'amount_cents',e.amount_cents,'posted_date',"             \
  "e.posted_date,'file_id',e.source_file_id,'file',(SELECT path FROM "     \
  "x12_file WHERE id=e.source_file_id),'segment_index',e.segment_index,"   \
  "'reference',e.reference,'reverses_id',e.reverses_id)"
/* A CAS that denied (kept in claim_denial, not the ledger: the amount
 * stays with the payer until the denial is worked). */
#define DENIAL_JSON                                                         \
  "json_object('file',f.path,'segment_index',d.segment_index,"             \
  "'group_code',d.group_code,'reason_code',d.reason_code,'remark_codes',"  \
  "d.remark_codes,'amount_cents',d.amount_cents,'status',d.status)"
#define MY_ENTRIES                                                          \
  "(e.claim_id=c.id OR (e.claim_id IN (SELECT ledger_claim_id FROM "        \
  "remit_claim WHERE claim_id=c.id) AND e.remit_claim_id IN (SELECT id "   \
  "FROM remit_claim WHERE claim_id=c.id)))"

cc_code store_trace_json(cc_store *s, const char *key, cc_buf *out,
                         cc_err *err) {
  uint64_t num = 0;
  int64_t id_key = -1;
  if (cc_slice_to_u64(cc_slice_cstr(key), &num) == CC_OK && num < INT64_MAX)
    id_key = (int64_t)num;
  sqlite3_stmt *st = store_cyc_prep(
      s, err,
      "SELECT json_object("
      "'claim',json_object('id',c.id,'control_number',c.control_number,"
      "'status',c.status,'claim_form',c.claim_form,'frequency_code',"
      "c.frequency_code,'responsibility',c.responsibility,'payer_id',"
      "y.payer_code,'payer_name',y.name,'payer_claim_number',"
      "c.payer_claim_number,'patient',p.account_no,'total_charge_cents',"
      "c.total_charge_cents,'first_service_date',c.first_service_date,"
      "'original_claim',(SELECT control_number FROM claim WHERE "
      "id=c.original_claim_id)),"
      "'submissions',(SELECT json_group_array(json_object('file_id',f.id,"
      "'file',f.path,'kind',f.kind,'version',f.version,'isa_control',"
      "f.isa_control,'gs_control',f.gs_control,'st_control',cs.st_control,"
      "'segment_index',cs.segment_index,'at',f.created_at)) FROM (SELECT * "
      "FROM claim_submission WHERE claim_id=c.id ORDER BY file_id) cs JOIN "
      "x12_file f ON f.id=cs.file_id),"
      "'answers',(SELECT json_group_array(json_object('kind',r.kind,"
      "'file_id',r.file_id,'file',f.path,'isa_control',f.isa_control,"
      "'accepted',r.accepted,'code',r.code,'status_date',r.status_date,"
      "'amount_cents',r.amount_cents,'payer_claim_number',"
      "r.payer_claim_number,'segment_index',r.segment_index,'detail',"
      "r.detail,'at',r.created_at)) FROM (SELECT * FROM claim_response WHERE "
      "claim_id=c.id ORDER BY id) r JOIN x12_file f ON f.id=r.file_id),"
      "'remittances',(SELECT json_group_array(json_object('file_id',m.file_id,"
      "'file',f.path,'trace',m.trace,'payer',m.payer_name,'segment_index',"
      "rc.segment_index,'status_code',rc.status_code,'charge_cents',"
      "rc.charge_cents,'paid_cents',rc.paid_cents,'patient_resp_cents',"
      "rc.patient_resp_cents,'payer_claim_number',rc.payer_claim_number,"
      "'reversed',rc.reversed_by IS NOT NULL)) FROM (SELECT * FROM "
      "remit_claim WHERE claim_id=c.id ORDER BY id) rc JOIN remittance m ON "
      "m.id=rc.remittance_id JOIN x12_file f ON f.id=m.file_id),"
      "'lines',(SELECT json_group_array(json_object('line_no',l.line_no,"
      "'code',l.code,'modifiers',trim(coalesce(l.modifier1,'')||' '||"
      "coalesce(l.modifier2,'')||' '||coalesce(l.modifier3,'')||' '||"
      "coalesce(l.modifier4,'')),'charge_cents',l.charge_cents,'from_date',"
      "l.from_date,'line_control',l.line_control,"
      "'services',(SELECT json_group_array(json_object('file',f.path,"
      "'segment_index',rl.segment_index,'code',rl.code,'charge_cents',"
      "rl.charge_cents,'paid_cents',rl.paid_cents,'allowed_cents',"
      "rl.allowed_cents)) FROM remit_line rl JOIN remit_claim rc ON "
      "rc.id=rl.remit_claim_id JOIN remittance m ON m.id=rc.remittance_id "
      "JOIN x12_file f ON f.id=m.file_id WHERE rl.claim_line_id=l.id),"
      "'denials',(SELECT json_group_array(" DENIAL_JSON ") FROM (SELECT * "
      "FROM claim_denial WHERE claim_line_id=l.id ORDER BY id) d JOIN "
      "remit_claim rc ON rc.id=d.remit_claim_id JOIN remittance m ON "
      "m.id=rc.remittance_id JOIN x12_file f ON f.id=m.file_id),"
      "'entries',(SELECT json_group_array(" ENTRY_JSON ") FROM (SELECT * "
      "FROM ledger_entry e WHERE e.claim_id=l.claim_id AND "
      "e.claim_line_id=l.id ORDER BY e.id) e))) "
      "FROM (SELECT * FROM claim_line WHERE claim_id=c.id ORDER BY line_no) "
      "l),"
      "'claim_denials',(SELECT json_group_array(" DENIAL_JSON ") FROM "
      "(SELECT * FROM claim_denial WHERE claim_id=c.id AND claim_line_id IS "
      "NULL ORDER BY id) d JOIN remit_claim rc ON rc.id=d.remit_claim_id "
      "JOIN remittance m ON m.id=rc.remittance_id JOIN x12_file f ON "
      "f.id=m.file_id),"
      "'claim_entries',(SELECT json_group_array(" ENTRY_JSON ") FROM (SELECT "
      "* FROM ledger_entry e WHERE " MY_ENTRIES " AND (e.claim_line_id IS "
      "NULL OR e.claim_line_id NOT IN (SELECT id FROM claim_line WHERE "
      "claim_id=c.id)) ORDER BY e.id) e),"
      /* the same charge lines billed to the other payers of the patient:
       * a primary names its secondary and tertiary, they name it */
      "'cob_claims',(SELECT json_group_array(json_object('id',o.id,"
      "'control_number',o.control_number,'responsibility',o.responsibility,"
      "'payer_id',(SELECT payer_code FROM payer WHERE id=o.payer_id),"
      "'status',o.status)) FROM (SELECT * FROM claim o WHERE o.id<>c.id AND "
      "o.responsibility<>c.responsibility AND EXISTS (SELECT 1 FROM "
      "claim_line a JOIN claim_line b ON b.charge_line_id=a.charge_line_id "
      "WHERE a.claim_id=c.id AND b.claim_id=o.id) ORDER BY CASE "
      "o.responsibility WHEN 'primary' THEN 1 WHEN 'secondary' THEN 2 ELSE 3 "
      "END, o.id) o),"
      "'history',(SELECT json_group_array(json_object('status',h.status,"
      "'at',h.at,'source',h.source,'detail',h.detail)) FROM (SELECT * FROM "
      "claim_status_history WHERE claim_id=c.id ORDER BY at, id) h)) "
      "FROM claim c JOIN patient p ON p.id=c.patient_id JOIN payer y ON "
      "y.id=c.payer_id WHERE c.control_number=?1 OR c.id=?2 ORDER BY "
      "c.control_number=?1 DESC LIMIT 1",
      "ti", key, id_key);
  if (!st) return CC_E_DB;
  int rc = sqlite3_step(st);
  cc_code res = CC_OK;
  if (rc == SQLITE_ROW) {
    const char *j = (const char *)sqlite3_column_text(st, 0);
    res = cc_buf_puts(out, j ? j : "null");
    if (res) cc_err_set(err, res, NULL, NULL);
  } else if (rc == SQLITE_DONE) {
    res = cc_err_set(err, CC_E_NOTFOUND, "no such claim",
                     "no claim with id or control number '%s'", key);
  } else {
    res = store_db_error(s, err, "trace");
  }
  sqlite3_finalize(st);
  return res;
}
