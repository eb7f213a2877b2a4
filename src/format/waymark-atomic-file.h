/* waymark-atomic-file.h — replacing a file so that a failure loses nothing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes data to a temporary file beside the target, syncs it, and renames
 * it over the target (following a symbolic link to the file it names, and
 * keeping the old file's permissions). On any failure — no space, file too
 * large, read-only or full folder, target is a folder — the target is left
 * byte for byte as it was, no temporary file remains, and error says why in
 * GIO's terms (G_IO_ERROR). Never rewrites a file in place. */
gboolean waymark_atomic_file_replace (GFile         *file,
                                      const char    *data,
                                      gsize          length,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
