/* import_837.c - `import claims FILE.837`: every claim of an 837P/837I file
 * becomes payer, providers, patient, coverage, encounter and claim, each
 * found or created by the practice's natural keys, in one transaction. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/claims.h"
#include "import_int.h"
#include "store/store_import_837.h"

/* Distinct rows touched, so that a patient on 400 claims counts once. */
enum { K_PATIENT, K_COVERAGE, K_PAYER, K_PROVIDER };

typedef struct idset {
  uint64_t *v; /* open addressing; 0 is the empty slot */
  size_t cap, n;
} idset;

/* True when key was not in the set yet (and is now). */
static bool idset_add(idset *h, int64_t id, int kind) {
  uint64_t key = ((uint64_t)id << 2 | (uint64_t)kind) + 1;
  if ((h->n + 1) * 2 > h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 256;
    uint64_t *v = calloc(cap, sizeof *v);
    if (!v) return false; /* counts may then be low; nothing else depends */
    for (size_t i = 0; i < h->cap; i++)
      if (h->v[i])
        for (size_t j = (h->v[i] * 0x9E3779B97F4A7C15u) & (cap - 1);;
             j = (j + 1) & (cap - 1))
          if (!v[j]) {
            v[j] = h->v[i];
            break;
          }
    free(h->v);
    h->v = v;
    h->cap = cap;
  }
  for (size_t j = (key * 0x9E3779B97F4A7C15u) & (h->cap - 1);;
       j = (j + 1) & (h->cap - 1)) {
    if (h->v[j] == key) return false;
    if (!h->v[j]) {
      h->v[j] = key;
      h->n++;
      return true;
    }
  }
}

typedef struct imp837 {
  cc_store *s;
  const char *file;
  const char *p; /* the file's bytes, kept with the lineage */
  size_t n;
  cc_import_note_fn fn;
  void *ctx;
  cc_import_claims_result *res;
  cc_err *err;
  cc_code fatal; /* a database failure stops the import */
  cc_arena *a;   /* one claim's work, reset per claim */
  idset seen;
  int64_t file_id;
} imp837;

static void note(imp837 *m, bool rejects, cc_claim_loc loc, uint16_t elem,
                 const char *msg, const char *fmt, ...) CC_PRINTF(6, 7);
static void note(imp837 *m, bool rejects, cc_claim_loc loc, uint16_t elem,
                 const char *msg, const char *fmt, ...) {
  cc_err e;
  cc_err_clear(&e);
  e.code = rejects ? CC_E_INVALID : CC_OK;
  e.msg = msg;
  e.file = m->file;
  e.seg_pos = loc.seg;
  e.elem_pos = loc.seg ? elem : 0;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e.detail, sizeof e.detail, fmt, ap);
  va_end(ap);
  if (rejects) m->res->errors++;
  else m->res->warnings++;
  if (m->fn) m->fn(m->ctx, &e, rejects);
}

static bool digits(const char *s, size_t n) {
  if (strlen(s) != n) return false;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

static const char *iso(imp837 *m, cc_day d) {
  if (!d) return NULL;
  char *b = cc_arena_alloc(m->a, 11);
  return b ? cc_date_iso(d, b) : NULL;
}

static const char *nz(const char *s) { return s && *s ? s : NULL; }

/* The line's first date of service: its DTP*472, else (837I) the
 * statement period's start. */
static cc_day line_from(const cc_claim *c, const cc_claim_line *l) {
  return l->from ? l->from : c->stmt_from;
}

/* ---- placing a claim ------------------------------------------------------ */

/* The coverage's relationship for an SBR02 (patient to subscriber). */
static const char *relationship(const char *code) {
  static const struct { const char *code, *name; } map[] = {
      {"18", "self"},  {"01", "spouse"},   {"19", "child"},
      {"20", "employee"}, {"53", "life_partner"}, {"21", "unknown"},
      {"G8", "other"}};
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(code, map[i].code) == 0) return map[i].name;
  return "other";
}

/* SBR01 as the practice keeps it; NULL for the 4th to 11th payers (A-H)
 * and unknown (U), which the coverage table has no priority for. */
static const char *priority(char responsibility) {
  return responsibility == 'P'   ? "primary"
         : responsibility == 'S' ? "secondary"
         : responsibility == 'T' ? "tertiary"
                                 : NULL;
}

/* Everything without which a claim has no place in the database. Each
 * missing piece is reported; false when any was. */
static bool placeable(imp837 *m, const cc_claim *c) {
  uint32_t before = m->res->errors;
  cc_claim_loc clm = c->src.clm;
  const char *pcn = c->pcn[0] ? c->pcn : "(none)";
  if (!c->pcn[0])
    note(m, true, clm, 1, "no patient control number (CLM01)",
         "claim %u of the file: CLM01 is how payers' answers find the claim",
         c->src.claim_index);
  if (!c->payer.id[0])
    note(m, true, c->payer.loc.seg ? c->payer.loc : clm, 9,
         "no payer ID (2010BB NM109)",
         "claim %s: the payer cannot be found or created without the ID "
         "claims are routed on", pcn);
  if (!c->subscriber.name.id[0])
    note(m, true, c->subscriber.name.loc.seg ? c->subscriber.name.loc : clm,
         9, "no subscriber member ID (2010BA NM109)",
         "claim %s: the coverage cannot be placed without the member ID from "
         "the insurance card", pcn);
  if (!c->subscriber.name.last[0])
    note(m, true, c->subscriber.name.loc.seg ? c->subscriber.name.loc : clm,
         3, "no subscriber name (2010BA NM103)",
         "claim %s: the patient cannot be matched without a name", pcn);
  if (c->has_patient && !c->patient.name.last[0])
    note(m, true, c->patient.name.loc.seg ? c->patient.name.loc : clm, 3,
         "no patient name (2010CA NM103)",
         "claim %s: the patient cannot be matched without a name", pcn);
  if (!c->billing.id[0])
    note(m, true, c->billing.loc.seg ? c->billing.loc : clm, 9,
         "no billing provider NPI (2010AA NM109)",
         "claim %s: the billing provider is found by NPI; give NM108 XX and "
         "the 10-digit NPI", pcn);
  else if (!digits(c->billing.id, 10))
    note(m, true, c->billing.loc, 9, "billing provider NPI is not 10 digits",
         "claim %s: '%s' is not an NPI", pcn, c->billing.id);
  if (c->responsibility != 'P' && c->responsibility != 'S' &&
      c->responsibility != 'T')
    note(m, true, c->sbr_loc.seg ? c->sbr_loc : clm, 1,
         "payer responsibility is not primary, secondary or tertiary",
         "claim %s: SBR01 '%c'; the practice keeps coverages as primary (P), "
         "secondary (S) or tertiary (T)", pcn,
         c->responsibility ? c->responsibility : ' ');
  for (uint16_t i = 0; i < c->n_other; i++) {
    const cc_claim_other_payer *o = &c->other[i];
    if (!priority(o->responsibility)) continue; /* left off: save() says */
    if (!o->payer.id[0])
      note(m, true, o->payer.loc.seg ? o->payer.loc : o->loc, 9,
           "no other payer ID (2330B NM109)",
           "claim %s, other payer %u: its coverage cannot be placed without "
           "the payer ID", pcn, i + 1u);
    if (!o->subscriber.id[0])
      note(m, true, o->subscriber.loc.seg ? o->subscriber.loc : o->loc, 9,
           "no other subscriber member ID (2330A NM109)",
           "claim %s, other payer %u: its coverage cannot be placed without "
           "the member ID", pcn, i + 1u);
    if (strcmp(relationship(o->relationship), "self") != 0 &&
        !o->subscriber.last[0])
      note(m, true, o->subscriber.loc.seg ? o->subscriber.loc : o->loc, 3,
           "no other subscriber name (2330A NM103)",
           "claim %s, other payer %u: SBR02 '%s' says the patient is not the "
           "subscriber, whose name the coverage keeps", pcn, i + 1u,
           o->relationship);
  }
  if (!digits(c->facility_code, 2))
    note(m, true, clm, 5,
         c->form == 'I' ? "no facility type code (CLM05-1)"
                        : "no place of service (CLM05-1)",
         "claim %s: '%s'; the visit is kept with its two-digit code", pcn,
         c->facility_code);
  if (c->total.cents < 0)
    note(m, true, clm, 2, "negative claim total (CLM02)", "claim %s", pcn);
  /* Lines point at diagnoses by number: dropping one would point them at
   * the wrong codes, and a diagnosis is kept only with its code. */
  for (uint16_t i = 0; i < c->n_dx; i++)
    if (!c->dx[i].code[0])
      note(m, true, c->dx[i].loc.seg ? c->dx[i].loc : clm, c->dx[i].loc.elem,
           "diagnosis without a code (HI)",
           "claim %s, diagnosis %u: qualifier '%s' and no code; lines point "
           "at diagnoses by number", pcn, i + 1u, c->dx[i].qual);
  if (!c->n_lines)
    note(m, true, clm, 0, "no service lines (loop 2400)",
         "claim %s: a claim without lines has no charges to import", pcn);
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    cc_claim_loc at = l->sv_loc.seg ? l->sv_loc : l->loc.seg ? l->loc : clm;
    if (!l->proc[0] && !l->revenue[0])
      note(m, true, at, 1, "service line has no procedure or revenue code",
           "claim %s, line %u", pcn, i + 1);
    if (l->charge.cents < 0)
      note(m, true, at, c->form == 'I' ? 3 : 2, "negative line charge",
           "claim %s, line %u", pcn, i + 1);
    cc_day from = line_from(c, l);
    if (!from)
      note(m, true, l->loc.seg ? l->loc : at, 0,
           "service line has no date of service (DTP*472)",
           "claim %s, line %u: the charge cannot be dated", pcn, i + 1);
    else if (l->to && l->to < from)
      note(m, true, l->date_loc.seg ? l->date_loc : at, 3,
           "service dates end before they start (DTP*472)",
           "claim %s, line %u", pcn, i + 1);
  }
  return m->res->errors == before;
}

/* A provider by NPI, created from the file when new. 0 when the NPI cannot
 * be used (reported). */
static int64_t provider(imp837 *m, const cc_claim *c, char entity,
                        const char *last, const char *first,
                        const char *middle, const char *suffix,
                        const char *npi, const char *taxonomy,
                        const cc_claim_party *addr, cc_claim_loc loc,
                        const char *role) {
  if (!npi[0]) return 0;
  if (!digits(npi, 10)) {
    note(m, false, loc, 9, "provider NPI is not 10 digits; provider left off",
         "claim %s: %s '%s'", c->pcn, role, npi);
    return 0;
  }
  int64_t id = 0;
  cc_code rc = cc_store_find_provider(m->s, npi, &id);
  bool made = false;
  if (rc == CC_E_NOTFOUND) {
    cc_provider_rec r = {0};
    r.npi = npi;
    r.kind = entity == '2' ? "organization" : "individual";
    r.last_name = last[0] ? last : npi;
    if (entity != '2') {
      r.first_name = nz(first);
      r.middle_name = nz(middle);
      r.suffix = nz(suffix);
    }
    r.taxonomy = strlen(taxonomy) == 10 ? taxonomy : NULL;
    if (addr) {
      char *tin = cc_arena_alloc(m->a, 10);
      size_t k = 0;
      for (const char *q = addr->tax_id; *q && tin; q++)
        if (*q >= '0' && *q <= '9' && k < 9) tin[k++] = *q;
        else if (*q != '-') k = 10; /* not an EIN or SSN: leave it off */
      if (tin && k == 9) {
        tin[9] = 0;
        r.tax_id = tin;
      }
      r.address1 = nz(addr->addr1);
      r.address2 = nz(addr->addr2);
      r.city = nz(addr->city);
      r.state = nz(addr->state);
      r.zip = nz(addr->zip);
    }
    if ((rc = cc_store_provider_put(m->s, &r, &id, &made, m->err))) {
      m->fatal = rc;
      return 0;
    }
    if (!last[0])
      note(m, false, loc, 3, "provider has no name in the file; kept under "
           "its NPI", "claim %s: %s %s", c->pcn, role, npi);
  } else if (rc) {
    m->fatal = cc_err_set(m->err, CC_E_DB, "cannot look up a provider",
                          "NPI %s", npi);
    return 0;
  }
  if (idset_add(&m->seen, id, K_PROVIDER)) {
    if (made) m->res->providers_created++;
    else m->res->providers_matched++;
    /* Imported as written: the scrubber's NPI check holds the claim until
     * the number is corrected, and the provider row is where to fix it. */
    if (!cc_npi_valid(cc_slice_cstr(npi)))
      note(m, false, loc, 9, "NPI fails its check digit; imported as written",
           "claim %s: %s NPI %s; correct it on the provider (the scrubber "
           "holds the claim until then)", c->pcn, role, npi);
  }
  return id;
}

static int64_t party_provider(imp837 *m, const cc_claim *c,
                              const cc_claim_party *p, const char *role) {
  return provider(m, c, p->entity, p->last, p->first, p->middle, p->suffix,
                  p->id, p->taxonomy, p, p->loc, role);
}

static const char *const filing_codes[] = {
    "11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS",
    "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ", NULL};

/* The payer named by p (2010BB, or 2330B of another payer), filed as
 * filing (its SBR09) on form; found by payer ID or created. */
static int64_t payer(imp837 *m, const cc_claim_party *p, const char *filing,
                     char form) {
  int64_t id = 0;
  cc_code rc = cc_store_find_payer(m->s, p->id, &id);
  bool made = false;
  if (rc == CC_E_NOTFOUND) {
    cc_payer_rec r = {0};
    r.payer_code = p->id;
    r.name = p->last[0] ? p->last : p->id;
    /* SBR09 says how claims to this payer are filed; ZZ (mutually
     * defined) when the file does not say or says something unknown. */
    r.filing_indicator = "ZZ";
    for (size_t i = 0; filing_codes[i]; i++)
      if (strcmp(filing, filing_codes[i]) == 0)
        r.filing_indicator = filing_codes[i];
    r.claim_form = form == 'I' ? "837I" : "837P";
    r.address1 = nz(p->addr1);
    r.address2 = nz(p->addr2);
    r.city = nz(p->city);
    r.state = nz(p->state);
    r.zip = nz(p->zip);
    if ((rc = cc_store_payer_put(m->s, &r, &id, &made, m->err))) {
      m->fatal = rc;
      return 0;
    }
  } else if (rc) {
    m->fatal = cc_err_set(m->err, CC_E_DB, "cannot look up a payer", "%s",
                          p->id);
    return 0;
  }
  if (idset_add(&m->seen, id, K_PAYER)) {
    if (made) m->res->payers_created++;
    else m->res->payers_matched++;
  }
  return id;
}

static const char *sex_text(char sex) {
  return sex == 'M' ? "M" : sex == 'F' ? "F" : sex == 'U' ? "U" : NULL;
}

static int64_t patient(imp837 *m, const cc_claim *c) {
  const cc_claim_person *p = c->has_patient ? &c->patient : &c->subscriber;
  const char *dob = iso(m, p->birth_date);
  int64_t id = 0;
  cc_code rc = store_import_find_patient(m->s, c->subscriber.name.id,
                                         p->name.last, p->name.first,
                                         dob ? dob : "", &id, m->err);
  bool made = false;
  if (rc == CC_E_NOTFOUND) {
    cc_patient_rec r = {0};
    r.last_name = p->name.last;
    r.first_name = nz(p->name.first);
    r.middle_name = nz(p->name.middle);
    r.suffix = nz(p->name.suffix);
    r.birth_date = dob;
    r.sex = sex_text(p->sex);
    r.address1 = nz(p->name.addr1);
    r.address2 = nz(p->name.addr2);
    r.city = nz(p->name.city);
    r.state = nz(p->name.state);
    r.zip = nz(p->name.zip);
    char acct[24];
    rc = store_import_add_patient(m->s, &r, &id, acct, sizeof acct, m->err);
    made = true;
  }
  if (rc) {
    m->fatal = rc;
    return 0;
  }
  if (idset_add(&m->seen, id, K_PATIENT)) {
    if (made) m->res->patients_created++;
    else m->res->patients_matched++;
  }
  return id;
}

/* The coverage r describes (effective_date: the first date of service),
 * found by (patient, payer, member ID) or created from r. */
static int64_t coverage_put(imp837 *m, const cc_coverage_rec *r) {
  int64_t id = 0;
  cc_code rc = store_import_find_coverage(m->s, r->patient_id, r->payer_id,
                                          r->member_id, &id, m->err);
  bool made = false;
  if (rc == CC_OK) {
    /* A claim dated before the coverage we made from an earlier claim
     * shows the coverage was in force then too. */
    rc = store_import_coverage_from(m->s, id, r->effective_date, m->err);
  } else if (rc == CC_E_NOTFOUND) {
    rc = cc_store_coverage_put(m->s, r, &id, &made, m->err);
  }
  if (rc) {
    m->fatal = rc;
    return 0;
  }
  if (idset_add(&m->seen, id, K_COVERAGE)) {
    if (made) m->res->coverages_created++;
    else m->res->coverages_matched++;
  }
  return id;
}

static int64_t coverage(imp837 *m, const cc_claim *c, int64_t patient_id,
                        int64_t payer_id, const char *first_date) {
  cc_coverage_rec r = {0};
  r.patient_id = patient_id;
  r.payer_id = payer_id;
  r.priority = priority(c->responsibility); /* P, S or T: placeable() */
  r.relationship = c->has_patient ? relationship(c->relationship) : "self";
  r.member_id = c->subscriber.name.id;
  r.group_number = nz(c->group_number);
  r.plan_name = nz(c->group_name);
  if (strcmp(r.relationship, "self") != 0) {
    const cc_claim_person *sb = &c->subscriber;
    r.subscriber_last_name = sb->name.last;
    r.subscriber_first_name = nz(sb->name.first);
    r.subscriber_birth_date = iso(m, sb->birth_date);
    r.subscriber_sex = sex_text(sb->sex);
    r.subscriber_address1 = nz(sb->name.addr1);
    r.subscriber_city = nz(sb->name.city);
    r.subscriber_state = nz(sb->name.state);
    r.subscriber_zip = nz(sb->name.zip);
  }
  /* An 837 does not say when the coverage began: the first date of
   * service billed to it is the earliest day it is known to be in
   * force. */
  r.effective_date = first_date;
  return coverage_put(m, &r);
}

/* The coverages of the other payers the claim names (2320/2330A/2330B),
 * so that the patient's secondary or tertiary claim can be billed. The
 * other payer covered the patient on the claim's dates as well. */
static void other_coverages(imp837 *m, const cc_claim *c, int64_t patient_id,
                            const char *first_date) {
  for (uint16_t i = 0; i < c->n_other && !m->fatal; i++) {
    const cc_claim_other_payer *o = &c->other[i];
    cc_coverage_rec r = {0};
    r.priority = priority(o->responsibility);
    if (!r.priority) {
      note(m, false, o->loc, 1, "other payer's coverage left off: not "
           "primary, secondary or tertiary",
           "claim %s: SBR01 '%c' for payer %s; the practice keeps coverages "
           "as primary (P), secondary (S) or tertiary (T)", c->pcn,
           o->responsibility ? o->responsibility : ' ', o->payer.id);
      continue;
    }
    r.payer_id = payer(m, &o->payer, o->filing_indicator, c->form);
    if (m->fatal) return;
    r.patient_id = patient_id;
    r.relationship = relationship(o->relationship);
    r.member_id = o->subscriber.id;
    r.group_number = nz(o->group_number);
    r.plan_name = nz(o->group_name);
    if (strcmp(r.relationship, "self") != 0) {
      /* 2330A carries the other subscriber's name and address only. */
      r.subscriber_last_name = o->subscriber.last;
      r.subscriber_first_name = nz(o->subscriber.first);
      r.subscriber_address1 = nz(o->subscriber.addr1);
      r.subscriber_city = nz(o->subscriber.city);
      r.subscriber_state = nz(o->subscriber.state);
      r.subscriber_zip = nz(o->subscriber.zip);
    }
    r.effective_date = first_date;
    coverage_put(m, &r);
  }
}

/* The CLM01 seen before: skip (same payer) or refuse (another payer).
 * True when the claim is new. */
static bool is_new(imp837 *m, const cc_claim *c) {
  int64_t id;
  char code[81];
  cc_code rc = store_import_find_claim(m->s, c->pcn, &id, code, sizeof code,
                                       m->err);
  if (rc == CC_E_NOTFOUND) return true;
  if (rc) {
    m->fatal = rc;
    return false;
  }
  if (strcmp(code, c->payer.id) == 0) {
    m->res->skipped++;
    note(m, false, c->src.clm, 1, "claim already imported, skipped",
         "CLM01 %s to payer %s is claim %lld in the database", c->pcn,
         c->payer.id, (long long)id);
  } else {
    note(m, true, c->src.clm, 1, "CLM01 already used for another payer",
         "CLM01 %s is claim %lld to payer %s; a claim to payer %s needs its "
         "own patient control number", c->pcn, (long long)id, code,
         c->payer.id);
  }
  return false;
}

static void save(imp837 *m, const cc_claim *c, size_t n_probs) {
  int64_t payer_id = payer(m, &c->payer, c->filing_indicator, c->form);
  if (m->fatal) return;
  int64_t billing = party_provider(m, c, &c->billing, "billing provider");
  /* 837I names the attending physician (2310A); a rendering one (2310D)
   * only when different. Stored claims carry one: rendering. */
  const cc_claim_party *rend =
      c->rendering.id[0] ? &c->rendering
      : c->form == 'I' && c->attending.id[0] ? &c->attending : NULL;
  int64_t rendering = rend ? party_provider(m, c, rend, "rendering "
                                            "provider") : 0;
  int64_t referring = c->referring.id[0]
                          ? party_provider(m, c, &c->referring,
                                           "referring provider")
                          : 0;
  if (m->fatal) return;
  cc_encounter_rec e = {0};
  e.service_date = iso(m, cc_claims_first_date(c) ? cc_claims_first_date(c)
                                                  : c->stmt_from);
  int64_t patient_id = patient(m, c);
  if (m->fatal) return;
  int64_t coverage_id = coverage(m, c, patient_id, payer_id, e.service_date);
  if (m->fatal) return;
  other_coverages(m, c, patient_id, e.service_date);
  if (m->fatal) return;
  if (c->n_dx > 12)
    note(m, false, c->dx[12].loc, c->dx[12].loc.elem,
         "more than 12 diagnoses; the first 12 are kept",
         "claim %s has %u", c->pcn, c->n_dx);
  e.external_id = cc_arena_printf(m->a, "837:%s:%s", c->payer.id, c->pcn);
  e.place_of_service = c->facility_code;
  e.patient_id = patient_id;
  e.billing_provider_id = billing;
  e.rendering_provider_id = rendering;
  e.referring_provider_id = referring;
  for (uint16_t i = 0; i < c->n_dx && i < 12; i++) e.diagnoses[i] = c->dx[i].code;
  cc_charge_rec *lines = cc_arena_alloc(m->a, c->n_lines * sizeof *lines);
  int64_t *ids = cc_arena_alloc(m->a, c->n_lines * sizeof *ids);
  if (!lines || !ids) {
    m->fatal = cc_err_set(m->err, CC_E_NOMEM, "out of memory", NULL);
    return;
  }
  static const char *const bases[] = {"UN", "MJ", "DA", "F2", "GR", "ML",
                                      "ME", NULL};
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    cc_charge_rec *r = &lines[i];
    memset(r, 0, sizeof *r);
    /* Numbered in file order, as the claim's own lines are saved. */
    r->line_no = (int)i + 1;
    r->code = l->proc[0] ? l->proc : l->revenue;
    for (int k = 0; k < 4; k++) r->modifiers[k] = nz(l->mod[k]);
    r->units_milli = l->units_milli > 0 ? l->units_milli : 1000;
    r->unit_basis = "UN";
    for (size_t k = 0; bases[k]; k++)
      if (strcmp(l->unit_basis, bases[k]) == 0) r->unit_basis = bases[k];
    r->place_of_service = digits(l->pos, 2) ? l->pos : NULL;
    r->from_date = iso(m, line_from(c, l));
    r->to_date = iso(m, l->to ? l->to : line_from(c, l));
    r->rendering_provider_id =
        l->rendering.id[0]
            ? provider(m, c, l->rendering.entity, l->rendering.last,
                       l->rendering.first, "", "", l->rendering.id,
                       l->rendering.taxonomy, NULL, l->rendering.loc,
                       "line rendering provider")
            : rendering;
    if (m->fatal) return;
    r->charge_cents = l->charge.cents;
    /* A charge line needs its first pointer: an 837I line has none (the
     * principal diagnosis applies) and an 837P line without one keeps
     * that gap on the claim line, where the scrubber reports it. */
    for (int k = 0; k < 4; k++) r->dx_ptr[k] = l->dx_ptr[k] <= 12 ? l->dx_ptr[k] : 0;
    if (!r->dx_ptr[0]) r->dx_ptr[0] = 1;
    r->revenue_code = nz(l->revenue);
    r->ndc = nz(l->ndc);
  }
  e.lines = lines;
  e.n_lines = c->n_lines;
  int64_t enc = 0;
  bool made;
  cc_code rc = cc_store_encounter_put(m->s, &e, &enc, &made, m->err);
  if (rc == CC_E_EXISTS) {
    note(m, true, c->src.clm, 1, "visit already billed on another claim",
         "claim %s: encounter %s has a claim with another CLM01", c->pcn,
         e.external_id);
    return;
  }
  if (rc || (rc = store_import_charge_ids(m->s, enc, ids, c->n_lines,
                                          m->err))) {
    m->fatal = rc;
    return;
  }
  cc_claim *k = cc_claims_copy(c, m->a);
  if (!k) {
    m->fatal = cc_err_set(m->err, CC_E_NOMEM, "out of memory", NULL);
    return;
  }
  k->id = 0;
  k->patient_id = patient_id;
  k->payer_id = payer_id;
  k->coverage_id = coverage_id;
  k->billing_provider_id = billing;
  k->encounter_id = enc;
  if (rend && rend != &c->rendering) k->rendering = *rend;
  snprintf(k->status, sizeof k->status, "built");
  for (uint32_t i = 0; i < k->n_lines; i++) {
    k->lines[i].charge_line_id = ids[i];
    if (!k->lines[i].from) k->lines[i].from = line_from(c, &c->lines[i]);
  }
  if (!m->file_id &&
      (rc = store_import_file_add(m->s, m->file, c->form == 'I' ? "837I"
                                                                : "837P",
                                  c->src.isa_control, c->src.gs_control,
                                  c->src.st_control, c->src.version, m->p,
                                  m->n, &m->file_id, m->err))) {
    m->fatal = rc;
    return;
  }
  const char *detail = cc_arena_printf(
      m->a, "imported from %s (x12_file %lld, ISA13 %s, GS06 %s, ST02 %s), "
      "CLM segment %u, claim %u of the file", m->file, (long long)m->file_id,
      c->src.isa_control, c->src.gs_control, c->src.st_control,
      c->src.clm.seg, c->src.claim_index);
  int64_t id;
  if ((rc = store_import_claim_save(m->s, k, detail, &id, m->err))) {
    m->fatal = rc;
    return;
  }
  m->res->imported++;
  m->res->encounters++;
  m->res->lines += c->n_lines;
  if (n_probs) m->res->with_problems++;
}

static int on_claim(void *ctx, const cc_claim *c,
                    const cc_claim_problem *probs, size_t n_probs) {
  (void)probs;
  imp837 *m = ctx;
  m->res->claims++;
  if (!m->res->form[0])
    snprintf(m->res->form, sizeof m->res->form, "%s",
             c->form == 'I' ? "837I" : "837P");
  cc_arena_reset(m->a);
  /* After a rejection the rest is still checked, so that every problem
   * of the file is reported at once; it is all rolled back. */
  if (placeable(m, c) && is_new(m, c) && !m->fatal) save(m, c, n_probs);
  if (cc_arena_failed(m->a) && !m->fatal)
    m->fatal = cc_err_set(m->err, CC_E_NOMEM, "out of memory", NULL);
  return m->fatal ? 1 : 0;
}

cc_code cc_import_claims_mem(cc_store *s, const char *p, size_t n,
                             const char *name, cc_import_note_fn fn,
                             void *ctx, cc_import_claims_result *res,
                             cc_err *err) {
  cc_import_claims_result dummy;
  if (!res) res = &dummy;
  memset(res, 0, sizeof *res);
  imp837 m = {0};
  m.s = s;
  m.file = name;
  m.p = p;
  m.n = n;
  m.fn = fn;
  m.ctx = ctx;
  m.res = res;
  m.err = err;
  m.a = cc_arena_new(0);
  if (!m.a) return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  cc_code rc = cc_store_begin(s, err);
  if (rc) {
    cc_arena_free(m.a);
    return rc;
  }
  cc_claims_stats st;
  cc_err pe;
  cc_err_clear(&pe);
  cc_code prc = cc_claims_parse_mem(p, n, name, on_claim, &m, &st, &pe);
  bool syntax = false;
  if (prc && !m.fatal) {
    /* Bytes that are not X12: the file cannot be trusted past them. */
    if (!pe.file) pe.file = name;
    res->errors++;
    if (fn) fn(ctx, &pe, true);
    syntax = true;
  } else if (!m.fatal && res->claims == 0) {
    cc_err e;
    cc_err_clear(&e);
    if (st.skipped_sets)
      cc_err_set(&e, CC_E_INVALID, "not an 837P or 837I claim file",
                 "its %u transaction set%s not professional (005010X222) "
                 "or institutional (005010X223) claims", st.skipped_sets,
                 st.skipped_sets == 1 ? " is" : "s are");
    else
      cc_err_set(&e, CC_E_INVALID, "not an 837P or 837I claim file",
                 "no claims (CLM) in the file");
    e.file = name;
    res->errors++;
    if (fn) fn(ctx, &e, true);
  }
  rc = m.fatal ? m.fatal : syntax ? CC_E_SYNTAX : res->errors ? CC_E_INVALID
                                                             : CC_OK;
  if (rc) {
    cc_store_rollback(s);
    uint32_t claims = res->claims, errors = res->errors,
             warnings = res->warnings;
    char form[5];
    memcpy(form, res->form, sizeof form);
    memset(res, 0, sizeof *res);
    res->claims = claims;
    res->errors = errors;
    res->warnings = warnings;
    memcpy(res->form, form, sizeof form);
  } else if ((rc = cc_store_commit(s, err))) {
    cc_store_rollback(s);
  }
  free(m.seen.v);
  cc_arena_free(m.a);
  return rc;
}

cc_code cc_import_claims_file(cc_store *s, const char *path,
                              cc_import_note_fn fn, void *ctx,
                              cc_import_claims_result *res, cc_err *err) {
  cc_buf b;
  cc_code rc = imp_read_file(path, "cannot open the claim file",
                             "cannot read the claim file", &b, err);
  if (rc) return rc;
  rc = cc_import_claims_mem(s, b.p ? b.p : "", b.n, path, fn, ctx, res, err);
  cc_buf_free(&b);
  return rc;
}
