# rexian: a plain GNU Makefile.  `make` builds bin/, `make check` tests all.
VERSION   = 0.1.0
MAKEFLAGS += --no-print-directory
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
PKGS      = gsl cairo pangocairo
CPPFLAGS += -D_GNU_SOURCE -DREXIAN_VERSION='"$(VERSION)"' -Iinclude
# pkg-config is asked when a recipe first needs its answer (deps may not
# have installed it before), and once: each make keeps the answer
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $$(PKGS) 2>/dev/null))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $$(shell pkg-config --libs $$(PKGS) 2>/dev/null))$(PKG_LIBS)
LDLIBS    = -lcsv -lzip -lexpat -lfreexl -lxlsxwriter $(PKG_LIBS) -lm -pthread

TOOLS    = ingest aggregate rate chart xlsx
MODULES  = util csvio input sheet xlsx xls timeutil calendar ticket profile hashmap idset ingest counts period \
           aggregate stats metric rate xlsxout book plot chart
# the synthetic dumps of tests, samples and bench (rexian-synth)
TOOLS   += synth
MODULES += synth
# key files: display names, order and groups (--keys)
MODULES += keys
# rexian's chain: stages joined as one command (rexian ingest ... then ...)
MODULES += chain
DEBS     = build-essential pkg-config libcsv-dev libgsl-dev libcairo2-dev \
           libpango1.0-dev fonts-noto-cjk python3 poppler-utils clang \
           libclang-rt-14-dev valgrind \
           libzip-dev libexpat1-dev libfreexl-dev libxlsxwriter-dev \
           python3-openpyxl python3-xlwt parallel procps

# B is the build directory: build/ normally, build/san for the sanitizers.
B        = build
BIN      = bin
OBJS     = $(MODULES:%=$(B)/%.o) $(B)/holidays_cn.o $(B)/profiles.o
PROGS    = $(TOOLS:%=$(BIN)/rexian-%) $(BIN)/rexian $(BIN)/rexian-report

all: $(PROGS)

$(B)/%.o: src/%.c include/*.h | $(B)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WARN) -c -o $@ $<

# the shipped holiday calendar, compiled into the binaries (generated once,
# for every build directory)
HOLIDAYS_C = build/gen/holidays_cn.c
$(HOLIDAYS_C): data/holidays-cn.csv
	@mkdir -p build/gen
	{ printf 'const char holidays_cn_csv[] =\n'; \
	  sed 's/.*/"&\\n"/' $<; \
	  printf ';\n#include <stddef.h>\nconst size_t holidays_cn_csv_len = sizeof(holidays_cn_csv) - 1;\n'; } > $@

$(B)/holidays_cn.o: $(HOLIDAYS_C) | $(B)
	$(CC) $(CFLAGS) -c -o $@ $<

# the built-in profiles (rexian-ingest --profile NAME), compiled in
PROFILES   = $(sort $(wildcard data/profiles/*.profile))
PROFILES_C = build/gen/profiles.c
$(PROFILES_C): $(PROFILES)
	@mkdir -p build/gen
	{ printf '#include <stddef.h>\nconst char *const profile_builtin_name[] = {\n'; \
	  for f in $(PROFILES); do printf '"%s",\n' "$$(basename $$f .profile)"; done; \
	  printf 'NULL\n};\nconst char *const profile_builtin_text[] = {\n'; \
	  for f in $(PROFILES); do printf '""\n'; \
	    sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&\\n"/' $$f; printf ',\n'; done; \
	  printf 'NULL\n};\n'; } > $@

$(B)/profiles.o: $(PROFILES_C) | $(B)
	$(CC) $(CFLAGS) -c -o $@ $<

# tools link the modules from an archive, taking only what they use, and
# --as-needed keeps ingest from loading pango it never calls
$(B)/librexian.a: $(OBJS)
	rm -f $@ && ar rcs $@ $^

# a tool's own binary: its entry (tools.h) called from main.c
$(B)/main-%.o: src/main.c include/tools.h | $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -DTOOL_MAIN=$*_main -c -o $@ $<

$(BIN)/rexian-%: $(B)/rexian-%.o $(B)/main-%.o $(B)/librexian.a | $(BIN)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--as-needed -o $@ $^ $(LDLIBS)

# rexian: every tool and their chains (rexian-chart it runs as a program)
$(BIN)/rexian: $(B)/rexian.o $(filter-out $(B)/rexian-chart.o,$(TOOLS:%=$(B)/rexian-%.o)) \
    $(B)/librexian.a | $(BIN)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--as-needed -o $@ $^ $(LDLIBS)

$(BIN)/rexian-report: src/rexian-report.sh | $(BIN)
	sed 's/@VERSION@/$(VERSION)/' $< > $@ && chmod +x $@

$(B) $(BIN):
	mkdir -p $@

# deps: install whichever Debian packages are missing (root, apt-get).
deps:
	@missing=$$(for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# libFuzzer harnesses (tests/fuzz): `make fuzz` runs each for FUZZ_SECONDS
# on a copy of its seed corpus; `make test` replays the committed corpus and
# runs each for FUZZ_RUNS executions from a fixed seed.  The replays
# (build/fuzz) link the sanitized archive; `make fuzz` links one built with
# libFuzzer's coverage hooks too (build/fuzzcov), which guide its
# mutations but would make the sanitized tools twice as slow.  Leak checks
# are off for them: some harnesses' code still ends in die(), which they
# longjmp out of (see util.h).
FUZZERS      = csv time header counts periods gb18030 profile xlsx
FUZZ_SECONDS = 60
FUZZ_RUNS    = 500
FUZZ_BIN     = $(FUZZERS:%=build/fuzz/fuzz_%)

UNIT = $(patsubst tests/unit/%.c,$(B)/unit/%,$(wildcard tests/unit/*.c))

$(B)/unit/%: tests/unit/%.c $(B)/librexian.a | $(B)
	@mkdir -p $(B)/unit
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(WARN) -o $@ $^ $(LDLIBS)

# RUN_OPTS: the runner's options; under sanitize no fuzzers (they are
# built with ASan and UBSan already, and the normal pass runs them).
# MARKED: --marked-scripts in make check's normal pass (see check)
RUN_OPTS = --fuzz build/fuzz --fuzz-runs $(FUZZ_RUNS)
test: all $(UNIT) $(FUZZ_BIN)
	python3 tests/run.py --bin $(BIN) --unit $(B)/unit $(RUN_OPTS) $(MARKED)

# the same suite built by clang with AddressSanitizer and
# UndefinedBehaviorSanitizer, warnings as errors.  Leaks are checked in
# every golden case that succeeds and every unit test, which between them
# take every option's path; the script tests, which run the tools
# thousands of times on the same paths, skip the leak check's 35 ms and
# more per run.  This one sanitized archive is also the one the fuzz
# harnesses' replays link.
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all
SAN_MAKE = $(MAKE) B=build/san BIN=build/san/bin CC=clang \
           CFLAGS='$(SANFLAGS)' LDFLAGS='$(SANFLAGS)'

# rexian-report's charts are the plain build's there
# (REXIAN_PLAIN_CHART: a folder of the sanitized tools but rexian-chart,
# the plain build's, which rexian-report takes as the tools beside it): a
# report's six charts and report.pdf cost 4 s under the sanitizers against
# 1.2, the PDFs' CJK font subsetting in cairo, and the chart-* scripts and
# golden chart cases run the sanitized rexian-chart on the same kinds, zh
# labels, PDFs and --flow.
PLAIN_CHART = build/san/plain-chart
$(PLAIN_CHART)/rexian-chart: $(BIN)/rexian-chart
	mkdir -p $(@D)
	for t in $(filter-out rexian-chart,$(notdir $(PROGS))); do ln -sf ../bin/$$t $(@D)/$$t; done
	ln -sf $(CURDIR)/$< $@

# The other side of a differential (chain.sh's pipe, --jobs 1 in
# chain-jobs and ingest-jobs) is the plain build's too, REXIAN_PLAIN, as
# under ThreadSanitizer (see tsan): its bytes are what is compared, and its
# one-thread paths are the sanitizers' in the golden cases and the other
# scripts.  A report names ten frames of where the memory was allocated
# and freed, not thirty: unwinding them on every malloc cost the sanitized
# tools 15-20% (pango's and cairo's mallocs most).
sanitize: all $(PLAIN_CHART)/rexian-chart build/san/librexian.a
	+REXIAN_SANITIZED=1 REXIAN_PLAIN=$(CURDIR)/$(BIN) REXIAN_PLAIN_CHART=$(CURDIR)/$(PLAIN_CHART) \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:malloc_context_size=10 \
	  UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(SAN_MAKE) FUZZ_BIN= RUN_OPTS=--no-script-leaks MARKED= test

# the threaded paths under ThreadSanitizer: rexian-ingest --jobs (a thread
# splits records while the first checks and writes them) and rexian's
# chain (threads cut, check and count chunks while the first takes them in
# order; the whole tree, which rexian links).  What runs one thread
# (rexian-synth, whose dumps do not depend on the build, and the --jobs 1
# runs the threaded ones are compared with) is the plain build's, on PATH
# after it and named by REXIAN_PLAIN: ThreadSanitizer has nothing to check
# there, and it costs five times the plain tools' time.  chain-jobs
# compares --jobs 1 with 3 only there, on its smaller dumps (REXIAN_TSAN).
TSANFLAGS   = -O1 -g -fsanitize=thread
tsan: $(BIN)/rexian-ingest $(BIN)/rexian-synth $(BIN)/rexian
	$(MAKE) B=build/tsan BIN=build/tsan/bin CFLAGS='$(TSANFLAGS)' LDFLAGS='$(TSANFLAGS)' \
	  build/tsan/bin/rexian-ingest build/tsan/bin/rexian
	PATH="$(CURDIR)/$(BIN):$$PATH" REXIAN_PLAIN=$(CURDIR)/$(BIN) REXIAN_TSAN=1 \
	  TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	  python3 tests/run.py --bin build/tsan/bin ingest-jobs chain-jobs

# clang's warnings, as errors (check has them from the sanitized build;
# -O0: clang's warnings come from the front end, the same at every level)
clang:
	$(MAKE) B=build/clang BIN=build/clang/bin CC=clang CFLAGS=-O0 all

# the builds use every core; tests/run.py runs the cases on every core too.
# The three passes run side by side, each one's output kept together: one
# after another, each one's end (its last cases, its links) left a core
# idle.  Both the normal pass's fuzz harnesses and the sanitized pass take
# build/san/librexian.a, which this make builds once before either.
JOBS = $(shell nproc 2>/dev/null || echo 2)
#
# The script tests run once, in the sanitizers' pass, whose tools give the
# plain build's bytes and catch what it would hide; in the normal pass only
# those marked to run on the plain build too (tests/run.py), its golden
# cases pinning every option's bytes.  `make test` runs them all.
check: deps
	$(MAKE) -j$(JOBS) -Otarget test sanitize tsan MARKED=--marked-scripts

# the harnesses link the sanitized archive (see sanitize), built by a make
# of its own; that make knows when it is up to date
ifneq ($(B),build/san)
build/san/librexian.a: FORCE
	+$(SAN_MAKE) build/san/librexian.a
endif

ifneq ($(B),build/fuzzcov)
build/fuzzcov/librexian.a: FORCE
	+$(MAKE) B=build/fuzzcov CC=clang CFLAGS='$(SANFLAGS) -fsanitize=fuzzer-no-link' $@
endif

FUZZ_LINK = clang $(SANFLAGS) -fsanitize=fuzzer $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) -Itests \
	  -o $@ $^ $(LDLIBS)
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/san/librexian.a
	@mkdir -p $(@D)
	$(FUZZ_LINK)
build/fuzzcov/fuzz_%: tests/fuzz/fuzz_%.c build/fuzzcov/librexian.a
	@mkdir -p $(@D)
	$(FUZZ_LINK)

fuzz: $(FUZZERS:%=build/fuzzcov/fuzz_%)
	@for f in $(FUZZERS); do \
	  mkdir -p build/fuzzcov/corpus-$$f && cp -n tests/fuzz/corpus/$$f/* build/fuzzcov/corpus-$$f/; \
	  ASAN_OPTIONS=detect_leaks=0 \
	  build/fuzzcov/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -detect_leaks=0 \
	    -artifact_prefix=build/fuzzcov/crash-$$f- build/fuzzcov/corpus-$$f 2>&1 | tail -3; \
	done

# optional: our workbooks and BOM CSVs opened by LibreOffice, DuckDB, pandas
check-office: deps all
	sh tests/office/check-office.sh

valgrind: all $(UNIT)
	python3 tests/run.py --bin $(BIN) --unit $(B)/unit --valgrind

demo: deps all
	sh samples/demo.sh

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/man/man7
	cp $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	cp man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	cp man/*.7 $(DESTDIR)$(PREFIX)/share/man/man7/

clean:
	rm -rf build bin

.PHONY: FORCE all deps clang test sanitize tsan check check-office valgrind demo install clean fuzz
.SECONDARY:
