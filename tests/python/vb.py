# SPDX-License-Identifier: MIT
"""tests/python/vb.py -- shared helpers for the Python tests: where the
repository, the extension and the shared evaluation data are, and a
connection with verbatim loaded (Debian's /usr/bin/python3 can load
extensions)."""
import os
import sqlite3

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SO = os.path.join(ROOT, os.environ.get("VERBATIM_SO", "dist/verbatim.so"))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
DATA = os.path.join(SHARED, "data")
SEEDS = os.path.join(ROOT, "seeds")


def connect(path=":memory:"):
    """A connection with the extension loaded."""
    conn = sqlite3.connect(path)
    conn.enable_load_extension(True)
    conn.load_extension(os.path.splitext(SO)[0])
    conn.enable_load_extension(False)
    return conn


def seed(prefix):
    """The text of the seed document whose file name starts with prefix."""
    for name in sorted(os.listdir(SEEDS)):
        if name.startswith(prefix) and name.endswith(".txt"):
            with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
                return f.read()
    raise FileNotFoundError(prefix)


def registered_names():
    """Names of every function and module a connection with verbatim has."""
    conn = connect()
    names = {r[0] for r in conn.execute(
        "select name from pragma_function_list union select name from pragma_module_list")}
    conn.close()
    return names
