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
/* The popover of "Edit Note…", when it is open, and its entry. */
GtkWidget *_waymark_canvas_get_note_entry (WaymarkCanvas *self);
/* The context menu for what is at widget coordinates (x, y), as it would
 * pop up there; the canvas keeps it until the next one. */
GMenuModel *_waymark_canvas_context_menu_at (WaymarkCanvas *self,
                                             double         x,
                                             double         y);

/* Shift while dragging a point: the nearest integer level of the map's
 * scale, within the scale. */
double   _waymark_snap_emotion        (WaymarkDocument *document,
                                       double           value);

typedef struct
{
  WaymarkStage *stage;   /* not a reference */
  double        value;
} WaymarkFitPoint;

/* Fits a freehand stroke (n_points (x, y) pairs, layout units, in drawing
 * order) to one value per stage it crosses: the mean of the stroke's emotion
 * values (waymark_layout_emotion_for_y) over the stroke resampled evenly
 * along its length, taking the samples whose x lies in the stage's column.
 * Returns WaymarkFitPoint in stage order; stages not crossed are left out. */
GArray  *_waymark_fit_freehand        (WaymarkLayout   *layout,
                                       const double    *xy,
                                       guint            n_points);

G_END_DECLS
