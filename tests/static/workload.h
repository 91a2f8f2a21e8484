/* SPDX-License-Identifier: MIT
 *
 * workload.h -- the table of SQL that calls every verbatim function, shared
 * by the static-build programs (test_static, test_alloc, test_threads) and
 * the coverage build.
 *
 * Each entry names what it needs (a function or module name, or
 * "fts5:verbatim" for the tokenizer) and a script of one or more SQL
 * statements.  Parameters ?1..?4 are bound to the workload documents
 * (vb_work_doc()).  An entry whose function is not registered is skipped, so
 * the table may name functions before they land.  To cover a new function,
 * add a line to vb_workload[] in workload.c.
 *
 * vb_work_run() runs a script and serializes every row of every statement
 * into a string (libc malloc, not SQLite's allocator, so that
 * allocation-failure runs fail only the extension's and SQLite's
 * allocations):
 *   one line per row, columns separated by '|', NULL as "NULL", REAL as
 *   %.17g, TEXT with bytes outside printable ASCII as \xHH, BLOB as x'hex',
 *   and an error as "ERROR <code>: <message>" (which ends the script).
 */
#ifndef VB_WORKLOAD_H
#define VB_WORKLOAD_H

#include <sqlite3.h>

typedef struct vb_work {
  const char *zNeed; /* function or module name; "fts5:NAME" for a tokenizer */
  const char *zSql;  /* statements; ?1..?4 are the workload documents */
} vb_work;

extern const vb_work vb_workload[];
extern const int vb_nworkload;

/* The registration entry point (main.c), for sqlite3_auto_extension. */
int sqlite3_verbatim_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

/* Registers verbatim for every new connection (idempotent). */
void vb_work_register(void);

/* 1 if what w needs is registered on db, else 0. */
int vb_work_available(sqlite3 *db, const vb_work *w);

/* The i-th workload document (1..4) and its length in bytes. */
const char *vb_work_doc(int i, int *pnByte);

/* Runs w's script on db.  *pzOut (malloc'd, caller frees) receives the
 * serialized output.  Returns SQLITE_OK, or the first error code (also
 * written to the output). */
int vb_work_run(sqlite3 *db, const vb_work *w, char **pzOut);

#endif
