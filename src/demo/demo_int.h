/* demo_int.h - private to src/demo: the generated clinic (patients, their
 * coverages as the practice and as the payers see them, the visit schedule)
 * shared by the generator (demo_clinic.c) and the day-by-day driver. */
#ifndef CC_DEMO_INT_H
#define CC_DEMO_INT_H

#include "cleanclaim/cleanclaim.h"
#include "cleanclaim/demo.h"

enum { DEMO_NPAYERS = 5, DEMO_MAX_LINES = 4, DEMO_MAX_DX = 4 };

/* The five plans, in data/demo/payers.csv order. */
enum { PAY_MCR, PAY_MCD, PAY_PPO, PAY_HDHP, PAY_HMO, PAY_SELF = -1 };
extern const char *const demo_payer_codes[DEMO_NPAYERS];

/* Seeded generator (splitmix64): the only source of chance. */
typedef struct demo_rng {
  uint64_t s;
} demo_rng;
uint64_t demo_rand(demo_rng *r);
int demo_below(demo_rng *r, int n);       /* 0..n-1 */
bool demo_chance(demo_rng *r, int per_mille);

/* A membership: what the practice has on file and what the payer knows. */
typedef struct demo_member {
  int payer;              /* PAY_* */
  char member_id[16];     /* as the payer knows it */
  char practice_id[16];   /* as the practice typed it (a typo sometimes) */
  cc_day end;             /* payer's end of coverage; 0 = none */
  bool other_primary;     /* payer believes another plan pays first */
} demo_member;

typedef struct demo_patient {
  char account[16], last[24], first[16], sex;
  cc_day birth;
  int64_t id;             /* patient row */
  demo_member cov[2];     /* primary, secondary */
  int ncov;               /* 0 = self-pay */
  char auths[8][16];      /* numbers the payer of cov[0] approved */
  int nauths;
  bool eligibility_checked;
} demo_patient;

/* A visit pattern from data/demo/visits.csv. */
typedef struct demo_pattern {
  char name[64], specialty[8];
  char payers[64];        /* "*" or payer ids separated by ';' */
  int weight;
  char dx[DEMO_MAX_DX][8];
  int ndx;
  char code[DEMO_MAX_LINES][6];
  int64_t cents[DEMO_MAX_LINES];
  int units[DEMO_MAX_LINES];
  int nlines;
  bool auth;              /* a code of it needs prior authorization */
} demo_pattern;

/* Mistakes planted in a visit (docs/DEMO.md says what each leads to). */
enum {
  MIS_NONE = 0,
  MIS_NO_AUTH,        /* procedure needing auth, none on file: held */
  MIS_BAD_AUTH,       /* auth on file the payer never approved: CARC 15 */
  MIS_DUP_SELF,       /* the physician bills the visit again: CARC 18 */
  MIS_DUP_SAME,       /* entered twice by the front desk: held (duplicate) */
  MIS_DX_HEADER,      /* a category header instead of a billable code */
  MIS_DX_SEX,         /* a diagnosis for the other sex */
};

typedef struct demo_visit {
  int patient;            /* index */
  int pattern;            /* index */
  int provider;           /* index into the individual providers */
  cc_day service, entered;
  int mistake;
  bool history;           /* an older visit entered late */
  int64_t auth_id;        /* authorization row on the encounter; 0 none */
} demo_visit;

typedef struct demo_clinic {
  demo_rng rng;
  const cc_demo_opts *o;
  cc_arena *a;
  demo_patient *pat;
  int npat;
  demo_pattern pat_v[64];
  int npattern;
  int64_t payer_id[DEMO_NPAYERS];
  int64_t org_id;         /* the clinic (billing provider) */
  char org_npi[11];
  int64_t prov_id[8];     /* individual providers */
  char prov_npi[8][11], prov_spec[8][8];
  int nprov;
  demo_visit *v;
  int nv, capv;
  cc_day first, today;
  uint32_t auth_seq;
} demo_clinic;

/* demo_clinic.c: read data/demo and fill the database and the schedule. */
cc_code demo_clinic_build(demo_clinic *c, cc_store *s, cc_demo_result *res,
                          cc_err *err);
/* The payer's profile text with its members appended (malloc'd). */
char *demo_profile_json(const demo_clinic *c, int payer, size_t *n,
                        cc_err *err);

/* demo_store.c: the practice, its facility and the billing-office user
 * (DEMO_USER) who runs statements, posts patient payments and works the
 * denial queue. */
#define DEMO_USER "demo.biller"
cc_code demo_store_practice(cc_store *s, cc_err *err);

#endif
