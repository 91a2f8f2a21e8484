/* SPDX-License-Identifier: MIT
 *
 * words.c -- word lists (see verbatim/minhash.h): vb_words_collect() keeps
 * the word and number tokens the tokenizer gives (punctuation and symbols
 * are skipped), each with its byte span, the tokenizer's hash of its stem (bit
 * 0 replaced by the stopword flag) and, optionally, the stem.  One pass,
 * linear in the text; 16 bytes per word (plus the stem when kept).
 */
#include "verbatim/minhash.h"

#include <string.h>

static int wordsGrow(vb_words *w, int keepStems) {
  size_t cap = w->cap ? w->cap * 2 : 64;
  vb_word *a = vb_realloc(w->a, cap * sizeof *a);
  if (a == NULL) return VB_NOMEM;
  w->a = a;
  if (keepStems) {
    uint32_t *s = vb_realloc(w->aStem, cap * sizeof *s);
    if (s == NULL) return VB_NOMEM;
    w->aStem = s;
  }
  w->cap = cap;
  return VB_OK;
}

int vb_words_collect(vb_words *w, vb_tokenizer *t, const unsigned char *z, size_t n,
                     int keepStems) {
  vb_token tok;
  int rc;
  w->n = 0;
  vb_buf_reset(&w->stems);
  if (keepStems && w->cap && w->aStem == NULL) {
    /* The list was grown without stems before: give it a stem array. */
    w->aStem = vb_malloc(w->cap * sizeof *w->aStem);
    if (w->aStem == NULL) return VB_NOMEM;
  }
  if (n > UINT32_MAX) return VB_ETOOBIG;
  vb_tok_reset(t, z, n);
  while ((rc = vb_tok_next(t, &tok)) == 1) {
    if (tok.kind != VB_TOK_WORD && tok.kind != VB_TOK_NUMBER) continue;
    if (w->n == w->cap && (rc = wordsGrow(w, keepStems)) != VB_OK) return rc;
    const char *zStem = tok.stem ? tok.stem : tok.norm;
    size_t nStem = tok.stem ? tok.nStem : tok.nNorm;
    if (zStem == NULL) {
      zStem = (const char *)z + tok.start;
      nStem = tok.end - tok.start;
    }
    vb_word *p = &w->a[w->n];
    p->h = (tok.hash & ~(uint64_t)1) | (tok.stop ? 1u : 0u);
    p->start = (uint32_t)tok.start;
    p->end = (uint32_t)tok.end;
    if (keepStems) {
      if (w->stems.n > UINT32_MAX - nStem - 1) return VB_ETOOBIG;
      w->aStem[w->n] = (uint32_t)w->stems.n;
      if ((rc = vb_buf_append(&w->stems, zStem, nStem)) != VB_OK) return rc;
      if ((rc = vb_buf_append(&w->stems, "", 1)) != VB_OK) return rc;
    }
    w->n++;
  }
  return rc < 0 ? rc : VB_OK;
}

