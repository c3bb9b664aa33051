/* fuzz_replay.c - runs every file of a fuzz corpus through every fuzz target
 * without libFuzzer, so `make test` replays the seeds and past finds. A
 * target that finds a bug aborts, which fails the run.
 * Usage: fuzz_replay CORPUS_DIR (its subdirectories hold the files). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LLVMFuzzerTestOneInput fuzz_x12_parse_one
#include "fuzz_x12_parse.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_x12_roundtrip_one
#include "fuzz_x12_roundtrip.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_money_parse_one
#include "fuzz_money_parse.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_remit_835_one
#include "fuzz_remit_835.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_claims_837_one
#include "fuzz_claims_837.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_receive_one
#include "fuzz_receive.c"
#undef LLVMFuzzerTestOneInput

static const struct {
  const char *name;
  int (*fn)(const uint8_t *, size_t);
} targets[] = {{"x12_parse", fuzz_x12_parse_one},
               {"x12_roundtrip", fuzz_x12_roundtrip_one},
               {"money_parse", fuzz_money_parse_one},
               {"remit_835", fuzz_remit_835_one},
               {"claims_837", fuzz_claims_837_one},
               {"receive", fuzz_receive_one}};

static int by_name(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted names of the entries of dir (no dot files); caller frees. */
static size_t list(const char *dir, char ***out) {
  DIR *d = opendir(dir);
  size_t n = 0, cap = 16;
  char **v = malloc(cap * sizeof *v);
  struct dirent *e;
  while (d && (e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
    v[n++] = strdup(e->d_name);
  }
  if (d) closedir(d);
  qsort(v, n, sizeof *v, by_name);
  *out = v;
  return n;
}

int main(int argc, char **argv) {
  const char *root = argc > 1 ? argv[1] : "fuzz/corpus";
  char **subs;
  size_t nsub = list(root, &subs), files = 0;
  for (size_t i = 0; i < nsub; i++) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", root, subs[i]);
    char **names;
    size_t n = list(dir, &names);
    for (size_t j = 0; j < n; j++) {
      char path[2048];
      snprintf(path, sizeof path, "%s/%s", dir, names[j]);
      FILE *f = fopen(path, "rb");
      if (!f) continue;
      fseek(f, 0, SEEK_END);
      long len = ftell(f);
      fseek(f, 0, SEEK_SET);
      uint8_t *buf = malloc((size_t)len + 1);
      size_t got = fread(buf, 1, (size_t)len, f);
      fclose(f);
      for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
        targets[t].fn(buf, got);
        printf("ok - %s %s/%s\n", targets[t].name, subs[i], names[j]);
      }
      files++;
      free(buf);
      free(names[j]);
    }
    free(names);
    free(subs[i]);
  }
  free(subs);
  if (files == 0) printf("not ok - no corpus files under %s\n", root);
  return files == 0;
}
