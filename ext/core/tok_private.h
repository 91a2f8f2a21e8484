/* SPDX-License-Identifier: MIT
 *
 * tok_private.h -- what tokens.c needs from stopwords.c (core-internal).
 */
#ifndef VERBATIM_TOK_PRIVATE_H
#define VERBATIM_TOK_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "verbatim/lang.h"

/* Builds the stopword hash tables once (thread-safe); VB_OK. */
int vb_stop_init(void);
/* 1 if the language has a stopword list. */
int vb_stop_has_list(vb_lang_id id);
/* 1 if z[0..n) (fold form, h = vb_tok_hash(z, n)) is a stopword of id. */
int vb_stop_find(vb_lang_id id, const char *z, size_t n, uint64_t h);

#endif
