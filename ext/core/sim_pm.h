/* SPDX-License-Identifier: MIT
 *
 * sim_pm.h -- internal to the similarity module: the pattern-match vectors
 * of the bit-parallel string algorithms (Levenshtein, Indel/LCS, Jaro), the
 * LCS step they share, ordering a pair into pattern and text, and decoding
 * a text into code points.
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
#include "verbatim/similarity.h"

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
  if (vb_sim_is_ascii(z, n)) return n;
  return vb_utf8_count(z, n);
}

/* Order a pair for the bit-parallel algorithms: on return *pp (np bytes,
 * cp units) is the side with fewer units -- the first on a tie -- and *pt
 * the other.  VB_ELIMIT when the ceil(cp/64) x ct word steps would exceed
 * VB_SIM_MAX_STEPS, else VB_OK. */
static inline int vb_sim_order(const unsigned char **pp, size_t *pnp, size_t *pcp,
                               const unsigned char **pt, size_t *pnt, size_t *pct) {
  if (*pcp > *pct) {
    const unsigned char *z = *pp;
    size_t nz = *pnp, cz = *pcp;
    *pp = *pt, *pnp = *pnt, *pcp = *pct;
    *pt = z, *pnt = nz, *pct = cz;
  }
  if ((uint64_t)((*pcp + 63) / 64) * (uint64_t)*pct > VB_SIM_MAX_STEPS) return VB_ELIMIT;
  return VB_OK;
}

/* ---- bit-parallel LCS (Hyyrö) ----------------------------------------------
 * The state S of nw words starts all ones; per text symbol c, with
 * u = S & PM(c), S = (S + u) | (S - u), the addition carried across words.
 * The LCS length is the number of zero bits in the m pattern positions. */
static inline void vb_lcs_init(uint64_t *s, size_t nw) {
  for (size_t w = 0; w < nw; w++) s[w] = ~(uint64_t)0;
}

/* One text symbol, whose PM row is row. */
static inline void vb_lcs_step(uint64_t *s, const uint64_t *row, size_t nw) {
  uint64_t carry = 0;
  for (size_t w = 0; w < nw; w++) {
    uint64_t sw = s[w], u = sw & row[w];
    uint64_t sum = sw + u;
    uint64_t c1 = sum < sw;
    sum += carry;
    uint64_t c2 = sum < carry;
    carry = c1 | c2;
    s[w] = sum | (sw - u);
  }
}

/* The LCS length read off S for a pattern of m symbols. */
static inline int64_t vb_lcs_length(const uint64_t *s, size_t nw, size_t m) {
  int64_t lcs = 0;
  for (size_t w = 0; w < nw; w++) {
    uint64_t x = ~s[w];
    if (w + 1 == nw && m % 64) x &= ((uint64_t)1 << (m % 64)) - 1;
    lcs += __builtin_popcountll(x);
  }
  return lcs;
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
