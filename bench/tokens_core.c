/* SPDX-License-Identifier: MIT
 *
 * tokens_core.c -- the core tokenizer without SQLite, for bench_tokens.sh:
 *
 *   tokens_core FILE
 *
 * Prints the core's MB/s over FILE (English, with stems, three passes,
 * CPU time) and its cost per 150-byte piece (the similarity() case: one
 * reused tokenizer, words only, warm stem cache).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "verbatim/core.h"

static double cpuSeconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
  if (f == NULL) {
    fprintf(stderr, "usage: tokens_core FILE\n");
    return 2;
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *z = malloc((size_t)n + 1);
  if (z == NULL || fread(z, 1, (size_t)n, f) != (size_t)n) return 1;
  fclose(f);
  const vb_lang *en = vb_lang_find("en", 2);
  vb_tokenizer *t = vb_tok_new(en, VB_TOK_WANT_STEM);
  vb_token tok;
  long count = 0, pieces = 0, r, i;
  double t0 = cpuSeconds();
  for (r = 0; r < 3; r++) {
    vb_tok_reset(t, z, (size_t)n);
    while (vb_tok_next(t, &tok) == 1) count++;
  }
  double s = cpuSeconds() - t0;
  printf("core tokenizer:  %7.1f MB/s  (%.1f ns/token)\n", 3.0 * (double)n / s / 1e6,
         s * 1e9 / (double)count);
  vb_tok_free(t);
  t = vb_tok_new(en, VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
  long m = n < 300000 ? n : 300000;
  count = 0;
  t0 = cpuSeconds();
  for (r = 0; r < 20; r++) {
    for (i = 0; i + 150 <= m; i += 150, pieces++) {
      vb_tok_reset(t, z + i, 150);
      while (vb_tok_next(t, &tok) == 1) count++;
    }
  }
  s = cpuSeconds() - t0;
  printf("core on 150-byte pieces: %.2f us each (%.1f words each)\n", s * 1e6 / (double)pieces,
         (double)count / (double)pieces);
  vb_tok_free(t);
  free(z);
  return 0;
}
