#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/static/run.sh DIR [NAME...] -- run the static-build test programs in
# DIR (every test_* there, or only the NAMEs given); each prints
# "N passed, N failed"; print the sum.  A program that exits non-zero (a
# sanitizer report) counts as a failure even if its checks passed.
set -u
dir=$1; shift
names=("$@")
if [ ${#names[@]} = 0 ]; then
  for t in "$dir"/test_*; do [ -x "$t" ] && names+=("$(basename "$t")"); done
fi
pass=0; fail=0
for name in "${names[@]}"; do
  t=$dir/$name
  if [ ! -x "$t" ]; then echo "FAIL $name: not built"; fail=$((fail + 1)); continue; fi
  out=$("$t" 2>&1); rc=$?
  line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  echo "$out" | grep -E '^(FAIL|ERROR|WARNING: ThreadSanitizer|SUMMARY)' | head -n 40
  if [ -z "$line" ]; then
    echo "FAIL $name: no closing line (exit $rc)"; echo "$out" | tail -n 30
    fail=$((fail + 1)); continue
  fi
  p=${line%% passed*}; f=${line##*, }; f=${f%% failed*}
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    echo "$out" | grep -v '^  ' | tail -n 40
    f=1
  fi
  echo "$name: $line$(echo "$out" | grep -E '^(workload|alloc|threads|open):' | tr '\n' ' ' | sed 's/^/ -- /')"
  pass=$((pass + p)); fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
