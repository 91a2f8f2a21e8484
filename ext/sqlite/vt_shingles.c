/* SPDX-License-Identifier: MIT
 *
 * vt_shingles.c -- the shingles() table-valued function.
 *
 *   select ord, shingle, hash, start, length
 *     from shingles('The committee approved the new budget on Friday.');
 *   -- 1|committe approv new|-1360908260983015027|5|26
 *   -- 2|approv new budget|6967621489123774314|15|23
 *   -- 3|new budget friday|1303750398738198985|28|20
 *
 * Schema:
 *   CREATE TABLE x(ord, shingle, hash, start, length, text HIDDEN, n HIDDEN)
 *
 * One row per word n-gram (n default 3, 1..16) of the text's content
 * words, in text order: shingle is their English Snowball stems joined by
 * ' ' (stopwords dropped; a text of stopwords only keeps them; a text with
 * fewer than n content words gives one shingle of them all), hash is the
 * 64-bit FNV-1a hash of shingle as a signed INTEGER, and start/length the
 * substr-compatible span from the shingle's first word to its last.  A
 * NULL text gives no rows; an n outside 1..16 is an error.  Each xNext
 * reads the tokenizer up to the next shingle, keeping only the last n
 * words, so memory does not grow with the text and LIMIT stops early.
 */
#include "verbatim/internal.h"

#include <string.h>

#define SHINGLES_COL_ORD 0
#define SHINGLES_COL_SHINGLE 1
#define SHINGLES_COL_HASH 2
#define SHINGLES_COL_START 3
#define SHINGLES_COL_LENGTH 4
#define SHINGLES_COL_TEXT 5 /* hidden argument 0 */
#define SHINGLES_COL_N 6    /* hidden argument 1 */
#define SHINGLES_NHIDDEN 2

typedef struct shingles_cursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  vb_args args;             /* owned copies of text, n */
  vb_doc doc;
  vb_charmap map;
  vb_tokenizer *pTok; /* kept across xFilter calls */
  vb_shingle_iter iter;
  vb_shingle cur;
  int n;
  sqlite3_int64 iStart, iEnd; /* 0-based character positions of the current span */
  int eof;
} shingles_cursor;

static int shinglesConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                           sqlite3_vtab **ppVtab, char **pzErr) {
  return vb_vtab_connect(db,
                         "CREATE TABLE x(ord INTEGER, shingle TEXT, hash INTEGER, start INTEGER,"
                         " length INTEGER, text HIDDEN, n HIDDEN)",
                         sizeof(sqlite3_vtab), ppVtab, pzErr);
}

static int shinglesBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  static const char *const azName[] = {"text", "n"};
  return vb_best_index(pVtab, pInfo, "shingles", SHINGLES_COL_TEXT, SHINGLES_NHIDDEN, 1, azName);
}

static int shinglesOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  shingles_cursor *p = sqlite3_malloc64(sizeof *p);
  if (p == NULL) return SQLITE_NOMEM;
  memset(p, 0, sizeof *p);
  p->eof = 1;
  *ppCursor = &p->base;
  return SQLITE_OK;
}

static void shinglesReset(shingles_cursor *p) {
  vb_shingle_close(&p->iter);
  vb_charmap_free(&p->map);
  vb_args_free(&p->args);
  memset(&p->doc, 0, sizeof p->doc);
  p->eof = 1;
}

static int shinglesClose(sqlite3_vtab_cursor *cur) {
  shingles_cursor *p = (shingles_cursor *)cur;
  shinglesReset(p);
  vb_tok_free(p->pTok);
  sqlite3_free(p);
  return SQLITE_OK;
}

static int shinglesNext(sqlite3_vtab_cursor *cur) {
  shingles_cursor *p = (shingles_cursor *)cur;
  int rc = vb_shingle_next(&p->iter, &p->cur);
  if (rc < 0) return vb_vtab_rc(cur->pVtab, "shingles", rc);
  if (rc == 0) {
    p->eof = 1;
    return SQLITE_OK;
  }
  p->iStart = vb_charmap_pos(&p->map, p->cur.start);
  p->iEnd = vb_charmap_pos(&p->map, p->cur.end);
  if (p->iStart < 0 || p->iEnd < 0) return SQLITE_NOMEM;
  return SQLITE_OK;
}

static int shinglesFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                          sqlite3_value **argv) {
  shingles_cursor *p = (shingles_cursor *)cur;
  sqlite3_value *aArg[SHINGLES_NHIDDEN];
  int rc;
  shinglesReset(p);
  vb_filter_args(idxNum, argc, argv, SHINGLES_NHIDDEN, aArg);
  p->n = VB_SHINGLE_DEFAULT_N;
  if (aArg[1] && sqlite3_value_type(aArg[1]) != SQLITE_NULL) {
    sqlite3_int64 n = sqlite3_value_int64(aArg[1]);
    if (sqlite3_value_numeric_type(aArg[1]) != SQLITE_INTEGER || n < 1 || n > VB_MINHASH_MAX_N) {
      vb_vtab_error(cur->pVtab, "shingles: n must be an integer from 1 to %d", VB_MINHASH_MAX_N);
      return SQLITE_ERROR;
    }
    p->n = (int)n;
  }
  rc = vb_args_dup(&p->args, aArg, SHINGLES_NHIDDEN);
  if (rc != SQLITE_OK) return rc;
  rc = vb_doc_get(p->args.a[0], &p->doc);
  if (rc < 0) return SQLITE_NOMEM;
  if (rc == 0) return SQLITE_OK; /* NULL text: no rows */
  if (p->pTok == NULL) {
    p->pTok = vb_tok_new(vb_lang_get(VB_LANG_EN), VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
    if (p->pTok == NULL) return SQLITE_NOMEM;
  }
  rc = vb_shingle_open(&p->iter, p->pTok, p->doc.z, p->doc.n, p->n);
  if (rc != VB_OK) return vb_vtab_rc(cur->pVtab, "shingles", rc);
  vb_charmap_init(&p->map, &p->doc);
  p->eof = 0;
  return shinglesNext(cur);
}

static int shinglesEof(sqlite3_vtab_cursor *cur) { return ((shingles_cursor *)cur)->eof; }

static int shinglesColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  shingles_cursor *p = (shingles_cursor *)cur;
  switch (i) {
    case SHINGLES_COL_ORD: sqlite3_result_int64(ctx, (sqlite3_int64)p->cur.ord); break;
    case SHINGLES_COL_SHINGLE:
      sqlite3_result_text64(ctx, p->cur.text, (sqlite3_uint64)p->cur.nText, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
      break;
    case SHINGLES_COL_HASH: sqlite3_result_int64(ctx, (sqlite3_int64)p->cur.hash); break;
    case SHINGLES_COL_START: sqlite3_result_int64(ctx, p->iStart + 1); break;
    case SHINGLES_COL_LENGTH: sqlite3_result_int64(ctx, p->iEnd - p->iStart); break;
    case SHINGLES_COL_TEXT:
      if (p->args.a[0]) sqlite3_result_value(ctx, p->args.a[0]);
      break;
    case SHINGLES_COL_N: sqlite3_result_int(ctx, p->n); break;
  }
  return SQLITE_OK;
}

static int shinglesRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = (sqlite_int64)((shingles_cursor *)cur)->cur.ord;
  return SQLITE_OK;
}

static sqlite3_module shinglesModule = {
    /* iVersion    */ 0,
    /* xCreate     */ 0, /* eponymous only */
    /* xConnect    */ shinglesConnect,
    /* xBestIndex  */ shinglesBestIndex,
    /* xDisconnect */ vb_vtab_disconnect,
    /* xDestroy    */ 0,
    /* xOpen       */ shinglesOpen,
    /* xClose      */ shinglesClose,
    /* xFilter     */ shinglesFilter,
    /* xNext       */ shinglesNext,
    /* xEof        */ shinglesEof,
    /* xColumn     */ shinglesColumn,
    /* xRowid      */ shinglesRowid,
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

int vb_register_shingles(sqlite3 *db) {
  return sqlite3_create_module_v2(db, "shingles", &shinglesModule, NULL, NULL);
}
