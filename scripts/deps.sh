#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/deps.sh GROUP... -- make sure the Debian packages a make target needs
# are installed.  Groups: build, test, bench, report, gen (the generators in
# scripts/: gen_word_prior.py reads the King James Bible and WordNet).  As root, installs what
# is missing with apt-get; otherwise prints the exact apt-get line and fails.
# Group coverage: what make coverage needs (gcovr).  chromium is in test too:
# the HTML report is rendered in a real browser by tests/python/test_demo.py.
set -e
pkgs_build="gcc make pkg-config sqlite3 libsqlite3-dev libutf8proc-dev libpcre2-dev libstemmer-dev unicode-data"
pkgs_test="python3 python3-hypothesis valgrind clang libclang-rt-14-dev tcl libsqlite3-tcl libdbd-sqlite3-perl python3-jellyfish chromium"
pkgs_bench="libicu-dev bible-kjv bible-kjv-text perl-doc python3-levenshtein python3-jellyfish"
pkgs_gen="bible-kjv bible-kjv-text wordnet-base"
pkgs_report="chromium"
pkgs_coverage="gcovr"
want=""
for g in "$@"; do
  eval "want=\"\$want \$pkgs_$g\""
done
missing=""
for p in $want; do
  case " $missing " in *" $p "*) continue ;; esac
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "verbatim needs these Debian packages; please run:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || true
apt-get install -y -qq --no-install-recommends$missing >/dev/null
