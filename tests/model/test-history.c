/* test-history.c — thousands of random edits, undone and redone byte for byte
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include "waymark-model.h"
#include "waymark-format.h"
#include "waymark-synth.h"

#define N_EDITS 3000

static gpointer
random_item (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  if (n == 0)
    return NULL;
  return g_list_model_get_item (model, g_test_rand_int_range (0, n));
}

static void
random_edit (WaymarkDocument *doc,
             guint            step)
{
  GListModel *stages = waymark_document_get_stages (doc);
  GListModel *lanes = waymark_document_get_lanes (doc);
  g_autoptr(WaymarkStage) stage = random_item (stages);
  g_autoptr(WaymarkLane) lane = random_item (lanes);
  g_autoptr(WaymarkTouchpoint) tp = random_item (waymark_document_get_touchpoints (doc));
  g_autoptr(WaymarkCurve) curve = random_item (waymark_document_get_curves (doc));
  g_autoptr(WaymarkTouchpoint) other = random_item (waymark_document_get_touchpoints (doc));
  g_autoptr(WaymarkOwner) owner = random_item (waymark_document_get_owners (doc));
  g_autoptr(WaymarkView) view = random_item (waymark_document_get_views (doc));
  g_autofree char *text = g_strdup_printf ("Edit %u", step);
  static const char *channels[] = { "web", "app", "email", "phone", "front desk", "chat" };

  switch (g_test_rand_int_range (0, 31))
    {
    case 0:
      if (tp != NULL)
        waymark_document_set_string (doc, WAYMARK_ELEMENT (tp), "title", text);
      break;
    case 1:
      if (tp != NULL)
        waymark_document_set_string (doc, WAYMARK_ELEMENT (tp), "channel",
                                     channels[g_test_rand_int_range (0, G_N_ELEMENTS (channels))]);
      break;
    case 2:
      if (tp != NULL)
        {
          waymark_document_begin_group (doc, "Change Emotion");
          waymark_document_set_boolean (doc, WAYMARK_ELEMENT (tp), "has-emotion", TRUE);
          waymark_document_set_double (doc, WAYMARK_ELEMENT (tp), "emotion",
                                       g_test_rand_int_range (-4, 5) / 2.0);
          waymark_document_end_group (doc);
        }
      break;
    case 3:
      {
        g_autofree char *id = waymark_document_make_id (doc, WAYMARK_TYPE_TOUCHPOINT);
        g_autoptr(WaymarkTouchpoint) card = waymark_touchpoint_new (id, text);

        waymark_document_add_touchpoint (doc, card, stage, lane, g_test_rand_int_range (-1, 4));
      }
      break;
    case 4:
      if (tp != NULL)
        waymark_document_remove_touchpoint (doc, tp);
      break;
    case 5:
    case 6:
      if (tp != NULL)
        waymark_document_move_touchpoint (doc, tp, stage, lane, g_test_rand_int_range (-1, 4));
      break;
    case 7:
      {
        g_autofree char *id = waymark_document_make_id (doc, WAYMARK_TYPE_STAGE);
        g_autoptr(WaymarkStage) new_stage = waymark_stage_new (id, text);

        waymark_document_insert_stage (doc, new_stage,
                                       g_test_rand_int_range (-1, g_list_model_get_n_items (stages) + 1));
      }
      break;
    case 8:
      if (g_list_model_get_n_items (stages) > 2)
        waymark_document_remove_stage (doc, stage);
      break;
    case 9:
      waymark_document_move_stage (doc, stage,
                                   g_test_rand_int_range (0, g_list_model_get_n_items (stages)));
      break;
    case 10:
      waymark_document_move_lane (doc, lane,
                                  g_test_rand_int_range (0, g_list_model_get_n_items (lanes)));
      break;
    case 11:
      if (curve != NULL)
        waymark_document_set_curve_value (doc, curve, stage,
                                          g_test_rand_int_range (-8, 9) / 4.0, FALSE);
      break;
    case 12:
      if (curve != NULL)
        waymark_document_unset_curve_value (doc, curve, stage);
      break;
    case 13:
      waymark_document_set_double (doc, WAYMARK_ELEMENT (stage), "width",
                                   g_test_rand_int_range (80, 600));
      break;
    /* Format version 2 */
    case 14:
      if (tp != NULL && other != NULL && tp != other)
        waymark_document_link (doc, tp, other);
      break;
    case 15:
      if (tp != NULL && other != NULL && tp != other)
        waymark_document_unlink (doc, tp, other);
      break;
    case 16:
      if (curve != NULL && waymark_curve_get_value (curve, stage, NULL))
        waymark_document_set_curve_note (doc, curve, stage,
                                         g_test_rand_bit () ? text : NULL);
      break;
    case 17:
      {
        g_autofree char *id = waymark_document_make_id (doc, WAYMARK_TYPE_OWNER);
        g_autoptr(WaymarkOwner) new_owner = waymark_owner_new (id, text, "#1c71d8");

        waymark_document_add_owner (doc, new_owner, g_test_rand_int_range (-1, 3));
      }
      break;
    case 18:
      if (owner != NULL)
        {
          if (g_test_rand_bit ())
            waymark_document_rename_owner (doc, owner, text);
          else
            waymark_document_remove_owner (doc, owner);
        }
      break;
    case 19:
      if (tp != NULL && owner != NULL)
        waymark_document_set_string (doc, WAYMARK_ELEMENT (tp), "owner",
                                     waymark_owner_get_name (owner));
      break;
    case 20:
      waymark_document_set_boolean (doc, WAYMARK_ELEMENT (lane), g_test_rand_bit () ? "hidden" : "collapsed",
                                    g_test_rand_bit ());
      break;
    case 21:
      if (curve != NULL)
        waymark_document_set_boolean (doc, WAYMARK_ELEMENT (curve), "visible", g_test_rand_bit ());
      break;
    case 22:
      if (view == NULL || g_test_rand_bit ())
        {
          g_autoptr(WaymarkView) new_view = waymark_document_capture_view (doc, text);

          waymark_document_add_view (doc, new_view);
        }
      else if (g_test_rand_bit ())
        waymark_document_apply_view (doc, view);
      else
        waymark_document_remove_view (doc, view);
      break;
    case 23:
      {
        static const char * const names[] = { "Low", "", "Mid", "", "High", "", "Top", NULL };
        int min = g_test_rand_int_range (-3, 1);
        int max = min + g_test_rand_int_range (2, 7);
        g_auto(GStrv) levels = g_new0 (char *, max - min + 2);

        for (int i = 0; i <= max - min; i++)
          levels[i] = g_strdup (names[i]);
        waymark_document_set_emotion_scale (doc, min, max,
                                            g_test_rand_bit () ? (const char * const *) levels : NULL);
      }
      break;
    case 24:
      if (tp != NULL)
        waymark_document_set_boolean (doc, WAYMARK_ELEMENT (tp), "moment-of-truth",
                                      g_test_rand_bit ());
      break;
    case 25:
      {
        g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
        g_auto(GValue) value = G_VALUE_INIT;

        if (g_test_rand_bit ())
          g_ptr_array_add (metrics, waymark_metric_new (text, g_test_rand_int_range (0, 100),
                                                        g_test_rand_int_range (0, 100), "%", TRUE));
        g_value_init (&value, G_TYPE_PTR_ARRAY);
        g_value_set_boxed (&value, metrics);
        waymark_document_set_property (doc, WAYMARK_ELEMENT (stage), "metrics", &value, FALSE);
      }
      break;
    case 26:
      {
        g_autofree char *id = waymark_document_make_id (doc, WAYMARK_TYPE_LANE);
        g_autoptr(WaymarkLane) new_lane =
          waymark_lane_new (id, text, (WaymarkLaneKind) g_test_rand_int_range (0, WAYMARK_LANE_METRICS + 1));

        waymark_document_insert_lane (doc, new_lane,
                                      g_test_rand_int_range (-1, g_list_model_get_n_items (lanes) + 1));
      }
      break;
    case 27:
      /* Takes its cards, their links and its place in every view. */
      if (g_list_model_get_n_items (lanes) > 3)
        waymark_document_remove_lane (doc, lane);
      break;
    case 28:
      {
        g_autoptr(WaymarkPersona) persona = random_item (waymark_document_get_personas (doc));
        g_autofree char *id = waymark_document_make_id (doc, WAYMARK_TYPE_CURVE);
        g_autoptr(WaymarkCurve) new_curve =
          waymark_curve_new (id, persona, g_test_rand_bit () ? WAYMARK_CURVE_CURRENT : WAYMARK_CURVE_FUTURE);

        waymark_document_add_curve (doc, new_curve);
      }
      break;
    case 29:
      if (curve != NULL && g_list_model_get_n_items (waymark_document_get_curves (doc)) > 1)
        waymark_document_remove_curve (doc, curve);
      break;
    case 30:
      {
        static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
        g_autoptr(WaymarkPersona) persona = random_item (waymark_document_get_personas (doc));

        if (persona == NULL || g_test_rand_int_range (0, 4) == 0)
          {
            g_autofree char *id = waymark_document_make_id (doc, WAYMARK_TYPE_PERSONA);
            g_autoptr(WaymarkPersona) new_persona = waymark_persona_new (id, text);

            waymark_document_add_persona (doc, new_persona);
          }
        else if (g_test_rand_int_range (0, 4) == 0)
          waymark_document_remove_persona (doc, persona);
        else
          {
            g_autoptr(GBytes) picture = g_bytes_new (png, sizeof png - g_test_rand_int_range (0, 4));
            g_auto(GValue) value = G_VALUE_INIT;

            g_value_init (&value, G_TYPE_BYTES);
            g_value_set_boxed (&value, g_test_rand_bit () ? picture : NULL);
            waymark_document_set_property (doc, WAYMARK_ELEMENT (persona), "picture", &value, FALSE);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
assert_bytes_equal (GBytes *expected,
                    GBytes *actual)
{
  if (!g_bytes_equal (expected, actual))
    {
      g_autofree char *a = g_strndup (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
      g_autofree char *b = g_strndup (g_bytes_get_data (actual, NULL), g_bytes_get_size (actual));

      g_assert_cmpstr (a, ==, b);
    }
}

static void
assert_reads_back (WaymarkDocument *doc)
{
  g_autoptr(GBytes) bytes = waymark_format_write (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) again = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  int line = 0;
  int column = 0;

  again = waymark_format_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               &line, &column, &error);
  if (again == NULL)
    g_error ("A saved map does not open: line %d, column %d: %s", line, column, error->message);
  g_assert_null (waymark_format_get_warnings (again));
  rewritten = waymark_format_write (again);
  assert_bytes_equal (bytes, rewritten);
}

static void
test_random_edits (void)
{
  g_autoptr(WaymarkDocument) doc = waymark_synth_document (8, 60, 7);
  g_autoptr(GBytes) original = waymark_format_write (doc);
  g_autoptr(GBytes) final = NULL;
  g_autoptr(GBytes) after_undo = NULL;
  g_autoptr(GBytes) after_redo = NULL;
  guint undone = 0;
  guint redone = 0;

  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autoptr(GBytes) before = waymark_format_write (doc);
      g_autoptr(GBytes) after = NULL;
      g_autofree char *label = g_strdup (waymark_document_get_undo_label (doc));
      gboolean merged;

      random_edit (doc, i);
      after = waymark_format_write (doc);
      /* Each step on its own: undone, the bytes from before it; redone,
       * the bytes after it. A note typed into the note of the step
       * before merges with it, so its undo goes back further. */
      merged = g_strcmp0 (label, "Edit Note") == 0
               && g_strcmp0 (waymark_document_get_undo_label (doc), "Edit Note") == 0;
      if (!g_bytes_equal (before, after))
        {
          g_autoptr(GBytes) step_undone = NULL;
          g_autoptr(GBytes) step_redone = NULL;

          g_assert_true (waymark_document_undo (doc));
          step_undone = waymark_format_write (doc);
          if (!merged)
            assert_bytes_equal (before, step_undone);
          g_assert_true (waymark_document_redo (doc));
          step_redone = waymark_format_write (doc);
          assert_bytes_equal (after, step_redone);
        }
      /* Whatever the edits made, the map saves to a file that opens
       * again, to the same bytes, without repairs. */
      if (i % 50 == 49)
        assert_reads_back (doc);
    }
  final = waymark_format_write (doc);
  g_assert_false (g_bytes_equal (original, final));
  g_assert_true (waymark_document_get_modified_since_save (doc));

  while (waymark_document_undo (doc))
    undone++;
  g_test_message ("%u edits made %u undo steps", N_EDITS, undone);
  g_assert_cmpuint (undone, >, N_EDITS / 2);
  after_undo = waymark_format_write (doc);
  assert_bytes_equal (original, after_undo);
  g_assert_false (waymark_document_get_modified_since_save (doc));

  while (waymark_document_redo (doc))
    redone++;
  g_assert_cmpuint (redone, ==, undone);
  after_redo = waymark_format_write (doc);
  assert_bytes_equal (final, after_redo);
  assert_reads_back (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/random-edits", test_random_edits);

  return g_test_run ();
}
