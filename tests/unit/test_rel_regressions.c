/* SPDX-License-Identifier: MIT
 *
 * test_rel_regressions.c -- regression tests, in the core, for defects the
 * reliability work found (allocation-failure runs, fuzzing).  Each test says
 * what broke.  The order matters: the first test must be the process's
 * first use of the tokenizer.
 */
#include <stdlib.h>
#include <string.h>

#include "../../ext/core/word_prior.h"
#include "check.h"
#include "verbatim/core.h"

/* An allocator that fails every allocation while g_fail is set. */
static int g_fail;
static void *failingMalloc(size_t n) { return g_fail ? NULL : malloc(n); }
static void *failingRealloc(void *p, size_t n) { return g_fail ? NULL : realloc(p, n); }
static void plainFree(void *p) { free(p); }

/* The stopword tables are built on first use; they were built under
 * pthread_once, so when that first build ran out of memory every later
 * vb_tok_new() failed with VB_NOMEM for the life of the process.  Found by
 * test_alloc (transient pass, cold start); fixed in ext/core/stopwords.c
 * (vb_stop_init retries a failed build). */
static void testStopwordInitRetries(void) {
  static const vb_mem failing = {failingMalloc, failingRealloc, plainFree};
  vb_mem_set(&failing);
  g_fail = 1;
  vb_tokenizer *t = vb_tok_new(vb_lang_get(VB_LANG_EN), VB_TOK_WANT_STEM);
  CHECK(t == NULL);
  CHECK_INT(vb_stopword(vb_lang_get(VB_LANG_EN), "the", 3), 0); /* cannot know yet */
  g_fail = 0;
  t = vb_tok_new(vb_lang_get(VB_LANG_EN), VB_TOK_WANT_STEM);
  CHECK(t != NULL);
  CHECK_INT(vb_stopword(vb_lang_get(VB_LANG_EN), "the", 3), 1);
  vb_tok_free(t);
  vb_mem_set(NULL);
}

/* similarity: vb_word_prior compared a probed table stem with memcmp over
 * the caller's stem length, reading past the end of the table when a long
 * stem hashed onto its last, shorter stem ("zuzim").  Found by fuzz_sql
 * (ASan global-buffer-overflow); fixed in ext/core/similarity.c.  The
 * ASan unit layer (make asan) catches a regression. */
static void testWordPriorLongStemAtTableEnd(void) {
  const char *zLast = "zuzim";
  unsigned mask = vb_word_prior_size - 1, h, k;
  h = vb_fnv1a32((const unsigned char *)zLast, strlen(zLast)) & mask;
  while (vb_word_prior_slot[h] &&
         strcmp(vb_word_prior_text + vb_word_prior_offset[vb_word_prior_slot[h] - 1], zLast) != 0) {
    h = (h + 1) & mask;
  }
  CHECK(vb_word_prior_slot[h] != 0);
  char zLong[64];
  for (k = 0; k < 10000000; k++) {
    snprintf(zLong, sizeof zLong, "zuzimzuzimzuzimzuzim%u", k);
    if ((vb_fnv1a32((const unsigned char *)zLong, strlen(zLong)) & mask) == h) break;
  }
  CHECK(k < 10000000);
  CHECK(vb_word_prior(zLong, strlen(zLong)) == (double)vb_word_prior_default);
  CHECK(vb_word_prior(zLast, strlen(zLast)) != (double)vb_word_prior_default);
}

/* A counting allocator that fails the g_failAt-th allocation (1-based). */
static long g_count, g_failAt;
static void *countingMalloc(size_t n) { return ++g_count == g_failAt ? NULL : malloc(n); }
static void *countingRealloc(void *p, size_t n) {
  return ++g_count == g_failAt ? NULL : realloc(p, n);
}

/* Runs quotes over z; returns VB_NOMEM (or another error) or the number of
 * rows, with their spans summed into *pSum. */
static long quoteRows(const vb_quote_rules *rules, const char *z, size_t *pSum) {
  vb_quote_iter *it = NULL;
  vb_quote q;
  long rows = 0;
  int rc = vb_quotes_open(&it, rules, (const unsigned char *)z, strlen(z), vb_lang_get(VB_LANG_EN));
  *pSum = 0;
  while (rc == VB_OK && (rc = vb_quotes_next(it, &q)) == 1) {
    rows++;
    *pSum += q.start * 31 + q.end * 7 + (size_t)q.kind;
    rc = VB_OK;
  }
  vb_quotes_close(it);
  return rc < 0 ? rc : rows;
}

/* quotes: the transcript-turn scan read PCRE2_ERROR_NOMEMORY from
 * pcre2_match as "no label here", so when PCRE2's frame allocation failed
 * the turns were silently dropped and quotes() returned fewer rows.  Found
 * by test_alloc; fixed in ext/core/quotes.c (findTurns).  Every failing
 * allocation must give VB_NOMEM or the full result. */
static void testQuotesNeverDropRowsOnNomem(void) {
  static const char zDoc[] =
      "\"We will not retreat,\" Putin said.\n"
      "Putin: How is it going?\n"
      "Pasechnik: All right, thank you. The situation is difficult.\n"
      "Putin: Good. Let us continue.\n";
  static const vb_mem counting = {countingMalloc, countingRealloc, plainFree};
  vb_quote_rules *rules = NULL;
  size_t sumRef, sum;
  long n, wrong = 0;
  vb_mem_set(&counting);
  g_failAt = 0;
  CHECK_INT(vb_quote_rules_new(&rules), VB_OK);
  long rowsRef = quoteRows(rules, zDoc, &sumRef);
  CHECK_INT(rowsRef, 4);
  for (n = 1; n < 100000; n++) {
    g_count = 0;
    g_failAt = n;
    long rows = quoteRows(rules, zDoc, &sum);
    long made = g_count;
    g_failAt = 0;
    if (rows != VB_NOMEM && (rows != rowsRef || sum != sumRef)) wrong++;
    if (made < n) break; /* nothing failed: every allocation point was tried */
  }
  CHECK_MSG(wrong == 0, "%ld allocation failures gave a wrong result instead of VB_NOMEM", wrong);
  CHECK(n > 1);
  vb_quote_rules_free(rules);
  vb_mem_set(NULL);
}

int main(void) {
  testStopwordInitRetries();
  testWordPriorLongStemAtTableEnd();
  testQuotesNeverDropRowsOnNomem();
  return check_done();
}
