/* test-canvas.c — selection, dragging and clipboard logic of the canvas
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

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

  return g_test_run ();
}
