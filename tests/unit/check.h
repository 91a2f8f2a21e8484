/* SPDX-License-Identifier: MIT
 *
 * check.h -- the unit-test harness: CHECK* macros count passes and failures,
 * print each failure with its line, and check_done() prints the closing line
 * "N passed, N failed" and returns the exit status.
 */
#ifndef VB_CHECK_H
#define VB_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (cond) {                                                          \
      check_passed++;                                                    \
    } else {                                                             \
      check_failed++;                                                    \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);             \
    }                                                                    \
  } while (0)

#define CHECK_MSG(cond, ...)                                             \
  do {                                                                   \
    if (cond) {                                                          \
      check_passed++;                                                    \
    } else {                                                             \
      check_failed++;                                                    \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);                        \
      printf(__VA_ARGS__);                                               \
      printf("\n");                                                      \
    }                                                                    \
  } while (0)

#define CHECK_INT(got, want)                                             \
  do {                                                                   \
    long long g_ = (long long)(got), w_ = (long long)(want);             \
    CHECK_MSG(g_ == w_, "%s = %lld, want %lld", #got, g_, w_);           \
  } while (0)

#define CHECK_STR(got, want)                                             \
  do {                                                                   \
    const char *g_ = (got), *w_ = (want);                                \
    CHECK_MSG(g_ && w_ && strcmp(g_, w_) == 0, "%s = \"%s\", want \"%s\"", \
              #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");             \
  } while (0)

/* Compare a span z[a..b) with a NUL-terminated string. */
#define CHECK_SPAN(z, a, b, want)                                        \
  do {                                                                   \
    const char *w_ = (want);                                             \
    size_t a_ = (a), b_ = (b);                                           \
    CHECK_MSG(b_ >= a_ && strlen(w_) == b_ - a_ &&                       \
                  memcmp((const char *)(z) + a_, w_, b_ - a_) == 0,      \
              "span \"%.*s\", want \"%s\"", (int)(b_ - a_),              \
              (const char *)(z) + a_, w_);                               \
  } while (0)

static int check_done(void) {
  printf("%d passed, %d failed\n", check_passed, check_failed);
  return check_failed ? 1 : 0;
}

#endif
