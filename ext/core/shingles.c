/* SPDX-License-Identifier: MIT
 *
 * shingles.c -- the FNV-1a hash and word shingles (see verbatim/minhash.h).
 *
 * Shingles are n consecutive content words (stopwords dropped, so that
 * "the"/"a" edits do not break them; a text of stopwords only keeps all
 * its words).  A text with 1..n-1 such words has one shingle of all of
 * them.  Each shingle's text is its stems joined by ' ' and its hash the
 * FNV-1a hash of that text.  O(n) work per shingle.
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
  vb_free(w->aStem);
  vb_buf_free(&w->stems);
  memset(w, 0, sizeof *w);
}

/* ---- shingles ---------------------------------------------------------------- */

int vb_shingle_open(vb_shingle_iter *it, const vb_words *w, int n) {
  size_t k, m = 0;
  memset(it, 0, sizeof *it);
  if (n < 1 || n > VB_MINHASH_MAX_N) return VB_EARG;
  it->w = w;
  it->n = n;
  if (w->n == 0) return VB_OK;
  it->aUse = vb_malloc(w->n * sizeof *it->aUse);
  if (it->aUse == NULL) return VB_NOMEM;
  for (k = 0; k < w->n; k++) {
    if (!VB_WORD_STOP(&w->a[k])) it->aUse[m++] = k;
  }
  if (m == 0) {
    it->allWords = 1;
    for (k = 0; k < w->n; k++) it->aUse[k] = k;
    m = w->n;
  }
  it->count = m;
  return VB_OK;
}

int vb_shingle_next(vb_shingle_iter *it, vb_shingle *out) {
  size_t len = (size_t)it->n, j;
  int rc;
  if (it->count == 0) return 0;
  if (it->count < len) {
    if (it->next > 0) return 0; /* the single short shingle was given */
    len = it->count;
  } else if (it->next + len > it->count) {
    return 0;
  }
  vb_buf_reset(&it->text);
  for (j = 0; j < len; j++) {
    size_t k = it->aUse[it->next + j];
    const char *zStem = (const char *)it->w->stems.z + it->w->aStem[k];
    if (j > 0 && (rc = vb_buf_append(&it->text, " ", 1)) != VB_OK) return rc;
    if ((rc = vb_buf_append(&it->text, zStem, strlen(zStem))) != VB_OK) return rc;
  }
  out->ord = it->next + 1;
  out->text = (const char *)it->text.z;
  out->nText = it->text.n;
  out->hash = vb_fnv1a(VB_FNV_OFFSET, it->text.z, it->text.n);
  out->first = it->aUse[it->next];
  out->last = it->aUse[it->next + len - 1];
  it->next++;
  return 1;
}

void vb_shingle_close(vb_shingle_iter *it) {
  vb_free(it->aUse);
  vb_buf_free(&it->text);
  memset(it, 0, sizeof *it);
}
