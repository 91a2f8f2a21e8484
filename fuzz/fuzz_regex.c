/* SPDX-License-Identifier: MIT
 *
 * fuzz_regex.c -- libFuzzer target for the PCRE2 wrapper (verbatim/regex.h).
 *
 * Input: a flags byte (caseless, no JIT, tight limits), a pattern (up to
 * 256 bytes), then the subject.  Compiling may fail only with VB_EREGEX.
 * Checks, besides memory safety: every match lies inside the subject, on
 * SQLite unit boundaries, at or after the previous one, and never repeats
 * an empty match at the same place; the "find all" loop ends (at most
 * 2n + 1 matches: an empty and a non-empty one per position) with 0 or
 * VB_ELIMIT; capture groups lie inside
 * the subject.  The tight limits keep catastrophic patterns fast enough to
 * fuzz; the default limits are exercised by the SQL target and tests.
 * With flag bit 4, the search is also run whole (the pattern behind
 * "(?:\\G)?", which turns off the windows of start positions that the time
 * budget needs): when both end normally they give the same matches.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  unsigned opt = fz_byte(&f);
  size_t nPat, n;
  const unsigned char *zPat = fz_span(&f, 256, &nPat);
  const unsigned char *zIn = fz_rest(&f, &n);
  unsigned char *pat = fz_dup(zPat, nPat), *z = fz_dup(zIn, n);
  vb_regex *re = NULL;
  vb_regex_iter *it = NULL;
  vb_regex_error err;
  int rc, k;
  if (pat == NULL || z == NULL) goto done;
  unsigned flags = (opt & 1 ? VB_REGEX_CASELESS : 0) | (opt & 2 ? VB_REGEX_NO_JIT : 0);
  rc = vb_regex_compile(&re, (const char *)pat, (ptrdiff_t)nPat, flags, &err);
  FZ_ASSERT(rc == VB_OK || rc == VB_EREGEX);
  if (rc != VB_OK) {
    FZ_ASSERT(re == NULL && memchr(err.message, 0, sizeof err.message) != NULL);
    goto done;
  }
  int nGroups = vb_regex_group_count(re);
  FZ_ASSERT(nGroups >= 0);
  FZ_ASSERT(vb_regex_iter_new(&it, re) == VB_OK);
  vb_regex_iter_limits(it, 20000, 2000, 1024); /* keep each input fast */
  vb_regex_iter_reset(it, z, n);
  size_t prevStart = 0, prevEnd = 0, count = 0;
  int prevEmpty = 0;
  size_t *spans = NULL, nSpans = 0;
  if (opt & 4) spans = malloc((2 * n + 2) * 2 * sizeof *spans);
  while ((rc = vb_regex_iter_next(it)) == 1) {
    size_t s, e;
    FZ_ASSERT(vb_regex_iter_span(it, 0, &s, &e) == 1);
    if (spans) {
      spans[2 * nSpans] = s;
      spans[2 * nSpans + 1] = e;
      nSpans++;
    }
    FZ_ASSERT(s <= e && e <= n);
    FZ_ASSERT(s >= prevEnd || (count == 0));
    FZ_ASSERT(fz_on_boundary(z, n, s) && fz_on_boundary(z, n, e));
    if (s == e && prevEmpty) FZ_ASSERT(s != prevStart);
    for (k = 1; k <= nGroups; k++) {
      size_t gs, ge;
      if (vb_regex_iter_span(it, k, &gs, &ge)) FZ_ASSERT(gs <= n && ge <= n);
    }
    size_t xs, xe;
    FZ_ASSERT(vb_regex_iter_span(it, nGroups + 1, &xs, &xe) == 0);
    prevStart = s;
    prevEnd = e;
    prevEmpty = s == e;
    /* at most an empty and a non-empty match per position ('|a' over "aa"
     * gives "", "a", "", "a", "") */
    FZ_ASSERT(++count <= 2 * n + 1);
  }
  FZ_ASSERT(rc == 0 || rc == VB_ELIMIT);
  FZ_ASSERT(vb_regex_iter_next(it) == 0);
  if (spans && rc == 0) {
    /* The same search, whole: a prefix of 7 bytes that matches nothing. */
    unsigned char *pat2 = malloc(nPat + 8);
    vb_regex *re2 = NULL;
    vb_regex_iter *it2 = NULL;
    if (pat2) {
      memcpy(pat2, "(?:\\G)?", 7);
      memcpy(pat2 + 7, pat, nPat);
    }
    if (pat2 && vb_regex_compile(&re2, (const char *)pat2, (ptrdiff_t)nPat + 7, flags, NULL) == VB_OK &&
        vb_regex_iter_new(&it2, re2) == VB_OK) {
      size_t j = 0;
      vb_regex_iter_limits(it2, 20000, 2000, 1024);
      vb_regex_iter_reset(it2, z, n);
      while ((rc = vb_regex_iter_next(it2)) == 1 && j <= nSpans) {
        size_t s, e;
        vb_regex_iter_span(it2, 0, &s, &e);
        FZ_ASSERT(j < nSpans && spans[2 * j] == s && spans[2 * j + 1] == e);
        j++;
      }
      if (rc == 0) FZ_ASSERT(j == nSpans);
    }
    vb_regex_iter_free(it2);
    vb_regex_free(re2);
    free(pat2);
  }
  free(spans);
done:
  vb_regex_iter_free(it);
  vb_regex_free(re);
  free(pat);
  free(z);
  return 0;
}
