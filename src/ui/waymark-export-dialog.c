/* waymark-export-dialog.c — PNG, PDF and SVG export with the command line's options
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "waymark-export.h"
#include "waymark-export-dialog.h"
#include "waymark-ui-private.h"

static const char *format_ids[] = { "png", "pdf", "svg" };
static const char *page_ids[] = { "fit", "slide", "a4", "letter" };

struct _WaymarkExportDialog
{
  AdwWindow             parent_instance;

  WaymarkWindow        *window;     /* weak */
  WaymarkDocument      *document;
  char                 *name;
  GSettings            *settings;
  GtkFileChooserNative *chooser;

  GtkWidget            *format_row;
  GtkWidget            *scale_row;
  GtkWidget            *scale;
  GtkWidget            *transparent_row;
  GtkWidget            *transparent;
  GtkWidget            *page_row;
  GtkWidget            *view_row;
  GtkWidget            *insights_row;
  GtkWidget            *insights;
  GPtrArray            *views;      /* WaymarkView*, in the order of view_row after "Whole map" */
};

G_DEFINE_FINAL_TYPE (WaymarkExportDialog, waymark_export_dialog, ADW_TYPE_WINDOW)

static guint
index_of (const char * const *ids,
          guint               n,
          const char         *id)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i;
  return 0;
}

/* A schema installed by an older Waymark may lack the newer keys. */
static gboolean
has_key (GSettings  *settings,
         const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static void
format_changed (WaymarkExportDialog *self)
{
  guint format = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));

  gtk_widget_set_visible (self->scale_row, format == WAYMARK_EXPORT_PNG);
  gtk_widget_set_visible (self->transparent_row, format == WAYMARK_EXPORT_PNG);
  gtk_widget_set_visible (self->page_row, format == WAYMARK_EXPORT_PDF);
  gtk_widget_set_visible (self->insights_row, format == WAYMARK_EXPORT_PDF);
}

/* NULL for the whole map. */
static WaymarkView *
selected_view (WaymarkExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->view_row));

  if (self->views == NULL || selected == 0 || selected > self->views->len)
    return NULL;
  return g_ptr_array_index (self->views, selected - 1);
}

static void
remember (WaymarkExportDialog *self)
{
  if (self->settings == NULL)
    return;

  g_settings_set_string (self->settings, "export-format",
                         format_ids[adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row))]);
  g_settings_set_double (self->settings, "export-scale",
                         gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->scale)));
  g_settings_set_string (self->settings, "export-page",
                         page_ids[adw_combo_row_get_selected (ADW_COMBO_ROW (self->page_row))]);
  g_settings_set_boolean (self->settings, "export-transparent",
                          gtk_switch_get_active (GTK_SWITCH (self->transparent)));
  if (has_key (self->settings, "export-insights-page"))
    g_settings_set_boolean (self->settings, "export-insights-page",
                            gtk_switch_get_active (GTK_SWITCH (self->insights)));
  /* A map without views says nothing about which view to export next. */
  if (has_key (self->settings, "export-view") && self->views != NULL && self->views->len > 0)
    g_settings_set_string (self->settings, "export-view",
                           selected_view (self) != NULL
                           ? waymark_view_get_name (selected_view (self)) : "");
}

static void
chooser_response (GtkNativeDialog     *dialog,
                  int                  response,
                  WaymarkExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkExportOptions options;
  WaymarkExportFormat format;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  format = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));

  /* A name typed without an extension gets the format's, so that the file
   * opens in an image viewer or a PDF reader. */
  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autoptr(GFile) parent = g_file_get_parent (file);

    if (basename != NULL && parent != NULL && strchr (basename, '.') == NULL)
      {
        g_autofree char *with_ext = g_strconcat (basename, ".", format_ids[format], NULL);
        g_autoptr(GFile) fixed = g_file_get_child (parent, with_ext);

        g_set_object (&file, fixed);
      }
  }
  waymark_export_options_init (&options);
  options.scale = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->scale));
  options.transparent = gtk_switch_get_active (GTK_SWITCH (self->transparent));
  options.page = adw_combo_row_get_selected (ADW_COMBO_ROW (self->page_row));
  options.view = selected_view (self);
  options.insights_page = format == WAYMARK_EXPORT_PDF &&
                          gtk_switch_get_active (GTK_SWITCH (self->insights));

  remember (self);

  if (!waymark_export_to_file (self->document, file, format, &options, NULL, &error))
    {
      g_autofree char *path = g_file_get_parse_name (file);
      GtkWidget *message;

      message = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the Map"), NULL);
      /* Translators: a file path, then the reason */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (message),
                                      _("“%s” could not be written: %s\n\nChoose another folder, "
                                        "or free some disk space, and export again."),
                                      path, error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }

  if (self->window != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), basename);

      waymark_window_show_toast (self->window, text);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
export_clicked (WaymarkExportDialog *self)
{
  guint format = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  static const char *filter_names[] = { N_("PNG Images"), N_("PDF Documents"), N_("SVG Images") };
  static const char *mime_types[] = { "image/png", "application/pdf", "image/svg+xml" };

  if (self->chooser != NULL)
    return;

  suggested = g_strdup_printf ("%s.%s", self->name, format_ids[format]);
  g_strdelimit (suggested, "/\\", '-');

  gtk_file_filter_set_name (filter, _(filter_names[format]));
  gtk_file_filter_add_mime_type (filter, mime_types[format]);
  gtk_file_filter_add_suffix (filter, format_ids[format]);

  self->chooser = gtk_file_chooser_native_new (_("Export Journey Map"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
combo_row (const char         *title,
           const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

/* The map as it shows now (hidden lanes stay hidden), then its views; the
 * last exported view (by name) is chosen again when the map still has it. */
static void
fill_views (WaymarkExportDialog *self)
{
  GListModel *views = waymark_document_get_views (self->document);
  guint n = g_list_model_get_n_items (views);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *last = NULL;
  guint selected = 0;

  if (has_key (self->settings, "export-view"))
    last = g_settings_get_string (self->settings, "export-view");

  self->views = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_string_list_append (labels, _("The map as shown"));
  for (guint i = 0; i < n; i++)
    {
      WaymarkView *view = g_list_model_get_item (views, i);

      g_ptr_array_add (self->views, view);
      gtk_string_list_append (labels, waymark_view_get_name (view));
      if (selected == 0 && last != NULL && *last != '\0' &&
          g_strcmp0 (waymark_view_get_name (view), last) == 0)
        selected = i + 1;
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (self->view_row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->view_row), selected);
  /* A map without views has nothing to choose. */
  gtk_widget_set_visible (self->view_row, n > 0);
}

static void
waymark_export_dialog_dispose (GObject *object)
{
  WaymarkExportDialog *self = WAYMARK_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->views, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_export_dialog_parent_class)->dispose (object);
}

static void
waymark_export_dialog_class_init (WaymarkExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_export_dialog_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
waymark_export_dialog_init (WaymarkExportDialog *self)
{
  const char *formats[] = { _("PNG image"), _("PDF document"), _("SVG image"), NULL };
  const char *pages[] = { _("Fit to the map"), _("Slide (16:9)"), _("A4 landscape"),
                          _("Letter landscape"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export…"));
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Export"));
  gtk_window_set_default_size (GTK_WINDOW (self), 420, -1);
  /* Not resizable, the window follows its content: the rows of PNG and PDF
   * differ in number and height. */
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_widget_add_css_class (export, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (export_clicked), self);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Exports always use the light style, like a printed slide."));
  self->format_row = combo_row (_("Format"), formats);
  self->page_row = combo_row (_("Page Size"), pages);

  self->scale = gtk_spin_button_new_with_range (1.0, 4.0, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->scale), 1);
  gtk_widget_set_valign (self->scale, GTK_ALIGN_CENTER);
  self->scale_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scale_row), _("Scale"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scale_row), _("Image pixels per map pixel"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->scale_row), self->scale);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scale"), -1);

  self->transparent = gtk_switch_new ();
  gtk_widget_set_valign (self->transparent, GTK_ALIGN_CENTER);
  self->transparent_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->transparent_row),
                                 _("Transparent Background"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->transparent_row), self->transparent);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->transparent_row), self->transparent);

  /* Filled with the map's views in waymark_export_dialog_new(). */
  self->view_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->view_row), _("View"));

  self->insights = gtk_switch_new ();
  gtk_widget_set_valign (self->insights, GTK_ALIGN_CENTER);
  self->insights_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->insights_row),
                                 _("Add Insights Summary Page"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->insights_row),
                               _("Moments of truth, pain points and missed targets"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->insights_row), self->insights);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->insights_row), self->insights);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->format_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->view_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->scale_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->transparent_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->page_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->insights_row);
  gtk_widget_set_size_request (page, 420, -1);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  gtk_box_append (GTK_BOX (page), group);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  self->settings = _waymark_ui_settings_new ();
  if (self->settings != NULL)
    {
      g_autofree char *format = g_settings_get_string (self->settings, "export-format");
      g_autofree char *page_id = g_settings_get_string (self->settings, "export-page");

      adw_combo_row_set_selected (ADW_COMBO_ROW (self->format_row),
                                  index_of (format_ids, G_N_ELEMENTS (format_ids), format));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->page_row),
                                  index_of (page_ids, G_N_ELEMENTS (page_ids), page_id));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->scale),
                                 g_settings_get_double (self->settings, "export-scale"));
      gtk_switch_set_active (GTK_SWITCH (self->transparent),
                             g_settings_get_boolean (self->settings, "export-transparent"));
      if (has_key (self->settings, "export-insights-page"))
        gtk_switch_set_active (GTK_SWITCH (self->insights),
                               g_settings_get_boolean (self->settings, "export-insights-page"));
    }
  else
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->format_row), WAYMARK_EXPORT_PDF);
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->page_row), WAYMARK_PAGE_SLIDE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->scale), 2.0);
    }

  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (format_changed), self);
  format_changed (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), export);
}

GtkWidget *
waymark_export_dialog_new (WaymarkWindow   *window,
                           WaymarkDocument *document,
                           const char      *name)
{
  WaymarkExportDialog *self;

  g_return_val_if_fail (WAYMARK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  self = g_object_new (WAYMARK_TYPE_EXPORT_DIALOG,
                       "transient-for", window,
                       NULL);
  g_set_weak_pointer (&self->window, window);
  self->document = g_object_ref (document);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : _("Journey Map"));
  fill_views (self);

  return GTK_WIDGET (self);
}
