/* store_remit_prefetch.h - private to store: 835 posting's claim lookups
 * run ahead on another thread and connection (store_remit_prefetch.c). */
#ifndef CC_STORE_REMIT_PREFETCH_H
#define CC_STORE_REMIT_PREFETCH_H
#include <sqlite3.h>

#include "store_remit.h"

/* The lookups, shared by the posting's own connection and the
 * prefetch's (store_remit.c): claim by control number (?1), its lines
 * (?1 = claim id), the next coverage's payer (store_post_next_payer), a
 * claim's open balances (?1 = claim id; party, cents). */
extern const char store_sql_post_claim[], store_sql_post_lines[],
    store_sql_post_next_payer[], store_sql_post_balances[];
/* A row of each into its struct; a line's strings are the statement's. */
void store_post_claim_row(sqlite3_stmt *st, store_post_claim *c);
void store_post_line_row(sqlite3_stmt *st, store_post_line *l);
/* Binds store_post_next_payer's arguments (day and after may be NULL/""). */
void store_post_next_payer_bind(sqlite3_stmt *st, int64_t patient_id,
                                const char *after, const char *day,
                                int64_t payer_id);

typedef struct store_prefetch store_prefetch;
/* What the prefetch found for one control number. */
enum { STORE_PF_BALANCES = 4 };
typedef struct store_prefetched {
  bool found;
  store_post_claim cl;
  int64_t next_payer;
  size_t nline;
  /* The claim's open balances (ar_balance) as the transaction found them:
   * posting writes that table only at its end (store_post_write_sums),
   * so these are still true then. bal_known false: more parties than
   * fit, or the lookup failed. */
  bool bal_known;
  size_t nbal;
  int64_t bal_party[STORE_PF_BALANCES], bal_cents[STORE_PF_BALANCES];
} store_prefetched;

/* Starts looking up keys[0..n) (control numbers, borrowed until
 * store_prefetch_stop) in that order on
 * a read-only connection of db's file. Call inside the posting's write
 * transaction: no other writer can commit until it ends, so what the
 * prefetch reads is what the transaction started from. NULL when it
 * cannot run (a database in memory or not in WAL mode, no thread, no
 * memory): the posting then looks everything up itself. */
store_prefetch *store_prefetch_start(sqlite3 *db, const char *const *keys,
                                     size_t n);
/* The claim with this control number when it is the next one asked for
 * (earlier keys not asked for are skipped: their set was posted before);
 * waits for the lookup. NULL when the key is not ahead or its lookup
 * failed. Valid until the next call. */
const store_prefetched *store_prefetch_take(store_prefetch *f,
                                            const char *key);
/* Line i of what take returned last; strings valid until the next take. */
void store_prefetch_line(const store_prefetch *f, size_t i,
                         store_post_line *l);
/* Stops the thread and closes its connection. NULL is a no-op. */
void store_prefetch_stop(store_prefetch *f);

#endif
