/* SPDX-License-Identifier: MIT
 *
 * fuzz_normalize.c -- libFuzzer target for vb_normalize / vb_normalize_buf.
 *
 * Input: a form byte (fold, nfc, nfd, nfkc, nfkd), then the text.  Checks,
 * besides memory safety: the output is valid UTF-8 with no NUL added;
 * vb_normalize and vb_normalize_buf (with reused scratch) agree; the four
 * Unicode forms are idempotent (normalizing the output changes nothing).
 */
#include <utf8proc.h>

#include "fuzz.h"

static int validUtf8(const unsigned char *z, size_t n) {
  size_t i = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(z + i, (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0 || cp < 0) return 0;
    i += (size_t)len;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  vb_norm_form form = (vb_norm_form)(fz_byte(&f) % 5);
  size_t n;
  const unsigned char *zIn = fz_rest(&f, &n);
  unsigned char *z = fz_dup(zIn, n);
  static vb_buf scratch; /* reused across inputs, as the binding reuses it */
  vb_buf out = {0}, out2 = {0}, again = {0};
  if (z == NULL) return 0;
  FZ_ASSERT(vb_normalize(z, n, form, &out) == VB_OK);
  FZ_ASSERT(vb_normalize_buf(z, n, form, &out2, &scratch) == VB_OK);
  FZ_ASSERT(out.n == out2.n && (out.n == 0 || memcmp(out.z, out2.z, out.n) == 0));
  FZ_ASSERT(validUtf8(out.z, out.n));
  if (memchr(z, 0, n) == NULL && out.n) FZ_ASSERT(memchr(out.z, 0, out.n) == NULL);
  if (form != VB_NORM_FOLD) {
    FZ_ASSERT(vb_normalize(out.z ? out.z : (const unsigned char *)"", out.n, form, &again) == VB_OK);
    FZ_ASSERT(again.n == out.n && (out.n == 0 || memcmp(again.z, out.z, out.n) == 0));
  }
  vb_buf_free(&out);
  vb_buf_free(&out2);
  vb_buf_free(&again);
  free(z);
  return 0;
}
