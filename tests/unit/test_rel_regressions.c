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

int main(void) {
  testStopwordInitRetries();
  testWordPriorLongStemAtTableEnd();
  return check_done();
}
