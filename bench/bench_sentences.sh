#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/bench_sentences.sh -- sentences() through SQL against ICU's sentence
# BreakIterator in C, on the same documents (bench/out/corpus.db, built by
# bench/corpus.sh: >= 10 MB of English prose in 64 KB documents).
#
#   make bench            (or: bash bench/bench_sentences.sh)
#
# verbatim: `select count(*) from docs, sentences(body)` in Python's sqlite3
# (the system SQLite), best of 3; ICU: bench/icu_sentences.c, best of 3.
# Prints MB/s for both and the ratio verbatim/ICU (target: >= 1.0).
set -eu
cd "$(dirname "$0")/.."
bash bench/corpus.sh
cc -O2 -o bench/out/icu_sentences bench/icu_sentences.c \
  $(pkg-config --cflags --libs icu-uc icu-i18n sqlite3)
icu=$(bench/out/icu_sentences bench/out/corpus.db 3)
echo "$icu"
vb=$(/usr/bin/python3 - "${VERBATIM_SO:-dist/verbatim.so}" <<'PY'
import os, sqlite3, sys, time
so = os.path.splitext(sys.argv[1])[0]
db = sqlite3.connect("bench/out/corpus.db")
db.enable_load_extension(True)
db.load_extension(so)
nbytes = db.execute("select sum(length(cast(body as blob))) from docs").fetchone()[0]
best, count = 1e30, 0
for _ in range(3):
    t0 = time.perf_counter()
    count = db.execute("select count(*) from docs, sentences(body)").fetchone()[0]
    best = min(best, time.perf_counter() - t0)
print(f"verbatim: {nbytes / 1e6:.1f} MB, {count} sentences, best of 3: {best:.3f} s, "
      f"{nbytes / 1e6 / best:.1f} MB/s")
PY
)
echo "$vb"
icu_mbs=$(echo "$icu" | sed -E 's/.* ([0-9.]+) MB\/s$/\1/')
vb_mbs=$(echo "$vb" | sed -E 's/.* ([0-9.]+) MB\/s$/\1/')
awk -v a="$vb_mbs" -v b="$icu_mbs" 'BEGIN { printf "sentences: verbatim/ICU = %.2f (target >= 1.0)\n", a / b }'
