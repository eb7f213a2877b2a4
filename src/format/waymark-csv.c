/* waymark-csv.c — the spreadsheet bridge: touchpoints from CSV, touchpoints and metrics to CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-format"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "waymark-atomic-file.h"
#include "waymark-csv.h"
#include "waymark-format.h"

/* How many records delimiter detection looks at. */
#define DETECT_RECORDS 20
/* How many problems a report lists one by one; the rest are counted. */
#define MAX_MESSAGES 100

G_DEFINE_QUARK (waymark-csv-error-quark, waymark_csv_error)

struct _WaymarkCsvTable
{
  GPtrArray    *rows;      /* of GPtrArray of char*, the text in cells */
  /* Every field's text, packed: a file of 25 million empty fields (",,,")
   * would otherwise take a gigabyte in malloc's minimum blocks. */
  GStringChunk *cells;
  GArray       *lines;     /* guint: first line of each record */
  guint         n_columns;
  char          delimiter;
  gboolean      windows_1252;
};

/* ---- Auxiliary: text -------------------------------------------------- */

/* The line (1-based) of byte offset, counting CRLF, LF and CR as one break. */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n'))
        line++;
    }
  return line;
}

/* Windows-1252 as the WHATWG Encoding Standard decodes it: 0x80–0x9F
 * through this table, the bytes it leaves undefined as the C1 controls of
 * the same value, everything else as Latin-1. Done here rather than with
 * iconv so that every byte decodes and the result is the same everywhere. */
static char *
decode_windows_1252 (const char *data,
                     gsize       length)
{
  static const gunichar high[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
  };
  GString *out = g_string_sized_new (length + length / 8 + 1);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xa0)
        g_string_append_unichar (out, high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Leading and trailing white space removed, as a new string. */
static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* The key under which names are compared: trimmed and case-folded. */
static char *
name_key (const char *name)
{
  g_autofree char *trim = trimmed (name);
  g_autofree char *normal = g_utf8_normalize (trim, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal != NULL ? normal : trim, -1);
}

/* ---- Reading ----------------------------------------------------------- */

static void
row_free (gpointer row)
{
  g_ptr_array_unref (row);
}

static WaymarkCsvTable *
table_new (char delimiter)
{
  WaymarkCsvTable *table = g_new0 (WaymarkCsvTable, 1);

  table->rows = g_ptr_array_new_with_free_func (row_free);
  table->cells = g_string_chunk_new (64 * 1024);
  table->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  table->delimiter = delimiter;
  return table;
}

void
waymark_csv_table_free (WaymarkCsvTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_string_chunk_free (table->cells);
  g_array_unref (table->lines);
  g_free (table);
}

/* Splits text into records. With max_records > 0 (delimiter detection)
 * stops after that many and treats problems as the end of the text;
 * otherwise enforces the limits and reports problems in error. */
static gboolean
split_records (WaymarkCsvTable  *table,
               const char       *text,
               gsize             length,
               guint             max_records,
               GError          **error)
{
  const char delimiter = table->delimiter;
  const gboolean strict = max_records == 0;
  g_autoptr(GString) cell = g_string_new (NULL);
  gsize i = 0;
  guint line = 1;

  while (i < length && (strict || table->rows->len < max_records))
    {
      g_autoptr(GPtrArray) row = g_ptr_array_new ();
      guint first_line = line;
      gboolean any_quoted = FALSE;

      for (;;)
        {
          g_string_truncate (cell, 0);

          if (i < length && text[i] == '"')
            {
              guint quote_line = line;

              any_quoted = TRUE;
              i++;
              for (;;)
                {
                  char c;

                  if (i >= length)
                    {
                      if (!strict)
                        return TRUE;
                      g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_SYNTAX,
                                   _("The quoted field that starts on line %u is never closed: "
                                     "a quotation mark is missing."),
                                   quote_line);
                      return FALSE;
                    }
                  c = text[i];
                  if (c == '"')
                    {
                      if (i + 1 < length && text[i + 1] == '"')
                        {
                          g_string_append_c (cell, '"');
                          i += 2;
                          continue;
                        }
                      i++;
                      break;
                    }
                  /* Line breaks inside a field become "\n", whatever the file uses. */
                  if (c == '\r' || c == '\n')
                    {
                      if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
                        i++;
                      g_string_append_c (cell, '\n');
                      line++;
                    }
                  else
                    g_string_append_c (cell, c);
                  i++;
                  if (strict && cell->len > WAYMARK_CSV_MAX_CELL)
                    goto cell_too_large;
                }
            }

          /* Unquoted text, or text after a closing quote: taken as it is. */
          while (i < length && text[i] != delimiter && text[i] != '\r' && text[i] != '\n')
            {
              g_string_append_c (cell, text[i]);
              i++;
            }
          if (strict && cell->len > WAYMARK_CSV_MAX_CELL)
            goto cell_too_large;

          if (strict && row->len >= WAYMARK_CSV_MAX_COLUMNS)
            {
              g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT,
                           _("Line %u has more than %u columns."),
                           first_line, WAYMARK_CSV_MAX_COLUMNS);
              return FALSE;
            }
          g_ptr_array_add (row, g_string_chunk_insert_len (table->cells, cell->str, cell->len));

          if (i < length && text[i] == delimiter)
            {
              i++;
              continue;
            }
          if (i < length)
            {
              if (text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')
                i++;
              i++;
              line++;
            }
          break;
        }

      /* A blank line is no record. */
      if (row->len == 1 && !any_quoted && *(char *) g_ptr_array_index (row, 0) == '\0')
        continue;

      if (strict && table->rows->len >= WAYMARK_CSV_MAX_ROWS)
        {
          g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT,
                       _("The file has more than %u rows."), WAYMARK_CSV_MAX_ROWS);
          return FALSE;
        }
      table->n_columns = MAX (table->n_columns, row->len);
      g_array_append_val (table->lines, first_line);
      g_ptr_array_add (table->rows, g_steal_pointer (&row));
    }

  return TRUE;

cell_too_large:
  g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT,
               _("A field on line %u is longer than %u KB."),
               line, WAYMARK_CSV_MAX_CELL / 1024u);
  return FALSE;
}

/* Higher is likelier: how many of the first records agree on one number of
 * fields (more than one), then that number. */
static guint
delimiter_score (const char *text,
                 gsize       length,
                 char        delimiter)
{
  g_autoptr(WaymarkCsvTable) table = table_new (delimiter);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = 0;

  split_records (table, text, length, DETECT_RECORDS, NULL);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      guint n, score;

      if (row->len < 2)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (row->len))) + 1;
      g_hash_table_insert (counts, GUINT_TO_POINTER (row->len), GUINT_TO_POINTER (n));
      score = n * 1000 + MIN (row->len, 999u);
      best = MAX (best, score);
    }
  return best;
}

static gsize
bom_length (const char *data,
            gsize       length)
{
  return length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

char
waymark_csv_detect_delimiter (const char *data,
                              gsize       length)
{
  static const char candidates[] = { ',', ';', '\t' };
  char best = ',';
  guint best_score = 0;
  gsize skip;

  g_return_val_if_fail (data != NULL || length == 0, ',');

  skip = bom_length (data, length);
  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint score = delimiter_score (data + skip, length - skip, candidates[c]);

      if (score > best_score)
        {
          best = candidates[c];
          best_score = score;
        }
    }
  return best;
}

WaymarkCsvTable *
waymark_csv_table_parse (const char           *data,
                         gsize                 length,
                         char                  delimiter,
                         WaymarkCsvReadFlags   flags,
                         GError              **error)
{
  g_autoptr(WaymarkCsvTable) table = NULL;
  g_autofree char *decoded = NULL;
  const char *text, *nul, *end = NULL;
  gboolean windows_1252 = FALSE;
  gsize skip;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (delimiter == 0 || delimiter == ',' || delimiter == ';' ||
                        delimiter == '\t', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > WAYMARK_CSV_MAX_SIZE)
    {
      g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT,
                   _("The file is larger than %u MB."), WAYMARK_CSV_MAX_SIZE / (1024u * 1024u));
      return NULL;
    }

  skip = bom_length (data, length);
  text = data + skip;
  length -= skip;

  nul = memchr (text, '\0', length);
  if (nul != NULL)
    {
      g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_ENCODING,
                   _("Line %u contains a NUL byte, so the file is not text."),
                   line_at (text, (gsize) (nul - text)));
      return NULL;
    }

  if (!g_utf8_validate_len (text, length, &end))
    {
      if (!(flags & WAYMARK_CSV_READ_WINDOWS_1252_FALLBACK))
        {
          g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_ENCODING,
                       _("Line %u is not valid UTF-8 text. Save the spreadsheet as "
                         "“CSV UTF-8” and import it again."),
                       line_at (text, (gsize) (end - text)));
          return NULL;
        }
      decoded = decode_windows_1252 (text, length);
      text = decoded;
      length = strlen (decoded);
      windows_1252 = TRUE;
    }

  if (delimiter == 0)
    delimiter = waymark_csv_detect_delimiter (text, length);

  table = table_new (delimiter);
  table->windows_1252 = windows_1252;
  if (!split_records (table, text, length, 0, error))
    return NULL;

  if (table->rows->len == 0)
    {
      g_set_error_literal (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_EMPTY,
                           _("The file contains no rows."));
      return NULL;
    }

  return g_steal_pointer (&table);
}

guint
waymark_csv_table_get_n_rows (const WaymarkCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

guint
waymark_csv_table_get_n_columns (const WaymarkCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_columns;
}

const char *
waymark_csv_table_get_cell (const WaymarkCsvTable *table,
                            guint                  row,
                            guint                  column)
{
  GPtrArray *cells;

  g_return_val_if_fail (table != NULL, "");
  g_return_val_if_fail (row < table->rows->len, "");

  cells = g_ptr_array_index (table->rows, row);
  return column < cells->len ? g_ptr_array_index (cells, column) : "";
}

guint
waymark_csv_table_get_line (const WaymarkCsvTable *table,
                            guint                  row)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (row < table->rows->len, 0);
  return g_array_index (table->lines, guint, row);
}

char
waymark_csv_table_get_delimiter (const WaymarkCsvTable *table)
{
  g_return_val_if_fail (table != NULL, ',');
  return table->delimiter;
}

gboolean
waymark_csv_table_is_windows_1252 (const WaymarkCsvTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return table->windows_1252;
}

/* ---- Mapping ----------------------------------------------------------- */

static const char *field_headers[WAYMARK_CSV_N_FIELDS] = {
  [WAYMARK_CSV_FIELD_IGNORE] = "",
  [WAYMARK_CSV_FIELD_STAGE] = "Stage",
  [WAYMARK_CSV_FIELD_LANE] = "Lane",
  [WAYMARK_CSV_FIELD_TITLE] = "Title",
  [WAYMARK_CSV_FIELD_CHANNEL] = "Channel",
  [WAYMARK_CSV_FIELD_OWNER] = "Owner",
  [WAYMARK_CSV_FIELD_EMOTION] = "Emotion",
  [WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH] = "Moment of truth",
  [WAYMARK_CSV_FIELD_DESCRIPTION] = "Description",
  [WAYMARK_CSV_FIELD_PAIN_POINTS] = "Pain points",
  [WAYMARK_CSV_FIELD_OPPORTUNITIES] = "Opportunities",
  [WAYMARK_CSV_FIELD_LINKS] = "Linked cards",
  [WAYMARK_CSV_FIELD_METRIC_NAME] = "Metric",
  [WAYMARK_CSV_FIELD_METRIC_VALUE] = "Value",
  [WAYMARK_CSV_FIELD_METRIC_TARGET] = "Target",
  [WAYMARK_CSV_FIELD_METRIC_UNIT] = "Unit",
  [WAYMARK_CSV_FIELD_METRIC_BETTER] = "Better when",
};

static const char *field_labels[WAYMARK_CSV_N_FIELDS] = {
  /* Translators: a CSV column that is not imported */
  [WAYMARK_CSV_FIELD_IGNORE] = N_("Ignore"),
  [WAYMARK_CSV_FIELD_STAGE] = N_("Stage"),
  [WAYMARK_CSV_FIELD_LANE] = N_("Lane"),
  [WAYMARK_CSV_FIELD_TITLE] = N_("Title"),
  [WAYMARK_CSV_FIELD_CHANNEL] = N_("Channel"),
  [WAYMARK_CSV_FIELD_OWNER] = N_("Owner"),
  [WAYMARK_CSV_FIELD_EMOTION] = N_("Emotion"),
  [WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH] = N_("Moment of Truth"),
  [WAYMARK_CSV_FIELD_DESCRIPTION] = N_("Description"),
  [WAYMARK_CSV_FIELD_PAIN_POINTS] = N_("Pain Points"),
  [WAYMARK_CSV_FIELD_OPPORTUNITIES] = N_("Opportunities"),
  [WAYMARK_CSV_FIELD_LINKS] = N_("Linked Cards"),
  [WAYMARK_CSV_FIELD_METRIC_NAME] = N_("Metric Name"),
  [WAYMARK_CSV_FIELD_METRIC_VALUE] = N_("Metric Value"),
  [WAYMARK_CSV_FIELD_METRIC_TARGET] = N_("Metric Target"),
  [WAYMARK_CSV_FIELD_METRIC_UNIT] = N_("Metric Unit"),
  /* Translators: whether a higher or a lower value of a metric is better */
  [WAYMARK_CSV_FIELD_METRIC_BETTER] = N_("Metric Better When"),
};

/* Column names as people write them, normalised as normalize_header()
 * does: English, German, French, Spanish. */
static const struct
{
  const char      *name;
  WaymarkCsvField  field;
} header_names[] = {
  { "stage", WAYMARK_CSV_FIELD_STAGE },
  { "stages", WAYMARK_CSV_FIELD_STAGE },
  { "journey stage", WAYMARK_CSV_FIELD_STAGE },
  { "stage name", WAYMARK_CSV_FIELD_STAGE },
  { "phase", WAYMARK_CSV_FIELD_STAGE },
  { "step", WAYMARK_CSV_FIELD_STAGE },
  { "phasen", WAYMARK_CSV_FIELD_STAGE },
  { "stufe", WAYMARK_CSV_FIELD_STAGE },
  { "schritt", WAYMARK_CSV_FIELD_STAGE },
  { "etappe", WAYMARK_CSV_FIELD_STAGE },
  { "etape", WAYMARK_CSV_FIELD_STAGE },
  { "etapes", WAYMARK_CSV_FIELD_STAGE },
  { "etapa", WAYMARK_CSV_FIELD_STAGE },
  { "etapas", WAYMARK_CSV_FIELD_STAGE },
  { "fase", WAYMARK_CSV_FIELD_STAGE },
  { "paso", WAYMARK_CSV_FIELD_STAGE },

  { "lane", WAYMARK_CSV_FIELD_LANE },
  { "lanes", WAYMARK_CSV_FIELD_LANE },
  { "swimlane", WAYMARK_CSV_FIELD_LANE },
  { "swim lane", WAYMARK_CSV_FIELD_LANE },
  { "row", WAYMARK_CSV_FIELD_LANE },
  { "layer", WAYMARK_CSV_FIELD_LANE },
  { "zeile", WAYMARK_CSV_FIELD_LANE },
  { "ebene", WAYMARK_CSV_FIELD_LANE },
  { "bahn", WAYMARK_CSV_FIELD_LANE },
  { "schwimmbahn", WAYMARK_CSV_FIELD_LANE },
  { "couloir", WAYMARK_CSV_FIELD_LANE },
  { "ligne", WAYMARK_CSV_FIELD_LANE },
  { "niveau", WAYMARK_CSV_FIELD_LANE },
  { "carril", WAYMARK_CSV_FIELD_LANE },
  { "fila", WAYMARK_CSV_FIELD_LANE },
  { "capa", WAYMARK_CSV_FIELD_LANE },

  { "title", WAYMARK_CSV_FIELD_TITLE },
  { "name", WAYMARK_CSV_FIELD_TITLE },
  { "touchpoint", WAYMARK_CSV_FIELD_TITLE },
  { "touch point", WAYMARK_CSV_FIELD_TITLE },
  { "touchpoints", WAYMARK_CSV_FIELD_TITLE },
  { "card", WAYMARK_CSV_FIELD_TITLE },
  { "action", WAYMARK_CSV_FIELD_TITLE },
  { "activity", WAYMARK_CSV_FIELD_TITLE },
  { "titel", WAYMARK_CSV_FIELD_TITLE },
  { "bezeichnung", WAYMARK_CSV_FIELD_TITLE },
  { "kontaktpunkt", WAYMARK_CSV_FIELD_TITLE },
  { "beruhrungspunkt", WAYMARK_CSV_FIELD_TITLE },
  { "aktion", WAYMARK_CSV_FIELD_TITLE },
  { "aktivitat", WAYMARK_CSV_FIELD_TITLE },
  { "titre", WAYMARK_CSV_FIELD_TITLE },
  { "nom", WAYMARK_CSV_FIELD_TITLE },
  { "point de contact", WAYMARK_CSV_FIELD_TITLE },
  { "activite", WAYMARK_CSV_FIELD_TITLE },
  { "titulo", WAYMARK_CSV_FIELD_TITLE },
  { "nombre", WAYMARK_CSV_FIELD_TITLE },
  { "punto de contacto", WAYMARK_CSV_FIELD_TITLE },
  { "accion", WAYMARK_CSV_FIELD_TITLE },
  { "actividad", WAYMARK_CSV_FIELD_TITLE },

  { "channel", WAYMARK_CSV_FIELD_CHANNEL },
  { "channels", WAYMARK_CSV_FIELD_CHANNEL },
  { "medium", WAYMARK_CSV_FIELD_CHANNEL },
  { "kanal", WAYMARK_CSV_FIELD_CHANNEL },
  { "kanale", WAYMARK_CSV_FIELD_CHANNEL },
  { "canal", WAYMARK_CSV_FIELD_CHANNEL },
  { "canaux", WAYMARK_CSV_FIELD_CHANNEL },
  { "canales", WAYMARK_CSV_FIELD_CHANNEL },
  { "medio", WAYMARK_CSV_FIELD_CHANNEL },

  { "owner", WAYMARK_CSV_FIELD_OWNER },
  { "owners", WAYMARK_CSV_FIELD_OWNER },
  { "owned by", WAYMARK_CSV_FIELD_OWNER },
  { "department", WAYMARK_CSV_FIELD_OWNER },
  { "team", WAYMARK_CSV_FIELD_OWNER },
  { "responsible", WAYMARK_CSV_FIELD_OWNER },
  { "verantwortlich", WAYMARK_CSV_FIELD_OWNER },
  { "verantwortung", WAYMARK_CSV_FIELD_OWNER },
  { "abteilung", WAYMARK_CSV_FIELD_OWNER },
  { "zustandig", WAYMARK_CSV_FIELD_OWNER },
  { "besitzer", WAYMARK_CSV_FIELD_OWNER },
  { "responsable", WAYMARK_CSV_FIELD_OWNER },
  { "proprietaire", WAYMARK_CSV_FIELD_OWNER },
  { "departement", WAYMARK_CSV_FIELD_OWNER },
  { "equipe", WAYMARK_CSV_FIELD_OWNER },
  { "propietario", WAYMARK_CSV_FIELD_OWNER },
  { "departamento", WAYMARK_CSV_FIELD_OWNER },
  { "equipo", WAYMARK_CSV_FIELD_OWNER },

  { "emotion", WAYMARK_CSV_FIELD_EMOTION },
  { "emotions", WAYMARK_CSV_FIELD_EMOTION },
  { "feeling", WAYMARK_CSV_FIELD_EMOTION },
  { "mood", WAYMARK_CSV_FIELD_EMOTION },
  { "sentiment", WAYMARK_CSV_FIELD_EMOTION },
  { "emotion score", WAYMARK_CSV_FIELD_EMOTION },
  { "gefuhl", WAYMARK_CSV_FIELD_EMOTION },
  { "stimmung", WAYMARK_CSV_FIELD_EMOTION },
  { "emotionen", WAYMARK_CSV_FIELD_EMOTION },
  { "ressenti", WAYMARK_CSV_FIELD_EMOTION },
  { "humeur", WAYMARK_CSV_FIELD_EMOTION },
  { "emocion", WAYMARK_CSV_FIELD_EMOTION },
  { "emociones", WAYMARK_CSV_FIELD_EMOTION },
  { "sentimiento", WAYMARK_CSV_FIELD_EMOTION },
  { "animo", WAYMARK_CSV_FIELD_EMOTION },

  { "moment of truth", WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH },
  { "moments of truth", WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH },
  { "mot", WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH },
  { "moment der wahrheit", WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH },
  { "wahrheitsmoment", WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH },
  { "moment de verite", WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH },
  { "momento de la verdad", WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH },
  { "momento de verdad", WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH },

  { "description", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "details", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "notes", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "note", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "comment", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "comments", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "beschreibung", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "notiz", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "notizen", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "kommentar", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "commentaire", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "remarques", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "descripcion", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "detalles", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "notas", WAYMARK_CSV_FIELD_DESCRIPTION },
  { "comentario", WAYMARK_CSV_FIELD_DESCRIPTION },

  { "pain points", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "pain point", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "painpoints", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "pains", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "problems", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "issues", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "frustrations", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "schmerzpunkte", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "probleme", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "points de douleur", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "points de friction", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "irritants", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "problemes", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "puntos de dolor", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "problemas", WAYMARK_CSV_FIELD_PAIN_POINTS },
  { "fricciones", WAYMARK_CSV_FIELD_PAIN_POINTS },

  { "opportunities", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "opportunity", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "ideas", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "improvements", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "chancen", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "moglichkeiten", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "verbesserungen", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "ideen", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "opportunites", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "idees", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "ameliorations", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "pistes", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "oportunidades", WAYMARK_CSV_FIELD_OPPORTUNITIES },
  { "mejoras", WAYMARK_CSV_FIELD_OPPORTUNITIES },

  { "linked cards", WAYMARK_CSV_FIELD_LINKS },
  { "links", WAYMARK_CSV_FIELD_LINKS },
  { "linked to", WAYMARK_CSV_FIELD_LINKS },
  { "verknupft", WAYMARK_CSV_FIELD_LINKS },
  { "verknupfte karten", WAYMARK_CSV_FIELD_LINKS },
  { "liens", WAYMARK_CSV_FIELD_LINKS },
  { "cartes liees", WAYMARK_CSV_FIELD_LINKS },
  { "vinculos", WAYMARK_CSV_FIELD_LINKS },
  { "tarjetas vinculadas", WAYMARK_CSV_FIELD_LINKS },

  { "metric", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "metric name", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "kpi", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "kpi name", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "measure", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "kennzahl", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "metrik", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "indicateur", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "metrique", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "indicador", WAYMARK_CSV_FIELD_METRIC_NAME },
  { "metrica", WAYMARK_CSV_FIELD_METRIC_NAME },

  { "value", WAYMARK_CSV_FIELD_METRIC_VALUE },
  { "metric value", WAYMARK_CSV_FIELD_METRIC_VALUE },
  { "kpi value", WAYMARK_CSV_FIELD_METRIC_VALUE },
  { "actual", WAYMARK_CSV_FIELD_METRIC_VALUE },
  { "wert", WAYMARK_CSV_FIELD_METRIC_VALUE },
  { "istwert", WAYMARK_CSV_FIELD_METRIC_VALUE },
  { "valeur", WAYMARK_CSV_FIELD_METRIC_VALUE },
  { "valor", WAYMARK_CSV_FIELD_METRIC_VALUE },

  { "target", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "metric target", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "goal", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "ziel", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "zielwert", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "sollwert", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "cible", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "objectif", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "objetivo", WAYMARK_CSV_FIELD_METRIC_TARGET },
  { "meta", WAYMARK_CSV_FIELD_METRIC_TARGET },

  { "unit", WAYMARK_CSV_FIELD_METRIC_UNIT },
  { "units", WAYMARK_CSV_FIELD_METRIC_UNIT },
  { "metric unit", WAYMARK_CSV_FIELD_METRIC_UNIT },
  { "einheit", WAYMARK_CSV_FIELD_METRIC_UNIT },
  { "unite", WAYMARK_CSV_FIELD_METRIC_UNIT },
  { "unidad", WAYMARK_CSV_FIELD_METRIC_UNIT },

  { "better when", WAYMARK_CSV_FIELD_METRIC_BETTER },
  { "better", WAYMARK_CSV_FIELD_METRIC_BETTER },
  { "higher is better", WAYMARK_CSV_FIELD_METRIC_BETTER },
  { "besser wenn", WAYMARK_CSV_FIELD_METRIC_BETTER },
  { "meilleur si", WAYMARK_CSV_FIELD_METRIC_BETTER },
  { "mejor si", WAYMARK_CSV_FIELD_METRIC_BETTER },
};

const char *
waymark_csv_field_get_header (WaymarkCsvField field)
{
  g_return_val_if_fail (field < WAYMARK_CSV_N_FIELDS, "");
  return field_headers[field];
}

const char *
waymark_csv_field_get_label (WaymarkCsvField field)
{
  g_return_val_if_fail (field < WAYMARK_CSV_N_FIELDS, "");
  return _(field_labels[field]);
}

/* "  Étape (phase) " → "etape": accents dropped, lower case, a note in
 * parentheses dropped, every run of other characters one space. */
static char *
normalize_header (const char *header)
{
  g_autofree char *ascii = g_str_to_ascii (header, "C");
  GString *out = g_string_new (NULL);
  guint depth = 0;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth > 0)
        continue;
      else if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

WaymarkCsvField
waymark_csv_guess_field (const char *header)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (header != NULL, WAYMARK_CSV_FIELD_IGNORE);

  key = normalize_header (header);
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (strcmp (key, header_names[i].name) == 0)
      return header_names[i].field;
  return WAYMARK_CSV_FIELD_IGNORE;
}

static gboolean
field_is_list (WaymarkCsvField field)
{
  return field == WAYMARK_CSV_FIELD_PAIN_POINTS || field == WAYMARK_CSV_FIELD_OPPORTUNITIES ||
         field == WAYMARK_CSV_FIELD_LINKS;
}

WaymarkCsvMapping *
waymark_csv_mapping_new (guint n_columns)
{
  WaymarkCsvMapping *mapping = g_new0 (WaymarkCsvMapping, 1);

  mapping->n_columns = n_columns;
  mapping->columns = g_new0 (WaymarkCsvField, MAX (n_columns, 1u));
  return mapping;
}

WaymarkCsvMapping *
waymark_csv_mapping_guess (const WaymarkCsvTable *table)
{
  WaymarkCsvMapping *mapping;
  gboolean taken[WAYMARK_CSV_N_FIELDS] = { FALSE, };

  g_return_val_if_fail (table != NULL, NULL);

  mapping = waymark_csv_mapping_new (table->n_columns);
  for (guint c = 0; c < table->n_columns; c++)
    {
      WaymarkCsvField field = waymark_csv_guess_field (waymark_csv_table_get_cell (table, 0, c));

      if (field == WAYMARK_CSV_FIELD_IGNORE || (taken[field] && !field_is_list (field)))
        continue;
      taken[field] = TRUE;
      mapping->columns[c] = field;
      mapping->has_header = TRUE;
    }
  return mapping;
}

WaymarkCsvMapping *
waymark_csv_mapping_copy (const WaymarkCsvMapping *mapping)
{
  WaymarkCsvMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = waymark_csv_mapping_new (mapping->n_columns);
  copy->has_header = mapping->has_header;
  if (mapping->n_columns > 0)
    memcpy (copy->columns, mapping->columns, mapping->n_columns * sizeof (WaymarkCsvField));
  return copy;
}

void
waymark_csv_mapping_free (WaymarkCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->columns);
  g_free (mapping);
}

/* ---- Importing: values ------------------------------------------------- */

/* A number with '.' or ',' as decimal separator, an optional sign (also
 * U+2212 MINUS SIGN) and exponent; nothing else. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = trimmed (text);
  g_autoptr(GString) number = g_string_new (NULL);
  guint commas = 0, dots = 0, digits = 0;
  char *end = NULL;

  for (const char *p = copy; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "\xe2\x88\x92"))  /* − */
        {
          g_string_append_c (number, '-');
          p += 2;
          continue;
        }
      if (*p == ',')
        {
          commas++;
          g_string_append_c (number, '.');
          continue;
        }
      if (*p == '.')
        dots++;
      else if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != '+' && *p != '-' && *p != 'e' && *p != 'E')
        return FALSE;
      g_string_append_c (number, *p);
    }
  if (digits == 0 || commas + dots > 1)
    return FALSE;

  *value = g_ascii_strtod (number->str, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static const char *true_words[] = {
  "yes", "y", "true", "1", "x", "\xe2\x9c\x93", "\xe2\x9c\x94",  /* ✓ ✔ */
  "ja", "j", "wahr", "oui", "vrai", "si", "s\xc3\xad", "verdadero",
};
static const char *false_words[] = {
  "no", "n", "false", "0", "nein", "falsch", "non", "faux", "falso",
};

/* TRUE when text is a known yes/no word; *flag says which. */
static gboolean
parse_flag (const char *text,
            gboolean   *flag)
{
  g_autofree char *key = name_key (text);

  *flag = FALSE;
  if (*key == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (true_words); i++)
    if (strcmp (key, true_words[i]) == 0)
      return (*flag = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (false_words); i++)
    if (strcmp (key, false_words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_better (const char *text,
              gboolean   *higher)
{
  static const char *higher_words[] = {
    "higher", "high", "up", "more", "max", "hoher", "mehr", "plus haut", "plus eleve", "plus",
    "mayor", "mas alto", "mas",
  };
  static const char *lower_words[] = {
    "lower", "low", "down", "less", "min", "niedriger", "weniger", "plus bas", "moins",
    "menor", "mas bajo", "menos",
  };
  g_autofree char *key = normalize_header (text);

  *higher = TRUE;
  if (*key == '\0' || parse_flag (text, higher))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (higher_words); i++)
    if (strcmp (key, higher_words[i]) == 0)
      return (*higher = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (lower_words); i++)
    if (strcmp (key, lower_words[i]) == 0)
      {
        *higher = FALSE;
        return TRUE;
      }
  *higher = TRUE;
  return FALSE;
}

/* Whether the exporter puts an apostrophe before text: a spreadsheet
 * would take it for a formula, or it starts with apostrophes followed by
 * such a character ("'=x"), so that the importer, which removes one
 * apostrophe from exactly these texts, gives every text back unchanged. */
static gboolean
needs_guard (const char *text)
{
  while (text[0] == '\'')
    text++;
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/* The exporter's guard against formulas, undone: "'=x" → "=x",
 * "''=x" → "'=x". */
static const char *
unguard (const char *text)
{
  if (text[0] == '\'' && needs_guard (text + 1))
    return text + 1;
  return text;
}

/* Trimmed items, one per line, empty lines dropped; NULL when none. */
static void
add_lines (GPtrArray  *items,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *item = trimmed (unguard (g_strstrip (lines[i])));

      if (*item != '\0')
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
}

/* ---- Importing: the plan and its execution ----------------------------- */

typedef struct
{
  WaymarkDocument         *document;
  const WaymarkCsvTable   *table;
  const WaymarkCsvMapping *mapping;
  gboolean                 apply;
  WaymarkCsvReport        *report;
  guint                    n_dropped_messages;

  GHashTable              *stages;        /* name key → WaymarkStage*, or itself when planning */
  GHashTable              *lanes;         /* name key → WaymarkLane*, likewise */
  GHashTable              *owners;        /* name keys */
  GHashTable              *stage_metrics; /* WaymarkStage* → GPtrArray of new metrics */
  GHashTable              *titles;        /* name key → first WaymarkTouchpoint* of that title */
  GHashTable              *linked;        /* "id\nid" of links made */
  GPtrArray               *links;         /* PendingLinks */
  guint                    n_owner_colors;
} Import;

typedef struct
{
  WaymarkTouchpoint *touchpoint;
  guint              line;
  GPtrArray         *titles;
} PendingLinks;

static void
pending_links_free (gpointer data)
{
  PendingLinks *pending = data;

  g_ptr_array_unref (pending->titles);
  g_free (pending);
}

static void
report_message (Import     *import,
                guint       line,
                const char *format,
                ...) G_GNUC_PRINTF (3, 4);

static void
report_message (Import     *import,
                guint       line,
                const char *format,
                ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (import->report->messages->len >= MAX_MESSAGES)
    {
      import->n_dropped_messages++;
      return;
    }
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the start of a problem found in a CSV file, e.g.
   * "Line 4: the emotion “-5” is outside the scale …" */
  g_ptr_array_add (import->report->messages, g_strdup_printf (_("Line %u: %s"), line, text));
}

static const char *
cell (Import *import,
      guint   row,
      guint   column)
{
  return unguard (waymark_csv_table_get_cell (import->table, row, column));
}

/* The first non-empty cell of the row mapped to field, trimmed; "" if none. */
static char *
field_text (Import          *import,
            guint            row,
            WaymarkCsvField  field)
{
  for (guint c = 0; c < import->mapping->n_columns; c++)
    if (import->mapping->columns[c] == field)
      {
        g_autofree char *text = trimmed (cell (import, row, c));

        if (*text != '\0')
          return g_steal_pointer (&text);
      }
  return g_strdup ("");
}

/* Every line of every cell of the row mapped to field; at most the number
 * of items a card may hold in a file. */
static GStrv
field_lines (Import          *import,
             guint            row,
             WaymarkCsvField  field)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < import->mapping->n_columns; c++)
    if (import->mapping->columns[c] == field)
      add_lines (items, cell (import, row, c));
  if (items->len == 0)
    return NULL;
  if (items->len > WAYMARK_FORMAT_MAX_ITEMS)
    {
      report_message (import, waymark_csv_table_get_line (import->table, row),
                      _("only the first %u of %u items of “%s” are kept."),
                      WAYMARK_FORMAT_MAX_ITEMS, items->len, waymark_csv_field_get_label (field));
      g_ptr_array_set_size (items, WAYMARK_FORMAT_MAX_ITEMS);
    }
  g_ptr_array_add (items, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

static gboolean
mapping_has (const WaymarkCsvMapping *mapping,
             WaymarkCsvField          field)
{
  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->columns[c] == field)
      return TRUE;
  return FALSE;
}

static WaymarkStage *
find_stage (Import     *import,
            const char *name)
{
  g_autofree char *key = name_key (name);
  WaymarkStage *stage = g_hash_table_lookup (import->stages, key);

  if (stage != NULL)
    return stage;

  import->report->n_stages++;
  if (import->apply)
    {
      g_autofree char *id = waymark_document_make_id (import->document, WAYMARK_TYPE_STAGE);
      g_autoptr(WaymarkStage) created = waymark_stage_new (id, name);

      waymark_document_insert_stage (import->document, created, -1);
      stage = created;
    }
  else
    stage = (WaymarkStage *) import->stages;  /* any unique non-NULL token */
  g_hash_table_insert (import->stages, g_steal_pointer (&key), stage);
  return stage;
}

static WaymarkLane *
find_lane (Import     *import,
           const char *name)
{
  g_autofree char *key = name_key (name);
  WaymarkLane *lane = g_hash_table_lookup (import->lanes, key);

  if (lane != NULL)
    return lane;

  import->report->n_lanes++;
  if (import->apply)
    {
      g_autofree char *id = waymark_document_make_id (import->document, WAYMARK_TYPE_LANE);
      g_autoptr(WaymarkLane) created = waymark_lane_new (id, name, WAYMARK_LANE_CARDS);

      waymark_document_insert_lane (import->document, created, -1);
      lane = created;
    }
  else
    lane = (WaymarkLane *) import->lanes;
  g_hash_table_insert (import->lanes, g_steal_pointer (&key), lane);
  return lane;
}

/* The lane of a card whose lane cell is empty. */
static WaymarkLane *
default_lane (Import *import)
{
  GListModel *lanes = waymark_document_get_lanes (import->document);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i);

      if (waymark_lane_get_kind (lane) == WAYMARK_LANE_CARDS)
        return lane;
    }
  /* Translators: name of the lane created for imported cards when the map has none */
  return find_lane (import, _("Touchpoints"));
}

/* Owner colours: the GNOME palette, in order, skipping colours the map's
 * owners already have while there are unused ones. */
static const char *owner_palette[] = {
  "#3584e4", "#e66100", "#26a269", "#9141ac", "#c01c28",
  "#2190a4", "#e5a50a", "#c061cb", "#986a44", "#6f8396",
};

static const char *
next_owner_color (Import *import)
{
  GListModel *owners = waymark_document_get_owners (import->document);
  guint n = g_list_model_get_n_items (owners);

  for (guint tries = 0; tries < G_N_ELEMENTS (owner_palette); tries++)
    {
      const char *color = owner_palette[import->n_owner_colors++ % G_N_ELEMENTS (owner_palette)];
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(WaymarkOwner) owner = g_list_model_get_item (owners, i);

          used = g_ascii_strcasecmp (waymark_owner_get_color (owner), color) == 0;
        }
      if (!used)
        return color;
    }
  return owner_palette[import->n_owner_colors++ % G_N_ELEMENTS (owner_palette)];
}

static void
note_owner (Import     *import,
            const char *name)
{
  g_autofree char *key = name_key (name);

  if (*key == '\0' || g_hash_table_contains (import->owners, key))
    return;

  import->report->n_owners++;
  if (import->apply)
    {
      g_autofree char *id = waymark_document_make_id (import->document, WAYMARK_TYPE_OWNER);
      g_autoptr(WaymarkOwner) owner = waymark_owner_new (id, name, next_owner_color (import));

      waymark_document_add_owner (import->document, owner, -1);
    }
  g_hash_table_add (import->owners, g_steal_pointer (&key));
}

/* The emotion of the row, clamped; FALSE when it has none. */
static gboolean
row_emotion (Import *import,
             guint   row,
             double *value)
{
  g_autofree char *text = field_text (import, row, WAYMARK_CSV_FIELD_EMOTION);
  guint line = waymark_csv_table_get_line (import->table, row);
  const char * const *levels;
  double clamped;

  if (*text == '\0')
    return FALSE;

  if (!parse_number (text, value))
    {
      g_autofree char *key = name_key (text);
      int min = waymark_document_get_emotion_min (import->document);
      gboolean found = FALSE;

      levels = waymark_document_get_emotion_levels (import->document);
      for (guint i = 0; levels != NULL && levels[i] != NULL && !found; i++)
        {
          g_autofree char *level = name_key (levels[i]);

          if (*level != '\0' && strcmp (level, key) == 0)
            {
              *value = min + (int) i;
              found = TRUE;
            }
        }
      if (!found)
        {
          report_message (import, line,
                          _("the emotion “%s” is neither a number nor a level of the scale; "
                            "the card has no emotion."),
                          text);
          return FALSE;
        }
    }

  clamped = waymark_document_clamp_emotion (import->document, *value);
  if (clamped != *value)
    {
      import->report->n_clamped++;
      report_message (import, line,
                      _("the emotion %s is outside the scale from %d to %d; it is set to %d."),
                      text, waymark_document_get_emotion_min (import->document),
                      waymark_document_get_emotion_max (import->document), (int) clamped);
      *value = clamped;
    }
  return TRUE;
}

/* The metric of the row, or NULL. */
static WaymarkMetric *
row_metric (Import *import,
            guint   row)
{
  g_autofree char *name = field_text (import, row, WAYMARK_CSV_FIELD_METRIC_NAME);
  g_autofree char *value_text = field_text (import, row, WAYMARK_CSV_FIELD_METRIC_VALUE);
  g_autofree char *target_text = field_text (import, row, WAYMARK_CSV_FIELD_METRIC_TARGET);
  g_autofree char *unit = field_text (import, row, WAYMARK_CSV_FIELD_METRIC_UNIT);
  g_autofree char *better = field_text (import, row, WAYMARK_CSV_FIELD_METRIC_BETTER);
  guint line = waymark_csv_table_get_line (import->table, row);
  double value, target = NAN;
  gboolean higher = TRUE;

  if (*name == '\0')
    {
      if (*value_text != '\0')
        report_message (import, line, _("the metric value %s has no metric name; it is left out."),
                        value_text);
      return NULL;
    }
  if (!parse_number (value_text, &value))
    {
      report_message (import, line,
                      _("the metric “%s” has no value that is a number; it is left out."), name);
      return NULL;
    }
  if (*target_text != '\0' && !parse_number (target_text, &target))
    {
      report_message (import, line,
                      _("the target “%s” of the metric “%s” is not a number; it has no target."),
                      target_text, name);
      target = NAN;
    }
  if (!parse_better (better, &higher))
    report_message (import, line,
                    _("“%s” says neither “higher” nor “lower” is better; higher is taken."),
                    better);
  return waymark_metric_new (name, value, target, unit, higher);
}

static void
add_stage_metric (Import        *import,
                  guint          line,
                  WaymarkStage  *stage,
                  const char    *stage_name,
                  WaymarkMetric *metric)
{
  GPtrArray *metrics = g_hash_table_lookup (import->stage_metrics, stage);

  if (metrics == NULL)
    {
      metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
      if (import->apply)
        {
          GPtrArray *old = waymark_stage_get_metrics (stage);

          for (guint i = 0; i < old->len; i++)
            g_ptr_array_add (metrics, waymark_metric_ref (g_ptr_array_index (old, i)));
        }
      g_hash_table_insert (import->stage_metrics, stage, metrics);
    }
  /* A stage with more would make a map that no longer opens. */
  if (metrics->len >= WAYMARK_FORMAT_MAX_ITEMS)
    {
      report_message (import, line,
                      _("the stage “%s” already has %u metrics, the most a map keeps; the metric "
                        "“%s” is left out."),
                      stage_name, WAYMARK_FORMAT_MAX_ITEMS,
                      waymark_metric_get_name (metric));
      return;
    }
  g_ptr_array_add (metrics, waymark_metric_ref (metric));
  import->report->n_stage_metrics++;
}

static void
import_row (Import      *import,
            guint        row,
            char       **last_stage)
{
  guint line = waymark_csv_table_get_line (import->table, row);
  g_autofree char *stage_name = field_text (import, row, WAYMARK_CSV_FIELD_STAGE);
  g_autofree char *lane_name = field_text (import, row, WAYMARK_CSV_FIELD_LANE);
  g_autofree char *title = field_text (import, row, WAYMARK_CSV_FIELD_TITLE);
  g_autofree char *owner = NULL;
  g_autoptr(WaymarkMetric) metric = NULL;
  g_auto(GStrv) pain_points = NULL;
  g_auto(GStrv) opportunities = NULL;
  g_auto(GStrv) links = NULL;
  WaymarkStage *stage;
  WaymarkLane *lane;
  double emotion = 0.0;
  gboolean has_emotion, moment = FALSE;

  /* The metrics export names a stage's own metrics so. */
  if (strcmp (title, "(stage)") == 0)
    title[0] = '\0';

  if (*stage_name != '\0')
    {
      g_free (*last_stage);
      *last_stage = g_strdup (stage_name);
    }
  else if (*title == '\0')
    {
      import->report->n_skipped++;
      report_message (import, line, _("no title and no stage; the row is skipped."));
      return;
    }
  else if (*last_stage == NULL)
    {
      GListModel *stages = waymark_document_get_stages (import->document);

      if (g_list_model_get_n_items (stages) > 0)
        {
          g_autoptr(WaymarkStage) first = g_list_model_get_item (stages, 0);

          *last_stage = g_strdup (waymark_stage_get_name (first));
        }
      else
        /* Translators: name of the stage created for imported cards that name none */
        *last_stage = g_strdup (_("Stage"));
    }

  stage = find_stage (import, *last_stage);
  lane = *lane_name != '\0' ? find_lane (import, lane_name) : NULL;
  metric = row_metric (import, row);

  if (*title == '\0')
    {
      /* A row that only names a stage (and lane), or a stage's own metric. */
      if (metric != NULL)
        add_stage_metric (import, line, stage, *last_stage, metric);
      return;
    }

  if (lane == NULL)
    lane = default_lane (import);

  owner = field_text (import, row, WAYMARK_CSV_FIELD_OWNER);
  note_owner (import, owner);
  has_emotion = row_emotion (import, row, &emotion);
  {
    g_autofree char *flag = field_text (import, row, WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH);

    if (!parse_flag (flag, &moment))
      report_message (import, line,
                      _("“%s” is not “yes” or “no”; the card is not a moment of truth."), flag);
  }
  pain_points = field_lines (import, row, WAYMARK_CSV_FIELD_PAIN_POINTS);
  opportunities = field_lines (import, row, WAYMARK_CSV_FIELD_OPPORTUNITIES);
  links = field_lines (import, row, WAYMARK_CSV_FIELD_LINKS);

  import->report->n_touchpoints++;
  if (import->apply)
    {
      g_autofree char *id = waymark_document_make_id (import->document, WAYMARK_TYPE_TOUCHPOINT);
      g_autoptr(WaymarkTouchpoint) touchpoint = waymark_touchpoint_new (id, title);
      g_autofree char *channel = field_text (import, row, WAYMARK_CSV_FIELD_CHANNEL);
      g_autofree char *description = NULL;
      g_autoptr(GPtrArray) metrics = g_ptr_array_new ();
      g_autofree char *key = name_key (title);

      /* The description keeps its inner line breaks and spacing. */
      for (guint c = 0; c < import->mapping->n_columns && description == NULL; c++)
        if (import->mapping->columns[c] == WAYMARK_CSV_FIELD_DESCRIPTION)
          {
            g_autofree char *text = trimmed (cell (import, row, c));

            if (*text != '\0')
              description = g_steal_pointer (&text);
          }

      if (metric != NULL)
        g_ptr_array_add (metrics, metric);
      /* Set before the card joins the map: adding it is then one command. */
      g_object_set (touchpoint,
                    "channel", channel,
                    "owner", owner,
                    "description", description != NULL ? description : "",
                    "has-emotion", has_emotion,
                    "pain-points", pain_points,
                    "opportunities", opportunities,
                    "metrics", metrics,
                    "moment-of-truth", moment,
                    NULL);
      if (has_emotion)
        g_object_set (touchpoint, "emotion", emotion, NULL);
      waymark_document_add_touchpoint (import->document, touchpoint, stage, lane, -1);

      if (!g_hash_table_contains (import->titles, key))
        g_hash_table_insert (import->titles, g_steal_pointer (&key), touchpoint);
      if (links != NULL)
        {
          PendingLinks *pending = g_new0 (PendingLinks, 1);

          pending->touchpoint = touchpoint;
          pending->line = line;
          pending->titles = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; links[i] != NULL; i++)
            g_ptr_array_add (pending->titles, g_strdup (links[i]));
          g_ptr_array_add (import->links, pending);
        }
    }
}

static WaymarkTouchpoint *
find_card_titled (Import     *import,
                  const char *title)
{
  g_autofree char *key = name_key (title);
  GListModel *touchpoints;

  if (g_hash_table_contains (import->titles, key))
    return g_hash_table_lookup (import->titles, key);

  /* Cards of the map from before the import. */
  touchpoints = waymark_document_get_touchpoints (import->document);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (touchpoints, i);
      g_autofree char *other = name_key (waymark_touchpoint_get_title (tp));

      if (strcmp (other, key) == 0)
        return tp;
    }
  return NULL;
}

static void
make_links (Import *import)
{
  for (guint i = 0; i < import->links->len; i++)
    {
      PendingLinks *pending = g_ptr_array_index (import->links, i);

      for (guint t = 0; t < pending->titles->len; t++)
        {
          const char *title = g_ptr_array_index (pending->titles, t);
          WaymarkTouchpoint *other = find_card_titled (import, title);
          const char *a, *b;

          if (other == NULL)
            {
              report_message (import, pending->line, _("no card is titled “%s”; no link is made."),
                              title);
              continue;
            }
          if (other == pending->touchpoint)
            continue;

          a = waymark_element_get_id (WAYMARK_ELEMENT (pending->touchpoint));
          b = waymark_element_get_id (WAYMARK_ELEMENT (other));
          if (strcmp (a, b) > 0)
            {
              const char *swap = a;
              a = b;
              b = swap;
            }
          {
            char *pair = g_strconcat (a, "\n", b, NULL);

            if (!g_hash_table_add (import->linked, pair))
              continue;
          }
          waymark_document_link (import->document, pending->touchpoint, other);
          import->report->n_links++;
        }
    }
}

static void
report_free (WaymarkCsvReport *report)
{
  g_ptr_array_unref (report->messages);
  g_free (report);
}

void
waymark_csv_report_free (WaymarkCsvReport *report)
{
  if (report != NULL)
    report_free (report);
}

static WaymarkCsvReport *
run (WaymarkDocument         *document,
     const WaymarkCsvTable   *table,
     const WaymarkCsvMapping *mapping,
     gboolean                 apply)
{
  Import import = { 0, };
  g_autofree char *last_stage = NULL;
  GListModel *list;

  import.document = document;
  import.table = table;
  import.mapping = mapping;
  import.apply = apply;
  import.report = g_new0 (WaymarkCsvReport, 1);
  import.report->messages = g_ptr_array_new_with_free_func (g_free);
  import.stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.lanes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.stage_metrics = g_hash_table_new_full (NULL, NULL, NULL,
                                                (GDestroyNotify) g_ptr_array_unref);
  import.titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.links = g_ptr_array_new_with_free_func (pending_links_free);

  /* The first of several stages or lanes of one name is the one found. */
  list = waymark_document_get_stages (document);
  for (guint i = g_list_model_get_n_items (list); i-- > 0;)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (list, i);

      g_hash_table_insert (import.stages, name_key (waymark_stage_get_name (stage)), stage);
    }
  list = waymark_document_get_lanes (document);
  for (guint i = g_list_model_get_n_items (list); i-- > 0;)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (list, i);

      g_hash_table_insert (import.lanes, name_key (waymark_lane_get_name (lane)), lane);
    }
  /* Owners of the list, and names cards already use: neither is new. */
  list = waymark_document_get_owners (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkOwner) owner = g_list_model_get_item (list, i);

      g_hash_table_add (import.owners, name_key (waymark_owner_get_name (owner)));
    }
  import.n_owner_colors = g_list_model_get_n_items (list);

  if (apply)
    /* Translators: the undo step of importing a spreadsheet */
    waymark_document_begin_group (document, _("Import CSV"));

  for (guint row = mapping->has_header ? 1 : 0; row < table->rows->len; row++)
    import_row (&import, row, &last_stage);

  if (apply)
    {
      /* In stage order, for a deterministic history. */
      list = waymark_document_get_stages (document);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(WaymarkStage) stage = g_list_model_get_item (list, i);
          GPtrArray *metrics = g_hash_table_lookup (import.stage_metrics, stage);
          g_auto(GValue) gvalue = G_VALUE_INIT;

          if (metrics == NULL)
            continue;
          g_value_init (&gvalue, G_TYPE_PTR_ARRAY);
          g_value_set_boxed (&gvalue, metrics);
          waymark_document_set_property (document, WAYMARK_ELEMENT (stage), "metrics", &gvalue,
                                         FALSE);
        }
      make_links (&import);
      waymark_document_end_group (document);
    }

  if (import.n_dropped_messages > 0)
    g_ptr_array_add (import.report->messages,
                     g_strdup_printf (ngettext ("%u more problem is not listed.",
                                                   "%u more problems are not listed.",
                                                   import.n_dropped_messages),
                                      import.n_dropped_messages));

  g_hash_table_unref (import.stages);
  g_hash_table_unref (import.lanes);
  g_hash_table_unref (import.owners);
  g_hash_table_unref (import.stage_metrics);
  g_hash_table_unref (import.titles);
  g_hash_table_unref (import.linked);
  g_ptr_array_unref (import.links);

  return import.report;
}

static gboolean
check_mapping (const WaymarkCsvMapping  *mapping,
               GError                  **error)
{
  if (!mapping_has (mapping, WAYMARK_CSV_FIELD_STAGE) &&
      !mapping_has (mapping, WAYMARK_CSV_FIELD_TITLE))
    {
      g_set_error_literal (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_MAPPING,
                           _("Choose the column that holds the titles of the cards, or the one "
                             "that holds their stages."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_limits (WaymarkDocument         *document,
              const WaymarkCsvReport  *plan,
              GError                 **error)
{
  guint stages = g_list_model_get_n_items (waymark_document_get_stages (document)) + plan->n_stages;
  guint lanes = g_list_model_get_n_items (waymark_document_get_lanes (document)) + plan->n_lanes;
  guint cards = g_list_model_get_n_items (waymark_document_get_touchpoints (document)) +
                plan->n_touchpoints;

  if (stages > WAYMARK_FORMAT_MAX_STAGES)
    g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT,
                 _("The map would have %u stages; a map can have at most %u."),
                 stages, WAYMARK_FORMAT_MAX_STAGES);
  else if (lanes > WAYMARK_FORMAT_MAX_LANES)
    g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT,
                 _("The map would have %u lanes; a map can have at most %u."),
                 lanes, WAYMARK_FORMAT_MAX_LANES);
  else if (cards > WAYMARK_FORMAT_MAX_TOUCHPOINTS)
    g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT,
                 _("The map would have %u touchpoints; a map can have at most %u."),
                 cards, WAYMARK_FORMAT_MAX_TOUCHPOINTS);
#ifdef WAYMARK_FORMAT_MAX_OWNERS
  else if (g_list_model_get_n_items (waymark_document_get_owners (document)) + plan->n_owners >
           WAYMARK_FORMAT_MAX_OWNERS)
    g_set_error (error, WAYMARK_CSV_ERROR, WAYMARK_CSV_ERROR_LIMIT,
                 _("The map would have %u owners; a map can have at most %u."),
                 g_list_model_get_n_items (waymark_document_get_owners (document)) +
                 plan->n_owners, WAYMARK_FORMAT_MAX_OWNERS);
#endif
  else
    return TRUE;
  return FALSE;
}

WaymarkCsvReport *
waymark_csv_plan (WaymarkDocument          *document,
                  const WaymarkCsvTable    *table,
                  const WaymarkCsvMapping  *mapping,
                  GError                  **error)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_mapping (mapping, error))
    return NULL;
  return run (document, table, mapping, FALSE);
}

gboolean
waymark_csv_import (WaymarkDocument          *document,
                    const WaymarkCsvTable    *table,
                    const WaymarkCsvMapping  *mapping,
                    WaymarkCsvReport        **report,
                    GError                  **error)
{
  g_autoptr(WaymarkCsvReport) plan = NULL;
  WaymarkCsvReport *done;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plan = waymark_csv_plan (document, table, mapping, error);
  if (plan == NULL || !check_limits (document, plan, error))
    return FALSE;

  done = run (document, table, mapping, TRUE);
  if (report != NULL)
    *report = done;
  else
    report_free (done);
  return TRUE;
}

char *
waymark_csv_report_get_summary (const WaymarkCsvReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (text, ngettext ("Imported %u touchpoint.",
                                             "Imported %u touchpoints.",
                                             report->n_touchpoints),
                          report->n_touchpoints);

  if (report->n_stages > 0)
    g_ptr_array_add (created, g_strdup_printf (ngettext ("%u stage",
                                                            "%u stages", report->n_stages),
                                               report->n_stages));
  if (report->n_lanes > 0)
    g_ptr_array_add (created, g_strdup_printf (ngettext ("%u lane",
                                                            "%u lanes", report->n_lanes),
                                               report->n_lanes));
  if (report->n_owners > 0)
    g_ptr_array_add (created, g_strdup_printf (ngettext ("%u owner",
                                                            "%u owners", report->n_owners),
                                               report->n_owners));
  if (created->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (created, NULL);
      /* Translators: the separator of a list such as "5 stages, 1 lane, 3 owners" */
      list = g_strjoinv (_(", "), (char **) created->pdata);
      g_string_append_c (text, ' ');
      /* Translators: %s is a list such as "5 stages, 1 lane, 3 owners" */
      g_string_append_printf (text, _("New: %s."), list);
    }
  if (report->n_stage_metrics > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u stage metric added.",
                                                 "%u stage metrics added.",
                                                 report->n_stage_metrics),
                              report->n_stage_metrics);
    }
  if (report->n_skipped > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u row skipped.",
                                                 "%u rows skipped.",
                                                 report->n_skipped),
                              report->n_skipped);
    }
  if (report->n_clamped > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u emotion was outside the scale and was "
                                                 "clamped.",
                                                 "%u emotions were outside the scale and were "
                                                 "clamped.",
                                                 report->n_clamped),
                              report->n_clamped);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- Exporting --------------------------------------------------------- */

typedef struct
{
  GString  *out;
  gboolean  first;
} Writer;

static void
put_raw (Writer     *w,
         const char *text)
{
  gboolean quote;

  if (!w->first)
    g_string_append_c (w->out, ',');
  w->first = FALSE;

  quote = strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0]) ||
          (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1]));
  if (!quote)
    {
      g_string_append (w->out, text);
      return;
    }
  g_string_append_c (w->out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (w->out, '"');
      /* Line breaks inside a cell are CRLF too, as Excel writes them. */
      if (*p == '\n')
        g_string_append_c (w->out, '\r');
      g_string_append_c (w->out, *p);
    }
  g_string_append_c (w->out, '"');
}

/* Text that a spreadsheet must not take for a formula. */
static void
put_text (Writer     *w,
          const char *text)
{
  if (text == NULL)
    text = "";
  if (needs_guard (text))
    {
      g_autofree char *guarded = g_strconcat ("'", text, NULL);

      put_raw (w, guarded);
    }
  else
    put_raw (w, text);
}

static void
put_lines (Writer             *w,
           const char * const *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Each line is guarded on its own: the importer reads them so. */
      if (needs_guard (items[i]))
        g_string_append_c (text, '\'');
      g_string_append (text, items[i]);
    }
  put_raw (w, text->str);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double. */
static void
put_number (Writer *w,
            double  value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0.0)
    value = 0.0;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  put_raw (w, buf);
}

static void
end_record (Writer *w)
{
  g_string_append (w->out, "\r\n");
  w->first = TRUE;
}

static void
put_header (Writer             *w,
            const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    put_raw (w, names[i]);
  end_record (w);
}

typedef struct
{
  WaymarkTouchpoint *touchpoint;
  int                stage;
  int                lane;
  guint              position;
} Place;

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const Place *pa = a, *pb = b;

  if (pa->stage != pb->stage)
    return pa->stage < pb->stage ? -1 : 1;
  if (pa->lane != pb->lane)
    return pa->lane < pb->lane ? -1 : 1;
  return pa->position < pb->position ? -1 : pa->position > pb->position;
}

/* The cards by stage, lane and place in the cell (the list order). */
static GArray *
sorted_cards (WaymarkDocument *document)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  guint n = g_list_model_get_n_items (touchpoints);
  GArray *places = g_array_sized_new (FALSE, FALSE, sizeof (Place), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (touchpoints, i);
      Place place;

      place.touchpoint = tp;
      place.stage = waymark_document_get_stage_index (document, waymark_touchpoint_get_stage (tp));
      place.lane = waymark_document_get_lane_index (document, waymark_touchpoint_get_lane (tp));
      place.position = i;
      g_array_append_val (places, place);
    }
  g_array_sort (places, compare_places);
  return places;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, *(gpointer const *) a));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, *(gpointer const *) b));

  return pa < pb ? -1 : pa > pb;
}

/* Every card's linked cards, either way, in list order: what
 * waymark_document_get_linked() gives, for all cards in one pass instead of
 * one pass per card. Card → GPtrArray of cards. */
static GHashTable *
links_of_all (WaymarkDocument *document)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  guint n = g_list_model_get_n_items (touchpoints);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);
  GHashTable *links = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (touchpoints, i);

      g_hash_table_insert (by_id, (gpointer) waymark_element_get_id (WAYMARK_ELEMENT (tp)), tp);
      g_hash_table_insert (positions, tp, GUINT_TO_POINTER (i));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (touchpoints, i);
      const char * const *ids = waymark_touchpoint_get_links (tp);

      for (guint l = 0; ids != NULL && ids[l] != NULL; l++)
        {
          WaymarkTouchpoint *other = g_hash_table_lookup (by_id, ids[l]);
          WaymarkTouchpoint *ends[2] = { tp, other };

          if (other == NULL || other == tp)
            continue;
          for (guint e = 0; e < 2; e++)
            {
              GPtrArray *list = g_hash_table_lookup (links, ends[e]);

              if (list == NULL)
                {
                  list = g_ptr_array_new ();
                  g_hash_table_insert (links, ends[e], list);
                }
              g_ptr_array_add (list, ends[1 - e]);
            }
        }
    }

  /* In list order, each card once (a link may be stored on both cards). */
  g_hash_table_iter_init (&iter, links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *list = value;
      guint kept = 0;

      g_ptr_array_sort_with_data (list, compare_positions, positions);
      for (guint i = 0; i < list->len; i++)
        if (kept == 0 || g_ptr_array_index (list, kept - 1) != g_ptr_array_index (list, i))
          list->pdata[kept++] = list->pdata[i];
      g_ptr_array_set_size (list, kept);
    }
  return links;
}

static GBytes *
finish (Writer *w)
{
  gsize length = w->out->len;

  return g_bytes_new_take (g_string_free (w->out, FALSE), length);
}

GBytes *
waymark_csv_export_touchpoints (WaymarkDocument *document)
{
  static const char *header[] = {
    "Stage", "Lane", "Title", "Channel", "Owner", "Emotion", "Moment of truth",
    "Description", "Pain points", "Opportunities", "Linked cards", NULL,
  };
  Writer w = { g_string_new ("\xef\xbb\xbf"), TRUE };
  g_autoptr(GArray) places = NULL;
  g_autoptr(GHashTable) links = NULL;
  GListModel *stages;
  guint next = 0;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  put_header (&w, header);
  places = sorted_cards (document);
  links = links_of_all (document);
  stages = waymark_document_get_stages (document);
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, s);
      gboolean any = FALSE;

      for (; next < places->len && g_array_index (places, Place, next).stage == (int) s; next++)
        {
          WaymarkTouchpoint *tp = g_array_index (places, Place, next).touchpoint;
          GPtrArray *linked = g_hash_table_lookup (links, tp);
          g_autoptr(GPtrArray) titles = g_ptr_array_new ();

          for (guint i = 0; linked != NULL && i < linked->len; i++)
            g_ptr_array_add (titles,
                             (gpointer) waymark_touchpoint_get_title (g_ptr_array_index (linked, i)));
          g_ptr_array_add (titles, NULL);

          put_text (&w, waymark_stage_get_name (stage));
          put_text (&w, waymark_lane_get_name (waymark_touchpoint_get_lane (tp)));
          put_text (&w, waymark_touchpoint_get_title (tp));
          put_text (&w, waymark_touchpoint_get_channel (tp));
          put_text (&w, waymark_touchpoint_get_owner (tp));
          if (waymark_touchpoint_has_emotion (tp))
            put_number (&w, waymark_touchpoint_get_emotion (tp));
          else
            put_raw (&w, "");
          put_raw (&w, waymark_touchpoint_get_moment_of_truth (tp) ? "yes" : "no");
          put_text (&w, waymark_touchpoint_get_description (tp));
          put_lines (&w, waymark_touchpoint_get_pain_points (tp));
          put_lines (&w, waymark_touchpoint_get_opportunities (tp));
          put_lines (&w, (const char * const *) titles->pdata);
          end_record (&w);
          any = TRUE;
        }

      if (!any)
        {
          put_text (&w, waymark_stage_get_name (stage));
          end_record (&w);
        }
    }

  return finish (&w);
}

static void
put_metric (Writer              *w,
            const char          *stage,
            const char          *touchpoint,
            const WaymarkMetric *metric)
{
  put_text (w, stage);
  put_text (w, touchpoint);
  put_text (w, waymark_metric_get_name (metric));
  put_number (w, waymark_metric_get_value (metric));
  if (waymark_metric_has_target (metric))
    put_number (w, waymark_metric_get_target (metric));
  else
    put_raw (w, "");
  put_text (w, waymark_metric_get_unit (metric));
  put_raw (w, waymark_metric_higher_is_better (metric) ? "higher" : "lower");
  if (waymark_metric_has_target (metric))
    put_raw (w, waymark_metric_is_on_target (metric) ? "yes" : "no");
  else
    put_raw (w, "");
  end_record (w);
}

GBytes *
waymark_csv_export_metrics (WaymarkDocument *document)
{
  static const char *header[] = {
    "Stage", "Touchpoint", "Metric", "Value", "Target", "Unit", "Better when", "On target", NULL,
  };
  Writer w = { g_string_new ("\xef\xbb\xbf"), TRUE };
  g_autoptr(GArray) places = NULL;
  GListModel *stages;
  guint next = 0;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  put_header (&w, header);
  places = sorted_cards (document);
  stages = waymark_document_get_stages (document);
  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, s);
      const char *name = waymark_stage_get_name (stage);
      GPtrArray *metrics = waymark_stage_get_metrics (stage);

      for (guint m = 0; m < metrics->len; m++)
        put_metric (&w, name, "(stage)", g_ptr_array_index (metrics, m));

      for (; next < places->len && g_array_index (places, Place, next).stage == (int) s; next++)
        {
          WaymarkTouchpoint *tp = g_array_index (places, Place, next).touchpoint;

          metrics = waymark_touchpoint_get_metrics (tp);
          for (guint m = 0; m < metrics->len; m++)
            put_metric (&w, name, waymark_touchpoint_get_title (tp), g_ptr_array_index (metrics, m));
        }
    }

  return finish (&w);
}

gboolean
waymark_csv_save (WaymarkDocument   *document,
                  WaymarkCsvExport   what,
                  GFile             *file,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = what == WAYMARK_CSV_EXPORT_METRICS ? waymark_csv_export_metrics (document)
                                             : waymark_csv_export_touchpoints (document);
  data = g_bytes_get_data (bytes, &length);
  return waymark_atomic_file_replace (file, data, length, cancellable, error);
}
