/* SPDX-License-Identifier: MIT
 *
 * verbatim/regex.h -- regular expressions for the core: a thin, bounded
 * wrapper around PCRE2 (8-bit).
 *
 * Every pattern is compiled with PCRE2_UTF | PCRE2_UCP (so \w, \d, \b and
 * caseless matching are Unicode-aware), PCRE2_MATCH_INVALID_UTF (a subject
 * may hold any bytes: invalid UTF-8 never matches any pattern item and acts
 * as a barrier, it never errors or crashes) and PCRE2_NEVER_BACKSLASH_C (\C
 * could split a character).  The pattern itself must be valid UTF-8.
 * Memory is allocated through vb_malloc/vb_free (a PCRE2 general context);
 * the JIT compiler is used when PCRE2 has one, silently falling back to the
 * interpreter when it cannot be used.
 *
 * Every match runs under limits, so a catastrophic pattern such as
 * '(a+)+$' against 'aaaa…b' stops with VB_ELIMIT instead of running for
 * ever: a backtracking match limit (also enforced by the JIT), a depth
 * limit and a heap limit for the interpreter, and a bounded JIT stack.
 * A search of the whole subject costs at most one bounded match attempt per
 * start position, so it is linear in the subject length for a fixed
 * pattern (times the limit in the worst case); and a search that
 * backtracks at every position without reaching the limit stops after a
 * time budget (VB_REGEX_TIME_BUDGET_MS, below).
 *
 * Usage:
 *
 *   vb_regex *re;
 *   vb_regex_error err;
 *   int rc = vb_regex_compile(&re, "(\\w+)@(\\w+)", -1, 0, &err);
 *   if (rc == VB_EREGEX) ... err.offset, err.message ...
 *   vb_regex_iter *it;
 *   rc = vb_regex_iter_new(&it, re);
 *   vb_regex_iter_reset(it, z, n);
 *   while ((rc = vb_regex_iter_next(it)) == 1) {
 *     size_t s, e;
 *     vb_regex_iter_span(it, 0, &s, &e);  ... z[s..e) is the match ...
 *   }
 *   ... rc == 0 at the end, VB_ELIMIT / VB_NOMEM on error ...
 *   vb_regex_iter_free(it);
 *   vb_regex_free(re);
 *
 * Successive matches (the "find all" loop): the search resumes at the end
 * of the previous match.  After an empty match at position p the next match
 * may not be empty at p, so the search moves on by a whole character and
 * never loops (Perl's and Python's rule: 'x*' over "axb" gives "" at 0, "x"
 * at 1, "" at 2 and "" at 3).
 *
 * Match spans and SQLite characters: the whole match (group 0) is reported
 * on SQLite character boundaries (the "units" of verbatim/base.h).  On valid
 * UTF-8 that is PCRE2's span unchanged.  On invalid UTF-8 a match may end
 * just before stray continuation bytes that SQLite counts as part of the
 * same character; the reported span is then widened to the whole unit, and
 * an empty match that falls inside a unit is skipped.  Capture groups
 * (k >= 1) are PCRE2's exact spans, always valid UTF-8.
 *
 * Without the JIT (a PCRE2 built without it, under valgrind, or with the
 * environment variable VERBATIM_NO_JIT set to anything but "" or "0") the subject
 * is matched fragment by fragment (see ext/core/regex.c).  Every non-empty
 * match is the same as with the JIT; only empty matches and \A or ^ right
 * next to invalid bytes can differ (PCRE2 tries an empty match at an
 * invalid byte that is not a continuation byte, and at offset 0 even when
 * invalid bytes follow; the fragment matcher does not).
 *
 * A subject is never read beyond its n bytes: with the JIT, a subject that
 * ends with invalid UTF-8 is matched from a copy of it followed by a NUL
 * (PCRE2 10.42's JIT reads one byte past such a subject for \b and \B at its
 * end), kept by the iterator until its next reset; an allocation failure
 * there is VB_NOMEM from the next vb_regex_iter_next().
 *
 * Thread-safety: a compiled vb_regex is immutable and may be shared by any
 * number of threads, each with its own vb_regex_iter.  An iterator borrows
 * its regex and its subject: both must outlive it (or its next reset).
 */
#ifndef VERBATIM_REGEX_H
#define VERBATIM_REGEX_H

#include <stddef.h>
#include <stdint.h>

#include "verbatim/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default limits, applied to every new iterator. */
#define VB_REGEX_MATCH_LIMIT 10000000u  /* backtracking steps per start position */
#define VB_REGEX_DEPTH_LIMIT 10000000u  /* nested backtracking points (interpreter) */
#define VB_REGEX_HEAP_LIMIT_KIB 65536u  /* 64 MiB of backtracking frames (interpreter) */
#define VB_REGEX_JIT_STACK_MAX 4194304u /* 4 MiB JIT stack */
/* A search for the next match that has run for over VB_REGEX_TIME_BUDGET_MS
 * and longer than VB_REGEX_NS_PER_BYTE per byte of start positions tried
 * stops with VB_ELIMIT (so a linear search of a huge text at over 1 MB/s
 * is never stopped; a pattern that backtracks at every position is). */
#define VB_REGEX_TIME_BUDGET_MS 500u
#define VB_REGEX_NS_PER_BYTE 1000u

/* Compile flags. */
#define VB_REGEX_CASELESS 0x1u /* like (?i) at the start of the pattern */
#define VB_REGEX_NO_JIT 0x2u   /* never JIT-compile (tests of the interpreter) */

typedef struct vb_regex vb_regex;
typedef struct vb_regex_iter vb_regex_iter;

/* Why a pattern did not compile. */
typedef struct vb_regex_error {
  size_t offset;     /* byte offset in the pattern where PCRE2 gave up */
  char message[160]; /* PCRE2's message, NUL-terminated */
} vb_regex_error;

/* Compile zPat[0..nPat) (nPat < 0: NUL-terminated) with the options above
 * plus flags.  Returns VB_OK and sets *pp; VB_EREGEX with *pErr filled in
 * (pErr may be NULL); VB_NOMEM.  On error *pp is NULL.  Free with
 * vb_regex_free(). */
VB_API int vb_regex_compile(vb_regex **pp, const char *zPat, ptrdiff_t nPat, unsigned flags,
                            vb_regex_error *pErr);

/* Free a compiled regex (NULL is a no-op).  No iterator may still use it. */
VB_API void vb_regex_free(vb_regex *re);

/* Number of capture groups in the pattern (not counting group 0). */
VB_API int vb_regex_group_count(const vb_regex *re);

/* 1 if the pattern runs on the JIT compiler, 0 on the interpreter. */
VB_API int vb_regex_is_jit(const vb_regex *re);

/* A match iterator (match data, limits, JIT stack) for re.  Returns VB_OK
 * or VB_NOMEM; *pp is NULL on error.  It starts with an empty subject. */
VB_API int vb_regex_iter_new(vb_regex_iter **pp, const vb_regex *re);

/* Free an iterator (NULL is a no-op). */
VB_API void vb_regex_iter_free(vb_regex_iter *it);

/* Replace the limits of this iterator (0 keeps the current value):
 * matchLimit and depthLimit count PCRE2 backtracking steps, heapLimitKiB
 * the interpreter's frame memory in KiB.  For tests and for callers with
 * a tighter budget. */
VB_API void vb_regex_iter_limits(vb_regex_iter *it, uint32_t matchLimit, uint32_t depthLimit,
                                 uint32_t heapLimitKiB);

/* Replace the time budget of a search (ms; 0: none).  For tests. */
VB_API void vb_regex_iter_time_budget(vb_regex_iter *it, uint32_t ms);

/* 1 if the last VB_ELIMIT of vb_regex_iter_next came from the time budget
 * rather than one of PCRE2's limits. */
VB_API int vb_regex_iter_timed_out(const vb_regex_iter *it);

/* Which limit the last VB_ELIMIT hit, as text for an error message: "match
 * limit exceeded" or "time limit exceeded (...)". */
VB_API const char *vb_regex_iter_limit_text(const vb_regex_iter *it);

/* Start matching over z[0..n) (borrowed) from its beginning. */
VB_API void vb_regex_iter_reset(vb_regex_iter *it, const unsigned char *z, size_t n);

/* Find the next match.  Returns 1 (a match: see vb_regex_iter_span), 0 when
 * there are no more, VB_ELIMIT when a limit was hit, VB_NOMEM.  After an
 * error or 0, further calls return 0. */
VB_API int vb_regex_iter_next(vb_regex_iter *it);

/* The span of group k of the current match (k = 0: the whole match, on
 * SQLite character boundaries as described above).  Returns 1 and sets
 * the byte offsets pStart and pEnd when the group took part in the match, 0
 * (with both set to 0) when it did not or k is out of range. */
VB_API int vb_regex_iter_span(const vb_regex_iter *it, int k, size_t *pStart, size_t *pEnd);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_REGEX_H */
