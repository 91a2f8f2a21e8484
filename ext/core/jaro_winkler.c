/* SPDX-License-Identifier: MIT
 *
 * jaro_winkler.c -- Jaro-Winkler similarity as rapidfuzz defines it.
 *
 * Definitions (rapidfuzz.distance.JaroWinkler, prefix_weight 0.1):
 *   window  W = max(|a|, |b|) / 2 - 1 (integer division, at least 0);
 *   matches a[i] and b[j] match when equal, |i - j| <= W, and neither is
 *           matched yet; each character of the longer text takes the
 *           lowest unmatched equal character of the shorter in its window
 *           (the greedy matching is symmetric in its count and order);
 *   t       half the number of positions where the k-th matched character
 *           of a differs from the k-th matched character of b, rounded down;
 *   jaro    = (m/|a| + m/|b| + (m - t)/m) / 3, 0 when m = 0;
 *   winkler = jaro + l x 0.1 x (1 - jaro) when jaro > 0.7, where l is the
 *           common prefix length, at most 4.
 *   Two empty texts give 1 and one empty text 0 (rapidfuzz; jellyfish
 *   returns 0 for two empty texts, otherwise the two agree).
 *
 * Algorithm: texts up to 32 characters (words, names) take the direct
 * quadratic loop with bit-mask flags (on the bytes when both are ASCII).  Two longer ASCII texts take
 * per-character cursors over the pattern's positions (asciiMatches), time
 * O(m + n) and memory O(m).  Otherwise the shorter text is the
 * pattern, decoded into code points with its match vectors (sim_pm.h); the
 * longer is read once (bytes directly when it is ASCII), and for each of its
 * characters the window of pattern positions is a bit mask, so finding the
 * lowest unmatched equal character is an AND and a count of trailing zeros
 * per machine word of the window.  Time ceil(m/64) x n word steps (bounded by
 * VB_SIM_MAX_STEPS, else VB_ELIMIT); memory O(m).
 */
#include <string.h>

#include "sim_pm.h"
#include "verbatim/similarity.h"

/* The Winkler boost: common prefix of a and b (up to 4 characters). */
static double winkler(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                      double sim) {
  if (sim <= 0.7) return sim;
  size_t ia = 0, ib = 0, prefix = 0;
  while (prefix < 4 && ia < na && ib < nb) {
    int32_t x, y;
    ia = vb_utf8_next(a, na, ia, &x);
    ib = vb_utf8_next(b, nb, ib, &y);
    if (x != y) break;
    prefix++;
  }
  sim += (double)prefix * 0.1 * (1.0 - sim);
  return sim > 1.0 ? 1.0 : sim;
}

/* Short texts (words, names: up to SHORT_MAX characters): the direct
 * algorithm on decoded code points with bit-mask flags, cheaper than
 * building match vectors.  Same matching rule as the long path. */
#define SHORT_MAX 32
/* The Jaro similarity of pattern p (lp characters) against text t (lt >=
 * lp), by the direct quadratic loop with bit-mask flags; one definition for
 * code points and for ASCII bytes, so both give the same result to the bit. */
#define DEFINE_SHORT_JARO(name, T)                                                          \
  static double name(const T *p, size_t lp, const T *t, size_t lt) {                        \
    size_t i, j, k, window = lt / 2;                                                        \
    if (window > 0) window--;                                                               \
    uint64_t flagP = 0, flagT = 0;                                                          \
    size_t nMatch = 0;                                                                      \
    for (j = 0; j < lt; j++) {                                                              \
      size_t lo = j > window ? j - window : 0, hi = j + window < lp - 1 ? j + window : lp - 1; \
      for (i = lo; i <= hi && lo < lp; i++) {                                               \
        if (!((flagP >> i) & 1) && p[i] == t[j]) {                                          \
          flagP |= (uint64_t)1 << i;                                                        \
          flagT |= (uint64_t)1 << j;                                                        \
          nMatch++;                                                                         \
          break;                                                                            \
        }                                                                                   \
      }                                                                                     \
    }                                                                                       \
    if (nMatch == 0) return 0.0;                                                            \
    size_t trans = 0;                                                                       \
    for (i = 0, k = 0; i < lp; i++) {                                                       \
      if (!((flagP >> i) & 1)) continue;                                                    \
      while (!((flagT >> k) & 1)) k++;                                                      \
      trans += p[i] != t[k];                                                                \
      k++;                                                                                  \
    }                                                                                       \
    trans /= 2;                                                                             \
    double m = (double)nMatch;                                                              \
    return (m / (double)lp + m / (double)lt + (m - (double)trans) / m) / 3.0;               \
  }
DEFINE_SHORT_JARO(shortJaroCodePoints, int32_t)
DEFINE_SHORT_JARO(shortJaroBytes, unsigned char)

static double shortJaroWinkler(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                               const unsigned char *p, size_t np, size_t lp, const unsigned char *t,
                               size_t nt, size_t lt) {
  int32_t cp[SHORT_MAX], ct[SHORT_MAX];
  size_t i = 0, j = 0;
  while (i < np) i = vb_utf8_next(p, np, i, &cp[j++]);
  for (i = 0, j = 0; i < nt;) i = vb_utf8_next(t, nt, i, &ct[j++]);
  return winkler(a, na, b, nb, shortJaroCodePoints(cp, lp, ct, lt));
}

/* Two ASCII texts of 1 to SHORT_MAX bytes (the soft matching of stems
 * calls this for every candidate pair): the same loops on the bytes, which
 * are the code points, without counting or decoding. */
static double asciiShortJaroWinkler(const unsigned char *a, size_t na, const unsigned char *b,
                                    size_t nb) {
  const unsigned char *p = a, *t = b;
  size_t lp = na, lt = nb;
  if (lp > lt) p = b, lp = nb, t = a, lt = na; /* the first on a tie, as vb_sim_order */
  double sim = shortJaroBytes(p, lp, t, lt);
  if (sim <= 0.7) return sim;
  size_t prefix = 0;
  while (prefix < 4 && prefix < na && prefix < nb && a[prefix] == b[prefix]) prefix++;
  sim += (double)prefix * 0.1 * (1.0 - sim);
  return sim > 1.0 ? 1.0 : sim;
}

/* Both texts ASCII, pattern p (lp bytes) no longer than text t: the Jaro
 * matches by cursors.  For each character, the pattern positions holding
 * it in increasing order and a cursor to the first one that is neither
 * matched nor behind the window.  The window's lower end never moves back
 * and a text character takes the lowest unmatched equal position in its
 * window, so the positions of one character are matched in increasing
 * order and everything behind the cursor is matched or out of reach: each
 * step is amortized O(1), O(lp + lt) in all.  The same matches as the
 * bit-parallel path.  *pMatch and *pTrans get the match and transposition
 * counts; VB_OK or VB_NOMEM. */
#define CURSOR_STACK 1024
static int asciiMatches(const unsigned char *p, size_t lp, const unsigned char *t, size_t lt,
                        size_t *pMatch, size_t *pTrans) {
  uint32_t start[129], cur[128];
  uint64_t aFlag[CURSOR_STACK / 64], *flag = aFlag;
  uint32_t aPos[CURSOR_STACK], *pos = aPos;
  unsigned char aMatched[CURSOR_STACK], *matched = aMatched;
  size_t nw = (lp + 63) / 64, i, j, c, nMatch = 0;
  void *heap = NULL;
  if (lp > CURSOR_STACK) {
    heap = vb_malloc(nw * sizeof(uint64_t) + lp * sizeof(uint32_t) + lp);
    if (heap == NULL) return VB_NOMEM;
    flag = heap;
    pos = (uint32_t *)(flag + nw);
    matched = (unsigned char *)(pos + lp);
  }
  memset(start, 0, sizeof start);
  for (i = 0; i < lp; i++) start[p[i] + 1]++;
  for (c = 0; c < 128; c++) start[c + 1] += start[c];
  memcpy(cur, start, sizeof cur);
  for (i = 0; i < lp; i++) pos[cur[p[i]]++] = (uint32_t)i;
  memcpy(cur, start, sizeof cur);
  memset(flag, 0, nw * sizeof(uint64_t));
  size_t window = lt / 2; /* lt is the larger length */
  if (window > 0) window--;
  size_t end = lt < lp + window ? lt : lp + window;
  for (j = 0; j < end; j++) {
    unsigned char ch = t[j];
    size_t lo = j > window ? j - window : 0;
    size_t hi = j + window < lp - 1 ? j + window : lp - 1;
    uint32_t k = cur[ch], e = start[ch + 1];
    while (k < e && pos[k] < lo) k++;
    if (k < e && pos[k] <= hi) {
      flag[pos[k] / 64] |= (uint64_t)1 << (pos[k] % 64);
      matched[nMatch++] = ch;
      k++;
    }
    cur[ch] = k;
  }
  size_t trans = 0, k = 0, w;
  for (w = 0; w < nw; w++) {
    uint64_t f = flag[w];
    while (f) {
      trans += p[w * 64 + (size_t)__builtin_ctzll(f)] != matched[k++];
      f &= f - 1;
    }
  }
  vb_free(heap);
  *pMatch = nMatch;
  *pTrans = trans;
  return VB_OK;
}

int vb_jaro_winkler(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                    double *pSim) {
  if (na && nb && na <= SHORT_MAX && nb <= SHORT_MAX && vb_sim_is_ascii(a, na) &&
      vb_sim_is_ascii(b, nb)) {
    *pSim = asciiShortJaroWinkler(a, na, b, nb);
    return VB_OK;
  }
  size_t ca = vb_sim_count(a, na), cb = vb_sim_count(b, nb);
  *pSim = 0.0;
  if (ca == 0 && cb == 0) {
    *pSim = 1.0;
    return VB_OK;
  }
  if (ca == 0 || cb == 0) return VB_OK;

  const unsigned char *p = a, *t = b;
  size_t np = na, nt = nb, lp = ca, lt = cb;
  if (vb_sim_order(&p, &np, &lp, &t, &nt, &lt) != VB_OK) return VB_ELIMIT;

  if (lt <= SHORT_MAX) {
    *pSim = shortJaroWinkler(a, na, b, nb, p, np, lp, t, nt, lt);
    return VB_OK;
  }
  if (np == lp && nt == lt && vb_sim_is_ascii(p, np) && vb_sim_is_ascii(t, nt)) {
    size_t nMatch = 0, trans = 0;
    int rc = asciiMatches(p, lp, t, lt, &nMatch, &trans);
    if (rc != VB_OK) return rc;
    double sim = 0.0;
    if (nMatch) {
      trans /= 2;
      double m = (double)nMatch;
      sim = (m / (double)lp + m / (double)lt + (m - (double)trans) / m) / 3.0;
    }
    *pSim = winkler(a, na, b, nb, sim);
    return VB_OK;
  }

  vb_cps pc;
  vb_pm pm;
  int rc = vb_cps_decode(&pc, p, np, lp);
  if (rc != VB_OK) return rc;
  rc = vb_pm_build(&pm, pc.a, lp);
  if (rc != VB_OK) {
    vb_cps_free(&pc);
    return rc;
  }
  size_t nw = pm.nWords;
  uint64_t aFlag[VB_PM_STACK_WORDS], *flag = aFlag;
  int32_t aMatched[VB_CPS_STACK], *matched = aMatched;
  void *heap = NULL;
  if (nw > VB_PM_STACK_WORDS || lp > VB_CPS_STACK) {
    heap = vb_malloc(nw * sizeof(uint64_t) + lp * sizeof(int32_t));
    if (heap == NULL) {
      vb_pm_free(&pm);
      vb_cps_free(&pc);
      return VB_NOMEM;
    }
    flag = heap;
    matched = (int32_t *)(flag + nw);
  }
  memset(flag, 0, nw * sizeof(uint64_t));

  size_t window = lt / 2; /* lt is the larger length */
  if (window > 0) window--;
  size_t j = 0, i = 0, nMatch = 0;
  /* For text character j, the lowest unmatched equal pattern character in
   * [lo, hi]: the first non-zero word of PM(c) & ~flag within the window. */
#define JW_STEP(c, row)                                                        \
  do {                                                                         \
    size_t lo = j > window ? j - window : 0;                                   \
    size_t hi = j + window < lp - 1 ? j + window : lp - 1;                     \
    if (lo > hi) break;                                                        \
    size_t w = lo / 64, whi = hi / 64;                                         \
    uint64_t bits = (row)[w] & ~flag[w] & (~(uint64_t)0 << (lo % 64));         \
    while (w < whi && !bits) {                                                 \
      w++;                                                                     \
      bits = (row)[w] & ~flag[w];                                              \
    }                                                                          \
    if (w == whi && hi % 64 != 63) bits &= ((uint64_t)1 << (hi % 64 + 1)) - 1; \
    if (bits) {                                                                \
      flag[w] |= bits & (~bits + 1);                                           \
      matched[nMatch++] = (c);                                                 \
    }                                                                          \
  } while (0)
  if (vb_sim_is_ascii(t, nt)) {
    size_t end = nt < lp + window ? nt : lp + window;
    for (j = 0; j < end; j++) {
      int32_t c = t[j];
      const uint64_t *row = pm.ascii + (size_t)c * nw;
      JW_STEP(c, row);
    }
  } else {
    while (i < nt && j < lp + window) {
      int32_t c;
      i = vb_utf8_next(t, nt, i, &c);
      const uint64_t *row = vb_pm_get(&pm, c);
      JW_STEP(c, row);
      j++;
    }
  }
#undef JW_STEP

  double sim = 0.0;
  if (nMatch) {
    size_t k = 0, trans = 0, w;
    for (w = 0; w < nw; w++) {
      uint64_t f = flag[w];
      while (f) {
        size_t pos = w * 64 + (size_t)__builtin_ctzll(f);
        trans += pc.a[pos] != matched[k++];
        f &= f - 1;
      }
    }
    trans /= 2;
    double m = (double)nMatch;
    sim = (m / (double)lp + m / (double)lt + (m - (double)trans) / m) / 3.0;
  }
  *pSim = winkler(a, na, b, nb, sim);
  vb_free(heap);
  vb_pm_free(&pm);
  vb_cps_free(&pc);
  return VB_OK;
}
