/* SPDX-License-Identifier: MIT
 *
 * test_align.c -- unit tests of the alignment core (ext/core/align.c) on
 * crafted word sequences.  The word lists are built here from
 * space-separated lowercase words (each word is its own stem; a few
 * listed words are stopwords), so the algorithm is tested on its own;
 * the tokenizer path is covered by the SQL and Python tests and by one
 * test here through vb_words_collect.
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "verbatim/core.h"

static const char *const azStop[] = {"the", "a", "of", "and", "to", "in", "is", "that", "on", NULL};

static int isStop(const char *z, size_t n) {
  int k;
  for (k = 0; azStop[k]; k++) {
    if (strlen(azStop[k]) == n && memcmp(azStop[k], z, n) == 0) return 1;
  }
  return 0;
}

/* Words of z split at spaces; the stem is the word itself. */
static void words(vb_words *w, const char *z) {
  size_t i = 0, n = strlen(z);
  memset(w, 0, sizeof *w);
  w->a = malloc((n / 2 + 2) * sizeof *w->a);
  while (i < n) {
    while (i < n && z[i] == ' ') i++;
    if (i >= n) break;
    size_t s = i;
    while (i < n && z[i] != ' ') i++;
    vb_word *p = &w->a[w->n];
    p->h = (vb_fnv1a(VB_FNV_OFFSET, z + s, i - s) & ~(uint64_t)1) | (uint64_t)isStop(z + s, i - s);
    p->start = (uint32_t)s;
    p->end = (uint32_t)i;
    w->n++;
  }
}

static void wordsFree(vb_words *w) { free(w->a); }

/* Align two strings; returns the number of passages, fills r. */
static size_t align(const char *a, const char *b, int minWords, vb_align_result *r) {
  vb_words A, B;
  words(&A, a);
  words(&B, b);
  int rc = vb_align_words(&A, &B, minWords, r);
  CHECK_INT(rc, VB_OK);
  wordsFree(&A);
  wordsFree(&B);
  return r->n;
}

static void testIdentical(void) {
  const char *z = "the quick brown fox jumps over the lazy dog near the river bank";
  vb_align_result r;
  CHECK_INT(align(z, z, 5, &r), 1);
  CHECK_SPAN(z, r.a[0].aStart, r.a[0].aEnd, z);
  CHECK_SPAN(z, r.a[0].bStart, r.a[0].bEnd, z);
  CHECK_INT(r.a[0].words, 13);
  CHECK(r.a[0].score == 1.0);
  vb_align_result_free(&r);
}

static void testSubstitution(void) {
  const char *a = "officials said the bridge over the river was closed for urgent repairs yesterday";
  const char *b = "officials said the bridge over the canal was closed for urgent repairs yesterday";
  vb_align_result r;
  CHECK_INT(align(a, b, 5, &r), 1);
  CHECK_SPAN(a, r.a[0].aStart, r.a[0].aEnd, a);
  CHECK_SPAN(b, r.a[0].bStart, r.a[0].bEnd, b);
  CHECK_INT(r.a[0].words, 12);
  CHECK(r.a[0].score > 0.85 && r.a[0].score < 1.0);
  vb_align_result_free(&r);
}

static void testInsertions(void) {
  const char *a = "the minister promised new funding for rural schools and hospitals next year";
  const char *b = "unrelated opening words here then the minister quietly promised substantial new "
                  "funding for many rural schools and local hospitals next year and more after";
  vb_align_result r;
  CHECK_INT(align(a, b, 5, &r), 1);
  CHECK_SPAN(a, r.a[0].aStart, r.a[0].aEnd, a);
  CHECK_SPAN(b, r.a[0].bStart, r.a[0].bEnd,
             "the minister quietly promised substantial new funding for many rural schools and "
             "local hospitals next year");
  CHECK_INT(r.a[0].words, 12);
  vb_align_result_free(&r);
}

static void testDeletions(void) {
  const char *a = "the committee will publish its full report on the flooding in march";
  const char *b = "the committee will publish report on flooding in march";
  vb_align_result r;
  CHECK_INT(align(a, b, 5, &r), 1);
  CHECK_SPAN(a, r.a[0].aStart, r.a[0].aEnd, a);
  CHECK_SPAN(b, r.a[0].bStart, r.a[0].bEnd, b);
  CHECK_INT(r.a[0].words, 9);
  vb_align_result_free(&r);
}

static void testTwoPassages(void) {
  const char *a = "first passage about harvest yields falling sharply across northern provinces "
                  "filler text between them has nothing shared whatsoever really "
                  "second passage describes parliament voting against emergency budget measures";
  const char *b = "story opens: parliament voting against emergency budget measures surprised "
                  "observers. elsewhere harvest yields falling sharply across northern provinces "
                  "worried farmers";
  vb_align_result r;
  CHECK_INT(align(a, b, 5, &r), 2);
  /* Both passages, each in both texts, best (longer) first. */
  CHECK_SPAN(a, r.a[0].aStart, r.a[0].aEnd, "harvest yields falling sharply across northern provinces");
  CHECK_SPAN(b, r.a[0].bStart, r.a[0].bEnd, "harvest yields falling sharply across northern provinces");
  CHECK_SPAN(a, r.a[1].aStart, r.a[1].aEnd, "parliament voting against emergency budget measures");
  CHECK_SPAN(b, r.a[1].bStart, r.a[1].bEnd, "parliament voting against emergency budget measures");
  CHECK(r.a[0].raw >= r.a[1].raw);
  vb_align_result_free(&r);
}

static void testNoOverlap(void) {
  vb_align_result r;
  CHECK_INT(align("apples oranges pears plums grapes cherries", "cars trucks buses trains planes ships",
                  1, &r), 0);
  vb_align_result_free(&r);
  /* Stopwords alone are no anchor. */
  CHECK_INT(align("the of and to in the of and", "the of and to in the of and", 1, &r), 0);
  vb_align_result_free(&r);
  /* Shorter than min_words. */
  CHECK_INT(align("red green blue", "red green blue", 4, &r), 0);
  vb_align_result_free(&r);
  CHECK_INT(align("red green blue", "red green blue", 3, &r), 1);
  vb_align_result_free(&r);
  /* Empty input. */
  CHECK_INT(align("", "red green blue", 1, &r), 0);
  vb_align_result_free(&r);
  vb_words A;
  words(&A, "x y z");
  CHECK_INT(vb_align_words(&A, &A, 0, &r), VB_EARG);
  wordsFree(&A);
}

/* Repeated copies: each copy in B aligns with a different part of A, and
 * passages never overlap on either side. */
static void testRepeats(void) {
  const char *a = "alpha beta gamma delta epsilon zeta eta theta";
  const char *b = "alpha beta gamma delta epsilon zeta eta theta and again alpha beta gamma delta "
                  "epsilon zeta eta theta";
  vb_align_result r;
  CHECK_INT(align(a, b, 5, &r), 1);
  CHECK_INT(r.a[0].words, 8);
  vb_align_result_free(&r);
}

/* A long copy with an edit every 7 words: one passage covering it. */
static void testLongEdited(void) {
  vb_buf a = {0}, b = {0};
  char w[32];
  int k;
  for (k = 0; k < 3001; k++) {
    snprintf(w, sizeof w, "%sw%d", k ? " " : "", (k * 7919) % 1000);
    vb_buf_append(&a, w, strlen(w));
    if (k % 7 == 3) {
      snprintf(w, sizeof w, "%sx%d", k ? " " : "", k);
    }
    vb_buf_append(&b, w, strlen(w));
  }
  vb_align_result r;
  CHECK_INT(align((const char *)a.z, (const char *)b.z, 5, &r), 1);
  CHECK_INT(r.a[0].aStart, 0);
  CHECK_INT(r.a[0].aEnd, a.n);
  CHECK_INT(r.a[0].words, 3001 - 429); /* k % 7 == 3 for 429 of them */
  vb_align_result_free(&r);
  vb_buf_free(&a);
  vb_buf_free(&b);
}

/* A 10-word insertion inside a long copied passage: the band follows the
 * chain's path across it, so the passage stays whole. */
static void testLongInsertion(void) {
  const char *a = "one two three four five six seven eight nine ten eleven twelve thirteen "
                  "fourteen fifteen sixteen seventeen eighteen nineteen twenty";
  const char *b = "one two three four five six seven eight nine ten "
                  "xa xb xc xd xe xf xg xh xi xj "
                  "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";
  vb_align_result r;
  CHECK_INT(align(a, b, 5, &r), 1);
  CHECK_SPAN(a, r.a[0].aStart, r.a[0].aEnd, a);
  CHECK_SPAN(b, r.a[0].bStart, r.a[0].bEnd, b);
  CHECK_INT(r.a[0].words, 20);
  vb_align_result_free(&r);
}

/* Swapped blocks: two passages, crossing. */
static void testSwappedBlocks(void) {
  const char *a = "red orange yellow green blue indigo violet cat dog horse cow sheep goat pig";
  const char *b = "cat dog horse cow sheep goat pig red orange yellow green blue indigo violet";
  vb_align_result r;
  CHECK_INT(align(a, b, 5, &r), 2);
  CHECK_INT(r.a[0].words + r.a[1].words, 14);
  CHECK_SPAN(a, r.a[0].aStart, r.a[0].aEnd, "red orange yellow green blue indigo violet");
  CHECK_SPAN(b, r.a[0].bStart, r.a[0].bEnd, "red orange yellow green blue indigo violet");
  CHECK_SPAN(a, r.a[1].aStart, r.a[1].aEnd, "cat dog horse cow sheep goat pig");
  vb_align_result_free(&r);
}

/* Through the tokenizer: stems and stopwords of English. */
static void testTokenizer(void) {
  vb_tokenizer *t = vb_tok_new(vb_lang_get(VB_LANG_EN), VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
  vb_words A = {0}, B = {0};
  vb_align_result r;
  const char *a = "Officials said the bridge over the river was closed for repairs.";
  const char *b = "The bridge over the canal was closed for urgent repairs, officials said.";
  CHECK(t != NULL);
  CHECK_INT(vb_words_collect(&A, t, (const unsigned char *)a, strlen(a)), VB_OK);
  CHECK_INT(vb_words_collect(&B, t, (const unsigned char *)b, strlen(b)), VB_OK);
  CHECK_INT(A.n, 11);
  CHECK_INT(B.n, 12);
  CHECK(VB_WORD_STOP(&A.a[2]));           /* the */
  CHECK(!VB_WORD_STOP(&A.a[3]));          /* bridge */
  CHECK(VB_WORD_KEY(&A.a[0]) == VB_WORD_KEY(&B.a[10])); /* Officials = officials */
  CHECK_INT(vb_align_words(&A, &B, 5, &r), VB_OK);
  CHECK_INT(r.n, 1);
  CHECK_SPAN(a, r.a[0].aStart, r.a[0].aEnd, "the bridge over the river was closed for repairs");
  CHECK_SPAN(b, r.a[0].bStart, r.a[0].bEnd, "The bridge over the canal was closed for urgent repairs");
  CHECK_INT(r.a[0].words, 8);
  vb_align_result_free(&r);
  vb_words_free(&A);
  vb_words_free(&B);
  vb_tok_free(t);
}

int main(void) {
  testTokenizer();
  testLongInsertion();
  testSwappedBlocks();
  testIdentical();
  testSubstitution();
  testInsertions();
  testDeletions();
  testTwoPassages();
  testNoOverlap();
  testRepeats();
  testLongEdited();
  return check_done();
}
