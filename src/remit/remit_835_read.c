/* remit_835_read.c - an 835 into the remittance model: payments, claims,
 * service lines, adjustments, remarks and PLB, and the balancing check
 * (BPR02 = sum of CLP04 - sum of PLB) that rejects a file before posting. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/x12.h"
#include "remit_int.h"

/* Grow an array held as (ptr, n, cap) by one zeroed element. */
static void *grow(void **p, size_t *n, size_t *cap, size_t size) {
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 16;
    void *np = realloc(*p, nc * size);
    if (!np) return NULL;
    *p = np;
    *cap = nc;
  }
  void *e = (char *)*p + *n * size;
  memset(e, 0, size);
  (*n)++;
  return e;
}
#define GROW(f, a) grow((void **)&(f)->a, &(f)->n##a, &(f)->cap##a, sizeof *(f)->a)

void remit_file_free(remit_file *f) {
  free(f->set); free(f->claim); free(f->line); free(f->adj); free(f->plb);
  memset(f, 0, sizeof *f);
}

static cc_code amount(const cc_x12_seg *sg, unsigned pos, bool required,
                      cc_money *out, const char *name, cc_err *err) {
  cc_slice v = pos <= sg->nel ? sg->el[pos] : (cc_slice){0};
  *out = CC_MONEY(0);
  if (v.n == 0 && !required) return CC_OK;
  if (cc_money_parse(v, out, err) != CC_OK) {
    cc_err_set(err, CC_E_INVALID, "amount is not a valid X12 amount",
               "%s%02u is '%.*s'", sg->id, pos, (int)(v.n > 40 ? 40 : v.n),
               v.p ? v.p : "");
    err->elem_pos = (uint16_t)pos;
    (void)name;
    return CC_E_INVALID;
  }
  return CC_OK;
}

static cc_slice el(const cc_x12_seg *sg, unsigned pos) {
  return pos <= sg->nel ? cc_slice_trim(sg->el[pos]) : (cc_slice){"", 0};
}

static void add_code(char *list, size_t cap, cc_slice code) {
  if (code.n == 0) return;
  size_t len = strlen(list);
  if (len + code.n + 2 > cap) return;
  if (len) list[len++] = ' ';
  memcpy(list + len, code.p, code.n);
  list[len + code.n] = 0;
}

static void d8_iso(cc_slice v, char out[11]) {
  cc_day d;
  out[0] = 0;
  if (cc_date_parse_d8(v, &d) == CC_OK) cc_date_iso(d, out);
}

static void seg_where(cc_err *err, const char *name, const cc_x12_seg *sg) {
  if (!err) return;
  err->file = name;
  err->seg_pos = (uint32_t)sg->index;
  err->byte_off = (size_t)sg->offset;
  memcpy(err->seg_id, sg->id, sizeof err->seg_id);
}

/* Each set must balance before anything is posted. */
static cc_code check_balance(const remit_file *f, const remit_set *s,
                             const char *name, cc_err *err) {
  cc_money sum = CC_MONEY(0);
  for (size_t i = 0; i < s->nclaim; i++)
    if (cc_money_add(&sum, f->claim[s->claim0 + i].paid))
      return cc_err_set(err, CC_E_OVERFLOW, "amount out of range", "CLP04");
  for (size_t i = 0; i < s->nplb; i++)
    if (cc_money_sub(&sum, f->plb[s->plb0 + i].amount))
      return cc_err_set(err, CC_E_OVERFLOW, "amount out of range", "PLB");
  if (sum.cents != s->paid.cents) {
    char a[24], b[24], d[24];
    cc_money diff = s->paid;
    if (cc_money_sub(&diff, sum)) diff = CC_MONEY(0);
    cc_err_set(err, CC_E_UNBALANCED,
               "the remittance does not balance: nothing was posted",
               "BPR02 pays %s but the claims (CLP04) less provider "
               "adjustments (PLB) come to %s: off by %s (trace %.*s)",
               cc_money_fmt(s->paid, a), cc_money_fmt(sum, b),
               cc_money_fmt(diff, d), (int)s->trace.n, s->trace.p);
    if (err) { err->file = name; err->seg_pos = s->seg; memcpy(err->seg_id, "BPR", 4); err->elem_pos = 2; }
    return CC_E_UNBALANCED;
  }
  return CC_OK;
}

cc_code remit_835_read(const char *p, size_t n, const char *name,
                       remit_file *f, cc_err *err) {
  memset(f, 0, sizeof *f);
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  if (!lx) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  cc_x12_seg sg;
  cc_code rc;
  remit_set *set = NULL;
  remit_claim *clm = NULL;
  remit_line *ln = NULL;
  bool in_835 = false, seen_st = false;
  char comp = ':';
  while ((rc = cc_x12_lexer_next(lx, &sg, err)) == CC_OK) {
    const char *id = sg.id;
    /* A set still open when an envelope segment or the next ST comes has
     * lost its SE: its claims would belong to no set and go unchecked. */
    if (set && (!strcmp(id, "ST") || !strcmp(id, "ISA") ||
                !strcmp(id, "GS") || !strcmp(id, "GE") ||
                !strcmp(id, "IEA"))) {
      rc = cc_err_set(err, CC_E_SYNTAX, "an 835 transaction set has no SE",
                      "transaction set %.*s is still open at %s",
                      (int)(set->st_control.n > 9 ? 9 : set->st_control.n),
                      set->st_control.p, id);
      goto bad;
    }
    if (!strcmp(id, "ISA")) {
      comp = cc_x12_lexer_delims(lx).comp;
      if (!f->isa[0]) cc_slice_copy(el(&sg, 13), f->isa, sizeof f->isa);
      continue;
    }
    if (!strcmp(id, "GS")) {
      if (!f->gs[0]) {
        cc_slice_copy(el(&sg, 6), f->gs, sizeof f->gs);
        cc_slice_copy(el(&sg, 8), f->version, sizeof f->version);
      }
      continue;
    }
    if (!strcmp(id, "ST")) {
      seen_st = true;
      in_835 = cc_slice_eq(el(&sg, 1), "835");
      if (!in_835) {
        rc = cc_err_set(err, CC_E_INVALID, "this is not an 835 remittance",
                        "transaction set %.*s where 835 was expected",
                        (int)el(&sg, 1).n, el(&sg, 1).p);
        seg_where(err, name, &sg);
        goto out;
      }
      if (!(set = GROW(f, set))) goto nomem;
      set->st_control = el(&sg, 2);
      set->claim0 = f->nclaim;
      set->plb0 = f->nplb;
      clm = NULL; ln = NULL;
      continue;
    }
    if (!in_835 || !set) continue;
    if (!strcmp(id, "SE")) {
      set->nclaim = f->nclaim - set->claim0;
      set->nplb = f->nplb - set->plb0;
      if ((rc = check_balance(f, set, name, err))) goto out;
      in_835 = false; set = NULL; clm = NULL; ln = NULL;
      continue;
    }
    if (!strcmp(id, "BPR")) {
      if ((rc = amount(&sg, 2, true, &set->paid, "BPR02", err))) goto bad;
      set->method = el(&sg, 4);
      set->pay_date = el(&sg, 16);
      set->seg = (uint32_t)sg.index;
    } else if (!strcmp(id, "TRN")) {
      set->trace = el(&sg, 2);
      if (el(&sg, 3).n) set->payer_key = el(&sg, 3);
    } else if (!strcmp(id, "N1") && !clm) {
      if (cc_slice_eq(el(&sg, 1), "PR")) set->payer_name = el(&sg, 2);
    } else if (!strcmp(id, "REF") && !clm && cc_slice_eq(el(&sg, 1), "2U")) {
      if (!set->payer_key.n) set->payer_key = el(&sg, 2);
    } else if (!strcmp(id, "CLP")) {
      if (!(clm = GROW(f, claim))) goto nomem;
      ln = NULL;
      clm->id = el(&sg, 1);
      clm->status = el(&sg, 2);
      clm->payer_claim_no = el(&sg, 7);
      clm->seg = (uint32_t)sg.index;
      clm->adj0 = f->nadj;
      clm->line0 = f->nline;
      if ((rc = amount(&sg, 3, true, &clm->charge, "CLP03", err)) ||
          (rc = amount(&sg, 4, true, &clm->paid, "CLP04", err)) ||
          (rc = amount(&sg, 5, false, &clm->patient_resp, "CLP05", err)))
        goto bad;
      if (!clm->id.n) {
        rc = cc_err_set(err, CC_E_INVALID, "claim payment without our claim "
                        "number", "CLP01 is empty");
        goto bad;
      }
    } else if (!strcmp(id, "SVC") && clm) {
      if (!(ln = GROW(f, line))) goto nomem;
      cc_slice parts[6];
      size_t np = cc_x12_split(el(&sg, 1), comp, parts, 6);
      ln->code = np > 1 ? parts[1] : el(&sg, 1);
      for (size_t k = 2; k < np && k < 6; k++) ln->mods[k - 2] = parts[k];
      ln->seg = (uint32_t)sg.index;
      ln->adj0 = f->nadj;
      if ((rc = amount(&sg, 2, true, &ln->charge, "SVC02", err)) ||
          (rc = amount(&sg, 3, true, &ln->paid, "SVC03", err)))
        goto bad;
      clm->nline++;
    } else if (!strcmp(id, "NM1") && clm && !ln) {
      /* Only identifiers a payer issues to its member (NM108 MI member id,
       * HN Medicare claim number, II unique health identifier) say whose
       * payment this is; MR and the like are the provider's own numbers. */
      cc_slice q = el(&sg, 1), idq = el(&sg, 8);
      bool member = cc_slice_eq(idq, "MI") || cc_slice_eq(idq, "HN") ||
                    cc_slice_eq(idq, "II");
      if (cc_slice_eq(q, "QC")) {
        clm->pat_last = el(&sg, 3);
        clm->pat_first = el(&sg, 4);
        if (member) clm->member_id = el(&sg, 9);
      } else if (cc_slice_eq(q, "IL") && member) {
        clm->insured_id = el(&sg, 9);
      }
    } else if (!strcmp(id, "CAS") && clm) {
      /* The group decides where the money goes; an unknown one cannot be
       * posted (code list 1033). */
      cc_slice g = el(&sg, 1);
      if (!(cc_slice_eq(g, "CO") || cc_slice_eq(g, "PR") ||
            cc_slice_eq(g, "OA") || cc_slice_eq(g, "PI") ||
            cc_slice_eq(g, "CR"))) {
        rc = cc_err_set(err, CC_E_INVALID, "unknown claim adjustment group",
                        "CAS01 is '%.*s'; expected CO, PR, OA, PI or CR",
                        (int)(g.n > 8 ? 8 : g.n), g.p);
        if (err) err->elem_pos = 1;
        goto bad;
      }
      for (unsigned k = 2; k + 1 <= sg.nel && k <= 17; k += 3) {
        if (!el(&sg, k).n) continue;
        remit_adj *a = GROW(f, adj);
        if (!a) goto nomem;
        cc_slice_copy(el(&sg, 1), a->group, sizeof a->group);
        cc_slice_copy(el(&sg, k), a->reason, sizeof a->reason);
        a->seg = (uint32_t)sg.index;
        if ((rc = amount(&sg, k + 1, true, &a->amount, "CAS", err))) goto bad;
        if (ln) ln->nadj++;
        else clm->nadj++;
      }
    } else if (!strcmp(id, "DTM") && clm) {
      cc_slice q = el(&sg, 1);
      if (ln && (cc_slice_eq(q, "472") || cc_slice_eq(q, "150")))
        d8_iso(el(&sg, 2), ln->date);
    } else if (!strcmp(id, "REF") && ln && cc_slice_eq(el(&sg, 1), "6R")) {
      ln->control = el(&sg, 2);
    } else if (!strcmp(id, "AMT") && ln && cc_slice_eq(el(&sg, 1), "B6")) {
      if ((rc = amount(&sg, 2, true, &ln->allowed, "AMT02", err))) goto bad;
      ln->has_allowed = true;
    } else if (!strcmp(id, "LQ") && ln && cc_slice_eq(el(&sg, 1), "HE")) {
      add_code(ln->remarks, sizeof ln->remarks, el(&sg, 2));
    } else if (!strcmp(id, "MOA") && clm) {
      for (unsigned k = 3; k <= 7; k++)
        add_code(clm->remarks, sizeof clm->remarks, el(&sg, k));
    } else if (!strcmp(id, "MIA") && clm) {
      add_code(clm->remarks, sizeof clm->remarks, el(&sg, 5));
      for (unsigned k = 20; k <= 23; k++)
        add_code(clm->remarks, sizeof clm->remarks, el(&sg, k));
    } else if (!strcmp(id, "PLB")) {
      clm = NULL; ln = NULL;
      for (unsigned k = 3; k + 1 <= sg.nel && k <= 13; k += 2) {
        if (!el(&sg, k).n) continue;
        remit_plb *b = GROW(f, plb);
        if (!b) goto nomem;
        cc_slice parts[2];
        size_t np = cc_x12_split(el(&sg, k), comp, parts, 2);
        b->reason = parts[0];
        b->reference = np > 1 ? parts[1] : (cc_slice){"", 0};
        b->provider = el(&sg, 1);
        b->fiscal_date = el(&sg, 2);
        b->seg = (uint32_t)sg.index;
        if ((rc = amount(&sg, k + 1, true, &b->amount, "PLB", err))) goto bad;
      }
    }
    continue;
  bad:
    seg_where(err, name, &sg);
    goto out;
  }
  if (rc == CC_E_EOF) {
    rc = CC_OK;
    if (!seen_st || f->nset == 0)
      rc = cc_err_set(err, CC_E_INVALID, "this is not an 835 remittance",
                      "no 835 transaction set in %s", name);
    else if (set)
      rc = cc_err_set(err, CC_E_SYNTAX, "the 835 ends without its SE",
                      "transaction set %.*s is cut short",
                      (int)set->st_control.n, set->st_control.p);
    else
      for (size_t i = 0; i < f->nset; i++)
        if (!f->set[i].trace.n) {
          rc = cc_err_set(err, CC_E_INVALID, "the 835 has no trace number",
                          "TRN02 is missing in transaction set %.*s",
                          (int)f->set[i].st_control.n, f->set[i].st_control.p);
          break;
        }
  }
out:
  cc_x12_lexer_free(lx);
  if (rc) remit_file_free(f);
  return rc;
nomem:
  rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "reading %s", name);
  goto out;
}
