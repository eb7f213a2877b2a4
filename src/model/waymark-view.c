/* waymark-view.c — a named choice of what a map shows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-view.h"
#include "waymark-model-private.h"

enum {
  PROP_0,
  PROP_NAME,
  PROP_LANES,
  PROP_CURVES,
  PROP_COLOR_BY_OWNER,
  N_PROPS
};

struct _WaymarkView
{
  WaymarkElement  parent_instance;
  char           *name;
  char          **lanes;
  char          **curves;
  gboolean        color_by_owner;
};

G_DEFINE_FINAL_TYPE (WaymarkView, waymark_view, WAYMARK_TYPE_ELEMENT)

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
waymark_view_finalize (GObject *object)
{
  WaymarkView *self = WAYMARK_VIEW (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->lanes, g_strfreev);
  g_clear_pointer (&self->curves, g_strfreev);

  G_OBJECT_CLASS (waymark_view_parent_class)->finalize (object);
}

static void
waymark_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WaymarkView *self = WAYMARK_VIEW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LANES:
      g_value_set_boxed (value, self->lanes);
      break;
    case PROP_CURVES:
      g_value_set_boxed (value, self->curves);
      break;
    case PROP_COLOR_BY_OWNER:
      g_value_set_boolean (value, self->color_by_owner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WaymarkView *self = WAYMARK_VIEW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      _waymark_set_string (object, &self->name, value, pspec);
      break;
    case PROP_LANES:
      _waymark_set_strv (object, &self->lanes, value, pspec);
      break;
    case PROP_CURVES:
      _waymark_set_strv (object, &self->curves, value, pspec);
      break;
    case PROP_COLOR_BY_OWNER:
      if (self->color_by_owner != g_value_get_boolean (value))
        {
          self->color_by_owner = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_view_class_init (WaymarkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = waymark_view_finalize;
  object_class->get_property = waymark_view_get_property;
  object_class->set_property = waymark_view_set_property;

  WAYMARK_ELEMENT_CLASS (klass)->id_prefix = "vw";

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_LANES] = g_param_spec_boxed ("lanes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CURVES] = g_param_spec_boxed ("curves", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_COLOR_BY_OWNER] = g_param_spec_boolean ("color-by-owner", NULL, NULL,
                                                          FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_view_init (WaymarkView *self)
{
  self->name = g_strdup ("");
}

WaymarkView *
waymark_view_new (const char *id,
                  const char *name)
{
  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);

  return g_object_new (WAYMARK_TYPE_VIEW,
                       "id", id,
                       "name", name,
                       NULL);
}

const char *
waymark_view_get_name (WaymarkView *self)
{
  g_return_val_if_fail (WAYMARK_IS_VIEW (self), NULL);

  return self->name;
}

const char * const *
waymark_view_get_lanes (WaymarkView *self)
{
  g_return_val_if_fail (WAYMARK_IS_VIEW (self), NULL);

  return self->lanes != NULL ? (const char * const *) self->lanes : empty_strv;
}

const char * const *
waymark_view_get_curves (WaymarkView *self)
{
  g_return_val_if_fail (WAYMARK_IS_VIEW (self), NULL);

  return self->curves != NULL ? (const char * const *) self->curves : empty_strv;
}

gboolean
waymark_view_get_color_by_owner (WaymarkView *self)
{
  g_return_val_if_fail (WAYMARK_IS_VIEW (self), FALSE);

  return self->color_by_owner;
}

gboolean
waymark_view_shows_lane (WaymarkView *self,
                         WaymarkLane *lane)
{
  g_return_val_if_fail (WAYMARK_IS_VIEW (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_LANE (lane), FALSE);

  return self->lanes != NULL &&
         g_strv_contains ((const char * const *) self->lanes,
                          waymark_element_get_id (WAYMARK_ELEMENT (lane)));
}

gboolean
waymark_view_shows_curve (WaymarkView  *self,
                          WaymarkCurve *curve)
{
  g_return_val_if_fail (WAYMARK_IS_VIEW (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_CURVE (curve), FALSE);

  return self->curves != NULL &&
         g_strv_contains ((const char * const *) self->curves,
                          waymark_element_get_id (WAYMARK_ELEMENT (curve)));
}
