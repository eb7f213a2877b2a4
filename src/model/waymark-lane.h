/* waymark-lane.h — a row of the journey
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-element.h"
#include "waymark-types.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_LANE (waymark_lane_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkLane, waymark_lane, WAYMARK, LANE, WaymarkElement)

/* Properties: "name", "description" (strings), "kind" (WaymarkLaneKind),
 * "hidden" (boolean: not drawn at all), "collapsed" (boolean: drawn as a
 * thin row with only its label). */
WaymarkLane     *waymark_lane_new             (const char      *id,
                                               const char      *name,
                                               WaymarkLaneKind  kind);
const char      *waymark_lane_get_name        (WaymarkLane     *self);
const char      *waymark_lane_get_description (WaymarkLane     *self);
WaymarkLaneKind  waymark_lane_get_kind        (WaymarkLane     *self);
gboolean         waymark_lane_get_hidden      (WaymarkLane     *self);
gboolean         waymark_lane_get_collapsed   (WaymarkLane     *self);

G_END_DECLS
