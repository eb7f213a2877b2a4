/* waymark-stage.c — a column of the journey
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-stage.h"
#include "waymark-model-private.h"

struct _WaymarkStage
{
  WaymarkElement  parent_instance;
  char           *name;
  char           *description;
  double          width;
  GPtrArray      *metrics;
};

G_DEFINE_FINAL_TYPE (WaymarkStage, waymark_stage, WAYMARK_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_WIDTH,
  PROP_METRICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
waymark_stage_finalize (GObject *object)
{
  WaymarkStage *self = WAYMARK_STAGE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->metrics, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_stage_parent_class)->finalize (object);
}

static void
waymark_stage_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WaymarkStage *self = WAYMARK_STAGE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_WIDTH:
      g_value_set_double (value, self->width);
      break;
    case PROP_METRICS:
      g_value_set_boxed (value, self->metrics);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_stage_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WaymarkStage *self = WAYMARK_STAGE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      _waymark_set_string (object, &self->name, value, pspec);
      break;
    case PROP_DESCRIPTION:
      _waymark_set_string (object, &self->description, value, pspec);
      break;
    case PROP_WIDTH:
      if (self->width != g_value_get_double (value))
        {
          self->width = g_value_get_double (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_METRICS:
      _waymark_set_metrics (object, &self->metrics, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_stage_class_init (WaymarkStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = waymark_stage_finalize;
  object_class->get_property = waymark_stage_get_property;
  object_class->set_property = waymark_stage_set_property;

  WAYMARK_ELEMENT_CLASS (klass)->id_prefix = "st";

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", NULL, NULL,
                         WAYMARK_STAGE_MIN_WIDTH, WAYMARK_STAGE_MAX_WIDTH,
                         WAYMARK_STAGE_DEFAULT_WIDTH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METRICS] =
    g_param_spec_boxed ("metrics", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_stage_init (WaymarkStage *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->width = WAYMARK_STAGE_DEFAULT_WIDTH;
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
}

WaymarkStage *
waymark_stage_new (const char *id,
                   const char *name)
{
  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);

  return g_object_new (WAYMARK_TYPE_STAGE,
                       "id", id,
                       "name", name,
                       NULL);
}

const char *
waymark_stage_get_name (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  return self->name;
}

const char *
waymark_stage_get_description (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  return self->description;
}

double
waymark_stage_get_width (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), 0.0);
  return self->width;
}

GPtrArray *
waymark_stage_get_metrics (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  return self->metrics;
}
