/* waymark-outline.h — the map as a tree of real widgets: stages, lanes, cards
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_OUTLINE (waymark_outline_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkOutline, waymark_outline, WAYMARK, OUTLINE, GtkWidget)

/* Signal "element-selected" (WaymarkElement *element): a row was selected
 * by the user; element is a stage, a lane or a touchpoint. */
GtkWidget *waymark_outline_new          (void);
void       waymark_outline_set_document (WaymarkOutline  *self,
                                         WaymarkDocument *document);
/* Shows and selects the row of element (NULL unselects), without emitting. */
void       waymark_outline_select       (WaymarkOutline  *self,
                                         WaymarkElement  *element);

G_END_DECLS
