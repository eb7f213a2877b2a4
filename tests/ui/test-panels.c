/* test-panels.c — the insights panel and the window's views menu
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <adwaita.h>

#include "waymark-document-loader.h"
#include "waymark-export-dialog.h"
#include "waymark-insights.h"
#include "waymark-insights-panel.h"
#include "waymark-inspector.h"
#include "waymark-window.h"

typedef gboolean (*Condition) (gpointer data);

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Bounded: waits for a condition, never for a time. */
static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 give_up = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (!condition (data) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!condition (data))
    g_error ("gave up waiting for %s", what);
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Three stages, a cards lane, a backstage lane and an emotion lane, one
 * persona's curve dipping at "Check-in", two views. */
static WaymarkDocument *
make_document (void)
{
  static const char *stage_names[] = { "Book", "Check-in", "Stay" };
  static const double values[] = { 0.5, -1.5, 1.0 };
  WaymarkDocument *doc = waymark_document_new ();
  g_autoptr(WaymarkLane) cards = waymark_lane_new ("ln-1", "Touchpoints", WAYMARK_LANE_CARDS);
  g_autoptr(WaymarkLane) backstage = waymark_lane_new ("ln-2", "Backstage", WAYMARK_LANE_BACKSTAGE);
  g_autoptr(WaymarkLane) emotions = waymark_lane_new ("ln-3", "Emotions", WAYMARK_LANE_EMOTION);
  g_autoptr(WaymarkPersona) maya = waymark_persona_new ("pe-1", "Maya");
  g_autoptr(WaymarkCurve) curve = waymark_curve_new ("cv-1", maya, WAYMARK_CURVE_CURRENT);
  g_autoptr(WaymarkView) exec = waymark_view_new ("vw-1", "Exec summary");
  g_autoptr(WaymarkView) ops = waymark_view_new ("vw-2", "Operations");
  const char *exec_lanes[] = { "ln-1", "ln-3", NULL };
  const char *exec_curves[] = { "cv-1", NULL };
  const char *ops_lanes[] = { "ln-1", "ln-2", NULL };

  waymark_document_load_metadata (doc, "Hotel", NULL, NULL);
  g_assert_true (waymark_document_load_lane (doc, cards));
  g_assert_true (waymark_document_load_lane (doc, backstage));
  g_assert_true (waymark_document_load_lane (doc, emotions));
  g_assert_true (waymark_document_load_persona (doc, maya));
  g_assert_true (waymark_document_load_curve (doc, curve));

  for (guint i = 0; i < G_N_ELEMENTS (stage_names); i++)
    {
      g_autofree char *id = g_strdup_printf ("st-%u", i + 1);
      g_autofree char *tp_id = g_strdup_printf ("tp-%u", i + 1);
      g_autoptr(WaymarkStage) stage = waymark_stage_new (id, stage_names[i]);
      g_autoptr(WaymarkTouchpoint) tp = waymark_touchpoint_new (tp_id, stage_names[i]);

      g_assert_true (waymark_document_load_stage (doc, stage));
      /* The card at "Book" has no owner; the others do. */
      g_object_set (tp, "owner", i == 0 ? "" : "Front office", NULL);
      g_assert_true (waymark_document_load_touchpoint (doc, tp, stage, cards));
      waymark_document_load_curve_value (doc, curve, stage, values[i]);
      if (i == 1)
        {
          g_autoptr(WaymarkTouchpoint) step = waymark_touchpoint_new ("tp-9", "Key cards");

          g_object_set (step, "owner", "Front office", NULL);
          g_assert_true (waymark_document_load_touchpoint (doc, step, stage, backstage));
        }
    }

  g_object_set (exec, "lanes", exec_lanes, "curves", exec_curves, NULL);
  g_object_set (ops, "lanes", ops_lanes, "color-by-owner", TRUE, NULL);
  g_assert_true (waymark_document_load_view (doc, exec));
  g_assert_true (waymark_document_load_view (doc, ops));
  return doc;
}

static WaymarkElement *
lookup (WaymarkDocument *doc,
        const char      *id)
{
  WaymarkElement *element = waymark_document_lookup (doc, id);

  g_assert_nonnull (element);
  return element;
}

/* ---- Widget tree helpers ------------------------------------------------ */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_is_visible (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The visible rows of the panel whose title is text, or NULL. */
static GtkWidget *
find_row (GtkWidget  *panel,
          const char *text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (panel, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), text) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static guint
count_rows (GtkWidget *panel)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (panel, ADW_TYPE_ACTION_ROW, rows);
  return rows->len;
}

static GMenuModel *
views_menu (WaymarkWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_menu_button_get_icon_name (button), "view-reveal-symbolic") == 0)
        return gtk_menu_button_get_menu_model (button);
    }
  g_assert_not_reached ();
}

/* The labels of a section of the views menu, joined with "|". */
static char *
section_labels (GMenuModel *menu,
                guint       section)
{
  g_autoptr(GMenuModel) items = g_menu_model_get_item_link (menu, section, G_MENU_LINK_SECTION);
  GString *out = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (items); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (items, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, label);
    }
  return g_string_free (out, FALSE);
}

/* ---- Insights panel ----------------------------------------------------- */

typedef struct
{
  GtkWidget *panel;
  guint      rows;
} RowsWanted;

static gboolean
has_rows (gpointer data)
{
  RowsWanted *wanted = data;

  return count_rows (wanted->panel) == wanted->rows;
}

static void
on_insight_activated (WaymarkInsightsPanel *panel,
                      WaymarkElement       *element,
                      WaymarkStage         *stage,
                      GPtrArray            *log)
{
  g_ptr_array_add (log, element);
  g_ptr_array_add (log, stage);
}

static void
test_insights_panel (void)
{
  g_autoptr(WaymarkDocument) doc = make_document ();
  g_autoptr(GPtrArray) insights = waymark_insights_collect (doc);
  g_autoptr(GPtrArray) log = g_ptr_array_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = waymark_insights_panel_new ();
  RowsWanted wanted = { panel, 0 };
  GtkWidget *row;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  waymark_insights_panel_set_document (WAYMARK_INSIGHTS_PANEL (panel), doc);
  g_signal_connect (panel, "insight-activated", G_CALLBACK (on_insight_activated), log);

  /* Maya's low point, the card without owner, two empty backstage cells. */
  g_assert_cmpuint (insights->len, ==, 4);
  wanted.rows = insights->len;
  wait_until (has_rows, &wanted, "the insights rows");
  g_assert_cmpuint (waymark_insights_panel_get_n_items (WAYMARK_INSIGHTS_PANEL (panel)), ==, 4);
  g_assert_nonnull (find_row (panel, "Maya is lowest at “Check-in” (−1.5)"));
  g_assert_nonnull (find_row (panel, "“Book” at “Book” has no owner"));

  /* Activating a moment of truth asks for the curve's point at its stage. */
  row = find_row (panel, "Maya is lowest at “Check-in” (−1.5)");
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_true (g_ptr_array_index (log, 0) == lookup (doc, "cv-1"));
  g_assert_true (g_ptr_array_index (log, 1) == lookup (doc, "st-2"));

  /* An edit updates the list once the main loop turns; so does undo. */
  waymark_document_set_string (doc, lookup (doc, "tp-1"), "owner", "Marketing");
  wanted.rows = 3;
  wait_until (has_rows, &wanted, "the owner row to go");
  g_assert_null (find_row (panel, "“Book” at “Book” has no owner"));
  waymark_document_undo (doc);
  wanted.rows = 4;
  wait_until (has_rows, &wanted, "the owner row to come back");

  /* Nothing to report: the empty state, no rows. */
  waymark_document_set_boolean (doc, lookup (doc, "ln-2"), "hidden", TRUE);
  waymark_document_set_string (doc, lookup (doc, "tp-1"), "owner", "Marketing");
  waymark_document_unset_curve_value (doc, WAYMARK_CURVE (lookup (doc, "cv-1")),
                                      WAYMARK_STAGE (lookup (doc, "st-2")));
  waymark_document_unset_curve_value (doc, WAYMARK_CURVE (lookup (doc, "cv-1")),
                                      WAYMARK_STAGE (lookup (doc, "st-1")));
  wanted.rows = 0;
  wait_until (has_rows, &wanted, "the empty state");
  g_assert_cmpuint (waymark_insights_panel_get_n_items (WAYMARK_INSIGHTS_PANEL (panel)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* ---- Views menu --------------------------------------------------------- */

typedef struct
{
  GMenuModel *menu;
  const char *labels;
} MenuWanted;

static gboolean
has_views (gpointer data)
{
  MenuWanted *wanted = data;
  g_autofree char *labels = section_labels (wanted->menu, 0);

  return g_strcmp0 (labels, wanted->labels) == 0;
}

static void
test_views_menu (void)
{
  g_autoptr(WaymarkDocument) doc = make_document ();
  WaymarkWindow *window = waymark_window_new (NULL);
  WaymarkLane *backstage = WAYMARK_LANE (lookup (doc, "ln-2"));
  WaymarkLane *cards = WAYMARK_LANE (lookup (doc, "ln-1"));
  g_autoptr(WaymarkView) captured = NULL;
  g_autofree char *lanes = NULL;
  GMenuModel *menu;
  MenuWanted wanted;

  gtk_window_present (GTK_WINDOW (window));
  waymark_window_set_document (window, doc, NULL);
  menu = views_menu (window);

  /* Saved views first, then the lanes and the curves as check items. */
  wanted = (MenuWanted) { menu, "Exec summary|Operations" };
  wait_until (has_views, &wanted, "the views in the menu");
  lanes = section_labels (menu, 3);
  g_assert_cmpstr (lanes, ==, "Touchpoints|Backstage|Emotions");

  /* Applying a view is one undoable step. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-view", "s", "vw-1");
  g_assert_true (waymark_lane_get_hidden (backstage));
  g_assert_false (waymark_lane_get_hidden (cards));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-view", "s", "vw-2");
  g_assert_true (waymark_document_get_color_by_owner (doc));
  g_assert_false (waymark_curve_get_visible (WAYMARK_CURVE (lookup (doc, "cv-1"))));
  waymark_document_undo (doc);
  g_assert_false (waymark_document_get_color_by_owner (doc));
  g_assert_true (waymark_curve_get_visible (WAYMARK_CURVE (lookup (doc, "cv-1"))));
  g_assert_true (waymark_lane_get_hidden (backstage));

  /* The check items follow the map, and change it. */
  drain ();
  gtk_widget_activate_action (GTK_WIDGET (window), "view.lane-1", NULL);
  g_assert_false (waymark_lane_get_hidden (backstage));
  gtk_widget_activate_action (GTK_WIDGET (window), "view.color-by-owner", NULL);
  g_assert_true (waymark_document_get_color_by_owner (doc));
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Colour by Owner");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-all-lanes", NULL);
  waymark_document_set_boolean (doc, WAYMARK_ELEMENT (cards), "hidden", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-all-lanes", NULL);
  g_assert_false (waymark_lane_get_hidden (cards));
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Show All Lanes and Curves");

  /* A view added, renamed or deleted shows in the menu. */
  captured = waymark_document_capture_view (doc, "Front line");
  waymark_document_add_view (doc, captured);
  wanted.labels = "Exec summary|Operations|Front line";
  wait_until (has_views, &wanted, "the new view in the menu");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-view", "s", "vw-1");
  wanted.labels = "Operations|Front line";
  wait_until (has_views, &wanted, "the deleted view to leave the menu");
  waymark_document_undo (doc);
  wanted.labels = "Exec summary|Operations|Front line";
  wait_until (has_views, &wanted, "the view to come back");

  /* A lane renamed is renamed in the menu. */
  waymark_document_set_string (doc, WAYMARK_ELEMENT (backstage), "name", "Staff");
  drain ();
  g_clear_pointer (&lanes, g_free);
  lanes = section_labels (menu, 3);
  g_assert_cmpstr (lanes, ==, "Touchpoints|Staff|Emotions");

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* ---- The window's sidebar ---------------------------------------------- */

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, found);
  g_assert_cmpuint (found->len, >, 0);
  return g_ptr_array_index (found, 0);
}

static gboolean
panel_has_rows (gpointer data)
{
  return count_rows (data) > 0;
}

/* A row of the insights page selects what it is about on the canvas, and
 * the inspector shows it. */
static void
test_insight_selects (void)
{
  g_autoptr(WaymarkDocument) doc = make_document ();
  WaymarkWindow *window = waymark_window_new (NULL);
  WaymarkCanvas *canvas = waymark_window_get_canvas (window);
  WaymarkCurve *curve = NULL;
  WaymarkStage *stage = NULL;
  g_autoptr(GPtrArray) selection = NULL;
  GtkWidget *panel;
  GtkWidget *inspector;
  GtkStack *sidebar_stack;

  gtk_window_present (GTK_WINDOW (window));
  waymark_window_set_document (window, doc, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  panel = find_widget (GTK_WIDGET (window), WAYMARK_TYPE_INSIGHTS_PANEL);
  inspector = find_widget (GTK_WIDGET (window), WAYMARK_TYPE_INSPECTOR);
  sidebar_stack = GTK_STACK (gtk_widget_get_parent (panel));
  g_assert_true (GTK_IS_STACK (sidebar_stack));
  gtk_stack_set_visible_child_name (sidebar_stack, "insights");
  wait_until (panel_has_rows, panel, "the insights page to fill");

  g_signal_emit_by_name (find_row (panel, "Maya is lowest at “Check-in” (−1.5)"),
                         "activated");
  g_assert_true (waymark_canvas_get_selected_point (canvas, &curve, &stage));
  g_assert_true (curve == WAYMARK_CURVE (lookup (doc, "cv-1")));
  g_assert_true (stage == WAYMARK_STAGE (lookup (doc, "st-2")));
  g_assert_true (waymark_inspector_get_element (WAYMARK_INSPECTOR (inspector)) ==
                 lookup (doc, "cv-1"));

  g_signal_emit_by_name (find_row (panel, "“Book” at “Book” has no owner"), "activated");
  g_assert_false (waymark_canvas_get_selected_point (canvas, NULL, NULL));
  selection = waymark_canvas_get_selection (canvas);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_true (g_ptr_array_index (selection, 0) == lookup (doc, "tp-1"));
  g_assert_true (waymark_inspector_get_element (WAYMARK_INSPECTOR (inspector)) ==
                 lookup (doc, "tp-1"));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* ---- Export dialog ------------------------------------------------------ */

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 GType       type,
                 const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (root, type, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The map as shown or one of its views; the insights page only for PDF. */
static void
test_export_choices (void)
{
  g_autoptr(WaymarkDocument) doc = make_document ();
  g_autoptr(WaymarkDocument) bare = waymark_document_new ();
  WaymarkWindow *window = waymark_window_new (NULL);
  GtkWidget *dialog;
  GtkWidget *format;
  GtkWidget *view;
  GListModel *views;

  gtk_window_present (GTK_WINDOW (window));
  waymark_window_set_document (window, doc, NULL);
  dialog = waymark_export_dialog_new (window, doc, "Hotel");
  gtk_window_present (GTK_WINDOW (dialog));

  view = find_row_titled (dialog, ADW_TYPE_COMBO_ROW, "View");
  g_assert_nonnull (view);
  views = adw_combo_row_get_model (ADW_COMBO_ROW (view));
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (views), 0), ==,
                   "The map as shown");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (views), 1), ==, "Exec summary");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (views), 2), ==, "Operations");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (view)), ==, 0);

  format = find_row_titled (dialog, ADW_TYPE_COMBO_ROW, "Format");
  adw_combo_row_set_selected (ADW_COMBO_ROW (format), 1);   /* PDF */
  g_assert_nonnull (find_row_titled (dialog, ADW_TYPE_ACTION_ROW, "Add Insights Summary Page"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (format), 0);   /* PNG */
  g_assert_null (find_row_titled (dialog, ADW_TYPE_ACTION_ROW, "Add Insights Summary Page"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A map without views has no choice to make. */
  dialog = waymark_export_dialog_new (window, bare, "Bare");
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_null (find_row_titled (dialog, ADW_TYPE_COMBO_ROW, "View"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  /* GTK 4.8's recent manager leaks a GDateTime each time it writes its
   * list, which fails the run under LeakSanitizer. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
  adw_init ();

  g_test_add_func ("/ui/panels/insights", test_insights_panel);
  g_test_add_func ("/ui/panels/views-menu", test_views_menu);
  g_test_add_func ("/ui/panels/insight-selects", test_insight_selects);
  g_test_add_func ("/ui/panels/export-choices", test_export_choices);

  return g_test_run ();
}
