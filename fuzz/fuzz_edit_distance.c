/* SPDX-License-Identifier: MIT
 *
 * fuzz_edit_distance.c -- libFuzzer target for the character distances:
 * vb_edit_distance (Levenshtein), vb_indel_distance and vb_jaro_winkler.
 *
 * Input: two spans a and b (fuzz.h).  Checks, besides memory safety:
 * Levenshtein and Indel distances equal a plain dynamic-programming
 * reference over SQLite units (for texts up to 300 units, where the
 * reference is cheap), are symmetric, zero exactly for equal unit
 * sequences, and bounded by |a| - |b| <= d <= max(|a|, |b|) (Indel:
 * <= |a| + |b|); Jaro-Winkler is in [0, 1], symmetric, and 1 for equal
 * texts.
 */
#include "fuzz.h"

#define REF_MAX 300

/* The code points of z's units (as vb_utf8_step decodes them). */
FZ_NO_COVERAGE static size_t units(const unsigned char *z, size_t n, int32_t *a, size_t nMax) {
  size_t i = 0, k = 0;
  while (i < n && k < nMax) i = vb_utf8_step(z, n, i, &a[k++]);
  return i < n ? nMax + 1 : k;
}

/* Levenshtein (bIndel = 0) or Indel (1) distance by the textbook DP.  Not
 * coverage-instrumented: its comparisons teach the fuzzer nothing, and
 * tracing them took ~60% of every execution. */
FZ_NO_COVERAGE static int64_t refDistance(const int32_t *a, size_t na, const int32_t *b, size_t nb, int bIndel) {
  static int64_t row[REF_MAX + 1];
  size_t i, j;
  for (j = 0; j <= nb; j++) row[j] = (int64_t)j;
  for (i = 1; i <= na; i++) {
    int64_t diag = row[0];
    row[0] = (int64_t)i;
    for (j = 1; j <= nb; j++) {
      int64_t up = row[j];
      int64_t best = (up < row[j - 1] ? up : row[j - 1]) + 1;
      if (a[i - 1] == b[j - 1]) {
        if (diag < best) best = diag;
      } else if (!bIndel && diag + 1 < best) {
        best = diag + 1;
      }
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  size_t na, nb;
  const unsigned char *za = fz_span(&f, 1 << 16, &na);
  const unsigned char *zb = fz_rest(&f, &nb);
  unsigned char *a = fz_dup(za, na), *b = fz_dup(zb, nb);
  static int32_t ua[REF_MAX + 1], ub[REF_MAX + 1];
  int64_t d1 = -1, d2 = -1, i1 = -1, i2 = -1;
  double j1 = -1, j2 = -1;
  if (a == NULL || b == NULL) goto done;

  size_t la = vb_utf8_count(a, na), lb = vb_utf8_count(b, nb);
  FZ_ASSERT(vb_edit_distance(a, na, b, nb, &d1) == VB_OK);
  FZ_ASSERT(vb_edit_distance(b, nb, a, na, &d2) == VB_OK);
  FZ_ASSERT(vb_indel_distance(a, na, b, nb, &i1) == VB_OK);
  FZ_ASSERT(vb_indel_distance(b, nb, a, na, &i2) == VB_OK);
  FZ_ASSERT(vb_jaro_winkler(a, na, b, nb, &j1) == VB_OK);
  FZ_ASSERT(vb_jaro_winkler(b, nb, a, na, &j2) == VB_OK);
  FZ_ASSERT(d1 == d2 && i1 == i2 && j1 == j2);
  size_t lo = la > lb ? la - lb : lb - la, hi = la > lb ? la : lb;
  FZ_ASSERT(d1 >= (int64_t)lo && d1 <= (int64_t)hi);
  FZ_ASSERT(i1 >= d1 && i1 <= (int64_t)(la + lb) && (i1 - (int64_t)lo) % 2 == 0);
  FZ_ASSERT(j1 >= 0.0 && j1 <= 1.0);

  size_t ka = units(a, na, ua, REF_MAX), kb = units(b, nb, ub, REF_MAX);
  if (ka <= REF_MAX && kb <= REF_MAX) {
    FZ_ASSERT(ka == la && kb == lb);
    FZ_ASSERT(d1 == refDistance(ua, ka, ub, kb, 0));
    FZ_ASSERT(i1 == refDistance(ua, ka, ub, kb, 1));
    int same = ka == kb && memcmp(ua, ub, ka * sizeof ua[0]) == 0;
    FZ_ASSERT((d1 == 0) == same);
    if (same) FZ_ASSERT(j1 == 1.0);
  }
done:
  free(a);
  free(b);
  return 0;
}
