/* waymark-touchpoint.h — a card: one moment where the persona meets the company
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-element.h"
#include "waymark-stage.h"
#include "waymark-lane.h"
#include "waymark-metric.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_TOUCHPOINT (waymark_touchpoint_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkTouchpoint, waymark_touchpoint, WAYMARK, TOUCHPOINT, WaymarkElement)

/* Properties, all editable with waymark_document_set_property():
 *   "title", "description", "channel", "owner", "color" (string, "" = none;
 *   colour is "#rrggbb"),
 *   "has-emotion" (boolean), "emotion" (double, on the WAYMARK_EMOTION scale),
 *   "pain-points", "opportunities" (GStrv, NULL = empty),
 *   "metrics" (GPtrArray of WaymarkMetric*, NULL = empty),
 *   "moment-of-truth" (boolean: flagged by hand as a moment of truth),
 *   "links" (GStrv of the IDs of the touchpoints this one is linked to,
 *   typically a backstage step to the customer touchpoints it serves; NULL =
 *   none). Links have no direction; a link is stored once, on the card it
 *   was made from. Use waymark_document_link() / _unlink() /
 *   _get_linked() rather than this property.
 * "stage" and "lane" are read-only; use waymark_document_move_touchpoint(). */
WaymarkTouchpoint   *waymark_touchpoint_new               (const char        *id,
                                                           const char        *title);
const char          *waymark_touchpoint_get_title         (WaymarkTouchpoint *self);
const char          *waymark_touchpoint_get_description   (WaymarkTouchpoint *self);
const char          *waymark_touchpoint_get_channel       (WaymarkTouchpoint *self);
const char          *waymark_touchpoint_get_owner         (WaymarkTouchpoint *self);
const char          *waymark_touchpoint_get_color         (WaymarkTouchpoint *self);
gboolean             waymark_touchpoint_has_emotion       (WaymarkTouchpoint *self);
double               waymark_touchpoint_get_emotion       (WaymarkTouchpoint *self);
const char * const  *waymark_touchpoint_get_pain_points   (WaymarkTouchpoint *self);
const char * const  *waymark_touchpoint_get_opportunities (WaymarkTouchpoint *self);
/* Never NULL; may be empty. Do not modify. */
GPtrArray           *waymark_touchpoint_get_metrics       (WaymarkTouchpoint *self);
gboolean             waymark_touchpoint_get_moment_of_truth (WaymarkTouchpoint *self);
const char * const  *waymark_touchpoint_get_links         (WaymarkTouchpoint *self);
WaymarkStage        *waymark_touchpoint_get_stage         (WaymarkTouchpoint *self);
WaymarkLane         *waymark_touchpoint_get_lane          (WaymarkTouchpoint *self);

G_END_DECLS
