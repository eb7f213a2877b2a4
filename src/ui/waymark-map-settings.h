/* waymark-map-settings.h — the map's emotion scale and its list of owners
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_MAP_SETTINGS (waymark_map_settings_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkMapSettings, waymark_map_settings, WAYMARK, MAP_SETTINGS,
                      AdwPreferencesWindow)

/* Opens the settings window of document (emotion scale, owners), transient
 * for parent, or brings the one already open for this document to the front. */
void waymark_map_settings_present (GtkWindow       *parent,
                                   WaymarkDocument *document);

G_END_DECLS
