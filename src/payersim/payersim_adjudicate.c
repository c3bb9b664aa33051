/* payersim_adjudicate.c - how the simulated payer decides a claim: denials
 * with their real CARC/RARC codes, then pricing (fee schedule, copay,
 * deductible, coinsurance, out-of-pocket maximum) against the member's
 * plan-year accumulators. */
#include <stdlib.h>
#include <string.h>

#include "payersim_int.h"

/* ---- seeded draws: splitmix64 over the seed and an FNV-1a key hash, so a
 * claim's fate depends on the seed and the claim, not on file order. ---- */
static uint64_t mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint64_t fnv(uint64_t h, const char *s) {
  for (; *s; s++) h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
  return (h ^ 0xff) * 0x100000001b3ull;
}

uint32_t payersim_draw(uint64_t seed, const char *key, const char *purpose) {
  uint64_t h = fnv(fnv(0xcbf29ce484222325ull, key), purpose);
  return (uint32_t)(mix(seed ^ h) % 1000u);
}

/* ---- accumulators ------------------------------------------------------ */

int payersim_plan_year(const ps_profile *p, cc_day d) {
  int y, m, dd;
  cc_date_ymd(d, &y, &m, &dd);
  return m >= p->plan_year_month ? y : y - 1;
}

ps_accum *payersim_accum(cc_payersim *ps, const char *payer,
                         const char *member, int year) {
  for (size_t i = 0; i < ps->n_acc; i++) {
    ps_accum *a = &ps->acc[i];
    if (a->year == year && !strcmp(a->payer, payer) &&
        !strcmp(a->member, member))
      return a;
  }
  if (ps->n_acc == ps->cap_acc) {
    size_t cap = ps->cap_acc ? ps->cap_acc * 2 : 16;
    ps_accum *v = realloc(ps->acc, cap * sizeof *v);
    if (!v) return NULL;
    ps->acc = v;
    ps->cap_acc = cap;
  }
  ps_accum *a = &ps->acc[ps->n_acc++];
  memset(a, 0, sizeof *a);
  snprintf(a->payer, sizeof a->payer, "%s", payer);
  snprintf(a->member, sizeof a->member, "%s", member);
  a->year = year;
  return a;
}

cc_code cc_payersim_accum(const cc_payersim *ps, const char *payer_id,
                          const char *member_id, cc_day day,
                          cc_money *deductible_met, cc_money *oop_met,
                          cc_err *err) {
  const ps_profile *p = payersim_find_profile(ps, payer_id);
  if (!p || !payersim_find_member(p, member_id))
    return cc_err_set(err, CC_E_NOTFOUND, "no such payer or member",
                      "payer %s, member %s", payer_id, member_id);
  int year = payersim_plan_year(p, day);
  *deductible_met = *oop_met = CC_MONEY(0);
  for (size_t i = 0; i < ps->n_acc; i++) {
    const ps_accum *a = &ps->acc[i];
    if (a->year == year && !strcmp(a->payer, payer_id) &&
        !strcmp(a->member, member_id)) {
      *deductible_met = a->ded;
      *oop_met = a->oop;
    }
  }
  return CC_OK;
}

/* ---- adjudications ----------------------------------------------------- */

cc_payersim_adj *payersim_new_adj(cc_payersim *ps, uint32_t n_lines) {
  if (ps->n_adj == ps->cap_adj) {
    size_t cap = ps->cap_adj ? ps->cap_adj * 2 : 64;
    cc_payersim_adj **v = realloc(ps->adj, cap * sizeof *v);
    if (!v) return NULL;
    ps->adj = v;
    ps->cap_adj = cap;
  }
  cc_payersim_adj *a = calloc(1, sizeof *a);
  cc_payersim_line *l = calloc(n_lines ? n_lines : 1, sizeof *l);
  if (!a || !l) {
    free(a);
    free(l);
    return NULL;
  }
  a->lines = l;
  a->n_lines = n_lines;
  ps->adj[ps->n_adj++] = a;
  return a;
}

size_t cc_payersim_count(const cc_payersim *ps) { return ps->n_adj; }

const cc_payersim_adj *cc_payersim_get(const cc_payersim *ps, size_t i) {
  return i < ps->n_adj ? ps->adj[i] : NULL;
}

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

static void add_cas(cc_payersim_line *l, const char *group,
                    const char *reason, int64_t cents) {
  if (cents == 0) return;
  for (uint16_t i = 0; i < l->n_cas; i++)
    if (!strcmp(l->cas[i].group, group) && !strcmp(l->cas[i].reason, reason)) {
      l->cas[i].amount.cents += cents;
      return;
    }
  if (l->n_cas >= CC_PAYERSIM_MAX_CAS) return;
  cc_payersim_cas *c = &l->cas[l->n_cas++];
  snprintf(c->group, sizeof c->group, "%s", group);
  snprintf(c->reason, sizeof c->reason, "%s", reason);
  c->amount = CC_MONEY(cents);
}

static void add_remark(cc_payersim_line *l, const char *rarc) {
  if (!rarc || !rarc[0] || l->n_remarks >= CC_PAYERSIM_MAX_REMARKS) return;
  snprintf(l->remarks[l->n_remarks++], 8, "%s", rarc);
}

/* The whole line denied under one contractual CARC. */
static void deny_line(cc_payersim_line *l, const char *carc,
                      const char *rarc) {
  l->allowed = l->paid = CC_MONEY(0);
  l->n_cas = 0;
  l->n_remarks = 0;
  add_cas(l, "CO", carc, l->charge.cents);
  add_remark(l, rarc);
}

static bool code_in(const char (*list)[49], size_t n, const char *code) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(list[i], code)) return true;
  return false;
}

static bool auth_known(const ps_member *m, const char *auth) {
  for (size_t i = 0; i < m->n_auths; i++)
    if (!strcmp(m->auths[i], auth)) return true;
  return false;
}

static bool copay_match(const char *pat, const char *code) {
  size_t n = strlen(pat);
  if (n && pat[n - 1] == '*') return !strncmp(pat, code, n - 1);
  return !strcmp(pat, code);
}

/* Allowed amount for a line: the fee schedule's per-unit amount times the
 * units (the modifier-specific row first), else default_allowed_pct of the
 * charge; never more than the charge. */
static cc_money allowed_for(const ps_profile *p, const cc_payersim_line *l) {
  const ps_fee *hit = NULL;
  for (size_t i = 0; i < p->n_fees && !hit; i++)
    if (!strcmp(p->fees[i].code, l->proc) && p->fees[i].mod[0] &&
        !strcmp(p->fees[i].mod, l->mod[0]))
      hit = &p->fees[i];
  for (size_t i = 0; i < p->n_fees && !hit; i++)
    if (!strcmp(p->fees[i].code, l->proc) && !p->fees[i].mod[0])
      hit = &p->fees[i];
  cc_money a;
  int64_t units = l->units_milli > 0 ? l->units_milli : 1000;
  if (hit) {
    if (cc_money_muldiv(hit->amount, units, 1000, &a) != CC_OK) a = l->charge;
  } else if (cc_money_muldiv(l->charge, p->default_pct, 100, &a) != CC_OK) {
    a = l->charge;
  }
  if (a.cents > l->charge.cents) a = l->charge;
  return a;
}

static bool proc_well_formed(const cc_payersim_line *l) {
  if (!strcmp(l->proc_qual, "NU")) return l->revenue[0] != '\0';
  if (strlen(l->proc) != 5) return false;
  for (const char *s = l->proc; *s; s++)
    if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z'))) return false;
  return true;
}

static const cc_payersim_adj *find_original(const cc_payersim *ps,
                                            const char *payer,
                                            const cc_claim *c) {
  /* REF F8 names the payer's claim number; without it, the last claim
   * with the same patient control number. */
  const cc_payersim_adj *hit = NULL;
  for (size_t i = 0; i < ps->n_adj; i++) {
    const cc_payersim_adj *a = ps->adj[i];
    if (a->reversed || !strcmp(a->status, "22") || strcmp(a->payer_id, payer))
      continue;
    if (c->payer_claim_no[0] ? !strcmp(a->payer_claim_no, c->payer_claim_no)
                             : !strcmp(a->pcn, c->pcn))
      hit = a;
  }
  return hit;
}

static bool is_duplicate(const cc_payersim *ps, const cc_payersim_adj *n) {
  for (size_t i = 0; i + 1 < ps->n_adj; i++) {
    const cc_payersim_adj *a = ps->adj[i];
    if (a == n || a->reversed || !strcmp(a->status, "22") ||
        strcmp(a->payer_id, n->payer_id) || strcmp(a->member_id, n->member_id))
      continue;
    if (!strcmp(a->pcn, n->pcn)) return true;
    if (a->first != n->first || a->charge.cents != n->charge.cents ||
        a->n_lines != n->n_lines)
      continue;
    bool same = true;
    for (uint32_t k = 0; k < a->n_lines && same; k++)
      same = !strcmp(a->lines[k].proc, n->lines[k].proc) &&
             a->lines[k].from == n->lines[k].from;
    if (same) return true;
  }
  return false;
}

static void undo_accum(cc_payersim *ps, const cc_payersim_adj *o) {
  ps_accum *acc = payersim_accum(ps, o->payer_id, o->member_id, o->plan_year);
  if (!acc) return;
  acc->ded.cents -= o->deductible.cents;
  acc->oop.cents -= o->oop.cents;
}

/* CLP02 22: the original with every amount negated. */
static cc_payersim_adj *reverse(cc_payersim *ps, cc_payersim_adj *o,
                                cc_day received, cc_day pay_date) {
  cc_payersim_adj *r = payersim_new_adj(ps, o->n_lines);
  if (!r) return NULL;
  cc_payersim_line *lines = r->lines;
  *r = *o;
  r->lines = lines;
  memcpy(lines, o->lines, o->n_lines * sizeof *lines);
  snprintf(r->status, sizeof r->status, "22");
  r->charge.cents = -o->charge.cents;
  r->paid.cents = -o->paid.cents;
  r->patient_resp.cents = -o->patient_resp.cents;
  r->allowed.cents = -o->allowed.cents;
  r->deductible.cents = -o->deductible.cents;
  r->oop.cents = -o->oop.cents;
  r->received = received;
  r->pay_date = pay_date;
  r->released = r->reversed = false;
  r->denial[0] = '\0';
  for (uint16_t i = 0; i < r->n_cas; i++) r->cas[i].amount.cents *= -1;
  for (uint32_t k = 0; k < r->n_lines; k++) {
    cc_payersim_line *l = &r->lines[k];
    l->charge.cents *= -1;
    l->allowed.cents *= -1;
    l->paid.cents *= -1;
    l->copay.cents *= -1;
    l->deductible.cents *= -1;
    l->coinsurance.cents *= -1;
    for (uint16_t i = 0; i < l->n_cas; i++) l->cas[i].amount.cents *= -1;
  }
  undo_accum(ps, o);
  o->reversed = true;
  return r;
}

static void fill_line(cc_payersim_line *l, const cc_claim_line *cl,
                      const cc_claim *c) {
  l->lx = cl->lx;
  snprintf(l->proc_qual, sizeof l->proc_qual, "%s",
           cl->proc[0] ? (cl->proc_qual[0] ? cl->proc_qual : "HC") : "NU");
  snprintf(l->proc, sizeof l->proc, "%s", cl->proc);
  for (int m = 0; m < 4; m++)
    snprintf(l->mod[m], sizeof l->mod[m], "%s", cl->mod[m]);
  snprintf(l->revenue, sizeof l->revenue, "%s", cl->revenue);
  l->charge = cl->charge;
  l->units_milli = cl->units_milli;
  l->from = cl->from ? cl->from : c->stmt_from;
  l->to = cl->to ? cl->to : (cl->from ? cl->from : c->stmt_to);
  snprintf(l->line_control, sizeof l->line_control, "%s", cl->line_control);
}

/* Copay, then deductible, then coinsurance, each limited by what remains
 * of the out-of-pocket maximum; the payer pays the rest of the allowed. */
static void price_line(const ps_plan *plan, ps_accum *acc,
                       cc_payersim_line *l, cc_money allowed) {
  l->allowed = allowed;
  add_cas(l, "CO", "45", l->charge.cents - allowed.cents);
  int64_t oop_left = max64(0, plan->oop_max.cents - acc->oop.cents);
  int64_t rest = allowed.cents;
  int64_t copay = 0;
  for (size_t i = 0; i < plan->n_copays; i++)
    if (copay_match(plan->copays[i].code, l->proc)) {
      copay = plan->copays[i].amount.cents;
      break;
    }
  copay = min64(min64(copay, rest), oop_left);
  rest -= copay;
  oop_left -= copay;
  int64_t ded_left = max64(0, plan->deductible.cents - acc->ded.cents);
  int64_t ded = min64(min64(rest, ded_left), oop_left);
  rest -= ded;
  oop_left -= ded;
  cc_money co;
  if (cc_money_muldiv(CC_MONEY(rest), plan->coins_pct, 100, &co) != CC_OK)
    co = CC_MONEY(0);
  int64_t coins = min64(co.cents, oop_left);
  rest -= coins;
  l->copay = CC_MONEY(copay);
  l->deductible = CC_MONEY(ded);
  l->coinsurance = CC_MONEY(coins);
  l->paid = CC_MONEY(rest);
  add_cas(l, "PR", "1", ded);
  add_cas(l, "PR", "2", coins);
  add_cas(l, "PR", "3", copay);
  acc->ded.cents += ded;
  acc->oop.cents += copay + ded + coins;
}

cc_code cc_payersim_adjudicate(cc_payersim *ps, const cc_claim *c,
                               cc_day received, const cc_payersim_adj **out,
                               const cc_payersim_adj **reversal,
                               cc_err *err) {
  *out = NULL;
  if (reversal) *reversal = NULL;
  const ps_profile *p = payersim_find_profile(ps, c->payer.id);
  if (!p)
    return cc_err_set(err, CC_E_NOTFOUND, "no payer profile for this payer",
                      "claim %s: payer id %s (2010BB NM109)", c->pcn,
                      c->payer.id);
  const ps_member *m = payersim_find_member(p, c->subscriber.name.id);
  if (!m)
    return cc_err_set(err, CC_E_NOTFOUND, "member not found",
                      "claim %s: member %s is not enrolled with %s", c->pcn,
                      c->subscriber.name.id, p->payer_id);
  cc_day pay_date = received + (cc_day)p->days_to_pay;
  if (c->frequency == '7' || c->frequency == '8') {
    const cc_payersim_adj *o = find_original(ps, p->payer_id, c);
    if (o) {
      cc_payersim_adj *r = reverse(ps, (cc_payersim_adj *)o, received,
                                   pay_date);
      if (!r) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", c->pcn);
      if (reversal) *reversal = r;
    } else if (c->frequency == '8') {
      return cc_err_set(err, CC_E_NOTFOUND,
                        "void of a claim the payer never processed",
                        "claim %s: no original claim %s", c->pcn,
                        c->payer_claim_no);
    }
    if (c->frequency == '8') return CC_OK;
  }

  cc_payersim_adj *a = payersim_new_adj(ps, c->n_lines);
  if (!a) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", c->pcn);
  snprintf(a->pcn, sizeof a->pcn, "%s", c->pcn);
  snprintf(a->payer_id, sizeof a->payer_id, "%s", p->payer_id);
  snprintf(a->member_id, sizeof a->member_id, "%s", m->id);
  const cc_claim_party *pat = c->has_patient ? &c->patient.name
                                             : &c->subscriber.name;
  snprintf(a->patient_last, sizeof a->patient_last, "%s", pat->last);
  snprintf(a->patient_first, sizeof a->patient_first, "%s", pat->first);
  snprintf(a->billing_npi, sizeof a->billing_npi, "%s", c->billing.id);
  snprintf(a->billing_name, sizeof a->billing_name, "%s", c->billing.last);
  snprintf(a->filing, sizeof a->filing, "%s", p->filing);
  snprintf(a->facility_code, sizeof a->facility_code, "%s", c->facility_code);
  a->frequency = c->frequency ? c->frequency : '1';
  a->received = received;
  a->pay_date = pay_date;
  a->first = cc_claims_first_date(c);
  a->last = cc_claims_last_date(c);
  if (!a->first) a->first = a->last = received;
  a->plan_year = payersim_plan_year(p, a->first);
  snprintf(a->payer_claim_no, sizeof a->payer_claim_no, "%02d%010u",
           a->plan_year % 100, ++ps->claim_seq);
  for (uint32_t k = 0; k < c->n_lines; k++) {
    fill_line(&a->lines[k], &c->lines[k], c);
    a->charge.cents += c->lines[k].charge.cents;
  }
  ps_accum *acc = payersim_accum(ps, p->payer_id, m->id, a->plan_year);
  if (!acc) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", c->pcn);
  int64_t ded0 = acc->ded.cents, oop0 = acc->oop.cents;

  /* Claim-level denials, most fundamental first. */
  const char *carc = NULL, *rarc = NULL;
  char key[160];
  snprintf(key, sizeof key, "%s|%s", p->payer_id, c->pcn);
  if (m->other_primary && c->responsibility != 'S' &&
      c->responsibility != 'T' && c->n_other == 0) {
    carc = "22";
    rarc = "MA04";
  } else if (received - a->first > (cc_day)p->timely_days) {
    carc = "29";
  } else if (a->frequency == '1' && is_duplicate(ps, a)) {
    carc = "18";
  } else if (payersim_draw(ps->seed, key, "missing-info") <
             (uint32_t)p->missing_info_pm) {
    carc = "16";
    rarc = "MA130";
  }
  snprintf(a->denial, sizeof a->denial, "%s", carc ? carc : "");

  for (uint32_t k = 0; k < a->n_lines; k++) {
    cc_payersim_line *l = &a->lines[k];
    const cc_claim_line *cl = &c->lines[k];
    if (carc) {
      deny_line(l, carc, rarc);
      continue;
    }
    bool bundled = false;
    for (size_t b = 0; b < p->n_bundles && !bundled; b++) {
      if (strcmp(p->bundles[b].bundled, l->proc)) continue;
      for (uint32_t j = 0; j < a->n_lines && !bundled; j++)
        bundled = j != k && !strcmp(a->lines[j].proc, p->bundles[b].code) &&
                  a->lines[j].from == l->from;
    }
    if ((m->start && l->from < m->start) || (m->end && l->from > m->end))
      deny_line(l, "27", NULL);
    else if (!proc_well_formed(l))
      deny_line(l, "16", "M51");
    else if (cl->rendering.id[0] &&
             !cc_npi_valid(cc_slice_cstr(cl->rendering.id)))
      deny_line(l, "16", "N290");
    else if (code_in((const char (*)[49])p->not_covered, p->n_not_covered,
                     l->proc))
      deny_line(l, "96", "N130");
    else if (code_in((const char (*)[49])m->plan->not_covered,
                     m->plan->n_not_covered, l->proc))
      deny_line(l, "204", NULL);
    else if (code_in((const char (*)[49])p->auth_required,
                     p->n_auth_required, l->proc) && !c->prior_auth[0])
      deny_line(l, "197", NULL);
    else if (code_in((const char (*)[49])p->auth_required,
                     p->n_auth_required, l->proc) &&
             !auth_known(m, c->prior_auth))
      deny_line(l, "15", NULL);
    else if (bundled)
      deny_line(l, "97", "M15");
    else
      price_line(m->plan, acc, l, allowed_for(p, l));
  }

  /* A secondary pays at most what the primary left of the allowed amount;
   * the cut is OA-23 (prior payer's adjudication). */
  int64_t prior = 0;
  for (uint16_t i = 0; i < c->n_other; i++)
    if (c->other[i].has_paid) prior += c->other[i].paid.cents;
  int64_t paid = 0, allowed = 0;
  for (uint32_t k = 0; k < a->n_lines; k++) {
    paid += a->lines[k].paid.cents;
    allowed += a->lines[k].allowed.cents;
  }
  if (prior > 0) {
    int64_t cut = max64(0, paid - max64(0, allowed - prior));
    for (uint32_t k = 0; k < a->n_lines && cut > 0; k++) {
      cc_payersim_line *l = &a->lines[k];
      int64_t x = min64(cut, l->paid.cents);
      l->paid.cents -= x;
      add_cas(l, "OA", "23", x);
      cut -= x;
    }
  }

  bool any_allowed = false;
  a->paid = a->patient_resp = a->allowed = CC_MONEY(0);
  for (uint32_t k = 0; k < a->n_lines; k++) {
    const cc_payersim_line *l = &a->lines[k];
    a->paid.cents += l->paid.cents;
    a->allowed.cents += l->allowed.cents;
    for (uint16_t i = 0; i < l->n_cas; i++)
      if (!strcmp(l->cas[i].group, "PR"))
        a->patient_resp.cents += l->cas[i].amount.cents;
    bool denied = l->n_cas > 0 && l->allowed.cents == 0 &&
                  strcmp(l->cas[0].reason, "45") != 0;
    any_allowed |= !denied;
  }
  if (!any_allowed) {
    snprintf(a->status, sizeof a->status, "4");
    if (!a->denial[0] && a->n_lines && a->lines[0].n_cas)
      snprintf(a->denial, sizeof a->denial, "%s", a->lines[0].cas[0].reason);
  } else {
    snprintf(a->status, sizeof a->status, "%s",
             c->responsibility == 'S' ? "2"
             : c->responsibility == 'T' ? "3" : "1");
  }
  a->deductible = CC_MONEY(acc->ded.cents - ded0);
  a->oop = CC_MONEY(acc->oop.cents - oop0);
  *out = a;
  return CC_OK;
}

/* ---- payer-initiated reprocessing -------------------------------------- */

/* Claim totals from its lines: paid, allowed, patient responsibility. */
static void sum_lines(cc_payersim_adj *a) {
  a->paid = a->patient_resp = a->allowed = CC_MONEY(0);
  for (uint32_t k = 0; k < a->n_lines; k++) {
    const cc_payersim_line *l = &a->lines[k];
    a->paid.cents += l->paid.cents;
    a->allowed.cents += l->allowed.cents;
    for (uint16_t i = 0; i < l->n_cas; i++)
      if (!strcmp(l->cas[i].group, "PR"))
        a->patient_resp.cents += l->cas[i].amount.cents;
  }
}

/* The payer finds its fee schedule was loaded too high: each priced line
 * of the original is priced again at 90 % of its allowed amount against
 * the member's accumulators (the reversal has just given back what the
 * original took). Denied lines keep their denial. */
static cc_payersim_adj *correct(cc_payersim *ps, const cc_payersim_adj *o,
                                const ps_member *m, cc_day date) {
  cc_payersim_adj *a = payersim_new_adj(ps, o->n_lines);
  if (!a) return NULL;
  cc_payersim_line *lines = a->lines;
  *a = *o;
  a->lines = lines;
  memcpy(lines, o->lines, o->n_lines * sizeof *lines);
  const ps_profile *p = payersim_find_profile(ps, o->payer_id);
  snprintf(a->payer_claim_no, sizeof a->payer_claim_no, "%02d%010u",
           o->plan_year % 100, ++ps->claim_seq);
  a->pay_date = date;
  a->released = a->reversed = false;
  a->reprocessed = true;
  a->denial[0] = '\0';
  ps_accum *acc = payersim_accum(ps, p->payer_id, m->id, o->plan_year);
  if (!acc) return NULL;
  int64_t ded0 = acc->ded.cents, oop0 = acc->oop.cents;
  for (uint32_t k = 0; k < a->n_lines; k++) {
    cc_payersim_line *l = &a->lines[k];
    if (l->allowed.cents <= 0) continue;
    cc_money cut;
    if (cc_money_muldiv(l->allowed, 10, 100, &cut) != CC_OK) cut = CC_MONEY(0);
    cc_money allowed = CC_MONEY(l->allowed.cents - cut.cents);
    l->n_cas = l->n_remarks = 0;
    l->paid = l->copay = l->deductible = l->coinsurance = CC_MONEY(0);
    price_line(m->plan, acc, l, allowed);
    add_remark(l, "MA67"); /* correction to a prior claim */
  }
  sum_lines(a);
  a->deductible = CC_MONEY(acc->ded.cents - ded0);
  a->oop = CC_MONEY(acc->oop.cents - oop0);
  return a;
}

cc_code payersim_reprocess(cc_payersim *ps, cc_day date, cc_err *err) {
  size_t n = ps->n_adj; /* what this adds is not looked at again */
  for (size_t i = 0; i < n; i++) {
    cc_payersim_adj *o = ps->adj[i];
    if (!o->released || o->reversed || o->reprocessed ||
        strcmp(o->status, "1") || o->frequency != '1' || o->paid.cents <= 0)
      continue;
    const ps_profile *p = payersim_find_profile(ps, o->payer_id);
    if (!p || !p->reversal_pm) continue;
    const ps_member *m = payersim_find_member(p, o->member_id);
    if (!m) continue;
    char key[160];
    snprintf(key, sizeof key, "%s|%s|%s", o->payer_id, o->pcn,
             o->payer_claim_no);
    if (payersim_draw(ps->seed, key, "reversal") >= (uint32_t)p->reversal_pm)
      continue;
    cc_day when = o->pay_date + 5 +
                  (cc_day)(payersim_draw(ps->seed, key, "reversal-day") % 10);
    if (when > date) continue;
    /* Both keep the claim's received date (DTM 050); they pay on date. */
    cc_payersim_adj *r = reverse(ps, o, o->received, date);
    if (!r || !correct(ps, o, m, date))
      return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", o->pcn);
  }
  return CC_OK;
}
