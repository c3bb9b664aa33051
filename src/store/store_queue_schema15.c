/* store_queue_schema15.c - migration 15: who may apply unapplied cash to a
 * claim (cc_remit_apply_unapplied). Never edit once released. */
const char store_sql_v15_apply_role[] =
    "INSERT INTO action_role VALUES ('apply','admin'),('apply','biller');";
