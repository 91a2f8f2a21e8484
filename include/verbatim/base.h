/* SPDX-License-Identifier: MIT
 *
 * verbatim/base.h -- the foundation every part of the pure-C core shares:
 * return codes, the allocator hooks, SQLite-compatible UTF-8 stepping and a
 * growable byte buffer.  No SQLite header is ever included by the core.
 *
 * Offsets in the core are BYTE offsets into the caller's UTF-8 input.  The
 * SQLite binding turns them into 1-based character positions.
 *
 * Invalid UTF-8: the core steps through text exactly as SQLite's length() and
 * substr() do, so that every span it reports starts and ends on a character
 * boundary that SQLite agrees with.  A "unit" is
 *   - one byte below 0xC0 (ASCII, or a stray continuation byte), or
 *   - one byte 0xC0..0xFF followed by every continuation byte (0x80..0xBF)
 *     after it.
 * A unit that is a valid UTF-8 sequence decodes to its code point; any other
 * unit decodes to U+FFFD.  For valid UTF-8 this is ordinary decoding.
 *
 * Thread-safety: everything here is reentrant.  vb_mem_set() must be called
 * before any other thread uses the core (the SQLite binding calls it from its
 * init function with the same hooks every time).
 */
#ifndef VERBATIM_BASE_H
#define VERBATIM_BASE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef VB_API
#define VB_API
#endif

/* Return codes.  Zero is success; errors are negative. */
typedef enum vb_rc {
  VB_OK = 0,
  VB_NOMEM = -1,   /* an allocation failed */
  VB_EUTF8 = -2,   /* reserved: the core accepts any bytes */
  VB_ELANG = -3,   /* unknown or unsupported language code */
  VB_EARG = -4,    /* an argument is out of its documented range */
  VB_ETOOBIG = -5, /* a result would exceed a documented size bound */
  VB_ELIMIT = -6,  /* a match or work limit was hit (e.g. PCRE2 limits) */
  VB_EREGEX = -7   /* a regular expression did not compile */
} vb_rc;

/* A static English description of a vb_rc; never NULL. */
VB_API const char *vb_errmsg(int rc);

/* ---- allocator hooks ------------------------------------------------------
 * Every allocation the core makes (including the ones it asks PCRE2 to make)
 * goes through these.  NULL members mean libc.  xRealloc(p, 0) is never
 * called; vb_free(NULL) is a no-op. */
typedef struct vb_mem {
  void *(*xMalloc)(size_t n);
  void *(*xRealloc)(void *p, size_t n);
  void (*xFree)(void *p);
} vb_mem;

/* Install allocator hooks (NULL restores libc).  Not thread-safe: call once,
 * before other threads use the core. */
VB_API void vb_mem_set(const vb_mem *pMem);
VB_API void *vb_malloc(size_t n);
VB_API void *vb_realloc(void *p, size_t n);
VB_API void vb_free(void *p);

/* ---- UTF-8 ---------------------------------------------------------------- */

/* Step one unit (see above) of z[i..n), i < n.  Stores the code point (or
 * 0xFFFD) in *pCp and returns the offset just past the unit. */
VB_API size_t vb_utf8_step(const unsigned char *z, size_t n, size_t i, int32_t *pCp);

/* Inline fast path for ASCII; falls back to vb_utf8_step. */
static inline size_t vb_utf8_next(const unsigned char *z, size_t n, size_t i, int32_t *pCp) {
  if (z[i] < 0x80) {
    *pCp = z[i];
    return i + 1;
  }
  return vb_utf8_step(z, n, i, pCp);
}

/* 3 if z[0..n) starts with a UTF-8 byte order mark (U+FEFF), else 0: the
 * bytes a document's first sentence, quotation or turn label skips. */
static inline size_t vb_utf8_bom_len(const unsigned char *z, size_t n) {
  return n >= 3 && z[0] == 0xEF && z[1] == 0xBB && z[2] == 0xBF ? 3 : 0;
}

/* Offset of the start of the unit that ends at byte i (i > 0): steps back
 * over continuation bytes exactly as far as the SQLite unit rule allows. */
VB_API size_t vb_utf8_prev(const unsigned char *z, size_t n, size_t i, int32_t *pCp);

/* Number of units (SQLite characters) in z[0..n). */
VB_API size_t vb_utf8_count(const unsigned char *z, size_t n);

/* Append the UTF-8 encoding of cp (0..0x10FFFF) to buf; returns bytes (1-4). */
VB_API int vb_utf8_encode(int32_t cp, unsigned char *buf);

/* ---- growable byte buffer ---------------------------------------------------
 * A zeroed vb_buf is empty and owns nothing.  z is NUL-terminated after any
 * successful append.  vb_buf_free() releases it and makes it empty again. */
typedef struct vb_buf {
  unsigned char *z;
  size_t n;   /* bytes used, excluding the terminating NUL */
  size_t cap; /* bytes allocated */
} vb_buf;

VB_API int vb_buf_reserve(vb_buf *b, size_t extra); /* VB_OK or VB_NOMEM */
VB_API int vb_buf_append(vb_buf *b, const void *p, size_t n);
VB_API int vb_buf_append_cp(vb_buf *b, int32_t cp);
VB_API void vb_buf_reset(vb_buf *b); /* n = 0, keeps the allocation */
VB_API void vb_buf_free(vb_buf *b);

/* Case-insensitive ASCII comparison of z[0..n) with the NUL-terminated zLit. */
VB_API int vb_ascii_ieq(const char *z, size_t n, const char *zLit);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_BASE_H */
