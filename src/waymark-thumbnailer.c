/* waymark-thumbnailer.c — PNG thumbnails of .cjmx files for file managers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on every map a user browses, with no display: it draws with the
 * same renderer as the canvas and the exports, and on a damaged file it
 * gives up quietly (exit status 1, one line on stderr) so the file manager
 * falls back to the MIME icon.
 */
#define G_LOG_DOMAIN "waymark-thumbnailer"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gi18n.h>
#include <cairo.h>

#include "waymark-atomic-file.h"
#include "waymark-format.h"
#include "waymark-layout.h"
#include "waymark-renderer.h"

/* Thumbnails of very wide maps show their beginning: a 60-stage sliver would
 * be unreadable, while the first stages say what the map is. */
#define MAX_ASPECT 2.0

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_thumbnail (WaymarkDocument  *document,
                 int               size,
                 GFile            *output,
                 GError          **error)
{
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  WaymarkRenderOptions options;
  WaymarkRect region;
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale;
  int width;
  int height;

  region.x = 0;
  region.y = 0;
  region.width = waymark_layout_get_width (layout);
  region.height = waymark_layout_get_height (layout);
  if (region.width <= 0 || region.height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The map has nothing to draw"));
      return FALSE;
    }
  region.width = MIN (region.width, region.height * MAX_ASPECT);
  region.height = MIN (region.height, region.width * MAX_ASPECT);

  scale = size / MAX (region.width, region.height);
  width = MAX (1, (int) ceil (region.width * scale));
  height = MAX (1, (int) ceil (region.height * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -region.x, -region.y);
  cairo_rectangle (cr, region.x, region.y, region.width, region.height);
  cairo_clip (cr);

  waymark_render_options_init (&options);
  waymark_renderer_draw (layout, cr, &region, &options);

  cairo_destroy (cr);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_write_to_png_stream (surface, append_to_array, png) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the thumbnail: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_surface_destroy (surface);

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));
  return waymark_atomic_file_replace (output,
                                      g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      NULL, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_auto(GStrv) files = NULL;
  int size = 256;
  int line = 0;
  int column = 0;
  const GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_INT, &size,
      N_("Largest side of the thumbnail, in pixels (default 256)"), N_("SIZE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("INPUT OUTPUT") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Draw a thumbnail of a customer journey map."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("waymark-thumbnailer: %s\n", error->message);
      return 2;
    }
  if (files == NULL || g_strv_length (files) != 2 || size < 1 || size > 4096)
    {
      g_printerr (_("Usage: waymark-thumbnailer [--size=SIZE] INPUT OUTPUT\n"));
      return 2;
    }

  input = g_file_new_for_commandline_arg (files[0]);
  output = g_file_new_for_commandline_arg (files[1]);

  document = waymark_format_read_file (input, NULL, &line, &column, &error);
  if (document == NULL)
    {
      g_printerr ("waymark-thumbnailer: %s:%d:%d: %s\n", files[0], line, column, error->message);
      return 1;
    }

  if (!write_thumbnail (document, size, output, &error))
    {
      g_printerr ("waymark-thumbnailer: %s\n", error->message);
      return 1;
    }

  return 0;
}
