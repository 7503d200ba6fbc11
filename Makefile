# SPDX-License-Identifier: GPL-3.0-or-later
# notspot — Wi-Fi not-spot mapper for hospital buildings.
#
#   make          build ./notspot, ./notspot-walker, the man pages and the
#                 bash completion (never installs anything: a missing library
#                 stops it with the command that installs it)
#   make deps     install the missing Debian packages (apt-get; as root or with sudo)
#   make demo     install what is missing, build, run the demo on the bundled example floor
#   make check    install what is missing, then unit tests, the same under ASan+UBSan,
#                 fuzz smoke runs and the end-to-end tests
#   make bench    benchmarks; print figures, assert nothing about time
#   make fuzz-long   every fuzz target for 300 s (FUZZ_SECONDS), not part of check
#   make asan     build the sanitizer variant of the binaries and tests
#   make install  prefix=/usr/local DESTDIR= (bindir, libexecdir, datadir, mandir: GNU names)
#   make install-caps   give the installed binaries CAP_NET_ADMIN and CAP_NET_RAW (setcap, as root)
#   make uninstall
#   make package  the Debian packages (dpkg-buildpackage -us -uc -b) in build/package/
#   make V=1      show the commands
#
# Every library comes from pkg-config. Sources are found by wildcard: a new
# module file needs no Makefile edit; a new test is tests/test_NAME.c.
# CPPFLAGS, CFLAGS and LDFLAGS from the environment or the command line (a
# distribution's hardening flags) reach every compile and link.

# Install layout (GNU names). PREFIX is the older spelling of prefix.
# notspot finds its data and its walker from its own place (util/datadir.h):
# keep bindir, libexecdir and datadir under one prefix, or set NOTSPOT_DATA_DIR.
PREFIX      ?= /usr/local
prefix      ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir      ?= $(exec_prefix)/bin
libexecdir  ?= $(exec_prefix)/libexec
datarootdir ?= $(prefix)/share
datadir     ?= $(datarootdir)
mandir      ?= $(datarootdir)/man
man1dir     ?= $(mandir)/man1
bashcompdir ?= $(datarootdir)/bash-completion/completions
pkgdatadir    = $(datadir)/notspot
pkglibexecdir = $(libexecdir)/notspot
DESTDIR ?=
INSTALL ?= install
INSTALL_PROGRAM ?= $(INSTALL)
INSTALL_DATA    ?= $(INSTALL) -m 0644
SETCAP  ?= setcap
BUILD   ?= build
CC      ?= cc

# The walker's desktop id: data/$(APP_ID).desktop, .svg, .metainfo.xml (cli/walker_exec.h).
APP_ID  := org.notspot.Walker

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
CPPFLAGS ?=
CFLAGS  ?=
LDFLAGS ?=

# Configuration is computed once per build dir, from pkg-config. It installs
# nothing: a missing library stops the build with one sentence naming what is
# missing and the command that installs it (`make deps`). Goals that only
# delete, describe or install packages skip it; demo and check install what is
# missing first and then build in a second make.
CONFIG := $(BUILD)/config.mk
NOCONFIG_GOALS := clean distclean help deps test-deps package uninstall install-caps check-spdx
# Goals that install the missing build dependencies before configuring.
DEPS_GOALS := demo check
ifneq ($(filter-out $(NOCONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
-include $(CONFIG)
endif

$(CONFIG): Makefile
	@mkdir -p $(@D)
	$(Q)$(if $(filter $(DEPS_GOALS),$(MAKECMDGOALS)),scripts/install-deps.sh build,:)
	@command -v pkg-config >/dev/null 2>&1 || { \
		echo "notspot: pkg-config is not installed; run 'make deps' (as root, or with sudo) to install the build dependencies" >&2; \
		exit 1; }
	@missing=""; for m in $(PKGS) $(GUI_PKGS); do pkg-config --exists $$m || missing="$$missing $$m"; done; \
	 test -f /usr/include/iperf_api.h || missing="$$missing iperf3(libiperf-dev)"; \
	 if [ -n "$$missing" ]; then \
		echo "notspot: these libraries are missing (pkg-config modules):$$missing; run 'make deps' (as root, or with sudo) to install them" >&2; \
		exit 1; \
	 fi
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS)) -liperf -lm"; \
	   echo "GUI_CFLAGS := $$(pkg-config --cflags $(GUI_PKGS))"; \
	   echo "GUI_LIBS := $$(pkg-config --libs $(GUI_PKGS))"; } > $@.tmp && mv $@.tmp $@

ALL_CFLAGS = $(CSTD) $(OPT) $(WARN) -I. $(PKG_CFLAGS) -MMD -MP $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS)

# ---- sources ---------------------------------------------------------------
# Two programs: `notspot` (no GTK: it starts on a headless box) and
# `notspot-walker`, the GTK app, which `notspot walk` execs (cli/walker_exec.h).
# The walker's modes are the cli/ commands in WALKER_CMD_SRCS, linked into it
# only; the cli/ files that are not commands are shared through libnotspot-cli.a.
LIB_DIRS  := util measure floorplans survey scanner recorder sim heatmap formats walker
LIB_SRCS  := $(sort $(wildcard $(addsuffix /*.c,$(LIB_DIRS))))
GUI_SRCS  := $(sort $(wildcard walker/gui/*.c))
WALKER_CMD_SRCS := cli/cmd_walk.c cli/cmd_edit.c
WALKER_MAIN_SRCS := cli/walker_main.c
CLI_SRCS  := $(filter-out $(WALKER_CMD_SRCS) $(WALKER_MAIN_SRCS),$(sort $(wildcard cli/*.c)))
CLI_SUPPORT_SRCS := $(filter-out cli/cmd_%.c cli/main.c cli/walker_exec.c,$(CLI_SRCS))
TEST_SRCS := $(sort $(wildcard tests/test_*.c))
TEST_SUPPORT_SRCS := $(sort $(wildcard tests/support/*.c))
BENCH_SRCS := $(sort $(wildcard tests/bench/*.c))
BENCH_LIB_SRCS := $(sort $(wildcard tests/bench/lib/*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
LIB_OBJS  := $(call obj,$(LIB_SRCS))
GUI_OBJS  := $(call obj,$(GUI_SRCS))
CLI_OBJS  := $(call obj,$(CLI_SRCS))
WALKER_OBJS := $(call obj,$(WALKER_MAIN_SRCS) $(WALKER_CMD_SRCS))
TEST_SUPPORT_OBJS := $(call obj,$(TEST_SUPPORT_SRCS))
BENCH_LIB_OBJS := $(call obj,$(BENCH_LIB_SRCS))
TEST_BINS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
BENCH_BINS := $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(BENCH_SRCS))
LIBNS     := $(BUILD)/libnotspot.a
LIBCLI    := $(BUILD)/libnotspot-cli.a

MAN_DIR   := $(BUILD)/man
MAN_STAMP := $(MAN_DIR)/notspot.1
COMPLETION := $(BUILD)/notspot.bash

.PHONY: all man completion demo check check-unit check-asan check-e2e check-fuzz check-spdx \
        fuzz-build fuzz-bins fuzz-long bench asan install install-caps uninstall package clean distclean \
        help deps test-deps tests test-unit

all: notspot notspot-walker man completion

notspot: $(BUILD)/notspot
	$(Q)cp $< $@

notspot-walker: $(BUILD)/notspot-walker
	$(Q)cp $< $@

$(BUILD)/notspot: $(CLI_OBJS) $(LIBNS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJS) $(LIBNS) $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/notspot-walker: $(WALKER_OBJS) $(GUI_OBJS) $(LIBCLI) $(LIBNS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(WALKER_OBJS) $(GUI_OBJS) $(LIBCLI) $(LIBNS) $(ALL_LDFLAGS) \
		$(PKG_LIBS) $(GUI_LIBS)

$(LIBCLI): $(call obj,$(CLI_SUPPORT_SRCS))
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

# Made from the --help texts by running the programs just built (scripts/gen-*.sh).
man: $(MAN_STAMP)
$(MAN_STAMP): $(BUILD)/notspot $(BUILD)/notspot-walker scripts/gen-man.sh scripts/help2roff.awk
	@echo "  MAN     $(MAN_DIR)/"
	$(Q)rm -rf $(MAN_DIR) && sh scripts/gen-man.sh $(BUILD)/notspot $(MAN_DIR)

completion: $(COMPLETION)
$(COMPLETION): $(BUILD)/notspot $(BUILD)/notspot-walker scripts/gen-completion.sh scripts/help-words.awk
	@echo "  GEN     $@"
	$(Q)sh scripts/gen-completion.sh $(BUILD)/notspot $@

$(LIBNS): $(LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/walker/gui/%.o: walker/gui/%.c $(CONFIG)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(GUI_CFLAGS) -c -o $@ $<

$(BUILD)/cli/walker_main.o: cli/walker_main.c $(CONFIG)
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

$(BUILD)/bench/%: $(BUILD)/tests/bench/%.o $(BENCH_LIB_OBJS) $(TEST_SUPPORT_OBJS) $(LIBNS)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

# ---- set-up ------------------------------------------------------------------
# The only goals that run apt-get (through scripts/install-deps.sh), with
# demo and check, which call it for what they need.
deps:
	$(Q)scripts/install-deps.sh all

test-deps:
	$(Q)scripts/install-deps.sh test

# ---- demo --------------------------------------------------------------------
DEMO_DIR ?= demo-out
# The example floor's survey, maps and report, then the example building: three
# levels calibrated and aligned, two walked, its overview (scripts/demo-building.sh).
demo: notspot
	$(Q)./notspot demo -o $(DEMO_DIR)
	$(Q)sh scripts/demo-building.sh ./notspot . $(DEMO_DIR)

# ---- tests -------------------------------------------------------------------
tests: $(TEST_BINS) notspot notspot-walker

# Unit and integration tests: each test binary runs with the source tree as
# its working directory so golden files are found by relative path. The
# layering and licence-header checks run first: an include against the grain
# or a file without its SPDX line fails the suite.
check-unit: test-deps
	$(Q)sh scripts/check-layers.sh
	$(Q)sh scripts/check-spdx.sh
	$(Q)$(MAKE) --no-print-directory test-unit

# The unit tests alone, installing nothing (the Debian package build runs these).
test-unit: tests
	$(Q)scripts/run-tests.sh "$(BUILD)" $(TEST_BINS)

check-spdx:
	$(Q)sh scripts/check-spdx.sh

# The same tests with AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: test-deps
	$(Q)$(MAKE) --no-print-directory asan
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		scripts/run-tests.sh "$(BUILD)-asan" $(patsubst $(BUILD)/%,$(BUILD)-asan/%,$(TEST_BINS))

asan:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)-asan CC=clang \
		OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
		$(BUILD)-asan/notspot $(BUILD)-asan/notspot-walker \
		$(patsubst $(BUILD)/%,$(BUILD)-asan/%,$(TEST_BINS))

check-fuzz: test-deps
	$(Q)scripts/run-fuzz.sh smoke

# Longer fuzzing, not part of check: 300 s a target (FUZZ_SECONDS to change).
fuzz-long: test-deps
	$(Q)scripts/run-fuzz.sh long

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

check-e2e: test-deps all
	$(Q)scripts/run-e2e.sh

# Builds inside check use every processor (JOBS, default nproc); the test,
# fuzz and e2e runners run as many at once.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)

# Every suite runs even when an earlier one failed, so one run shows all that
# is wrong; the last line is the total over all suites.
check: test-deps
	$(Q)rm -f $(BUILD)/check-summary; mkdir -p $(BUILD); rc=0; \
	for s in check-unit check-asan check-fuzz check-e2e; do \
		$(MAKE) --no-print-directory -j$(JOBS) $$s || rc=1; \
	done; \
	awk '{p+=$$1; f+=$$2; s+=$$3} END {printf "check: %d passed, %d failed, %d skipped\n", p, f, s}' \
		$(BUILD)/check-summary; \
	exit $$rc

bench: $(BENCH_BINS) notspot
	$(Q)for b in $(BENCH_BINS); do echo "== $$b"; $$b || exit 1; done

# ---- install -------------------------------------------------------------------
# The programs, the example floor, APs and routes that `notspot demo` and
# `notspot walk --simulate` use, the man pages, the bash completion, and the
# walker's desktop file, icon, AppStream metainfo and the survey file's MIME type.
# Nothing is stripped (a distribution strips into its debug packages).
EXAMPLE_DATA := $(wildcard floorplans/examples/*.svg floorplans/examples/*.json)
SIM_DATA     := $(wildcard sim/examples/*.json)
INSTALLED_FILES = $(bindir)/notspot $(pkglibexecdir)/notspot-walker \
	$(addprefix $(pkgdatadir)/,$(EXAMPLE_DATA) $(SIM_DATA)) \
	$(patsubst $(MAN_DIR)/%,$(man1dir)/%,$(wildcard $(MAN_DIR)/*.1)) \
	$(bashcompdir)/notspot $(datarootdir)/applications/$(APP_ID).desktop \
	$(datarootdir)/icons/hicolor/scalable/apps/$(APP_ID).svg \
	$(datarootdir)/metainfo/$(APP_ID).metainfo.xml $(datarootdir)/mime/packages/notspot.xml

install: all
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(pkglibexecdir) \
		$(DESTDIR)$(pkgdatadir)/floorplans/examples $(DESTDIR)$(pkgdatadir)/sim/examples \
		$(DESTDIR)$(man1dir) $(DESTDIR)$(bashcompdir) $(DESTDIR)$(datarootdir)/applications \
		$(DESTDIR)$(datarootdir)/icons/hicolor/scalable/apps $(DESTDIR)$(datarootdir)/metainfo \
		$(DESTDIR)$(datarootdir)/mime/packages
	$(INSTALL_PROGRAM) -m 0755 notspot $(DESTDIR)$(bindir)/notspot
	$(INSTALL_PROGRAM) -m 0755 notspot-walker $(DESTDIR)$(pkglibexecdir)/notspot-walker
	$(INSTALL_DATA) $(EXAMPLE_DATA) $(DESTDIR)$(pkgdatadir)/floorplans/examples/
	$(INSTALL_DATA) $(SIM_DATA) $(DESTDIR)$(pkgdatadir)/sim/examples/
	$(INSTALL_DATA) $(MAN_DIR)/*.1 $(DESTDIR)$(man1dir)/
	$(INSTALL_DATA) $(COMPLETION) $(DESTDIR)$(bashcompdir)/notspot
	sed 's|@pkglibexecdir@|$(pkglibexecdir)|g' data/$(APP_ID).desktop.in >$(BUILD)/$(APP_ID).desktop
	$(INSTALL_DATA) $(BUILD)/$(APP_ID).desktop $(DESTDIR)$(datarootdir)/applications/
	$(INSTALL_DATA) data/$(APP_ID).svg $(DESTDIR)$(datarootdir)/icons/hicolor/scalable/apps/
	$(INSTALL_DATA) data/$(APP_ID).metainfo.xml $(DESTDIR)$(datarootdir)/metainfo/
	$(INSTALL_DATA) data/notspot-mime.xml $(DESTDIR)$(datarootdir)/mime/packages/notspot.xml

# Scans need CAP_NET_ADMIN, monitor capture and raw ICMP CAP_NET_RAW: give the
# installed programs these instead of running them as root (README, Privileges).
# Run as root after `make install`; never run by the tests on the host.
install-caps:
	$(SETCAP) cap_net_admin,cap_net_raw+ep $(DESTDIR)$(bindir)/notspot
	$(SETCAP) cap_net_admin,cap_net_raw+ep $(DESTDIR)$(pkglibexecdir)/notspot-walker

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED_FILES)) $(DESTDIR)$(man1dir)/notspot.1 \
		$(DESTDIR)$(man1dir)/notspot-*.1
	-rmdir $(DESTDIR)$(pkgdatadir)/floorplans/examples $(DESTDIR)$(pkgdatadir)/sim/examples \
		$(DESTDIR)$(pkgdatadir)/floorplans $(DESTDIR)$(pkgdatadir)/sim $(DESTDIR)$(pkgdatadir) \
		$(DESTDIR)$(pkglibexecdir) 2>/dev/null

# ---- Debian packages ------------------------------------------------------------
# notspot_*.deb and notspot-walker_*.deb from debian/, built in a copy of the
# tree under $(PACKAGE_DIR) (dpkg-buildpackage cleans its tree and writes to
# the parent directory), then checked with lintian. Takes a few minutes.
PACKAGE_DIR ?= $(BUILD)/package
PKG_VERSION = $(shell dpkg-parsechangelog -S Version)
package:
	$(Q)scripts/install-deps.sh package
	$(Q)rm -rf $(PACKAGE_DIR) && mkdir -p $(PACKAGE_DIR)/notspot-$(PKG_VERSION)
	$(Q)tar -cf - --exclude=./.git --exclude='./build*' --exclude=./notspot --exclude=./notspot-walker \
		--exclude=./$(DEMO_DIR) . | tar -xf - -C $(PACKAGE_DIR)/notspot-$(PKG_VERSION)
	$(Q)cd $(PACKAGE_DIR)/notspot-$(PKG_VERSION) && dpkg-buildpackage -us -uc -b
	$(Q)lintian --info $(PACKAGE_DIR)/notspot_$(PKG_VERSION)_$$(dpkg --print-architecture).changes
	$(Q)ls -l $(PACKAGE_DIR)/*.deb

# ---- clean -----------------------------------------------------------------------
clean:
	rm -rf $(BUILD) $(BUILD)-asan build-fuzz notspot notspot-walker $(DEMO_DIR)

distclean: clean

help:
	@sed -n '3,21p' Makefile | sed 's/^# \{0,1\}//'

# Objects are kept between runs, not removed as intermediate files.
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
