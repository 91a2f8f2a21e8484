/* SPDX-License-Identifier: MIT
 *
 * verbatim.h -- the public entry point of the verbatim SQLite extension.
 *
 * Loadable:  .load ./dist/verbatim       (entry point sqlite3_verbatim_init)
 * Static:    compile ext/ with -DSQLITE_CORE, link with SQLite, and call
 *              sqlite3_auto_extension((void (*)(void))sqlite3_verbatim_init);
 *            before opening connections.
 */
#ifndef VERBATIM_H
#define VERBATIM_H

#include <sqlite3.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VB_VERSION_MAJOR 0
#define VB_VERSION_MINOR 1
#define VB_VERSION_PATCH 0

#if defined(_WIN32)
#define VB_EXPORT __declspec(dllexport)
#else
#define VB_EXPORT __attribute__((visibility("default")))
#endif

/* Registers every verbatim function and module on db. */
VB_EXPORT int sqlite3_verbatim_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_H */
