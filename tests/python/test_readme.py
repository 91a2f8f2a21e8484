# SPDX-License-Identifier: MIT
"""Every ```sql example in README.md runs, and prints what the README says.

In a block, each statement (lines up to one ending in ';') is followed by
its expected output as '-- ' lines, in the sqlite3 shell's list mode.  A
statement with no '-- ' lines must print nothing.  Each block runs in one
fresh sqlite3 shell with the extension loaded, so a block may set up tables
for the statements after it.
"""
import os
import re
import subprocess
import unittest

from vb import ROOT, SO


def blocks(text):
    for m in re.finditer(r"```sql\n(.*?)```", text, re.S):
        line = text.count("\n", 0, m.start()) + 1
        yield line, m.group(1)


def statements(block):
    """[(sql, expected_lines)]"""
    out, sql, exp = [], [], None
    for raw in block.splitlines():
        if raw.startswith("--") and exp is not None:
            exp.append(raw[3:] if raw.startswith("-- ") else raw[2:])
            continue
        if exp is not None and raw.strip() == "":
            continue
        if exp is not None:
            out.append(("\n".join(sql), exp))
            sql, exp = [], None
        if not sql and raw.strip() == "":
            continue
        sql.append(raw)
        if raw.rstrip().endswith(";"):
            exp = []
    if sql:
        out.append(("\n".join(sql), exp or []))
    return out


def run_block(stmts):
    script = [".load " + os.path.splitext(SO)[0]]
    for i, (sql, _) in enumerate(stmts):
        script.append(f".print @@{i}")
        script.append(sql)
    # stdbuf keeps stdout unbuffered, so error messages (stderr) interleave in order.
    res = subprocess.run(["stdbuf", "-o0", "sqlite3", "-batch", ":memory:"],
                         input="\n".join(script) + "\n", stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, cwd=ROOT, timeout=120)
    text = res.stdout
    parts = re.split(r"^@@\d+\n", text, flags=re.M)
    return [p.rstrip("\n").split("\n") if p.strip("\n") else [] for p in parts[1:]]


class ReadmeExamples(unittest.TestCase):
    def test_examples(self):
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            text = f.read()
        count = 0
        for line, block in blocks(text):
            stmts = statements(block)
            got = run_block(stmts)
            for i, (sql, exp) in enumerate(stmts):
                count += 1
                with self.subTest(line=line, sql=sql):
                    self.assertEqual(got[i] if i < len(got) else ["<no output>"], exp)
        self.assertGreater(count, 0)


if __name__ == "__main__":
    unittest.main()
