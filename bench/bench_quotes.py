# SPDX-License-Identifier: MIT
"""bench/bench_quotes.py -- quotes() through SQL on the bench prose corpus.

    make bench            (or: /usr/bin/python3 bench/bench_quotes.py)

1. Throughput: `select count(*) from docs, quotes(body)` over
   bench/out/corpus.db (>= 10 MB of English prose in 64 KB documents, built
   by bench/corpus.sh), best of 3 in CPU time of the process, in MB/s; the peer in the same run is
   sentences() on the same documents (quotes() segments them too, to
   number its rows), printed as the ratio quotes/sentences.
   Target: >= 20 MB/s.
2. Linearity: the first 10 MB of corpus.txt as one document, against each
   of the ten ~1 MB slices it is made of (cut at line ends), best of 5 CPU
   time each; prints time(10 MB) / time(first 1 MB) and time(10 MB) /
   mean time(1 MB slice) -- the latter compares equal content.  Target: <= 11.
"""
import os
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
subprocess.run(["bash", "bench/corpus.sh"], check=True)
so = os.path.splitext(os.environ.get("VERBATIM_SO", "dist/verbatim.so"))[0]
db = sqlite3.connect("bench/out/corpus.db")
db.enable_load_extension(True)
db.load_extension(so)


WALL = {}


def best_of(n, sql, args=()):
    """Best CPU time of this process (the machine is shared: wall time
    mostly measures the other jobs) and the query's result; the best wall
    time is kept in WALL[sql] for reference."""
    best, wall, out = 1e30, 1e30, None
    for _ in range(n):
        t0, w0 = time.process_time(), time.perf_counter()
        out = db.execute(sql, args).fetchone()[0]
        best = min(best, time.process_time() - t0)
        wall = min(wall, time.perf_counter() - w0)
    WALL[sql] = wall
    return best, out


nbytes = db.execute("select sum(length(cast(body as blob))) from docs").fetchone()[0]
tq, rows = best_of(3, "select count(*) from docs, quotes(body)")
ts, sents = best_of(3, "select count(*) from docs, sentences(body)")
mbq, mbs = nbytes / 1e6 / tq, nbytes / 1e6 / ts
wq = WALL["select count(*) from docs, quotes(body)"]
print(f"quotes: {nbytes / 1e6:.1f} MB, {rows} rows, best of 3: {tq:.3f} s CPU, {mbq:.1f} MB/s "
      f"(target >= 20); wall {wq:.3f} s, {nbytes / 1e6 / wq:.1f} MB/s; load {os.getloadavg()[0]:.1f}")
print(f"sentences (peer): {sents} sentences, {ts:.3f} s, {mbs:.1f} MB/s; "
      f"quotes/sentences throughput = {mbq / mbs:.2f}")

with open("bench/out/corpus.txt", "rb") as f:
    data = f.read()


def cut(size):
    k = data.rfind(b"\n", 0, size)
    return data[: k + 1 if k > 0 else size].decode("utf-8")


big = cut(10_000_000)
# The ten consecutive ~1 MB slices that make up the 10 MB document: the
# 1 MB documents to compare with, so that content does not differ.
slices, a = [], 0
raw = big.encode("utf-8")
for k in range(10):
    b = len(raw) if k == 9 else raw.rfind(b"\n", 0, (k + 1) * len(raw) // 10) + 1
    slices.append(raw[a:b].decode("utf-8"))
    a = b
db.execute("create temp table one(body text)")
db.execute("insert into one(rowid, body) values (0, ?)", (big,))
for k, sl in enumerate(slices):
    db.execute("insert into one(rowid, body) values (?, ?)", (k + 1, sl))
t10, _ = best_of(5, "select count(*) from one, quotes(body) where one.rowid = 0")
t1s = [best_of(5, "select count(*) from one, quotes(body) where one.rowid = ?", (k + 1,))[0]
       for k in range(10)]
t1 = t1s[0]
mean1 = sum(t1s) / len(t1s)
print(f"linearity: 10 MB {t10:.3f} s; its first 1 MB {t1:.3f} s (ratio {t10 / t1:.2f}); "
      f"mean of its ten 1 MB slices {mean1:.4f} s (ratio {t10 / mean1:.2f}, target <= 11)")
