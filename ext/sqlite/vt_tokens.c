/* SPDX-License-Identifier: MIT
 *
 * vt_tokens.c -- the tokens() table-valued function.
 *
 *   select ord, token, norm, stem, kind, stop, start, length
 *     from tokens('Putin’s aides were RUNNING late.');
 *   -- 1|Putin’s|putin's|putin|word|0|1|7
 *   -- 2|aides|aides|aid|word|0|9|5
 *   -- 3|were|were|were|word|1|15|4
 *   -- 4|RUNNING|running|run|word|0|20|7
 *   -- 5|late|late|late|word|0|28|4
 *   -- 6|.|.|.|punct|0|32|1
 *
 *   select stem, count(*) from docs, tokens(docs.body, 'ru')
 *    where kind = 'word' and not stop group by stem;
 *
 * Schema:
 *   CREATE TABLE x(ord, token, norm, stem, kind, stop, start, length,
 *                  text HIDDEN, lang HIDDEN)
 *
 * Token rules, norm, stem and stop are those of the core tokenizer
 * (include/verbatim/tokens.h).  start/length are 1-based SQLite character
 * positions, so substr(text, start, length) = token for every row (for a
 * BLOB text they count bytes and token is a BLOB).  A NULL text gives no
 * rows; an unknown lang is an error naming the supported codes.  One core
 * tokenizer step per xNext, so LIMIT stops early; the cursor keeps its
 * tokenizer (and its stem cache) across xFilter calls with the same
 * language, so a join over many rows stems each distinct word once.
 */
#include "verbatim/internal.h"

#include <string.h>

#define TOK_COL_ORD 0
#define TOK_COL_TOKEN 1
#define TOK_COL_NORM 2
#define TOK_COL_STEM 3
#define TOK_COL_KIND 4
#define TOK_COL_STOP 5
#define TOK_COL_START 6
#define TOK_COL_LENGTH 7
#define TOK_COL_TEXT 8 /* hidden argument 0 */
#define TOK_COL_LANG 9 /* hidden argument 1 */
#define TOK_NHIDDEN 2

typedef struct tokens_cursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  vb_args args;             /* owned copies of text, lang */
  vb_doc doc;
  vb_charmap map;
  vb_tokenizer *pTok; /* kept across xFilter calls with the same language */
  vb_token cur;
  sqlite3_int64 ord;
  sqlite3_int64 iStart; /* 0-based character index of cur.start */
  sqlite3_int64 iEnd;   /* 0-based character index of cur.end */
  int havePos;          /* iStart/iEnd computed for this row (lazily, in xColumn) */
  int eof;
} tokens_cursor;

static const char *const azKind[] = {"word", "number", "punct", "symbol"};

static int tokensConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr) {
  return vb_vtab_connect(db,
                         "CREATE TABLE x(ord INTEGER, token TEXT, norm TEXT, stem TEXT, kind TEXT,"
                         " stop INTEGER, start INTEGER, length INTEGER, text HIDDEN, lang HIDDEN)",
                         sizeof(sqlite3_vtab), ppVtab, pzErr);
}

static int tokensBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  static const char *const azName[] = {"text", "lang"};
  return vb_best_index(pVtab, pInfo, "tokens", TOK_COL_TEXT, TOK_NHIDDEN, 1, azName);
}

static int tokensOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  int rc = vb_cursor_open(sizeof(tokens_cursor), ppCursor);
  if (rc == SQLITE_OK) ((tokens_cursor *)*ppCursor)->eof = 1;
  return rc;
}

static void tokensReset(tokens_cursor *p) {
  vb_charmap_free(&p->map);
  vb_args_free(&p->args);
  memset(&p->doc, 0, sizeof p->doc);
  p->ord = 0;
  p->eof = 1;
}

static int tokensClose(sqlite3_vtab_cursor *cur) {
  tokens_cursor *p = (tokens_cursor *)cur;
  tokensReset(p);
  vb_tok_free(p->pTok);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int tokensNext(sqlite3_vtab_cursor *cur) {
  tokens_cursor *p = (tokens_cursor *)cur;
  int rc = vb_tok_next(p->pTok, &p->cur);
  if (rc < 0) return vb_vtab_rc(cur->pVtab, "tokens", rc);
  if (rc == 0) {
    p->eof = 1;
    return SQLITE_OK;
  }
  p->ord++;
  p->havePos = 0;
  return SQLITE_OK;
}

/* Character positions of the current token, computed on first use: a query
 * that reads neither start nor length never maps offsets. */
static int tokensPos(tokens_cursor *p) {
  if (p->havePos) return SQLITE_OK;
  if (vb_charmap_span(&p->map, p->cur.start, p->cur.end, &p->iStart, &p->iEnd) != SQLITE_OK)
    return SQLITE_NOMEM;
  p->havePos = 1;
  return SQLITE_OK;
}

static int tokensFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  tokens_cursor *p = (tokens_cursor *)cur;
  sqlite3_value *aArg[TOK_NHIDDEN];
  const vb_lang *lang;
  int rc;
  tokensReset(p);
  vb_filter_args(idxNum, argc, argv, TOK_NHIDDEN, aArg);
  rc = vb_vtab_lang_arg(cur->pVtab, "tokens", aArg[1], &lang);
  if (rc != SQLITE_OK) return rc;
  rc = vb_args_dup(&p->args, aArg, TOK_NHIDDEN);
  if (rc != SQLITE_OK) return rc;
  rc = vb_doc_get(p->args.a[0], &p->doc);
  if (rc < 0) return SQLITE_NOMEM;
  if (rc == 0) return SQLITE_OK; /* NULL text: no rows */
  if (p->pTok && vb_tok_lang(p->pTok) != lang) {
    vb_tok_free(p->pTok);
    p->pTok = NULL;
  }
  if (p->pTok == NULL) {
    p->pTok = vb_tok_new(lang, VB_TOK_WANT_STEM);
    if (p->pTok == NULL) return SQLITE_NOMEM;
  }
  vb_charmap_init(&p->map, &p->doc);
  vb_tok_reset(p->pTok, p->doc.z, p->doc.n);
  p->eof = 0;
  return tokensNext(cur);
}

static int tokensEof(sqlite3_vtab_cursor *cur) { return ((tokens_cursor *)cur)->eof; }

static int tokensColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  tokens_cursor *p = (tokens_cursor *)cur;
  switch (i) {
    case TOK_COL_ORD: sqlite3_result_int64(ctx, p->ord); break;
    case TOK_COL_TOKEN: vb_result_span(ctx, &p->doc, p->cur.start, p->cur.end); break;
    case TOK_COL_NORM:
      sqlite3_result_text64(ctx, p->cur.norm, p->cur.nNorm, SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case TOK_COL_STEM:
      sqlite3_result_text64(ctx, p->cur.stem, p->cur.nStem, SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case TOK_COL_KIND: sqlite3_result_text(ctx, azKind[p->cur.kind & 3], -1, SQLITE_STATIC); break;
    case TOK_COL_STOP: sqlite3_result_int(ctx, p->cur.stop); break;
    case TOK_COL_START:
    case TOK_COL_LENGTH:
      if (tokensPos(p) != SQLITE_OK) return SQLITE_NOMEM;
      sqlite3_result_int64(ctx, i == TOK_COL_START ? p->iStart + 1 : p->iEnd - p->iStart);
      break;
    case TOK_COL_TEXT:
      if (p->args.a[0]) sqlite3_result_value(ctx, p->args.a[0]);
      break;
    case TOK_COL_LANG: vb_result_lang(ctx, p->args.a[1]); break;
  }
  return SQLITE_OK;
}

static int tokensRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((tokens_cursor *)cur)->ord;
  return SQLITE_OK;
}

static sqlite3_module tokensModule = {
    /* iVersion    */ 0,
    /* xCreate     */ 0, /* eponymous only */
    /* xConnect    */ tokensConnect,
    /* xBestIndex  */ tokensBestIndex,
    /* xDisconnect */ vb_vtab_disconnect,
    /* xDestroy    */ 0,
    /* xOpen       */ tokensOpen,
    /* xClose      */ tokensClose,
    /* xFilter     */ tokensFilter,
    /* xNext       */ tokensNext,
    /* xEof        */ tokensEof,
    /* xColumn     */ tokensColumn,
    /* xRowid      */ tokensRowid,
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

int vb_register_tokens(sqlite3 *db) {
  return sqlite3_create_module_v2(db, "tokens", &tokensModule, NULL, NULL);
}
