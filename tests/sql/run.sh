#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/sql/run.sh SO -- run every tests/sql/*.sql in the sqlite3 shell and
# diff its output (errors included) with the .expected file beside it.
# The scripts load ./dist/verbatim; the runner substitutes SO.  With
# VALGRIND=1 the shell runs under valgrind and any error fails the test; with
# ASAN_PRELOAD=<libasan.so> the shell (only) runs with the ASan runtime preloaded.
set -u
cd "$(dirname "$0")/../.."
so=${1:-dist/verbatim.so}
so=${so%.so}
pass=0; fail=0
diffout=$(mktemp)
trap 'rm -f "$diffout"' EXIT
for t in tests/sql/*.sql; do
  name=$(basename "$t" .sql)
  exp=tests/sql/$name.expected
  cmd=(sqlite3 -batch :memory:)
  if [ -n "${ASAN_PRELOAD:-}" ]; then # the ASan runtime for the shell only, not for this script
    cmd=(env LD_PRELOAD="$ASAN_PRELOAD" "${cmd[@]}")
  fi
  if [ -n "${VALGRIND:-}" ]; then
    cmd=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "${cmd[@]}")
  fi
  out=$(sed "s|^\.load \./dist/verbatim|.load ./$so|" "$t" | "${cmd[@]}" 2>&1); rc=$?
  if [ "$rc" = 99 ]; then
    echo "FAIL $name: valgrind errors"; echo "$out" | grep '==' | head -n 30
    fail=$((fail + 1))
  elif [ ! -f "$exp" ]; then
    echo "FAIL $name: no $exp"
    fail=$((fail + 1))
  elif diff -u "$exp" <(echo "$out") >"$diffout"; then
    pass=$((pass + 1))
  else
    echo "FAIL $name"; head -n 40 "$diffout"
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
