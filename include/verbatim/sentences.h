/* SPDX-License-Identifier: MIT
 *
 * verbatim/sentences.h -- sentence segmentation: Unicode UAX #29 sentence
 * boundaries plus per-language knowledge (abbreviations, initials, numbers,
 * ellipses, lists, URLs, closing quotes, headings and transcript turns).
 *
 * Usage (no allocation per sentence; memory is constant in the number of
 * sentences):
 *
 *   vb_sent_iter *it;
 *   vb_sentence s;
 *   int rc = vb_sent_open(&it, z, n, vb_lang_find("en", 2));
 *   while (rc == VB_OK && (rc = vb_sent_next(it, &s)) == 1) {
 *     ... z[s.start .. s.end) is sentence s.ord of paragraph s.paragraph ...
 *   }
 *   vb_sent_close(it);
 *
 * Sentences are trimmed of surrounding white space, never empty, never
 * overlapping, in document order, and start/end fall on unit boundaries (see
 * verbatim/base.h).  Nothing is rewritten: a sentence is always a span of z.
 * The iterator borrows z, which must stay valid until vb_sent_close().
 */
#ifndef VERBATIM_SENTENCES_H
#define VERBATIM_SENTENCES_H

#include <stddef.h>

#include "verbatim/base.h"
#include "verbatim/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vb_sentence {
  size_t start;     /* byte offset of the first character */
  size_t end;       /* byte offset just past the last character */
  size_t ord;       /* 1-based sentence number */
  size_t paragraph; /* 1-based paragraph number */
} vb_sentence;

typedef struct vb_sent_iter vb_sent_iter;

/* Start segmenting z[0..n) in language lang (NULL means "und").
 * Returns VB_OK or VB_NOMEM; on error *pp is NULL. */
VB_API int vb_sent_open(vb_sent_iter **pp, const unsigned char *z, size_t n, const vb_lang *lang);

/* The next sentence: returns 1 and fills *out, 0 at the end, or a negative
 * vb_rc. */
VB_API int vb_sent_next(vb_sent_iter *p, vb_sentence *out);

/* Free the iterator (NULL is a no-op). */
VB_API void vb_sent_close(vb_sent_iter *p);

/* ---- plain UAX #29 ----------------------------------------------------------
 * The raw Unicode sentence boundaries (no trimming, no language knowledge):
 * what lang 'und' segments by, and what SentenceBreakTest.txt checks. */
typedef struct vb_sent_uax {
  size_t term_start; /* first terminator of the run that ended the segment, or SIZE_MAX */
  size_t term_last;  /* the last terminator of that run, or SIZE_MAX */
  size_t term_end;   /* just past the terminators and closing marks, before spaces */
  int term_class;    /* class of the last terminator (internal VB_SB_* value) */
  int parasep;       /* 1 if the segment ends with a paragraph separator */
  int soft;          /* language mode only: the UAX rule (6, 7, 8, 'c') that forbids a break here */
} vb_sent_uax;

/* The next UAX #29 sentence boundary after byte offset i (i < n, i itself a
 * boundary): returns an offset in (i, n]; n at the end.  Linear time; with
 * info, also describes how the segment ended. */
VB_API size_t vb_sent_uax_scan(const unsigned char *z, size_t n, size_t i, vb_sent_uax *info);
VB_API size_t vb_sent_uax_next(const unsigned char *z, size_t n, size_t i);

/* The Unicode version of the generated Sentence_Break table ("15.0.0"). */
VB_API const char *vb_sent_unicode_version(void);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_SENTENCES_H */
