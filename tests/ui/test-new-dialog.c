/* test-new-dialog.c — the New dialog: templates listed with previews, choosing one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test-new-dialog"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "waymark-new-dialog.h"

/* In display order. */
static const char *expected[] = {
  "blank", "hotel-stay", "retail-purchase", "saas-onboarding", "telecom-churn-retention",
  "b2b-construction-distributor", "luxury-fashion-omnichannel",
};

typedef struct
{
  GtkWidget *window;
  char      *activated;     /* parameter of the last "win.new-from-template" */
  guint      n_activations;
} Fixture;

/* ---- Helpers ----------------------------------------------------------- */

static void
new_from_template (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  Fixture *fixture = data;

  g_free (fixture->activated);
  fixture->activated = g_variant_dup_string (parameter, NULL);
  fixture->n_activations++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "new-from-template", new_from_template, "s", NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries),
                                   fixture);
  fixture->window = gtk_window_new ();
  gtk_widget_insert_action_group (fixture->window, "win", G_ACTION_GROUP (group));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_pointer (&fixture->activated, g_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
timeout_reached (gpointer data)
{
  gboolean *reached = data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until every preview has its picture (or 20 s pass). */
static void
wait_for_previews (GtkFlowBox *flow_box)
{
  gboolean reached = FALSE;
  guint timeout = g_timeout_add_seconds (20, timeout_reached, &reached);

  for (;;)
    {
      gboolean all = TRUE;

      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          GtkWidget *child = GTK_WIDGET (gtk_flow_box_get_child_at_index (flow_box, (int) i));
          GtkWidget *picture = find_widget (child, GTK_TYPE_PICTURE);

          if (gtk_picture_get_paintable (GTK_PICTURE (picture)) == NULL)
            all = FALSE;
        }
      if (all)
        break;
      g_assert_false (reached);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!reached)
    g_source_remove (timeout);
}

/* Renders a paintable and counts its pixels that differ from the first one
 * (the map's background at the top-left corner). */
static guint
count_drawn_pixels (GtkWidget    *widget,
                    GdkPaintable *paintable)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gdk_paintable_get_intrinsic_width (paintable);
  int height = gdk_paintable_get_intrinsic_height (paintable);
  guint n = 0;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int i = 0; i < width * height; i++)
    if (memcmp (pixels + 4 * i, pixels, 4) != 0)
      n++;
  return n;
}

/* The top-left pixel of a paintable (the map's background there). */
static void
corner_pixel (GtkWidget    *widget,
              GdkPaintable *paintable,
              guint8        pixel[4])
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  guint8 pixels[4 * 4];

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), 2, 2);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 1, 1));
  g_assert_cmpint (gdk_texture_get_width (texture), <=, 2);
  gdk_texture_download (texture, pixels, 4 * 2);
  memcpy (pixel, pixels, 4);
}

/* ---- Tests ------------------------------------------------------------- */

static void
test_lists_templates (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *dialog = waymark_new_dialog_present (GTK_WINDOW (fixture->window));
  GtkFlowBox *flow_box = GTK_FLOW_BOX (find_widget (dialog, GTK_TYPE_FLOW_BOX));
  guint blank_pixels = 0;

  g_assert_true (WAYMARK_IS_NEW_DIALOG (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (fixture->window));
  g_assert_nonnull (flow_box);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (flow_box, (int) i);
      GtkWidget *label;

      g_assert_nonnull (child);
      g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (child)), ==, expected[i]);
      /* A title, not the file name. */
      label = find_widget (GTK_WIDGET (child), GTK_TYPE_LABEL);
      g_assert_nonnull (label);
      g_assert_cmpuint (strlen (gtk_label_get_label (GTK_LABEL (label))), >, 5);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), !=, expected[i]);
    }
  g_assert_null (gtk_flow_box_get_child_at_index (flow_box, G_N_ELEMENTS (expected)));

  /* Previews come lazily, and show the maps: a full map draws far more than
   * the blank one. */
  wait_for_previews (flow_box);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *child = GTK_WIDGET (gtk_flow_box_get_child_at_index (flow_box, (int) i));
      GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (find_widget (child,
                                                                        GTK_TYPE_PICTURE)));
      guint drawn = count_drawn_pixels (dialog, paintable);

      g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 288);
      g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 180);
      g_test_message ("%s: %u pixels differ from the background", expected[i], drawn);
      if (i == 0)
        {
          blank_pixels = drawn;
          g_assert_cmpuint (drawn, >, 1000);
        }
      else
        {
          g_assert_cmpuint (drawn, >, blank_pixels);
        }
    }

  g_assert_cmpuint (fixture->n_activations, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The previews follow the style, as the canvas does. */
static void
test_dark_previews (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *dialog = waymark_new_dialog_present (GTK_WINDOW (fixture->window));
  GtkFlowBox *flow_box = GTK_FLOW_BOX (find_widget (dialog, GTK_TYPE_FLOW_BOX));
  GtkWidget *child = GTK_WIDGET (gtk_flow_box_get_child_at_index (flow_box, 1));
  GtkPicture *picture = GTK_PICTURE (find_widget (child, GTK_TYPE_PICTURE));
  g_autoptr(GdkPaintable) light = NULL;
  guint8 light_pixel[4], dark_pixel[4];

  wait_for_previews (flow_box);
  light = g_object_ref (gtk_picture_get_paintable (picture));
  corner_pixel (dialog, light, light_pixel);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  while (gtk_picture_get_paintable (picture) == light)
    g_main_context_iteration (NULL, TRUE);
  corner_pixel (dialog, gtk_picture_get_paintable (picture), dark_pixel);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The map's background: near white, then near black (any byte order). */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (light_pixel[i], >, 200);
      g_assert_cmpuint (dark_pixel[i], <, 80);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *dialog = waymark_new_dialog_present (GTK_WINDOW (fixture->window));
  GtkFlowBox *flow_box = GTK_FLOW_BOX (find_widget (dialog, GTK_TYPE_FLOW_BOX));
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (flow_box, 5);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (child)), ==,
                   "b2b-construction-distributor");

  /* What a click or Enter on the tile does. */
  g_signal_emit_by_name (child, "activate");

  g_assert_cmpuint (fixture->n_activations, ==, 1);
  g_assert_cmpstr (fixture->activated, ==, "b2b-construction-distributor");
  /* The dialog closed itself. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (dialog);
}

static void
test_close_without_choice (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *dialog = waymark_new_dialog_present (GTK_WINDOW (fixture->window));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_activations, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/new-dialog/lists-templates", Fixture, NULL,
              fixture_set_up, test_lists_templates, fixture_tear_down);
  g_test_add ("/new-dialog/dark-previews", Fixture, NULL,
              fixture_set_up, test_dark_previews, fixture_tear_down);
  g_test_add ("/new-dialog/activate", Fixture, NULL,
              fixture_set_up, test_activate, fixture_tear_down);
  g_test_add ("/new-dialog/close-without-choice", Fixture, NULL,
              fixture_set_up, test_close_without_choice, fixture_tear_down);

  return g_test_run ();
}
