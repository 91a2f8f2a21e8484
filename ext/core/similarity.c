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
 *   cosine       sum_s ta(s) tb(s) w(s)^2 / (|ta w| |tb w|), ta, tb the term
 *                counts of stem s and w(s) its weight from the built-in prior
 *                (word_prior_data.c, English; other languages weigh 1).
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
 * fold buffers, the token arrays and the hash table, all reused, so scoring
 * allocates nothing once the buffers have grown to the input size.
 * Memory is linear in the input (folded copies, one entry per token) and the
 * table is shrunk again after an unusually large input.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "sim_pm.h"
#include "verbatim/similarity.h"
#include "verbatim/tokens.h"
#include "word_prior.h"

/* ---- methods ---------------------------------------------------------------- */

static const char *const azMethod[VB_SIM_COUNT] = {
    "cosine", "jaccard",      "dice", "overlap",   "containment", "trigram",
    "levenshtein", "jaro_winkler", "lcs", "token_set", "partial"};

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

double vb_word_prior(const char *zStem, size_t nStem) {
  unsigned mask = vb_word_prior_size - 1;
  unsigned h = vb_fnv1a32((const unsigned char *)zStem, nStem) & mask;
  for (;;) {
    unsigned s = vb_word_prior_slot[h];
    if (s == 0) return vb_word_prior_default;
    const char *t = vb_word_prior_text + vb_word_prior_offset[s - 1];
    if (memcmp(t, zStem, nStem) == 0 && t[nStem] == 0) return vb_word_prior_weight[s - 1];
    h = (h + 1) & mask;
  }
}

/* ---- folding -------------------------------------------------------------------- */

static int isSpaceCp(int32_t c) {
  if (c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85) return 1;
  if (c < 0x80) return 0;
  utf8proc_category_t k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

static int foldAscii(const unsigned char *z, size_t n, vb_buf *out) {
  int rc = vb_buf_reserve(out, n + 1);
  if (rc) return rc;
  unsigned char *o = out->z + out->n;
  size_t i, k = 0;
  int space = 0;
  for (i = 0; i < n; i++) {
    unsigned char c = z[i];
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
      space = 1;
      continue;
    }
    if (space && k) o[k++] = ' ';
    space = 0;
    o[k++] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
  }
  out->n += k;
  out->z[out->n] = 0;
  return VB_OK;
}

int vb_sim_fold(const unsigned char *z, size_t n, vb_buf *out) {
  size_t i = 0;
  while (i < n && z[i] < 0x80) i++;
  if (i == n) return foldAscii(z, n, out);

  /* A valid UTF-8 copy (invalid units -> U+FFFD), then utf8proc's NFKC +
   * case fold + lump into our own code point buffer, then white space. */
  vb_buf valid = {0};
  int32_t *cps = NULL;
  int rc = vb_buf_reserve(&valid, n + 8);
  for (i = 0; rc == VB_OK && i < n;) {
    int32_t c;
    i = vb_utf8_next(z, n, i, &c);
    rc = vb_buf_append_cp(&valid, c);
  }
  const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                UTF8PROC_CASEFOLD | UTF8PROC_LUMP;
  utf8proc_ssize_t cap = (utf8proc_ssize_t)valid.n + 16, len = 0;
  while (rc == VB_OK) {
    vb_free(cps);
    cps = vb_malloc((size_t)cap * sizeof(int32_t));
    if (cps == NULL) {
      rc = VB_NOMEM;
      break;
    }
    len = utf8proc_decompose_custom(valid.z, (utf8proc_ssize_t)valid.n, cps, cap, opt, NULL,
                                    NULL);
    if (len < 0) {
      rc = VB_EARG; /* cannot happen on valid UTF-8 */
      break;
    }
    if (len <= cap) break;
    cap = len;
  }
  if (rc == VB_OK) {
    len = utf8proc_normalize_utf32(cps, len, opt);
    if (len < 0) rc = VB_EARG;
  }
  if (rc == VB_OK) rc = vb_buf_reserve(out, (size_t)len * 4 + 1);
  if (rc == VB_OK) {
    size_t start = out->n;
    int space = 0;
    utf8proc_ssize_t k;
    for (k = 0; k < len && rc == VB_OK; k++) {
      int32_t c = cps[k];
      if (isSpaceCp(c)) {
        space = 1;
        continue;
      }
      if (space && out->n > start) rc = vb_buf_append(out, " ", 1);
      space = 0;
      if (rc == VB_OK) rc = vb_buf_append_cp(out, c);
    }
    if (out->z) out->z[out->n] = 0;
  }
  vb_free(cps);
  vb_buf_free(&valid);
  return rc;
}

/* ---- the hash table --------------------------------------------------------------- */

typedef struct simEntry {
  uint64_t key; /* 0 = empty */
  uint32_t ca, cb;
  uint32_t id;
  float w;
  uint32_t firstA, firstB; /* index of the first occurrence in a, in b */
} simEntry;

typedef struct simMap {
  simEntry *a;
  size_t cap, used;
  size_t alloc; /* entries allocated (>= cap): reused, but the table always
                 * uses exactly cap slots, so the layout -- and the order
                 * the scores sum in -- depends only on the input */
} simMap;

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/* Empty the table, sized for about `expect` keys; shrinks after a large input. */
static int mapReset(simMap *m, size_t expect) {
  size_t cap = 64;
  while (cap < 2 * expect) cap <<= 1;
  if (m->a == NULL || m->alloc < cap || m->alloc > 16 * cap) {
    vb_free(m->a);
    m->a = vb_malloc(cap * sizeof(simEntry));
    m->alloc = m->a ? cap : 0;
    m->cap = 0;
    if (m->a == NULL) return VB_NOMEM;
  }
  m->cap = cap;
  memset(m->a, 0, m->cap * sizeof(simEntry));
  m->used = 0;
  return VB_OK;
}

static int mapGrow(simMap *m) {
  size_t cap = m->cap * 2, i;
  simEntry *a = vb_malloc(cap * sizeof(simEntry));
  if (a == NULL) return VB_NOMEM;
  memset(a, 0, cap * sizeof(simEntry));
  for (i = 0; i < m->cap; i++) {
    if (!m->a[i].key) continue;
    size_t h = (size_t)m->a[i].key & (cap - 1);
    while (a[h].key) h = (h + 1) & (cap - 1);
    a[h] = m->a[i];
  }
  vb_free(m->a);
  m->a = a;
  m->cap = m->alloc = cap;
  return VB_OK;
}

/* The entry of key (inserted zeroed with id = number of keys so far). */
static simEntry *mapUpsert(simMap *m, uint64_t key) {
  if (2 * (m->used + 1) > m->cap && mapGrow(m)) return NULL;
  size_t h = (size_t)key & (m->cap - 1);
  while (m->a[h].key && m->a[h].key != key) h = (h + 1) & (m->cap - 1);
  if (!m->a[h].key) {
    m->a[h].key = key;
    m->a[h].id = (uint32_t)m->used++;
  }
  return &m->a[h];
}

/* ---- the context -------------------------------------------------------------------- */

typedef struct simWord {
  uint64_t h;     /* hash of the stem */
  float w;        /* prior weight */
  uint32_t stop;  /* 1 for a stopword */
  size_t off;     /* the stem at text.z + off */
  uint32_t len;
} simWord;

typedef struct simWords {
  simWord *a;
  size_t n, cap;
  vb_buf text; /* the stems, each NUL-terminated */
} simWords;

struct vb_sim {
  vb_tokenizer *aTok[VB_LANG_COUNT];
  vb_buf fa, fb;      /* folded texts */
  simWords wa, wb;    /* word tokens */
  simMap map;
  uint32_t *aU32;     /* scratch: id sequences, window counts */
  size_t nU32;
};

vb_sim *vb_sim_new(void) {
  vb_sim *s = vb_malloc(sizeof *s);
  if (s) memset(s, 0, sizeof *s);
  return s;
}

void vb_sim_free(vb_sim *s) {
  int i;
  if (s == NULL) return;
  for (i = 0; i < VB_LANG_COUNT; i++) vb_tok_free(s->aTok[i]);
  vb_buf_free(&s->fa);
  vb_buf_free(&s->fb);
  vb_free(s->wa.a);
  vb_free(s->wb.a);
  vb_buf_free(&s->wa.text);
  vb_buf_free(&s->wb.text);
  vb_free(s->map.a);
  vb_free(s->aU32);
  vb_free(s);
}

static int scratchU32(vb_sim *s, size_t n) {
  if (n <= s->nU32 && s->nU32 <= 16 * (n + 1024)) return VB_OK;
  vb_free(s->aU32);
  s->aU32 = vb_malloc((n ? n : 1) * sizeof(uint32_t));
  s->nU32 = s->aU32 ? n : 0;
  return s->aU32 ? VB_OK : VB_NOMEM;
}

static int wordsPush(simWords *w, uint64_t h, float weight, int stop, const char *zStem,
                     size_t nStem) {
  if (w->n == w->cap) {
    size_t cap = w->cap ? 2 * w->cap : 64;
    simWord *a = vb_realloc(w->a, cap * sizeof(simWord));
    if (a == NULL) return VB_NOMEM;
    w->a = a;
    w->cap = cap;
  }
  w->a[w->n].h = h;
  w->a[w->n].w = weight;
  w->a[w->n].stop = (uint32_t)stop;
  w->a[w->n].off = w->text.n;
  w->a[w->n].len = (uint32_t)nStem;
  w->n++;
  int rc = vb_buf_append(&w->text, zStem, nStem);
  if (rc == VB_OK) rc = vb_buf_append(&w->text, "", 1);
  return rc;
}

/* Tokenize z into w (stem hash, weight, stop flag per word or number). */
static int collectWords(vb_sim *s, const vb_lang *lang, const unsigned char *z, size_t n,
                        simWords *w) {
  vb_tokenizer *t = s->aTok[lang->id];
  vb_token tok;
  int rc;
  if (w->cap > 65536 && w->cap > 16 * (n / 4 + 64)) { /* shrink after a huge input */
    vb_free(w->a);
    w->a = NULL;
    w->cap = 0;
  }
  if (w->text.cap > 65536 && w->text.cap > 16 * (n + 64)) vb_buf_free(&w->text);
  w->n = 0;
  vb_buf_reset(&w->text);
  if (t == NULL) {
    t = s->aTok[lang->id] = vb_tok_new(lang, VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY);
    if (t == NULL) return VB_NOMEM;
  }
  int weighted = lang->id == VB_LANG_EN;
  vb_tok_reset(t, z, n);
  while ((rc = vb_tok_next(t, &tok)) == 1) {
    if (tok.kind != VB_TOK_WORD && tok.kind != VB_TOK_NUMBER) continue;
    float weight = weighted ? (float)vb_word_prior(tok.stem, tok.nStem) : 1.0f;
    rc = wordsPush(w, tok.hash ? tok.hash : 1, weight, tok.stop, tok.stem, tok.nStem);
    if (rc) return rc;
  }
  vb_tok_reset(t, (const unsigned char *)"", 0); /* drop the borrowed pointer */
  return rc < 0 ? rc : VB_OK;
}

/* Keep only content words when both texts have some. */
static void selectContent(simWords *a, simWords *b) {
  size_t i, ca = 0, cb = 0;
  for (i = 0; i < a->n; i++) ca += !a->a[i].stop;
  for (i = 0; i < b->n; i++) cb += !b->a[i].stop;
  if (ca == 0 || cb == 0) return;
  simWords *aw[2] = {a, b};
  for (int k = 0; k < 2; k++) {
    size_t o = 0;
    for (i = 0; i < aw[k]->n; i++) {
      if (!aw[k]->a[i].stop) aw[k]->a[o++] = aw[k]->a[i];
    }
    aw[k]->n = o;
  }
}

/* LCS length of two id sequences (Hyyrö's bit-parallel LCS). */
static int lcsIds(const int32_t *p, size_t m, const int32_t *t, size_t n, int64_t *pLcs) {
  vb_pm pm;
  size_t w, j;
  int rc = vb_pm_build(&pm, p, m);
  if (rc) return rc;
  size_t nw = pm.nWords;
  uint64_t aStack[VB_PM_STACK_WORDS], *sv = aStack;
  if (nw > VB_PM_STACK_WORDS) sv = vb_malloc(nw * sizeof(uint64_t));
  if (sv == NULL) {
    vb_pm_free(&pm);
    return VB_NOMEM;
  }
  for (w = 0; w < nw; w++) sv[w] = ~(uint64_t)0;
  for (j = 0; j < n; j++) {
    const uint64_t *row = vb_pm_get(&pm, t[j]);
    uint64_t carry = 0;
    for (w = 0; w < nw; w++) {
      uint64_t x = sv[w], u = x & row[w];
      uint64_t sum = x + u;
      uint64_t c1 = sum < x;
      sum += carry;
      uint64_t c2 = sum < carry;
      carry = c1 | c2;
      sv[w] = sum | (x - u);
    }
  }
  int64_t lcs = 0;
  for (w = 0; w < nw; w++) {
    uint64_t x = ~sv[w];
    if (w + 1 == nw && m % 64) x &= ((uint64_t)1 << (m % 64)) - 1;
    lcs += __builtin_popcountll(x);
  }
  *pLcs = lcs;
  if (sv != aStack) vb_free(sv);
  vb_pm_free(&pm);
  return VB_OK;
}

/* Jaro-Winkler of two stems: bytes are units for ASCII stems; others go
 * through vb_jaro_winkler. */
static double stemJaroWinkler(const simWords *A, const simWord *x, const simWords *B,
                              const simWord *y) {
  const unsigned char *a = A->text.z + x->off, *b = B->text.z + y->off;
  double r = 0;
  if (vb_jaro_winkler(a, x->len, b, y->len, &r)) r = 0; /* short stems: never over the bound */
  return r;
}

/* The soft part of the cosine: a stem of one text that the other lacks
 * still counts SOFT_CREDIT of a match with the other text's most similar
 * unmatched stem, when their Jaro-Winkler similarity is at least SOFT_MIN
 * (inflections the stemmer keeps apart, misspellings: "shreded" and
 * "shredded").  Done from both sides, so it is symmetric; ties go to the
 * heavier, then the smaller hash.  Bounded: only when the unmatched stems
 * number at most SOFT_MAX_PAIRS pairs (long texts skip it).  Tuned on the
 * STS-B train and dev splits. */
#define SOFT_MIN 0.85
#define SOFT_CREDIT 0.5
#define SOFT_MAX_PAIRS 4096

static int softMatches(vb_sim *s, double *pSoft) {
  simEntry *aUA[64], *aUB[64], **ua = aUA, **ub = aUB;
  size_t nua = 0, nub = 0, i, j, cap = s->map.cap;
  double soft = 0;
  for (i = 0; i < cap; i++) {
    const simEntry *e = &s->map.a[i];
    if (!e->key) continue;
    nua += e->ca && !e->cb;
    nub += e->cb && !e->ca;
  }
  if (nua == 0 || nub == 0 || nua * nub > SOFT_MAX_PAIRS) {
    *pSoft = 0;
    return VB_OK;
  }
  void *heap = NULL;
  if (nua > 64 || nub > 64) {
    heap = vb_malloc((nua + nub) * sizeof(simEntry *) + nua * nub * sizeof(float));
    if (heap == NULL) return VB_NOMEM;
    ua = heap;
    ub = ua + nua;
  }
  float aSim[64 * 64], *sim = aSim;
  if (heap) sim = (float *)(ub + nub);
  nua = nub = 0;
  for (i = 0; i < cap; i++) {
    simEntry *e = &s->map.a[i];
    if (!e->key) continue;
    if (e->ca && !e->cb) ua[nua++] = e;
    if (e->cb && !e->ca) ub[nub++] = e;
  }
  for (i = 0; i < nua; i++) {
    for (j = 0; j < nub; j++) {
      sim[i * nub + j] = (float)stemJaroWinkler(&s->wa, &s->wa.a[ua[i]->firstA], &s->wb,
                                                &s->wb.a[ub[j]->firstB]);
    }
  }
  /* from a's side: each unmatched stem of a to its best in b */
  for (i = 0; i < nua; i++) {
    size_t best = nub;
    for (j = 0; j < nub; j++) {
      if (sim[i * nub + j] < SOFT_MIN) continue;
      if (best == nub || sim[i * nub + j] > sim[i * nub + best]) {
        best = j;
      } else if (sim[i * nub + j] == sim[i * nub + best]) {
        double wj = ub[j]->cb * (double)ub[j]->w, wb = ub[best]->cb * (double)ub[best]->w;
        if (wj > wb || (wj == wb && ub[j]->key < ub[best]->key)) best = j;
      }
    }
    if (best < nub) {
      soft += SOFT_CREDIT * ua[i]->ca * (double)ua[i]->w * ub[best]->cb * (double)ub[best]->w;
    }
  }
  /* and from b's side */
  for (j = 0; j < nub; j++) {
    size_t best = nua;
    for (i = 0; i < nua; i++) {
      if (sim[i * nub + j] < SOFT_MIN) continue;
      if (best == nua || sim[i * nub + j] > sim[best * nub + j]) {
        best = i;
      } else if (sim[i * nub + j] == sim[best * nub + j]) {
        double wi = ua[i]->ca * (double)ua[i]->w, wb = ua[best]->ca * (double)ua[best]->w;
        if (wi > wb || (wi == wb && ua[i]->key < ua[best]->key)) best = i;
      }
    }
    if (best < nua) {
      soft += SOFT_CREDIT * ub[j]->cb * (double)ub[j]->w * ua[best]->ca * (double)ua[best]->w;
    }
  }
  vb_free(heap);
  *pSoft = soft;
  return VB_OK;
}

static int wordScore(vb_sim *s, vb_sim_method method, const vb_lang *lang,
                     const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
                     double *pScore) {
  simWords *A = &s->wa, *B = &s->wb;
  size_t i;
  int rc = collectWords(s, lang, a, na, A);
  if (rc == VB_OK) rc = collectWords(s, lang, b, nb, B);
  if (rc) return rc;
  if (A->n == 0 || B->n == 0) {
    if (A->n || B->n) return VB_OK; /* *pScore is 0 */
    /* no words on either side: equal after folding? */
    vb_buf_reset(&s->fa);
    vb_buf_reset(&s->fb);
    rc = vb_sim_fold(a, na, &s->fa);
    if (rc == VB_OK) rc = vb_sim_fold(b, nb, &s->fb);
    if (rc) return rc;
    *pScore = s->fa.n == s->fb.n && (s->fa.n == 0 || memcmp(s->fa.z, s->fb.z, s->fa.n) == 0);
    return VB_OK;
  }
  selectContent(A, B);

  rc = mapReset(&s->map, A->n + B->n);
  if (rc) return rc;
  /* Insert, remembering each word's id in the top of the scratch array. */
  rc = scratchU32(s, 3 * (A->n + B->n)); /* ids of A and B, then two count arrays */
  if (rc) return rc;
  int32_t *idA = (int32_t *)s->aU32, *idB = idA + A->n;
  for (i = 0; i < A->n; i++) {
    simEntry *e = mapUpsert(&s->map, A->a[i].h);
    if (e == NULL) return VB_NOMEM;
    if (e->ca++ == 0) e->firstA = (uint32_t)i;
    e->w = A->a[i].w;
    idA[i] = (int32_t)e->id;
  }
  for (i = 0; i < B->n; i++) {
    simEntry *e = mapUpsert(&s->map, B->a[i].h);
    if (e == NULL) return VB_NOMEM;
    if (e->cb++ == 0) e->firstB = (uint32_t)i;
    e->w = B->a[i].w;
    idB[i] = (int32_t)e->id;
  }

  if (method == VB_SIM_LCS) {
    const int32_t *p = idA, *t = idB;
    size_t m = A->n, n = B->n;
    if (m > n) p = idB, m = B->n, t = idA, n = A->n;
    if ((uint64_t)((m + 63) / 64) * (uint64_t)n > VB_SIM_MAX_STEPS) return VB_ELIMIT;
    int64_t lcs = 0;
    rc = lcsIds(p, m, t, n, &lcs);
    if (rc) return rc;
    *pScore = (double)lcs / (double)n;
    return VB_OK;
  }

  if (method == VB_SIM_PARTIAL) {
    /* need[id] = count in the shorter; win[id] = count in the window */
    const int32_t *S = idA, *L = idB;
    size_t k = A->n, n = B->n, j;
    int shortIsA = 1;
    if (k > n) S = idB, k = B->n, L = idA, n = A->n, shortIsA = 0;
    (void)S; /* the shorter's counts come from the map, indexed by id */
    uint32_t *win = (uint32_t *)(idB + B->n), *need = win + s->map.used;
    memset(win, 0, s->map.used * sizeof(uint32_t));
    for (i = 0; i < s->map.cap; i++) {
      const simEntry *e = &s->map.a[i];
      if (e->key) need[e->id] = shortIsA ? e->ca : e->cb;
    }
    size_t matched = 0, best = 0;
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
  for (i = 0; i < s->map.cap; i++) {
    const simEntry *e = &s->map.a[i];
    if (!e->key) continue;
    setA += e->ca > 0;
    setB += e->cb > 0;
    both += e->ca > 0 && e->cb > 0;
    double w2 = (double)e->w * (double)e->w;
    dot += (double)e->ca * (double)e->cb * w2;
    qa += (double)e->ca * (double)e->ca * w2;
    qb += (double)e->cb * (double)e->cb * w2;
  }
  double r = 0;
  switch (method) {
    case VB_SIM_COSINE: {
      double soft = 0;
      rc = softMatches(s, &soft);
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
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return 1;
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
      simEntry *e = mapUpsert(m, key ? key : 1);
      if (e == NULL) return VB_NOMEM;
      if (side == 0) e->ca = 1;
      else e->cb = 1;
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
  int rc = mapReset(&s->map, (s->fa.n + s->fb.n) / 2 + 16);
  if (rc == VB_OK) rc = addTrigrams(&s->map, s->fa.z, s->fa.n, 0);
  if (rc == VB_OK) rc = addTrigrams(&s->map, s->fb.z, s->fb.n, 1);
  if (rc) return rc;
  size_t i, na = 0, nb = 0, both = 0;
  for (i = 0; i < s->map.cap; i++) {
    const simEntry *e = &s->map.a[i];
    if (!e->key) continue;
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
static int splitTokens(const vb_buf *f, simTok **pa, size_t *pn) {
  size_t i = 0, n = 0, cap = 1;
  for (i = 0; i < f->n; i++) cap += f->z[i] == ' ';
  simTok *a = vb_malloc(cap * sizeof(simTok));
  if (a == NULL) return VB_NOMEM;
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
  *pa = a;
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
  simTok *ta = NULL, *tb = NULL;
  size_t na = 0, nb = 0, i = 0, j = 0;
  vb_buf ab = {0}, ba = {0};
  int rc = splitTokens(&s->fa, &ta, &na);
  if (rc == VB_OK) rc = splitTokens(&s->fb, &tb, &nb);
  if (rc) goto done;
  if (na == 0 || nb == 0) {
    *pScore = na == nb; /* both empty: 1 (rapidfuzz says 0) */
    goto done;
  }
  size_t nSect = 0, sectLen = 0;
  while (rc == VB_OK && (i < na || j < nb)) {
    int c = i >= na ? 1 : j >= nb ? -1 : cmpTok(&ta[i], &tb[j]);
    if (c == 0) {
      sectLen += (nSect ? 1 : 0) + vb_utf8_count(ta[i].z, ta[i].n);
      nSect++, i++, j++;
    } else if (c < 0) {
      rc = joinTok(&ab, &ta[i++]);
    } else {
      rc = joinTok(&ba, &tb[j++]);
    }
  }
  if (rc) goto done;
  if (nSect && (ab.n == 0 || ba.n == 0)) {
    *pScore = 1.0;
    goto done;
  }
  double abLen = (double)vb_utf8_count(ab.z, ab.n), baLen = (double)vb_utf8_count(ba.z, ba.n);
  double sect = (double)sectLen, one = nSect ? 1.0 : 0.0;
  double sectAbLen = sect + one + abLen, sectBaLen = sect + one + baLen;
  int64_t dist = 0;
  rc = vb_indel_distance(ab.z ? ab.z : (const unsigned char *)"", ab.n,
                         ba.z ? ba.z : (const unsigned char *)"", ba.n, &dist);
  if (rc) goto done;
  double r = normIndel((double)dist, sectAbLen + sectBaLen);
  if (nSect) {
    double r1 = normIndel(one + abLen, sect + sectAbLen);
    double r2 = normIndel(one + baLen, sect + sectBaLen);
    if (r1 > r) r = r1;
    if (r2 > r) r = r2;
  }
  *pScore = r;
done:
  vb_free(ta);
  vb_free(tb);
  vb_buf_free(&ab);
  vb_buf_free(&ba);
  return rc;
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
      size_t la = vb_utf8_count(fa, s->fa.n), lb = vb_utf8_count(fb, s->fb.n);
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
