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
