/* payersim_state.c - the simulator's memory between runs as one text file
 * (tab-separated records, one per line): counters, plan-year accumulators
 * and every adjudication with its lines, so duplicates are recognised,
 * reversals can undo a claim and 835s wait for their pay date. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "payersim_int.h"

#define STATE_MAGIC "cleanclaim-payersim-state\t1"

/* Text fields come from X12 elements; a tab or line break would break the
 * record, so it is written as a blank. */
static void put(FILE *f, const char *s) {
  fputc('\t', f);
  for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}
static void putn(FILE *f, long long v) { fprintf(f, "\t%lld", v); }

static void put_cas(FILE *f, const cc_payersim_cas *c, uint16_t n) {
  fputc('\t', f);
  for (uint16_t i = 0; i < n; i++)
    fprintf(f, "%s%s:%s:%lld", i ? "," : "", c[i].group, c[i].reason,
            (long long)c[i].amount.cents);
}

cc_code cc_payersim_save_state(const cc_payersim *ps, const char *path,
                               cc_err *err) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "w");
  if (!f)
    return cc_err_set(err, CC_E_IO, "cannot write the simulator state",
                      "%s: %s", tmp, strerror(errno));
  fprintf(f, "%s\n", STATE_MAGIC);
  fprintf(f, "counters\t%u\t%u\t%u\n", ps->isa_ctl, ps->claim_seq,
          ps->check_seq);
  for (size_t i = 0; i < ps->n_acc; i++) {
    const ps_accum *a = &ps->acc[i];
    fputs("acc", f);
    put(f, a->payer);
    put(f, a->member);
    putn(f, a->year);
    putn(f, a->ded.cents);
    putn(f, a->oop.cents);
    fputc('\n', f);
  }
  for (size_t i = 0; i < ps->n_adj; i++) {
    const cc_payersim_adj *a = ps->adj[i];
    char fr[2] = {a->frequency, 0};
    fputs("adj", f);
    const char *txt[] = {a->pcn, a->status, a->payer_claim_no, a->payer_id,
                         a->member_id, a->patient_last, a->patient_first,
                         a->billing_npi, a->billing_name, a->submitter_id,
                         a->submitter_qual, a->filing, a->facility_code, fr,
                         a->denial};
    for (size_t k = 0; k < sizeof txt / sizeof *txt; k++) put(f, txt[k]);
    const long long num[] = {a->charge.cents, a->paid.cents,
                             a->patient_resp.cents, a->allowed.cents,
                             a->deductible.cents, a->oop.cents, a->plan_year,
                             a->received, a->pay_date, a->first, a->last,
                             a->released, a->reversed, a->n_lines};
    for (size_t k = 0; k < sizeof num / sizeof *num; k++) putn(f, num[k]);
    put_cas(f, a->cas, a->n_cas);
    putn(f, a->reprocessed);
    fputc('\n', f);
    for (uint32_t k = 0; k < a->n_lines; k++) {
      const cc_payersim_line *l = &a->lines[k];
      fputs("line", f);
      const char *lt[] = {l->proc_qual, l->proc, l->mod[0], l->mod[1],
                          l->mod[2], l->mod[3], l->revenue, l->line_control};
      for (size_t j = 0; j < sizeof lt / sizeof *lt; j++) put(f, lt[j]);
      const long long ln[] = {l->lx, l->charge.cents, l->allowed.cents,
                              l->paid.cents, l->units_milli, l->from, l->to,
                              l->copay.cents, l->deductible.cents,
                              l->coinsurance.cents};
      for (size_t j = 0; j < sizeof ln / sizeof *ln; j++) putn(f, ln[j]);
      put_cas(f, l->cas, l->n_cas);
      fputc('\t', f);
      for (uint16_t r = 0; r < l->n_remarks; r++)
        fprintf(f, "%s%s", r ? "," : "", l->remarks[r]);
      fputc('\n', f);
    }
  }
  bool bad = ferror(f) != 0;
  if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
    remove(tmp);
    return cc_err_set(err, CC_E_IO, "cannot write the simulator state",
                      "%s: %s", path, strerror(errno));
  }
  return CC_OK;
}

/* Split a line on tabs in place; returns the field count. */
static size_t split(char *s, char **f, size_t max) {
  size_t n = 0;
  f[n++] = s;
  for (; *s; s++)
    if (*s == '\t' && n < max) {
      *s = '\0';
      f[n++] = s + 1;
    }
  return n;
}

static void cp(char *dst, size_t cap, const char *s) {
  snprintf(dst, cap, "%s", s);
}

static long long num(const char *s) { return strtoll(s, NULL, 10); }

static uint16_t get_cas(char *s, cc_payersim_cas *c) {
  uint16_t n = 0;
  for (char *tok = strtok(s, ","); tok && n < CC_PAYERSIM_MAX_CAS;
       tok = strtok(NULL, ",")) {
    char *r = strchr(tok, ':');
    char *a = r ? strchr(r + 1, ':') : NULL;
    if (!a) continue;
    *r = *a = '\0';
    cp(c[n].group, sizeof c[n].group, tok);
    cp(c[n].reason, sizeof c[n].reason, r + 1);
    c[n].amount = CC_MONEY(num(a + 1));
    n++;
  }
  return n;
}

static cc_code bad(const char *path, uint32_t line, cc_err *err) {
  cc_code rc = cc_err_set(err, CC_E_SYNTAX,
                          "the simulator state file is damaged",
                          "%s line %u: remove it to start over", path, line);
  if (err) err->line = line;
  return rc;
}

cc_code cc_payersim_load_state(cc_payersim *ps, const char *path,
                               cc_err *err) {
  FILE *f = fopen(path, "r");
  if (!f) {
    if (errno == ENOENT) return CC_OK;
    return cc_err_set(err, CC_E_IO, "cannot read the simulator state",
                      "%s: %s", path, strerror(errno));
  }
  char *buf = NULL;
  size_t cap = 0;
  ssize_t len;
  uint32_t lineno = 0;
  cc_payersim_adj *a = NULL;
  uint32_t next_line = 0;
  cc_code rc = CC_OK;
  while (rc == CC_OK && (len = getline(&buf, &cap, f)) >= 0) {
    lineno++;
    if (len && buf[len - 1] == '\n') buf[--len] = '\0';
    if (lineno == 1) {
      if (strcmp(buf, STATE_MAGIC)) rc = bad(path, lineno, err);
      continue;
    }
    char *v[48];
    size_t n = split(buf, v, 48);
    if (!strcmp(v[0], "counters") && n == 4) {
      ps->isa_ctl = (uint32_t)num(v[1]);
      ps->claim_seq = (uint32_t)num(v[2]);
      ps->check_seq = (uint32_t)num(v[3]);
    } else if (!strcmp(v[0], "acc") && n == 6) {
      ps_accum *ac = payersim_accum(ps, v[1], v[2], (int)num(v[3]));
      if (!ac) rc = CC_E_NOMEM;
      else {
        ac->ded = CC_MONEY(num(v[4]));
        ac->oop = CC_MONEY(num(v[5]));
      }
    } else if (!strcmp(v[0], "adj") && (n == 31 || n == 32)) {
      /* 32 fields since payer reprocessing; older files have 31 */
      long long nl = num(v[29]);
      if (nl < 0 || nl > CC_CLAIM_MAX_LINES) {
        rc = bad(path, lineno, err);
        break;
      }
      a = payersim_new_adj(ps, (uint32_t)nl);
      if (!a) {
        rc = CC_E_NOMEM;
        break;
      }
      cp(a->pcn, sizeof a->pcn, v[1]);
      cp(a->status, sizeof a->status, v[2]);
      cp(a->payer_claim_no, sizeof a->payer_claim_no, v[3]);
      cp(a->payer_id, sizeof a->payer_id, v[4]);
      cp(a->member_id, sizeof a->member_id, v[5]);
      cp(a->patient_last, sizeof a->patient_last, v[6]);
      cp(a->patient_first, sizeof a->patient_first, v[7]);
      cp(a->billing_npi, sizeof a->billing_npi, v[8]);
      cp(a->billing_name, sizeof a->billing_name, v[9]);
      cp(a->submitter_id, sizeof a->submitter_id, v[10]);
      cp(a->submitter_qual, sizeof a->submitter_qual, v[11]);
      cp(a->filing, sizeof a->filing, v[12]);
      cp(a->facility_code, sizeof a->facility_code, v[13]);
      a->frequency = v[14][0];
      cp(a->denial, sizeof a->denial, v[15]);
      a->charge = CC_MONEY(num(v[16]));
      a->paid = CC_MONEY(num(v[17]));
      a->patient_resp = CC_MONEY(num(v[18]));
      a->allowed = CC_MONEY(num(v[19]));
      a->deductible = CC_MONEY(num(v[20]));
      a->oop = CC_MONEY(num(v[21]));
      a->plan_year = (int)num(v[22]);
      a->received = (cc_day)num(v[23]);
      a->pay_date = (cc_day)num(v[24]);
      a->first = (cc_day)num(v[25]);
      a->last = (cc_day)num(v[26]);
      a->released = num(v[27]) != 0;
      a->reversed = num(v[28]) != 0;
      a->n_cas = get_cas(v[30], a->cas);
      a->reprocessed = n == 32 && num(v[31]) != 0;
      next_line = 0;
    } else if (!strcmp(v[0], "line") && n == 21 && a &&
               next_line < a->n_lines) {
      cc_payersim_line *l = &a->lines[next_line++];
      cp(l->proc_qual, sizeof l->proc_qual, v[1]);
      cp(l->proc, sizeof l->proc, v[2]);
      for (int m = 0; m < 4; m++) cp(l->mod[m], sizeof l->mod[m], v[3 + m]);
      cp(l->revenue, sizeof l->revenue, v[7]);
      cp(l->line_control, sizeof l->line_control, v[8]);
      l->lx = (uint32_t)num(v[9]);
      l->charge = CC_MONEY(num(v[10]));
      l->allowed = CC_MONEY(num(v[11]));
      l->paid = CC_MONEY(num(v[12]));
      l->units_milli = num(v[13]);
      l->from = (cc_day)num(v[14]);
      l->to = (cc_day)num(v[15]);
      l->copay = CC_MONEY(num(v[16]));
      l->deductible = CC_MONEY(num(v[17]));
      l->coinsurance = CC_MONEY(num(v[18]));
      l->n_cas = get_cas(v[19], l->cas);
      for (char *tok = strtok(v[20], ","); tok &&
                                           l->n_remarks < CC_PAYERSIM_MAX_REMARKS;
           tok = strtok(NULL, ","))
        cp(l->remarks[l->n_remarks++], 8, tok);
    } else if (v[0][0]) {
      rc = bad(path, lineno, err);
    }
  }
  free(buf);
  fclose(f);
  if (rc == CC_E_NOMEM)
    return cc_err_set(err, rc, "out of memory", "%s", path);
  if (rc == CC_OK && lineno == 0) return bad(path, 1, err);
  return rc;
}
