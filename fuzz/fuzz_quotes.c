/* SPDX-License-Identifier: MIT
 *
 * fuzz_quotes.c -- libFuzzer target for quotes() (include/verbatim/quotes.h).
 *
 * Input: one byte picks the language (every supported one, or none), the
 * rest is the document.  Checks, besides memory safety and leaks: every
 * row's quote, speaker, mention and cue spans lie inside the document, on
 * SQLite unit boundaries, with start <= end; quotes are non-empty; rows are
 * numbered 1, 2, 3... in order of start with sentence and paragraph >= 1;
 * the kind is one of the four; and the total quoted bytes stay within 4x
 * the document (nesting is bounded).  The rules are compiled once.
 */
#include "fuzz.h"

static vb_quote_rules *g_rules;

static void checkSpan(const unsigned char *z, size_t n, int has, size_t a, size_t b) {
  if (!has) return;
  FZ_ASSERT(a < b && b <= n);
  FZ_ASSERT(fz_on_boundary(z, n, a) && fz_on_boundary(z, n, b));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  const vb_lang *lang = fz_lang(&f);
  size_t n;
  const unsigned char *zIn = fz_rest(&f, &n);
  unsigned char *z = fz_dup(zIn, n);
  vb_quote_iter *it = NULL;
  vb_quote q;
  size_t ord = 0, prevStart = 0, total = 0;
  int rc;
  if (z == NULL) return 0;
  if (g_rules == NULL) FZ_ASSERT(vb_quote_rules_new(&g_rules) == VB_OK);

  rc = vb_quotes_open(&it, g_rules, z, n, lang);
  FZ_ASSERT(rc == VB_OK);
  while ((rc = vb_quotes_next(it, &q)) == 1) {
    FZ_ASSERT(q.ord == ++ord);
    FZ_ASSERT(q.start >= prevStart);
    prevStart = q.start;
    checkSpan(z, n, 1, q.start, q.end);
    checkSpan(z, n, q.hasSpeaker, q.speakerStart, q.speakerEnd);
    checkSpan(z, n, q.hasMention, q.mentionStart, q.mentionEnd);
    checkSpan(z, n, q.hasCue, q.cueStart, q.cueEnd);
    FZ_ASSERT(q.kind >= VB_QUOTE_DIRECT && q.kind <= VB_QUOTE_INDIRECT);
    FZ_ASSERT(q.sentence >= 1 && q.paragraph >= 1);
    total += q.end - q.start;
  }
  FZ_ASSERT(rc == 0);
  FZ_ASSERT(total <= 4 * n + 16);
  vb_quotes_close(it);
  free(z);
  return 0;
}
