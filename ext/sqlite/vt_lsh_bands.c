/* SPDX-License-Identifier: MIT
 *
 * vt_lsh_bands.c -- the lsh_bands() table-valued function: the LSH bands
 * of a minhash() signature.
 *
 *   select band, hash from lsh_bands(minhash('The committee approved the new budget on Friday.',
 * 8), 4);
 *   -- 1|7529194060772486851
 *   -- 2|4611499165169900849
 *   -- 3|-6257851748973511134
 *   -- 4|-3138635441821450715
 *
 *   -- candidates: rows of two texts that share a (band, hash)
 *   create table bands(id, band, hash);
 *   insert into bands select d.id, b.band, b.hash from docs d, lsh_bands(d.sig, 16) b;
 *   create index bands_bh on bands(band, hash);
 *
 *   -- 12 bands of 2 slots from a 64-slot signature (the first 24 slots)
 *   select band, hash from lsh_bands(minhash('some text', 64), 12, 2);
 *
 * Schema:
 *   CREATE TABLE x(band, hash, signature HIDDEN, bands HIDDEN, rows HIDDEN)
 *
 * Band k (1-based) of b covers r signature slots (k-1)*r .. k*r-1, where r
 * is rows, by default permutations / b (b must then divide the
 * permutations); b * r must not exceed the permutations.  hash is the
 * 64-bit FNV-1a hash of those slots' bytes as a signed INTEGER.  A NULL
 * signature gives no rows; a value that is not a minhash() signature, or
 * a bad bands or rows, is an error.
 */
#include "verbatim/internal.h"

#include <string.h>

#define LSH_COL_BAND 0
#define LSH_COL_HASH 1
#define LSH_COL_SIGNATURE 2 /* hidden argument 0 */
#define LSH_COL_BANDS 3     /* hidden argument 1 */
#define LSH_COL_ROWS 4      /* hidden argument 2 */
#define LSH_NHIDDEN 3

typedef struct lsh_cursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  vb_args args;             /* owned copies of signature, bands */
  const unsigned char *sig;
  int perms, bands, rows;
  int k; /* 0-based current band */
  int eof;
} lsh_cursor;

static int lshConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr) {
  return vb_vtab_connect(
      db,
      "CREATE TABLE x(band INTEGER, hash INTEGER, signature HIDDEN, bands HIDDEN,"
      " rows HIDDEN)",
      sizeof(sqlite3_vtab), ppVtab, pzErr);
}

static int lshBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  static const char *const azName[] = {"signature", "bands", "rows"};
  return vb_best_index(pVtab, pInfo, "lsh_bands", LSH_COL_SIGNATURE, LSH_NHIDDEN, 2, azName);
}

static int lshOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  int rc = vb_cursor_open(sizeof(lsh_cursor), ppCursor);
  if (rc == SQLITE_OK) ((lsh_cursor *)*ppCursor)->eof = 1;
  return rc;
}

static int lshClose(sqlite3_vtab_cursor *cur) {
  lsh_cursor *p = (lsh_cursor *)cur;
  vb_args_free(&p->args);
  sqlite3_free(p);
  return SQLITE_OK;
}

static int lshNext(sqlite3_vtab_cursor *cur) {
  lsh_cursor *p = (lsh_cursor *)cur;
  if (++p->k >= p->bands) p->eof = 1;
  return SQLITE_OK;
}

static int lshFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                     sqlite3_value **argv) {
  lsh_cursor *p = (lsh_cursor *)cur;
  sqlite3_value *aArg[LSH_NHIDDEN];
  int rc, n;
  vb_args_free(&p->args);
  p->eof = 1;
  p->k = 0;
  vb_filter_args(idxNum, argc, argv, LSH_NHIDDEN, aArg);
  rc = vb_args_dup(&p->args, aArg, LSH_NHIDDEN);
  if (rc != SQLITE_OK) return rc;
  sqlite3_value *vSig = p->args.a[0], *vBands = p->args.a[1], *vRows = p->args.a[2];
  if (vSig == NULL || sqlite3_value_type(vSig) == SQLITE_NULL) return SQLITE_OK;
  p->sig = vb_minhash_arg(vSig, &p->perms, &n);
  if (p->sig == NULL) {
    vb_vtab_error(cur->pVtab, "lsh_bands: the signature argument is not a minhash() signature");
    return SQLITE_ERROR;
  }
  sqlite3_int64 b = vBands ? sqlite3_value_int64(vBands) : 0;
  if (vRows == NULL || sqlite3_value_type(vRows) == SQLITE_NULL) {
    if (vBands == NULL || sqlite3_value_numeric_type(vBands) != SQLITE_INTEGER || b < 1 ||
        b > p->perms || p->perms % b != 0) {
      vb_vtab_error(cur->pVtab,
                    "lsh_bands: bands must be an integer that divides the %d permutations",
                    p->perms);
      return SQLITE_ERROR;
    }
    p->rows = p->perms / (int)b;
  } else {
    sqlite3_int64 r = sqlite3_value_int64(vRows);
    if (vBands == NULL || sqlite3_value_numeric_type(vBands) != SQLITE_INTEGER ||
        sqlite3_value_numeric_type(vRows) != SQLITE_INTEGER || b < 1 || r < 1 || b > p->perms ||
        r > p->perms || b * r > p->perms) {
      vb_vtab_error(cur->pVtab,
                    "lsh_bands: bands and rows must be positive integers with bands * rows <= %d"
                    " permutations",
                    p->perms);
      return SQLITE_ERROR;
    }
    p->rows = (int)r;
  }
  p->bands = (int)b;
  p->eof = 0;
  return SQLITE_OK;
}

static int lshEof(sqlite3_vtab_cursor *cur) { return ((lsh_cursor *)cur)->eof; }

static int lshColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  lsh_cursor *p = (lsh_cursor *)cur;
  switch (i) {
    case LSH_COL_BAND: sqlite3_result_int(ctx, p->k + 1); break;
    case LSH_COL_HASH:
      sqlite3_result_int64(ctx, (sqlite3_int64)vb_minhash_band(p->sig, p->rows, p->k));
      break;
    case LSH_COL_SIGNATURE:
      if (p->args.a[0]) sqlite3_result_value(ctx, p->args.a[0]);
      break;
    case LSH_COL_BANDS:
      if (p->args.a[1]) sqlite3_result_value(ctx, p->args.a[1]);
      break;
    case LSH_COL_ROWS: sqlite3_result_int(ctx, p->rows); break;
  }
  return SQLITE_OK;
}

static int lshRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = (sqlite_int64)((lsh_cursor *)cur)->k + 1;
  return SQLITE_OK;
}

static sqlite3_module lshModule = {
    /* iVersion    */ 0,
    /* xCreate     */ 0, /* eponymous only */
    /* xConnect    */ lshConnect,
    /* xBestIndex  */ lshBestIndex,
    /* xDisconnect */ vb_vtab_disconnect,
    /* xDestroy    */ 0,
    /* xOpen       */ lshOpen,
    /* xClose      */ lshClose,
    /* xFilter     */ lshFilter,
    /* xNext       */ lshNext,
    /* xEof        */ lshEof,
    /* xColumn     */ lshColumn,
    /* xRowid      */ lshRowid,
    /* xUpdate     */ 0,
    /* xBegin      */ 0,
    /* xSync       */ 0,
    /* xCommit     */ 0,
    /* xRollback   */ 0,
    /* xFindMethod */ 0,
    /* xRename     */ 0,
    /* xSavepoint  */ 0,
    /* xRelease    */ 0,
    /* xRollbackTo */ 0,
    /* xShadowName */ 0,
};

int vb_register_lsh_bands(sqlite3 *db) {
  return sqlite3_create_module_v2(db, "lsh_bands", &lshModule, NULL, NULL);
}
