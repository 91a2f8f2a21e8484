# SPDX-License-Identifier: MIT
# verbatim -- build, test and run the SQLite extension.
#
#   make            build dist/verbatim.so (installs missing Debian packages as root)
#   make demo       build, then print the provenance report for seeds/
#   make report     the same report as one HTML page, report.html
#   make test       every test layer: unit, sql, python, conformance, sanitizers, fuzz smoke
#   make bench      benchmarks against the named peers (ICU, rapidfuzz-class libraries)
#   make asan       the unit and SQL tests under AddressSanitizer + UBSan
#   make memcheck   the SQL tests under valgrind
#   make fuzz       every libFuzzer target for FUZZ_SECONDS each
#   make coverage   line and branch coverage of ext/ from the whole test suite
#   make install / uninstall   (PREFIX, DESTDIR)
#
# Every source under ext/core and ext/sqlite is built; every tests/unit/test_*.c
# is a unit test program.  Nothing here needs editing to add a file.

PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PYTHON ?= /usr/bin/python3
SQLITE3 ?= sqlite3
FUZZ_SECONDS ?= 60

VERSION := $(shell cat VERSION)
# Recursively expanded on purpose: pkg-config runs after the deps check.
SNOWBALL_VERSION = $(shell dpkg-query -W -f='$${Version}' libstemmer0d 2>/dev/null | cut -d- -f1)
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3 libutf8proc libpcre2-8)
DEP_LIBS = $(shell $(PKG_CONFIG) --libs libutf8proc libpcre2-8) -lstemmer -lm

OPT ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
SAN ?=
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(OPT) $(WARN) $(SAN) -fPIC -fvisibility=hidden -MMD -MP \
  -Iinclude -DPCRE2_CODE_UNIT_WIDTH=8 -DVB_VERSION_STRING='"$(VERSION)"' -DVB_SNOWBALL_VERSION='"$(SNOWBALL_VERSION)"' \
  $(DEP_CFLAGS) $(CFLAGS)

# BUILD is the object directory; sanitizer and coverage builds use their own.
BUILD ?= build/release
SO ?= dist/verbatim.so

CORE_SRC := $(sort $(wildcard ext/core/*.c))
SQLITE_SRC := $(sort $(wildcard ext/sqlite/*.c))
CORE_OBJ = $(CORE_SRC:ext/%.c=$(BUILD)/%.o)
SQLITE_OBJ = $(SQLITE_SRC:ext/%.c=$(BUILD)/%.o)
CORE_LIB = $(BUILD)/libverbatim_core.a
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)

.PHONY: all deps deps-test deps-bench deps-report test test-unit test-sql test-python \
  test-bindings test-conformance test-asan demo report bench asan memcheck fuzz coverage install uninstall \
  clean format lint check-exports

all: $(SO)

deps:
	@scripts/deps.sh build
deps-test: deps
	@scripts/deps.sh test
deps-bench: deps
	@scripts/deps.sh bench
deps-report: deps
	@scripts/deps.sh report

$(BUILD)/%.o: ext/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(SO): $(CORE_OBJ) $(SQLITE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -shared -Wl,--exclude-libs,ALL -Wl,-z,defs -o $@ $^ $(DEP_LIBS) $(LDFLAGS)

$(BUILD)/unit/%: tests/unit/%.c $(CORE_LIB) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(CORE_LIB) $(DEP_LIBS) $(LDFLAGS)

unit-bins: $(UNIT_BIN)

check-exports: $(SO)
	@extra=$$(nm -D --defined-only $(SO) | awk '{print $$3}' | grep -v '^sqlite3_verbatim_init$$' | grep -v '^_' || true); \
	if [ -n "$$extra" ]; then echo "$(SO) exports more than its entry point: $$extra"; exit 1; fi; \
	if ldd $(SO) | grep -q libsqlite3; then echo "$(SO) links libsqlite3"; exit 1; fi

# ---- tests -------------------------------------------------------------------
test: deps-test all unit-bins check-exports
	@tests/run.sh all

test-unit: deps-test unit-bins
	@tests/run.sh unit
test-sql: deps-test all
	@tests/run.sh sql
test-python: deps-test all
	@tests/run.sh python
test-bindings: deps-test all
	@tests/run.sh bindings
test-conformance: deps-test all
	@tests/run.sh conformance

# Sanitizer build: its own objects, its own .so, the unit and SQL layers.
ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build/asan SO=build/asan/verbatim.so OPT="-O1 -g" \
	  SAN="$(ASAN_FLAGS)" build/asan/verbatim.so unit-bins
	@tests/run.sh asan

memcheck: deps-test all
	@tests/run.sh memcheck

# ---- the main job ----------------------------------------------------------------
demo: all
	@sql/run-demo.sh

report: deps-report all
	@sql/run-demo.sh --html report.html

bench: deps-bench all
	@bench/run.sh

fuzz: deps-test
	@fuzz/run.sh $(FUZZ_SECONDS)

coverage: deps-test
	@tests/coverage.sh

# ---- install ------------------------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=staging]: the extension as
# $(LIBDIR)/verbatim.so, include/verbatim.h, and $(LIBDIR)/pkgconfig/verbatim.pc
# (pkg-config --variable=extension verbatim names the file to load).
PCDIR ?= $(LIBDIR)/pkgconfig
install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PCDIR)
	install -m 0644 $(SO) $(DESTDIR)$(LIBDIR)/verbatim.so
	install -m 0644 include/verbatim.h $(DESTDIR)$(INCLUDEDIR)/verbatim.h
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	  -e 's|@VERSION@|$(VERSION)|g' verbatim.pc.in > $(DESTDIR)$(PCDIR)/verbatim.pc
	chmod 0644 $(DESTDIR)$(PCDIR)/verbatim.pc

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/verbatim.so $(DESTDIR)$(INCLUDEDIR)/verbatim.h \
	  $(DESTDIR)$(PCDIR)/verbatim.pc

# The generated tables (*_data.c) keep their generators' layout.
FORMAT_SRC = $(filter-out %_data.c,$(CORE_SRC) $(SQLITE_SRC)) $(wildcard ext/core/*.h) \
  include/*.h include/verbatim/*.h
format:
	clang-format -i $(FORMAT_SRC)
lint:
	clang-format --dry-run -Werror $(FORMAT_SRC)

clean:
	rm -rf build dist report.html

-include $(shell find build -name '*.d' 2>/dev/null)

# ==== reliability (issue 6): static build, allocation failures, threads, fuzzing, coverage ====
# The static build compiles ext/ with -DSQLITE_CORE into one archive; every
# tests/static/test_*.c is a program that links it with Debian's libsqlite3
# (registering the extension with sqlite3_auto_extension) together with the
# shared helpers tests/static/*.c.  Variants, each with its own objects:
#   make static        build/static        -O2, the 'static' test layer
#   make static-asan   build/static-asan   ASan+UBSan, the 'static-asan' layer
#   make tsan          build/tsan          clang ThreadSanitizer, the 'tsan' layer
#   make fuzz-bins-all build/fuzz          clang libFuzzer+ASan+UBSan, fuzz/fuzz_*.c
#   make coverage      build/coverage*     gcc --coverage, then tests/coverage.sh
STATIC_PROG_SRC := $(sort $(wildcard tests/static/test_*.c))
STATIC_HELPER_SRC := $(filter-out $(STATIC_PROG_SRC),$(sort $(wildcard tests/static/*.c)))
STATIC_LIB = $(BUILD)/libverbatim_static.a
STATIC_BIN = $(STATIC_PROG_SRC:tests/static/%.c=$(BUILD)/bin/%)
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN = $(FUZZ_SRC:fuzz/%.c=$(BUILD)/bin/%)
STATIC_LIBS = $(DEP_LIBS) -lsqlite3 -lpthread
TSAN_FLAGS = -fsanitize=thread -fno-omit-frame-pointer
FUZZ_FLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
  -fno-sanitize-recover=undefined

.PHONY: static static-asan tsan tsan-build static-bins replay-bins fuzz-bins fuzz-bins-all

$(STATIC_LIB): $(CORE_OBJ) $(SQLITE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/bin/test_%: tests/static/test_%.c $(STATIC_HELPER_SRC) tests/static/workload.h $(STATIC_LIB) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/static -Itests/unit -o $@ $< $(STATIC_HELPER_SRC) $(STATIC_LIB) \
	  $(STATIC_LIBS) $(LDFLAGS)

$(BUILD)/bin/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(STATIC_HELPER_SRC) $(STATIC_LIB) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Ifuzz -Itests/static -o $@ $< $(STATIC_HELPER_SRC) \
	  $(STATIC_LIB) $(STATIC_LIBS) $(LDFLAGS)

# The fuzz targets with fuzz/replay.c as main(), for builds without libFuzzer.
$(BUILD)/bin/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(STATIC_HELPER_SRC) $(STATIC_LIB) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ifuzz -Itests/static -o $@ $< fuzz/replay.c $(STATIC_HELPER_SRC) \
	  $(STATIC_LIB) $(STATIC_LIBS) $(LDFLAGS)

static-bins: $(STATIC_BIN)
fuzz-bins: $(FUZZ_BIN)
replay-bins: $(FUZZ_SRC:fuzz/fuzz_%.c=$(BUILD)/bin/replay_%)

static: deps-test
	@$(MAKE) --no-print-directory BUILD=build/static CFLAGS="$(CFLAGS) -DSQLITE_CORE" static-bins
static-asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build/static-asan OPT="-O1 -g" SAN="$(ASAN_FLAGS)" \
	  CFLAGS="$(CFLAGS) -DSQLITE_CORE" static-bins
tsan-build: deps-test
	@$(MAKE) --no-print-directory BUILD=build/tsan CC=clang OPT="-O1 -g" SAN="$(TSAN_FLAGS)" \
	  CFLAGS="$(CFLAGS) -DSQLITE_CORE" build/tsan/bin/test_threads
tsan: tsan-build
	@tests/run.sh tsan
fuzz-bins-all: deps-test
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang OPT="-O1 -g" SAN="$(FUZZ_FLAGS)" \
	  CFLAGS="$(CFLAGS) -DSQLITE_CORE" fuzz-bins
