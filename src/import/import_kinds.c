/* import_kinds.c - what each import accepts and checks, row by row: the
 * column lists (documented in docs/IMPORT.md), value rules a payer would
 * reject a claim over, and references by the practice's external ids. */
#include <ctype.h>
#include <string.h>
#include <sys/stat.h>

#include "import_int.h"

/* ---- small value checks ------------------------------------------------- */

static bool all(const char *s, int (*cls)(int)) {
  for (; *s; s++)
    if (!cls((unsigned char)*s)) return false;
  return true;
}

static char *upper(char *s) {
  for (char *p = s; p && *p; p++) *p = (char)toupper((unsigned char)*p);
  return s;
}

/* Keep only digits (phone, zip, tax id are often punctuated). */
static char *digits_only(imp *m, const char *s) {
  char *o = cc_arena_strdup(m->a, cc_slice_cstr(s));
  if (!o) return NULL;
  size_t k = 0;
  for (const char *p = s; *p; p++)
    if (isdigit((unsigned char)*p)) o[k++] = *p;
    else if (!strchr(" -().+/", *p)) return NULL;
  o[k] = '\0';
  return o;
}

/* One of the allowed words (case-insensitive); returns the canonical word
 * out[i] for input alias in[i], or NULL after reporting. */
static const char *pick(imp *m, const imp_src *r, const char *col, bool req,
                        const char *def, const char *const *in,
                        const char *const *out, const char *hint) {
  const char *v = imp_text(m, r, col, req, 40);
  if (!v) return m->row_bad && req ? NULL : def;
  for (size_t i = 0; in[i]; i++)
    if (strcasecmp(v, in[i]) == 0) return out[i];
  imp_bad(m, r, col, "not an accepted value", "'%s': use %s", v, hint);
  return NULL;
}

static const char *state(imp *m, const imp_src *r, const char *col) {
  char *v = (char *)imp_text(m, r, col, false, 2);
  if (v && (strlen(v) != 2 || !all(v, isalpha))) {
    imp_bad(m, r, col, "not a state code", "'%s': use the two-letter code", v);
    return NULL;
  }
  return upper(v);
}

static const char *zip(imp *m, const imp_src *r, const char *col) {
  const char *v = imp_text(m, r, col, false, 10);
  if (!v) return NULL;
  const char *d = digits_only(m, v);
  if (!d || (strlen(d) != 5 && strlen(d) != 9)) {
    imp_bad(m, r, col, "not a ZIP code", "'%s': 5 or 9 digits", v);
    return NULL;
  }
  return d;
}

static const char *phone(imp *m, const imp_src *r, const char *col) {
  const char *v = imp_text(m, r, col, false, 30);
  if (!v) return NULL;
  const char *d = digits_only(m, v);
  if (d && strlen(d) == 11 && d[0] == '1') d++;
  if (!d || strlen(d) != 10) {
    imp_bad(m, r, col, "not a phone number", "'%s': 10 digits with area code",
            v);
    return NULL;
  }
  return d;
}

static const char *npi(imp *m, const imp_src *r, const char *col, bool req) {
  const char *v = imp_text(m, r, col, req, 10);
  if (!v) return NULL;
  if (strlen(v) != 10 || !all(v, isdigit)) {
    imp_bad(m, r, col, "not an NPI", "'%s': an NPI is 10 digits", v);
    return NULL;
  }
  if (!cc_npi_valid(cc_slice_cstr(v))) {
    imp_bad(m, r, col, "NPI check digit is wrong",
            "%s fails the check digit (for %.9s it would be %d); check for a "
            "typo", v, v, cc_npi_check_digit((cc_slice){v, 9}));
    return NULL;
  }
  return v;
}

static const char *sex(imp *m, const imp_src *r, const char *col, bool req) {
  static const char *const in[] = {"M", "F", "U", "male", "female", "unknown",
                                   NULL};
  static const char *const out[] = {"M", "F", "U", "M", "F", "U"};
  return pick(m, r, col, req, NULL, in, out, "M, F or U");
}

/* CPT/HCPCS: five characters, letters and digits. */
static bool proc_code_ok(char *c) {
  upper(c);
  return strlen(c) == 5 && all(c, isalnum);
}

/* ICD-10-CM: letter, digit, then up to five more; stored without the dot,
 * as the HI segment carries it. */
static const char *icd10(imp *m, const imp_src *r, const char *col,
                         const char *v) {
  char *o = cc_arena_strdup(m->a, cc_slice_cstr(v));
  if (!o) return NULL;
  size_t k = 0;
  for (const char *p = v; *p; p++)
    if (*p != '.') o[k++] = (char)toupper((unsigned char)*p);
  o[k] = '\0';
  if (k < 3 || k > 7 || !isalpha((unsigned char)o[0]) ||
      !isdigit((unsigned char)o[1]) || !all(o, isalnum)) {
    imp_bad(m, r, col, "not an ICD-10-CM code", "'%s'", v);
    return NULL;
  }
  return o;
}

static int64_t ref(imp *m, const imp_src *r, const char *col, const char *v,
                   cc_code (*find)(cc_store *, const char *, int64_t *),
                   const char *what, const char *hint) {
  int64_t id = 0;
  if (!v) return 0;
  cc_code rc = find(m->s, v, &id);
  if (rc == CC_E_NOTFOUND) {
    imp_bad(m, r, col, "not found", "no %s '%s'; %s", what, v, hint);
    return 0;
  }
  if (rc) m->fatal = rc;
  return id;
}

static void stored(imp *m, const imp_src *r, const char *col, cc_code rc,
                   bool created, cc_err *e) {
  if (rc == CC_OK) {
    if (created) m->res->created++;
    else m->res->updated++;
  } else if (rc == CC_E_DB || rc == CC_E_EXISTS) {
    imp_bad(m, r, col, e->msg ? e->msg : "refused by the database", "%s",
            e->detail);
  } else {
    m->fatal = rc;
  }
}

/* The postal address and phone columns patients, providers and payers
 * share, read in the order their errors are reported. */
static void address(imp *m, const imp_src *r, const char **address1,
                    const char **address2, const char **city,
                    const char **st, const char **zp, const char **ph) {
  *address1 = imp_text(m, r, "address1", false, 55);
  *address2 = imp_text(m, r, "address2", false, 55);
  *city = imp_text(m, r, "city", false, 30);
  *st = state(m, r, "state");
  *zp = zip(m, r, "zip");
  *ph = phone(m, r, "phone");
}

/* ---- patients ----------------------------------------------------------- */

static const char *const patient_cols[] = {
    "account_no", "last_name", "first_name", "middle_name", "suffix",
    "birth_date", "sex", "address1", "address2", "city", "state", "zip",
    "phone", "email", NULL};

static void patient_row(imp *m, const imp_src *r) {
  cc_patient_rec p = {0};
  p.account_no = imp_text(m, r, "account_no", true, 38);
  p.last_name = imp_text(m, r, "last_name", true, 60);
  p.first_name = imp_text(m, r, "first_name", true, 35);
  p.middle_name = imp_text(m, r, "middle_name", false, 25);
  p.suffix = imp_text(m, r, "suffix", false, 10);
  p.birth_date = imp_date(m, r, "birth_date", true);
  if (p.birth_date) {
    cc_day d, today = cc_date_today();
    if (cc_date_parse_iso(cc_slice_cstr(p.birth_date), &d) == CC_OK &&
        d > today)
      imp_bad(m, r, "birth_date", "in the future", "%s is after today",
              p.birth_date);
  }
  p.sex = sex(m, r, "sex", true);
  address(m, r, &p.address1, &p.address2, &p.city, &p.state, &p.zip,
          &p.phone);
  p.email = imp_text(m, r, "email", false, 80);
  if (p.email && !strchr(p.email, '@'))
    imp_bad(m, r, "email", "not an e-mail address", "'%s'", p.email);
  if (m->row_bad) return;
  int64_t id;
  bool created;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc_ = cc_store_patient_put(m->s, &p, &id, &created, &e);
  stored(m, r, "account_no", rc_, created, &e);
}

/* ---- providers ---------------------------------------------------------- */

static const char *const provider_cols[] = {
    "npi", "kind", "last_name", "organization_name", "first_name",
    "middle_name", "suffix", "credential", "taxonomy", "tax_id", "address1",
    "address2", "city", "state", "zip", "phone", NULL};

static void provider_row(imp *m, const imp_src *r) {
  static const char *const kin[] = {"individual", "organization",
                                    "organisation", "person", "1", "2", NULL};
  static const char *const kout[] = {"individual", "organization",
                                     "organization", "individual",
                                     "individual", "organization"};
  cc_provider_rec p = {0};
  p.npi = npi(m, r, "npi", true);
  bool org_given = imp_has(r, "organization_name");
  p.kind = pick(m, r, "kind", false, org_given ? "organization" : "individual",
                kin, kout, "individual or organization");
  bool org = p.kind && strcmp(p.kind, "organization") == 0;
  if (org_given && imp_has(r, "last_name"))
    imp_bad(m, r, "organization_name", "both names given",
            "give last_name for a person or organization_name for an "
            "organization, not both");
  p.last_name = imp_text(m, r, org_given ? "organization_name" : "last_name",
                         true, 60);
  p.first_name = imp_text(m, r, "first_name", !org, 35);
  if (org && p.first_name)
    imp_bad(m, r, "first_name", "an organization has no first name", NULL);
  p.middle_name = imp_text(m, r, "middle_name", false, 25);
  p.suffix = imp_text(m, r, "suffix", false, 10);
  p.credential = imp_text(m, r, "credential", false, 20);
  char *tx = (char *)imp_text(m, r, "taxonomy", false, 10);
  if (tx) {
    upper(tx);
    bool ok = strlen(tx) == 10 && all(tx, isalnum) && tx[9] == 'X' &&
              isdigit((unsigned char)tx[0]);
    if (!ok)
      imp_bad(m, r, "taxonomy", "not a taxonomy code",
              "'%s': 10 characters ending in X, e.g. 207Q00000X", tx);
    p.taxonomy = tx;
  }
  const char *tin = imp_text(m, r, "tax_id", false, 11);
  if (tin) {
    p.tax_id = digits_only(m, tin);
    if (!p.tax_id || strlen(p.tax_id) != 9)
      imp_bad(m, r, "tax_id", "not a tax id", "'%s': 9 digits (EIN or SSN)",
              tin);
  }
  address(m, r, &p.address1, &p.address2, &p.city, &p.state, &p.zip,
          &p.phone);
  if (m->row_bad) return;
  int64_t id;
  bool created;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc_ = cc_store_provider_put(m->s, &p, &id, &created, &e);
  stored(m, r, "npi", rc_, created, &e);
}

/* ---- payers and their rules --------------------------------------------- */

static const char *const payer_cols[] = {
    "payer_id", "name", "filing_indicator", "claim_form", "address1",
    "address2", "city", "state", "zip", "phone", "timely_filing_days",
    "referral_required", "prior_auth_codes", "combine_visits_days", "rules",
    NULL};
static const char *const rule_cols[] = {"timely_filing_days",
                                        "referral_required", "prior_auth_codes",
                                        "claim_form", "fee_schedule",
                                        "combine_visits_days", NULL};
static const char *const fee_cols[] = {"code", "modifier", "allowed",
                                       "effective_date", "termination_date",
                                       NULL};

#define MAX_LIST 256

/* A rule may be a column of its own or a member of rules, not both. */
static const imp_src *rule_src(imp *m, const imp_src *r, const imp_src *rules,
                               const char *key) {
  bool top = imp_has(r, key), in = rules && imp_has(rules, key);
  if (top && in) {
    imp_bad(m, r, key, "given twice",
            "%s is both a column and a member of rules; keep one", key);
    return NULL;
  }
  return in ? rules : r;
}

static void payer_row(imp *m, const imp_src *r) {
  static const char *const fi[] = {"11", "12", "13", "14", "15", "16", "17",
                                   "AM", "BL", "CH", "CI", "DS", "FI", "HM",
                                   "LM", "MA", "MB", "MC", "OF", "TV", "VA",
                                   "WC", "ZZ", NULL};
  static const char *const forms_in[] = {"837P", "837I", "P", "I",
                                         "professional", "institutional",
                                         NULL};
  static const char *const forms_out[] = {"837P", "837I", "837P", "837I",
                                          "837P", "837I"};
  cc_payer_rec p = {0};
  p.payer_code = imp_text(m, r, "payer_id", true, 80);
  p.name = imp_text(m, r, "name", true, 60);
  p.filing_indicator = pick(m, r, "filing_indicator", true, NULL, fi, fi,
                            "a claim filing indicator code (SBR09), e.g. CI, "
                            "MB, MC, BL, HM");
  address(m, r, &p.address1, &p.address2, &p.city, &p.state, &p.zip,
          &p.phone);

  /* rules: a JSON object, or in CSV a cell holding JSON text. */
  imp_src rules = {NULL, NULL, 0, NULL, "rules."};
  const imp_src *rs = NULL;
  const cc_json *rj = imp_json(r, "rules");
  if (!m->json && imp_has(r, "rules")) {
    const char *txt = imp_text(m, r, "rules", false, 0);
    cc_json *doc;
    cc_err e;
    cc_err_clear(&e);
    if (txt && cc_json_parse(txt, strlen(txt), m->file, m->a, &doc, &e))
      imp_bad(m, r, "rules", "rules are not valid JSON", "%s", e.detail);
    else if (txt)
      rj = doc;
  }
  if (rj && rj->type != CC_JSON_OBJECT) {
    imp_bad(m, r, "rules", "rules must be a JSON object", "got a %s",
            cc_json_type_name(rj->type));
    rj = NULL;
  }
  if (rj) {
    rules.obj = rj;
    rs = &rules;
    for (size_t i = 0; i < rj->n; i++) {
      bool ok = false;
      for (size_t c = 0; rule_cols[c]; c++)
        if (cc_slice_eq(rj->keys[i], rule_cols[c])) ok = true;
      if (!ok) {
        char k[32];
        cc_slice_copy(rj->keys[i], k, sizeof k);
        imp_bad(m, &rules, k, "unknown rule", "see docs/IMPORT.md for the "
                "rules a payer can have");
      }
    }
  }
  const imp_src *src;
  if ((src = rule_src(m, r, rs, "claim_form")))
    p.claim_form = pick(m, src, "claim_form", false, "837P", forms_in,
                        forms_out, "837P or 837I");
  if ((src = rule_src(m, r, rs, "timely_filing_days")))
    imp_int(m, src, "timely_filing_days", false, 1, 3650, &p.timely_filing_days);
  if ((src = rule_src(m, r, rs, "combine_visits_days")))
    imp_int(m, src, "combine_visits_days", false, 0, 365,
            &p.combine_visits_days);
  if ((src = rule_src(m, r, rs, "referral_required")))
    imp_bool(m, src, "referral_required", &p.referral_required);
  const char **codes = cc_arena_alloc(m->a, MAX_LIST * sizeof *codes);
  if (codes && (src = rule_src(m, r, rs, "prior_auth_codes"))) {
    size_t n = imp_list(m, src, "prior_auth_codes", codes, MAX_LIST);
    for (size_t i = 0; i < n && i < MAX_LIST; i++)
      if (!proc_code_ok((char *)codes[i]))
        imp_bad(m, src, "prior_auth_codes", "not a procedure code",
                "'%s' (item %zu): CPT or HCPCS codes are 5 characters",
                codes[i], i + 1);
    p.auth_codes = codes;
    p.n_auth_codes = n > MAX_LIST ? MAX_LIST : n;
  }
  const cc_json *fs = rs ? imp_json(rs, "fee_schedule") : NULL;
  if (fs && fs->type != CC_JSON_ARRAY) {
    imp_bad(m, rs, "fee_schedule", "must be a list", "a JSON array of "
            "{code, modifier, allowed, effective_date}");
  } else if (fs) {
    cc_fee_rec *fees = cc_arena_alloc(m->a, (fs->n + 1) * sizeof *fees);
    for (size_t i = 0; fees && i < fs->n; i++) {
      imp_src fr = {NULL, NULL, 0, fs->kids[i],
                    cc_arena_printf(m->a, "rules.fee_schedule[%zu].", i + 1)};
      cc_fee_rec *f = &fees[i];
      memset(f, 0, sizeof *f);
      if (fs->kids[i]->type != CC_JSON_OBJECT) {
        imp_bad(m, &fr, "", "must be an object", NULL);
        continue;
      }
      for (size_t k = 0; k < fs->kids[i]->n; k++) {
        bool ok = false;
        for (size_t c = 0; fee_cols[c]; c++)
          if (cc_slice_eq(fs->kids[i]->keys[k], fee_cols[c])) ok = true;
        if (!ok) {
          char kn[32];
          cc_slice_copy(fs->kids[i]->keys[k], kn, sizeof kn);
          imp_bad(m, &fr, kn, "unknown column", NULL);
        }
      }
      char *code = (char *)imp_text(m, &fr, "code", true, 5);
      if (code && !proc_code_ok(code))
        imp_bad(m, &fr, "code", "not a procedure code", "'%s'", code);
      f->code = code;
      char *mod = (char *)imp_text(m, &fr, "modifier", false, 2);
      if (mod && (strlen(mod) != 2 || !all(upper(mod), isalnum)))
        imp_bad(m, &fr, "modifier", "not a modifier", "'%s': 2 characters",
                mod);
      f->modifier = mod ? mod : "";
      imp_money(m, &fr, "allowed", true, &f->allowed_cents);
      f->effective_date = imp_date(m, &fr, "effective_date", true);
      f->termination_date = imp_date(m, &fr, "termination_date", false);
      if (f->effective_date && f->termination_date &&
          strcmp(f->termination_date, f->effective_date) < 0)
        imp_bad(m, &fr, "termination_date", "ends before it starts",
                "%s is before %s", f->termination_date, f->effective_date);
      for (size_t j = 0; j < i && f->code && f->effective_date; j++)
        if (fees[j].code && fees[j].effective_date &&
            strcmp(fees[j].code, f->code) == 0 &&
            strcmp(fees[j].modifier, f->modifier) == 0 &&
            strcmp(fees[j].effective_date, f->effective_date) == 0)
          imp_bad(m, &fr, "code", "fee given twice",
                  "%s%s%s from %s is also entry %zu", f->code,
                  *f->modifier ? "-" : "", f->modifier, f->effective_date,
                  j + 1);
    }
    p.fees = fees;
    p.n_fees = fs->n;
  }
  if (rj && !m->json) /* kept as given, for rules added later */
    p.rules_json = imp_text(m, r, "rules", false, 0);
  if (m->row_bad) return;
  int64_t id;
  bool created;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc_ = cc_store_payer_put(m->s, &p, &id, &created, &e);
  stored(m, r, "payer_id", rc_, created, &e);
}

/* ---- coverages ---------------------------------------------------------- */

static const char *const coverage_cols[] = {
    "patient", "payer_id", "priority", "relationship", "member_id",
    "group_number", "plan_name", "subscriber_last_name",
    "subscriber_first_name", "subscriber_birth_date", "subscriber_sex",
    "subscriber_address1", "subscriber_city", "subscriber_state",
    "subscriber_zip", "effective_date", "termination_date", NULL};

static void coverage_row(imp *m, const imp_src *r) {
  static const char *const pin[] = {"primary", "secondary", "tertiary", "P",
                                    "S", "T", "1", "2", "3", NULL};
  static const char *const pout[] = {"primary", "secondary", "tertiary",
                                     "primary", "secondary", "tertiary",
                                     "primary", "secondary", "tertiary"};
  /* Words, or the X12 individual relationship codes. */
  static const char *const rin[] = {"self", "spouse", "child", "employee",
                                    "life_partner", "other", "unknown", "18",
                                    "01", "19", "20", "53", "G8", "21", NULL};
  static const char *const rout[] = {"self", "spouse", "child", "employee",
                                     "life_partner", "other", "unknown",
                                     "self", "spouse", "child", "employee",
                                     "life_partner", "other", "unknown"};
  cc_coverage_rec c = {0};
  const char *acct = imp_text(m, r, "patient", true, 38);
  c.patient_id = ref(m, r, "patient", acct, cc_store_find_patient, "patient "
                     "with account number", "import patients first");
  const char *payer = imp_text(m, r, "payer_id", true, 80);
  c.payer_id = ref(m, r, "payer_id", payer, cc_store_find_payer, "payer",
                   "import payers first");
  c.priority = pick(m, r, "priority", true, NULL, pin, pout,
                    "primary, secondary or tertiary");
  c.relationship = pick(m, r, "relationship", false, "self", rin, rout,
                        "self, spouse, child, employee, life_partner, other "
                        "or unknown");
  c.member_id = imp_text(m, r, "member_id", true, 80);
  c.group_number = imp_text(m, r, "group_number", false, 50);
  c.plan_name = imp_text(m, r, "plan_name", false, 60);
  bool self = c.relationship && strcmp(c.relationship, "self") == 0;
  c.subscriber_last_name = imp_text(m, r, "subscriber_last_name", !self, 60);
  c.subscriber_first_name = imp_text(m, r, "subscriber_first_name", !self, 35);
  c.subscriber_birth_date = imp_date(m, r, "subscriber_birth_date", false);
  c.subscriber_sex = sex(m, r, "subscriber_sex", false);
  c.subscriber_address1 = imp_text(m, r, "subscriber_address1", false, 55);
  c.subscriber_city = imp_text(m, r, "subscriber_city", false, 30);
  c.subscriber_state = state(m, r, "subscriber_state");
  c.subscriber_zip = zip(m, r, "subscriber_zip");
  c.effective_date = imp_date(m, r, "effective_date", true);
  c.termination_date = imp_date(m, r, "termination_date", false);
  if (c.effective_date && c.termination_date &&
      strcmp(c.termination_date, c.effective_date) < 0)
    imp_bad(m, r, "termination_date", "ends before it starts",
            "%s is before the effective date %s", c.termination_date,
            c.effective_date);
  if (m->row_bad || m->fatal) return;
  int64_t id;
  bool created;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc_ = cc_store_coverage_put(m->s, &c, &id, &created, &e);
  stored(m, r, "member_id", rc_, created, &e);
}

/* ---- authorizations and referrals --------------------------------------- */

static const char *const auth_cols[] = {
    "kind", "number", "patient", "payer_id", "provider_npi", "start_date",
    "end_date", "visits_allowed", "visits_used", "codes", "documents", "note",
    NULL};

/* Relative document paths are taken from the import file's folder. */
static const char *doc_path(imp *m, const char *d) {
  if (d[0] == '/' || !m->file) return d;
  const char *slash = strrchr(m->file, '/');
  if (!slash) return d;
  return cc_arena_printf(m->a, "%.*s/%s", (int)(slash - m->file), m->file, d);
}

static void auth_row(imp *m, const imp_src *r) {
  static const char *const kin[] = {"referral", "prior_auth", "authorization",
                                    "prior_authorization", NULL};
  static const char *const kout[] = {"referral", "prior_auth", "prior_auth",
                                     "prior_auth"};
  cc_auth_rec a = {0};
  a.kind = pick(m, r, "kind", true, NULL, kin, kout, "referral or prior_auth");
  a.number = imp_text(m, r, "number", true, 50);
  const char *acct = imp_text(m, r, "patient", true, 38);
  a.patient_id = ref(m, r, "patient", acct, cc_store_find_patient,
                     "patient with account number", "import patients first");
  const char *payer = imp_text(m, r, "payer_id", true, 80);
  a.payer_id = ref(m, r, "payer_id", payer, cc_store_find_payer, "payer",
                   "import payers first");
  const char *pn = npi(m, r, "provider_npi", false);
  a.provider_id = ref(m, r, "provider_npi", pn, cc_store_find_provider,
                      "provider with NPI", "import providers first");
  a.start_date = imp_date(m, r, "start_date", true);
  a.end_date = imp_date(m, r, "end_date", true);
  if (a.start_date && a.end_date && strcmp(a.end_date, a.start_date) < 0)
    imp_bad(m, r, "end_date", "ends before it starts", "%s is before %s",
            a.end_date, a.start_date);
  a.visits_allowed = -1;
  imp_int(m, r, "visits_allowed", false, 0, 100000, &a.visits_allowed);
  imp_int(m, r, "visits_used", false, 0, 100000, &a.visits_used);
  if (a.visits_allowed >= 0 && a.visits_used > a.visits_allowed)
    imp_bad(m, r, "visits_used", "more visits used than allowed",
            "%lld used of %lld allowed", (long long)a.visits_used,
            (long long)a.visits_allowed);
  a.note = imp_text(m, r, "note", false, 0);
  const char **codes = cc_arena_alloc(m->a, MAX_LIST * sizeof *codes);
  const char **docs = cc_arena_alloc(m->a, 32 * sizeof *docs);
  if (!codes || !docs) return;
  size_t n = imp_list(m, r, "codes", codes, MAX_LIST);
  for (size_t i = 0; i < n && i < MAX_LIST; i++)
    if (!proc_code_ok((char *)codes[i]))
      imp_bad(m, r, "codes", "not a procedure code",
              "'%s' (item %zu): CPT or HCPCS codes are 5 characters", codes[i],
              i + 1);
  a.codes = codes;
  a.n_codes = n > MAX_LIST ? MAX_LIST : n;
  /* Paths may hold blanks, so documents split on ';' only. */
  const char *dl = imp_text(m, r, "documents", false, 0);
  const cc_json *dj = imp_json(r, "documents");
  size_t nd = 0;
  if (dj && dj->type == CC_JSON_ARRAY) {
    nd = imp_list(m, r, "documents", docs, 32);
  } else if (dl) {
    for (const char *p = dl; *p && nd < 32;) {
      const char *e = strchr(p, ';');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      cc_slice t = cc_slice_trim((cc_slice){p, len});
      if (t.n) docs[nd++] = cc_arena_strdup(m->a, t);
      p += len + (e ? 1 : 0);
    }
  }
  for (size_t i = 0; i < nd && i < 32; i++) {
    struct stat stb;
    const char *path = doc_path(m, docs[i]);
    if (stat(path, &stb) != 0 || !S_ISREG(stb.st_mode))
      imp_bad(m, r, "documents", "document not found",
              "'%s' (item %zu) is not a readable file", docs[i], i + 1);
    docs[i] = path;
  }
  a.documents = docs;
  a.n_documents = nd > 32 ? 32 : nd;
  if (m->row_bad || m->fatal) return;
  int64_t id;
  bool created;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc_ = cc_store_auth_put(m->s, &a, &id, &created, &e);
  stored(m, r, "number", rc_, created, &e);
}

/* ---- encounters and their charge lines ---------------------------------- */

/* CSV has one row per charge line, rows of one encounter sharing its
 * encounter_id; JSON has one object per encounter with a lines array (or
 * flat rows like CSV). Lines are gathered per encounter and written at the
 * end, so an encounter's rows need not be next to each other. */
static const char *const encounter_cols[] = {
    "encounter_id", "patient", "service_date", "place_of_service",
    "billing_npi", "rendering_npi", "referring_npi", "authorization",
    "diagnoses", "dx1", "dx2", "dx3", "dx4", "dx5", "dx6", "dx7", "dx8", "dx9",
    "dx10", "dx11", "dx12", "lines",
    /* line columns */
    "line", "code", "modifiers", "modifier1", "modifier2", "modifier3",
    "modifier4", "units", "unit_basis", "from_date", "to_date", "charge",
    "dx_pointers", "revenue_code", "ndc", NULL};
const char *const imp_line_cols[] = {
    "line", "code", "modifiers", "modifier1", "modifier2", "modifier3",
    "modifier4", "units", "unit_basis", "from_date", "to_date", "charge",
    "dx_pointers", "revenue_code", "ndc", "place_of_service", "rendering_npi",
    NULL};

typedef struct enc_group {
  uint32_t first_row;
  bool bad;
  const char *patient, *service_date, *pos, *dx_joined;
  cc_encounter_rec rec;
  cc_charge_rec *lines;
  uint32_t *line_rows;
  size_t n_lines, cap;
} enc_group;

typedef struct enc_state {
  enc_group *g;
  size_t n, cap;
} enc_state;

/* "1", "1.5", "0.25", "2.125" -> thousandths; more decimals are refused. */
static bool parse_units(const char *s, int64_t *milli) {
  int64_t whole = 0, frac = 0;
  int nf = 0, nd = 0;
  bool point = false;
  for (; *s; s++) {
    if (*s == '.' && !point) {
      point = true;
      continue;
    }
    if (!isdigit((unsigned char)*s)) return false;
    if (point) {
      if (++nf > 3) return false;
      frac = frac * 10 + (*s - '0');
    } else {
      if (++nd > 9) return false;
      whole = whole * 10 + (*s - '0');
    }
  }
  if (nd + nf == 0) return false;
  while (nf++ < 3) frac *= 10;
  *milli = whole * 1000 + frac;
  return *milli > 0;
}

static enc_group *group_for(imp *m, const char *ext) {
  enc_state *st = m->kind_state;
  if (!st) {
    st = cc_arena_alloc(m->a, sizeof *st);
    if (!st) return NULL;
    memset(st, 0, sizeof *st);
    m->kind_state = st;
  }
  for (size_t i = st->n; i-- > 0;)
    if (strcmp(st->g[i].rec.external_id, ext) == 0) return &st->g[i];
  if (st->n == st->cap) {
    size_t cap = st->cap ? st->cap * 2 : 64;
    enc_group *ng = cc_arena_alloc(m->a, cap * sizeof *ng);
    if (!ng) return NULL;
    if (st->n) memcpy(ng, st->g, st->n * sizeof *ng);
    st->g = ng;
    st->cap = cap;
  }
  enc_group *g = &st->g[st->n++];
  memset(g, 0, sizeof *g);
  g->rec.external_id = ext;
  g->first_row = m->row;
  return g;
}

static cc_charge_rec *add_line(imp *m, enc_group *g) {
  if (g->n_lines == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 8;
    cc_charge_rec *nl = cc_arena_alloc(m->a, cap * sizeof *nl);
    uint32_t *nr = cc_arena_alloc(m->a, cap * sizeof *nr);
    if (!nl || !nr) return NULL;
    if (g->n_lines) {
      memcpy(nl, g->lines, g->n_lines * sizeof *nl);
      memcpy(nr, g->line_rows, g->n_lines * sizeof *nr);
    }
    g->lines = nl;
    g->line_rows = nr;
    g->cap = cap;
  }
  g->line_rows[g->n_lines] = m->row;
  cc_charge_rec *l = &g->lines[g->n_lines++];
  memset(l, 0, sizeof *l);
  return l;
}

static const char *pos_code(imp *m, const imp_src *r, const char *col,
                            bool req) {
  const char *v = imp_text(m, r, col, req, 2);
  if (v && (strlen(v) != 2 || !all(v, isdigit))) {
    imp_bad(m, r, col, "not a place of service code", "'%s': two digits, "
            "e.g. 11 for office", v);
    return NULL;
  }
  return v;
}

static int64_t provider_ref(imp *m, const imp_src *r, const char *col) {
  const char *n = npi(m, r, col, false);
  return ref(m, r, col, n, cc_store_find_provider, "provider with NPI",
             "import providers first");
}

static void line_from(imp *m, const imp_src *r, enc_group *g, int ndx,
                      bool json_line) {
  cc_charge_rec *l = add_line(m, g);
  if (!l) return;
  int64_t ln = 0;
  if (imp_int(m, r, "line", false, 1, 999, &ln)) l->line_no = (int)ln;
  char *code = (char *)imp_text(m, r, "code", true, 5);
  if (code && !proc_code_ok(code))
    imp_bad(m, r, "code", "not a procedure code",
            "'%s': CPT or HCPCS codes are 5 characters", code);
  l->code = code;
  const char *mods[5] = {0};
  size_t nm = 0;
  if (imp_has(r, "modifiers")) {
    nm = imp_list(m, r, "modifiers", mods, 4);
    for (int i = 1; i <= 4; i++) {
      char c[24]; /* room for any int: quiets -Wformat-truncation */
      snprintf(c, sizeof c, "modifier%d", i);
      if (imp_has(r, c))
        imp_bad(m, r, c, "modifiers given twice",
                "use either modifiers or modifier1..modifier4");
    }
  } else {
    for (int i = 1; i <= 4; i++) {
      char c[24]; /* room for any int: quiets -Wformat-truncation */
      snprintf(c, sizeof c, "modifier%d", i);
      const char *v = imp_text(m, r, c, false, 2);
      if (v) mods[nm++] = v;
    }
  }
  for (size_t i = 0; i < nm && i < 4; i++) {
    char *v = upper(cc_arena_strdup(m->a, cc_slice_cstr(mods[i])));
    if (!v || strlen(v) != 2 || !all(v, isalnum))
      imp_bad(m, r, imp_has(r, "modifiers") ? "modifiers" : "modifier1",
              "not a modifier", "'%s': modifiers are 2 characters", mods[i]);
    l->modifiers[i] = v;
  }
  const char *u = imp_text(m, r, "units", false, 12);
  l->units_milli = 1000;
  if (u && !parse_units(u, &l->units_milli))
    imp_bad(m, r, "units", "not a number of units",
            "'%s': a positive number with at most 3 decimals", u);
  static const char *const ub[] = {"UN", "MJ", "DA", "F2", "GR", "ML", "ME",
                                   NULL};
  l->unit_basis = pick(m, r, "unit_basis", false, "UN", ub, ub,
                       "UN (units) or MJ (minutes)");
  l->from_date = imp_date(m, r, "from_date", false);
  l->to_date = imp_date(m, r, "to_date", false);
  if (json_line) {
    l->place_of_service = pos_code(m, r, "place_of_service", false);
    l->rendering_provider_id = provider_ref(m, r, "rendering_npi");
  }
  imp_money(m, r, "charge", true, &l->charge_cents);
  const char *ptr[5] = {0};
  size_t np = imp_list(m, r, "dx_pointers", ptr, 4);
  if (np == 0 && ndx > 0) l->dx_ptr[0] = 1; /* the first diagnosis */
  for (size_t i = 0; i < np && i < 4; i++) {
    int64_t v = 0;
    uint64_t uv;
    if (cc_slice_to_u64(cc_slice_cstr(ptr[i]), &uv) == CC_OK) v = (int64_t)uv;
    if (v < 1 || v > 12)
      imp_bad(m, r, "dx_pointers", "not a diagnosis pointer",
              "'%s': pointers are 1 to 12", ptr[i]);
    else if (v > ndx)
      imp_bad(m, r, "dx_pointers", "points at no diagnosis",
              "pointer %lld, but the encounter has %d diagnos%s",
              (long long)v, ndx, ndx == 1 ? "is" : "es");
    l->dx_ptr[i] = (int)v;
  }
  if (ndx == 0)
    imp_bad(m, r, "dx_pointers", "no diagnosis to point at",
            "give the encounter's diagnoses (diagnoses or dx1..dx12)");
  const char *rev = imp_text(m, r, "revenue_code", false, 4);
  if (rev && (strlen(rev) != 4 || !all(rev, isdigit)))
    imp_bad(m, r, "revenue_code", "not a revenue code", "'%s': 4 digits", rev);
  l->revenue_code = rev;
  const char *ndc = imp_text(m, r, "ndc", false, 13);
  if (ndc) {
    l->ndc = digits_only(m, ndc);
    if (!l->ndc || strlen(l->ndc) != 11)
      imp_bad(m, r, "ndc", "not an NDC", "'%s': 11 digits (5-4-2)", ndc);
  }
}

static void encounter_row(imp *m, const imp_src *r) {
  const char *ext = imp_text(m, r, "encounter_id", true, 38);
  if (!ext) return;
  enc_group *g = group_for(m, ext);
  if (!g) {
    m->fatal = CC_E_NOMEM;
    return;
  }
  bool first = g->first_row == m->row && g->n_lines == 0 && !g->patient;
  /* Diagnoses: a list, or dx1..dx12. */
  const char *dx[13] = {0};
  size_t ndx = 0;
  if (imp_has(r, "diagnoses")) {
    ndx = imp_list(m, r, "diagnoses", dx, 12);
  } else {
    for (int i = 1; i <= 12; i++) {
      char c[16]; /* room for any int */
      snprintf(c, sizeof c, "dx%d", i);
      const char *v = imp_text(m, r, c, false, 8);
      if (v) {
        if (ndx != (size_t)i - 1)
          imp_bad(m, r, c, "gap in diagnoses", "dx%zu is empty", ndx + 1);
        dx[ndx++] = v;
      }
    }
  }
  char joined[128] = "";
  for (size_t i = 0; i < ndx && i < 12; i++) {
    const char *c = icd10(m, r, imp_has(r, "diagnoses") ? "diagnoses" : "dx1",
                          dx[i]);
    dx[i] = c;
    for (size_t j = 0; c && j < i; j++)
      if (dx[j] && strcmp(dx[j], c) == 0)
        imp_bad(m, r, "diagnoses", "diagnosis given twice", "%s", c);
    if (c) {
      strncat(joined, c, sizeof joined - strlen(joined) - 2);
      strcat(joined, " ");
    }
  }
  const char *acct = imp_text(m, r, "patient", first, 38);
  const char *sd = imp_date(m, r, "service_date", first);
  const char *pos = pos_code(m, r, "place_of_service", first);
  if (first) {
    g->patient = acct ? acct : "";
    g->service_date = sd;
    g->pos = pos;
    g->dx_joined = cc_arena_strdup(m->a, cc_slice_cstr(joined));
    g->rec.patient_id = ref(m, r, "patient", acct, cc_store_find_patient,
                            "patient with account number",
                            "import patients first");
    g->rec.service_date = sd;
    g->rec.place_of_service = pos;
    for (size_t i = 0; i < ndx && i < 12; i++) g->rec.diagnoses[i] = dx[i];
    g->rec.billing_provider_id = provider_ref(m, r, "billing_npi");
    g->rec.rendering_provider_id = provider_ref(m, r, "rendering_npi");
    g->rec.referring_provider_id = provider_ref(m, r, "referring_npi");
    const char *au = imp_text(m, r, "authorization", false, 50);
    if (au && g->rec.patient_id) {
      cc_code rc = cc_store_find_auth(m->s, g->rec.patient_id, au,
                                      &g->rec.authorization_id);
      if (rc == CC_E_NOTFOUND)
        imp_bad(m, r, "authorization", "not found",
                "the patient has no authorization or referral '%s'; import "
                "authorizations first", au);
    }
  } else {
    /* Later rows of the same encounter may repeat its values, not change
     * them. */
    const char *why = "differs from the encounter's first row";
    if (acct && strcmp(acct, g->patient) != 0)
      imp_bad(m, r, "patient", why, "row %u says %s", g->first_row, g->patient);
    if (sd && g->service_date && strcmp(sd, g->service_date) != 0)
      imp_bad(m, r, "service_date", why, "row %u says %s", g->first_row,
              g->service_date);
    if (pos && g->pos && strcmp(pos, g->pos) != 0)
      imp_bad(m, r, "place_of_service", why, "row %u says %s", g->first_row,
              g->pos);
    if (ndx && strcmp(joined, g->dx_joined) != 0)
      imp_bad(m, r, imp_has(r, "diagnoses") ? "diagnoses" : "dx1", why,
              "row %u has other diagnoses", g->first_row);
  }
  int gdx = 0;
  while (gdx < 12 && g->rec.diagnoses[gdx]) gdx++;
  if (first && ndx) gdx = (int)(ndx > 12 ? 12 : ndx);
  const cc_json *lines = imp_json(r, "lines");
  if (lines) {
    if (lines->type != CC_JSON_ARRAY || lines->n == 0) {
      imp_bad(m, r, "lines", "must be a non-empty list", NULL);
    } else {
      for (size_t i = 0; i < lines->n; i++) {
        imp_src lr = {NULL, NULL, 0, lines->kids[i],
                      cc_arena_printf(m->a, "lines[%zu].", i + 1)};
        if (lines->kids[i]->type != CC_JSON_OBJECT) {
          imp_bad(m, &lr, "", "must be an object", NULL);
          continue;
        }
        bool ok = true;
        for (size_t k = 0; k < lines->kids[i]->n; k++) {
          bool known = false;
          for (size_t c = 0; imp_line_cols[c]; c++)
            if (cc_slice_eq(lines->kids[i]->keys[k], imp_line_cols[c]))
              known = true;
          if (!known) {
            char kn[32];
            cc_slice_copy(lines->kids[i]->keys[k], kn, sizeof kn);
            imp_bad(m, &lr, kn, "unknown column", NULL);
            ok = false;
          }
        }
        if (ok) line_from(m, &lr, g, gdx, true);
      }
    }
    if (imp_has(r, "code"))
      imp_bad(m, r, "code", "line columns beside lines",
              "put each charge line in lines, not at the encounter level");
  } else {
    line_from(m, r, g, gdx, false);
  }
  if (m->row_bad) g->bad = true;
}

static void encounter_finish(imp *m) {
  enc_state *st = m->kind_state;
  if (!st) return;
  for (size_t i = 0; i < st->n && !m->fatal; i++) {
    enc_group *g = &st->g[i];
    if (g->bad) continue;
    m->row = g->first_row;
    m->row_bad = false;
    imp_src none = {NULL, NULL, 0, NULL, ""};
    /* Numbers: as given, else next after the largest so far. */
    int next = 1;
    for (size_t k = 0; k < g->n_lines; k++) {
      cc_charge_rec *l = &g->lines[k];
      if (!l->line_no) l->line_no = next;
      next = l->line_no + 1;
      for (size_t j = 0; j < k; j++)
        if (g->lines[j].line_no == l->line_no) {
          m->row = g->line_rows[k];
          imp_bad(m, &none, "line", "line number used twice",
                  "encounter %s line %d", g->rec.external_id, l->line_no);
        }
      if (!l->from_date) l->from_date = g->rec.service_date;
      if (!l->to_date) l->to_date = l->from_date;
      if (l->to_date && l->from_date && strcmp(l->to_date, l->from_date) < 0) {
        m->row = g->line_rows[k];
        imp_bad(m, &none, "to_date", "ends before it starts", "%s is before %s",
                l->to_date, l->from_date);
      }
      if (!l->rendering_provider_id)
        l->rendering_provider_id = g->rec.rendering_provider_id;
    }
    if (m->row_bad) continue;
    g->rec.lines = g->lines;
    g->rec.n_lines = g->n_lines;
    int64_t id;
    bool created;
    cc_err e;
    cc_err_clear(&e);
    m->row = g->first_row;
    cc_code rc_ = cc_store_encounter_put(m->s, &g->rec, &id, &created, &e);
  stored(m, &none, "encounter_id", rc_, created, &e);
  }
}

const imp_kind imp_kinds[] = {
    {"patients", patient_cols, patient_row, NULL},
    {"coverages", coverage_cols, coverage_row, NULL},
    {"payers", payer_cols, payer_row, NULL},
    {"providers", provider_cols, provider_row, NULL},
    {"authorizations", auth_cols, auth_row, NULL},
    {"encounters", encounter_cols, encounter_row, encounter_finish},
};
