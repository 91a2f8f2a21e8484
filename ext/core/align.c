/* SPDX-License-Identifier: MIT
 *
 * align.c -- local alignment of two word sequences (verbatim/align.h), in
 * the spirit of passim: rare shared n-grams as anchors, anchors chained,
 * then a banded alignment along each chain.
 *
 * Let X be the text with more words and Y the other (the results are
 * swapped back at the end), so that the tables below are the size of the
 * shorter text.
 *
 * 1. Keys.  For every position and n = 1..ALIGN_MAX_NGRAM, the n-gram of
 *    word keys (stems) starting there, if it holds a content word, hashed
 *    to 64 bits.  Y's keys go into an open-addressing table with their
 *    count in Y and a chain of their positions; X's keys only count
 *    against keys already there.  O(nx + ny) time, O(ny) table.
 * 2. Anchors.  At position i of X, the shortest key that is present in Y
 *    and occurs at most VB_ALIGN_RARE times in each text; each of its
 *    positions j in Y makes an anchor (i, j, n).  A key absent from Y ends
 *    the search at i (longer n-grams cannot be present either).  At most
 *    VB_ALIGN_RARE anchors per position.
 * 3. Chains.  Anchors in (i, j) order; anchor k may follow p when
 *    0 < i_k - i_p <= GAP and 0 < j_k - j_p <= GAP; chain score = n_k +
 *    best predecessor's score - 0.1 * |di - dj|.  At most GAP * RARE
 *    predecessors are examined per anchor.  Chains are taken strongest
 *    first, each anchor in one chain.
 * 4. Banded Smith-Waterman on each chain: rows run from GAP words before
 *    its first anchor to GAP words after its last; row i spans columns
 *    c(i) - BAND .. max(c(i), c(i+1)) + BAND, where c follows the chain
 *    (linear between anchors, diagonal outside).  Rows are at most
 *    GAP + 2*BAND + 1 columns wide.  Scores: match +1 (content word) or
 *    +0.5 (stopword), substitution -0.6, insertion/deletion -0.5 per word.
 *    The best cell is traced back to the start of its local alignment.
 *    Words already inside an accepted passage are blocked (score 0, no
 *    path through them), so passages never overlap.  A passage with at
 *    least min_words matched words is accepted; the chain is then aligned
 *    again for a further passage, at most ALIGN_MAX_PASSES times.
 *    A chain whose anchors all lie in accepted passages is skipped.
 * 5. Passages are sorted by raw score (descending; ties by position in A).
 *
 * Memory: words (caller's), the key table (4 to 8 slots of 16 bytes per
 * word of Y) and Y's position chains (12 bytes per word), the anchors (at
 * most RARE per word of X, 24 bytes each), two coverage bitmaps and one
 * traceback byte per band cell of the current chain.  The shorter text may
 * have at most VB_ALIGN_MAX_WORDS words (VB_ETOOBIG beyond), which bounds
 * the table to 512 MiB; the longer one is only bounded by its anchors.
 */
#include "verbatim/align.h"

#include <stdlib.h>
#include <string.h>

#define ALIGN_MAX_NGRAM 3
#define ALIGN_MAX_PASSES 4
#define ALIGN_W_CONTENT 1.0
#define ALIGN_W_STOP 0.5
#define ALIGN_S_MISMATCH (-0.6)
#define ALIGN_S_GAP (-0.5)
#define ALIGN_CHAIN_SKEW 0.1
#define ALIGN_ROW_MAX (VB_ALIGN_GAP + 2 * VB_ALIGN_BAND + 2)

enum { DIR_STOP = 0, DIR_DIAG = 1, DIR_UP = 2, DIR_LEFT = 3 };

typedef struct key_slot {
  uint64_t key;    /* 0 = empty */
  uint32_t headY;  /* 1 + first position in Y, 0 = none */
  uint16_t cX, cY; /* occurrences, counted up to VB_ALIGN_RARE + 1 */
} key_slot;

typedef struct anchor {
  uint32_t i, j;
  uint32_t n;
  int32_t pred;
  double chain;
} anchor;

typedef struct aligner {
  const vb_words *X, *Y;
  int minWords;
  key_slot *aSlot;
  size_t mask;
  uint32_t *aNextY; /* [n-1][j]: 1 + next position of the same key in Y */
  anchor *aAnc;
  size_t nAnc, capAnc;
  unsigned char *coverX, *coverY;
  unsigned char *aDir; /* traceback of the current chain */
  size_t nDirCap;
  int64_t *aLo, *aHi; /* per row of the current chain */
  size_t nRowCap;
  vb_align_result *out;
  size_t capOut;
} aligner;

static uint64_t mix64(uint64_t h) {
  h ^= h >> 31;
  h *= 0x7fb5d329728ea185ULL;
  h ^= h >> 27;
  h *= 0x81dadef4bc2dd44dULL;
  h ^= h >> 33;
  return h;
}

/* The key of the n-gram at w[i..i+n), or 0 when it has no content word. */
static uint64_t ngramKey(const vb_words *w, size_t i, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ULL * n;
  int content = 0;
  size_t t;
  for (t = 0; t < n; t++) {
    const vb_word *p = &w->a[i + t];
    content |= !VB_WORD_STOP(p);
    h = mix64(h ^ VB_WORD_KEY(p));
  }
  return content ? (h | 1) : 0;
}

static key_slot *slotFind(aligner *al, uint64_t key, int insert) {
  size_t k = (size_t)(key >> 7) & al->mask;
  for (;;) {
    key_slot *s = &al->aSlot[k];
    if (s->key == key) return s;
    if (s->key == 0) {
      if (!insert) return NULL;
      s->key = key;
      return s;
    }
    k = (k + 1) & al->mask;
  }
}

/* One step of the walk over X's n-grams at i, n = 1, 2, ...: *pSlot is the
 * slot of the n-gram X[i..i+n), or NULL when it has no content word (no
 * key: the walk goes on).  0 when the walk at i is over: n is past
 * ALIGN_MAX_NGRAM or X's end, or the n-gram is not in Y (then no longer
 * one is either). */
static int xNgramSlot(aligner *al, size_t i, size_t n, key_slot **pSlot) {
  *pSlot = NULL;
  if (n > ALIGN_MAX_NGRAM || i + n > al->X->n) return 0;
  uint64_t key = ngramKey(al->X, i, n);
  if (key == 0) return 1;
  *pSlot = slotFind(al, key, 0);
  return *pSlot != NULL;
}

static int buildKeys(aligner *al) {
  const vb_words *X = al->X, *Y = al->Y;
  size_t cap = 16, n, j, i;
  while (cap < 4 * (size_t)Y->n + 4) cap <<= 1; /* <= 3 keys per word: load <= 3/4 */
  al->aSlot = vb_malloc(cap * sizeof *al->aSlot);
  al->aNextY = vb_malloc((Y->n ? Y->n : 1) * ALIGN_MAX_NGRAM * sizeof *al->aNextY);
  if (al->aSlot == NULL || al->aNextY == NULL) return VB_NOMEM;
  memset(al->aSlot, 0, cap * sizeof *al->aSlot);
  al->mask = cap - 1;
  for (n = 1; n <= ALIGN_MAX_NGRAM; n++) {
    uint32_t *aNext = al->aNextY + (n - 1) * Y->n;
    for (j = 0; j + n <= Y->n; j++) {
      uint64_t key = ngramKey(Y, j, n);
      aNext[j] = 0;
      if (key == 0) continue;
      key_slot *s = slotFind(al, key, 1);
      if (s->cY <= VB_ALIGN_RARE) s->cY++;
      aNext[j] = s->headY;
      s->headY = (uint32_t)(j + 1);
    }
  }
  for (i = 0; i < X->n; i++) {
    key_slot *s;
    for (n = 1; xNgramSlot(al, i, n, &s); n++) {
      if (s != NULL && s->cX <= VB_ALIGN_RARE) s->cX++;
    }
  }
  return VB_OK;
}

static int pushAnchor(aligner *al, size_t i, size_t j, size_t n) {
  if (al->nAnc == al->capAnc) {
    size_t cap = al->capAnc ? al->capAnc * 2 : 256;
    anchor *a = vb_realloc(al->aAnc, cap * sizeof *a);
    if (a == NULL) return VB_NOMEM;
    al->aAnc = a;
    al->capAnc = cap;
  }
  anchor *p = &al->aAnc[al->nAnc++];
  p->i = (uint32_t)i;
  p->j = (uint32_t)j;
  p->n = (uint32_t)n;
  p->pred = -1;
  p->chain = 0;
  return VB_OK;
}

static int findAnchors(aligner *al) {
  const vb_words *X = al->X, *Y = al->Y;
  size_t i, n;
  int rc;
  for (i = 0; i < X->n; i++) {
    key_slot *s;
    for (n = 1; xNgramSlot(al, i, n, &s); n++) {
      if (s == NULL || s->cX > VB_ALIGN_RARE || s->cY > VB_ALIGN_RARE) continue;
      /* The chain lists positions in descending order; anchors at one i
       * are kept in ascending j. */
      uint32_t aJ[VB_ALIGN_RARE], nJ = 0, h;
      const uint32_t *aNext = al->aNextY + (n - 1) * Y->n;
      for (h = s->headY; h && nJ < VB_ALIGN_RARE; h = aNext[h - 1]) aJ[nJ++] = h - 1;
      while (nJ > 0) {
        if ((rc = pushAnchor(al, i, aJ[--nJ], n)) != VB_OK) return rc;
      }
      break;
    }
  }
  return VB_OK;
}

static void chainAnchors(aligner *al) {
  size_t k;
  for (k = 0; k < al->nAnc; k++) {
    anchor *a = &al->aAnc[k];
    double best = 0;
    int32_t pred = -1;
    size_t p = k;
    while (p > 0) {
      anchor *b = &al->aAnc[--p];
      if (b->i + VB_ALIGN_GAP < a->i) break;
      if (b->i == a->i || b->j >= a->j || a->j - b->j > VB_ALIGN_GAP) continue;
      int64_t skew = (int64_t)(a->i - b->i) - (int64_t)(a->j - b->j);
      double v = b->chain - ALIGN_CHAIN_SKEW * (double)(skew < 0 ? -skew : skew);
      if (v > best) {
        best = v;
        pred = (int32_t)p;
      }
    }
    a->chain = (double)a->n + best;
    a->pred = pred;
  }
}

/* Indexes of anchors, strongest chain end first (ties: earlier first).
 * A merge sort on (chain desc, index asc), so no global qsort context. */
static void sortByChain(const anchor *a, uint32_t *idx, uint32_t *tmp, size_t n) {
  size_t w, lo;
  for (w = 1; w < n; w *= 2) {
    for (lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t x = lo, y = mid, o = lo;
      while (x < mid && y < hi) {
        const anchor *p = &a[idx[x]], *q = &a[idx[y]];
        if (p->chain > q->chain || (p->chain == q->chain && idx[x] < idx[y])) {
          tmp[o++] = idx[x++];
        } else {
          tmp[o++] = idx[y++];
        }
      }
      while (x < mid) tmp[o++] = idx[x++];
      while (y < hi) tmp[o++] = idx[y++];
    }
    memcpy(idx, tmp, n * sizeof *idx);
  }
}

static double wordWeight(const vb_word *w) {
  return VB_WORD_STOP(w) ? ALIGN_W_STOP : ALIGN_W_CONTENT;
}

/* The chain's path: column of row i (may be negative or past the end). */
static int64_t chainCenter(const anchor *const *c, size_t m, size_t *pSeg, int64_t i) {
  if (i <= (int64_t)c[0]->i) return (int64_t)c[0]->j - ((int64_t)c[0]->i - i);
  if (i >= (int64_t)c[m - 1]->i) return (int64_t)c[m - 1]->j + (i - (int64_t)c[m - 1]->i);
  while (*pSeg + 1 < m && (int64_t)c[*pSeg + 1]->i <= i) (*pSeg)++;
  const anchor *p = c[*pSeg], *q = c[*pSeg + 1];
  return (int64_t)p->j +
         (i - (int64_t)p->i) * ((int64_t)q->j - (int64_t)p->j) / ((int64_t)q->i - (int64_t)p->i);
}

static int pushPair(aligner *al, const vb_align_pair *p) {
  vb_align_result *r = al->out;
  if (r->n == al->capOut) {
    size_t cap = al->capOut ? al->capOut * 2 : 16;
    vb_align_pair *a = vb_realloc(r->a, cap * sizeof *a);
    if (a == NULL) return VB_NOMEM;
    r->a = a;
    al->capOut = cap;
  }
  r->a[r->n++] = *p;
  return VB_OK;
}

/* One banded local alignment along chain c[0..m).  Returns 1 when a
 * passage was accepted, 0 when none, or VB_NOMEM. */
static int alignChain(aligner *al, const anchor *const *c, size_t m) {
  const vb_words *X = al->X, *Y = al->Y;
  int64_t r0 = (int64_t)c[0]->i - VB_ALIGN_GAP;
  int64_t r1 = (int64_t)c[m - 1]->i + (int64_t)c[m - 1]->n - 1 + VB_ALIGN_GAP;
  int64_t ny = (int64_t)Y->n, i, j;
  size_t rows, seg = 0;
  double prev[ALIGN_ROW_MAX], cur[ALIGN_ROW_MAX], maxH = 0;
  int64_t prevLo = 0, prevHi = -1, bi = -1, bj = -1;
  if (r0 < 0) r0 = 0;
  if (r1 > (int64_t)X->n - 1) r1 = (int64_t)X->n - 1;
  rows = (size_t)(r1 - r0 + 1);
  if (rows > al->nRowCap) {
    int64_t *lo = vb_realloc(al->aLo, rows * sizeof *lo);
    if (lo == NULL) return VB_NOMEM;
    al->aLo = lo;
    int64_t *hi = vb_realloc(al->aHi, rows * sizeof *hi);
    if (hi == NULL) return VB_NOMEM;
    al->aHi = hi;
    al->nRowCap = rows;
  }
  if (rows * ALIGN_ROW_MAX > al->nDirCap) {
    unsigned char *d = vb_realloc(al->aDir, rows * ALIGN_ROW_MAX);
    if (d == NULL) return VB_NOMEM;
    al->aDir = d;
    al->nDirCap = rows * ALIGN_ROW_MAX;
  }
  int64_t cNext = chainCenter(c, m, &seg, r0);
  for (i = r0; i <= r1; i++) {
    int64_t cHere = cNext;
    cNext = chainCenter(c, m, &seg, i + 1);
    int64_t lo = cHere - VB_ALIGN_BAND, hi = (cNext > cHere ? cNext : cHere) + VB_ALIGN_BAND;
    if (hi - lo + 1 > ALIGN_ROW_MAX) hi = lo + ALIGN_ROW_MAX - 1;
    if (lo < 0) lo = 0;
    if (hi > ny - 1) hi = ny - 1;
    unsigned char *dir = al->aDir + (size_t)(i - r0) * ALIGN_ROW_MAX;
    const vb_word *wx = &X->a[i];
    int blockedRow = al->coverX[i];
    al->aLo[i - r0] = lo;
    al->aHi[i - r0] = hi;
    for (j = lo; j <= hi; j++) {
      double h = 0;
      int d = DIR_STOP;
      if (!blockedRow && !al->coverY[j]) {
        const vb_word *wy = &Y->a[j];
        double s = VB_WORD_KEY(wx) == VB_WORD_KEY(wy) ? wordWeight(wx) : ALIGN_S_MISMATCH;
        double diag = (j - 1 >= prevLo && j - 1 <= prevHi ? prev[j - 1 - prevLo] : 0) + s;
        double up = (j >= prevLo && j <= prevHi ? prev[j - prevLo] : 0) + ALIGN_S_GAP;
        double left = (j > lo ? cur[j - 1 - lo] : 0) + ALIGN_S_GAP;
        if (diag > h) h = diag, d = DIR_DIAG;
        if (up > h) h = up, d = DIR_UP;
        if (left > h) h = left, d = DIR_LEFT;
      }
      cur[j - lo] = h;
      dir[j - lo] = (unsigned char)d;
      if (h > maxH) {
        maxH = h;
        bi = i;
        bj = j;
      }
    }
    if (hi >= lo) memcpy(prev, cur, (size_t)(hi - lo + 1) * sizeof prev[0]);
    prevLo = lo;
    prevHi = hi;
  }
  if (bi < 0) return 0;
  /* Trace back from the best cell to the start of its alignment. */
  size_t words = 0;
  double matched = 0;
  int64_t fi = bi, fj = bj, li = -1, lj = -1;
  i = bi;
  j = bj;
  while (i >= r0) {
    int64_t lo = al->aLo[i - r0], hi = al->aHi[i - r0];
    if (j < lo || j > hi) break;
    int d = al->aDir[(size_t)(i - r0) * ALIGN_ROW_MAX + (size_t)(j - lo)];
    if (d == DIR_STOP) break;
    if (d == DIR_DIAG) {
      if (VB_WORD_KEY(&X->a[i]) == VB_WORD_KEY(&Y->a[j])) {
        words++;
        matched += wordWeight(&X->a[i]);
        fi = i;
        fj = j;
        if (li < 0) li = i, lj = j;
      }
      i--;
      j--;
    } else if (d == DIR_UP) {
      i--;
    } else {
      j--;
    }
  }
  if (li < 0 || words < (size_t)al->minWords) return 0;
  vb_align_pair p;
  double wa = 0, wb = 0;
  memset(&p, 0, sizeof p);
  for (i = fi; i <= li; i++) {
    wa += wordWeight(&X->a[i]);
    al->coverX[i] = 1;
  }
  for (j = fj; j <= lj; j++) {
    wb += wordWeight(&Y->a[j]);
    al->coverY[j] = 1;
  }
  p.aFirst = (size_t)fi;
  p.aLast = (size_t)li;
  p.bFirst = (size_t)fj;
  p.bLast = (size_t)lj;
  p.aStart = X->a[fi].start;
  p.aEnd = X->a[li].end;
  p.bStart = Y->a[fj].start;
  p.bEnd = Y->a[lj].end;
  p.words = words;
  p.score = 2 * matched / (wa + wb);
  if (p.score > 1) p.score = 1;
  p.raw = maxH;
  int rc = pushPair(al, &p);
  return rc == VB_OK ? 1 : rc;
}

static int alignChains(aligner *al) {
  size_t n = al->nAnc, t, m;
  uint32_t *idx = vb_malloc((n ? n : 1) * sizeof *idx);
  uint32_t *tmp = vb_malloc((n ? n : 1) * sizeof *tmp);
  unsigned char *used = vb_malloc(n ? n : 1);
  const anchor **chain = vb_malloc((n ? n : 1) * sizeof *chain);
  int rc = VB_OK;
  if (idx == NULL || tmp == NULL || used == NULL || chain == NULL) {
    rc = VB_NOMEM;
    goto done;
  }
  for (t = 0; t < n; t++) idx[t] = (uint32_t)t;
  memset(used, 0, n);
  sortByChain(al->aAnc, idx, tmp, n);
  for (t = 0; t < n && rc == VB_OK; t++) {
    int32_t k = (int32_t)idx[t];
    if (used[k]) continue;
    m = 0;
    while (k >= 0 && !used[k]) {
      used[k] = 1;
      chain[m++] = &al->aAnc[k];
      k = al->aAnc[k].pred;
    }
    /* Reverse into ascending order. */
    size_t x;
    for (x = 0; x < m / 2; x++) {
      const anchor *s = chain[x];
      chain[x] = chain[m - 1 - x];
      chain[m - 1 - x] = s;
    }
    int pass;
    for (pass = 0; pass < ALIGN_MAX_PASSES; pass++) {
      int open = 0;
      for (x = 0; x < m && !open; x++) {
        open = !al->coverX[chain[x]->i] && !al->coverY[chain[x]->j];
      }
      if (!open) break;
      int got = alignChain(al, chain, m);
      if (got < 0) rc = got;
      if (got != 1) break;
    }
  }
done:
  vb_free(idx);
  vb_free(tmp);
  vb_free(used);
  vb_free(chain);
  return rc;
}

static int byRawDesc(const void *pa, const void *pb) {
  const vb_align_pair *a = pa, *b = pb;
  if (a->raw != b->raw) return a->raw > b->raw ? -1 : 1;
  if (a->aStart != b->aStart) return a->aStart < b->aStart ? -1 : 1;
  return a->bStart < b->bStart ? -1 : a->bStart > b->bStart;
}

void vb_align_result_free(vb_align_result *r) {
  vb_free(r->a);
  r->a = NULL;
  r->n = 0;
}

int vb_align_words(const vb_words *A, const vb_words *B, int minWords, vb_align_result *out) {
  aligner al;
  int rc, swapped = A->n < B->n;
  size_t k;
  memset(out, 0, sizeof *out);
  if (minWords < 1) return VB_EARG;
  if (A->n == 0 || B->n == 0) return VB_OK;
  if ((swapped ? A->n : B->n) > VB_ALIGN_MAX_WORDS) return VB_ETOOBIG;
  memset(&al, 0, sizeof al);
  al.X = swapped ? B : A;
  al.Y = swapped ? A : B;
  al.minWords = minWords;
  al.out = out;
  al.coverX = vb_malloc(al.X->n);
  al.coverY = vb_malloc(al.Y->n);
  if (al.coverX == NULL || al.coverY == NULL) {
    rc = VB_NOMEM;
    goto done;
  }
  memset(al.coverX, 0, al.X->n);
  memset(al.coverY, 0, al.Y->n);
  if ((rc = buildKeys(&al)) != VB_OK) goto done;
  if ((rc = findAnchors(&al)) != VB_OK) goto done;
  vb_free(al.aSlot);
  al.aSlot = NULL;
  vb_free(al.aNextY);
  al.aNextY = NULL;
  chainAnchors(&al);
  if ((rc = alignChains(&al)) != VB_OK) goto done;
  if (swapped) {
    for (k = 0; k < out->n; k++) {
      vb_align_pair *p = &out->a[k], q = *p;
      p->aFirst = q.bFirst, p->aLast = q.bLast, p->bFirst = q.aFirst, p->bLast = q.aLast;
      p->aStart = q.bStart, p->aEnd = q.bEnd, p->bStart = q.aStart, p->bEnd = q.aEnd;
    }
  }
  if (out->n > 1) qsort(out->a, out->n, sizeof out->a[0], byRawDesc);
done:
  vb_free(al.aSlot);
  vb_free(al.aNextY);
  vb_free(al.aAnc);
  vb_free(al.coverX);
  vb_free(al.coverY);
  vb_free(al.aDir);
  vb_free(al.aLo);
  vb_free(al.aHi);
  if (rc != VB_OK) vb_align_result_free(out);
  return rc;
}
