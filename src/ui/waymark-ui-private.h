/* waymark-ui-private.h — helpers shared by the widgets of src/ui
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Registers the GResource of the UI once; widgets with templates call it in class_init. */
void      _waymark_ui_ensure_resources (void);

/* WAYMARK_DEBUG is a comma separated list of keys such as "geometry,frames". */
gboolean  _waymark_ui_debug            (const char *key);

/* The settings of io.github.waymark.Waymark, or NULL when the schema is not installed. */
GSettings *_waymark_ui_settings_new     (void);
/* The whole text of a GtkTextView; free with g_free. */
char     *_waymark_text_view_get       (GtkWidget  *view);
/* Sets it (NULL = empty) only when it differs, so the cursor stays put
 * while the text the view already shows comes back from the model. */
void      _waymark_text_view_set       (GtkWidget  *view,
                                        const char *text);

G_END_DECLS
