/* SPDX-License-Identifier: MIT
 *
 * stopwords.c -- the stopword list of each language, and their lookup.
 *
 * Each list is the language's common function words (articles, pronouns,
 * prepositions, conjunctions, auxiliary and modal verbs, frequent adverbs),
 * written for verbatim, space-separated.  They are stored as written and
 * normalized to the 'fold' form when the tables are built, so a list may
 * use any case or final sigma: a token's norm is what is looked up.
 *
 * Coverage: en, ru, de, fr, es, it, nl, da, pl, sk, bg, el, ar, fa, hi, hy,
 * kk, mr, ur, am, ja, zh.  'my' (Burmese) has an empty list: Burmese does not
 * separate words with spaces, so its tokens are whole phrases and no
 * function-word list could match them.  'und' has none by definition.
 * Japanese particles only match where they stand between kanji, since a
 * Hiragana run is one token.  French and Italian elided articles and
 * pronouns (l', d', qu', dell', …) are tokens of their own (tokens.c) and
 * are listed with their apostrophe.
 *
 * HOW IT WORKS
 * vb_stop_init() runs once per process (under a mutex; a build that ran out
 * of memory is retried by the next call): it normalizes every
 * word into a static arena and builds one open-addressing hash table per
 * language (1024 slots, linear probing; lists have fewer than 512 words), keyed
 * by vb_tok_hash.  A lookup is a hash probe and one memcmp.
 */
#include <pthread.h>
#include <string.h>

#include "tok_private.h"
#include "verbatim/tokens.h"

static const char *const kLists[VB_LANG_COUNT] = {
    [VB_LANG_EN] =
        "a about above after again against all almost along already also although always am "
        "among an and another any anybody anyone anything are aren't around as at be became "
        "because become been before being below between both but by can cannot can't could "
        "couldn't did didn't do does doesn't doing don't down during each either else enough "
        "even ever every few for from further had hadn't has hasn't have haven't having he he'd "
        "he'll he's her here hers herself him himself his how however i i'd i'll i'm i've if in "
        "into is isn't it it's its itself just least less let's many may me might more most "
        "much must mustn't my myself neither no nor not now of off often on once only onto or "
        "other others otherwise our ours ourselves out over own per perhaps quite rather same "
        "shall she she'd she'll she's should shouldn't since so some somebody someone something "
        "such than that that's the their theirs them themselves then there there's these they "
        "they'd they'll they're they've this those though through thus to too toward towards "
        "under until up upon us very was wasn't we we'd we'll we're we've were weren't what "
        "what's when where whether which while who who's whom whose why will with within "
        "without won't would wouldn't yet you you'd you'll you're you've your yours yourself "
        "yourselves",
    [VB_LANG_RU] =
        "и в во не нет ни что чтобы чтоб он она оно они я ты мы вы на с со как а но да или "
        "либо то это этот эта эти этого этой этом этим этих тот та те того той тем том тех "
        "все всё всех всем весь вся его её ее их им ими ему ей ней нее неё него них ним нему "
        "меня мне мной нас нам нами тебя тебе тобой вас вам вами себя себе собой свой своя "
        "своё свое свои своих своей своим мой моя моё мое мои твой твоя наш наша наши ваш "
        "так же ли бы уже ещё еще только даже вот там тут здесь где куда когда тогда потом "
        "теперь сейчас если хотя раз до от из за по под над о об про к ко у для без при "
        "после перед через между около быть был была было были будет будут есть является "
        "может можно нужно надо который которая которое которые которого которой которых "
        "котором которым кто чем чего чему какой какая какое какие также тоже очень более "
        "менее ведь вдруг разве себе сам сама сами самый",
    [VB_LANG_DE] =
        "der die das den dem des ein eine einer eines einem einen und oder aber doch sondern "
        "denn weil dass ob wenn als wie so auch noch nur schon nicht kein keine keinen keiner "
        "keinem keines ich du er sie es wir ihr mich dich sich uns euch mir dir ihm ihn ihnen "
        "mein meine meinen meinem meiner dein deine sein seine seinen seinem seiner seines "
        "unser unsere unserer unseren euer eure ihre ihren ihrem ihrer ihres in im ins an am "
        "ans auf aus bei beim mit nach von vom zu zum zur für über unter vor hinter neben "
        "zwischen durch gegen ohne um bis seit während wegen trotz ist sind war waren bin "
        "bist seid sei wäre wären wird werden wirst wurde wurden worden hat haben hatte "
        "hatten habe hast habt hätte kann können konnte konnten muss müssen musste soll "
        "sollen sollte will wollen wollte darf dürfen mag möchte man jetzt hier dort da dann "
        "sehr mehr viel viele alle allem allen aller alles jeder jede jedes jeden jedem "
        "dieser diese dieses diesem diesen jener welche welcher welches welchen was wer wen "
        "wem wo wann warum wieder etwa also zwar ja nein daß",
    [VB_LANG_FR] =
        "le la les l' un une des du de d' et ou mais donc or ni car que qu' qui quoi dont où "
        "ce cet cette ces c' il elle ils elles on je j' tu nous vous me m' te t' se s' lui "
        "leur leurs eux moi toi soi mon ma mes ton ta tes son sa ses notre nos votre vos à au "
        "aux en dans par pour sur sous avec sans chez entre vers contre pendant depuis avant "
        "après ne n' pas plus moins très aussi bien tout tous toute toutes même mêmes comme "
        "si y est sont était étaient été être es suis sommes êtes a ai as avons avez ont "
        "avait avaient avoir eu fait sera seront serait ceci cela ça celui celle ceux celles "
        "jusqu' lorsqu' puisqu' quand alors ainsi encore déjà",
    [VB_LANG_ES] =
        "el la los las lo un una unos unas y e o u pero sino ni que quien quienes cual cuales "
        "cuyo cuya donde cuando como de del a al en por para con sin sobre entre hasta desde "
        "hacia contra según durante ante bajo tras se me te le les nos os mi mis tu tus su "
        "sus nuestro nuestra nuestros nuestras vuestro vuestra yo tú él ella ellos ellas "
        "usted ustedes nosotros nosotras vosotros este esta estos estas ese esa esos esas "
        "aquel aquella aquellos esto eso es son era eran fue fueron ser sido siendo está "
        "están estaba estaban estar ha han había habían haber he has hemos hay muy más menos "
        "ya también no sí si porque pues aunque todo todos toda todas otro otra otros otras "
        "mismo misma tan tanto cada algo nada qué cómo dónde cuándo",
    [VB_LANG_IT] =
        "il lo la i gli le un uno una di del dello della dei degli delle a al allo alla ai "
        "agli alle da dal dallo dalla dai dagli dalle in nel nello nella nei negli nelle su "
        "sul sullo sulla sui sugli sulle con per tra fra e ed o ma però che chi cui non se "
        "anche come dove quando perché più meno molto poco tutto tutti tutta tutte questo "
        "questa questi queste quello quella quelli quelle io tu lui lei noi voi loro mi ti si "
        "ci vi ne mio mia miei mie tuo tua suo sua suoi sue nostro nostra vostro vostra è "
        "sono era erano essere stato stata stati fu sia ho hai ha abbiamo avete hanno aveva "
        "avere già ancora sempre così solo l' dell' nell' sull' dall' all' coll' un' quest' "
        "quell' c' d' s' m' t' v' n'",
    [VB_LANG_NL] =
        "de het een en of maar want dus dat die dit deze wie wat waar wanneer hoe waarom ik "
        "jij je u hij zij ze wij we jullie hen hun haar hem mij me mijn jouw zijn ons onze "
        "uw in op aan bij met van voor naar uit over onder door tegen tussen zonder tot om "
        "als dan ook nog al niet geen wel er hier daar is was waren ben bent wordt worden "
        "werd werden heeft hebben had hadden heb kan kunnen kon konden moet moeten zal "
        "zullen zou zouden wil veel meer zo te toe nu men iets niets",
    [VB_LANG_DA] =
        "og i at det den de en et til er som på med han hun af for ikke der var mig sig men "
        "har om vi min mit mine havde ham hende nu over da fra du ud sin sit sine dem os op "
        "man hans hendes hvor eller hvad skal selv her alle vil blev kunne ind når være "
        "været dog noget nogle ville jo deres efter ned skulle denne dette disse end også "
        "under have dig din dit anden andre meget mod hvis hos blive bliver mange ad jer "
        "sådan hvorfor hvornår hvem",
    [VB_LANG_PL] =
        "i w we z ze na się nie do to że a o jak ale po co tak za od jest są był była było "
        "byli były być będzie będą jego jej ich go mu im ja ty on ona ono my wy oni one mnie "
        "mi cię ci nas nam was wam ten ta te tego tej tym tych tę także też już jeszcze "
        "tylko bardzo przez przy przed pod nad dla bez czy lub albo oraz ani bo gdy gdzie "
        "kiedy który która które którego której których którym ku u mój moja moje twój "
        "twoja swój swoja swoje swoich nasz nasza wasz może można trzeba jako aby żeby tu "
        "tam teraz więc jednak",
    [VB_LANG_SK] =
        "a aj ale alebo ani ako aby by bol bola bolo boli byť je sú som si sme ste nie áno v "
        "vo na do z zo s so o od po pri pre pred za pod nad medzi cez bez k ku u že čo kto "
        "ktorý ktorá ktoré ktorého ktorej ktorí kde kedy prečo ten tá to tí tie toho tej tom "
        "tým ja ty on ona ono my vy oni ony ma mi mu ho jej ich im nás vás sa sebe svoj "
        "svoja svoje môj moja tiež už ešte len veľmi však teda keď ak",
    [VB_LANG_BG] =
        "и в във на с със за от до по при през към без под над между да не е са беше бяха "
        "бил била било били съм си сме сте ще че като какво който която което които кой коя "
        "кое кои тя той то те аз ти ние вие ме го я ги му ѝ им ни ви се мой моя мое мои "
        "твой свой своя свои нашия този тази това тези онзи там тук така също вече още само "
        "много или но а ако когато където защото докато след преди пред",
    [VB_LANG_EL] =
        "ο η το οι τα του της των τον την τους τις ένα ένας μια μία ενός και ή αλλά όμως "
        "γιατί επειδή αν όταν ότι που πως πώς να θα δεν μην μη σε στο στη στην στον στα "
        "στις στους από με για προς κατά μετά χωρίς μέχρι ως είναι ήταν είμαι είσαι "
        "είμαστε έχει έχουν είχε είχαν εγώ εσύ αυτός αυτή αυτό αυτοί αυτές αυτά εμείς εσείς "
        "μου σου μας σας οποίος οποία οποίο ποιος ποια ποιο τι κάθε όλα όλοι όλες πολύ πιο "
        "επίσης ήδη ακόμα μόνο εδώ εκεί",
    [VB_LANG_AR] =
        "في من إلى الى على عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم هن أنا نحن أنت "
        "أنتم كان كانت يكون لم لن لا ما ماذا متى أين كيف لماذا إن أن إذا قد و أو ثم بل لكن "
        "حتى كل بعض غير بين عند منذ بعد قبل حول أي أيضا فقط هناك هنا",
    [VB_LANG_FA] =
        "و در به از که این را با است آن برای تا بر هم یک می نیز شد شده بود کرد کند کرده "
        "خود اما یا هر دیگر پس اگر من تو او آنها ایشان ما شما چه چرا کجا چون باید نه هیچ "
        "همه بی روی زیر بین پیش بعد هست نیست",
    [VB_LANG_HI] =
        "का के की है हैं था थे थी और या में से को पर ने भी तो ही यह वह ये वे इस उस इन उन "
        "कि जो जब तक लिए साथ बाद पहले नहीं न मैं हम तुम आप वो एक कुछ सब कोई किसी होता "
        "होती होते हो रहा रहे रही गया गई गए कर करने किया कहा",
    [VB_LANG_HY] =
        "և ու է են էր էին եմ ես ենք եք այս այդ այն որ ով ինչ երբ որտեղ ինչպես իսկ բայց կամ "
        "թե մի մեջ վրա համար հետ մասին նաև արդեն դեռ միայն շատ նա նրանք մենք դուք քո իմ նրա",
    [VB_LANG_KK] =
        "және мен да де ал бірақ немесе бұл сол осы ол олар біз сіз сен үшін туралы дейін "
        "кейін арқылы бар жоқ емес еді болды болып болған деп ретінде тағы өте ең қазір",
    [VB_LANG_MR] =
        "आणि व किंवा हा ही हे तो ती ते या त्या की म्हणून आहे आहेत होता होती होते मी आम्ही "
        "तुम्ही तू आपण त्याचा त्याची त्याचे त्यांनी मध्ये वर पण नाही एक काही सर्व सुद्धा",
    [VB_LANG_UR] =
        "کا کی کے ہے ہیں تھا تھے تھی اور یا میں سے کو پر نے بھی تو ہی یہ وہ اس ان کہ جو جب "
        "تک لیے ساتھ بعد پہلے نہیں نہ ہم تم آپ ایک کچھ سب کوئی کسی ہو رہا گیا کر",
    [VB_LANG_AM] = "እና ነው ናቸው ነበር ላይ ውስጥ ግን ወደ ጋር ይህ ያ እነዚህ እሱ እሷ እነሱ እኛ እኔ አንተ ሁሉ በጣም",
    [VB_LANG_JA] = "の に は を が で と も へ や か から まで より です ます だ た て な",
    [VB_LANG_ZH] =
        "的 了 是 在 和 也 有 就 不 都 而 及 与 这 那 我 你 他 她 们 它 之 为 以 于 上 中 对 从 把 "
        "被 等",
};

#define STOP_SLOTS 1024 /* per language; a list must stay under half of this */
#define STOP_ARENA 65536

typedef struct stop_word {
  uint64_t h;
  uint32_t off; /* into g_arena */
  uint32_t n;
} stop_word;

static char g_arena[STOP_ARENA];
static size_t g_arenaUsed;
static stop_word g_words[VB_LANG_COUNT][STOP_SLOTS / 2];
static uint16_t g_slots[VB_LANG_COUNT][STOP_SLOTS]; /* index + 1 into g_words[lang] */
static size_t g_count[VB_LANG_COUNT];
static int g_rc;
static int g_ready; /* 1 once the tables are built (atomic load/store) */
static pthread_mutex_t g_initMutex = PTHREAD_MUTEX_INITIALIZER;

static int addWord(int lang, const unsigned char *z, size_t n, vb_buf *out, vb_buf *scratch) {
  vb_buf_reset(out);
  if (vb_normalize_buf(z, n, VB_NORM_FOLD, out, scratch)) return VB_NOMEM;
  if (out->n == 0 || g_arenaUsed + out->n > STOP_ARENA || g_count[lang] >= STOP_SLOTS / 2) {
    return VB_ETOOBIG;
  }
  uint64_t h = vb_tok_hash(out->z, out->n);
  size_t s = (size_t)h & (STOP_SLOTS - 1);
  while (g_slots[lang][s]) {
    const stop_word *w = &g_words[lang][g_slots[lang][s] - 1];
    if (w->h == h && w->n == out->n && memcmp(g_arena + w->off, out->z, out->n) == 0) {
      return VB_OK; /* listed twice */
    }
    s = (s + 1) & (STOP_SLOTS - 1);
  }
  stop_word *w = &g_words[lang][g_count[lang]];
  memcpy(g_arena + g_arenaUsed, out->z, out->n);
  w->h = h;
  w->off = (uint32_t)g_arenaUsed;
  w->n = (uint32_t)out->n;
  g_arenaUsed += out->n;
  g_slots[lang][s] = (uint16_t)(++g_count[lang]);
  return VB_OK;
}

static void buildTables(void) {
  vb_buf out = {0}, scratch = {0};
  int lang;
  /* Start clean: an earlier attempt may have stopped half-way. */
  g_rc = VB_OK;
  g_arenaUsed = 0;
  memset(g_count, 0, sizeof g_count);
  memset(g_slots, 0, sizeof g_slots);
  for (lang = 0; lang < VB_LANG_COUNT && g_rc == VB_OK; lang++) {
    const unsigned char *z = (const unsigned char *)kLists[lang];
    size_t i = 0, n = z ? strlen((const char *)z) : 0;
    while (i < n && g_rc == VB_OK) {
      size_t j = i;
      while (j < n && z[j] != ' ') j++;
      if (j > i) g_rc = addWord(lang, z + i, j - i, &out, &scratch);
      i = j + 1;
    }
  }
  vb_buf_free(&out);
  vb_buf_free(&scratch);
}

/* Builds the tables on first use.  Not pthread_once: building allocates,
 * and a failed allocation must not leave every later call failing, so a
 * failed build is retried by the next caller. */
int vb_stop_init(void) {
  int rc;
  if (__atomic_load_n(&g_ready, __ATOMIC_ACQUIRE)) return VB_OK;
  pthread_mutex_lock(&g_initMutex);
  if (!__atomic_load_n(&g_ready, __ATOMIC_RELAXED)) {
    buildTables();
    if (g_rc == VB_OK) __atomic_store_n(&g_ready, 1, __ATOMIC_RELEASE);
  }
  rc = __atomic_load_n(&g_ready, __ATOMIC_RELAXED) ? VB_OK : g_rc;
  pthread_mutex_unlock(&g_initMutex);
  return rc;
}

int vb_stop_has_list(vb_lang_id id) { return (unsigned)id < VB_LANG_COUNT && g_count[id] > 0; }

int vb_stop_find(vb_lang_id id, const char *z, size_t n, uint64_t h) {
  if ((unsigned)id >= VB_LANG_COUNT || g_count[id] == 0) return 0;
  size_t s = (size_t)h & (STOP_SLOTS - 1);
  for (;;) {
    uint16_t k = g_slots[id][s];
    if (k == 0) return 0;
    const stop_word *w = &g_words[id][k - 1];
    if (w->h == h && w->n == n && memcmp(g_arena + w->off, z, n) == 0) return 1;
    s = (s + 1) & (STOP_SLOTS - 1);
  }
}

int vb_stopword(const vb_lang *lang, const char *z, size_t n) {
  if (lang == NULL || vb_stop_init() != VB_OK) return 0;
  return vb_stop_find(lang->id, z, n, vb_tok_hash(z, n));
}

const char *vb_stopword_list(const vb_lang *lang, size_t *pCount) {
  if (vb_stop_init() != VB_OK || lang == NULL) {
    if (pCount) *pCount = 0;
    return NULL;
  }
  if (pCount) *pCount = g_count[lang->id];
  return kLists[lang->id];
}
