#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/bench_regexp.sh -- `X REGEXP Y` with verbatim (PCRE2, JIT) against the
# sqlite3 shell's built-in regexp() (SQLite's ext/misc/regexp.c, compiled
# into Debian's sqlite3 CLI), in the same shell binary and the same run.
#
#   make bench            (or: bash bench/bench_regexp.sh)
#
# Data: the lines of bench/out/corpus.txt (bench/corpus.sh: >= 10 MB of
# English prose) as a table lines(line), in bench/out/lines.db.  For each
# pattern, `select count(*) from lines where line regexp P` runs in the
# sqlite3 shell without the extension (built-in regexp) and with it
# (`.load` replaces regexp), alternating, best of 3 by the shell's .timer.
# Prints both times, both counts (they must agree: every pattern here means
# the same in both dialects on this ASCII-heavy text) and the ratio
# built-in time / verbatim time (above 1: verbatim is faster).
# Then find-all: `count(*) from lines, regexp_matches(line, P)` against
# Python's re.finditer() over the same lines, with the same kind of ratio.
set -eu
cd "$(dirname "$0")/.."
so=${VERBATIM_SO:-dist/verbatim.so}
so=${so%.so}
bash bench/corpus.sh
db=bench/out/lines.db
if [ ! -s "$db" ]; then
  /usr/bin/python3 - bench/out/corpus.txt "$db.tmp" <<'PY'
import sqlite3, sys
src, dst = sys.argv[1:3]
conn = sqlite3.connect(dst)
conn.execute("drop table if exists lines")
conn.execute("create table lines(line text)")
with open(src, encoding="utf-8") as f:
    conn.executemany("insert into lines values (?)", ((l.rstrip("\n"),) for l in f if l.strip()))
conn.commit()
PY
  mv "$db.tmp" "$db"
fi
nbytes=$(sqlite3 "$db" "select sum(length(cast(line as blob))) from lines")
nlines=$(sqlite3 "$db" "select count(*) from lines")
echo "regexp: $nlines lines, $((nbytes / 1000000)) MB"

# run LOAD PATTERN -> "count seconds" (one shell process, the query once)
run() {
  local load=$1 pat=$2
  {
    [ -n "$load" ] && echo ".load $load"
    echo ".timer on"
    echo "select count(*) from lines where line regexp '$pat';"
  } | sqlite3 -batch "$db" | awk '/^Run Time:/ { t = $4 } !/^Run Time:/ { c = $0 } END { print c, t }'
}

patterns=(
  'LORD'
  '\bthe\b'
  '(Moses|Aaron) (said|spake)'
  '[0-9]+:[0-9]+'
  '\w+eth\b'
  '^[A-Z][a-z]?[0-9]+:[0-9]+ And'
  'zq[xj]+'
)
printf '%-28s %10s %10s %9s %9s %7s\n' pattern count builtin-s verbatim-s MB/s ratio
total_b=0
total_v=0
for pat in "${patterns[@]}"; do
  best_b=1e9
  best_v=1e9
  for _ in 1 2 3; do
    read -r cb tb < <(run "" "$pat")
    read -r cv tv < <(run "$so" "$pat")
    best_b=$(awk -v a="$best_b" -v b="$tb" 'BEGIN { print (b < a) ? b : a }')
    best_v=$(awk -v a="$best_v" -v b="$tv" 'BEGIN { print (b < a) ? b : a }')
  done
  count=$cv
  [ "$cb" = "$cv" ] || count="$cv(builtin:$cb)"
  PAT=$pat awk -v c="$count" -v b="$best_b" -v v="$best_v" -v n="$nbytes" 'BEGIN {
    printf "%-28s %10s %10.3f %9.3f %9.1f %7.2f\n", ENVIRON["PAT"], c, b, v, n / 1e6 / v, b / v }'
  total_b=$(awk -v a="$total_b" -v b="$best_b" 'BEGIN { print a + b }')
  total_v=$(awk -v a="$total_v" -v b="$best_v" 'BEGIN { print a + b }')
done
awk -v b="$total_b" -v v="$total_v" 'BEGIN {
  printf "regexp: built-in/verbatim = %.2f over all patterns (above 1: verbatim faster)\n", b / v }'

# Find-all: regexp_matches() over every line against Python's re.finditer()
# on the same lines (Python's own regex engine, same process), best of 3.
/usr/bin/python3 - "$so" "$db" <<'PY'
import re, sqlite3, sys, time
so, db = sys.argv[1:3]
conn = sqlite3.connect(db)
conn.enable_load_extension(True)
conn.load_extension(so)
lines = [l for (l,) in conn.execute("select line from lines")]
nbytes = sum(len(l.encode()) for l in lines)
print(f"{'find-all pattern':<28} {'matches':>10} {'python-s':>10} {'verbatim-s':>10} {'ratio':>7}")
tb = tv = 0.0
for pat in [r"\w+", r"[A-Z][a-z]+", r"\d+:\d+", r"(\w+) (of|unto) (\w+)"]:
    best_p = best_v = 1e9
    for _ in range(3):
        t0 = time.perf_counter()
        rx = re.compile(pat)
        n_p = sum(1 for l in lines for _ in rx.finditer(l))
        best_p = min(best_p, time.perf_counter() - t0)
        t0 = time.perf_counter()
        n_v = conn.execute("select count(*) from lines, regexp_matches(line, ?)", (pat,)).fetchone()[0]
        best_v = min(best_v, time.perf_counter() - t0)
    count = str(n_v) if n_v == n_p else f"{n_v}(re:{n_p})"
    print(f"{pat:<28} {count:>10} {best_p:>10.3f} {best_v:>10.3f} {best_p / best_v:>7.2f}")
    tb += best_p
    tv += best_v
print(f"regexp_matches: python-re/verbatim = {tb / tv:.2f} over all patterns (above 1: verbatim faster)")
PY
