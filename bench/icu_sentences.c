/* SPDX-License-Identifier: MIT
 *
 * icu_sentences.c -- the peer for bench/bench_sentences.sh: ICU's sentence
 * BreakIterator (ubrk, UBRK_SENTENCE, locale "en") over the documents of
 * bench/out/corpus.db, reading UTF-8 in place through UText.
 *
 *   cc -O2 bench/icu_sentences.c $(pkg-config --cflags --libs icu-uc icu-i18n sqlite3)
 *   ./a.out bench/out/corpus.db [rounds]
 *   -> "icu: 11.0 MB, 170123 sentences, best of 3: 0.084 s, 130.9 MB/s"
 *
 * The documents are loaded into memory first; only segmentation is timed
 * (one iterator, reset per document with ubrk_setUText), best of rounds.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

typedef struct doc {
  char *z;
  int64_t n;
} doc;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  const char *zDb = argc > 1 ? argv[1] : "bench/out/corpus.db";
  int rounds = argc > 2 ? atoi(argv[2]) : 3, r;
  sqlite3 *db;
  sqlite3_stmt *st;
  doc *aDoc = NULL;
  int nDoc = 0, cap = 0, i;
  int64_t bytes = 0, sentences = 0;
  double best = 1e30;
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi;
  UText *ut = NULL;
  if (sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    fprintf(stderr, "icu_sentences: cannot open %s\n", zDb);
    return 1;
  }
  if (sqlite3_prepare_v2(db, "select body from docs order by id", -1, &st, NULL) != SQLITE_OK) {
    fprintf(stderr, "icu_sentences: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char *z = sqlite3_column_text(st, 0);
    int n = sqlite3_column_bytes(st, 0);
    if (nDoc == cap) {
      cap = cap ? cap * 2 : 256;
      aDoc = realloc(aDoc, sizeof(doc) * (size_t)cap);
      if (aDoc == NULL) return 1;
    }
    aDoc[nDoc].z = malloc((size_t)n + 1);
    if (aDoc[nDoc].z == NULL) return 1;
    memcpy(aDoc[nDoc].z, z, (size_t)n);
    aDoc[nDoc].n = n;
    bytes += n;
    nDoc++;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &status);
  if (U_FAILURE(status)) {
    fprintf(stderr, "icu_sentences: ubrk_open: %s\n", u_errorName(status));
    return 1;
  }
  for (r = 0; r < rounds; r++) {
    double t0 = now(), t;
    sentences = 0;
    for (i = 0; i < nDoc; i++) {
      ut = utext_openUTF8(ut, aDoc[i].z, aDoc[i].n, &status);
      ubrk_setUText(bi, ut, &status);
      if (U_FAILURE(status)) {
        fprintf(stderr, "icu_sentences: %s\n", u_errorName(status));
        return 1;
      }
      while (ubrk_next(bi) != UBRK_DONE) sentences++;
    }
    t = now() - t0;
    if (t < best) best = t;
  }
  printf("icu: %.1f MB, %lld sentences, best of %d: %.3f s, %.1f MB/s\n", bytes / 1e6,
         (long long)sentences, rounds, best, bytes / 1e6 / best);
  utext_close(ut);
  ubrk_close(bi);
  for (i = 0; i < nDoc; i++) free(aDoc[i].z);
  free(aDoc);
  return 0;
}
