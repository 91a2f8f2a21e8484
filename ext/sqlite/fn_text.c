/* SPDX-License-Identifier: MIT
 *
 * fn_text.c -- the normalize() scalar function.
 *
 *   select normalize('  “Don’t”  STOP—now ');      -- '"don't" stop-now'
 *   select normalize('Straße', 'nfkc');             -- 'Straße'
 *   select normalize('é', 'nfd') = 'e' || char(0x301);   -- 1
 *
 * normalize(text [, form]): form is 'fold' (the default; NFKC, full case
 * folding, default-ignorable code points removed, quote marks, dashes and
 * white space unified, runs of white space collapsed to one space, leading
 * and trailing white space trimmed), 'nfc', 'nfd', 'nfkc' or 'nfkd'
 * (case-insensitive; NULL means 'fold').  A NULL text gives NULL; numbers
 * are read as text; a BLOB is read as UTF-8 bytes; invalid UTF-8 units
 * become U+FFFD.  The result is TEXT.  Work and memory are linear in the
 * input (ext/core/normalize.c).
 */
#include "verbatim/internal.h"

#include <string.h>

static const struct {
  const char *zName;
  vb_norm_form form;
} aForm[] = {
    {"fold", VB_NORM_FOLD}, {"nfc", VB_NORM_NFC},   {"nfd", VB_NORM_NFD},
    {"nfkc", VB_NORM_NFKC}, {"nfkd", VB_NORM_NFKD},
};

static void normalizeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  vb_norm_form form = VB_NORM_FOLD;
  vb_doc d;
  vb_buf out = {0};
  int rc;
  if (argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL) {
    const char *z = (const char *)sqlite3_value_text(argv[1]);
    size_t i;
    if (z == NULL) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    for (i = 0; i < sizeof aForm / sizeof aForm[0]; i++) {
      if (vb_ascii_ieq(z, strlen(z), aForm[i].zName)) break;
    }
    if (i == sizeof aForm / sizeof aForm[0]) {
      vb_result_errorf(ctx, "normalize: unknown form '%s' (supported: fold, nfc, nfd, nfkc, nfkd)",
                       z);
      return;
    }
    form = aForm[i].form;
  }
  rc = vb_doc_get(argv[0], &d);
  if (rc < 0) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (rc == 0) return; /* NULL */
  rc = vb_normalize(d.z, d.n, form, &out);
  if (rc != VB_OK) {
    vb_buf_free(&out);
    vb_result_rc(ctx, "normalize", rc);
    return;
  }
  if (out.z == NULL) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    return;
  }
  /* The core allocates through sqlite3_malloc (main.c), so SQLite takes the buffer. */
  sqlite3_result_text64(ctx, (const char *)out.z, out.n, sqlite3_free, SQLITE_UTF8);
}

int vb_register_text(sqlite3 *db) {
  int rc =
      sqlite3_create_function(db, "normalize", 1, VB_PURE_FLAGS, NULL, normalizeFunc, NULL, NULL);
  if (rc == SQLITE_OK) {
    rc =
        sqlite3_create_function(db, "normalize", 2, VB_PURE_FLAGS, NULL, normalizeFunc, NULL, NULL);
  }
  return rc;
}
