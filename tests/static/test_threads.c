/* SPDX-License-Identifier: MIT
 *
 * test_threads.c -- every verbatim function called from several threads at
 * once, each thread with its own connection (SQLite's multi-thread use).
 *
 *   make tsan        (builds this under ThreadSanitizer and runs it)
 *   build/static/bin/test_threads [THREADS [ROUNDS]]
 *
 * The main thread first runs the workload (workload.c) once for reference
 * outputs.  Then THREADS threads (default 4) open their connections at the
 * same moment (a barrier), and each runs every available entry ROUNDS times
 * (default 3), starting at a different entry so that different functions
 * overlap; every output must equal the reference.  Data races (shared
 * caches, lazily built tables, the allocator hooks) show up as
 * ThreadSanitizer reports, which fail the run; wrong outputs fail the check.
 * Ends with "N passed, N failed".
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "workload.h"

#define MAX_THREADS 32

static char *g_azRef[256];
static int g_aRcRef[256];
static int g_aAvail[256];
static int g_nRounds = 3;
static pthread_barrier_t g_barrier;

typedef struct thread_result {
  int id;
  int nRun;
  int nWrong;
  char zFirstWrong[512];
} thread_result;

static void *threadMain(void *pArg) {
  thread_result *r = pArg;
  sqlite3 *db = NULL;
  int round, k;
  pthread_barrier_wait(&g_barrier); /* every thread opens at once */
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    r->nWrong++;
    snprintf(r->zFirstWrong, sizeof r->zFirstWrong, "thread %d: cannot open", r->id);
    sqlite3_close(db);
    return NULL;
  }
  for (round = 0; round < g_nRounds; round++) {
    for (k = 0; k < vb_nworkload; k++) {
      int i = (k + r->id * 5) % vb_nworkload;
      char *zOut = NULL;
      if (!g_aAvail[i]) continue;
      int rc = vb_work_run(db, &vb_workload[i], &zOut);
      r->nRun++;
      if (rc != g_aRcRef[i] || strcmp(zOut, g_azRef[i]) != 0) {
        if (r->nWrong++ == 0) {
          snprintf(r->zFirstWrong, sizeof r->zFirstWrong,
                   "thread %d, entry %d (%s): rc %d, output:\n%.300s", r->id, i,
                   vb_workload[i].zNeed, rc, zOut);
        }
      }
      free(zOut);
    }
  }
  sqlite3_close(db);
  return NULL;
}

int main(int argc, char **argv) {
  int nThreads = argc > 1 ? atoi(argv[1]) : 4;
  int i, nAvail = 0;
  pthread_t aThread[MAX_THREADS];
  thread_result aResult[MAX_THREADS];
  if (argc > 2) g_nRounds = atoi(argv[2]);
  if (nThreads < 1) nThreads = 1;
  if (nThreads > MAX_THREADS) nThreads = MAX_THREADS;
  CHECK(sqlite3_threadsafe() != 0);
  vb_work_register();

  sqlite3 *db = NULL;
  CHECK_INT(sqlite3_open(":memory:", &db), SQLITE_OK);
  for (i = 0; i < vb_nworkload && i < 256; i++) {
    g_aAvail[i] = vb_work_available(db, &vb_workload[i]);
    if (g_aAvail[i]) {
      g_aRcRef[i] = vb_work_run(db, &vb_workload[i], &g_azRef[i]);
      nAvail++;
    }
  }
  sqlite3_close(db);

  pthread_barrier_init(&g_barrier, NULL, (unsigned)nThreads);
  for (i = 0; i < nThreads; i++) {
    memset(&aResult[i], 0, sizeof aResult[i]);
    aResult[i].id = i;
    CHECK_INT(pthread_create(&aThread[i], NULL, threadMain, &aResult[i]), 0);
  }
  int nRun = 0;
  for (i = 0; i < nThreads; i++) {
    pthread_join(aThread[i], NULL);
    nRun += aResult[i].nRun;
    CHECK_MSG(aResult[i].nWrong == 0, "%d wrong outputs; first: %s", aResult[i].nWrong,
              aResult[i].zFirstWrong);
    CHECK_INT(aResult[i].nRun, nAvail * g_nRounds);
  }
  pthread_barrier_destroy(&g_barrier);
  for (i = 0; i < vb_nworkload && i < 256; i++) free(g_azRef[i]);
  printf("threads: %d threads x %d rounds x %d entries = %d runs\n", nThreads, g_nRounds, nAvail,
         nRun);
  CHECK(nAvail > 0);
  return check_done();
}
