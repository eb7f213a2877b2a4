/* waymark-element.c — the base of every object in a journey map
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-element.h"
#include "waymark-metric.h"
#include "waymark-model-private.h"

typedef struct
{
  char     *id;
  char     *extension_data;
  /* Not a reference: the document clears it when the element leaves it or
   * when the document goes away. */
  gpointer  document;
} WaymarkElementPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (WaymarkElement, waymark_element, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
waymark_element_finalize (GObject *object)
{
  WaymarkElement *self = WAYMARK_ELEMENT (object);
  WaymarkElementPrivate *priv = waymark_element_get_instance_private (self);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->extension_data, g_free);

  G_OBJECT_CLASS (waymark_element_parent_class)->finalize (object);
}

static void
waymark_element_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WaymarkElement *self = WAYMARK_ELEMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, waymark_element_get_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_element_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WaymarkElement *self = WAYMARK_ELEMENT (object);
  WaymarkElementPrivate *priv = waymark_element_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_element_class_init (WaymarkElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = waymark_element_finalize;
  object_class->get_property = waymark_element_get_property;
  object_class->set_property = waymark_element_set_property;

  klass->id_prefix = "el";

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_element_init (WaymarkElement *self)
{
}

const char *
waymark_element_get_id (WaymarkElement *self)
{
  WaymarkElementPrivate *priv;

  g_return_val_if_fail (WAYMARK_IS_ELEMENT (self), NULL);

  priv = waymark_element_get_instance_private (self);
  return priv->id;
}

/**
 * waymark_element_get_extension_data:
 *
 * Content from other XML namespaces that was read with this element, kept
 * so that saving does not destroy another tool's (or a newer Waymark's)
 * data. Opaque to the model; the format layer owns its representation.
 */
const char *
waymark_element_get_extension_data (WaymarkElement *self)
{
  WaymarkElementPrivate *priv;

  g_return_val_if_fail (WAYMARK_IS_ELEMENT (self), NULL);

  priv = waymark_element_get_instance_private (self);
  return priv->extension_data;
}

void
waymark_element_set_extension_data (WaymarkElement *self,
                                    const char     *data)
{
  WaymarkElementPrivate *priv;

  g_return_if_fail (WAYMARK_IS_ELEMENT (self));

  priv = waymark_element_get_instance_private (self);
  g_free (priv->extension_data);
  priv->extension_data = (data != NULL && data[0] != '\0') ? g_strdup (data) : NULL;
}

/**
 * waymark_element_get_document:
 *
 * Returns: (transfer none) (nullable): the WaymarkDocument holding the
 * element, or NULL when it is not (or no longer) part of one.
 */
gpointer
waymark_element_get_document (WaymarkElement *self)
{
  WaymarkElementPrivate *priv;

  g_return_val_if_fail (WAYMARK_IS_ELEMENT (self), NULL);

  priv = waymark_element_get_instance_private (self);
  return priv->document;
}

void
_waymark_element_set_document (WaymarkElement *self,
                               gpointer        document)
{
  WaymarkElementPrivate *priv = waymark_element_get_instance_private (self);

  priv->document = document;
}

void
_waymark_set_string (GObject       *object,
                     char         **field,
                     const GValue  *value,
                     GParamSpec    *pspec)
{
  const char *str = g_value_get_string (value);

  if (str == NULL)
    str = "";
  if (g_strcmp0 (*field, str) == 0)
    return;
  g_free (*field);
  *field = g_strdup (str);
  g_object_notify_by_pspec (object, pspec);
}

static const char * const empty_strv[] = { NULL };

void
_waymark_set_strv (GObject      *object,
                   char       ***field,
                   const GValue *value,
                   GParamSpec   *pspec)
{
  const char * const *strv = g_value_get_boxed (value);
  const char * const *old = (const char * const *) *field;

  if (g_strv_equal (old != NULL ? old : empty_strv, strv != NULL ? strv : empty_strv))
    return;
  g_strfreev (*field);
  *field = g_strdupv ((char **) (strv != NULL ? strv : empty_strv));
  g_object_notify_by_pspec (object, pspec);
}

static gboolean
metrics_equal (GPtrArray *a,
               GPtrArray *b)
{
  guint len_a = a != NULL ? a->len : 0;
  guint len_b = b != NULL ? b->len : 0;

  if (len_a != len_b)
    return FALSE;
  for (guint i = 0; i < len_a; i++)
    if (!waymark_metric_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

void
_waymark_set_metrics (GObject       *object,
                      GPtrArray    **field,
                      const GValue  *value,
                      GParamSpec    *pspec)
{
  GPtrArray *metrics = g_value_get_boxed (value);
  GPtrArray *copy;

  if (metrics_equal (*field, metrics))
    return;

  /* A private copy: callers may keep changing their array. The metrics
   * themselves are immutable and shared. */
  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  for (guint i = 0; metrics != NULL && i < metrics->len; i++)
    g_ptr_array_add (copy, waymark_metric_ref (g_ptr_array_index (metrics, i)));

  g_clear_pointer (field, g_ptr_array_unref);
  *field = copy;
  g_object_notify_by_pspec (object, pspec);
}
