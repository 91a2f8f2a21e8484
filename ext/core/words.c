/* SPDX-License-Identifier: MIT
 *
 * words.c -- word lists (see verbatim/minhash.h): vb_words_collect() keeps
 * the word and number tokens the tokenizer gives (punctuation and symbols
 * are skipped), each with its byte span, the tokenizer's hash of its stem (bit
 * 0 replaced by the stopword flag).  One pass, linear in the text; 16
 * bytes per word.
 */
#include "verbatim/minhash.h"

#include <string.h>

static int wordsGrow(vb_words *w) {
  size_t cap = w->cap ? w->cap * 2 : 64;
  vb_word *a = vb_realloc(w->a, cap * sizeof *a);
  if (a == NULL) return VB_NOMEM;
  w->a = a;
  w->cap = cap;
  return VB_OK;
}

int vb_words_collect(vb_words *w, vb_tokenizer *t, const unsigned char *z, size_t n) {
  vb_token tok;
  int rc;
  w->n = 0;
  if (n > UINT32_MAX) return VB_ETOOBIG;
  vb_tok_reset(t, z, n);
  while ((rc = vb_tok_next(t, &tok)) == 1) {
    if (tok.kind != VB_TOK_WORD && tok.kind != VB_TOK_NUMBER) continue;
    if (w->n == w->cap && (rc = wordsGrow(w)) != VB_OK) return rc;
    vb_word *p = &w->a[w->n++];
    p->h = (tok.hash & ~(uint64_t)1) | (tok.stop ? 1u : 0u);
    p->start = (uint32_t)tok.start;
    p->end = (uint32_t)tok.end;
  }
  return rc < 0 ? rc : VB_OK;
}
