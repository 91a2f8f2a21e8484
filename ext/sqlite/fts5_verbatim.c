/* SPDX-License-Identifier: MIT
 *
 * fts5_verbatim.c -- the 'verbatim' FTS5 tokenizer: full-text indexes that
 * agree with tokens() and the similarity functions.
 *
 *   create virtual table docs using fts5(body, tokenize = 'verbatim en');
 *   insert into docs values ('The minister was running late.');
 *   select highlight(docs, 0, '[', ']') from docs where docs match 'runs';
 *   -- The minister was [running] late.
 *
 * The optional argument is a language code (default 'en'; 'und' for none).
 * Each word and number token of tokens(text, lang) is given to FTS5 as its
 * stem (norm where the language has no stemmer) with its byte offsets, so
 * highlight(), snippet() and offsets agree with the text as written.
 * Punctuation and symbols are not indexed.  Stopwords are indexed (a phrase
 * query needs them).  An unknown language or a second argument fails the
 * CREATE VIRTUAL TABLE with FTS5's "error in tokenizer constructor" (the
 * FTS5 tokenizer API of SQLite 3.40 has no way to pass a message).
 *
 * The fts5_api comes from "SELECT fts5(?1)" with sqlite3_bind_pointer().
 * When SQLite has no FTS5, nothing is registered and loading still
 * succeeds.  Each FTS5 tokenizer instance owns one core tokenizer (and its
 * stem cache); a nested xTokenize call on a busy instance uses a temporary
 * one.
 */
#include "verbatim/internal.h"

#include <string.h>

typedef struct verbatim_fts5 {
  const vb_lang *lang;
  vb_tokenizer *pTok;
  int busy;
} verbatim_fts5;

static int ftsCreate(void *pCtx, const char **azArg, int nArg, Fts5Tokenizer **ppOut) {
  const vb_lang *lang = vb_lang_get(VB_LANG_EN);
  verbatim_fts5 *p;
  (void)pCtx;
  *ppOut = NULL;
  if (nArg > 1) return SQLITE_ERROR;
  if (nArg == 1) {
    lang = vb_lang_find(azArg[0], strlen(azArg[0]));
    if (lang == NULL) return SQLITE_ERROR;
  }
  p = sqlite3_malloc64(sizeof *p);
  if (p == NULL) return SQLITE_NOMEM;
  memset(p, 0, sizeof *p);
  p->lang = lang;
  p->pTok = vb_tok_new(lang, VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
  if (p->pTok == NULL) {
    sqlite3_free(p);
    return SQLITE_NOMEM;
  }
  *ppOut = (Fts5Tokenizer *)p;
  return SQLITE_OK;
}

static void ftsDelete(Fts5Tokenizer *pTokenizer) {
  verbatim_fts5 *p = (verbatim_fts5 *)pTokenizer;
  if (p == NULL) return;
  vb_tok_free(p->pTok);
  sqlite3_free(p);
}

static int ftsTokenize(Fts5Tokenizer *pTokenizer, void *pCtx, int flags, const char *pText,
                       int nText, int (*xToken)(void *, int, const char *, int, int, int)) {
  verbatim_fts5 *p = (verbatim_fts5 *)pTokenizer;
  vb_tokenizer *t = p->pTok;
  vb_token tok;
  int rc = SQLITE_OK, r = 0;
  (void)flags;
  if (p->busy) { /* re-entered from inside xToken: use a temporary tokenizer */
    t = vb_tok_new(p->lang, VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
    if (t == NULL) return SQLITE_NOMEM;
  }
  p->busy++;
  vb_tok_reset(t, (const unsigned char *)pText, pText && nText > 0 ? (size_t)nText : 0);
  while (rc == SQLITE_OK && (r = vb_tok_next(t, &tok)) == 1) {
    if (tok.nStem == 0) continue;
    rc = xToken(pCtx, 0, tok.stem, (int)tok.nStem, (int)tok.start, (int)tok.end);
  }
  if (rc == SQLITE_OK && r < 0) rc = r == VB_NOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
  p->busy--;
  if (t != p->pTok) vb_tok_free(t);
  return rc;
}

/* The FTS5 API of this connection, or NULL when SQLite has no FTS5. */
static fts5_api *ftsApi(sqlite3 *db) {
  fts5_api *pApi = NULL;
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, NULL) != SQLITE_OK) return NULL;
  sqlite3_bind_pointer(pStmt, 1, (void *)&pApi, "fts5_api_ptr", NULL);
  sqlite3_step(pStmt);
  sqlite3_finalize(pStmt);
  return pApi;
}

int vb_register_fts5(sqlite3 *db) {
  static fts5_tokenizer tokenizer = {ftsCreate, ftsDelete, ftsTokenize};
  fts5_api *pApi = ftsApi(db);
  if (pApi == NULL || pApi->iVersion < 2) return SQLITE_OK; /* no FTS5: skip quietly */
  return pApi->xCreateTokenizer(pApi, "verbatim", NULL, &tokenizer, NULL);
}
