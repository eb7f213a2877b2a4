/* test-templates.c — the bundled example and templates: complete, realistic, canonical
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test-templates"

#include "config.h"

#include <math.h>
#include <string.h>

#include "waymark-format.h"

/* Every template the New dialog offers; hotel-stay is the example map. */
static const char *templates[] = {
  "blank", "hotel-stay", "retail-purchase", "saas-onboarding", "telecom-churn-retention",
  "b2b-construction-distributor", "luxury-fashion-omnichannel",
};

static const char *level_names[] = { "Frustrated", "Unhappy", "Neutral", "Happy", "Delighted" };

/* ---- Helpers ----------------------------------------------------------- */

static char *
template_path (const char *name)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  g_autofree char *file = g_strconcat (name, ".cjmx", NULL);

  g_assert_nonnull (root);
  if (strcmp (name, "hotel-stay") == 0)
    return g_build_filename (root, "data", "examples", file, NULL);
  return g_build_filename (root, "data", "templates", file, NULL);
}

static GBytes *
load_template_bytes (const char *name)
{
  g_autofree char *path = template_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static WaymarkDocument *
read_template (const char *name,
               GBytes    **bytes_out)
{
  g_autoptr(GBytes) bytes = load_template_bytes (name);
  g_autoptr(GError) error = NULL;
  WaymarkDocument *document;
  const char *data;
  gsize length = 0;
  int line = 0;
  int column = 0;

  data = g_bytes_get_data (bytes, &length);
  document = waymark_format_read (data, length, &line, &column, &error);
  if (document == NULL)
    g_error ("%s.cjmx:%d:%d: %s", name, line, column, error->message);

  /* Nothing clamped or otherwise adjusted: a template is exactly as written. */
  {
    const char * const *warnings = waymark_format_get_warnings (document);

    if (warnings != NULL && warnings[0] != NULL)
      g_error ("%s.cjmx: %s", name, warnings[0]);
  }

  if (bytes_out != NULL)
    *bytes_out = g_steal_pointer (&bytes);
  return document;
}

#define ITEM(model, i) g_list_model_get_item ((model), (i))

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static WaymarkLane *
find_lane (WaymarkDocument *document,
           WaymarkLaneKind  kind)
{
  GListModel *lanes = waymark_document_get_lanes (document);

  for (guint i = 0; i < n_items (lanes); i++)
    {
      g_autoptr(WaymarkLane) lane = ITEM (lanes, i);

      if (waymark_lane_get_kind (lane) == kind)
        return lane;   /* the document keeps it alive */
    }
  return NULL;
}

static WaymarkView *
find_view (WaymarkDocument *document,
           const char      *name)
{
  GListModel *views = waymark_document_get_views (document);

  for (guint i = 0; i < n_items (views); i++)
    {
      g_autoptr(WaymarkView) view = ITEM (views, i);

      if (g_strcmp0 (waymark_view_get_name (view), name) == 0)
        return view;
    }
  return NULL;
}

static guint
strv_length (const char * const *strv)
{
  return strv != NULL ? g_strv_length ((char **) strv) : 0;
}

static guint
count_notes (WaymarkDocument *document,
             WaymarkCurve    *curve)
{
  GListModel *stages = waymark_document_get_stages (document);
  guint n = 0;

  for (guint i = 0; i < n_items (stages); i++)
    {
      g_autoptr(WaymarkStage) stage = ITEM (stages, i);
      const char *note = waymark_curve_get_note (curve, stage);

      if (note != NULL && note[0] != '\0')
        n++;
    }
  return n;
}

static void
assert_named_scale (WaymarkDocument *document)
{
  const char * const *levels = waymark_document_get_emotion_levels (document);

  g_assert_cmpint (waymark_document_get_emotion_min (document), ==, -2);
  g_assert_cmpint (waymark_document_get_emotion_max (document), ==, 2);
  g_assert_nonnull (levels);
  g_assert_cmpuint (strv_length (levels), ==, G_N_ELEMENTS (level_names));
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    g_assert_cmpstr (levels[i], ==, level_names[i]);
}

/* ---- What every template has ------------------------------------------- */

static void
test_template (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(WaymarkDocument) document = read_template (name, &original);
  g_autoptr(GBytes) written = waymark_format_write (document);
  GListModel *curves = waymark_document_get_curves (document);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  GListModel *owners = waymark_document_get_owners (document);
  guint n_stages = n_items (waymark_document_get_stages (document));
  guint n_current = 0;

  /* Canonical: saving the template unchanged gives the same bytes, so the
   * files never show a diff after "waymark --upgrade". */
  if (!g_bytes_equal (original, written))
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.written.cjmx", g_get_tmp_dir (), name);

      g_file_set_contents (path, g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                           NULL);
      g_error ("%s.cjmx is not in the writer's layout; the writer's output is in %s", name,
               path);
    }

  assert_named_scale (document);
  g_assert_cmpuint (n_stages, >=, 3);
  g_assert_cmpuint (n_items (waymark_document_get_personas (document)), >=, 1);
  g_assert_nonnull (find_lane (document, WAYMARK_LANE_BACKSTAGE));
  g_assert_nonnull (find_lane (document, WAYMARK_LANE_EMOTION));
  g_assert_cmpuint (n_items (owners), >=, 4);

  for (guint i = 0; i < n_items (owners); i++)
    {
      g_autoptr(WaymarkOwner) owner = ITEM (owners, i);
      const char *color = waymark_owner_get_color (owner);

      g_assert_cmpuint (strlen (waymark_owner_get_name (owner)), >, 0);
      g_assert_true (color != NULL && color[0] == '#' && strlen (color) == 7);
    }

  for (guint i = 0; i < n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = ITEM (curves, i);

      if (waymark_curve_get_state (curve) != WAYMARK_CURVE_CURRENT)
        continue;
      g_assert_nonnull (waymark_curve_get_persona (curve));
      g_assert_true (waymark_curve_get_visible (curve));
      n_current++;
      if (strcmp (name, "blank") == 0)
        {
          /* Drawn by the user, freehand or point by point. */
          g_assert_cmpuint (waymark_curve_get_n_values (curve), ==, 0);
        }
      else
        {
          g_assert_cmpuint (waymark_curve_get_n_values (curve), ==, n_stages);
          g_assert_cmpuint (count_notes (document, curve), >=, 2);
        }
    }
  g_assert_cmpuint (n_current, >=, 1);

  if (strcmp (name, "blank") == 0)
    {
      g_assert_cmpuint (n_items (touchpoints), ==, 0);
      g_assert_cmpstr (waymark_document_get_title (document), ==, "");
      return;
    }

  g_assert_cmpuint (strlen (waymark_document_get_title (document)), >, 0);
  g_assert_cmpuint (strlen (waymark_document_get_description (document)), >, 0);
  if (strcmp (name, "hotel-stay") != 0)
    {
      g_assert_cmpuint (n_items (touchpoints), >=, 15);
      g_assert_cmpuint (n_items (touchpoints), <=, 30);
    }

  for (guint i = 0; i < n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = ITEM (touchpoints, i);
      WaymarkLaneKind kind = waymark_lane_get_kind (waymark_touchpoint_get_lane (tp));
      const char *owner = waymark_touchpoint_get_owner (tp);

      g_assert_cmpuint (strlen (waymark_touchpoint_get_title (tp)), >, 0);

      /* A named owner is on the owners list, so that it has a colour. */
      if (owner[0] != '\0' && waymark_document_lookup_owner (document, owner) == NULL)
        g_error ("%s: touchpoint %s has owner “%s”, which is not on the owners list", name,
                 waymark_element_get_id (WAYMARK_ELEMENT (tp)), owner);

      /* Every employee or system step serves a customer touchpoint. */
      if (kind == WAYMARK_LANE_BACKSTAGE)
        {
          g_autoptr(GPtrArray) linked = waymark_document_get_linked (document, tp);

          g_assert_cmpuint (linked->len, >=, 1);
          for (guint k = 0; k < linked->len; k++)
            {
              WaymarkTouchpoint *other = g_ptr_array_index (linked, k);
              WaymarkLane *lane = waymark_touchpoint_get_lane (other);

              g_assert_cmpint (waymark_lane_get_kind (lane), !=, WAYMARK_LANE_BACKSTAGE);
            }
        }
    }
}

/* Every template in data/templates is compiled into the editor's resources. */
static void
test_templates_in_resources (void)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  g_autofree char *dir_path = g_build_filename (root, "data", "templates", NULL);
  g_autofree char *gresource_path = g_build_filename (root, "src", "ui", "waymark.gresource.xml",
                                                      NULL);
  g_autofree char *gresource = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *file;
  guint n_files = 0;

  g_file_get_contents (gresource_path, &gresource, NULL, &error);
  g_assert_no_error (error);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *entry = NULL;
      gboolean offered = FALSE;

      if (!g_str_has_suffix (file, ".cjmx"))
        continue;
      n_files++;
      entry = g_strdup_printf ("<file alias=\"templates/%s\">../../data/templates/%s</file>",
                               file, file);
      if (strstr (gresource, entry) == NULL)
        g_error ("src/ui/waymark.gresource.xml lacks %s", entry);
      for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
        if (strncmp (file, templates[i], strlen (file) - strlen (".cjmx")) == 0
            && strlen (templates[i]) == strlen (file) - strlen (".cjmx"))
          offered = TRUE;
      if (!offered)
        g_error ("data/templates/%s is not checked by this test", file);
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (templates) - 1);
  g_assert_nonnull (strstr (gresource, "<file alias=\"templates/hotel-stay.cjmx\">"
                                       "../../data/examples/hotel-stay.cjmx</file>"));
}

/* ---- The example map shows every feature of format version 2 ------------ */

static void
test_example (void)
{
  g_autoptr(WaymarkDocument) document = read_template ("hotel-stay", NULL);
  GListModel *personas = waymark_document_get_personas (document);
  GListModel *curves = waymark_document_get_curves (document);
  GListModel *stages = waymark_document_get_stages (document);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  WaymarkLane *backstage = find_lane (document, WAYMARK_LANE_BACKSTAGE);
  WaymarkLane *emotions = find_lane (document, WAYMARK_LANE_EMOTION);
  WaymarkView *exec, *operations;
  WaymarkStage *arrive;
  guint n_backstage = 0, n_linked = 0, n_unowned = 0, n_moments = 0, n_notes = 0;
  guint n_off_target = 0, n_on_target = 0, n_stages_with_kpis = 0;

  assert_named_scale (document);
  g_assert_cmpuint (n_items (stages), ==, 7);
  g_assert_cmpuint (n_items (waymark_document_get_owners (document)), >=, 6);
  g_assert_nonnull (find_lane (document, WAYMARK_LANE_METRICS));
  g_assert_nonnull (backstage);
  g_assert_nonnull (emotions);

  /* Two personas, each with goals, frustrations, a quote, a colour, and a
   * current and a future curve; the future is better where it hurts most. */
  g_assert_cmpuint (n_items (personas), ==, 2);
  g_assert_cmpuint (n_items (curves), ==, 4);
  arrive = WAYMARK_STAGE (waymark_document_lookup (document, "st-4"));
  g_assert_nonnull (arrive);
  for (guint p = 0; p < n_items (personas); p++)
    {
      g_autoptr(WaymarkPersona) persona = ITEM (personas, p);
      WaymarkCurve *current = NULL, *future = NULL;
      double today, tomorrow;

      g_assert_cmpuint (strlen (waymark_persona_get_goals (persona)), >, 0);
      g_assert_cmpuint (strlen (waymark_persona_get_frustrations (persona)), >, 0);
      g_assert_cmpuint (strlen (waymark_persona_get_quote (persona)), >, 0);
      g_assert_cmpuint (strlen (waymark_persona_get_color (persona)), ==, 7);

      for (guint i = 0; i < n_items (curves); i++)
        {
          g_autoptr(WaymarkCurve) curve = ITEM (curves, i);

          if (waymark_curve_get_persona (curve) != persona)
            continue;
          if (waymark_curve_get_state (curve) == WAYMARK_CURVE_CURRENT)
            current = curve;
          else
            future = curve;
        }
      g_assert_nonnull (current);
      g_assert_nonnull (future);
      g_assert_cmpuint (waymark_curve_get_n_values (current), ==, 7);
      g_assert_cmpuint (waymark_curve_get_n_values (future), ==, 7);
      g_assert_true (waymark_curve_get_value (current, arrive, &today));
      g_assert_true (waymark_curve_get_value (future, arrive, &tomorrow));
      g_assert_cmpfloat (tomorrow, >, today + 1.5);
      n_notes += count_notes (document, current) + count_notes (document, future);
    }
  g_assert_cmpuint (n_notes, ==, 8);

  for (guint i = 0; i < n_items (stages); i++)
    {
      g_autoptr(WaymarkStage) stage = ITEM (stages, i);

      if (waymark_stage_get_metrics (stage)->len > 0)
        n_stages_with_kpis++;
    }
  g_assert_cmpuint (n_stages_with_kpis, ==, 4);

  for (guint i = 0; i < n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = ITEM (touchpoints, i);
      WaymarkLaneKind kind = waymark_lane_get_kind (waymark_touchpoint_get_lane (tp));
      GPtrArray *metrics = waymark_touchpoint_get_metrics (tp);

      if (kind == WAYMARK_LANE_BACKSTAGE)
        n_backstage++;
      if (kind == WAYMARK_LANE_BACKSTAGE && strv_length (waymark_touchpoint_get_links (tp)) > 0)
        n_linked++;
      /* Thoughts are the guest's own words; everything else has an owner
       * but the shuttle, which nobody owns on purpose. */
      if (kind != WAYMARK_LANE_TEXT && waymark_touchpoint_get_owner (tp)[0] == '\0')
        {
          g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (tp)), ==, "tp-37");
          n_unowned++;
        }
      if (waymark_touchpoint_get_moment_of_truth (tp))
        {
          g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (tp)), ==, "tp-19");
          n_moments++;
        }
      for (guint k = 0; k < metrics->len; k++)
        {
          WaymarkMetric *metric = g_ptr_array_index (metrics, k);

          if (!waymark_metric_has_target (metric))
            continue;
          if (waymark_metric_is_on_target (metric))
            n_on_target++;
          else
            n_off_target++;
        }
    }
  g_assert_cmpuint (n_items (touchpoints), ==, 39);
  g_assert_cmpuint (n_backstage, ==, 8);
  g_assert_cmpuint (n_linked, ==, 8);
  g_assert_cmpuint (n_unowned, ==, 1);
  g_assert_cmpuint (n_moments, ==, 1);
  g_assert_cmpuint (n_on_target, >=, 3);
  g_assert_cmpuint (n_off_target, >=, 15);

  /* "Exec summary": stages, the emotion lane and both current curves. */
  exec = find_view (document, "Exec summary");
  g_assert_nonnull (exec);
  g_assert_false (waymark_view_get_color_by_owner (exec));
  g_assert_cmpuint (strv_length (waymark_view_get_lanes (exec)), ==, 1);
  g_assert_true (waymark_view_shows_lane (exec, emotions));
  g_assert_cmpuint (strv_length (waymark_view_get_curves (exec)), ==, 2);
  for (guint i = 0; i < n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = ITEM (curves, i);

      g_assert_cmpint (waymark_view_shows_curve (exec, curve), ==,
                       waymark_curve_get_state (curve) == WAYMARK_CURVE_CURRENT);
    }

  /* "Operations": the front stage and the backstage, coloured by owner. */
  operations = find_view (document, "Operations");
  g_assert_nonnull (operations);
  g_assert_true (waymark_view_get_color_by_owner (operations));
  g_assert_true (waymark_view_shows_lane (operations, backstage));
  g_assert_true (waymark_view_shows_lane (operations,
                                          WAYMARK_LANE (waymark_document_lookup (document,
                                                                                 "ln-2"))));
  g_assert_false (waymark_view_shows_lane (operations, emotions));
  g_assert_cmpuint (strv_length (waymark_view_get_curves (operations)), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *path = g_strdup_printf ("/templates/%s", templates[i]);

      g_test_add_data_func (path, templates[i], test_template);
    }
  g_test_add_func ("/templates/resources", test_templates_in_resources);
  g_test_add_func ("/templates/example", test_example);

  return g_test_run ();
}
