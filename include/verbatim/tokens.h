/* SPDX-License-Identifier: MIT
 *
 * verbatim/tokens.h -- word tokenization, normalization and stemming.
 *
 * A token is a maximal run of word characters (letters, marks, digits),
 * with word-internal joiners: apostrophes between letters ("don't",
 * "Russia's"), hyphens between letters or a letter and a digit
 * ("Putin-Pasechnik", "COVID-19", but "1990-2000" is three tokens),
 * periods between letters ("U.S", "kremlin.ru") or between digits ("3.5"),
 * commas between digits ("1,000") and connector punctuation between word
 * characters ("snake_case").  Each Han ideograph is a token of its own;
 * a run of Hiragana or of Katakana is one token.  Any other punctuation or
 * symbol character (with the marks that follow it) is a token of one
 * character.  White space, control characters and default-ignorable or
 * format characters that do not follow a token are never tokens.  A token
 * is cut after VB_TOK_MAX_BYTES bytes, so memory per token is bounded.
 *
 * For each token the tokenizer gives:
 *   norm  NFKC, case-folded, quote marks and dashes unified (vb_normalize's
 *         'fold' form of the token)
 *   stem  the Snowball stem of norm for a word where the language has a
 *         stemmer, else norm
 *   hash  a 64-bit hash of stem (vb_tok_hash), e.g. for vector similarity
 *   kind  VB_TOK_WORD (has a letter), VB_TOK_NUMBER (digits and internal
 *         separators only), VB_TOK_PUNCT or VB_TOK_SYMBOL
 *   stop  1 for a stopword of the language (words only)
 *
 * Usage:
 *   vb_tokenizer *t = vb_tok_new(lang, VB_TOK_WANT_STEM);
 *   vb_token tok;
 *   vb_tok_reset(t, z, n);
 *   while ((rc = vb_tok_next(t, &tok)) == 1) { ... }
 *   vb_tok_free(t);
 *
 * Speed: ASCII words never call utf8proc; each tokenizer keeps a cache
 * norm -> (stem, stop, hash) of up to VB_TOK_CACHE_MAX entries (cleared
 * when full), so Snowball runs once per distinct word; reuse a tokenizer
 * across calls with vb_tok_reset().
 *
 * A tokenizer owns a Snowball stemmer and scratch buffers: it is not
 * thread-safe, but one per thread (or per statement) is cheap to reuse.
 * norm and stem point into the tokenizer and are valid until the next call;
 * at least 16 bytes (more for a longer string) can be read from each, so a
 * caller may copy a short stem with fixed-size moves.
 * The Snowball library allocates its own stemmer state with libc malloc;
 * everything else goes through vb_malloc.
 */
#ifndef VERBATIM_TOKENS_H
#define VERBATIM_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "verbatim/base.h"
#include "verbatim/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum vb_tok_kind {
  VB_TOK_WORD = 0,
  VB_TOK_NUMBER = 1,
  VB_TOK_PUNCT = 2,
  VB_TOK_SYMBOL = 3
} vb_tok_kind;

/* Flags for vb_tok_new: what to compute (less is faster). */
#define VB_TOK_WANT_NORM 0x01  /* fill norm */
#define VB_TOK_WANT_STEM 0x03  /* fill norm and stem */
#define VB_TOK_WORDS_ONLY 0x04 /* skip punct and symbol tokens */

#define VB_TOK_MAX_BYTES 512   /* a longer run of word characters is cut here */
#define VB_TOK_CACHE_MAX 65536 /* stem cache entries before it is cleared */

typedef struct vb_token {
  size_t start, end; /* byte span in the input */
  vb_tok_kind kind;
  int stop;         /* 1 if a stopword */
  const char *norm; /* NUL-terminated; NULL unless VB_TOK_WANT_NORM */
  size_t nNorm;
  const char *stem; /* NUL-terminated; NULL unless VB_TOK_WANT_STEM */
  size_t nStem;
  uint64_t hash; /* vb_tok_hash of stem (of norm without VB_TOK_WANT_STEM) */
} vb_token;

typedef struct vb_tokenizer vb_tokenizer;

/* A new tokenizer for lang (NULL means "und"), or NULL when out of memory. */
VB_API vb_tokenizer *vb_tok_new(const vb_lang *lang, unsigned flags);
/* Begin tokenizing z[0..n) (borrowed until the next reset or free). */
VB_API void vb_tok_reset(vb_tokenizer *t, const unsigned char *z, size_t n);
/* 1 and *out filled, 0 at the end, or a negative vb_rc. */
VB_API int vb_tok_next(vb_tokenizer *t, vb_token *out);
VB_API void vb_tok_free(vb_tokenizer *t);
/* Lower the stem cache's entry limit (1..VB_TOK_CACHE_MAX) and empty it;
 * for tests of the cache past its capacity. */
VB_API void vb_tok_cache_limit(vb_tokenizer *t, size_t maxEntries);
/* The language a tokenizer was made for. */
VB_API const vb_lang *vb_tok_lang(const vb_tokenizer *t);

/* The 64-bit hash used for vb_token.hash: 8-byte little-endian words mixed
 * multiplicatively, then an avalanche; the same value on every host. */
VB_API uint64_t vb_tok_hash(const void *p, size_t n);

/* 1 if z[0..n), in normalized ('fold') form, is a stopword of lang. */
VB_API int vb_stopword(const vb_lang *lang, const char *z, size_t n);
/* The stopword list of lang as written (space-separated words) and the
 * number of distinct words in it after folding; NULL and 0 for a language
 * without a list. */
VB_API const char *vb_stopword_list(const vb_lang *lang, size_t *pCount);

/* Normalization forms for vb_normalize. */
typedef enum vb_norm_form {
  VB_NORM_FOLD = 0, /* NFKC + case fold + unify quotes, dashes, spaces; collapse white space */
  VB_NORM_NFC,
  VB_NORM_NFD,
  VB_NORM_NFKC,
  VB_NORM_NFKD
} vb_norm_form;

/* Append the normalized form of z[0..n) to out.  Invalid units become
 * U+FFFD.  VB_OK or VB_NOMEM. */
VB_API int vb_normalize(const unsigned char *z, size_t n, vb_norm_form form, vb_buf *out);
/* The same, reusing scratch (a vb_buf the caller owns and frees) for the
 * working code points, so repeated calls do not allocate. */
VB_API int vb_normalize_buf(const unsigned char *z, size_t n, vb_norm_form form, vb_buf *out,
                            vb_buf *scratch);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_TOKENS_H */
