/* x12_int.h - private to src/x12: the shapes of the generated
 * implementation-guide tables (src/x12/x12_tables.c) and the helpers the
 * reader, validator, acknowledgment builder and printers share. */
#ifndef CC_X12_INT_H
#define CC_X12_INT_H

#include <stdint.h>
#include <string.h>

#include "cleanclaim/x12.h"

/* A segment id packed into one integer: the reader compares and hashes
 * these instead of strings ("NM1" -> 'N' | 'M' << 8 | '1' << 16). */
#define X12_KEY(a, b, c)                                                       \
  ((uint32_t)(uint8_t)(a) | (uint32_t)(uint8_t)(b) << 8 |                      \
   (uint32_t)(uint8_t)(c) << 16)

static inline uint32_t x12_key(const char *id) {
  if (!id[0]) return 0;
  if (!id[1]) return X12_KEY(id[0], 0, 0);
  return X12_KEY(id[0], id[1], id[2]);
}

/* x12_key of a lexer segment's id with one load: the lexer stores the id
 * as 4 bytes, zero-padded (see set_id in x12_lex.c), so no byte tests. */
static inline uint32_t x12_seg_key(const cc_x12_seg *seg) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint32_t v;
  memcpy(&v, seg->id, 4);
  return v & 0xFFFFFFu;
#else
  return x12_key(seg->id);
#endif
}

/* One of 64 bits for a packed id (a filter: equal ids, equal bits). */
static inline unsigned x12_key_bit(uint32_t key) {
  return (key * 2654435761u) >> 26;
}

/* A set of packed ids as two 64-bit filters with independent hashes:
 * nearly every id no member shares both bits with is turned away by two
 * ANDs (the balancing and situational checks concern a few ids each). */
typedef struct x12_kfilter {
  uint64_t a, b;
} x12_kfilter;
static inline void x12_kf_add(x12_kfilter *f, uint32_t key) {
  f->a |= 1ull << x12_key_bit(key);
  f->b |= 1ull << ((key * 0x85EBCA77u) >> 26);
}
static inline bool x12_kf_has(const x12_kfilter *f, uint32_t key) {
  return (f->a >> x12_key_bit(key) & 1) &&
         (f->b >> ((key * 0x85EBCA77u) >> 26) & 1);
}

/* The writer's fast path for generated segments (x12_write.c): values are
 * NUL-terminated, each byte checked against the delimiters as it is copied
 * (bit i of raw_mask: value i is a composite and may hold the component and
 * repetition separators); trailing empty elements dropped. The claims
 * writer uses it; reserve grows the output once for a whole batch. */
cc_code x12_write_fast(cc_x12_writer *w, const char *id, size_t n,
                       const char *const *vals, uint64_t raw_mask);
cc_code x12_write_reserve(cc_x12_writer *w, size_t bytes);

#define X12_NONE 0xFFFFu /* "no index" in the 16-bit links below */
#define X12_UNBOUNDED 0  /* max-use / repeat of ">1" */

/* Element types (the dictionary's type column). */
enum {
  X12_T_AN = 0,
  X12_T_ID,
  X12_T_R,
  X12_T_N, /* N0..N9: implied decimals in x12_elem.ndec */
  X12_T_DT,
  X12_T_TM,
  X12_T_B,
  X12_T_COMP /* composite: components follow in x12_comps */
};

/* One element (or one component) of the dictionary. */
typedef struct x12_elem {
  const char *de;    /* data element reference ("98", "I12") or composite id */
  const char *name;  /* as the standard names it */
  uint16_t min, max; /* lengths; 0/0 for a composite */
  uint8_t type;      /* X12_T_* */
  uint8_t ndec;      /* implied decimals of an N type */
  uint8_t ncomp;     /* components of a composite (0 otherwise) */
  uint16_t comp;     /* first component in x12_tableset.comps */
  uint16_t rep;      /* repetitions the standard allows (EB03: 99); 1 */
} x12_elem;

/* One segment of the dictionary. */
typedef struct x12_segdef {
  uint32_t key;     /* X12_KEY of id */
  char id[4];
  const char *name;
  uint16_t nel;     /* element positions the standard defines */
  uint16_t el;      /* first element in x12_tableset.elems */
} x12_segdef;

/* A list of valid codes for one element (or component) of a segment use.
 * keys[i] is x12_code_key(codes[i]); both are sorted by key so a lookup is
 * a binary search over integers, with a string compare only to confirm a
 * code longer than 7 bytes. */
typedef struct x12_valset {
  uint8_t pos;              /* element position */
  uint8_t comp;             /* component, 0 for the whole element */
  uint16_t n;               /* number of codes */
  const char *const *codes; /* the values, in key order */
  const uint64_t *keys;     /* x12_code_key of each value, ascending */
  /* Lists of up to 64 codes of up to 7 bytes: a collision-free hash
   * (x12_vslot) into 1 << hbits slots, each holding the key of the one
   * code that hashes there or 0; htab is NULL for other lists. */
  const uint64_t *htab;
  uint64_t hmul;
  uint8_t hbits;
} x12_valset;

/* A code packed into an integer: its first 7 bytes and its length (top
 * byte). Equal keys mean equal codes for codes of up to 7 bytes. */
static inline uint64_t x12_code_key(const char *p, size_t n) {
  uint64_t k = 0;
  size_t m = n < 7 ? n : 7;
  for (size_t i = 0; i < m; i++) k |= (uint64_t)(uint8_t)p[i] << (8 * i);
  return k | (uint64_t)(n > 255 ? 255 : n) << 56;
}

/* The validator's element loop is one switch on x12_rule.op: the
 * generator folds usage, type, the code list's shape and whether a verdict
 * is worth remembering into one opcode, so a present, well-formed element
 * costs one indirect jump and a few compares (no nested dispatch). */
enum {
  X12_OP_NOT_USED = 0, /* usage 'N': any value is a finding */
  X12_OP_AN,           /* AN, B, or ID without a list: length, clean bytes */
  X12_OP_CODE1,        /* ID with one code of up to 7 bytes: a key compare */
  X12_OP_CODES,        /* ID, up to 16 codes of up to 7 bytes: key scan */
  X12_OP_CODEMEMO,     /* ID with a longer list: memo, then a search */
  X12_OP_R,            /* decimal number */
  X12_OP_N,            /* whole number (implied decimals) */
  X12_OP_DT,           /* date CCYYMMDD (YYMMDD in the ISA) */
  X12_OP_TM,           /* time */
  X12_OP_COMP,         /* composite, codes on component 1 at most: memo,
                          split in place */
  X12_OP_COMP_CV       /* composite with codes on later components: memo,
                          then the general walk */
};

/* What the validator checks for one element position of a segment use,
 * flattened by the generator from the dictionary, the use's element usage
 * and its code lists so that the hot loop touches one small array. */
typedef struct x12_rule {
  uint8_t op;       /* X12_OP_* */
  uint8_t type;     /* X12_T_* */
  char usage;       /* 'R', 'S', 'N' */
  uint8_t cvals;    /* 1 when a component after the first has a code list */
  uint16_t min, max;
  uint16_t rep;     /* repetitions allowed */
  uint16_t vals;    /* code list of the whole element in x12_guide.vals,
                       X12_NONE when none */
  uint16_t elem;    /* dictionary element (x12_tableset.elems) */
  uint16_t cv1;     /* code list of component 1, X12_NONE when none */
} x12_rule;

/* One use of a segment in a guide (a `seg` row). */
typedef struct x12_use {
  uint16_t seg;           /* dictionary index */
  uint16_t loop;          /* owning loop, index in the guide */
  char usage;             /* 'R', 'S', 'N' */
  uint32_t max_use;       /* X12_UNBOUNDED for ">1" */
  const char *elem_usage; /* "RRS..." per position, NULL = all situational */
  uint16_t ident, nident; /* valsets telling this use apart */
  uint16_t codes, ncodes; /* valsets of other elements */
  const char *name;       /* TR3 name of this use */
  uint16_t rule;          /* first of its dictionary-nel rules */
  uint8_t lastreq;        /* last required element position, 0 if none */
} x12_use;

/* A loop of a guide; its children are its own segment uses and child loops
 * in document order, the trigger segment first. */
typedef struct x12_loop {
  const char *id;   /* "2300"; the whole set is "ST" */
  const char *name;
  uint16_t parent;  /* X12_NONE for ST */
  char usage;
  uint32_t max_rep; /* X12_UNBOUNDED for ">1" */
  uint16_t trigger; /* use index */
  uint16_t child, nchild; /* into x12_guide.children */
  uint8_t depth;    /* 0 for ST */
  uint64_t req;     /* bit i: child i is a required segment or loop */
  uint64_t kfilter; /* bit x12_key_bit(id) of every child but the trigger:
                       a segment whose bit is clear is no child here */
} x12_loop;

/* A child entry of a loop: a segment use or a loop (bit 15 set). */
#define X12_CHILD_LOOP 0x8000u
typedef uint16_t x12_child;

typedef struct x12_guide {
  const char *st01;    /* "837" */
  const char *version; /* "005010X222A1" */
  const char *name;
  const char *const *aliases; /* NULL-terminated */
  const x12_loop *loops;
  uint16_t nloops;
  const x12_use *uses;
  uint16_t nuses;
  const x12_child *children;
  const uint16_t *runs; /* per child: start of its run of same-id children */
  const x12_valset *vals;
  uint16_t max_children; /* the most children any loop has (<= 64) */
  const uint32_t *ckeys; /* per child: X12_KEY of its (trigger) segment */
  const uint16_t *cuses; /* per child: its use (a loop's trigger use) */
  const x12_rule *rules; /* per use, x12_use.rule onwards */
  const uint8_t *lfirst; /* per loop, 64 entries: first child (> 0) whose
                            id has that x12_key_bit, 0 for none */
  const uint8_t *cnext;  /* per child: next child with the same bit, 0 */
  const uint8_t *camb;   /* per child: 1 when a later child of its run may
                            accept the same qualifier */
} x12_guide;

/* Everything the generator wrote. */
typedef struct x12_tableset {
  const x12_segdef *segs;
  uint16_t nsegs;
  const x12_elem *elems;
  const x12_elem *comps;
  const uint16_t *hash; /* open addressing, x12_hash_size slots, index+1 */
  uint32_t hash_size;   /* power of two */
  const x12_guide *guides;
  uint16_t nguides;
} x12_tableset;

extern const x12_tableset x12_tables;

/* Dictionary lookup by packed key; NULL when the standard has no such
 * segment (or the dictionary here does not list it). */
const x12_segdef *x12_dict_find(const x12_tableset *t, uint32_t key);
/* The guide for ST01 + GS08 (aliases included); NULL when none here. */
const x12_guide *x12_guide_find(const x12_tableset *t, const char *st01,
                                const char *version);
/* The slot of key k in v->htab. */
static inline unsigned x12_vslot(const x12_valset *v, uint64_t k) {
  return (unsigned)((k * v->hmul) >> (64 - v->hbits));
}
/* True when s is one of the set's codes: a hash probe, or an integer
 * search (linear for short lists) with a byte compare only for codes
 * longer than 7. */
static inline bool x12_valset_has(const x12_valset *v, cc_slice s) {
  if (s.n == 0 || s.n >= 255) return false;
  uint64_t k = x12_code_key(s.p, s.n);
  if (v->htab) return v->htab[x12_vslot(v, k)] == k;
  const uint64_t *keys = v->keys;
  unsigned lo = 0, hi = v->n;
  while (hi - lo > 8) { /* first key >= k */
    unsigned mid = (lo + hi) / 2;
    if (keys[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < v->n && keys[lo] <= k; lo++)
    if (keys[lo] == k &&
        (s.n <= 7 || __builtin_memcmp(v->codes[lo], s.p, s.n) == 0))
      return true;
  return false;
}
/* Component comp (1-based) of element value v; empty when absent. */
cc_slice x12_component(cc_slice v, unsigned comp, char comp_sep);
/* Element value at pos (1-based), component comp (0 = whole), repetition
 * 0; empty slice when absent. Inline: most callers want a whole element. */
static inline cc_slice x12_value(const cc_x12_seg *seg, unsigned pos,
                                 unsigned comp, char comp_sep) {
  if (pos < 1 || pos > seg->nel || pos > CC_MAX_ELEMENTS_PER_SEGMENT)
    return (cc_slice){"", 0};
  if (comp == 0) return seg->el[pos];
  return x12_component(seg->el[pos], comp, comp_sep);
}

/* ---- reader internals, shared with the validator and the printers. ---- */

/* Where a required child was skipped over (see x12_frame.pend). */
typedef struct x12_pend {
  uint64_t seg_index, offset;
  uint32_t st_pos;
} x12_pend;

/* One open loop instance. */
typedef struct x12_frame {
  uint16_t loop;   /* loop index in the guide */
  uint16_t cursor; /* child index last matched */
  uint16_t node;   /* the open-loop path up to this frame, interned (see
                      x12_ptrans); 0 when the node table is full */
  uint32_t *cnt;   /* per child: how many times seen in this instance,
                      valid where counted has its bit */
  uint64_t counted;/* bit i: child i counted (a fresh frame's counters
                      start there instead of being cleared) */
  uint64_t seen;   /* bit i: child i seen at least once */
  uint64_t pend;   /* bit i: required child i was skipped over; reported
                      as missing when the loop closes unless it turns up
                      late (then it is out of order, reported once) */
  x12_pend *at;    /* per child: where it was skipped over */
  uint8_t garbled; /* unreadable segments (no valid id) seen in this loop
                      and not yet accounted for: each stands in for the
                      next required child found missing, so one problem
                      is reported once */
} x12_frame;

/* A remembered result of matching one segment in one open loop: for
 * (loop, start of the cursor's run, segment key, qualifier) the child it
 * matches (hit) or, failing that, the first child with its id whose
 * qualifier did not fit (loose); 0 for none. See match_frame in
 * x12_read.c. */
typedef struct x12_mentry {
  uint64_t q;          /* the qualifier's bytes and length (x12_code_key) */
  uint32_t key;        /* segment key; 0 for an empty slot */
  uint16_t loop, start;
  uint8_t hit, loose;
} x12_mentry;
#define X12_MCACHE 512 /* entries, a power of two */

/* A remembered place() decision for a whole open-loop path: the path (each
 * frame's loop and the start of its cursor's run, root to top) is interned
 * as a node, and (node, segment key, qualifier) decides the frame and child
 * matched and the nodes after the move, so a segment whose situation was
 * seen before costs one probe instead of a walk down the frames. k packs
 * the table generation (bits 48-63), the node (32-47) and the key. */
typedef struct x12_ptrans {
  uint64_t q, k;
  uint64_t skip;     /* required children between the cursor's run and
                        hit_i's: missing unless seen */
  /* what the item says, all fixed by the path and hit_i */
  const x12_use *u;            /* the use matched */
  const x12_segdef *def;
  const x12_loop *dl;          /* the loop the item names: the one the
                                  child opens, else frame hit_f's */
  uint32_t maxn;     /* its max repeat (loop) or use (segment); 0 none */
  uint16_t node_f;   /* node of frame hit_f after the move */
  uint16_t node_sub; /* node of the loop it opens, 0 when none */
  uint16_t sub;      /* the loop it opens, X12_NONE when none */
  uint8_t hit_f, hit_i, loose;
  uint8_t not_used;  /* the use is marked not used */
} x12_ptrans;
#define X12_PCACHE 2048 /* transitions, direct-mapped, a power of two */
#define X12_PNODES 1024 /* node slots (open addressing, half used at most) */
#define X12_QPOS 256   /* slots of the per-guide qualifier-position table */

struct cc_x12_reader {
  cc_x12_lexer *lx;             /* borrowed */
  const x12_tableset *t;
  cc_x12_seg seg;               /* the current segment */
  uint32_t key;                 /* X12_KEY of seg.id, computed once */
  cc_x12_delims d;
  cc_x12_finding_fn fn;         /* structural findings, may be NULL */
  void *ctx;
  /* envelope state */
  bool in_isa, in_gs, in_st;
  uint32_t set_index, group_index;
  char gs08[16];                /* version of the open group */
  char st01[4];
  /* the open set */
  const x12_guide *g;           /* NULL when unchecked */
  uint32_t st_pos;
  x12_frame frames[CC_MAX_LOOP_DEPTH];
  int nframes;
  uint32_t *cnt;                /* CC_MAX_LOOP_DEPTH * maxkids counters */
  x12_pend *pend_at;            /* CC_MAX_LOOP_DEPTH * maxkids positions */
  uint16_t maxkids;
  uint8_t bad[256];             /* 1 for bytes no simple element holds:
                                   control characters and the repetition
                                   separator (set at each ISA) */
  uint8_t loose_pos;            /* element whose qualifier matched no use
                                   of the current segment (reported by the
                                   reader; the validator skips it), 0 */
  /* loop matching: per guide, which element tells the uses of a segment
   * id apart, and a direct-mapped cache of match results (x12_read.c) */
  const x12_guide *mc_g;        /* the guide mc and qpos belong to */
  x12_mentry *mc;               /* X12_MCACHE entries */
  uint32_t qkey[X12_QPOS];      /* segment keys, open addressing */
  uint8_t qpos[X12_QPOS];       /* their qualifier position; 0 none (the
                                   result depends on the id alone), 255
                                   when no single plain element decides */
  x12_ptrans *pt;               /* X12_PCACHE path transitions */
  uint64_t *pn;                 /* X12_PNODES interned nodes: generation,
                                   parent, loop, run start; the id is the
                                   slot + 1 */
  uint32_t pgen;                /* generation of pt and pn (a new guide
                                   starts a new one: no clearing) */
  uint32_t pnodes;              /* nodes in this generation */
  bool rep_is_comp;             /* ISA11 equals ISA16: d.rep is set to the
                                   component separator and each element's
                                   definition says which one it is */
  /* A chunk of a parallel validation is lexed on its own, behind a copy of
   * its interchange's ISA: these turn the chunk lexer's segment numbers and
   * offsets into the whole file's (0 otherwise). */
  uint64_t idx_delta, off_delta;
  uint32_t ic_delta;
  bool shifted;                 /* the deltas apply */
  bool env_only;                /* envelopes only: body segments are not
                                   placed in loops (the parallel splitter) */
};

cc_x12_reader *x12_reader_new_tables(cc_x12_lexer *lx,
                                     const x12_tableset *t);
/* cc_x12_reader_next for a segment already in r->seg (the parallel
 * splitter cuts envelope segments itself; with no lexer, r->d is the
 * caller's to set before an ISA). */
void x12_reader_take(cc_x12_reader *r, cc_x12_item *it);
void x12_reader_on_finding(cc_x12_reader *r, cc_x12_finding_fn fn,
                           void *ctx);
/* Close the open set without its SE (truncated input, or a header where SE
 * should be): reports only segments skipped over earlier, not every
 * required segment the input never reached (the missing trailer is the one
 * problem there). */
void x12_reader_close_set(cc_x12_reader *r);
/* Fill f's position from the reader's current segment and item. */
void x12_finding_at(cc_x12_finding *f, const cc_x12_reader *r,
                    const cc_x12_item *it, cc_severity sev, uint8_t snip,
                    const char *ack_code, uint16_t elem, uint16_t comp,
                    const char *msg);
/* Finding messages must be whole sentences in cc_err.detail (160 bytes).
 * x12_brief: a TR3 or dictionary name short enough to quote (at most
 * X12_BRIEF bytes): the part before a parenthesised note, else cut at a
 * word boundary with "…"; returns name itself when it is short already.
 * x12_fit: copy src into dst, and when it does not fit, cut it at a word
 * boundary with "…" rather than mid-word (a last resort: callers shorten
 * what they quote first). */
#define X12_BRIEF 48
const char *x12_brief(const char *name, char *buf, size_t cap);
void x12_fit(char *dst, size_t cap, const char *src);
/* The first max codes of vs as "A, B or C", then " and N more" for the
 * rest; each code quoted at most 12 bytes. cap of 80 holds max 4. */
void x12_codes_text(const x12_valset *vs, unsigned max, char *buf,
                    size_t cap);
/* Element definition at pos of a dictionary segment; NULL past its end. */
const x12_elem *x12_elem_at(const x12_tableset *t, const x12_segdef *sd,
                            unsigned pos);

/* ---- validator state, shared by its files (envelope and elements in
 * x12_validate.c, SNIP 3 in x12_balance.c, SNIP 4 in x12_situational.c). */

/* Where a finding about an earlier segment points (a claim total is
 * judged when the claim ends). */
typedef struct x12_mark {
  uint64_t seg_index, offset;
  uint32_t st_pos;
  char loop_id[8];
  char seg_id[4];
} x12_mark;

/* 837 COB: one other payer of the open claim (a 2320 loop). */
#define X12_COB_MAX 10 /* 2320 repeats at most 10 times */
typedef struct x12_cob_payer {
  char id[81];            /* 2330B NM109, what 2430 SVD01 names */
  bool has_d, has_svd;    /* 2320 AMT*D seen; an SVD of this payer seen */
  bool bad;               /* an amount unreadable: not balanced */
  bool off;               /* a line of this payer was reported off */
  cc_money amt_d, claim_cas, svd_paid, line_cas;
  x12_mark amt;           /* the AMT*D, where claim findings point */
} x12_cob_payer;

typedef struct x12_balance {
  /* 837: the open claim */
  bool clm_open, clm_bad;
  cc_money clm_total, line_sum;
  x12_mark clm;
  /* 837 COB: v->bal_filter is kf_base between claims, gains SBR in a
   * claim (an SBR there opens a 2320) and the 2320/2430 ids once the claim
   * has one, so an 837 without COB loops pays next to nothing for it. */
  x12_kfilter kf_base;
  uint8_t npayer;
  bool unmatched;         /* an SVD01 named no payer of the claim */
  uint8_t phase;          /* 0 none, 1 in a 2320/2330, 2 in a line, 3 in
                             a 2430 */
  int8_t cur;             /* payer of the open 2320 or 2430; -1 none */
  x12_cob_payer payer[X12_COB_MAX];
  bool line_open, line_bad;
  cc_money line_charge;
  uint16_t line_seen;     /* bit i: payer i has an SVD on the open line */
  cc_money lpaid[X12_COB_MAX], lcas[X12_COB_MAX];
  x12_mark lsvd[X12_COB_MAX]; /* each payer's first SVD on the line */
  /* 835: the payment, the open claim, the open service line */
  bool bpr_seen, bpr_bad;
  cc_money bpr02, clp04_sum, plb_sum;
  x12_mark bpr;
  bool clp_open, clp_bad;
  cc_money clp03, clp04, clp_cas;
  x12_mark clp;
  bool svc_open, svc_bad;
  cc_money svc02, svc03, svc_cas;
  x12_mark svc;
} x12_balance;

#define X12_SIT_MAX 16
typedef struct x12_sit_scope {
  bool open, satisfied;
  x12_mark at;
  uint32_t when, need;  /* packed ids of the rule's segments */
  uint32_t close[4];    /* ids that end the scope, 0-terminated */
  x12_kfilter wait;     /* need and close: looked at while open */
  uint64_t codes[4];    /* the when codes, x12_code_key */
  uint64_t ident;       /* the need segment's qualifier, x12_code_key;
                           0: compared as text */
  uint8_t ncodes;       /* UINT8_MAX: the codes are compared as text */
} x12_sit_scope;


/* The last value an element rule accepted (values of up to 15 bytes):
 * qualifiers and composites repeat on every claim and line, and the same
 * bytes under the same rule and delimiters get the same verdict. */
typedef struct x12_memo {
  uint64_t w[2]; /* the value's bytes, zero-padded */
  uint8_t n;     /* its length; 0 for none */
} x12_memo;

struct x12_chunk_run;

typedef struct x12_vctx {
  cc_x12_reader *r;
  struct x12_chunk_run *chunk; /* parallel: the chunk being validated, or NULL */
  x12_memo *memo;          /* per rule of memo_g; NULL when out of memory */
  size_t nmemo;
  const x12_guide *memo_g; /* the guide the memo belongs to */
  uint64_t nfound;         /* findings emitted so far */
  cc_x12_finding_fn fn;
  void *ctx;
  const char *file;
  cc_x12_summary *sum;
  /* envelope */
  bool isa_open, gs_open, st_open;
  char isa13[16], gs06[16], st02[16], st01[4], gs01[4];
  uint32_t groups_in_isa, sets_in_gs;
  x12_mark isa, gs, st;
  int kind;                /* 837, 835... (ST01 as a number) for fast tests */
  uint32_t sit_rules;      /* bit i: situational rule i applies to this set */
  x12_kfilter sit_base;    /* every rule's when segment */
  x12_kfilter sit_filter;  /* sit_base and the ids open scopes wait for */
  x12_kfilter bal_filter;  /* the ids x12_balance_seg acts on in this set */
  x12_balance bal;
  x12_sit_scope sit[X12_SIT_MAX];
  /* per x12_key_bit of an id: the rules of this set that name an id with
   * that bit (its when, need or closing segment) */
  uint16_t sit_kmask[64];
} x12_vctx;

/* Send a finding to the caller with the file name set; counts it. */
void x12_emit(x12_vctx *v, cc_x12_finding *f);
/* A finding positioned at an earlier segment. */
void x12_finding_mark(cc_x12_finding *f, const x12_vctx *v,
                      const x12_mark *m, cc_severity sev, uint8_t snip,
                      const char *msg);
void x12_mark_here(x12_mark *m, const cc_x12_item *it);
/* The ids x12_balance_seg acts on for a kind of set (837, 835...). */
x12_kfilter x12_balance_filter(int kind);
void x12_balance_seg(x12_vctx *v, const cc_x12_item *it);
void x12_balance_end_set(x12_vctx *v);
void x12_situational_seg(x12_vctx *v, const cc_x12_item *it);
void x12_situational_end_set(x12_vctx *v);

/* The envelope checks for one non-body item (ISA, GS, ST, SE, GE, IEA,
 * TA1, a stray segment); the parallel splitter replays them to learn the
 * state at each cut. */
void x12_envelope(x12_vctx *v, const cc_x12_item *it);
/* Add "VERSION (ST01)" to the summary's list of unchecked guides once. */
void x12_sum_add_guide(cc_x12_summary *s, const char *entry);

/* ---- parallel validation (x12_parallel.c) ----
 * A file is cut before ST segments into chunks that are validated at the
 * same time. Everything a chunk's validation needs from the bytes before
 * it is the envelope state at the cut (no set spans a cut: the previous
 * set's SE came first); x12_envstate holds it, normalised so that two
 * states compare with memcmp. */
typedef struct x12_envstate {
  uint64_t next_index;  /* absolute number of the segment after the cut */
  uint64_t cut;         /* its byte offset */
  uint32_t interchange; /* the lexer's interchange number there */
  /* reader */
  uint32_t set_index, group_index;
  bool in_isa, in_gs, in_st;
  char gs08[16];
  /* validator */
  bool isa_open, gs_open, st_open;
  char isa13[16], gs06[16], gs01[4];
  uint32_t groups_in_isa, sets_in_gs;
  x12_mark isa, gs;
  /* the open interchange's ISA, terminator included: a chunk's lexer
   * reads the delimiters from this copy in front of the chunk */
  uint16_t isa_len;
  char isa_raw[128];
} x12_envstate;

/* One chunk's validation: in and out of x12_validate_run. */
typedef struct x12_chunk_run {
  const x12_envstate *start; /* NULL: the input's first byte */
  bool last;                 /* end-of-input checks (trailers missing...) */
  x12_envstate end;          /* out, when !last: the state after it */
  bool failed;               /* out: the lexer stopped (or no ISA copy) */
  unsigned nguides;          /* out: unchecked guides, first-seen order */
  char guides[8][40];
  bool guides_over;          /* out: more than 8 */
} x12_chunk_run;

void x12_env_save(x12_envstate *s, const cc_x12_reader *r,
                  const x12_vctx *v);
/* Keep a copy of an ISA segment (and its terminator term) in s. */
void x12_env_isa(x12_envstate *s, const cc_x12_seg *isa, char term);

/* Validate what lx yields (takes lx: frees it) against tables t; with ch,
 * one chunk of a parallel run. */
cc_code x12_validate_run(cc_x12_lexer *lx, const x12_tableset *t,
                         const char *name, cc_x12_finding_fn fn, void *ctx,
                         cc_x12_summary *sum, cc_err *err,
                         x12_chunk_run *ch);
/* Validate what lx yields (takes lx: frees it) against tables t. */
cc_code x12_validate_lexer(cc_x12_lexer *lx, const x12_tableset *t,
                           const char *name, cc_x12_finding_fn fn, void *ctx,
                           cc_x12_summary *sum, cc_err *err);

#endif
