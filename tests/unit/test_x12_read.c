/* test_x12_read.c - the loop-aware reader on samples whose segments were
 * counted by hand: which loop each segment opens or sits in. */
#include <stdlib.h>

#include "cleanclaim/x12.h"
#include "test.h"

typedef struct seen {
  char id[4], loop[8];
  uint32_t st_pos;
  bool start;
} seen;

/* Read a whole shared sample; fills up to max items, returns the count. */
static int read_all(const char *rel, seen *out, int max) {
  char p[1024];
  const char *sh = getenv("CC_SHARED");
  snprintf(p, sizeof p, "%s/x12/%s", sh && *sh ? sh : "../shared", rel);
  FILE *f = fopen(p, "rb");
  if (!f) return -1;
  static char buf[1 << 20];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  cc_x12_lexer *lx = cc_x12_lexer_mem(buf, n, rel);
  cc_x12_reader *r = cc_x12_reader_new(lx);
  cc_x12_item it;
  cc_err e;
  int k = 0;
  while (cc_x12_reader_next(r, &it, &e) == CC_OK && k < max) {
    snprintf(out[k].id, sizeof out[k].id, "%s", it.seg->id);
    snprintf(out[k].loop, sizeof out[k].loop, "%s", it.loop_id);
    out[k].st_pos = it.st_pos;
    out[k].start = it.loop_start;
    k++;
  }
  cc_x12_reader_free(r);
  cc_x12_lexer_free(lx);
  return k;
}

static seen s[4096];

static void test_837p_loops(void) {
  /* stupidedi commercial-health-insurance, 46 segments (file numbering
   * 1-based; index = number - 1): 8 HL*1 opens 2000A, 10 NM1*85 opens
   * 2010AA, 17 HL*2 2000B, 19 NM1*IL 2010BA, 21 NM1*PR 2010BB, 23 HL*3
   * 2000C, 25 NM1*QC 2010CA, 29 CLM opens 2300 (set position 27), 31 HI in
   * 2300, 32 LX opens 2400, 33 SV1 in 2400 (set position 31), 44 SE. */
  int n = read_all("837P/stupidedi__commercial-health-insurance.edi", s, 4096);
  CHECK_INT(n, 46);
  if (n != 46) return;
  CHECK_STR(s[7].loop, "2000A"); CHECK(s[7].start);
  CHECK_STR(s[9].loop, "2010AA"); CHECK(s[9].start);
  CHECK_STR(s[12].loop, "2010AA"); /* REF*EI */
  CHECK_STR(s[16].loop, "2000B");
  CHECK_STR(s[17].loop, "2000B"); /* SBR */
  CHECK_STR(s[18].loop, "2010BA");
  CHECK_STR(s[20].loop, "2010BB");
  CHECK_STR(s[22].loop, "2000C");
  CHECK_STR(s[24].loop, "2010CA");
  CHECK_STR(s[28].id, "CLM"); CHECK_STR(s[28].loop, "2300");
  CHECK(s[28].start); CHECK_INT(s[28].st_pos, 27);
  CHECK_STR(s[30].id, "HI"); CHECK_STR(s[30].loop, "2300");
  CHECK_STR(s[31].id, "LX"); CHECK_STR(s[31].loop, "2400"); CHECK(s[31].start);
  CHECK_STR(s[32].id, "SV1"); CHECK_STR(s[32].loop, "2400");
  CHECK_INT(s[32].st_pos, 31);
  CHECK_STR(s[33].id, "DTP"); CHECK_STR(s[33].loop, "2400");
  CHECK_STR(s[34].id, "LX"); CHECK(s[34].start);
  CHECK_STR(s[43].id, "SE"); CHECK_INT(s[43].st_pos, 42);
  CHECK_STR(s[0].loop, "ISA"); CHECK_STR(s[1].loop, "GS");
}

static void test_835_loops(void) {
  /* stupidedi dollars-and-data-sent-separate, 31 segments: 7 N1*PR opens
   * 1000A, 11 N1*PE 1000B, 13 LX 2000, 14 CLP 2100, 15 CAS (claim level)
   * 2100, 16 NM1*QC 2100, 17 SVC opens 2110, 20 CAS (line level) 2110, 21
   * CLP opens the next 2100. */
  int n = read_all("835/stupidedi__dollars-and-data-sent-separate.edi", s, 4096);
  CHECK_INT(n, 31);
  if (n != 31) return;
  CHECK_STR(s[6].loop, "1000A");
  CHECK_STR(s[10].loop, "1000B");
  CHECK_STR(s[12].loop, "2000");
  CHECK_STR(s[13].id, "CLP"); CHECK_STR(s[13].loop, "2100"); CHECK(s[13].start);
  CHECK_STR(s[14].loop, "2100");
  CHECK_STR(s[15].loop, "2100");
  CHECK_STR(s[16].id, "SVC"); CHECK_STR(s[16].loop, "2110"); CHECK(s[16].start);
  CHECK_STR(s[19].id, "CAS"); CHECK_STR(s[19].loop, "2110");
  CHECK_STR(s[20].id, "CLP"); CHECK_STR(s[20].loop, "2100"); CHECK(s[20].start);
}

static void test_aliases_and_unchecked(void) {
  /* 005010X222A2 reads with the A1 tables: its CLM is still loop 2300. */
  int n = read_all("837P/lfh__demo.autoaccident.837", s, 4096);
  CHECK(n > 0);
  int clm = 0;
  for (int i = 0; i < n; i++)
    if (!strcmp(s[i].id, "CLM")) {
      clm++;
      CHECK_STR(s[i].loop, "2300");
    }
  CHECK_INT(clm, 1);
  /* A dental 837 (X224) has no tables here: body segments have no loop. */
  n = read_all("837D/stupidedi__commercial-health-insurance.edi", s, 4096);
  CHECK(n > 0);
  for (int i = 0; i < n; i++)
    if (!strcmp(s[i].id, "CLM")) CHECK_STR(s[i].loop, "");
}

int main(void) {
  RUN(test_837p_loops);
  RUN(test_835_loops);
  RUN(test_aliases_and_unchecked);
  TEST_MAIN_END();
}
