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
/* A touchpoint, stage, lane or curve; NULL shows the map's own properties.
 * A curve shows its point at its first stage with a value. */
void            waymark_inspector_set_element  (WaymarkInspector *self,
                                                WaymarkElement   *element);
/* Shows the point of curve at stage (which may have no value yet). */
void            waymark_inspector_set_point    (WaymarkInspector *self,
                                                WaymarkCurve     *curve,
                                                WaymarkStage     *stage);
WaymarkElement *waymark_inspector_get_element  (WaymarkInspector *self);

G_END_DECLS
