/* test-translate.c — tests for translating the bundled example map through gettext
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "waymark-curve.h"
#include "waymark-format.h"
#include "waymark-format-translate.h"
#include "waymark-lane.h"
#include "waymark-metric.h"
#include "waymark-persona.h"
#include "waymark-stage.h"
#include "waymark-touchpoint.h"
#include "waymark-owner.h"
#include "waymark-view.h"

/* Set up once in main(): a locale directory holding the German catalogue
 * compiled from po/de.po, bound to GETTEXT_PACKAGE. */
static char *locale_dir;

static WaymarkDocument *
read_example (void)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkDocument *document;
  gsize length;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "examples", "hotel-stay.cjmx", NULL);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  document = waymark_format_read (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_false (waymark_document_can_undo (document));

  return document;
}

static gpointer
lookup (WaymarkDocument *document,
        const char      *id)
{
  WaymarkElement *element = waymark_document_lookup (document, id);

  g_assert_nonnull (element);
  return element;
}

static WaymarkMetric *
metric_at (WaymarkTouchpoint *touchpoint,
           guint              index)
{
  GPtrArray *metrics = waymark_touchpoint_get_metrics (touchpoint);

  g_assert_nonnull (metrics);
  g_assert_cmpuint (index, <, metrics->len);
  return g_ptr_array_index (metrics, index);
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  gsize la, lb;
  const char *da = g_bytes_get_data (a, &la);
  const char *db = g_bytes_get_data (b, &lb);

  g_assert_cmpmem (da, la, db, lb);
}

static void
test_translate_german (void)
{
  g_autoptr(WaymarkDocument) document = read_example ();
  g_autoptr(WaymarkDocument) reread = NULL;
  g_autoptr(GBytes) original = waymark_format_write (document);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkTouchpoint *tp3, *tp19, *tp31;
  WaymarkPersona *maya;
  gsize length;
  const char *data;
  double value;

  waymark_format_translate_document (document, GETTEXT_PACKAGE);

  /* Plain text, and a name whose "&" xgettext catalogues as "&amp;". */
  g_assert_cmpstr (waymark_stage_get_name (lookup (document, "st-2")), ==, "Buchen");
  g_assert_cmpstr (waymark_stage_get_name (lookup (document, "st-1")), ==,
                   "Träumen und recherchieren");
  g_assert_cmpstr (waymark_stage_get_description (lookup (document, "st-6")), ==,
                   "Rechnung, Bezahlung, Firmenrechnung, Gepäck und Abreise.");
  g_assert_cmpstr (waymark_lane_get_name (lookup (document, "ln-3")), ==, "Gedanken");
  g_assert_cmpstr (waymark_document_get_title (document), ==,
                   "Hotelaufenthalt – vom Träumen bis zur Wiederkehr");
  g_assert_cmpstr (waymark_document_get_author (document), ==,
                   "Team Gästeerlebnis, Harbour View Hotels");

  tp3 = lookup (document, "tp-3");
  g_assert_cmpstr (waymark_touchpoint_get_title (tp3), ==, "Hotel-Website");
  g_assert_cmpstr (waymark_touchpoint_get_pain_points (tp3)[0], ==,
                   "Die Fotos zeigen das Zustellbett im Familienzimmer nicht");
  g_assert_cmpstr (waymark_touchpoint_get_opportunities (tp3)[0], ==,
                   "Eine 360°-Ansicht jeder Zimmerkategorie hinzufügen");
  g_assert_cmpstr (waymark_metric_get_name (metric_at (tp3, 0)), ==, "Konversionsrate");
  /* Shown text that filters match stays as written. */
  g_assert_cmpstr (waymark_touchpoint_get_channel (tp3), ==, "web");
  g_assert_cmpstr (waymark_touchpoint_get_owner (tp3), ==, "Marketing");

  /* Numbers stay as they were, and so do the metrics' other fields. */
  tp19 = lookup (document, "tp-19");
  g_assert_cmpstr (waymark_touchpoint_get_title (tp19), ==, "Check-in an der Rezeption");
  g_assert_cmpfloat (waymark_touchpoint_get_emotion (tp19), ==, -1.5);
  g_assert_cmpstr (waymark_metric_get_name (metric_at (tp19, 1)), ==, "CSAT Ankunft");
  g_assert_cmpstr (waymark_metric_get_unit (metric_at (tp19, 1)), ==, "/ 5");
  g_assert_cmpfloat (waymark_metric_get_value (metric_at (tp19, 1)), ==, 3.4);
  g_assert_cmpfloat (waymark_metric_get_target (metric_at (tp19, 1)), ==, 4.5);
  g_assert_true (waymark_metric_higher_is_better (metric_at (tp19, 1)));
  g_assert_cmpstr (waymark_touchpoint_get_pain_points (tp19)[1], ==,
                   "Familienzimmer um die zugesagten 15:00 Uhr nicht fertig");
  tp31 = lookup (document, "tp-31");
  g_assert_cmpstr (waymark_metric_get_unit (metric_at (tp31, 0)), ==, "% der Aufenthalte");
  g_assert_cmpfloat (waymark_metric_get_value (metric_at (tp31, 0)), ==, 9);
  g_assert_false (waymark_metric_higher_is_better (metric_at (tp31, 0)));
  g_assert_cmpstr (waymark_element_get_id (WAYMARK_ELEMENT (tp31)), ==, "tp-31");
  g_assert_cmpfloat (waymark_stage_get_width (lookup (document, "st-5")), ==, 300);

  /* Multi-line text keeps its line structure. */
  maya = lookup (document, "pe-1");
  g_assert_cmpstr (waymark_persona_get_name (maya), ==, "Maya, die Geschäftsreisende");
  g_assert_cmpstr (waymark_persona_get_frustrations (maya), ==,
                   "Schlangen an der Rezeption nach 22:00 Uhr.\n"
                   "WLAN, das bei Videocalls abbricht.\n"
                   "Rechnungen, bei denen man anrufen muss, um den Firmennamen zu korrigieren.");
  g_assert_cmpstr (waymark_curve_get_name (lookup (document, "cv-1")), ==, "Maya heute");
  g_assert_true (waymark_curve_get_value (lookup (document, "cv-1"), lookup (document, "st-4"),
                                          &value));
  g_assert_cmpfloat (value, ==, -1.75);

  /* A new map from the example starts with nothing to undo. */
  g_assert_false (waymark_document_can_undo (document));

  /* The translated map saves, reads back the same and saves identically. */
  written = waymark_format_write (document);
  g_assert_false (g_bytes_equal (written, original));
  data = g_bytes_get_data (written, &length);
  reread = waymark_format_read (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reread);
  g_assert_cmpstr (waymark_stage_get_name (lookup (reread, "st-1")), ==,
                   "Träumen und recherchieren");
  g_assert_cmpstr (waymark_touchpoint_get_title (lookup (reread, "tp-3")), ==, "Hotel-Website");
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_touchpoints (reread)), ==,
                    g_list_model_get_n_items (waymark_document_get_touchpoints (document)));
  rewritten = waymark_format_write (reread);
  assert_same_bytes (written, rewritten);
}

static void
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

#define V2_DOMAIN "waymark-test-v2"

/* The texts version 2 added are extracted by data/its/cjmx.its and
 * translated at run time: a catalogue made from what xgettext extracts
 * from the version 2 fixture, each text translated as «text». */
static void
test_translate_v2 (void)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  g_autofree char *its = g_build_filename (root, "data", "its", "cjmx.its", NULL);
  g_autofree char *map = g_build_filename (root, "tests", "format", "v2", "full.cjmx", NULL);
  g_autofree char *dir = g_build_filename (locale_dir, "de", "LC_MESSAGES", NULL);
  g_autofree char *pot = g_build_filename (locale_dir, "v2.pot", NULL);
  g_autofree char *en = g_build_filename (locale_dir, "v2-en.po", NULL);
  g_autofree char *po = g_build_filename (locale_dir, "v2.po", NULL);
  g_autofree char *mo = g_build_filename (dir, V2_DOMAIN ".mo", NULL);
  g_autofree char *its_arg = g_strconcat ("--its=", its, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(WaymarkDocument) reread = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  WaymarkStage *st1;
  WaymarkMetric *metric;
  const char * const *levels;
  g_autofree char *xgettext = g_find_program_in_path ("xgettext");
  gsize length;

  if (xgettext == NULL)
    {
      g_test_skip ("xgettext not found");
      return;
    }
  run_tool ((const char *[]) { "xgettext", its_arg, "-o", pot, map, NULL });
  run_tool ((const char *[]) { "msgen", "-o", en, pot, NULL });
  /* A template names no charset; the texts are UTF-8. */
  run_tool ((const char *[]) { "sed", "-i", "s/charset=CHARSET/charset=UTF-8/", en, NULL });
  run_tool ((const char *[]) { "msgfilter", "--keep-header", "-i", en, "-o", po,
                               "sed", "-e", "s/^/«/", "-e", "s/$/»/", NULL });
  run_tool ((const char *[]) { "msgfmt", "-o", mo, po, NULL });
  bindtextdomain (V2_DOMAIN, locale_dir);
  bind_textdomain_codeset (V2_DOMAIN, "UTF-8");

  g_file_get_contents (map, &data, &length, &error);
  g_assert_no_error (error);
  document = waymark_format_read (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  waymark_format_translate_document (document, V2_DOMAIN);

  levels = waymark_document_get_emotion_levels (document);
  g_assert_cmpstr (levels[0], ==, "«Furious»");
  g_assert_cmpstr (levels[1], ==, "");
  g_assert_cmpstr (levels[6], ==, "«Delighted»");
  g_assert_cmpint (waymark_document_get_emotion_min (document), ==, -3);

  /* Cards follow their owner's new name; the channel stays as written. */
  g_assert_cmpstr (waymark_owner_get_name (lookup (document, "ow-1")), ==, "«Front office»");
  g_assert_cmpstr (waymark_owner_get_color (lookup (document, "ow-1")), ==, "#e66100");
  g_assert_cmpstr (waymark_touchpoint_get_owner (lookup (document, "tp-2")), ==,
                   "«Front office»");
  g_assert_cmpstr (waymark_touchpoint_get_owner (lookup (document, "tp-1")), ==, "«IT»");
  g_assert_cmpstr (waymark_touchpoint_get_channel (lookup (document, "tp-1")), ==, "web");
  g_assert_true (waymark_document_lookup_owner (document, "«IT»") == lookup (document, "ow-2"));

  g_assert_cmpstr (waymark_view_get_name (lookup (document, "vw-1")), ==, "«Exec summary»");
  st1 = lookup (document, "st-1");
  g_assert_cmpstr (waymark_curve_get_note (lookup (document, "cv-1"), st1), ==,
                   "«Easy to book»");
  /* Catalogued as "Queue &amp; no seats" by xgettext. */
  g_assert_cmpstr (waymark_curve_get_note (lookup (document, "cv-1"), lookup (document, "st-2")),
                   ==, "«Queue & no seats»");
  metric = g_ptr_array_index (waymark_stage_get_metrics (st1), 0);
  g_assert_cmpstr (waymark_metric_get_name (metric), ==, "«Bookings»");
  g_assert_cmpstr (waymark_metric_get_unit (metric), ==, "«per week»");
  g_assert_cmpfloat (waymark_metric_get_target (metric), ==, 150);
  g_assert_cmpstr (waymark_persona_get_name (lookup (document, "pe-1")), ==, "«Maya»");
  g_assert_nonnull (waymark_persona_get_picture (lookup (document, "pe-1")));
  g_assert_false (waymark_document_can_undo (document));

  written = waymark_format_write (document);
  reread = waymark_format_read (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                                NULL, NULL, &error);
  g_assert_no_error (error);
  rewritten = waymark_format_write (reread);
  assert_same_bytes (written, rewritten);

  g_remove (mo);
  g_remove (po);
  g_remove (en);
  g_remove (pot);
}

static void
test_translate_without_catalogue (void)
{
  g_autoptr(WaymarkDocument) document = read_example ();
  g_autoptr(GBytes) before = waymark_format_write (document);
  g_autoptr(GBytes) after = NULL;

  /* No catalogue for this domain: every string is its own translation. */
  waymark_format_translate_document (document, "waymark-no-such-domain");
  after = waymark_format_write (document);
  assert_same_bytes (before, after);
  g_assert_cmpstr (waymark_stage_get_name (lookup (document, "st-1")), ==, "Dream & research");
}

static void
test_translate_refuses_history (void)
{
  g_autoptr(WaymarkDocument) document = read_example ();
  WaymarkStage *stage = lookup (document, "st-2");

  waymark_document_set_string (document, WAYMARK_ELEMENT (stage), "name", "Reserve");
  g_assert_true (waymark_document_can_undo (document));

  /* Translating would bypass the history the user already has. */
  g_test_expect_message ("waymark-format", G_LOG_LEVEL_CRITICAL,
                         "*!waymark_document_can_undo (document)*");
  waymark_format_translate_document (document, GETTEXT_PACKAGE);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (waymark_stage_get_name (stage), ==, "Reserve");
  g_assert_cmpstr (waymark_stage_get_name (lookup (document, "st-3")), ==, "Pre-arrival");
}

static gboolean
compile_catalogue (void)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autofree char *po = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *mo = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (msgfmt == NULL || root == NULL)
    return FALSE;

  locale_dir = g_dir_make_tmp ("waymark-translate-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (locale_dir, "de", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  po = g_build_filename (root, "po", "de.po", NULL);
  mo = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
  {
    const char *argv[] = { msgfmt, "-o", mo, po, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return TRUE;
}

static void
remove_catalogue (void)
{
  g_autofree char *dir = g_build_filename (locale_dir, "de", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *de = g_build_filename (locale_dir, "de", NULL);

  g_remove (mo);
  g_rmdir (dir);
  g_rmdir (de);
  g_rmdir (locale_dir);
  g_clear_pointer (&locale_dir, g_free);
}

int
main (int    argc,
      char **argv)
{
  int result;

  /* gettext ignores LANGUAGE under the "C" locale; C.UTF-8 always exists. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!compile_catalogue ())
    {
      g_test_message ("msgfmt not found: cannot build the German catalogue");
      return 77;
    }
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/translate/german", test_translate_german);
  g_test_add_func ("/translate/without-catalogue", test_translate_without_catalogue);
  g_test_add_func ("/translate/refuses-history", test_translate_refuses_history);
  g_test_add_func ("/translate/v2-texts", test_translate_v2);

  result = g_test_run ();
  remove_catalogue ();

  return result;
}
