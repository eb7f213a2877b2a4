/* waymark-export-dialog.h — PNG, PDF and SVG export with the command line's options
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "waymark-document.h"
#include "waymark-window.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_EXPORT_DIALOG (waymark_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkExportDialog, waymark_export_dialog, WAYMARK, EXPORT_DIALOG, AdwWindow)

/* name is used for the suggested file name. Reports the outcome in window. */
GtkWidget *waymark_export_dialog_new (WaymarkWindow   *window,
                                      WaymarkDocument *document,
                                      const char      *name);

G_END_DECLS
