/* queue.h - denial work queues: 835 denials, 999/277CA rejections and
 * underpaid lines grouped by category, each with its CARC/RARC text, the
 * recommended action, assignee, follow-up date, notes and history; the
 * actions that work them (corrected claim, void, appeal, write-off,
 * transfer to the patient) and appeal letters. See docs/DENIALS.md. */
#ifndef CLEANCLAIM_QUEUE_H
#define CLEANCLAIM_QUEUE_H

#include "core.h"
#include "store.h"

/* One work item as people read it. Text is copied (NUL-terminated). */
typedef struct cc_queue_item {
  int64_t id, claim_id;
  char claim[39];          /* claim control number (CLM01) */
  char payer_claim[51];    /* CLP07 of the denial, "" when none */
  char patient[41];        /* account number */
  char patient_name[80];   /* "Last, First" */
  char payer[81];          /* payer ID */
  char payer_name[81];
  char source[16];         /* "835", "999", "277CA", "underpayment" */
  char category[24];       /* authorization, coding, eligibility,
                              duplicate, timely_filing, missing_information,
                              non_covered, underpayment, other */
  char group[3];           /* CAS group (CO, PR, OA, PI) */
  char carc[8];            /* reason code; 277CA: the STC status code */
  char carc_text[400];     /* from the loaded CARC list; "" when unknown */
  char rarc[64];           /* remark codes, space separated */
  char rarc_text[600];     /* "N54: text; M15: text" */
  char action[12];         /* recommended: correct, void, appeal,
                              writeoff, patient */
  char recommendation[300];
  int line_no;             /* service line, 0 = the claim */
  char code[49];           /* the line's procedure code */
  char service_date[11];
  cc_money amount;         /* denied amount, or underpaid by */
  cc_money expected, paid; /* underpayment: schedule pays, payer paid */
  bool has_expected;
  char denied[11];         /* date of the denial */
  char deadline[11];       /* appeal deadline, "" when none */
  char status[12];         /* open, appealed, resolved */
  char resolution[80];
  char assignee[64];       /* username, "" when none */
  char follow_up[11];      /* "" when none */
} cc_queue_item;

typedef struct cc_queue_filter {
  const char *category;  /* NULL = all */
  const char *status;    /* NULL = open and appealed; "all" = every item */
  const char *assignee;  /* username; NULL = anyone */
  const char *payer;     /* payer ID; NULL = all */
  const char *due_by;    /* follow-up on or before this day; NULL = any */
} cc_queue_filter;

typedef struct cc_queue_refresh_result {
  uint32_t denials, rejections, underpayments; /* items added */
} cc_queue_refresh_result;

/* Add an item for every open 835 denial, every 999/277CA rejection of a
 * claim still rejected, and every paid line below its fee schedule that
 * has none yet; categories and appeal deadlines come from the data tables
 * (carc_category, reject_category, appeal_policy). Idempotent. */
cc_code cc_queue_refresh(cc_store *s, cc_queue_refresh_result *res,
                         cc_err *err) CC_WARN_UNUSED;

/* Items matching f (NULL = open items), by category then follow-up date,
 * then id. item is borrowed for the call; fn returns non-zero to stop. */
typedef int (*cc_queue_item_fn)(void *ctx, const cc_queue_item *item);
cc_code cc_queue_list(cc_store *s, const cc_queue_filter *f,
                      cc_queue_item_fn fn, void *ctx,
                      cc_err *err) CC_WARN_UNUSED;
/* One item; CC_E_NOTFOUND when there is none. */
cc_code cc_queue_get(cc_store *s, int64_t id, cc_queue_item *out,
                     cc_err *err) CC_WARN_UNUSED;

/* One line of an item's history (notes are events with action "note"). */
typedef struct cc_queue_event {
  char at[21];
  char user[64];
  char action[16];
  const char *detail; /* borrowed for the call */
} cc_queue_event;
typedef void (*cc_queue_event_fn)(void *ctx, const cc_queue_event *ev);
cc_code cc_queue_history(cc_store *s, int64_t id, cc_queue_event_fn fn,
                         void *ctx, cc_err *err) CC_WARN_UNUSED;

/* Item, its history and appeals as one JSON document, appended to out. */
cc_code cc_queue_item_json(cc_store *s, int64_t id, cc_buf *out,
                           cc_err *err) CC_WARN_UNUSED;

/* Assign to a user (assignee NULL keeps it, "" clears) and set the
 * follow-up day (NULL keeps it). user is the acting user; CC_E_DENIED when
 * the role may not assign. */
cc_code cc_queue_assign(cc_store *s, int64_t id, const char *user,
                        const char *assignee, const char *follow_up,
                        cc_err *err) CC_WARN_UNUSED;
cc_code cc_queue_note(cc_store *s, int64_t id, const char *user,
                      const char *text, cc_err *err) CC_WARN_UNUSED;

typedef enum cc_queue_action {
  CC_QUEUE_CORRECT = 0, /* corrected claim, frequency 7 (a rejection:
                           the same claim back to ready) */
  CC_QUEUE_VOID,        /* void claim, frequency 8 */
  CC_QUEUE_APPEAL,      /* appeal letter; the balance stays with the payer */
  CC_QUEUE_WRITEOFF,    /* write the amount off (reason required) */
  CC_QUEUE_PATIENT      /* move the amount to the patient */
} cc_queue_action;
const char *cc_queue_action_name(cc_queue_action a);
bool cc_queue_action_parse(const char *name, cc_queue_action *out);

typedef struct cc_queue_act_opts {
  const char *user;         /* acting user (app_user.username); required */
  const char *reason;       /* write-off reason; required for writeoff */
  const char *argument;     /* appeal: why the payer should pay */
  const char *date;         /* posting date "YYYY-MM-DD"; NULL = today */
  const char *template_dir; /* NULL: $CLEANCLAIM_TEMPLATES, data/templates */
  const char *pdf_path;     /* appeal: also write the letter here as PDF */
  int64_t amount_cents;     /* writeoff/patient: 0 = the item's amount */
} cc_queue_act_opts;

typedef struct cc_queue_act_result {
  int64_t new_claim_id;  /* correct/void: the claim made */
  char new_claim[39];
  cc_money amount;       /* moved or written off */
  int64_t appeal_id;
  uint32_t pdf_pages;
  char *letter;          /* appeal: the letter text, returns owned (free) */
} cc_queue_act_result;

/* Work item id with action a, in one transaction: ledger entries (write-
 * off, transfer, the original's payer balance closed by a corrected or
 * void claim), the claim's status history, the item's history and status.
 * CC_E_DENIED when the user's role may not take the action (action_role),
 * CC_E_INVALID when the item is resolved or the action does not fit. */
cc_code cc_queue_act(cc_store *s, int64_t id, cc_queue_action a,
                     const cc_queue_act_opts *o, cc_queue_act_result *res,
                     cc_err *err) CC_WARN_UNUSED;

/* The appeal letter for item id as text (template appeal_letter.txt):
 * practice, payer, patient, claim, dates and charges, the denial reason
 * with CARC/RARC text, the argument, the documents attached (the claim's
 * authorization and referral and their files), the deadline. Appends to
 * out; writes nothing to the database. */
cc_code cc_queue_appeal_letter(cc_store *s, int64_t id, const char *argument,
                               const char *user, const char *template_dir,
                               cc_buf *out, cc_err *err) CC_WARN_UNUSED;

/* Users of the practice (app_user): a login name, a display name (signs
 * appeal letters) and a role that action_role checks: admin, biller,
 * front_desk, coder or viewer. Passwords come with the auth module. */
typedef struct cc_queue_user {
  int64_t id;
  char username[64];
  char display_name[128];
  char role[16];
  bool active;
} cc_queue_user;

/* Add a user (display_name NULL or "" = none). CC_E_INVALID for a role
 * not in the list or a name that is empty, longer than 63 characters or
 * holds characters other than letters, digits and . _ - @; CC_E_EXISTS
 * when the name is taken (nothing changed). *id may be NULL. */
cc_code cc_queue_user_add(cc_store *s, const char *username,
                          const char *display_name, const char *role,
                          int64_t *id, cc_err *err) CC_WARN_UNUSED;

/* Call fn for every user, by name. fn returns non-zero to stop. */
cc_code cc_queue_user_list(cc_store *s,
                           int (*fn)(void *ctx, const cc_queue_user *u),
                           void *ctx, cc_err *err) CC_WARN_UNUSED;

#endif
