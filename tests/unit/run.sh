#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/unit/run.sh DIR -- run every unit test program in DIR; each prints
# "N passed, N failed"; print the sum.
set -u
dir=$1
pass=0; fail=0
for t in "$dir"/test_*; do
  [ -x "$t" ] || continue
  out=$("$t" 2>&1); rc=$?
  line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  echo "$out" | grep -E '^(FAIL|ERROR)' | head -n 40
  if [ -z "$line" ]; then
    echo "FAIL $(basename "$t"): no closing line (exit $rc)"; echo "$out" | tail -n 20
    fail=$((fail + 1)); continue
  fi
  p=${line%% passed*}; f=${line##*, }; f=${f%% failed*}
  [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
  echo "$(basename "$t"): $line"
  pass=$((pass + p)); fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
