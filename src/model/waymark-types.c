/* waymark-types.c — enumerations shared by the model
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include <string.h>

#include "waymark-types.h"

static const GEnumValue lane_kind_values[] = {
  { WAYMARK_LANE_CARDS, "WAYMARK_LANE_CARDS", "cards" },
  { WAYMARK_LANE_TEXT, "WAYMARK_LANE_TEXT", "text" },
  { WAYMARK_LANE_EMOTION, "WAYMARK_LANE_EMOTION", "emotion" },
  { WAYMARK_LANE_PAIN_POINTS, "WAYMARK_LANE_PAIN_POINTS", "pain-points" },
  { WAYMARK_LANE_OPPORTUNITIES, "WAYMARK_LANE_OPPORTUNITIES", "opportunities" },
  { WAYMARK_LANE_BACKSTAGE, "WAYMARK_LANE_BACKSTAGE", "backstage" },
  { WAYMARK_LANE_METRICS, "WAYMARK_LANE_METRICS", "metrics" },
  { 0, NULL, NULL }
};

static const GEnumValue curve_state_values[] = {
  { WAYMARK_CURVE_CURRENT, "WAYMARK_CURVE_CURRENT", "current" },
  { WAYMARK_CURVE_FUTURE, "WAYMARK_CURVE_FUTURE", "future" },
  { 0, NULL, NULL }
};

static const GEnumValue change_kind_values[] = {
  { WAYMARK_CHANGE_INSERTED, "WAYMARK_CHANGE_INSERTED", "inserted" },
  { WAYMARK_CHANGE_REMOVED, "WAYMARK_CHANGE_REMOVED", "removed" },
  { WAYMARK_CHANGE_PROPERTY, "WAYMARK_CHANGE_PROPERTY", "property" },
  { WAYMARK_CHANGE_MOVED, "WAYMARK_CHANGE_MOVED", "moved" },
  { WAYMARK_CHANGE_CURVE, "WAYMARK_CHANGE_CURVE", "curve" },
  { 0, NULL, NULL }
};

#define DEFINE_ENUM_TYPE(func, Name, values)                            \
  GType                                                                 \
  func (void)                                                           \
  {                                                                     \
    static gsize type_id;                                               \
    if (g_once_init_enter (&type_id))                                   \
      g_once_init_leave (&type_id, g_enum_register_static (Name, values)); \
    return type_id;                                                     \
  }

DEFINE_ENUM_TYPE (waymark_lane_kind_get_type, "WaymarkLaneKind", lane_kind_values)
DEFINE_ENUM_TYPE (waymark_curve_state_get_type, "WaymarkCurveState", curve_state_values)
DEFINE_ENUM_TYPE (waymark_change_kind_get_type, "WaymarkChangeKind", change_kind_values)

static const char *
nick_for (const GEnumValue *values,
          int               value)
{
  for (guint i = 0; values[i].value_nick != NULL; i++)
    if (values[i].value == value)
      return values[i].value_nick;
  return NULL;
}

static gboolean
value_for (const GEnumValue *values,
           const char       *nick,
           int              *value)
{
  if (nick == NULL)
    return FALSE;

  for (guint i = 0; values[i].value_nick != NULL; i++)
    if (strcmp (values[i].value_nick, nick) == 0)
      {
        *value = values[i].value;
        return TRUE;
      }
  return FALSE;
}

const char *
waymark_lane_kind_to_string (WaymarkLaneKind kind)
{
  return nick_for (lane_kind_values, kind);
}

gboolean
waymark_lane_kind_from_string (const char      *str,
                               WaymarkLaneKind *kind)
{
  int value;

  if (!value_for (lane_kind_values, str, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
waymark_curve_state_to_string (WaymarkCurveState state)
{
  return nick_for (curve_state_values, state);
}

gboolean
waymark_curve_state_from_string (const char        *str,
                                 WaymarkCurveState *state)
{
  int value;

  if (!value_for (curve_state_values, str, &value))
    return FALSE;
  *state = value;
  return TRUE;
}
