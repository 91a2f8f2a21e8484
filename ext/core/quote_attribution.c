/* SPDX-License-Identifier: MIT
 *
 * quote_attribution.c -- who said a quotation and how: cues, speakers,
 * pronoun and surname resolution, continuations, transcript turns and
 * reported speech.
 *
 * HOW IT WORKS
 * One forward walk over the document in narrator sentences.  A sentence is
 * cut at a terminator followed by a capital, digit or opening mark (not
 * after an abbreviation or initial), at a blank line, at a line break after
 * a sentence end, at a transcript label, or after 8 KiB; a paired
 * quotation is jumped over whole, and ends the sentence when its words end
 * with a terminator and a new sentence follows.  (These cuts only bound the
 * context searched for cues; the sentence numbers reported come from the
 * segmenter.)  Each sentence becomes tokens -- words (hashed for the
 * lexicon), punctuation, and one token per quotation -- and then:
 *
 *  1. Names.  Capitalised runs, split at titles, organisation words and
 *     capitalised function words, give person names (the last two words,
 *     three with a particle or initial); a single word that is the surname
 *     of a known person is a mention of that person.  The most recent 32
 *     mentions are kept for pronouns.
 *  2. Each quotation, first match wins:
 *     - split: the words between it and the previous quotation are that
 *       quotation's cue and speaker ("“The trick,” says X, “is patience.”");
 *     - after: cue then speaker ("said Eva Noor, director …": the speaker
 *       phrase ends at punctuation or a bounding word), or speaker then cue
 *       ("Temirkhanov later remarked");
 *     - before: "X said: “…", "X told the council: “…" (the object of
 *       "told" is skipped, never the speaker), Chinese "王丽教授说：“…";
 *     - headline: "Name: “…”";
 *     - continuation: an unattributed quotation in the sentence right after
 *       an attributed one, or later in its paragraph with no other person
 *       named in between, inherits its speaker (cue NULL);
 *     A quotation that does not start its sentence (or follow an intro
 *     "…:" / "…,") and is not a complete utterance is 'partial': it is
 *     attributed to the nearest cue before it in the sentence ("called the
 *     deal “…”", "what he describes as ‘…’") and dropped when there is none
 *     (titles, scare quotes, "so-called").
 *  3. Reported speech (narrator sentences outside transcript turns): a cue
 *     followed by "that" (or by a finite clause for say-verbs), "according
 *     to X", a cue at the end ("…, the curator said."), a parenthetical
 *     ("These victories, he noted, are …"), "X was quoted as saying".  The
 *     quote is the reported clause without "that"; for a parenthetical
 *     attribution it is the whole sentence.  Partial quotations inside the
 *     clause belong to it and are not reported separately.
 *  4. Speakers: titles dropped ("President Vladimir Putin" → "Vladimir
 *     Putin"), appositives cut at the comma, descriptions kept as written
 *     ("a Western diplomat"), organisations kept whole ("Acme Foods"),
 *     coordinated names kept together, he/she resolved to the most recent
 *     person mention of a compatible gender (gender learnt from titles and
 *     earlier pronouns), a surname to the fullest name seen.
 *
 * Limits: each search looks at a bounded number of tokens (8 to 40), the
 * sentence is bounded, so the walk is linear in the document.
 */
#include <string.h>
#include <utf8proc.h>

#include "quote_internal.h"
#include "sentence_lang.h"

#define T_WORD 1
#define T_PUNCT 2
#define T_QUOTE 3
#define MAX_SENTENCE 8192
#define RING 32

typedef struct qtok {
  size_t s, e;
  uint64_t h; /* hash of the word (possessive ’s removed) */
  unsigned cls;
  int32_t pc; /* punctuation code point */
  int span;   /* T_QUOTE: span index */
  unsigned char type, cap, lower, cjk, poss, used;
} qtok;

typedef struct qattr {
  int has; /* attribution found */
  int hasS, hasM, hasC;
  size_t sS, sE, mS, mE, cS, cE;
  int via;     /* 1 split, 2 after, 3 before, 4 headline, 5 continuation, 6 partial */
  int person1; /* the resolved person's index + 1, or 0 */
} qattr;

typedef struct qperson {
  size_t s, e;   /* fullest name seen */
  uint64_t last; /* hash of the last word */
  int ntok;
  int gender; /* 0 unknown, 1 male, 2 female */
} qperson;

typedef struct qmention {
  size_t pos;
  int person;
} qmention;

struct qctx {
  const qlex *lex;
  const unsigned char *z;
  size_t n;
  int lang;
  qspan *sp;
  size_t nsp;
  qattr *attr; /* per span */
  qrows *out;
  /* turns: covered ranges (no reported speech there), as pairs */
  size_t *cover;
  size_t nCover, capCover, iCover;
  const qturn *turn;
  size_t nTurn, iTurn;
  /* tokens of the current sentence */
  qtok *tok;
  size_t ntok, capTok;
  /* persons */
  qperson *per;
  size_t nPer, capPer;
  int *map; /* open addressing: person index + 1 by last-word hash */
  size_t mapMask;
  qmention ring[RING];
  size_t nRing;
  /* continuation */
  qattr last;
  size_t lastSent, sentNo, lastPara, paraNo, lastPos;
  int lastValid;
};

/* ---- small helpers ----------------------------------------------------------- */

static int isWordCp(int32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  utf8proc_category_t k = utf8proc_category(c);
  return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO);
}

static int isCjkCp(int32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

static int isUpperCp(int32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  utf8proc_category_t k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int isLowerCp(int32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int isQuoteMarkCp(int32_t c) {
  return c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201F) || c == 0xAB || c == 0xBB ||
         c == 0x2039 || c == 0x203A || (c >= 0x300C && c <= 0x300F) || c == 0xFF02;
}

static int isTerminator(int32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F;
}

static size_t trimStart(const unsigned char *z, size_t n, size_t a, size_t b) {
  while (a < b) {
    int32_t c;
    size_t j = vb_utf8_next(z, n, a, &c);
    if (!qtext_is_space(c)) break;
    a = j;
  }
  return a;
}

static int hasWordChar(const unsigned char *z, size_t n, size_t a, size_t b) {
  while (a < b) {
    int32_t c;
    a = vb_utf8_next(z, n, a, &c);
    if (isWordCp(c)) return 1;
  }
  return 0;
}

/* ---- persons ------------------------------------------------------------------ */

static int *mapSlot(qctx *c, uint64_t h) {
  size_t i = (size_t)(h ^ (h >> 31)) & c->mapMask;
  while (c->map[i] && c->per[c->map[i] - 1].last != h) i = (i + 1) & c->mapMask;
  return &c->map[i];
}

static int mapGrow(qctx *c) {
  size_t cap = c->mapMask ? (c->mapMask + 1) * 2 : 256;
  int *old = c->map;
  size_t oldCap = c->mapMask ? c->mapMask + 1 : 0;
  c->map = vb_malloc(cap * sizeof *c->map);
  if (c->map == NULL) {
    c->map = old;
    return VB_NOMEM;
  }
  memset(c->map, 0, cap * sizeof *c->map);
  c->mapMask = cap - 1;
  for (size_t i = 0; i < oldCap; i++) {
    if (old[i]) *mapSlot(c, c->per[old[i] - 1].last) = old[i];
  }
  vb_free(old);
  return VB_OK;
}

static int personFind(qctx *c, uint64_t last) {
  if (c->mapMask == 0) return -1;
  int *s = mapSlot(c, last);
  return *s ? *s - 1 : -1;
}

/* Register (or lengthen) the person whose name is z[s..e) with last word
 * hash last.  Returns the person index or a negative vb_rc. */
static int personAdd(qctx *c, size_t s, size_t e, uint64_t last, int ntok, int gender) {
  int k = personFind(c, last);
  if (k >= 0) {
    if (ntok > c->per[k].ntok) {
      c->per[k].s = s;
      c->per[k].e = e;
      c->per[k].ntok = ntok;
    }
    if (gender && !c->per[k].gender) c->per[k].gender = gender;
    return k;
  }
  if ((c->nPer + 1) * 2 > c->mapMask + 1 || c->mapMask == 0) {
    if (mapGrow(c)) return VB_NOMEM;
  }
  if (c->nPer == c->capPer) {
    size_t cap = c->capPer ? c->capPer * 2 : 32;
    qperson *a = vb_realloc(c->per, cap * sizeof *a);
    if (a == NULL) return VB_NOMEM;
    c->per = a;
    c->capPer = cap;
  }
  qperson *p = &c->per[c->nPer];
  p->s = s;
  p->e = e;
  p->last = last;
  p->ntok = ntok;
  p->gender = gender;
  *mapSlot(c, last) = (int)c->nPer + 1;
  return (int)c->nPer++;
}

static void mention(qctx *c, size_t pos, int person) {
  if (person < 0) return;
  c->ring[c->nRing % RING].pos = pos;
  c->ring[c->nRing % RING].person = person;
  c->nRing++;
}

/* The most recent person mentioned before pos with a compatible gender:
 * among the last 8 mentions one known to have that gender wins, else the
 * most recent one not known to have the other. */
static int resolvePronoun(qctx *c, size_t pos, int gender) {
  size_t lim = c->nRing < RING ? c->nRing : RING;
  for (size_t k = 1; k <= lim && k <= 8; k++) {
    const qmention *m = &c->ring[(c->nRing - k) % RING];
    if (m->pos < pos && c->per[m->person].gender == gender) return m->person;
  }
  for (size_t k = 1; k <= lim; k++) {
    const qmention *m = &c->ring[(c->nRing - k) % RING];
    if (m->pos >= pos) continue;
    int g = c->per[m->person].gender;
    if (gender && g && g != gender) continue;
    return m->person;
  }
  return -1;
}

/* Was a person other than the last speaker mentioned in (a, b)?  Also yes
 * when the mentions kept do not reach back to a. */
static int otherPersonSince(qctx *c, size_t a, size_t b) {
  size_t lim = c->nRing < RING ? c->nRing : RING;
  for (size_t k = 1; k <= lim; k++) {
    const qmention *m = &c->ring[(c->nRing - k) % RING];
    if (m->pos >= b) continue;
    if (m->pos <= a) return 0;
    if (m->person + 1 != c->last.person1) return 1;
  }
  return c->nRing > RING;
}

/* ---- tokens ------------------------------------------------------------------ */

/* Appends a token, doubling the buffer when full: memory follows the
 * tokens, not the bytes (a sentence made of one huge quotation is one
 * token). */
static int tokPush(qctx *c, const qtok *t) {
  if (c->ntok == c->capTok) {
    size_t cap = c->capTok ? c->capTok * 2 : 256;
    qtok *a = vb_realloc(c->tok, cap * sizeof *a);
    if (a == NULL) return VB_NOMEM;
    c->tok = a;
    c->capTok = cap;
  }
  c->tok[c->ntok++] = *t;
  return VB_OK;
}

/* Tokens of z[s..e): words, punctuation, and one token per child span
 * (children are the spans from index ci on that start inside, skipping
 * their descendants). */
static int tokenize(qctx *c, size_t s, size_t e, size_t ci, size_t ciEnd) {
  const unsigned char *z = c->z;
  size_t n = c->n, i = s;
  c->ntok = 0;
  while (i < e) {
    qtok t;
    memset(&t, 0, sizeof t);
    while (ci < ciEnd && c->sp[ci].open < i) ci = c->sp[ci].after;
    if (ci < ciEnd && c->sp[ci].open == i) {
      t.type = T_QUOTE;
      t.s = c->sp[ci].open;
      t.e = c->sp[ci].close;
      t.span = (int)ci;
      if (tokPush(c, &t)) return VB_NOMEM;
      i = c->sp[ci].close > i ? c->sp[ci].close : i + 1;
      ci = c->sp[ci].after;
      continue;
    }
    int32_t cp;
    size_t j = vb_utf8_next(z, n, i, &cp);
    if (qtext_is_space(cp)) {
      i = j;
      continue;
    }
    if (isCjkCp(cp)) {
      t.type = T_WORD;
      t.cjk = 1;
      t.s = i;
      while (j < e) {
        int32_t d;
        size_t k = vb_utf8_next(z, n, j, &d);
        if (!isCjkCp(d)) break;
        j = k;
      }
      t.e = j;
      t.h = qlex_hash(z + i, j - i);
      if (tokPush(c, &t)) return VB_NOMEM;
      i = j;
      continue;
    }
    if (isWordCp(cp)) {
      t.type = T_WORD;
      t.s = i;
      t.cap = (unsigned char)isUpperCp(cp);
      int anyLower = isLowerCp(cp);
      /* ASCII letters and digits: hash while scanning (as qlex_hash does) */
      uint64_t h = 1469598103934665603ULL;
      int ascii = cp < 0x80;
      if (ascii) {
        unsigned char b0 = z[i];
        if (b0 >= 'A' && b0 <= 'Z') b0 += 32;
        h = (h ^ b0) * 1099511628211ULL;
      }
      while (j < e) {
        unsigned char b = z[j];
        if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z')) {
          anyLower |= b >= 'a';
          h = (h ^ (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : b)) * 1099511628211ULL;
          j++;
          continue;
        }
        ascii = 0;
        int32_t d;
        size_t k = vb_utf8_next(z, n, j, &d);
        if (isWordCp(d) && !isCjkCp(d)) {
          anyLower |= isLowerCp(d);
          j = k;
          continue;
        }
        /* internal apostrophe, hyphen or period followed by a letter */
        if ((d == '\'' || d == 0x2019 || d == '-' || d == 0x2010 || d == '.') && k < e) {
          int32_t f;
          vb_utf8_next(z, n, k, &f);
          if (isWordCp(f) && !isCjkCp(f)) {
            j = k;
            continue;
          }
        }
        break;
      }
      t.e = j;
      t.lower = (unsigned char)!t.cap;
      (void)anyLower;
      /* possessive: ’s / 's, or a trailing ’ after s */
      size_t wb = j;
      if (j - i > 2 && (z[j - 1] == 's' || z[j - 1] == 'S')) {
        if (z[j - 2] == '\'') {
          wb = j - 2;
        } else if (j - i > 4 && z[j - 4] == 0xE2 && z[j - 3] == 0x80 && z[j - 2] == 0x99) {
          wb = j - 4;
        }
      }
      if (wb != j) t.poss = 1;
      t.h = ascii && wb == j && j - i <= 64 ? (h ? h : 1) : qlex_hash(z + i, wb - i);
      t.cls = qlex_class(c->lex, t.h, c->lang);
      if (wb != j) t.cls |= qlex_class(c->lex, qlex_hash(z + i, j - i), c->lang);
      /* "Dr." "Ms." "Gen.": a short title keeps its period */
      if ((t.cls & QW_TITLE) && j < e && z[j] == '.' && j - i <= 4 && t.cap) t.e = ++j;
      if (t.poss) t.cls &= ~(unsigned)(QW_PRONOUN | QW_DET);
      if (tokPush(c, &t)) return VB_NOMEM;
      i = j;
      continue;
    }
    if (!isQuoteMarkCp(cp)) {
      t.type = T_PUNCT;
      t.s = i;
      t.e = j;
      t.pc = cp == 0xFF1A ? ':' : cp == 0xFF0C ? ',' : cp;
      if (tokPush(c, &t)) return VB_NOMEM;
    }
    i = j;
  }
  return VB_OK;
}

static int isP(const qtok *t, int32_t pc) { return t->type == T_PUNCT && t->pc == pc; }
static int isDash(const qtok *t) {
  return t->type == T_PUNCT && (t->pc == 0x2014 || t->pc == 0x2013 || t->pc == '-');
}

static int cueAt(qctx *c, size_t i, size_t lim, unsigned *pFlags) {
  *pFlags = 0;
  if (i >= lim || c->tok[i].type != T_WORD || !(c->tok[i].cls & QW_CUEHEAD)) return 0;
  /* after a determiner it is a noun: "the reason", "a note" */
  if (i > 0 && c->tok[i - 1].type == T_WORD && (c->tok[i - 1].cls & QW_ARTICLE) &&
      !c->tok[i - 1].cap && !(c->tok[i - 1].cls & QW_PRONOUN))
    return 0;
  /* after a possessive too: "the president’s remarks" (not "he’s said") */
  if (i > 0 && c->tok[i - 1].type == T_WORD && c->tok[i - 1].poss &&
      !(qlex_class(c->lex, c->tok[i - 1].h, c->lang) & QW_PRONOUN))
    return 0;
  uint64_t a[6];
  size_t m = 0;
  while (m < 6 && i + m < lim && c->tok[i + m].type == T_WORD) {
    a[m] = c->tok[i + m].h;
    m++;
  }
  /* hashes with possessives removed would merge "said" variants: use as is */
  return qlex_cue(c->lex, a, 0, m, c->lang, pFlags);
}

/* ---- names and speakers ------------------------------------------------------------- */

/* First token of the name that ends at t[last] within t[lo..last]: the
 * surname, the particles before it (von der, de la) and one given name. */
static size_t nameFirst(const qtok *t, size_t lo, size_t last) {
  size_t k = last;
  while (k > lo && (t[k - 1].cls & QW_PARTICLE)) k--;
  if (k > lo && t[k - 1].cap && !(t[k - 1].cls & (QW_PARTICLE | QW_TITLE | QW_ORG | QW_STOPCAP)))
    k--;
  return k;
}

/* A particle chain at t[i] that leads to a capitalised word. */
static int particleBeforeName(const qtok *t, size_t i, size_t n) {
  while (i < n && t[i].type == T_WORD && (t[i].cls & QW_PARTICLE)) i++;
  return i < n && t[i].type == T_WORD && t[i].cap;
}

/* Register the names of the sentence's capitalised runs and note mentions. */
static int registerNames(qctx *c) {
  qtok *t = c->tok;
  size_t n = c->ntok, i = 0;
  while (i < n) {
    if (t[i].type != T_WORD || !t[i].cap || t[i].cjk) {
      i++;
      continue;
    }
    size_t r = i;
    while (i < n && t[i].type == T_WORD && !t[i].cjk &&
           (t[i].cap || ((t[i].cls & QW_PARTICLE) && particleBeforeName(t, i, n))))
      i++;
    /* the run is t[r..i): split at titles, organisation words, stop words */
    size_t a = r;
    int gender = 0;
    while (a < i) {
      size_t b = a;
      while (b < i && (!(t[b].cls & (QW_TITLE | QW_ORG | QW_STOPCAP | QW_PRONOUN)) ||
                       ((t[b].cls & QW_PARTICLE) && particleBeforeName(t, b, i))))
        b++;
      int org = b < i && (t[b].cls & QW_ORG) && !(t[b].cls & QW_TITLE);
      if (b > a && !org) {
        size_t first = nameFirst(t, a, b - 1);
        size_t k = b - first;
        if (k >= 2 && !(t[first].cls & QW_PARTICLE)) {
          int p = personAdd(c, t[first].s, t[b - 1].e, t[b - 1].h, (int)(b - first), gender);
          if (p < 0) return p;
          mention(c, t[first].s, p);
        } else {
          int p = personFind(c, t[a].h);
          if (p >= 0) mention(c, t[a].s, p);
        }
      }
      gender = 0;
      if (b < i) {
        if (t[b].cls & QW_MALE) gender = 1;
        if (t[b].cls & QW_FEMALE) gender = 2;
      }
      a = b + 1;
    }
  }
  return VB_OK;
}

/* Fill the speaker of *at from the noun phrase t[i0..i1). */
static void speakerOf(qctx *c, size_t i0, size_t i1, qattr *at, size_t pos) {
  qtok *t = c->tok;
  while (i0 < i1 && (t[i0].cls & QW_LEAD) && !t[i0].cap && !(t[i0].cls & QW_DET)) i0++;
  while (i0 < i1 && (t[i0].cls & QW_LEAD) && t[i0].cap && !(t[i0].cls & QW_DET) && i0 + 1 < i1)
    i0++; /* "Then Director Hana Kim" */
  while (i1 > i0 && t[i1 - 1].type != T_WORD) i1--;
  if (i1 <= i0) return;
  at->hasM = 1;
  at->mS = t[i0].s;
  at->mE = t[i1 - 1].e;
  at->has = 1;
  /* a pronoun */
  if (i1 - i0 == 1 && (t[i0].cls & QW_PRONOUN)) {
    if (t[i0].cls & QW_FIRST) return;
    int gender = (t[i0].cls & QW_MALE) ? 1 : (t[i0].cls & QW_FEMALE) ? 2 : 0;
    if (gender == 0) return; /* they, it: not resolved */
    int p = resolvePronoun(c, pos, gender);
    if (p >= 0) {
      if (!c->per[p].gender) c->per[p].gender = gender;
      at->hasS = 1;
      at->sS = c->per[p].s;
      at->sE = c->per[p].e;
      at->person1 = p + 1;
      mention(c, pos, p);
    }
    return;
  }
  /* Chinese: drop a title suffix */
  if (i1 - i0 == 1 && t[i0].cjk) {
    size_t m = qlex_cjk_title_suffix(c->z + t[i0].s, t[i0].e - t[i0].s);
    at->hasS = 1;
    at->sS = t[i0].s;
    at->sE = t[i0].e - m > t[i0].s ? t[i0].e - m : t[i0].e;
    return;
  }
  size_t last = i1 - 1;
  if (!t[last].cap) {
    at->hasS = 1; /* a description as written */
    at->sS = at->mS;
    at->sE = at->mE;
    return;
  }
  /* the trailing capitalised run, with particles and "and" between names */
  size_t r = last;
  int coord = 0;
  while (r > i0) {
    const qtok *p = &t[r - 1];
    if (p->type == T_WORD && p->cap && !p->poss) {
      r--;
      continue;
    }
    if (p->type == T_WORD && (p->cls & QW_PARTICLE)) {
      size_t q = r - 1;
      while (q > i0 && t[q - 1].type == T_WORD && (t[q - 1].cls & QW_PARTICLE)) q--;
      if (q > i0 && t[q - 1].cap) {
        r = q;
        continue;
      }
    }
    if (p->type == T_WORD && p->h == qlex_hash((const unsigned char *)"and", 3) && r - 1 > i0 &&
        t[r - 2].cap) {
      coord = 1;
      r--;
      continue;
    }
    break;
  }
  if (t[last].cls & QW_ORG && !(t[last].cls & QW_TITLE)) {
    if ((t[i0].cls & QW_DET) && !t[i0].cap) {
      at->hasS = 1;
      at->sS = at->mS;
      at->sE = at->mE;
      return;
    }
    while (r < last && (t[r].cls & (QW_TITLE | QW_STOPCAP)) && !(t[r].cls & QW_ORG)) r++;
    at->hasS = 1;
    at->sS = t[r].s;
    at->sE = t[last].e;
    return;
  }
  /* drop titles: the name starts after the last title/org/stop word */
  size_t first = r;
  for (size_t k = r; k <= last; k++) {
    if (t[k].cls & (QW_TITLE | QW_ORG | QW_STOPCAP)) {
      if (coord && t[k].h == qlex_hash((const unsigned char *)"and", 3)) continue;
      if ((t[k].cls & QW_PARTICLE) && k < last) continue;
      first = k + 1;
    }
  }
  if (first > last) {
    at->hasS = 1; /* only titles: "HOST" */
    at->sS = at->mS;
    at->sE = at->mE;
    if (r <= last && !(t[i0].cls & QW_DET)) {
      at->sS = t[r].s;
    }
    return;
  }
  if (!coord) {
    size_t nf = nameFirst(t, first, last);
    if (nf > first) first = nf;
  }
  size_t k = last - first + 1;
  int given = 0; /* a given name before the surname */
  for (size_t j = first; j < last; j++) given |= t[j].cap && !(t[j].cls & QW_PARTICLE);
  if (!coord && !given) {
    int p = personFind(c, t[last].h);
    at->hasS = 1;
    if (p >= 0) {
      at->sS = c->per[p].s;
      at->sE = c->per[p].e;
      at->person1 = p + 1;
      mention(c, pos, p);
    } else {
      at->sS = t[first].s;
      at->sE = t[last].e;
    }
    return;
  }
  at->hasS = 1;
  at->sS = t[first].s;
  at->sE = t[last].e;
  if (!coord) {
    int p = personAdd(c, t[first].s, t[last].e, t[last].h, (int)k, 0);
    if (p >= 0) {
      if (c->per[p].ntok > (int)k) {
        at->sS = c->per[p].s;
        at->sE = c->per[p].e;
      }
      at->person1 = p + 1;
      mention(c, pos, p);
    }
  }
}

/* The subject of the cue at t[cue]: the noun phrase just before it.  A cue
 * right after a comma takes the phrase that opens the clause ("Maria Lind,
 * who …, said"), unless it is a participle (the caller then asks
 * subjectOfPreviousClause). */
static int subjectBefore(qctx *c, size_t segStart, size_t cue, size_t *pi0, size_t *pi1) {
  qtok *t = c->tok;
  size_t j = cue;
  unsigned cf = 0;
  cueAt(c, cue, c->ntok, &cf);
  while (j > segStart && t[j - 1].type == T_WORD && (t[j - 1].cls & QW_AUX) && !t[j - 1].cap) j--;
  size_t end = j;
  if (j > segStart && isP(&t[j - 1], ',')) {
    if (cf & QC_PARTICIPLE) return 0;
    /* "Maria Lind, who …, said" / "Ivan Rossi, the club's president, said" */
    size_t a = segStart;
    while (a < end && t[a].type != T_WORD) a++;
    if (a < end && a > segStart && t[a - 1].type == T_QUOTE) return 0;
    size_t b = a;
    while (b < end && t[b].type == T_WORD && b - a < 6) {
      unsigned f2;
      if ((t[b].cls & (QW_FINITE | QW_CLAUSEWORD | QW_THATWORD)) && !t[b].cap) return 0;
      if (cueAt(c, b, end, &f2)) return 0;
      b++;
    }
    if (b < end && isP(&t[b], ',') && b > a && !(t[a].cls & QW_LEAD)) {
      *pi0 = a;
      *pi1 = b;
      return 1;
    }
    return 0;
  }
  size_t a = j;
  while (a > segStart && t[a - 1].type == T_WORD && end - a < 8) {
    const qtok *p = &t[a - 1];
    if ((p->cls & (QW_CLAUSEWORD | QW_THATWORD)) && !p->cap) break;
    /* "Chief of the General Staff": of/the inside a capitalised title */
    if (!p->cap && a >= 2 && a < end &&
        (t[a].cap || (a + 1 < end && t[a + 1].cap && (t[a].cls & QW_DET) && !t[a].cap)) &&
        t[a - 2].type == T_WORD &&
        (t[a - 2].cap ||
         (a >= 3 && t[a - 3].type == T_WORD && t[a - 3].cap && (t[a - 2].cls & QW_LEAD))) &&
        (p->cls & (QW_LEAD | QW_DET)) && p->e - p->s <= 3) {
      a--;
      continue;
    }
    if ((p->cls & QW_LEAD) && !(p->cls & QW_DET) && !p->cap &&
        (p->cls & QW_CLAUSEWORD || a - 1 == segStart || end - a >= 3))
      break;
    if ((p->cls & QW_FINITE) && !p->cap) break;
    a--;
  }
  if (a < end && end - a >= 8) {
    /* too long to be one phrase: keep the name or pronoun just before */
    a = end;
    while (a > segStart && t[a - 1].type == T_WORD && t[a - 1].cap && end - a < 3) a--;
    if (a == end && end > segStart && (t[end - 1].cls & QW_PRONOUN)) a = end - 1;
  }
  if (a >= end) return 0;
  *pi0 = a;
  *pi1 = end;
  return 1;
}

/* The subject of the clause before a participle cue preceded by a comma:
 * its first name run or pronoun. */
static int subjectOfPreviousClause(qctx *c, size_t cue, size_t *pi0, size_t *pi1) {
  qtok *t = c->tok;
  if (cue == 0 || !isP(&t[cue - 1], ',')) return 0;
  size_t b = cue - 1, a = b;
  while (a > 0 && !(t[a - 1].type == T_PUNCT && t[a - 1].pc != '-') && t[a - 1].type != T_QUOTE)
    a--;
  while (a < b && t[a].type == T_WORD && (t[a].cls & QW_LEAD) && !(t[a].cls & QW_DET)) a++;
  if (a >= b || t[a].type != T_WORD) return 0;
  if (t[a].cls & QW_PRONOUN) {
    *pi0 = a;
    *pi1 = a + 1;
    return 1;
  }
  size_t e = a;
  while (e < b && t[e].type == T_WORD && (t[e].cap || (t[e].cls & QW_PARTICLE)) && e - a < 5) e++;
  if (e == a) return 0;
  *pi0 = a;
  *pi1 = e;
  return 1;
}

/* Noun phrase after an inverted cue: up to punctuation or a bounding word. */
static size_t phraseAfter(qctx *c, size_t i, size_t lim) {
  qtok *t = c->tok;
  size_t k = i;
  while (k < lim && t[k].type == T_WORD && k - i < 10) {
    if (k > i && (t[k].cls & QW_BOUND) && !t[k].cap) break;
    if (k > i && (t[k].cls & QW_CLAUSEWORD) && !t[k].cap) break;
    k++;
  }
  return k;
}

static void setCueOnly(qctx *c, qattr *at, size_t i, int len) {
  at->hasC = 1;
  at->has = 1;
  at->cS = c->tok[i].s;
  at->cE = c->tok[i + (size_t)len - 1].e;
}

static void setCue(qctx *c, qattr *at, size_t i, int len) {
  at->hasC = 1;
  at->has = 1;
  at->cS = c->tok[i].s;
  at->cE = c->tok[i + (size_t)len - 1].e;
  for (int k = 0; k < len; k++) c->tok[i + (size_t)k].used = 1;
}

/* Is z[a..b) a Chinese or Japanese personal pronoun (not resolved)? */
static int cjkPronoun(const unsigned char *z, size_t a, size_t b) {
  static const char *const az[] = {"他",   "她", "他们", "她们", "我",
                                   "我们", "彼", "彼女", "私",   NULL};
  for (int k = 0; az[k]; k++) {
    if (strlen(az[k]) == b - a && memcmp(z + a, az[k], b - a) == 0) return 1;
  }
  return 0;
}

/* Trim the Japanese particles around a speaker: と before, は/が/も after. */
static void cjkTrim(const unsigned char *z, size_t *pa, size_t *pb) {
  if (*pb - *pa >= 3 && memcmp(z + *pa, "\xe3\x81\xa8", 3) == 0) *pa += 3; /* と */
  if (*pb - *pa >= 3 && (memcmp(z + *pb - 3, "\xe3\x81\xaf", 3) == 0 ||    /* は */
                         memcmp(z + *pb - 3, "\xe3\x81\x8c", 3) == 0 ||    /* が */
                         memcmp(z + *pb - 3, "\xe3\x82\x82", 3) == 0))     /* も */
    *pb -= 3;
}

/* Attribution from the words after quotation token q. */
static int attrAfter(qctx *c, size_t q, qattr *at) {
  qtok *t = c->tok;
  size_t n = c->ntok, j = q + 1, lim = q + 1;
  while (lim < n && t[lim].type != T_QUOTE) lim++;
  while (j < lim && t[j].type == T_PUNCT && (t[j].pc == ',' || isDash(&t[j]))) j++;
  if (j >= lim || t[j].type != T_WORD) return 0;
  unsigned f;
  int len = cueAt(c, j, lim, &f);
  if (len && (f & (QC_DIRECT | QC_ACCORDING)) && !(f & QC_OBJECT)) {
    size_t e = phraseAfter(c, j + (size_t)len, lim);
    setCue(c, at, j, len);
    if (e > j + (size_t)len) speakerOf(c, j + (size_t)len, e, at, t[q].s);
    return 1;
  }
  /* Chinese and Japanese: 他说 / 王丽说 / と田中氏は述べた right after the
   * quotation; with と語った alone the speaker is before it (田中首相は「…」) */
  if (t[j].cjk) {
    size_t m = qlex_cjk_cue_suffix(c->z + t[j].s, t[j].e - t[j].s);
    if (m) {
      at->has = at->hasC = 1;
      at->cS = t[j].e - m;
      at->cE = t[j].e;
      size_t a = t[j].s, b = at->cS;
      cjkTrim(c->z, &a, &b);
      if (b <= a && q > 0 && t[q - 1].cjk) {
        a = t[q - 1].s;
        b = t[q - 1].e;
        cjkTrim(c->z, &a, &b);
      }
      if (b > a) {
        at->hasM = at->hasS = 1;
        at->mS = at->sS = a;
        at->mE = b;
        at->sE = b - qlex_cjk_title_suffix(c->z + a, b - a);
        if (at->sE <= at->sS) at->sE = at->mE;
        if (cjkPronoun(c->z, a, b)) at->hasS = 0;
      }
      at->via = 7;
      return 1;
    }
  }
  /* speaker then cue: "Coach Alan Price said", "Temirkhanov later remarked" */
  size_t k = j;
  while (k < lim && t[k].type == T_WORD && k - j < 8) {
    if (k > j) {
      len = cueAt(c, k, lim, &f);
      if (len && (f & QC_DIRECT) && !(f & QC_PARTICIPLE)) {
        size_t e = k;
        while (e > j && (t[e - 1].cls & QW_AUX) && !t[e - 1].cap) e--;
        if (e == j) return 0;
        if ((t[e - 1].cls & QW_FINITE) && !(f & QC_PASSIVE)) return 0; /* passive */
        setCue(c, at, k, len);
        speakerOf(c, j, e, at, t[q].s);
        return 1;
      }
    }
    if ((t[k].cls & QW_FINITE) && !t[k].cap) return 0;
    k++;
  }
  /* an appositive between speaker and cue: "Smith, who heads the union, said" */
  if (k > j && k < lim && isP(&t[k], ',')) {
    size_t m = k + 1;
    while (m < lim && m < k + 16 && !(t[m].type == T_PUNCT && t[m].pc != '-')) m++;
    if (m < lim && isP(&t[m], ',')) {
      size_t cue = m + 1;
      while (cue < lim && t[cue].type == T_WORD && (t[cue].cls & QW_AUX) && !t[cue].cap) cue++;
      len = cueAt(c, cue, lim, &f);
      if (len && (f & QC_DIRECT) && !(f & QC_PARTICIPLE)) {
        setCue(c, at, cue, len);
        speakerOf(c, j, k, at, t[q].s);
        return 1;
      }
    }
  }
  return 0;
}

/* Attribution from the words before quotation token q, back to segStart. */
static int attrBefore(qctx *c, size_t segStart, size_t q, qattr *at) {
  qtok *t = c->tok;
  if (q <= segStart) return 0;
  size_t L = q - 1;
  int intro = t[L].type == T_PUNCT && (t[L].pc == ':' || t[L].pc == ',' || isDash(&t[L]));
  size_t endWords = intro ? L : q;
  if (endWords <= segStart) return 0;
  /* Chinese: 王丽教授说：“… */
  if (t[endWords - 1].cjk) {
    const qtok *w = &t[endWords - 1];
    size_t m = qlex_cjk_cue_suffix(c->z + w->s, w->e - w->s);
    if (m) {
      at->has = at->hasC = 1;
      at->cS = w->e - m;
      at->cE = w->e;
      if (at->cS > w->s) {
        at->hasM = at->hasS = 1;
        at->mS = at->sS = w->s;
        at->mE = at->cS;
        size_t ts = qlex_cjk_title_suffix(c->z + w->s, at->cS - w->s);
        at->sE = at->cS - ts > w->s ? at->cS - ts : at->cS;
        if (cjkPronoun(c->z, w->s, at->cS)) at->hasS = 0;
      }
      return 1;
    }
  }
  /* the nearest cue within 8 words before the intro */
  size_t k = endWords;
  while (k > segStart && endWords - k < 8) {
    k--;
    if (t[k].type != T_WORD) break;
    unsigned f;
    int len = cueAt(c, k, endWords, &f);
    if (len == 0 || !(f & (QC_DIRECT | QC_OBJECT))) continue;
    if (k + (size_t)len < endWords && !(f & QC_OBJECT) && !intro) continue;
    size_t i0, i1;
    setCue(c, at, k, len);
    if (subjectBefore(c, segStart, k, &i0, &i1)) {
      speakerOf(c, i0, i1, at, t[q].s);
    } else if (subjectOfPreviousClause(c, k, &i0, &i1)) {
      speakerOf(c, i0, i1, at, t[q].s);
    } else if (!(f & QC_OBJECT) && k + (size_t)len < endWords) {
      /* inverted before the quotation: "says X, “…" */
      size_t e = phraseAfter(c, k + (size_t)len, endWords);
      if (e > k + (size_t)len) speakerOf(c, k + (size_t)len, e, at, t[q].s);
    }
    return 1;
  }
  /* a headline or label: "Mayor Lena Ortiz: “…”" */
  if (intro && t[L].pc == ':') {
    size_t a = segStart;
    int ok = endWords - a <= 8;
    for (size_t i = a; ok && i < endWords; i++) {
      ok = t[i].type == T_WORD && (t[i].cap || (t[i].cls & QW_PARTICLE));
    }
    if (ok && endWords > a) {
      speakerOf(c, a, endWords, at, t[q].s);
      return at->has;
    }
  }
  return 0;
}

/* ---- emitting ---------------------------------------------------------------------------- */

static int emit(qctx *c, int kind, size_t s, size_t e, const qattr *at) {
  vb_quote q;
  memset(&q, 0, sizeof q);
  s = trimStart(c->z, c->n, s, e);
  e = qtext_trim_end(c->z, c->n, s, e);
  if (e <= s || !hasWordChar(c->z, c->n, s, e)) return VB_OK;
  q.kind = kind;
  q.start = s;
  q.end = e;
  if (at) {
    if (at->hasS && at->sE > at->sS) {
      q.hasSpeaker = 1;
      q.speakerStart = at->sS;
      q.speakerEnd = at->sE;
    }
    if (at->hasM && at->mE > at->mS) {
      q.hasMention = 1;
      q.mentionStart = at->mS;
      q.mentionEnd = at->mE;
    }
    if (at->hasC && at->cE > at->cS) {
      q.hasCue = 1;
      q.cueStart = at->cS;
      q.cueEnd = at->cE;
    }
  }
  return qrows_push(c->out, &q);
}

/* ---- reported speech ------------------------------------------------------------------------ */

/* End of a reported clause that starts at s: the sentence end without its
 * terminator, and without a closing bracket it does not open ("(… he said
 * that X.)" gives X). */
static size_t clauseEnd(qctx *c, size_t s, size_t e) {
  size_t b = qtext_trim_end(c->z, c->n, s, e);
  int opens = memchr(c->z + s, '(', b - s) != NULL || memchr(c->z + s, '[', b - s) != NULL;
  while (b > s) {
    int32_t ch;
    size_t j = vb_utf8_prev(c->z, c->n, b, &ch);
    if (!isTerminator(ch) && (opens || (ch != ')' && ch != ']'))) break;
    b = j;
  }
  return b;
}

static int looksFinite(qctx *c, size_t i, size_t n) {
  qtok *t = c->tok;
  for (size_t k = i; k < n && k < i + 12; k++) {
    if (t[k].type == T_PUNCT && (t[k].pc == ',' || t[k].pc == ';')) return 0;
    if (t[k].type != T_WORD) continue;
    if (t[k].cls & QW_FINITE) return 1;
    size_t len = t[k].e - t[k].s;
    if (k > i && len > 3 && !t[k].cap && c->z[t[k].e - 2] == 'e' && c->z[t[k].e - 1] == 'd')
      return 1;
  }
  return 0;
}

/* Could t[i0..i1) be who reported something?  At most 8 words, none of
 * them a finite verb, a clause word, a pronoun or a past form after the
 * first word, not starting with a digit. */
static int plausibleSpeaker(qctx *c, size_t i0, size_t i1) {
  qtok *t = c->tok;
  if (i1 <= i0 || i1 - i0 > 8) return 0;
  for (size_t k = i0; k < i1; k++) {
    if (t[k].type != T_WORD) return 0;
    if (!t[k].cap && (t[k].cls & (QW_FINITE | QW_CLAUSEWORD | QW_THATWORD))) return 0;
  }
  if (c->z[t[i0].s] >= '0' && c->z[t[i0].s] <= '9') return 0;
  if (!t[i1 - 1].cap && (t[i1 - 1].cls & (QW_ARTICLE | QW_LEAD)) && !(t[i1 - 1].cls & QW_PRONOUN))
    return 0; /* "slot in the" */
  for (size_t k = i0; k < i1; k++) {
    /* a verb of saying inside ("said"), but plural nouns ("reports") are fine */
    if (!t[k].cap && (t[k].cls & QW_CUEHEAD) && c->z[t[k].e - 1] != 's') return 0;
  }
  for (size_t k = i0 + 1; k < i1; k++) {
    /* a pronoun or a past form inside is a clause ("his blessing he blessed") */
    if (t[k].cls & QW_PRONOUN) return 0;
    if (!t[k].cap && t[k].e - t[k].s > 3 && c->z[t[k].e - 2] == 'e' && c->z[t[k].e - 1] == 'd')
      return 0;
  }
  return 1;
}

typedef struct qclause {
  size_t s, e;
  qattr at;
} qclause;

/* Reported speech in the current sentence [s, e); at most one clause. */
static int findIndirect(qctx *c, size_t s, size_t e, qclause *out) {
  qtok *t = c->tok;
  size_t n = c->ntok;
  if (n == 0 || t[0].type == T_QUOTE) return 0;
  for (size_t i = 0; i < n; i++) {
    if (t[i].type != T_WORD || t[i].used) continue;
    unsigned f;
    int len = cueAt(c, i, n, &f);
    if (!len) continue;
    size_t after = i + (size_t)len;
    memset(out, 0, sizeof *out);
    if (f & QC_ACCORDING) {
      /* "According to X, …", "…, according to X." and ", according to X," */
      size_t k = after;
      while (k < n && t[k].type == T_WORD && k - after < 12) k++;
      if (k == after || (k < n && t[k].type == T_QUOTE)) continue;
      if (k >= n || !isP(&t[k], ',')) {
        /* no comma ("Laut Innenminister Jonas Weber wird …"): the speaker is
         * the determiner, titles and name right after the cue */
        size_t m = after;
        while (m < k && (t[m].cap || (t[m].cls & (QW_DET | QW_PARTICLE | QW_TITLE)))) m++;
        if (m > after && m < k && i == 0) {
          setCue(c, &out->at, i, len);
          speakerOf(c, after, m, &out->at, t[i].s);
          out->s = t[m].s;
          out->e = clauseEnd(c, out->s, e);
          return out->e > out->s;
        }
      }
      if (k < n && isP(&t[k], ',') && !plausibleSpeaker(c, after, k)) continue;
      if (k >= n || t[k].type == T_PUNCT) {
        if (!plausibleSpeaker(c, after, k)) continue;
      }
      size_t lead = 0;
      while (lead < i && t[lead].type == T_WORD && (t[lead].cls & QW_LEAD)) lead++;
      setCue(c, &out->at, i, len);
      speakerOf(c, after, k, &out->at, t[i].s);
      if (i == lead && k < n && isP(&t[k], ',')) {
        out->s = t[k].e;
        out->e = clauseEnd(c, out->s, e);
      } else if (i > 0 && isP(&t[i - 1], ',') && (k >= n || t[k].type == T_PUNCT) &&
                 (k >= n || !isP(&t[k], ','))) {
        out->s = s;
        out->e = t[i - 1].s;
      } else {
        out->s = s;
        out->e = clauseEnd(c, s, e);
      }
      return out->e > out->s;
    }
    if (f & QC_POSTPOS) {
      /* German "X zufolge": speaker before */
      size_t i0, i1;
      if (!subjectBefore(c, 0, i, &i0, &i1)) continue;
      setCue(c, &out->at, i, len);
      speakerOf(c, i0, i1, &out->at, t[i].s);
      out->s = s;
      out->e = clauseEnd(c, s, e);
      return out->e > out->s;
    }
    if (!(f & (QC_THAT | QC_CLAUSE))) continue;
    /* a passive auxiliary before the cue: "was described as" */
    if (i > 0 && t[i - 1].type == T_WORD && (t[i - 1].cls & QW_FINITE) && !(f & QC_PASSIVE) &&
        !t[i - 1].cap) {
      continue;
    }
    /* the clause: "that" right after the cue, after an object ("told
     * reporters that") or a short adjunct ("said on Friday that"), or a
     * finite clause after a say-verb */
    size_t k = after, cs = 0;
    int adjunct =
        after < n && t[after].type == T_WORD && !t[after].cap && (t[after].cls & QW_BOUND);
    if (after < n && isP(&t[after], ',')) adjunct = 1;
    if ((f & QC_OBJECT) || adjunct) {
      while (k < n && k < after + 5 && t[k].type != T_QUOTE) {
        if (t[k].type == T_WORD && (t[k].cls & QW_THATWORD) && !t[k].cap) break;
        if (t[k].type == T_PUNCT && t[k].pc != ',') break;
        k++;
      }
    }
    if (k < n && t[k].type == T_WORD && (t[k].cls & QW_THATWORD) && !t[k].cap) {
      if (k + 1 < n) cs = t[k + 1].s;
    } else if ((f & QC_CLAUSE) && !(f & QC_OBJECT) && after < n && t[after].type == T_WORD &&
               (t[after].cls & (QW_DET | QW_PRONOUN) || t[after].cap) &&
               !(t[after].cls & QW_THATWORD) && looksFinite(c, after, n)) {
      cs = t[after].s;
    }
    size_t i0, i1;
    int haveSubject = subjectBefore(c, 0, i, &i0, &i1);
    if (!haveSubject && (f & QC_PARTICIPLE)) haveSubject = subjectOfPreviousClause(c, i, &i0, &i1);
    if (haveSubject && !plausibleSpeaker(c, i0, i1)) haveSubject = 0;
    if ((f & QC_PARTICIPLE) && after < n && isP(&t[after], ',')) cs = 0;
    if (cs && haveSubject) {
      qattr at;
      memset(&at, 0, sizeof at);
      speakerOf(c, i0, i1, &at, t[i].s);
      if (at.hasM) {
        out->at = at;
        setCue(c, &out->at, i, len);
        out->s = cs;
        out->e = clauseEnd(c, cs, e);
        return out->e > out->s;
      }
    }
    /* a cue at the end: "…, the curator said." / "…, said the curator." */
    if (!(f & (QC_DIRECT)) || (f & QC_PARTICIPLE)) continue;
    size_t comma = i;
    while (comma > 0 && !(t[comma - 1].type == T_PUNCT)) comma--;
    if (comma == 0 || !isP(&t[comma - 1], ',') || comma - 1 < 1) continue;
    if (!(f & QC_CLAUSE) && i == comma) continue; /* inverted: say-verbs only */
    size_t tail = after;
    while (tail < n && t[tail].type == T_WORD) tail++;
    if (i > comma && tail - after > 4) continue;  /* "…, X said on Friday." */
    if (i == comma && tail - after > 6) continue; /* "…, said the curator." */
    if (i > comma && ((t[comma].cls & (QW_CLAUSEWORD | QW_LEAD)) && !t[comma].cap)) continue;
    int atEnd = tail >= n || (t[tail].type == T_PUNCT && isTerminator(t[tail].pc) && tail + 1 >= n);
    int paren = !atEnd && tail < n && isP(&t[tail], ',');
    if (!atEnd && !paren) continue;
    if (atEnd && comma - 1 < 3) continue; /* "…, X said." needs a clause before */
    qattr at;
    memset(&at, 0, sizeof at);
    if (i > comma) {
      /* speaker before the cue */
      if (paren && tail != after) continue;
      size_t e0 = i;
      while (e0 > comma && (t[e0 - 1].cls & QW_AUX) && !t[e0 - 1].cap) e0--;
      if (!plausibleSpeaker(c, comma, e0)) continue;
      speakerOf(c, comma, i, &at, t[i].s);
    } else if (!(f & QC_OBJECT)) {
      size_t e2 = phraseAfter(c, after, n);
      if (e2 == after || !plausibleSpeaker(c, after, e2)) continue;
      speakerOf(c, after, e2, &at, t[i].s);
    } else {
      continue;
    }
    if (!at.has) continue;
    out->at = at;
    setCue(c, &out->at, i, len);
    out->s = s;
    out->e = paren ? clauseEnd(c, s, e) : t[comma - 1].s;
    return out->e > out->s;
  }
  return 0;
}

/* ---- sentences ------------------------------------------------------------------------------ */

static int isAbbrev(const unsigned char *z, size_t a, size_t b) {
  static const char *const az[] = {
      "mr",  "mrs",  "ms",   "dr",   "st",  "jr",  "sr",  "gen", "col",    "lt",   "sgt",  "capt",
      "gov", "sen",  "rep",  "prof", "mt",  "vs",  "etc", "inc", "ltd",    "co",   "corp", "jan",
      "feb", "aug",  "sept", "oct",  "nov", "dec", "rev", "fig", "approx", "dept", "est",  "maj",
      "adm", "cmdr", "gen",  "u.s",  "e.g", "i.e", "a.m", "p.m", NULL};
  if (b - a == 1 && z[a] >= 'A' && z[a] <= 'Z') return 1; /* an initial */
  if (b - a > 6) return 0;
  for (int k = 0; az[k]; k++) {
    if (vb_ascii_ieq((const char *)z + a, b - a, az[k])) return 1;
  }
  return 0;
}

static int inCover(qctx *c, size_t pos) {
  while (c->iCover < c->nCover && c->cover[2 * c->iCover + 1] <= pos) c->iCover++;
  return c->iCover < c->nCover && c->cover[2 * c->iCover] <= pos;
}

/* Bytes that can end a sentence: . ! ? newline, and lead bytes of … 。 ！ ？ */
static const unsigned char kStop[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1};

/* End of the narrator sentence starting at s within [s, b); ci is the next
 * child span index (advanced past the spans it contains). */

static size_t sentenceEnd(qctx *c, size_t s, size_t b, size_t *pci, size_t ciEnd) {
  const unsigned char *z = c->z;
  size_t n = c->n, i = s, ci = *pci;
  while (i < b) {
    if (i - s > MAX_SENTENCE) {
      while (i < b && z[i] != ' ' && z[i] != '\n') i++;
      break;
    }
    while (ci < ciEnd && c->sp[ci].open < i) ci = c->sp[ci].after;
    if (ci < ciEnd && c->sp[ci].open == i) {
      const qspan *q = &c->sp[ci];
      i = q->close > i ? q->close : i + 1;
      ci = q->after;
      /* a quotation that ends with a terminator ends the sentence if a new
       * sentence follows */
      size_t le = qtext_trim_end(z, n, q->cs, q->ce);
      int32_t lc = 0;
      if (le > q->cs) vb_utf8_prev(z, n, le, &lc);
      if (isTerminator(lc) && q->close > q->ce) {
        size_t j = i, w;
        while (j < b && (w = qtext_hspace_at(z, n, j)) > 0) j += w;
        if (j >= b) break;
        int32_t d;
        vb_utf8_next(z, n, j, &d);
        if (isUpperCp(d) || d == '\n' || d == '\r' || (ci < ciEnd && c->sp[ci].open == j)) break;
      }
      continue;
    }
    size_t lim = ci < ciEnd && c->sp[ci].open < b ? c->sp[ci].open : b;
    /* skip to the next byte that can end a sentence */
    {
      size_t cap = s + MAX_SENTENCE + 1 < lim ? s + MAX_SENTENCE + 1 : lim;
      while (i < cap && !kStop[z[i]]) i++;
      if (i >= lim) continue;
      if (i >= cap) continue;
    }
    unsigned char ch = z[i];
    if (ch == '\n') {
      size_t j = i + 1;
      while (j < b && (z[j] == ' ' || z[j] == '\t' || z[j] == '\r')) j++;
      if (j >= b || z[j] == '\n') break;
      /* a line break after a sentence end, or before a turn label */
      size_t k = qtext_trim_end(z, n, s, i);
      int32_t lc = 0;
      if (k > s) vb_utf8_prev(z, n, k, &lc);
      if (isTerminator(lc) || lc == ':' || isQuoteMarkCp(lc)) break;
      while (c->iTurn < c->nTurn && c->turn[c->iTurn].lineStart < j) c->iTurn++;
      if (c->iTurn < c->nTurn && c->turn[c->iTurn].lineStart == j) break;
      {
        /* as in sentences(): a line break ends the sentence except in
         * hard-wrapped prose, a line of at least VB_SENT_WRAP_MIN bytes followed
         * by a line that starts with a lower-case letter (a headline
         * before "“The talks failed,” Smith said." ends there) */
        int32_t d;
        size_t le = i > s && z[i - 1] == '\r' ? i - 1 : i; /* the line without its CR LF */
        size_t ls = le;
        vb_utf8_next(z, n, j, &d);
        if (!isLowerCp(d)) break;
        while (ls > 0 && z[ls - 1] != '\n' && z[ls - 1] != '\r' && le - ls < VB_SENT_WRAP_MIN) ls--;
        if (le - ls < VB_SENT_WRAP_MIN) break;
      }
      i++;
      continue;
    }
    if (ch == '.' || ch == '!' || ch == '?' || ch >= 0xE2) {
      int32_t cp;
      size_t j = vb_utf8_next(z, n, i, &cp);
      if (!isTerminator(cp)) {
        i = j;
        continue;
      }
      if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {
        i = j;
        /* CJK: a closing quotation right after belongs to this sentence */
        if (!(ci < ciEnd && c->sp[ci].open == i)) break;
        continue;
      }
      size_t k = j;
      while (k < lim && (z[k] == '.' || z[k] == '!' || z[k] == '?' || z[k] == ')' || z[k] == ']'))
        k++;
      if (k >= b) {
        i = k;
        break;
      }
      if (k < lim && z[k] != '\n' && z[k] != '\r' && qtext_hspace_at(z, n, k) == 0) {
        i = k;
        continue;
      }
      size_t m = k, sp;
      while (m < b && (sp = qtext_hspace_at(z, n, m)) > 0) m += sp;
      if (m >= b) {
        i = k;
        break;
      }
      int32_t d;
      vb_utf8_next(z, n, m, &d);
      int starts = isUpperCp(d) || (d >= '0' && d <= '9') || d == '(' || d == '\n' ||
                   (ci < ciEnd && c->sp[ci].open == m) || isQuoteMarkCp(d) || isCjkCp(d);
      if (starts && cp == '.') {
        size_t w = i;
        while (w > s && ((z[w - 1] | 0x20) >= 'a' && (z[w - 1] | 0x20) <= 'z')) w--;
        if (w < i && isAbbrev(z, w, i)) starts = 0;
      }
      if (starts) {
        i = k;
        break;
      }
      i = k;
      continue;
    }
    i++;
  }
  *pci = ci;
  return i < b ? i : b;
}

static int processRegion(qctx *c, size_t a, size_t b, size_t ci, size_t ciEnd, int depth);

/* Is the content of span k a complete utterance (ends with a terminator or
 * a comma before its closing mark)? */
static int endsUtterance(qctx *c, const qspan *q) {
  size_t le = qtext_trim_end(c->z, c->n, q->cs, q->ce);
  int32_t lc = 0;
  if (le <= q->cs) return 0;
  vb_utf8_prev(c->z, c->n, le, &lc);
  return isTerminator(lc) || lc == ',' || lc == ';' || lc == 0xFF0C || lc == 0x3001 ||
         isQuoteMarkCp(lc);
}

static int wordCount(qctx *c, size_t a, size_t b) {
  int k = 0, in = 0;
  while (a < b) {
    int32_t ch;
    a = vb_utf8_next(c->z, c->n, a, &ch);
    int w = isWordCp(ch);
    if (w && !in) k++;
    in = w;
  }
  return k;
}

static int titleLike(qctx *c, const qspan *q) {
  /* a short capitalised phrase with no terminator: a title or a name */
  if (wordCount(c, q->cs, q->ce) > 5) return 0;
  size_t i = q->cs;
  int first = 1;
  while (i < q->ce) {
    int32_t ch;
    size_t j = vb_utf8_next(c->z, c->n, i, &ch);
    if (isWordCp(ch) && first && !isUpperCp(ch) && !(ch >= '0' && ch <= '9')) {
      /* lower-case word: allowed only for short function words */
      size_t e = j;
      while (e < q->ce) {
        int32_t d;
        size_t k = vb_utf8_next(c->z, c->n, e, &d);
        if (!isWordCp(d)) break;
        e = k;
      }
      if (e - i > 3) return 0;
      i = e;
      first = 0;
      continue;
    }
    first = !isWordCp(ch);
    i = j;
  }
  return 1;
}

static int processSentence(qctx *c, size_t s, size_t e, size_t ci, size_t ciEnd, int depth) {
  int rc = tokenize(c, s, e, ci, ciEnd);
  if (rc) return rc;
  qtok *t = c->tok;
  size_t n = c->ntok;
  if (depth == 0) {
    c->sentNo++;
    rc = registerNames(c);
    if (rc) return rc;
  }
  /* 1. direct quotations and their attribution */
  size_t seg = 0;
  int prevQuote = -1;
  for (size_t i = 0; i < n; i++) {
    if (t[i].type != T_QUOTE) continue;
    qspan *q = &c->sp[t[i].span];
    qattr *at = &c->attr[t[i].span];
    memset(at, 0, sizeof *at);
    /* the narrator's words before it in this segment */
    int starts = 1, intro = 0;
    for (size_t k = seg; k < i; k++) {
      if (t[k].type == T_WORD) starts = 0;
    }
    if (i > seg && t[i - 1].type == T_PUNCT &&
        (t[i - 1].pc == ':' || t[i - 1].pc == ',' || isDash(&t[i - 1])))
      intro = 1;
    if (prevQuote >= 0 && c->attr[t[prevQuote].span].has &&
        (c->attr[t[prevQuote].span].via == 2 || c->attr[t[prevQuote].span].via == 7) && intro) {
      /* split by its cue: “The trick,” says X, “is patience.” */
      *at = c->attr[t[prevQuote].span];
      at->via = 1;
    } else if (attrAfter(c, i, at)) {
      if (at->via != 7) at->via = 2;
    } else if (attrBefore(c, seg, i, at)) {
      at->via = 3;
      if (!at->hasC) at->via = 4;
    }
    /* A short lead-in of capitalised words without a cue ("Then", "(CNN)",
     * "On Monday") before a quotation that ends as an utterance and is
     * attributed right after it ("Then “third,” Jones said.") does not make
     * it partial ("The so-called “peace plan,” …" stays so). */
    int lead = 0;
    if (!starts && !intro && at->has && at->via == 2 && endsUtterance(c, q)) {
      int words = 0, notLead = 0; /* a lower-case word or a cue */
      for (size_t k = seg; k < i && !notLead; k++) {
        unsigned f;
        if (t[k].type != T_WORD) continue;
        words++;
        notLead = !t[k].cap || cueAt(c, k, i, &f) > 0;
      }
      lead = words <= 2 && !notLead;
    }
    int direct =
        (starts || intro || lead || at->via == 3 || at->via == 4 || at->via == 7) &&
        (endsUtterance(c, q) || intro || at->via >= 2 || (i + 1 >= n || t[i + 1].type == T_PUNCT));
    if (starts && !at->has && !endsUtterance(c, q)) direct = 0;
    if (depth > 0 && starts && !at->has && !endsUtterance(c, q)) direct = 0;
    q->dropped = 0;
    if (direct) {
      if (!at->has && depth == 0 && c->lastValid &&
          (c->sentNo <= c->lastSent + 1 ||
           (c->paraNo == c->lastPara && !otherPersonSince(c, c->lastPos, q->open)))) {
        /* a continuation inherits the speaker, not the cue */
        at->hasS = c->last.hasS;
        at->sS = c->last.sS;
        at->sE = c->last.sE;
        at->hasM = c->last.hasM;
        at->mS = c->last.mS;
        at->mE = c->last.mE;
        at->person1 = c->last.person1;
        at->via = 5;
      }
      if (depth == 0 && (at->has || at->via == 5) && (at->hasS || at->hasM)) {
        c->last = *at;
        c->lastValid = 1;
        c->lastSent = c->sentNo;
        c->lastPara = c->paraNo;
        c->lastPos = q->close;
      }
      q->dropped = -1; /* direct */
    } else {
      /* partial: the nearest cue before it in the sentence */
      memset(at, 0, sizeof *at);
      if (!titleLike(c, q)) {
        for (size_t k = i; k > 0 && i - k < 40;) {
          k--;
          if (t[k].type != T_WORD) continue;
          unsigned f;
          int len = cueAt(c, k, i, &f);
          if (!len || !(f & (QC_DIRECT | QC_PARTIAL | QC_THAT))) continue;
          if (k > 0 && t[k - 1].type == T_WORD && (t[k - 1].cls & QW_FINITE) && !(f & QC_PASSIVE))
            continue; /* passive: "is framed as" */
          size_t i0, i1;
          int ok = subjectBefore(c, 0, k, &i0, &i1);
          if (!ok) ok = subjectOfPreviousClause(c, k, &i0, &i1);
          if (!ok || !plausibleSpeaker(c, i0, i1)) continue;
          setCueOnly(c, at, k, len);
          speakerOf(c, i0, i1, at, t[i].s);
          at->via = 6;
          break;
        }
      }
      q->dropped = at->has ? -2 : 1; /* partial, or a title / scare quote */
    }
    prevQuote = (int)i;
    seg = i + 1;
  }
  /* 2. reported speech */
  qclause cl;
  int haveClause = 0;
  size_t clauseQuote = n; /* the quotation that is the whole reported clause, if one is */
  if (depth == 0 && !inCover(c, s)) {
    haveClause = findIndirect(c, s, e, &cl);
    for (size_t i = 0; haveClause && i < n; i++) {
      if (t[i].type == T_QUOTE && c->sp[t[i].span].open == cl.s &&
          c->sp[t[i].span].close >= cl.e) {
        clauseQuote = i; /* "said on Friday that “…”": a direct row of the words, as
                          * for "told reporters that “…”" */
        break;
      }
    }
    if (haveClause && clauseQuote == n) {
      rc = emit(c, VB_QUOTE_INDIRECT, cl.s, cl.e, &cl.at);
      if (rc) return rc;
    }
  }
  /* 3. rows for the quotations, then their nested quotations */
  for (size_t i = 0; i < n; i++) {
    if (t[i].type != T_QUOTE) continue;
    qspan *q = &c->sp[t[i].span];
    qattr *at = &c->attr[t[i].span];
    int kind = q->dropped == -1 ? VB_QUOTE_DIRECT : q->dropped == -2 ? VB_QUOTE_PARTIAL : 0;
    if (i == clauseQuote) {
      if (kind != VB_QUOTE_DIRECT) at = &cl.at;
      kind = VB_QUOTE_DIRECT;
    } else if (kind == VB_QUOTE_PARTIAL && haveClause && q->open >= cl.s &&
               q->close <= cl.e + 4) {
      kind = 0;
    }
    if (kind) {
      rc = emit(c, kind, q->cs, q->ce, at);
      if (rc) return rc;
    }
  }
  /* 4. nested quotations: walk the child spans, not the tokens (the
   * recursion tokenizes again into the same buffer) */
  for (size_t k = ci; k < ciEnd && c->sp[k].open < e; k = c->sp[k].after) {
    const qspan *q = &c->sp[k];
    if (q->open < s) continue;
    if (k + 1 < q->after && depth + 1 < 8) {
      rc = processRegion(c, q->cs, q->ce, k + 1, q->after, depth + 1);
      if (rc) return rc;
    }
  }
  return VB_OK;
}

static int processRegion(qctx *c, size_t a, size_t b, size_t ci, size_t ciEnd, int depth) {
  size_t pos = a, prevEnd = a;
  /* the sentence cursor state of the turn list is for depth 0 only */
  size_t saveTurn = c->iTurn;
  while (pos < b) {
    pos = trimStart(c->z, c->n, pos, b);
    if (pos >= b) break;
    /* a line break between sentences starts a paragraph (for continuations) */
    if (depth == 0 && memchr(c->z + prevEnd, '\n', pos - prevEnd)) c->paraNo++;
    size_t s = pos, ci0 = ci;
    while (ci0 < ciEnd && c->sp[ci0].open < s) ci0 = c->sp[ci0].after;
    ci = ci0;
    size_t e = sentenceEnd(c, s, b, &ci, ciEnd);
    if (e <= s) e = s + 1;
    int rc = processSentence(c, s, e, ci0, ciEnd, depth);
    if (rc) return rc;
    pos = prevEnd = e;
  }
  if (depth > 0) c->iTurn = saveTurn;
  return VB_OK;
}

/* ---- turns ---------------------------------------------------------------------------------- */

static int coverPush(qctx *c, size_t a, size_t b) {
  if (c->nCover == c->capCover) {
    size_t cap = c->capCover ? c->capCover * 2 : 32;
    size_t *x = vb_realloc(c->cover, cap * 2 * sizeof *x);
    if (x == NULL) return VB_NOMEM;
    c->cover = x;
    c->capCover = cap;
  }
  c->cover[2 * c->nCover] = a;
  c->cover[2 * c->nCover + 1] = b;
  c->nCover++;
  return VB_OK;
}

static int emitTurn(qctx *c, const qturn *t, size_t a, size_t b) {
  qattr at;
  memset(&at, 0, sizeof at);
  int rc = tokenize(c, t->nameStart, t->nameEnd, c->nsp, c->nsp);
  if (rc) return rc;
  speakerOf(c, 0, c->ntok, &at, t->lineStart);
  at.hasC = 0;
  return emit(c, VB_QUOTE_TURN, a, b, &at);
}

/* The end of a turn's piece [pieceStart, pieceEnd): its row (emitRows) or
 * its cover span from coverStart; nothing when the piece is empty. */
static int flushPiece(qctx *c, const qturn *t, int emitRows, size_t coverStart, size_t pieceStart,
                      size_t pieceEnd) {
  if (pieceEnd <= pieceStart) return VB_OK;
  if (emitRows) return emitTurn(c, t, pieceStart, pieceEnd);
  return coverPush(c, coverStart, pieceEnd);
}

/* Turn text runs from the label to the next label; lines that start with
 * "(" are narration (excluded), a line that starts with "<" ends it. */
static int doTurns(qctx *c, int emitRows) {
  const unsigned char *z = c->z;
  for (size_t k = 0; k < c->nTurn; k++) {
    const qturn *t = &c->turn[k];
    size_t end = k + 1 < c->nTurn ? c->turn[k + 1].lineStart : c->n;
    size_t i = t->textStart, pieceStart = t->textStart, pieceEnd = t->textStart;
    size_t coverStart = t->lineStart;
    int narr = 0, rc;
    while (i < end) {
      size_t le = i;
      while (le < end && z[le] != '\n') le++;
      size_t fs = trimStart(z, c->n, i, le);
      size_t fe = qtext_trim_end(z, c->n, fs, le);
      if (fs < fe) {
        int open = z[fs] == '(' || z[fs] == '[';
        int cut = z[fs] == '<';
        if (i != t->textStart && (open || cut || narr)) {
          if ((rc = flushPiece(c, t, emitRows, coverStart, pieceStart, pieceEnd))) return rc;
          pieceStart = pieceEnd = le;
          coverStart = le;
          if (cut) break;
          /* narration runs to a line ending with ")" or ")." */
          int32_t lc = 0, lc2 = 0;
          size_t p = vb_utf8_prev(z, c->n, fe, &lc);
          if (p > fs) vb_utf8_prev(z, c->n, p, &lc2);
          narr = !(lc == ')' || lc == ']' || (lc == '.' && (lc2 == ')' || lc2 == ']')));
        } else {
          if (pieceEnd == pieceStart) pieceStart = fs;
          pieceEnd = fe;
        }
      }
      i = le < end ? le + 1 : le;
    }
    if ((rc = flushPiece(c, t, emitRows, coverStart, pieceStart, pieceEnd))) return rc;
  }
  return VB_OK;
}

/* ---- entry ------------------------------------------------------------------------------------
 */

int qattr_run(const qlex *lex, const unsigned char *z, size_t n, int lang, qspan *aSpan,
              size_t nSpan, const qturn *aTurn, size_t nTurn, qrows *out) {
  qctx c;
  memset(&c, 0, sizeof c);
  c.lex = lex;
  c.z = z;
  c.n = n;
  c.lang = lang;
  c.sp = aSpan;
  c.nsp = nSpan;
  c.out = out;
  c.turn = aTurn;
  c.nTurn = nTurn;
  int rc = VB_OK;
  if (nSpan) {
    c.attr = vb_malloc(nSpan * sizeof *c.attr);
    if (c.attr == NULL) return VB_NOMEM;
    memset(c.attr, 0, nSpan * sizeof *c.attr);
  }
  rc = doTurns(&c, 0);
  if (rc == VB_OK) {
    size_t first = 0;
    rc = processRegion(&c, 0, n, first, nSpan, 0);
  }
  if (rc == VB_OK) rc = doTurns(&c, 1);
  vb_free(c.attr);
  vb_free(c.cover);
  vb_free(c.tok);
  vb_free(c.per);
  vb_free(c.map);
  return rc;
}
