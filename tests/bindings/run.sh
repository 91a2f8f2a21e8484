#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/bindings/run.sh [SO] -- the 'bindings' test layer: load the extension
# from the sqlite3 shell, Python (sqlite3), Tcl (libsqlite3-tcl) and Perl
# (DBD::SQLite), run the same workload (workload.txt) in each, and compare
# each one's output with the one expected.txt.  Prints "N passed, N failed"
# (one test per binding).  A binding whose interpreter or SQLite package is
# missing fails: `make test` installs them (scripts/deps.sh test).
set -u
cd "$(dirname "$0")/../.."
so=${1:-dist/verbatim.so}
so=${so%.so}
case "$so" in /*) ;; *) so="$PWD/$so" ;; esac
dir=tests/bindings
work=$dir/workload.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The sqlite3 shell: one process per query, rows in list mode; an error is
# the shell's message without its "Error: stepping, " prefix.
run_shell() {
  local line label sql msg
  while IFS= read -r line; do
    case "$line" in '#'* | '') continue ;; esac
    label=${line%% *}
    sql=${line#* }
    if msg=$(sqlite3 -batch -bail -nullvalue NULL -separator '|' :memory: ".load $so" \
        "select '$label', * from ($sql)" 2>"$tmp/err"); then
      [ -n "$msg" ] && printf '%s\n' "$msg"
    else
      [ -n "$msg" ] && printf '%s\n' "$msg"
      printf '%s|error|%s\n' "$label" \
        "$(sed -E 's/^(Error: )?(stepping|in prepare), //; s/ \([0-9]+\)$//' "$tmp/err")"
    fi
  done <"$work"
}

pass=0
fail=0
for binding in shell python tcl perl; do
  case $binding in
    shell) run_shell >"$tmp/$binding.out" 2>&1 ;;
    python) /usr/bin/python3 "$dir/run_python.py" "$so" "$work" >"$tmp/$binding.out" 2>&1 ;;
    tcl) tclsh "$dir/run_tcl.tcl" "$so" "$work" >"$tmp/$binding.out" 2>&1 ;;
    perl) perl "$dir/run_perl.pl" "$so" "$work" >"$tmp/$binding.out" 2>&1 ;;
  esac
  if diff -u "$dir/expected.txt" "$tmp/$binding.out" >"$tmp/$binding.diff"; then
    echo "ok   $binding: $(wc -l <"$tmp/$binding.out") result lines"
    pass=$((pass + 1))
  else
    echo "FAIL $binding"
    head -n 30 "$tmp/$binding.diff"
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
