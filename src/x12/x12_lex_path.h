/* x12_lex_path.h - which hot loop a lexer runs (x12_lex.c chooses at run
 * time); private, so tests can check that each path gives the same output. */
#ifndef CC_X12_LEX_PATH_H
#define CC_X12_LEX_PATH_H

#include "cleanclaim/x12.h"

/* Ordered slowest first. CC_X12_SIMD=scalar|sse2|avx2 caps the choice. */
enum { X12_PATH_SCALAR = 0, X12_PATH_SSE2 = 1, X12_PATH_AVX2 = 2 };

int x12_lex_path(const cc_x12_lexer *lx);
/* cc_x12_lexer_fd with a read window of window bytes instead of 1 MiB, so
 * tests can make segments straddle refills. A segment or gap that does not
 * fit fails with CC_E_TOOBIG. */
cc_x12_lexer *x12_lexer_fd_window(int fd, const char *name, size_t window);

#endif
