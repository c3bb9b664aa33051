/* store_remit.c - the SQL of 835 posting. Statements are prepared once per
 * posting (store_post) and reset between rows: posting speed is set here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"
#include "store_ledger.h"
#include "store_remit.h"
#include "store_remit_prefetch.h"

enum {
  Q_FILE_SHA, Q_FILE_ADD, Q_REMIT_FIND, Q_REMIT_ADD, Q_CLAIM, Q_LINES,
  Q_LEDGER_CLAIM, Q_NEXT_PAYER, Q_ENTRY,
  Q_DENIAL, Q_PLB, Q_LAST_RCLAIM, Q_REV_ENTRIES,
  Q_REV_LEDGER, Q_REV_MARK, Q_REV_DENIALS, Q_POLICY, Q_UNAPPLIED, Q_REV_SUMS,
  Q_SUM_DAY, Q_BALANCES, Q_AR_GET, Q_HELD_GET, Q_HELD_APPLIED, Q_N
};

/* The lookups of each claim, also run ahead by store_remit_prefetch.c. */
const char store_sql_post_claim[] =
    "SELECT c.id,c.patient_id,c.payer_id,coalesce(c.encounter_id,"
    "0),c.responsibility,c.first_service_date,"
    "c.total_charge_cents,coalesce((SELECT member_id FROM coverage "
    "WHERE id=c.coverage_id),(SELECT member_id FROM coverage WHERE "
    "patient_id=c.patient_id AND payer_id=c.payer_id ORDER BY "
    "priority LIMIT 1)),coalesce(c.billing_provider_id,0),EXISTS (SELECT 1 "
    "FROM ledger_entry WHERE claim_id=c.id AND kind='charge'),"
    "c.status,coalesce(c.first_service_date,substr(c.created_at,"
    "1,10))," STORE_CLAIM_ORIGINAL("c.id") "," STORE_CLAIM_SUBMISSIONS("c.id")
    "," STORE_CLAIM_FIRST_SUB("c.id") " FROM claim c WHERE "
    "c.control_number=?1";
const char store_sql_post_lines[] =
    "SELECT id,line_no,charge_cents,line_control,code,modifier1,"
    "modifier2,modifier3,modifier4,from_date FROM claim_line "
    "WHERE claim_id=?1 ORDER BY line_no";
const char store_sql_post_balances[] =
    "SELECT party,balance_cents FROM ar_balance WHERE claim_id=?1";
const char store_sql_post_next_payer[] =
    "SELECT payer_id FROM coverage WHERE patient_id=?1 AND "
    "priority>?2 AND payer_id<>?4 AND (?3 IS NULL OR "
    "(effective_date<=?3 AND (termination_date IS NULL OR "
    "termination_date>=?3))) ORDER BY priority LIMIT 1";

static const char *const sql[Q_N] = {
    [Q_FILE_SHA] = "SELECT f.id FROM x12_file f WHERE f.sha256=?1 AND "
                   "f.direction='in' AND f.kind='835' AND EXISTS (SELECT 1 "
                   "FROM remittance r WHERE r.file_id=f.id) LIMIT 1",
    [Q_FILE_ADD] = "INSERT INTO x12_file(direction,kind,path,sha256,"
                   "isa_control,gs_control,version,st_control,content) "
                   "VALUES('in','835',?1,?2,?3,?4,?5,?6,?7)",
    [Q_REMIT_FIND] = "SELECT id FROM remittance WHERE payer_key=?1 AND "
                     "trace=?2 AND paid_cents=?3",
    [Q_REMIT_ADD] = "INSERT INTO remittance(file_id,set_index,payer_key,"
                    "payer_name,trace,paid_cents,plb_cents,payment_method,"
                    "payment_date,posted_date,claims) VALUES(?1,?2,?3,?4,?5,"
                    "?6,?7,?8,?9,?10,?11)",
    [Q_CLAIM] = store_sql_post_claim,
    [Q_LINES] = store_sql_post_lines,
    [Q_LEDGER_CLAIM] = "SELECT c.id,coalesce(c.billing_provider_id,0) FROM "
                       "claim c WHERE c.encounter_id=?1 AND "
                       "c.id<>?2 AND EXISTS (SELECT 1 FROM ledger_entry e "
                       "WHERE e.claim_id=c.id AND e.kind='charge') ORDER BY "
                       "c.responsibility, c.id LIMIT 1",
    [Q_NEXT_PAYER] = store_sql_post_next_payer,
    [Q_ENTRY] = "INSERT INTO ledger_entry(patient_id,claim_id,claim_line_id,"
                "payer_id,kind,group_code,reason_code,amount_cents,"
                "posted_date,service_date,reference,source_file_id,"
                "reverses_id,remit_claim_id,segment_index) VALUES(?1,?2,?3,"
                "?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
    [Q_DENIAL] = "INSERT INTO claim_denial(claim_id,claim_line_id,"
                 "remit_claim_id,group_code,reason_code,remark_codes,"
                 "amount_cents,segment_index) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
    [Q_PLB] = "INSERT INTO provider_adjustment(remittance_id,segment_index,"
              "provider_ref,fiscal_date,reason_code,reference,amount_cents) "
              "VALUES(?1,?2,?3,?4,?5,?6,?7)",
    [Q_LAST_RCLAIM] = "SELECT id,paid_cents FROM remit_claim WHERE "
                      "claim_id=?1 AND payer_id=?2 AND reversed_by IS NULL "
                      "AND status_code<>'22' ORDER BY id DESC LIMIT 1",
    [Q_REV_ENTRIES] = "INSERT INTO ledger_entry(patient_id,claim_id,"
                      "claim_line_id,payer_id,kind,group_code,reason_code,"
                      "amount_cents,posted_date,service_date,reference,"
                      "source_file_id,reverses_id,remit_claim_id,"
                      "segment_index,created_at) SELECT patient_id,claim_id,"
                      "claim_line_id,payer_id,'reversal',group_code,"
                      "reason_code,-amount_cents,?3,service_date,reference,"
                      "?4,id,?2,?5,?6 FROM ledger_entry WHERE "
                      STORE_REMIT_ENTRIES("ledger_entry", "?1")
                      " AND kind<>'reversal' ORDER BY id",
    /* The reversal's entries sit where the ones they undo do. */
    [Q_REV_LEDGER] = "UPDATE remit_claim SET ledger_claim_id=(SELECT "
                     "ledger_claim_id FROM remit_claim WHERE id=?1) WHERE "
                     "id=?2 AND ledger_claim_id<>(SELECT ledger_claim_id "
                     "FROM remit_claim WHERE id=?1)",
    [Q_REV_MARK] = "UPDATE remit_claim SET reversed_by=?2 WHERE id=?1",
    [Q_REV_DENIALS] = "UPDATE claim_denial SET status='closed' WHERE "
                      "remit_claim_id=?1 AND status='open'",
    [Q_POLICY] = "SELECT coalesce(payer_id,0),group_code,reason_code,action "
                 "FROM posting_policy",
    /* What the reversal entries just written do to the summaries. */
    [Q_REV_SUMS] = "SELECT e.claim_id,coalesce(e.payer_id,0),coalesce(("
                   "SELECT billing_provider_id FROM claim WHERE id="
                   "e.claim_id),0),o.kind,coalesce(o.group_code,''),"
                   "e.amount_cents,e.posted_date FROM ledger_entry e JOIN "
                   "ledger_entry o ON o.id=e.reverses_id WHERE "
                   STORE_REMIT_ENTRIES("e", "?1") " AND e.kind='reversal'",
    [Q_AR_GET] = "SELECT balance_cents FROM ar_balance WHERE claim_id=?1 "
                 "AND party=?2",
    [Q_HELD_GET] = "SELECT u.remittance_id,u.file_id,u.segment_index,"
                   "u.status='open',u.claim_ref,x.content,r.posted_date FROM "
                   "unapplied_payment u JOIN x12_file x ON x.id=u.file_id "
                   "JOIN remittance r ON r.id=u.remittance_id WHERE u.id=?1",
    [Q_HELD_APPLIED] = "UPDATE unapplied_payment SET status='applied',"
                       "applied_claim_id=?2 WHERE id=?1",
    [Q_SUM_DAY] = "INSERT INTO ledger_day(day,party,provider,kind,grp,"
                  "amount_cents,entries) VALUES(?1,?2,?3,?4,?5,?6,?7) ON "
                  "CONFLICT(day,party,provider,kind,grp) DO UPDATE SET "
                  "amount_cents=amount_cents+excluded.amount_cents,entries="
                  "entries+excluded.entries",
    /* Per line (0 = the claim as a whole): what the payer and the patient
     * owe on the claim's books. */
    [Q_BALANCES] = "SELECT coalesce(claim_line_id,0),coalesce(sum(CASE WHEN "
                   "payer_id=?2 THEN amount_cents END),0),coalesce(sum(CASE "
                   "WHEN payer_id IS NULL THEN amount_cents END),0) FROM "
                   "ledger_entry WHERE claim_id=?1 GROUP BY 1",
    [Q_UNAPPLIED] = "INSERT INTO unapplied_payment(remittance_id,file_id,"
                    "segment_index,claim_ref,status_code,charge_cents,"
                    "paid_cents,patient_resp_cents,payer_claim_number,"
                    "patient_last,patient_first,member_id,posted_date,"
                    "reason) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
                    "?13,?14)",
};

/* Running sums for ar_balance (one row per entry, merged when written)
 * and ledger_day (few keys: one posting day, a handful of parties,
 * providers, kinds and groups). */
/* AR_UNKNOWN: the balance before this posting is read when written. */
#define AR_UNKNOWN INT64_MIN
typedef struct ar_sum {
  int64_t claim, party, cents;
  int64_t start; /* the open balance before this posting, or AR_UNKNOWN */
  char age[11]; /* "" = look it up */
} ar_sum;
typedef struct day_sum {
  char day[11], kind[12], grp[4];
  int64_t party, provider, cents, entries;
} day_sum;

/* Entries wait here and go ENTRY_BATCH at a time in one INSERT ...
 * SELECT from the cc_post_entry virtual table, which reads this array:
 * binding 15 values per row and SQLite's multi-row VALUES cost twice what
 * writing the row does. Strings are copied: the caller's buffers change
 * from claim to claim. Status changes go PEND_MAX at a time.
 * The batched writes say OR FAIL: under the default ABORT, SQLite keeps a
 * statement journal to undo a failed statement's earlier rows; here any
 * error rolls back the whole file's transaction, so it would be wasted. */
enum { PEND_MAX = 32, ENTRY_BATCH = 2048 };
typedef struct pend_entry {
  int64_t patient_id, claim_id, claim_line_id, payer_id, amount_cents;
  int64_t source_file_id, reverses_id, remit_claim_id, segment_index;
  char kind[12], group_code[4], reason_code[8], posted_date[11];
  char service_date[11], reference[64];
} pend_entry;

/* remit_claim and remit_line rows wait likewise (cc_post_rclaim,
 * cc_post_rline); a claim payment's id is given here, as SQLite would
 * (the largest so far + 1, read in the transaction), so that entries and
 * denials can name it before the row is written. */
enum { RCLAIM_BATCH = 1024, RLINE_BATCH = 2048 };
typedef struct pend_rclaim {
  int64_t id, remittance_id, claim_id, ledger_claim_id, payer_id, seg;
  int64_t charge, paid, patient_resp;
  char status[8], pcn[64];
} pend_rclaim;
typedef struct pend_rline {
  int64_t rclaim_id, line_id, seg, charge, paid, allowed;
  char code[48];
} pend_rline;

/* A claim payment's first facts (claim_first_adj, _pay), written once at
 * the end through cc_post_fact. */
typedef struct fact {
  int64_t claim_id, rclaim_id, payer_id, paid, charge, submissions;
  bool denied, has_denial, original;
  char posted[11], first_sub[11];
} fact;

typedef struct pend_status {
  int64_t claim_id;
  char status[12], pcn[64], detail[600];
} pend_status;

struct store_post {
  cc_store *s;
  int64_t cache_size; /* the connection's, restored on close */
  sqlite3_stmt *st[Q_N];
  pend_entry pend[ENTRY_BATCH];
  size_t npend;
  int64_t charged[ENTRY_BATCH]; /* claims of the waiting charge entries */
  size_t ncharged;
  sqlite3_stmt *ins_entries; /* from cc_post_entry, made on demand */
  pend_rclaim rcl[RCLAIM_BATCH];
  size_t nrcl;
  pend_rline rln[RLINE_BATCH];
  size_t nrln;
  int64_t next_rclaim; /* 0 until read */
  sqlite3_stmt *ins_rclaim, *ins_rline, *ins_ar, *del_ar;
  struct pe_src { struct store_post *p; int which; } src[5]; /* vtab aux */
  bool vtab; /* the cc_post_* tables registered on the connection */
  pend_status stat[PEND_MAX]; /* claim status changes, likewise */
  size_t nstat;
  sqlite3_stmt *smulti[PEND_MAX + 1], *hmulti[PEND_MAX + 1];
  fact *fact; size_t nfact, capfact;
  sqlite3_stmt *ins_adj, *ins_pay;
  ar_sum *ar; size_t nar, capar;
  bool ar_unsorted; /* ar is not in (claim, party) order */
  size_t ar_from, ar_to; /* the sums cc_post_ar shows */
  day_sum *day; size_t nday, capday, lastday;
  bool oom;
  char now[24]; /* the posting's time, "" until first asked (stamp) */
  store_prefetch *pf; /* claim lookups running ahead, or NULL */
  const store_prefetched *cur; /* the claim pf gave last, or NULL */
  /* Claims whose status or charges this posting changed: what pf read of
   * them predates the change (a hash set of ids; 0 = empty slot). */
  int64_t *touched;
  size_t ntouched, captouched;
};

/* cc_post_entry, cc_post_rclaim, cc_post_rline, cc_post_ar, cc_post_fact:
 * the waiting
 * rows (and the merged balance sums) as tables SQLite can read, so one
 * INSERT ... SELECT writes them all. Eponymous, read-only, full scan; aux
 * says which (enum pe_which). */
enum pe_which { PE_ENTRY, PE_RCLAIM, PE_RLINE, PE_AR, PE_FACT, PE_N };
static const char *const pe_name[PE_N] = {"cc_post_entry", "cc_post_rclaim",
                                          "cc_post_rline", "cc_post_ar",
                                          "cc_post_fact"};
static const char *const pe_schema[PE_N] = {
    "CREATE TABLE x(patient_id,claim_id,claim_line_id,payer_id,kind,"
    "group_code,reason_code,amount_cents,posted_date,service_date,reference,"
    "source_file_id,reverses_id,remit_claim_id,segment_index)",
    "CREATE TABLE x(id,remittance_id,claim_id,ledger_claim_id,payer_id,"
    "segment_index,status_code,charge_cents,paid_cents,patient_resp_cents,"
    "payer_claim_number)",
    "CREATE TABLE x(remit_claim_id,claim_line_id,segment_index,code,"
    "charge_cents,paid_cents,allowed_cents)",
    "CREATE TABLE x(claim_id,party,balance_cents,age_date)",
    "CREATE TABLE x(claim_id,posted_date,remit_claim_id,payer_id,paid_cents,"
    "charge_cents,denied,original,submissions,first_sub)"};
typedef struct pe_cursor {
  sqlite3_vtab_cursor base;
  size_t i;
} pe_cursor;
typedef struct pe_vtab {
  sqlite3_vtab base;
  store_post *p;
  int which;
} pe_vtab;

static int pe_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                      sqlite3_vtab **out, char **errp) {
  const struct pe_src *src = aux;
  int rc = sqlite3_declare_vtab(db, pe_schema[src->which]);
  if (rc != SQLITE_OK) return rc;
  pe_vtab *v = sqlite3_malloc(sizeof *v);
  if (!v) return SQLITE_NOMEM;
  memset(v, 0, sizeof *v);
  v->p = src->p;
  v->which = src->which;
  *out = &v->base;
  return SQLITE_OK;
}
static int pe_disconnect(sqlite3_vtab *v) { sqlite3_free(v); return SQLITE_OK; }
static int pe_best_index(sqlite3_vtab *v, sqlite3_index_info *info) {
  info->estimatedCost = ENTRY_BATCH;
  info->estimatedRows = ENTRY_BATCH;
  return SQLITE_OK;
}
static int pe_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out) {
  pe_cursor *c = sqlite3_malloc(sizeof *c);
  if (!c) return SQLITE_NOMEM;
  memset(c, 0, sizeof *c);
  *out = &c->base;
  return SQLITE_OK;
}
static int pe_close(sqlite3_vtab_cursor *c) {
  sqlite3_free(c);
  return SQLITE_OK;
}
static int pe_filter(sqlite3_vtab_cursor *c, int idx, const char *idxs,
                     int argc, sqlite3_value **argv) {
  const pe_vtab *v = (const pe_vtab *)c->pVtab;
  ((pe_cursor *)c)->i = v->which == PE_AR ? v->p->ar_from : 0;
  return SQLITE_OK;
}
static int pe_next(sqlite3_vtab_cursor *c) {
  ((pe_cursor *)c)->i++;
  return SQLITE_OK;
}
static int pe_eof(sqlite3_vtab_cursor *c) {
  const pe_vtab *v = (const pe_vtab *)c->pVtab;
  size_t n = v->which == PE_ENTRY    ? v->p->npend
             : v->which == PE_RCLAIM ? v->p->nrcl
             : v->which == PE_RLINE  ? v->p->nrln
             : v->which == PE_FACT   ? v->p->nfact
                                     : v->p->ar_to;
  return ((pe_cursor *)c)->i >= n;
}
/* As the single-row INSERT bound them: 0 ids and "" strings are NULL,
 * patient and amount always numbers. */
static void pe_int(sqlite3_context *ctx, int64_t v) {
  if (v) sqlite3_result_int64(ctx, v); else sqlite3_result_null(ctx);
}
static void pe_text(sqlite3_context *ctx, const char *v) {
  if (*v) sqlite3_result_text(ctx, v, -1, SQLITE_STATIC);
  else sqlite3_result_null(ctx);
}
static void pe_num(sqlite3_context *ctx, int64_t v) {
  sqlite3_result_int64(ctx, v);
}
static int pe_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int col) {
  const pe_vtab *v = (const pe_vtab *)c->pVtab;
  size_t i = ((pe_cursor *)c)->i;
  if (v->which == PE_RCLAIM) { /* as Q_RCLAIM bound them */
    const pend_rclaim *r = &v->p->rcl[i];
    const int64_t num[] = {r->id, r->remittance_id, r->claim_id,
                           r->ledger_claim_id, r->payer_id, r->seg, 0,
                           r->charge, r->paid, r->patient_resp};
    if (col == 6) pe_text(ctx, r->status);
    else if (col == 10) pe_text(ctx, r->pcn);
    else pe_num(ctx, num[col]);
    return SQLITE_OK;
  }
  if (v->which == PE_FACT) {
    const fact *f = &v->p->fact[i];
    const int64_t num[] = {f->claim_id, 0, f->rclaim_id, f->payer_id,
                           f->paid, f->charge,
                           f->denied || (f->paid == 0 && f->has_denial),
                           f->original, f->submissions};
    if (col == 1) pe_text(ctx, f->posted);
    else if (col == 9) pe_text(ctx, f->first_sub);
    else pe_num(ctx, num[col]);
    return SQLITE_OK;
  }
  if (v->which == PE_AR) { /* the balance after; an age of "" is looked up */
    const ar_sum *a = &v->p->ar[i];
    if (col == 3) pe_text(ctx, a->age);
    else pe_num(ctx, col == 0   ? a->claim
                     : col == 1 ? a->party
                                : a->start + a->cents);
    return SQLITE_OK;
  }
  if (v->which == PE_RLINE) { /* as Q_RLINE bound them */
    const pend_rline *l = &v->p->rln[i];
    if (col == 1) pe_int(ctx, l->line_id);
    else if (col == 3) pe_text(ctx, l->code);
    else if (col == 6 && l->allowed == INT64_MIN) sqlite3_result_null(ctx);
    else pe_num(ctx, col == 0 ? l->rclaim_id : col == 2 ? l->seg
                     : col == 4 ? l->charge : col == 5 ? l->paid
                                : l->allowed);
    return SQLITE_OK;
  }
  const pend_entry *e = &v->p->pend[i];
  switch (col) {
  case 0: sqlite3_result_int64(ctx, e->patient_id); break;
  case 1: pe_int(ctx, e->claim_id); break;
  case 2: pe_int(ctx, e->claim_line_id); break;
  case 3: pe_int(ctx, e->payer_id); break;
  case 4: pe_text(ctx, e->kind); break;
  case 5: pe_text(ctx, e->group_code); break;
  case 6: pe_text(ctx, e->reason_code); break;
  case 7: sqlite3_result_int64(ctx, e->amount_cents); break;
  case 8: pe_text(ctx, e->posted_date); break;
  case 9: pe_text(ctx, e->service_date); break;
  case 10: pe_text(ctx, e->reference); break;
  case 11: pe_int(ctx, e->source_file_id); break;
  case 12: pe_int(ctx, e->reverses_id); break;
  case 13: pe_int(ctx, e->remit_claim_id); break;
  default: pe_int(ctx, e->segment_index); break;
  }
  return SQLITE_OK;
}
static int pe_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *id) {
  *id = (sqlite3_int64)((pe_cursor *)c)->i;
  return SQLITE_OK;
}
static const sqlite3_module pe_module = {
    .iVersion = 0, .xConnect = pe_connect, .xBestIndex = pe_best_index,
    .xDisconnect = pe_disconnect, .xOpen = pe_open, .xClose = pe_close,
    .xFilter = pe_filter, .xNext = pe_next, .xEof = pe_eof,
    .xColumn = pe_column, .xRowid = pe_rowid};

cc_code store_post_open(cc_store *s, store_post **out, cc_err *err) {
  store_post *p = calloc(1, sizeof *p);
  *out = NULL;
  if (!p) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", "posting");
  p->s = s;
  /* A file of many claims dirties many pages in one transaction (100,000
   * claims: some 200 MB of table and index pages); a page cache that
   * holds them keeps SQLite from spilling them to the WAL halfway and
   * reading them back. The cache only grows as pages are used; the
   * connection's own size comes back in store_post_close. */
  sqlite3_stmt *cs;
  p->cache_size = 0;
  if (sqlite3_prepare_v2(s->db, "PRAGMA cache_size", -1, &cs, NULL) ==
      SQLITE_OK) {
    if (sqlite3_step(cs) == SQLITE_ROW) p->cache_size = sqlite3_column_int64(cs, 0);
    sqlite3_finalize(cs);
  }
  sqlite3_exec(s->db, "PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY",
               NULL, NULL, NULL);
  /* The CHECK constraints of ledger_entry and claim test IN lists, which
   * SQLite evaluates by building a temporary index for every row written:
   * more than half the cost of a posting. Posting writes only kinds and
   * statuses it names itself and adjustment groups the reader has already
   * checked (remit_835_read.c), so the checks are off while it runs and
   * back on in store_post_close. */
  sqlite3_exec(s->db, "PRAGMA ignore_check_constraints=ON", NULL, NULL, NULL);
  /* Likewise the foreign keys: every id posting writes was read in the
   * same transaction (claim, lines, payer, file, remittance), and checking
   * seven parents per entry doubles its cost. Outside a transaction only;
   * store_post_close turns them back on. */
  if (sqlite3_get_autocommit(s->db))
    sqlite3_exec(s->db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
  for (int w = 0; w < PE_N; w++) {
    p->src[w] = (struct pe_src){p, w};
    if (sqlite3_create_module_v2(s->db, pe_name[w], &pe_module, &p->src[w],
                                 NULL) != SQLITE_OK) {
      cc_code rc = store_db_error(s, err, "prepare posting");
      store_post_close(p);
      return rc;
    }
    p->vtab = true;
  }
  for (int i = 0; i < Q_N; i++)
    if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                           &p->st[i], NULL) != SQLITE_OK) {
      cc_code rc = store_db_error(s, err, "prepare posting");
      store_post_close(p);
      return rc;
    }
  *out = p;
  return CC_OK;
}

void store_post_close(store_post *p) {
  if (!p) return;
  store_prefetch_stop(p->pf);
  free(p->touched);
  sqlite3_exec(p->s->db, "PRAGMA ignore_check_constraints=OFF", NULL, NULL,
               NULL);
  if (p->cache_size) {
    char pragma[48];
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size=%lld",
             (long long)p->cache_size);
    sqlite3_exec(p->s->db, pragma, NULL, NULL, NULL);
  }
  if (sqlite3_get_autocommit(p->s->db))
    sqlite3_exec(p->s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
  for (int i = 0; i < Q_N; i++) sqlite3_finalize(p->st[i]);
  sqlite3_finalize(p->ins_entries);
  sqlite3_finalize(p->ins_rclaim);
  sqlite3_finalize(p->ins_rline);
  sqlite3_finalize(p->ins_ar);
  sqlite3_finalize(p->del_ar);
  sqlite3_finalize(p->ins_adj);
  sqlite3_finalize(p->ins_pay);
  /* The modules point at p: gone with it. */
  for (int w = 0; p->vtab && w < PE_N; w++)
    sqlite3_create_module_v2(p->s->db, pe_name[w], NULL, NULL, NULL);
  for (int i = 0; i <= PEND_MAX; i++) {
    sqlite3_finalize(p->smulti[i]);
    sqlite3_finalize(p->hmulti[i]);
  }
  free(p->ar);
  free(p->day);
  free(p->fact);
  free(p);
}

static cc_code flush(store_post *p, cc_err *err);
static cc_code flush_status(store_post *p, cc_err *err);
static cc_code flush_remit(store_post *p, cc_err *err);
static cc_code multi_stmt(store_post *p, sqlite3_stmt **slot, size_t k,
                          const char *head, const char *row,
                          const char *tail, cc_err *err);
static void copy_str(char *dst, size_t cap, const char *src) {
  cc_slice_copy(cc_slice_cstr(src ? src : ""), dst, cap);
}

/* The time every row of this posting carries (created_at, history at,
 * updated_at), as strftime('%Y-%m-%dT%H:%M:%SZ','now') would write it.
 * Taken once, at the first write: inside the transaction, so no other
 * writer's rows can fall after it; formatting it per row cost ~3,000
 * instructions each, seven times a claim. */
static const char *stamp(store_post *p) {
  if (!p->now[0]) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(p->now, sizeof p->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
  return p->now;
}

static sqlite3_stmt *q(store_post *p, int i) {
  sqlite3_stmt *st = p->st[i];
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return st;
}
static void bt(sqlite3_stmt *st, int at, const char *v) {
  if (v && *v) sqlite3_bind_text(st, at, v, -1, SQLITE_STATIC);
}
static void bi(sqlite3_stmt *st, int at, int64_t v) { /* 0 = NULL */
  if (v) sqlite3_bind_int64(st, at, v);
}
static void bn(sqlite3_stmt *st, int at, int64_t v) { /* always a number */
  sqlite3_bind_int64(st, at, v);
}
/* Step a write; the new row id in *id when asked. */
static cc_code done(store_post *p, sqlite3_stmt *st, int64_t *id, cc_err *err,
                    const char *what) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return store_db_error(p->s, err, what);
  if (id) *id = sqlite3_last_insert_rowid(p->s->db);
  return CC_OK;
}
/* Step a query for one integer; 0 when there is no row. */
static cc_code one(store_post *p, sqlite3_stmt *st, int64_t *v, cc_err *err,
                   const char *what) {
  int rc = sqlite3_step(st);
  *v = 0;
  if (rc == SQLITE_ROW) *v = sqlite3_column_int64(st, 0);
  else if (rc != SQLITE_DONE) return store_db_error(p->s, err, what);
  sqlite3_reset(st);
  return CC_OK;
}

cc_code store_post_file_by_sha(store_post *p, const char *sha, int64_t *id,
                               cc_err *err) {
  sqlite3_stmt *st = q(p, Q_FILE_SHA);
  bt(st, 1, sha);
  return one(p, st, id, err, "find 835 file");
}

cc_code store_post_file_add(store_post *p, const char *path, const char *sha,
                            const char *isa, const char *gs,
                            const char *version, const char *stc,
                            const void *raw, size_t n, int64_t *id,
                            cc_err *err) {
  sqlite3_stmt *st = q(p, Q_FILE_ADD);
  bt(st, 1, path); bt(st, 2, sha); bt(st, 3, isa); bt(st, 4, gs);
  bt(st, 5, version); bt(st, 6, stc);
  sqlite3_bind_blob64(st, 7, raw, n, SQLITE_STATIC);
  return done(p, st, id, err, "store 835 file");
}

cc_code store_post_remit_find(store_post *p, const char *payer_key,
                              const char *trace, int64_t cents, int64_t *id,
                              cc_err *err) {
  sqlite3_stmt *st = q(p, Q_REMIT_FIND);
  bt(st, 1, payer_key); bt(st, 2, trace); bn(st, 3, cents);
  return one(p, st, id, err, "find remittance");
}

cc_code store_post_remit_add(store_post *p, const store_remit_rec *r,
                             int64_t *id, cc_err *err) {
  sqlite3_stmt *st = q(p, Q_REMIT_ADD);
  bn(st, 1, r->file_id); bn(st, 2, r->set_index); bt(st, 3, r->payer_key);
  bt(st, 4, r->payer_name); bt(st, 5, r->trace); bn(st, 6, r->paid_cents);
  bn(st, 7, r->plb_cents); bt(st, 8, r->method); bt(st, 9, r->pay_date);
  bt(st, 10, r->posted); bn(st, 11, r->claims);
  return done(p, st, id, err, "store remittance");
}

static void col_copy(sqlite3_stmt *st, int i, char *out, size_t cap) {
  const unsigned char *t = sqlite3_column_text(st, i);
  out[0] = 0;
  if (t) {
    strncpy(out, (const char *)t, cap - 1);
    out[cap - 1] = 0;
  }
}

void store_post_claim_row(sqlite3_stmt *st, store_post_claim *c) {
  c->id = sqlite3_column_int64(st, 0);
  c->patient_id = sqlite3_column_int64(st, 1);
  c->payer_id = sqlite3_column_int64(st, 2);
  c->encounter_id = sqlite3_column_int64(st, 3);
  col_copy(st, 4, c->responsibility, sizeof c->responsibility);
  col_copy(st, 5, c->first_service, sizeof c->first_service);
  c->total_charge_cents = sqlite3_column_int64(st, 6);
  col_copy(st, 7, c->member_id, sizeof c->member_id);
  c->provider_id = sqlite3_column_int64(st, 8);
  c->has_charges = sqlite3_column_int64(st, 9) != 0;
  col_copy(st, 10, c->status, sizeof c->status);
  col_copy(st, 11, c->age_date, sizeof c->age_date);
  c->original = sqlite3_column_int64(st, 12) != 0;
  c->submissions = sqlite3_column_int64(st, 13);
  col_copy(st, 14, c->first_sub, sizeof c->first_sub);
}

void store_post_line_row(sqlite3_stmt *st, store_post_line *l) {
  l->id = sqlite3_column_int64(st, 0);
  l->line_no = sqlite3_column_int64(st, 1);
  l->charge_cents = sqlite3_column_int64(st, 2);
  l->control = (const char *)sqlite3_column_text(st, 3);
  l->code = (const char *)sqlite3_column_text(st, 4);
  for (int k = 0; k < 4; k++)
    l->mod[k] = (const char *)sqlite3_column_text(st, 5 + k);
  l->from_date = (const char *)sqlite3_column_text(st, 9);
}

void store_post_prefetch(store_post *p, const char *const *keys, size_t n) {
  if (!p->pf) p->pf = store_prefetch_start(p->s->db, keys, n);
}

void store_post_prefetch_stop(store_post *p) {
  store_prefetch_stop(p->pf);
  p->pf = NULL;
  p->cur = NULL;
}

/* Open addressing on the id; the set only grows during a posting. */
static size_t slot_of(const int64_t *t, size_t cap, int64_t id) {
  size_t i = (size_t)id * 0x9E3779B97F4A7C15u & (cap - 1);
  while (t[i] && t[i] != id) i = (i + 1) & (cap - 1);
  return i;
}
static bool touched(const store_post *p, int64_t id) {
  return p->captouched &&
         p->touched[slot_of(p->touched, p->captouched, id)] == id;
}
static void touch(store_post *p, int64_t id) {
  if (!p->pf || !id || touched(p, id)) return; /* only pf needs it */
  if (2 * (p->ntouched + 1) > p->captouched) {
    size_t cap = p->captouched ? p->captouched * 2 : 1024;
    int64_t *t = calloc(cap, sizeof *t);
    if (!t) { /* without the set pf cannot be trusted */
      store_post_prefetch_stop(p);
      return;
    }
    for (size_t i = 0; i < p->captouched; i++)
      if (p->touched[i]) t[slot_of(t, cap, p->touched[i])] = p->touched[i];
    free(p->touched);
    p->touched = t;
    p->captouched = cap;
  }
  p->touched[slot_of(p->touched, p->captouched, id)] = id;
  p->ntouched++;
}

cc_code store_post_claim_find(store_post *p, const char *control,
                              store_post_claim *c, cc_err *err) {
  p->cur = NULL;
  const store_prefetched *f =
      p->pf ? store_prefetch_take(p->pf, control) : NULL;
  /* A claim pf found and this posting has not changed is as pf read it;
   * a claim not found is looked for again (cheap, and rare). */
  if (f && f->found && !touched(p, f->cl.id)) {
    *c = f->cl; /* untouched, so nothing of it is waiting either */
    p->cur = f;
    return CC_OK;
  }
  sqlite3_stmt *st = q(p, Q_CLAIM);
  bt(st, 1, control);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_DONE) { sqlite3_reset(st); return CC_E_NOTFOUND; }
  if (rc != SQLITE_ROW) return store_db_error(p->s, err, "find claim");
  store_post_claim_row(st, c);
  sqlite3_reset(st);
  for (size_t i = 0; i < p->nstat; i++) /* a change still waiting */
    if (p->stat[i].claim_id == c->id)
      copy_str(c->status, sizeof c->status, p->stat[i].status);
  for (size_t i = 0; !c->has_charges && i < p->ncharged; i++)
    c->has_charges = p->charged[i] == c->id;
  return CC_OK;
}

cc_code store_post_claim_lines(store_post *p, int64_t claim_id,
                               store_post_line_fn fn, void *ctx, cc_err *err) {
  cc_code res = CC_OK;
  if (p->cur && p->cur->cl.id == claim_id) { /* posting never edits lines */
    for (size_t i = 0; res == CC_OK && i < p->cur->nline; i++) {
      store_post_line l;
      store_prefetch_line(p->pf, i, &l);
      res = fn(ctx, &l);
    }
    return res;
  }
  sqlite3_stmt *st = q(p, Q_LINES);
  bn(st, 1, claim_id);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    store_post_line l;
    store_post_line_row(st, &l);
    if ((res = fn(ctx, &l)) != CC_OK) break;
  }
  if (res == CC_OK && rc != SQLITE_DONE)
    res = store_db_error(p->s, err, "read claim lines");
  sqlite3_reset(st);
  return res;
}

cc_code store_post_ledger_claim(store_post *p, int64_t encounter_id,
                                int64_t claim_id, int64_t *id,
                                int64_t *provider_id, cc_err *err) {
  cc_code fr = flush(p, err); /* it looks for charge entries */
  if (fr) return fr;
  sqlite3_stmt *st = q(p, Q_LEDGER_CLAIM);
  bn(st, 1, encounter_id); bn(st, 2, claim_id);
  int rc = sqlite3_step(st);
  *id = *provider_id = 0;
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(st, 0);
    *provider_id = sqlite3_column_int64(st, 1);
  } else if (rc != SQLITE_DONE) {
    return store_db_error(p->s, err, "find the encounter's claim");
  }
  sqlite3_reset(st);
  return CC_OK;
}

/* A claim's entries come one after another, so its sums are merged as
 * they come, in party order: in a file whose claims come in id order (as
 * our own 837s send them) the sums need no sort at the end. */
static void sum_ar(store_post *p, int64_t claim, int64_t party,
                   int64_t cents, const char *age) {
  size_t run = p->nar; /* start of the last claim's sums */
  while (run > 0 && p->ar[run - 1].claim == claim) run--;
  size_t at = run;
  while (at < p->nar && p->ar[at].party < party) at++;
  if (at < p->nar && p->ar[at].party == party) {
    ar_sum *a = &p->ar[at];
    a->cents += cents;
    if (!a->age[0]) copy_str(a->age, sizeof a->age, age);
    return;
  }
  if (run == p->nar && run > 0 && p->ar[run - 1].claim > claim)
    p->ar_unsorted = true;
  if (p->nar == p->capar) {
    size_t nc = p->capar ? p->capar * 2 : 1024;
    ar_sum *na = realloc(p->ar, nc * sizeof *na);
    if (!na) { p->oom = true; return; }
    p->ar = na; p->capar = nc;
  }
  memmove(&p->ar[at + 1], &p->ar[at], (p->nar - at) * sizeof *p->ar);
  p->nar++;
  ar_sum *a = &p->ar[at];
  *a = (ar_sum){claim, party, cents, AR_UNKNOWN, ""};
  copy_str(a->age, sizeof a->age, age);
  /* The claim being posted: its balances came with its lookup. */
  const store_prefetched *f = p->cur;
  if (f && f->cl.id == claim && f->bal_known) {
    a->start = 0; /* no row: nothing open */
    for (size_t i = 0; i < f->nbal; i++)
      if (f->bal_party[i] == party) a->start = f->bal_cents[i];
  }
}

/* Add one entry's effect to the running sums. */
static void sum_entry(store_post *p, int64_t claim, int64_t party,
                      int64_t provider, const char *kind, const char *grp,
                      int64_t cents, const char *day, const char *age) {
  if (claim) sum_ar(p, claim, party, cents, age);
  if (!grp) grp = "";
  day_sum *d = NULL;
  if (p->lastday < p->nday) {
    day_sum *l = &p->day[p->lastday];
    if (l->party == party && l->provider == provider && !strcmp(l->kind, kind)
        && !strcmp(l->grp, grp) && !strcmp(l->day, day))
      d = l;
  }
  for (size_t i = 0; !d && i < p->nday; i++) {
    day_sum *l = &p->day[i];
    if (l->party == party && l->provider == provider && !strcmp(l->kind, kind)
        && !strcmp(l->grp, grp) && !strcmp(l->day, day)) {
      d = l;
      p->lastday = i;
    }
  }
  if (!d) {
    if (p->nday == p->capday) {
      size_t nc = p->capday ? p->capday * 2 : 16;
      day_sum *nd = realloc(p->day, nc * sizeof *nd);
      if (!nd) { p->oom = true; return; }
      p->day = nd; p->capday = nc;
    }
    d = &p->day[p->nday];
    memset(d, 0, sizeof *d);
    snprintf(d->day, sizeof d->day, "%s", day);
    snprintf(d->kind, sizeof d->kind, "%s", kind);
    snprintf(d->grp, sizeof d->grp, "%s", grp);
    d->party = party;
    d->provider = provider;
    p->lastday = p->nday++;
  }
  d->cents += cents;
  d->entries++;
}

static int ar_cmp(const void *a, const void *b) {
  const ar_sum *x = a, *y = b;
  if (x->claim != y->claim) return x->claim < y->claim ? -1 : 1;
  return x->party < y->party ? -1 : x->party > y->party;
}

/* ar_balance holds open balances only (migration 14): from each sum's
 * balance before (read now when the claim's lookup did not bring it) a
 * balance that opens is inserted, one that changes is updated, one that
 * closes is deleted. Upserts first, then deletes, each in claim order,
 * each one statement over cc_post_ar (ar[ar_from..ar_to)). */
static cc_code write_balances(store_post *p, cc_err *err) {
  size_t n = p->nar;
  if (!n) return CC_OK;
  ar_sum *gone = malloc(n * sizeof *gone);
  if (!gone) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s",
                               "update balances");
  cc_code rc = CC_OK;
  size_t nup = 0, ngone = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    ar_sum a = p->ar[i];
    if (a.start == AR_UNKNOWN) {
      sqlite3_stmt *st = q(p, Q_AR_GET);
      bn(st, 1, a.claim); bn(st, 2, a.party);
      rc = one(p, st, &a.start, err, "read balances");
    }
    if (a.cents == 0) continue; /* unchanged */
    if (a.start + a.cents == 0) gone[ngone++] = a;
    else p->ar[nup++] = a;
  }
  if (!rc && nup) {
    if (!p->ins_ar &&
        sqlite3_prepare_v3(p->s->db, "INSERT OR FAIL INTO ar_balance("
                           "claim_id,party,balance_cents,age_date) SELECT "
                           "a.claim_id,a.party,a.balance_cents,coalesce("
                           "a.age_date," STORE_CLAIM_AGE_DATE("a.claim_id")
                           ") FROM cc_post_ar a WHERE true ON CONFLICT("
                           "claim_id,party) DO UPDATE SET balance_cents="
                           "excluded.balance_cents", -1,
                           SQLITE_PREPARE_PERSISTENT, &p->ins_ar,
                           NULL) != SQLITE_OK)
      rc = store_db_error(p->s, err, "update balances");
    p->ar_from = 0; p->ar_to = nup;
    if (!rc) rc = done(p, p->ins_ar, NULL, err, "update balances");
  }
  if (!rc && ngone) {
    memcpy(p->ar, gone, ngone * sizeof *gone);
    if (!p->del_ar &&
        sqlite3_prepare_v3(p->s->db, "DELETE FROM ar_balance WHERE (claim_id,"
                           "party) IN (SELECT claim_id,party FROM cc_post_ar)",
                           -1, SQLITE_PREPARE_PERSISTENT, &p->del_ar,
                           NULL) != SQLITE_OK)
      rc = store_db_error(p->s, err, "update balances");
    p->ar_from = 0; p->ar_to = ngone;
    if (!rc) rc = done(p, p->del_ar, NULL, err, "update balances");
  }
  p->ar_from = p->ar_to = 0;
  free(gone);
  return rc;
}

cc_code store_post_write_sums(store_post *p, cc_err *err) {
  cc_code fr = flush(p, err);
  if (fr) return fr;
  if (p->oom) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s",
                                "summing the posting");
  /* In claim order the writes walk ar_balance's key once. */
  if (p->ar_unsorted) qsort(p->ar, p->nar, sizeof *p->ar, ar_cmp);
  p->ar_unsorted = false;
  cc_code rc;
  size_t n = 0; /* merged in place: ar[0..n) */
  for (size_t i = 0; i < p->nar;) {
    ar_sum t = p->ar[i++];
    while (i < p->nar && p->ar[i].claim == t.claim &&
           p->ar[i].party == t.party) {
      if (!t.age[0]) memcpy(t.age, p->ar[i].age, sizeof t.age);
      if (t.start == AR_UNKNOWN) t.start = p->ar[i].start;
      t.cents += p->ar[i++].cents;
    }
    p->ar[n++] = t;
  }
  p->nar = n;
  if ((rc = write_balances(p, err))) return rc;
  for (size_t i = 0; i < p->nday; i++) {
    const day_sum *d = &p->day[i];
    sqlite3_stmt *st = q(p, Q_SUM_DAY);
    sqlite3_bind_text(st, 1, d->day, -1, SQLITE_STATIC);
    bn(st, 2, d->party); bn(st, 3, d->provider);
    sqlite3_bind_text(st, 4, d->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, d->grp, -1, SQLITE_STATIC);
    bn(st, 6, d->cents); bn(st, 7, d->entries);
    if ((rc = done(p, st, NULL, err, "update daily totals"))) return rc;
  }
  p->nar = p->nday = 0;
  return CC_OK;
}

/* Facts in the order of their claim payments, as the trigger would have
 * met them, so the earliest one wins a tie the same way. */
cc_code store_post_write_facts(store_post *p, cc_err *err) {
  if (!p->nfact) return CC_OK;
  static const char adj[] =
      "INSERT OR FAIL INTO claim_first_adj(claim_id,posted_date,"
      "remit_claim_id,payer_id,paid_cents,charge_cents,denied,original,"
      "submissions) SELECT claim_id,posted_date,remit_claim_id,payer_id,"
      "paid_cents,charge_cents,denied,original,submissions FROM cc_post_fact"
      " WHERE true" STORE_FIRST_ADJ_KEEP;
  static const char pay[] =
      "INSERT OR FAIL INTO claim_first_pay(claim_id,posted_date,"
      "remit_claim_id,payer_id,first_sub) SELECT claim_id,posted_date,"
      "remit_claim_id,payer_id,first_sub FROM cc_post_fact WHERE "
      "paid_cents>0" STORE_FIRST_PAY_KEEP;
  if ((!p->ins_adj && sqlite3_prepare_v2(p->s->db, adj, -1, &p->ins_adj,
                                         NULL) != SQLITE_OK) ||
      (!p->ins_pay && sqlite3_prepare_v2(p->s->db, pay, -1, &p->ins_pay,
                                         NULL) != SQLITE_OK))
    return store_db_error(p->s, err, "first facts");
  cc_code rc;
  if ((rc = done(p, p->ins_adj, NULL, err, "first facts")) ||
      (rc = done(p, p->ins_pay, NULL, err, "first facts")))
    return rc;
  p->nfact = 0;
  return CC_OK;
}

void store_post_next_payer_bind(sqlite3_stmt *st, int64_t patient_id,
                                const char *after, const char *day,
                                int64_t payer_id) {
  bn(st, 1, patient_id); bt(st, 2, after); bt(st, 3, day);
  bn(st, 4, payer_id);
}

cc_code store_post_next_payer(store_post *p, int64_t patient_id,
                              const char *after, const char *day,
                              int64_t payer_id, int64_t *next, cc_err *err) {
  const store_post_claim *c = p->cur ? &p->cur->cl : NULL;
  /* pf asked with the claim's own values; coverage is not posted to. */
  if (c && c->patient_id == patient_id && c->payer_id == payer_id &&
      !strcmp(c->responsibility, after ? after : "") &&
      !strcmp(c->first_service, day ? day : "")) {
    *next = p->cur->next_payer;
    return CC_OK;
  }
  sqlite3_stmt *st = q(p, Q_NEXT_PAYER);
  store_post_next_payer_bind(st, patient_id, after, day, payer_id);
  return one(p, st, next, err, "find next coverage");
}

/* Write the waiting entries, in the order they were posted (ids as
 * one INSERT per entry would give them). */
static cc_code flush(store_post *p, cc_err *err) {
  if (!p->npend) return CC_OK;
  if (!p->ins_entries) {
    /* The posting's time as a literal: one value for every row (see
     * stamp()), nothing to pass per row. */
    char sql_[512];
    snprintf(sql_, sizeof sql_, "INSERT OR FAIL INTO ledger_entry(patient_id,"
             "claim_id,claim_line_id,payer_id,kind,group_code,reason_code,"
             "amount_cents,posted_date,service_date,reference,source_file_id,"
             "reverses_id,remit_claim_id,segment_index,created_at) SELECT "
             "patient_id,claim_id,claim_line_id,payer_id,kind,group_code,"
             "reason_code,amount_cents,posted_date,service_date,reference,"
             "source_file_id,reverses_id,remit_claim_id,segment_index,'%s' "
             "FROM cc_post_entry", stamp(p));
    if (sqlite3_prepare_v3(p->s->db, sql_, -1, SQLITE_PREPARE_PERSISTENT,
                           &p->ins_entries, NULL) != SQLITE_OK)
      return store_db_error(p->s, err, "write ledger entry");
  }
  cc_code rc = done(p, p->ins_entries, NULL, err, "write ledger entry");
  p->npend = p->ncharged = 0;
  return rc;
}

cc_code store_post_commit(store_post *p, cc_err *err) {
  return store_commit_checkpoint_later(p->s, err);
}

cc_code store_post_flush(store_post *p, cc_err *err) {
  cc_code rc = flush(p, err);
  if (!rc) rc = flush_remit(p, err);
  return rc ? rc : flush_status(p, err);
}

cc_code store_post_entry(store_post *p, const store_entry_rec *e,
                         cc_err *err) {
  pend_entry *w = &p->pend[p->npend++];
  w->patient_id = e->patient_id; w->claim_id = e->claim_id;
  w->claim_line_id = e->claim_line_id; w->payer_id = e->payer_id;
  w->amount_cents = e->amount_cents; w->source_file_id = e->source_file_id;
  w->reverses_id = e->reverses_id; w->remit_claim_id = e->remit_claim_id;
  w->segment_index = e->segment_index;
  copy_str(w->kind, sizeof w->kind, e->kind);
  if (!strcmp(w->kind, "charge")) {
    p->charged[p->ncharged++] = e->claim_id;
    touch(p, e->claim_id);
  }
  copy_str(w->group_code, sizeof w->group_code, e->group_code);
  copy_str(w->reason_code, sizeof w->reason_code, e->reason_code);
  copy_str(w->posted_date, sizeof w->posted_date, e->posted_date);
  copy_str(w->service_date, sizeof w->service_date, e->service_date);
  copy_str(w->reference, sizeof w->reference, e->reference);
  sum_entry(p, e->claim_id, e->payer_id, e->provider_id, e->kind,
            e->group_code, e->amount_cents, e->posted_date, e->age_date);
  return p->npend == ENTRY_BATCH ? flush(p, err) : CC_OK;
}

/* Write the waiting claim and line payments. */
static cc_code flush_remit(store_post *p, cc_err *err) {
  cc_code rc = CC_OK;
  if (p->nrcl) {
    if (!p->ins_rclaim &&
        sqlite3_prepare_v3(p->s->db, "INSERT OR FAIL INTO remit_claim(id,"
                           "remittance_id,claim_id,ledger_claim_id,payer_id,"
                           "segment_index,status_code,charge_cents,paid_cents,"
                           "patient_resp_cents,payer_claim_number) SELECT * "
                           "FROM cc_post_rclaim", -1,
                           SQLITE_PREPARE_PERSISTENT, &p->ins_rclaim,
                           NULL) != SQLITE_OK)
      return store_db_error(p->s, err, "store claim payment");
    rc = done(p, p->ins_rclaim, NULL, err, "store claim payment");
    p->nrcl = 0;
  }
  if (!rc && p->nrln) {
    if (!p->ins_rline &&
        sqlite3_prepare_v3(p->s->db, "INSERT OR FAIL INTO remit_line("
                           "remit_claim_id,"
                           "claim_line_id,segment_index,code,charge_cents,"
                           "paid_cents,allowed_cents) SELECT * FROM "
                           "cc_post_rline", -1, SQLITE_PREPARE_PERSISTENT,
                           &p->ins_rline, NULL) != SQLITE_OK)
      return store_db_error(p->s, err, "store line payment");
    rc = done(p, p->ins_rline, NULL, err, "store line payment");
    p->nrln = 0;
  }
  return rc;
}

cc_code store_post_rclaim_add(store_post *p, const store_rclaim_rec *r,
                              int64_t *id, cc_err *err) {
  cc_code rc;
  if (!p->next_rclaim) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(p->s->db, "SELECT coalesce(max(id),0)+1 FROM "
                           "remit_claim", -1, &st, NULL) != SQLITE_OK)
      return store_db_error(p->s, err, "store claim payment");
    rc = one(p, st, &p->next_rclaim, err, "store claim payment");
    sqlite3_finalize(st);
    if (rc) return rc;
  }
  if (p->nrcl == RCLAIM_BATCH && (rc = flush_remit(p, err))) return rc;
  pend_rclaim *w = &p->rcl[p->nrcl++];
  w->id = *id = p->next_rclaim++;
  w->remittance_id = r->remittance_id; w->claim_id = r->claim_id;
  w->ledger_claim_id = r->ledger_claim_id; w->payer_id = r->payer_id;
  w->seg = r->segment_index; w->charge = r->charge_cents;
  w->paid = r->paid_cents; w->patient_resp = r->patient_resp_cents;
  copy_str(w->status, sizeof w->status, r->status_code);
  copy_str(w->pcn, sizeof w->pcn, r->payer_claim_number);
  /* A reversal is nobody's first adjudication (first_adj_insert's WHEN). */
  if (!r->claim || !r->posted_date || !strcmp(w->status, "22")) return CC_OK;
  if (p->nfact == p->capfact) {
    size_t nc = p->capfact ? p->capfact * 2 : 1024;
    fact *nf = realloc(p->fact, nc * sizeof *nf);
    if (!nf) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s",
                               "store claim payment");
    p->fact = nf; p->capfact = nc;
  }
  fact *f = &p->fact[p->nfact++];
  *f = (fact){.claim_id = r->claim_id, .rclaim_id = w->id,
              .payer_id = r->payer_id, .paid = r->paid_cents,
              .charge = r->charge_cents,
              .submissions = r->claim->submissions,
              .denied = !strcmp(w->status, "4"),
              .original = r->claim->original};
  copy_str(f->posted, sizeof f->posted, r->posted_date);
  copy_str(f->first_sub, sizeof f->first_sub, r->claim->first_sub);
  return CC_OK;
}

cc_code store_post_rline_add(store_post *p, int64_t rclaim_id, int64_t line_id,
                             int64_t seg, const char *code, int64_t charge,
                             int64_t paid, int64_t allowed, cc_err *err) {
  cc_code rc;
  if (p->nrln == RLINE_BATCH && (rc = flush_remit(p, err))) return rc;
  pend_rline *w = &p->rln[p->nrln++];
  *w = (pend_rline){.rclaim_id = rclaim_id, .line_id = line_id, .seg = seg,
                    .charge = charge, .paid = paid, .allowed = allowed};
  copy_str(w->code, sizeof w->code, code);
  return CC_OK;
}

cc_code store_post_denial_add(store_post *p, int64_t claim_id, int64_t line_id,
                              int64_t rclaim_id, const char *group,
                              const char *reason, const char *remarks,
                              int64_t amount, int64_t seg, cc_err *err) {
  /* A claim payment of nothing with a denial counts as denied. */
  for (size_t i = p->nfact; i-- > 0;)
    if (p->fact[i].rclaim_id == rclaim_id) {
      p->fact[i].has_denial |= p->fact[i].claim_id == claim_id;
      break;
    }
  sqlite3_stmt *st = q(p, Q_DENIAL);
  bn(st, 1, claim_id); bi(st, 2, line_id); bn(st, 3, rclaim_id);
  bt(st, 4, group); bt(st, 5, reason); bt(st, 6, remarks); bn(st, 7, amount);
  bi(st, 8, seg);
  return done(p, st, NULL, err, "store denial");
}

cc_code store_post_plb_add(store_post *p, int64_t remittance_id, int64_t seg,
                           const char *provider, const char *fiscal_date,
                           const char *reason, const char *reference,
                           int64_t amount, cc_err *err) {
  sqlite3_stmt *st = q(p, Q_PLB);
  bn(st, 1, remittance_id); bn(st, 2, seg); bt(st, 3, provider);
  bt(st, 4, fiscal_date); bt(st, 5, reason); bt(st, 6, reference);
  bn(st, 7, amount);
  return done(p, st, NULL, err, "store provider adjustment");
}

/* A statement of k rows: head, then k times row (the first without the
 * leading comma), then tail; made once per k. */
static cc_code multi_stmt(store_post *p, sqlite3_stmt **slot, size_t k,
                          const char *head, const char *row,
                          const char *tail, cc_err *err) {
  if (*slot) return CC_OK;
  cc_buf b;
  cc_buf_init(&b, 1 << 16);
  cc_code rc = cc_buf_puts(&b, head);
  for (size_t i = 0; !rc && i < k; i++)
    rc = cc_buf_puts(&b, row + (i == 0));
  if (!rc) rc = cc_buf_puts(&b, tail);
  if (rc) {
    cc_buf_free(&b);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", "posting");
  }
  int r = sqlite3_prepare_v3(p->s->db, b.p, (int)b.n,
                             SQLITE_PREPARE_PERSISTENT, slot, NULL);
  cc_buf_free(&b);
  return r == SQLITE_OK ? CC_OK : store_db_error(p->s, err, "prepare posting");
}

/* The waiting status changes: one UPDATE joined to the list, then their
 * history rows in order. A claim is never twice in one list. */
static cc_code flush_status(store_post *p, cc_err *err) {
  size_t k = p->nstat;
  if (!k) return CC_OK;
  cc_code rc;
  char tail[192], row[64];
  snprintf(tail, sizeof tail, ") UPDATE OR FAIL claim SET status=v.st,"
           "payer_claim_number=coalesce(v.pcn,claim.payer_claim_number),"
           "updated_at='%s' FROM v WHERE claim.id=v.id", stamp(p));
  snprintf(row, sizeof row, ",(?,?,'835',?,'%s')", stamp(p));
  if ((rc = multi_stmt(p, &p->smulti[k], k, "WITH v(id,st,pcn) AS (VALUES",
                       ",(?,?,?)", tail, err)) ||
      (rc = multi_stmt(p, &p->hmulti[k], k, "INSERT OR FAIL INTO "
                       "claim_status_history(claim_id,status,source,detail,"
                       "at) VALUES", row, "",
                       err)))
    return rc;
  sqlite3_stmt *u = p->smulti[k], *h = p->hmulti[k];
  sqlite3_reset(u); sqlite3_clear_bindings(u);
  sqlite3_reset(h); sqlite3_clear_bindings(h);
  for (size_t i = 0; i < k; i++) {
    const pend_status *w = &p->stat[i];
    int c = (int)(i * 3);
    bn(u, c + 1, w->claim_id); bt(u, c + 2, w->status); bt(u, c + 3, w->pcn);
    bn(h, c + 1, w->claim_id); bt(h, c + 2, w->status);
    bt(h, c + 3, w->detail);
  }
  p->nstat = 0;
  if ((rc = done(p, u, NULL, err, "update claim status"))) return rc;
  return done(p, h, NULL, err, "write claim history");
}

cc_code store_post_claim_status(store_post *p, int64_t claim_id,
                                const char *status, const char *payer_claim_no,
                                const char *detail, cc_err *err) {
  cc_code rc;
  for (size_t i = 0; i < p->nstat; i++)
    if (p->stat[i].claim_id == claim_id && (rc = flush_status(p, err)))
      return rc;
  touch(p, claim_id);
  pend_status *w = &p->stat[p->nstat++];
  w->claim_id = claim_id;
  copy_str(w->status, sizeof w->status, status);
  copy_str(w->pcn, sizeof w->pcn, payer_claim_no);
  copy_str(w->detail, sizeof w->detail, detail);
  return p->nstat == PEND_MAX ? flush_status(p, err) : CC_OK;
}

cc_code store_post_last_rclaim(store_post *p, int64_t claim_id,
                               int64_t payer_id, int64_t *id, int64_t *paid,
                               cc_err *err) {
  cc_code fr = flush_remit(p, err); /* it reads claim payments */
  if (fr) return fr;
  sqlite3_stmt *st = q(p, Q_LAST_RCLAIM);
  bn(st, 1, claim_id); bn(st, 2, payer_id);
  int rc = sqlite3_step(st);
  *id = 0; *paid = 0;
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(st, 0);
    *paid = sqlite3_column_int64(st, 1);
  } else if (rc != SQLITE_DONE) {
    return store_db_error(p->s, err, "find earlier posting");
  }
  sqlite3_reset(st);
  return CC_OK;
}

cc_code store_post_reverse(store_post *p, int64_t old, int64_t now,
                           const char *posted, int64_t file_id, int64_t seg,
                           int64_t *n, cc_err *err) {
  cc_code fr = flush(p, err); /* it copies entries, marks a payment */
  if (!fr) fr = flush_remit(p, err);
  if (fr) return fr;
  sqlite3_stmt *st = q(p, Q_REV_ENTRIES);
  bn(st, 1, old); bn(st, 2, now); bt(st, 3, posted); bn(st, 4, file_id);
  bn(st, 5, seg);
  bt(st, 6, stamp(p));
  cc_code rc = done(p, st, NULL, err, "reverse entries");
  if (rc) return rc;
  *n = sqlite3_changes(p->s->db);
  st = q(p, Q_REV_LEDGER);
  bn(st, 1, old); bn(st, 2, now);
  if ((rc = done(p, st, NULL, err, "reverse entries"))) return rc;
  st = q(p, Q_REV_SUMS);
  bn(st, 1, now);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW)
    sum_entry(p, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
              sqlite3_column_int64(st, 2),
              (const char *)sqlite3_column_text(st, 3),
              (const char *)sqlite3_column_text(st, 4),
              sqlite3_column_int64(st, 5),
              (const char *)sqlite3_column_text(st, 6), NULL);
  sqlite3_reset(st);
  if (r != SQLITE_DONE) return store_db_error(p->s, err, "reverse entries");
  st = q(p, Q_REV_MARK);
  bn(st, 1, old); bn(st, 2, now);
  if ((rc = done(p, st, NULL, err, "mark reversed"))) return rc;
  st = q(p, Q_REV_DENIALS);
  bn(st, 1, old);
  return done(p, st, NULL, err, "close reversed denials");
}

cc_code store_post_policy(store_post *p, store_policy_fn fn, void *ctx,
                          cc_err *err) {
  sqlite3_stmt *st = q(p, Q_POLICY);
  int rc;
  cc_code res = CC_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    res = fn(ctx, sqlite3_column_int64(st, 0),
             (const char *)sqlite3_column_text(st, 1),
             (const char *)sqlite3_column_text(st, 2),
             (const char *)sqlite3_column_text(st, 3));
    if (res) break;
  }
  if (res == CC_OK && rc != SQLITE_DONE)
    res = store_db_error(p->s, err, "read posting policy");
  sqlite3_reset(st);
  return res;
}

cc_code store_post_unapplied_get(store_post *p, int64_t id,
                                 store_unapplied_held *u, cc_err *err) {
  memset(u, 0, sizeof *u);
  sqlite3_stmt *st = q(p, Q_HELD_GET);
  bn(st, 1, id);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(st);
    return cc_err_set(err, CC_E_NOTFOUND, "no such unapplied payment",
                      "%lld (see cleanclaim ledger unapplied)", (long long)id);
  }
  if (rc != SQLITE_ROW) return store_db_error(p->s, err, "unapplied payment");
  u->remittance_id = sqlite3_column_int64(st, 0);
  u->file_id = sqlite3_column_int64(st, 1);
  u->segment_index = sqlite3_column_int64(st, 2);
  u->open = sqlite3_column_int(st, 3) != 0;
  col_copy(st, 4, u->claim_ref, sizeof u->claim_ref);
  col_copy(st, 6, u->posted, sizeof u->posted);
  const void *raw = sqlite3_column_blob(st, 5); /* then its size */
  u->n = (size_t)sqlite3_column_bytes(st, 5);
  u->content = malloc(u->n + 1);
  if (u->content) {
    if (u->n) memcpy(u->content, raw, u->n);
    u->content[u->n] = 0;
  }
  sqlite3_reset(st);
  if (!u->content) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s",
                                     "unapplied payment");
  return CC_OK;
}

cc_code store_post_unapplied_applied(store_post *p, int64_t id,
                                     int64_t claim_id, cc_err *err) {
  sqlite3_stmt *st = q(p, Q_HELD_APPLIED);
  bn(st, 1, id); bn(st, 2, claim_id);
  return done(p, st, NULL, err, "apply unapplied payment");
}

cc_code store_post_unapplied_add(store_post *p, const store_unapplied_rec *u,
                                 cc_err *err) {
  sqlite3_stmt *st = q(p, Q_UNAPPLIED);
  bn(st, 1, u->remittance_id); bn(st, 2, u->file_id);
  bn(st, 3, u->segment_index); bt(st, 4, u->claim_ref);
  bt(st, 5, u->status_code); bn(st, 6, u->charge_cents);
  bn(st, 7, u->paid_cents); bn(st, 8, u->patient_resp_cents);
  bt(st, 9, u->payer_claim_number); bt(st, 10, u->patient_last);
  bt(st, 11, u->patient_first); bt(st, 12, u->member_id);
  bt(st, 13, u->posted); bt(st, 14, u->reason);
  return done(p, st, NULL, err, "hold unapplied payment");
}

cc_code store_post_balances(store_post *p, int64_t claim_id, int64_t payer_id,
                            store_balance_fn fn, void *ctx, cc_err *err) {
  cc_code rc = flush(p, err); /* it sums entries */
  if (rc) return rc;
  sqlite3_stmt *st = q(p, Q_BALANCES);
  bn(st, 1, claim_id); bn(st, 2, payer_id);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW)
    if ((rc = fn(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                 sqlite3_column_int64(st, 2))))
      break;
  if (!rc && r != SQLITE_DONE) rc = store_db_error(p->s, err, "read balances");
  sqlite3_reset(st);
  return rc;
}
