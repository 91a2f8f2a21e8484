/* SPDX-License-Identifier: MIT
 *
 * vt_regexp_matches.c -- the regexp_matches() table-valued function: every
 * match of a PCRE2 pattern in a text, with its place and capture groups.
 *
 *   select ord, match, start, length, groups
 *     from regexp_matches('Putin met Lavrov; Lavrov spoke.', '(\w)(\w+)v');
 *   -- 1|Lavrov|11|6|["L","avro"]
 *   -- 2|Lavrov|19|6|["L","avro"]
 *
 *   select d.id, m.match from docs d, regexp_matches(d.body, '\d{4}') m;
 *
 * Schema:
 *   CREATE TABLE x(ord, match, start, length, groups,
 *                  text HIDDEN, pattern HIDDEN)
 *
 * ord is 1-based.  start/length are 1-based SQLite character positions, so
 * substr(text, start, length) = match for every row (for a BLOB text they
 * count bytes and match is a BLOB, as substr() does).  groups is a JSON
 * array with one element per capture group of the pattern (group 0, the
 * whole match, is not repeated): the group's text, or null when the group
 * did not take part in the match; '[]' for a pattern without groups.
 * (SQLite's substr() of an empty BLOB is NULL, so the one empty match in
 * x'' has a NULL match column, keeping the identity.)
 *
 * Matches are found left to right and never overlap; after an empty match
 * the next one may not be empty at the same place, so the search moves on
 * by a whole character ('x*' over 'axb' gives '', 'x', '', '').  Invalid
 * UTF-8 in the text never matches; a match that ends just before stray
 * continuation bytes, which SQLite counts as part of the same character,
 * is widened to that whole character (see verbatim/regex.h).
 *
 * A NULL text or pattern gives no rows.  Errors:
 *   regexp_matches: invalid pattern at offset N: <PCRE2's message>
 *   regexp_matches: match limit exceeded
 * The core iterator is stepped once per xNext, so LIMIT stops early, and
 * the compiled pattern is kept by the cursor and reused while the pattern
 * stays the same (one compile for a join over many texts).
 */
#include "verbatim/internal.h"

#include <string.h>

#define RXM_COL_ORD 0
#define RXM_COL_MATCH 1
#define RXM_COL_START 2
#define RXM_COL_LENGTH 3
#define RXM_COL_GROUPS 4
#define RXM_COL_TEXT 5    /* hidden argument 0 */
#define RXM_COL_PATTERN 6 /* hidden argument 1 */
#define RXM_NHIDDEN 2

typedef struct rxm_cursor {
  sqlite3_vtab_cursor base; /* Base class - must be first */
  vb_args args;             /* owned copies of text, pattern */
  vb_doc doc;
  vb_charmap map;
  char *zPat; /* the pattern re was compiled from (cache key) */
  size_t nPat;
  vb_regex *re;
  vb_regex_iter *it;
  sqlite3_int64 ord;
  size_t start, end;    /* byte span of the current match */
  sqlite3_int64 iStart; /* 0-based character index of start */
  sqlite3_int64 iEnd;   /* 0-based character index of end */
  int eof;
} rxm_cursor;

static int rxmConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr) {
  return vb_vtab_connect(db,
                         "CREATE TABLE x(ord INTEGER, match TEXT, start INTEGER, length INTEGER,"
                         " groups TEXT, text HIDDEN, pattern HIDDEN)",
                         sizeof(sqlite3_vtab), ppVtab, pzErr);
}

static int rxmBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  static const char *const azName[] = {"text", "pattern"};
  return vb_best_index(pVtab, pInfo, "regexp_matches", RXM_COL_TEXT, RXM_NHIDDEN, 2, azName);
}

static int rxmOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  int rc = vb_cursor_open(sizeof(rxm_cursor), ppCursor);
  if (rc == SQLITE_OK) ((rxm_cursor *)*ppCursor)->eof = 1;
  return rc;
}

/* Forget the current text (the compiled pattern stays cached). */
static void rxmReset(rxm_cursor *p) {
  if (p->it) vb_regex_iter_reset(p->it, NULL, 0);
  vb_charmap_free(&p->map);
  vb_args_free(&p->args);
  memset(&p->doc, 0, sizeof p->doc);
  p->ord = 0;
  p->eof = 1;
}

static void rxmForgetPattern(rxm_cursor *p) {
  vb_regex_iter_free(p->it);
  vb_regex_free(p->re);
  sqlite3_free(p->zPat);
  p->it = NULL;
  p->re = NULL;
  p->zPat = NULL;
  p->nPat = 0;
}

static int rxmClose(sqlite3_vtab_cursor *cur) {
  rxm_cursor *p = (rxm_cursor *)cur;
  rxmReset(p);
  rxmForgetPattern(p);
  sqlite3_free(p);
  return SQLITE_OK;
}

/* Make p->re the compiled pattern pat, reusing the cached one if equal. */
static int rxmPattern(rxm_cursor *p, const vb_doc *pat) {
  vb_regex_error err;
  int rc;
  if (p->re && p->nPat == pat->n && memcmp(p->zPat, pat->z, pat->n) == 0) return SQLITE_OK;
  rxmForgetPattern(p);
  rc = vb_regex_compile(&p->re, (const char *)pat->z, (ptrdiff_t)pat->n, 0, &err);
  if (rc == VB_OK) rc = vb_regex_iter_new(&p->it, p->re);
  if (rc == VB_OK) {
    p->zPat = sqlite3_malloc64(pat->n + 1);
    if (p->zPat == NULL) rc = VB_NOMEM;
  }
  if (rc != VB_OK) {
    rxmForgetPattern(p);
    if (rc == VB_EREGEX) {
      size_t off = err.offset <= pat->n ? err.offset : pat->n;
      vb_vtab_error(p->base.pVtab, "regexp_matches: invalid pattern at offset %lld: %s",
                    (long long)vb_utf8_count(pat->z, off), err.message);
      return SQLITE_ERROR;
    }
    return vb_vtab_rc(p->base.pVtab, "regexp_matches", rc);
  }
  memcpy(p->zPat, pat->z, pat->n);
  p->nPat = pat->n;
  return SQLITE_OK;
}

static int rxmNext(sqlite3_vtab_cursor *cur) {
  rxm_cursor *p = (rxm_cursor *)cur;
  int rc = vb_regex_iter_next(p->it);
  if (rc < 0) {
    p->eof = 1;
    if (rc == VB_ELIMIT) {
      vb_vtab_error(cur->pVtab, "regexp_matches: %s", vb_regex_iter_limit_text(p->it));
      return SQLITE_ERROR;
    }
    return vb_vtab_rc(cur->pVtab, "regexp_matches", rc);
  }
  if (rc == 0) {
    p->eof = 1;
    return SQLITE_OK;
  }
  p->ord++;
  vb_regex_iter_span(p->it, 0, &p->start, &p->end);
  return vb_charmap_span(&p->map, p->start, p->end, &p->iStart, &p->iEnd);
}

static int rxmFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                     sqlite3_value **argv) {
  rxm_cursor *p = (rxm_cursor *)cur;
  sqlite3_value *aArg[RXM_NHIDDEN];
  vb_doc pat;
  int rc;
  rxmReset(p);
  vb_filter_args(idxNum, argc, argv, RXM_NHIDDEN, aArg);
  rc = vb_args_dup(&p->args, aArg, RXM_NHIDDEN);
  if (rc != SQLITE_OK) return rc;
  rc = vb_doc_get(p->args.a[1], &pat);
  if (rc < 0) return SQLITE_NOMEM;
  if (rc == 0) return SQLITE_OK; /* NULL pattern: no rows */
  rc = vb_doc_get(p->args.a[0], &p->doc);
  if (rc < 0) return SQLITE_NOMEM;
  if (rc == 0) return SQLITE_OK; /* NULL text: no rows */
  rc = rxmPattern(p, &pat);
  if (rc != SQLITE_OK) return rc;
  vb_charmap_init(&p->map, &p->doc);
  vb_regex_iter_reset(p->it, p->doc.z, p->doc.n);
  p->eof = 0;
  return rxmNext(cur);
}

static int rxmEof(sqlite3_vtab_cursor *cur) { return ((rxm_cursor *)cur)->eof; }

/* groups as a JSON array: strings escaped per RFC 8259, null for unset. */
static void rxmGroups(sqlite3_context *ctx, rxm_cursor *p) {
  sqlite3_str *s = sqlite3_str_new(NULL);
  int k, nGroup = vb_regex_group_count(p->re);
  char *z;
  sqlite3_str_appendchar(s, 1, '[');
  for (k = 1; k <= nGroup; k++) {
    size_t a, b;
    if (k > 1) sqlite3_str_appendchar(s, 1, ',');
    if (!vb_regex_iter_span(p->it, k, &a, &b)) {
      sqlite3_str_append(s, "null", 4);
      continue;
    }
    sqlite3_str_appendchar(s, 1, '"');
    while (a < b) {
      size_t i = a;
      int32_t cp;
      a = vb_utf8_next(p->doc.z, b, i, &cp);
      switch (cp) {
        case '"': sqlite3_str_append(s, "\\\"", 2); break;
        case '\\': sqlite3_str_append(s, "\\\\", 2); break;
        case '\n': sqlite3_str_append(s, "\\n", 2); break;
        case '\r': sqlite3_str_append(s, "\\r", 2); break;
        case '\t': sqlite3_str_append(s, "\\t", 2); break;
        default:
          if (cp < 0x20) {
            sqlite3_str_appendf(s, "\\u%04x", (unsigned)cp);
          } else if (cp == 0xFFFD) { /* also any invalid unit (never in a group) */
            sqlite3_str_append(s, "\xEF\xBF\xBD", 3);
          } else {
            sqlite3_str_append(s, (const char *)p->doc.z + i, (int)(a - i));
          }
      }
    }
    sqlite3_str_appendchar(s, 1, '"');
  }
  sqlite3_str_appendchar(s, 1, ']');
  k = sqlite3_str_errcode(s);
  z = sqlite3_str_finish(s);
  if (k == SQLITE_NOMEM || (k == SQLITE_OK && z == NULL)) {
    sqlite3_free(z);
    sqlite3_result_error_nomem(ctx);
  } else if (k != SQLITE_OK) {
    sqlite3_free(z);
    sqlite3_result_error_toobig(ctx);
  } else {
    sqlite3_result_text(ctx, z, -1, sqlite3_free);
  }
}

static int rxmColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  rxm_cursor *p = (rxm_cursor *)cur;
  switch (i) {
    case RXM_COL_ORD: sqlite3_result_int64(ctx, p->ord); break;
    case RXM_COL_MATCH:
      /* substr() of an empty BLOB is NULL, so the empty match in x'' is too */
      if (!(p->doc.isBlob && p->doc.n == 0)) vb_result_span(ctx, &p->doc, p->start, p->end);
      break;
    case RXM_COL_START: sqlite3_result_int64(ctx, p->iStart + 1); break;
    case RXM_COL_LENGTH: sqlite3_result_int64(ctx, p->iEnd - p->iStart); break;
    case RXM_COL_GROUPS: rxmGroups(ctx, p); break;
    case RXM_COL_TEXT:
      if (p->args.a[0]) sqlite3_result_value(ctx, p->args.a[0]);
      break;
    case RXM_COL_PATTERN:
      if (p->args.a[1]) sqlite3_result_value(ctx, p->args.a[1]);
      break;
  }
  return SQLITE_OK;
}

static int rxmRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((rxm_cursor *)cur)->ord;
  return SQLITE_OK;
}

static sqlite3_module rxmModule = {
    /* iVersion    */ 0,
    /* xCreate     */ 0, /* eponymous only */
    /* xConnect    */ rxmConnect,
    /* xBestIndex  */ rxmBestIndex,
    /* xDisconnect */ vb_vtab_disconnect,
    /* xDestroy    */ 0,
    /* xOpen       */ rxmOpen,
    /* xClose      */ rxmClose,
    /* xFilter     */ rxmFilter,
    /* xNext       */ rxmNext,
    /* xEof        */ rxmEof,
    /* xColumn     */ rxmColumn,
    /* xRowid      */ rxmRowid,
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

int vb_register_regexp_matches(sqlite3 *db) {
  return sqlite3_create_module_v2(db, "regexp_matches", &rxmModule, NULL, NULL);
}
