/* waymark-lane.c — a row of the journey
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-lane.h"
#include "waymark-model-private.h"

struct _WaymarkLane
{
  WaymarkElement   parent_instance;
  char            *name;
  char            *description;
  WaymarkLaneKind  kind;
  gboolean         hidden;
  gboolean         collapsed;
};

G_DEFINE_FINAL_TYPE (WaymarkLane, waymark_lane, WAYMARK_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_KIND,
  PROP_HIDDEN,
  PROP_COLLAPSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
waymark_lane_finalize (GObject *object)
{
  WaymarkLane *self = WAYMARK_LANE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (waymark_lane_parent_class)->finalize (object);
}

static void
waymark_lane_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WaymarkLane *self = WAYMARK_LANE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;
    case PROP_COLLAPSED:
      g_value_set_boolean (value, self->collapsed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_lane_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WaymarkLane *self = WAYMARK_LANE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      _waymark_set_string (object, &self->name, value, pspec);
      break;
    case PROP_DESCRIPTION:
      _waymark_set_string (object, &self->description, value, pspec);
      break;
    case PROP_KIND:
      if (self->kind != (WaymarkLaneKind) g_value_get_enum (value))
        {
          self->kind = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_HIDDEN:
      if (self->hidden != g_value_get_boolean (value))
        {
          self->hidden = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_COLLAPSED:
      if (self->collapsed != g_value_get_boolean (value))
        {
          self->collapsed = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_lane_class_init (WaymarkLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = waymark_lane_finalize;
  object_class->get_property = waymark_lane_get_property;
  object_class->set_property = waymark_lane_set_property;

  WAYMARK_ELEMENT_CLASS (klass)->id_prefix = "ln";

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       WAYMARK_TYPE_LANE_KIND, WAYMARK_LANE_CARDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDDEN] =
    g_param_spec_boolean ("hidden", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLLAPSED] =
    g_param_spec_boolean ("collapsed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_lane_init (WaymarkLane *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->kind = WAYMARK_LANE_CARDS;
}

WaymarkLane *
waymark_lane_new (const char      *id,
                  const char      *name,
                  WaymarkLaneKind  kind)
{
  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);

  return g_object_new (WAYMARK_TYPE_LANE,
                       "id", id,
                       "name", name,
                       "kind", kind,
                       NULL);
}

const char *
waymark_lane_get_name (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), NULL);
  return self->name;
}

const char *
waymark_lane_get_description (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), NULL);
  return self->description;
}

WaymarkLaneKind
waymark_lane_get_kind (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), WAYMARK_LANE_CARDS);
  return self->kind;
}

gboolean
waymark_lane_get_hidden (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), FALSE);
  return self->hidden;
}

gboolean
waymark_lane_get_collapsed (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), FALSE);
  return self->collapsed;
}
