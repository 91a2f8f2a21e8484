/* SPDX-License-Identifier: MIT
 *
 * quote_internal.h -- private declarations shared by the three files of the
 * quotes() core: quotes.c (marks, pairing, the iterator), quote_lexicon.c
 * (per-language word classes and cue phrases) and quote_attribution.c
 * (words, speakers, cues, pronoun and surname resolution, reported speech).
 * Not part of the public API.
 */
#ifndef VERBATIM_QUOTE_INTERNAL_H
#define VERBATIM_QUOTE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <utf8proc.h>

#include "verbatim/quotes.h"

/* ---- text helpers shared by quotes.c and quote_attribution.c ----------------- */

/* White space between words: ASCII white space, no-break spaces and every
 * Unicode space separator (Zs). */
static inline int qtext_is_space(int32_t c) {
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c < 0x80) return 0;
  return c == 0xA0 || c == 0x202F || c == 0x2007 || c == 0x3000 ||
         utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* The byte length of the horizontal white space character at z[i] < n
 * (space, tab, or a Unicode space: U+00A0, U+202F, U+2009, U+3000, ...),
 * else 0. */
static inline size_t qtext_hspace_at(const unsigned char *z, size_t n, size_t i) {
  int32_t c;
  size_t e;
  if (z[i] == ' ' || z[i] == '\t') return 1;
  if (z[i] < 0xC2) return 0;
  e = vb_utf8_next(z, n, i, &c);
  return qtext_is_space(c) ? e - i : 0;
}

/* The byte length of the horizontal white space character that ends just
 * before z[i] (0 < i <= n), else 0. */
static inline size_t qtext_hspace_before(const unsigned char *z, size_t n, size_t i) {
  int32_t c;
  size_t j;
  if (z[i - 1] == ' ' || z[i - 1] == '\t') return 1;
  if (z[i - 1] < 0x80) return 0;
  j = vb_utf8_prev(z, n, i, &c);
  return qtext_is_space(c) ? i - j : 0;
}

/* The end of z[a..b) without its trailing white space (a <= b <= n). */
static inline size_t qtext_trim_end(const unsigned char *z, size_t n, size_t a, size_t b) {
  while (b > a) {
    int32_t c;
    size_t j = vb_utf8_prev(z, n, b, &c);
    if (!qtext_is_space(c)) break;
    b = j;
  }
  return b;
}

/* ---- lexicon ----------------------------------------------------------------
 * Words are looked up by a 64-bit hash of their lower-cased form. */

/* Word classes (bits). */
#define QW_TITLE 0x0001      /* a title dropped from names: President, Dr., minister */
#define QW_ORG 0x0002        /* a word that makes a capitalised run an organisation or place */
#define QW_PRONOUN 0x0004    /* a personal pronoun that can be a speaker */
#define QW_MALE 0x0008       /* with QW_PRONOUN or QW_TITLE: masculine */
#define QW_FEMALE 0x0010     /* with QW_PRONOUN or QW_TITLE: feminine */
#define QW_DET 0x0020        /* determiner or quantifier that starts a description */
#define QW_AUX 0x0040        /* auxiliary or adverb allowed between a speaker and a cue */
#define QW_LEAD 0x0080       /* conjunction/adverb/preposition stripped from a clause start */
#define QW_STOPCAP 0x0100    /* capitalised function word that is never a name */
#define QW_NOLABEL 0x0200    /* a line label that is not a speaker (Update:, Editor's note:) */
#define QW_FINITE 0x0400     /* an auxiliary or modal that marks a finite clause */
#define QW_BOUND 0x0800      /* a word that ends a speaker phrase after an inverted cue */
#define QW_PARTICLE 0x1000   /* a name particle: van, de, bin */
#define QW_FIRST 0x2000      /* first-person pronoun: not resolved to a third party */
#define QW_THATWORD 0x4000   /* introduces a reported clause: that, que, dass, что */
#define QW_CLAUSEWORD 0x8000 /* starts a subordinate clause: what, which, who */
#define QW_CUEHEAD 0x10000   /* the first word of some cue phrase */
#define QW_ARTICLE 0x20000   /* an article or possessive: the word after it is a noun */

/* Cue phrase flags. */
#define QC_DIRECT 0x01 /* attributes a quotation next to it (said, asked, a déclaré) */
#define QC_CLAUSE 0x02 /* takes a reported clause without "that" (said the cuts were …) */
#define QC_THAT 0x04   /* takes a reported clause introduced by "that" */
#define QC_OBJECT 0x08 /* takes an object before the clause (told reporters); never inverted */
#define QC_ACCORDING 0x10 /* the speaker follows it: "according to X", "laut X", "по словам X" */
#define QC_POSTPOS 0x20    /* the speaker precedes it: "X zufolge" */
#define QC_PARTIAL 0x40    /* attributes a quoted fragment: called it "…", described as "…" */
#define QC_PARTICIPLE 0x80 /* -ing form: its subject is that of the clause before */
#define QC_PASSIVE 0x100   /* the phrase includes its passive auxiliary (was quoted as saying) */

typedef struct qlex qlex;

/* Build the lexicon (VB_OK or VB_NOMEM). */
int qlex_new(qlex **pp);
void qlex_free(qlex *p);

/* Hash of a word z[0..n) after lower-casing (utf8proc) and unifying the
 * apostrophes ’ and ' ; words longer than 64 bytes hash to 0. */
uint64_t qlex_hash(const unsigned char *z, size_t n);

/* Classes of the word with this hash for language lang (0 if unknown). */
unsigned qlex_class(const qlex *p, uint64_t h, int lang);

/* Longest cue phrase starting at words[i] (hashes a[i..n)): its word count
 * (0 if none) and flags. */
int qlex_cue(const qlex *p, const uint64_t *a, size_t i, size_t n, int lang, unsigned *pFlags);

/* Chinese: the length in bytes of the longest cue that ends z[0..n) (0 if
 * none), and the length of the longest title suffix. */
size_t qlex_cjk_cue_suffix(const unsigned char *z, size_t n);
size_t qlex_cjk_title_suffix(const unsigned char *z, size_t n);

/* ---- attribution ----------------------------------------------------------- */

/* A quote span found by pairing marks (byte offsets). */
typedef struct qspan {
  size_t open;   /* offset of the opening mark */
  size_t cs, ce; /* content start/end (inside the marks) */
  size_t close;  /* offset just past the closing mark (== ce if unclosed) */
  int depth;     /* 0 for a top-level quotation */
  int parent;    /* index of the enclosing span, or -1 */
  size_t after;  /* index of the first span not nested in this one */
  int dropped;   /* set by attribution: not reported */
} qspan;

/* A transcript turn label: "NAME:" at a line start. */
typedef struct qturn {
  size_t lineStart;          /* offset of the label */
  size_t labelEnd;           /* offset of the colon */
  size_t textStart;          /* first byte after ": " */
  size_t nameStart, nameEnd; /* the label without titles */
} qturn;

typedef struct qctx qctx;

/* The attribution pass: one forward walk over the document that fills
 * out[] with rows (unsorted).  The caller sorts and numbers them. */
typedef struct qrows {
  vb_quote *a;
  size_t n, cap;
} qrows;

int qattr_run(const qlex *lex, const unsigned char *z, size_t n, int lang, qspan *aSpan,
              size_t nSpan, const qturn *aTurn, size_t nTurn, qrows *out);

int qrows_push(qrows *r, const vb_quote *q);

#endif
