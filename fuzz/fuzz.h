/* SPDX-License-Identifier: MIT
 *
 * fuzz.h -- helpers shared by the libFuzzer targets in fuzz/.
 *
 * A target is one small file fuzz/fuzz_NAME.c defining
 * LLVMFuzzerTestOneInput(); the Makefile builds every fuzz/fuzz_*.c with
 * clang -fsanitize=fuzzer,address,undefined against the static build, and
 * fuzz/run.sh runs each one.  Inputs are cut up with the fz_* readers (which
 * never fail: past the end they return zeros and empty spans), so every
 * byte string is a valid input.  FZ_ASSERT turns a broken invariant into a
 * crash the fuzzer reports, with the input saved as crash-*.
 */
#ifndef VB_FUZZ_H
#define VB_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verbatim/core.h"

/* FZ_NO_COVERAGE: leave a function (a slow reference implementation) out of
 * the fuzzer's coverage feedback.  Only clang knows the attribute; gcc, which
 * builds the replay programs for make coverage, gets nothing. */
#if defined(__clang__)
#define FZ_NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define FZ_NO_COVERAGE
#endif

#define FZ_ASSERT(cond)                                                          \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "invariant broken at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      abort();                                                                   \
    }                                                                            \
  } while (0)

typedef struct fz {
  const uint8_t *p;
  size_t n;
} fz;

static inline uint8_t fz_byte(fz *f) {
  if (f->n == 0) return 0;
  f->n--;
  return *f->p++;
}

static inline unsigned fz_u16(fz *f) {
  unsigned hi = fz_byte(f);
  return (hi << 8) | fz_byte(f);
}

/* The next span of up to nMax bytes, its length read from two bytes. */
static inline const unsigned char *fz_span(fz *f, size_t nMax, size_t *pn) {
  size_t n = fz_u16(f);
  if (n > f->n) n = f->n;
  if (n > nMax) n = nMax;
  *pn = n;
  const unsigned char *z = f->p;
  f->p += n;
  f->n -= n;
  return z;
}

/* Everything left. */
static inline const unsigned char *fz_rest(fz *f, size_t *pn) {
  const unsigned char *z = f->p;
  *pn = f->n;
  f->p += f->n;
  f->n = 0;
  return z;
}

/* A language chosen by one byte: every supported one, and NULL ("und"). */
static inline const vb_lang *fz_lang(fz *f) {
  unsigned k = fz_byte(f) % (VB_LANG_COUNT + 1);
  return k == VB_LANG_COUNT ? NULL : vb_lang_get((vb_lang_id)k);
}

/* 1 if byte offset b of z[0..n) starts a unit by SQLite's rule (see
 * verbatim/base.h), i.e. substr() can start or end there. */
static inline int fz_on_boundary(const unsigned char *z, size_t n, size_t b) {
  if (b == 0 || b >= n || (z[b] & 0xC0) != 0x80) return 1;
  size_t k = b;
  while (k > 0 && (z[k - 1] & 0xC0) == 0x80) k--;
  /* z[k..b] are continuation bytes; a lead byte before them swallows them. */
  return !(k > 0 && z[k - 1] >= 0xC0);
}

/* A copy of z[0..n) in its own allocation, so ASan sees reads past the end. */
static inline unsigned char *fz_dup(const unsigned char *z, size_t n) {
  unsigned char *p = malloc(n ? n : 1);
  if (p && n) memcpy(p, z, n);
  return p;
}

#endif
