/* scrub_params.c - the few rule parameters that are published policy lists
 * rather than loadable files, kept here as data with where they come from. */
#include "scrub_int.h"

/* NCCI-associated modifiers: with PTP modifier indicator 1, a pair is
 * allowed when one of its lines carries one of these. */
const char *const scrub_ncci_modifiers[] = {
    /* anatomic */
    "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7",
    "F8", "F9", "TA", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
    "LT", "RT", "LC", "LD", "RC", "LM", "RI",
    /* global surgery */
    "24", "25", "57", "58", "78", "79",
    /* other */
    "27", "59", "XE", "XP", "XS", "XU", "91", NULL};
const char scrub_ncci_modifiers_source[] =
    "CMS NCCI Policy Manual, NCCI-associated modifiers (as listed in "
    "data/README.md)";

/* Days before the payer's filing limit from which a claim is flagged. */
const int scrub_timely_warning_days = 15;
const char scrub_timely_warning_source[] =
    "cleanclaim policy: warn within 15 days of the filing limit";
