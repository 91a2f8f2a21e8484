/* SPDX-License-Identifier: MIT
 *
 * verbatim/internal.h -- shared plumbing of the SQLite binding layer
 * (ext/sqlite only; the core never includes this).
 *
 * Every ext/sqlite file includes this header first.  It pulls in
 * sqlite3ext.h with SQLITE_EXTENSION_INIT3, so the files can call the
 * sqlite3_* API through the pointer table set up in main.c.
 */
#ifndef VERBATIM_INTERNAL_H
#define VERBATIM_INTERNAL_H

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include "verbatim/core.h"

/* ---- registration: one function per binding file, called from main.c ---- */
int vb_register_sentences(sqlite3 *db);      /* vt_sentences.c */
int vb_register_tokens(sqlite3 *db);         /* vt_tokens.c */
int vb_register_text(sqlite3 *db);           /* fn_text.c: normalize() */
int vb_register_quotes(sqlite3 *db);         /* vt_quotes.c */
int vb_register_similarity(sqlite3 *db);     /* fn_similarity.c: similarity(), edit_distance() */
int vb_register_align(sqlite3 *db);          /* vt_align.c */
int vb_register_shingles(sqlite3 *db);       /* vt_shingles.c */
int vb_register_minhash(sqlite3 *db);        /* fn_minhash.c: minhash(), minhash_similarity() */
int vb_register_lsh_bands(sqlite3 *db);      /* vt_lsh_bands.c */
int vb_register_regexp(sqlite3 *db);         /* fn_regexp.c: regexp() */
int vb_register_regexp_matches(sqlite3 *db); /* vt_regexp_matches.c */
int vb_register_fts5(sqlite3 *db);           /* fts5_verbatim.c: the 'verbatim' tokenizer */

/* Flags for pure scalar functions. */
#define VB_PURE_FLAGS (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

/* ---- documents --------------------------------------------------------------
 * A document argument as bytes.  TEXT (and numbers, read as text) stops at the
 * first NUL, as SQLite's own length() and substr() do; a BLOB is taken whole
 * and its offsets count bytes, as substr() counts them for BLOBs. */
typedef struct vb_doc {
  const unsigned char *z; /* never NULL when vb_doc_get returned 1 */
  size_t n;
  int isBlob;
} vb_doc;

/* 0 for SQL NULL (d is zeroed), 1 otherwise; -1 when out of memory. */
int vb_doc_get(sqlite3_value *v, vb_doc *d);

/* ---- byte offsets -> SQLite character positions -----------------------------
 * Converts byte offsets into 0-based character indexes by SQLite's own rule
 * (see verbatim/base.h).  Fastest for non-decreasing offsets; a backward seek
 * restarts from the start of the last vb_charmap_span() when it is at or
 * before the target (rows whose spans overlap, as shingles' do, cost their
 * own length), else from a checkpoint (one per 4 KiB, allocated on first
 * need). */
typedef struct vb_charmap {
  const unsigned char *z;
  size_t n;
  int isBlob;
  size_t byte;           /* scan position */
  sqlite3_int64 chars;   /* units starting before byte */
  int inLead;            /* 1 if the last non-continuation byte was a lead >= 0xC0 */
  sqlite3_int64 *aCheck; /* aCheck[2k] = chars, aCheck[2k+1] = inLead at byte 4096*k */
  size_t nCheck;         /* checkpoints filled */
  size_t markByte;       /* the scan state at the last span start (vb_charmap_span), */
  sqlite3_int64 markChars; /* where a later backward seek can restart when it is */
  int markInLead;          /* closer than the checkpoint */
} vb_charmap;

void vb_charmap_init(vb_charmap *m, const vb_doc *d);
/* 0-based character index of byte offset b (b <= n).  -1 on OOM. */
sqlite3_int64 vb_charmap_pos(vb_charmap *m, size_t b);
void vb_charmap_free(vb_charmap *m);

/* Result a span of d as TEXT (or as a BLOB when d is a BLOB), copied. */
void vb_result_span(sqlite3_context *ctx, const vb_doc *d, size_t start, size_t end);

/* ---- languages -------------------------------------------------------------
 * The language argument: NULL or absent means "en".  Returns SQLITE_OK and
 * sets *pp, or SQLITE_ERROR with *pzErr = "FUNC: unknown language 'xx'
 * (supported: …)" (sqlite3_malloc'd; the caller frees it). */
int vb_lang_arg(const char *zFunc, sqlite3_value *v, const vb_lang **pp, char **pzErr);

/* ---- errors ------------------------------------------------------------------ */
/* Sets the context's error for a core vb_rc: NOMEM and TOOBIG map to their
 * codes, anything else to "FUNC: message". */
void vb_result_rc(sqlite3_context *ctx, const char *zFunc, int rc);
/* Replaces pVtab->zErrMsg with a formatted message. */
void vb_vtab_error(sqlite3_vtab *pVtab, const char *zFmt, ...);
/* Maps a core vb_rc to an SQLite result code, setting a message for errors
 * other than NOMEM. */
int vb_vtab_rc(sqlite3_vtab *pVtab, const char *zFunc, int rc);

/* ---- table-valued function plumbing -------------------------------------------
 * Declares zSchema, allocates a zeroed vtab of nByte (>= sizeof(sqlite3_vtab))
 * and marks it SQLITE_VTAB_INNOCUOUS. */
int vb_vtab_connect(sqlite3 *db, const char *zSchema, size_t nByte, sqlite3_vtab **ppVtab,
                    char **pzErr);
int vb_vtab_disconnect(sqlite3_vtab *pVtab);

/* The standard xBestIndex of a table-valued function whose arguments are the
 * nHidden hidden columns starting at iFirstHidden, of which the first
 * nRequired must be given.  idxNum gets bit k when hidden argument k is
 * given; argv[] then holds the given arguments in column order.  A required
 * argument that is present but unusable gives SQLITE_CONSTRAINT; one that is
 * absent gives "FUNC: missing argument 'NAME'" via azName[k]. */
int vb_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo, const char *zFunc,
                  int iFirstHidden, int nHidden, int nRequired, const char *const *azName);

/* In xFilter: aArg[k] = the value of hidden argument k, or NULL if absent. */
void vb_filter_args(int idxNum, int argc, sqlite3_value **argv, int nHidden, sqlite3_value **aArg);

/* A cursor that holds its own copies of the argument values. */
typedef struct vb_args {
  sqlite3_value *a[8];
  int n;
} vb_args;
/* Copies (sqlite3_value_dup) the values; SQLITE_OK or SQLITE_NOMEM. */
int vb_args_dup(vb_args *p, sqlite3_value **aArg, int n);
void vb_args_free(vb_args *p);

/* ---- helpers.c: shared pieces of the binding files ---------------------------- */
/* xOpen: allocates a zeroed cursor of nByte (>= sizeof(sqlite3_vtab_cursor))
 * into *ppCursor; SQLITE_OK or SQLITE_NOMEM. */
int vb_cursor_open(size_t nByte, sqlite3_vtab_cursor **ppCursor);
/* vb_lang_arg for a table-valued function: on error the message is set on
 * pVtab.  SQLITE_OK (and *pp set), SQLITE_ERROR or SQLITE_NOMEM. */
int vb_vtab_lang_arg(sqlite3_vtab *pVtab, const char *zFunc, sqlite3_value *v, const vb_lang **pp);
/* The lang hidden column: the argument v as given, or 'en' when absent. */
void vb_result_lang(sqlite3_context *ctx, sqlite3_value *v);
/* 0-based character indexes of bytes start and end (vb_charmap_pos);
 * SQLITE_OK or SQLITE_NOMEM. */
int vb_charmap_span(vb_charmap *m, size_t start, size_t end, sqlite3_int64 *piStart,
                    sqlite3_int64 *piEnd);
/* sqlite3_result_error with a printf-style message (NOMEM if it cannot be
 * formatted). */
void vb_result_errorf(sqlite3_context *ctx, const char *zFmt, ...);
/* The bytes of v when it is a minhash() signature (a BLOB that
 * vb_minhash_parse accepts; sets *pPerms and *pN), else NULL. */
const unsigned char *vb_minhash_arg(sqlite3_value *v, int *pPerms, int *pN);

#endif /* VERBATIM_INTERNAL_H */
