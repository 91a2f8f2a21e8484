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
  while ((rc = vb_regex_iter_next(it)) == 1) {
    size_t s, e;
    FZ_ASSERT(vb_regex_iter_span(it, 0, &s, &e) == 1);
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
done:
  vb_regex_iter_free(it);
  vb_regex_free(re);
  free(pat);
  free(z);
  return 0;
}
