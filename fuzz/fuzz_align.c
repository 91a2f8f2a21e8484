/* SPDX-License-Identifier: MIT
 *
 * fuzz_align.c -- libFuzzer target for passage alignment (vb_align_words
 * over vb_words_collect).
 *
 * Input: a language byte, a min_words byte (1..8), then texts a and b.
 * Checks, besides memory safety: every passage has word indexes inside
 * both word lists with first <= last, byte spans that are exactly its
 * first word's start to its last word's end, 1 <= matched words <= the
 * shorter passage's word count and >= min_words, a score in [0, 1], raw
 * scores in non-increasing order; no two passages overlap in a or in b.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  const vb_lang *lang = fz_lang(&f);
  int minWords = 1 + fz_byte(&f) % 8;
  size_t na, nb, i, j;
  const unsigned char *za = fz_span(&f, 1 << 16, &na);
  const unsigned char *zb = fz_rest(&f, &nb);
  unsigned char *a = fz_dup(za, na), *b = fz_dup(zb, nb);
  vb_tokenizer *t = vb_tok_new(lang, VB_TOK_WANT_STEM);
  vb_words A = {0}, B = {0};
  vb_align_result r = {0};
  if (a == NULL || b == NULL || t == NULL) goto done;
  FZ_ASSERT(vb_words_collect(&A, t, a, na) == VB_OK);
  FZ_ASSERT(vb_words_collect(&B, t, b, nb) == VB_OK);
  FZ_ASSERT(vb_align_words(&A, &B, minWords, &r) == VB_OK);
  for (i = 0; i < r.n; i++) {
    const vb_align_pair *p = &r.a[i];
    FZ_ASSERT(p->aFirst <= p->aLast && p->aLast < A.n);
    FZ_ASSERT(p->bFirst <= p->bLast && p->bLast < B.n);
    FZ_ASSERT(p->aStart == A.a[p->aFirst].start && p->aEnd == A.a[p->aLast].end);
    FZ_ASSERT(p->bStart == B.a[p->bFirst].start && p->bEnd == B.a[p->bLast].end);
    size_t wa = p->aLast - p->aFirst + 1, wb = p->bLast - p->bFirst + 1;
    FZ_ASSERT(p->words >= (size_t)minWords && p->words <= (wa < wb ? wa : wb));
    FZ_ASSERT(p->score >= 0.0 && p->score <= 1.0);
    if (i) FZ_ASSERT(p->raw <= r.a[i - 1].raw);
    for (j = 0; j < i; j++) {
      const vb_align_pair *q = &r.a[j];
      FZ_ASSERT(p->aLast < q->aFirst || q->aLast < p->aFirst);
      FZ_ASSERT(p->bLast < q->bFirst || q->bLast < p->bFirst);
    }
  }
done:
  vb_align_result_free(&r);
  vb_words_free(&A);
  vb_words_free(&B);
  vb_tok_free(t);
  free(a);
  free(b);
  return 0;
}
