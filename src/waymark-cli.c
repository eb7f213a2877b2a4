/* waymark-cli.c — the command line that needs no display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "waymark-cli.h"
#include "waymark-format.h"
#include "waymark-export.h"

typedef struct
{
  gboolean   version;
  gboolean   check;
  gboolean   upgrade;
  char      *export_path;
  double     scale;
  char      *page;
  gboolean   transparent;
  char      *view;
  gboolean   insights_page;
} Options;

/* Paths are printed as a person typed them, so that messages match. */

static void
print_read_error (const char   *path,
                  int           line,
                  int           column,
                  const GError *error)
{
  if (line > 0)
    g_printerr ("%s:%d:%d: %s\n", path, line, column, error->message);
  else
    g_printerr ("%s: %s\n", path, error->message);
}

/* What the reader repaired, as compilers print warnings. */
static void
print_warnings (const char      *path,
                WaymarkDocument *document)
{
  const char *message;
  int line = 0;
  int column = 0;

  for (guint i = 0; (message = waymark_format_get_warning (document, i, &line, &column)) != NULL;
       i++)
    {
      if (line > 0)
        /* Translators: FILE:LINE:COLUMN: warning: MESSAGE, as compilers print them. */
        g_printerr (_("%s:%d:%d: warning: %s\n"), path, line, column, message);
      else
        g_printerr (_("%s: warning: %s\n"), path, message);
    }
}

static WaymarkDocument *
read_map (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  WaymarkDocument *document;
  int line = 0;
  int column = 0;

  document = waymark_format_read_file (file, NULL, &line, &column, &error);
  if (document == NULL)
    print_read_error (path, line, column, error);
  else
    print_warnings (path, document);
  return document;
}

static int
check_files (char **files)
{
  int status = 0;

  if (files == NULL || files[0] == NULL)
    {
      g_printerr (_("waymark: --check needs at least one file\n"));
      return 2;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(WaymarkDocument) document = read_map (files[i]);

      if (document != NULL)
        g_print (_("%s: ok\n"), files[i]);
      else
        status = 1;
    }

  return status;
}

static gboolean
same_bytes (GFile  *file,
            GBytes *bytes)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, NULL))
    return FALSE;
  return length == size && memcmp (contents, data, size) == 0;
}

/* Rewrites each map in place as the writer writes it, which is version 2. */
static int
upgrade_files (char **files)
{
  int status = 0;

  if (files == NULL || files[0] == NULL)
    {
      g_printerr (_("waymark: --upgrade needs at least one file\n"));
      return 2;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(WaymarkDocument) document = read_map (files[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      guint version;

      if (document == NULL)
        {
          status = 1;
          continue;
        }

      version = waymark_format_get_read_version (document);
      bytes = waymark_format_write (document);
      if (version == 2 && same_bytes (file, bytes))
        {
          g_print (_("%s: already up to date\n"), files[i]);
          continue;
        }
      if (!waymark_format_save_file (document, file, NULL, &error))
        {
          g_printerr ("waymark: %s\n", error->message);
          status = 1;
          continue;
        }
      if (version < 2)
        g_print (_("%s: upgraded from format version %u to %s\n"),
                 files[i], version, WAYMARK_FORMAT_VERSION);
      else
        g_print (_("%s: rewritten in Waymark’s own layout\n"), files[i]);
    }

  return status;
}

static WaymarkView *
find_view (WaymarkDocument *document,
           const char      *name)
{
  GListModel *views = waymark_document_get_views (document);

  for (guint i = 0, n = g_list_model_get_n_items (views); i < n; i++)
    {
      g_autoptr(WaymarkView) view = g_list_model_get_item (views, i);

      if (g_strcmp0 (waymark_view_get_name (view), name) == 0)
        return view;
    }
  return NULL;
}

static void
print_unknown_view (const char      *path,
                    WaymarkDocument *document,
                    const char      *name)
{
  GListModel *views = waymark_document_get_views (document);
  guint n = g_list_model_get_n_items (views);
  g_autoptr(GString) names = g_string_new (NULL);

  if (n == 0)
    {
      g_printerr (_("waymark: %s has no view “%s”; it has no saved views at all\n"),
                  path, name);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkView) view = g_list_model_get_item (views, i);

      if (i > 0)
        g_string_append (names, ", ");
      /* Translators: a view name in a list of them. */
      g_string_append_printf (names, _("“%s”"), waymark_view_get_name (view));
    }
  g_printerr (_("waymark: %s has no view “%s”; its views are %s\n"), path, name, names->str);
}

static int
export_file (const Options  *options,
             char          **files)
{
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkExportOptions export_options;
  WaymarkExportFormat format;
  int line = 0;
  int column = 0;

  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      g_printerr (_("waymark: --export needs exactly one map to export\n"));
      return 2;
    }

  waymark_export_options_init (&export_options);

  if (!waymark_export_format_from_filename (options->export_path, &format, &error))
    {
      g_printerr ("waymark: %s\n", error->message);
      return 2;
    }

  if (options->insights_page && format != WAYMARK_EXPORT_PDF)
    {
      g_printerr (_("waymark: --insights-page goes with a PDF export\n"));
      return 2;
    }
  export_options.insights_page = options->insights_page;

  if (options->scale != 0.0)
    export_options.scale = options->scale;
  export_options.transparent = options->transparent;
  if (options->page != NULL &&
      !waymark_page_size_from_string (options->page, &export_options.page))
    {
      g_printerr (_("waymark: unknown page size “%s”; use fit, slide, a4 or letter\n"),
                  options->page);
      return 2;
    }

  input = g_file_new_for_commandline_arg (files[0]);
  document = waymark_format_read_file (input, NULL, &line, &column, &error);
  if (document == NULL)
    {
      print_read_error (files[0], line, column, error);
      return 1;
    }
  print_warnings (files[0], document);

  if (options->view != NULL)
    {
      export_options.view = find_view (document, options->view);
      if (export_options.view == NULL)
        {
          print_unknown_view (files[0], document, options->view);
          return 2;
        }
    }

  output = g_file_new_for_commandline_arg (options->export_path);
  if (!waymark_export_to_file (document, output, format, &export_options, NULL, &error))
    {
      g_printerr ("waymark: %s\n", error->message);
      return 1;
    }

  return 0;
}

gboolean
waymark_cli_run (int    *argc,
                 char ***argv,
                 int    *exit_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  Options options = { 0 };
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version,
      N_("Show the version and exit"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &options.check,
      N_("Check that each FILE is a valid map, print “FILE: ok” or where it is damaged, "
         "and what reading it repaired"), NULL },
    { "upgrade", 0, 0, G_OPTION_ARG_NONE, &options.upgrade,
      N_("Rewrite each FILE in place in the current format version (2) and Waymark’s own "
         "layout"), NULL },
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options.export_path,
      N_("Export the map to OUT: PNG, PDF or SVG, from its extension"), N_("OUT") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale,
      N_("PNG export: pixels per point, from 1 to 4 (default 2)"), N_("N") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &options.page,
      N_("PDF export: page size, one of fit, slide, a4, letter (default fit)"), N_("SIZE") },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &options.transparent,
      N_("PNG export: leave the background transparent"), NULL },
    { "view", 0, 0, G_OPTION_ARG_STRING, &options.view,
      N_("Export the map as its saved view NAME shows it"), N_("NAME") },
    { "insights-page", 0, 0, G_OPTION_ARG_NONE, &options.insights_page,
      N_("PDF export: add a page summing up the map’s insights"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE…]") },
    { NULL }
  };
  gboolean handled = TRUE;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Edit customer journey maps. With no option, opens each "
                                  "FILE in the editor."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  waymark hotel-stay.cjmx\n"
                                      "  waymark --check maps/*.cjmx\n"
                                      "  waymark --upgrade maps/*.cjmx\n"
                                      "  waymark --export=board.pdf --page=slide hotel-stay.cjmx\n"
                                      "  waymark --export=wall.png --scale=3 hotel-stay.cjmx\n"
                                      "  waymark --export=exec.pdf --view=\"Exec summary\" "
                                      "--insights-page hotel-stay.cjmx\n"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Options such as --gapplication-service are GApplication's. */
  g_option_context_set_ignore_unknown_options (context, TRUE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("waymark: %s\n", error->message);
      *exit_status = 2;
      goto out;
    }

  if (options.version)
    {
      g_print ("waymark %s\n", PACKAGE_VERSION);
      *exit_status = 0;
    }
  else if (options.check && options.upgrade)
    {
      g_printerr (_("waymark: use either --check or --upgrade, not both\n"));
      *exit_status = 2;
    }
  else if (options.check)
    *exit_status = check_files (files);
  else if (options.upgrade)
    *exit_status = upgrade_files (files);
  else if (options.export_path != NULL)
    *exit_status = export_file (&options, files);
  else if (options.scale != 0.0 || options.page != NULL || options.transparent
           || options.view != NULL || options.insights_page)
    {
      g_printerr (_("waymark: --scale, --page, --transparent, --view and --insights-page go "
                    "with --export\n"));
      *exit_status = 2;
    }
  else
    {
      /* Hand the files (and anything GApplication understands) to the editor. */
      GPtrArray *rest = g_ptr_array_new ();

      g_ptr_array_add (rest, g_strdup ((*argv)[0]));
      for (int i = 1; i < *argc; i++)
        g_ptr_array_add (rest, g_strdup ((*argv)[i]));
      for (guint i = 0; files != NULL && files[i] != NULL; i++)
        g_ptr_array_add (rest, g_strdup (files[i]));
      *argc = rest->len;
      g_ptr_array_add (rest, NULL);
      *argv = (char **) g_ptr_array_free (rest, FALSE);
      handled = FALSE;
    }

out:
  g_free (options.export_path);
  g_free (options.page);
  g_free (options.view);
  return handled;
}
