/* test_rules.c - the golden-case runner: every tests/rules/NAME.case file is a
 * small claim, the database context it needs and the findings expected of
 * it (rule, line, severity), worked out by hand; the format is in
 * tests/rules/README.md. Prints one ok/not ok line per case. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

#define MAX_CASES 256
#define MAX_CLAIMS 4
#define MAX_LINES 16
#define MAX_EXPECT 16

typedef struct expect {
  char rule[32];
  uint32_t line;
  cc_severity sev;
} expect;

typedef struct tclaim {
  cc_claim c;
  cc_claim_line lines[MAX_LINES];
  bool total_set;
  expect want[MAX_EXPECT];
  int n_want;
  bool want_none;
  expect got[MAX_EXPECT * 2];
  int n_got;
} tclaim;

typedef struct tcase {
  char name[128];
  char ns[16];          /* prefix of every identifier of the case */
  cc_day as_of;
  tclaim claims[MAX_CLAIMS];
  int n_claims;
  char why[256];       /* set when the case file is malformed */
} tcase;

static tcase *cases;
static int n_cases;
static cc_store *st;

/* Store ids of the cases' payers and patients, by namespaced name. */
typedef struct named {
  char name[64];
  int64_t id;
} named;
static named ids[1024];
static int n_ids;

static void remember(const char *name, int64_t id) {
  if (n_ids == 1024) return;
  snprintf(ids[n_ids].name, sizeof ids->name, "%s", name);
  ids[n_ids++].id = id;
}

static int64_t id_of(const char *name) {
  for (int i = 0; i < n_ids; i++)
    if (!strcmp(ids[i].name, name)) return ids[i].id;
  return 0;
}

static cc_day day(const char *iso) {
  cc_day d;
  if (cc_date_parse_iso(cc_slice_cstr(iso), &d)) return CC_DAY_NONE;
  return d;
}

static void bad(tcase *k, const char *what, const char *tok) {
  if (!k->why[0]) snprintf(k->why, sizeof k->why, "%s '%s'", what, tok ? tok : "");
}

/* "key=value" among toks: the value, or NULL. */
static const char *opt(char **toks, int n, const char *key) {
  size_t kl = strlen(key);
  for (int i = 0; i < n; i++)
    if (strncmp(toks[i], key, kl) == 0 && toks[i][kl] == '=') return toks[i] + kl + 1;
  return NULL;
}

/* Split a comma list in place. */
static int list(char *s, const char **out, int max) {
  int n = 0;
  for (char *p = strtok(s, ","); p && n < max; p = strtok(NULL, ",")) out[n++] = p;
  return n;
}

static void nsid(const tcase *k, const char *id, char *out, size_t n) {
  snprintf(out, n, "%s%s", k->ns, id);
}

static void must(cc_code rc, cc_err *e, tcase *k, const char *what) {
  if (rc && !k->why[0]) snprintf(k->why, sizeof k->why, "%s: %s %s", what,
                                 e->msg ? e->msg : "", e->detail);
}

/* The base claim: everything a clean 837P claim needs except lines and
 * diagnoses; the subscriber is the patient. */
static void base(tcase *k, tclaim *t, const char *pcn, const char *payer,
                 const char *member) {
  cc_claim *c = &t->c;
  cc_claims_init(c, 'P');
  snprintf(c->pcn, sizeof c->pcn, "%s", pcn);
  strcpy(c->facility_code, "11");
  c->facility_qual = 'B';
  c->frequency = '1';
  c->billing.entity = '2';
  strcpy(c->billing.last, "SYNTHETIC FAMILY CLINIC");
  strcpy(c->billing.id_qual, "XX");
  strcpy(c->billing.id, "1111111112");
  c->payer.entity = '2';
  strcpy(c->payer.last, "SYNTHETIC PAYER");
  strcpy(c->payer.id_qual, "PI");
  nsid(k, payer, c->payer.id, sizeof c->payer.id);
  cc_claim_person *s = &c->subscriber;
  s->name.entity = '1';
  strcpy(s->name.last, "SAMPLE");
  strcpy(s->name.first, "PAT");
  strcpy(s->name.id_qual, "MI");
  nsid(k, member, s->name.id, sizeof s->name.id);
  strcpy(s->name.addr1, "12 ELM ST");
  strcpy(s->name.city, "SPRINGFIELD");
  strcpy(s->name.state, "IL");
  strcpy(s->name.zip, "62701");
  s->birth_date = day("1980-02-29");
  s->sex = 'F';
  c->responsibility = 'P';
  strcpy(c->relationship, "18");
  c->lines = t->lines;
}

static void do_line(tcase *k, tclaim *t, char **tok, int n) {
  cc_claim *c = &t->c;
  if (n < 3 || c->n_lines >= MAX_LINES) return bad(k, "line wants CODE CHARGE", tok[0]);
  cc_claim_line *l = &t->lines[c->n_lines];
  memset(l, 0, sizeof *l);
  l->lx = c->n_lines + 1;
  strcpy(l->proc_qual, "HC");
  snprintf(l->proc, sizeof l->proc, "%s", tok[1]);
  cc_err e;
  if (cc_money_parse(cc_slice_cstr(tok[2]), &l->charge, &e)) return bad(k, "charge", tok[2]);
  const char *v;
  strcpy(l->unit_basis, (v = opt(tok, n, "basis")) ? v : "UN");
  l->units_milli = (v = opt(tok, n, "units")) ? (int64_t)(atof(v) * 1000 + 0.5) : 1000;
  l->from = day((v = opt(tok, n, "date")) ? v : "2026-03-02");
  l->to = (v = opt(tok, n, "to")) ? day(v) : l->from;
  if ((v = opt(tok, n, "nodate"))) l->from = l->to = 0;
  if (l->from == CC_DAY_NONE || l->to == CC_DAY_NONE) return bad(k, "date", tok[1]);
  char buf[64];
  const char *items[4];
  if ((v = opt(tok, n, "mods"))) {
    snprintf(buf, sizeof buf, "%s", v);
    int m = list(buf, items, 4);
    for (int i = 0; i < m; i++) snprintf(l->mod[i], sizeof l->mod[i], "%s", items[i]);
  }
  l->dx_ptr[0] = 1;
  if ((v = opt(tok, n, "ptr"))) {
    snprintf(buf, sizeof buf, "%s", v);
    memset(l->dx_ptr, 0, sizeof l->dx_ptr);
    int m = list(buf, items, 4);
    for (int i = 0; i < m; i++) l->dx_ptr[i] = (uint8_t)atoi(items[i]);
  }
  if ((v = opt(tok, n, "npi"))) {
    l->rendering.entity = '1';
    snprintf(l->rendering.id, sizeof l->rendering.id, "%s", v);
  }
  if ((v = opt(tok, n, "pos"))) snprintf(l->pos, sizeof l->pos, "%s", v);
  c->n_lines++;
  if (!t->total_set) c->total.cents += l->charge.cents;
}

static void do_set(tcase *k, tclaim *t, const char *kv) {
  cc_claim *c = &t->c;
  const char *eq = strchr(kv, '=');
  if (!eq) return bad(k, "set wants KEY=VALUE", kv);
  char key[32];
  snprintf(key, sizeof key, "%.*s", (int)(eq - kv), kv);
  const char *v = eq + 1;
  cc_err e;
  if (!strcmp(key, "dob")) c->subscriber.birth_date = strcmp(v, "-") ? day(v) : 0;
  else if (!strcmp(key, "sex")) c->subscriber.sex = strcmp(v, "-") ? v[0] : 0;
  else if (!strcmp(key, "last")) snprintf(c->subscriber.name.last, 61, "%s", strcmp(v, "-") ? v : "");
  else if (!strcmp(key, "zip")) snprintf(c->subscriber.name.zip, 16, "%s", strcmp(v, "-") ? v : "");
  else if (!strcmp(key, "prior_auth")) nsid(k, v, c->prior_auth, sizeof c->prior_auth);
  else if (!strcmp(key, "referral")) nsid(k, v, c->referral_no, sizeof c->referral_no);
  else if (!strcmp(key, "frequency")) c->frequency = v[0];
  else if (!strcmp(key, "pos")) snprintf(c->facility_code, 3, "%s", v);
  else if (!strcmp(key, "billing_npi")) snprintf(c->billing.id, 81, "%s", v);
  else if (!strcmp(key, "rendering_npi")) {
    c->rendering.entity = '1';
    strcpy(c->rendering.id_qual, "XX");
    snprintf(c->rendering.id, 81, "%s", v);
  } else if (!strcmp(key, "total")) {
    t->total_set = true;
    if (cc_money_parse(cc_slice_cstr(v), &c->total, &e)) bad(k, "total", v);
  } else bad(k, "unknown set key", key);
}

static void do_context(tcase *k, char **tok, int n) {
  cc_err e;
  cc_err_clear(&e);
  bool created;
  int64_t id;
  char a[64], b[64], m[64];
  const char *v;
  if (!strcmp(tok[0], "payer") && n >= 2) {
    nsid(k, tok[1], a, sizeof a);
    char buf[256];
    const char *codes[16];
    int nc = 0;
    if ((v = opt(tok, n, "auth"))) {
      snprintf(buf, sizeof buf, "%s", v);
      nc = list(buf, codes, 16);
    }
    cc_payer_rec p = {.payer_code = a, .name = "Synthetic payer", .filing_indicator = "CI",
                      .claim_form = "837P",
                      .timely_filing_days = (v = opt(tok, n, "timely")) ? atoll(v) : 0,
                      .referral_required = (v = opt(tok, n, "referral")) && !strcmp(v, "yes"),
                      .auth_codes = codes, .n_auth_codes = (size_t)nc};
    must(cc_store_payer_put(st, &p, &id, &created, &e), &e, k, "payer");
    remember(a, id);
  } else if (!strcmp(tok[0], "patient") && n >= 6) {
    nsid(k, tok[1], a, sizeof a);
    cc_patient_rec p = {.account_no = a, .last_name = tok[2], .first_name = tok[3],
                        .birth_date = tok[4], .sex = tok[5]};
    must(cc_store_patient_put(st, &p, &id, &created, &e), &e, k, "patient");
    remember(a, id);
  } else if (!strcmp(tok[0], "coverage") && n >= 5) {
    int64_t pat, pay;
    nsid(k, tok[1], a, sizeof a);
    nsid(k, tok[2], b, sizeof b);
    nsid(k, tok[3], m, sizeof m);
    pat = id_of(a);
    pay = id_of(b);
    cc_code rc = pat && pay ? CC_OK : cc_err_set(&e, CC_E_NOTFOUND, "no such patient or payer", "%s %s", a, b);
    if (!rc) {
      cc_coverage_rec c = {.patient_id = pat, .payer_id = pay, .priority = "primary",
                           .relationship = "self", .member_id = m,
                           .effective_date = tok[4],
                           .termination_date = n > 5 && strcmp(tok[5], "-") ? tok[5] : NULL};
      rc = cc_store_coverage_put(st, &c, &id, &created, &e);
    }
    must(rc, &e, k, "coverage");
  } else if (!strcmp(tok[0], "auth") && n >= 7) {
    int64_t pat, pay;
    nsid(k, tok[1], a, sizeof a);
    nsid(k, tok[2], b, sizeof b);
    nsid(k, tok[4], m, sizeof m);
    char buf[256];
    const char *codes[16];
    int nc = 0;
    if ((v = opt(tok, n, "codes"))) {
      snprintf(buf, sizeof buf, "%s", v);
      nc = list(buf, codes, 16);
    }
    pat = id_of(a);
    pay = id_of(b);
    cc_code rc = pat && pay ? CC_OK : cc_err_set(&e, CC_E_NOTFOUND, "no such patient or payer", "%s %s", a, b);
    if (!rc) {
      cc_auth_rec r = {.patient_id = pat, .payer_id = pay, .kind = tok[3], .number = m,
                       .start_date = tok[5], .end_date = tok[6],
                       .visits_allowed = (v = opt(tok, n, "visits")) ? atoll(v) : -1,
                       .visits_used = (v = opt(tok, n, "used")) ? atoll(v) : 0,
                       .codes = codes, .n_codes = (size_t)nc};
      rc = cc_store_auth_put(st, &r, &id, &created, &e);
    }
    must(rc, &e, k, "auth");
  } else {
    bad(k, "unknown or short directive", tok[0]);
  }
}

static bool parse_sev(const char *s, cc_severity *out) {
  if (!strcmp(s, "error")) *out = CC_SEV_ERROR;
  else if (!strcmp(s, "warning")) *out = CC_SEV_WARNING;
  else return false;
  return true;
}

static void load_case(tcase *k, const char *path) {
  FILE *f = fopen(path, "r");
  k->as_of = day("2026-04-15");
  if (!f) return bad(k, "cannot open", k->name);
  char line[1024];
  tclaim *t = NULL;
  while (fgets(line, sizeof line, f)) {
    char *toks[32];
    int n = 0;
    for (char *p = strtok(line, " \t\r\n"); p && n < 32; p = strtok(NULL, " \t\r\n"))
      toks[n++] = p;
    if (!n || toks[0][0] == '#') continue;
    if (!strcmp(toks[0], "as-of") && n == 2) {
      k->as_of = day(toks[1]);
    } else if (!strcmp(toks[0], "claim") && n == 4) {
      if (k->n_claims == MAX_CLAIMS) return bad(k, "too many claims", toks[1]);
      t = &k->claims[k->n_claims++];
      base(k, t, toks[1], toks[2], toks[3]);
    } else if (!t && (!strcmp(toks[0], "dx") || !strcmp(toks[0], "line") ||
                      !strcmp(toks[0], "set") || !strcmp(toks[0], "expect"))) {
      bad(k, "before any claim", toks[0]);
    } else if (!strcmp(toks[0], "dx")) {
      for (int i = 1; i < n && t->c.n_dx < 12; i++) {
        cc_claim_dx *d = &t->c.dx[t->c.n_dx++];
        strcpy(d->qual, t->c.n_dx == 1 ? "ABK" : "ABF");
        snprintf(d->code, sizeof d->code, "%s", toks[i]);
      }
    } else if (!strcmp(toks[0], "line")) {
      do_line(k, t, toks, n);
    } else if (!strcmp(toks[0], "set")) {
      for (int i = 1; i < n; i++) do_set(k, t, toks[i]);
    } else if (!strcmp(toks[0], "expect") && n == 2 && !strcmp(toks[1], "none")) {
      t->want_none = true;
    } else if (!strcmp(toks[0], "expect") && n == 4 && t->n_want < MAX_EXPECT) {
      expect *x = &t->want[t->n_want++];
      snprintf(x->rule, sizeof x->rule, "%s", toks[1]);
      x->line = strcmp(toks[2], "-") ? (uint32_t)atoi(toks[2]) : 0;
      if (!parse_sev(toks[3], &x->sev)) bad(k, "severity", toks[3]);
    } else {
      do_context(k, toks, n);
    }
  }
  fclose(f);
  for (int i = 0; i < k->n_claims; i++)
    if (!k->claims[i].n_want && !k->claims[i].want_none)
      bad(k, "no expect line for claim", k->claims[i].c.pcn);
}

static void on_finding(void *ctx, const cc_scrub_finding *f) {
  tclaim *t = ctx;
  if (t->n_got == MAX_EXPECT * 2) return;
  expect *g = &t->got[t->n_got++];
  snprintf(g->rule, sizeof g->rule, "%s", f->rule);
  g->line = f->line;
  g->sev = f->severity;
}

/* Both lists hold the same (rule, line, severity) triples, as multisets. */
static bool same(const tclaim *t) {
  if (t->n_got != t->n_want) return false;
  bool used[MAX_EXPECT * 2] = {false};
  for (int i = 0; i < t->n_want; i++) {
    int j = 0;
    for (; j < t->n_got; j++)
      if (!used[j] && !strcmp(t->got[j].rule, t->want[i].rule) &&
          t->got[j].line == t->want[i].line && t->got[j].sev == t->want[i].sev)
        break;
    if (j == t->n_got) return false;
    used[j] = true;
  }
  return true;
}

static void show_list(const char *what, const expect *v, int n) {
  printf("#   %s:", what);
  if (!n) printf(" none");
  for (int i = 0; i < n; i++) {
    if (v[i].line) printf(" %s %u %s;", v[i].rule, v[i].line, cc_severity_name(v[i].sev));
    else printf(" %s - %s;", v[i].rule, cc_severity_name(v[i].sev));
  }
  printf("\n");
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(((const tcase *)a)->name, ((const tcase *)b)->name);
}

int main(void) {
  const char *sh = getenv("CC_SHARED");
  char shared[512], dbpath[256];
  snprintf(shared, sizeof shared, "%s", sh && *sh ? sh : "../shared");
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_rules_%d.db", (int)getpid());
  unlink(dbpath);
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(dbpath, true, &st, &e)) {
    printf("not ok - open the database: ");
    cc_err_print(&e, stdout);
    return 1;
  }
  /* The real code sets, and the CMS-layout NCCI fixtures of the scrub
   * tests (tests/fixtures/scrub). */
  static const struct { cc_codes_kind k; const char *rel; bool shared; } files[] = {
      {CC_CODES_ICD10CM, "data/icd10cm/icd10cm_order_2026.txt", true},
      {CC_CODES_HCPCS, "data/hcpcs/hcpcs_2025_oct_codes.csv", true},
      {CC_CODES_MODIFIER, "data/hcpcs/hcpcs_2025_oct_modifiers.csv", true},
      {CC_CODES_POS, "data/place_of_service/place_of_service_codes.csv", true},
      {CC_CODES_CPT, "data/cms_pfs_rvu/PPRRVU2025_Oct_nodesc_cpt.csv", true},
      {CC_CODES_MCE, "data/mce_code_edits/MCE_Simple_Code_Edits_v37.txt", true},
      {CC_CODES_PTP, "tests/fixtures/scrub/ncci_ptp.txt", false},
      {CC_CODES_MUE, "tests/fixtures/scrub/mue.csv", false},
  };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char p[1024];
    cc_codes_load_result r;
    snprintf(p, sizeof p, "%s%s%s", files[i].shared ? shared : "",
             files[i].shared ? "/" : "", files[i].rel);
    if (cc_codes_load(st, files[i].k, p, NULL, &r, &e)) {
      printf("not ok - load %s: ", p);
      cc_err_print(&e, stdout);
      return 1;
    }
  }

  cases = calloc(MAX_CASES, sizeof *cases);
  DIR *dir = opendir("tests/rules");
  struct dirent *de;
  while (cases && dir && (de = readdir(dir)) && n_cases < MAX_CASES) {
    size_t len = strlen(de->d_name);
    if (len < 6 || len >= sizeof cases->name || strcmp(de->d_name + len - 5, ".case") != 0)
      continue;
    memcpy(cases[n_cases++].name, de->d_name, len + 1);
  }
  if (dir) closedir(dir);
  CHECK(n_cases > 0);
  qsort(cases, (size_t)n_cases, sizeof *cases, cmp_name);
  /* Every case's context goes into the one database under its own prefix,
   * so cases cannot see each other; then one snapshot per as-of date. */
  for (int i = 0; i < n_cases; i++) {
    char path[512];
    snprintf(cases[i].ns, sizeof cases[i].ns, "K%d", i);
    snprintf(path, sizeof path, "tests/rules/%s", cases[i].name);
    load_case(&cases[i], path);
  }
  for (int i = 0; i < n_cases; i++) {
    if (cases[i].as_of == CC_DAY_NONE || cases[i].claims[0].c.pcn[0] == 0) continue;
    bool opened_before = false;
    for (int j = 0; j < i; j++) opened_before = opened_before || cases[j].as_of == cases[i].as_of;
    if (opened_before) continue;
    cc_scrub *sc;
    if (cc_scrub_open(st, cases[i].as_of, &sc, &e)) {
      snprintf(cases[i].why, sizeof cases[i].why, "scrub open failed");
      continue;
    }
    for (int j = i; j < n_cases; j++) {
      if (cases[j].as_of != cases[i].as_of || cases[j].why[0]) continue;
      for (int c = 0; c < cases[j].n_claims; c++) {
        tclaim *t = &cases[j].claims[c];
        cc_scrub_claim(sc, &t->c, on_finding, t, NULL);
      }
    }
    cc_scrub_free(sc);
  }
  for (int i = 0; i < n_cases; i++) {
    tcase *k = &cases[i];
    bool ok = !k->why[0] && k->n_claims > 0;
    for (int c = 0; ok && c < k->n_claims; c++) ok = same(&k->claims[c]);
    if (ok) t_pass++;
    else t_fail++;
    printf("%s - %s\n", ok ? "ok" : "not ok", k->name);
    if (k->why[0]) printf("#   %s\n", k->why);
    for (int c = 0; !ok && !k->why[0] && c < k->n_claims; c++) {
      printf("#   claim %s\n", k->claims[c].c.pcn);
      show_list("expected", k->claims[c].want, k->claims[c].n_want);
      show_list("found", k->claims[c].got, k->claims[c].n_got);
    }
  }
  free(cases);
  cc_store_close(st);
  unlink(dbpath);
  TEST_MAIN_END();
}
