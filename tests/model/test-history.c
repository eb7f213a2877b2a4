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
  g_autofree char *text = g_strdup_printf ("Edit %u", step);
  static const char *channels[] = { "web", "app", "email", "phone", "front desk", "chat" };

  switch (g_test_rand_int_range (0, 14))
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
    random_edit (doc, i);
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
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/random-edits", test_random_edits);

  return g_test_run ();
}
