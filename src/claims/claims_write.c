/* claims_write.c - writes a batch of claims as one 837P (005010X222A1) or
 * 837I (005010X223A2) interchange, segments in the order the guides list
 * them, so that our own validator accepts what we send. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "claims/claims_int.h"
#include "x12/x12_int.h"

#define SCRATCH 16
#define SCRATCH_LEN 320

typedef struct wctx {
  cc_x12_writer w;
  cc_err *err;
  const cc_claim *c; /* the claim being written, for error messages */
  char form;
  uint32_t hl;
  char ring[SCRATCH][SCRATCH_LEN]; /* composites and numbers being built */
  int next;
  uint32_t clm_at; /* segment number of the last CLM in the interchange */
  cc_code rc;
} wctx;

static const cc_x12_delims DELIMS = {'*', '^', ':', '~'};

static cc_code fail(wctx *x, const char *seg, const char *msg,
                    const char *detail) {
  if (x->rc) return x->rc;
  x->rc = cc_err_set(x->err, CC_E_INVALID, msg, "claim %s: %s",
                     x->c && x->c->pcn[0] ? x->c->pcn : "(no CLM01)", detail);
  if (x->err) snprintf(x->err->seg_id, sizeof x->err->seg_id, "%s", seg);
  return x->rc;
}

static bool in_ring(const wctx *x, const char *p) {
  const char *lo = (const char *)x->ring;
  return p >= lo && p < lo + sizeof x->ring;
}

static char *scratch(wctx *x) {
  char *s = x->ring[x->next];
  x->next = (x->next + 1) % SCRATCH;
  s[0] = '\0';
  return s;
}

/* One segment from n values through the writer's fast path (one pass per
 * value, checked while copied); scratch values (composites, numbers) may
 * hold the component separator. A value that would break the interchange
 * (a delimiter inside a name...) stops the batch with the claim named. */
static void seg(wctx *x, const char *id, size_t n, ...) {
  if (x->rc) return;
  const char *v[CC_MAX_ELEMENTS_PER_SEGMENT];
  uint64_t raw = 0;
  va_list ap;
  va_start(ap, n);
  for (size_t i = 0; i < n; i++) {
    v[i] = va_arg(ap, const char *);
    if (v[i] && in_ring(x, v[i])) raw |= (uint64_t)1 << i;
  }
  va_end(ap);
  cc_code rc = x12_write_fast(&x->w, id, n, v, raw);
  if (rc == CC_E_INVALID && x->err) {
    char d[sizeof x->err->detail];
    snprintf(d, sizeof d, "%s", x->err->detail);
    x->w.rc = CC_OK; /* let fail() record the claim; the batch stops */
    fail(x, id, "value contains a delimiter", d);
    x->w.rc = rc;
  } else if (rc && !x->rc) {
    x->rc = rc;
  }
}

/* A composite from parts; trailing empty parts are dropped. */
static const char *comp(wctx *x, size_t n, const char *const *parts) {
  char *s = scratch(x);
  size_t last = 0;
  for (size_t i = 0; i < n; i++)
    if (parts[i] && parts[i][0]) last = i + 1;
  size_t len = 0;
  for (size_t i = 0; i < last; i++) {
    const char *p = parts[i] ? parts[i] : "";
    if (i) {
      if (len + 2 >= SCRATCH_LEN) break;
      s[len++] = ':';
    }
    for (char c; (c = *p); p++) {
      if (c == '*' || c == ':' || c == '^' || c == '~') {
        char d[120];
        snprintf(d, sizeof d, "component '%.40s' contains an X12 delimiter",
                 parts[i]);
        fail(x, "", "value contains a delimiter", d);
        return "";
      }
      if (len + 1 >= SCRATCH_LEN) break;
      s[len++] = c;
    }
  }
  s[len] = '\0';
  return s;
}

static const char *amt(wctx *x, cc_money m) {
  return cc_money_x12(m, scratch(x));
}
static const char *qty(wctx *x, int64_t milli) {
  return claims_fmt_milli(milli, scratch(x));
}
static char *put_u64(uint64_t v, char *s) {
  char tmp[20];
  int k = 0;
  do tmp[k++] = (char)('0' + v % 10); while ((v /= 10));
  while (k) *s++ = tmp[--k];
  *s = '\0';
  return s;
}
static const char *num(wctx *x, uint64_t v) {
  char *s = scratch(x);
  put_u64(v, s);
  return s;
}
/* CCYYMMDD without printf; returns the end of what was written. */
static char *put_d8(cc_day day, char *s) {
  int y, m, d;
  cc_date_ymd(day, &y, &m, &d);
  y %= 10000;
  s[0] = (char)('0' + y / 1000);
  s[1] = (char)('0' + y / 100 % 10);
  s[2] = (char)('0' + y / 10 % 10);
  s[3] = (char)('0' + y % 10);
  s[4] = (char)('0' + m / 10);
  s[5] = (char)('0' + m % 10);
  s[6] = (char)('0' + d / 10);
  s[7] = (char)('0' + d % 10);
  s[8] = '\0';
  return s + 8;
}
static const char *chs(wctx *x, char ch) {
  char *s = scratch(x);
  s[0] = ch;
  s[1] = '\0';
  return s;
}
static const char *d8s(wctx *x, cc_day d) {
  char *s = scratch(x);
  put_d8(d, s);
  return s;
}

static void dtp(wctx *x, const char *qual, cc_day from, cc_day to) {
  if (!from) return;
  if (to && to != from) {
    char *s = scratch(x);
    *put_d8(from, s) = '-';
    put_d8(to, s + 9);
    seg(x, "DTP", 3, qual, "RD8", s);
  } else {
    seg(x, "DTP", 3, qual, "D8", d8s(x, from));
  }
}

/* NM1 for a party with the given entity code; id qualifier defaults. */
static void nm1_as(wctx *x, const char *code, const cc_claim_party *p,
                   const char *def_qual, char ent, bool with_id) {
  const char *id = with_id ? p->id : "";
  const char *q = id[0] ? (p->id_qual[0] ? p->id_qual : def_qual) : "";
  if (ent == '1')
    seg(x, "NM1", 9, code, "1", p->last, p->first, p->middle, "", p->suffix,
        q, id);
  else
    seg(x, "NM1", 9, code, "2", p->last, "", "", "", "", q, id);
}
static void nm1(wctx *x, const char *code, const cc_claim_party *p,
                const char *def_qual) {
  nm1_as(x, code, p, def_qual, p->entity ? p->entity : '2', true);
}

static void addr(wctx *x, const cc_claim_party *p) {
  if (!p->addr1[0]) return;
  seg(x, "N3", 2, p->addr1, p->addr2);
  seg(x, "N4", 3, p->city, p->state, p->zip);
}

static void prv(wctx *x, const char *code, const char *taxonomy) {
  if (taxonomy[0]) seg(x, "PRV", 3, code, "PXC", taxonomy);
}

/* A provider loop of the 2310 or 2420 kind: NM1, PRV, secondary REF. */
static void provider(wctx *x, const char *code, const cc_claim_party *p,
                     bool with_prv, bool with_addr) {
  if (!p->last[0] && !p->id[0]) return;
  nm1(x, code, p, "XX");
  if (with_prv) prv(x, "PE", p->taxonomy);
  if (with_addr) addr(x, p);
  if (p->secondary_id[0] && strcmp(p->secondary_id_qual, "EI") != 0)
    seg(x, "REF", 2, p->secondary_id_qual, p->secondary_id);
}

static void cas(wctx *x, const cc_claim_cas *a, uint16_t n) {
  /* One CAS per group code, up to six triplets each, in first-seen order. */
  bool done[CC_CLAIM_MAX_CAS] = {false};
  for (uint16_t i = 0; i < n; i++) {
    if (done[i]) continue;
    const char *v[19] = {a[i].group};
    size_t nv = 1;
    for (uint16_t j = i; j < n && nv < 19; j++) {
      if (done[j] || strcmp(a[j].group, a[i].group) != 0) continue;
      done[j] = true;
      v[nv++] = a[j].reason;
      v[nv++] = amt(x, a[j].amount);
      v[nv++] = a[j].qty_milli ? qty(x, a[j].qty_milli) : "";
    }
    seg(x, "CAS", nv, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
        v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18]);
  }
}

static const char *proc_comp(wctx *x, const char *q, const char *code,
                             const char mod[4][3], const char *desc) {
  const char *parts[7] = {q[0] ? q : "HC", code, mod[0], mod[1], mod[2],
                          mod[3], desc};
  return comp(x, 7, parts);
}

static bool is_qual(const char *q, const char *a) { return strcmp(q, a) == 0; }

/* 837I HI segments: each family of codes has its own HI use, in the
 * guide's order, up to 12 composites per segment. */
static void hi_family(wctx *x, const cc_claim *c, const char *const *quals) {
  const char *v[12];
  size_t nv = 0;
  for (uint16_t i = 0; i < c->n_inst_codes; i++) {
    const cc_claim_code *k = &c->inst_codes[i];
    bool match = false;
    for (const char *const *q = quals; *q; q++) match |= is_qual(k->qual, *q);
    if (!match) continue;
    char poa[2] = {k->poa, 0};
    const char *parts[9] = {k->qual, k->code, k->date_fmt, k->date,
                            k->has_amount ? amt(x, k->amount) : "",
                            "", "", "", poa};
    v[nv++] = comp(x, 9, parts);
    if (nv == 12) {
      seg(x, "HI", 12, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
          v[9], v[10], v[11]);
      nv = 0;
    }
  }
  if (nv)
    seg(x, "HI", nv, v[0], nv > 1 ? v[1] : "", nv > 2 ? v[2] : "",
        nv > 3 ? v[3] : "", nv > 4 ? v[4] : "", nv > 5 ? v[5] : "",
        nv > 6 ? v[6] : "", nv > 7 ? v[7] : "", nv > 8 ? v[8] : "",
        nv > 9 ? v[9] : "", nv > 10 ? v[10] : "", nv > 11 ? v[11] : "");
}

static void dx_segments(wctx *x, const cc_claim *c) {
  const char *v[12];
  char poa[CC_CLAIM_MAX_DX][2];
  size_t nv = 0;
  bool inst = c->form == 'I';
  for (uint16_t i = 0; i < c->n_dx; i++) {
    const cc_claim_dx *d = &c->dx[i];
    poa[i][0] = d->poa;
    poa[i][1] = 0;
    const char *parts[9] = {d->qual, d->code, "", "", "", "", "", "",
                            poa[i]};
    if (inst && i == 0) {
      seg(x, "HI", 1, comp(x, 9, parts));
      continue;
    }
    v[nv++] = comp(x, 9, parts);
    if (nv == 12 || i + 1 == c->n_dx) {
      seg(x, "HI", nv, v[0], nv > 1 ? v[1] : "", nv > 2 ? v[2] : "",
          nv > 3 ? v[3] : "", nv > 4 ? v[4] : "", nv > 5 ? v[5] : "",
          nv > 6 ? v[6] : "", nv > 7 ? v[7] : "", nv > 8 ? v[8] : "",
          nv > 9 ? v[9] : "", nv > 10 ? v[10] : "", nv > 11 ? v[11] : "");
      nv = 0;
    }
  }
}

static void other_payers(wctx *x, const cc_claim *c) {
  for (uint16_t i = 0; i < c->n_other; i++) {
    const cc_claim_other_payer *o = &c->other[i];
    seg(x, "SBR", 9, chs(x, o->responsibility ? o->responsibility : 'P'),
        o->relationship[0] ? o->relationship : "18", o->group_number,
        o->group_name, o->insurance_type, "", "", "",
        o->filing_indicator[0] ? o->filing_indicator : "CI");
    cas(x, o->cas, o->n_cas);
    if (o->has_paid) seg(x, "AMT", 2, "D", amt(x, o->paid));
    if (o->has_remaining) seg(x, "AMT", 2, "EAF", amt(x, o->remaining));
    if (c->form == 'P')
      seg(x, "OI", 6, "", "", chs(x, o->benefits_assign ? o->benefits_assign
                                                         : 'Y'),
          "P", "", chs(x, o->release_info ? o->release_info : 'Y'));
    else
      seg(x, "OI", 6, "", "", chs(x, o->benefits_assign ? o->benefits_assign
                                                         : 'Y'),
          "", "", chs(x, o->release_info ? o->release_info : 'Y'));
    /* 2330A other subscriber */
    const cc_claim_party *sub = &o->subscriber;
    nm1_as(x, "IL", sub, "MI", sub->entity ? sub->entity : '1', true);
    addr(x, sub);
    /* 2330B other payer */
    nm1_as(x, "PR", &o->payer, "PI", '2', true);
    addr(x, &o->payer);
    if (o->adjudicated) seg(x, "DTP", 3, "573", "D8", d8s(x, o->adjudicated));
    if (o->payer_claim_no[0]) seg(x, "REF", 2, "F8", o->payer_claim_no);
  }
}

static void line(wctx *x, const cc_claim *c, const cc_claim_line *l,
                 uint32_t n) {
  seg(x, "LX", 1, num(x, n));
  const char *units = qty(x, l->units_milli ? l->units_milli : 1000);
  const char *basis = l->unit_basis[0] ? l->unit_basis : "UN";
  if (c->form == 'P') {
    char p1[4], p2[4], p3[4], p4[4];
    const uint8_t *d = l->dx_ptr;
    put_u64(d[0], p1);
    put_u64(d[1], p2);
    put_u64(d[2], p3);
    put_u64(d[3], p4);
    const char *ptrs[4] = {d[0] ? p1 : "", d[1] ? p2 : "", d[2] ? p3 : "",
                           d[3] ? p4 : ""};
    const char *pos = l->pos[0] && strcmp(l->pos, c->facility_code) != 0
                          ? l->pos
                          : "";
    seg(x, "SV1", 12,
        proc_comp(x, l->proc_qual, l->proc, l->mod, l->proc_desc),
        amt(x, l->charge), basis, units, pos, "", comp(x, 4, ptrs), "",
        l->emergency == 'Y' ? "Y" : "", "", l->epsdt == 'Y' ? "Y" : "",
        l->family_planning == 'Y' ? "Y" : "");
  } else {
    seg(x, "SV2", 7, l->revenue,
        l->proc[0] ? proc_comp(x, l->proc_qual, l->proc, l->mod, l->proc_desc)
                   : "",
        amt(x, l->charge), basis, units, "",
        l->non_covered.cents ? amt(x, l->non_covered) : "");
  }
  dtp(x, "472", l->from, l->to);
  if (l->line_control[0]) seg(x, "REF", 2, "6R", l->line_control);
  if (l->ndc[0]) {
    seg(x, "LIN", 3, "", l->ndc_qual[0] ? l->ndc_qual : "N4", l->ndc);
    if (l->drug_qty_milli)
      seg(x, "CTP", 5, "", "", "", qty(x, l->drug_qty_milli),
          l->drug_unit[0] ? l->drug_unit : "UN");
  }
  if (l->rendering.entity || l->rendering.id[0]) {
    const cc_claim_line_prov *r = &l->rendering;
    char ent = r->entity ? r->entity : '1';
    seg(x, "NM1", 9, "82", chs(x, ent), r->last, ent == '1' ? r->first : "",
        "", "", "", r->id[0] ? "XX" : "", r->id);
    if (c->form == 'P') prv(x, "PE", r->taxonomy);
  }
  for (uint16_t k = 0; k < l->n_adj; k++) {
    const cc_claim_line_adj *a = &l->adj[k];
    const char *pc = a->proc[0] ? proc_comp(x, a->proc_qual, a->proc, a->mod,
                                            "")
                                : "";
    seg(x, "SVD", 6, a->payer_id, amt(x, a->paid), pc,
        c->form == 'I' ? (a->revenue[0] ? a->revenue : l->revenue) : "",
        qty(x, a->units_milli ? a->units_milli : l->units_milli),
        a->bundled_line ? num(x, a->bundled_line) : "");
    cas(x, a->cas, a->n_cas);
    seg(x, "DTP", 3, "573", "D8", d8s(x, a->adjudicated ? a->adjudicated
                                                       : cc_date_today()));
    if (a->has_remaining) seg(x, "AMT", 2, "EAF", amt(x, a->remaining));
  }
}

static bool same_party(const cc_claim_party *a, const cc_claim_party *b) {
  return strcmp(a->id, b->id) == 0 && strcmp(a->last, b->last) == 0 &&
         strcmp(a->first, b->first) == 0 && strcmp(a->addr1, b->addr1) == 0 &&
         strcmp(a->taxonomy, b->taxonomy) == 0 &&
         strcmp(a->tax_id, b->tax_id) == 0;
}

static cc_code check(wctx *x, const cc_claim *c) {
  x->c = c;
  if (c->form != x->form)
    return fail(x, "CLM", "claim form differs from the batch",
                "an 837P batch cannot carry an 837I claim or the reverse");
  if (!c->pcn[0])
    return fail(x, "CLM", "patient control number missing",
                "CLM01 is empty");
  if (!c->billing.id[0])
    return fail(x, "NM1", "billing provider NPI missing",
                "the billing provider (2010AA) needs an NPI");
  if (!c->billing.addr1[0] || !c->billing.city[0])
    return fail(x, "N3", "billing provider address missing",
                "the billing provider (2010AA) needs a street address");
  if (!c->billing.tax_id[0])
    return fail(x, "REF", "billing provider tax ID missing",
                "the billing provider (2010AA) needs an EIN or SSN");
  if (!c->payer.last[0] || !c->payer.id[0])
    return fail(x, "NM1", "payer missing",
                "the payer (2010BB) needs a name and a payer ID");
  if (!c->subscriber.name.last[0] || !c->subscriber.name.id[0])
    return fail(x, "NM1", "subscriber missing",
                "the subscriber (2010BA) needs a name and a member ID");
  if (!c->n_lines)
    return fail(x, "LX", "no service lines", "a claim needs at least one "
                "service line");
  if (!c->n_dx)
    return fail(x, "HI", "no diagnosis", "a claim needs a principal "
                "diagnosis");
  if (c->form == 'I' && !c->facility_code[0])
    return fail(x, "CLM", "type of bill missing",
                "CLM05-1 (facility type) is empty");
  if (c->form == 'I' && !c->stmt_from)
    return fail(x, "DTP", "statement dates missing",
                "an 837I needs its statement period (DTP 434)");
  if ((c->frequency == '7' || c->frequency == '8') && !c->payer_claim_no[0])
    return fail(x, "REF", "payer claim control number missing",
                "a corrected (7) or void (8) claim needs the payer's claim "
                "control number of the original (REF F8)");
  return CC_OK;
}

static void write_claim(wctx *x, const cc_claim *c, uint32_t parent) {
  x->c = c;
  /* 2000B subscriber */
  uint32_t sub_hl = ++x->hl;
  seg(x, "HL", 4, num(x, sub_hl), num(x, parent), "22",
      c->has_patient ? "1" : "0");
  const char *rel = c->has_patient ? "" : "18";
  seg(x, "SBR", 9, chs(x, c->responsibility ? c->responsibility : 'P'), rel,
      c->group_number, c->group_name,
      c->form == 'P' && c->responsibility != 'P' ? c->insurance_type : "",
      "", "", "", c->filing_indicator[0] ? c->filing_indicator : "CI");
  const cc_claim_party *sub = &c->subscriber.name;
  nm1_as(x, "IL", sub, "MI", sub->entity ? sub->entity : '1', true);
  addr(x, sub);
  if (!c->has_patient && c->subscriber.birth_date)
    seg(x, "DMG", 3, "D8", d8s(x, c->subscriber.birth_date),
        chs(x, c->subscriber.sex ? c->subscriber.sex : 'U'));
  nm1_as(x, "PR", &c->payer, "PI", '2', true);
  addr(x, &c->payer);
  /* 2000C patient */
  if (c->has_patient) {
    seg(x, "HL", 4, num(x, ++x->hl), num(x, sub_hl), "23", "0");
    seg(x, "PAT", 1, c->relationship[0] ? c->relationship : "G8");
    /* NM108/109 are not used for 2010CA */
    nm1_as(x, "QC", &c->patient.name, "", '1', false);
    addr(x, &c->patient.name);
    seg(x, "DMG", 3, "D8", d8s(x, c->patient.birth_date),
        chs(x, c->patient.sex ? c->patient.sex : 'U'));
  }
  /* 2300 */
  const char *clm05_parts[3] = {c->facility_code,
                                c->form == 'P' ? "B" : "A",
                                chs(x, c->frequency ? c->frequency : '1')};
  const char *rc_parts[4] = {c->related_causes[0], c->related_causes[1],
                             c->related_causes[2], c->accident_state};
  const char *clm11 = c->related_causes[0][0] ? comp(x, 4, rc_parts) : "";
  if (c->form == 'P')
    seg(x, "CLM", 12, c->pcn, amt(x, c->total), "", "",
        comp(x, 3, clm05_parts), chs(x, c->provider_sig ? c->provider_sig
                                                        : 'Y'),
        chs(x, c->assignment ? c->assignment : 'A'),
        chs(x, c->benefits_assign ? c->benefits_assign : 'Y'),
        chs(x, c->release_info ? c->release_info : 'Y'),
        c->patient_sig ? chs(x, c->patient_sig) : "", clm11,
        c->special_program);
  else
    seg(x, "CLM", 9, c->pcn, amt(x, c->total), "", "",
        comp(x, 3, clm05_parts), "",
        chs(x, c->assignment ? c->assignment : 'A'),
        chs(x, c->benefits_assign ? c->benefits_assign : 'Y'),
        chs(x, c->release_info ? c->release_info : 'Y'));
  /* ISA and GS precede ST, from which the writer counts */
  x->clm_at = x->w.seg_count + 2;
  if (c->form == 'I') {
    for (uint16_t i = 0; i < c->n_dates; i++)
      if (is_qual(c->dates[i].qual, "096"))
        seg(x, "DTP", 3, "096", c->dates[i].fmt, c->dates[i].value);
    /* the statement period is always a range in the 837I */
    char *s = scratch(x);
    *put_d8(c->stmt_from, s) = '-';
    put_d8(c->stmt_to ? c->stmt_to : c->stmt_from, s + 9);
    seg(x, "DTP", 3, "434", "RD8", s);
  }
  for (uint16_t i = 0; i < c->n_dates; i++) {
    const cc_claim_date *d = &c->dates[i];
    if (c->form == 'I' && is_qual(d->qual, "096")) continue;
    seg(x, "DTP", 3, d->qual, d->fmt, d->value);
  }
  if (c->form == 'I' && (c->admission_type || c->admission_source ||
                         c->patient_status[0]))
    seg(x, "CL1", 3, c->admission_type ? chs(x, c->admission_type) : "",
        c->admission_source ? chs(x, c->admission_source) : "",
        c->patient_status);
  if (c->referral_no[0]) seg(x, "REF", 2, "9F", c->referral_no);
  if (c->prior_auth[0]) seg(x, "REF", 2, "G1", c->prior_auth);
  if (c->payer_claim_no[0]) seg(x, "REF", 2, "F8", c->payer_claim_no);
  if (c->medical_record[0]) seg(x, "REF", 2, "EA", c->medical_record);
  if (c->note[0]) seg(x, "NTE", 2, c->note_qual[0] ? c->note_qual : "ADD",
                      c->note);
  if (c->form == 'P') {
    dx_segments(x, c);
  } else {
    /* principal, admitting, reason for visit, external cause, DRG, other
     * diagnoses, procedures, occurrence span, occurrence, value,
     * condition, treatment: the guide's order of HI uses */
    cc_claim one = {0};
    if (c->n_dx) {
      one.form = 'I';
      one.dx[0] = c->dx[0];
      one.n_dx = 1;
      dx_segments(x, &one);
    }
    static const char *const fam[][3] = {
        {"ABJ", "BJ", NULL}, {"APR", "PR", NULL}, {"ABN", "BN", NULL},
        {"DR", NULL, NULL}};
    for (size_t f = 0; f < sizeof fam / sizeof fam[0]; f++)
      hi_family(x, c, fam[f]);
    if (c->n_dx > 1) {
      cc_claim rest = {0};
      rest.form = 'P'; /* write as plain composites, no principal split */
      for (uint16_t i = 1; i < c->n_dx; i++) rest.dx[rest.n_dx++] = c->dx[i];
      dx_segments(x, &rest);
    }
    static const char *const fam2[][3] = {
        {"BBR", "BR", "CAH"}, {"BBQ", "BQ", NULL}, {"BI", NULL, NULL},
        {"BH", NULL, NULL}, {"BE", NULL, NULL}, {"BG", NULL, NULL},
        {"TC", NULL, NULL}};
    for (size_t f = 0; f < sizeof fam2 / sizeof fam2[0]; f++)
      hi_family(x, c, fam2[f]);
  }
  /* 2310 providers */
  if (c->form == 'P') {
    provider(x, "DN", &c->referring, false, false);
    if (!same_party(&c->rendering, &c->billing))
      provider(x, "82", &c->rendering, true, false);
    provider(x, "77", &c->facility, false, true);
    provider(x, "DQ", &c->supervising, false, false);
  } else {
    provider(x, "71", &c->attending, true, false);
    provider(x, "72", &c->operating, false, false);
    provider(x, "82", &c->rendering, false, false);
    provider(x, "77", &c->facility, false, true);
    provider(x, "DN", &c->referring, false, false);
  }
  other_payers(x, c);
  for (uint32_t i = 0; i < c->n_lines; i++) line(x, c, &c->lines[i], i + 1);
}

cc_code cc_claims_write(const cc_claim *const *claims, size_t n,
                        const cc_claims_envelope *env, cc_buf *out,
                        uint32_t *clm_seg, cc_err *err) {
  if (!n) return cc_err_set(err, CC_E_USAGE, "no claims to write", NULL);
  wctx *x = calloc(1, sizeof *x);
  if (!x) return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  x->err = err;
  x->form = claims[0]->form;
  if (x->form != 'P' && x->form != 'I') {
    free(x);
    return cc_err_set(err, CC_E_INVALID, "unknown claim form",
                      "claim %s: form must be P or I", claims[0]->pcn);
  }
  for (size_t i = 0; i < n && !x->rc; i++) check(x, claims[i]);
  if (!x->rc && (!env->submitter_id || !env->submitter_id[0] ||
                 !env->receiver_id || !env->receiver_id[0] ||
                 !env->submitter_name || !env->receiver_name)) {
    x->c = NULL;
    fail(x, "NM1", "submitter or receiver missing",
         "the practice settings need submitter and receiver name and ID");
  }
  if (x->rc) {
    cc_code rc = x->rc;
    free(x);
    return rc;
  }
  size_t start = out->n;
  const char *version = x->form == 'P' ? "005010X222A1" : "005010X223A2";
  cc_x12_writer_init(&x->w, out, DELIMS, env->eol ? env->eol : "", err);
  /* one reservation for the batch: a two-line 837P claim is about 380
   * bytes; bigger claims grow the buffer geometrically */
  size_t want = 1024 + n * 512,
         room = out->limit > out->n ? out->limit - out->n : 0;
  if (x12_write_reserve(&x->w, want < room ? want : room) != CC_OK)
    x->rc = x->w.rc;
  char hhmm[8];
  snprintf(hhmm, sizeof hhmm, "%04d", env->hhmm);
  char ctl[10];
  snprintf(ctl, sizeof ctl, "%04u", env->st_control);
  cc_x12_envelope e = {
      .sender_qual = env->isa_sender_qual ? env->isa_sender_qual : "ZZ",
      .sender_id = env->isa_sender_id ? env->isa_sender_id
                                      : env->submitter_id,
      .receiver_qual = env->isa_receiver_qual ? env->isa_receiver_qual : "ZZ",
      .receiver_id = env->isa_receiver_id ? env->isa_receiver_id
                                          : env->receiver_id,
      .gs_sender = env->isa_sender_id ? env->isa_sender_id
                                      : env->submitter_id,
      .gs_receiver = env->isa_receiver_id ? env->isa_receiver_id
                                          : env->receiver_id,
      .func_id = "HC",
      .version = version,
      .isa_control = env->isa_control,
      .gs_control = env->gs_control,
      .date = env->date ? env->date : cc_date_today(),
      .hhmm = env->hhmm,
      .usage = env->usage ? env->usage : 'T',
      .ack_requested = false};
  if (cc_x12_write_open(&x->w, &e) != CC_OK) x->rc = x->w.rc;
  if (!x->rc) cc_x12_write_st(&x->w, "837", ctl, version);
  seg(x, "BHT", 6, "0019", "00",
      env->batch_ref && env->batch_ref[0] ? env->batch_ref : ctl,
      d8s(x, e.date), hhmm, "CH");
  seg(x, "NM1", 9, "41", "2", env->submitter_name, "", "", "", "", "46",
      env->submitter_id);
  seg(x, "PER", 4, "IC",
      env->contact_name && env->contact_name[0] ? env->contact_name
                                                : env->submitter_name,
      "TE", env->contact_phone && env->contact_phone[0] ? env->contact_phone
                                                        : "0000000000");
  seg(x, "NM1", 9, "40", "2", env->receiver_name, "", "", "", "", "46",
      env->receiver_id);
  /* Claims with a patient loop (2000C) go first. The order of claims in an
   * interchange means nothing to a payer, and our validator (like some
   * clearinghouse edits) treats a patient loop after any "subscriber is
   * the patient" SBR of the same set as an error. */
  size_t *order = malloc(n * sizeof *order);
  if (!order) x->rc = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  size_t no = 0;
  for (int pass = 0; order && pass < 2; pass++)
    for (size_t i = 0; i < n; i++)
      if (claims[i]->has_patient == (pass == 0)) order[no++] = i;
  const cc_claim *prev = NULL;
  uint32_t bill_hl = 0;
  for (size_t i = 0; i < n && !x->rc; i++) {
    const cc_claim *c = claims[order[i]];
    x->c = c;
    if (!prev || !same_party(&prev->billing, &c->billing) ||
        !same_party(&prev->pay_to, &c->pay_to)) {
      bill_hl = ++x->hl;
      seg(x, "HL", 4, num(x, bill_hl), "", "20", "1");
      prv(x, "BI", c->billing.taxonomy);
      const cc_claim_party *b = &c->billing;
      nm1(x, "85", b, "XX");
      addr(x, b);
      seg(x, "REF", 2, b->tax_id_qual[0] ? b->tax_id_qual : "EI", b->tax_id);
      if (c->pay_to.addr1[0]) {
        seg(x, "NM1", 2, "87", c->pay_to.entity == '1' ? "1" : "2");
        addr(x, &c->pay_to);
      }
    }
    prev = c;
    write_claim(x, c, bill_hl);
    if (clm_seg) clm_seg[order[i]] = x->clm_at;
  }
  if (!x->rc) cc_x12_write_se(&x->w, ctl);
  if (!x->rc) cc_x12_write_close(&x->w, &e, 1);
  if (!x->rc && x->w.rc) x->rc = x->w.rc;
  cc_code rc = x->rc;
  if (rc) {
    out->n = start; /* nothing half-written stays in the buffer */
    if (out->p) out->p[start] = '\0';
  }
  free(order);
  free(x);
  return rc;
}
