/* gen_x12_tables.c - turns the implementation-guide data under spec/x12
 * (format: docs/internals/X12-TABLES.md) into src/x12/x12_tables.c.
 * Usage: gen_x12_tables [--prefix SYMBOL] SPEC_DIR > x12_tables.c
 * Output depends only on the input (files are read in sorted order), so the
 * committed file can be compared byte for byte with a fresh run. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAXF 16

static const char *cur_file;
static int cur_line, n_errors;

static void fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "%s:%d: ", cur_file ? cur_file : "gen_x12_tables", cur_line);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  n_errors++;
}

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) {
    fprintf(stderr, "gen_x12_tables: out of memory\n");
    exit(1);
  }
  return q;
}

static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(xrealloc(NULL, n), s, n);
}

#define GROW(arr, n, cap)                                                     \
  do {                                                                        \
    if ((n) >= (cap)) {                                                       \
      (cap) = (cap) ? (cap) * 2 : 64;                                         \
      (arr) = xrealloc((arr), (cap) * sizeof *(arr));                         \
    }                                                                         \
  } while (0)

/* ------------------------------------------------------------ dictionary */

enum { T_AN, T_ID, T_R, T_N, T_DT, T_TM, T_B, T_COMP };
static const char *type_names[] = {"X12_T_AN", "X12_T_ID", "X12_T_R",
                                   "X12_T_N",  "X12_T_DT", "X12_T_TM",
                                   "X12_T_B",  "X12_T_COMP"};

typedef struct elem {
  int defined;
  char *de, *name;
  int min, max, type, ndec;
  int rep; /* repetitions allowed; 1 unless the 8th column says more */
  int ncomp;
  struct elem *comps; /* indexed 1..ncomp */
} elem;

typedef struct segdef {
  char id[4];
  char *name;
  int nel;
  elem *el; /* indexed 1..nel */
  char *where;
} segdef;

static segdef *segs;
static size_t nsegs, capsegs;

static segdef *seg_find(const char *id) {
  for (size_t i = 0; i < nsegs; i++)
    if (strcmp(segs[i].id, id) == 0) return &segs[i];
  return NULL;
}

static int split_tabs(char *line, char **f, int max) {
  int n = 0;
  char *p = line;
  while (n < max) {
    f[n++] = p;
    char *t = strchr(p, '\t');
    if (!t) break;
    *t = '\0';
    p = t + 1;
  }
  return n;
}

static int parse_type(const char *s, int *ndec) {
  *ndec = 0;
  if (!strcmp(s, "AN")) return T_AN;
  if (!strcmp(s, "ID")) return T_ID;
  if (!strcmp(s, "R")) return T_R;
  if (s[0] == 'N' && s[1] >= '0' && s[1] <= '9' && !s[2]) {
    *ndec = s[1] - '0';
    return T_N;
  }
  if (!strcmp(s, "N")) return T_N;
  if (!strcmp(s, "DT")) return T_DT;
  if (!strcmp(s, "TM")) return T_TM;
  if (!strcmp(s, "B")) return T_B;
  if (!strcmp(s, "C")) return T_COMP;
  fail("unknown element type '%s'", s);
  return T_AN;
}

static int parse_num(const char *s, const char *what) {
  if (!strcmp(s, "-")) return 0;
  char *end;
  long v = strtol(s, &end, 10);
  if (*s == '\0' || *end || v < 0 || v > 65535) {
    fail("%s '%s' is not a number", what, s);
    return 0;
  }
  return (int)v;
}

static void chomp(char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
}

static int is_comment(const char *s) {
  while (*s == ' ' || *s == '\t') s++;
  return *s == '#' || *s == '\0';
}

static elem *grow_elems(elem *a, int *n, int want) {
  if (want <= *n) return a;
  a = xrealloc(a, (size_t)(want + 1) * sizeof *a);
  memset(a + *n + 1, 0, (size_t)(want - *n) * sizeof *a);
  *n = want;
  return a;
}

static void read_dict_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fail("cannot open %s: %s", path, strerror(errno));
    return;
  }
  cur_file = path;
  cur_line = 0;
  char line[4096];
  /* A segment's rows must sit together in one file; the row before tells
   * us whether a new id starts a new definition or repeats one. */
  segdef *last = NULL;
  while (fgets(line, sizeof line, f)) {
    cur_line++;
    chomp(line);
    if (is_comment(line)) continue;
    char *fl[MAXF];
    int nf = split_tabs(line, fl, MAXF);
    if (nf < 7) {
      fail("dictionary row needs 7 fields (seg pos de type min max name [rep]), got %d", nf);
      continue;
    }
    const char *id = fl[0];
    if (strlen(id) < 2 || strlen(id) > 3) {
      fail("bad segment id '%s'", id);
      continue;
    }
    segdef *s = seg_find(id);
    if (s && s != last) {
      fail("segment %s is defined twice (first at %s)", id, s->where);
      continue;
    }
    if (!s) {
      GROW(segs, nsegs, capsegs);
      s = &segs[nsegs++];
      memset(s, 0, sizeof *s);
      strcpy(s->id, id);
      char where[8400];
      snprintf(where, sizeof where, "%s:%d", path, cur_line);
      s->where = xstrdup(where);
      s->el = xrealloc(NULL, sizeof *s->el);
    }
    last = s;
    const char *pos = fl[1];
    if (!strcmp(pos, "0")) {
      s->name = xstrdup(fl[6]);
      continue;
    }
    int p = 0, c = 0;
    if (sscanf(pos, "%d-%d", &p, &c) < 1 || p < 1 || p > 64 || c < 0) {
      fail("bad element position '%s'", pos);
      continue;
    }
    s->el = grow_elems(s->el, &s->nel, p);
    elem *e = &s->el[p];
    if (c > 0) {
      if (!e->comps) e->comps = xrealloc(NULL, sizeof *e->comps);
      e->comps = grow_elems(e->comps, &e->ncomp, c);
      e = &e->comps[c];
    }
    if (e->defined) fail("%s%s defined twice", id, pos);
    e->defined = 1;
    e->de = xstrdup(fl[2]);
    e->type = parse_type(fl[3], &e->ndec);
    e->min = parse_num(fl[4], "min");
    e->max = parse_num(fl[5], "max");
    e->name = xstrdup(fl[6]);
    e->rep = nf >= 8 && strcmp(fl[7], "-") ? parse_num(fl[7], "rep") : 1;
    if (e->rep < 1) fail("%s%s: rep must be at least 1", id, pos);
    if (e->type != T_COMP && (e->max == 0 || e->min > e->max))
      fail("%s%s: lengths %s/%s are not a valid min/max", id, pos, fl[4], fl[5]);
  }
  fclose(f);
  cur_file = NULL;
}

/* ---------------------------------------------------------------- guides */

typedef struct valset {
  int pos, comp;
  int n;
  char **codes;
  uint64_t hmul; /* code_hash: multiplier and table bits; 0 bits: none */
  int hbits;
} valset;

typedef struct use {
  int seg; /* index in segs */
  int loop;
  char usage;
  long max_use;
  char *elem_usage;
  int ident, nident, codes, ncodes;
  char *name;
} use;

typedef struct loop {
  char *id, *name;
  int parent;
  char usage;
  long max_rep;
  int trigger;
  int *kids; /* use index, or loop index | 0x8000 */
  int nkids, capkids;
  int depth;
} loop;

typedef struct guide {
  char *st01, *version, *name;
  char **aliases;
  int naliases;
  use *uses;
  size_t nuses, capuses;
  loop *loops;
  size_t nloops, caploops;
  valset *vals;
  size_t nvals, capvals;
  char *dir;
} guide;

static guide *guides;
static size_t nguides, capguides;

static char usage_letter(const char *s) {
  if (!strcmp(s, "R") || !strcmp(s, "S") || !strcmp(s, "N")) return s[0];
  if (!strcmp(s, "X")) return 'S';
  fail("usage '%s' is not R, S or N", s);
  return 'S';
}

static long parse_repeat(const char *s) {
  if (!strcmp(s, ">1") || !strcmp(s, "-")) return 0; /* unbounded */
  long v = parse_num(s, "repeat");
  if (v < 1) fail("repeat '%s' must be at least 1 or >1", s);
  return v;
}

static void push_kid(loop *l, int k) {
  if (l->nkids >= l->capkids) {
    l->capkids = l->capkids ? l->capkids * 2 : 16;
    l->kids = xrealloc(l->kids, (size_t)l->capkids * sizeof *l->kids);
  }
  l->kids[l->nkids++] = k;
}

static int find_loop(guide *g, const char *id) {
  for (int i = (int)g->nloops - 1; i >= 0; i--)
    if (!strcmp(g->loops[i].id, id)) return i;
  return -1;
}

/* "01=85;03=20,22" or "01-2=AB" into valsets; returns the count. */
static int parse_vals(guide *g, const char *spec, segdef *sd, int *first) {
  *first = (int)g->nvals;
  if (!strcmp(spec, "-")) return 0;
  char *copy = xstrdup(spec), *save = NULL;
  int n = 0;
  for (char *part = strtok_r(copy, ";", &save); part;
       part = strtok_r(NULL, ";", &save)) {
    char *eq = strchr(part, '=');
    int p = 0, c = 0;
    if (!eq || sscanf(part, "%d-%d", &p, &c) < 1 || p < 1) {
      fail("bad code list '%s' (want pos=code,code)", part);
      continue;
    }
    if (sd && p > sd->nel)
      fail("%s has no element %d (code list '%s')", sd->id, p, part);
    else if (sd && c > 0 && c > sd->el[p].ncomp)
      fail("%s%02d has no component %d", sd->id, p, c);
    GROW(g->vals, g->nvals, g->capvals);
    valset *v = &g->vals[g->nvals++];
    memset(v, 0, sizeof *v);
    v->pos = p;
    v->comp = c;
    char *save2 = NULL;
    for (char *code = strtok_r(eq + 1, ",", &save2); code;
         code = strtok_r(NULL, ",", &save2)) {
      v->codes = xrealloc(v->codes, (size_t)(v->n + 1) * sizeof *v->codes);
      v->codes[v->n++] = xstrdup(code);
    }
    if (v->n == 0) fail("empty code list '%s'", part);
    n++;
  }
  free(copy);
  return n;
}

static void read_guide(const char *path, const char *dirname) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fail("cannot open %s: %s", path, strerror(errno));
    return;
  }
  cur_file = path;
  cur_line = 0;
  GROW(guides, nguides, capguides);
  guide *g = &guides[nguides++];
  memset(g, 0, sizeof *g);
  g->dir = xstrdup(dirname);
  char line[8192];
  while (fgets(line, sizeof line, f)) {
    cur_line++;
    chomp(line);
    if (is_comment(line)) continue;
    char *fl[MAXF];
    int nf = split_tabs(line, fl, MAXF);
    if (!g->st01) {
      if (strcmp(fl[0], "guide") || nf < 4) {
        fail("first line must be: guide <ST01> <version> <name> <aliases>");
        break;
      }
      g->st01 = xstrdup(fl[1]);
      g->version = xstrdup(fl[2]);
      g->name = xstrdup(fl[3]);
      if (nf >= 5 && strcmp(fl[4], "-")) {
        char *copy = xstrdup(fl[4]), *save = NULL;
        for (char *a = strtok_r(copy, ",", &save); a;
             a = strtok_r(NULL, ",", &save)) {
          g->aliases = xrealloc(g->aliases, (size_t)(g->naliases + 1) * sizeof *g->aliases);
          g->aliases[g->naliases++] = xstrdup(a);
        }
        free(copy);
      }
      continue;
    }
    if (!strcmp(fl[0], "loop")) {
      if (nf < 6) {
        fail("loop row needs 6 fields, got %d", nf);
        continue;
      }
      GROW(g->loops, g->nloops, g->caploops);
      int li = (int)g->nloops;
      loop *l = &g->loops[g->nloops++];
      memset(l, 0, sizeof *l);
      l->id = xstrdup(fl[1]);
      l->name = xstrdup(fl[5]);
      l->usage = usage_letter(fl[3]);
      l->max_rep = parse_repeat(fl[4]);
      l->trigger = -1;
      l->parent = -1;
      if (strcmp(fl[2], "-")) {
        int p = find_loop(g, fl[2]);
        if (p < 0 || p == li)
          fail("loop %s: parent loop %s is not declared above", fl[1], fl[2]);
        else {
          l->parent = p;
          l->depth = g->loops[p].depth + 1;
          push_kid(&g->loops[p], li | 0x8000);
        }
      } else if (li != 0) {
        fail("loop %s has no parent; only the first loop (ST) may", fl[1]);
      }
    } else if (!strcmp(fl[0], "seg")) {
      if (nf < 9) {
        fail("seg row needs 9 fields, got %d", nf);
        continue;
      }
      int li = find_loop(g, fl[1]);
      if (li < 0) {
        fail("seg %s names loop %s, not declared above", fl[2], fl[1]);
        continue;
      }
      segdef *sd = seg_find(fl[2]);
      if (!sd) {
        fail("segment %s is not in the dictionary (spec/x12/segments)", fl[2]);
        continue;
      }
      GROW(g->uses, g->nuses, g->capuses);
      int ui = (int)g->nuses;
      use *u = &g->uses[g->nuses++];
      memset(u, 0, sizeof *u);
      u->seg = (int)(sd - segs);
      u->loop = li;
      u->usage = usage_letter(fl[3]);
      u->max_use = parse_repeat(fl[4]);
      if (strcmp(fl[5], "-")) {
        u->elem_usage = xstrdup(fl[5]);
        for (char *c = u->elem_usage; *c; c++) {
          if (*c == 'X') *c = 'S';
          if (*c != 'R' && *c != 'S' && *c != 'N')
            fail("%s element usage '%s': letters must be R, S, N or X", fl[2], fl[5]);
        }
        if ((int)strlen(u->elem_usage) > sd->nel)
          fail("%s element usage '%s' lists %zu elements, the dictionary has %d",
               fl[2], fl[5], strlen(u->elem_usage), sd->nel);
      }
      u->nident = parse_vals(g, fl[6], sd, &u->ident);
      u->ncodes = parse_vals(g, fl[7], sd, &u->codes);
      u->name = xstrdup(fl[8]);
      loop *l = &g->loops[li];
      if (l->trigger < 0) {
        l->trigger = ui;
        if (l->nkids > 0)
          fail("loop %s: its trigger segment must come before its child loops", l->id);
      }
      push_kid(l, ui);
    } else {
      fail("unknown row kind '%s' (want loop or seg)", fl[0]);
    }
  }
  fclose(f);
  if (!g->st01) fail("%s: no guide line", path);
  for (size_t i = 0; i < g->nloops; i++)
    if (g->loops[i].trigger < 0) fail("loop %s has no segments", g->loops[i].id);
  if (g->nloops == 0 || strcmp(g->loops[0].id, "ST"))
    fail("the first loop must be ST");
  cur_file = NULL;
}

/* ---------------------------------------------------------------- output */

static uint32_t key_of(const char *id) {
  uint32_t k = 0;
  for (int i = 0; i < 3 && id[i]; i++) k |= (uint32_t)(uint8_t)id[i] << (8 * i);
  return k;
}

/* Must match x12_dict_find in src/x12/x12_read.c. */
static uint32_t hash_of(uint32_t key, uint32_t size) {
  return ((key * 2654435761u) >> 15) & (size - 1);
}

static void put_str(FILE *o, const char *s) {
  if (!s) {
    fputs("NULL", o);
    return;
  }
  fputc('"', o);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') fputc('\\', o);
    if ((unsigned char)*s < 32) {
      fprintf(o, "\\%03o", (unsigned char)*s);
      continue;
    }
    fputc(*s, o);
  }
  fputc('"', o);
}

/* Segment id of a loop child: its own, or its trigger's for a loop. */
static const char *kid_seg(const guide *g, int kid) {
  int u = kid & 0x8000 ? g->loops[kid & 0x7FFF].trigger : kid;
  return u < 0 ? "" : segs[g->uses[u].seg].id;
}

static int kid_use(const guide *g, int kid) {
  return kid & 0x8000 ? g->loops[kid & 0x7FFF].trigger : kid;
}

/* Could one segment match the idents of both uses? Yes unless some
 * position both test has no code in common. */
static int idents_overlap(const guide *g, int ua, int ub) {
  const use *a = &g->uses[ua], *b = &g->uses[ub];
  for (int i = 0; i < a->nident; i++) {
    const valset *x = &g->vals[a->ident + i];
    for (int j = 0; j < b->nident; j++) {
      const valset *y = &g->vals[b->ident + j];
      if (x->pos != y->pos || x->comp != y->comp) continue;
      int common = 0;
      for (int p = 0; p < x->n && !common; p++)
        for (int q = 0; q < y->n && !common; q++)
          common = !strcmp(x->codes[p], y->codes[q]);
      if (!common) return 0;
    }
  }
  return 1;
}

static int cmp_seg(const void *a, const void *b) {
  return strcmp(((const segdef *)a)->id, ((const segdef *)b)->id);
}

/* Must match x12_key_bit in src/x12/x12_int.h. */
static unsigned key_bit(uint32_t key) { return (key * 2654435761u) >> 26; }

/* Must match x12_code_key in src/x12/x12_int.h. */
static uint64_t code_key(const char *c) {
  size_t n = strlen(c), m = n < 7 ? n : 7;
  uint64_t k = 0;
  for (size_t i = 0; i < m; i++) k |= (uint64_t)(uint8_t)c[i] << (8 * i);
  return k | (uint64_t)(n > 255 ? 255 : n) << 56;
}

/* A collision-free multiplicative hash for a list of codes of up to 7
 * bytes (x12_vslot in x12_int.h): the smallest table (1 << *bits slots,
 * at least one per code, at most four) and the first multiplier of a
 * fixed sequence under which no two codes share a slot. False when the
 * list has a longer code or no multiplier fits (the reader then
 * searches the sorted keys). */
#define HASH_MAX 64 /* codes: longer lists are rare and sit behind a memo */
static bool code_hash(const valset *vs, uint64_t *mul, int *bits) {
  if (vs->n < 1 || vs->n > HASH_MAX) return false;
  for (int i = 0; i < vs->n; i++)
    if (strlen(vs->codes[i]) > 7) return false;
  int b0 = 1;
  while ((1 << b0) < vs->n) b0++;
  for (int b = b0; b <= b0 + 2; b++) {
    uint64_t x = 0x9E3779B97F4A7C15ull; /* splitmix64, fixed seed */
    for (int t = 0; t < 20000; t++) {
      uint64_t z = (x += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      uint64_t m = (z ^ (z >> 31)) | 1;
      uint64_t used[4] = {0, 0, 0, 0}; /* b <= 8 */
      bool ok = true;
      for (int i = 0; i < vs->n && ok; i++) {
        unsigned slot = (unsigned)((code_key(vs->codes[i]) * m) >> (64 - b));
        ok = !(used[slot / 64] >> (slot % 64) & 1);
        used[slot / 64] |= 1ull << (slot % 64);
      }
      if (ok) {
        *mul = m;
        *bits = b;
        return true;
      }
    }
  }
  return false;
}

static int cmp_code(const void *a, const void *b) {
  uint64_t x = code_key(*(char *const *)a), y = code_key(*(char *const *)b);
  if (x != y) return x < y ? -1 : 1;
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int *el_base; /* per dictionary segment: its first element index */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void put_elem(FILE *o, const elem *e, int comp_index) {
  fputs("  {", o);
  put_str(o, e->defined ? e->de : "");
  fputs(", ", o);
  put_str(o, e->defined ? e->name : "(not in the dictionary)");
  fprintf(o, ", %d, %d, %s, %d, %d, %d, %d},\n", e->defined ? e->min : 0,
          e->defined ? e->max : 9999, type_names[e->defined ? e->type : T_AN],
          e->ndec, e->ncomp, comp_index, e->defined ? e->rep : 1);
}

static void emit(FILE *o, const char *spec, const char *sym) {
  qsort(segs, nsegs, sizeof *segs, cmp_seg);
  /* Guides reference segments by index; sorting happened before guides were
   * read (see main), so indexes are stable. */
  fprintf(o, "/* x12_tables.c - generated by tools/gen_x12_tables from %s -- "
             "DO NOT EDIT.\n * Edit the TSV files there and run `make tables`. */\n",
          spec);
  fputs("#include \"x12/x12_int.h\"\n\n", o);

  /* Components. */
  fputs("static const x12_elem comps[] = {\n", o);
  int nc = 0;
  for (size_t i = 0; i < nsegs; i++)
    for (int p = 1; p <= segs[i].nel; p++)
      for (int c = 1; c <= segs[i].el[p].ncomp; c++) {
        put_elem(o, &segs[i].el[p].comps[c], 0);
        nc++;
      }
  if (!nc) fputs("  {\"\", \"\", 0, 0, X12_T_AN, 0, 0, 0, 1},\n", o);
  fputs("};\n\n", o);

  fputs("static const x12_elem elems[] = {\n", o);
  int ci = 0, ne = 0;
  for (size_t i = 0; i < nsegs; i++) {
    fprintf(o, "  /* %s */\n", segs[i].id);
    for (int p = 1; p <= segs[i].nel; p++) {
      elem *e = &segs[i].el[p];
      if (!e->defined) fprintf(stderr, "gen_x12_tables: warning: %s%02d missing from the dictionary\n", segs[i].id, p);
      put_elem(o, e, e->ncomp ? ci : 0);
      ci += e->ncomp;
      ne++;
    }
  }
  if (!ne) fputs("  {\"\", \"\", 0, 0, X12_T_AN, 0, 0, 0, 1},\n", o);
  fputs("};\n\n", o);

  fputs("static const x12_segdef segs[] = {\n", o);
  int ei = 0;
  el_base = xrealloc(NULL, (nsegs + 1) * sizeof *el_base);
  for (size_t i = 0; i < nsegs; i++) {
    fprintf(o, "  {0x%06xu, ", key_of(segs[i].id));
    put_str(o, segs[i].id);
    fputs(", ", o);
    put_str(o, segs[i].name ? segs[i].name : segs[i].id);
    fprintf(o, ", %d, %d},\n", segs[i].nel, ei);
    el_base[i] = ei;
    ei += segs[i].nel;
  }
  if (!nsegs) fputs("  {0, \"\", \"\", 0, 0},\n", o);
  fputs("};\n\n", o);

  uint32_t hsize = 64;
  while (hsize < nsegs * 4) hsize *= 2;
  uint16_t *h = calloc(hsize, sizeof *h);
  for (size_t i = 0; i < nsegs; i++) {
    uint32_t s = hash_of(key_of(segs[i].id), hsize);
    while (h[s]) s = (s + 1) & (hsize - 1);
    h[s] = (uint16_t)(i + 1);
  }
  fprintf(o, "static const uint16_t hash[%u] = {", hsize);
  for (uint32_t i = 0; i < hsize; i++)
    fprintf(o, "%s%u,", i % 16 ? " " : "\n  ", h[i]);
  fputs("\n};\n\n", o);
  free(h);

  for (size_t gi = 0; gi < nguides; gi++) {
    guide *g = &guides[gi];
    fprintf(o, "/* ---- %s %s: %s (%s/guide.tsv) */\n", g->st01, g->version,
            g->name, g->dir);
    fprintf(o, "static const char *const g%zu_aliases[] = {", gi);
    for (int i = 0; i < g->naliases; i++) {
      put_str(o, g->aliases[i]);
      fputs(", ", o);
    }
    fputs("NULL};\n", o);
    for (size_t v = 0; v < g->nvals; v++) {
      valset *vs = &g->vals[v];
      qsort(vs->codes, (size_t)vs->n, sizeof *vs->codes, cmp_code);
      fprintf(o, "static const char *const g%zu_v%zu[] = {", gi, v);
      for (int i = 0; i < vs->n; i++) {
        put_str(o, vs->codes[i]);
        fputs(i + 1 < vs->n ? ", " : "", o);
      }
      fputs("};\n", o);
      fprintf(o, "static const uint64_t g%zu_k%zu[] = {", gi, v);
      for (int i = 0; i < vs->n; i++)
        fprintf(o, "0x%016llxull%s", (unsigned long long)code_key(vs->codes[i]),
                i + 1 < vs->n ? ", " : "");
      fputs("};\n", o);
      uint64_t mul;
      int bits;
      if (code_hash(vs, &mul, &bits)) {
        uint64_t *tab = calloc((size_t)1 << bits, sizeof *tab);
        for (int i = 0; i < vs->n; i++) {
          uint64_t k = code_key(vs->codes[i]);
          tab[(k * mul) >> (64 - bits)] = k;
        }
        fprintf(o, "static const uint64_t g%zu_h%zu[] = {", gi, v);
        for (int i = 0; i < 1 << bits; i++)
          fprintf(o, "%s0x%llxull", i ? ", " : "", (unsigned long long)tab[i]);
        fputs("};\n", o);
        free(tab);
        vs->hmul = mul;
        vs->hbits = bits;
      }
    }
    fprintf(o, "static const x12_valset g%zu_vals[] = {\n", gi);
    for (size_t v = 0; v < g->nvals; v++) {
      fprintf(o, "  {%d, %d, %d, g%zu_v%zu, g%zu_k%zu, ", g->vals[v].pos,
              g->vals[v].comp, g->vals[v].n, gi, v, gi, v);
      if (g->vals[v].hbits)
        fprintf(o, "g%zu_h%zu, 0x%016llxull, %d},\n", gi, v,
                (unsigned long long)g->vals[v].hmul, g->vals[v].hbits);
      else
        fputs("NULL, 0, 0},\n", o);
    }
    if (!g->nvals) fputs("  {0, 0, 0, NULL, NULL, NULL, 0, 0},\n", o);
    fputs("};\n", o);
    /* Flat element rules per use: what the validator's hot loop reads. */
    fprintf(o, "static const x12_rule g%zu_rules[] = {\n", gi);
    int nrules = 0;
    for (size_t u = 0; u < g->nuses; u++) {
      use *x = &g->uses[u];
      segdef *sd = &segs[x->seg];
      for (int p = 1; p <= sd->nel; p++, nrules++) {
        elem *e = &sd->el[p];
        char us = 'S';
        if (x->elem_usage && (int)strlen(x->elem_usage) >= p) us = x->elem_usage[p - 1];
        int vals = -1, cvals = 0, cv1 = -1;
        for (int c = 0; c < x->ncodes; c++) {
          valset *vs = &g->vals[x->codes + c];
          if (vs->pos != p) continue;
          if (vs->comp == 0 && vals < 0) vals = x->codes + c;
          if (vs->comp == 1 && cv1 < 0) cv1 = x->codes + c;
          if (vs->comp > 1) cvals = 1;
        }
        char cb[16];
        if (cv1 < 0) strcpy(cb, "X12_NONE");
        else snprintf(cb, sizeof cb, "%d", cv1);
        char vb[16];
        if (vals < 0) strcpy(vb, "X12_NONE");
        else snprintf(vb, sizeof vb, "%d", vals);
        int ty = e->defined ? e->type : T_AN;
        /* The opcode (see X12_OP_* in x12_int.h): a list of a few short
         * codes is scanned by key, a long one is searched behind a memo. */
        const char *op;
        if (us == 'N') op = "X12_OP_NOT_USED";
        else if (ty == T_COMP) op = cvals ? "X12_OP_COMP_CV" : "X12_OP_COMP";
        else if (ty == T_R) op = "X12_OP_R";
        else if (ty == T_N) op = "X12_OP_N";
        else if (ty == T_DT) op = "X12_OP_DT";
        else if (ty == T_TM) op = "X12_OP_TM";
        else if (ty == T_ID && vals >= 0) {
          valset *vs = &g->vals[vals];
          int longest = 0;
          for (int i = 0; i < vs->n; i++)
            if ((int)strlen(vs->codes[i]) > longest) longest = (int)strlen(vs->codes[i]);
          op = longest > 7 || vs->n > 16 ? "X12_OP_CODEMEMO"
               : vs->n == 1              ? "X12_OP_CODE1"
                                         : "X12_OP_CODES";
          if (!strcmp(op, "X12_OP_CODES") && !vs->hbits) {
            /* check_use reads a CODES list through its hash alone */
            fprintf(stderr, "gen_x12_tables: no hash for a code list of "
                            "%s%02d\n", sd->id, p);
            exit(1);
          }
        } else op = "X12_OP_AN";
        fprintf(o, "  {%s, %s, '%c', %d, %d, %d, %d, %s, %d, %s}, /* %zu %s%02d */\n",
                op, type_names[ty], us, cvals,
                e->defined ? e->min : 0, e->defined ? e->max : 9999,
                e->defined ? e->rep : 1, vb, el_base[x->seg] + p - 1,
                cb, u, sd->id, p);
      }
    }
    if (!nrules) fputs("  {X12_OP_AN, X12_T_AN, 'S', 0, 0, 0, 1, X12_NONE, 0, X12_NONE},\n", o);
    fputs("};\n", o);
    fprintf(o, "static const x12_use g%zu_uses[] = {\n", gi);
    int rule0 = 0;
    for (size_t u = 0; u < g->nuses; u++) {
      use *x = &g->uses[u];
      fprintf(o, "  {%d, %d, '%c', %ld, ", x->seg, x->loop, x->usage, x->max_use);
      put_str(o, x->elem_usage);
      fprintf(o, ", %d, %d, %d, %d, ", x->ident, x->nident, x->codes, x->ncodes);
      put_str(o, x->name);
      int lastreq = 0;
      for (int p = 1; x->elem_usage && x->elem_usage[p - 1]; p++)
        if (x->elem_usage[p - 1] == 'R') lastreq = p;
      fprintf(o, ", %d, %d}, /* %zu %s %s */\n", rule0, lastreq, u,
              g->loops[x->loop].id, segs[x->seg].id);
      rule0 += segs[x->seg].nel;
    }
    fputs("};\n", o);
    int nk = 0, maxk = 0;
    fprintf(o, "static const x12_loop g%zu_loops[] = {\n", gi);
    for (size_t l = 0; l < g->nloops; l++) {
      loop *x = &g->loops[l];
      fputs("  {", o);
      put_str(o, x->id);
      fputs(", ", o);
      put_str(o, x->name);
      char par[16];
      if (x->parent < 0)
        strcpy(par, "X12_NONE");
      else
        snprintf(par, sizeof par, "%d", x->parent);
      if (x->nkids > 64) fail("loop %s has %d children; the reader's masks hold 64", x->id, x->nkids);
      unsigned long long req = 0;
      for (int i = 1; i < x->nkids && i < 64; i++) {
        int kid = x->kids[i];
        char us = kid & 0x8000 ? g->loops[kid & 0x7FFF].usage : g->uses[kid].usage;
        if (us == 'R') req |= 1ull << i;
      }
      unsigned long long kf = 0;
      for (int i = 1; i < x->nkids; i++)
        kf |= 1ull << key_bit(key_of(kid_seg(g, x->kids[i])));
      fprintf(o, ", %s, '%c', %ld, %d, %d, %d, %d, 0x%llxull, 0x%llxull},\n", par, x->usage, x->max_rep, x->trigger < 0 ? 0 : x->trigger, nk,
              x->nkids, x->depth, req, kf);
      nk += x->nkids;
      if (x->nkids > maxk) maxk = x->nkids;
    }
    fputs("};\n", o);
    fprintf(o, "static const x12_child g%zu_children[] = {", gi);
    int k = 0;
    for (size_t l = 0; l < g->nloops; l++)
      for (int i = 0; i < g->loops[l].nkids; i++, k++)
        fprintf(o, "%s0x%04x,", k % 10 ? " " : "\n  ", (unsigned)g->loops[l].kids[i]);
    if (!k) fputs("0", o);
    fputs("\n};\n", o);
    /* Per child: where its run of same-id children starts (see run_start
     * in x12_read.c); the trigger (child 0) is never part of a run. */
    fprintf(o, "static const uint16_t g%zu_runs[] = {", gi);
    k = 0;
    for (size_t l = 0; l < g->nloops; l++) {
      loop *x = &g->loops[l];
      int start = 0;
      for (int i = 0; i < x->nkids; i++, k++) {
        if (i <= 1) start = i;
        else if (strcmp(kid_seg(g, x->kids[i]), kid_seg(g, x->kids[i - 1])))
          start = i;
        fprintf(o, "%s%d,", k % 16 ? " " : "\n  ", start);
      }
    }
    if (!k) fputs("0", o);
    fputs("\n};\n", o);
    /* Per child: the packed id of its segment and its use, so matching a
     * segment is an integer scan. */
    fprintf(o, "static const uint32_t g%zu_ckeys[] = {", gi);
    k = 0;
    for (size_t l = 0; l < g->nloops; l++)
      for (int i = 0; i < g->loops[l].nkids; i++, k++)
        fprintf(o, "%s0x%06xu,", k % 8 ? " " : "\n  ", key_of(kid_seg(g, g->loops[l].kids[i])));
    if (!k) fputs("0", o);
    fputs("\n};\n", o);
    fprintf(o, "static const uint16_t g%zu_cuses[] = {", gi);
    k = 0;
    for (size_t l = 0; l < g->nloops; l++)
      for (int i = 0; i < g->loops[l].nkids; i++, k++) {
        int kid = g->loops[l].kids[i];
        int u = kid & 0x8000 ? g->loops[kid & 0x7FFF].trigger : kid;
        fprintf(o, "%s%d,", k % 16 ? " " : "\n  ", u < 0 ? 0 : u);
      }
    if (!k) fputs("0", o);
    fputs("\n};\n", o);
    /* Per loop, 64 chain heads by x12_key_bit of the child's id, and per
     * child the next child (higher index) with the same bit: matching a
     * segment walks only the children that may carry its id. */
    fprintf(o, "static const uint8_t g%zu_lfirst[] = {", gi);
    k = 0;
    for (size_t l = 0; l < g->nloops; l++) {
      int head[64] = {0};
      for (int i = g->loops[l].nkids - 1; i >= 1; i--)
        head[key_bit(key_of(kid_seg(g, g->loops[l].kids[i])))] = i;
      for (int b = 0; b < 64; b++, k++)
        fprintf(o, "%s%d,", k % 32 ? " " : "\n  ", head[b]);
    }
    if (!k) fputs("0", o);
    fputs("\n};\n", o);
    /* Per child: 1 when a later child of the same run may accept the same
     * qualifier (no ident on one side, or a shared ident code), so the
     * reader must compare their other codes to choose. */
    fprintf(o, "static const uint8_t g%zu_camb[] = {", gi);
    k = 0;
    for (size_t l = 0; l < g->nloops; l++) {
      loop *x = &g->loops[l];
      for (int i = 0; i < x->nkids; i++, k++) {
        int amb = 0;
        for (int j = i + 1; i > 0 && j < x->nkids && !amb; j++) {
          if (strcmp(kid_seg(g, x->kids[j]), kid_seg(g, x->kids[i]))) break;
          amb = idents_overlap(g, kid_use(g, x->kids[i]), kid_use(g, x->kids[j]));
        }
        fprintf(o, "%s%d,", k % 32 ? " " : "\n  ", amb);
      }
    }
    if (!k) fputs("0", o);
    fputs("\n};\n", o);
    fprintf(o, "static const uint8_t g%zu_cnext[] = {", gi);
    k = 0;
    for (size_t l = 0; l < g->nloops; l++) {
      loop *x = &g->loops[l];
      for (int i = 0; i < x->nkids; i++, k++) {
        int nx = 0;
        unsigned b = key_bit(key_of(kid_seg(g, x->kids[i])));
        for (int j = i + 1; j < x->nkids && !nx; j++)
          if (key_bit(key_of(kid_seg(g, x->kids[j]))) == b) nx = j;
        fprintf(o, "%s%d,", k % 32 ? " " : "\n  ", i == 0 ? 0 : nx);
      }
    }
    if (!k) fputs("0", o);
    fputs("\n};\n\n", o);
    (void)maxk;
  }
  fputs("static const x12_guide guides[] = {\n", o);
  for (size_t gi = 0; gi < nguides; gi++) {
    guide *g = &guides[gi];
    int maxk = 0;
    for (size_t l = 0; l < g->nloops; l++)
      if (g->loops[l].nkids > maxk) maxk = g->loops[l].nkids;
    fputs("  {", o);
    put_str(o, g->st01);
    fputs(", ", o);
    put_str(o, g->version);
    fputs(", ", o);
    put_str(o, g->name);
    fprintf(o, ", g%zu_aliases, g%zu_loops, %zu, g%zu_uses, %zu, g%zu_children, "
               "g%zu_runs, g%zu_vals, %d, g%zu_ckeys, g%zu_cuses, g%zu_rules, "
               "g%zu_lfirst, g%zu_cnext, g%zu_camb},\n",
            gi, gi, g->nloops, gi, g->nuses, gi, gi, gi, maxk, gi, gi, gi, gi, gi, gi);
  }
  if (!nguides) fputs("  {\"\", \"\", \"\", NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL},\n", o);
  fputs("};\n\n", o);
  fprintf(o, "const x12_tableset %s = {segs, %zu, elems, comps, hash, %u, guides, %zu};\n",
          sym, nsegs, hsize, nguides);
}

static char **list_dir(const char *dir, int want_dirs, size_t *n) {
  DIR *d = opendir(dir);
  char **v = NULL;
  *n = 0;
  if (!d) return NULL;
  struct dirent *de;
  while ((de = readdir(d))) {
    if (de->d_name[0] == '.') continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    struct stat st;
    if (stat(path, &st) != 0) continue;
    if (want_dirs ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) continue;
    if (!want_dirs) {
      size_t l = strlen(de->d_name);
      if (l < 4 || strcmp(de->d_name + l - 4, ".tsv")) continue;
    }
    v = xrealloc(v, (*n + 1) * sizeof *v);
    v[(*n)++] = xstrdup(de->d_name);
  }
  closedir(d);
  qsort(v, *n, sizeof *v, cmp_str);
  return v;
}

int main(int argc, char **argv) {
  const char *sym = "x12_tables", *spec = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--prefix") && i + 1 < argc)
      sym = argv[++i];
    else if (argv[i][0] == '-') {
      fprintf(stderr, "usage: gen_x12_tables [--prefix SYMBOL] SPEC_DIR\n");
      return 2;
    } else
      spec = argv[i];
  }
  if (!spec) {
    fprintf(stderr, "usage: gen_x12_tables [--prefix SYMBOL] SPEC_DIR\n");
    return 2;
  }
  char path[4096];
  size_t n;
  snprintf(path, sizeof path, "%s/segments", spec);
  char **files = list_dir(path, 0, &n);
  for (size_t i = 0; i < n; i++) {
    char p[8192];
    snprintf(p, sizeof p, "%s/%s", path, files[i]);
    read_dict_file(p);
  }
  /* Sort now so guides can store stable dictionary indexes. */
  qsort(segs, nsegs, sizeof *segs, cmp_seg);
  char **dirs = list_dir(spec, 1, &n);
  for (size_t i = 0; i < n; i++) {
    if (!strcmp(dirs[i], "segments")) continue;
    char p[8192];
    snprintf(p, sizeof p, "%s/%s/guide.tsv", spec, dirs[i]);
    struct stat st;
    if (stat(p, &st) != 0) continue;
    read_guide(p, dirs[i]);
  }
  if (n_errors) {
    fprintf(stderr, "gen_x12_tables: %d error(s); nothing written\n", n_errors);
    return 1;
  }
  emit(stdout, spec, sym);
  return ferror(stdout) ? 1 : 0;
}
