/* SPDX-License-Identifier: MIT
 *
 * lang.c -- the table of supported languages (see include/verbatim/lang.h).
 */
#include "verbatim/lang.h"

static const vb_lang g_langs[VB_LANG_COUNT] = {
    {VB_LANG_UND, "und", "no language knowledge", NULL},
    {VB_LANG_EN, "en", "English", "english"},
    {VB_LANG_AM, "am", "Amharic", NULL},
    {VB_LANG_AR, "ar", "Arabic", "arabic"},
    {VB_LANG_BG, "bg", "Bulgarian", NULL},
    {VB_LANG_DA, "da", "Danish", "danish"},
    {VB_LANG_DE, "de", "German", "german"},
    {VB_LANG_EL, "el", "Greek", "greek"},
    {VB_LANG_ES, "es", "Spanish", "spanish"},
    {VB_LANG_FA, "fa", "Persian", NULL},
    {VB_LANG_FR, "fr", "French", "french"},
    {VB_LANG_HI, "hi", "Hindi", "hindi"},
    {VB_LANG_HY, "hy", "Armenian", "armenian"},
    {VB_LANG_IT, "it", "Italian", "italian"},
    {VB_LANG_JA, "ja", "Japanese", NULL},
    {VB_LANG_KK, "kk", "Kazakh", NULL},
    {VB_LANG_MR, "mr", "Marathi", NULL},
    {VB_LANG_MY, "my", "Burmese", NULL},
    {VB_LANG_NL, "nl", "Dutch", "dutch"},
    {VB_LANG_PL, "pl", "Polish", NULL},
    {VB_LANG_RU, "ru", "Russian", "russian"},
    {VB_LANG_SK, "sk", "Slovak", NULL},
    {VB_LANG_UR, "ur", "Urdu", NULL},
    {VB_LANG_ZH, "zh", "Chinese", NULL},
};

const vb_lang *vb_lang_get(vb_lang_id id) {
  return (unsigned)id < VB_LANG_COUNT ? &g_langs[id] : &g_langs[0];
}

const vb_lang *vb_lang_find(const char *z, size_t n) {
  size_t len = 0, i;
  if (z == NULL) return NULL;
  while (len < n && z[len] != '-' && z[len] != '_') len++;
  if (len == 0 || (len < n && len + 1 == n)) return NULL; /* "" or "en-" */
  for (i = 0; i < VB_LANG_COUNT; i++) {
    if (vb_ascii_ieq(z, len, g_langs[i].code)) return &g_langs[i];
  }
  return NULL;
}

const char *vb_lang_supported(void) {
  return "en, am, ar, bg, da, de, el, es, fa, fr, hi, hy, it, ja, kk, mr, my, nl, pl, ru, sk, ur, "
         "zh, und";
}
