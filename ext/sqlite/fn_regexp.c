/* SPDX-License-Identifier: MIT
 *
 * fn_regexp.c -- regexp(pattern, text), which makes `text REGEXP pattern`
 * work, and regexp_replace(text, pattern, replacement), with PCRE2 through
 * the core wrapper (ext/core/regex.c).
 *
 *   select 'Lt. Col. Smith' regexp '^Lt\.';            -- 1
 *   select regexp('(?i)кремль', 'Кремль');             -- 1
 *   select count(*) from docs where body regexp '\bPutin\b';
 *   select regexp_replace('Putin, Vladimir', '(\w+), (\w+)', '$2 $1');
 *                                                      -- 'Vladimir Putin'
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
 * regexp_replace() replaces every match (the matches of regexp_matches())
 * with replacement, in which $0 … $99 (the longest number that names a
 * group) and ${n} stand for groups (an unset group is empty) and $$ for a
 * dollar sign.  Bytes outside matches, invalid UTF-8 included, are copied
 * unchanged; a BLOB text gives a BLOB.  NULL in any argument gives NULL.
 * Errors: invalid pattern and match limit as for regexp() (named
 * "regexp_replace: …"), "regexp_replace: invalid replacement: '$' must be
 * followed by a group number, {number} or '$'", "regexp_replace: no group
 * N in the pattern", and SQLITE_TOOBIG past SQLite's length limit.
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
    vb_result_errorf(ctx, "%s: invalid pattern at offset %lld: %s", zFunc,
                     (long long)vb_utf8_count(pat->z, off), err.message);
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
    vb_result_errorf(ctx, "regexp: %s", vb_regex_iter_limit_text(c->it));
  } else {
    vb_result_rc(ctx, "regexp", rc);
  }
  vb_regex_iter_reset(c->it, NULL, 0); /* borrow nothing past this call */
  /* Last: set_auxdata may free c at once when the pattern is not constant. */
  if (fresh) sqlite3_set_auxdata(ctx, 0, c, regexpCacheFree);
}

/* ---- regexp_replace ------------------------------------------------------------ */

/* Parse the group reference after the '$' at z[i]: sets *pGroup and returns
 * the index just past it; -1 if it is not a reference ($$ is handled by the
 * caller). */
static ptrdiff_t replaceRef(const unsigned char *z, size_t n, size_t i, int nGroup, int *pGroup) {
  size_t j = i + 1;
  long g = 0;
  if (j < n && z[j] == '{') {
    size_t k = j + 1;
    while (k < n && z[k] >= '0' && z[k] <= '9' && g < 1000000) g = g * 10 + (z[k++] - '0');
    if (k == j + 1 || k >= n || z[k] != '}') return -1;
    *pGroup = (int)g;
    return (ptrdiff_t)(k + 1);
  }
  if (j >= n || z[j] < '0' || z[j] > '9') return -1;
  /* The longest run of digits that names a group ($12 is group 1 then "2"
   * when there are fewer than 12 groups), at least one digit. */
  g = z[j++] - '0';
  while (j < n && z[j] >= '0' && z[j] <= '9' && g * 10 + (z[j] - '0') <= nGroup) {
    g = g * 10 + (z[j++] - '0');
  }
  *pGroup = (int)g;
  return (ptrdiff_t)j;
}

/* Check the replacement once: NULL if valid, else an sqlite3_malloc'd message. */
static char *replaceCheck(const vb_doc *r, int nGroup) {
  size_t i = 0;
  while (i < r->n) {
    int g;
    ptrdiff_t next;
    if (r->z[i] != '$') {
      i++;
      continue;
    }
    if (i + 1 < r->n && r->z[i + 1] == '$') {
      i += 2;
      continue;
    }
    next = replaceRef(r->z, r->n, i, nGroup, &g);
    if (next < 0) {
      return sqlite3_mprintf(
          "regexp_replace: invalid replacement: '$' must be followed by a group number, "
          "{number} or '$'");
    }
    if (g > nGroup) return sqlite3_mprintf("regexp_replace: no group %d in the pattern", g);
    i = (size_t)next;
  }
  return NULL;
}

/* The result of regexp_replace, grown by doubling (sqlite3_str grows by the
 * appended size alone once it nears SQLITE_LIMIT_LENGTH, which makes a
 * million small appends quadratic), and capped at the connection's length
 * limit: past it, err is SQLITE_TOOBIG. */
typedef struct replace_out {
  vb_buf b;
  size_t limit;
  int err;
} replace_out;

static void outAppend(replace_out *o, const void *p, size_t n) {
  if (o->err) return;
  if (n > o->limit - o->b.n) {
    o->err = SQLITE_TOOBIG;
  } else if (vb_buf_append(&o->b, p, n) != VB_OK) {
    o->err = SQLITE_NOMEM;
  }
}

/* Append the replacement for the current match of it over text. */
static void replaceAppend(replace_out *out, const vb_doc *r, const vb_regex_iter *it,
                          const vb_doc *text, int nGroup) {
  size_t i = 0, lit = 0;
  while (i < r->n) {
    int g;
    ptrdiff_t next;
    size_t a, b;
    if (r->z[i] != '$') {
      i++;
      continue;
    }
    outAppend(out, r->z + lit, i - lit);
    if (i + 1 < r->n && r->z[i + 1] == '$') {
      outAppend(out, "$", 1);
      lit = i += 2;
      continue;
    }
    next = replaceRef(r->z, r->n, i, nGroup, &g); /* valid: checked by replaceCheck */
    if (vb_regex_iter_span(it, g, &a, &b)) outAppend(out, text->z + a, b - a);
    lit = i = (size_t)next;
  }
  outAppend(out, r->z + lit, r->n - lit);
}

static void freeResult(void *p) { vb_free(p); }

static void regexpReplaceFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  vb_doc text, pat, rep;
  regexp_cache *c;
  replace_out out;
  size_t done = 0;
  int rc, fresh = 0;
  char *zErr;
  (void)argc;
  if ((rc = vb_doc_get(argv[0], &text)) <= 0 || (rc = vb_doc_get(argv[1], &pat)) <= 0 ||
      (rc = vb_doc_get(argv[2], &rep)) <= 0) {
    if (rc < 0) sqlite3_result_error_nomem(ctx);
    return; /* a NULL argument: NULL */
  }
  c = sqlite3_get_auxdata(ctx, 1);
  if (c == NULL) {
    c = regexpCompile(ctx, "regexp_replace", &pat);
    if (c == NULL) return;
    fresh = 1;
  }
  zErr = replaceCheck(&rep, vb_regex_group_count(c->re));
  if (zErr) {
    sqlite3_result_error(ctx, zErr, -1);
    sqlite3_free(zErr);
  } else {
    memset(&out, 0, sizeof out);
    out.limit = (size_t)sqlite3_limit(sqlite3_context_db_handle(ctx), SQLITE_LIMIT_LENGTH, -1);
    vb_regex_iter_reset(c->it, text.z, text.n);
    while ((rc = vb_regex_iter_next(c->it)) == 1) {
      size_t a, b;
      vb_regex_iter_span(c->it, 0, &a, &b);
      outAppend(&out, text.z + done, a - done);
      replaceAppend(&out, &rep, c->it, &text, vb_regex_group_count(c->re));
      done = b;
      if (out.err) break;
    }
    if (rc == 0) outAppend(&out, text.z + done, text.n - done);
    if (rc < 0) {
      if (rc == VB_ELIMIT) {
        vb_result_errorf(ctx, "regexp_replace: %s", vb_regex_iter_limit_text(c->it));
      } else {
        vb_result_rc(ctx, "regexp_replace", rc);
      }
    } else if (out.err == SQLITE_NOMEM) {
      sqlite3_result_error_nomem(ctx);
    } else if (out.err) {
      sqlite3_result_error_toobig(ctx);
    } else if (out.b.z == NULL) { /* an empty result */
      if (text.isBlob) {
        sqlite3_result_zeroblob(ctx, 0);
      } else {
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
      }
    } else {
      if (text.isBlob) {
        sqlite3_result_blob64(ctx, out.b.z, out.b.n, freeResult);
      } else {
        sqlite3_result_text64(ctx, (const char *)out.b.z, out.b.n, freeResult, SQLITE_UTF8);
      }
      out.b.z = NULL; /* owned by SQLite now */
    }
    vb_buf_free(&out.b);
    vb_regex_iter_reset(c->it, NULL, 0);
  }
  if (fresh) sqlite3_set_auxdata(ctx, 1, c, regexpCacheFree);
}

int vb_register_regexp(sqlite3 *db) {
  int rc = sqlite3_create_function(db, "regexp", 2, VB_PURE_FLAGS, NULL, regexpFunc, NULL, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function(db, "regexp_replace", 3, VB_PURE_FLAGS, NULL, regexpReplaceFunc,
                                 NULL, NULL);
  }
  return rc;
}
