/* remit_ack_999.c - 999 intake: each AK2/IK5 accepts or rejects one of our
 * 837 transaction sets (a rejection sends its claims back to the work queue
 * with the IK3/IK4 errors said in words) or one of our 270/276 requests. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/elig.h"
#include "cleanclaim/x12.h"
#include "store/store_submit.h"

static char *val(const cc_x12_reader *r, const cc_x12_item *it, unsigned pos,
                 unsigned comp, char *buf, size_t cap) {
  return cc_slice_copy(cc_x12_item_value(r, it, pos, comp), buf, cap);
}

/* X12.231 code lists: IK304 segment errors, IK403 element errors, IK5 and
 * AK9 acknowledgment codes. */
static const char *ik304(const char *c) {
  static const struct { const char *c, *t; } tab[] = {
      {"1", "unrecognized segment ID"}, {"2", "unexpected segment"},
      {"3", "required segment missing"}, {"4", "loop occurs over maximum times"},
      {"5", "segment exceeds maximum use"},
      {"6", "segment not in defined transaction set"},
      {"7", "segment not in proper sequence"},
      {"8", "segment has data element errors"},
      {"I4", "implementation \"not used\" segment present"},
      {"I6", "implementation dependent segment missing"},
      {"I7", "implementation loop occurs under minimum times"},
      {"I8", "implementation segment below minimum use"},
      {"I9", "implementation dependent \"not used\" segment present"}};
  for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
    if (strcmp(tab[i].c, c) == 0) return tab[i].t;
  return "segment error";
}
static const char *ik403(const char *c) {
  static const struct { const char *c, *t; } tab[] = {
      {"1", "required data element missing"},
      {"2", "conditional required data element missing"},
      {"3", "too many data elements"}, {"4", "data element too short"},
      {"5", "data element too long"}, {"6", "invalid character in data element"},
      {"7", "invalid code value"}, {"8", "invalid date"}, {"9", "invalid time"},
      {"10", "exclusion condition violated"}, {"12", "too many repetitions"},
      {"13", "too many components"},
      {"I6", "code value not used in implementation"},
      {"I9", "implementation dependent data element missing"},
      {"I10", "implementation \"not used\" data element present"},
      {"I11", "implementation too few repetitions"},
      {"I12", "implementation pattern match failure"},
      {"I13", "implementation dependent \"not used\" data element present"}};
  for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
    if (strcmp(tab[i].c, c) == 0) return tab[i].t;
  return "element error";
}
static const char *ik5(const char *c) {
  switch (c[0]) {
  case 'A': return "accepted";
  case 'E': return "accepted with errors noted";
  case 'M': return "rejected: message authentication code failed";
  case 'P': return "partially accepted";
  case 'R': return "rejected";
  case 'W': return "rejected: assurance failed validity tests";
  case 'X': return "rejected: content could not be analyzed";
  default: return "unknown acknowledgment code";
  }
}
static bool accepted_code(const char *c) {
  return c[0] == 'A' || c[0] == 'E';
}

typedef struct ctx999 {
  cc_store *s;
  int64_t file_id;
  cc_note_fn fn;
  void *fctx;
  cc_receive_result *res;
  cc_err *err;
  char gs[16], st[16], code[4], reason[600];
  uint32_t seg;
  bool any_ak2;
  uint32_t others; /* sets answering our 270/276 requests */
} ctx999;

static cc_code apply_claim(ctx999 *c, int64_t claim_id) {
  bool ok = accepted_code(c->code);
  char detail[800];
  snprintf(detail, sizeof detail, "999 %s (IK5 %s) for GS %s ST %s%s%s",
           ik5(c->code), c->code, c->gs, c->st[0] ? c->st : "(all)",
           c->reason[0] ? ": " : "", c->reason);
  store_response r = {.claim_id = claim_id, .file_id = c->file_id,
                      .kind = "999", .accepted = ok ? 1 : 0, .code = c->code,
                      .detail = detail, .segment_index = c->seg};
  cc_code rc = store_ack_response(c->s, &r, c->err);
  if (rc) return rc;
  if (ok) {
    c->res->accepted++;
    return CC_OK;
  }
  c->res->rejected++;
  if ((rc = store_claim_status(c->s, claim_id, "rejected", "999", detail,
                               c->err)) ||
      (rc = store_claim_task(c->s, claim_id, detail, c->err)))
    return rc;
  if (c->fn) {
    char key[24];
    snprintf(key, sizeof key, "claim %lld", (long long)claim_id);
    c->fn(c->fctx, key, detail);
  }
  return CC_OK;
}

static int each(void *vctx, int64_t claim_id) {
  ctx999 *c = vctx;
  c->res->matched++;
  return apply_claim(c, claim_id) != CC_OK;
}

static cc_code finish_set(ctx999 *c) {
  uint32_t before = c->res->matched;
  cc_code rc = store_ack_sent(c->s, c->gs, c->st[0] ? c->st : NULL, each, c,
                              c->err);
  if (rc) return rc;
  if (c->err->code) return c->err->code;
  if (c->res->matched != before) return CC_OK;
  /* A 999 also answers our eligibility and status requests: ours, with
   * no claim to move (a rejected 270/276 is simply sent again). */
  char kind[8];
  rc = store_ack_sent_other(c->s, c->gs, kind, c->err);
  if (rc == CC_E_NOTFOUND) return CC_OK;
  if (rc) return rc;
  c->others++;
  if (c->fn) {
    char key[40], text[900];
    snprintf(key, sizeof key, "%s GS %s", kind, c->gs);
    snprintf(text, sizeof text, "999 %s (IK5 %s) for our %s, GS %s ST %s%s%s",
             ik5(c->code), c->code, kind, c->gs, c->st[0] ? c->st : "(all)",
             c->reason[0] ? ": " : "", c->reason);
    c->fn(c->fctx, key, text);
  }
  return CC_OK;
}

cc_code cc_remit_ack_999(cc_store *s, const char *p, size_t n,
                         const char *name, int64_t file_id, cc_note_fn fn,
                         void *fctx, cc_receive_result *res, cc_err *err) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  cc_x12_reader *r = lx ? cc_x12_reader_new(lx) : NULL;
  if (!r) {
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  }
  ctx999 *c = calloc(1, sizeof *c);
  if (!c) {
    cc_x12_reader_free(r);
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  }
  *c = (ctx999){.s = s, .file_id = file_id, .fn = fn, .fctx = fctx,
                .res = res, .err = err};
  cc_err_clear(err);
  cc_x12_item it;
  cc_code rc;
  char v[64], v2[64], v3[16];
  while ((rc = cc_x12_reader_next(r, &it, err)) == CC_OK) {
    if (it.kind != CC_X12_BODY || strcmp(it.st01, "999") != 0) continue;
    const char *id = it.seg->id;
    size_t k = strlen(c->reason);
    char *rs = c->reason + k;
    size_t cap = sizeof c->reason - k;
    if (strcmp(id, "AK1") == 0) {
      val(r, &it, 2, 0, c->gs, sizeof c->gs);
      c->any_ak2 = false;
    } else if (strcmp(id, "AK2") == 0) {
      val(r, &it, 2, 0, c->st, sizeof c->st);
      c->reason[0] = 0;
      c->any_ak2 = true;
    } else if (strcmp(id, "IK3") == 0) {
      val(r, &it, 1, 0, v, sizeof v);
      val(r, &it, 2, 0, v2, sizeof v2);
      val(r, &it, 4, 0, v3, sizeof v3);
      snprintf(rs, cap, "%ssegment %s at position %s in the set: %s", k ? "; " : "",
               v, v2, ik304(v3));
    } else if (strcmp(id, "IK4") == 0) {
      val(r, &it, 1, 1, v, sizeof v);
      val(r, &it, 3, 0, v3, sizeof v3);
      val(r, &it, 4, 0, v2, sizeof v2);
      snprintf(rs, cap, ", element %s: %s%s%s%s", v, ik403(v3),
               v2[0] ? " (got \"" : "", v2, v2[0] ? "\")" : "");
    } else if (strcmp(id, "IK5") == 0) {
      val(r, &it, 1, 0, c->code, sizeof c->code);
      c->seg = (uint32_t)it.seg->index;
      if ((rc = finish_set(c))) break;
      c->reason[0] = 0;
    } else if (strcmp(id, "AK9") == 0 && !c->any_ak2) {
      /* No AK2 at all: the group's verdict covers every set in it. */
      val(r, &it, 1, 0, c->code, sizeof c->code);
      c->st[0] = 0;
      c->seg = (uint32_t)it.seg->index;
      snprintf(c->reason, sizeof c->reason, "the whole group was answered "
               "without per-set detail");
      if ((rc = finish_set(c))) break;
      c->reason[0] = 0;
    }
  }
  if (rc == CC_E_EOF) {
    rc = CC_OK;
    cc_err_clear(err);
  }
  if (!rc && res->matched == 0 && c->others == 0) {
    res->unmatched++;
    if (fn) fn(fctx, name, "999 names no 837 we sent (AK1/AK2 control "
                           "numbers unknown)");
  }
  free(c);
  cc_x12_reader_free(r);
  cc_x12_lexer_free(lx);
  return rc;
}
