/* codes_snapshot.c - the in-memory snapshot the scrubber asks: each code set
 * is a sorted array of codes packed into integers, so a lookup is a binary
 * search over fixed-size entries, with no SQL and no allocation. */
#include <stdlib.h>
#include <string.h>

#include "codes_int.h"

#define OPEN_START INT32_MIN
#define OPEN_END INT32_MAX

typedef struct snap_code {
  uint64_t key;
  int64_t rank;         /* newer release = larger */
  const char *desc, *release;
  int32_t eff, term;    /* OPEN_START / OPEN_END when open */
  uint32_t mce;         /* CC_MCE_* (icd10cm) */
  uint8_t billable;
} snap_code;

typedef struct snap_ptp {
  uint64_t key;         /* column 1 and column 2 packed together */
  int64_t rank;
  int32_t eff, del;     /* del OPEN_END while active */
  uint8_t mod, prior;
} snap_ptp;

typedef struct snap_mue {
  uint64_t key;
  int64_t rank;
  int32_t eff, term;
  int32_t units;
  uint8_t ind;
} snap_mue;

typedef struct snap_mce {
  uint64_t key;
  int64_t rank;
  uint32_t bits;
} snap_mce;

/* A growable array of fixed-size entries. */
typedef struct vec {
  void *v;
  size_t n, cap, size;
} vec;

struct cc_codes {
  vec codes[CC_CODES_N_KINDS]; /* snap_code, for the kinds with codes */
  vec ptp, mue, mce;
  cc_arena *strings;           /* descriptions and release names */
  const char *last_release;    /* rows come grouped: reuse the copy */
  bool failed;
};

static void *vec_push(vec *a) {
  if (a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 1024;
    void *p = realloc(a->v, cap * a->size);
    if (!p) return NULL;
    a->v = p;
    a->cap = cap;
  }
  return (char *)a->v + a->size * a->n++;
}

/* Five characters of a procedure code in 27 bits, two to a PTP key. */
static uint64_t pack5(cc_slice s) {
  if (s.n != 5) return 0;
  uint64_t v = codes_pack(s);
  /* codes_pack pads to 12 places; drop the 7 padding places. */
  for (int i = 0; i < 7; i++) v /= 37;
  return v;
}

static int32_t start_of(cc_day d) { return d == CC_DAY_NONE ? OPEN_START : d; }
static int32_t end_of(cc_day d) { return d == CC_DAY_NONE ? OPEN_END : d; }

static const char *release_name(cc_codes *c, const char *r) {
  if (c->last_release && strcmp(c->last_release, r) == 0) return c->last_release;
  c->last_release = cc_arena_strdup(c->strings, cc_slice_cstr(r));
  return c->last_release;
}

static cc_code add_code(void *ctx, const store_codes_scan_row *r) {
  cc_codes *c = ctx;
  if ((unsigned)r->kind >= CC_CODES_N_KINDS) return CC_OK;
  uint64_t key = codes_pack(cc_slice_cstr(r->code));
  if (!key) return CC_OK; /* not a code we can look up: skip */
  snap_code *e = vec_push(&c->codes[r->kind]);
  if (!e) return CC_E_NOMEM;
  e->key = key;
  e->rank = r->rel_rank;
  e->desc = cc_arena_strdup(c->strings, cc_slice_cstr(r->short_desc));
  e->release = release_name(c, r->release);
  e->eff = start_of(r->effective);
  e->term = end_of(r->termination);
  e->mce = 0;
  e->billable = r->billable;
  return cc_arena_failed(c->strings) ? CC_E_NOMEM : CC_OK;
}

static uint32_t mce_bit(const char *edit) {
  static const struct { const char *name; uint32_t bit; } map[] = {
      {"Newborn_Only", CC_MCE_NEWBORN},
      {"Pediatric_Only", CC_MCE_PEDIATRIC},
      {"Maternity_Only", CC_MCE_MATERNITY},
      {"Adult_Only", CC_MCE_ADULT},
      {"Female_Only", CC_MCE_FEMALE},
      {"Male_Only", CC_MCE_MALE},
      {"Principal_Manifestation", CC_MCE_MANIFESTATION},
      {"Principal_Unacceptable", CC_MCE_UNACCEPTABLE},
      {"Principal_Questionable_Admit", CC_MCE_QUESTIONABLE},
      {"Noncovered_Always", CC_MCE_NONCOVERED},
      {"Noncovered_Over60", CC_MCE_NONCOVERED},
      {"Noncovered_LOS_96hr", CC_MCE_NONCOVERED},
      {"Limited_Coverage", CC_MCE_LIMITED},
  };
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(edit, map[i].name) == 0) return map[i].bit;
  return CC_MCE_OTHER;
}

static cc_code add_mce(void *ctx, const store_codes_scan_row *r) {
  cc_codes *c = ctx;
  uint64_t key = codes_pack(cc_slice_cstr(r->code));
  if (!key) return CC_OK;
  snap_mce *e = vec_push(&c->mce);
  if (!e) return CC_E_NOMEM;
  e->key = key;
  e->rank = r->rel_rank;
  e->bits = mce_bit(r->edit);
  return CC_OK;
}

static cc_code add_ptp(void *ctx, const store_codes_scan_row *r) {
  cc_codes *c = ctx;
  uint64_t a = pack5(cc_slice_cstr(r->code)), b = pack5(cc_slice_cstr(r->col2));
  if (!a || !b) return CC_OK;
  snap_ptp *e = vec_push(&c->ptp);
  if (!e) return CC_E_NOMEM;
  e->key = a << 27 | b;
  e->rank = r->rel_rank;
  e->eff = start_of(r->effective);
  e->del = end_of(r->termination);
  e->mod = (uint8_t)r->modifier;
  e->prior = r->prior_1996;
  return CC_OK;
}

static cc_code add_mue(void *ctx, const store_codes_scan_row *r) {
  cc_codes *c = ctx;
  uint64_t key = codes_pack(cc_slice_cstr(r->code));
  if (!key) return CC_OK;
  snap_mue *e = vec_push(&c->mue);
  if (!e) return CC_E_NOMEM;
  e->key = key;
  e->rank = r->rel_rank;
  e->eff = start_of(r->effective);
  e->term = end_of(r->termination);
  e->units = r->max_units;
  e->ind = (uint8_t)r->indicator;
  return CC_OK;
}

/* Sort by key, then newest release first (and, within one, latest start):
 * the first entry in force on a day is the answer. */
#define CMP_KEY_RANK(T)                                                    \
  static int cmp_##T(const void *pa, const void *pb) {                     \
    const T *a = pa, *b = pb;                                              \
    if (a->key != b->key) return a->key < b->key ? -1 : 1;                 \
    if (a->rank != b->rank) return a->rank > b->rank ? -1 : 1;             \
    return 0;                                                              \
  }
CMP_KEY_RANK(snap_code)
CMP_KEY_RANK(snap_mue)
CMP_KEY_RANK(snap_mce)
static int cmp_snap_ptp(const void *pa, const void *pb) {
  const snap_ptp *a = pa, *b = pb;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  if (a->rank != b->rank) return a->rank > b->rank ? -1 : 1;
  if (a->eff != b->eff) return a->eff > b->eff ? -1 : 1;
  return 0;
}

/* Index of the first entry with key >= k in an array sorted by key (the key
 * is each entry's first member). */
static size_t lower(const vec *a, uint64_t k) {
  size_t lo = 0, hi = a->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (*(const uint64_t *)((const char *)a->v + mid * a->size) < k)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* MCE bits from the newest MCE release that lists the code. */
static void apply_mce(cc_codes *c) {
  vec *icd = &c->codes[CC_CODES_ICD10CM];
  snap_mce *m = c->mce.v;
  for (size_t i = 0; i < icd->n; i++) {
    snap_code *e = (snap_code *)icd->v + i;
    size_t j = lower(&c->mce, e->key);
    if (j >= c->mce.n || m[j].key != e->key) continue;
    int64_t top = m[j].rank;
    for (; j < c->mce.n && m[j].key == e->key && m[j].rank == top; j++)
      e->mce |= m[j].bits;
  }
}

void cc_codes_free(cc_codes *c) {
  if (!c) return;
  for (int k = 0; k < CC_CODES_N_KINDS; k++) free(c->codes[k].v);
  free(c->ptp.v);
  free(c->mue.v);
  free(c->mce.v);
  cc_arena_free(c->strings);
  free(c);
}

cc_code cc_codes_open(cc_store *s, cc_day as_of, cc_codes **out, cc_err *err) {
  *out = NULL;
  cc_codes *c = calloc(1, sizeof *c);
  if (!c) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  for (int k = 0; k < CC_CODES_N_KINDS; k++) c->codes[k].size = sizeof(snap_code);
  c->ptp.size = sizeof(snap_ptp);
  c->mue.size = sizeof(snap_mue);
  c->mce.size = sizeof(snap_mce);
  c->strings = cc_arena_new(0);
  cc_code rc = c->strings ? CC_OK : CC_E_NOMEM;
  if (!rc) rc = store_codes_scan(s, 0, as_of, add_code, c, err);
  if (!rc) rc = store_codes_scan(s, 1, as_of, add_mce, c, err);
  if (!rc) rc = store_codes_scan(s, 2, as_of, add_ptp, c, err);
  if (!rc) rc = store_codes_scan(s, 3, as_of, add_mue, c, err);
  if (rc) {
    if (rc == CC_E_NOMEM) cc_err_set(err, CC_E_NOMEM, "out of memory reading code sets", NULL);
    cc_codes_free(c);
    return rc;
  }
  for (int k = 0; k < CC_CODES_N_KINDS; k++)
    if (c->codes[k].n) qsort(c->codes[k].v, c->codes[k].n, sizeof(snap_code), cmp_snap_code);
  if (c->ptp.n) qsort(c->ptp.v, c->ptp.n, sizeof(snap_ptp), cmp_snap_ptp);
  if (c->mue.n) qsort(c->mue.v, c->mue.n, sizeof(snap_mue), cmp_snap_mue);
  if (c->mce.n) qsort(c->mce.v, c->mce.n, sizeof(snap_mce), cmp_snap_mce);
  apply_mce(c);
  *out = c;
  return CC_OK;
}

size_t cc_codes_count(const cc_codes *c, cc_codes_kind kind) {
  if (!c) return 0;
  if (kind == CC_CODES_PTP) return c->ptp.n;
  if (kind == CC_CODES_MUE) return c->mue.n;
  if (kind == CC_CODES_MCE) return c->mce.n;
  return (unsigned)kind < CC_CODES_N_KINDS ? c->codes[kind].n : 0;
}

static bool in_force(int32_t eff, int32_t term, cc_day day) {
  return day == CC_DAY_ANY || (eff <= day && day <= term);
}

static bool lookup(const cc_codes *c, cc_codes_kind kind, cc_slice code,
                   cc_day day, cc_code_info *out) {
  const vec *a = &c->codes[kind];
  uint64_t key = codes_pack(code);
  if (!key || !a->n) return false;
  const snap_code *v = a->v;
  for (size_t i = lower(a, key); i < a->n && v[i].key == key; i++) {
    if (!in_force(v[i].eff, v[i].term, day)) continue;
    if (out) {
      const snap_code *e = &v[i];
      out->billable = e->billable;
      out->header = kind == CC_CODES_ICD10CM && !e->billable;
      out->mce = e->mce;
      out->sex = e->mce & CC_MCE_FEMALE ? 'F' : e->mce & CC_MCE_MALE ? 'M' : 0;
      /* Several age edits narrow the range to what they share. */
      int lo = -1, hi = -1;
      static const struct { uint32_t bit; int lo, hi; } ages[] = {
          {CC_MCE_NEWBORN, 0, 0}, {CC_MCE_PEDIATRIC, 0, 17},
          {CC_MCE_MATERNITY, 12, 55}, {CC_MCE_ADULT, 15, 124}};
      for (size_t k = 0; k < 4; k++)
        if (e->mce & ages[k].bit) {
          lo = lo < 0 || ages[k].lo > lo ? ages[k].lo : lo;
          hi = hi < 0 || ages[k].hi < hi ? ages[k].hi : hi;
        }
      out->age_min = (int8_t)lo;
      out->age_max = (int8_t)hi;
      out->effective = e->eff == OPEN_START ? CC_DAY_NONE : e->eff;
      out->termination = e->term == OPEN_END ? CC_DAY_NONE : e->term;
      out->desc = e->desc;
      out->release = e->release;
    }
    return true;
  }
  return false;
}

bool cc_codes_icd10(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out) {
  return lookup(c, CC_CODES_ICD10CM, code, day, out);
}
bool cc_codes_hcpcs(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out) {
  return lookup(c, CC_CODES_HCPCS, code, day, out);
}
bool cc_codes_cpt(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out) {
  return lookup(c, CC_CODES_CPT, code, day, out);
}
bool cc_codes_modifier(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out) {
  return lookup(c, CC_CODES_MODIFIER, code, day, out);
}
bool cc_codes_pos(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out) {
  return lookup(c, CC_CODES_POS, code, day, out);
}
bool cc_codes_carc(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out) {
  return lookup(c, CC_CODES_CARC, code, day, out);
}
bool cc_codes_rarc(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out) {
  return lookup(c, CC_CODES_RARC, code, day, out);
}
bool cc_codes_taxonomy(const cc_codes *c, cc_slice code, cc_day day, cc_code_info *out) {
  return lookup(c, CC_CODES_TAXONOMY, code, day, out);
}

bool cc_codes_ptp(const cc_codes *c, cc_slice col1, cc_slice col2, cc_day day,
                  cc_ptp_edit *out) {
  uint64_t a = pack5(col1), b = pack5(col2);
  if (!a || !b || !c->ptp.n) return false;
  uint64_t key = a << 27 | b;
  const snap_ptp *v = c->ptp.v;
  size_t i = lower(&c->ptp, key);
  if (i >= c->ptp.n || v[i].key != key) return false;
  /* Only the newest release that lists the pair speaks for it: an edit an
   * older quarter had open may since have been deleted. The edit applies
   * up to the day before its deletion date. */
  int64_t top = v[i].rank;
  for (; i < c->ptp.n && v[i].key == key && v[i].rank == top; i++) {
    if (day != CC_DAY_ANY && (day < v[i].eff || day >= v[i].del)) continue;
    if (out) {
      out->modifier = v[i].mod;
      out->effective = v[i].eff;
      out->deletion = v[i].del == OPEN_END ? CC_DAY_NONE : v[i].del;
      out->prior_1996 = v[i].prior;
    }
    return true;
  }
  return false;
}

bool cc_codes_mue(const cc_codes *c, cc_slice code, cc_day day, cc_mue *out) {
  uint64_t key = codes_pack(code);
  if (!key || !c->mue.n) return false;
  const snap_mue *v = c->mue.v;
  for (size_t i = lower(&c->mue, key); i < c->mue.n && v[i].key == key; i++) {
    if (!in_force(v[i].eff, v[i].term, day)) continue;
    if (out) {
      out->max_units = v[i].units;
      out->indicator = v[i].ind;
    }
    return true;
  }
  return false;
}
