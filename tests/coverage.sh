#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/coverage.sh -- line and branch coverage of ext/ from the whole test
# suite (make coverage).
#
# Builds with gcc --coverage (-O0): the loadable extension and the unit tests
# in build/coverage, the static-build programs (tests/static) in
# build/coverage-static, and the fuzz targets with a plain file-replaying
# main (fuzz/replay.c) in build/coverage-static, which replay the fuzz
# corpora in fuzz/corpus-run/ (or $VB_COVERAGE_CORPUS) when there are any.  Runs the unit, SQL,
# Python and conformance layers against them, then prints gcovr's summary of
# ext/ and writes build/coverage/coverage.txt (per file).  Goals: lines
# >= 90%, branches >= 80%.
set -u
cd "$(dirname "$0")/.."
scripts/deps.sh coverage || exit 1
rm -rf build/coverage build/coverage-static
cov=(OPT="-O0 -g" SAN="--coverage -fprofile-update=atomic")
make --no-print-directory BUILD=build/coverage SO=build/coverage/verbatim.so "${cov[@]}" \
  build/coverage/verbatim.so unit-bins >/dev/null || { echo "coverage: build failed"; exit 1; }
make --no-print-directory BUILD=build/coverage-static "${cov[@]}" CFLAGS="-DSQLITE_CORE" \
  static-bins replay-bins >/dev/null || { echo "coverage: static build failed"; exit 1; }

# BUILD only for the unit layer: the Python tests run make (make install),
# which must keep building dist/ from build/release.
BUILD=build/coverage tests/run.sh unit | grep -E '^(== |[0-9]+ passed)'
VERBATIM_SO=build/coverage/verbatim.so tests/run.sh sql python bindings conformance \
  | grep -E '^(== |[0-9]+ passed)'
tests/static/run.sh build/coverage-static/bin | tail -n 1
corpus=${VB_COVERAGE_CORPUS:-fuzz/corpus-run}
for r in build/coverage-static/bin/replay_*; do
  [ -x "$r" ] && [ -f "$r" ] && [ "${r%.*}" = "$r" ] || continue
  t=${r##*/replay_}
  [ -d "$corpus/$t" ] || continue
  echo "replaying $corpus/$t: $("$r" "$corpus/$t" 2>&1 | tail -n 1)"
done

gcovr -r . --filter 'ext/' build/coverage build/coverage-static --txt build/coverage/coverage.txt \
  --branches >/dev/null 2>&1 || true
gcovr -r . --filter 'ext/' build/coverage build/coverage-static --print-summary -o /dev/null
