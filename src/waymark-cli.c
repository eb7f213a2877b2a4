/* waymark-cli.c — the command line that needs no display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "waymark-cli.h"
#include "waymark-format.h"
#include "waymark-export.h"

typedef struct
{
  gboolean   version;
  gboolean   check;
  char      *export_path;
  double     scale;
  char      *page;
  gboolean   transparent;
} Options;

/* A path as a person typed it: keep it as given so messages match. */
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
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(WaymarkDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      int line = 0;
      int column = 0;

      document = waymark_format_read_file (file, NULL, &line, &column, &error);
      if (document != NULL)
        {
          g_print (_("%s: ok\n"), files[i]);
          continue;
        }

      status = 1;
      if (line > 0)
        g_printerr ("%s:%d:%d: %s\n", files[i], line, column, error->message);
      else
        g_printerr ("%s: %s\n", files[i], error->message);
    }

  return status;
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
      if (line > 0)
        g_printerr ("%s:%d:%d: %s\n", files[0], line, column, error->message);
      else
        g_printerr ("%s: %s\n", files[0], error->message);
      return 1;
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
      N_("Check that each FILE is a valid map, print “FILE: ok” or where it is damaged"), NULL },
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options.export_path,
      N_("Export the map to OUT: PNG, PDF or SVG, from its extension"), N_("OUT") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale,
      N_("PNG export: pixels per point, from 1 to 4 (default 2)"), N_("N") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &options.page,
      N_("PDF export: page size, one of fit, slide, a4, letter (default fit)"), N_("SIZE") },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &options.transparent,
      N_("PNG export: leave the background transparent"), NULL },
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
                                      "  waymark --export=board.pdf --page=slide hotel-stay.cjmx\n"
                                      "  waymark --export=wall.png --scale=3 hotel-stay.cjmx\n"));
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
  else if (options.check)
    *exit_status = check_files (files);
  else if (options.export_path != NULL)
    *exit_status = export_file (&options, files);
  else if (options.scale != 0.0 || options.page != NULL || options.transparent)
    {
      g_printerr (_("waymark: --scale, --page and --transparent go with --export\n"));
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
  return handled;
}
