/* rule_npi_invalid.c - NPI_INVALID: every NPI on the claim (billing,
 * rendering on the claim and on lines, referring, service facility,
 * supervising) must be ten digits with a valid check digit; a payer rejects
 * the claim otherwise. The billing provider must have one. */
#include <string.h>

#include "scrub_int.h"

static void check(scrub_ctx *x, const char *npi, const char *who,
                  const char *loop, uint32_t line, cc_claim_loc loc,
                  bool required) {
  if (!npi[0]) {
    if (!required) return;
    scrub_fix(x, "enter the %s's 10-digit NPI (loop %s, NM109 with NM108 XX)",
              who, loop);
    scrub_src(x, "ASC X12 837 implementation guide, loop %s", loop);
    scrub_emit(x, "NPI_INVALID", line, CC_SEV_ERROR, loc, "the %s has no NPI", who);
    return;
  }
  if (cc_npi_valid(cc_slice_cstr(npi))) return;
  size_t n = strlen(npi);
  bool digits = n == 10 && strspn(npi, "0123456789") == 10;
  scrub_fix(x, "check the %s's NPI against NPPES (npiregistry.cms.hhs.gov) and "
               "correct it in loop %s", who, loop);
  scrub_src(x, "CMS NPI standard: 10 digits, the last a Luhn (ISO/IEC 7812) "
               "check digit over 80840 and the first nine");
  if (!digits)
    scrub_emit(x, "NPI_INVALID", line, CC_SEV_ERROR, loc,
               "the %s NPI %s is not 10 digits", who, npi);
  else
    scrub_emit(x, "NPI_INVALID", line, CC_SEV_ERROR, loc,
               "the %s NPI %s fails its check digit (expected %d in the last place)",
               who, npi, cc_npi_check_digit((cc_slice){npi, 9}));
}

/* Only NPIs: a party sent with another ID qualifier carries no NPI. */
static const char *npi_of(const cc_claim_party *p) {
  if (!p->entity && !p->id[0]) return "";
  if (p->id_qual[0] && strcmp(p->id_qual, "XX") != 0) return "";
  return p->id;
}

void scrub_rule_npi_invalid(scrub_ctx *x) {
  const cc_claim *c = x->c;
  bool inst = c->form == 'I';
  check(x, npi_of(&c->billing), "billing provider", "2010AA", 0, c->billing.loc, true);
  check(x, npi_of(&c->rendering), "rendering provider", inst ? "2310D" : "2310B", 0,
        c->rendering.loc, false);
  check(x, npi_of(&c->referring), "referring provider", inst ? "2310F" : "2310A", 0,
        c->referring.loc, false);
  check(x, npi_of(&c->facility), "service facility", inst ? "2310E" : "2310C", 0,
        c->facility.loc, false);
  check(x, npi_of(&c->supervising), "supervising provider", "2310D", 0,
        c->supervising.loc, false);
  if (inst) {
    check(x, npi_of(&c->attending), "attending provider", "2310A", 0, c->attending.loc, false);
    check(x, npi_of(&c->operating), "operating provider", "2310B", 0, c->operating.loc, false);
  }
  for (uint32_t i = 0; i < c->n_lines; i++)
    check(x, c->lines[i].rendering.id, "line rendering provider", inst ? "2420C" : "2420A",
          scrub_line_no(c, i), c->lines[i].rendering.loc, false);
}
