/* SPDX-License-Identifier: MIT
 *
 * helpers.c -- small binding helpers shared by the vt_*.c and fn_*.c files
 * (declared at the end of verbatim/internal.h), next to the plumbing in
 * common.c:
 *
 *   vb_cursor_open    xOpen body: a zeroed cursor of the table's own type
 *   vb_vtab_lang_arg  the lang argument of a table-valued function, with the
 *                     standard error set on the vtab
 *   vb_result_lang    the lang hidden column: the argument or 'en'
 *   vb_charmap_span   both ends of a byte span as 0-based character indexes
 *   vb_result_errorf  a formatted error message from a scalar function
 *   vb_minhash_arg    a minhash() signature argument, checked
 *
 *   static int sentencesOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **pp) {
 *     int rc = vb_cursor_open(sizeof(sentences_cursor), pp);
 *     if (rc == SQLITE_OK) ((sentences_cursor *)*pp)->eof = 1;
 *     return rc;
 *   }
 */
#include "verbatim/internal.h"

#include <stdarg.h>
#include <string.h>

int vb_cursor_open(size_t nByte, sqlite3_vtab_cursor **ppCursor) {
  void *p = sqlite3_malloc64(nByte);
  *ppCursor = NULL;
  if (p == NULL) return SQLITE_NOMEM;
  memset(p, 0, nByte);
  *ppCursor = p;
  return SQLITE_OK;
}

int vb_vtab_lang_arg(sqlite3_vtab *pVtab, const char *zFunc, sqlite3_value *v, const vb_lang **pp) {
  char *zErr = NULL;
  int rc = vb_lang_arg(zFunc, v, pp, &zErr);
  if (rc != SQLITE_OK && zErr) {
    sqlite3_free(pVtab->zErrMsg);
    pVtab->zErrMsg = zErr;
  }
  return rc;
}

void vb_result_lang(sqlite3_context *ctx, sqlite3_value *v) {
  if (v) {
    sqlite3_result_value(ctx, v);
  } else {
    sqlite3_result_text(ctx, "en", -1, SQLITE_STATIC);
  }
}

int vb_charmap_span(vb_charmap *m, size_t start, size_t end, sqlite3_int64 *piStart,
                    sqlite3_int64 *piEnd) {
  *piStart = vb_charmap_pos(m, start);
  if (!m->isBlob && *piStart >= 0) { /* the next span's start is usually at or after this one */
    m->markByte = m->byte;
    m->markChars = m->chars;
    m->markInLead = m->inLead;
  }
  *piEnd = vb_charmap_pos(m, end);
  return (*piStart < 0 || *piEnd < 0) ? SQLITE_NOMEM : SQLITE_OK;
}

const unsigned char *vb_minhash_arg(sqlite3_value *v, int *pPerms, int *pN) {
  const unsigned char *sig;
  if (sqlite3_value_type(v) != SQLITE_BLOB) return NULL;
  sig = sqlite3_value_blob(v);
  if (vb_minhash_parse(sig, (size_t)sqlite3_value_bytes(v), pPerms, pN) != VB_OK) return NULL;
  return sig;
}

void vb_result_errorf(sqlite3_context *ctx, const char *zFmt, ...) {
  va_list ap;
  char *z;
  va_start(ap, zFmt);
  z = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  if (z == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, z, -1);
  sqlite3_free(z);
}
