/* SPDX-License-Identifier: MIT
 *
 * test_regex.c -- unit tests of the core PCRE2 wrapper (ext/core/regex.c):
 * compile errors, Unicode matching, find-all iteration with empty matches,
 * invalid UTF-8 subjects, SQLite-unit spans, limits, allocator hooks and
 * allocation failures.  Every iteration test runs twice: on the JIT (when
 * PCRE2 has one) and on the fragment-wise interpreter (VB_REGEX_NO_JIT), and
 * both must give the same spans.
 */
#include "check.h"
#include "verbatim/regex.h"

#include <stdlib.h>
#include <string.h>

static int g_badSpans; /* spans that broke findAll's invariants */

/* 1 if b is a unit boundary of z[0..n) (verbatim/base.h). */
static int isBoundary(const char *z, size_t n, size_t b) {
  size_t i = 0;
  int32_t cp;
  while (i < b) i = vb_utf8_step((const unsigned char *)z, n, i, &cp);
  return i == b;
}

/* All matches of zPat in z[0..n) as "s-e,s-e,…" (group 0), or "ERR<rc>".
 * Checks on the way that spans are on unit boundaries, in order, not
 * overlapping, and never the same empty match twice. */
static const char *findAll(const char *zPat, const char *z, size_t n, unsigned flags) {
  static char out[4096];
  vb_regex *re = NULL;
  vb_regex_iter *it = NULL;
  size_t used = 0;
  int rc = vb_regex_compile(&re, zPat, -1, flags, NULL);
  out[0] = 0;
  if (rc == VB_OK) rc = vb_regex_iter_new(&it, re);
  if (rc == VB_OK) {
    vb_regex_iter_reset(it, (const unsigned char *)z, n);
    size_t prevEnd = 0;
    int first = 1, prevEmpty = 0;
    while ((rc = vb_regex_iter_next(it)) == 1 && used < sizeof out - 64) {
      size_t s, e;
      vb_regex_iter_span(it, 0, &s, &e);
      if (!(s <= e && e <= n && isBoundary(z, n, s) && isBoundary(z, n, e) &&
            (first || s > prevEnd || (s == prevEnd && !(prevEmpty && e == s))))) {
        if (g_badSpans++ == 0) printf("FAIL /%s/: bad span %zu-%zu after %zu\n", zPat, s, e, prevEnd);
      }
      prevEnd = e;
      prevEmpty = s == e;
      first = 0;
      used += (size_t)snprintf(out + used, sizeof out - used, "%s%zu-%zu", used ? "," : "", s, e);
    }
  }
  if (rc < 0) snprintf(out, sizeof out, "ERR%d", rc);
  vb_regex_iter_free(it);
  vb_regex_free(re);
  return out;
}

static int jitAvailable(void) {
  vb_regex *re;
  int jit = vb_regex_compile(&re, "a", -1, 0, NULL) == VB_OK && vb_regex_is_jit(re);
  vb_regex_free(re);
  return jit;
}

/* findAll on the JIT path and on the interpreter path; both must agree. */
#define CHECK_ALL(pat, z, n, want)                                  \
  do {                                                              \
    CHECK_STR(findAll(pat, z, n, 0), want);                         \
    CHECK_STR(findAll(pat, z, n, VB_REGEX_NO_JIT), want);           \
  } while (0)
#define CHECK_ALLS(pat, z, want) CHECK_ALL(pat, z, strlen(z), want)

static void testCompile(void) {
  vb_regex *re = NULL;
  vb_regex_error err;
  CHECK_INT(vb_regex_compile(&re, "(\\w+)@(\\w+)(x)?", -1, 0, &err), VB_OK);
  CHECK(re != NULL);
  CHECK_INT(vb_regex_group_count(re), 3);
  vb_regex_free(re);

  CHECK_INT(vb_regex_compile(&re, "ab(c", -1, 0, &err), VB_EREGEX);
  CHECK(re == NULL);
  CHECK_INT(err.offset, 4);
  CHECK_STR(err.message, "missing closing parenthesis");

  CHECK_INT(vb_regex_compile(&re, "[z-a]", -1, 0, &err), VB_EREGEX);
  CHECK_INT(err.offset, 3);
  CHECK_STR(err.message, "range out of order in character class");

  /* \C could split a character: refused. */
  CHECK_INT(vb_regex_compile(&re, "a\\Cb", -1, 0, &err), VB_EREGEX);
  CHECK_STR(err.message, "using \\C is disabled by the application");

  /* The pattern itself must be valid UTF-8. */
  CHECK_INT(vb_regex_compile(&re, "a\xff", -1, 0, &err), VB_EREGEX);
  CHECK_INT(err.offset, 1);
  CHECK(strstr(err.message, "UTF-8 error") != NULL);

  /* Explicit length: a NUL inside the pattern is a literal NUL. */
  CHECK_INT(vb_regex_compile(&re, "a\0b", 3, 0, NULL), VB_OK);
  vb_regex_free(re);
  CHECK_ALL("a\\x00b", "xa\0b", 4, "1-4");

  vb_regex_free(NULL);
  vb_regex_iter_free(NULL);

  /* VERBATIM_NO_JIT turns the JIT off (make memcheck sets it); "0" does not. */
  if (jitAvailable()) {
    setenv("VERBATIM_NO_JIT", "1", 1);
    CHECK_INT(vb_regex_compile(&re, "a", -1, 0, NULL), VB_OK);
    CHECK_INT(vb_regex_is_jit(re), 0);
    vb_regex_free(re);
    setenv("VERBATIM_NO_JIT", "0", 1);
    CHECK(jitAvailable());
    unsetenv("VERBATIM_NO_JIT");
  }
  CHECK_INT(vb_regex_compile(&re, "a", -1, VB_REGEX_NO_JIT, NULL), VB_OK);
  CHECK_INT(vb_regex_is_jit(re), 0);
  vb_regex_free(re);
}

static void testUnicode(void) {
  /* UCP: \w and \d are Unicode classes; caseless matching is Unicode. */
  CHECK_ALLS("\\w+", "héllo, wörld", "0-6,8-14");
  CHECK_ALLS("\\w+", "Привет мир", "0-12,13-19");
  CHECK_ALLS("\\d+", "x ٣٤ 12", "2-6,7-9");
  CHECK_ALLS("(?i)привет", "ПРИВЕТ", "0-12");
  CHECK_STR(findAll("привет", "ПРИВЕТ", 12, VB_REGEX_CASELESS), "0-12");
  CHECK_ALLS("\\bword\\b", "a word, swordfish", "2-6");
  CHECK_ALLS(".", "a€😀", "0-1,1-4,4-8");
  CHECK_ALLS("\\p{Cyrillic}+", "abc где xyz", "4-10");
  CHECK_ALLS("^\\w", "one\ntwo", "0-1");
  CHECK_ALLS("(?m)^\\w", "one\ntwo", "0-1,4-5");
  CHECK_ALLS("", "", "0-0");
  CHECK_ALLS("x", "", "");
}

static void testEmptyMatches(void) {
  /* Perl's and Python's rule. */
  CHECK_ALLS("x*", "axb", "0-0,1-2,2-2,3-3");
  CHECK_ALLS("", "abc", "0-0,1-1,2-2,3-3");
  /* Advancing after an empty match moves by a whole character. */
  CHECK_ALLS("", "é€😀", "0-0,2-2,5-5,9-9");
  CHECK_ALLS("\\b", "ab cd", "0-0,2-2,3-3,5-5");
  CHECK_ALLS("a|", "aab", "0-1,1-2,2-2,3-3");
  CHECK_ALLS("(?=b)", "abab", "1-1,3-3");
  /* 2026-11-21: options set at the start of the pattern hold on the JIT
   * path too ((*NOTEMPTY) was ignored there, and (*NO_JIT) made every match
   * fail with an "argument out of range" error). */
  CHECK_ALLS("(*NOTEMPTY)x*", "axxb", "1-3");
  CHECK_ALLS("(*NOTEMPTY)", "abc", "");
  CHECK_ALLS("(*NOTEMPTY_ATSTART)x*", "ab", "1-1,2-2");
  CHECK_ALLS("(*NO_JIT)b", "abab", "1-2,3-4");
  CHECK_ALLS("(*NO_JIT)", "ab", "0-0,1-1,2-2");
}

static void testInvalidUtf8(void) {
  /* Invalid bytes never match anything, not even '.', and no match crosses them. */
  CHECK_ALLS(".", "a\xff" "b", "0-1,2-3");
  CHECK_ALLS("a.b", "a\xff" "b", "");
  CHECK_ALLS("[^x]+", "ab\xfe\xff" "cd", "0-2,4-6");
  CHECK_ALLS("\\w+", "\x80\x80war\xc3", "2-5");
  /* ^ and $ do not match at the barriers; \b sees them as edges. */
  CHECK_ALLS("^b", "a\xff" "b", "");
  CHECK_ALLS("a$", "a\xff" "b", "");
  CHECK_ALLS("\\bb\\b", "a\xff" "b\xff" "c", "2-3");
  /* Surrogates and overlong forms are invalid too. */
  CHECK_ALLS(".", "\xed\xa0\x80" "a\xc0\xaf", "3-4");
  /* A valid character followed by stray continuation bytes is ONE SQLite
   * character: the match is widened to it. */
  CHECK_ALLS("é", "\xc3\xa9\x80z", "0-3");
  CHECK_ALLS("z", "\xc3\xa9\x80z", "3-4");
  CHECK_ALLS("\\w+", "ab\xc3\xa9\x80\x80 cd", "0-6,7-9");
  /* Empty matches inside such a character are skipped. */
  CHECK_ALLS("", "\xc3\xa9\x80", "0-0,3-3");
  /* Stray continuation bytes after ASCII are characters of their own. */
  CHECK_ALLS("", "a\x80" "b", "0-0,2-2,3-3");
  /* Empty matches beside invalid bytes: PCRE2's own rule (the JIT path)
   * tries every position that is not a continuation byte; the interpreter
   * path never starts a match inside or at the end of a fragment's
   * invalid bytes.  Non-empty matches are the same on both paths. */
  CHECK_STR(findAll("", "ab\xff", 3, VB_REGEX_NO_JIT), "0-0,1-1,3-3");
  CHECK_STR(findAll("\\b", "ab\xff" "cd", 5, VB_REGEX_NO_JIT), "0-0,3-3,5-5");
  if (jitAvailable()) {
    CHECK_STR(findAll("", "ab\xff", 3, 0), "0-0,1-1,2-2,3-3");
    CHECK_STR(findAll("\\b", "ab\xff" "cd", 5, 0), "0-0,2-2,3-3,5-5");
  }
  CHECK_ALLS("b", "ab\xff", "1-2");
  /* A NUL is an ordinary character. */
  CHECK_ALL("b", "a\0b", 3, "2-3");
}

static void testGroups(void) {
  vb_regex *re;
  vb_regex_iter *it;
  size_t s, e;
  const char *z = "ann@x bob@ cy@z";
  int pass;
  for (pass = 0; pass < 2; pass++) {
    CHECK_INT(vb_regex_compile(&re, "(\\w+)@(\\w+)?(q)?", -1, pass ? VB_REGEX_NO_JIT : 0, NULL),
              VB_OK);
    CHECK_INT(vb_regex_iter_new(&it, re), VB_OK);
    vb_regex_iter_reset(it, (const unsigned char *)z, strlen(z));
    CHECK_INT(vb_regex_iter_next(it), 1);
    CHECK_INT(vb_regex_iter_span(it, 1, &s, &e), 1);
    CHECK_SPAN(z, s, e, "ann");
    CHECK_INT(vb_regex_iter_span(it, 2, &s, &e), 1);
    CHECK_SPAN(z, s, e, "x");
    CHECK_INT(vb_regex_iter_span(it, 3, &s, &e), 0);
    CHECK_INT(vb_regex_iter_span(it, 4, &s, &e), 0);
    CHECK_INT(vb_regex_iter_span(it, -1, &s, &e), 0);
    CHECK_INT(vb_regex_iter_next(it), 1);
    CHECK_INT(vb_regex_iter_span(it, 0, &s, &e), 1);
    CHECK_SPAN(z, s, e, "bob@");
    CHECK_INT(vb_regex_iter_span(it, 2, &s, &e), 0);
    CHECK_INT(s + e, 0);
    CHECK_INT(vb_regex_iter_next(it), 1);
    CHECK_INT(vb_regex_iter_span(it, 2, &s, &e), 1);
    CHECK_SPAN(z, s, e, "z");
    CHECK_INT(vb_regex_iter_next(it), 0);
    CHECK_INT(vb_regex_iter_next(it), 0);
    CHECK_INT(vb_regex_iter_span(it, 0, &s, &e), 0);
    /* Groups after invalid bytes: absolute offsets on both paths. */
    vb_regex_iter_reset(it, (const unsigned char *)"\xff\xfe" "ab@cd", 7);
    CHECK_INT(vb_regex_iter_next(it), 1);
    CHECK_INT(vb_regex_iter_span(it, 2, &s, &e), 1);
    CHECK_INT(s, 5);
    CHECK_INT(e, 7);
    /* Reset starts over. */
    vb_regex_iter_reset(it, (const unsigned char *)z, strlen(z));
    CHECK_INT(vb_regex_iter_next(it), 1);
    CHECK_INT(vb_regex_iter_span(it, 0, &s, &e), 1);
    CHECK_INT(s, 0);
    vb_regex_iter_free(it);
    vb_regex_free(re);
  }
}

static void testLimits(void) {
  char *z = malloc(64);
  int pass;
  memset(z, 'a', 40);
  z[40] = '!';
  z[41] = 0;
  for (pass = 0; pass < 2; pass++) {
    unsigned f = pass ? VB_REGEX_NO_JIT : 0;
    /* The classic catastrophic pattern stops with VB_ELIMIT ... */
    CHECK_STR(findAll("(a+)+$", z, 41, f), "ERR-6");
    CHECK_STR(findAll("(\\w+\\s?)+$", z, 41, f), "ERR-6");
    /* ... while its harmless relatives run normally. */
    CHECK_STR(findAll("(a+)+!", z, 41, f), "0-41");
    CHECK_STR(findAll("a+$", z, 41, f), "");
  }
  {
    vb_regex *re;
    vb_regex_iter *it;
    char *big = malloc(200002);
    size_t i;
    for (i = 0; i < 200000; i++) big[i] = "ab"[i & 1];
    big[200000] = 'c';
    big[200001] = 0;
    /* The interpreter's heap limit: deep backtracking over a long subject. */
    CHECK_INT(vb_regex_compile(&re, "(?:a|b)*$", -1, VB_REGEX_NO_JIT, NULL), VB_OK);
    CHECK_INT(vb_regex_iter_new(&it, re), VB_OK);
    vb_regex_iter_limits(it, 0, 0, 256);
    vb_regex_iter_reset(it, (const unsigned char *)big, 200001);
    CHECK_INT(vb_regex_iter_next(it), VB_ELIMIT);
    CHECK_INT(vb_regex_iter_next(it), 0); /* stays finished after an error */
    /* A small match limit, then the default budget again is enough. */
    vb_regex_iter_free(it);
    vb_regex_free(re);
    CHECK_INT(vb_regex_compile(&re, "(?:a|b)*$", -1, 0, NULL), VB_OK);
    CHECK_INT(vb_regex_iter_new(&it, re), VB_OK);
    vb_regex_iter_limits(it, 1000, 0, 0);
    vb_regex_iter_reset(it, (const unsigned char *)big, 200001);
    CHECK_INT(vb_regex_iter_next(it), VB_ELIMIT);
    vb_regex_iter_limits(it, 10000000, 0, 0);
    vb_regex_iter_reset(it, (const unsigned char *)big, 2000);
    CHECK_INT(vb_regex_iter_next(it), 1);
    vb_regex_iter_free(it);
    vb_regex_free(re);
    free(big);
  }
  free(z);
}

/* 2026-11-21: a subject is read within its n bytes only.  PCRE2 10.42's JIT
 * with PCRE2_MATCH_INVALID_UTF reads the byte after the subject when it
 * tests \b or \B at the end of a subject that ends with invalid UTF-8 (a
 * BLOB from SQLite has no terminator), so the result depended on memory
 * after the subject. */
static void testSubjectEnd(void) {
  static const char *const aSubject[] = {"\xff", "a\xff", "\xe2\x82", "a\xe2\x82", " \xc3", "a\x80",
                                         "\xf0\x9f\x98\x80\xff\xe2\x82", "ab", "\xc3\xa9"};
  static const char *const aPattern[] = {"\\b", "\\B", "(?<=\\w)", "(?!\\w)", "$", "\\X"};
  size_t i, j;
  int g;
  for (i = 0; i < sizeof aSubject / sizeof *aSubject; i++) {
    for (j = 0; j < sizeof aPattern / sizeof *aPattern; j++) {
      size_t n = strlen(aSubject[i]);
      char want[4096], buf[16];
      memset(buf, 0, sizeof buf);
      memcpy(buf, aSubject[i], n);
      snprintf(want, sizeof want, "%s", findAll(aPattern[j], buf, n, 0));
      for (g = 1; g < 256; g++) { /* any byte after the subject: the same matches */
        memset(buf, g, sizeof buf);
        memcpy(buf, aSubject[i], n);
        if (strcmp(findAll(aPattern[j], buf, n, 0), want) != 0) break;
      }
      if (g < 256) {
        printf("FAIL /%s/ on subject %zu followed by byte %02x: %s, with NUL after: %s\n",
               aPattern[j], i, g, findAll(aPattern[j], buf, n, 0), want);
      }
      CHECK(g == 256);
    }
  }
  /* The JIT's results on such subjects, spelled out. */
  if (jitAvailable()) {
    char buf[8] = {'a', (char)0xff, 'a', 'a', 0};
    CHECK_STR(findAll("\\b", buf, 2, 0), "0-0,1-1");
    CHECK_STR(findAll("\\B", buf, 2, 0), "2-2");
  }
}

/* Big subjects: iteration is linear (runs in well under a second here on
 * 8 MB; a quadratic loop would not finish). */
static void testBig(void) {
  size_t n = 8u << 20, i;
  char *z = malloc(n + 1);
  vb_regex *re;
  vb_regex_iter *it;
  int pass;
  for (i = 0; i < n; i++) z[i] = (i % 5 == 4) ? ' ' : 'w';
  z[n] = 0;
  for (pass = 0; pass < 2; pass++) {
    size_t count = 0, s = 0, e = 0;
    CHECK_INT(vb_regex_compile(&re, "\\w+", -1, pass ? VB_REGEX_NO_JIT : 0, NULL), VB_OK);
    CHECK_INT(vb_regex_iter_new(&it, re), VB_OK);
    vb_regex_iter_reset(it, (const unsigned char *)z, n);
    while (vb_regex_iter_next(it) == 1) count++;
    CHECK_INT(count, (n + 4) / 5); /* the last word is short */
    /* An empty pattern: one match per character plus one at the end. */
    vb_regex_iter_free(it);
    vb_regex_free(re);
    CHECK_INT(vb_regex_compile(&re, "", -1, pass ? VB_REGEX_NO_JIT : 0, NULL), VB_OK);
    CHECK_INT(vb_regex_iter_new(&it, re), VB_OK);
    vb_regex_iter_reset(it, (const unsigned char *)z, 1u << 20);
    count = 0;
    while (vb_regex_iter_next(it) == 1) count++;
    CHECK_INT(count, (1u << 20) + 1);
    vb_regex_iter_span(it, 0, &s, &e);
    vb_regex_iter_free(it);
    vb_regex_free(re);
  }
  /* Mostly invalid bytes, interpreter path: fragments stay linear. */
  for (i = 0; i < n; i++) z[i] = (i % 3 == 0) ? 'x' : '\xff';
  CHECK_INT(vb_regex_compile(&re, "x", -1, VB_REGEX_NO_JIT, NULL), VB_OK);
  CHECK_INT(vb_regex_iter_new(&it, re), VB_OK);
  vb_regex_iter_reset(it, (const unsigned char *)z, n);
  {
    size_t count = 0;
    while (vb_regex_iter_next(it) == 1) count++;
    CHECK_INT(count, (n + 2) / 3);
  }
  vb_regex_iter_free(it);
  vb_regex_free(re);
  free(z);
}

/* Random subjects mixing valid characters, stray continuation bytes and
 * other invalid bytes: both paths give the same non-empty matches, and on
 * valid UTF-8 exactly the same matches.  Every span is on unit boundaries,
 * in order and not overlapping. */
static void dropEmpty(char *z) {
  char *w = z, *r = z;
  while (*r) {
    char *comma = strchr(r, ',');
    size_t len = comma ? (size_t)(comma - r) : strlen(r);
    size_t a, b;
    if (sscanf(r, "%zu-%zu", &a, &b) == 2 && a != b) {
      if (w != z) *w++ = ',';
      memmove(w, r, len);
      w += len;
    }
    r += len + (comma ? 1 : 0);
  }
  *w = 0;
}

static void testDifferential(void) {
  static const char *const azPat[] = {"", "\\b", "a*", "$", "(?=a)", "\\w+", "[^a]", "(?<=a).",
                                      "^.", ".$", "\\s", ".?", "(?m)^\\w", "a|\\W", NULL};
  static const char *const azAtom[] = {"a", " ", "\xc3\xa9", "\x80", "\xff", "\xc3", "\n",
                                       "\xe2\x82", "\xf0\x9f\x98\x80"};
  unsigned seed = 12345;
  int t, p, ok = 1, valid;
  for (t = 0; t < 3000; t++) {
    char z[64];
    size_t n = 0;
    int len, i;
    seed = seed * 1103515245u + 12345u;
    len = (int)((seed >> 16) % 8);
    valid = 1;
    for (i = 0; i < len; i++) {
      const char *a;
      seed = seed * 1103515245u + 12345u;
      a = azAtom[(seed >> 16) % 9];
      if (a[0] == '\x80' || a[0] == '\xff' || (a[0] == '\xc3' && a[1] == 0) || a[0] == '\xe2') {
        valid = 0;
      }
      memcpy(z + n, a, strlen(a));
      n += strlen(a);
    }
    z[n] = 0;
    for (p = 0; azPat[p]; p++) {
      char a[4096], b[4096];
      strcpy(a, findAll(azPat[p], z, n, 0));
      strcpy(b, findAll(azPat[p], z, n, VB_REGEX_NO_JIT));
      if (!valid) {
        dropEmpty(a);
        dropEmpty(b);
      }
      if (strcmp(a, b) != 0 && ok) {
        ok = 0;
        printf("FAIL differential: /%s/ on %zu bytes: jit %s, interpreter %s\n", azPat[p], n, a,
               b);
      }
    }
  }
  CHECK(ok);
}

/* 2026-11-21: a search of a long subject is cut into windows of start
 * positions, with a time budget checked between them (regex.c, "Time
 * budget").  Windows must not change any match: the same patterns with
 * "(?:\\G)?" in front (a no-op that makes the search whole) give the same
 * spans on random subjects of up to 2,000 bytes whose matches are rare, on
 * both paths. */
static void testWindows(void) {
  static const char *const azPat[] = {"ab", "(?<=a)b", "\\bab\\b", "b$", "(?m)^b", "a(?=b)",
                                      "(?:ab)+", "b\\B", "\\W\\w", "[^a\\s]{2}", "(?=ab)",
                                      "b|\\Aa", "(?s)b.", NULL};
  static const char *const azAtom[] = {"a", "a", "a", " ", "\xc3\xa9", "\x80", "\xff", "\n", "a"};
  static char z[2100], wrapped[64];
  unsigned seed = 4242;
  int t, p, pass, ok = 1;
  for (t = 0; t < 120 && ok; t++) {
    size_t n = 0, len;
    seed = seed * 1103515245u + 12345u;
    len = 130 + (seed >> 16) % 1800;
    while (n < len) {
      const char *a;
      seed = seed * 1103515245u + 12345u;
      a = ((seed >> 16) % 97 == 0) ? "b" : azAtom[(seed >> 20) % 9];
      memcpy(z + n, a, strlen(a));
      n += strlen(a);
    }
    z[n] = 0;
    for (p = 0; azPat[p]; p++) {
      for (pass = 0; pass < 2; pass++) {
        char a[4096];
        unsigned f = pass ? VB_REGEX_NO_JIT : 0;
        snprintf(wrapped, sizeof wrapped, "(?:\\G)?%s", azPat[p]);
        strcpy(a, findAll(azPat[p], z, n, f));
        if (strcmp(a, findAll(wrapped, z, n, f)) != 0 && ok) {
          ok = 0;
          printf("FAIL windows: /%s/ on %zu bytes (%s): %s, whole %s\n", azPat[p], n,
                 pass ? "interpreter" : "jit", a, findAll(wrapped, z, n, f));
        }
      }
    }
  }
  CHECK(ok);
  /* (*COMMIT), (*SKIP) and \G act on the whole search, so those patterns
   * are never windowed: a failure after (*COMMIT) at the first 'a' ends the
   * search, even with a match 300 bytes further on. */
  memset(z, 'x', 300);
  memcpy(z, "ac", 2);
  memcpy(z + 300, "ab", 3);
  for (pass = 0; pass < 2; pass++) {
    unsigned f = pass ? VB_REGEX_NO_JIT : 0;
    CHECK_STR(findAll("a(*COMMIT)b", z, 302, f), "");
    CHECK_STR(findAll("ab", z, 302, f), "300-302");
    /* \\G holds only where the search (or the previous match) starts: a
     * window starting further on must not make it hold there. */
    CHECK_STR(findAll("\\Gx", z + 1, 300, f), "");
    CHECK_STR(findAll("\\Gc|ab", z, 302, f), "300-302");
  }
}

/* A pattern that backtracks at every start position without reaching the
 * match limit: `(a+)+[bc]` over runs of 19 'a's and a '!' costs about 2^19
 * steps at each run (1,000 runs: a quarter of a second with the JIT).  The time budget stops it with VB_ELIMIT (and says so);
 * with no budget the same search runs to its end and finds nothing. */
static void testTimeBudget(void) {
  static char z[20000];
  vb_regex *re;
  vb_regex_iter *it;
  int k, pass;
  for (k = 0; k < 1000; k++) {
    memset(z + 20 * k, 'a', 19);
    z[20 * k + 19] = '!';
  }
  for (pass = 0; pass < 2; pass++) {
    CHECK_INT(vb_regex_compile(&re, "(a+)+[bc]", -1, pass ? VB_REGEX_NO_JIT : 0, NULL), VB_OK);
    CHECK_INT(vb_regex_iter_new(&it, re), VB_OK);
    vb_regex_iter_time_budget(it, 20);
    vb_regex_iter_reset(it, (const unsigned char *)z, sizeof z);
    CHECK_INT(vb_regex_iter_next(it), VB_ELIMIT);
    CHECK_INT(vb_regex_iter_timed_out(it), 1);
    CHECK_STR(vb_regex_iter_limit_text(it),
              "time limit exceeded (the pattern backtracks at every position: try a possessive "
              "or atomic group)");
    CHECK_INT(vb_regex_iter_next(it), 0);
    /* No budget: four runs searched to the end, no match, no error. */
    vb_regex_iter_time_budget(it, 0);
    vb_regex_iter_reset(it, (const unsigned char *)z, 4 * 20);
    CHECK_INT(vb_regex_iter_next(it), 0);
    CHECK_INT(vb_regex_iter_timed_out(it), 0);
    /* PCRE2's own limit is named as such. */
    vb_regex_iter_limits(it, 1000, 0, 0);
    vb_regex_iter_reset(it, (const unsigned char *)z, 4 * 20);
    CHECK_INT(vb_regex_iter_next(it), VB_ELIMIT);
    CHECK_INT(vb_regex_iter_timed_out(it), 0);
    CHECK_STR(vb_regex_iter_limit_text(it), "match limit exceeded");
    vb_regex_iter_free(it);
    vb_regex_free(re);
  }
}

/* ---- allocator hooks and allocation failures ------------------------------ */

static long g_live, g_calls, g_failAt = -1;

static void *countMalloc(size_t n) {
  if (g_failAt >= 0 && g_calls++ >= g_failAt) return NULL;
  size_t *p = malloc(n + sizeof(size_t) * 2);
  if (p == NULL) return NULL;
  g_live++;
  return p + 2;
}
static void *countRealloc(void *p, size_t n) {
  size_t *q = realloc((size_t *)p - 2, n + sizeof(size_t) * 2);
  return q ? q + 2 : NULL;
}
static void countFree(void *p) {
  g_live--;
  free((size_t *)p - 2);
}

static int runOnce(void) {
  vb_regex *re;
  vb_regex_iter *it;
  const char *z = "ab, cd\xff ef\xe2\x82"; /* ends in invalid UTF-8: the JIT matches a copy */
  int rc = vb_regex_compile(&re, "(\\w)(\\w)", -1, 0, NULL), n = 0;
  if (rc != VB_OK) return rc;
  rc = vb_regex_iter_new(&it, re);
  if (rc == VB_OK) {
    vb_regex_iter_reset(it, (const unsigned char *)z, strlen(z));
    while ((rc = vb_regex_iter_next(it)) == 1) n++;
    vb_regex_iter_free(it);
  }
  vb_regex_free(re);
  return rc < 0 ? rc : n;
}

static void testAllocator(void) {
  static const vb_mem mem = {countMalloc, countRealloc, countFree};
  long k;
  int sawNomem = 0, ok = 1;
  vb_mem_set(&mem);
  g_live = 0;
  CHECK_INT(runOnce(), 3);
  CHECK_INT(g_live, 0); /* every PCRE2 allocation went through the hooks and came back */
  CHECK(g_calls == 0);
  /* Fail the k-th allocation for every k: VB_NOMEM or success, never a crash or leak. */
  for (k = 0; k < 40; k++) {
    int rc;
    g_calls = 0;
    g_failAt = k;
    rc = runOnce();
    if (rc == VB_NOMEM) {
      sawNomem = 1;
    } else if (rc != 3) {
      ok = 0;
      printf("FAIL allocation failure %ld: rc %d\n", k, rc);
    }
    if (g_live != 0) {
      ok = 0;
      printf("FAIL allocation failure %ld: %ld blocks leaked\n", k, g_live);
    }
  }
  CHECK(ok);
  CHECK(sawNomem);
  g_failAt = -1;
  vb_mem_set(NULL);
}

int main(void) {
  testCompile();
  testUnicode();
  testEmptyMatches();
  testInvalidUtf8();
  testGroups();
  testLimits();
  testSubjectEnd();
  testBig();
  testDifferential();
  testWindows();
  testTimeBudget();
  testAllocator();
  CHECK_INT(g_badSpans, 0);
  return check_done();
}
