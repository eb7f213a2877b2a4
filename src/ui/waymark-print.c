/* waymark-print.c — printing a journey map with the PDF export's pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-format.h"
#include "waymark-layout.h"
#include "waymark-print.h"
#include "waymark-ui-private.h"

/* Print settings and paper of a window's last job, kept on the window so
 * that the next Print… starts from them. */
#define LAST_SETTINGS_KEY   "waymark-print-settings"
#define LAST_PAGE_SETUP_KEY "waymark-print-page-setup"

struct _WaymarkPrintOperation
{
  GtkPrintOperation  parent_instance;

  WaymarkDocument   *document;
  WaymarkLayout     *layout;
  WaymarkPagination *pagination;
  gboolean           split;
  gboolean           error_reported;

  GtkCheckButton    *split_button;
};

G_DEFINE_FINAL_TYPE (WaymarkPrintOperation, waymark_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SPLIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Auxiliary ---------------------------------------------------------- */

/* A job runs from idle callbacks after the dialog closes, while the window
 * stays editable: it prints a copy, made through the file format so that
 * it is exactly what saving would write. */
static WaymarkDocument *
snapshot_document (WaymarkDocument *document)
{
  g_autoptr(GBytes) bytes = waymark_format_write (document);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  WaymarkDocument *copy = waymark_format_read (data, length, NULL, NULL, &error);

  if (copy == NULL)
    {
      g_warning ("Printing the live map, its copy could not be read back: %s", error->message);
      return g_object_ref (document);
    }
  return copy;
}

static GtkPageSetup *
page_setup_new (WaymarkPageSize page)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  GtkPaperSize *paper;

  switch (page)
    {
    case WAYMARK_PAGE_SLIDE:
      /* The PDF export's 16:9 slide, 13⅓ × 7½ in; portrait, as it is
       * already wider than tall. */
      paper = gtk_paper_size_new_custom ("waymark-slide",
                                         /* Translators: a paper size in the print dialog */
                                         _("Slide 16:9"),
                                         960, 540, GTK_UNIT_POINTS);
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
      break;
    case WAYMARK_PAGE_A4:
      paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
      break;
    case WAYMARK_PAGE_LETTER:
      paper = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
      break;
    case WAYMARK_PAGE_FIT:
    default:
      /* A map has no paper of its own: the locale's, turned like the map. */
      paper = gtk_paper_size_new (NULL);
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
      break;
    }
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_paper_size_free (paper);
  return setup;
}

static WaymarkPageSize
page_size_from_settings (void)
{
  g_autoptr(GSettings) settings = _waymark_ui_settings_new ();
  g_autofree char *name = NULL;
  WaymarkPageSize page = WAYMARK_PAGE_SLIDE;

  if (settings != NULL)
    {
      name = g_settings_get_string (settings, "export-page");
      if (!waymark_page_size_from_string (name, &page))
        page = WAYMARK_PAGE_SLIDE;
    }
  return page;
}

/* ---- GtkPrintOperation -------------------------------------------------- */

static void
waymark_print_operation_begin_print (GtkPrintOperation *operation,
                                     GtkPrintContext   *context)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);

  g_clear_pointer (&self->pagination, waymark_pagination_free);
  if (self->layout == NULL)
    self->layout = waymark_layout_new (self->document, NULL);

  /* The unit is points and the whole sheet is ours, as on a PDF page; the
   * pages are counted again for each paper the dialog or preview asks for. */
  self->pagination = waymark_pagination_new (self->layout,
                                             gtk_print_context_get_width (context),
                                             gtk_print_context_get_height (context),
                                             self->split);
  gtk_print_operation_set_n_pages (operation, waymark_pagination_get_n_pages (self->pagination));
}

static void
waymark_print_operation_draw_page (GtkPrintOperation *operation,
                                   GtkPrintContext   *context,
                                   int                page_nr)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);

  g_return_if_fail (self->pagination != NULL);
  g_return_if_fail (page_nr >= 0);

  if ((guint) page_nr < waymark_pagination_get_n_pages (self->pagination))
    waymark_pagination_draw_page (self->pagination,
                                  gtk_print_context_get_cairo_context (context),
                                  page_nr);
}

static void
waymark_print_operation_end_print (GtkPrintOperation *operation,
                                   GtkPrintContext   *context)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);

  g_clear_pointer (&self->pagination, waymark_pagination_free);
}

static GtkWidget *
waymark_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Large Maps"));
  GtkWidget *explanation;
  GtkWidget *split = gtk_check_button_new_with_mnemonic (_("_Split into readable pages"));
  GtkWidget *fit = gtk_check_button_new_with_mnemonic (_("_Fit on one page"));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  explanation = gtk_label_new (_("A map too large to print with legible text can be split into "
                                 "pages of a few stages and lanes each, as in a PDF export."));
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explanation), 50);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_box_append (GTK_BOX (box), explanation);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (fit), GTK_CHECK_BUTTON (split));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->split ? split : fit), TRUE);
  gtk_box_append (GTK_BOX (box), split);
  gtk_box_append (GTK_BOX (box), fit);

  g_set_weak_pointer (&self->split_button, GTK_CHECK_BUTTON (split));
  return box;
}

static void
waymark_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                             GtkWidget         *widget)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);

  if (self->split_button != NULL)
    waymark_print_operation_set_split (self, gtk_check_button_get_active (self->split_button));
}

/* ---- GObject ------------------------------------------------------------ */

static void
waymark_print_operation_dispose (GObject *object)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (object);

  g_clear_weak_pointer (&self->split_button);
  g_clear_pointer (&self->pagination, waymark_pagination_free);
  g_clear_object (&self->layout);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (waymark_print_operation_parent_class)->dispose (object);
}

static void
waymark_print_operation_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SPLIT:
      g_value_set_boolean (value, self->split);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_print_operation_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_assert (self->document == NULL);
      self->document = snapshot_document (g_value_get_object (value));
      break;
    case PROP_SPLIT:
      waymark_print_operation_set_split (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_print_operation_class_init (WaymarkPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = waymark_print_operation_dispose;
  object_class->get_property = waymark_print_operation_get_property;
  object_class->set_property = waymark_print_operation_set_property;

  operation_class->begin_print = waymark_print_operation_begin_print;
  operation_class->draw_page = waymark_print_operation_draw_page;
  operation_class->end_print = waymark_print_operation_end_print;
  operation_class->create_custom_widget = waymark_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = waymark_print_operation_custom_widget_apply;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPLIT] =
    g_param_spec_boolean ("split", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_print_operation_init (WaymarkPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  self->split = TRUE;
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* Translators: the tab of the print dialog with Waymark's own options */
  gtk_print_operation_set_custom_tab_label (operation, _("Map"));
}

/* ---- Public API --------------------------------------------------------- */

WaymarkPrintOperation *
waymark_print_operation_new (WaymarkDocument *document,
                             WaymarkPageSize  page)
{
  WaymarkPrintOperation *self;
  g_autoptr(GtkPageSetup) setup = NULL;
  const char *title;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  self = g_object_new (WAYMARK_TYPE_PRINT_OPERATION,
                       "document", document,
                       "split", page != WAYMARK_PAGE_FIT,
                       NULL);

  setup = page_setup_new (page);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);

  title = waymark_document_get_title (self->document);
  if (title != NULL && *title != '\0')
    gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
  return self;
}

gboolean
waymark_print_operation_get_split (WaymarkPrintOperation *self)
{
  g_return_val_if_fail (WAYMARK_IS_PRINT_OPERATION (self), FALSE);

  return self->split;
}

void
waymark_print_operation_set_split (WaymarkPrintOperation *self,
                                   gboolean               split)
{
  g_return_if_fail (WAYMARK_IS_PRINT_OPERATION (self));

  split = !!split;
  if (self->split == split)
    return;
  self->split = split;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
}

static void
report_error (WaymarkPrintOperation *self,
              WaymarkWindow         *window,
              const GError          *error)
{
  g_autofree char *message = NULL;

  if (self->error_reported)
    return;
  self->error_reported = TRUE;
  message = g_strdup_printf (_("Could not print the map: %s"),
                             error != NULL ? error->message : _("unknown error"));
  waymark_window_show_toast (window, message);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               WaymarkWindow           *window)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      report_error (self, window, error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      GtkPageSetup *setup = gtk_print_operation_get_default_page_setup (operation);

      if (settings != NULL)
        g_object_set_data_full (G_OBJECT (window), LAST_SETTINGS_KEY,
                                g_object_ref (settings), g_object_unref);
      if (setup != NULL)
        g_object_set_data_full (G_OBJECT (window), LAST_PAGE_SETUP_KEY,
                                g_object_ref (setup), g_object_unref);
    }
}

void
waymark_print_show_dialog (WaymarkWindow *window)
{
  g_autoptr(WaymarkPrintOperation) self = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkDocument *document;
  GtkPrintSettings *settings;
  GtkPageSetup *setup;
  GtkPrintOperationResult result;

  g_return_if_fail (WAYMARK_IS_WINDOW (window));

  document = waymark_window_get_document (window);
  g_return_if_fail (document != NULL);

  self = waymark_print_operation_new (document, page_size_from_settings ());

  settings = g_object_get_data (G_OBJECT (window), LAST_SETTINGS_KEY);
  setup = g_object_get_data (G_OBJECT (window), LAST_PAGE_SETUP_KEY);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), settings);
  if (setup != NULL)
    gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);

  g_signal_connect_object (self, "done", G_CALLBACK (print_done_cb), window, 0);

  /* An asynchronous job keeps its own reference until "done". */
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (window), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    report_error (self, window, error);
}
