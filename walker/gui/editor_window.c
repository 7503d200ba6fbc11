/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * editor_window.c — the plan editor's window: the canvas, big tool buttons
 * with their keys on them, a legend of every key for the tool in hand, the
 * status line (what was saved, or why not, in one sentence), and a text
 * entry that opens when a name or a distance is wanted. See editor.h.
 */
#include "walker/gui/editor.h"

#include <errno.h>
#include <glib-unix.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "floorplans/plan_render.h"
#include "walker/gui/editor_view.h"

struct ed {
	const struct editor_opts *o;
	struct edit_tools *t;
	bool running;
	GtkWidget *win;
	struct editor_view *view;
	GtkWidget *tool_btn[TOOL_COUNT];
	GtkWidget *legend;
	GtkWidget *msg_lbl, *hint_lbl, *status_box;
	GtkWidget *prompt_box, *prompt_lbl, *entry;
	GtkWidget *undo_btn, *redo_btn;
	enum edit_prompt shown_prompt;
	enum edit_tool_id legend_tool;  /* what the legend shows now */
	const char *legend_mat, *legend_kind;
	guint sigint, sigterm;
};

static const char *css =
	"window.notspot-edit { background: #1d2126; }\n"
	".panel { background: #111418; color: #f5f7fa; padding: 14px 16px; }\n"
	".section { font-size: 10.5pt; font-weight: 800; color: #6fb3ff; letter-spacing: 1px;"
	"  margin-top: 10px; }\n"
	"button.tool { font-size: 13pt; font-weight: 800; min-height: 52px; padding: 4px 10px; }\n"
	"button.tool:checked { background: #0b6ad0; color: #ffffff; }\n"
	".key { font-family: monospace; font-weight: 900; font-size: 12pt; color: #ffd23f; }\n"
	".legend { font-size: 11.5pt; }\n"
	".legend .on { font-weight: 900; color: #ffffff; }\n"
	".dim { color: #9fb0c0; font-size: 10.5pt; }\n"
	".status { background: #0b4f9c; color: #ffffff; padding: 8px 18px; }\n"
	".status.error { background: #b3141b; }\n"
	".status.saved { background: #1e7b34; }\n"
	".msg { font-size: 16pt; font-weight: 800; }\n"
	".hint { font-size: 13pt; font-weight: 600; }\n"
	".prompt { background: #ffd23f; color: #111111; padding: 10px 18px; }\n"
	".prompt label { font-size: 15pt; font-weight: 800; }\n"
	".prompt entry { font-size: 16pt; min-height: 44px; min-width: 160px; }\n"
	".prompt button { font-size: 14pt; font-weight: 800; min-height: 44px; }\n"
	"headerbar { min-height: 54px; }\n"
	"headerbar button { font-size: 13pt; font-weight: 700; padding: 6px 14px; }\n";

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

/* ---- the legend: every key of the tool in hand ------------------------------------------ */

static void legend_row(GtkWidget *grid, int r, const char *key, const char *what, const char *swatch,
		       bool on)
{
	GtkWidget *k = label(key, "key"), *w;
	char *markup;

	if (swatch)
		markup = g_markup_printf_escaped("<span background=\"%s\">    </span>  %s", swatch,
						 what);
	else
		markup = g_markup_printf_escaped("%s", what);
	w = label(NULL, on ? "on" : NULL);
	gtk_label_set_markup(GTK_LABEL(w), markup);
	/* A material's row stays on one line: "4 dB" under the swatch read as a key. */
	gtk_label_set_wrap(GTK_LABEL(w), swatch == NULL);
	g_free(markup);
	gtk_grid_attach(GTK_GRID(grid), k, 0, r, 1, 1);
	gtk_grid_attach(GTK_GRID(grid), w, 1, r, 1, 1);
}

static void swatch_of(const char *key, char out[8])
{
	double rgb[3];

	fp_material_colour(key, rgb);
	snprintf(out, 8, "#%02x%02x%02x", (int)(rgb[0] * 255), (int)(rgb[1] * 255),
		 (int)(rgb[2] * 255));
}

static int tool_keys(struct ed *g, GtkWidget *grid, enum edit_tool_id tool)
{
	static const char *const rows[][2] = {
		[TOOL_SELECT] = { "click / drag", "pick · move it (or one corner)" },
		[TOOL_CALIBRATE] = { "click ×2", "the ends of a known length; ← → ↑ ↓ nudge a pixel" },
		[TOOL_WALL] = { "click", "a corner · double-click / Enter ends · Esc cancels" },
		[TOOL_DOOR] = { "click", "on a wall · [ ] narrower / wider (Shift: 0.5 m)" },
		[TOOL_WARD] = { "click", "a corner · first corner / Enter closes, then type the name" },
		[TOOL_AP] = { "click", "place, then type its name · drag to move" },
		[TOOL_ALIGN] = { "drag", "the level below · [ ] turn · Enter saves · or click pairs" },
	};
	char sw[8];
	int r = 0;

	legend_row(grid, r++, rows[tool][0], rows[tool][1], NULL, false);
	if (tool == TOOL_WALL) {
		for (int i = 0; i < EDIT_NWALL_MATERIALS; i++) {
			const struct fp_material *m = fp_material_find(edit_wall_materials[i]);
			char key[4], what[96];

			snprintf(key, sizeof(key), "%d", i + 1);
			snprintf(what, sizeof(what), "%s · %.0f\u00a0dB", m->key, m->loss_db[FP_BAND_5G]);
			swatch_of(m->key, sw);
			legend_row(grid, r++, key, what, sw, strcmp(m->key, edit_tools_material(g->t)) == 0);
		}
	} else if (tool == TOOL_DOOR) {
		for (int i = 0; i < EDIT_NDOOR_KINDS; i++) {
			const struct fp_material *m = fp_material_find(edit_door_kinds[i]);
			char key[4];

			snprintf(key, sizeof(key), "%d", i + 1);
			swatch_of(m->key, sw);
			legend_row(grid, r++, key, m->key, sw,
				   strcmp(m->key, edit_tools_door_kind(g->t)) == 0);
		}
	}
	if (tool == TOOL_SELECT)
		legend_row(grid, r++, "Del / F2", "remove · rename", NULL, false);
	return r;
}

static void fill_legend(struct ed *g)
{
	static const char *const common[][2] = {
		{ "Ctrl+Z", "undo (saved)" }, { "Ctrl+Shift+Z", "redo" }, { "Wheel + −", "zoom" },
		{ "0", "fit the floor" }, { "right-drag", "pan (or drag empty space)" },
		{ "Ctrl+Q", "done (every edit is saved already)" },
	};
	GtkWidget *grid = gtk_grid_new(), *child;
	char title[64];
	int r;

	while ((child = gtk_widget_get_first_child(g->legend)))
		gtk_box_remove(GTK_BOX(g->legend), child);
	gtk_grid_set_row_spacing(GTK_GRID(grid), 5);
	gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
	gtk_widget_add_css_class(grid, "legend");
	snprintf(title, sizeof(title), "KEYS · %s", edit_tool_infos[edit_tools_current(g->t)].name);
	gtk_box_append(GTK_BOX(g->legend), label(title, "section"));
	r = tool_keys(g, grid, edit_tools_current(g->t));
	for (size_t i = 0; i < G_N_ELEMENTS(common); i++)
		legend_row(grid, r++, common[i][0], common[i][1], NULL, false);
	gtk_box_append(GTK_BOX(g->legend), grid);
}

/* ---- keeping the window in step with the tools ---------------------------------------------- */

static void show_prompt(struct ed *g)
{
	const char *q, *initial;
	enum edit_prompt p = edit_tools_prompt(g->t, &q, &initial);

	gtk_label_set_text(GTK_LABEL(g->prompt_lbl), q);
	if (p == g->shown_prompt)
		return;
	g->shown_prompt = p;
	gtk_widget_set_visible(g->prompt_box, p != PROMPT_NONE);
	if (p == PROMPT_NONE) {
		gtk_widget_grab_focus(editor_view_widget(g->view));
		return;
	}
	gtk_editable_set_text(GTK_EDITABLE(g->entry), initial);
	gtk_widget_grab_focus(g->entry);
	gtk_editable_select_region(GTK_EDITABLE(g->entry), 0, -1);
}

/* With nothing to report: the tool in hand and what it will put down. */
static const char *idle_title(struct ed *g, char *buf, size_t cap)
{
	enum edit_tool_id tool = edit_tools_current(g->t);

	if (tool == TOOL_WALL)
		snprintf(buf, cap, "WALLS · %s", fp_material_find(edit_tools_material(g->t))->label);
	else if (tool == TOOL_DOOR)
		snprintf(buf, cap, "DOORS · %s, %.1f m wide", fp_material_find(edit_tools_door_kind(g->t))->label,
			 edit_tools_door_width(g->t));
	else
		snprintf(buf, cap, "%s · %s", edit_tool_infos[tool].name, edit_tool_infos[tool].what);
	return buf;
}

static void show_status(struct ed *g)
{
	static const char *const cls[] = { "error", "saved" };
	bool error;
	const char *m = edit_tools_message(g->t, &error);
	char tip[80], idle[96], shown[512];

	for (size_t i = 0; i < G_N_ELEMENTS(cls); i++)
		gtk_widget_remove_css_class(g->status_box, cls[i]);
	if (m[0])
		gtk_widget_add_css_class(g->status_box, error ? "error" : "saved");
	/* The model's sentences start in lower case (util/err.h); the status line is a sentence. */
	snprintf(shown, sizeof(shown), "%s", m);
	shown[0] = (char)g_ascii_toupper(shown[0]);
	gtk_label_set_text(GTK_LABEL(g->msg_lbl), m[0] ? shown : idle_title(g, idle, sizeof(idle)));
	gtk_label_set_text(GTK_LABEL(g->hint_lbl), edit_tools_hint(g->t));
	snprintf(tip, sizeof(tip), "Undo %s (Ctrl+Z)", edit_undo_what(edit_tools_doc(g->t)) ?: "");
	gtk_widget_set_sensitive(g->undo_btn, edit_undo_what(edit_tools_doc(g->t)) != NULL);
	gtk_widget_set_tooltip_text(g->undo_btn, tip);
	snprintf(tip, sizeof(tip), "Redo %s (Ctrl+Shift+Z)", edit_redo_what(edit_tools_doc(g->t)) ?: "");
	gtk_widget_set_sensitive(g->redo_btn, edit_redo_what(edit_tools_doc(g->t)) != NULL);
	gtk_widget_set_tooltip_text(g->redo_btn, tip);
}

static void refresh(void *arg)
{
	struct ed *g = arg;
	enum edit_tool_id tool = edit_tools_current(g->t);
	const char *mat = edit_tools_material(g->t), *kind = edit_tools_door_kind(g->t);

	for (int i = 0; i < TOOL_COUNT; i++)
		gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(g->tool_btn[i]), i == (int)tool);
	if (tool != g->legend_tool || mat != g->legend_mat || kind != g->legend_kind) {
		g->legend_tool = tool;
		g->legend_mat = mat;
		g->legend_kind = kind;
		fill_legend(g);
	}
	show_status(g);
	show_prompt(g);
	gtk_widget_queue_draw(editor_view_widget(g->view));
}

/* ---- actions -------------------------------------------------------------------------------- */

static void set_tool(struct ed *g, enum edit_tool_id id)
{
	edit_tools_set(g->t, id);
	refresh(g);
}

static void tool_clicked(GtkButton *b, gpointer data)
{
	struct ed *g = data;

	for (int i = 0; i < TOOL_COUNT; i++)
		if (g->tool_btn[i] == GTK_WIDGET(b) && (int)edit_tools_current(g->t) != i)
			set_tool(g, (enum edit_tool_id)i);
	refresh(g);
}

static void undo_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	edit_tools_undo(((struct ed *)data)->t);
	refresh(data);
}

static void redo_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	edit_tools_redo(((struct ed *)data)->t);
	refresh(data);
}

static void fit_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	editor_view_fit(((struct ed *)data)->view);
}

static void done_clicked(GtkButton *b, gpointer data)
{
	(void)b;
	gtk_window_destroy(GTK_WINDOW(((struct ed *)data)->win));
}

static void answered(GtkWidget *w, gpointer data)
{
	struct ed *g = data;

	(void)w;
	edit_tools_answer(g->t, gtk_editable_get_text(GTK_EDITABLE(g->entry)));
	refresh(g);
}

static void prompt_cancelled(GtkButton *b, gpointer data)
{
	struct ed *g = data;

	(void)b;
	edit_tools_key(g->t, EKEY_ESCAPE, false);
	refresh(g);
}

/* Keys of the tools: Enter, Esc, Delete, arrows, brackets, F2. */
static bool tool_key(struct ed *g, guint key, bool shift)
{
	static const struct { guint key; enum edit_key ek; } map[] = {
		{ GDK_KEY_Return, EKEY_ENTER }, { GDK_KEY_KP_Enter, EKEY_ENTER },
		{ GDK_KEY_Escape, EKEY_ESCAPE }, { GDK_KEY_Delete, EKEY_DELETE },
		{ GDK_KEY_BackSpace, EKEY_BACKSPACE }, { GDK_KEY_Left, EKEY_LEFT },
		{ GDK_KEY_Right, EKEY_RIGHT }, { GDK_KEY_Up, EKEY_UP }, { GDK_KEY_Down, EKEY_DOWN },
		{ GDK_KEY_bracketright, EKEY_MORE }, { GDK_KEY_bracketleft, EKEY_LESS },
		{ GDK_KEY_braceright, EKEY_MORE }, { GDK_KEY_braceleft, EKEY_LESS },
		{ GDK_KEY_F2, EKEY_RENAME },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
		if (map[i].key == key)
			return edit_tools_key(g->t, map[i].ek, shift);
	return false;
}

/* Keys that move the view, when the tool had no use for them. */
static bool view_key(struct ed *g, guint key)
{
	switch (key) {
	case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
		editor_view_zoom(g->view, 1.25);
		return true;
	case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
		editor_view_zoom(g->view, 1 / 1.25);
		return true;
	case GDK_KEY_0: case GDK_KEY_KP_0: case GDK_KEY_Home:
		editor_view_fit(g->view);
		return true;
	case GDK_KEY_Left: editor_view_pan(g->view, 60, 0); return true;
	case GDK_KEY_Right: editor_view_pan(g->view, -60, 0); return true;
	case GDK_KEY_Up: editor_view_pan(g->view, 0, 60); return true;
	case GDK_KEY_Down: editor_view_pan(g->view, 0, -60); return true;
	case GDK_KEY_F11:
		if (gtk_window_is_fullscreen(GTK_WINDOW(g->win)))
			gtk_window_unfullscreen(GTK_WINDOW(g->win));
		else
			gtk_window_fullscreen(GTK_WINDOW(g->win));
		return true;
	default:
		return false;
	}
}

static bool ctrl_key(struct ed *g, guint key, bool shift)
{
	switch (gdk_keyval_to_lower(key)) {
	case GDK_KEY_z:
		if (shift)
			edit_tools_redo(g->t);
		else
			edit_tools_undo(g->t);
		return true;
	case GDK_KEY_y:
		edit_tools_redo(g->t);
		return true;
	case GDK_KEY_q:
	case GDK_KEY_w:
		gtk_window_destroy(GTK_WINDOW(g->win));
		return true;
	default:
		return false;
	}
}

static gboolean key_pressed(GtkEventControllerKey *c, guint key, guint code, GdkModifierType mods,
			    gpointer data)
{
	struct ed *g = data;
	bool ctrl = mods & GDK_CONTROL_MASK, shift = mods & GDK_SHIFT_MASK, done = false;
	guint lower = gdk_keyval_to_lower(key);

	(void)c;
	(void)code;
	/* While a name or distance is typed, the entry has every key but Esc. */
	if (gtk_widget_get_visible(g->prompt_box)) {
		if (key != GDK_KEY_Escape)
			return FALSE;
		edit_tools_key(g->t, EKEY_ESCAPE, false);
		refresh(g);
		return TRUE;
	}
	if (ctrl) {
		done = ctrl_key(g, key, shift);
	} else if (key >= GDK_KEY_1 && key <= GDK_KEY_9) {
		done = edit_tools_digit(g->t, (int)(key - GDK_KEY_0));
	} else {
		for (int i = 0; i < TOOL_COUNT && !done; i++) {
			if (lower == (guint)(edit_tool_infos[i].key - 'A' + 'a')) {
				edit_tools_set(g->t, (enum edit_tool_id)i);
				done = true;
			}
		}
		if (!done)
			done = tool_key(g, key, shift) || view_key(g, key);
	}
	if (done && g->win)
		refresh(g);
	return done;
}

/* ---- building the window ---------------------------------------------------------------------- */

static GtkWidget *build_tools(struct ed *g)
{
	GtkWidget *grid = gtk_grid_new();

	gtk_grid_set_row_spacing(GTK_GRID(grid), 8);
	gtk_grid_set_column_spacing(GTK_GRID(grid), 8);
	gtk_grid_set_column_homogeneous(GTK_GRID(grid), TRUE);
	for (int i = 0; i < TOOL_COUNT; i++) {
		char text[48];
		GtkWidget *b;

		snprintf(text, sizeof(text), "%c  %s", edit_tool_infos[i].key, edit_tool_infos[i].name);
		b = gtk_toggle_button_new_with_label(text);
		gtk_widget_add_css_class(b, "tool");
		gtk_widget_set_focusable(b, FALSE);
		gtk_widget_set_tooltip_text(b, edit_tool_infos[i].what);
		g_signal_connect(b, "clicked", G_CALLBACK(tool_clicked), g);
		gtk_grid_attach(GTK_GRID(grid), b, i % 2, i / 2, 1, 1);
		g->tool_btn[i] = b;
	}
	return grid;
}

static GtkWidget *build_panel(struct ed *g)
{
	GtkWidget *panel = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	GtkWidget *scroller = gtk_scrolled_window_new();

	gtk_widget_add_css_class(panel, "panel");
	gtk_box_append(GTK_BOX(panel), label("TOOLS", "section"));
	gtk_box_append(GTK_BOX(panel), build_tools(g));
	g->legend = gtk_box_new(GTK_ORIENTATION_VERTICAL, 4);
	gtk_box_append(GTK_BOX(panel), g->legend);
	gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroller), GTK_POLICY_NEVER,
				       GTK_POLICY_AUTOMATIC);
	gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroller), panel);
	gtk_widget_add_css_class(scroller, "panel");
	gtk_widget_set_size_request(scroller, 380, -1);
	gtk_widget_set_hexpand(scroller, FALSE);
	return scroller;
}

/* The question on its own line, the entry and its buttons under it: it never widens the window. */
static GtkWidget *build_prompt(struct ed *g)
{
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
	GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12), *ok, *cancel;

	gtk_widget_add_css_class(box, "prompt");
	g->prompt_lbl = label("", NULL);
	gtk_label_set_wrap(GTK_LABEL(g->prompt_lbl), TRUE);
	g->entry = gtk_entry_new();
	gtk_widget_set_hexpand(g->entry, TRUE);
	g_signal_connect(g->entry, "activate", G_CALLBACK(answered), g);
	ok = gtk_button_new_with_label("Save  Enter");
	g_signal_connect(ok, "clicked", G_CALLBACK(answered), g);
	cancel = gtk_button_new_with_label("Drop  Esc");
	g_signal_connect(cancel, "clicked", G_CALLBACK(prompt_cancelled), g);
	gtk_box_append(GTK_BOX(box), g->prompt_lbl);
	gtk_box_append(GTK_BOX(row), g->entry);
	gtk_box_append(GTK_BOX(row), ok);
	gtk_box_append(GTK_BOX(row), cancel);
	gtk_box_append(GTK_BOX(box), row);
	gtk_widget_set_visible(box, FALSE);
	g->prompt_box = box;
	return box;
}

static GtkWidget *build_status(struct ed *g)
{
	GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 2);

	gtk_widget_add_css_class(box, "status");
	g->msg_lbl = label("", "msg");
	g->hint_lbl = label("", "hint");
	gtk_label_set_wrap(GTK_LABEL(g->msg_lbl), TRUE);
	gtk_label_set_ellipsize(GTK_LABEL(g->hint_lbl), PANGO_ELLIPSIZE_END);
	gtk_box_append(GTK_BOX(box), g->msg_lbl);
	gtk_box_append(GTK_BOX(box), g->hint_lbl);
	g->status_box = box;
	return box;
}

static GtkWidget *header_button(const char *text, const char *tip, GCallback cb, struct ed *g)
{
	GtkWidget *b = gtk_button_new_with_label(text);

	gtk_widget_set_tooltip_text(b, tip);
	gtk_widget_set_focusable(b, FALSE);
	g_signal_connect(b, "clicked", cb, g);
	return b;
}

static void build_header(struct ed *g)
{
	GtkWidget *hb = gtk_header_bar_new(), *title, *b;
	char buf[256];

	snprintf(buf, sizeof(buf), "notspot edit — %s", g->o->title);
	gtk_window_set_title(GTK_WINDOW(g->win), buf);
	title = label(buf, "title");
	gtk_label_set_ellipsize(GTK_LABEL(title), PANGO_ELLIPSIZE_END);
	gtk_header_bar_set_title_widget(GTK_HEADER_BAR(hb), title);
	g->undo_btn = header_button("Undo  Ctrl+Z", "Undo (Ctrl+Z)", G_CALLBACK(undo_clicked), g);
	g->redo_btn = header_button("Redo  Ctrl+Shift+Z", "Redo (Ctrl+Shift+Z)",
				    G_CALLBACK(redo_clicked), g);
	gtk_header_bar_pack_start(GTK_HEADER_BAR(hb), g->undo_btn);
	gtk_header_bar_pack_start(GTK_HEADER_BAR(hb), g->redo_btn);
	b = header_button("Done  Ctrl+Q", "Close: every edit is saved already", G_CALLBACK(done_clicked), g);
	gtk_header_bar_pack_end(GTK_HEADER_BAR(hb), b);
	b = header_button("Fit  0", "Show the whole floor (0)", G_CALLBACK(fit_clicked), g);
	gtk_header_bar_pack_end(GTK_HEADER_BAR(hb), b);
	gtk_window_set_titlebar(GTK_WINDOW(g->win), hb);
}

static void destroyed(GtkWidget *w, gpointer data)
{
	struct ed *g = data;

	(void)w;
	if (g->sigint)
		g_source_remove(g->sigint);
	if (g->sigterm)
		g_source_remove(g->sigterm);
	g->sigint = g->sigterm = 0;
	g->win = NULL;
	g->running = false;
}

static gboolean on_signal(gpointer data)
{
	struct ed *g = data;

	if (g->win)
		gtk_window_destroy(GTK_WINDOW(g->win));
	return G_SOURCE_REMOVE;
}

static void build(struct ed *g)
{
	GtkCssProvider *prov = gtk_css_provider_new();
	GtkWidget *middle = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 0);
	GtkWidget *left = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
	GtkEventController *keys;

	gtk_css_provider_load_from_data(prov, css, -1);
	gtk_style_context_add_provider_for_display(gdk_display_get_default(), GTK_STYLE_PROVIDER(prov),
						   GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
	g_object_unref(prov);
	g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme", TRUE, NULL);
	g->win = gtk_window_new();
	gtk_widget_add_css_class(g->win, "notspot-edit");
	gtk_window_set_default_size(GTK_WINDOW(g->win), 1280, 800);
	build_header(g);
	g->view = editor_view_new(g->t, g->o->drawing, g->o->below, refresh, g);
	if (g->o->probe_path)
		editor_view_set_probe(g->view, g->o->probe_path);
	gtk_box_append(GTK_BOX(left), editor_view_widget(g->view));
	gtk_box_append(GTK_BOX(left), build_prompt(g));
	gtk_box_append(GTK_BOX(left), build_status(g));
	gtk_widget_set_hexpand(left, TRUE);
	gtk_box_append(GTK_BOX(middle), left);
	gtk_box_append(GTK_BOX(middle), build_panel(g));
	gtk_window_set_child(GTK_WINDOW(g->win), middle);

	keys = gtk_event_controller_key_new();
	gtk_event_controller_set_propagation_phase(keys, GTK_PHASE_CAPTURE);
	g_signal_connect(keys, "key-pressed", G_CALLBACK(key_pressed), g);
	gtk_widget_add_controller(g->win, keys);
	g_signal_connect(g->win, "destroy", G_CALLBACK(destroyed), g);
	g->legend_tool = TOOL_COUNT;
	refresh(g);
	gtk_window_present(GTK_WINDOW(g->win));
	gtk_widget_grab_focus(editor_view_widget(g->view));
	g->sigint = g_unix_signal_add(SIGINT, on_signal, g);
	g->sigterm = g_unix_signal_add(SIGTERM, on_signal, g);
}

int editor_run(const struct editor_opts *o, struct ns_err *err)
{
	struct ed g = { .o = o, .t = o->tools };

	/* Not gtk_init_check() alone: after a first call that found no display it says TRUE. */
	if (!gtk_init_check() || !gdk_display_get_default()) {
		if (o->drawing)
			cairo_surface_destroy(o->drawing);
		if (o->below)
			cairo_surface_destroy(o->below);
		return ns_err_set(err, -ENXIO, "cannot open a display (is DISPLAY or WAYLAND_DISPLAY set?)");
	}
	/* A plain window and loop: no session bus needed on a bare laptop. */
	g.running = true;
	build(&g);
	while (g.running)
		g_main_context_iteration(NULL, TRUE);
	return 0;
}
