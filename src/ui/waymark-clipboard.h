/* waymark-clipboard.h — touchpoints on the clipboard, between windows and maps
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "waymark-document.h"

G_BEGIN_DECLS

/* A small XML fragment of touchpoints without their place or ids. */
#define WAYMARK_CLIPBOARD_MIME_TYPE "application/x-waymark-touchpoints+xml"

GBytes    *waymark_clipboard_serialize   (GPtrArray        *touchpoints);
/* Plain text for other applications: one title per line. */
char      *waymark_clipboard_to_text     (GPtrArray        *touchpoints);
/* New touchpoints (not in the document yet) with fresh ids of document, or
 * NULL with error set. */
GPtrArray *waymark_clipboard_deserialize (WaymarkDocument  *document,
                                          const char       *data,
                                          gsize             length,
                                          GError          **error);

G_END_DECLS
