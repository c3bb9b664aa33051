/* x12_situational.c - WEDI SNIP 4: situational rules the TR3s state
 * between segments and elements, as a small table of data. A rule opens a
 * scope when its "when" segment carries one of the listed codes, and then
 * requires (or forbids) an element of that segment or a segment before the
 * scope closes. */
#include <string.h>

#include "x12/x12_int.h"

enum { NEED_ELEM, NEED_SEG, FORBID_SEG };

typedef struct sit_rule {
  const char *st01;     /* transaction set */
  const char *when_seg; /* segment that opens the scope */
  uint8_t when_pos;     /* element */
  uint8_t when_comp;    /* component; 0 whole element, 0xFF any component */
  const char *when_codes; /* ","-separated values that trigger the rule */
  uint8_t kind;
  uint8_t need_pos;     /* NEED_ELEM: element of the when segment, */
  uint8_t need_comp;    /* and its component (0 = whole element) */
  const char *need_seg; /* NEED_SEG / FORBID_SEG: segment id ... */
  uint8_t need_ident_pos; /* ... with this element ... */
  const char *need_ident; /* ... equal to this (NULL: any) */
  const char *closers;  /* ","-separated ids that end the scope */
  const char *msg;      /* for the billing specialist */
  const char *when_loop; /* the when segment counts only in this loop
                            (NULL: anywhere) */
} sit_rule;

static const sit_rule rules[] = {
    /* 837P/837I 2300 REF*F8 Payer Claim Control Number: "Required when
     * CLM05-3 (Claim Frequency Code) indicates this claim is a replacement
     * or void to a previously adjudicated claim." */
    {"837", "CLM", 5, 3, "7,8", NEED_SEG, 0, 0, "REF", 1, "F8", "CLM,HL,SE",
     "a replacement or void claim (CLM05-3 7 or 8) needs the payer's original "
     "claim number in REF*F8", NULL},
    /* 837P 2300 DTP*439 Accident Date: "Required when CLM11-1 or CLM11-2
     * has a value of AA or OA." (auto or other accident) */
    {"837", "CLM", 11, 0xFF, "AA,OA", NEED_SEG, 0, 0, "DTP", 1, "439",
     "CLM,HL,SE",
     "an accident claim (CLM11 AA or OA) needs the accident date in DTP*439", NULL},
    /* 837P/837I 2300 CLM11-4 Auto Accident State: "Required when CLM11-1
     * or CLM11-2 = AA." */
    {"837", "CLM", 11, 0xFF, "AA", NEED_ELEM, 11, 4, NULL, 0, NULL, "",
     "an auto accident claim (CLM11 AA) needs the state of the accident in "
     "CLM11-4", NULL},
    /* 837P/837I 2010BA DMG Subscriber Demographic Information: "Required
     * when 2000B SBR02 = 18 (the subscriber is the patient)." */
    {"837", "SBR", 2, 0, "18", NEED_SEG, 0, 0, "DMG", 0, NULL, "HL,SE",
     "the subscriber is the patient (SBR02 18): the subscriber's birth date "
     "and gender (2010BA DMG) are required",
     /* Only the 2000B SBR: the 2320 Other Subscriber SBR02 describes the
      * patient's relation to another payer's subscriber. */
     "2000B"},
    /* 837P/837I 2000C Patient Hierarchical Level: "Required when the
     * patient is a person other than the subscriber" - so not when SBR02
     * says the subscriber is the patient. */
    {"837", "SBR", 2, 0, "18", FORBID_SEG, 0, 0, "HL", 3, "23", "SE",
     "the subscriber is the patient (SBR02 18), so no separate patient loop "
     "(HL*23, 2000C) may follow",
     "2000B"},
    /* 835 BPR: BPR05-BPR15 (the banking details) are "Required when BPR04
     * is ACH, BOP or FWT" - a transfer needs both banks and accounts. */
    {"835", "BPR", 4, 0, "ACH,BOP,FWT", NEED_ELEM, 6, 0, NULL, 0, NULL, "",
     "an electronic payment (BPR04 ACH, BOP or FWT) needs the sending bank's "
     "ID qualifier in BPR06", NULL},
    {"835", "BPR", 4, 0, "ACH,BOP,FWT", NEED_ELEM, 7, 0, NULL, 0, NULL, "",
     "an electronic payment (BPR04 ACH, BOP or FWT) needs the sending bank's "
     "routing number in BPR07", NULL},
    {"835", "BPR", 4, 0, "ACH,BOP,FWT", NEED_ELEM, 13, 0, NULL, 0, NULL, "",
     "an electronic payment (BPR04 ACH, BOP or FWT) needs the receiving "
     "bank's routing number in BPR13", NULL},
    {"835", "BPR", 4, 0, "ACH,BOP,FWT", NEED_ELEM, 15, 0, NULL, 0, NULL, "",
     "an electronic payment (BPR04 ACH, BOP or FWT) needs the receiving "
     "account number in BPR15", NULL},
};
#define NRULES (sizeof rules / sizeof *rules)
_Static_assert(NRULES <= X12_SIT_MAX, "raise X12_SIT_MAX");

/* A value as the set's packed codes are (x12_code_key); 0 for an empty
 * value or one longer than any code here (no code matches those). */
static inline uint64_t vkey(cc_slice v) {
  return v.n && v.n <= 7 ? x12_code_key(v.p, v.n) : 0;
}

static bool in_list(const char *list, cc_slice v) {
  if (v.n == 0) return false;
  for (const char *p = list; *p;) {
    size_t n = 0;
    while (p[n] && p[n] != ',') n++;
    if (n == v.n && memcmp(p, v.p, n) == 0) return true;
    if (!p[n]) break;
    p += n + 1;
  }
  return false;
}

/* v is one of rule i's when codes: packed compares, or the list itself
 * when a code did not pack (longer than 7 bytes). */
static bool in_keys(const x12_sit_scope *s, const sit_rule *r, cc_slice v) {
  if (s->ncodes == UINT8_MAX) return in_list(r->when_codes, v);
  uint64_t k = vkey(v);
  if (!k) return false;
  for (unsigned i = 0; i < s->ncodes; i++)
    if (s->codes[i] == k) return true;
  return false;
}

static bool triggered(const x12_vctx *v, const sit_rule *r,
                      const x12_sit_scope *s, const cc_x12_item *it) {
  if (r->when_loop && strcmp(it->loop_id, r->when_loop) != 0) return false;
  if (r->when_comp != 0xFF)
    return in_keys(s, r, x12_value(it->seg, r->when_pos, r->when_comp,
                                v->r->d.comp));
  /* Any of the first five components: one walk over the element (it runs
   * on every claim). */
  cc_slice el = x12_value(it->seg, r->when_pos, 0, 0);
  const char *p = el.p, *end = el.p + el.n;
  const char sep = v->r->d.comp;
  for (unsigned c = 1; c <= 5 && el.n; c++) {
    const char *q = p; /* components are a few bytes: no memchr call */
    if (sep)
      while (q < end && *q != sep) q++;
    else
      q = end;
    if (in_keys(s, r, (cc_slice){p, (size_t)(q - p)})) return true;
    if (q == end) break;
    p = q + 1;
  }
  return false;
}

/* The ids worth looking at: every rule's when segment, and the need and
 * closing segments of the scopes open now. */
static void refilter(x12_vctx *v) {
  x12_kfilter f = v->sit_base;
  for (uint32_t live = v->sit_rules; live; live &= live - 1) {
    const x12_sit_scope *s = &v->sit[__builtin_ctz(live)];
    if (!s->open) continue;
    f.a |= s->wait.a;
    f.b |= s->wait.b;
  }
  v->sit_filter = f;
}

static void close_scope(x12_vctx *v, size_t i) {
  x12_sit_scope *s = &v->sit[i];
  if (!s->open) return;
  s->open = false;
  refilter(v);
  if (rules[i].kind != NEED_SEG || s->satisfied) return;
  cc_x12_finding f;
  x12_finding_mark(&f, v, &s->at, CC_SEV_ERROR, 4,
                   "situational segment missing");
  x12_fit(f.where.detail, sizeof f.where.detail, rules[i].msg);
  x12_emit(v, &f);
}

static uint32_t key_of(const char *id) { return x12_key(id); }

/* Comma-separated codes packed as x12_code_key; UINT8_MAX when one does
 * not pack or there are more than max (then the list is read as text). */
static unsigned pack_codes(const char *list, uint64_t *out, unsigned max) {
  unsigned n = 0;
  for (const char *p = list; *p;) {
    size_t len = strcspn(p, ",");
    if (len > 7 || (len && n == max)) return UINT8_MAX;
    if (len) out[n++] = x12_code_key(p, len);
    if (!p[len]) break;
    p += len + 1;
  }
  return n;
}

static bool need_ident(const x12_vctx *v, const sit_rule *r,
                       const x12_sit_scope *s, const cc_x12_item *it) {
  cc_slice val = x12_value(it->seg, r->need_ident_pos, 0, v->r->d.comp);
  return s->ident ? vkey(val) == s->ident : cc_slice_eq(val, r->need_ident);
}

/* Rule i concerns packed id k (as its when, need or closing segment).
 * Indexed by x12_key_bit: ids that share a bit share a mask, which only
 * runs a rule for an id it does nothing with. */
static void sit_index(x12_vctx *v, uint32_t k, size_t i) {
  if (k) v->sit_kmask[x12_key_bit(k)] |= (uint16_t)(1u << i);
}

/* The set starts: pick its rules, pack their segment ids and codes, and
 * note per id the rules it concerns (a segment is looked at only by
 * those). */
static void set_start(x12_vctx *v, const char *st01) {
  v->sit_rules = 0;
  v->sit_base = (x12_kfilter){0, 0};
  memset(v->sit_kmask, 0, sizeof v->sit_kmask);
  for (size_t i = 0; i < NRULES; i++) {
    if (strcmp(rules[i].st01, st01) != 0) continue;
    v->sit_rules |= 1u << i;
    x12_sit_scope *s = &v->sit[i];
    s->when = key_of(rules[i].when_seg);
    s->need = rules[i].need_seg ? key_of(rules[i].need_seg) : 0;
    x12_kf_add(&v->sit_base, s->when);
    sit_index(v, s->when, i);
    s->wait = (x12_kfilter){0, 0};
    if (s->need) x12_kf_add(&s->wait, s->need);
    sit_index(v, s->need, i);
    s->ncodes = (uint8_t)pack_codes(rules[i].when_codes, s->codes,
                                    sizeof s->codes / sizeof *s->codes);
    s->ident = rules[i].need_ident
                   ? vkey(cc_slice_cstr(rules[i].need_ident))
                   : 0;
    memset(s->close, 0, sizeof s->close);
    unsigned n = 0;
    for (const char *p = rules[i].closers; *p && n < 4;) {
      const char *e = strchr(p, ',');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      char id[4] = "";
      memcpy(id, p, len < 3 ? len : 3);
      s->close[n] = key_of(id);
      x12_kf_add(&s->wait, s->close[n]);
      sit_index(v, s->close[n], i);
      n++;
      if (!e) break;
      p = e + 1;
    }
  }
  refilter(v);
}

void x12_situational_seg(x12_vctx *v, const cc_x12_item *it) {
  if (v->sit_rules == UINT32_MAX) set_start(v, it->st01);
  uint32_t k = v->r->key;
  if (!x12_kf_has(&v->sit_filter, k)) return;
  /* Only the rules this id concerns: the others would do nothing. */
  uint32_t mine = v->sit_kmask[x12_key_bit(k)];
  for (uint32_t live = v->sit_rules & mine; live; live &= live - 1) {
    size_t i = (size_t)__builtin_ctz(live);
    const sit_rule *r = &rules[i];
    x12_sit_scope *s = &v->sit[i];
    if (s->open && s->need == k &&
        (!r->need_ident ||
         need_ident(v, r, s, it))) {
      if (r->kind == NEED_SEG) s->satisfied = true;
      else {
        cc_x12_finding f;
        x12_finding_at(&f, v->r, it, CC_SEV_ERROR, 4, NULL, 0, 0,
                       "segment not allowed in this situation");
        x12_fit(f.where.detail, sizeof f.where.detail, r->msg);
        x12_emit(v, &f);
      }
    }
    if (s->open)
      for (unsigned c = 0; c < 4 && s->close[c]; c++)
        if (s->close[c] == k) {
          close_scope(v, i);
          break;
        }
    if (k != s->when || !triggered(v, r, s, it)) continue;
    if (r->kind == NEED_ELEM) {
      if (x12_value(it->seg, r->need_pos, r->need_comp, v->r->d.comp).n ==
          0) {
        cc_x12_finding f;
        x12_finding_at(&f, v->r, it, CC_SEV_ERROR, 4, NULL, r->need_pos,
                       r->need_comp,
                       "situational element missing");
        x12_fit(f.where.detail, sizeof f.where.detail, r->msg);
        x12_emit(v, &f);
      }
      continue;
    }
    s->open = true;
    s->satisfied = false;
    x12_mark_here(&s->at, it);
    v->sit_filter.a |= s->wait.a; /* what refilter would add */
    v->sit_filter.b |= s->wait.b;
  }
}

void x12_situational_end_set(x12_vctx *v) {
  for (size_t i = 0; i < NRULES; i++) close_scope(v, i);
}
