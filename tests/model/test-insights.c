/* test-insights.c — the findings the insights panel and the PDF summary list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "waymark-model.h"
#include "waymark-document-loader.h"
#include "waymark-insights.h"

typedef struct
{
  WaymarkDocument   *doc;
  WaymarkStage      *stages[3];     /* Book, Check-in, Stay */
  WaymarkLane       *lanes[5];      /* Touchpoints, Backstage, Emotions, Pains, Hidden */
  WaymarkPersona    *maya;
  WaymarkCurve      *today;
  WaymarkCurve      *future;
  WaymarkCurve      *empty;
  WaymarkCurve      *flat;
  WaymarkTouchpoint *tps[6];
} Fixture;

static GPtrArray *
metrics_of (WaymarkMetric *first,
            ...)
{
  GPtrArray *metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  va_list args;

  va_start (args, first);
  for (WaymarkMetric *m = first; m != NULL; m = va_arg (args, WaymarkMetric *))
    g_ptr_array_add (metrics, m);
  va_end (args);
  return metrics;
}

static WaymarkTouchpoint *
load_card (Fixture    *fixture,
           const char *id,
           const char *title,
           guint       stage,
           guint       lane,
           const char *owner)
{
  WaymarkTouchpoint *tp = waymark_touchpoint_new (id, title);

  g_object_set (tp, "owner", owner, NULL);
  g_assert_true (waymark_document_load_touchpoint (fixture->doc, tp, fixture->stages[stage],
                                                   fixture->lanes[lane]));
  return tp;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *stage_names[] = { "Book", "Check-in", "Stay" };
  static const struct {
    const char      *name;
    WaymarkLaneKind  kind;
  } lanes[] = {
    { "Touchpoints", WAYMARK_LANE_CARDS },
    { "Backstage", WAYMARK_LANE_BACKSTAGE },
    { "Emotions", WAYMARK_LANE_EMOTION },
    { "Pains", WAYMARK_LANE_PAIN_POINTS },
    { "Hidden", WAYMARK_LANE_CARDS },
  };
  static const char *levels[] = { "Frustrated", "Unhappy", "Neutral", "Happy", "Delighted", NULL };
  const gboolean with_levels = GPOINTER_TO_INT (data) == 0;
  const char *pains_book[] = { "Slow", NULL };
  const char *pains_queue[] = { "Long wait", NULL };
  g_autoptr(GPtrArray) conversion = NULL;
  g_autoptr(GPtrArray) wait = NULL;
  g_autoptr(GPtrArray) nps = NULL;

  fixture->doc = waymark_document_new ();
  waymark_document_load_emotion_scale (fixture->doc, -2, 2, with_levels ? levels : NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->stages); i++)
    {
      g_autofree char *id = g_strdup_printf ("st-%u", i + 1);

      fixture->stages[i] = waymark_stage_new (id, stage_names[i]);
      g_assert_true (waymark_document_load_stage (fixture->doc, fixture->stages[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture->lanes); i++)
    {
      g_autofree char *id = g_strdup_printf ("ln-%u", i + 1);

      fixture->lanes[i] = waymark_lane_new (id, lanes[i].name, lanes[i].kind);
      g_assert_true (waymark_document_load_lane (fixture->doc, fixture->lanes[i]));
    }
  g_object_set (fixture->lanes[4], "hidden", TRUE, NULL);

  fixture->maya = waymark_persona_new ("pe-1", "Maya");
  g_assert_true (waymark_document_load_persona (fixture->doc, fixture->maya));

  fixture->today = waymark_curve_new ("cv-1", fixture->maya, WAYMARK_CURVE_CURRENT);
  g_object_set (fixture->today, "name", "Maya today", NULL);
  g_assert_true (waymark_document_load_curve (fixture->doc, fixture->today));
  waymark_document_load_curve_value (fixture->doc, fixture->today, fixture->stages[0], 0.0);
  waymark_document_load_curve_value (fixture->doc, fixture->today, fixture->stages[1], -1.2);
  waymark_document_load_curve_value (fixture->doc, fixture->today, fixture->stages[2], 1.0);

  /* No name, no persona, and a tie: two moments of truth. */
  fixture->future = waymark_curve_new ("cv-2", NULL, WAYMARK_CURVE_FUTURE);
  g_assert_true (waymark_document_load_curve (fixture->doc, fixture->future));
  waymark_document_load_curve_value (fixture->doc, fixture->future, fixture->stages[0], -1.0);
  waymark_document_load_curve_value (fixture->doc, fixture->future, fixture->stages[1], 0.5);
  waymark_document_load_curve_value (fixture->doc, fixture->future, fixture->stages[2], -1.0);

  fixture->empty = waymark_curve_new ("cv-3", fixture->maya, WAYMARK_CURVE_FUTURE);
  g_assert_true (waymark_document_load_curve (fixture->doc, fixture->empty));

  /* Level everywhere, as in a new map: no low point to report. */
  fixture->flat = waymark_curve_new ("cv-4", fixture->maya, WAYMARK_CURVE_CURRENT);
  g_assert_true (waymark_document_load_curve (fixture->doc, fixture->flat));
  for (guint i = 0; i < G_N_ELEMENTS (fixture->stages); i++)
    waymark_document_load_curve_value (fixture->doc, fixture->flat, fixture->stages[i], -1.0);

  /* Loaded out of map order on purpose: insights come in map order. */
  fixture->tps[4] = load_card (fixture, "tp-5", "Room", 2, 0, "Housekeeping");
  fixture->tps[0] = load_card (fixture, "tp-1", "Booking site", 0, 0, "Marketing");
  fixture->tps[2] = load_card (fixture, "tp-3", "Key cards", 1, 1, "  ");
  fixture->tps[1] = load_card (fixture, "tp-2", "Front desk", 1, 0, "");
  fixture->tps[3] = load_card (fixture, "tp-4", "Queue", 1, 3, "");
  fixture->tps[5] = load_card (fixture, "tp-6", "Spa", 0, 4, "");

  conversion = metrics_of (waymark_metric_new ("Conversion", 2.1, 3, "%", TRUE),
                           waymark_metric_new ("Visits", 900, NAN, "", TRUE), NULL);
  g_object_set (fixture->tps[0], "pain-points", pains_book, "metrics", conversion, NULL);

  wait = metrics_of (waymark_metric_new ("Check-in wait time", 12, 3, "min", FALSE),
                     waymark_metric_new ("Smiles", 5, 3, "", TRUE), NULL);
  g_object_set (fixture->tps[1], "moment-of-truth", TRUE, "metrics", wait, NULL);
  g_object_set (fixture->tps[3], "pain-points", pains_queue, NULL);

  nps = metrics_of (waymark_metric_new ("NPS", -20, 40, "", TRUE), NULL);
  g_object_set (fixture->stages[2], "metrics", nps, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->stages); i++)
    g_object_unref (fixture->stages[i]);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->lanes); i++)
    g_object_unref (fixture->lanes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->tps); i++)
    g_object_unref (fixture->tps[i]);
  g_object_unref (fixture->maya);
  g_object_unref (fixture->today);
  g_object_unref (fixture->future);
  g_object_unref (fixture->empty);
  g_object_unref (fixture->flat);
  g_assert_finalize_object (fixture->doc);
}

static guint
count_kind (GPtrArray          *insights,
            WaymarkInsightKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < insights->len; i++)
    if (((WaymarkInsight *) g_ptr_array_index (insights, i))->kind == kind)
      n++;
  return n;
}

static void
assert_insight (GPtrArray          *insights,
                guint               index,
                WaymarkInsightKind  kind,
                gpointer            element,
                WaymarkStage       *stage,
                WaymarkLane        *lane,
                const char         *text)
{
  WaymarkInsight *insight;

  g_assert_cmpuint (index, <, insights->len);
  insight = g_ptr_array_index (insights, index);
  g_assert_cmpint (insight->kind, ==, kind);
  g_assert_true (insight->element == element);
  g_assert_true (insight->stage == stage);
  g_assert_true (insight->lane == lane);
  g_assert_cmpstr (insight->text, ==, text);
}

static void
test_all_kinds (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) insights = waymark_insights_collect (fixture->doc);
  WaymarkStage **st = fixture->stages;
  WaymarkLane **ln = fixture->lanes;
  WaymarkTouchpoint **tp = fixture->tps;
  WaymarkInsight *insight;
  guint i = 0;

  g_assert_cmpuint (insights->len, ==, 4 + 2 + 3 + 3 + 2);
  g_assert_cmpuint (count_kind (insights, WAYMARK_INSIGHT_MOMENT_OF_TRUTH), ==, 4);
  g_assert_cmpuint (count_kind (insights, WAYMARK_INSIGHT_PAIN_POINTS), ==, 2);
  g_assert_cmpuint (count_kind (insights, WAYMARK_INSIGHT_NO_OWNER), ==, 3);
  g_assert_cmpuint (count_kind (insights, WAYMARK_INSIGHT_OFF_TARGET), ==, 3);
  g_assert_cmpuint (count_kind (insights, WAYMARK_INSIGHT_EMPTY_CELL), ==, 2);

  /* Moments of truth: each curve's lowest points, then the flagged cards. */
  assert_insight (insights, i, WAYMARK_INSIGHT_MOMENT_OF_TRUTH, fixture->today, st[1], NULL,
                  "Maya today is lowest at “Check-in” (−1.2, Unhappy)");
  insight = g_ptr_array_index (insights, i++);
  g_assert_true (insight->persona == fixture->maya);
  assert_insight (insights, i, WAYMARK_INSIGHT_MOMENT_OF_TRUTH, fixture->future, st[0], NULL,
                  "The future-state curve is lowest at “Book” (−1, Unhappy)");
  insight = g_ptr_array_index (insights, i++);
  g_assert_null (insight->persona);
  assert_insight (insights, i++, WAYMARK_INSIGHT_MOMENT_OF_TRUTH, fixture->future, st[2], NULL,
                  "The future-state curve is lowest at “Stay” (−1, Unhappy)");
  assert_insight (insights, i++, WAYMARK_INSIGHT_MOMENT_OF_TRUTH, tp[1], st[1], ln[0],
                  "“Front desk” at “Check-in” is flagged as a moment of truth");

  /* Pain points: listed on cards plus cards in pain-point lanes. */
  assert_insight (insights, i, WAYMARK_INSIGHT_PAIN_POINTS, st[0], st[0], NULL,
                  "1 pain point at “Book”");
  g_assert_cmpuint (((WaymarkInsight *) g_ptr_array_index (insights, i++))->count, ==, 1);
  assert_insight (insights, i, WAYMARK_INSIGHT_PAIN_POINTS, st[1], st[1], NULL,
                  "2 pain points at “Check-in”");
  g_assert_cmpuint (((WaymarkInsight *) g_ptr_array_index (insights, i++))->count, ==, 2);

  /* Cards and backstage steps without owner (blank counts as none), in map
   * order; the pain-point card needs none. */
  assert_insight (insights, i++, WAYMARK_INSIGHT_NO_OWNER, tp[5], st[0], ln[4],
                  "“Spa” at “Book” has no owner");
  assert_insight (insights, i++, WAYMARK_INSIGHT_NO_OWNER, tp[1], st[1], ln[0],
                  "“Front desk” at “Check-in” has no owner");
  assert_insight (insights, i++, WAYMARK_INSIGHT_NO_OWNER, tp[2], st[1], ln[1],
                  "“Key cards” at “Check-in” has no owner");

  /* Metrics with a target they miss; no target or on target is fine. */
  assert_insight (insights, i, WAYMARK_INSIGHT_OFF_TARGET, tp[0], st[0], ln[0],
                  "Conversion: 2.1%, target 3%");
  insight = g_ptr_array_index (insights, i++);
  g_assert_nonnull (insight->metric);
  g_assert_cmpstr (waymark_metric_get_name (insight->metric), ==, "Conversion");
  assert_insight (insights, i++, WAYMARK_INSIGHT_OFF_TARGET, tp[1], st[1], ln[0],
                  "Check-in wait time: 12 min, target 3 min");
  assert_insight (insights, i, WAYMARK_INSIGHT_OFF_TARGET, st[2], st[2], NULL,
                  "NPS: −20, target 40");
  insight = g_ptr_array_index (insights, i++);
  g_assert_cmpstr (waymark_metric_get_name (insight->metric), ==, "NPS");

  /* Shown card lanes with nothing in a stage; hidden lanes and lanes of
   * other kinds are not gaps. */
  assert_insight (insights, i++, WAYMARK_INSIGHT_EMPTY_CELL, st[0], st[0], ln[1],
                  "“Backstage” has nothing at “Book”");
  assert_insight (insights, i++, WAYMARK_INSIGHT_EMPTY_CELL, st[2], st[2], ln[1],
                  "“Backstage” has nothing at “Stay”");
  g_assert_cmpuint (i, ==, insights->len);
}

static void
test_no_level_names (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) insights = waymark_insights_collect (fixture->doc);

  assert_insight (insights, 0, WAYMARK_INSIGHT_MOMENT_OF_TRUTH, fixture->today,
                  fixture->stages[1], NULL, "Maya today is lowest at “Check-in” (−1.2)");
}

/* Insights follow edits, including undo. */
static void
test_follows_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) before = waymark_insights_collect (fixture->doc);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  g_autoptr(GPtrArray) hidden = NULL;

  waymark_document_begin_group (fixture->doc, "Fix");
  waymark_document_set_string (fixture->doc, WAYMARK_ELEMENT (fixture->tps[1]), "owner",
                               "Front office");
  waymark_document_set_curve_value (fixture->doc, fixture->today, fixture->stages[1], 0.5, FALSE);
  waymark_document_end_group (fixture->doc);

  after = waymark_insights_collect (fixture->doc);
  g_assert_cmpuint (count_kind (after, WAYMARK_INSIGHT_NO_OWNER), ==, 2);
  assert_insight (after, 0, WAYMARK_INSIGHT_MOMENT_OF_TRUTH, fixture->today, fixture->stages[0],
                  NULL, "Maya today is lowest at “Book” (0, Neutral)");

  waymark_document_undo (fixture->doc);
  undone = waymark_insights_collect (fixture->doc);
  g_assert_cmpuint (undone->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (((WaymarkInsight *) g_ptr_array_index (undone, i))->text, ==,
                     ((WaymarkInsight *) g_ptr_array_index (before, i))->text);

  /* Hiding the backstage lane takes its gaps away. */
  waymark_document_set_boolean (fixture->doc, WAYMARK_ELEMENT (fixture->lanes[1]), "hidden", TRUE);
  hidden = waymark_insights_collect (fixture->doc);
  g_assert_cmpuint (count_kind (hidden, WAYMARK_INSIGHT_EMPTY_CELL), ==, 0);
}

static void
test_empty_map (void)
{
  g_autoptr(WaymarkDocument) doc = waymark_document_new ();
  g_autoptr(GPtrArray) insights = waymark_insights_collect (doc);

  g_assert_cmpuint (insights->len, ==, 0);
}

static void
test_titles (void)
{
  g_assert_cmpstr (waymark_insight_kind_get_title (WAYMARK_INSIGHT_MOMENT_OF_TRUTH), ==,
                   "Moments of truth");
  g_assert_cmpstr (waymark_insight_kind_get_title (WAYMARK_INSIGHT_PAIN_POINTS), ==,
                   "Pain points");
  g_assert_cmpstr (waymark_insight_kind_get_title (WAYMARK_INSIGHT_NO_OWNER), ==,
                   "Touchpoints without owner");
  g_assert_cmpstr (waymark_insight_kind_get_title (WAYMARK_INSIGHT_OFF_TARGET), ==,
                   "Metrics off target");
  g_assert_cmpstr (waymark_insight_kind_get_title (WAYMARK_INSIGHT_EMPTY_CELL), ==,
                   "Empty cells");
}

int
main (int   argc,
      char *argv[])
{
  /* Exact English texts, with the C locale's decimal point. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/insights/all-kinds", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_all_kinds, fixture_tear_down);
  g_test_add ("/insights/no-level-names", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_no_level_names, fixture_tear_down);
  g_test_add ("/insights/follows-edits", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_follows_edits, fixture_tear_down);
  g_test_add_func ("/insights/empty-map", test_empty_map);
  g_test_add_func ("/insights/titles", test_titles);

  return g_test_run ();
}
