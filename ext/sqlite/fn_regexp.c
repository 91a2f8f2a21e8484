/* SPDX-License-Identifier: MIT
 *
 * fn_regexp.c -- PLACEHOLDER: registers nothing yet; replaced by its issue's work.
 */
#include "verbatim/internal.h"

int vb_register_regexp(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
