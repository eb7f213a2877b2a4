/* test-format.c — tests of the .cjmx reader and writer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test-format"

#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "waymark-document-loader.h"
#include "waymark-format.h"
#include "waymark-synth.h"

/* ---- Helpers ----------------------------------------------------------- */

static char *
source_path (const char *first,
             ...)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  va_list args;
  GPtrArray *parts = g_ptr_array_new ();
  char *path;

  g_assert_nonnull (root);
  g_ptr_array_add (parts, (gpointer) root);
  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  for (const char *p = va_arg (args, const char *); p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_unref (parts);
  return path;
}

static GBytes *
load_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static WaymarkDocument *
read_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  WaymarkDocument *document;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  int line = -1;
  int column = -1;

  document = waymark_format_read (data, size, &line, &column, &error);
  if (error != NULL)
    g_error ("%d:%d: %s", line, column, error->message);
  g_assert_nonnull (document);
  g_assert_cmpint (line, ==, 0);
  g_assert_cmpint (column, ==, 0);
  return document;
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  gsize size_a = 0;
  gsize size_b = 0;
  const char *data_a = g_bytes_get_data (a, &size_a);
  const char *data_b = g_bytes_get_data (b, &size_b);

  if (size_a != size_b || memcmp (data_a, data_b, size_a) != 0)
    {
      gsize i = 0;

      while (i < MIN (size_a, size_b) && data_a[i] == data_b[i])
        i++;
      g_error ("Outputs differ at byte %" G_GSIZE_FORMAT " (sizes %" G_GSIZE_FORMAT
               " and %" G_GSIZE_FORMAT "):\n…%.80s\n---\n…%.80s",
               i, size_a, size_b,
               data_a + (i > 40 ? i - 40 : 0), data_b + (i > 40 ? i - 40 : 0));
    }
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strstr_len (data, size, needle) != NULL;
}

static void
assert_strv_equal (const char * const *a,
                   const char * const *b)
{
  static const char * const empty[] = { NULL };

  g_assert_true (g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty));
}

static void
assert_dates_equal (GDateTime *a,
                    GDateTime *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    {
      g_assert_true (g_date_time_equal (a, b));
      g_assert_cmpint (g_date_time_get_utc_offset (a), ==, g_date_time_get_utc_offset (b));
    }
}

#define ITEM(model, i, type) ((type *) g_list_model_get_item ((model), (i)))

static void
assert_metrics_equal (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint m = 0; m < a->len; m++)
    g_assert_true (waymark_metric_equal (g_ptr_array_index (a, m), g_ptr_array_index (b, m)));
}

/* Every field of the model, so a writer that forgets one is caught. */
static void
assert_documents_equal (WaymarkDocument *a,
                        WaymarkDocument *b)
{
  GListModel *stages_a = waymark_document_get_stages (a);
  GListModel *stages_b = waymark_document_get_stages (b);
  guint n;

  g_assert_cmpstr (waymark_document_get_title (a), ==, waymark_document_get_title (b));
  g_assert_cmpstr (waymark_document_get_description (a), ==,
                   waymark_document_get_description (b));
  g_assert_cmpstr (waymark_document_get_author (a), ==, waymark_document_get_author (b));
  assert_dates_equal (waymark_document_get_created (a), waymark_document_get_created (b));
  assert_dates_equal (waymark_document_get_modified (a), waymark_document_get_modified (b));
  g_assert_cmpstr (waymark_document_get_extension_data (a), ==,
                   waymark_document_get_extension_data (b));
  g_assert_cmpint (waymark_document_get_emotion_min (a), ==, waymark_document_get_emotion_min (b));
  g_assert_cmpint (waymark_document_get_emotion_max (a), ==, waymark_document_get_emotion_max (b));
  assert_strv_equal (waymark_document_get_emotion_levels (a),
                     waymark_document_get_emotion_levels (b));
  g_assert_cmpint (waymark_document_get_color_by_owner (a), ==,
                   waymark_document_get_color_by_owner (b));

  n = g_list_model_get_n_items (waymark_document_get_owners (a));
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (waymark_document_get_owners (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkOwner) oa = ITEM (waymark_document_get_owners (a), i, WaymarkOwner);
      g_autoptr(WaymarkOwner) ob = ITEM (waymark_document_get_owners (b), i, WaymarkOwner);

      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (oa)), ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (ob)));
      g_assert_cmpstr (waymark_owner_get_name (oa), ==, waymark_owner_get_name (ob));
      g_assert_cmpstr (waymark_owner_get_color (oa), ==, waymark_owner_get_color (ob));
      g_assert_cmpstr (waymark_element_get_extension_data (WAYMARK_ELEMENT (oa)), ==,
                       waymark_element_get_extension_data (WAYMARK_ELEMENT (ob)));
    }

  n = g_list_model_get_n_items (waymark_document_get_views (a));
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (waymark_document_get_views (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkView) va = ITEM (waymark_document_get_views (a), i, WaymarkView);
      g_autoptr(WaymarkView) vb = ITEM (waymark_document_get_views (b), i, WaymarkView);

      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (va)), ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (vb)));
      g_assert_cmpstr (waymark_view_get_name (va), ==, waymark_view_get_name (vb));
      g_assert_cmpint (waymark_view_get_color_by_owner (va), ==,
                       waymark_view_get_color_by_owner (vb));
      assert_strv_equal (waymark_view_get_lanes (va), waymark_view_get_lanes (vb));
      assert_strv_equal (waymark_view_get_curves (va), waymark_view_get_curves (vb));
      g_assert_cmpstr (waymark_element_get_extension_data (WAYMARK_ELEMENT (va)), ==,
                       waymark_element_get_extension_data (WAYMARK_ELEMENT (vb)));
    }

  n = g_list_model_get_n_items (waymark_document_get_personas (a));
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (waymark_document_get_personas (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkPersona) pa = ITEM (waymark_document_get_personas (a), i, WaymarkPersona);
      g_autoptr(WaymarkPersona) pb = ITEM (waymark_document_get_personas (b), i, WaymarkPersona);

      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (pa)), ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (pb)));
      g_assert_cmpstr (waymark_persona_get_name (pa), ==, waymark_persona_get_name (pb));
      g_assert_cmpstr (waymark_persona_get_role (pa), ==, waymark_persona_get_role (pb));
      g_assert_cmpstr (waymark_persona_get_goals (pa), ==, waymark_persona_get_goals (pb));
      g_assert_cmpstr (waymark_persona_get_frustrations (pa), ==,
                       waymark_persona_get_frustrations (pb));
      g_assert_cmpstr (waymark_persona_get_quote (pa), ==, waymark_persona_get_quote (pb));
      g_assert_cmpstr (waymark_persona_get_color (pa), ==, waymark_persona_get_color (pb));
      g_assert_true ((waymark_persona_get_picture (pa) == NULL)
                     == (waymark_persona_get_picture (pb) == NULL));
      if (waymark_persona_get_picture (pa) != NULL)
        g_assert_true (g_bytes_equal (waymark_persona_get_picture (pa),
                                      waymark_persona_get_picture (pb)));
      g_assert_cmpstr (waymark_element_get_extension_data (WAYMARK_ELEMENT (pa)), ==,
                       waymark_element_get_extension_data (WAYMARK_ELEMENT (pb)));
    }

  n = g_list_model_get_n_items (stages_a);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (stages_b));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkStage) sa = ITEM (stages_a, i, WaymarkStage);
      g_autoptr(WaymarkStage) sb = ITEM (stages_b, i, WaymarkStage);

      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (sa)), ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (sb)));
      g_assert_cmpstr (waymark_stage_get_name (sa), ==, waymark_stage_get_name (sb));
      g_assert_cmpstr (waymark_stage_get_description (sa), ==, waymark_stage_get_description (sb));
      g_assert_cmpfloat (waymark_stage_get_width (sa), ==, waymark_stage_get_width (sb));
      assert_metrics_equal (waymark_stage_get_metrics (sa), waymark_stage_get_metrics (sb));
      g_assert_cmpstr (waymark_element_get_extension_data (WAYMARK_ELEMENT (sa)), ==,
                       waymark_element_get_extension_data (WAYMARK_ELEMENT (sb)));
    }

  n = g_list_model_get_n_items (waymark_document_get_lanes (a));
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (waymark_document_get_lanes (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkLane) la = ITEM (waymark_document_get_lanes (a), i, WaymarkLane);
      g_autoptr(WaymarkLane) lb = ITEM (waymark_document_get_lanes (b), i, WaymarkLane);

      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (la)), ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (lb)));
      g_assert_cmpstr (waymark_lane_get_name (la), ==, waymark_lane_get_name (lb));
      g_assert_cmpstr (waymark_lane_get_description (la), ==, waymark_lane_get_description (lb));
      g_assert_cmpint (waymark_lane_get_kind (la), ==, waymark_lane_get_kind (lb));
      g_assert_cmpint (waymark_lane_get_hidden (la), ==, waymark_lane_get_hidden (lb));
      g_assert_cmpint (waymark_lane_get_collapsed (la), ==, waymark_lane_get_collapsed (lb));
      g_assert_cmpstr (waymark_element_get_extension_data (WAYMARK_ELEMENT (la)), ==,
                       waymark_element_get_extension_data (WAYMARK_ELEMENT (lb)));
    }

  n = g_list_model_get_n_items (waymark_document_get_touchpoints (a));
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (waymark_document_get_touchpoints (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) ta = ITEM (waymark_document_get_touchpoints (a), i,
                                              WaymarkTouchpoint);
      g_autoptr(WaymarkTouchpoint) tb = ITEM (waymark_document_get_touchpoints (b), i,
                                              WaymarkTouchpoint);
      GPtrArray *ma = waymark_touchpoint_get_metrics (ta);
      GPtrArray *mb = waymark_touchpoint_get_metrics (tb);

      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (ta)), ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (tb)));
      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (waymark_touchpoint_get_stage (ta))),
                       ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (waymark_touchpoint_get_stage (tb))));
      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (waymark_touchpoint_get_lane (ta))),
                       ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (waymark_touchpoint_get_lane (tb))));
      g_assert_cmpuint (waymark_document_get_index_in_cell (a, ta), ==,
                        waymark_document_get_index_in_cell (b, tb));
      g_assert_cmpstr (waymark_touchpoint_get_title (ta), ==, waymark_touchpoint_get_title (tb));
      g_assert_cmpstr (waymark_touchpoint_get_description (ta), ==,
                       waymark_touchpoint_get_description (tb));
      g_assert_cmpstr (waymark_touchpoint_get_channel (ta), ==,
                       waymark_touchpoint_get_channel (tb));
      g_assert_cmpstr (waymark_touchpoint_get_owner (ta), ==, waymark_touchpoint_get_owner (tb));
      g_assert_cmpstr (waymark_touchpoint_get_color (ta), ==, waymark_touchpoint_get_color (tb));
      g_assert_cmpint (waymark_touchpoint_has_emotion (ta), ==, waymark_touchpoint_has_emotion (tb));
      if (waymark_touchpoint_has_emotion (ta))
        g_assert_cmpfloat (waymark_touchpoint_get_emotion (ta), ==,
                           waymark_touchpoint_get_emotion (tb));
      assert_strv_equal (waymark_touchpoint_get_pain_points (ta),
                         waymark_touchpoint_get_pain_points (tb));
      assert_strv_equal (waymark_touchpoint_get_opportunities (ta),
                         waymark_touchpoint_get_opportunities (tb));
      assert_metrics_equal (ma, mb);
      g_assert_cmpint (waymark_touchpoint_get_moment_of_truth (ta), ==,
                       waymark_touchpoint_get_moment_of_truth (tb));
      assert_strv_equal (waymark_touchpoint_get_links (ta), waymark_touchpoint_get_links (tb));
      g_assert_cmpstr (waymark_element_get_extension_data (WAYMARK_ELEMENT (ta)), ==,
                       waymark_element_get_extension_data (WAYMARK_ELEMENT (tb)));
    }

  n = g_list_model_get_n_items (waymark_document_get_curves (a));
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (waymark_document_get_curves (b)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCurve) ca = ITEM (waymark_document_get_curves (a), i, WaymarkCurve);
      g_autoptr(WaymarkCurve) cb = ITEM (waymark_document_get_curves (b), i, WaymarkCurve);
      WaymarkPersona *pa = waymark_curve_get_persona (ca);
      WaymarkPersona *pb = waymark_curve_get_persona (cb);

      g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (ca)), ==,
                       waymark_element_get_id (WAYMARK_ELEMENT (cb)));
      g_assert_cmpstr (waymark_curve_get_name (ca), ==, waymark_curve_get_name (cb));
      g_assert_cmpint (waymark_curve_get_state (ca), ==, waymark_curve_get_state (cb));
      g_assert_cmpint (waymark_curve_get_visible (ca), ==, waymark_curve_get_visible (cb));
      g_assert_true ((pa == NULL) == (pb == NULL));
      if (pa != NULL)
        g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (pa)), ==,
                         waymark_element_get_id (WAYMARK_ELEMENT (pb)));
      g_assert_cmpuint (waymark_curve_get_n_values (ca), ==, waymark_curve_get_n_values (cb));
      for (guint s = 0; s < g_list_model_get_n_items (stages_a); s++)
        {
          g_autoptr(WaymarkStage) sa = ITEM (stages_a, s, WaymarkStage);
          g_autoptr(WaymarkStage) sb = ITEM (stages_b, s, WaymarkStage);
          double va = NAN;
          double vb = NAN;

          g_assert_cmpint (waymark_curve_get_value (ca, sa, &va), ==,
                           waymark_curve_get_value (cb, sb, &vb));
          if (!isnan (va))
            g_assert_cmpfloat (va, ==, vb);
          g_assert_cmpstr (waymark_curve_get_note (ca, sa), ==, waymark_curve_get_note (cb, sb));
        }
      g_assert_cmpstr (waymark_element_get_extension_data (WAYMARK_ELEMENT (ca)), ==,
                       waymark_element_get_extension_data (WAYMARK_ELEMENT (cb)));
    }
}

/* ---- Schema ------------------------------------------------------------ */

static xmlRelaxNGPtr schema;

static void
collect_schema_error (void        *user_data,
                      xmlErrorPtr  error)
{
  GString *errors = user_data;

  g_string_append_printf (errors, "%d: %s", error->line, error->message);
}

static xmlRelaxNGPtr
get_schema (void)
{
  if (schema == NULL)
    {
      g_autofree char *path = source_path ("data", "waymark-cjmx.rng", NULL);
      xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt (path);

      schema = xmlRelaxNGParse (parser);
      xmlRelaxNGFreeParserCtxt (parser);
      g_assert_nonnull (schema);
    }
  return schema;
}

/* Returns the validation errors, or NULL when the file is valid. */
static char *
schema_errors (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDocPtr doc = xmlReadMemory (data, (int) size, "map.cjmx", NULL, XML_PARSE_NONET);
  GString *errors = g_string_new (NULL);
  xmlRelaxNGValidCtxtPtr validator;
  int rc;

  g_assert_nonnull (doc);
  validator = xmlRelaxNGNewValidCtxt (get_schema ());
  xmlRelaxNGSetValidStructuredErrors (validator, collect_schema_error, errors);
  rc = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlFreeDoc (doc);

  if (rc == 0)
    {
      g_string_free (errors, TRUE);
      return NULL;
    }
  if (errors->len == 0)
    g_string_append_printf (errors, "validation failed (%d)", rc);
  return g_string_free (errors, FALSE);
}

static void
assert_valid (GBytes *bytes)
{
  g_autofree char *errors = schema_errors (bytes);

  if (errors != NULL)
    g_error ("Written file does not match the schema: %s", errors);
}

/* write → read → write gives the same bytes and the same model, and what
 * is written validates. */
static void
check_round_trip (WaymarkDocument *document)
{
  g_autoptr(GBytes) first = waymark_format_write (document);
  g_autoptr(WaymarkDocument) again = read_bytes (first);
  g_autoptr(GBytes) second = waymark_format_write (again);

  assert_documents_equal (document, again);
  assert_bytes_equal (first, second);
  assert_valid (first);
}

/* ---- Round trips ------------------------------------------------------- */

static void
test_round_trip_synthetic (void)
{
  static const struct { guint stages, touchpoints; guint32 seed; } cases[] = {
    { 1, 0, 1 }, { 3, 10, 2 }, { 8, 250, 3 }, { 12, 1500, 4 }, { 30, 600, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WaymarkDocument) document = waymark_synth_document (cases[i].stages,
                                                                    cases[i].touchpoints,
                                                                    cases[i].seed);

      g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (document)),
                        ==, cases[i].touchpoints);
      check_round_trip (document);
    }
}

static void
test_round_trip_example (void)
{
  g_autofree char *path = source_path ("data", "examples", "hotel-stay.cjmx", NULL);
  g_autoptr(GBytes) original = load_bytes (path);
  g_autoptr(WaymarkDocument) document = read_bytes (original);
  g_autoptr(GBytes) written = waymark_format_write (document);

  /* The example is kept in the writer's own layout: saving it unchanged
   * must not produce a diff. */
  assert_bytes_equal (original, written);
  assert_valid (original);
  check_round_trip (document);
}

static void
test_example_content (void)
{
  g_autofree char *path = source_path ("data", "examples", "hotel-stay.cjmx", NULL);
  g_autoptr(GBytes) original = load_bytes (path);
  g_autoptr(WaymarkDocument) document = read_bytes (original);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  g_autoptr(GHashTable) channels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_metrics = 0;
  guint n_pain_points = 0;
  guint n_future = 0;

  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (document)), >=, 6);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_lanes (document)), >=, 7);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_personas (document)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (touchpoints), >=, 25);

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = ITEM (touchpoints, i, WaymarkTouchpoint);
      const char * const *pains = waymark_touchpoint_get_pain_points (tp);

      if (waymark_touchpoint_get_channel (tp)[0] != '\0')
        g_hash_table_add (channels, (gpointer) waymark_touchpoint_get_channel (tp));
      if (waymark_touchpoint_get_owner (tp)[0] != '\0')
        g_hash_table_add (owners, (gpointer) waymark_touchpoint_get_owner (tp));
      n_metrics += waymark_touchpoint_get_metrics (tp)->len;
      n_pain_points += pains != NULL ? g_strv_length ((char **) pains) : 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (waymark_document_get_curves (document)); i++)
    {
      g_autoptr(WaymarkCurve) curve = ITEM (waymark_document_get_curves (document), i,
                                            WaymarkCurve);

      if (waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE)
        n_future++;
      g_assert_nonnull (waymark_curve_get_persona (curve));
    }

  g_assert_cmpuint (g_hash_table_size (channels), >=, 6);
  g_assert_cmpuint (g_hash_table_size (owners), >=, 7);
  g_assert_cmpuint (n_metrics, >=, 10);
  g_assert_cmpuint (n_pain_points, >=, 10);
  g_assert_cmpuint (n_future, >=, 1);
}

static void
test_deterministic (void)
{
  g_autoptr(WaymarkDocument) a = waymark_synth_document (8, 300, 42);
  g_autoptr(WaymarkDocument) b = waymark_synth_document (8, 300, 42);
  g_autoptr(WaymarkDocument) c = waymark_synth_document (8, 300, 43);
  g_autoptr(GBytes) bytes_a = waymark_format_write (a);
  g_autoptr(GBytes) bytes_a2 = waymark_format_write (a);
  g_autoptr(GBytes) bytes_b = waymark_format_write (b);
  g_autoptr(GBytes) bytes_c = waymark_format_write (c);

  assert_bytes_equal (bytes_a, bytes_a2);
  assert_bytes_equal (bytes_a, bytes_b);
  g_assert_false (g_bytes_equal (bytes_a, bytes_c));
}

/* A document with a single touchpoint, for field-level tests. */
static WaymarkDocument *
small_document (WaymarkTouchpoint **touchpoint_out)
{
  WaymarkDocument *document = waymark_document_new ();
  g_autoptr(WaymarkStage) stage = waymark_stage_new ("st-1", "Book");
  g_autoptr(WaymarkLane) lane = waymark_lane_new ("ln-1", "Touchpoints", WAYMARK_LANE_CARDS);
  g_autoptr(WaymarkTouchpoint) touchpoint = waymark_touchpoint_new ("tp-1", "Call");

  waymark_document_load_stage (document, stage);
  waymark_document_load_lane (document, lane);
  waymark_document_load_touchpoint (document, touchpoint, stage, lane);
  *touchpoint_out = touchpoint;
  return document;
}

static void
test_numbers (void)
{
  static const double values[] = {
    0.1, 1.0 / 3.0, 1e-5, 240.0, -17.25, 123456789012345678901234.0, 5e-324, DBL_MAX,
    -0.0, 2.5e-7, 100.0 / 7.0,
  };
  WaymarkTouchpoint *touchpoint;
  g_autoptr(WaymarkDocument) document = small_document (&touchpoint);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkDocument) again = NULL;
  g_autoptr(WaymarkTouchpoint) read_tp = NULL;
  GPtrArray *read_back;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_ptr_array_add (metrics, waymark_metric_new ("m", values[i], i % 2 ? NAN : values[i],
                                                  "", TRUE));
  g_object_set (touchpoint, "metrics", metrics, "has-emotion", TRUE, "emotion", -1.75, NULL);

  bytes = waymark_format_write (document);
  again = read_bytes (bytes);
  read_tp = g_list_model_get_item (waymark_document_get_touchpoints (again), 0);
  read_back = waymark_touchpoint_get_metrics (read_tp);

  g_assert_cmpuint (read_back->len, ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      WaymarkMetric *m = g_ptr_array_index (read_back, i);

      g_assert_cmpfloat (waymark_metric_get_value (m), ==, values[i]);
      g_assert_cmpint (waymark_metric_has_target (m), ==, i % 2 == 0);
    }

  /* Shortest exact spelling, whatever the locale. */
  g_assert_true (bytes_contain (bytes, "value=\"0.1\""));
  g_assert_true (bytes_contain (bytes, "value=\"0.3333333333333333\""));
  g_assert_true (bytes_contain (bytes, "value=\"1e-05\""));
  g_assert_true (bytes_contain (bytes, "value=\"240\""));
  g_assert_true (bytes_contain (bytes, "value=\"-17.25\""));
  g_assert_true (bytes_contain (bytes, "value=\"0\""));
  g_assert_true (bytes_contain (bytes, "emotion=\"-1.75\""));
  g_assert_false (bytes_contain (bytes, "value=\"-0\""));
  g_assert_false (bytes_contain (bytes, "0000000001"));
  assert_valid (bytes);
}

static void
test_strings (void)
{
  WaymarkTouchpoint *touchpoint;
  g_autoptr(WaymarkDocument) document = small_document (&touchpoint);
  const char *title = "Tab\there, new\nline, return\rand \"quotes\" 'single' <tag> & ]]> ✓";
  const char *description = "Line one\r\nLine two\rLine three\n\n  indented ]]> <x/> &amp;";
  const char * const pains[] = { "", "  leading and trailing  ", "emoji 🚀 and 中文", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkDocument) again = NULL;
  g_autoptr(WaymarkTouchpoint) read_back = NULL;

  g_object_set (touchpoint,
                "title", title,
                "description", description,
                "owner", "Control\x01" "char\x1f" "s and \xef\xbf\xbe non-characters",
                "pain-points", pains,
                NULL);

  bytes = waymark_format_write (document);
  again = read_bytes (bytes);
  read_back = g_list_model_get_item (waymark_document_get_touchpoints (again), 0);

  g_assert_cmpstr (waymark_touchpoint_get_title (read_back), ==, title);
  g_assert_cmpstr (waymark_touchpoint_get_description (read_back), ==, description);
  /* XML 1.0 cannot carry these; they are left out rather than making the
   * file unreadable. */
  g_assert_cmpstr (waymark_touchpoint_get_owner (read_back), ==, "Controlchars and  non-characters");
  assert_strv_equal (waymark_touchpoint_get_pain_points (read_back), pains);
  assert_valid (bytes);

  /* The second save is stable even after characters were dropped. */
  {
    g_autoptr(GBytes) second = waymark_format_write (again);

    assert_bytes_equal (bytes, second);
  }
}

static void
test_invalid_utf8_in_model (void)
{
  WaymarkTouchpoint *touchpoint;
  g_autoptr(WaymarkDocument) document = small_document (&touchpoint);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkDocument) again = NULL;
  g_autoptr(WaymarkTouchpoint) read_back = NULL;

  g_object_set (touchpoint, "title", "caf\xe9 ok", NULL);
  bytes = waymark_format_write (document);
  again = read_bytes (bytes);
  read_back = g_list_model_get_item (waymark_document_get_touchpoints (again), 0);
  g_assert_true (g_utf8_validate (waymark_touchpoint_get_title (read_back), -1, NULL));
  g_assert_true (g_str_has_prefix (waymark_touchpoint_get_title (read_back), "caf"));
  g_assert_true (g_str_has_suffix (waymark_touchpoint_get_title (read_back), " ok"));
}

static void
test_defaults_and_omissions (void)
{
  static const char data[] =
    "<journey-map xmlns=\"" WAYMARK_FORMAT_NAMESPACE "\" version=\"1\">"
    "<stage id=\"a\"/><lane id=\"b\"/><touchpoint id=\"c\" stage=\"a\" lane=\"b\">"
    "<metric name=\"\" value=\" 4.5 \"/></touchpoint><curve id=\"d\"/></journey-map>";
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkStage) stage = NULL;
  g_autoptr(WaymarkLane) lane = NULL;
  g_autoptr(WaymarkTouchpoint) touchpoint = NULL;
  g_autoptr(WaymarkCurve) curve = NULL;
  g_autoptr(GBytes) bytes = NULL;
  WaymarkMetric *metric;

  document = waymark_format_read (data, strlen (data), NULL, NULL, &error);
  g_assert_no_error (error);
  stage = g_list_model_get_item (waymark_document_get_stages (document), 0);
  lane = g_list_model_get_item (waymark_document_get_lanes (document), 0);
  touchpoint = g_list_model_get_item (waymark_document_get_touchpoints (document), 0);
  curve = g_list_model_get_item (waymark_document_get_curves (document), 0);

  g_assert_cmpfloat (waymark_stage_get_width (stage), ==, WAYMARK_STAGE_DEFAULT_WIDTH);
  g_assert_cmpint (waymark_lane_get_kind (lane), ==, WAYMARK_LANE_CARDS);
  g_assert_false (waymark_touchpoint_has_emotion (touchpoint));
  g_assert_null (waymark_curve_get_persona (curve));
  g_assert_cmpint (waymark_curve_get_state (curve), ==, WAYMARK_CURVE_CURRENT);
  g_assert_cmpuint (waymark_touchpoint_get_metrics (touchpoint)->len, ==, 1);
  metric = g_ptr_array_index (waymark_touchpoint_get_metrics (touchpoint), 0);
  g_assert_cmpfloat (waymark_metric_get_value (metric), ==, 4.5);
  g_assert_false (waymark_metric_has_target (metric));
  g_assert_true (waymark_metric_higher_is_better (metric));
  g_assert_null (waymark_document_get_created (document));

  /* Defaults are written out explicitly; empty strings are left out. */
  bytes = waymark_format_write (document);
  g_assert_true (bytes_contain (bytes, "<stage id=\"a\" width=\"240\"/>"));
  g_assert_true (bytes_contain (bytes, "<lane id=\"b\" kind=\"cards\"/>"));
  g_assert_true (bytes_contain (bytes, "<curve id=\"d\" state=\"current\"/>"));
  g_assert_true (bytes_contain (bytes, "<metric name=\"\" value=\"4.5\" higher-is-better=\"true\"/>"));
  g_assert_false (bytes_contain (bytes, "created="));
  check_round_trip (document);
}


/* ---- Version 2 --------------------------------------------------------- */

static gpointer
lookup (WaymarkDocument *document,
        const char      *id)
{
  WaymarkElement *element = waymark_document_lookup (document, id);

  g_assert_nonnull (element);
  return element;
}

static void
assert_metric (WaymarkMetric *metric,
               const char    *name,
               double         value,
               double         target,
               const char    *unit,
               gboolean       higher_is_better)
{
  g_assert_cmpstr (waymark_metric_get_name (metric), ==, name);
  g_assert_cmpfloat (waymark_metric_get_value (metric), ==, value);
  g_assert_cmpint (waymark_metric_has_target (metric), ==, !isnan (target));
  if (!isnan (target))
    g_assert_cmpfloat (waymark_metric_get_target (metric), ==, target);
  g_assert_cmpstr (waymark_metric_get_unit (metric), ==, unit);
  g_assert_cmpint (waymark_metric_higher_is_better (metric), ==, higher_is_better);
}

/* Every addition of version 2 in one file, which is in the writer's own
 * layout: reading it gives these values and writing it these bytes. */
static void
test_v2_full (void)
{
  static const char * const levels[] = {
    "Furious", "", "", "Neutral", "", "", "Delighted", NULL
  };
  static const char * const vw1_lanes[] = { "ln-1", "ln-3", NULL };
  static const char * const vw1_curves[] = { "cv-1", NULL };
  static const char * const tp1_links[] = { "tp-3", NULL };
  static const char * const tp3_links[] = { "tp-2", NULL };
  g_autofree char *path = source_path ("tests", "format", "v2", "full.cjmx", NULL);
  g_autoptr(GBytes) original = load_bytes (path);
  g_autoptr(WaymarkDocument) document = read_bytes (original);
  g_autoptr(GBytes) written = waymark_format_write (document);
  g_autoptr(GPtrArray) linked = NULL;
  WaymarkOwner *owner;
  WaymarkPersona *persona;
  WaymarkStage *st1, *st2;
  WaymarkTouchpoint *tp1, *tp2, *tp3;
  WaymarkCurve *curve;
  WaymarkView *view;
  GBytes *picture;
  double value;

  assert_bytes_equal (original, written);
  assert_valid (original);
  check_round_trip (document);
  g_assert_null (waymark_format_get_warnings (document));
  g_assert_cmpuint (waymark_format_get_read_version (document), ==, 2);

  g_assert_cmpint (waymark_document_get_emotion_min (document), ==, -3);
  g_assert_cmpint (waymark_document_get_emotion_max (document), ==, 3);
  assert_strv_equal (waymark_document_get_emotion_levels (document), levels);
  g_assert_true (waymark_document_get_color_by_owner (document));

  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_owners (document)), ==, 2);
  owner = lookup (document, "ow-1");
  g_assert_cmpstr (waymark_owner_get_name (owner), ==, "Front office");
  g_assert_cmpstr (waymark_owner_get_color (owner), ==, "#e66100");
  owner = lookup (document, "ow-2");
  g_assert_true (waymark_document_lookup_owner (document, "IT") == owner);
  g_assert_cmpstr (waymark_owner_get_color (owner), ==, "");

  persona = lookup (document, "pe-1");
  picture = waymark_persona_get_picture (persona);
  g_assert_nonnull (picture);
  g_assert_cmpuint (g_bytes_get_size (picture), ==, 852);
  g_assert_cmpmem (g_bytes_get_data (picture, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpstr (waymark_persona_get_picture_type (persona), ==, "image/png");
  g_assert_null (waymark_persona_get_picture (lookup (document, "pe-2")));

  st1 = lookup (document, "st-1");
  st2 = lookup (document, "st-2");
  g_assert_cmpuint (waymark_stage_get_metrics (st1)->len, ==, 2);
  assert_metric (g_ptr_array_index (waymark_stage_get_metrics (st1), 0),
                 "Bookings", 120, 150, "per week", TRUE);
  assert_metric (g_ptr_array_index (waymark_stage_get_metrics (st1), 1),
                 "Drop-outs", 7.5, NAN, "%", FALSE);
  g_assert_cmpuint (waymark_stage_get_metrics (st2)->len, ==, 0);

  g_assert_false (waymark_lane_get_hidden (lookup (document, "ln-1")));
  g_assert_false (waymark_lane_get_collapsed (lookup (document, "ln-1")));
  g_assert_true (waymark_lane_get_collapsed (lookup (document, "ln-2")));
  g_assert_false (waymark_lane_get_hidden (lookup (document, "ln-2")));
  g_assert_cmpint (waymark_lane_get_kind (lookup (document, "ln-3")), ==, WAYMARK_LANE_METRICS);
  g_assert_true (waymark_lane_get_hidden (lookup (document, "ln-4")));

  tp1 = lookup (document, "tp-1");
  tp2 = lookup (document, "tp-2");
  tp3 = lookup (document, "tp-3");
  g_assert_true (waymark_touchpoint_get_moment_of_truth (tp1));
  g_assert_false (waymark_touchpoint_get_moment_of_truth (tp2));
  g_assert_cmpfloat (waymark_touchpoint_get_emotion (tp1), ==, -2.5);
  g_assert_cmpfloat (waymark_touchpoint_get_emotion (tp2), ==, 3);
  assert_strv_equal (waymark_touchpoint_get_links (tp1), tp1_links);
  assert_strv_equal (waymark_touchpoint_get_links (tp2), NULL);
  assert_strv_equal (waymark_touchpoint_get_links (tp3), tp3_links);
  /* Links join both ways, whichever card holds them. */
  linked = waymark_document_get_linked (document, tp3);
  g_assert_cmpuint (linked->len, ==, 2);
  g_assert_true (g_ptr_array_index (linked, 0) == tp1);
  g_assert_true (g_ptr_array_index (linked, 1) == tp2);

  curve = lookup (document, "cv-1");
  g_assert_true (waymark_curve_get_visible (curve));
  g_assert_cmpstr (waymark_curve_get_note (curve, st1), ==, "Easy to book");
  g_assert_cmpstr (waymark_curve_get_note (curve, st2), ==, "Queue & no seats");
  g_assert_true (waymark_curve_get_value (curve, st2, &value));
  g_assert_cmpfloat (value, ==, -3);
  curve = lookup (document, "cv-2");
  g_assert_false (waymark_curve_get_visible (curve));
  g_assert_cmpint (waymark_curve_get_state (curve), ==, WAYMARK_CURVE_FUTURE);
  g_assert_null (waymark_curve_get_note (curve, st2));
  g_assert_cmpuint (waymark_curve_get_n_values (lookup (document, "cv-3")), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_views (document)), ==, 2);
  view = lookup (document, "vw-1");
  g_assert_cmpstr (waymark_view_get_name (view), ==, "Exec summary");
  g_assert_true (waymark_view_get_color_by_owner (view));
  assert_strv_equal (waymark_view_get_lanes (view), vw1_lanes);
  assert_strv_equal (waymark_view_get_curves (view), vw1_curves);
  g_assert_false (waymark_view_shows_lane (view, lookup (document, "ln-2")));
  view = lookup (document, "vw-2");
  g_assert_false (waymark_view_get_color_by_owner (view));
  assert_strv_equal (waymark_view_get_lanes (view), NULL);
  assert_strv_equal (waymark_view_get_curves (view), NULL);
}

/* Built through the editing API, as the editor does: what it writes reads
 * back the same, and what the reader would refuse is never written. */
static void
test_v2_edits (void)
{
  static const char * const levels[] = { "Bad", "", "Good", NULL };
  static const char * const lanes[] = { "ln-1", NULL };
  static const char * const gone_lanes[] = { "ln-404", "ln-1", NULL };
  static const char * const links[] = { "tp-1", "tp-2", "tp-404", "st-1", "tp-2", NULL };
  WaymarkTouchpoint *tp1;
  g_autoptr(WaymarkDocument) document = small_document (&tp1);
  g_autoptr(WaymarkTouchpoint) tp2 = waymark_touchpoint_new ("tp-2", "Desk");
  g_autoptr(WaymarkOwner) owner = waymark_owner_new ("ow-1", "Sales", "#26a269");
  g_autoptr(WaymarkView) view = waymark_view_new ("vw-1", "Exec summary");
  g_autoptr(WaymarkCurve) curve = waymark_curve_new ("cv-1", NULL, WAYMARK_CURVE_CURRENT);
  g_autoptr(WaymarkPersona) persona = waymark_persona_new ("pe-1", "Maya");
  g_autoptr(GBytes) not_an_image = g_bytes_new_static ("GIF89a....", 10);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkDocument) again = NULL;
  WaymarkStage *stage = lookup (document, "st-1");
  WaymarkLane *lane = lookup (document, "ln-1");

  waymark_document_load_touchpoint (document, tp2, stage, lane);
  waymark_document_load_curve (document, curve);
  waymark_document_load_persona (document, persona);
  waymark_document_set_emotion_scale (document, -1, 1, levels);
  waymark_document_add_owner (document, owner, -1);
  waymark_document_link (document, tp2, tp1);
  waymark_document_set_curve_value (document, curve, stage, -1, FALSE);
  waymark_document_set_curve_note (document, curve, stage, "Line one\nline two");
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (lane), "collapsed", TRUE);
  g_object_set (view, "lanes", lanes, "color-by-owner", TRUE, NULL);
  waymark_document_add_view (document, view);

  bytes = waymark_format_write (document);
  g_assert_true (bytes_contain (bytes, "<emotion-scale min=\"-1\" max=\"1\">\n"
                                       "    <level value=\"-1\" name=\"Bad\"/>\n"
                                       "    <level value=\"1\" name=\"Good\"/>\n"
                                       "  </emotion-scale>\n"));
  g_assert_true (bytes_contain (bytes, "<owner id=\"ow-1\" name=\"Sales\" color=\"#26a269\"/>"));
  g_assert_true (bytes_contain (bytes, "<lane id=\"ln-1\" name=\"Touchpoints\" kind=\"cards\" "
                                       "collapsed=\"true\"/>"));
  g_assert_true (bytes_contain (bytes, "    <link to=\"tp-1\"/>\n"));
  g_assert_true (bytes_contain (bytes, "note=\"Line one&#10;line two\""));
  check_round_trip (document);

  /* Links the reader would refuse (to itself, to nothing, to a stage,
   * twice), a view's reference to a lane that is gone and a picture that
   * is no image are not written. */
  g_object_set (tp1, "links", links, NULL);
  g_object_set (view, "lanes", gone_lanes, NULL);
  /* Values beyond a narrowed scale stay in the model, for undo, but are
   * written as the map shows them. */
  g_object_set (tp1, "has-emotion", TRUE, "emotion", 1.75, NULL);
  waymark_document_set_emotion_scale (document, -1, 0, NULL);
  g_object_set (persona, "picture", not_an_image, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = waymark_format_write (document);
  assert_valid (bytes);
  g_assert_false (bytes_contain (bytes, "tp-404"));
  g_assert_false (bytes_contain (bytes, "<link to=\"st-1\""));
  g_assert_false (bytes_contain (bytes, "<link to=\"tp-1\""));
  g_assert_false (bytes_contain (bytes, "<picture"));
  g_assert_true (bytes_contain (bytes, "<emotion-scale min=\"-1\" max=\"0\"/>"));
  g_assert_true (bytes_contain (bytes, "title=\"Call\" emotion=\"0\">"));
  g_assert_true (bytes_contain (bytes, "<point stage=\"st-1\" value=\"-1\" note="));
  g_assert_true (bytes_contain (bytes, "<view id=\"vw-1\" name=\"Exec summary\" "
                                       "color-by-owner=\"true\">\n"
                                       "    <show lane=\"ln-1\"/>\n"
                                       "  </view>\n"));
  again = read_bytes (bytes);
  g_assert_null (waymark_format_get_warnings (again));
  g_assert_cmpuint (g_strv_length ((char **) waymark_touchpoint_get_links (lookup (again, "tp-1"))),
                    ==, 1);
  /* The pair is written once, on the first card. */
  assert_strv_equal (waymark_touchpoint_get_links (lookup (again, "tp-2")), NULL);
}

/* One card linked to more cards than the reader takes on one card (a
 * "Booking system" behind every touchpoint): the links beyond the limit
 * are written on the other cards, so the file opens with every link, and
 * saving what was read gives the same bytes. */
static void
test_v2_many_links (void)
{
  WaymarkTouchpoint *hub;
  g_autoptr(WaymarkDocument) document = small_document (&hub);
  WaymarkStage *stage = lookup (document, "st-1");
  WaymarkLane *lane = lookup (document, "ln-1");
  const guint n_others = WAYMARK_FORMAT_MAX_ITEMS + 50;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkDocument) again = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  const char * const *held;

  for (guint i = 0; i < n_others; i++)
    {
      g_autofree char *id = g_strdup_printf ("tp-x%u", i);
      g_autoptr(WaymarkTouchpoint) other = waymark_touchpoint_new (id, "Other");

      waymark_document_add_touchpoint (document, other, stage, lane, -1);
      waymark_document_link (document, hub, other);
    }
  g_assert_cmpuint (g_strv_length ((char **) waymark_touchpoint_get_links (hub)), ==, n_others);

  bytes = waymark_format_write (document);
  again = read_bytes (bytes);
  held = waymark_touchpoint_get_links (lookup (again, waymark_element_get_id (WAYMARK_ELEMENT (hub))));
  g_assert_cmpuint (g_strv_length ((char **) held), ==, WAYMARK_FORMAT_MAX_ITEMS);
  linked = waymark_document_get_linked (again, lookup (again, waymark_element_get_id (WAYMARK_ELEMENT (hub))));
  g_assert_cmpuint (linked->len, ==, n_others);
  g_assert_cmpstr (waymark_touchpoint_get_links (lookup (again, "tp-x249"))[0], ==,
                   waymark_element_get_id (WAYMARK_ELEMENT (hub)));
  check_round_trip (again);
}

/* A version 1 file opens as version 2: the default scale, and an owners
 * list built from the cards' owners with IDs that clash with nothing. */
static void
test_upgrade_v1 (void)
{
  g_autofree char *path = source_path ("tests", "format", "v2", "upgrade-v1.cjmx", NULL);
  g_autofree char *expected_path = source_path ("tests", "format", "v2",
                                                "upgrade-v1-expected.cjmx", NULL);
  g_autoptr(GBytes) input = load_bytes (path);
  g_autoptr(GBytes) expected = load_bytes (expected_path);
  g_autoptr(WaymarkDocument) document = read_bytes (input);
  g_autoptr(GBytes) written = waymark_format_write (document);
  g_autoptr(WaymarkDocument) upgraded = read_bytes (expected);
  g_autoptr(GBytes) rewritten = waymark_format_write (upgraded);
  GListModel *owners = waymark_document_get_owners (document);
  g_autoptr(WaymarkOwner) first = NULL;

  g_assert_cmpuint (waymark_format_get_read_version (document), ==, 1);
  g_assert_cmpint (waymark_document_get_emotion_min (document), ==, -2);
  g_assert_cmpint (waymark_document_get_emotion_max (document), ==, 2);
  g_assert_null (waymark_document_get_emotion_levels (document));
  g_assert_false (waymark_document_get_color_by_owner (document));
  g_assert_cmpuint (g_list_model_get_n_items (owners), ==, 3);
  first = g_list_model_get_item (owners, 0);
  g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (first)), ==, "ow-2");
  g_assert_cmpstr (waymark_owner_get_name (first), ==, "Marketing");
  g_assert_nonnull (waymark_document_lookup_owner (document, "Billing & IT"));
  g_assert_null (waymark_document_lookup_owner (document, ""));

  assert_bytes_equal (written, expected);
  assert_valid (written);
  /* Once upgraded, it stays as it is. */
  g_assert_cmpuint (waymark_format_get_read_version (upgraded), ==, 2);
  assert_bytes_equal (rewritten, expected);
  assert_documents_equal (document, upgraded);
}

typedef struct
{
  const char *file;
  const char *warnings[3];
} WarningCase;

static const WarningCase warning_cases[] = {
  { "emotion-out-of-range.cjmx", {
      "Line 5, column 62: Touchpoint “tp-1” has the emotion 3, outside the map’s scale from -2 "
      "to 2, so it was set to 2.", NULL } },
  { "curve-out-of-range.cjmx", {
      "Line 5, column 25: Curve “cv-1” has the value -2.5 at stage “st-1”, outside the map’s "
      "scale from -2 to 2, so it was set to -2.", NULL } },
  { "scale-v2.cjmx", {
      "Line 8, column 50: Touchpoint “tp-2” has the emotion -1.5, outside the map’s scale from "
      "-1 to 1, so it was set to -1.",
      "Line 10, column 25: Curve “cv-1” has the value 4.25 at stage “st-1”, outside the map’s "
      "scale from -1 to 1, so it was set to 1.", NULL } },
};

/* Values outside the map's scale are clamped, never an error, and each
 * one says where it was. */
static void
test_warnings (gconstpointer user_data)
{
  const WarningCase *c = user_data;
  g_autofree char *path = source_path ("tests", "format", "warnings", c->file, NULL);
  g_autoptr(GBytes) bytes = load_bytes (path);
  g_autoptr(WaymarkDocument) document = read_bytes (bytes);
  const char * const *warnings = waymark_format_get_warnings (document);
  g_autoptr(GBytes) written = waymark_format_write (document);
  g_autoptr(WaymarkDocument) again = read_bytes (written);
  int line = 0;
  int column = 0;

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_test_message ("%s", warnings[i]);
  assert_strv_equal (warnings, c->warnings);
  /* The same, taken apart for the command line. */
  g_assert_nonnull (waymark_format_get_warning (document, 0, &line, &column));
  g_assert_cmpstr (strchr (c->warnings[0], ':') + 2, ==,
                   waymark_format_get_warning (document, 0, NULL, NULL));
  g_assert_cmpint (line, ==, atoi (c->warnings[0] + strlen ("Line ")));
  g_assert_cmpint (column, ==, atoi (strstr (c->warnings[0], "column ") + strlen ("column ")));
  g_assert_null (waymark_format_get_warning (document, g_strv_length ((char **) c->warnings),
                                             NULL, NULL));

  /* Saved clamped, so reading again has nothing to say. */
  g_assert_null (waymark_format_get_warnings (again));
  assert_documents_equal (document, again);
  assert_valid (written);
}

static void
test_warnings_values (void)
{
  g_autofree char *path = source_path ("tests", "format", "warnings", "scale-v2.cjmx", NULL);
  g_autoptr(GBytes) bytes = load_bytes (path);
  g_autoptr(WaymarkDocument) document = read_bytes (bytes);
  double value = 0;

  g_assert_cmpfloat (waymark_touchpoint_get_emotion (lookup (document, "tp-1")), ==, 1);
  g_assert_cmpfloat (waymark_touchpoint_get_emotion (lookup (document, "tp-2")), ==, -1);
  g_assert_true (waymark_curve_get_value (lookup (document, "cv-1"), lookup (document, "st-1"),
                                          &value));
  g_assert_cmpfloat (value, ==, 1);
  g_assert_cmpstr (waymark_curve_get_note (lookup (document, "cv-1"), lookup (document, "st-1")),
                   ==, "Far too happy");
}

/* A damaged file cannot flood the user with one warning per card. */
static void
test_warnings_capped (void)
{
  GString *data = g_string_new ("<journey-map xmlns=\"" WAYMARK_FORMAT_NAMESPACE "\" version=\"2\">"
                                "<stage id=\"s\"/><lane id=\"l\"/>\n");
  g_autoptr(WaymarkDocument) document = NULL;
  const char * const *warnings;
  int line = -1;
  int column = -1;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (data, "<touchpoint id=\"t%u\" stage=\"s\" lane=\"l\" emotion=\"9\"/>\n",
                            i);
  g_string_append (data, "</journey-map>");
  document = waymark_format_read (data->str, data->len, NULL, NULL, NULL);
  g_assert_nonnull (document);
  warnings = waymark_format_get_warnings (document);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 101);
  g_assert_true (g_str_has_prefix (warnings[99], "Line 101, column 41: Touchpoint “t99”"));
  g_assert_cmpstr (warnings[100], ==,
                   "50 more values outside the emotion scale were changed to fit it.");
  g_assert_nonnull (waymark_format_get_warning (document, 100, &line, &column));
  g_assert_cmpint (line, ==, 0);
  g_assert_cmpint (column, ==, 0);
  g_string_free (data, TRUE);
}

/* The picture's text may exceed the limit of other texts, up to what a
 * picture of the largest size needs. */
static void
test_picture_limit (void)
{
  g_autofree guchar *data = g_malloc0 (WAYMARK_PERSONA_MAX_PICTURE_SIZE + 1);
  const char *head = "<journey-map xmlns=\"" WAYMARK_FORMAT_NAMESPACE "\" version=\"2\">\n"
                     "<persona id=\"pe-1\">\n<picture type=\"image/png\">";
  const char *tail = "</picture></persona></journey-map>";

  memcpy (data, "\x89PNG\r\n\x1a\n", 8);
  for (guint extra = 0; extra <= 1; extra++)
    {
      g_autofree char *encoded = g_base64_encode (data, WAYMARK_PERSONA_MAX_PICTURE_SIZE + extra);
      g_autofree char *file = g_strconcat (head, encoded, tail, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(WaymarkDocument) document = NULL;
      int line = 0;
      int column = 0;

      document = waymark_format_read (file, strlen (file), &line, &column, &error);
      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (waymark_persona_get_picture (lookup (document,
                                                                                    "pe-1"))),
                            ==, WAYMARK_PERSONA_MAX_PICTURE_SIZE);
          check_round_trip (document);
        }
      else
        {
          g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_LIMIT);
          g_assert_cmpstr (error->message, ==, "The picture of persona “pe-1” is larger than "
                                               "4 MiB, the most Waymark keeps.");
          g_assert_cmpint (line, ==, 3);
          g_assert_cmpint (column, ==, 1);
        }
    }
}

/* ---- Broken files ------------------------------------------------------ */

typedef struct
{
  const char         *file;
  WaymarkFormatError  code;
  int                 line;
  int                 column;
  const char         *message;
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "empty.cjmx", WAYMARK_FORMAT_ERROR_EMPTY, 1, 1, "The file is empty." },
  { "whitespace-only.cjmx", WAYMARK_FORMAT_ERROR_EMPTY, 3, 3, "The file is empty." },
  { "truncated.cjmx", WAYMARK_FORMAT_ERROR_SYNTAX, 4, 35,
    "The file ends before the map is complete; it may have been cut off." },
  { "wrong-root.cjmx", WAYMARK_FORMAT_ERROR_ROOT, 2, 1,
    "This is not a journey map: the document is a “svg”, not a “journey-map”." },
  { "wrong-namespace.cjmx", WAYMARK_FORMAT_ERROR_NAMESPACE, 2, 1,
    "The journey map is in the namespace “urn:example:maps”, not in Waymark’s "
    "“https://waymark.github.io/ns/cjmx”." },
  { "no-namespace.cjmx", WAYMARK_FORMAT_ERROR_NAMESPACE, 2, 1,
    "The journey map is in no namespace; Waymark maps use the namespace "
    "“https://waymark.github.io/ns/cjmx”." },
  { "unknown-version.cjmx", WAYMARK_FORMAT_ERROR_VERSION, 2, 56,
    "This map uses format version 3, which is newer than this Waymark can read. "
    "Update Waymark to open it." },
  { "missing-version.cjmx", WAYMARK_FORMAT_ERROR_VERSION, 2, 1,
    "The map does not say which format version it uses." },
  { "duplicate-id.cjmx", WAYMARK_FORMAT_ERROR_DUPLICATE_ID, 6, 15,
    "The ID “tp-1” is used twice; every touchpoint needs an ID of its own." },
  { "duplicate-stage.cjmx", WAYMARK_FORMAT_ERROR_DUPLICATE_ID, 4, 10,
    "The ID “st-1” is used twice; every stage needs an ID of its own." },
  { "dangling-reference.cjmx", WAYMARK_FORMAT_ERROR_REFERENCE, 5, 38,
    "Touchpoint “tp-3” refers to stage “st-9”, which does not exist." },
  { "dangling-persona.cjmx", WAYMARK_FORMAT_ERROR_REFERENCE, 4, 20,
    "Curve “cv-1” refers to persona “pe-7”, which does not exist." },
  { "wrong-reference-kind.cjmx", WAYMARK_FORMAT_ERROR_REFERENCE, 5, 25,
    "Touchpoint “tp-1” refers to stage “ln-1”, which is not a stage." },
  { "bad-number.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 3, 32,
    "The attribute “width” of “stage” is “24O”, which is not a number." },
  { "metric-nan.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 6, 24,
    "The attribute “value” of “metric” is “NaN”, which is not a number." },
  { "stage-too-wide.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 3, 32,
    "The width of stage “st-1” is 5000, outside the range from 80 to 2000." },
  { "bad-color.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 3, 34,
    "“blue” is not a colour; colours are written as “#rrggbb”." },
  { "bad-date.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 2, 68,
    "“yesterday” is not a date and time with a time zone, such as 2024-05-01T09:30:00+02:00." },
  { "invalid-id.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 3, 10,
    "“1st” is not a valid ID: an ID starts with a letter and has at most 64 letters, digits, "
    "“-”, “_” or “.”." },
  { "unknown-lane-kind.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 4, 32,
    "Lane “ln-1” has the kind “sticky”, which Waymark does not know." },
  { "binary-junk.cjmx", WAYMARK_FORMAT_ERROR_ENCODING, 1, 1,
    "The file is not UTF-8 text; it may be damaged or not a journey map at all." },
  { "invalid-utf8.cjmx", WAYMARK_FORMAT_ERROR_ENCODING, 3, 10,
    "The file is not UTF-8 text; it may be damaged or not a journey map at all." },
  { "invalid-utf8-attribute.cjmx", WAYMARK_FORMAT_ERROR_ENCODING, 3, 29,
    "The file is not UTF-8 text; it may be damaged or not a journey map at all." },
  { "nul-byte.cjmx", WAYMARK_FORMAT_ERROR_ENCODING, 3, 13,
    "The file contains NUL bytes, so it is not a text file; it may be damaged or not a "
    "journey map at all." },
  { "utf16.cjmx", WAYMARK_FORMAT_ERROR_ENCODING, 1, 1,
    "The file is not UTF-8 text; it may be damaged or not a journey map at all." },
  { "latin1.cjmx", WAYMARK_FORMAT_ERROR_ENCODING, 1, 21,
    "The file says it is encoded in “ISO-8859-1”; journey maps must be UTF-8." },
  { "doctype-entities.cjmx", WAYMARK_FORMAT_ERROR_FORBIDDEN, 2, 1,
    "The file contains a document type declaration (DOCTYPE); journey maps may not have one, "
    "as it could make Waymark load other files." },
  { "doctype-external.cjmx", WAYMARK_FORMAT_ERROR_FORBIDDEN, 2, 1,
    "The file contains a document type declaration (DOCTYPE); journey maps may not have one, "
    "as it could make Waymark load other files." },
  { "undefined-entity.cjmx", WAYMARK_FORMAT_ERROR_FORBIDDEN, 3, 36,
    "The file uses the entity “&xxe;”; journey maps may not use entities." },
  { "unknown-element.cjmx", WAYMARK_FORMAT_ERROR_STRUCTURE, 4, 3,
    "Waymark does not know an element “sticky-note” inside “journey-map”." },
  { "unknown-attribute.cjmx", WAYMARK_FORMAT_ERROR_STRUCTURE, 3, 44,
    "The element “stage” has an unknown attribute “colour”." },
  { "out-of-order.cjmx", WAYMARK_FORMAT_ERROR_STRUCTURE, 4, 3,
    "The element “stage” cannot come after “lane”." },
  { "stray-text.cjmx", WAYMARK_FORMAT_ERROR_STRUCTURE, 3, 32,
    "Text is not allowed directly inside “stage”." },
  { "element-in-text.cjmx", WAYMARK_FORMAT_ERROR_STRUCTURE, 3, 20,
    "The text of “description” cannot contain elements such as “b”." },
  { "mismatched-tag.cjmx", WAYMARK_FORMAT_ERROR_SYNTAX, 4, 10,
    "The element “stage” that starts on line 3 is closed by “stag”." },
  { "trailing-content.cjmx", WAYMARK_FORMAT_ERROR_SYNTAX, 4, 1,
    "There is more content after the end of the map." },
  { "bare-ampersand.cjmx", WAYMARK_FORMAT_ERROR_SYNTAX, 3, 16,
    "A “&” that is not part of a character reference must be written as “&amp;”." },
  { "undeclared-prefix.cjmx", WAYMARK_FORMAT_ERROR_SYNTAX, 3, 10,
    "The namespace prefix “x” is used but never declared." },
  /* Version 2 */
  /* Found by fuzzing: the constructors of owners, views, lanes and curves
   * refused an empty ID with a critical before the reader could say what is
   * wrong. */
  { "owner-empty-id.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 4, 10,
    "“” is not a valid ID: an ID starts with a letter and has at most 64 letters, digits, “-”, “_” or “.”." },
  { "view-empty-id.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 4, 9,
    "“” is not a valid ID: an ID starts with a letter and has at most 64 letters, digits, “-”, “_” or “.”." },
  { "lane-empty-id.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 4, 9,
    "“” is not a valid ID: an ID starts with a letter and has at most 64 letters, digits, “-”, “_” or “.”." },
  { "curve-empty-id.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 4, 10,
    "“” is not a valid ID: an ID starts with a letter and has at most 64 letters, digits, “-”, “_” or “.”." },
  { "dangling-link.cjmx", WAYMARK_FORMAT_ERROR_REFERENCE, 7, 5,
    "Touchpoint “tp-1” is linked to “tp-7”, which does not exist." },
  { "link-to-itself.cjmx", WAYMARK_FORMAT_ERROR_REFERENCE, 6, 5,
    "Touchpoint “tp-1” is linked to itself; a link joins two different touchpoints." },
  { "duplicate-link.cjmx", WAYMARK_FORMAT_ERROR_STRUCTURE, 9, 5,
    "Touchpoints “tp-2” and “tp-1” are linked twice." },
  { "link-to-stage.cjmx", WAYMARK_FORMAT_ERROR_REFERENCE, 6, 5,
    "Touchpoint “tp-1” is linked to “st-1”, which is not a touchpoint." },
  { "scale-inverted.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 3, 3,
    "The emotion scale goes from 2 to -2; its minimum must be less than its maximum." },
  { "scale-too-many-steps.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 4, 3,
    "The emotion scale from -20 to 20 has 40 steps; Waymark allows at most 20." },
  { "scale-not-whole.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 3, 18,
    "The attribute “min” of “emotion-scale” is “-2.5”, which is not a whole number." },
  { "level-outside-scale.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 5, 12,
    "The level 5 is outside the emotion scale from 0 to 4." },
  { "duplicate-level.cjmx", WAYMARK_FORMAT_ERROR_STRUCTURE, 5, 5,
    "The emotion scale names the level -1 twice." },
  { "picture-bad-base64.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 5, 5,
    "The picture of persona “pe-1” is not valid base64 data." },
  { "picture-wrong-type.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 4, 5,
    "The picture of persona “pe-1” has the type “image/jpeg”, but its data is not an image "
    "of that type." },
  { "picture-unknown-type.cjmx", WAYMARK_FORMAT_ERROR_VALUE, 4, 14,
    "The picture of persona “pe-1” has the type “image/gif”; it must be “image/png” or "
    "“image/jpeg”." },
  { "view-unknown-lane.cjmx", WAYMARK_FORMAT_ERROR_REFERENCE, 7, 11,
    "View “vw-1” shows lane “ln-4”, which does not exist." },
  { "view-wrong-curve.cjmx", WAYMARK_FORMAT_ERROR_REFERENCE, 7, 11,
    "View “vw-1” shows curve “ln-1”, which is not a curve." },
  { "v2-element-in-v1.cjmx", WAYMARK_FORMAT_ERROR_VERSION, 4, 3,
    "The element “owner” is new in format version 2, but the map says it uses version 1." },
  { "v2-attribute-in-v1.cjmx", WAYMARK_FORMAT_ERROR_VERSION, 4, 51,
    "The attribute “hidden” of “lane” is new in format version 2, but the map says it uses "
    "version 1." },
};

static void
test_broken (gconstpointer user_data)
{
  const BrokenCase *c = user_data;
  g_autofree char *path = source_path ("tests", "format", "broken", c->file, NULL);
  g_autoptr(GBytes) bytes = load_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  int line = -1;
  int column = -1;

  document = waymark_format_read (data, size, &line, &column, &error);
  g_assert_null (document);
  g_assert_error (error, WAYMARK_FORMAT_ERROR, (int) c->code);
  g_assert_cmpstr (error->message, ==, c->message);
  g_assert_cmpint (line, ==, c->line);
  g_assert_cmpint (column, ==, c->column);
}

static void
test_broken_corpus_complete (void)
{
  g_autofree char *dir_path = source_path ("tests", "format", "broken", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
        found |= g_str_equal (broken_cases[i].file, name);
      if (!found)
        g_error ("tests/format/broken/%s has no expectation", name);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (broken_cases));
}

/* The schema agrees that the well-formed broken files are invalid, so the
 * validity checks above are not vacuous. */
static void
test_schema_rejects (void)
{
  static const char * const files[] = {
    "unknown-element.cjmx", "unknown-attribute.cjmx",
    "bad-color.cjmx", "stage-too-wide.cjmx", "out-of-order.cjmx", "metric-nan.cjmx",
    "no-namespace.cjmx", "unknown-version.cjmx", "bad-date.cjmx",
    "scale-not-whole.cjmx", "picture-unknown-type.cjmx",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = source_path ("tests", "format", "broken", files[i], NULL);
      g_autoptr(GBytes) bytes = load_bytes (path);
      g_autofree char *errors = schema_errors (bytes);

      if (errors == NULL)
        g_error ("The schema accepts %s", files[i]);
    }
}

/* Cutting the example anywhere before its end must fail cleanly. */
static void
test_truncated_everywhere (void)
{
  g_autofree char *path = source_path ("data", "examples", "hotel-stay.cjmx", NULL);
  g_autoptr(GBytes) bytes = load_bytes (path);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize last = size - 1;   /* the final newline may go */

  for (gsize cut = 0; cut < last; cut += (cut < 400 ? 1 : 37))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaymarkDocument) document = NULL;
      int line = 0;
      int column = 0;

      document = waymark_format_read (data, cut, &line, &column, &error);
      g_assert_null (document);
      g_assert_nonnull (error);
      g_assert_true (error->domain == WAYMARK_FORMAT_ERROR);
      g_assert_cmpint (line, >=, 1);
      g_assert_cmpint (column, >=, 1);
    }
}

/* Random damage either still reads or fails with a located error; never a
 * crash, a leak or a warning. */
static void
test_mutations (void)
{
  g_autofree char *path = source_path ("data", "examples", "hotel-stay.cjmx", NULL);
  g_autoptr(GBytes) bytes = load_bytes (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize size = 0;
  const char *original = g_bytes_get_data (bytes, &size);
  g_autofree char *data = g_malloc (size);
  static const char junk[] = "<>&;\"'=/ :!?-#\xc3\xa9\xff\x00";
  guint n_ok = 0;

  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaymarkDocument) document = NULL;
      int line = 0;
      int column = 0;

      memcpy (data, original, size);
      for (guint k = 0; k < 1 + i % 3; k++)
        data[g_rand_int_range (rand, 0, size)] = junk[g_rand_int_range (rand, 0, sizeof junk - 1)];

      document = waymark_format_read (data, size, &line, &column, &error);
      if (document != NULL)
        {
          /* Whatever was read is representable: nothing invalid slipped
           * into the model. */
          g_assert_no_error (error);
          check_round_trip (document);
          n_ok++;
        }
      else
        {
          g_assert_true (error->domain == WAYMARK_FORMAT_ERROR);
          g_assert_cmpint (line, >=, 1);
          g_assert_cmpint (column, >=, 1);
        }
    }
  /* Some damage lands in text and is harmless. */
  g_assert_cmpuint (n_ok, >, 0);
}

static void
test_limits (void)
{
  GString *deep = g_string_new ("<journey-map xmlns=\"" WAYMARK_FORMAT_NAMESPACE "\" version=\"1\">");
  GString *long_text = g_string_new ("<journey-map xmlns=\"" WAYMARK_FORMAT_NAMESPACE
                                     "\" version=\"1\"><title>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  int line = 0;
  int column = 0;

  for (guint i = 0; i < WAYMARK_FORMAT_MAX_DEPTH + 5; i++)
    g_string_append (deep, "<x:a xmlns:x=\"urn:x\">");
  document = waymark_format_read (deep->str, deep->len, &line, &column, &error);
  g_assert_null (document);
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_LIMIT);
  g_assert_cmpint (line, ==, 1);
  g_assert_cmpint (column, >, 1);

  for (guint i = 0; i < WAYMARK_FORMAT_MAX_TEXT_LENGTH / 16 + 1; i++)
    g_string_append (long_text, "0123456789abcdef");
  g_string_append (long_text, "</title></journey-map>");
  document = waymark_format_read (long_text->str, long_text->len, &line, &column, &error2);
  g_assert_null (document);
  g_assert_error (error2, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_LIMIT);

  g_string_free (deep, TRUE);
  g_string_free (long_text, TRUE);
}

/* One over each count limit of version 2, and the limit itself reads. */
static void
test_limits_v2 (void)
{
  static const struct {
    const char *before;     /* one element: before and after a unique number */
    const char *after;
    guint       limit;
    const char *message;
  } cases[] = {
    { "<owner id=\"o", "\"/>", WAYMARK_FORMAT_MAX_OWNERS,
      "The map has more than 200 elements “owner”, the most Waymark reads." },
    { "<view id=\"v", "\"/>", WAYMARK_FORMAT_MAX_VIEWS,
      "The map has more than 200 elements “view”, the most Waymark reads." },
    { "<touchpoint id=\"t", "\" stage=\"s\" lane=\"l\"/>", WAYMARK_FORMAT_MAX_ITEMS,
      "Touchpoint “t0” has more than 200 links." },
    { "<metric name=\"m", "\" value=\"1\"/>", WAYMARK_FORMAT_MAX_ITEMS,
      "Stage “s” has more than 200 metrics." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint extra = 0; extra <= 1; extra++)
      {
        GString *data = g_string_new ("<journey-map xmlns=\"" WAYMARK_FORMAT_NAMESPACE "\" "
                                      "version=\"2\">\n");
        g_autoptr(GError) error = NULL;
        g_autoptr(WaymarkDocument) document = NULL;
        guint n = cases[i].limit + extra;

        if (i == 3)
          g_string_append (data, "<stage id=\"s\">\n");
        else if (i == 2)
          g_string_append (data, "<stage id=\"s\"/><lane id=\"l\"/>\n");
        if (i == 2)
          {
            /* One card linked to n others. */
            g_string_append (data, "<touchpoint id=\"t0\" stage=\"s\" lane=\"l\">\n");
            for (guint k = 1; k <= n; k++)
              g_string_append_printf (data, "<link to=\"t%u\"/>\n", k);
            g_string_append (data, "</touchpoint>\n");
          }
        for (guint k = i == 2 ? 1 : 0; k < (i == 2 ? n + 1 : n); k++)
          {
            g_string_append_printf (data, "%s%u%s\n", cases[i].before, k, cases[i].after);
          }
        if (i == 3)
          g_string_append (data, "</stage>\n");
        g_string_append (data, "</journey-map>\n");

        document = waymark_format_read (data->str, data->len, NULL, NULL, &error);
        if (extra == 0)
          {
            g_assert_no_error (error);
            g_assert_nonnull (document);
          }
        else
          {
            g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_LIMIT);
            g_assert_cmpstr (error->message, ==, cases[i].message);
          }
        g_string_free (data, TRUE);
      }
}

/* ---- Foreign namespaces ------------------------------------------------ */

static void
test_foreign (void)
{
  g_autofree char *input_path = source_path ("tests", "format", "foreign", "input.cjmx", NULL);
  g_autofree char *expected_path = source_path ("tests", "format", "foreign", "expected.cjmx",
                                                NULL);
  g_autoptr(GBytes) input = load_bytes (input_path);
  g_autoptr(GBytes) expected = load_bytes (expected_path);
  g_autoptr(WaymarkDocument) document = read_bytes (input);
  g_autoptr(GBytes) written = waymark_format_write (document);
  g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document), 0);
  g_autoptr(WaymarkLane) lane = g_list_model_get_item (waymark_document_get_lanes (document), 0);
  g_autoptr(WaymarkTouchpoint) touchpoint =
    g_list_model_get_item (waymark_document_get_touchpoints (document), 0);
  g_autoptr(WaymarkCurve) curve = g_list_model_get_item (waymark_document_get_curves (document), 0);
  g_autoptr(WaymarkOwner) owner = g_list_model_get_item (waymark_document_get_owners (document), 0);
  g_autoptr(WaymarkView) view = g_list_model_get_item (waymark_document_get_views (document), 0);

  g_assert_nonnull (waymark_document_get_extension_data (document));
  g_assert_nonnull (waymark_element_get_extension_data (WAYMARK_ELEMENT (stage)));
  g_assert_null (waymark_element_get_extension_data (WAYMARK_ELEMENT (lane)));
  g_assert_nonnull (waymark_element_get_extension_data (WAYMARK_ELEMENT (touchpoint)));
  g_assert_nonnull (waymark_element_get_extension_data (WAYMARK_ELEMENT (curve)));
  g_assert_nonnull (waymark_element_get_extension_data (WAYMARK_ELEMENT (owner)));
  g_assert_nonnull (waymark_element_get_extension_data (WAYMARK_ELEMENT (view)));

  /* The foreign content comes back: attributes with their values, whole
   * subtrees with their text, on the root and on the elements. */
  g_assert_true (bytes_contain (written, "crm:account=\"ACME &amp; Co\""));
  g_assert_true (bytes_contain (written, "xml:lang=\"en\""));
  g_assert_true (bytes_contain (written, "crm:phase=\"p1\""));
  g_assert_true (bytes_contain (written, "crm:ticket=\"T-42\""));
  g_assert_true (bytes_contain (written, "<crm:note>Keep <crm:b>this</crm:b> text &lt;exactly&gt;"
                                         "</crm:note>"));
  g_assert_true (bytes_contain (written, "<crm:item n=\"2\">  spaced  </crm:item>"));
  g_assert_true (bytes_contain (written, "<crm:owner-ref xmlns:crm=\"urn:example:crm\" id=\"u-7\"/>"));
  g_assert_true (bytes_contain (written, "<x:smooth xmlns:x=\"urn:example:x\" tension=\"0.5\"/>"));
  g_assert_true (bytes_contain (written, "<plain xmlns=\"\"/>"));
  g_assert_true (bytes_contain (written, "crm:team=\"T1\""));
  g_assert_true (bytes_contain (written, "<crm:manager xmlns:crm=\"urn:example:crm\">Ann"
                                         "</crm:manager>"));
  g_assert_true (bytes_contain (written, "crm:audience=\"board\""));
  g_assert_true (bytes_contain (written, "<crm:filter xmlns:crm=\"urn:example:crm\" "
                                         "by=\"owner\"/>"));
  /* Documented: metric, point, emotion-scale, level and show have no
   * place to keep it. */
  g_assert_false (bytes_contain (written, "crm:source"));
  g_assert_false (bytes_contain (written, "crm:dropped"));

  assert_bytes_equal (written, expected);
  assert_valid (written);
  check_round_trip (document);
}

static void
test_foreign_programmatic (void)
{
  WaymarkTouchpoint *touchpoint;
  g_autoptr(WaymarkDocument) document = small_document (&touchpoint);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkDocument) again = NULL;

  /* Not well-formed: dropped, never written as broken XML. */
  waymark_element_set_extension_data (WAYMARK_ELEMENT (touchpoint), "<extension <<");
  bytes = waymark_format_write (document);
  assert_valid (bytes);
  g_clear_object (&again);
  again = read_bytes (bytes);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Content in our namespace or none would make the file unreadable:
   * only the foreign parts are written. */
  waymark_document_set_extension_data (document,
                                       "<extension xmlns=\"" WAYMARK_FORMAT_NAMESPACE "\" "
                                       "xmlns:q=\"urn:q\" q:keep=\"1\" drop=\"2\">"
                                       "<stage id=\"st-9\"/><q:kept/><plain/>text</extension>");
  bytes = waymark_format_write (document);
  assert_valid (bytes);
  g_assert_true (bytes_contain (bytes, "q:keep=\"1\""));
  g_assert_true (bytes_contain (bytes, "<q:kept xmlns:q=\"urn:q\"/>"));
  g_assert_false (bytes_contain (bytes, "st-9"));
  g_assert_false (bytes_contain (bytes, "drop="));
  g_clear_object (&again);
  again = read_bytes (bytes);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (again)), ==, 1);

  /* A DOCTYPE in extension data is refused like one in a file. */
  g_clear_pointer (&bytes, g_bytes_unref);
  waymark_document_set_extension_data (document,
                                       "<!DOCTYPE x [<!ENTITY e \"boom\">]>"
                                       "<extension xmlns=\"" WAYMARK_FORMAT_NAMESPACE "\" "
                                       "xmlns:q=\"urn:q\" q:e=\"&e;\"/>");
  bytes = waymark_format_write (document);
  g_assert_false (bytes_contain (bytes, "boom"));
  g_assert_false (bytes_contain (bytes, "q:e"));
  assert_valid (bytes);
}

/* ---- Files ------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char **
sorted_listing (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

static void
test_save_success (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("waymark-format-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "map.cjmx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WaymarkDocument) first = waymark_synth_document (5, 40, 11);
  g_autoptr(WaymarkDocument) second = waymark_synth_document (6, 60, 12);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(WaymarkDocument) loaded = NULL;
  g_auto(GStrv) names = NULL;
  int line = -1;
  int column = -1;

  g_assert_no_error (error);
  g_assert_true (waymark_format_save_file (first, file, NULL, &error));
  g_assert_no_error (error);

  /* Replacing an existing file. */
  g_assert_true (waymark_format_save_file (second, file, NULL, &error));
  g_assert_no_error (error);
  expected = waymark_format_write (second);
  on_disk = load_bytes (path);
  assert_bytes_equal (expected, on_disk);

  names = sorted_listing (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "map.cjmx");

  loaded = waymark_format_read_file (file, NULL, &line, &column, &error);
  g_assert_no_error (error);
  g_assert_cmpint (line, ==, 0);
  assert_documents_equal (second, loaded);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_save_failures (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("waymark-format-XXXXXX", &error);
  g_autofree char *original_path = g_build_filename (dir, "original.cjmx", NULL);
  g_autofree char *dir_target = g_build_filename (dir, "folder.cjmx", NULL);
  g_autofree char *inside = g_build_filename (dir_target, "inside.txt", NULL);
  g_autofree char *missing_parent = g_build_filename (dir, "missing", "map.cjmx", NULL);
  g_autofree char *file_parent = g_build_filename (original_path, "map.cjmx", NULL);
  g_autoptr(WaymarkDocument) original = waymark_synth_document (4, 20, 21);
  g_autoptr(WaymarkDocument) other = waymark_synth_document (4, 30, 22);
  g_autoptr(GBytes) original_bytes = NULL;
  g_auto(GStrv) before = NULL;
  const char *targets[] = { dir_target, missing_parent, file_parent };
  const int codes[] = { G_IO_ERROR_IS_DIRECTORY, G_IO_ERROR_NOT_FOUND, G_IO_ERROR_NOT_DIRECTORY };

  g_assert_no_error (error);
  {
    g_autoptr(GFile) file = g_file_new_for_path (original_path);

    g_assert_true (waymark_format_save_file (original, file, NULL, &error));
    g_assert_no_error (error);
  }
  original_bytes = load_bytes (original_path);
  g_assert_cmpint (g_mkdir (dir_target, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "keep me", -1, NULL));
  before = sorted_listing (dir);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (targets[i]);
      g_autofree char *name = g_file_get_parse_name (file);
      g_auto(GStrv) after = NULL;

      g_assert_false (waymark_format_save_file (other, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, codes[i]);
      /* The message names the file. */
      g_assert_nonnull (strstr (error->message, name));
      g_clear_error (&error);

      after = sorted_listing (dir);
      g_assert_true (g_strv_equal ((const char * const *) before, (const char * const *) after));
    }

  /* A cancelled save leaves the original as it was. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (original_path);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GBytes) now = NULL;
    g_auto(GStrv) after = NULL;

    g_cancellable_cancel (cancellable);
    g_assert_false (waymark_format_save_file (other, file, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    now = load_bytes (original_path);
    assert_bytes_equal (original_bytes, now);
    after = sorted_listing (dir);
    g_assert_true (g_strv_equal ((const char * const *) before, (const char * const *) after));
  }

  {
    g_autoptr(GBytes) now = load_bytes (original_path);
    g_autofree char *kept = NULL;

    assert_bytes_equal (original_bytes, now);
    g_assert_true (g_file_get_contents (inside, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "keep me");
  }

  g_assert_cmpint (g_remove (inside), ==, 0);
  g_assert_cmpint (g_rmdir (dir_target), ==, 0);
  g_assert_cmpint (g_remove (original_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_read_file_errors (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/waymark/map.cjmx");
  g_autofree char *broken_path = source_path ("tests", "format", "broken", "dangling-reference.cjmx",
                                              NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  int line = -1;
  int column = -1;

  document = waymark_format_read_file (missing, NULL, &line, &column, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/waymark/map.cjmx"));
  g_assert_cmpint (line, ==, 0);
  g_clear_error (&error);

  document = waymark_format_read_file (broken, NULL, &line, &column, &error);
  g_assert_null (document);
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_REFERENCE);
  g_assert_cmpint (line, ==, 5);
  g_assert_cmpint (column, ==, 38);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  xmlInitParser ();

  g_test_add_func ("/format/round-trip/synthetic", test_round_trip_synthetic);
  g_test_add_func ("/format/round-trip/example", test_round_trip_example);
  g_test_add_func ("/format/example-content", test_example_content);
  g_test_add_func ("/format/deterministic", test_deterministic);
  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/strings", test_strings);
  g_test_add_func ("/format/invalid-utf8-in-model", test_invalid_utf8_in_model);
  g_test_add_func ("/format/defaults", test_defaults_and_omissions);
  g_test_add_func ("/format/v2/full", test_v2_full);
  g_test_add_func ("/format/v2/edits", test_v2_edits);
  g_test_add_func ("/format/v2/many-links", test_v2_many_links);
  g_test_add_func ("/format/v2/upgrade-v1", test_upgrade_v1);
  for (guint i = 0; i < G_N_ELEMENTS (warning_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/format/warnings/%s", warning_cases[i].file);

      g_test_add_data_func (name, &warning_cases[i], test_warnings);
    }
  g_test_add_func ("/format/warnings/values", test_warnings_values);
  g_test_add_func ("/format/warnings/capped", test_warnings_capped);
  g_test_add_func ("/format/v2/picture-limit", test_picture_limit);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/format/broken/%s", broken_cases[i].file);

      g_test_add_data_func (name, &broken_cases[i], test_broken);
    }
  g_test_add_func ("/format/broken-corpus-complete", test_broken_corpus_complete);
  g_test_add_func ("/format/schema-rejects", test_schema_rejects);
  g_test_add_func ("/format/truncated-everywhere", test_truncated_everywhere);
  g_test_add_func ("/format/mutations", test_mutations);
  g_test_add_func ("/format/limits", test_limits);
  g_test_add_func ("/format/limits-v2", test_limits_v2);
  g_test_add_func ("/format/foreign/file", test_foreign);
  g_test_add_func ("/format/foreign/programmatic", test_foreign_programmatic);
  g_test_add_func ("/format/save/success", test_save_success);
  g_test_add_func ("/format/save/failures", test_save_failures);
  g_test_add_func ("/format/read-file-errors", test_read_file_errors);

  ret = g_test_run ();

  g_clear_pointer (&schema, xmlRelaxNGFree);
  xmlCleanupParser ();
  return ret;
}
