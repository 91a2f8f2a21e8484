/* SPDX-License-Identifier: MIT
 *
 * shingles.c -- the FNV-1a hash and word shingles (see verbatim/minhash.h).
 *
 * Shingles are n consecutive content words (stopwords dropped, so that
 * "the"/"a" edits do not break them; a text of stopwords only keeps all
 * its words).  A text with 1..n-1 such words has one shingle of all of
 * them.  Each shingle's text is its stems joined by ' ' and its hash the
 * FNV-1a hash of that text.  The iterator reads the tokenizer as it goes
 * and keeps a ring of the last n words: O(n) work per shingle, O(n)
 * memory.  A text whose first pass finds no content word is read again
 * with every word used.
 */
#include "verbatim/minhash.h"

#include <string.h>

uint64_t vb_fnv1a(uint64_t h, const void *z, size_t n) {
  const unsigned char *p = z;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= p[i];
    h *= VB_FNV_PRIME;
  }
  return h;
}

void vb_words_free(vb_words *w) {
  vb_free(w->a);
  memset(w, 0, sizeof *w);
}

/* ---- shingles ---------------------------------------------------------------- */

/* The next word the shingles use: 1 with tok filled, 0 at the end, or < 0. */
static int nextUsed(vb_shingle_iter *it, vb_token *tok) {
  int rc;
  while ((rc = vb_tok_next(it->t, tok)) == 1) {
    if (tok->kind != VB_TOK_WORD && tok->kind != VB_TOK_NUMBER) continue;
    if (tok->stop && !it->allWords) continue;
    return 1;
  }
  return rc;
}

int vb_shingle_open(vb_shingle_iter *it, vb_tokenizer *t, const unsigned char *z, size_t nz,
                    int n) {
  vb_token tok;
  int rc;
  memset(it, 0, sizeof *it);
  if (n < 1 || n > VB_MINHASH_MAX_N) return VB_EARG;
  it->t = t;
  it->n = n;
  /* Does the text have a content word?  Usually the first word answers. */
  vb_tok_reset(t, z, nz);
  rc = nextUsed(it, &tok);
  if (rc < 0) return rc;
  it->allWords = rc == 0;
  vb_tok_reset(t, z, nz);
  return VB_OK;
}

int vb_shingle_next(vb_shingle_iter *it, vb_shingle *out) {
  size_t len = (size_t)it->n, j;
  vb_token tok;
  int rc;
  if (it->done) return 0;
  for (;;) {
    rc = nextUsed(it, &tok);
    if (rc < 0) return rc;
    if (rc == 0) {
      it->done = 1;
      /* A text with 1..n-1 words: one shingle of them all. */
      if (it->have == 0 || it->have >= len) return 0;
      len = it->have;
      break;
    }
    const char *zStem = tok.stem ? tok.stem : tok.norm;
    size_t nStem = tok.stem ? tok.nStem : tok.nNorm;
    size_t k = it->have % len;
    vb_buf_reset(&it->aStem[k]);
    if (zStem && (rc = vb_buf_append(&it->aStem[k], zStem, nStem)) != VB_OK) return rc;
    it->aStart[k] = tok.start;
    it->aEnd[k] = tok.end;
    it->have++;
    if (it->have >= len) break;
  }
  /* The last len words, oldest first. */
  size_t first = it->have - len;
  vb_buf_reset(&it->text);
  for (j = 0; j < len; j++) {
    const vb_buf *b = &it->aStem[(first + j) % (size_t)it->n];
    if (j > 0 && (rc = vb_buf_append(&it->text, " ", 1)) != VB_OK) return rc;
    if (b->n && (rc = vb_buf_append(&it->text, b->z, b->n)) != VB_OK) return rc;
  }
  if (it->text.z == NULL && (rc = vb_buf_append(&it->text, "", 0)) != VB_OK) return rc;
  out->ord = ++it->ord;
  out->text = (const char *)it->text.z;
  out->nText = it->text.n;
  out->hash = vb_fnv1a(VB_FNV_OFFSET, it->text.z, it->text.n);
  out->start = it->aStart[first % (size_t)it->n];
  out->end = it->aEnd[(it->have - 1) % (size_t)it->n];
  return 1;
}

void vb_shingle_close(vb_shingle_iter *it) {
  int k;
  for (k = 0; k < VB_MINHASH_MAX_N; k++) vb_buf_free(&it->aStem[k]);
  vb_buf_free(&it->text);
  memset(it, 0, sizeof *it);
}
