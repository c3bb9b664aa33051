/* payersim_int.h - the simulator's private structures: payer profiles as
 * read from JSON, member accumulators, the claims seen, control counters. */
#ifndef CC_PAYERSIM_INT_H
#define CC_PAYERSIM_INT_H

#include "cleanclaim/payersim.h"

typedef struct ps_fee {
  char code[49];
  char mod[3];           /* "" = any modifier */
  cc_money amount;       /* allowed per unit */
} ps_fee;

typedef struct ps_copay {
  char code[49];         /* "99213", or a prefix ending in '*' ("992*") */
  cc_money amount;
} ps_copay;

typedef struct ps_plan {
  char id[33];
  cc_money deductible, oop_max;
  int64_t coins_pct;     /* 0..100 */
  ps_copay *copays;
  size_t n_copays;
  char (*not_covered)[49]; /* CARC 204: not covered by this benefit plan */
  size_t n_not_covered;
} ps_plan;

typedef struct ps_member {
  char id[81];
  char last[61], first[36];
  cc_day birth;          /* 0 = not given */
  const ps_plan *plan;
  cc_day start, end;     /* coverage dates; end 0 = open */
  bool other_primary;    /* another payer is primary: CARC 22 unless COB */
  char (*auths)[51];
  size_t n_auths;
} ps_member;

typedef struct ps_bundle {
  char code[49];         /* the comprehensive code */
  char bundled[49];      /* the component code denied with CARC 97 */
} ps_bundle;

typedef struct ps_profile {
  char payer_id[81], name[61], tax_id[10];
  char addr1[56], city[31], state[3], zip[16], phone[21];
  char filing[3];         /* CLP06 */
  char method[4];         /* BPR04 CHK or ACH */
  int64_t days_to_pay, timely_days, default_pct;
  int plan_year_month;    /* month the plan year starts, 1..12 */
  int64_t missing_info_pm, reversal_pm; /* per mille */
  ps_fee *fees; size_t n_fees;
  char (*auth_required)[49]; size_t n_auth_required;
  char (*not_covered)[49]; size_t n_not_covered; /* CARC 96 */
  ps_bundle *bundles; size_t n_bundles;
  ps_plan *plans; size_t n_plans;
  ps_member *members; size_t n_members;
  char (*providers)[49]; size_t n_providers; /* enrolled NPIs; none = any */
  cc_arena *a;            /* everything above lives here */
} ps_profile;

typedef struct ps_accum {
  char payer[81], member[81];
  int year;
  cc_money ded, oop;
} ps_accum;

struct cc_payersim {
  uint64_t seed;
  ps_profile **profiles; size_t n_profiles;
  ps_accum *acc; size_t n_acc, cap_acc;
  cc_payersim_adj **adj; size_t n_adj, cap_adj;
  uint32_t isa_ctl, claim_seq, check_seq;
  cc_day last_day; /* of the last receive */
};

/* payersim_profile.c */
void payersim_profile_free(ps_profile *p);
const ps_profile *payersim_find_profile(const cc_payersim *ps,
                                        const char *payer_id);
const ps_member *payersim_find_member(const ps_profile *p, const char *id);

/* payersim_adjudicate.c */
int payersim_plan_year(const ps_profile *p, cc_day d);
ps_accum *payersim_accum(cc_payersim *ps, const char *payer,
                         const char *member, int year);
cc_payersim_adj *payersim_new_adj(cc_payersim *ps, uint32_t n_lines);
/* Payer-initiated reprocessing due by `date` (reversal + correction);
 * see cc_payersim_release. CC_E_NOMEM only. */
cc_code payersim_reprocess(cc_payersim *ps, cc_day date, cc_err *err);
/* A value in [0, 1000) drawn from the seed and a key: the same seed and
 * key always give the same draw, whatever the order of the claims. */
uint32_t payersim_draw(uint64_t seed, const char *key, const char *purpose);

/* payersim_write.c: envelopes and segments of what the simulator sends. */
typedef struct payersim_env {
  char sender[16], sender_qual[3];
  char receiver[16], receiver_qual[3];
  const char *func, *version; /* GS01, GS08 */
  uint32_t ctl;               /* ISA13 = GS06 */
  cc_day date;
  char usage;                 /* ISA15; 0 = 'T' */
} payersim_env;
extern const cc_x12_delims payersim_delims;
void payersim_open(cc_x12_writer *w, cc_buf *b, const payersim_env *e,
                   cc_err *err);
void payersim_close(cc_x12_writer *w, const payersim_env *e);
/* One segment from NULL-terminated element values ("" = empty). */
void payersim_seg(cc_x12_writer *w, const char *id, ...);
void payersim_files_add(cc_payersim_files *f, const char *kind,
                        uint32_t ctl, cc_buf *data);
cc_code payersim_write_835(cc_payersim *ps, const ps_profile *p,
                           cc_payersim_adj **adj, size_t n, cc_day date,
                           cc_payersim_files *out, cc_err *err);

#endif
