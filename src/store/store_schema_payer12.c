/* store_schema_payer12.c - migration 12: a payer rule saying whether and
 * within how many days visits may be billed together on one claim. Never
 * edit once released. */

/* 0 (the default) = never: each visit is its own claim, as before. */
const char store_sql_v12_combine[] =
    "ALTER TABLE payer ADD COLUMN combine_visits_days INTEGER NOT NULL "
    "DEFAULT 0 CHECK (combine_visits_days BETWEEN 0 AND 365);";
