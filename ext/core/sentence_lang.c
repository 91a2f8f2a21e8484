/* SPDX-License-Identifier: MIT
 *
 * sentence_lang.c -- language knowledge on top of UAX #29 (in progress).
 */
#include "sentence_lang.h"

#include <string.h>

void vb_sent_lang_init(vb_sent_lang *p, vb_lang_id id, const unsigned char *z, size_t n) {
  memset(p, 0, sizeof *p);
  p->id = id;
  p->z = z;
  p->n = n;
}

size_t vb_sent_lang_next(vb_sent_lang *p, size_t s) {
  vb_sent_uax info;
  return vb_sent_uax_scan(p->z, p->n, s, &info);
}
