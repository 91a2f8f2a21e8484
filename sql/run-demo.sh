#!/bin/sh
# run: sql/run-demo.sh [--docs DIR] [--source NAME] [--lang CODE] [--db FILE] [--html FILE]
# SPDX-License-Identifier: MIT
#
# run-demo.sh -- the provenance report: load a folder of documents into a
# SQLite database (sql/load.sql), compare every story with the source
# (sql/analyze.sql) and print the report (sql/provenance.sql), or write it as
# one HTML page (sql/report_html.sql).  `make demo` runs it on seeds/,
# `make report` with --html report.html.  Needs the sqlite3 shell and a built
# dist/verbatim.so (run `make` first).
#
#   --docs DIR     the folder of documents: every *.txt file under it
#                  (default: seeds)
#   --source NAME  the source document: its file name or a prefix of it
#                  ('001'); every other document is a story.  Without it,
#                  DIR/manifest.csv must mark the source (lines "file,role").
#   --lang CODE    language of the documents (default en)
#   --db FILE      keep the database in FILE (default: a temporary file)
#   --html FILE    write the HTML report to FILE instead of printing the text
#
# Environment: SQLITE3 names the sqlite3 shell to use (default: sqlite3).
#
# Exit status: 0 on success; 1 on a bad folder or source (load.sql explains);
# 2 on a usage error.
set -eu
usage() { sed -n '2p' "$0" | sed 's/^# run: /usage: /' >&2; exit 2; }
docs=seeds source="" lang="" db="" html=""
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) [ $# -ge 2 ] || usage; docs=$2; shift 2 ;;
    --source) [ $# -ge 2 ] || usage; source=$2; shift 2 ;;
    --lang) [ $# -ge 2 ] || usage; lang=$2; shift 2 ;;
    --db) [ $# -ge 2 ] || usage; db=$2; shift 2 ;;
    --html) [ $# -ge 2 ] || usage; html=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -eu/p' "$0" | sed -e '$d' -e '/SPDX/d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) usage ;;
  esac
done

# Paths given by the caller are relative to the caller's directory; the
# scripts run from the repository root.
abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
docs=$(abspath "$docs")
[ -n "$db" ] && db=$(abspath "$db")
[ -n "$html" ] && html=$(abspath "$html")
cd "$(dirname "$0")/.."
if [ ! -f dist/verbatim.so ]; then
  echo "run-demo.sh: dist/verbatim.so is missing: run make first" >&2
  exit 1
fi
sqlite3=${SQLITE3:-sqlite3}
command -v "$sqlite3" >/dev/null || { echo "run-demo.sh: the sqlite3 shell ($sqlite3) is missing: apt-get install sqlite3" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$db" ]; then db=$tmp/demo.db; else rm -f "$db"; fi

# A value as an SQL string literal.
sql_text() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }
{
  # The database is derived data, rebuilt on every run: no fsync per statement.
  echo "pragma synchronous = off;"
  echo ".output /dev/null"; echo "pragma journal_mode = memory;"; echo ".output"
  echo ".parameter init"
  echo "insert into temp.sqlite_parameters(key, value) values ('@docs', $(sql_text "$docs"));"
  [ -n "$source" ] && echo "insert into temp.sqlite_parameters(key, value) values ('@source', $(sql_text "$source"));"
  [ -n "$lang" ] && echo "insert into temp.sqlite_parameters(key, value) values ('@lang', $(sql_text "$lang"));"
  echo ".read sql/load.sql"
  echo ".read sql/analyze.sql"
  if [ -n "$html" ]; then echo ".read sql/report_html.sql"; else echo ".read sql/provenance.sql"; fi
} > "$tmp/run.sql"

if [ -n "$html" ]; then
  "$sqlite3" -bail -batch "$db" < "$tmp/run.sql" > "$tmp/report.html"
  mv "$tmp/report.html" "$html"
  echo "wrote $html"
else
  "$sqlite3" -bail -batch "$db" < "$tmp/run.sql"
fi
