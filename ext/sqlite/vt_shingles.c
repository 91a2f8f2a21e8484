/* SPDX-License-Identifier: MIT
 *
 * vt_shingles.c -- PLACEHOLDER: registers nothing yet; replaced by its issue's work.
 */
#include "verbatim/internal.h"

int vb_register_shingles(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
