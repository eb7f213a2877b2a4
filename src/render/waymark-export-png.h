/* waymark-export-png.h — a map as PNG, drawn in bands and compressed in parallel
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "waymark-export.h"
#include "waymark-layout.h"

G_BEGIN_DECLS

/* The whole layout at scale into a width × height pixel PNG; show_notes
 * as for WaymarkRenderOptions. */
GBytes *_waymark_export_png (WaymarkLayout  *layout,
                             int             width,
                             int             height,
                             double          scale,
                             gboolean        transparent,
                             gboolean        show_notes,
                             GCancellable   *cancellable,
                             GError        **error);

G_END_DECLS
