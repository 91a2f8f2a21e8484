/* SPDX-License-Identifier: MIT
 *
 * test_tokens.c -- unit tests of the core tokenizer, stopwords and
 * vb_normalize (ext/core/tokens.c, stopwords.c, normalize.c).
 *
 * Each case tokenizes a text and compares one field of every token,
 * joined with '|', with the expected string: the token as written (t),
 * norm (n), stem (s), kind (k: w, n, p, y) or stop (x: 0/1).
 */
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "verbatim/core.h"

static char g_out[65536];

static const vb_lang *L(const char *code) { return vb_lang_find(code, strlen(code)); }

/* Tokenize z[0..n) and describe field f of every token. */
static const char *descN(const char *code, const char *z, size_t n, char f, unsigned flags) {
  vb_tokenizer *t = vb_tok_new(code ? L(code) : NULL, flags);
  vb_token k;
  int rc;
  size_t w = 0;
  g_out[0] = 0;
  if (t == NULL) return "(no tokenizer)";
  vb_tok_reset(t, (const unsigned char *)z, n);
  while ((rc = vb_tok_next(t, &k)) == 1 && w < sizeof g_out - 600) {
    if (w) g_out[w++] = '|';
    switch (f) {
      case 't': w += (size_t)snprintf(g_out + w, 600, "%.*s", (int)(k.end - k.start), z + k.start); break;
      case 'n': w += (size_t)snprintf(g_out + w, 600, "%s", k.norm); break;
      case 's': w += (size_t)snprintf(g_out + w, 600, "%s", k.stem); break;
      case 'k': g_out[w++] = "wnpy"[k.kind]; g_out[w] = 0; break;
      case 'x': g_out[w++] = (char)('0' + k.stop); g_out[w] = 0; break;
      case 'o': w += (size_t)snprintf(g_out + w, 600, "%zu-%zu", k.start, k.end); break;
    }
  }
  if (rc < 0) snprintf(g_out + w, 64, "(error %d)", rc);
  vb_tok_free(t);
  return g_out;
}

static const char *desc(const char *code, const char *z, char f) {
  return descN(code, z, strlen(z), f, VB_TOK_WANT_STEM);
}

static const char *norm(const char *z, vb_norm_form form) {
  vb_buf b = {0};
  int rc = vb_normalize((const unsigned char *)z, strlen(z), form, &b);
  snprintf(g_out, sizeof g_out, "%s", rc ? "(error)" : b.z ? (const char *)b.z : "");
  vb_buf_free(&b);
  return g_out;
}

static void testBoundaries(void) {
  CHECK_STR(desc("en", "Don't stop, Putin-Pasechnik!", 't'), "Don't|stop|,|Putin-Pasechnik|!");
  CHECK_STR(desc("en", "Russia’s ‘war’ students' rock'n'roll", 't'),
            "Russia’s|‘|war|’|students|'|rock'n'roll");
  CHECK_STR(desc("en", "3.5% of 1,000 in 1990-2000, COVID-19 and 10-year-old", 't'),
            "3.5|%|of|1,000|in|1990|-|2000|,|COVID-19|and|10-year-old");
  CHECK_STR(desc("en", "3.5% of 1,000 in 1990-2000, COVID-19 and 10-year-old", 'k'),
            "n|p|w|n|w|n|p|n|p|w|w|w");
  CHECK_STR(desc("en", "the U.S. and kremlin.ru... end.", 't'),
            "the|U.S|.|and|kremlin.ru|.|.|.|end|.");
  CHECK_STR(desc("en", "snake_case __x -5 +7 $3 a--b 'quoted'", 't'),
            "snake_case|_|_|x|-|5|+|7|$|3|a|-|-|b|'|quoted|'");
  CHECK_STR(desc("en", "snake_case __x -5 +7 $3 a--b 'quoted'", 'k'),
            "w|p|p|w|p|n|y|n|y|n|w|p|p|w|p|w|p");
  CHECK_STR(desc("en", "1990s 5G v2 ²", 'k'), "w|w|w|n");
  /* Han ideographs one by one, kana runs, marks stay with their base. */
  CHECK_STR(desc("ja", "日本のカタカナです。", 't'), "日|本|の|カタカナ|です|。");
  CHECK_STR(desc("zh", "我们在北京。", 't'), "我|们|在|北|京|。");
  CHECK_STR(desc("en", "cafe\xcc\x81 \xcc\x81x \xe2\x9d\xa4\xef\xb8\x8f", 't'),
            "cafe\xcc\x81|\xcc\x81x|\xe2\x9d\xa4\xef\xb8\x8f");
  /* Soft hyphen and ZWNJ stay inside words; ZWSP separates. */
  CHECK_STR(desc("en", "co\xc2\xadoperate a\xe2\x80\x8b" "b", 't'),
            "co\xc2\xadoperate|a|b");
  CHECK_STR(desc("en", "co\xc2\xadoperate", 'n'), "cooperate");
  CHECK_STR(desc("fa", "می\xe2\x80\x8cشود", 't'), "می\xe2\x80\x8cشود");
  /* White space, controls and stray format characters are not tokens. */
  CHECK_STR(desc("en", " \t\r\n\x01\x1f\xc2\xa0\xe3\x80\x80\xe2\x80\x8d", 't'), "");
  CHECK_STR(desc("en", "", 't'), "");
  /* French and Italian elisions. */
  CHECK_STR(desc("fr", "L'homme qu’il aimait aujourd'hui", 't'),
            "L'|homme|qu’|il|aimait|aujourd'hui");
  CHECK_STR(desc("fr", "L'homme qu’il aimait", 'x'), "1|0|1|1|0");
  CHECK_STR(desc("it", "dell'anno l'Italia", 't'), "dell'|anno|l'|Italia");
  CHECK_STR(desc("en", "l'homme", 't'), "l'homme");
  /* Byte offsets. */
  CHECK_STR(desc("en", "Путин, «да»", 'o'), "0-10|10-11|12-14|14-18|18-20");
}

static void testNorm(void) {
  CHECK_STR(desc("en", "RUNNING Straße ΣΊΣΥΦΟΣ Ǆ ﬁne ＡＢＣ１２ “x” — ‘y’", 'n'),
            "running|strasse|σίσυφοσ|dž|fine|abc12|\"|x|\"|-|'|y|'");
  CHECK_STR(desc("en", "Russia’s Russia's RUSSIAʼS", 'n'), "russia's|russia's|russia's");
  CHECK_STR(desc("en", "e\xcc\x81t\xc3\xa9", 'n'), "\xc3\xa9t\xc3\xa9");
  CHECK_STR(desc("und", "«»‹›‐‑‒–—―−", 'n'), "\"|\"|'|'|-|-|-|-|-|-|-");
  CHECK_STR(desc("und", "«»", 'k'), "p|p");
}

static void testStems(void) {
  CHECK_STR(desc("en", "running runs ran Russia's generously", 's'),
            "run|run|ran|russia|generous");
  CHECK_STR(desc("ru", "Путин сказал, что переговоры продолжаются", 's'),
            "путин|сказа|,|что|переговор|продолжа");
  CHECK_STR(desc("de", "Die Verhandlungen wurden fortgesetzt", 's'),
            "die|verhandl|wurd|fortgesetzt");
  /* No Snowball stemmer: the stem is the norm. */
  CHECK_STR(desc("pl", "Rozmowy POKOJOWE", 's'), "rozmowy|pokojowe");
  CHECK_STR(desc("und", "Running", 's'), "running");
  /* Every language gets a tokenizer (its Snowball stemmer exists). */
  for (int id = 0; id < VB_LANG_COUNT; id++) {
    vb_tokenizer *tl = vb_tok_new(vb_lang_get((vb_lang_id)id), VB_TOK_WANT_STEM);
    CHECK_MSG(tl != NULL, "no tokenizer for %s", vb_lang_get((vb_lang_id)id)->code);
    vb_tok_free(tl);
  }
  CHECK_STR(desc("es", "Corriendo rápidamente", 's'), "corr|rapid");
  CHECK_STR(desc("it", "Correvano velocemente", 's'), "corr|veloc");
  /* Without VB_TOK_WANT_STEM there is no stem. */
  vb_tokenizer *t = vb_tok_new(L("en"), VB_TOK_WANT_NORM);
  vb_token k;
  vb_tok_reset(t, (const unsigned char *)"Running", 7);
  CHECK_INT(vb_tok_next(t, &k), 1);
  CHECK(k.stem == NULL);
  CHECK_STR(k.norm, "running");
  CHECK(k.hash == vb_tok_hash("running", 7));
  vb_tok_free(t);
  /* The hash is the stem's. */
  t = vb_tok_new(L("en"), VB_TOK_WANT_STEM);
  vb_tok_reset(t, (const unsigned char *)"Running", 7);
  CHECK_INT(vb_tok_next(t, &k), 1);
  CHECK(k.hash == vb_tok_hash("run", 3));
  CHECK_INT(vb_tok_next(t, &k), 0);
  CHECK_INT(vb_tok_next(t, &k), 0);
  vb_tok_free(t);
}

static void testStopwords(void) {
  CHECK_STR(desc("en", "The cat and THE hat, isn't it?", 'x'), "1|0|1|1|0|0|1|1|0");
  CHECK_STR(desc("ru", "Он сказал, что всё хорошо", 'x'), "1|0|0|1|1|0");
  CHECK_STR(desc("de", "Er sagte, dass DASS daß", 'x'), "1|0|0|1|1|1");
  CHECK_STR(desc("el", "ΤΟΥΣ τους ανθρώπους", 'x'), "1|1|0");
  CHECK_STR(desc("und", "the and", 'x'), "0|0");
  CHECK_STR(desc("my", "the", 'x'), "0");
  CHECK_INT(vb_stopword(L("en"), "the", 3), 1);
  CHECK_INT(vb_stopword(L("en"), "cat", 3), 0);
  CHECK_INT(vb_stopword(L("fr"), "l'", 2), 1);
  /* Every listed word of every language is found as its own fold, and the
   * required languages have lists. */
  static const char *const required[] = {"en", "ru", "de", "fr", "es", "it", "nl", "da",
                                         "pl", "sk", "bg", "el", "ar", "fa", "hi", NULL};
  for (const char *const *c = required; *c; c++) {
    size_t count = 0;
    const char *list = vb_stopword_list(L(*c), &count);
    CHECK_MSG(list != NULL && count >= 25, "%s has %zu stopwords", *c, count);
  }
  for (int id = 0; id < VB_LANG_COUNT; id++) {
    const vb_lang *lang = vb_lang_get((vb_lang_id)id);
    size_t count = 0, i = 0, n;
    const char *list = vb_stopword_list(lang, &count);
    int missing = 0;
    if (list == NULL) continue;
    n = strlen(list);
    while (i < n) {
      size_t j = i;
      while (j < n && list[j] != ' ') j++;
      /* Tokenizing a listed word gives one token that is a stopword (an
       * elided word ending in an apostrophe is tried before a word). */
      char buf[256];
      size_t len = j - i < 200 ? j - i : 200;
      memcpy(buf, list + i, len);
      if (list[j - 1] == '\'') buf[len++] = 'a';
      vb_tokenizer *t = vb_tok_new(lang, VB_TOK_WANT_STEM);
      vb_token k;
      vb_tok_reset(t, (const unsigned char *)buf, len);
      if (vb_tok_next(t, &k) != 1 || !k.stop || k.end != j - i) {
        missing++;
        printf("note: %s stopword '%.*s' is not one stopword token\n", lang->code, (int)(j - i),
               list + i);
      }
      vb_tok_free(t);
      i = j + 1;
    }
    CHECK_MSG(missing == 0, "%s: %d listed words are not stopword tokens", lang->code, missing);
  }
  size_t count = 1;
  CHECK(vb_stopword_list(L("und"), &count) == NULL && count == 0);
}

static void testInvalidUtf8(void) {
  /* Stray continuation bytes, a truncated sequence, an overlong NUL,
   * a surrogate: each invalid unit is a symbol token of U+FFFD. */
  const char z[] = "ab\x80" "cd \xe2\x82 x \xc0\x80 \xed\xa0\x80 caf\xe9 \xff";
  size_t n = sizeof z - 1;
  CHECK_STR(descN("en", z, n, 't', VB_TOK_WANT_STEM),
            "ab|\x80|cd|\xe2\x82|x|\xc0\x80|\xed\xa0\x80|caf|\xe9|\xff");
  CHECK_STR(descN("en", z, n, 'k', VB_TOK_WANT_STEM), "w|y|w|y|w|y|y|w|y|y");
  CHECK_STR(descN("en", z, n, 'n', VB_TOK_WANT_STEM),
            "ab|\xef\xbf\xbd|cd|\xef\xbf\xbd|x|\xef\xbf\xbd|\xef\xbf\xbd|caf|\xef\xbf\xbd|"
            "\xef\xbf\xbd");
  /* NUL bytes inside a buffer are control characters: skipped. */
  CHECK_STR(descN("en", "a\0b", 3, 't', VB_TOK_WANT_STEM), "a|b");
  CHECK_STR(descN("en", "a.b,c", 5, 't', VB_TOK_WORDS_ONLY | VB_TOK_WANT_STEM), "a.b|c");
}

static void testLongTokens(void) {
  size_t n = 3000, i;
  char *z = malloc(n + 1);
  for (i = 0; i < n; i++) z[i] = 'a';
  z[n] = 0;
  vb_tokenizer *t = vb_tok_new(L("en"), VB_TOK_WANT_STEM);
  vb_token k;
  int count = 0, ok = 1;
  vb_tok_reset(t, (const unsigned char *)z, n);
  while (vb_tok_next(t, &k) == 1) {
    count++;
    if (k.end - k.start > VB_TOK_MAX_BYTES) ok = 0;
  }
  CHECK(ok);
  CHECK_INT(count, (n + VB_TOK_MAX_BYTES - 1) / VB_TOK_MAX_BYTES);
  /* 3000 combining marks after a letter: cut too, and every byte covered. */
  char *m = malloc(2 * n + 2);
  m[0] = 'a';
  for (i = 0; i < n; i++) memcpy(m + 1 + 2 * i, "\xcc\x81", 2);
  m[2 * n + 1] = 0;
  size_t covered = 0;
  vb_tok_reset(t, (const unsigned char *)m, 2 * n + 1);
  while (vb_tok_next(t, &k) == 1) covered += k.end - k.start;
  CHECK_INT(covered, 2 * n + 1);
  vb_tok_free(t);
  free(z);
  free(m);
}

/* The cache gives the same stems as Snowball itself, past its capacity. */
static void testCache(void) {
  struct sb_stemmer *sb = sb_stemmer_new("english", "UTF_8");
  vb_tokenizer *t = vb_tok_new(L("en"), VB_TOK_WANT_STEM);
  vb_tokenizer *small = vb_tok_new(L("en"), VB_TOK_WANT_STEM);
  char word[64];
  int bad = 0, round, i;
  vb_tok_cache_limit(small, 7);
  for (round = 0; round < 2; round++) {
    for (i = 0; i < VB_TOK_CACHE_MAX + 5000; i += (round ? 97 : 1)) {
      static const char *const suffix[] = {"ing", "ed", "s", "ation", "ly", "ness"};
      int len = snprintf(word, sizeof word, "w%xq%s", (unsigned)i, suffix[i % 6]);
      const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)word, len);
      vb_token k;
      vb_tok_reset(t, (const unsigned char *)word, (size_t)len);
      if (vb_tok_next(t, &k) != 1 || strcmp(k.stem, (const char *)s) != 0 ||
          k.hash != vb_tok_hash(s, (size_t)sb_stemmer_length(sb))) {
        if (bad++ < 5) printf("FAIL cache: %s -> %s, want %s\n", word, k.stem, (const char *)s);
      }
      if (i % 13 == 0) {
        vb_tok_reset(small, (const unsigned char *)word, (size_t)len);
        if (vb_tok_next(small, &k) != 1 || strcmp(k.stem, (const char *)s) != 0) bad++;
      }
    }
  }
  CHECK_INT(bad, 0);
  /* Stopword flags survive a cache emptied many times. */
  CHECK_STR(desc("en", "the running the", 'x'), "1|0|1");
  vb_tok_reset(small, (const unsigned char *)"a b c d e f g h i the of", 24);
  vb_token k;
  int stops = 0;
  while (vb_tok_next(small, &k) == 1) stops += k.stop;
  CHECK_INT(stops, 4); /* a, i, the, of */
  vb_tok_free(t);
  vb_tok_free(small);
  sb_stemmer_delete(sb);
}

static void testNormalize(void) {
  CHECK_STR(norm("  \xe2\x80\x9c" "Don\xe2\x80\x99t\xe2\x80\x9d \t\n STOP\xe2\x80\x94now\xc2\xa0 ",
                 VB_NORM_FOLD),
            "\"don't\" stop-now");
  CHECK_STR(norm("Stra\xc3\x9f" "e \xef\xac\x81 \xe2\x91\xa0", VB_NORM_FOLD), "strasse fi 1");
  CHECK_STR(norm("Stra\xc3\x9f" "e \xef\xac\x81", VB_NORM_NFKC), "Stra\xc3\x9f" "e fi");
  CHECK_STR(norm("\xef\xac\x81", VB_NORM_NFC), "\xef\xac\x81");
  CHECK_STR(norm("\xc3\xa9", VB_NORM_NFD), "e\xcc\x81");
  CHECK_STR(norm("e\xcc\x81", VB_NORM_NFC), "\xc3\xa9");
  CHECK_STR(norm("\xef\xac\x81\xcc\x81", VB_NORM_NFKD), "fi\xcc\x81");
  CHECK_STR(norm("\xef\xac\x81\xcc\x81", VB_NORM_NFKC), "f\xc3\xad");
  /* Canonical ordering: dot below (220) before acute (230). */
  CHECK_STR(norm("a\xcc\x81\xcc\xa3", VB_NORM_NFD), "a\xcc\xa3\xcc\x81");
  CHECK_STR(norm("a\xcc\x81\xcc\xa3", VB_NORM_NFC), "\xe1\xba\xa1\xcc\x81");
  /* Hangul composes and decomposes. */
  CHECK_STR(norm("\xea\xb0\x80", VB_NORM_NFD), "\xe1\x84\x80\xe1\x85\xa1");
  CHECK_STR(norm("\xe1\x84\x80\xe1\x85\xa1", VB_NORM_NFC), "\xea\xb0\x80");
  CHECK_STR(norm("", VB_NORM_FOLD), "");
  CHECK_STR(norm("   ", VB_NORM_FOLD), "");
  CHECK_STR(norm("   ", VB_NORM_NFC), "   ");
  CHECK_STR(norm("a\xff" "b", VB_NORM_NFC), "a\xef\xbf\xbd" "b");
  CHECK_STR(norm("ab\xe2\x80\x8d" "c", VB_NORM_FOLD), "abc");
  vb_buf b = {0};
  CHECK_INT(vb_normalize((const unsigned char *)"x", 1, (vb_norm_form)99, &b), VB_EARG);
  vb_buf_free(&b);
}

/* Long inputs: chunk cuts keep the result equal to a chunk-free reference
 * (the same text normalized piece by piece at ASCII boundaries), and a run
 * of 100000 marks in reverse canonical order is sorted in linear time. */
static void testNormalizeLong(void) {
  size_t reps = 5000, i;
  const char *piece = "\xc3\x89t\xc3\xa9 \xea\xb0\x80\xe1\x86\xa8 a\xcc\x81\xcc\xa3 ";
  size_t pn = strlen(piece);
  vb_buf in = {0}, out = {0}, one = {0}, want = {0};
  for (i = 0; i < reps; i++) vb_buf_append(&in, piece, pn);
  vb_normalize((const unsigned char *)piece, pn, VB_NORM_NFC, &one);
  for (i = 0; i < reps; i++) vb_buf_append(&want, one.z, one.n);
  CHECK_INT(vb_normalize(in.z, in.n, VB_NORM_NFC, &out), VB_OK);
  CHECK(out.n == want.n && memcmp(out.z, want.z, out.n) == 0);
  /* Without any ASCII: Cyrillic letters only. */
  vb_buf_reset(&in);
  vb_buf_reset(&out);
  for (i = 0; i < 20000; i++) vb_buf_append(&in, "\xd0\x99", 2); /* Й */
  CHECK_INT(vb_normalize(in.z, in.n, VB_NORM_NFD, &out), VB_OK);
  CHECK_INT(out.n, 20000 * 4);
  vb_buf_reset(&in);
  vb_buf_reset(&out);
  vb_buf_append(&in, "a", 1);
  for (i = 0; i < 100000; i++) vb_buf_append(&in, (i & 1) ? "\xcc\xa3" : "\xcc\x81", 2);
  CHECK_INT(vb_normalize(in.z, in.n, VB_NORM_NFD, &out), VB_OK);
  CHECK_INT(out.n, in.n);
  vb_buf_free(&in);
  vb_buf_free(&out);
  vb_buf_free(&one);
  vb_buf_free(&want);
}

/* Every token's norm is vb_normalize('fold') of the token, for every code
 * point of the two-byte fast path and the dashes and quotation marks, alone
 * and between letters. */
static void testFastFoldAgrees(void) {
  vb_tokenizer *t = vb_tok_new(L("en"), VB_TOK_WANT_NORM);
  vb_buf ref = {0};
  int bad = 0;
  int32_t cp;
  for (cp = 0x80; cp < 0x2020; cp++) {
    if (cp == 0x800) cp = 0x2010;
    unsigned char z[16];
    int k, len;
    for (k = 0; k < 3; k++) {
      len = 0;
      if (k > 0) z[len++] = 'A';
      len += vb_utf8_encode(cp, z + len);
      if (k == 2) len += vb_utf8_encode(0x0416, z + len); /* Ж */
      vb_token tok;
      vb_tok_reset(t, z, (size_t)len);
      while (vb_tok_next(t, &tok) == 1) {
        vb_buf_reset(&ref);
        vb_normalize(z + tok.start, tok.end - tok.start, VB_NORM_FOLD, &ref);
        if (ref.n != tok.nNorm || memcmp(ref.z, tok.norm, ref.n) != 0) {
          if (bad++ < 5) printf("FAIL fold of U+%04X: \"%s\" want \"%s\"\n", cp, tok.norm, ref.z);
        }
      }
    }
  }
  CHECK_INT(bad, 0);
  vb_buf_free(&ref);
  vb_tok_free(t);
}

int main(void) {
  testFastFoldAgrees();
  testBoundaries();
  testNorm();
  testStems();
  testStopwords();
  testInvalidUtf8();
  testLongTokens();
  testCache();
  testNormalize();
  testNormalizeLong();
  return check_done();
}
