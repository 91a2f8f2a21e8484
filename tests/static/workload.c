/* SPDX-License-Identifier: MIT
 *
 * workload.c -- SQL that calls every verbatim function (see workload.h).
 *
 * The documents mix what the functions must handle: abbreviations and
 * initials, straight, curly and guillemet quotes, a transcript turn, a
 * paragraph break, Cyrillic, CJK, combining marks, and (document 4)
 * invalid UTF-8 bound as a BLOB, which scripts use both as a BLOB and
 * cast to TEXT.
 */
#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char zDoc1[] =
    "Mr. Smith met V. V. Putin on Aug. 23 at 10 a.m. in Moscow. \"We will not retreat,\" "
    "Putin said. \"The line is stable.\"\n\n"
    "\xE2\x80\x9CRussia\xE2\x80\x99s position is clear,\xE2\x80\x9D a Western diplomat noted, "
    "adding that talks would resume.\n"
    "Pasechnik: All right, thank you. The situation is difficult (he paused).\n"
    "Putin: Good. Let us continue.\n"
    "Pasechnik: Thank you, Mr President.\n";

static const char zDoc2[] =
    "Vladimir Putin said the line was stable and that Russia would not retreat. "
    "A Western diplomat noted that Russia\xE2\x80\x99s position is clear. "
    "Talks will resume, he added.";

static const char zDoc3[] =
    "\xC2\xAB\xD0\x9C\xD1\x8B \xD0\xBD\xD0\xB5 \xD0\xBE\xD1\x82\xD1\x81\xD1\x82\xD1\x83\xD0\xBF"
    "\xD0\xB8\xD0\xBC\xC2\xBB, \xE2\x80\x94 \xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBB "
    "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD. \xD0\xA2. \xD0\xB5. \xD0\xB2\xD1\x81\xD1\x91. "
    "Er sagte: \xE2\x80\x9E" "Das ist z. B. klar.\xE2\x80\x9C Am 23. August kam er. "
    "\xE5\xBD\xBC\xE3\x81\xAF\xE3\x80\x8C\xE5\xAE\x89\xE5\xAE\x9A\xE3\x80\x8D\xE3\x81\xA8"
    "\xE8\xA8\x80\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82\xE4\xBA\x86\xE8\xA7\xA3\xEF\xBC\x81 "
    "Cafe\xCC\x81 \xEF\xAC\x81le \xE2\x80\x94 STRASSE Stra\xC3\x9F" "e.";

static const char zDoc4[] =
    "Bad \xC3 byte\xFF\x80. \"Open quote \xE2\x80 never closed. \xF0\x9F\x98\x80 ok.\n\n"
    "\x80\x80 stray \xC0\xAF overlong. \xED\xA0\x80 surrogate.";

const char *vb_work_doc(int i, int *pnByte) {
  switch (i) {
    case 1: *pnByte = (int)sizeof zDoc1 - 1; return zDoc1;
    case 2: *pnByte = (int)sizeof zDoc2 - 1; return zDoc2;
    case 3: *pnByte = (int)sizeof zDoc3 - 1; return zDoc3;
    default: *pnByte = (int)sizeof zDoc4 - 1; return zDoc4;
  }
}

/* Every row of a table-valued function, all columns (hidden ones excluded). */
#define ROWS(tvf) "select * from " tvf ";"

const vb_work vb_workload[] = {
    {"verbatim_version", "select verbatim_version(); select verbatim_debug() like '%sqlite: 3.%';"},

    {"sentences", ROWS("sentences(?1)")},
    {"sentences", ROWS("sentences(?3, 'ru')") ROWS("sentences(?3, 'de')") ROWS("sentences(?3, 'ja')")},
    {"sentences", ROWS("sentences(?1, 'und')") ROWS("sentences(cast(?4 as text))") ROWS("sentences(?4)")},
    {"sentences", "select * from sentences(?1, 'xx'); "},
    {"sentences", "select count(*), sum(length) from sentences(?2, 'en-GB'); "
                  "select * from sentences(NULL); select * from sentences(12.5);"
                  "select * from sentences(?1) limit 1;"},

    {"tokens", ROWS("tokens(?1)")},
    {"tokens", ROWS("tokens(?3, 'ru')") ROWS("tokens(?3, 'de')") ROWS("tokens(?3, 'und')")},
    {"tokens", ROWS("tokens(cast(?4 as text))") ROWS("tokens(?4)") ROWS("tokens(NULL)")},

    {"normalize", "select normalize(?1), normalize(?3), normalize(?3, 'nfc'), normalize(?3, 'nfd'),"
                  " normalize(?3, 'nfkc'), normalize(?3, 'nfkd'), normalize(cast(?4 as text)),"
                  " normalize(NULL), normalize(42);"},
    {"normalize", "select normalize(?1, 'bogus');"},

    {"quotes", ROWS("quotes(?1)")},
    {"quotes", ROWS("quotes(?3, 'ru')") ROWS("quotes(?3, 'de')") ROWS("quotes(?3, 'ja')")},
    {"quotes", ROWS("quotes(?2)") ROWS("quotes(cast(?4 as text))") ROWS("quotes(?4)")},

    {"similarity", "select similarity(?1, ?2), similarity(?2, ?1), similarity(?1, ?1),"
                   " similarity(NULL, ?1), similarity('', '');"},
    {"similarity",
     "select m, similarity(?1, ?2, m), similarity(?3, cast(?4 as text), m), similarity('', ?2, m)"
     " from (select 'cosine' m union all select 'jaccard' union all select 'dice'"
     " union all select 'overlap' union all select 'containment' union all select 'trigram'"
     " union all select 'levenshtein' union all select 'jaro_winkler' union all select 'lcs'"
     " union all select 'token_set' union all select 'partial') order by m;"},
    {"similarity", "select similarity(?1, ?2, 'bogus');"},
    {"edit_distance", "select edit_distance(?1, ?2), edit_distance(?3, cast(?4 as text)),"
                      " edit_distance('', ?2), edit_distance(NULL, 'a'), edit_distance(?4, ?4);"},

    {"align", ROWS("align(?1, ?2)") ROWS("align(?2, ?1, 2)")},
    {"align", ROWS("align(?3, cast(?4 as text))") ROWS("align(?1, NULL)") ROWS("align(?1, ?1, 3)")},

    {"shingles", ROWS("shingles(?1)") ROWS("shingles(?3, 2)") ROWS("shingles(cast(?4 as text), 1)")},
    {"minhash", "select hex(minhash(?1)), hex(minhash(?2, 16)), hex(minhash(?3, 8, 2)),"
                " minhash(NULL);"},
    {"minhash_similarity", "select minhash_similarity(minhash(?1), minhash(?2)),"
                           " minhash_similarity(minhash(?1), minhash(?1));"},
    {"lsh_bands", ROWS("lsh_bands(minhash(?1), 16)") ROWS("lsh_bands(minhash(?2, 32), 4)")},

    {"regexp", "select ?1 regexp '\\bPutin\\b', ?3 regexp '(?i)strasse', 'abc' regexp '[',"
               " cast(?4 as text) regexp 'byte', regexp('^\\w+', ?3);"},
    {"regexp", "select 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' regexp '(a+)+$';"},
    {"regexp_matches", ROWS("regexp_matches(?1, '\"([^\"]+)\",? (\\w+) (said|noted)')")
                           ROWS("regexp_matches(?3, '\\p{Cyrillic}+')")
                           ROWS("regexp_matches(cast(?4 as text), '.')")},
    {"regexp_matches", ROWS("regexp_matches(?1, '(')")},

    {"fts5:verbatim",
     "create virtual table ft using fts5(body, tokenize='verbatim');"
     "insert into ft values (?1), (?2), (?3), (cast(?4 as text));"
     "select rowid from ft where ft match 'retreat' order by rowid;"
     "select rowid from ft where ft match 'stable' order by rowid;"
     "drop table ft;"},
};

const int vb_nworkload = (int)(sizeof vb_workload / sizeof vb_workload[0]);

void vb_work_register(void) { sqlite3_auto_extension((void (*)(void))sqlite3_verbatim_init); }

int vb_work_available(sqlite3 *db, const vb_work *w) {
  sqlite3_stmt *pStmt = NULL;
  int found = 0;
  if (strncmp(w->zNeed, "fts5:", 5) == 0) {
    char *zSql = sqlite3_mprintf(
        "create virtual table temp.vb_probe using fts5(x, tokenize='%q'); drop table temp.vb_probe;",
        w->zNeed + 5);
    found = zSql && sqlite3_exec(db, zSql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_free(zSql);
    return found;
  }
  if (sqlite3_prepare_v2(db,
                         "select 1 from pragma_function_list where name = ?1"
                         " union all select 1 from pragma_module_list where name = ?1",
                         -1, &pStmt, NULL) != SQLITE_OK) {
    return 0;
  }
  sqlite3_bind_text(pStmt, 1, w->zNeed, -1, SQLITE_STATIC);
  found = sqlite3_step(pStmt) == SQLITE_ROW;
  sqlite3_finalize(pStmt);
  return found;
}

/* ---- output: a libc-allocated growable string --------------------------- */

typedef struct out_buf {
  char *z;
  size_t n, cap;
} out_buf;

static void outAppend(out_buf *o, const char *z, size_t n) {
  if (o->n + n + 1 > o->cap) {
    size_t cap = o->cap ? o->cap : 256;
    while (cap < o->n + n + 1) cap *= 2;
    char *p = realloc(o->z, cap);
    if (p == NULL) abort(); /* the harness itself never runs out */
    o->z = p;
    o->cap = cap;
  }
  memcpy(o->z + o->n, z, n);
  o->n += n;
  o->z[o->n] = 0;
}

static void outStr(out_buf *o, const char *z) { outAppend(o, z, strlen(z)); }

static void outEscaped(out_buf *o, const unsigned char *z, int n) {
  int i;
  char tmp[8];
  for (i = 0; i < n; i++) {
    if (z[i] >= 0x20 && z[i] < 0x7F && z[i] != '\\') {
      outAppend(o, (const char *)z + i, 1);
    } else {
      snprintf(tmp, sizeof tmp, "\\x%02X", z[i]);
      outStr(o, tmp);
    }
  }
}

/* Serializes column i; SQLITE_NOMEM if its conversion to text failed. */
static int outValue(out_buf *o, sqlite3_stmt *pStmt, int i) {
  char tmp[64];
  switch (sqlite3_column_type(pStmt, i)) {
    case SQLITE_NULL: outStr(o, "NULL"); break;
    case SQLITE_INTEGER:
      snprintf(tmp, sizeof tmp, "%lld", (long long)sqlite3_column_int64(pStmt, i));
      outStr(o, tmp);
      break;
    case SQLITE_FLOAT:
      snprintf(tmp, sizeof tmp, "%.17g", sqlite3_column_double(pStmt, i));
      outStr(o, tmp);
      break;
    case SQLITE_TEXT: {
      const unsigned char *z = sqlite3_column_text(pStmt, i);
      if (z == NULL) return SQLITE_NOMEM;
      outEscaped(o, z, sqlite3_column_bytes(pStmt, i));
      break;
    }
    default: {
      const unsigned char *z = sqlite3_column_blob(pStmt, i);
      int n = sqlite3_column_bytes(pStmt, i), k;
      outStr(o, "x'");
      for (k = 0; z && k < n; k++) {
        snprintf(tmp, sizeof tmp, "%02X", z[k]);
        outStr(o, tmp);
      }
      outStr(o, "'");
      if (z == NULL && n > 0) return SQLITE_NOMEM;
    }
  }
  return SQLITE_OK;
}

int vb_work_run(sqlite3 *db, const vb_work *w, char **pzOut) {
  out_buf o = {NULL, 0, 0};
  const char *zTail = w->zSql;
  int rc = SQLITE_OK;
  outStr(&o, "");
  while (rc == SQLITE_OK && zTail && *zTail) {
    sqlite3_stmt *pStmt = NULL;
    rc = sqlite3_prepare_v2(db, zTail, -1, &pStmt, &zTail);
    if (rc != SQLITE_OK) break;
    if (pStmt == NULL) break; /* only white space or comments left */
    int nParam = sqlite3_bind_parameter_count(pStmt), k;
    for (k = 1; k <= nParam && rc == SQLITE_OK; k++) {
      int nDoc;
      const char *zDoc = vb_work_doc(k, &nDoc);
      rc = k == 4 ? sqlite3_bind_blob(pStmt, k, zDoc, nDoc, SQLITE_STATIC)
                  : sqlite3_bind_text(pStmt, k, zDoc, nDoc, SQLITE_STATIC);
    }
    while (rc == SQLITE_OK) {
      int s = sqlite3_step(pStmt);
      if (s == SQLITE_DONE) break;
      if (s != SQLITE_ROW) {
        rc = s;
        break;
      }
      size_t nRowStart = o.n;
      for (k = 0; k < sqlite3_column_count(pStmt) && rc == SQLITE_OK; k++) {
        if (k) outStr(&o, "|");
        rc = outValue(&o, pStmt, k);
      }
      if (rc != SQLITE_OK) { /* drop the half-serialized row */
        o.n = nRowStart;
        o.z[o.n] = 0;
        break;
      }
      outStr(&o, "\n");
    }
    sqlite3_finalize(pStmt);
  }
  if (rc != SQLITE_OK) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "ERROR %d: ", rc);
    outStr(&o, tmp);
    outStr(&o, sqlite3_errmsg(db));
    outStr(&o, "\n");
  }
  *pzOut = o.z;
  return rc;
}
