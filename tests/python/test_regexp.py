# SPDX-License-Identifier: MIT
"""Property tests of regexp(), regexp_matches() and regexp_replace() (hypothesis).

- On valid text, regexp_matches() agrees with Python's re.finditer() (same
  empty-match rule, same Unicode \\w and \\d) for patterns that mean the same
  in both dialects: matches, places (in characters) and groups.
- On any bytes (invalid UTF-8 included, as TEXT and as BLOB):
  substr(text, start, length) is match, rows are in order and never overlap,
  groups is valid JSON with one element per group, and regexp() is 1 exactly
  when regexp_matches() has a row, and regexp_replace(text, pattern, '$0')
  gives the text back.
- On valid text, regexp_replace() agrees with re.sub().
"""
import json
import re
import unittest

from hypothesis import given, settings, strategies as st

from vb import connect

# Patterns with the same meaning in PCRE2 (UTF, UCP) and Python's re on str.
PATTERNS = [r"\w+", r"x*", r"", r"\d", r"[aé]+", r"(a)(b)?", r"\s+", r"(?i)ä", r"\bab", r"b$",
            r"^a", r"(?m)^\w", r".", r"é|x", r"(?=a)", r"[^a ]+"]
ALPHABET = "abxé 1٣\nÄä😀"


def rows(conn, text, pattern):
    return conn.execute("select ord, match, start, length, groups from regexp_matches(?, ?)",
                        (text, pattern)).fetchall()


class AgreesWithPythonRe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = connect()

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=ALPHABET, max_size=20), st.sampled_from(PATTERNS))
    def test_finditer(self, text, pattern):
        want = [(i + 1, m.group(0), m.start() + 1, m.end() - m.start(), list(m.groups()))
                for i, m in enumerate(re.finditer(pattern, text))]
        got = [(o, mt, s, n, json.loads(g)) for o, mt, s, n, g in rows(self.conn, text, pattern)]
        self.assertEqual(got, want)
        self.assertEqual(self.conn.execute("select ? regexp ?", (text, pattern)).fetchone()[0],
                         1 if want else 0)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=ALPHABET, max_size=20), st.sampled_from(PATTERNS))
    def test_sub(self, text, pattern):
        groups = re.compile(pattern).groups
        ours = "<$0" + "".join(f"${{{g}}}" for g in range(1, groups + 1)) + "$$>"
        theirs = "<\\g<0>" + "".join(f"\\g<{g}>" for g in range(1, groups + 1)) + "$>"
        self.assertEqual(
            self.conn.execute("select regexp_replace(?, ?, ?)", (text, pattern, ours)).fetchone()[0],
            re.sub(pattern, theirs, text))


ATOMS = [b"a", b" ", b"\xc3\xa9", b"\x80", b"\xff", b"\xc3", b"\n", b"\xe2\x82", b"\x00",
         b"\xf0\x9f\x98\x80", b"\xed\xa0\x80", b'"', b"\\", b"\x01"]


class AnyBytes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = connect()

    def check(self, value, pattern):
        conn = self.conn
        got = conn.execute(
            "select ord, match, start, length, groups, substr(?1, start, length) is match"
            " from regexp_matches(?1, ?2)", (value, pattern)).fetchall()
        ngroups = re.compile(pattern).groups
        prev_end, prev_empty = 0, False
        for i, (ordinal, _, start, length, groups, same) in enumerate(got):
            self.assertEqual(ordinal, i + 1)
            self.assertEqual(same, 1)
            self.assertGreaterEqual(length, 0)
            end = start - 1 + length
            self.assertTrue(start - 1 > prev_end or (start - 1 == prev_end and
                                                     not (prev_empty and length == 0)))
            prev_end, prev_empty = end, length == 0
            self.assertEqual(len(json.loads(groups)), ngroups)
        self.assertEqual(conn.execute("select regexp(?2, ?1)", (value, pattern)).fetchone()[0],
                         1 if got else 0)
        # Replacing every match by itself gives the input back, byte for byte.
        self.assertEqual(conn.execute("select regexp_replace(?1, ?2, '$0') is ?1",
                                      (value, pattern)).fetchone()[0], 1)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(ATOMS), max_size=12), st.sampled_from(PATTERNS + [r"(.)(\W)?"]))
    def test_invariants(self, atoms, pattern):
        data = b"".join(atoms)
        self.check(data, pattern)  # a BLOB: offsets in bytes
        # The same bytes as TEXT (SQLite stops TEXT at the first NUL, as substr() does).
        text = self.conn.execute("select cast(? as text)", (data,)).fetchone()[0] \
            if b"\x00" not in data and _valid(data) else None
        if text is not None:
            self.check(text, pattern)
        # Invalid UTF-8 as TEXT: built inside SQLite, since Python str cannot hold it.
        rows_ = self.conn.execute(
            "select count(*), sum(substr(t, start, length) is match) from"
            " (select cast(?1 as text) t), regexp_matches(t, ?2)", (data, pattern)).fetchone()
        self.assertEqual(rows_[0], rows_[1] or 0)


class CachedPatterns(unittest.TestCase):
    """The compiled pattern is cached per statement: re-running a prepared
    statement with another bound pattern must not reuse the old one, and a
    pattern taken from a column is compiled row by row."""

    def test_rebound_and_column_patterns(self):
        conn = connect()
        conn.execute("create table t(x, p)")
        conn.executemany("insert into t values (?, ?)",
                         [("apple", "^a"), ("banana", "an"), ("cherry", "^a")])
        for p, want in [("^a", "apple"), ("an", "banana"), ("rr", "cherry"), ("^a", "apple")]:
            with self.subTest(pattern=p):
                self.assertEqual(conn.execute(
                    "select group_concat(x) from t where x regexp ?", (p,)).fetchone()[0], want)
                self.assertEqual(conn.execute(
                    "select group_concat(match) from t, regexp_matches(t.x, ?)",
                    (p,)).fetchone()[0],
                    ",".join(m for x in ("apple", "banana", "cherry") for m in re.findall(p, x)))
        self.assertEqual(conn.execute(
            "select group_concat(x regexp p) from t order by rowid").fetchone()[0], "1,1,0")
        self.assertEqual(conn.execute(
            "select group_concat(regexp_replace(x, p, '_')) from t").fetchone()[0],
            "_pple,b__a,cherry")
        self.assertEqual(conn.execute(
            "select group_concat(m.match) from t, regexp_matches(t.x, t.p) m").fetchone()[0],
            "a,an,an")


class TimeBudget(unittest.TestCase):
    """A pattern that backtracks at every start position, each time under
    PCRE2's match limit, stops after the time budget with its own error
    (before, 2,300 characters took 2 s and 23,000 took 20 s, and the shell
    could not interrupt it); the possessive form runs normally."""

    TEXT = ("a" * 22 + "!") * 1000
    WANT = ("time limit exceeded (the pattern backtracks at every position: "
            "try a possessive or atomic group)")

    def test_every_regexp_function(self):
        conn = connect()
        for name, sql in [("regexp", "select ? regexp '(a+)+[bc]'"),
                          ("regexp_matches",
                           "select count(*) from regexp_matches(?, '(a+)+[bc]')"),
                          ("regexp_replace", "select regexp_replace(?, '(a+)+[bc]', 'x')")]:
            with self.subTest(name=name):
                with self.assertRaises(Exception) as cm:
                    conn.execute(sql, (self.TEXT,)).fetchone()
                self.assertEqual(str(cm.exception), name + ": " + self.WANT)
        self.assertEqual(conn.execute("select ? regexp '(a++)+[bc]'", (self.TEXT,)).fetchone(),
                         (0,))
        self.assertEqual(conn.execute("select count(*) from regexp_matches(?, '(a+)+!')",
                                      (self.TEXT,)).fetchone(), (1000,))


def _valid(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    unittest.main()
