/* SPDX-License-Identifier: MIT
 *
 * vt_quotes.c -- the quotes() table-valued function.
 *
 *   select quote, speaker, mention, cue, kind
 *     from quotes('“We need more beds,” said Eva Noor, director of the shelter.');
 *   -- We need more beds,|Eva Noor|Eva Noor|said|direct
 *
 *   select kind, quote, speaker from quotes('Putin said that talks would resume.');
 *   -- indirect|talks would resume|Putin
 *
 * Schema:
 *   CREATE TABLE x(ord, quote, speaker, mention, cue, kind, start, length,
 *                  sentence, paragraph, document HIDDEN, lang HIDDEN)
 *
 * start/length are 1-based SQLite character positions of the quoted words,
 * so substr(document, start, length) = quote for every row (for a BLOB
 * document they count bytes and the text columns are BLOBs).  speaker,
 * mention and cue are NULL when unknown or absent.  sentence and paragraph
 * are the numbers sentences() gives the sentence where the quote starts.
 * A NULL document gives no rows; an unknown lang is an error naming the
 * supported codes.
 *
 * The rule patterns and lexicons are compiled once per connection, when
 * the module is registered, and kept as the module's client data
 * (sqlite3_create_module_v2 frees them).  The core analyses the whole
 * document in xFilter (linear time, memory linear in the rows); xNext hands
 * out one row at a time.
 */
#include "verbatim/internal.h"

#include <string.h>

#define QUOTE_COL_ORD 0
#define QUOTE_COL_QUOTE 1
#define QUOTE_COL_SPEAKER 2
#define QUOTE_COL_MENTION 3
#define QUOTE_COL_CUE 4
#define QUOTE_COL_KIND 5
#define QUOTE_COL_START 6
#define QUOTE_COL_LENGTH 7
#define QUOTE_COL_SENTENCE 8
#define QUOTE_COL_PARAGRAPH 9
#define QUOTE_COL_DOCUMENT 10 /* hidden argument 0 */
#define QUOTE_COL_LANG 11     /* hidden argument 1 */
#define QUOTE_NHIDDEN 2

typedef struct quotes_vtab {
  sqlite3_vtab base; /* Base class - must be first */
  const vb_quote_rules *pRules;
} quotes_vtab;

typedef struct quotes_cursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  vb_args args;             /* owned copies of document, lang */
  vb_doc doc;
  vb_charmap map;
  vb_quote_iter *pIter;
  vb_quote cur;
  sqlite3_int64 iStart; /* 0-based character index of cur.start */
  sqlite3_int64 iEnd;   /* 0-based character index of cur.end */
  int eof;
} quotes_cursor;

static int quotesConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr) {
  int rc = vb_vtab_connect(db,
                           "CREATE TABLE x(ord INTEGER, quote TEXT, speaker TEXT, mention TEXT,"
                           " cue TEXT, kind TEXT, start INTEGER, length INTEGER,"
                           " sentence INTEGER, paragraph INTEGER, document HIDDEN, lang HIDDEN)",
                           sizeof(quotes_vtab), ppVtab, pzErr);
  if (rc == SQLITE_OK) ((quotes_vtab *)*ppVtab)->pRules = pAux;
  return rc;
}

static int quotesBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  static const char *const azName[] = {"document", "lang"};
  return vb_best_index(pVtab, pInfo, "quotes", QUOTE_COL_DOCUMENT, QUOTE_NHIDDEN, 1, azName);
}

static int quotesOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  int rc = vb_cursor_open(sizeof(quotes_cursor), ppCursor);
  if (rc == SQLITE_OK) ((quotes_cursor *)*ppCursor)->eof = 1;
  return rc;
}

static void quotesReset(quotes_cursor *p) {
  vb_quotes_close(p->pIter);
  p->pIter = NULL;
  vb_charmap_free(&p->map);
  vb_args_free(&p->args);
  memset(&p->doc, 0, sizeof p->doc);
  p->eof = 1;
}

static int quotesClose(sqlite3_vtab_cursor *cur) {
  quotesReset((quotes_cursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int quotesNext(sqlite3_vtab_cursor *cur) {
  quotes_cursor *p = (quotes_cursor *)cur;
  int rc = vb_quotes_next(p->pIter, &p->cur);
  if (rc < 0) return vb_vtab_rc(cur->pVtab, "quotes", rc);
  if (rc == 0) {
    p->eof = 1;
    return SQLITE_OK;
  }
  return vb_charmap_span(&p->map, p->cur.start, p->cur.end, &p->iStart, &p->iEnd);
}

static int quotesFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  quotes_cursor *p = (quotes_cursor *)cur;
  quotes_vtab *pTab = (quotes_vtab *)cur->pVtab;
  sqlite3_value *aArg[QUOTE_NHIDDEN];
  const vb_lang *lang;
  int rc;
  quotesReset(p);
  vb_filter_args(idxNum, argc, argv, QUOTE_NHIDDEN, aArg);
  rc = vb_vtab_lang_arg(cur->pVtab, "quotes", aArg[1], &lang);
  if (rc != SQLITE_OK) return rc;
  rc = vb_args_dup(&p->args, aArg, QUOTE_NHIDDEN);
  if (rc != SQLITE_OK) return rc;
  rc = vb_doc_get(p->args.a[0], &p->doc);
  if (rc < 0) return SQLITE_NOMEM;
  if (rc == 0) return SQLITE_OK; /* NULL document: no rows */
  vb_charmap_init(&p->map, &p->doc);
  rc = vb_quotes_open(&p->pIter, pTab->pRules, p->doc.z, p->doc.n, lang);
  if (rc != VB_OK) return vb_vtab_rc(cur->pVtab, "quotes", rc);
  p->eof = 0;
  return quotesNext(cur);
}

static int quotesEof(sqlite3_vtab_cursor *cur) { return ((quotes_cursor *)cur)->eof; }

static int quotesColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  quotes_cursor *p = (quotes_cursor *)cur;
  const vb_quote *q = &p->cur;
  switch (i) {
    case QUOTE_COL_ORD: sqlite3_result_int64(ctx, (sqlite3_int64)q->ord); break;
    case QUOTE_COL_QUOTE: vb_result_span(ctx, &p->doc, q->start, q->end); break;
    case QUOTE_COL_SPEAKER:
      if (q->hasSpeaker) vb_result_span(ctx, &p->doc, q->speakerStart, q->speakerEnd);
      break;
    case QUOTE_COL_MENTION:
      if (q->hasMention) vb_result_span(ctx, &p->doc, q->mentionStart, q->mentionEnd);
      break;
    case QUOTE_COL_CUE:
      if (q->hasCue) vb_result_span(ctx, &p->doc, q->cueStart, q->cueEnd);
      break;
    case QUOTE_COL_KIND:
      sqlite3_result_text(ctx, vb_quote_kind_name(q->kind), -1, SQLITE_STATIC);
      break;
    case QUOTE_COL_START: sqlite3_result_int64(ctx, p->iStart + 1); break;
    case QUOTE_COL_LENGTH: sqlite3_result_int64(ctx, p->iEnd - p->iStart); break;
    case QUOTE_COL_SENTENCE: sqlite3_result_int64(ctx, (sqlite3_int64)q->sentence); break;
    case QUOTE_COL_PARAGRAPH: sqlite3_result_int64(ctx, (sqlite3_int64)q->paragraph); break;
    case QUOTE_COL_DOCUMENT:
      if (p->args.a[0]) sqlite3_result_value(ctx, p->args.a[0]);
      break;
    case QUOTE_COL_LANG: vb_result_lang(ctx, p->args.a[1]); break;
  }
  return SQLITE_OK;
}

static int quotesRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = (sqlite_int64)((quotes_cursor *)cur)->cur.ord;
  return SQLITE_OK;
}

static sqlite3_module quotesModule = {
    /* iVersion    */ 0,
    /* xCreate     */ 0, /* eponymous only */
    /* xConnect    */ quotesConnect,
    /* xBestIndex  */ quotesBestIndex,
    /* xDisconnect */ vb_vtab_disconnect,
    /* xDestroy    */ 0,
    /* xOpen       */ quotesOpen,
    /* xClose      */ quotesClose,
    /* xFilter     */ quotesFilter,
    /* xNext       */ quotesNext,
    /* xEof        */ quotesEof,
    /* xColumn     */ quotesColumn,
    /* xRowid      */ quotesRowid,
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

static void quotesRulesFree(void *p) { vb_quote_rules_free(p); }

int vb_register_quotes(sqlite3 *db) {
  vb_quote_rules *pRules;
  int rc = vb_quote_rules_new(&pRules);
  if (rc == VB_NOMEM) return SQLITE_NOMEM;
  if (rc != VB_OK) return SQLITE_ERROR;
  /* sqlite3_create_module_v2 calls the destructor even when it fails */
  return sqlite3_create_module_v2(db, "quotes", &quotesModule, pRules, quotesRulesFree);
}
