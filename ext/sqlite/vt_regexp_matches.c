/* SPDX-License-Identifier: MIT
 *
 * vt_regexp_matches.c -- PLACEHOLDER: registers nothing yet; replaced by its issue's work.
 */
#include "verbatim/internal.h"

int vb_register_regexp_matches(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
