/* SPDX-License-Identifier: MIT
 *
 * replay.c -- a main() for the fuzz targets without libFuzzer: feeds every
 * file named on the command line (directories: every file in them) to
 * LLVMFuzzerTestOneInput once.  Used by the coverage build (gcc) to replay
 * the fuzz corpora, and handy under gdb or valgrind:
 *   build/coverage-static/bin/replay_sentences fuzz/corpus-run/sentences
 * Prints "N inputs replayed".
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long replayFile(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) return 0;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *p = malloc(n > 0 ? (size_t)n : 1);
  size_t got = p ? fread(p, 1, (size_t)(n > 0 ? n : 0), f) : 0;
  fclose(f);
  if (p == NULL) return 0;
  LLVMFuzzerTestOneInput(p, got);
  free(p);
  return 1;
}

static long replayPath(const char *zPath) {
  struct stat st;
  if (stat(zPath, &st) != 0) return 0;
  if (!S_ISDIR(st.st_mode)) return replayFile(zPath);
  DIR *d = opendir(zPath);
  struct dirent *e;
  long count = 0;
  if (d == NULL) return 0;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    size_t n = strlen(zPath) + strlen(e->d_name) + 2;
    char *z = malloc(n);
    if (z == NULL) break;
    snprintf(z, n, "%s/%s", zPath, e->d_name);
    count += replayPath(z);
    free(z);
  }
  closedir(d);
  return count;
}

int main(int argc, char **argv) {
  long count = 0;
  int i;
  for (i = 1; i < argc; i++) count += replayPath(argv[i]);
  printf("%ld inputs replayed\n", count);
  return 0;
}
