# SPDX-License-Identifier: MIT
"""tests/conformance/check_quotes.py -- quotes() against the hand-written
cases in ../shared/data/quotes/cases.json.

A case passes when quotes(text) returns exactly the expected rows, in
order: the same quote text, speaker and cue (NULL cue as null).
`expected: []` means nothing may be extracted (titles, scare quotes).
Prints one line per case and the totals; any miss is a failure."""
import json
import os

from vb import DATA, connect


def run():
    path = os.path.join(DATA, "quotes", "cases.json")
    if not os.path.exists(path):
        print(f"check_quotes: {path} absent, skipped")
        return (0, 0)
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    conn = connect()
    passed = failed = 0
    found = want = exact = 0
    for case in cases:
        got = [
            {"quote": q, "speaker": s, "cue": c}
            for q, s, c in conn.execute(
                "select quote, speaker, cue from quotes(?) order by ord", (case["text"],)
            )
        ]
        exp = case["expected"]
        want += len(exp)
        for e in exp:
            if any(g["quote"] == e["quote"] for g in got):
                found += 1
            if e in got:
                exact += 1
        if got == exp:
            passed += 1
            print(f"  ok   {case['name']}")
        else:
            failed += 1
            print(f"  MISS {case['name']}")
            print(f"       want {exp}")
            print(f"       got  {got}")
    print(
        f"check_quotes: {passed}/{len(cases)} cases exact; quotes found {found}/{want}, "
        f"with speaker and cue {exact}/{want}"
    )
    return (passed, failed)


if __name__ == "__main__":
    import sys

    p, f = run()
    print(f"{p} passed, {f} failed")
    sys.exit(1 if f else 0)
