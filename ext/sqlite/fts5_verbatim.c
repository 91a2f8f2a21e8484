/* SPDX-License-Identifier: MIT
 *
 * fts5_verbatim.c -- PLACEHOLDER: registers nothing yet; replaced by its issue's work.
 */
#include "verbatim/internal.h"

int vb_register_fts5(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
