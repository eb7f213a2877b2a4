/* waymark-inspector.h — every property of the selected element, editable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_INSPECTOR (waymark_inspector_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkInspector, waymark_inspector, WAYMARK, INSPECTOR, GtkWidget)

GtkWidget      *waymark_inspector_new          (void);
void            waymark_inspector_set_document (WaymarkInspector *self,
                                                WaymarkDocument  *document);
/* A touchpoint, stage or lane; NULL shows the map's own properties. */
void            waymark_inspector_set_element  (WaymarkInspector *self,
                                                WaymarkElement   *element);
WaymarkElement *waymark_inspector_get_element  (WaymarkInspector *self);

G_END_DECLS
