/* SPDX-License-Identifier: MIT
 *
 * fn_regexp.c -- regexp(pattern, text), which makes `text REGEXP pattern`
 * work, with PCRE2 through the core wrapper (ext/core/regex.c).
 *
 *   select 'Lt. Col. Smith' regexp '^Lt\.';            -- 1
 *   select regexp('(?i)кремль', 'Кремль');             -- 1
 *   select count(*) from docs where body regexp '\bPutin\b';
 *
 * Returns 1 when pattern matches anywhere in text, else 0; NULL if either
 * argument is NULL.  Patterns are Unicode-aware (PCRE2_UTF | PCRE2_UCP:
 * \w, \d, \b and (?i) know every script); a text may hold invalid UTF-8,
 * which never matches anything.  TEXT arguments are read up to their first
 * NUL, BLOBs whole, numbers as text.  Errors:
 *   regexp: invalid pattern at offset N: <PCRE2's message>
 *     (N counts characters of the pattern before the point where PCRE2
 *     gave up, as SQLite's length() would)
 *   regexp: match limit exceeded
 *     (the backtracking, depth or heap limit of verbatim/regex.h was hit:
 *     a catastrophic pattern such as '(a+)+$' fails quickly instead of
 *     hanging)
 *
 * HOW IT WORKS
 * The compiled pattern and a match iterator are cached with
 * sqlite3_set_auxdata(), so a constant pattern is compiled once per
 * statement, as SQLite's own ext/misc/regexp.c does.  A pattern that is not
 * constant (a column) is compiled for each row.
 */
#include "verbatim/internal.h"

#include <string.h>

typedef struct regexp_cache {
  vb_regex *re;
  vb_regex_iter *it;
} regexp_cache;

static void regexpCacheFree(void *p) {
  regexp_cache *c = p;
  if (c == NULL) return;
  vb_regex_iter_free(c->it);
  vb_regex_free(c->re);
  sqlite3_free(c);
}

/* Compile a pattern argument into a new cache; on error, sets the
 * context's error (naming zFunc) and returns NULL. */
static regexp_cache *regexpCompile(sqlite3_context *ctx, const char *zFunc, const vb_doc *pat) {
  regexp_cache *c;
  vb_regex_error err;
  int rc;
  c = sqlite3_malloc64(sizeof *c);
  if (c == NULL) {
    sqlite3_result_error_nomem(ctx);
    return NULL;
  }
  memset(c, 0, sizeof *c);
  rc = vb_regex_compile(&c->re, (const char *)pat->z, (ptrdiff_t)pat->n, 0, &err);
  if (rc == VB_OK) rc = vb_regex_iter_new(&c->it, c->re);
  if (rc == VB_EREGEX) {
    size_t off = err.offset <= pat->n ? err.offset : pat->n;
    char *z = sqlite3_mprintf("%s: invalid pattern at offset %lld: %s", zFunc,
                              (long long)vb_utf8_count(pat->z, off), err.message);
    if (z) {
      sqlite3_result_error(ctx, z, -1);
      sqlite3_free(z);
    } else {
      sqlite3_result_error_nomem(ctx);
    }
  } else if (rc != VB_OK) {
    vb_result_rc(ctx, zFunc, rc);
  }
  if (rc != VB_OK) {
    regexpCacheFree(c);
    return NULL;
  }
  return c;
}

static void regexpFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  vb_doc pat, text;
  regexp_cache *c;
  int rc, fresh = 0;
  (void)argc;
  rc = vb_doc_get(argv[0], &pat);
  if (rc <= 0) {
    if (rc < 0) sqlite3_result_error_nomem(ctx);
    return; /* NULL pattern: NULL */
  }
  rc = vb_doc_get(argv[1], &text);
  if (rc <= 0) {
    if (rc < 0) sqlite3_result_error_nomem(ctx);
    return; /* NULL text: NULL */
  }
  c = sqlite3_get_auxdata(ctx, 0);
  if (c == NULL) {
    c = regexpCompile(ctx, "regexp", &pat);
    if (c == NULL) return;
    fresh = 1;
  }
  vb_regex_iter_reset(c->it, text.z, text.n);
  rc = vb_regex_iter_next(c->it);
  if (rc >= 0) {
    sqlite3_result_int(ctx, rc);
  } else if (rc == VB_ELIMIT) {
    sqlite3_result_error(ctx, "regexp: match limit exceeded", -1);
  } else {
    vb_result_rc(ctx, "regexp", rc);
  }
  vb_regex_iter_reset(c->it, NULL, 0); /* borrow nothing past this call */
  /* Last: set_auxdata may free c at once when the pattern is not constant. */
  if (fresh) sqlite3_set_auxdata(ctx, 0, c, regexpCacheFree);
}

int vb_register_regexp(sqlite3 *db) {
  return sqlite3_create_function(db, "regexp", 2, VB_PURE_FLAGS, NULL, regexpFunc, NULL, NULL);
}
