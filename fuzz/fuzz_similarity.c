/* SPDX-License-Identifier: MIT
 *
 * fuzz_similarity.c -- libFuzzer target for vb_sim_score, every method.
 *
 * Input: a method byte, a language byte, then two texts a and b.  Checks,
 * besides memory safety: the score is a number in [0, 1]; 1 for a against
 * itself; equal (to 1e-12) for b against a except for 'containment'; and
 * exactly the same from a scorer that has served every earlier input (as
 * the extension's per-connection scorer has) as from a fresh one -- the
 * function is registered DETERMINISTIC.  VB_ELIMIT (a quadratic method
 * over its bound) is the only error allowed.
 */
#include <math.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  static vb_sim *shared;
  int method = fz_byte(&f) % VB_SIM_COUNT;
  const vb_lang *lang = fz_lang(&f);
  size_t na, nb;
  const unsigned char *za = fz_span(&f, 1 << 16, &na);
  const unsigned char *zb = fz_rest(&f, &nb);
  unsigned char *a = fz_dup(za, na), *b = fz_dup(zb, nb);
  vb_sim *fresh = vb_sim_new();
  double ab = -1, ab2 = -1, ba = -1, aa = -1;
  if (shared == NULL) shared = vb_sim_new();
  if (a == NULL || b == NULL || fresh == NULL || shared == NULL) goto done;

  int rc = vb_sim_score(shared, (vb_sim_method)method, lang, a, na, b, nb, &ab);
  FZ_ASSERT(rc == VB_OK || rc == VB_ELIMIT);
  if (rc == VB_OK) {
    FZ_ASSERT(!isnan(ab) && ab >= 0.0 && ab <= 1.0);
    FZ_ASSERT(vb_sim_score(fresh, (vb_sim_method)method, lang, a, na, b, nb, &ab2) == VB_OK);
    FZ_ASSERT(ab == ab2);
    if (method != VB_SIM_CONTAINMENT) {
      FZ_ASSERT(vb_sim_score(shared, (vb_sim_method)method, lang, b, nb, a, na, &ba) == VB_OK);
      FZ_ASSERT(fabs(ab - ba) <= 1e-12);
    }
  }
  rc = vb_sim_score(shared, (vb_sim_method)method, lang, a, na, a, na, &aa);
  FZ_ASSERT(rc == VB_OK || rc == VB_ELIMIT);
  if (rc == VB_OK) FZ_ASSERT(aa == 1.0);
done:
  vb_sim_free(fresh);
  free(a);
  free(b);
  return 0;
}
