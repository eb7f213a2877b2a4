/* waymark-insights-panel.h — the sidebar page listing what the map says
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_INSIGHTS_PANEL (waymark_insights_panel_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkInsightsPanel, waymark_insights_panel, WAYMARK, INSIGHTS_PANEL, GtkWidget)

/* Lists waymark_insights_collect() grouped by kind, and follows the
 * document's changes (once per main-loop turn, and only while shown).
 *
 * Signal "insight-activated" (WaymarkElement *element, WaymarkStage *stage
 * or NULL): a row was activated; element is what to select (a curve with
 * stage means the curve's point at that stage). */
GtkWidget *waymark_insights_panel_new          (void);
void       waymark_insights_panel_set_document (WaymarkInsightsPanel *self,
                                                WaymarkDocument      *document);
/* How many insights the panel lists now (brings it up to date first). */
guint      waymark_insights_panel_get_n_items  (WaymarkInsightsPanel *self);

G_END_DECLS
