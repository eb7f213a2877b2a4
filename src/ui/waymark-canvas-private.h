/* waymark-canvas-private.h — the canvas's pointer logic, reachable from tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gesture handlers call these with widget coordinates; widget tests call
 * them directly to check selection and drag logic without a display server's
 * pointer.
 */
#pragma once

#include "waymark-canvas.h"

G_BEGIN_DECLS

void     _waymark_canvas_press        (WaymarkCanvas   *self,
                                       double           x,
                                       double           y,
                                       GdkModifierType  modifiers,
                                       int              n_press);
void     _waymark_canvas_release      (WaymarkCanvas   *self,
                                       double           x,
                                       double           y);
void     _waymark_canvas_drag_begin   (WaymarkCanvas   *self,
                                       double           x,
                                       double           y,
                                       GdkModifierType  modifiers);
void     _waymark_canvas_drag_update  (WaymarkCanvas   *self,
                                       double           x,
                                       double           y);
void     _waymark_canvas_drag_end     (WaymarkCanvas   *self,
                                       double           x,
                                       double           y);
/* What Esc does during a drag: nothing of it reaches the document. */
void     _waymark_canvas_drag_cancel  (WaymarkCanvas   *self);
gboolean _waymark_canvas_is_dragging  (WaymarkCanvas   *self);
/* Widget coordinates of a layout rect at the current zoom and scroll. */
void     _waymark_canvas_layout_to_widget (WaymarkCanvas     *self,
                                           const WaymarkRect *rect,
                                           graphene_rect_t   *out);
/* What a key press on the canvas does (arrows, Alt+arrows, Tab, Return, Esc). */
gboolean _waymark_canvas_key_press    (WaymarkCanvas   *self,
                                       guint            keyval,
                                       GdkModifierType  state);
/* The in-place editor, when it is open. */
GtkWidget *_waymark_canvas_get_editor (WaymarkCanvas   *self);

G_END_DECLS
