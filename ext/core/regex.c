/* SPDX-License-Identifier: MIT
 *
 * regex.c -- the core's PCRE2 wrapper declared in include/verbatim/regex.h:
 * compile with Unicode and invalid-UTF-8 support, match under limits, and
 * iterate over every match of a subject.
 *
 * HOW IT WORKS
 * Compile: one pcre2_general_context per regex routes PCRE2's allocations to
 * vb_malloc/vb_free; the compile context and every iterator's match data
 * and match context are made from it, so it lives as long as the regex.
 * pcre2_jit_compile() is tried once; if it fails (no JIT in this PCRE2, no
 * executable memory) the interpreter is used, fragment by fragment (below).
 *
 * Limits (per iterator, in its match context): match_limit bounds the
 * backtracking work of one match attempt (PCRE2 restarts the count at each
 * start position of an unanchored search) for the interpreter and the JIT;
 * depth_limit and heap_limit bound the interpreter's backtracking frames;
 * the JIT runs on its own stack of at most VB_REGEX_JIT_STACK_MAX bytes.
 * Any of them running out is VB_ELIMIT.
 *
 * Two ways to match invalid UTF-8.  With the JIT, the pattern is compiled
 * with PCRE2_MATCH_INVALID_UTF and matched on the whole subject: PCRE2
 * treats invalid sequences as barriers.  PCRE2's interpreter also supports
 * that option, but validates the subject from the start offset to its end
 * (or its first invalid sequence) on every call, which makes a find-all loop
 * quadratic.  So without the JIT the pattern is compiled again without the
 * option and the iterator cuts the subject into fragments of valid UTF-8
 * itself (each validated once, with utf8proc), matching each fragment as a
 * subject of its own with PCRE2_NO_UTF_CHECK, and with PCRE2_NOTBOL /
 * PCRE2_NOTEOL at fragment edges that are not the subject's edges: the same
 * barrier rules that PCRE2_MATCH_INVALID_UTF documents (a match never
 * crosses invalid bytes; ^ and $ do not match at them; \b and lookbehind
 * see a fragment edge as the start or end of the subject).
 *
 * Time budget: the match limit restarts at every start position, so a
 * pattern that backtracks a lot at each position but stays under the limit
 * (`(a+)+[bc]` over runs of twenty `a`s) would make a search of a long
 * text run for minutes.  So a search of more than a window of start
 * positions is cut into windows with PCRE2's offset limit (the text before
 * a window stays visible to lookbehind and \b).  After each window without
 * a match the clock is read: a search that has run for over the budget
 * (VB_REGEX_TIME_BUDGET_MS, and more than VB_REGEX_NS_PER_BYTE for each
 * byte of start positions tried) stops with VB_ELIMIT.  Windows grow 4x
 * while they take under a millisecond and shrink 4x when one takes over
 * 10 ms, so a normal search makes few calls (a pattern with a first
 * character PCRE2 looks for with memchr rescans at most a few times) and a
 * slow one checks the clock often.  A pattern that uses \G,
 * (*NOTEMPTY_ATSTART), (*COMMIT) or (*SKIP), whose meaning depends on where
 * a call starts or on later start positions, is searched whole (the budget
 * cannot apply to it).
 *
 * Iteration: the search resumes at the end of the previous match.  After an
 * empty match at p the next search starts at p with PCRE2_NOTEMPTY_ATSTART,
 * so it finds a non-empty match at p or any match after p; PCRE2 itself
 * moves on by whole characters (and skips invalid sequences), so the loop
 * always makes progress.  Match ends are then moved to SQLite character
 * ("unit") boundaries by scanning forward from a position known to be a
 * boundary (the search start, or the match start): each byte is scanned a
 * bounded number of times, so a whole iteration stays linear.
 */
#include "verbatim/regex.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

/* Under valgrind the JIT is not used: its vectorised searches read aligned
 * words past the end of a subject, which valgrind reports as uses of
 * uninitialised memory (PCRE2 needs --enable-valgrind for that, which
 * Debian's build does not have).  valgrind is recognised when its header
 * was present at build time, and the environment variable VERBATIM_NO_JIT
 * (set to anything but "" or "0") turns the JIT off in any build: `make
 * memcheck` sets it.  So memcheck checks the interpreter path and the
 * sanitizer build the JIT path. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#define REGEX_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C | PCRE2_USE_OFFSET_LIMIT)

/* Windows of start positions (bytes): see "Time budget" above. */
#define REGEX_WINDOW_FIRST 64u
#define REGEX_WINDOW_MIN 16u
#define REGEX_WINDOW_MAX 4096u
#define REGEX_WINDOW_FAST_NS 1000000u  /* a window under 1 ms: the next is 4x */
#define REGEX_WINDOW_SLOW_NS 10000000u /* a window over 10 ms: the next is 1/4 */

static int regexJitDisabled(void) {
  const char *z = getenv("VERBATIM_NO_JIT");
  return (z && z[0] && strcmp(z, "0") != 0) || RUNNING_ON_VALGRIND;
}

struct vb_regex {
  pcre2_general_context *gctx;
  pcre2_code *code; /* JIT: with PCRE2_MATCH_INVALID_UTF; else without */
  int nGroup;
  int isJit;       /* 0: match fragment by fragment (see above) */
  int wholeSearch; /* \G, (*COMMIT), (*SKIP) or (*NOTEMPTY_ATSTART): no windows */
};

struct vb_regex_iter {
  const vb_regex *re;
  pcre2_match_data *md;
  pcre2_match_context *mctx;
  pcre2_jit_stack *jit;
  const unsigned char *z;
  size_t n;
  size_t pos;                /* where the next search starts: always a unit boundary */
  int lastEmpty;             /* the previous match was empty at pos */
  int done;                  /* no more matches (end, or an error was returned) */
  int nSet;                  /* pairs of the ovector set by the last match, 0 if none */
  size_t start0, end0;       /* group 0 of the current match, on unit boundaries */
  size_t fragStart, fragEnd; /* interpreter: the valid fragment being searched */
  int haveFrag;              /* fragStart/fragEnd are computed */
  size_t ovBase;             /* add to the ovector: fragStart, or 0 with the JIT */
  unsigned char *pad;        /* JIT: a copy of a subject ending in invalid UTF-8, NUL after */
  size_t nPad;               /* bytes allocated at pad */
  int pendingRc;             /* an error of the last reset, returned by the next call */
  uint64_t budgetNs;         /* a search's time budget; 0: none */
  int timedOut;              /* the last VB_ELIMIT came from the time budget */
};

/* ---- allocator bridge ------------------------------------------------------ */

static void *regexMalloc(size_t n, void *pUser) {
  (void)pUser;
  return vb_malloc(n);
}

static void regexFree(void *p, void *pUser) {
  (void)pUser;
  vb_free(p);
}

/* ---- compile ----------------------------------------------------------------- */

/* 1 if the pattern's meaning depends on where a search call starts or on
 * start positions beyond a window: it uses \G, (*NOTEMPTY_ATSTART),
 * (*COMMIT) (a failure after it ends the whole search) or (*SKIP) (which
 * can skip past a window's end).  Found anywhere, even where it would be
 * literal (inside \Q...\E): a false positive only costs the time budget. */
static int patternNeedsWholeSearch(const char *zPat, size_t nPat) {
  static const char *const aVerb[] = {"(*NOTEMPTY_ATSTART)", "(*COMMIT", "(*SKIP"};
  size_t i, k;
  for (i = 0; i < nPat; i++) {
    if (zPat[i] == '\\') {
      if (i + 1 < nPat && zPat[i + 1] == 'G') return 1;
      i++;
      continue;
    }
    if (zPat[i] != '(') continue;
    for (k = 0; k < sizeof aVerb / sizeof aVerb[0]; k++) {
      size_t len = strlen(aVerb[k]);
      if (nPat - i >= len && memcmp(zPat + i, aVerb[k], len) == 0) return 1;
    }
  }
  return 0;
}

static pcre2_code *regexCompile(const vb_regex *re, const char *zPat, ptrdiff_t nPat,
                                uint32_t options, int *pErrcode, PCRE2_SIZE *pErrOffset) {
  pcre2_code *code;
  pcre2_compile_context *cctx = pcre2_compile_context_create(re->gctx);
  if (cctx == NULL) {
    *pErrcode = PCRE2_ERROR_NOMEMORY;
    return NULL;
  }
  code = pcre2_compile((PCRE2_SPTR)zPat, nPat < 0 ? PCRE2_ZERO_TERMINATED : (PCRE2_SIZE)nPat,
                       options, pErrcode, pErrOffset, cctx);
  pcre2_compile_context_free(cctx);
  return code;
}

int vb_regex_compile(vb_regex **pp, const char *zPat, ptrdiff_t nPat, unsigned flags,
                     vb_regex_error *pErr) {
  vb_regex *re;
  uint32_t options = REGEX_OPTIONS;
  uint32_t nCapture = 0;
  int errcode = 0;
  PCRE2_SIZE errOffset = 0;

  *pp = NULL;
  if (pErr) memset(pErr, 0, sizeof *pErr);
  if (flags & VB_REGEX_CASELESS) options |= PCRE2_CASELESS;
  re = vb_malloc(sizeof *re);
  if (re == NULL) return VB_NOMEM;
  memset(re, 0, sizeof *re);
  re->gctx = pcre2_general_context_create(regexMalloc, regexFree, NULL);
  if (re->gctx == NULL) {
    vb_free(re);
    return VB_NOMEM;
  }
  re->code = regexCompile(re, zPat, nPat, options | PCRE2_MATCH_INVALID_UTF, &errcode, &errOffset);
  if (re->code != NULL) {
    size_t jitSize = 0;
    /* (*NO_JIT) in the pattern makes pcre2_jit_compile() succeed without
     * compiling anything: the size of the JIT code tells. */
    re->isJit = !(flags & VB_REGEX_NO_JIT) && !regexJitDisabled() &&
                pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0 &&
                pcre2_pattern_info(re->code, PCRE2_INFO_JITSIZE, &jitSize) == 0 && jitSize > 0;
    if (!re->isJit) { /* the interpreter matches fragments: see HOW IT WORKS */
      pcre2_code_free(re->code);
      re->code = regexCompile(re, zPat, nPat, options, &errcode, &errOffset);
    }
  }
  if (re->code == NULL) {
    vb_regex_free(re);
    if (errcode == PCRE2_ERROR_NOMEMORY || errcode == PCRE2_ERROR_HEAP_FAILED) return VB_NOMEM;
    if (pErr) {
      pErr->offset = (size_t)errOffset;
      if (pcre2_get_error_message(errcode, (PCRE2_UCHAR *)pErr->message, sizeof pErr->message) <
              0 &&
          pErr->message[0] == 0) {
        strcpy(pErr->message, "unknown error");
      }
    }
    return VB_EREGEX;
  }
  pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &nCapture);
  re->nGroup = (int)nCapture;
  re->wholeSearch = patternNeedsWholeSearch(zPat, nPat < 0 ? strlen(zPat) : (size_t)nPat);
  *pp = re;
  return VB_OK;
}

void vb_regex_free(vb_regex *re) {
  if (re == NULL) return;
  pcre2_code_free(re->code);
  pcre2_general_context_free(re->gctx);
  vb_free(re);
}

int vb_regex_group_count(const vb_regex *re) { return re->nGroup; }

int vb_regex_is_jit(const vb_regex *re) { return re->isJit; }

/* ---- iterators ------------------------------------------------------------------ */

int vb_regex_iter_new(vb_regex_iter **pp, const vb_regex *re) {
  vb_regex_iter *it;
  *pp = NULL;
  it = vb_malloc(sizeof *it);
  if (it == NULL) return VB_NOMEM;
  memset(it, 0, sizeof *it);
  it->re = re;
  it->done = 1;
  it->z = (const unsigned char *)"";
  it->md = pcre2_match_data_create_from_pattern(re->code, re->gctx);
  it->mctx = pcre2_match_context_create(re->gctx);
  if (it->md == NULL || it->mctx == NULL) {
    vb_regex_iter_free(it);
    return VB_NOMEM;
  }
  pcre2_set_match_limit(it->mctx, VB_REGEX_MATCH_LIMIT);
  pcre2_set_depth_limit(it->mctx, VB_REGEX_DEPTH_LIMIT);
  pcre2_set_heap_limit(it->mctx, VB_REGEX_HEAP_LIMIT_KIB);
  it->budgetNs = (uint64_t)VB_REGEX_TIME_BUDGET_MS * 1000000u;
  if (re->isJit) {
    /* Without a stack of its own the JIT uses 32 KiB of the machine stack,
     * which deep but legitimate patterns exhaust.  If the stack cannot be
     * made, the default is used and its exhaustion is a VB_ELIMIT. */
    it->jit = pcre2_jit_stack_create(32 * 1024, VB_REGEX_JIT_STACK_MAX, re->gctx);
    if (it->jit) pcre2_jit_stack_assign(it->mctx, NULL, it->jit);
  }
  *pp = it;
  return VB_OK;
}

void vb_regex_iter_free(vb_regex_iter *it) {
  if (it == NULL) return;
  pcre2_match_data_free(it->md);
  pcre2_match_context_free(it->mctx);
  pcre2_jit_stack_free(it->jit);
  vb_free(it->pad);
  vb_free(it);
}

void vb_regex_iter_limits(vb_regex_iter *it, uint32_t matchLimit, uint32_t depthLimit,
                          uint32_t heapLimitKiB) {
  if (matchLimit) pcre2_set_match_limit(it->mctx, matchLimit);
  if (depthLimit) pcre2_set_depth_limit(it->mctx, depthLimit);
  if (heapLimitKiB) pcre2_set_heap_limit(it->mctx, heapLimitKiB);
}

void vb_regex_iter_time_budget(vb_regex_iter *it, uint32_t ms) {
  it->budgetNs = (uint64_t)ms * 1000000u;
}

int vb_regex_iter_timed_out(const vb_regex_iter *it) { return it->timedOut; }

const char *vb_regex_iter_limit_text(const vb_regex_iter *it) {
  return it->timedOut ? "time limit exceeded (the pattern backtracks at every position: "
                        "try a possessive or atomic group)"
                      : "match limit exceeded";
}

/* 1 if z[0..n) ends with invalid UTF-8 (bytes that are not a whole valid
 * character).  Looks at the last 4 bytes at most. */
static int endsInvalid(const unsigned char *z, size_t n) {
  size_t i = n, len;
  utf8proc_int32_t cp;
  if (n == 0 || z[n - 1] < 0x80) return 0;
  while (i > 0 && n - i < 4 && (z[i - 1] & 0xC0) == 0x80) i--;
  if (i == 0 || z[i - 1] < 0xC0) return 1; /* no lead byte within reach */
  i--;
  len = (size_t)utf8proc_iterate(z + i, (utf8proc_ssize_t)(n - i), &cp);
  return !(cp >= 0 && i + len == n);
}

void vb_regex_iter_reset(vb_regex_iter *it, const unsigned char *z, size_t n) {
  it->pendingRc = 0;
  if (z == NULL && it->pad) { /* borrow nothing: drop the copy too */
    vb_free(it->pad);
    it->pad = NULL;
    it->nPad = 0;
  }
  if (z && it->re->isJit && endsInvalid(z, n)) {
    /* PCRE2's JIT reads the byte after such a subject when it tests \b or
     * \B at its end (PCRE2 10.42 with PCRE2_MATCH_INVALID_UTF): match a copy
     * followed by a NUL, which reads as the end of the subject does. */
    if (it->nPad < n + 1) {
      unsigned char *p = vb_realloc(it->pad, n + 1);
      if (p == NULL) {
        it->pendingRc = VB_NOMEM;
        z = NULL;
      } else {
        it->pad = p;
        it->nPad = n + 1;
      }
    }
    if (z) {
      memcpy(it->pad, z, n);
      it->pad[n] = 0;
      z = it->pad;
    }
  }
  it->z = z ? z : (const unsigned char *)"";
  it->n = z ? n : 0;
  it->pos = 0;
  it->lastEmpty = 0;
  it->done = 0;
  it->nSet = 0;
  it->start0 = it->end0 = 0;
  it->haveFrag = 0;
  it->fragStart = it->fragEnd = 0;
  it->ovBase = 0;
  it->timedOut = 0;
}

/* ---- SQLite character ("unit") boundaries ------------------------------------------ */

/* The end of the unit that starts at boundary b < n. */
static size_t unitEnd(const unsigned char *z, size_t n, size_t b) {
  if (z[b++] < 0xC0) return b; /* ASCII, or a stray continuation byte */
  while (b < n && (z[b] & 0xC0) == 0x80) b++;
  return b;
}

/* The last unit boundary <= i, scanning forward from the boundary from <= i.
 * Every non-continuation byte starts a unit, so the scan is only needed
 * when z[i] is a continuation byte. */
static size_t unitFloor(const unsigned char *z, size_t n, size_t from, size_t i) {
  if (i >= n || (z[i] & 0xC0) != 0x80) return i;
  for (;;) {
    size_t next = unitEnd(z, n, from);
    if (next > i) return from;
    from = next;
  }
}

/* The first unit boundary >= i, given the boundary from <= i. */
static size_t unitCeil(const unsigned char *z, size_t n, size_t from, size_t i) {
  size_t b = unitFloor(z, n, from, i);
  return b == i ? i : unitEnd(z, n, b);
}

static int regexMatchRc(int rc) {
  switch (rc) {
    case PCRE2_ERROR_NOMEMORY: return VB_NOMEM;
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT: return VB_ELIMIT;
    default: return VB_EARG; /* not reachable with the options used here */
  }
}

/* ---- fragments of valid UTF-8 (interpreter only) ----------------------------------- */

/* Length of the valid UTF-8 sequence at z[i], or 0 if it is invalid. */
static size_t validLen(const unsigned char *z, size_t n, size_t i) {
  utf8proc_int32_t cp;
  utf8proc_ssize_t len;
  if (z[i] < 0x80) return 1;
  len = utf8proc_iterate(z + i, (utf8proc_ssize_t)(n - i), &cp);
  return len > 0 && cp >= 0 ? (size_t)len : 0;
}

/* Make [fragStart, fragEnd) the fragment to search from `from`: the valid
 * run containing `from`, or the next one after the invalid bytes at `from`
 * (an empty fragment at n when there is none). */
static void regexFragment(vb_regex_iter *it, size_t from) {
  const unsigned char *z = it->z;
  size_t n = it->n, i = from, len;
  if (it->haveFrag && from >= it->fragStart && from < it->fragEnd) return;
  if (it->haveFrag && from == it->fragEnd && from == n) return;
  while (i < n && (len = validLen(z, n, i)) == 0) i++;
  it->fragStart = i;
  while (i < n && (len = validLen(z, n, i)) > 0) i += len;
  it->fragEnd = i;
  it->haveFrag = 1;
}

/* One pcre2_match from `from`: rc as pcre2_match, ovector offsets made
 * absolute by it->ovBase.  With window > 0, only the start positions up to
 * from + window are tried when the subject (or fragment) goes on past
 * them: *pLimit is then that last position, else SIZE_MAX.  *pNext is where
 * to continue after PCRE2_ERROR_NOMATCH: the first position after the
 * window, the start of the next fragment (interpreter), or beyond n when
 * nothing is left. */
static int regexSearch(vb_regex_iter *it, size_t from, uint32_t opts, size_t window,
                       size_t *pLimit, size_t *pNext) {
  size_t end;
  if (it->re->isJit) {
    it->ovBase = 0;
    end = it->n;
  } else {
    regexFragment(it, from);
    if (from < it->fragStart) {
      from = it->fragStart;
      opts &= ~(uint32_t)PCRE2_NOTEMPTY_ATSTART;
    }
    if (it->fragStart > 0) opts |= PCRE2_NOTBOL;
    if (it->fragEnd < it->n) opts |= PCRE2_NOTEOL;
    it->ovBase = it->fragStart;
    end = it->fragEnd;
  }
  if (window && end - from > window) {
    *pLimit = from + window;
    *pNext = *pLimit + 1;
    pcre2_set_offset_limit(it->mctx, (PCRE2_SIZE)(*pLimit - it->ovBase));
  } else {
    *pLimit = SIZE_MAX;
    *pNext = end < it->n ? end : it->n + 1;
    pcre2_set_offset_limit(it->mctx, PCRE2_UNSET);
  }
  if (it->re->isJit) {
    /* pcre2_match() runs the JIT code (PCRE2_MATCH_INVALID_UTF needs no
     * UTF check); unlike the pcre2_jit_match() fast path it also applies
     * the options set at the start of the pattern, (*NOTEMPTY) and
     * (*NOTEMPTY_ATSTART). */
    return pcre2_match(it->re->code, (PCRE2_SPTR)it->z, (PCRE2_SIZE)it->n, (PCRE2_SIZE)from, opts,
                       it->md, it->mctx);
  }
  return pcre2_match(it->re->code, (PCRE2_SPTR)(it->z + it->fragStart),
                     (PCRE2_SIZE)(it->fragEnd - it->fragStart), (PCRE2_SIZE)(from - it->fragStart),
                     opts | PCRE2_NO_UTF_CHECK, it->md, it->mctx);
}

/* The coarse clock (a few ns to read, ticks of 1-4 ms) is precise enough
 * for a budget of half a second and for telling fast windows from slow. */
static uint64_t regexNowNs(void) {
  struct timespec ts;
#ifdef CLOCK_MONOTONIC_COARSE
  if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) != 0) return 0;
#else
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0;
#endif
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A window of start positions [.., limit] ended without a match in the
 * search that began at byte `first`: adapt *pWindow and say whether the
 * search is over its time budget.  The clock starts at the end of the
 * first window (*pT0 == 0), so a search that matches within it never
 * reads the clock; that window is small (REGEX_WINDOW_FIRST positions) and
 * its time is not counted. */
static int regexWindowDone(vb_regex_iter *it, size_t first, size_t limit, size_t *pWindow,
                           uint64_t *pT0, uint64_t *pPrev) {
  uint64_t now = regexNowNs(), took;
  if (*pT0 == 0) {
    *pT0 = *pPrev = now ? now : 1;
    return 0;
  }
  took = now - *pPrev;
  *pPrev = now;
  if (took < REGEX_WINDOW_FAST_NS) {
    if (*pWindow * 4 <= REGEX_WINDOW_MAX) *pWindow *= 4;
  } else if (took > REGEX_WINDOW_SLOW_NS && *pWindow / 4 >= REGEX_WINDOW_MIN) {
    *pWindow /= 4;
  }
  return it->budgetNs && now - *pT0 > it->budgetNs &&
         (now - *pT0) / VB_REGEX_NS_PER_BYTE > (uint64_t)(limit - first);
}

int vb_regex_iter_next(vb_regex_iter *it) {
  const unsigned char *z = it->z;
  size_t n = it->n, from = it->pos;
  uint32_t opts = it->lastEmpty ? PCRE2_NOTEMPTY_ATSTART : 0;
  size_t first = from, window = it->re->wholeSearch ? 0 : REGEX_WINDOW_FIRST;
  uint64_t t0 = 0, tPrev = 0; /* see regexWindowDone */
  it->nSet = 0;
  if (it->pendingRc) {
    int rc = it->pendingRc;
    it->pendingRc = 0;
    it->done = 1;
    return rc;
  }
  if (it->done) return 0;
  while (from <= n) {
    PCRE2_SIZE *ov;
    size_t s, e, next, limit;
    int rc = regexSearch(it, from, opts, window, &limit, &next);
    if (rc == PCRE2_ERROR_NOMATCH && limit != SIZE_MAX) {
      /* The window ended without a match: on to the next one, from the
       * first unit boundary after its last start position. */
      if (regexWindowDone(it, first, limit, &window, &t0, &tPrev)) {
        it->done = 1;
        it->timedOut = 1;
        return VB_ELIMIT;
      }
      from = unitCeil(z, n, from, next);
      opts = 0;
      continue;
    }
    if (rc == PCRE2_ERROR_NOMATCH) {
      /* On to the next fragment (interpreter), or the end.  `next` is
       * the invalid byte that ended the fragment; it may lie inside a unit
       * (stray continuation bytes after a valid character), so resume at
       * the first unit boundary at or after it. */
      if (next > n) break;
      from = unitCeil(z, n, from, next);
      opts = 0;
      continue;
    }
    if (rc < 0) {
      it->done = 1;
      return regexMatchRc(rc);
    }
    ov = pcre2_get_ovector_pointer(it->md);
    s = (size_t)ov[0] + it->ovBase;
    e = (size_t)ov[1] + it->ovBase;
    if (s < from) s = from; /* \K cannot move before the start here, but be safe */
    if (e < s) e = s;
    if (s == e && !it->re->isJit && s == it->fragEnd && s < n) {
      /* PCRE2_MATCH_INVALID_UTF never starts a match at an invalid byte,
       * not even an empty one; the fragment's end is one. */
      from = unitCeil(z, n, from, s);
      opts = 0;
      continue;
    }
    if (s == e) {
      size_t b = unitFloor(z, n, from, s);
      if (b != s) { /* an empty match inside a malformed character: skip it */
        from = unitEnd(z, n, b);
        opts = 0;
        continue;
      }
      it->start0 = it->end0 = s;
      it->pos = s;
      it->lastEmpty = 1;
    } else {
      it->start0 = unitFloor(z, n, from, s);
      it->end0 = unitCeil(z, n, it->start0, e);
      it->pos = it->end0;
      it->lastEmpty = 0;
    }
    it->nSet = rc;
    return 1;
  }
  it->done = 1;
  return 0;
}

int vb_regex_iter_span(const vb_regex_iter *it, int k, size_t *pStart, size_t *pEnd) {
  *pStart = *pEnd = 0;
  if (k < 0 || k >= it->nSet) return 0;
  if (k == 0) {
    *pStart = it->start0;
    *pEnd = it->end0;
    return 1;
  }
  {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(it->md);
    if (ov[2 * k] == PCRE2_UNSET || ov[2 * k + 1] == PCRE2_UNSET) return 0;
    *pStart = (size_t)ov[2 * k] + it->ovBase;
    *pEnd = (size_t)ov[2 * k + 1] + it->ovBase;
    if (*pEnd < *pStart) *pEnd = *pStart;
  }
  return 1;
}
