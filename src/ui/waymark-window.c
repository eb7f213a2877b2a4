/* waymark-window.c — an editor window: one journey map
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "waymark-canvas.h"
#include "waymark-csv-dialog.h"
#include "waymark-document-loader.h"
#include "waymark-export-dialog.h"
#include "waymark-format.h"
#include "waymark-format-translate.h"
#include "waymark-insights-panel.h"
#include "waymark-inspector.h"
#include "waymark-map-settings.h"
#include "waymark-new-dialog.h"
#include "waymark-outline.h"
#include "waymark-personas-dialog.h"
#include "waymark-print.h"
#include "waymark-recovery.h"
#include "waymark-ui-private.h"
#include "waymark-window.h"
#include "waymark-ui-resources.h"

#define MAX_RECENT 8

struct _WaymarkWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkListBox           *recent_list;
  GtkWidget            *recent_heading;
  GtkPaned             *paned;
  WaymarkCanvas        *canvas;
  GtkWidget            *sidebar;
  GtkStack             *sidebar_stack;
  WaymarkInspector     *inspector;
  WaymarkOutline       *outline;
  WaymarkInsightsPanel *insights_panel;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GMenu                *history_section;
  GMenu                *views_section;
  GMenu                *manage_views_section;
  GMenu                *lanes_section;
  GMenu                *curves_section;
  /* The check items of the views menu: one boolean action per lane and
   * curve ("view.lane-3"), rebuilt with the menu. */
  GSimpleActionGroup   *view_actions;
  guint                 views_menu_id;
  char                 *views_menu_signature;
  gboolean              views_menu_stale;
  GtkMenuButton        *views_button;
  GMenu                *views_menu;
  GtkRevealer          *file_banner;
  GtkLabel             *file_banner_label;
  GtkWidget            *file_reload_button;
  GtkButton            *file_keep_button;

  WaymarkDocument      *document;
  GFile                *file;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  /* Recovery copy of unsaved changes; only in windows of the application. */
  WaymarkAutosave      *autosave;
  WaymarkRecoveryEntry *restored_entry;   /* during waymark_window_restore_draft() */
  gboolean              autosave_failed_shown;

  /* The open file as we last read or wrote it ("etag/size", "-" when it
   * does not exist), to tell other programs' changes from ours. */
  GFileMonitor         *monitor;
  char                 *known_state;
  char                 *dismissed_state;  /* what "Keep Mine" was answered for */
  guint                 check_file_id;
  gboolean              file_changed;
  gboolean              overwrite_confirmed;

  gulong                recent_changed_id;
  gboolean              close_after_save;
  gboolean              force_close;
};

G_DEFINE_FINAL_TYPE (WaymarkWindow, waymark_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_as (WaymarkWindow *self);
static gboolean save_to_file (WaymarkWindow *self,
                              GFile         *file);
static void queue_views_menu_update (WaymarkWindow *self);

/* ---- Shared helpers of src/ui ------------------------------------------- */

void
_waymark_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      waymark_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

gboolean
_waymark_ui_debug (const char *key)
{
  const char *value = g_getenv ("WAYMARK_DEBUG");
  g_auto(GStrv) keys = NULL;

  if (value == NULL || *value == '\0')
    return FALSE;

  keys = g_strsplit_set (value, ",: ", -1);
  return g_strv_contains ((const char * const *) keys, key) ||
         g_strv_contains ((const char * const *) keys, "all");
}

GSettings *
_waymark_ui_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* An uninstalled build run without GSETTINGS_SCHEMA_DIR has no schema:
   * remembering choices is then skipped rather than aborting. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

char *
_waymark_text_view_get (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_waymark_text_view_set (GtkWidget  *view,
                        const char *text)
{
  g_autofree char *current = _waymark_text_view_get (view);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (current, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* ---- Auxiliary ---------------------------------------------------------- */

static char *
get_display_name (WaymarkWindow *self)
{
  const char *title = NULL;

  if (self->document != NULL)
    title = waymark_document_get_title (self->document);
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled Map"));
}

static void
update_title (WaymarkWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->document == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Waymark"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Waymark"));
      return;
    }

  name = get_display_name (self);
  if (waymark_document_get_modified_since_save (self->document))
    title = g_strdup_printf ("• %s", name);
  else
    title = g_strdup (name);

  if (self->file != NULL)
    subtitle = g_file_get_parse_name (self->file);
  else
    subtitle = g_strdup (_("Not saved yet"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The one place that decides which window actions are enabled. */
static void
actions_update (WaymarkWindow *self)
{
  gboolean has_document = self->document != NULL;
  gboolean can_undo = has_document && waymark_document_can_undo (self->document);
  gboolean can_redo = has_document && waymark_document_can_redo (self->document);
  gboolean has_views = has_document &&
                       g_list_model_get_n_items (waymark_document_get_views (self->document)) > 0;
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-sidebar", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload-file",
                                 has_document && self->file != NULL && self->file_changed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.keep-mine",
                                 gtk_revealer_get_reveal_child (self->file_banner));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.apply-view", has_views);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-view", has_views);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-all-lanes", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-view", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.draw-curve", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-load-warnings",
                                 has_document &&
                                 waymark_format_get_warnings (self->document) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.personas", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.map-settings", has_document);

  /* Translators: %s is what the step did, e.g. "Move Touchpoint" */
  if (can_undo && waymark_document_get_undo_label (self->document) != NULL)
    undo_label = g_strdup_printf (_("_Undo %s"), waymark_document_get_undo_label (self->document));
  else
    undo_label = g_strdup (_("_Undo"));
  /* Translators: %s is what the step did, e.g. "Move Touchpoint" */
  if (can_redo && waymark_document_get_redo_label (self->document) != NULL)
    redo_label = g_strdup_printf (_("_Redo %s"), waymark_document_get_redo_label (self->document));
  else
    redo_label = g_strdup (_("_Redo"));

  g_menu_remove_all (self->history_section);
  g_menu_append (self->history_section, undo_label, "win.undo");
  g_menu_append (self->history_section, redo_label, "win.redo");

  {
    g_autofree char *undo_tip = g_strdup (undo_label);
    g_autofree char *redo_tip = g_strdup (redo_label);
    g_autofree char *undo_plain = NULL;
    g_autofree char *redo_plain = NULL;

    /* Tooltips show the same words without the mnemonic underscore. */
    g_strdelimit (undo_tip, "_", ' ');
    g_strdelimit (redo_tip, "_", ' ');
    undo_plain = g_strdup (g_strstrip (undo_tip));
    redo_plain = g_strdup (g_strstrip (redo_tip));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_plain);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_plain);
  }
}

static void
show_error_dialog (WaymarkWindow *self,
                   const char    *heading,
                   const char    *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileFilter *
cjmx_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Journey Maps"));
  gtk_file_filter_add_mime_type (filter, WAYMARK_FORMAT_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "cjmx");
  return filter;
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) WAYMARK_FORMAT_MIME_TYPE,
    .app_name = (char *) "waymark",
    .app_exec = (char *) "waymark %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* A map already open in a window is shown there; otherwise this window
 * takes it while it shows the start view, or a new window does. */
static void
open_here_or_elsewhere (WaymarkWindow *self,
                        GFile         *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL)
    for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
      {
        GFile *other = WAYMARK_IS_WINDOW (l->data) ? waymark_window_get_file (l->data) : NULL;

        if (other != NULL && g_file_equal (other, file))
          {
            gtk_window_present (l->data);
            return;
          }
      }

  if (self->document == NULL && self->file == NULL)
    waymark_window_open_file (self, file);
  else if (app != NULL)
    waymark_application_open_file (WAYMARK_APPLICATION (app), file);
}

/* ---- Recent files ------------------------------------------------------- */

static void
recent_row_activated (AdwActionRow  *row,
                      WaymarkWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  open_here_or_elsewhere (self, file);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;
  GDateTime *ma = gtk_recent_info_get_modified (ia);
  GDateTime *mb = gtk_recent_info_get_modified (ib);

  return g_date_time_compare (mb, ma);
}

static void
populate_recent (WaymarkWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  items = gtk_recent_manager_get_items (manager);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      const char *mime = gtk_recent_info_get_mime_type (info);

      if (g_strcmp0 (mime, WAYMARK_FORMAT_MIME_TYPE) == 0 || g_str_has_suffix (uri, ".cjmx"))
        g_ptr_array_add (infos, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (infos, compare_recent);

  for (guint i = 0; i < infos->len && shown < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (infos, i);
      g_autofree char *location = gtk_recent_info_get_uri_display (info);
      g_autofree char *escaped_name = NULL;
      g_autofree char *escaped_location = NULL;
      GtkWidget *row;

      if (!gtk_recent_info_exists (info))
        continue;

      escaped_name = g_markup_escape_text (gtk_recent_info_get_display_name (info), -1);
      escaped_location = g_markup_escape_text (location != NULL ? location : "", -1);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_location);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (gtk_recent_info_get_uri (info)),
                              g_free);
      g_signal_connect (row, "activated", G_CALLBACK (recent_row_activated), self);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
  gtk_widget_set_visible (self->recent_heading, shown > 0);
}

/* ---- The file on disk --------------------------------------------------- */

static char *
make_state (const char *etag,
            goffset     size)
{
  return g_strdup_printf ("%s/%" G_GOFFSET_FORMAT, etag != NULL ? etag : "", size);
}

/* "etag/size", "-" if the file does not exist, NULL if that cannot be told
 * or it is no map at all (a folder took its place: saving then says so). */
static char *
query_file_state (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_STANDARD_SIZE
                            "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    return NULL;
  if (info != NULL)
    return make_state (g_file_info_get_etag (info), g_file_info_get_size (info));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup ("-");
  return NULL;
}

static void
set_known_state (WaymarkWindow *self,
                 char          *state)
{
  g_free (self->known_state);
  self->known_state = state;
  g_clear_pointer (&self->dismissed_state, g_free);

  if (self->autosave != NULL)
    waymark_autosave_set_file (self->autosave, self->file, state);
}

static void
hide_file_banner (WaymarkWindow *self)
{
  self->file_changed = FALSE;
  gtk_revealer_set_reveal_child (self->file_banner, FALSE);
  actions_update (self);
}

static void
show_file_banner (WaymarkWindow *self,
                  gboolean       deleted)
{
  self->file_changed = !deleted;
  if (deleted)
    {
      gtk_label_set_text (self->file_banner_label,
                          _("The file was deleted; saving will create it again"));
      gtk_button_set_label (self->file_keep_button, _("_Dismiss"));
    }
  else
    {
      gtk_label_set_text (self->file_banner_label, _("The file was changed by another program"));
      gtk_button_set_label (self->file_keep_button, _("_Keep Mine"));
    }
  gtk_widget_set_visible (self->file_reload_button, !deleted);
  gtk_revealer_set_reveal_child (self->file_banner, TRUE);
  actions_update (self);
}

static void
check_file (WaymarkWindow *self)
{
  g_autofree char *state = NULL;

  if (self->file == NULL || self->document == NULL)
    return;

  state = query_file_state (self->file);
  if (state == NULL)
    return;

  /* Our own saves update known_state before their events arrive. */
  if (g_strcmp0 (state, self->known_state) == 0)
    hide_file_banner (self);
  else if (g_strcmp0 (state, self->dismissed_state) != 0)
    show_file_banner (self, g_str_equal (state, "-"));
}

static gboolean
check_file_cb (gpointer user_data)
{
  WaymarkWindow *self = user_data;

  self->check_file_id = 0;
  check_file (self);
  return G_SOURCE_REMOVE;
}

static void
monitor_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 WaymarkWindow     *self)
{
  /* One look once a burst of events settles; CHANGED comes per write. */
  if (event == G_FILE_MONITOR_EVENT_CHANGED || self->check_file_id != 0)
    return;
  self->check_file_id = g_timeout_add (100, check_file_cb, self);
}

static void
watch_file (WaymarkWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->check_file_id, g_source_remove);

  if (self->file == NULL)
    return;

  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching the file for changes: %s", error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed), self);
}

static void
overwrite_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WaymarkWindow    *self)
{
  if (g_str_equal (response, "replace") && self->file != NULL && self->document != NULL)
    {
      g_autoptr(GFile) file = g_object_ref (self->file);

      self->overwrite_confirmed = TRUE;
      save_to_file (self, file);
      self->overwrite_confirmed = FALSE;
    }
  else
    self->close_after_save = FALSE;
}

static void
ask_overwrite (WaymarkWindow *self,
               GFile         *file)
{
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Changed File?"), NULL);
  /* Translators: %s is a file name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Another program changed “%s” since you opened or last saved "
                                    "it. Saving replaces its changes with this map; use Save As "
                                    "to keep both."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (overwrite_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Autosave ----------------------------------------------------------- */

static void
autosave_failed (WaymarkWindow *self,
                 const GError  *error)
{
  g_autofree char *message = NULL;

  if (self->autosave_failed_shown)
    return;
  self->autosave_failed_shown = TRUE;
  /* Translators: %s is the reason */
  message = g_strdup_printf (_("Unsaved changes cannot be kept for recovery: %s"),
                             error->message);
  waymark_window_show_toast (self, message);
}

static void
start_autosave (WaymarkWindow *self)
{
  guint interval_ms = WAYMARK_AUTOSAVE_DEBOUNCE_MS;

  self->autosave = waymark_autosave_new (waymark_recovery_store_get_default (), self->document);

  /* The setting can make autosave sooner or turn it off, never later than
   * the few seconds of work we promise to keep. */
  if (self->settings != NULL)
    interval_ms = g_settings_get_uint (self->settings, "autosave-interval") * 1000;
  waymark_autosave_set_delays (self->autosave,
                               MIN (interval_ms, WAYMARK_AUTOSAVE_DEBOUNCE_MS),
                               MIN (interval_ms, WAYMARK_AUTOSAVE_MAX_DELAY_MS));

  if (self->restored_entry != NULL)
    waymark_autosave_adopt (self->autosave, self->restored_entry);
  g_signal_connect_object (self->autosave, "failed", G_CALLBACK (autosave_failed), self,
                           G_CONNECT_SWAPPED);
}

/* ---- Saving ------------------------------------------------------------- */

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* The Save Changes? dialog is transient for this window and still emitting
 * its response: destroying the window under it leaves it a dangling parent. */
static void
close_when_idle (WaymarkWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}


static gboolean
save_to_file (WaymarkWindow *self,
              GFile         *file)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_assert (WAYMARK_IS_WINDOW (self));
  g_assert (self->document != NULL);

  /* Never overwrite another program's change without asking. */
  if (!self->overwrite_confirmed && self->file != NULL && g_file_equal (self->file, file))
    {
      g_autofree char *state = query_file_state (file);

      if (state != NULL && !g_str_equal (state, "-") && g_strcmp0 (state, self->known_state) != 0)
        {
          ask_overwrite (self, file);
          return FALSE;
        }
    }

  waymark_document_set_modified (self->document, now);
  if (!waymark_format_save_file (self->document, file, NULL, &error))
    {
      g_autofree char *body = waymark_recovery_describe_save_error (file, error);

      show_error_dialog (self, _("Could Not Save the Map"), body);
      self->close_after_save = FALSE;
      return FALSE;
    }

  waymark_document_mark_saved (self->document);
  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      watch_file (self);
    }
  set_known_state (self, query_file_state (file));
  hide_file_banner (self);
  add_to_recent (file);
  update_title (self);

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Saved “%s”"), name);
  waymark_window_show_toast (self, message);

  if (self->close_after_save)
    {
      self->force_close = TRUE;
      close_when_idle (self);
    }

  return TRUE;
}

static void
save_as_response (GtkNativeDialog *dialog,
                  int              response,
                  WaymarkWindow   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);

  if (file == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  /* A name typed without the extension still gets it, so the file manager
   * recognises the map. */
  if (!g_str_has_suffix (g_file_peek_path (file) ? g_file_peek_path (file) : "", ".cjmx"))
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *with_ext = g_strconcat (basename, ".cjmx", NULL);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL && strchr (basename, '.') == NULL)
        {
          g_autoptr(GFile) fixed = g_file_get_child (parent, with_ext);
          g_set_object (&file, fixed);
        }
    }

  save_to_file (self, file);
}

static void
save_as (WaymarkWindow *self)
{
  g_autoptr(GtkFileFilter) filter = cjmx_filter ();
  g_autofree char *name = NULL;
  g_autofree char *suggested = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Journey Map"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), self->file, NULL);
  else
    {
      name = get_display_name (self);
      suggested = g_strconcat (name, ".cjmx", NULL);
      g_strdelimit (suggested, "/\\", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save (WaymarkWindow *self)
{
  if (self->document == NULL)
    return;
  if (self->file == NULL)
    save_as (self);
  else
    save_to_file (self, self->file);
}

/* ---- Document ----------------------------------------------------------- */

static void
document_notify (WaymarkWindow *self)
{
  update_title (self);
  actions_update (self);
}

static void
document_changed (WaymarkWindow     *self,
                  WaymarkChangeKind  kind,
                  WaymarkElement    *element,
                  const char        *detail)
{
  /* The map title is the window title. */
  if (element == NULL && kind == WAYMARK_CHANGE_PROPERTY)
    update_title (self);

  /* What the views menu lists: views, lanes, curves (and the personas that
   * name them), and the map's colour-by-owner. Not a curve's values. */
  if (kind != WAYMARK_CHANGE_CURVE &&
      (element == NULL || WAYMARK_IS_VIEW (element) || WAYMARK_IS_LANE (element) ||
       WAYMARK_IS_CURVE (element) || WAYMARK_IS_PERSONA (element)))
    queue_views_menu_update (self);
}

static void
canvas_selection_changed (WaymarkWindow *self)
{
  g_autoptr(GPtrArray) selection = waymark_canvas_get_selection (self->canvas);
  WaymarkElement *focus = waymark_canvas_get_focus (self->canvas);
  WaymarkElement *element = NULL;
  WaymarkCurve *curve = NULL;
  WaymarkStage *stage = NULL;

  if (waymark_canvas_get_selected_point (self->canvas, &curve, &stage))
    {
      waymark_inspector_set_point (self->inspector, curve, stage);
      waymark_outline_select (self->outline, NULL);
      return;
    }

  if (focus != NULL)
    element = focus;
  else if (selection->len > 0)
    element = g_ptr_array_index (selection, 0);

  waymark_inspector_set_element (self->inspector, element);
  waymark_outline_select (self->outline, element);
}

static void
outline_element_selected (WaymarkWindow  *self,
                          WaymarkElement *element)
{
  if (element == waymark_canvas_get_focus (self->canvas))
    return;
  waymark_canvas_select (self->canvas, element, FALSE);
  if (element != NULL)
    waymark_canvas_scroll_to (self->canvas, element);
}

/* ---- Views menu --------------------------------------------------------- */

static char *
curve_menu_label (WaymarkCurve *curve)
{
  WaymarkPersona *persona = waymark_curve_get_persona (curve);
  const char *name = waymark_curve_get_name (curve);

  if (*name != '\0')
    return g_strdup (name);
  if (persona != NULL && *waymark_persona_get_name (persona) != '\0')
    {
      if (waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE)
        /* Translators: a persona's name, for the persona's future-state curve */
        return g_strdup_printf (_("%s (future)"), waymark_persona_get_name (persona));
      return g_strdup (waymark_persona_get_name (persona));
    }
  return g_strdup (waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE
                   ? _("Future-state curve") : _("Emotion curve"));
}

/* A menu item's label is parsed for mnemonics: a name's underscores stay. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
view_check_change_state (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  WaymarkWindow *self = user_data;
  WaymarkElement *element = g_object_get_data (G_OBJECT (action), "element");
  gboolean active = g_variant_get_boolean (value);

  if (self->document == NULL)
    return;

  g_simple_action_set_state (action, value);
  if (element == NULL)
    waymark_document_set_boolean (self->document, NULL, "color-by-owner", active);
  else if (WAYMARK_IS_LANE (element))
    waymark_document_set_boolean (self->document, element, "hidden", !active);
  else
    waymark_document_set_boolean (self->document, element, "visible", active);
}

static void
add_check_action (WaymarkWindow  *self,
                  const char     *name,
                  gpointer        element,
                  gboolean        active)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new_stateful (name, NULL,
                                                                  g_variant_new_boolean (active));

  if (element != NULL)
    g_object_set_data_full (G_OBJECT (action), "element", g_object_ref (element), g_object_unref);
  g_signal_connect (action, "change-state", G_CALLBACK (view_check_change_state), self);
  g_action_map_add_action (G_ACTION_MAP (self->view_actions), G_ACTION (action));
}

/* What the menu's items say and point at, as one string: when it stays the
 * same, a change only needs the check marks updated. */
static char *
views_menu_signature (WaymarkWindow *self)
{
  GString *signature = g_string_new (NULL);
  GListModel *models[3];

  if (self->document == NULL)
    return g_string_free (signature, FALSE);

  /* The check items' actions hold the elements of this very document. */
  g_string_append_printf (signature, "%p\x1d", (gpointer) self->document);
  models[0] = waymark_document_get_views (self->document);
  models[1] = waymark_document_get_lanes (self->document);
  models[2] = waymark_document_get_curves (self->document);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (models[m], i);
          g_autofree char *label = NULL;

          if (WAYMARK_IS_VIEW (item))
            label = g_strdup (waymark_view_get_name (WAYMARK_VIEW (item)));
          else if (WAYMARK_IS_LANE (item))
            label = g_strdup (waymark_lane_get_name (WAYMARK_LANE (item)));
          else
            label = curve_menu_label (WAYMARK_CURVE (item));
          g_string_append_printf (signature, "%s\x1f%s\x1e",
                                  waymark_element_get_id (WAYMARK_ELEMENT (item)), label);
        }
      g_string_append_c (signature, '\x1d');
    }
  return g_string_free (signature, FALSE);
}

static void
set_check_state (WaymarkWindow *self,
                 const char    *name,
                 gboolean       active)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->view_actions), name);

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (active));
}

static void
sync_view_checks (WaymarkWindow *self)
{
  GListModel *lanes = waymark_document_get_lanes (self->document);
  GListModel *curves = waymark_document_get_curves (self->document);

  set_check_state (self, "color-by-owner", waymark_document_get_color_by_owner (self->document));
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i);
      g_autofree char *name = g_strdup_printf ("lane-%u", i);

      set_check_state (self, name, !waymark_lane_get_hidden (lane));
    }
  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
      g_autofree char *name = g_strdup_printf ("curve-%u", i);

      set_check_state (self, name, waymark_curve_get_visible (curve));
    }
}

static void
rebuild_views_menu (WaymarkWindow *self)
{
  g_auto(GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->view_actions));
  g_autoptr(GMenu) delete_section = g_menu_new ();
  g_autoptr(GMenu) draw_section = g_menu_new ();
  GListModel *views;
  GListModel *lanes;
  GListModel *curves;
  guint n;

  for (guint i = 0; names[i] != NULL; i++)
    g_action_map_remove_action (G_ACTION_MAP (self->view_actions), names[i]);
  g_menu_remove_all (self->views_section);
  g_menu_remove_all (self->lanes_section);
  g_menu_remove_all (self->curves_section);
  /* The first two items (Show All, Save) are the .ui file's. */
  while (g_menu_model_get_n_items (G_MENU_MODEL (self->manage_views_section)) > 2)
    g_menu_remove (self->manage_views_section, 2);

  if (self->document == NULL)
    return;

  add_check_action (self, "color-by-owner", NULL,
                    waymark_document_get_color_by_owner (self->document));

  views = waymark_document_get_views (self->document);
  n = g_list_model_get_n_items (views);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkView) view = g_list_model_get_item (views, i);
      g_autofree char *label = escape_mnemonic (waymark_view_get_name (view));
      const char *id = waymark_element_get_id (WAYMARK_ELEMENT (view));
      g_autoptr(GMenuItem) apply = g_menu_item_new (label, NULL);
      g_autoptr(GMenuItem) remove = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (apply, "win.apply-view", g_variant_new_string (id));
      g_menu_append_item (self->views_section, apply);
      g_menu_item_set_action_and_target_value (remove, "win.delete-view",
                                               g_variant_new_string (id));
      g_menu_append_item (delete_section, remove);
    }
  if (n > 0)
    g_menu_append_submenu (self->manage_views_section, _("_Delete View"),
                           G_MENU_MODEL (delete_section));

  /* The saved views get a heading only when there are some. */
  g_menu_remove (self->views_menu, 0);
  g_menu_insert_section (self->views_menu, 0, n > 0 ? _("Saved Views") : NULL,
                         G_MENU_MODEL (self->views_section));

  lanes = waymark_document_get_lanes (self->document);
  n = g_list_model_get_n_items (lanes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i);
      g_autofree char *action = g_strdup_printf ("lane-%u", i);
      g_autofree char *detailed = g_strconcat ("view.", action, NULL);
      g_autofree char *label = NULL;
      const char *name = waymark_lane_get_name (lane);

      add_check_action (self, action, lane, !waymark_lane_get_hidden (lane));
      label = escape_mnemonic (*name != '\0' ? name : _("Untitled Lane"));
      g_menu_append (self->lanes_section, label, detailed);
    }

  curves = waymark_document_get_curves (self->document);
  n = g_list_model_get_n_items (curves);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
      g_autofree char *action = g_strdup_printf ("curve-%u", i);
      g_autofree char *detailed = g_strconcat ("view.", action, NULL);
      g_autofree char *name = curve_menu_label (curve);
      g_autofree char *label = escape_mnemonic (name);
      g_autoptr(GMenuItem) draw = g_menu_item_new (label, NULL);
      const char *id = waymark_element_get_id (WAYMARK_ELEMENT (curve));

      add_check_action (self, action, curve, waymark_curve_get_visible (curve));
      g_menu_append (self->curves_section, label, detailed);
      g_menu_item_set_action_and_target_value (draw, "win.draw-curve", g_variant_new_string (id));
      g_menu_append_item (draw_section, draw);
    }
  if (n > 0)
    g_menu_append_submenu (self->curves_section, _("Draw _Freehand"), G_MENU_MODEL (draw_section));
}

/* The menu lists the saved views and a check item per lane and curve; it
 * follows every change of them, undo included. Its items are rebuilt only
 * when they change, and never under the open menu: a popover menu rebuilt
 * while it shows (or is being dismissed) loses its allocation. */
static void
update_views_menu (WaymarkWindow *self)
{
  g_autofree char *signature = views_menu_signature (self);
  GtkPopover *popover = gtk_menu_button_get_popover (self->views_button);

  g_clear_handle_id (&self->views_menu_id, g_source_remove);

  if (self->document != NULL && g_strcmp0 (signature, self->views_menu_signature) == 0)
    {
      sync_view_checks (self);
      return;
    }
  if (popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover)) &&
      self->views_menu_signature != NULL)
    {
      if (self->document != NULL)
        sync_view_checks (self);
      self->views_menu_stale = TRUE;
      return;
    }

  self->views_menu_stale = FALSE;
  g_free (self->views_menu_signature);
  self->views_menu_signature = g_steal_pointer (&signature);
  rebuild_views_menu (self);
}

static void
views_popover_closed (WaymarkWindow *self)
{
  if (self->views_menu_stale)
    queue_views_menu_update (self);
}

static gboolean
update_views_menu_cb (gpointer user_data)
{
  WaymarkWindow *self = user_data;

  self->views_menu_id = 0;
  update_views_menu (self);
  actions_update (self);
  return G_SOURCE_REMOVE;
}

static void
queue_views_menu_update (WaymarkWindow *self)
{
  if (self->views_menu_id == 0)
    self->views_menu_id = g_idle_add (update_views_menu_cb, self);
}

static WaymarkView *
find_view_named (WaymarkWindow *self,
                 const char    *name)
{
  GListModel *views = waymark_document_get_views (self->document);
  guint n = g_list_model_get_n_items (views);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkView) view = g_list_model_get_item (views, i);

      if (g_strcmp0 (waymark_view_get_name (view), name) == 0)
        return view;   /* the document keeps it */
    }
  return NULL;
}

static void
save_view_entry_changed (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
save_view_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WaymarkWindow    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(WaymarkView) view = NULL;
  g_autofree char *message = NULL;
  WaymarkView *existing;

  if (!g_str_equal (response, "save") || *name == '\0' || self->document == NULL)
    return;

  /* Saving under a taken name replaces that view, in one step. */
  existing = find_view_named (self, name);
  view = waymark_document_capture_view (self->document, name);
  waymark_document_begin_group (self->document, _("Save View"));
  if (existing != NULL)
    waymark_document_remove_view (self->document, existing);
  waymark_document_add_view (self->document, view);
  waymark_document_end_group (self->document);

  /* Translators: %s is the name of a view, e.g. “Exec summary” */
  message = g_strdup_printf (_("Saved view “%s”"), name);
  waymark_window_show_toast (self, message);
}

static void
show_save_view_dialog (WaymarkWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Current View"),
                                   _("A view remembers which lanes and curves are shown and "
                                     "whether cards are coloured by owner. Apply it from this "
                                     "menu, or export it."));
  /* Translators: an example name of a view of the map */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Exec summary"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("View name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (save_view_entry_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (save_view_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static WaymarkView *
lookup_view (WaymarkWindow *self,
             GVariant      *parameter)
{
  WaymarkElement *element;

  if (self->document == NULL || parameter == NULL)
    return NULL;
  element = waymark_document_lookup (self->document, g_variant_get_string (parameter, NULL));
  return WAYMARK_IS_VIEW (element) ? WAYMARK_VIEW (element) : NULL;
}

static void
insight_activated (WaymarkWindow  *self,
                   WaymarkElement *element,
                   WaymarkStage   *stage)
{
  /* A curve's moment of truth is its point at that stage; selecting it
   * scrolls to it. */
  if (WAYMARK_IS_CURVE (element) && stage != NULL)
    waymark_canvas_select_point (self->canvas, WAYMARK_CURVE (element), stage);
  else
    {
      waymark_canvas_select (self->canvas, element, FALSE);
      waymark_canvas_scroll_to (self->canvas, element);
    }
}

/* ---- Opening ------------------------------------------------------------ */

static void
show_load_warnings (WaymarkWindow *self)
{
  const char * const *warnings;
  g_autofree char *name = NULL;
  g_autofree char *list = NULL;
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *label;

  if (self->document == NULL ||
      (warnings = waymark_format_get_warnings (self->document)) == NULL)
    return;

  name = get_display_name (self);
  list = g_strjoinv ("\n\n", (char **) warnings);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Values Were Adjusted"), NULL);
  /* Translators: %s is the map's name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Some values in “%s” were outside the map’s emotion scale "
                                    "and were brought within it. Saving keeps the adjusted "
                                    "values."), name);

  label = gtk_label_new (list);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);

  /* A long list scrolls inside the dialog rather than growing it off screen. */
  if (g_strv_length ((char **) warnings) > 6)
    {
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  else
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the reader changed in a file it opened is said once, quietly: a
 * toast, with the details a click away. */
static void
report_repairs (WaymarkWindow *self,
                GFile         *file)
{
  const char * const *warnings = waymark_format_get_warnings (self->document);
  g_autofree char *name = g_file_get_basename (file);

  if (warnings != NULL && warnings[0] != NULL)
    {
      guint n = g_strv_length ((char **) warnings);
      g_autofree char *message = NULL;
      AdwToast *toast;

      /* Translators: %u is a count; the values were clamped to the map's emotion scale */
      message = g_strdup_printf (ngettext ("%u value was adjusted to fit the emotion scale",
                                           "%u values were adjusted to fit the emotion scale", n),
                                 n);
      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 10);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-load-warnings");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  if (waymark_format_get_read_version (self->document) == 1)
    {
      g_autofree char *message = NULL;
      AdwToast *toast;

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("“%s” is in an older file format; saving updates it"), name);
      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
load_contents_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WaymarkWindow) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  gsize length = 0;
  int line = 0;
  int column = 0;

  if (!g_file_load_contents_finish (file, result, &contents, &length, &etag, &error))
    {
      g_autofree char *body = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is a file path, the second %s the system's reason */
      body = g_strdup_printf (_("“%s” could not be read: %s\n\nCheck that the file exists and "
                                "that you may read it."), path, error->message);
      show_error_dialog (self, _("Could Not Open the Map"), body);
    }
  else if ((document = waymark_format_read (contents, length, &line, &column, &error)) == NULL)
    {
      g_autofree char *body = NULL;

      if (line > 0)
        /* Translators: file path, line, column, then the reader's sentence */
        body = g_strdup_printf (_("%s:%d:%d: %s\n\nThe file is damaged or is not a Waymark "
                                  "journey map. Fix the place named above in a text editor, "
                                  "or open another copy."), path, line, column, error->message);
      else
        /* Translators: file path, then the reader's sentence */
        body = g_strdup_printf (_("%s: %s\n\nThe file is damaged or is not a Waymark journey "
                                  "map. Open another copy, or check that it is a .cjmx file."),
                                path, error->message);
      show_error_dialog (self, _("Could Not Open the Map"), body);
    }

  if (document == NULL)
    {
      if (self->document == NULL && self->file != NULL && g_file_equal (self->file, file))
        {
          g_clear_object (&self->file);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
        }
      return;
    }

  add_to_recent (file);
  waymark_window_set_document (self, document, file);
  /* What was read, rather than what is there a moment later. */
  set_known_state (self, make_state (etag, length));
  check_file (self);
  report_repairs (self, file);
}

/* ---- Close -------------------------------------------------------------- */

static void
close_response (AdwMessageDialog *dialog,
                const char       *response,
                WaymarkWindow    *self)
{
  if (g_str_equal (response, "discard"))
    {
      if (self->autosave != NULL)
        waymark_autosave_discard (self->autosave);
      self->force_close = TRUE;
      close_when_idle (self);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      save (self);
    }
}

static gboolean
waymark_window_close_request (GtkWindow *window)
{
  WaymarkWindow *self = WAYMARK_WINDOW (window);
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (!self->force_close && self->document != NULL &&
      waymark_document_get_modified_since_save (self->document))
    {
      name = get_display_name (self);
      dialog = adw_message_dialog_new (window, _("Save Changes?"), NULL);
      /* Translators: %s is the map's name */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("“%s” has unsaved changes. Changes that are not saved "
                                        "will be lost."), name);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (close_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (self->settings != NULL)
    {
      int width;
      int height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 294));
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (waymark_window_parent_class)->close_request (window);
}

/* ---- Actions ------------------------------------------------------------ */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  g_autoptr(WaymarkDocument) document = waymark_window_new_blank_document ();
  WaymarkWindow *target = self;

  if (self->document != NULL)
    {
      target = waymark_window_new (WAYMARK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (target));
    }

  waymark_window_set_document (target, document, NULL);
}

/* A new, unsaved map that starts as a copy of one of the maps shipped in
 * the resources under templates/. */
static void
new_from_template_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *path = g_strdup_printf ("/io/github/waymark/Waymark/templates/%s.cjmx", name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  WaymarkWindow *target = self;
  gsize length = 0;
  const char *data;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &length);
      document = waymark_format_read (data, length, NULL, NULL, &error);
    }
  if (document == NULL)
    {
      g_autofree char *body = NULL;

      /* Translators: %s says why, from the system or the file reader */
      body = g_strdup_printf (_("The example could not be read: %s\n\nStart from a new map "
                                "instead."), error->message);
      show_error_dialog (self, _("Could Not Open the Example"), body);
      return;
    }
  waymark_format_translate_document (document, GETTEXT_PACKAGE);
  waymark_document_set_created (document, now);
  waymark_document_mark_saved (document);

  if (self->document != NULL)
    {
      target = waymark_window_new (WAYMARK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (target));
    }

  waymark_window_set_document (target, document, NULL);
}

static void
new_template_dialog_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  /* The dialog opens its choice through win.new-from-template. */
  waymark_new_dialog_present (GTK_WINDOW (widget));
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    waymark_csv_import_dialog_present (GTK_WINDOW (self), self->document);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    waymark_csv_export_present (GTK_WINDOW (self), self->document);
}

static void
personas_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    waymark_personas_dialog_present (GTK_WINDOW (self), self->document);
}

static void
map_settings_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    waymark_map_settings_present (GTK_WINDOW (self), self->document);
}

static void
open_response (GtkNativeDialog *dialog,
               int              response,
               WaymarkWindow   *self)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);

  if (files == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      open_here_or_elsewhere (self, file);
    }
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = cjmx_filter ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open Journey Map"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (WAYMARK_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    save_as (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (self->document == NULL)
    return;

  name = get_display_name (self);
  dialog = waymark_export_dialog_new (self, self->document, name);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    waymark_print_show_dialog (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    waymark_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    waymark_document_redo (self->document);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  gboolean visible = !gtk_widget_get_visible (self->sidebar);

  gtk_widget_set_visible (self->sidebar, visible);
  if (!visible)
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* The canvas's actions are visible only inside it; the menu reaches them here. */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  g_autofree char *name = g_strconcat ("canvas.", action_name + strlen ("win."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->canvas), name, NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
reload_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->file == NULL)
    return;
  hide_file_banner (self);
  g_file_load_contents_async (self->file, self->cancellable, load_contents_cb,
                              g_object_ref (self));
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  /* known_state stays as it was, so the next Save asks first. */
  g_free (self->dismissed_state);
  self->dismissed_state = self->file != NULL ? query_file_state (self->file) : NULL;
  hide_file_banner (self);
}

static void
apply_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  WaymarkView *view = lookup_view (self, parameter);

  if (view != NULL)
    waymark_document_apply_view (self->document, view);
}

static void
delete_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  WaymarkView *view = lookup_view (self, parameter);
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (view == NULL)
    return;

  /* Translators: %s is the name of a view, e.g. “Exec summary” */
  message = g_strdup_printf (_("Deleted view “%s”"), waymark_view_get_name (view));
  waymark_document_remove_view (self->document, view);

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_all_lanes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  GListModel *lanes;
  GListModel *curves;

  if (self->document == NULL)
    return;

  lanes = waymark_document_get_lanes (self->document);
  curves = waymark_document_get_curves (self->document);

  waymark_document_begin_group (self->document, _("Show All Lanes and Curves"));
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i);

      waymark_document_set_boolean (self->document, WAYMARK_ELEMENT (lane), "hidden", FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      waymark_document_set_boolean (self->document, WAYMARK_ELEMENT (curve), "visible", TRUE);
    }
  waymark_document_end_group (self->document);
}

/* The canvas's actions are only reachable from inside it. */
static void
draw_curve_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document == NULL)
    return;
  gtk_widget_activate_action_variant (GTK_WIDGET (self->canvas), "canvas.draw-curve", parameter);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
show_load_warnings_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  show_load_warnings (WAYMARK_WINDOW (widget));
}

static void
save_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->document != NULL)
    show_save_view_dialog (self);
}

/* ---- Files dropped on the window ---------------------------------------- */

static gboolean
drop_files (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            WaymarkWindow *self)
{
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l != NULL; l = l->next)
    open_here_or_elsewhere (self, l->data);

  return files != NULL;
}

/* ---- GObject ------------------------------------------------------------ */

static void
style_dark_changed (WaymarkWindow  *self,
                    GParamSpec     *pspec,
                    AdwStyleManager *manager)
{
  waymark_canvas_set_dark (self->canvas, adw_style_manager_get_dark (manager));
}

static void
waymark_window_dispose (GObject *object)
{
  WaymarkWindow *self = WAYMARK_WINDOW (object);

  if (self->recent_changed_id != 0)
    {
      g_signal_handler_disconnect (gtk_recent_manager_get_default (), self->recent_changed_id);
      self->recent_changed_id = 0;
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_file_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->autosave);
  g_clear_pointer (&self->known_state, g_free);
  g_clear_pointer (&self->dismissed_state, g_free);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->views_menu_id, g_source_remove);
  g_clear_object (&self->view_actions);
  g_clear_pointer (&self->views_menu_signature, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), WAYMARK_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (waymark_window_parent_class)->dispose (object);
}

static void
waymark_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WaymarkWindow *self = WAYMARK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_window_class_init (WaymarkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = waymark_window_dispose;
  object_class->get_property = waymark_window_get_property;
  window_class->close_request = waymark_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _waymark_ui_ensure_resources ();
  g_type_ensure (WAYMARK_TYPE_CANVAS);
  g_type_ensure (WAYMARK_TYPE_INSPECTOR);
  g_type_ensure (WAYMARK_TYPE_OUTLINE);
  g_type_ensure (WAYMARK_TYPE_INSIGHTS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/waymark-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, insights_panel);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, history_section);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, views_section);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, views_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, views_menu);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, manage_views_section);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, lanes_section);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, curves_section);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, file_banner);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, file_banner_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, file_reload_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, file_keep_button);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", "s",
                                   new_from_template_action);
  gtk_widget_class_install_action (widget_class, "win.new-template-dialog", NULL,
                                   new_template_dialog_action);
  gtk_widget_class_install_action (widget_class, "win.personas", NULL, personas_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.map-settings", NULL, map_settings_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.reload-file", NULL, reload_file_action);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "win.apply-view", "s", apply_view_action);
  gtk_widget_class_install_action (widget_class, "win.delete-view", "s", delete_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-all-lanes", NULL,
                                   show_all_lanes_action);
  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "win.draw-curve", "s", draw_curve_action);
  gtk_widget_class_install_action (widget_class, "win.show-load-warnings", NULL,
                                   show_load_warnings_action);

  /* Also when the window runs without a GtkApplication (tests). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}

static void
waymark_window_init (WaymarkWindow *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  _waymark_recovery_ensure_style ();

  self->cancellable = g_cancellable_new ();
  self->settings = _waymark_ui_settings_new ();

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  gtk_paned_set_position (self->paned, 10000);

  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_dark_changed), self,
                           G_CONNECT_SWAPPED);
  waymark_canvas_set_dark (self->canvas, adw_style_manager_get_dark (style));

  g_signal_connect_object (self->canvas, "selection-changed",
                           G_CALLBACK (canvas_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outline, "element-selected",
                           G_CALLBACK (outline_element_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->insights_panel, "insight-activated",
                           G_CALLBACK (insight_activated), self, G_CONNECT_SWAPPED);

  self->view_actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "view", G_ACTION_GROUP (self->view_actions));
  g_signal_connect_object (gtk_menu_button_get_popover (self->views_button), "closed",
                           G_CALLBACK (views_popover_closed), self, G_CONNECT_SWAPPED);

  self->recent_changed_id = g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed",
                                                      G_CALLBACK (populate_recent), self);
  populate_recent (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_files), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_title (self);
  actions_update (self);
}

/* ---- Public API --------------------------------------------------------- */

WaymarkWindow *
waymark_window_new (WaymarkApplication *application)
{
  return g_object_new (WAYMARK_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
waymark_window_open_file (WaymarkWindow *self,
                          GFile         *file)
{
  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Remembered at once so that opening it again meanwhile finds this window. */
  if (self->document == NULL)
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }

  g_file_load_contents_async (file, self->cancellable, load_contents_cb, g_object_ref (self));
}

void
waymark_window_set_document (WaymarkWindow   *self,
                             WaymarkDocument *document,
                             GFile           *file)
{
  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  /* A document replaced by Reload takes its recovery copy with it. */
  if (self->autosave != NULL && waymark_autosave_get_document (self->autosave) != document)
    {
      waymark_autosave_discard (self->autosave);
      g_clear_object (&self->autosave);
    }

  g_set_object (&self->document, document);
  g_set_object (&self->file, file);

  if (self->autosave == NULL && gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    start_autosave (self);
  watch_file (self);
  set_known_state (self, file != NULL ? query_file_state (file) : NULL);
  hide_file_banner (self);

  g_signal_connect_object (document, "notify::modified-since-save",
                           G_CALLBACK (document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-undo",
                           G_CALLBACK (document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-redo",
                           G_CALLBACK (document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::undo-label",
                           G_CALLBACK (document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::redo-label",
                           G_CALLBACK (document_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "changed",
                           G_CALLBACK (document_changed), self, G_CONNECT_SWAPPED);

  waymark_canvas_set_document (self->canvas, document);
  waymark_inspector_set_document (self->inspector, document);
  waymark_outline_set_document (self->outline, document);
  waymark_insights_panel_set_document (self->insights_panel, document);
  waymark_inspector_set_element (self->inspector, NULL);
  update_views_menu (self);

  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  update_title (self);
  actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

WaymarkDocument *
waymark_window_new_blank_document (void)
{
  static const char *stages[] = {
    N_("Awareness"), N_("Consideration"), N_("Purchase"), N_("Onboarding"), N_("Use"),
    N_("Support"),
  };
  static const struct {
    const char      *name;
    WaymarkLaneKind  kind;
  } lanes[] = {
    { N_("Customer actions"), WAYMARK_LANE_CARDS },
    { N_("Touchpoints"), WAYMARK_LANE_CARDS },
    { N_("Emotions"), WAYMARK_LANE_EMOTION },
    { N_("Pain points"), WAYMARK_LANE_PAIN_POINTS },
    { N_("Opportunities"), WAYMARK_LANE_OPPORTUNITIES },
    { N_("Backstage"), WAYMARK_LANE_BACKSTAGE },
  };
  WaymarkDocument *document = waymark_document_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(WaymarkPersona) persona = NULL;
  g_autoptr(WaymarkCurve) curve = NULL;
  g_autofree char *persona_id = NULL;
  g_autofree char *curve_id = NULL;

  waymark_document_load_metadata (document, _("Untitled Journey"), NULL, NULL);
  waymark_document_set_created (document, now);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *id = waymark_document_make_id (document, WAYMARK_TYPE_STAGE);
      g_autoptr(WaymarkStage) stage = waymark_stage_new (id, _(stages[i]));

      waymark_document_load_stage (document, stage);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      g_autofree char *id = waymark_document_make_id (document, WAYMARK_TYPE_LANE);
      g_autoptr(WaymarkLane) lane = waymark_lane_new (id, _(lanes[i].name), lanes[i].kind);

      waymark_document_load_lane (document, lane);
    }

  persona_id = waymark_document_make_id (document, WAYMARK_TYPE_PERSONA);
  persona = waymark_persona_new (persona_id, _("Customer"));
  waymark_document_load_persona (document, persona);

  curve_id = waymark_document_make_id (document, WAYMARK_TYPE_CURVE);
  curve = waymark_curve_new (curve_id, persona, WAYMARK_CURVE_CURRENT);
  waymark_document_load_curve (document, curve);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(WaymarkStage) stage =
        g_list_model_get_item (waymark_document_get_stages (document), i);

      waymark_document_load_curve_value (document, curve, stage, 0.0);
    }

  return document;
}

WaymarkDocument *
waymark_window_get_document (WaymarkWindow *self)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), NULL);

  return self->document;
}

GFile *
waymark_window_get_file (WaymarkWindow *self)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), NULL);

  return self->file;
}

WaymarkCanvas *
waymark_window_get_canvas (WaymarkWindow *self)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), NULL);

  return self->canvas;
}

void
waymark_window_show_toast (WaymarkWindow *self,
                           const char    *message)
{
  AdwToast *toast;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
waymark_window_restore_draft (WaymarkWindow        *self,
                              WaymarkDocument      *document,
                              GFile                *file,
                              WaymarkRecoveryEntry *entry)
{
  const char *label;
  const char *etag;
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (WAYMARK_IS_RECOVERY_ENTRY (entry));

  /* Nothing of it is on disk but the recovery copy. */
  waymark_document_mark_unsaved (document);

  self->restored_entry = entry;
  waymark_window_set_document (self, document, file);
  self->restored_entry = NULL;

  /* Changes to the file since the copy was made are someone else's. */
  etag = waymark_recovery_entry_get_original_etag (entry);
  if (file != NULL && etag != NULL)
    {
      set_known_state (self, g_strdup (etag));
      check_file (self);
    }

  /* The history itself is not recovered; its last step is named. */
  label = waymark_recovery_entry_get_undo_label (entry);
  if (label != NULL && *label != '\0')
    /* Translators: %s is the last step before the crash, e.g. "Move Touchpoint" */
    message = g_strdup_printf (_("Recovered after “%s”"), label);
  else
    message = g_strdup (_("Recovered unsaved changes"));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
