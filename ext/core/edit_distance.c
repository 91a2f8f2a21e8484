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

/* A pair after trimming: the pattern P (the shorter side, decoded, with its
 * PM table) and the text T (the longer, left as bytes). */
typedef struct distSetup {
  const unsigned char *t; /* text bytes */
  size_t nt;              /* text bytes */
  size_t tChars;          /* text units */
  vb_cps p;               /* pattern code points */
  vb_pm pm;               /* pattern-match vectors of p */
} distSetup;

/* Trim a and b, order them and build P's table.  VB_OK with su ready (p.n
 * >= 1; release it with distEnd), 1 with *pDist = the other side's length
 * when one side is empty (nothing to release), or an error. */
static int distBegin(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                     distSetup *su, int64_t *pDist) {
  *pDist = 0;
  vb_trim_common(&a, &na, &b, &nb);
  size_t ca = vb_sim_count(a, na), cb = vb_sim_count(b, nb);
  if (ca == 0 || cb == 0) {
    *pDist = (int64_t)(ca + cb);
    return 1;
  }
  int rc = vb_sim_order(&a, &na, &ca, &b, &nb, &cb);
  if (rc != VB_OK) return rc;
  su->t = b;
  su->nt = nb;
  su->tChars = cb;
  rc = vb_cps_decode(&su->p, a, na, ca);
  if (rc != VB_OK) return rc;
  rc = vb_pm_build(&su->pm, su->p.a, su->p.n);
  if (rc != VB_OK) vb_cps_free(&su->p);
  return rc;
}

static void distEnd(distSetup *su) {
  vb_pm_free(&su->pm);
  vb_cps_free(&su->p);
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
  int rc = distBegin(a, na, b, nb, &su, pDist);
  if (rc != VB_OK) return rc == 1 ? VB_OK : rc;
  size_t m = su.p.n;
  if (m <= 64) {
    *pDist = levenshteinWord(&su.pm, m, su.t, su.nt);
  } else {
    size_t nw = su.pm.nWords;
    uint64_t aStack[2 * VB_PM_STACK_WORDS], *v = aStack;
    if (nw > VB_PM_STACK_WORDS) v = vb_malloc(2 * nw * sizeof(uint64_t));
    if (v == NULL) {
      rc = VB_NOMEM;
    } else {
      *pDist = levenshteinBlock(&su.pm, m, v, v + nw, su.t, su.nt);
      if (v != aStack) vb_free(v);
    }
  }
  distEnd(&su);
  return rc;
}

/* Length of the longest common subsequence of the pattern and text t
 * (sim_pm.h's bit-parallel LCS, T decoded on the fly). */
static int64_t lcsBlock(const vb_pm *pm, size_t m, uint64_t *s, const unsigned char *t, size_t nt) {
  size_t nw = pm->nWords, j = 0;
  vb_lcs_init(s, nw);
  while (j < nt) {
    int32_t c;
    j = vb_utf8_next(t, nt, j, &c);
    vb_lcs_step(s, vb_pm_get(pm, c), nw);
  }
  return vb_lcs_length(s, nw, m);
}

int vb_indel_distance(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                      int64_t *pDist) {
  distSetup su;
  int rc = distBegin(a, na, b, nb, &su, pDist);
  if (rc != VB_OK) return rc == 1 ? VB_OK : rc;
  size_t m = su.p.n, nw = su.pm.nWords;
  uint64_t aStack[VB_PM_STACK_WORDS], *s = aStack;
  if (nw > VB_PM_STACK_WORDS) s = vb_malloc(nw * sizeof(uint64_t));
  if (s == NULL) {
    rc = VB_NOMEM;
  } else {
    int64_t lcs = lcsBlock(&su.pm, m, s, su.t, su.nt);
    *pDist = (int64_t)m + (int64_t)su.tChars - 2 * lcs;
    if (s != aStack) vb_free(s);
  }
  distEnd(&su);
  return rc;
}
