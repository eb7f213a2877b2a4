/* waymark-canvas.c — the journey map, drawn and edited by direct manipulation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "waymark-canvas.h"
#include "waymark-canvas-private.h"
#include "waymark-clipboard.h"
#include "waymark-renderer.h"
#include "waymark-ui-private.h"

#define DRAG_THRESHOLD   4.0   /* widget px before a press becomes a drag */
#define AUTOSCROLL_EDGE  32.0  /* widget px from an edge where dragging scrolls */
#define AUTOSCROLL_SPEED 24.0  /* widget px per frame at the very edge */
#define ZOOM_STEP        1.2
#define EDITOR_MIN_WIDTH 160.0
#define POINT_RADIUS     8.0   /* layout units around a curve point, for scrolling and tooltips */
#define KEY_STEP         0.25  /* Up/Down on a selected point */
#define FIT_STEP         2.0   /* layout units between samples of a resampled stroke */
#define FIT_MAX_SAMPLES  100000

typedef enum {
  DRAG_NONE,
  DRAG_PENDING,      /* pressed, not yet moved past the threshold */
  DRAG_CARDS,
  DRAG_RUBBER_BAND,
  DRAG_STAGE,
  DRAG_STAGE_EDGE,
  DRAG_LANE,
  DRAG_CURVE_POINT,
  DRAG_FREEHAND,
  DRAG_PAN,
} DragMode;

struct _WaymarkCanvas
{
  GtkWidget        parent_instance;

  /* Inside measure, size_allocate or snapshot: reading the layout there
   * may compute it, and the frame in progress already uses the result. */
  gboolean         allocating;
  guint            relayout_idle;

  WaymarkDocument *document;
  WaymarkLayout   *layout;

  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;
  double           zoom;
  gboolean         dark;

  /* Elements are not referenced: "changed" removals drop them at once. */
  GHashTable      *selection;
  WaymarkElement  *focus;
  WaymarkElement  *hover;

  /* Pointer interaction */
  DragMode         drag_mode;
  WaymarkHit       press_hit;
  double           press_lx;       /* layout coordinates of the press */
  double           press_ly;
  double           press_wx;       /* widget coordinates of the press */
  double           press_wy;
  double           pointer_wx;     /* widget coordinates now */
  double           pointer_wy;
  GdkModifierType  press_modifiers;
  gboolean         press_selected; /* the pressed card was already selected */
  GPtrArray       *dragged;        /* WaymarkTouchpoint*, document order, owned */
  GHashTable      *hidden;
  double           grab_dx;        /* pointer inside the pressed card, layout units */
  double           grab_dy;
  gboolean         drop_valid;
  WaymarkStage    *drop_stage;
  WaymarkLane     *drop_lane;
  guint            drop_index;
  guint            drop_position;  /* stage or lane reordering */
  double           drag_value;     /* new stage width or curve value */
  GHashTable      *band_base;      /* selection when a Shift rubber band began */
  double           pan_h0;
  double           pan_v0;
  gboolean         space_down;
  guint            autoscroll_id;
  double           zoom_begin;
  gint64           event_time_us;  /* spent handling pointer motion this frame */

  /* Drawing: the map below the moving parts is kept as one node */
  GskRenderNode   *base_node;
  GskRenderNode   *indicator_node;  /* for drop_stage, drop_lane, drop_index */
  WaymarkStage    *indicator_stage;
  WaymarkLane     *indicator_lane;
  guint            indicator_index;
  GskRenderNode   *stack_node;      /* the dragged cards, at the origin */
  graphene_rect_t  stack_area;
  int              allocated_width;
  int              allocated_height;
  gboolean         geometry_dirty;

  /* In-place editing */
  GtkWidget       *editor;
  WaymarkElement  *edit_element;   /* NULL with edit_map: the map title */
  gboolean         edit_map;
  gboolean         editing;
  /* The element being named was created by the step on top of the history
   * and nothing changed since: its name joins that step. */
  gboolean         edit_fresh;
  WaymarkStage    *fresh_stage;    /* where a fresh touchpoint sits */
  WaymarkLane     *fresh_lane;
  int              fresh_index;    /* in its cell, or of the stage or lane */

  /* Context menu */
  GtkWidget       *context_menu;
  WaymarkHit       context_hit;
  gboolean         context_valid;
  double           context_lx;     /* layout coordinates of the context click */
  double           context_ly;
  GSimpleActionGroup *context_actions;

  /* Curves. None is referenced but the drawing curve: "changed" removals
   * drop them at once. */
  WaymarkCurve    *point_curve;    /* the selected point, or NULL */
  WaymarkStage    *point_stage;
  WaymarkCurve    *active_curve;   /* the curve last worked on */
  WaymarkCurve    *drawing_curve;  /* "drawing-curve" */
  WaymarkCurve    *stroke_curve;   /* the curve a press in the emotion lane draws */
  GArray          *stroke;         /* double x, y pairs in layout units */
  GdkModifierType  drag_modifiers; /* modifiers now, during a drag */

  /* "Edit Note…" */
  GtkWidget       *note_popover;
  GtkWidget       *note_entry;
  WaymarkCurve    *note_curve;
  WaymarkStage    *note_stage;

  /* WAYMARK_DEBUG=frames */
  gboolean         debug_frames;
  gboolean         debug_geometry;
  GArray          *frame_times;    /* double, milliseconds */
  gulong           before_paint_id;
  gulong           after_paint_id;
  gint64           paint_start_us;
  gboolean         drew_this_frame;
};

static void waymark_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WaymarkCanvas, waymark_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      waymark_canvas_scrollable_init))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  PROP_DARK,
  PROP_DRAWING_CURVE,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void actions_update (WaymarkCanvas *self);
static void editor_commit  (WaymarkCanvas *self);
static void scroll_to_rect (WaymarkCanvas     *self,
                            const WaymarkRect *rect);

/* ---- Auxiliary ---------------------------------------------------------- */

static double
hvalue (WaymarkCanvas *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0.0;
}

static double
vvalue (WaymarkCanvas *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0.0;
}

static void
widget_to_layout (WaymarkCanvas *self,
                  double         wx,
                  double         wy,
                  double        *lx,
                  double        *ly)
{
  *lx = (wx + hvalue (self)) / self->zoom;
  *ly = (wy + vvalue (self)) / self->zoom;
}

void
_waymark_canvas_layout_to_widget (WaymarkCanvas     *self,
                                  const WaymarkRect *rect,
                                  graphene_rect_t   *out)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  graphene_rect_init (out,
                      rect->x * self->zoom - hvalue (self),
                      rect->y * self->zoom - vvalue (self),
                      rect->width * self->zoom,
                      rect->height * self->zoom);
}

/* Everything below the moving parts must be drawn again. */
static void
invalidate (WaymarkCanvas *self)
{
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  g_clear_pointer (&self->indicator_node, gsk_render_node_unref);
  g_clear_pointer (&self->stack_node, gsk_render_node_unref);
  self->geometry_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
configure_adjustments (WaymarkCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double content_width = 0.0;
  double content_height = 0.0;

  if (self->layout != NULL)
    {
      content_width = ceil (waymark_layout_get_width (self->layout) * self->zoom);
      content_height = ceil (waymark_layout_get_height (self->layout) * self->zoom);
    }

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (hvalue (self), 0.0, MAX (0.0, content_width - width)),
                              0.0, MAX (content_width, width),
                              width * 0.1, width * 0.9, width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (vvalue (self), 0.0, MAX (0.0, content_height - height)),
                              0.0, MAX (content_height, height),
                              height * 0.1, height * 0.9, height);
}

static gboolean
is_card_lane (WaymarkLane *lane)
{
  return lane != NULL && waymark_lane_get_kind (lane) != WAYMARK_LANE_EMOTION;
}

static gboolean
selection_has_touchpoints (WaymarkCanvas *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (WAYMARK_IS_TOUCHPOINT (key))
      return TRUE;
  return FALSE;
}

/* Selected touchpoints in document order, referenced. */
static GPtrArray *
selected_touchpoints (WaymarkCanvas *self)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *touchpoints;
  guint n;

  if (self->document == NULL || !selection_has_touchpoints (self))
    return result;

  touchpoints = waymark_document_get_touchpoints (self->document);
  n = g_list_model_get_n_items (touchpoints);
  for (guint i = 0; i < n && result->len < g_hash_table_size (self->selection); i++)
    {
      WaymarkTouchpoint *tp = g_list_model_get_item (touchpoints, i);

      if (g_hash_table_contains (self->selection, tp))
        g_ptr_array_add (result, tp);
      else
        g_object_unref (tp);
    }

  return result;
}

static gboolean
is_emotion_lane (WaymarkLane *lane)
{
  return lane != NULL && waymark_lane_get_kind (lane) == WAYMARK_LANE_EMOTION;
}

/* Values as the canvas writes them: two decimals at most. */
static double
round_value (double value)
{
  value = round (value * 100.0) / 100.0;
  /* No "-0" in files and labels. */
  return value == 0.0 ? 0.0 : value;
}

/* "-1.25", "2", and the name of the nearest level if it has one:
 * "-1 · Frustrated". */
static char *
describe_value (WaymarkCanvas *self,
                double         value)
{
  g_autofree char *number = g_strdup_printf ("%.2f", round_value (value));
  const char *level = waymark_document_get_emotion_level_name (self->document, value);
  char *end = number + strlen (number) - 1;

  /* Trailing zeros go, and the decimal separator of the locale with them. */
  while (end > number && *end == '0')
    *end-- = '\0';
  if (end > number && (*end == '.' || *end == ','))
    *end = '\0';

  if (level == NULL || *level == '\0')
    return g_steal_pointer (&number);
  /* Translators: an emotion value and the name of its level, e.g. "-1 · Frustrated" */
  return g_strdup_printf (C_("emotion value", "%s · %s"), number, level);
}

static void
update_accessible (WaymarkCanvas *self)
{
  const char *description = "";
  g_autofree char *text = NULL;
  double value;

  if (self->point_curve != NULL &&
      waymark_curve_get_value (self->point_curve, self->point_stage, &value))
    {
      g_autofree char *described = describe_value (self, value);

      /* Translators: a point of an emotion curve, read by screen readers:
       * the curve's name, the stage's name and the value */
      text = g_strdup_printf (_("Point of “%s” at stage %s: %s"),
                              waymark_curve_get_name (self->point_curve),
                              waymark_stage_get_name (self->point_stage), described);
      description = text;
    }
  else if (WAYMARK_IS_TOUCHPOINT (self->focus))
    {
      WaymarkTouchpoint *tp = WAYMARK_TOUCHPOINT (self->focus);

      /* Translators: a card, its stage and its lane, read by screen readers */
      text = g_strdup_printf (_("Touchpoint “%s”, stage %s, lane %s"),
                              waymark_touchpoint_get_title (tp),
                              waymark_stage_get_name (waymark_touchpoint_get_stage (tp)),
                              waymark_lane_get_name (waymark_touchpoint_get_lane (tp)));
      description = text;
    }
  else if (WAYMARK_IS_STAGE (self->focus))
    {
      text = g_strdup_printf (_("Stage “%s”"), waymark_stage_get_name (WAYMARK_STAGE (self->focus)));
      description = text;
    }
  else if (WAYMARK_IS_LANE (self->focus))
    {
      text = g_strdup_printf (_("Lane “%s”"), waymark_lane_get_name (WAYMARK_LANE (self->focus)));
      description = text;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
selection_changed (WaymarkCanvas *self)
{
  /* A selected point and selected elements exclude each other. */
  if (g_hash_table_size (self->selection) > 0 || self->focus != NULL)
    {
      self->point_curve = NULL;
      self->point_stage = NULL;
    }
  invalidate (self);
  actions_update (self);
  update_accessible (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
set_focus_element (WaymarkCanvas  *self,
                   WaymarkElement *element)
{
  if (self->focus == element)
    return;
  self->focus = element;
}

static void
select_only (WaymarkCanvas  *self,
             WaymarkElement *element)
{
  g_hash_table_remove_all (self->selection);
  if (element != NULL)
    g_hash_table_add (self->selection, element);
  set_focus_element (self, element);
  self->point_curve = NULL;
  self->point_stage = NULL;
  selection_changed (self);
}

static void
select_touchpoints (WaymarkCanvas *self,
                    GPtrArray     *touchpoints)
{
  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < touchpoints->len; i++)
    g_hash_table_add (self->selection, g_ptr_array_index (touchpoints, i));
  set_focus_element (self, touchpoints->len > 0 ? g_ptr_array_index (touchpoints, 0) : NULL);
  selection_changed (self);
}

static gboolean
element_rect (WaymarkCanvas  *self,
              WaymarkElement *element,
              WaymarkRect    *rect)
{
  if (self->layout == NULL || element == NULL)
    return FALSE;
  if (WAYMARK_IS_TOUCHPOINT (element))
    return waymark_layout_get_card_rect (self->layout, WAYMARK_TOUCHPOINT (element), rect);
  if (WAYMARK_IS_STAGE (element))
    return waymark_layout_get_stage_header_rect (self->layout, WAYMARK_STAGE (element), rect);
  if (WAYMARK_IS_LANE (element))
    return waymark_layout_get_lane_label_rect (self->layout, WAYMARK_LANE (element), rect);
  return FALSE;
}

static WaymarkStage *
stage_at (WaymarkCanvas *self,
          guint          index)
{
  GListModel *stages = waymark_document_get_stages (self->document);
  g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, index);

  /* The document holds a reference as long as the stage is in it. */
  return stage;
}

static WaymarkLane *
lane_at (WaymarkCanvas *self,
         guint          index)
{
  GListModel *lanes = waymark_document_get_lanes (self->document);
  g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, index);

  return lane;
}

/* ---- Document and layout ------------------------------------------------ */

static void
forget_element (WaymarkCanvas  *self,
                WaymarkElement *element)
{
  gboolean was_selected = g_hash_table_remove (self->selection, element);

  if (self->focus == element)
    {
      self->focus = NULL;
      was_selected = TRUE;
    }
  if (self->hover == element)
    self->hover = NULL;
  if ((gpointer) self->point_curve == (gpointer) element ||
      (gpointer) self->point_stage == (gpointer) element)
    {
      self->point_curve = NULL;
      self->point_stage = NULL;
      was_selected = TRUE;
    }
  if ((gpointer) self->active_curve == (gpointer) element)
    self->active_curve = NULL;
  if ((gpointer) self->note_curve == (gpointer) element ||
      (gpointer) self->note_stage == (gpointer) element)
    gtk_popover_popdown (GTK_POPOVER (self->note_popover));
  if ((gpointer) self->stroke_curve == (gpointer) element)
    {
      if (self->drag_mode == DRAG_FREEHAND)
        _waymark_canvas_drag_cancel (self);
      self->stroke_curve = NULL;
    }
  if ((gpointer) self->drawing_curve == (gpointer) element)
    waymark_canvas_set_drawing_curve (self, NULL);
  if (self->context_valid &&
      (self->context_hit.element == element ||
       (gpointer) self->context_hit.stage == (gpointer) element ||
       (gpointer) self->context_hit.lane == (gpointer) element))
    self->context_valid = FALSE;
  if (self->editing && self->edit_element == element)
    {
      self->editing = FALSE;
      self->edit_element = NULL;
      gtk_widget_set_visible (self->editor, FALSE);
    }
  if (self->dragged != NULL && self->drag_mode != DRAG_NONE)
    {
      for (guint i = 0; i < self->dragged->len; i++)
        if (g_ptr_array_index (self->dragged, i) == (gpointer) element)
          {
            _waymark_canvas_drag_cancel (self);
            break;
          }
    }
  if ((gpointer) self->press_hit.element == (gpointer) element ||
      (gpointer) self->press_hit.stage == (gpointer) element ||
      (gpointer) self->press_hit.lane == (gpointer) element)
    {
      if (self->drag_mode != DRAG_NONE)
        _waymark_canvas_drag_cancel (self);
      memset (&self->press_hit, 0, sizeof self->press_hit);
    }

  if (was_selected)
    selection_changed (self);
}

static void
document_changed (WaymarkCanvas     *self,
                  WaymarkChangeKind  kind,
                  WaymarkElement    *element,
                  const char        *detail)
{
  if (kind == WAYMARK_CHANGE_REMOVED && element != NULL)
    {
      forget_element (self, element);

      /* Removing a stage or lane removes its touchpoints without a signal
       * for each: drop what is no longer in the document. */
      if (WAYMARK_IS_STAGE (element) || WAYMARK_IS_LANE (element))
        {
          GHashTableIter iter;
          gpointer key;
          gboolean dropped = FALSE;

          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (waymark_element_get_document (key) != self->document)
              {
                g_hash_table_iter_remove (&iter);
                dropped = TRUE;
              }
          if (self->focus != NULL && waymark_element_get_document (self->focus) != self->document)
            {
              self->focus = NULL;
              dropped = TRUE;
            }
          if (self->hover != NULL && waymark_element_get_document (self->hover) != self->document)
            self->hover = NULL;
          if (dropped)
            selection_changed (self);
        }
    }

  /* The selected point went away with an undo, or its curve was hidden. */
  if (self->point_curve != NULL)
    {
      double value;

      if (!waymark_curve_get_visible (self->point_curve) ||
          !waymark_curve_get_value (self->point_curve, self->point_stage, &value))
        {
          self->point_curve = NULL;
          self->point_stage = NULL;
          selection_changed (self);
        }
      else if (kind == WAYMARK_CHANGE_CURVE)
        update_accessible (self);
    }

  if (kind == WAYMARK_CHANGE_PROPERTY || kind == WAYMARK_CHANGE_MOVED)
    update_accessible (self);

  /* Someone else changed the map (the inspector, an undo): the name is a
   * step of its own again. */
  self->edit_fresh = FALSE;

  invalidate (self);
  /* A resize, not just an allocation: the map's size may have changed
   * (a lane hidden, a stage added), and the scrolled window decides on its
   * scrollbars from our measured size before we configure the adjustments.
   * With a stale measurement it changes its mind inside our allocation,
   * and GTK 4.8 then leaves the window unallocated. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
  actions_update (self);
}

static void
relayout_idle_cb (gpointer data)
{
  WaymarkCanvas *self = data;

  self->relayout_idle = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
layout_invalidated (WaymarkCanvas *self,
                    gpointer       area)
{
  invalidate (self);
  /* Queueing an allocation from within a frame's layout or paint would
   * leave the window unallocated for the paint that follows (GTK warns,
   * skips it and loops); ask for the next frame instead. */
  if (!self->allocating)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else if (self->relayout_idle == 0)
    self->relayout_idle = g_idle_add_once (relayout_idle_cb, self);
}

/* ---- In-place editing --------------------------------------------------- */

static const char *
title_property (WaymarkElement *element)
{
  if (WAYMARK_IS_TOUCHPOINT (element))
    return "title";
  if (element == NULL)
    return "title";
  return "name";
}

static void
editor_position (WaymarkCanvas   *self,
                 graphene_rect_t *out)
{
  WaymarkRect rect;
  int min_height;

  if (self->edit_map)
    {
      rect.x = 40.0;
      rect.y = 40.0;
      rect.width = MAX (EDITOR_MIN_WIDTH, waymark_layout_get_width (self->layout) / 2.0);
      rect.height = 40.0;
    }
  else if (!element_rect (self, self->edit_element, &rect))
    {
      graphene_rect_init (out, 0, 0, 0, 0);
      return;
    }

  _waymark_canvas_layout_to_widget (self, &rect, out);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  /* Over the title: centred on a header or label, at the top of a card. */
  if (!WAYMARK_IS_TOUCHPOINT (self->edit_element) && out->size.height > min_height)
    out->origin.y += (out->size.height - min_height) / 2.0;
  out->size.width = MAX (out->size.width, EDITOR_MIN_WIDTH);
  out->size.height = MAX (min_height, 0);
}

static void
editor_finish (WaymarkCanvas *self,
               gboolean       commit,
               gboolean       refocus)
{
  if (!self->editing)
    return;

  /* Cleared first: committing emits "changed", and hiding the entry moves
   * the focus, which would come back here. */
  if (commit)
    editor_commit (self);
  self->editing = FALSE;
  self->edit_fresh = FALSE;
  self->edit_element = NULL;
  self->edit_map = FALSE;
  gtk_widget_set_visible (self->editor, FALSE);
  if (refocus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  invalidate (self);
}

static void
editor_close (WaymarkCanvas *self,
              gboolean       commit)
{
  editor_finish (self, commit, TRUE);
}

/* Adding an element and typing its name is one step to undo: the addition
 * is taken back and made again, named, as one group under its own label. */
static void
commit_fresh (WaymarkCanvas *self,
              const char    *name)
{
  g_autoptr(WaymarkElement) element = g_object_ref (self->edit_element);
  g_autofree char *label = g_strdup (waymark_document_get_undo_label (self->document));
  WaymarkStage *stage = self->fresh_stage;
  WaymarkLane *lane = self->fresh_lane;
  int index = self->fresh_index;

  self->edit_fresh = FALSE;
  self->edit_element = NULL;
  waymark_document_undo (self->document);

  waymark_document_begin_group (self->document, label);
  if (WAYMARK_IS_TOUCHPOINT (element))
    waymark_document_add_touchpoint (self->document, WAYMARK_TOUCHPOINT (element), stage, lane,
                                     index);
  else if (WAYMARK_IS_STAGE (element))
    waymark_document_insert_stage (self->document, WAYMARK_STAGE (element), index);
  else if (WAYMARK_IS_LANE (element))
    waymark_document_insert_lane (self->document, WAYMARK_LANE (element), index);
  waymark_document_set_string (self->document, element, title_property (element), name);
  waymark_document_end_group (self->document);

  select_only (self, element);
}

static void
editor_commit (WaymarkCanvas *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->editor));
  g_autofree char *old = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (self->document == NULL)
    return;

  if (self->edit_map)
    old = g_strdup (waymark_document_get_title (self->document));
  else if (self->edit_element != NULL)
    g_object_get (self->edit_element, title_property (self->edit_element), &old, NULL);
  else
    return;

  /* A stage or lane needs a name to be found again; an empty edit keeps it. */
  if (*stripped == '\0' && !WAYMARK_IS_TOUCHPOINT (self->edit_element))
    return;
  if (g_strcmp0 (old, stripped) == 0)
    return;

  if (self->edit_fresh && !self->edit_map && waymark_document_can_undo (self->document))
    {
      commit_fresh (self, stripped);
      return;
    }

  waymark_document_set_string (self->document, self->edit_map ? NULL : self->edit_element,
                               title_property (self->edit_map ? NULL : self->edit_element),
                               stripped);
}

static void
editor_activate (GtkEntry      *entry,
                 WaymarkCanvas *self)
{
  editor_close (self, TRUE);
}

static gboolean
editor_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    WaymarkCanvas         *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      editor_close (self, FALSE);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
editor_focus_leave (GtkEventControllerFocus *controller,
                    WaymarkCanvas           *self)
{
  GtkRoot *root = gtk_widget_get_root (self->editor);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Only the window went inactive (a popover's grab, another application):
   * the text stays where it is, being edited. */
  if (focus != NULL && (focus == self->editor || gtk_widget_is_ancestor (focus, self->editor)))
    return;

  /* The focus went elsewhere on purpose: another widget took it. */
  editor_finish (self, TRUE, FALSE);
}

static void
edit_start (WaymarkCanvas  *self,
            WaymarkElement *element,
            gboolean        map_title)
{
  g_autofree char *text = NULL;

  if (self->document == NULL)
    return;
  if (self->editing)
    editor_close (self, TRUE);

  if (map_title)
    text = g_strdup (waymark_document_get_title (self->document));
  else if (element != NULL && (WAYMARK_IS_TOUCHPOINT (element) || WAYMARK_IS_STAGE (element) ||
                               WAYMARK_IS_LANE (element)))
    g_object_get (element, title_property (element), &text, NULL);
  else
    return;

  waymark_canvas_scroll_to (self, element);

  self->editing = TRUE;
  self->edit_map = map_title;
  self->edit_element = map_title ? NULL : element;
  gtk_editable_set_text (GTK_EDITABLE (self->editor), text != NULL ? text : "");
  gtk_widget_set_visible (self->editor, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (self->editor);
  gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
}

GtkWidget *
_waymark_canvas_get_editor (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->editing ? self->editor : NULL;
}

/* ---- Editing commands --------------------------------------------------- */

/* The stage and lane an action without a pointer applies to. */
static void
target_cell (WaymarkCanvas  *self,
             WaymarkStage  **stage,
             WaymarkLane   **lane)
{
  GListModel *lanes = waymark_document_get_lanes (self->document);
  guint n_lanes = g_list_model_get_n_items (lanes);

  *stage = NULL;
  *lane = NULL;

  if (self->context_valid)
    {
      *stage = self->context_hit.stage;
      *lane = self->context_hit.lane;
    }
  else if (WAYMARK_IS_TOUCHPOINT (self->focus))
    {
      *stage = waymark_touchpoint_get_stage (WAYMARK_TOUCHPOINT (self->focus));
      *lane = waymark_touchpoint_get_lane (WAYMARK_TOUCHPOINT (self->focus));
    }
  else if (WAYMARK_IS_STAGE (self->focus))
    *stage = WAYMARK_STAGE (self->focus);
  else if (WAYMARK_IS_LANE (self->focus))
    *lane = WAYMARK_LANE (self->focus);

  if (*stage == NULL && g_list_model_get_n_items (waymark_document_get_stages (self->document)) > 0)
    *stage = stage_at (self, 0);
  if (!is_card_lane (*lane))
    {
      *lane = NULL;
      for (guint i = 0; i < n_lanes && *lane == NULL; i++)
        if (is_card_lane (lane_at (self, i)))
          *lane = lane_at (self, i);
    }
}

static void
delete_selection (WaymarkCanvas *self)
{
  g_autoptr(GPtrArray) touchpoints = selected_touchpoints (self);

  if (touchpoints->len > 0)
    {
      waymark_document_begin_group (self->document,
                                    touchpoints->len == 1 ? _("Delete Touchpoint")
                                                          : _("Delete Touchpoints"));
      for (guint i = 0; i < touchpoints->len; i++)
        waymark_document_remove_touchpoint (self->document, g_ptr_array_index (touchpoints, i));
      waymark_document_end_group (self->document);
    }
  else if (WAYMARK_IS_STAGE (self->focus))
    waymark_document_remove_stage (self->document, WAYMARK_STAGE (self->focus));
  else if (WAYMARK_IS_LANE (self->focus))
    waymark_document_remove_lane (self->document, WAYMARK_LANE (self->focus));
}

/* Adds touchpoints (new, not in a document) after index in a cell, as one step. */
static void
insert_touchpoints (WaymarkCanvas *self,
                    GPtrArray     *touchpoints,
                    WaymarkStage  *stage,
                    WaymarkLane   *lane,
                    int            index,
                    const char    *label)
{
  if (touchpoints->len == 0 || stage == NULL || lane == NULL)
    return;

  waymark_document_begin_group (self->document, label);
  for (guint i = 0; i < touchpoints->len; i++)
    waymark_document_add_touchpoint (self->document, g_ptr_array_index (touchpoints, i),
                                     stage, lane, index < 0 ? -1 : index + (int) i);
  waymark_document_end_group (self->document);

  select_touchpoints (self, touchpoints);
  waymark_canvas_scroll_to (self, g_ptr_array_index (touchpoints, 0));
}

static void
copy_selection (WaymarkCanvas *self)
{
  g_autoptr(GPtrArray) touchpoints = selected_touchpoints (self);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;

  if (touchpoints->len == 0)
    return;

  bytes = waymark_clipboard_serialize (touchpoints);
  text = waymark_clipboard_to_text (touchpoints);
  providers[0] = gdk_content_provider_new_for_bytes (WAYMARK_CLIPBOARD_MIME_TYPE, bytes);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, 2);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

typedef struct
{
  WaymarkCanvas        *canvas;
  GMemoryOutputStream  *output;
} PasteData;

static void
paste_data_free (PasteData *data)
{
  g_clear_object (&data->canvas);
  g_clear_object (&data->output);
  g_free (data);
}

static void
paste_splice_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PasteData *data = user_data;
  WaymarkCanvas *self = data->canvas;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) touchpoints = NULL;
  WaymarkStage *stage;
  WaymarkLane *lane;
  int index = -1;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0 ||
      self->document == NULL)
    {
      if (error != NULL)
        g_debug ("Paste failed: %s", error->message);
      paste_data_free (data);
      return;
    }

  touchpoints = waymark_clipboard_deserialize (self->document,
                                               g_memory_output_stream_get_data (data->output),
                                               g_memory_output_stream_get_data_size (data->output),
                                               &error);
  if (touchpoints == NULL)
    {
      g_debug ("Nothing to paste: %s", error->message);
      paste_data_free (data);
      return;
    }

  target_cell (self, &stage, &lane);
  if (WAYMARK_IS_TOUCHPOINT (self->focus) && !self->context_valid)
    index = waymark_document_get_index_in_cell (self->document, WAYMARK_TOUCHPOINT (self->focus)) + 1;
  insert_touchpoints (self, touchpoints, stage, lane, index,
                      touchpoints->len == 1 ? _("Paste Touchpoint") : _("Paste Touchpoints"));
  paste_data_free (data);
}

static void
paste_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PasteData *data = user_data;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;

  input = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, NULL, &error);
  if (input == NULL)
    {
      g_debug ("No touchpoints on the clipboard: %s", error->message);
      paste_data_free (data);
      return;
    }

  data->output = G_MEMORY_OUTPUT_STREAM (g_memory_output_stream_new_resizable ());
  g_output_stream_splice_async (G_OUTPUT_STREAM (data->output), input,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_splice_cb, data);
}

static void
paste (WaymarkCanvas *self)
{
  static const char *mime_types[] = { WAYMARK_CLIPBOARD_MIME_TYPE, NULL };
  PasteData *data = g_new0 (PasteData, 1);

  data->canvas = g_object_ref (self);
  gdk_clipboard_read_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), mime_types,
                            G_PRIORITY_DEFAULT, NULL, paste_read_cb, data);
}

static void
duplicate_selection (WaymarkCanvas *self)
{
  g_autoptr(GPtrArray) touchpoints = selected_touchpoints (self);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  gsize length;
  const char *data;

  if (touchpoints->len == 0)
    return;

  bytes = waymark_clipboard_serialize (touchpoints);
  data = g_bytes_get_data (bytes, &length);
  copies = waymark_clipboard_deserialize (self->document, data, length, NULL);
  g_return_if_fail (copies != NULL && copies->len == touchpoints->len);

  waymark_document_begin_group (self->document,
                                copies->len == 1 ? _("Duplicate Touchpoint")
                                                 : _("Duplicate Touchpoints"));
  /* Each copy lands right after its original. */
  for (guint i = 0; i < copies->len; i++)
    {
      WaymarkTouchpoint *original = g_ptr_array_index (touchpoints, i);

      waymark_document_add_touchpoint (self->document, g_ptr_array_index (copies, i),
                                       waymark_touchpoint_get_stage (original),
                                       waymark_touchpoint_get_lane (original),
                                       waymark_document_get_index_in_cell (self->document,
                                                                           original) + 1);
    }
  waymark_document_end_group (self->document);

  select_touchpoints (self, copies);
}

static void
add_touchpoint_in (WaymarkCanvas *self,
                   WaymarkStage  *stage,
                   WaymarkLane   *lane,
                   int            index)
{
  g_autofree char *id = NULL;
  g_autoptr(WaymarkTouchpoint) tp = NULL;

  if (stage == NULL || !is_card_lane (lane))
    return;

  id = waymark_document_make_id (self->document, WAYMARK_TYPE_TOUCHPOINT);
  tp = waymark_touchpoint_new (id, _("New touchpoint"));
  waymark_document_add_touchpoint (self->document, tp, stage, lane, index);
  select_only (self, WAYMARK_ELEMENT (tp));
  edit_start (self, WAYMARK_ELEMENT (tp), FALSE);
  self->edit_fresh = self->editing;
  self->fresh_stage = stage;
  self->fresh_lane = lane;
  self->fresh_index = waymark_document_get_index_in_cell (self->document, tp);
}

static void
insert_stage (WaymarkCanvas *self,
              gboolean       after)
{
  WaymarkStage *stage;
  WaymarkLane *lane;
  g_autofree char *id = NULL;
  g_autoptr(WaymarkStage) new_stage = NULL;
  int position = -1;

  target_cell (self, &stage, &lane);
  if (stage != NULL)
    position = waymark_document_get_stage_index (self->document, stage) + (after ? 1 : 0);

  id = waymark_document_make_id (self->document, WAYMARK_TYPE_STAGE);
  new_stage = waymark_stage_new (id, _("New stage"));
  waymark_document_insert_stage (self->document, new_stage, position);
  self->context_valid = FALSE;
  select_only (self, WAYMARK_ELEMENT (new_stage));
  edit_start (self, WAYMARK_ELEMENT (new_stage), FALSE);
  self->edit_fresh = self->editing;
  self->fresh_index = waymark_document_get_stage_index (self->document, new_stage);
}

static void
add_lane (WaymarkCanvas *self)
{
  WaymarkLane *lane = NULL;
  g_autofree char *id = NULL;
  g_autoptr(WaymarkLane) new_lane = NULL;
  int position = -1;

  if (self->context_valid)
    lane = self->context_hit.lane;
  else if (WAYMARK_IS_LANE (self->focus))
    lane = WAYMARK_LANE (self->focus);
  else if (WAYMARK_IS_TOUCHPOINT (self->focus))
    lane = waymark_touchpoint_get_lane (WAYMARK_TOUCHPOINT (self->focus));
  if (lane != NULL)
    position = waymark_document_get_lane_index (self->document, lane) + 1;

  id = waymark_document_make_id (self->document, WAYMARK_TYPE_LANE);
  new_lane = waymark_lane_new (id, _("New lane"), WAYMARK_LANE_CARDS);
  waymark_document_insert_lane (self->document, new_lane, position);
  self->context_valid = FALSE;
  select_only (self, WAYMARK_ELEMENT (new_lane));
  edit_start (self, WAYMARK_ELEMENT (new_lane), FALSE);
  self->edit_fresh = self->editing;
  self->fresh_index = waymark_document_get_lane_index (self->document, new_lane);
}

/* Alt+arrows: the selected cards go to the neighbouring stage or lane. */
static void
move_selection_by (WaymarkCanvas *self,
                   int            dstage,
                   int            dlane)
{
  g_autoptr(GPtrArray) touchpoints = selected_touchpoints (self);
  guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (self->document));
  guint n_lanes = g_list_model_get_n_items (waymark_document_get_lanes (self->document));
  gboolean any = FALSE;

  if (touchpoints->len == 0)
    return;

  waymark_document_begin_group (self->document,
                                touchpoints->len == 1 ? _("Move Touchpoint")
                                                      : _("Move Touchpoints"));
  for (guint i = 0; i < touchpoints->len; i++)
    {
      WaymarkTouchpoint *tp = g_ptr_array_index (touchpoints, i);
      int s = waymark_document_get_stage_index (self->document, waymark_touchpoint_get_stage (tp));
      int l = waymark_document_get_lane_index (self->document, waymark_touchpoint_get_lane (tp));

      s += dstage;
      l += dlane;
      /* Skip the emotion lane: it holds the curve, not cards. */
      while (dlane != 0 && l >= 0 && l < (int) n_lanes && !is_card_lane (lane_at (self, l)))
        l += dlane;
      if (s < 0 || s >= (int) n_stages || l < 0 || l >= (int) n_lanes)
        continue;

      waymark_document_move_touchpoint (self->document, tp, stage_at (self, s), lane_at (self, l), -1);
      any = TRUE;
    }
  waymark_document_end_group (self->document);

  if (any)
    waymark_canvas_scroll_to (self, g_ptr_array_index (touchpoints, 0));
}

/* ---- Curve points ------------------------------------------------------- */

static gboolean
curve_shown (WaymarkCanvas *self,
             WaymarkCurve  *curve)
{
  return curve != NULL && self->layout != NULL &&
         waymark_element_get_document (WAYMARK_ELEMENT (curve)) == self->document &&
         waymark_layout_is_curve_shown (self->layout, curve);
}

/* The curve that freehand drawing, double-clicks and "Add Point" work on:
 * the selected point's, else the one last worked on, else the first shown. */
static WaymarkCurve *
active_curve (WaymarkCanvas *self)
{
  GListModel *curves;
  guint n;

  if (self->document == NULL)
    return NULL;
  if (self->point_curve != NULL)
    return self->point_curve;
  if (curve_shown (self, self->active_curve))
    return self->active_curve;

  curves = waymark_document_get_curves (self->document);
  n = g_list_model_get_n_items (curves);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      /* The document holds a reference as long as the curve is in it. */
      if (curve_shown (self, curve))
        return curve;
    }

  return NULL;
}

static gboolean
point_rect (WaymarkCanvas *self,
            WaymarkCurve  *curve,
            WaymarkStage  *stage,
            WaymarkRect   *rect)
{
  double x;
  double y;

  if (self->layout == NULL || curve == NULL || stage == NULL ||
      !waymark_layout_get_curve_point (self->layout, curve, stage, &x, &y))
    return FALSE;

  *rect = (WaymarkRect) { x - POINT_RADIUS, y - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS };
  return TRUE;
}

/* Selects a point (NULL deselects) and clears the selected elements;
 * scroll for the keyboard brings it into view. */
static void
set_point (WaymarkCanvas *self,
           WaymarkCurve  *curve,
           WaymarkStage  *stage,
           gboolean       scroll)
{
  WaymarkRect rect;

  if (self->point_curve == curve && self->point_stage == stage &&
      (curve == NULL || (g_hash_table_size (self->selection) == 0 && self->focus == NULL)))
    return;

  if (curve != NULL)
    {
      g_hash_table_remove_all (self->selection);
      self->focus = NULL;
      self->active_curve = curve;
    }
  self->point_curve = curve;
  self->point_stage = curve != NULL ? stage : NULL;
  selection_changed (self);

  /* Not under the pointer: the content would move away from it. */
  if (scroll && point_rect (self, curve, stage, &rect))
    scroll_to_rect (self, &rect);
}

/* The next stage in direction where curve has a point, or NULL. */
static WaymarkStage *
neighbour_point (WaymarkCanvas *self,
                 WaymarkCurve  *curve,
                 WaymarkStage  *stage,
                 int            direction)
{
  int n = g_list_model_get_n_items (waymark_document_get_stages (self->document));
  int index = waymark_document_get_stage_index (self->document, stage);
  double value;

  if (index < 0)
    return NULL;

  for (int i = index + direction; i >= 0 && i < n; i += direction)
    if (waymark_curve_get_value (curve, stage_at (self, i), &value))
      return stage_at (self, i);

  return NULL;
}

double
_waymark_snap_emotion (WaymarkDocument *document,
                       double           value)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), value);

  return CLAMP (round (value), (double) waymark_document_get_emotion_min (document),
                (double) waymark_document_get_emotion_max (document));
}

/* Up/Down on a point: a quarter of a level, or with Shift to the next
 * integer level in that direction. */
static double
step_value (WaymarkCanvas *self,
            double         value,
            int            direction,
            gboolean       to_level)
{
  double next;

  if (to_level)
    next = direction > 0 ? floor (value + 1e-9) + 1.0 : ceil (value - 1e-9) - 1.0;
  else
    next = value + KEY_STEP * direction;

  return round_value (waymark_document_clamp_emotion (self->document, next));
}

/* Removes the selected point; the selection goes to a neighbour so that
 * the keyboard can go on. */
static void
remove_point (WaymarkCanvas *self,
              WaymarkCurve  *curve,
              WaymarkStage  *stage)
{
  WaymarkStage *next;
  gboolean selected = curve == self->point_curve && stage == self->point_stage;

  next = neighbour_point (self, curve, stage, 1);
  if (next == NULL)
    next = neighbour_point (self, curve, stage, -1);

  waymark_document_unset_curve_value (self->document, curve, stage);

  if (selected)
    set_point (self, next != NULL ? curve : NULL, next, TRUE);
}

/* A new point of the active curve at stage, at the value of layout y. */
static gboolean
add_point_at (WaymarkCanvas *self,
              WaymarkStage  *stage,
              double         ly)
{
  WaymarkCurve *curve = active_curve (self);
  double value;

  if (curve == NULL || stage == NULL || waymark_curve_get_value (curve, stage, &value) ||
      !waymark_layout_emotion_for_y (self->layout, ly, &value))
    return FALSE;

  waymark_document_set_curve_value (self->document, curve, stage, round_value (value), FALSE);
  set_point (self, curve, stage, FALSE);
  return TRUE;
}

static gboolean
can_add_point (WaymarkCanvas *self)
{
  WaymarkCurve *curve;
  double value;

  if (!self->context_valid || self->context_hit.kind != WAYMARK_HIT_CELL ||
      !is_emotion_lane (self->context_hit.lane) || self->context_hit.stage == NULL)
    return FALSE;

  curve = active_curve (self);
  return curve != NULL && !waymark_curve_get_value (curve, self->context_hit.stage, &value);
}

/* The point the point actions apply to: the one of the context menu, else
 * the selected one. */
static gboolean
target_point (WaymarkCanvas  *self,
              WaymarkCurve  **curve,
              WaymarkStage  **stage)
{
  if (self->context_valid && self->context_hit.kind == WAYMARK_HIT_CURVE_POINT)
    {
      *curve = WAYMARK_CURVE (self->context_hit.element);
      *stage = self->context_hit.stage;
    }
  else
    {
      *curve = self->point_curve;
      *stage = self->point_stage;
    }

  return *curve != NULL && *stage != NULL;
}

/* ---- Notes -------------------------------------------------------------- */

static void
note_start (WaymarkCanvas *self,
            WaymarkCurve  *curve,
            WaymarkStage  *stage)
{
  const char *note = waymark_curve_get_note (curve, stage);
  WaymarkRect rect;
  graphene_rect_t area;
  GdkRectangle pointing;

  if (!point_rect (self, curve, stage, &rect))
    return;

  scroll_to_rect (self, &rect);
  _waymark_canvas_layout_to_widget (self, &rect, &area);
  pointing = (GdkRectangle) { (int) area.origin.x, (int) area.origin.y,
                              MAX (1, (int) area.size.width), MAX (1, (int) area.size.height) };

  self->note_curve = curve;
  self->note_stage = stage;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note != NULL ? note : "");
  gtk_popover_set_pointing_to (GTK_POPOVER (self->note_popover), &pointing);
  gtk_popover_popup (GTK_POPOVER (self->note_popover));
  gtk_widget_grab_focus (self->note_entry);
}

static void
note_activate (GtkEntry      *entry,
               WaymarkCanvas *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  const char *old;
  double value;

  if (self->document != NULL && self->note_curve != NULL &&
      waymark_curve_get_value (self->note_curve, self->note_stage, &value))
    {
      old = waymark_curve_get_note (self->note_curve, self->note_stage);
      if (g_strcmp0 (old != NULL ? old : "", text) != 0)
        waymark_document_set_curve_note (self->document, self->note_curve, self->note_stage, text);
    }

  gtk_popover_popdown (GTK_POPOVER (self->note_popover));
}

static void
note_closed (GtkPopover    *popover,
             WaymarkCanvas *self)
{
  self->note_curve = NULL;
  self->note_stage = NULL;
  if (self->document != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

GtkWidget *
_waymark_canvas_get_note_entry (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->note_curve != NULL ? self->note_entry : NULL;
}

/* ---- Freehand drawing --------------------------------------------------- */

/* The curve a drag from this press draws, or NULL: in the plot of the
 * emotion lane, the drawing curve anywhere, the active curve from an empty
 * place (a drag from a point moves the point). */
static WaymarkCurve *
stroke_curve_at (WaymarkCanvas    *self,
                 const WaymarkHit *hit,
                 double            lx,
                 double            ly)
{
  WaymarkRect plot;
  WaymarkRect lane;

  if (self->layout == NULL || !is_emotion_lane (hit->lane) || hit->stage == NULL ||
      !waymark_layout_get_emotion_rect (self->layout, &plot) ||
      !waymark_layout_get_lane_rect (self->layout, hit->lane, &lane))
    return NULL;
  /* Only the lane that holds the plot. */
  if (plot.y < lane.y || plot.y >= lane.y + lane.height ||
      lx < plot.x || lx >= plot.x + plot.width)
    return NULL;

  if (self->drawing_curve != NULL)
    return hit->kind == WAYMARK_HIT_CELL || hit->kind == WAYMARK_HIT_CURVE_POINT
           ? self->drawing_curve : NULL;
  if (hit->kind != WAYMARK_HIT_CELL)
    return NULL;
  return active_curve (self);
}

GArray *
_waymark_fit_freehand (WaymarkLayout *layout,
                       const double  *xy,
                       guint          n_points)
{
  WaymarkDocument *document;
  GArray *result;
  guint n_stages;
  g_autofree double *sum = NULL;
  g_autofree guint *count = NULL;
  guint budget = FIT_MAX_SAMPLES;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (layout), NULL);
  g_return_val_if_fail (xy != NULL || n_points == 0, NULL);

  result = g_array_new (FALSE, FALSE, sizeof (WaymarkFitPoint));
  document = waymark_layout_get_document (layout);
  n_stages = g_list_model_get_n_items (waymark_document_get_stages (document));
  if (n_stages == 0 || n_points == 0)
    return result;

  sum = g_new0 (double, n_stages);
  count = g_new0 (guint, n_stages);

  /* Samples evenly spaced along the stroke: a quick stroke that skips a
   * column between two motion events still gives it a value, and where the
   * pointer went slowly does not weigh more. */
  for (guint i = 0; i < n_points && budget > 0; i++)
    {
      double x0 = xy[2 * i];
      double y0 = xy[2 * i + 1];
      double dx = 0.0;
      double dy = 0.0;
      guint steps = 1;

      if (i + 1 < n_points)
        {
          dx = xy[2 * i + 2] - x0;
          dy = xy[2 * i + 3] - y0;
          steps = (guint) MIN (ceil (hypot (dx, dy) / FIT_STEP), (double) budget);
          steps = MAX (steps, 1);
        }

      /* Each segment without its end, which starts the next one. */
      for (guint k = 0; k < steps; k++)
        {
          double x = x0 + dx * k / steps;
          double y = y0 + dy * k / steps;
          WaymarkStage *stage = waymark_layout_stage_at_x (layout, x);
          double value;
          int index;

          if (stage == NULL || !waymark_layout_emotion_for_y (layout, y, &value))
            continue;
          index = waymark_document_get_stage_index (document, stage);
          if (index < 0 || (guint) index >= n_stages)
            continue;
          sum[index] += value;
          count[index]++;
        }
      budget -= MIN (budget, steps);
    }

  for (guint s = 0; s < n_stages; s++)
    if (count[s] > 0)
      {
        g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document), s);
        WaymarkFitPoint point = { stage, sum[s] / count[s] };

        g_array_append_val (result, point);
      }

  return result;
}

static void
stroke_add (WaymarkCanvas *self,
            double         lx,
            double         ly)
{
  guint n = self->stroke->len;

  if (n >= 2 &&
      g_array_index (self->stroke, double, n - 2) == lx &&
      g_array_index (self->stroke, double, n - 1) == ly)
    return;

  g_array_append_val (self->stroke, lx);
  g_array_append_val (self->stroke, ly);
}

/* The stroke becomes one value per stage it crossed, as one step. */
static void
stroke_apply (WaymarkCanvas *self)
{
  WaymarkCurve *curve = self->stroke_curve;
  g_autoptr(GArray) fit = NULL;

  if (curve == NULL || waymark_element_get_document (WAYMARK_ELEMENT (curve)) != self->document)
    return;

  fit = _waymark_fit_freehand (self->layout, (const double *) (gpointer) self->stroke->data,
                               self->stroke->len / 2);
  if (fit->len == 0)
    return;

  waymark_document_begin_group (self->document, _("Draw Curve"));
  for (guint i = 0; i < fit->len; i++)
    {
      WaymarkFitPoint *point = &g_array_index (fit, WaymarkFitPoint, i);

      waymark_document_set_curve_value (self->document, curve, point->stage,
                                        round_value (point->value), FALSE);
    }
  waymark_document_end_group (self->document);
  self->active_curve = curve;
}

/* ---- Legend and lanes --------------------------------------------------- */

static void
toggle_curve_visible (WaymarkCanvas *self,
                      WaymarkCurve  *curve)
{
  waymark_document_set_boolean (self->document, WAYMARK_ELEMENT (curve), "visible",
                                !waymark_curve_get_visible (curve));
}

static void
toggle_lane_collapsed (WaymarkCanvas *self,
                       WaymarkLane   *lane)
{
  waymark_document_set_boolean (self->document, WAYMARK_ELEMENT (lane), "collapsed",
                                !waymark_lane_get_collapsed (lane));
}

/* The lane the lane actions apply to. */
static WaymarkLane *
target_lane (WaymarkCanvas *self)
{
  if (self->context_valid)
    return self->context_hit.kind == WAYMARK_HIT_LANE_LABEL ||
           self->context_hit.kind == WAYMARK_HIT_LANE_TOGGLE ? self->context_hit.lane : NULL;
  return WAYMARK_IS_LANE (self->focus) ? WAYMARK_LANE (self->focus) : NULL;
}

/* ---- Links -------------------------------------------------------------- */

/* With exactly two cards selected: whether they are linked. */
static gboolean
selected_pair (WaymarkCanvas      *self,
               WaymarkTouchpoint **a,
               WaymarkTouchpoint **b,
               gboolean           *linked)
{
  g_autoptr(GPtrArray) touchpoints = NULL;
  g_autoptr(GPtrArray) partners = NULL;

  if (self->document == NULL || g_hash_table_size (self->selection) != 2)
    return FALSE;
  touchpoints = selected_touchpoints (self);
  if (touchpoints->len != 2)
    return FALSE;

  /* The document keeps them alive. */
  *a = g_ptr_array_index (touchpoints, 0);
  *b = g_ptr_array_index (touchpoints, 1);
  partners = waymark_document_get_linked (self->document, *a);
  *linked = g_ptr_array_find (partners, *b, NULL);
  return TRUE;
}

/* ---- Keyboard navigation ------------------------------------------------ */

/* Cards in reading order: stage by stage, lane by lane, down each cell. */
static GPtrArray *
cards_in_reading_order (WaymarkCanvas *self)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (self->document));
  guint n_lanes = g_list_model_get_n_items (waymark_document_get_lanes (self->document));

  for (guint s = 0; s < n_stages; s++)
    for (guint l = 0; l < n_lanes; l++)
      {
        g_autoptr(GPtrArray) cell = waymark_document_get_cell (self->document, stage_at (self, s),
                                                               lane_at (self, l));

        for (guint i = 0; i < cell->len; i++)
          g_ptr_array_add (result, g_object_ref (g_ptr_array_index (cell, i)));
      }

  return result;
}

static WaymarkTouchpoint *
neighbour_card (WaymarkCanvas     *self,
                WaymarkTouchpoint *from,
                int                dstage,
                int                dlane)
{
  int n_stages = g_list_model_get_n_items (waymark_document_get_stages (self->document));
  int n_lanes = g_list_model_get_n_items (waymark_document_get_lanes (self->document));
  int s = waymark_document_get_stage_index (self->document, waymark_touchpoint_get_stage (from));
  int l = waymark_document_get_lane_index (self->document, waymark_touchpoint_get_lane (from));
  int index = waymark_document_get_index_in_cell (self->document, from);

  if (dlane != 0)
    {
      g_autoptr(GPtrArray) cell = waymark_document_get_cell (self->document, stage_at (self, s),
                                                             lane_at (self, l));

      if (index + dlane >= 0 && index + dlane < (int) cell->len)
        return g_ptr_array_index (cell, index + dlane);

      for (l += dlane; l >= 0 && l < n_lanes; l += dlane)
        {
          g_autoptr(GPtrArray) next = waymark_document_get_cell (self->document, stage_at (self, s),
                                                                 lane_at (self, l));

          if (next->len > 0)
            return g_ptr_array_index (next, dlane > 0 ? 0 : next->len - 1);
        }
      return NULL;
    }

  for (s += dstage; s >= 0 && s < n_stages; s += dstage)
    {
      g_autoptr(GPtrArray) next = waymark_document_get_cell (self->document, stage_at (self, s),
                                                             lane_at (self, l));

      if (next->len > 0)
        return g_ptr_array_index (next, MIN (index, (int) next->len - 1));
    }

  return NULL;
}

typedef struct
{
  WaymarkElement *element;  /* a card, or a curve with stage */
  WaymarkStage   *stage;
} FocusStop;

/* Where Tab goes: the cards in reading order, then the points of the shown
 * curves, curve by curve, left to right. */
static GArray *
focus_stops (WaymarkCanvas *self)
{
  GArray *stops = g_array_new (FALSE, FALSE, sizeof (FocusStop));
  g_autoptr(GPtrArray) cards = cards_in_reading_order (self);
  GListModel *curves = waymark_document_get_curves (self->document);
  guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (self->document));

  for (guint i = 0; i < cards->len; i++)
    {
      FocusStop stop = { g_ptr_array_index (cards, i), NULL };

      g_array_append_val (stops, stop);
    }

  for (guint c = 0; c < g_list_model_get_n_items (curves); c++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, c);
      double value;

      if (!curve_shown (self, curve))
        continue;
      for (guint s = 0; s < n_stages; s++)
        if (waymark_curve_get_value (curve, stage_at (self, s), &value))
          {
            FocusStop stop = { WAYMARK_ELEMENT (curve), stage_at (self, s) };

            g_array_append_val (stops, stop);
          }
    }

  /* The document holds references to all of them. */
  return stops;
}

static gboolean
focus_step (WaymarkCanvas *self,
            int            direction)
{
  g_autoptr(GArray) stops = focus_stops (self);
  int position = -1;
  int next;
  FocusStop *stop;

  if (stops->len == 0)
    return FALSE;

  for (guint i = 0; i < stops->len && position < 0; i++)
    {
      stop = &g_array_index (stops, FocusStop, i);
      if (self->point_curve != NULL
          ? (stop->element == WAYMARK_ELEMENT (self->point_curve) && stop->stage == self->point_stage)
          : (stop->stage == NULL && stop->element == self->focus))
        position = (int) i;
    }

  if (position >= 0)
    next = position + direction;
  else
    next = direction > 0 ? 0 : (int) stops->len - 1;

  /* Past the last stop, Tab leaves the canvas like any other widget. */
  if (next < 0 || next >= (int) stops->len)
    return FALSE;

  stop = &g_array_index (stops, FocusStop, next);
  if (stop->stage != NULL)
    set_point (self, WAYMARK_CURVE (stop->element), stop->stage, TRUE);
  else
    {
      select_only (self, stop->element);
      waymark_canvas_scroll_to (self, self->focus);
    }
  return TRUE;
}

/* The keys of a selected point: Up/Down change its value, Left/Right go to
 * the curve's neighbouring points, Return edits its note. */
static gboolean
point_key_pressed (WaymarkCanvas   *self,
                   guint            keyval,
                   GdkModifierType  state)
{
  WaymarkCurve *curve = self->point_curve;
  WaymarkStage *stage = self->point_stage;
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  WaymarkStage *next;
  int direction = 0;
  double value;
  double new_value;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      !waymark_curve_get_value (curve, stage, &value))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      direction = 1;
      G_GNUC_FALLTHROUGH;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (direction == 0)
        direction = -1;
      new_value = step_value (self, value, direction, shift);
      if (new_value == value)
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        waymark_document_set_curve_value (self->document, curve, stage, new_value, FALSE);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      direction = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left ? -1 : 1;
      next = neighbour_point (self, curve, stage, direction);
      if (next == NULL)
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        set_point (self, curve, next, TRUE);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      note_start (self, curve, stage);
      return TRUE;

    default:
      return FALSE;
    }
}

/* The first card of a stage (top lane first) or of a lane (left stage first). */
static WaymarkTouchpoint *
first_card_of (WaymarkCanvas *self,
               WaymarkStage  *stage,
               WaymarkLane   *lane)
{
  guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (self->document));
  guint n_lanes = g_list_model_get_n_items (waymark_document_get_lanes (self->document));
  guint n = stage != NULL ? n_lanes : n_stages;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) cell =
        waymark_document_get_cell (self->document,
                                   stage != NULL ? stage : stage_at (self, i),
                                   lane != NULL ? lane : lane_at (self, i));

      if (cell->len > 0)
        return g_ptr_array_index (cell, 0);
    }

  return NULL;
}

/* Arrows go from card to card; past the top card of a column they reach the
 * stage header, past the first column the lane label, so that every title is
 * reachable without a pointer. */
static WaymarkElement *
neighbour_element (WaymarkCanvas *self,
                   int            dstage,
                   int            dlane)
{
  if (WAYMARK_IS_TOUCHPOINT (self->focus))
    {
      WaymarkTouchpoint *tp = WAYMARK_TOUCHPOINT (self->focus);
      WaymarkTouchpoint *next = neighbour_card (self, tp, dstage, dlane);

      if (next != NULL)
        return WAYMARK_ELEMENT (next);
      if (dlane < 0)
        return WAYMARK_ELEMENT (waymark_touchpoint_get_stage (tp));
      if (dstage < 0)
        return WAYMARK_ELEMENT (waymark_touchpoint_get_lane (tp));
      return NULL;
    }

  if (WAYMARK_IS_STAGE (self->focus))
    {
      WaymarkStage *stage = WAYMARK_STAGE (self->focus);
      int index = waymark_document_get_stage_index (self->document, stage) + dstage;
      int n = g_list_model_get_n_items (waymark_document_get_stages (self->document));

      if (dlane > 0)
        return WAYMARK_ELEMENT (first_card_of (self, stage, NULL));
      if (dstage != 0 && index >= 0 && index < n)
        return WAYMARK_ELEMENT (stage_at (self, index));
      return NULL;
    }

  if (WAYMARK_IS_LANE (self->focus))
    {
      WaymarkLane *lane = WAYMARK_LANE (self->focus);
      int index = waymark_document_get_lane_index (self->document, lane) + dlane;
      int n = g_list_model_get_n_items (waymark_document_get_lanes (self->document));

      if (dstage > 0)
        return WAYMARK_ELEMENT (first_card_of (self, NULL, lane));
      if (dlane != 0 && index >= 0 && index < n)
        return WAYMARK_ELEMENT (lane_at (self, index));
      return NULL;
    }

  return NULL;
}

static void
focus_move (WaymarkCanvas *self,
            int            dstage,
            int            dlane,
            gboolean       extend)
{
  WaymarkElement *next = NULL;

  if (self->focus == NULL)
    {
      focus_step (self, 1);
      return;
    }

  next = neighbour_element (self, dstage, dlane);
  if (next == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  /* Only cards are selected together. */
  if (extend && WAYMARK_IS_TOUCHPOINT (next) && WAYMARK_IS_TOUCHPOINT (self->focus))
    {
      g_hash_table_add (self->selection, next);
      set_focus_element (self, next);
      selection_changed (self);
    }
  else
    select_only (self, next);
  waymark_canvas_scroll_to (self, next);
}

/* Alt+arrows on a stage or a lane: it moves one place along. */
static gboolean
move_structure_by (WaymarkCanvas *self,
                   int            dstage,
                   int            dlane)
{
  if (WAYMARK_IS_STAGE (self->focus) && dstage != 0)
    {
      WaymarkStage *stage = WAYMARK_STAGE (self->focus);
      int to = waymark_document_get_stage_index (self->document, stage) + dstage;

      if (to < 0 || to >= (int) g_list_model_get_n_items (waymark_document_get_stages (self->document)))
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        waymark_document_move_stage (self->document, stage, to);
      waymark_canvas_scroll_to (self, self->focus);
      return TRUE;
    }

  if (WAYMARK_IS_LANE (self->focus) && dlane != 0)
    {
      WaymarkLane *lane = WAYMARK_LANE (self->focus);
      int to = waymark_document_get_lane_index (self->document, lane) + dlane;

      if (to < 0 || to >= (int) g_list_model_get_n_items (waymark_document_get_lanes (self->document)))
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        waymark_document_move_lane (self->document, lane, to);
      waymark_canvas_scroll_to (self, self->focus);
      return TRUE;
    }

  return WAYMARK_IS_STAGE (self->focus) || WAYMARK_IS_LANE (self->focus);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             WaymarkCanvas         *self)
{
  gboolean move = (state & GDK_ALT_MASK) != 0 ||
                  (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) == (GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  gboolean extend = !move && (state & GDK_SHIFT_MASK) != 0;
  int dstage = 0;
  int dlane = 0;

  if (self->document == NULL)
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_Escape)
    {
      if (self->drag_mode != DRAG_NONE && self->drag_mode != DRAG_PENDING)
        {
          _waymark_canvas_drag_cancel (self);
          return GDK_EVENT_STOP;
        }
      if (self->drawing_curve != NULL)
        {
          waymark_canvas_set_drawing_curve (self, NULL);
          return GDK_EVENT_STOP;
        }
      if (self->point_curve != NULL)
        {
          set_point (self, NULL, NULL, FALSE);
          return GDK_EVENT_STOP;
        }
      if (g_hash_table_size (self->selection) > 0)
        {
          select_only (self, NULL);
          return GDK_EVENT_STOP;
        }
      return GDK_EVENT_PROPAGATE;
    }

  if (keyval == GDK_KEY_space && (state & GDK_MODIFIER_MASK) == 0)
    {
      self->space_down = TRUE;
      return GDK_EVENT_STOP;
    }

  if (self->point_curve != NULL && point_key_pressed (self, keyval, state))
    {
      self->context_valid = FALSE;
      return GDK_EVENT_STOP;
    }

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dstage = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dstage = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dlane = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dlane = 1;
      break;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
        return GDK_EVENT_PROPAGATE;
      return focus_step (self, 1) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
    case GDK_KEY_ISO_Left_Tab:
      if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
        return GDK_EVENT_PROPAGATE;
      return focus_step (self, -1) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->focus != NULL)
        {
          edit_start (self, self->focus, FALSE);
          return GDK_EVENT_STOP;
        }
      return GDK_EVENT_PROPAGATE;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  self->context_valid = FALSE;
  if (move)
    {
      if (!move_structure_by (self, dstage, dlane))
        move_selection_by (self, dstage, dlane);
    }
  else
    focus_move (self, dstage, dlane, extend);
  return GDK_EVENT_STOP;
}

gboolean
_waymark_canvas_key_press (WaymarkCanvas   *self,
                           guint            keyval,
                           GdkModifierType  state)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), FALSE);

  return key_pressed (NULL, keyval, 0, state, self);
}

static void
key_released (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              WaymarkCanvas         *self)
{
  if (keyval == GDK_KEY_space)
    self->space_down = FALSE;
}

/* ---- Dragging ----------------------------------------------------------- */

static void
autoscroll_stop (WaymarkCanvas *self)
{
  if (self->autoscroll_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
      self->autoscroll_id = 0;
    }
}

static void
drag_reset (WaymarkCanvas *self)
{
  autoscroll_stop (self);
  self->drag_mode = DRAG_NONE;
  self->drop_valid = FALSE;
  self->stroke_curve = NULL;
  g_array_set_size (self->stroke, 0);
  g_clear_pointer (&self->dragged, g_ptr_array_unref);
  g_clear_pointer (&self->band_base, g_hash_table_unref);
  g_clear_pointer (&self->stack_node, gsk_render_node_unref);
  g_clear_pointer (&self->indicator_node, gsk_render_node_unref);
  if (g_hash_table_size (self->hidden) > 0)
    {
      g_hash_table_remove_all (self->hidden);
      invalidate (self);
    }
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_drop_target (WaymarkCanvas *self,
                    double         lx,
                    double         ly)
{
  WaymarkHit hit;

  waymark_layout_hit_test (self->layout, lx, ly, &hit);

  switch ((int) self->drag_mode)
    {
    case DRAG_CARDS:
      self->drop_valid = hit.stage != NULL && is_card_lane (hit.lane);
      if (self->drop_valid)
        {
          self->drop_stage = hit.stage;
          self->drop_lane = hit.lane;
          self->drop_index = hit.index_in_cell;
        }
      break;

    case DRAG_STAGE:
      {
        guint n = g_list_model_get_n_items (waymark_document_get_stages (self->document));
        guint position = n;

        for (guint i = 0; i < n; i++)
          {
            WaymarkRect rect;

            if (waymark_layout_get_stage_rect (self->layout, stage_at (self, i), &rect) &&
                lx < rect.x + rect.width / 2.0)
              {
                position = i;
                break;
              }
          }
        self->drop_position = position;
        self->drop_valid = TRUE;
      }
      break;

    case DRAG_LANE:
      {
        guint n = g_list_model_get_n_items (waymark_document_get_lanes (self->document));
        guint position = n;

        for (guint i = 0; i < n; i++)
          {
            WaymarkRect rect;

            if (waymark_layout_get_lane_rect (self->layout, lane_at (self, i), &rect) &&
                ly < rect.y + rect.height / 2.0)
              {
                position = i;
                break;
              }
          }
        self->drop_position = position;
        self->drop_valid = TRUE;
      }
      break;

    case DRAG_STAGE_EDGE:
      {
        WaymarkRect rect;
        WaymarkStage *stage = WAYMARK_STAGE (self->press_hit.element);

        if (waymark_layout_get_stage_rect (self->layout, stage, &rect))
          {
            self->drag_value = CLAMP (round (lx - rect.x), WAYMARK_STAGE_MIN_WIDTH,
                                      WAYMARK_STAGE_MAX_WIDTH);
            self->drop_valid = TRUE;
          }
      }
      break;

    case DRAG_CURVE_POINT:
      self->drop_valid = waymark_layout_emotion_for_y (self->layout, ly, &self->drag_value);
      if (self->drop_valid)
        self->drag_value = (self->drag_modifiers & GDK_SHIFT_MASK) != 0
                           ? _waymark_snap_emotion (self->document, self->drag_value)
                           : round_value (self->drag_value);
      break;

    case DRAG_FREEHAND:
      stroke_add (self, lx, ly);
      self->drop_valid = TRUE;
      break;

    case DRAG_RUBBER_BAND:
      {
        WaymarkRect band = {
          MIN (lx, self->press_lx), MIN (ly, self->press_ly),
          fabs (lx - self->press_lx), fabs (ly - self->press_ly),
        };
        g_autoptr(GPtrArray) hits = waymark_layout_hit_rect (self->layout, &band);

        g_hash_table_remove_all (self->selection);
        if (self->band_base != NULL)
          {
            GHashTableIter iter;
            gpointer key;

            g_hash_table_iter_init (&iter, self->band_base);
            while (g_hash_table_iter_next (&iter, &key, NULL))
              g_hash_table_add (self->selection, key);
          }
        for (guint i = 0; i < hits->len; i++)
          g_hash_table_add (self->selection, g_ptr_array_index (hits, i));
        set_focus_element (self, hits->len > 0 ? g_ptr_array_index (hits, 0) : self->focus);
        selection_changed (self);
      }
      break;

    default:
      break;
    }
}

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double dx = 0.0;
  double dy = 0.0;
  double lx;
  double ly;

  if (self->pointer_wx < AUTOSCROLL_EDGE)
    dx = -AUTOSCROLL_SPEED * (AUTOSCROLL_EDGE - self->pointer_wx) / AUTOSCROLL_EDGE;
  else if (self->pointer_wx > width - AUTOSCROLL_EDGE)
    dx = AUTOSCROLL_SPEED * (self->pointer_wx - (width - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;
  if (self->pointer_wy < AUTOSCROLL_EDGE)
    dy = -AUTOSCROLL_SPEED * (AUTOSCROLL_EDGE - self->pointer_wy) / AUTOSCROLL_EDGE;
  else if (self->pointer_wy > height - AUTOSCROLL_EDGE)
    dy = AUTOSCROLL_SPEED * (self->pointer_wy - (height - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;

  if ((dx == 0.0 && dy == 0.0) || self->drag_mode == DRAG_NONE || self->drag_mode == DRAG_PAN)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }

  dx = CLAMP (dx, -AUTOSCROLL_SPEED, AUTOSCROLL_SPEED);
  dy = CLAMP (dy, -AUTOSCROLL_SPEED, AUTOSCROLL_SPEED);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, hvalue (self) + dx);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, vvalue (self) + dy);

  widget_to_layout (self, self->pointer_wx, self->pointer_wy, &lx, &ly);
  update_drop_target (self, lx, ly);
  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

static void
start_drag_mode (WaymarkCanvas *self)
{
  const char *cursor = NULL;

  if (self->stroke_curve != NULL)
    {
      self->drag_mode = DRAG_FREEHAND;
      g_array_set_size (self->stroke, 0);
      stroke_add (self, self->press_lx, self->press_ly);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
      return;
    }

  switch (self->press_hit.kind)
    {
    case WAYMARK_HIT_CARD:
      {
        WaymarkRect rect;

        self->drag_mode = DRAG_CARDS;
        self->dragged = selected_touchpoints (self);
        if (self->dragged->len == 0)
          g_ptr_array_add (self->dragged, g_object_ref (self->press_hit.element));
        for (guint i = 0; i < self->dragged->len; i++)
          g_hash_table_add (self->hidden, g_ptr_array_index (self->dragged, i));
        if (waymark_layout_get_card_rect (self->layout, WAYMARK_TOUCHPOINT (self->press_hit.element),
                                          &rect))
          {
            self->grab_dx = self->press_lx - rect.x;
            self->grab_dy = self->press_ly - rect.y;
          }
        cursor = "grabbing";
        invalidate (self);
      }
      break;
    case WAYMARK_HIT_STAGE_HEADER:
      self->drag_mode = DRAG_STAGE;
      cursor = "grabbing";
      break;
    case WAYMARK_HIT_STAGE_EDGE:
      self->drag_mode = DRAG_STAGE_EDGE;
      cursor = "col-resize";
      break;
    case WAYMARK_HIT_LANE_LABEL:
      self->drag_mode = DRAG_LANE;
      cursor = "grabbing";
      break;
    case WAYMARK_HIT_CURVE_POINT:
      self->drag_mode = DRAG_CURVE_POINT;
      cursor = "ns-resize";
      break;
    case WAYMARK_HIT_NONE:
    case WAYMARK_HIT_HEADER:
    case WAYMARK_HIT_CELL:
    default:
      self->drag_mode = DRAG_RUBBER_BAND;
      cursor = "crosshair";
      if ((self->press_modifiers & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
        {
          GHashTableIter iter;
          gpointer key;

          self->band_base = g_hash_table_new (NULL, NULL);
          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (WAYMARK_IS_TOUCHPOINT (key))
              g_hash_table_add (self->band_base, key);
        }
      break;
    }

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

void
_waymark_canvas_drag_begin (WaymarkCanvas   *self,
                            double           x,
                            double           y,
                            GdkModifierType  modifiers)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (self->document == NULL)
    return;

  drag_reset (self);
  self->press_wx = self->pointer_wx = x;
  self->press_wy = self->pointer_wy = y;
  self->press_modifiers = modifiers;
  self->drag_modifiers = modifiers;
  widget_to_layout (self, x, y, &self->press_lx, &self->press_ly);

  if (self->space_down)
    {
      self->drag_mode = DRAG_PAN;
      self->pan_h0 = hvalue (self);
      self->pan_v0 = vvalue (self);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      return;
    }

  waymark_layout_hit_test (self->layout, self->press_lx, self->press_ly, &self->press_hit);
  self->stroke_curve = stroke_curve_at (self, &self->press_hit, self->press_lx, self->press_ly);
  self->drag_mode = DRAG_PENDING;
}

void
_waymark_canvas_drag_update (WaymarkCanvas *self,
                             double         x,
                             double         y)
{
  gint64 start = g_get_monotonic_time ();
  double lx;
  double ly;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (self->drag_mode == DRAG_NONE)
    return;

  self->pointer_wx = x;
  self->pointer_wy = y;

  if (self->drag_mode == DRAG_PAN)
    {
      if (self->hadjustment != NULL)
        gtk_adjustment_set_value (self->hadjustment, self->pan_h0 - (x - self->press_wx));
      if (self->vadjustment != NULL)
        gtk_adjustment_set_value (self->vadjustment, self->pan_v0 - (y - self->press_wy));
      /* The pointer moved with the content: keep the anchor under it. */
      self->press_wx = x + (hvalue (self) - self->pan_h0);
      self->press_wy = y + (vvalue (self) - self->pan_v0);
      self->pan_h0 = hvalue (self);
      self->pan_v0 = vvalue (self);
      return;
    }

  if (self->drag_mode == DRAG_PENDING)
    {
      if (hypot (x - self->press_wx, y - self->press_wy) < DRAG_THRESHOLD)
        return;
      if (self->editing)
        editor_close (self, TRUE);
      start_drag_mode (self);
    }

  widget_to_layout (self, x, y, &lx, &ly);
  update_drop_target (self, lx, ly);

  if (self->autoscroll_id == 0 &&
      (x < AUTOSCROLL_EDGE || y < AUTOSCROLL_EDGE ||
       x > gtk_widget_get_width (GTK_WIDGET (self)) - AUTOSCROLL_EDGE ||
       y > gtk_widget_get_height (GTK_WIDGET (self)) - AUTOSCROLL_EDGE))
    self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick,
                                                        NULL, NULL);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  self->event_time_us += g_get_monotonic_time () - start;
}

static void
drop_cards (WaymarkCanvas *self)
{
  g_autoptr(GPtrArray) cell = NULL;
  g_autoptr(GPtrArray) dragged = g_ptr_array_ref (self->dragged);
  g_autoptr(GHashTable) moving = g_hash_table_new (NULL, NULL);
  guint index = 0;

  for (guint i = 0; i < dragged->len; i++)
    g_hash_table_add (moving, g_ptr_array_index (dragged, i));

  /* The drop index counts the dragged cards that sit above it in the same
   * cell; the model wants the position among the cards that stay. */
  cell = waymark_document_get_cell (self->document, self->drop_stage, self->drop_lane);
  for (guint i = 0; i < MIN (self->drop_index, cell->len); i++)
    if (!g_hash_table_contains (moving, g_ptr_array_index (cell, i)))
      index++;

  waymark_document_begin_group (self->document,
                                dragged->len == 1 ? _("Move Touchpoint") : _("Move Touchpoints"));
  for (guint i = 0; i < dragged->len; i++)
    waymark_document_move_touchpoint (self->document, g_ptr_array_index (dragged, i),
                                      self->drop_stage, self->drop_lane, (int) (index + i));
  waymark_document_end_group (self->document);
}

void
_waymark_canvas_drag_end (WaymarkCanvas *self,
                          double         x,
                          double         y)
{
  DragMode mode;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (self->drag_mode == DRAG_NONE)
    return;

  _waymark_canvas_drag_update (self, x, y);
  mode = self->drag_mode;

  switch ((int) mode)
    {
    case DRAG_CARDS:
      if (self->drop_valid)
        drop_cards (self);
      break;
    case DRAG_STAGE:
      {
        WaymarkStage *stage = WAYMARK_STAGE (self->press_hit.element);
        int from = waymark_document_get_stage_index (self->document, stage);
        guint to = self->drop_position;

        /* The insertion point counts the stage itself when it lies after it. */
        if (from >= 0 && (int) to > from)
          to--;
        if (self->drop_valid && from >= 0 && (int) to != from)
          waymark_document_move_stage (self->document, stage, to);
      }
      break;
    case DRAG_LANE:
      {
        WaymarkLane *lane = WAYMARK_LANE (self->press_hit.element);
        int from = waymark_document_get_lane_index (self->document, lane);
        guint to = self->drop_position;

        if (from >= 0 && (int) to > from)
          to--;
        if (self->drop_valid && from >= 0 && (int) to != from)
          waymark_document_move_lane (self->document, lane, to);
      }
      break;
    case DRAG_STAGE_EDGE:
      if (self->drop_valid)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_DOUBLE);
          g_value_set_double (&value, self->drag_value);
          waymark_document_set_property (self->document, self->press_hit.element, "width",
                                         &value, FALSE);
        }
      break;
    case DRAG_CURVE_POINT:
      if (self->drop_valid)
        waymark_document_set_curve_value (self->document, WAYMARK_CURVE (self->press_hit.element),
                                          self->press_hit.stage, self->drag_value, FALSE);
      break;
    case DRAG_FREEHAND:
      stroke_apply (self);
      break;
    case DRAG_PENDING:
      /* A click on an already selected card among several selects it alone. */
      if (self->press_hit.kind == WAYMARK_HIT_CARD && self->press_selected &&
          (self->press_modifiers & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) == 0 &&
          g_hash_table_size (self->selection) > 1)
        select_only (self, self->press_hit.element);
      break;
    default:
      break;
    }

  drag_reset (self);
}

void
_waymark_canvas_drag_cancel (WaymarkCanvas *self)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (self->drag_mode == DRAG_RUBBER_BAND && self->band_base != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_remove_all (self->selection);
      g_hash_table_iter_init (&iter, self->band_base);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (self->selection, key);
      selection_changed (self);
    }

  drag_reset (self);
}

gboolean
_waymark_canvas_is_dragging (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), FALSE);

  return self->drag_mode != DRAG_NONE && self->drag_mode != DRAG_PENDING;
}

/* ---- Context menu ------------------------------------------------------- */

static void
append_lane_kinds (GMenu *menu)
{
  static const struct {
    WaymarkLaneKind  kind;
    const char      *label;
  } kinds[] = {
    /* Translators: the kinds of lane, in the "Lane Kind" submenu of a lane */
    { WAYMARK_LANE_CARDS, N_("_Cards") },
    { WAYMARK_LANE_TEXT, N_("_Text") },
    { WAYMARK_LANE_EMOTION, N_("_Emotion curve") },
    { WAYMARK_LANE_PAIN_POINTS, N_("_Pain points") },
    { WAYMARK_LANE_OPPORTUNITIES, N_("_Opportunities") },
    { WAYMARK_LANE_BACKSTAGE, N_("_Backstage") },
    { WAYMARK_LANE_METRICS, N_("_Metrics") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(kinds[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "canvas-context.lane-kind",
                                               g_variant_new_string (waymark_lane_kind_to_string (kinds[i].kind)));
      g_menu_append_item (menu, item);
    }
}

/* The menu for what the context menu was opened on: its own items first,
 * then those of the selection and the map. */
static GMenuModel *
build_context_menu (WaymarkCanvas *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) clipboard = g_menu_new ();
  g_autoptr(GMenu) structure = g_menu_new ();
  WaymarkHitKind kind = self->context_valid ? self->context_hit.kind : WAYMARK_HIT_NONE;
  WaymarkTouchpoint *a;
  WaymarkTouchpoint *b;
  gboolean linked;
  WaymarkLane *lane = self->document != NULL ? target_lane (self) : NULL;

  if (kind == WAYMARK_HIT_CURVE_POINT)
    {
      g_autoptr(GMenu) point = g_menu_new ();

      /* Translators: the note of an emotion curve's point: why the persona
       * feels so at that stage */
      g_menu_append (point, _("Edit N_ote…"), "canvas.edit-note");
      g_menu_append (point, _("Re_move Point"), "canvas.remove-point");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (point));
    }
  else if (kind == WAYMARK_HIT_CELL && is_emotion_lane (self->context_hit.lane))
    {
      g_autoptr(GMenu) point = g_menu_new ();

      g_menu_append (point, _("Add Po_int"), "canvas.add-point");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (point));
    }

  if (kind == WAYMARK_HIT_CARD || selected_pair (self, &a, &b, &linked))
    {
      g_autoptr(GMenu) card = g_menu_new ();

      if (kind == WAYMARK_HIT_CARD)
        /* Translators: a check item: the card is a moment of truth, a
         * moment that decides how the customer sees the whole journey */
        g_menu_append (card, _("_Moment of Truth"), "canvas-context.moment-of-truth");
      if (selected_pair (self, &a, &b, &linked))
        {
          if (linked)
            g_menu_append (card, _("Unl_ink Cards"), "canvas.unlink-selected");
          else
            g_menu_append (card, _("Lin_k Cards"), "canvas.link-selected");
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (card));
    }

  if (lane != NULL)
    {
      g_autoptr(GMenu) lane_section = g_menu_new ();
      g_autoptr(GMenu) kinds = g_menu_new ();

      g_menu_append (lane_section, _("Hid_e Lane"), "canvas.hide-lane");
      g_menu_append (lane_section,
                     waymark_lane_get_collapsed (lane) ? _("E_xpand Lane") : _("C_ollapse Lane"),
                     "canvas.toggle-lane-collapsed");
      append_lane_kinds (kinds);
      g_menu_append_submenu (lane_section, _("Lane _Kind"), G_MENU_MODEL (kinds));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (lane_section));
    }

  g_menu_append (edit, _("_Rename"), "canvas.rename");
  g_menu_append (edit, _("_Delete"), "canvas.delete");
  g_menu_append (clipboard, _("Cu_t"), "canvas.cut");
  g_menu_append (clipboard, _("_Copy"), "canvas.copy");
  g_menu_append (clipboard, _("_Paste"), "canvas.paste");
  g_menu_append (clipboard, _("D_uplicate"), "canvas.duplicate");
  g_menu_append (structure, _("Add Touchpoint _Here"), "canvas.add-touchpoint");
  g_menu_append (structure, _("Insert Stage _Before"), "canvas.insert-stage-before");
  g_menu_append (structure, _("Insert Stage _After"), "canvas.insert-stage-after");
  g_menu_append (structure, _("Add _Lane"), "canvas.add-lane");
  g_menu_append (structure, _("Delete _Stage"), "canvas.delete-stage");
  g_menu_append (structure, _("Delete La_ne"), "canvas.delete-lane");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clipboard));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (structure));

  return G_MENU_MODEL (menu);
}

/* The states of the check and radio items. */
static void
context_actions_update (WaymarkCanvas *self)
{
  GAction *action;
  WaymarkLane *lane = self->document != NULL ? target_lane (self) : NULL;
  WaymarkTouchpoint *card = NULL;

  if (self->context_valid && self->context_hit.kind == WAYMARK_HIT_CARD)
    card = WAYMARK_TOUCHPOINT (self->context_hit.element);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->context_actions), "lane-kind");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), lane != NULL);
  if (lane != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action),
                               g_variant_new_string (waymark_lane_kind_to_string (waymark_lane_get_kind (lane))));

  action = g_action_map_lookup_action (G_ACTION_MAP (self->context_actions), "moment-of-truth");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), card != NULL);
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (card != NULL &&
                                                    waymark_touchpoint_get_moment_of_truth (card)));
}

static void
lane_kind_activate (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  WaymarkCanvas *self = user_data;
  WaymarkLane *lane = self->document != NULL ? target_lane (self) : NULL;
  WaymarkLaneKind kind;
  g_auto(GValue) value = G_VALUE_INIT;

  if (lane == NULL || !waymark_lane_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;

  g_value_init (&value, WAYMARK_TYPE_LANE_KIND);
  g_value_set_enum (&value, kind);
  waymark_document_set_property (self->document, WAYMARK_ELEMENT (lane), "kind", &value, FALSE);
  g_simple_action_set_state (action, parameter);
}

static void
moment_of_truth_activate (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  WaymarkCanvas *self = user_data;
  WaymarkTouchpoint *card;
  gboolean flagged;

  if (self->document == NULL || !self->context_valid || self->context_hit.kind != WAYMARK_HIT_CARD)
    return;

  card = WAYMARK_TOUCHPOINT (self->context_hit.element);
  flagged = !waymark_touchpoint_get_moment_of_truth (card);
  waymark_document_set_boolean (self->document, WAYMARK_ELEMENT (card), "moment-of-truth", flagged);
  g_simple_action_set_state (action, g_variant_new_boolean (flagged));
}

static void
context_menu_popup (WaymarkCanvas      *self,
                    const GdkRectangle *pointing)
{
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), pointing);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* Sets the menu up for a right click at widget coordinates: what is there
 * is selected, as a right click does in a file manager. */
GMenuModel *
_waymark_canvas_context_menu_at (WaymarkCanvas *self,
                                 double         x,
                                 double         y)
{
  WaymarkHit *hit = &self->context_hit;
  g_autoptr(GMenuModel) menu = NULL;

  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  if (self->document != NULL)
    {
      widget_to_layout (self, x, y, &self->context_lx, &self->context_ly);
      waymark_layout_hit_test (self->layout, self->context_lx, self->context_ly, hit);
      switch (hit->kind)
        {
        case WAYMARK_HIT_CURVE_POINT:
          set_point (self, WAYMARK_CURVE (hit->element), hit->stage, FALSE);
          break;
        case WAYMARK_HIT_LEGEND:
          break;
        case WAYMARK_HIT_CARD:
        case WAYMARK_HIT_STAGE_HEADER:
        case WAYMARK_HIT_STAGE_EDGE:
        case WAYMARK_HIT_STAGE_SUMMARY:
        case WAYMARK_HIT_LANE_LABEL:
        case WAYMARK_HIT_LANE_TOGGLE:
          if (!g_hash_table_contains (self->selection, hit->element))
            select_only (self, hit->element);
          break;
        case WAYMARK_HIT_NONE:
        case WAYMARK_HIT_HEADER:
        case WAYMARK_HIT_CELL:
        default:
          select_only (self, NULL);
          break;
        }
      self->context_valid = TRUE;
    }

  menu = build_context_menu (self);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  context_actions_update (self);
  actions_update (self);

  return gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (self->context_menu));
}

/* ---- Pointer ------------------------------------------------------------ */

void
_waymark_canvas_press (WaymarkCanvas   *self,
                       double           x,
                       double           y,
                       GdkModifierType  modifiers,
                       int              n_press)
{
  gboolean extend = (modifiers & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  WaymarkHit hit;
  double lx;
  double ly;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (self->document == NULL)
    return;

  self->context_valid = FALSE;
  if (self->editing)
    editor_close (self, TRUE);

  widget_to_layout (self, x, y, &lx, &ly);
  waymark_layout_hit_test (self->layout, lx, ly, &hit);

  if (n_press == 2)
    {
      switch (hit.kind)
        {
        case WAYMARK_HIT_CARD:
        case WAYMARK_HIT_STAGE_HEADER:
        case WAYMARK_HIT_LANE_LABEL:
          select_only (self, hit.element);
          edit_start (self, hit.element, FALSE);
          break;
        case WAYMARK_HIT_HEADER:
          edit_start (self, NULL, TRUE);
          break;
        case WAYMARK_HIT_CELL:
          if (is_emotion_lane (hit.lane))
            {
              if (!add_point_at (self, hit.stage, ly))
                gtk_widget_error_bell (GTK_WIDGET (self));
            }
          else
            add_touchpoint_in (self, hit.stage, hit.lane, hit.index_in_cell);
          break;
        case WAYMARK_HIT_CURVE_POINT:
          set_point (self, WAYMARK_CURVE (hit.element), hit.stage, FALSE);
          note_start (self, WAYMARK_CURVE (hit.element), hit.stage);
          break;
        default:
          break;
        }
      return;
    }

  self->press_selected = hit.element != NULL && g_hash_table_contains (self->selection, hit.element);

  switch (hit.kind)
    {
    case WAYMARK_HIT_CARD:
      if (extend)
        {
          if (self->press_selected)
            {
              g_hash_table_remove (self->selection, hit.element);
              if (self->focus == hit.element)
                set_focus_element (self, NULL);
            }
          else
            {
              /* Stages and lanes are selected alone, never with cards. */
              GHashTableIter iter;
              gpointer key;

              g_hash_table_iter_init (&iter, self->selection);
              while (g_hash_table_iter_next (&iter, &key, NULL))
                if (!WAYMARK_IS_TOUCHPOINT (key))
                  g_hash_table_iter_remove (&iter);
              g_hash_table_add (self->selection, hit.element);
              set_focus_element (self, hit.element);
            }
          selection_changed (self);
        }
      else if (!self->press_selected)
        select_only (self, hit.element);
      else if (self->focus != hit.element)
        {
          set_focus_element (self, hit.element);
          selection_changed (self);
        }
      break;
    case WAYMARK_HIT_STAGE_HEADER:
    case WAYMARK_HIT_LANE_LABEL:
      if (!self->press_selected || g_hash_table_size (self->selection) != 1)
        select_only (self, hit.element);
      break;
    case WAYMARK_HIT_CURVE_POINT:
      set_point (self, WAYMARK_CURVE (hit.element), hit.stage, FALSE);
      break;
    case WAYMARK_HIT_LEGEND:
      toggle_curve_visible (self, WAYMARK_CURVE (hit.element));
      break;
    case WAYMARK_HIT_LANE_TOGGLE:
      toggle_lane_collapsed (self, WAYMARK_LANE (hit.element));
      break;
    case WAYMARK_HIT_STAGE_EDGE:
      break;
    case WAYMARK_HIT_NONE:
    case WAYMARK_HIT_HEADER:
    case WAYMARK_HIT_CELL:
    default:
      if (!extend && (g_hash_table_size (self->selection) > 0 || self->focus != NULL ||
                      self->point_curve != NULL))
        select_only (self, NULL);
      break;
    }
}

void
_waymark_canvas_release (WaymarkCanvas *self,
                         double         x,
                         double         y)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));
}

static gboolean
picked_child (WaymarkCanvas *self,
              double         x,
              double         y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  return picked != NULL && picked != GTK_WIDGET (self);
}

static void
click_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               WaymarkCanvas   *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (picked_child (self, x, y) || self->document == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (button == GDK_BUTTON_SECONDARY)
    {
      _waymark_canvas_context_menu_at (self, x, y);
      context_menu_popup (self, &(GdkRectangle) { (int) x, (int) y, 1, 1 });
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (button == GDK_BUTTON_PRIMARY)
    _waymark_canvas_press (self, x, y, modifiers, n_press);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WaymarkCanvas  *self)
{
  GdkModifierType modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (picked_child (self, x, y) || self->document == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  _waymark_canvas_drag_begin (self, x, y, modifiers);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                WaymarkCanvas  *self)
{
  double x;
  double y;

  self->drag_modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _waymark_canvas_drag_update (self, x + dx, y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             WaymarkCanvas  *self)
{
  double x;
  double y;

  self->drag_modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _waymark_canvas_drag_end (self, x + dx, y + dy);
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                WaymarkCanvas    *self)
{
  _waymark_canvas_drag_cancel (self);
}

static void
pan_begin_cb (GtkGestureDrag *gesture,
              double          x,
              double          y,
              WaymarkCanvas  *self)
{
  drag_reset (self);
  self->drag_mode = DRAG_PAN;
  self->press_wx = x;
  self->press_wy = y;
  self->pan_h0 = hvalue (self);
  self->pan_v0 = vvalue (self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WaymarkCanvas            *self)
{
  WaymarkHit hit;
  WaymarkElement *hover = NULL;
  const char *cursor = NULL;
  double lx;
  double ly;

  self->pointer_wx = x;
  self->pointer_wy = y;

  if (self->layout == NULL || self->drag_mode != DRAG_NONE)
    return;

  widget_to_layout (self, x, y, &lx, &ly);
  waymark_layout_hit_test (self->layout, lx, ly, &hit);
  if (hit.kind == WAYMARK_HIT_CARD || hit.kind == WAYMARK_HIT_STAGE_HEADER ||
      hit.kind == WAYMARK_HIT_LANE_LABEL)
    hover = hit.element;

  if (self->drawing_curve != NULL && stroke_curve_at (self, &hit, lx, ly) != NULL)
    cursor = "crosshair";
  else if (hit.kind == WAYMARK_HIT_STAGE_EDGE)
    cursor = "col-resize";
  else if (hit.kind == WAYMARK_HIT_CURVE_POINT)
    cursor = "ns-resize";
  else if (hit.kind == WAYMARK_HIT_LEGEND || hit.kind == WAYMARK_HIT_LANE_TOGGLE)
    cursor = "pointer";
  else if (stroke_curve_at (self, &hit, lx, ly) != NULL)
    cursor = "crosshair";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);

  if (hover != self->hover)
    {
      self->hover = hover;
      invalidate (self);
    }
}

/* A point's note, its curve and its value, on hover. */
static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  WaymarkCanvas *self)
{
  WaymarkCurve *curve = NULL;
  WaymarkStage *stage = NULL;
  g_autofree char *described = NULL;
  g_autofree char *text = NULL;
  const char *note;
  WaymarkRect rect;
  graphene_rect_t area;
  double value;

  if (self->layout == NULL || self->drag_mode != DRAG_NONE || self->editing)
    return FALSE;

  if (keyboard)
    {
      curve = self->point_curve;
      stage = self->point_stage;
    }
  else
    {
      WaymarkHit hit;
      double lx;
      double ly;

      widget_to_layout (self, x, y, &lx, &ly);
      waymark_layout_hit_test (self->layout, lx, ly, &hit);
      if (hit.kind == WAYMARK_HIT_CURVE_POINT)
        {
          curve = WAYMARK_CURVE (hit.element);
          stage = hit.stage;
        }
    }

  if (curve == NULL || stage == NULL || !waymark_curve_get_value (curve, stage, &value))
    return FALSE;

  described = describe_value (self, value);
  note = waymark_curve_get_note (curve, stage);
  /* Translators: a curve point's tooltip: the curve's name and the value */
  text = g_strdup_printf (_("%s: %s"), waymark_curve_get_name (curve), described);
  if (note != NULL && *note != '\0')
    {
      char *with_note = g_strdup_printf ("%s\n%s", note, text);

      g_free (text);
      text = with_note;
    }

  gtk_tooltip_set_text (tooltip, text);
  if (point_rect (self, curve, stage, &rect))
    {
      _waymark_canvas_layout_to_widget (self, &rect, &area);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) area.origin.x, (int) area.origin.y,
                                                           MAX (1, (int) area.size.width),
                                                           MAX (1, (int) area.size.height) });
    }
  return TRUE;
}

static void
leave_cb (GtkEventControllerMotion *controller,
          WaymarkCanvas            *self)
{
  if (self->hover != NULL)
    {
      self->hover = NULL;
      invalidate (self);
    }
}

/* ---- Zoom --------------------------------------------------------------- */

static void
zoom_at (WaymarkCanvas *self,
         double         zoom,
         double         wx,
         double         wy)
{
  double lx;
  double ly;

  zoom = CLAMP (zoom, WAYMARK_CANVAS_MIN_ZOOM, WAYMARK_CANVAS_MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  widget_to_layout (self, wx, wy, &lx, &ly);
  self->zoom = zoom;
  configure_adjustments (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, lx * zoom - wx);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, ly * zoom - wy);

  if (self->editing)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WaymarkCanvas            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0.0)
    return GDK_EVENT_PROPAGATE;

  zoom_at (self, self->zoom * pow (ZOOM_STEP, -dy), self->pointer_wx, self->pointer_wy);
  return GDK_EVENT_STOP;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               WaymarkCanvas    *self)
{
  self->zoom_begin = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       WaymarkCanvas  *self)
{
  double x;
  double y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_at (self, self->zoom_begin * scale, x, y);
}

/* ---- Actions ------------------------------------------------------------ */

static void
actions_update (WaymarkCanvas *self)
{
  gboolean has_document = self->document != NULL;
  gboolean cards = has_document && selection_has_touchpoints (self);
  gboolean titled = has_document &&
                    (WAYMARK_IS_TOUCHPOINT (self->focus) || WAYMARK_IS_STAGE (self->focus) ||
                     WAYMARK_IS_LANE (self->focus));
  gboolean has_stage = FALSE;
  gboolean has_lane = FALSE;

  if (has_document)
    {
      has_stage = self->context_valid ? self->context_hit.stage != NULL
                                      : g_list_model_get_n_items (waymark_document_get_stages (self->document)) > 0;
      has_lane = self->context_valid ? self->context_hit.lane != NULL : WAYMARK_IS_LANE (self->focus);
    }

  gboolean point = FALSE;
  gboolean pair = FALSE;
  gboolean linked = FALSE;
  WaymarkCurve *curve;
  WaymarkStage *stage;
  WaymarkTouchpoint *a;
  WaymarkTouchpoint *b;

  if (has_document)
    {
      point = target_point (self, &curve, &stage);
      pair = selected_pair (self, &a, &b, &linked);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete",
                                 cards || (has_document && (WAYMARK_IS_STAGE (self->focus) ||
                                                            WAYMARK_IS_LANE (self->focus))) ||
                                 (has_document && self->point_curve != NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.remove-point", point);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.edit-note", point);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-point",
                                 has_document && can_add_point (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.link-selected", pair && !linked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.unlink-selected", pair && linked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.hide-lane",
                                 has_document && target_lane (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.toggle-lane-collapsed",
                                 has_document && target_lane (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.draw-curve", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.copy", cards);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.cut", cards);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.duplicate", cards);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.paste", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.rename", titled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.select-all", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-touchpoint", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.insert-stage-before", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.insert-stage-after", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-lane", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete-stage",
                                 has_stage && (self->context_valid || WAYMARK_IS_STAGE (self->focus) ||
                                               WAYMARK_IS_TOUCHPOINT (self->focus)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete-lane",
                                 has_lane || WAYMARK_IS_TOUCHPOINT (self->focus));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.zoom-in",
                                 self->zoom < WAYMARK_CANVAS_MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.zoom-out",
                                 self->zoom > WAYMARK_CANVAS_MIN_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.context-menu", has_document);
}

static void
canvas_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  double cx = gtk_widget_get_width (widget) / 2.0;
  double cy = gtk_widget_get_height (widget) / 2.0;

  /* Chosen from the context menu: closed first, or closing it would take the
   * keyboard focus back from the title editor some actions open. */
  if (!g_str_equal (action_name, "canvas.context-menu") &&
      gtk_widget_get_visible (self->context_menu))
    gtk_popover_popdown (GTK_POPOVER (self->context_menu));

  if (g_str_equal (action_name, "canvas.zoom-in"))
    zoom_at (self, self->zoom * ZOOM_STEP, cx, cy);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    zoom_at (self, self->zoom / ZOOM_STEP, cx, cy);
  else if (g_str_equal (action_name, "canvas.zoom-reset"))
    zoom_at (self, 1.0, cx, cy);
  else if (g_str_equal (action_name, "canvas.zoom-fit"))
    waymark_canvas_zoom_to_fit (self);

  if (self->document == NULL)
    return;

  if (g_str_equal (action_name, "canvas.delete"))
    {
      if (self->point_curve != NULL)
        remove_point (self, self->point_curve, self->point_stage);
      else
        delete_selection (self);
    }
  else if (g_str_equal (action_name, "canvas.remove-point"))
    {
      WaymarkCurve *curve;
      WaymarkStage *stage;

      if (target_point (self, &curve, &stage))
        remove_point (self, curve, stage);
      self->context_valid = FALSE;
    }
  else if (g_str_equal (action_name, "canvas.edit-note"))
    {
      WaymarkCurve *curve;
      WaymarkStage *stage;

      if (target_point (self, &curve, &stage))
        note_start (self, curve, stage);
      self->context_valid = FALSE;
    }
  else if (g_str_equal (action_name, "canvas.add-point"))
    {
      if (can_add_point (self))
        add_point_at (self, self->context_hit.stage, self->context_ly);
      self->context_valid = FALSE;
    }
  else if (g_str_equal (action_name, "canvas.link-selected") ||
           g_str_equal (action_name, "canvas.unlink-selected"))
    {
      WaymarkTouchpoint *a;
      WaymarkTouchpoint *b;
      gboolean linked;

      if (selected_pair (self, &a, &b, &linked))
        {
          if (g_str_equal (action_name, "canvas.link-selected"))
            waymark_document_link (self->document, a, b);
          else
            waymark_document_unlink (self->document, a, b);
        }
      self->context_valid = FALSE;
    }
  else if (g_str_equal (action_name, "canvas.hide-lane"))
    {
      WaymarkLane *lane = target_lane (self);

      self->context_valid = FALSE;
      if (lane != NULL)
        waymark_document_set_boolean (self->document, WAYMARK_ELEMENT (lane), "hidden", TRUE);
    }
  else if (g_str_equal (action_name, "canvas.toggle-lane-collapsed"))
    {
      WaymarkLane *lane = target_lane (self);

      self->context_valid = FALSE;
      if (lane != NULL)
        toggle_lane_collapsed (self, lane);
    }
  else if (g_str_equal (action_name, "canvas.draw-curve"))
    {
      const char *id = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
      WaymarkElement *element = *id != '\0' ? waymark_document_lookup (self->document, id) : NULL;

      if (*id != '\0' && !WAYMARK_IS_CURVE (element))
        g_debug ("canvas.draw-curve: no curve “%s”", id);
      else
        waymark_canvas_set_drawing_curve (self, element != NULL ? WAYMARK_CURVE (element) : NULL);
    }
  else if (g_str_equal (action_name, "canvas.copy"))
    copy_selection (self);
  else if (g_str_equal (action_name, "canvas.cut"))
    {
      g_autoptr(GPtrArray) touchpoints = selected_touchpoints (self);

      copy_selection (self);
      if (touchpoints->len > 0)
        {
          waymark_document_begin_group (self->document,
                                        touchpoints->len == 1 ? _("Cut Touchpoint")
                                                              : _("Cut Touchpoints"));
          for (guint i = 0; i < touchpoints->len; i++)
            waymark_document_remove_touchpoint (self->document, g_ptr_array_index (touchpoints, i));
          waymark_document_end_group (self->document);
        }
    }
  else if (g_str_equal (action_name, "canvas.paste"))
    paste (self);
  else if (g_str_equal (action_name, "canvas.duplicate"))
    duplicate_selection (self);
  else if (g_str_equal (action_name, "canvas.rename"))
    {
      if (self->focus != NULL)
        edit_start (self, self->focus, FALSE);
    }
  else if (g_str_equal (action_name, "canvas.select-all"))
    {
      GListModel *touchpoints = waymark_document_get_touchpoints (self->document);
      guint n = g_list_model_get_n_items (touchpoints);

      g_hash_table_remove_all (self->selection);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (touchpoints, i);

          g_hash_table_add (self->selection, tp);
        }
      selection_changed (self);
    }
  else if (g_str_equal (action_name, "canvas.add-touchpoint"))
    {
      WaymarkStage *stage;
      WaymarkLane *lane;

      target_cell (self, &stage, &lane);
      self->context_valid = FALSE;
      add_touchpoint_in (self, stage, lane, -1);
    }
  else if (g_str_equal (action_name, "canvas.insert-stage-before"))
    insert_stage (self, FALSE);
  else if (g_str_equal (action_name, "canvas.insert-stage-after"))
    insert_stage (self, TRUE);
  else if (g_str_equal (action_name, "canvas.add-lane"))
    add_lane (self);
  else if (g_str_equal (action_name, "canvas.delete-stage"))
    {
      WaymarkStage *stage;
      WaymarkLane *lane;

      target_cell (self, &stage, &lane);
      if (self->context_valid || WAYMARK_IS_STAGE (self->focus) || WAYMARK_IS_TOUCHPOINT (self->focus))
        {
          self->context_valid = FALSE;
          if (stage != NULL)
            waymark_document_remove_stage (self->document, stage);
        }
    }
  else if (g_str_equal (action_name, "canvas.delete-lane"))
    {
      WaymarkLane *lane = NULL;

      if (self->context_valid)
        lane = self->context_hit.lane;
      else if (WAYMARK_IS_LANE (self->focus))
        lane = WAYMARK_LANE (self->focus);
      else if (WAYMARK_IS_TOUCHPOINT (self->focus))
        lane = waymark_touchpoint_get_lane (WAYMARK_TOUCHPOINT (self->focus));
      self->context_valid = FALSE;
      if (lane != NULL)
        waymark_document_remove_lane (self->document, lane);
    }
  else if (g_str_equal (action_name, "canvas.context-menu"))
    {
      WaymarkRect rect;
      graphene_rect_t area;
      GdkRectangle pointing = { (int) cx, (int) cy, 1, 1 };

      memset (&self->context_hit, 0, sizeof self->context_hit);
      if (self->point_curve != NULL && point_rect (self, self->point_curve, self->point_stage, &rect))
        {
          _waymark_canvas_layout_to_widget (self, &rect, &area);
          pointing = (GdkRectangle) { (int) area.origin.x, (int) area.origin.y,
                                      (int) area.size.width, (int) area.size.height };
          self->context_hit.kind = WAYMARK_HIT_CURVE_POINT;
          self->context_hit.element = WAYMARK_ELEMENT (self->point_curve);
          self->context_hit.stage = self->point_stage;
          self->context_valid = TRUE;
        }
      else if (element_rect (self, self->focus, &rect))
        {
          _waymark_canvas_layout_to_widget (self, &rect, &area);
          pointing = (GdkRectangle) { (int) area.origin.x, (int) area.origin.y,
                                      (int) area.size.width, (int) area.size.height };
          self->context_hit.element = self->focus;
          if (WAYMARK_IS_TOUCHPOINT (self->focus))
            {
              self->context_hit.kind = WAYMARK_HIT_CARD;
              self->context_hit.stage = waymark_touchpoint_get_stage (WAYMARK_TOUCHPOINT (self->focus));
              self->context_hit.lane = waymark_touchpoint_get_lane (WAYMARK_TOUCHPOINT (self->focus));
            }
          else if (WAYMARK_IS_STAGE (self->focus))
            {
              self->context_hit.kind = WAYMARK_HIT_STAGE_HEADER;
              self->context_hit.stage = WAYMARK_STAGE (self->focus);
            }
          else
            {
              self->context_hit.kind = WAYMARK_HIT_LANE_LABEL;
              self->context_hit.lane = WAYMARK_LANE (self->focus);
            }
          self->context_valid = TRUE;
        }
      {
        g_autoptr(GMenuModel) menu = build_context_menu (self);

        gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
      }
      context_actions_update (self);
      actions_update (self);
      context_menu_popup (self, &pointing);
    }
}

/* ---- Frame timing (WAYMARK_DEBUG=frames) -------------------------------- */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 WaymarkCanvas *self)
{
  self->paint_start_us = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                WaymarkCanvas *self)
{
  double ms;

  if (!self->drew_this_frame)
    {
      self->event_time_us = 0;
      return;
    }

  /* Work of this frame: the motion handling that led to it, then update,
   * layout and paint (snapshot and rendering of the window). */
  ms = (g_get_monotonic_time () - self->paint_start_us + self->event_time_us) / 1000.0;
  g_array_append_val (self->frame_times, ms);
  g_printerr ("waymark-frames: frame %u %.2f ms\n", self->frame_times->len, ms);
  self->drew_this_frame = FALSE;
  self->event_time_us = 0;
}

static void
print_frame_summary (WaymarkCanvas *self)
{
  g_autoptr(GArray) sorted = NULL;
  double median;
  double worst;

  if (self->frame_times == NULL || self->frame_times->len == 0)
    return;

  sorted = g_array_copy (self->frame_times);
  g_array_sort (sorted, compare_double);
  median = g_array_index (sorted, double, sorted->len / 2);
  worst = g_array_index (sorted, double, sorted->len - 1);
  g_printerr ("waymark-frames: summary %u frames, median %.2f ms, worst %.2f ms\n",
              sorted->len, median, worst);
  g_array_set_size (self->frame_times, 0);
}

/* ---- Geometry (WAYMARK_DEBUG=geometry) ---------------------------------- */

static void
print_rect (WaymarkCanvas     *self,
            const char        *what,
            const char        *id,
            const WaymarkRect *rect,
            double             ox,
            double             oy)
{
  graphene_rect_t area;

  _waymark_canvas_layout_to_widget (self, rect, &area);
  g_print ("geometry: %s %s %d %d %d %d\n", what, id,
           (int) round (area.origin.x + ox), (int) round (area.origin.y + oy),
           (int) round (area.size.width), (int) round (area.size.height));
}

/* Rectangles of what is visible, in coordinates of the window's surface, so
 * that a test can point at them with xdotool. */
static void
print_geometry (WaymarkCanvas *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GListModel *stages = waymark_document_get_stages (self->document);
  GListModel *lanes = waymark_document_get_lanes (self->document);
  GListModel *touchpoints = waymark_document_get_touchpoints (self->document);
  double ox = 0.0;
  double oy = 0.0;
  double sx = 0.0;
  double sy = 0.0;
  WaymarkRect visible;
  WaymarkRect rect;

  if (native == NULL)
    return;
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (native), 0, 0, &ox, &oy))
    return;
  gtk_native_get_surface_transform (native, &sx, &sy);
  ox += sx;
  oy += sy;

  widget_to_layout (self, 0, 0, &visible.x, &visible.y);
  visible.width = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  visible.height = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;

  g_print ("geometry: begin zoom %.3f canvas %d %d %d %d\n", self->zoom, (int) ox, (int) oy,
           gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);
      const char *id = waymark_element_get_id (WAYMARK_ELEMENT (stage));

      if (waymark_layout_get_stage_header_rect (self->layout, stage, &rect))
        print_rect (self, "stage", id, &rect, ox, oy);
      for (guint j = 0; j < g_list_model_get_n_items (lanes); j++)
        {
          g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, j);
          g_autofree char *cell_id = g_strdup_printf ("%s/%s", id,
                                                      waymark_element_get_id (WAYMARK_ELEMENT (lane)));

          if (waymark_layout_get_cell_rect (self->layout, stage, lane, &rect) &&
              rect.x < visible.x + visible.width && rect.x + rect.width > visible.x &&
              rect.y < visible.y + visible.height && rect.y + rect.height > visible.y)
            print_rect (self, "cell", cell_id, &rect, ox, oy);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i);

      if (waymark_layout_get_lane_label_rect (self->layout, lane, &rect))
        print_rect (self, "lane", waymark_element_get_id (WAYMARK_ELEMENT (lane)), &rect, ox, oy);
    }
  {
    g_autoptr(GPtrArray) shown = waymark_layout_hit_rect (self->layout, &visible);

    for (guint i = 0; i < shown->len; i++)
      {
        WaymarkTouchpoint *tp = g_ptr_array_index (shown, i);

        if (waymark_layout_get_card_rect (self->layout, tp, &rect))
          print_rect (self, "card", waymark_element_get_id (WAYMARK_ELEMENT (tp)), &rect, ox, oy);
      }
  }
  if (waymark_layout_get_emotion_rect (self->layout, &rect))
    print_rect (self, "emotion", "plot", &rect, ox, oy);
  for (guint i = 0; i < g_list_model_get_n_items (waymark_document_get_curves (self->document)); i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (waymark_document_get_curves (self->document), i);

      if (!curve_shown (self, curve))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (stages); j++)
        {
          g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, j);
          g_autofree char *point_id = NULL;

          if (!point_rect (self, curve, stage, &rect))
            continue;
          point_id = g_strdup_printf ("%s/%s", waymark_element_get_id (WAYMARK_ELEMENT (curve)),
                                      waymark_element_get_id (WAYMARK_ELEMENT (stage)));
          print_rect (self, "point", point_id, &rect, ox, oy);
        }
    }
  if (self->focus != NULL)
    g_print ("geometry: focus %s\n", waymark_element_get_id (self->focus));
  if (self->point_curve != NULL)
    g_print ("geometry: selected-point %s/%s\n",
             waymark_element_get_id (WAYMARK_ELEMENT (self->point_curve)),
             waymark_element_get_id (WAYMARK_ELEMENT (self->point_stage)));
  g_print ("geometry: end %u touchpoints\n", g_list_model_get_n_items (touchpoints));
}

/* ---- GtkWidget ---------------------------------------------------------- */

static void
waymark_canvas_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  gboolean allocating = self->allocating;
  double size = 0.0;

  self->allocating = TRUE;
  if (self->layout != NULL)
    size = orientation == GTK_ORIENTATION_HORIZONTAL
           ? waymark_layout_get_width (self->layout)
           : waymark_layout_get_height (self->layout);
  self->allocating = allocating;

  /* Scrolled: small minimum, the whole map as natural size. */
  *minimum = 0;
  *natural = (int) ceil (size * self->zoom);
}

static void
waymark_canvas_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  double h = hvalue (self);
  double v = vvalue (self);

  self->allocating = TRUE;
  configure_adjustments (self);
  self->allocating = FALSE;
  /* Clamping may have scrolled, which invalidates through the adjustment. */
  if (width != self->allocated_width || height != self->allocated_height ||
      h != hvalue (self) || v != vvalue (self))
    invalidate (self);
  self->allocated_width = width;
  self->allocated_height = height;

  if (self->editing && self->layout != NULL)
    {
      graphene_rect_t area;

      editor_position (self, &area);
      gtk_widget_size_allocate (self->editor,
                                &(GtkAllocation) { (int) area.origin.x, (int) area.origin.y,
                                                   (int) area.size.width, (int) area.size.height },
                                -1);
    }

  gtk_popover_present (GTK_POPOVER (self->context_menu));
  gtk_popover_present (GTK_POPOVER (self->note_popover));
}

static void
snapshot_overlay (WaymarkCanvas *self,
                  cairo_t       *cr)
{
  double lx;
  double ly;

  widget_to_layout (self, self->pointer_wx, self->pointer_wy, &lx, &ly);

  switch ((int) self->drag_mode)
    {
    case DRAG_RUBBER_BAND:
      {
        double x = MIN (lx, self->press_lx);
        double y = MIN (ly, self->press_ly);
        double w = fabs (lx - self->press_lx);
        double h = fabs (ly - self->press_ly);

        cairo_rectangle (cr, x, y, w, h);
        cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.8);
        cairo_set_line_width (cr, 1.0 / self->zoom);
        cairo_stroke (cr);
      }
      break;

    case DRAG_STAGE:
    case DRAG_LANE:
      if (self->drop_valid)
        {
          gboolean stage = self->drag_mode == DRAG_STAGE;
          GListModel *model = stage ? waymark_document_get_stages (self->document)
                                    : waymark_document_get_lanes (self->document);
          guint n = g_list_model_get_n_items (model);
          WaymarkRect rect = { 0 };
          WaymarkRect moving = { 0 };
          double at;

          if (stage)
            {
              waymark_layout_get_stage_rect (self->layout, stage_at (self, MIN (self->drop_position, n - 1)), &rect);
              waymark_layout_get_stage_rect (self->layout, WAYMARK_STAGE (self->press_hit.element), &moving);
              at = self->drop_position < n ? rect.x : rect.x + rect.width;
              cairo_rectangle (cr, at - 2.0, rect.y, 4.0, rect.height);
            }
          else
            {
              waymark_layout_get_lane_rect (self->layout, lane_at (self, MIN (self->drop_position, n - 1)), &rect);
              waymark_layout_get_lane_rect (self->layout, WAYMARK_LANE (self->press_hit.element), &moving);
              at = self->drop_position < n ? rect.y : rect.y + rect.height;
              cairo_rectangle (cr, rect.x, at - 2.0, rect.width, 4.0);
            }
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
          cairo_fill (cr);

          /* The column or row being moved is shaded where it is now. */
          cairo_rectangle (cr, moving.x, moving.y, moving.width, moving.height);
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.12);
          cairo_fill (cr);
        }
      break;

    case DRAG_STAGE_EDGE:
      if (self->drop_valid)
        {
          WaymarkRect rect;

          waymark_layout_get_stage_rect (self->layout, WAYMARK_STAGE (self->press_hit.element), &rect);
          cairo_rectangle (cr, rect.x, rect.y, self->drag_value, rect.height);
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.10);
          cairo_fill (cr);
          cairo_rectangle (cr, rect.x + self->drag_value - 1.5, rect.y, 3.0, rect.height);
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
          cairo_fill (cr);
        }
      break;

    case DRAG_CURVE_POINT:
      if (self->drop_valid)
        {
          double x;
          double y;
          double to_y;

          if (waymark_layout_get_curve_point (self->layout, WAYMARK_CURVE (self->press_hit.element),
                                              self->press_hit.stage, &x, &y) &&
              waymark_layout_y_for_emotion (self->layout, self->drag_value, &to_y))
            {
              cairo_arc (cr, x, to_y, 7.0, 0, 2 * G_PI);
              cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
              cairo_fill (cr);
            }
        }
      break;

    case DRAG_FREEHAND:
      if (self->stroke->len >= 4)
        waymark_renderer_draw_freehand (self->layout, cr, self->stroke_curve,
                                        (const double *) (gpointer) self->stroke->data,
                                        self->stroke->len / 2);
      break;

    default:
      break;
    }
}

/* While a point is dragged: its value and level name beside it, in widget
 * units so that it stays readable at any zoom. */
static void
draw_value_label (WaymarkCanvas *self,
                  cairo_t       *cr)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle extents;
  double x;
  double y;
  double to_y;
  double bx;
  double by;
  const double pad = 4.0;

  if (self->drag_mode != DRAG_CURVE_POINT || !self->drop_valid ||
      !waymark_layout_get_curve_point (self->layout, WAYMARK_CURVE (self->press_hit.element),
                                       self->press_hit.stage, &x, &y) ||
      !waymark_layout_y_for_emotion (self->layout, self->drag_value, &to_y))
    return;

  text = describe_value (self, self->drag_value);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_extents (layout, NULL, &extents);

  bx = x * self->zoom - hvalue (self) + 7.0 * self->zoom + 6.0;
  by = to_y * self->zoom - vvalue (self) - extents.height / 2.0 - pad;

  cairo_rectangle (cr, bx, by, extents.width + 2 * pad, extents.height + 2 * pad);
  if (self->dark)
    cairo_set_source_rgba (cr, 0.95, 0.95, 0.95, 0.95);
  else
    cairo_set_source_rgba (cr, 0.14, 0.14, 0.14, 0.9);
  cairo_fill (cr);

  if (self->dark)
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  else
    cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_move_to (cr, bx + pad - extents.x, by + pad - extents.y);
  pango_cairo_show_layout (cr, layout);
}

/* Pixels already drawn, as a node that costs one blit to show again. The
 * software renderer downloads a texture node into a new surface on every
 * frame, a whole-window copy during a drag; a cairo node that paints the
 * surface is replayed clipped to the damage instead. GPU renderers keep a
 * texture on the GPU. Takes the surface. */
static GskRenderNode *
pixels_node (WaymarkCanvas         *self,
             cairo_surface_t       *surface,
             const graphene_rect_t *bounds)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderNode *node;
  GBytes *bytes;

  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer))
    {
      cairo_t *cr;

      node = gsk_cairo_node_new (bounds);
      cr = gsk_cairo_node_get_draw_context (node);
      cairo_set_source_surface (cr, surface, bounds->origin.x, bounds->origin.y);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      return node;
    }

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                      cairo_image_surface_get_height (surface),
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);

  return gsk_texture_node_new (texture, bounds);
}

/* A drawing made once into pixels, at the origin, area->size big. */
static GskRenderNode *
drawing_node (WaymarkCanvas         *self,
              const graphene_rect_t *area,
              void                 (*draw) (WaymarkCanvas *self,
                                            cairo_t       *cr))
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int pixel_width = MAX (1, (int) ceil (area->size.width * scale));
  int pixel_height = MAX (1, (int) ceil (area->size.height * scale));
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_translate (cr, -area->origin.x - hvalue (self), -area->origin.y - vvalue (self));
  cairo_scale (cr, self->zoom, self->zoom);
  draw (self, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return pixels_node (self, surface,
                      &GRAPHENE_RECT_INIT (0, 0, area->size.width, area->size.height));
}

/* The map under the moving parts, for what the canvas shows. */
static void
draw_base (WaymarkCanvas *self,
           cairo_t       *cr)
{
  GtkWidget *widget = GTK_WIDGET (self);
  WaymarkRenderOptions options;
  WaymarkRect region;

  waymark_render_options_init (&options);
  options.dark = self->dark;
  options.selection = self->selection;
  options.hidden = self->hidden;
  options.hover = self->hover;
  options.focus = gtk_widget_has_focus (widget) || self->editing ? self->focus : NULL;
  options.point_curve = self->point_curve;
  options.point_stage = self->point_stage;

  widget_to_layout (self, 0, 0, &region.x, &region.y);
  region.width = gtk_widget_get_width (widget) / self->zoom;
  region.height = gtk_widget_get_height (widget) / self->zoom;

  waymark_renderer_draw (self->layout, cr, &region, &options);
}

static void
draw_indicator (WaymarkCanvas *self,
                cairo_t       *cr)
{
  waymark_renderer_draw_drop_indicator (self->layout, cr, self->drop_stage, self->drop_lane,
                                        self->drop_index, self->dark);
}

/* The stack is drawn with its top-left card at the layout origin. */
static void
draw_stack (WaymarkCanvas *self,
            cairo_t       *cr)
{
  WaymarkRenderOptions options;
  WaymarkRect rect;
  double offset = 0.0;

  waymark_render_options_init (&options);
  options.dark = self->dark;
  options.selection = self->selection;

  /* The cards follow the pointer as a small stack, in order. */
  for (guint i = 0; i < self->dragged->len; i++)
    {
      WaymarkTouchpoint *tp = g_ptr_array_index (self->dragged, i);

      if (!waymark_layout_get_card_rect (self->layout, tp, &rect))
        continue;
      cairo_push_group (cr);
      waymark_renderer_draw_card_at (self->layout, cr, tp, 6.0 * i, offset, &options);
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 0.9);
      offset += MIN (rect.height, 24.0);
    }
}

/* The indicator and the moving cards are kept as pixels of their own, as
 * small as they are: a frame of a drag redraws only where they were and
 * are, and draws no text. */
static void
snapshot_dragged_cards (WaymarkCanvas *self,
                        GtkSnapshot   *snapshot)
{
  graphene_rect_t area;
  WaymarkRect rect;
  double lx;
  double ly;

  widget_to_layout (self, self->pointer_wx, self->pointer_wy, &lx, &ly);

  if (self->indicator_node != NULL &&
      (self->indicator_stage != self->drop_stage || self->indicator_lane != self->drop_lane ||
       self->indicator_index != self->drop_index || !self->drop_valid))
    g_clear_pointer (&self->indicator_node, gsk_render_node_unref);

  if (self->drop_valid &&
      waymark_layout_get_cell_rect (self->layout, self->drop_stage, self->drop_lane, &rect))
    {
      _waymark_canvas_layout_to_widget (self, &rect, &area);
      graphene_rect_inset (&area, -8.0, -8.0);
      if (self->indicator_node == NULL)
        {
          GtkSnapshot *indicator = gtk_snapshot_new ();
          graphene_rect_t local = GRAPHENE_RECT_INIT (0, 0, area.size.width, area.size.height);
          cairo_t *cr = gtk_snapshot_append_cairo (indicator, &local);

          cairo_translate (cr, -area.origin.x - hvalue (self), -area.origin.y - vvalue (self));
          cairo_scale (cr, self->zoom, self->zoom);
          draw_indicator (self, cr);
          cairo_destroy (cr);
          self->indicator_node = gtk_snapshot_free_to_node (indicator);
          self->indicator_stage = self->drop_stage;
          self->indicator_lane = self->drop_lane;
          self->indicator_index = self->drop_index;
        }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &area.origin);
      gtk_snapshot_append_node (snapshot, self->indicator_node);
      gtk_snapshot_restore (snapshot);
    }

  if (self->stack_node == NULL)
    {
      WaymarkRect stack = { 0 };
      double offset = 0.0;
      const double shadow = 16.0;

      for (guint i = 0; i < self->dragged->len; i++)
        {
          if (!waymark_layout_get_card_rect (self->layout, g_ptr_array_index (self->dragged, i), &rect))
            continue;
          stack.width = MAX (stack.width, rect.width + 6.0 * i);
          stack.height = MAX (stack.height, offset + rect.height);
          offset += MIN (rect.height, 24.0);
        }
      /* In widget units, relative to the top-left card, with room for its shadow. */
      self->stack_area = GRAPHENE_RECT_INIT (-shadow, -shadow,
                                             stack.width * self->zoom + 2 * shadow,
                                             stack.height * self->zoom + 2 * shadow);
      area = self->stack_area;
      area.origin.x -= hvalue (self);
      area.origin.y -= vvalue (self);
      self->stack_node = drawing_node (self, &area, draw_stack);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT ((lx - self->grab_dx) * self->zoom - hvalue (self) +
                                                self->stack_area.origin.x,
                                                (ly - self->grab_dy) * self->zoom - vvalue (self) +
                                                self->stack_area.origin.y));
  gtk_snapshot_append_node (snapshot, self->stack_node);
  gtk_snapshot_restore (snapshot);
}

static void snapshot_map (GtkWidget   *widget,
                          GtkSnapshot *snapshot);

static void
waymark_canvas_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  gboolean allocating = self->allocating;

  self->allocating = TRUE;
  snapshot_map (widget, snapshot);
  self->allocating = allocating;
}

static void
snapshot_map (GtkWidget   *widget,
              GtkSnapshot *snapshot)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);

  if (self->layout == NULL || width <= 0 || height <= 0)
    return;

  self->drew_this_frame = TRUE;

  if (self->base_node == NULL)
    {
      /* Drawn once into pixels: a cairo node of the drawing itself would
       * replay every command on each frame of a drag. */
      self->base_node = drawing_node (self, &bounds, draw_base);

      if (self->debug_geometry && self->geometry_dirty)
        print_geometry (self);
      self->geometry_dirty = FALSE;
    }

  if (self->base_node != NULL)
    gtk_snapshot_append_node (snapshot, self->base_node);

  if (self->drag_mode == DRAG_CARDS)
    snapshot_dragged_cards (self, snapshot);
  else if (self->drag_mode != DRAG_NONE && self->drag_mode != DRAG_PENDING &&
           self->drag_mode != DRAG_PAN)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      cairo_save (cr);
      cairo_translate (cr, -hvalue (self), -vvalue (self));
      cairo_scale (cr, self->zoom, self->zoom);
      snapshot_overlay (self, cr);
      cairo_restore (cr);
      draw_value_label (self, cr);
      cairo_destroy (cr);
    }

  if (self->editing)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

static void
focus_changed (WaymarkCanvas *self)
{
  invalidate (self);
}

static void
waymark_canvas_realize (GtkWidget *widget)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);

  GTK_WIDGET_CLASS (waymark_canvas_parent_class)->realize (widget);

  if (self->debug_frames)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

      self->before_paint_id = g_signal_connect (clock, "before-paint",
                                                G_CALLBACK (before_paint_cb), self);
      self->after_paint_id = g_signal_connect (clock, "after-paint",
                                               G_CALLBACK (after_paint_cb), self);
    }
}

static void
waymark_canvas_unrealize (GtkWidget *widget)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    {
      g_clear_signal_handler (&self->before_paint_id, clock);
      g_clear_signal_handler (&self->after_paint_id, clock);
    }
  autoscroll_stop (self);

  GTK_WIDGET_CLASS (waymark_canvas_parent_class)->unrealize (widget);
}

/* ---- GtkScrollable ------------------------------------------------------ */

static void
adjustment_value_changed (WaymarkCanvas *self)
{
  if (self->editing)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  invalidate (self);
}

static void
set_adjustment (WaymarkCanvas  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  configure_adjustments (self);
}

static void
waymark_canvas_scrollable_init (GtkScrollableInterface *iface)
{
}

/* ---- GObject ------------------------------------------------------------ */

static void
waymark_canvas_dispose (GObject *object)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (object);

  print_frame_summary (self);
  g_clear_handle_id (&self->relayout_idle, g_source_remove);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed, self);

  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  if (self->note_popover != NULL)
    g_signal_handlers_disconnect_by_func (self->note_popover, note_closed, self);
  g_clear_pointer (&self->note_popover, gtk_widget_unparent);
  self->note_entry = NULL;
  g_clear_object (&self->context_actions);
  g_clear_object (&self->drawing_curve);
  g_clear_pointer (&self->dragged, g_ptr_array_unref);
  g_clear_pointer (&self->band_base, g_hash_table_unref);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  g_clear_pointer (&self->indicator_node, gsk_render_node_unref);
  g_clear_pointer (&self->stack_node, gsk_render_node_unref);
  g_clear_object (&self->layout);
  g_clear_object (&self->document);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (waymark_canvas_parent_class)->dispose (object);
}

static void
waymark_canvas_finalize (GObject *object)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (object);

  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->frame_times, g_array_unref);
  g_clear_pointer (&self->stroke, g_array_unref);

  G_OBJECT_CLASS (waymark_canvas_parent_class)->finalize (object);
}

static void
waymark_canvas_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_DRAWING_CURVE:
      g_value_set_object (value, self->drawing_curve);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_canvas_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      waymark_canvas_set_document (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      waymark_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_DARK:
      waymark_canvas_set_dark (self, g_value_get_boolean (value));
      break;
    case PROP_DRAWING_CURVE:
      waymark_canvas_set_drawing_curve (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_canvas_class_init (WaymarkCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *actions[] = {
    "canvas.delete", "canvas.copy", "canvas.cut", "canvas.paste", "canvas.duplicate",
    "canvas.rename", "canvas.select-all", "canvas.zoom-in", "canvas.zoom-out",
    "canvas.zoom-reset", "canvas.zoom-fit", "canvas.add-touchpoint",
    "canvas.insert-stage-before", "canvas.insert-stage-after", "canvas.add-lane",
    "canvas.delete-stage", "canvas.delete-lane", "canvas.context-menu",
    "canvas.add-point", "canvas.remove-point", "canvas.edit-note", "canvas.link-selected",
    "canvas.unlink-selected", "canvas.hide-lane", "canvas.toggle-lane-collapsed",
  };

  object_class->dispose = waymark_canvas_dispose;
  object_class->finalize = waymark_canvas_finalize;
  object_class->get_property = waymark_canvas_get_property;
  object_class->set_property = waymark_canvas_set_property;

  widget_class->measure = waymark_canvas_measure;
  widget_class->size_allocate = waymark_canvas_size_allocate;
  widget_class->snapshot = waymark_canvas_snapshot;
  widget_class->realize = waymark_canvas_realize;
  widget_class->unrealize = waymark_canvas_unrealize;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, WAYMARK_CANVAS_MIN_ZOOM, WAYMARK_CANVAS_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAWING_CURVE] =
    g_param_spec_object ("drawing-curve", NULL, NULL, WAYMARK_TYPE_CURVE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, canvas_action);
  gtk_widget_class_install_action (widget_class, "canvas.draw-curve", "s", canvas_action);

  /* Menus show the accelerator bound last: Delete. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "canvas.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "canvas.add-touchpoint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-reset", NULL);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static const GActionEntry context_entries[] = {
  { "lane-kind", lane_kind_activate, "s", "'cards'", NULL, { 0 } },
  { "moment-of-truth", moment_of_truth_activate, NULL, "false", NULL, { 0 } },
};

static void
waymark_canvas_init (WaymarkCanvas *self)
{
  GtkGesture *click;
  GtkGesture *drag;
  GtkGesture *pan;
  GtkGesture *zoom;
  GtkEventController *controller;
  g_autoptr(GMenuModel) menu = NULL;

  self->zoom = 1.0;
  self->selection = g_hash_table_new (NULL, NULL);
  self->hidden = g_hash_table_new (NULL, NULL);
  self->frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  self->stroke = g_array_new (FALSE, FALSE, sizeof (double));
  self->debug_frames = _waymark_ui_debug ("frames");
  self->debug_geometry = _waymark_ui_debug ("geometry");

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  pan = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (pan, "drag-end", G_CALLBACK (drag_reset), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pan));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->editor = gtk_entry_new ();
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_add_css_class (self->editor, "canvas-editor");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"),
                                  -1);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  g_signal_connect (self->editor, "activate", G_CALLBACK (editor_activate), self);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (editor_key_pressed), self);
  gtk_widget_add_controller (self->editor, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (editor_focus_leave), self);
  gtk_widget_add_controller (self->editor, controller);

  menu = build_context_menu (self);
  self->context_menu = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  self->context_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->context_actions), context_entries,
                                   G_N_ELEMENTS (context_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "canvas-context",
                                  G_ACTION_GROUP (self->context_actions));

  self->note_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note_entry), _("Why does the persona feel so here?"));
  gtk_entry_set_activates_default (GTK_ENTRY (self->note_entry), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->note_entry), 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"),
                                  -1);
  g_signal_connect (self->note_entry, "activate", G_CALLBACK (note_activate), self);
  self->note_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->note_popover), self->note_entry);
  gtk_popover_set_position (GTK_POPOVER (self->note_popover), GTK_POS_BOTTOM);
  gtk_widget_set_parent (self->note_popover, GTK_WIDGET (self));
  g_signal_connect (self->note_popover, "closed", G_CALLBACK (note_closed), self);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  actions_update (self);
}

/* ---- Public API --------------------------------------------------------- */

GtkWidget *
waymark_canvas_new (void)
{
  return g_object_new (WAYMARK_TYPE_CANVAS, NULL);
}

WaymarkDocument *
waymark_canvas_get_document (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->document;
}

void
waymark_canvas_set_document (WaymarkCanvas   *self,
                             WaymarkDocument *document)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));
  g_return_if_fail (document == NULL || WAYMARK_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  editor_close (self, FALSE);
  drag_reset (self);
  g_hash_table_remove_all (self->selection);
  self->focus = NULL;
  self->hover = NULL;
  self->context_valid = FALSE;
  self->point_curve = NULL;
  self->point_stage = NULL;
  self->active_curve = NULL;
  if (self->note_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->note_popover));
  waymark_canvas_set_drawing_curve (self, NULL);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);
  g_clear_object (&self->layout);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      PangoFontMap *font_map = pango_context_get_font_map (gtk_widget_get_pango_context (GTK_WIDGET (self)));

      self->layout = waymark_layout_new (document, font_map);
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->layout, "invalidated", G_CALLBACK (layout_invalidated), self,
                               G_CONNECT_SWAPPED);
    }

  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);

  invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

WaymarkLayout *
waymark_canvas_get_layout (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->layout;
}

double
waymark_canvas_get_zoom (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
waymark_canvas_set_zoom (WaymarkCanvas *self,
                         double         zoom)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  zoom_at (self, zoom, 0, 0);
  actions_update (self);
}

void
waymark_canvas_zoom_to_fit (WaymarkCanvas *self)
{
  double width;
  double height;
  double zoom;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (self->layout == NULL)
    return;

  width = waymark_layout_get_width (self->layout);
  height = waymark_layout_get_height (self->layout);
  if (width <= 0 || height <= 0)
    return;

  zoom = MIN (gtk_widget_get_width (GTK_WIDGET (self)) / width,
              gtk_widget_get_height (GTK_WIDGET (self)) / height);
  zoom_at (self, zoom, 0, 0);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  actions_update (self);
}

gboolean
waymark_canvas_get_dark (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), FALSE);

  return self->dark;
}

void
waymark_canvas_set_dark (WaymarkCanvas *self,
                         gboolean       dark)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

GPtrArray *
waymark_canvas_get_selection (WaymarkCanvas *self)
{
  GPtrArray *result;
  GListModel *lists[2];

  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  result = selected_touchpoints (self);
  if (self->document == NULL)
    return result;

  lists[0] = waymark_document_get_stages (self->document);
  lists[1] = waymark_document_get_lanes (self->document);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        WaymarkElement *element = g_list_model_get_item (lists[l], i);

        if (g_hash_table_contains (self->selection, element))
          g_ptr_array_add (result, element);
        else
          g_object_unref (element);
      }

  return result;
}

void
waymark_canvas_select (WaymarkCanvas  *self,
                       WaymarkElement *element,
                       gboolean        extend)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));
  g_return_if_fail (element == NULL || WAYMARK_IS_ELEMENT (element));

  if (!extend || element == NULL)
    {
      select_only (self, element);
      return;
    }

  if (g_hash_table_contains (self->selection, element))
    {
      g_hash_table_remove (self->selection, element);
      if (self->focus == element)
        self->focus = NULL;
    }
  else
    {
      g_hash_table_add (self->selection, element);
      self->focus = element;
    }
  selection_changed (self);
}

WaymarkElement *
waymark_canvas_get_focus (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->focus;
}

void
waymark_canvas_scroll_to (WaymarkCanvas  *self,
                          WaymarkElement *element)
{
  WaymarkRect rect;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (element_rect (self, element, &rect))
    scroll_to_rect (self, &rect);
}

static void
scroll_to_rect (WaymarkCanvas     *self,
                const WaymarkRect *rect)
{
  graphene_rect_t area;
  double width;
  double height;
  const double margin = 24.0;

  configure_adjustments (self);
  _waymark_canvas_layout_to_widget (self, rect, &area);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadjustment != NULL)
    {
      if (area.origin.x < margin)
        gtk_adjustment_set_value (self->hadjustment, hvalue (self) + area.origin.x - margin);
      else if (area.origin.x + area.size.width > width - margin)
        gtk_adjustment_set_value (self->hadjustment,
                                  hvalue (self) + MIN (area.origin.x - margin,
                                                       area.origin.x + area.size.width - width + margin));
    }
  if (self->vadjustment != NULL)
    {
      if (area.origin.y < margin)
        gtk_adjustment_set_value (self->vadjustment, vvalue (self) + area.origin.y - margin);
      else if (area.origin.y + area.size.height > height - margin)
        gtk_adjustment_set_value (self->vadjustment,
                                  vvalue (self) + MIN (area.origin.y - margin,
                                                       area.origin.y + area.size.height - height + margin));
    }
}

void
waymark_canvas_edit_title (WaymarkCanvas  *self,
                           WaymarkElement *element)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  edit_start (self, element, element == NULL);
}

gboolean
waymark_canvas_get_selected_point (WaymarkCanvas  *self,
                                   WaymarkCurve  **curve,
                                   WaymarkStage  **stage)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), FALSE);

  if (curve != NULL)
    *curve = self->point_curve;
  if (stage != NULL)
    *stage = self->point_stage;
  return self->point_curve != NULL;
}

void
waymark_canvas_select_point (WaymarkCanvas *self,
                             WaymarkCurve  *curve,
                             WaymarkStage  *stage)
{
  double value;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));
  g_return_if_fail (curve == NULL || WAYMARK_IS_CURVE (curve));
  g_return_if_fail (curve == NULL || WAYMARK_IS_STAGE (stage));

  if (curve != NULL)
    {
      g_return_if_fail (self->document != NULL &&
                        waymark_element_get_document (WAYMARK_ELEMENT (curve)) == self->document);
      g_return_if_fail (waymark_curve_get_value (curve, stage, &value));
    }

  set_point (self, curve, curve != NULL ? stage : NULL, TRUE);
}

WaymarkCurve *
waymark_canvas_get_drawing_curve (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->drawing_curve;
}

void
waymark_canvas_set_drawing_curve (WaymarkCanvas *self,
                                  WaymarkCurve  *curve)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));
  g_return_if_fail (curve == NULL || WAYMARK_IS_CURVE (curve));
  g_return_if_fail (curve == NULL ||
                    (self->document != NULL &&
                     waymark_element_get_document (WAYMARK_ELEMENT (curve)) == self->document));

  if (self->drawing_curve == curve)
    return;

  if (self->drag_mode == DRAG_FREEHAND)
    _waymark_canvas_drag_cancel (self);
  g_set_object (&self->drawing_curve, curve);
  if (curve != NULL)
    self->active_curve = curve;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAWING_CURVE]);
}
