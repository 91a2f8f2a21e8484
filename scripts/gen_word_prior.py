#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""scripts/gen_word_prior.py -- generate ext/core/word_prior_data.c, the
built-in word weights and word relations of similarity(a, b, 'cosine').

Corpora (apt-get install -y bible-kjv bible-kjv-text wordnet-base):
- the King James Version of the Bible (1611, public domain), as Debian's
  bible-kjv-text package ships it, read through that package's `bible`
  program; each verse is one document;
- WordNet 3.0 (Princeton University; its licence, reproduced in the
  generated file, allows use and redistribution with the notice), as
  Debian's wordnet-base ships it: the SemCor sense-tag counts of
  cntlist.rev (a modern-English frequency of each lemma, from the Brown
  corpus), the synsets of data.* and their derivational links ('+').

Stems are Snowball English stems of the case-folded, NFKC-normalized word,
as tokens() computes them.  A WordNet lemma counts only when it is one word
(no '_', no hyphen).

Weight of a stem.  With df = the verses holding it (N verses) and c = the
SemCor tag count of the single-word lemmas with that stem (S tags in all):

    kjv    = ln((N + 1) / (df + 1)),  or UNSEEN when df = 0
    semcor = ln((S + 1) / (c + 1)),   or UNSEEN_SEMCOR when c = 0
    weight = (ALPHA * kjv + (1 - ALPHA) * semcor) ** POWER

The KJV alone leaves nearly every modern word unseen (the same top
weight); SemCor tells "artillery" (12 tags) from "position" (150).  A stem
the table does not hold weighs the default, the formula with both unseen.
POWER < 1 flattens the weights.

Relations.  Two stems are related when single-word lemmas with those stems
share a synset (synonyms: "restore" and "reconstruct") or a derivational
link joins them ("secure" and "security" differ in stem); every sense
counts.  The cosine gives a stem of one text left without a match partial
credit against a related unmatched stem of the other.

ALPHA, POWER, the unseen values and the relation credit (in similarity.c)
were tuned on the STS-B train and dev splits (never the test split).

The table is an open-addressing hash table (FNV-1a 32-bit of the stem's
bytes, linear probing, a power-of-two size at most half full), laid out
here so the C lookup is one hash and a probe or two.  It holds the stems
whose weight is not the default or that have relations.  Each stem's
related stems are a sorted run of stem indexes (rel[rel_start[i] ..
rel_start[i + 1]]), for a binary search.

Usage: /usr/bin/python3 scripts/gen_word_prior.py [--alpha A] [--power P]
       [--unseen U] [--unseen-semcor V] [--wordnet DIR]
       (writes ext/core/word_prior_data.c)
"""
import argparse
import collections
import ctypes
import ctypes.util
import math
import os
import re
import subprocess
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Stemmer:
    def __init__(self, algorithm="english"):
        lib = ctypes.CDLL(ctypes.util.find_library("stemmer") or "libstemmer.so.0d")
        lib.sb_stemmer_new.restype = ctypes.c_void_p
        lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        lib.sb_stemmer_stem.restype = ctypes.c_void_p
        lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]
        lib.sb_stemmer_length.restype = ctypes.c_int
        self.lib = lib
        self.s = lib.sb_stemmer_new(algorithm.encode(), b"UTF_8")
        self.cache = {}

    def stem(self, word):
        r = self.cache.get(word)
        if r is None:
            b = word.encode("utf-8")
            p = self.lib.sb_stemmer_stem(self.s, b, len(b))
            n = self.lib.sb_stemmer_length(self.s)
            r = ctypes.string_at(p, n).decode("utf-8")
            self.cache[word] = r
        return r


WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def words(text):
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    return WORD.findall(text)


def kjv_verses():
    out = subprocess.run(["bible", "-f", "gen1:1-rev22:21"], stdout=subprocess.PIPE,
                         check=True, text=True).stdout
    for line in out.splitlines():
        ref, _, text = line.partition(" ")
        if text:
            yield text


def wordnet(dirname):
    """(lemma -> SemCor tag count, the sum of all tag counts, the groups of
    related lemmas: each synset's lemmas, and each pair of lemmas a
    derivational link joins)."""
    count = collections.Counter()
    total = 0
    with open(os.path.join(dirname, "cntlist.rev"), encoding="utf-8") as f:
        for line in f:
            key, _, tags = line.split()
            total += int(tags)
            count[key.split("%")[0]] += int(tags)
    forms = collections.defaultdict(set)  # irregular form -> its lemmas
    synsets = {}  # (data file, offset) -> lemmas
    links = []  # (lemma, data file of the target, target offset, target word number)
    files = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(dirname, "data." + pos), encoding="utf-8") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # the licence at the top
                fields = line.split("|")[0].split()
                n = int(fields[3], 16)
                lemmas = [fields[4 + 2 * i].lower().split("(")[0] for i in range(n)]
                synsets[(pos, fields[0])] = lemmas
                i = 4 + 2 * n
                for k in range(int(fields[i])):
                    sym, off, tpos, st = fields[i + 1 + 4 * k:i + 5 + 4 * k]
                    if sym == "+" and st != "0000":
                        links.append((lemmas[int(st[:2], 16) - 1], files[tpos], off,
                                      int(st[2:], 16)))
    for pos in ("noun", "verb", "adj", "adv"):  # irregular forms: "said" is "say"
        with open(os.path.join(dirname, pos + ".exc"), encoding="utf-8") as f:
            for line in f:
                form, *lemmas = line.split()
                forms[form] |= set(lemmas)
    groups = [set(lemmas) for lemmas in synsets.values()]
    groups += [{lemma, synsets[(tfile, off)][word - 1]} for lemma, tfile, off, word in links]
    return count, total, groups, forms


def single_word(lemma):
    return "_" not in lemma and "-" not in lemma and WORD.fullmatch(lemma) is not None


def rel_bits(k):
    """The two bits of stem index k in a relation filter (similarity.c, relBits)."""
    h = (k * 0x9E3779B1) & 0xFFFFFFFF
    return (1 << ((h >> 26) & 63)) | (1 << ((h >> 20) & 63))


def fnv1a32(b):
    h = 0x811C9DC5
    for c in b:
        h ^= c
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--alpha", type=float, default=0.2)
    ap.add_argument("--power", type=float, default=0.7)
    ap.add_argument("--unseen", type=float, default=11.0)
    ap.add_argument("--unseen-semcor", type=float, default=13.0)
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--out", default=os.path.join(ROOT, "ext", "core", "word_prior_data.c"))
    args = ap.parse_args()

    st = Stemmer()
    df = collections.Counter()
    n = 0
    for verse in kjv_verses():
        n += 1
        df.update({st.stem(w) for w in words(verse)})

    count, total, groups, forms = wordnet(args.wordnet)
    semcor = collections.Counter()
    for lemma, c in count.items():
        if single_word(lemma):
            semcor[st.stem(words(lemma)[0])] += c
    # an irregular form the stemmer does not bring to its lemma's stem ("said",
    # "went") counts its lemmas' tags too
    for form, lemmas in forms.items():
        if single_word(form):
            s = st.stem(words(form)[0])
            semcor[s] += sum(count[lemma] for lemma in lemmas
                             if single_word(lemma) and st.stem(words(lemma)[0]) != s)
    related = collections.defaultdict(set)
    for group in groups:
        group_stems = {st.stem(words(lemma)[0]) for lemma in group if single_word(lemma)}
        for x in group_stems:
            related[x] |= group_stems - {x}

    def weight(s):
        kjv = math.log((n + 1) / (df[s] + 1)) if df[s] else args.unseen
        sc = math.log((total + 1) / (semcor[s] + 1)) if semcor[s] else args.unseen_semcor
        return (args.alpha * kjv + (1 - args.alpha) * sc) ** args.power

    default = (args.alpha * args.unseen + (1 - args.alpha) * args.unseen_semcor) ** args.power
    stems = sorted(set(df) | {s for s in semcor if semcor[s]} | {s for s in related if related[s]})
    assert len(stems) < 65535, "slots are unsigned short"
    index = {s: i for i, s in enumerate(stems)}
    weights = {s: weight(s) for s in stems}
    rel_start, rel = [], []
    for s in stems:
        rel_start.append(len(rel))
        rel.extend(sorted(index[x] for x in related.get(s, ())))
    rel_start.append(len(rel))
    # each stem's 64-bit filter of its related stems: the OR of rel_bits(k) of each
    # related stem index k (similarity.c, relBits)
    rel_mask = []
    for i in range(len(stems)):
        m = 0
        for k in rel[rel_start[i]:rel_start[i + 1]]:
            m |= rel_bits(k)
        rel_mask.append(m)

    size = 1
    while size < 2 * len(stems):
        size <<= 1
    slots = [0] * size
    for i, s in enumerate(stems):
        h = fnv1a32(s.encode("utf-8")) & (size - 1)
        while slots[h]:
            h = (h + 1) & (size - 1)
        slots[h] = i + 1

    text = bytearray()
    offsets = []
    for s in stems:
        offsets.append(len(text))
        text += s.encode("utf-8") + b"\0"

    lines = []
    w = lines.append
    w("/* SPDX-License-Identifier: MIT AND LicenseRef-WordNet-3.0")
    w(" *")
    w(" * word_prior_data.c -- the word weights and word relations of similarity()'s cosine.")
    w(" * For each Snowball English stem: weight = (%g * kjv + %g * semcor) ^ %g, kjv ="
      % (args.alpha, 1 - args.alpha, args.power))
    w(" * ln((N + 1) / (df + 1)) with df = verses of the King James Bible containing the stem")
    w(" * (N = %d; %g when df = 0), semcor = ln((S + 1) / (c + 1)) with c = WordNet's SemCor"
      % (n, args.unseen))
    w(" * tag count of the single-word lemmas with that stem (S = %d; %g when c = 0); a stem"
      % (total, args.unseen_semcor))
    w(" * the table does not hold weighs the default.  rel[rel_start[i] .. rel_start[i + 1]]:")
    w(" * the stems related to stem i (a shared WordNet synset or a derivational link),")
    w(" * ascending; rel_mask[i]: their filter (the OR of two bits of each related index k:")
    w(" * bits 63 & (h >> 26) and 63 & (h >> 20), h = k * 0x9E3779B1 mod 2^32).  Hash table:")
    w(" * FNV-1a 32-bit of the stem's bytes, linear probing; slot value")
    w(" * = index + 1, 0 = empty.")
    w(" *")
    w(" * Derived from WordNet 3.0, under its licence:")
    w(" *")
    for line in wordnet_license(args.wordnet).strip("\n").split("\n"):
        w((" * " + line).rstrip())
    w(" */")
    w("/* GENERATED by scripts/gen_word_prior.py --alpha %g --power %g --unseen %g "
      "--unseen-semcor %g from the King James Bible (bible-kjv-text %s, %d verses) and WordNet "
      "(wordnet-base %s): %d stems, %d relations: do not edit. */"
      % (args.alpha, args.power, args.unseen, args.unseen_semcor, version("bible-kjv-text"), n,
         version("wordnet-base"), len(stems), len(rel) // 2))
    w('#include "word_prior.h"')
    w("")
    w("const unsigned vb_word_prior_size = %d;" % size)
    w("const unsigned vb_word_prior_count = %d;" % len(stems))
    w("const float vb_word_prior_default = %.6ff;" % default)
    w("")
    w("const unsigned short vb_word_prior_slot[%d] = {" % size)
    for i in range(0, size, 16):
        w("  " + ", ".join(str(x) for x in slots[i:i + 16]) + ",")
    w("};")
    w("")
    w("const unsigned vb_word_prior_offset[%d] = {" % len(stems))
    for i in range(0, len(offsets), 12):
        w("  " + ", ".join(str(x) for x in offsets[i:i + 12]) + ",")
    w("};")
    w("")
    w("const float vb_word_prior_weight[%d] = {" % len(stems))
    ws = ["%.4ff" % weights[s] for s in stems]
    for i in range(0, len(ws), 10):
        w("  " + ", ".join(ws[i:i + 10]) + ",")
    w("};")
    w("")
    w("const unsigned vb_word_prior_rel_start[%d] = {" % len(rel_start))
    for i in range(0, len(rel_start), 12):
        w("  " + ", ".join(str(x) for x in rel_start[i:i + 12]) + ",")
    w("};")
    w("")
    w("const uint64_t vb_word_prior_rel_mask[%d] = {" % len(rel_mask))
    for i in range(0, len(rel_mask), 6):
        w("  " + ", ".join("0x%016xu" % x for x in rel_mask[i:i + 6]) + ",")
    w("};")
    w("")
    w("const unsigned vb_word_prior_rel[%d] = {" % max(len(rel), 1))
    for i in range(0, len(rel), 12):
        w("  " + ", ".join(str(x) for x in rel[i:i + 12]) + ",")
    w("};")
    w("")
    w("const char vb_word_prior_text[%d] =" % len(text))
    chunk = ""
    for s in stems:
        esc = "".join(c if 32 <= ord(c) < 127 and c not in '\\"?' else
                      "".join("\\%03o" % b for b in c.encode("utf-8")) for c in s)
        chunk += esc + "\\000"
        if len(chunk) > 80:
            w('  "%s"' % chunk)
            chunk = ""
    if chunk:
        w('  "%s"' % chunk)
    lines[-1] += ";"
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s: %d stems, table %d, %d relations, default %.4f"
          % (args.out, len(stems), size, len(rel) // 2, default))


def version(package):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                              stdout=subprocess.PIPE, text=True).stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def wordnet_license(dirname):
    """The licence WordNet's data files open with (their numbered lines)."""
    out = []
    with open(os.path.join(dirname, "data.noun"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("  "):
                break
            out.append(line.strip().split(" ", 1)[1] if " " in line.strip() else "")
    return "\n".join(out)


if __name__ == "__main__":
    main()
