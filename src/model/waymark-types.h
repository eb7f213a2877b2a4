/* waymark-types.h — enumerations shared by the model
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The default emotion scale: -2 (very negative) to +2 (very positive), zero
 * is neutral. Each map has its own scale (waymark_document_get_emotion_min()
 * and _max()); code that draws or clamps values must use the map's scale.
 * These are only the scale of a new map and of format version 1. */
#define WAYMARK_EMOTION_MIN (-2.0)
#define WAYMARK_EMOTION_MAX (2.0)

/* Limits of a map's emotion scale: integer bounds within
 * ±WAYMARK_EMOTION_SCALE_LIMIT, max - min from 1 to
 * WAYMARK_EMOTION_MAX_STEPS (so at most STEPS + 1 named levels). */
#define WAYMARK_EMOTION_SCALE_LIMIT 100
#define WAYMARK_EMOTION_MAX_STEPS   20

/* How many personas' curves a map shows at once. */
#define WAYMARK_MAX_VISIBLE_PERSONAS 5

typedef enum {
  WAYMARK_LANE_CARDS,
  WAYMARK_LANE_TEXT,
  WAYMARK_LANE_EMOTION,
  WAYMARK_LANE_PAIN_POINTS,
  WAYMARK_LANE_OPPORTUNITIES,
  WAYMARK_LANE_BACKSTAGE,
  WAYMARK_LANE_METRICS,      /* format version 2: the cards' KPIs as chips */
} WaymarkLaneKind;

#define WAYMARK_TYPE_LANE_KIND (waymark_lane_kind_get_type ())
GType       waymark_lane_kind_get_type    (void) G_GNUC_CONST;
/* "cards", "text", "emotion", "pain-points", "opportunities", "backstage",
 * "metrics" */
const char *waymark_lane_kind_to_string   (WaymarkLaneKind  kind);
gboolean    waymark_lane_kind_from_string (const char      *str,
                                           WaymarkLaneKind *kind);

typedef enum {
  WAYMARK_CURVE_CURRENT,
  WAYMARK_CURVE_FUTURE,
} WaymarkCurveState;

#define WAYMARK_TYPE_CURVE_STATE (waymark_curve_state_get_type ())
GType       waymark_curve_state_get_type    (void) G_GNUC_CONST;
/* "current", "future" */
const char *waymark_curve_state_to_string   (WaymarkCurveState  state);
gboolean    waymark_curve_state_from_string (const char        *str,
                                             WaymarkCurveState *state);

/* What a WaymarkDocument::changed emission is about. */
typedef enum {
  WAYMARK_CHANGE_INSERTED,   /* element added to the document */
  WAYMARK_CHANGE_REMOVED,    /* element removed from the document */
  WAYMARK_CHANGE_PROPERTY,   /* a property of element changed; detail names it */
  WAYMARK_CHANGE_MOVED,      /* stage/lane reordered, touchpoint moved to another place */
  WAYMARK_CHANGE_CURVE,      /* a curve's value or note changed; detail is the stage id */
} WaymarkChangeKind;

#define WAYMARK_TYPE_CHANGE_KIND (waymark_change_kind_get_type ())
GType waymark_change_kind_get_type (void) G_GNUC_CONST;

G_END_DECLS
