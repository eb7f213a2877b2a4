/* waymark-canvas.h — the journey map, drawn and edited by direct manipulation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"
#include "waymark-layout.h"

G_BEGIN_DECLS

#define WAYMARK_CANVAS_MIN_ZOOM 0.1
#define WAYMARK_CANVAS_MAX_ZOOM 4.0

#define WAYMARK_TYPE_CANVAS (waymark_canvas_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkCanvas, waymark_canvas, WAYMARK, CANVAS, GtkWidget)

/* Properties: "document", "zoom" (double), "dark" (boolean),
 * "drawing-curve" (WaymarkCurve*, nullable: while set, a drag in the emotion
 * lane draws that curve freehand) and those of GtkScrollable. Signal
 * "selection-changed" (no arguments): the selected elements or the selected
 * curve point changed. Actions are in the "canvas" group: canvas.delete,
 * canvas.copy, canvas.cut, canvas.paste, canvas.duplicate, canvas.rename,
 * canvas.select-all, canvas.zoom-in, canvas.zoom-out, canvas.zoom-reset,
 * canvas.zoom-fit, canvas.add-touchpoint, canvas.insert-stage-before,
 * canvas.insert-stage-after, canvas.add-lane, canvas.delete-stage,
 * canvas.delete-lane, canvas.draw-curve (parameter "s": a curve ID starts
 * drawing it, "" ends drawing), canvas.add-point, canvas.remove-point,
 * canvas.edit-note, canvas.link-selected, canvas.unlink-selected (exactly
 * two cards selected), canvas.hide-lane, canvas.toggle-lane-collapsed. */

GtkWidget       *waymark_canvas_new            (void);

WaymarkDocument *waymark_canvas_get_document   (WaymarkCanvas   *self);
void             waymark_canvas_set_document   (WaymarkCanvas   *self,
                                                WaymarkDocument *document);
WaymarkLayout   *waymark_canvas_get_layout     (WaymarkCanvas   *self);

double           waymark_canvas_get_zoom       (WaymarkCanvas   *self);
void             waymark_canvas_set_zoom       (WaymarkCanvas   *self,
                                                double           zoom);
void             waymark_canvas_zoom_to_fit    (WaymarkCanvas   *self);
gboolean         waymark_canvas_get_dark       (WaymarkCanvas   *self);
void             waymark_canvas_set_dark       (WaymarkCanvas   *self,
                                                gboolean         dark);

/* Selected elements (touchpoints, or one stage or lane) in document order;
 * free with g_ptr_array_unref. */
GPtrArray       *waymark_canvas_get_selection  (WaymarkCanvas   *self);
/* Selects element (NULL clears). With extend the selection grows or, if
 * element is already selected, shrinks. The element also gets the focus. */
void             waymark_canvas_select         (WaymarkCanvas   *self,
                                                WaymarkElement  *element,
                                                gboolean         extend);
WaymarkElement  *waymark_canvas_get_focus      (WaymarkCanvas   *self);
void             waymark_canvas_scroll_to      (WaymarkCanvas   *self,
                                                WaymarkElement  *element);
/* The selected curve point: FALSE (and both NULL) when there is none. A
 * selected point and selected elements exclude each other. */
gboolean         waymark_canvas_get_selected_point (WaymarkCanvas  *self,
                                                    WaymarkCurve  **curve,
                                                    WaymarkStage  **stage);
/* Selects the point of curve at stage (NULL, NULL deselects). The curve must
 * have a value there. Emits "selection-changed". */
void             waymark_canvas_select_point   (WaymarkCanvas   *self,
                                                WaymarkCurve    *curve,
                                                WaymarkStage    *stage);
WaymarkCurve    *waymark_canvas_get_drawing_curve (WaymarkCanvas *self);
void             waymark_canvas_set_drawing_curve (WaymarkCanvas *self,
                                                   WaymarkCurve  *curve);
/* Opens the in-place editor on the title of a touchpoint, stage or lane. */
void             waymark_canvas_edit_title     (WaymarkCanvas   *self,
                                                WaymarkElement  *element);

G_END_DECLS
