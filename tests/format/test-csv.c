/* test-csv.c — CSV reading, column guessing, import into a map, export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "waymark-csv.h"
#include "waymark-document-loader.h"
#include "waymark-format.h"

#define BOM "\xef\xbb\xbf"

/* ---- Helpers ----------------------------------------------------------- */

static WaymarkCsvTable *
parse (const char *text,
       char        delimiter)
{
  g_autoptr(GError) error = NULL;
  WaymarkCsvTable *table = waymark_csv_table_parse (text, strlen (text), delimiter,
                                                    WAYMARK_CSV_READ_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Asserts the table holds exactly rows (each a NULL-terminated array). */
static void
assert_cells (const WaymarkCsvTable *table,
              guint                  n_rows,
              const char * const    *expected[])
{
  g_assert_cmpuint (waymark_csv_table_get_n_rows (table), ==, n_rows);
  for (guint r = 0; r < n_rows; r++)
    {
      guint n = g_strv_length ((char **) expected[r]);

      for (guint c = 0; c < n; c++)
        g_assert_cmpstr (waymark_csv_table_get_cell (table, r, c), ==, expected[r][c]);
      /* Beyond the record: empty, not garbage. */
      g_assert_cmpstr (waymark_csv_table_get_cell (table, r, n + 3), ==, "");
    }
}

static void
assert_parse_error (const char      *data,
                    gsize            length,
                    WaymarkCsvError  code,
                    const char      *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkCsvTable) table = waymark_csv_table_parse (data, length, 0,
                                                              WAYMARK_CSV_READ_DEFAULT, &error);

  g_assert_null (table);
  g_assert_error (error, WAYMARK_CSV_ERROR, (int) code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static WaymarkStage *
nth_stage (WaymarkDocument *document,
           guint            i)
{
  g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document), i);
  return stage;
}

static WaymarkLane *
nth_lane (WaymarkDocument *document,
          guint            i)
{
  g_autoptr(WaymarkLane) lane = g_list_model_get_item (waymark_document_get_lanes (document), i);
  return lane;
}

static WaymarkTouchpoint *
nth_card (WaymarkDocument *document,
          guint            i)
{
  g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (waymark_document_get_touchpoints (document), i);
  return tp;
}

static WaymarkTouchpoint *
card_titled (WaymarkDocument *document,
             const char      *title)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (document);

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (touchpoints, i);

      if (g_strcmp0 (waymark_touchpoint_get_title (tp), title) == 0)
        return tp;
    }
  g_error ("no card titled “%s”", title);
  return NULL;
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static void
load_card (WaymarkDocument   *document,
           WaymarkTouchpoint *touchpoint,
           guint              stage,
           guint              lane)
{
  g_assert_true (waymark_document_load_touchpoint (document, touchpoint,
                                                   nth_stage (document, stage),
                                                   nth_lane (document, lane)));
  g_object_unref (touchpoint);
}

/* A small map: three stages (the last without cards), a cards lane and a
 * backstage lane, one owner in the list, three cards listed out of their
 * visual order, a link, stage and card metrics. */
static WaymarkDocument *
small_map (void)
{
  WaymarkDocument *document = waymark_document_new ();
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  const char *pains[] = { "Too generic", NULL };
  const char *ideas[] = { "Target by region", "=A1 trick", NULL };
  g_autoptr(WaymarkStage) discover = waymark_stage_new ("st-1", "Discover");
  g_autoptr(WaymarkStage) book = waymark_stage_new ("st-2", "Book");
  g_autoptr(WaymarkStage) stay = waymark_stage_new ("st-3", "Stay");
  g_autoptr(WaymarkLane) cards = waymark_lane_new ("ln-1", "Touchpoints", WAYMARK_LANE_CARDS);
  g_autoptr(WaymarkLane) backstage = waymark_lane_new ("ln-2", "Backstage", WAYMARK_LANE_BACKSTAGE);
  g_autoptr(WaymarkOwner) owner = waymark_owner_new ("ow-1", "Marketing", "#3584e4");
  WaymarkTouchpoint *form, *ad, *check;
  const char *links[] = { "tp-2", NULL };

  g_ptr_array_add (metrics, waymark_metric_new ("Visits", 1200, 1000, "", TRUE));
  g_object_set (discover, "metrics", metrics, NULL);
  g_assert_true (waymark_document_load_stage (document, discover));
  g_assert_true (waymark_document_load_stage (document, book));
  g_assert_true (waymark_document_load_stage (document, stay));
  g_assert_true (waymark_document_load_lane (document, cards));
  g_assert_true (waymark_document_load_lane (document, backstage));
  g_assert_true (waymark_document_load_owner (document, owner));
  waymark_document_load_metadata (document, "Hotel", "", "");

  form = waymark_touchpoint_new ("tp-2", "Booking form");
  g_ptr_array_set_size (metrics, 0);
  g_ptr_array_add (metrics, waymark_metric_new ("Time", 12, 5, "min", FALSE));
  g_object_set (form, "channel", "Web", "owner", "Sales", "has-emotion", TRUE, "emotion", -1.5,
                "moment-of-truth", TRUE, "description", "Two\nlines", "metrics", metrics, NULL);
  load_card (document, form, 1, 0);

  ad = waymark_touchpoint_new ("tp-1", "Ad, online");
  g_ptr_array_set_size (metrics, 0);
  g_ptr_array_add (metrics, waymark_metric_new ("CTR", 2.5, 3, "%", TRUE));
  g_object_set (ad, "channel", "Web", "owner", "Marketing", "has-emotion", TRUE, "emotion", 0.5,
                "description", "Banner \"Summer\"", "pain-points", pains, "opportunities", ideas,
                "metrics", metrics, NULL);
  load_card (document, ad, 0, 0);

  check = waymark_touchpoint_new ("tp-3", "Check availability");
  g_object_set (check, "owner", "Operations", "links", links, NULL);
  load_card (document, check, 1, 1);

  return document;
}

static WaymarkCsvTable *
fixture_table (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "format", "csv", name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkCsvTable *table;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  table = waymark_csv_table_parse (data, length, 0, WAYMARK_CSV_READ_DEFAULT, &error);
  g_assert_no_error (error);
  return table;
}

/* ---- Reading ----------------------------------------------------------- */

static void
test_parse_basic (void)
{
  g_autoptr(WaymarkCsvTable) table = parse ("a,b,c\n1,2,3\n", 0);
  const char *r0[] = { "a", "b", "c", NULL };
  const char *r1[] = { "1", "2", "3", NULL };
  const char * const *rows[] = { r0, r1 };

  assert_cells (table, 2, rows);
  g_assert_cmpuint (waymark_csv_table_get_n_columns (table), ==, 3);
  g_assert_cmpint (waymark_csv_table_get_delimiter (table), ==, ',');
  g_assert_false (waymark_csv_table_is_windows_1252 (table));
}

static void
test_parse_quotes (void)
{
  g_autoptr(WaymarkCsvTable) table =
    parse ("\"a,b\",\"say \"\"hi\"\"\",\"\",plain\n"
           "\"\"\"\",x\"y\",\"ab\"cd,\n", ',');
  const char *r0[] = { "a,b", "say \"hi\"", "", "plain", NULL };
  /* A quote in an unquoted field is text; text after a closing quote is kept;
   * a trailing delimiter makes an empty last field. */
  const char *r1[] = { "\"", "x\"y\"", "abcd", "", NULL };
  const char * const *rows[] = { r0, r1 };

  assert_cells (table, 2, rows);
  g_assert_cmpuint (waymark_csv_table_get_n_columns (table), ==, 4);
}

static void
test_parse_line_ends (void)
{
  /* CRLF, CR, LF mixed; line breaks inside quotes (also CRLF and CR) become
   * "\n"; a last record without a line end; blank lines are no records. */
  g_autoptr(WaymarkCsvTable) table =
    parse ("h1,h2\r\nx,\"one\r\ntwo\rthree\nfour\"\r\r\n\ny,z\rlast,end", ',');
  const char *r0[] = { "h1", "h2", NULL };
  const char *r1[] = { "x", "one\ntwo\nthree\nfour", NULL };
  const char *r2[] = { "y", "z", NULL };
  const char *r3[] = { "last", "end", NULL };
  const char * const *rows[] = { r0, r1, r2, r3 };

  assert_cells (table, 4, rows);
  g_assert_cmpuint (waymark_csv_table_get_line (table, 0), ==, 1);
  g_assert_cmpuint (waymark_csv_table_get_line (table, 1), ==, 2);
  /* x's record spans lines 2–5, then two blank lines (6, 7). */
  g_assert_cmpuint (waymark_csv_table_get_line (table, 2), ==, 8);
  g_assert_cmpuint (waymark_csv_table_get_line (table, 3), ==, 9);
}

static void
test_parse_bom_and_short_rows (void)
{
  g_autoptr(WaymarkCsvTable) table = parse (BOM "Stage;Title\nOnly\n;\n\"\"\n", 0);
  const char *r0[] = { "Stage", "Title", NULL };
  const char *r1[] = { "Only", NULL };
  const char *r2[] = { "", "", NULL };
  /* A quoted empty field is a record, unlike a blank line. */
  const char *r3[] = { "", NULL };
  const char * const *rows[] = { r0, r1, r2, r3 };

  assert_cells (table, 4, rows);
  g_assert_cmpint (waymark_csv_table_get_delimiter (table), ==, ';');
  g_assert_cmpstr (waymark_csv_table_get_cell (table, 0, 0), ==, "Stage");
}

static void
test_parse_errors (void)
{
  g_autofree char *wide = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GString) columns = g_string_new ("a");

  assert_parse_error ("", 0, WAYMARK_CSV_ERROR_EMPTY, "The file contains no rows.");
  assert_parse_error (BOM "\n\r\n\n", 7, WAYMARK_CSV_ERROR_EMPTY, "The file contains no rows.");
  assert_parse_error ("a,b\nc,\"open\nstill open\n", 23, WAYMARK_CSV_ERROR_SYNTAX,
                      "The quoted field that starts on line 2 is never closed: a quotation "
                      "mark is missing.");
  assert_parse_error ("a,b\r\nc,d\r\n\xe9t\xe9,x\r\n", 17, WAYMARK_CSV_ERROR_ENCODING,
                      "Line 3 is not valid UTF-8 text. Save the spreadsheet as “CSV UTF-8” "
                      "and import it again.");
  assert_parse_error ("a,b\nc,\"x\ny\"\nd\0e\n", 16, WAYMARK_CSV_ERROR_ENCODING,
                      "Line 4 contains a NUL byte, so the file is not text.");

  for (guint i = 0; i < WAYMARK_CSV_MAX_COLUMNS; i++)
    g_string_append (columns, ",a");
  assert_parse_error (columns->str, columns->len, WAYMARK_CSV_ERROR_LIMIT,
                      "Line 1 has more than 256 columns.");
  /* Exactly the limit is fine. */
  g_string_truncate (columns, columns->len - 2);
  {
    g_autoptr(WaymarkCsvTable) table = parse (columns->str, ',');
    g_assert_cmpuint (waymark_csv_table_get_n_columns (table), ==, WAYMARK_CSV_MAX_COLUMNS);
  }

  big = g_strnfill (WAYMARK_CSV_MAX_CELL + 1, 'x');
  wide = g_strconcat ("a\n\"", big, "\"\n", NULL);
  assert_parse_error (wide, strlen (wide), WAYMARK_CSV_ERROR_LIMIT,
                      "A field on line 2 is longer than 64 KB.");
  g_free (wide);
  wide = g_strconcat ("a\n", big, "\n", NULL);
  assert_parse_error (wide, strlen (wide), WAYMARK_CSV_ERROR_LIMIT,
                      "A field on line 2 is longer than 64 KB.");
}

static void
test_parse_windows_1252 (void)
{
  const char data[] = "Stage;Title\r\nCaf\xe9;\x80 5 \x96 \x93ok\x94\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkCsvTable) table =
    waymark_csv_table_parse (data, sizeof data - 1, 0, WAYMARK_CSV_READ_WINDOWS_1252_FALLBACK,
                             &error);

  g_assert_no_error (error);
  g_assert_true (waymark_csv_table_is_windows_1252 (table));
  g_assert_cmpstr (waymark_csv_table_get_cell (table, 1, 0), ==, "Café");
  g_assert_cmpstr (waymark_csv_table_get_cell (table, 1, 1), ==, "€ 5 – “ok”");

  /* Without the flag: the error names the line. */
  assert_parse_error (data, sizeof data - 1, WAYMARK_CSV_ERROR_ENCODING,
                      "Line 2 is not valid UTF-8 text. Save the spreadsheet as “CSV UTF-8” "
                      "and import it again.");
}

static void
test_detect_delimiter (void)
{
  static const struct
  {
    const char *text;
    char        expected;
  } cases[] = {
    { "a,b,c\n1,2,3\n", ',' },
    { "Phase;Titel;Emotion\nKauf;Bestellung, online;-0,5\n", ';' },
    { "a\tb\tc\n1\t2,5\t3\n", '\t' },
    /* Separators inside quotes do not count. */
    { "Stage,Title\nA,\"x; y; z\"\nB,\"p; q\"\n", ',' },
    { "Stage;Title\nA;\"x, y, z\"\nB;\"p, q\"\n", ';' },
    /* One column: nothing suggests another delimiter. */
    { "Title\nOne\nTwo\n", ',' },
    { BOM "a;b\n", ';' },
    { "", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (waymark_csv_detect_delimiter (cases[i].text, strlen (cases[i].text)), ==,
                     cases[i].expected);
}

/* Damaged spreadsheets: every one either reads or fails with an error, and
 * what reads imports (or is refused) without a warning. */
static void
test_parse_mutations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "format", "csv", "excel-de.csv", NULL);
  g_autofree char *original = NULL;
  gsize length;
  GRand *rand = g_rand_new_with_seed (20261123);
  static const char alphabet[] = "\"\";,\t\r\n\xc3\xa4\x80\0x-1";

  g_assert_true (g_file_get_contents (path, &original, &length, NULL));
  for (guint round = 0; round < 2000; round++)
    {
      g_autofree char *data = g_memdup2 (original, length);
      g_autoptr(WaymarkCsvTable) table = NULL;
      g_autoptr(GError) error = NULL;
      gsize cut = (gsize) g_rand_int_range (rand, 0, (gint32) length + 1);

      for (guint m = 0; m < 4; m++)
        data[g_rand_int_range (rand, 0, (gint32) length)] =
          alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      table = waymark_csv_table_parse (data, cut, 0,
                                       round % 2 ? WAYMARK_CSV_READ_WINDOWS_1252_FALLBACK
                                                 : WAYMARK_CSV_READ_DEFAULT,
                                       &error);
      if (table == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == WAYMARK_CSV_ERROR);
          continue;
        }
      g_assert_no_error (error);
      if (round % 50 == 0)
        {
          g_autoptr(WaymarkDocument) document = waymark_document_new ();
          g_autoptr(WaymarkCsvMapping) mapping = waymark_csv_mapping_guess (table);
          g_autoptr(WaymarkCsvReport) report = NULL;

          if (waymark_csv_import (document, table, mapping, &report, &error))
            {
              g_autoptr(GBytes) bytes = waymark_csv_export_touchpoints (document);

              g_assert_true (g_utf8_validate (g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes), NULL));
            }
          else
            g_assert_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_MAPPING);
        }
    }
  g_rand_free (rand);
}

/* ---- Mapping ----------------------------------------------------------- */

static void
assert_guess (const char       *header_row,
              WaymarkCsvField   expected[],
              guint             n)
{
  g_autoptr(WaymarkCsvTable) table = parse (header_row, 0);
  g_autoptr(WaymarkCsvMapping) mapping = waymark_csv_mapping_guess (table);

  g_assert_true (mapping->has_header);
  g_assert_cmpuint (mapping->n_columns, ==, n);
  for (guint i = 0; i < n; i++)
    {
      if (mapping->columns[i] != expected[i])
        g_error ("column %u of “%s”: %s instead of %s", i, header_row,
                 waymark_csv_field_get_header (mapping->columns[i]),
                 waymark_csv_field_get_header (expected[i]));
    }
}

static void
test_guess_headers (void)
{
  WaymarkCsvField standard[] = {
    WAYMARK_CSV_FIELD_STAGE, WAYMARK_CSV_FIELD_LANE, WAYMARK_CSV_FIELD_TITLE,
    WAYMARK_CSV_FIELD_CHANNEL, WAYMARK_CSV_FIELD_OWNER, WAYMARK_CSV_FIELD_EMOTION,
    WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH, WAYMARK_CSV_FIELD_DESCRIPTION,
    WAYMARK_CSV_FIELD_PAIN_POINTS, WAYMARK_CSV_FIELD_OPPORTUNITIES,
    WAYMARK_CSV_FIELD_METRIC_NAME, WAYMARK_CSV_FIELD_METRIC_VALUE,
    WAYMARK_CSV_FIELD_METRIC_TARGET, WAYMARK_CSV_FIELD_METRIC_UNIT,
  };
  WaymarkCsvField odd[] = {
    WAYMARK_CSV_FIELD_STAGE, WAYMARK_CSV_FIELD_IGNORE, WAYMARK_CSV_FIELD_TITLE,
    WAYMARK_CSV_FIELD_IGNORE, WAYMARK_CSV_FIELD_PAIN_POINTS, WAYMARK_CSV_FIELD_PAIN_POINTS,
    WAYMARK_CSV_FIELD_DESCRIPTION,
  };

  assert_guess ("Stage,Lane,Title,Channel,Owner,Emotion,Moment of truth,Description,"
                "Pain points,Opportunities,Metric,Value,Target,Unit\n",
                standard, G_N_ELEMENTS (standard));
  assert_guess ("Phase;Ebene;Titel;Kanal;Verantwortlich;Gefühl;Moment der Wahrheit;"
                "Beschreibung;Schmerzpunkte;Chancen;Kennzahl;Wert;Zielwert;Einheit\n",
                standard, G_N_ELEMENTS (standard));
  assert_guess ("Étape;Couloir;Titre;Canal;Responsable;Émotion;Moment de vérité;Description;"
                "Points de douleur;Opportunités;Indicateur;Valeur;Objectif;Unité\n",
                standard, G_N_ELEMENTS (standard));
  assert_guess ("Etapa,Carril,Título,Canal,Propietario,Emoción,Momento de la verdad,"
                "Descripción,Problemas,Oportunidades,Métrica,Valor,Objetivo,Unidad\n",
                standard, G_N_ELEMENTS (standard));
  /* Case, spacing, notes in parentheses; a second stage column is ignored,
   * a second pain points column is not (lists add up). */
  assert_guess ("  STAGE  ,Phase,touch_point,Whatever,Pain Points (one per line),Issues,"
                "Notes [internal]\n",
                odd, G_N_ELEMENTS (odd));

  g_assert_cmpint (waymark_csv_guess_field ("Stufe"), ==, WAYMARK_CSV_FIELD_STAGE);
  g_assert_cmpint (waymark_csv_guess_field ("ÉTAPE"), ==, WAYMARK_CSV_FIELD_STAGE);
  g_assert_cmpint (waymark_csv_guess_field ("Berührungspunkt"), ==, WAYMARK_CSV_FIELD_TITLE);
  g_assert_cmpint (waymark_csv_guess_field ("Linked cards"), ==, WAYMARK_CSV_FIELD_LINKS);
  g_assert_cmpint (waymark_csv_guess_field ("Better when"), ==, WAYMARK_CSV_FIELD_METRIC_BETTER);
  g_assert_cmpint (waymark_csv_guess_field (""), ==, WAYMARK_CSV_FIELD_IGNORE);
  g_assert_cmpint (waymark_csv_guess_field ("On target"), ==, WAYMARK_CSV_FIELD_IGNORE);

  /* No known name in the first row: no header, nothing mapped. */
  {
    g_autoptr(WaymarkCsvTable) table = parse ("Discover,Ad\nBook,Form\n", 0);
    g_autoptr(WaymarkCsvMapping) mapping = waymark_csv_mapping_guess (table);

    g_assert_false (mapping->has_header);
    g_assert_cmpuint (mapping->n_columns, ==, 2);
    g_assert_cmpint (mapping->columns[0], ==, WAYMARK_CSV_FIELD_IGNORE);
    g_assert_cmpint (mapping->columns[1], ==, WAYMARK_CSV_FIELD_IGNORE);
  }

  /* Every exported header is recognised as its own field. */
  for (WaymarkCsvField f = WAYMARK_CSV_FIELD_STAGE; f < WAYMARK_CSV_N_FIELDS; f++)
    g_assert_cmpint (waymark_csv_guess_field (waymark_csv_field_get_header (f)), ==, f);
}

/* ---- Importing --------------------------------------------------------- */

static void
assert_strv (const char * const *actual,
             const char         *joined)
{
  g_autofree char *text = actual != NULL ? g_strjoinv ("|", (char **) actual) : g_strdup ("");

  g_assert_cmpstr (text, ==, joined);
}

static void
assert_same_lines (const char * const *a,
                   const char * const *b)
{
  g_autofree char *joined = a != NULL ? g_strjoinv ("|", (char **) a) : g_strdup ("");

  assert_strv (b, joined);
}

static void
test_import_excel_de (void)
{
  g_autoptr(WaymarkDocument) document = small_map ();
  g_autoptr(WaymarkCsvTable) table = fixture_table ("excel-de.csv");
  g_autoptr(WaymarkCsvMapping) mapping = waymark_csv_mapping_guess (table);
  g_autoptr(WaymarkCsvReport) plan = NULL;
  g_autoptr(WaymarkCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = waymark_format_write (document);
  g_autoptr(GBytes) after_undo = NULL;
  g_autoptr(GBytes) after_import = NULL;
  g_autoptr(GBytes) after_redo = NULL;
  g_autofree char *summary = NULL;
  WaymarkTouchpoint *tp;
  WaymarkMetric *metric;

  g_assert_cmpint (waymark_csv_table_get_delimiter (table), ==, ';');
  g_assert_true (mapping->has_header);
  g_assert_cmpint (mapping->columns[0], ==, WAYMARK_CSV_FIELD_STAGE);
  g_assert_cmpint (mapping->columns[13], ==, WAYMARK_CSV_FIELD_METRIC_UNIT);

  /* The plan says what will happen and changes nothing. */
  plan = waymark_csv_plan (document, table, mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_touchpoints, ==, 3);
  g_assert_cmpuint (plan->n_stages, ==, 2);
  g_assert_cmpuint (plan->n_lanes, ==, 1);
  g_assert_cmpuint (plan->n_owners, ==, 2);
  g_assert_cmpuint (plan->n_skipped, ==, 1);
  g_assert_cmpuint (plan->n_clamped, ==, 1);
  g_assert_false (waymark_document_can_undo (document));
  {
    g_autoptr(GBytes) unchanged = waymark_format_write (document);
    g_assert_true (g_bytes_equal (before, unchanged));
  }

  g_assert_true (waymark_csv_import (document, table, mapping, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_touchpoints, ==, 3);
  g_assert_cmpuint (report->n_stages, ==, 2);
  g_assert_cmpuint (report->n_lanes, ==, 1);
  g_assert_cmpuint (report->n_owners, ==, 2);
  g_assert_cmpuint (report->n_stage_metrics, ==, 0);
  g_assert_cmpuint (report->n_skipped, ==, 1);
  g_assert_cmpuint (report->n_clamped, ==, 1);
  g_assert_cmpuint (report->messages->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (report->messages, 0), ==,
                   "Line 4: the emotion -3 is outside the scale from -2 to 2; it is set to -2.");
  g_assert_cmpstr (g_ptr_array_index (report->messages, 1), ==,
                   "Line 7: no title and no stage; the row is skipped.");
  summary = waymark_csv_report_get_summary (report);
  g_assert_cmpstr (summary, ==,
                   "Imported 3 touchpoints. New: 2 stages, 1 lane, 2 owners. 1 row skipped. "
                   "1 emotion was outside the scale and was clamped.");

  /* Stages and lanes appended in first-seen order. */
  g_assert_cmpuint (n_items (waymark_document_get_stages (document)), ==, 5);
  g_assert_cmpstr (waymark_stage_get_name (nth_stage (document, 3)), ==, "Anreise");
  g_assert_cmpstr (waymark_stage_get_name (nth_stage (document, 4)), ==, "Abreise");
  g_assert_cmpuint (n_items (waymark_document_get_lanes (document)), ==, 3);
  g_assert_cmpstr (waymark_lane_get_name (nth_lane (document, 2)), ==, "Empfang");
  g_assert_cmpint (waymark_lane_get_kind (nth_lane (document, 2)), ==, WAYMARK_LANE_CARDS);

  /* Owners: the two new names, with distinct colours not already used. */
  g_assert_cmpuint (n_items (waymark_document_get_owners (document)), ==, 3);
  g_assert_nonnull (waymark_document_lookup_owner (document, "Vertrieb"));
  g_assert_nonnull (waymark_document_lookup_owner (document, "Rezeption"));
  g_assert_cmpstr (waymark_owner_get_color (waymark_document_lookup_owner (document, "Vertrieb")),
                   ==, "#e66100");
  g_assert_cmpstr (waymark_owner_get_color (waymark_document_lookup_owner (document, "Rezeption")),
                   ==, "#26a269");

  g_assert_cmpuint (n_items (waymark_document_get_touchpoints (document)), ==, 6);
  tp = card_titled (document, "Bestätigung");
  g_assert_true (waymark_touchpoint_get_stage (tp) == nth_stage (document, 1));
  g_assert_true (waymark_touchpoint_get_lane (tp) == nth_lane (document, 0));
  g_assert_cmpstr (waymark_touchpoint_get_channel (tp), ==, "E-Mail");
  g_assert_cmpstr (waymark_touchpoint_get_owner (tp), ==, "Vertrieb");
  g_assert_true (waymark_touchpoint_has_emotion (tp));
  g_assert_cmpfloat (waymark_touchpoint_get_emotion (tp), ==, 1.5);
  g_assert_false (waymark_touchpoint_get_moment_of_truth (tp));
  g_assert_cmpstr (waymark_touchpoint_get_description (tp), ==, "Mail mit\nBuchungsnummer");
  assert_strv (waymark_touchpoint_get_pain_points (tp), "Kommt spät");
  assert_strv (waymark_touchpoint_get_opportunities (tp), "");
  g_assert_cmpuint (waymark_touchpoint_get_metrics (tp)->len, ==, 1);
  metric = g_ptr_array_index (waymark_touchpoint_get_metrics (tp), 0);
  g_assert_cmpstr (waymark_metric_get_name (metric), ==, "Öffnungsrate");
  g_assert_cmpfloat (waymark_metric_get_value (metric), ==, 0.42);
  g_assert_cmpfloat (waymark_metric_get_target (metric), ==, 0.5);
  g_assert_cmpstr (waymark_metric_get_unit (metric), ==, "");
  g_assert_true (waymark_metric_higher_is_better (metric));

  /* The empty stage cell repeats the stage above; the emotion is clamped. */
  tp = card_titled (document, "Erinnerung");
  g_assert_true (waymark_touchpoint_get_stage (tp) == nth_stage (document, 1));
  g_assert_cmpfloat (waymark_touchpoint_get_emotion (tp), ==, -2.0);
  g_assert_true (waymark_touchpoint_get_moment_of_truth (tp));
  assert_strv (waymark_touchpoint_get_opportunities (tp), "Früher senden");
  g_assert_cmpuint (waymark_touchpoint_get_metrics (tp)->len, ==, 0);

  tp = card_titled (document, "Check-in");
  g_assert_true (waymark_touchpoint_get_stage (tp) == nth_stage (document, 3));
  g_assert_true (waymark_touchpoint_get_lane (tp) == nth_lane (document, 2));
  g_assert_true (waymark_touchpoint_get_moment_of_truth (tp));
  assert_strv (waymark_touchpoint_get_pain_points (tp), "Warteschlange|Kein Parkplatz");
  metric = g_ptr_array_index (waymark_touchpoint_get_metrics (tp), 0);
  g_assert_cmpstr (waymark_metric_get_unit (metric), ==, "min");
  g_assert_cmpfloat (waymark_metric_get_target (metric), ==, 5.0);

  /* One undo step brings back the very same map. */
  g_assert_cmpstr (waymark_document_get_undo_label (document), ==, "Import CSV");
  after_import = waymark_format_write (document);
  g_assert_true (waymark_document_undo (document));
  g_assert_false (waymark_document_can_undo (document));
  after_undo = waymark_format_write (document);
  g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                   g_bytes_get_data (after_undo, NULL), g_bytes_get_size (after_undo));
  g_assert_true (waymark_document_redo (document));
  after_redo = waymark_format_write (document);
  g_assert_cmpmem (g_bytes_get_data (after_import, NULL), g_bytes_get_size (after_import),
                   g_bytes_get_data (after_redo, NULL), g_bytes_get_size (after_redo));
}

static void
import_text (WaymarkDocument   *document,
             const char        *text,
             WaymarkCsvReport **report)
{
  g_autoptr(WaymarkCsvTable) table = parse (text, 0);
  g_autoptr(WaymarkCsvMapping) mapping = waymark_csv_mapping_guess (table);
  g_autoptr(GError) error = NULL;

  g_assert_true (waymark_csv_import (document, table, mapping, report, &error));
  g_assert_no_error (error);
}

static void
test_import_values (void)
{
  g_autoptr(WaymarkDocument) document = waymark_document_new ();
  g_autoptr(WaymarkCsvReport) report = NULL;
  const char *levels[] = { "Angry", "Upset", "Neutral", "Pleased", "Delighted", NULL };
  const double emotions[] = { 1.25, -0.5, 2, 2, -2, -1 };
  const char *expected_messages[] = {
    "Line 5: the emotion 7 is outside the scale from -2 to 2; it is set to 2.",
    "Line 6: the emotion -2,5 is outside the scale from -2 to 2; it is set to -2.",
    "Line 8: the emotion “great” is neither a number nor a level of the scale; the card has "
    "no emotion.",
    "Line 8: “maybe” is not “yes” or “no”; the card is not a moment of truth.",
    "Line 9: the metric “NPS” has no value that is a number; it is left out.",
    "Line 10: the target “soon” of the metric “Wait” is not a number; it has no target.",
    "Line 10: “sideways” says neither “higher” nor “lower” is better; higher is taken.",
    "Line 11: no title and no stage; the row is skipped.",
  };

  waymark_document_load_emotion_scale (document, -2, 2, levels);
  import_text (document,
               "Title,Emotion,MoT,Metric,Value,Target,Better when\n"
               "A,\"1,25\",yes,,,,\n"
               "B,-.5,Oui,,,,\n"
               "C,delighted,1,,,,\n"
               "D,7,x,,,,\n"
               "E,\"-2,5\",ja,,,,\n"
               "F,\xe2\x88\x92" "1,no,,,,\n"
               "G,great,maybe,,,,\n"
               "H,,,NPS,n/a,,\n"
               "I,,,Wait,\"3,5\",soon,sideways\n"
               ",,,,,,\n"
               "J,,,Cost,+1e3,900,lower\n",
               &report);

  /* No stage column: the cards go to a stage created for them, in a lane
   * created for them, since the map has neither. */
  g_assert_cmpuint (report->n_touchpoints, ==, 10);
  g_assert_cmpuint (report->n_stages, ==, 1);
  g_assert_cmpuint (report->n_lanes, ==, 1);
  g_assert_cmpuint (report->n_clamped, ==, 2);
  g_assert_cmpuint (report->n_skipped, ==, 1);
  g_assert_cmpstr (waymark_stage_get_name (nth_stage (document, 0)), ==, "Stage");
  g_assert_cmpstr (waymark_lane_get_name (nth_lane (document, 0)), ==, "Touchpoints");

  g_assert_cmpuint (report->messages->len, ==, G_N_ELEMENTS (expected_messages));
  for (guint i = 0; i < G_N_ELEMENTS (expected_messages); i++)
    g_assert_cmpstr (g_ptr_array_index (report->messages, i), ==, expected_messages[i]);

  for (guint i = 0; i < G_N_ELEMENTS (emotions); i++)
    {
      WaymarkTouchpoint *tp = nth_card (document, i);

      g_assert_true (waymark_touchpoint_has_emotion (tp));
      g_assert_cmpfloat (waymark_touchpoint_get_emotion (tp), ==, emotions[i]);
      g_assert_cmpint (waymark_touchpoint_get_moment_of_truth (tp), ==, i != 5);
    }
  g_assert_false (waymark_touchpoint_has_emotion (nth_card (document, 6)));
  g_assert_false (waymark_touchpoint_get_moment_of_truth (nth_card (document, 6)));
  g_assert_cmpuint (waymark_touchpoint_get_metrics (nth_card (document, 7))->len, ==, 0);
  {
    WaymarkMetric *wait = g_ptr_array_index (waymark_touchpoint_get_metrics (nth_card (document, 8)), 0);
    WaymarkMetric *cost = g_ptr_array_index (waymark_touchpoint_get_metrics (nth_card (document, 9)), 0);

    g_assert_cmpfloat (waymark_metric_get_value (wait), ==, 3.5);
    g_assert_false (waymark_metric_has_target (wait));
    g_assert_true (waymark_metric_higher_is_better (wait));
    g_assert_cmpfloat (waymark_metric_get_value (cost), ==, 1000);
    g_assert_cmpfloat (waymark_metric_get_target (cost), ==, 900);
    g_assert_false (waymark_metric_higher_is_better (cost));
    g_assert_false (waymark_metric_is_on_target (cost));
  }
}

static void
test_import_stage_rows_links_owners (void)
{
  g_autoptr(WaymarkDocument) document = small_map ();
  g_autoptr(WaymarkCsvReport) report = NULL;
  g_autoptr(GPtrArray) linked = NULL;
  GPtrArray *metrics;

  import_text (document,
               "Stage,Lane,Title,Owner,Metric,Value,Target,Unit,Linked cards\n"
               /* Known stage and lane, any case; existing owner; owner only cards use. */
               " book ,BACKSTAGE,Confirm,marketing,,,,,\"Booking form\nNew card\nNobody\"\n"
               "book,,New card,Operations,,,,,Confirm\n"
               /* A stage's own metric, a stage-only row. */
               "Stay,,,,Occupancy,0.8,0.9,,\n"
               "Stay,,(stage),,Reviews,4.5,,stars,\n"
               "Leave,Exit lane,,,,,,,\n",
               &report);

  g_assert_cmpuint (report->n_touchpoints, ==, 2);
  g_assert_cmpuint (report->n_stages, ==, 1);
  g_assert_cmpuint (report->n_lanes, ==, 1);
  /* "Operations" is not on the owners list, so it joins it. */
  g_assert_cmpuint (report->n_owners, ==, 1);
  g_assert_cmpuint (report->n_stage_metrics, ==, 2);
  g_assert_cmpuint (report->n_links, ==, 2);
  g_assert_cmpuint (report->messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->messages, 0), ==,
                   "Line 2: no card is titled “Nobody”; no link is made.");

  g_assert_cmpuint (n_items (waymark_document_get_stages (document)), ==, 4);
  g_assert_cmpuint (n_items (waymark_document_get_lanes (document)), ==, 3);
  g_assert_true (waymark_touchpoint_get_stage (card_titled (document, "Confirm")) == nth_stage (document, 1));
  g_assert_true (waymark_touchpoint_get_lane (card_titled (document, "Confirm")) == nth_lane (document, 1));
  /* The name is kept as written in the file. */
  g_assert_cmpstr (waymark_touchpoint_get_owner (card_titled (document, "Confirm")), ==, "marketing");
  g_assert_true (waymark_touchpoint_get_lane (card_titled (document, "New card")) == nth_lane (document, 0));
  g_assert_cmpuint (n_items (waymark_document_get_owners (document)), ==, 2);

  metrics = waymark_stage_get_metrics (nth_stage (document, 2));
  g_assert_cmpuint (metrics->len, ==, 2);
  g_assert_cmpstr (waymark_metric_get_name (g_ptr_array_index (metrics, 0)), ==, "Occupancy");
  g_assert_cmpstr (waymark_metric_get_unit (g_ptr_array_index (metrics, 1)), ==, "stars");
  /* The existing stage metric of Discover is untouched. */
  g_assert_cmpuint (waymark_stage_get_metrics (nth_stage (document, 0))->len, ==, 1);

  linked = waymark_document_get_linked (document, card_titled (document, "Confirm"));
  g_assert_cmpuint (linked->len, ==, 2);
  g_assert_cmpstr (waymark_touchpoint_get_title (g_ptr_array_index (linked, 0)), ==, "Booking form");
  g_assert_cmpstr (waymark_touchpoint_get_title (g_ptr_array_index (linked, 1)), ==, "New card");

  g_assert_true (waymark_document_undo (document));
  g_assert_cmpuint (waymark_stage_get_metrics (nth_stage (document, 2))->len, ==, 0);
  g_assert_cmpuint (n_items (waymark_document_get_touchpoints (document)), ==, 3);
  g_assert_cmpuint (n_items (waymark_document_get_stages (document)), ==, 3);
}

static void
test_import_errors (void)
{
  g_autoptr(WaymarkDocument) document = small_map ();
  g_autoptr(WaymarkCsvTable) table = parse ("Channel,Owner\nWeb,Sales\n", 0);
  g_autoptr(WaymarkCsvMapping) mapping = waymark_csv_mapping_guess (table);
  g_autoptr(WaymarkCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) many = g_string_new ("Stage\n");

  g_assert_false (waymark_csv_import (document, table, mapping, &report, &error));
  g_assert_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_MAPPING);
  g_assert_null (report);
  g_assert_false (waymark_document_can_undo (document));
  g_clear_error (&error);

  /* Beyond what a .cjmx file may hold: refused, nothing changed. */
  for (guint i = 0; i < WAYMARK_FORMAT_MAX_STAGES; i++)
    g_string_append_printf (many, "S%u\n", i);
  {
    g_autoptr(WaymarkCsvTable) stages = parse (many->str, 0);
    g_autoptr(WaymarkCsvMapping) by_name = waymark_csv_mapping_guess (stages);

    g_assert_false (waymark_csv_import (document, stages, by_name, NULL, &error));
    g_assert_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT);
    g_assert_cmpstr (error->message, ==,
                     "The map would have 1003 stages; a map can have at most 1000.");
    g_assert_cmpuint (n_items (waymark_document_get_stages (document)), ==, 3);
    g_assert_false (waymark_document_can_undo (document));
  }
}

/* ---- Exporting --------------------------------------------------------- */

static const char expected_touchpoints[] =
  BOM "Stage,Lane,Title,Channel,Owner,Emotion,Moment of truth,Description,Pain points,"
  "Opportunities,Linked cards\r\n"
  "Discover,Touchpoints,\"Ad, online\",Web,Marketing,0.5,no,\"Banner \"\"Summer\"\"\","
  "Too generic,\"Target by region\r\n'=A1 trick\",\r\n"
  "Book,Touchpoints,Booking form,Web,Sales,-1.5,yes,\"Two\r\nlines\",,,Check availability\r\n"
  "Book,Backstage,Check availability,,Operations,,no,,,,Booking form\r\n"
  "Stay\r\n";

static const char expected_metrics[] =
  BOM "Stage,Touchpoint,Metric,Value,Target,Unit,Better when,On target\r\n"
  "Discover,(stage),Visits,1200,1000,,higher,yes\r\n"
  "Discover,\"Ad, online\",CTR,2.5,3,%,higher,no\r\n"
  "Book,Booking form,Time,12,5,min,lower,no\r\n";

static void
test_export_bytes (void)
{
  g_autoptr(WaymarkDocument) document = small_map ();
  g_autoptr(GBytes) touchpoints = waymark_csv_export_touchpoints (document);
  g_autoptr(GBytes) metrics = waymark_csv_export_metrics (document);
  g_autoptr(GBytes) again = waymark_csv_export_touchpoints (document);
  g_autofree char *tp_text = bytes_to_string (touchpoints);
  g_autofree char *metric_text = bytes_to_string (metrics);
  g_autofree char *old_locale = g_strdup (setlocale (LC_NUMERIC, NULL));

  g_assert_cmpstr (tp_text, ==, expected_touchpoints);
  g_assert_cmpstr (metric_text, ==, expected_metrics);
  g_assert_true (g_bytes_equal (touchpoints, again));

  /* A locale with a decimal comma changes nothing. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL || setlocale (LC_NUMERIC, "fr_FR.UTF-8") != NULL)
    {
      g_autoptr(GBytes) in_locale = waymark_csv_export_metrics (document);

      g_assert_true (g_bytes_equal (metrics, in_locale));
      setlocale (LC_NUMERIC, old_locale);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(WaymarkDocument) original = small_map ();
  g_autoptr(WaymarkDocument) copy = waymark_document_new ();
  g_autoptr(GBytes) bytes = waymark_csv_export_touchpoints (original);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(WaymarkCsvTable) table = NULL;
  g_autoptr(WaymarkCsvMapping) mapping = NULL;
  g_autoptr(WaymarkCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  table = waymark_csv_table_parse (data, length, 0, WAYMARK_CSV_READ_DEFAULT, &error);
  g_assert_no_error (error);
  mapping = waymark_csv_mapping_guess (table);
  g_assert_true (waymark_csv_import (copy, table, mapping, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_touchpoints, ==, 3);
  g_assert_cmpuint (report->n_stages, ==, 3);
  g_assert_cmpuint (report->n_lanes, ==, 2);
  g_assert_cmpuint (report->n_owners, ==, 3);
  g_assert_cmpuint (report->n_links, ==, 1);
  g_assert_cmpuint (report->messages->len, ==, 0);

  /* Same cards, same places (by name), same texts: exporting the copy gives
   * the same bytes. */
  again = waymark_csv_export_touchpoints (copy);
  {
    g_autofree char *text = bytes_to_string (again);
    g_assert_cmpstr (text, ==, expected_touchpoints);
  }
  for (guint i = 0; i < 3; i++)
    {
      WaymarkTouchpoint *a = nth_card (original, i);
      WaymarkTouchpoint *b = card_titled (copy, waymark_touchpoint_get_title (a));

      g_assert_cmpstr (waymark_touchpoint_get_title (a), ==, waymark_touchpoint_get_title (b));
      g_assert_cmpstr (waymark_touchpoint_get_description (a), ==,
                       waymark_touchpoint_get_description (b));
      g_assert_cmpint (waymark_touchpoint_has_emotion (a), ==, waymark_touchpoint_has_emotion (b));
      g_assert_cmpfloat (waymark_touchpoint_get_emotion (a), ==, waymark_touchpoint_get_emotion (b));
      g_assert_cmpint (waymark_touchpoint_get_moment_of_truth (a), ==,
                       waymark_touchpoint_get_moment_of_truth (b));
      assert_same_lines (waymark_touchpoint_get_pain_points (a), waymark_touchpoint_get_pain_points (b));
      assert_same_lines (waymark_touchpoint_get_opportunities (a),
                         waymark_touchpoint_get_opportunities (b));
    }
}

static void
test_export_links (void)
{
  g_autoptr(WaymarkDocument) document = waymark_document_new ();
  g_autoptr(WaymarkStage) stage = waymark_stage_new ("st-1", "S");
  g_autoptr(WaymarkLane) lane = waymark_lane_new ("ln-1", "L", WAYMARK_LANE_CARDS);
  const char *a_links[] = { "tp-3", "tp-2", NULL };
  const char *c_links[] = { "tp-1", NULL };
  const char *titles[] = { "A", "B", "C" };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  g_assert_true (waymark_document_load_stage (document, stage));
  g_assert_true (waymark_document_load_lane (document, lane));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("tp-%u", i + 1);
      WaymarkTouchpoint *tp = waymark_touchpoint_new (id, titles[i]);

      /* A holds links to C and B; C holds the link to A as well. */
      if (i == 0)
        g_object_set (tp, "links", a_links, NULL);
      if (i == 2)
        g_object_set (tp, "links", c_links, NULL);
      load_card (document, tp, 0, 0);
    }

  bytes = waymark_csv_export_touchpoints (document);
  text = bytes_to_string (bytes);
  /* Linked cards in list order, each once, whichever card holds the link. */
  g_assert_cmpstr (text, ==,
                   BOM "Stage,Lane,Title,Channel,Owner,Emotion,Moment of truth,Description,"
                   "Pain points,Opportunities,Linked cards\r\n"
                   "S,L,A,,,,no,,,,\"B\r\nC\"\r\n"
                   "S,L,B,,,,no,,,,A\r\n"
                   "S,L,C,,,,no,,,,A\r\n");
}

static void
test_save (void)
{
  g_autoptr(WaymarkDocument) document = small_map ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("waymark-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "map.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (waymark_csv_save (document, WAYMARK_CSV_EXPORT_METRICS, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected_metrics);
  g_clear_pointer (&contents, g_free);

  /* Replacing the file. */
  g_assert_true (waymark_csv_save (document, WAYMARK_CSV_EXPORT_TOUCHPOINTS, file, NULL, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected_touchpoints);

  g_assert_false (waymark_csv_save (document, WAYMARK_CSV_EXPORT_METRICS, bad, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The exporter's apostrophe before a would-be formula is the only one the
 * importer removes: a text that itself starts with an apostrophe and a
 * formula character comes back as it was, not one apostrophe short. */
static void
test_round_trip_guards (void)
{
  static const char * const titles[] = {
    "=SUM(A1:A9)", "'=SUM(A1:A9)", "''=x", "+1 for the desk", "'+1 for the desk",
    "-5 min", "@home", "'Tis the season", "'", "''", "It's fine", NULL
  };
  static const char * const pains[] = { "=cmd|' /C calc'!A0", "'-1", "'quoted'", NULL };
  g_autoptr(WaymarkDocument) original = waymark_document_new ();
  g_autoptr(WaymarkDocument) copy = waymark_document_new ();
  g_autoptr(WaymarkStage) stage = waymark_stage_new ("st-1", "Stage");
  g_autoptr(WaymarkLane) lane = waymark_lane_new ("ln-1", "Touchpoints", WAYMARK_LANE_CARDS);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkCsvTable) table = NULL;
  g_autoptr(WaymarkCsvMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  const char *data;

  waymark_document_insert_stage (original, stage, -1);
  waymark_document_insert_lane (original, lane, -1);
  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("tp-%u", i + 1);
      g_autoptr(WaymarkTouchpoint) tp = waymark_touchpoint_new (id, titles[i]);

      if (i == 0)
        g_object_set (tp, "pain-points", pains, NULL);
      waymark_document_add_touchpoint (original, tp, stage, lane, -1);
    }

  bytes = waymark_csv_export_touchpoints (original);
  text = bytes_to_string (bytes);
  /* Nothing a spreadsheet would evaluate. */
  g_assert_null (strstr (text, ",=SUM"));
  g_assert_null (strstr (text, ",+1"));
  g_assert_null (strstr (text, "\"=cmd"));

  data = g_bytes_get_data (bytes, &length);
  table = waymark_csv_table_parse (data, length, 0, WAYMARK_CSV_READ_DEFAULT, &error);
  g_assert_no_error (error);
  mapping = waymark_csv_mapping_guess (table);
  g_assert_true (waymark_csv_import (copy, table, mapping, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_items (waymark_document_get_touchpoints (copy)), ==, g_strv_length ((char **) titles));
  for (guint i = 0; titles[i] != NULL; i++)
    g_assert_cmpstr (waymark_touchpoint_get_title (nth_card (copy, i)), ==, titles[i]);
  assert_same_lines (pains, waymark_touchpoint_get_pain_points (nth_card (copy, 0)));
}

/* More metrics for one stage than a .cjmx file holds: the importer keeps
 * as many as the file can, says so, and the saved map opens again. */
static void
test_import_stage_metrics_limit (void)
{
  g_autoptr(WaymarkDocument) document = waymark_document_new ();
  g_autoptr(GString) csv = g_string_new ("Stage,Metric,Value\n");
  g_autoptr(WaymarkCsvTable) table = NULL;
  g_autoptr(WaymarkCsvMapping) mapping = NULL;
  g_autoptr(WaymarkCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(WaymarkDocument) again = NULL;
  WaymarkStage *stage;

  for (guint i = 0; i < WAYMARK_FORMAT_MAX_ITEMS + 5; i++)
    g_string_append_printf (csv, "Book,KPI %u,%u\n", i, i);
  table = parse (csv->str, 0);
  mapping = waymark_csv_mapping_guess (table);
  g_assert_true (waymark_csv_import (document, table, mapping, &report, &error));
  g_assert_no_error (error);
  stage = nth_stage (document, 0);
  g_assert_cmpuint (waymark_stage_get_metrics (stage)->len, ==, WAYMARK_FORMAT_MAX_ITEMS);
  g_assert_cmpuint (report->n_stage_metrics, ==, WAYMARK_FORMAT_MAX_ITEMS);
  g_assert_cmpuint (report->messages->len, ==, 5);
  g_assert_nonnull (strstr (g_ptr_array_index (report->messages, 0), "Line 202: "));

  saved = waymark_format_write (document);
  again = waymark_format_read (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                               NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parse/basic", test_parse_basic);
  g_test_add_func ("/csv/parse/quotes", test_parse_quotes);
  g_test_add_func ("/csv/parse/line-ends", test_parse_line_ends);
  g_test_add_func ("/csv/parse/bom-short-rows", test_parse_bom_and_short_rows);
  g_test_add_func ("/csv/parse/errors", test_parse_errors);
  g_test_add_func ("/csv/parse/windows-1252", test_parse_windows_1252);
  g_test_add_func ("/csv/parse/mutations", test_parse_mutations);
  g_test_add_func ("/csv/detect-delimiter", test_detect_delimiter);
  g_test_add_func ("/csv/guess-headers", test_guess_headers);
  g_test_add_func ("/csv/import/excel-de", test_import_excel_de);
  g_test_add_func ("/csv/import/values", test_import_values);
  g_test_add_func ("/csv/import/stages-links-owners", test_import_stage_rows_links_owners);
  g_test_add_func ("/csv/import/errors", test_import_errors);
  g_test_add_func ("/csv/import/stage-metrics-limit", test_import_stage_metrics_limit);
  g_test_add_func ("/csv/export/bytes", test_export_bytes);
  g_test_add_func ("/csv/export/round-trip", test_round_trip);
  g_test_add_func ("/csv/export/round-trip-guards", test_round_trip_guards);
  g_test_add_func ("/csv/export/links", test_export_links);
  g_test_add_func ("/csv/export/save", test_save);

  return g_test_run ();
}
