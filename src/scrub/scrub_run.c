/* scrub_run.c - runs the registry over a claim: finds the claim's payer,
 * coverage and patient in the snapshot, calls every rule in order, and
 * hands findings out; also files, database selections and printing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "scrub_int.h"
#include "store/store_scrub.h"

/* ---- the registry, from the one list in scrub_int.h --------------------- */
typedef struct scrub_rule {
  const char *name;
  void (*fn)(scrub_ctx *x);
  const char *summary;
} scrub_rule;

static const scrub_rule rules[] = {
#define SCRUB_X_ROW(NAME, fn, summary) {#NAME, scrub_rule_##fn, summary},
    SCRUB_RULES(SCRUB_X_ROW)
#undef SCRUB_X_ROW
};
#define N_RULES (sizeof rules / sizeof *rules)

size_t cc_scrub_rule_count(void) { return N_RULES; }
const char *cc_scrub_rule_name(size_t i) { return i < N_RULES ? rules[i].name : NULL; }
const char *cc_scrub_rule_summary(size_t i) {
  return i < N_RULES ? rules[i].summary : NULL;
}

/* ---- findings ------------------------------------------------------------
 * A rule reports with scrub_emit; the finding is counted and handed to the
 * caller with no text. Its message, fix and source are written only when
 * the caller asks (cc_scrub_finding_message...): the rule runs again in
 * text mode and stops writing at that finding. */
/* In a text re-run the rule goes on past the wanted finding: once it has
 * been emitted (serial reached target), later fix and source texts must not
 * overwrite its own. */
void scrub_fix_text(scrub_ctx *x, const char *fmt, ...) {
  if (x->serial >= x->target) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->fix, sizeof x->fix, fmt, ap);
  va_end(ap);
}

void scrub_src_text(scrub_ctx *x, const char *fmt, ...) {
  if (x->serial >= x->target) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->src, sizeof x->src, fmt, ap);
  va_end(ap);
}

void scrub_msg_text(scrub_ctx *x, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(x->msg, sizeof x->msg, fmt, ap);
  va_end(ap);
}

/* What a handed-out finding needs to get its text back. */
typedef struct lazy_text {
  scrub_ctx *x;
  uint32_t rule, serial;
} lazy_text;

bool scrub_emit_at(scrub_ctx *x, const char *rule, uint32_t line,
                   cc_severity sev, cc_claim_loc loc) {
  uint32_t serial = ++x->serial;
  if (x->text) {
    if (serial != x->target) {
      if (serial < x->target) x->fix[0] = x->src[0] = '\0';
      return false;
    }
    return true;
  }
  if (sev == CC_SEV_ERROR) x->errors++;
  else if (sev == CC_SEV_WARNING) x->warnings++;
  if (x->fn) {
    lazy_text lt = {x, x->rule, serial};
    cc_scrub_finding f = {.claim = x->c->pcn, .line = line, .rule = rule,
                          .severity = sev, .loc = loc, .lazy = &lt};
    x->fn(x->fnctx, &f);
  }
  return false;
}

/* Run the finding's rule again in text mode up to the finding. */
static const scrub_ctx *finding_text(const cc_scrub_finding *f) {
  const lazy_text *lt = f->lazy;
  if (!lt) return NULL;
  scrub_ctx *x = lt->x;
  if (x->text_rule == lt->rule + 1 && x->text_serial == lt->serial) return x;
  uint32_t serial = x->serial;
  x->text = true;
  x->target = lt->serial;
  x->serial = 0;
  x->fix[0] = x->src[0] = x->msg[0] = '\0';
  rules[lt->rule].fn(x);
  x->text = false;
  x->serial = serial;
  x->text_rule = lt->rule + 1;
  x->text_serial = lt->serial;
  return x;
}

const char *cc_scrub_finding_message(const cc_scrub_finding *f) {
  if (f->message) return f->message;
  const scrub_ctx *x = finding_text(f);
  return x ? x->msg : "";
}

const char *cc_scrub_finding_fix(const cc_scrub_finding *f) {
  if (f->fix) return f->fix;
  const scrub_ctx *x = finding_text(f);
  return x ? x->fix : "";
}

const char *cc_scrub_finding_source(const cc_scrub_finding *f) {
  if (f->source) return f->source;
  const scrub_ctx *x = finding_text(f);
  return x ? x->src : "";
}

/* ---- helpers the rules share ---------------------------------------------- */
uint32_t scrub_line_no(const cc_claim *c, uint32_t i) {
  return c->lines[i].lx ? c->lines[i].lx : i + 1;
}

cc_day scrub_line_day(const scrub_ctx *x, uint32_t i) { return x->ln[i].day; }

const char *scrub_line_npi(const cc_claim *c, uint32_t i) {
  if (c->lines[i].rendering.id[0]) return c->lines[i].rendering.id;
  if (c->rendering.id[0]) return c->rendering.id;
  return c->billing.id;
}

const char *scrub_dx_show(const char *code, char *buf) {
  size_t n = strlen(code);
  if (n <= 3) snprintf(buf, 16, "%s", code);
  else snprintf(buf, 16, "%.3s.%.8s", code, code + 3);
  return buf;
}

const char *scrub_day(cc_day d, char buf[11]) {
  if (d == CC_DAY_NONE || d == 0) {
    strcpy(buf, "-");
    return buf;
  }
  return cc_date_iso(d, buf);
}

const char *scrub_release(const cc_code_info *ci, char *buf, size_t n) {
  char a[11], b[11];
  if (ci->effective == CC_DAY_NONE && ci->termination == CC_DAY_NONE)
    snprintf(buf, n, "%s", ci->release ? ci->release : "");
  else
    snprintf(buf, n, "%s (%s to %s)", ci->release ? ci->release : "",
             scrub_day(ci->effective, a), scrub_day(ci->termination, b));
  return buf;
}

const cc_code_info *scrub_dx_info(scrub_ctx *x, uint16_t i) {
  if (!x->dx_state[i]) {
    bool ok = x->sc->have_icd && x->first &&
              scrub_icd_info(x->sc, x->c->dx[i].code, x->first, x->first_epoch,
                             &x->dx_info[i]);
    x->dx_state[i] = ok ? 1 : 2;
  }
  return x->dx_state[i] == 1 ? &x->dx_info[i] : NULL;
}

const char *scrub_mce_names(uint32_t bits, char *buf, size_t n) {
  static const struct { uint32_t bit; const char *name; } m[] = {
      {CC_MCE_NEWBORN, "Newborn_Only"},   {CC_MCE_PEDIATRIC, "Pediatric_Only"},
      {CC_MCE_MATERNITY, "Maternity_Only"}, {CC_MCE_ADULT, "Adult_Only"},
      {CC_MCE_FEMALE, "Female_Only"},     {CC_MCE_MALE, "Male_Only"}};
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof m / sizeof *m && len < n; i++)
    if (bits & m[i].bit)
      len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "", m[i].name);
  return buf;
}

/* FNV-1a over the normalised fields: a claim is the same claim whatever
 * the case of its names. */
static uint64_t mix(uint64_t h, const char *s) {
  for (; s && *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch >= 'a' && ch <= 'z') ch = (unsigned char)(ch - 32);
    h = (h ^ ch) * 1099511628211ULL;
  }
  return (h ^ 0xff) * 1099511628211ULL; /* field separator */
}

static uint64_t mix64(uint64_t h, uint64_t v) {
  for (int i = 0; i < 8; i++, v >>= 8) h = (h ^ (v & 0xff)) * 1099511628211ULL;
  return h;
}

uint64_t scrub_dup_key(const char *payer, const char *member, const char *last,
                       cc_day dob, const char *npi, cc_day first,
                       uint64_t *codes, size_t n) {
  for (size_t i = 1; i < n; i++) /* insertion sort: a claim has few lines */
    for (size_t j = i; j > 0 && codes[j - 1] > codes[j]; j--) {
      uint64_t t = codes[j];
      codes[j] = codes[j - 1];
      codes[j - 1] = t;
    }
  uint64_t h = 1469598103934665603ULL;
  h = mix(h, payer);
  h = mix(h, member);
  h = mix(h, last);
  h = mix64(h, (uint64_t)(uint32_t)dob);
  h = mix(h, npi);
  h = mix64(h, (uint64_t)(uint32_t)first);
  for (size_t i = 0; i < n; i++) h = mix64(h, codes[i]);
  return h ? h : 1; /* 0 marks an empty batch slot */
}

const char *scrub_batch_add(cc_scrub *sc, uint64_t key, const char *pcn) {
  if (sc->batch_failed) return NULL;
  if (sc->batch_n * 2 >= sc->batch_cap) { /* keep the table half empty */
    size_t cap = sc->batch_cap ? sc->batch_cap * 2 : 1024;
    scrub_dup *t = calloc(cap, sizeof *t);
    if (!t) {
      sc->batch_failed = true;
      return NULL;
    }
    for (size_t i = 0; i < sc->batch_cap; i++) {
      if (!sc->batch[i].key) continue;
      size_t j = (size_t)sc->batch[i].key & (cap - 1);
      while (t[j].key) j = (j + 1) & (cap - 1);
      t[j] = sc->batch[i];
    }
    free(sc->batch);
    sc->batch = t;
    sc->batch_cap = cap;
  }
  size_t j = (size_t)key & (sc->batch_cap - 1);
  while (sc->batch[j].key) {
    if (sc->batch[j].key == key) return sc->batch[j].pcn;
    j = (j + 1) & (sc->batch_cap - 1);
  }
  sc->batch[j].key = key;
  sc->batch[j].pcn = cc_arena_strdup(sc->a, cc_slice_cstr(pcn));
  if (!sc->batch[j].pcn) sc->batch[j].pcn = "";
  sc->batch_n++;
  return NULL;
}

/* ---- who the claim is for -------------------------------------------- */
static const scrub_payer *payer_by_code(const cc_scrub *sc, const char *code) {
  size_t lo = 0, hi = sc->n_payers;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int k = strcmp(sc->payers[mid].code, code);
    if (k == 0) return &sc->payers[mid];
    if (k < 0) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

static const scrub_payer *payer_by_id(const cc_scrub *sc, int64_t id) {
  for (size_t i = 0; i < sc->n_payers; i++)
    if (sc->payers[i].id == id) return &sc->payers[i];
  return NULL;
}

static bool cov_active(const scrub_cov *v, cc_day d) {
  return d && v->eff != CC_DAY_NONE && v->eff <= d &&
         (v->term == CC_DAY_NONE || d <= v->term);
}

/* The coverage with this payer and member ID, preferring one in force on
 * day. */
static const scrub_cov *cov_by_member(const cc_scrub *sc, int64_t payer_id,
                                      const char *member, cc_day day) {
  size_t lo = 0, hi = sc->n_covs;
  const scrub_cov *v = sc->covs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int k = v[mid].payer_id != payer_id ? (v[mid].payer_id < payer_id ? -1 : 1)
                                        : strcmp(v[mid].member_id, member);
    if (k < 0) lo = mid + 1;
    else hi = mid;
  }
  const scrub_cov *best = NULL;
  for (; lo < sc->n_covs && v[lo].payer_id == payer_id &&
         strcmp(v[lo].member_id, member) == 0;
       lo++)
    if (!best || cov_active(&v[lo], day)) best = &v[lo];
  return best;
}

static void resolve(scrub_ctx *x) {
  const cc_claim *c = x->c;
  cc_scrub *sc = x->sc;
  x->pat = c->has_patient ? &c->patient : &c->subscriber;
  cc_day first = 0;
  for (uint32_t i = 0; i < c->n_lines; i++)
    if (c->lines[i].from && (!first || c->lines[i].from < first)) first = c->lines[i].from;
  if (!first && c->stmt_from) first = c->stmt_from;
  x->first = first;
  x->first_epoch = first ? scrub_epoch(sc, first) : 0;
  if (c->payer_id) x->payer = payer_by_id(sc, c->payer_id);
  if (!x->payer && c->payer.id[0]) x->payer = payer_by_code(sc, c->payer.id);
  x->patient_id = c->patient_id;
  if (c->coverage_id || c->patient_id) {
    /* From the database: the claim names its coverage. */
    for (size_t i = 0; i < sc->n_covs; i++)
      if (sc->covs[i].id == c->coverage_id) x->cov = &sc->covs[i];
  } else if (x->payer && c->subscriber.name.id[0]) {
    x->cov = cov_by_member(sc, x->payer->id, c->subscriber.name.id, first);
    if (x->cov) x->patient_id = x->cov->patient_id;
  }
  if (!x->patient_id && c->subscriber.name.id[0]) {
    /* Known by a coverage with another payer. */
    for (size_t i = 0; i < sc->n_covs; i++)
      if (strcmp(sc->covs[i].member_id, c->subscriber.name.id) == 0) {
        x->patient_id = sc->covs[i].patient_id;
        break;
      }
  }
}

static bool ncci_modifier(const cc_claim_line *l) {
  for (int k = 0; k < 4; k++) {
    if (!l->mod[k][0]) continue;
    for (const char *const *m = scrub_ncci_modifiers; *m; m++)
      if (strcmp(*m, l->mod[k]) == 0) return true;
  }
  return false;
}

/* The compact view of the lines: built once, read by every rule. */
static bool build_lines(scrub_ctx *x) {
  cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  if (c->n_lines > sc->lines_cap) {
    size_t cap = c->n_lines < 64 ? 64 : c->n_lines;
    scrub_line *p = realloc(sc->lines, cap * sizeof *p);
    if (!p) return false;
    sc->lines = p;
    sc->lines_cap = cap;
  }
  x->ln = sc->lines;
  const char *npis[16];
  uint16_t n_npis = 0;
  cc_day last_day = 0;
  int32_t last_epoch = 0;
  for (uint32_t i = 0; i < c->n_lines; i++) {
    const cc_claim_line *l = &c->lines[i];
    scrub_line *v = &x->ln[i];
    size_t len = strlen(l->proc);
    v->key = scrub_key(l->proc);
    v->exact = len <= 8;
    v->len5 = len == 5;
    v->day = l->from ? l->from : x->first;
    if (v->day && v->day != last_day) {
      last_day = v->day;
      last_epoch = scrub_epoch(sc, v->day);
    }
    v->epoch = v->day ? last_epoch : 0;
    v->no = l->lx ? l->lx : i + 1;
    v->is_proc = l->proc[0] && (!l->proc_qual[0] || strcmp(l->proc_qual, "HC") == 0);
    v->counted = l->proc[0] && strcmp(l->unit_basis, "MJ") != 0;
    v->ncci_mod = ncci_modifier(l);
    /* Lines by the same provider share an index; past 16 different
     * providers (rare) an NPI gets its own index per line, and the pair
     * rule compares strings. */
    const char *npi = scrub_line_npi(c, i);
    uint16_t k = 0;
    while (k < n_npis && strcmp(npis[k], npi) != 0) k++;
    if (k == n_npis && n_npis < 16) npis[n_npis++] = npi;
    v->npi = k < 16 ? k : (uint16_t)(16 + i);
    v->have_pc = 0;
    if (l->proc[0] && v->day && sc->codes) {
      v->pc = scrub_proc_info(sc, l->proc, v->exact ? v->key : 0, v->epoch, v->day);
      v->have_pc = 1;
    }
  }
  return true;
}

uint32_t cc_scrub_claim_with(cc_scrub *sc, const cc_claim *c,
                             const cc_claim_problem *probs, size_t n_probs,
                             cc_scrub_finding_fn fn, void *ctx,
                             cc_scrub_summary *sum) {
  scrub_ctx x;
  /* Not memset: the text buffers and the diagnosis answers are written
   * before they are read. */
  memset(&x, 0, offsetof(scrub_ctx, dx_info));
  x.fn = fn;
  x.fnctx = ctx;
  x.errors = x.warnings = 0;
  x.text = false;
  x.text_rule = x.text_serial = 0;
  x.dup_prev = NULL;
  x.dup_sent = false;
  x.sc = sc;
  x.c = c;
  x.probs = probs;
  x.n_probs = n_probs;
  resolve(&x);
  /* Out of memory for the line view: the claim cannot be judged, so it is
   * not called clean. */
  bool judged = build_lines(&x);
  if (!judged) x.errors = 1;
  for (size_t i = 0; judged && i < N_RULES; i++) {
    x.rule = (uint32_t)i;
    x.serial = 0;
    rules[i].fn(&x);
  }
  if (sum) {
    sum->claims++;
    sum->lines += c->n_lines;
    sum->errors += x.errors;
    sum->warnings += x.warnings;
    if (x.errors) sum->with_errors++;
    else if (x.warnings) sum->with_warnings++;
    else sum->clean++;
  }
  return x.errors;
}

uint32_t cc_scrub_claim(cc_scrub *sc, const cc_claim *c, cc_scrub_finding_fn fn,
                        void *ctx, cc_scrub_summary *sum) {
  return cc_scrub_claim_with(sc, c, NULL, 0, fn, ctx, sum);
}

/* ---- files and the database ---------------------------------------------- */
typedef struct run_ctx {
  cc_scrub *sc;
  cc_scrub_finding_fn fn;
  void *ctx;
  cc_scrub_summary *sum;
} run_ctx;

static int on_claim(void *ctx, const cc_claim *c, const cc_claim_problem *probs,
                    size_t n_probs) {
  run_ctx *r = ctx;
  cc_scrub_claim_with(r->sc, c, probs, n_probs, r->fn, r->ctx, r->sum);
  return 0;
}

cc_code cc_scrub_file(cc_scrub *sc, const char *path, cc_scrub_finding_fn fn,
                      void *ctx, cc_scrub_summary *sum, cc_err *err) {
  run_ctx r = {sc, fn, ctx, sum};
  return cc_claims_parse_file(path, on_claim, &r, NULL, err);
}

typedef struct ids {
  int64_t *v;
  size_t n, cap;
  bool failed;
} ids;

static int on_row(void *ctx, const cc_claims_row *row) {
  ids *d = ctx;
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 256;
    int64_t *p = realloc(d->v, cap * sizeof *p);
    if (!p) {
      d->failed = true;
      return 1;
    }
    d->v = p;
    d->cap = cap;
  }
  d->v[d->n++] = row->id;
  return 0;
}

/* Findings of one stored claim, kept (with their text) to be recorded. */
typedef struct keep_ctx {
  cc_scrub_finding_fn fn;
  void *ctx;
  cc_arena *a;
  store_scrub_frow *v;
  size_t n, cap;
  bool failed;
} keep_ctx;

static void keep_finding(void *ctx, const cc_scrub_finding *f) {
  keep_ctx *k = ctx;
  if (k->fn) k->fn(k->ctx, f);
  if (k->n == k->cap) {
    size_t cap = k->cap ? k->cap * 2 : 16;
    store_scrub_frow *p = realloc(k->v, cap * sizeof *p);
    if (!p) {
      k->failed = true;
      return;
    }
    k->v = p;
    k->cap = cap;
  }
  store_scrub_frow *r = &k->v[k->n++];
  r->line = f->line;
  r->rule = f->rule;
  r->severity = cc_severity_name(f->severity);
  r->message = cc_arena_strdup(k->a, cc_slice_cstr(cc_scrub_finding_message(f)));
  r->fix = cc_arena_strdup(k->a, cc_slice_cstr(cc_scrub_finding_fix(f)));
  r->source = cc_arena_strdup(k->a, cc_slice_cstr(cc_scrub_finding_source(f)));
  if (!r->message || !r->fix || !r->source) k->failed = true;
}

cc_code cc_scrub_store(cc_scrub *sc, cc_store *s, int64_t id,
                       const char *status, cc_scrub_finding_fn fn, void *ctx,
                       cc_scrub_summary *sum, cc_err *err) {
  ids d = {0};
  cc_code rc = CC_OK;
  if (id > 0) {
    if (on_row(&d, &(cc_claims_row){.id = id})) rc = CC_E_NOMEM;
  } else {
    rc = cc_claims_list(s, status, on_row, &d, err);
    if (!rc && d.failed) rc = CC_E_NOMEM;
  }
  cc_arena *a = rc ? NULL : cc_arena_new(0);
  if (!rc && !a) rc = CC_E_NOMEM;
  keep_ctx k = {.fn = fn, .ctx = ctx, .a = a};
  char today[11];
  cc_date_iso(sc->today, today);
  for (size_t i = 0; !rc && i < d.n; i++) {
    cc_claim *c;
    cc_arena_reset(a);
    k.n = 0;
    rc = cc_claims_load(s, d.v[i], a, &c, err);
    if (rc) break;
    cc_scrub_summary one = {0};
    cc_scrub_claim(sc, c, keep_finding, &k, &one);
    if (k.failed) {
      rc = CC_E_NOMEM;
      break;
    }
    char detail[96];
    snprintf(detail, sizeof detail, "%llu error%s, %llu warning%s",
             (unsigned long long)one.errors, one.errors == 1 ? "" : "s",
             (unsigned long long)one.warnings, one.warnings == 1 ? "" : "s");
    store_scrub_rec rec = {.claim_id = c->id ? c->id : d.v[i], .day = today,
                           .errors = (int64_t)one.errors,
                           .warnings = (int64_t)one.warnings,
                           .findings = k.v, .n_findings = k.n,
                           .new_status = one.errors ? "held" : "ready",
                           .detail = detail};
    rc = store_scrub_record(s, &rec, err);
    if (sum) {
      sum->claims += one.claims;
      sum->clean += one.clean;
      sum->with_errors += one.with_errors;
      sum->with_warnings += one.with_warnings;
      sum->lines += one.lines;
      sum->errors += one.errors;
      sum->warnings += one.warnings;
    }
  }
  if (rc == CC_E_NOMEM) cc_err_set(err, CC_E_NOMEM, "out of memory reading claims", NULL);
  free(k.v);
  cc_arena_free(a);
  free(d.v);
  return rc;
}

/* ---- printing ------------------------------------------------------------ */
void cc_scrub_finding_print(const cc_scrub_finding *f, bool json, FILE *out) {
  const char *sev = cc_severity_name(f->severity);
  const char *msg = cc_scrub_finding_message(f), *fix = cc_scrub_finding_fix(f),
             *src = cc_scrub_finding_source(f);
  if (!json) {
    if (f->line) fprintf(out, "%s:%u: ", f->claim, f->line);
    else fprintf(out, "%s:-: ", f->claim);
    fprintf(out, "%s %s: %s; fix: %s", f->rule, sev, msg, fix);
    if (src && *src) fprintf(out, " [source: %s]", src);
    fputc('\n', out);
    return;
  }
  fputs("{\"claim\":", out);
  cc_json_write_str(out, cc_slice_cstr(f->claim));
  if (f->line) fprintf(out, ",\"line\":%u", f->line);
  else fputs(",\"line\":null", out);
  fputs(",\"rule\":", out);
  cc_json_write_str(out, cc_slice_cstr(f->rule));
  fputs(",\"severity\":", out);
  cc_json_write_str(out, cc_slice_cstr(sev));
  fputs(",\"message\":", out);
  cc_json_write_str(out, cc_slice_cstr(msg));
  fputs(",\"fix\":", out);
  cc_json_write_str(out, cc_slice_cstr(fix));
  fputs(",\"source\":", out);
  cc_json_write_str(out, cc_slice_cstr(src ? src : ""));
  fputs("}\n", out);
}

void cc_scrub_summary_print(const cc_scrub_summary *s, bool json, FILE *out) {
  if (json) {
    fprintf(out,
            "{\"summary\":{\"claims\":%llu,\"clean\":%llu,\"with_errors\":%llu,"
            "\"with_warnings\":%llu,\"lines\":%llu,\"errors\":%llu,"
            "\"warnings\":%llu}}\n",
            (unsigned long long)s->claims, (unsigned long long)s->clean,
            (unsigned long long)s->with_errors, (unsigned long long)s->with_warnings,
            (unsigned long long)s->lines, (unsigned long long)s->errors,
            (unsigned long long)s->warnings);
    return;
  }
  fprintf(out, "%llu claims checked: %llu clean, %llu with errors, %llu with warnings\n",
          (unsigned long long)s->claims, (unsigned long long)s->clean,
          (unsigned long long)s->with_errors, (unsigned long long)s->with_warnings);
}
