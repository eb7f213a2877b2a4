/* test-canvas.c — selection, dragging and clipboard logic of the canvas
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <math.h>
#include <adwaita.h>

#include "waymark-canvas.h"
#include "waymark-canvas-private.h"
#include "waymark-clipboard.h"
#include "waymark-synth.h"

typedef struct
{
  WaymarkDocument *document;
  GtkWidget       *window;
  WaymarkCanvas   *canvas;
} Fixture;

static void
wait_for_allocation (Fixture *fixture)
{
  for (guint i = 0; i < 200 && gtk_widget_get_width (GTK_WIDGET (fixture->canvas)) < 100; i++)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->canvas)), >=, 100);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  fixture->document = waymark_synth_document (5, 40, 1);
  fixture->canvas = WAYMARK_CANVAS (waymark_canvas_new ());
  waymark_canvas_set_document (fixture->canvas, fixture->document);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (fixture->canvas));

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), scroller);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_allocation (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (fixture->document);
}

static WaymarkStage *
stage (Fixture *fixture,
       guint    index)
{
  g_autoptr(WaymarkStage) result = g_list_model_get_item (waymark_document_get_stages (fixture->document),
                                                          index);
  return result;
}

/* A card of the first stage, and widget coordinates of its middle. */
static WaymarkTouchpoint *
first_stage_card (Fixture *fixture,
                  guint    skip,
                  double  *x,
                  double  *y)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (fixture->document);

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (touchpoints, i);
      WaymarkRect rect;
      graphene_rect_t area;

      if (waymark_touchpoint_get_stage (tp) != stage (fixture, 0))
        continue;
      if (skip-- > 0)
        continue;
      g_assert_true (waymark_layout_get_card_rect (waymark_canvas_get_layout (fixture->canvas), tp, &rect));
      _waymark_canvas_layout_to_widget (fixture->canvas, &rect, &area);
      *x = area.origin.x + area.size.width / 2;
      *y = area.origin.y + 12;
      return tp;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
cell_point (Fixture      *fixture,
            WaymarkStage *target,
            WaymarkLane  *lane,
            double       *x,
            double       *y)
{
  WaymarkRect rect;
  graphene_rect_t area;

  g_assert_true (waymark_layout_get_cell_rect (waymark_canvas_get_layout (fixture->canvas),
                                               target, lane, &rect));
  _waymark_canvas_layout_to_widget (fixture->canvas, &rect, &area);
  *x = area.origin.x + area.size.width / 2;
  *y = area.origin.y + area.size.height - 4;
}

static void
drag (Fixture         *fixture,
      double           x0,
      double           y0,
      double           x1,
      double           y1,
      GdkModifierType  modifiers,
      gboolean         release)
{
  _waymark_canvas_press (fixture->canvas, x0, y0, modifiers, 1);
  _waymark_canvas_drag_begin (fixture->canvas, x0, y0, modifiers);
  for (guint i = 1; i <= 10; i++)
    _waymark_canvas_drag_update (fixture->canvas, x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10);
  g_assert_true (_waymark_canvas_is_dragging (fixture->canvas));
  if (release)
    _waymark_canvas_drag_end (fixture->canvas, x1, y1);
}

static void
test_click_selects (Fixture       *fixture,
                    gconstpointer  data)
{
  double x, y, x2, y2;
  WaymarkTouchpoint *a = first_stage_card (fixture, 0, &x, &y);
  WaymarkTouchpoint *b = first_stage_card (fixture, 1, &x2, &y2);
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) none = NULL;

  _waymark_canvas_press (fixture->canvas, x, y, 0, 1);
  one = waymark_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_true (g_ptr_array_index (one, 0) == a);
  g_assert_true (waymark_canvas_get_focus (fixture->canvas) == WAYMARK_ELEMENT (a));

  _waymark_canvas_press (fixture->canvas, x2, y2, GDK_SHIFT_MASK, 1);
  two = waymark_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_true (g_ptr_array_find (two, b, NULL));

  /* A plain click on the empty header clears the selection. */
  _waymark_canvas_press (fixture->canvas, 5, 5, 0, 1);
  none = waymark_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_drag_moves_card (Fixture       *fixture,
                      gconstpointer  data)
{
  double x, y, tx, ty;
  WaymarkTouchpoint *tp = first_stage_card (fixture, 0, &x, &y);
  WaymarkLane *lane = waymark_touchpoint_get_lane (tp);

  cell_point (fixture, stage (fixture, 2), lane, &tx, &ty);
  drag (fixture, x, y, tx, ty, 0, TRUE);

  g_assert_true (waymark_touchpoint_get_stage (tp) == stage (fixture, 2));
  g_assert_true (waymark_touchpoint_get_lane (tp) == lane);
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->document), ==, "Move Touchpoint");
  g_assert_false (_waymark_canvas_is_dragging (fixture->canvas));

  /* Exactly one step: one undo restores the card, and there is nothing left. */
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_true (waymark_touchpoint_get_stage (tp) == stage (fixture, 0));
  g_assert_false (waymark_document_can_undo (fixture->document));
}

static void
test_drag_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  double x, y, tx, ty;
  WaymarkTouchpoint *tp = first_stage_card (fixture, 0, &x, &y);
  guint index = waymark_document_get_index_in_cell (fixture->document, tp);

  cell_point (fixture, stage (fixture, 2), waymark_touchpoint_get_lane (tp), &tx, &ty);
  drag (fixture, x, y, tx, ty, 0, FALSE);
  _waymark_canvas_drag_cancel (fixture->canvas);
  /* The release that follows Esc must not drop the cards either. */
  _waymark_canvas_drag_end (fixture->canvas, tx, ty);

  g_assert_true (waymark_touchpoint_get_stage (tp) == stage (fixture, 0));
  g_assert_cmpuint (waymark_document_get_index_in_cell (fixture->document, tp), ==, index);
  g_assert_false (waymark_document_can_undo (fixture->document));
  g_assert_false (waymark_document_get_modified_since_save (fixture->document));
}

static void
test_drag_several (Fixture       *fixture,
                   gconstpointer  data)
{
  double x, y, x2, y2, tx, ty;
  WaymarkTouchpoint *a = first_stage_card (fixture, 0, &x, &y);
  WaymarkTouchpoint *b = first_stage_card (fixture, 1, &x2, &y2);
  WaymarkLane *lane = waymark_touchpoint_get_lane (a);
  g_autoptr(GPtrArray) cell = NULL;
  guint ia, ib;

  _waymark_canvas_press (fixture->canvas, x, y, 0, 1);
  _waymark_canvas_press (fixture->canvas, x2, y2, GDK_CONTROL_MASK, 1);
  _waymark_canvas_drag_end (fixture->canvas, x2, y2);

  cell_point (fixture, stage (fixture, 3), lane, &tx, &ty);
  drag (fixture, x, y, tx, ty, 0, TRUE);

  g_assert_true (waymark_touchpoint_get_stage (a) == stage (fixture, 3));
  g_assert_true (waymark_touchpoint_get_stage (b) == stage (fixture, 3));
  g_assert_true (waymark_touchpoint_get_lane (a) == lane);
  g_assert_true (waymark_touchpoint_get_lane (b) == lane);
  /* In document order, next to each other. */
  cell = waymark_document_get_cell (fixture->document, stage (fixture, 3), lane);
  g_assert_true (g_ptr_array_find (cell, a, &ia));
  g_assert_true (g_ptr_array_find (cell, b, &ib));
  g_assert_cmpuint (ib, ==, ia + 1);

  g_assert_cmpstr (waymark_document_get_undo_label (fixture->document), ==, "Move Touchpoints");
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_true (waymark_touchpoint_get_stage (a) == stage (fixture, 0));
  g_assert_true (waymark_touchpoint_get_stage (b) == stage (fixture, 0));
  g_assert_false (waymark_document_can_undo (fixture->document));
}

static void
test_rubber_band (Fixture       *fixture,
                  gconstpointer  data)
{
  double x, y, x2, y2;
  WaymarkTouchpoint *a = first_stage_card (fixture, 0, &x, &y);
  WaymarkRect rect;
  graphene_rect_t area;
  g_autoptr(GPtrArray) selection = NULL;

  waymark_layout_get_cell_rect (waymark_canvas_get_layout (fixture->canvas), stage (fixture, 0),
                                waymark_touchpoint_get_lane (a), &rect);
  _waymark_canvas_layout_to_widget (fixture->canvas, &rect, &area);
  /* From the empty left edge of the cell to below the first card. */
  x2 = area.origin.x + 2;
  y2 = area.origin.y + 2;
  drag (fixture, x2, y2, x + 10, y + 20, 0, TRUE);

  selection = waymark_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (selection->len, >=, 1);
  g_assert_true (g_ptr_array_find (selection, a, NULL));
  g_assert_false (waymark_document_can_undo (fixture->document));
}

/* Keyboard alone: Tab reaches a card, Up climbs to its stage header, and
 * Alt+Right moves the stage; every move is one step back. */
static void
test_keyboard_reach_and_move (Fixture       *fixture,
                              gconstpointer  data)
{
  WaymarkCanvas *canvas = fixture->canvas;
  WaymarkElement *card;
  WaymarkStage *column;
  int index;

  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Tab, 0));
  card = waymark_canvas_get_focus (canvas);
  g_assert_true (WAYMARK_IS_TOUCHPOINT (card));
  column = waymark_touchpoint_get_stage (WAYMARK_TOUCHPOINT (card));
  g_assert_true (column == stage (fixture, 0));

  /* Alt+Right carries the card into the next stage, to the end of its cell. */
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_true (waymark_touchpoint_get_stage (WAYMARK_TOUCHPOINT (card)) == stage (fixture, 1));
  g_assert_true (waymark_canvas_get_focus (canvas) == card);

  for (guint i = 0; i < 50 && WAYMARK_IS_TOUCHPOINT (waymark_canvas_get_focus (canvas)); i++)
    _waymark_canvas_key_press (canvas, GDK_KEY_Up, 0);
  g_assert_true (waymark_canvas_get_focus (canvas) == WAYMARK_ELEMENT (stage (fixture, 1)));

  /* Down goes back into the column; Left from a card of the first stage
   * reaches the lane label. */
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Down, 0));
  g_assert_true (WAYMARK_IS_TOUCHPOINT (waymark_canvas_get_focus (canvas)));
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Up, 0) &&
                 waymark_canvas_get_focus (canvas) != NULL);
  for (guint i = 0; i < 50 && !WAYMARK_IS_STAGE (waymark_canvas_get_focus (canvas)); i++)
    _waymark_canvas_key_press (canvas, GDK_KEY_Up, 0);

  column = WAYMARK_STAGE (waymark_canvas_get_focus (canvas));
  index = waymark_document_get_stage_index (fixture->document, column);
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpint (waymark_document_get_stage_index (fixture->document, column), ==, index + 1);
  g_assert_true (waymark_canvas_get_focus (canvas) == WAYMARK_ELEMENT (column));

  /* Two steps: the stage, then the card. */
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpint (waymark_document_get_stage_index (fixture->document, column), ==, index);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_true (waymark_touchpoint_get_stage (WAYMARK_TOUCHPOINT (card)) == stage (fixture, 0));
  g_assert_false (waymark_document_can_undo (fixture->document));
  g_assert_false (waymark_document_get_modified_since_save (fixture->document));
}

static void
test_keyboard_lane_label (Fixture       *fixture,
                          gconstpointer  data)
{
  WaymarkCanvas *canvas = fixture->canvas;
  WaymarkTouchpoint *card;
  WaymarkLane *lane;
  int index;

  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Tab, 0));
  card = WAYMARK_TOUCHPOINT (waymark_canvas_get_focus (canvas));
  lane = waymark_touchpoint_get_lane (card);
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Left, 0));
  g_assert_true (waymark_canvas_get_focus (canvas) == WAYMARK_ELEMENT (lane));

  /* Alt+Up moves the lane, unless it is the first. */
  index = waymark_document_get_lane_index (fixture->document, lane);
  _waymark_canvas_key_press (canvas, GDK_KEY_Up, GDK_ALT_MASK);
  if (index == 0)
    g_assert_false (waymark_document_can_undo (fixture->document));
  else
    {
      g_assert_cmpint (waymark_document_get_lane_index (fixture->document, lane), ==, index - 1);
      g_assert_true (waymark_document_undo (fixture->document));
      g_assert_cmpint (waymark_document_get_lane_index (fixture->document, lane), ==, index);
    }

  /* Right goes back to the first card of the lane. */
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Right, 0));
  g_assert_true (waymark_canvas_get_focus (canvas) == WAYMARK_ELEMENT (card));
}

/* Adding a stage or a card and typing its name is one step to undo. */
static void
name_new (Fixture    *fixture,
          const char *action,
          const char *name)
{
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->canvas), action, NULL));
  editor = _waymark_canvas_get_editor (fixture->canvas);
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (editor), name);
  g_signal_emit_by_name (editor, "activate");
  g_assert_null (_waymark_canvas_get_editor (fixture->canvas));
}

static void
test_add_and_name_is_one_step (Fixture       *fixture,
                               gconstpointer  data)
{
  GListModel *stages = waymark_document_get_stages (fixture->document);
  GListModel *touchpoints = waymark_document_get_touchpoints (fixture->document);
  guint n_stages = g_list_model_get_n_items (stages);
  guint n_touchpoints = g_list_model_get_n_items (touchpoints);
  WaymarkElement *focus;

  waymark_canvas_select (fixture->canvas, WAYMARK_ELEMENT (stage (fixture, 1)), FALSE);
  name_new (fixture, "canvas.insert-stage-after", "Compare offers");
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n_stages + 1);
  g_assert_cmpstr (waymark_stage_get_name (stage (fixture, 2)), ==, "Compare offers");
  g_assert_true (waymark_canvas_get_focus (fixture->canvas) == WAYMARK_ELEMENT (stage (fixture, 2)));
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->document), ==, "Add Stage");

  name_new (fixture, "canvas.add-touchpoint", "Reads the offer");
  g_assert_cmpuint (g_list_model_get_n_items (touchpoints), ==, n_touchpoints + 1);
  focus = waymark_canvas_get_focus (fixture->canvas);
  g_assert_true (WAYMARK_IS_TOUCHPOINT (focus));
  g_assert_cmpstr (waymark_touchpoint_get_title (WAYMARK_TOUCHPOINT (focus)), ==, "Reads the offer");
  g_assert_true (waymark_touchpoint_get_stage (WAYMARK_TOUCHPOINT (focus)) == stage (fixture, 2));

  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpuint (g_list_model_get_n_items (touchpoints), ==, n_touchpoints);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n_stages);
  g_assert_false (waymark_document_can_undo (fixture->document));

  /* Redo brings each back with its name. */
  g_assert_true (waymark_document_redo (fixture->document));
  g_assert_cmpstr (waymark_stage_get_name (stage (fixture, 2)), ==, "Compare offers");
}

/* ---- Curves, points, freehand, legend, lanes, links --------------------- */

static WaymarkCurve *
curve (Fixture    *fixture,
       const char *id)
{
  WaymarkElement *element = waymark_document_lookup (fixture->document, id);

  g_assert_true (WAYMARK_IS_CURVE (element));
  return WAYMARK_CURVE (element);
}

static double
value_at (WaymarkCurve *c,
          WaymarkStage *s)
{
  double value = G_MAXDOUBLE;

  g_assert_true (waymark_curve_get_value (c, s, &value));
  return value;
}

/* Widget coordinates of a layout point. */
static void
to_widget (Fixture *fixture,
           double   lx,
           double   ly,
           double  *x,
           double  *y)
{
  WaymarkRect rect = { lx, ly, 0, 0 };
  graphene_rect_t area;

  _waymark_canvas_layout_to_widget (fixture->canvas, &rect, &area);
  *x = area.origin.x;
  *y = area.origin.y;
}

static void
point_center (Fixture      *fixture,
              WaymarkCurve *c,
              WaymarkStage *s,
              double       *x,
              double       *y)
{
  double lx;
  double ly;

  g_assert_true (waymark_layout_get_curve_point (waymark_canvas_get_layout (fixture->canvas), c, s,
                                                 &lx, &ly));
  to_widget (fixture, lx, ly, x, y);
}

static double
y_for (Fixture *fixture,
       double   value)
{
  double y = 0.0;

  g_assert_true (waymark_layout_y_for_emotion (waymark_canvas_get_layout (fixture->canvas), value, &y));
  return y;
}

/* Scrolls the emotion lane to the top of the canvas. */
static void
show_emotion_lane (Fixture *fixture)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->canvas));
  WaymarkRect plot;

  g_assert_true (waymark_layout_get_emotion_rect (waymark_canvas_get_layout (fixture->canvas), &plot));
  gtk_adjustment_set_value (vadjustment, plot.y - 150);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  /* Near the end of the map it may stop short; the plot is in view. */
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), <=, plot.y);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment),
                     >=, plot.y + plot.height);
}

/* Makes the map's values known, without history. */
static void
set_values (Fixture       *fixture,
            WaymarkCurve  *c,
            const double  *values,
            guint          n)
{
  for (guint i = 0; i < n; i++)
    waymark_document_set_curve_value (fixture->document, c, stage (fixture, i), values[i], FALSE);
  waymark_document_clear_history (fixture->document);
  waymark_document_mark_saved (fixture->document);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  show_emotion_lane (fixture);
}

static void
count_emission (gpointer  instance,
                guint    *count)
{
  (*count)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_snap_emotion (Fixture       *fixture,
                   gconstpointer  data)
{
  WaymarkDocument *document = fixture->document;
  WaymarkCurve *c = curve (fixture, "cv-1");
  static const double values[] = { 0.0, 0.0, 0.0, 0.0, 0.0 };
  double x, y, tx, ty;

  g_assert_cmpfloat (_waymark_snap_emotion (document, 1.4), ==, 1.0);
  g_assert_cmpfloat (_waymark_snap_emotion (document, 1.6), ==, 2.0);
  g_assert_cmpfloat (_waymark_snap_emotion (document, -0.6), ==, -1.0);
  g_assert_cmpfloat (_waymark_snap_emotion (document, 2.7), ==, 2.0);
  g_assert_cmpfloat (_waymark_snap_emotion (document, -3.2), ==, -2.0);

  set_values (fixture, c, values, G_N_ELEMENTS (values));

  /* Dragged to 0.8 with Shift: the point lands on 1. */
  point_center (fixture, c, stage (fixture, 1), &x, &y);
  to_widget (fixture, 0, y_for (fixture, 0.8), &tx, &ty);
  drag (fixture, x, y, x, ty, GDK_SHIFT_MASK, TRUE);
  g_assert_cmpfloat (value_at (c, stage (fixture, 1)), ==, 1.0);
  /* The point dragged is the selected one. */
  {
    WaymarkCurve *selected_curve = NULL;
    WaymarkStage *selected_stage = NULL;

    g_assert_true (waymark_canvas_get_selected_point (fixture->canvas, &selected_curve, &selected_stage));
    g_assert_true (selected_curve == c);
    g_assert_true (selected_stage == stage (fixture, 1));
  }

  /* Without Shift it stays near where it was let go, to two decimals. */
  point_center (fixture, c, stage (fixture, 2), &x, &y);
  to_widget (fixture, 0, y_for (fixture, -0.8), &tx, &ty);
  drag (fixture, x, y, x, ty, 0, TRUE);
  g_assert_cmpfloat_with_epsilon (value_at (c, stage (fixture, 2)), -0.8, 0.05);
  g_assert_cmpfloat (value_at (c, stage (fixture, 2)) * 100, ==,
                     round (value_at (c, stage (fixture, 2)) * 100));

  /* One step per drag. */
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpfloat (value_at (c, stage (fixture, 2)), ==, 0.0);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpfloat (value_at (c, stage (fixture, 1)), ==, 0.0);
  g_assert_false (waymark_document_can_undo (fixture->document));

  /* Another scale: snapping follows it. */
  waymark_document_set_emotion_scale (document, 0, 10, NULL);
  g_assert_cmpfloat (_waymark_snap_emotion (document, 7.5), ==, 8.0);
  g_assert_cmpfloat (_waymark_snap_emotion (document, -1.0), ==, 0.0);
  g_assert_cmpfloat (_waymark_snap_emotion (document, 12.0), ==, 10.0);
}

static void
test_point_keyboard (Fixture       *fixture,
                     gconstpointer  data)
{
  WaymarkCanvas *canvas = fixture->canvas;
  WaymarkCurve *c = curve (fixture, "cv-1");
  static const double values[] = { -1.0, 0.9, 0.5, 1.5, -0.25 };
  WaymarkCurve *selected_curve = NULL;
  WaymarkStage *selected_stage = NULL;
  guint changes = 0;
  guint steps = 0;

  set_values (fixture, c, values, G_N_ELEMENTS (values));
  g_signal_connect (canvas, "selection-changed", G_CALLBACK (count_emission), &changes);

  waymark_canvas_select_point (canvas, c, stage (fixture, 1));
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (waymark_canvas_get_selected_point (canvas, &selected_curve, &selected_stage));
  g_assert_true (selected_curve == c && selected_stage == stage (fixture, 1));
  g_assert_null (waymark_canvas_get_focus (canvas));

  /* Up: a quarter; Shift+Up: the next level; at the top nothing changes. */
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Up, 0));
  g_assert_cmpfloat (value_at (c, stage (fixture, 1)), ==, 1.15);
  steps++;
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Up, GDK_SHIFT_MASK));
  g_assert_cmpfloat (value_at (c, stage (fixture, 1)), ==, 2.0);
  steps++;
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Up, 0));
  g_assert_cmpfloat (value_at (c, stage (fixture, 1)), ==, 2.0);
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Down, 0));
  g_assert_cmpfloat (value_at (c, stage (fixture, 1)), ==, 1.75);
  steps++;
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_cmpfloat (value_at (c, stage (fixture, 1)), ==, 1.0);
  steps++;
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Down, GDK_SHIFT_MASK));
  g_assert_cmpfloat (value_at (c, stage (fixture, 1)), ==, 0.0);
  steps++;

  /* Left and Right walk along the curve. */
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Right, 0));
  waymark_canvas_get_selected_point (canvas, &selected_curve, &selected_stage);
  g_assert_true (selected_stage == stage (fixture, 2));
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Left, 0));
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Left, 0));
  waymark_canvas_get_selected_point (canvas, &selected_curve, &selected_stage);
  g_assert_true (selected_stage == stage (fixture, 0));
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Left, 0));
  waymark_canvas_get_selected_point (canvas, &selected_curve, &selected_stage);
  g_assert_true (selected_stage == stage (fixture, 0));

  /* Delete removes the point; the next one is selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.delete", NULL));
  {
    double value;

    g_assert_false (waymark_curve_get_value (c, stage (fixture, 0), &value));
  }
  steps++;
  waymark_canvas_get_selected_point (canvas, &selected_curve, &selected_stage);
  g_assert_true (selected_curve == c && selected_stage == stage (fixture, 1));

  /* Escape deselects. */
  changes = 0;
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Escape, 0));
  g_assert_false (waymark_canvas_get_selected_point (canvas, &selected_curve, &selected_stage));
  g_assert_null (selected_curve);
  g_assert_cmpuint (changes, ==, 1);

  /* Every key is one step back. */
  for (guint i = 0; i < steps; i++)
    g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_document_can_undo (fixture->document));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (value_at (c, stage (fixture, i)), ==, values[i]);

  /* Shift+Tab from nothing reaches the last point of the last shown curve;
   * Tab from there leaves the canvas. Tab from nothing still is a card. */
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (waymark_canvas_get_selected_point (canvas, &selected_curve, &selected_stage));
  g_assert_false (_waymark_canvas_key_press (canvas, GDK_KEY_Tab, 0));
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Escape, 0));
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Tab, 0));
  g_assert_true (WAYMARK_IS_TOUCHPOINT (waymark_canvas_get_focus (canvas)));
  g_assert_false (waymark_canvas_get_selected_point (canvas, NULL, NULL));
}

static void
stage_span (Fixture *fixture,
            guint    index,
            double  *x0,
            double  *x1)
{
  WaymarkRect rect;

  g_assert_true (waymark_layout_get_stage_rect (waymark_canvas_get_layout (fixture->canvas),
                                                stage (fixture, index), &rect));
  *x0 = rect.x;
  *x1 = rect.x + rect.width;
}

static double
fitted (GArray       *fit,
        WaymarkStage *s)
{
  for (guint i = 0; i < fit->len; i++)
    if (g_array_index (fit, WaymarkFitPoint, i).stage == s)
      return g_array_index (fit, WaymarkFitPoint, i).value;

  return G_MAXDOUBLE;
}

static void
test_freehand_fit (Fixture       *fixture,
                   gconstpointer  data)
{
  WaymarkLayout *layout = waymark_canvas_get_layout (fixture->canvas);
  double a0, a1, b0, b1, c0, c1;

  stage_span (fixture, 0, &a0, &a1);
  stage_span (fixture, 1, &b0, &b1);
  stage_span (fixture, 2, &c0, &c1);

  /* Nothing drawn, nothing fitted. */
  {
    g_autoptr(GArray) fit = _waymark_fit_freehand (layout, NULL, 0);

    g_assert_cmpuint (fit->len, ==, 0);
  }

  /* A level line at 1 over three stages: 1 each, the others untouched. */
  {
    double xy[] = { a0 + 10, y_for (fixture, 1), c1 - 10, y_for (fixture, 1) };
    g_autoptr(GArray) fit = _waymark_fit_freehand (layout, xy, 2);

    g_assert_cmpuint (fit->len, ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_assert_true (g_array_index (fit, WaymarkFitPoint, i).stage == stage (fixture, i));
        g_assert_cmpfloat_with_epsilon (g_array_index (fit, WaymarkFitPoint, i).value, 1.0, 1e-6);
      }
  }

  /* A straight line from 2 at the start of the first stage to -2 at the end
   * of the second: each column gets the line's value at its middle. Two
   * events only: the stroke is resampled in between. */
  {
    double xy[] = { a0, y_for (fixture, 2), b1 - 0.001, y_for (fixture, -2) };
    g_autoptr(GArray) fit = _waymark_fit_freehand (layout, xy, 2);
    double mid_a = 2.0 - 4.0 * ((a0 + a1) / 2 - a0) / (b1 - a0);
    double mid_b = 2.0 - 4.0 * ((b0 + b1) / 2 - a0) / (b1 - a0);

    g_assert_cmpuint (fit->len, ==, 2);
    g_assert_cmpfloat_with_epsilon (fitted (fit, stage (fixture, 0)), mid_a, 0.05);
    g_assert_cmpfloat_with_epsilon (fitted (fit, stage (fixture, 1)), mid_b, 0.05);
    g_assert_cmpfloat (mid_a, >, 0.5);
    g_assert_cmpfloat (mid_b, <, -0.5);
  }

  /* A V: down from 2 to -2 across the first stage, up again across the
   * second; the middle of the third is left alone. Points left of the
   * columns count for nothing. */
  {
    double xy[] = { a0 - 30, y_for (fixture, -2),
                    a0, y_for (fixture, 2), a1 - 0.001, y_for (fixture, -2),
                    b0, y_for (fixture, -2), b1 - 0.001, y_for (fixture, 2) };
    g_autoptr(GArray) fit = _waymark_fit_freehand (layout, xy, 5);

    g_assert_cmpuint (fit->len, ==, 2);
    g_assert_cmpfloat_with_epsilon (fitted (fit, stage (fixture, 0)), 0.0, 0.05);
    g_assert_cmpfloat_with_epsilon (fitted (fit, stage (fixture, 1)), 0.0, 0.05);
    g_assert_cmpfloat (fitted (fit, stage (fixture, 2)), ==, G_MAXDOUBLE);
  }

  /* Beyond the plot, values are clamped to the scale. */
  {
    double xy[] = { a0 + 10, y_for (fixture, 2) - 500, a1 - 10, y_for (fixture, 2) - 500 };
    g_autoptr(GArray) fit = _waymark_fit_freehand (layout, xy, 2);

    g_assert_cmpuint (fit->len, ==, 1);
    g_assert_cmpfloat_with_epsilon (fitted (fit, stage (fixture, 0)), 2.0, 1e-6);
  }
}

/* A drag in the empty emotion lane draws the active curve: one step. */
static void
test_freehand_draw (Fixture       *fixture,
                    gconstpointer  data)
{
  WaymarkCanvas *canvas = fixture->canvas;
  WaymarkCurve *c1 = curve (fixture, "cv-1");
  WaymarkCurve *c2 = curve (fixture, "cv-2");
  static const double values[] = { 0.0, 0.0, 0.0, 0.0, 0.0 };
  double a0, a1, b0, b1, c0, c1x, x0, y0, x, y;
  guint notified = 0;

  waymark_document_begin_group (fixture->document, "Flat");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    waymark_document_set_curve_value (fixture->document, c2, stage (fixture, i), 0.5, FALSE);
  waymark_document_end_group (fixture->document);
  set_values (fixture, c1, values, G_N_ELEMENTS (values));

  stage_span (fixture, 0, &a0, &a1);
  stage_span (fixture, 1, &b0, &b1);
  stage_span (fixture, 2, &c0, &c1x);

  /* From the left edge of the first column, where no point is, high; down
   * to the bottom in the second; up again to the middle of the third. */
  to_widget (fixture, a0 + 4, y_for (fixture, 1.8), &x0, &y0);
  _waymark_canvas_press (canvas, x0, y0, 0, 1);
  _waymark_canvas_drag_begin (canvas, x0, y0, 0);
  for (guint i = 1; i <= 30; i++)
    {
      double lx = a0 + 4 + (c0 + (c1x - c0) / 2 - a0 - 4) * i / 30.0;
      double t = (lx - a0) / (b1 - a0);
      double v = t < 0.75 ? 1.8 - 3.6 * t / 0.75 : -1.8 + 3.6 * (t - 0.75) / 0.75;

      to_widget (fixture, lx, y_for (fixture, CLAMP (v, -2, 2)), &x, &y);
      _waymark_canvas_drag_update (canvas, x, y);
    }
  g_assert_true (_waymark_canvas_is_dragging (canvas));
  /* Nothing changes before the release. */
  g_assert_false (waymark_document_can_undo (fixture->document));
  _waymark_canvas_drag_end (canvas, x, y);

  g_assert_cmpstr (waymark_document_get_undo_label (fixture->document), ==, "Draw Curve");
  g_assert_cmpfloat (value_at (c1, stage (fixture, 0)), >, 0.5);
  g_assert_cmpfloat (value_at (c1, stage (fixture, 1)), <, -0.5);
  g_assert_cmpfloat (value_at (c1, stage (fixture, 1)), <, value_at (c1, stage (fixture, 2)));
  /* Not crossed: unchanged; the other curve too. */
  g_assert_cmpfloat (value_at (c1, stage (fixture, 3)), ==, 0.0);
  g_assert_cmpfloat (value_at (c1, stage (fixture, 4)), ==, 0.0);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (value_at (c2, stage (fixture, i)), ==, 0.5);

  /* One undo step takes it all back. */
  g_assert_true (waymark_document_undo (fixture->document));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (value_at (c1, stage (fixture, i)), ==, 0.0);
  g_assert_false (waymark_document_can_undo (fixture->document));

  /* Esc while drawing: nothing. */
  _waymark_canvas_press (canvas, x0, y0, 0, 1);
  _waymark_canvas_drag_begin (canvas, x0, y0, 0);
  to_widget (fixture, b0 + 20, y_for (fixture, -2), &x, &y);
  _waymark_canvas_drag_update (canvas, x, y);
  g_assert_true (_waymark_canvas_is_dragging (canvas));
  g_assert_true (_waymark_canvas_key_press (canvas, GDK_KEY_Escape, 0));
  g_assert_false (_waymark_canvas_is_dragging (canvas));
  _waymark_canvas_drag_end (canvas, x, y);
  g_assert_false (waymark_document_can_undo (fixture->document));

  /* canvas.draw-curve: the named curve is drawn, even from a point of
   * another curve; "" ends it. */
  g_signal_connect (canvas, "notify::drawing-curve", G_CALLBACK (count_notify), &notified);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.draw-curve", "s", "cv-2"));
  g_assert_true (waymark_canvas_get_drawing_curve (canvas) == c2);
  g_assert_cmpuint (notified, ==, 1);
  point_center (fixture, c1, stage (fixture, 0), &x0, &y0);
  to_widget (fixture, a1 - 4, y_for (fixture, -2), &x, &y);
  drag (fixture, x0, y0, x, y, 0, TRUE);
  g_assert_cmpfloat (value_at (c1, stage (fixture, 0)), ==, 0.0);
  g_assert_cmpfloat (value_at (c2, stage (fixture, 0)), <, 0.0);
  g_assert_cmpfloat (value_at (c2, stage (fixture, 1)), ==, 0.5);
  g_assert_true (waymark_canvas_get_drawing_curve (canvas) == c2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.draw-curve", "s", ""));
  g_assert_null (waymark_canvas_get_drawing_curve (canvas));
  g_assert_cmpuint (notified, ==, 2);
}

/* Double-click on the emotion lane where the active curve has no point. */
static void
test_add_point (Fixture       *fixture,
                gconstpointer  data)
{
  WaymarkCanvas *canvas = fixture->canvas;
  WaymarkCurve *c = curve (fixture, "cv-1");
  double a0, a1, x, y, value;
  WaymarkCurve *selected_curve;
  WaymarkStage *selected_stage;

  waymark_document_unset_curve_value (fixture->document, c, stage (fixture, 1));
  waymark_document_clear_history (fixture->document);
  show_emotion_lane (fixture);

  stage_span (fixture, 1, &a0, &a1);
  to_widget (fixture, a0 + (a1 - a0) / 2, y_for (fixture, -1.5), &x, &y);
  _waymark_canvas_press (canvas, x, y, 0, 1);
  _waymark_canvas_press (canvas, x, y, 0, 2);
  g_assert_true (waymark_curve_get_value (c, stage (fixture, 1), &value));
  g_assert_cmpfloat_with_epsilon (value, -1.5, 0.02);
  g_assert_true (waymark_canvas_get_selected_point (canvas, &selected_curve, &selected_stage));
  g_assert_true (selected_curve == c && selected_stage == stage (fixture, 1));

  /* Its note, from the context menu's "Edit Note…". */
  _waymark_canvas_context_menu_at (canvas, x, y);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.edit-note", NULL));
  g_assert_nonnull (_waymark_canvas_get_note_entry (canvas));
  gtk_editable_set_text (GTK_EDITABLE (_waymark_canvas_get_note_entry (canvas)), "Queue at the desk");
  g_signal_emit_by_name (_waymark_canvas_get_note_entry (canvas), "activate");
  g_assert_cmpstr (waymark_curve_get_note (c, stage (fixture, 1)), ==, "Queue at the desk");

  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_null (waymark_curve_get_note (c, stage (fixture, 1)));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_curve_get_value (c, stage (fixture, 1), &value));
  g_assert_false (waymark_document_can_undo (fixture->document));
}

/* The first place of the map, scanning in widget coordinates, where the
 * hit test finds kind. */
static gboolean
find_hit (Fixture        *fixture,
          WaymarkHitKind  kind,
          double         *x,
          double         *y,
          WaymarkHit     *hit)
{
  WaymarkLayout *layout = waymark_canvas_get_layout (fixture->canvas);
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->canvas));

  for (int wy = 0; wy < height; wy += 2)
    for (int wx = 0; wx < width / 3; wx += 2)
      {
        WaymarkRect rect = { 0, 0, 0, 0 };
        graphene_rect_t area;

        _waymark_canvas_layout_to_widget (fixture->canvas, &rect, &area);
        /* Zoom 1 in these tests: layout = widget - origin. */
        waymark_layout_hit_test (layout, wx - area.origin.x, wy - area.origin.y, hit);
        if (hit->kind == kind)
          {
            *x = wx;
            *y = wy;
            return TRUE;
          }
      }

  return FALSE;
}

static void
test_legend_and_lane_toggle (Fixture       *fixture,
                             gconstpointer  data)
{
  WaymarkCanvas *canvas = fixture->canvas;
  WaymarkHit hit;
  WaymarkCurve *c;
  WaymarkLane *lane;
  double x, y;

  show_emotion_lane (fixture);
  g_assert_true (find_hit (fixture, WAYMARK_HIT_LEGEND, &x, &y, &hit));
  c = WAYMARK_CURVE (hit.element);
  g_assert_true (waymark_curve_get_visible (c));
  waymark_canvas_select_point (canvas, c, stage (fixture, 0));
  _waymark_canvas_press (canvas, x, y, 0, 1);
  _waymark_canvas_drag_end (canvas, x, y);
  g_assert_false (waymark_curve_get_visible (c));
  /* A hidden curve's point is no longer selected. */
  g_assert_false (waymark_canvas_get_selected_point (canvas, NULL, NULL));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_true (waymark_curve_get_visible (c));
  g_assert_false (waymark_document_can_undo (fixture->document));

  g_assert_true (find_hit (fixture, WAYMARK_HIT_LANE_TOGGLE, &x, &y, &hit));
  lane = WAYMARK_LANE (hit.element);
  g_assert_false (waymark_lane_get_collapsed (lane));
  _waymark_canvas_press (canvas, x, y, 0, 1);
  g_assert_true (waymark_lane_get_collapsed (lane));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_lane_get_collapsed (lane));
  g_assert_false (waymark_document_can_undo (fixture->document));
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) child = g_menu_link_iter_get_value (links);

          if (menu_has_action (child, action))
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_lane_menu (Fixture       *fixture,
                gconstpointer  data)
{
  WaymarkCanvas *canvas = fixture->canvas;
  WaymarkLane *lane = waymark_touchpoint_get_lane (first_stage_card (fixture, 0, &(double) { 0 },
                                                                     &(double) { 0 }));
  WaymarkRect rect;
  graphene_rect_t area;
  GMenuModel *menu;

  g_assert_true (waymark_layout_get_lane_label_rect (waymark_canvas_get_layout (canvas), lane, &rect));
  _waymark_canvas_layout_to_widget (canvas, &rect, &area);
  menu = _waymark_canvas_context_menu_at (canvas, area.origin.x + area.size.width / 2,
                                          area.origin.y + area.size.height - 4);
  g_assert_true (menu_has_action (menu, "canvas.hide-lane"));
  g_assert_true (menu_has_action (menu, "canvas.toggle-lane-collapsed"));
  g_assert_true (menu_has_action (menu, "canvas-context.lane-kind"));
  g_assert_false (menu_has_action (menu, "canvas.remove-point"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas-context.lane-kind", "s",
                                             "metrics"));
  g_assert_cmpint (waymark_lane_get_kind (lane), ==, WAYMARK_LANE_METRICS);
  menu = _waymark_canvas_context_menu_at (canvas, area.origin.x + area.size.width / 2,
                                          area.origin.y + area.size.height - 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.toggle-lane-collapsed", NULL));
  g_assert_true (waymark_lane_get_collapsed (lane));
  menu = _waymark_canvas_context_menu_at (canvas, area.origin.x + area.size.width / 2,
                                          area.origin.y + 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.hide-lane", NULL));
  g_assert_true (waymark_lane_get_hidden (lane));

  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_lane_get_hidden (lane));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_lane_get_collapsed (lane));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpint (waymark_lane_get_kind (lane), ==, WAYMARK_LANE_CARDS);
  g_assert_false (waymark_document_can_undo (fixture->document));
}

static void
test_links_and_moment_of_truth (Fixture       *fixture,
                                gconstpointer  data)
{
  WaymarkCanvas *canvas = fixture->canvas;
  double x, y, x2, y2;
  WaymarkTouchpoint *a = first_stage_card (fixture, 0, &x, &y);
  WaymarkTouchpoint *b = first_stage_card (fixture, 1, &x2, &y2);
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) unlinked = NULL;
  GMenuModel *menu;

  /* One card: no link items. */
  menu = _waymark_canvas_context_menu_at (canvas, x, y);
  g_assert_false (menu_has_action (menu, "canvas.link-selected"));
  g_assert_true (menu_has_action (menu, "canvas-context.moment-of-truth"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.link-selected", NULL) &&
                  waymark_document_can_undo (fixture->document));

  /* Moment of truth, flagged from the card's menu. */
  g_assert_false (waymark_touchpoint_get_moment_of_truth (a));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas-context.moment-of-truth", NULL));
  g_assert_true (waymark_touchpoint_get_moment_of_truth (a));

  _waymark_canvas_press (canvas, x2, y2, GDK_CONTROL_MASK, 1);
  menu = _waymark_canvas_context_menu_at (canvas, x2, y2);
  g_assert_true (menu_has_action (menu, "canvas.link-selected"));
  g_assert_false (menu_has_action (menu, "canvas.unlink-selected"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.link-selected", NULL));
  linked = waymark_document_get_linked (fixture->document, b);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_true (g_ptr_array_index (linked, 0) == a);

  menu = _waymark_canvas_context_menu_at (canvas, x2, y2);
  g_assert_true (menu_has_action (menu, "canvas.unlink-selected"));
  g_assert_false (menu_has_action (menu, "canvas.link-selected"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.unlink-selected", NULL));
  unlinked = waymark_document_get_linked (fixture->document, a);
  g_assert_cmpuint (unlinked->len, ==, 0);

  for (guint i = 0; i < 3; i++)
    g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_touchpoint_get_moment_of_truth (a));
  g_assert_false (waymark_document_can_undo (fixture->document));
}

static void
test_clipboard_round_trip (void)
{
  g_autoptr(WaymarkDocument) document = waymark_synth_document (3, 6, 4);
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  const char *data;
  gsize length;

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    g_ptr_array_add (originals, g_list_model_get_item (touchpoints, i));

  bytes = waymark_clipboard_serialize (originals);
  data = g_bytes_get_data (bytes, &length);
  copies = waymark_clipboard_deserialize (document, data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, originals->len);

  for (guint i = 0; i < copies->len; i++)
    {
      WaymarkTouchpoint *a = g_ptr_array_index (originals, i);
      WaymarkTouchpoint *b = g_ptr_array_index (copies, i);
      GPtrArray *ma = waymark_touchpoint_get_metrics (a);
      GPtrArray *mb = waymark_touchpoint_get_metrics (b);
      const char * const *pa = waymark_touchpoint_get_pain_points (a);
      const char * const *pb = waymark_touchpoint_get_pain_points (b);

      g_assert_cmpstr (waymark_touchpoint_get_title (a), ==, waymark_touchpoint_get_title (b));
      g_assert_cmpstr (waymark_touchpoint_get_description (a), ==, waymark_touchpoint_get_description (b));
      g_assert_cmpstr (waymark_touchpoint_get_channel (a), ==, waymark_touchpoint_get_channel (b));
      g_assert_cmpstr (waymark_touchpoint_get_owner (a), ==, waymark_touchpoint_get_owner (b));
      g_assert_cmpstr (waymark_touchpoint_get_color (a), ==, waymark_touchpoint_get_color (b));
      g_assert_cmpint (waymark_touchpoint_has_emotion (a), ==, waymark_touchpoint_has_emotion (b));
      if (waymark_touchpoint_has_emotion (a))
        g_assert_cmpfloat_with_epsilon (waymark_touchpoint_get_emotion (a),
                                        waymark_touchpoint_get_emotion (b), 1e-9);
      g_assert_cmpuint (pa ? g_strv_length ((char **) pa) : 0, ==, pb ? g_strv_length ((char **) pb) : 0);
      g_assert_cmpuint (ma->len, ==, mb->len);
      for (guint m = 0; m < ma->len; m++)
        g_assert_true (waymark_metric_equal (g_ptr_array_index (ma, m), g_ptr_array_index (mb, m)));
      /* Fresh ids, unused in the document and among the copies. */
      g_assert_null (waymark_document_lookup (document, waymark_element_get_id (WAYMARK_ELEMENT (b))));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (b)), !=,
                         waymark_element_get_id (g_ptr_array_index (copies, j)));
    }

  g_assert_null (waymark_clipboard_deserialize (document, "<other/>", 8, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/clipboard/round-trip", test_clipboard_round_trip);
  g_test_add ("/ui/canvas/click-selects", Fixture, NULL, fixture_set_up, test_click_selects,
              fixture_tear_down);
  g_test_add ("/ui/canvas/drag-moves-card", Fixture, NULL, fixture_set_up, test_drag_moves_card,
              fixture_tear_down);
  g_test_add ("/ui/canvas/drag-cancel", Fixture, NULL, fixture_set_up, test_drag_cancel,
              fixture_tear_down);
  g_test_add ("/ui/canvas/drag-several", Fixture, NULL, fixture_set_up, test_drag_several,
              fixture_tear_down);
  g_test_add ("/ui/canvas/rubber-band", Fixture, NULL, fixture_set_up, test_rubber_band,
              fixture_tear_down);
  g_test_add ("/ui/canvas/keyboard-reach-and-move", Fixture, NULL, fixture_set_up,
              test_keyboard_reach_and_move, fixture_tear_down);
  g_test_add ("/ui/canvas/keyboard-lane-label", Fixture, NULL, fixture_set_up,
              test_keyboard_lane_label, fixture_tear_down);
  g_test_add ("/ui/canvas/add-and-name-is-one-step", Fixture, NULL, fixture_set_up,
              test_add_and_name_is_one_step, fixture_tear_down);
  g_test_add ("/ui/canvas/snap-emotion", Fixture, NULL, fixture_set_up, test_snap_emotion,
              fixture_tear_down);
  g_test_add ("/ui/canvas/point-keyboard", Fixture, NULL, fixture_set_up, test_point_keyboard,
              fixture_tear_down);
  g_test_add ("/ui/canvas/freehand-fit", Fixture, NULL, fixture_set_up, test_freehand_fit,
              fixture_tear_down);
  g_test_add ("/ui/canvas/freehand-draw", Fixture, NULL, fixture_set_up, test_freehand_draw,
              fixture_tear_down);
  g_test_add ("/ui/canvas/add-point-and-note", Fixture, NULL, fixture_set_up, test_add_point,
              fixture_tear_down);
  g_test_add ("/ui/canvas/legend-and-lane-toggle", Fixture, NULL, fixture_set_up,
              test_legend_and_lane_toggle, fixture_tear_down);
  g_test_add ("/ui/canvas/lane-menu", Fixture, NULL, fixture_set_up, test_lane_menu,
              fixture_tear_down);
  g_test_add ("/ui/canvas/links-and-moment-of-truth", Fixture, NULL, fixture_set_up,
              test_links_and_moment_of_truth, fixture_tear_down);

  return g_test_run ();
}
