/* claims_parse.c - reads 837P/837I interchanges into cc_claim values through
 * the loop-aware reader, one callback per claim with its problems attached.
 * Buffers are reused from claim to claim so the hot path does not allocate. */
#include <stdlib.h>
#include <string.h>

#include "claims/claims_int.h"
#include "x12/x12_int.h"

/* Which header level a reader finding belongs to: findings about the
 * billing provider or subscriber loops concern every claim under them. */
enum { LV_SET, LV_BILLING, LV_SUBSCRIBER, LV_PATIENT, LV_CLAIM, LV_N };

typedef struct plist {
  cc_claim_problem *v;
  size_t n, cap;
} plist;

typedef struct parser {
  cc_x12_reader *r;
  const char *name;
  cc_claims_fn fn;
  void *ctx;
  cc_claims_stats st;
  bool stop;
  /* envelope */
  char isa13[10], gs06[10], gs08[13];
  bool in_set, skip_set;
  char form;
  /* header levels carried into each claim */
  cc_claim_party billing, pay_to, payer;
  char billing_taxonomy[51]; /* 2000A PRV comes before the 2010AA NM1 */
  cc_claim_person subscriber, patient;
  bool has_patient;
  char responsibility, relationship[3], group_number[51], group_name[61],
      insurance_type[4], filing_indicator[3], pat_rel[3];
  cc_claim_loc sbr_loc;
  char st02[10], version[13], bht03[31];
  /* the open claim */
  cc_claim c;
  bool open;
  cc_claim_line *lines;
  uint32_t n_lines, cap_lines;
  cc_claim_line_adj *adj;
  uint32_t n_adj, cap_adj;
  uint32_t *adj_first;   /* per line: first adj index */
  cc_claim_other_payer *other;
  uint16_t n_other;
  /* where NM1-dependent segments (N3, N4, REF, PRV) go */
  cc_claim_party *party;
  cc_claim_line_prov *lprov;
  cc_claim_person *person;
  plist prob[LV_N];
  plist out;             /* problems handed to the callback */
  plist pending;         /* reader findings about the segment just read */
  bool oom;
} parser;

/* ------------------------------------------------------------ helpers -- */

void claims_set(char *dst, size_t cap, const char *src) {
  size_t n = src ? strlen(src) : 0;
  if (n >= cap) n = cap - 1;
  memcpy(dst, src ? src : "", n);
  dst[n] = '\0';
}

bool claims_parse_milli(cc_slice s, int64_t *out) {
  int64_t whole = 0, frac = 0;
  int nfrac = 0;
  bool point = false, digit = false;
  if (s.n == 0) return false;
  for (size_t i = 0; i < s.n; i++) {
    char ch = s.p[i];
    if (ch == '.' && !point) {
      point = true;
      continue;
    }
    if (ch < '0' || ch > '9') return false;
    digit = true;
    if (point) {
      if (++nfrac > 3) return false;
      frac = frac * 10 + (ch - '0');
    } else if (__builtin_mul_overflow(whole, 10, &whole) ||
               __builtin_add_overflow(whole, ch - '0', &whole) ||
               whole > INT64_MAX / 1000 - 1) {
      return false;
    }
  }
  if (!digit) return false;
  while (nfrac++ < 3) frac *= 10;
  *out = whole * 1000 + frac;
  return true;
}

char *claims_fmt_milli(int64_t v, char *buf) {
  /* hand-rolled: the writer calls this for every line */
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  uint64_t w = u / 1000;
  unsigned f = (unsigned)(u % 1000);
  char tmp[24], *p = buf;
  int k = 0;
  if (v < 0) *p++ = '-';
  do tmp[k++] = (char)('0' + w % 10); while ((w /= 10));
  while (k) *p++ = tmp[--k];
  if (f) {
    *p++ = '.';
    *p++ = (char)('0' + f / 100);
    if (f % 100) {
      *p++ = (char)('0' + f / 10 % 10);
      if (f % 10) *p++ = (char)('0' + f % 10);
    }
  }
  *p = '\0';
  return buf;
}

/* The level a loop belongs to; claim loops only while a claim is open. */
static int level_of(const parser *p, const char *loop) {
  if (strncmp(loop, "2000A", 5) == 0 || strncmp(loop, "2010A", 5) == 0)
    return LV_BILLING;
  if (strncmp(loop, "2000B", 5) == 0 || strncmp(loop, "2010B", 5) == 0)
    return LV_SUBSCRIBER;
  if (strncmp(loop, "2000C", 5) == 0 || strncmp(loop, "2010C", 5) == 0)
    return LV_PATIENT;
  if (loop[0] == '2' && (loop[1] == '3' || loop[1] == '4'))
    return p->open ? LV_CLAIM : LV_SET;
  return LV_SET;
}

static cc_claim_problem *padd(parser *p, plist *l) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    if (cap > 4096) return NULL; /* a claim with thousands: enough said */
    cc_claim_problem *v = realloc(l->v, cap * sizeof *v);
    if (!v) {
      p->oom = true;
      return NULL;
    }
    l->v = v;
    l->cap = cap;
  }
  cc_claim_problem *pr = &l->v[l->n++];
  memset(pr, 0, sizeof *pr);
  return pr;
}

static cc_claim_loc loc_of(const cc_x12_item *it, uint16_t elem,
                           uint16_t comp) {
  cc_claim_loc l = {(uint32_t)it->seg->index, it->st_pos, elem, comp};
  return l;
}

/* A problem the parser itself finds, at the current segment. */
static void problem(parser *p, const cc_x12_item *it,
                    cc_claim_problem_kind kind, uint16_t elem,
                    const char *msg, const char *fmt, const char *arg) {
  cc_claim_problem *pr = padd(p, &p->prob[level_of(p, it->loop_id)]);
  if (!pr) return;
  pr->kind = kind;
  pr->sev = CC_SEV_ERROR;
  pr->line = p->open && p->n_lines ? p->lines[p->n_lines - 1].lx : 0;
  cc_err *w = &pr->where;
  w->code = CC_E_INVALID;
  w->msg = msg;
  w->file = p->name;
  w->byte_off = it->seg->offset;
  w->seg_pos = (uint32_t)it->seg->index;
  snprintf(w->seg_id, sizeof w->seg_id, "%s", it->seg->id);
  snprintf(w->loop_id, sizeof w->loop_id, "%s", it->loop_id);
  w->elem_pos = elem;
  if (fmt) snprintf(w->detail, sizeof w->detail, fmt, arg ? arg : "");
}

/* Copy an element into a fixed field; a value that does not fit is kept
 * truncated and reported, never silently cut. */
static void cp(parser *p, const cc_x12_item *it, char *dst, size_t cap,
               unsigned pos, unsigned comp) {
  cc_slice s = cc_x12_item_value(p->r, it, pos, comp);
  if (s.n >= cap) {
    char v[48];
    cc_slice_copy(s, v, sizeof v);
    problem(p, it, CC_CLAIM_P_TOO_LONG, (uint16_t)pos,
            "value longer than the claim record holds",
            "'%s' was truncated", v);
  }
  cc_slice_copy(s, dst, cap);
}
#define CP(dst, pos, comp) cp(p, it, (dst), sizeof(dst), (pos), (comp))

static char ch1(parser *p, const cc_x12_item *it, unsigned pos,
                unsigned comp) {
  cc_slice s = cc_x12_item_value(p->r, it, pos, comp);
  return s.n ? s.p[0] : 0;
}

static bool el_is(parser *p, const cc_x12_item *it, unsigned pos,
                  const char *v) {
  return cc_slice_eq(cc_x12_item_value(p->r, it, pos, 0), v);
}

static cc_money money(parser *p, const cc_x12_item *it, unsigned pos,
                      bool *has) {
  cc_money m = {0};
  cc_slice s = cc_x12_item_value(p->r, it, pos, 0);
  if (has) *has = false;
  if (!s.n) return m;
  if (cc_money_parse(s, &m, NULL) != CC_OK) {
    char v[40];
    cc_slice_copy(s, v, sizeof v);
    problem(p, it, CC_CLAIM_P_VALUE, (uint16_t)pos, "amount cannot be read",
            "'%s' is not an amount with at most two decimals", v);
    m.cents = 0;
    return m;
  }
  if (has) *has = true;
  return m;
}

static int64_t milli(parser *p, const cc_x12_item *it, unsigned pos,
                     unsigned comp) {
  int64_t v = 0;
  cc_slice s = cc_x12_item_value(p->r, it, pos, comp);
  if (s.n && !claims_parse_milli(s, &v)) {
    char t[40];
    cc_slice_copy(s, t, sizeof t);
    problem(p, it, CC_CLAIM_P_VALUE, (uint16_t)pos, "quantity cannot be read",
            "'%s' is not a number with at most three decimals", t);
  }
  return v;
}

static cc_day d8(parser *p, const cc_x12_item *it, cc_slice s,
                 unsigned pos) {
  cc_day d = 0;
  if (s.n && cc_date_parse_d8(s, &d) != CC_OK) {
    char t[40];
    cc_slice_copy(s, t, sizeof t);
    problem(p, it, CC_CLAIM_P_VALUE, (uint16_t)pos, "date cannot be read",
            "'%s' is not a date CCYYMMDD", t);
    d = 0;
  }
  return d;
}

/* DTP02/DTP03 as a date or a range of dates. */
static void dtp_range(parser *p, const cc_x12_item *it, cc_day *from,
                      cc_day *to) {
  cc_slice v = cc_x12_item_value(p->r, it, 3, 0);
  if (el_is(p, it, 2, "RD8")) {
    const char *dash = memchr(v.p, '-', v.n);
    if (!dash) {
      *from = *to = d8(p, it, v, 3);
      return;
    }
    *from = d8(p, it, (cc_slice){v.p, (size_t)(dash - v.p)}, 3);
    *to = d8(p, it, (cc_slice){dash + 1, (size_t)(v.p + v.n - dash - 1)}, 3);
  } else {
    *from = *to = d8(p, it, v, 3);
  }
}

/* ------------------------------------------------------------- claims -- */

static void start_claim(parser *p, const cc_x12_item *it) {
  cc_claim *c = &p->c;
  cc_claims_init(c, p->form);
  c->billing = p->billing;
  if (!c->billing.taxonomy[0])
    memcpy(c->billing.taxonomy, p->billing_taxonomy,
           sizeof c->billing.taxonomy);
  c->pay_to = p->pay_to;
  c->payer = p->payer;
  c->subscriber = p->subscriber;
  c->responsibility = p->responsibility;
  memcpy(c->relationship, p->has_patient ? p->pat_rel : p->relationship,
         sizeof c->relationship);
  memcpy(c->group_number, p->group_number, sizeof c->group_number);
  memcpy(c->group_name, p->group_name, sizeof c->group_name);
  memcpy(c->insurance_type, p->insurance_type, sizeof c->insurance_type);
  memcpy(c->filing_indicator, p->filing_indicator,
         sizeof c->filing_indicator);
  c->sbr_loc = p->sbr_loc;
  c->has_patient = p->has_patient;
  if (p->has_patient) c->patient = p->patient;
  c->src.file = p->name;
  c->src.claim_index = ++p->st.claims;
  c->src.set_index = it->set_index;
  memcpy(c->src.st_control, p->st02, sizeof c->src.st_control);
  memcpy(c->src.isa_control, p->isa13, sizeof c->src.isa_control);
  memcpy(c->src.gs_control, p->gs06, sizeof c->src.gs_control);
  memcpy(c->src.version, p->version, sizeof c->src.version);
  memcpy(c->src.bht_ref, p->bht03, sizeof c->src.bht_ref);
  c->src.clm = loc_of(it, 0, 0);
  p->n_lines = p->n_adj = 0;
  p->n_other = 0;
  p->prob[LV_CLAIM].n = 0;
  p->party = NULL;
  p->lprov = NULL;
  p->person = NULL;
  p->open = true;
}

static void own_problem(parser *p, cc_claim_problem_kind kind,
                        const cc_claim_loc *at, const char *seg,
                        const char *loop, uint32_t line, const char *msg,
                        const char *detail) {
  cc_claim_problem *pr = padd(p, &p->prob[LV_CLAIM]);
  if (!pr) return;
  pr->kind = kind;
  pr->sev = CC_SEV_ERROR;
  pr->line = line;
  pr->where.code = CC_E_INVALID;
  pr->where.msg = msg;
  pr->where.file = p->name;
  pr->where.seg_pos = at ? at->seg : 0;
  pr->where.elem_pos = at ? at->elem : 0;
  pr->where.comp_pos = at ? at->comp : 0;
  snprintf(pr->where.seg_id, sizeof pr->where.seg_id, "%s", seg);
  snprintf(pr->where.loop_id, sizeof pr->where.loop_id, "%s", loop);
  snprintf(pr->where.detail, sizeof pr->where.detail, "%s", detail);
}

/* Checks a specialist would ask for before anything else: who is the
 * patient, who is insured, which diagnosis each line is for. */
static void check_person(parser *p, const cc_claim_person *who,
                         const char *role, const char *loop) {
  char d[160];
  const cc_claim_loc *at = &who->name.loc;
  if (!who->name.loc.seg) {
    snprintf(d, sizeof d, "the claim has no %s name (NM1)", role);
    own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, NULL, "NM1", loop, 0,
                "name missing", d);
    return;
  }
  if (!who->name.last[0]) {
    snprintf(d, sizeof d, "the %s's last name (NM103) is empty", role);
    own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, at, "NM1", loop, 0,
                "name missing", d);
  }
  if (who->name.entity == '1' && !who->name.first[0]) {
    snprintf(d, sizeof d, "the %s's first name (NM104) is empty", role);
    own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, at, "NM1", loop, 0,
                "name missing", d);
  }
  if (!who->dmg_loc.seg) {
    snprintf(d, sizeof d,
             "no demographic segment (DMG): the %s's birth date and sex "
             "are missing", role);
    own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, at, "DMG", loop, 0,
                "demographics missing", d);
  } else {
    if (!who->birth_date) {
      snprintf(d, sizeof d, "the %s's birth date (DMG02) is missing", role);
      own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, &who->dmg_loc, "DMG", loop, 0,
                  "birth date missing", d);
    }
    if (!who->sex) {
      snprintf(d, sizeof d, "the %s's sex (DMG03) is missing", role);
      own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, &who->dmg_loc, "DMG", loop, 0,
                  "sex missing", d);
    }
  }
  if (!who->name.addr1[0] || !who->name.city[0]) {
    snprintf(d, sizeof d, "the %s's address (N3/N4) is missing", role);
    own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, at, "N3", loop, 0,
                "address missing", d);
  }
}

static void own_checks(parser *p) {
  cc_claim *c = &p->c;
  char d[160];
  if (!c->subscriber.name.id[0])
    own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, &c->subscriber.name.loc, "NM1",
                "2010BA", 0, "member ID missing",
                "the subscriber's member ID (NM109) is empty");
  if (c->has_patient) {
    if (!c->subscriber.name.last[0])
      own_problem(p, CC_CLAIM_P_DEMOGRAPHICS, &c->subscriber.name.loc, "NM1",
                  "2010BA", 0, "name missing",
                  "the subscriber's last name (NM103) is empty");
    check_person(p, &c->patient, "patient", "2010CA");
  } else {
    check_person(p, &c->subscriber, "subscriber (who is the patient)",
                 "2010BA");
  }
  if (!c->billing.id[0])
    own_problem(p, CC_CLAIM_P_MISSING, &c->billing.loc, "NM1", "2010AA", 0,
                "billing provider NPI missing",
                "the billing provider has no NPI (NM109)");
  if (!c->payer.id[0])
    own_problem(p, CC_CLAIM_P_MISSING, &c->payer.loc, "NM1", "2010BB", 0,
                "payer ID missing", "the payer has no payer ID (NM109)");
  if (!c->n_lines)
    own_problem(p, CC_CLAIM_P_MISSING, &c->src.clm, "CLM", "2300", 0,
                "no service lines", "the claim has no service line (LX)");
  for (uint32_t i = 0; i < c->n_lines; i++) {
    cc_claim_line *l = &c->lines[i];
    if (!l->proc[0] && !(c->form == 'I' && l->revenue[0]))
      own_problem(p, CC_CLAIM_P_MISSING, &l->sv_loc,
                  c->form == 'I' ? "SV2" : "SV1", "2400", l->lx,
                  "procedure code missing",
                  "the service line has no procedure code");
    if (c->form != 'P') continue;
    if (!l->dx_ptr[0]) {
      cc_claim_loc at = l->sv_loc;
      at.elem = 7;
      own_problem(p, CC_CLAIM_P_DX_POINTER, &at, "SV1", "2400", l->lx,
                  "diagnosis pointer missing",
                  "the service line points at no diagnosis (SV107)");
    }
    for (int k = 0; k < 4; k++) {
      if (l->dx_ptr[k] && l->dx_ptr[k] > c->n_dx) {
        cc_claim_loc at = l->sv_loc;
        at.elem = 7;
        at.comp = (uint16_t)(k + 1);
        snprintf(d, sizeof d,
                 "diagnosis pointer %u points past the claim's %u "
                 "diagnoses", l->dx_ptr[k], (unsigned)c->n_dx);
        own_problem(p, CC_CLAIM_P_DX_POINTER, &at, "SV1", "2400", l->lx,
                    "diagnosis pointer invalid", d);
      }
    }
  }
}

static void flush_claim(parser *p) {
  if (!p->open) return;
  p->open = false;
  cc_claim *c = &p->c;
  c->lines = p->lines;
  c->n_lines = p->n_lines;
  for (uint32_t i = 0; i < p->n_lines; i++) {
    cc_claim_line *l = &p->lines[i];
    uint32_t end = i + 1 < p->n_lines ? p->adj_first[i + 1] : p->n_adj;
    l->adj = end > p->adj_first[i] ? &p->adj[p->adj_first[i]] : NULL;
    l->n_adj = (uint16_t)(end - p->adj_first[i]);
  }
  c->other = p->n_other ? p->other : NULL;
  c->n_other = p->n_other;
  own_checks(p);
  p->out.n = 0;
  for (int lv = 0; lv < LV_N; lv++) {
    for (size_t i = 0; i < p->prob[lv].n; i++) {
      cc_claim_problem *pr = padd(p, &p->out);
      if (pr) *pr = p->prob[lv].v[i];
    }
  }
  p->st.lines += c->n_lines;
  p->st.problems += (uint32_t)p->out.n;
  if (!p->stop && p->fn &&
      p->fn(p->ctx, c, p->out.v, p->out.n) != 0)
    p->stop = true;
  p->prob[LV_CLAIM].n = 0;
}

/* Reader findings are sorted by the loop they are about. One about the
 * segment just read waits until that segment has been applied (a CLM opens
 * its claim first); one about loops that just closed (a required segment
 * never seen) goes to the claim or level that was open. */
static void place_finding(parser *p, const cc_claim_problem *f) {
  int lv = level_of(p, f->where.loop_id);
  cc_claim_problem *pr = padd(p, &p->prob[lv]);
  if (!pr) return;
  *pr = *f;
  const char *loop = f->where.loop_id;
  pr->line = lv == LV_CLAIM && loop[1] == '4' && p->n_lines
                 ? p->lines[p->n_lines - 1].lx
                 : 0;
}

static void on_finding(void *ctx, const cc_x12_finding *f) {
  parser *p = ctx;
  cc_claim_problem pr;
  memset(&pr, 0, sizeof pr);
  pr.kind = CC_CLAIM_P_STRUCTURE;
  pr.sev = f->sev;
  pr.where = f->where;
  pr.where.file = p->name;
  if (strcmp(f->ack_code, "3") != 0 &&
      strcmp(f->where.seg_id, p->r->seg.id) == 0) {
    cc_claim_problem *q = padd(p, &p->pending);
    if (q) *q = pr;
    return;
  }
  if (!p->in_set || p->skip_set) return;
  place_finding(p, &pr);
}

/* ------------------------------------------------------------ segments -- */

static void name_into(parser *p, const cc_x12_item *it, cc_claim_party *n) {
  memset(n, 0, sizeof *n);
  n->entity = ch1(p, it, 2, 0);
  CP(n->last, 3, 0);
  CP(n->first, 4, 0);
  CP(n->middle, 5, 0);
  CP(n->suffix, 7, 0);
  CP(n->id_qual, 8, 0);
  CP(n->id, 9, 0);
  n->loc = loc_of(it, 0, 0);
  p->party = n;
  p->lprov = NULL;
  p->person = NULL;
}

static void party_seg(parser *p, const cc_x12_item *it, const char *id) {
  cc_claim_party *n = p->party;
  if (p->lprov && strcmp(id, "PRV") == 0) {
    CP(p->lprov->taxonomy, 3, 0);
    return;
  }
  if (!n) return;
  if (strcmp(id, "N3") == 0) {
    CP(n->addr1, 1, 0);
    CP(n->addr2, 2, 0);
    n->addr_loc = loc_of(it, 0, 0);
  } else if (strcmp(id, "N4") == 0) {
    CP(n->city, 1, 0);
    CP(n->state, 2, 0);
    CP(n->zip, 3, 0);
  } else if (strcmp(id, "PRV") == 0) {
    CP(n->taxonomy, 3, 0);
  } else if (strcmp(id, "REF") == 0) {
    if (el_is(p, it, 1, "EI") || el_is(p, it, 1, "SY")) {
      CP(n->tax_id_qual, 1, 0);
      CP(n->tax_id, 2, 0);
    } else if (!n->secondary_id[0]) {
      CP(n->secondary_id_qual, 1, 0);
      CP(n->secondary_id, 2, 0);
    }
  } else if (strcmp(id, "DMG") == 0 && p->person) {
    cc_claim_person *w = p->person;
    w->dmg_loc = loc_of(it, 0, 0);
    w->birth_date = d8(p, it, cc_x12_item_value(p->r, it, 2, 0), 2);
    w->sex = ch1(p, it, 3, 0);
  }
}

static void read_cas(parser *p, const cc_x12_item *it, cc_claim_cas *cas,
                     uint16_t *n) {
  for (unsigned k = 0; k < 6; k++) {
    unsigned pos = 2 + k * 3;
    cc_slice reason = cc_x12_item_value(p->r, it, pos, 0);
    if (!reason.n) continue;
    if (*n >= CC_CLAIM_MAX_CAS) {
      problem(p, it, CC_CLAIM_P_TOO_LONG, (uint16_t)pos,
              "too many adjustments", "%smore than 30 CAS adjustments", "");
      return;
    }
    cc_claim_cas *a = &cas[(*n)++];
    memset(a, 0, sizeof *a);
    CP(a->group, 1, 0);
    CP(a->reason, pos, 0);
    a->amount = money(p, it, pos + 1, NULL);
    a->qty_milli = milli(p, it, pos + 2, 0);
    a->loc = loc_of(it, (uint16_t)pos, 0);
  }
}

static void hi_seg(parser *p, const cc_x12_item *it) {
  cc_claim *c = &p->c;
  for (unsigned pos = 1; pos <= it->seg->nel && pos <= 24; pos++) {
    cc_slice q = cc_x12_item_value(p->r, it, pos, 1);
    if (!q.n) continue;
    bool dx = cc_slice_eq(q, "ABK") || cc_slice_eq(q, "ABF") ||
              cc_slice_eq(q, "BK") || cc_slice_eq(q, "BF");
    if (!dx && (c->form == 'P' || q.n > 3)) {
      char t[40];
      cc_x12_item_value(p->r, it, pos, 0).n > 0
          ? (void)cc_slice_copy(cc_x12_item_value(p->r, it, pos, 0), t, sizeof t)
          : (void)0;
      problem(p, it, CC_CLAIM_P_VALUE, (uint16_t)pos,
              "not a diagnosis code",
              c->form == 'P' ? "'%s' is not a diagnosis composite (ABK or ABF "
                               "qualifier, then the code)"
                             : "'%s' is not a code composite (qualifier, "
                               "then the code)",
              t);
      continue;
    }
    if (dx) {
      if (c->n_dx >= (c->form == 'P' ? 12 : CC_CLAIM_MAX_DX)) {
        problem(p, it, CC_CLAIM_P_TOO_LONG, (uint16_t)pos,
                "too many diagnoses", "%smore diagnoses than the claim form "
                "allows", "");
        continue;
      }
      cc_claim_dx *d = &c->dx[c->n_dx++];
      memset(d, 0, sizeof *d);
      CP(d->qual, pos, 1);
      CP(d->code, pos, 2);
      d->poa = ch1(p, it, pos, 9);
      d->loc = loc_of(it, (uint16_t)pos, 2);
      if (!d->code[0])
        problem(p, it, CC_CLAIM_P_MISSING, (uint16_t)pos,
                "diagnosis code missing",
                "%sthe diagnosis composite has a qualifier but no code", "");
    } else {
      if (c->n_inst_codes >= CC_CLAIM_MAX_INST_CODES) {
        problem(p, it, CC_CLAIM_P_TOO_LONG, (uint16_t)pos,
                "too many codes", "%smore than 64 institutional codes", "");
        continue;
      }
      cc_claim_code *k = &c->inst_codes[c->n_inst_codes++];
      memset(k, 0, sizeof *k);
      CP(k->qual, pos, 1);
      CP(k->code, pos, 2);
      CP(k->date_fmt, pos, 3);
      CP(k->date, pos, 4);
      cc_slice amt = cc_x12_item_value(p->r, it, pos, 5);
      if (amt.n) {
        if (cc_money_parse(amt, &k->amount, NULL) == CC_OK)
          k->has_amount = true;
        else
          problem(p, it, CC_CLAIM_P_VALUE, (uint16_t)pos,
                  "amount cannot be read", "%svalue code amount", "");
      }
      k->poa = ch1(p, it, pos, 9);
      k->loc = loc_of(it, (uint16_t)pos, 2);
    }
  }
}

static void clm_seg(parser *p, const cc_x12_item *it) {
  cc_claim *c = &p->c;
  CP(c->pcn, 1, 0);
  c->total = money(p, it, 2, NULL);
  CP(c->facility_code, 5, 1);
  c->facility_qual = ch1(p, it, 5, 2);
  c->frequency = ch1(p, it, 5, 3);
  c->provider_sig = ch1(p, it, 6, 0);
  c->assignment = ch1(p, it, 7, 0);
  c->benefits_assign = ch1(p, it, 8, 0);
  c->release_info = ch1(p, it, 9, 0);
  c->patient_sig = ch1(p, it, 10, 0);
  for (unsigned k = 0; k < 3; k++) CP(c->related_causes[k], 11, k + 1);
  CP(c->accident_state, 11, 4);
  CP(c->special_program, 12, 0);
  CP(c->delay_reason, 20, 0);
  if (c->form == 'I' && c->facility_code[0] && c->frequency)
    snprintf(c->type_of_bill, sizeof c->type_of_bill, "0%s%c",
             c->facility_code, c->frequency);
}

static void claim_seg(parser *p, const cc_x12_item *it, const char *id) {
  cc_claim *c = &p->c;
  if (strcmp(id, "DTP") == 0) {
    if (el_is(p, it, 1, "434")) {
      dtp_range(p, it, &c->stmt_from, &c->stmt_to);
    } else if (c->n_dates < CC_CLAIM_MAX_DATES) {
      cc_claim_date *d = &c->dates[c->n_dates++];
      CP(d->qual, 1, 0);
      CP(d->fmt, 2, 0);
      CP(d->value, 3, 0);
      d->loc = loc_of(it, 3, 0);
    }
  } else if (strcmp(id, "CL1") == 0) {
    c->admission_type = ch1(p, it, 1, 0);
    c->admission_source = ch1(p, it, 2, 0);
    CP(c->patient_status, 3, 0);
  } else if (strcmp(id, "REF") == 0) {
    if (el_is(p, it, 1, "F8")) CP(c->payer_claim_no, 2, 0);
    else if (el_is(p, it, 1, "G1")) CP(c->prior_auth, 2, 0);
    else if (el_is(p, it, 1, "9F")) CP(c->referral_no, 2, 0);
    else if (el_is(p, it, 1, "EA")) CP(c->medical_record, 2, 0);
  } else if (strcmp(id, "NTE") == 0) {
    CP(c->note_qual, 1, 0);
    CP(c->note, 2, 0);
  } else if (strcmp(id, "HI") == 0) {
    hi_seg(p, it);
  }
}

static cc_claim_party *claim_provider(parser *p, cc_slice nm101) {
  cc_claim *c = &p->c;
  if (cc_slice_eq(nm101, "DN") || cc_slice_eq(nm101, "P3"))
    return c->referring.loc.seg ? NULL : &c->referring;
  if (cc_slice_eq(nm101, "82")) return &c->rendering;
  if (cc_slice_eq(nm101, "77")) return &c->facility;
  if (cc_slice_eq(nm101, "DQ")) return &c->supervising;
  if (cc_slice_eq(nm101, "71")) return &c->attending;
  if (cc_slice_eq(nm101, "72")) return &c->operating;
  return NULL;
}

static cc_claim_line *cur_line(parser *p) {
  return p->n_lines ? &p->lines[p->n_lines - 1] : NULL;
}

static void new_line(parser *p, const cc_x12_item *it) {
  if (p->n_lines >= CC_CLAIM_MAX_LINES) {
    problem(p, it, CC_CLAIM_P_TOO_LONG, 1, "too many service lines",
            "%smore than 999 service lines in one claim", "");
    return;
  }
  if (p->n_lines == p->cap_lines) {
    uint32_t cap = p->cap_lines ? p->cap_lines * 2 : 64;
    cc_claim_line *v = realloc(p->lines, cap * sizeof *v);
    uint32_t *f = realloc(p->adj_first, cap * sizeof *f);
    if (v) p->lines = v;
    if (f) p->adj_first = f;
    if (!v || !f) {
      p->oom = true;
      return;
    }
    p->cap_lines = cap;
  }
  p->adj_first[p->n_lines] = p->n_adj;
  cc_claim_line *l = &p->lines[p->n_lines++];
  memset(l, 0, sizeof *l);
  uint64_t lx = 0;
  if (cc_slice_to_u64(cc_x12_item_value(p->r, it, 1, 0), &lx) != CC_OK)
    lx = p->n_lines;
  l->lx = (uint32_t)lx;
  l->loc = loc_of(it, 0, 0);
}

static void proc_comp(parser *p, const cc_x12_item *it, unsigned pos,
                      char *qual, char *code, char mod[4][3], char *desc) {
  cp(p, it, qual, 3, pos, 1);
  cp(p, it, code, 49, pos, 2);
  for (unsigned k = 0; k < 4; k++) cp(p, it, mod[k], 3, pos, 3 + k);
  if (desc) cp(p, it, desc, 81, pos, 7);
}

static void line_seg(parser *p, const cc_x12_item *it, const char *id) {
  cc_claim_line *l = cur_line(p);
  if (!l) return;
  if (strcmp(id, "SV1") == 0) {
    l->sv_loc = loc_of(it, 0, 0);
    proc_comp(p, it, 1, l->proc_qual, l->proc, l->mod, l->proc_desc);
    l->charge = money(p, it, 2, NULL);
    CP(l->unit_basis, 3, 0);
    l->units_milli = milli(p, it, 4, 0);
    CP(l->pos, 5, 0);
    for (unsigned k = 0; k < 4; k++) {
      cc_slice s = cc_x12_item_value(p->r, it, 7, k + 1);
      uint64_t v = 0;
      if (!s.n) continue;
      if (cc_slice_to_u64(s, &v) != CC_OK || v == 0 || v > 12) {
        char t[24];
        cc_slice_copy(s, t, sizeof t);
        problem(p, it, CC_CLAIM_P_DX_POINTER, 7,
                "diagnosis pointer invalid",
                "'%s' is not a diagnosis pointer 1 to 12", t);
        continue;
      }
      l->dx_ptr[k] = (uint8_t)v;
    }
    l->emergency = ch1(p, it, 9, 0);
    l->epsdt = ch1(p, it, 11, 0);
    l->family_planning = ch1(p, it, 12, 0);
  } else if (strcmp(id, "SV2") == 0) {
    l->sv_loc = loc_of(it, 0, 0);
    CP(l->revenue, 1, 0);
    proc_comp(p, it, 2, l->proc_qual, l->proc, l->mod, l->proc_desc);
    l->charge = money(p, it, 3, NULL);
    CP(l->unit_basis, 4, 0);
    l->units_milli = milli(p, it, 5, 0);
    l->non_covered = money(p, it, 7, NULL);
  } else if (strcmp(id, "DTP") == 0 && el_is(p, it, 1, "472")) {
    dtp_range(p, it, &l->from, &l->to);
    l->date_loc = loc_of(it, 3, 0);
  } else if (strcmp(id, "REF") == 0 && el_is(p, it, 1, "6R")) {
    CP(l->line_control, 2, 0);
  }
}

static cc_claim_line_adj *cur_adj(parser *p) {
  cc_claim_line *l = cur_line(p);
  if (!l || p->n_adj <= p->adj_first[p->n_lines - 1]) return NULL;
  return &p->adj[p->n_adj - 1];
}

static void svd_seg(parser *p, const cc_x12_item *it) {
  if (!cur_line(p)) return;
  if (p->n_adj - p->adj_first[p->n_lines - 1] >= CC_CLAIM_MAX_LINE_ADJ) {
    problem(p, it, CC_CLAIM_P_TOO_LONG, 0, "too many line adjudications",
            "%smore than 15 SVD loops on one line", "");
    return;
  }
  if (p->n_adj == p->cap_adj) {
    uint32_t cap = p->cap_adj ? p->cap_adj * 2 : 16;
    cc_claim_line_adj *v = realloc(p->adj, cap * sizeof *v);
    if (!v) {
      p->oom = true;
      return;
    }
    p->adj = v;
    p->cap_adj = cap;
  }
  cc_claim_line_adj *a = &p->adj[p->n_adj++];
  memset(a, 0, sizeof *a);
  CP(a->payer_id, 1, 0);
  a->paid = money(p, it, 2, NULL);
  proc_comp(p, it, 3, a->proc_qual, a->proc, a->mod, NULL);
  CP(a->revenue, 4, 0);
  a->units_milli = milli(p, it, 5, 0);
  uint64_t b = 0;
  if (cc_slice_to_u64(cc_x12_item_value(p->r, it, 6, 0), &b) == CC_OK)
    a->bundled_line = (uint32_t)b;
  a->loc = loc_of(it, 0, 0);
}

static void other_seg(parser *p, const cc_x12_item *it, const char *id,
                      const char *loop) {
  if (strcmp(loop, "2320") == 0 && strcmp(id, "SBR") == 0) {
    if (p->n_other >= CC_CLAIM_MAX_OTHER_PAYERS) {
      problem(p, it, CC_CLAIM_P_TOO_LONG, 0, "too many other payers",
              "%smore than 10 other-subscriber loops (2320)", "");
      return;
    }
    if (!p->other) {
      p->other = calloc(CC_CLAIM_MAX_OTHER_PAYERS, sizeof *p->other);
      if (!p->other) {
        p->oom = true;
        return;
      }
    }
    cc_claim_other_payer *o = &p->other[p->n_other++];
    memset(o, 0, sizeof *o);
    o->responsibility = ch1(p, it, 1, 0);
    CP(o->relationship, 2, 0);
    CP(o->group_number, 3, 0);
    CP(o->group_name, 4, 0);
    CP(o->insurance_type, 5, 0);
    CP(o->filing_indicator, 9, 0);
    o->loc = loc_of(it, 0, 0);
    p->party = NULL;
    return;
  }
  if (!p->n_other) return;
  cc_claim_other_payer *o = &p->other[p->n_other - 1];
  if (strcmp(loop, "2320") == 0) {
    if (strcmp(id, "CAS") == 0) {
      read_cas(p, it, o->cas, &o->n_cas);
    } else if (strcmp(id, "AMT") == 0) {
      if (el_is(p, it, 1, "D")) o->paid = money(p, it, 2, &o->has_paid);
      else if (el_is(p, it, 1, "EAF"))
        o->remaining = money(p, it, 2, &o->has_remaining);
    } else if (strcmp(id, "OI") == 0) {
      o->benefits_assign = ch1(p, it, 3, 0);
      o->release_info = ch1(p, it, 6, 0);
    }
  } else if (strcmp(loop, "2330A") == 0) {
    if (strcmp(id, "NM1") == 0) name_into(p, it, &o->subscriber);
    else party_seg(p, it, id);
  } else if (strcmp(loop, "2330B") == 0) {
    if (strcmp(id, "NM1") == 0) {
      name_into(p, it, &o->payer);
    } else if (strcmp(id, "DTP") == 0 && el_is(p, it, 1, "573")) {
      o->adjudicated = d8(p, it, cc_x12_item_value(p->r, it, 3, 0), 3);
    } else if (strcmp(id, "REF") == 0 && el_is(p, it, 1, "F8")) {
      CP(o->payer_claim_no, 2, 0);
    } else {
      party_seg(p, it, id);
    }
  }
}

static void body(parser *p, const cc_x12_item *it) {
  const char *id = it->seg->id, *loop = it->loop_id;
  if (strcmp(id, "HL") == 0) {
    flush_claim(p);
    cc_slice lvl = cc_x12_item_value(p->r, it, 3, 0);
    p->party = NULL;
    p->person = NULL;
    if (cc_slice_eq(lvl, "20")) {
      memset(&p->billing, 0, sizeof p->billing);
      memset(&p->pay_to, 0, sizeof p->pay_to);
      p->billing_taxonomy[0] = 0;
      p->prob[LV_BILLING].n = 0;
      p->prob[LV_SUBSCRIBER].n = 0;
      p->prob[LV_PATIENT].n = 0;
    } else if (cc_slice_eq(lvl, "22")) {
      memset(&p->subscriber, 0, sizeof p->subscriber);
      memset(&p->payer, 0, sizeof p->payer);
      p->responsibility = 0;
      p->relationship[0] = p->group_number[0] = p->group_name[0] = 0;
      p->insurance_type[0] = p->filing_indicator[0] = 0;
      p->has_patient = false;
      p->prob[LV_SUBSCRIBER].n = 0;
      p->prob[LV_PATIENT].n = 0;
    } else if (cc_slice_eq(lvl, "23")) {
      memset(&p->patient, 0, sizeof p->patient);
      p->has_patient = true;
      p->pat_rel[0] = 0;
      p->prob[LV_PATIENT].n = 0;
    }
    return;
  }
  if (strcmp(id, "BHT") == 0) {
    CP(p->bht03, 3, 0);
    return;
  }
  if (strcmp(id, "CLM") == 0) {
    flush_claim(p);
    start_claim(p, it);
    clm_seg(p, it);
    return;
  }
  if (loop[0] != '2') return; /* 1000A/1000B: the submitter and receiver */
  if (!p->open) {
    /* header levels */
    if (strcmp(loop, "2000A") == 0) {
      if (strcmp(id, "PRV") == 0) CP(p->billing_taxonomy, 3, 0);
    } else if (strcmp(loop, "2010AA") == 0) {
      if (strcmp(id, "NM1") == 0) name_into(p, it, &p->billing);
      else party_seg(p, it, id);
    } else if (strcmp(loop, "2010AB") == 0) {
      if (strcmp(id, "NM1") == 0) name_into(p, it, &p->pay_to);
      else party_seg(p, it, id);
    } else if (strcmp(loop, "2000B") == 0) {
      if (strcmp(id, "SBR") == 0) {
        p->responsibility = ch1(p, it, 1, 0);
        CP(p->relationship, 2, 0);
        CP(p->group_number, 3, 0);
        CP(p->group_name, 4, 0);
        CP(p->insurance_type, 5, 0);
        CP(p->filing_indicator, 9, 0);
        p->sbr_loc = loc_of(it, 0, 0);
      }
    } else if (strcmp(loop, "2010BA") == 0) {
      if (strcmp(id, "NM1") == 0) {
        name_into(p, it, &p->subscriber.name);
        p->person = &p->subscriber;
      } else {
        party_seg(p, it, id);
      }
    } else if (strcmp(loop, "2010BB") == 0) {
      if (strcmp(id, "NM1") == 0) name_into(p, it, &p->payer);
      else party_seg(p, it, id);
    } else if (strcmp(loop, "2000C") == 0) {
      if (strcmp(id, "PAT") == 0) CP(p->pat_rel, 1, 0);
    } else if (strcmp(loop, "2010CA") == 0) {
      if (strcmp(id, "NM1") == 0) {
        name_into(p, it, &p->patient.name);
        p->person = &p->patient;
      } else {
        party_seg(p, it, id);
      }
    }
    return;
  }
  /* inside a claim */
  if (strcmp(loop, "2300") == 0) {
    claim_seg(p, it, id);
  } else if (strncmp(loop, "2310", 4) == 0) {
    if (strcmp(id, "NM1") == 0) {
      cc_claim_party *n = claim_provider(p, cc_x12_item_value(p->r, it, 1, 0));
      if (n) name_into(p, it, n);
      else p->party = NULL, p->lprov = NULL;
    } else {
      party_seg(p, it, id);
    }
  } else if (strncmp(loop, "232", 3) == 0 || strncmp(loop, "233", 3) == 0) {
    other_seg(p, it, id, loop);
  } else if (strcmp(loop, "2400") == 0) {
    if (strcmp(id, "LX") == 0) {
      new_line(p, it);
      p->party = NULL;
      p->lprov = NULL;
    } else {
      line_seg(p, it, id);
    }
  } else if (strcmp(loop, "2410") == 0) {
    cc_claim_line *l = cur_line(p);
    if (!l) return;
    if (strcmp(id, "LIN") == 0) {
      CP(l->ndc_qual, 2, 0);
      CP(l->ndc, 3, 0);
    } else if (strcmp(id, "CTP") == 0) {
      l->drug_qty_milli = milli(p, it, 4, 0);
      CP(l->drug_unit, 5, 1);
    }
  } else if (strncmp(loop, "2420", 4) == 0) {
    cc_claim_line *l = cur_line(p);
    if (!l) return;
    if (strcmp(id, "NM1") == 0) {
      p->party = NULL;
      p->lprov = NULL;
      if (el_is(p, it, 1, "82")) {
        cc_claim_line_prov *lp = &l->rendering;
        memset(lp, 0, sizeof *lp);
        lp->entity = ch1(p, it, 2, 0);
        CP(lp->last, 3, 0);
        CP(lp->first, 4, 0);
        CP(lp->id, 9, 0);
        lp->loc = loc_of(it, 0, 0);
        p->lprov = lp;
      }
    } else {
      party_seg(p, it, id);
    }
  } else if (strcmp(loop, "2430") == 0) {
    if (strcmp(id, "SVD") == 0) {
      svd_seg(p, it);
      return;
    }
    cc_claim_line_adj *a = cur_adj(p);
    if (!a) return;
    if (strcmp(id, "CAS") == 0) {
      read_cas(p, it, a->cas, &a->n_cas);
    } else if (strcmp(id, "DTP") == 0 && el_is(p, it, 1, "573")) {
      a->adjudicated = d8(p, it, cc_x12_item_value(p->r, it, 3, 0), 3);
    } else if (strcmp(id, "AMT") == 0 && el_is(p, it, 1, "EAF")) {
      a->remaining = money(p, it, 2, &a->has_remaining);
    }
  }
}

static char form_of(const char *version) {
  if (strstr(version, "X222")) return 'P';
  if (strstr(version, "X223")) return 'I';
  return 0;
}

static void item(parser *p, const cc_x12_item *it) {
  switch (it->kind) {
  case CC_X12_ISA:
    cc_slice_copy(cc_slice_trim(cc_x12_item_value(p->r, it, 13, 0)), p->isa13,
                  sizeof p->isa13);
    break;
  case CC_X12_GS:
    cc_slice_copy(cc_x12_item_value(p->r, it, 6, 0), p->gs06, sizeof p->gs06);
    cc_slice_copy(cc_x12_item_value(p->r, it, 8, 0), p->gs08, sizeof p->gs08);
    break;
  case CC_X12_ST: {
    p->in_set = true;
    for (int lv = 0; lv < LV_N; lv++) p->prob[lv].n = 0;
    cc_slice_copy(cc_x12_item_value(p->r, it, 2, 0), p->st02, sizeof p->st02);
    char st03[13];
    cc_slice_copy(cc_x12_item_value(p->r, it, 3, 0), st03, sizeof st03);
    const char *v = it->version[0] ? it->version : st03[0] ? st03 : p->gs08;
    claims_set(p->version, sizeof p->version, st03[0] ? st03 : p->gs08);
    p->form = strcmp(it->st01, "837") == 0 ? form_of(v) : 0;
    p->skip_set = !p->form;
    if (p->skip_set) p->st.skipped_sets++;
    else p->st.sets++;
    memset(&p->billing, 0, sizeof p->billing);
    memset(&p->pay_to, 0, sizeof p->pay_to);
    memset(&p->subscriber, 0, sizeof p->subscriber);
    memset(&p->payer, 0, sizeof p->payer);
    p->has_patient = false;
    p->bht03[0] = 0;
    break;
  }
  case CC_X12_BODY:
    if (p->in_set && !p->skip_set) body(p, it);
    break;
  case CC_X12_SE:
    if (!p->skip_set) flush_claim(p);
    p->in_set = false;
    break;
  default:
    break;
  }
}

static cc_code run(cc_x12_lexer *lx, const char *name, cc_claims_fn fn,
                   void *ctx, cc_claims_stats *stats, cc_err *err) {
  parser *p = calloc(1, sizeof *p);
  cc_x12_reader *r = lx ? cc_x12_reader_new(lx) : NULL;
  if (!p || !r) {
    free(p);
    cc_x12_reader_free(r);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s",
                      "reading claims");
  }
  p->r = r;
  p->name = name;
  p->fn = fn;
  p->ctx = ctx;
  x12_reader_on_finding(r, on_finding, p);
  cc_x12_item it;
  cc_code rc;
  while (!p->stop && (rc = cc_x12_reader_next(r, &it, err)) == CC_OK) {
    item(p, &it);
    if (p->pending.n) {
      if (p->in_set && !p->skip_set)
        for (size_t i = 0; i < p->pending.n; i++)
          place_finding(p, &p->pending.v[i]);
      p->pending.n = 0;
    }
  }
  if (p->stop) rc = CC_E_EOF;
  if (rc == CC_E_EOF && !p->stop && p->open && !p->skip_set)
    flush_claim(p); /* a set cut short: deliver what was read */
  if (rc != CC_E_EOF && !p->stop && p->open) {
    cc_err keep = err ? *err : (cc_err){0};
    flush_claim(p);
    if (err) *err = keep;
  }
  if (p->oom && rc == CC_E_EOF)
    rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "%s",
                    "reading claims");
  if (stats) *stats = p->st;
  for (int lv = 0; lv < LV_N; lv++) free(p->prob[lv].v);
  free(p->out.v);
  free(p->pending.v);
  free(p->lines);
  free(p->adj_first);
  free(p->adj);
  free(p->other);
  cc_x12_reader_free(r);
  free(p);
  if (rc == CC_E_EOF) {
    cc_err_clear(err);
    return CC_OK;
  }
  return rc;
}

cc_code cc_claims_parse_mem(const char *p, size_t n, const char *name,
                            cc_claims_fn fn, void *ctx,
                            cc_claims_stats *stats, cc_err *err) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  cc_code rc = run(lx, name, fn, ctx, stats, err);
  cc_x12_lexer_free(lx);
  return rc;
}

cc_code cc_claims_parse_file(const char *path, cc_claims_fn fn, void *ctx,
                             cc_claims_stats *stats, cc_err *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return cc_err_set(err, CC_E_IO, "cannot open the claim file", "%s",
                      path);
  cc_x12_lexer *lx = cc_x12_lexer_fd(fileno(f), path);
  cc_code rc = run(lx, path, fn, ctx, stats, err);
  cc_x12_lexer_free(lx);
  fclose(f);
  return rc;
}
