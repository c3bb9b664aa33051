/* fuzz_x12_lex_paths.c - libFuzzer target: the tokenizer's paths (scalar,
 * SSE2, AVX2, as far as the CPU runs them) must cut arbitrary bytes the
 * same way, in memory and through fd windows of 173 and 300 bytes;
 * aborts, printing both transcripts, on the first difference. Its seeds
 * include the three inputs on which the paths once differed. */
#include <unistd.h>

#include "../tests/unit/x12_lex_transcript.h"
#include "x12/x12_lex_path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"scalar", "sse2", "avx2"};
  static const size_t windows[] = {0, 173, 300};
  static tbuf ref, got;
  static int fd = -1;
  if (fd < 0) {
    char path[] = "/tmp/cc_fuzz_lexp_XXXXXX";
    fd = mkstemp(path);
    if (fd < 0) abort();
    unlink(path);
  }
  char *in = malloc(size ? size : 1);
  if (!in) abort();
  if (size) memcpy(in, data, size);
  for (int mode = 0; mode < 3; mode++) {
    for (int path = 0; path < 3; path++) {
      setenv("CC_X12_SIMD", names[path], 1);
      cc_x12_lexer *lx;
      if (mode == 0) {
        lx = cc_x12_lexer_mem(in, size, "fuzz");
      } else {
        if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0 ||
            write(fd, in, size) != (ssize_t)size ||
            lseek(fd, 0, SEEK_SET) != 0)
          abort();
        lx = x12_lexer_fd_window(fd, "fuzz", windows[mode]);
      }
      unsetenv("CC_X12_SIMD");
      if (!lx) abort();
      int ran = x12_lex_path(lx);
      bool ok = transcript(lx, in, size, path == 0 ? &ref : &got);
      cc_x12_lexer_free(lx);
      if (!ok) {
        fprintf(stderr, "%s, window %zu: a slice is not the input's bytes\n",
                names[ran], windows[mode]);
        abort();
      }
      /* A path the CPU lacks ran a slower one: nothing new to compare. */
      if (path == 0 || ran != path) continue;
      if (got.n != ref.n || memcmp(got.p, ref.p, ref.n) != 0) {
        fprintf(stderr, "window %zu: %s differs from scalar\n--- scalar\n%s"
                "--- %s\n%s", windows[mode], names[path], ref.p, names[path],
                got.p);
        abort();
      }
    }
  }
  free(in);
  return 0;
}
