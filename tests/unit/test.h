/* test.h - the whole unit-test harness: checks print TAP-style "ok"/"not ok"
 * lines that tests/run counts. A failed check records and carries on. */
#ifndef CC_TEST_H
#define CC_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <dirent.h>
#include <sys/stat.h>

static int t_pass, t_fail;
static const char *t_name = "";

/* A whole file in memory, NUL-terminated (tests compare and search it as a
 * string); its length in *n when n is not NULL. NULL if it cannot be opened.
 * Unused in some tests, hence the attribute. */
__attribute__((unused)) static char *t_slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  if (sz < 0) sz = 0; /* a directory, say: read as empty */
  char *p = malloc((size_t)sz + 1);
  size_t got = p ? fread(p, 1, (size_t)sz, f) : 0;
  if (p) p[got] = '\0';
  if (n) *n = got;
  fclose(f);
  return p;
}

/* Where the public reference data is: CC_SHARED, else ../shared. */
__attribute__((unused)) static const char *t_shared(void) {
  const char *s = getenv("CC_SHARED");
  return s && *s ? s : "../shared";
}

/* fn(path, ctx) for every regular file under dir, recursively (names
 * starting with a dot skipped); the number of files. A missing dir has
 * none. */
__attribute__((unused)) static int t_each_file(const char *dir,
                                               void (*fn)(const char *path,
                                                          void *ctx),
                                               void *ctx) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int files = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    if (de->d_name[0] == '.') continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    struct stat st;
    if (stat(path, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      files += t_each_file(path, fn, ctx);
    } else if (S_ISREG(st.st_mode)) {
      fn(path, ctx);
      files++;
    }
  }
  closedir(d);
  return files;
}

#define T_REPORT(ok, ...)                                                  \
  do {                                                                     \
    if (ok) {                                                              \
      t_pass++;                                                            \
    } else {                                                               \
      t_fail++;                                                            \
      printf("not ok - %s: %s:%d: ", t_name, __FILE__, __LINE__);          \
      printf(__VA_ARGS__);                                                 \
      printf("\n");                                                        \
    }                                                                      \
  } while (0)

#define CHECK(c) T_REPORT((c), "%s", #c)
#define CHECK_INT(a, b)                                                    \
  do {                                                                     \
    long long a_ = (long long)(a), b_ = (long long)(b);                    \
    T_REPORT(a_ == b_, "%s == %s: got %lld, want %lld", #a, #b, a_, b_);   \
  } while (0)
#define CHECK_STR(a, b)                                                    \
  do {                                                                     \
    const char *a_ = (a), *b_ = (b);                                       \
    T_REPORT(a_ && b_ && strcmp(a_, b_) == 0, "%s: got \"%s\", want \"%s\"", \
             #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                  \
  } while (0)

/* Each test function is one "ok"/"not ok" line in the output. */
#define RUN(fn)                                                            \
  do {                                                                     \
    int before_ = t_fail;                                                  \
    t_name = #fn;                                                          \
    fn();                                                                  \
    printf("%s - %s\n", t_fail == before_ ? "ok" : "not ok", #fn);         \
  } while (0)

#define TEST_MAIN_END() \
  do { fflush(stdout); return t_fail ? 1 : 0; } while (0)

#endif
