/* SPDX-License-Identifier: MIT
 *
 * fuzz_quotes.c -- libFuzzer target for quotation finding (vb_quotes_*).
 *
 * Input: a language byte, then the document.  The compiled rules are built
 * once and shared by every input, as the extension shares them.  Checks,
 * besides memory safety: rows are numbered 1, 2, 3... in order of start;
 * every span (quote, speaker, mention, cue) lies inside the document on
 * SQLite unit boundaries with start <= end, and an absent one is empty;
 * the kind is one of the four; sentence and paragraph numbers are >= 1.
 */
#include "fuzz.h"

static void checkSpan(const unsigned char *z, size_t n, size_t s, size_t e, int has) {
  FZ_ASSERT(s <= e && e <= n);
  FZ_ASSERT(fz_on_boundary(z, n, s) && fz_on_boundary(z, n, e));
  if (!has) FZ_ASSERT(s == e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static vb_quote_rules *rules;
  fz f = {data, size};
  const vb_lang *lang = fz_lang(&f);
  size_t n, ord = 0, prevStart = 0;
  const unsigned char *zIn = fz_rest(&f, &n);
  unsigned char *z = fz_dup(zIn, n);
  vb_quote_iter *it = NULL;
  vb_quote q;
  int rc;
  if (rules == NULL) FZ_ASSERT(vb_quote_rules_new(&rules) == VB_OK);
  if (z == NULL) return 0;
  rc = vb_quotes_open(&it, rules, z, n, lang);
  FZ_ASSERT(rc == VB_OK);
  while ((rc = vb_quotes_next(it, &q)) == 1) {
    FZ_ASSERT(q.ord == ++ord);
    FZ_ASSERT(q.start >= prevStart);
    checkSpan(z, n, q.start, q.end, 1);
    checkSpan(z, n, q.speakerStart, q.speakerEnd, q.hasSpeaker);
    checkSpan(z, n, q.mentionStart, q.mentionEnd, q.hasMention);
    checkSpan(z, n, q.cueStart, q.cueEnd, q.hasCue);
    FZ_ASSERT(q.kind >= VB_QUOTE_DIRECT && q.kind <= VB_QUOTE_INDIRECT);
    FZ_ASSERT(vb_quote_kind_name(q.kind) != NULL);
    FZ_ASSERT(q.sentence >= 1 && q.paragraph >= 1);
    prevStart = q.start;
  }
  FZ_ASSERT(rc == 0);
  vb_quotes_close(it);
  free(z);
  return 0;
}
