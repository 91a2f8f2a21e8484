# SPDX-License-Identifier: MIT
"""What the loadable extension is, seen from outside: the exact list of SQL
functions (with their flags) and modules it registers, the one symbol it
exports, the libraries it links, that its functions work where SQLite
demands innocuous ones (views and generated columns with trusted_schema
off), and the text of its errors.

When a branch adds a function or a module, add it to FUNCTIONS or MODULES:
these lists are the extension's public surface."""
import os
import re
import sqlite3
import subprocess
import unittest

from vb import SO, connect

UTF8 = 0x1
DETERMINISTIC = 0x800
DIRECTONLY = 0x80000
INNOCUOUS = 0x200000
PURE = DETERMINISTIC | INNOCUOUS  # VB_PURE_FLAGS (SQLITE_UTF8 shows in the enc column)

# (name, number of arguments) -> flags, as pragma_function_list shows them.
FUNCTIONS = {
    ("verbatim_version", 0): PURE,
    ("verbatim_debug", 0): INNOCUOUS,  # not deterministic: it reports the build
    ("normalize", 1): PURE,
    ("normalize", 2): PURE,
    ("similarity", 2): PURE,
    ("similarity", 3): PURE,
    ("similarity", 4): PURE,
    ("edit_distance", 2): PURE,
    ("minhash", 1): PURE,
    ("minhash", 2): PURE,
    ("minhash", 3): PURE,
    ("minhash_similarity", 2): PURE,
    ("regexp", 2): PURE,
    ("regexp_replace", 3): PURE,
}

# Eponymous table-valued functions (and other modules).
MODULES = {
    "sentences",
    "tokens",
    "align",
    "shingles",
    "lsh_bands",
    "quotes",
    "regexp_matches",
    "quotes",
}

# FTS5 tokenizers (not listed by any pragma: checked by creating a table).
TOKENIZERS = {"verbatim"}

# One call of every function and module, used inside a view, a trigger and
# (for deterministic functions) a generated column with trusted_schema off.
SAMPLES = {
    "verbatim_version": "select verbatim_version()",
    "verbatim_debug": "select verbatim_debug() like 'verbatim: %'",
    "normalize": "select normalize('ＡＢＣ  x'), normalize('é', 'nfd')",
    "similarity": "select similarity('Putin said it.', 'It was said by Putin.', 'jaccard')",
    "edit_distance": "select edit_distance('kitten', 'sitting')",
    "minhash": "select length(minhash('The committee approved the new budget.', 16))",
    "minhash_similarity": "select minhash_similarity(minhash('a b c d e'), minhash('a b c d f'))",
    "align": "select count(*) from align('The bridge was closed for repairs.',"
             " 'Officials said the bridge was closed for repairs.')",
    "shingles": "select count(*) from shingles('The committee approved the new budget.')",
    "lsh_bands": "select count(*) from lsh_bands(minhash('The committee approved it.', 8), 4)",
    "regexp": "select 'Putin' regexp '^P'",
    "regexp_replace": "select regexp_replace('Putin, Vladimir', '(\\w+), (\\w+)', '$2 $1')",
    "sentences": "select count(*) from sentences('One. Two.')",
    "tokens": "select count(*) from tokens('Two words')",
    "quotes": "select count(*) from quotes('\"We agree,\" Putin said.')",
    "regexp_matches": "select count(*) from regexp_matches('a1b22', '\\d+')",
    "quotes": "select count(*) from quotes('“We are ready,” said Ann Lee.')",
}


def plain():
    """A connection without the extension: SQLite's own functions and modules."""
    return sqlite3.connect(":memory:")


def function_list(conn):
    return {(name, narg): (enc, flags) for name, enc, narg, flags in conn.execute(
        "select name, enc, narg, flags from pragma_function_list")}


def module_list(conn):
    return {name for (name,) in conn.execute("select name from pragma_module_list")}


class Registered(unittest.TestCase):
    def test_functions_exactly(self):
        base = function_list(plain())
        got = {k: v for k, v in function_list(connect()).items() if k not in base}
        self.assertEqual(sorted(got), sorted(FUNCTIONS))
        for key, (enc, flags) in got.items():
            with self.subTest(function=key):
                self.assertEqual(enc, "utf8")
                self.assertEqual(flags, FUNCTIONS[key], hex(flags))
                self.assertFalse(flags & DIRECTONLY)

    def test_modules_exactly(self):
        got = module_list(connect()) - module_list(plain())
        self.assertEqual(sorted(got), sorted(MODULES))

    def test_entry_point_named_explicitly(self):
        res = subprocess.run(["sqlite3", ":memory:"], input=(
            f".load {os.path.splitext(SO)[0]} sqlite3_verbatim_init\n"
            "select verbatim_version();\n"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True)
        self.assertEqual(res.stdout, "0.1.0\n")

    def test_registering_twice_is_harmless(self):
        conn = connect()
        conn.enable_load_extension(True)
        conn.load_extension(os.path.splitext(SO)[0])
        self.assertEqual(conn.execute("select verbatim_version()").fetchone(), ("0.1.0",))


class SharedObject(unittest.TestCase):
    def test_exports_only_the_entry_point(self):
        out = subprocess.run(["nm", "-D", "--defined-only", SO], stdout=subprocess.PIPE,
                             text=True, check=True).stdout
        names = [line.split()[-1] for line in out.splitlines() if line.strip()]
        self.assertEqual(names, ["sqlite3_verbatim_init"])

    def test_does_not_link_libsqlite3(self):
        out = subprocess.run(["readelf", "-d", SO], stdout=subprocess.PIPE, text=True,
                             check=True).stdout
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)
        self.assertTrue(needed)
        self.assertFalse([n for n in needed if "sqlite" in n], needed)
        undefined = subprocess.run(["nm", "-D", "--undefined-only", SO], stdout=subprocess.PIPE,
                                   text=True, check=True).stdout
        self.assertNotRegex(undefined, r"\bsqlite3_")  # every call goes through the API table


class TrustedSchemaOff(unittest.TestCase):
    """Schema objects may only use innocuous functions and modules when
    trusted_schema is off; everything verbatim registers is innocuous."""

    def setUp(self):
        self.conn = connect()
        self.conn.execute("pragma trusted_schema = off")

    def test_negative_control(self):
        # A function without SQLITE_INNOCUOUS is refused in a view: the test can fail.
        self.conn.create_function("not_innocuous", 1, lambda x: x, deterministic=True)
        self.conn.execute("create view v0 as select not_innocuous(1)")
        with self.assertRaisesRegex(sqlite3.OperationalError, r"unsafe use of not_innocuous"):
            self.conn.execute("select * from v0").fetchall()

    def test_every_function_and_module_in_a_view_and_trigger(self):
        names = {name for name, _ in FUNCTIONS} | MODULES
        self.assertEqual(sorted(SAMPLES), sorted(names), "add a sample for each new name")
        plain_rows = {}
        trusting = connect()
        for name, sql in SAMPLES.items():
            plain_rows[name] = trusting.execute(sql).fetchall()
        for i, (name, sql) in enumerate(sorted(SAMPLES.items())):
            with self.subTest(name=name):
                self.conn.execute(f"create view sample{i} as {sql}")
                self.assertEqual(self.conn.execute(f"select * from sample{i}").fetchall(),
                                 plain_rows[name])
                self.conn.executescript(f"""
                    create table src{i}(x); create table dst{i} as {sql} limit 0;
                    create trigger trg{i} after insert on src{i} begin
                      insert into dst{i} {sql};
                    end;
                    insert into src{i} values (1);""")
                self.assertEqual(self.conn.execute(f"select * from dst{i}").fetchall(),
                                 plain_rows[name])

    def test_fts5_tokenizers(self):
        for name in sorted(TOKENIZERS):
            with self.subTest(tokenizer=name):
                self.conn.execute(f"create virtual table fts_{name} using fts5(body, tokenize='{name}')")
                self.conn.execute(f"insert into fts_{name} values ('Putin said it')")
                self.assertEqual(self.conn.execute(
                    f"select count(*) from fts_{name} where fts_{name} match 'putin'").fetchone(),
                    (1,))

    def test_views(self):
        self.conn.executescript("""
            create view v1 as select verbatim_version() v, verbatim_debug() like 'verbatim:%' d,
              'Putin' regexp '^P' r;
            create view v2 as select ord, match, start, length, groups
              from regexp_matches('a1b22', '(\\d+)');
            create view v3 as select count(*) from sentences('One. Two.');
        """)
        self.assertEqual(self.conn.execute("select * from v1").fetchall(), [("0.1.0", 1, 1)])
        self.assertEqual(self.conn.execute("select * from v2").fetchall(),
                         [(1, "1", 2, 1, '["1"]'), (2, "22", 4, 2, '["22"]')])
        self.assertEqual(len(self.conn.execute("select * from v3").fetchall()), 1)

    def test_generated_columns_and_indexes(self):
        self.conn.executescript("""
            create table docs(body text,
              has_year int generated always as (body regexp '\\b\\d{4}\\b') stored,
              v text generated always as (verbatim_version()) virtual);
            create index docs_year on docs(body regexp 'Putin');
            insert into docs(body) values ('In 2024 Putin said'), ('no year here');
        """)
        self.assertEqual(self.conn.execute("select has_year, v from docs order by rowid").fetchall(),
                         [(1, "0.1.0"), (0, "0.1.0")])
        self.assertEqual(self.conn.execute(
            "select count(*) from docs where body regexp 'Putin'").fetchone(), (1,))

    def test_trigger(self):
        self.conn.executescript("""
            create table t(x text); create table log(n int);
            create trigger tr after insert on t begin
              insert into log select count(*) from regexp_matches(new.x, '\\w+');
            end;
            insert into t values ('three little words');
        """)
        self.assertEqual(self.conn.execute("select n from log").fetchall(), [(3,)])


class Errors(unittest.TestCase):
    """Every error names its function."""

    CASES = [
        ("select regexp('a(', 'x')",
         r"^regexp: invalid pattern at offset 2: missing closing parenthesis$"),
        ("select 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' regexp '(a+)+$'",
         r"^regexp: match limit exceeded$"),
        ("select * from regexp_matches('x', '[')",
         r"^regexp_matches: invalid pattern at offset 1: missing terminating \] "
         r"for character class$"),
        ("select * from regexp_matches('x')", r"^regexp_matches: missing argument 'pattern'$"),
        ("select regexp_replace('abc', 'b', '$1')", r"^regexp_replace: no group 1 in the pattern$"),
        ("select regexp_replace('abc', 'b', '$x')",
         r"^regexp_replace: invalid replacement: '\$' must be followed by a group number, "
         r"\{number\} or '\$'$"),
        ("select * from sentences('x', 'xx')",
         r"^sentences: unknown language 'xx' \(supported: en, .*, und\)$"),
        ("select * from sentences()", r"^sentences: missing argument 'document'$"),
        ("select * from quotes('x', 'xx')",
         r"^quotes: unknown language 'xx' \(supported: en, .*, und\)$"),
        ("select * from quotes()", r"^quotes: missing argument 'document'$"),
    ]

    def test_error_texts(self):
        conn = connect()
        for sql, pattern in self.CASES:
            with self.subTest(sql=sql):
                with self.assertRaises(sqlite3.Error) as cm:
                    conn.execute(sql).fetchall()
                self.assertRegex(str(cm.exception), pattern)


if __name__ == "__main__":
    unittest.main()
