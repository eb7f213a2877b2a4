/* waymark-insights.h — what a map says at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The findings a facilitator looks for in a map, computed from the model:
 * the insights panel lists them and the PDF export can add them as a
 * summary page. Each insight points at the element that selecting it
 * selects on the canvas.
 */
#pragma once

#include "waymark-document.h"

G_BEGIN_DECLS

typedef enum {
  /* A curve's lowest point (element = curve, stage, persona = the curve's
   * persona or NULL), or a touchpoint flagged by hand (element = touchpoint,
   * stage). */
  WAYMARK_INSIGHT_MOMENT_OF_TRUTH,
  /* A stage's pain points: element = stage, count = how many across its
   * touchpoints; only stages with at least one. */
  WAYMARK_INSIGHT_PAIN_POINTS,
  /* A touchpoint with an empty owner: element = touchpoint, stage, lane. */
  WAYMARK_INSIGHT_NO_OWNER,
  /* A metric with a target it misses: element = the touchpoint or stage
   * holding it, stage, metric. */
  WAYMARK_INSIGHT_OFF_TARGET,
  /* A stage with no touchpoint in a cards or backstage lane that is shown:
   * element = stage, stage, lane. */
  WAYMARK_INSIGHT_EMPTY_CELL,
} WaymarkInsightKind;

typedef struct {
  WaymarkInsightKind  kind;
  WaymarkElement     *element;   /* what to select; not NULL */
  WaymarkStage       *stage;     /* or NULL */
  WaymarkLane        *lane;      /* or NULL */
  WaymarkPersona     *persona;   /* or NULL */
  WaymarkMetric      *metric;    /* or NULL */
  guint               count;
  char               *text;      /* one translated sentence, e.g. "Maya is
                                  * lowest at “Check in” (−1.8, Unhappy)" */
} WaymarkInsight;

/* All insights, grouped by kind in the order of the enum, then in map
 * order. Each holds references to its elements. Free with
 * g_ptr_array_unref. */
GPtrArray  *waymark_insights_collect          (WaymarkDocument    *document);
/* A translated heading for a kind, e.g. "Moments of truth". */
const char *waymark_insight_kind_get_title    (WaymarkInsightKind  kind);

G_END_DECLS
