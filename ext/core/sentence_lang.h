/* SPDX-License-Identifier: MIT
 *
 * sentence_lang.h -- private to ext/core: the language layer of sentence
 * segmentation (sentence_lang.c), which walks UAX #29 boundaries and decides
 * which to keep, and where to add breaks, for one language.
 */
#ifndef VB_SENTENCE_LANG_H
#define VB_SENTENCE_LANG_H

#include <stddef.h>

#include "verbatim/lang.h"
#include "verbatim/sentences.h"

typedef struct vb_sent_lang {
  vb_lang_id id;
  const unsigned char *z;
  size_t n;
  /* the next UAX boundary already found (avoids rescans after an added
   * break); valid when cacheFrom <= the scan start < cacheEnd */
  size_t cacheFrom, cacheEnd;
  vb_sent_uax cacheInfo;
  /* lists: the marker expected next ("2." after "1."), kind 0 = none */
  int listKind;
  long listNext;
} vb_sent_lang;

void vb_sent_lang_init(vb_sent_lang *p, vb_lang_id id, const unsigned char *z, size_t n);

/* The end of the sentence that starts at s (s < n, not white space): the
 * offset where the following text starts (the caller trims). */
size_t vb_sent_lang_next(vb_sent_lang *p, size_t s);

#endif /* VB_SENTENCE_LANG_H */
