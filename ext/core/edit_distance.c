/* SPDX-License-Identifier: MIT
 *
 * edit_distance.c -- Levenshtein and Indel distances over characters
 * (SQLite units: code points, an invalid byte counting as one), computed
 * bit-parallel.
 *
 * Algorithm:
 *   1. Trim the common prefix and suffix (whole units, compared as bytes).
 *   2. Count the units of both rests; the shorter is the pattern P (m
 *      units), decoded into code points (a stack buffer up to 256, else one
 *      heap array), the longer is the text T, decoded on the fly with
 *      vb_utf8_next, so a 100 MB text needs no copy.
 *   3. Build the pattern-match vectors PM(c) (sim_pm.h: a direct table for
 *      c < 128, which makes ASCII a table lookup, a hash table otherwise).
 *   4. Levenshtein: Myers' bit-vector algorithm as formulated by Hyyrö
 *      (2003), one column of the DP matrix per character of T, in
 *      ceil(m/64) machine words; the horizontal delta of the last row of
 *      each word is carried into the next word.  The score is tracked at
 *      row m.  Indel: Hyyrö's bit-parallel LCS (one addition per word, the
 *      carry propagated), distance = m + n - 2 LCS.
 *
 * Limits: time is ceil(m/64) x n word steps (n = T's length); beyond
 * VB_SIM_MAX_STEPS the functions return VB_ELIMIT.  Memory: the pattern's
 * code points and 128 + 2m rows of ceil(m/64) words; nothing for T.
 */
#include <string.h>

#include "sim_pm.h"
#include "verbatim/similarity.h"

/* Prepare P (the shorter, decoded) and T (the longer, left as bytes) after
 * trimming; *pDone is set with the distance when one side is empty. */
typedef struct distSetup {
  const unsigned char *t; /* text bytes */
  size_t nt;              /* text bytes */
  size_t tChars;          /* text units */
  vb_cps p;               /* pattern code points */
} distSetup;

/* VB_OK with setup filled (p.n >= 1), 1 when one side is empty (*pDist =
 * the other's length for Levenshtein, which the caller adjusts), or an
 * error. */
static int distPrepare(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                       distSetup *su, size_t *pEmptyOther) {
  vb_trim_common(&a, &na, &b, &nb);
  size_t ca = vb_sim_count(a, na), cb = vb_sim_count(b, nb);
  if (ca == 0 || cb == 0) {
    *pEmptyOther = ca + cb;
    return 1;
  }
  const unsigned char *p = a, *t = b;
  size_t np = na, nt = nb, cp = ca, ct = cb;
  if (ca > cb) {
    p = b, np = nb, cp = cb;
    t = a, nt = na, ct = ca;
  }
  if ((uint64_t)((cp + 63) / 64) * (uint64_t)ct > VB_SIM_MAX_STEPS) return VB_ELIMIT;
  su->t = t;
  su->nt = nt;
  su->tChars = ct;
  return vb_cps_decode(&su->p, p, np, cp);
}

/* Levenshtein distance of pattern p (m <= 64) against text t. */
static int64_t levenshteinWord(const vb_pm *pm, size_t m, const unsigned char *t, size_t nt) {
  uint64_t vp = ~(uint64_t)0, vn = 0, last = (uint64_t)1 << (m - 1);
  int64_t score = (int64_t)m;
  size_t j = 0;
  while (j < nt) {
    int32_t c;
    j = vb_utf8_next(t, nt, j, &c);
    uint64_t x = vb_pm_get(pm, c)[0];
    uint64_t d0 = (((x & vp) + vp) ^ vp) | x | vn;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = d0 & vp;
    score += (hp & last) != 0;
    score -= (hn & last) != 0;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
  }
  return score;
}

/* Levenshtein distance, blocked: vp/vn hold nw words each. */
static int64_t levenshteinBlock(const vb_pm *pm, size_t m, uint64_t *vp, uint64_t *vn,
                                const unsigned char *t, size_t nt) {
  size_t nw = pm->nWords, w, j = 0;
  uint64_t last = (uint64_t)1 << ((m - 1) % 64);
  int64_t score = (int64_t)m;
  for (w = 0; w < nw; w++) {
    vp[w] = ~(uint64_t)0;
    vn[w] = 0;
  }
  while (j < nt) {
    int32_t c;
    j = vb_utf8_next(t, nt, j, &c);
    const uint64_t *row = vb_pm_get(pm, c);
    uint64_t hpCarry = 1, hnCarry = 0; /* row 0: D[0][j] - D[0][j-1] = +1 */
    for (w = 0; w < nw; w++) {
      uint64_t pmw = row[w], v_p = vp[w], v_n = vn[w];
      uint64_t x = pmw | hnCarry;
      uint64_t d0 = (((x & v_p) + v_p) ^ v_p) | x | v_n;
      uint64_t hp = v_n | ~(d0 | v_p);
      uint64_t hn = d0 & v_p;
      uint64_t hpOut, hnOut;
      if (w + 1 < nw) {
        hpOut = hp >> 63;
        hnOut = hn >> 63;
      } else {
        hpOut = (hp & last) != 0;
        hnOut = (hn & last) != 0;
        score += (int64_t)hpOut - (int64_t)hnOut;
      }
      hp = (hp << 1) | hpCarry;
      hn = (hn << 1) | hnCarry;
      hpCarry = hpOut;
      hnCarry = hnOut;
      vp[w] = hn | ~(d0 | hp);
      vn[w] = hp & d0;
    }
  }
  return score;
}

int vb_edit_distance(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                     int64_t *pDist) {
  distSetup su;
  size_t other = 0;
  vb_pm pm;
  *pDist = 0;
  int rc = distPrepare(a, na, b, nb, &su, &other);
  if (rc == 1) {
    *pDist = (int64_t)other;
    return VB_OK;
  }
  if (rc != VB_OK) return rc;
  size_t m = su.p.n;
  rc = vb_pm_build(&pm, su.p.a, m);
  if (rc == VB_OK) {
    if (m <= 64) {
      *pDist = levenshteinWord(&pm, m, su.t, su.nt);
    } else {
      size_t nw = pm.nWords;
      uint64_t aStack[2 * VB_PM_STACK_WORDS], *v = aStack;
      if (nw > VB_PM_STACK_WORDS) v = vb_malloc(2 * nw * sizeof(uint64_t));
      if (v == NULL) {
        rc = VB_NOMEM;
      } else {
        *pDist = levenshteinBlock(&pm, m, v, v + nw, su.t, su.nt);
        if (v != aStack) vb_free(v);
      }
    }
    vb_pm_free(&pm);
  }
  vb_cps_free(&su.p);
  return rc;
}

/* Length of the longest common subsequence of the pattern and text t,
 * Hyyrö's bit-parallel LCS: S starts all ones; per text symbol,
 * u = S & PM(c), S = (S + u) | (S - u), the addition carried across words;
 * LCS = number of zero bits in the m pattern positions of S. */
static int64_t lcsBlock(const vb_pm *pm, size_t m, uint64_t *s, const unsigned char *t, size_t nt) {
  size_t nw = pm->nWords, w, j = 0;
  for (w = 0; w < nw; w++) s[w] = ~(uint64_t)0;
  while (j < nt) {
    int32_t c;
    j = vb_utf8_next(t, nt, j, &c);
    const uint64_t *row = vb_pm_get(pm, c);
    uint64_t carry = 0;
    for (w = 0; w < nw; w++) {
      uint64_t sw = s[w], u = sw & row[w];
      uint64_t sum = sw + u;
      uint64_t c1 = sum < sw;
      sum += carry;
      uint64_t c2 = sum < carry;
      carry = c1 | c2;
      s[w] = sum | (sw - u);
    }
  }
  int64_t lcs = 0;
  for (w = 0; w < nw; w++) {
    uint64_t x = ~s[w];
    if (w + 1 == nw && m % 64) x &= ((uint64_t)1 << (m % 64)) - 1;
    lcs += __builtin_popcountll(x);
  }
  return lcs;
}

int vb_indel_distance(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                      int64_t *pDist) {
  distSetup su;
  size_t other = 0;
  vb_pm pm;
  *pDist = 0;
  int rc = distPrepare(a, na, b, nb, &su, &other);
  if (rc == 1) {
    *pDist = (int64_t)other;
    return VB_OK;
  }
  if (rc != VB_OK) return rc;
  size_t m = su.p.n;
  rc = vb_pm_build(&pm, su.p.a, m);
  if (rc == VB_OK) {
    size_t nw = pm.nWords;
    uint64_t aStack[VB_PM_STACK_WORDS], *s = aStack;
    if (nw > VB_PM_STACK_WORDS) s = vb_malloc(nw * sizeof(uint64_t));
    if (s == NULL) {
      rc = VB_NOMEM;
    } else {
      int64_t lcs = lcsBlock(&pm, m, s, su.t, su.nt);
      *pDist = (int64_t)m + (int64_t)su.tChars - 2 * lcs;
      if (s != aStack) vb_free(s);
    }
    vb_pm_free(&pm);
  }
  vb_cps_free(&su.p);
  return rc;
}
