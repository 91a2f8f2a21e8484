# SPDX-License-Identifier: MIT
"""Property tests (python3-hypothesis) over every verbatim function.

- substr(): for every table-valued function the extension registers (found
  in pragma_module_list, so new ones are covered without editing this file),
  every span pair (start, length), (a_start, a_length), ... satisfies
  substr(document, start, length) = the row's text column, for TEXT, BLOB
  and invalid-UTF-8 TEXT documents.
- sentences() covers every non-blank character exactly once, and no
  sentence starts or ends with white space.
- Results are deterministic: the same query twice, and on a new connection.
- similarity() is in [0, 1], 1 for identical texts, and symmetric for every
  method but 'containment' (methods found from the error message that lists
  them, so new ones are covered).
- edit_distance() is a metric (identity, symmetry, triangle inequality) and
  equals a plain dynamic-programming reference.

A function that is not registered yet makes its test skip with a message.
VERBATIM_EXAMPLES (default 60) sets the number of examples per property;
examples are derandomized so a run is reproducible.
"""
import math
import os
import re
import sqlite3
import unittest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vb import connect

EXAMPLES = int(os.environ.get("VERBATIM_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))

# Unicode White_Space: what a sentence is trimmed of (UAX #29 Sp, Sep, CR, LF).
WHITE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)}

CHARS = list("abcXYZ019 .!?,;:'\"()-\n") + [
    "\n\n", "\t", "\xa0", "\u2028", "\u3000", "“", "”", "‘", "’", "«", "»", "„", "「", "」",
    "。", "！", "é", "e\u0301", "ß", "ﬁ", "\ufdfa", "я", "Ж", "ω", "中", "😀", "\u200b", "\u00ad",
    "—", "…", "ـ", "\u05d0",
]
WORDS = ["Mr.", "Dr.", "U.S.", "e.g.", "3.5", "No. 5", "V. V. Putin", "said", "he", "Putin:",
         "т. е.", "z. B.", "23.", "http://x.org/a.b", "a@b.com", "...", "?!", "\"We left.\""]

texts = st.lists(st.one_of(st.sampled_from(CHARS), st.sampled_from(WORDS)), max_size=40).map("".join)
raw = st.binary(max_size=120)
# (value, SQL expression for it): TEXT, BLOB, or arbitrary bytes cast to TEXT.
documents = st.one_of(
    texts.map(lambda t: (t, "?")),
    raw.map(lambda b: (b, "?")),
    raw.map(lambda b: (b, "cast(? as text)")),
)

# Values for hidden arguments other than the document, by column name.
LANGS = ["en", "ru", "de", "fr", "ja", "zh", "und", None]
PATTERNS = ["\\w+", ".", "[.!?]", "(\\w)(\\w)?", "\\p{L}+", "x*", "\"[^\"]*\""]
ARG_VALUES = {
    "lang": st.sampled_from(LANGS),
    "pattern": st.sampled_from(PATTERNS),
    "b": texts,
    "min_words": st.sampled_from([None, 1, 2, 3]),
    "n": st.sampled_from([None, 1, 2, 3]),
}
# Span pairs whose text column is not the span itself (normalized text).
NOT_A_SPAN = {("shingles", "")}


def base_modules():
    c = sqlite3.connect(":memory:")
    names = {r[0] for r in c.execute("select name from pragma_module_list")}
    c.close()
    return names


def registered(conn, name):
    return conn.execute(
        "select 1 from pragma_function_list where name = ?1"
        " union all select 1 from pragma_module_list where name = ?1", (name,)).fetchone() is not None


class TableFunction:
    """A table-valued function's columns, found by pragma_table_xinfo."""

    def __init__(self, conn, name):
        self.name = name
        cols = conn.execute("select name, hidden from pragma_table_xinfo(?)", (name,)).fetchall()
        self.columns = [c for c, h in cols if not h]
        self.hidden = [c for c, h in cols if h]
        self.spans = []  # (start, length, text column or None, document column)
        for c in self.columns:
            if not c.endswith("start"):
                continue
            prefix = c[: -len("start")]
            if prefix + "length" not in self.columns:
                continue
            if (name, prefix) in NOT_A_SPAN:
                text = None
            elif prefix:
                text = prefix + "text" if prefix + "text" in self.columns else None
            else:
                text = self.columns[1] if len(self.columns) > 1 else None
            doc = prefix.rstrip("_") if prefix.rstrip("_") in self.hidden else self.hidden[0]
            self.spans.append((c, prefix + "length", text, doc))


def extension_tvfs():
    conn = connect()
    base = base_modules()
    names = sorted(r[0] for r in conn.execute("select name from pragma_module_list")
                   if r[0] not in base and not r[0].startswith("pragma_"))
    tvfs = [TableFunction(conn, n) for n in names]
    conn.close()
    return [t for t in tvfs if t.hidden]


class SubstrInvariant(unittest.TestCase):
    """substr(document, start, length) = text, for every TVF and span."""

    @classmethod
    def setUpClass(cls):
        cls.conn = connect()
        cls.conn.text_factory = bytes  # invalid UTF-8 comes back as it is
        cls.tvfs = extension_tvfs()

    def test_some_table_functions_found(self):
        self.assertIn("sentences", [t.name for t in self.tvfs])

    def check_tvf(self, tvf, doc, extra):
        value, expr = doc
        where, params = [f"t.{tvf.hidden[0]} = {expr}"], [value]
        for col, v in extra.items():
            if v is not None:
                where.append(f"t.{col} = ?")
                params.append(v)
        checks, cparams = [], []
        for start, length, text, doc_col in tvf.spans:
            if doc_col == tvf.hidden[0]:
                src, sparams = expr, [value]
            else:
                src, sparams = "?", [extra.get(doc_col)]
            checks.append(f"t.{start}, t.{length}, substr({src}, t.{start}, t.{length}), "
                          + (f"t.{text}" if text else "NULL"))
            cparams.extend(sparams)
        if not checks:
            return
        sql = f"select {', '.join(checks)} from {tvf.name} t where {' and '.join(where)}"
        try:
            rows = self.conn.execute(sql, cparams + params).fetchall()
        except sqlite3.OperationalError as e:
            # A clear error (a pattern the function refuses, a bound) is allowed;
            # it must name the function.
            self.assertIn(tvf.name, str(e), sql)
            return
        for row in rows:
            for k in range(0, len(row), 4):
                start, length, sub, text = row[k:k + 4]
                self.assertGreaterEqual(start, 1, (tvf.name, value))
                self.assertGreaterEqual(length, 0, (tvf.name, value))
                if text is not None or tvf.spans[k // 4][2] is not None:
                    self.assertEqual(sub, text, (tvf.name, tvf.spans[k // 4], value, extra))

    @SETTINGS
    @given(doc=documents, data=st.data())
    def test_substr(self, doc, data):
        for tvf in self.tvfs:
            if not tvf.spans:
                continue
            extra = {}
            for col in tvf.hidden[1:]:
                strat = ARG_VALUES.get(col)
                if strat is not None:
                    extra[col] = data.draw(strat, label=f"{tvf.name}.{col}")
            self.check_tvf(tvf, doc, extra)


def spans(conn, doc, lang="en"):
    return conn.execute("select start, length, sentence from sentences(?, ?)", (doc, lang)).fetchall()


class SentenceCover(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = connect()

    @SETTINGS
    @given(doc=texts, lang=st.sampled_from(LANGS))
    def test_every_nonblank_character_once(self, doc, lang):
        covered = [0] * len(doc)
        for start, length, sentence in spans(self.conn, doc, lang or "en"):
            self.assertGreater(length, 0)
            self.assertEqual(doc[start - 1:start - 1 + length], sentence)
            self.assertNotIn(sentence[0], WHITE, (doc, sentence))
            self.assertNotIn(sentence[-1], WHITE, (doc, sentence))
            for i in range(start - 1, start - 1 + length):
                covered[i] += 1
        for i, ch in enumerate(doc):
            self.assertLessEqual(covered[i], 1, (doc, i))
            if ch not in WHITE and not (i == 0 and ch == "\ufeff"):  # a leading BOM is skipped
                self.assertEqual(covered[i], 1, f"character {i} {ch!r} of {doc!r} not covered")


class Deterministic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = connect()
        cls.tvfs = extension_tvfs()

    SCALARS = [("normalize", "normalize(?1)"), ("normalize", "normalize(?1, 'nfd')"),
               ("similarity", "similarity(?1, ?2)"), ("similarity", "similarity(?1, ?2, 'trigram')"),
               ("edit_distance", "edit_distance(?1, ?2)"), ("minhash", "hex(minhash(?1))"),
               ("regexp", "?1 regexp '\\w+'")]

    @SETTINGS
    @given(a=texts, b=texts)
    def test_same_result_twice_and_on_a_new_connection(self, a, b):
        other = connect()
        queries = [(f"select {expr}", (a, b) if "?2" in expr else (a,))
                   for fn, expr in self.SCALARS if registered(self.conn, fn)]
        for tvf in self.tvfs:
            if tvf.name == "lsh_bands":
                continue
            q = f"select * from {tvf.name} where {tvf.hidden[0]} = ?1"
            if len(tvf.hidden) > 1 and tvf.hidden[1] in ("b",):
                q += f" and {tvf.hidden[1]} = ?2"
            elif len(tvf.hidden) > 1 and tvf.hidden[1] == "pattern":
                q += f" and {tvf.hidden[1]} = '\\w+'"
            queries.append((q, (a, b) if "?2" in q else (a,)))
        for q, p in queries:
            first = self.conn.execute(q, p).fetchall()
            self.assertEqual(first, self.conn.execute(q, p).fetchall(), q)
            self.assertEqual(first, other.execute(q, p).fetchall(), q)
        other.close()


def levenshtein(a, b):
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        diag, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            up = row[j]
            row[j] = min(up + 1, row[j - 1] + 1, diag + (ca != cb))
            diag = up
    return row[-1]


class Similarity(unittest.TestCase):
    ASYMMETRIC = {"containment"}

    @classmethod
    def setUpClass(cls):
        cls.conn = connect()
        cls.methods = []
        if registered(cls.conn, "similarity"):
            try:
                cls.conn.execute("select similarity('a', 'b', 'no-such-method')").fetchall()
            except sqlite3.OperationalError as e:
                m = re.search(r"supported: ([^)]*)\)", str(e))
                if m:
                    cls.methods = [x.strip() for x in m.group(1).split(",")]

    def setUp(self):
        if not registered(self.conn, "similarity"):
            self.skipTest("similarity() is not registered yet")

    def test_methods_listed(self):
        self.assertIn("cosine", self.methods)

    @SETTINGS
    @given(a=texts, b=texts)
    def test_range_identity_symmetry(self, a, b):
        for m in self.methods:
            ab = self.conn.execute("select similarity(?, ?, ?)", (a, b, m)).fetchone()[0]
            aa = self.conn.execute("select similarity(?, ?, ?)", (a, a, m)).fetchone()[0]
            self.assertTrue(0.0 <= ab <= 1.0, (m, a, b, ab))
            self.assertEqual(aa, 1.0, (m, a))
            if m not in self.ASYMMETRIC:
                ba = self.conn.execute("select similarity(?, ?, ?)", (b, a, m)).fetchone()[0]
                self.assertTrue(math.isclose(ab, ba, rel_tol=1e-12, abs_tol=1e-12), (m, a, b, ab, ba))


class EditDistance(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = connect()

    def setUp(self):
        if not registered(self.conn, "edit_distance"):
            self.skipTest("edit_distance() is not registered yet")

    def d(self, a, b):
        return self.conn.execute("select edit_distance(?, ?)", (a, b)).fetchone()[0]

    @SETTINGS
    @given(a=texts, b=texts, c=texts)
    def test_metric(self, a, b, c):
        ab, ba, bc, ac = self.d(a, b), self.d(b, a), self.d(b, c), self.d(a, c)
        self.assertEqual(self.d(a, a), 0)
        self.assertEqual(ab, ba)
        self.assertEqual(ab == 0, a == b)
        self.assertLessEqual(ac, ab + bc)
        self.assertEqual(ab, levenshtein(a, b))


if __name__ == "__main__":
    unittest.main()
