/* remit_ack_receive.c - `receive`: one entry point for every answer a payer
 * or clearinghouse sends back. Validates first, recognises the file by its
 * ST01 and GS08, keeps its bytes and applies it in one transaction. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/elig.h"
#include "cleanclaim/x12.h"
#include "store/store_submit.h"

typedef struct head {
  char kind[8], st01[8], version[16], isa[16], gs[16], st[16];
} head;

static cc_code read_head(const char *p, size_t n, const char *name, head *h,
                         cc_err *err) {
  memset(h, 0, sizeof *h);
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  if (!lx) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  cc_x12_seg *seg = malloc(sizeof *seg);
  cc_code rc = seg ? CC_OK : cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  while (!rc && (rc = cc_x12_lexer_next(lx, seg, err)) == CC_OK) {
    if (!strcmp(seg->id, "ISA") && seg->nel >= 13)
      cc_slice_copy(seg->el[13], h->isa, sizeof h->isa);
    else if (!strcmp(seg->id, "GS") && seg->nel >= 8) {
      cc_slice_copy(seg->el[6], h->gs, sizeof h->gs);
      cc_slice_copy(seg->el[8], h->version, sizeof h->version);
    } else if (!strcmp(seg->id, "ST") && seg->nel >= 2) {
      cc_slice_copy(seg->el[1], h->st01, sizeof h->st01);
      cc_slice_copy(seg->el[2], h->st, sizeof h->st);
      break;
    }
  }
  free(seg);
  cc_x12_lexer_free(lx);
  if (rc && rc != CC_E_EOF) return rc;
  cc_err_clear(err);
  return CC_OK;
}

static cc_code kind_of(const head *h, const char *name, char *kind,
                       cc_err *err) {
  const char *k = NULL;
  if (!strcmp(h->st01, "999")) k = "999";
  else if (!strcmp(h->st01, "835")) k = "835";
  else if (!strcmp(h->st01, "271")) k = "271";
  else if (!strcmp(h->st01, "277"))
    k = strncmp(h->version, "005010X214", 10) == 0 ? "277CA" : "277";
  if (k) {
    snprintf(kind, 8, "%s", k);
    return CC_OK;
  }
  kind[0] = 0;
  if (!h->st01[0])
    return cc_err_set(err, CC_E_UNSUPPORTED, "not an answer we can apply",
                      "%s has no transaction set (no ST segment)", name);
  cc_code rc = cc_err_set(
      err, CC_E_UNSUPPORTED, "not an answer we can apply",
      "this is a %s (%s)%s; receive takes 999, 277CA, 835, 271 and 277",
      h->st01, h->version,
      !strcmp(h->st01, "837") ? " (claims come in with `import 837`)" : "");
  if (err) err->file = name;
  return rc;
}

cc_code cc_remit_identify(const char *p, size_t n, const char *name,
                          char *kind, cc_err *err) {
  head h;
  cc_code rc = read_head(p, n, name, &h, err);
  if (rc) return rc;
  return kind_of(&h, name, kind, err);
}

typedef struct vctx {
  uint32_t errors;
  cc_x12_finding first;
} vctx;

static void on_finding(void *ctx, const cc_x12_finding *f) {
  vctx *v = ctx;
  /* SNIP 1-2 is syntax and the guide's structure: a file failing those
   * cannot be trusted to mean what it seems to say. */
  if (f->sev != CC_SEV_ERROR || f->snip > 2) return;
  if (v->errors++ == 0) v->first = *f;
}

cc_code cc_remit_receive(cc_store *s, const char *p, size_t n,
                         const char *name, cc_note_fn fn, void *ctx,
                         cc_receive_result *res, cc_err *err) {
  memset(res, 0, sizeof *res);
  vctx v = {0};
  cc_x12_summary sum;
  cc_code rc = cc_x12_validate_mem(p, n, name, on_finding, &v, &sum, err);
  if (rc) return rc;
  if (v.errors) {
    if (err) {
      *err = v.first.where;
      char first[400];
      snprintf(first, sizeof first, "%s%s%s", v.first.where.msg
               ? v.first.where.msg : "error", v.first.where.detail[0] ? ": "
               : "", v.first.where.detail);
      int k = snprintf(err->detail, sizeof err->detail,
                       "refused, nothing applied: %u syntax/structure "
                       "error%s (SNIP 1-2), first: ", v.errors,
                       v.errors == 1 ? "" : "s");
      if (k > 0 && (size_t)k < sizeof err->detail)
        cc_slice_copy(cc_slice_cstr(first), err->detail + k,
                      sizeof err->detail - (size_t)k);
      err->code = CC_E_INVALID;
      err->msg = "file fails validation";
      err->file = name;
    }
    return CC_E_INVALID;
  }
  head h;
  if ((rc = read_head(p, n, name, &h, err)) ||
      (rc = kind_of(&h, name, res->kind, err)))
    return rc;
  if (!strcmp(res->kind, "835")) {
    /* Posting keeps the file and is exactly-once by itself. */
    rc = cc_remit_post_835_mem(s, p, n, name, NULL, &res->remit, err);
    if (!rc) {
      res->already = res->remit.already_posted;
      res->file_id = res->remit.file_id;
      res->matched = res->remit.claims;
    }
    /* Money received for claims we cannot find is not an error of the
     * file, but someone has to find those claims. */
    if (!rc && !res->already && res->remit.unapplied && fn) {
      char amt[24], t[200];
      snprintf(t, sizeof t, "%u claim payment%s totalling %s match%s no "
               "claim of ours: held as unapplied cash (see `cleanclaim "
               "ledger unapplied`)", res->remit.unapplied,
               res->remit.unapplied == 1 ? "" : "s",
               cc_money_fmt(res->remit.unapplied_paid, amt),
               res->remit.unapplied == 1 ? "es" : "");
      fn(ctx, name, t);
    }
    return rc;
  }
  if ((rc = cc_store_begin(s, err))) return rc;
  char at[32];
  rc = store_x12_file_find_in(s, p, n, &res->file_id, at, sizeof at, err);
  if (rc == CC_OK) {
    res->already = true;
    cc_store_rollback(s);
    if (fn) {
      char t[96];
      snprintf(t, sizeof t, "already received on %s (file %lld): nothing "
               "changed", at, (long long)res->file_id);
      fn(ctx, name, t);
    }
    return CC_OK;
  }
  if (rc != CC_E_NOTFOUND) goto fail;
  store_x12_file f = {.direction = "in", .kind = res->kind, .path = name,
                      .isa_control = h.isa, .gs_control = h.gs,
                      .st_control = h.st, .version = h.version,
                      .content = p, .n = n};
  if ((rc = store_x12_file_add(s, &f, &res->file_id, err))) goto fail;
  if (!strcmp(res->kind, "999"))
    rc = cc_remit_ack_999(s, p, n, name, res->file_id, fn, ctx, res, err);
  else if (!strcmp(res->kind, "277CA"))
    rc = cc_remit_ack_277ca(s, p, n, name, res->file_id, fn, ctx, res, err);
  else if (!strcmp(res->kind, "271"))
    rc = cc_elig_apply_271(s, p, n, name, res->file_id, fn, ctx, res, err);
  else
    rc = cc_elig_apply_277(s, p, n, name, res->file_id, fn, ctx, res, err);
  if (rc) goto fail;
  if ((rc = cc_store_commit(s, err))) goto fail;
  return CC_OK;
fail:
  cc_store_rollback(s);
  return rc;
}
