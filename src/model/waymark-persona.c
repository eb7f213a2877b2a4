/* waymark-persona.c — a customer segment whose journey the map follows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include <string.h>

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
  PROP_PICTURE,
  N_PROPS
};

#define LAST_STRING PROP_COLOR

struct _WaymarkPersona
{
  WaymarkElement  parent_instance;
  /* Indexed by property id. */
  char           *strings[LAST_STRING + 1];
  GBytes         *picture;
};

G_DEFINE_FINAL_TYPE (WaymarkPersona, waymark_persona, WAYMARK_TYPE_ELEMENT)

static GParamSpec *properties[N_PROPS];

static void
waymark_persona_finalize (GObject *object)
{
  WaymarkPersona *self = WAYMARK_PERSONA (object);

  for (guint i = 0; i <= LAST_STRING; i++)
    g_clear_pointer (&self->strings[i], g_free);
  g_clear_pointer (&self->picture, g_bytes_unref);

  G_OBJECT_CLASS (waymark_persona_parent_class)->finalize (object);
}

static void
waymark_persona_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WaymarkPersona *self = WAYMARK_PERSONA (object);

  if (prop_id > PROP_0 && prop_id <= LAST_STRING)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_PICTURE)
    g_value_set_boxed (value, self->picture);
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

  if (prop_id > PROP_0 && prop_id <= LAST_STRING)
    _waymark_set_string (object, &self->strings[prop_id], value, pspec);
  else if (prop_id == PROP_PICTURE)
    {
      GBytes *picture = g_value_get_boxed (value);

      if (picture != NULL && g_bytes_get_size (picture) == 0)
        picture = NULL;
      if (picture == self->picture ||
          (picture != NULL && self->picture != NULL && g_bytes_equal (picture, self->picture)))
        return;
      g_clear_pointer (&self->picture, g_bytes_unref);
      self->picture = picture != NULL ? g_bytes_ref (picture) : NULL;
      g_object_notify_by_pspec (object, pspec);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
waymark_persona_class_init (WaymarkPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[LAST_STRING + 1] = {
    NULL, "name", "role", "goals", "frustrations", "quote", "color"
  };

  object_class->finalize = waymark_persona_finalize;
  object_class->get_property = waymark_persona_get_property;
  object_class->set_property = waymark_persona_set_property;

  WAYMARK_ELEMENT_CLASS (klass)->id_prefix = "pe";

  for (guint i = PROP_NAME; i <= LAST_STRING; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, "",
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);
  properties[PROP_PICTURE] = g_param_spec_boxed ("picture", NULL, NULL, G_TYPE_BYTES,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_persona_init (WaymarkPersona *self)
{
  for (guint i = PROP_NAME; i <= LAST_STRING; i++)
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

GBytes *
waymark_persona_get_picture (WaymarkPersona *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA (self), NULL);

  return self->picture;
}

const char *
waymark_persona_get_picture_type (WaymarkPersona *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA (self), NULL);

  return self->picture != NULL ? waymark_picture_sniff_type (self->picture) : NULL;
}

const char *
waymark_picture_sniff_type (GBytes *data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff };
  const guint8 *bytes;
  gsize size = 0;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (size >= sizeof png && memcmp (bytes, png, sizeof png) == 0)
    return "image/png";
  if (size >= sizeof jpeg && memcmp (bytes, jpeg, sizeof jpeg) == 0)
    return "image/jpeg";
  return NULL;
}
