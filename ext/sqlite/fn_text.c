/* SPDX-License-Identifier: MIT
 *
 * fn_text.c -- PLACEHOLDER: registers nothing yet; replaced by its issue's work.
 */
#include "verbatim/internal.h"

int vb_register_text(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
