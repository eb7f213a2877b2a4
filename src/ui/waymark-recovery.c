/* waymark-recovery.c — autosave of unsaved maps, restoring them after a crash, save errors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-recovery"

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-format.h"
#include "waymark-recovery.h"
#include "waymark-ui-private.h"

struct _WaymarkAutosave
{
  GObject               parent_instance;

  WaymarkRecoveryStore *store;
  WaymarkDocument      *document;
  WaymarkRecoveryEntry *entry;
  GFile                *file;
  char                 *file_etag;
  /* The last step of a restored map, until a new edit names its own. */
  char                 *recovered_label;
  GCancellable         *cancellable;

  guint                 debounce_ms;
  guint                 max_delay_ms;
  guint                 timeout_id;
  /* Monotonic time of the oldest change not yet on disk, 0 if none. */
  gint64                first_unwritten;
  /* Oldest change covered by the write under way. */
  gint64                writing_since;
  gboolean              writing;
  gboolean              write_again;
  gboolean              discarded;
};

G_DEFINE_FINAL_TYPE (WaymarkAutosave, waymark_autosave, G_TYPE_OBJECT)

enum {
  WRITTEN,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_write (WaymarkAutosave *self);

/* ---- Autosave: auxiliary ------------------------------------------------ */

static char *
get_title (WaymarkAutosave *self)
{
  const char *title = waymark_document_get_title (self->document);

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled Map"));
}

static gboolean
ensure_entry (WaymarkAutosave  *self,
              GError          **error)
{
  if (self->entry == NULL)
    self->entry = waymark_recovery_store_create (self->store, error);
  return self->entry != NULL;
}

/* Fills info; *title and *uri hold its strings. */
static void
fill_info (WaymarkAutosave     *self,
           WaymarkRecoveryInfo *info,
           char               **title,
           char               **uri)
{
  const char *label = waymark_document_get_undo_label (self->document);

  *title = get_title (self);
  *uri = self->file != NULL ? g_file_get_uri (self->file) : NULL;

  info->title = *title;
  info->original_uri = *uri;
  info->original_etag = self->file != NULL ? self->file_etag : NULL;
  info->undo_label = label != NULL ? label : self->recovered_label;
  info->modified = waymark_document_get_modified_since_save (self->document);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WaymarkAutosave) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 covered_since = self->writing_since;

  self->writing = FALSE;
  self->writing_since = 0;

  if (!waymark_recovery_entry_write_finish (WAYMARK_RECOVERY_ENTRY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not write the recovery copy: %s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
    }
  else if (!self->discarded && waymark_document_get_modified_since_save (self->document))
    {
      g_signal_emit (self, signals[WRITTEN], 0, g_get_monotonic_time () - covered_since);
    }

  /* Changes made while writing were not in this copy. */
  if (self->write_again && !self->discarded)
    {
      self->write_again = FALSE;
      start_write (self);
    }
}

static void
start_write (WaymarkAutosave *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  WaymarkRecoveryInfo info = { 0 };

  if (self->writing)
    {
      self->write_again = TRUE;
      return;
    }

  if (!waymark_document_get_modified_since_save (self->document))
    return;

  if (!ensure_entry (self, &error))
    {
      g_message ("%s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
      self->first_unwritten = 0;
      return;
    }

  /* The document lives in this thread: serialise here, write in a worker. */
  content = waymark_format_write (self->document);
  fill_info (self, &info, &title, &uri);

  self->writing = TRUE;
  self->writing_since = self->first_unwritten != 0 ? self->first_unwritten
                                                   : g_get_monotonic_time ();
  self->first_unwritten = 0;
  waymark_recovery_entry_write_async (self->entry, content, &info, self->cancellable, write_cb,
                                      g_object_ref (self));
}

static gboolean
timeout_cb (gpointer user_data)
{
  WaymarkAutosave *self = user_data;

  self->timeout_id = 0;
  start_write (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (WaymarkAutosave *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline;

  if (self->debounce_ms == 0 || self->discarded)
    return;

  if (self->first_unwritten == 0)
    self->first_unwritten = now;

  deadline = MIN (now + (gint64) self->debounce_ms * 1000,
                  self->first_unwritten + (gint64) MAX (self->max_delay_ms, self->debounce_ms) * 1000);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (MAX (deadline - now, 0) / 1000, timeout_cb, self);
}

static void
remove_copy (WaymarkAutosave *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->first_unwritten = 0;
  self->write_again = FALSE;

  if (self->entry != NULL && !waymark_recovery_entry_remove (self->entry, &error))
    g_message ("%s", error->message);
}

/* ---- Autosave: callbacks ------------------------------------------------ */

static void
document_changed (WaymarkAutosave *self)
{
  /* "changed" comes before the history records the step, so whether the
   * document is still modified is decided when the timer fires; a return
   * to the saved state cancels it through the notification below. */
  schedule (self);
}

static void
document_notify_modified (WaymarkAutosave *self)
{
  /* Saved, or undone back to the saved state: the file holds it all. */
  if (!waymark_document_get_modified_since_save (self->document))
    remove_copy (self);
}

/* ---- Autosave: GObject -------------------------------------------------- */

static void
waymark_autosave_dispose (GObject *object)
{
  WaymarkAutosave *self = WAYMARK_AUTOSAVE (object);

  /* Closing a window with changes nobody discarded keeps them for next time. */
  if (self->timeout_id != 0 && !self->discarded && self->document != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_clear_handle_id (&self->timeout_id, g_source_remove);
      if (!waymark_autosave_flush (self, &error))
        g_message ("%s", error->message);
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->entry);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (waymark_autosave_parent_class)->dispose (object);
}

static void
waymark_autosave_finalize (GObject *object)
{
  WaymarkAutosave *self = WAYMARK_AUTOSAVE (object);

  g_free (self->file_etag);
  g_free (self->recovered_label);

  G_OBJECT_CLASS (waymark_autosave_parent_class)->finalize (object);
}

static void
waymark_autosave_class_init (WaymarkAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = waymark_autosave_dispose;
  object_class->finalize = waymark_autosave_finalize;

  signals[WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
waymark_autosave_init (WaymarkAutosave *self)
{
  self->debounce_ms = WAYMARK_AUTOSAVE_DEBOUNCE_MS;
  self->max_delay_ms = WAYMARK_AUTOSAVE_MAX_DELAY_MS;
  self->cancellable = g_cancellable_new ();
}

/* ---- Autosave: public API ----------------------------------------------- */

WaymarkAutosave *
waymark_autosave_new (WaymarkRecoveryStore *store,
                      WaymarkDocument      *document)
{
  WaymarkAutosave *self;

  g_return_val_if_fail (WAYMARK_IS_RECOVERY_STORE (store), NULL);
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  self = g_object_new (WAYMARK_TYPE_AUTOSAVE, NULL);
  self->store = g_object_ref (store);
  self->document = g_object_ref (document);

  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified-since-save",
                           G_CALLBACK (document_notify_modified), self, G_CONNECT_SWAPPED);

  return self;
}

WaymarkDocument *
waymark_autosave_get_document (WaymarkAutosave *self)
{
  g_return_val_if_fail (WAYMARK_IS_AUTOSAVE (self), NULL);
  return self->document;
}

void
waymark_autosave_set_file (WaymarkAutosave *self,
                           GFile           *file,
                           const char      *etag)
{
  g_return_if_fail (WAYMARK_IS_AUTOSAVE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->file, file);
  g_free (self->file_etag);
  self->file_etag = g_strdup (etag);
}

void
waymark_autosave_adopt (WaymarkAutosave      *self,
                        WaymarkRecoveryEntry *entry)
{
  g_return_if_fail (WAYMARK_IS_AUTOSAVE (self));
  g_return_if_fail (WAYMARK_IS_RECOVERY_ENTRY (entry));
  g_return_if_fail (self->entry == NULL);

  self->entry = g_object_ref (entry);
  g_free (self->recovered_label);
  self->recovered_label = g_strdup (waymark_recovery_entry_get_undo_label (entry));
}

void
waymark_autosave_set_delays (WaymarkAutosave *self,
                             guint            debounce_ms,
                             guint            max_delay_ms)
{
  g_return_if_fail (WAYMARK_IS_AUTOSAVE (self));

  self->debounce_ms = debounce_ms;
  self->max_delay_ms = max_delay_ms;
  if (debounce_ms == 0)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
}

WaymarkRecoveryEntry *
waymark_autosave_get_entry (WaymarkAutosave *self)
{
  g_return_val_if_fail (WAYMARK_IS_AUTOSAVE (self), NULL);
  return self->entry;
}

gboolean
waymark_autosave_get_pending (WaymarkAutosave *self)
{
  g_return_val_if_fail (WAYMARK_IS_AUTOSAVE (self), FALSE);
  return self->timeout_id != 0 || self->writing;
}

gboolean
waymark_autosave_flush (WaymarkAutosave  *self,
                        GError          **error)
{
  g_autoptr(GBytes) content = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  WaymarkRecoveryInfo info = { 0 };

  g_return_val_if_fail (WAYMARK_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->discarded || !waymark_document_get_modified_since_save (self->document))
    return TRUE;
  if (!ensure_entry (self, error))
    return FALSE;

  content = waymark_format_write (self->document);
  fill_info (self, &info, &title, &uri);
  self->first_unwritten = 0;
  /* A write under way holds older content; this one is serialised after it
   * by the entry, so it need not be repeated. */
  self->write_again = FALSE;

  return waymark_recovery_entry_write (self->entry, content, &info, error);
}

void
waymark_autosave_discard (WaymarkAutosave *self)
{
  g_return_if_fail (WAYMARK_IS_AUTOSAVE (self));

  remove_copy (self);
  self->discarded = TRUE;
  g_cancellable_cancel (self->cancellable);
}

/* ---- Offering recovered maps -------------------------------------------- */

typedef struct
{
  GtkApplication *application;
  GPtrArray      *entries;
  guint           next;
} Offer;

static void offer_next (Offer *offer);

static void
offer_free (Offer *offer)
{
  g_object_unref (offer->application);
  g_ptr_array_unref (offer->entries);
  g_free (offer);
}

static WaymarkWindow *
find_target_window (GtkApplication *application,
                    GFile          *file)
{
  GtkWindow *active = gtk_application_get_active_window (application);

  /* The same map, opened again but not edited yet, is replaced by its
   * recovered changes rather than shown twice. */
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      WaymarkWindow *window = l->data;
      WaymarkDocument *document;
      GFile *other;

      if (!WAYMARK_IS_WINDOW (window))
        continue;
      other = waymark_window_get_file (window);
      document = waymark_window_get_document (window);
      if (file != NULL && other != NULL && g_file_equal (file, other) &&
          document != NULL && !waymark_document_get_modified_since_save (document))
        return window;
    }

  if (WAYMARK_IS_WINDOW (active) &&
      waymark_window_get_document (WAYMARK_WINDOW (active)) == NULL &&
      waymark_window_get_file (WAYMARK_WINDOW (active)) == NULL)
    return WAYMARK_WINDOW (active);

  return waymark_window_new (WAYMARK_APPLICATION (application));
}

static void
restore (Offer                *offer,
         WaymarkRecoveryEntry *entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  const char *uri = waymark_recovery_entry_get_original_uri (entry);
  WaymarkWindow *window;
  gsize length = 0;
  const char *data;

  content = waymark_recovery_entry_load (entry, &error);
  if (content != NULL)
    {
      data = g_bytes_get_data (content, &length);
      document = waymark_format_read (data, length, NULL, NULL, &error);
    }

  if (document == NULL)
    {
      GtkWindow *parent = gtk_application_get_active_window (offer->application);
      GtkWidget *dialog;

      /* The copy stays where it is, so that nothing is lost by trying. */
      dialog = adw_message_dialog_new (parent, _("Could Not Restore the Map"), NULL);
      /* Translators: %s is a file path, then the reason */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The recovery copy “%s” could not be read: %s"),
                                      waymark_recovery_entry_get_path (entry), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (uri != NULL)
    file = g_file_new_for_uri (uri);

  window = find_target_window (offer->application, file);
  waymark_window_restore_draft (window, document, file, entry);
  gtk_window_present (GTK_WINDOW (window));
}

static void
offer_response (AdwMessageDialog *dialog,
                const char       *response,
                Offer            *offer)
{
  WaymarkRecoveryEntry *entry = g_ptr_array_index (offer->entries, offer->next);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "restore"))
    restore (offer, entry);
  else if (g_str_equal (response, "discard") && !waymark_recovery_entry_remove (entry, &error))
    g_message ("%s", error->message);
  /* "later" keeps the copy; dropping our claim offers it at the next start. */

  offer->next++;
  offer_next (offer);
}

static void
offer_next (Offer *offer)
{
  WaymarkRecoveryEntry *entry;
  GtkWindow *parent;
  GtkWidget *dialog;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autofree char *where = NULL;
  const char *uri;
  const char *label;

  if (offer->next >= offer->entries->len)
    {
      offer_free (offer);
      return;
    }

  entry = g_ptr_array_index (offer->entries, offer->next);
  uri = waymark_recovery_entry_get_original_uri (entry);
  label = waymark_recovery_entry_get_undo_label (entry);
  local = g_date_time_to_local (waymark_recovery_entry_get_written (entry));
  when = g_date_time_format (local, "%c");

  if (label != NULL && *label != '\0')
    /* Translators: the first %s is a map's name, the second a date and time,
     * the third the last step, e.g. "Move Touchpoint" */
    what = g_strdup_printf (_("Waymark stopped before “%s” was saved. A copy made at %s holds "
                              "the changes up to “%s”."),
                            waymark_recovery_entry_get_title (entry), when, label);
  else
    /* Translators: the first %s is a map's name, the second a date and time */
    what = g_strdup_printf (_("Waymark stopped before “%s” was saved. A copy made at %s holds "
                              "its unsaved changes."),
                            waymark_recovery_entry_get_title (entry), when);

  if (uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autofree char *path = g_file_get_parse_name (file);

      /* Translators: %s is a file path */
      where = g_strdup_printf (_("Restoring opens it with these changes, not yet saved to “%s”. "
                                 "Discarding keeps the file as it was last saved."), path);
    }
  else
    where = g_strdup (_("The map was never saved to a file. Restoring opens it so that you can "
                        "save it; discarding deletes it."));

  parent = gtk_application_get_active_window (offer->application);
  dialog = adw_message_dialog_new (parent, _("Restore Unsaved Map?"), NULL);
  /* Named for window lists and screen readers, as the heading says. */
  gtk_window_set_title (GTK_WINDOW (dialog), _("Restore Unsaved Map?"));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", what, where);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect (dialog, "response", G_CALLBACK (offer_response), offer);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
waymark_recovery_offer (GtkApplication *application)
{
  Offer *offer;

  g_return_if_fail (GTK_IS_APPLICATION (application));

  offer = g_new0 (Offer, 1);
  offer->application = g_object_ref (application);
  offer->entries = waymark_recovery_store_claim_orphans (waymark_recovery_store_get_default ());
  offer_next (offer);
}

/* ---- Save errors -------------------------------------------------------- */

char *
waymark_recovery_describe_save_error (GFile        *file,
                                      const GError *error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *advice = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  parent = g_file_get_parent (file);
  folder = g_file_get_parse_name (parent != NULL ? parent : file);

  if (error->domain != G_IO_ERROR)
    advice = g_strdup (_("Use Save As to save the map somewhere else."));
  else
    switch (error->code)
      {
      case G_IO_ERROR_PERMISSION_DENIED:
        /* Translators: %s is a folder */
        advice = g_strdup_printf (_("You may not change files in “%s”. Use Save As to save the "
                                    "map in a folder of your own."), folder);
        break;
      case G_IO_ERROR_READ_ONLY:
        /* Translators: %s is a folder */
        advice = g_strdup_printf (_("“%s” is on a disk that cannot be written to. Use Save As "
                                    "to save the map on another disk."), folder);
        break;
      case G_IO_ERROR_NO_SPACE:
        advice = g_strdup (_("The disk is full. Free some space and save again, or use Save As "
                             "to save the map on another disk."));
        break;
      case G_IO_ERROR_IS_DIRECTORY:
        advice = g_strdup (_("A folder has the name of the map. Use Save As to choose another "
                             "name."));
        break;
      case G_IO_ERROR_NOT_FOUND:
        /* Translators: %s is a folder */
        advice = g_strdup_printf (_("The folder “%s” does not exist any more. Use Save As to "
                                    "choose another place."), folder);
        break;
      default:
        advice = g_strdup (_("There may be no space left, or the map may be larger than the "
                             "disk or your account allows. Use Save As to save it somewhere "
                             "else."));
        break;
      }

  /* Translators: the system's reason (it names the file), then advice */
  return g_strdup_printf (_("%s\n\n%s Your changes are still open in this window."),
                          error->message, advice);
}

/* ---- Style -------------------------------------------------------------- */

void
_waymark_recovery_ensure_style (void)
{
  static GdkDisplay *styled;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == styled)
    return;

  _waymark_ui_ensure_resources ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/waymark/Waymark/waymark-recovery.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
}
