/* bench_gen837.c - 837P generation speed: 200,000 synthetic claims (two
 * lines each, invented people) written as interchanges of 5,000 claims,
 * the way submit batches them (the writer alone: the model is built once
 * and only the claim numbers change per batch). Prints "BENCH gen837_claims_per_s <n> 1/s";
 * the target is 200,000. Timed in thread CPU time (the machine is shared,
 * so wall time measures the neighbours); wall time goes to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cleanclaim/claims.h"

#define N_CLAIMS 200000
#define BATCH 5000

static void party(cc_claim_party *p, char ent, const char *last,
                  const char *first, const char *qual, const char *id) {
  memset(p, 0, sizeof *p);
  p->entity = ent;
  snprintf(p->last, sizeof p->last, "%s", last);
  snprintf(p->first, sizeof p->first, "%s", first);
  snprintf(p->id_qual, sizeof p->id_qual, "%s", qual);
  snprintf(p->id, sizeof p->id, "%s", id);
  snprintf(p->addr1, sizeof p->addr1, "1 SAMPLE ST");
  snprintf(p->city, sizeof p->city, "SPRINGFIELD");
  snprintf(p->state, sizeof p->state, "IL");
  snprintf(p->zip, sizeof p->zip, "627010000");
}

static void make(cc_claim *c, cc_claim_line *lines, uint32_t i) {
  cc_claims_init(c, 'P');
  snprintf(c->pcn, sizeof c->pcn, "B%08u", i);
  c->total = CC_MONEY(20550);
  snprintf(c->facility_code, sizeof c->facility_code, "11");
  c->facility_qual = 'B';
  c->frequency = '1';
  c->provider_sig = 'Y';
  c->assignment = 'A';
  c->benefits_assign = 'Y';
  c->release_info = 'Y';
  party(&c->billing, '2', "SYNTHETIC CLINIC", "", "XX", "1234567893");
  snprintf(c->billing.tax_id_qual, sizeof c->billing.tax_id_qual, "EI");
  snprintf(c->billing.tax_id, sizeof c->billing.tax_id, "123456789");
  snprintf(c->billing.taxonomy, sizeof c->billing.taxonomy, "207Q00000X");
  party(&c->payer, '2', "SYNTHETIC PAYER", "", "PI", "SYNPPO1");
  char member[16];
  snprintf(member, sizeof member, "M%07u", i % 50000);
  party(&c->subscriber.name, '1', "TESTPERSON", "DANA", "MI", member);
  c->subscriber.birth_date = cc_date_days(1980, 2, 3);
  c->subscriber.sex = 'F';
  c->responsibility = 'P';
  snprintf(c->relationship, sizeof c->relationship, "18");
  snprintf(c->filing_indicator, sizeof c->filing_indicator, "CI");
  c->n_dx = 2;
  snprintf(c->dx[0].qual, sizeof c->dx[0].qual, "ABK");
  snprintf(c->dx[0].code, sizeof c->dx[0].code, "E119");
  snprintf(c->dx[1].qual, sizeof c->dx[1].qual, "ABF");
  snprintf(c->dx[1].code, sizeof c->dx[1].code, "I10");
  cc_day dos = cc_date_days(2026, 3, 2) + (cc_day)(i % 200);
  const char *codes[2] = {"99213", "97110"};
  for (int k = 0; k < 2; k++) {
    cc_claim_line *l = &lines[k];
    memset(l, 0, sizeof *l);
    l->lx = (uint32_t)k + 1;
    snprintf(l->proc_qual, sizeof l->proc_qual, "HC");
    snprintf(l->proc, sizeof l->proc, "%s", codes[k]);
    l->charge = CC_MONEY(k ? 8050 : 12500);
    snprintf(l->unit_basis, sizeof l->unit_basis, "UN");
    l->units_milli = 1000;
    l->dx_ptr[0] = 1;
    l->from = l->to = dos;
  }
  c->lines = lines;
  c->n_lines = 2;
}

int main(void) {
  cc_claim *claims = calloc(BATCH, sizeof *claims);
  cc_claim_line *lines = calloc(BATCH * 2, sizeof *lines);
  const cc_claim **ptrs = calloc(BATCH, sizeof *ptrs);
  uint32_t *segs = calloc(BATCH, sizeof *segs);
  if (!claims || !lines || !ptrs || !segs) return 1;
  cc_buf b;
  cc_buf_init(&b, (size_t)1 << 31);
  cc_err e;
  size_t bytes = 0;
  struct timespec t0, t1, c0, c1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
  for (uint32_t i = 0; i < BATCH; i++) {
    make(&claims[i], &lines[2 * i], i);
    ptrs[i] = &claims[i];
  }
  for (uint32_t done = 0, f = 0; done < N_CLAIMS; done += BATCH, f++) {
    /* Each batch is new claims: a new control number per claim. Loading
     * them from the store is submit's cost, measured elsewhere; this is
     * the writing alone. */
    for (uint32_t i = 0; i < BATCH; i++)
      snprintf(claims[i].pcn, sizeof claims[i].pcn, "B%08u", done + i);
    cc_claims_envelope env = {
        .submitter_name = "SYNTHETIC CLINIC", .submitter_id = "SUBMIT01",
        .contact_name = "PAT BILLER", .contact_phone = "5555550100",
        .receiver_name = "CLEARING HOUSE", .receiver_id = "CLEARHOUSE",
        .isa_control = f + 1, .gs_control = f + 1, .st_control = f + 1,
        .date = cc_date_days(2026, 11, 26), .hhmm = 1200, .usage = 'T'};
    b.n = 0;
    if (cc_claims_write(ptrs, BATCH, &env, &b, segs, &e) != CC_OK) {
      fprintf(stderr, "bench_gen837: %s: %s\n", e.msg ? e.msg : "", e.detail);
      return 1;
    }
    bytes += b.n;
  }
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  /* timing, not money */
  double s = (double)(t1.tv_sec - t0.tv_sec) +
             (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  double cpu = (double)(c1.tv_sec - c0.tv_sec) +
               (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
  printf("BENCH gen837_claims_per_s %.0f 1/s\n", N_CLAIMS / cpu);
  fprintf(stderr, "bench_gen837: %u claims, %zu bytes in %.3f s CPU, "
          "%.3f s wall (%.0f claims/s wall)\n", N_CLAIMS, bytes, cpu, s,
          N_CLAIMS / s);
  cc_buf_free(&b);
  free(segs);
  free(ptrs);
  free(lines);
  free(claims);
  return 0;
}
