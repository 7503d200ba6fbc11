/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk_gui.c — the walker's window. Large type and strong contrast, so it
 * reads on a laptop carried down a corridor; warnings as full-width banners
 * that cannot be missed; every action on a key as well as a button.
 */
#include "walker/gui/walk_gui.h"

#include <errno.h>
#include <glib-unix.h>
#include <gtk/gtk.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "floorplans/geometry.h"
#include "util/clock.h"
#include "walker/gui/live_heat.h"
#include "walker/gui/map_view.h"
#include "util/mac.h"

#define TICK_MS 100

struct gui {
	const struct walk_gui_opts *o;
	bool running;
	GtkWidget *win;
	struct map_view *map;
	guint timer, sigint, sigterm;

	GtkWidget *banner_box;
	GtkWidget *banner[5];
	GtkWidget *status_box, *state_lbl, *state_hint, *progress, *pace_lbl;
	GtkWidget *sig_lbl, *sig_caption;
	GtkWidget *val_ssid, *val_bssid, *val_ap, *val_chan, *val_snr, *val_rate, *val_scan,
		*val_samples, *val_points;
	int stop_rc;               /* walk_source_stop() when the window went */
	struct ns_err stop_err;
	GtkWidget *val_tput, *val_rtt;   /* NULL when the source runs no such tests */
	GtkWidget *pause_btn, *undo_btn;
	GtkWidget *where_lbl;
	GtkWidget *ward_dd;
	struct live_heat *heat;
	int64_t heat_placed;       /* placed samples when the last rebuild was asked for */
	int64_t heat_asked_us;
	char heat_ssid[33];
	char last_error[600];
	int64_t last_error_us;
};

static const char *css =
	"window.notspot-walk { background: #1d2126; }\n"
	".panel { background: #111418; color: #f5f7fa; padding: 18px 20px; }\n"
	".panel-bg { background: #111418; }\n"
	".caption { font-size: 10.5pt; font-weight: 800; color: #9fb0c0; letter-spacing: 1px; }\n"
	".value { font-size: 17pt; font-weight: 700; color: #ffffff; }\n"
	".value.small { font-size: 13pt; }\n"
	".mono { font-family: monospace; }\n"
	".bigsig { font-size: 54pt; font-weight: 900; }\n"
	".sig-good { color: #4cd964; } .sig-fair { color: #b5e655; } .sig-weak { color: #ffd23f; }\n"
	".sig-poor { color: #ff9432; } .sig-bad { color: #ff4d4d; } .sig-none { color: #8a96a3; }\n"
	".section { font-size: 10.5pt; font-weight: 800; color: #6fb3ff; letter-spacing: 1px;"
	"  margin-top: 12px; }\n"
	".banner { padding: 10px 20px; font-size: 19pt; font-weight: 900; color: #ffffff;"
	"  background: #c4161c; }\n"
	".banner.amber { background: #ffb300; color: #111111; }\n"
	".status { background: #0b4f9c; color: #ffffff; padding: 10px 20px; }\n"
	".status.measuring { background: #d35400; }\n"
	".status.ready { background: #1e7b34; }\n"
	".status.paused { background: #4a4f55; }\n"
	".status.finished { background: #2d3436; }\n"
	".state { font-size: 22pt; font-weight: 900; }\n"
	".hint { font-size: 14pt; font-weight: 600; }\n"
	".pace { font-size: 14pt; font-weight: 700; }\n"
	"progressbar trough { min-height: 16px; border-radius: 8px; background: rgba(255,255,255,0.25); }\n"
	"progressbar progress { min-height: 16px; border-radius: 8px; background: #ffffff; }\n"
	"headerbar { min-height: 54px; }\n"
	"headerbar button { font-size: 13pt; font-weight: 700; padding: 6px 14px; }\n"
	"headerbar .title { font-size: 13pt; font-weight: 800; }\n"
	"button.finish { background: #c4161c; color: #ffffff; }\n"
	".legend { font-size: 11.5pt; font-weight: 600; }\n"
	".keys { font-size: 10.5pt; color: #9fb0c0; }\n";

/* ---- small builders ------------------------------------------------------------- */

static GtkWidget *label(const char *text, const char *classes)
{
	GtkWidget *l = gtk_label_new(text);

	gtk_label_set_xalign(GTK_LABEL(l), 0);
	if (classes) {
		gchar **cl = g_strsplit(classes, " ", -1);

		for (gchar **c = cl; *c; c++)
			gtk_widget_add_css_class(l, *c);
		g_strfreev(cl);
	}
	return l;
}

static GtkWidget *row(GtkWidget *grid, int r, const char *caption, const char *classes)
{
	GtkWidget *c = label(caption, "caption");
	GtkWidget *v = label("—", classes ? classes : "value");

	gtk_label_set_ellipsize(GTK_LABEL(v), PANGO_ELLIPSIZE_END);
	gtk_widget_set_valign(c, GTK_ALIGN_BASELINE);
	gtk_widget_set_valign(v, GTK_ALIGN_BASELINE);
	gtk_grid_attach(GTK_GRID(grid), c, 0, r, 1, 1);
	gtk_grid_attach(GTK_GRID(grid), v, 1, r, 1, 1);
	gtk_widget_set_hexpand(v, TRUE);
	return v;
}

static void set_label(GtkWidget *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_label(GtkWidget *l, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (strcmp(gtk_label_get_text(GTK_LABEL(l)), buf) != 0)
		gtk_label_set_text(GTK_LABEL(l), buf);
}

static void set_one_class(GtkWidget *w, const char *const *all, const char *on)
{
	for (const char *const *c = all; *c; c++)
		if (!on || strcmp(*c, on) != 0)
			gtk_widget_remove_css_class(w, *c);
	if (on)
		gtk_widget_add_css_class(w, on);
}

/* ---- actions ---------------------------------------------------------------------- */

static void note_error(struct gui *g, const char *what, const struct ns_err *e)
{
	snprintf(g->last_error, sizeof(g->last_error), "%s: %s", what, e->msg);
	g->last_error_us = ns_wall_us();
}

static void refresh(struct gui *g);

static void on_tap(void *arg, double x, double y)
{
	struct gui *g = arg;
	struct ns_err e = { 0 };

	if (walk_session_state(g->o->session) == WALK_FINISHED)
		return;
	if (walk_session_tap(g->o->session, x, y, ns_wall_us(), ns_mono_us(), &e) < 0)
		note_error(g, "tap not recorded", &e);
	refresh(g);
}

static void do_undo(struct gui *g)
{
	struct ns_err e = { 0 };

	if (walk_session_undo(g->o->session, ns_wall_us(), &e) < 0)
		note_error(g, "undo failed", &e);
	refresh(g);
}

static void do_pause(struct gui *g)
{
	struct ns_err e = { 0 };
	enum walk_state st = walk_session_state(g->o->session);
	int rc;

	if (st == WALK_FINISHED)
		return;
	if (st == WALK_PAUSED)
		rc = walk_session_continue(g->o->session, &e);
	else
		rc = walk_session_pause(g->o->session, ns_wall_us(), ns_mono_us(), &e);
	if (rc < 0)
		note_error(g, "cannot pause", &e);
	refresh(g);
}

static void do_finish(struct gui *g)
{
	struct ns_err e = { 0 };

	if (walk_session_tick(g->o->session, ns_wall_us(), ns_mono_us(), &e) < 0)
		ns_err_clear(&e); /* shown already; finishing matters more */
	if (walk_session_finish(g->o->session, ns_wall_us(), ns_mono_us(), &e) < 0) {
		note_error(g, "could not finish the walk", &e);
		refresh(g);
		return;
	}
	refresh(g);
	gtk_window_destroy(GTK_WINDOW(g->win));
}

static void undo_clicked(GtkButton *b, gpointer data) { (void)b; do_undo(data); }
static void pause_clicked(GtkButton *b, gpointer data) { (void)b; do_pause(data); }
static void finish_clicked(GtkButton *b, gpointer data) { (void)b; do_finish(data); }
static void fit_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	map_view_fit(((struct gui *)data)->map);
}

static gboolean key_pressed(GtkEventControllerKey *c, guint key, guint code, GdkModifierType mods,
			    gpointer data)
{
	struct gui *g = data;
	bool ctrl = mods & GDK_CONTROL_MASK;

	(void)c;
	(void)code;
	switch (key) {
	case GDK_KEY_z:
	case GDK_KEY_Z:
		if (!ctrl)
			return FALSE;
		do_undo(g);
		return TRUE;
	case GDK_KEY_BackSpace:
		do_undo(g);
		return TRUE;
	case GDK_KEY_p:
	case GDK_KEY_P:
	case GDK_KEY_space:
		do_pause(g);
		return TRUE;
	case GDK_KEY_Return:
	case GDK_KEY_KP_Enter:
		if (!ctrl)
			return FALSE;
		do_finish(g);
		return TRUE;
	case GDK_KEY_F10:
		do_finish(g);
		return TRUE;
	case GDK_KEY_plus:
	case GDK_KEY_equal:
	case GDK_KEY_KP_Add:
		map_view_zoom(g->map, 1.25);
		return TRUE;
	case GDK_KEY_minus:
	case GDK_KEY_KP_Subtract:
		map_view_zoom(g->map, 1 / 1.25);
		return TRUE;
	case GDK_KEY_0:
	case GDK_KEY_Home:
		map_view_fit(g->map);
		return TRUE;
	case GDK_KEY_Left: map_view_pan(g->map, 60, 0); return TRUE;
	case GDK_KEY_Right: map_view_pan(g->map, -60, 0); return TRUE;
	case GDK_KEY_Up: map_view_pan(g->map, 0, 60); return TRUE;
	case GDK_KEY_Down: map_view_pan(g->map, 0, -60); return TRUE;
	case GDK_KEY_F11:
		if (gtk_window_is_fullscreen(GTK_WINDOW(g->win)))
			gtk_window_unfullscreen(GTK_WINDOW(g->win));
		else
			gtk_window_fullscreen(GTK_WINDOW(g->win));
		return TRUE;
	default:
		return FALSE;
	}
}

static void ward_selected(GObject *dd, GParamSpec *ps, gpointer data)
{
	struct gui *g = data;
	guint i = gtk_drop_down_get_selected(GTK_DROP_DOWN(dd));

	(void)ps;
	map_view_select_ward(g->map, i == 0 || i == GTK_INVALID_LIST_POSITION ? -1 : (int)i - 1);
}

/* ---- the live refresh ----------------------------------------------------------------- */

static const char *sig_class(double dbm)
{
	if (isnan(dbm))
		return "sig-none";
	return dbm >= -65 ? "sig-good" : dbm >= -70 ? "sig-fair" : dbm >= -75 ? "sig-weak"
	       : dbm >= -80 ? "sig-poor" : "sig-bad";
}

static void show_banner(struct gui *g, int i, bool on, const char *text, bool amber)
{
	GtkWidget *b = g->banner[i];

	gtk_widget_set_visible(b, on);
	if (!on)
		return;
	set_label(b, "%s", text);
	if (amber)
		gtk_widget_add_css_class(b, "amber");
	else
		gtk_widget_remove_css_class(b, "amber");
}

/* Warnings first: they are why this screen exists. */
static void show_warnings(struct gui *g, const struct walk_live *l, int64_t now)
{
	char buf[64] = "", msg[700];
	bool on = l->source_error[0] || (g->last_error[0] && now - g->last_error_us < 8000000);

	show_banner(g, 0, l->warn_interface_gone,
		    "INTERFACE GONE — the Wi-Fi adapter disappeared; nothing is being measured", false);
	show_banner(g, 1, l->have_link && l->warn_not_associated,
		    "NOT ASSOCIATED — the laptop is not connected to the network here", false);
	show_banner(g, 2, l->warn_cached_only,
		    "SCANS NOT PERMITTED — showing the kernel's cached results only (see setcap in README)",
		    true);
	if (l->warn_stale)
		snprintf(buf, sizeof(buf), "RESULTS STALE — no new scan for %.0f s",
			 (double)l->scan_age_us / 1e6);
	show_banner(g, 3, l->warn_stale, buf, true);
	if (l->source_error[0])
		snprintf(msg, sizeof(msg), "NOT RECORDING — %s", l->source_error);
	else
		snprintf(msg, sizeof(msg), "%s", g->last_error);
	show_banner(g, 4, on, msg, false);
}

/* The signal, large, and the link under it. */
static void show_link(struct gui *g, const struct walk_live *l)
{
	static const char *const sigc[] = { "sig-good", "sig-fair", "sig-weak", "sig-poor", "sig-bad",
					    "sig-none", NULL };
	char buf[32];

	if (l->associated && !isnan(l->signal_dbm))
		set_label(g->sig_lbl, "%.0f", l->signal_dbm);
	else
		set_label(g->sig_lbl, "%s", l->have_link ? "none" : "—");
	set_one_class(g->sig_lbl, sigc, sig_class(l->associated ? l->signal_dbm : NAN));
	set_label(g->val_ssid, "%s", l->associated ? (l->ssid[0] ? l->ssid : "(hidden)") : "—");
	if (l->associated)
		set_label(g->val_bssid, "%s", mac_format(l->bssid, buf));
	else
		set_label(g->val_bssid, "—");
	set_label(g->val_ap, "%s", l->associated && l->ap_name[0] ? l->ap_name : "—");
	if (l->associated && l->channel)
		set_label(g->val_chan, "%d  (%.3f GHz)", l->channel, l->freq_mhz / 1000.0);
	else
		set_label(g->val_chan, "—");
	if (!isnan(l->snr_db))
		set_label(g->val_snr, "%.0f dB", l->snr_db);
	else
		set_label(g->val_snr, "%s", l->associated ? "unknown (no noise figure)" : "—");
	if (!isnan(l->tx_bitrate_mbps))
		set_label(g->val_rate, "%.0f / %.0f Mbit/s", l->tx_bitrate_mbps, l->rx_bitrate_mbps);
	else
		set_label(g->val_rate, "—");
	if (l->scan_age_us >= 0)
		set_label(g->val_scan, "%.1f s ago · %d BSS%s", (double)l->scan_age_us / 1e6,
			  l->scan_nbss, l->scan_status == SAMPLE_SCAN_CACHED ? " (cached)" : "");
	else
		set_label(g->val_scan, "waiting for the first scan");
}

/* The last throughput test and latency run, failures with their reason. */
static void show_tests(struct gui *g, const struct walk_live *l)
{
	if (g->val_tput) {
		if (!l->have_tput)
			set_label(g->val_tput, "%s", "no test yet");
		else if (l->tput_status == SAMPLE_OK)
			set_label(g->val_tput, "%.*f Mbit/s %s · %.0f s ago", l->tput_mbps < 100 ? 1 : 0,
				  l->tput_mbps, strcmp(l->tput_direction, "down") == 0 ? "down" : "up",
				  (double)l->tput_age_us / 1e6);
		else
			set_label(g->val_tput, "failed: %s", l->tput_error[0] ? l->tput_error
									      : meas_status_name(l->tput_status));
		/* The whole sentence, when the row cuts it. */
		gtk_widget_set_tooltip_text(g->val_tput, l->have_tput && l->tput_error[0] ? l->tput_error : NULL);
	}
	if (g->val_rtt) {
		if (!l->have_rtt)
			set_label(g->val_rtt, "%s", "no run yet");
		else if (l->rtt_status == SAMPLE_OK && !isnan(l->loss_pct))
			set_label(g->val_rtt, "%.*f ms · %.0f%% lost", l->rtt_ms < 1 ? 2 : 1, l->rtt_ms,
				  l->loss_pct);
		else if (l->rtt_status == SAMPLE_OK)
			set_label(g->val_rtt, "%.*f ms", l->rtt_ms < 1 ? 2 : 1, l->rtt_ms);
		else
			set_label(g->val_rtt, "failed: %s", l->rtt_error[0] ? l->rtt_error
									    : meas_status_name(l->rtt_status));
		gtk_widget_set_tooltip_text(g->val_rtt, l->have_rtt && l->rtt_error[0] ? l->rtt_error : NULL);
	}
	set_label(g->val_samples, "%lld  (%lld placed)", (long long)l->nsamples, (long long)l->nplaced);
	set_label(g->val_points, "%zu%s", l->nwaypoints, l->pending ? " + walking" : "");
}

/* Where the engineer is (or last tapped). */
static void show_where(struct gui *g, int64_t now)
{
	const struct track *t = walk_session_track(g->o->session);
	struct fp_point p;
	const struct fp_ward *w;
	bool known = walk_source_position(g->o->src, now, &p.x, &p.y);

	if (!known && t->n) {
		p.x = t->pts[t->n - 1].x_m;
		p.y = t->pts[t->n - 1].y_m;
		known = true;
	}
	if (!known) {
		set_label(g->where_lbl, "—");
		return;
	}
	w = fp_ward_at(g->o->fp, p);
	set_label(g->where_lbl, "%s  (%.1f, %.1f m)", w ? w->name : "outside the wards", p.x, p.y);
}

/* What to do now: the state line, its hint and its colour. */
static void show_state(struct gui *g, const struct walk_live *l)
{
	static const char *const stc[] = { "measuring", "ready", "paused", "finished", NULL };
	const char *stclass = NULL, *state = "", *hint = "";

	switch (l->state) {
	case WALK_IDLE:
		state = "TAP WHERE YOU START";
		hint = l->mode == TRACK_CONTINUOUS ? "then tap at every turn"
						   : "then stand still until READY";
		break;
	case WALK_MEASURING:
		stclass = "measuring";
		state = "MEASURING";
		if (l->measures_point)
			hint = l->got_link ? "stand still · link polled; scan and tests running…"
					   : "stand still · scan and tests running…";
		else
			hint = l->got_link ? "stand still · link polled, scanning all channels…"
					   : "stand still · scanning all channels…";
		break;
	case WALK_READY:
		stclass = "ready";
		state = "READY";
		hint = l->measures_point ? "point saved (scan + link + tests) · tap the next one"
					 : "point saved (scan + link) · tap the next one";
		break;
	case WALK_WALKING:
		state = l->pending ? "WALKING TO THE POINT" : "WALKING";
		hint = "tap at every turn · samples are placed along each leg";
		break;
	case WALK_PAUSED:
		stclass = "paused";
		state = "PAUSED";
		hint = "tap where you are to continue";
		break;
	case WALK_FINISHED:
		stclass = "finished";
		state = "WALK FINISHED";
		hint = "";
		break;
	}
	set_one_class(g->status_box, stc, stclass);
	set_label(g->state_lbl, "%s", state);
	set_label(g->state_hint, "%s", hint);
	/* Shown or not, the bar keeps its room: the plan must never jump under a finger. */
	gtk_widget_set_opacity(g->progress, l->mode == TRACK_STOP_AND_GO &&
				   (l->state == WALK_MEASURING || l->state == WALK_READY) ? 1.0 : 0.0);
	gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(g->progress), l->progress);
}

/* The pace hint. */
static void show_pace(struct gui *g, const struct walk_live *l, const struct walk_source_info *info)
{
	if (l->mode == TRACK_CONTINUOUS) {
		/* A steady slow walk: about one sample set per metre or two. */
		double target = 1.0;

		if (!isnan(l->last_leg_pace_mps)) {
			const char *verdict = l->last_leg_pace_mps > 1.6 ? "too fast: slow down"
					      : l->last_leg_pace_mps < 0.4 ? "slow: keep moving"
									    : "steady";

			set_label(g->pace_lbl, "PACE  last leg %.1f m at %.2f m/s — %s  ·  aim ≈ %.1f m/s",
				  l->last_leg_m, l->last_leg_pace_mps, verdict, target);
		} else {
			set_label(g->pace_lbl, "PACE  walk steadily at ≈ %.1f m/s; tap at each turn",
				  target);
		}
	} else {
		double stand = info->scan_duration_s > 0 ? info->scan_duration_s : 3.0;

		if (info->measures_point && info->measure_duration_s > stand)
			stand = info->measure_duration_s;
		set_label(g->pace_lbl, "STOP-AND-GO  stand at each point until READY (≈ %.1f s)", stand);
	}
}

static void refresh(struct gui *g)
{
	int64_t now = ns_wall_us();
	struct walk_live l;
	struct walk_source_info info;

	walk_session_live(g->o->session, now, &l);
	walk_source_info(g->o->src, &info);
	show_warnings(g, &l, now);
	show_link(g, &l);
	show_tests(g, &l);
	show_where(g, now);
	show_state(g, &l);
	show_pace(g, &l, &info);
	gtk_button_set_label(GTK_BUTTON(g->pause_btn), l.state == WALK_PAUSED ? "Continue (P)"
									   : "Pause (P)");
	map_view_refresh(g->map, now);
}

/* A rebuilt coverage picture arrives (main thread). */
static void heat_ready(void *arg, cairo_surface_t *pic, const struct live_heat_frame *frame,
		       const char *why)
{
	struct gui *g = arg;
	char title[96];

	(void)why; /* no picture yet (too few samples): the dots still show every reading */
	if (!pic)
		return;
	snprintf(title, sizeof(title), "THIS WALK · PRIMARY dBm%s%s", g->heat_ssid[0] ? " · " : "",
		 g->heat_ssid);
	map_view_set_heat(g->map, pic, frame, title);
}

/* Ask for a new picture when there is news and the last one is a few seconds old. */
static void maybe_rebuild_heat(struct gui *g, const struct walk_live *l, int64_t now)
{
	if (!g->heat || l->nplaced < 3 || l->nplaced == g->heat_placed ||
	    now - g->heat_asked_us < 4000000)
		return;
	g->heat_placed = l->nplaced;
	g->heat_asked_us = now;
	snprintf(g->heat_ssid, sizeof(g->heat_ssid), "%s", l->associated ? l->ssid : "");
	live_heat_request(g->heat, g->heat_ssid);
}

static gboolean tick(gpointer data)
{
	struct gui *g = data;
	struct ns_err e = { 0 };

	/* A failed tick is kept by the session and shown as a banner. */
	walk_session_tick(g->o->session, ns_wall_us(), ns_mono_us(), &e);
	refresh(g);
	{
		struct walk_live l;
		int64_t now = ns_wall_us();

		walk_session_live(g->o->session, now, &l);
		maybe_rebuild_heat(g, &l, now);
	}
	return G_SOURCE_CONTINUE;
}

static void win_destroyed(GtkWidget *w, gpointer data)
{
	struct gui *g = data;

	(void)w;
	/* A throughput/latency test still running is stored as cancelled, at its point. */
	g->stop_rc = walk_source_stop(g->o->src, &g->stop_err);
	if (g->timer)
		g_source_remove(g->timer);
	if (g->sigint)
		g_source_remove(g->sigint);
	if (g->sigterm)
		g_source_remove(g->sigterm);
	g->timer = g->sigint = g->sigterm = 0;
	g->running = false;
	live_heat_free(g->heat); /* waits for a build in progress */
	g->heat = NULL;
}

static gboolean on_signal(gpointer data)
{
	struct gui *g = data;

	/* Every sample is on disk already: just close (the walk can be resumed). */
	gtk_window_destroy(GTK_WINDOW(g->win));
	return G_SOURCE_REMOVE;
}

/* ---- building the window ---------------------------------------------------------------- */

/* The live figures: the link, the tests when the walk runs them, the counts. */
static GtkWidget *build_figures(struct gui *g, const struct walk_source_info *info)
{
	GtkWidget *grid = gtk_grid_new();
	int r = 7;

	gtk_grid_set_row_spacing(GTK_GRID(grid), 6);
	gtk_grid_set_column_spacing(GTK_GRID(grid), 14);
	g->val_ssid = row(grid, 0, "SSID", NULL);
	g->val_ap = row(grid, 1, "AP", NULL);
	g->val_bssid = row(grid, 2, "BSSID", "value small mono");
	g->val_chan = row(grid, 3, "CHANNEL", "value small");
	g->val_snr = row(grid, 4, "SNR", NULL);
	g->val_rate = row(grid, 5, "BITRATE", "value small");
	g->val_scan = row(grid, 6, "SCAN", "value small");
	/* Throughput and latency only when the walk runs them (walk --throughput, --latency). */
	if (info->measures_point) {
		g->val_tput = row(grid, r++, "THROUGHPUT", "value small");
		g->val_rtt = row(grid, r++, "RTT", "value small");
		/* A failure's reason gets three lines (the whole sentence in the tooltip). */
		for (int i = 0; i < 2; i++) {
			GtkLabel *v = GTK_LABEL(i ? g->val_rtt : g->val_tput);

			gtk_label_set_wrap(v, TRUE);
			gtk_label_set_lines(v, 3);
			gtk_label_set_xalign(v, 0);
		}
	}
	g->val_samples = row(grid, r++, "SAMPLES", "value small");
	g->val_points = row(grid, r++, "POINTS", "value small");
	g->where_lbl = row(grid, r, "WHERE", "value small");
	return grid;
}

static GtkWidget *build_ward_choice(struct gui *g)
{
	GtkStringList *sl = gtk_string_list_new(NULL);
	GtkWidget *dd;

	gtk_string_list_append(sl, "Whole floor");
	for (size_t i = 0; i < g->o->fp->nwards; i++)
		gtk_string_list_append(sl, g->o->fp->wards[i].name);
	dd = gtk_drop_down_new(G_LIST_MODEL(sl), NULL);
	gtk_widget_set_focusable(dd, FALSE);
	g_signal_connect(dd, "notify::selected", G_CALLBACK(ward_selected), g);
	g->ward_dd = dd;
	return dd;
}

static GtkWidget *wrapped(const char *text, const char *classes)
{
	GtkWidget *l = label(text, classes);

	gtk_label_set_wrap(GTK_LABEL(l), TRUE);
	gtk_label_set_max_width_chars(GTK_LABEL(l), 40);
	return l;
}

/* The walk: mode and source, interface and driver, who walks, the note. */
static void add_walk_facts(struct gui *g, GtkWidget *panel, const struct walk_source_info *info)
{
	const struct walk_gui_opts *o = g->o;
	GtkWidget *op;
	char buf[256];

	snprintf(buf, sizeof(buf), "%s%s · %s", o->resumed ? "resumed · " : "",
		 walk_mode_name(walk_session_track(o->session)->mode),
		 info->name[0] ? info->name : "radio");
	gtk_box_append(GTK_BOX(panel), label(buf, "value small"));
	snprintf(buf, sizeof(buf), "%s · %s", info->interface[0] ? info->interface : "?",
		 info->driver[0] ? info->driver : "?");
	gtk_box_append(GTK_BOX(panel), label(buf, "keys"));
	snprintf(buf, sizeof(buf), "Operator: %s", o->operator_name && o->operator_name[0]
						    ? o->operator_name : "—");
	op = label(buf, "value small");
	gtk_label_set_ellipsize(GTK_LABEL(op), PANGO_ELLIPSIZE_END);
	gtk_box_append(GTK_BOX(panel), op);
	if (o->note && o->note[0])
		gtk_box_append(GTK_BOX(panel), wrapped(o->note, "keys"));
}

static GtkWidget *build_panel(struct gui *g)
{
	GtkWidget *panel = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	GtkWidget *scroller = gtk_scrolled_window_new();
	struct walk_source_info info;

	walk_source_info(g->o->src, &info);
	gtk_widget_add_css_class(panel, "panel");
	gtk_widget_set_size_request(panel, 400, -1);
	gtk_box_append(GTK_BOX(panel), label("SIGNAL  (dBm, associated AP)", "caption"));
	g->sig_lbl = label("—", "bigsig sig-none");
	gtk_box_append(GTK_BOX(panel), g->sig_lbl);
	gtk_box_append(GTK_BOX(panel), build_figures(g, &info));
	gtk_box_append(GTK_BOX(panel), label("WARD", "section"));
	gtk_box_append(GTK_BOX(panel), build_ward_choice(g));
	gtk_box_append(GTK_BOX(panel), label("WALK", "section"));
	add_walk_facts(g, panel, &info);
	gtk_box_append(GTK_BOX(panel), label("KEYS", "section"));
	gtk_box_append(GTK_BOX(panel),
		       wrapped("Click: tap position · Drag: pan · Wheel/+/−: zoom · 0: fit\n"
			       "Ctrl+Z / Backspace: undo · P / Space: pause\n"
			       "Ctrl+Enter / F10: finish · F11: full screen", "keys"));
	/* A fixed-width panel: the plan gets every other pixel and never jumps. */
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroller), GTK_POLICY_EXTERNAL,
				       GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroller), panel);
	gtk_widget_add_css_class(scroller, "panel-bg");
	gtk_widget_set_size_request(scroller, 420, -1);
	gtk_widget_set_hexpand(scroller, FALSE);
	return scroller;
}

static GtkWidget *build_status(struct gui *g)
{
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 4);
	GtkWidget *top = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 18);

	gtk_widget_add_css_class(box, "status");
	g->status_box = box;
	g->state_lbl = label("", "state");
	g->state_hint = label("", "hint");
	gtk_widget_set_valign(g->state_hint, GTK_ALIGN_CENTER);
	gtk_label_set_ellipsize(GTK_LABEL(g->state_hint), PANGO_ELLIPSIZE_END);
	gtk_widget_set_hexpand(g->state_hint, TRUE);
	gtk_box_append(GTK_BOX(top), g->state_lbl);
	gtk_box_append(GTK_BOX(top), g->state_hint);
	gtk_box_append(GTK_BOX(box), top);
	g->progress = gtk_progress_bar_new();
	gtk_box_append(GTK_BOX(box), g->progress);
	g->pace_lbl = label("", "pace");
	gtk_label_set_ellipsize(GTK_LABEL(g->pace_lbl), PANGO_ELLIPSIZE_END);
	gtk_box_append(GTK_BOX(box), g->pace_lbl);
	return box;
}

static GtkWidget *header_button(const char *text, const char *tip, GCallback cb, struct gui *g)
{
	GtkWidget *b = gtk_button_new_with_label(text);

	gtk_widget_set_tooltip_text(b, tip);
	gtk_widget_set_focusable(b, FALSE);
	g_signal_connect(b, "clicked", cb, g);
	return b;
}

static void build(struct gui *g)
{
	const struct walk_gui_opts *o = g->o;
	GtkCssProvider *prov = gtk_css_provider_new();
	GtkWidget *hb = gtk_header_bar_new();
	GtkWidget *outer = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
	GtkWidget *middle = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 0);
	GtkWidget *left = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
	GtkWidget *title, *b;
	GtkEventController *keys;
	char buf[256];

	gtk_css_provider_load_from_data(prov, css, -1);
	gtk_style_context_add_provider_for_display(gdk_display_get_default(),
						   GTK_STYLE_PROVIDER(prov),
						   GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
	g_object_unref(prov);
	g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme", TRUE, NULL);

	g->win = gtk_window_new();
	gtk_widget_add_css_class(g->win, "notspot-walk");
	snprintf(buf, sizeof(buf), "notspot walk — %s%s%s", o->site && o->site[0] ? o->site : "",
		 o->site && o->site[0] ? " · " : "", o->fp->name);
	gtk_window_set_title(GTK_WINDOW(g->win), buf);
	gtk_window_set_default_size(GTK_WINDOW(g->win), 1280, 800);

	title = label(buf, "title");
	gtk_label_set_ellipsize(GTK_LABEL(title), PANGO_ELLIPSIZE_END);
	gtk_header_bar_set_title_widget(GTK_HEADER_BAR(hb), title);
	g->undo_btn = header_button("Undo", "Remove the last tap (Ctrl+Z)", G_CALLBACK(undo_clicked), g);
	g->pause_btn = header_button("Pause (P)", "Pause at the last tap (P)",
				     G_CALLBACK(pause_clicked), g);
	gtk_header_bar_pack_start(GTK_HEADER_BAR(hb), g->undo_btn);
	gtk_header_bar_pack_start(GTK_HEADER_BAR(hb), g->pause_btn);
	b = header_button("Finish", "Close the walk (Ctrl+Enter)", G_CALLBACK(finish_clicked), g);
	gtk_widget_add_css_class(b, "finish");
	gtk_header_bar_pack_end(GTK_HEADER_BAR(hb), b);
	b = header_button("Fit", "Show the whole floor (0)", G_CALLBACK(fit_clicked), g);
	gtk_header_bar_pack_end(GTK_HEADER_BAR(hb), b);
	gtk_window_set_titlebar(GTK_WINDOW(g->win), hb);

	g->banner_box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
	for (size_t i = 0; i < G_N_ELEMENTS(g->banner); i++) {
		g->banner[i] = label("", "banner");
		gtk_label_set_wrap(GTK_LABEL(g->banner[i]), TRUE);
		gtk_widget_set_visible(g->banner[i], FALSE);
		gtk_box_append(GTK_BOX(g->banner_box), g->banner[i]);
	}

	g->map = map_view_new(o->fp, o->session, o->src, on_tap, g);
	if (o->survey)
		g->heat = live_heat_new(o->survey, o->fp->id,
					walk_session_walk_id(o->session), heat_ready, g);
	if (o->probe_path)
		map_view_set_probe(g->map, o->probe_path);
	if (o->drawing)
		map_view_set_drawing(g->map, o->drawing);
	{
		/* Banners float over the top of the plan, so it never moves when one shows. */
		GtkWidget *ov = gtk_overlay_new();

		gtk_overlay_set_child(GTK_OVERLAY(ov), map_view_widget(g->map));
		gtk_widget_set_valign(g->banner_box, GTK_ALIGN_START);
		gtk_widget_set_can_target(g->banner_box, FALSE);
		gtk_overlay_add_overlay(GTK_OVERLAY(ov), g->banner_box);
		gtk_widget_set_vexpand(ov, TRUE);
		gtk_box_append(GTK_BOX(left), ov);
	}
	gtk_box_append(GTK_BOX(left), build_status(g));
	gtk_box_append(GTK_BOX(middle), left);
	gtk_box_append(GTK_BOX(middle), build_panel(g));
	gtk_widget_set_hexpand(left, TRUE);
	gtk_box_append(GTK_BOX(outer), middle);
	gtk_widget_set_vexpand(middle, TRUE);
	gtk_window_set_child(GTK_WINDOW(g->win), outer);

	keys = gtk_event_controller_key_new();
	gtk_event_controller_set_propagation_phase(keys, GTK_PHASE_CAPTURE);
	g_signal_connect(keys, "key-pressed", G_CALLBACK(key_pressed), g);
	gtk_widget_add_controller(g->win, keys);

	if (o->ward >= 0)
		gtk_drop_down_set_selected(GTK_DROP_DOWN(g->ward_dd), (guint)o->ward + 1);
	refresh(g);
	gtk_window_present(GTK_WINDOW(g->win));
	gtk_widget_grab_focus(map_view_widget(g->map));
	g_signal_connect(g->win, "destroy", G_CALLBACK(win_destroyed), g);
	g->timer = g_timeout_add(TICK_MS, tick, g);
	g->sigint = g_unix_signal_add(SIGINT, on_signal, g);
	g->sigterm = g_unix_signal_add(SIGTERM, on_signal, g);
}

bool walk_gui_available(void)
{
	/* Not gtk_init_check() alone: after a first call that found no display it says TRUE. */
	return gtk_init_check() && gdk_display_get_default();
}

int walk_gui_run(const struct walk_gui_opts *o, struct ns_err *err)
{
	struct gui g = { .o = o };

	if (!walk_gui_available())
		return ns_err_set(err, -ENXIO, "cannot open a display (is DISPLAY or WAYLAND_DISPLAY set?)");
	/* A plain window and loop: no session bus needed on a bare laptop. */
	g.running = true;
	build(&g);
	while (g.running)
		g_main_context_iteration(NULL, TRUE);
	if (g.stop_rc < 0) {
		if (err)
			*err = g.stop_err;
		return g.stop_rc;
	}
	return 0;
}
