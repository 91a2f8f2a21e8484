/* SPDX-License-Identifier: MIT
 *
 * fuzz_tokens.c -- libFuzzer target for the tokenizer (vb_tok_*).
 *
 * Input: a language byte, a flags byte (norm / stem / words only), then the
 * text.  Checks, besides memory safety: tokens are non-empty, in order,
 * never overlapping, inside the text and on SQLite unit boundaries, with no
 * ASCII white space at either end; kind and stop are in range; norm and
 * stem are present exactly when asked for, NUL-terminated at their length;
 * hash is vb_tok_hash of the stem (or of norm without stems); and a
 * tokenizer that has served every earlier input (one per language and
 * flags, with a 16-entry stem cache so eviction happens all the time)
 * gives exactly the same tokens as the fresh one.
 */
#include "fuzz.h"

static int isAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = {data, size};
  const vb_lang *lang = fz_lang(&f);
  static const unsigned aFlags[] = {0, VB_TOK_WANT_NORM, VB_TOK_WANT_STEM,
                                    VB_TOK_WANT_STEM | VB_TOK_WORDS_ONLY, VB_TOK_WORDS_ONLY};
  unsigned flags = aFlags[fz_byte(&f) % 5];
  size_t n;
  const unsigned char *zIn = fz_rest(&f, &n);
  unsigned char *z = fz_dup(zIn, n);
  static vb_tokenizer *aShared[VB_LANG_COUNT + 1][5];
  unsigned iFlags;
  for (iFlags = 0; aFlags[iFlags] != flags; iFlags++) {
  }
  vb_tokenizer **ppShared = &aShared[lang ? lang->id : VB_LANG_COUNT][iFlags];
  if (*ppShared == NULL) {
    *ppShared = vb_tok_new(lang, flags);
    FZ_ASSERT(*ppShared != NULL);
    vb_tok_cache_limit(*ppShared, 16);
  }
  vb_tokenizer *t = vb_tok_new(lang, flags), *shared = *ppShared;
  vb_token tok, tok2;
  size_t prevEnd = 0;
  int rc, rc2;
  if (z == NULL || t == NULL) goto done;
  vb_tok_reset(t, z, n);
  vb_tok_reset(shared, z, n);
  while ((rc = vb_tok_next(t, &tok)) == 1) {
    rc2 = vb_tok_next(shared, &tok2);
    FZ_ASSERT(rc2 == 1 && tok2.start == tok.start && tok2.end == tok.end);
    FZ_ASSERT(tok2.kind == tok.kind && tok2.stop == tok.stop && tok2.hash == tok.hash);
    FZ_ASSERT(tok2.nNorm == tok.nNorm && (!tok.norm || memcmp(tok2.norm, tok.norm, tok.nNorm) == 0));
    FZ_ASSERT(tok2.nStem == tok.nStem && (!tok.stem || memcmp(tok2.stem, tok.stem, tok.nStem) == 0));
    FZ_ASSERT(tok.start < tok.end && tok.end <= n && tok.start >= prevEnd);
    FZ_ASSERT(fz_on_boundary(z, n, tok.start) && fz_on_boundary(z, n, tok.end));
    FZ_ASSERT(!isAsciiSpace(z[tok.start]) && !isAsciiSpace(z[tok.end - 1]));
    FZ_ASSERT(tok.kind >= VB_TOK_WORD && tok.kind <= VB_TOK_SYMBOL);
    FZ_ASSERT(tok.stop == 0 || tok.stop == 1);
    if (flags & VB_TOK_WORDS_ONLY) FZ_ASSERT(tok.kind == VB_TOK_WORD || tok.kind == VB_TOK_NUMBER);
    if (flags & VB_TOK_WANT_NORM) {
      FZ_ASSERT(tok.norm != NULL && tok.norm[tok.nNorm] == 0);
    }
    if ((flags & VB_TOK_WANT_STEM) == VB_TOK_WANT_STEM) {
      FZ_ASSERT(tok.stem != NULL && tok.stem[tok.nStem] == 0);
      FZ_ASSERT(tok.hash == vb_tok_hash(tok.stem, tok.nStem));
    } else if (flags & VB_TOK_WANT_NORM) {
      FZ_ASSERT(tok.hash == vb_tok_hash(tok.norm, tok.nNorm));
    }
    prevEnd = tok.end;
  }
  FZ_ASSERT(rc == 0);
  FZ_ASSERT(vb_tok_next(shared, &tok2) == 0);
done:
  vb_tok_free(t);
  free(z);
  return 0;
}
