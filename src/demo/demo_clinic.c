/* demo_clinic.c - generates the demonstration clinic from data/demo: its
 * providers and payers (imported like a practice would), synthetic patients
 * with their coverages and authorizations, the visit schedule with its
 * planted mistakes, and the payers' member lists for the simulator. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_int.h"

const char *const demo_payer_codes[DEMO_NPAYERS] = {
    "DEMOMCR", "DEMOMCD", "DEMOPPO", "DEMOHDHP", "DEMOHMO"};
static const char *const profile_file[DEMO_NPAYERS] = {
    "medicare.json", "medicaid.json", "ppo.json", "hdhp.json", "hmo.json"};
static const char *const plan_id[DEMO_NPAYERS] = {"PARTB", "MEDICAID",
                                                  "PPO500", "HDHP3000",
                                                  "HMO20"};
static const char *const member_prefix[DEMO_NPAYERS] = {"1DM", "MCD", "PPO",
                                                        "LHD", "RBH"};
/* Primary payer mix in per mille, self-pay last (what is left). */
static const int payer_mix[DEMO_NPAYERS] = {300, 150, 200, 150, 120};
/* Coverage every membership starts with; the plan year of the payers. */
#define COVERAGE_START "2025-01-01"

uint64_t demo_rand(demo_rng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
int demo_below(demo_rng *r, int n) {
  return n <= 0 ? 0 : (int)(demo_rand(r) % (uint64_t)n);
}
bool demo_chance(demo_rng *r, int per_mille) {
  return demo_below(r, 1000) < per_mille;
}

static char *read_all(const char *dir, const char *name, size_t *n,
                      cc_err *err) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    cc_err_set(err, CC_E_IO, "cannot read the demonstration data",
               "%s: %s (give the data/demo folder of the source tree)", path,
               strerror(errno));
    return NULL;
  }
  cc_buf b;
  cc_buf_init(&b, 64u << 20);
  char tmp[8192];
  size_t k;
  cc_code rc = CC_OK;
  while (!rc && (k = fread(tmp, 1, sizeof tmp, f)) > 0)
    rc = cc_buf_append(&b, tmp, k);
  fclose(f);
  if (rc || !b.p) {
    cc_buf_free(&b);
    cc_err_set(err, rc ? rc : CC_E_IO, "cannot read the demonstration data",
               "%s is empty or too large", path);
    return NULL;
  }
  *n = b.n;
  return cc_buf_take(&b);
}

static void on_import_error(void *ctx, const cc_err *e) {
  cc_err *first = ctx;
  if (first->code == CC_OK) *first = *e;
}

static cc_code import_file(cc_store *s, const char *dir, const char *name,
                           cc_import_kind kind, cc_err *err) {
  size_t n;
  char *p = read_all(dir, name, &n, err);
  if (!p) return err->code;
  cc_err first;
  cc_err_clear(&first);
  cc_import_result r;
  cc_code rc = cc_import_mem(s, kind, p, n, name, CC_IMPORT_CSV,
                             on_import_error, &first, &r, err);
  if (rc == CC_E_INVALID && first.code) *err = first;
  free(p);
  return rc;
}

/* ---- names and visit patterns --------------------------------------- */
typedef struct names {
  char first[2][64][16]; /* [0] female, [1] male */
  int nfirst[2];
  char last[128][24];
  int nlast;
} names;

static cc_code read_names(const char *dir, names *nm, cc_err *err) {
  size_t n;
  char *p = read_all(dir, "names.txt", &n, err);
  if (!p) return err->code;
  memset(nm, 0, sizeof *nm);
  for (char *line = strtok(p, "\r\n"); line; line = strtok(NULL, "\r\n")) {
    if (line[0] == '#' || strlen(line) < 3 || line[1] != ' ') continue;
    const char *w = line + 2;
    if (line[0] == 'L' && nm->nlast < 128)
      snprintf(nm->last[nm->nlast++], 24, "%s", w);
    else if ((line[0] == 'F' || line[0] == 'M')) {
      int k = line[0] == 'M';
      if (nm->nfirst[k] < 64) snprintf(nm->first[k][nm->nfirst[k]++], 16, "%s", w);
    }
  }
  free(p);
  if (!nm->nlast || !nm->nfirst[0] || !nm->nfirst[1])
    return cc_err_set(err, CC_E_INVALID, "names.txt lacks names",
                      "it needs F, M and L lines");
  return CC_OK;
}

/* "99214:16500" or "97110:9000:2" */
static bool parse_line(cc_slice s, demo_pattern *pt) {
  char t[32];
  cc_slice_copy(s, t, sizeof t);
  char *c1 = strchr(t, ':');
  if (!c1 || pt->nlines >= DEMO_MAX_LINES) return false;
  *c1++ = 0;
  char *c2 = strchr(c1, ':');
  if (c2) *c2++ = 0;
  if (strlen(t) != 5) return false;
  int k = pt->nlines++;
  memcpy(pt->code[k], t, 6);
  pt->cents[k] = strtoll(c1, NULL, 10);
  pt->units[k] = c2 ? atoi(c2) : 1;
  return pt->cents[k] > 0 && pt->units[k] > 0;
}

static cc_code read_patterns(demo_clinic *c, cc_err *err) {
  size_t n;
  char *p = read_all(c->o->data_dir, "visits.csv", &n, err);
  if (!p) return err->code;
  cc_csv r;
  cc_csv_init(&r, p, n, "visits.csv");
  cc_slice f[8];
  size_t nf;
  cc_code rc;
  bool header = true;
  while ((rc = cc_csv_next(&r, c->a, f, 8, &nf, err)) == CC_OK) {
    if (header) {
      header = false;
      continue;
    }
    if (nf != 7 || c->npattern >= 64) {
      rc = cc_err_set(err, CC_E_INVALID, "visits.csv: bad row",
                      "row %u: want 7 columns (pattern, specialty, payers, "
                      "weight, diagnoses, lines, prior_auth)", r.record);
      break;
    }
    demo_pattern *pt = &c->pat_v[c->npattern++];
    memset(pt, 0, sizeof *pt);
    cc_slice_copy(f[0], pt->name, sizeof pt->name);
    cc_slice_copy(f[1], pt->specialty, sizeof pt->specialty);
    cc_slice_copy(f[2], pt->payers, sizeof pt->payers);
    char w[16];
    pt->weight = atoi(cc_slice_copy(f[3], w, sizeof w));
    bool ok = pt->weight > 0;
    for (size_t i = 0, st = 0; i <= f[4].n; i++)
      if (i == f[4].n || f[4].p[i] == ';') {
        if (pt->ndx < DEMO_MAX_DX && i > st)
          cc_slice_copy((cc_slice){f[4].p + st, i - st}, pt->dx[pt->ndx++], 8);
        st = i + 1;
      }
    for (size_t i = 0, st = 0; i <= f[5].n && ok; i++)
      if (i == f[5].n || f[5].p[i] == ';') {
        ok = parse_line((cc_slice){f[5].p + st, i - st}, pt);
        st = i + 1;
      }
    pt->auth = cc_slice_eq(f[6], "yes");
    if (!ok || !pt->ndx) {
      rc = cc_err_set(err, CC_E_INVALID, "visits.csv: bad row",
                      "row %u (%s): weight, diagnoses or lines unreadable",
                      r.record, pt->name);
      break;
    }
  }
  free(p);
  if (rc == CC_E_EOF) rc = CC_OK;
  if (!rc && !c->npattern)
    rc = cc_err_set(err, CC_E_INVALID, "visits.csv has no patterns", " ");
  return rc;
}

static bool pattern_fits(const demo_pattern *pt, int payer) {
  if (strcmp(pt->payers, "*") == 0) return true;
  if (payer < 0) return false;
  return strstr(pt->payers, demo_payer_codes[payer]) != NULL;
}

/* ---- people --------------------------------------------------------- */
static int pick_payer(demo_rng *r) {
  int x = demo_below(r, 1000);
  for (int i = 0; i < DEMO_NPAYERS; i++) {
    if (x < payer_mix[i]) return i;
    x -= payer_mix[i];
  }
  return PAY_SELF;
}

static void member(demo_clinic *c, demo_member *m, int payer, int seq) {
  m->payer = payer;
  snprintf(m->member_id, sizeof m->member_id, "%s%07d", member_prefix[payer],
           1000000 + seq * 7 + payer);
  memcpy(m->practice_id, m->member_id, sizeof m->member_id);
}

static cc_code put_coverage(cc_store *s, const demo_clinic *c,
                            const demo_patient *p, int k, cc_err *err) {
  const demo_member *m = &p->cov[k];
  char grp[16];
  snprintf(grp, sizeof grp, "G%s", plan_id[m->payer]);
  cc_coverage_rec r = {.patient_id = p->id,
                       .payer_id = c->payer_id[m->payer],
                       .priority = k ? "secondary" : "primary",
                       .relationship = "self",
                       .member_id = m->practice_id,
                       .group_number = grp,
                       .plan_name = plan_id[m->payer],
                       .effective_date = COVERAGE_START};
  int64_t id;
  bool created;
  return cc_store_coverage_put(s, &r, &id, &created, err);
}

static cc_code make_patients(demo_clinic *c, cc_store *s, const names *nm,
                             cc_demo_result *res, cc_err *err) {
  demo_rng *r = &c->rng;
  c->npat = c->o->patients;
  c->pat = calloc((size_t)c->npat, sizeof *c->pat);
  if (!c->pat) return cc_err_set(err, CC_E_NOMEM, "out of memory", "patients");
  int y, mo, d;
  cc_date_ymd(c->today, &y, &mo, &d);
  for (int i = 0; i < c->npat; i++) {
    demo_patient *p = &c->pat[i];
    int male = demo_below(r, 2);
    p->sex = male ? 'M' : 'F';
    snprintf(p->account, sizeof p->account, "DEMO%05d", i + 1);
    snprintf(p->first, sizeof p->first, "%s",
             nm->first[male][demo_below(r, nm->nfirst[male])]);
    snprintf(p->last, sizeof p->last, "%s", nm->last[demo_below(r, nm->nlast)]);
    int payer = pick_payer(r);
    int age = payer == PAY_MCR ? 66 + demo_below(r, 25)
              : payer == PAY_MCD ? 19 + demo_below(r, 40)
                                 : 19 + demo_below(r, 45);
    p->birth = cc_date_days(y - age, 1 + demo_below(r, 12), 1 + demo_below(r, 28));
    if (payer != PAY_SELF) {
      member(c, &p->cov[0], payer, i);
      p->ncov = 1;
      /* Planted coverage problems the practice does not know about. */
      if (payer != PAY_MCR && demo_chance(r, 60))
        p->cov[0].end = c->first + demo_below(r, c->o->days);
      else if (demo_chance(r, 20)) /* a digit typed wrong at registration */
        p->cov[0].practice_id[strlen(p->cov[0].practice_id) - 1] ^= 1;
      else if (payer >= PAY_PPO && demo_chance(r, 20))
        p->cov[0].other_primary = true;
      if (payer == PAY_MCR && demo_chance(r, 350)) {
        member(c, &p->cov[1], demo_chance(r, 500) ? PAY_MCD : PAY_PPO, i);
        p->cov[1].other_primary = true;
        p->ncov = 2;
        res->secondary_coverages++;
      }
    }
    char birth[11];
    char addr[40], phone[16];
    snprintf(addr, sizeof addr, "%d DEMONSTRATION LANE", 10 + demo_below(r, 980));
    snprintf(phone, sizeof phone, "217555%04u", (unsigned)(1000 + i % 9000));
    cc_patient_rec pr = {.account_no = p->account, .last_name = p->last,
                         .first_name = p->first,
                         .birth_date = cc_date_iso(p->birth, birth),
                         .sex = male ? "M" : "F", .address1 = addr,
                         .city = "SPRINGFIELD", .state = "IL", .zip = "62701",
                         .phone = phone};
    bool created;
    cc_code rc = cc_store_patient_put(s, &pr, &p->id, &created, err);
    for (int k = 0; !rc && k < p->ncov; k++) rc = put_coverage(s, c, p, k, err);
    if (rc) return rc;
    res->patients++;
    /* The HMO wants a referral on file for the clinic's visits. Most
     * members have one; a few never brought it (REFERRAL_MISSING). */
    if (payer == PAY_HMO && !demo_chance(r, 80)) {
      char num[16], from[11], to[11];
      snprintf(num, sizeof num, "RF%06d", i + 1);
      cc_auth_rec a = {.patient_id = p->id, .payer_id = c->payer_id[PAY_HMO],
                       .kind = "referral", .number = num,
                       .start_date = cc_date_iso(c->first - c->o->history_days - 30, from),
                       .end_date = cc_date_iso(c->today + 60, to),
                       .note = "referral from the primary care provider",
                       .visits_allowed = -1};
      int64_t id;
      if ((rc = cc_store_auth_put(s, &a, &id, &created, err))) return rc;
      res->referrals++;
    }
  }
  return CC_OK;
}

/* ---- the visit schedule --------------------------------------------- */
static bool weekday(cc_day d) {
  int w = (int)(((int64_t)d + 4) % 7); /* 1970-01-01 was a Thursday */
  if (w < 0) w += 7;
  return w != 0 && w != 6;
}

static demo_visit *add_visit(demo_clinic *c, cc_err *err) {
  if (c->nv == c->capv) {
    int cap = c->capv ? c->capv * 2 : 1024;
    demo_visit *v = realloc(c->v, (size_t)cap * sizeof *v);
    if (!v) {
      cc_err_set(err, CC_E_NOMEM, "out of memory", "visits");
      return NULL;
    }
    c->v = v;
    c->capv = cap;
  }
  demo_visit *v = &c->v[c->nv++];
  memset(v, 0, sizeof *v);
  return v;
}

static int pick_provider(demo_clinic *c, const char *spec) {
  int idx[8], n = 0;
  for (int i = 0; i < c->nprov; i++)
    if (strcmp(c->prov_spec[i], spec) == 0) idx[n++] = i;
  return n ? idx[demo_below(&c->rng, n)] : 0;
}

static int pick_pattern(demo_clinic *c, int payer) {
  demo_rng *r = &c->rng;
  int x = demo_below(r, 1000);
  const char *spec = x < 600 ? "fm" : x < 850 ? "ortho" : "pt";
  int total = 0;
  for (int i = 0; i < c->npattern; i++)
    if (strcmp(c->pat_v[i].specialty, spec) == 0 && pattern_fits(&c->pat_v[i], payer))
      total += c->pat_v[i].weight;
  if (!total) spec = "fm";
  for (int i = 0; !total && i < c->npattern; i++)
    if (pattern_fits(&c->pat_v[i], payer)) total += c->pat_v[i].weight;
  int k = demo_below(r, total);
  for (int i = 0; i < c->npattern; i++) {
    const demo_pattern *pt = &c->pat_v[i];
    if ((strcmp(pt->specialty, spec) && total) || !pattern_fits(pt, payer)) continue;
    if (k < pt->weight) return i;
    k -= pt->weight;
  }
  return 0;
}

static cc_code authorize(demo_clinic *c, cc_store *s, demo_visit *v,
                         bool payer_knows, cc_demo_result *res, cc_err *err) {
  demo_patient *p = &c->pat[v->patient];
  const demo_pattern *pt = &c->pat_v[v->pattern];
  char num[16], from[11], to[11];
  snprintf(num, sizeof num, "PA%06u", ++c->auth_seq);
  const char *codes[DEMO_MAX_LINES];
  for (int k = 0; k < pt->nlines; k++) codes[k] = pt->code[k];
  cc_auth_rec a = {.patient_id = p->id,
                   .payer_id = c->payer_id[p->cov[0].payer],
                   .provider_id = c->prov_id[v->provider],
                   .kind = "prior_auth", .number = num,
                   .start_date = cc_date_iso(v->service - 14, from),
                   .end_date = cc_date_iso(v->service + 60, to),
                   .visits_allowed = -1, .codes = codes,
                   .n_codes = (size_t)pt->nlines};
  bool created;
  cc_code rc = cc_store_auth_put(s, &a, &v->auth_id, &created, err);
  if (rc) return rc;
  res->authorizations++;
  if (payer_knows && p->nauths < 8)
    snprintf(p->auths[p->nauths++], sizeof p->auths[0], "%s", num);
  return CC_OK;
}

static cc_code schedule_day(demo_clinic *c, cc_store *s, cc_day d, int n,
                            bool history, cc_demo_result *res, cc_err *err) {
  demo_rng *r = &c->rng;
  for (int i = 0; i < n; i++) {
    demo_visit *v = add_visit(c, err);
    if (!v) return err->code;
    v->patient = demo_below(r, c->npat);
    demo_patient *p = &c->pat[v->patient];
    int payer = p->ncov ? p->cov[0].payer : PAY_SELF;
    v->pattern = pick_pattern(c, payer);
    v->provider = pick_provider(c, c->pat_v[v->pattern].specialty);
    v->service = d;
    v->entered = history ? c->first : d;
    v->history = history;
    int x = demo_below(r, 1000);
    v->mistake = x < 30 ? MIS_DUP_SELF : x < 40 ? MIS_DUP_SAME
                 : x < 55 && strlen(c->pat_v[v->pattern].dx[0]) > 3 ? MIS_DX_HEADER
                 : x < 62 ? MIS_DX_SEX : MIS_NONE;
    if (c->pat_v[v->pattern].auth && payer != PAY_SELF && payer != PAY_MCR) {
      int y = demo_below(r, 1000);
      if (y < 80) v->mistake = MIS_NO_AUTH;
      else if (y < 150) v->mistake = MIS_BAD_AUTH;
      cc_code rc = v->mistake == MIS_NO_AUTH
                       ? CC_OK
                       : authorize(c, s, v, v->mistake != MIS_BAD_AUTH, res, err);
      if (rc) return rc;
    }
    if (v->mistake == MIS_DUP_SELF || v->mistake == MIS_DUP_SAME) {
      int mis = v->mistake;
      v->mistake = MIS_NONE;
      cc_day again = d + 3 + demo_below(r, 4);
      if (history) again = c->first + 1 + demo_below(r, 3);
      if (again > c->today || payer == PAY_SELF) continue;
      demo_visit *w = add_visit(c, err); /* may move c->v */
      if (!w) return err->code;
      *w = c->v[c->nv - 2];
      w->mistake = mis;
      w->entered = again;
    }
  }
  return CC_OK;
}

static cc_code make_schedule(demo_clinic *c, cc_store *s, cc_demo_result *res,
                             cc_err *err) {
  int vpd = c->o->visits_per_day;
  cc_code rc = CC_OK;
  for (cc_day d = c->first - c->o->history_days; !rc && d < c->first; d++)
    if (weekday(d)) rc = schedule_day(c, s, d, (vpd + 5) / 6, true, res, err);
  for (cc_day d = c->first; !rc && d <= c->today; d++)
    if (weekday(d))
      rc = schedule_day(c, s, d, vpd * 3 / 4 + demo_below(&c->rng, vpd / 2 + 1),
                        false, res, err);
  return rc;
}

/* ---- the whole clinic ----------------------------------------------- */
cc_code demo_clinic_build(demo_clinic *c, cc_store *s, cc_demo_result *res,
                          cc_err *err) {
  const char *dir = c->o->data_dir;
  cc_code rc;
  if ((rc = demo_store_practice(s, err)) ||
      (rc = import_file(s, dir, "providers.csv", CC_IMPORT_PROVIDERS, err)) ||
      (rc = import_file(s, dir, "payers.csv", CC_IMPORT_PAYERS, err)))
    return rc;
  for (int i = 0; i < DEMO_NPAYERS; i++)
    if (cc_store_find_payer(s, demo_payer_codes[i], &c->payer_id[i]))
      return cc_err_set(err, CC_E_INVALID, "payers.csv lacks a demo payer",
                        "payer %s is missing", demo_payer_codes[i]);
  res->payers = DEMO_NPAYERS;
  /* providers.csv: the clinic (organization) first, then its people */
  size_t n;
  char *p = read_all(dir, "providers.csv", &n, err);
  if (!p) return err->code;
  cc_csv r;
  cc_csv_init(&r, p, n, "providers.csv");
  cc_slice f[16];
  size_t nf;
  uint32_t row = 0;
  while ((rc = cc_csv_next(&r, c->a, f, 16, &nf, err)) == CC_OK) {
    if (row++ == 0 || nf < 7) continue;
    char npi[11], tax[16];
    cc_slice_copy(f[0], npi, sizeof npi);
    cc_slice_copy(f[6], tax, sizeof tax);
    int64_t id = 0;
    if (cc_store_find_provider(s, npi, &id)) continue;
    res->providers++;
    if (cc_slice_eq(f[1], "organization")) {
      c->org_id = id;
      memcpy(c->org_npi, npi, sizeof npi);
    } else if (c->nprov < 8) {
      int k = c->nprov++;
      c->prov_id[k] = id;
      memcpy(c->prov_npi[k], npi, sizeof npi);
      /* specialty from the taxonomy: orthopaedics, physical therapy, else
       * primary care */
      snprintf(c->prov_spec[k], sizeof c->prov_spec[k], "%s",
               strcmp(tax, "207X00000X") == 0   ? "ortho"
               : strcmp(tax, "225100000X") == 0 ? "pt"
                                                : "fm");
    }
  }
  free(p);
  if (rc != CC_E_EOF) return rc;
  if (!c->org_id || !c->nprov)
    return cc_err_set(err, CC_E_INVALID, "providers.csv",
                      "it needs one organization and at least one person");
  names nm;
  if ((rc = read_names(dir, &nm, err)) || (rc = read_patterns(c, err)) ||
      (rc = cc_store_begin(s, err)))
    return rc;
  /* one transaction for the people and their authorizations */
  if ((rc = make_patients(c, s, &nm, res, err)) ||
      (rc = make_schedule(c, s, res, err))) {
    cc_store_rollback(s);
    return rc;
  }
  return cc_store_commit(s, err);
}

/* ---- the payers' side ----------------------------------------------- */
char *demo_profile_json(const demo_clinic *c, int payer, size_t *n,
                        cc_err *err) {
  char name[64];
  snprintf(name, sizeof name, "payers/%s", profile_file[payer]);
  size_t len;
  char *base = read_all(c->o->data_dir, name, &len, err);
  if (!base) return NULL;
  while (len && base[len - 1] != '}') len--;
  if (!len) {
    free(base);
    cc_err_set(err, CC_E_SYNTAX, "payer profile is not a JSON object", "%s", name);
    return NULL;
  }
  cc_buf b;
  cc_buf_init(&b, 256u << 20);
  cc_code rc = cc_buf_append(&b, base, len - 1);
  free(base);
  if (!rc) rc = cc_buf_puts(&b, ",\n  \"members\": [");
  bool first = true;
  for (int i = 0; i < c->npat && !rc; i++) {
    const demo_patient *p = &c->pat[i];
    for (int k = 0; k < p->ncov && !rc; k++) {
      const demo_member *m = &p->cov[k];
      if (m->payer != payer) continue;
      char birth[11], end[11];
      rc = cc_buf_printf(&b,
                         "%s\n    {\"id\": \"%s\", \"last\": \"%s\", "
                         "\"first\": \"%s\", \"birth_date\": \"%s\", "
                         "\"plan\": \"%s\", \"start\": \"%s\"",
                         first ? "" : ",", m->member_id, p->last, p->first,
                         cc_date_iso(p->birth, birth), plan_id[payer],
                         COVERAGE_START);
      first = false;
      if (!rc && m->end)
        rc = cc_buf_printf(&b, ", \"end\": \"%s\"", cc_date_iso(m->end, end));
      if (!rc && m->other_primary)
        rc = cc_buf_puts(&b, ", \"other_coverage_primary\": true");
      if (!rc && k == 0 && p->nauths) {
        rc = cc_buf_puts(&b, ", \"auths\": [");
        for (int j = 0; j < p->nauths && !rc; j++)
          rc = cc_buf_printf(&b, "%s\"%s\"", j ? ", " : "", p->auths[j]);
        if (!rc) rc = cc_buf_puts(&b, "]");
      }
      if (!rc) rc = cc_buf_puts(&b, "}");
    }
  }
  if (!rc) rc = cc_buf_puts(&b, "\n  ]\n}\n");
  if (rc) {
    cc_buf_free(&b);
    cc_err_set(err, rc, "payer profile too large", "%s", name);
    return NULL;
  }
  *n = b.n;
  return cc_buf_take(&b);
}
