/* waymark-metric.c — a KPI measured at a touchpoint
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include <math.h>

#include "waymark-metric.h"

/* Immutable once created, so sharing by reference between the document and
 * the undo history is safe. */
struct _WaymarkMetric
{
  gatomicrefcount  ref_count;
  char            *name;
  char            *unit;
  double           value;
  double           target;
  gboolean         higher_is_better;
};

G_DEFINE_BOXED_TYPE (WaymarkMetric, waymark_metric, waymark_metric_ref, waymark_metric_unref)

WaymarkMetric *
waymark_metric_new (const char *name,
                    double      value,
                    double      target,
                    const char *unit,
                    gboolean    higher_is_better)
{
  WaymarkMetric *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (isfinite (value), NULL);

  self = g_new0 (WaymarkMetric, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->unit = g_strdup (unit != NULL ? unit : "");
  self->value = value;
  self->target = isfinite (target) ? target : NAN;
  self->higher_is_better = !!higher_is_better;

  return self;
}

WaymarkMetric *
waymark_metric_ref (WaymarkMetric *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
waymark_metric_unref (WaymarkMetric *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->name);
      g_free (self->unit);
      g_free (self);
    }
}

const char *
waymark_metric_get_name (const WaymarkMetric *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

double
waymark_metric_get_value (const WaymarkMetric *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->value;
}

gboolean
waymark_metric_has_target (const WaymarkMetric *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return !isnan (self->target);
}

double
waymark_metric_get_target (const WaymarkMetric *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->target;
}

const char *
waymark_metric_get_unit (const WaymarkMetric *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit;
}

gboolean
waymark_metric_higher_is_better (const WaymarkMetric *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->higher_is_better;
}

gboolean
waymark_metric_is_on_target (const WaymarkMetric *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (isnan (self->target))
    return FALSE;

  return self->higher_is_better ? self->value >= self->target
                                : self->value <= self->target;
}

gboolean
waymark_metric_equal (const WaymarkMetric *a,
                      const WaymarkMetric *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_str_equal (a->name, b->name) &&
         g_str_equal (a->unit, b->unit) &&
         a->value == b->value &&
         ((isnan (a->target) && isnan (b->target)) || a->target == b->target) &&
         a->higher_is_better == b->higher_is_better;
}
