/* claims_trace.c - the lineage of a claim told as a story: out in which
 * file, answered by which 999/277CA/277, paid, adjusted or denied by which
 * 835 CLP, SVC and CAS, and the ledger entries that resulted. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/elig.h"
#include "claims_int.h"
#include "store/store_submit.h"

/* Values of one printf call come from a ring of buffers, so several can
 * be used at once without each needing a name. */
typedef struct ring {
  char b[16][200];
  unsigned i;
} ring;

static const char *str(ring *r, const cc_json *o, const char *k) {
  char *buf = r->b[r->i++ % 16];
  const cc_json *v = o ? cc_json_get(o, k) : NULL;
  if (!v || v->type == CC_JSON_NULL) return cc_slice_copy(CC_SLICE_LIT(""), buf, 200);
  return cc_slice_copy(v->str, buf, 200);
}

static const char *money(ring *r, const cc_json *o, const char *k) {
  char *buf = r->b[r->i++ % 16];
  const cc_json *v = o ? cc_json_get(o, k) : NULL;
  uint64_t u;
  buf[0] = 0;
  if (!v || v->type != CC_JSON_NUMBER) return buf;
  cc_slice s = v->str;
  bool neg = s.n && s.p[0] == '-';
  if (neg) s.p++, s.n--;
  if (cc_slice_to_u64(s, &u) != CC_OK) return buf;
  return cc_money_fmt(CC_MONEY(neg ? -(int64_t)u : (int64_t)u), buf);
}

#define S(o, k) str(t, (o), (k))
#define M(o, k) money(t, (o), (k))

static void entries(cc_buf *b, const cc_json *arr, const char *indent) {
  ring rg = {0}, *t = &rg;
  for (size_t i = 0; arr && i < arr->n; i++) {
    const cc_json *e = arr->kids[i];
    const char *g = S(e, "group_code"), *file = S(e, "file"),
               *payer = S(e, "payer_id"), *seg = S(e, "segment_index");
    (void)cc_buf_printf(b, "%sledger #%s %s %s%s%s%s%s: %s (%s)%s%s%s%s\n",
                        indent, S(e, "id"), S(e, "posted_date"), S(e, "kind"),
                        g[0] ? " " : "", g, g[0] ? "-" : "",
                        S(e, "reason_code"), M(e, "amount_cents"),
                        payer[0] ? payer : "patient", file[0] ? " from " : "",
                        file, seg[0] ? " segment " : "", seg);
  }
}

/* Denying CAS: the amount stays with the payer, so no ledger entry tells
 * of them; the work queue does (status worked/closed once acted on). */
static void denials(cc_buf *b, const cc_json *arr, const char *indent) {
  ring rg = {0}, *t = &rg;
  for (size_t i = 0; arr && i < arr->n; i++) {
    const cc_json *d = arr->kids[i];
    const char *rarc = S(d, "remark_codes");
    (void)cc_buf_printf(b, "%s835 CAS at segment %s of %s: denied %s-%s %s%s%s"
                        "%s (denial %s)\n", indent, S(d, "segment_index"),
                        S(d, "file"), S(d, "group_code"), S(d, "reason_code"),
                        M(d, "amount_cents"), rarc[0] ? ", remarks " : "",
                        rarc, "", S(d, "status"));
  }
}

cc_code cc_claims_trace(cc_store *s, const char *key, bool json, cc_buf *out,
                        cc_err *err) {
  cc_buf j;
  cc_buf_init(&j, (size_t)1 << 28);
  cc_code rc = store_trace_json(s, key, &j, err);
  if (rc || json) {
    if (!rc) rc = cc_buf_puts(out, j.p);
    cc_buf_free(&j);
    return rc;
  }
  cc_arena *a = cc_arena_new(0);
  cc_json *doc = NULL;
  ring *t = NULL;
  if (!a) rc = cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  else rc = cc_json_parse(j.p, j.n, "trace", a, &doc, err);
  if (rc) goto out;
  t = calloc(1, sizeof *t);
  if (!t) {
    rc = cc_err_set(err, CC_E_NOMEM, NULL, NULL);
    goto out;
  }
  const cc_json *c = cc_json_get(doc, "claim");
  const char *freq = S(c, "frequency_code"), *pcn = S(c, "payer_claim_number");
  cc_buf_printf(out, "claim %s (id %s): %s %s to %s %s, %s, total %s, status "
                "%s%s%s\n", S(c, "control_number"), S(c, "id"),
                S(c, "responsibility"), S(c, "claim_form"), S(c, "payer_id"),
                S(c, "payer_name"),
                freq[0] == '7' ? "corrected claim (frequency 7)"
                : freq[0] == '8' ? "void (frequency 8)" : "original",
                M(c, "total_charge_cents"), S(c, "status"),
                pcn[0] ? ", payer's number " : "", pcn);
  const cc_json *arr = cc_json_get(doc, "cob_claims");
  for (size_t i = 0; arr && i < arr->n; i++) {
    const cc_json *x = arr->kids[i];
    cc_buf_printf(out, "%s claim %s (id %s) to %s, status %s\n",
                  S(x, "responsibility"), S(x, "control_number"), S(x, "id"),
                  S(x, "payer_id"), S(x, "status"));
  }
  arr = cc_json_get(doc, "submissions");
  cc_buf_printf(out, "\nsent:\n");
  if (!arr || !arr->n) cc_buf_printf(out, "  not yet\n");
  for (size_t i = 0; arr && i < arr->n; i++) {
    const cc_json *x = arr->kids[i];
    cc_buf_printf(out, "  %s %s (%s) ISA13 %s GS06 %s ST02 %s, CLM at segment "
                  "%s, file #%s\n", S(x, "at"), S(x, "file"), S(x, "version"),
                  S(x, "isa_control"), S(x, "gs_control"), S(x, "st_control"),
                  S(x, "segment_index"), S(x, "file_id"));
  }
  arr = cc_json_get(doc, "answers");
  cc_buf_printf(out, "\nanswers:\n");
  if (!arr || !arr->n) cc_buf_printf(out, "  none yet\n");
  for (size_t i = 0; arr && i < arr->n; i++) {
    const cc_json *x = arr->kids[i];
    const char *acc = S(x, "accepted");
    cc_buf_printf(out, "  %s %s %s, segment %s of %s (file #%s): %s\n",
                  S(x, "at"), S(x, "kind"),
                  !strcmp(acc, "1") ? "accepted" : !strcmp(acc, "0")
                      ? "REJECTED" : "status",
                  S(x, "segment_index"), S(x, "file"), S(x, "file_id"),
                  S(x, "detail"));
  }
  arr = cc_json_get(doc, "remittances");
  cc_buf_printf(out, "\nremittances:\n");
  if (!arr || !arr->n) cc_buf_printf(out, "  none yet\n");
  for (size_t i = 0; arr && i < arr->n; i++) {
    const cc_json *x = arr->kids[i];
    cc_buf_printf(out, "  %s trace %s, CLP at segment %s: status %s, charge "
                  "%s, paid %s, patient responsibility %s%s\n", S(x, "file"),
                  S(x, "trace"), S(x, "segment_index"), S(x, "status_code"),
                  M(x, "charge_cents"), M(x, "paid_cents"),
                  M(x, "patient_resp_cents"),
                  !strcmp(S(x, "reversed"), "1") ? " (reversed)" : "");
  }
  arr = cc_json_get(doc, "lines");
  for (size_t i = 0; arr && i < arr->n; i++) {
    const cc_json *l = arr->kids[i];
    const char *lc = S(l, "line_control");
    cc_buf_printf(out, "\nline %s: %s %s charge %s on %s%s%s\n",
                  S(l, "line_no"), S(l, "code"), S(l, "modifiers"),
                  M(l, "charge_cents"), S(l, "from_date"),
                  lc[0] ? ", REF 6R " : "", lc);
    const cc_json *sv = cc_json_get(l, "services");
    for (size_t k = 0; sv && k < sv->n; k++) {
      const cc_json *x = sv->kids[k];
      cc_buf_printf(out, "  835 SVC at segment %s of %s: %s charge %s "
                    "allowed %s paid %s\n", S(x, "segment_index"),
                    S(x, "file"), S(x, "code"), M(x, "charge_cents"),
                    M(x, "allowed_cents"), M(x, "paid_cents"));
    }
    denials(out, cc_json_get(l, "denials"), "  ");
    entries(out, cc_json_get(l, "entries"), "  ");
  }
  arr = cc_json_get(doc, "claim_denials");
  if (arr && arr->n) {
    cc_buf_printf(out, "\nclaim-level denials:\n");
    denials(out, arr, "  ");
  }
  arr = cc_json_get(doc, "claim_entries");
  if (arr && arr->n) {
    cc_buf_printf(out, "\nclaim-level ledger entries:\n");
    entries(out, arr, "  ");
  }
  arr = cc_json_get(doc, "history");
  cc_buf_printf(out, "\nhistory:\n");
  for (size_t i = 0; arr && i < arr->n; i++) {
    const cc_json *x = arr->kids[i];
    cc_buf_printf(out, "  %s %-10s %-8s %s\n", S(x, "at"), S(x, "status"),
                  S(x, "source"), S(x, "detail"));
  }
out:
  free(t);
  cc_arena_free(a);
  cc_buf_free(&j);
  return rc;
}
