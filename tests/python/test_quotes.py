# SPDX-License-Identifier: MIT
"""quotes() from Python: properties on any input, and the bad inputs.

Properties (hypothesis), for TEXT with any characters, TEXT holding
invalid UTF-8, and BLOBs: substr(document, start, length) = quote for
every row; speaker, mention and cue are words of the document; rows are
numbered 1..n in order of start; kind is one of the four kinds; sentence
and paragraph are numbers sentences() gives.  Bad inputs (no quotation
marks, a million unbalanced marks, nesting ten thousand deep, a turn label
on every line, invalid UTF-8, a long text without sentence ends) give a
defined result under the same invariants (their time is measured only in
make bench)."""
import unittest

from hypothesis import HealthCheck, given, settings, strategies as st

from vb import connect

KINDS = {"direct", "partial", "turn", "indirect"}
pieces = st.sampled_from([
    "“", "”", "‘", "’", "\"", "'", "«", "»", "„", "「", "」", "『", "』", " ", " ", "\n", "\n\n",
    ", ", ". ", ": ", "? ", "said", "says", "told", "according to", "that", "he", "she",
    "Ann Lee", "Putin", "Dr. Shah", "HOST:", "MARTA GIL:", "(", ")", "the", "a", "word", "Word",
    "it’s", "'n'", "12\"", "—", "сказал", "sagte", "a déclaré", "说：", "\u00a0", "é", "\t"])
texts = st.lists(pieces, max_size=40).map("".join)
bad_bytes = st.lists(st.sampled_from([
    b"\xff", b"\xe2\x80", b"\xe2\x80\x9c", b"\xe2\x80\x9d", b"\xc0", b"\x80", b"\"", b"'",
    b" ", b"said ", b"Ann. ", b"x"]), max_size=40).map(b"".join)


class QuotesProperties(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.conn = connect()

    def check(self, doc, expr="?"):
        conn = self.conn
        conn.text_factory = bytes if isinstance(doc, bytes) else str
        rows = conn.execute(
            f"select ord, quote, speaker, mention, cue, kind, start, length, sentence, paragraph,"
            f" substr(d, start, length) is quote,"
            f" instr(d, speaker) > 0 or speaker is null,"
            f" instr(d, mention) > 0 or mention is null,"
            f" instr(d, cue) > 0 or cue is null"
            f" from (select {expr} as d), quotes(d)", (doc,)).fetchall()
        nsent = conn.execute(f"select count(*) from sentences({expr})", (doc,)).fetchone()[0]
        last = 0
        for i, r in enumerate(rows):
            self.assertEqual(r[0], i + 1)
            self.assertEqual(r[10], 1, r)
            self.assertEqual(r[11:14], (1, 1, 1), r)
            self.assertIn(r[5].decode() if isinstance(r[5], bytes) else r[5], KINDS)
            self.assertGreaterEqual(r[6], last)
            last = r[6]
            self.assertGreater(r[7], 0)
            self.assertTrue(1 <= r[8] <= max(nsent, 1), r)
            self.assertGreaterEqual(r[9], 1)
        return rows

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(texts)
    def test_text(self, doc):
        self.check(doc)

    @settings(max_examples=200, deadline=None)
    @given(bad_bytes)
    def test_invalid_utf8_text_and_blob(self, doc):
        self.check(doc, "cast(? as text)")
        self.check(doc, "cast(? as blob)")

    def test_null_and_numbers(self):
        self.assertEqual(self.conn.execute("select count(*) from quotes(NULL)").fetchone()[0], 0)
        self.assertEqual(self.conn.execute("select count(*) from quotes(3.5)").fetchone()[0], 0)

    def test_bad_inputs(self):
        big = [
            "No quotation marks here. " * 40000,
            "“" * 1_000_000,
            "”" * 1_000_000,
            "\"" * 1_000_000,
            "'" * 1_000_000,
            "He said: " + "“" * 10_000 + "deep" + "”" * 10_000 + " and more.",
            "‘“" * 5_000 + "x" + "”’" * 5_000,
            "HOST: hello there.\n" * 20_000,
            "NAME: “quoted,” he said.\n" * 20_000,
            "word " * 400_000,
        ]
        for doc in big:
            rows = self.conn.execute(
                "select count(*), sum(length(quote)) from quotes(?)", (doc,)).fetchone()
            # output stays linear in the input: nesting is bounded
            self.assertLessEqual(rows[1] or 0, 4 * len(doc))
        turns = self.conn.execute(
            "select count(*), count(distinct speaker) from quotes(?) where kind = 'turn'",
            (big[7],)).fetchone()
        self.assertEqual(turns, (20_000, 1))
        for doc in (big[5], big[6]):
            self.check(doc)
        bad = bytes([0xFF, 0xE2, 0x80, 0x9C, 0x41, 0xE2, 0x80, 0xE2, 0x80, 0x9D, 0xC0, 0x22,
                     0x20, 0x73, 0x61, 0x69, 0x64, 0x2E, 0x20]) * 2_000
        self.check(bad, "cast(? as text)")
        self.check(bad, "cast(? as blob)")


if __name__ == "__main__":
    unittest.main()
