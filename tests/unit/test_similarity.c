/* SPDX-License-Identifier: MIT
 *
 * test_similarity.c -- unit tests of the similarity module's string
 * algorithms: edit distance and Indel distance against the textbook dynamic
 * program on random strings of several scripts (lengths around the 64- and
 * 128-character block edges), Jaro-Winkler against a direct quadratic
 * implementation of rapidfuzz's definition, the common-affix trimming on
 * invalid UTF-8, and the work bound; the cosine's word weights and its
 * credit for related words (WordNet), paired one to one.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "verbatim/core.h"
#include "../../ext/core/sim_private.h"
#include "../../ext/core/word_prior.h"

static uint64_t rngState = 0x9E3779B97F4A7C15u;
static uint32_t rnd(void) {
  rngState ^= rngState << 13;
  rngState ^= rngState >> 7;
  rngState ^= rngState << 17;
  return (uint32_t)(rngState >> 11);
}

/* Decode into units as SQLite counts them. */
static size_t decode(const unsigned char *z, size_t n, int32_t *out) {
  size_t i = 0, k = 0;
  while (i < n) i = vb_utf8_next(z, n, i, &out[k++]);
  return k;
}

static int64_t dpLevenshtein(const int32_t *a, size_t na, const int32_t *b, size_t nb, int indel) {
  int64_t *prev = malloc((nb + 1) * sizeof *prev), *cur = malloc((nb + 1) * sizeof *cur);
  size_t i, j;
  for (j = 0; j <= nb; j++) prev[j] = (int64_t)j;
  for (i = 1; i <= na; i++) {
    cur[0] = (int64_t)i;
    for (j = 1; j <= nb; j++) {
      int64_t best = prev[j] + 1;
      if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
      if (a[i - 1] == b[j - 1]) {
        if (prev[j - 1] < best) best = prev[j - 1];
      } else if (!indel && prev[j - 1] + 1 < best) {
        best = prev[j - 1] + 1;
      }
      cur[j] = best;
    }
    int64_t *t = prev;
    prev = cur;
    cur = t;
  }
  int64_t d = prev[nb];
  free(prev);
  free(cur);
  return d;
}

/* rapidfuzz's Jaro-Winkler, directly: each character of the longer takes
 * the lowest unmatched equal character of the shorter within the window. */
static double refJaroWinkler(const int32_t *a, size_t na, const int32_t *b, size_t nb) {
  if (na == 0 && nb == 0) return 1.0;
  if (na == 0 || nb == 0) return 0.0;
  const int32_t *p = a, *t = b;
  size_t lp = na, lt = nb;
  if (na > nb) p = b, lp = nb, t = a, lt = na;
  size_t window = lt / 2;
  if (window) window--;
  char *fp = calloc(lp, 1), *ft = calloc(lt, 1);
  size_t m = 0, i, j, k, trans = 0;
  for (j = 0; j < lt; j++) {
    size_t lo = j > window ? j - window : 0, hi = j + window < lp ? j + window : lp - 1;
    for (i = lo; i <= hi && i < lp; i++) {
      if (!fp[i] && p[i] == t[j]) {
        fp[i] = ft[j] = 1;
        m++;
        break;
      }
    }
  }
  double sim = 0;
  if (m) {
    for (i = 0, k = 0; i < lp; i++) {
      if (!fp[i]) continue;
      while (!ft[k]) k++;
      trans += p[i] != t[k];
      k++;
    }
    trans /= 2;
    sim = ((double)m / lp + (double)m / lt + ((double)m - trans) / m) / 3.0;
  }
  if (sim > 0.7) {
    size_t l = 0;
    while (l < 4 && l < na && l < nb && a[l] == b[l]) l++;
    sim += l * 0.1 * (1.0 - sim);
  }
  free(fp);
  free(ft);
  return sim;
}

/* Random text from an alphabet of UTF-8 pieces (some invalid). */
static const char *const kAlpha[][8] = {
    {"a", "b", "c", "d", NULL},
    {"a", "b", " ", "e", "t", "o", "n", NULL},
    {"\xd0\xb0", "\xd0\xb1", "\xd0\xb2", "a", NULL},                /* Cyrillic + ASCII */
    {"\xe4\xb8\xad", "\xe6\x96\x87", "\xe5\xad\x97", NULL},         /* CJK */
    {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x81", "x", "\xc3\xa9", NULL}, /* emoji, é */
    {"\x80", "\xff", "\xc3", "a", "\xe4\xb8", NULL},                /* invalid units */
};

static size_t randText(unsigned char *buf, size_t nChars, int alpha) {
  size_t n = 0, k, nAlpha = 0;
  while (kAlpha[alpha][nAlpha]) nAlpha++;
  for (k = 0; k < nChars; k++) {
    const char *s = kAlpha[alpha][rnd() % nAlpha];
    memcpy(buf + n, s, strlen(s));
    n += strlen(s);
  }
  return n;
}

static void mutate(unsigned char *dst, size_t *pn, const unsigned char *src, size_t n, int alpha) {
  /* copy src with a few random edits, keeping whole pieces intact is not
   * required: any bytes are valid input */
  size_t i, o = 0;
  for (i = 0; i < n; i++) {
    uint32_t r = rnd() % 16;
    if (r == 0) continue;                         /* delete a byte */
    if (r == 1) o += randText(dst + o, 1, alpha); /* insert */
    dst[o++] = src[i];
  }
  *pn = o;
}

static void testEditDistanceRandom(void) {
  static const size_t kLens[] = {0, 1, 2, 5, 31, 63, 64, 65, 100, 127, 128, 129, 191, 192, 193, 300};
  static unsigned char a[4096], b[4096];
  static int32_t ua[4096], ub[4096];
  int bad = 0, badIndel = 0, badJw = 0, runs = 0;
  size_t li, lj;
  for (int alpha = 0; alpha < 6; alpha++) {
    for (li = 0; li < sizeof kLens / sizeof kLens[0]; li++) {
      for (lj = 0; lj < sizeof kLens / sizeof kLens[0]; lj++) {
        for (int rep = 0; rep < 3; rep++) {
          size_t na = randText(a, kLens[li], alpha), nb;
          if (rep == 2 && li == lj) {
            mutate(b, &nb, a, na, alpha); /* similar strings: long common runs */
          } else {
            nb = randText(b, kLens[lj], alpha);
          }
          size_t ka = decode(a, na, ua), kb = decode(b, nb, ub);
          int64_t d = -1, di = -1;
          double jw = -1;
          runs++;
          int rc = vb_edit_distance(a, na, b, nb, &d);
          if (rc != VB_OK || d != dpLevenshtein(ua, ka, ub, kb, 0)) {
            if (bad++ < 5)
              printf("levenshtein alpha %d lens %zu/%zu: got %lld want %lld\n", alpha, ka, kb,
                     (long long)d, (long long)dpLevenshtein(ua, ka, ub, kb, 0));
          }
          rc = vb_indel_distance(a, na, b, nb, &di);
          if (rc != VB_OK || di != dpLevenshtein(ua, ka, ub, kb, 1)) {
            if (badIndel++ < 5)
              printf("indel alpha %d lens %zu/%zu: got %lld want %lld\n", alpha, ka, kb,
                     (long long)di, (long long)dpLevenshtein(ua, ka, ub, kb, 1));
          }
          rc = vb_jaro_winkler(a, na, b, nb, &jw);
          double want = refJaroWinkler(ua, ka, ub, kb);
          if (rc != VB_OK || jw < want - 1e-12 || jw > want + 1e-12) {
            if (badJw++ < 5)
              printf("jaro_winkler alpha %d lens %zu/%zu: got %.15f want %.15f\n", alpha, ka, kb,
                     jw, want);
          }
        }
      }
    }
  }
  CHECK_MSG(bad == 0, "%d of %d edit distances differ from the DP", bad, runs);
  CHECK_MSG(badIndel == 0, "%d of %d indel distances differ from the DP", badIndel, runs);
  CHECK_MSG(badJw == 0, "%d of %d Jaro-Winkler scores differ from the reference", badJw, runs);
}

static void testEditDistanceExamples(void) {
  int64_t d;
#define ED(x, y, want)                                                                      \
  do {                                                                                      \
    CHECK_INT(vb_edit_distance((const unsigned char *)x, strlen(x), (const unsigned char *)y, \
                               strlen(y), &d),                                             \
              VB_OK);                                                                       \
    CHECK_INT(d, want);                                                                     \
  } while (0)
  ED("", "", 0);
  ED("kitten", "sitting", 3);
  ED("sitting", "kitten", 3);
  ED("", "abc", 3);
  ED("flaw", "lawn", 2);
  ED("Привет", "привет", 1);
  ED("naïve", "naive", 1);
  ED("a\x80z", "a\xc3\xa9z", 1); /* a stray byte is a character */
  ED("\xe4\xb8\xad\xe6", "\xe4\xb8\xad\xe6\x96\x87", 1); /* truncated vs full: 2 units vs 2 */
#undef ED
}

static void testJaroWinklerExamples(void) {
  double s;
#define JW(x, y, want)                                                                     \
  do {                                                                                     \
    CHECK_INT(vb_jaro_winkler((const unsigned char *)x, strlen(x), (const unsigned char *)y, \
                              strlen(y), &s),                                             \
              VB_OK);                                                                      \
    CHECK_MSG(s > (want)-1e-9 && s < (want) + 1e-9, "jw(%s,%s) = %.12f, want %.12f", x, y, s, \
              (double)(want));                                                             \
  } while (0)
  JW("", "", 1.0);
  JW("a", "", 0.0);
  JW("MARTHA", "MARHTA", 0.961111111111);
  JW("DWAYNE", "DUANE", 0.84);
  JW("DIXON", "DICKSONX", 0.813333333333);
  JW("Mcihael", "Michael", 0.957142857143);
  JW("Xudong", "Rui", 0.5);
#undef JW
}

static void testBound(void) {
  size_t n = 1 << 20;
  unsigned char *a = malloc(n), *b = malloc(n);
  int64_t d;
  double s;
  memset(a, 'a', n);
  memset(b, 'b', n);
  CHECK_INT(vb_edit_distance(a, n, b, n, &d), VB_ELIMIT);
  CHECK_INT(vb_indel_distance(a, n, b, n, &d), VB_ELIMIT);
  CHECK_INT(vb_jaro_winkler(a, n, b, n, &s), VB_ELIMIT);
  /* identical long texts trim to nothing: no work, no limit */
  CHECK_INT(vb_edit_distance(a, n, a, n, &d), VB_OK);
  CHECK_INT(d, 0);
  /* a long text against a short one is linear */
  CHECK_INT(vb_edit_distance(a, n, (const unsigned char *)"xyz", 3, &d), VB_OK);
  CHECK_INT(d, (long long)n);
  free(a);
  free(b);
}

/* The ASCII fast path of vb_sim_fold gives the bytes vb_normalize gives. */
static void testFoldAscii(void) {
  static const char kPieces[] = "aZ q \t\n\r\v\f  .,'\"-\x01\x7f\x1f" "AzM0 ";
  unsigned char buf[64];
  int bad = 0, r;
  for (r = 0; r < 20000; r++) {
    size_t n = rnd() % 40, i;
    for (i = 0; i < n; i++) buf[i] = (unsigned char)kPieces[rnd() % (sizeof kPieces - 1)];
    vb_buf x = {0}, y = {0};
    vb_sim_fold(buf, n, &x);
    vb_normalize(buf, n, VB_NORM_FOLD, &y);
    if (x.n != y.n || (x.n && memcmp(x.z, y.z, x.n) != 0)) {
      if (bad++ < 3) printf("fold [%.*s] -> [%.*s], vb_normalize [%.*s]\n", (int)n, buf, (int)x.n, x.z, (int)y.n, y.z);
    }
    vb_buf_free(&x);
    vb_buf_free(&y);
  }
  CHECK_MSG(bad == 0, "%d ASCII folds differ from vb_normalize", bad);
  vb_buf f = {0};
  CHECK_INT(vb_sim_fold((const unsigned char *)"  Hello,   \xe2\x80\x9cWorld\xe2\x80\x9d \xe2\x80\x94 AGAIN ", 33, &f), VB_OK);
  CHECK_STR((const char *)f.z, "hello, \"world\" - again");
  vb_buf_free(&f);
}

/* The cache of prepared texts never changes a score: every pair scored by
 * a fresh scorer with the cache off equals, bit for bit, the same pair
 * scored in random order by long-lived scorers whose caches hit, collide
 * (one or two slots; every key hash equal), run out of bytes (the clock
 * evicts), or see texts over the cacheable size, in both argument orders
 * and for several languages. */
static void testCacheSameScores(void) {
  enum { NTEXT = 24, NSCORER = 6 };
  static const char *const kText[] = {
      "The licensee may copy and distribute verbatim copies of the Program's source code.",
      "You may copy and distribute verbatim copies of the program's source code as you receive it.",
      "A front-line worker said the well-known Putin-Pasechnik deal was shredded.",
      "The front line workers said the Putin Pasechnik deal was shreded.",
      "It is",
      "it is",
      "",
      "   ...   ",
      "12 345 6789",
      "bad \xff\xfe utf-8 \xc3 here and \xe2\x80 there",
      "Die Regierung hat das Gesetz am Montag beschlossen.",
      "Le gouvernement a adopt\xc3\xa9 la loi lundi.",
      "running runners ran quickly",
      "runs quickly, the runner ran",
  };
  static const char *const kLang[] = {"en", "de", "fr"};
  static const vb_sim_method kMethod[] = {VB_SIM_COSINE, VB_SIM_JACCARD,     VB_SIM_DICE,
                                          VB_SIM_OVERLAP, VB_SIM_CONTAINMENT, VB_SIM_LCS,
                                          VB_SIM_PARTIAL};
  unsigned char *aText[NTEXT];
  size_t anText[NTEXT], i, k;
  size_t nFixed = sizeof kText / sizeof kText[0];
  for (i = 0; i < NTEXT; i++) {
    if (i < nFixed) {
      anText[i] = strlen(kText[i]);
      aText[i] = malloc(anText[i] + 1);
      memcpy(aText[i], kText[i], anText[i] + 1);
    } else if (i < NTEXT - 2) { /* mixes of the fixed texts' words */
      char buf[512];
      size_t n = 0, w, nw = 3 + rnd() % 12;
      for (w = 0; w < nw; w++) {
        const char *src = kText[rnd() % 4];
        size_t len = strlen(src), at = rnd() % len, e = at;
        while (e < len && src[e] != ' ') e++;
        if (n + (e - at) + 1 < sizeof buf) {
          memcpy(buf + n, src + at, e - at);
          n += e - at;
          buf[n++] = ' ';
        }
      }
      anText[i] = n;
      aText[i] = malloc(n + 1);
      memcpy(aText[i], buf, n);
    } else { /* over the cacheable size (16384 bytes) */
      size_t n = 20000 + 7 * (NTEXT - i), j;
      aText[i] = malloc(n);
      for (j = 0; j < n; j++) aText[i][j] = kText[i % 4][j % strlen(kText[i % 4])];
      anText[i] = n;
    }
  }
  vb_sim *aSim[NSCORER];
  for (k = 0; k < NSCORER; k++) aSim[k] = vb_sim_new();
  CHECK_INT(vb_sim_cache_config(aSim[1], 1, 1 << 20, 64), VB_OK);   /* one slot */
  CHECK_INT(vb_sim_cache_config(aSim[2], 1, 1 << 20, 0), VB_OK);    /* every key collides */
  CHECK_INT(vb_sim_cache_config(aSim[3], 2, 1 << 20, 0), VB_OK);    /* same, pinned slot */
  CHECK_INT(vb_sim_cache_config(aSim[4], 8, 3000, 64), VB_OK);      /* byte bound evicts */
  CHECK_INT(vb_sim_cache_config(aSim[5], 1024, 1 << 20, 3), VB_OK); /* 8 distinct keys */
  CHECK_INT(vb_sim_cache_config(aSim[0], 1024, 1 << 20, 65), VB_EARG);
  int bad = 0, round;
  for (round = 0; round < 3000; round++) {
    size_t a = rnd() % NTEXT, b = rnd() % 4 == 0 ? a : rnd() % NTEXT;
    vb_sim_method method = kMethod[rnd() % (sizeof kMethod / sizeof kMethod[0])];
    const vb_lang *lang = vb_lang_find(kLang[rnd() % 3], 2);
    double want = -1, got = -1;
    vb_sim *fresh = vb_sim_new();
    vb_sim_cache_config(fresh, 0, 0, 64);
    vb_sim_set_prefilter(fresh, 0); /* the reference scores every soft candidate */
    int rcWant = vb_sim_score(fresh, method, lang, aText[a], anText[a], aText[b], anText[b], &want);
    vb_sim_free(fresh);
    for (k = 0; k < NSCORER; k++) {
      int rc = vb_sim_score(aSim[k], method, lang, aText[a], anText[a], aText[b], anText[b], &got);
      if (rc != rcWant || memcmp(&got, &want, sizeof got) != 0) {
        if (bad++ < 5) {
          printf("scorer %zu, %s, texts %zu and %zu: %.17g (rc %d), fresh %.17g (rc %d)\n", k,
                 vb_sim_method_name((int)method), a, b, got, rc, want, rcWant);
        }
      }
    }
  }
  CHECK_MSG(bad == 0, "%d cached scores differ from a fresh scorer's", bad);
  for (k = 0; k < NSCORER; k++) vb_sim_free(aSim[k]);
  for (i = 0; i < NTEXT; i++) free(aText[i]);
}

static double cosineOf(vb_sim *sim, const char *lang, const char *a, const char *b) {
  double r = -1;
  const vb_lang *l = vb_lang_find(lang, strlen(lang));
  CHECK_INT(vb_sim_score(sim, VB_SIM_COSINE, l, (const unsigned char *)a, strlen(a),
                         (const unsigned char *)b, strlen(b), &r),
            VB_OK);
  return r;
}

#define CHECK_NEAR(x, want)                                                                  \
  do {                                                                                       \
    double x_ = (x), w_ = (want);                                                            \
    CHECK_MSG(x_ > w_ - 1e-9 && x_ < w_ + 1e-9, "%s = %.12f, want %.12f", #x, x_, w_);       \
  } while (0)

static double prior(const char *stem) { return vb_word_prior(stem, strlen(stem)); }

static void testCosineRelations(void) {
  vb_sim *sim = vb_sim_new();
  CHECK(sim != NULL);
  /* the modern-English prior: "artillery" is rarer than "position", and a
   * stem neither corpus holds weighs most */
  CHECK(prior("posit") < prior("artilleri"));
  CHECK(prior("artilleri") < prior("putin"));
  CHECK(prior("said") < prior("monday")); /* "said" counts as "say" */
  /* related words (a shared synset, a derivation) count 0.3 of a match:
   * 2 x 0.3 x wa x wb / (wa x wb) */
  CHECK_NEAR(cosineOf(sim, "en", "reconstruction", "restoration"), 0.6);
  CHECK_NEAR(cosineOf(sim, "en", "secure", "ensure"), 0.6);
  CHECK_NEAR(cosineOf(sim, "en", "artillery", "restoration"), 0.0);
  /* one to one: "reconstruction" pairs with the heavier of its two related
   * stems only, from either side */
  double wr = prior("reconstruct"), wc = prior("construct"), wo = prior("restor");
  double heavier = wc > wo ? wc : wo;
  double want = 2 * 0.3 * wr * heavier / (wr * sqrt(wc * wc + wo * wo));
  CHECK_NEAR(cosineOf(sim, "en", "reconstruction", "construction and restoration"), want);
  CHECK_NEAR(cosineOf(sim, "en", "construction and restoration", "reconstruction"), want);
  /* a spelling variant ("shrede", "shred") counts 0.5 of a match from each side */
  CHECK_NEAR(cosineOf(sim, "en", "shreded", "shredded"), 1.0);
  /* ... but only between stems of similar length (the shorter at least 3/5
   * of the longer): "cap" (3) is no variant of "capabl" (6), although
   * their Jaro-Winkler is 0.88; "capabl" and "capac" (5) still are */
  CHECK_NEAR(cosineOf(sim, "en", "cap", "capabilities"), 0.0);
  CHECK(cosineOf(sim, "en", "capabilities", "capacity") > 0.0);
  /* the relations are English: no credit under another language's stems */
  CHECK_NEAR(cosineOf(sim, "de", "reconstruction", "restoration"), 0.0);
  vb_sim_free(sim);
}

/* Random texts of near-miss words (misspellings: letters dropped, doubled,
 * swapped or changed, suffixes added), so many stem pairs sit near the soft
 * match threshold: a fresh scorer without the cache and without the soft
 * prefilter, one shared warm scorer, one with the cache off, one with a
 * tiny cache (2 slots, 600 bytes), one without the memo of prior entries
 * reached through tokenizer user words and one whose memo holds 3 entries
 * give bit-identical scores for every method, in both argument orders. */
static void testRandomSameScores(void) {
  static const char *const kBase[] = {
      "license",  "licensor", "licensee", "distribute", "distribution", "software", "program",
      "shredded", "minister", "ministry", "statement", "state",       "warranty", "warrant",
      "copy",     "copies",   "modify",   "modified",   "merchant",     "merchantability",
      "public",   "publish",  "the",      "of",         "and",          "Putin-Pasechnik",
      "front-line", "12",    "123",      "1234",       "caf\xc3\xa9",  "na\xc3\xafve",
      "\xff",     "don't"};
  static const vb_sim_method kMethod[] = {VB_SIM_COSINE, VB_SIM_JACCARD, VB_SIM_DICE,
                                          VB_SIM_OVERLAP, VB_SIM_CONTAINMENT, VB_SIM_LCS,
                                          VB_SIM_PARTIAL};
  enum { NTEXT = 48 };
  char aText[NTEXT][400];
  size_t anText[NTEXT], i, k;
  const size_t nBase = sizeof kBase / sizeof kBase[0];
  for (i = 0; i < NTEXT; i++) {
    size_t n = 0, w, nw = 1 + rnd() % 14;
    for (w = 0; w < nw; w++) {
      char word[64];
      const char *src = kBase[rnd() % nBase];
      size_t len = strlen(src);
      memcpy(word, src, len);
      switch (rnd() % 6) {
        case 0: if (len > 2) { size_t at = 2 + rnd() % (len - 2); memmove(word + at, word + at + 1, len - at); len--; } break;
        case 1: if (len < 60 && len > 2) { size_t at = 2 + rnd() % (len - 2); memmove(word + at + 1, word + at, len - at); len++; } break;
        case 2: if (len > 3) { size_t at = 2 + rnd() % (len - 3); char c = word[at]; word[at] = word[at + 1]; word[at + 1] = c; } break;
        case 3: if (len > 2) word[2 + rnd() % (len - 2)] = (char)('a' + rnd() % 26); break;
        case 4: if (len < 56) { memcpy(word + len, "ing", 3); len += 3; } break;
        default: break;
      }
      if (n + len + 1 < sizeof aText[i]) {
        memcpy(aText[i] + n, word, len);
        n += len;
        aText[i][n++] = rnd() % 5 ? ' ' : ',';
      }
    }
    anText[i] = n;
  }
  vb_sim *warm = vb_sim_new(), *off = vb_sim_new(), *tiny = vb_sim_new();
  vb_sim *memoOff = vb_sim_new(), *memoTiny = vb_sim_new();
  CHECK(warm && off && tiny && memoOff && memoTiny);
  if (!warm || !off || !tiny || !memoOff || !memoTiny) return;
  vb_sim_cache_config(off, 0, 0, 64);
  vb_sim_cache_config(tiny, 2, 600, 64);
  vb_sim_set_prior_memo(memoOff, 0);  /* prior entries through the direct-mapped cache only */
  vb_sim_set_prior_memo(memoTiny, 3); /* the user-word memo wraps around all the time */
  vb_sim_cache_config(memoTiny, 0, 0, 64);
  int bad = 0, round;
  for (round = 0; round < 4000; round++) {
    size_t a = rnd() % NTEXT, b = rnd() % NTEXT;
    vb_sim_method method = kMethod[rnd() % (sizeof kMethod / sizeof kMethod[0])];
    const unsigned char *za = (const unsigned char *)aText[a], *zb = (const unsigned char *)aText[b];
    double want = -1, got[5] = {-1, -1, -1, -1, -1};
    vb_sim *fresh = vb_sim_new();
    vb_sim_cache_config(fresh, 0, 0, 64);
    vb_sim_set_prefilter(fresh, 0); /* the reference scores every soft candidate */
    int rcWant = vb_sim_score(fresh, method, NULL, za, anText[a], zb, anText[b], &want);
    vb_sim_free(fresh);
    vb_sim *aSim[5] = {warm, off, tiny, memoOff, memoTiny};
    for (k = 0; k < 5; k++) {
      int rc = vb_sim_score(aSim[k], method, NULL, za, anText[a], zb, anText[b], &got[k]);
      if (rc != rcWant || memcmp(&got[k], &want, sizeof want) != 0) {
        if (bad++ < 5) {
          printf("scorer %zu, %s: '%.*s' vs '%.*s': %.17g, fresh %.17g\n", k,
                 vb_sim_method_name((int)method), (int)anText[a], aText[a], (int)anText[b],
                 aText[b], got[k], want);
        }
      }
    }
  }
  CHECK_MSG(bad == 0, "%d scores differ from a fresh scorer's without cache", bad);
  vb_sim_free(warm);
  vb_sim_free(off);
  vb_sim_free(tiny);
  vb_sim_free(memoOff);
  vb_sim_free(memoTiny);
}

/* The ASCII short path of vb_jaro_winkler gives the same double as the
 * code-point path: random ASCII pairs of up to 32 bytes against the same
 * pairs with every byte c mapped to U+0100 + c (two bytes each, same
 * equalities, so the same Jaro-Winkler). */
static void testJaroWinklerAsciiPath(void) {
  int bad = 0, round;
  for (round = 0; round < 20000; round++) {
    unsigned char a[32], b[32], ua[64], ub[64];
    size_t na = rnd() % 33, nb = rnd() % 33, i;
    unsigned alpha = 2 + rnd() % 10; /* small alphabets: many matches */
    for (i = 0; i < na; i++) a[i] = (unsigned char)('a' + rnd() % alpha);
    for (i = 0; i < nb; i++) b[i] = rnd() % 4 == 0 && i < na ? a[i] : (unsigned char)('a' + rnd() % alpha);
    for (i = 0; i < na; i++) ua[2 * i] = 0xC4 + (a[i] >> 6), ua[2 * i + 1] = 0x80 | (a[i] & 0x3F);
    for (i = 0; i < nb; i++) ub[2 * i] = 0xC4 + (b[i] >> 6), ub[2 * i + 1] = 0x80 | (b[i] & 0x3F);
    double x = -1, y = -2;
    vb_jaro_winkler(a, na, b, nb, &x);
    vb_jaro_winkler(ua, 2 * na, ub, 2 * nb, &y);
    if (memcmp(&x, &y, sizeof x) != 0 && bad++ < 5) {
      printf("jw '%.*s' '%.*s': ascii %.17g, code points %.17g\n", (int)na, a, (int)nb, b, x, y);
    }
  }
  CHECK_MSG(bad == 0, "%d ASCII Jaro-Winkler results differ from the code-point path", bad);
}

/* vb_word_prior answers every stem of the table with its weight, and a
 * stem whose first byte no table stem starts with (numbers) with the
 * default, which the first-byte shortcut returns without probing. */
static void testWordPriorShortcut(void) {
  unsigned i, bad = 0;
  for (i = 0; i < vb_word_prior_count; i++) {
    const char *z = vb_word_prior_text + vb_word_prior_offset[i];
    if ((float)vb_word_prior(z, strlen(z)) != vb_word_prior_weight[i]) bad++;
  }
  CHECK_MSG(bad == 0, "%u table stems get a wrong weight", bad);
  CHECK((float)vb_word_prior("2024", 4) == vb_word_prior_default);
  CHECK((float)vb_word_prior("1000th", 6) != vb_word_prior_default); /* the small table of numbers */
  CHECK((float)vb_word_prior("1000t", 5) == vb_word_prior_default);
  CHECK((float)vb_word_prior("xyzzy", 5) == vb_word_prior_default);
  CHECK((float)vb_word_prior("\xc3\xa9t\xc3\xa9", 6) == vb_word_prior_default);
  CHECK((float)vb_word_prior("qqqqqq", 6) == vb_word_prior_default);
}

int main(void) {
  testWordPriorShortcut();
  testJaroWinklerAsciiPath();
  testRandomSameScores();
  testCosineRelations();
  testCacheSameScores();
  testFoldAscii();
  testEditDistanceExamples();
  testJaroWinklerExamples();
  testEditDistanceRandom();
  testBound();
  return check_done();
}
