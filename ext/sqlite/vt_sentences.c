/* SPDX-License-Identifier: MIT
 *
 * vt_sentences.c -- the sentences() table-valued function.
 *
 *   select ord, sentence, start, length, paragraph
 *     from sentences('Mr. Smith left. He was late.');
 *   -- 1|Mr. Smith left.|1|15|1
 *   -- 2|He was late.|17|12|1
 *
 *   select count(*) from docs, sentences(docs.body, 'de');
 *
 * Schema:
 *   CREATE TABLE x(ord, sentence, start, length, paragraph,
 *                  document HIDDEN, lang HIDDEN)
 *
 * start/length are 1-based SQLite character positions, so
 * substr(document, start, length) = sentence for every row (for a BLOB
 * document they count bytes and sentence is a BLOB, as substr() does).
 * A NULL document gives no rows; an unknown lang is an error naming the
 * supported codes.  The core iterator (ext/core/sentences.c) is stepped
 * once per xNext, so LIMIT stops early and memory does not grow with the
 * number of sentences.
 */
#include "verbatim/internal.h"

#include <string.h>

#define SENT_COL_ORD 0
#define SENT_COL_SENTENCE 1
#define SENT_COL_START 2
#define SENT_COL_LENGTH 3
#define SENT_COL_PARAGRAPH 4
#define SENT_COL_DOCUMENT 5 /* hidden argument 0 */
#define SENT_COL_LANG 6     /* hidden argument 1 */
#define SENT_NHIDDEN 2

typedef struct sentences_cursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  vb_args args;             /* owned copies of document, lang */
  vb_doc doc;
  vb_charmap map;
  vb_sent_iter *pIter;
  vb_sentence cur;
  sqlite3_int64 iStart; /* 0-based character index of cur.start */
  sqlite3_int64 iEnd;   /* 0-based character index of cur.end */
  int eof;
} sentences_cursor;

static int sentencesConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                            sqlite3_vtab **ppVtab, char **pzErr) {
  return vb_vtab_connect(db,
                         "CREATE TABLE x(ord INTEGER, sentence TEXT, start INTEGER, length INTEGER,"
                         " paragraph INTEGER, document HIDDEN, lang HIDDEN)",
                         sizeof(sqlite3_vtab), ppVtab, pzErr);
}

static int sentencesBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  static const char *const azName[] = {"document", "lang"};
  return vb_best_index(pVtab, pInfo, "sentences", SENT_COL_DOCUMENT, SENT_NHIDDEN, 1, azName);
}

static int sentencesOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  int rc = vb_cursor_open(sizeof(sentences_cursor), ppCursor);
  if (rc == SQLITE_OK) ((sentences_cursor *)*ppCursor)->eof = 1;
  return rc;
}

static void sentencesReset(sentences_cursor *p) {
  vb_sent_close(p->pIter);
  p->pIter = NULL;
  vb_charmap_free(&p->map);
  vb_args_free(&p->args);
  memset(&p->doc, 0, sizeof p->doc);
  p->eof = 1;
}

static int sentencesClose(sqlite3_vtab_cursor *cur) {
  sentencesReset((sentences_cursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int sentencesNext(sqlite3_vtab_cursor *cur) {
  sentences_cursor *p = (sentences_cursor *)cur;
  int rc = vb_sent_next(p->pIter, &p->cur);
  if (rc < 0) return vb_vtab_rc(cur->pVtab, "sentences", rc);
  if (rc == 0) {
    p->eof = 1;
    return SQLITE_OK;
  }
  return vb_charmap_span(&p->map, p->cur.start, p->cur.end, &p->iStart, &p->iEnd);
}

static int sentencesFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                           sqlite3_value **argv) {
  sentences_cursor *p = (sentences_cursor *)cur;
  sqlite3_value *aArg[SENT_NHIDDEN];
  const vb_lang *lang;
  int rc;
  sentencesReset(p);
  vb_filter_args(idxNum, argc, argv, SENT_NHIDDEN, aArg);
  rc = vb_vtab_lang_arg(cur->pVtab, "sentences", aArg[1], &lang);
  if (rc != SQLITE_OK) return rc;
  rc = vb_args_dup(&p->args, aArg, SENT_NHIDDEN);
  if (rc != SQLITE_OK) return rc;
  rc = vb_doc_get(p->args.a[0], &p->doc);
  if (rc < 0) return SQLITE_NOMEM;
  if (rc == 0) return SQLITE_OK; /* NULL document: no rows */
  vb_charmap_init(&p->map, &p->doc);
  rc = vb_sent_open(&p->pIter, p->doc.z, p->doc.n, lang);
  if (rc != VB_OK) return vb_vtab_rc(cur->pVtab, "sentences", rc);
  p->eof = 0;
  return sentencesNext(cur);
}

static int sentencesEof(sqlite3_vtab_cursor *cur) { return ((sentences_cursor *)cur)->eof; }

static int sentencesColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  sentences_cursor *p = (sentences_cursor *)cur;
  switch (i) {
    case SENT_COL_ORD: sqlite3_result_int64(ctx, (sqlite3_int64)p->cur.ord); break;
    case SENT_COL_SENTENCE: vb_result_span(ctx, &p->doc, p->cur.start, p->cur.end); break;
    case SENT_COL_START: sqlite3_result_int64(ctx, p->iStart + 1); break;
    case SENT_COL_LENGTH: sqlite3_result_int64(ctx, p->iEnd - p->iStart); break;
    case SENT_COL_PARAGRAPH: sqlite3_result_int64(ctx, (sqlite3_int64)p->cur.paragraph); break;
    case SENT_COL_DOCUMENT:
      if (p->args.a[0]) sqlite3_result_value(ctx, p->args.a[0]);
      break;
    case SENT_COL_LANG: vb_result_lang(ctx, p->args.a[1]); break;
  }
  return SQLITE_OK;
}

static int sentencesRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = (sqlite_int64)((sentences_cursor *)cur)->cur.ord;
  return SQLITE_OK;
}

static sqlite3_module sentencesModule = {
    /* iVersion    */ 0,
    /* xCreate     */ 0, /* eponymous only */
    /* xConnect    */ sentencesConnect,
    /* xBestIndex  */ sentencesBestIndex,
    /* xDisconnect */ vb_vtab_disconnect,
    /* xDestroy    */ 0,
    /* xOpen       */ sentencesOpen,
    /* xClose      */ sentencesClose,
    /* xFilter     */ sentencesFilter,
    /* xNext       */ sentencesNext,
    /* xEof        */ sentencesEof,
    /* xColumn     */ sentencesColumn,
    /* xRowid      */ sentencesRowid,
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

int vb_register_sentences(sqlite3 *db) {
  return sqlite3_create_module_v2(db, "sentences", &sentencesModule, NULL, NULL);
}
