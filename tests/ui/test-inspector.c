/* test-inspector.c — the inspector's pages, the personas window and the map settings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "waymark-document-loader.h"
#include "waymark-format.h"
#include "waymark-inspector.h"
#include "waymark-map-settings.h"
#include "waymark-personas-dialog.h"
#include "waymark-synth.h"

typedef struct
{
  WaymarkDocument  *document;
  GtkWidget        *window;
  WaymarkInspector *inspector;
} Fixture;

static const char * const level_names[] = { "Furious", "Annoyed", "", "Pleased", "Delighted", NULL };

/* ---- Helpers ------------------------------------------------------------ */

static void
pump (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
settled (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the timeouts GTK started run while their surfaces still exist
 * (closing a popover arms a tooltip timeout on it). */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, settled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
need_named (GtkWidget  *root,
            const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static void
collect (GtkWidget  *root,
         GType       type,
         const char *css_class,
         GPtrArray  *found)
{
  if ((type == G_TYPE_INVALID || G_TYPE_CHECK_INSTANCE_TYPE (root, type)) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, css_class, found);
}

static GPtrArray *
find_all (GtkWidget  *root,
          GType       type,
          const char *css_class)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, css_class, found);
  return found;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *result = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        {
          g_assert_null (result);
          result = window;
        }
    }
  return result;
}

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      count += G_TYPE_CHECK_INSTANCE_TYPE (window, type);
    }
  return count;
}

static gpointer
item (GListModel *model,
      guint       index)
{
  g_autoptr(GObject) object = g_list_model_get_item (model, index);

  g_assert_nonnull (object);
  return object;
}

/* Synchronous: gtk_widget_activate() on a button only clicks after a delay. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
set_text_view (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* ---- Fixture ------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct { const char *id, *name, *color; } owners[] = {
    { "ow-1", "Marketing", "#e66100" },
    { "ow-2", "Sales", "#1c71d8" },
    { "ow-3", "Service", "#2ec27e" },
  };

  fixture->document = waymark_synth_document (5, 40, 1);
  waymark_document_load_emotion_scale (fixture->document, -2, 2, level_names);
  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autoptr(WaymarkOwner) owner = waymark_owner_new (owners[i].id, owners[i].name, owners[i].color);

      g_assert_true (waymark_document_load_owner (fixture->document, owner));
    }

  fixture->inspector = WAYMARK_INSPECTOR (waymark_inspector_new ());
  waymark_inspector_set_document (fixture->inspector, fixture->document);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->inspector));
  gtk_window_present (GTK_WINDOW (fixture->window));
  for (guint i = 0; i < 200 && gtk_widget_get_width (GTK_WIDGET (fixture->inspector)) < 100; i++)
    g_main_context_iteration (NULL, TRUE);
  pump ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->inspector)), >=, 100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  pump ();
  g_assert_finalize_object (fixture->document);
}

static WaymarkTouchpoint *
touchpoint_owned_by (Fixture    *fixture,
                     const char *owner)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (fixture->document);

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      WaymarkTouchpoint *touchpoint = item (touchpoints, i);

      if (g_strcmp0 (waymark_touchpoint_get_owner (touchpoint), owner) == 0)
        return touchpoint;
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
count_owned (Fixture    *fixture,
             const char *owner)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (fixture->document);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    count += g_strcmp0 (waymark_touchpoint_get_owner (item (touchpoints, i)), owner) == 0;
  return count;
}

/* ---- Inspector ---------------------------------------------------------- */

static void
test_owner (Fixture       *fixture,
            gconstpointer  data)
{
  WaymarkTouchpoint *tp = touchpoint_owned_by (fixture, "Sales");
  GtkWidget *owner;
  GtkWidget *list;
  g_autoptr(GPtrArray) suggestions = NULL;
  GtkWidget *row;

  waymark_inspector_set_element (fixture->inspector, WAYMARK_ELEMENT (tp));
  owner = need_named (GTK_WIDGET (fixture->inspector), "owner");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner)), ==, "Sales");

  /* Free text */
  gtk_editable_set_text (GTK_EDITABLE (owner), "Front office");
  g_assert_cmpstr (waymark_touchpoint_get_owner (tp), ==, "Front office");
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpstr (waymark_touchpoint_get_owner (tp), ==, "Sales");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner)), ==, "Sales");
  g_assert_false (waymark_document_can_undo (fixture->document));

  /* Typing part of a name suggests the owners that contain it. */
  gtk_editable_set_text (GTK_EDITABLE (owner), "ket");
  suggestions = find_all (GTK_WIDGET (fixture->inspector), ADW_TYPE_ACTION_ROW, "owner-suggestion");
  g_assert_cmpuint (suggestions->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (suggestions, 0)), ==,
                   "Use “Marketing”");
  g_signal_emit_by_name (g_ptr_array_index (suggestions, 0), "activated");
  pump ();
  g_assert_cmpstr (waymark_touchpoint_get_owner (tp), ==, "Marketing");
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = find_all (GTK_WIDGET (fixture->inspector), ADW_TYPE_ACTION_ROW, "owner-suggestion");
  g_assert_cmpuint (suggestions->len, ==, 0);
  /* The typing merged into one step. */
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpstr (waymark_touchpoint_get_owner (tp), ==, "Sales");

  /* The list: "No owner" first, then the map's owners. */
  list = need_named (GTK_WIDGET (fixture->inspector), "owner-list");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 3));
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (waymark_touchpoint_get_owner (tp), ==, "Service");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (waymark_touchpoint_get_owner (tp), ==, "");
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 4));
}

static void
test_moment_of_truth (Fixture       *fixture,
                      gconstpointer  data)
{
  WaymarkTouchpoint *tp = item (waymark_document_get_touchpoints (fixture->document), 3);
  GtkWidget *toggle;

  g_assert_false (waymark_touchpoint_get_moment_of_truth (tp));
  waymark_inspector_set_element (fixture->inspector, WAYMARK_ELEMENT (tp));
  toggle = need_named (GTK_WIDGET (fixture->inspector), "moment-of-truth");
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (waymark_touchpoint_get_moment_of_truth (tp));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_touchpoint_get_moment_of_truth (tp));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
}

static guint
visible_rows (GtkWidget *list)
{
  guint count = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    count += GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row);
  return count;
}

/* The "Add Link" row is at the end of the page: as a user would, scroll
 * there before opening its popover (anchored to a visible button). */
static void
scroll_to (Fixture   *fixture,
           GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t bounds;
  guint i;

  for (i = 0; i < 500; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_assert_true (gtk_widget_compute_bounds (widget, fixture->window, &bounds));
      if (bounds.size.height > 0 && bounds.origin.y >= 0 &&
          bounds.origin.y + bounds.size.height <= gtk_widget_get_height (fixture->window))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (i, <, 500);
  pump ();
}

static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (fixture->document);
  WaymarkTouchpoint *tp = item (touchpoints, 0);
  WaymarkTouchpoint *other = item (touchpoints, 7);
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *menu;
  GtkWidget *search;
  GtkWidget *list;
  GtkWidget *chosen = NULL;
  guint all;

  g_object_set (other, "title", "Zebra crossing", NULL);
  waymark_inspector_set_element (fixture->inspector, WAYMARK_ELEMENT (tp));
  menu = need_named (GTK_WIDGET (fixture->inspector), "add-link");
  scroll_to (fixture, menu);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  pump ();
  search = need_named (GTK_WIDGET (fixture->inspector), "link-search");
  list = need_named (GTK_WIDGET (fixture->inspector), "link-list");

  /* Every other card is offered, filtered by the text. */
  all = visible_rows (list);
  g_assert_cmpuint (all, ==, g_list_model_get_n_items (touchpoints) - 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "zebra");
  pump ();
  g_assert_cmpuint (visible_rows (list), ==, 1);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      chosen = row;
  g_assert_true (g_object_get_data (G_OBJECT (chosen), "touchpoint") == other);
  g_signal_emit_by_name (search, "activate");
  pump ();

  linked = waymark_document_get_linked (fixture->document, tp);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_true (g_ptr_array_index (linked, 0) == other);
  rows = find_all (GTK_WIDGET (fixture->inspector), ADW_TYPE_ACTION_ROW, "link-row");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Zebra crossing");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Remove, then undo */
  click (need_named (GTK_WIDGET (fixture->inspector), "link-remove"));
  pump ();
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = waymark_document_get_linked (fixture->document, tp);
  g_assert_cmpuint (linked->len, ==, 0);
  rows = find_all (GTK_WIDGET (fixture->inspector), ADW_TYPE_ACTION_ROW, "link-row");
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  settle (800);
  g_assert_true (waymark_document_undo (fixture->document));
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = waymark_document_get_linked (fixture->document, other);
  g_assert_cmpuint (linked->len, ==, 1);
  rows = find_all (GTK_WIDGET (fixture->inspector), ADW_TYPE_ACTION_ROW, "link-row");
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_stage_metrics (Fixture       *fixture,
                    gconstpointer  data)
{
  WaymarkStage *stage = item (waymark_document_get_stages (fixture->document), 1);
  guint before = waymark_stage_get_metrics (stage)->len;
  WaymarkMetric *metric;

  waymark_inspector_set_element (fixture->inspector, WAYMARK_ELEMENT (stage));
  click (need_named (GTK_WIDGET (fixture->inspector), "add-metric"));
  g_assert_cmpuint (waymark_stage_get_metrics (stage)->len, ==, before + 1);
  metric = g_ptr_array_index (waymark_stage_get_metrics (stage), before);
  g_assert_cmpstr (waymark_metric_get_name (metric), ==, "CSAT");
  g_assert_false (waymark_metric_has_target (metric));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpuint (waymark_stage_get_metrics (stage)->len, ==, before);
}

/* The editors stop where a map file stops (WAYMARK_FORMAT_MAX_ITEMS per
 * card): one more would save a map that no longer opens. */
static void
test_item_limits (Fixture       *fixture,
                  gconstpointer  data)
{
  WaymarkTouchpoint *tp = item (waymark_document_get_touchpoints (fixture->document), 0);
  WaymarkStage *stage = item (waymark_document_get_stages (fixture->document), 1);
  g_autoptr(GString) lines = g_string_new (NULL);
  GtkWidget *view;
  guint before;
  g_auto(GValue) none = G_VALUE_INIT;

  /* From no pain points, so that setting the text is one insertion. */
  g_value_init (&none, G_TYPE_STRV);
  waymark_document_set_property (fixture->document, WAYMARK_ELEMENT (tp), "pain-points", &none,
                                 FALSE);
  waymark_inspector_set_element (fixture->inspector, WAYMARK_ELEMENT (tp));
  view = need_named (GTK_WIDGET (fixture->inspector), "pain-points");
  for (guint i = 0; i < WAYMARK_FORMAT_MAX_ITEMS; i++)
    g_string_append_printf (lines, "Pain %u\n", i);
  set_text_view (view, lines->str);
  g_assert_cmpuint (g_strv_length ((char **) waymark_touchpoint_get_pain_points (tp)), ==,
                    WAYMARK_FORMAT_MAX_ITEMS);
  g_assert_false (gtk_widget_has_css_class (view, "error"));

  /* Typed at the end, as a person adds one more line. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "One too many\n", -1);
  }
  g_assert_cmpuint (g_strv_length ((char **) waymark_touchpoint_get_pain_points (tp)), ==,
                    WAYMARK_FORMAT_MAX_ITEMS);
  g_assert_true (gtk_widget_has_css_class (view, "error"));

  waymark_inspector_set_element (fixture->inspector, WAYMARK_ELEMENT (stage));
  before = waymark_stage_get_metrics (stage)->len;
  for (guint i = before; i < WAYMARK_FORMAT_MAX_ITEMS + 3; i++)
    click (need_named (GTK_WIDGET (fixture->inspector), "add-metric"));
  g_assert_cmpuint (waymark_stage_get_metrics (stage)->len, ==, WAYMARK_FORMAT_MAX_ITEMS);
}

static void
test_lane (Fixture       *fixture,
           gconstpointer  data)
{
  WaymarkLane *lane = item (waymark_document_get_lanes (fixture->document), 1);
  WaymarkLaneKind kind = waymark_lane_get_kind (lane);
  GtkWidget *combo;

  g_assert_cmpint (kind, !=, WAYMARK_LANE_METRICS);
  waymark_inspector_set_element (fixture->inspector, WAYMARK_ELEMENT (lane));
  combo = need_named (GTK_WIDGET (fixture->inspector), "lane-kind");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, kind);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), WAYMARK_LANE_METRICS);
  g_assert_cmpint (waymark_lane_get_kind (lane), ==, WAYMARK_LANE_METRICS);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpint (waymark_lane_get_kind (lane), ==, kind);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, kind);

  gtk_switch_set_active (GTK_SWITCH (need_named (GTK_WIDGET (fixture->inspector), "lane-hidden")), TRUE);
  g_assert_true (waymark_lane_get_hidden (lane));
  gtk_switch_set_active (GTK_SWITCH (need_named (GTK_WIDGET (fixture->inspector), "lane-collapsed")),
                         TRUE);
  g_assert_true (waymark_lane_get_collapsed (lane));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_lane_get_collapsed (lane));
  g_assert_true (waymark_lane_get_hidden (lane));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_false (waymark_lane_get_hidden (lane));
}

static void
test_point (Fixture       *fixture,
            gconstpointer  data)
{
  WaymarkCurve *curve = item (waymark_document_get_curves (fixture->document), 0);
  WaymarkStage *stage = item (waymark_document_get_stages (fixture->document), 2);
  WaymarkPersona *persona = waymark_curve_get_persona (curve);
  GtkWidget *value;
  GtkWidget *row;
  double old;
  double now;

  g_assert_true (waymark_curve_get_value (curve, stage, &old));
  g_assert_cmpfloat (old, !=, 1.5);
  waymark_inspector_set_point (fixture->inspector, curve, stage);
  g_assert_true (waymark_inspector_get_element (fixture->inspector) == WAYMARK_ELEMENT (curve));
  value = need_named (GTK_WIDGET (fixture->inspector), "point-value");
  row = gtk_widget_get_ancestor (value, ADW_TYPE_ACTION_ROW);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (value)), ==, old);

  /* Value, within the scale, with its level's name */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (value), 1.5);
  g_assert_true (waymark_curve_get_value (curve, stage, &now));
  g_assert_cmpfloat (now, ==, 1.5);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Delighted");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (value), 7.0);
  g_assert_true (waymark_curve_get_value (curve, stage, &now));
  g_assert_cmpfloat (now, ==, 2.0);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_true (waymark_curve_get_value (curve, stage, &now));
  g_assert_cmpfloat (now, ==, old);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (value)), ==, old);

  /* Note */
  set_text_view (need_named (GTK_WIDGET (fixture->inspector), "point-note"), "Queue at the desk");
  g_assert_cmpstr (waymark_curve_get_note (curve, stage), ==, "Queue at the desk");
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_null (waymark_curve_get_note (curve, stage));

  /* Persona */
  adw_combo_row_set_selected (ADW_COMBO_ROW (need_named (GTK_WIDGET (fixture->inspector),
                                                         "point-persona")), 0);
  g_assert_null (waymark_curve_get_persona (curve));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_true (waymark_curve_get_persona (curve) == persona);

  /* Remove, then add back */
  click (need_named (GTK_WIDGET (fixture->inspector), "point-remove"));
  g_assert_false (waymark_curve_get_value (curve, stage, NULL));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (need_named (GTK_WIDGET (fixture->inspector),
                                                                 "point-remove"))), ==, "Add Point");
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_true (waymark_curve_get_value (curve, stage, &now));
  g_assert_cmpfloat (now, ==, old);
  g_assert_false (waymark_document_can_undo (fixture->document));

  /* Another stage of the same curve */
  {
    WaymarkStage *first = item (waymark_document_get_stages (fixture->document), 0);
    double at_first;

    g_assert_true (waymark_curve_get_value (curve, first, &at_first));
    waymark_document_set_curve_value (fixture->document, curve, first, -1.0, FALSE);
    adw_combo_row_set_selected (ADW_COMBO_ROW (need_named (GTK_WIDGET (fixture->inspector),
                                                           "point-stage")), 0);
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (value)), ==, -1.0);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Annoyed");
    g_assert_true (waymark_document_undo (fixture->document));
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (value)), ==, at_first);
    g_assert_true (value == need_named (GTK_WIDGET (fixture->inspector), "point-value"));
    adw_combo_row_set_selected (ADW_COMBO_ROW (need_named (GTK_WIDGET (fixture->inspector),
                                                           "point-stage")), 2);
  }

  /* Removing the stage leaves the page. */
  waymark_document_remove_stage (fixture->document, stage);
  g_assert_null (waymark_inspector_get_element (fixture->inspector));
}

static void
test_scale_range (Fixture       *fixture,
                  gconstpointer  data)
{
  WaymarkTouchpoint *tp = item (waymark_document_get_touchpoints (fixture->document), 0);
  g_autoptr(GPtrArray) scales = NULL;
  GtkAdjustment *adjustment;

  waymark_inspector_set_element (fixture->inspector, WAYMARK_ELEMENT (tp));
  waymark_document_set_emotion_scale (fixture->document, -5, 5, NULL);
  pump ();
  scales = find_all (GTK_WIDGET (fixture->inspector), GTK_TYPE_SCALE, NULL);
  g_assert_cmpuint (scales->len, ==, 1);
  adjustment = gtk_range_get_adjustment (g_ptr_array_index (scales, 0));
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, -5);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 5);

  waymark_inspector_set_element (fixture->inspector, NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_named (GTK_WIDGET (fixture->inspector),
                                                                          "map-settings"))),
                   ==, "From -5 to 5, 0 named levels");
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_named (GTK_WIDGET (fixture->inspector),
                                                                          "map-settings"))),
                   ==, "From -2 to 2, 4 named levels");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_named (GTK_WIDGET (fixture->inspector),
                                                                          "personas"))),
                   ==, "2 personas");
}

/* ---- Map settings ------------------------------------------------------- */

static void
test_map_settings_scale (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *window;
  g_autoptr(GPtrArray) rows = NULL;
  const char * const *levels;

  waymark_map_settings_present (GTK_WINDOW (fixture->window), fixture->document);
  waymark_map_settings_present (GTK_WINDOW (fixture->window), fixture->document);
  g_assert_cmpuint (count_toplevels (WAYMARK_TYPE_MAP_SETTINGS), ==, 1);
  window = find_toplevel (WAYMARK_TYPE_MAP_SETTINGS);
  pump ();

  rows = find_all (need_named (window, "levels"), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, "Furious");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Level -2");

  /* A level's name, applied as one step */
  gtk_editable_set_text (g_ptr_array_index (rows, 2), "Neutral");
  g_signal_emit_by_name (g_ptr_array_index (rows, 2), "apply");
  levels = waymark_document_get_emotion_levels (fixture->document);
  g_assert_cmpstr (levels[2], ==, "Neutral");
  g_assert_cmpstr (levels[4], ==, "Delighted");
  g_assert_true (waymark_document_undo (fixture->document));
  levels = waymark_document_get_emotion_levels (fixture->document);
  g_assert_cmpstr (levels[2], ==, "");
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 2)), ==, "");

  /* The highest value grows the scale; names of the levels kept stay. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need_named (window, "scale-max")), 4);
  g_assert_cmpint (waymark_document_get_emotion_min (fixture->document), ==, -2);
  g_assert_cmpint (waymark_document_get_emotion_max (fixture->document), ==, 4);
  levels = waymark_document_get_emotion_levels (fixture->document);
  g_assert_cmpuint (g_strv_length ((char **) levels), ==, 7);
  g_assert_cmpstr (levels[4], ==, "Delighted");
  g_assert_cmpstr (levels[6], ==, "");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_all (need_named (window, "levels"), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_cmpuint (rows->len, ==, 7);

  /* The lowest value above the highest pushes it up, in the same step. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need_named (window, "scale-min")), 10);
  g_assert_cmpint (waymark_document_get_emotion_min (fixture->document), ==, 10);
  g_assert_cmpint (waymark_document_get_emotion_max (fixture->document), ==, 11);
  g_assert_null (waymark_document_get_emotion_levels (fixture->document));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpint (waymark_document_get_emotion_min (fixture->document), ==, -2);
  g_assert_cmpint (waymark_document_get_emotion_max (fixture->document), ==, 4);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpint (waymark_document_get_emotion_max (fixture->document), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (need_named (window, "scale-max"))),
                   ==, 2);
  g_assert_false (waymark_document_can_undo (fixture->document));
}

static GPtrArray *
owner_rows (GtkWidget *window)
{
  return find_all (need_named (window, "owners"), ADW_TYPE_ENTRY_ROW, NULL);
}

static void
test_map_settings_owners (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *owners = waymark_document_get_owners (fixture->document);
  guint marketing = count_owned (fixture, "Marketing");
  g_autofree char *count = g_strdup_printf ("%u cards", marketing);
  GtkWidget *window;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  gboolean found = FALSE;

  g_assert_cmpuint (marketing, >, 1);
  waymark_map_settings_present (GTK_WINDOW (fixture->window), fixture->document);
  window = find_toplevel (WAYMARK_TYPE_MAP_SETTINGS);
  pump ();
  rows = owner_rows (window);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, "Marketing");
  labels = find_all (g_ptr_array_index (rows, 0), GTK_TYPE_LABEL, "numeric");
  for (guint i = 0; i < labels->len; i++)
    found |= g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), count) == 0;
  g_assert_true (found);

  /* Rename: the owner and its cards, one step */
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "Front office");
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "apply");
  g_assert_cmpstr (waymark_owner_get_name (item (owners, 0)), ==, "Front office");
  g_assert_cmpuint (count_owned (fixture, "Front office"), ==, marketing);
  g_assert_cmpuint (count_owned (fixture, "Marketing"), ==, 0);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpuint (count_owned (fixture, "Marketing"), ==, marketing);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, "Marketing");

  /* A name taken by another owner is refused. */
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "Sales");
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "apply");
  g_assert_cmpstr (waymark_owner_get_name (item (owners, 0)), ==, "Marketing");
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (rows, 0), "error"));
  g_assert_false (waymark_document_can_undo (fixture->document));
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "Marketing");
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "apply");
  g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (rows, 0), "error"));

  /* Colour */
  {
    GtkWidget *button = g_object_get_data (g_ptr_array_index (rows, 1), "color-button");
    GdkRGBA red = { 1.0, 0.0, 0.0, 1.0 };

    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &red);
    g_signal_emit_by_name (button, "color-set");
    g_assert_cmpstr (waymark_owner_get_color (item (owners, 1)), ==, "#ff0000");
    g_assert_true (waymark_document_undo (fixture->document));
    g_assert_cmpstr (waymark_owner_get_color (item (owners, 1)), ==, "#1c71d8");
  }

  /* Add */
  click (need_named (window, "add-owner"));
  g_assert_cmpuint (g_list_model_get_n_items (owners), ==, 4);
  g_assert_cmpstr (waymark_owner_get_name (item (owners, 3)), ==, "New owner");
  g_assert_cmpuint (strlen (waymark_owner_get_color (item (owners, 3))), ==, 7);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = owner_rows (window);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpuint (g_list_model_get_n_items (owners), ==, 3);

  /* Remove: the cards keep the name. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = owner_rows (window);
  g_assert_cmpuint (rows->len, ==, 3);
  click (g_object_get_data (g_ptr_array_index (rows, 1), "remove-button"));
  g_assert_cmpuint (g_list_model_get_n_items (owners), ==, 2);
  g_assert_null (waymark_document_lookup_owner (fixture->document, "Sales"));
  g_assert_cmpuint (count_owned (fixture, "Sales"), >, 0);
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_nonnull (waymark_document_lookup_owner (fixture->document, "Sales"));
  g_assert_false (waymark_document_can_undo (fixture->document));
}

/* ---- Personas ----------------------------------------------------------- */

static char *
write_png (int width,
           int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("waymark-test-XXXXXX.png", &path, &error);

  g_assert_no_error (error);
  close (fd);
  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 0.8, 0);
  cairo_arc (cr, width / 2.0, height / 2.0, width / 3.0, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static GtkWidget *
open_personas (Fixture *fixture)
{
  GtkWidget *window;

  waymark_personas_dialog_present (GTK_WINDOW (fixture->window), fixture->document);
  waymark_personas_dialog_present (GTK_WINDOW (fixture->window), fixture->document);
  g_assert_cmpuint (count_toplevels (WAYMARK_TYPE_PERSONAS_DIALOG), ==, 1);
  window = find_toplevel (WAYMARK_TYPE_PERSONAS_DIALOG);
  pump ();
  return window;
}

static void
test_personas_edit (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *personas = waymark_document_get_personas (fixture->document);
  GListModel *curves = waymark_document_get_curves (fixture->document);
  guint n_curves = g_list_model_get_n_items (curves);
  GtkWidget *window = open_personas (fixture);
  WaymarkPersona *persona;
  WaymarkCurve *curve;
  g_autoptr(GPtrArray) rows = find_all (window, ADW_TYPE_ACTION_ROW, "persona-row");

  g_assert_cmpuint (rows->len, ==, 2);
  click (need_named (window, "add-persona"));
  g_assert_cmpuint (g_list_model_get_n_items (personas), ==, 3);
  persona = item (personas, 2);
  g_assert_cmpstr (waymark_persona_get_name (persona), ==, "New persona");
  g_assert_cmpuint (strlen (waymark_persona_get_color (persona)), ==, 7);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_all (window, ADW_TYPE_ACTION_ROW, "persona-row");
  g_assert_cmpuint (rows->len, ==, 3);

  /* The editor is open on it. */
  gtk_editable_set_text (GTK_EDITABLE (need_named (window, "persona-name")), "Maya");
  gtk_editable_set_text (GTK_EDITABLE (need_named (window, "persona-role")), "Commuter");
  set_text_view (need_named (window, "persona-goals"), "Get to work on time");
  g_assert_cmpstr (waymark_persona_get_name (persona), ==, "Maya");
  g_assert_cmpstr (waymark_persona_get_role (persona), ==, "Commuter");
  g_assert_cmpstr (waymark_persona_get_goals (persona), ==, "Get to work on time");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 2)), ==, "Maya");
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpstr (waymark_persona_get_goals (persona), ==, "");
  g_assert_cmpstr (waymark_persona_get_role (persona), ==, "Commuter");

  /* Colour, stored as #rrggbb */
  {
    GdkRGBA orange = { 0xe6 / 255.0, 0x61 / 255.0, 0.0, 1.0 };
    g_autofree char *before = g_strdup (waymark_persona_get_color (persona));

    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (need_named (window, "persona-color")), &orange);
    g_signal_emit_by_name (need_named (window, "persona-color"), "color-set");
    g_assert_cmpstr (waymark_persona_get_color (persona), ==, "#e66100");
    g_assert_true (waymark_document_undo (fixture->document));
    g_assert_cmpstr (waymark_persona_get_color (persona), ==, before);
  }

  /* Curves */
  click (need_named (window, "add-future-curve"));
  g_assert_cmpuint (g_list_model_get_n_items (curves), ==, n_curves + 1);
  curve = item (curves, n_curves);
  g_assert_cmpstr (waymark_curve_get_name (curve), ==, "Maya — future");
  g_assert_true (waymark_curve_get_persona (curve) == persona);
  g_assert_cmpint (waymark_curve_get_state (curve), ==, WAYMARK_CURVE_FUTURE);
  g_assert_true (waymark_curve_get_visible (curve));
  gtk_switch_set_active (GTK_SWITCH (need_named (window, "curve-visible")), FALSE);
  g_assert_false (waymark_curve_get_visible (curve));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_true (waymark_curve_get_visible (curve));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (need_named (window, "curve-visible"))));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpuint (g_list_model_get_n_items (curves), ==, n_curves);
  g_assert_null (find_named (window, "curve-visible"));
}

static void
test_personas_picture (Fixture       *fixture,
                       gconstpointer  data)
{
  WaymarkPersona *persona = item (waymark_document_get_personas (fixture->document), 0);
  GtkWidget *window = open_personas (fixture);
  g_autoptr(GPtrArray) rows = find_all (window, ADW_TYPE_ACTION_ROW, "persona-row");
  g_autofree char *png = write_png (48, 48);
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autofree char *text = NULL;
  g_autoptr(GFile) text_file = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GFile) big_file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *avatar;
  GBytes *picture;
  g_autofree char *contents = NULL;
  gsize size;
  int fd;

  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activated");
  pump ();
  avatar = need_named (window, "persona-avatar");
  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (avatar)));
  g_assert_false (gtk_widget_get_sensitive (need_named (window, "picture-remove")));

  g_assert_true (waymark_persona_load_picture (fixture->document, persona, file, &error));
  g_assert_no_error (error);
  picture = waymark_persona_get_picture (persona);
  g_assert_nonnull (picture);
  g_assert_cmpstr (waymark_persona_get_picture_type (persona), ==, "image/png");
  g_assert_true (g_file_get_contents (png, &contents, &size, NULL));
  g_assert_cmpmem (g_bytes_get_data (picture, NULL), g_bytes_get_size (picture), contents, size);
  g_assert_nonnull (adw_avatar_get_custom_image (ADW_AVATAR (avatar)));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (adw_avatar_get_custom_image (ADW_AVATAR (avatar))),
                   ==, 48);
  g_assert_true (gtk_widget_get_sensitive (need_named (window, "picture-remove")));

  click (need_named (window, "picture-remove"));
  g_assert_null (waymark_persona_get_picture (persona));
  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (avatar)));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_nonnull (waymark_persona_get_picture (persona));
  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_null (waymark_persona_get_picture (persona));
  g_assert_false (waymark_document_can_undo (fixture->document));

  /* Not an image */
  fd = g_file_open_tmp ("waymark-test-XXXXXX.png", &text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "not a picture", 13), ==, 13);
  close (fd);
  text_file = g_file_new_for_path (text);
  g_assert_false (waymark_persona_load_picture (fixture->document, persona, text_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Too large, even with a PNG signature */
  fd = g_file_open_tmp ("waymark-test-XXXXXX.png", &big, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "\x89PNG\r\n\x1a\n", 8), ==, 8);
  g_assert_cmpint (ftruncate (fd, WAYMARK_PERSONA_MAX_PICTURE_SIZE + 1), ==, 0);
  close (fd);
  big_file = g_file_new_for_path (big);
  g_assert_false (waymark_persona_load_picture (fixture->document, persona, big_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (waymark_persona_get_picture (persona));
  g_assert_false (waymark_document_can_undo (fixture->document));

  g_unlink (png);
  g_unlink (text);
  g_unlink (big);
}

static void
test_personas_limit (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *personas = waymark_document_get_personas (fixture->document);
  GtkWidget *window;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *toggle;
  WaymarkCurve *hidden = NULL;
  WaymarkCurve *other;

  /* Five personas shown, a sixth one hidden */
  g_assert_cmpuint (waymark_personas_count_shown (fixture->document), ==, 2);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("pe-test-%u", i);
      g_autofree char *curve_id = g_strdup_printf ("cv-test-%u", i);
      g_autoptr(WaymarkPersona) persona = waymark_persona_new (id, id);
      g_autoptr(WaymarkCurve) curve = waymark_curve_new (curve_id, persona, WAYMARK_CURVE_CURRENT);

      g_object_set (curve, "visible", i < 3, NULL);
      g_assert_true (waymark_document_load_persona (fixture->document, persona));
      g_assert_true (waymark_document_load_curve (fixture->document, curve));
      if (i == 3)
        hidden = curve;
    }
  g_assert_cmpuint (waymark_personas_count_shown (fixture->document), ==, 5);

  window = open_personas (fixture);
  rows = find_all (window, ADW_TYPE_ACTION_ROW, "persona-row");
  g_assert_cmpuint (rows->len, ==, 6);
  g_signal_emit_by_name (g_ptr_array_index (rows, 5), "activated");
  pump ();
  toggle = need_named (window, "curve-visible");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (waymark_curve_get_visible (hidden));
  g_assert_false (waymark_document_can_undo (fixture->document));

  /* A new curve of the sixth persona is added hidden. */
  click (need_named (window, "add-current-curve"));
  other = item (waymark_document_get_curves (fixture->document),
                g_list_model_get_n_items (waymark_document_get_curves (fixture->document)) - 1);
  g_assert_true (waymark_curve_get_persona (other) == item (personas, 5));
  g_assert_false (waymark_curve_get_visible (other));
  g_assert_true (waymark_document_undo (fixture->document));

  /* Once another persona is hidden, it can be shown. */
  other = item (waymark_document_get_curves (fixture->document), 4);
  g_assert_true (waymark_curve_get_visible (other));
  waymark_document_set_boolean (fixture->document, WAYMARK_ELEMENT (other), "visible", FALSE);
  g_assert_cmpuint (waymark_personas_count_shown (fixture->document), ==, 4);
  toggle = need_named (window, "curve-visible");
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (waymark_curve_get_visible (hidden));
}

static void
test_personas_remove (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *personas = waymark_document_get_personas (fixture->document);
  WaymarkPersona *persona = item (personas, 0);
  GtkWidget *window = open_personas (fixture);
  g_autoptr(GPtrArray) rows = find_all (window, ADW_TYPE_ACTION_ROW, "persona-row");
  GtkWidget *dialog;

  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activated");
  pump ();
  click (need_named (window, "remove-persona"));
  pump ();

  /* It has curves: asks first. */
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (personas), ==, 2);
  g_assert_true (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove") ==
                 ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  pump ();
  g_assert_cmpuint (g_list_model_get_n_items (personas), ==, 1);
  /* The editor closes (after its transition). */
  for (guint i = 0; i < 60 && find_named (window, "persona-name") != NULL; i++)
    settle (50);
  g_assert_null (find_named (window, "persona-name"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_all (window, ADW_TYPE_ACTION_ROW, "persona-row");
  g_assert_cmpuint (rows->len, ==, 1);

  g_assert_true (waymark_document_undo (fixture->document));
  g_assert_cmpuint (g_list_model_get_n_items (personas), ==, 2);
  g_assert_true (item (personas, 0) == persona);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_all (window, ADW_TYPE_ACTION_ROW, "persona-row");
  g_assert_cmpuint (rows->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Focusing an entry selects its text, which claims the X PRIMARY selection;
   * any other GTK client on the display then asks this process for its
   * TARGETS, and GTK 4.8 leaks the list of targets each time it answers (as
   * the readers leak their own streams). Each widget test has an Xvfb of its
   * own (run-with-display.sh); selecting nothing keeps it so even when one
   * is shared. */
  g_object_set (gtk_settings_get_default (), "gtk-entry-select-on-focus", FALSE, NULL);
  /* libadwaita 1.2's leaflet (the personas window's editor subpage) keeps a
   * render node of the page it slides over and never frees it once the
   * animation has run; without animations no such node is made. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("inspector/owner", test_owner);
  ADD ("inspector/moment-of-truth", test_moment_of_truth);
  ADD ("inspector/links", test_links);
  ADD ("inspector/stage-metrics", test_stage_metrics);
  ADD ("inspector/item-limits", test_item_limits);
  ADD ("inspector/lane", test_lane);
  ADD ("inspector/point", test_point);
  ADD ("inspector/scale-range", test_scale_range);
  ADD ("map-settings/scale", test_map_settings_scale);
  ADD ("map-settings/owners", test_map_settings_owners);
  ADD ("personas/edit", test_personas_edit);
  ADD ("personas/picture", test_personas_picture);
  ADD ("personas/limit", test_personas_limit);
  ADD ("personas/remove", test_personas_remove);
#undef ADD

  return g_test_run ();
}
