/* SPDX-License-Identifier: MIT
 *
 * tokens.c -- the word tokenizer: token boundaries, kinds, norm, stem and
 * stopword flag (API and token rules in include/verbatim/tokens.h).
 *
 * HOW IT WORKS
 * vb_tok_next() skips white space, control and stray format characters,
 * then classifies the code point it stands on:
 *   letter, digit, mark  a word: it runs over letters, digits, marks and
 *                        format characters of the general scripts, and
 *                        over a joiner when the joiner's rule holds for the
 *                        character before and after it (apostrophe: letter
 *                        'letter; hyphen: letter-letter, letter-digit,
 *                        digit-letter; period: letter.letter, digit.digit;
 *                        comma and Arabic separators: digit,digit; middle
 *                        dot: letter·letter; connector: between word chars)
 *   Han ideograph        one token (with its marks)
 *   Hiragana, Katakana   a run of the same script
 *   punctuation, symbol  one character (with its marks)
 * A word with no letter is a number.  Every token ends after at most
 * VB_TOK_MAX_BYTES bytes (plus one unit), so per-token work is bounded and
 * the pass is linear.
 *
 * ASCII is classified by a table and lowercased and hashed 8 bytes at a
 * time (SWAR), without any utf8proc call.  A token that starts with an
 * ASCII byte is decided in vb_tok_next itself when nothing after it can
 * join (tests/unit/test_tok_fastpath.c checks it against the general
 * path): a word of at most 7 bytes with 8 bytes of text left is scanned,
 * lowercased and hashed in one 8-byte register, a longer one by a byte
 * table; a possible join or a byte >= 0x80 goes to scanToken.  U+0080..U+07FF are classified
 * and folded from tables built once from utf8proc; a token of ASCII, such
 * characters and the common dashes and quotation marks is folded
 * character by character, any other token by vb_normalize_buf('fold')
 * into a reused buffer.  A word's stem, stopword flag and stem hash come
 * from the per-tokenizer cache, an open-addressing hash table (linear
 * probing, load <= 1/2, the first 8 bytes of the key inside the slot)
 * keyed by norm, holding at most VB_TOK_CACHE_MAX entries and 4 MiB of
 * strings; it is emptied when full.  On a miss the Snowball stemmer runs
 * and the stopword table (stopwords.c) is asked.  The tokenizer's state,
 * the tables, hashes and cache probe of the ASCII path live in tok_fast.h,
 * whose vb_tok_next_quick() callers inline for short ASCII words with a
 * cached stem (similarity.c's word loops).
 */
#include "verbatim/tokens.h"

#include <libstemmer.h>
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

#include "tok_private.h"
#include "tok_fast.h"

/* Character classes, as letters so that the ASCII table reads as text. */
enum {
  C_SPACE = 'S',  /* white space and control characters */
  C_LETTER = 'L', /* letters of the general scripts */
  C_DIGIT = 'D',  /* numbers: Nd, Nl, No */
  C_MARK = 'M',   /* combining marks */
  C_FORMAT = 'F', /* format and default-ignorable characters */
  C_PUNCT = 'P',
  C_SYMBOL = 'Y',
  C_IDEO = 'I', /* Han ideographs: a token each */
  C_HIRA = 'H', /* Hiragana: runs */
  C_KATA = 'K'  /* Katakana: runs */
};


static const char kAscii[129] =
    "SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS" /* 0x00-0x1F */
    "SPPPYPPPPPPYPPPP"                 /*  !"#$%&'()*+,-./ */
    "DDDDDDDDDDPPYYYP"                 /* 0-9 :;<=>? */
    "PLLLLLLLLLLLLLLL"                 /* @ A-O */
    "LLLLLLLLLLLPPPYP"                 /* P-Z [\]^_ */
    "YLLLLLLLLLLLLLLL"                 /* ` a-o */
    "LLLLLLLLLLLPYPYS";                /* p-z {|}~ DEL */



static int isIdeograph(int32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3005 ||
         cp == 0x3006 || cp == 0x3007 || (cp >= 0x3021 && cp <= 0x3029);
}

static int uniClassSlow(int32_t cp) {
  if (cp < 0x80) return kAscii[cp];
  if (cp == 0x200B) return C_SPACE; /* ZERO WIDTH SPACE separates words */
  const utf8proc_property_t *p = utf8proc_get_property(cp);
  if (p->ignorable) return C_FORMAT;
  switch (p->category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      if (cp >= 0x3040 && cp <= 0x309F) return C_HIRA;
      if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
          (cp >= 0xFF66 && cp <= 0xFF9F)) {
        return C_KATA;
      }
      if (isIdeograph(cp)) return C_IDEO;
      return C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return C_MARK;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return isIdeograph(cp) ? C_IDEO : C_DIGIT;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return C_PUNCT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: return C_SPACE;
    case UTF8PROC_CATEGORY_CF: return C_FORMAT;
    default: return C_SYMBOL; /* Sm Sc Sk So, unassigned, private use, U+FFFD */
  }
}

/* ---- two-byte fast paths ---------------------------------------------------
 * U+0080..U+07FF (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic) are
 * classified and folded from tables built once per process from utf8proc
 * (no allocation, so pthread_once cannot fail).  g_fold2[cp] is the 'fold'
 * form of cp when it is a single code point that is a starter (combining
 * class 0, not a mark), so that a token made only of such characters and
 * ASCII folds character by character; 0 sends the token to
 * vb_normalize_buf. */
static unsigned char g_class2[0x800];
static uint16_t g_fold2[0x800];
static pthread_once_t g_once2 = PTHREAD_ONCE_INIT;

static void buildTables2(void) {
  int32_t cp;
  for (cp = 0; cp < 0x800; cp++) {
    int32_t tmp[32];
    int bound = 0;
    g_class2[cp] = (unsigned char)uniClassSlow(cp);
    if (cp < 0x80) continue;
    utf8proc_ssize_t m = utf8proc_decompose_char(
        cp, tmp, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
        &bound);
    if (m <= 0 || m > 32) continue;
    m = utf8proc_normalize_utf32(tmp, m, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (m != 1) continue;
    int32_t r = tmp[0];
    if (r == 0x02BC) r = '\''; /* the fold form's quote unification */
    if (r == 0x00AB || r == 0x00BB) r = '"';
    const utf8proc_property_t *p = utf8proc_get_property(r);
    if (r > 0xFFFF || p->combining_class != 0 || p->category == UTF8PROC_CATEGORY_MN ||
        p->category == UTF8PROC_CATEGORY_MC || p->category == UTF8PROC_CATEGORY_ME) {
      continue;
    }
    g_fold2[cp] = (uint16_t)r;
  }
}

static int uniClass(int32_t cp) {
  if (cp < 0x800) return g_class2[cp];
  if (cp >= 0x2010 && cp <= 0x201F) return C_PUNCT; /* dashes and quotation marks */
  return uniClassSlow(cp);
}

/* A valid two-byte unit at z[i] (lead, one continuation, then no more). */
static inline int twoByteUnit(const unsigned char *z, size_t n, size_t i) {
  return z[i] >= 0xC2 && z[i] <= 0xDF && i + 1 < n && (z[i + 1] & 0xC0) == 0x80 &&
         (i + 2 >= n || (z[i + 2] & 0xC0) != 0x80);
}

/* The fold form of a token made of ASCII, two-byte units with a g_fold2
 * entry, and U+2010..U+201F dashes and quotation marks, appended to out.
 * 1 when done, 0 when the token needs vb_normalize_buf, or VB_NOMEM. */
static int foldFast(const unsigned char *z, size_t n, vb_buf *out) {
  size_t i = 0;
  if (vb_buf_reserve(out, 2 * n + 8)) return VB_NOMEM;
  unsigned char *w = out->z + out->n;
  while (i < n) {
    unsigned char c = z[i];
    if (c < 0x80) {
      *w++ = (unsigned char)(c + (((unsigned)(c - 'A') < 26u) << 5));
      i++;
    } else if (twoByteUnit(z, n, i)) {
      int32_t r = g_fold2[((c & 0x1F) << 6) | (z[i + 1] & 0x3F)];
      if (r == 0) return 0;
      w += vb_utf8_encode(r, w);
      i += 2;
    } else if (c == 0xE2 && i + 2 < n && z[i + 1] == 0x80 && z[i + 2] >= 0x90 && z[i + 2] <= 0x9F &&
               (i + 3 >= n || (z[i + 3] & 0xC0) != 0x80)) {
      unsigned char k = z[i + 2]; /* U+2010 + (k - 0x90) */
      if (k <= 0x95) {
        *w++ = '-';
      } else if (k >= 0x98 && k <= 0x9B) {
        *w++ = '\'';
      } else if (k >= 0x9C) {
        *w++ = '"';
      } else {
        return 0; /* U+2016, U+2017 */
      }
      i += 3;
    } else {
      return 0;
    }
  }
  out->n = (size_t)(w - out->z);
  out->z[out->n] = 0;
  return 1;
}

static int uniJoin(int32_t cp) {
  switch (cp) {
    case 0x2019: return J_APOS; /* right single quotation mark */
    case 0x2010:
    case 0x2011: return J_HYPHEN; /* hyphen, non-breaking hyphen */
    case 0x066B:
    case 0x066C: return J_COMMA; /* Arabic decimal and thousands separators */
    case 0x00B7: return J_MIDDOT;
    default: return utf8proc_category(cp) == UTF8PROC_CATEGORY_PC ? J_CONNECT : J_NONE;
  }
}

static int joinOk(int j, int last, int next) {
  switch (j) {
    case J_APOS:
    case J_MIDDOT: return last == C_LETTER && next == C_LETTER;
    case J_HYPHEN:
      return (last == C_LETTER && (next == C_LETTER || next == C_DIGIT)) ||
             (last == C_DIGIT && next == C_LETTER);
    case J_PERIOD:
      return (last == C_LETTER && next == C_LETTER) || (last == C_DIGIT && next == C_DIGIT);
    case J_COMMA: return last == C_DIGIT && next == C_DIGIT;
    case J_CONNECT:
      return (last == C_LETTER || last == C_DIGIT) && (next == C_LETTER || next == C_DIGIT);
    default: return 0;
  }
}

/* French and Italian elisions: "l'homme" is "l'" + "homme". */
static const char *const kElideFr[] = {"l",      "d",      "j",      "m",      "n",
                                       "s",      "t",      "c",      "qu",     "jusqu",
                                       "lorsqu", "puisqu", "quoiqu", "presqu", NULL};
static const char *const kElideIt[] = {
    "l", "dell", "nell", "sull", "dall", "all", "coll", "un",   "quest", "quell", "c",
    "d", "s",    "m",    "t",    "v",    "n",   "anch", "tutt", "dov",   "com",   NULL};

static int isElision(const char *const *a, const unsigned char *z, size_t n) {
  for (; a && *a; a++) {
    if (vb_ascii_ieq((const char *)z, n, *a)) return 1;
  }
  return 0;
}

/* Class of the unit at z[i] (i < n); *pEnd gets the offset past it. */
static int classAt(const unsigned char *z, size_t n, size_t i, size_t *pEnd, int32_t *pCp) {
  if (z[i] < 0x80) {
    *pEnd = i + 1;
    *pCp = z[i];
    return kAscii[z[i]];
  }
  if (twoByteUnit(z, n, i)) {
    int32_t cp = ((z[i] & 0x1F) << 6) | (z[i + 1] & 0x3F);
    *pEnd = i + 2;
    *pCp = cp;
    return g_class2[cp];
  }
  *pEnd = vb_utf8_step(z, n, i, pCp);
  return uniClass(*pCp);
}

/* ---- the stem cache ------------------------------------------------------ */

#define CACHE_ARENA_MAX (4u << 20) /* bytes of strings before the cache is emptied */




uint64_t vb_tok_hash(const void *p, size_t n) {
  const unsigned char *z = p;
  uint64_t h = hashInit(n), w = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    w |= (uint64_t)z[i] << (8 * (i & 7));
    if ((i & 7) == 7) {
      h = hashMix(h, w);
      w = 0;
    }
  }
  if (n & 7) h = hashMix(h, w);
  return hashFinal(h);
}


static void cacheClear(vb_tokenizer *t) {
  if (t->aSlot) memset(t->aSlot, 0, t->nSlot * sizeof(stem_entry));
  t->nEnt = 0;
  vb_buf_reset(&t->arena);
}

static int cacheGrow(vb_tokenizer *t) {
  size_t nSlot = t->nSlot ? t->nSlot * 2 : 256, i;
  stem_entry *a = vb_malloc(nSlot * sizeof(stem_entry));
  if (a == NULL) return VB_NOMEM;
  memset(a, 0, nSlot * sizeof(stem_entry));
  for (i = 0; i < t->nSlot; i++) {
    const stem_entry *e = &t->aSlot[i];
    if (e->nNorm == 0) continue;
    size_t s = (size_t)e->hNorm & (nSlot - 1);
    while (a[s].nNorm) s = (s + 1) & (nSlot - 1);
    a[s] = *e;
  }
  vb_free(t->aSlot);
  t->aSlot = a;
  t->nSlot = nSlot;
  return VB_OK;
}


/* Look the current norm (zero-padded in t->norm) up, computing and caching
 * stem and stop on a miss. */
static int cacheLookup(vb_tokenizer *t, uint64_t h, vb_token *out) {
  const char *zNorm = (const char *)t->norm.z;
  size_t nNorm = t->norm.n;
  stem_entry *e = NULL;
  if (nNorm > 0 && nNorm <= CACHE_KEY_MAX) {
    if (t->nSlot == 0 && cacheGrow(t)) return VB_NOMEM;
    e = cacheFind(t, t->norm.z, nNorm, h);
    if (e->nNorm) {
      out->stem = (const char *)t->arena.z + e->off + PAD8(e->nNorm);
      out->nStem = e->nStem;
      out->stop = e->stop;
      out->hash = e->hStem;
      t->userWord = (uint32_t *)(t->arena.z + e->off + PAD8(e->nNorm) + PAD8(e->nStem));
      return VB_OK;
    }
  }
  /* Miss: stem and stopword flag. */
  const char *zStem = zNorm;
  size_t nStem = nNorm;
  int stop = vb_stop_find(t->lang->id, zNorm, nNorm, h);
  if (t->sb) {
    const sb_symbol *sym = sb_stemmer_stem(t->sb, (const sb_symbol *)zNorm, (int)nNorm);
    if (sym == NULL) return VB_NOMEM;
    zStem = (const char *)sym;
    nStem = (size_t)sb_stemmer_length(t->sb);
  }
  uint64_t hStem = (zStem == zNorm) ? h : vb_tok_hash(zStem, nStem);
  out->stem = zStem;
  out->nStem = nStem;
  out->stop = stop;
  out->hash = hStem;
  if (nNorm == 0 || nNorm > CACHE_KEY_MAX || nStem > CACHE_KEY_MAX) { /* not cached */
    if (zStem != zNorm) { /* the stemmer's buffer: copy it where 16 bytes can be read */
      vb_buf_reset(&t->stemPad);
      if (vb_buf_reserve(&t->stemPad, nStem + 16)) return VB_NOMEM;
      memcpy(t->stemPad.z, zStem, nStem);
      memset(t->stemPad.z + nStem, 0, 16);
      out->stem = (const char *)t->stemPad.z;
    }
    return VB_OK;
  }
  /* Insert: empty the cache when it is full; keep the load at most 1/2.
   * 8 more zero bytes after the stem, so 16 bytes can be read from it; the
   * first 4 of them are the entry's user word (vb_tok_user_word). */
  size_t need = PAD8(nNorm) + PAD8(nStem) + 8;
  if (t->nEnt >= t->maxEnt || t->arena.n + need > CACHE_ARENA_MAX) {
    cacheClear(t);
    e = cacheFind(t, t->norm.z, nNorm, h);
  }
  if ((t->nEnt + 1) * 2 > t->nSlot) {
    if (cacheGrow(t)) return VB_NOMEM;
    e = cacheFind(t, t->norm.z, nNorm, h);
  }
  /* The stem may point into the stemmer's buffer; copy both strings. */
  size_t off = t->arena.n;
  if (vb_buf_reserve(&t->arena, need)) return VB_NOMEM;
  memset(t->arena.z + off, 0, need);
  memcpy(t->arena.z + off, zNorm, nNorm);
  memcpy(t->arena.z + off + PAD8(nNorm), zStem, nStem);
  t->arena.n = off + need;
  e->hNorm = h;
  e->hStem = hStem;
  memcpy(&e->head, t->arena.z + off, 8);
  e->off = (uint32_t)off;
  e->nNorm = (uint8_t)nNorm;
  e->nStem = (uint8_t)nStem;
  e->stop = (uint8_t)stop;
  t->nEnt++;
  out->stem = (const char *)t->arena.z + off + PAD8(nNorm);
  t->userWord = (uint32_t *)(t->arena.z + off + PAD8(nNorm) + PAD8(nStem));
  return VB_OK;
}

uint32_t *vb_tok_user_word(vb_tokenizer *t) {
  return t->userWord;
}

/* ---- the tokenizer --------------------------------------------------------- */

vb_tokenizer *vb_tok_new(const vb_lang *lang, unsigned flags) {
  vb_tokenizer *t = vb_malloc(sizeof *t);
  if (t == NULL) return NULL;
  memset(t, 0, sizeof *t);
  t->lang = lang ? lang : vb_lang_get(VB_LANG_UND);
  t->flags = flags;
  t->maxEnt = VB_TOK_CACHE_MAX;
  pthread_once(&g_once2, buildTables2);
  if (t->lang->id == VB_LANG_FR) t->aElide = kElideFr;
  if (t->lang->id == VB_LANG_IT) t->aElide = kElideIt;
  if ((flags & 0x02) && t->lang->snowball) {
    t->sb = sb_stemmer_new(t->lang->snowball, "UTF_8");
    if (t->sb == NULL) {
      vb_free(t);
      return NULL;
    }
  }
  if (vb_buf_reserve(&t->norm, VB_TOK_MAX_BYTES + 64) || vb_stop_init()) {
    vb_tok_free(t);
    return NULL;
  }
  return t;
}

void vb_tok_cache_limit(vb_tokenizer *t, size_t maxEntries) {
  if (maxEntries < 1) maxEntries = 1;
  if (maxEntries > VB_TOK_CACHE_MAX) maxEntries = VB_TOK_CACHE_MAX;
  t->maxEnt = maxEntries;
  cacheClear(t);
}

const vb_lang *vb_tok_lang(const vb_tokenizer *t) { return t->lang; }

void vb_tok_reset(vb_tokenizer *t, const unsigned char *z, size_t n) {
  t->z = z ? z : (const unsigned char *)"";
  t->n = z ? n : 0;
  t->pos = 0;
}

void vb_tok_free(vb_tokenizer *t) {
  if (t == NULL) return;
  if (t->sb) sb_stemmer_delete(t->sb);
  vb_buf_free(&t->norm);
  vb_buf_free(&t->scratch);
  vb_buf_free(&t->stemPad);
  vb_buf_free(&t->arena);
  vb_free(t->aSlot);
  vb_free(t);
}

/* Extend over the marks and format characters after a one-character token. */
static size_t extendMarks(const unsigned char *z, size_t n, size_t j, size_t limit) {
  while (j < n && z[j] >= 0x80 && j < limit) {
    int32_t cp;
    size_t k;
    int c = classAt(z, n, j, &k, &cp);
    if (c != C_MARK && c != C_FORMAT) break;
    j = k;
  }
  return j;
}

/* Scan the token starting at z[i] of class cls (next unit at j).  Returns
 * its end; sets *pKind and *pAscii (1 if every byte is ASCII).  aElide
 * lists the language's elided words (ending in an apostrophe), or NULL. */
static size_t scanToken(const unsigned char *z, size_t n, size_t i, size_t j, int cls,
                        const char *const *aElide, int *pKind, int *pAscii) {
  size_t limit = i + VB_TOK_MAX_BYTES;
  int ascii = z[i] < 0x80;
  int32_t cp;
  size_t k;
  switch (cls) {
    case C_PUNCT:
    case C_SYMBOL: {
      size_t e = extendMarks(z, n, j, limit);
      *pKind = cls == C_PUNCT ? VB_TOK_PUNCT : VB_TOK_SYMBOL;
      *pAscii = ascii && e == j;
      return e;
    }
    case C_IDEO:
      *pKind = VB_TOK_WORD;
      *pAscii = 0;
      return extendMarks(z, n, j, limit);
    case C_HIRA:
    case C_KATA:
      *pKind = VB_TOK_WORD;
      *pAscii = 0;
      while (j < n && j < limit) {
        int c = classAt(z, n, j, &k, &cp);
        if (c != cls && c != C_MARK && c != C_FORMAT && cp != 0x30FC) break;
        j = k;
      }
      return j;
    default: break;
  }
  /* A word or number of the general scripts. */
  int hasLetter = cls != C_DIGIT;
  int last = cls == C_DIGIT ? C_DIGIT : C_LETTER;
  size_t stop = n < limit ? n : limit;
  while (j < stop) {
    unsigned char b = z[j];
    int jt;
    if (b < 0x80) {
      int c = kAscii[b];
      if (c == C_LETTER) {
        hasLetter = 1;
        last = C_LETTER;
        j++;
        continue;
      }
      if (c == C_DIGIT) {
        last = C_DIGIT;
        j++;
        continue;
      }
      jt = asciiJoin(b);
      k = j + 1;
    } else {
      int c = classAt(z, n, j, &k, &cp);
      if (c == C_LETTER || c == C_DIGIT || c == C_MARK || c == C_FORMAT) {
        if (c == C_LETTER) hasLetter = 1;
        if (c == C_LETTER || c == C_DIGIT) last = c;
        ascii = 0;
        j = k;
        continue;
      }
      jt = uniJoin(cp);
    }
    if (jt == J_NONE || k >= n || k + 4 >= limit) break;
    size_t k2;
    int32_t cp2;
    if (!joinOk(jt, last, classAt(z, n, k, &k2, &cp2))) break;
    if (b >= 0x80) ascii = 0;
    if (jt == J_APOS && aElide && isElision(aElide, z + i, j - i)) {
      j = k; /* the elided word ends with its apostrophe */
      break;
    }
    j = k; /* the joiner; the character after it is taken next */
  }
  *pKind = hasLetter ? VB_TOK_WORD : VB_TOK_NUMBER;
  *pAscii = ascii;
  return j;
}


int vb_tok_next(vb_tokenizer *t, vb_token *out) {
  const unsigned char *z = t->z;
  size_t n = t->n, i = t->pos;
  for (;;) {
    size_t j = i, end;
    int cls = C_SPACE;
    int32_t cp;
    int kind, ascii, quick = 0;
    uint64_t quickHash = 0;
    /* ASCII white space: usually one byte, tested before the loop so the
     * branches stay predictable whether a token follows a space or not */
    if (i < n && kFast[z[i]] == 4) {
      i++;
      while (i < n && kFast[z[i]] == 4) i++;
    }
    if (i >= n) {
      t->pos = n;
      return 0;
    }
    if (z[i] < 0x80) {
      /* ASCII fast path: a token that starts and ends in ASCII without a
       * possible join is decided here; anything else goes to scanToken. */
      cls = kAscii[z[i]];
      j = i + 1;
      if ((cls == C_LETTER || cls == C_DIGIT) && n - i >= 8) {
        /* A word of at most 7 bytes inside an 8-byte load: scan, lowercase
         * and hash it in one register (SWAR). */
        uint64_t x, keep;
        memcpy(&x, z + i, 8);
        x = le64(x);
        uint64_t letter, other = swarNonWord(x, &letter);
        if (other) {
          size_t len = (size_t)__builtin_ctzll(other) >> 3; /* >= 1: z[i] is a word byte */
          j = i + len;
          if (asciiWordEnds(z, n, j)) {
            keep = ~(uint64_t)0 >> (8 * (8 - len));
            kind = (letter & keep) ? VB_TOK_WORD : VB_TOK_NUMBER;
            end = j;
            ascii = 1;
            x &= keep;
            x |= upperBits(x) >> 2;
            quickHash = hashFinal(hashMix(hashInit(len), x));
            x = le64(x);
            memcpy(t->norm.z, &x, 8);
            memset(t->norm.z + 8, 0, 8);
            t->norm.n = len;
            quick = 1;
            goto have_token;
          }
        } else if (n - i >= 16) {
          /* Eight word bytes: a word of 8 to 15 bytes inside two loads. */
          uint64_t y, keep2;
          memcpy(&y, z + i + 8, 8);
          y = le64(y);
          uint64_t letter2, other2 = swarNonWord(y, &letter2);
          if (other2) {
            size_t len2 = (size_t)__builtin_ctzll(other2) >> 3; /* 0..7 bytes after the first 8 */
            j = i + 8 + len2;
            if (asciiWordEnds(z, n, j)) {
              keep2 = len2 ? ~(uint64_t)0 >> (8 * (8 - len2)) : 0;
              kind = (letter || (letter2 & keep2)) ? VB_TOK_WORD : VB_TOK_NUMBER;
              end = j;
              ascii = 1;
              y &= keep2;
              x |= upperBits(x) >> 2;
              y |= upperBits(y) >> 2;
              /* the general ASCII path's hash: one mix per 8-byte word */
              quickHash = hashInit(8 + len2);
              quickHash = hashMix(quickHash, x);
              if (len2) quickHash = hashMix(quickHash, y);
              quickHash = hashFinal(quickHash);
              x = le64(x);
              y = le64(y);
              memcpy(t->norm.z, &x, 8);
              memcpy(t->norm.z + 8, &y, 8);
              memset(t->norm.z + 16, 0, 8);
              t->norm.n = 8 + len2;
              quick = 1;
              goto have_token;
            }
          }
        }
        j = i + 1;
      }
      if (cls == C_LETTER || cls == C_DIGIT) {
        unsigned seen = kFast[z[i]], f;
        size_t stop = n - i < VB_TOK_MAX_BYTES - 8 ? n : i + VB_TOK_MAX_BYTES - 8;
        while (j < stop && ((f = kFast[z[j]]) & 3) != 0) {
          seen |= f;
          j++;
        }
        int hasLetter = seen & 1;
        if ((j < stop || j == n) && asciiWordEnds(z, n, j)) {
          end = j;
          kind = hasLetter ? VB_TOK_WORD : VB_TOK_NUMBER;
          ascii = 1;
          goto have_token;
        }
        j = i + 1;
      } else if ((cls == C_PUNCT || cls == C_SYMBOL) && (j >= n || z[j] < 0x80)) {
        end = j; /* one ASCII character, no marks after it */
        kind = cls == C_PUNCT ? VB_TOK_PUNCT : VB_TOK_SYMBOL;
        ascii = 1;
        goto have_token;
      }
    } else {
      while (i < n) {
        cls = classAt(z, n, i, &j, &cp);
        if (cls != C_SPACE && cls != C_FORMAT) break;
        i = j;
      }
      if (i >= n) {
        t->pos = n;
        return 0;
      }
      if (z[i] < 0x80) continue; /* back to the ASCII path */
    }
    end = scanToken(z, n, i, j, cls, t->aElide, &kind, &ascii);
  have_token:
    t->pos = end;
    if ((t->flags & VB_TOK_WORDS_ONLY) && (kind == VB_TOK_PUNCT || kind == VB_TOK_SYMBOL)) {
      i = end;
      continue;
    }
    /* norm, and its hash */
    uint64_t h;
    if (quick) {
      h = quickHash; /* norm set by the SWAR path */
    } else if (ascii) {
      /* An ASCII token is at most VB_TOK_MAX_BYTES + 1 bytes: the norm
       * buffer, reserved in vb_tok_new, holds it and its zero padding. */
      size_t len = end - i, m;
      unsigned char *w = t->norm.z;
      const unsigned char *r = z + i;
      h = hashInit(len);
      for (m = 0; m < len; m += 8) {
        uint64_t x = 0;
        size_t k = len - m < 8 ? len - m : 8;
        if (m + 8 <= n - i) {
          memcpy(&x, r + m, 8); /* whole word in the input: mask the bytes past the token */
          x = le64(x);
          if (k < 8) x &= ~(uint64_t)0 >> (8 * (8 - k));
        } else {
          size_t b;
          for (b = 0; b < k; b++) x |= (uint64_t)r[m + b] << (8 * b);
        }
        /* ASCII lowercase, 8 bytes at a time: 0x20 where 'A' <= byte <= 'Z'. */
        x |= upperBits(x) >> 2;
        h = hashMix(h, x);
        x = le64(x);
        memcpy(w + m, &x, 8);
      }
      h = hashFinal(h);
      memset(w + len, 0, 8);
      t->norm.n = len;
    } else {
      t->norm.n = 0;
      int rc = foldFast(z + i, end - i, &t->norm);
      if (rc == 0) {
        t->norm.n = 0;
        rc = vb_normalize_buf(z + i, end - i, VB_NORM_FOLD, &t->norm, &t->scratch);
      } else if (rc == 1) {
        rc = VB_OK;
      }
      if (rc == VB_OK) rc = vb_buf_reserve(&t->norm, 8);
      if (rc) return rc;
      memset(t->norm.z + t->norm.n, 0, 8);
      h = vb_tok_hash(t->norm.z, t->norm.n);
    }
    t->userWord = NULL; /* set by cacheLookup for a cached stem */
    out->start = i;
    out->end = end;
    out->kind = (vb_tok_kind)kind;
    out->norm = (t->flags & VB_TOK_WANT_NORM) ? (const char *)t->norm.z : NULL;
    out->nNorm = t->norm.n;
    out->stop = 0;
    out->stem = NULL;
    out->nStem = 0;
    out->hash = h;
    if (kind == VB_TOK_WORD && (t->sb || vb_stop_has_list(t->lang->id))) {
      int rc = cacheLookup(t, h, out);
      if (rc) return rc;
    } else {
      out->stem = (const char *)t->norm.z;
      out->nStem = t->norm.n;
    }
    if (!(t->flags & 0x02)) {
      out->stem = NULL;
      out->nStem = 0;
      out->hash = h;
    }
    return 1;
  }
}
