/* waymark-view.h — a named choice of what a map shows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view remembers which lanes and which curves are visible, and whether
 * cards are coloured by owner, under a name such as "Exec summary".
 * Applying a view (waymark_document_apply_view()) sets the lanes' "hidden",
 * the curves' "visible" and the map's "color-by-owner" in one undo step.
 * Exporting a view draws the map as the view shows it without changing the
 * map (see WaymarkExportOptions.view and waymark_layout_set_view()).
 *
 * Stages are always all shown. Lanes and curves added after the view was
 * saved are not in it, so they are hidden when it is applied.
 */
#pragma once

#include "waymark-element.h"
#include "waymark-lane.h"
#include "waymark-curve.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_VIEW (waymark_view_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkView, waymark_view, WAYMARK, VIEW, WaymarkElement)

/* Properties: "name" (string), "lanes", "curves" (GStrv of the IDs of the
 * visible lanes and curves, in any order; NULL = none), "color-by-owner"
 * (boolean). The document removes the ID of a removed lane or curve from
 * every view in the same undo step. */
WaymarkView        *waymark_view_new                (const char  *id,
                                                     const char  *name);
const char         *waymark_view_get_name           (WaymarkView *self);
const char * const *waymark_view_get_lanes          (WaymarkView *self);
const char * const *waymark_view_get_curves         (WaymarkView *self);
gboolean            waymark_view_get_color_by_owner (WaymarkView *self);
gboolean            waymark_view_shows_lane         (WaymarkView *self,
                                                     WaymarkLane *lane);
gboolean            waymark_view_shows_curve        (WaymarkView *self,
                                                     WaymarkCurve *curve);

G_END_DECLS
