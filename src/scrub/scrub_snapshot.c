/* scrub_snapshot.c - reads once everything the rules need (code sets, payer
 * rules, coverages, authorizations, claims already sent) into sorted arrays,
 * so that scrubbing a claim is lookups in memory only. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "scrub_int.h"
#include "store/store_codes.h"
#include "store/store_scrub.h"

uint64_t scrub_key(const char *code) {
  uint64_t k = 0;
  size_t i = 0;
  for (; code && code[i] && i < 8; i++)
    k = k << 8 | (uint8_t)toupper((unsigned char)code[i]);
  return k << (8 * (8 - i)); /* left-aligned: integer order = code order */
}

/* ---- growable arrays while loading (freed once the snapshot is built) -- */
typedef struct grow {
  void *v;
  size_t n, cap, size;
} grow;

static void *grow_push(grow *g) {
  if (g->n == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 64;
    void *p = realloc(g->v, cap * g->size);
    if (!p) return NULL;
    g->v = p;
    g->cap = cap;
  }
  return memset((char *)g->v + g->n++ * g->size, 0, g->size);
}

/* Move a grown array into the arena (so freeing the arena frees it). */
static void *grow_keep(cc_scrub *sc, grow *g) {
  void *p = NULL;
  if (g->n) {
    p = cc_arena_alloc(sc->a, g->n * g->size);
    if (p) memcpy(p, g->v, g->n * g->size);
  }
  free(g->v);
  g->v = NULL;
  return p;
}

static const char *keep(cc_scrub *sc, const char *s) {
  return s ? cc_arena_strdup(sc->a, cc_slice_cstr(s)) : NULL;
}

/* (owner id, code key) pairs: payer auth codes and authorization codes. */
typedef struct owned_code {
  int64_t id;
  uint64_t key;
} owned_code;

static int cmp_owned(const void *pa, const void *pb) {
  const owned_code *a = pa, *b = pb;
  if (a->id != b->id) return a->id < b->id ? -1 : 1;
  return a->key < b->key ? -1 : a->key > b->key;
}

static cc_code add_owned(void *ctx, int64_t id, const char *code) {
  owned_code *o = grow_push(ctx);
  if (!o) return CC_E_NOMEM;
  o->id = id;
  o->key = scrub_key(code);
  return CC_OK;
}

/* The keys of id in a sorted owned_code array, copied into the arena. */
static const uint64_t *codes_of(cc_scrub *sc, const grow *g, int64_t id,
                                size_t *n) {
  const owned_code *o = g->v;
  size_t lo = 0, hi = g->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (o[mid].id < id) lo = mid + 1;
    else hi = mid;
  }
  size_t end = lo;
  while (end < g->n && o[end].id == id) end++;
  *n = end - lo;
  if (!*n) return NULL;
  uint64_t *k = cc_arena_alloc(sc->a, *n * sizeof *k);
  if (!k) return NULL;
  for (size_t i = 0; i < *n; i++) k[i] = o[lo + i].key;
  return k;
}

/* ---- payers ------------------------------------------------------------ */
static cc_code add_payer(void *ctx, const store_scrub_payer *r) {
  void **c = ctx;
  cc_scrub *sc = c[0];
  scrub_payer *p = grow_push(c[1]);
  if (!p) return CC_E_NOMEM;
  p->id = r->id;
  p->code = keep(sc, r->payer_code);
  p->name = keep(sc, r->name);
  p->timely_days = r->timely_filing_days;
  p->referral_required = r->referral_required;
  return cc_arena_failed(sc->a) ? CC_E_NOMEM : CC_OK;
}

static int cmp_payer(const void *pa, const void *pb) {
  return strcmp(((const scrub_payer *)pa)->code, ((const scrub_payer *)pb)->code);
}

static cc_code load_payers(cc_scrub *sc, cc_store *s, cc_err *err) {
  grow g = {.size = sizeof(scrub_payer)}, ac = {.size = sizeof(owned_code)};
  void *ctx[2] = {sc, &g};
  cc_code rc = store_scrub_payers(s, add_payer, ctx, err);
  if (!rc) rc = store_scrub_payer_auth_codes(s, add_owned, &ac, err);
  if (!rc && ac.n) qsort(ac.v, ac.n, sizeof(owned_code), cmp_owned);
  scrub_payer *p = g.v;
  for (size_t i = 0; !rc && i < g.n; i++) {
    p[i].auth_codes = codes_of(sc, &ac, p[i].id, &p[i].n_auth_codes);
    p[i].has_auth_rules = p[i].n_auth_codes > 0;
  }
  if (!rc && g.n) qsort(g.v, g.n, sizeof(scrub_payer), cmp_payer);
  free(ac.v);
  sc->n_payers = g.n;
  sc->payers = grow_keep(sc, &g);
  return rc;
}

/* ---- coverages ---------------------------------------------------------- */
static cc_code add_cov(void *ctx, const store_scrub_coverage *r) {
  void **c = ctx;
  cc_scrub *sc = c[0];
  scrub_cov *v = grow_push(c[1]);
  if (!v) return CC_E_NOMEM;
  v->id = r->id;
  v->patient_id = r->patient_id;
  v->payer_id = r->payer_id;
  v->member_id = keep(sc, r->member_id ? r->member_id : "");
  v->priority = keep(sc, r->priority ? r->priority : "");
  v->eff = r->effective;
  v->term = r->termination;
  return cc_arena_failed(sc->a) ? CC_E_NOMEM : CC_OK;
}

static int cmp_cov(const void *pa, const void *pb) {
  const scrub_cov *a = pa, *b = pb;
  if (a->payer_id != b->payer_id) return a->payer_id < b->payer_id ? -1 : 1;
  int k = strcmp(a->member_id, b->member_id);
  if (k) return k;
  return a->eff < b->eff ? -1 : a->eff > b->eff;
}

static int cmp_cov_patient(const void *pa, const void *pb) {
  const scrub_cov *a = *(scrub_cov *const *)pa, *b = *(scrub_cov *const *)pb;
  if (a->patient_id != b->patient_id) return a->patient_id < b->patient_id ? -1 : 1;
  if (a->payer_id != b->payer_id) return a->payer_id < b->payer_id ? -1 : 1;
  return a->eff < b->eff ? -1 : a->eff > b->eff;
}

static cc_code load_covs(cc_scrub *sc, cc_store *s, cc_err *err) {
  grow g = {.size = sizeof(scrub_cov)};
  void *ctx[2] = {sc, &g};
  cc_code rc = store_scrub_coverages(s, add_cov, ctx, err);
  if (!rc && g.n) qsort(g.v, g.n, sizeof(scrub_cov), cmp_cov);
  sc->n_covs = g.n;
  sc->covs = grow_keep(sc, &g);
  if (!rc && sc->n_covs) {
    sc->covs_by_patient = cc_arena_alloc(sc->a, sc->n_covs * sizeof(scrub_cov *));
    if (!sc->covs_by_patient) return CC_E_NOMEM;
    for (size_t i = 0; i < sc->n_covs; i++) sc->covs_by_patient[i] = &sc->covs[i];
    qsort(sc->covs_by_patient, sc->n_covs, sizeof(scrub_cov *), cmp_cov_patient);
  }
  return rc;
}

/* ---- authorizations --------------------------------------------------- */
static cc_code add_auth(void *ctx, const store_scrub_auth *r) {
  void **c = ctx;
  cc_scrub *sc = c[0];
  scrub_auth *v = grow_push(c[1]);
  if (!v) return CC_E_NOMEM;
  v->id = r->id;
  v->patient_id = r->patient_id;
  v->payer_id = r->payer_id;
  v->referral = r->referral;
  v->number = keep(sc, r->number ? r->number : "");
  v->npi = keep(sc, r->provider_npi);
  v->start = r->start;
  v->end = r->end;
  v->allowed = r->visits_allowed;
  v->used = r->visits_used;
  return cc_arena_failed(sc->a) ? CC_E_NOMEM : CC_OK;
}

static int cmp_auth(const void *pa, const void *pb) {
  const scrub_auth *a = pa, *b = pb;
  if (a->patient_id != b->patient_id) return a->patient_id < b->patient_id ? -1 : 1;
  if (a->payer_id != b->payer_id) return a->payer_id < b->payer_id ? -1 : 1;
  return a->start < b->start ? -1 : a->start > b->start;
}

static cc_code load_auths(cc_scrub *sc, cc_store *s, cc_err *err) {
  grow g = {.size = sizeof(scrub_auth)}, ac = {.size = sizeof(owned_code)};
  void *ctx[2] = {sc, &g};
  cc_code rc = store_scrub_auths(s, add_auth, ctx, err);
  if (!rc) rc = store_scrub_auth_codes(s, add_owned, &ac, err);
  if (!rc && ac.n) qsort(ac.v, ac.n, sizeof(owned_code), cmp_owned);
  scrub_auth *v = g.v;
  for (size_t i = 0; !rc && i < g.n; i++)
    v[i].codes = codes_of(sc, &ac, v[i].id, &v[i].n_codes);
  if (!rc && g.n) qsort(g.v, g.n, sizeof(scrub_auth), cmp_auth);
  free(ac.v);
  sc->n_auths = g.n;
  sc->auths = grow_keep(sc, &g);
  return rc;
}

const scrub_auth *scrub_auths_of(const cc_scrub *sc, int64_t patient_id,
                                 int64_t payer_id, size_t *n) {
  size_t lo = 0, hi = sc->n_auths;
  const scrub_auth *v = sc->auths;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid].patient_id < patient_id ||
        (v[mid].patient_id == patient_id && v[mid].payer_id < payer_id))
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t end = lo;
  while (end < sc->n_auths && v[end].patient_id == patient_id &&
         v[end].payer_id == payer_id)
    end++;
  *n = end - lo;
  return *n ? v + lo : NULL;
}

/* ---- claims already sent: one key per claim ---------------------------- */
typedef struct hist_acc {
  cc_scrub *sc;
  grow *g;
  int64_t claim_id;     /* claim being accumulated; 0 = none */
  char pcn[64], freq;
  char payer[81], member[81], last[64], npi[16];
  cc_day dob, first;
  uint64_t codes[64];
  size_t n_codes;
} hist_acc;

static cc_code hist_flush(hist_acc *h) {
  if (!h->claim_id) return CC_OK;
  h->claim_id = 0;
  if (h->freq == '7' || h->freq == '8') return CC_OK; /* corrections, voids */
  scrub_dup *d = grow_push(h->g);
  if (!d) return CC_E_NOMEM;
  d->key = scrub_dup_key(h->payer, h->member, h->last, h->dob, h->npi, h->first,
                         h->codes, h->n_codes);
  d->pcn = keep(h->sc, h->pcn);
  return cc_arena_failed(h->sc->a) ? CC_E_NOMEM : CC_OK;
}

static cc_code add_hist(void *ctx, const store_scrub_hist *r) {
  hist_acc *h = ctx;
  if (r->claim_id != h->claim_id) {
    cc_code rc = hist_flush(h);
    if (rc) return rc;
    h->claim_id = r->claim_id;
    snprintf(h->pcn, sizeof h->pcn, "%s", r->control_number ? r->control_number : "");
    h->freq = r->frequency_code ? r->frequency_code[0] : '1';
    snprintf(h->payer, sizeof h->payer, "%s", r->payer_code ? r->payer_code : "");
    snprintf(h->member, sizeof h->member, "%s", r->member_id ? r->member_id : "");
    snprintf(h->last, sizeof h->last, "%s", r->last_name ? r->last_name : "");
    snprintf(h->npi, sizeof h->npi, "%s", r->billing_npi ? r->billing_npi : "");
    h->dob = r->birth_date == CC_DAY_NONE ? 0 : r->birth_date;
    h->first = 0;
    h->n_codes = 0;
  }
  cc_day from = r->from == CC_DAY_NONE ? 0 : r->from;
  if (from && (!h->first || from < h->first)) h->first = from;
  if (h->n_codes < sizeof h->codes / sizeof *h->codes)
    h->codes[h->n_codes++] = scrub_key(r->code);
  return CC_OK;
}

static int cmp_dup(const void *pa, const void *pb) {
  const scrub_dup *a = pa, *b = pb;
  return a->key < b->key ? -1 : a->key > b->key;
}

static cc_code load_history(cc_scrub *sc, cc_store *s, cc_err *err) {
  grow g = {.size = sizeof(scrub_dup)};
  hist_acc *h = calloc(1, sizeof *h);
  if (!h) return CC_E_NOMEM;
  h->sc = sc;
  h->g = &g;
  cc_code rc = store_scrub_history(s, add_hist, h, err);
  if (!rc) rc = hist_flush(h);
  free(h);
  if (!rc && g.n) qsort(g.v, g.n, sizeof(scrub_dup), cmp_dup);
  sc->n_hist = g.n;
  sc->hist = grow_keep(sc, &g);
  return rc;
}

/* ---- a Bloom filter of the PTP pairs, one cache line per pair -------- */
uint64_t scrub_pair_hash(uint64_t k1, uint64_t k2) {
  uint64_t h = k1 * 0x9E3779B97F4A7C15ULL;
  h ^= (k2 + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 32;
  return h;
}

static cc_code add_pair(void *ctx, const store_codes_scan_row *r) {
  uint64_t *h = grow_push(ctx);
  if (!h) return CC_E_NOMEM;
  *h = scrub_pair_hash(scrub_key(r->code), scrub_key(r->col2));
  return CC_OK;
}

#define BLOOM_BITS(h, k) (((h) >> (16 + 9 * (k))) & 511)

static cc_code load_ptp_filter(cc_scrub *sc, cc_store *s, cc_err *err) {
  grow g = {.size = sizeof(uint64_t)};
  cc_code rc = store_codes_scan(s, 2, sc->as_of, add_pair, &g, err);
  if (!rc && g.n) {
    size_t blocks = 1;
    while (blocks * 512 < g.n * 16) blocks *= 2; /* 16 bits a pair: ~0.1% */
    sc->ptp_bloom = aligned_alloc(64, blocks * 64);
    if (!sc->ptp_bloom) rc = CC_E_NOMEM;
    else memset(sc->ptp_bloom, 0, blocks * 64);
    sc->ptp_blocks_mask = blocks - 1;
    const uint64_t *hv = g.v;
    for (size_t i = 0; !rc && i < g.n; i++) {
      uint64_t *b = sc->ptp_bloom + (hv[i] & sc->ptp_blocks_mask) * 8;
      for (int k = 0; k < 4; k++) {
        unsigned bit = (unsigned)BLOOM_BITS(hv[i], k);
        b[bit >> 6] |= 1ULL << (bit & 63);
      }
    }
  }
  free(g.v);
  return rc;
}

const uint64_t *scrub_ptp_block(const cc_scrub *sc, uint64_t h) {
  return sc->ptp_bloom ? sc->ptp_bloom + (h & sc->ptp_blocks_mask) * 8 : NULL;
}

bool scrub_ptp_test(const uint64_t *b, uint64_t h) {
  if (!b) return true;
  for (int k = 0; k < 4; k++) {
    unsigned bit = (unsigned)BLOOM_BITS(h, k);
    if (!(b[bit >> 6] >> (bit & 63) & 1)) return false;
  }
  return true;
}

/* ---- epochs and the memo caches ----------------------------------------- */
static cc_code add_day(void *ctx, cc_day d) {
  cc_day *p = grow_push(ctx);
  if (!p) return CC_E_NOMEM;
  *p = d;
  return CC_OK;
}

static int cmp_day(const void *pa, const void *pb) {
  cc_day a = *(const cc_day *)pa, b = *(const cc_day *)pb;
  return a < b ? -1 : a > b;
}

static cc_code load_epochs(cc_scrub *sc, cc_store *s, cc_err *err) {
  grow g = {.size = sizeof(cc_day)};
  cc_code rc = store_scrub_code_days(s, add_day, &g, err);
  if (!rc && g.n) {
    cc_day *d = g.v;
    qsort(d, g.n, sizeof *d, cmp_day);
    size_t n = 0;
    for (size_t i = 0; i < g.n; i++)
      if (!n || d[n - 1] != d[i]) d[n++] = d[i];
    g.n = n;
  }
  sc->n_epochs = g.n;
  sc->epochs = grow_keep(sc, &g);
  return rc;
}

int32_t scrub_epoch(const cc_scrub *sc, cc_day day) {
  size_t lo = 0, hi = sc->n_epochs; /* boundaries on or before day */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sc->epochs[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return (int32_t)lo;
}

/* splitmix64's finalizer: every character of the packed code (the first
 * one sits in the top byte) reaches the slot bits. */
static size_t slot(uint64_t key, int32_t epoch, unsigned slots) {
  uint64_t h = key ^ (uint64_t)(uint32_t)epoch * 0x9E3779B97F4A7C15ULL;
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
  h ^= h >> 31;
  return (size_t)h & (slots - 1);
}

scrub_proc scrub_proc_info(cc_scrub *sc, const char *code, uint64_t key,
                           int32_t epoch, cc_day day) {
  scrub_proc *set = NULL;
  if (key && epoch <= UINT16_MAX) {
    if (!sc->proc_memo)
      sc->proc_memo = aligned_alloc(64, SCRUB_PROC_SETS * 4 * sizeof(scrub_proc));
    if (sc->proc_memo && !sc->proc_memo_init) {
      memset(sc->proc_memo, 0, SCRUB_PROC_SETS * 4 * sizeof(scrub_proc));
      sc->proc_memo_init = true;
    }
    if (sc->proc_memo) {
      set = &sc->proc_memo[slot(key, epoch, SCRUB_PROC_SETS) * 4];
      for (int w = 0; w < 4; w++)
        if (set[w].key == key && set[w].epoch == epoch) return set[w];
    }
  }
  scrub_proc p = {.key = key, .epoch = (uint16_t)epoch};
  cc_slice cs = cc_slice_cstr(code);
  cc_mue m;
  if (sc->have_hcpcs && cc_codes_hcpcs(sc->codes, cs, day, NULL)) p.flags |= SCRUB_PC_HCPCS;
  if (sc->have_cpt && cc_codes_cpt(sc->codes, cs, day, NULL)) p.flags |= SCRUB_PC_CPT;
  if (sc->have_mue && cc_codes_mue(sc->codes, cs, day, &m)) {
    p.flags |= SCRUB_PC_MUE;
    p.mue_ind = (uint8_t)m.indicator;
    p.mue_units = m.max_units;
  }
  if (set) { /* newest first; the oldest of the set goes */
    memmove(set + 1, set, 3 * sizeof *set);
    set[0] = p;
  }
  return p;
}

bool scrub_icd_info(cc_scrub *sc, const char *code, cc_day day, int32_t epoch,
                    cc_code_info *out) {
  uint64_t key = strlen(code) <= 8 ? scrub_key(code) : 0;
  scrub_dxm *e = NULL;
  if (key) {
    if (!sc->dx_memo) sc->dx_memo = calloc(SCRUB_DX_SLOTS, sizeof *sc->dx_memo);
    if (sc->dx_memo) {
      e = &sc->dx_memo[slot(key, epoch, SCRUB_DX_SLOTS)];
      if (e->key == key && e->epoch == epoch) {
        if (e->found) *out = e->info;
        return e->found;
      }
    }
  }
  bool found = cc_codes_icd10(sc->codes, cc_slice_cstr(code), day, out);
  if (e) {
    e->key = key;
    e->epoch = epoch;
    e->found = found;
    if (found) e->info = *out;
  }
  return found;
}

bool scrub_modifier_ok(cc_scrub *sc, const char *mod, cc_day day, int32_t epoch) {
  uint64_t key = strlen(mod) <= 8 ? scrub_key(mod) : 0;
  scrub_modm *e = NULL;
  if (key) {
    if (!sc->mod_memo) sc->mod_memo = calloc(SCRUB_MOD_SLOTS, sizeof *sc->mod_memo);
    if (sc->mod_memo) {
      e = &sc->mod_memo[slot(key, epoch, SCRUB_MOD_SLOTS)];
      if (e->key == key && e->epoch == epoch) return e->found;
    }
  }
  bool found = cc_codes_modifier(sc->codes, cc_slice_cstr(mod), day, NULL);
  if (e) *e = (scrub_modm){key, epoch, found};
  return found;
}

/* ---- open / free ------------------------------------------------------ */

/* The code tables, the PTP filter, the epochs and the lookups memoized on
 * them depend on the code sets alone: a reopen takes them from prev. */
static void take_codes(cc_scrub *sc, cc_scrub *prev) {
  sc->codes = prev->codes;
  prev->codes = NULL;
  sc->ptp_bloom = prev->ptp_bloom;
  prev->ptp_bloom = NULL;
  sc->ptp_blocks_mask = prev->ptp_blocks_mask;
  if (prev->n_epochs) {
    sc->epochs = cc_arena_alloc(sc->a, prev->n_epochs * sizeof *sc->epochs);
    if (sc->epochs)
      memcpy(sc->epochs, prev->epochs, prev->n_epochs * sizeof *sc->epochs);
  }
  sc->n_epochs = prev->n_epochs;
  sc->proc_memo = prev->proc_memo;
  sc->proc_memo_init = prev->proc_memo_init;
  prev->proc_memo = NULL;
  sc->dx_memo = prev->dx_memo;
  prev->dx_memo = NULL;
  sc->mod_memo = prev->mod_memo;
  prev->mod_memo = NULL;
}

static cc_code open_snapshot(cc_store *s, cc_day as_of, cc_scrub *prev,
                             cc_scrub **out, cc_err *err) {
  *out = NULL;
  cc_scrub *sc = calloc(1, sizeof *sc);
  if (!sc) {
    cc_scrub_free(prev);
    return cc_err_set(err, CC_E_NOMEM, "out of memory opening the scrubber", NULL);
  }
  sc->as_of = as_of;
  sc->today = as_of != CC_DAY_NONE ? as_of : cc_date_today();
  sc->a = cc_arena_new(0);
  cc_code rc = sc->a ? CC_OK : CC_E_NOMEM;
  if (!rc && prev && prev->codes) {
    take_codes(sc, prev);
  } else {
    if (!rc && s) rc = cc_codes_open(s, as_of, &sc->codes, err);
    if (!rc && s && cc_codes_count(sc->codes, CC_CODES_PTP))
      rc = load_ptp_filter(sc, s, err);
    if (!rc && s) rc = load_epochs(sc, s, err);
  }
  cc_scrub_free(prev);
  if (!rc && s) rc = load_payers(sc, s, err);
  if (!rc && s) rc = load_covs(sc, s, err);
  if (!rc && s) rc = load_auths(sc, s, err);
  if (!rc && s) rc = load_history(sc, s, err);
  if (!rc && cc_arena_failed(sc->a)) rc = CC_E_NOMEM;
  if (rc) {
    if (rc == CC_E_NOMEM)
      cc_err_set(err, CC_E_NOMEM, "out of memory reading the scrubber's tables", NULL);
    cc_scrub_free(sc);
    return rc;
  }
  if (sc->codes) {
    sc->have_icd = cc_codes_count(sc->codes, CC_CODES_ICD10CM) > 0;
    sc->have_hcpcs = cc_codes_count(sc->codes, CC_CODES_HCPCS) > 0;
    sc->have_cpt = cc_codes_count(sc->codes, CC_CODES_CPT) > 0;
    sc->have_mod = cc_codes_count(sc->codes, CC_CODES_MODIFIER) > 0;
    sc->have_pos = cc_codes_count(sc->codes, CC_CODES_POS) > 0;
    sc->have_ptp = cc_codes_count(sc->codes, CC_CODES_PTP) > 0;
    sc->have_mue = cc_codes_count(sc->codes, CC_CODES_MUE) > 0;
  }
  *out = sc;
  return CC_OK;
}

cc_code cc_scrub_open(cc_store *s, cc_day as_of, cc_scrub **out, cc_err *err) {
  return open_snapshot(s, as_of, NULL, out, err);
}

cc_code cc_scrub_reopen(cc_store *s, cc_day as_of, cc_scrub *prev,
                        cc_scrub **out, cc_err *err) {
  return open_snapshot(s, as_of, prev, out, err);
}

void cc_scrub_free(cc_scrub *sc) {
  if (!sc) return;
  cc_codes_free(sc->codes);
  free(sc->batch);
  free(sc->ptp_bloom);
  free(sc->proc_memo);
  free(sc->dx_memo);
  free(sc->mod_memo);
  free(sc->lines);
  cc_arena_free(sc->a);
  free(sc);
}

const cc_codes *cc_scrub_codes(const cc_scrub *sc) { return sc->codes; }
cc_day cc_scrub_today(const cc_scrub *sc) { return sc->today; }
