# SPDX-License-Identifier: MIT
"""similarity() and edit_distance() from Python.

- edit_distance equals the textbook dynamic program on random strings of
  several scripts, at lengths around the 64- and 128-character block edges
  (hypothesis), counting characters as SQLite does;
- similarity(..., 'jaro_winkler') agrees with python3-jellyfish's
  jaro_winkler_similarity to 1e-6 on non-empty folded text (they differ
  only on two empty texts: rapidfuzz's definition, which verbatim follows,
  gives 1, jellyfish 0);
- every method returns a number in [0, 1], 1 for identical texts, and the
  same value with the arguments swapped, except 'containment';
- bad input: NULLs, BLOBs, invalid UTF-8, a 100 MB text against a short
  one, two 1 MB texts for every method: a score or the documented error,
  never a crash or a hang;
- the seeds: the exact rank, among the sentences of the transcript
  seeds/001, of the source of each story sentence of seeds/000 that
  paraphrases it (first for four; the known misses pinned too).
"""
import sqlite3
import time
import unittest
import warnings

from hypothesis import HealthCheck, given, settings, strategies as st

from vb import connect, seed

METHODS = ["cosine", "jaccard", "dice", "overlap", "containment", "trigram", "levenshtein",
           "jaro_winkler", "lcs", "token_set", "partial"]
# Character-level quadratic methods: two 1 MB texts are over the bound.
# ('lcs' is word-level: 1 MB is about 170,000 words, within it; 'token_set'
# compares the sorted differences of distinct words, which are short here.)
OVER_BOUND = {"levenshtein", "jaro_winkler"}


def similarity(conn, a, b, method="cosine"):
    """similarity(a, b, method) through SQL."""
    return conn.execute("select similarity(?, ?, ?)", (a, b, method)).fetchone()[0]


def dp_levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


ALPHABETS = ["ab", "abcde ", "аб вгa", "日本語中文", "😀😁xé", "aAbB\u0301"]


@st.composite
def strings(draw):
    alphabet = draw(st.sampled_from(ALPHABETS))
    n = draw(st.sampled_from([0, 1, 2, 17, 63, 64, 65, 100, 127, 128, 129, 200]))
    return "".join(draw(st.lists(st.sampled_from(alphabet), min_size=n, max_size=n)))


@st.composite
def string_pairs(draw):
    a = draw(strings())
    if draw(st.booleans()):
        b = draw(strings())
    else:  # an edited copy: long common runs
        b = list(a)
        for _ in range(draw(st.integers(0, 8))):
            op = draw(st.integers(0, 2))
            pos = draw(st.integers(0, len(b)))
            ch = draw(st.sampled_from("xyé日"))
            if op == 0:
                b.insert(pos, ch)
            elif op == 1 and pos < len(b):
                del b[pos]
            elif pos < len(b):
                b[pos] = ch
        b = "".join(b)
    return a, b


WORDS = ["the", "a", "is", "Putin", "said", "talks", "failed", "security", "solid", "Kremlin",
         "économie", "Путин", "日本", "3,000", "it's", "—", "“quoted”", ",", ".", "  ", "\n"]
texts = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)
raw_texts = st.one_of(texts, st.text(max_size=40).filter(lambda s: "\x00" not in s))


class EditDistance(unittest.TestCase):
    conn = connect()

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(string_pairs())
    def test_matches_dp(self, pair):
        a, b = pair
        got = self.conn.execute("select edit_distance(?, ?)", (a, b)).fetchone()[0]
        self.assertEqual(got, dp_levenshtein(a, b))

    def test_invalid_utf8_counts_units(self):
        # x'80ff' is two units (a stray continuation byte, a lone lead byte)
        got = self.conn.execute("select edit_distance(cast(x'80ff' as text), 'ab')").fetchone()[0]
        self.assertEqual(got, 2)
        got = self.conn.execute("select edit_distance(x'e4b8ade6', x'e4b8ade69687')").fetchone()[0]
        self.assertEqual(got, 1)

    def test_null_and_numbers(self):
        self.assertIsNone(self.conn.execute("select edit_distance(NULL, 'a')").fetchone()[0])
        self.assertEqual(self.conn.execute("select edit_distance(1.5, '1.25')").fetchone()[0], 1)


class JaroWinkler(unittest.TestCase):
    conn = connect()

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.text(alphabet="abcdeé", min_size=1, max_size=150),
           st.text(alphabet="abcdeé", min_size=1, max_size=150))
    def test_agrees_with_jellyfish(self, a, b):
        import jellyfish
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            want = jellyfish.jaro_winkler_similarity(a, b)
        got = self.conn.execute("select similarity(?, ?, 'jaro_winkler')", (a, b)).fetchone()[0]
        self.assertAlmostEqual(got, want, delta=1e-6)

    def test_known_values(self):
        for a, b, want in [("MARTHA", "MARHTA", 0.9611111), ("DWAYNE", "DUANE", 0.84),
                           ("", "", 1.0), ("a", "", 0.0)]:
            got = self.conn.execute("select similarity(?, ?, 'jaro_winkler')", (a, b)).fetchone()[0]
            self.assertAlmostEqual(got, want, places=6)


class Properties(unittest.TestCase):
    conn = connect()

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(raw_texts, raw_texts)
    def test_range_identity_symmetry(self, a, b):
        for m in METHODS:
            x = similarity(self.conn, a, b, m)
            self.assertTrue(0.0 <= x <= 1.0, (m, a, b, x))
            self.assertEqual(similarity(self.conn, a, a, m), 1.0, (m, a))
            if m != "containment":
                self.assertAlmostEqual(similarity(self.conn, b, a, m), x, places=12, msg=(m, a, b))

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=60), st.binary(max_size=60))
    def test_blobs_and_invalid_utf8(self, a, b):
        for m in METHODS:
            x = self.conn.execute("select similarity(?, ?, ?)", (a, b, m)).fetchone()[0]
            self.assertTrue(0.0 <= x <= 1.0, (m, a, b, x))
            y = self.conn.execute("select similarity(cast(? as text), cast(? as text), ?)",
                                  (a, b, m)).fetchone()[0]
            self.assertTrue(0.0 <= y <= 1.0, (m, a, b, y))

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(texts, min_size=1, max_size=5), st.lists(texts, min_size=1, max_size=5))
    def test_repeated_texts_score_the_same(self, xs, ys):
        """A join repeats one side's text over many rows (the per-connection
        cache of prepared texts must not change any score): each pair scored
        in the join equals the pair scored on a fresh connection."""
        c = self.conn
        c.execute("create temp table if not exists xs(t)")
        c.execute("create temp table if not exists ys(t)")
        c.execute("delete from xs")
        c.execute("delete from ys")
        c.executemany("insert into xs values (?)", [(x,) for x in xs])
        c.executemany("insert into ys values (?)", [(y,) for y in ys])
        joined = {m: c.execute("select similarity(xs.t, ys.t, ?) from xs, ys "
                               "order by xs.rowid, ys.rowid", (m,)).fetchall() for m in METHODS}
        single = {m: [] for m in METHODS}
        for x in xs:
            for y in ys:
                fresh = connect()
                for m in METHODS:
                    single[m].append(fresh.execute("select similarity(?, ?, ?)",
                                                   (x, y, m)).fetchone())
                fresh.close()
        for m in METHODS:
            self.assertEqual(joined[m], single[m], m)

    def test_folding(self):
        for m in METHODS:
            self.assertEqual(
                similarity(self.conn, "  Hello,   “World” — AGAIN ", "hello, \"world\" - again", m),
                1.0, m)

    def test_containment_is_asymmetric(self):
        a, b = "the talks failed", "the talks failed, Putin said on Monday"
        self.assertEqual(similarity(self.conn, a, b, "containment"), 1.0)
        self.assertAlmostEqual(similarity(self.conn, b, a, "containment"), 2 / 5)

    def test_errors(self):
        with self.assertRaisesRegex(sqlite3.OperationalError,
                                    r"^similarity: unknown method 'Cosin' \(supported: cosine, "
                                    r"jaccard, dice, overlap, containment, trigram, levenshtein, "
                                    r"jaro_winkler, lcs, token_set, partial\)$"):
            similarity(self.conn, "a", "b", "Cosin")
        with self.assertRaisesRegex(sqlite3.OperationalError,
                                    r"^similarity: unknown language 'xx' \(supported: en, "):
            self.conn.execute("select similarity('a', 'b', 'cosine', 'xx')").fetchone()
        self.assertEqual(similarity(self.conn, "a", "b", "COSINE"), 0.0)  # method names ignore case


class BadInput(unittest.TestCase):
    conn = connect()

    def test_huge_against_short(self):
        big = "Putin said the talks failed. " * (100 * 1024 * 1024 // 29)  # 100 MB
        short = "the talks failed"
        self.conn.execute("create temp table big(t)")
        self.conn.execute("insert into big values (?)", (big,))
        del big
        for m in METHODS + ["edit_distance"]:
            t0 = time.process_time()
            if m == "edit_distance":
                got = self.conn.execute("select edit_distance(t, ?) from big", (short,)).fetchone()[0]
                self.assertGreater(got, 100 * 1000 * 1000 - 100)
            else:
                got = self.conn.execute("select similarity(t, ?, ?) from big", (short, m)).fetchone()[0]
                self.assertTrue(0.0 <= got <= 1.0, m)
            self.assertLess(time.process_time() - t0, 60, m)  # linear: seconds, not hours
        self.conn.execute("drop table big")

    def test_two_megabytes(self):
        a = ("Officials said the talks failed again on Monday. " * 21000)[:1 << 20]
        b = ("The minister said talks would resume in spring. " * 21000)[:1 << 20]
        for m in METHODS:
            if m in OVER_BOUND:
                with self.assertRaisesRegex(sqlite3.OperationalError,
                                            rf"^similarity: texts too long for '{m}' \(limit: "
                                            r"ceil\(shorter/64\) \* longer <= 536870912 "
                                            r"characters\)$"):
                    similarity(self.conn, a, b, m)
            else:
                x = similarity(self.conn, a, b, m)
                self.assertTrue(0.0 <= x <= 1.0, m)
        with self.assertRaisesRegex(sqlite3.OperationalError, r"^edit_distance: texts too long"):
            self.conn.execute("select edit_distance(?, ?)", (a, b)).fetchone()
        # identical megabyte texts: the common prefix is trimmed, no work left
        self.assertEqual(self.conn.execute("select edit_distance(?, ?)", (a, a + "!")).fetchone()[0], 1)


class Seeds(unittest.TestCase):
    """Story sentences of seeds/000 that paraphrase the transcript seeds/001,
    with the transcript sentence each one comes from (sentences() ords), and
    its exact rank by the default method among all 71 transcript sentences
    (1 + the number of transcript sentences that score strictly higher)."""

    PAIRS = [
        # 000#1 "President Vladimir Putin described the situation along the
        # contact line in the LPR as stable during a briefing with Leonid
        # Pasechnik, the acting head of the Luhansk People's Republic."
        # <- 001#8 "Vladimir Putin held a working meeting at the Kremlin with
        # Acting Head of the Lugansk People's Republic Leonid Pasechnik."
        (1, 8, 1),
        # 000#3 "In the discussion, Putin underscored that security is a
        # prerequisite for any forward momentum in the region ..."
        # <- 001#44 "Vladimir Putin: Of course, all the goals you mentioned
        # cannot be achieved before solving the main problem – ensuring security."
        (3, 44, 1),
        # 000#5 "Putin reiterated that a solid security framework is essential
        # to safeguard reconstruction efforts ..." <- 001#48 "... restoring the
        # economy and the social sphere on a solid security foundation."
        # Shares "solid", "security", and "reconstruction" ~ "restoring"
        # (WordNet), 0.207; ahead of 001#24 and 001#44 (0.200 each).  First
        # since "cap" no longer counts as a spelling variant of
        # "capabilities" (001#59, "cap in hand").
        (5, 48, 1),
        # 000#7 "... places its armed forces in precarious positions under
        # heavy artillery pressure." <- 001#46 "... sending their people into
        # minefields, under our artillery strikes ...": "artillery" shared,
        # "places" ~ "sending", "positions" ~ "side", "moves" ~ "impression"
        # related (WordNet), 0.174; ahead of the web page's "View settings"
        # (0.169: "positions" ~ "view", "places" ~ "settings").
        (7, 46, 1),
        # 000#10 "News about the Kremlin's confirmation of the Putin-Pasechnik
        # talks comes as ..." <- 001#8 (the meeting at the Kremlin): found
        # since the cosine counts "Putin-Pasechnik" as "Putin" and "Pasechnik".
        (10, 8, 1),
    ]
    # Second sources: a story sentence drawing on two transcript sentences
    # ranks the second behind the first (README, similarity).
    MISSES = [
        # 000#5's second source 001#24 "I must tell you about construction
        # and restoration efforts in the republic.": "efforts", and
        # "reconstruction" related (WordNet) to "restoration"; 0.200, tied
        # with 001#44, behind 001#48.
        (5, 24, 2),
        # 000#1's second source, 001#45 "Now, as you can see, the situation
        # on the line of contact is stable.", behind 001#8 (the sentence's
        # other half), 001#6 and 001#10 (the meeting's heading and the turn
        # label naming Pasechnik) and 001#9 (a turn naming Putin and Pasechnik).
        (1, 45, 5),
    ]

    @classmethod
    def setUpClass(cls):
        cls.conn = connect()
        cls.conn.execute("create table story as select ord, sentence from sentences(?)",
                         (seed("000"),))
        cls.conn.execute("create table source as select ord, sentence from sentences(?)",
                         (seed("001"),))

    def rank(self, story_ord, source_ord):
        return self.conn.execute(
            "with sc as (select s.ord, similarity(t.sentence, s.sentence) score "
            "from source s, story t where t.ord = ?) "
            "select 1 + (select count(*) from sc where score > x.score) from sc x where x.ord = ?",
            (story_ord, source_ord)).fetchone()[0]

    def test_sources(self):
        n = self.conn.execute("select count(*) from source").fetchone()[0]
        self.assertEqual(n, 71)
        first = self.conn.execute("select sentence from source where ord = 8").fetchone()[0]
        self.assertTrue(" ".join(first.split()).startswith("Vladimir Putin held a working meeting"),
                        first)

    def test_paraphrases_rank_first(self):
        for story, source, want in self.PAIRS:
            self.assertEqual(self.rank(story, source), want, (story, source))

    def test_known_misses(self):
        for story, source, want in self.MISSES:
            self.assertEqual(self.rank(story, source), want, (story, source))


class CosineWords(unittest.TestCase):
    """What the cosine counts: stem presence, hyphenated words as parts."""

    def test_presence_not_counts(self):
        conn = connect()
        self.assertEqual(similarity(conn, "war war war peace", "war peace"), 1.0)
        self.assertEqual(similarity(conn, "positive process, very positive attitude",
                                    "a positive attitude to the process"), 1.0)

    def test_hyphenated_words_count_as_parts(self):
        conn = connect()
        self.assertEqual(similarity(conn, "the Putin-Pasechnik talks", "Putin and Pasechnik talk"),
                         1.0)
        self.assertEqual(similarity(conn, "front-line areas", "the front line area"), 1.0)
        # U+2010 and U+2011 join words as '-' does
        self.assertEqual(similarity(conn, "front\u2010line", "front line"), 1.0)
        self.assertEqual(similarity(conn, "front\u2011lines", "front line"), 1.0)
        # parts are stemmed and stopword-checked alone: "well-being" is
        # "well" + "be" (a stopword), so it matches "well"
        self.assertEqual(similarity(conn, "well-being", "well"), 1.0)
        self.assertEqual(similarity(conn, "COVID-19 cases", "covid 19 case"), 1.0)
        self.assertLess(similarity(conn, "front-line", "back line"), 1.0)
        self.assertEqual(similarity(conn, "-", "-"), 1.0)
        self.assertEqual(similarity(conn, "a - b", "a b"), 1.0)

    def test_other_methods_keep_compounds(self):
        # the set methods keep "putin-pasechnik" as one word, also right after
        # the cosine has seen (and remembered) the same texts
        fresh = connect()
        want = similarity(fresh, "Putin-Pasechnik talks", "Putin Pasechnik talks", "jaccard")
        self.assertAlmostEqual(want, 1 / 4)
        conn = connect()
        self.assertEqual(similarity(conn, "Putin-Pasechnik talks", "Putin Pasechnik talks"), 1.0)
        self.assertAlmostEqual(
            similarity(conn, "Putin-Pasechnik talks", "Putin Pasechnik talks", "jaccard"), want)
        self.assertEqual(similarity(conn, "Putin-Pasechnik talks", "Putin Pasechnik talks"), 1.0)

    def test_many_hyphenated_words(self):
        conn = connect()
        a = " ".join("w%d-x%d" % (i, i) for i in range(20000))
        b = " ".join("w%d x%d" % (i, i) for i in range(20000))
        self.assertAlmostEqual(similarity(conn, a, b), 1.0)
        self.assertAlmostEqual(similarity(conn, a, a + " y"), similarity(conn, b, b + " y"))


if __name__ == "__main__":
    unittest.main()
