/* SPDX-License-Identifier: MIT
 *
 * sim_pm.h -- internal to the similarity module: the pattern-match vectors
 * of the bit-parallel string algorithms (Levenshtein, Indel/LCS, Jaro), and
 * decoding a text into code points.
 *
 * A pattern of m symbols (code points, or word ids) is split into
 * nWords = ceil(m / 64) machine words.  For each symbol c, the vector
 * PM(c) has bit i set when pattern[i] == c.  Symbols below 128 (ASCII)
 * index a direct table; others go through an open-addressing hash table.  Small
 * patterns (up to VB_PM_STACK_WORDS words) live in the caller's vb_pm on the
 * stack; larger ones allocate once per call.
 */
#ifndef VB_SIM_PM_H
#define VB_SIM_PM_H

#include <stdint.h>
#include <string.h>

#include "verbatim/base.h"

#define VB_PM_STACK_WORDS 4   /* patterns up to 256 symbols need no heap */
#define VB_PM_STACK_SLOTS 512 /* hash slots on the stack: 2 x 256 */

typedef struct vb_pm {
  size_t nWords;
  uint64_t *ascii; /* 128 rows of nWords: row c at ascii + c * nWords */
  int32_t *keys;   /* hash keys (symbols >= 128), -1 = empty; NULL if none */
  uint64_t *vals;  /* cap rows of nWords */
  size_t cap;      /* power of two, or 0 */
  uint64_t *zero;  /* a row of zeros */
  void *heap;      /* one allocation for the large case */
  uint64_t aAscii[128 * VB_PM_STACK_WORDS];
  int32_t aKeys[VB_PM_STACK_SLOTS];
  uint64_t aVals[VB_PM_STACK_SLOTS * VB_PM_STACK_WORDS];
  uint64_t aZero[VB_PM_STACK_WORDS];
} vb_pm;

static inline size_t vb_pm_hash(int32_t c, size_t cap) {
  return (size_t)(((uint32_t)c * 2654435761u) >> 7) & (cap - 1);
}

/* Build PM for p[0..m), m >= 1.  VB_OK or VB_NOMEM. */
static inline int vb_pm_build(vb_pm *pm, const int32_t *p, size_t m) {
  size_t nw = (m + 63) / 64, i, nHigh = 0, cap = 0;
  uint32_t any = 0; /* OR of the symbols: below 128 when all are ASCII */
  for (i = 0; i + 4 <= m; i += 4) {
    any |= (uint32_t)p[i] | (uint32_t)p[i + 1] | (uint32_t)p[i + 2] | (uint32_t)p[i + 3];
  }
  for (; i < m; i++) any |= (uint32_t)p[i];
  if (any >= 128u) {
    for (i = 0; i < m; i++) nHigh += (uint32_t)p[i] >= 128u; /* not ASCII (or negative) */
  }
  if (nHigh) {
    cap = 16;
    while (cap < 2 * nHigh) cap <<= 1;
  }
  pm->nWords = nw;
  pm->cap = cap;
  pm->heap = NULL;
  if (nw <= VB_PM_STACK_WORDS && cap <= VB_PM_STACK_SLOTS) {
    pm->ascii = pm->aAscii;
    pm->keys = cap ? pm->aKeys : NULL;
    pm->vals = pm->aVals;
    pm->zero = pm->aZero;
  } else {
    size_t bytes = (128 * nw + cap * nw + nw) * sizeof(uint64_t) + cap * sizeof(int32_t);
    uint64_t *h = vb_malloc(bytes);
    if (h == NULL) return VB_NOMEM;
    pm->heap = h;
    pm->ascii = h;
    pm->vals = h + 128 * nw;
    pm->zero = pm->vals + cap * nw;
    pm->keys = cap ? (int32_t *)(pm->zero + nw) : NULL;
  }
  memset(pm->ascii, 0, 128 * nw * sizeof(uint64_t));
  memset(pm->zero, 0, nw * sizeof(uint64_t));
  if (cap) memset(pm->keys, 0xff, cap * sizeof(int32_t));
  if (nHigh == 0) { /* all ASCII: rows of the direct table only */
    for (i = 0; i < m; i++) pm->ascii[(size_t)p[i] * nw + i / 64] |= (uint64_t)1 << (i % 64);
    return VB_OK;
  }
  for (i = 0; i < m; i++) {
    int32_t c = p[i];
    uint64_t *row;
    if (c >= 0 && c < 128) {
      row = pm->ascii + (size_t)c * nw;
    } else {
      size_t h = vb_pm_hash(c, cap);
      while (pm->keys[h] != -1 && pm->keys[h] != c) h = (h + 1) & (cap - 1);
      row = pm->vals + h * nw;
      if (pm->keys[h] == -1) {
        pm->keys[h] = c;
        memset(row, 0, nw * sizeof(uint64_t));
      }
    }
    row[i / 64] |= (uint64_t)1 << (i % 64);
  }
  return VB_OK;
}

/* The nWords-word row of symbol c (a zero row when c is not in the pattern). */
static inline const uint64_t *vb_pm_get(const vb_pm *pm, int32_t c) {
  if (c >= 0 && c < 128) return pm->ascii + (size_t)c * pm->nWords;
  if (pm->cap == 0) return pm->zero;
  size_t h = vb_pm_hash(c, pm->cap);
  for (;;) {
    int32_t k = pm->keys[h];
    if (k == c) return pm->vals + h * pm->nWords;
    if (k == -1) return pm->zero;
    h = (h + 1) & (pm->cap - 1);
  }
}

static inline void vb_pm_free(vb_pm *pm) {
  vb_free(pm->heap);
  pm->heap = NULL;
}

/* 1 when every byte of z[0..n) is ASCII. */
static inline int vb_sim_is_ascii(const unsigned char *z, size_t n) {
  size_t i = 0;
  uint64_t high = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, z + i, 8);
    high |= x;
  }
  for (; i < n; i++) high |= z[i];
  return (high & 0x8080808080808080ULL) == 0;
}

/* Units in z[0..n) (vb_utf8_count), with a fast path for ASCII text. */
static inline size_t vb_sim_count(const unsigned char *z, size_t n) {
  size_t i = 0;
  uint64_t high = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, z + i, 8);
    high |= x;
  }
  for (; i < n; i++) high |= z[i];
  if ((high & 0x8080808080808080ULL) == 0) return n;
  return vb_utf8_count(z, n);
}

/* ---- code point sequences ------------------------------------------------- */
#define VB_CPS_STACK 256

typedef struct vb_cps {
  int32_t *a;
  size_t n;
  int32_t *heap;
  int32_t aStack[VB_CPS_STACK];
} vb_cps;

/* Decode z[0..nz), known to hold nChars units, into c.  VB_OK or VB_NOMEM. */
static inline int vb_cps_decode(vb_cps *c, const unsigned char *z, size_t nz, size_t nChars) {
  size_t i = 0, k = 0;
  c->heap = NULL;
  c->a = c->aStack;
  if (nChars > VB_CPS_STACK) {
    c->heap = vb_malloc(nChars * sizeof(int32_t));
    if (c->heap == NULL) return VB_NOMEM;
    c->a = c->heap;
  }
  if (nChars == nz) { /* one byte a unit: ASCII bytes are their code points */
    while (i < nz && z[i] < 0x80) {
      c->a[i] = z[i];
      i++;
    }
    k = i;
  }
  while (i < nz) i = vb_utf8_next(z, nz, i, &c->a[k++]);
  c->n = k;
  return VB_OK;
}

static inline void vb_cps_free(vb_cps *c) {
  vb_free(c->heap);
  c->heap = NULL;
}

/* Trim the common prefix and suffix of a and b in whole units (identical
 * bytes that end on a unit boundary in both texts).  Adjusts the pointers
 * and lengths in place. */
static inline void vb_trim_common(const unsigned char **pa, size_t *pna, const unsigned char **pb,
                                  size_t *pnb) {
  const unsigned char *a = *pa, *b = *pb;
  size_t na = *pna, nb = *pnb, k = 0, n = na < nb ? na : nb;
  while (k < n && a[k] == b[k]) k++;
  /* Back off until the cut is at a non-continuation byte (a unit start) in
   * both texts, or at a text's end. */
  while (k > 0 && ((k < na && (a[k] & 0xC0) == 0x80) || (k < nb && (b[k] & 0xC0) == 0x80))) k--;
  a += k, b += k, na -= k, nb -= k;
  n = na < nb ? na : nb;
  size_t s = 0;
  while (s < n && a[na - 1 - s] == b[nb - 1 - s]) s++;
  /* The cut (na - s, nb - s) must start a unit in both texts: a
   * non-continuation byte, or the end. */
  while (s > 0 && (((a[na - s] & 0xC0) == 0x80) || ((b[nb - s] & 0xC0) == 0x80))) s--;
  *pa = a, *pb = b, *pna = na - s, *pnb = nb - s;
}

#endif /* VB_SIM_PM_H */
