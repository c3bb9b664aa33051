/* payersim_profile.c - payer profiles from JSON: fee schedule, plans,
 * members and denial behaviour. Amounts are integer cents ("*_cents") so
 * that no amount passes through floating point. */
#include <stdlib.h>
#include <string.h>

#include "payersim_int.h"

typedef struct pctx {
  const char *name;
  cc_arena *a;
  cc_err *err;
} pctx;

static cc_code bad(pctx *c, const cc_json *v, const char *field,
                   const char *fmt, const char *what) {
  cc_code rc = cc_err_set(c->err, CC_E_INVALID,
                          "payer profile: invalid value", fmt, field, what);
  if (c->err) {
    c->err->file = c->name;
    c->err->line = v ? v->line : 0;
    snprintf(c->err->field, sizeof c->err->field, "%s", field);
  }
  return rc;
}

static cc_code get_str(pctx *c, const cc_json *o, const char *key, char *buf,
                       size_t cap, bool required) {
  const cc_json *v = cc_json_get(o, key);
  if (!v || v->type == CC_JSON_NULL) {
    buf[0] = '\0';
    if (required)
      return bad(c, o, key, "%s is required (%s)", "a string");
    return CC_OK;
  }
  if (v->type != CC_JSON_STRING)
    return bad(c, v, key, "%s must be %s", "a string");
  if (v->str.n >= cap)
    return bad(c, v, key, "%s is longer than the field allows (%s)",
               "shorten it");
  cc_slice_copy(v->str, buf, cap);
  return CC_OK;
}

/* Non-negative integers only: cents, days, percentages. */
static cc_code get_int(pctx *c, const cc_json *o, const char *key,
                       int64_t *out, int64_t dflt, int64_t max) {
  const cc_json *v = cc_json_get(o, key);
  if (!v || v->type == CC_JSON_NULL) {
    *out = dflt;
    return CC_OK;
  }
  uint64_t u;
  if (v->type != CC_JSON_NUMBER || cc_slice_to_u64(v->str, &u) != CC_OK ||
      u > (uint64_t)max)
    return bad(c, v, key, "%s must be %s", "a whole number in range "
                                           "(amounts in cents, no decimals)");
  *out = (int64_t)u;
  return CC_OK;
}

static cc_code get_date(pctx *c, const cc_json *o, const char *key,
                        cc_day *out) {
  char b[16];
  cc_code rc = get_str(c, o, key, b, sizeof b, false);
  if (rc) return rc;
  *out = 0;
  if (!b[0]) return CC_OK;
  if (cc_date_parse_iso(cc_slice_cstr(b), out) != CC_OK)
    return bad(c, cc_json_get(o, key), key, "%s must be %s", "YYYY-MM-DD");
  return CC_OK;
}

static cc_code get_bool(pctx *c, const cc_json *o, const char *key,
                        bool *out) {
  const cc_json *v = cc_json_get(o, key);
  *out = false;
  if (!v || v->type == CC_JSON_NULL || v->type == CC_JSON_FALSE)
    return CC_OK;
  if (v->type == CC_JSON_TRUE) {
    *out = true;
    return CC_OK;
  }
  return bad(c, v, key, "%s must be %s", "true or false");
}

/* An array member (absent = empty); *n receives its length. */
static cc_code get_arr(pctx *c, const cc_json *o, const char *key,
                       const cc_json **arr, size_t *n) {
  const cc_json *v = cc_json_get(o, key);
  *arr = NULL;
  *n = 0;
  if (!v || v->type == CC_JSON_NULL) return CC_OK;
  if (v->type != CC_JSON_ARRAY)
    return bad(c, v, key, "%s must be %s", "an array");
  *arr = v;
  *n = v->n;
  return CC_OK;
}

static void *alloc(pctx *c, size_t n) {
  if (!n) n = 1;
  void *p = cc_arena_alloc(c->a, n);
  if (p) memset(p, 0, n);
  return p;
}

static cc_code get_codes(pctx *c, const cc_json *o, const char *key,
                         char (**out)[49], size_t *n) {
  const cc_json *arr;
  cc_code rc = get_arr(c, o, key, &arr, n);
  if (rc || !*n) return rc;
  *out = alloc(c, *n * sizeof **out);
  if (!*out) return cc_err_set(c->err, CC_E_NOMEM, "out of memory", "%s", key);
  for (size_t i = 0; i < *n; i++) {
    const cc_json *v = arr->kids[i];
    if (v->type != CC_JSON_STRING || v->str.n == 0 || v->str.n >= 49)
      return bad(c, v, key, "%s must be %s", "a list of procedure codes");
    cc_slice_copy(v->str, (*out)[i], 49);
  }
  return CC_OK;
}

static cc_code need_obj(pctx *c, const cc_json *v, const char *key) {
  if (v->type != CC_JSON_OBJECT)
    return bad(c, v, key, "each entry of %s must be %s", "an object");
  return CC_OK;
}

static cc_code read_plan(pctx *c, const cc_json *o, ps_plan *pl) {
  cc_code rc;
  int64_t v;
  if ((rc = need_obj(c, o, "plans"))) return rc;
  if ((rc = get_str(c, o, "id", pl->id, sizeof pl->id, true))) return rc;
  if ((rc = get_int(c, o, "deductible_cents", &v, 0, INT64_MAX / 4)))
    return rc;
  pl->deductible = CC_MONEY(v);
  if ((rc = get_int(c, o, "oop_max_cents", &v, INT64_MAX / 4, INT64_MAX / 4)))
    return rc;
  pl->oop_max = CC_MONEY(v);
  if ((rc = get_int(c, o, "coinsurance_pct", &pl->coins_pct, 0, 100)))
    return rc;
  const cc_json *arr;
  if ((rc = get_arr(c, o, "copays", &arr, &pl->n_copays))) return rc;
  pl->copays = alloc(c, pl->n_copays * sizeof *pl->copays);
  for (size_t i = 0; pl->copays && i < pl->n_copays; i++) {
    const cc_json *e = arr->kids[i];
    if ((rc = need_obj(c, e, "copays"))) return rc;
    ps_copay *cp = &pl->copays[i];
    if ((rc = get_str(c, e, "code", cp->code, sizeof cp->code, true)))
      return rc;
    if ((rc = get_int(c, e, "cents", &v, 0, INT64_MAX / 4))) return rc;
    cp->amount = CC_MONEY(v);
  }
  return get_codes(c, o, "not_covered", &pl->not_covered, &pl->n_not_covered);
}

static cc_code read_member(pctx *c, const ps_profile *p, const cc_json *o,
                           ps_member *m) {
  cc_code rc;
  char plan[33];
  if ((rc = need_obj(c, o, "members"))) return rc;
  if ((rc = get_str(c, o, "id", m->id, sizeof m->id, true))) return rc;
  if ((rc = get_str(c, o, "last", m->last, sizeof m->last, false))) return rc;
  if ((rc = get_str(c, o, "first", m->first, sizeof m->first, false)))
    return rc;
  if ((rc = get_date(c, o, "birth_date", &m->birth))) return rc;
  if ((rc = get_date(c, o, "start", &m->start))) return rc;
  if ((rc = get_date(c, o, "end", &m->end))) return rc;
  if ((rc = get_bool(c, o, "other_coverage_primary", &m->other_primary)))
    return rc;
  if ((rc = get_str(c, o, "plan", plan, sizeof plan, true))) return rc;
  for (size_t i = 0; i < p->n_plans; i++)
    if (!strcmp(p->plans[i].id, plan)) m->plan = &p->plans[i];
  if (!m->plan)
    return bad(c, cc_json_get(o, "plan"), "plan",
               "%s names no plan of this profile (%s)",
               "add it to \"plans\"");
  const cc_json *arr;
  if ((rc = get_arr(c, o, "auths", &arr, &m->n_auths))) return rc;
  m->auths = alloc(c, m->n_auths * sizeof *m->auths);
  for (size_t i = 0; m->auths && i < m->n_auths; i++) {
    const cc_json *v = arr->kids[i];
    if (v->type != CC_JSON_STRING || v->str.n >= 51)
      return bad(c, v, "auths", "%s must be %s",
                 "a list of authorization numbers");
    cc_slice_copy(v->str, m->auths[i], 51);
  }
  return CC_OK;
}

static cc_code read_profile(pctx *c, const cc_json *root, ps_profile *p) {
  cc_code rc;
  if (root->type != CC_JSON_OBJECT)
    return bad(c, root, "(top)", "%s must be %s", "a JSON object");
  if ((rc = get_str(c, root, "payer_id", p->payer_id, sizeof p->payer_id,
                    true)))
    return rc;
  if ((rc = get_str(c, root, "name", p->name, sizeof p->name, true)))
    return rc;
  if ((rc = get_str(c, root, "tax_id", p->tax_id, sizeof p->tax_id, false)))
    return rc;
  if (!p->tax_id[0]) snprintf(p->tax_id, sizeof p->tax_id, "999999999");
  if (strlen(p->tax_id) != 9 || strspn(p->tax_id, "0123456789") != 9)
    return bad(c, cc_json_get(root, "tax_id"), "tax_id", "%s must be %s",
               "9 digits (the payer's EIN)");
  const cc_json *ad = cc_json_get(root, "address");
  if (ad && ad->type == CC_JSON_OBJECT) {
    if ((rc = get_str(c, ad, "line1", p->addr1, sizeof p->addr1, false)) ||
        (rc = get_str(c, ad, "city", p->city, sizeof p->city, false)) ||
        (rc = get_str(c, ad, "state", p->state, sizeof p->state, false)) ||
        (rc = get_str(c, ad, "zip", p->zip, sizeof p->zip, false)))
      return rc;
  }
  if (!p->addr1[0]) snprintf(p->addr1, sizeof p->addr1, "1 PAYER PLAZA");
  if (!p->city[0]) snprintf(p->city, sizeof p->city, "SPRINGFIELD");
  if (!p->state[0]) snprintf(p->state, sizeof p->state, "IL");
  if (!p->zip[0]) snprintf(p->zip, sizeof p->zip, "62701");
  if ((rc = get_str(c, root, "phone", p->phone, sizeof p->phone, false)))
    return rc;
  if (!p->phone[0]) snprintf(p->phone, sizeof p->phone, "8005550100");
  if ((rc = get_str(c, root, "claim_filing", p->filing, sizeof p->filing,
                    false)))
    return rc;
  if (!p->filing[0]) snprintf(p->filing, sizeof p->filing, "12");
  if ((rc = get_str(c, root, "payment_method", p->method, sizeof p->method,
                    false)))
    return rc;
  if (!p->method[0]) snprintf(p->method, sizeof p->method, "CHK");
  if (strcmp(p->method, "CHK") && strcmp(p->method, "ACH"))
    return bad(c, cc_json_get(root, "payment_method"), "payment_method",
               "%s must be %s", "CHK or ACH");
  if ((rc = get_int(c, root, "days_to_pay", &p->days_to_pay, 14, 365)) ||
      (rc = get_int(c, root, "timely_filing_days", &p->timely_days, 365,
                    3650)) ||
      (rc = get_int(c, root, "default_allowed_pct", &p->default_pct, 100,
                    100)) ||
      (rc = get_int(c, root, "missing_info_per_mille", &p->missing_info_pm, 0,
                    1000)) ||
      (rc = get_int(c, root, "reversal_per_mille", &p->reversal_pm, 0, 1000)))
    return rc;
  int64_t month;
  if ((rc = get_int(c, root, "plan_year_start_month", &month, 1, 12)))
    return rc;
  if (month < 1)
    return bad(c, cc_json_get(root, "plan_year_start_month"),
               "plan_year_start_month", "%s must be %s", "1 to 12");
  p->plan_year_month = (int)month;

  const cc_json *arr;
  if ((rc = get_arr(c, root, "fee_schedule", &arr, &p->n_fees))) return rc;
  p->fees = alloc(c, p->n_fees * sizeof *p->fees);
  for (size_t i = 0; p->fees && i < p->n_fees; i++) {
    const cc_json *e = arr->kids[i];
    ps_fee *f = &p->fees[i];
    int64_t v;
    if ((rc = need_obj(c, e, "fee_schedule")) ||
        (rc = get_str(c, e, "code", f->code, sizeof f->code, true)) ||
        (rc = get_str(c, e, "modifier", f->mod, sizeof f->mod, false)))
      return rc;
    if (!cc_json_get(e, "allowed_cents"))
      return bad(c, e, "allowed_cents", "%s is required (%s)",
                 "the allowed amount per unit in cents");
    if ((rc = get_int(c, e, "allowed_cents", &v, 0, INT64_MAX / 4)))
      return rc;
    f->amount = CC_MONEY(v);
  }
  if ((rc = get_codes(c, root, "auth_required", &p->auth_required,
                      &p->n_auth_required)) ||
      (rc = get_codes(c, root, "not_covered", &p->not_covered,
                      &p->n_not_covered)) ||
      (rc = get_codes(c, root, "providers", &p->providers, &p->n_providers)))
    return rc;
  for (size_t i = 0; i < p->n_providers; i++)
    if (!cc_npi_valid(cc_slice_cstr(p->providers[i])))
      return bad(c, cc_json_get(root, "providers"), "providers",
                 "%s must be %s", "a list of valid 10-digit NPIs (the "
                 "providers enrolled with this payer)");
  if ((rc = get_arr(c, root, "bundles", &arr, &p->n_bundles))) return rc;
  p->bundles = alloc(c, p->n_bundles * sizeof *p->bundles);
  for (size_t i = 0; p->bundles && i < p->n_bundles; i++) {
    const cc_json *e = arr->kids[i];
    ps_bundle *b = &p->bundles[i];
    if ((rc = need_obj(c, e, "bundles")) ||
        (rc = get_str(c, e, "code", b->code, sizeof b->code, true)) ||
        (rc = get_str(c, e, "bundled", b->bundled, sizeof b->bundled, true)))
      return rc;
  }
  if ((rc = get_arr(c, root, "plans", &arr, &p->n_plans))) return rc;
  p->plans = alloc(c, p->n_plans * sizeof *p->plans);
  for (size_t i = 0; p->plans && i < p->n_plans; i++)
    if ((rc = read_plan(c, arr->kids[i], &p->plans[i]))) return rc;
  if ((rc = get_arr(c, root, "members", &arr, &p->n_members))) return rc;
  p->members = alloc(c, p->n_members * sizeof *p->members);
  for (size_t i = 0; p->members && i < p->n_members; i++)
    if ((rc = read_member(c, p, arr->kids[i], &p->members[i]))) return rc;
  if (cc_arena_failed(c->a))
    return cc_err_set(c->err, CC_E_NOMEM, "out of memory", "%s", c->name);
  return CC_OK;
}

void payersim_profile_free(ps_profile *p) {
  if (!p) return;
  cc_arena_free(p->a);
  free(p);
}

cc_code cc_payersim_add_profile(cc_payersim *ps, const char *json, size_t n,
                                const char *name, cc_err *err) {
  ps_profile *p = calloc(1, sizeof *p);
  cc_arena *a = cc_arena_new(0);
  if (!p || !a) {
    free(p);
    cc_arena_free(a);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  }
  p->a = a;
  /* The tree borrows json; copy it so the profile outlives the caller's
   * text. */
  char *copy = cc_arena_strdup(a, (cc_slice){json, n});
  cc_json *root = NULL;
  cc_code rc = copy ? cc_json_parse(copy, n, name, a, &root, err)
                    : cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  if (rc == CC_OK) {
    pctx c = {name, a, err};
    rc = read_profile(&c, root, p);
  }
  if (rc != CC_OK) {
    payersim_profile_free(p);
    return rc;
  }
  for (size_t i = 0; i < ps->n_profiles; i++)
    if (!strcmp(ps->profiles[i]->payer_id, p->payer_id)) {
      payersim_profile_free(ps->profiles[i]);
      ps->profiles[i] = p;
      return CC_OK;
    }
  ps_profile **v = realloc(ps->profiles, (ps->n_profiles + 1) * sizeof *v);
  if (!v) {
    payersim_profile_free(p);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  }
  ps->profiles = v;
  ps->profiles[ps->n_profiles++] = p;
  return CC_OK;
}

cc_code cc_payersim_add_profile_file(cc_payersim *ps, const char *path,
                                     cc_err *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return cc_err_set(err, CC_E_IO, "cannot open the payer profile",
                      "%s", path);
  cc_buf b;
  cc_buf_init(&b, 64u << 20);
  char chunk[65536];
  size_t k;
  cc_code rc = CC_OK;
  while (rc == CC_OK && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
    rc = cc_buf_append(&b, chunk, k);
  fclose(f);
  if (rc != CC_OK) {
    cc_buf_free(&b);
    return cc_err_set(err, rc, "cannot read the payer profile", "%s", path);
  }
  rc = cc_payersim_add_profile(ps, b.p ? b.p : "", b.n, path, err);
  cc_buf_free(&b);
  return rc;
}

const ps_profile *payersim_find_profile(const cc_payersim *ps,
                                        const char *payer_id) {
  for (size_t i = 0; i < ps->n_profiles; i++)
    if (!strcmp(ps->profiles[i]->payer_id, payer_id)) return ps->profiles[i];
  return NULL;
}

const ps_member *payersim_find_member(const ps_profile *p, const char *id) {
  for (size_t i = 0; i < p->n_members; i++)
    if (!strcmp(p->members[i].id, id)) return &p->members[i];
  return NULL;
}
