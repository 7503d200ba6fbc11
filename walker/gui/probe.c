/* SPDX-License-Identifier: GPL-3.0-or-later */
/* probe.c — the screen position of a view's plan, for the Xvfb tests (probe.h). */
#include "walker/gui/probe.h"

#include <stdio.h>
#include <string.h>

void gui_probe_write(GtkWidget *area, const char *path, char *last, size_t last_size, double ox,
		     double oy, double k)
{
	GtkNative *native = gtk_widget_get_native(area);
	double wx = 0, wy = 0, tx = 0, ty = 0;
	char line[128];
	FILE *f;

	if (!path || !native)
		return;
	if (!gtk_widget_translate_coordinates(area, GTK_WIDGET(native), 0, 0, &wx, &wy))
		return;
	gtk_native_get_surface_transform(native, &tx, &ty);
	snprintf(line, sizeof(line), "%.3f %.3f %.6f\n", wx + tx + ox, wy + ty + oy, k);
	if (strcmp(line, last) == 0)
		return;
	f = fopen(path, "w");
	if (!f)
		return;
	fputs(line, f);
	fclose(f);
	snprintf(last, last_size, "%s", line);
}
