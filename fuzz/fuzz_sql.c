/* SPDX-License-Identifier: MIT
 *
 * fuzz_sql.c -- libFuzzer target that runs random SQL over the extension's
 * functions through SQLite itself (the static build linked with Debian's
 * libsqlite3), so the binding layer -- argument handling, xBestIndex with odd
 * constraints, cursors, results, errors -- is fuzzed together with the core.
 *
 * Input: the first byte picks the mode.
 *   raw (1 in 8): the rest is one SQL statement, run if read-only (so
 *       mutations of seed SQL from tests/sql/ explore freely);
 *   generated: the bytes drive a small grammar -- three parameters (TEXT,
 *       BLOB, number, NULL or a keyword such as a language code or method
 *       name), then a statement: scalar calls nested in each other and in
 *       SQLite built-ins, a table-valued function with constraints,
 *       ORDER BY and LIMIT, a join of two table-valued functions, or an
 *       invariant query.
 * Only functions registered in this build are chosen (pragma_function_list
 * and pragma_module_list), so new functions join when they land; to fuzz a
 * new one, add a line to aFn[].
 *
 * Every generated statement runs twice and must give the same values and
 * result code both times (the functions are DETERMINISTIC, and their
 * per-connection caches must not change results).
 *
 * Invariant queries (must return 0, else abort): for every table-valued
 * function with a span, the number of rows where
 * substr(document, start, length) is not the row's text; also over a join
 * sentences x tokens.
 *
 * Limits keep each input bounded: SQLITE_LIMIT_LENGTH 1 MB, shallow
 * expressions, no ATTACH, and a progress handler that interrupts a
 * statement after about two million virtual-machine steps.  Any result code
 * is accepted except SQLITE_INTERNAL, SQLITE_MISUSE and SQLITE_CORRUPT.
 */
#include <sqlite3.h>

#include "fuzz.h"
#include "workload.h"

typedef struct fn_info {
  const char *zName;
  int nMin, nMax;     /* argument count range */
  int bTvf;           /* table-valued */
  const char *zSpan;  /* "start|length|text|arg": the span columns over argument arg */
  int bAvail;         /* registered in this build (filled at start-up) */
} fn_info;

static fn_info aFn[] = {
    {"sentences", 1, 2, 1, "start|length|sentence|0", 0},
    {"tokens", 1, 2, 1, "start|length|token|0", 0},
    {"quotes", 1, 2, 1, "start|length|quote|0", 0},
    {"align", 2, 3, 1, "a_start|a_length|a_text|0", 0},
    {"align", 2, 3, 1, "b_start|b_length|b_text|1", 0},
    {"shingles", 1, 2, 1, NULL, 0},
    {"lsh_bands", 2, 2, 1, NULL, 0},
    {"regexp_matches", 2, 2, 1, "start|length|match|0", 0},
    {"normalize", 1, 2, 0, NULL, 0},
    {"similarity", 2, 3, 0, NULL, 0},
    {"edit_distance", 2, 2, 0, NULL, 0},
    {"minhash", 1, 3, 0, NULL, 0},
    {"minhash_similarity", 2, 2, 0, NULL, 0},
    {"regexp", 2, 2, 0, NULL, 0},
    {"verbatim_version", 0, 0, 0, NULL, 0},
    {"verbatim_debug", 0, 0, 0, NULL, 0},
    /* SQLite built-ins, to mix types and lengths into the arguments */
    {"substr", 2, 3, 0, NULL, 1},
    {"lower", 1, 1, 0, NULL, 1},
    {"hex", 1, 1, 0, NULL, 1},
    {"char", 1, 3, 0, NULL, 1},
    {"replace", 3, 3, 0, NULL, 1},
    {"zeroblob", 1, 1, 0, NULL, 1},
    {"printf", 2, 3, 0, NULL, 1},
};
#define N_FN ((int)(sizeof aFn / sizeof aFn[0]))

static const char *const azWord[] = {
    "en", "ru", "de", "fr", "ja", "zh", "und", "EN-gb", "pt_BR", "xx", "",
    "cosine", "jaccard", "dice", "overlap", "containment", "trigram", "levenshtein",
    "jaro_winkler", "lcs", "token_set", "partial", "bogus", "fold", "nfc", "nfd", "nfkc", "nfkd",
    "(a+)+$", "\\w+", "(", "[^\"]+", "(?i)putin", "\\p{L}+", "(a|aa)*b", "x*", "(?<n>.)\\k<n>",
    "Mr. Smith said: \"We will not retreat.\" He left.",
    ("\xC2\xAB\xD0\x94\xD0\xB0\xC2\xBB, \xE2\x80\x94 \xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBB "
     "\xD0\xBE\xD0\xBD. \xD0\xA2. \xD0\xB5. \xD0\xBD\xD0\xB5\xD1\x82."),
    "Putin: Good afternoon.\nPasechnik: Thank you.\n\n(Applause.)",
    "\xE5\xBD\xBC\xE3\x81\xAF\xE3\x80\x8C\xE5\xAE\x89\xE5\xAE\x9A\xE3\x80\x8D\xE3\x80\x82",
};
#define N_WORD ((int)(sizeof azWord / sizeof azWord[0]))

static sqlite3 *g_db;
static long g_steps;

static int progressHandler(void *p) {
  (void)p;
  return ++g_steps > 20000; /* called every 100 VM instructions */
}

static int denyAttach(void *p, int op, const char *a, const char *b, const char *c, const char *d) {
  (void)p, (void)a, (void)b, (void)c, (void)d;
  return op == SQLITE_ATTACH || op == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

static void setUp(void) {
  int i;
  vb_work_register();
  if (sqlite3_open(":memory:", &g_db) != SQLITE_OK) abort();
  sqlite3_limit(g_db, SQLITE_LIMIT_LENGTH, 1 << 20);
  sqlite3_limit(g_db, SQLITE_LIMIT_SQL_LENGTH, 1 << 16);
  sqlite3_limit(g_db, SQLITE_LIMIT_EXPR_DEPTH, 40);
  sqlite3_limit(g_db, SQLITE_LIMIT_COMPOUND_SELECT, 8);
  sqlite3_limit(g_db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_progress_handler(g_db, 100, progressHandler, NULL);
  sqlite3_set_authorizer(g_db, denyAttach, NULL);
  for (i = 0; i < N_FN; i++) {
    if (aFn[i].bAvail) continue; /* a built-in */
    vb_work w = {aFn[i].zName, ""};
    aFn[i].bAvail = vb_work_available(g_db, &w);
  }
}

/* ---- SQL text ------------------------------------------------------------ */

typedef struct sql_buf {
  char z[8192];
  size_t n;
} sql_buf;

static void put(sql_buf *s, const char *z) {
  size_t n = strlen(z);
  if (s->n + n >= sizeof s->z) n = sizeof s->z - 1 - s->n;
  memcpy(s->z + s->n, z, n);
  s->n += n;
  s->z[s->n] = 0;
}

static const fn_info *pickFn(fz *f, int bTvf) {
  int aIdx[N_FN], n = 0, i;
  for (i = 0; i < N_FN; i++) {
    if (aFn[i].bAvail && aFn[i].bTvf == bTvf) aIdx[n++] = i;
  }
  return n ? &aFn[aIdx[fz_byte(f) % n]] : NULL;
}

static void genExpr(fz *f, sql_buf *s, int depth);

static void genArgs(fz *f, sql_buf *s, const fn_info *fn, int depth) {
  int n = fn->nMin + fz_byte(f) % (fn->nMax - fn->nMin + 2); /* sometimes one too many */
  int i;
  put(s, "(");
  for (i = 0; i < n; i++) {
    if (i) put(s, ", ");
    genExpr(f, s, depth + 1);
  }
  put(s, ")");
}

static void genExpr(fz *f, sql_buf *s, int depth) {
  char tmp[64];
  unsigned c = fz_byte(f) % 10;
  if (depth >= 3 && c >= 5) c %= 5;
  switch (c) {
    case 0: case 1: case 2:
      snprintf(tmp, sizeof tmp, "?%u", 1 + c);
      put(s, tmp);
      break;
    case 3: {
      char *z = sqlite3_mprintf("%Q", azWord[fz_byte(f) % N_WORD]);
      put(s, z ? z : "NULL");
      sqlite3_free(z);
      break;
    }
    case 4: {
      static const char *const azLit[] = {"NULL", "0", "1", "-1", "3", "64", "1e300", "2.5",
                                          "x''", "x'C3'", "''", "9223372036854775807"};
      put(s, azLit[fz_byte(f) % (sizeof azLit / sizeof azLit[0])]);
      break;
    }
    case 9: {
      const fn_info *fn = pickFn(f, 1);
      if (fn == NULL) {
        put(s, "NULL");
        break;
      }
      put(s, "(select group_concat(");
      put(s, fz_byte(f) & 1 ? "ord" : "hex(rowid)");
      put(s, ") from ");
      put(s, fn->zName);
      genArgs(f, s, fn, depth);
      put(s, ")");
      break;
    }
    default: {
      const fn_info *fn = pickFn(f, 0);
      if (fn == NULL) {
        put(s, "NULL");
        break;
      }
      put(s, fn->zName);
      genArgs(f, s, fn, depth);
    }
  }
}

/* The span check of fn: "select count(*) from FN(?1, ...) t where
 * substr(DOC, t.start, t.length) is not t.text". */
static int genInvariant(fz *f, sql_buf *s) {
  char zStart[32], zLen[32], zText[32];
  int iArg = 0, i;
  int aIdx[N_FN], n = 0, k = fz_byte(f);
  for (i = 0; i < N_FN; i++) {
    if (aFn[i].bAvail && aFn[i].zSpan) aIdx[n++] = i;
  }
  const fn_info *fn = n ? &aFn[aIdx[k % n]] : NULL;
  if (fn == NULL) return 0;
  if (sscanf(fn->zSpan, "%31[^|]|%31[^|]|%31[^|]|%d", zStart, zLen, zText, &iArg) != 4) abort();
  char *z = sqlite3_mprintf("select count(*) from %s(?1, ?2%s) t where substr(?%d, t.%s, t.%s) is not t.%s",
                            fn->zName, fn->nMin >= 3 || (fn->nMax >= 3 && (k & 64)) ? ", ?3" : "",
                            iArg + 1, zStart, zLen, zText);
  if (fn->nMin == 1 && !(k & 128)) {
    sqlite3_free(z);
    z = sqlite3_mprintf("select count(*) from %s(?1) t where substr(?1, t.%s, t.%s) is not t.%s",
                        fn->zName, zStart, zLen, zText);
  }
  put(s, z ? z : "select 0");
  sqlite3_free(z);
  return 1;
}

static void genStatement(fz *f, sql_buf *s, int *pbInvariant) {
  unsigned c = fz_byte(f) % 6;
  *pbInvariant = 0;
  if (c == 0 || c == 1) {
    put(s, "select ");
    genExpr(f, s, 0);
    put(s, ", ");
    genExpr(f, s, 0);
    return;
  }
  if (c == 2 && genInvariant(f, s)) {
    *pbInvariant = 1;
    return;
  }
  if (c == 3 && aFn[0].bAvail && aFn[1].bAvail) {
    put(s, "select count(*) from sentences(?1) s, tokens(s.sentence, ?2) t"
           " where substr(s.sentence, t.start, t.length) is not t.token");
    *pbInvariant = 1;
    return;
  }
  const fn_info *fn = pickFn(f, 1);
  if (fn == NULL) {
    put(s, "select 1");
    return;
  }
  put(s, "select * from ");
  put(s, fn->zName);
  genArgs(f, s, fn, 1);
  switch (fz_byte(f) % 5) {
    case 0: put(s, " where rowid > 1"); break;
    case 1: put(s, " where ord between 2 and 5"); break;
    case 2: put(s, " order by 2 desc"); break;
    case 3: put(s, " limit 2"); break;
    default: break;
  }
}

/* ---- parameters ------------------------------------------------------------ */

static void bindParam(fz *f, sqlite3_stmt *pStmt, int i) {
  size_t n;
  const unsigned char *z;
  switch (fz_byte(f) % 6) {
    case 0: case 1:
      z = fz_span(f, 4096, &n);
      sqlite3_bind_text(pStmt, i, (const char *)z, (int)n, SQLITE_TRANSIENT);
      break;
    case 2:
      z = fz_span(f, 4096, &n);
      sqlite3_bind_blob(pStmt, i, z, (int)n, SQLITE_TRANSIENT);
      break;
    case 3: sqlite3_bind_int64(pStmt, i, (sqlite3_int64)fz_u16(f) - 100); break;
    case 4: sqlite3_bind_null(pStmt, i); break;
    default: sqlite3_bind_text(pStmt, i, azWord[fz_byte(f) % N_WORD], -1, SQLITE_STATIC);
  }
}

static void checkRc(int rc) {
  int primary = rc & 0xFF;
  FZ_ASSERT(primary != SQLITE_INTERNAL && primary != SQLITE_MISUSE && primary != SQLITE_CORRUPT);
}

/* Runs the statement to the end; returns a hash of every value it gave and
 * its final result code, so that two runs can be compared. */
static uint64_t runStatement(sqlite3_stmt *pStmt, int bInvariant) {
  int rc, k;
  uint64_t h = 0xcbf29ce484222325ULL;
  g_steps = 0;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    for (k = 0; k < sqlite3_column_count(pStmt); k++) {
      const unsigned char *z = sqlite3_column_text(pStmt, k);
      int n = sqlite3_column_bytes(pStmt, k), i;
      h = (h ^ (uint64_t)sqlite3_column_type(pStmt, k)) * 0x100000001b3ULL;
      for (i = 0; z && i < n; i++) h = (h ^ z[i]) * 0x100000001b3ULL;
    }
    if (bInvariant) {
      sqlite3_int64 nBad = sqlite3_column_int64(pStmt, 0);
      if (nBad != 0) {
        fprintf(stderr, "substr invariant broken in %d rows: %s\n", (int)nBad, sqlite3_sql(pStmt));
        abort();
      }
    }
  }
  if (rc != SQLITE_DONE) checkRc(rc);
  return (h ^ (uint64_t)rc) * 0x100000001b3ULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  sqlite3_stmt *pStmt = NULL;
  if (g_db == NULL) setUp();
  if (fz_byte(&f) % 8 == 0) {
    size_t n;
    const unsigned char *z = fz_rest(&f, &n);
    int rc = sqlite3_prepare_v2(g_db, (const char *)z, (int)n, &pStmt, NULL);
    if (rc == SQLITE_OK && pStmt && sqlite3_stmt_readonly(pStmt)) runStatement(pStmt, 0);
    sqlite3_finalize(pStmt);
    return 0;
  }
  sql_buf s = {{0}, 0};
  int bInvariant, i;
  genStatement(&f, &s, &bInvariant);
  if (sqlite3_prepare_v2(g_db, s.z, -1, &pStmt, NULL) == SQLITE_OK && pStmt) {
    for (i = 1; i <= sqlite3_bind_parameter_count(pStmt); i++) bindParam(&f, pStmt, i);
    uint64_t h1 = runStatement(pStmt, bInvariant);
    sqlite3_reset(pStmt);
    uint64_t h2 = runStatement(pStmt, bInvariant); /* deterministic: the same again */
    if (h1 != h2) {
      fprintf(stderr, "a second run gave different results: %s\n", s.z);
      abort();
    }
  }
  sqlite3_finalize(pStmt);
  return 0;
}
