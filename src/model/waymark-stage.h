/* waymark-stage.h — a column of the journey
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-element.h"
#include "waymark-metric.h"

G_BEGIN_DECLS

/* Width of a new stage, in layout units (1 unit = 1 px at 100% zoom). */
#define WAYMARK_STAGE_DEFAULT_WIDTH 240.0
#define WAYMARK_STAGE_MIN_WIDTH     80.0
#define WAYMARK_STAGE_MAX_WIDTH     2000.0

#define WAYMARK_TYPE_STAGE (waymark_stage_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkStage, waymark_stage, WAYMARK, STAGE, WaymarkElement)

/* Properties: "name", "description" (strings), "width" (double),
 * "metrics" (GPtrArray of WaymarkMetric*, NULL = empty: the stage's KPIs,
 * shown in the stage summary row). */
WaymarkStage *waymark_stage_new             (const char   *id,
                                             const char   *name);
const char   *waymark_stage_get_name        (WaymarkStage *self);
const char   *waymark_stage_get_description (WaymarkStage *self);
double        waymark_stage_get_width       (WaymarkStage *self);
/* Never NULL; may be empty. Do not modify. */
GPtrArray    *waymark_stage_get_metrics     (WaymarkStage *self);

G_END_DECLS
