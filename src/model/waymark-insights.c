/* waymark-insights.c — what a map says at a glance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "waymark-insights.h"

/* ---- Auxiliary -------------------------------------------------------- */

static void
insight_free (gpointer data)
{
  WaymarkInsight *insight = data;

  g_clear_object (&insight->element);
  g_clear_object (&insight->stage);
  g_clear_object (&insight->lane);
  g_clear_object (&insight->persona);
  g_clear_pointer (&insight->metric, waymark_metric_unref);
  g_free (insight->text);
  g_free (insight);
}

/* Takes text. */
static WaymarkInsight *
add_insight (GPtrArray          *insights,
             WaymarkInsightKind  kind,
             gpointer            element,
             WaymarkStage       *stage,
             char               *text)
{
  WaymarkInsight *insight = g_new0 (WaymarkInsight, 1);

  insight->kind = kind;
  insight->element = g_object_ref (element);
  insight->stage = stage != NULL ? g_object_ref (stage) : NULL;
  insight->text = text;
  g_ptr_array_add (insights, insight);
  return insight;
}

/* A number as people write it: no trailing zeros, a real minus sign. */
static char *
format_number (double value)
{
  g_autofree char *digits = NULL;

  /* Values come from spin buttons and files: six significant digits show
   * them as typed, without binary noise such as 2.0999999. */
  digits = g_strdup_printf ("%.6g", fabs (value));
  if (value < 0 && strspn (digits, "0.,") != strlen (digits))
    return g_strconcat ("−", digits, NULL);
  return g_steal_pointer (&digits);
}

static char *
format_quantity (double      value,
                 const char *unit)
{
  g_autofree char *number = format_number (value);

  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  /* A percentage is written without a space in English; translators of
   * the sentences can still place it as their language wants. */
  if (g_str_equal (unit, "%"))
    return g_strconcat (number, unit, NULL);
  return g_strconcat (number, " ", unit, NULL);
}

static char *
format_emotion (double value)
{
  /* One decimal is the precision of the curve editor. */
  return format_number (round (value * 10.0) / 10.0);
}

static const char *
curve_label (WaymarkCurve *curve)
{
  WaymarkPersona *persona = waymark_curve_get_persona (curve);
  const char *name = waymark_curve_get_name (curve);

  if (name != NULL && *name != '\0')
    return name;
  if (persona != NULL && *waymark_persona_get_name (persona) != '\0')
    return waymark_persona_get_name (persona);
  return waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE ? _("The future-state curve")
                                                                 : _("The emotion curve");
}

typedef struct {
  WaymarkTouchpoint *touchpoint;
  int                stage;
  int                lane;
  guint              order;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a;
  const Placed *pb = b;

  if (pa->stage != pb->stage)
    return pa->stage < pb->stage ? -1 : 1;
  if (pa->lane != pb->lane)
    return pa->lane < pb->lane ? -1 : 1;
  return pa->order < pb->order ? -1 : (pa->order > pb->order);
}

/* The touchpoints in map order: by stage, then lane, then within the cell.
 * A GArray of Placed, whose touchpoints are borrowed from the document. */
static GArray *
touchpoints_in_map_order (WaymarkDocument *document)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  guint n = g_list_model_get_n_items (touchpoints);
  GArray *placed = g_array_sized_new (FALSE, FALSE, sizeof (Placed), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);
      Placed p = {
        .touchpoint = touchpoint,   /* the document keeps it alive */
        .stage = waymark_document_get_stage_index (document,
                                                   waymark_touchpoint_get_stage (touchpoint)),
        .lane = waymark_document_get_lane_index (document,
                                                 waymark_touchpoint_get_lane (touchpoint)),
        .order = i,
      };

      g_array_append_val (placed, p);
    }
  g_array_sort (placed, compare_placed);
  return placed;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
lane_holds_cards (WaymarkLane *lane)
{
  WaymarkLaneKind kind = waymark_lane_get_kind (lane);

  return kind == WAYMARK_LANE_CARDS || kind == WAYMARK_LANE_BACKSTAGE;
}

/* ---- The kinds of insight --------------------------------------------- */

static void
collect_moments_of_truth (WaymarkDocument *document,
                          GArray          *placed,
                          GPtrArray       *insights)
{
  GListModel *curves = waymark_document_get_curves (document);
  guint n_curves = g_list_model_get_n_items (curves);

  for (guint i = 0; i < n_curves; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
      g_autoptr(GPtrArray) lowest = waymark_curve_get_lowest_stages (curve);
      WaymarkPersona *persona = waymark_curve_get_persona (curve);

      /* A flat curve (a new map's, or a single point) has no low point. */
      if (lowest->len == waymark_curve_get_n_values (curve))
        continue;

      for (guint j = 0; j < lowest->len; j++)
        {
          WaymarkStage *stage = g_ptr_array_index (lowest, j);
          WaymarkInsight *insight;
          const char *level;
          g_autofree char *value_text = NULL;
          double value = 0.0;
          char *text;

          waymark_curve_get_value (curve, stage, &value);
          value = waymark_document_clamp_emotion (document, value);
          value_text = format_emotion (value);
          level = waymark_document_get_emotion_level_name (document, value);

          if (level != NULL && *level != '\0')
            /* Translators: a curve or persona name, a stage name, a value such as
             * “−1.5” and the name of the emotion level, e.g. “Frustrated” */
            text = g_strdup_printf (_("%s is lowest at “%s” (%s, %s)"), curve_label (curve),
                                    waymark_stage_get_name (stage), value_text, level);
          else
            /* Translators: a curve or persona name, a stage name, a value such as “−1.5” */
            text = g_strdup_printf (_("%s is lowest at “%s” (%s)"), curve_label (curve),
                                    waymark_stage_get_name (stage), value_text);

          insight = add_insight (insights, WAYMARK_INSIGHT_MOMENT_OF_TRUTH, curve, stage, text);
          insight->persona = persona != NULL ? g_object_ref (persona) : NULL;
        }
    }

  for (guint i = 0; i < placed->len; i++)
    {
      WaymarkTouchpoint *touchpoint = g_array_index (placed, Placed, i).touchpoint;
      WaymarkStage *stage = waymark_touchpoint_get_stage (touchpoint);
      WaymarkInsight *insight;
      char *text;

      if (!waymark_touchpoint_get_moment_of_truth (touchpoint))
        continue;

      /* Translators: a touchpoint's title, then a stage name */
      text = g_strdup_printf (_("“%s” at “%s” is flagged as a moment of truth"),
                              waymark_touchpoint_get_title (touchpoint),
                              waymark_stage_get_name (stage));
      insight = add_insight (insights, WAYMARK_INSIGHT_MOMENT_OF_TRUTH, touchpoint, stage, text);
      insight->lane = g_object_ref (waymark_touchpoint_get_lane (touchpoint));
    }
}

/* The pain points of a stage are those listed on its cards plus the cards
 * in pain-point lanes, which are pain points themselves. */
static void
collect_pain_points (WaymarkDocument *document,
                     GArray          *placed,
                     GPtrArray       *insights)
{
  GListModel *stages = waymark_document_get_stages (document);
  guint n_stages = g_list_model_get_n_items (stages);
  g_autofree guint *counts = g_new0 (guint, n_stages);

  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);
      const char * const *pain_points = waymark_touchpoint_get_pain_points (p->touchpoint);

      if (p->stage < 0 || (guint) p->stage >= n_stages)
        continue;
      if (pain_points != NULL)
        counts[p->stage] += g_strv_length ((char **) pain_points);
      if (waymark_lane_get_kind (waymark_touchpoint_get_lane (p->touchpoint)) ==
          WAYMARK_LANE_PAIN_POINTS)
        counts[p->stage]++;
    }

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(WaymarkStage) stage = NULL;
      WaymarkInsight *insight;

      if (counts[i] == 0)
        continue;

      stage = g_list_model_get_item (stages, i);
      insight = add_insight (insights, WAYMARK_INSIGHT_PAIN_POINTS, stage, stage,
                             /* Translators: a count, then a stage name */
                             g_strdup_printf (ngettext ("%u pain point at “%s”",
                                                        "%u pain points at “%s”", counts[i]),
                                              counts[i], waymark_stage_get_name (stage)));
      insight->count = counts[i];
    }
}

/* Only cards that stand for a step of the journey need an owner: notes,
 * pain points and ideas do not. */
static void
collect_no_owner (GArray    *placed,
                  GPtrArray *insights)
{
  for (guint i = 0; i < placed->len; i++)
    {
      WaymarkTouchpoint *touchpoint = g_array_index (placed, Placed, i).touchpoint;
      WaymarkStage *stage = waymark_touchpoint_get_stage (touchpoint);
      WaymarkLane *lane = waymark_touchpoint_get_lane (touchpoint);
      const char *owner = waymark_touchpoint_get_owner (touchpoint);
      WaymarkInsight *insight;

      if (!lane_holds_cards (lane))
        continue;
      if (!is_blank (owner))
        continue;

      insight = add_insight (insights, WAYMARK_INSIGHT_NO_OWNER, touchpoint, stage,
                             /* Translators: a touchpoint's title, then a stage name */
                             g_strdup_printf (_("“%s” at “%s” has no owner"),
                                              waymark_touchpoint_get_title (touchpoint),
                                              waymark_stage_get_name (stage)));
      insight->lane = g_object_ref (lane);
    }
}

static void
add_off_target (GPtrArray      *insights,
                gpointer        element,
                WaymarkStage   *stage,
                WaymarkLane    *lane,
                GPtrArray      *metrics)
{
  for (guint i = 0; i < metrics->len; i++)
    {
      WaymarkMetric *metric = g_ptr_array_index (metrics, i);
      const char *unit = waymark_metric_get_unit (metric);
      g_autofree char *value = NULL;
      g_autofree char *target = NULL;
      WaymarkInsight *insight;

      if (!waymark_metric_has_target (metric) || waymark_metric_is_on_target (metric))
        continue;

      value = format_quantity (waymark_metric_get_value (metric), unit);
      target = format_quantity (waymark_metric_get_target (metric), unit);
      insight = add_insight (insights, WAYMARK_INSIGHT_OFF_TARGET, element, stage,
                             /* Translators: a metric's name, its value, its target,
                              * e.g. “Check-in wait time: 12 min, target 3 min” */
                             g_strdup_printf (_("%s: %s, target %s"),
                                              waymark_metric_get_name (metric), value, target));
      insight->lane = lane != NULL ? g_object_ref (lane) : NULL;
      insight->metric = waymark_metric_ref (metric);
    }
}

/* Per stage: the stage's own KPIs, then those of its cards in map order. */
static void
collect_off_target (WaymarkDocument *document,
                    GArray          *placed,
                    GPtrArray       *insights)
{
  GListModel *stages = waymark_document_get_stages (document);
  guint n_stages = g_list_model_get_n_items (stages);
  guint next = 0;

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);

      add_off_target (insights, stage, stage, NULL, waymark_stage_get_metrics (stage));

      for (; next < placed->len && g_array_index (placed, Placed, next).stage <= (int) i; next++)
        {
          WaymarkTouchpoint *touchpoint = g_array_index (placed, Placed, next).touchpoint;

          add_off_target (insights, touchpoint, stage, waymark_touchpoint_get_lane (touchpoint),
                          waymark_touchpoint_get_metrics (touchpoint));
        }
    }
}

static void
collect_empty_cells (WaymarkDocument *document,
                     GArray          *placed,
                     GPtrArray       *insights)
{
  GListModel *stages = waymark_document_get_stages (document);
  GListModel *lanes = waymark_document_get_lanes (document);
  guint n_stages = g_list_model_get_n_items (stages);
  guint n_lanes = g_list_model_get_n_items (lanes);
  g_autofree gboolean *filled = NULL;

  if (n_stages == 0 || n_lanes == 0)
    return;

  filled = g_new0 (gboolean, (gsize) n_stages * n_lanes);
  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);

      if (p->stage >= 0 && p->lane >= 0)
        filled[(gsize) p->stage * n_lanes + p->lane] = TRUE;
    }

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);

      for (guint j = 0; j < n_lanes; j++)
        {
          g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, j);
          WaymarkInsight *insight;

          if (filled[(gsize) i * n_lanes + j] || !lane_holds_cards (lane) ||
              waymark_lane_get_hidden (lane))
            continue;

          insight = add_insight (insights, WAYMARK_INSIGHT_EMPTY_CELL, stage, stage,
                                 /* Translators: a lane name, then a stage name */
                                 g_strdup_printf (_("“%s” has nothing at “%s”"),
                                                  waymark_lane_get_name (lane),
                                                  waymark_stage_get_name (stage)));
          insight->lane = g_object_ref (lane);
        }
    }
}

/* ---- Public API -------------------------------------------------------- */

GPtrArray *
waymark_insights_collect (WaymarkDocument *document)
{
  g_autoptr(GPtrArray) insights = NULL;
  g_autoptr(GArray) placed = NULL;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  insights = g_ptr_array_new_with_free_func (insight_free);
  placed = touchpoints_in_map_order (document);

  collect_moments_of_truth (document, placed, insights);
  collect_pain_points (document, placed, insights);
  collect_no_owner (placed, insights);
  collect_off_target (document, placed, insights);
  collect_empty_cells (document, placed, insights);

  return g_steal_pointer (&insights);
}

const char *
waymark_insight_kind_get_title (WaymarkInsightKind kind)
{
  switch (kind)
    {
    case WAYMARK_INSIGHT_MOMENT_OF_TRUTH:
      return _("Moments of truth");
    case WAYMARK_INSIGHT_PAIN_POINTS:
      return _("Pain points");
    case WAYMARK_INSIGHT_NO_OWNER:
      return _("Touchpoints without owner");
    case WAYMARK_INSIGHT_OFF_TARGET:
      return _("Metrics off target");
    case WAYMARK_INSIGHT_EMPTY_CELL:
      /* Translators: cells of the map (a stage in a lane) with no card */
      return _("Empty cells");
    default:
      g_return_val_if_reached (NULL);
    }
}
