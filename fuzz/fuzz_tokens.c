/* SPDX-License-Identifier: MIT
 *
 * fuzz_tokens.c -- libFuzzer target for the tokenizer (vb_tok_*).
 *
 * Input: a language byte, a flags byte (norm / stem / words only), then the
 * text.  Checks, besides memory safety: tokens are non-empty, in order,
 * never overlapping, inside the text and on SQLite unit boundaries, with no
 * ASCII white space at either end; kind and stop are in range; norm and
 * stem are present exactly when asked for, NUL-terminated at their length;
 * hash is vb_tok_hash of the stem (or of norm without stems).
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
  vb_tokenizer *t = vb_tok_new(lang, flags);
  vb_token tok;
  size_t prevEnd = 0;
  int rc;
  if (z == NULL || t == NULL) goto done;
  vb_tok_reset(t, z, n);
  while ((rc = vb_tok_next(t, &tok)) == 1) {
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
done:
  vb_tok_free(t);
  free(z);
  return 0;
}
