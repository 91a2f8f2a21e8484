/* SPDX-License-Identifier: MIT
 *
 * sentence_lang.c -- per-language knowledge on top of UAX #29: which
 * Unicode sentence boundaries a reader would keep, and where a reader
 * breaks although UAX #29 does not.
 *
 * The scanner (vb_sent_scan_soft in sentences.c) stops at every terminator
 * sequence and every paragraph separator; each stop is a candidate that
 * the rules below keep or drop.  Rules, in order:
 *   1. Quotation marks and brackets: a candidate inside marks opened in the
 *      current sentence is dropped when the closing mark follows on the same
 *      line within VB_SENT_QUOTE_MAX bytes ("(He worked there. Later.) at",
 *      „Prieskumy … váhu. V podstate …,“ reagoval).  Straight double quotes
 *      toggle; single quotes are never tracked (apostrophes).
 *   2. Ellipses: "word. . . . Next" and "word. ...next" break after the
 *      first period; three spaced periods after a space (" . . . I") do
 *      not end a sentence; "that.... She" and ". . . . Next" do.
 *   3. Where UAX forbids a break: SB6 ("3.5") and SContinue ("etc., and")
 *      never break; SB7 breaks "world.Today" (a lower-case word, a period,
 *      a capitalised word; not in URLs or e-mail addresses); SB8 (a lower-
 *      case word follows) breaks only before a list marker ("store. w)
 *      hello") and, in Greek, after a word that is not an abbreviation.
 *   4. "!" and "?" followed by a lower-case word (after spaces, dashes,
 *      commas) do not end a sentence ("Yahoo! in", "бар? — деді").
 *   5. A period after a word: abbreviations of the language (and of
 *      English, for Latin-script languages; of Russian, for Cyrillic):
 *        title  (Mr., Dr., z. B., т. е.)   never ends a sentence;
 *        number (No., p., S., Tel.)        not before a number;
 *        time   (a.m., p.m.)               ends one before a sentence
 *                                          starter, or before a title ("Mr.")
 *                                          when the sentence has more than
 *                                          three words;
 *        other  (Co., etc., U.S., initials, any dotted token like S.U.)
 *               ends one only before a sentence starter of the language
 *               ("It", "They", "Det"), so "Albert I. Jones", "U.S.
 *               Government" stay whole while "you and I. Did" breaks.
 *      Numbers: "1." at the start of a sentence is a list marker; "23.
 *      August" (a month after an ordinal, in de da sk pl) and "XII. Pluku"
 *      do not break; "1.Helado" (a short number glued to a word) does not.
 *   6. Line breaks end sentences (headings, transcript turns, list lines),
 *      except a hard-wrapped line: one of at least VB_SENT_WRAP_MIN bytes
 *      with no terminator, followed by a line starting with a lower-case
 *      letter.
 *   7. Added breaks: before a bullet (• ‣ ⁃ ◦ ▪ ●) that follows white space,
 *      and before the next marker of a list the sentence started ("1. a 2.
 *      b", "a) x b) y").
 *   8. Extra terminators: Armenian ':' before a capital, Greek ';' and
 *      Arabic ':' before a letter, the Tibetan shads ། ༎ (sentences.c).
 *   9. Opening marks glued to a terminator ("言った。「はい", "ended.(Next")
 *      start the next sentence (UAX #29 counts them as closing the last);
 *      in Chinese and Japanese a closing 」 』 ” after the terminator, then
 *      more text, continues the sentence (「好。」他说).
 * Scripts without case (am ar fa hi ja mr my ur zh) never end a sentence
 * at a listed abbreviation or a single letter (Arabic "د." for Dr.).
 * Every rule looks at a bounded window around the candidate (tokens of at
 * most VB_SENT_TOKEN_MAX bytes, quotes within VB_SENT_QUOTE_MAX bytes), and
 * the quote tracker scans each byte once, so segmentation stays linear.
 * Word lists are space-separated strings, hashed once into static tables
 * (call_once) and looked up only at a candidate.
 */
#define _GNU_SOURCE
#include "sentence_lang.h"

#include <string.h>
#ifndef __STDC_NO_THREADS__
#include <threads.h>
#endif
#include <utf8proc.h>

#include "sentence_break.h"

#define VB_SENT_QUOTE_MAX 1200 /* how far a closing quote or bracket is looked for */
#define VB_SENT_TOKEN_MAX 48   /* the longest abbreviation chain looked at */

/* ---- language data --------------------------------------------------------- */

enum { ABBR_NONE = 0, ABBR_TITLE, ABBR_NUM, ABBR_TIME, ABBR_OTHER };

#define F_ORDINAL_DOT 1 /* "23. August": ordinals take a period */
#define F_LOWER_BREAK 2 /* a period before a lower-case word may end a sentence */
#define F_NO_CASE 4     /* the script has no case: initials and abbreviations never end one */

/* A word list: " mr dr " (space-separated, with spaces at both ends), and
 * its hash table (filled once, on first use, by wl_init_all; each list
 * has its own static slot array, a file-scope compound literal). */
#define WL_SLOTS 256 /* a power of two, more than twice the longest list */
typedef struct vb_wslot {
  uint16_t off; /* the word is z[off .. off + len) */
  uint8_t len;  /* 0: empty slot */
} vb_wslot;
typedef struct vb_wlist {
  const char *z;
  size_t n;
  vb_wslot *a;
} vb_wlist;
/* The word lists below are laid out by hand. */
/* clang-format off */
#define WL(s) {s, sizeof(s) - 1, (vb_wslot[WL_SLOTS]){{0, 0}}}
#define WL_NONE {"", 0, NULL}

typedef struct vb_sent_rules {
  vb_wlist title;    /* lower case, internal periods, no spaces */
  vb_wlist num;      /* before a number */
  vb_wlist time;     /* a.m. */
  vb_wlist other;    /* ends a sentence only before a starter */
  vb_wlist starters; /* " The It " : as written */
  vb_wlist months;   /* lower case, for F_ORDINAL_DOT */
  unsigned flags;
  int weak;     /* extra ASCII terminator, or 0 */
  int weakNext; /* class of the letter it needs next */
  const struct vb_sent_rules *fallback;
} vb_sent_rules;

static const vb_sent_rules rules_en = {WL(" mr mrs ms messrs dr prof mt lt col gen sen rep gov capt sgt rev hon pres supt adm maj "
    "brig cmdr cpl pvt insp ste mme mlle mssrs "),
    WL(" no nos nr p pp vol vols fig figs art ch chap sec sect para tel ext op n° nº eq ref pt "),
    WL(" a.m p.m "),
    WL(" co corp inc ltd llc plc etc vs cf al jr sr st bros dept univ assn ave blvd rd jan feb mar apr "
    "jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun e.g i.e u.s u.k "
    "u.n e.u u.s.a d.c a.d b.c ph.d m.d b.a m.a approx est misc min max hr hrs sq ft oz lb lbs mi "
    "yrs esq "),
    WL(" A About After All Also An And Another Any As At Because Before Being But By Did Do During "
    "Each Even Every For From He Her Here His How However I If In Instead It Its Many More Most My "
    "Neither No Nor Not Now Of Often On Once One Only Or Other Our Perhaps She Since So Some Such "
    "That The Their Then There These They This Those Though Thus To Under Unlike Until We What When "
    "Where Whether Which While Who Why With Within Yet You Your "),
    WL_NONE,
    0,
    0,
    0,
    NULL};

static const vb_sent_rules rules_da = {WL(" hr fr frk skt sct dr prof "),
    WL(" nr s kl "),
    WL_NONE,
    WL(" bl.a f.eks dvs osv mht ca jf evt ifm iflg mv co s.u "),
    WL(" De Dem Den Der Det Du En Et Han Hans Hende Hun Hvad Hvem Hvor Hvorfor Hvordan Jeg Men Nu Og "
    "Så Vi Vores "),
    WL(" januar februar marts april maj juni juli august september oktober november december "),
    F_ORDINAL_DOT,
    0,
    0,
    &rules_en};

static const vb_sent_rules rules_de = {WL(" dr prof hr fr frl med dipl ing st z.b z.t z.z u.a u.ä d.h vgl sog geb gest ggf bzw o.ä "
    "s.o s.u evtl "),
    WL(" nr s str bd abs art tel kap ca "),
    WL_NONE,
    WL(" usw etc kath evang jh jhd mio mrd inkl exkl zzgl e.v "),
    WL(" Aber Als Am Auch Auf Aus Bei Da Dann Das Dem Den Der Des Deshalb Die Dies Diese Dieser Dieses "
    "Doch Dort Du Ein Eine Einer Er Es Für Heute Hier Ich Ihr Im In Jedoch Man Mit Nach Nun Ob Sie "
    "So Und Uns Was Weil Wenn Wie Wir Wo Zu Zum Zur "),
    WL(" januar jänner februar märz april mai juni juli august september oktober november dezember "),
    F_ORDINAL_DOT,
    0,
    0,
    &rules_en};

static const vb_sent_rules rules_es = {WL(" sr sra srta srs sres dr dra lic ing prof d dña sto sta gral arq lcdo lcda "),
    WL(" no núm nro pág págs art párrf tel cra cap vol n° nº "),
    WL_NONE,
    WL(" ee.uu ee uu etc aprox av avda ej p.ej máx hs km ene feb mar abr may jun jul ago sep sept oct nov "
    "dic lun mié jue vie sáb dom cía s.a admón "),
    WL(" A Al Ante Aquí Como Con Cuando De Del Desde Después El Ella Ellos En Entonces Es Esa Ese Eso "
    "Esta Este Esto Hay La Las Lo Los Mi No Nos Para Pero Por Que Se Si Sin Su Sus También Un Una "
    "Y Yo "),
    WL_NONE,
    0,
    0,
    0,
    &rules_en};

static const vb_sent_rules rules_it = {WL(" sig sig.ra sig.na dott avv ing prof arch geom rag dir amm on sen gen col cap mons psicol "),
    WL(" n art pag tel vol cap "),
    WL_NONE,
    WL(" ecc etc es ca mar nov set gen feb apr mag giu lug ago ott dic lun mer gio ven sab dom meteor "
    "idraul econ az ltd "),
    WL(" Al Alla Anche Che Ci Come Con Da Dal Del Della Di Dopo E Ecco Gli Ha Ho I Il In La Le Lei Lo "
    "Loro Lui Ma Mi Ne Nel Nella Non Noi Per Però Poi Quando Questo Questa Se Si Sono Su Tu Un Una "
    "Uno "),
    WL_NONE,
    0,
    0,
    0,
    &rules_en};

static const vb_sent_rules rules_fr = {WL(" m mm mme mlle dr pr me st ste mgr "),
    WL(" n° no p pp art vol chap tél "),
    WL_NONE,
    WL(" etc cf ex env av bd ltd p.ex "),
    WL(" Alors Au Aux Ce Cela Ces Cette Dans De Des Du Elle Elles En Et Il Ils Je La Le Les Leur Mais "
    "Nous On Par Pour Puis Quand Que Qui Sa Se Ses Son Sur Un Une Vous "),
    WL_NONE,
    0,
    0,
    0,
    &rules_en};

static const vb_sent_rules rules_nl = {WL(" dhr mevr mr dr prof ir ing drs st "),
    WL(" blz nr "),
    WL_NONE,
    WL(" aanw vnw bijv enz etc o.a d.w.z m.a.w i.p.v ca vs bv nv "),
    WL(" De Dat Deze Die Dit Een Er Het Hij Ik In Maar Men Ook Op Wat We Wij Ze Zij "),
    WL_NONE,
    0,
    0,
    0,
    &rules_en};

static const vb_sent_rules rules_pl = {WL(" dr prof mgr inż ks płk gen św "),
    WL(" nr str s "),
    WL_NONE,
    WL(" itd itp np tzn tj ok ul al pl bałt r w godz tys mln mld zł gr "),
    WL(" A Ale Gdy I Jak Jednak Już Na Nie Od On Ona Oni Po To W We Z Za "),
    WL(" stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada "
    "grudnia "),
    F_ORDINAL_DOT,
    0,
    0,
    &rules_en};

static const vb_sent_rules rules_sk = {WL(" p ing mudr judr doc prof mgr phdr rndr bc sv s.r.o "),
    WL(" č str "),
    WL_NONE,
    WL(" a.s napr tzv tj atď resp r ul mil mld kpt "),
    WL(" A Ale Ak Ako Aj Na Nie Po Potom Tak To V Vo Z Za "),
    WL(" január február marec apríl máj jún júl august september október november december januára "
    "februára marca apríla mája júna júla augusta septembra októbra novembra decembra "),
    F_ORDINAL_DOT,
    0,
    0,
    &rules_en};

static const vb_sent_rules rules_ru = {WL(" г гг г-н проф акад ген д-р доц ул пр пгт пос им св тов т.е т.к т.н и.о вкл напр см ст "
    "т.г пл т.нар т.б б.з.б "),
    WL(" кв стр с рис гл ч № "),
    WL_NONE,
    WL(" т.д т.п руб долл дол коп тыс млн млрд ок куб км у.е гр ж "),
    WL(" А В Во Вот Всё Все Да Для До Если Ещё Же За И Из Их К Как Когда Кто Мы На Не Но О Об Он Она "
    "Они Оно По После При С Так Также То Только Ты У Что Это Эта Этот Я "),
    WL_NONE,
    0,
    0,
    0,
    NULL};

static const vb_sent_rules rules_bg = {WL(" г гр пл проф д-р ул т.г т.нар вкл напр "),
    WL(" стр с № "),
    WL_NONE,
    WL(" млн млрд лв "),
    WL(" И В На Той Тя То Те Но А За От Това Този Тази Когато Ако Не "),
    WL_NONE,
    0,
    0,
    0,
    &rules_ru};

static const vb_sent_rules rules_kk = {WL(" т.б б.з.б т.с.с "),
    WL(" № "),
    WL_NONE,
    WL(" млрд млн ж "),
    WL_NONE,
    WL_NONE,
    0,
    0,
    0,
    &rules_ru};

static const vb_sent_rules rules_el = {WL(" κ.λπ π.χ δηλ κ.α κ "),
    WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    F_LOWER_BREAK,
    ';',
    VB_SB_OLETTER,
    NULL};

static const vb_sent_rules rules_hy = {WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    0,
    ':',
    VB_SB_UPPER,
    NULL};
static const vb_sent_rules rules_ar = {WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    F_NO_CASE,
    ':',
    VB_SB_OLETTER,
    NULL};
/* Devanagari (hi, mr): no case; "डॉ." and "प्रो." are titles */
static const vb_sent_rules rules_deva = {WL(" डॉ प्रो श्री सौ कु "),
    WL_NONE,
    WL_NONE,
    WL(" रु सं पृ "),
    WL_NONE,
    WL_NONE,
    F_NO_CASE,
    0,
    0,
    NULL};
static const vb_sent_rules rules_nocase = {WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    WL_NONE,
    F_NO_CASE,
    0,
    0,
    NULL};

static const vb_sent_rules *const all_rules[] = {
    &rules_en, &rules_da, &rules_de, &rules_es, &rules_it, &rules_fr, &rules_nl, &rules_pl,
    &rules_sk, &rules_ru, &rules_bg, &rules_kk, &rules_el, &rules_hy, &rules_ar, &rules_deva,
    &rules_nocase};
/* clang-format on */

static uint32_t wl_hash(const unsigned char *w, size_t nw) {
  uint32_t h = 2166136261u; /* FNV-1a */
  size_t i;
  for (i = 0; i < nw; i++) h = (h ^ w[i]) * 16777619u;
  return h;
}

static void wl_init(const vb_wlist *l) {
  size_t i = 0, used = 0;
  if (l->a == NULL) return;
  while (i < l->n) {
    size_t j;
    while (i < l->n && l->z[i] == ' ') i++;
    for (j = i; j < l->n && l->z[j] != ' '; j++) {
    }
    if (j > i && j - i < 256 && used < WL_SLOTS / 2) {
      uint32_t h = wl_hash((const unsigned char *)l->z + i, j - i) & (WL_SLOTS - 1);
      while (l->a[h].len) h = (h + 1) & (WL_SLOTS - 1);
      l->a[h].off = (uint16_t)i;
      l->a[h].len = (uint8_t)(j - i);
      used++;
    }
    i = j;
  }
}

static void wl_init_all(void) {
  size_t i;
  for (i = 0; i < sizeof all_rules / sizeof all_rules[0]; i++) {
    const vb_sent_rules *r = all_rules[i];
    wl_init(&r->title);
    wl_init(&r->num);
    wl_init(&r->time);
    wl_init(&r->other);
    wl_init(&r->starters);
    wl_init(&r->months);
  }
}

#ifndef __STDC_NO_THREADS__
static once_flag wl_once = ONCE_FLAG_INIT;
#endif

static const vb_sent_rules *rules_for(vb_lang_id id) {
  switch (id) {
    case VB_LANG_EN: return &rules_en;
    case VB_LANG_DA: return &rules_da;
    case VB_LANG_DE: return &rules_de;
    case VB_LANG_ES: return &rules_es;
    case VB_LANG_IT: return &rules_it;
    case VB_LANG_FR: return &rules_fr;
    case VB_LANG_NL: return &rules_nl;
    case VB_LANG_PL: return &rules_pl;
    case VB_LANG_SK: return &rules_sk;
    case VB_LANG_RU: return &rules_ru;
    case VB_LANG_BG: return &rules_bg;
    case VB_LANG_KK: return &rules_kk;
    case VB_LANG_EL: return &rules_el;
    case VB_LANG_HY: return &rules_hy;
    case VB_LANG_AR: return &rules_ar;
    case VB_LANG_HI:
    case VB_LANG_MR: return &rules_deva;
    default: return &rules_nocase; /* am fa ja my ur zh: scripts without case */
  }
}

/* Is the word w[0..nw) in the space-separated list? */
#define VB_SENT_WORD_MAX 24 /* no listed word is longer (bytes) */

static int in_list(vb_wlist list, const unsigned char *w, size_t nw) {
  if (nw == 0 || nw > VB_SENT_WORD_MAX || list.n == 0) return 0;
#ifndef __STDC_NO_THREADS__
  {
    uint32_t h = wl_hash(w, nw) & (WL_SLOTS - 1);
    int probes;
    for (probes = 0; probes < WL_SLOTS && list.a[h].len; probes++) {
      if (list.a[h].len == nw && memcmp(list.z + list.a[h].off, w, nw) == 0) return 1;
      h = (h + 1) & (WL_SLOTS - 1);
    }
    return 0;
  }
#else
  {
    char key[VB_SENT_WORD_MAX + 3];
    key[0] = ' ';
    memcpy(key + 1, w, nw);
    key[nw + 1] = ' ';
    return memmem(list.z, list.n, key, nw + 2) != NULL;
  }
#endif
}

static int abbr_class(const vb_sent_rules *r, const unsigned char *w, size_t nw) {
  for (; r; r = r->fallback) {
    if (in_list(r->title, w, nw)) return ABBR_TITLE;
    if (in_list(r->num, w, nw)) return ABBR_NUM;
    if (in_list(r->time, w, nw)) return ABBR_TIME;
    if (in_list(r->other, w, nw)) return ABBR_OTHER;
  }
  return ABBR_NONE;
}

static int is_starter(const vb_sent_rules *r, const unsigned char *w, size_t nw) {
  for (; r; r = r->fallback) {
    if (in_list(r->starters, w, nw)) return 1;
  }
  return 0;
}

/* ---- characters ------------------------------------------------------------ */

static inline size_t cp_at(const unsigned char *z, size_t n, size_t i, int32_t *pCp) {
  return vb_utf8_next(z, n, i, pCp);
}

static inline int sb_of(int32_t cp) { return vb_sb_class(cp); }

static inline int is_letter_class(int k) {
  return k == VB_SB_UPPER || k == VB_SB_LOWER || k == VB_SB_OLETTER;
}

static int is_bullet(int32_t cp) {
  return cp == 0x2022 || cp == 0x2023 || cp == 0x2043 || cp == 0x25E6 || cp == 0x25AA ||
         cp == 0x25CF;
}

static int is_dash(int32_t cp) {
  return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2012 || cp == 0x2015;
}

static int is_space_cp(int32_t cp) {
  int k;
  if (cp == ' ' || cp == '\t') return 1;
  k = sb_of(cp);
  return k == VB_SB_SP;
}

/* The start of the character that ends at i, and its code point. */
static size_t cp_before(const unsigned char *z, size_t n, size_t i, int32_t *pCp) {
  if (z[i - 1] < 0x80) {
    *pCp = z[i - 1];
    return i - 1;
  }
  return vb_utf8_prev(z, n, i, pCp);
}

/* Append the lower-case form of z[a..b) to buf (at most cap bytes), dropping
 * white space, Extend and Format.  Returns the length, or cap + 1 if it
 * does not fit. */
static size_t lower_key(const unsigned char *z, size_t n, size_t a, size_t b, unsigned char *buf,
                        size_t cap) {
  size_t len = 0;
  while (a < b) {
    int32_t cp;
    int k;
    a = cp_at(z, n, a, &cp);
    k = sb_of(cp);
    if (k == VB_SB_SP || k == VB_SB_EXTEND || k == VB_SB_FORMAT) continue;
    cp = utf8proc_tolower(cp);
    if (len + 4 > cap) return cap + 1;
    len += (size_t)vb_utf8_encode(cp, buf + len);
  }
  return len;
}

/* The next word at i: skips spaces, opening marks (Close class), dashes;
 * sets [*pA, *pB) to the run of letters (with '-' inside), returns the
 * class of its first character (0 if none). */
static int next_word(const unsigned char *z, size_t n, size_t i, size_t *pA, size_t *pB) {
  int32_t cp;
  int k = 0, first = 0;
  size_t j, lim = i + VB_SENT_TOKEN_MAX;
  while (i < n && i < lim) {
    j = cp_at(z, n, i, &cp);
    k = sb_of(cp);
    if (k == VB_SB_SP || k == VB_SB_CLOSE || k == VB_SB_EXTEND || k == VB_SB_FORMAT ||
        cp == 0x00BF || cp == 0x00A1) {
      i = j;
      continue;
    }
    break;
  }
  *pA = *pB = i;
  if (i >= n) return 0;
  while (i < n && i < *pA + VB_SENT_TOKEN_MAX) {
    j = cp_at(z, n, i, &cp);
    k = sb_of(cp);
    if (!is_letter_class(k) && k != VB_SB_EXTEND && k != VB_SB_FORMAT) break;
    if (first == 0) first = k;
    i = j;
  }
  *pB = i;
  return first;
}

/* ---- list markers ------------------------------------------------------------
 * "1." "1)" "1.)" "(1)" "a." "a)" "(a)" "(iv)" "iv)", optionally after a bullet.
 * kind: bits 0-1 style (1 "x." 2 "x)" 3 "x.)" 4 "(x)"), bits 4-5 type
 * (16 digits, 32 lower-case letter, 48 upper-case letter, 64 roman). */

static int roman_value(const unsigned char *w, size_t nw) {
  static const char *const azRoman[] = {"i",   "ii",   "iii", "iv", "v",  "vi",
                                        "vii", "viii", "ix",  "x",  "xi", "xii"};
  size_t i;
  for (i = 0; i < sizeof azRoman / sizeof azRoman[0]; i++) {
    if (strlen(azRoman[i]) == nw && memcmp(azRoman[i], w, nw) == 0) return (int)i + 1;
  }
  return 0;
}

/* A list marker at i (no bullet): returns its end (after the marker and
 * before the space), or 0; sets *pKind and *pVal. */
static size_t marker_at(const unsigned char *z, size_t n, size_t i, int hint, int *pKind,
                        long *pVal) {
  size_t j = i, a;
  int paren = 0, type = 0, style;
  long val = 0;
  if (j < n && z[j] == '(') {
    paren = 1;
    j++;
  }
  a = j;
  while (j < n && j - a < 3 && z[j] >= '0' && z[j] <= '9') val = val * 10 + (z[j++] - '0');
  if (j > a) {
    type = 16;
  } else {
    while (j < n && j - a < 4 && z[j] >= 'a' && z[j] <= 'z') j++;
    if (j - a == 1 && ((z[a] != 'i' && z[a] != 'v' && z[a] != 'x') || (hint & 0x70) == 32)) {
      type = 32;
      val = z[a];
    } else if (j > a) {
      int r = roman_value(z + a, j - a);
      if (r == 0) {
        if (j - a != 1) return 0;
        type = 32;
        val = z[a];
      } else {
        type = 64;
        val = r;
      }
    } else if (j < n && z[j] >= 'A' && z[j] <= 'Z') {
      type = 48;
      val = z[j++];
    } else {
      return 0;
    }
  }
  if (j >= n) return 0;
  if (paren) {
    if (z[j] != ')') return 0;
    style = 4;
    j++;
  } else if (z[j] == ')') {
    style = 2;
    j++;
  } else if (z[j] == '.' && j + 1 < n && z[j + 1] == ')') {
    style = 3;
    j += 2;
  } else if (z[j] == '.' && j + 3 < n && z[j + 1] == 0xEF && z[j + 2] == 0xBC && z[j + 3] == 0x89) {
    *pKind = 3 | type; /* "1.）" fullwidth, no space needed */
    *pVal = val;
    return j + 4;
  } else if (z[j] == '.') {
    style = 1;
    j++;
    if (type == 64) type = 32, val = z[a]; /* "i." is a letter */
    if (type == 32 && j - a > 2) return 0;
  } else {
    return 0;
  }
  if (type == 64 && style == 1) return 0;
  /* a space (or the end) must follow */
  if (j < n && z[j] != ' ' && z[j] != '\t' && z[j] != '\n' && z[j] != '\r' && z[j] < 0x80) return 0;
  if (j < n && z[j] >= 0x80) {
    int32_t cp;
    cp_at(z, n, j, &cp);
    if (!is_space_cp(cp)) return 0;
  }
  *pKind = style | type;
  *pVal = val;
  return j;
}

/* Skip a bullet and the spaces after it at i; returns the new offset. */
static size_t skip_bullet(const unsigned char *z, size_t n, size_t i) {
  int32_t cp;
  size_t j;
  if (i >= n || z[i] < 0x80) return i;
  j = cp_at(z, n, i, &cp);
  if (!is_bullet(cp)) return i;
  while (j < n) {
    size_t k = cp_at(z, n, j, &cp);
    if (!is_space_cp(cp)) break;
    j = k;
  }
  return j;
}

/* ---- quotation marks and brackets -------------------------------------------- */

/* The closing mark for an opening mark cp, or 0 if cp opens nothing.
 * '"' and “ are handled by the caller (they may close). */
static int32_t closer_of(int32_t cp) {
  switch (cp) {
    case '(': return ')';
    case '[': return ']';
    case 0x201E: return 0x201C; /* „ “ */
    case 0x00AB: return 0x00BB; /* « » */
    case 0x2039: return 0x203A; /* ‹ › */
    case 0x300C: return 0x300D; /* 「 」 */
    case 0x300E: return 0x300F; /* 『 』 */
    case 0x300A: return 0x300B; /* 《 》 */
    case 0xFF08: return 0xFF09; /* （ ） */
    default: return 0;
  }
}

/* Bytes that may start a mark the tracker cares about. */
static const unsigned char q_interesting[256] = {
    ['"'] = 1,  ['('] = 1,  [')'] = 1,  ['['] = 1,  [']'] = 1,
    [0xC2] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

static void q_reset(vb_sent_lang *p, size_t s) {
  p->qScan = s;
  p->qDepth = 0;
  p->qCloseAt = 0;
}

static void q_push(vb_sent_lang *p, int32_t closer) {
  if (p->qDepth < VB_SENT_QDEPTH) p->qClose[p->qDepth++] = closer;
}

/* Pop to the innermost mark closed by cp; returns 1 if one was. */
static int q_pop(vb_sent_lang *p, int32_t cp) {
  int d;
  for (d = p->qDepth - 1; d >= 0; d--) {
    if (p->qClose[d] == cp) {
      p->qDepth = d;
      if (d == 0) p->qCloseAt = 0;
      return 1;
    }
  }
  return 0;
}

/* Track marks in z[p->qScan .. e). */
static void q_scan(vb_sent_lang *p, size_t e) {
  const unsigned char *z = p->z;
  size_t n = p->n, i = p->qScan;
  while (i < e) {
    int32_t cp, c;
    if (!q_interesting[z[i]]) {
      i++;
      continue;
    }
    i = cp_at(z, n, i, &cp);
    if (cp == '"') {
      if (!q_pop(p, '"')) q_push(p, '"');
    } else if (cp == 0x201C) { /* “ closes „ or opens */
      if (!q_pop(p, 0x201C)) q_push(p, 0x201D);
    } else if (cp == 0x00BB) { /* » closes « or opens »…« */
      if (!q_pop(p, 0x00BB)) q_push(p, 0x00AB);
    } else if ((c = closer_of(cp)) != 0) {
      q_push(p, c);
    } else if (cp == ')' || cp == ']' || cp == 0x201D || cp == 0x00AB || cp == 0x203A ||
               cp == 0x300D || cp == 0x300F || cp == 0x300B || cp == 0xFF09) {
      q_pop(p, cp);
    }
  }
  if (e > p->qScan) p->qScan = e;
}

/* Is a candidate whose terminators end at te inside marks that close later
 * on the same line?  Scans the marks up to te first. */
static int q_inside(vb_sent_lang *p, size_t te) {
  const unsigned char *z = p->z;
  size_t n = p->n, i, lim;
  int32_t closer;
  q_scan(p, te);
  if (p->qDepth == 0) return 0;
  if (p->qCloseAt > te) return 1;
  closer = p->qClose[0];
  lim = te + VB_SENT_QUOTE_MAX < n ? te + VB_SENT_QUOTE_MAX : n;
  i = te;
  /* resume an earlier fruitless search for the same mark (keeps the
   * lookahead linear over the document) */
  if (p->qLookCloser == closer && te >= p->qLookFrom && te <= p->qLookEnd) {
    if (p->qLookLineEnd) goto not_closed;
    i = p->qLookEnd;
  } else {
    p->qLookCloser = closer;
    p->qLookFrom = te;
  }
  p->qLookLineEnd = 0;
  while (i < lim) {
    int32_t cp;
    size_t j;
    if (z[i] == '\n' || z[i] == '\r') {
      p->qLookLineEnd = 1;
      break;
    }
    j = cp_at(z, n, i, &cp);
    if (cp == closer || (closer == 0x201D && cp == 0x201C) || (closer == 0x201C && cp == 0x201D)) {
      p->qCloseAt = j;
      p->qLookCloser = 0;
      return 1;
    }
    if (cp == 0x2029 || cp == 0x2028 || cp == 0x85) {
      p->qLookLineEnd = 1;
      break;
    }
    i = j;
  }
  if (i >= n) p->qLookLineEnd = 1;
  p->qLookEnd = i;
not_closed:
  /* never closed here: forget the marks, they are not a unit */
  p->qDepth = 0;
  p->qCloseAt = 0;
  return 0;
}

/* ---- the iterator ------------------------------------------------------------ */

void vb_sent_lang_init(vb_sent_lang *p, vb_lang_id id, const unsigned char *z, size_t n) {
  memset(p, 0, sizeof *p);
#ifndef __STDC_NO_THREADS__
  call_once(&wl_once, wl_init_all);
#endif
  p->id = id;
  p->rules = rules_for(id);
  p->z = z;
  p->n = n;
}

/* The UAX candidate from pos (cached, so that a break added before a
 * candidate does not rescan up to it). */
static size_t scan_from(vb_sent_lang *p, size_t pos, vb_sent_uax *info) {
  size_t lim;
  if (p->cacheEnd > pos && p->cacheFrom <= pos) {
    lim = p->cacheInfo.term_start != (size_t)-1 ? p->cacheInfo.term_start : p->cacheEnd;
    if (pos < lim) {
      *info = p->cacheInfo;
      return p->cacheEnd;
    }
  }
  p->cacheFrom = pos;
  p->cacheEnd =
      vb_sent_scan_soft(p->z, p->n, pos, &p->cacheInfo, p->rules->weak, p->rules->weakNext);
  *info = p->cacheInfo;
  return p->cacheEnd;
}

/* A break added inside z[a..b): before a bullet after white space, or
 * before the next marker of the current list.  Returns its offset or 0. */
static size_t added_break(vb_sent_lang *p, size_t s, size_t a, size_t b) {
  const unsigned char *z = p->z;
  size_t n = p->n, i;
  if (a <= s) a = s + 1;
  if (!p->listKind) { /* only bullets: find their lead byte */
    const unsigned char *q = a < b ? memchr(z + a, 0xE2, b - a) : NULL;
    while (q) {
      int32_t cp, prev;
      i = (size_t)(q - z);
      cp_at(z, n, i, &cp);
      if (is_bullet(cp)) {
        cp_before(z, n, i, &prev);
        if (is_space_cp(prev) || prev == '\n' || prev == '\r') return i;
      }
      q = i + 1 < b ? memchr(z + i + 1, 0xE2, b - i - 1) : NULL;
    }
    return 0;
  }
  for (i = a; i < b; i++) {
    unsigned char c = z[i];
    if (c == 0xE2) {
      int32_t cp, prev;
      cp_at(z, n, i, &cp);
      if (is_bullet(cp)) {
        cp_before(z, n, i, &prev);
        if (is_space_cp(prev) || prev == '\n' || prev == '\r') return i;
      }
    } else if (p->listKind && (c == ' ' || c == '\t') && i + 1 < b) {
      int kind;
      long val;
      if (marker_at(z, n, i + 1, p->listKind, &kind, &val) && kind == p->listKind &&
          val == p->listNext)
        return i + 1;
    }
  }
  return 0;
}

/* Number of words in z[s..e), counting up to 4. */
static int few_words(const unsigned char *z, size_t s, size_t e) {
  int words = 0, in = 0;
  if (e - s > 256) return 4; /* a long sentence is not a fragment */
  for (; s < e && words < 4; s++) {
    int sp = z[s] == ' ' || z[s] == '\t' || z[s] == '\n';
    if (!sp && !in) words++;
    in = !sp;
  }
  return words;
}

/* Does the space-delimited token that ends at e look like a URL or an
 * e-mail address? */
static int url_like(const unsigned char *z, size_t n, size_t e) {
  size_t i = e, lim = e > 256 ? e - 256 : 0, j;
  for (j = e; j < n && j < e + 256 && z[j] != ' ' && z[j] != '\n' && z[j] != '\t'; j++) {
    if (z[j] == '@') return 1;
  }
  while (i > lim && z[i - 1] != ' ' && z[i - 1] != '\n' && z[i - 1] != '\t') {
    if (z[i - 1] == '@' || z[i - 1] == '/' || (z[i - 1] == ':' && i < e && z[i] == '/')) return 1;
    i--;
  }
  if (e - i >= 4 && memcmp(z + i, "www.", 4) == 0) return 1;
  return 0;
}

enum { DROP = 0, KEEP = 1 };

/* The token (letters, '°', internal periods) before the period at ts:
 * sets *pA (start of the last word) and *pChain (start of a dotted chain
 * "U.S" or two-word abbreviation "z. B"). */
static void token_before(const unsigned char *z, size_t n, size_t s, size_t ts, size_t *pA,
                         size_t *pChain, int *pTight) {
  size_t i = ts, lim = ts > s + VB_SENT_TOKEN_MAX ? ts - VB_SENT_TOKEN_MAX : s;
  int32_t cp;
  while (i > lim) {
    size_t j = cp_before(z, n, i, &cp);
    int k = sb_of(cp);
    if (!is_letter_class(k) && k != VB_SB_EXTEND && k != VB_SB_FORMAT && cp != 0xB0 && cp != 0xBA &&
        !(cp == '-' && i < ts))
      break;
    i = j;
  }
  *pA = *pChain = i;
  if (pTight) *pTight = 0;
  /* extend over "X." and "X. " before it, while each part is short */
  for (;;) {
    size_t j = *pChain, w;
    int parts = 0, tight = 0;
    if (j <= lim + 1 || z[j - 1] == ' ') {
      if (j >= lim + 2 && z[j - 1] == ' ' && z[j - 2] == '.')
        j -= 2;
      else
        break;
    } else if (z[j - 1] == '.') {
      j -= 1;
      if (*pChain == *pA) tight = 1;
    } else {
      break;
    }
    w = j;
    while (w > lim) {
      size_t q = cp_before(z, n, w, &cp);
      if (!is_letter_class(sb_of(cp))) break;
      w = q;
      parts++;
    }
    if (parts == 0 || parts > 4) break;
    if (tight && pTight) *pTight = 1;
    tight = 0;
    *pChain = w;
  }
}

/* Decide a candidate: KEEP or DROP; *pAt may move the break earlier. */
static int decide(vb_sent_lang *p, size_t s, size_t b, const vb_sent_uax *info, size_t *pAt) {
  const unsigned char *z = p->z;
  const vb_sent_rules *r = p->rules;
  size_t n = p->n, ts = info->term_start, te = info->term_end, wa, wb;
  int32_t cp;
  int nk;
  *pAt = b;
  if (ts == (size_t)-1) { /* a line break without a terminator */
    size_t i = b, ls;
    int k;
    if (b >= n) return KEEP;
    /* blank line next? */
    while (i < n && (z[i] == ' ' || z[i] == '\t')) i++;
    if (i >= n || z[i] == '\n' || z[i] == '\r') return KEEP;
    cp_at(z, n, i, &cp);
    k = sb_of(cp);
    if (k != VB_SB_LOWER) return KEEP;
    /* length of the line that ended, without its line break (LF, CR LF, CR,
     * NEL, U+2028, U+2029: CR LF counted as one byte made every CR LF line
     * a heading) */
    size_t le = b;
    if (le >= 2 && z[le - 2] == '\r' && z[le - 1] == '\n') le -= 2;
    else if (le >= 1 && (z[le - 1] == '\n' || z[le - 1] == '\r')) le -= 1;
    else if (le >= 2 && z[le - 2] == 0xC2 && z[le - 1] == 0x85) le -= 2;
    else if (le >= 3 && z[le - 3] == 0xE2 && z[le - 2] == 0x80 && (z[le - 1] & 0xFE) == 0xA8) le -= 3;
    ls = le;
    while (ls > 0 && z[ls - 1] != '\n' && z[ls - 1] != '\r' && le - ls < VB_SENT_WRAP_MIN) ls--;
    if (le - ls >= VB_SENT_WRAP_MIN) return DROP; /* hard-wrapped prose */
    return KEEP;
  }
  /* the sentence-start list marker ("1." "a)") is not a sentence */
  if (p->markerEnd && te <= p->markerEnd) return DROP;
  /* 1. quotation marks and brackets */
  if (!info->parasep && b < n && q_inside(p, te)) return DROP;
  /* 2. ellipses: "[...]" marks an omission, not an end */
  if (ts > 0 && z[ts - 1] == '[') {
    size_t i = ts;
    while (i < n && z[i] == '.') i++;
    if (i < n && z[i] == ']') return DROP;
  }
  if (te >= ts + 3 && b == te && b < n && memcmp(z + ts, "...", 3) == 0) {
    int32_t nc;
    cp_at(z, n, b, &nc);
    if (is_letter_class(sb_of(nc))) return DROP; /* "անձրևել...Այդպես" */
  }
  if (z[ts] == '.' && te > ts + 2) {
    size_t i = ts + 1;
    int32_t pc = 0;
    if (ts > 0) cp_before(z, n, ts, &pc);
    /* "word. . . . Next" / "word. ...next": break after the first period */
    if (is_letter_class(sb_of(pc)) && i < n && z[i] == ' ' && i + 1 < te && z[i + 1] == '.' &&
        b < n && z[te - 1] == '.') {
      size_t j = b;
      while (j < n && (z[j] == ' ' || z[j] == '\t')) j++;
      if (j < n && z[j] != '\n' && z[j] != '\r' && !(info->soft == 0 && j >= n)) {
        *pAt = ts + 1;
        return KEEP;
      }
    }
  }
  if (z[ts] == '.' && ts > 0 && z[ts - 1] == ' ' && te == ts + 5 &&
      memcmp(z + ts, ". . .", 5) == 0 &&
      (te >= n || z[te] != ' ' || te + 1 >= n || z[te + 1] != '.')) {
    return DROP; /* " . . . I didn't" */
  }
  if (z[ts] == '.' && ts + 1 < n && z[ts + 1] == ' ' && te > ts + 2 && info->soft == 8) {
    /* nl "raak. ...en toen" */
    int32_t pc = 0;
    if (ts > 0) cp_before(z, n, ts, &pc);
    if (is_letter_class(sb_of(pc))) {
      *pAt = ts + 1;
      return KEEP;
    }
  }
  /* 3. where UAX #29 forbids a break */
  if (info->soft) {
    int32_t pc = 0;
    if (info->soft == 6 || info->soft == 'c') return DROP;
    if (info->soft == 7) {
      size_t a, chain;
      if (ts == 0) return DROP;
      cp_before(z, n, ts, &pc);
      if (sb_of(pc) != VB_SB_LOWER) return DROP;
      token_before(z, n, s, ts, &a, &chain, NULL);
      if (ts - a < 2 || chain != a) return DROP;
      if (url_like(z, n, ts)) return DROP;
      nk = next_word(z, n, b, &wa, &wb);
      if (nk != VB_SB_UPPER) return DROP;
      return KEEP;
    }
    if (info->soft == 8 && b < n && z[b] >= '0' && z[b] <= '9') {
      /* "es 2. 2 + 2 es 4": a number follows; decide as before a capital */
    } else if (info->soft == 8) {
      int kind;
      long val;
      size_t a, chain;
      token_before(z, n, s, ts, &a, &chain, NULL);
      if (b > te && ts - a >= 2 && z[ts] == '.' && marker_at(z, n, b, 0, &kind, &val)) {
        unsigned char key[VB_SENT_TOKEN_MAX + 8];
        size_t nkey = lower_key(z, n, a, ts, key, VB_SENT_TOKEN_MAX);
        if (nkey > VB_SENT_TOKEN_MAX || !abbr_class(r, key, nkey)) return KEEP;
      }
      if ((r->flags & F_LOWER_BREAK) && z[ts] == '.' && te == ts + 1) {
        unsigned char key[VB_SENT_TOKEN_MAX + 8];
        size_t nkey;
        token_before(z, n, s, ts, &a, &chain, NULL);
        if (ts - a <= 2) return DROP;
        nkey = lower_key(z, n, chain, ts, key, VB_SENT_TOKEN_MAX);
        if (nkey <= VB_SENT_TOKEN_MAX && abbr_class(r, key, nkey)) return DROP;
        return KEEP;
      }
      return DROP;
    }
  }
  if (info->parasep) return KEEP;
  if (b >= n) return KEEP;
  /* Chinese, Japanese: 「好。」他说 -- a closing quote after the terminator,
   * then the sentence goes on ("he said", と) */
  if ((p->id == VB_LANG_JA || p->id == VB_LANG_ZH) && te > info->term_last && b == te) {
    int32_t last;
    cp_before(z, n, te, &last);
    if (last == 0x300D || last == 0x300F || last == 0x201D) {
      cp_at(z, n, b, &cp);
      if (sb_of(cp) == VB_SB_OLETTER) return DROP;
    }
  }
  /* 4. "!" "?" before a lower-case word */
  if (info->term_class == VB_SB_STERM) {
    size_t i = b;
    while (i < n) {
      size_t j = cp_at(z, n, i, &cp);
      if (is_space_cp(cp) || is_dash(cp) || cp == ',') {
        i = j;
        continue;
      }
      break;
    }
    if (i < n && sb_of(cp) == VB_SB_LOWER) {
      /* Cyrillic: "кім? не?" ends a sentence unless a dash introduces
       * the words after it ("бар? — деді") */
      int cyr = p->id == VB_LANG_RU || p->id == VB_LANG_KK || p->id == VB_LANG_BG;
      size_t d;
      int dash = 0;
      for (d = b; d < i; d++) {
        if (z[d] != ' ') dash = 1;
      }
      if (cyr && !dash) return KEEP;
      return DROP;
    }
    return KEEP;
  }
  /* 5. a single period after a word or a number */
  if (info->term_last != ts || z[ts] != '.') {
    /* several terminators: "Nov..", "that....", "Km.?" end a sentence */
    return KEEP;
  }
  {
    size_t a, chain, nkey, i;
    unsigned char key[VB_SENT_TOKEN_MAX + 8];
    int cls = ABBR_NONE, dotted, single;
    int32_t pc = 0;
    if (ts == 0) return KEEP;
    cp_before(z, n, ts, &pc);
    if (pc >= '0' && pc <= '9') { /* a number */
      size_t d = ts;
      while (d > s && z[d - 1] >= '0' && z[d - 1] <= '9') d--;
      nk = next_word(z, n, b, &wa, &wb);
      if (b < n && z[b] >= '0' && z[b] <= '9') return KEEP; /* "es 2. 2 + 2" */
      if ((r->flags & F_ORDINAL_DOT) && d > s && (z[d - 1] == '-' || z[d - 1] == '/'))
        return DROP; /* "1. -3. Jahrhundert" */
      if ((r->flags & F_ORDINAL_DOT) && nk) {
        unsigned char w[VB_SENT_TOKEN_MAX + 8];
        size_t nw = lower_key(z, n, wa, wb, w, VB_SENT_TOKEN_MAX);
        if (nw <= VB_SENT_TOKEN_MAX && in_list(r->months, w, nw)) return DROP;
      }
      if (b == ts + 1 && ts - d <= 2 && nk &&
          (d == s || z[d - 1] == ' ' || z[d - 1] == ':' || z[d - 1] == ','))
        return DROP; /* "1.Helado" */
      return KEEP;
    }
    token_before(z, n, s, ts, &a, &chain, &dotted);
    if (a == ts) return KEEP;
    if (z[a] == 0xC2 && a + 1 < n && (z[a + 1] == 0xB0 || z[a + 1] == 0xBA))
      return KEEP;                       /* "5°C." */
    if (url_like(z, n, ts)) return KEEP; /* "…/content.html. Please" */
    nk = next_word(z, n, b, &wa, &wb);
    /* roman numerals as ordinals: "XII. Pluku" */
    if ((r->flags & F_ORDINAL_DOT) && ts - a >= 2) {
      for (i = a; i < ts && strchr("IVXLCDM", z[i]) && z[i]; i++) {
      }
      if (i == ts) return DROP;
    }
    nkey = lower_key(z, n, chain, ts, key, VB_SENT_TOKEN_MAX);
    if (nkey <= VB_SENT_TOKEN_MAX) cls = abbr_class(r, key, nkey);
    if (cls == ABBR_NONE && chain != a) {
      nkey = lower_key(z, n, a, ts, key, VB_SENT_TOKEN_MAX);
      if (nkey <= VB_SENT_TOKEN_MAX) cls = abbr_class(r, key, nkey);
      if (dotted && (cls == ABBR_TITLE || cls == ABBR_NUM)) cls = ABBR_OTHER;
    }
    {
      size_t q = a;
      int letters = 0;
      while (q < ts) {
        q = cp_at(z, n, q, &cp);
        if (is_letter_class(sb_of(cp))) letters++;
      }
      single = letters == 1;
    }
    if (cls == ABBR_TITLE) return DROP;
    if (cls == ABBR_NUM) {
      size_t j = b;
      while (j < n && (z[j] == '(' || z[j] == '"' || z[j] == ' ')) j++;
      if (j < n && z[j] >= '0' && z[j] <= '9') return DROP;
      cls = ABBR_OTHER;
    }
    if (cls == ABBR_TIME) {
      /* "at 6 P.M. Mr. Smith left" ends; "At 5 a.m. Mr. Smith" (a
       * fragment) and "at 3 p.m. Tuesday" do not */
      if (nk == VB_SB_UPPER && is_starter(r, z + wa, wb - wa)) return KEEP;
      if (nk == VB_SB_UPPER && wb < n && z[wb] == '.' && few_words(z, s, ts) > 3) {
        unsigned char w[VB_SENT_TOKEN_MAX + 8];
        size_t nw = lower_key(z, n, wa, wb, w, VB_SENT_TOKEN_MAX);
        if (nw <= VB_SENT_TOKEN_MAX && abbr_class(r, w, nw) == ABBR_TITLE) return KEEP;
      }
      return DROP;
    }
    if (cls == ABBR_OTHER || dotted || single) {
      size_t q;
      if (r->flags & F_NO_CASE) return DROP;
      /* the next word is an initial too: "А. И. Семенов" */
      if (nk && wb < n && z[wb] == '.' && (q = cp_at(z, n, wa, &cp)) == wb) return DROP;
      if (nk && is_starter(r, z + wa, wb - wa)) return KEEP;
      return DROP;
    }
    return KEEP;
  }
}

/* The first opening bracket or quote in z[a..e) (a terminator run), or e.
 * Opening punctuation (Ps) everywhere; initial quotes (Pi: “ ‘) too in
 * Chinese and Japanese, where “ never closes. */
static size_t first_opener(vb_sent_lang *p, size_t a, size_t e) {
  const unsigned char *z = p->z;
  size_t n = p->n;
  while (a < e) {
    int32_t cp;
    size_t j = cp_at(z, n, a, &cp);
    if (cp == '(' || cp == '[' || cp == '{') return a;
    if (cp >= 0x80) {
      utf8proc_category_t c = utf8proc_category(cp);
      if (c == UTF8PROC_CATEGORY_PS) return a;
      if (c == UTF8PROC_CATEGORY_PI && (p->id == VB_LANG_JA || p->id == VB_LANG_ZH)) return a;
    }
    a = j;
  }
  return e;
}

size_t vb_sent_lang_next(vb_sent_lang *p, size_t s) {
  const unsigned char *z = p->z;
  size_t n = p->n, pos = s;
  int kind = 0;
  long val = 0;
  size_t m = skip_bullet(z, n, s);
  size_t mEnd = marker_at(z, n, m, p->listKind, &kind, &val);
  if (mEnd) {
    p->listKind = kind;
    p->listNext = val + 1;
    p->markerEnd = mEnd;
  } else {
    p->listKind = 0;
    p->markerEnd = 0;
  }
  q_reset(p, s);
  for (;;) {
    vb_sent_uax info;
    size_t b = scan_from(p, pos, &info), at, lim, q;
    lim = info.term_start != (size_t)-1 ? info.term_start : b;
    q = added_break(p, s, pos, lim);
    if (q) return q;
    if (b >= n) return n;
    if (info.term_start != (size_t)-1) {
      /* UAX #29 counts opening brackets glued to a terminator as part of
       * it ("言った。「はい"): the break goes before the opening mark */
      size_t o = first_opener(p, info.term_last, info.term_end);
      if (o < info.term_end) {
        vb_sent_uax cut = info;
        cut.term_end = o;
        cut.parasep = 0;
        if (decide(p, s, o, &cut, &at) == KEEP) return at;
        pos = b;
        continue;
      }
    }
    if (decide(p, s, b, &info, &at) == KEEP) return at;
    pos = b;
  }
}
