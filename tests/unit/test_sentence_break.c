/* SPDX-License-Identifier: MIT
 *
 * test_sentence_break.c -- replays Unicode's SentenceBreakTest.txt against
 * the plain UAX #29 boundaries (vb_sent_uax_next, what lang 'und' uses).
 * Every boundary of every line must match: the target is 100%.
 *
 * The file comes from Debian's unicode-data package; its path may be given
 * as the first argument or in VB_SENTENCE_BREAK_TEST.  When it is absent
 * the test prints a message and passes nothing (0 passed, 0 failed).
 */
#include <stdlib.h>

#include "check.h"
#include "verbatim/sentences.h"

#define DEFAULT_PATH "/usr/share/unicode/auxiliary/SentenceBreakTest.txt"

/* One line "÷ 0041 × 002E ÷  # comment": fills z with the UTF-8 text and
 * want[i] = 1 where a boundary is expected at byte i.  Returns the byte
 * length, or -1 for a line without a test. */
static int parse_line(const char *zLine, unsigned char *z, int *want, int cap) {
  int n = 0;
  const char *p = zLine;
  if (*p == '#' || *p == '\n' || *p == 0) return -1;
  memset(want, 0, sizeof(int) * (size_t)(cap + 1));
  while (*p && *p != '#') {
    if ((unsigned char)p[0] == 0xC3 && (unsigned char)p[1] == 0xB7) { /* ÷ */
      want[n] = 1;
      p += 2;
    } else if ((unsigned char)p[0] == 0xC3 && (unsigned char)p[1] == 0x97) { /* × */
      p += 2;
    } else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
      char *pEnd;
      long cp = strtol(p, &pEnd, 16);
      if (n + 4 > cap) return -1;
      n += vb_utf8_encode((int32_t)cp, z + n);
      p = pEnd;
    } else {
      p++;
    }
  }
  return n;
}

int main(int argc, char **argv) {
  const char *zPath = argc > 1 ? argv[1] : getenv("VB_SENTENCE_BREAK_TEST");
  FILE *f;
  char zLine[4096];
  unsigned char z[1024];
  int want[1025];
  int lines = 0, linesOk = 0, lineNo = 0;
  if (zPath == NULL) zPath = DEFAULT_PATH;
  f = fopen(zPath, "r");
  if (f == NULL) {
    printf("SKIP: %s not found (install unicode-data)\n", zPath);
    return check_done();
  }
  while (fgets(zLine, sizeof zLine, f)) {
    int n, got[1025], ok = 1, i;
    size_t b = 0;
    lineNo++;
    n = parse_line(zLine, z, want, (int)sizeof z - 4);
    if (n < 0) continue;
    memset(got, 0, sizeof got);
    got[0] = 1; /* sot: SB1 */
    while (b < (size_t)n) {
      b = vb_sent_uax_next(z, (size_t)n, b);
      got[b] = 1;
    }
    for (i = 0; i <= n; i++) {
      if (got[i] != want[i]) ok = 0;
    }
    lines++;
    if (ok) linesOk++;
    CHECK_MSG(ok, "SentenceBreakTest.txt line %d: %s", lineNo, zLine);
  }
  fclose(f);
  printf("SentenceBreakTest.txt: %d/%d lines (%.1f%%)\n", linesOk, lines,
         lines ? 100.0 * linesOk / lines : 0.0);
  CHECK(lines > 400);
  return check_done();
}
