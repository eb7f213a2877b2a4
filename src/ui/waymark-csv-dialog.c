/* waymark-csv-dialog.c — importing touchpoints from a spreadsheet, exporting to one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "waymark-csv-dialog.h"
#include "waymark-window.h"

/* Records the preview shows below the header. */
#define PREVIEW_ROWS 20
/* Problems the message after an import lists one by one. */
#define SHOWN_PROBLEMS 10

static const char delimiters[] = { ',', ';', '\t' };

struct _WaymarkCsvImportDialog
{
  AdwWindow          parent_instance;

  WaymarkDocument   *document;
  GBytes            *contents;
  char              *file_name;
  WaymarkCsvTable   *table;      /* NULL when the file cannot be read */
  WaymarkCsvMapping *mapping;
  char              *problem;    /* why table is NULL */
  char              *summary;
  gboolean           updating;

  GtkWidget         *file_row;
  GtkWidget         *delimiter_row;
  GtkWidget         *header_switch;
  GtkWidget         *encoding_label;
  GtkWidget         *grid;
  GPtrArray         *dropdowns;
  GtkWidget         *summary_label;
};

G_DEFINE_FINAL_TYPE (WaymarkCsvImportDialog, waymark_csv_import_dialog, ADW_TYPE_WINDOW)

/* ---- Auxiliary --------------------------------------------------------- */

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  GtkWidget *message = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (message));
}

static guint
delimiter_index (char delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      return i;
  return 0;
}

/* "24 touchpoints and 5 new stages" and friends, as whole sentences. */
static char *
plan_summary (const WaymarkCsvReport *plan)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *cards = g_strdup_printf (ngettext ("%u touchpoint", "%u touchpoints",
                                                      plan->n_touchpoints),
                                            plan->n_touchpoints);

  if (plan->n_stages > 0)
    {
      g_autofree char *stages = g_strdup_printf (ngettext ("%u new stage", "%u new stages",
                                                           plan->n_stages),
                                                 plan->n_stages);

      /* Translators: "Will create 24 touchpoints in 5 new stages." */
      g_string_append_printf (text, _("Will create %s in %s."), cards, stages);
    }
  else
    /* Translators: "Will create 24 touchpoints." */
    g_string_append_printf (text, _("Will create %s."), cards);

  if (plan->n_lanes > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u lane will be added.", "%u lanes will be added.",
                                              plan->n_lanes),
                              plan->n_lanes);
    }
  if (plan->n_owners > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u owner will join the owners list.",
                                              "%u owners will join the owners list.",
                                              plan->n_owners),
                              plan->n_owners);
    }
  if (plan->n_stage_metrics > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u stage metric will be added.",
                                              "%u stage metrics will be added.",
                                              plan->n_stage_metrics),
                              plan->n_stage_metrics);
    }
  if (plan->n_skipped > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u row has no title and no stage and will be "
                                              "skipped.",
                                              "%u rows have no title and no stage and will be "
                                              "skipped.",
                                              plan->n_skipped),
                              plan->n_skipped);
    }
  if (plan->n_clamped > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u emotion is outside the map’s scale and will be "
                                              "clamped.",
                                              "%u emotions are outside the map’s scale and will "
                                              "be clamped.",
                                              plan->n_clamped),
                              plan->n_clamped);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_summary (WaymarkCsvImportDialog *self)
{
  g_autoptr(WaymarkCsvReport) plan = NULL;
  g_autoptr(GError) error = NULL;
  gboolean can_import = FALSE;

  g_clear_pointer (&self->summary, g_free);
  if (self->table == NULL)
    self->summary = g_strdup (self->problem);
  else if ((plan = waymark_csv_plan (self->document, self->table, self->mapping, &error)) == NULL)
    self->summary = g_strdup (error->message);
  else if (plan->n_touchpoints == 0 && plan->n_stages == 0 && plan->n_lanes == 0 &&
           plan->n_stage_metrics == 0)
    self->summary = g_strdup (_("Nothing to import: no row has a title or a stage."));
  else
    {
      self->summary = plan_summary (plan);
      can_import = TRUE;
    }

  gtk_label_set_text (GTK_LABEL (self->summary_label), self->summary);
  if (can_import)
    gtk_widget_remove_css_class (self->summary_label, "error");
  else
    gtk_widget_add_css_class (self->summary_label, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "csv.import", can_import);
}

static void
column_changed (GtkDropDown            *dropdown,
                GParamSpec             *pspec,
                WaymarkCsvImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || self->mapping == NULL || column >= self->mapping->n_columns ||
      selected >= WAYMARK_CSV_N_FIELDS)
    return;
  self->mapping->columns[column] = (WaymarkCsvField) selected;
  update_summary (self);
}

static GtkWidget *
preview_cell (const char *text,
              gboolean    header)
{
  g_autofree char *line = g_strdup (text);
  GtkWidget *label;

  /* One line per record: a cell's line breaks read as spaces here. */
  g_strdelimit (line, "\r\n\t", ' ');
  label = gtk_label_new (line);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Short texts in full, long ones cut at a readable width: the preview
   * scrolls sideways rather than squeezing every column. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_width_chars (GTK_LABEL (label), (int) MIN (g_utf8_strlen (line, -1), 20));
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_tooltip_text (label, text);
  return label;
}

static void
rebuild_preview (WaymarkCsvImportDialog *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *child;
  guint n_rows;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_ptr_array_set_size (self->dropdowns, 0);

  if (self->table == NULL)
    return;

  for (WaymarkCsvField f = 0; f < WAYMARK_CSV_N_FIELDS; f++)
    g_ptr_array_add (labels, (gpointer) waymark_csv_field_get_label (f));
  g_ptr_array_add (labels, NULL);

  self->updating = TRUE;
  for (guint c = 0; c < self->mapping->n_columns; c++)
    {
      GtkWidget *dropdown = gtk_drop_down_new_from_strings ((const char * const *) labels->pdata);
      g_autofree char *name = NULL;

      if (self->mapping->has_header)
        /* Translators: accessible name of a dropdown; %s is the column's header */
        name = g_strdup_printf (_("Field for the column “%s”"),
                                waymark_csv_table_get_cell (self->table, 0, c));
      else
        /* Translators: accessible name of a dropdown; %u is the column's number */
        name = g_strdup_printf (_("Field for column %u"), c + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), self->mapping->columns[c]);
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (c));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (column_changed), self);
      gtk_grid_attach (GTK_GRID (self->grid), dropdown, (int) c, 0, 1, 1);
      g_ptr_array_add (self->dropdowns, dropdown);
    }
  self->updating = FALSE;

  n_rows = MIN (waymark_csv_table_get_n_rows (self->table),
                PREVIEW_ROWS + (self->mapping->has_header ? 1u : 0u));
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < self->mapping->n_columns; c++)
      gtk_grid_attach (GTK_GRID (self->grid),
                       preview_cell (waymark_csv_table_get_cell (self->table, r, c),
                                     r == 0 && self->mapping->has_header),
                       (int) c, (int) r + 1, 1, 1);
}

/* Reads the file again with delimiter (0 = detect), guessing the mapping. */
static void
load_table (WaymarkCsvImportDialog *self,
            char                    delimiter)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (self->contents, &length);

  g_clear_pointer (&self->table, waymark_csv_table_free);
  g_clear_pointer (&self->mapping, waymark_csv_mapping_free);
  g_clear_pointer (&self->problem, g_free);

  self->table = waymark_csv_table_parse (data, length, delimiter,
                                         WAYMARK_CSV_READ_WINDOWS_1252_FALLBACK, &error);
  if (self->table == NULL)
    self->problem = g_strdup (error->message);
  else
    {
      self->mapping = waymark_csv_mapping_guess (self->table);
      self->updating = TRUE;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->delimiter_row),
                                  delimiter_index (waymark_csv_table_get_delimiter (self->table)));
      gtk_switch_set_active (GTK_SWITCH (self->header_switch), self->mapping->has_header);
      self->updating = FALSE;
    }

  gtk_widget_set_visible (self->encoding_label,
                          self->table != NULL && waymark_csv_table_is_windows_1252 (self->table));
  rebuild_preview (self);
  update_summary (self);
}

/* ---- Callbacks --------------------------------------------------------- */

static void
delimiter_changed (WaymarkCsvImportDialog *self)
{
  guint index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->delimiter_row));

  if (self->updating || index >= G_N_ELEMENTS (delimiters))
    return;
  if (self->table != NULL && waymark_csv_table_get_delimiter (self->table) == delimiters[index])
    return;
  load_table (self, delimiters[index]);
}

static void
header_changed (WaymarkCsvImportDialog *self)
{
  if (self->updating || self->mapping == NULL)
    return;
  self->mapping->has_header = gtk_switch_get_active (GTK_SWITCH (self->header_switch));
  rebuild_preview (self);
  update_summary (self);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WaymarkCsvImportDialog *self = WAYMARK_CSV_IMPORT_DIALOG (widget);
  g_autoptr(WaymarkCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkWindow *parent;

  if (self->table == NULL)
    return;

  if (!waymark_csv_import (self->document, self->table, self->mapping, &report, &error))
    {
      show_message (GTK_WINDOW (self), _("Could Not Import the File"), error->message);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  summary = waymark_csv_report_get_summary (report);
  if (report->messages->len == 0 && parent != NULL && WAYMARK_IS_WINDOW (parent))
    waymark_window_show_toast (WAYMARK_WINDOW (parent), summary);
  else
    {
      g_autoptr(GString) body = g_string_new (summary);

      for (guint i = 0; i < MIN (report->messages->len, SHOWN_PROBLEMS); i++)
        {
          g_string_append (body, i == 0 ? "\n\n" : "\n");
          g_string_append (body, g_ptr_array_index (report->messages, i));
        }
      if (report->messages->len > SHOWN_PROBLEMS)
        {
          guint rest = report->messages->len - SHOWN_PROBLEMS;

          g_string_append_c (body, '\n');
          g_string_append_printf (body, ngettext ("…and %u more.", "…and %u more.", rest), rest);
        }
      show_message (parent, _("Spreadsheet Imported"), body->str);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
waymark_csv_import_dialog_dispose (GObject *object)
{
  WaymarkCsvImportDialog *self = WAYMARK_CSV_IMPORT_DIALOG (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->table, waymark_csv_table_free);
  g_clear_pointer (&self->mapping, waymark_csv_mapping_free);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_csv_import_dialog_parent_class)->dispose (object);
}

static void
waymark_csv_import_dialog_finalize (GObject *object)
{
  WaymarkCsvImportDialog *self = WAYMARK_CSV_IMPORT_DIALOG (object);

  g_free (self->file_name);
  g_free (self->problem);
  g_free (self->summary);

  G_OBJECT_CLASS (waymark_csv_import_dialog_parent_class)->finalize (object);
}

static void
waymark_csv_import_dialog_class_init (WaymarkCsvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_csv_import_dialog_dispose;
  object_class->finalize = waymark_csv_import_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "csv.import", NULL, import_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
waymark_csv_import_dialog_init (WaymarkCsvImportDialog *self)
{
  const char *separators[] = {
    /* Translators: CSV field separators */
    _("Comma"), _("Semicolon"), _("Tab"), NULL,
  };
  g_autoptr(GtkStringList) separator_model = gtk_string_list_new (separators);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import"));
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *header_row = adw_action_row_new ();
  GtkWidget *preview_label = gtk_label_new (_("Preview"));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->dropdowns = g_ptr_array_new ();

  /* Translators: title of the dialog that imports a spreadsheet */
  gtk_window_set_title (GTK_WINDOW (self), _("Import CSV"));
  gtk_window_set_default_size (GTK_WINDOW (self), 800, 600);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_widget_add_css_class (import, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "csv.import");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), import);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  gtk_box_append (GTK_BOX (box), header);

  self->file_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("File"));
  gtk_widget_add_css_class (self->file_row, "property");

  self->delimiter_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->delimiter_row), _("Separator"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->delimiter_row), G_LIST_MODEL (separator_model));

  self->header_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->header_switch, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (header_row), _("First Row Is a Header"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (header_row), self->header_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (header_row), self->header_switch);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->file_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->delimiter_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), header_row);

  self->encoding_label =
    gtk_label_new (_("The file is not UTF-8 text, so it was read as Windows-1252 (Western "
                     "European). If letters look wrong, save it from the spreadsheet as "
                     "“CSV UTF-8”."));
  gtk_label_set_wrap (GTK_LABEL (self->encoding_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->encoding_label), 0.0);
  gtk_widget_add_css_class (self->encoding_label, "warning");
  gtk_widget_set_visible (self->encoding_label, FALSE);

  gtk_label_set_xalign (GTK_LABEL (preview_label), 0.0);
  gtk_widget_add_css_class (preview_label, "heading");

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 6);
  gtk_widget_set_margin_top (self->grid, 6);
  gtk_widget_set_margin_bottom (self->grid, 6);
  gtk_widget_set_margin_start (self->grid, 6);
  gtk_widget_set_margin_end (self->grid, 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->grid);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_size_request (scroller, -1, 220);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  preview_label, NULL, -1);

  self->summary_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary_label), 0.0);

  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_box_append (GTK_BOX (page), group);
  gtk_box_append (GTK_BOX (page), self->encoding_label);
  gtk_box_append (GTK_BOX (page), preview_label);
  gtk_box_append (GTK_BOX (page), frame);
  gtk_box_append (GTK_BOX (page), self->summary_label);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->delimiter_row, "notify::selected",
                            G_CALLBACK (delimiter_changed), self);
  g_signal_connect_swapped (self->header_switch, "notify::active",
                            G_CALLBACK (header_changed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "csv.import", FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), import);
}

/* ---- Public API -------------------------------------------------------- */

GtkWidget *
waymark_csv_import_dialog_new (GtkWindow       *parent,
                               WaymarkDocument *document,
                               GBytes          *contents,
                               const char      *file_name)
{
  WaymarkCsvImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  self = g_object_new (WAYMARK_TYPE_CSV_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->document = g_object_ref (document);
  self->contents = g_bytes_ref (contents);
  self->file_name = g_strdup (file_name != NULL ? file_name : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->file_row), self->file_name);
  load_table (self, 0);

  return GTK_WIDGET (self);
}

WaymarkCsvField
waymark_csv_import_dialog_get_field (WaymarkCsvImportDialog *self,
                                     guint                   column)
{
  g_return_val_if_fail (WAYMARK_IS_CSV_IMPORT_DIALOG (self), WAYMARK_CSV_FIELD_IGNORE);

  if (column >= self->dropdowns->len)
    return WAYMARK_CSV_FIELD_IGNORE;
  return (WaymarkCsvField) gtk_drop_down_get_selected (g_ptr_array_index (self->dropdowns, column));
}

void
waymark_csv_import_dialog_set_field (WaymarkCsvImportDialog *self,
                                     guint                   column,
                                     WaymarkCsvField         field)
{
  g_return_if_fail (WAYMARK_IS_CSV_IMPORT_DIALOG (self));
  g_return_if_fail (column < self->dropdowns->len);
  g_return_if_fail (field < WAYMARK_CSV_N_FIELDS);

  gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, column), field);
}

const char *
waymark_csv_import_dialog_get_summary (WaymarkCsvImportDialog *self)
{
  g_return_val_if_fail (WAYMARK_IS_CSV_IMPORT_DIALOG (self), NULL);
  return self->summary;
}

/* ---- Choosing files ---------------------------------------------------- */

typedef struct
{
  GtkWindow            *parent;     /* weak */
  WaymarkDocument      *document;
  GtkFileChooserNative *chooser;
  GFile                *file;
} Request;

static Request *
request_new (GtkWindow       *parent,
             WaymarkDocument *document)
{
  Request *request = g_new0 (Request, 1);

  g_set_weak_pointer (&request->parent, parent);
  request->document = g_object_ref (document);
  return request;
}

static void
request_free (Request *request)
{
  g_clear_weak_pointer (&request->parent);
  g_clear_object (&request->document);
  g_clear_object (&request->chooser);
  g_clear_object (&request->file);
  g_free (request);
}

static void
file_loaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (request->file);
  char *data = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &data, &length, NULL, &error))
    {
      /* Translators: a file name, then the reason */
      g_autofree char *body = g_strdup_printf (_("“%s” could not be read: %s"), name,
                                               error->message);

      show_message (request->parent, _("Could Not Read the File"), body);
    }
  else
    {
      g_autoptr(GBytes) contents = g_bytes_new_take (data, length);
      g_autofree char *display = g_filename_display_name (name);
      GtkWidget *dialog = waymark_csv_import_dialog_new (request->parent, request->document,
                                                         contents, display);

      gtk_window_present (GTK_WINDOW (dialog));
    }
  request_free (request);
}

static void
import_chooser_response (GtkNativeDialog *chooser,
                         int              response,
                         Request         *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    request->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (request->file == NULL)
    {
      request_free (request);
      return;
    }
  g_file_load_contents_async (request->file, NULL, file_loaded, request);
}

void
waymark_csv_import_dialog_present (GtkWindow       *parent,
                                   WaymarkDocument *document)
{
  Request *request;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));

  request = request_new (parent, document);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, WAYMARK_CSV_MIME_TYPE);
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  request->chooser = gtk_file_chooser_native_new (_("Import CSV"), parent,
                                                  GTK_FILE_CHOOSER_ACTION_OPEN,
                                                  _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (request->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (request->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (request->chooser), all);
  g_signal_connect (request->chooser, "response", G_CALLBACK (import_chooser_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (request->chooser));
}

static void
export_chooser_response (GtkNativeDialog *chooser,
                         int              response,
                         Request         *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  const char *choice;
  WaymarkCsvExport what;

  if (response == GTK_RESPONSE_ACCEPT)
    request->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (request->file == NULL)
    {
      request_free (request);
      return;
    }

  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "content");
  what = g_strcmp0 (choice, "metrics") == 0 ? WAYMARK_CSV_EXPORT_METRICS
                                            : WAYMARK_CSV_EXPORT_TOUCHPOINTS;

  /* A name typed without an extension gets ".csv", so that spreadsheets open it. */
  basename = g_file_get_basename (request->file);
  if (basename != NULL && strchr (basename, '.') == NULL)
    {
      g_autofree char *with_ext = g_strconcat (basename, ".csv", NULL);
      g_autoptr(GFile) parent = g_file_get_parent (request->file);

      if (parent != NULL)
        {
          g_autoptr(GFile) fixed = g_file_get_child (parent, with_ext);

          g_set_object (&request->file, fixed);
          g_free (basename);
          basename = g_steal_pointer (&with_ext);
        }
    }

  if (!waymark_csv_save (request->document, what, request->file, NULL, &error))
    {
      g_autofree char *path = g_file_get_parse_name (request->file);
      /* Translators: a file path, then the reason */
      g_autofree char *body = g_strdup_printf (_("“%s” could not be written: %s"), path,
                                               error->message);

      show_message (request->parent, _("Could Not Export the Spreadsheet"), body);
    }
  else if (request->parent != NULL && WAYMARK_IS_WINDOW (request->parent))
    {
      g_autofree char *display = g_filename_display_name (basename);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), display);

      waymark_window_show_toast (WAYMARK_WINDOW (request->parent), text);
    }
  request_free (request);
}

void
waymark_csv_export_present (GtkWindow       *parent,
                            WaymarkDocument *document)
{
  const char *options[] = { "touchpoints", "metrics", NULL };
  const char *labels[] = { _("Touchpoints"), _("Metrics"), NULL };
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  const char *title;
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));

  title = waymark_document_get_title (document);
  suggested = g_strdup_printf ("%s.csv", title != NULL && *title != '\0' ? title
                                                                         : _("Journey Map"));
  g_strdelimit (suggested, "/\\", '-');

  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, WAYMARK_CSV_MIME_TYPE);
  gtk_file_filter_add_suffix (csv, "csv");

  request = request_new (parent, document);
  request->chooser = gtk_file_chooser_native_new (_("Export CSV"), parent,
                                                  GTK_FILE_CHOOSER_ACTION_SAVE,
                                                  _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (request->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (request->chooser), csv);
  /* Translators: the choice of what a CSV export holds: touchpoints or metrics */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (request->chooser), "content", _("Export"),
                               options, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (request->chooser), "content", "touchpoints");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (request->chooser), suggested);
  g_signal_connect (request->chooser, "response", G_CALLBACK (export_chooser_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (request->chooser));
}
