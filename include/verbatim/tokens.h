/* SPDX-License-Identifier: MIT
 *
 * verbatim/tokens.h -- word tokenization, normalization and stemming.
 *
 * A token is a maximal run of word characters (letters, marks, digits and
 * connectors, with word-internal apostrophes, periods in numbers and the
 * like), or a single punctuation or symbol character.  White space is never
 * a token.  For each token the tokenizer gives:
 *   norm  NFKC, case-folded, quote marks and dashes unified
 *   stem  the Snowball stem of norm where the language has a stemmer, else norm
 *   kind  VB_TOK_WORD, VB_TOK_NUMBER, VB_TOK_PUNCT or VB_TOK_SYMBOL
 *   stop  1 for a stopword of the language
 *
 * Usage:
 *   vb_tokenizer *t = vb_tok_new(lang, VB_TOK_WANT_STEM);
 *   vb_token tok;
 *   vb_tok_reset(t, z, n);
 *   while ((rc = vb_tok_next(t, &tok)) == 1) { ... }
 *   vb_tok_free(t);
 *
 * A tokenizer owns a Snowball stemmer and scratch buffers: it is not
 * thread-safe, but one per thread (or per statement) is cheap to reuse.
 * norm and stem point into the tokenizer and are valid until the next call.
 */
#ifndef VERBATIM_TOKENS_H
#define VERBATIM_TOKENS_H

#include <stddef.h>

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
#define VB_TOK_WANT_NORM 0x01 /* fill norm */
#define VB_TOK_WANT_STEM 0x03 /* fill norm and stem */
#define VB_TOK_WORDS_ONLY 0x04 /* skip punct and symbol tokens */

typedef struct vb_token {
  size_t start, end; /* byte span in the input */
  vb_tok_kind kind;
  int stop;          /* 1 if a stopword */
  const char *norm;  /* NUL-terminated; NULL unless VB_TOK_WANT_NORM */
  size_t nNorm;
  const char *stem;  /* NUL-terminated; NULL unless VB_TOK_WANT_STEM */
  size_t nStem;
} vb_token;

typedef struct vb_tokenizer vb_tokenizer;

/* A new tokenizer for lang (NULL means "und"), or NULL when out of memory. */
VB_API vb_tokenizer *vb_tok_new(const vb_lang *lang, unsigned flags);
/* Begin tokenizing z[0..n) (borrowed until the next reset or free). */
VB_API void vb_tok_reset(vb_tokenizer *t, const unsigned char *z, size_t n);
/* 1 and *out filled, 0 at the end, or a negative vb_rc. */
VB_API int vb_tok_next(vb_tokenizer *t, vb_token *out);
VB_API void vb_tok_free(vb_tokenizer *t);

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

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_TOKENS_H */
