/* SPDX-License-Identifier: MIT
 *
 * sentence_lang.h -- private to ext/core: the language layer of sentence
 * segmentation (sentence_lang.c), which walks UAX #29 boundaries and decides
 * which to keep, and where to add breaks, for one language.
 */
#ifndef VB_SENTENCE_LANG_H
#define VB_SENTENCE_LANG_H

#include <stddef.h>
#include <stdint.h>

#include "verbatim/lang.h"
#include "verbatim/sentences.h"

/* The UAX #29 scanner in language mode (sentences.c): like
 * vb_sent_uax_scan, but it also stops at terminators where UAX forbids a
 * break (info->soft), and treats the ASCII character weak (':' or ';', 0
 * for none) as a terminator when spaces and then a letter of class
 * weakNext follow. */
size_t vb_sent_scan_soft(const unsigned char *z, size_t n, size_t i, vb_sent_uax *info, int weak,
                         int weakNext);

struct vb_sent_rules;

#define VB_SENT_QDEPTH 8

/* A line shorter than this (bytes, without its line break) that ends
 * without a terminator is a heading; a longer one followed by a line that
 * starts in lower case is hard-wrapped prose.  quotes() cuts its narrator
 * sentences by the same rule. */
#define VB_SENT_WRAP_MIN 40

typedef struct vb_sent_lang {
  vb_lang_id id;
  const struct vb_sent_rules *rules;
  const unsigned char *z;
  size_t n;
  /* the next UAX boundary already found (avoids rescans after an added
   * break); valid when cacheFrom <= the scan start < cacheEnd */
  size_t cacheFrom, cacheEnd;
  vb_sent_uax cacheInfo;
  /* lists: the marker expected next ("2." after "1."), kind 0 = none */
  int listKind;
  long listNext;
  size_t markerEnd; /* end of the list marker that starts the sentence, or 0 */
  /* quotation marks and brackets open in the current sentence */
  size_t qScan;                   /* scanned up to here */
  int qDepth;                     /* open marks on the stack */
  int32_t qClose[VB_SENT_QDEPTH]; /* the closing mark each one expects */
  size_t qCloseAt;                /* the outermost mark closes here (0: unknown) */
  int32_t qLookCloser;            /* the last fruitless search for a closing mark: */
  size_t qLookFrom, qLookEnd;     /*   from where, up to where */
  int qLookLineEnd;               /*   1 if it stopped at the end of the line */
} vb_sent_lang;

void vb_sent_lang_init(vb_sent_lang *p, vb_lang_id id, const unsigned char *z, size_t n);

/* The end of the sentence that starts at s (s < n, not white space): the
 * offset where the following text starts (the caller trims). */
size_t vb_sent_lang_next(vb_sent_lang *p, size_t s);

#endif /* VB_SENTENCE_LANG_H */
