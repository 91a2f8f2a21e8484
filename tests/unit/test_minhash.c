/* SPDX-License-Identifier: MIT
 *
 * test_minhash.c -- unit tests of shingles, MinHash signatures and LSH
 * bands (ext/core/shingles.c, ext/core/minhash.c), with the English
 * tokenizer; the MinHash estimate is tested on random hash sets.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "verbatim/core.h"

static vb_tokenizer *tok;

static int shingleOpen(vb_shingle_iter *it, const char *z, int n) {
  return vb_shingle_open(it, tok, (const unsigned char *)z, strlen(z), n);
}

static void testFnv(void) {
  /* Published FNV-1a 64 test vectors. */
  CHECK(vb_fnv1a(VB_FNV_OFFSET, "", 0) == 0xcbf29ce484222325ULL);
  CHECK(vb_fnv1a(VB_FNV_OFFSET, "a", 1) == 0xaf63dc4c8601ec8cULL);
  CHECK(vb_fnv1a(VB_FNV_OFFSET, "foobar", 6) == 0x85944171f73967e8ULL);
}

static void testShingles(void) {
  const char *z = "The cat sat on a warm mat of the house";
  vb_shingle_iter it;
  vb_shingle sh;
  CHECK_INT(shingleOpen(&it, z, 3), VB_OK);
  CHECK_INT(vb_shingle_next(&it, &sh), 1);
  CHECK_STR(sh.text, "cat sat warm"); /* "on", "a" dropped */
  CHECK_INT(sh.ord, 1);
  CHECK_SPAN(z, sh.start, sh.end, "cat sat on a warm");
  CHECK(sh.hash == vb_fnv1a(VB_FNV_OFFSET, "cat sat warm", 12));
  CHECK_INT(vb_shingle_next(&it, &sh), 1);
  CHECK_STR(sh.text, "sat warm mat");
  CHECK_INT(vb_shingle_next(&it, &sh), 1);
  CHECK_STR(sh.text, "warm mat hous");
  CHECK_INT(sh.ord, 3);
  CHECK_SPAN(z, sh.start, sh.end, "warm mat of the house");
  CHECK_INT(vb_shingle_next(&it, &sh), 0);
  CHECK_INT(vb_shingle_next(&it, &sh), 0);
  vb_shingle_close(&it);
  /* n = 1: one shingle per content word. */
  CHECK_INT(shingleOpen(&it, z, 1), VB_OK);
  int k = 0;
  while (vb_shingle_next(&it, &sh) == 1) k++;
  CHECK_INT(k, 5);
  vb_shingle_close(&it);
  CHECK_INT(shingleOpen(&it, z, 0), VB_EARG);
  vb_shingle_close(&it);
  CHECK_INT(shingleOpen(&it, z, VB_MINHASH_MAX_N + 1), VB_EARG);
  vb_shingle_close(&it);
  /* n = 16 over 5 content words: one shingle of them all. */
  CHECK_INT(shingleOpen(&it, z, VB_MINHASH_MAX_N), VB_OK);
  CHECK_INT(vb_shingle_next(&it, &sh), 1);
  CHECK_STR(sh.text, "cat sat warm mat hous");
  CHECK_INT(vb_shingle_next(&it, &sh), 0);
  vb_shingle_close(&it);
  /* Fewer content words than n: one shingle of them all. */
  CHECK_INT(shingleOpen(&it, "The storm!", 3), VB_OK);
  CHECK_INT(vb_shingle_next(&it, &sh), 1);
  CHECK_STR(sh.text, "storm");
  CHECK_INT(vb_shingle_next(&it, &sh), 0);
  vb_shingle_close(&it);
  /* Stopwords only: they are used. */
  CHECK_INT(shingleOpen(&it, "to the", 3), VB_OK);
  CHECK_INT(vb_shingle_next(&it, &sh), 1);
  CHECK_STR(sh.text, "to the");
  CHECK_INT(vb_shingle_next(&it, &sh), 0);
  vb_shingle_close(&it);
  /* Numbers are words; punctuation is not. */
  CHECK_INT(shingleOpen(&it, "In 2023, prices rose 3.5 percent.", 2), VB_OK);
  CHECK_INT(vb_shingle_next(&it, &sh), 1);
  CHECK_STR(sh.text, "2023 price");
  vb_shingle_close(&it);
  /* No words: no shingle, and no signature. */
  CHECK_INT(shingleOpen(&it, " ... !", 3), VB_OK);
  CHECK_INT(vb_shingle_next(&it, &sh), 0);
  vb_shingle_close(&it);
  unsigned char sig[VB_MINHASH_SIZE(8)];
  CHECK_INT(vb_minhash_sign(tok, (const unsigned char *)"", 0, 3, 8, sig), 0);
  CHECK_INT(vb_minhash_sign(tok, (const unsigned char *)"a b", 3, 3, 0, sig), VB_EARG);
}

/* A long text: the ring keeps n words, shingles come in order. */
static void testLongText(void) {
  vb_buf b = {0};
  char w[32];
  int k;
  for (k = 0; k < 20000; k++) {
    snprintf(w, sizeof w, "%sword%d", k ? " " : "", k);
    vb_buf_append(&b, w, strlen(w));
  }
  vb_shingle_iter it;
  vb_shingle sh;
  CHECK_INT(vb_shingle_open(&it, tok, b.z, b.n, 5), VB_OK);
  k = 0;
  int ok = 1;
  while (vb_shingle_next(&it, &sh) == 1) {
    char want[128];
    snprintf(want, sizeof want, "word%d word%d word%d word%d word%d", k, k + 1, k + 2, k + 3, k + 4);
    ok &= strcmp(sh.text, want) == 0 && sh.ord == (size_t)k + 1;
    k++;
  }
  CHECK(ok);
  CHECK_INT(k, 20000 - 4);
  vb_shingle_close(&it);
  vb_buf_free(&b);
}

static uint64_t rng(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Random sets with a known Jaccard: the estimate is within 4 standard
 * errors on every trial and its mean within 0.02 over 40 trials. */
static void testEstimate(void) {
  static const double aJ[] = {0.0, 0.1, 0.3, 0.5, 0.8, 1.0};
  enum { PERMS = 128, TRIALS = 40, UNION = 300 };
  uint64_t seed = 12345, x[UNION], y[UNION];
  unsigned char sx[VB_MINHASH_SIZE(PERMS)], sy[VB_MINHASH_SIZE(PERMS)];
  size_t t, k;
  for (t = 0; t < sizeof aJ / sizeof aJ[0]; t++) {
    double J = aJ[t], sum = 0, worst = 0;
    int trial;
    /* |A ∩ B| = shared, |A| = |B|, |A ∪ B| = UNION. */
    size_t shared = (size_t)(J * UNION + 0.5), only = (UNION - shared) / 2;
    double trueJ = (double)shared / (double)(shared + 2 * only);
    for (trial = 0; trial < TRIALS; trial++) {
      size_t nx = 0, ny = 0;
      for (k = 0; k < shared; k++) {
        uint64_t h = rng(&seed);
        x[nx++] = h;
        y[ny++] = h;
      }
      for (k = 0; k < only; k++) x[nx++] = rng(&seed);
      for (k = 0; k < only; k++) y[ny++] = rng(&seed);
      CHECK_INT(vb_minhash_from_hashes(x, nx, 3, PERMS, sx), 1);
      CHECK_INT(vb_minhash_from_hashes(y, ny, 3, PERMS, sy), 1);
      double est = vb_minhash_similarity(sx, sy, PERMS);
      double err = fabs(est - trueJ);
      if (err > worst) worst = err;
      sum += est;
    }
    double se = sqrt(trueJ * (1 - trueJ) / PERMS);
    CHECK_MSG(worst <= 4 * se + 1e-9, "J=%.2f worst error %.3f > 4 SE %.3f", trueJ, worst, 4 * se);
    CHECK_MSG(fabs(sum / TRIALS - trueJ) <= 0.02, "J=%.2f mean estimate %.3f", trueJ, sum / TRIALS);
  }
}

static void testFormat(void) {
  uint64_t h[3] = {1, 2, 3};
  unsigned char sig[VB_MINHASH_SIZE(16)], sig2[VB_MINHASH_SIZE(16)];
  int perms = 0, n = 0;
  CHECK_INT(vb_minhash_from_hashes(h, 3, 4, 16, sig), 1);
  CHECK(sig[0] == 'v' && sig[1] == 'm' && sig[2] == 1 && sig[3] == 4);
  CHECK(sig[4] == 16 && sig[5] == 0 && sig[6] == 0 && sig[7] == 0);
  CHECK_INT(vb_minhash_parse(sig, sizeof sig, &perms, &n), VB_OK);
  CHECK_INT(perms, 16);
  CHECK_INT(n, 4);
  CHECK_INT(vb_minhash_parse(sig, sizeof sig - 1, &perms, &n), VB_EARG);
  CHECK_INT(vb_minhash_parse(sig, 3, &perms, &n), VB_EARG);
  CHECK_INT(vb_minhash_parse((const unsigned char *)"xm\1\3\20\0\0\0", 8, &perms, &n), VB_EARG);
  CHECK_INT(vb_minhash_from_hashes(h, 3, 4, 0, sig), VB_EARG);
  CHECK_INT(vb_minhash_from_hashes(h, 3, 0, 16, sig), VB_EARG);
  CHECK_INT(vb_minhash_from_hashes(h, 3, 4, VB_MINHASH_MAX_PERMUTATIONS + 1, sig), VB_EARG);
  /* The same set in another order gives the same signature. */
  uint64_t g[3] = {3, 1, 2};
  CHECK_INT(vb_minhash_from_hashes(g, 3, 4, 16, sig2), 1);
  CHECK(memcmp(sig, sig2, sizeof sig) == 0);
  CHECK(vb_minhash_similarity(sig, sig2, 16) == 1.0);
  /* Band k hashes slots k*r .. k*r+r-1. */
  CHECK(vb_minhash_band(sig, 4, 2) == vb_fnv1a(VB_FNV_OFFSET, sig + 8 + 2 * 16, 16));
  CHECK(vb_minhash_band(sig, 1, 15) == vb_fnv1a(VB_FNV_OFFSET, sig + 8 + 60, 4));
  CHECK(vb_minhash_band(sig, 3, 4) == vb_fnv1a(VB_FNV_OFFSET, sig + 8 + 4 * 12, 12));
  /* Slot i is the minimum over the set of the permutation's image. */
  uint64_t one = 1;
  unsigned char s1[VB_MINHASH_SIZE(16)];
  vb_minhash_from_hashes(&one, 1, 4, 16, s1);
  int i;
  for (i = 0; i < 16; i++) {
    uint32_t a = 0, b = 0;
    memcpy(&a, sig + 8 + 4 * i, 4);
    memcpy(&b, s1 + 8 + 4 * i, 4);
    CHECK(a <= b);
  }
}

/* Signing a text equals signing its shingle hashes. */
static void testSignText(void) {
  const char *z = "President Putin met the acting head of the republic in Moscow";
  vb_shingle_iter it;
  vb_shingle sh;
  uint64_t h[16];
  size_t n = 0;
  unsigned char s1[VB_MINHASH_SIZE(32)], s2[VB_MINHASH_SIZE(32)];
  shingleOpen(&it, z, 3);
  while (vb_shingle_next(&it, &sh) == 1) h[n++] = sh.hash;
  vb_shingle_close(&it);
  CHECK_INT(n, 5); /* 7 content words */
  CHECK_INT(vb_minhash_sign(tok, (const unsigned char *)z, strlen(z), 3, 32, s1), 1);
  CHECK_INT(vb_minhash_from_hashes(h, n, 3, 32, s2), 1);
  CHECK(memcmp(s1, s2, sizeof s1) == 0);
}

int main(void) {
  tok = vb_tok_new(vb_lang_get(VB_LANG_EN), VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
  CHECK(tok != NULL);
  testFnv();
  testShingles();
  testEstimate();
  testFormat();
  testSignText();
  testLongText();
  vb_tok_free(tok);
  return check_done();
}
