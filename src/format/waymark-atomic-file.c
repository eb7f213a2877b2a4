/* waymark-atomic-file.c — replacing a file so that a failure loses nothing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_file_replace_contents() is not enough: when a write fails half-way
 * (ENOSPC, EFBIG) GLib 2.74 still renames the partial temporary file over
 * the target, and when it cannot create a temporary file it truncates and
 * rewrites the target in place. g_file_set_contents_full() checks every
 * write and sync, removes its temporary file on failure, and has no
 * in-place fallback, so local files go through it.
 */
#define G_LOG_DOMAIN "waymark-format"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "waymark-atomic-file.h"

/* The file a path finally names, so that saving through a symbolic link
 * replaces the file it points to and keeps the link. */
static char *
resolve_path (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *result;

  if (resolved == NULL)
    return g_strdup (path);

  result = g_strdup (resolved);
  free (resolved);
  return result;
}

gboolean
waymark_atomic_file_replace (GFile         *file,
                             const char    *data,
                             gsize          length,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  int mode = 0666;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* Remote (GVfs) locations: their backends replace on the server side. */
      return g_file_replace_contents (file, data, length, NULL, FALSE,
                                      G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                      cancellable, error);
    }

  target = resolve_path (path);

  if (g_stat (target, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                               _("A folder is in the way: the target is a folder, not a file"));
          return FALSE;
        }
      if (!S_ISREG (st.st_mode))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                               _("The target is not a regular file"));
          return FALSE;
        }
      mode = st.st_mode & 07777;
    }

  /* A caller may have cancelled while we looked; nothing is written yet. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!g_file_set_contents_full (target, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 mode, &local_error))
    {
      const char *reason = NULL;

      if (local_error->domain != G_FILE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* GLib's message names the temporary file, which means nothing to
       * the person saving; say what happened instead. */
      switch (local_error->code)
        {
        case G_FILE_ERROR_NOSPC:
          reason = _("There is not enough free space on the disk");
          break;
        case G_FILE_ERROR_ACCES:
        case G_FILE_ERROR_PERM:
          reason = _("You are not allowed to write in that folder");
          break;
        case G_FILE_ERROR_ROFS:
          reason = _("The disk or folder is read-only");
          break;
        case G_FILE_ERROR_NOENT:
        case G_FILE_ERROR_NOTDIR:
          reason = _("The folder does not exist");
          break;
        case G_FILE_ERROR_ISDIR:
          reason = _("A folder is in the way: the target is a folder, not a file");
          break;
        default:
          break;
        }

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                           reason != NULL ? reason : local_error->message);
      return FALSE;
    }

  return TRUE;
}
