#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/corpus.sh -- build the English prose corpus every benchmark reads.
#
#   bench/corpus.sh            (from anywhere; idempotent)
#
# Output, in bench/out/ (gitignored):
#   corpus.txt  the raw text: the King James Bible (Debian bible-kjv, through
#               its `bible` program) followed by the prose of perl-doc's pod
#               pages, with pod markup stripped crudely (command lines and
#               indented code blocks dropped, X<...> formatting codes
#               unwrapped); at least 10 MB of UTF-8
#   corpus.db   SQLite database with table docs(id INTEGER PRIMARY KEY,
#               body TEXT): corpus.txt cut at line ends into documents of
#               about 64 KB (never more than 65536 bytes)
# Both are rebuilt only when missing (delete bench/out/corpus.* to force).
# Needs the Debian packages bible-kjv, bible-kjv-text and perl-doc
# (scripts/deps.sh bench installs them).
set -eu
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
if [ -s "$out/corpus.txt" ] && [ -s "$out/corpus.db" ]; then
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v bible >/dev/null; then
  echo "corpus.sh: the bible program is missing (apt-get install bible-kjv bible-kjv-text)" >&2
  exit 1
fi
bible -f 'gen1:1-rev22:21' > "$tmp/kjv.txt"
podDir=$(dirname "$(dpkg -L perl-doc | grep '/pod/perl\.pod$' | head -n 1)")
/usr/bin/python3 - "$tmp/kjv.txt" "$podDir" "$out/corpus.txt" "$out/corpus.db" <<'PY'
import os, re, sqlite3, sys
kjv, pod_dir, txt_path, db_path = sys.argv[1:5]
code = re.compile(r"[A-Z]<<+\s*(.*?)\s*>>+|[A-Z]<([^<>]*)>")

def pod_prose(path):
    out, skip = [], False
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("="):
                skip = line.startswith(("=begin", "=for"))
                if line.startswith("=end"):
                    skip = False
                if line.startswith(("=head", "=item")):
                    title = line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""
                    out.append(title.strip() + "\n\n")
                continue
            if skip or line.startswith((" ", "\t")):
                continue
            for _ in range(3):
                line = code.sub(lambda m: m.group(1) or m.group(2) or "", line)
            out.append(line)
    return "".join(out)

parts = [open(kjv, encoding="utf-8").read()]
for name in sorted(os.listdir(pod_dir)):
    if name.endswith(".pod"):
        parts.append(pod_prose(os.path.join(pod_dir, name)))
text = "\n".join(parts)
text = re.sub(r"\n{3,}", "\n\n", text)
with open(txt_path + ".tmp", "w", encoding="utf-8") as f:
    f.write(text)
os.replace(txt_path + ".tmp", txt_path)
data = text.encode("utf-8")
docs, i = [], 0
while i < len(data):
    j = min(i + 65536, len(data))
    if j < len(data):
        k = data.rfind(b"\n", i, j)
        j = k + 1 if k > i else j
    docs.append(data[i:j].decode("utf-8"))
    i = j
if os.path.exists(db_path + ".tmp"):
    os.remove(db_path + ".tmp")
db = sqlite3.connect(db_path + ".tmp")
db.execute("create table docs(id integer primary key, body text)")
db.executemany("insert into docs(body) values (?)", ((d,) for d in docs))
db.commit()
db.close()
os.replace(db_path + ".tmp", db_path)
print(f"corpus: {len(data) / 1e6:.1f} MB in {len(docs)} documents")
PY
