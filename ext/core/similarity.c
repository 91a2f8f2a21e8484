/* SPDX-License-Identifier: MIT
 *
 * similarity.c -- similarity(a, b, method): every method's score in [0, 1].
 *
 * Word methods (cosine, jaccard, dice, overlap, containment, lcs, partial)
 * work on the tokens of verbatim/tokens.h: word and number tokens, by their
 * Snowball stem (case-folded, NFKC).  They use the texts' CONTENT words (not
 * stopwords) when both texts have at least one; otherwise every word of
 * both, so "It is" against "it is" still scores 1.  Texts with no words at
 * all score 1 when they fold (vb_sim_fold) to the same text, else 0; one
 * text with words against one without scores 0.
 *   cosine       (sum_s ta(s) tb(s) w(s)^2 + soft) / (|ta w| |tb w|), ta, tb
 *                1 when stem s occurs in the text (presence, not counts: a
 *                repeated word is no more evidence of a paraphrase) and w(s)
 *                its weight from the built-in prior (word_prior_data.c:
 *                King James Bible and WordNet SemCor frequencies, English;
 *                other languages weigh 1); soft credits unmatched stems of
 *                one text paired one to one with unmatched stems of the
 *                other: spelling variants, and (English) words WordNet
 *                relates (softMatches); clamped to 1.  A hyphenated word
 *                counts as its parts (addParts).  Presence, the parts, the
 *                prior's blend and the credits were chosen on the STS-B
 *                train and dev splits.
 *   jaccard      |A n B| / |A u B| over the sets of stems;
 *   dice         2 |A n B| / (|A| + |B|);
 *   overlap      |A n B| / min(|A|, |B|);
 *   containment  |A n B| / |A| (asymmetric);
 *   lcs          longest common subsequence of the stem sequences / the
 *                longer sequence's length (bit-parallel, Hyyrö; bounded by
 *                VB_SIM_MAX_STEPS, else VB_ELIMIT);
 *   partial      with the shorter sequence S (k words) and every window of k
 *                consecutive words of the longer, the best multiset overlap
 *                |S n window| / k: is a quote inside a passage?  A sliding
 *                window with counts, linear time.
 * Character methods work on the folded texts (vb_sim_fold):
 *   trigram      pg_trgm: each run of letters, marks and digits, padded with
 *                two spaces before and one after, gives its 3-character
 *                substrings; Jaccard of the two trigram sets;
 *   levenshtein  1 - edit distance / the longer text's length (characters);
 *   jaro_winkler rapidfuzz's Jaro-Winkler (jaro_winkler.c);
 *   token_set    rapidfuzz's token_set_ratio / 100: tokens split at white
 *                space, sorted intersection and differences, the best
 *                normalized Indel similarity of the three combinations.
 *                Two empty texts give 1 here (rapidfuzz gives 0).
 *
 * State: a vb_sim owns one tokenizer per language (made on first use), the
 * fold buffers, the hash table, the id sequences and a scratch memo per
 * side, all reused, so scoring allocates nothing once the buffers have
 * grown to the input size.  The cache of prepared texts (see
 * vb_sim_cache_config; 1024 slots, 4 MB by default) keeps the words of
 * each text of at most SIM_MEMO_MAX bytes, so a text scored again is not
 * tokenized again: one allocation per entry (words, stems and text back to
 * back), direct-mapped by a 64-bit key hash, verified by the bytes, a clock
 * hand freeing entries beyond the byte bound.  An entry that text a is
 * read from is pinned while text b is prepared, so the map never points
 * into freed memory.  The cosine reaches the prior entry of a stem the
 * tokenizer has cached through the entry's user word (SIM_PRIOR_MEMO_MAX),
 * other stems through a direct-mapped cache by stem hash.
 * Memory: the word methods keep one hash-table entry per distinct stem (plus
 * 4 bytes per word for lcs and partial, and for the cosine 32 bytes per
 * distinct stem for its soft matches); the character methods keep the
 * folded texts and one entry per distinct trigram (token_set: one per
 * token, sorted in O(n log n)).  Buffers are shrunk again after an
 * unusually large input.
 */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "sim_pm.h"
#include "sim_private.h"
#include "tok_fast.h"
#include "tok_private.h"
#include "verbatim/similarity.h"
#include "verbatim/tokens.h"
#include "word_prior.h"

/* ---- methods ---------------------------------------------------------------- */

static const char *const azMethod[VB_SIM_COUNT] = {
    "cosine",      "jaccard",      "dice", "overlap",   "containment", "trigram",
    "levenshtein", "jaro_winkler", "lcs",  "token_set", "partial"};

int vb_sim_method_find(const char *z, size_t n) {
  int i;
  for (i = 0; i < VB_SIM_COUNT; i++) {
    if (strlen(azMethod[i]) == n && vb_ascii_ieq(z, n, azMethod[i])) return i;
  }
  return -1;
}

const char *vb_sim_method_name(int method) {
  return method >= 0 && method < VB_SIM_COUNT ? azMethod[method] : NULL;
}

const char *vb_sim_methods_supported(void) {
  return "cosine, jaccard, dice, overlap, containment, trigram, levenshtein, jaro_winkler, lcs, "
         "token_set, partial";
}

/* ---- the prior ---------------------------------------------------------------- */

/* The first bytes of the table's stems: a stem starting with any other
 * byte is not in the table, found without probing the table's cold
 * memory.  The table's few stems that do not start with a-z (numbers:
 * "10", "1000th") also go in a small hash table of their own,
 * g_priorOther, so a number -- every text of a stream may hold a different
 * one -- is looked up in memory that stays in cache.  Made once. */
static unsigned char g_priorFirst[256];
#define PRIOR_OTHER_SLOTS 1024 /* a power of two */
static unsigned short g_priorOther[PRIOR_OTHER_SLOTS]; /* as vb_word_prior_slot */
static int g_priorOtherOn;                       /* 0: more such stems than fit at load 1/2 */
static pthread_once_t g_priorFirstOnce = PTHREAD_ONCE_INIT;
static int priorIsOther(unsigned char c) {
  return c < 'a' || c > 'z';
}
static void priorFirstInit(void) {
  unsigned i, nOther = 0;
  for (i = 0; i < vb_word_prior_count; i++) {
    const char *z = vb_word_prior_text + vb_word_prior_offset[i];
    g_priorFirst[(unsigned char)z[0]] = 1;
    nOther += priorIsOther((unsigned char)z[0]);
  }
  if (2 * nOther > PRIOR_OTHER_SLOTS) return;
  for (i = 0; i < vb_word_prior_count; i++) {
    const char *z = vb_word_prior_text + vb_word_prior_offset[i];
    if (!priorIsOther((unsigned char)z[0])) continue;
    unsigned h = vb_fnv1a32((const unsigned char *)z, strlen(z)) & (PRIOR_OTHER_SLOTS - 1);
    while (g_priorOther[h]) h = (h + 1) & (PRIOR_OTHER_SLOTS - 1);
    g_priorOther[h] = (unsigned short)(i + 1);
  }
  g_priorOtherOn = 1;
}

/* The prior table's index of a stem, or -1. */
static int32_t priorFind(const char *zStem, size_t nStem) {
  const unsigned short *aSlot = vb_word_prior_slot;
  unsigned mask = vb_word_prior_size - 1;
  if (nStem > 0) {
    pthread_once(&g_priorFirstOnce, priorFirstInit);
    if (!g_priorFirst[(unsigned char)zStem[0]]) return -1;
    if (priorIsOther((unsigned char)zStem[0]) && g_priorOtherOn) {
      aSlot = g_priorOther;
      mask = PRIOR_OTHER_SLOTS - 1;
    }
  }
  unsigned h = vb_fnv1a32((const unsigned char *)zStem, nStem) & mask;
  for (;;) {
    unsigned s = aSlot[h];
    if (s == 0) return -1;
    const char *t = vb_word_prior_text + vb_word_prior_offset[s - 1];
    /* strlen first: memcmp over nStem bytes would read past a shorter
     * stem at the end of the table (found by fuzz_sql under ASan). */
    if (strlen(t) == nStem && memcmp(t, zStem, nStem) == 0) return (int32_t)(s - 1);
    h = (h + 1) & mask;
  }
}

double vb_word_prior(const char *zStem, size_t nStem) {
  int32_t k = priorFind(zStem, nStem);
  return k < 0 ? vb_word_prior_default : vb_word_prior_weight[k];
}

/* A stem index's two bits in a 64-bit filter of related stems (a Bloom
 * filter: the generator's vb_word_prior_rel_mask[i] is the OR of the bits
 * of stem i's related stems, so a pair whose bits are missing from the
 * other's filter is not related, without a search). */
static inline uint64_t relBits(uint32_t k) {
  uint32_t h = k * 0x9E3779B1u;
  return (uint64_t)1 << (h >> 26 & 63) | (uint64_t)1 << (h >> 20 & 63);
}

/* ---- folding -------------------------------------------------------------------- */

/* ASCII folding: white space (tab, line feed, vertical tab, form feed,
 * carriage return, space) collapses to one space between words; letters
 * become lower case.  Eight bytes at a time (SWAR) while a chunk holds no
 * control character and no space that would follow another space. */
#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL
static int foldAscii(const unsigned char *z, size_t n, vb_buf *out) {
  int rc = vb_buf_reserve(out, n + 8);
  if (rc) return rc;
  unsigned char *o = out->z + out->n;
  size_t i = 0, k = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t x, y, zb;
      memcpy(&x, z + i, 8);
      /* any byte below 0x20 (bytes are < 0x80, so no carries across) */
      int ctrl = ((x + 0x60 * ONES8) & HIGH8) != HIGH8;
      y = x ^ (0x20 * ONES8);                           /* spaces become zero bytes */
      zb = ~(((y & ~HIGH8) + ~HIGH8 * 1) | y | ~HIGH8); /* 0x80 at each zero byte */
      int leading = (zb & 0x80) && (k == 0 || o[k - 1] == ' ');
      if (!ctrl && !(zb & (zb << 8)) && !leading) {
        uint64_t ge = (x + (0x80 - 'A') * ONES8) & HIGH8;     /* byte >= 'A' */
        uint64_t gt = (x + (0x80 - 'Z' - 1) * ONES8) & HIGH8; /* byte > 'Z' */
        x |= (ge & ~gt) >> 2;                                 /* +0x20 for A-Z */
        memcpy(o + k, &x, 8);
        k += 8;
        i += 8;
        continue;
      }
    }
    unsigned char b = z[i++];
    if (b == ' ' || (b >= 0x09 && b <= 0x0D)) {
      if (k && o[k - 1] != ' ') o[k++] = ' ';
    } else {
      o[k++] = (b >= 'A' && b <= 'Z') ? (unsigned char)(b + 32) : b;
    }
  }
  if (k && o[k - 1] == ' ') k--;
  out->n += k;
  out->z[out->n] = 0;
  return VB_OK;
}

int vb_sim_fold(const unsigned char *z, size_t n, vb_buf *out) {
  if (vb_sim_is_ascii(z, n)) return foldAscii(z, n, out);
  return vb_normalize(z, n, VB_NORM_FOLD, out);
}

/* ---- the hash table --------------------------------------------------------------- */

typedef struct simEntry {
  uint64_t key;      /* 0 = empty */
  uint32_t ca, cb;   /* content-word occurrences in a, in b (trigrams: presence) */
  uint32_t sa, sb;   /* stopword occurrences in a, in b */
  uint32_t id;       /* insertion order */
  float w;           /* prior weight (cosine) */
  uint32_t off, len; /* the stem's text (cosine): see stemText */
} simEntry;

/* What the cosine's soft matches need of a distinct stem, by its id (in
 * vb_sim.aInfo, written in insertion order, read in the same order). */
typedef struct simStemInfo {
  uint64_t first2;           /* stemKeyOf the stem */
  uint64_t relMask;          /* English: vb_word_prior_rel_mask of rel1 - 1 (0: none) */
  uint32_t rel1;             /* English: 1 + the stem's prior index when it has relations, else 0 */
  uint32_t relStart, relEnd; /* its related stems: vb_word_prior_rel[relStart .. relEnd) */
} simStemInfo;

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/* The table: open addressing over `slot` (cap slots, load at most 1/2),
 * each slot 0 (empty) or the 1-based index of its entry in the dense array
 * `a`, where entries sit in insertion order (a[0] is a sentinel with key 0;
 * keys are never 0).  Probing reads the 4-byte slots and the dense keys,
 * and the loops over the entries (the cosine, the soft matches) read them
 * in order: the words of a pair touch a few hundred contiguous bytes, not
 * one scattered cache line per stem.  pos[i] is entry i's slot, so a reset
 * clears only the slots in use.  Entries past `used` are all zeros. */
typedef struct simMap {
  simEntry *a;     /* cap / 2 + 2 entries */
  uint32_t *slot;  /* cap slots */
  uint32_t *pos;   /* cap / 2 + 2 slot numbers */
  size_t cap, used;
} simMap;

static int mapAlloc(simMap *m, size_t cap) {
  size_t nDense = cap / 2 + 2;
  simEntry *a = vb_malloc(nDense * sizeof(simEntry) + (cap + nDense) * sizeof(uint32_t));
  if (a == NULL) return VB_NOMEM;
  memset(a, 0, nDense * sizeof(simEntry) + cap * sizeof(uint32_t));
  m->a = a;
  m->slot = (uint32_t *)(a + nDense);
  m->pos = m->slot + cap;
  m->cap = cap;
  return VB_OK;
}

/* Empty the table, sized for about `expect` keys; shrinks after a large
 * input.  Reuse clears only the slots and entries in use. */
static int mapReset(simMap *m, size_t expect) {
  size_t cap = 64, k;
  while (cap < 2 * expect) cap <<= 1;
  if (m->a == NULL || m->cap < cap || m->cap > 64 * cap) {
    vb_free(m->a);
    m->a = NULL;
    m->cap = m->used = 0;
    return mapAlloc(m, cap);
  }
  for (k = 1; k <= m->used; k++) m->slot[m->pos[k]] = 0;
  memset(m->a + 1, 0, m->used * sizeof(simEntry));
  m->used = 0;
  return VB_OK;
}

static int mapGrow(simMap *m) {
  simMap g = {0};
  size_t k;
  if (mapAlloc(&g, m->cap * 2)) return VB_NOMEM;
  memcpy(g.a + 1, m->a + 1, m->used * sizeof(simEntry));
  for (k = 1; k <= m->used; k++) {
    size_t h = (size_t)g.a[k].key & (g.cap - 1);
    while (g.slot[h]) h = (h + 1) & (g.cap - 1);
    g.slot[h] = (uint32_t)k;
    g.pos[k] = (uint32_t)h;
  }
  g.used = m->used;
  vb_free(m->a);
  *m = g;
  return VB_OK;
}

/* The entry of key (never 0); *pNew = 1 when it was just inserted (zeroed,
 * with id = the number of keys before it). */
static inline __attribute__((always_inline)) simEntry *mapUpsert(simMap *m, uint64_t key,
                                                                 int *pNew) {
  if (2 * (m->used + 1) > m->cap && mapGrow(m)) return NULL;
  size_t mask = m->cap - 1, h = (size_t)key & mask;
  uint32_t v;
  /* one branch per probe: a collision (rare at load <= 1/2); an empty slot
   * reads the sentinel a[0], whose key 0 never matches */
  while ((v = m->slot[h], (v != 0) & (m->a[v].key != key))) h = (h + 1) & mask;
  int isNew = v == 0;
  /* Insert without a branch on isNew: the entry after the last is all
   * zeros, and for a key already there every store below rewrites the
   * value it has. */
  size_t i = isNew ? m->used + 1 : v;
  simEntry *e = &m->a[i];
  e->key = key;
  e->id = (uint32_t)(i - 1);
  m->slot[h] = (uint32_t)i;
  m->pos[i] = (uint32_t)h;
  m->used += (size_t)isNew;
  *pNew = isNew;
  return e;
}

/* The id-th entry. */
#define MAP_AT(m, k) (&(m)->a[(k) + 1])

/* ---- the context -------------------------------------------------------------------- */

/* A direct-mapped cache of prior weights by stem hash (for stems without a
 * tokenizer user word: words of cached texts). */
#define SIM_PRIOR_CACHE 4096
/* The prior entries of stems that have a tokenizer cache entry: the
 * entry's user word (vb_tok_user_word) holds 1 + the index of the stem's
 * entry in vb_sim.aPriorMemo, so a word seen before finds its weight and
 * relations with one load, without hashing or conflict misses.  An entry
 * is checked by its stem hash (user words outlive a reset of the memo);
 * the memo is emptied when it reaches SIM_PRIOR_MEMO_MAX entries. */
#define SIM_PRIOR_MEMO_MAX 65536 /* entries of 40 bytes: at most 2.6 MB */
typedef struct simPriorSlot {
  uint64_t h; /* 0 = empty */
  float w;
  simStemInfo info; /* the stem's key and relations, copied to vb_sim.aInfo as they are */
} simPriorSlot;

/* A growable array of word ids (bit 31: a stopword). */
typedef struct simSeq {
  uint32_t *a;
  size_t n, cap;
} simSeq;
#define SEQ_STOP 0x80000000u

/* The words of the text of one side being prepared (see collectWords). */
#define SIM_MEMO_MAX 16384 /* longer texts are not cached */
typedef struct simMemoWord {
  uint64_t h;
  uint32_t stop;
  uint32_t off, len; /* the stem in simMemo.stems (when hasStems) */
} simMemoWord;

typedef struct simMemo {
  int hasStems;
  vb_buf stems; /* the words' stems, back to back */
  simMemoWord *a;
  size_t n, cap;
} simMemo;

/* A cached prepared text: one allocation holding the header, nWords
 * simMemoWord, then the stems (nStems bytes), then the text (n bytes). */
typedef struct simCacheEntry {
  uint64_t key;  /* cacheKey of the text */
  size_t n;      /* the text's length in bytes */
  size_t nWords; /* its words */
  size_t nStems; /* bytes of stems */
  size_t nBytes; /* the allocation (a multiple of CACHE_ROUND bytes) */
  int langId, hasStems;
} simCacheEntry;
#define CACHE_WORDS(e) ((simMemoWord *)((e) + 1))
#define CACHE_STEMS(e) ((unsigned char *)(CACHE_WORDS(e) + (e)->nWords))
#define CACHE_TEXT(e) (CACHE_STEMS(e) + (e)->nStems)

#define CACHE_ROUND 256 /* allocations are rounded up, so an evicted one is mostly reused */
/* A slot: its entry, and the key of the last text that mapped to it, so a
 * text is stored only when seen a second time (a stream of distinct texts
 * then costs a hash per text and no copies). */
typedef struct simCacheSlot {
  simCacheEntry *e;
  uint64_t seen;
} simCacheSlot;
#define SIM_CACHE_SLOTS 1024
#define SIM_CACHE_BYTES (4u << 20)

struct vb_sim {
  vb_tokenizer *aTok[VB_LANG_COUNT];
  vb_tokenizer *aPartTok[VB_LANG_COUNT]; /* cosine: the parts of hyphenated words */
  vb_buf part;                           /* a hyphenated word, hyphens made spaces */
  simMemo memo[2];
  const unsigned char *curStems[2]; /* where the map's stems of side a, b are */
  simCacheSlot *aCache;             /* cache slots (allocated on first use) */
  size_t nCacheSlots;               /* a power of two, or 0: no cache */
  size_t nCacheMax, nCacheBytes;    /* byte bound, bytes held */
  size_t cacheHand;                 /* clock hand of the byte bound's eviction */
  uint64_t cacheKeyMask;            /* the key hash's kept bits */
  long cachePin;                    /* slot side a was read from, or -1 */
  simPriorSlot aPrior[SIM_PRIOR_CACHE];
  simPriorSlot *aPriorMemo; /* prior entries reached through tokenizer user words */
  size_t nPriorMemo, nPriorMemoCap, nPriorMemoMax;
  simPriorSlot priorDefault; /* the entry of a stem not in the table */
  vb_buf fa, fb;  /* folded texts */
  simMap map;     /* distinct stems (or trigrams) of both texts */
  simStemInfo *aInfo; /* cosine: by the map's ids */
  size_t nInfo;       /* its capacity */
  vb_buf stems;   /* stem texts of the map's entries (cosine) */
  simSeq seq[2];  /* word id sequences of a and b (lcs, partial) */
  uint32_t *aU32; /* scratch: counts by id (partial) */
  size_t nU32;
  size_t nWords[2], nContent[2]; /* word and content-word counts of a and b */
  struct simTok *aSplit[2];      /* token_set: the texts' distinct tokens */
  size_t nSplitCap[2];
  vb_buf joined[2]; /* token_set: the joined differences */
  int noPrefilter;  /* tests: every soft candidate gets its Jaro-Winkler */
};

vb_sim *vb_sim_new(void) {
  vb_sim *s = vb_malloc(sizeof *s);
  if (s) {
    memset(s, 0, sizeof *s);
    s->nCacheSlots = SIM_CACHE_SLOTS;
    s->nCacheMax = SIM_CACHE_BYTES;
    s->cacheKeyMask = ~(uint64_t)0;
    s->cachePin = -1;
    s->nPriorMemoMax = SIM_PRIOR_MEMO_MAX;
    pthread_once(&g_priorFirstOnce, priorFirstInit);
    s->priorDefault.w = vb_word_prior_default;
  }
  return s;
}

static void cacheEmpty(vb_sim *s) {
  size_t i;
  if (s->aCache) {
    for (i = 0; i < s->nCacheSlots; i++) vb_free(s->aCache[i].e);
    vb_free(s->aCache);
  }
  s->aCache = NULL;
  s->nCacheBytes = 0;
  s->cacheHand = 0;
  s->cachePin = -1;
}

void vb_sim_set_prefilter(vb_sim *s, int on) {
  s->noPrefilter = !on;
}

void vb_sim_set_prior_memo(vb_sim *s, size_t maxEntries) {
  vb_free(s->aPriorMemo);
  s->aPriorMemo = NULL;
  s->nPriorMemo = s->nPriorMemoCap = 0;
  s->nPriorMemoMax = maxEntries;
}

int vb_sim_cache_config(vb_sim *s, size_t slots, size_t maxBytes, int hashBits) {
  if (hashBits < 0 || hashBits > 64) return VB_EARG;
  cacheEmpty(s);
  while (slots & (slots - 1)) slots &= slots - 1; /* round down to a power of two */
  s->nCacheSlots = slots;
  s->nCacheMax = maxBytes;
  s->cacheKeyMask = hashBits == 64 ? ~(uint64_t)0 : ((uint64_t)1 << hashBits) - 1;
  return VB_OK;
}

void vb_sim_free(vb_sim *s) {
  int i;
  if (s == NULL) return;
  for (i = 0; i < VB_LANG_COUNT; i++) vb_tok_free(s->aTok[i]);
  for (i = 0; i < VB_LANG_COUNT; i++) vb_tok_free(s->aPartTok[i]);
  vb_buf_free(&s->part);
  vb_buf_free(&s->fa);
  vb_buf_free(&s->fb);
  vb_buf_free(&s->stems);
  vb_free(s->map.a);
  vb_free(s->aInfo);
  vb_free(s->aPriorMemo);
  vb_free(s->seq[0].a);
  vb_free(s->seq[1].a);
  vb_free(s->aU32);
  for (i = 0; i < 2; i++) {
    vb_buf_free(&s->memo[i].stems);
    vb_free(s->memo[i].a);
  }
  cacheEmpty(s);
  vb_free(s->aSplit[0]);
  vb_free(s->aSplit[1]);
  vb_buf_free(&s->joined[0]);
  vb_buf_free(&s->joined[1]);
  vb_free(s);
}

static int scratchU32(vb_sim *s, size_t n) {
  if (n <= s->nU32 && s->nU32 <= 64 * (n + 1024)) return VB_OK;
  vb_free(s->aU32);
  s->aU32 = vb_malloc((n ? n : 1) * sizeof(uint32_t));
  s->nU32 = s->aU32 ? n : 0;
  return s->aU32 ? VB_OK : VB_NOMEM;
}

static int seqPush(simSeq *q, uint32_t x) {
  if (q->n == q->cap) {
    size_t cap = q->cap ? 2 * q->cap : 256;
    uint32_t *a = vb_realloc(q->a, cap * sizeof(uint32_t));
    if (a == NULL) return VB_NOMEM;
    q->a = a;
    q->cap = cap;
  }
  q->a[q->n++] = x;
  return VB_OK;
}

/* Where a cosine map entry's stem text is: the top bits of simEntry.len
 * name the buffer (0: vb_sim.stems, 1 or 2: curStems of side a or b, the
 * scratch memo or the cache entry that holds the stems of the texts being
 * scored), the rest is the length. */
#define STEM_SRC_SHIFT 30
#define STEM_LEN_MASK ((1u << STEM_SRC_SHIFT) - 1)
static inline const unsigned char *stemText(const vb_sim *s, const simEntry *e, size_t *pLen) {
  uint32_t src = e->len >> STEM_SRC_SHIFT;
  *pLen = e->len & STEM_LEN_MASK;
  const unsigned char *z = src == 0 ? s->stems.z : s->curStems[src - 1];
  return z ? z + e->off : (const unsigned char *)"";
}

/* The first two characters of a stem, packed (a missing one is 0x3FFFFF):
 * the soft matches compare spellings of stems with the same key only. */
static inline uint64_t stemKeyOf(const unsigned char *z, size_t len) {
  if (len >= 2 && z[0] < 0x80 && z[1] < 0x80) return ((uint64_t)z[0] << 32) | z[1];
  int32_t c1 = 0x3FFFFF, c2 = 0x3FFFFF;
  size_t i = 0;
  if (i < len) i = vb_utf8_next(z, len, i, &c1);
  if (i < len) i = vb_utf8_next(z, len, i, &c2);
  return ((uint64_t)(uint32_t)c1 << 32) | (uint32_t)c2;
}

/* The count a word adds to: content or stop word, side a or b. */
static const size_t kCountField[4] = {offsetof(simEntry, ca), offsetof(simEntry, cb),
                                      offsetof(simEntry, sa), offsetof(simEntry, sb)};

/* Copy a stem from the tokenizer (verbatim/tokens.h: 16 bytes can always
 * be read from it) to dst, which has room for n + 16 bytes: a stem of at
 * most 16 bytes (nearly all) by two fixed 8-byte moves, without a branch
 * on its length. */
static inline void copyStem(unsigned char *dst, const char *src, size_t n) {
  if (n <= 16) {
    uint64_t x, y;
    memcpy(&x, src, 8);
    memcpy(&y, src + 8, 8);
    memcpy(dst, &x, 8);
    memcpy(dst + 8, &y, 8);
  } else {
    memcpy(dst, src, n);
  }
}

/* Fill c with the prior entry of stem z[0..n) (hash h). */
static void priorFill(simPriorSlot *c, uint64_t h, const char *z, size_t n) {
  int32_t k = priorFind(z, n);
  c->h = h;
  c->w = k < 0 ? vb_word_prior_default : vb_word_prior_weight[k];
  c->info.first2 = stemKeyOf((const unsigned char *)z, n);
  c->info.relMask = k >= 0 ? vb_word_prior_rel_mask[k] : 0;
  c->info.rel1 = c->info.relMask ? (uint32_t)k + 1 : 0;
  c->info.relStart = c->info.relMask ? vb_word_prior_rel_start[k] : 0;
  c->info.relEnd = c->info.relMask ? vb_word_prior_rel_start[k + 1] : 0;
}

/* A stem's prior entry, or NULL when out of memory: through the user word
 * uw of its tokenizer cache entry when it has one (see
 * SIM_PRIOR_MEMO_MAX), else the direct-mapped cache.  A stem whose first
 * byte starts no stem of the table gets the default entry without
 * touching either.  priorSlot is the inlined hit path, priorSlotMiss the
 * rest. */
static __attribute__((noinline)) const simPriorSlot *priorSlotMiss(vb_sim *s, uint64_t h,
                                                                   const char *z, size_t n,
                                                                   uint32_t *uw) {
  if (uw != NULL) {
    if (s->nPriorMemoMax > 0) {
      if (s->nPriorMemo >= s->nPriorMemoMax) s->nPriorMemo = 0;
      if (s->nPriorMemo == s->nPriorMemoCap) {
        size_t cap = s->nPriorMemoCap ? 2 * s->nPriorMemoCap : 1024;
        if (cap > s->nPriorMemoMax) cap = s->nPriorMemoMax;
        simPriorSlot *a = vb_realloc(s->aPriorMemo, cap * sizeof(simPriorSlot));
        if (a == NULL) return NULL;
        s->aPriorMemo = a;
        s->nPriorMemoCap = cap;
      }
      simPriorSlot *c = &s->aPriorMemo[s->nPriorMemo++];
      priorFill(c, h, z, n);
      *uw = (uint32_t)s->nPriorMemo;
      return c;
    }
  }
  simPriorSlot *c = &s->aPrior[h & (SIM_PRIOR_CACHE - 1)];
  if (c->h != h) priorFill(c, h, z, n);
  return c;
}

static inline __attribute__((always_inline)) const simPriorSlot *priorSlot(vb_sim *s, uint64_t h,
                                                                         const char *z, size_t n,
                                                                         uint32_t *uw) {
  if (n > 0 && !g_priorFirst[(unsigned char)z[0]]) return &s->priorDefault;
  if (uw != NULL) {
    uint32_t u = *uw;
    if (u != 0 && u <= s->nPriorMemo && s->aPriorMemo[u - 1].h == h) return &s->aPriorMemo[u - 1];
  } else {
    const simPriorSlot *c = &s->aPrior[h & (SIM_PRIOR_CACHE - 1)];
    if (c->h == h) return c;
  }
  return priorSlotMiss(s, h, z, n, uw);
}

/* One word of text `side`: count its stem in the map; for the cosine, the
 * prior weight and the stem's text once per distinct stem; for lcs and
 * partial, its id in seq[side]. */
static inline __attribute__((always_inline)) int addWord(vb_sim *s, int side, uint64_t h, int stop,
                                                         const char *zStem, size_t nStem,
                                                         int forCosine, int weighted, int wantSeq,
                                                         long memoOff, uint32_t *uw) {
  int isNew;
  simEntry *e = mapUpsert(&s->map, h, &isNew);
  if (e == NULL) return VB_NOMEM;
  if (isNew && forCosine) {
    if (e->id >= s->nInfo) {
      size_t cap = s->nInfo ? 2 * s->nInfo : 256;
      simStemInfo *a = vb_realloc(s->aInfo, cap * sizeof(simStemInfo));
      if (a == NULL) return VB_NOMEM;
      s->aInfo = a;
      s->nInfo = cap;
    }
    simStemInfo *info = &s->aInfo[e->id];
    const simPriorSlot *c = &s->priorDefault;
    if (weighted) { /* English: the prior's entry, key included */
      c = priorSlot(s, h, zStem, nStem, uw);
      if (c == NULL) return VB_NOMEM;
    }
    e->w = weighted ? c->w : 1.0f;
    *info = c->info;
    if (c == &s->priorDefault) info->first2 = stemKeyOf((const unsigned char *)zStem, nStem);
    if (memoOff >= 0) { /* the stem is already in this side's memo */
      e->off = (uint32_t)memoOff;
      e->len = (uint32_t)nStem | (uint32_t)(side + 1) << STEM_SRC_SHIFT;
      goto counted;
    }
    if (nStem > STEM_LEN_MASK) return VB_ETOOBIG;
    if (s->stems.n + nStem + 2 > UINT32_MAX) return VB_ETOOBIG;
    if (s->stems.cap < s->stems.n + nStem + 17 && vb_buf_reserve(&s->stems, nStem + 17)) {
      return VB_NOMEM;
    }
    e->off = (uint32_t)s->stems.n;
    e->len = (uint32_t)nStem;
    copyStem(s->stems.z + s->stems.n, zStem, nStem);
    s->stems.n += nStem;
    s->stems.z[s->stems.n++] = 0;
  }
counted:
  /* Whether a word is a stopword is data, not a pattern: count without a
   * branch, through the field's offset. */
  *(uint32_t *)((char *)e + kCountField[2 * (stop != 0) + side]) += 1;
  s->nContent[side] += (stop == 0);
  s->nWords[side]++;
  return wantSeq ? seqPush(&s->seq[side], e->id | (stop ? SEQ_STOP : 0)) : VB_OK;
}

/* Remember one word of the current text in memo m; 0 when out of memory
 * (the text is then not remembered).  *pOff gets the stem's offset in
 * m->stems when it was stored there (withStem), else stays -1. */
static inline int memoPush(simMemo *m, uint64_t h, int stop, const char *zStem, size_t nStem,
                           int withStem, long *pOff) {
  if (m->n == m->cap) {
    size_t cap = m->cap ? 2 * m->cap : 64;
    simMemoWord *a = vb_realloc(m->a, cap * sizeof(simMemoWord));
    if (a == NULL) return 0;
    m->a = a;
    m->cap = cap;
  }
  if (withStem && m->stems.cap < m->stems.n + nStem + 17 && vb_buf_reserve(&m->stems, nStem + 16)) {
    return 0;
  }
  simMemoWord *w = &m->a[m->n++];
  w->h = h;
  w->stop = (uint32_t)stop;
  w->off = (uint32_t)m->stems.n;
  w->len = (uint32_t)nStem;
  if (withStem) {
    *pOff = (long)m->stems.n;
    copyStem(m->stems.z + m->stems.n, zStem, nStem);
    m->stems.n += nStem;
  }
  return 1;
}

/* Does the text hold a hyphen that tokens() may join words with (U+002D,
 * U+2010, U+2011)?  One pass over the text, so texts without one skip the
 * check per word. */
static int textHasHyphen(const unsigned char *z, size_t n) {
  const unsigned char *p = z, *end = z + n;
  if (memchr(z, '-', n)) return 1;
  while ((p = memchr(p, 0xE2, (size_t)(end - p))) != NULL) {
    if (end - p >= 3 && p[1] == 0x80 && (p[2] == 0x90 || p[2] == 0x91)) return 1;
    p++;
  }
  return 0;
}

/* Does the stem hold a hyphen?  (tokens() folds all three to '-'.) */
static inline int stemHasHyphen(const char *z, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (z[i] == '-') return 1;
  }
  return 0;
}

/* The cosine counts a hyphenated word ("Putin-Pasechnik", "front-line") as
 * its parts, each stemmed and stopword-checked as if written alone, so it
 * matches the words written apart ("Putin ... Pasechnik", "front line").
 * The word's hyphens become spaces and a second tokenizer splits it. */
static int addParts(vb_sim *s, const vb_lang *lang, int side, const unsigned char *z, size_t n,
                    int weighted, int *pMemo) {
  vb_tokenizer *t = s->aPartTok[lang->id];
  vb_token tok;
  size_t i;
  int rc;
  if (t == NULL) {
    t = s->aPartTok[lang->id] = vb_tok_new(lang, VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
    if (t == NULL) return VB_NOMEM;
  }
  if (s->part.cap > 65536 && s->part.cap > 64 * (n + 64)) vb_buf_free(&s->part);
  vb_buf_reset(&s->part);
  rc = vb_buf_append(&s->part, z, n);
  if (rc) return rc;
  for (i = 0; i < n; i++) {
    if (s->part.z[i] == '-') s->part.z[i] = ' ';
    if (s->part.z[i] == 0xE2 && i + 2 < n && s->part.z[i + 1] == 0x80 &&
        (s->part.z[i + 2] == 0x90 || s->part.z[i + 2] == 0x91)) {
      memset(s->part.z + i, ' ', 3);
    }
  }
  vb_tok_reset(t, s->part.z, n);
  while ((rc = vb_tok_next_quick(t, &tok)) == 1) {
    if (tok.kind != VB_TOK_WORD && tok.kind != VB_TOK_NUMBER) continue;
    uint64_t h = tok.hash ? tok.hash : 1;
    long memoOff = -1; /* the stem's offset in the memo, which the map then shares */
    if (*pMemo) *pMemo = memoPush(&s->memo[side], h, tok.stop, tok.stem, tok.nStem, 1, &memoOff);
    rc = addWord(s, side, h, tok.stop, tok.stem, tok.nStem, 1, weighted, 0, memoOff, t->userWord);
    if (rc) break;
  }
  vb_tok_reset(t, (const unsigned char *)"", 0);
  return rc < 0 ? rc : VB_OK;
}

/* The cache key of a text: a 64-bit hash of its bytes (eight at a time,
 * multiply and rotate, a final avalanche), its length, language and family
 * (cosine keeps stems), masked to the kept bits. */
static uint64_t cacheKey(const vb_sim *s, const unsigned char *z, size_t n, int langId,
                         int hasStems) {
  const uint64_t K = 0x9E3779B97F4A7C15ULL;
  uint64_t h = (uint64_t)n * K ^ ((uint64_t)langId << 48) ^ ((uint64_t)hasStems << 63), w;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    memcpy(&w, z + i, 8);
    h = ((h << 27) | (h >> 37)) ^ w;
    h *= K;
  }
  if (i < n) {
    w = 0;
    memcpy(&w, z + i, n - i);
    h = ((h << 27) | (h >> 37)) ^ w;
    h *= K;
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h & s->cacheKeyMask;
}

/* Free cache slot i (never the pinned one). */
static void cacheDrop(vb_sim *s, size_t i) {
  simCacheEntry *e = s->aCache[i].e;
  if (e == NULL) return;
  s->nCacheBytes -= e->nBytes;
  vb_free(e);
  s->aCache[i].e = NULL;
}

/* Store the text just prepared in memo m in the cache, at the key's slot
 * (replacing its entry, whose allocation is reused when it is the right
 * size), after freeing entries from the clock hand on while the byte bound
 * would be exceeded.  Best effort: out of memory, a text too big for the
 * bound or a pinned slot simply leave the text uncached. */
static void cacheStore(vb_sim *s, const simMemo *m, uint64_t key, const unsigned char *z, size_t n,
                       int langId) {
  size_t slot = (size_t)key & (s->nCacheSlots - 1), k;
  size_t nStems = m->hasStems ? m->stems.n : 0;
  size_t nBytes = sizeof(simCacheEntry) + m->n * sizeof(simMemoWord) + nStems + n;
  nBytes = (nBytes + CACHE_ROUND - 1) / CACHE_ROUND * CACHE_ROUND;
  if (nBytes > s->nCacheMax || (long)slot == s->cachePin) return;
  simCacheEntry *e = s->aCache[slot].e;
  if (e && e->nBytes == nBytes) { /* reuse: the bytes held do not change */
    s->aCache[slot].e = NULL;
  } else {
    cacheDrop(s, slot);
    for (k = 0; k < s->nCacheSlots && s->nCacheBytes + nBytes > s->nCacheMax; k++) {
      s->cacheHand = (s->cacheHand + 1) & (s->nCacheSlots - 1);
      if ((long)s->cacheHand != s->cachePin) cacheDrop(s, s->cacheHand);
    }
    if (s->nCacheBytes + nBytes > s->nCacheMax) return;
    e = vb_malloc(nBytes);
    if (e == NULL) return;
    s->nCacheBytes += nBytes;
  }
  e->key = key;
  e->n = n;
  e->nWords = m->n;
  e->nStems = nStems;
  e->nBytes = nBytes;
  e->langId = langId;
  e->hasStems = m->hasStems;
  if (m->n) memcpy(CACHE_WORDS(e), m->a, m->n * sizeof(simMemoWord));
  if (nStems) memcpy(CACHE_STEMS(e), m->stems.z, nStems);
  if (n) memcpy(CACHE_TEXT(e), z, n);
  s->aCache[slot].e = e;
}

/* Tokenize z as text `side` (0 = a, 1 = b) and add its word and number
 * tokens (addWord).  Memory: one map entry per distinct stem, plus 4 bytes
 * per word for the sequence methods.
 *
 * A text of up to SIM_MEMO_MAX bytes is first looked up in the cache of
 * prepared texts: on a hit its remembered words (stem hash, stop flag,
 * stem) are added without tokenizing, so in a join that scores texts
 * against each other (similarity(t.sentence, s.sentence) over a cross join)
 * each text is tokenized once.  Otherwise its words are remembered in the
 * side's scratch memo while tokenizing and then stored in the cache. */
static int collectWords(vb_sim *s, const vb_lang *lang, const unsigned char *z, size_t n, int side,
                        vb_sim_method method) {
  vb_tokenizer *t = s->aTok[lang->id];
  vb_token tok;
  int rc = VB_OK;
  int forCosine = method == VB_SIM_COSINE;
  int wantSeq = method == VB_SIM_LCS || method == VB_SIM_PARTIAL;
  int weighted = forCosine && lang->id == VB_LANG_EN;
  simSeq *q = &s->seq[side];
  simMemo *m = &s->memo[side];
  size_t i;
  if (q->cap > 65536 && q->cap > 64 * (n / 4 + 64)) { /* shrink after a huge input */
    vb_free(q->a);
    q->a = NULL;
    q->cap = 0;
  }
  q->n = 0;
  s->nWords[side] = s->nContent[side] = 0;
  if (side == 0) s->cachePin = -1;

  int memo = n <= SIM_MEMO_MAX;
  int useCache = memo && s->nCacheSlots > 0;
  uint64_t key = 0;
  if (useCache && s->aCache == NULL) {
    s->aCache = vb_malloc(s->nCacheSlots * sizeof(simCacheSlot));
    if (s->aCache)
      memset(s->aCache, 0, s->nCacheSlots * sizeof(simCacheSlot));
    else
      useCache = 0; /* out of memory: score without the cache */
  }
  if (useCache) {
    key = cacheKey(s, z, n, (int)lang->id, forCosine);
    size_t slot = (size_t)key & (s->nCacheSlots - 1);
    const simCacheEntry *e = s->aCache[slot].e;
    if (e && e->key == key && e->n == n && e->langId == (int)lang->id && e->hasStems == forCosine &&
        (n == 0 || memcmp(CACHE_TEXT(e), z, n) == 0)) {
      const simMemoWord *aw = CACHE_WORDS(e);
      const unsigned char *zStems = CACHE_STEMS(e);
      s->curStems[side] = zStems;
      if (side == 0) s->cachePin = (long)slot;
      for (i = 0; i < e->nWords && rc == VB_OK; i++) {
        const simMemoWord *w = &aw[i];
        rc = addWord(s, side, w->h, w->stop, forCosine ? (const char *)zStems + w->off : "", w->len,
                     forCosine, weighted, wantSeq, forCosine ? (long)w->off : -1, NULL);
      }
      return rc;
    }
    if (s->aCache[slot].seen != key) { /* first sight: remember the key only */
      s->aCache[slot].seen = key;
      useCache = 0;
    }
  }
  /* Remember the words only for a text that will be stored: a stream of
   * distinct texts then skips the memo (the map keeps its own copies of
   * the stems, one per distinct stem). */
  memo = useCache;

  if (m->stems.cap > 65536 && m->stems.cap > 64 * (n + 64)) vb_buf_free(&m->stems);
  m->n = 0;
  m->hasStems = forCosine;
  vb_buf_reset(&m->stems);
  if (t == NULL) {
    t = s->aTok[lang->id] = vb_tok_new(lang, VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
    if (t == NULL) return VB_NOMEM;
  }
  int hyphens = forCosine && textHasHyphen(z, n);
  vb_tok_reset(t, z, n);
  while ((rc = vb_tok_next_quick(t, &tok)) == 1) {
    if (tok.kind != VB_TOK_WORD && tok.kind != VB_TOK_NUMBER) continue;
    if (hyphens && stemHasHyphen(tok.stem, tok.nStem)) {
      rc = addParts(s, lang, side, z + tok.start, tok.end - tok.start, weighted, &memo);
      if (rc) break;
      continue;
    }
    uint64_t h = tok.hash ? tok.hash : 1;
    long memoOff = -1; /* the stem's offset in the memo, which the map then shares */
    if (memo) memo = memoPush(m, h, tok.stop, tok.stem, tok.nStem, forCosine, &memoOff);
    rc = addWord(s, side, h, tok.stop, tok.stem, tok.nStem, forCosine, weighted, wantSeq, memoOff,
                 t->userWord);
    if (rc) break;
  }
  vb_tok_reset(t, (const unsigned char *)"", 0); /* drop the borrowed pointer */
  s->curStems[side] = m->stems.z; /* final: the memo may have grown while tokenizing */
  if (rc < 0) return rc;
  if (memo && useCache) cacheStore(s, m, key, z, n, (int)lang->id);
  return VB_OK;
}

/* LCS length of two id sequences (Hyyrö's bit-parallel LCS). */
static int lcsIds(const int32_t *p, size_t m, const int32_t *t, size_t n, int64_t *pLcs) {
  vb_pm pm;
  int rc = vb_pm_build(&pm, p, m);
  if (rc) return rc;
  size_t nw = pm.nWords;
  uint64_t aStack[VB_PM_STACK_WORDS], *sv = aStack;
  if (nw > VB_PM_STACK_WORDS) sv = vb_malloc(nw * sizeof(uint64_t));
  if (sv == NULL) {
    vb_pm_free(&pm);
    return VB_NOMEM;
  }
  vb_lcs_init(sv, nw);
  for (size_t j = 0; j < n; j++) vb_lcs_step(sv, vb_pm_get(&pm, t[j]), nw);
  *pLcs = vb_lcs_length(sv, nw, m);
  if (sv != aStack) vb_free(sv);
  vb_pm_free(&pm);
  return VB_OK;
}

/* Jaro-Winkler of two stems (short: never over the bound); 0 when the
 * shorter is under SOFT_LEN_NUM / SOFT_LEN_DEN of the longer (see the soft
 * part of the cosine below). */
#define SOFT_LEN_NUM 3
#define SOFT_LEN_DEN 5
static double stemJaroWinkler(const vb_sim *s, const simEntry *x, const simEntry *y) {
  double r = 0;
  size_t nx, ny;
  const unsigned char *zx = stemText(s, x, &nx), *zy = stemText(s, y, &ny);
  size_t lo = nx < ny ? nx : ny, hi = nx < ny ? ny : nx;
  if (SOFT_LEN_NUM * hi > SOFT_LEN_DEN * lo) return 0; /* lengths too far apart */
  if (vb_jaro_winkler(zx, nx, zy, ny, &r)) r = 0;
  return r;
}

/* The soft part of the cosine: a stem of one text that the other lacks
 * may still count against an unmatched stem of the other text, each stem
 * in at most one such pair:
 *   - a spelling variant: the two stems begin with the same two characters,
 *     the shorter is at least 3/5 as long as the longer (SOFT_LEN_*: "cap"
 *     is no variant of "capabl"), and their Jaro-Winkler similarity is at
 *     least SOFT_MIN (inflections the stemmer keeps apart, misspellings:
 *     "shreded" and "shredded"); credit SOFT_CREDIT;
 *   - otherwise, related words (English): the prior table relates them
 *     (WordNet: a shared synset, "restore" and "reconstruct", or a
 *     derivational link); credit REL_CREDIT.
 * Pairs are taken greedily, spelling variants first, by Jaro-Winkler, then
 * the heavier pair (the product of the prior weights), then the pair's
 * stem hashes, so the choice does not depend on the argument order; each
 * taken pair adds 2 x credit x wa x wb to the dot product (it stands for
 * the match from both sides).  One-to-one: a stem of one text related to
 * two of the other ("reconstruction" against "construction and
 * restoration") counts once.  Bounded: only when the unmatched stems
 * number at most SOFT_MAX_PAIRS pairs (long texts skip it); the candidates
 * are sorted, O(p log p) for p pairs; a relation is checked by a 64-bit
 * filter per stem, then a binary search of the generated table.  Tuned on
 * the STS-B train and dev splits. */
#define SOFT_MIN 0.85
#define SOFT_CREDIT 0.5
#define REL_CREDIT 0.3
#define SOFT_MAX_PAIRS 4096

typedef struct simCand {
  uint32_t i, j;   /* unmatched stem i of a, j of b */
  float sim;       /* their Jaro-Winkler similarity (>= SOFT_MIN), or 0: related words */
  double credit;   /* SOFT_CREDIT or REL_CREDIT */
  double weight;   /* wa x wb */
  uint64_t lo, hi; /* the two stem hashes, smaller first */
} simCand;

typedef struct simSide {
  simEntry *e;
  const simStemInfo *info;
  uint64_t key;   /* first two characters */
  double weight;  /* prior weight */
  uint64_t mask;  /* characters present (stemMask), made when first needed */
  size_t len;     /* the stem's length in bytes, 0 until mask is made */
} simSide;

/* The characters of an ASCII stem as a 64-bit set: letters (and the four
 * bytes after 'z') on bits 0-29, every other byte on 32 + (byte & 31), so
 * letters never share a bit with digits.  0 for an empty stem or one with
 * a byte >= 0x80, which the prefilter then lets through. */
static uint64_t stemMask(const unsigned char *z, size_t n) {
  uint64_t mask = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned c = z[i];
    if (c >= 0x80) return 0;
    mask |= (uint64_t)1 << (c >= 'a' ? c - 'a' : 32 + (c & 31));
  }
  return mask;
}

/* Bits set in x (SWAR: the build does not assume a popcnt instruction). */
static inline size_t popcount64(uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

static inline void sideMask(const vb_sim *s, simSide *u) {
  const unsigned char *z = stemText(s, u->e, &u->len);
  u->mask = stemMask(z, u->len);
}

/* A pure prefilter for the spelling variants: 0 only when the
 * Jaro-Winkler similarity of the two stems is certainly below SOFT_MIN.  A
 * character of x whose bit is absent from y's set cannot be matched, so
 * the matches m are at most len - popcount(own bits missing from the
 * other) on either side; Jaro <= (m/|x| + m/|y| + 1) / 3 and the Winkler
 * boost adds at most 0.4 (1 - Jaro), so Jaro-Winkler <= 0.6 Jaro + 0.4
 * (increasing in Jaro).  The margin keeps rounding from ever dropping a
 * qualifying pair.  vb_sim_set_prefilter (sim_private.h) turns it off for
 * the tests. */
static inline int softMayQualify(const vb_sim *s, simSide *x, simSide *y) {
  if (s->noPrefilter) return 1;
  if (x->len == 0) sideMask(s, x);
  if (y->len == 0) sideMask(s, y);
  if (x->mask == 0 || y->mask == 0) return 1;
  size_t mx = x->len - popcount64(x->mask & ~y->mask);
  size_t my = y->len - popcount64(y->mask & ~x->mask);
  double m = (double)(mx < my ? mx : my);
  double jaro = (m / (double)x->len + m / (double)y->len + 1.0) / 3.0;
  return 0.6 * jaro + 0.4 >= SOFT_MIN - 1e-9;
}

/* Candidate order: spelling variants by similarity, related words after,
 * then the heavier pair, then the hashes. */
static int cmpCand(const void *px, const void *py) {
  const simCand *x = px, *y = py;
  if (x->sim != y->sim) return x->sim > y->sim ? -1 : 1;
  if (x->weight != y->weight) return x->weight > y->weight ? -1 : 1;
  if (x->lo != y->lo) return x->lo < y->lo ? -1 : 1;
  if (x->hi != y->hi) return x->hi < y->hi ? -1 : 1;
  return 0;
}

/* Is prior stem y in the ascending run vb_word_prior_rel[lo .. hi)?  A
 * binary search without branches on the data (conditional moves). */
static int relRunHas(unsigned lo, unsigned hi, uint32_t y) {
  const unsigned *base = vb_word_prior_rel + lo;
  size_t n = hi - lo;
  if (n == 0) return 0;
  while (n > 1) {
    size_t half = n / 2;
    base = base[half] <= y ? base + half : base;
    n -= half;
  }
  return *base == y;
}

/* Are the stems of x and y related (WordNet: a shared synset or a
 * derivational link)?  The table is symmetric: search the shorter run. */
static int priorRelated(const simStemInfo *x, const simStemInfo *y) {
  return x->relEnd - x->relStart <= y->relEnd - y->relStart
             ? relRunHas(x->relStart, x->relEnd, y->rel1 - 1)
             : relRunHas(y->relStart, y->relEnd, x->rel1 - 1);
}

/* Append candidate (i, j) to *pCand (capacity *pCap, on the stack while it
 * is aStack, then doubled on the heap). */
static int pushCand(simCand **pCand, size_t *pn, size_t *pCap, const simCand *aStack,
                    const simSide *a, const simSide *b, uint32_t i, uint32_t j, float sim,
                    double credit) {
  if (*pn == *pCap) {
    simCand *c = vb_malloc(2 * *pCap * sizeof(simCand));
    if (c == NULL) return VB_NOMEM;
    memcpy(c, *pCand, *pn * sizeof(simCand));
    if (*pCand != aStack) vb_free(*pCand);
    *pCand = c;
    *pCap *= 2;
  }
  simCand *c = &(*pCand)[(*pn)++];
  uint64_t ka = a->e->key, kb = b->e->key;
  c->i = i;
  c->j = j;
  c->sim = sim;
  c->credit = credit;
  c->weight = a->weight * b->weight;
  c->lo = ka < kb ? ka : kb;
  c->hi = ka < kb ? kb : ka;
  return VB_OK;
}

#define REL_NONE UINT32_MAX
static int softMatches(vb_sim *s, const uint32_t *idOnlyA, size_t nOnlyA, const uint32_t *idOnlyB,
                       size_t nOnlyB, double *pSoft) {
  enum { STACK = 64 };
  simSide aUA[STACK], aUB[STACK], *ua = aUA, *ub = aUB;
  /* b's stems with relations, in order: filter, relBits, index in ub */
  uint64_t aMaskB[STACK], *maskB = aMaskB;
  uint64_t aBitB[STACK], *bitB = aBitB;
  uint32_t aRelB[STACK], *relB = aRelB;
  int32_t aHead[2 * STACK], *head = aHead;  /* b's stems by key: first j of the bucket, or -1 */
  int32_t aNext[STACK], *next = aNext;      /* the next j of the same bucket, or -1 */
  uint8_t aUsed[2 * STACK], *usedA = aUsed, *usedB;
  simCand aCand[4 * STACK], *cand = aCand;
  size_t nua = 0, nub = 0, nCand = 0, capCand = 4 * STACK, i, j;
  void *heap = NULL;
  int rc = VB_OK;
  *pSoft = 0;
  nua = nOnlyA; /* stems only in a, only in b (listed by the caller, by id) */
  nub = nOnlyB;
  if (nua == 0 || nub == 0 || nua * nub > SOFT_MAX_PAIRS) return VB_OK;
  size_t nBucket = 2 * STACK;
  while (nBucket < 2 * nub) nBucket *= 2;
  if (nua > STACK || nub > STACK) {
    size_t nu = nua + nub;
    heap = vb_malloc(nu * sizeof(simSide) + nub * 2 * sizeof(uint64_t) +
                     (nBucket + 2 * nub) * sizeof(int32_t) + nu);
    if (heap == NULL) return VB_NOMEM;
    ua = heap;
    ub = ua + nua;
    maskB = (uint64_t *)(ub + nub);
    bitB = maskB + nub;
    head = (int32_t *)(bitB + nub);
    next = head + nBucket;
    relB = (uint32_t *)(next + nub);
    usedA = (uint8_t *)(relB + nub);
  }
  usedB = usedA + nua;
  uint64_t masksB = 0; /* the OR of b's filters */
  size_t nRelB = 0;    /* b's stems with relations */
  for (i = 0; i < nua + nub; i++) {
    int inB = i >= nua;
    size_t k = inB ? i - nua : i;
    uint32_t id = inB ? idOnlyB[k] : idOnlyA[i];
    simEntry *e = MAP_AT(&s->map, id);
    const simStemInfo *info = &s->aInfo[id];
    simSide *side = inB ? &ub[k] : &ua[i];
    if (inB) { /* listed at nRelB, kept when it has relations (rel1 != 0) */
      maskB[nRelB] = info->relMask;
      bitB[nRelB] = relBits(info->rel1 - 1);
      relB[nRelB] = (uint32_t)k;
      nRelB += info->rel1 != 0;
      masksB |= info->relMask;
    }
    side->e = e;
    side->info = info;
    side->key = info->first2;
    side->weight = (double)e->w;
    side->len = 0;
  }
  /* Spelling variants: same two first characters, Jaro-Winkler >= SOFT_MIN.
   * b's stems are chained by a hash of their key (j ascending in each
   * chain), so each stem of a meets only those of b in its bucket: linear
   * in the stems, not their product. */
  int shift = 64 - __builtin_ctzll((unsigned long long)nBucket);
  for (j = 0; j < nBucket; j++) head[j] = -1;
  for (j = nub; j-- > 0;) {
    size_t k = (size_t)((ub[j].key * 0x9E3779B97F4A7C15ULL) >> shift);
    next[j] = head[k];
    head[k] = (int32_t)j;
  }
  for (i = 0; i < nua && rc == VB_OK; i++) {
    uint64_t keyA = ua[i].key;
    int32_t jj = head[(keyA * 0x9E3779B97F4A7C15ULL) >> shift];
    for (; jj >= 0; jj = next[jj]) {
      j = (size_t)jj;
      if (ub[j].key != keyA || !softMayQualify(s, &ua[i], &ub[j])) continue;
      double r = stemJaroWinkler(s, ua[i].e, ub[j].e);
      if (r < SOFT_MIN) continue;
      rc = pushCand(&cand, &nCand, &capCand, aCand, &ua[i], &ub[j], (uint32_t)i, (uint32_t)j,
                    (float)r, SOFT_CREDIT);
      if (rc) break;
    }
  }
  /* Related words (English; elsewhere every filter is 0).  For each stem
   * of a with relations, the stems of b with relations whose bit is in its filter and
   * whose filter holds its bit are marked in a 64-bit word per block of 64,
   * without branches (a data-dependent branch per pair mispredicts); only
   * those are searched.  A pair already a spelling variant is not added
   * again. */
  size_t nSpelling = nCand;
  for (i = 0; i < nua && rc == VB_OK && masksB; i++) {
    const simStemInfo *ia = ua[i].info;
    uint64_t maskA = ia->relMask;
    if (maskA == 0) continue;
    uint64_t bitsA = relBits(ia->rel1 - 1);
    if ((masksB & bitsA) != bitsA) continue;
    for (size_t j0 = 0; j0 < nRelB && rc == VB_OK; j0 += 64) {
      size_t jn = nRelB - j0 < 64 ? nRelB - j0 : 64;
      uint64_t hits = 0;
      for (j = 0; j < jn; j++) {
        uint64_t bj = bitB[j0 + j];
        uint64_t hit = ((maskA & bj) == bj) & ((maskB[j0 + j] & bitsA) == bitsA);
        hits |= hit << j;
      }
      while (hits) {
        size_t jj = relB[j0 + (size_t)__builtin_ctzll(hits)];
        hits &= hits - 1;
        const simStemInfo *ib = ub[jj].info;
        if (!priorRelated(ia, ib)) continue;
        size_t k;
        for (k = 0; k < nSpelling && !(cand[k].i == i && cand[k].j == jj); k++) {
        }
        if (k < nSpelling) continue;
        rc = pushCand(&cand, &nCand, &capCand, aCand, &ua[i], &ub[jj], (uint32_t)i,
                      (uint32_t)jj, 0.0f, REL_CREDIT);
        if (rc) break;
      }
    }
  }
  if (rc == VB_OK && nCand) {
    size_t k;
    double soft = 0;
    if (nCand <= 16) { /* insertion sort: usually a handful */
      for (k = 1; k < nCand; k++) {
        simCand x = cand[k];
        size_t m = k;
        for (; m > 0 && cmpCand(&x, &cand[m - 1]) < 0; m--) cand[m] = cand[m - 1];
        cand[m] = x;
      }
    } else {
      qsort(cand, nCand, sizeof(simCand), cmpCand);
    }
    memset(usedA, 0, nua + nub);
    for (k = 0; k < nCand; k++) {
      const simCand *c = &cand[k];
      if (usedA[c->i] || usedB[c->j]) continue;
      usedA[c->i] = usedB[c->j] = 1;
      soft += 2.0 * c->credit * c->weight;
    }
    *pSoft = soft;
  }
  if (cand != aCand) vb_free(cand);
  vb_free(heap);
  return rc;
}

/* Keep the counted words of a sequence (content words unless useAll), as
 * int32 ids, in place. */
static size_t seqSelect(simSeq *q, int useAll) {
  size_t i, o = 0;
  for (i = 0; i < q->n; i++) {
    uint32_t x = q->a[i];
    if (useAll || !(x & SEQ_STOP)) q->a[o++] = x & ~SEQ_STOP;
  }
  return o;
}

static int wordScore(vb_sim *s, vb_sim_method method, const vb_lang *lang, const unsigned char *a,
                     size_t na, const unsigned char *b, size_t nb, double *pScore) {
  size_t i;
  int rc = mapReset(&s->map, 256);
  if (rc) return rc;
  if (s->stems.cap > 65536 && s->stems.cap > 64 * (na + nb + 64)) vb_buf_free(&s->stems);
  if (s->nInfo > 65536 && s->nInfo > 4 * (na + nb + 64)) { /* shrink after a huge input */
    vb_free(s->aInfo);
    s->aInfo = NULL;
    s->nInfo = 0;
  }
  vb_buf_reset(&s->stems);
  rc = collectWords(s, lang, a, na, 0, method);
  if (rc == VB_OK) rc = collectWords(s, lang, b, nb, 1, method);
  if (rc) return rc;
  if (s->nWords[0] == 0 || s->nWords[1] == 0) {
    if (s->nWords[0] || s->nWords[1]) return VB_OK; /* *pScore is 0 */
    /* no words on either side: equal after folding? */
    vb_buf_reset(&s->fa);
    vb_buf_reset(&s->fb);
    rc = vb_sim_fold(a, na, &s->fa);
    if (rc == VB_OK) rc = vb_sim_fold(b, nb, &s->fb);
    if (rc) return rc;
    *pScore = s->fa.n == s->fb.n && (s->fa.n == 0 || memcmp(s->fa.z, s->fb.z, s->fa.n) == 0);
    return VB_OK;
  }
  int useAll = s->nContent[0] == 0 || s->nContent[1] == 0;

  if (method == VB_SIM_LCS || method == VB_SIM_PARTIAL) {
    size_t nA = seqSelect(&s->seq[0], useAll), nB = seqSelect(&s->seq[1], useAll);
    const int32_t *idA = (const int32_t *)s->seq[0].a, *idB = (const int32_t *)s->seq[1].a;
    const int32_t *S = idA, *L = idB;
    size_t k = nA, n = nB;
    int shortIsA = 1;
    if (k > n) S = idB, k = nB, L = idA, n = nA, shortIsA = 0;
    if (method == VB_SIM_LCS) {
      if ((uint64_t)((k + 63) / 64) * (uint64_t)n > VB_SIM_MAX_STEPS) return VB_ELIMIT;
      int64_t lcs = 0;
      rc = lcsIds(S, k, L, n, &lcs);
      if (rc == VB_OK) *pScore = (double)lcs / (double)n;
      return rc;
    }
    /* partial: need[id] = count in the shorter, win[id] = count in the window */
    size_t nIds = s->map.used, j, matched = 0, best = 0;
    rc = scratchU32(s, 2 * nIds);
    if (rc) return rc;
    uint32_t *win = s->aU32, *need = win + nIds;
    memset(win, 0, nIds * sizeof(uint32_t));
    for (i = 0; i < nIds; i++) {
      const simEntry *e = MAP_AT(&s->map, i);
      need[e->id] = shortIsA ? e->ca + (useAll ? e->sa : 0) : e->cb + (useAll ? e->sb : 0);
    }
    for (j = 0; j < n; j++) {
      int32_t x = L[j];
      if (win[x] < need[x]) matched++;
      win[x]++;
      if (j >= k) {
        int32_t y = L[j - k];
        win[y]--;
        if (win[y] < need[y]) matched--;
      }
      if (matched > best) best = matched;
    }
    *pScore = (double)best / (double)k;
    return VB_OK;
  }

  size_t setA = 0, setB = 0, both = 0;
  double dot = 0, qa = 0, qb = 0;
  /* The cosine lists the ids of the stems only in a, only in b, for its
   * soft matches: written without a branch, at the end of each list. */
  uint32_t *idOnlyA = NULL, *idOnlyB = NULL;
  if (method == VB_SIM_COSINE) {
    rc = scratchU32(s, 2 * s->map.used + 2);
    if (rc) return rc;
    idOnlyA = s->aU32;
    idOnlyB = s->aU32 + s->map.used + 1;
  }
  for (i = 0; i < s->map.used; i++) {
    const simEntry *e = MAP_AT(&s->map, i);
    /* presence in a, in b, as integers: no branch on the data */
    unsigned ina = (e->ca + (useAll ? e->sa : 0)) != 0, inb = (e->cb + (useAll ? e->sb : 0)) != 0;
    if (method == VB_SIM_COSINE) { /* presence: a repeated stem counts once */
      double w2 = (double)e->w * (double)e->w;
      double pa = (double)ina, pb = (double)inb;
      dot += pa * pb * w2;
      qa += pa * w2;
      qb += pb * w2;
      idOnlyA[setA - both] = (uint32_t)i;
      idOnlyB[setB - both] = (uint32_t)i;
    }
    setA += ina;
    setB += inb;
    both += ina & inb;
  }
  double r = 0;
  switch (method) {
    case VB_SIM_COSINE: {
      double soft = 0;
      rc = softMatches(s, idOnlyA, setA - both, idOnlyB, setB - both, &soft);
      if (rc) return rc;
      r = (dot + soft) / sqrt(qa * qb);
      break;
    }
    case VB_SIM_JACCARD: r = (double)both / (double)(setA + setB - both); break;
    case VB_SIM_DICE: r = 2.0 * (double)both / (double)(setA + setB); break;
    case VB_SIM_OVERLAP: r = (double)both / (double)(setA < setB ? setA : setB); break;
    case VB_SIM_CONTAINMENT: r = (double)both / (double)setA; break;
    default: return VB_EARG;
  }
  if (r > 1.0) r = 1.0; /* rounding in the cosine */
  if (r < 0.0) r = 0.0;
  *pScore = r;
  return VB_OK;
}

/* ---- character methods ------------------------------------------------------------------ */

static int isTrigramChar(int32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return 1;
    default: return 0;
  }
}

/* Add the trigrams of folded text z to the map, counting side `side`. */
static int addTrigrams(simMap *m, const unsigned char *z, size_t n, int side) {
  size_t i = 0;
  uint64_t c1 = ' ', c2 = ' ';
  int inWord = 0;
  for (;;) {
    int32_t c = ' ';
    int atEnd = i >= n;
    if (!atEnd) i = vb_utf8_next(z, n, i, &c);
    int wc = !atEnd && isTrigramChar(c);
    if (wc || inWord) {
      uint64_t c3 = wc ? (uint64_t)c : ' ';
      /* pack three code points (21 bits each) + 1, so the key is never 0 */
      uint64_t key = mix64(((c1 << 42) | (c2 << 21) | c3) + 1);
      int isNew;
      simEntry *e = mapUpsert(m, key ? key : 1, &isNew);
      if (e == NULL) return VB_NOMEM;
      if (side == 0)
        e->ca = 1;
      else
        e->cb = 1;
      if (wc) {
        c1 = c2, c2 = c3, inWord = 1;
      } else {
        c1 = ' ', c2 = ' ', inWord = 0; /* the trigram "x  " is not made: one space after */
      }
    }
    if (atEnd) break;
  }
  return VB_OK;
}

static int trigramScore(vb_sim *s, double *pScore) {
  int rc = mapReset(&s->map, 256); /* grows: memory follows the distinct trigrams */
  if (rc == VB_OK) rc = addTrigrams(&s->map, s->fa.z, s->fa.n, 0);
  if (rc == VB_OK) rc = addTrigrams(&s->map, s->fb.z, s->fb.n, 1);
  if (rc) return rc;
  size_t i, na = 0, nb = 0, both = 0;
  for (i = 0; i < s->map.used; i++) {
    const simEntry *e = MAP_AT(&s->map, i);
    na += e->ca, nb += e->cb, both += e->ca && e->cb;
  }
  if (na + nb == 0) { /* no words: equal folded texts (both without letters) */
    *pScore = s->fa.n == s->fb.n && (s->fa.n == 0 || memcmp(s->fa.z, s->fb.z, s->fa.n) == 0);
    return VB_OK;
  }
  *pScore = (double)both / (double)(na + nb - both);
  return VB_OK;
}

/* token_set: tokens are white-space separated in the folded text. */
typedef struct simTok {
  const unsigned char *z;
  size_t n;
} simTok;

static int cmpTok(const void *x, const void *y) {
  const simTok *a = x, *b = y;
  size_t n = a->n < b->n ? a->n : b->n;
  int c = memcmp(a->z, b->z, n);
  if (c) return c;
  return (a->n > b->n) - (a->n < b->n);
}

/* Split, sort and deduplicate; returns the count (array from vb_malloc). */
/* Split, sort and deduplicate into *pa (capacity *pCap, reused and grown;
 * shrunk after an unusually large input).  Sorting is O(n log n). */
static int splitTokens(const vb_buf *f, simTok **pa, size_t *pCap, size_t *pn) {
  size_t i = 0, n = 0, cap = 1;
  for (i = 0; i < f->n; i++) cap += f->z[i] == ' ';
  if (*pCap < cap || *pCap > 64 * (cap + 1024)) {
    vb_free(*pa);
    *pa = vb_malloc(cap * sizeof(simTok));
    *pCap = *pa ? cap : 0;
    if (*pa == NULL) return VB_NOMEM;
  }
  simTok *a = *pa;
  i = 0;
  while (i < f->n) {
    size_t j = i;
    while (j < f->n && f->z[j] != ' ') j++;
    if (j > i) {
      a[n].z = f->z + i;
      a[n].n = j - i;
      n++;
    }
    i = j + 1;
  }
  qsort(a, n, sizeof(simTok), cmpTok);
  size_t o = 0;
  for (i = 0; i < n; i++) {
    if (o == 0 || cmpTok(&a[o - 1], &a[i]) != 0) a[o++] = a[i];
  }
  *pn = o;
  return VB_OK;
}

static int joinTok(vb_buf *b, const simTok *t) {
  int rc = VB_OK;
  if (b->n) rc = vb_buf_append(b, " ", 1);
  if (rc == VB_OK) rc = vb_buf_append(b, t->z, t->n);
  return rc;
}

static double normIndel(double dist, double lensum) {
  return lensum > 0 ? 1.0 - dist / lensum : 1.0;
}

static int tokenSetScore(vb_sim *s, double *pScore) {
  size_t na = 0, nb = 0, i = 0, j = 0;
  vb_buf *ab = &s->joined[0], *ba = &s->joined[1];
  for (int k = 0; k < 2; k++) { /* shrink after an unusually large input */
    if (s->joined[k].cap > 65536 && s->joined[k].cap > 64 * (s->fa.n + s->fb.n + 64)) {
      vb_buf_free(&s->joined[k]);
    }
  }
  vb_buf_reset(ab);
  vb_buf_reset(ba);
  int rc = splitTokens(&s->fa, &s->aSplit[0], &s->nSplitCap[0], &na);
  if (rc == VB_OK) rc = splitTokens(&s->fb, &s->aSplit[1], &s->nSplitCap[1], &nb);
  if (rc) return rc;
  const simTok *ta = s->aSplit[0], *tb = s->aSplit[1];
  if (na == 0 || nb == 0) {
    *pScore = na == nb; /* both empty: 1 (rapidfuzz says 0) */
    return VB_OK;
  }
  size_t nSect = 0, sectLen = 0;
  while (rc == VB_OK && (i < na || j < nb)) {
    int c = i >= na ? 1 : j >= nb ? -1 : cmpTok(&ta[i], &tb[j]);
    if (c == 0) {
      sectLen += (nSect ? 1 : 0) + vb_sim_count(ta[i].z, ta[i].n);
      nSect++, i++, j++;
    } else if (c < 0) {
      rc = joinTok(ab, &ta[i++]);
    } else {
      rc = joinTok(ba, &tb[j++]);
    }
  }
  if (rc) return rc;
  if (nSect && (ab->n == 0 || ba->n == 0)) {
    *pScore = 1.0;
    return VB_OK;
  }
  double abLen = (double)vb_sim_count(ab->z, ab->n), baLen = (double)vb_sim_count(ba->z, ba->n);
  double sect = (double)sectLen, one = nSect ? 1.0 : 0.0;
  double sectAbLen = sect + one + abLen, sectBaLen = sect + one + baLen;
  int64_t dist = 0;
  rc = vb_indel_distance(ab->z ? ab->z : (const unsigned char *)"", ab->n,
                         ba->z ? ba->z : (const unsigned char *)"", ba->n, &dist);
  if (rc) return rc;
  double r = normIndel((double)dist, sectAbLen + sectBaLen);
  if (nSect) {
    double r1 = normIndel(one + abLen, sect + sectAbLen);
    double r2 = normIndel(one + baLen, sect + sectBaLen);
    if (r1 > r) r = r1;
    if (r2 > r) r = r2;
  }
  *pScore = r;
  return VB_OK;
}

static int charScore(vb_sim *s, vb_sim_method method, const unsigned char *a, size_t na,
                     const unsigned char *b, size_t nb, double *pScore) {
  vb_buf_reset(&s->fa);
  vb_buf_reset(&s->fb);
  if (s->fa.cap > 65536 && s->fa.cap > 16 * (na + 64)) vb_buf_free(&s->fa);
  if (s->fb.cap > 65536 && s->fb.cap > 16 * (nb + 64)) vb_buf_free(&s->fb);
  int rc = vb_sim_fold(a, na, &s->fa);
  if (rc == VB_OK) rc = vb_sim_fold(b, nb, &s->fb);
  if (rc) return rc;
  const unsigned char *fa = s->fa.z ? s->fa.z : (const unsigned char *)"";
  const unsigned char *fb = s->fb.z ? s->fb.z : (const unsigned char *)"";
  switch (method) {
    case VB_SIM_LEVENSHTEIN: {
      size_t la = vb_sim_count(fa, s->fa.n), lb = vb_sim_count(fb, s->fb.n);
      size_t longer = la > lb ? la : lb;
      if (longer == 0) {
        *pScore = 1.0;
        return VB_OK;
      }
      int64_t d = 0;
      rc = vb_edit_distance(fa, s->fa.n, fb, s->fb.n, &d);
      if (rc == VB_OK) *pScore = 1.0 - (double)d / (double)longer;
      return rc;
    }
    case VB_SIM_JARO_WINKLER: return vb_jaro_winkler(fa, s->fa.n, fb, s->fb.n, pScore);
    case VB_SIM_TRIGRAM: return trigramScore(s, pScore);
    case VB_SIM_TOKEN_SET: return tokenSetScore(s, pScore);
    default: return VB_EARG;
  }
}

int vb_sim_score(vb_sim *s, vb_sim_method method, const vb_lang *lang, const unsigned char *a,
                 size_t na, const unsigned char *b, size_t nb, double *pScore) {
  *pScore = 0.0;
  if (lang == NULL) lang = vb_lang_get(VB_LANG_EN);
  if (a == NULL) a = (const unsigned char *)"", na = 0;
  if (b == NULL) b = (const unsigned char *)"", nb = 0;
  switch (method) {
    case VB_SIM_COSINE:
    case VB_SIM_JACCARD:
    case VB_SIM_DICE:
    case VB_SIM_OVERLAP:
    case VB_SIM_CONTAINMENT:
    case VB_SIM_LCS:
    case VB_SIM_PARTIAL: return wordScore(s, method, lang, a, na, b, nb, pScore);
    case VB_SIM_TRIGRAM:
    case VB_SIM_LEVENSHTEIN:
    case VB_SIM_JARO_WINKLER:
    case VB_SIM_TOKEN_SET: return charScore(s, method, a, na, b, nb, pScore);
    default: return VB_EARG;
  }
}
