/* SPDX-License-Identifier: MIT
 *
 * sentence_break.h -- private to ext/core: the Unicode Sentence_Break
 * classes (UAX #29 table 4) and the generated two-stage lookup table
 * (sentence_break_data.c, made by scripts/gen_sentence_break.py).
 */
#ifndef VB_SENTENCE_BREAK_H
#define VB_SENTENCE_BREAK_H

#include <stddef.h>
#include <stdint.h>

/* The order matches CLASSES in scripts/gen_sentence_break.py. */
enum {
  VB_SB_OTHER = 0,
  VB_SB_CR,
  VB_SB_LF,
  VB_SB_EXTEND,
  VB_SB_SEP,
  VB_SB_FORMAT,
  VB_SB_SP,
  VB_SB_LOWER,
  VB_SB_UPPER,
  VB_SB_OLETTER,
  VB_SB_NUMERIC,
  VB_SB_ATERM,
  VB_SB_SCONTINUE,
  VB_SB_STERM,
  VB_SB_CLOSE
};

extern const char vb_sb_unicode_version[];
extern const uint16_t vb_sb_stage1[];
extern const uint8_t vb_sb_stage2[];

/* The Sentence_Break class of code point cp (0..0x10FFFF). */
static inline int vb_sb_class(int32_t cp) {
  if (cp < 0 || cp > 0x10FFFF) return VB_SB_OTHER;
  return vb_sb_stage2[(size_t)vb_sb_stage1[cp >> 7] * 128 + (cp & 127)];
}

#endif /* VB_SENTENCE_BREAK_H */
