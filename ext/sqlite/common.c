/* SPDX-License-Identifier: MIT
 *
 * common.c -- plumbing shared by every file of the SQLite binding: document
 * arguments, byte-to-character offsets, the language argument, error
 * helpers and the xConnect/xBestIndex/xFilter pieces every table-valued
 * function repeats.  See include/verbatim/internal.h for the contracts.
 */
#include "verbatim/internal.h"

#include <stdarg.h>
#include <string.h>

int vb_doc_get(sqlite3_value *v, vb_doc *d) {
  memset(d, 0, sizeof *d);
  if (v == NULL) return 0;
  switch (sqlite3_value_type(v)) {
    case SQLITE_NULL: return 0;
    case SQLITE_BLOB: {
      const unsigned char *z = sqlite3_value_blob(v);
      d->n = (size_t)sqlite3_value_bytes(v);
      d->z = z ? z : (const unsigned char *)"";
      d->isBlob = 1;
      return 1;
    }
    default: {
      const unsigned char *z = sqlite3_value_text(v);
      if (z == NULL) return -1; /* NULL text from a non-NULL value: OOM */
      size_t n = (size_t)sqlite3_value_bytes(v);
      const unsigned char *nul = memchr(z, 0, n);
      d->z = z;
      d->n = nul ? (size_t)(nul - z) : n;
      return 1;
    }
  }
}

/* ---- byte offsets -> characters ------------------------------------------- */

#define VB_CHECK_SHIFT 12 /* one checkpoint per 4096 bytes */

void vb_charmap_init(vb_charmap *m, const vb_doc *d) {
  memset(m, 0, sizeof *m);
  m->z = d->z;
  m->n = d->n;
  m->isBlob = d->isBlob;
}

void vb_charmap_free(vb_charmap *m) {
  sqlite3_free(m->aCheck);
  m->aCheck = NULL;
  m->nCheck = 0;
}

/* Advance the scan to byte b (>= m->byte), counting unit starts. */
static void charmapScan(vb_charmap *m, size_t b) {
  const unsigned char *z = m->z;
  size_t i = m->byte;
  sqlite3_int64 chars = m->chars;
  int inLead = m->inLead;
  for (; i < b; i++) {
    unsigned char c;
    /* ASCII fast path: 8 bytes without a high bit are 8 characters */
    while (i + 8 <= b) {
      uint64_t w;
      memcpy(&w, z + i, 8);
      if (w & 0x8080808080808080ull) break;
      chars += 8;
      inLead = 0;
      i += 8;
    }
    if (i >= b) break;
    c = z[i];
    if (c < 0x80) {
      chars++;
      inLead = 0;
    } else if (c >= 0xC0) {
      chars++;
      inLead = 1;
    } else if (!inLead) {
      chars++; /* a stray continuation byte is a character of its own */
    }
  }
  m->byte = i;
  m->chars = chars;
  m->inLead = inLead;
}

/* Record checkpoints up to byte b, so later backward seeks are cheap. */
static int charmapCheckpoints(vb_charmap *m, size_t b) {
  size_t need = (b >> VB_CHECK_SHIFT) + 1;
  if (m->nCheck >= need) return 0;
  sqlite3_int64 *a = sqlite3_realloc64(m->aCheck, (sqlite3_uint64)need * 2 * sizeof(sqlite3_int64));
  if (a == NULL) return -1;
  m->aCheck = a;
  if (m->nCheck == 0) {
    a[0] = 0;
    a[1] = 0;
    m->nCheck = 1;
  }
  while (m->nCheck < need) {
    size_t k = m->nCheck;
    m->byte = (size_t)(k - 1) << VB_CHECK_SHIFT;
    m->chars = a[2 * (k - 1)];
    m->inLead = (int)a[2 * (k - 1) + 1];
    charmapScan(m, k << VB_CHECK_SHIFT);
    a[2 * k] = m->chars;
    a[2 * k + 1] = m->inLead;
    m->nCheck++;
  }
  return 0;
}

sqlite3_int64 vb_charmap_pos(vb_charmap *m, size_t b) {
  if (b > m->n) b = m->n;
  if (m->isBlob) return (sqlite3_int64)b;
  if (b < m->byte && b >= m->markByte && m->markByte >= ((b >> VB_CHECK_SHIFT) << VB_CHECK_SHIFT)) {
    /* Backward seek to the last span start or after it, and no checkpoint
     * in between: restart from that mark. */
    m->byte = m->markByte;
    m->chars = m->markChars;
    m->inLead = m->markInLead;
  } else if (b < m->byte) {
    /* Backward seek: restart from the checkpoint at or before b. */
    if (charmapCheckpoints(m, b)) return -1;
    size_t k = b >> VB_CHECK_SHIFT;
    m->byte = k << VB_CHECK_SHIFT;
    m->chars = m->aCheck[2 * k];
    m->inLead = (int)m->aCheck[2 * k + 1];
  }
  charmapScan(m, b);
  return m->chars;
}

void vb_result_span(sqlite3_context *ctx, const vb_doc *d, size_t start, size_t end) {
  if (end < start) end = start;
  if (d->isBlob) {
    sqlite3_result_blob64(ctx, d->z + start, (sqlite3_uint64)(end - start), SQLITE_TRANSIENT);
  } else {
    sqlite3_result_text64(ctx, (const char *)d->z + start, (sqlite3_uint64)(end - start),
                          SQLITE_TRANSIENT, SQLITE_UTF8);
  }
}

/* ---- languages ---------------------------------------------------------------- */

int vb_lang_arg(const char *zFunc, sqlite3_value *v, const vb_lang **pp, char **pzErr) {
  *pzErr = NULL;
  if (v == NULL || sqlite3_value_type(v) == SQLITE_NULL) {
    *pp = vb_lang_get(VB_LANG_EN);
    return SQLITE_OK;
  }
  const char *z = (const char *)sqlite3_value_text(v);
  if (z == NULL) return SQLITE_NOMEM;
  *pp = vb_lang_find(z, strlen(z));
  if (*pp) return SQLITE_OK;
  *pzErr =
      sqlite3_mprintf("%s: unknown language '%s' (supported: %s)", zFunc, z, vb_lang_supported());
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* ---- errors ---------------------------------------------------------------------- */

void vb_result_rc(sqlite3_context *ctx, const char *zFunc, int rc) {
  if (rc == VB_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else if (rc == VB_ETOOBIG) {
    sqlite3_result_error_toobig(ctx);
  } else {
    char *z = sqlite3_mprintf("%s: %s", zFunc, vb_errmsg(rc));
    if (z == NULL) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    sqlite3_result_error(ctx, z, -1);
    sqlite3_free(z);
  }
}

void vb_vtab_error(sqlite3_vtab *pVtab, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
}

int vb_vtab_rc(sqlite3_vtab *pVtab, const char *zFunc, int rc) {
  switch (rc) {
    case VB_OK: return SQLITE_OK;
    case VB_NOMEM: return SQLITE_NOMEM;
    case VB_ETOOBIG: vb_vtab_error(pVtab, "%s: %s", zFunc, vb_errmsg(rc)); return SQLITE_TOOBIG;
    default: vb_vtab_error(pVtab, "%s: %s", zFunc, vb_errmsg(rc)); return SQLITE_ERROR;
  }
}

/* ---- table-valued functions --------------------------------------------------------- */

int vb_vtab_connect(sqlite3 *db, const char *zSchema, size_t nByte, sqlite3_vtab **ppVtab,
                    char **pzErr) {
  (void)pzErr;
  *ppVtab = NULL;
  int rc = sqlite3_declare_vtab(db, zSchema);
  if (rc != SQLITE_OK) return rc;
  sqlite3_vtab *p = sqlite3_malloc64(nByte);
  if (p == NULL) return SQLITE_NOMEM;
  memset(p, 0, nByte);
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *ppVtab = p;
  return SQLITE_OK;
}

int vb_vtab_disconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

int vb_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo, const char *zFunc,
                  int iFirstHidden, int nHidden, int nRequired, const char *const *azName) {
  int aCons[32]; /* constraint index per hidden argument, -1 if none usable */
  int seen = 0, usable = 0, i, k, argv = 1;
  if (nHidden > 32) nHidden = 32;
  for (k = 0; k < nHidden; k++) aCons[k] = -1;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[i];
    k = c->iColumn - iFirstHidden;
    if (k < 0 || k >= nHidden || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    seen |= 1 << k;
    if (c->usable && aCons[k] < 0) {
      aCons[k] = i;
      usable |= 1 << k;
    }
  }
  for (k = 0; k < nRequired; k++) {
    if (!(seen & (1 << k))) {
      vb_vtab_error(pVtab, "%s: missing argument '%s'", zFunc, azName[k]);
      return SQLITE_ERROR;
    }
    if (!(usable & (1 << k))) return SQLITE_CONSTRAINT;
  }
  /* Optional arguments must be given in order: a later one without an
   * earlier one cannot be passed positionally, but as named hidden columns
   * any subset works, so every usable one is taken. */
  for (k = 0; k < nHidden; k++) {
    if (aCons[k] < 0) continue;
    pInfo->aConstraintUsage[aCons[k]].argvIndex = argv++;
    pInfo->aConstraintUsage[aCons[k]].omit = 1;
  }
  pInfo->idxNum = usable;
  pInfo->estimatedCost = 1000.0;
  pInfo->estimatedRows = 100;
  return SQLITE_OK;
}

void vb_filter_args(int idxNum, int argc, sqlite3_value **argv, int nHidden, sqlite3_value **aArg) {
  int k, j = 0;
  for (k = 0; k < nHidden; k++) {
    aArg[k] = ((idxNum >> k) & 1) && j < argc ? argv[j++] : NULL;
  }
}

int vb_args_dup(vb_args *p, sqlite3_value **aArg, int n) {
  int k;
  vb_args_free(p);
  if (n > 8) n = 8;
  for (k = 0; k < n; k++) {
    if (aArg[k] == NULL) continue;
    p->a[k] = sqlite3_value_dup(aArg[k]);
    if (p->a[k] == NULL) {
      vb_args_free(p);
      return SQLITE_NOMEM;
    }
  }
  p->n = n;
  return SQLITE_OK;
}

void vb_args_free(vb_args *p) {
  int k;
  for (k = 0; k < 8; k++) {
    sqlite3_value_free(p->a[k]);
    p->a[k] = NULL;
  }
  p->n = 0;
}
