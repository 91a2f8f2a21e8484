/* SPDX-License-Identifier: MIT
 *
 * test_quotes.c -- unit tests of the quotes core (include/verbatim/quotes.h)
 * without SQLite: mark pairing, kinds, byte spans of quote/speaker/mention/
 * cue, turns, reported speech, and bad input (no marks, unbalanced marks,
 * deep nesting, invalid UTF-8), with allocation failures injected.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "verbatim/core.h"

static vb_quote_rules *g_rules;

/* All rows of z (at most 16). */
static int rows(const char *z, const char *lang, vb_quote *a, int max) {
  vb_quote_iter *it;
  int n = 0, rc;
  rc = vb_quotes_open(&it, g_rules, (const unsigned char *)z, strlen(z),
                      lang ? vb_lang_find(lang, strlen(lang)) : NULL);
  if (rc != VB_OK) return rc;
  vb_quote q;
  while ((rc = vb_quotes_next(it, &q)) == 1) {
    if (n < max) a[n] = q;
    n++;
  }
  vb_quotes_close(it);
  return rc < 0 ? rc : n;
}


static void testDirect(void) {
  vb_quote a[16];
  const char *z = "\u201cThe bridge will reopen in May,\u201d said Transport Secretary Lucy Hart.";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_SPAN(z, a[0].start, a[0].end, "The bridge will reopen in May,");
  CHECK_INT(a[0].kind, VB_QUOTE_DIRECT);
  CHECK_STR(vb_quote_kind_name(a[0].kind), "direct");
  CHECK(a[0].hasSpeaker && a[0].hasMention && a[0].hasCue);
  CHECK_SPAN(z, a[0].speakerStart, a[0].speakerEnd, "Lucy Hart");
  CHECK_SPAN(z, a[0].mentionStart, a[0].mentionEnd, "Transport Secretary Lucy Hart");
  CHECK_SPAN(z, a[0].cueStart, a[0].cueEnd, "said");
  CHECK_INT(a[0].ord, 1);
}

static void testApostrophes(void) {
  vb_quote a[16];
  const char *z = "'It's been a hard year for the farmers' union,' said Rob Kerr.";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_SPAN(z, a[0].start, a[0].end, "It's been a hard year for the farmers' union,");
  z = "\u2018The council\u2019s plan isn\u2019t working,\u2019 said resident Joe Bloggs.";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_SPAN(z, a[0].start, a[0].end, "The council\u2019s plan isn\u2019t working,");
  CHECK_INT(rows("A 12\" pipe and rock 'n' roll from the '60s.", "en", a, 16), 0);
}

static void testNestedAndPartial(void) {
  vb_quote a[16];
  const char *z = "\u201cThen Hana Kim said, \u2018We start over,\u2019 and that was it,\u201d "
                  "recalled Sara Olsen.";
  CHECK_INT(rows(z, "en", a, 16), 2);
  CHECK_SPAN(z, a[0].speakerStart, a[0].speakerEnd, "Sara Olsen");
  CHECK_SPAN(z, a[1].start, a[1].end, "We start over,");
  CHECK_SPAN(z, a[1].speakerStart, a[1].speakerEnd, "Hana Kim");
  z = "Senator Paul Grant called the deal \u201ca betrayal of families\u201d on Monday.";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_INT(a[0].kind, VB_QUOTE_PARTIAL);
  CHECK_SPAN(z, a[0].cueStart, a[0].cueEnd, "called");
  CHECK_INT(rows("The so-called \u201ctemporary\u201d levy stays.", "en", a, 16), 0);
}

static void testIndirectAndTurns(void) {
  vb_quote a[16];
  const char *z = "Defense chief Arno Veld was quoted as saying that the drills were routine.";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_INT(a[0].kind, VB_QUOTE_INDIRECT);
  CHECK_SPAN(z, a[0].start, a[0].end, "the drills were routine");
  CHECK_SPAN(z, a[0].cueStart, a[0].cueEnd, "was quoted as saying");
  CHECK_SPAN(z, a[0].speakerStart, a[0].speakerEnd, "Arno Veld");
  /* a reported clause that is one quotation is that quotation's words, a
   * direct quote without its marks (not an indirect row with the marks),
   * whether the cue has an object ("told reporters that") or not */
  z = "Leonid Pasechnik added that \u201cthe relative stability is good.\u201d";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_INT(a[0].kind, VB_QUOTE_DIRECT);
  CHECK_SPAN(z, a[0].start, a[0].end, "the relative stability is good.");
  CHECK_SPAN(z, a[0].cueStart, a[0].cueEnd, "added");
  CHECK_SPAN(z, a[0].speakerStart, a[0].speakerEnd, "Leonid Pasechnik");
  z = "The minister told reporters on Friday that \"the budget is fully funded\".";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_INT(a[0].kind, VB_QUOTE_DIRECT);
  CHECK_SPAN(z, a[0].start, a[0].end, "the budget is fully funded");
  CHECK_SPAN(z, a[0].cueStart, a[0].cueEnd, "told");
  z = "The minister said on Friday that \u201cthe budget is fully funded\u201d.";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_INT(a[0].kind, VB_QUOTE_DIRECT);
  CHECK_SPAN(z, a[0].start, a[0].end, "the budget is fully funded");
  CHECK_SPAN(z, a[0].cueStart, a[0].cueEnd, "said");
  CHECK_SPAN(z, a[0].speakerStart, a[0].speakerEnd, "The minister");
  /* a quotation that is only part of the clause stays inside the clause's row */
  z = "The minister said that the budget was \u201cfully funded\u201d and final.";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_INT(a[0].kind, VB_QUOTE_INDIRECT);
  CHECK_SPAN(z, a[0].start, a[0].end, "the budget was \u201cfully funded\u201d and final");
  /* a hard-wrapped narrator's sentence continues over CR LF as over LF */
  {
    static const char *const breaks[] = {"\n", "\r\n"};
    for (int k = 0; k < 2; k++) {
      char buf[256];
      snprintf(buf, sizeof buf, "Leonid Pasechnik, the acting head of the Lugansk republic, told%s"
               "reporters on Monday that \u201cwe are helping people.\u201d", breaks[k]);
      CHECK_INT(rows(buf, "en", a, 16), 1);
      CHECK_SPAN(buf, a[0].start, a[0].end, "we are helping people.");
      CHECK_SPAN(buf, a[0].speakerStart, a[0].speakerEnd, "Leonid Pasechnik");
      snprintf(buf, sizeof buf, "The acting head of the Lugansk republic, Leonid Pasechnik, said%s"
               "on Monday: \u201cWe are helping people.\u201d", breaks[k]);
      CHECK_INT(rows(buf, "en", a, 16), 1);
      CHECK_SPAN(buf, a[0].speakerStart, a[0].speakerEnd, "Leonid Pasechnik");
      CHECK_SPAN(buf, a[0].cueStart, a[0].cueEnd, "said");
    }
  }
  z = "HOST: Hello.\nMARTA GIL: Hi.\n\n(She laughs.)\n\nWell.\nHOST: Bye.";
  CHECK_INT(rows(z, "en", a, 16), 4);
  CHECK_INT(a[1].kind, VB_QUOTE_TURN);
  CHECK_SPAN(z, a[1].start, a[1].end, "Hi.");
  CHECK_SPAN(z, a[1].speakerStart, a[1].speakerEnd, "MARTA GIL");
  CHECK(!a[1].hasCue);
  CHECK_SPAN(z, a[2].start, a[2].end, "Well.");
  CHECK_SPAN(z, a[2].speakerStart, a[2].speakerEnd, "MARTA GIL");
  /* one label alone is a headline, not a transcript */
  z = "Mayor Lena Ortiz: \u201cWe will rebuild every home\u201d";
  CHECK_INT(rows(z, "en", a, 16), 1);
  CHECK_INT(a[0].kind, VB_QUOTE_DIRECT);
  CHECK_SPAN(z, a[0].speakerStart, a[0].speakerEnd, "Lena Ortiz");
  CHECK(!a[0].hasCue);
}

static void testBadInput(void) {
  vb_quote a[16];
  CHECK_INT(rows("", "en", a, 16), 0);
  CHECK_INT(rows("No marks at all. None.", NULL, a, 16), 0);
  /* unbalanced and deeply nested marks: bounded output, spans stay inside */
  size_t n = 300000;
  char *z = malloc(n * 3 + 16);
  memcpy(z, "He said: ", 9);
  for (size_t i = 0; i < n; i++) memcpy(z + 9 + 3 * i, "\u201c", 3);
  z[9 + 3 * n] = 'x';
  z[9 + 3 * n + 1] = 0;
  CHECK_INT(rows(z, "en", a, 16), 1); /* unclosed: runs to the paragraph end */
  CHECK_INT(a[0].start, 12);
  CHECK_INT(a[0].end, 9 + 3 * n + 1);
  CHECK_SPAN(z, a[0].cueStart, a[0].cueEnd, "said");
  for (size_t i = 0; i < n; i++) memcpy(z + 3 * i, i < n / 2 ? "\u201c" : "\u201d", 3);
  z[3 * n] = 0;
  CHECK_INT(rows(z, "en", a, 16), 0); /* no words inside */
  free(z);
  /* nested four deep: each quotation once (regression: the recursion
   * re-read the token buffer of the enclosing sentence) */
  const char *deep = "Ann Lee said: \u201cBo Ray said: \u2018Cy Li said: \u201cDi Wu said: "
                     "\u2018go.\u2019\u201d\u2019\u201d";
  CHECK_INT(rows(deep, "en", a, 16), 4);
  for (int i = 1; i < 4; i++) CHECK(a[i].start > a[i - 1].start);
  /* invalid UTF-8: spans on unit boundaries */
  const char *bad = "\xff\xe2\x80\x9c\xc0x\xe2\x80\x9d said Ann \xfe.";
  int k = rows(bad, "en", a, 16);
  CHECK(k >= 0);
  for (int i = 0; i < k && i < 16; i++) CHECK(a[i].start <= a[i].end && a[i].end <= strlen(bad));
}

static int g_failAfter = -1;
static void *failMalloc(size_t n) {
  if (g_failAfter == 0) return NULL;
  if (g_failAfter > 0) g_failAfter--;
  return malloc(n);
}
static void *failRealloc(void *p, size_t n) {
  if (g_failAfter == 0) return NULL;
  if (g_failAfter > 0) g_failAfter--;
  return realloc(p, n);
}

static void testNoMem(void) {
  vb_mem m = {failMalloc, failRealloc, free};
  const char *z = "Senator Ellen Marsh voted no. \u201cIt was rushed,\u201d she said. "
                  "HOST: a\nGIL: b\nPutin said that talks would resume.";
  vb_quote a[16];
  vb_mem_set(&m);
  int sawNomem = 0, sawOk = 0;
  for (int k = 0; k < 200 && !sawOk; k++) {
    g_failAfter = k;
    int rc = rows(z, "en", a, 16);
    if (rc == VB_NOMEM) sawNomem = 1;
    else if (rc >= 0) sawOk = 1;
    else CHECK_INT(rc, VB_NOMEM);
  }
  g_failAfter = -1;
  vb_mem_set(NULL);
  CHECK(sawNomem && sawOk);
}

/* Memory follows what is found, not the bytes: on 1 MB of unbalanced
 * marks (one quotation spanning the whole text) no single allocation
 * exceeds 20 bytes per input byte.  Regression: the attribution reserved a
 * 48-byte token per byte of every sentence, so 100 MB of marks asked for
 * 3 GiB and ended in SQLITE_NOMEM. */
static size_t g_biggest;
static void *trackMalloc(size_t n) {
  if (n > g_biggest) g_biggest = n;
  return malloc(n);
}
static void *trackRealloc(void *p, size_t n) {
  if (n > g_biggest) g_biggest = n;
  return realloc(p, n);
}

static void testMemoryBound(void) {
  const char unit[] = "\"a \u201cb \u00abc '";
  size_t nUnit = sizeof unit - 1, n = (1 << 20) / nUnit * nUnit;
  char *z = malloc(n + 1);
  for (size_t i = 0; i < n; i++) z[i] = unit[i % nUnit];
  z[n] = 0;
  vb_mem m = {trackMalloc, trackRealloc, free};
  vb_quote a[4];
  g_biggest = 0;
  vb_mem_set(&m);
  int k = rows(z, "en", a, 4);
  vb_mem_set(NULL);
  CHECK_INT(k, 1);
  CHECK(a[0].start == 1 && a[0].end == n);
  CHECK(g_biggest <= 20 * n);
  free(z);
}

int main(void) {
  CHECK_INT(vb_quote_rules_new(&g_rules), VB_OK);
  testDirect();
  testApostrophes();
  testNestedAndPartial();
  testIndirectAndTurns();
  testBadInput();
  testNoMem();
  testMemoryBound();
  vb_quote_rules_free(g_rules);
  return check_done();
}
