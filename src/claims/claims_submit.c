/* claims_submit.c - ready claims out as 837 interchanges: one per payer and
 * form, control numbers from the store's counters, checked with our own
 * validator, kept whole, and each claim's lineage recorded. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanclaim/elig.h"
#include "cleanclaim/ledger.h"
#include "claims_int.h"
#include "store/store_submit.h"

typedef struct ready {
  int64_t id;
  char payer[81];
  char form[5];
} ready;

typedef struct list {
  ready *v;
  size_t n, cap;
  bool oom;
  uint32_t self_pay; /* ready claims to the self-pay payer, left unsent */
} list;

static int collect(void *ctx, int64_t id, int64_t payer_id, const char *payer,
                   const char *form) {
  list *l = ctx;
  (void)payer_id;
  /* The patient is billed by statement: nobody takes an 837 for SELFPAY. */
  if (payer && strcmp(payer, CC_CLAIMS_SELF_PAY) == 0) {
    l->self_pay++;
    return 0;
  }
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    ready *v = realloc(l->v, cap * sizeof *v);
    if (!v) {
      l->oom = true;
      return 1;
    }
    l->v = v;
    l->cap = cap;
  }
  ready *r = &l->v[l->n++];
  r->id = id;
  snprintf(r->payer, sizeof r->payer, "%s", payer ? payer : "");
  snprintf(r->form, sizeof r->form, "%s", form ? form : "837P");
  return 0;
}

/* ---- one file ---------------------------------------------------------- */

typedef struct vcount {
  uint32_t errors;
  cc_x12_finding first;
} vcount;

static void on_finding(void *ctx, const cc_x12_finding *f) {
  vcount *v = ctx;
  if (f->sev != CC_SEV_ERROR) return;
  if (v->errors++ == 0) v->first = *f;
}

static cc_code write_file(const char *path, const char *p, size_t n,
                          cc_err *err) {
  FILE *f = fopen(path, "wb");
  if (!f)
    return cc_err_set(err, CC_E_IO, "cannot write the 837", "%s: %s", path,
                      strerror(errno));
  bool ok = fwrite(p, 1, n, f) == n;
  ok = (fclose(f) == 0) && ok;
  if (!ok) {
    unlink(path);
    return cc_err_set(err, CC_E_IO, "cannot write the 837", "%s: %s", path,
                      strerror(errno));
  }
  return CC_OK;
}

static cc_code one_file(cc_store *s, const ready *v, size_t n,
                        const char *out_dir, cc_submit_fn fn, void *ctx,
                        cc_submit_result *res, cc_err *err) {
  cc_arena *a = cc_arena_new(0);
  cc_claim **cl = calloc(n, sizeof *cl);
  uint32_t *segs = calloc(n, sizeof *segs);
  cc_buf b;
  cc_buf_init(&b, (size_t)1 << 32);
  char path[1024] = "";
  bool wrote = false;
  cc_code rc = (a && cl && segs) ? CC_OK
                                 : cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  if (rc) goto out;
  if ((rc = cc_store_begin(s, err))) goto out;
  cc_claims_envelope env;
  if ((rc = cc_claims_envelope_load(s, 0, a, &env, err))) goto fail;
  for (size_t i = 0; i < n; i++)
    if ((rc = cc_claims_load(s, v[i].id, a, &cl[i], err)) ||
        (rc = claims_cob_fill(s, cl[i], a, err)))
      goto fail;
  uint32_t isa, gs, st;
  if ((rc = store_x12_counter_next(s, "isa", 1, &isa, err)) ||
      (rc = store_x12_counter_next(s, "gs", 1, &gs, err)) ||
      (rc = store_x12_counter_next(s, "st", 1, &st, err)))
    goto fail;
  env.isa_control = isa;
  env.gs_control = gs;
  env.st_control = st;
  env.eol = "\n";
  if ((rc = cc_claims_write((const cc_claim *const *)cl, n, &env, &b, segs,
                            err)))
    goto fail;
  /* Our own validator is the first payer every file meets: anything it
   * calls an error would come back as a 999 rejection. */
  vcount vc = {0};
  cc_x12_summary sum;
  if ((rc = cc_x12_validate_mem(b.p, b.n, "837", on_finding, &vc, &sum, err)))
    goto fail;
  if (vc.errors) {
    *err = vc.first.where;
    err->code = CC_E_INVALID;
    err->msg = "the 837 we built fails our own validation";
    rc = CC_E_INVALID;
    goto fail;
  }
  char isa_s[12], gs_s[12], st_s[12];
  snprintf(isa_s, sizeof isa_s, "%09u", isa);
  snprintf(gs_s, sizeof gs_s, "%u", gs);
  snprintf(st_s, sizeof st_s, "%04u", st);
  snprintf(path, sizeof path, "%s/%s-%s-%s.x12", out_dir, v[0].form,
           v[0].payer, isa_s);
  const char *version = v[0].form[3] == 'I' ? "005010X223A2" : "005010X222A1";
  store_x12_file f = {.direction = "out", .kind = v[0].form, .path = path,
                      .isa_control = isa_s, .gs_control = gs_s,
                      .st_control = st_s, .version = version, .content = b.p,
                      .n = b.n};
  int64_t file_id;
  if ((rc = store_x12_file_add(s, &f, &file_id, err))) goto fail;
  char today[11];
  cc_date_iso(cc_date_today(), today);
  for (size_t i = 0; i < n; i++) {
    char detail[1400]; /* a path may take most of PATH_MAX */
    snprintf(detail, sizeof detail,
             "sent in %s (%s): ISA13 %s, GS06 %s, ST02 %s, CLM segment %u",
             path, version, isa_s, gs_s, st_s, segs[i]);
    if ((rc = store_submit_record(s, v[i].id, file_id, st_s, segs[i], err)) ||
        (rc = store_claim_status(s, v[i].id, "submitted", "submit", detail,
                                 err)) ||
        /* a secondary or tertiary claim bills the same charge lines
         * again: its payer's answer is posted on the primary claim, which
         * holds the charges, so they are not put on the books twice */
        (cl[i]->responsibility == 'P' &&
         (rc = cc_ledger_charge_claim(s, v[i].id, today, err))))
      goto fail;
  }
  if ((rc = write_file(path, b.p, b.n, err))) goto fail;
  wrote = true;
  if ((rc = cc_store_commit(s, err))) goto fail;
  res->files++;
  res->claims += (uint32_t)n;
  if (fn) {
    cc_submit_file sf = {path, v[0].form, v[0].payer, isa, gs, st,
                         (uint32_t)n, file_id};
    fn(ctx, &sf);
  }
  goto out;
fail:
  cc_store_rollback(s);
  if (wrote) unlink(path);
out:
  cc_buf_free(&b);
  free(segs);
  free(cl);
  cc_arena_free(a);
  return rc;
}

/* The output folder and its parents are made when missing (mkdir -p), so
 * a dated folder per batch needs no separate step. */
static cc_code make_dirs(const char *dir, cc_err *err) {
  char p[4096];
  size_t n = strlen(dir);
  if (n >= sizeof p)
    return cc_err_set(err, CC_E_IO, "cannot create the output directory",
                      "%.60s...: the path is too long", dir);
  memcpy(p, dir, n + 1);
  for (size_t i = 1; i <= n; i++) {
    if (p[i] != '/' && p[i] != '\0') continue;
    char c = p[i];
    p[i] = '\0';
    struct stat st;
    if (stat(p, &st) != 0) {
      if (mkdir(p, 0777) != 0 && errno != EEXIST)
        return cc_err_set(err, CC_E_IO, "cannot create the output directory",
                          "%s: %s", p, strerror(errno));
    } else if (!S_ISDIR(st.st_mode)) {
      return cc_err_set(err, CC_E_IO, "cannot create the output directory",
                        "%s is a file, not a folder", p);
    }
    p[i] = c;
  }
  return CC_OK;
}

cc_code cc_claims_submit(cc_store *s, const char *payer_code,
                         const char *out_dir, cc_submit_fn fn, void *ctx,
                         cc_submit_result *res, cc_err *err) {
  memset(res, 0, sizeof *res);
  /* A payer ID with no payer would otherwise select nothing and look like
   * "nothing to send". */
  int64_t payer_id;
  if (payer_code && strcmp(payer_code, CC_CLAIMS_SELF_PAY) == 0)
    return cc_err_set(err, CC_E_INVALID, "self-pay claims are not sent",
                      "%s stands for the patient: self-pay visits are billed "
                      "on the patient's statement (`cleanclaim statement "
                      "run`), never in an 837", payer_code);
  if (payer_code && cc_store_find_payer(s, payer_code, &payer_id) != CC_OK)
    return cc_err_set(err, CC_E_NOTFOUND, "no such payer",
                      "'%s' is not the payer ID of any payer on file (see "
                      "`cleanclaim payer show ID`; payers come from "
                      "`cleanclaim import payers`)", payer_code);
  if (!out_dir || !*out_dir)
    return cc_err_set(err, CC_E_IO, "cannot write into the output directory",
                      "(none): give --out DIR");
  if (make_dirs(out_dir, err)) return CC_E_IO;
  if (access(out_dir, W_OK) != 0)
    return cc_err_set(err, CC_E_IO, "cannot write into the output directory",
                      "%s: %s", out_dir, strerror(errno));
  list l = {0};
  cc_code rc = store_submit_ready(s, payer_code, collect, &l, err);
  if (!rc && l.oom) rc = cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  res->self_pay = l.self_pay;
  /* An 837P allows many claims per set; 5000 keeps files a payer takes. */
  for (size_t i = 0; !rc && i < l.n;) {
    size_t j = i;
    while (j < l.n && j - i < 5000 && !strcmp(l.v[j].payer, l.v[i].payer) &&
           !strcmp(l.v[j].form, l.v[i].form))
      j++;
    rc = one_file(s, l.v + i, j - i, out_dir, fn, ctx, res, err);
    i = j;
  }
  free(l.v);
  return rc;
}
