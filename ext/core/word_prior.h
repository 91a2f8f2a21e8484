/* SPDX-License-Identifier: MIT
 *
 * word_prior.h -- internal to the similarity module: the generated
 * word-weight and word-relation table of ext/core/word_prior_data.c (see
 * scripts/gen_word_prior.py for how it is made) and its hash, FNV-1a 32-bit
 * of the stem's bytes, which the generator uses too.
 */
#ifndef VB_WORD_PRIOR_H
#define VB_WORD_PRIOR_H

#include <stddef.h>
#include <stdint.h>

extern const unsigned vb_word_prior_size;         /* slots: a power of two */
extern const unsigned vb_word_prior_count;        /* stems */
extern const float vb_word_prior_default;         /* weight of an unseen stem */
extern const unsigned short vb_word_prior_slot[]; /* index + 1, 0 = empty */
extern const unsigned vb_word_prior_offset[];     /* stem i at text + offset[i] */
extern const float vb_word_prior_weight[];
extern const unsigned vb_word_prior_rel_start[]; /* count + 1 entries */
extern const unsigned vb_word_prior_rel[];       /* stem i's related stems, ascending:
                                                    rel[rel_start[i] .. rel_start[i + 1]) */
extern const uint64_t vb_word_prior_rel_mask[];  /* their filter (similarity.c, relBitIndex) */
extern const char vb_word_prior_text[]; /* NUL-separated stems */

static inline uint32_t vb_fnv1a32(const unsigned char *z, size_t n) {
  uint32_t h = 0x811C9DC5u;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= z[i];
    h *= 0x01000193u;
  }
  return h;
}

#endif
