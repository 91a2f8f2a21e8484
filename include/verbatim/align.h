/* SPDX-License-Identifier: MIT
 *
 * verbatim/align.h -- local alignment of two word sequences: the passages
 * one text took from another, tolerant of changed, dropped and added words.
 *
 * Input: two word lists (verbatim/minhash.h, vb_words_collect); words are
 * equal when their stems are.  Output: non-overlapping passage pairs, each
 * a run of words of A aligned with a run of words of B, best first.
 *
 * The algorithm (ext/core/align.c has the details and constants):
 *   1. anchors: for every position of A, the shortest word n-gram (n <= 3,
 *      with a content word) starting there that occurs in both texts at
 *      most VB_ALIGN_RARE times each; each occurrence pair is an anchor;
 *   2. chains: anchors that follow each other in both texts within
 *      VB_ALIGN_GAP words are chained (a sparse chaining DP);
 *   3. for each chain, strongest first, a banded Smith-Waterman alignment
 *      of the words around it (band VB_ALIGN_BAND words either side of the
 *      chain's path), scoring a content-word match +1, a stopword match
 *      +0.5, a substitution -0.6 and an inserted or dropped word -0.5;
 *      words already in an accepted passage are blocked, so passages never
 *      overlap in either text; a passage with fewer than min_words matched
 *      words is dropped.
 * Time O((na + nb) * VB_ALIGN_RARE * (VB_ALIGN_GAP + VB_ALIGN_BAND)^2)
 * in the worst case (typically far less), memory O(na + nb): no quadratic
 * matrix is ever built.  Stopwords alone never anchor a passage.
 *
 * Score: 2 * (weight of matched words) / (weight of A's passage words +
 * weight of B's passage words), weights 1 for a content word and 0.5 for a
 * stopword: 1 for an exact copy, lower as words change.  Passages are
 * ordered by the raw alignment score (which grows with length and
 * quality), best first.
 */
#ifndef VERBATIM_ALIGN_H
#define VERBATIM_ALIGN_H

#include <stddef.h>

#include "verbatim/base.h"
#include "verbatim/lang.h"
#include "verbatim/minhash.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_ALIGN_DEFAULT_MIN_WORDS 5
#define VB_ALIGN_RARE 4 /* max occurrences of an anchor n-gram in each text */
#define VB_ALIGN_GAP 16 /* max words between chained anchors, and the margin around a chain */
#define VB_ALIGN_BAND 8 /* band half-width of the alignment around a chain's path */
#define VB_ALIGN_MAX_WORDS (1u << 22) /* words of the shorter text (about 25 MB of English) */

typedef struct vb_align_pair {
  size_t aFirst, aLast; /* word indexes in A (inclusive) */
  size_t bFirst, bLast; /* word indexes in B (inclusive) */
  size_t aStart, aEnd;  /* byte span in A: first word's start .. last word's end */
  size_t bStart, bEnd;  /* byte span in B */
  size_t words;         /* matched words */
  double score;         /* in [0, 1], see above */
  double raw;           /* the local alignment score; the order key */
} vb_align_pair;

typedef struct vb_align_result {
  vb_align_pair *a; /* best first */
  size_t n;
} vb_align_result;

/* Aligns A with B.  minWords >= 1 (else VB_EARG).  On VB_OK, out holds
 * the passages (free with vb_align_result_free); VB_ETOOBIG when both
 * texts have more than VB_ALIGN_MAX_WORDS words; VB_NOMEM. */
VB_API int vb_align_words(const vb_words *A, const vb_words *B, int minWords, vb_align_result *out);
VB_API void vb_align_result_free(vb_align_result *r);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_ALIGN_H */
