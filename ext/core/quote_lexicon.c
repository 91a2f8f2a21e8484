/* SPDX-License-Identifier: MIT
 *
 * quote_lexicon.c -- the words quotes() knows: cue phrases per language
 * (English, Russian, German, French, Spanish, Chinese, Japanese), titles dropped from
 * names, words that make a capitalised run an organisation, pronouns,
 * determiners, auxiliaries and the labels that are not speakers.
 *
 * HOW IT WORKS
 * Every word is keyed by a 64-bit FNV-1a hash of its lower-cased form
 * (utf8proc case mapping; ’ and ' unified), in one open-addressing table
 * that holds the word's class bits and the head of the chain of cue
 * phrases starting with it.  A cue phrase is up to 6 words, compared by
 * hash, longest match first.  English verbs are written once as a base form
 * and expanded to base, -s, -ed and -ing forms by the regular spelling
 * rules (irregular verbs list their forms), which gives ~600 English cue
 * forms.  Foreign cues are accepted in any document language (a French
 * quotation in an English story is still attributed) except the few that
 * are ordinary English words ("so"), which count only in their language.
 *
 * Limits: words longer than 64 bytes never match.  The table is built once
 * per vb_quote_rules and read-only afterwards (thread-safe).
 */
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "quote_internal.h"

/* ---- word lists -------------------------------------------------------------- */

static const char zTitles[] =
    "president vice prime minister secretary senator sen. sen rep. representative governor gov. "
    "mayor chancellor premier king queen prince princess pope judge justice attorney general gen. "
    "colonel col. col lt. lt lieutenant major maj. maj captain capt. capt sergeant sgt. sgt "
    "admiral commander chief gen rev prof gov "
    "director chairman chairwoman chair ceo coach dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord "
    "lady professor prof. ambassador spokesman spokeswoman spokesperson councillor councilor "
    "councilman councilwoman deputy acting head leader officer inspector detective sheriff bishop "
    "father rev. reverend rabbi imam sheikh emir archbishop cardinal patriarch commissioner "
    "speaker "
    "former resident engineer economist organizer organiser owner lawyer analyst official teacher "
    "doctor nurse student expert founder manager editor reporter correspondent historian scientist "
    "researcher activist author writer farmer worker driver pilot chef artist singer actor actress "
    "host anchor presenter secretary-general agent aide adviser advisor counsel prosecutor "
    "candidate "
    "boss cfo coo cto partner president-elect vp mp mep trustee dean principal superintendent "
    "rector "
    "marshal corporal commodore brigadier tsar emperor empress duke duchess baron baroness earl "
    "tenant defense defence transport finance foreign interior health justice "
    "президент министр глава губернатор мэр генерал полковник премьер-министр председатель депутат "
    "сенатор пресс-секретарь директор господин госпожа "
    "herr frau bundeskanzler kanzler kanzlerin ministerin präsident präsidentin bürgermeister "
    "bürgermeisterin sprecher sprecherin professorin "
    "m. mme monsieur madame ministre président présidente maire porte-parole général docteur "
    "presidente presidenta ministro ministra portavoz alcalde alcaldesa señor señora sr. sra. don "
    "doña doctora";

static const char zMale[] =
    "mr mr. sir lord king prince father herr monsieur m. господин señor sr. don he him his он er "
    "il él actor emperor duke baron earl chairman spokesman councilman tsar";
static const char zFemale[] =
    "mrs mrs. ms ms. miss madam dame lady queen princess frau madame mme госпожа señora sra. doña "
    "she her она elle ella actress chairwoman spokeswoman councilwoman ministerin kanzlerin "
    "präsidentin presidenta ministra alcaldesa empress duchess baroness";

static const char zOrg[] =
    "republic ministry department office council federation kingdom states nations army navy force "
    "forces fleet regiment brigade division corps guards command staff headquarters government "
    "administration kremlin region oblast city county province district station airport port "
    "river sea ocean mountains valley street road avenue square house hall court bank times post "
    "news press service group company inc inc. ltd ltd. corp corp. co. foods airlines university "
    "school college hospital church museum agency bureau commission committee parliament assembly "
    "senate congress party union program programme project fund foundation institute center "
    "centre club team league cup games olympics prize award act law treaty accord agreement order "
    "decree plan war revolution operation campaign day week month year internet online website "
    "network channel television tv radio magazine journal gazette tribune herald daily weekly "
    "review report council's ministry's police court's embassy mission organization organisation "
    "association society alliance coalition front movement bloc parliament's duma rada senate's "
    "people’s people's east west north south central national international federal state "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december "
    "российской федерации министерство правительство кремль";

static const char zPronoun[] =
    "he she they it we i он она они оно мы я er sie es wir ich il elle ils elles on nous je "
    "él ella ellos ellas nosotros yo";
static const char zFirst[] = "i we я мы ich wir je nous yo nosotros";

static const char zDet[] =
    "a an the one two three four five some several many most few another other all both each "
    "every no this that these those his her their its our my your un une le la les l’ el los las "
    "unos unas ein eine einer eines der die das des dem den один одна";

static const char zArticle[] =
    "a an the his her their its our my your le la les l’ un une el los las un una der die das "
    "ein eine einen dem den des";

static const char zAux[] =
    "has have had also later then once repeatedly publicly previously again reportedly recently "
    "would could will did does do not just even further frequently often now first earlier simply "
    "only quickly calmly angrily quietly flatly firmly bluntly still already initially "
    "subsequently finally proudly openly privately также ещё уже auch noch bereits "
    "también ya aussi encore";

static const char zLead[] =
    "and but so then later meanwhile however still yet also while with as when though although "
    "because since after before now instead moreover furthermore indeed in on at by for from of "
    "to thus therefore overall but, и но а и а также und aber et mais y pero";

static const char zStopcap[] =
    "the a an this that these those in on at during after before while as but and however "
    "meanwhile despite for from with by it he she they we i his her their our its according "
    "earlier later hours then now when where what why how if so yet also still there here today "
    "yesterday tomorrow my your you all some many most every each both no not one two three "
    "several since until though although because once over under about into of to up out off "
    "than just even only first last next new overall indeed instead thus therefore moreover "
    "furthermore besides otherwise perhaps maybe yes thank thanks please well oh okay ok "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december "
    "russian ukrainian western eastern american british french german chinese european "
    "russia ukraine europe america china moscow kyiv kiev washington london paris berlin "
    "mr mrs ms dr "
    "le la les un une des du de et en il elle el los las y del der die das und ein eine";

static const char zFinite[] =
    "is are was were will would could should can may might must has have had do does did shall "
    "won’t wouldn’t can’t couldn’t isn’t aren’t wasn’t weren’t hasn’t haven’t hadn’t didn’t "
    "doesn’t don’t remains remained";

static const char zBound[] =
    "on in at during after before when while as who which whose yesterday today tonight last "
    "this earlier later adding speaking to from after according";

static const char zParticle[] =
    "van von de der den da das dos del della di du le la al el bin ibn ben ter ten st.";

static const char zThatWord[] = "that que qu’ dass daß что чтобы";

static const char zClauseWord[] =
    "what which who whom whose where when whether why how if because although though unless "
    "который которая которые где когда welche welcher qui où quien donde";

static const char zNoLabel[] =
    "update updated note notes editor’s editors’ watch read photo photos source sources related "
    "correction corrections advertisement listen video subscribe disclaimer warning breaking live "
    "summary background context analysis opinion comment comments copyright tags tag topics "
    "topic date time location category transcript font site share follow email e-mail tel phone "
    "fax address website web url http https see more credit credits image caption pictured above "
    "below file map chart table figure step example ps p.s. nb attention alert exclusive posted "
    "published subject re cc bcc sent documents документ notice important reminder tip hint fact "
    "facts fact-check verdict claim rating keywords abstract introduction conclusion references "
    "ingredients directions instructions place venue price cost tickets contact status result "
    "results score final weather forecast temperature also view settings colours colors "
    "official mailto tags keywords data step-by-step mnemonic restriction restrictions usage "
    "syntax returns return examples description name synopsis parameters arguments options "
    "default type value values input output error errors bugs author authors version license "
    "licence notice caveat caveats todo fixme deprecated availability requirements prerequisites "
    "solution problem answer question tip tips important";

/* ---- cue verbs -------------------------------------------------------------------
 * English regular verbs by group; each expands to base, -s, -ed, -ing. */
#define G_SAY (QC_DIRECT | QC_CLAUSE | QC_THAT | QC_PARTIAL)
#define G_THAT (QC_DIRECT | QC_THAT | QC_PARTIAL)
#define G_MANNER (QC_DIRECT)
#define G_LABEL (QC_PARTIAL)

static const struct {
  unsigned flags;
  const char *z;
} aEnVerbs[] = {
    {G_SAY,
     "add argue claim insist warn state explain admit believe maintain contend assert predict "
     "concede promise vow fear allege complain testify recall reckon declare estimate agree "
     "reply respond answer counter reason caution guess conclude acknowledge confess"},
    {G_THAT,
     "note observe stress emphasize emphasise reiterate announce confirm report suggest highlight "
     "underscore underline mention reveal disclose indicate signal hint imply remark comment "
     "tweet post explain clarify elaborate recount repeat echo affirm contend stipulate specify "
     "boast brag lament concur posit theorize theorise surmise speculate muse wonder demand urge "
     "insist"},
    {G_MANNER,
     "sigh laugh joke shout yell scream whisper mutter murmur grumble exclaim gush rage fume "
     "plead chuckle interject interrupt continue inquire enquire query scoff snort sneer bellow "
     "groan moan whine shriek roar growl hiss cheer boom gasp stammer stutter sob weep cry "
     "concede begin start finish rant rave retort pledge marvel quote ask"},
    {G_LABEL,
     "call describe dub brand term label characterize characterise hail denounce condemn praise "
     "dismiss decry slam blast deride mock frame portray"},
};

/* Irregular English forms: "form:flags" with flags from the set below. */
static const struct {
  unsigned flags;
  const char *z;
} aEnIrregular[] = {
    {G_SAY, "say says said saying"},
    {G_SAY | QC_OBJECT,
     "tell tells told telling inform informs informed informing assure "
     "assures assured assuring remind reminds reminded reminding warned"},
    {G_SAY,
     "write writes wrote written writing think thinks thought thinking feel feels felt "
     "feeling admit admits admitted admitting"},
    {G_MANNER,
     "quip quips quipped quipping snap snaps snapped snapping sob sobs sobbed sobbing "
     "cry cries cried crying beg begs begged begging chat chats chatted chatting "
     "begin begins began beginning"},
    {G_THAT, "commit committed regret regrets regretted"},
};

/* Multi-word and foreign cue phrases; lang is the language they belong to,
 * anyLang whether they also count in documents of other languages. */
typedef struct cue_spec {
  int lang;
  int anyLang;
  unsigned flags;
  const char *z; /* phrases separated by '|' */
} cue_spec;

static const cue_spec aCueSpecs[] = {
    {VB_LANG_EN, 0, QC_ACCORDING, "according to|in the words of|as told by"},
    {VB_LANG_EN, 0, G_SAY | QC_PASSIVE,
     "was quoted as saying|were quoted as saying|is quoted as saying|are quoted as saying|"
     "has been quoted as saying|was quoted saying|is quoted saying|was cited as saying|"
     "went on to say|goes on to say|go on to say|went on to add|went on to note"},
    {VB_LANG_EN, 0, G_THAT,
     "point out|points out|pointed out|pointing out|made clear|makes clear|making clear|"
     "made it clear|makes it clear|spelled out"},
    {VB_LANG_FR, 1, QC_DIRECT | QC_THAT,
     "dit|a dit|ont dit|avait dit|déclare|a déclaré|ont déclaré|déclara|affirme|a affirmé|"
     "ont affirmé|affirma|explique|a expliqué|ont expliqué|expliqua|ajoute|a ajouté|ajouta|"
     "estime|a estimé|souligne|a souligné|indique|a indiqué|assure|a assuré|précise|a précisé|"
     "confie|a confié|lance|a lancé|répond|a répondu|répondit|insiste|a insisté|rappelle|"
     "a rappelé|poursuit|a poursuivi|martèle|a martelé|s’exclame|s’est exclamé|a-t-il dit|"
     "a-t-elle dit|a-t-il déclaré|a-t-elle déclaré|a-t-il ajouté|a-t-elle ajouté|"
     "a-t-il expliqué|a-t-elle expliqué|a-t-il affirmé|a-t-elle affirmé|"
     "dit-il|dit-elle|a-t-il souligné|a-t-elle souligné|a annoncé|annonce|a averti|avertit|"
     "a reconnu|reconnaît|a demandé|demande|a écrit|écrit"},
    {VB_LANG_FR, 1, QC_ACCORDING, "selon|d’après"},
    {VB_LANG_ES, 1, QC_DIRECT | QC_THAT,
     "dijo|dice|dicen|dijeron|afirmó|afirma|declaró|declara|aseguró|asegura|explicó|explica|"
     "añadió|añade|agregó|agrega|señaló|señala|indicó|indica|sostuvo|sostiene|advirtió|"
     "advierte|subrayó|subraya|destacó|destaca|comentó|comenta|respondió|responde|preguntó|"
     "pregunta|insistió|manifestó|expresó|concluyó|apuntó|ha dicho|ha afirmado|ha declarado|"
     "han dicho|ha asegurado|ha explicado|ha señalado|escribió|anunció|reconoció|denunció|"
     "criticó|lamentó|recordó|aclaró|precisó|enfatizó|reiteró"},
    {VB_LANG_ES, 1, QC_ACCORDING, "según|de acuerdo con"},
    {VB_LANG_DE, 1, QC_DIRECT | QC_THAT,
     "sagte|sagt|sagten|sagen|erklärte|erklärt|erklärten|betonte|betont|betonten|meinte|meint|"
     "warnte|warnt|warnten|ergänzte|ergänzt|berichtete|berichtet|kritisierte|kritisiert|forderte|"
     "fordert|unterstrich|versicherte|versichert|antwortete|antwortet|fragte|fragt|schrieb|"
     "schreibt|fügte hinzu|fügt hinzu|teilte mit|teilt mit|räumte ein|räumt ein|stellte klar|"
     "hieß es|heißt es|sagte er|sagte sie|so der|so die|bekräftigte|bestätigte|bestätigt|"
     "kündigte an|verkündete|mahnte|mahnt|appellierte|beklagte|beklagt|erläuterte|erläutert"},
    {VB_LANG_DE, 0, QC_DIRECT, "so"},
    {VB_LANG_DE, 1, QC_ACCORDING, "laut|nach angaben von|nach angaben des|nach angaben der"},
    {VB_LANG_DE, 1, QC_POSTPOS, "zufolge"},
    {VB_LANG_RU, 1, QC_DIRECT | QC_THAT,
     "сказал|сказала|сказали|заявил|заявила|заявили|отметил|отметила|отметили|подчеркнул|"
     "подчеркнула|подчеркнули|добавил|добавила|добавили|сообщил|сообщила|сообщили|пояснил|"
     "пояснила|пояснили|рассказал|рассказала|рассказали|ответил|ответила|спросил|спросила|"
     "напомнил|напомнила|признался|признала|признал|уточнил|уточнила|считает|считают|говорит|"
     "говорил|говорила|говорят|заявляет|заявляют|отмечает|отмечают|подчеркивает|подчёркивает|"
     "написал|написала|заверил|заверила|предупредил|предупредила|указал|указала|резюмировал|"
     "констатировал|цитирует|высказался|объяснил|объяснила|сообщает|сообщают"},
    {VB_LANG_RU, 1, QC_ACCORDING,
     "по словам|по мнению|по данным|как сообщил|как сообщила|"
     "как заявил|как заявила|как отметил|как отметила"},
};

/* Chinese cues (matched as suffixes of the Han run before a colon or after
 * a quotation) and title suffixes dropped from names. */
static const char *const azCjkCue[] = {
    "说",       "说道", "表示", "指出", "称",     "声称",   "强调",   "认为",   "问",
    "回答",     "宣布", "透露", "介绍", "坦言",   "写道",   "补充说", "解释说", "告诉记者",
    "对记者说", "回应", "直言", "言う", "述べた", "語った", "話した", "言った", NULL};
static const char *const azCjkTitle[] = {
    "教授", "先生", "女士", "总统", "主席", "部长", "博士", "老师",   "记者", "发言人",
    "总理", "市长", "经理", "局长", "院长", "校长", "总裁", "董事长", "主任", "医生",
    "律师", "议员", "大使", "将军", "氏",   "さん", "首相", "大統領", NULL};

/* ---- the table ------------------------------------------------------------------- */

typedef struct qlex_word {
  uint64_t h; /* 0: empty slot */
  unsigned cls;
  int cueHead; /* index into aCue, -1 if none */
} qlex_word;

typedef struct qlex_phrase {
  uint64_t h[6];
  int nw;
  unsigned flags;
  int lang, anyLang;
  int next;
} qlex_phrase;

struct qlex {
  uint64_t aFilter[1024]; /* 65536-bit filter of the words present */
  qlex_word *aWord;
  size_t mask;
  qlex_phrase *aCue;
  size_t nCue, capCue;
};

uint64_t qlex_hash(const unsigned char *z, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  size_t i = 0;
  if (n > 64) return 0;
  while (i < n) {
    int32_t cp;
    unsigned char b = z[i];
    if (b < 0x80 && b != '\'') {
      /* ASCII fast path: lower-case and hash the byte */
      if (b >= 'A' && b <= 'Z') b += 32;
      h ^= b;
      h *= 1099511628211ULL;
      i++;
      continue;
    }
    i = vb_utf8_next(z, n, i, &cp);
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) cp = 0x2019;
    if (cp == '\'') cp = 0x2019;
    if (cp < 0x80) {
      if (cp >= 'A' && cp <= 'Z') cp += 32;
    } else {
      cp = utf8proc_tolower(cp);
    }
    unsigned char buf[4];
    int k = vb_utf8_encode(cp, buf);
    for (int j = 0; j < k; j++) {
      h ^= buf[j];
      h *= 1099511628211ULL;
    }
  }
  return h ? h : 1;
}

static qlex_word *lexSlot(const qlex *p, uint64_t h) {
  size_t i = (size_t)(h ^ (h >> 29)) & p->mask;
  while (p->aWord[i].h && p->aWord[i].h != h) i = (i + 1) & p->mask;
  return &p->aWord[i];
}

#define FILTER_BIT(h) ((h) >> 48)

static qlex_word *lexAdd(qlex *p, uint64_t h) {
  qlex_word *w = lexSlot(p, h);
  p->aFilter[FILTER_BIT(h) >> 6] |= 1ULL << (FILTER_BIT(h) & 63);
  if (w->h == 0) {
    w->h = h;
    w->cls = 0;
    w->cueHead = -1;
  }
  return w;
}

/* Apply cls to every space-separated word of z. */
static void lexWords(qlex *p, const char *z, unsigned cls) {
  const unsigned char *s = (const unsigned char *)z;
  size_t i = 0, n = strlen(z);
  while (i < n) {
    while (i < n && s[i] == ' ') i++;
    size_t b = i;
    while (i < n && s[i] != ' ') i++;
    if (i > b) lexAdd(p, qlex_hash(s + b, i - b))->cls |= cls;
  }
}

static int lexCue(qlex *p, const unsigned char *z, size_t n, unsigned flags, int lang,
                  int anyLang) {
  qlex_phrase c;
  memset(&c, 0, sizeof c);
  size_t i = 0;
  while (i < n && c.nw < 6) {
    while (i < n && z[i] == ' ') i++;
    size_t b = i;
    while (i < n && z[i] != ' ') i++;
    if (i > b) c.h[c.nw++] = qlex_hash(z + b, i - b);
  }
  if (c.nw == 0) return VB_OK;
  c.flags = flags;
  c.lang = lang;
  c.anyLang = anyLang;
  if (p->nCue == p->capCue) {
    size_t cap = p->capCue ? p->capCue * 2 : 512;
    qlex_phrase *a = vb_realloc(p->aCue, cap * sizeof *a);
    if (a == NULL) return VB_NOMEM;
    p->aCue = a;
    p->capCue = cap;
  }
  qlex_word *w = lexAdd(p, c.h[0]);
  w->cls |= QW_CUEHEAD;
  c.next = w->cueHead;
  w->cueHead = (int)p->nCue;
  p->aCue[p->nCue++] = c;
  return VB_OK;
}

static int isVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* Expand an English regular verb to its four forms and add them. */
static int lexEnVerb(qlex *p, const char *zBase, size_t n, unsigned flags) {
  char a[4][80];
  if (n == 0 || n > 60) return VB_OK;
  char last = zBase[n - 1], prev = n > 1 ? zBase[n - 2] : 0;
  memcpy(a[0], zBase, n);
  a[0][n] = 0;
  /* -s */
  if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's'))) {
    snprintf(a[1], sizeof a[1], "%.60ses", a[0]);
  } else if (last == 'y' && !isVowel(prev)) {
    snprintf(a[1], sizeof a[1], "%.*sies", (int)n - 1, zBase);
  } else {
    snprintf(a[1], sizeof a[1], "%.60ss", a[0]);
  }
  /* -ed */
  if (last == 'e') {
    snprintf(a[2], sizeof a[2], "%.60sd", a[0]);
  } else if (last == 'y' && !isVowel(prev)) {
    snprintf(a[2], sizeof a[2], "%.*sied", (int)n - 1, zBase);
  } else {
    snprintf(a[2], sizeof a[2], "%.60sed", a[0]);
  }
  /* -ing */
  if (last == 'e' && prev == 'i') {
    snprintf(a[3], sizeof a[3], "%.*sying", (int)n - 2, zBase);
  } else if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o') {
    snprintf(a[3], sizeof a[3], "%.*sing", (int)n - 1, zBase);
  } else {
    snprintf(a[3], sizeof a[3], "%.60sing", a[0]);
  }
  for (int k = 0; k < 4; k++) {
    unsigned f = flags | (k == 3 ? QC_PARTICIPLE : 0);
    int rc = lexCue(p, (const unsigned char *)a[k], strlen(a[k]), f, VB_LANG_EN, 0);
    if (rc) return rc;
  }
  return VB_OK;
}

static int endsWith(const char *z, size_t n, const char *zSuf) {
  size_t m = strlen(zSuf);
  return n >= m && memcmp(z + n - m, zSuf, m) == 0;
}

int qlex_new(qlex **pp) {
  qlex *p = vb_malloc(sizeof *p);
  *pp = NULL;
  if (p == NULL) return VB_NOMEM;
  memset(p, 0, sizeof *p);
  p->mask = 8191;
  p->aWord = vb_malloc((p->mask + 1) * sizeof *p->aWord);
  if (p->aWord == NULL) {
    vb_free(p);
    return VB_NOMEM;
  }
  memset(p->aWord, 0, (p->mask + 1) * sizeof *p->aWord);
  lexWords(p, zTitles, QW_TITLE);
  lexWords(p, zMale, QW_MALE);
  lexWords(p, zFemale, QW_FEMALE);
  lexWords(p, zOrg, QW_ORG);
  lexWords(p, zPronoun, QW_PRONOUN);
  lexWords(p, zFirst, QW_FIRST);
  lexWords(p, zDet, QW_DET);
  lexWords(p, zArticle, QW_ARTICLE);
  lexWords(p, zAux, QW_AUX);
  lexWords(p, zLead, QW_LEAD);
  lexWords(p, zStopcap, QW_STOPCAP);
  lexWords(p, zFinite, QW_FINITE);
  lexWords(p, zBound, QW_BOUND);
  lexWords(p, zParticle, QW_PARTICLE);
  lexWords(p, zThatWord, QW_THATWORD);
  lexWords(p, zClauseWord, QW_CLAUSEWORD);
  lexWords(p, zNoLabel, QW_NOLABEL);
  int rc = VB_OK;
  for (size_t g = 0; rc == VB_OK && g < sizeof aEnVerbs / sizeof aEnVerbs[0]; g++) {
    const char *z = aEnVerbs[g].z;
    while (*z && rc == VB_OK) {
      while (*z == ' ') z++;
      const char *b = z;
      while (*z && *z != ' ') z++;
      if (z > b) rc = lexEnVerb(p, b, (size_t)(z - b), aEnVerbs[g].flags);
    }
  }
  for (size_t g = 0; rc == VB_OK && g < sizeof aEnIrregular / sizeof aEnIrregular[0]; g++) {
    const char *z = aEnIrregular[g].z;
    while (*z && rc == VB_OK) {
      while (*z == ' ') z++;
      const char *b = z;
      while (*z && *z != ' ') z++;
      size_t m = (size_t)(z - b);
      if (m == 0) continue;
      unsigned f = aEnIrregular[g].flags | (endsWith(b, m, "ing") ? QC_PARTICIPLE : 0);
      rc = lexCue(p, (const unsigned char *)b, m, f, VB_LANG_EN, 0);
    }
  }
  for (size_t g = 0; rc == VB_OK && g < sizeof aCueSpecs / sizeof aCueSpecs[0]; g++) {
    const char *z = aCueSpecs[g].z;
    while (*z && rc == VB_OK) {
      const char *b = z;
      while (*z && *z != '|') z++;
      size_t m = (size_t)(z - b);
      unsigned f = aCueSpecs[g].flags;
      if (aCueSpecs[g].lang == VB_LANG_EN && endsWith(b, m, "ing")) f |= QC_PARTICIPLE;
      rc = lexCue(p, (const unsigned char *)b, m, f, aCueSpecs[g].lang, aCueSpecs[g].anyLang);
      if (*z == '|') z++;
    }
  }
  if (rc != VB_OK) {
    qlex_free(p);
    return rc;
  }
  *pp = p;
  return VB_OK;
}

void qlex_free(qlex *p) {
  if (p == NULL) return;
  vb_free(p->aWord);
  vb_free(p->aCue);
  vb_free(p);
}

unsigned qlex_class(const qlex *p, uint64_t h, int lang) {
  (void)lang;
  if (h == 0) return 0;
  if (!(p->aFilter[FILTER_BIT(h) >> 6] & (1ULL << (FILTER_BIT(h) & 63)))) return 0;
  const qlex_word *w = lexSlot(p, h);
  return w->h ? w->cls : 0;
}

int qlex_cue(const qlex *p, const uint64_t *a, size_t i, size_t n, int lang, unsigned *pFlags) {
  if (i >= n || a[i] == 0) return 0;
  const qlex_word *w = lexSlot(p, a[i]);
  if (w->h == 0) return 0;
  int best = 0;
  unsigned bestFlags = 0;
  for (int k = w->cueHead; k >= 0; k = p->aCue[k].next) {
    const qlex_phrase *c = &p->aCue[k];
    if (c->lang != lang && !c->anyLang && lang != VB_LANG_UND) continue;
    if ((size_t)c->nw > n - i || c->nw <= best) continue;
    int j = 1;
    while (j < c->nw && a[i + (size_t)j] == c->h[j]) j++;
    if (j == c->nw) {
      best = c->nw;
      bestFlags = c->flags;
    }
  }
  *pFlags = bestFlags;
  return best;
}

static size_t cjkSuffix(const char *const *az, const unsigned char *z, size_t n) {
  size_t best = 0;
  for (int k = 0; az[k]; k++) {
    size_t m = strlen(az[k]);
    if (m <= n && m > best && memcmp(z + n - m, az[k], m) == 0) best = m;
  }
  return best;
}

size_t qlex_cjk_cue_suffix(const unsigned char *z, size_t n) { return cjkSuffix(azCjkCue, z, n); }

size_t qlex_cjk_title_suffix(const unsigned char *z, size_t n) {
  return cjkSuffix(azCjkTitle, z, n);
}
