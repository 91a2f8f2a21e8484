/* SPDX-License-Identifier: MIT
 *
 * test_static.c -- the extension compiled into a program (ext/ built with
 * -DSQLITE_CORE, linked with Debian's libsqlite3, registered with
 * sqlite3_auto_extension), as an application embeds it.
 *
 *   make static && build/static/bin/test_static
 *
 * Checks: the build reports itself as static; every entry of the workload
 * (workload.c) whose function is registered runs, and gives the same
 * output twice on one connection and on a second connection (determinism);
 * results over SQLITE_LIMIT_LENGTH give SQLITE_TOOBIG; a catastrophic
 * regular expression ends (with the right answer or a clear error); no
 * memory routed through SQLite's allocator is left after closing.
 * Ends with "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "workload.h"

static sqlite3 *openDb(void) {
  sqlite3 *db = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    printf("FAIL cannot open a connection: %s\n", db ? sqlite3_errmsg(db) : "out of memory");
    exit(1);
  }
  return db;
}

/* Runs zSql with ?1 bound to (z, n) as TEXT; returns the rc of the first
 * failing step (or SQLITE_OK) and copies the error message. */
static int runText(sqlite3 *db, const char *zSql, const char *z, int n, char *zErr, size_t nErr) {
  sqlite3_stmt *pStmt = NULL;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, NULL);
  zErr[0] = 0;
  if (rc == SQLITE_OK && z) rc = sqlite3_bind_text(pStmt, 1, z, n, SQLITE_TRANSIENT);
  while (rc == SQLITE_OK) {
    int s = sqlite3_step(pStmt);
    if (s == SQLITE_DONE) break;
    if (s == SQLITE_ROW) {
      int k;
      for (k = 0; k < sqlite3_column_count(pStmt); k++) sqlite3_column_text(pStmt, k);
      continue;
    }
    rc = s;
  }
  if (rc != SQLITE_OK) snprintf(zErr, nErr, "%s", sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
  return rc;
}

static int available(sqlite3 *db, const char *zNeed) {
  vb_work w = {zNeed, ""};
  return vb_work_available(db, &w);
}

static void testBuild(sqlite3 *db) {
  sqlite3_stmt *pStmt = NULL;
  CHECK_INT(sqlite3_prepare_v2(db, "select verbatim_debug()", -1, &pStmt, NULL), SQLITE_OK);
  CHECK_INT(sqlite3_step(pStmt), SQLITE_ROW);
  const char *z = (const char *)sqlite3_column_text(pStmt, 0);
  CHECK_MSG(z && strstr(z, "build: static"), "verbatim_debug() = %s", z ? z : "(null)");
  sqlite3_finalize(pStmt);
}

static void testWorkload(void) {
  sqlite3 *db1 = openDb(), *db2 = openDb();
  int i, nRun = 0, nSkip = 0;
  for (i = 0; i < vb_nworkload; i++) {
    const vb_work *w = &vb_workload[i];
    char *zA = NULL, *zB = NULL, *zC = NULL;
    if (!vb_work_available(db1, w)) {
      nSkip++;
      continue;
    }
    nRun++;
    int rcA = vb_work_run(db1, w, &zA);
    int rcB = vb_work_run(db1, w, &zB);
    int rcC = vb_work_run(db2, w, &zC);
    /* Errors are allowed (some entries test error texts), crashes are not;
     * but nothing may run out of memory or depend on earlier calls. */
    CHECK_MSG(rcA != SQLITE_NOMEM && rcA != SQLITE_MISUSE, "workload %d (%s): %s", i, w->zNeed, zA);
    CHECK_MSG(rcA == rcB && strcmp(zA, zB) == 0, "workload %d (%s) differs on a second run:\n%s---\n%s",
              i, w->zNeed, zA, zB);
    CHECK_MSG(rcA == rcC && strcmp(zA, zC) == 0,
              "workload %d (%s) differs on another connection:\n%s---\n%s", i, w->zNeed, zA, zC);
    free(zA);
    free(zB);
    free(zC);
  }
  printf("workload: %d entries run, %d skipped (function not registered yet)\n", nRun, nSkip);
  CHECK(nRun > 0);
  sqlite3_close(db1);
  sqlite3_close(db2);
}

/* Results longer than SQLITE_LIMIT_LENGTH: SQLITE_TOOBIG, never a truncated
 * or oversized value. */
static void testTooBig(void) {
  sqlite3 *db = openDb();
  char zErr[256];
  enum { LIMIT = 1000 };
  /* 100 x U+FDFA (300 bytes); its NFKC/NFKD form is 18 characters, 33 bytes. */
  char zLig[301];
  int i;
  for (i = 0; i < 100; i++) memcpy(zLig + 3 * i, "\xEF\xB7\xBA", 3);
  zLig[300] = 0;
  /* 600 double quotes: escaped in a JSON array they need 1200+ bytes. */
  char zQuotes[601];
  memset(zQuotes, '"', 600);
  zQuotes[600] = 0;
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, LIMIT);

  if (available(db, "normalize")) {
    CHECK_INT(runText(db, "select normalize(?1)", zLig, 300, zErr, sizeof zErr), SQLITE_TOOBIG);
    CHECK_INT(runText(db, "select normalize(?1, 'nfkd')", zLig, 300, zErr, sizeof zErr),
              SQLITE_TOOBIG);
    CHECK_INT(runText(db, "select normalize(?1, 'nfc')", zLig, 300, zErr, sizeof zErr), SQLITE_OK);
  }
  if (available(db, "tokens")) {
    CHECK_INT(runText(db, "select norm from tokens(?1)", zLig, 300, zErr, sizeof zErr),
              SQLITE_TOOBIG);
  }
  if (available(db, "regexp_matches")) {
    CHECK_INT(runText(db, "select groups from regexp_matches(?1, '(\"+)')", zQuotes, 600, zErr,
                      sizeof zErr),
              SQLITE_TOOBIG);
  }
  if (available(db, "minhash")) {
    /* 1000 permutations of 64 bits: 8000 bytes, or an argument-range error. */
    int rc = runText(db, "select minhash(?1, 1000)", "a b c d e", 9, zErr, sizeof zErr);
    CHECK_MSG(rc == SQLITE_TOOBIG || (rc == SQLITE_ERROR && strstr(zErr, "minhash")),
              "minhash over the limit: rc %d, %s", rc, zErr);
  }
  /* Inputs under the limit still work. */
  if (available(db, "sentences")) {
    CHECK_INT(runText(db, "select * from sentences(?1)", zQuotes, 600, zErr, sizeof zErr),
              SQLITE_OK);
  }
  sqlite3_close(db);
}

/* A pattern that backtracks exponentially must end: with the right answer
 * (0: the subject does not match) or a clear error naming the function. */
static void testCatastrophicRegex(void) {
  sqlite3 *db = openDb();
  static const char *const azSql[] = {
      "select ?1 regexp '^(a|a)*b$'",
      "select ?1 regexp '^(a+)+b$'",
      "select ?1 regexp '^(\\w+\\s?)*$'",
      "select count(*) from regexp_matches(?1, '(a|aa)*(b|c)')",
  };
  char zSubject[64];
  char zErr[256];
  size_t i;
  memset(zSubject, 'a', 40);
  strcpy(zSubject + 40, "!");
  for (i = 0; i < sizeof azSql / sizeof azSql[0]; i++) {
    const char *zNeed = strstr(azSql[i], "regexp_matches") ? "regexp_matches" : "regexp";
    if (!available(db, zNeed)) continue;
    int rc = runText(db, azSql[i], zSubject, -1, zErr, sizeof zErr);
    CHECK_MSG(rc == SQLITE_OK || (rc == SQLITE_ERROR && strstr(zErr, "regexp")),
              "%s: rc %d, %s", azSql[i], rc, zErr);
  }
  sqlite3_close(db);
}

int main(void) {
  vb_work_register();
  sqlite3 *db = openDb();
  testBuild(db);
  sqlite3_close(db);
  sqlite3_int64 nBase = sqlite3_memory_used();
  testWorkload();
  testTooBig();
  testCatastrophicRegex();
  /* Everything the extension and SQLite allocated is freed on close. */
  CHECK_MSG(sqlite3_memory_used() <= nBase, "memory still in use after closing: %lld > %lld bytes",
            (long long)sqlite3_memory_used(), (long long)nBase);
  sqlite3_shutdown();
  return check_done();
}
