# SPDX-License-Identifier: MIT
"""tokens(), normalize() and the 'verbatim' FTS5 tokenizer from Python.

Properties checked with hypothesis on any input, including invalid UTF-8
and BLOBs: substr(text, start, length) = token for every row; tokens are
in order and do not overlap; every character of valid text is inside a
token or is white space, a control or a default-ignorable/format character.
normalize() agrees with Python's unicodedata for NFC/NFD/NFKC/NFKD on
valid text and with Unicode's NormalizationTest.txt (from Debian's
unicode-data) when it is installed; 'fold' is idempotent.
"""
import bz2
import os
import unicodedata
import unittest

from hypothesis import HealthCheck, given, settings, strategies as st

from vb import connect

UCD = "/usr/share/unicode"

# Unicode characters Python's unicodedata (14.0) knows: utf8proc has 15.0,
# so code points unassigned in 14.0 are left out of the comparisons.
# NUL is left out too: SQLite reads TEXT up to its first NUL.
known_chars = st.characters(blacklist_categories=("Cs", "Cn"), blacklist_characters="\x00")
texts = st.text(alphabet=known_chars, max_size=60)
# Text that stresses the tokenizer: joiners, quotes, digits, marks, CJK.
tricky = st.text(alphabet=st.sampled_from(list(
    "aZé9 .,'-_’‐·«»“”—–()!?%$\t\n\u00a0\u0301\u0323\u00ad\u200b\u200c\u200dПутин日本カナかな٫٬"
    "ﬁ①ß")), max_size=60)
raw_bytes = st.binary(max_size=60)


def default_ignorables():
    out = set()
    path = os.path.join(UCD, "DerivedCoreProperties.txt")
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line.endswith("Default_Ignorable_Code_Point"):
                continue
            rng = line.split(";")[0].strip()
            lo, _, hi = rng.partition("..")
            out.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return out


IGNORABLE = default_ignorables()
# Unicode's White_Space property (Python's str.isspace() adds U+001C..U+001F).
WHITE_SPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
               "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def skippable(ch):
    """A character that may lie outside every token."""
    return (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")
            or ord(ch) in IGNORABLE)


class Tokens(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.db = connect()

    def rows(self, sql, *args):
        return self.db.execute(sql, args).fetchall()

    def check_spans(self, text_expr, arg):
        """text_expr uses ?1 for arg."""
        rows = self.rows(
            f"select ord, start, length, substr({text_expr}, start, length) = token,"
            f" typeof(token) from tokens({text_expr})", arg)
        end = 1
        for i, (ord_, start, length, same, _) in enumerate(rows):
            self.assertEqual(ord_, i + 1)
            self.assertEqual(same, 1, (arg, rows))
            self.assertGreater(length, 0)
            self.assertGreaterEqual(start, end)
            end = start + length
        return rows

    @settings(max_examples=300, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(texts, tricky))
    def test_substr_and_coverage_valid_text(self, s):
        rows = self.check_spans("?1", s)
        covered = [False] * len(s)
        for _, start, length, _, kind in rows:
            self.assertEqual(kind, "text")
            for k in range(start - 1, start - 1 + length):
                covered[k] = True
        for k, ch in enumerate(s):
            if not covered[k]:
                self.assertTrue(skippable(ch), f"U+{ord(ch):04X} not in a token: {s!r}")

    @settings(max_examples=300, deadline=None, database=None)
    @given(raw_bytes)
    def test_substr_invalid_utf8_as_text(self, b):
        self.check_spans("cast(?1 as text)", b)

    @settings(max_examples=300, deadline=None, database=None)
    @given(raw_bytes)
    def test_substr_blob(self, b):
        rows = self.check_spans("?1", b)
        for row in rows:
            self.assertEqual(row[4], "blob")

    @settings(max_examples=200, deadline=None, database=None)
    @given(st.one_of(texts, tricky), st.sampled_from(["en", "ru", "de", "fr", "it", "ja", "und"]))
    def test_norm_is_fold_of_token_and_stem_of_norm(self, s, lang):
        for token, norm, stem, kind in self.rows(
                "select token, norm, stem, kind from tokens(?, ?)", s, lang):
            self.assertEqual(norm, self.db.execute("select normalize(?)", (token,)).fetchone()[0])
            self.assertTrue(norm, (s, token))
            if kind != "word" or lang in ("ja", "und"):
                self.assertEqual(stem, norm)

    def test_fts5_terms_are_token_stems(self):
        db = connect()
        db.execute("create virtual table f using fts5(body, tokenize='verbatim de')")
        text = "Die Verhandlungen wurden am 3. März fortgesetzt; Straße—Weg, „Zitat“."
        db.execute("insert into f values (?)", (text,))
        db.execute("create virtual table v using fts5vocab(f, 'row')")
        terms = sorted(r[0] for r in db.execute("select term from v"))
        stems = sorted({r[0] for r in db.execute(
            "select stem from tokens(?, 'de') where kind in ('word', 'number')", (text,))})
        self.assertEqual(terms, stems)
        hits = db.execute("select rowid from f where f match 'verhandlung'").fetchall()
        self.assertEqual(hits, [(1,)])

    def test_huge_inputs(self):
        # 16 MB of short words; 4 MB without a break (cut every 512 bytes);
        # 2 MB of combining marks (one word, cut); results checked exactly.
        n, last = self.db.execute(
            "select count(*), max(ord) from tokens(?)", ("ab " * 5_000_000 + "x",)).fetchone()
        self.assertEqual((n, last), (5_000_001, 5_000_001))
        n, total = self.db.execute(
            "select count(*), sum(length) from tokens(?)", ("a" * 4_000_000,)).fetchone()
        self.assertEqual((n, total), (-(-4_000_000 // 512), 4_000_000))
        text = "a" + "\u0301" * 1_000_000
        n, total = self.db.execute(
            "select count(*), sum(length) from tokens(?)", (text,)).fetchone()
        self.assertEqual(total, len(text))

    def test_seeds_tokenize(self):
        from vb import SEEDS
        for name in sorted(os.listdir(SEEDS)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
                text = f.read()
            n, ok = self.db.execute(
                "select count(*), sum(substr(?1, start, length) = token) from tokens(?1)",
                (text,)).fetchone()
            self.assertGreater(n, 100)
            self.assertEqual(n, ok)


class Normalize(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.db = connect()

    def norm(self, s, form=None):
        if form is None:
            return self.db.execute("select normalize(?)", (s,)).fetchone()[0]
        return self.db.execute("select normalize(?, ?)", (s, form)).fetchone()[0]

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.one_of(texts, tricky))
    def test_unicode_forms_match_python(self, s):
        for form in ("NFC", "NFD", "NFKC", "NFKD"):
            self.assertEqual(self.norm(s, form.lower()), unicodedata.normalize(form, s),
                             (form, s))

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.one_of(texts, tricky))
    def test_round_trips(self, s):
        nfc, nfd = self.norm(s, "nfc"), self.norm(s, "nfd")
        self.assertEqual(self.norm(nfd, "nfc"), nfc)
        self.assertEqual(self.norm(nfc, "nfd"), nfd)

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.one_of(texts, tricky))
    def test_fold(self, s):
        f = self.norm(s)
        self.assertEqual(self.norm(f), f)
        self.assertEqual(f, f.strip(WHITE_SPACE))
        self.assertNotIn("  ", f)
        for ch in "‘’‚‛“”„‟«»‹›‐‑‒–—―−\u00a0\t\n":
            self.assertNotIn(ch, f)

    @settings(max_examples=200, deadline=None, database=None)
    @given(raw_bytes)
    def test_invalid_utf8(self, b):
        for form in ("fold", "nfc", "nfd", "nfkc", "nfkd"):
            out = self.db.execute("select normalize(cast(? as text), ?)", (b, form)).fetchone()[0]
            self.assertIsInstance(out, str)

    def test_long_text_chunks(self):
        # Longer than a chunk (1024 code points): the same as Python.
        s = ("Ǆé\u0301\u0323 가\u11a8 ﬁ Straße " * 400) + ("й" * 3000) + "e\u0301"
        for form in ("NFC", "NFD", "NFKC", "NFKD"):
            self.assertEqual(self.norm(s, form.lower()), unicodedata.normalize(form, s))

    def test_huge_inputs(self):
        s = "Ab\u00a0 “c” " * 1_000_000
        out = self.norm(s)
        self.assertEqual(out, ('ab "c" ' * 1_000_000).strip())
        marks = "a" + "\u0301\u0323" * 500_000
        self.assertEqual(self.norm(marks, "nfd"), "a" + "\u0323" * 500_000 + "\u0301" * 500_000)
        self.assertEqual(len(self.norm("й" * 2_000_000, "nfd")), 4_000_000)

    def test_normalization_test_txt(self):
        path = os.path.join(UCD, "NormalizationTest.txt.bz2")
        if not os.path.exists(path):
            self.skipTest("unicode-data's NormalizationTest.txt is not installed")
        cases = []
        with bz2.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                line = line.split("#")[0].strip()
                if not line or line.startswith("@"):
                    continue
                cols = [
                    "".join(chr(int(x, 16)) for x in c.split()) for c in line.split(";")[:5]]
                cases.append(cols)
        self.assertGreater(len(cases), 15000)
        db = connect()
        db.execute("create table n(c1, c2, c3, c4, c5)")
        db.executemany("insert into n values (?, ?, ?, ?, ?)", cases)
        bad = db.execute("""
            select count(*) from n where not (
              c2 = normalize(c1, 'nfc') and c2 = normalize(c2, 'nfc') and c2 = normalize(c3, 'nfc')
              and c4 = normalize(c4, 'nfc') and c4 = normalize(c5, 'nfc')
              and c3 = normalize(c1, 'nfd') and c3 = normalize(c2, 'nfd') and c3 = normalize(c3, 'nfd')
              and c5 = normalize(c4, 'nfd') and c5 = normalize(c5, 'nfd')
              and c4 = normalize(c1, 'nfkc') and c4 = normalize(c2, 'nfkc')
              and c4 = normalize(c3, 'nfkc') and c4 = normalize(c4, 'nfkc') and c4 = normalize(c5, 'nfkc')
              and c5 = normalize(c1, 'nfkd') and c5 = normalize(c2, 'nfkd')
              and c5 = normalize(c3, 'nfkd') and c5 = normalize(c4, 'nfkd') and c5 = normalize(c5, 'nfkd'))
            """).fetchone()[0]
        self.assertEqual(bad, 0)


if __name__ == "__main__":
    unittest.main()
