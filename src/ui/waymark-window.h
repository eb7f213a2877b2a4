/* waymark-window.h — an editor window: one journey map
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "waymark-application.h"
#include "waymark-canvas.h"
#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_WINDOW (waymark_window_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkWindow, waymark_window, WAYMARK, WINDOW, AdwApplicationWindow)

/* Properties: "document" (nullable while the start view shows), "file". */
WaymarkWindow   *waymark_window_new          (WaymarkApplication *application);

/* Reads file in the background; errors are shown in a dialog. */
void             waymark_window_open_file    (WaymarkWindow      *self,
                                              GFile              *file);
/* Shows document (file may be NULL for a new map). */
void             waymark_window_set_document (WaymarkWindow      *self,
                                              WaymarkDocument    *document,
                                              GFile              *file);
/* A new map with the usual stages and lanes, without history. */
WaymarkDocument *waymark_window_new_blank_document (void);

WaymarkDocument *waymark_window_get_document (WaymarkWindow      *self);
GFile           *waymark_window_get_file     (WaymarkWindow      *self);
WaymarkCanvas   *waymark_window_get_canvas   (WaymarkWindow      *self);
void             waymark_window_show_toast   (WaymarkWindow      *self,
                                              const char         *message);

G_END_DECLS
