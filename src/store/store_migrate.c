/* store_migrate.c - the ordered list of schema migrations. Each migration's
 * SQL lives beside the statements that use it (store_schema_*.c). */
#include "store_int.h"

extern const char store_sql_v1_practice[]; /* store_schema_practice.c */
extern const char store_sql_v2_codes[];    /* store_schema_codes.c */
extern const char store_sql_v3_cycle[];    /* store_submit_schema.c */
extern const char store_sql_v4_ledger[];   /* store_ledger_schema.c */
extern const char store_sql_v5_claims[];   /* store_schema_claims.c */
extern const char store_sql_v6_report[];   /* store_report_schema.c */
extern const char store_sql_v7_queue[];    /* store_queue_schema.c */
extern const char store_sql_v8_unapplied[]; /* store_ledger_schema8.c */
extern const char store_sql_v9_scrub[];     /* store_scrub_schema.c */
extern const char store_sql_v10_ledger_speed[]; /* store_ledger_schema10.c */
extern const char store_sql_v11_aging[];   /* store_ledger_schema11.c */
extern const char store_sql_v12_combine[]; /* store_schema_payer12.c */
extern const char store_sql_v13_fewer_indexes[]; /* store_ledger_schema13.c */
extern const char store_sql_v14_open_balances[]; /* store_ledger_schema14.c */
extern const char store_sql_v15_apply_role[]; /* store_queue_schema15.c */

const store_migration store_migrations[] = {
    {1, "practice", store_sql_v1_practice},
    {2, "codes", store_sql_v2_codes},
    {3, "cycle", store_sql_v3_cycle},
    {4, "ledger", store_sql_v4_ledger},
    {5, "claims", store_sql_v5_claims},
    {6, "report", store_sql_v6_report},
    {7, "queue", store_sql_v7_queue},
    {8, "unapplied cash", store_sql_v8_unapplied},
    {9, "scrub findings", store_sql_v9_scrub},
    {10, "ledger speed and first facts", store_sql_v10_ledger_speed},
    {11, "age dates on balances", store_sql_v11_aging},
    {12, "combine visits rule", store_sql_v12_combine},
    {13, "fewer ledger and claim indexes", store_sql_v13_fewer_indexes},
    {14, "open balances only", store_sql_v14_open_balances},
    {15, "who may apply unapplied cash", store_sql_v15_apply_role},
};
const int store_n_migrations = sizeof store_migrations / sizeof *store_migrations;
