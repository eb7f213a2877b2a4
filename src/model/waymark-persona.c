/* waymark-persona.c — a customer segment whose journey the map follows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-persona.h"
#include "waymark-model-private.h"

enum {
  PROP_0,
  PROP_NAME,
  PROP_ROLE,
  PROP_GOALS,
  PROP_FRUSTRATIONS,
  PROP_QUOTE,
  PROP_COLOR,
  N_PROPS
};

struct _WaymarkPersona
{
  WaymarkElement  parent_instance;
  /* Indexed by property id; every persona property is a string. */
  char           *strings[N_PROPS];
};

G_DEFINE_FINAL_TYPE (WaymarkPersona, waymark_persona, WAYMARK_TYPE_ELEMENT)

static GParamSpec *properties[N_PROPS];

static void
waymark_persona_finalize (GObject *object)
{
  WaymarkPersona *self = WAYMARK_PERSONA (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_clear_pointer (&self->strings[i], g_free);

  G_OBJECT_CLASS (waymark_persona_parent_class)->finalize (object);
}

static void
waymark_persona_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WaymarkPersona *self = WAYMARK_PERSONA (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
waymark_persona_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WaymarkPersona *self = WAYMARK_PERSONA (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    _waymark_set_string (object, &self->strings[prop_id], value, pspec);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
waymark_persona_class_init (WaymarkPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_PROPS] = {
    NULL, "name", "role", "goals", "frustrations", "quote", "color"
  };

  object_class->finalize = waymark_persona_finalize;
  object_class->get_property = waymark_persona_get_property;
  object_class->set_property = waymark_persona_set_property;

  WAYMARK_ELEMENT_CLASS (klass)->id_prefix = "pe";

  for (guint i = PROP_NAME; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, "",
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_persona_init (WaymarkPersona *self)
{
  for (guint i = PROP_NAME; i < N_PROPS; i++)
    self->strings[i] = g_strdup ("");
}

WaymarkPersona *
waymark_persona_new (const char *id,
                     const char *name)
{
  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);

  return g_object_new (WAYMARK_TYPE_PERSONA,
                       "id", id,
                       "name", name,
                       NULL);
}

#define GETTER(func, prop)                                    \
  const char *                                                \
  func (WaymarkPersona *self)                                 \
  {                                                           \
    g_return_val_if_fail (WAYMARK_IS_PERSONA (self), NULL);   \
    return self->strings[prop];                               \
  }

GETTER (waymark_persona_get_name, PROP_NAME)
GETTER (waymark_persona_get_role, PROP_ROLE)
GETTER (waymark_persona_get_goals, PROP_GOALS)
GETTER (waymark_persona_get_frustrations, PROP_FRUSTRATIONS)
GETTER (waymark_persona_get_quote, PROP_QUOTE)
GETTER (waymark_persona_get_color, PROP_COLOR)
