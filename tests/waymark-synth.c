/* waymark-synth.c — synthetic journey maps for tests and benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-synth"

#include "config.h"

#include <math.h>

#include "waymark-document-loader.h"
#include "waymark-synth.h"

/* A small generator of our own instead of GRand: the same seed must give
 * the same map on every platform and GLib version, forever, because tests
 * compare bytes. */
typedef struct
{
  guint32 state;
} Rng;

static guint32
rng_next (Rng *rng)
{
  guint32 x = rng->state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  rng->state = x;
  return x;
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return rng_next (rng) % n;
}

static const char *
pick (Rng                *rng,
      const char * const *words,
      guint               n_words)
{
  return words[rng_below (rng, n_words)];
}

#define PICK(rng, array) pick ((rng), (array), G_N_ELEMENTS (array))

static const char * const stage_names[] = {
  "Awareness", "Consideration", "Purchase", "Onboarding", "Use", "Support", "Renewal",
  "Advocacy",
};

static const char * const verbs[] = {
  "Compare", "Book", "Confirm", "Ask about", "Pay for", "Cancel", "Review", "Share",
  "Upgrade", "Report", "Collect", "Search for",
};

static const char * const objects[] = {
  "plans", "the invoice", "delivery slot", "account settings", "loyalty points", "a refund",
  "the welcome pack", "support ticket", "opening hours", "the contract",
};

static const char * const channels[] = {
  "web", "app", "email", "phone", "store", "chat", "social", "field visit",
};

static const char * const owners[] = {
  "Marketing", "Sales", "Service", "Product", "Operations", "IT", "Finance", "Logistics",
};

static const char * const colors[] = {
  "", "", "", "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac",
};

/* Texts that exercise escaping: markup characters, quotes, non-ASCII,
 * line breaks, tabs. */
static const char * const descriptions[] = {
  "",
  "The customer reads the terms & conditions before signing.",
  "Waits for <5 minutes> at the counter; staff say \"one moment\".",
  "Zahlt mit Karte — the receipt arrives by e‑mail ✉.",
  "First line\nSecond line\n\tindented third line",
  "Call centre routes the call twice; 'hold music' is too loud.",
  "客户在应用中查看订单状态。",
  "",
};

static const char * const pains[] = {
  "Long wait on the phone", "Form asks for the same data twice", "No status updates",
  "Price changes at checkout", "Confusing error message & no help link",
};

static const char * const opportunities[] = {
  "Proactive SMS updates", "Pre-fill known details", "Show total price up front",
  "Call-back instead of queue", "One-click rebooking",
};

static const struct {
  const char *name;
  const char *unit;
  gboolean    higher_is_better;
  double      scale;
} metric_kinds[] = {
  { "CSAT", "%", TRUE, 100.0 },
  { "NPS", "points", TRUE, 100.0 },
  { "Wait time", "min", FALSE, 30.0 },
  { "Conversion", "%", TRUE, 10.0 },
  { "Churn", "%", FALSE, 5.0 },
};

static const struct {
  const char      *name;
  WaymarkLaneKind  kind;
} lane_specs[] = {
  { "Customer actions", WAYMARK_LANE_CARDS },
  { "Touchpoints", WAYMARK_LANE_CARDS },
  { "Thoughts", WAYMARK_LANE_TEXT },
  { "Emotions", WAYMARK_LANE_EMOTION },
  { "Pain points", WAYMARK_LANE_PAIN_POINTS },
  { "Opportunities", WAYMARK_LANE_OPPORTUNITIES },
  { "Backstage", WAYMARK_LANE_BACKSTAGE },
};

/* Lanes that hold cards: customer actions, touchpoints, backstage. */
static const guint card_lanes[] = { 0, 1, 6 };

/* Quarter steps on the emotion scale, from -2 to +2. */
static double
random_emotion (Rng *rng)
{
  return -2.0 + 0.25 * rng_below (rng, 17);
}

/* Values with a few decimals, as people type them. */
static double
random_value (Rng    *rng,
              double  scale)
{
  return round (rng_below (rng, 10000) / 10000.0 * scale * 10.0) / 10.0;
}

static GStrv
random_strv (Rng                *rng,
             const char * const *words,
             guint               n_words,
             guint               max)
{
  guint n = rng_below (rng, max + 1);
  GStrv strv;

  if (n == 0)
    return NULL;
  strv = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    strv[i] = g_strdup (pick (rng, words, n_words));
  return strv;
}

WaymarkDocument *
waymark_synth_document (guint   n_stages,
                        guint   n_touchpoints,
                        guint32 seed)
{
  g_autoptr(WaymarkDocument) document = waymark_document_new ();
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WaymarkPersona) commuter = NULL;
  g_autoptr(WaymarkPersona) family = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3600);
  Rng rng = { seed != 0 ? seed : 0x9E3779B9u };

  g_return_val_if_fail (n_stages > 0, NULL);

  waymark_document_load_metadata (document,
                                  "Synthetic journey",
                                  "A generated map: every field is filled & some texts need "
                                  "escaping <like this>.",
                                  "Waymark test suite");
  created = g_date_time_new (tz, 2024, 3, 1, 9, 30, 0);
  modified = g_date_time_new (tz, 2024, 3, 2, 17, 5, 12.5);
  waymark_document_set_created (document, created);
  waymark_document_set_modified (document, modified);

  commuter = g_object_new (WAYMARK_TYPE_PERSONA,
                           "id", "pe-1",
                           "name", "Daily commuter",
                           "role", "Office worker, 34",
                           "goals", "Get things done quickly from the phone.",
                           "frustrations", "Queues, repeated questions,\nhidden fees.",
                           "quote", "“Just tell me what happens next.”",
                           "color", "#3584e4",
                           NULL);
  family = g_object_new (WAYMARK_TYPE_PERSONA,
                         "id", "pe-2",
                         "name", "Family planner",
                         "role", "Parent of two",
                         "goals", "Plan ahead, no surprises.",
                         "color", "#e66100",
                         NULL);
  waymark_document_load_persona (document, commuter);
  waymark_document_load_persona (document, family);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autofree char *id = g_strdup_printf ("st-%u", i + 1);
      guint n_names = G_N_ELEMENTS (stage_names);
      g_autofree char *name = n_stages <= n_names
                              ? g_strdup (stage_names[i])
                              : g_strdup_printf ("%s %u", stage_names[i % n_names], i / n_names + 1);
      WaymarkStage *stage = g_object_new (WAYMARK_TYPE_STAGE,
                                          "id", id,
                                          "name", name,
                                          "description", PICK (&rng, descriptions),
                                          "width", 200.0 + 20.0 * rng_below (&rng, 7),
                                          NULL);

      waymark_document_load_stage (document, stage);
      g_ptr_array_add (stages, stage);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lane_specs); i++)
    {
      g_autofree char *id = g_strdup_printf ("ln-%u", i + 1);
      WaymarkLane *lane = waymark_lane_new (id, lane_specs[i].name, lane_specs[i].kind);

      waymark_document_load_lane (document, lane);
      g_ptr_array_add (lanes, lane);
    }

  for (guint i = 0; i < n_touchpoints; i++)
    {
      g_autofree char *id = g_strdup_printf ("tp-%u", i + 1);
      g_autofree char *title = g_strdup_printf ("%s %s", PICK (&rng, verbs), PICK (&rng, objects));
      g_autoptr(WaymarkTouchpoint) touchpoint = NULL;
      g_auto(GStrv) pain_points = NULL;
      g_auto(GStrv) opps = NULL;
      g_autoptr(GPtrArray) metrics = NULL;
      WaymarkStage *stage = g_ptr_array_index (stages, rng_below (&rng, n_stages));
      WaymarkLane *lane = g_ptr_array_index (lanes,
                                             card_lanes[rng_below (&rng,
                                                                   G_N_ELEMENTS (card_lanes))]);
      gboolean has_emotion = rng_below (&rng, 3) != 0;
      guint n_metrics = rng_below (&rng, 4) == 0 ? 1 + rng_below (&rng, 2) : 0;

      pain_points = random_strv (&rng, pains, G_N_ELEMENTS (pains), 2);
      opps = random_strv (&rng, opportunities, G_N_ELEMENTS (opportunities), 1);

      metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
      for (guint m = 0; m < n_metrics; m++)
        {
          guint k = rng_below (&rng, G_N_ELEMENTS (metric_kinds));
          double value = random_value (&rng, metric_kinds[k].scale);
          double target = rng_below (&rng, 3) == 0 ? NAN
                                                   : random_value (&rng, metric_kinds[k].scale);

          g_ptr_array_add (metrics, waymark_metric_new (metric_kinds[k].name, value, target,
                                                        metric_kinds[k].unit,
                                                        metric_kinds[k].higher_is_better));
        }

      touchpoint = g_object_new (WAYMARK_TYPE_TOUCHPOINT,
                                 "id", id,
                                 "title", title,
                                 "description", PICK (&rng, descriptions),
                                 "channel", PICK (&rng, channels),
                                 "owner", PICK (&rng, owners),
                                 "color", PICK (&rng, colors),
                                 "has-emotion", has_emotion,
                                 "emotion", has_emotion ? random_emotion (&rng) : 0.0,
                                 "pain-points", pain_points,
                                 "opportunities", opps,
                                 "metrics", metrics,
                                 NULL);
      waymark_document_load_touchpoint (document, touchpoint, stage, lane);
    }

  for (guint c = 0; c < 3; c++)
    {
      static const struct {
        const char        *id;
        const char        *name;
        WaymarkCurveState  state;
        guint              persona;
      } specs[] = {
        { "cv-1", "Commuter today", WAYMARK_CURVE_CURRENT, 1 },
        { "cv-2", "Commuter after the redesign", WAYMARK_CURVE_FUTURE, 1 },
        { "cv-3", "Family today", WAYMARK_CURVE_CURRENT, 2 },
      };
      g_autoptr(WaymarkCurve) curve = waymark_curve_new (specs[c].id,
                                                         specs[c].persona == 1 ? commuter : family,
                                                         specs[c].state);

      g_object_set (curve, "name", specs[c].name, NULL);
      waymark_document_load_curve (document, curve);
      for (guint i = 0; i < n_stages; i++)
        {
          /* The family curve leaves some stages without a point. */
          if (c == 2 && rng_below (&rng, 4) == 0)
            continue;
          waymark_document_load_curve_value (document, curve, g_ptr_array_index (stages, i),
                                             random_emotion (&rng));
        }
    }

  return g_steal_pointer (&document);
}
