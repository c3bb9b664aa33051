/* elig_270.c - the eligibility inquiry (270, 005010X279A1): one patient's
 * coverage in force on a date, asked of its payer for health benefit plan
 * coverage (EQ 30). */
#include <string.h>

#include "elig_int.h"

#define END ((const char *)-1)

/* TRN03: "1" + the practice's EIN is the TR3's originating company id;
 * without an EIN, "9" + the first nine digits of its NPI. */
static const char *originator(const store_practice *pr, char *buf) {
  if (pr->tax_id && strlen(pr->tax_id) == 9)
    snprintf(buf, 11, "1%s", pr->tax_id);
  else if (pr->npi && strlen(pr->npi) == 10)
    snprintf(buf, 11, "9%.9s", pr->npi);
  else
    snprintf(buf, 11, "9999999999");
  return buf;
}

static const char *sex_code(const char *s) {
  return s && (s[0] == 'M' || s[0] == 'F' || s[0] == 'U') ? s : NULL;
}

cc_code cc_elig_request(cc_store *s, const char *account_no, cc_day date,
                        const char *path, cc_buf *out, cc_err *err) {
  if (!date) date = cc_date_today();
  char iso[11], d8[9], dob[9], today[9], trace[40], orig[11];
  cc_date_iso(date, iso);
  cc_date_d8(date, d8);
  cc_date_d8(cc_date_today(), today);
  cc_arena *a = cc_arena_new(0);
  if (!a) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  size_t start = out->n;
  store_elig_who who;
  elig_out o;
  cc_code rc = cc_store_begin(s, err);
  if (rc) goto done;
  if ((rc = store_elig_who_get(s, account_no, iso, "primary", a, &who, err)) ||
      (rc = elig_open(s, a, &o, out, "HS", "270", "005010X279A1", err)))
    goto fail;
  if (!o.pr.npi || !o.pr.name) {
    rc = cc_err_set(err, CC_E_INVALID, "practice settings incomplete",
                    "the 270 names the practice as information receiver: set "
                    "its name and NPI");
    goto fail;
  }
  bool self = !who.relationship || strcmp(who.relationship, "self") == 0;
  /* Our trace names the coverage, so the 271 that echoes it (TRN*2) finds
   * it again without guessing from names. */
  snprintf(trace, sizeof trace, "CC%lld-%s", (long long)who.coverage_id,
           o.st);
  originator(&o.pr, orig);
  char bht[16];
  snprintf(bht, sizeof bht, "CC%s", o.st);
  elig_seg(&o, "BHT", "0022", "13", bht, today, "1200", END);
  elig_seg(&o, "HL", "1", NULL, "20", "1", END);
  elig_seg(&o, "NM1", "PR", "2", who.payer_name, NULL, NULL, NULL, NULL, "PI",
           who.payer_code, END);
  elig_seg(&o, "HL", "2", "1", "21", "1", END);
  elig_seg(&o, "NM1", "1P", "2", o.pr.name, NULL, NULL, NULL, NULL, "XX",
           o.pr.npi, END);
  elig_seg(&o, "HL", "3", "2", "22", self ? "0" : "1", END);
  if (self) elig_seg(&o, "TRN", "1", trace, orig, END);
  elig_seg(&o, "NM1", "IL", "1", self ? who.last : who.sub_last,
           self ? who.first : who.sub_first, NULL, NULL, NULL, "MI",
           who.member_id, END);
  const char *sub_dob = self ? who.birth_date : who.sub_birth_date;
  if (sub_dob && *elig_iso_d8(sub_dob, dob))
    elig_seg(&o, "DMG", "D8", dob, sex_code(self ? who.sex : who.sub_sex),
             END);
  if (self) {
    elig_seg(&o, "DTP", "291", "D8", d8, END);
    elig_seg(&o, "EQ", "30", END);
  } else {
    elig_seg(&o, "HL", "4", "3", "23", "0", END);
    elig_seg(&o, "TRN", "1", trace, orig, END);
    elig_seg(&o, "NM1", "03", "1", who.last, who.first, END);
    if (*elig_iso_d8(who.birth_date, dob))
      elig_seg(&o, "DMG", "D8", dob, sex_code(who.sex), END);
    elig_seg(&o, "DTP", "291", "D8", d8, END);
    elig_seg(&o, "EQ", "30", END);
  }
  if ((rc = o.w.rc) || (rc = elig_close(s, &o, start, "270", path, err)))
    goto fail;
  rc = cc_store_commit(s, err);
  if (!rc) goto done;
fail:
  cc_store_rollback(s);
  out->n = start;
  if (out->p) out->p[start] = 0;
done:
  cc_arena_free(a);
  return rc;
}
