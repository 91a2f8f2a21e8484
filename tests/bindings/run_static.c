/* SPDX-License-Identifier: MIT
 *
 * run_static.c -- the bindings workload (tests/bindings/workload.txt) from
 * C, with verbatim compiled in statically (-DSQLITE_CORE) and registered
 * for every connection through sqlite3_auto_extension(), as
 * include/verbatim.h describes.  Built by `make static` as
 * build/static/verbatim_static; see tests/bindings/run.sh.
 *
 *   build/static/verbatim_static tests/bindings/workload.txt
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "verbatim.h"

static void runQuery(sqlite3 *db, const char *zLabel, const char *zSql) {
  sqlite3_stmt *pStmt = NULL;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, NULL);
  if (rc == SQLITE_OK) rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    int i, n = sqlite3_column_count(pStmt);
    printf("%s", zLabel);
    for (i = 0; i < n; i++) {
      const unsigned char *z = sqlite3_column_text(pStmt, i);
      printf("|%s", z ? (const char *)z : "NULL");
    }
    printf("\n");
  }
  if (rc != SQLITE_DONE) printf("%s|error|%s\n", zLabel, sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
}

int main(int argc, char **argv) {
  char zLine[8192];
  sqlite3 *db;
  FILE *f;
  if (argc != 2) {
    fprintf(stderr, "usage: %s WORKLOAD\n", argv[0]);
    return 2;
  }
  f = fopen(argv[1], "r");
  if (f == NULL) {
    perror(argv[1]);
    return 2;
  }
  /* The documented registration: cast to the type auto_extension takes. */
  if (sqlite3_auto_extension((void (*)(void))sqlite3_verbatim_init) != SQLITE_OK ||
      sqlite3_open(":memory:", &db) != SQLITE_OK) {
    fprintf(stderr, "cannot open a connection with verbatim\n");
    return 1;
  }
  while (fgets(zLine, sizeof zLine, f)) {
    char *zSql;
    zLine[strcspn(zLine, "\n")] = 0;
    if (zLine[0] == 0 || zLine[0] == '#') continue;
    zSql = strchr(zLine, ' ');
    if (zSql == NULL) continue;
    *zSql++ = 0;
    runQuery(db, zLine, zSql);
  }
  fclose(f);
  sqlite3_close(db);
  return 0;
}
