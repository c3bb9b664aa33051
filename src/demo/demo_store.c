/* demo_store.c - the two rows of the demonstration clinic that no public
 * store call writes yet: the practice (the 837 envelope's submitter and
 * receiver) and its facility. */
#include "demo/demo_int.h"
#include "store/store_int.h"

/* TODO(store): replace with cc_store_practice_put / cc_store_facility_put
 * once src/store has them; every other SQL statement of the project lives
 * in src/store, and this is the one exception, kept to the fixed rows of
 * the demonstration clinic. */
cc_code demo_store_practice(cc_store *s, cc_err *err) {
  static const char sql[] =
      "INSERT INTO practice(name,tax_id,npi,address1,city,state,zip,phone,"
      "submitter_id,submitter_name,submitter_contact,submitter_phone,"
      "receiver_id,receiver_name) VALUES('SYNTHETIC VALLEY CLINIC',"
      "'990001234','1992000012','100 DEMONSTRATION DRIVE','SPRINGFIELD','IL',"
      "'62701','2175550100','SVCLINIC01','SYNTHETIC VALLEY CLINIC',"
      "'PAT BILLER','2175550199','DEMOCLEAR','DEMO CLEARINGHOUSE');"
      "INSERT INTO facility(practice_id,code,name,npi,place_of_service,"
      "address1,city,state,zip) VALUES(last_insert_rowid(),'MAIN',"
      "'SYNTHETIC VALLEY CLINIC - MAIN CAMPUS','1992000012','11',"
      "'100 DEMONSTRATION DRIVE','SPRINGFIELD','IL','62701');";
  if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return store_db_error(s, err, "practice");
  return CC_OK;
}
