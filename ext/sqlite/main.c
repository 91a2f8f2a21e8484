/* SPDX-License-Identifier: MIT
 *
 * main.c -- the entry point of the verbatim extension.
 *
 *   .load ./dist/verbatim
 *   select verbatim_version();   -- '0.1.0'
 *   select verbatim_debug();     -- build facts, one "key: value" per line
 *
 * sqlite3_verbatim_init() installs SQLite's allocator as the core's
 * allocator hooks, then calls the registration function of every binding
 * file in aRegister[] and stops at the first failure, naming it in
 * *pzErrMsg.  It is the only symbol the shared library exports.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "verbatim.h"
#include "verbatim/internal.h"

#include <pcre2.h>
#include <utf8proc.h>

#ifndef VB_VERSION_STRING
#define VB_VERSION_STRING "0.1.0"
#endif
#ifndef VB_SNOWBALL_VERSION
#define VB_SNOWBALL_VERSION "unknown"
#endif

static void versionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, VB_VERSION_STRING, -1, SQLITE_STATIC);
}

static void debugFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char zPcre[64] = "unknown";
  (void)argc;
  (void)argv;
  pcre2_config(PCRE2_CONFIG_VERSION, zPcre);
  char *z = sqlite3_mprintf(
      "verbatim: %s\n"
      "sqlite: %s\n"
      "utf8proc: %s (Unicode %s)\n"
      "pcre2: %s\n"
      "snowball: %s\n"
      "sentence-break data: Unicode %s\n"
      "build: %s%s",
      VB_VERSION_STRING, sqlite3_libversion(), utf8proc_version(), utf8proc_unicode_version(),
      zPcre, VB_SNOWBALL_VERSION, vb_sent_unicode_version(),
#ifdef SQLITE_CORE
      "static",
#else
      "loadable",
#endif
#if defined(__SANITIZE_ADDRESS__)
      " asan"
#else
      ""
#endif
  );
  if (z == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
}

static int registerMeta(sqlite3 *db) {
  int rc = sqlite3_create_function(db, "verbatim_version", 0, VB_PURE_FLAGS, NULL, versionFunc,
                                   NULL, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function(db, "verbatim_debug", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                                 debugFunc, NULL, NULL);
  }
  return rc;
}

/* The core allocates through SQLite's allocator, so memory limits, statistics
 * and allocation-failure tests see every byte. */
static void *memMalloc(size_t n) { return sqlite3_malloc64(n); }
static void *memRealloc(void *p, size_t n) { return sqlite3_realloc64(p, n); }
static void memFree(void *p) { sqlite3_free(p); }

static const struct {
  const char *zName;
  int (*xRegister)(sqlite3 *);
} aRegister[] = {
    {"verbatim_version", registerMeta},
    {"sentences", vb_register_sentences},
    {"tokens", vb_register_tokens},
    {"normalize", vb_register_text},
    {"quotes", vb_register_quotes},
    {"similarity", vb_register_similarity},
    {"align", vb_register_align},
    {"shingles", vb_register_shingles},
    {"minhash", vb_register_minhash},
    {"lsh_bands", vb_register_lsh_bands},
    {"regexp", vb_register_regexp},
    {"regexp_matches", vb_register_regexp_matches},
    {"fts5 tokenizer verbatim", vb_register_fts5},
};

#ifdef _WIN32
__declspec(dllexport)
#endif
    int sqlite3_verbatim_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  static const vb_mem mem = {memMalloc, memRealloc, memFree};
  size_t i;
  static int memInstalled; /* guarded by SQLite's static main mutex */
  SQLITE_EXTENSION_INIT2(pApi);
  /* Install the hooks once: connections opened in other threads run this
   * function while the core is in use, and must not rewrite g_mem under
   * it.  The mutex also orders the first write before every later reader. */
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_MAIN);
  sqlite3_mutex_enter(pMutex);
  if (!memInstalled) {
    vb_mem_set(&mem);
    memInstalled = 1;
  }
  sqlite3_mutex_leave(pMutex);
  for (i = 0; i < sizeof aRegister / sizeof aRegister[0]; i++) {
    int rc = aRegister[i].xRegister(db);
    if (rc != SQLITE_OK) {
      if (pzErrMsg) {
        *pzErrMsg = sqlite3_mprintf("verbatim: cannot register %s: %s", aRegister[i].zName,
                                    sqlite3_errstr(rc));
      }
      return rc;
    }
  }
  return SQLITE_OK;
}
