/* test_x12_write.c - the segment writer (trailing empties, refusals, SE01,
 * ISA fixed widths) and the byte-for-byte round trip of every sample file. */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cleanclaim/x12.h"
#include "test.h"

static const cc_x12_delims STD = {.elem = '*', .rep = '^', .comp = ':', .seg = '~'};

static void test_trailing_and_empty(void) {
  cc_buf b;
  cc_buf_init(&b, 1 << 16);
  cc_err e;
  cc_x12_writer w;
  cc_x12_writer_init(&w, &b, STD, "", &e);
  const char *nm1[] = {"85", "2", "SYNTH CLINIC", "", NULL, "", "", "XX", "1234567893"};
  CHECK_INT(cc_x12_write(&w, "NM1", 9, nm1), CC_OK);
  const char *ref[] = {"EI", "123456789", "", NULL, ""};
  CHECK_INT(cc_x12_write(&w, "REF", 5, ref), CC_OK);
  const char *only_empty[] = {"", ""};
  CHECK_INT(cc_x12_write(&w, "LX", 2, only_empty), CC_OK);
  CHECK_STR(b.p, "NM1*85*2*SYNTH CLINIC*****XX*1234567893~REF*EI*123456789~LX~");
  CHECK_INT(w.seg_count, 3);
  cc_buf_free(&b);
}

static void test_raw_composites(void) {
  cc_buf b;
  cc_buf_init(&b, 1 << 16);
  cc_err e;
  cc_x12_writer w;
  cc_x12_writer_init(&w, &b, STD, "\n", &e);
  cc_slice sv1[] = {CC_SLICE_LIT("HC:99213:25"), CC_SLICE_LIT("100"),
                    CC_SLICE_LIT("UN"), CC_SLICE_LIT("1"), CC_SLICE_LIT(""),
                    CC_SLICE_LIT(""), CC_SLICE_LIT("1^2"), CC_SLICE_LIT("")};
  CHECK_INT(cc_x12_write_raw(&w, "SV1", 8, sv1), CC_OK);
  CHECK_STR(b.p, "SV1*HC:99213:25*100*UN*1***1^2~\n");
  cc_buf_free(&b);
}

/* A refused segment names segment and element and leaves nothing behind;
 * the writer then stays failed. */
static void test_refusals(void) {
  cc_buf b;
  cc_buf_init(&b, 1 << 16);
  cc_err e;
  cc_x12_writer w;
  cc_x12_writer_init(&w, &b, STD, "", &e);
  const char *ok[] = {"IL", "1"};
  CHECK_INT(cc_x12_write(&w, "NM1", 2, ok), CC_OK);
  size_t before = b.n;
  const char *star[] = {"IL", "1", "DOE*JANE"};
  CHECK_INT(cc_x12_write(&w, "NM1", 3, star), CC_E_INVALID);
  CHECK_INT(e.code, CC_E_INVALID);
  CHECK_STR(e.seg_id, "NM1");
  CHECK_INT(e.elem_pos, 3);
  CHECK(strstr(e.detail, "NM103") != NULL);
  CHECK(strstr(e.detail, "element separator") != NULL);
  CHECK_INT(b.n, before);
  CHECK_INT(cc_x12_write(&w, "NM1", 2, ok), CC_E_INVALID); /* sticky */
  CHECK_INT(b.n, before);

  const struct { const char *id; const char *v; const char *what; unsigned pos; } cases[] = {
      {"SV1", "HC:99213", "component separator", 1}, /* use write_raw for composites */
      {"N3", "12 MAIN ST~APT 4", "segment terminator", 1},
      {"EB", "1^30", "repetition separator", 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    cc_x12_writer_init(&w, &b, STD, "", &e);
    const char *vals[] = {cases[i].v};
    CHECK_INT(cc_x12_write(&w, cases[i].id, 1, vals), CC_E_INVALID);
    CHECK_STR(e.seg_id, cases[i].id);
    CHECK_INT(e.elem_pos, cases[i].pos);
    CHECK(strstr(e.detail, cases[i].what) != NULL);
  }
  /* Raw values may hold components but never the element separator. */
  cc_x12_writer_init(&w, &b, STD, "", &e);
  cc_slice raw[] = {CC_SLICE_LIT("HC:1"), CC_SLICE_LIT("1*2")};
  CHECK_INT(cc_x12_write_raw(&w, "SV1", 2, raw), CC_E_INVALID);
  CHECK_INT(e.elem_pos, 2);
  /* Bad segment ids. */
  const char *ids[] = {"nm1", "N", "NM12", "", "N~1"};
  for (size_t i = 0; i < 5; i++) {
    cc_x12_writer_init(&w, &b, STD, "", &e);
    CHECK_INT(cc_x12_write(&w, ids[i], 1, ok), CC_E_INVALID);
  }
  CHECK_INT(b.n, before);
  /* The buffer's ceiling is honoured. */
  cc_buf small;
  cc_buf_init(&small, 10);
  cc_x12_writer_init(&w, &small, STD, "", &e);
  const char *lng[] = {"0123456789"};
  CHECK_INT(cc_x12_write(&w, "NTE", 1, lng), CC_E_TOOBIG);
  CHECK_INT(e.code, CC_E_TOOBIG);
  cc_buf_free(&small);
  cc_buf_free(&b);
}

static cc_x12_envelope env_fixture(void) {
  cc_x12_envelope env = {
      .sender_qual = "ZZ", .sender_id = "SYNTHCLINIC",
      .receiver_qual = "ZZ", .receiver_id = "PAYER01",
      .gs_sender = "SYNTHCLINIC", .gs_receiver = "PAYER01",
      .func_id = "HC", .version = "005010X222A1",
      .isa_control = 42, .gs_control = 7,
      .date = cc_date_days(2026, 11, 26), .hhmm = 905,
      .usage = 'T', .ack_requested = true};
  return env;
}

/* Envelope and SE01, written out by hand from the 5010 ISA layout. */
static void test_envelope(void) {
  cc_buf b;
  cc_buf_init(&b, 1 << 16);
  cc_err e;
  cc_x12_writer w;
  cc_x12_writer_init(&w, &b, STD, "\n", &e);
  cc_x12_envelope env = env_fixture();
  CHECK_INT(cc_x12_write_open(&w, &env), CC_OK);
  CHECK_INT(cc_x12_write_st(&w, "837", "0001", "005010X222A1"), CC_OK);
  const char *bht[] = {"0019", "00", "0123", "20261126", "0905", "CH"};
  CHECK_INT(cc_x12_write(&w, "BHT", 6, bht), CC_OK);
  const char *nm1[] = {"41", "2", "SYNTH CLINIC"};
  CHECK_INT(cc_x12_write(&w, "NM1", 3, nm1), CC_OK);
  CHECK_INT(cc_x12_write_se(&w, "0001"), CC_OK);
  CHECK_INT(cc_x12_write_close(&w, &env, 1), CC_OK);
  const char *want =
      "ISA*00*          *00*          *ZZ*SYNTHCLINIC    *ZZ*PAYER01        "
      "*261126*0905*^*00501*000000042*1*T*:~\n"
      "GS*HC*SYNTHCLINIC*PAYER01*20261126*0905*7*X*005010X222A1~\n"
      "ST*837*0001*005010X222A1~\n"
      "BHT*0019*00*0123*20261126*0905*CH~\n"
      "NM1*41*2*SYNTH CLINIC~\n"
      "SE*4*0001~\n"
      "GE*1*7~\n"
      "IEA*1*000000042~\n";
  CHECK_STR(b.p, want);
  CHECK_INT(strchr(b.p, '\n') - b.p, 106);
  /* What we wrote reads back with the same delimiters. */
  cc_x12_lexer *lx = cc_x12_lexer_mem(b.p, b.n, "out");
  cc_x12_seg s;
  int n = 0;
  while (cc_x12_lexer_next(lx, &s, &e) == CC_OK) n++;
  CHECK_INT(n, 8);
  CHECK_INT(e.code, CC_OK);
  cc_x12_delims d = cc_x12_lexer_delims(lx);
  CHECK(d.elem == '*' && d.rep == '^' && d.comp == ':' && d.seg == '~');
  cc_x12_lexer_free(lx);
  cc_buf_free(&b);
}

static void test_envelope_refusals(void) {
  cc_buf b;
  cc_buf_init(&b, 1 << 16);
  cc_err e;
  cc_x12_writer w;
  cc_x12_envelope env = env_fixture();
  env.sender_id = "SIXTEEN-CHARS-ID"; /* 16 > 15 */
  cc_x12_writer_init(&w, &b, STD, "", &e);
  CHECK_INT(cc_x12_write_open(&w, &env), CC_E_INVALID);
  CHECK_STR(e.seg_id, "ISA");
  CHECK_INT(e.elem_pos, 6);
  env = env_fixture();
  env.isa_control = 1000000000u;
  cc_x12_writer_init(&w, &b, STD, "", &e);
  CHECK_INT(cc_x12_write_open(&w, &env), CC_E_INVALID);
  CHECK_INT(e.elem_pos, 13);
  env = env_fixture();
  env.usage = 'X';
  cc_x12_writer_init(&w, &b, STD, "", &e);
  CHECK_INT(cc_x12_write_open(&w, &env), CC_E_INVALID);
  CHECK_INT(e.elem_pos, 15);
  env = env_fixture();
  env.receiver_id = "PAY*ER";
  cc_x12_writer_init(&w, &b, STD, "", &e);
  CHECK_INT(cc_x12_write_open(&w, &env), CC_E_INVALID);
  CHECK_INT(e.elem_pos, 8);
  CHECK_INT(b.n, 0);
  cc_buf_free(&b);
}

/* ---- round trip of every sample file ---------------------------------- */

/* Lex, write back each segment with its gap and the lexer's delimiters, add
 * the tail, compare. Returns true when identical. */
static bool round_trip(const char *path, char *why, size_t whylen) {
  size_t n;
  char *in = t_slurp(path, &n);
  if (!in) {
    snprintf(why, whylen, "cannot read");
    return false;
  }
  cc_buf out;
  cc_buf_init(&out, n + 1);
  cc_err e;
  cc_x12_writer w;
  cc_x12_lexer *lx = cc_x12_lexer_mem(in, n, path);
  static cc_x12_seg s;
  cc_code rc;
  bool ok = true;
  cc_x12_writer_init(&w, &out, STD, "", &e);
  while ((rc = cc_x12_lexer_next(lx, &s, &e)) == CC_OK) {
    if (strcmp(s.id, "ISA") == 0) w.d = cc_x12_lexer_delims(lx);
    if (cc_buf_append(&out, s.gap.p, s.gap.n) || cc_x12_write_seg(&w, &s)) {
      snprintf(why, whylen, "write failed at segment %llu: %s",
               (unsigned long long)s.index, e.detail);
      ok = false;
      break;
    }
  }
  if (ok && rc != CC_E_EOF) {
    snprintf(why, whylen, "lexer: %s %s at byte %zu", e.msg, e.detail, e.byte_off);
    ok = false;
  }
  if (ok) {
    cc_slice t = cc_x12_lexer_tail(lx);
    if (cc_buf_append(&out, t.p, t.n)) ok = false;
  }
  if (ok && (out.n != n || memcmp(out.p, in, n) != 0)) {
    size_t i = 0;
    while (i < n && i < out.n && in[i] == out.p[i]) i++;
    snprintf(why, whylen, "differs at byte %zu (%zu vs %zu bytes)", i, out.n, n);
    ok = false;
  }
  cc_x12_lexer_free(lx);
  cc_buf_free(&out);
  free(in);
  return ok;
}

static void test_round_trip_samples(void) {
  const char *sh = getenv("CC_SHARED");
  char root[512];
  snprintf(root, sizeof root, "%s/x12", sh && *sh ? sh : "../shared");
  DIR *top = opendir(root);
  CHECK(top != NULL);
  if (!top) return;
  struct dirent *d, *f;
  int files = 0;
  while ((d = readdir(top))) {
    if (d->d_name[0] == '.') continue;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", root, d->d_name);
    DIR *sub = opendir(dir);
    if (!sub) continue; /* README.md */
    while ((f = readdir(sub))) {
      if (f->d_name[0] == '.') continue;
      char path[2048], why[256] = "";
      snprintf(path, sizeof path, "%s/%s", dir, f->d_name);
      bool ok = round_trip(path, why, sizeof why);
      T_REPORT(ok, "round trip %s: %s", path, why);
      files++;
    }
    closedir(sub);
  }
  closedir(top);
  CHECK_INT(files, 80); /* the sample README counts 80 files */
}

int main(void) {
  RUN(test_trailing_and_empty);
  RUN(test_raw_composites);
  RUN(test_refusals);
  RUN(test_envelope);
  RUN(test_envelope_refusals);
  RUN(test_round_trip_samples);
  TEST_MAIN_END();
}
