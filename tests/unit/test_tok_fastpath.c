/* SPDX-License-Identifier: MIT
 *
 * test_tok_fastpath.c -- the tokenizer's ASCII fast paths give the same
 * tokens as its general path.
 *
 * vb_tok_next decides a short ASCII word inside one 8-byte load (SWAR) when
 * at least 8 bytes of text remain, by a byte-table loop otherwise, and hands
 * anything that might join (an apostrophe, hyphen, period, comma or
 * underscore followed by a letter or digit, or a byte >= 0x80) to the
 * general scanner.  So the same piece tokenizes through different paths
 * depending on what follows it: alone (fewer than 8 bytes left), followed by
 * spaces (the SWAR path), followed by a joiner, and after a non-ASCII
 * word.  Every variant must give the same spans, kinds, norms, stems, stop
 * flags and hashes for the piece's tokens.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "verbatim/core.h"
#include "../../ext/core/tok_fast.h"
#include "../../ext/core/tok_private.h"

#define MAX_TOKS 64

typedef struct tokRow {
  size_t start, end;
  int kind, stop;
  char norm[64], stem[64];
  uint64_t hash;
} tokRow;

/* Tokens of z[0..n) that start before `limit`, offsets made relative to
 * `shift`. */
static int collect(vb_tokenizer *t, const char *z, size_t n, size_t shift, size_t limit,
                   tokRow *rows) {
  vb_token tok;
  int k = 0, rc;
  vb_tok_reset(t, (const unsigned char *)z, n);
  while ((rc = vb_tok_next(t, &tok)) == 1 && k < MAX_TOKS) {
    if (tok.start < shift || tok.start >= limit) continue;
    tokRow *r = &rows[k++];
    memset(r, 0, sizeof *r);
    r->start = tok.start - shift;
    r->end = tok.end - shift;
    r->kind = (int)tok.kind;
    r->stop = tok.stop;
    snprintf(r->norm, sizeof r->norm, "%.*s", (int)tok.nNorm, tok.norm ? tok.norm : "");
    snprintf(r->stem, sizeof r->stem, "%.*s", (int)tok.nStem, tok.stem ? tok.stem : "");
    r->hash = tok.hash;
  }
  return rc < 0 ? rc : k;
}

static int sameRows(const tokRow *a, int na, const tokRow *b, int nb) {
  int i;
  if (na != nb) return 0;
  for (i = 0; i < na; i++) {
    if (a[i].start != b[i].start || a[i].end != b[i].end || a[i].kind != b[i].kind ||
        a[i].stop != b[i].stop || strcmp(a[i].norm, b[i].norm) || strcmp(a[i].stem, b[i].stem) ||
        a[i].hash != b[i].hash) {
      return 0;
    }
  }
  return 1;
}

static void testPieces(const char *code) {
  static const char *const kPieces[] = {
      "a", "I", "ab", "The", "abcdefg", "ABCDEFG", "abcdefgh", "Abc1234", "1234567", "12345678",
      "9a", "x9", "12.5", "1,000", "1990-2000", "U.S", "U.S.", "don't", "Don't", "it's.",
      "co-op", "x-1", "1-x", "a_b", "snake_case", "abc.", "abc,", "abc'", "abc-", "abc_",
      "abc'.", "abc-,", "AbC'dE", "a.b.c.d", "kremlin.ru", "l'homme", "qu'il", "dell'anno",
      "ab\xc3\xa9", "ab\xe2\x80\x99s", "a'\xc3\xa9t\xc3\xa9", "caf\xc3\xa9s", "na\xc3\xafve",
      "Zz9", "a\x7f", "a\tb", "a\x01", "(abc)", "\"Quote\"", "$100", "50%", "a+b", "x=y",
      "IT'S", "HELLO-WORLD", "x.", "x,y", "1,a", "a,1", "e.g.", "state-of-the-art", "O'Neil's",
      "\xc3\xa9t\xc3\xa9", "\xe2\x80\x9cword\xe2\x80\x9d", "word\xcc\x81", "ab-\xc3\xa9", "ab.\xc3\xa9",
      /* 8 to 16 bytes: the two-load SWAR path */
      "Licensable", "DISTRIBUTION", "abcdefghi", "ABCDEFGHIJKLMNO", "abcdefghijklmnop",
      "abcdefgh1234567", "123456789012345", "1234567890123456", "Hereafter's", "limitation-free",
      "abcdefghij.", "abcdefghij,k", "abcdefgh'", "abcdefgh-1", "abcdefghi\xc3\xa9",
      "abcdefghijk_l", "12345678.9", "1234567890,123", "Licensor\xe2\x80\x99s"};
  static const char *const kAfter[] = {"", " ", "        ", "        x", ", and more", ".  ",
                                       "-", "'", "\xc3\xa9 ", "\xe2\x80\x94", "\n\n"};
  static const char *const kBefore[] = {"", " ", "\xc3\xa9t\xc3\xa9 ", "x ", "12 "};
  vb_tokenizer *t = vb_tok_new(vb_lang_find(code, strlen(code)), VB_TOK_WANT_STEM);
  char buf[256];
  tokRow ref[MAX_TOKS], got[MAX_TOKS];
  int bad = 0, runs = 0;
  size_t p, a, b;
  CHECK(t != NULL);
  if (t == NULL) return;
  for (p = 0; p < sizeof kPieces / sizeof kPieces[0]; p++) {
    const char *piece = kPieces[p];
    size_t np = strlen(piece);
    /* The reference: the piece followed by a space and a word that ends it,
     * so nothing after it can join; tokens that start inside the piece. */
    for (a = 0; a < sizeof kAfter / sizeof kAfter[0]; a++) {
      snprintf(buf, sizeof buf, "%s%s", piece, kAfter[a]);
      int nRef = collect(t, buf, strlen(buf), 0, np, ref);
      for (b = 0; b < sizeof kBefore / sizeof kBefore[0]; b++) {
        size_t nb = strlen(kBefore[b]);
        /* The same text after a prefix that ends a token: the piece's
         * tokens keep their shape, shifted by the prefix. */
        snprintf(buf, sizeof buf, "%s%s%s", kBefore[b], piece, kAfter[a]);
        int nGot = collect(t, buf, strlen(buf), nb, nb + np, got);
        runs++;
        if (!sameRows(ref, nRef, got, nGot)) {
          if (bad++ < 5) printf("lang %s: '%s' + '%s' after '%s' differs\n", code, piece,
                                kAfter[a], kBefore[b]);
        }
      }
      /* Alone (fewer than 8 bytes left: the byte-table loop) and padded
       * (the SWAR load): same tokens inside the piece when nothing follows
       * that could join. */
      if (kAfter[a][0] == ' ' || kAfter[a][0] == 0) {
        int nAlone = collect(t, piece, np, 0, np, got);
        runs++;
        if (!sameRows(ref, nRef, got, nAlone)) {
          if (bad++ < 5) printf("lang %s: '%s' alone differs from '%s' + '%s'\n", code, piece,
                                piece, kAfter[a]);
        }
      }
    }
  }
  CHECK_MSG(bad == 0, "%d of %d fast-path variants differ (lang %s)", bad, runs, code);
  vb_tok_free(t);
}

/* The SWAR path must not read past the text: a word at the very end of an
 * exactly sized buffer, through every length. */
static void testEndOfBuffer(void) {
  vb_tokenizer *t = vb_tok_new(vb_lang_find("en", 2), VB_TOK_WANT_STEM);
  char text[48];
  vb_token tok;
  size_t len;
  CHECK(t != NULL);
  if (t == NULL) return;
  for (len = 1; len <= 32; len++) {
    size_t i;
    memcpy(text, "Alphabetical ", 13);
    for (i = 0; i < len; i++) text[13 + i] = (char)('A' + i % 26);
    size_t n = 13 + len;
    vb_tok_reset(t, (const unsigned char *)text, n);
    int count = 0, rc;
    size_t lastStart = 0, lastEnd = 0;
    while ((rc = vb_tok_next(t, &tok)) == 1) {
      count++;
      lastStart = tok.start;
      lastEnd = tok.end;
    }
    CHECK_INT(rc, 0);
    CHECK_INT(count, 2);
    CHECK_INT(lastStart, 13);
    CHECK_INT(lastEnd, n);
  }
  vb_tok_free(t);
}

/* Every token field, and the user word's presence, from vb_tok_next or
 * vb_tok_next_quick. */
typedef struct fullRow {
  size_t start, end, nNorm, nStem;
  int kind, stop, hasUser;
  uint64_t hash;
  char norm[600], stem[600];
} fullRow;

static int collectFull(vb_tokenizer *t, const unsigned char *z, size_t n, int quick, fullRow *rows,
                       int cap) {
  vb_token tok;
  int k = 0, rc;
  vb_tok_reset(t, z, n);
  while ((rc = quick ? vb_tok_next_quick(t, &tok) : vb_tok_next(t, &tok)) == 1 && k < cap) {
    fullRow *r = &rows[k++];
    memset(r, 0, sizeof *r);
    r->start = tok.start, r->end = tok.end, r->kind = (int)tok.kind, r->stop = tok.stop;
    r->nNorm = tok.nNorm, r->nStem = tok.nStem, r->hash = tok.hash;
    memcpy(r->norm, tok.norm, tok.nNorm < 599 ? tok.nNorm : 599);
    memcpy(r->stem, tok.stem, tok.nStem < 599 ? tok.nStem : 599);
    r->hasUser = vb_tok_user_word(t) != NULL;
  }
  return rc < 0 ? rc : k;
}

/* vb_tok_next_quick (the inline fast path similarity.c uses) gives the same
 * tokens as vb_tok_next, field by field, on random texts of ASCII words of
 * 1 to 20 bytes (upper and lower case, digits) separated by spaces,
 * joiners, punctuation and the odd non-ASCII character (every third text
 * all digits: numbers bypass the stem cache), for tokenizers
 * with and without a stemmer; twice each, so the second pass hits the
 * stem cache. */
static void testQuickSameTokens(void) {
  static const char *const kSep[] = {" ",  "  ", ", ", ". ", "-", "'", ".", ",", "_", "\n",
                                     "\xc3\xa9", " (", ") ", "\xe2\x80\x94", "\t", "--"};
  static const char *const kCode[] = {"en", "fr", "und"};
  static fullRow ref[1024], got[1024];
  unsigned char text[4096];
  int bad = 0, runs = 0, round, pass;
  size_t c;
  for (c = 0; c < 6; c++) { /* three languages, with and without VB_TOK_WORDS_ONLY */
    unsigned flags = VB_TOK_WANT_STEM | (c < 3 ? VB_TOK_WORDS_ONLY : 0);
    const vb_lang *lang = vb_lang_find(kCode[c % 3], strlen(kCode[c % 3]));
    vb_tokenizer *t = vb_tok_new(lang, flags), *u = vb_tok_new(lang, flags);
    CHECK(t && u);
    if (!t || !u) return;
    for (round = 0; round < 400; round++) {
      size_t n = 0;
      unsigned seed = (unsigned)round * 2654435761u + (unsigned)c;
      while (n < 3000) {
        size_t len = 1 + (seed >> 8) % 20, k;
        for (k = 0; k < len; k++) {
          seed = seed * 1103515245u + 12345u;
          unsigned r = (seed >> 16) % 40;
          if (round % 3 == 0) r = 32 + r % 8; /* numbers of every length too */
          text[n++] = (unsigned char)(r < 24 ? 'a' + r : r < 32 ? 'A' + (r - 24) : '0' + (r - 32));
        }
        seed = seed * 1103515245u + 12345u;
        const char *sep = kSep[(seed >> 16) % (seed & 0x300 ? 2 : 16)];
        memcpy(text + n, sep, strlen(sep));
        n += strlen(sep);
      }
      for (pass = 0; pass < 2; pass++) {
        int nRef = collectFull(t, text, n, 0, ref, 1024);
        int nGot = collectFull(u, text, n, 1, got, 1024);
        runs++;
        int same = nRef == nGot, i;
        for (i = 0; same && i < nRef; i++) {
          same = memcmp(&ref[i], &got[i], sizeof ref[i]) == 0;
        }
        if (!same && bad++ < 5) {
          printf("lang %s, flags %u, round %d, pass %d: quick tokens differ\n", kCode[c % 3], flags,
                 round, pass);
        }
      }
    }
    vb_tok_free(t);
    vb_tok_free(u);
  }
  CHECK_MSG(bad == 0, "%d of %d texts tokenize differently through vb_tok_next_quick", bad, runs);
}

int main(void) {
  testQuickSameTokens();
  testPieces("en");
  testPieces("fr");
  testPieces("it");
  testPieces("und");
  testEndOfBuffer();
  return check_done();
}
