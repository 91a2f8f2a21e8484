#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/run.sh LAYER... -- run test layers and add up their closing lines.
#
# Layers: unit, sql, python, bindings, conformance, static, asan, static-asan,
# tsan, memcheck, fuzz-smoke, all.
# Every layer's runner ends with "N passed, N failed"; this script prints
# each layer's line, then the total, and exits non-zero if anything failed
# (or a runner died without its closing line).
#
# Environment: VERBATIM_SO (default dist/verbatim.so) is the library the SQL
# and Python layers load; BUILD (default build/release) holds unit binaries.
set -u
cd "$(dirname "$0")/.."
export VERBATIM_SO="${VERBATIM_SO:-dist/verbatim.so}"
BUILD="${BUILD:-build/release}"
PYTHON="${PYTHON:-/usr/bin/python3}"
total_pass=0
total_fail=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

run_layer() { # name command...
  local name=$1; shift
  echo "== $name"
  "$@" 2>&1 | tee "$log/$name.out"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log/$name.out" | tail -n 1)
  if [ -z "$line" ]; then
    echo "$name: runner ended without a closing line (exit $rc)"
    total_fail=$((total_fail + 1))
    return
  fi
  local p f
  p=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/')
  f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
}

layer() {
  case "$1" in
    unit) run_layer unit tests/unit/run.sh "$BUILD/unit" ;;
    sql) run_layer sql tests/sql/run.sh "$VERBATIM_SO" ;;
    python) run_layer python "$PYTHON" tests/python/run.py ;;
    bindings) run_layer bindings tests/bindings/run.sh "$VERBATIM_SO" ;;
    conformance) run_layer conformance "$PYTHON" tests/conformance/run.py ;;
    asan)
      local rt
      rt=$(gcc -print-file-name=libasan.so)
      run_layer asan-unit env ASAN_OPTIONS=detect_leaks=1 tests/unit/run.sh build/asan/unit
      run_layer asan-sql env ASAN_PRELOAD="$rt" ASAN_OPTIONS=detect_leaks=1 \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 tests/sql/run.sh build/asan/verbatim.so ;;
    memcheck) # valgrind cannot follow PCRE2's JIT code: see ext/core/regex.c
      run_layer memcheck env VALGRIND=1 VERBATIM_NO_JIT=1 tests/sql/run.sh "$VERBATIM_SO" ;;
    static) # the extension linked into programs with libsqlite3 (tests/static/)
      make --no-print-directory static >/dev/null || echo "static: build failed"
      run_layer static tests/static/run.sh build/static/bin ;;
    static-asan)
      make --no-print-directory static-asan >/dev/null || echo "static-asan: build failed"
      run_layer static-asan env ASAN_OPTIONS=detect_leaks=1 \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 tests/static/run.sh build/static-asan/bin ;;
    tsan)
      make --no-print-directory tsan-build >/dev/null || echo "tsan: build failed"
      run_layer tsan env TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
        tests/static/run.sh build/tsan/bin test_threads ;;
    fuzz-smoke) if [ -x fuzz/run.sh ]; then run_layer fuzz-smoke fuzz/run.sh 3; fi ;;
    all)
      layer unit; layer sql; layer python; layer bindings; layer conformance; layer static
      if [ -z "${VERBATIM_QUICK:-}" ]; then
        make --no-print-directory asan >/dev/null 2>&1 || true
        BUILD=build/asan layer asan
        layer static-asan; layer tsan
        layer memcheck
        layer fuzz-smoke
      fi ;;
    *) echo "unknown layer $1"; exit 2 ;;
  esac
}

for l in "$@"; do layer "$l"; done
echo "== total"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
