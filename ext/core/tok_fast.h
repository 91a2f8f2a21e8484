/* SPDX-License-Identifier: MIT
 *
 * tok_fast.h -- the tokenizer's state and its ASCII fast path, shared by
 * tokens.c and the hot loops of its callers (core-internal).
 *
 * vb_tok_next_quick() is vb_tok_next() for the common case, inlined where
 * it is called (similarity.c's word loops): an ASCII word or number of 1 to
 * 15 bytes, at least 8 (16 for a word of 8 or more bytes) bytes of text
 * from its start, nothing after it that
 * could join, and for a word its stem already in the tokenizer's cache.  It
 * scans, lowercases and hashes the token in two 8-byte registers (SWAR),
 * finds the cache entry and fills the token exactly as vb_tok_next would;
 * it also steps over white space and (for VB_TOK_WORDS_ONLY) one-character
 * ASCII punctuation tokens, and hands anything else to vb_tok_next, which
 * goes on from there.  tests/unit/test_tok_fastpath.c
 * checks the two give the same tokens.  It needs a tokenizer made with
 * VB_TOK_WANT_STEM and a stemmer; otherwise it always defers.
 */
#ifndef VERBATIM_TOK_FAST_H
#define VERBATIM_TOK_FAST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "verbatim/base.h"
#include "verbatim/tokens.h"

struct sb_stemmer;

/* Joiner rules (see HOW IT WORKS). */
enum { J_NONE = 0, J_APOS, J_HYPHEN, J_PERIOD, J_COMMA, J_MIDDOT, J_CONNECT };

/* For the ASCII fast path, by byte: 1 letter, 2 digit, 4 white space or
 * control, 0 anything else (punctuation, symbols, bytes >= 0x80). */
static const unsigned char kFast[256] = {
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 4};

/* The joiner an ASCII byte (< 0x80) is: a table, not a switch, so the
 * bytes that end words (space, comma, period) cost no mispredicted branch. */
static const unsigned char kJoinAscii[128] = {
    ['\''] = J_APOS, ['-'] = J_HYPHEN, ['.'] = J_PERIOD, [','] = J_COMMA, ['_'] = J_CONNECT};

static inline int asciiJoin(unsigned char c) {
  return kJoinAscii[c & 0x7F];
}

/* ---- the stem cache ---- */

#define CACHE_KEY_MAX 255          /* longer norms or stems are not cached */

/* One slot of the open-addressing table; nNorm == 0 marks an empty slot
 * (a norm is never empty). */
typedef struct stem_entry {
  uint64_t hNorm;
  uint64_t hStem;
  uint64_t head; /* the first 8 bytes of norm, zero-padded: short keys compare here */
  uint32_t off;  /* norm at arena + off, zero-padded to PAD8(nNorm), then stem, NUL */
  uint8_t nNorm, nStem;
  uint8_t stop;
} stem_entry;

struct vb_tokenizer {
  const vb_lang *lang;
  unsigned flags;
  struct sb_stemmer *sb;     /* NULL: stem = norm */
  const char *const *aElide; /* elided words of the language, or NULL */
  const unsigned char *z;
  size_t n, pos;
  vb_buf norm;    /* the current token's norm */
  vb_buf scratch; /* vb_normalize_buf's working buffer */
  vb_buf stemPad; /* an uncached stem, with 16 readable bytes */
  uint32_t *userWord; /* the last token's cache entry's user word, or NULL */
  /* cache */
  stem_entry *aSlot; /* nSlot slots */
  size_t nSlot;      /* power of two, or 0 before first use */
  size_t nEnt, maxEnt;
  vb_buf arena;
};

/* x with its bytes in little-endian order (a no-op on little-endian hosts). */
static inline uint64_t le64(uint64_t x) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return __builtin_bswap64(x);
#else
  return x;
#endif
}

/* The hash: 8-byte little-endian words mixed multiplicatively, the last
 * word zero-padded, then a final avalanche.  The same on every host. */
static inline uint64_t hashMix(uint64_t h, uint64_t w) {
  h ^= w;
  h *= 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}

static inline uint64_t hashInit(size_t n) {
  return 0x243F6A8885A308D3ULL ^ ((uint64_t)n * 0xD6E8FEB86659FD93ULL);
}

static inline uint64_t hashFinal(uint64_t h) {
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ULL;
  return h ^ (h >> 32);
}

/* Padded length: strings in the cache arena and the norm buffer are
 * followed by zeros up to a multiple of 8, so keys compare by words. */
#define PAD8(n) (((n) + 8) & ~(size_t)7)

static inline int keyEq(const unsigned char *a, const unsigned char *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i += 8) {
    uint64_t x, y;
    memcpy(&x, a + i, 8);
    memcpy(&y, b + i, 8);
    if (x != y) return 0;
  }
  return 1;
}

/* The slot holding norm z[0..n) (padded), or the empty slot where it goes. */
static inline stem_entry *cacheFind(const vb_tokenizer *t, const unsigned char *z, size_t n,
                                    uint64_t h) {
  size_t s = (size_t)h & (t->nSlot - 1);
  uint64_t head;
  memcpy(&head, z, 8);
  for (;;) {
    stem_entry *e = &t->aSlot[s];
    if (e->nNorm == 0) return e;
    if (e->hNorm == h && e->nNorm == n && e->head == head &&
        (n <= 8 || keyEq(t->arena.z + e->off + 8, z + 8, n - 8))) {
      return e;
    }
    s = (s + 1) & (t->nSlot - 1);
  }
}

#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL

/* Classifies the 8 bytes of x (little-endian order): 0x80 in each byte that
 * is an ASCII letter goes to *pLetter; returns 0x80 in each byte that is
 * neither an ASCII letter nor a digit (bytes >= 0x80 included). */
static inline uint64_t swarNonWord(uint64_t x, uint64_t *pLetter) {
  uint64_t x7 = x & ~HIGH8, lw = x7 | (0x20 * ONES8), ascii7 = ~x & HIGH8;
  uint64_t letter = (lw + (0x80 - 'a') * ONES8) & ~(lw + (0x7F - 'z') * ONES8) & ascii7;
  uint64_t digit = (x7 + (0x80 - '0') * ONES8) & ~(x7 + (0x7F - '9') * ONES8) & ascii7;
  *pLetter = letter;
  return ~(letter | digit) & HIGH8;
}

/* 0x80 in each byte of x (all below 0x80) that is 'A'..'Z'. */
static inline uint64_t upperBits(uint64_t x) {
  return ((x + 0x3F3F3F3F3F3F3F3FULL) & ~(x + 0x2525252525252525ULL)) & HIGH8;
}

/* Does an ASCII run of letters and digits that stops at z[j] end the token
 * there?  Yes at the end of the text, at an ASCII byte that is not a
 * joiner, or at a joiner followed by the end of the text or by an ASCII
 * byte that is neither letter nor digit (every join rule needs one after
 * the joiner).  0 means "let scanToken decide" (bytes >= 0x80, or a join
 * that may hold). */
static inline int asciiWordEnds(const unsigned char *z, size_t n, size_t j) {
  if (j >= n) return 1;
  unsigned char b = z[j];
  if (b >= 0x80) return 0;
  if (asciiJoin(b) == J_NONE || j + 1 >= n) return 1;
  return ((kFast[z[j + 1]] & 3) == 0) & (z[j + 1] < 0x80);
}

/* See the header comment. */
static inline __attribute__((always_inline)) int vb_tok_next_quick(vb_tokenizer *t,
                                                                    vb_token *out) {
  const unsigned char *z = t->z;
  size_t n = t->n, i = t->pos;
  for (;;) {
    while (i < n && kFast[z[i]] == 4) i++; /* ASCII white space */
    /* Skip what vb_tok_next would skip for VB_TOK_WORDS_ONLY: a token of
     * one ASCII punctuation or symbol character (no marks can follow
     * when the next byte is ASCII too). */
    if (i + 1 < n && kFast[z[i]] == 0 && z[i] < 0x80 && z[i + 1] < 0x80 &&
        (t->flags & VB_TOK_WORDS_ONLY)) {
      i++;
      continue;
    }
    break;
  }
  t->pos = i; /* vb_tok_next goes on from here as it would have */
  if (n - i < 8 || (t->flags & 0x03) != 0x03 || t->sb == NULL || t->nSlot == 0 ||
      !(kFast[z[i]] & 3)) {
    return vb_tok_next(t, out);
  }
  uint64_t x, y = 0, keep;
  size_t len;
  int isWord;
  memcpy(&x, z + i, 8);
  x = le64(x);
  uint64_t letter, other = swarNonWord(x, &letter);
  if (other) { /* 1 to 7 bytes */
    len = (size_t)__builtin_ctzll(other) >> 3;
    keep = ~(uint64_t)0 >> (8 * (8 - len));
    x &= keep;
    isWord = (letter & keep) != 0;
  } else { /* 8 to 15 bytes */
    if (n - i < 16) return vb_tok_next(t, out);
    memcpy(&y, z + i + 8, 8);
    y = le64(y);
    uint64_t letter2, other2 = swarNonWord(y, &letter2);
    if (!other2) return vb_tok_next(t, out);
    size_t len2 = (size_t)__builtin_ctzll(other2) >> 3;
    len = 8 + len2;
    keep = len2 ? ~(uint64_t)0 >> (8 * (8 - len2)) : 0;
    y &= keep;
    isWord = letter != 0 || (letter2 & keep) != 0;
  }
  if (!asciiWordEnds(z, n, i + len)) return vb_tok_next(t, out);
  x |= upperBits(x) >> 2;
  y |= upperBits(y) >> 2;
  uint64_t h = hashMix(hashInit(len), x);
  if (len > 8) h = hashMix(h, y);
  h = hashFinal(h);
  uint64_t xs = le64(x), ys = le64(y), zero = 0;
  unsigned char *w = t->norm.z;
  memcpy(w, &xs, 8);
  memcpy(w + 8, &ys, 8);
  memcpy(w + 16, &zero, 8);
  if (isWord) {
    const stem_entry *e = cacheFind(t, w, len, h);
    if (e->nNorm == 0) return vb_tok_next(t, out); /* a miss: the stemmer runs there */
    const unsigned char *zStem = t->arena.z + e->off + PAD8(e->nNorm);
    out->stem = (const char *)zStem;
    out->nStem = e->nStem;
    out->stop = e->stop;
    out->hash = e->hStem;
    t->userWord = (uint32_t *)(zStem + PAD8(e->nStem));
  } else {
    out->stem = (const char *)w;
    out->nStem = len;
    out->stop = 0;
    out->hash = h;
    t->userWord = NULL;
  }
  t->norm.n = len;
  t->pos = i + len;
  out->start = i;
  out->end = i + len;
  out->kind = isWord ? VB_TOK_WORD : VB_TOK_NUMBER;
  out->norm = (const char *)w;
  out->nNorm = len;
  return 1;
}

#endif
