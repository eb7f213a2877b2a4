/* waymark-new-dialog.h — choosing a template for a new map, with previews
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WAYMARK_NEW_DIALOG_TEMPLATES_PATH "/io/github/waymark/Waymark/templates/"

#define WAYMARK_TYPE_NEW_DIALOG (waymark_new_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkNewDialog, waymark_new_dialog, WAYMARK, NEW_DIALOG, AdwWindow)

/* Lists the maps under WAYMARK_NEW_DIALOG_TEMPLATES_PATH in the resources,
 * each with a preview, a title and a one-line description. Choosing one
 * activates "win.new-from-template" on parent with the template's name
 * (the file name without ".cjmx") and closes the dialog. Each entry is a
 * GtkFlowBoxChild whose widget name is the template's name. */
GtkWidget *waymark_new_dialog_new     (GtkWindow *parent);

/* Creates the dialog, modal and transient for parent, and presents it.
 * Returns it (owned by GTK; it destroys itself when closed). */
GtkWidget *waymark_new_dialog_present (GtkWindow *parent);

G_END_DECLS
