/* SPDX-License-Identifier: MIT
 *
 * test_alloc.c -- allocation-failure test of the static build.
 *
 *   make static && build/static/bin/test_alloc [-v] [ENTRY]
 *   make static-asan && build/static-asan/bin/test_alloc   (LeakSanitizer too)
 *
 * HOW IT WORKS
 * Before sqlite3_initialize() it installs, with SQLITE_CONFIG_MALLOC, an
 * allocator that wraps SQLite's default one and can fail on request;
 * lookaside is off so every allocation reaches it.  The extension routes the
 * core's allocations through sqlite3_malloc (vb_mem hooks, main.c) and PCRE2's
 * through a general context that calls vb_malloc, so this allocator sees
 * them all.  utf8proc is only asked to decompose into the core's own
 * buffers, so it allocates nothing.  Snowball (libstemmer) allocates with
 * libc malloc directly (sb_stemmer_new, and growing its word buffer while
 * stemming); in the plain build this program also replaces libc's malloc,
 * calloc, realloc and free, and counts, in the same sequence of N, the calls
 * whose caller lies in libstemmer's code (found with dl_iterate_phdr), so
 * those fail too, and their bytes are checked for leaks like SQLite's.  Under
 * a sanitizer, which owns malloc, that part is off (LeakSanitizer, the
 * static-asan layer, still covers leaks).
 *
 * For every entry of the workload (workload.c) whose function is
 * registered, the reference run gives the expected output.  Then, for
 * N = 1, 2, ... and in two modes -- "transient" (only the N-th allocation
 * fails) and "persistent" (the N-th and every later one fails) -- a fresh
 * connection runs the entry with the N-th allocation failing.  Each run must:
 *   - end in SQLITE_NOMEM, or succeed with exactly the reference output
 *     (SQLite may absorb a failure, e.g. by retrying smaller), or, when the
 *     reference itself ends in an error, end in that same error (with
 *     SQLite's generic text for the code when SQLite's own copy of the
 *     message is the allocation that failed);
 *   - have produced only rows that the reference produced, in order (the
 *     output before the error is a prefix of the reference output);
 *   - leave no memory in use after sqlite3_close (sqlite3_memory_used()
 *     back to its baseline: nothing routed through SQLite leaks).
 *   - not stick: after it, a run without failures on a new connection gives
 *     the reference output again (no cache or one-time table left broken;
 *     checked after every persistent-mode run, and in the transient pass,
 *     which comes first, by its final failure-free run).
 * The loop for an entry ends at the first N at which no allocation failed;
 * that run must equal the reference.  Reference runs happen in a child
 * process (fork), so this process meets one-time initializations (tables
 * built on first use) first in a run where allocations fail.  Opening a connection (which runs the
 * extension's registration) is tested the same way.
 * Prints the N range per entry and ends with "N passed, N failed".
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "workload.h"

/* ---- the failing allocator ---------------------------------------------- */

static sqlite3_mem_methods g_orig;
static int g_armed;       /* count and fail only while armed */
static long g_count;      /* allocations since arming */
static long g_failAt;     /* the first allocation to fail (1-based) */
static int g_persistent;  /* fail every allocation from g_failAt on */
static long g_failed;     /* allocations failed since arming */
static int g_entry = -1;  /* the workload entry running (for debuggers) */

/* To see who makes a failing allocation: gdb -ex 'break allocFailHere'
 * --args build/static/bin/test_alloc ENTRY-NAME, with VB_ALLOC_BREAK=I:N
 * (workload entry I, allocation N). */
static long g_breakEntry = -1, g_breakAt = -1;
__attribute__((noinline)) void allocFailHere(void);
__attribute__((noinline)) void allocFailHere(void) { __asm__ volatile(""); }

static int shouldFail(void) {
  if (!g_armed) return 0;
  g_count++;
  if (g_count == g_failAt || (g_persistent && g_count > g_failAt)) {
    if (g_entry == g_breakEntry && g_count == g_breakAt) allocFailHere();
    g_failed++;
    return 1;
  }
  return 0;
}

/* ---- libc's allocator, for libstemmer ------------------------------------------ */

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define VB_LIBC_HOOK 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define VB_LIBC_HOOK 0
#endif
#endif
#ifndef VB_LIBC_HOOK
#define VB_LIBC_HOOK 1
#endif

static int g_libcSeen;  /* a libstemmer allocation was counted (proof the hook works) */
static long g_libcLive; /* libstemmer blocks allocated and not freed */

#if VB_LIBC_HOOK
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static uintptr_t g_stemLo, g_stemHi; /* libstemmer's executable segment */

static int findStemmer(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  (void)arg;
  if (info->dlpi_name == NULL || strstr(info->dlpi_name, "libstemmer") == NULL) return 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
      g_stemLo = info->dlpi_addr + ph->p_vaddr;
      g_stemHi = g_stemLo + ph->p_memsz;
    }
  }
  return 1;
}

static int fromStemmer(void *ret) {
  uintptr_t a = (uintptr_t)ret;
  return a >= g_stemLo && a < g_stemHi;
}

/* The live libstemmer blocks, by address (open addressing; a block may be
 * freed from outside: libstemmer tail-calls free, so the caller of free is
 * not a reliable witness). */
#define LIVE_SLOTS (1 << 14)
static void *g_live[LIVE_SLOTS];
static void *const kTomb = (void *)&g_live;

static size_t liveSlot(void *p) { return ((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull >> 50; }

static void liveAdd(void *p) {
  size_t i = liveSlot(p), tomb = LIVE_SLOTS;
  for (size_t k = 0; k < LIVE_SLOTS; k++, i = (i + 1) & (LIVE_SLOTS - 1)) {
    if (g_live[i] == kTomb && tomb == LIVE_SLOTS) tomb = i;
    if (g_live[i] == NULL) {
      g_live[tomb < LIVE_SLOTS ? tomb : i] = p;
      g_libcLive++;
      return;
    }
  }
  if (tomb < LIVE_SLOTS) {
    g_live[tomb] = p;
    g_libcLive++;
    return;
  }
  abort(); /* more live stemmer blocks than this test can track */
}

static void liveRemove(void *p) {
  size_t i = liveSlot(p);
  for (size_t k = 0; k < LIVE_SLOTS && g_live[i] != NULL; k++, i = (i + 1) & (LIVE_SLOTS - 1)) {
    if (g_live[i] == p) {
      g_live[i] = kTomb;
      g_libcLive--;
      return;
    }
  }
}

/* Default visibility: the build hides symbols, and these must reach
 * libstemmer's calls through the dynamic symbol table. */
#define VB_EXPORT __attribute__((visibility("default")))

VB_EXPORT void *malloc(size_t n) {
  if (!fromStemmer(__builtin_return_address(0))) return __libc_malloc(n);
  g_libcSeen = 1;
  if (shouldFail()) return NULL;
  void *p = __libc_malloc(n);
  if (p) liveAdd(p);
  return p;
}

VB_EXPORT void *calloc(size_t k, size_t n) {
  if (!fromStemmer(__builtin_return_address(0))) return __libc_calloc(k, n);
  g_libcSeen = 1;
  if (shouldFail()) return NULL;
  void *p = __libc_calloc(k, n);
  if (p) liveAdd(p);
  return p;
}

VB_EXPORT void *realloc(void *p, size_t n) {
  if (!fromStemmer(__builtin_return_address(0))) {
    if (p == NULL || g_libcLive == 0) return __libc_realloc(p, n);
  } else {
    g_libcSeen = 1;
    if (shouldFail()) return NULL;
  }
  void *q = __libc_realloc(p, n);
  if (q) {
    if (p) liveRemove(p);
    if (fromStemmer(__builtin_return_address(0))) liveAdd(q);
  }
  return q;
}

VB_EXPORT void free(void *p) {
  if (p && g_libcLive > 0) liveRemove(p);
  __libc_free(p);
}

static void hookLibc(void) { dl_iterate_phdr(findStemmer, NULL); }
#else
static void hookLibc(void) {}
#endif

static void *failMalloc(int n) { return shouldFail() ? NULL : g_orig.xMalloc(n); }
static void *failRealloc(void *p, int n) { return shouldFail() ? NULL : g_orig.xRealloc(p, n); }

static void installAllocator(void) {
  sqlite3_mem_methods m;
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_orig);
  m = g_orig;
  m.xMalloc = failMalloc;
  m.xRealloc = failRealloc;
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK ||
      sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK ||
      sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 1) != SQLITE_OK) {
    printf("FAIL cannot configure SQLite's allocator\n");
    exit(1);
  }
  sqlite3_initialize();
}

static void arm(long failAt, int persistent) {
  g_count = 0;
  g_failed = 0;
  g_failAt = failAt;
  g_persistent = persistent;
  g_armed = 1;
}

static void disarm(void) { g_armed = 0; }

/* ---- the test ---------------------------------------------------------------- */

#define MAX_N 200000 /* no entry needs this many allocations; a bound, not a target */

static int g_verbose;
static sqlite3_int64 g_baseline;

static sqlite3 *openDb(void) {
  sqlite3 *db = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    printf("FAIL cannot open a connection\n");
    exit(1);
  }
  return db;
}

/* The output without its last line when that line is an ERROR line. */
static size_t rowsPart(const char *z) {
  const char *p = strstr(z, "ERROR ");
  while (p && p != z && p[-1] != '\n') p = strstr(p + 1, "ERROR ");
  return p ? (size_t)(p - z) : strlen(z);
}

static long g_libcBaseline;

static int checkLeak(const char *zWhat, long n, int persistent) {
  sqlite3_int64 used = sqlite3_memory_used();
  if (g_libcLive > g_libcBaseline) {
    CHECK_MSG(0, "%s, N=%ld %s: %ld libstemmer blocks still allocated after close", zWhat, n,
              persistent ? "persistent" : "transient", g_libcLive - g_libcBaseline);
    g_libcBaseline = g_libcLive;
    return 1;
  }
  if (used > g_baseline) {
    CHECK_MSG(0, "%s, N=%ld %s: %lld bytes still in use after close", zWhat, n,
              persistent ? "persistent" : "transient", (long long)(used - g_baseline));
    g_baseline = used; /* report each leak once */
    return 1;
  }
  return 0;
}

/* Runs entry i with every N in one mode; returns the number of allocations
 * the entry makes (the N at which nothing failed, minus one). */
static long runEntry(int i, const char *zRef, int rcRef, int persistent) {
  const vb_work *w = &vb_workload[i];
  long n;
  int bad = 0;
  g_entry = i;
  for (n = 1; n < MAX_N; n++) {
    char *zOut = NULL;
    sqlite3 *db = openDb();
    arm(n, persistent);
    int rc = vb_work_run(db, w, &zOut);
    long failed = g_failed;
    disarm();
    sqlite3_close(db);
    bad += checkLeak(w->zNeed, n, persistent);
    size_t nRows = rowsPart(zOut);
    int same = rc == rcRef && strcmp(zOut, zRef) == 0;
    if (failed == 0) {
      CHECK_MSG(same, "entry %d (%s): no allocation failed at N=%ld but the output differs:\n%s---\n%s",
                i, w->zNeed, n, zOut, zRef);
      free(zOut);
      break;
    }
    /* SQLite copies an error message into the statement with an allocation
     * of its own; when that fails the code survives with the generic text. */
    char zGeneric[128];
    snprintf(zGeneric, sizeof zGeneric, "ERROR %d: %s\n", rc, sqlite3_errstr(rc));
    int sameError = rcRef != SQLITE_OK && rc == rcRef && nRows == rowsPart(zRef) &&
                    strncmp(zOut, zRef, nRows) == 0 && strcmp(zOut + nRows, zGeneric) == 0;
    int ok = same || sameError || (rc == SQLITE_NOMEM && strncmp(zOut, zRef, nRows) == 0);
    if (!ok && bad < 5) {
      bad++;
      CHECK_MSG(0, "entry %d (%s), N=%ld %s: rc %d, want SQLITE_NOMEM or the reference:\n%s---\n%s", i,
                w->zNeed, n, persistent ? "persistent" : "transient", rc, zOut, zRef);
    } else if (ok) {
      check_passed++;
    }
    if (g_verbose) printf("  N=%ld rc=%d failed=%ld\n", n, rc, failed);
    free(zOut);
    /* No failure may stick: the same entry, with nothing failing, on a
     * new connection, gives the reference again.  Not in the transient
     * pass, which runs first: there a failure in a one-time initialization
     * must show as the final, failure-free run differing. */
    if (!persistent) continue;
    db = openDb();
    rc = vb_work_run(db, w, &zOut);
    sqlite3_close(db);
    if ((rc != rcRef || strcmp(zOut, zRef) != 0) && bad < 5) {
      bad++;
      CHECK_MSG(0, "entry %d (%s): after a failure at N=%ld %s, a run without failures gives rc %d:\n%s---\n%s",
                i, w->zNeed, n, persistent ? "persistent" : "transient", rc, zOut, zRef);
    }
    free(zOut);
  }
  return n - 1;
}

/* The reference output of entry i, computed in a child process so that
 * this process meets every one-time initialization (tables built on first
 * use) for the first time in a run where allocations fail. */
static int referenceRun(int i, char **pzOut) {
  int fd[2], rc = SQLITE_ERROR;
  char *z = NULL;
  size_t n = 0, cap = 0;
  if (pipe(fd) != 0) abort();
  pid_t pid = fork();
  if (pid < 0) abort();
  if (pid == 0) {
    char *zOut = NULL;
    close(fd[0]);
    sqlite3 *db = openDb();
    int r = vb_work_run(db, &vb_workload[i], &zOut);
    size_t len = strlen(zOut);
    if (write(fd[1], &r, sizeof r) != (ssize_t)sizeof r || write(fd[1], zOut, len) != (ssize_t)len) {
      _exit(1);
    }
    _exit(0);
  }
  close(fd[1]);
  if (read(fd[0], &rc, sizeof rc) != (ssize_t)sizeof rc) rc = SQLITE_ERROR;
  for (;;) {
    if (n + 4096 + 1 > cap) {
      cap = cap ? 2 * cap : 8192;
      z = realloc(z, cap);
      if (z == NULL) abort();
    }
    ssize_t got = read(fd[0], z + n, 4096);
    if (got <= 0) break;
    n += (size_t)got;
  }
  z[n] = 0;
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "entry %d: the reference run failed", i);
  *pzOut = z;
  return rc;
}

/* Opening a connection runs the extension's registration under failures. */
static long runOpen(int persistent) {
  long n;
  for (n = 1; n < MAX_N; n++) {
    sqlite3 *db = NULL;
    arm(n, persistent);
    int rc = sqlite3_open(":memory:", &db);
    long failed = g_failed;
    disarm();
    CHECK_MSG(rc == SQLITE_OK || rc == SQLITE_NOMEM || (rc == SQLITE_ERROR && db),
              "open, N=%ld: rc %d", n, rc);
    if (rc == SQLITE_OK) {
      /* A connection that opened has every function (or none if the
       * failure hit before the extension ran: SQLite reports that as an
       * error, so here registration completed). */
      vb_work w = {"verbatim_version", ""};
      CHECK_MSG(vb_work_available(db, &w), "open, N=%ld: opened without the extension", n);
    }
    sqlite3_close(db);
    checkLeak("open", n, persistent);
    if (failed == 0) break;
  }
  return n - 1;
}

int main(int argc, char **argv) {
  const char *zOnly = NULL;
  int i, k;
  for (k = 1; k < argc; k++) {
    if (strcmp(argv[k], "-v") == 0) {
      g_verbose = 1;
    } else {
      zOnly = argv[k];
    }
  }
  if (getenv("VB_ALLOC_BREAK")) sscanf(getenv("VB_ALLOC_BREAK"), "%ld:%ld", &g_breakEntry, &g_breakAt);
  installAllocator();
  hookLibc();
  vb_work_register();
  {
    sqlite3 *db = openDb();
    sqlite3_close(db);
  }
  g_baseline = sqlite3_memory_used();
  g_libcBaseline = g_libcLive;

  long nOpenT = runOpen(0), nOpenP = runOpen(1);
  printf("open: N = 1..%ld transient, 1..%ld persistent\n", nOpenT, nOpenP);
  long nTotal = nOpenT + nOpenP;
  int nRun = 0;
  for (i = 0; i < vb_nworkload; i++) {
    const vb_work *w = &vb_workload[i];
    char *zRef = NULL;
    if (zOnly && strcmp(zOnly, w->zNeed) != 0) continue;
    sqlite3 *db = openDb();
    int avail = vb_work_available(db, w);
    sqlite3_close(db);
    if (!avail) continue;
    int rcRef = referenceRun(i, &zRef);
    nRun++;
    CHECK_MSG(rcRef != SQLITE_NOMEM, "entry %d (%s): the reference run failed: %s", i, w->zNeed, zRef);
    long nT = runEntry(i, zRef, rcRef, 0);
    long nP = runEntry(i, zRef, rcRef, 1);
    printf("entry %d (%s): N = 1..%ld transient, 1..%ld persistent\n", i, w->zNeed, nT, nP);
    nTotal += nT + nP;
    free(zRef);
  }
  printf("alloc: %d entries, %ld failing runs in all, libstemmer's allocations %s\n", nRun, nTotal,
         VB_LIBC_HOOK ? "included" : "not included (sanitizer build)");
  CHECK(nRun > 0);
  CHECK(!VB_LIBC_HOOK || zOnly || g_libcSeen);
  return check_done();
}
