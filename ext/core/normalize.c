/* SPDX-License-Identifier: MIT
 *
 * normalize.c -- Unicode normalization (NFC, NFD, NFKC, NFKD) and the
 * 'fold' form used for matching, with every byte allocated through
 * vb_malloc (see include/verbatim/tokens.h for the API).
 *
 * HOW IT WORKS
 * The input is read one SQLite unit at a time (vb_utf8_next: an invalid
 * unit is U+FFFD).  Each code point is decomposed with
 * utf8proc_decompose_char() into a pending chunk of UTF-32 code points:
 *   nfd   canonical decomposition          nfc   the same, then composed
 *   nfkd  compatibility decomposition      nfkc  the same, then composed
 *   fold  nfkc plus full case folding (ß -> ss, Σ -> σ) and removal of
 *         default-ignorable code points (soft hyphen, ZWJ/ZWNJ, variation
 *         selectors); then quote marks ‘ ’ ‚ ‛ ‹ › ʼ become ', “ ” „ ‟ « »
 *         become ", dashes ‐ ‑ ‒ – — ― − become -, every white space
 *         character (and ZERO WIDTH SPACE, which separates words in
 *         tokens()) becomes a space, runs of white space collapse to one
 *         space and leading and trailing white space is trimmed.
 * A chunk is put in canonical order (a stable sort of each run of
 * non-starters by combining class: insertion sort for short runs, a
 * counting sort for long ones, so it is linear), composed with
 * utf8proc_normalize_utf32(COMPOSE) when the form composes, and encoded
 * into the output buffer.
 *
 * Chunks are cut only where nothing before the cut can interact with
 * anything after it: before a code point with combining class 0 that is not
 * a combining mark (Mn, Mc, Me) and not a conjoining Hangul vowel or
 * trailing consonant (no canonical composition has such a code point as
 * its second element, and canonical ordering never crosses a starter).  A
 * chunk is cut at the first such point after 1024 code points, so the
 * result is exact and the pass linear.  Memory is bounded by the longest
 * run without such a point: only a single combining sequence (a base and
 * its marks) can be longer than 1024 code points, and its working copy
 * takes 4 bytes per code point.
 *
 * Mostly-ASCII text takes a fast path: an ASCII character followed by
 * another ASCII character is written straight to the output.
 */
#include "verbatim/tokens.h"

#include <string.h>
#include <utf8proc.h>

#define CHUNK_TARGET 1024 /* cut at the next safe point after this many code points */
#define DECOMP_ROOM 64    /* room for one code point's decomposition (max is 18) */

typedef struct norm_state {
  utf8proc_option_t dopt; /* decomposition options */
  int compose;            /* compose after ordering */
  int fold;               /* fold mapping, white space collapsing and trimming */
  vb_buf *out;
  vb_buf *scratch;  /* pending chunk, as int32_t code points */
  size_t nCp;       /* code points in the chunk */
  int pendingSpace; /* fold: a white space run waits to be written as ' ' */
  int emitted;      /* fold: something other than white space was written */
} norm_state;

static int isWhiteSpace(int32_t cp) {
  if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
  if (cp < 0x85) return 0;
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* The fold form's unification of quote marks and dashes (after NFKC). */
static int32_t foldUnify(int32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2039:
    case 0x203A:
    case 0x02BC: return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB: return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212: return '-';
    default: return cp;
  }
}

static int32_t *chunkAt(norm_state *st) { return (int32_t *)st->scratch->z; }

static int chunkReserve(norm_state *st, size_t extra) {
  size_t needBytes = (st->nCp + extra) * sizeof(int32_t) + 1;
  vb_buf *b = st->scratch;
  if (needBytes <= b->cap) return VB_OK;
  b->n = 0; /* the buffer holds int32 values, not bytes: only its capacity matters */
  return vb_buf_reserve(b, needBytes);
}

/* Stable sort of a[0..n) by combining class (a run of non-starters). */
static int orderRun(int32_t *a, size_t n) {
  size_t i, j;
  if (n <= 32) {
    for (i = 1; i < n; i++) {
      int32_t c = a[i];
      int cc = utf8proc_get_property(c)->combining_class;
      for (j = i; j > 0 && utf8proc_get_property(a[j - 1])->combining_class > cc; j--) {
        a[j] = a[j - 1];
      }
      a[j] = c;
    }
    return VB_OK;
  }
  /* Counting sort: linear for long runs. */
  size_t count[257];
  int32_t *tmp = vb_malloc(n * sizeof(int32_t));
  if (tmp == NULL) return VB_NOMEM;
  memset(count, 0, sizeof count);
  for (i = 0; i < n; i++) count[utf8proc_get_property(a[i])->combining_class + 1]++;
  for (i = 1; i < 257; i++) count[i] += count[i - 1];
  for (i = 0; i < n; i++) tmp[count[utf8proc_get_property(a[i])->combining_class]++] = a[i];
  memcpy(a, tmp, n * sizeof(int32_t));
  vb_free(tmp);
  return VB_OK;
}

/* Order, compose and encode the pending chunk into the output. */
static int flushChunk(norm_state *st) {
  int32_t *a = chunkAt(st);
  size_t n = st->nCp, i = 0, k;
  if (n == 0) return VB_OK;
  while (i < n) {
    if (utf8proc_get_property(a[i])->combining_class == 0) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && utf8proc_get_property(a[j])->combining_class != 0) j++;
    if (j - i > 1 && orderRun(a + i, j - i)) return VB_NOMEM;
    i = j;
  }
  if (st->compose) {
    /* STABLE: composition exclusions are never composed. */
    utf8proc_ssize_t m =
        utf8proc_normalize_utf32(a, (utf8proc_ssize_t)n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (m >= 0) n = (size_t)m;
  }
  if (vb_buf_reserve(st->out, n * 4)) return VB_NOMEM;
  unsigned char *w = st->out->z + st->out->n;
  for (k = 0; k < n; k++) w += vb_utf8_encode(a[k], w);
  st->out->n = (size_t)(w - st->out->z);
  st->out->z[st->out->n] = 0;
  st->nCp = 0;
  return VB_OK;
}

/* A chunk may be cut just before cp (see HOW IT WORKS). */
static int safeCut(int32_t cp) {
  if (cp < 0x80) return 1;
  if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF)) return 0;
  const utf8proc_property_t *p = utf8proc_get_property(cp);
  return p->combining_class == 0 && p->category != UTF8PROC_CATEGORY_MN &&
         p->category != UTF8PROC_CATEGORY_MC && p->category != UTF8PROC_CATEGORY_ME;
}

/* Append one decomposed code point to the chunk (room was reserved). */
static void putCp(norm_state *st, int32_t cp) {
  if (st->fold) {
    cp = foldUnify(cp);
    if (isWhiteSpace(cp)) {
      if (st->emitted) st->pendingSpace = 1;
      return;
    }
    if (st->pendingSpace) {
      chunkAt(st)[st->nCp++] = ' ';
      st->pendingSpace = 0;
    }
    st->emitted = 1;
  }
  chunkAt(st)[st->nCp++] = cp;
}

/* Decompose cp and append the result to the chunk, cutting first when the
 * chunk is long enough and the cut is safe. */
static int addCp(norm_state *st, int32_t cp) {
  int32_t tmp[DECOMP_ROOM];
  int bound = 0;
  /* fold: ZERO WIDTH SPACE is default-ignorable, but tokens() separates
   * words at it (Thai, Khmer, ...), so it is white space here too. */
  if (st->fold && cp == 0x200B) cp = ' ';
  utf8proc_ssize_t m = utf8proc_decompose_char(cp, tmp, DECOMP_ROOM, st->dopt, &bound);
  utf8proc_ssize_t k;
  if (m < 0 || m > DECOMP_ROOM) { /* cannot happen for valid code points */
    tmp[0] = 0xFFFD;
    m = 1;
  }
  if (m == 0) return VB_OK;
  if (st->nCp >= CHUNK_TARGET && safeCut(tmp[0])) {
    if (flushChunk(st)) return VB_NOMEM;
  }
  if (chunkReserve(st, (size_t)m + 1)) return VB_NOMEM; /* +1: a pending space */
  for (k = 0; k < m; k++) putCp(st, tmp[k]);
  return VB_OK;
}

/* The fast path: one ASCII byte straight to the output (the chunk is empty). */
static int putAsciiDirect(norm_state *st, unsigned char c) {
  if (st->fold) {
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
      if (st->emitted) st->pendingSpace = 1;
      return VB_OK;
    }
    if (c >= 'A' && c <= 'Z') c += 32;
    if (st->pendingSpace) {
      if (vb_buf_append(st->out, " ", 1)) return VB_NOMEM;
      st->pendingSpace = 0;
    }
    st->emitted = 1;
  }
  if (st->out->n + 1 < st->out->cap) {
    st->out->z[st->out->n++] = c;
    st->out->z[st->out->n] = 0;
    return VB_OK;
  }
  return vb_buf_append(st->out, &c, 1);
}

int vb_normalize_buf(const unsigned char *z, size_t n, vb_norm_form form, vb_buf *out,
                     vb_buf *scratch) {
  norm_state st;
  size_t i = 0;
  memset(&st, 0, sizeof st);
  st.out = out;
  st.scratch = scratch;
  switch (form) {
    case VB_NORM_NFC:
      st.dopt = UTF8PROC_DECOMPOSE;
      st.compose = 1;
      break;
    case VB_NORM_NFD: st.dopt = UTF8PROC_DECOMPOSE; break;
    case VB_NORM_NFKC:
      st.dopt = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
      st.compose = 1;
      break;
    case VB_NORM_NFKD: st.dopt = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
    case VB_NORM_FOLD:
      st.dopt = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
      st.compose = 1;
      st.fold = 1;
      break;
    default: return VB_EARG;
  }
  if (vb_buf_reserve(out, n)) return VB_NOMEM; /* usually enough: one growth at most */
  while (i < n) {
    int32_t cp;
    size_t j = vb_utf8_next(z, n, i, &cp);
    if (cp < 0x80 && (j == n || z[j] < 0x80)) {
      /* ASCII followed by ASCII: nothing can combine with it. */
      if (st.nCp && flushChunk(&st)) return VB_NOMEM;
      if (putAsciiDirect(&st, (unsigned char)cp)) return VB_NOMEM;
    } else if (addCp(&st, cp)) {
      return VB_NOMEM;
    }
    i = j;
  }
  if (flushChunk(&st)) return VB_NOMEM;
  if (out->z == NULL && vb_buf_reserve(out, 0)) return VB_NOMEM;
  out->z[out->n] = 0;
  return VB_OK;
}

int vb_normalize(const unsigned char *z, size_t n, vb_norm_form form, vb_buf *out) {
  vb_buf scratch = {0};
  int rc = vb_normalize_buf(z, n, form, out, &scratch);
  vb_buf_free(&scratch);
  return rc;
}
