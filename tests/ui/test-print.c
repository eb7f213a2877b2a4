/* test-print.c — printing: the print operation's pages match the PDF export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkPrintOperation's export action writes the job to a PDF file through
 * the same code path as a real printer; pdfinfo and pdftotext read it back.
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "waymark-export.h"
#include "waymark-print.h"
#include "waymark-synth.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("waymark-print-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdfinfo == NULL || pdftotext == NULL)
    {
      g_test_skip ("pdfinfo and pdftotext (poppler-utils) are needed");
      return FALSE;
    }
  return TRUE;
}

static char *
run_tool (const char *tool,
          const char *path)
{
  const char *argv[] = { tool, path, tool[3] == 't' ? "-" : NULL, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

/* "Pages:" and "Page size:" of pdfinfo. */
static void
pdf_info (const char *path,
          guint      *n_pages,
          double     *width,
          double     *height)
{
  g_autofree char *info = run_tool ("pdfinfo", path);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  *n_pages = 0;
  *width = *height = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        *n_pages = (guint) g_ascii_strtoull (lines[i] + strlen ("Pages:"), NULL, 10);
      else if (g_str_has_prefix (lines[i], "Page size:"))
        {
          char *end = NULL;

          *width = g_ascii_strtod (lines[i] + strlen ("Page size:"), &end);
          while (*end == ' ' || *end == 'x')
            end++;
          *height = g_ascii_strtod (end, NULL);
        }
    }
}

static char *
print_to_pdf (Fixture               *fixture,
              WaymarkPrintOperation *operation,
              const char            *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), FALSE);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

static char *
export_to_pdf (Fixture         *fixture,
               WaymarkDocument *document,
               WaymarkPageSize  page,
               const char      *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WaymarkExportOptions options;

  waymark_export_options_init (&options);
  options.page = page;
  g_assert_true (waymark_export_to_file (document, file, WAYMARK_EXPORT_PDF, &options,
                                         NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A map too large for one A4 page prints on as many pages as the PDF
 * export makes, with the same text on each. */
static void
test_split_matches_export (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WaymarkDocument) document = waymark_synth_document (24, 240, 7);
  g_autoptr(WaymarkPrintOperation) operation = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *exported_text = NULL;
  g_autofree char *last_label = NULL;
  guint printed_pages, exported_pages;
  double width, height, export_width, export_height;

  if (!have_poppler ())
    return;

  operation = waymark_print_operation_new (document, WAYMARK_PAGE_A4);
  g_assert_true (waymark_print_operation_get_split (operation));
  printed = print_to_pdf (fixture, operation, "printed.pdf");
  exported = export_to_pdf (fixture, document, WAYMARK_PAGE_A4, "exported.pdf");

  pdf_info (printed, &printed_pages, &width, &height);
  pdf_info (exported, &exported_pages, &export_width, &export_height);
  g_test_message ("A4: printed %u pages, exported %u", printed_pages, exported_pages);
  g_assert_cmpuint (printed_pages, >, 1);
  g_assert_cmpuint (printed_pages, ==, exported_pages);
  /* Landscape A4 in points. */
  g_assert_cmpfloat_with_epsilon (width, 841.89, 1.0);
  g_assert_cmpfloat_with_epsilon (height, 595.28, 1.0);

  printed_text = run_tool ("pdftotext", printed);
  exported_text = run_tool ("pdftotext", exported);
  g_assert_cmpstr (printed_text, ==, exported_text);
  g_assert_nonnull (strstr (printed_text, waymark_document_get_title (document)));
  last_label = g_strdup_printf ("page %u of %u", printed_pages, printed_pages);
  g_assert_nonnull (strstr (printed_text, last_label));
}

/* The slide option prints on the export's 16:9 page. */
static void
test_slide_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WaymarkDocument) document = waymark_synth_document (6, 30, 3);
  g_autoptr(WaymarkPrintOperation) operation = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *exported = NULL;
  guint printed_pages, exported_pages;
  double width, height, export_width, export_height;

  if (!have_poppler ())
    return;

  operation = waymark_print_operation_new (document, WAYMARK_PAGE_SLIDE);
  printed = print_to_pdf (fixture, operation, "slide.pdf");
  exported = export_to_pdf (fixture, document, WAYMARK_PAGE_SLIDE, "slide-export.pdf");
  pdf_info (printed, &printed_pages, &width, &height);
  pdf_info (exported, &exported_pages, &export_width, &export_height);

  g_assert_cmpuint (printed_pages, ==, exported_pages);
  g_assert_cmpfloat_with_epsilon (width, 960, 1.0);
  g_assert_cmpfloat_with_epsilon (height, 540, 1.0);
  g_assert_cmpfloat_with_epsilon (width, export_width, 1.0);
  g_assert_cmpfloat_with_epsilon (height, export_height, 1.0);
}

/* "Fit on one page" in the dialog's Map tab puts the same large map on one
 * sheet. */
static void
test_fit_one_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(WaymarkDocument) document = waymark_synth_document (24, 240, 7);
  g_autoptr(WaymarkPrintOperation) operation = NULL;
  GtkPrintOperationClass *klass;
  g_autoptr(GtkWidget) tab = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *text = NULL;
  GtkWidget *fit = NULL;
  guint n_pages;
  double width, height;

  if (!have_poppler ())
    return;

  operation = waymark_print_operation_new (document, WAYMARK_PAGE_A4);
  klass = GTK_PRINT_OPERATION_GET_CLASS (operation);
  tab = g_object_ref_sink (klass->create_custom_widget (GTK_PRINT_OPERATION (operation)));
  for (GtkWidget *child = gtk_widget_get_first_child (tab); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child))
      fit = child;  /* the last choice */
  g_assert_nonnull (fit);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (fit)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (fit), TRUE);
  klass->custom_widget_apply (GTK_PRINT_OPERATION (operation), tab);
  g_assert_false (waymark_print_operation_get_split (operation));

  printed = print_to_pdf (fixture, operation, "fit.pdf");
  pdf_info (printed, &n_pages, &width, &height);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_cmpfloat_with_epsilon (width, 841.89, 1.0);
  text = run_tool ("pdftotext", printed);
  g_assert_nonnull (strstr (text, waymark_document_get_title (document)));
  g_assert_null (strstr (text, "page 1 of"));

  /* A map that was never meant to be split prints "fit" by default. */
  g_clear_object (&operation);
  operation = waymark_print_operation_new (document, WAYMARK_PAGE_FIT);
  g_assert_false (waymark_print_operation_get_split (operation));
}

/* The job prints the map as it was when Print… was chosen. */
static void
test_prints_snapshot (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(WaymarkDocument) document = waymark_synth_document (4, 12, 5);
  g_autoptr(WaymarkPrintOperation) operation = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  waymark_document_set_string (document, NULL, "title", "Before printing");
  operation = waymark_print_operation_new (document, WAYMARK_PAGE_LETTER);
  waymark_document_set_string (document, NULL, "title", "Edited later");

  printed = print_to_pdf (fixture, operation, "snapshot.pdf");
  text = run_tool ("pdftotext", printed);
  g_assert_nonnull (strstr (text, "Before printing"));
  g_assert_null (strstr (text, "Edited later"));

  g_clear_object (&operation);
  g_assert_finalize_object (g_steal_pointer (&document));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/print/split-matches-export", Fixture, NULL, fixture_set_up,
              test_split_matches_export, fixture_tear_down);
  g_test_add ("/ui/print/slide-page", Fixture, NULL, fixture_set_up,
              test_slide_page, fixture_tear_down);
  g_test_add ("/ui/print/fit-one-page", Fixture, NULL, fixture_set_up,
              test_fit_one_page, fixture_tear_down);
  g_test_add ("/ui/print/prints-snapshot", Fixture, NULL, fixture_set_up,
              test_prints_snapshot, fixture_tear_down);

  return g_test_run ();
}
