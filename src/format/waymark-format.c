/* waymark-format.c — opening and saving .cjmx files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-format"

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-format.h"
#include "waymark-atomic-file.h"

G_DEFINE_QUARK (waymark-format-error-quark, waymark_format_error)

WaymarkDocument *
waymark_format_read_file (GFile         *file,
                          GCancellable  *cancellable,
                          int           *line,
                          int           *column,
                          GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (line != NULL)
    *line = 0;
  if (column != NULL)
    *column = 0;

  name = g_file_get_parse_name (file);

  /* Checked before reading so that a huge file is refused, not loaded. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > (goffset) WAYMARK_FORMAT_MAX_FILE_SIZE)
    {
      g_set_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_LIMIT,
                   _("“%s” is larger than %u MiB, the most Waymark reads."),
                   name, WAYMARK_FORMAT_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (info == NULL
      || !g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not open “%s”: %s"), name, local_error->message);
      return NULL;
    }

  return waymark_format_read (contents, length, line, column, error);
}

gboolean
waymark_format_save_file (WaymarkDocument  *document,
                          GFile            *file,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = waymark_format_write (document);
  data = g_bytes_get_data (bytes, &size);

  if (!waymark_atomic_file_replace (file, data, size, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}
