/* SPDX-License-Identifier: MIT
 *
 * sentences.c -- sentence segmentation: Unicode UAX #29 sentence boundaries
 * as a streaming scanner, with per-language knowledge (sentence_lang.c)
 * deciding which boundaries to keep and where to add some.
 *
 * UAX #29 (Unicode 15.0, rules SB1-SB998) as a forward scanner
 * (vb_sent_uax_next):
 *   - the hot loop skips ASCII bytes that cannot matter (anything but
 *     . ! ? CR LF) with one table load per byte; non-ASCII characters are
 *     decoded with vb_utf8_step and classified with the generated two-stage
 *     table (sentence_break_data.c);
 *   - SB3/SB4: a paragraph separator (CR LF, CR, LF, Sep) always ends a
 *     segment;
 *   - at a terminator (ATerm '.', STerm '!', '?', '。', …) the scanner follows
 *     SB5-SB11: SB6 (ATerm × Numeric), SB7 (Upper/Lower ATerm × Upper, the
 *     letter before found by looking back over Extend/Format), Close* then
 *     Sp* (SB9, SB10), SB8a (another terminator or SContinue continues), SB8
 *     (after ATerm, a lookahead over characters that are not letters,
 *     terminators or separators for a Lower that continues the sentence),
 *     else SB11 breaks;
 *   - SB5: Extend and Format characters attach to the character before them
 *     (not after a paragraph separator).
 * Every character is examined at most twice (the SB8 lookahead and the
 * rescan after it), so a document is segmented in linear time with no
 * allocation beyond the iterator itself.
 *
 * Sentences (vb_sent_next) are the segments between kept boundaries,
 * trimmed of white space (Sp, Sep, CR, LF); segments that are only white
 * space are skipped, and so is a byte order mark (U+FEFF) at the start of
 * the document.  Paragraph numbers go up when the white space between
 * two sentences holds a line break (DESIGN.md: a blank line, or a line
 * break after a line that ends a sentence or stands alone as a heading).
 * With lang 'und' every UAX #29 boundary is kept.
 */
#include "verbatim/sentences.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sentence_break.h"
#include "sentence_lang.h"

/* Class of the ASCII byte c (c < 0x80). */
#define SB_ASCII(c) (vb_sb_stage2[(size_t)vb_sb_stage1[0] * 128 + (c)])

/* ASCII bytes the hot loop must stop at: CR LF . ! ? */
static const unsigned char sb_stop[128] = {
    ['\r'] = 1, ['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1,
};

static inline int sb_is_parasep(int k) { return k == VB_SB_CR || k == VB_SB_LF || k == VB_SB_SEP; }

/* The first offset >= i that the hot loop must look at: a byte >= 0x80,
 * CR, LF, '.', '!', '?' or weak (0 for none).  16 bytes at a time with SSE2. */
static inline size_t sb_skip(const unsigned char *z, size_t n, size_t i, const unsigned char *stop,
                             int weak) {
#ifdef __SSE2__
  const __m128i cDot = _mm_set1_epi8('.'), cBang = _mm_set1_epi8('!'), cQ = _mm_set1_epi8('?');
  const __m128i cLf = _mm_set1_epi8('\n'), cCr = _mm_set1_epi8('\r');
  const __m128i cWeak = _mm_set1_epi8((char)(weak ? weak : '.'));
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(z + i));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cDot), _mm_cmpeq_epi8(v, cBang)),
                             _mm_or_si128(_mm_cmpeq_epi8(v, cQ), _mm_cmpeq_epi8(v, cLf)));
    int mask;
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, cCr), _mm_cmpeq_epi8(v, cWeak)));
    mask = _mm_movemask_epi8(m) | _mm_movemask_epi8(v); /* high bit: non-ASCII */
    if (mask) return i + (size_t)__builtin_ctz((unsigned)mask);
    i += 16;
  }
#else
  (void)weak;
#endif
  while (i < n && z[i] < 0x80 && !stop[z[i]]) i++;
  return i;
}

/* One character at i: its class in *pk; returns the offset after it. */
static inline size_t sb_char(const unsigned char *z, size_t n, size_t i, int *pk) {
  int32_t cp;
  size_t j;
  if (z[i] < 0x80) {
    *pk = SB_ASCII(z[i]);
    return i + 1;
  }
  j = vb_utf8_step(z, n, i, &cp);
  *pk = vb_sb_class(cp);
  return j;
}

/* One character and the Extend/Format characters attached to it (SB5); a
 * paragraph separator takes none, and CR takes a following LF (SB3). */
static size_t sb_unit(const unsigned char *z, size_t n, size_t i, int *pk) {
  size_t j = sb_char(z, n, i, pk);
  if (*pk == VB_SB_CR) return (j < n && z[j] == '\n') ? j + 1 : j;
  if (*pk == VB_SB_LF || *pk == VB_SB_SEP) return j;
  while (j < n && z[j] >= 0x80) {
    int k2;
    size_t j2 = sb_char(z, n, j, &k2);
    if (k2 != VB_SB_EXTEND && k2 != VB_SB_FORMAT) break;
    j = j2;
  }
  return j;
}

/* The class of the character before offset t, looking back over
 * Extend/Format (SB5); VB_SB_SEP (a stand-in for "not a letter") at the
 * start of the text. */
static int sb_class_before(const unsigned char *z, size_t n, size_t t) {
  while (t > 0) {
    int32_t cp;
    int k;
    if (z[t - 1] < 0x80) return SB_ASCII(z[t - 1]);
    t = vb_utf8_prev(z, n, t, &cp);
    k = vb_sb_class(cp);
    if (k != VB_SB_EXTEND && k != VB_SB_FORMAT) return k;
  }
  return VB_SB_SEP;
}

/* The scanner behind vb_sent_uax_scan and the language layer.  With soft
 * (language mode) it also stops where a UAX rule forbids a break after a
 * terminator (info->soft = 6, 7, 8 or 'c' for SB6, SB7, SB8, SB8a with
 * SContinue), so the language layer sees every terminator; stop is the
 * ASCII stop table and weak an extra ASCII terminator (0 for none) that
 * ends a sentence only before spaces and then a letter of class weakNext
 * (VB_SB_UPPER, or VB_SB_OLETTER meaning any letter). */
static inline size_t sb_scan(const unsigned char *z, size_t n, size_t i, vb_sent_uax *info,
                             int soft, const unsigned char *stop, int weak, int weakNext) {
  info->term_start = info->term_last = info->term_end = (size_t)-1;
  info->term_class = 0;
  info->parasep = 0;
  info->soft = 0;
  while (i < n) {
    size_t t, j, runStart;
    int k, tk, state;
    /* hot loop: ASCII that cannot end a segment */
    i = sb_skip(z, n, i, stop, weak);
    if (i >= n) break;
    t = i;
    if (weak && z[i] == weak) {
      size_t q = i + 1;
      int kq = 0;
      i++;
      while (q < n) {
        size_t q2 = sb_char(z, n, q, &kq);
        if (kq != VB_SB_SP) break;
        q = q2;
      }
      if (q > t + 1 && q < n &&
          (kq == weakNext || (weakNext == VB_SB_UPPER && kq == VB_SB_NUMERIC) ||
           (weakNext == VB_SB_OLETTER &&
            (kq == VB_SB_UPPER || kq == VB_SB_LOWER || kq == VB_SB_OLETTER)))) {
        info->term_start = info->term_last = t;
        info->term_end = t + 1;
        info->term_class = VB_SB_STERM;
        return q;
      }
      continue;
    }
    i = sb_unit(z, n, i, &k);
    /* language mode: the Tibetan shads ། ༎ end sentences too */
    if (soft && z[t] == 0xE0 && i - t >= 3 && z[t + 1] == 0xBC &&
        (z[t + 2] == 0x8D || z[t + 2] == 0x8E))
      k = VB_SB_STERM;
    if (sb_is_parasep(k)) { /* SB4 */
      info->parasep = 1;
      return i;
    }
    if (k != VB_SB_ATERM && k != VB_SB_STERM) continue;
    /* a terminator at t: SB6-SB11 */
    tk = k;
    runStart = t;
    state = 0; /* 0: right after the terminator, 1: after Close, 2: after Sp */
    j = i;
    for (;;) {
      size_t jn;
      if (state == 0) info->term_end = j;
      if (j >= n) { /* SB2 */
        info->term_start = runStart;
        info->term_last = t;
        info->term_class = tk;
        if (state < 2) info->term_end = j;
        return n;
      }
      jn = sb_unit(z, n, j, &k);
      if (soft && z[j] == 0xE0 && jn - j >= 3 && z[j + 1] == 0xBC &&
          (z[j + 2] == 0x8D || z[j + 2] == 0x8E))
        k = VB_SB_STERM;
      if (state == 0 && tk == VB_SB_ATERM) {
        if (k == VB_SB_NUMERIC) { /* SB6 */
          if (soft) {
            info->soft = 6;
            break;
          }
          break;
        }
        if (k == VB_SB_UPPER) { /* SB7 */
          int kb = sb_class_before(z, n, t);
          if (kb == VB_SB_UPPER || kb == VB_SB_LOWER) {
            if (soft) info->soft = 7;
            break;
          }
        }
      }
      if (k == VB_SB_CLOSE && state < 2) { /* SB9 */
        state = 1;
        j = jn;
        info->term_end = j;
        continue;
      }
      if (k == VB_SB_SP) { /* SB9, SB10 */
        state = 2;
        j = jn;
        continue;
      }
      if (sb_is_parasep(k)) { /* SB9, SB10, then SB11 after the separator */
        info->term_start = runStart;
        info->term_last = t;
        info->term_class = tk;
        info->parasep = 1;
        return jn;
      }
      if (k == VB_SB_ATERM || k == VB_SB_STERM) { /* SB8a */
        tk = k;
        t = j;
        j = jn;
        state = 0;
        continue;
      }
      if (k == VB_SB_SCONTINUE) { /* SB8a */
        if (soft) info->soft = 'c';
        j = jn;
        break;
      }
      if (tk == VB_SB_ATERM) { /* SB8: look ahead for a Lower */
        size_t p = j;
        int kp = k, lower = 0;
        for (;;) {
          if (kp == VB_SB_LOWER) {
            lower = 1;
            break;
          }
          if (kp == VB_SB_OLETTER || kp == VB_SB_UPPER || kp == VB_SB_ATERM || kp == VB_SB_STERM ||
              sb_is_parasep(kp))
            break;
          p = sb_unit(z, n, p, &kp);
          if (p >= n) break;
          sb_char(z, n, p, &kp);
        }
        if (lower) {
          if (soft) info->soft = 8;
          break;
        }
      }
      /* SB11 */
      info->term_start = runStart;
      info->term_last = t;
      info->term_class = tk;
      return j;
    }
    if (info->soft) { /* language mode: let the caller decide */
      info->term_start = runStart;
      info->term_last = t;
      info->term_class = tk;
      return j;
    }
    i = j; /* no break: carry on scanning after the terminator sequence */
  }
  return n;
}

size_t vb_sent_uax_scan(const unsigned char *z, size_t n, size_t i, vb_sent_uax *info) {
  return sb_scan(z, n, i, info, 0, sb_stop, 0, 0);
}

size_t vb_sent_scan_soft(const unsigned char *z, size_t n, size_t i, vb_sent_uax *info, int weak,
                         int weakNext) {
  static const unsigned char stopColon[128] = {
      ['\r'] = 1, ['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [':'] = 1,
  };
  static const unsigned char stopSemi[128] = {
      ['\r'] = 1, ['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [';'] = 1,
  };
  const unsigned char *stop = weak == ':' ? stopColon : weak == ';' ? stopSemi : sb_stop;
  return sb_scan(z, n, i, info, 1, stop, weak, weakNext);
}

size_t vb_sent_uax_next(const unsigned char *z, size_t n, size_t i) {
  vb_sent_uax info;
  return vb_sent_uax_scan(z, n, i, &info);
}

/* ---- the sentence iterator ------------------------------------------------ */

struct vb_sent_iter {
  const unsigned char *z;
  size_t n;
  size_t pos;        /* where the next sentence may start */
  size_t ord;        /* sentences returned so far */
  size_t paragraph;  /* paragraph of the last sentence */
  int newline;       /* a line break was seen since the last sentence */
  vb_sent_lang lang; /* language knowledge; lang.id == VB_LANG_UND: none */
};

/* Is the unit at i white space (Sp, Sep, CR, LF)?  Sets *pNl for a line
 * break and returns the offset after it, or i if it is not white space. */
static size_t ws_unit(const unsigned char *z, size_t n, size_t i, int *pNl) {
  int k;
  size_t j;
  unsigned char c = z[i];
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') return i + 1;
    if (c == '\n' || c == '\r') {
      *pNl = 1;
      return i + 1;
    }
    return i;
  }
  j = sb_char(z, n, i, &k);
  if (k == VB_SB_SP) return j;
  if (k == VB_SB_SEP) {
    *pNl = 1;
    return j;
  }
  return i;
}

int vb_sent_open(vb_sent_iter **pp, const unsigned char *z, size_t n, const vb_lang *lang) {
  vb_sent_iter *p = vb_malloc(sizeof *p);
  *pp = NULL;
  if (p == NULL) return VB_NOMEM;
  memset(p, 0, sizeof *p);
  p->z = z;
  p->n = n;
  vb_sent_lang_init(&p->lang, lang ? lang->id : VB_LANG_UND, z, n);
  /* a byte order mark at the start is no part of a sentence */
  p->pos = vb_utf8_bom_len(z, n);
  *pp = p;
  return VB_OK;
}

int vb_sent_next(vb_sent_iter *p, vb_sentence *out) {
  const unsigned char *z = p->z;
  size_t n = p->n;
  while (p->pos < n) {
    size_t s = p->pos, e, b;
    int nl = 0;
    /* skip leading white space */
    for (;;) {
      size_t j;
      if (s >= n) break;
      j = ws_unit(z, n, s, &nl);
      if (j == s) break;
      s = j;
    }
    if (nl) p->newline = 1;
    if (s >= n) {
      p->pos = n;
      break;
    }
    if (p->lang.id == VB_LANG_UND) {
      vb_sent_uax info;
      b = vb_sent_uax_scan(z, n, s, &info);
    } else {
      b = vb_sent_lang_next(&p->lang, s);
    }
    if (b <= s) b = vb_utf8_next(z, n, s, &(int32_t){0}); /* always progress */
    p->pos = b;
    /* trim trailing white space */
    e = b;
    while (e > s) {
      int32_t cp;
      size_t q;
      int k;
      if (z[e - 1] < 0x80) {
        unsigned char c = z[e - 1];
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\n' || c == '\r') {
          e--;
          continue;
        }
        break;
      }
      q = vb_utf8_prev(z, n, e, &cp);
      k = vb_sb_class(cp);
      if (k != VB_SB_SP && k != VB_SB_SEP) break;
      e = q;
    }
    if (e == s) continue;
    if (p->ord == 0 || p->newline) p->paragraph++;
    p->newline = 0;
    /* a line break inside the trailing white space counts for the next one */
    {
      size_t q = e;
      while (q < b) {
        int nl2 = 0;
        size_t j = ws_unit(z, n, q, &nl2);
        if (j == q) break;
        if (nl2) p->newline = 1;
        q = j;
      }
    }
    p->ord++;
    out->start = s;
    out->end = e;
    out->ord = p->ord;
    out->paragraph = p->paragraph;
    return 1;
  }
  return 0;
}

void vb_sent_close(vb_sent_iter *p) { vb_free(p); }

const char *vb_sent_unicode_version(void) { return vb_sb_unicode_version; }
