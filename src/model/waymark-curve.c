/* waymark-curve.c — an emotion curve: how a persona feels at each stage
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-curve.h"
#include "waymark-document.h"
#include "waymark-model-private.h"

/* For a curve without a persona, or whose persona has no colour: GNOME's
 * "dark 3" grey. */
#define DEFAULT_COLOR "#5e5c64"

struct _WaymarkCurve
{
  WaymarkElement     parent_instance;
  char              *name;
  WaymarkPersona    *persona;
  WaymarkCurveState  state;
  /* WaymarkStage* (not a reference: the document removes a stage's values
   * before the stage leaves it) → double* */
  GHashTable        *values;
  GHashTable        *notes;     /* WaymarkStage* → char*, only for stages with a value */
  gboolean           visible;
};

G_DEFINE_FINAL_TYPE (WaymarkCurve, waymark_curve, WAYMARK_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PERSONA,
  PROP_STATE,
  PROP_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
waymark_curve_dispose (GObject *object)
{
  WaymarkCurve *self = WAYMARK_CURVE (object);

  g_clear_object (&self->persona);

  G_OBJECT_CLASS (waymark_curve_parent_class)->dispose (object);
}

static void
waymark_curve_finalize (GObject *object)
{
  WaymarkCurve *self = WAYMARK_CURVE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->notes, g_hash_table_unref);

  G_OBJECT_CLASS (waymark_curve_parent_class)->finalize (object);
}

static void
waymark_curve_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WaymarkCurve *self = WAYMARK_CURVE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PERSONA:
      g_value_set_object (value, self->persona);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_curve_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WaymarkCurve *self = WAYMARK_CURVE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      _waymark_set_string (object, &self->name, value, pspec);
      break;
    case PROP_PERSONA:
      if (g_set_object (&self->persona, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_STATE:
      if (self->state != (WaymarkCurveState) g_value_get_enum (value))
        {
          self->state = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VISIBLE:
      if (self->visible != g_value_get_boolean (value))
        {
          self->visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_curve_class_init (WaymarkCurveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = waymark_curve_dispose;
  object_class->finalize = waymark_curve_finalize;
  object_class->get_property = waymark_curve_get_property;
  object_class->set_property = waymark_curve_set_property;

  WAYMARK_ELEMENT_CLASS (klass)->id_prefix = "cv";

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_PERSONA] =
    g_param_spec_object ("persona", NULL, NULL, WAYMARK_TYPE_PERSONA, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       WAYMARK_TYPE_CURVE_STATE, WAYMARK_CURVE_CURRENT, flags);
  properties[PROP_VISIBLE] = g_param_spec_boolean ("visible", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_curve_init (WaymarkCurve *self)
{
  self->name = g_strdup ("");
  self->values = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->notes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->visible = TRUE;
}

WaymarkCurve *
waymark_curve_new (const char        *id,
                   WaymarkPersona    *persona,
                   WaymarkCurveState  state)
{
  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);
  g_return_val_if_fail (persona == NULL || WAYMARK_IS_PERSONA (persona), NULL);

  return g_object_new (WAYMARK_TYPE_CURVE,
                       "id", id,
                       "persona", persona,
                       "state", state,
                       NULL);
}

const char *
waymark_curve_get_name (WaymarkCurve *self)
{
  g_return_val_if_fail (WAYMARK_IS_CURVE (self), NULL);
  return self->name;
}

WaymarkPersona *
waymark_curve_get_persona (WaymarkCurve *self)
{
  g_return_val_if_fail (WAYMARK_IS_CURVE (self), NULL);
  return self->persona;
}

WaymarkCurveState
waymark_curve_get_state (WaymarkCurve *self)
{
  g_return_val_if_fail (WAYMARK_IS_CURVE (self), WAYMARK_CURVE_CURRENT);
  return self->state;
}

gboolean
waymark_curve_get_value (WaymarkCurve *self,
                         WaymarkStage *stage,
                         double       *value)
{
  const double *stored;

  g_return_val_if_fail (WAYMARK_IS_CURVE (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_STAGE (stage), FALSE);

  stored = g_hash_table_lookup (self->values, stage);
  if (stored == NULL)
    return FALSE;
  if (value != NULL)
    *value = *stored;
  return TRUE;
}

guint
waymark_curve_get_n_values (WaymarkCurve *self)
{
  g_return_val_if_fail (WAYMARK_IS_CURVE (self), 0);
  return g_hash_table_size (self->values);
}

void
_waymark_curve_set_value (WaymarkCurve *self,
                          WaymarkStage *stage,
                          double        value)
{
  double *stored = g_hash_table_lookup (self->values, stage);

  if (stored == NULL)
    {
      stored = g_new (double, 1);
      g_hash_table_insert (self->values, stage, stored);
    }
  *stored = value;
}

void
_waymark_curve_unset_value (WaymarkCurve *self,
                            WaymarkStage *stage)
{
  g_hash_table_remove (self->values, stage);
  g_hash_table_remove (self->notes, stage);
}

void
_waymark_curve_set_note (WaymarkCurve *self,
                         WaymarkStage *stage,
                         const char   *note)
{
  if (note == NULL || note[0] == '\0')
    g_hash_table_remove (self->notes, stage);
  else
    g_hash_table_insert (self->notes, stage, g_strdup (note));
}

gboolean
waymark_curve_get_visible (WaymarkCurve *self)
{
  g_return_val_if_fail (WAYMARK_IS_CURVE (self), FALSE);
  return self->visible;
}

const char *
waymark_curve_get_note (WaymarkCurve *self,
                        WaymarkStage *stage)
{
  g_return_val_if_fail (WAYMARK_IS_CURVE (self), NULL);
  g_return_val_if_fail (WAYMARK_IS_STAGE (stage), NULL);

  return g_hash_table_lookup (self->notes, stage);
}

const char *
waymark_curve_get_color (WaymarkCurve *self)
{
  const char *color;

  g_return_val_if_fail (WAYMARK_IS_CURVE (self), NULL);

  if (self->persona == NULL)
    return DEFAULT_COLOR;
  color = waymark_persona_get_color (self->persona);
  return color != NULL && color[0] != '\0' ? color : DEFAULT_COLOR;
}

GPtrArray *
waymark_curve_get_lowest_stages (WaymarkCurve *self)
{
  GPtrArray *lowest;
  WaymarkDocument *document;
  GListModel *stages;
  double min = G_MAXDOUBLE;
  guint n;

  g_return_val_if_fail (WAYMARK_IS_CURVE (self), NULL);

  lowest = g_ptr_array_new_with_free_func (g_object_unref);
  document = waymark_element_get_document (WAYMARK_ELEMENT (self));
  g_return_val_if_fail (document != NULL, lowest);

  stages = waymark_document_get_stages (document);
  n = g_list_model_get_n_items (stages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);
      const double *value = g_hash_table_lookup (self->values, stage);

      if (value == NULL || *value > min)
        continue;
      if (*value < min)
        {
          min = *value;
          g_ptr_array_set_size (lowest, 0);
        }
      g_ptr_array_add (lowest, g_steal_pointer (&stage));
    }

  return lowest;
}
