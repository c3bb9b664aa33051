# Makefile - builds libcleanclaim, the cleanclaim command, tests and benchmarks.
# Two commands do all the set-up: `make demo` and `make test` (see README.md).

CC      ?= cc
OPT     ?= -O2
CSTD    := -std=c17
WARN    := -Wall -Wextra -Wshadow -Wno-unused-parameter
DEFS    := -D_GNU_SOURCE
PKGS    := sqlite3 xlsxwriter
# libharu (PDF) ships no pkg-config file: its header stands in for it.
DEPS_OK := $(shell pkg-config --exists $(PKGS) 2>/dev/null && test -f /usr/include/hpdf.h && echo yes)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

B       ?= build
CFLAGS_ALL = $(CSTD) $(OPT) -g $(WARN) $(DEFS) $(EXTRA_CFLAGS)
LIB_INC  := -Iinclude -Isrc
# Front ends see only the public headers: including a private *_int.h from
# src/cli or src/server fails to compile, which keeps domain rules in the library.
FRONT_INC := -Iinclude

MODULES := core x12 codes store import claims scrub remit elig ledger billing queue report auth payersim demo
LIB_SRC := $(foreach m,$(MODULES),$(wildcard src/$(m)/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
CLI_SRC := $(wildcard src/cli/*.c)
CLI_OBJ := $(CLI_SRC:%.c=$(B)/%.o)
SRV_SRC := $(wildcard src/server/*.c)
SRV_OBJ := $(SRV_SRC:%.c=$(B)/%.o)
LIB     := $(B)/libcleanclaim.a
BIN     := $(B)/cleanclaim
LDLIBS  = $(PKG_LIBS) -lhpdf -lm -lpthread

TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
BENCH_SRC := $(wildcard bench/bench_*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

.PHONY: all deps test unit check bench demo fuzz tables tables-check clean san

all: deps $(BIN) $(TEST_BIN)

# Install what is missing (Debian packages), only when something is missing.
deps:
ifneq ($(DEPS_OK),yes)
	scripts/install-deps
endif

$(B)/src/cli/%.o: src/cli/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(FRONT_INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@
$(B)/src/server/%.o: src/server/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(FRONT_INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@
$(B)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LIB_INC) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(SRV_OBJ) $(LIB)
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(SRV_OBJ) $(LIB) $(LDLIBS)

# Unit tests may use private headers (like SQLite's test harness). -MMD
# records the headers each one includes, so editing one rebuilds its tests.
$(B)/tests/%: tests/unit/%.c $(LIB) tests/unit/test.h tests/unit/test_sql.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LIB_INC) -Itests/unit $(PKG_CFLAGS) -MMD -MP -o $@ $< $(LIB) $(LDLIBS)

$(B)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LIB_INC) $(PKG_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# ---- generated tables --------------------------------------------------
$(B)/tools/gen_x12_tables: tools/gen_x12_tables.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(WARN) -o $@ $<

tables: $(B)/tools/gen_x12_tables
	$(B)/tools/gen_x12_tables spec/x12 > src/x12/x12_tables.c.tmp && mv src/x12/x12_tables.c.tmp src/x12/x12_tables.c

tables-check: $(B)/tools/gen_x12_tables
	@$(B)/tools/gen_x12_tables spec/x12 | cmp -s - src/x12/x12_tables.c \
	  && echo "ok - generated x12 tables match spec/x12" \
	  || { echo "not ok - src/x12/x12_tables.c is stale: run make tables"; exit 1; }

# ---- tests ---------------------------------------------------------------
# Everything, then the unit tests again under ASan+UBSan; tests/run prints
# the closing "N passed, N failed" line.
test: all
	@$(MAKE) --no-print-directory san
	@tests/run $(B) build-san

unit: all
	@tests/run $(B)

san:
	@$(MAKE) --no-print-directory B=build-san OPT=-O1 \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS_EXTRA= build-san/cleanclaim $(TEST_BIN:$(B)/%=build-san/%)

check: test

# ---- fuzzing (libFuzzer, clang) ------------------------------------------
# `make fuzz` builds each fuzz/fuzz_*.c with libFuzzer and runs it for
# FUZZ_SECONDS (default 60). The replay driver runs every corpus file through
# every target without libFuzzer; tests/run calls it, so `all` builds it.
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
# The parse target also runs the validator once the tree has one.
FUZZ_DEFS := $(if $(shell grep -ls '^cc_code cc_x12_validate_mem' src/x12/*.c),-DFUZZ_HAVE_VALIDATE)
fuzz:
	@scripts/fuzz $(FUZZ_SECONDS)

all: $(B)/tests/fuzz_replay
$(B)/tests/fuzz_replay: tests/unit/fuzz_replay.c $(FUZZ_SRC) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LIB_INC) -Ifuzz $(FUZZ_DEFS) $(PKG_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# ---- benchmarks: bench/run makes the data with gen_x12, then runs bench_* --
bench: all $(BENCH_BIN) $(B)/bench/gen_x12
	@bench/run $(B)

demo: all
	@scripts/demo $(B)

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(SRV_OBJ:.o=.d) $(TEST_BIN:=.d)
