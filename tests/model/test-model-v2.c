/* test-model-v2.c — what format version 2 adds to the model: the emotion
 * scale, owners, views, links, point notes, moments of truth, pictures
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
  WaymarkStage    *stages[4];
  WaymarkLane     *lanes[3];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *stage_names[] = { "Discover", "Book", "Arrive", "Stay" };
  static const WaymarkLaneKind kinds[] = {
    WAYMARK_LANE_CARDS, WAYMARK_LANE_EMOTION, WAYMARK_LANE_BACKSTAGE
  };

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
      fixture->lanes[i] = waymark_lane_new (id, "Lane", kinds[i]);
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

static WaymarkTouchpoint *
add_card (Fixture    *fixture,
          const char *title,
          guint       stage,
          guint       lane)
{
  g_autofree char *id = waymark_document_make_id (fixture->doc, WAYMARK_TYPE_TOUCHPOINT);
  g_autoptr(WaymarkTouchpoint) tp = waymark_touchpoint_new (id, title);

  waymark_document_add_touchpoint (fixture->doc, tp, fixture->stages[stage],
                                   fixture->lanes[lane], -1);
  return tp;   /* the document holds it */
}

static WaymarkCurve *
add_curve (Fixture *fixture)
{
  g_autofree char *id = waymark_document_make_id (fixture->doc, WAYMARK_TYPE_CURVE);
  g_autoptr(WaymarkCurve) curve = waymark_curve_new (id, NULL, WAYMARK_CURVE_CURRENT);

  waymark_document_add_curve (fixture->doc, curve);
  return curve;
}

static void
test_emotion_scale (Fixture       *fixture,
                    gconstpointer  data)
{
  WaymarkDocument *doc = fixture->doc;
  static const char * const levels[] = { "Furious", "", "Meh", "Fine", "Glad", "Thrilled", NULL };
  WaymarkCurve *curve;
  double value = 0;

  /* A new map has the default scale and no level names. */
  g_assert_cmpint (waymark_document_get_emotion_min (doc), ==, -2);
  g_assert_cmpint (waymark_document_get_emotion_max (doc), ==, 2);
  g_assert_null (waymark_document_get_emotion_levels (doc));
  g_assert_null (waymark_document_get_emotion_level_name (doc, 1.0));

  waymark_document_set_emotion_scale (doc, 0, 5, levels);
  g_assert_cmpint (waymark_document_get_emotion_min (doc), ==, 0);
  g_assert_cmpint (waymark_document_get_emotion_max (doc), ==, 5);
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Change Emotion Scale");
  g_assert_cmpstr (waymark_document_get_emotion_level_name (doc, 0.2), ==, "Furious");
  g_assert_null (waymark_document_get_emotion_level_name (doc, 1.0));   /* unnamed level */
  g_assert_cmpstr (waymark_document_get_emotion_level_name (doc, 4.6), ==, "Thrilled");
  g_assert_cmpstr (waymark_document_get_emotion_level_name (doc, 99), ==, "Thrilled");
  g_assert_cmpfloat (waymark_document_clamp_emotion (doc, -3), ==, 0);

  /* Curve values are clamped to the map's scale, not the default one. */
  curve = add_curve (fixture);
  waymark_document_set_curve_value (doc, curve, fixture->stages[0], 4.5, FALSE);
  g_assert_true (waymark_curve_get_value (curve, fixture->stages[0], &value));
  g_assert_cmpfloat (value, ==, 4.5);
  waymark_document_set_curve_value (doc, curve, fixture->stages[1], 7, FALSE);
  g_assert_true (waymark_curve_get_value (curve, fixture->stages[1], &value));
  g_assert_cmpfloat (value, ==, 5);

  /* One undo step takes back the whole scale change. */
  while (g_strcmp0 (waymark_document_get_undo_label (doc), "Change Emotion Scale") != 0)
    g_assert_true (waymark_document_undo (doc));
  g_assert_true (waymark_document_undo (doc));
  g_assert_cmpint (waymark_document_get_emotion_min (doc), ==, -2);
  g_assert_cmpint (waymark_document_get_emotion_max (doc), ==, 2);
  g_assert_null (waymark_document_get_emotion_levels (doc));
  g_assert_true (waymark_document_redo (doc));
  g_assert_cmpstr (waymark_document_get_emotion_levels (doc)[5], ==, "Thrilled");
}

static void
test_owners (Fixture       *fixture,
             gconstpointer  data)
{
  WaymarkDocument *doc = fixture->doc;
  g_autoptr(WaymarkOwner) front = waymark_owner_new ("ow-1", "Front office", "#e66100");
  WaymarkTouchpoint *desk = add_card (fixture, "Desk", 2, 0);
  WaymarkTouchpoint *keys = add_card (fixture, "Keys", 2, 0);
  WaymarkTouchpoint *web = add_card (fixture, "Web", 1, 0);

  waymark_document_set_string (doc, WAYMARK_ELEMENT (desk), "owner", "Front office");
  waymark_document_set_string (doc, WAYMARK_ELEMENT (keys), "owner", "Front office");
  waymark_document_set_string (doc, WAYMARK_ELEMENT (web), "owner", "Digital");

  waymark_document_add_owner (doc, front, -1);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_owners (doc)), ==, 1);
  g_assert_true (waymark_document_lookup_owner (doc, "Front office") == front);
  g_assert_null (waymark_document_lookup_owner (doc, "Digital"));
  g_assert_null (waymark_document_lookup_owner (doc, ""));

  /* Renaming an owner renames its cards' owner, in one step. */
  waymark_document_rename_owner (doc, front, "Reception");
  g_assert_cmpstr (waymark_owner_get_name (front), ==, "Reception");
  g_assert_cmpstr (waymark_touchpoint_get_owner (desk), ==, "Reception");
  g_assert_cmpstr (waymark_touchpoint_get_owner (keys), ==, "Reception");
  g_assert_cmpstr (waymark_touchpoint_get_owner (web), ==, "Digital");
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Rename Owner");
  g_assert_true (waymark_document_undo (doc));
  g_assert_cmpstr (waymark_touchpoint_get_owner (desk), ==, "Front office");
  g_assert_cmpstr (waymark_owner_get_name (front), ==, "Front office");

  /* Removing an owner leaves its cards' owner name alone. */
  waymark_document_remove_owner (doc, front);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_owners (doc)), ==, 0);
  g_assert_cmpstr (waymark_touchpoint_get_owner (desk), ==, "Front office");
  g_assert_true (waymark_document_undo (doc));
  g_assert_true (waymark_document_lookup_owner (doc, "Front office") == front);
}

static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  WaymarkDocument *doc = fixture->doc;
  WaymarkTouchpoint *desk = add_card (fixture, "Desk", 2, 0);
  WaymarkTouchpoint *web = add_card (fixture, "Web", 1, 0);
  WaymarkTouchpoint *pms = add_card (fixture, "Property system", 2, 2);
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(WaymarkTouchpoint) keep = g_object_ref (desk);

  waymark_document_link (doc, pms, desk);
  waymark_document_link (doc, web, pms);
  waymark_document_link (doc, desk, pms);   /* already linked: nothing */
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Link Cards");
  g_assert_cmpstr (waymark_touchpoint_get_links (pms)[0], ==, waymark_element_get_id (WAYMARK_ELEMENT (desk)));
  g_assert_null (waymark_touchpoint_get_links (pms)[1]);

  /* Links have no direction. */
  linked = waymark_document_get_linked (doc, pms);
  g_assert_cmpuint (linked->len, ==, 2);
  g_assert_true (g_ptr_array_index (linked, 0) == desk);
  g_assert_true (g_ptr_array_index (linked, 1) == web);
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = waymark_document_get_linked (doc, desk);
  g_assert_cmpuint (linked->len, ==, 1);
  g_clear_pointer (&linked, g_ptr_array_unref);

  /* Unlinking works from either end. */
  waymark_document_unlink (doc, desk, pms);
  g_assert_null (waymark_touchpoint_get_links (pms)[0]);
  g_assert_true (waymark_document_undo (doc));
  g_assert_nonnull (waymark_touchpoint_get_links (pms)[0]);

  /* Deleting a card deletes the links to it, and undo brings them back. */
  waymark_document_remove_touchpoint (doc, desk);
  g_assert_null (waymark_touchpoint_get_links (pms)[0]);
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Delete Touchpoint");
  g_assert_true (waymark_document_undo (doc));
  linked = waymark_document_get_linked (doc, desk);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_true (g_ptr_array_index (linked, 0) == pms);
}

static char *
links_of (WaymarkTouchpoint *tp)
{
  return g_strjoinv (",", (char **) waymark_touchpoint_get_links (tp));
}

/* Deleting a lane or a stage deletes its cards and every link to them
 * held by the cards that stay, in one pass; undo and redo give both back. */
static void
test_links_bulk_removal (Fixture       *fixture,
                         gconstpointer  data)
{
  WaymarkDocument *doc = fixture->doc;
  WaymarkTouchpoint *front[3];
  WaymarkTouchpoint *back[3];
  g_autofree char *id0 = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) linked = NULL;

  for (guint i = 0; i < 3; i++)
    {
      front[i] = g_object_ref (add_card (fixture, "Front", i, 0));
      back[i] = g_object_ref (add_card (fixture, "Back", i, 2));
    }
  id0 = g_strdup (waymark_element_get_id (WAYMARK_ELEMENT (back[0])));
  id1 = g_strdup (waymark_element_get_id (WAYMARK_ELEMENT (back[1])));
  /* Held by cards that stay, by cards that go, and between cards that go. */
  waymark_document_link (doc, front[0], back[0]);
  waymark_document_link (doc, front[0], back[1]);
  waymark_document_link (doc, front[0], front[1]);
  waymark_document_link (doc, back[2], front[2]);
  waymark_document_link (doc, back[0], back[1]);
  before = links_of (front[0]);

  waymark_document_remove_lane (doc, fixture->lanes[2]);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (doc)), ==, 3);
  after = links_of (front[0]);
  g_assert_cmpstr (after, ==, waymark_element_get_id (WAYMARK_ELEMENT (front[1])));
  g_assert_null (waymark_touchpoint_get_links (front[2])[0]);
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Delete Lane");

  g_assert_true (waymark_document_undo (doc));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (doc)), ==, 6);
  g_clear_pointer (&after, g_free);
  after = links_of (front[0]);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (waymark_touchpoint_get_links (back[0])[0], ==, id1);
  linked = waymark_document_get_linked (doc, front[2]);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_true (waymark_document_redo (doc));
  g_clear_pointer (&after, g_free);
  after = links_of (front[0]);
  g_assert_cmpstr (after, ==, waymark_element_get_id (WAYMARK_ELEMENT (front[1])));
  g_assert_true (waymark_document_undo (doc));

  /* A stage: its cards in every lane go, with the links to them. */
  waymark_document_link (doc, front[1], back[0]);
  waymark_document_remove_stage (doc, fixture->stages[0]);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (doc)), ==, 4);
  g_assert_null (waymark_touchpoint_get_links (front[1])[0]);
  g_assert_true (waymark_document_undo (doc));
  g_assert_cmpstr (waymark_touchpoint_get_links (front[1])[0], ==, id0);
  g_clear_pointer (&after, g_free);
  after = links_of (front[0]);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (waymark_touchpoint_get_links (back[0])[0], ==, id1);
  g_assert_cmpstr (id0, ==, waymark_element_get_id (WAYMARK_ELEMENT (back[0])));

  for (guint i = 0; i < 3; i++)
    {
      g_object_unref (front[i]);
      g_object_unref (back[i]);
    }
}

static void
test_notes (Fixture       *fixture,
            gconstpointer  data)
{
  WaymarkDocument *doc = fixture->doc;
  WaymarkCurve *curve = add_curve (fixture);
  WaymarkStage *arrive = fixture->stages[2];
  g_autoptr(GPtrArray) lowest = NULL;

  waymark_document_set_curve_value (doc, curve, fixture->stages[0], 1, FALSE);
  waymark_document_set_curve_value (doc, curve, arrive, -1.5, FALSE);
  waymark_document_set_curve_value (doc, curve, fixture->stages[3], -1.5, FALSE);

  waymark_document_set_curve_note (doc, curve, arrive, "Queue");
  waymark_document_set_curve_note (doc, curve, arrive, "Queue at the desk");
  g_assert_cmpstr (waymark_curve_get_note (curve, arrive), ==, "Queue at the desk");
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Edit Note");
  /* Typing merged into one step. */
  g_assert_true (waymark_document_undo (doc));
  g_assert_null (waymark_curve_get_note (curve, arrive));
  g_assert_true (waymark_document_redo (doc));

  /* Removing the point removes its note; undo gives both back. */
  waymark_document_unset_curve_value (doc, curve, arrive);
  g_assert_false (waymark_curve_get_value (curve, arrive, NULL));
  g_assert_null (waymark_curve_get_note (curve, arrive));
  g_assert_true (waymark_document_undo (doc));
  g_assert_cmpstr (waymark_curve_get_note (curve, arrive), ==, "Queue at the desk");

  /* The same through deleting the stage. */
  waymark_document_remove_stage (doc, arrive);
  g_assert_null (waymark_curve_get_note (curve, arrive));
  g_assert_true (waymark_document_undo (doc));
  g_assert_cmpstr (waymark_curve_get_note (curve, arrive), ==, "Queue at the desk");

  /* Moments of truth: every stage at the lowest value, in stage order. */
  lowest = waymark_curve_get_lowest_stages (curve);
  g_assert_cmpuint (lowest->len, ==, 2);
  g_assert_true (g_ptr_array_index (lowest, 0) == arrive);
  g_assert_true (g_ptr_array_index (lowest, 1) == fixture->stages[3]);

  g_assert_cmpstr (waymark_curve_get_color (curve), ==, "#5e5c64");
}

static void
test_views (Fixture       *fixture,
            gconstpointer  data)
{
  WaymarkDocument *doc = fixture->doc;
  WaymarkCurve *today = add_curve (fixture);
  WaymarkCurve *future = add_curve (fixture);
  g_autoptr(WaymarkView) exec = NULL;

  waymark_document_set_boolean (doc, WAYMARK_ELEMENT (fixture->lanes[2]), "hidden", TRUE);
  waymark_document_set_boolean (doc, WAYMARK_ELEMENT (future), "visible", FALSE);
  exec = waymark_document_capture_view (doc, "Exec summary");
  g_assert_cmpstr (waymark_view_get_name (exec), ==, "Exec summary");
  g_assert_true (waymark_view_shows_lane (exec, fixture->lanes[0]));
  g_assert_false (waymark_view_shows_lane (exec, fixture->lanes[2]));
  g_assert_true (waymark_view_shows_curve (exec, today));
  g_assert_false (waymark_view_shows_curve (exec, future));
  waymark_document_add_view (doc, exec);

  /* Show everything again, then apply the view in one step. */
  waymark_document_set_boolean (doc, WAYMARK_ELEMENT (fixture->lanes[2]), "hidden", FALSE);
  waymark_document_set_boolean (doc, WAYMARK_ELEMENT (future), "visible", TRUE);
  waymark_document_set_boolean (doc, NULL, "color-by-owner", TRUE);
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Colour by Owner");
  waymark_document_apply_view (doc, exec);
  g_assert_true (waymark_lane_get_hidden (fixture->lanes[2]));
  g_assert_false (waymark_curve_get_visible (future));
  g_assert_false (waymark_document_get_color_by_owner (doc));
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Apply View");
  g_assert_true (waymark_document_undo (doc));
  g_assert_false (waymark_lane_get_hidden (fixture->lanes[2]));
  g_assert_true (waymark_curve_get_visible (future));
  g_assert_true (waymark_document_get_color_by_owner (doc));

  /* A deleted lane or curve leaves every view; undo puts it back. */
  waymark_document_remove_lane (doc, fixture->lanes[0]);
  g_assert_false (waymark_view_shows_lane (exec, fixture->lanes[0]));
  waymark_document_remove_curve (doc, today);
  g_assert_null (waymark_view_get_curves (exec)[0]);
  g_assert_true (waymark_document_undo (doc));
  g_assert_true (waymark_document_undo (doc));
  g_assert_true (waymark_view_shows_lane (exec, fixture->lanes[0]));
  g_assert_true (waymark_view_shows_curve (exec, today));
}

static void
test_element_properties (Fixture       *fixture,
                         gconstpointer  data)
{
  WaymarkDocument *doc = fixture->doc;
  WaymarkTouchpoint *desk = add_card (fixture, "Desk", 2, 0);
  WaymarkStage *stay = fixture->stages[3];
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  g_auto(GValue) value = G_VALUE_INIT;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0 };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };
  static const guint8 gif[] = { 'G', 'I', 'F', '8', '9', 'a' };
  g_autoptr(GBytes) png_bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) jpeg_bytes = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (gif, sizeof gif);
  g_autoptr(WaymarkPersona) maya = waymark_persona_new ("pe-1", "Maya");

  waymark_document_set_boolean (doc, WAYMARK_ELEMENT (desk), "moment-of-truth", TRUE);
  g_assert_true (waymark_touchpoint_get_moment_of_truth (desk));
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Mark Moment of Truth");

  g_ptr_array_add (metrics, waymark_metric_new ("NPS", 31, 40, "points", TRUE));
  g_value_init (&value, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (&value, metrics);
  waymark_document_set_property (doc, WAYMARK_ELEMENT (stay), "metrics", &value, FALSE);
  g_assert_cmpuint (waymark_stage_get_metrics (stay)->len, ==, 1);
  g_assert_cmpstr (waymark_document_get_undo_label (doc), ==, "Edit Metrics");
  g_assert_true (waymark_document_undo (doc));
  g_assert_cmpuint (waymark_stage_get_metrics (stay)->len, ==, 0);

  waymark_document_set_boolean (doc, WAYMARK_ELEMENT (fixture->lanes[0]), "collapsed", TRUE);
  g_assert_true (waymark_lane_get_collapsed (fixture->lanes[0]));
  g_assert_cmpstr (waymark_lane_kind_to_string (WAYMARK_LANE_METRICS), ==, "metrics");

  g_assert_cmpstr (waymark_picture_sniff_type (png_bytes), ==, "image/png");
  g_assert_cmpstr (waymark_picture_sniff_type (jpeg_bytes), ==, "image/jpeg");
  g_assert_null (waymark_picture_sniff_type (gif_bytes));
  waymark_document_add_persona (doc, maya);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_BYTES);
  g_value_set_boxed (&value, png_bytes);
  waymark_document_set_property (doc, WAYMARK_ELEMENT (maya), "picture", &value, FALSE);
  g_assert_cmpstr (waymark_persona_get_picture_type (maya), ==, "image/png");
  g_assert_true (waymark_document_undo (doc));
  g_assert_null (waymark_persona_get_picture (maya));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/model-v2/emotion-scale", test_emotion_scale);
  ADD ("/model-v2/owners", test_owners);
  ADD ("/model-v2/links", test_links);
  ADD ("/model-v2/links-bulk-removal", test_links_bulk_removal);
  ADD ("/model-v2/notes-and-lowest", test_notes);
  ADD ("/model-v2/views", test_views);
  ADD ("/model-v2/element-properties", test_element_properties);

  return g_test_run ();
}
