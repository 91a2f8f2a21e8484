#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/bench_tokens.sh -- tokens() throughput through SQL, and the 'verbatim'
# FTS5 tokenizer against FTS5's own 'porter unicode61' in the same run.
#
#   bench/run.sh tokens          (or: bash bench/bench_tokens.sh)
#
# Corpus: bench/out/corpus.db (table docs(body), from bench/corpus.sh) when
# it exists; otherwise bench/out/tokens_corpus.db, built here from
# perl-doc's English prose (/usr/share/perl/*/pod/*.pod) cut into 64 KB
# documents.  Prints MB/s for
#   tokens        select count(*) from docs, tokens(body)
#   fts5-verbatim insert into an fts5(body, tokenize='verbatim en') table
#   fts5-porter   insert into an fts5(body, tokenize='porter unicode61') table
# and the ratio verbatim/porter (above 1: verbatim is faster), plus the
# cost of tokens() on 150-character sentences (the similarity() use case),
# and the core tokenizer alone (bench/tokens_core.c, no SQLite).
set -eu
cd "$(dirname "$0")/.."
mkdir -p bench/out
if [ -x bench/corpus.sh ] || [ -f bench/corpus.sh ]; then
  bash bench/corpus.sh || echo "bench_tokens: bench/corpus.sh failed; using perl-doc only" >&2
fi
# The core alone (no SQLite), on the same text as one file.
make -s --no-print-directory build/release/libverbatim_core.a >/dev/null 2>&1 || true
if [ -f build/release/libverbatim_core.a ]; then
  cc -O2 -std=c11 -D_DEFAULT_SOURCE -Iinclude -o bench/out/tokens_core bench/tokens_core.c \
    build/release/libverbatim_core.a $(pkg-config --libs libutf8proc) -lstemmer -lpthread
  if [ ! -s bench/out/corpus.txt ]; then
    cat /usr/share/perl/*/pod/*.pod > bench/out/corpus.txt
  fi
  bench/out/tokens_core bench/out/corpus.txt
fi
/usr/bin/python3 - "${VERBATIM_SO:-dist/verbatim.so}" <<'PY'
import glob, os, sqlite3, sys, time

so = os.path.splitext(sys.argv[1])[0]
shared = "bench/out/corpus.db"
mine = "bench/out/tokens_corpus.db"


def build(path):
    pods = sorted({os.path.realpath(p) for p in glob.glob("/usr/share/perl/*/pod/*.pod")})
    if not pods:
        sys.exit("bench_tokens: perl-doc is not installed (make deps-bench)")
    text = "".join(open(p, encoding="utf-8", errors="replace").read() for p in pods)
    docs, i, size = [], 0, 65536
    while i < len(text):
        j = min(len(text), i + size)
        k = text.rfind(" ", i, j) if j < len(text) else j
        j = k if k > i else j
        docs.append(text[i:j])
        i = j
    tmp = path + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    db = sqlite3.connect(tmp)
    db.execute("create table docs(id integer primary key, body text)")
    db.executemany("insert into docs(body) values (?)", [(d,) for d in docs])
    db.commit()
    db.close()
    os.replace(tmp, path)


if os.path.exists(shared):
    path = shared
else:
    path = mine
    if not os.path.exists(path):
        build(path)

db = sqlite3.connect(path)
db.enable_load_extension(True)
db.load_extension(so)
mb = db.execute("select sum(length(cast(body as blob))) from docs").fetchone()[0] / 1e6
ndocs = db.execute("select count(*) from docs").fetchone()[0]
print(f"corpus: {path}, {ndocs} documents, {mb:.1f} MB")


# CPU time of this process (SQLite runs in it): the machine is shared, and
# wall-clock time would measure the other jobs too.
clock = time.process_time


def best(fn, reps=3):
    t = []
    for _ in range(reps):
        t0 = clock()
        fn()
        t.append(clock() - t0)
    return min(t)


ntok = db.execute("select count(*) from docs, tokens(body)").fetchone()[0]
t_tok = best(lambda: db.execute("select count(*) from docs, tokens(body)").fetchone())
print(f"tokens():        {mb / t_tok:7.1f} MB/s  ({ntok} tokens, {t_tok * 1e9 / ntok:.0f} ns/token)")
t_all = best(lambda: db.execute(
    "select count(*), sum(length), max(stem), sum(stop) from docs, tokens(body)").fetchone())
print(f"tokens() all columns: {mb / t_all:7.1f} MB/s")


def fts(tokenize):
    mem = sqlite3.connect(":memory:")
    mem.enable_load_extension(True)
    mem.load_extension(so)
    mem.execute(f"attach '{path}' as c")
    mem.execute(f"create virtual table f using fts5(body, tokenize='{tokenize}')")
    t0 = clock()
    mem.execute("insert into f(body) select body from c.docs")
    mem.commit()
    t = clock() - t0
    mem.close()
    return t


t_v = min(fts("verbatim en") for _ in range(3))
t_p = min(fts("porter unicode61") for _ in range(3))
print(f"fts5 verbatim:   {mb / t_v:7.1f} MB/s")
print(f"fts5 porter:     {mb / t_p:7.1f} MB/s")
print(f"ratio fts5 verbatim/porter: {t_p / t_v:.2f}")

# Short texts: 150-character sentences, one tokens() call each.
body = db.execute("select body from docs limit 1").fetchone()[0]
sents = [body[i:i + 150] for i in range(0, len(body) - 150, 150)] * 20
mem = sqlite3.connect(":memory:")
mem.enable_load_extension(True)
mem.load_extension(so)
mem.execute("create table s(x)")
mem.executemany("insert into s values (?)", [(x,) for x in sents])
t_empty = best(lambda: mem.execute("select count(*) from s, (select 1)").fetchone())
t_s = best(lambda: mem.execute("select count(*) from s, tokens(s.x)").fetchone())
print(f"tokens() on 150-char sentences: {(t_s - t_empty) * 1e6 / len(sents):.2f} us each "
      f"({len(sents)} sentences)")
PY
