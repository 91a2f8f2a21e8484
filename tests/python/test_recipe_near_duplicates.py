# SPDX-License-Identifier: MIT
"""sql/recipe_near_duplicates.sql runs in the sqlite3 shell on a docs table
and reports exactly the pairs whose shingle Jaccard is >= 0.5 (checked
against a brute-force comparison of every pair), with their Jaccard."""
import itertools
import os
import random
import re
import subprocess
import tempfile
import unittest

from vb import ROOT, SO, connect, seed


def sentences():
    out = []
    for prefix in ("000", "001", "002", "003", "004"):
        for s in re.split(r"(?<=[.!?])\s+", seed(prefix)):
            s = s.strip()
            if len(s.split()) >= 6:
                out.append(s)
    return list(dict.fromkeys(out))


def edit(s, rng):
    words = s.split()
    for _ in range(max(1, len(words) // 15)):
        k = rng.randrange(len(words))
        op = rng.randrange(3)
        if op == 0:
            words[k] = "changed"
        elif op == 1 and len(words) > 3:
            del words[k]
        else:
            words.insert(k, "added")
    return " ".join(words)


class Recipe(unittest.TestCase):
    def test_recipe_finds_every_near_duplicate(self):
        rng = random.Random(3)
        docs = sentences()
        base = len(docs)
        for k in rng.sample(range(base), 25):
            docs.append(edit(docs[k], rng))
        docs.append(docs[0])  # an exact copy
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "docs.db")
            conn = connect(path)
            conn.execute("create table docs(id INTEGER PRIMARY KEY, body TEXT)")
            conn.executemany("insert into docs values(?, ?)", enumerate(docs, 1))
            conn.commit()
            sets = {i: {h for (h,) in conn.execute("select hash from shingles(?)", (d,))}
                    for i, d in enumerate(docs, 1)}
            conn.close()
            want = {}
            for (i, x), (j, y) in itertools.combinations(sets.items(), 2):
                if x and y:
                    jac = len(x & y) / len(x | y)
                    if jac >= 0.5:
                        want[(i, j)] = jac
            with open(os.path.join(ROOT, "sql", "recipe_near_duplicates.sql"), encoding="utf-8") as f:
                script = f.read().replace(".load ./dist/verbatim", ".load " + os.path.splitext(SO)[0])
            res = subprocess.run(["sqlite3", "-bail", path], input=script, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
            self.assertEqual(res.returncode, 0, res.stdout)
            self.assertEqual(res.stdout, "")
            conn = connect(path)
            got = {(a, b): j for a, b, j in conn.execute("select a, b, jaccard from near_duplicates")}
            conn.close()
        self.assertGreaterEqual(len(want), 20)  # most of the 25 edited copies, and the exact one
        # Exact verification: nothing below 0.5, the true Jaccard for each pair.
        for pair, j in got.items():
            self.assertIn(pair, want)
            self.assertAlmostEqual(j, want[pair], places=12)
        # LSH recall: every pair here shares bands (deterministic hashes).
        self.assertEqual(sorted(got), sorted(want))
        self.assertIn((1, len(docs)), got)
        self.assertEqual(got[(1, len(docs))], 1.0)


if __name__ == "__main__":
    unittest.main()
