/* SPDX-License-Identifier: MIT
 *
 * verbatim/lang.h -- the languages verbatim knows and how a code is parsed.
 *
 * A code is a BCP 47 primary tag, case-insensitive, optionally followed by
 * '-' or '_' and subtags that are ignored ("en", "EN", "en-GB", "pt_BR").
 * "und" means no language knowledge: plain Unicode rules everywhere.
 *
 * Each module keeps its own per-language knowledge (abbreviations, cue
 * verbs, stopwords) keyed by vb_lang.id; this table is the one list of
 * codes every function accepts, so every function reports the same
 * supported list in its errors.
 */
#ifndef VERBATIM_LANG_H
#define VERBATIM_LANG_H

#include <stddef.h>

#include "verbatim/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum vb_lang_id {
  VB_LANG_UND = 0,
  VB_LANG_EN,
  VB_LANG_AM,
  VB_LANG_AR,
  VB_LANG_BG,
  VB_LANG_DA,
  VB_LANG_DE,
  VB_LANG_EL,
  VB_LANG_ES,
  VB_LANG_FA,
  VB_LANG_FR,
  VB_LANG_HI,
  VB_LANG_HY,
  VB_LANG_IT,
  VB_LANG_JA,
  VB_LANG_KK,
  VB_LANG_MR,
  VB_LANG_MY,
  VB_LANG_NL,
  VB_LANG_PL,
  VB_LANG_RU,
  VB_LANG_SK,
  VB_LANG_UR,
  VB_LANG_ZH,
  VB_LANG_COUNT
} vb_lang_id;

typedef struct vb_lang {
  vb_lang_id id;
  const char *code;     /* "en" */
  const char *name;     /* "English" */
  const char *snowball; /* libstemmer algorithm name, or NULL if none */
} vb_lang;

/* The language for code z[0..n), or NULL if it is not supported. */
VB_API const vb_lang *vb_lang_find(const char *z, size_t n);

/* The language with this id (id < VB_LANG_COUNT). */
VB_API const vb_lang *vb_lang_get(vb_lang_id id);

/* "en, am, ar, …, zh, und": the supported codes, for error messages. */
VB_API const char *vb_lang_supported(void);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_LANG_H */
