/* test-csv-dialog.c — the CSV import dialog: guessed mapping, preview, summary, import
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "waymark-csv-dialog.h"
#include "waymark-document-loader.h"

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* A map with the stage "Awareness" and the lane "Touchpoints". */
static WaymarkDocument *
small_map (void)
{
  WaymarkDocument *document = waymark_document_new ();
  g_autoptr(WaymarkStage) stage = waymark_stage_new ("st-1", "Awareness");
  g_autoptr(WaymarkLane) lane = waymark_lane_new ("ln-1", "Touchpoints", WAYMARK_LANE_CARDS);

  g_assert_true (waymark_document_load_stage (document, stage));
  g_assert_true (waymark_document_load_lane (document, lane));
  return document;
}

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "format", "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* The first label below widget showing text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The dialog over a plain window (not a Waymark window: no toasts). */
static GtkWidget *
present (WaymarkDocument *document,
         GBytes          *contents)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *dialog;

  gtk_window_present (GTK_WINDOW (parent));
  dialog = waymark_csv_import_dialog_new (GTK_WINDOW (parent), document, contents, "workshop.csv");

  gtk_window_present (GTK_WINDOW (dialog));
  for (guint i = 0; i < 200 && !gtk_widget_get_mapped (dialog); i++)
    g_main_context_iteration (NULL, TRUE);
  drain ();
  g_assert_true (gtk_widget_get_mapped (dialog));
  return dialog;
}

/* Destroys every window still open (message dialogs the import shows). */
static void
close_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  drain ();
}

static void
test_guess_and_import (void)
{
  g_autoptr(WaymarkDocument) document = small_map ();
  g_autoptr(GBytes) contents = fixture ("workshop.csv");
  GtkWidget *dialog = present (document, contents);
  WaymarkCsvImportDialog *self = WAYMARK_CSV_IMPORT_DIALOG (dialog);
  GtkWidget *message = NULL;
  GListModel *toplevels;
  const WaymarkCsvField expected[] = {
    WAYMARK_CSV_FIELD_STAGE, WAYMARK_CSV_FIELD_LANE, WAYMARK_CSV_FIELD_TITLE,
    WAYMARK_CSV_FIELD_CHANNEL, WAYMARK_CSV_FIELD_OWNER, WAYMARK_CSV_FIELD_EMOTION,
    WAYMARK_CSV_FIELD_PAIN_POINTS, WAYMARK_CSV_FIELD_DESCRIPTION,
  };

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* The guessed mapping, shown in the dropdowns. */
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpint (waymark_csv_import_dialog_get_field (self, c), ==, expected[c]);
  g_assert_cmpint (waymark_csv_import_dialog_get_field (self, 8), ==, WAYMARK_CSV_FIELD_IGNORE);
  g_assert_nonnull (find_label (dialog, "Pain Points"));
  /* The preview: the header row and the records, line breaks as spaces. */
  g_assert_nonnull (find_label (dialog, "Notes (free text)"));
  g_assert_nonnull (find_label (dialog, "Sees an ad"));
  g_assert_nonnull (find_label (dialog, "Too many steps Hidden fees"));
  g_assert_nonnull (find_label (dialog, "Comma"));

  g_assert_cmpstr (waymark_csv_import_dialog_get_summary (self), ==,
                   "Will create 4 touchpoints in 2 new stages. 1 lane will be added. "
                   "3 owners will join the owners list.");
  g_assert_nonnull (find_label (dialog, waymark_csv_import_dialog_get_summary (self)));

  /* Without stage and title columns nothing can be imported. */
  waymark_csv_import_dialog_set_field (self, 0, WAYMARK_CSV_FIELD_IGNORE);
  waymark_csv_import_dialog_set_field (self, 2, WAYMARK_CSV_FIELD_IGNORE);
  g_assert_cmpstr (waymark_csv_import_dialog_get_summary (self), ==,
                   "Choose the column that holds the titles of the cards, or the one that holds "
                   "their stages.");
  gtk_widget_activate_action (dialog, "csv.import", NULL);
  drain ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (document)), ==, 0);

  /* Titles back, stages still ignored: every card in the map's first stage. */
  waymark_csv_import_dialog_set_field (self, 2, WAYMARK_CSV_FIELD_TITLE);
  g_assert_cmpstr (waymark_csv_import_dialog_get_summary (self), ==,
                   "Will create 4 touchpoints. 1 lane will be added. "
                   "3 owners will join the owners list.");
  waymark_csv_import_dialog_set_field (self, 0, WAYMARK_CSV_FIELD_STAGE);
  /* The emotion column ignored on purpose. */
  waymark_csv_import_dialog_set_field (self, 5, WAYMARK_CSV_FIELD_IGNORE);

  gtk_widget_activate_action (dialog, "csv.import", NULL);
  drain ();

  /* The dialog closed; the cards are in the map, one undo step. */
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (document)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (document)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_lanes (document)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_owners (document)), ==, 3);
  g_assert_cmpstr (waymark_document_get_undo_label (document), ==, "Import CSV");
  {
    g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (waymark_document_get_touchpoints (document), 0);

    g_assert_cmpstr (waymark_touchpoint_get_title (tp), ==, "Sees an ad");
    g_assert_cmpstr (waymark_touchpoint_get_channel (tp), ==, "Social");
    g_assert_false (waymark_touchpoint_has_emotion (tp));
  }

  /* Without a Waymark window to show a toast in, the report is a message. */
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        message = GTK_WIDGET (window);
    }
  g_assert_nonnull (message);
  g_assert_nonnull (gtk_window_get_transient_for (GTK_WINDOW (message)));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==,
                   "Spreadsheet Imported");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), ==,
                   "Imported 4 touchpoints. New: 2 stages, 1 lane, 3 owners.");

  close_all_windows ();
  g_assert_true (waymark_document_undo (document));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (document)), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_separator_and_encoding (void)
{
  g_autoptr(WaymarkDocument) document = small_map ();
  static const char latin1[] = "Stage;Title\r\nCaf\xe9;Cr\xe8me, br\xfbl\xe9" "e\r\n";
  g_autoptr(GBytes) contents = g_bytes_new_static (latin1, sizeof latin1 - 1);
  GtkWidget *dialog = present (document, contents);
  WaymarkCsvImportDialog *self = WAYMARK_CSV_IMPORT_DIALOG (dialog);

  g_assert_nonnull (find_label (dialog, "Semicolon"));
  g_assert_nonnull (find_label (dialog, "Crème, brûlée"));
  g_assert_nonnull (find_label (dialog,
                                "The file is not UTF-8 text, so it was read as Windows-1252 "
                                "(Western European). If letters look wrong, save it from the "
                                "spreadsheet as “CSV UTF-8”."));
  g_assert_cmpint (waymark_csv_import_dialog_get_field (self, 1), ==, WAYMARK_CSV_FIELD_TITLE);
  g_assert_cmpstr (waymark_csv_import_dialog_get_summary (self), ==,
                   "Will create 1 touchpoint in 1 new stage.");

  close_all_windows ();
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_unreadable (void)
{
  g_autoptr(WaymarkDocument) document = small_map ();
  static const char broken[] = "Stage,Title\nA,\"never closed\n";
  g_autoptr(GBytes) contents = g_bytes_new_static (broken, sizeof broken - 1);
  GtkWidget *dialog = present (document, contents);
  WaymarkCsvImportDialog *self = WAYMARK_CSV_IMPORT_DIALOG (dialog);
  const char *problem = "The quoted field that starts on line 2 is never closed: a quotation "
                        "mark is missing.";

  g_assert_cmpstr (waymark_csv_import_dialog_get_summary (self), ==, problem);
  g_assert_nonnull (find_label (dialog, problem));
  g_assert_cmpint (waymark_csv_import_dialog_get_field (self, 0), ==, WAYMARK_CSV_FIELD_IGNORE);
  gtk_widget_activate_action (dialog, "csv.import", NULL);
  drain ();
  g_assert_false (waymark_document_can_undo (document));

  close_all_windows ();
  g_assert_finalize_object (g_steal_pointer (&document));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/csv-dialog/guess-and-import", test_guess_and_import);
  g_test_add_func ("/ui/csv-dialog/separator-and-encoding", test_separator_and_encoding);
  g_test_add_func ("/ui/csv-dialog/unreadable", test_unreadable);

  return g_test_run ();
}
