/* waymark-metric.h — a KPI measured at a touchpoint (immutable, refcounted)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _WaymarkMetric WaymarkMetric;

#define WAYMARK_TYPE_METRIC (waymark_metric_get_type ())
GType          waymark_metric_get_type         (void) G_GNUC_CONST;

/* target may be NAN for "no target". */
WaymarkMetric *waymark_metric_new              (const char          *name,
                                                double               value,
                                                double               target,
                                                const char          *unit,
                                                gboolean             higher_is_better);
WaymarkMetric *waymark_metric_ref              (WaymarkMetric       *self);
void           waymark_metric_unref            (WaymarkMetric       *self);
const char    *waymark_metric_get_name         (const WaymarkMetric *self);
double         waymark_metric_get_value        (const WaymarkMetric *self);
gboolean       waymark_metric_has_target       (const WaymarkMetric *self);
double         waymark_metric_get_target       (const WaymarkMetric *self);
const char    *waymark_metric_get_unit         (const WaymarkMetric *self);
gboolean       waymark_metric_higher_is_better (const WaymarkMetric *self);
/* FALSE when there is no target. */
gboolean       waymark_metric_is_on_target     (const WaymarkMetric *self);
gboolean       waymark_metric_equal            (const WaymarkMetric *a,
                                                const WaymarkMetric *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkMetric, waymark_metric_unref)

G_END_DECLS
