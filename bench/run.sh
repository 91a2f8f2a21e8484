#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/run.sh [NAME...] -- run the benchmarks (bench/bench_*.sh and
# bench/bench_*.py), all of them or the named ones.  Each compares verbatim
# with a named peer in the same run and prints ratios; the machine is shared
# and noisy, so ratios, not absolute times, are the figures to read.
# The corpus is built once into bench/out/ (see bench/corpus.sh).
set -eu
cd "$(dirname "$0")/.."
export VERBATIM_SO="${VERBATIM_SO:-dist/verbatim.so}"
mkdir -p bench/out
want=("$@")
for b in bench/bench_*.sh bench/bench_*.py; do
  [ -e "$b" ] || continue
  name=$(basename "$b"); name=${name#bench_}; name=${name%.*}
  if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " =~ " $name " ]]; then continue; fi
  echo "== bench $name"
  case "$b" in
    *.sh) bash "$b" ;;
    *.py) /usr/bin/python3 "$b" ;;
  esac
done
