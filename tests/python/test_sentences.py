# SPDX-License-Identifier: MIT
"""tests/python/test_sentences.py -- sentences() through SQL: the seeds split
as a reader would (the transcript 001 exactly), the substr() invariant on
every row for random inputs (text, invalid UTF-8, BLOBs), sentences covering
every non-blank character exactly once, and a 100 MB document."""
import unittest

from hypothesis import given, settings, strategies as st, HealthCheck

from vb import connect, seed

# Unicode White_Space = UAX #29 Sp + Sep + CR + LF: what sentences are trimmed of
WHITE = set("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | \
    {chr(c) for c in range(0x2000, 0x200B)}


def rows(conn, doc, lang="en"):
    return conn.execute(
        "select ord, sentence, start, length, paragraph from sentences(?, ?)", (doc, lang)).fetchall()


class TranscriptTest(unittest.TestCase):
    maxDiff = 2000
    """seeds/001: the Kremlin transcript, split as a reader would."""

    @classmethod
    def setUpClass(cls):
        cls.conn = connect()
        cls.doc = seed("001")
        cls.rows = rows(cls.conn, cls.doc)
        # the transcript uses no-break spaces between words; compare with spaces
        cls.texts = [r[1].replace("\xa0", " ") for r in cls.rows]

    def test_headings_are_sentences(self):
        self.assertEqual(self.texts[:7], [
            "View settings",
            "Font size:",
            "Site colours:",
            "Official website of the President of Russia",
            "Документ   /",
            "Meeting with Acting Head of the Lugansk People’s Republic Leonid Pasechnik",
            "August 23, 2023, The Kremlin, Moscow",
        ])
        self.assertEqual([r[4] for r in self.rows[:7]], [1, 2, 3, 4, 5, 6, 7])

    def test_speaker_turns_start_sentences(self):
        self.assertIn("President of Russia Vladimir Putin: How is it going, Mr Pasechnik?", self.texts)
        self.assertIn("Acting Head of the Lugansk People’s Republic Leonid Pasechnik: All right, thank you.",
                      self.texts)
        self.assertIn("Leonid Pasechnik: Thank you.", self.texts)
        self.assertIn("Leonid Pasechnik: Thank you very much, Mr President.", self.texts)
        i = self.texts.index("Vladimir Putin: Of course, all the goals you mentioned cannot be achieved "
                             "before solving the main problem – ensuring security.")
        self.assertEqual(self.texts[i + 1], "Now, as you can see, the situation on the line of contact is stable.")
        # each turn opens a paragraph
        for r in self.rows:
            if r[1].replace("\xa0", " ").startswith(("Vladimir Putin:", "Leonid Pasechnik:",
                                                     "President of Russia")):
                prev = [p for p in self.rows if p[0] == r[0] - 1][0]
                self.assertEqual(r[4], prev[4] + 1, r[1])

    def test_mr_president_does_not_end_a_sentence(self):
        self.assertIn("Mr President, I would like to report that, unfortunately, the situation in the "
                      "republic remains tense.", self.texts)
        for t in self.texts:
            self.assertFalse(t.endswith((" Mr", " Mr.")), t)

    def test_bracketed_narration_is_its_own_sentence(self):
        narration = [t for t in self.texts if t.startswith("(Leonid Pasechnik")]
        self.assertEqual(len(narration), 2)
        self.assertTrue(narration[0].endswith("programmes for 2023–2025)."))
        self.assertIn("Mr Pasechnik pointed out that the new ministries", narration[0])
        self.assertTrue(narration[1].endswith("the main objectives in this regard.)"))
        i = self.texts.index(narration[0])
        self.assertTrue(self.texts[i - 1].endswith("to deliver on the objectives we face."))
        self.assertEqual(self.texts[i + 1], "In keeping with your Executive Order, we have established "
                                            "the Lugansk People’s Republic’s defence headquarters.")

    def test_quote_inside_sentence(self):
        self.assertIn("Overall, we live according to the principle “everything for the front, "
                      "everything for victory.”", self.texts)

    def test_counts(self):
        self.assertEqual(len(self.rows), 71)
        self.assertEqual(self.rows[-1][4], 36)


class SeedsTest(unittest.TestCase):
    def test_news_stories(self):
        conn = connect()
        for prefix in ("000", "002", "003", "004"):
            doc = seed(prefix)
            texts = [r[1].replace("\xa0", " ") for r in rows(conn, doc)]
            self.assertGreater(len(texts), 5, prefix)
            for t in texts:
                # no sentence is a stray abbreviation or initial
                self.assertGreater(len(t), 12, (prefix, t))
                self.assertTrue(t[-1] in ".!?’”\"'):" or t[-1].isalnum(), (prefix, t))
        texts = [r[1].replace("\xa0", " ") for r in rows(conn, seed("004"))]
        self.assertIn("‘But how can there be peace when the shelling doesn’t stop?’", texts)


def check_invariants(test, conn, value, lang="en"):
    """substr() invariant, ordinals, order, and coverage for one document,
    all computed in SQL so that invalid UTF-8 never reaches Python."""
    bad = conn.execute(
        "select count(*) from (select ? as d) as t, sentences(t.d, ?) as s "
        "where substr(t.d, s.start, s.length) is not s.sentence", (value, lang)).fetchone()[0]
    test.assertEqual(bad, 0)
    got = conn.execute("select ord, start, length, paragraph from (select ? as d) as t, sentences(t.d, ?) "
                       "order by ord", (value, lang)).fetchall()
    end, para = 1, 1
    for i, (ord_, start, length, paragraph) in enumerate(got):
        test.assertEqual(ord_, i + 1)
        test.assertGreaterEqual(start, end)
        test.assertGreater(length, 0)
        test.assertIn(paragraph, (para, para + 1))
        end, para = start + length, paragraph
    return got


text_strategy = st.lists(st.sampled_from(
    list("aAbZz .!?;:,\"'()[]\n\t-•…") + ["Mr.", "U.S.", "1.", "a)", "\u00a0", "。", "？", "«", "»",
                                         "„", "“", "”", "\u0301", "\u200d", "é", "Ж", "\u2029",
                                         "\r\n", "e.g.", " . . . ", "http://x.y/z."]), max_size=60).map("".join)


class PropertyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = connect()

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text_strategy, st.sampled_from(["en", "und", "de", "ru", "ja", "hy", "el", "ar"]))
    def test_text_covers_every_nonblank_character_once(self, doc, lang):
        got = check_invariants(self, self.conn, doc, lang)
        covered = [False] * len(doc)
        for _, start, length, _ in got:
            sent = doc[start - 1:start - 1 + length]
            self.assertEqual(sent, sent.strip("".join(WHITE)))
            for k in range(start - 1, start - 1 + length):
                self.assertFalse(covered[k])
                covered[k] = True
        for k, c in enumerate(doc):
            if not covered[k]:
                self.assertIn(c, WHITE, (doc, k))

    @settings(max_examples=300, deadline=None)
    @given(st.binary(max_size=64), st.sampled_from(["en", "und", "de"]))
    def test_invalid_utf8_text(self, data, lang):
        check_invariants(self, self.conn, data.decode("latin-1"), lang)  # valid text, odd chars
        bad = self.conn.execute(
            "select count(*) from (select cast(? as text) as d) as t, sentences(t.d, ?) as s "
            "where substr(t.d, s.start, s.length) is not s.sentence", (data, lang)).fetchone()[0]
        self.assertEqual(bad, 0)

    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=64))
    def test_blob(self, data):
        got = check_invariants(self, self.conn, data)
        for _, start, length, _ in got:
            self.assertLessEqual(start - 1 + length, len(data))
        types = {r[0] for r in self.conn.execute("select typeof(sentence) from sentences(?)", (data,))}
        self.assertTrue(types <= {"blob"})


class LargeTest(unittest.TestCase):
    def test_100_mb_document(self):
        unit = "Mr. Smith went to Washington, D.C. at 5 p.m. on Jan. 5. It rained! Ясно.\n\n"
        doc = unit * (100_000_000 // len(unit.encode("utf-8")))
        conn = connect()
        count, last = conn.execute("select count(*), max(paragraph) from sentences(?)", (doc,)).fetchone()
        n = doc.count(unit)
        self.assertEqual(count, 3 * n)
        self.assertEqual(last, n)


if __name__ == "__main__":
    unittest.main()
