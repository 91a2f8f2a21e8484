/* SPDX-License-Identifier: MIT
 *
 * fn_similarity.c -- the scalar functions similarity() and edit_distance().
 *
 *   similarity(a, b [, method [, lang]])  -> REAL in [0, 1]
 *   edit_distance(a, b)                   -> INTEGER
 *
 *   select round(similarity('The minister said the talks failed.',
 *                           'Talks have failed, the minister says.'), 2);   -- 0.86
 *   select similarity('kitten', 'sitting', 'levenshtein');        -- 0.571428571428571
 *   select edit_distance('kitten', 'sitting');                     -- 3
 *
 * method is one of cosine (the default; also for a NULL method), jaccard,
 * dice, overlap, containment, trigram, levenshtein, jaro_winkler, lcs,
 * token_set, partial (ext/core/similarity.c defines each); lang is a language
 * code (default 'en') that picks the stemmer and stopwords.  A NULL a or b
 * gives NULL; numbers are read as text, BLOBs as their bytes.
 *
 * Errors: "similarity: unknown method 'x' (supported: cosine, …)",
 * "similarity: unknown language 'xx' (supported: …)", and for the quadratic
 * methods on texts beyond the bound "similarity: texts too long for
 * 'levenshtein' (limit: ceil(shorter/64) * longer <= 536870912 characters)"
 * (edit_distance says the same without the method).
 *
 * HOW IT WORKS: each connection owns one vb_sim (tokenizers per language,
 * fold buffers, a hash table), kept as the functions' user data and freed
 * with the connection, so a call allocates nothing in steady state.  The
 * three registrations of similarity() (2, 3 and 4 arguments) share it by a
 * reference count.
 */
#include "verbatim/internal.h"

#include <string.h>

typedef struct simShared {
  vb_sim *pSim;
  int nRef;
} simShared;

static void simSharedRelease(void *p) {
  simShared *s = p;
  if (s && --s->nRef == 0) {
    vb_sim_free(s->pSim);
    sqlite3_free(s);
  }
}

static void resultLimit(sqlite3_context *ctx, const char *zFunc, const char *zMethod) {
  if (zMethod) {
    vb_result_errorf(ctx,
                     "%s: texts too long for '%s' (limit: ceil(shorter/64) * longer <= %llu "
                     "characters)",
                     zFunc, zMethod, (unsigned long long)VB_SIM_MAX_STEPS);
  } else {
    vb_result_errorf(ctx,
                     "%s: texts too long (limit: ceil(shorter/64) * longer <= %llu characters)",
                     zFunc, (unsigned long long)VB_SIM_MAX_STEPS);
  }
}

/* Static storage for the auxdata of a constant method argument. */
static const int aMethodIndex[VB_SIM_COUNT] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

static void similarityFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  simShared *sh = sqlite3_user_data(ctx);
  vb_doc da, db;
  int method = VB_SIM_COSINE;
  const vb_lang *lang = NULL;
  int ra = vb_doc_get(argv[0], &da), rb = vb_doc_get(argv[1], &db);
  if (ra < 0 || rb < 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (argc >= 3 && sqlite3_value_type(argv[2]) != SQLITE_NULL) {
    /* A constant method is looked up once per statement (auxdata). */
    const int *pCached = sqlite3_get_auxdata(ctx, 2);
    if (pCached) {
      method = *pCached;
    } else {
      const char *z = (const char *)sqlite3_value_text(argv[2]);
      if (z == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
      }
      method = vb_sim_method_find(z, (size_t)sqlite3_value_bytes(argv[2]));
      if (method < 0) {
        vb_result_errorf(ctx, "similarity: unknown method '%s' (supported: %s)", z,
                         vb_sim_methods_supported());
        return;
      }
      sqlite3_set_auxdata(ctx, 2, (void *)&aMethodIndex[method], NULL);
    }
  }
  if (argc >= 4) {
    char *zErr = NULL;
    int rc = vb_lang_arg("similarity", argv[3], &lang, &zErr);
    if (rc != SQLITE_OK) {
      if (zErr) {
        sqlite3_result_error(ctx, zErr, -1);
        sqlite3_free(zErr);
      } else {
        sqlite3_result_error_nomem(ctx);
      }
      return;
    }
  }
  /* The method and language are checked before the NULL test, so a bad
   * method is an error even for NULL texts. */
  if (ra == 0 || rb == 0) return; /* NULL */
  if (sh->pSim == NULL) {
    sh->pSim = vb_sim_new();
    if (sh->pSim == NULL) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
  }
  double score = 0;
  int rc = vb_sim_score(sh->pSim, (vb_sim_method)method, lang, da.z, da.n, db.z, db.n, &score);
  if (rc == VB_ELIMIT) {
    resultLimit(ctx, "similarity", vb_sim_method_name(method));
  } else if (rc != VB_OK) {
    vb_result_rc(ctx, "similarity", rc);
  } else {
    sqlite3_result_double(ctx, score);
  }
}

static void editDistanceFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  vb_doc da, db;
  (void)argc;
  int ra = vb_doc_get(argv[0], &da), rb = vb_doc_get(argv[1], &db);
  if (ra < 0 || rb < 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (ra == 0 || rb == 0) return;
  int64_t d = 0;
  int rc = vb_edit_distance(da.z, da.n, db.z, db.n, &d);
  if (rc == VB_ELIMIT) {
    resultLimit(ctx, "edit_distance", NULL);
  } else if (rc != VB_OK) {
    vb_result_rc(ctx, "edit_distance", rc);
  } else {
    sqlite3_result_int64(ctx, (sqlite3_int64)d);
  }
}

int vb_register_similarity(sqlite3 *db) {
  simShared *sh = sqlite3_malloc(sizeof *sh);
  int rc = SQLITE_OK, nArg;
  if (sh == NULL) return SQLITE_NOMEM;
  sh->pSim = NULL; /* made on the first call */
  sh->nRef = 1;
  for (nArg = 2; nArg <= 4 && rc == SQLITE_OK; nArg++) {
    if (nArg > 2) sh->nRef++;
    /* On failure sqlite3_create_function_v2 calls the destructor itself. */
    rc = sqlite3_create_function_v2(db, "similarity", nArg, VB_PURE_FLAGS, sh, similarityFunc, NULL,
                                    NULL, simSharedRelease);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function(db, "edit_distance", 2, VB_PURE_FLAGS, NULL, editDistanceFunc,
                                 NULL, NULL);
  }
  return rc;
}
