/* SPDX-License-Identifier: MIT
 *
 * minhash.c -- MinHash signatures and LSH band hashes (format and
 * definitions in verbatim/minhash.h).
 *
 * Each shingle is hashed once (FNV-1a 64 of its text); permutation i is
 * then the multiply-add (a_i * h + b_i) mod 2^64, of which the high 32 bits
 * are kept.  The parameters a_i (odd) and b_i are the splitmix64 sequence
 * from VB_MINHASH_SEED, computed once per process (pthread_once) for the
 * largest permutation count.  A signature of P permutations over S
 * shingles costs S*P multiply-adds; for a 20-word sentence and P = 128
 * that is about 2,300 operations.
 */
#include "verbatim/minhash.h"

#include <pthread.h>
#include <string.h>

static uint64_t aMulParam[VB_MINHASH_MAX_PERMUTATIONS];
static uint64_t aAddParam[VB_MINHASH_MAX_PERMUTATIONS];
static pthread_once_t paramsOnce = PTHREAD_ONCE_INIT;

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void paramsInit(void) {
  uint64_t s = VB_MINHASH_SEED;
  int i;
  for (i = 0; i < VB_MINHASH_MAX_PERMUTATIONS; i++) {
    aMulParam[i] = splitmix64(&s) | 1;
    aAddParam[i] = splitmix64(&s);
  }
}

static void putU32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
  p[2] = (unsigned char)(v >> 16);
  p[3] = (unsigned char)(v >> 24);
}

static uint32_t getU32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Folds one shingle hash into the running minima. */
static void signFold(uint32_t *aMin, int perms, uint64_t h) {
  int i;
  for (i = 0; i < perms; i++) {
    uint32_t v = (uint32_t)((aMulParam[i] * h + aAddParam[i]) >> 32);
    if (v < aMin[i]) aMin[i] = v;
  }
}

static void signWrite(unsigned char *out, const uint32_t *aMin, int n, int perms) {
  int i;
  out[0] = 'v';
  out[1] = 'm';
  out[2] = 1;
  out[3] = (unsigned char)n;
  putU32(out + 4, (uint32_t)perms);
  for (i = 0; i < perms; i++) putU32(out + VB_MINHASH_HEADER + 4 * i, aMin[i]);
}

int vb_minhash_from_hashes(const uint64_t *aHash, size_t nHash, int n, int perms,
                           unsigned char *out) {
  uint32_t aMin[VB_MINHASH_MAX_PERMUTATIONS];
  size_t k;
  if (perms < 1 || perms > VB_MINHASH_MAX_PERMUTATIONS || n < 1 || n > VB_MINHASH_MAX_N) {
    return VB_EARG;
  }
  if (nHash == 0) return 0;
  pthread_once(&paramsOnce, paramsInit);
  memset(aMin, 0xff, (size_t)perms * sizeof aMin[0]);
  for (k = 0; k < nHash; k++) signFold(aMin, perms, aHash[k]);
  signWrite(out, aMin, n, perms);
  return 1;
}

int vb_minhash_sign(vb_tokenizer *t, const unsigned char *z, size_t nz, int n, int perms,
                    unsigned char *out) {
  uint32_t aMin[VB_MINHASH_MAX_PERMUTATIONS];
  vb_shingle_iter it;
  vb_shingle sh;
  int rc, any = 0;
  if (perms < 1 || perms > VB_MINHASH_MAX_PERMUTATIONS || n < 1 || n > VB_MINHASH_MAX_N) {
    return VB_EARG;
  }
  pthread_once(&paramsOnce, paramsInit);
  rc = vb_shingle_open(&it, t, z, nz, n);
  if (rc != VB_OK) {
    vb_shingle_close(&it);
    return rc;
  }
  memset(aMin, 0xff, (size_t)perms * sizeof aMin[0]);
  while ((rc = vb_shingle_next(&it, &sh)) == 1) {
    signFold(aMin, perms, sh.hash);
    any = 1;
  }
  vb_shingle_close(&it);
  if (rc < 0) return rc;
  if (!any) return 0;
  signWrite(out, aMin, n, perms);
  return 1;
}

int vb_minhash_parse(const unsigned char *z, size_t nz, int *pPerms, int *pN) {
  uint32_t perms;
  if (z == NULL || nz < VB_MINHASH_HEADER || z[0] != 'v' || z[1] != 'm' || z[2] != 1) {
    return VB_EARG;
  }
  perms = getU32(z + 4);
  if (perms < 1 || perms > VB_MINHASH_MAX_PERMUTATIONS || z[3] < 1 || z[3] > VB_MINHASH_MAX_N ||
      nz != VB_MINHASH_SIZE(perms)) {
    return VB_EARG;
  }
  *pPerms = (int)perms;
  *pN = z[3];
  return VB_OK;
}

double vb_minhash_similarity(const unsigned char *x, const unsigned char *y, int perms) {
  int i, same = 0;
  const unsigned char *px = x + VB_MINHASH_HEADER, *py = y + VB_MINHASH_HEADER;
  for (i = 0; i < perms; i++) same += memcmp(px + 4 * i, py + 4 * i, 4) == 0;
  return (double)same / (double)perms;
}

uint64_t vb_minhash_band(const unsigned char *sig, int r, int k) {
  return vb_fnv1a(VB_FNV_OFFSET, sig + VB_MINHASH_HEADER + 4 * (size_t)k * (size_t)r,
                  4 * (size_t)r);
}
