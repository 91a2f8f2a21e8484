/* SPDX-License-Identifier: MIT
 *
 * verbatim/quotes.h -- quotations in a document, with who said them and how.
 *
 * Finds direct quotations (any of " “” ‘’ ' « » „ “ » « 「」 『』, nested,
 * split by their cue, continued over sentences and paragraphs), quoted
 * fragments inside the narrator's sentence ('partial'), transcript turns
 * "Name: words" ('turn') and reported speech without marks ('indirect'),
 * and attributes each: the cue words, the speaker as written next to the
 * quotation (mention) and the speaker resolved within the document (titles
 * dropped, pronouns and surnames resolved to the fullest name).
 *
 * Usage:
 *
 *   vb_quote_rules *rules;          // compiled once, shared, thread-safe
 *   vb_quote_rules_new(&rules);
 *   vb_quote_iter *it;
 *   vb_quote q;
 *   int rc = vb_quotes_open(&it, rules, z, n, vb_lang_find("en", 2));
 *   while (rc == VB_OK && (rc = vb_quotes_next(it, &q)) == 1) {
 *     ... z[q.start .. q.end) are the quoted words ...
 *   }
 *   vb_quotes_close(it);
 *   vb_quote_rules_free(rules);
 *
 * Every span is a span of z on unit boundaries (verbatim/base.h); a span
 * with start == end and has == 0 is absent (SQL NULL).  Rows come in
 * document order of their start.  vb_quotes_open() does the whole analysis
 * (time linear in n; memory linear in the number of quotation marks and
 * rows); vb_quotes_next() then only hands out rows.  The iterator borrows z
 * and rules until vb_quotes_close().
 */
#ifndef VERBATIM_QUOTES_H
#define VERBATIM_QUOTES_H

#include <stddef.h>

#include "verbatim/base.h"
#include "verbatim/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum vb_quote_kind {
  VB_QUOTE_DIRECT = 1,  /* a quoted utterance */
  VB_QUOTE_PARTIAL = 2, /* a quoted fragment inside the narrator's sentence */
  VB_QUOTE_TURN = 3,    /* a transcript turn "Name: words" */
  VB_QUOTE_INDIRECT = 4 /* reported speech without quotation marks */
} vb_quote_kind;

typedef struct vb_quote {
  size_t start, end;               /* the quoted words, marks excluded */
  size_t speakerStart, speakerEnd; /* resolved speaker (fullest name) */
  size_t mentionStart, mentionEnd; /* the speaker as written next to it */
  size_t cueStart, cueEnd;         /* the attributing words */
  int hasSpeaker, hasMention, hasCue;
  int kind;                   /* vb_quote_kind */
  size_t ord;                 /* 1-based, in document order */
  size_t sentence, paragraph; /* as sentences() numbers them */
} vb_quote;

/* Compiled rule patterns and lexicons: build once, share between threads
 * and documents (read-only after creation).  VB_OK, VB_NOMEM or VB_EREGEX. */
typedef struct vb_quote_rules vb_quote_rules;
VB_API int vb_quote_rules_new(vb_quote_rules **pp);
VB_API void vb_quote_rules_free(vb_quote_rules *p);

typedef struct vb_quote_iter vb_quote_iter;

/* Analyse z[0..n) in language lang (NULL means "und": cues of every
 * language).  VB_OK, VB_NOMEM or VB_ELIMIT; on error *pp is NULL. */
VB_API int vb_quotes_open(vb_quote_iter **pp, const vb_quote_rules *rules, const unsigned char *z,
                          size_t n, const vb_lang *lang);

/* The next row: 1 and *out filled, 0 at the end, or a negative vb_rc. */
VB_API int vb_quotes_next(vb_quote_iter *p, vb_quote *out);

/* Free the iterator (NULL is a no-op). */
VB_API void vb_quotes_close(vb_quote_iter *p);

/* "direct", "partial", "turn" or "indirect". */
VB_API const char *vb_quote_kind_name(int kind);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_QUOTES_H */
