/* codes_load.c - reads the publishers' files (CMS fixed width, CSV, tab
 * separated) and writes each as one release in one transaction. A file is
 * taken whole or not at all: the first bad line rolls everything back. */
#include <ctype.h>
#include <errno.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codes_int.h"

#define MAX_FIELDS 16

typedef struct loader {
  cc_codes_kind kind;
  const char *path;
  cc_slice data;        /* the whole file */
  size_t pos;           /* next byte to read */
  uint32_t line;        /* 1-based number of cur */
  cc_slice cur;         /* current line, no line ending */
  char *scratch;        /* unquoted CSV fields, data.n bytes */
  cc_slice f[MAX_FIELDS];
  int nf;               /* fields in the current line */
  store_codes_tx *tx;
  cc_day row_eff, row_term; /* dates given to each row */
  long headers;         /* icd10cm header rows */
  cc_err *err;
} loader;

void cc_codes_load_opts_init(cc_codes_load_opts *o) {
  o->release = NULL;
  o->effective = CC_DAY_NONE;
  o->termination = CC_DAY_NONE;
}

static bool next_line(loader *L) {
  if (L->pos >= L->data.n) return false;
  const char *p = L->data.p + L->pos;
  const char *nl = memchr(p, '\n', L->data.n - L->pos);
  size_t n = nl ? (size_t)(nl - p) : L->data.n - L->pos;
  L->pos += n + (nl ? 1 : 0);
  if (n && p[n - 1] == '\r') n--; /* CMS and NUCC files end lines in CRLF */
  L->cur = (cc_slice){p, n};
  L->line++;
  return true;
}

static cc_code bad(loader *L, const char *msg, const char *fmt, ...)
    CC_PRINTF(3, 4);
static cc_code bad(loader *L, const char *msg, const char *fmt, ...) {
  char d[160];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d, sizeof d, fmt, ap);
  va_end(ap);
  cc_err_set(L->err, CC_E_SYNTAX, msg, "%s", d);
  if (L->err) {
    L->err->file = L->path;
    L->err->line = L->line;
  }
  return CC_E_SYNTAX;
}

/* Quote at most 40 bytes of a field for a message. */
static const char *q(cc_slice s, char *buf) {
  return cc_slice_copy(s.n > 40 ? (cc_slice){s.p, 40} : s, buf, 41);
}

static cc_code split(loader *L, char sep, int want) {
  L->nf = codes_split(L->cur, sep, sep == ',', L->f, MAX_FIELDS, L->scratch);
  if (L->nf < 0)
    return bad(L, "a quoted field is not closed",
               "every \" that opens a field needs a closing \" on the same line");
  if (L->nf < want)
    return bad(L, "too few columns", "expected at least %d, found %d", want,
               L->nf);
  for (int i = 0; i < L->nf && i < MAX_FIELDS; i++) L->f[i] = cc_slice_trim(L->f[i]);
  return CC_OK;
}

static bool ieq_prefix(cc_slice s, const char *p) {
  size_t n = strlen(p);
  return s.n >= n && strncasecmp(s.p, p, n) == 0;
}

static bool all_alnum(cc_slice s) {
  for (size_t i = 0; i < s.n; i++)
    if (!isalnum((unsigned char)s.p[i])) return false;
  return s.n > 0;
}

static bool all_digits(cc_slice s) {
  for (size_t i = 0; i < s.n; i++)
    if (!isdigit((unsigned char)s.p[i])) return false;
  return s.n > 0;
}

/* CPT: five digits, or four digits and F (category II), T (category III)
 * or U (proprietary laboratory analyses). */
static bool is_cpt(cc_slice s) {
  if (s.n != 5 || !all_digits((cc_slice){s.p, 4})) return false;
  char c = s.p[4];
  return isdigit((unsigned char)c) || c == 'F' || c == 'T' || c == 'U';
}

/* HCPCS Level II: a letter and four digits. */
static bool is_hcpcs(cc_slice s) {
  return s.n == 5 && isupper((unsigned char)s.p[0]) &&
         all_digits((cc_slice){s.p + 1, 4});
}

static cc_code put(loader *L, cc_slice code, bool billable, cc_slice sd,
                   cc_slice ld) {
  if (!ld.n) ld = sd;
  return store_codes_put_code(L->tx, code, billable, sd, ld, L->row_eff,
                              L->row_term, NULL, L->err);
}

/* ---- ICD-10-CM: the order file, or the codes file (billable only) ---- */
static cc_code load_icd10(loader *L) {
  int order = -1;
  char b[48];
  while (next_line(L)) {
    cc_slice s = L->cur;
    if (cc_slice_trim(s).n == 0) continue;
    if (order < 0) {
      if (ieq_prefix(s, "Add:") || ieq_prefix(s, "Delete:") || ieq_prefix(s, "Revise"))
        return bad(L, "this is an addenda file (changes only)",
                   "load the full order file, icd10cm_order_YYYY.txt");
      order = s.n > 6 && all_digits((cc_slice){s.p, 5}) && s.p[5] == ' ';
    }
    cc_slice code, sd, ld;
    bool billable = true;
    if (order) {
      if (s.n < 17 || !all_digits((cc_slice){s.p, 5}) || s.p[5] != ' ' ||
          s.p[13] != ' ' || (s.p[14] != '0' && s.p[14] != '1') || s.p[15] != ' ')
        return bad(L, "not an ICD-10-CM order file line",
                   "expected order number in columns 1-5, code in 7-13 and a "
                   "0/1 flag in column 15, got \"%s\"", q(s, b));
      code = cc_slice_trim((cc_slice){s.p + 6, 7});
      billable = s.p[14] == '1';
      sd = cc_slice_trim((cc_slice){s.p + 16, (s.n < 76 ? s.n : 76) - 16});
      ld = s.n > 77 ? cc_slice_trim((cc_slice){s.p + 77, s.n - 77}) : sd;
    } else {
      if (s.n < 9 || s.p[7] != ' ')
        return bad(L, "not an ICD-10-CM codes file line",
                   "expected the code in columns 1-7 and the description from "
                   "column 9, got \"%s\"", q(s, b));
      code = cc_slice_trim((cc_slice){s.p, 7});
      sd = ld = cc_slice_trim((cc_slice){s.p + 8, s.n - 8});
    }
    if (code.n < 3 || !all_alnum(code) || !isupper((unsigned char)code.p[0]))
      return bad(L, "not an ICD-10-CM code",
                 "\"%s\": a letter and 2 to 6 more letters or digits, no dot",
                 q(code, b));
    if (!billable) L->headers++;
    if (put(L, code, billable, sd, ld)) return CC_E_DB;
  }
  return CC_OK;
}

/* ---- CSV code lists with a header row -------------------------------- */
typedef bool (*code_check)(cc_slice);
static bool is_mod(cc_slice s) { return s.n == 2 && all_alnum(s); }
static bool is_pos(cc_slice s) { return s.n == 2 && all_digits(s); }
static bool is_adj(cc_slice s) { return s.n <= 5 && all_alnum(s); }
static bool is_taxonomy(cc_slice s) {
  return s.n == 10 && all_alnum(s) && s.p[9] == 'X';
}

static cc_code load_csv_list(loader *L, code_check ok, const char *what) {
  char b[48];
  bool header = false;
  while (next_line(L)) {
    if (cc_slice_trim(L->cur).n == 0) continue;
    if (split(L, ',', 2)) return CC_E_SYNTAX;
    if (!header) {
      if (!cc_slice_eq(L->f[0], "code") && !cc_slice_eq(L->f[0], "Code"))
        return bad(L, "missing the header row",
                   "the first line should name the columns, starting with "
                   "\"code\"; got \"%s\"", q(L->f[0], b));
      header = true;
      continue;
    }
    cc_slice code = L->f[0];
    if (!ok(code))
      return bad(L, "not a valid code", "\"%s\" is not a %s", q(code, b), what);
    cc_slice sd = L->f[1], ld = L->nf > 2 ? L->f[2] : L->f[1];
    if (L->kind == CC_CODES_TAXONOMY) {
      /* Code, Grouping, Classification, Specialization, Definition, Notes,
       * Display Name, Section: people know a taxonomy by its display name. */
      if (L->nf < 7) return bad(L, "too few columns", "the NUCC file has 8");
      sd = L->f[6].n ? L->f[6] : L->f[2];
      ld = L->f[4];
    }
    if (put(L, code, true, sd, ld)) return CC_E_DB;
  }
  if (!header) return bad(L, "the file is empty", "no header row and no codes");
  return CC_OK;
}

/* ---- CPT: the user's CSV (code, descriptor[, long descriptor]) or the
 * PFS RVU file, which lists CPT numbers without descriptors ------------ */
static cc_code load_cpt(loader *L) {
  char b[48];
  bool first = true, rvu = false;
  while (next_line(L)) {
    if (cc_slice_trim(L->cur).n == 0) continue;
    if (split(L, ',', rvu ? 1 : 2)) return CC_E_SYNTAX;
    if (first) {
      first = false;
      if (cc_slice_eq(L->f[0], "HCPCS") && L->nf > 2 && cc_slice_eq(L->f[1], "MOD")) {
        rvu = true;
        continue;
      }
      if (!is_cpt(L->f[0])) continue; /* a header row */
    }
    if (rvu) {
      /* One row per code and modifier; HCPCS and dental codes are skipped. */
      if (!is_cpt(L->f[0])) continue;
      if (store_codes_put_code(L->tx, L->f[0], true, (cc_slice){"", 0},
                               (cc_slice){"", 0}, L->row_eff, L->row_term,
                               NULL, L->err))
        return CC_E_DB;
      continue;
    }
    if (!is_cpt(L->f[0]))
      return bad(L, "not a CPT code",
                 "\"%s\": five digits, or four digits and F, T or U",
                 q(L->f[0], b));
    if (put(L, L->f[0], true, L->f[1], L->nf > 2 ? L->f[2] : L->f[1]))
      return CC_E_DB;
  }
  return CC_OK;
}

/* ---- MCE: tab separated, header row ---------------------------------- */
static cc_code load_mce(loader *L) {
  char b[48];
  bool header = false;
  while (next_line(L)) {
    if (cc_slice_trim(L->cur).n == 0) continue;
    if (split(L, '\t', header ? 8 : 1)) return CC_E_SYNTAX;
    if (!header) {
      if (!cc_slice_eq(L->f[0], "MCE_Version"))
        return bad(L, "not an MCE code edits file",
                   "the first line should be the header starting with "
                   "MCE_Version, got \"%s\"", q(L->f[0], b));
      header = true;
      continue;
    }
    cc_slice type = L->f[5], code = L->f[6];
    if (!cc_slice_eq(type, "D") && !cc_slice_eq(type, "P"))
      return bad(L, "bad ICD_Code_Type", "\"%s\": D (diagnosis) or P (procedure)",
                 q(type, b));
    if (!all_alnum(code) || code.n < 3 || code.n > 7)
      return bad(L, "bad ICD_Code", "\"%s\" is not an ICD-10 code without dot",
                 q(code, b));
    if (!all_alnum((cc_slice){L->f[4].p, 1}))
      return bad(L, "bad MCE_Edit_Type", "empty edit type");
    if (store_codes_put_mce(L->tx, type, code, L->f[4], L->f[7], L->err))
      return CC_E_DB;
  }
  if (!header) return bad(L, "the file is empty", "no header row");
  return CC_OK;
}

/* Title and copyright lines come before the column header in the NCCI
 * files: skip to the line whose first field starts with want. */
static cc_code find_header(loader *L, char sep, const char *want) {
  while (next_line(L)) {
    int n = codes_split(L->cur, sep, true, L->f, MAX_FIELDS, L->scratch);
    if (n > 0 && ieq_prefix(cc_slice_trim(L->f[0]), want)) return CC_OK;
  }
  L->line = 0;
  return bad(L, "no column header found",
             "expected a line starting with \"%s\"", want);
}

static cc_code d8(loader *L, cc_slice s, const char *col, cc_day *out) {
  char b[48];
  if (cc_date_parse_d8(s, out))
    return bad(L, "bad date", "%s \"%s\" is not a CCYYMMDD date", col, q(s, b));
  return CC_OK;
}

/* ---- NCCI practitioner PTP edits ------------------------------------- */
static cc_code load_ptp(loader *L) {
  char b[48];
  if (find_header(L, '\t', "Column 1")) return CC_E_SYNTAX;
  while (next_line(L)) {
    if (cc_slice_trim(L->cur).n == 0) continue;
    if (split(L, '\t', 6)) return CC_E_SYNTAX;
    cc_slice c1 = L->f[0], c2 = L->f[1], prior = L->f[2], mod = L->f[5];
    if (!is_cpt(c1) && !is_hcpcs(c1))
      return bad(L, "bad Column 1 code", "\"%s\" is not a CPT or HCPCS code", q(c1, b));
    if (!is_cpt(c2) && !is_hcpcs(c2))
      return bad(L, "bad Column 2 code", "\"%s\" is not a CPT or HCPCS code", q(c2, b));
    if (prior.n && !cc_slice_eq(prior, "*"))
      return bad(L, "bad prior-to-1996 flag", "\"%s\": * or empty", q(prior, b));
    cc_day eff, del = CC_DAY_NONE;
    if (d8(L, L->f[3], "Effective Date", &eff)) return CC_E_SYNTAX;
    if (L->f[4].n && !cc_slice_eq(L->f[4], "*") &&
        d8(L, L->f[4], "Deletion Date", &del))
      return CC_E_SYNTAX;
    if (mod.n != 1 || (mod.p[0] != '0' && mod.p[0] != '1' && mod.p[0] != '9'))
      return bad(L, "bad modifier indicator", "\"%s\": 0, 1 or 9", q(mod, b));
    if (store_codes_put_ptp(L->tx, c1, c2, prior.n > 0, eff, del, mod.p[0] - '0',
                            L->nf > 6 ? L->f[6] : (cc_slice){"", 0}, L->err))
      return CC_E_DB;
  }
  return CC_OK;
}

/* ---- NCCI practitioner MUE table ------------------------------------- */
static cc_code load_mue(loader *L) {
  char b[48];
  if (find_header(L, ',', "HCPCS")) return CC_E_SYNTAX;
  while (next_line(L)) {
    if (cc_slice_trim(L->cur).n == 0) continue;
    if (split(L, ',', 3)) return CC_E_SYNTAX;
    cc_slice code = L->f[0], ind = L->f[2];
    uint64_t units;
    if (!is_cpt(code) && !is_hcpcs(code))
      return bad(L, "bad HCPCS/CPT code", "\"%s\" is not a CPT or HCPCS code", q(code, b));
    if (cc_slice_to_u64(L->f[1], &units) || units > 1000000)
      return bad(L, "bad MUE value", "\"%s\" is not a whole number of units",
                 q(L->f[1], b));
    if (ind.n < 1 || ind.p[0] < '1' || ind.p[0] > '3' ||
        (ind.n > 1 && ind.p[1] != ' '))
      return bad(L, "bad MUE adjudication indicator",
                 "\"%s\": starts with 1 (line), 2 or 3 (date of service)", q(ind, b));
    if (store_codes_put_mue(L->tx, code, (int)units, ind.p[0] - '0',
                            L->nf > 3 ? L->f[3] : (cc_slice){"", 0}, L->err))
      return CC_E_DB;
  }
  return CC_OK;
}

/* ---- Release names and dates from the publisher's conventions -------- */

static const char *base_name(const char *path) {
  const char *b = strrchr(path, '/');
  return b ? b + 1 : path;
}

/* The first "20YY" in the file name, or 0. */
static int name_year(const char *name) {
  for (const char *p = name; p[0] && p[1] && p[2] && p[3]; p++)
    if (p[0] == '2' && p[1] == '0' && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4]) &&
        (p == name || !isdigit((unsigned char)p[-1])))
      return (p[2] - '0') * 10 + (p[3] - '0') + 2000;
  return 0;
}

static int name_month(const char *name) {
  static const char *m[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                              "jul", "aug", "sep", "oct", "nov", "dec"};
  for (const char *p = name; *p; p++)
    for (int i = 0; i < 12; i++)
      if (strncasecmp(p, m[i], 3) == 0 && !isalpha((unsigned char)p[3]) &&
          (p == name || !isalpha((unsigned char)p[-1])))
        return i + 1;
  return 0;
}

typedef struct plan {
  char release[64];
  cc_day eff, term;         /* release */
  cc_day row_eff, row_term; /* given to each row */
} plan;

static void make_plan(loader *L, const cc_codes_load_opts *o, plan *p) {
  const char *name = base_name(L->path);
  const char *dot = strrchr(name, '.');
  int stem = dot ? (int)(dot - name) : (int)strlen(name);
  snprintf(p->release, sizeof p->release, "%.*s", stem, name);
  p->eff = p->term = CC_DAY_NONE;
  bool rows_dated = false; /* do rows take the release's dates? */
  int y = name_year(name), m = name_month(name);
  switch (L->kind) {
  case CC_CODES_ICD10CM:
    /* The fiscal year runs October 1 to September 30. */
    if (y) {
      snprintf(p->release, sizeof p->release, "FY%d", y);
      p->eff = cc_date_days(y - 1, 10, 1);
      p->term = cc_date_days(y, 9, 30);
    }
    rows_dated = true;
    break;
  case CC_CODES_HCPCS:
  case CC_CODES_MODIFIER:
    /* Quarterly: the release date orders releases; the file gives no code
     * dates, so rows stay open. */
    if (y && m) {
      snprintf(p->release, sizeof p->release, "%d-%02d", y, m);
      p->eff = cc_date_days(y, m, 1);
    }
    break;
  case CC_CODES_TAXONOMY: {
    /* NUCC version YY.0 takes effect January 1, YY.1 July 1. */
    const char *d = name;
    while (*d && !isdigit((unsigned char)*d)) d++;
    if (isdigit((unsigned char)d[0]) && isdigit((unsigned char)d[1]) &&
        (d[2] == '0' || d[2] == '1') && !isdigit((unsigned char)d[3])) {
      int yy = (d[0] - '0') * 10 + (d[1] - '0');
      snprintf(p->release, sizeof p->release, "%d.%c", yy, d[2]);
      p->eff = cc_date_days(2000 + yy, d[2] == '0' ? 1 : 7, 1);
    }
    break;
  }
  case CC_CODES_MCE: {
    /* The version is on every row; MCE version v covers fiscal year
     * v + 1983 (v37 is FY2020) and stays in force until a newer one. */
    const char *nl = memchr(L->data.p, '\n', L->data.n);
    if (nl && (size_t)(nl - L->data.p) + 1 < L->data.n) {
      const char *r = nl + 1;
      int v = 0;
      while (isdigit((unsigned char)*r) && v < 1000) v = v * 10 + (*r++ - '0');
      if (v > 0 && *r == '\t') {
        snprintf(p->release, sizeof p->release, "v%d", v);
        p->eff = cc_date_days(v + 1983 - 1, 10, 1);
      }
    }
    break;
  }
  case CC_CODES_CPT:
  case CC_CODES_MUE:
    rows_dated = true;
    break;
  default:
    break;
  }
  if (o && o->release && *o->release)
    snprintf(p->release, sizeof p->release, "%s", o->release);
  if (o && o->effective != CC_DAY_NONE) p->eff = o->effective, rows_dated = true;
  if (o && o->termination != CC_DAY_NONE) p->term = o->termination, rows_dated = true;
  p->row_eff = rows_dated ? p->eff : CC_DAY_NONE;
  p->row_term = rows_dated ? p->term : CC_DAY_NONE;
}

static void digest_of(cc_slice d, char out[17]) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a 64 */
  for (size_t i = 0; i < d.n; i++) {
    h ^= (unsigned char)d.p[i];
    h *= 1099511628211ULL;
  }
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static cc_code read_file(const char *path, char **data, size_t *n, cc_err *err) {
  FILE *f = fopen(path, "rb");
  *data = NULL;
  if (!f) {
    cc_err_set(err, CC_E_IO, "cannot open the code file", "%s: %s", path,
               strerror(errno));
    return CC_E_IO;
  }
  cc_buf b;
  cc_buf_init(&b, (size_t)1 << 32);
  char chunk[1 << 16];
  size_t r;
  cc_code rc = CC_OK;
  while (!rc && (r = fread(chunk, 1, sizeof chunk, f)) > 0)
    rc = cc_buf_append(&b, chunk, r);
  if (!rc && ferror(f)) rc = CC_E_IO;
  fclose(f);
  if (rc) {
    cc_buf_free(&b);
    return cc_err_set(err, rc, "cannot read the code file", "%s", path);
  }
  *n = b.n;
  *data = b.p ? cc_buf_take(&b) : calloc(1, 1);
  return *data ? CC_OK : cc_err_set(err, CC_E_NOMEM, NULL, NULL);
}

static cc_code parse(loader *L) {
  switch (L->kind) {
  case CC_CODES_ICD10CM: return load_icd10(L);
  case CC_CODES_HCPCS: return load_csv_list(L, is_hcpcs, "HCPCS Level II code (a letter and four digits)");
  case CC_CODES_CPT: return load_cpt(L);
  case CC_CODES_MODIFIER: return load_csv_list(L, is_mod, "modifier (two letters or digits)");
  case CC_CODES_POS: return load_csv_list(L, is_pos, "place of service code (two digits)");
  case CC_CODES_CARC: return load_csv_list(L, is_adj, "claim adjustment reason code");
  case CC_CODES_RARC: return load_csv_list(L, is_adj, "remittance advice remark code");
  case CC_CODES_TAXONOMY: return load_csv_list(L, is_taxonomy, "NUCC taxonomy code (10 characters ending in X)");
  case CC_CODES_PTP: return load_ptp(L);
  case CC_CODES_MUE: return load_mue(L);
  case CC_CODES_MCE: return load_mce(L);
  default: return cc_err_set(L->err, CC_E_USAGE, "unknown code set kind", NULL);
  }
}

cc_code cc_codes_load(cc_store *s, cc_codes_kind kind, const char *path,
                      const cc_codes_load_opts *opts,
                      cc_codes_load_result *res, cc_err *err) {
  cc_codes_load_result local;
  if (!res) res = &local;
  memset(res, 0, sizeof *res);
  res->kind = kind;
  snprintf(res->file, sizeof res->file, "%s", path);
  if ((unsigned)kind >= CC_CODES_N_KINDS)
    return cc_err_set(err, CC_E_USAGE, "unknown code set kind", "%d", (int)kind);
  char *data;
  size_t n;
  if (read_file(path, &data, &n, err)) return err ? err->code : CC_E_IO;
  loader L = {.kind = kind, .path = path, .data = {data, n}, .err = err};
  plan p;
  make_plan(&L, opts, &p);
  snprintf(res->release, sizeof res->release, "%s", p.release);
  res->effective = p.eff;
  res->termination = p.term;
  char digest[17], have[17];
  digest_of(L.data, digest);
  store_codes_rel rel = {cc_codes_kind_name(kind), p.release, p.eff, p.term,
                         base_name(path), path, digest};
  cc_code rc = store_codes_release_digest(s, &rel, have, &res->rows, err);
  if (!rc && strcmp(have, digest) == 0) {
    res->unchanged = true;
    free(data);
    return CC_OK;
  }
  L.scratch = malloc(n + 1);
  L.row_eff = p.row_eff;
  L.row_term = p.row_term;
  if (!rc && !L.scratch) rc = cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  if (!rc) rc = cc_store_begin(s, err);
  if (!rc) {
    rc = store_codes_tx_open(s, &rel, &L.tx, &res->replaced, err);
    if (!rc) rc = parse(&L);
    if (L.tx) {
      cc_err e2;
      cc_code rc2 = store_codes_tx_close(L.tx, &res->rows, rc ? &e2 : err);
      if (!rc) rc = rc2;
    }
    if (!rc) rc = cc_store_commit(s, err);
    if (rc) {
      cc_store_rollback(s);
      res->rows = 0;
    }
  }
  res->headers = L.headers;
  free(L.scratch);
  free(data);
  if (!rc && (kind == CC_CODES_MODIFIER || kind == CC_CODES_POS))
    rc = cc_codes_load_builtin(s, err);
  return rc;
}

/* ---- Built-in facts -------------------------------------------------- */

static cc_code load_rows(cc_store *s, const char *kind, const char *release,
                         cc_day eff, const codes_builtin_row *rows, size_t n,
                         cc_err *err) {
  /* The digest covers the table itself, so editing it reloads it. */
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++)
    for (const char *t = rows[i].desc; *t; t++) h = (h ^ (unsigned char)*t) * 1099511628211ULL;
  char digest[17], have[17];
  snprintf(digest, sizeof digest, "%016llx", (unsigned long long)(h ^ n));
  store_codes_rel rel = {kind, release, eff, CC_DAY_NONE, "(built in)",
                         "(built in)", digest};
  long rowsn;
  cc_code rc = store_codes_release_digest(s, &rel, have, &rowsn, err);
  if (rc || strcmp(have, digest) == 0) return rc;
  if ((rc = cc_store_begin(s, err))) return rc;
  store_codes_tx *t;
  bool replaced;
  rc = store_codes_tx_open(s, &rel, &t, &replaced, err);
  for (size_t i = 0; !rc && i < n; i++) {
    cc_day d = CC_DAY_NONE;
    if (rows[i].effective && cc_date_parse_iso(cc_slice_cstr(rows[i].effective), &d))
      d = CC_DAY_NONE;
    cc_slice desc = cc_slice_cstr(rows[i].desc);
    rc = store_codes_put_code(t, cc_slice_cstr(rows[i].code), true, desc, desc,
                              d, CC_DAY_NONE, NULL, err);
  }
  if (t) {
    cc_err e2;
    cc_code rc2 = store_codes_tx_close(t, NULL, rc ? &e2 : err);
    if (!rc) rc = rc2;
  }
  if (!rc) rc = cc_store_commit(s, err);
  if (rc) cc_store_rollback(s);
  return rc;
}

cc_code cc_codes_load_builtin(cc_store *s, cc_err *err) {
  /* The POS additions rank above the 2017 list (which carries no date) and
   * below any list the user loads with a later --effective date. */
  cc_code rc = load_rows(s, "modifiers", "CPT modifiers (built in)", CC_DAY_NONE,
                         codes_cpt_modifiers, codes_n_cpt_modifiers, err);
  if (!rc)
    rc = load_rows(s, "pos", "CMS additions to 2025 (built in)",
                   cc_date_days(2025, 1, 1), codes_pos_additions,
                   codes_n_pos_additions, err);
  return rc;
}

/* ---- A folder laid out like the shared data folder ------------------- */

typedef struct dir_rule {
  const char *sub;     /* sub-folder */
  const char *prefix;  /* file name starts with */
  const char *contains; /* and contains (or NULL) */
  const char *avoid;   /* and does not contain (or NULL) */
  cc_codes_kind kind;
} dir_rule;

static const dir_rule dir_rules[] = {
    {"icd10cm", "icd10cm_order_", NULL, "addenda", CC_CODES_ICD10CM},
    {"hcpcs", "", "codes", NULL, CC_CODES_HCPCS},
    {"hcpcs", "", "modifiers", NULL, CC_CODES_MODIFIER},
    {"cms_pfs_rvu", "PPRRVU", NULL, NULL, CC_CODES_CPT},
    {"cpt", "", ".csv", NULL, CC_CODES_CPT},
    {"place_of_service", "", ".csv", NULL, CC_CODES_POS},
    {"x12_carc_rarc", "carc", NULL, NULL, CC_CODES_CARC},
    {"x12_carc_rarc", "rarc", NULL, NULL, CC_CODES_RARC},
    {"nucc_taxonomy", "", ".csv", NULL, CC_CODES_TAXONOMY},
    {"mce_code_edits", "MCE_", ".txt", NULL, CC_CODES_MCE},
    {"ncci_ptp", "", ".txt", NULL, CC_CODES_PTP},
    {"ncci_mue", "", ".csv", NULL, CC_CODES_MUE},
};

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

cc_code cc_codes_load_dir(cc_store *s, const char *dir, cc_codes_load_cb on_file,
                          void *ctx, cc_err *err) {
  cc_code rc = CC_OK;
  int found = 0;
  for (size_t r = 0; r < sizeof dir_rules / sizeof *dir_rules && !rc; r++) {
    const dir_rule *dr = &dir_rules[r];
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/%s", dir, dr->sub);
    DIR *d = opendir(sub);
    if (!d) continue;
    char *names[64];
    int nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nn < 64) {
      const char *nm = e->d_name;
      if (nm[0] == '.' || strncmp(nm, dr->prefix, strlen(dr->prefix)) != 0) continue;
      if (dr->contains && !strstr(nm, dr->contains)) continue;
      if (dr->avoid && strstr(nm, dr->avoid)) continue;
      names[nn++] = strdup(nm);
    }
    closedir(d);
    qsort(names, (size_t)nn, sizeof *names, cmp_str);
    for (int i = 0; i < nn; i++) {
      if (!rc && names[i]) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", sub, names[i]);
        cc_codes_load_result res;
        rc = cc_codes_load(s, dr->kind, path, NULL, &res, err);
        /* err->file must outlive this loop: point it at a static copy. */
        if (rc && err && err->file) {
          static char failed[2048];
          snprintf(failed, sizeof failed, "%s", path);
          err->file = failed;
        }
        if (!rc) {
          found++;
          if (on_file) on_file(ctx, &res);
        }
      }
      free(names[i]);
    }
  }
  if (!rc) rc = cc_codes_load_builtin(s, err);
  if (!rc && found == 0)
    rc = cc_err_set(err, CC_E_NOTFOUND, "no code set files found",
                    "%s has none of the sub-folders icd10cm/, hcpcs/, "
                    "place_of_service/, ... (see docs/CODES.md)", dir);
  return rc;
}
