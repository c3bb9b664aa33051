/* payersim_write.c - what the payer sends back, as X12: the 835 remittance
 * (balanced: BPR02 = sum CLP04 - PLB, CLP03 - CLP04 = CAS, SVC02 - SVC03 =
 * line CAS) and the 277CA claim acknowledgment. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "payersim_int.h"

/* Written raw so that composites ("HC:99213:25", "A2:20:PR") keep their
 * component separators; values with an element separator or terminator
 * are still refused. */
void payersim_seg(cc_x12_writer *w, const char *id, ...) {
  cc_slice v[CC_MAX_ELEMENTS_PER_SEGMENT];
  size_t n = 0;
  va_list ap;
  va_start(ap, id);
  for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
    if (n < CC_MAX_ELEMENTS_PER_SEGMENT) v[n++] = cc_slice_cstr(s);
  va_end(ap);
  (void)cc_x12_write_raw(w, id, n, v);
}

const cc_x12_delims payersim_delims = {'*', '^', ':', '~'};

void payersim_open(cc_x12_writer *w, cc_buf *b, const payersim_env *e,
                   cc_err *err) {
  cc_x12_writer_init(w, b, payersim_delims, "\n", err);
  cc_x12_envelope env = {0};
  env.sender_qual = e->sender_qual[0] ? e->sender_qual : "ZZ";
  env.sender_id = e->sender;
  env.receiver_qual = e->receiver_qual[0] ? e->receiver_qual : "ZZ";
  env.receiver_id = e->receiver;
  env.func_id = e->func;
  env.version = e->version;
  env.isa_control = env.gs_control = e->ctl;
  env.date = e->date;
  env.hhmm = 1200;
  env.usage = e->usage ? e->usage : 'T';
  (void)cc_x12_write_open(w, &env);
}

void payersim_close(cc_x12_writer *w, const payersim_env *e) {
  cc_x12_envelope env = {0};
  env.isa_control = env.gs_control = e->ctl;
  (void)cc_x12_write_close(w, &env, 1);
}

void payersim_files_add(cc_payersim_files *f, const char *kind, uint32_t ctl,
                        cc_buf *data) {
  if (f->n == f->cap) {
    size_t cap = f->cap ? f->cap * 2 : 8;
    cc_payersim_file *v = realloc(f->v, cap * sizeof *v);
    if (!v) {
      cc_buf_free(data);
      return;
    }
    f->v = v;
    f->cap = cap;
  }
  cc_payersim_file *x = &f->v[f->n++];
  memset(x, 0, sizeof *x);
  snprintf(x->kind, sizeof x->kind, "%s", kind);
  char ext[8];
  size_t i = 0;
  for (; kind[i] && i < sizeof ext - 1; i++)
    ext[i] = (char)(kind[i] >= 'A' && kind[i] <= 'Z' ? kind[i] + 32 : kind[i]);
  ext[i] = '\0';
  snprintf(x->name, sizeof x->name, "%09u.%s", ctl, ext);
  x->data = *data;
  cc_buf_init(data, data->limit);
}

void cc_payersim_files_free(cc_payersim_files *f) {
  if (!f) return;
  for (size_t i = 0; i < f->n; i++) cc_buf_free(&f->v[i].data);
  free(f->v);
  f->v = NULL;
  f->n = f->cap = 0;
}

char *payersim_amt(cc_money m, char buf[24]) { return cc_money_x12(m, buf); }

/* Units as X12 writes a quantity: 1000 -> "1", 1500 -> "1.5". */
static char *units(int64_t milli, char buf[32]) {
  if (milli <= 0) milli = 1000;
  if (milli % 1000 == 0) {
    snprintf(buf, 32, "%lld", (long long)(milli / 1000));
  } else {
    int64_t f = milli % 1000;
    int w = 3;
    while (f % 10 == 0) {
      f /= 10;
      w--;
    }
    snprintf(buf, 32, "%lld.%0*lld", (long long)(milli / 1000), w,
             (long long)f);
  }
  return buf;
}

/* CAS segments: one per group code, up to six reason/amount pairs each
 * (the quantity of each triplet left empty). */
static void write_cas(cc_x12_writer *w, const cc_payersim_cas *cas,
                      uint16_t n) {
  static const char *groups[] = {"CO", "OA", "PI", "PR"};
  for (size_t g = 0; g < 4; g++) {
    const char *v[19];
    v[0] = "";
    char amt[6][24];
    size_t k = 0, pairs = 0;
    v[k++] = groups[g];
    for (uint16_t i = 0; i < n; i++) {
      if (strcmp(cas[i].group, groups[g]) || cas[i].amount.cents == 0)
        continue;
      if (pairs == 6) { /* a seventh reason starts another segment */
        (void)cc_x12_write(w, "CAS", k, v);
        k = 1;
        pairs = 0;
      }
      if (pairs) v[k++] = "";
      v[k++] = cas[i].reason;
      v[k++] = cc_money_x12(cas[i].amount, amt[pairs]);
      pairs++;
    }
    if (pairs) (void)cc_x12_write(w, "CAS", k, v);
  }
}

static void write_clp(cc_x12_writer *w, const cc_payersim_adj *a) {
  char ch[24], pd[24], pr[24], fr[2] = {a->frequency ? a->frequency : '1', 0};
  payersim_seg(w, "CLP", a->pcn, a->status, cc_money_x12(a->charge, ch),
               cc_money_x12(a->paid, pd), cc_money_x12(a->patient_resp, pr),
               a->filing[0] ? a->filing : "12", a->payer_claim_no,
               a->facility_code, fr, NULL);
  write_cas(w, a->cas, a->n_cas);
  payersim_seg(w, "NM1", "QC", "1", a->patient_last[0] ? a->patient_last
                                                       : "UNKNOWN",
               a->patient_first, "", "", "", "MI", a->member_id, NULL);
  char d8[9];
  payersim_seg(w, "DTM", "050", cc_date_d8(a->received, d8), NULL);
  for (uint32_t k = 0; k < a->n_lines; k++) {
    const cc_payersim_line *l = &a->lines[k];
    char proc[80], u[32], lc[24], lp[24], al[24];
    if (!strcmp(l->proc_qual, "NU"))
      snprintf(proc, sizeof proc, "NU:%s", l->revenue);
    else {
      int n = snprintf(proc, sizeof proc, "%s:%s", l->proc_qual, l->proc);
      int last = 0;
      for (int m = 0; m < 4; m++)
        if (l->mod[m][0]) last = m + 1;
      for (int m = 0; m < last && n > 0 && (size_t)n < sizeof proc; m++)
        n += snprintf(proc + n, sizeof proc - (size_t)n, ":%s", l->mod[m]);
    }
    bool rev = strcmp(l->proc_qual, "NU") && l->revenue[0];
    payersim_seg(w, "SVC", proc, cc_money_x12(l->charge, lc),
                 cc_money_x12(l->paid, lp), rev ? l->revenue : "",
                 units(l->units_milli, u), NULL);
    char f8[9], t8[9];
    if (l->from && l->to && l->to != l->from) {
      payersim_seg(w, "DTM", "150", cc_date_d8(l->from, f8), NULL);
      payersim_seg(w, "DTM", "151", cc_date_d8(l->to, t8), NULL);
    } else if (l->from) {
      payersim_seg(w, "DTM", "472", cc_date_d8(l->from, f8), NULL);
    }
    write_cas(w, l->cas, l->n_cas);
    if (l->line_control[0]) payersim_seg(w, "REF", "6R", l->line_control, NULL);
    payersim_seg(w, "AMT", "B6", cc_money_x12(l->allowed, al), NULL);
    for (uint16_t r = 0; r < l->n_remarks; r++)
      payersim_seg(w, "LQ", "HE", l->remarks[r], NULL);
  }
}

/* One interchange with one 835 for adjudications of one payer, one
 * receiver and one payee (billing NPI). */
cc_code payersim_write_835(cc_payersim *ps, const ps_profile *p,
                           cc_payersim_adj **adj, size_t n, cc_day date,
                           cc_payersim_files *out, cc_err *err) {
  cc_buf b;
  cc_buf_init(&b, CC_MAX_X12_INTERCHANGE);
  cc_x12_writer w;
  payersim_env e = {0};
  snprintf(e.sender, sizeof e.sender, "%.15s", p->payer_id);
  snprintf(e.receiver, sizeof e.receiver, "%s",
           adj[0]->submitter_id[0] ? adj[0]->submitter_id : "PROVIDER");
  snprintf(e.receiver_qual, sizeof e.receiver_qual, "%s",
           adj[0]->submitter_qual);
  e.func = "HP";
  e.version = "005010X221A1";
  e.ctl = ++ps->isa_ctl;
  e.date = date;
  payersim_open(&w, &b, &e, err);
  (void)cc_x12_write_st(&w, "835", "0001", NULL);
  int64_t total = 0;
  for (size_t i = 0; i < n; i++) total += adj[i]->paid.cents;
  char amt[24], d8[9], trn03[11], check[16];
  cc_date_d8(date, d8);
  snprintf(trn03, sizeof trn03, "1%s", p->tax_id);
  snprintf(check, sizeof check, "%010u", ++ps->check_seq);
  cc_money bpr = CC_MONEY(total > 0 ? total : 0);
  cc_money_x12(bpr, amt);
  if (bpr.cents == 0)
    payersim_seg(&w, "BPR", "H", amt, "C", "NON", "", "", "", "", "", "", "",
                 "", "", "", "", d8, NULL);
  else if (!strcmp(p->method, "ACH"))
    payersim_seg(&w, "BPR", "I", amt, "C", "ACH", "CCP", "01", "999999992",
                 "DA", "123456789", trn03, "", "01", "999999992", "DA",
                 "987654321", d8, NULL);
  else
    payersim_seg(&w, "BPR", "C", amt, "C", "CHK", "", "", "", "", "", "", "",
                 "", "", "", "", d8, NULL);
  payersim_seg(&w, "TRN", "1", check, trn03, NULL);
  payersim_seg(&w, "DTM", "405", d8, NULL);
  payersim_seg(&w, "N1", "PR", p->name, NULL);
  payersim_seg(&w, "N3", p->addr1, NULL);
  payersim_seg(&w, "N4", p->city, p->state, p->zip, NULL);
  payersim_seg(&w, "REF", "2U", p->payer_id, NULL);
  payersim_seg(&w, "PER", "BL", "EDI SUPPORT", "TE", p->phone, NULL);
  payersim_seg(&w, "N1", "PE",
               adj[0]->billing_name[0] ? adj[0]->billing_name : "PROVIDER",
               "XX", adj[0]->billing_npi, NULL);
  payersim_seg(&w, "LX", "1", NULL);
  for (size_t i = 0; i < n; i++) write_clp(&w, adj[i]);
  if (total < 0) {
    /* Reversals took more than this cycle pays: the balance is carried to
     * the next remittance (PLB FB, negative = added to this payment). */
    char fy[9], plb[24], ref[64];
    int y, m, d;
    cc_date_ymd(date, &y, &m, &d);
    snprintf(fy, sizeof fy, "%04d1231", y);
    snprintf(ref, sizeof ref, "FB:%s", check);
    cc_money_x12(CC_MONEY(total), plb);
    cc_slice v[4] = {cc_slice_cstr(adj[0]->billing_npi), cc_slice_cstr(fy),
                     cc_slice_cstr(ref), cc_slice_cstr(plb)};
    (void)cc_x12_write_raw(&w, "PLB", 4, v);
  }
  (void)cc_x12_write_se(&w, "0001");
  payersim_close(&w, &e);
  if (w.rc) {
    cc_buf_free(&b);
    return w.rc;
  }
  for (size_t i = 0; i < n; i++) adj[i]->released = true;
  payersim_files_add(out, "835", e.ctl, &b);
  return CC_OK;
}
