/* remit_int.h - private to src/remit: the remittance model an 835 is read
 * into before anything is posted, and the helpers the remit files share. */
#ifndef CC_REMIT_INT_H
#define CC_REMIT_INT_H

#include <pthread.h>
#include "cleanclaim/remit.h"

/* One CAS triplet. */
typedef struct remit_adj {
  char group[3], reason[6];
  cc_money amount;
  uint32_t seg; /* the CAS segment's number in the file */
} remit_adj;

/* One SVC loop; adjustments are adj[adj0 .. adj0+nadj). */
typedef struct remit_line {
  cc_slice code, mods[4], control; /* control: REF*6R */
  char date[11];                   /* DTM 472 or 150, ISO; "" when none */
  cc_money charge, paid, allowed;
  bool has_allowed;
  char remarks[64];                /* LQ*HE codes, space separated */
  uint32_t seg;
  size_t adj0, nadj;
} remit_line;

/* One CLP loop: claim-level adjustments adj[adj0..), lines line[line0..). */
typedef struct remit_claim {
  cc_slice id, status, payer_claim_no;
  cc_slice pat_last, pat_first, member_id; /* NM1*QC */
  cc_slice insured_id;                     /* NM1*IL NM109 */
  cc_money charge, paid, patient_resp;
  char remarks[64]; /* MOA/MIA remark codes */
  uint32_t seg;
  size_t adj0, nadj, line0, nline;
} remit_claim;

typedef struct remit_plb {
  cc_slice provider, fiscal_date, reason, reference;
  cc_money amount;
  uint32_t seg;
} remit_plb;

/* One 835 transaction set (one payment). */
typedef struct remit_set {
  cc_money paid; /* BPR02 */
  cc_slice method, pay_date, trace, payer_key, payer_name, st_control;
  size_t claim0, nclaim, plb0, nplb;
  uint32_t seg; /* the BPR */
} remit_set;

typedef struct remit_file {
  remit_set *set; size_t nset, capset;
  remit_claim *claim; size_t nclaim, capclaim;
  remit_line *line; size_t nline, capline;
  remit_adj *adj; size_t nadj, capadj;
  remit_plb *plb; size_t nplb, capplb;
  char isa[16], gs[16], version[16];
} remit_file;

/* Read p..n (name for messages) into f; slices borrow p. Checks that each
 * set balances. remit_file_free releases the arrays. */
cc_code remit_835_read(const char *p, size_t n, const char *name,
                       remit_file *f, cc_err *err) CC_WARN_UNUSED;
void remit_file_free(remit_file *f);

/* SHA-256 of p..n as 64 lowercase hex digits and a NUL. */
void remit_sha256_hex(const void *p, size_t n, char out[65]);
/* The same, of a large file on another core while this one reads it:
 * remit_sha256_wait before using hex or releasing p. Small files, or no
 * thread to be had, are hashed in remit_sha256_start. */
typedef struct remit_sha_job {
  const void *p;
  size_t n;
  char hex[65];
  pthread_t t;
  bool threaded;
} remit_sha_job;
void remit_sha256_start(remit_sha_job *j, const void *p, size_t n);
void remit_sha256_wait(remit_sha_job *j);

#endif
