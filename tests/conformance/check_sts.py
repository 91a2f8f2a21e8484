# SPDX-License-Identifier: MIT
"""tests/conformance/check_sts.py -- similarity() on the STS Benchmark.

Reads ../shared/data/sts/stsb-en-<split>.csv (sentence1, sentence2, gold
0-5), scores every pair with every method through SQL, and prints the
Spearman rank correlation (ties as average ranks) of each method with the
gold scores.  Asserts that the default method reaches 0.72 on the test
split (TF-IDF cosine with IDF from the test corpus itself: 0.724; stemmed
Jaccard: 0.681).  The prior and weighting were tuned on the train and dev
splits only.

    /usr/bin/python3 tests/conformance/check_sts.py [split]
"""
import csv
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "python"))
from vb import DATA, connect  # noqa: E402

METHODS = ["cosine", "jaccard", "dice", "overlap", "containment", "trigram", "levenshtein",
           "jaro_winkler", "lcs", "token_set", "partial"]
TARGET = 0.72


def ranks(xs):
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(xs, ys):
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy)


def load(split):
    path = os.path.join(DATA, "sts", f"stsb-en-{split}.csv")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", newline="") as f:
        return [(r[0], r[1], float(r[2])) for r in csv.reader(f) if len(r) == 3]


def scores(conn, rows, method):
    conn.execute("create temp table if not exists sts(a, b, gold)")
    conn.execute("delete from sts")
    conn.executemany("insert into sts values (?, ?, ?)", rows)
    return [r[0] for r in conn.execute("select similarity(a, b, ?) from sts order by rowid",
                                       (method,))]


def evaluate(split):
    rows = load(split)
    if rows is None:
        return None
    conn = connect()
    gold = [g for _, _, g in rows]
    return {m: spearman(scores(conn, rows, m), gold) for m in METHODS}


def run():
    # the rank correlation itself: ties share their average rank
    self_ok = (ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
               and abs(spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1.0) < 1e-12
               and abs(spearman([1, 2, 2, 3], [1, 2, 3, 4]) - 0.9486832980505138) < 1e-12)
    res = evaluate("test")
    if res is None:
        print("check_sts: ../shared/data/sts absent, skipped")
        return 0, 0
    for m in METHODS:
        print(f"  STS-B test Spearman {m:13s} {res[m]:.4f}")
    passed, failed = int(self_ok), int(not self_ok)
    if not self_ok:
        print("  spearman() self-check failed")
    ok = res["cosine"] >= TARGET
    print(f"  default (cosine) {res['cosine']:.4f} {'>=' if ok else '<'} {TARGET}")
    passed += ok
    failed += not ok
    return passed, failed


if __name__ == "__main__":
    for split in sys.argv[1:] or ["test"]:
        r = evaluate(split)
        for m in METHODS:
            print(f"{split} {m:13s} {r[m]:.4f}")
