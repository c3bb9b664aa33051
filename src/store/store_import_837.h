/* store_import_837.h - private to the library: the SQL that `import claims`
 * needs beyond the practice puts of store.h (matching patients by member ID,
 * claims by CLM01, charge-line ids, the claim's lineage). */
#ifndef CC_STORE_IMPORT_837_H
#define CC_STORE_IMPORT_837_H

#include "cleanclaim/claims.h"

/* The patient with this name and birth date ("" when unknown) who holds a
 * coverage with member_id (as subscriber or dependent). Names compare
 * without regard to case. CC_E_NOTFOUND when there is none. */
cc_code store_import_find_patient(cc_store *s, const char *member_id,
                                  const char *last, const char *first,
                                  const char *birth_date, int64_t *id,
                                  cc_err *err) CC_WARN_UNUSED;
/* A new patient whose account number is made here ("837-" + 6 digits, the
 * next free one). birth_date and first_name may be "" (unknown: an 837
 * without DMG); r->account_no is ignored. The account number is copied into
 * acct (cap bytes). */
cc_code store_import_add_patient(cc_store *s, const cc_patient_rec *r,
                                 int64_t *id, char *acct, size_t cap,
                                 cc_err *err) CC_WARN_UNUSED;
/* The coverage (patient, payer, member_id), or CC_E_NOTFOUND. */
cc_code store_import_find_coverage(cc_store *s, int64_t patient_id,
                                   int64_t payer_id, const char *member_id,
                                   int64_t *id, cc_err *err) CC_WARN_UNUSED;
/* Move a coverage's effective date back to date when date is earlier. */
cc_code store_import_coverage_from(cc_store *s, int64_t id, const char *date,
                                   cc_err *err) CC_WARN_UNUSED;
/* The claim whose CLM01 is pcn: its id and payer ID; CC_E_NOTFOUND. */
cc_code store_import_find_claim(cc_store *s, const char *pcn, int64_t *id,
                                char *payer_code, size_t cap,
                                cc_err *err) CC_WARN_UNUSED;
/* The charge_line ids of an encounter by line number: ids[line_no - 1]
 * for line numbers 1..n. */
cc_code store_import_charge_ids(cc_store *s, int64_t encounter_id,
                                int64_t *ids, size_t n,
                                cc_err *err) CC_WARN_UNUSED;
/* Keep the imported file (direction "in", its bytes too); *id its row. */
cc_code store_import_file_add(cc_store *s, const char *path, const char *kind,
                              const char *isa, const char *gs, const char *st,
                              const char *version, const char *p, size_t n,
                              int64_t *id, cc_err *err) CC_WARN_UNUSED;
/* Save c (status built) inside the caller's transaction, its history
 * entry saying where it came from (detail). Borrows c. */
cc_code store_import_claim_save(cc_store *s, const cc_claim *c,
                                const char *detail, int64_t *id,
                                cc_err *err) CC_WARN_UNUSED;

#endif
