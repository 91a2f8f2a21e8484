/* SPDX-License-Identifier: MIT
 *
 * base.c -- return codes, allocator hooks, SQLite-compatible UTF-8 stepping
 * and the growable buffer declared in include/verbatim/base.h.
 *
 * HOW IT WORKS
 * vb_utf8_step() first finds the extent of a unit by SQLite's rule (a lead
 * byte >= 0xC0 swallows every continuation byte after it), then asks
 * utf8proc_iterate() whether that extent is exactly one valid sequence.  So
 * spans the core reports always fall on boundaries that SQLite's substr()
 * agrees with, even inside invalid UTF-8.
 */
#include "verbatim/base.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const char *vb_errmsg(int rc) {
  switch (rc) {
    case VB_OK: return "not an error";
    case VB_NOMEM: return "out of memory";
    case VB_EUTF8: return "invalid UTF-8";
    case VB_ELANG: return "unknown language";
    case VB_EARG: return "argument out of range";
    case VB_ETOOBIG: return "result too big";
    case VB_ELIMIT: return "work limit exceeded";
    case VB_EREGEX: return "invalid regular expression";
    default: return "unknown error";
  }
}

static vb_mem g_mem; /* zero: libc */

void vb_mem_set(const vb_mem *pMem) {
  if (pMem) {
    g_mem = *pMem;
  } else {
    memset(&g_mem, 0, sizeof g_mem);
  }
}

void *vb_malloc(size_t n) {
  if (n == 0) n = 1;
  return g_mem.xMalloc ? g_mem.xMalloc(n) : malloc(n);
}

void *vb_realloc(void *p, size_t n) {
  if (n == 0) n = 1;
  if (p == NULL) return vb_malloc(n);
  return g_mem.xRealloc ? g_mem.xRealloc(p, n) : realloc(p, n);
}

void vb_free(void *p) {
  if (p == NULL) return;
  if (g_mem.xFree) {
    g_mem.xFree(p);
  } else {
    free(p);
  }
}

size_t vb_utf8_step(const unsigned char *z, size_t n, size_t i, int32_t *pCp) {
  unsigned char c = z[i];
  size_t j = i + 1;
  if (c < 0x80) {
    *pCp = c;
    return j;
  }
  if (c < 0xC0) { /* stray continuation byte: a unit of its own */
    *pCp = 0xFFFD;
    return j;
  }
  while (j < n && (z[j] & 0xC0) == 0x80) j++;
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t len = utf8proc_iterate(z + i, (utf8proc_ssize_t)(j - i), &cp);
  *pCp = (len == (utf8proc_ssize_t)(j - i) && cp >= 0) ? (int32_t)cp : 0xFFFD;
  return j;
}

size_t vb_utf8_prev(const unsigned char *z, size_t n, size_t i, int32_t *pCp) {
  size_t j = i - 1;
  if ((z[j] & 0xC0) == 0x80) {
    size_t k = j;
    while (k > 0 && (z[k] & 0xC0) == 0x80) k--;
    if (z[k] >= 0xC0) j = k; /* a lead byte swallows the run */
  }
  vb_utf8_step(z, n, j, pCp);
  return j;
}

size_t vb_utf8_count(const unsigned char *z, size_t n) {
  size_t count = 0, i = 0;
  while (i < n) {
    unsigned char c = z[i++];
    count++;
    if (c >= 0xC0) {
      while (i < n && (z[i] & 0xC0) == 0x80) i++;
    }
  }
  return count;
}

int vb_utf8_encode(int32_t cp, unsigned char *buf) {
  utf8proc_ssize_t len = utf8proc_encode_char(cp, buf);
  if (len <= 0) { /* not a valid code point: encode U+FFFD */
    len = utf8proc_encode_char(0xFFFD, buf);
  }
  return (int)len;
}

int vb_buf_reserve(vb_buf *b, size_t extra) {
  if (extra > SIZE_MAX / 2 - b->n) return VB_NOMEM;
  size_t need = b->n + extra + 1;
  if (need <= b->cap) return VB_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  unsigned char *z = vb_realloc(b->z, cap);
  if (z == NULL) return VB_NOMEM;
  b->z = z;
  b->cap = cap;
  return VB_OK;
}

int vb_buf_append(vb_buf *b, const void *p, size_t n) {
  if (vb_buf_reserve(b, n)) return VB_NOMEM;
  if (n) memcpy(b->z + b->n, p, n);
  b->n += n;
  b->z[b->n] = 0;
  return VB_OK;
}

int vb_buf_append_cp(vb_buf *b, int32_t cp) {
  unsigned char tmp[4];
  int len = vb_utf8_encode(cp, tmp);
  return vb_buf_append(b, tmp, (size_t)len);
}

void vb_buf_reset(vb_buf *b) {
  b->n = 0;
  if (b->z) b->z[0] = 0;
}

void vb_buf_free(vb_buf *b) {
  vb_free(b->z);
  b->z = NULL;
  b->n = b->cap = 0;
}

int vb_ascii_ieq(const char *z, size_t n, const char *zLit) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char a = (unsigned char)z[i], c = (unsigned char)zLit[i];
    if (c == 0) return 0;
    if (a >= 'A' && a <= 'Z') a += 32;
    if (c >= 'A' && c <= 'Z') c += 32;
    if (a != c) return 0;
  }
  return zLit[n] == 0;
}
