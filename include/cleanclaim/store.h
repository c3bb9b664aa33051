/* store.h - the practice database: one SQLite file by default (WAL, foreign
 * keys, STRICT tables, numbered migrations). Every SQL statement of the
 * project lives in src/store/; other modules call these functions. */
#ifndef CLEANCLAIM_STORE_H
#define CLEANCLAIM_STORE_H

#include "core.h"

typedef struct cc_store cc_store;

/* Open (creating when create is true) the database at path and bring its
 * schema up to the latest migration. Returns owned in *out; NULL on error
 * with err filled. */
cc_code cc_store_open(const char *path, bool create, cc_store **out,
                      cc_err *err) CC_WARN_UNUSED;
void cc_store_close(cc_store *s); /* NULL is a no-op */
/* Schema version the database is at, and the latest this build knows. */
int cc_store_version(cc_store *s);
int cc_store_latest_version(void);
/* Schema version the file was at when cc_store_open found it, before it
 * migrated it: 0 for a new (empty) file, less than cc_store_version when
 * this open upgraded it. */
int cc_store_opened_version(cc_store *s);
/* One transaction around a group of writes that belong together. */
cc_code cc_store_begin(cc_store *s, cc_err *err) CC_WARN_UNUSED;
cc_code cc_store_commit(cc_store *s, cc_err *err) CC_WARN_UNUSED;
void cc_store_rollback(cc_store *s);

/* ---- Practice data. Text columns are listed once (X-macros) so the
 * struct, the SQL binding order and the import column names cannot drift.
 * Every const char * is borrowed for the call; NULL (or "") stores NULL.
 * Dates are "YYYY-MM-DD". Each put looks the row up by its external key
 * (account number, payer ID, NPI...) and updates it, or inserts it; *created
 * says which. CC_E_DB with err filled when a constraint refuses the row. */
#define CC_X_TEXT_FIELD(name) const char *name;

#define CC_PATIENT_COLS(X)                                                    \
  X(account_no) X(last_name) X(first_name) X(middle_name) X(suffix)          \
  X(birth_date) X(sex) X(address1) X(address2) X(city) X(state) X(zip)      \
  X(phone) X(email)
typedef struct cc_patient_rec {
  CC_PATIENT_COLS(CC_X_TEXT_FIELD)
} cc_patient_rec;

#define CC_PROVIDER_COLS(X)                                                   \
  X(npi) X(kind) X(last_name) X(first_name) X(middle_name) X(suffix)         \
  X(credential) X(taxonomy) X(tax_id) X(address1) X(address2) X(city)       \
  X(state) X(zip) X(phone)
typedef struct cc_provider_rec {
  CC_PROVIDER_COLS(CC_X_TEXT_FIELD)
} cc_provider_rec;

typedef struct cc_fee_rec {
  const char *code, *modifier; /* modifier "" when none */
  int64_t allowed_cents;
  const char *effective_date, *termination_date; /* termination may be NULL */
} cc_fee_rec;

#define CC_PAYER_COLS(X)                                                      \
  X(payer_code) X(name) X(filing_indicator) X(claim_form) X(address1)        \
  X(address2) X(city) X(state) X(zip) X(phone) X(rules_json)
typedef struct cc_payer_rec {
  CC_PAYER_COLS(CC_X_TEXT_FIELD)
  int64_t timely_filing_days; /* 0 = not set */
  int64_t combine_visits_days; /* visits this many days apart or less may
                                  share a claim (claims build --combine);
                                  0 = never */
  bool referral_required;
  const char *const *auth_codes; /* codes needing prior authorization */
  size_t n_auth_codes;
  const cc_fee_rec *fees; /* replaces the payer's whole fee schedule */
  size_t n_fees;
} cc_payer_rec;

#define CC_COVERAGE_COLS(X)                                                   \
  X(priority) X(relationship) X(member_id) X(group_number) X(plan_name)      \
  X(subscriber_last_name) X(subscriber_first_name) X(subscriber_birth_date) \
  X(subscriber_sex) X(subscriber_address1) X(subscriber_city)               \
  X(subscriber_state) X(subscriber_zip) X(effective_date) X(termination_date)
typedef struct cc_coverage_rec {
  int64_t patient_id, payer_id; /* keyed by (patient, payer, member_id) */
  CC_COVERAGE_COLS(CC_X_TEXT_FIELD)
} cc_coverage_rec;

#define CC_AUTH_COLS(X) X(kind) X(number) X(start_date) X(end_date) X(note)
typedef struct cc_auth_rec {
  int64_t patient_id, payer_id, provider_id; /* provider 0 = none */
  CC_AUTH_COLS(CC_X_TEXT_FIELD)
  int64_t visits_allowed; /* -1 = no visit limit */
  int64_t visits_used;
  const char *const *codes; /* procedure codes covered; replaces */
  size_t n_codes;
  const char *const *documents; /* attached files (paths); replaces */
  size_t n_documents;
} cc_auth_rec;

typedef struct cc_charge_rec {
  int line_no;
  const char *code;
  const char *modifiers[4]; /* NULL when absent */
  int64_t units_milli;      /* units in thousandths: 1 unit = 1000 */
  const char *unit_basis;   /* "UN", "MJ"... */
  const char *place_of_service, *from_date, *to_date;
  int64_t rendering_provider_id; /* 0 = none */
  int64_t charge_cents;
  int dx_ptr[4]; /* 1..12, 0 when absent */
  const char *revenue_code, *ndc;
} cc_charge_rec;

typedef struct cc_encounter_rec {
  const char *external_id, *service_date, *place_of_service;
  int64_t patient_id, billing_provider_id, rendering_provider_id,
      referring_provider_id, authorization_id; /* 0 = none */
  const char *diagnoses[12]; /* ICD-10-CM without the dot; NULL ends */
  const cc_charge_rec *lines;
  size_t n_lines;
} cc_encounter_rec;

cc_code cc_store_patient_put(cc_store *s, const cc_patient_rec *r, int64_t *id,
                             bool *created, cc_err *err) CC_WARN_UNUSED;
cc_code cc_store_provider_put(cc_store *s, const cc_provider_rec *r,
                              int64_t *id, bool *created,
                              cc_err *err) CC_WARN_UNUSED;
cc_code cc_store_payer_put(cc_store *s, const cc_payer_rec *r, int64_t *id,
                           bool *created, cc_err *err) CC_WARN_UNUSED;
cc_code cc_store_coverage_put(cc_store *s, const cc_coverage_rec *r,
                              int64_t *id, bool *created,
                              cc_err *err) CC_WARN_UNUSED;
cc_code cc_store_auth_put(cc_store *s, const cc_auth_rec *r, int64_t *id,
                          bool *created, cc_err *err) CC_WARN_UNUSED;
/* Replaces an encounter with the same external id (its lines and
 * diagnoses too) unless a claim was made from it: CC_E_EXISTS then. */
cc_code cc_store_encounter_put(cc_store *s, const cc_encounter_rec *r,
                               int64_t *id, bool *created,
                               cc_err *err) CC_WARN_UNUSED;

/* Look-ups by the external ids practices use: the row id in *id, or
 * CC_E_NOTFOUND (err untouched) when there is none. */
cc_code cc_store_find_patient(cc_store *s, const char *account_no,
                              int64_t *id) CC_WARN_UNUSED;
cc_code cc_store_find_payer(cc_store *s, const char *payer_code,
                            int64_t *id) CC_WARN_UNUSED;
cc_code cc_store_find_provider(cc_store *s, const char *npi,
                               int64_t *id) CC_WARN_UNUSED;
/* An authorization or referral of the patient, by its number. */
cc_code cc_store_find_auth(cc_store *s, int64_t patient_id, const char *number,
                           int64_t *id) CC_WARN_UNUSED;
/* Rows in a table of the practice schema, for tests and summaries
 * (table must be one of the schema's names; -1 otherwise). */
int64_t cc_store_count(cc_store *s, const char *table);

/* ---- Showing what is there: one JSON document per object, built by SQL.
 * key is the row id or the external id (account number, payer ID, claim
 * control number). Appends to out; CC_E_NOTFOUND when there is none.
 * Amounts are integer cents in fields ending in _cents. */
cc_code cc_store_patient_json(cc_store *s, const char *key, cc_buf *out,
                              cc_err *err) CC_WARN_UNUSED;
cc_code cc_store_payer_json(cc_store *s, const char *key, cc_buf *out,
                            cc_err *err) CC_WARN_UNUSED;
cc_code cc_store_claim_json(cc_store *s, const char *key, cc_buf *out,
                            cc_err *err) CC_WARN_UNUSED;

#endif
