# SPDX-License-Identifier: MIT
"""Regression tests for defects found by the reliability work (fuzzing, the
static-build workload, allocation-failure and thread tests).  Each test
names what it found and where it was fixed."""
import unittest

from vb import connect, registered_names

A = ("Mr. Smith met V. V. Putin on Aug. 23 at 10 a.m. in Moscow. \"We will not retreat,\" "
     "Putin said. \"The line is stable.\" Russia's position is clear, a Western diplomat noted.")
B = ("Vladimir Putin said the line was stable and that Russia would not retreat. "
     "A Western diplomat noted that Russia's position is clear. Talks will resume, he added.")


class SimilarityDeterministic(unittest.TestCase):
    """similarity() is DETERMINISTIC, but its cosine summed the word table in
    slot order, and the table kept a larger capacity from an earlier, longer
    call on the same connection: the last bits of the score depended on what
    ran before (found by test_static's second-run comparison).  Fixed in
    ext/core/similarity.c: the table is now walked in insertion order."""

    def setUp(self):
        if "similarity" not in registered_names():
            self.skipTest("similarity() is not registered yet")

    def test_score_does_not_depend_on_earlier_calls(self):
        words_a, words_b = (A + " " + B).split() * 2, (B + " " + A).split() * 2
        pairs = [(" ".join(words_a[:n]), " ".join(words_b[:n])) for n in range(1, 120, 7)]
        pairs += pairs[::-1]
        methods = ["cosine", "jaccard", "dice", "overlap", "containment", "partial"]
        used = connect()
        for a, b in pairs:
            for m in methods:
                fresh = connect()
                want = fresh.execute("select similarity(?, ?, ?)", (a, b, m)).fetchone()[0]
                fresh.close()
                got = used.execute("select similarity(?, ?, ?)", (a, b, m)).fetchone()[0]
                self.assertEqual(got, want, (m, len(a), len(b)))


if __name__ == "__main__":
    unittest.main()
