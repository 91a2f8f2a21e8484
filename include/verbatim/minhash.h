/* SPDX-License-Identifier: MIT
 *
 * verbatim/minhash.h -- word lists, word shingles, MinHash signatures and
 * LSH bands: the pieces of near-duplicate search at scale.
 *
 * Words.  vb_words_collect() runs the tokenizer (verbatim/tokens.h) over a
 * text and keeps, for every word or number token, its byte span, a 64-bit
 * hash of its stem and its stopword flag: align() works on this list.  The
 * shingle iterator reads the tokenizer directly, keeping n words.
 *
 * Shingles.  A shingle is n consecutive CONTENT words (stopwords dropped;
 * when a text has only stopwords, all its words are used), written as
 * their stems joined by single spaces ("presid vladimir putin").  A text
 * with at least one but fewer than n such words has a single shingle of
 * all of them; a text with no words has none.  The shingle's hash is the
 * 64-bit FNV-1a hash of that text (offset basis 0xcbf29ce484222325, prime
 * 0x100000001b3), so it is stable across builds and easy to reproduce.
 *
 * MinHash.  Permutation i maps a shingle hash h to
 *   (a_i * h + b_i) mod 2^64, keeping the high 32 bits,
 * where a_i (odd) and b_i come from splitmix64 seeded with
 * VB_MINHASH_SEED; the signature keeps the minimum per permutation over
 * the text's shingles.  The fraction of equal slots of two signatures
 * estimates the Jaccard similarity of the two shingle sets (standard
 * error about sqrt(J(1-J)/permutations)).
 *
 * Signature format (a BLOB of VB_MINHASH_HEADER + 4 * permutations bytes):
 *   bytes 0..1  'v' 'm'            magic
 *   byte  2     1                  format version
 *   byte  3     n                  shingle size (1..VB_MINHASH_MAX_N)
 *   bytes 4..7  permutations       uint32, little-endian
 *   then        one uint32 per permutation, little-endian
 *
 * LSH bands.  Band k of b bands of r slots (by default r = permutations
 * / b; b * r <= permutations) covers the slots k*r .. k*r+r-1; its hash is the 64-bit FNV-1a hash
 * of those 4*r bytes as stored in the signature.  Two texts share a band hash with probability
 * about J^r, so they become candidates with probability 1-(1-J^r)^b; the
 * threshold (the J where that is about 1/2) is about (1/b)^(1/r).
 *
 * Costs: collecting words is linear in the text; shingles are O(words * n)
 * time and O(n) memory; a signature is O(shingles * permutations)
 * multiply-adds with one hash per shingle.  Nothing here is thread-unsafe except a vb_tokenizer,
 * which the caller owns.
 */
#ifndef VERBATIM_MINHASH_H
#define VERBATIM_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#include "verbatim/base.h"
#include "verbatim/lang.h"
#include "verbatim/tokens.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- words ------------------------------------------------------------------ */

/* One word.  Inputs are limited to 4 GiB - 1 bytes (VB_ETOOBIG beyond). */
typedef struct vb_word {
  uint64_t h;     /* vb_tok_hash of the stem, with bit 0 replaced by the stop flag */
  uint32_t start; /* byte span in the text */
  uint32_t end;
} vb_word;

#define VB_WORD_STOP(w) ((int)((w)->h & 1))
/* The hash with the stop bit cleared: equal for equal stems. */
#define VB_WORD_KEY(w) ((w)->h & ~(uint64_t)1)

typedef struct vb_words {
  vb_word *a; /* the words in text order */
  size_t n, cap;
} vb_words;

/* Replace w's contents with the words of z[0..n), tokenized by t (the
 * caller's tokenizer, made with at least VB_TOK_WANT_STEM).  VB_OK,
 * VB_NOMEM or VB_ETOOBIG.  A zeroed vb_words is empty; vb_words_free
 * releases it.  16 bytes per word. */
VB_API int vb_words_collect(vb_words *w, vb_tokenizer *t, const unsigned char *z, size_t n);
VB_API void vb_words_free(vb_words *w);

/* 64-bit FNV-1a of z[0..n), continuing from h (start with VB_FNV_OFFSET). */
#define VB_FNV_OFFSET 0xcbf29ce484222325ULL
#define VB_FNV_PRIME 0x100000001b3ULL
VB_API uint64_t vb_fnv1a(uint64_t h, const void *z, size_t n);

/* ---- shingles ------------------------------------------------------------------ */

#define VB_SHINGLE_DEFAULT_N 3
#define VB_MINHASH_MAX_N 16

/* Streams the shingles of a text straight from the tokenizer, keeping only
 * the last n words: memory O(n) whatever the text's length.  (A text
 * without content words is read twice: once to find that out.) */
typedef struct vb_shingle_iter {
  vb_tokenizer *t; /* the caller's, made with at least VB_TOK_WANT_STEM */
  int n;           /* shingle size */
  int allWords;    /* 1 when the text has no content word: stopwords are used too */
  int done;
  size_t have;                                             /* words used so far */
  size_t ord;                                              /* shingles given so far */
  size_t aStart[VB_MINHASH_MAX_N], aEnd[VB_MINHASH_MAX_N]; /* ring of the last n words */
  vb_buf aStem[VB_MINHASH_MAX_N];
  vb_buf text; /* the current shingle's text */
} vb_shingle_iter;

typedef struct vb_shingle {
  size_t ord;       /* 1-based */
  const char *text; /* stems joined by ' ', NUL-terminated; valid until the next call */
  size_t nText;
  uint64_t hash;     /* vb_fnv1a of text */
  size_t start, end; /* byte span: its first word's start .. its last word's end */
} vb_shingle;

/* Shingles of n words (1..VB_MINHASH_MAX_N, else VB_EARG) of z[0..nz),
 * tokenized by t (borrowed, with z, until vb_shingle_close).  VB_OK, or a
 * negative vb_rc. */
VB_API int vb_shingle_open(vb_shingle_iter *it, vb_tokenizer *t, const unsigned char *z, size_t nz,
                           int n);
/* 1 and *out filled, 0 at the end, or a negative vb_rc. */
VB_API int vb_shingle_next(vb_shingle_iter *it, vb_shingle *out);
VB_API void vb_shingle_close(vb_shingle_iter *it);

/* ---- minhash ------------------------------------------------------------------ */

#define VB_MINHASH_HEADER 8
#define VB_MINHASH_DEFAULT_PERMUTATIONS 128
#define VB_MINHASH_MAX_PERMUTATIONS 1024
#define VB_MINHASH_SEED 0x7665726261746d68ULL /* "verbatmh" */

/* Bytes of a signature with this many permutations. */
#define VB_MINHASH_SIZE(perms) ((size_t)VB_MINHASH_HEADER + 4 * (size_t)(perms))

/* Writes the signature of the n-word shingles of z[0..nz) (tokenized by t)
 * with perms permutations into out (VB_MINHASH_SIZE(perms) bytes).
 * Returns 1, or 0 when the text has no shingle (out is then unspecified),
 * VB_EARG for perms or n out of range, VB_NOMEM.  Memory O(n + perms). */
VB_API int vb_minhash_sign(vb_tokenizer *t, const unsigned char *z, size_t nz, int n, int perms,
                           unsigned char *out);

/* The same from shingle hashes directly (for tests and other callers):
 * aHash[0..nHash), nHash > 0. */
VB_API int vb_minhash_from_hashes(const uint64_t *aHash, size_t nHash, int n, int perms,
                                  unsigned char *out);

/* Reads a signature's header: VB_OK with *pPerms and *pN, or VB_EARG if
 * z[0..nz) is not a well-formed signature. */
VB_API int vb_minhash_parse(const unsigned char *z, size_t nz, int *pPerms, int *pN);

/* Fraction of equal slots of two well-formed signatures with the same
 * permutations and n (the caller checks with vb_minhash_parse). */
VB_API double vb_minhash_similarity(const unsigned char *x, const unsigned char *y, int perms);

/* The hash of band k (0-based) of r slots each: slots k*r .. k*r+r-1,
 * which must lie within the signature. */
VB_API uint64_t vb_minhash_band(const unsigned char *sig, int r, int k);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_MINHASH_H */
