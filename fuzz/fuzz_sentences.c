/* SPDX-License-Identifier: MIT
 *
 * fuzz_sentences.c -- libFuzzer target for sentence segmentation.
 *
 * Input: one byte picks the language (every supported one, or none), the
 * rest is the document.  Checks, besides memory safety: sentences are
 * non-empty, in order, never overlapping, inside the document, on SQLite
 * unit boundaries, trimmed (no ASCII white space at either end), numbered
 * 1, 2, 3... with non-decreasing paragraphs; every printable non-space
 * ASCII byte lies inside a sentence; the plain UAX #29 scanner moves forward
 * and ends at the end of the document.
 */
#include "fuzz.h"

static int isAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  const vb_lang *lang = fz_lang(&f);
  size_t n;
  const unsigned char *zIn = fz_rest(&f, &n);
  unsigned char *z = fz_dup(zIn, n);
  vb_sent_iter *it = NULL;
  vb_sentence s;
  size_t prevEnd = 0, prevPara = 1, ord = 0, i;
  int rc;
  if (z == NULL) return 0;

  rc = vb_sent_open(&it, z, n, lang);
  FZ_ASSERT(rc == VB_OK);
  while ((rc = vb_sent_next(it, &s)) == 1) {
    FZ_ASSERT(s.start < s.end && s.end <= n);
    FZ_ASSERT(s.start >= prevEnd);
    FZ_ASSERT(s.ord == ++ord);
    FZ_ASSERT(s.paragraph >= prevPara);
    FZ_ASSERT(fz_on_boundary(z, n, s.start) && fz_on_boundary(z, n, s.end));
    FZ_ASSERT(!isAsciiSpace(z[s.start]) && !isAsciiSpace(z[s.end - 1]));
    for (i = prevEnd; i < s.start; i++) FZ_ASSERT(!(z[i] > 0x20 && z[i] < 0x7F));
    prevEnd = s.end;
    prevPara = s.paragraph;
  }
  FZ_ASSERT(rc == 0);
  for (i = prevEnd; i < n; i++) FZ_ASSERT(!(z[i] > 0x20 && z[i] < 0x7F));
  vb_sent_close(it);

  /* The raw UAX #29 boundaries. */
  size_t b = 0, steps = 0;
  while (b < n) {
    size_t next = vb_sent_uax_next(z, n, b);
    FZ_ASSERT(next > b && next <= n);
    FZ_ASSERT(fz_on_boundary(z, n, next));
    b = next;
    FZ_ASSERT(++steps <= n);
  }
  free(z);
  return 0;
}
