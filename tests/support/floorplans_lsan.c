/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * floorplans_lsan.c — LeakSanitizer suppressions for the libraries that
 * render text (linked into every test; used only by sanitizer builds).
 *
 * fontconfig keeps its configuration and pattern caches for the life of the
 * process and drops its last pointers to some of them when librsvg or pango
 * first loads fonts: LSan reports those as leaks at exit although nothing of
 * ours is lost. Only allocations made inside libfontconfig are suppressed;
 * a leak of our own still fails the test. `make check-asan` also passes
 * tests/lsan.supp; this default covers a test binary run by hand.
 */
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
