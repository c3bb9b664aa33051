/* claims.h - the claim model shared by the scrubber, submission, import and
 * posting; reading claims out of 837P/837I files, writing 837 interchanges,
 * and claims in the practice database (load, save, build from encounters).
 *
 * Memory: a cc_claim is plain data with fixed-size text fields (NUL-
 * terminated, truncated values are reported as problems) and two variable
 * arrays (lines, other payers) that live in an arena. Whoever owns the arena
 * owns the claim; nothing in a claim is freed on its own. */
#ifndef CLEANCLAIM_CLAIMS_H
#define CLEANCLAIM_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "store.h"
#include "x12.h"

/* ---- Limits of the model, from the 837 implementation guides. -------- */
#define CC_CLAIM_MAX_DX 25         /* ABK/ABF: 1 principal + 24 others (837I);
                                      837P uses 12 and lines point at 1..12 */
#define CC_CLAIM_MAX_INST_CODES 64 /* 837I HI codes other than ABK/ABF */
#define CC_CLAIM_MAX_DATES 12      /* claim-level DTP segments */
#define CC_CLAIM_MAX_OTHER_PAYERS 10 /* 2320 repeats */
#define CC_CLAIM_MAX_CAS 30        /* 5 CAS segments x 6 triplets */
#define CC_CLAIM_MAX_LINE_ADJ 15   /* 2430 repeats */
#define CC_CLAIM_MAX_LINES 999     /* 837I; 837P allows 50 */

/* Where a value sat in the file it was read from; all zero when the claim
 * did not come from a file. Scrub findings quote these. */
typedef struct cc_claim_loc {
  uint32_t seg;    /* 1-based segment number in the whole file */
  uint32_t st_pos; /* 1-based position within ST..SE */
  uint16_t elem;   /* 1-based element, 0 = the whole segment */
  uint16_t comp;   /* 1-based component, 0 = the whole element */
} cc_claim_loc;

/* A person or organisation of an NM1 loop with its N3/N4, PRV and REF. */
typedef struct cc_claim_party {
  char entity;          /* NM102: '1' person, '2' non-person; 0 = absent */
  char last[61];        /* NM103, the organisation name when entity '2' */
  char first[36];       /* NM104 */
  char middle[26];      /* NM105 */
  char suffix[11];      /* NM107 */
  char id_qual[3];      /* NM108: XX (NPI), MI (member), PI (payer)... */
  char id[81];          /* NM109: NPI, member ID or payer ID */
  char taxonomy[51];    /* PRV03 */
  char tax_id_qual[3];  /* REF01: EI (EIN) or SY (SSN) */
  char tax_id[51];      /* REF02 */
  char addr1[56], addr2[56]; /* N301, N302 */
  char city[31], state[3], zip[16]; /* N401..N403 */
  char secondary_id_qual[4]; /* other REF on the loop: G2, LU, 0B... */
  char secondary_id[51];
  cc_claim_loc loc;      /* the NM1 segment */
  cc_claim_loc addr_loc; /* the N3 segment (0 when absent) */
} cc_claim_party;

/* A person with demographics: the subscriber (2010BA) or the patient
 * (2010CA). */
typedef struct cc_claim_person {
  cc_claim_party name;
  cc_day birth_date;  /* DMG02; 0 when absent (1970-01-01 is not a DOB
                         anyone bills for) */
  char sex;           /* DMG03: 'M', 'F', 'U'; 0 when absent */
  cc_claim_loc dmg_loc; /* 0 when no DMG */
} cc_claim_person;

/* One diagnosis (HI composite). */
typedef struct cc_claim_dx {
  char qual[4];  /* ABK principal, ABF other (BK/BF for ICD-9) */
  char code[9];  /* without the dot, as X12 carries it */
  char poa;      /* 837I present on admission: Y N U W 1; 0 = none */
  cc_claim_loc loc; /* the HI segment, element and component 2 */
} cc_claim_dx;

/* 837I HI codes beyond ABK/ABF: admitting (ABJ), reason for visit (APR),
 * external cause (ABN), DRG (DR), procedures (BBR/BBQ), occurrence span
 * (BI), occurrence (BH), value (BE), condition (BG), treatment (TC). */
typedef struct cc_claim_code {
  char qual[4];
  char code[31];
  char date_fmt[4]; /* D8 or RD8 when the composite carries a date */
  char date[18];    /* CCYYMMDD or CCYYMMDD-CCYYMMDD */
  cc_money amount;  /* value codes (BE) */
  bool has_amount;
  char poa;         /* ABN present on admission indicator */
  cc_claim_loc loc;
} cc_claim_code;

/* A claim-level DTP kept as written: onset (431), accident (439), admission
 * (435), discharge (096), ... Statement dates (434) have their own fields. */
typedef struct cc_claim_date {
  char qual[4];  /* DTP01 */
  char fmt[4];   /* DTP02: D8, RD8, DT */
  char value[36];/* DTP03 */
  cc_claim_loc loc;
} cc_claim_date;

/* One CAS adjustment (group, reason, amount, quantity); a CAS segment holds
 * up to six of these under one group. */
typedef struct cc_claim_cas {
  char group[3];       /* CO, PR, OA, PI, CR */
  char reason[6];      /* CARC */
  cc_money amount;
  int64_t qty_milli;   /* quantity in thousandths; 0 = absent */
  cc_claim_loc loc;
} cc_claim_cas;

/* 2430: how another payer adjudicated this line (COB). */
typedef struct cc_claim_line_adj {
  char payer_id[81];     /* SVD01: 2330B NM109 of that payer */
  cc_money paid;         /* SVD02 */
  char proc_qual[3];     /* SVD03-1 */
  char proc[49];         /* SVD03-2 */
  char mod[4][3];        /* SVD03-3..6 */
  char revenue[5];       /* SVD04 (837I) */
  int64_t units_milli;   /* SVD05 (837P) / SVD05 (837I) */
  uint32_t bundled_line; /* SVD06 */
  cc_claim_cas cas[CC_CLAIM_MAX_CAS];
  uint16_t n_cas;
  cc_day adjudicated;    /* DTP 573 */
  cc_money remaining;    /* AMT EAF, patient liability left */
  bool has_remaining;
  cc_claim_loc loc;      /* the SVD segment */
} cc_claim_line_adj;

/* A line's own provider (2420A rendering in 837P, 2420C in 837I). */
typedef struct cc_claim_line_prov {
  char entity;     /* 0 = none on the line: the claim's applies */
  char last[61], first[36];
  char id[81];     /* NPI */
  char taxonomy[51];
  cc_claim_loc loc;
} cc_claim_line_prov;

/* One service line (2400). */
typedef struct cc_claim_line {
  uint32_t lx;            /* LX01 */
  char proc_qual[3];      /* SV101-1 / SV202-1: HC, ER, IV, WK... */
  char proc[49];          /* HCPCS/CPT code */
  char mod[4][3];         /* modifiers; "" when absent */
  char proc_desc[81];     /* SV101-7 / SV202-7 */
  char revenue[5];        /* 837I SV201 */
  cc_money charge;        /* SV102 / SV203 */
  char unit_basis[3];     /* UN, MJ, DA, F2... */
  int64_t units_milli;    /* SV104 / SV205 in thousandths: 1.5 -> 1500 */
  char pos[3];            /* SV105; "" = the claim's */
  uint8_t dx_ptr[4];      /* SV107 1..12; 0 when absent */
  char emergency;         /* SV109 'Y' */
  char epsdt;             /* SV111 'Y' */
  char family_planning;   /* SV112 'Y' */
  cc_money non_covered;   /* SV207 (837I) */
  cc_day from, to;        /* DTP 472 */
  char line_control[51];  /* REF 6R, echoed by the 835 */
  char ndc_qual[3];       /* LIN02 (N4) */
  char ndc[49];           /* LIN03 */
  int64_t drug_qty_milli; /* CTP04 */
  char drug_unit[3];      /* CTP05-1: F2, GR, ME, ML, UN */
  cc_claim_line_prov rendering;
  cc_claim_line_adj *adj; /* 2430 loops, in file order (arena) */
  uint16_t n_adj;
  int64_t id;             /* claim_line.id in the store; 0 otherwise */
  int64_t charge_line_id; /* charge_line.id it was built from; 0 = none */
  cc_claim_loc loc;       /* LX */
  cc_claim_loc sv_loc;    /* SV1 / SV2 */
  cc_claim_loc date_loc;  /* DTP 472 */
} cc_claim_line;

/* 2320 + 2330A + 2330B: another payer on this claim and what it decided. */
typedef struct cc_claim_other_payer {
  char responsibility;    /* SBR01: P S T (A..H for 4th..11th) */
  char relationship[3];   /* SBR02: 18 self, 01 spouse, 19 child, G8 other */
  char group_number[51];  /* SBR03 */
  char group_name[61];    /* SBR04 */
  char insurance_type[4]; /* SBR05 */
  char filing_indicator[3]; /* SBR09 */
  cc_claim_cas cas[CC_CLAIM_MAX_CAS]; /* claim-level CAS */
  uint16_t n_cas;
  cc_money paid;          /* AMT D: what this payer paid */
  bool has_paid;
  cc_money remaining;     /* AMT EAF */
  bool has_remaining;
  char benefits_assign;   /* OI03 Y N W */
  char release_info;      /* OI06 I Y */
  cc_claim_party subscriber; /* 2330A */
  cc_claim_party payer;      /* 2330B */
  cc_day adjudicated;     /* 2330B DTP 573 */
  char payer_claim_no[51];/* 2330B REF F8 */
  cc_claim_loc loc;       /* SBR */
} cc_claim_other_payer;

/* Where a claim came from. */
typedef struct cc_claim_source {
  const char *file;       /* file name, borrowed; NULL when not from a file */
  uint32_t claim_index;   /* 1-based claim number in the file */
  uint32_t set_index;     /* 1-based transaction set in the file */
  char st_control[10];    /* ST02 */
  char isa_control[10];   /* ISA13 */
  char gs_control[10];    /* GS06 */
  char version[13];       /* GS08 / ST03 */
  char bht_ref[31];       /* BHT03 */
  cc_claim_loc clm;       /* the CLM segment */
} cc_claim_source;

typedef struct cc_claim {
  char form;              /* 'P' (837P) or 'I' (837I) */
  char pcn[39];           /* CLM01 patient control number */
  cc_money total;         /* CLM02 */
  char facility_code[3];  /* CLM05-1: place of service (P) or facility
                             type (I) */
  char facility_qual;     /* CLM05-2: 'B' (P) or 'A' (I) */
  char frequency;         /* CLM05-3: '1' original, '7' correction,
                             '8' void */
  char provider_sig;      /* CLM06 Y N */
  char assignment;        /* CLM07 A B C */
  char benefits_assign;   /* CLM08 Y N W */
  char release_info;      /* CLM09 I Y */
  char patient_sig;       /* CLM10 (837P) */
  char related_causes[3][3]; /* CLM11-1..3: AA, EM, OA */
  char accident_state[3]; /* CLM11-4 */
  char special_program[4];/* CLM12 */
  char delay_reason[3];   /* CLM20 */
  char payer_claim_no[51];/* REF F8: original claim for 7 and 8 */
  char prior_auth[51];    /* REF G1 */
  char referral_no[51];   /* REF 9F */
  char medical_record[51];/* REF EA */
  char note[81];          /* NTE02 */
  char note_qual[4];      /* NTE01 */
  /* 837I */
  char type_of_bill[5];   /* "0" + facility type + frequency, e.g. "0111" */
  cc_day stmt_from, stmt_to; /* DTP 434 */
  char admission_type;    /* CL101 */
  char admission_source;  /* CL102 */
  char patient_status[3]; /* CL103 */
  cc_claim_code inst_codes[CC_CLAIM_MAX_INST_CODES];
  uint16_t n_inst_codes;
  cc_claim_date dates[CC_CLAIM_MAX_DATES];
  uint16_t n_dates;
  /* parties */
  cc_claim_party billing;     /* 2010AA */
  cc_claim_party pay_to;      /* 2010AB */
  cc_claim_party payer;       /* 2010BB */
  cc_claim_party rendering;   /* 837P 2310B, 837I 2310D */
  cc_claim_party referring;   /* 837P 2310A, 837I 2310F */
  cc_claim_party supervising; /* 837P 2310D */
  cc_claim_party facility;    /* service facility: 837P 2310C, 837I 2310E */
  cc_claim_party attending;   /* 837I 2310A */
  cc_claim_party operating;   /* 837I 2310B */
  /* subscriber (2000B/2010BA) */
  cc_claim_person subscriber;
  char responsibility;        /* SBR01: P S T */
  char relationship[3];       /* SBR02 "18" when the patient is the
                                 subscriber; else PAT01 of 2000C */
  char group_number[51];      /* SBR03 */
  char group_name[61];        /* SBR04 */
  char insurance_type[4];     /* SBR05 */
  char filing_indicator[3];   /* SBR09: MB, MC, CI, BL, HM... */
  cc_claim_loc sbr_loc;
  bool has_patient;           /* a 2000C loop: patient is not subscriber */
  cc_claim_person patient;    /* 2010CA when has_patient */
  /* diagnoses: dx[0] is the principal (ABK); lines point at 1..12 */
  cc_claim_dx dx[CC_CLAIM_MAX_DX];
  uint16_t n_dx;
  /* lines and COB (arena) */
  cc_claim_line *lines;
  uint32_t n_lines;
  cc_claim_other_payer *other;
  uint16_t n_other;
  cc_claim_source src;
  /* the store; zero when not from the database */
  int64_t id, patient_id, payer_id, coverage_id, billing_provider_id,
      encounter_id, original_claim_id;
  char status[12];            /* claim.status: built, ready, held... */
} cc_claim;

/* Reset c to an empty claim of the given form ('P' or 'I'). */
void cc_claims_init(cc_claim *c, char form);

/* Deep copy of c (lines, adjustments, other payers) into arena a. Returns
 * the copy, owned by a; NULL when a is out of memory. */
cc_claim *cc_claims_copy(const cc_claim *c, cc_arena *a);

/* First service date and last service date over the lines (statement
 * dates for an 837I without lines); 0 when none. */
cc_day cc_claims_first_date(const cc_claim *c);
cc_day cc_claims_last_date(const cc_claim *c);

/* ---- Reading 837P/837I. --------------------------------------------- */

/* What was wrong in the file for one claim. Not fatal: the claim is still
 * delivered, with its problems, so a scrubber can report them on the claim
 * they affect. */
typedef enum cc_claim_problem_kind {
  CC_CLAIM_P_STRUCTURE = 0, /* the guide's structure: segment out of place,
                               required segment missing, too many... */
  CC_CLAIM_P_DEMOGRAPHICS,  /* missing DMG, empty name, no address, no
                               member ID, no birth date or sex */
  CC_CLAIM_P_DX_POINTER,    /* a line without a diagnosis pointer, or one
                               past the claim's diagnoses */
  CC_CLAIM_P_VALUE,         /* an amount, date or quantity that cannot be
                               read */
  CC_CLAIM_P_TOO_LONG,      /* a value longer than the guide allows (kept
                               truncated) or more repeats than the model
                               holds */
  CC_CLAIM_P_MISSING        /* a value the claim needs is absent (NPI,
                               procedure code, charge...) */
} cc_claim_problem_kind;

typedef struct cc_claim_problem {
  cc_claim_problem_kind kind;
  cc_severity sev;
  uint32_t line;  /* service line (LX01) it concerns; 0 = the claim */
  cc_err where;   /* file, seg_pos (segment number in the file), loop_id,
                     seg_id, elem_pos; msg/detail for people */
} cc_claim_problem;

const char *cc_claims_problem_name(cc_claim_problem_kind k);

/* Called once per claim, in file order. c and probs are borrowed and valid
 * only during the call (copy with cc_claims_copy to keep the claim). Return
 * 0 to go on, non-zero to stop reading (cc_claims_parse_* then returns
 * CC_OK). */
typedef int (*cc_claims_fn)(void *ctx, const cc_claim *c,
                            const cc_claim_problem *probs, size_t n_probs);

typedef struct cc_claims_stats {
  uint32_t claims, lines, sets;
  uint32_t problems;      /* attached to claims */
  uint32_t skipped_sets;  /* transaction sets that are not 837P/837I */
} cc_claims_stats;

/* Read every claim of the 837P/837I interchanges in p (borrowed; name is
 * used in positions). Returns CC_OK when the input could be read as X12 to
 * its end, even with problems; the lexer's error (err filled) when it could
 * not, after delivering the claims read so far. stats may be NULL. */
cc_code cc_claims_parse_mem(const char *p, size_t n, const char *name,
                            cc_claims_fn fn, void *ctx,
                            cc_claims_stats *stats, cc_err *err) CC_WARN_UNUSED;
/* Same, streaming from a file (memory stays flat). */
cc_code cc_claims_parse_file(const char *path, cc_claims_fn fn, void *ctx,
                             cc_claims_stats *stats,
                             cc_err *err) CC_WARN_UNUSED;

/* ---- Writing an 837P or 837I interchange. ---------------------------- */

/* Envelope and header of one interchange (ISA/GS/ST/BHT, 1000A, 1000B).
 * Strings are borrowed. Control numbers are the caller's, so that they are
 * unique across everything sent (the store keeps the counters). */
typedef struct cc_claims_envelope {
  const char *submitter_name, *submitter_id;   /* 1000A NM103, NM109 */
  const char *contact_name, *contact_phone;    /* 1000A PER */
  const char *receiver_name, *receiver_id;     /* 1000B NM103, NM109 */
  const char *isa_sender_qual, *isa_sender_id; /* default ZZ, submitter_id */
  const char *isa_receiver_qual, *isa_receiver_id; /* ZZ, receiver_id */
  uint32_t isa_control, gs_control, st_control;
  const char *batch_ref;  /* BHT03; default: the ST control number */
  cc_day date;            /* ISA09/GS04/BHT04; 0 = today */
  int hhmm;               /* ISA10/GS05/BHT05 */
  char usage;             /* ISA15 'P' or 'T'; 0 = 'T' */
  const char *eol;        /* after each terminator: NULL/"" or "\n" */
} cc_claims_envelope;

/* Write n claims (borrowed, all of the same form) as one interchange with
 * one group and one transaction set, appended to out. Claims are grouped
 * under billing provider and subscriber HLs as the guide wants. When clm_seg
 * is given it receives, per claim, the segment number of its CLM in the
 * interchange (for the claim's lineage). CC_E_INVALID with err naming the
 * claim (CLM01) and the field when a claim lacks what the guide requires
 * (billing NPI, payer, subscriber, lines...). */
cc_code cc_claims_write(const cc_claim *const *claims, size_t n,
                        const cc_claims_envelope *env, cc_buf *out,
                        uint32_t *clm_seg, cc_err *err) CC_WARN_UNUSED;

/* ---- The practice database. ------------------------------------------ */

/* The envelope settings of a practice (submitter, receiver, ISA
 * qualifiers, usage), text in arena a; control numbers are left 0.
 * practice_id 0 = the first practice. CC_E_NOTFOUND when there is none. */
cc_code cc_claims_envelope_load(cc_store *s, int64_t practice_id,
                                cc_arena *a, cc_claims_envelope *env,
                                cc_err *err) CC_WARN_UNUSED;

/* The practice's own settings: who it is and what goes into every
 * envelope it sends. Strings borrowed; NULL (or unset) = keep what is
 * stored. */
typedef struct cc_practice {
  const char *name;              /* practice name (required on creation) */
  const char *npi, *tax_id;      /* 10-digit NPI (check digit verified),
                                    9-digit EIN */
  const char *address1, *address2, *city, *state, *zip, *phone;
  const char *submitter_id;      /* 1000A NM109 and ISA06/GS02 (1-15) */
  const char *submitter_name;    /* 1000A NM103 */
  const char *submitter_contact; /* 1000A PER02 */
  const char *submitter_phone;   /* 1000A PER04, digits */
  const char *receiver_id;       /* 1000B NM109 and ISA08/GS03 (1-15) */
  const char *receiver_name;     /* 1000B NM103 */
  const char *isa_sender_qual, *isa_receiver_qual; /* ISA05/ISA07: ZZ... */
  char usage;                    /* ISA15 'P' or 'T'; 0 = keep */
} cc_practice;

/* Create the practice (when the database has none) or update the first
 * one with the fields given. Values are checked before anything is
 * written: NPI check digit, 9-digit tax ID, IDs of 1-15 characters without
 * X12 delimiters, 2-character qualifiers, usage P or T. CC_E_INVALID with
 * err->field naming the setting. *id (may be NULL) gets the row id. */
cc_code cc_claims_practice_set(cc_store *s, const cc_practice *p, int64_t *id,
                               cc_err *err) CC_WARN_UNUSED;

/* The first practice's settings as one JSON object appended to out.
 * CC_E_NOTFOUND when there is none. */
cc_code cc_claims_practice_json(cc_store *s, cc_buf *out,
                                cc_err *err) CC_WARN_UNUSED;

/* Load claim id with its parties, diagnoses and lines into a claim
 * allocated in a (returns owned by a). CC_E_NOTFOUND when there is none. */
cc_code cc_claims_load(cc_store *s, int64_t id, cc_arena *a, cc_claim **out,
                       cc_err *err) CC_WARN_UNUSED;

/* Save c: insert when c->id is 0 (the new id in *id), else replace the
 * claim's diagnoses and lines and update it. c->patient_id and c->payer_id
 * must be set; a new claim without CLM01 gets the next "CC" + 8 digits.
 * One transaction; records the status in the history with source. Borrows
 * c. */
cc_code cc_claims_save(cc_store *s, const cc_claim *c, const char *source,
                       int64_t *id, cc_err *err) CC_WARN_UNUSED;

/* Set a claim's status (built, ready, held, submitted...) and record it in
 * its history with source and detail (may be NULL). */
cc_code cc_claims_set_status(cc_store *s, int64_t id, const char *status,
                             const char *source, const char *detail,
                             cc_err *err) CC_WARN_UNUSED;

/* A claim from any set of charge lines (ids in charge_line): one patient;
 * the payer is the coverage of the given priority ("primary", "secondary",
 * "tertiary") in force on the first line's date of service. The claim form
 * is the payer's. Lines keep their encounter's diagnoses, renumbered into
 * one list of at most 12 (CC_E_TOOBIG beyond). Built in arena a, not saved.
 * CC_E_INVALID when the lines belong to several patients or billing
 * providers; CC_E_NOTFOUND when no such coverage is in force. */
cc_code cc_claims_from_charges(cc_store *s, const int64_t *charge_ids,
                               size_t n, const char *priority, cc_arena *a,
                               cc_claim **out, cc_err *err) CC_WARN_UNUSED;

/* The payer row (payer ID) that stands for "the patient pays": claims
 * build saves a visit with no coverage in force as a closed claim to it
 * and puts its charges on the patient's side of the books. Such a claim is
 * never sent to anyone. */
#define CC_CLAIMS_SELF_PAY "SELFPAY"

/* Every charge line not yet on a claim becomes part of a claim, grouped
 * per patient, payer (primary coverage in force on the date of service),
 * billing provider, rendering provider and claim form; each claim is saved
 * with status "built". A visit with no coverage in force is self-pay: a
 * closed claim to CC_CLAIMS_SELF_PAY whose charges the patient owes.
 * *built counts claims made for payers. One transaction. */
cc_code cc_claims_build(cc_store *s, uint32_t *built,
                        cc_err *err) CC_WARN_UNUSED;

/* What one build made. */
typedef struct cc_claims_build_result {
  uint32_t built;             /* claims for payers, saved "built" */
  uint32_t self_pay_visits;   /* visits billed to the patient */
  cc_money self_pay_charged;  /* their charges */
} cc_claims_build_result;

/* cc_claims_build, telling also what went to the patients. */
cc_code cc_claims_build_tally(cc_store *s, cc_claims_build_result *res,
                              cc_err *err) CC_WARN_UNUSED;

/* Before cc_claims_build, for `claims build --combine`: unbilled visits of
 * one patient, primary payer (coverage), billing and rendering provider
 * and claim form become one claim when the payer allows it
 * (combine_visits_days > 0 in its rules): in date order, each visit within
 * that many days of the claim's first visit joins it while the claim stays
 * within 50 lines (837P; 999 for 837I) and 12 diagnoses; a visit that does
 * not fit starts the next claim. Only claims of two or more visits are made
 * here (saved "built"); what is left is cc_claims_build's, one claim per
 * visit. *built counts claims made. One transaction. */
cc_code cc_claims_build_combine(cc_store *s, uint32_t *built,
                                cc_err *err) CC_WARN_UNUSED;

/* Claims to the next payer: every primary claim its payer has answered
 * (paid, denied, closed...) whose lines now carry a balance owed by the
 * patient's secondary coverage in force on the date of service (posting
 * moves PR there) and that has no secondary claim yet becomes a secondary
 * claim of the same charge lines, saved as "built"; likewise a tertiary
 * once the secondary is answered. The COB loops are filled at submission
 * from the earlier payers' 835s. *built counts claims made. One
 * transaction. */
cc_code cc_claims_build_next(cc_store *s, uint32_t *built,
                             cc_err *err) CC_WARN_UNUSED;

/* Claims summary rows, for listing. */
typedef struct cc_claims_row {
  int64_t id;
  char pcn[39];
  char status[12];
  char form[5];          /* "837P" / "837I" */
  char payer_code[81];
  char patient_account[41];
  char responsibility[10];
  char first_date[11], last_date[11];
  cc_money total;
  uint32_t n_lines;
} cc_claims_row;

/* Call fn for each claim (status NULL = all), ordered by id. fn returns
 * non-zero to stop. */
cc_code cc_claims_list(cc_store *s, const char *status,
                       int (*fn)(void *ctx, const cc_claims_row *row),
                       void *ctx, cc_err *err) CC_WARN_UNUSED;

/* ---- Submission (src/claims/claims_submit.c). ------------------------ */

typedef struct cc_submit_file {
  const char *path;     /* written file, borrowed for the call */
  const char *form;     /* "837P" / "837I" */
  const char *payer;    /* payer ID */
  uint32_t isa_control, gs_control, st_control;
  uint32_t claims;
  int64_t file_id;
} cc_submit_file;
typedef void (*cc_submit_fn)(void *ctx, const cc_submit_file *f);

typedef struct cc_submit_result {
  uint32_t files, claims;
  uint32_t self_pay;    /* ready claims to CC_CLAIMS_SELF_PAY, not sent */
} cc_submit_result;

/* Every ready claim (of payer_code when not NULL) goes out: one 837P or
 * 837I interchange per payer and form, written into directory out_dir as
 * <form>-<payer>-<ISA13>.x12, checked with our own validator before it is
 * kept (a finding is an error: nothing is written or changed). Each claim
 * moves to "submitted" with the file, control numbers and CLM segment in its
 * history and claim_submission, its charges are posted to the ledger, and
 * a claim following another payer's (secondary, tertiary) carries that
 * payer's adjudication as the ledger holds it (2320/2330B/2430). fn (may be
 * NULL) hears of each file. One transaction per file. out_dir is created
 * with its parents when missing (CC_E_IO naming the part that cannot be);
 * a payer_code no payer has is CC_E_NOTFOUND, nothing done. Claims to
 * CC_CLAIMS_SELF_PAY are never sent (the patient is billed by statement):
 * a ready one is skipped and counted in res->self_pay, and payer_code
 * CC_CLAIMS_SELF_PAY is CC_E_INVALID. */
cc_code cc_claims_submit(cc_store *s, const char *payer_code,
                         const char *out_dir, cc_submit_fn fn, void *ctx,
                         cc_submit_result *res, cc_err *err) CC_WARN_UNUSED;

/* ---- Lineage (src/claims/claims_trace.c). ---------------------------- */

/* The story of one claim (key: row id or CLM01): each line, the 837 it
 * went out in (file, ISA/GS/ST control numbers, CLM segment), the 999 and
 * 277CA/277 answers, each 835 CLP/SVC and the ledger entries with the CAS
 * group and reason that wrote them, and the status history. As text for
 * people, or (json) as one JSON document. Appends to out. */
cc_code cc_claims_trace(cc_store *s, const char *key, bool json, cc_buf *out,
                        cc_err *err) CC_WARN_UNUSED;

#endif
