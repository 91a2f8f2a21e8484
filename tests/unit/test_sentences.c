/* SPDX-License-Identifier: MIT
 *
 * test_sentences.c -- the sentence segmenter's core (ext/core/sentences.c,
 * sentence_lang.c) without SQLite: the language rules on exact examples,
 * byte offsets and paragraphs, invalid UTF-8, and a large input.
 */
#include <stdlib.h>

#include "check.h"
#include "verbatim/sentences.h"

/* Segment z in language zLang and join the sentences with " | ", each
 * followed by "#paragraph" when withPara. */
static const char *seg(const char *z, const char *zLang, int withPara) {
  static char out[8192];
  vb_sent_iter *it;
  vb_sentence s;
  size_t o = 0;
  const vb_lang *lang = vb_lang_find(zLang, strlen(zLang));
  int rc = vb_sent_open(&it, (const unsigned char *)z, strlen(z), lang);
  out[0] = 0;
  if (rc != VB_OK) return "(open failed)";
  while ((rc = vb_sent_next(it, &s)) == 1) {
    if (o) o += (size_t)snprintf(out + o, sizeof out - o, " | ");
    o += (size_t)snprintf(out + o, sizeof out - o, "%.*s", (int)(s.end - s.start), z + s.start);
    if (withPara) o += (size_t)snprintf(out + o, sizeof out - o, "#%zu", s.paragraph);
    if (o >= sizeof out) break;
  }
  vb_sent_close(it);
  return out;
}

#define SEG(text, lang, want) CHECK_STR(seg(text, lang, 0), want)
#define SEGP(text, lang, want) CHECK_STR(seg(text, lang, 1), want)

static void test_uax_und(void) {
  /* 'und' is plain UAX #29: abbreviations split, lower case continues */
  SEG("Mr. Smith left. He was late.", "und", "Mr. | Smith left. | He was late.");
  SEG("etc. and so on. Next", "und", "etc. and so on. | Next");
  SEG("3.5 is a number. U.S.A. is too.", "und", "3.5 is a number. | U.S.A. is too.");
  SEG("Hello!! Who? \"Me.\" Yes", "und", "Hello!! | Who? | \"Me.\" | Yes");
  SEG("line one\nline two", "und", "line one | line two");
  SEG("これはペンです。それは", "und", "これはペンです。 | それは");
  SEG("", "und", "");
  SEG("   \n\n  ", "und", "");
  CHECK_STR(vb_sent_unicode_version(), "15.0.0");
}

static void test_abbreviations(void) {
  SEG("Mr. Smith met Dr. Jones. They talked.", "en", "Mr. Smith met Dr. Jones. | They talked.");
  SEG("Lt. Col. Smith arrived.", "en", "Lt. Col. Smith arrived.");
  SEG("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then left.",
      "en", "At 5 a.m. Mr. Smith went to the bank. | He left the bank at 6 P.M. | Mr. Smith then left.");
  SEG("It works, i.e. it runs. We know.", "en", "It works, i.e. it runs. | We know.");
  SEG("He left at 3 p.m. Tuesday. It rained.", "en", "He left at 3 p.m. Tuesday. | It rained.");
  SEG("I am at 10 Downing St. The PM said so. St. Louis is far.", "en",
      "I am at 10 Downing St. | The PM said so. | St. Louis is far.");
  SEG("See No. 5 and p. 55 today.", "en", "See No. 5 and p. 55 today.");
  SEG("I live in the U.S. How about you?", "en", "I live in the U.S. | How about you?");
  SEG("I work for the U.S. Government in Virginia.", "en", "I work for the U.S. Government in Virginia.");
  SEG("They sold it to Pitt & Co. It closed.", "en", "They sold it to Pitt & Co. | It closed.");
  SEG("Mr President, thank you. Mr Pasechnik spoke.", "en",
      "Mr President, thank you. | Mr Pasechnik spoke.");
  SEG("Das ist z. B. gut. Er kam.", "de", "Das ist z. B. gut. | Er kam.");
  SEG("Wir trafen Dr. med. Meyer.", "de", "Wir trafen Dr. med. Meyer.");
  SEG("Это т. е. важно. Он ушёл.", "ru", "Это т. е. важно. | Он ушёл.");
  SEG("В 2010 г. Виктор посещал г. Волгоград.", "ru", "В 2010 г. Виктор посещал г. Волгоград.");
  SEG("Hola Srta. Ledesma. Buenos días.", "es", "Hola Srta. Ledesma. | Buenos días.");
  SEG("Sono l'Ing. Mengozzi. È qui.", "it", "Sono l'Ing. Mengozzi. | È qui.");
  SEG("डॉ. शर्मा आए। वे गए।", "hi", "डॉ. शर्मा आए। | वे गए।");
  SEG("وقال د. ديفيد ريدي. وليس", "ar", "وقال د. ديفيد ريدي. | وليس");
}

static void test_initials_numbers(void) {
  SEG("V. V. Putin spoke. He left.", "en", "V. V. Putin spoke. | He left.");
  SEG("We make a good team, you and I. Did you see Albert I. Jones?", "en",
      "We make a good team, you and I. | Did you see Albert I. Jones?");
  SEG("Л. Н. Толстой написал. Он жил.", "ru", "Л. Н. Толстой написал. | Он жил.");
  SEG("She has $100.00. It is 3.5 kg.", "en", "She has $100.00. | It is 3.5 kg.");
  SEG("Am 23. August kam er. Seite 12. Dort steht es.", "de",
      "Am 23. August kam er. | Seite 12. | Dort steht es.");
  SEG("Ide o XII. Pluk.", "sk", "Ide o XII. Pluk.");
  SEG("1 + 1 es 2. 2 + 2 es 4.", "es", "1 + 1 es 2. | 2 + 2 es 4.");
  SEG("Hello world.Today is Tuesday.Mr. Smith came.", "en",
      "Hello world. | Today is Tuesday. | Mr. Smith came.");
}

static void test_lists_ellipses_urls(void) {
  SEG("1. The first item 2. The second item", "en", "1. The first item | 2. The second item");
  SEG("a) here it is b) another c) one more", "en", "a) here it is | b) another | c) one more");
  SEG("\xE2\x80\xA2 9. The first \xE2\x80\xA2 10. The second", "en",
      "\xE2\x80\xA2 9. The first | \xE2\x80\xA2 10. The second");
  SEG("I never meant that.... She left.", "en", "I never meant that.... | She left.");
  SEG("the thing is . . . I didn't mean it.", "en", "the thing is . . . I didn't mean it.");
  SEG("compounds. . . . The practice", "en", "compounds. | . . . The practice");
  SEG("\"less complex. . . .\" She left.", "en", "\"less complex. . . .\" | She left.");
  SEG("\"Bohr [...] used stairways [...]\" (Smith 55).", "en",
      "\"Bohr [...] used stairways [...]\" (Smith 55).");
  SEG("Mail Jane.Doe@example.com. I did.", "en", "Mail Jane.Doe@example.com. | I did.");
  SEG("See https://example.com/a.html. Then go.", "en", "See https://example.com/a.html. | Then go.");
}

static void test_quotes_brackets(void) {
  SEG("She said, \"This is great.\" She held it.", "en",
      "She said, \"This is great.\" | She held it.");
  SEG("She said, \"This is great.\" she said.", "en", "She said, \"This is great.\" she said.");
  SEG("He taught (He worked there. Then left.) at school.", "en",
      "He taught (He worked there. Then left.) at school.");
  SEG("(Pasechnik went on. Mr Pasechnik said so.)\n\nNext.", "en",
      "(Pasechnik went on. Mr Pasechnik said so.) | Next.");
  SEG("She works at Yahoo! in the accounting department.", "en",
      "She works at Yahoo! in the accounting department.");
  SEG("„Prieskumy beriem. V podstate nie,“ reagoval.", "sk",
      "„Prieskumy beriem. V podstate nie,“ reagoval.");
  /* an opening mark that never closes does not swallow the text */
  SEG("He said (wait. Then it ended. Really.", "en", "He said (wait. | Then it ended. | Really.");
  SEG("我们去看《摔跤吧！爸爸》好吗？好！", "zh", "我们去看《摔跤吧！爸爸》好吗？ | 好！");
  /* an opening mark glued to a terminator starts the next sentence */
  SEG("「こんにちは。」と彼は言った。「はい。」", "ja", "「こんにちは。」と彼は言った。 | 「はい。」");
  SEG("It ended.(Really) Then.", "en", "It ended. | (Really) Then.");
  SEG("“你好！”他问。好。", "zh", "“你好！”他问。 | 好。");
  /* Tibetan shad */
  SEG("བཀྲ་ཤིས། བདེ་ལེགས།", "en", "བཀྲ་ཤིས། | བདེ་ལེགས།");
  SEG("བཀྲ་ཤིས། བདེ་ལེགས།", "und", "བཀྲ་ཤིས། བདེ་ལེགས།");
}

static void test_lines_paragraphs(void) {
  SEGP("Heading\n\nVladimir Putin: How is it going?\nLeonid Pasechnik: All right.", "en",
       "Heading#1 | Vladimir Putin: How is it going?#2 | Leonid Pasechnik: All right.#3");
  SEGP("One. Two.\nThree.\n\n\nFour.", "en", "One.#1 | Two.#1 | Three.#2 | Four.#3");
  /* a hard-wrapped line continues the sentence; a short line is a heading */
  SEGP("This is a rather long line of running prose that wraps\nonto the next line. Done.", "en",
       "This is a rather long line of running prose that wraps\nonto the next line.#1 | Done.#1");
  /* the same with every line break sentences() knows: CR LF, CR, NEL, U+2028 */
  SEGP("This is a rather long line of running prose that wraps\r\nonto the next line. Done.",
       "en",
       "This is a rather long line of running prose that wraps\r\nonto the next line.#1 | Done.#1");
  SEGP("This is a rather long line of running prose that wraps\ronto the next line. Done.", "en",
       "This is a rather long line of running prose that wraps\ronto the next line.#1 | Done.#1");
  SEG("This is a rather long line of running prose that wraps\xC2\x85onto the next line.", "en",
      "This is a rather long line of running prose that wraps\xC2\x85onto the next line.");
  SEG("This is a rather long line of running prose that wraps\xE2\x80\xA8onto the next line.",
      "en", "This is a rather long line of running prose that wraps\xE2\x80\xA8onto the next line.");
  /* 39 bytes is a heading, 40 wraps, whatever the line break */
  SEG("A line of exactly thirty-nine bytes, ok\nnext words.", "en",
      "A line of exactly thirty-nine bytes, ok | next words.");
  SEG("A line of exactly thirty-nine bytes, ok\r\nnext words.", "en",
      "A line of exactly thirty-nine bytes, ok | next words.");
  SEG("A line of exactly forty bytes in it, and\nnext words.", "en",
      "A line of exactly forty bytes in it, and\nnext words.");
  SEG("A line of exactly forty bytes in it, and\r\nnext words.", "en",
      "A line of exactly forty bytes in it, and\r\nnext words.");
  SEG("features\ncontact manager\nevents, activities\n", "en",
      "features | contact manager | events, activities");
  SEG("Mr\xC2\xA0President, hello.\xC2\xA0 Next.", "en", "Mr\xC2\xA0President, hello. | Next.");
  SEG("Ի՞նչ ես մտածում: Ոչինչ:", "hy", "Ի՞նչ ես մտածում: | Ոչինչ:");
  SEG("Με συγχωρείτε· πού είναι; Τις Κυριακές.", "el", "Με συγχωρείτε· πού είναι; | Τις Κυριακές.");
  SEG("اللغة العربية؟ نعم.", "ar", "اللغة العربية؟ | نعم.");
}

static void test_offsets_invalid_utf8(void) {
  static const unsigned char z[] = "\xFF\xFE. Ab\xC3. \x80\x80 cd.\xE2\x82";
  size_t n = sizeof z - 1, prevEnd = 0, ord = 0;
  vb_sent_iter *it;
  vb_sentence s;
  int rc, lang;
  for (lang = 0; lang < 2; lang++) {
    CHECK_INT(vb_sent_open(&it, z, n, lang ? vb_lang_find("en", 2) : NULL), VB_OK);
    prevEnd = 0;
    ord = 0;
    while ((rc = vb_sent_next(it, &s)) == 1) {
      CHECK(s.start >= prevEnd && s.end > s.start && s.end <= n);
      /* spans start on unit boundaries: never on a continuation byte that
       * follows a lead byte */
      CHECK(s.start == 0 || (z[s.start] & 0xC0) != 0x80 || z[s.start - 1] < 0xC0);
      CHECK_INT(s.ord, ++ord);
      prevEnd = s.end;
    }
    CHECK_INT(rc, 0);
    CHECK(ord >= 2);
    vb_sent_close(it);
  }
  vb_sent_close(NULL);
}

static void test_large(void) {
  /* 32 MB: segmented in linear time, constant memory */
  size_t n = 32u << 20, i, count = 0, last = 0;
  static const char unit[] = "Mr. Smith went to Washington, D.C. at 5 p.m. on Jan. 5. It rained! ";
  unsigned char *z = malloc(n);
  vb_sent_iter *it;
  vb_sentence s;
  if (z == NULL) return;
  for (i = 0; i < n; i++) z[i] = (unsigned char)unit[i % (sizeof unit - 1)];
  CHECK_INT(vb_sent_open(&it, z, n, vb_lang_find("en", 2)), VB_OK);
  while (vb_sent_next(it, &s) == 1) {
    count++;
    last = s.end;
  }
  vb_sent_close(it);
  CHECK_INT(count, 2 * (n / (sizeof unit - 1)) + 1);
  CHECK(last <= n && last > n - sizeof unit);
  free(z);
}

int main(void) {
  test_uax_und();
  test_abbreviations();
  test_initials_numbers();
  test_lists_ellipses_urls();
  test_quotes_brackets();
  test_lines_paragraphs();
  test_offsets_invalid_utf8();
  test_large();
  return check_done();
}
