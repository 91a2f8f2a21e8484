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
 * them all.  Not seen: allocations libraries make with libc malloc directly
 * -- Snowball's sb_stemmer_new() and utf8proc_map() -- which can still fail
 * only as malloc fails; LeakSanitizer (the static-asan layer) covers their
 * leaks.
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

static int checkLeak(const char *zWhat, long n, int persistent) {
  sqlite3_int64 used = sqlite3_memory_used();
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
  vb_work_register();
  {
    sqlite3 *db = openDb();
    sqlite3_close(db);
  }
  g_baseline = sqlite3_memory_used();

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
  printf("alloc: %d entries, %ld failing runs in all\n", nRun, nTotal);
  CHECK(nRun > 0);
  return check_done();
}
