# SPDX-License-Identifier: MIT
"""tests/bindings/run_python.py SO WORKLOAD -- the bindings workload from
Python's sqlite3 module (see run.sh for the output format)."""
import sqlite3
import sys


def cell(v):
    return "NULL" if v is None else str(v)


def main(so, workload):
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(so)
    with open(workload, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            label, sql = line.split(" ", 1)
            try:
                for row in conn.execute(sql).fetchall():
                    print("|".join([label] + [cell(v) for v in row]))
            except sqlite3.Error as e:
                print(f"{label}|error|{e}")


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    main(sys.argv[1], sys.argv[2])
