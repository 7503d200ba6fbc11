# notspot — Wi-Fi not-spot mapper for hospital buildings.
#
#   make          build ./notspot (installs missing Debian libraries first)
#   make demo     build and run the demo on the bundled example floor
#   make check    unit tests, then the same tests under ASan+UBSan, fuzz smoke
#                 runs and the end-to-end tests (installs test tools first)
#   make bench    benchmarks; print figures, assert nothing about time
#   make asan     build the sanitizer variant of the binary and tests
#   make install  PREFIX=/usr/local DESTDIR=
#   make V=1      show the commands
#
# Every library comes from pkg-config. Sources are found by wildcard: a new
# module file needs no Makefile edit; a new test is tests/test_NAME.c.

PREFIX  ?= /usr/local
DESTDIR ?=
DATADIR ?= $(PREFIX)/share/notspot
BUILD   ?= build
CC      ?= cc

# The first rule below is the config file's; the goal of a bare `make` is `all`.
.DEFAULT_GOAL := all

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Libraries of the product. GTK is linked into the walker only (see WALKER_*).
PKGS        := libnl-genl-3.0 libnl-route-3.0 libpcap cairo cairo-pdf cairo-svg cairo-png \
               libpng sqlite3 jansson poppler-glib librsvg-2.0 gdk-pixbuf-2.0 pangocairo libzip
GUI_PKGS    := gtk4
TEST_PKGS   := cmocka

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 -Wpointer-arith \
           -Wmissing-prototypes -Wno-missing-field-initializers -Wvla
CSTD    := -std=gnu11
OPT     ?= -O2 -g
CFLAGS  ?=
LDFLAGS ?=

# Configuration is computed once per build dir. Making it installs missing
# libraries through the project's own script, so a fresh Debian needs no step
# by hand. Goals that only delete or describe skip it.
CONFIG := $(BUILD)/config.mk
NOCONFIG_GOALS := clean distclean help deps
ifneq ($(filter-out $(NOCONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
-include $(CONFIG)
endif

$(CONFIG): scripts/install-deps.sh Makefile
	@mkdir -p $(@D)
	@pkg-config --exists $(PKGS) $(GUI_PKGS) 2>/dev/null && test -f /usr/include/iperf_api.h \
		|| scripts/install-deps.sh build
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS)) -liperf -lm"; \
	   echo "GUI_CFLAGS := $$(pkg-config --cflags $(GUI_PKGS))"; \
	   echo "GUI_LIBS := $$(pkg-config --libs $(GUI_PKGS))"; } > $@.tmp && mv $@.tmp $@

ALL_CFLAGS = $(CSTD) $(OPT) $(WARN) -I. $(PKG_CFLAGS) -MMD -MP \
             -DNOTSPOT_SOURCE_DIR='"$(CURDIR)"' -DNOTSPOT_INSTALL_DATA_DIR='"$(DATADIR)"' $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS)

# ---- sources ---------------------------------------------------------------
LIB_DIRS  := util measure floorplans survey scanner recorder sim heatmap formats walker
LIB_SRCS  := $(sort $(wildcard $(addsuffix /*.c,$(LIB_DIRS))))
GUI_SRCS  := $(sort $(wildcard walker/gui/*.c))
CLI_SRCS  := $(sort $(wildcard cli/*.c))
TEST_SRCS := $(sort $(wildcard tests/test_*.c))
TEST_SUPPORT_SRCS := $(sort $(wildcard tests/support/*.c))
BENCH_SRCS := $(sort $(wildcard tests/bench/*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
LIB_OBJS  := $(call obj,$(LIB_SRCS))
GUI_OBJS  := $(call obj,$(GUI_SRCS))
CLI_OBJS  := $(call obj,$(CLI_SRCS))
TEST_SUPPORT_OBJS := $(call obj,$(TEST_SUPPORT_SRCS))
TEST_BINS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
BENCH_BINS := $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))
LIBNS     := $(BUILD)/libnotspot.a

.PHONY: all demo check check-unit check-asan check-e2e check-fuzz fuzz-build fuzz-bins bench asan \
        install clean distclean help deps test-deps tests

all: notspot

notspot: $(BUILD)/notspot
	$(Q)cp $< $@

$(BUILD)/notspot: $(CLI_OBJS) $(GUI_OBJS) $(LIBNS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJS) $(GUI_OBJS) $(LIBNS) $(ALL_LDFLAGS) $(PKG_LIBS) $(GUI_LIBS)

$(LIBNS): $(LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/walker/gui/%.o: walker/gui/%.c $(CONFIG)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(GUI_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c $(CONFIG)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $$(pkg-config --cflags $(TEST_PKGS)) -c -o $@ $<

$(BUILD)/%.o: %.c $(CONFIG)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_SUPPORT_OBJS) $(LIBNS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS) $$(pkg-config --libs $(TEST_PKGS))

$(BUILD)/bench/%: $(BUILD)/tests/bench/%.o $(TEST_SUPPORT_OBJS) $(LIBNS)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

# ---- set-up ------------------------------------------------------------------
deps:
	$(Q)scripts/install-deps.sh all

test-deps:
	$(Q)scripts/install-deps.sh test

# ---- demo --------------------------------------------------------------------
DEMO_DIR ?= demo-out
demo: notspot
	$(Q)./notspot demo -o $(DEMO_DIR)

# ---- tests -------------------------------------------------------------------
tests: $(TEST_BINS) notspot

# Unit and integration tests: each test binary runs with the source tree as
# its working directory so golden files are found by relative path. The
# layering check runs first: an include against the grain fails the suite.
check-unit: test-deps
	$(Q)sh scripts/check-layers.sh
	$(Q)$(MAKE) --no-print-directory tests
	$(Q)scripts/run-tests.sh "$(BUILD)" $(TEST_BINS)

# The same tests with AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: test-deps
	$(Q)$(MAKE) --no-print-directory asan
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		scripts/run-tests.sh "$(BUILD)-asan" $(patsubst $(BUILD)/%,$(BUILD)-asan/%,$(TEST_BINS))

asan:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)-asan CC=clang \
		OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
		$(BUILD)-asan/notspot $(patsubst $(BUILD)/%,$(BUILD)-asan/%,$(TEST_BINS))

check-fuzz: test-deps
	$(Q)scripts/run-fuzz.sh smoke

# libFuzzer targets, built with ASan+UBSan in their own build dir.
FUZZ_BINS = $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRCS))
fuzz-build:
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
		OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined" \
		fuzz-bins
fuzz-bins: $(FUZZ_BINS)
$(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/%.o $(LIBNS)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

check-e2e: test-deps notspot
	$(Q)scripts/run-e2e.sh

# Every suite runs even when an earlier one failed, so one run shows all that
# is wrong; the last line is the total over all suites.
check: test-deps
	$(Q)rm -f $(BUILD)/check-summary; mkdir -p $(BUILD); rc=0; \
	for s in check-unit check-asan check-fuzz check-e2e; do \
		$(MAKE) --no-print-directory $$s || rc=1; \
	done; \
	awk '{p+=$$1; f+=$$2; s+=$$3} END {printf "check: %d passed, %d failed, %d skipped\n", p, f, s}' \
		$(BUILD)/check-summary; \
	exit $$rc

bench: $(BENCH_BINS) notspot
	$(Q)for b in $(BENCH_BINS); do echo "== $$b"; $$b || exit 1; done

# ---- install / clean -----------------------------------------------------------
# The binary, and the example floor, APs and routes that `notspot demo` uses.
install: notspot
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/floorplans/examples \
		$(DESTDIR)$(DATADIR)/sim/examples
	install -m 0755 notspot $(DESTDIR)$(PREFIX)/bin/notspot
	install -m 0644 floorplans/examples/*.svg floorplans/examples/*.json \
		$(DESTDIR)$(DATADIR)/floorplans/examples/
	install -m 0644 sim/examples/*.json $(DESTDIR)$(DATADIR)/sim/examples/

clean:
	rm -rf $(BUILD) $(BUILD)-asan build-fuzz notspot $(DEMO_DIR)

distclean: clean

help:
	@sed -n '2,13p' Makefile | sed 's/^# \{0,1\}//'

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
