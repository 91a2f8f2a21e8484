/* SPDX-License-Identifier: MIT
 *
 * sentences.c -- PLACEHOLDER until the segmentation work lands: the whole
 * document is one sentence.
 */
#include "verbatim/sentences.h"

struct vb_sent_iter {
  const unsigned char *z;
  size_t n;
  int done;
};

int vb_sent_open(vb_sent_iter **pp, const unsigned char *z, size_t n, const vb_lang *lang) {
  (void)lang;
  *pp = vb_malloc(sizeof **pp);
  if (*pp == NULL) return VB_NOMEM;
  (*pp)->z = z;
  (*pp)->n = n;
  (*pp)->done = 0;
  return VB_OK;
}

int vb_sent_next(vb_sent_iter *p, vb_sentence *out) {
  if (p->done || p->n == 0) return 0;
  p->done = 1;
  out->start = 0;
  out->end = p->n;
  out->ord = 1;
  out->paragraph = 1;
  return 1;
}

void vb_sent_close(vb_sent_iter *p) { vb_free(p); }

const char *vb_sent_unicode_version(void) { return "none"; }
