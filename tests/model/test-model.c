/* test-model.c — behaviour of the journey-map model and its history
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <math.h>

#include "waymark-model.h"
#include "waymark-document-loader.h"

typedef struct
{
  WaymarkDocument *doc;
  WaymarkStage    *stages[3];
  WaymarkLane     *lanes[2];
} Fixture;

typedef struct
{
  WaymarkChangeKind kind;
  char             *id;
  char             *detail;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->id);
  g_free (change->detail);
  g_free (change);
}

static void
on_changed (WaymarkDocument   *doc,
            WaymarkChangeKind  kind,
            WaymarkElement    *element,
            const char        *detail,
            GPtrArray         *log)
{
  Change *change = g_new0 (Change, 1);

  change->kind = kind;
  change->id = g_strdup (element != NULL ? waymark_element_get_id (element) : "map");
  change->detail = g_strdup (detail);
  g_ptr_array_add (log, change);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *stage_names[] = { "Discover", "Book", "Stay" };
  static const char *lane_names[] = { "Touchpoints", "Backstage" };

  fixture->doc = waymark_document_new ();
  for (guint i = 0; i < G_N_ELEMENTS (fixture->stages); i++)
    {
      g_autofree char *id = g_strdup_printf ("st-%u", i + 1);
      fixture->stages[i] = waymark_stage_new (id, stage_names[i]);
      g_assert_true (waymark_document_load_stage (fixture->doc, fixture->stages[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture->lanes); i++)
    {
      g_autofree char *id = g_strdup_printf ("ln-%u", i + 1);
      fixture->lanes[i] = waymark_lane_new (id, lane_names[i],
                                            i == 0 ? WAYMARK_LANE_CARDS : WAYMARK_LANE_BACKSTAGE);
      g_assert_true (waymark_document_load_lane (fixture->doc, fixture->lanes[i]));
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->stages); i++)
    g_object_unref (fixture->stages[i]);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->lanes); i++)
    g_object_unref (fixture->lanes[i]);
  g_assert_finalize_object (fixture->doc);
}

/* The titles of a cell's cards, joined with commas. */
static char *
cell_titles (Fixture *fixture,
             guint    stage,
             guint    lane)
{
  g_autoptr(GPtrArray) cell = waymark_document_get_cell (fixture->doc,
                                                         fixture->stages[stage],
                                                         fixture->lanes[lane]);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cell->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, waymark_touchpoint_get_title (g_ptr_array_index (cell, i)));
    }
  return g_string_free (out, FALSE);
}

#define assert_cell(f, s, l, expected)                         \
  G_STMT_START {                                               \
    g_autofree char *titles_ = cell_titles ((f), (s), (l));    \
    g_assert_cmpstr (titles_, ==, (expected));                 \
  } G_STMT_END

static WaymarkTouchpoint *
add_card (Fixture    *fixture,
          const char *title,
          guint       stage,
          guint       lane,
          int         index)
{
  g_autofree char *id = waymark_document_make_id (fixture->doc, WAYMARK_TYPE_TOUCHPOINT);
  WaymarkTouchpoint *tp = waymark_touchpoint_new (id, title);

  waymark_document_add_touchpoint (fixture->doc, tp, fixture->stages[stage],
                                   fixture->lanes[lane], index);
  g_object_unref (tp);
  return tp;
}

static void
test_cells_and_order (Fixture       *fixture,
                      gconstpointer  data)
{
  WaymarkTouchpoint *a = add_card (fixture, "A", 0, 0, -1);
  WaymarkTouchpoint *b = add_card (fixture, "B", 0, 0, -1);
  WaymarkTouchpoint *c = add_card (fixture, "C", 0, 0, 0);

  add_card (fixture, "D", 1, 1, -1);

  assert_cell (fixture, 0, 0, "C,A,B");
  assert_cell (fixture, 1, 1, "D");
  assert_cell (fixture, 2, 0, "");
  g_assert_cmpuint (waymark_document_get_index_in_cell (fixture->doc, b), ==, 2);

  /* Move within the cell, to the end and to the front. */
  waymark_document_move_touchpoint (fixture->doc, c, fixture->stages[0], fixture->lanes[0], -1);
  assert_cell (fixture, 0, 0, "A,B,C");
  waymark_document_move_touchpoint (fixture->doc, b, fixture->stages[0], fixture->lanes[0], 0);
  assert_cell (fixture, 0, 0, "B,A,C");
  /* Index counts the other cards: after the first other card. */
  waymark_document_move_touchpoint (fixture->doc, b, fixture->stages[0], fixture->lanes[0], 1);
  assert_cell (fixture, 0, 0, "A,B,C");

  /* Across stages and lanes. */
  waymark_document_move_touchpoint (fixture->doc, a, fixture->stages[2], fixture->lanes[1], 0);
  assert_cell (fixture, 0, 0, "B,C");
  assert_cell (fixture, 2, 1, "A");
  g_assert_true (waymark_touchpoint_get_stage (a) == fixture->stages[2]);
  g_assert_true (waymark_touchpoint_get_lane (a) == fixture->lanes[1]);
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Move Touchpoint");

  waymark_document_undo (fixture->doc);
  assert_cell (fixture, 0, 0, "A,B,C");
  assert_cell (fixture, 2, 1, "");
  g_assert_true (waymark_touchpoint_get_stage (a) == fixture->stages[0]);

  /* Undo everything: the cards go away in reverse. */
  while (waymark_document_undo (fixture->doc))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (fixture->doc)),
                    ==, 0);
  g_assert_null (waymark_document_lookup (fixture->doc, "tp-1"));
  g_assert_null (waymark_element_get_document (WAYMARK_ELEMENT (a)) == NULL ? NULL : a);

  while (waymark_document_redo (fixture->doc))
    ;
  assert_cell (fixture, 0, 0, "B,C");
  assert_cell (fixture, 2, 1, "A");
  assert_cell (fixture, 1, 1, "D");
  g_assert_true (waymark_document_lookup (fixture->doc, waymark_element_get_id (WAYMARK_ELEMENT (a)))
                 == WAYMARK_ELEMENT (a));
}

static void
test_signals (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (change_free);
  WaymarkTouchpoint *tp;
  Change *change;

  g_signal_connect (fixture->doc, "changed", G_CALLBACK (on_changed), log);

  tp = add_card (fixture, "Welcome email", 1, 0, -1);
  g_assert_cmpuint (log->len, ==, 1);
  change = g_ptr_array_index (log, 0);
  g_assert_cmpint (change->kind, ==, WAYMARK_CHANGE_INSERTED);
  g_assert_cmpstr (change->id, ==, "tp-1");

  waymark_document_set_string (fixture->doc, WAYMARK_ELEMENT (tp), "channel", "email");
  g_assert_cmpuint (log->len, ==, 2);
  change = g_ptr_array_index (log, 1);
  g_assert_cmpint (change->kind, ==, WAYMARK_CHANGE_PROPERTY);
  g_assert_cmpstr (change->detail, ==, "channel");
  g_assert_cmpstr (waymark_touchpoint_get_channel (tp), ==, "email");

  /* Setting the same value again is not an edit. */
  waymark_document_set_string (fixture->doc, WAYMARK_ELEMENT (tp), "channel", "email");
  g_assert_cmpuint (log->len, ==, 2);

  waymark_document_set_string (fixture->doc, NULL, "title", "Hotel stay");
  change = g_ptr_array_index (log, 2);
  g_assert_cmpstr (change->id, ==, "map");
  g_assert_cmpstr (change->detail, ==, "title");
  g_assert_cmpstr (waymark_document_get_title (fixture->doc), ==, "Hotel stay");
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Rename Map");

  /* Undo emits too, so views redraw for free. */
  waymark_document_undo (fixture->doc);
  g_assert_cmpuint (log->len, ==, 4);
  change = g_ptr_array_index (log, 3);
  g_assert_cmpstr (change->detail, ==, "title");
  g_assert_cmpstr (waymark_document_get_title (fixture->doc), ==, "");

  waymark_document_move_stage (fixture->doc, fixture->stages[2], 0);
  change = g_ptr_array_index (log, log->len - 1);
  g_assert_cmpint (change->kind, ==, WAYMARK_CHANGE_MOVED);
  g_assert_cmpstr (change->id, ==, "st-3");
  g_assert_cmpint (waymark_document_get_stage_index (fixture->doc, fixture->stages[2]), ==, 0);
  g_assert_cmpint (waymark_document_get_stage_index (fixture->doc, fixture->stages[0]), ==, 1);

  g_signal_handlers_disconnect_by_func (fixture->doc, on_changed, log);
}

static void
test_merge_and_modified (Fixture       *fixture,
                         gconstpointer  data)
{
  WaymarkStage *stage = fixture->stages[0];
  g_auto(GValue) value = G_VALUE_INIT;
  const char *typing[] = { "A", "Aw", "Awa", "Awar", "Aware" };

  g_assert_false (waymark_document_get_modified_since_save (fixture->doc));
  g_assert_false (waymark_document_can_undo (fixture->doc));

  g_value_init (&value, G_TYPE_STRING);
  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    {
      g_value_set_string (&value, typing[i]);
      waymark_document_set_property (fixture->doc, WAYMARK_ELEMENT (stage), "name", &value, TRUE);
    }
  g_assert_cmpstr (waymark_stage_get_name (stage), ==, "Aware");
  g_assert_true (waymark_document_get_modified_since_save (fixture->doc));

  /* Typing is one step. */
  g_assert_true (waymark_document_undo (fixture->doc));
  g_assert_cmpstr (waymark_stage_get_name (stage), ==, "Discover");
  g_assert_false (waymark_document_can_undo (fixture->doc));
  g_assert_false (waymark_document_get_modified_since_save (fixture->doc));
  g_assert_cmpstr (waymark_document_get_redo_label (fixture->doc), ==, "Rename Stage");

  g_assert_true (waymark_document_redo (fixture->doc));
  waymark_document_mark_saved (fixture->doc);
  g_assert_false (waymark_document_get_modified_since_save (fixture->doc));

  /* Typing after a save does not merge into the saved step. */
  g_value_set_string (&value, "Awareness");
  waymark_document_set_property (fixture->doc, WAYMARK_ELEMENT (stage), "name", &value, TRUE);
  g_assert_true (waymark_document_get_modified_since_save (fixture->doc));
  waymark_document_undo (fixture->doc);
  g_assert_cmpstr (waymark_stage_get_name (stage), ==, "Aware");
  g_assert_false (waymark_document_get_modified_since_save (fixture->doc));

  /* Undo past the save point, then a new edit: the saved state is gone. */
  waymark_document_undo (fixture->doc);
  g_assert_true (waymark_document_get_modified_since_save (fixture->doc));
  waymark_document_set_double (fixture->doc, WAYMARK_ELEMENT (stage), "width", 300.0);
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Resize Stage");
  g_assert_false (waymark_document_can_redo (fixture->doc));
  g_assert_true (waymark_document_get_modified_since_save (fixture->doc));
  waymark_document_undo (fixture->doc);
  g_assert_true (waymark_document_get_modified_since_save (fixture->doc));
}

static void
test_groups (Fixture       *fixture,
             gconstpointer  data)
{
  WaymarkTouchpoint *a = add_card (fixture, "A", 0, 0, -1);
  WaymarkTouchpoint *b = add_card (fixture, "B", 0, 0, -1);

  waymark_document_begin_group (fixture->doc, "Move Touchpoints");
  waymark_document_move_touchpoint (fixture->doc, a, fixture->stages[2], fixture->lanes[0], -1);
  waymark_document_begin_group (fixture->doc, "Inner");
  waymark_document_move_touchpoint (fixture->doc, b, fixture->stages[2], fixture->lanes[0], -1);
  waymark_document_end_group (fixture->doc);
  g_assert_false (waymark_document_can_undo (fixture->doc));
  waymark_document_end_group (fixture->doc);

  assert_cell (fixture, 2, 0, "A,B");
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Move Touchpoints");
  waymark_document_undo (fixture->doc);
  assert_cell (fixture, 0, 0, "A,B");
  assert_cell (fixture, 2, 0, "");
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Add Touchpoint");

  /* An empty group leaves no step behind. */
  waymark_document_begin_group (fixture->doc, "Nothing");
  waymark_document_end_group (fixture->doc);
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Add Touchpoint");
}

static void
test_remove_stage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(WaymarkPersona) persona = waymark_persona_new ("pe-1", "Frequent business traveller");
  g_autoptr(WaymarkCurve) curve = NULL;
  WaymarkStage *stage = fixture->stages[1];
  double value = 0.0;

  add_card (fixture, "A", 1, 0, -1);
  add_card (fixture, "B", 1, 1, -1);
  add_card (fixture, "C", 0, 0, -1);
  waymark_document_add_persona (fixture->doc, persona);
  curve = waymark_curve_new ("cv-1", persona, WAYMARK_CURVE_CURRENT);
  waymark_document_add_curve (fixture->doc, curve);
  waymark_document_set_curve_value (fixture->doc, curve, fixture->stages[0], 1.0, FALSE);
  waymark_document_set_curve_value (fixture->doc, curve, stage, -7.0, FALSE);
  /* Clamped to the scale. */
  g_assert_true (waymark_curve_get_value (curve, stage, &value));
  g_assert_cmpfloat (value, ==, WAYMARK_EMOTION_MIN);

  waymark_document_remove_stage (fixture->doc, stage);
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Delete Stage");
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (fixture->doc)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (fixture->doc)), ==, 1);
  g_assert_false (waymark_curve_get_value (curve, stage, NULL));
  g_assert_cmpuint (waymark_curve_get_n_values (curve), ==, 1);
  g_assert_null (waymark_document_lookup (fixture->doc, "st-2"));

  waymark_document_undo (fixture->doc);
  g_assert_cmpint (waymark_document_get_stage_index (fixture->doc, stage), ==, 1);
  assert_cell (fixture, 1, 0, "A");
  assert_cell (fixture, 1, 1, "B");
  g_assert_true (waymark_curve_get_value (curve, stage, &value));
  g_assert_cmpfloat (value, ==, WAYMARK_EMOTION_MIN);

  /* Removing a persona leaves its curves without one, and undo restores it. */
  waymark_document_remove_persona (fixture->doc, persona);
  g_assert_null (waymark_curve_get_persona (curve));
  waymark_document_undo (fixture->doc);
  g_assert_true (waymark_curve_get_persona (curve) == persona);
}

static void
test_ids (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autoptr(WaymarkStage) clash = waymark_stage_new ("st-2", "Clash");

  id1 = waymark_document_make_id (fixture->doc, WAYMARK_TYPE_STAGE);
  g_assert_cmpstr (id1, ==, "st-4");
  g_assert_null (waymark_document_lookup (fixture->doc, id1));
  g_assert_true (waymark_document_lookup (fixture->doc, "st-2") ==
                 WAYMARK_ELEMENT (fixture->stages[1]));
  g_assert_true (waymark_document_lookup (fixture->doc, "ln-2") ==
                 WAYMARK_ELEMENT (fixture->lanes[1]));

  /* The loader refuses a second element with the same id. */
  g_assert_false (waymark_document_load_stage (fixture->doc, clash));

  id2 = waymark_document_make_id (fixture->doc, WAYMARK_TYPE_LANE);
  g_assert_cmpstr (id2, ==, "ln-3");

  /* Inserting an element whose id is taken is a programming error. */
  if (g_test_undefined ())
    {
      g_test_expect_message ("waymark-model", G_LOG_LEVEL_CRITICAL, "*already used*");
      waymark_document_insert_stage (fixture->doc, clash, -1);
      g_test_assert_expected_messages ();
      g_assert_false (waymark_document_can_undo (fixture->doc));
    }
}

static void
test_touchpoint_properties (Fixture       *fixture,
                            gconstpointer  data)
{
  WaymarkTouchpoint *tp = add_card (fixture, "Check-in desk", 2, 0, -1);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  const char *pains[] = { "Queue at 3 pm", "Room not ready", NULL };
  g_auto(GValue) value = G_VALUE_INIT;
  WaymarkMetric *wait;

  g_ptr_array_add (metrics, waymark_metric_new ("Wait time", 12, 5, "min", FALSE));
  g_ptr_array_add (metrics, waymark_metric_new ("CSAT", 4.5, NAN, "", TRUE));

  g_value_init (&value, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (&value, metrics);
  waymark_document_set_property (fixture->doc, WAYMARK_ELEMENT (tp), "metrics", &value, FALSE);
  g_value_unset (&value);

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, pains);
  waymark_document_set_property (fixture->doc, WAYMARK_ELEMENT (tp), "pain-points", &value, FALSE);

  /* Our array is copied: changing it later changes nothing in the map. */
  g_ptr_array_set_size (metrics, 0);
  g_assert_cmpuint (waymark_touchpoint_get_metrics (tp)->len, ==, 2);
  wait = g_ptr_array_index (waymark_touchpoint_get_metrics (tp), 0);
  g_assert_cmpstr (waymark_metric_get_unit (wait), ==, "min");
  g_assert_false (waymark_metric_is_on_target (wait));
  g_assert_false (waymark_metric_has_target (g_ptr_array_index (waymark_touchpoint_get_metrics (tp), 1)));
  g_assert_cmpstrv (waymark_touchpoint_get_pain_points (tp), pains);
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Edit Touchpoint");

  waymark_document_set_boolean (fixture->doc, WAYMARK_ELEMENT (tp), "has-emotion", TRUE);
  waymark_document_set_double (fixture->doc, WAYMARK_ELEMENT (tp), "emotion", -1.5);
  g_assert_cmpstr (waymark_document_get_undo_label (fixture->doc), ==, "Change Emotion");
  g_assert_cmpfloat (waymark_touchpoint_get_emotion (tp), ==, -1.5);

  waymark_document_undo (fixture->doc);
  waymark_document_undo (fixture->doc);
  waymark_document_undo (fixture->doc);
  g_assert_cmpuint (g_strv_length ((char **) waymark_touchpoint_get_pain_points (tp)), ==, 0);
  waymark_document_undo (fixture->doc);
  g_assert_cmpuint (waymark_touchpoint_get_metrics (tp)->len, ==, 0);
  g_assert_false (waymark_touchpoint_has_emotion (tp));
}

static void
test_metric_targets (void)
{
  g_autoptr(WaymarkMetric) nps = waymark_metric_new ("NPS", 42, 40, "", TRUE);
  g_autoptr(WaymarkMetric) churn = waymark_metric_new ("Churn", 3.1, 2.5, "%", FALSE);
  g_autoptr(WaymarkMetric) churn2 = waymark_metric_new ("Churn", 3.1, 2.5, "%", FALSE);

  g_assert_true (waymark_metric_is_on_target (nps));
  g_assert_false (waymark_metric_is_on_target (churn));
  g_assert_true (waymark_metric_equal (churn, churn2));
  g_assert_false (waymark_metric_equal (churn, nps));
}

static void
test_enums (void)
{
  WaymarkLaneKind kind;
  WaymarkCurveState state;

  g_assert_true (waymark_lane_kind_from_string ("pain-points", &kind));
  g_assert_cmpint (kind, ==, WAYMARK_LANE_PAIN_POINTS);
  g_assert_cmpstr (waymark_lane_kind_to_string (WAYMARK_LANE_BACKSTAGE), ==, "backstage");
  g_assert_false (waymark_lane_kind_from_string ("swimlane", &kind));
  g_assert_true (waymark_curve_state_from_string ("future", &state));
  g_assert_cmpint (state, ==, WAYMARK_CURVE_FUTURE);
  g_assert_false (waymark_curve_state_from_string (NULL, &state));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/model/cells-and-order", test_cells_and_order);
  ADD ("/model/signals", test_signals);
  ADD ("/model/merge-and-modified", test_merge_and_modified);
  ADD ("/model/groups", test_groups);
  ADD ("/model/remove-stage", test_remove_stage);
  ADD ("/model/ids", test_ids);
  ADD ("/model/touchpoint-properties", test_touchpoint_properties);
  g_test_add_func ("/model/metric-targets", test_metric_targets);
  g_test_add_func ("/model/enums", test_enums);

  return g_test_run ();
}
