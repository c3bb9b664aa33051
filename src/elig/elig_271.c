/* elig_271.c - eligibility responses (271): what the payer says about a
 * member, reduced to what a front desk needs (active, plan, copay,
 * coinsurance, deductible and out-of-pocket with what remains) and stored on
 * the coverage the answer is about. */
#include <stdlib.h>
#include <string.h>

#include "elig_int.h"

/* The best EB of one kind so far: in-network and individual values are
 * what a visit is billed against, so they outrank out-of-network and
 * family ones; among equals the first wins. */
typedef struct pick {
  int rank; /* -1 = none yet */
  int64_t v;
} pick;

typedef struct unit {
  bool open;
  char trace[51], member[81], first[36], dob[11], plan[61], msg[160];
  int active; /* -1 unknown */
  pick copay, coins, ded, ded_left, oop, oop_left;
  uint32_t n_eb;
} unit;

static void unit_reset(unit *u) {
  memset(u, 0, sizeof *u);
  u->active = -1;
  pick none = {-1, 0};
  u->copay = u->coins = u->ded = u->ded_left = u->oop = u->oop_left = none;
}

static void offer(pick *p, int rank, int64_t v) {
  if (rank > p->rank) {
    p->rank = rank;
    p->v = v;
  }
}

/* ".2", "0.20", "20" (taken as a fraction when <= 1, as the TR3 sends
 * percentages as decimal fractions) to basis points without floating point.
 * -1 when it is not a number. */
static int64_t percent_bp(const char *s) {
  int64_t whole = 0, frac = 0;
  int nd = 0;
  const char *p = s;
  if (!*p) return -1;
  for (; *p >= '0' && *p <= '9'; p++) whole = whole * 10 + (*p - '0');
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++)
      if (nd < 4) {
        frac = frac * 10 + (*p - '0');
        nd++;
      }
  if (*p) return -1;
  for (; nd < 4; nd++) frac *= 10;
  return whole * 10000 + frac;
}

typedef struct ctx271 {
  cc_store *s;
  int64_t file_id;
  cc_note_fn fn;
  void *fctx;
  cc_receive_result *res;
  char payer[81], checked[11];
  cc_err *err;
} ctx271;

static cc_code flush(ctx271 *c, unit *u) {
  if (!u->open || (!u->n_eb && !u->msg[0])) {
    u->open = false;
    return CC_OK;
  }
  u->open = false;
  int64_t cov_id = 0, want = 0;
  /* Our 270s trace as CC<coverage id>-<ST02>. */
  if (strncmp(u->trace, "CC", 2) == 0) want = strtoll(u->trace + 2, NULL, 10);
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = store_elig_coverage_match(
      c->s, want, c->payer[0] ? c->payer : NULL, u->member[0] ? u->member : NULL,
      u->first[0] ? u->first : NULL, u->dob[0] ? u->dob : NULL, &cov_id, &e);
  if (rc == CC_E_NOTFOUND) {
    c->res->unmatched++;
    if (c->fn) {
      char t[200];
      snprintf(t, sizeof t, "no coverage of ours for payer %s member %s",
               c->payer, u->member);
      c->fn(c->fctx, u->member, t);
    }
    return CC_OK;
  }
  if (rc) {
    *c->err = e;
    return rc;
  }
  store_elig_result r = {
      .coverage_id = cov_id, .file_id = c->file_id,
      .checked_date = c->checked[0] ? c->checked : NULL,
      .plan = u->plan[0] ? u->plan : NULL,
      .message = u->msg[0] ? u->msg : NULL, .active = u->active,
      .copay = u->copay.v, .has_copay = u->copay.rank >= 0,
      .coins_bp = u->coins.v, .has_coins = u->coins.rank >= 0,
      .deductible = u->ded.v, .has_deductible = u->ded.rank >= 0,
      .deductible_left = u->ded_left.v,
      .has_deductible_left = u->ded_left.rank >= 0, .oop = u->oop.v,
      .has_oop = u->oop.rank >= 0, .oop_left = u->oop_left.v,
      .has_oop_left = u->oop_left.rank >= 0};
  if ((rc = store_elig_update(c->s, &r, c->err))) return rc;
  c->res->matched++;
  if (c->fn) {
    char key[32], t[200];
    snprintf(key, sizeof key, "coverage %lld", (long long)cov_id);
    snprintf(t, sizeof t, "%s%s%s", u->active == 1 ? "active" :
             u->active == 0 ? "not active" : "eligibility not stated",
             u->msg[0] ? ": " : "", u->msg);
    c->fn(c->fctx, key, t);
  }
  return CC_OK;
}

static void eb(const cc_x12_reader *r, const cc_x12_item *it, unit *u,
               cc_err *err) {
  char code[4], level[4], plan[61], period[4], amt[20], pct[12], net[3];
  elig_val(r, it, 1, 0, code, sizeof code);
  elig_val(r, it, 2, 0, level, sizeof level);
  elig_val(r, it, 5, 0, plan, sizeof plan);
  elig_val(r, it, 6, 0, period, sizeof period);
  elig_val(r, it, 7, 0, amt, sizeof amt);
  elig_val(r, it, 8, 0, pct, sizeof pct);
  elig_val(r, it, 12, 0, net, sizeof net);
  u->n_eb++;
  if (code[0] >= '1' && code[0] <= '5' && !code[1]) {
    if (u->active < 0) u->active = 1;
    if (!u->plan[0] && plan[0]) snprintf(u->plan, sizeof u->plan, "%s", plan);
    return;
  }
  if ((code[0] >= '6' && code[0] <= '8') && !code[1]) {
    if (u->active < 0) u->active = 0;
    return;
  }
  int rank = (net[0] == 'N' ? 0 : 2) +
             (!level[0] || strcmp(level, "IND") == 0 ? 1 : 0);
  cc_money m = {0};
  bool has_amt = amt[0] && cc_money_parse(cc_slice_cstr(amt), &m, err) == CC_OK;
  /* Time period 29 is "remaining"; 24 (year to date) says what was used,
   * which is not what either column holds. */
  bool left = strcmp(period, "29") == 0;
  if (strcmp(period, "24") == 0) return;
  if (strcmp(code, "B") == 0 && has_amt) offer(&u->copay, rank, m.cents);
  else if (strcmp(code, "A") == 0) {
    int64_t bp = percent_bp(pct);
    if (bp >= 0 && bp <= 10000) offer(&u->coins, rank, bp);
  } else if (strcmp(code, "C") == 0 && has_amt)
    offer(left ? &u->ded_left : &u->ded, rank, m.cents);
  else if (strcmp(code, "G") == 0 && has_amt)
    offer(left ? &u->oop_left : &u->oop, rank, m.cents);
}

/* AAA reject reason codes (X279 AAA03) a front desk can act on. */
static const char *aaa_text(const char *c) {
  static const struct { const char *c, *t; } tab[] = {
      {"15", "required application data missing"},
      {"41", "authorization/access restrictions"},
      {"42", "unable to respond at current time"},
      {"43", "invalid/missing provider identification"},
      {"50", "provider ineligible for inquiries"},
      {"51", "provider not on file"},
      {"58", "invalid/missing date of birth"},
      {"64", "invalid/missing patient ID"},
      {"65", "invalid/missing patient name"},
      {"67", "patient not found"},
      {"72", "invalid/missing subscriber/insured ID"},
      {"73", "invalid/missing subscriber/insured name"},
      {"75", "subscriber/insured not found"},
      {"76", "duplicate subscriber/insured ID number"},
      {"79", "invalid participant identification"},
      {"T4", "payer name or identifier missing"},
  };
  for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
    if (strcmp(tab[i].c, c) == 0) return tab[i].t;
  return "rejected";
}

cc_code cc_elig_apply_271(cc_store *s, const char *p, size_t n,
                          const char *name, int64_t file_id, cc_note_fn fn,
                          void *fctx, cc_receive_result *res, cc_err *err) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  cc_x12_reader *r = lx ? cc_x12_reader_new(lx) : NULL;
  if (!r) {
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  }
  ctx271 c = {.s = s, .file_id = file_id, .fn = fn, .fctx = fctx, .res = res,
              .err = err};
  unit u;
  unit_reset(&u);
  cc_x12_item it;
  cc_code rc;
  char v[81], top_msg[160] = "";
  while ((rc = cc_x12_reader_next(r, &it, err)) == CC_OK) {
    const char *id = it.seg->id, *loop = it.loop_id;
    if (it.kind == CC_X12_SE) {
      if ((rc = flush(&c, &u))) break;
      if (top_msg[0] && !res->matched && fn) fn(fctx, c.payer, top_msg);
      if (top_msg[0] && !res->matched) res->unmatched++;
      top_msg[0] = 0;
      continue;
    }
    if (it.kind != CC_X12_BODY || strcmp(it.st01, "271") != 0) continue;
    if (strcmp(id, "BHT") == 0) {
      elig_d8_iso(elig_val(r, &it, 4, 0, v, sizeof v), c.checked);
    } else if (strcmp(id, "HL") == 0) {
      elig_val(r, &it, 3, 0, v, sizeof v);
      if (strcmp(v, "22") == 0) {
        if ((rc = flush(&c, &u))) break;
        unit_reset(&u);
        u.open = true;
      } else if (strcmp(v, "23") == 0) {
        /* A dependent answers under the subscriber's member ID. */
        char member[81];
        snprintf(member, sizeof member, "%s", u.member);
        if ((rc = flush(&c, &u))) break;
        unit_reset(&u);
        snprintf(u.member, sizeof u.member, "%s", member);
        u.open = true;
      }
    } else if (strcmp(id, "NM1") == 0 && strcmp(loop, "2100A") == 0) {
      elig_val(r, &it, 9, 0, c.payer, sizeof c.payer);
    } else if (strcmp(id, "NM1") == 0 && (strcmp(loop, "2100C") == 0 ||
                                          strcmp(loop, "2100D") == 0)) {
      if (strcmp(loop, "2100C") == 0)
        elig_val(r, &it, 9, 0, u.member, sizeof u.member);
      elig_val(r, &it, 4, 0, u.first, sizeof u.first);
    } else if (strcmp(id, "DMG") == 0) {
      elig_d8_iso(elig_val(r, &it, 2, 0, v, sizeof v), u.dob);
    } else if (strcmp(id, "TRN") == 0 && u.open) {
      elig_val(r, &it, 1, 0, v, sizeof v);
      /* TRN*2 is our own trace echoed back; TRN*1 is the payer's. */
      if (strcmp(v, "2") == 0) elig_val(r, &it, 2, 0, u.trace, sizeof u.trace);
    } else if (strcmp(id, "EB") == 0 && u.open) {
      cc_err e;
      eb(r, &it, &u, &e);
    } else if (strcmp(id, "AAA") == 0) {
      char code[4];
      elig_val(r, &it, 3, 0, code, sizeof code);
      char *m = u.open ? u.msg : top_msg;
      snprintf(m, 160, "payer rejected the inquiry (AAA %s: %s)", code,
               aaa_text(code));
      if (u.open) u.active = -1;
    }
  }
  if (rc == CC_E_EOF) rc = CC_OK;
  cc_x12_reader_free(r);
  cc_x12_lexer_free(lx);
  return rc;
}
