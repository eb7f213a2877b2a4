/* waymark-csv.h — the spreadsheet bridge: touchpoints from CSV, touchpoints and metrics to CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading follows RFC 4180 and what spreadsheets really write: fields are
 * separated by ',' or ';' (Excel in German or French) or TAB, detected from
 * the first records unless given; a field may be quoted with '"', a quote
 * inside quotes is doubled (""); records end with CRLF, LF or CR, and quoted
 * fields may hold line breaks. A UTF-8 byte order mark is skipped. Blank
 * lines (no character at all) are not records. A character after a closing
 * quote is kept as text, as spreadsheets do; a quote that is never closed
 * is an error.
 *
 * Text must be UTF-8. With WAYMARK_CSV_READ_WINDOWS_1252_FALLBACK, a file
 * that is not valid UTF-8 is read as Windows-1252 instead (what Excel on
 * Windows writes in Western Europe); without it, such a file is an error
 * naming the first line that is not UTF-8.
 *
 * Limits (beyond them reading fails with WAYMARK_CSV_ERROR_LIMIT; they are
 * far above any real spreadsheet and keep a hostile file from exhausting
 * memory): WAYMARK_CSV_MAX_SIZE bytes per file, WAYMARK_CSV_MAX_ROWS
 * records, WAYMARK_CSV_MAX_COLUMNS fields per record, WAYMARK_CSV_MAX_CELL
 * bytes per field.
 *
 * Writing produces UTF-8 with a byte order mark (so that Excel recognises
 * the encoding), ',' separators, CRLF line ends, quotes only where needed,
 * numbers with '.' as decimal separator whatever the locale, and the same
 * bytes for the same map. A text cell that a spreadsheet would take for a
 * formula (starting with '=', '+', '-', '@', TAB or CR) is written with a
 * leading apostrophe; the importer removes it again. So that a text of
 * one's own starting with apostrophes before such a character ("'=x")
 * comes back unchanged, it gets one more apostrophe too.
 */
#pragma once

#include <gio/gio.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_CSV_MAX_SIZE    (64u * 1024u * 1024u)
#define WAYMARK_CSV_MAX_ROWS    100000u
#define WAYMARK_CSV_MAX_COLUMNS 256u
#define WAYMARK_CSV_MAX_CELL    (64u * 1024u)

#define WAYMARK_CSV_MIME_TYPE "text/csv"

#define WAYMARK_CSV_ERROR (waymark_csv_error_quark ())
GQuark waymark_csv_error_quark (void);

typedef enum {
  WAYMARK_CSV_ERROR_EMPTY,      /* no record at all */
  WAYMARK_CSV_ERROR_ENCODING,   /* not UTF-8, or NUL bytes */
  WAYMARK_CSV_ERROR_SYNTAX,     /* a quoted field that never ends */
  WAYMARK_CSV_ERROR_LIMIT,      /* beyond the limits above, or beyond a map's limits */
  WAYMARK_CSV_ERROR_MAPPING,    /* neither a stage nor a title column chosen */
} WaymarkCsvError;

typedef enum {
  WAYMARK_CSV_READ_DEFAULT                  = 0,
  WAYMARK_CSV_READ_WINDOWS_1252_FALLBACK    = 1 << 0,
} WaymarkCsvReadFlags;

/* ---- Reading ----------------------------------------------------------- */

typedef struct _WaymarkCsvTable WaymarkCsvTable;

/* delimiter is ',', ';', '\t', or 0 to detect it. On failure returns NULL
 * and sets error to a sentence that names the line. */
WaymarkCsvTable *waymark_csv_table_parse          (const char            *data,
                                                   gsize                  length,
                                                   char                   delimiter,
                                                   WaymarkCsvReadFlags    flags,
                                                   GError               **error);
void             waymark_csv_table_free           (WaymarkCsvTable       *table);
guint            waymark_csv_table_get_n_rows     (const WaymarkCsvTable *table);
/* The largest number of fields of any record. */
guint            waymark_csv_table_get_n_columns  (const WaymarkCsvTable *table);
/* Never NULL: "" beyond the end of a short record. */
const char      *waymark_csv_table_get_cell       (const WaymarkCsvTable *table,
                                                   guint                  row,
                                                   guint                  column);
/* The line of the file (1-based) on which the record starts. */
guint            waymark_csv_table_get_line       (const WaymarkCsvTable *table,
                                                   guint                  row);
char             waymark_csv_table_get_delimiter  (const WaymarkCsvTable *table);
/* TRUE when the text was not UTF-8 and was read as Windows-1252. */
gboolean         waymark_csv_table_is_windows_1252 (const WaymarkCsvTable *table);

/* The most likely delimiter of data (',' when nothing suggests another). */
char             waymark_csv_detect_delimiter     (const char            *data,
                                                   gsize                  length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkCsvTable, waymark_csv_table_free)

/* ---- Mapping columns to touchpoint fields ------------------------------ */

typedef enum {
  WAYMARK_CSV_FIELD_IGNORE,
  WAYMARK_CSV_FIELD_STAGE,
  WAYMARK_CSV_FIELD_LANE,
  WAYMARK_CSV_FIELD_TITLE,
  WAYMARK_CSV_FIELD_CHANNEL,
  WAYMARK_CSV_FIELD_OWNER,
  WAYMARK_CSV_FIELD_EMOTION,
  WAYMARK_CSV_FIELD_MOMENT_OF_TRUTH,
  WAYMARK_CSV_FIELD_DESCRIPTION,
  WAYMARK_CSV_FIELD_PAIN_POINTS,     /* one per line of the cell */
  WAYMARK_CSV_FIELD_OPPORTUNITIES,   /* one per line of the cell */
  WAYMARK_CSV_FIELD_LINKS,           /* titles of linked cards, one per line */
  WAYMARK_CSV_FIELD_METRIC_NAME,
  WAYMARK_CSV_FIELD_METRIC_VALUE,
  WAYMARK_CSV_FIELD_METRIC_TARGET,
  WAYMARK_CSV_FIELD_METRIC_UNIT,
  WAYMARK_CSV_FIELD_METRIC_BETTER,   /* "higher" or "lower" */
  WAYMARK_CSV_N_FIELDS
} WaymarkCsvField;

/* The English column header the exporter writes, e.g. "Pain points". */
const char      *waymark_csv_field_get_header     (WaymarkCsvField        field);
/* The translated name for a person choosing a mapping, e.g. "Pain Points". */
const char      *waymark_csv_field_get_label      (WaymarkCsvField        field);
/* The field a column header names, in English, German, French or Spanish
 * ("Phase", "Étape", "Etapa" → STAGE), ignoring case, accents, spacing and
 * a note in parentheses; IGNORE when unknown. */
WaymarkCsvField  waymark_csv_guess_field          (const char            *header);

typedef struct
{
  gboolean         has_header;   /* the first record names the columns */
  guint            n_columns;
  WaymarkCsvField *columns;      /* n_columns fields */
} WaymarkCsvMapping;

/* Every column ignored, no header. */
WaymarkCsvMapping *waymark_csv_mapping_new        (guint                  n_columns);
/* A header is assumed when a field of the first record is a known column
 * name; each field is given to the first column that names it (a list
 * field — pain points, opportunities, links — to every such column). */
WaymarkCsvMapping *waymark_csv_mapping_guess      (const WaymarkCsvTable *table);
WaymarkCsvMapping *waymark_csv_mapping_copy       (const WaymarkCsvMapping *mapping);
void               waymark_csv_mapping_free       (WaymarkCsvMapping     *mapping);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkCsvMapping, waymark_csv_mapping_free)

/* ---- Importing ----------------------------------------------------------
 *
 * Each record becomes a touchpoint, in record order, in the stage and lane
 * it names. Stages and lanes are found by name (ignoring case and
 * surrounding spaces); missing ones are appended in the order they are
 * first named. An empty stage cell repeats the stage of the record above
 * (spreadsheets with merged cells leave it empty); an empty lane cell
 * takes the first cards lane of the map (created as "Touchpoints" when the
 * map has none). A new owner name joins the map's owners list with a colour.
 * The emotion may use '.' or ',' as decimal separator, or name a level of
 * the map's emotion scale; it is clamped to the scale. Moment of truth
 * accepts yes/no, true/false, 1/0, x and their German, French and Spanish
 * words. Metric columns give the card one metric (value required).
 *
 * A record with a stage but no title creates only the stage (and lane) —
 * or, when it names a metric, adds the metric to the stage. Records with
 * neither title nor stage are skipped. Everything is one undo step,
 * "Import CSV". */

typedef struct
{
  guint      n_touchpoints;   /* created */
  guint      n_stages;        /* created */
  guint      n_lanes;         /* created */
  guint      n_owners;        /* added to the owners list */
  guint      n_stage_metrics; /* added to stages */
  guint      n_links;         /* links made */
  guint      n_skipped;       /* records skipped (header not counted) */
  guint      n_clamped;       /* emotions outside the scale, clamped */
  GPtrArray *messages;        /* translated sentences, each starting "Line N: " */
} WaymarkCsvReport;

/* What waymark_csv_import() would do, without changing anything. */
WaymarkCsvReport *waymark_csv_plan                (WaymarkDocument         *document,
                                                   const WaymarkCsvTable   *table,
                                                   const WaymarkCsvMapping *mapping,
                                                   GError                 **error);
/* On success returns TRUE and, if report is not NULL, stores what was
 * done there. Fails, changing nothing, when the mapping has neither a stage
 * nor a title column, or when the map would exceed the .cjmx limits. */
gboolean          waymark_csv_import              (WaymarkDocument         *document,
                                                   const WaymarkCsvTable   *table,
                                                   const WaymarkCsvMapping *mapping,
                                                   WaymarkCsvReport       **report,
                                                   GError                 **error);
/* One translated sentence, e.g. "Imported 24 touchpoints, 5 new stages,
 * 1 new lane and 3 new owners; 2 rows were skipped." */
char             *waymark_csv_report_get_summary  (const WaymarkCsvReport  *report);
void              waymark_csv_report_free         (WaymarkCsvReport        *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkCsvReport, waymark_csv_report_free)

/* ---- Exporting ----------------------------------------------------------
 *
 * Touchpoints: one record per card, by stage, then lane, then place in the
 * cell, with the columns Stage, Lane, Title, Channel, Owner, Emotion,
 * Moment of truth (yes/no), Description, Pain points, Opportunities, Linked
 * cards (lists one item per line in one cell). A stage without cards gets
 * a record with only its name, so that importing keeps every stage in its
 * order.
 *
 * Metrics: one record per metric, stage by stage, the stage's own metrics
 * first (Touchpoint "(stage)"), then its cards' in the order above: Stage,
 * Touchpoint, Metric, Value, Target, Unit, Better when (higher/lower), On
 * target (yes/no, empty without target). */

GBytes           *waymark_csv_export_touchpoints  (WaymarkDocument         *document);
GBytes           *waymark_csv_export_metrics      (WaymarkDocument         *document);

typedef enum {
  WAYMARK_CSV_EXPORT_TOUCHPOINTS,
  WAYMARK_CSV_EXPORT_METRICS,
} WaymarkCsvExport;

/* Writes one of the exports above to file atomically (see
 * waymark_atomic_file_replace()): on failure the file is as it was. */
gboolean          waymark_csv_save                (WaymarkDocument         *document,
                                                   WaymarkCsvExport         what,
                                                   GFile                   *file,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);

G_END_DECLS
