/* SPDX-License-Identifier: MIT
 *
 * fuzz_minhash.c -- libFuzzer target for shingles, MinHash signatures and
 * LSH bands (verbatim/minhash.h), and for signatures read from untrusted
 * bytes (minhash_similarity() and lsh_bands() take any BLOB).
 *
 * Input: a language byte, a shingle size byte (1..VB_MINHASH_MAX_N), a
 * permutations byte, then the text -- whose raw bytes are also parsed as a
 * signature.  Checks, besides memory safety: shingles are numbered 1, 2, 3...,
 * with non-empty spans in order on unit boundaries, hashed to vb_fnv1a of
 * their text; a signature exists exactly when a shingle does, parses back
 * to its permutations and n, is
 * similar 1.0 to itself; band hashes are computed for every band count;
 * a parsed untrusted signature compares with itself as 1.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  const vb_lang *lang = fz_lang(&f);
  int n = 1 + fz_byte(&f) % VB_MINHASH_MAX_N;
  int perms = 1 + fz_byte(&f) % 64;
  size_t nz;
  const unsigned char *zIn = fz_rest(&f, &nz);
  unsigned char *z = fz_dup(zIn, nz);
  vb_tokenizer *t = vb_tok_new(lang, VB_TOK_WANT_STEM);
  vb_shingle_iter it;
  vb_shingle sh;
  unsigned char *sig = malloc(VB_MINHASH_SIZE(VB_MINHASH_MAX_PERMUTATIONS));
  int rc, p2, n2, k, bands;
  size_t ord = 0;
  if (z == NULL || t == NULL || sig == NULL) goto done;

  /* untrusted bytes as a signature */
  if (vb_minhash_parse(z, nz, &p2, &n2) == VB_OK) {
    FZ_ASSERT(p2 >= 1 && p2 <= VB_MINHASH_MAX_PERMUTATIONS && n2 >= 1 && n2 <= VB_MINHASH_MAX_N);
    FZ_ASSERT(nz == VB_MINHASH_SIZE(p2));
    FZ_ASSERT(vb_minhash_similarity(z, z, p2) == 1.0);
    int aR[4] = {1, 2, p2 / 2, p2};
    for (bands = 0; bands < 4; bands++) {
      int r = aR[bands];
      if (r < 1) continue;
      for (k = 0; (k + 1) * r <= p2; k++) (void)vb_minhash_band(z, r, k);
    }
  }

  FZ_ASSERT(vb_shingle_open(&it, t, z, nz, n) == VB_OK);
  size_t prevStart = 0;
  while ((rc = vb_shingle_next(&it, &sh)) == 1) {
    FZ_ASSERT(sh.ord == ++ord);
    FZ_ASSERT(sh.start < sh.end && sh.end <= nz && sh.start >= prevStart);
    FZ_ASSERT(fz_on_boundary(z, nz, sh.start) && fz_on_boundary(z, nz, sh.end));
    FZ_ASSERT(sh.text != NULL && sh.text[sh.nText] == 0);
    FZ_ASSERT(sh.hash == vb_fnv1a(VB_FNV_OFFSET, sh.text, sh.nText));
    prevStart = sh.start;
  }
  FZ_ASSERT(rc == 0);
  vb_shingle_close(&it);

  rc = vb_minhash_sign(t, z, nz, n, perms, sig);
  FZ_ASSERT(rc == 0 || rc == 1);
  FZ_ASSERT((rc == 1) == (ord > 0)); /* a signature exactly when there are shingles */
  if (rc == 1) {
    FZ_ASSERT(vb_minhash_parse(sig, VB_MINHASH_SIZE(perms), &p2, &n2) == VB_OK);
    FZ_ASSERT(p2 == perms && n2 == n);
    FZ_ASSERT(vb_minhash_similarity(sig, sig, perms) == 1.0);
    for (bands = 1; bands <= perms; bands++) {
      int r = perms / bands;
      for (k = 0; k < bands; k++) (void)vb_minhash_band(sig, r, k);
    }
  }
  FZ_ASSERT(vb_shingle_open(&it, t, z, nz, 0) == VB_EARG);
  vb_shingle_close(&it);
  FZ_ASSERT(vb_minhash_sign(t, z, nz, n, 0, sig) == VB_EARG);
done:
  vb_tok_free(t);
  free(sig);
  free(z);
  return 0;
}
