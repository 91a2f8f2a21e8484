#!/bin/bash
# SPDX-License-Identifier: MIT
# fuzz/run.sh SECONDS [TARGET...] -- build every libFuzzer target (fuzz/fuzz_*.c,
# clang -fsanitize=fuzzer,address,undefined over the static build) and run
# each for SECONDS (or only the TARGETs named, e.g. "sentences").
#
# Corpora: fuzz/corpus-run/TARGET/ (gitignored) keeps what the fuzzer finds
# between runs; seeds/ and the SQL tests are read as extra seed corpora.  A
# crash, leak, sanitizer report, broken invariant or an input slower than
# FUZZ_TIMEOUT seconds (default 10) fails the target and leaves the input in
# build/fuzz/crashes/; reproduce with build/fuzz/bin/fuzz_TARGET FILE, then
# turn it into a regression test.  Prints one line per target with its
# executions, then "N passed, N failed".
#
# A campaign to a number of executions rather than a time: FUZZ_RUNS=N stops
# each target after N executions (SECONDS stays the cap), e.g.
#   FUZZ_RUNS=10000000 FUZZ_MAX_LEN=4096 fuzz/run.sh 7200 sentences
# Executions and findings of each campaign are recorded in fuzz/CAMPAIGNS.md.
set -u
cd "$(dirname "$0")/.."
secs=${1:-60}; shift || true
timeout_s=${FUZZ_TIMEOUT:-10}
max_len=${FUZZ_MAX_LEN:-16384}
runs=()
[ -n "${FUZZ_RUNS:-}" ] && runs=(-runs="$FUZZ_RUNS")
mkdir -p build
if ! make --no-print-directory fuzz-bins-all >build/fuzz-build.log 2>&1; then
  tail -n 30 build/fuzz-build.log
  echo "fuzz: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
targets=("$@")
if [ ${#targets[@]} = 0 ]; then
  for src in fuzz/fuzz_*.c; do t=$(basename "$src" .c); targets+=("${t#fuzz_}"); done
fi
mkdir -p build/fuzz/crashes
pass=0; fail=0
for t in "${targets[@]}"; do
  bin=build/fuzz/bin/fuzz_$t
  corpus=fuzz/corpus-run/$t
  mkdir -p "$corpus"
  extra=(seeds)
  [ -d "fuzz/seeds/$t" ] && extra+=("fuzz/seeds/$t")
  if [ "$t" = sql ]; then
    # Raw-mode seeds (first byte '0'): every statement of the SQL tests and
    # of the workload table.
    rm -rf build/fuzz/seeds-sql; mkdir -p build/fuzz/seeds-sql
    k=0
    { grep -hv '^\.' tests/sql/*.sql; grep -ho '"[a-z][^"]*;"' tests/static/workload.c | tr -d '"'; } |
      while IFS= read -r line; do
        k=$((k + 1)); printf '0%s' "$line" >"build/fuzz/seeds-sql/$k"
      done
    extra+=(build/fuzz/seeds-sql)
  fi
  log=build/fuzz/$t.log
  "$bin" -max_total_time="$secs" -timeout="$timeout_s" -max_len="$max_len" -rss_limit_mb=2048 \
    "${runs[@]}" -print_final_stats=1 -artifact_prefix="build/fuzz/crashes/$t-" "$corpus" "${extra[@]}" \
    >"$log" 2>&1
  rc=$?
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  if [ "$rc" = 0 ]; then
    rate=$(grep -oE 'DONE .*exec/s: [0-9]+' "$log" | grep -oE '[0-9]+$' | head -n 1)
    echo "fuzz_$t: ${execs:-?} executions (${rate:-?}/s), no findings"
    pass=$((pass + 1))
  else
    echo "FAIL fuzz_$t (exit $rc) after ${execs:-?} executions:"
    grep -E 'ERROR|invariant|SUMMARY|Test unit written|^#0|^    #[0-4] ' "$log" | head -n 20
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
