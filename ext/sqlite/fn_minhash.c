/* SPDX-License-Identifier: MIT
 *
 * fn_minhash.c -- minhash() and minhash_similarity().
 *
 *   select length(minhash('The committee approved the new budget.'));
 *   -- 520                       (8-byte header + 128 permutations * 4)
 *   select round(minhash_similarity(
 *       minhash('The committee approved the new budget on Friday after a long debate.'),
 *       minhash('On Friday the committee approved the new budget after a short debate.')), 2);
 *   -- 0.26
 *
 * minhash(text [, permutations [, n]]) is the MinHash signature (a BLOB,
 * format in include/verbatim/minhash.h) of the text's n-word shingles, the
 * same shingles shingles(text, n) lists: permutations 1..1024, default
 * 128; n 1..16, default 3.  NULL text, or a text without words, gives
 * NULL.  minhash_similarity(x, y) is the fraction of equal slots, an
 * estimate of the Jaccard similarity of the two shingle sets; NULL if
 * either is NULL; an error if either is not a signature or the two were
 * made with different permutations or n.
 *
 * Each registration (one per arity) keeps an English tokenizer in its user
 * data, made on first use and freed with the connection: SQLite never runs
 * one connection's functions on two threads at once.
 */
#include "verbatim/internal.h"

#include <string.h>

typedef struct minhash_state {
  vb_tokenizer *pTok;
} minhash_state;

static void minhashStateFree(void *p) {
  minhash_state *s = p;
  if (s == NULL) return;
  vb_tok_free(s->pTok);
  sqlite3_free(s);
}

/* An integer argument in lo..hi: 1 with *pOut, or 0 after setting the error. */
static int intArg(sqlite3_context *ctx, sqlite3_value *v, const char *zName, int lo, int hi,
                  int *pOut) {
  sqlite3_int64 x = sqlite3_value_int64(v);
  if (sqlite3_value_numeric_type(v) != SQLITE_INTEGER || x < lo || x > hi) {
    vb_result_errorf(ctx, "minhash: %s must be an integer from %d to %d", zName, lo, hi);
    return 0;
  }
  *pOut = (int)x;
  return 1;
}

static void minhashFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  minhash_state *s = sqlite3_user_data(ctx);
  int perms = VB_MINHASH_DEFAULT_PERMUTATIONS, n = VB_SHINGLE_DEFAULT_N, rc;
  vb_doc doc;
  if (argc >= 2 && sqlite3_value_type(argv[1]) != SQLITE_NULL &&
      !intArg(ctx, argv[1], "permutations", 1, VB_MINHASH_MAX_PERMUTATIONS, &perms)) {
    return;
  }
  if (argc >= 3 && sqlite3_value_type(argv[2]) != SQLITE_NULL &&
      !intArg(ctx, argv[2], "n", 1, VB_MINHASH_MAX_N, &n)) {
    return;
  }
  rc = vb_doc_get(argv[0], &doc);
  if (rc < 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (rc == 0) return; /* NULL */
  if (s->pTok == NULL) {
    s->pTok = vb_tok_new(vb_lang_get(VB_LANG_EN), VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
    if (s->pTok == NULL) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
  }
  unsigned char *sig = sqlite3_malloc64(VB_MINHASH_SIZE(perms));
  if (sig == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  rc = vb_minhash_sign(s->pTok, doc.z, doc.n, n, perms, sig);
  if (rc == 1) {
    sqlite3_result_blob64(ctx, sig, VB_MINHASH_SIZE(perms), sqlite3_free);
    return;
  }
  sqlite3_free(sig);
  if (rc < 0) vb_result_rc(ctx, "minhash", rc);
  /* rc == 0: no words, NULL */
}

static void similarityFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const unsigned char *x, *y;
  int px, nx, py, ny;
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    return;
  }
  x = vb_minhash_arg(argv[0], &px, &nx);
  if (x == NULL) {
    sqlite3_result_error(ctx, "minhash_similarity: the first argument is not a minhash() signature",
                         -1);
    return;
  }
  y = vb_minhash_arg(argv[1], &py, &ny);
  if (y == NULL) {
    sqlite3_result_error(
        ctx, "minhash_similarity: the second argument is not a minhash() signature", -1);
    return;
  }
  if (px != py || nx != ny) {
    vb_result_errorf(ctx,
                     "minhash_similarity: signatures differ (%d permutations of %d-word "
                     "shingles vs %d of %d-word shingles)",
                     px, nx, py, ny);
    return;
  }
  sqlite3_result_double(ctx, vb_minhash_similarity(x, y, px));
}

int vb_register_minhash(sqlite3 *db) {
  int nArg, rc;
  for (nArg = 1; nArg <= 3; nArg++) {
    minhash_state *s = sqlite3_malloc64(sizeof *s);
    if (s == NULL) return SQLITE_NOMEM;
    memset(s, 0, sizeof *s);
    /* On failure create_function_v2 calls the destructor itself. */
    rc = sqlite3_create_function_v2(db, "minhash", nArg, VB_PURE_FLAGS, s, minhashFunc, NULL, NULL,
                                    minhashStateFree);
    if (rc != SQLITE_OK) return rc;
  }
  return sqlite3_create_function(db, "minhash_similarity", 2, VB_PURE_FLAGS, NULL, similarityFunc,
                                 NULL, NULL);
}
