# SPDX-License-Identifier: MIT
"""bench/bench_align.py -- align() of two 1 MB documents (target: at most
2 s), against Python's difflib.SequenceMatcher on the same word lists.

a is the first 1 MB of the KJV Bible (bible-kjv-text); b is a copy cut in
40 blocks, a quarter of them moved elsewhere, with 5% of the words
substituted, dropped or inserted.  verbatim: align(a, b) through SQL (it
tokenizes, stems and aligns).  Peer: SequenceMatcher(None, words(a),
words(b)).get_matching_blocks() on lower-cased words split by a regular
expression (no stemming; autojunk on, its default).  Printed: CPU seconds
of each, the ratio, and the share of b's words inside aligned passages.
"""
import os
import random
import re
import sqlite3
import subprocess
import time
from difflib import SequenceMatcher

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SO = os.path.join(ROOT, os.environ.get("VERBATIM_SO", "dist/verbatim.so"))
WORD = re.compile(r"\w+(?:'\w+)*")


def documents():
    kjv = subprocess.run(["bible", "Gen1:1-Rev22:21"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True, check=False).stdout
    lines = [re.sub(r"^\s*\S*\d+:\d+\s*|^\s*\d+\s+", "", l) for l in kjv.splitlines()]
    a, size = [], 0
    for line in lines:
        if size >= 1_000_000:
            break
        a.append(line)
        size += len(line) + 1
    a = "\n".join(a)[:1_000_000]
    rng = random.Random(42)
    words = a.split(" ")
    vocab = sorted(set(words))
    out = []
    for w in words:
        r = rng.random()
        if r < 0.0167:
            out.append(rng.choice(vocab))
        elif r < 0.0333:
            continue
        elif r < 0.05:
            out.extend([w, rng.choice(vocab)])
        else:
            out.append(w)
    b = " ".join(out)
    step = len(b) // 40
    blocks = [b[k:k + step] for k in range(0, len(b), step)]
    moved = rng.sample(range(len(blocks)), len(blocks) // 4)
    for k in moved:
        blk = blocks.pop(k)
        blocks.insert(rng.randrange(len(blocks) + 1), blk)
    return a, "".join(blocks)[:1_000_000]


def main():
    a, b = documents()
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(os.path.splitext(SO)[0])
    t0, c0 = time.perf_counter(), time.process_time()
    rows = conn.execute("select b_start, b_length, words from align(?, ?)", (a, b)).fetchall()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    covered = sum(len(WORD.findall(b[s - 1:s - 1 + n])) for s, n, _ in rows)
    total = len(WORD.findall(b))
    print(f"verbatim align(): {len(a)} and {len(b)} characters: {cpu:.2f} s CPU "
          f"({wall:.2f} s wall; target <= 2 s), {len(rows)} passages covering "
          f"{covered / total:.1%} of b's words")
    wa = [w.lower() for w in WORD.findall(a)]
    wb = [w.lower() for w in WORD.findall(b)]
    t0, c0 = time.perf_counter(), time.process_time()
    blocks = SequenceMatcher(None, wa, wb).get_matching_blocks()
    pwall, pcpu = time.perf_counter() - t0, time.process_time() - c0
    matched = sum(m.size for m in blocks)
    print(f"difflib SequenceMatcher: {len(wa)} and {len(wb)} words: {pcpu:.2f} s CPU "
          f"({pwall:.2f} s wall), {len(blocks) - 1} blocks matching {matched / len(wb):.1%} of b's words")
    print(f"ratio: verbatim / difflib CPU time = {cpu / pcpu:.3f}")


if __name__ == "__main__":
    main()
