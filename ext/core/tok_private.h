/* SPDX-License-Identifier: MIT
 *
 * tok_private.h -- what tokens.c needs from stopwords.c (core-internal).
 */
#ifndef VERBATIM_TOK_PRIVATE_H
#define VERBATIM_TOK_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "verbatim/lang.h"
#include "verbatim/tokens.h"

/* Builds the stopword hash tables once (thread-safe); VB_OK. */
int vb_stop_init(void);
/* 1 if the language has a stopword list. */
int vb_stop_has_list(vb_lang_id id);
/* 1 if z[0..n) (fold form, h = vb_tok_hash(z, n)) is a stopword of id. */
int vb_stop_find(vb_lang_id id, const char *z, size_t n, uint64_t h);

/* A 32-bit word kept with the cache entry of the token vb_tok_next just
 * returned (at the end of the entry's arena space, 4-byte aligned), 0 when
 * the entry is made; NULL when that token's stem is not in the cache
 * (numbers, uncached or unstemmed words).  The tokenizer's owner may store
 * there anything that is a pure function of the stem (similarity.c: the
 * prior weight), since entries are dropped and remade at will.  Valid until
 * the next call on the tokenizer. */
uint32_t *vb_tok_user_word(vb_tokenizer *t);

#endif
