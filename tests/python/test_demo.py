# SPDX-License-Identifier: MIT
"""The provenance report (sql/run-demo.sh, sql/*.sql) on the seeds and on
another folder.

- The verdicts for the seeds: the exact verdict table of the quotes of 002
  and 004 (none of them has support in the transcript), the sentences with
  support (000's lead only), the text report's lines for them.
- The scripts on a temporary folder of two documents: verbatim, paraphrased
  and invented quotes, --source by prefix, manifest.csv, and the errors for a
  missing or ambiguous source.
- The HTML report: every story and quote in it, text HTML-escaped, and
  headless Chromium renders it to a non-blank PNG (skipped when chromium is
  not installed: `make deps-report` installs it).
The demo's run time is printed (VERBATIM_TIMING line on stderr), never
asserted: speed is measured in `make bench` only.
"""
import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import time
import unittest
import zlib

from vb import ROOT, SO

RUN_DEMO = os.path.join(ROOT, "sql", "run-demo.sh")


def run_demo(*args, cwd=ROOT):
    env = dict(os.environ)
    return subprocess.run([RUN_DEMO, *args], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=300, env=env)


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


VERDICT_SQL = """
select substr(d.name, 1, 3), q.ord, q.speaker, q.kind, m.verdict
from quote q join quote_match m using (doc, ord) join docs d on d.id = q.doc
where d.name like ? order by d.name, q.ord"""


class SeedsReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="verbatim-demo-")
        cls.db = os.path.join(cls.tmp, "demo.db")
        t0 = time.monotonic()
        cls.res = run_demo("--db", cls.db)
        cls.seconds = time.monotonic() - t0
        import sys
        print(f"\nVERBATIM_TIMING demo on seeds/: {cls.seconds:.2f} s", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_runs_cleanly(self):
        self.assertEqual(self.res.returncode, 0, self.res.stderr)
        self.assertEqual(self.res.stderr, "")
        for name in ("000_6509a3bfd608f096.txt", "002_81756512a89d0df9.txt",
                     "003_0f65765d228a1436.txt", "004_238afdb03539bfe7.txt"):
            self.assertIn(f"Story {name}   (source: 001_9fd1b6ce6b6098c2.txt)", self.res.stdout)
        self.assertIn("Overview: sentences with support in the source", self.res.stdout)

    def test_roles_from_manifest(self):
        self.assertEqual(rows(self.db, "select substr(name, 1, 3), role from docs order by id"),
                         [("000", "story"), ("001", "source"), ("002", "story"),
                          ("003", "story"), ("004", "story")])

    def test_every_quote_of_002_and_004_has_no_support(self):
        got = rows(self.db, VERDICT_SQL, "002%") + rows(self.db, VERDICT_SQL, "004%")
        self.assertGreaterEqual(len(got), 20)
        self.assertEqual({r[4] for r in got}, {"no support"})

    def test_verdict_table_of_the_quoted_words(self):
        """The quotations in quote marks of 002 and 004, as read in the
        stories: who said them, and that the transcript supports none."""
        got = rows(self.db, """
            select substr(d.name, 1, 3), q.speaker, q.kind, substr(q.text, 1, 30), m.verdict
            from quote q join quote_match m using (doc, ord) join docs d on d.id = q.doc
            where q.kind in ('direct', 'partial') and (d.name like '002%' or d.name like '004%')
            order by d.name, q.ord""")
        spokesperson = "a spokesperson for the Ukrainian Defense Ministry"
        self.assertEqual(got, [
            ("002", "Yaramyr Temirkhanov", "direct", "The capture of Severodonnetsk ", "no support"),
            ("002", "Yaramyr Temirkhanov", "partial", "protect the stability of the D", "no support"),
            ("002", "Sergei Cherdantsev", "direct", "The president expressed profou", "no support"),
            ("002", "Sergei Cherdantsev", "direct", "He reminded us that every oper", "no support"),
            ("002", "Vladimir Putin", "partial", "the chaos of Ukrainian nationa", "no support"),
            ("002", "Vladimir Putin", "direct", "This operation has opened the ", "no support"),
            ("002", "Vladimir Putin", "direct", "By securing Sevsk, we have not", "no support"),
            ("002", "one resident", "direct", "We are tired of the fighting,", "no support"),
            ("002", "one resident", "direct", "But we also fear what might ha", "no support"),
            ("002", "Putin’s administration", "partial", "the aggression of the Maidan r", "no support"),
            ("002", "a Western diplomat", "direct", "The president’s vision of peac", "no support"),
            ("002", "a Western diplomat", "direct", "But true peace, as the world u", "no support"),
            ("004", "Vladimir Putin", "direct", "The clearance of this city fro", "no support"),
            ("004", "a retired Russian general", "direct", "This is not just about territo", "no support"),
            ("004", "Vladimir Putin", "direct", "We are not fighting for conque", "no support"),
            ("004", "Maria Ivanova", "direct", "For us, peace means not having", "no support"),
            ("004", "Maria Ivanova", "direct", "But how can there be peace whe", "no support"),
            ("004", spokesperson, "direct", "This is a clear signal that th", "no support"),
            ("004", spokesperson, "direct", "We are strengthening our defen", "no support"),
            ("004", "Vladimir Putin", "direct", "The people of Donbass have suf", "no support"),
            ("004", "Vladimir Putin", "direct", "This is not about expansion, b", "no support"),
        ])

    def test_summary_of_002_and_004(self):
        got = rows(self.db, """select substr(d.name, 1, 3), s.quotes, s.verbatim, s.paraphrased,
                                      s.unsupported
                               from story_summary s join docs d on d.id = s.doc
                               where d.name like '002%' or d.name like '004%' order by d.name""")
        for _, quotes, verbatim, paraphrased, unsupported in got:
            self.assertEqual((verbatim, paraphrased, unsupported), (0, 0, quotes))

    def test_sentences_taken_from_the_source(self):
        """Only 000 has sentences with support: its lead, which restates who
        met whom.  Its other sentences paraphrase the transcript in other
        words, which word-overlap measures cannot see (README, Tour)."""
        got = rows(self.db, """select substr(d.name, 1, 3), m.ord from sentence_match m
                               join docs d on d.id = m.doc where m.supported order by 1, 2""")
        self.assertEqual(got, [("000", 1)])
        passage = rows(self.db, """select p.text from sentence_match m join passage p
                                   on p.id = m.passage join docs d on d.id = m.doc
                                   where d.name like '000%' and m.ord = 1""")[0][0]
        self.assertIn("Leonid Pasechnik", passage)
        self.assertIn("Story 000_6509a3bfd608f096.txt", self.res.stdout)
        self.assertIn("Sentences taken from the source: 1 of 15 (7%)", self.res.stdout)

    def test_passages_are_substr_of_the_source(self):
        bad = rows(self.db, """select p.id from passage p join docs d on d.id = p.doc
                               where substr(d.body, p.start, p.length) <> p.text""")
        self.assertEqual(bad, [])

    def test_text_report_lines(self):
        out = self.res.stdout
        n = rows(self.db, """select count(*) from quote_match m join docs d on d.id = m.doc
                             where m.verdict = 'no support'""")[0][0]
        self.assertEqual(out.count(" NO SUPPORT "), n)
        self.assertRegex(out, r"Summary: \d+% of the sentences \(\d+ of 15\) have support")

    def run_recipe(self, name):
        with open(os.path.join(ROOT, "sql", name), encoding="utf-8") as f:
            script = f.read()
        self.assertTrue(script.startswith("-- run: sqlite3 demo.db < sql/" + name))
        res = subprocess.run(["sqlite3", "-bail", "-batch", self.db], input=script, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             timeout=120)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stderr, "")
        return res.stdout.splitlines()

    def test_recipe_segment_corpus(self):
        out = self.run_recipe("recipe_segment_corpus.sql")
        self.assertEqual(out[0], "name|paragraphs|sentences|words|words_per_sentence")
        self.assertTrue(out[1].startswith("000_6509a3bfd608f096.txt|5|15|"), out[1])
        counts = rows(self.db, "select doc, count(*) from corpus_sentence group by doc")
        self.assertEqual(counts, rows(self.db, "select doc, count(*) from sentence group by doc"))

    def test_recipe_quotes_by_speaker(self):
        out = self.run_recipe("recipe_quotes_by_speaker.sql")
        self.assertEqual(out[0], "speaker|quotes|kinds|documents|cues")
        self.assertTrue(out[1].startswith("Vladimir Putin|"), out[1])
        self.assertIn("Maria Ivanova|2|direct|1|said", out)

    def test_recipe_match_quotes(self):
        out = self.run_recipe("recipe_match_quotes.sql")
        self.assertEqual(out[0], "story|ord|speaker|containment|cosine|quote|source_sentence|sentence")
        # one line per story quote
        self.assertEqual(len(out) - 1, rows(self.db, "select count(*) from quote")[0][0])


def write(folder, name, text):
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write(text)


SOURCE = """Minister Anna Berg: Good morning. We will open three new schools in the northern district next spring.

Reporter: And the budget?

Minister Anna Berg: The budget for the schools is twelve million euros, and it is fully funded by the regional government.
"""
STORY = """Anna Berg, the education minister, announced new schools for the north.
"We will open three new schools in the northern district next spring," Berg said.
The budget for the schools is fully funded by the regional government, she added.
"Nobody will pay more taxes for this <school> plan & that is final," Berg told reporters.
The weather in the capital was cold and wet on Monday.
Tom Hill, a local reporter, said: "The budget for the schools is twelve million euros."
"""


class OtherFolder(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="verbatim-corpus-")
        self.docs = os.path.join(self.dir, "my docs")  # a space in the path
        os.mkdir(self.docs)
        write(self.docs, "interview.txt", SOURCE)
        write(self.docs, "story.txt", STORY)
        write(self.docs, "notes.md", "not a .txt file: ignored")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_source_by_prefix(self):
        db = os.path.join(self.dir, "x.db")
        res = run_demo("--docs", self.docs, "--source", "inter", "--db", db, cwd=self.dir)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(rows(db, "select name, role from docs order by id"),
                         [("interview.txt", "source"), ("story.txt", "story")])
        got = rows(db, """select q.ord, q.speaker, q.cue, q.kind, m.verdict, p.speaker,
                                 m.same_speaker
                          from quote q join quote_match m using (doc, ord)
                          left join passage p on p.id = m.passage order by q.ord""")
        self.assertEqual(got, [
            (1, "Anna Berg", "said", "direct", "verbatim", "Anna Berg", 1),
            (2, "Anna Berg", "added", "indirect", "paraphrased", "Anna Berg", 1),
            (3, "Anna Berg", "told", "direct", "no support", "Anna Berg", 1),
            # the source gives these words to Anna Berg, not to the reporter
            (4, "Tom Hill", "said", "direct", "verbatim", "Anna Berg", 0)])
        self.assertIn("      note    the source gives these words to Anna Berg, not Tom Hill",
                      res.stdout)
        # The verbatim quote's best passage is the source sentence it came from.
        passage = rows(db, """select p.text from quote_match m join passage p on p.id = m.passage
                              where m.verdict = 'verbatim'""")[0][0]
        self.assertIn("We will open three new schools in the northern district next spring.",
                      passage)
        # Sentences 1-3 come from the source; the invented quote and the
        # weather do not.
        self.assertEqual(rows(db, "select ord, supported from sentence_match order by ord"),
                         [(1, 1), (2, 1), (3, 1), (4, 0), (5, 0), (6, 1)])
        self.assertIn("Story story.txt   (source: interview.txt)", res.stdout)

    def test_quote_cut_with_an_ellipsis_or_a_bracketed_insertion(self):
        # A quote cut with "…", "[...]" or "..." is verbatim when each piece
        # is, even when the pieces come from sentences far apart; a cut
        # that adds words the source lacks is not.  Words in [brackets] are
        # the writer's and are left out the same way.
        write(self.docs, "interview.txt", SOURCE.rstrip("\n") + (
            " Teachers will be hired from the local colleges in the autumn,"
            " and the old buildings will be sold.\n"))
        write(self.docs, "story.txt", (
            "Anna Berg, the education minister, spoke on Monday.\n"
            "\"We will open three new schools … next spring,\" Berg said.\n"
            "\"The budget for the schools is twelve million euros [...] fully funded"
            " by the regional government,\" she said.\n"
            "Berg said: \"We will open three new schools in the northern district..."
            " Teachers will be hired from the local colleges in the autumn.\"\n"
            "\"We will open three new schools … and close every hospital in the region"
            " by the end of the year,\" Berg said.\n"
            "\"Teachers will be hired [by the ministry] from the local colleges in the"
            " autumn,\" she said.\n"))
        db = os.path.join(self.dir, "x.db")
        res = run_demo("--docs", self.docs, "--source", "inter", "--db", db, cwd=self.dir)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(rows(db, """select q.ord, m.verdict, round(m.partial, 2)
                                     from quote q join quote_match m using (doc, ord)
                                     order by q.ord"""),
                         [(1, "verbatim", 1.0), (2, "verbatim", 1.0), (3, "verbatim", 1.0),
                          (4, "no support", 0.5), (5, "verbatim", 1.0)])

    def test_recipe_match_quotes_ties(self):
        # Two source sentences score the same: the earlier one is the match.
        write(self.docs, "interview.txt", "We will open three new schools."
              " The weather was fine. We will open three new schools.\n")
        write(self.docs, "story.txt", "\"We will open three new schools,\" Berg said."
              " \"The weather was fine,\" she said.\n")
        db = os.path.join(self.dir, "x.db")
        res = run_demo("--docs", self.docs, "--source", "inter", "--db", db, cwd=self.dir)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(os.path.join(ROOT, "sql", "recipe_match_quotes.sql"), encoding="utf-8") as f:
            script = f.read()
        res = subprocess.run(["sqlite3", "-bail", "-batch", db], input=script, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             timeout=120)
        self.assertEqual((res.returncode, res.stderr), (0, ""))
        self.assertEqual(res.stdout.splitlines(), [
            "story|ord|speaker|containment|cosine|quote|source_sentence|sentence",
            "story.txt|1|Berg|1.00|1.00|We will open three new schools,|1|"
            "We will open three new schools.",
            "story.txt|2|(unknown)|1.00|1.00|The weather was fine,|2|The weather was fine."])

    def test_manifest_marks_the_source(self):
        write(self.docs, "manifest.csv", "file,role\r\ninterview.txt,source\r\nstory.txt,story\r\n")
        res = run_demo("--docs", self.docs)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn("Story story.txt   (source: interview.txt)", res.stdout)

    def test_no_source(self):
        res = run_demo("--docs", self.docs)
        self.assertEqual(res.returncode, 1)
        self.assertIn("load.sql: no source document: name one with @source, or mark it in "
                      "manifest.csv", res.stderr)

    def test_unknown_and_ambiguous_source(self):
        write(self.docs, "interview2.txt", SOURCE)
        res = run_demo("--docs", self.docs, "--source", "interview2")
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertIn("(source: interview2.txt)", res.stdout)
        res = run_demo("--docs", self.docs, "--source", "inter")
        self.assertEqual(res.returncode, 1)
        self.assertIn("load.sql: several document names start with @source", res.stderr)
        res = run_demo("--docs", self.docs, "--source", "nothing")
        self.assertEqual(res.returncode, 1)
        self.assertIn("load.sql: no document name starts with @source", res.stderr)

    def test_usage_errors(self):
        res = run_demo("--docs")
        self.assertEqual(res.returncode, 2)
        self.assertIn("usage: sql/run-demo.sh", res.stderr)
        res = run_demo("--docs", os.path.join(self.dir, "missing"))
        self.assertEqual(res.returncode, 1)
        self.assertIn("cannot stat", res.stderr)
        res = run_demo("--docs", self.docs, "--source", "interview", "--lang", "xx")
        self.assertEqual(res.returncode, 1)
        self.assertIn("sentences: unknown language 'xx' (supported: en,", res.stderr)

    def test_html_escapes_the_text(self):
        out = os.path.join(self.dir, "r.html")
        res = run_demo("--docs", self.docs, "--source", "interview.txt", "--html", out)
        self.assertEqual(res.returncode, 0, res.stderr)
        with open(out, encoding="utf-8") as f:
            html = f.read()
        self.assertIn("this &lt;school&gt; plan &amp; that is final", html)
        self.assertNotIn("<school>", html)
        self.assertEqual(html.count('<mark class="q none" title="quote'), 1)
        self.assertEqual(html.count('<mark class="q verbatim" title="quote'), 2)
        self.assertEqual(html.count("The source gives these words to Anna Berg."), 1)
        self.assertEqual(html.count('<mark class="q paraphrased" title="quote'), 1)
        # The source side: the passages of supported sentences are marked
        # 'used', those of supported quotes 'quoted'; links point at them.
        import re
        marked = re.findall(r'<span id="s(\d+)-d(\d+)-(\d+)" class="([^"]*)">', html)
        classes = {int(o): c.split() for _, _, o, c in marked}
        self.assertEqual(sorted(classes), [1, 2, 3, 4])
        for o in (1, 2, 3, 4):  # every source sentence backs a story sentence
            self.assertIn("used", classes[o])
        # the two verbatim quotes stand in s.2 and s.4 only
        self.assertIn("quoted", classes[2])
        self.assertIn("quoted", classes[4])
        ids = {f"s{story}-d{doc}-{o}" for story, doc, o, _ in marked}
        links = set(re.findall(r'href="#(s\d+-d\d+-\d+)"', html))
        self.assertTrue(links)
        self.assertLessEqual(links, ids)


def png_is_drawn(path):
    """True when the PNG at path decodes to more than a few distinct byte
    values (a blank page is one colour)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) > 16


class HtmlReport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="verbatim-report-")
        cls.html = os.path.join(cls.tmp, "report.html")
        cls.db = os.path.join(cls.tmp, "demo.db")
        cls.res = run_demo("--html", cls.html, "--db", cls.db)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_written(self):
        self.assertEqual(self.res.returncode, 0, self.res.stderr)
        self.assertEqual(self.res.stdout.strip(), "wrote " + self.html)
        with open(self.html, encoding="utf-8") as f:
            html = f.read()
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertTrue(html.rstrip().endswith("</body></html>"))
        self.assertNotIn("src=", html)  # self-contained: nothing to fetch
        for doc, in rows(self.db, "select id from docs where role = 'story'"):
            self.assertIn(f'<section id="story-{doc}">', html)
        unsupported = rows(self.db, "select count(*) from quote_match where verdict = 'no support'")
        # one marked row per unsupported quote in the tables
        self.assertEqual(html.count('<tr class="none">'), unsupported[0][0])

    def test_story_text_is_whole(self):
        """Stripping the tags from a story box gives the story back."""
        import html as htmllib
        import re
        with open(self.html, encoding="utf-8") as f:
            page = f.read()
        for doc, body in rows(self.db, "select id, body from docs where role = 'story'"):
            m = re.search(rf'<section id="story-{doc}">.*?<h3>Story</h3><div class="doc">(.*?)'
                          r'</div></div>\n<div><h3>Source</h3>', page, re.S)
            self.assertIsNotNone(m)
            text = htmllib.unescape(re.sub(r"<[^>]*>", "", m.group(1)))
            self.assertEqual(text, body)

    def test_chromium_renders_it(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            self.skipTest("chromium is not installed (make deps-report installs it)")
        png = os.path.join(self.tmp, "report.png")
        profile = tempfile.mkdtemp(prefix="verbatim-chromium-")
        try:
            res = subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 f"--screenshot={png}", "--window-size=1400,2000", "file://" + self.html],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        self.assertEqual(res.returncode, 0, res.stderr[-2000:])
        self.assertTrue(os.path.exists(png))
        self.assertGreater(os.path.getsize(png), 10000)
        self.assertTrue(png_is_drawn(png))


if __name__ == "__main__":
    unittest.main()
