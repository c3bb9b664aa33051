/* demo_store.c - the demonstration clinic's own settings: the practice (the
 * 837 envelope's submitter and receiver), its facility and the biller who
 * works statements and denials in the quarter. */
#include "demo/demo_int.h"
#include "store/store_demo.h"

cc_code demo_store_practice(cc_store *s, cc_err *err) {
  cc_practice p = {.name = "SYNTHETIC VALLEY CLINIC", .tax_id = "990001234",
                   .npi = "1992000012", .address1 = "100 DEMONSTRATION DRIVE",
                   .city = "SPRINGFIELD", .state = "IL", .zip = "62701",
                   .phone = "2175550100", .submitter_id = "SVCLINIC01",
                   .submitter_name = "SYNTHETIC VALLEY CLINIC",
                   .submitter_contact = "PAT BILLER",
                   .submitter_phone = "2175550199", .receiver_id = "DEMOCLEAR",
                   .receiver_name = "DEMO CLEARINGHOUSE"};
  cc_code rc = cc_claims_practice_set(s, &p, NULL, err);
  if (!rc)
    rc = store_demo_facility(s, "MAIN", "SYNTHETIC VALLEY CLINIC - MAIN CAMPUS",
                             "1992000012", "11", "100 DEMONSTRATION DRIVE",
                             "SPRINGFIELD", "IL", "62701", err);
  if (!rc)
    rc = store_demo_user(s, DEMO_USER, "DEMO BILLING OFFICE", "biller", err);
  return rc;
}
