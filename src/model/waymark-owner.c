/* waymark-owner.c — a department or team that owns touchpoints
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-owner.h"
#include "waymark-model-private.h"

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  N_PROPS
};

struct _WaymarkOwner
{
  WaymarkElement  parent_instance;
  char           *strings[N_PROPS];   /* indexed by property id */
};

G_DEFINE_FINAL_TYPE (WaymarkOwner, waymark_owner, WAYMARK_TYPE_ELEMENT)

static GParamSpec *properties[N_PROPS];

static void
waymark_owner_finalize (GObject *object)
{
  WaymarkOwner *self = WAYMARK_OWNER (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_clear_pointer (&self->strings[i], g_free);

  G_OBJECT_CLASS (waymark_owner_parent_class)->finalize (object);
}

static void
waymark_owner_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WaymarkOwner *self = WAYMARK_OWNER (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
waymark_owner_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WaymarkOwner *self = WAYMARK_OWNER (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    _waymark_set_string (object, &self->strings[prop_id], value, pspec);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
waymark_owner_class_init (WaymarkOwnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_PROPS] = { NULL, "name", "color" };

  object_class->finalize = waymark_owner_finalize;
  object_class->get_property = waymark_owner_get_property;
  object_class->set_property = waymark_owner_set_property;

  WAYMARK_ELEMENT_CLASS (klass)->id_prefix = "ow";

  for (guint i = PROP_NAME; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, "",
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_owner_init (WaymarkOwner *self)
{
  for (guint i = PROP_NAME; i < N_PROPS; i++)
    self->strings[i] = g_strdup ("");
}

WaymarkOwner *
waymark_owner_new (const char *id,
                   const char *name,
                   const char *color)
{
  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);

  return g_object_new (WAYMARK_TYPE_OWNER,
                       "id", id,
                       "name", name,
                       "color", color,
                       NULL);
}

const char *
waymark_owner_get_name (WaymarkOwner *self)
{
  g_return_val_if_fail (WAYMARK_IS_OWNER (self), NULL);

  return self->strings[PROP_NAME];
}

const char *
waymark_owner_get_color (WaymarkOwner *self)
{
  g_return_val_if_fail (WAYMARK_IS_OWNER (self), NULL);

  return self->strings[PROP_COLOR];
}
