/* SPDX-License-Identifier: MIT
 *
 * vt_align.c -- the align() table-valued function: the passages two texts
 * share, even with words changed, dropped or added.
 *
 *   select ord, a_text, b_text, round(score, 3), words
 *     from align('Officials said the bridge over the river was closed for repairs.',
 *                'The bridge over the canal was closed for urgent repairs, officials said.');
 *   -- 1|the bridge over the river was closed for repairs|The bridge over the canal
 *   --   was closed for urgent repairs|0.786|8       (one line in the shell)
 *
 * Schema:
 *   CREATE TABLE x(ord, a_start, a_length, a_text, b_start, b_length, b_text,
 *                  score, words, a HIDDEN, b HIDDEN, min_words HIDDEN)
 *
 * One row per aligned passage pair, best (highest raw alignment score)
 * first; passages never overlap in either text.  a_start/a_length and
 * b_start/b_length are substr-compatible in a and in b (for a BLOB they
 * count bytes and the text columns are BLOBs).  score is in [0, 1]; words
 * the number of matched words.  min_words (default 5) is the least number
 * of matched words a passage needs; it must be a positive integer.  A NULL
 * a or b gives no rows.  The shorter text may have at most 4,194,304 words
 * (SQLITE_TOOBIG, "align: both texts have more than 4194304 words").
 * Words are English Snowball stems (see include/verbatim/align.h for the
 * algorithm and its bounds).  The whole
 * alignment runs in xFilter, which also converts every passage's byte
 * offsets to character positions in one sorted pass per text; rows are
 * then stepped from the result.
 */
#include "verbatim/internal.h"

#include <stdlib.h>
#include <string.h>

#define ALIGN_COL_ORD 0
#define ALIGN_COL_A_START 1
#define ALIGN_COL_A_LENGTH 2
#define ALIGN_COL_A_TEXT 3
#define ALIGN_COL_B_START 4
#define ALIGN_COL_B_LENGTH 5
#define ALIGN_COL_B_TEXT 6
#define ALIGN_COL_SCORE 7
#define ALIGN_COL_WORDS 8
#define ALIGN_COL_A 9          /* hidden argument 0 */
#define ALIGN_COL_B 10         /* hidden argument 1 */
#define ALIGN_COL_MIN_WORDS 11 /* hidden argument 2 */
#define ALIGN_NHIDDEN 3

typedef struct align_cursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  vb_args args;             /* owned copies of a, b, min_words */
  vb_doc docA, docB;
  vb_charmap mapA, mapB;
  vb_tokenizer *pTok; /* kept across xFilter calls */
  vb_words wordsA, wordsB;
  vb_align_result res;
  size_t k; /* current row, 0-based */
  int minWords;
  /* 0-based character positions: aPos[4k..4k+3] = a start, a end, b start, b end of row k */
  sqlite3_int64 *aPos;
  int eof;
} align_cursor;

/* One byte offset to convert, and where its character position goes. */
typedef struct align_offset {
  size_t byte;
  size_t slot;
} align_offset;

static int offsetCmp(const void *pa, const void *pb) {
  const align_offset *a = pa, *b = pb;
  return a->byte < b->byte ? -1 : a->byte > b->byte;
}

static int alignConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                        sqlite3_vtab **ppVtab, char **pzErr) {
  return vb_vtab_connect(db,
                         "CREATE TABLE x(ord INTEGER, a_start INTEGER, a_length INTEGER,"
                         " a_text TEXT, b_start INTEGER, b_length INTEGER, b_text TEXT,"
                         " score REAL, words INTEGER, a HIDDEN, b HIDDEN, min_words HIDDEN)",
                         sizeof(sqlite3_vtab), ppVtab, pzErr);
}

static int alignBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  static const char *const azName[] = {"a", "b", "min_words"};
  return vb_best_index(pVtab, pInfo, "align", ALIGN_COL_A, ALIGN_NHIDDEN, 2, azName);
}

static int alignOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  align_cursor *p = sqlite3_malloc64(sizeof *p);
  if (p == NULL) return SQLITE_NOMEM;
  memset(p, 0, sizeof *p);
  p->eof = 1;
  *ppCursor = &p->base;
  return SQLITE_OK;
}

static void alignReset(align_cursor *p) {
  vb_align_result_free(&p->res);
  sqlite3_free(p->aPos);
  p->aPos = NULL;
  vb_charmap_free(&p->mapA);
  vb_charmap_free(&p->mapB);
  vb_args_free(&p->args);
  memset(&p->docA, 0, sizeof p->docA);
  memset(&p->docB, 0, sizeof p->docB);
  p->k = 0;
  p->eof = 1;
}

static int alignClose(sqlite3_vtab_cursor *cur) {
  align_cursor *p = (align_cursor *)cur;
  alignReset(p);
  vb_words_free(&p->wordsA);
  vb_words_free(&p->wordsB);
  vb_tok_free(p->pTok);
  sqlite3_free(p);
  return SQLITE_OK;
}

/* Rows come best first, so their offsets are in no order: convert them
 * all at once, sorted, in one forward pass over each text (a charmap
 * backward seek per row would rescan up to 4 KiB each). */
static int alignPositions(align_cursor *p) {
  size_t n = p->res.n, k, side;
  if (n == 0) return SQLITE_OK;
  align_offset *a = sqlite3_malloc64(2 * n * sizeof *a);
  p->aPos = sqlite3_malloc64(4 * n * sizeof *p->aPos);
  if (a == NULL || p->aPos == NULL) {
    sqlite3_free(a);
    return SQLITE_NOMEM;
  }
  for (side = 0; side < 2; side++) {
    vb_charmap *m = side ? &p->mapB : &p->mapA;
    for (k = 0; k < n; k++) {
      const vb_align_pair *r = &p->res.a[k];
      a[2 * k].byte = side ? r->bStart : r->aStart;
      a[2 * k].slot = 4 * k + 2 * side;
      a[2 * k + 1].byte = side ? r->bEnd : r->aEnd;
      a[2 * k + 1].slot = 4 * k + 2 * side + 1;
    }
    qsort(a, 2 * n, sizeof *a, offsetCmp);
    for (k = 0; k < 2 * n; k++) {
      sqlite3_int64 c = vb_charmap_pos(m, a[k].byte);
      if (c < 0) {
        sqlite3_free(a);
        return SQLITE_NOMEM;
      }
      p->aPos[a[k].slot] = c;
    }
  }
  sqlite3_free(a);
  return SQLITE_OK;
}

static int alignNext(sqlite3_vtab_cursor *cur) {
  align_cursor *p = (align_cursor *)cur;
  if (++p->k >= p->res.n) p->eof = 1;
  return SQLITE_OK;
}

static int alignFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                       sqlite3_value **argv) {
  align_cursor *p = (align_cursor *)cur;
  sqlite3_value *aArg[ALIGN_NHIDDEN];
  int rc, ra, rb;
  alignReset(p);
  vb_filter_args(idxNum, argc, argv, ALIGN_NHIDDEN, aArg);
  p->minWords = VB_ALIGN_DEFAULT_MIN_WORDS;
  if (aArg[2] && sqlite3_value_type(aArg[2]) != SQLITE_NULL) {
    sqlite3_int64 m = sqlite3_value_int64(aArg[2]);
    if (sqlite3_value_numeric_type(aArg[2]) != SQLITE_INTEGER || m < 1 || m > 1000000000) {
      vb_vtab_error(cur->pVtab, "align: min_words must be a positive integer");
      return SQLITE_ERROR;
    }
    p->minWords = (int)m;
  }
  rc = vb_args_dup(&p->args, aArg, ALIGN_NHIDDEN);
  if (rc != SQLITE_OK) return rc;
  ra = vb_doc_get(p->args.a[0], &p->docA);
  rb = vb_doc_get(p->args.a[1], &p->docB);
  if (ra < 0 || rb < 0) return SQLITE_NOMEM;
  if (ra == 0 || rb == 0) return SQLITE_OK; /* a NULL text: no rows */
  if (p->pTok == NULL) {
    p->pTok = vb_tok_new(vb_lang_get(VB_LANG_EN), VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
    if (p->pTok == NULL) return SQLITE_NOMEM;
  }
  rc = vb_words_collect(&p->wordsA, p->pTok, p->docA.z, p->docA.n);
  if (rc == VB_OK) rc = vb_words_collect(&p->wordsB, p->pTok, p->docB.z, p->docB.n);
  if (rc == VB_OK) rc = vb_align_words(&p->wordsA, &p->wordsB, p->minWords, &p->res);
  if (rc == VB_ETOOBIG) {
    vb_vtab_error(cur->pVtab, "align: both texts have more than %u words", VB_ALIGN_MAX_WORDS);
    return SQLITE_TOOBIG;
  }
  if (rc != VB_OK) return vb_vtab_rc(cur->pVtab, "align", rc);
  vb_charmap_init(&p->mapA, &p->docA);
  vb_charmap_init(&p->mapB, &p->docB);
  rc = alignPositions(p);
  if (rc != SQLITE_OK) return rc;
  p->eof = p->res.n == 0;
  return SQLITE_OK;
}

static int alignEof(sqlite3_vtab_cursor *cur) { return ((align_cursor *)cur)->eof; }

static int alignColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  align_cursor *p = (align_cursor *)cur;
  const vb_align_pair *r = &p->res.a[p->k];
  const sqlite3_int64 *pos = p->aPos + 4 * p->k;
  switch (i) {
    case ALIGN_COL_ORD: sqlite3_result_int64(ctx, (sqlite3_int64)p->k + 1); break;
    case ALIGN_COL_A_START: sqlite3_result_int64(ctx, pos[0] + 1); break;
    case ALIGN_COL_A_LENGTH: sqlite3_result_int64(ctx, pos[1] - pos[0]); break;
    case ALIGN_COL_A_TEXT: vb_result_span(ctx, &p->docA, r->aStart, r->aEnd); break;
    case ALIGN_COL_B_START: sqlite3_result_int64(ctx, pos[2] + 1); break;
    case ALIGN_COL_B_LENGTH: sqlite3_result_int64(ctx, pos[3] - pos[2]); break;
    case ALIGN_COL_B_TEXT: vb_result_span(ctx, &p->docB, r->bStart, r->bEnd); break;
    case ALIGN_COL_SCORE: sqlite3_result_double(ctx, r->score); break;
    case ALIGN_COL_WORDS: sqlite3_result_int64(ctx, (sqlite3_int64)r->words); break;
    case ALIGN_COL_A:
      if (p->args.a[0]) sqlite3_result_value(ctx, p->args.a[0]);
      break;
    case ALIGN_COL_B:
      if (p->args.a[1]) sqlite3_result_value(ctx, p->args.a[1]);
      break;
    case ALIGN_COL_MIN_WORDS: sqlite3_result_int(ctx, p->minWords); break;
  }
  return SQLITE_OK;
}

static int alignRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = (sqlite_int64)((align_cursor *)cur)->k + 1;
  return SQLITE_OK;
}

static sqlite3_module alignModule = {
    /* iVersion    */ 0,
    /* xCreate     */ 0, /* eponymous only */
    /* xConnect    */ alignConnect,
    /* xBestIndex  */ alignBestIndex,
    /* xDisconnect */ vb_vtab_disconnect,
    /* xDestroy    */ 0,
    /* xOpen       */ alignOpen,
    /* xClose      */ alignClose,
    /* xFilter     */ alignFilter,
    /* xNext       */ alignNext,
    /* xEof        */ alignEof,
    /* xColumn     */ alignColumn,
    /* xRowid      */ alignRowid,
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

int vb_register_align(sqlite3 *db) {
  return sqlite3_create_module_v2(db, "align", &alignModule, NULL, NULL);
}
