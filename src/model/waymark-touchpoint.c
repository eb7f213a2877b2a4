/* waymark-touchpoint.c — a card: one moment where the persona meets the company
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-types.h"
#include "waymark-touchpoint.h"
#include "waymark-model-private.h"

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CHANNEL,
  PROP_OWNER,
  PROP_COLOR,
  PROP_HAS_EMOTION,
  PROP_EMOTION,
  PROP_PAIN_POINTS,
  PROP_OPPORTUNITIES,
  PROP_METRICS,
  PROP_MOMENT_OF_TRUTH,
  PROP_LINKS,
  PROP_STAGE,
  PROP_LANE,
  N_PROPS
};

#define FIRST_STRING PROP_TITLE
#define LAST_STRING  PROP_COLOR

struct _WaymarkTouchpoint
{
  WaymarkElement  parent_instance;
  char           *strings[LAST_STRING + 1];   /* indexed by property id */
  gboolean        has_emotion;
  double          emotion;
  char          **pain_points;
  char          **opportunities;
  GPtrArray      *metrics;
  gboolean        moment_of_truth;
  char          **links;
  WaymarkStage   *stage;
  WaymarkLane    *lane;
};

G_DEFINE_FINAL_TYPE (WaymarkTouchpoint, waymark_touchpoint, WAYMARK_TYPE_ELEMENT)

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
waymark_touchpoint_dispose (GObject *object)
{
  WaymarkTouchpoint *self = WAYMARK_TOUCHPOINT (object);

  g_clear_object (&self->stage);
  g_clear_object (&self->lane);

  G_OBJECT_CLASS (waymark_touchpoint_parent_class)->dispose (object);
}

static void
waymark_touchpoint_finalize (GObject *object)
{
  WaymarkTouchpoint *self = WAYMARK_TOUCHPOINT (object);

  for (guint i = FIRST_STRING; i <= LAST_STRING; i++)
    g_clear_pointer (&self->strings[i], g_free);
  g_clear_pointer (&self->pain_points, g_strfreev);
  g_clear_pointer (&self->opportunities, g_strfreev);
  g_clear_pointer (&self->metrics, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_strfreev);

  G_OBJECT_CLASS (waymark_touchpoint_parent_class)->finalize (object);
}

static void
waymark_touchpoint_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WaymarkTouchpoint *self = WAYMARK_TOUCHPOINT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
    case PROP_DESCRIPTION:
    case PROP_CHANNEL:
    case PROP_OWNER:
    case PROP_COLOR:
      g_value_set_string (value, self->strings[prop_id]);
      break;
    case PROP_HAS_EMOTION:
      g_value_set_boolean (value, self->has_emotion);
      break;
    case PROP_EMOTION:
      g_value_set_double (value, self->emotion);
      break;
    case PROP_PAIN_POINTS:
      g_value_set_boxed (value, self->pain_points);
      break;
    case PROP_OPPORTUNITIES:
      g_value_set_boxed (value, self->opportunities);
      break;
    case PROP_METRICS:
      g_value_set_boxed (value, self->metrics);
      break;
    case PROP_MOMENT_OF_TRUTH:
      g_value_set_boolean (value, self->moment_of_truth);
      break;
    case PROP_LINKS:
      g_value_set_boxed (value, self->links);
      break;
    case PROP_STAGE:
      g_value_set_object (value, self->stage);
      break;
    case PROP_LANE:
      g_value_set_object (value, self->lane);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_touchpoint_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WaymarkTouchpoint *self = WAYMARK_TOUCHPOINT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
    case PROP_DESCRIPTION:
    case PROP_CHANNEL:
    case PROP_OWNER:
    case PROP_COLOR:
      _waymark_set_string (object, &self->strings[prop_id], value, pspec);
      break;
    case PROP_HAS_EMOTION:
      if (self->has_emotion != g_value_get_boolean (value))
        {
          self->has_emotion = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_EMOTION:
      if (self->emotion != g_value_get_double (value))
        {
          self->emotion = g_value_get_double (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PAIN_POINTS:
      _waymark_set_strv (object, &self->pain_points, value, pspec);
      break;
    case PROP_OPPORTUNITIES:
      _waymark_set_strv (object, &self->opportunities, value, pspec);
      break;
    case PROP_METRICS:
      _waymark_set_metrics (object, &self->metrics, value, pspec);
      break;
    case PROP_MOMENT_OF_TRUTH:
      if (self->moment_of_truth != g_value_get_boolean (value))
        {
          self->moment_of_truth = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_LINKS:
      _waymark_set_strv (object, &self->links, value, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_touchpoint_class_init (WaymarkTouchpointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = waymark_touchpoint_dispose;
  object_class->finalize = waymark_touchpoint_finalize;
  object_class->get_property = waymark_touchpoint_get_property;
  object_class->set_property = waymark_touchpoint_set_property;

  WAYMARK_ELEMENT_CLASS (klass)->id_prefix = "tp";

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", flags);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, "", flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, "", flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, "", flags);
  properties[PROP_HAS_EMOTION] = g_param_spec_boolean ("has-emotion", NULL, NULL, FALSE, flags);
  properties[PROP_EMOTION] =
    g_param_spec_double ("emotion", NULL, NULL,
                         -WAYMARK_EMOTION_SCALE_LIMIT, WAYMARK_EMOTION_SCALE_LIMIT,
                         0.0, flags);
  properties[PROP_PAIN_POINTS] = g_param_spec_boxed ("pain-points", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_OPPORTUNITIES] =
    g_param_spec_boxed ("opportunities", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_METRICS] = g_param_spec_boxed ("metrics", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_MOMENT_OF_TRUTH] =
    g_param_spec_boolean ("moment-of-truth", NULL, NULL, FALSE, flags);
  properties[PROP_LINKS] = g_param_spec_boxed ("links", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_STAGE] =
    g_param_spec_object ("stage", NULL, NULL, WAYMARK_TYPE_STAGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANE] =
    g_param_spec_object ("lane", NULL, NULL, WAYMARK_TYPE_LANE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_touchpoint_init (WaymarkTouchpoint *self)
{
  for (guint i = FIRST_STRING; i <= LAST_STRING; i++)
    self->strings[i] = g_strdup ("");
  self->pain_points = g_new0 (char *, 1);
  self->opportunities = g_new0 (char *, 1);
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
}

WaymarkTouchpoint *
waymark_touchpoint_new (const char *id,
                        const char *title)
{
  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);

  return g_object_new (WAYMARK_TYPE_TOUCHPOINT,
                       "id", id,
                       "title", title,
                       NULL);
}

#define STRING_GETTER(func, prop)                                \
  const char *                                                   \
  func (WaymarkTouchpoint *self)                                 \
  {                                                              \
    g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), NULL);   \
    return self->strings[prop];                                  \
  }

STRING_GETTER (waymark_touchpoint_get_title, PROP_TITLE)
STRING_GETTER (waymark_touchpoint_get_description, PROP_DESCRIPTION)
STRING_GETTER (waymark_touchpoint_get_channel, PROP_CHANNEL)
STRING_GETTER (waymark_touchpoint_get_owner, PROP_OWNER)
STRING_GETTER (waymark_touchpoint_get_color, PROP_COLOR)

gboolean
waymark_touchpoint_has_emotion (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), FALSE);
  return self->has_emotion;
}

double
waymark_touchpoint_get_emotion (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), 0.0);
  return self->emotion;
}

const char * const *
waymark_touchpoint_get_pain_points (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), NULL);
  return (const char * const *) self->pain_points;
}

const char * const *
waymark_touchpoint_get_opportunities (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), NULL);
  return (const char * const *) self->opportunities;
}

GPtrArray *
waymark_touchpoint_get_metrics (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), NULL);
  return self->metrics;
}

WaymarkStage *
waymark_touchpoint_get_stage (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), NULL);
  return self->stage;
}

WaymarkLane *
waymark_touchpoint_get_lane (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), NULL);
  return self->lane;
}

void
_waymark_touchpoint_set_cell (WaymarkTouchpoint *self,
                              WaymarkStage      *stage,
                              WaymarkLane       *lane)
{
  g_set_object (&self->stage, stage);
  g_set_object (&self->lane, lane);
}

gboolean
waymark_touchpoint_get_moment_of_truth (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), FALSE);
  return self->moment_of_truth;
}

const char * const *
waymark_touchpoint_get_links (WaymarkTouchpoint *self)
{
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (self), NULL);
  return self->links != NULL ? (const char * const *) self->links : empty_strv;
}
