/* test-window.c — the window when its file changes on disk, and when a save fails
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "waymark-document-loader.h"
#include "waymark-format.h"
#include "waymark-recovery.h"
#include "waymark-synth.h"
#include "waymark-window.h"

typedef struct
{
  char          *dir;
  char          *path;
  GFile         *file;
  WaymarkWindow *window;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Bounded polling: waits for a condition, never for a time. */
static void
wait_until (Fixture    *fixture,
            Condition   condition,
            const char *what)
{
  gint64 give_up = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (100, tick_cb, NULL);

  /* The tick only makes sure that the give-up time is noticed. */
  while (!condition (fixture) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!condition (fixture))
    g_error ("gave up waiting for %s", what);
}

/* Lets file monitor events of the last moment arrive and be handled. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

/* Like another program: atomically (a rename over the file, as git and
 * most editors do) or in place (truncate and write). */
static void
write_map (const char *path,
           const char *title,
           guint32     seed,
           gboolean    atomic)
{
  g_autoptr(WaymarkDocument) document = waymark_synth_document (3, 6, seed);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  FILE *out;

  waymark_document_load_metadata (document, title, NULL, NULL);
  bytes = waymark_format_write (document);
  if (atomic)
    {
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), &error));
      g_assert_no_error (error);
      return;
    }

  out = fopen (path, "w");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), out), ==,
                    g_bytes_get_size (bytes));
  g_assert_cmpint (fclose (out), ==, 0);
}

static char *
title_on_disk (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WaymarkDocument) document = waymark_format_read_file (file, NULL, NULL, NULL, NULL);

  return document != NULL ? g_strdup (waymark_document_get_title (document)) : NULL;
}

/* For people reviewing the test: what the window looked like. */
static void
screenshot (const char *name)
{
  const char *root = g_getenv ("WAYMARK_BUILD_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *import = g_find_program_in_path ("import");
  const char *argv[] = { import, "-window", "root", NULL, NULL };

  if (root == NULL || import == NULL)
    return;
  path = g_build_filename (root, "tests", "recovery", name, NULL);
  argv[3] = path;
  settle ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                NULL, NULL);
}

static GtkRevealer *
banner (Fixture *fixture)
{
  return GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                      WAYMARK_TYPE_WINDOW, "file_banner"));
}

static const char *
banner_text (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                                        WAYMARK_TYPE_WINDOW,
                                                                        "file_banner_label")));
}

static GtkWidget *
reload_button (Fixture *fixture)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                    WAYMARK_TYPE_WINDOW, "file_reload_button"));
}

static gboolean
has_document (Fixture *fixture)
{
  return waymark_window_get_document (fixture->window) != NULL;
}

static gboolean
banner_shown (Fixture *fixture)
{
  return gtk_revealer_get_reveal_child (banner (fixture));
}

static gboolean
banner_hidden (Fixture *fixture)
{
  return !gtk_revealer_get_reveal_child (banner (fixture));
}

static gboolean
reloaded (Fixture *fixture)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);

  return g_strcmp0 (waymark_document_get_title (document), "Changed by a colleague") == 0;
}

/* The message dialog of the window with this heading, or NULL. */
static AdwMessageDialog *
find_dialog (Fixture    *fixture,
             const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (fixture->window) &&
        gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

/* As a click does: the response, then the dialog goes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
edit (Fixture *fixture)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);
  static guint n_edits;
  g_autofree char *text = g_strdup_printf ("Edited in Waymark (%u)", ++n_edits);

  waymark_document_set_string (document, NULL, "description", text);
  g_assert_true (waymark_document_get_modified_since_save (document));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("waymark-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "journey.cjmx", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  write_map (fixture->path, "As opened", 1, TRUE);

  fixture->window = waymark_window_new (NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  waymark_window_open_file (fixture->window, fixture->file);
  wait_until (fixture, has_document, "the map to open");
  g_assert_false (banner_shown (fixture));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *inner = g_build_filename (child, "keep.txt", NULL);

          g_unlink (inner);
          g_rmdir (child);
        }
      else
        g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->file);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* ---- Tests -------------------------------------------------------------- */

static void
test_changed_reload (Fixture       *fixture,
                     gconstpointer  data)
{
  edit (fixture);
  write_map (fixture->path, "Changed by a colleague", 2, FALSE);
  wait_until (fixture, banner_shown, "the banner");
  g_assert_cmpstr (banner_text (fixture), ==, "The file was changed by another program");
  screenshot ("banner-changed.png");
  g_assert_true (gtk_widget_get_visible (reload_button (fixture)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reload-file",
                                             NULL));
  wait_until (fixture, reloaded, "the reloaded map");
  g_assert_true (banner_hidden (fixture));
  g_assert_false (waymark_document_get_modified_since_save (
    waymark_window_get_document (fixture->window)));

  /* And saving it now is not a conflict. */
  edit (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  g_assert_null (find_dialog (fixture, "Replace the Changed File?"));
  g_assert_false (waymark_document_get_modified_since_save (
    waymark_window_get_document (fixture->window)));
}

static void
test_keep_mine_then_save_asks (Fixture       *fixture,
                               gconstpointer  data)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);
  g_autofree char *outside = NULL;
  g_autofree char *mine = NULL;
  AdwMessageDialog *dialog;

  edit (fixture);
  write_map (fixture->path, "Changed by a colleague", 2, TRUE);
  wait_until (fixture, banner_shown, "the banner");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.keep-mine",
                                             NULL));
  g_assert_true (banner_hidden (fixture));
  g_assert_cmpstr (waymark_document_get_title (document), ==, "As opened");

  /* No silent overwrite: Save asks, and Cancel leaves the colleague's file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  dialog = find_dialog (fixture, "Replace the Changed File?");
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  outside = title_on_disk (fixture->path);
  g_assert_cmpstr (outside, ==, "Changed by a colleague");
  g_assert_true (waymark_document_get_modified_since_save (document));

  /* Replace writes ours. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  dialog = find_dialog (fixture, "Replace the Changed File?");
  g_assert_nonnull (dialog);
  respond (dialog, "replace");
  mine = title_on_disk (fixture->path);
  g_assert_cmpstr (mine, ==, "As opened");
  g_assert_false (waymark_document_get_modified_since_save (document));

  /* Our own save raises no banner, and the next save asks nothing. */
  settle ();
  g_assert_true (banner_hidden (fixture));
  edit (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  g_assert_null (find_dialog (fixture, "Replace the Changed File?"));
  settle ();
  g_assert_true (banner_hidden (fixture));
}

static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *title = NULL;

  edit (fixture);
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  wait_until (fixture, banner_shown, "the banner");
  g_assert_cmpstr (banner_text (fixture), ==, "The file was deleted; saving will create it again");
  screenshot ("banner-deleted.png");
  g_assert_false (gtk_widget_get_visible (reload_button (fixture)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  g_assert_null (find_dialog (fixture, "Replace the Changed File?"));
  title = title_on_disk (fixture->path);
  g_assert_cmpstr (title, ==, "As opened");
  g_assert_true (banner_hidden (fixture));
}

static void
test_failed_save (Fixture       *fixture,
                  gconstpointer  data)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);
  g_autofree char *inside = g_build_filename (fixture->path, "keep.txt", NULL);
  AdwMessageDialog *dialog;
  const char *body;

  /* The map is replaced by a folder of the same name behind our back. */
  edit (fixture);
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "precious", -1, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  dialog = find_dialog (fixture, "Could Not Save the Map");
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "A folder has the name of the map"));
  g_assert_nonnull (strstr (body, "Your changes are still open"));
  screenshot ("failed-save-dialog.png");

  /* Still open, still unsaved, the folder as it was. */
  g_assert_true (waymark_window_get_document (fixture->window) == document);
  g_assert_true (waymark_document_get_modified_since_save (document));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  /* GTK 4.8's recent manager leaks a GDateTime each time it writes its
   * list, which fails the run under LeakSanitizer. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
  adw_init ();

  g_test_add ("/recovery/window/changed-reload", Fixture, NULL, fixture_set_up,
              test_changed_reload, fixture_tear_down);
  g_test_add ("/recovery/window/keep-mine-then-save-asks", Fixture, NULL, fixture_set_up,
              test_keep_mine_then_save_asks, fixture_tear_down);
  g_test_add ("/recovery/window/deleted", Fixture, NULL, fixture_set_up,
              test_deleted, fixture_tear_down);
  g_test_add ("/recovery/window/failed-save", Fixture, NULL, fixture_set_up,
              test_failed_save, fixture_tear_down);

  return g_test_run ();
}
