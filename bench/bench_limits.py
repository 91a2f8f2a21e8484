# SPDX-License-Identifier: MIT
"""bench/bench_limits.py -- every verbatim function on huge documents: each
must finish in time linear in the input, or stop with a clear error.

    make bench            (or: /usr/bin/python3 bench/bench_limits.py [SMALL_MB BIG_MB])

For each case (a function and a kind of document) it runs the query on a
SMALL_MB (default 10) and a BIG_MB (default 100) document, each in a child
process with a time limit (VB_LIMITS_TIMEOUT, default 300 s), and prints:
seconds at both sizes, the scaling ratio t(big)/t(small) (linear: about
BIG/SMALL, i.e. 10), the ratio to the peer -- SQLite's own lower() over the
same document, a linear pass -- and the outcome: ok with the result, or the
error text.  A case that times out, crashes, or scales worse than
2 x BIG/SMALL is flagged NOT LINEAR.  Documents: English prose (seeds/
repeated), and adversarial ones: no sentence terminator at all, one giant
word, unbalanced quote marks, "Mr. " repeated, only line breaks.
Then catastrophic regular expressions ('(a|a)*b' and the like, on 30
characters and on 1 MB; '(a+)+[bc]' over runs of 22 'a's): each must end
within a second, with the right answer, PCRE2's limit error or the time
budget's.  Functions that are not registered are
skipped.
"""
import os
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SO = os.path.join(ROOT, os.environ.get("VERBATIM_SO", "dist/verbatim.so"))
TIMEOUT = float(os.environ.get("VB_LIMITS_TIMEOUT", "300"))

SHORT = ("President Vladimir Putin described the situation along the contact line as stable "
         "during a briefing, and said that security is a prerequisite for everything else.")

# (name, function it needs, SQL: ?1 is the document, ?2 a short passage)
CASES = [
    ("peer: lower()", None, "select length(lower(?1))"),
    ("sentences", "sentences", "select count(*), max(length) from sentences(?1)"),
    ("tokens", "tokens", "select count(*) from tokens(?1)"),
    ("normalize", "normalize", "select length(normalize(?1))"),
    ("normalize nfd", "normalize", "select length(normalize(?1, 'nfd'))"),
    ("quotes", "quotes", "select count(*) from quotes(?1)"),
    ("similarity cosine", "similarity", "select similarity(?1, ?2)"),
    ("similarity cosine doc-doc", "similarity", "select similarity(?1, ?1)"),
    ("similarity trigram", "similarity", "select similarity(?1, ?2, 'trigram')"),
    ("similarity levenshtein", "similarity", "select similarity(?1, ?2, 'levenshtein')"),
    ("similarity levenshtein doc-doc", "similarity", "select similarity(?1, ?1, 'levenshtein')"),
    ("similarity levenshtein doc-lower", "similarity",
     "select similarity(?1, lower(?1), 'levenshtein')"),
    ("similarity jaro_winkler doc-lower", "similarity",
     "select similarity(?1, lower(?1), 'jaro_winkler')"),
    ("similarity lcs doc-lower", "similarity", "select similarity(?1, lower(?1), 'lcs')"),
    ("similarity partial", "similarity", "select similarity(?2, ?1, 'partial')"),
    ("similarity token_set", "similarity", "select similarity(?1, ?2, 'token_set')"),
    ("edit_distance", "edit_distance", "select edit_distance(?1, ?2)"),
    ("edit_distance doc-doc", "edit_distance", "select edit_distance(?1, ?1)"),
    ("edit_distance doc-lower", "edit_distance", "select edit_distance(?1, lower(?1))"),
    ("align", "align", "select count(*) from align(?1, ?2)"),
    ("align doc-doc", "align", "select count(*) from align(?1, ?1)"),
    ("shingles", "shingles", "select count(*) from shingles(?1)"),
    ("minhash", "minhash", "select length(minhash(?1))"),
    ("lsh_bands", "lsh_bands", "select count(*) from lsh_bands(minhash(?1), 16)"),
    ("regexp", "regexp", "select ?1 regexp 'zzz\\d+$'"),
    ("regexp_matches", "regexp_matches", "select count(*) from regexp_matches(?1, '\\w+')"),
]
ADVERSARIAL = ["sentences", "tokens", "quotes", "normalize", "regexp_matches", "align"]


def prose(nbytes):
    parts = []
    for name in sorted(os.listdir(os.path.join(ROOT, "seeds"))):
        if name.endswith(".txt"):
            with open(os.path.join(ROOT, "seeds", name), encoding="utf-8") as f:
                parts.append(f.read())
    unit = "\n\n".join(parts)
    return (unit * (nbytes // len(unit.encode()) + 1)).encode()[:nbytes].decode("utf-8", "ignore")


DOCS = {
    "prose": prose,
    "no-terminator": lambda n: ("word " * (n // 5 + 1))[:n],
    "giant-word": lambda n: "a" * n,
    "quote-marks": lambda n: ("\"a \u201cb \u00abc '" * (n // 12 + 1))[: n // 2],
    "mr-dot": lambda n: ("Mr. " * (n // 4 + 1))[:n],
    "line-breaks": lambda n: "\n" * n,
}


def child(case, doc_kind, mb):
    """Runs one case in this process; prints 'seconds|outcome'."""
    name, _, sql = CASES[int(case)]
    doc = DOCS[doc_kind](int(float(mb) * 1e6))
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(os.path.splitext(SO)[0])
    t0 = time.perf_counter()
    try:
        row = conn.execute(sql, (doc, SHORT) if "?2" in sql else (doc,)).fetchone()
        outcome = "ok " + "|".join(str(x)[:20] for x in row)
    except (sqlite3.Error, MemoryError) as e:  # MemoryError: SQLITE_NOMEM
        outcome = "error: " + (str(e) or type(e).__name__)
    print(f"{time.perf_counter() - t0:.3f}|{outcome}")


def run(case, doc_kind, mb):
    try:
        p = subprocess.run([sys.executable, __file__, "--child", str(case), doc_kind, str(mb)],
                           capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"TIMEOUT after {TIMEOUT:.0f} s"
    if p.returncode != 0 or "|" not in p.stdout:
        return None, f"CRASH (exit {p.returncode}) {p.stderr.strip()[-200:]}"
    secs, outcome = p.stdout.strip().split("|", 1)
    return float(secs), outcome


# Catastrophic patterns: each must end (an error, or the right answer) within
# a second on a 30-character subject and on a 1 MB one.
CATASTROPHIC = [
    "select ?1 regexp '^(a|a)*b$'",
    "select ?1 regexp '^(a+)+b$'",
    "select ?1 regexp '(\\w+\\s?)*$'",
    "select ?1 regexp '(?:a|aa)+(?:b|c)'",
    "select count(*) from regexp_matches(?1, '(a|aa)*c')",
]
# The same kind of pattern on runs of 22 'a's and a '!': each start position
# backtracks about 2^22 steps, under PCRE2's match limit, so only the time
# budget (0.5 s a search) stops it.
CATASTROPHIC_RUNS = [
    "select ?1 regexp '(a+)+[bc]'",
    "select count(*) from regexp_matches(?1, '(a+)+[bc]')",
    "select length(regexp_replace(?1, '(a+)+[bc]', 'x'))",
]


def catastrophic(have):
    if "regexp" not in have:
        return 0
    bad = 0
    for kind, sql in [("a", q) for q in CATASTROPHIC] + [("runs", q) for q in CATASTROPHIC_RUNS]:
        if "regexp_matches" in sql and "regexp_matches" not in have:
            continue
        if "regexp_replace" in sql and "regexp_replace" not in have:
            continue
        for n in (30, 1000000):
            p = subprocess.run([sys.executable, __file__, "--regex", sql, str(n), kind],
                               capture_output=True, text=True, timeout=TIMEOUT)
            out = p.stdout.strip() or f"CRASH (exit {p.returncode})"
            secs = float(out.split("|")[0]) if "|" in out else None
            flag = "" if secs is not None and secs <= 1.0 else "OVER A SECOND"
            bad += bool(flag)
            print(f"catastrophic   {sql[7:60]:54} {kind:4} n={n:<8} {out[:70]} {flag}")
    return bad


def regex_child(sql, n, kind="a"):
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(os.path.splitext(SO)[0])
    if kind == "runs":
        subject = (("a" * 22 + "!") * (int(n) // 23 + 1))[:int(n)]
    else:
        subject = "a" * int(n) + "!"
    t0 = time.perf_counter()
    try:
        outcome = "ok " + str(conn.execute(sql, (subject,)).fetchone()[0])
    except sqlite3.Error as e:
        outcome = "error: " + str(e)
    print(f"{time.perf_counter() - t0:.3f}|{outcome}")


def main():
    small, big = (float(x) for x in (sys.argv[1:3] if len(sys.argv) >= 3 else ("10", "100")))
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(os.path.splitext(SO)[0])
    have = {r[0] for r in conn.execute(
        "select name from pragma_function_list union select name from pragma_module_list")}
    peer = {}
    bad = 0
    print(f"sizes {small:g} MB and {big:g} MB; linear scaling is {big / small:.0f}x")
    for doc_kind in DOCS:
        for i, (name, need, _) in enumerate(CASES):
            if need and need not in have:
                continue
            if doc_kind != "prose" and need not in ADVERSARIAL and need is not None:
                continue
            t1, o1 = run(i, doc_kind, small)
            t2, o2 = run(i, doc_kind, big)
            if need is None:
                peer[doc_kind] = t2
            flag = ""
            if t1 is None or t2 is None:
                flag = "NOT LINEAR"
            elif t2 > 0.05 and t2 / max(t1, 1e-3) > 2 * big / small:
                flag = "NOT LINEAR"
            bad += bool(flag)
            scale = f"{t2 / max(t1, 1e-3):5.1f}x" if t1 is not None and t2 is not None else "  -  "
            vs = (f"{t2 / peer[doc_kind]:7.1f}x lower()" if t2 is not None and peer.get(doc_kind)
                  else "")
            ts = lambda t: f"{t:8.2f}s" if t is not None else "       - "
            print(f"{doc_kind:14} {name:32} {ts(t1)} {ts(t2)} scale {scale} {vs:17} {o2[:70]} {flag}")
    slow = catastrophic(have)
    print(f"limits: {bad} cases not linear, {slow} catastrophic patterns over a second")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    elif len(sys.argv) > 1 and sys.argv[1] == "--regex":
        regex_child(*sys.argv[2:5])
    else:
        main()
