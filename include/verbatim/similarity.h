/* SPDX-License-Identifier: MIT
 *
 * verbatim/similarity.h -- how alike two passages are: similarity scores in
 * [0, 1] by several methods, and the Levenshtein edit distance.
 *
 * Usage:
 *   vb_sim *s = vb_sim_new();
 *   double score;
 *   int rc = vb_sim_score(s, VB_SIM_COSINE, lang, a, na, b, nb, &score);
 *   ...
 *   vb_sim_free(s);
 *
 *   int64_t d;
 *   rc = vb_edit_distance(a, na, b, nb, &d);
 *
 * Text is UTF-8 of any validity, stepped in SQLite's units (verbatim/base.h):
 * a "character" is one unit, so invalid bytes count as characters as SQLite's
 * length() counts them.  Every score is in [0, 1], 1 for texts that are
 * identical after folding (NFKC, case fold, quote marks, dashes and spaces
 * unified, runs of white space collapsed, ends trimmed), symmetric except
 * 'containment'.  Two texts that are both empty after folding score 1; an
 * empty text against a non-empty one scores 0.
 *
 * Bounds: the quadratic methods (edit distance, 'levenshtein',
 * 'jaro_winkler', 'lcs' over words, the Indel step of 'token_set') cost
 * ceil(shorter/64) x longer machine-word steps; when that product exceeds
 * VB_SIM_MAX_STEPS they return VB_ELIMIT instead of running for minutes.
 * The other methods are linear in the input (token_set sorts its tokens:
 * O(n log n)), with memory proportional to the number of distinct stems or
 * trigrams (token_set: to the number of tokens).
 *
 * Thread-safety: a vb_sim is not thread-safe (it owns tokenizers and
 * scratch buffers); use one per thread or connection.  vb_edit_distance and
 * vb_jaro_winkler are reentrant.
 */
#ifndef VERBATIM_SIMILARITY_H
#define VERBATIM_SIMILARITY_H

#include <stddef.h>
#include <stdint.h>

#include "verbatim/base.h"
#include "verbatim/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest ceil(shorter/64) x longer product the quadratic methods
 * accept: 2^29 word steps, about a second.  Two 1 MB texts exceed it; a
 * 100 MB text against a 200-character one does not. */
#define VB_SIM_MAX_STEPS ((uint64_t)1 << 29)

typedef enum vb_sim_method {
  VB_SIM_COSINE = 0, /* weighted stemmed content-word vectors (default) */
  VB_SIM_JACCARD,
  VB_SIM_DICE,
  VB_SIM_OVERLAP,
  VB_SIM_CONTAINMENT, /* asymmetric: share of a's words found in b */
  VB_SIM_TRIGRAM,
  VB_SIM_LEVENSHTEIN,
  VB_SIM_JARO_WINKLER,
  VB_SIM_LCS,
  VB_SIM_TOKEN_SET,
  VB_SIM_PARTIAL,
  VB_SIM_COUNT
} vb_sim_method;

/* The method named z[0..n) (ASCII case-insensitive), or -1. */
VB_API int vb_sim_method_find(const char *z, size_t n);
/* "cosine", "jaccard", ...; NULL for an out-of-range value. */
VB_API const char *vb_sim_method_name(int method);
/* "cosine, jaccard, …": every method name, for error messages. */
VB_API const char *vb_sim_methods_supported(void);

typedef struct vb_sim vb_sim;

/* A new scoring context (tokenizers are created lazily, one per language),
 * or NULL when out of memory.  Free with vb_sim_free. */
VB_API vb_sim *vb_sim_new(void);
VB_API void vb_sim_free(vb_sim *s);

/* The cache of prepared texts: the word methods remember each text of at
 * most 16384 bytes they tokenized (its stems, stop flags and stem hashes,
 * by language and by family: cosine, which keeps the stems, or the other
 * word methods), so a text scored again (a join, a text against many) is
 * not tokenized and stemmed again.  Keyed by a 64-bit hash of the bytes,
 * the length, the language and the family, and verified by comparing the
 * bytes, so scores are the same with or without it.  Direct-mapped over
 * `slots` slots (rounded down to a power of two; 0 turns it off), at most
 * maxBytes in all (a clock hand frees entries beyond it).  The default is
 * 1024 slots and 4 MB.  hashBits keeps that many low bits of the key hash
 * (64; fewer only for tests that force colliding keys).  Empties the
 * cache.  VB_OK, or VB_EARG for hashBits over 64. */
VB_API int vb_sim_cache_config(vb_sim *s, size_t slots, size_t maxBytes, int hashBits);

/* Score a[0..na) against b[0..nb) by method for language lang (NULL means
 * English).  VB_OK and *pScore in [0, 1]; VB_EARG for a bad method;
 * VB_ELIMIT when the texts exceed the method's bound; VB_NOMEM. */
VB_API int vb_sim_score(vb_sim *s, vb_sim_method method, const vb_lang *lang,
                        const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                        double *pScore);

/* Fold z[0..n) for the character-level methods: vb_normalize's 'fold'
 * form (NFKC, case fold, quote marks, dashes and spaces unified, runs of
 * white space collapsed to one space, ends trimmed; invalid units become
 * U+FFFD), with a faster path for ASCII text that gives the same bytes.
 * Appends to out.  VB_OK or VB_NOMEM. */
VB_API int vb_sim_fold(const unsigned char *z, size_t n, vb_buf *out);

/* Levenshtein distance (unit costs) between a and b in characters.
 * Bit-parallel (Myers 1999, Hyyrö 2003), blocked for more than 64
 * characters.  VB_OK, VB_ELIMIT (beyond VB_SIM_MAX_STEPS) or VB_NOMEM. */
VB_API int vb_edit_distance(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                            int64_t *pDist);

/* Indel distance (insertions and deletions only: na + nb - 2 LCS) in
 * characters.  Same bounds and codes as vb_edit_distance. */
VB_API int vb_indel_distance(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                             int64_t *pDist);

/* Jaro-Winkler similarity as rapidfuzz defines it: Jaro with the match
 * window max(len)/2 - 1, half the transpositions rounded down, then a boost
 * of prefix x 0.1 x (1 - jaro) for a common prefix of up to 4 characters
 * when jaro > 0.7.  Two empty texts give 1, one empty text 0.  VB_OK,
 * VB_ELIMIT or VB_NOMEM. */
VB_API int vb_jaro_winkler(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                           double *pSim);

/* The built-in prior weight of a stem (English, Snowball stems of
 * case-folded words): larger for rarer stems; the default weight for a
 * stem the table does not hold.  See ext/core/word_prior_data.c. */
VB_API double vb_word_prior(const char *zStem, size_t nStem);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_SIMILARITY_H */
