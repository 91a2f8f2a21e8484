/* SPDX-License-Identifier: MIT
 *
 * vt_lsh_bands.c -- PLACEHOLDER: registers nothing yet; replaced by its issue's work.
 */
#include "verbatim/internal.h"

int vb_register_lsh_bands(sqlite3 *db) {
  (void)db;
  return SQLITE_OK;
}
