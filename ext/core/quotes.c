/* SPDX-License-Identifier: MIT
 *
 * quotes.c -- quotation marks, their pairing, transcript turns and the
 * vb_quotes iterator (see include/verbatim/quotes.h).  Attribution lives in
 * quote_attribution.c, the word lists in quote_lexicon.c.
 *
 * HOW IT WORKS
 * 1. Marks.  One scan collects every character that can be a quotation
 *    mark, in families: double (" “ ” „ ‟ ＂), single (' ‘ ’ ‚ ‛), angle
 *    (« »), single angle (‹ ›), 「」 and 『』.  Each gets "can open" and
 *    "can close" from its neighbours:
 *      - a mark with a letter on both sides is an apostrophe (isn’t,
 *        Russia’s); ' or ‘ before a digit is one too ('60s), and so is
 *        rock 'n' roll;
 *      - " after a digit with no open double quotation is an inch mark;
 *      - a single closer after s/z followed by a lower-case word
 *        (farmers' union) is a "weak" closer: it closes only when no
 *        stronger single closer follows in the paragraph (at most 8 marks
 *        ahead);
 *      - “ may also close („…“ and mismatched “…“), » may open (»…«), the
 *        straight marks decide by which side has text.
 * 2. Pairing.  A stack of at most VB_QUOTE_MAX_DEPTH open marks.  A closer
 *    closes the nearest open mark of its family (inner marks left open are
 *    dropped: mismatched).  Marks deeper than the limit are text, which
 *    bounds nesting (ten thousand opening marks give four quotations, not
 *    a quadratic amount of output).  At a paragraph break (a blank line, or
 *    a line break after a sentence end) an open quotation continues if the
 *    next paragraph starts with an opening mark of its family (the
 *    multi-paragraph convention); otherwise it is recovered as an unclosed
 *    quotation ending with its paragraph, and the rest of the document is
 *    read as usual.
 * 3. Turns.  A line that starts with a label "Name:" followed by words
 *    (PCRE2 pattern, anchored, with match limits) is a transcript turn when
 *    the document has at least two such labels; labels that are not
 *    speakers (Update:, Editor's note:, Font size:, WATCH:) are rejected.
 * 4. Attribution (quote_attribution.c) turns spans, turns and reported
 *    speech into rows; they are sorted by start and numbered with the
 *    sentence segmenter (vb_sent_*), so sentence and paragraph agree with
 *    sentences().
 *
 * Line breaks.  Steps 1-4 see a line break as "\n" (CR LF is "\n" after a
 * CR).  A document with other line breaks that sentences() knows (CR alone,
 * NEL U+0085, U+2028, U+2029) is analysed as a copy in which each of them
 * is rewritten in place, byte for byte, as spaces and a "\n" (so every
 * offset stays the same); the sentence numbering reads the original.
 *
 * Limits: time linear in the document; memory linear in the number of
 * marks, lines with labels and rows (plus a copy of the document when it
 * has such line breaks).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "quote_internal.h"
#include "verbatim/sentences.h"

#include <pcre2.h>

#define VB_QUOTE_MAX_DEPTH 4

/* ---- rules ------------------------------------------------------------------------ */

struct vb_quote_rules {
  qlex *lex;
  pcre2_general_context *gctx;
  pcre2_match_context *mctx;
  pcre2_code *reLabel; /* transcript turn label at a line start */
};

static void *pcreMalloc(size_t n, void *p) {
  (void)p;
  return vb_malloc(n);
}
static void pcreFree(void *x, void *p) {
  (void)p;
  vb_free(x);
}

/* A label: up to ten words, the first capitalised, the others capitalised
 * or connectors, then a colon and text on the same line.  Words are
 * separated by any horizontal space (\\h: space, tab, U+00A0, U+202F,
 * U+2009, U+3000, ...). */
static const char zLabelPattern[] =
    "\\p{Lu}[\\p{L}\\p{M}\\p{Nd}.’'\\-]*"
    "(?:\\h+(?:\\p{Lu}[\\p{L}\\p{M}\\p{Nd}.’'\\-]*|of|the|de|for|and|von|van|du|des|"
    "la|le|del|da|al|bin|y|und|et)){0,9}"
    "\\h*:\\h+(?=\\S)";

void vb_quote_rules_free(vb_quote_rules *p) {
  if (p == NULL) return;
  pcre2_code_free(p->reLabel);
  pcre2_match_context_free(p->mctx);
  pcre2_general_context_free(p->gctx);
  qlex_free(p->lex);
  vb_free(p);
}

int vb_quote_rules_new(vb_quote_rules **pp) {
  int err;
  PCRE2_SIZE off;
  vb_quote_rules *p = vb_malloc(sizeof *p);
  *pp = NULL;
  if (p == NULL) return VB_NOMEM;
  memset(p, 0, sizeof *p);
  int rc = qlex_new(&p->lex);
  if (rc != VB_OK) goto fail;
  rc = VB_NOMEM;
  p->gctx = pcre2_general_context_create(pcreMalloc, pcreFree, NULL);
  if (p->gctx == NULL) goto fail;
  p->mctx = pcre2_match_context_create(p->gctx);
  if (p->mctx == NULL) goto fail;
  pcre2_set_match_limit(p->mctx, 20000);
  pcre2_set_depth_limit(p->mctx, 200);
  pcre2_compile_context *cctx = pcre2_compile_context_create(p->gctx);
  if (cctx == NULL) goto fail;
  p->reLabel = pcre2_compile((PCRE2_SPTR)zLabelPattern, PCRE2_ZERO_TERMINATED,
                             PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &err, &off, cctx);
  pcre2_compile_context_free(cctx);
  if (p->reLabel == NULL) {
    rc = VB_EREGEX;
    goto fail;
  }
  *pp = p;
  return VB_OK;
fail:
  vb_quote_rules_free(p);
  return rc;
}

/* ---- marks --------------------------------------------------------------------------- */

enum { FAM_DOUBLE = 1, FAM_SINGLE, FAM_ANGLE, FAM_ANGLE1, FAM_CORNER, FAM_WCORNER };
#define CAN_OPEN 1
#define CAN_CLOSE 2
#define MK_WEAK 4      /* weak single closer (farmers' union) */
#define MK_PARASTART 8 /* first thing in its paragraph */
#define MK_DIGITBEFORE 16

typedef struct qmark {
  size_t pos, end;
  size_t para; /* paragraph index (0-based) */
  int32_t cp;
  unsigned char fam, flags;
} qmark;

typedef struct qbuf {
  void *a;
  size_t n, cap;
} qbuf;

static int qbufPush(qbuf *b, const void *x, size_t sz) {
  if (b->n == b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 64;
    void *a = vb_realloc(b->a, cap * sz);
    if (a == NULL) return VB_NOMEM;
    b->a = a;
    b->cap = cap;
  }
  memcpy((char *)b->a + b->n * sz, x, sz);
  b->n++;
  return VB_OK;
}

static int isLetterCp(int32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  utf8proc_category_t k = utf8proc_category(c);
  return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_MN;
}

static int isDigitCp(int32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

static int markFamily(int32_t c) {
  switch (c) {
    case '"':
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0xFF02: return FAM_DOUBLE;
    case '\'':
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B: return FAM_SINGLE;
    case 0xAB:
    case 0xBB: return FAM_ANGLE;
    case 0x2039:
    case 0x203A: return FAM_ANGLE1;
    case 0x300C:
    case 0x300D: return FAM_CORNER;
    case 0x300E:
    case 0x300F: return FAM_WCORNER;
    default: return 0;
  }
}

/* Code points that open text on their right: brackets, dashes, slashes,
 * colons, other quotation marks, and their CJK full-width forms (：，、（【). */
static int isOpenerContext(int32_t c) {
  return c == '(' || c == '[' || c == '{' || c == 0x2014 || c == 0x2013 || c == '-' || c == '/' ||
         c == ':' || c == 0xFF1A || c == 0xFF0C || c == 0x3001 || c == 0xFF08 || c == 0x3010 ||
         markFamily(c) != 0;
}

/* Is there text on the left of the mark at byte i?  Closing marks before
 * it count as text (…go.’” closes twice), opening marks, brackets, dashes
 * and spaces do not, and straight marks are looked through (at most 3). */
static int leftFlankAt(const unsigned char *z, size_t n, size_t i) {
  for (int k = 0; k < 4 && i > 0; k++) {
    int32_t c;
    i = vb_utf8_prev(z, n, i, &c);
    if (c == '"' || c == '\'' || c == 0xFF02) continue;
    if (c == 0x2019 || c == 0x201D || c == 0xBB || c == 0x203A || c == 0x300D || c == 0x300F)
      return 1;
    return !qtext_is_space(c) && !isOpenerContext(c);
  }
  return 0;
}

typedef struct qscan {
  const unsigned char *z;
  size_t n;
  qbuf marks;  /* qmark */
  qbuf breaks; /* size_t: byte offset where paragraph k ends (its break starts) */
  qbuf lines;  /* size_t: offsets of line starts that may hold a turn label */
} qscan;

/* Last non-space code point before byte i on the same line (0 if none). */
static int32_t lastOnLine(const unsigned char *z, size_t n, size_t i) {
  while (i > 0) {
    int32_t c;
    size_t j = vb_utf8_prev(z, n, i, &c);
    if (c == '\n') return 0;
    if (!qtext_is_space(c)) return c;
    i = j;
  }
  return 0;
}

static int isTerminalCp(int32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F || c == ':' || (markFamily(c) != 0 && c != '\'' && c != 0x2018) || c == ')' ||
         c == ']';
}

/* Bytes that start a mark or a line break: " ' \n and the lead bytes of
 * « » (C2), the curly marks (E2), 「」『』 (E3) and ＂ (EF). */
static const unsigned char kMark[256] = {
    ['"'] = 1, ['\''] = 1, ['\n'] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1};

static int scanMarks(qscan *s) {
  const unsigned char *z = s->z;
  size_t n = s->n, i = 0, para = 0;
  int sawText = 0; /* a non-space character since the last paragraph break */
  int rc;
  /* every line start is a turn-label candidate if it starts with a letter */
  while (i < n) {
    unsigned char c = z[i];
    if (c == '\n') {
      /* paragraph break: blank line, or line break after a sentence end */
      size_t j = i + 1;
      while (j < n && (z[j] == ' ' || z[j] == '\t' || z[j] == '\r')) j++;
      int blank = j < n && z[j] == '\n';
      int32_t last = lastOnLine(z, n, i);
      if (sawText && (blank || isTerminalCp(last) || j >= n)) {
        rc = qbufPush(&s->breaks, &i, sizeof i);
        if (rc) return rc;
        para++;
        sawText = 0;
      }
      i++;
      while (i < n && (z[i] == ' ' || z[i] == '\t' || z[i] == '\r' || z[i] == '\n')) i++;
      if (i < n && z[i] >= 'A' && z[i] != '\'' && !(z[i] >= 'a' && z[i] <= 'z')) {
        rc = qbufPush(&s->lines, &i, sizeof i);
        if (rc) return rc;
      }
      continue;
    }
    if (!kMark[c]) {
      if (sawText) {
        i++;
        while (i < n && !kMark[z[i]]) i++;
        continue;
      }
      if (c > ' ') sawText = 1;
      i++;
      continue;
    }
    int32_t cp;
    size_t e = vb_utf8_next(z, n, i, &cp);
    int fam = markFamily(cp);
    if (fam == 0) {
      if (!sawText && !qtext_is_space(cp)) sawText = 1;
      i = e;
      continue;
    }
    int32_t prev = 0, next = 0, next2 = 0;
    if (i > 0) vb_utf8_prev(z, n, i, &prev);
    size_t e2 = e;
    if (e < n) e2 = vb_utf8_next(z, n, e, &next);
    if (e2 < n) vb_utf8_next(z, n, e2, &next2);
    int leftFlank = leftFlankAt(z, n, i);
    int rightFlank = next != 0 && !qtext_is_space(next);
    unsigned flags = 0;
    switch (cp) {
      case '"':
      case 0xFF02:
        if (rightFlank && !leftFlank) flags |= CAN_OPEN;
        if (leftFlank) flags |= CAN_CLOSE;
        if (leftFlank && rightFlank && isLetterCp(prev) && isLetterCp(next)) flags |= CAN_OPEN;
        break;
      case 0x201C:
        if (rightFlank) flags |= CAN_OPEN;
        if (leftFlank) flags |= CAN_CLOSE;
        break;
      case 0x201D:
        if (leftFlank || !rightFlank) flags |= CAN_CLOSE;
        if (!leftFlank && rightFlank) flags |= CAN_OPEN;
        break;
      case 0x201E:
      case 0x201F: flags |= CAN_OPEN; break;
      case '\'':
      case 0x2019:
      case 0x2018:
      case 0x201A:
      case 0x201B:
        if (leftFlank && isLetterCp(next)) break;                  /* isn’t, Russia’s */
        if (!leftFlank && (isDigitCp(next) || !rightFlank)) break; /* '60s, stray */
        if (!leftFlank && (next == 'n' || next == 'N') && (next2 == '\'' || next2 == 0x2019))
          break; /* rock 'n' roll: the opening one */
        if (leftFlank && (prev == 'n' || prev == 'N') && i >= 2) {
          int32_t pp;
          size_t k = vb_utf8_prev(z, n, i, &pp);
          int32_t ppp = 0;
          if (k > 0) vb_utf8_prev(z, n, k, &ppp);
          if (ppp == '\'' || ppp == 0x2018 || ppp == 0x2019) break; /* 'n' closing one */
        }
        if (cp == 0x201A) {
          flags |= CAN_OPEN;
          break;
        }
        if (!leftFlank && rightFlank) flags |= CAN_OPEN;
        if (leftFlank) {
          flags |= CAN_CLOSE;
          if ((prev == 's' || prev == 'z' || prev == 'S') && qtext_is_space(next) && next != '\n' && next2 >= 'a' &&
              next2 <= 'z')
            flags |= MK_WEAK;
        }
        break;
      case 0xAB:
      case 0x2039:
        if (next != 0 && next != '\n') flags |= CAN_OPEN;
        if (leftFlank) flags |= CAN_CLOSE;
        break;
      case 0xBB:
      case 0x203A:
        flags |= CAN_CLOSE;
        if (rightFlank && !leftFlank) flags |= CAN_OPEN;
        break;
      case 0x300C:
      case 0x300E: flags |= CAN_OPEN; break;
      case 0x300D:
      case 0x300F: flags |= CAN_CLOSE; break;
    }
    if (flags & (CAN_OPEN | CAN_CLOSE)) {
      qmark m;
      m.pos = i;
      m.end = e;
      m.para = para;
      m.cp = cp;
      m.fam = (unsigned char)fam;
      m.flags = (unsigned char)(flags | (sawText ? 0 : MK_PARASTART) |
                                (isDigitCp(prev) ? MK_DIGITBEFORE : 0));
      rc = qbufPush(&s->marks, &m, sizeof m);
      if (rc) return rc;
    }
    sawText = 1;
    i = e;
  }
  return VB_OK;
}

/* ---- pairing -------------------------------------------------------------------------- */

typedef struct qopen {
  size_t mark; /* index into marks */
  size_t para; /* paragraph it reaches so far */
} qopen;

static int opensWith(const qmark *o, const qmark *c) {
  if (o->fam != c->fam) return 0;
  if (o->fam == FAM_ANGLE || o->fam == FAM_ANGLE1) return o->cp != c->cp;
  return 1;
}

static int emitSpan(qbuf *spans, const qmark *o, size_t ce, size_t close, int depth) {
  qspan sp;
  memset(&sp, 0, sizeof sp);
  sp.open = o->pos;
  sp.cs = o->end;
  sp.ce = ce;
  sp.close = close;
  sp.depth = depth;
  sp.parent = -1;
  return qbufPush(spans, &sp, sizeof sp);
}

/* End of paragraph para (where its break starts), or n. */
static size_t paraEnd(const qscan *s, size_t para) {
  const size_t *a = s->breaks.a;
  return para < s->breaks.n ? a[para] : s->n;
}

static int pairMarks(qscan *s, qbuf *spans) {
  const qmark *m = s->marks.a;
  size_t nm = s->marks.n;
  qopen st[VB_QUOTE_MAX_DEPTH];
  int depth = 0, rc;
  for (size_t i = 0; i < nm; i++) {
    const qmark *k = &m[i];
    if (depth > 0 && k->para > st[0].para) {
      if ((k->flags & MK_PARASTART) && (k->flags & CAN_OPEN) && k->para == st[0].para + 1 &&
          k->fam == m[st[depth - 1].mark].fam) {
        for (int d = 0; d < depth; d++) st[d].para = k->para;
        continue; /* the mark that reopens a multi-paragraph quotation */
      }
      /* unclosed: recover the outermost one, ending with its paragraph */
      size_t pe = paraEnd(s, st[0].para);
      rc = emitSpan(spans, &m[st[0].mark], qtext_trim_end(s->z, s->n, m[st[0].mark].end, pe),
                    qtext_trim_end(s->z, s->n, m[st[0].mark].end, pe), 0);
      if (rc) return rc;
      depth = 0;
    }
    if (k->flags & CAN_CLOSE) {
      int d = depth - 1;
      while (d >= 0 && !opensWith(&m[st[d].mark], k)) d--;
      if (d >= 0 && (k->flags & MK_WEAK)) {
        /* farmers' union: skip if a stronger single closer follows */
        size_t j;
        for (j = i + 1; j < nm && j <= i + 8 && m[j].para == k->para; j++) {
          if (m[j].fam == k->fam && (m[j].flags & CAN_CLOSE) && !(m[j].flags & MK_WEAK)) break;
          if (m[j].fam == k->fam && !(m[j].flags & CAN_CLOSE)) {
            j = nm;
            break;
          }
        }
        if (j < nm && j <= i + 8 && m[j].para == k->para) continue;
      }
      if (d >= 0) {
        rc = emitSpan(spans, &m[st[d].mark], k->pos, k->end, d);
        if (rc) return rc;
        depth = d; /* inner marks still open are mismatched: dropped */
        continue;
      }
    }
    if (k->flags & CAN_OPEN) {
      if (k->cp == '"' && (k->flags & CAN_CLOSE) && (k->flags & MK_DIGITBEFORE)) continue;
      if (depth < VB_QUOTE_MAX_DEPTH) {
        st[depth].mark = i;
        st[depth].para = k->para;
        depth++;
      }
    }
  }
  if (depth > 0) {
    size_t pe = paraEnd(s, st[0].para);
    rc = emitSpan(spans, &m[st[0].mark], qtext_trim_end(s->z, s->n, m[st[0].mark].end, pe),
                  qtext_trim_end(s->z, s->n, m[st[0].mark].end, pe), 0);
    if (rc) return rc;
  }
  return VB_OK;
}

static int cmpSpan(const void *a, const void *b) {
  const qspan *x = a, *y = b;
  if (x->open != y->open) return x->open < y->open ? -1 : 1;
  return x->close > y->close ? -1 : x->close < y->close;
}

/* Sort spans by opening mark; link each to its enclosing span and record
 * in after the index of the first span that is not nested in it. */
static int linkSpans(qspan *a, size_t n) {
  int st[VB_QUOTE_MAX_DEPTH + 2];
  int d = 0;
  if (n > 1) qsort(a, n, sizeof *a, cmpSpan);
  for (size_t i = 0; i < n; i++) {
    while (d > 0 && (a[st[d - 1]].close <= a[i].open || a[i].close > a[st[d - 1]].close)) {
      a[st[d - 1]].after = i;
      d--;
    }
    a[i].parent = d > 0 ? st[d - 1] : -1;
    a[i].depth = d;
    if (d < VB_QUOTE_MAX_DEPTH + 1) {
      st[d++] = (int)i;
    } else {
      a[i].after = i + 1;
    }
  }
  while (d > 0) a[st[--d]].after = n;
  return VB_OK;
}

/* ---- turns ------------------------------------------------------------------------------ */

static int findTurns(const vb_quote_rules *r, const qscan *s, const qlex *lex, qbuf *turns) {
  const size_t *aLine = s->lines.a;
  size_t nLine = s->lines.n;
  pcre2_match_data *md = pcre2_match_data_create(4, r->gctx);
  if (md == NULL) return VB_NOMEM;
  int rc = VB_OK;
  /* the document start is a line start too */
  for (size_t li = 0; li <= nLine && rc == VB_OK; li++) {
    size_t at;
    if (li == 0) {
      at = 0;
      at = vb_utf8_bom_len(s->z, s->n);
      while (at < s->n && qtext_is_space(s->z[at])) at++;
      if (nLine > 0 && aLine[0] == at) continue;
    } else {
      at = aLine[li - 1];
    }
    if (at >= s->n) continue;
    /* cheap pre-check: a colon within 120 bytes on this line */
    size_t lim = at + 120 < s->n ? at + 120 : s->n, j;
    for (j = at; j < lim && s->z[j] != ':' && s->z[j] != '\n'; j++) {
    }
    if (j >= lim || s->z[j] != ':') continue;
    /* a label's colon follows a letter and is followed by a space */
    if (j + 1 >= s->n || qtext_hspace_at(s->z, s->n, j + 1) == 0) continue;
    if (j > at && s->z[j - 1] >= '0' && s->z[j - 1] <= '9') continue;
    size_t lineEnd = at;
    while (lineEnd < s->n && lineEnd < at + 400 && s->z[lineEnd] != '\n') lineEnd++;
    /* the line alone is the subject: PCRE2 checks its UTF-8 (invalid: no label) */
    int m = pcre2_match(r->reLabel, (PCRE2_SPTR)(s->z + at), lineEnd - at, 0, 0, md, r->mctx);
    if (m == PCRE2_ERROR_NOMEMORY) {
      rc = VB_NOMEM; /* not "no label": the caller must see the failure */
      break;
    }
    if (m < 0) continue; /* no match, or a limit: not a label */
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    ov[1] += at;
    size_t colon = at;
    while (colon < ov[1] && s->z[colon] != ':') colon++;
    /* reject labels that are not speakers */
    size_t w = at;
    int bad = 0, nWords = 0;
    while (w < colon) {
      size_t sp;
      while (w < colon && (sp = qtext_hspace_at(s->z, colon, w)) > 0) w += sp;
      size_t b = w;
      while (w < colon && qtext_hspace_at(s->z, colon, w) == 0) w++;
      if (w > b) {
        nWords++;
        unsigned cls = qlex_class(lex, qlex_hash(s->z + b, w - b), 0);
        if (cls & QW_NOLABEL) bad = 1;
        if (nWords == 1 && (cls & (QW_STOPCAP | QW_PRONOUN)) && !(cls & QW_TITLE)) bad = 1;
      }
    }
    if (bad || nWords == 0) continue;
    qturn t;
    memset(&t, 0, sizeof t);
    t.lineStart = at;
    t.labelEnd = colon;
    t.textStart = ov[1];
    t.nameStart = at;
    t.nameEnd = qtext_trim_end(s->z, s->n, at, colon);
    rc = qbufPush(turns, &t, sizeof t);
  }
  pcre2_match_data_free(md);
  return rc;
}

static int cmpU64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* 1 if some label's last word occurs in two labels. */
static int turnsRepeat(const unsigned char *z, const qturn *a, size_t n, int *pRc) {
  if (n < 2) return 0;
  uint64_t *k = vb_malloc(n * sizeof *k);
  if (k == NULL) {
    *pRc = VB_NOMEM;
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    size_t e = a[i].nameEnd, b = e;
    while (b > a[i].nameStart && qtext_hspace_before(z, e, b) == 0) b--;
    k[i] = qlex_hash(z + b, e - b);
  }
  qsort(k, n, sizeof *k, cmpU64);
  int rep = 0;
  for (size_t i = 1; i < n && !rep; i++) rep = k[i] == k[i - 1];
  vb_free(k);
  return rep;
}

/* ---- the iterator ------------------------------------------------------------------------- */

struct vb_quote_iter {
  vb_quote *a;
  size_t n, i;
};

int qrows_push(qrows *r, const vb_quote *q) {
  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 32;
    vb_quote *a = vb_realloc(r->a, cap * sizeof *a);
    if (a == NULL) return VB_NOMEM;
    r->a = a;
    r->cap = cap;
  }
  r->a[r->n++] = *q;
  return VB_OK;
}

static int cmpRow(const void *a, const void *b) {
  const vb_quote *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end > y->end ? -1 : 1;
  return x->kind - y->kind;
}

/* Number rows with the sentence segmenter: rows are sorted by start, so one
 * forward walk over the sentences suffices. */
static int numberRows(vb_quote *a, size_t n, const unsigned char *z, size_t nz,
                      const vb_lang *lang) {
  vb_sent_iter *it;
  vb_sentence cur, nxt;
  int have = 0, haveNext = 0, rc;
  if (n == 0) return VB_OK;
  rc = vb_sent_open(&it, z, nz, lang);
  if (rc != VB_OK) return rc;
  memset(&cur, 0, sizeof cur);
  rc = vb_sent_next(it, &nxt);
  if (rc < 0) goto done;
  haveNext = rc == 1;
  for (size_t i = 0; i < n; i++) {
    /* advance while the next sentence starts at or before the row */
    while (haveNext && (!have || nxt.start <= a[i].start)) {
      cur = nxt;
      have = 1;
      rc = vb_sent_next(it, &nxt);
      if (rc < 0) goto done;
      haveNext = rc == 1;
    }
    a[i].ord = i + 1;
    a[i].sentence = have ? cur.ord : 1;
    a[i].paragraph = have ? cur.paragraph : 1;
    if (have && a[i].start >= cur.end && haveNext) {
      /* in the gap after a sentence: it belongs to the next one */
      a[i].sentence = nxt.ord;
      a[i].paragraph = nxt.paragraph;
    }
  }
  rc = VB_OK;
done:
  vb_sent_close(it);
  return rc;
}

/* The length of the line break other than "\n" and CR LF at z[i] (CR
 * alone, NEL, U+2028, U+2029), else 0. */
static size_t otherBreakAt(const unsigned char *z, size_t n, size_t i) {
  if (z[i] == '\r') return i + 1 < n && z[i + 1] == '\n' ? 0 : 1;
  if (z[i] == 0xC2) return i + 1 < n && z[i + 1] == 0x85 ? 2 : 0;
  if (z[i] == 0xE2) return i + 2 < n && z[i + 1] == 0x80 && (z[i + 2] == 0xA8 || z[i + 2] == 0xA9) ? 3 : 0;
  return 0;
}

/* *pCopy: NULL when z has only "\n" line breaks, else a copy with the
 * other ones rewritten as spaces ending in "\n" (same length).  Stray
 * continuation bytes right after a multi-byte break belong to its SQLite
 * character (verbatim/base.h), so they are rewritten with it: every span
 * found in the copy then starts and ends on a character boundary of z.
 * VB_OK or VB_NOMEM. */
static int linesAsLf(const unsigned char *z, size_t n, unsigned char **pCopy) {
  size_t i = 0, len = 0;
  unsigned char *c;
  *pCopy = NULL;
  for (; i < n; i++) {
    if ((z[i] == '\r' || z[i] == 0xC2 || z[i] == 0xE2) && (len = otherBreakAt(z, n, i)) > 0) break;
  }
  if (i >= n) return VB_OK;
  c = vb_malloc(n);
  if (c == NULL) return VB_NOMEM;
  memcpy(c, z, n);
  for (; i < n; i++) {
    if ((c[i] == '\r' || c[i] == 0xC2 || c[i] == 0xE2) && (len = otherBreakAt(c, n, i)) > 0) {
      if (len > 1) {
        while (i + len < n && (c[i + len] & 0xC0) == 0x80) len++;
      }
      memset(c + i, ' ', len - 1);
      c[i + len - 1] = '\n';
      i += len - 1;
    }
  }
  *pCopy = c;
  return VB_OK;
}

int vb_quotes_open(vb_quote_iter **pp, const vb_quote_rules *rules, const unsigned char *zDoc,
                   size_t n, const vb_lang *lang) {
  qscan s;
  qbuf spans, turns;
  qrows rows;
  unsigned char *zLf = NULL;
  const unsigned char *z = zDoc;
  int rc;
  *pp = NULL;
  rc = linesAsLf(zDoc, n, &zLf);
  if (rc != VB_OK) return rc;
  if (zLf) z = zLf;
  memset(&s, 0, sizeof s);
  memset(&spans, 0, sizeof spans);
  memset(&turns, 0, sizeof turns);
  memset(&rows, 0, sizeof rows);
  s.z = z;
  s.n = n;
  int langId = lang ? (int)lang->id : VB_LANG_UND;
  rc = scanMarks(&s);
  if (rc == VB_OK) rc = pairMarks(&s, &spans);
  vb_free(s.marks.a);
  s.marks.a = NULL;
  if (rc == VB_OK) rc = linkSpans(spans.a, spans.n);
  if (rc == VB_OK) rc = findTurns(rules, &s, rules->lex, &turns);
  /* A transcript has at least two labels and a speaker who speaks twice;
   * one label is a headline or dateline, distinct "Term:" lines a glossary. */
  if (rc == VB_OK && !turnsRepeat(z, turns.a, turns.n, &rc)) turns.n = 0;
  if (rc == VB_OK) {
    rc = qattr_run(rules->lex, z, n, langId, spans.a, spans.n, turns.a, turns.n, &rows);
  }
  vb_free(s.breaks.a);
  vb_free(s.lines.a);
  vb_free(spans.a);
  vb_free(turns.a);
  vb_free(zLf);
  if (rc == VB_OK && rows.n > 1) qsort(rows.a, rows.n, sizeof *rows.a, cmpRow);
  if (rc == VB_OK) rc = numberRows(rows.a, rows.n, zDoc, n, lang);
  vb_quote_iter *p = NULL;
  if (rc == VB_OK) {
    p = vb_malloc(sizeof *p);
    if (p == NULL) rc = VB_NOMEM;
  }
  if (rc != VB_OK) {
    vb_free(rows.a);
    return rc;
  }
  p->a = rows.a;
  p->n = rows.n;
  p->i = 0;
  *pp = p;
  return VB_OK;
}

int vb_quotes_next(vb_quote_iter *p, vb_quote *out) {
  if (p->i >= p->n) return 0;
  *out = p->a[p->i++];
  return 1;
}

void vb_quotes_close(vb_quote_iter *p) {
  if (p == NULL) return;
  vb_free(p->a);
  vb_free(p);
}

const char *vb_quote_kind_name(int kind) {
  switch (kind) {
    case VB_QUOTE_DIRECT: return "direct";
    case VB_QUOTE_PARTIAL: return "partial";
    case VB_QUOTE_TURN: return "turn";
    case VB_QUOTE_INDIRECT: return "indirect";
    default: return "unknown";
  }
}
