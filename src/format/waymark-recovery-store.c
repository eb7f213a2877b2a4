/* waymark-recovery-store.c — recovery copies of unsaved maps, for crash recovery
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-recovery"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "waymark-recovery-store.h"

#define SIDECAR_GROUP   "Recovery"
#define SIDECAR_VERSION 1

struct _WaymarkRecoveryStore
{
  GObject  parent_instance;

  char    *directory;
};

struct _WaymarkRecoveryEntry
{
  GObject    parent_instance;

  char      *directory;
  char      *id;
  char      *content_path;
  char      *sidecar_path;
  char      *lock_path;
  int        lock_fd;

  /* Serialises writes and removals, which may run in different threads. */
  GMutex     mutex;
  /* Bumped by every removal: a write asked for before it is dropped. */
  guint      generation;
  gboolean   has_content;

  /* Sidecar fields; only touched in the thread that owns the entry. */
  char      *original_uri;
  char      *original_etag;
  char      *title;
  char      *undo_label;
  gboolean   modified;
  GDateTime *written;
};

G_DEFINE_FINAL_TYPE (WaymarkRecoveryStore, waymark_recovery_store, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (WaymarkRecoveryEntry, waymark_recovery_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Auxiliary ---------------------------------------------------------- */

/* Ids are ours (g_uuid_string_random); anything else in the directory is
 * not an entry and is never touched. */
static gboolean
is_valid_id (const char *id,
             gsize       length)
{
  if (length != 36)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_isxdigit (id[i]) || id[i] == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
unlink_if_exists (const char  *path,
                  GError     **error)
{
  int saved_errno;

  if (g_unlink (path) == 0)
    return TRUE;

  saved_errno = errno;
  if (saved_errno == ENOENT)
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Opens and locks path; -1 with errno EWOULDBLOCK if another process (or
 * another entry of this one) holds the lock. */
static int
open_locked (const char *path)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    return -1;

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      close (fd);
      errno = saved_errno;
      return -1;
    }

  return fd;
}

static WaymarkRecoveryEntry *
entry_new (const char *directory,
           const char *id,
           int         lock_fd)
{
  WaymarkRecoveryEntry *self = g_object_new (WAYMARK_TYPE_RECOVERY_ENTRY, NULL);
  g_autofree char *content = g_strconcat (id, ".cjmx", NULL);
  g_autofree char *sidecar = g_strconcat (id, ".ini", NULL);
  g_autofree char *lock = g_strconcat (id, ".lock", NULL);

  self->directory = g_strdup (directory);
  self->id = g_strdup (id);
  self->content_path = g_build_filename (directory, content, NULL);
  self->sidecar_path = g_build_filename (directory, sidecar, NULL);
  self->lock_path = g_build_filename (directory, lock, NULL);
  self->lock_fd = lock_fd;

  return self;
}

static void
set_info (WaymarkRecoveryEntry      *self,
          const WaymarkRecoveryInfo *info,
          GDateTime                 *written)
{
  g_free (self->original_uri);
  g_free (self->original_etag);
  g_free (self->title);
  g_free (self->undo_label);
  self->original_uri = g_strdup (info->original_uri);
  self->original_etag = g_strdup (info->original_etag);
  self->title = g_strdup (info->title);
  self->undo_label = g_strdup (info->undo_label);
  self->modified = info->modified;
  g_clear_pointer (&self->written, g_date_time_unref);
  self->written = g_date_time_ref (written);
}

static char *
sidecar_to_data (const WaymarkRecoveryInfo *info,
                 GDateTime                 *written,
                 gsize                     *length)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *iso = g_date_time_format_iso8601 (written);

  g_key_file_set_integer (key_file, SIDECAR_GROUP, "Version", SIDECAR_VERSION);
  g_key_file_set_int64 (key_file, SIDECAR_GROUP, "PID", getpid ());
  g_key_file_set_string (key_file, SIDECAR_GROUP, "Written", iso);
  g_key_file_set_string (key_file, SIDECAR_GROUP, "Title", info->title != NULL ? info->title : "");
  if (info->original_uri != NULL)
    g_key_file_set_string (key_file, SIDECAR_GROUP, "OriginalURI", info->original_uri);
  if (info->original_etag != NULL)
    g_key_file_set_string (key_file, SIDECAR_GROUP, "OriginalEtag", info->original_etag);
  if (info->undo_label != NULL)
    g_key_file_set_string (key_file, SIDECAR_GROUP, "UndoLabel", info->undo_label);
  g_key_file_set_boolean (key_file, SIDECAR_GROUP, "Modified", info->modified);

  return g_key_file_to_data (key_file, length, NULL);
}

/* Reads the sidecar into the entry; FALSE if it is missing or damaged. */
static gboolean
read_sidecar (WaymarkRecoveryEntry *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) written = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *label = NULL;
  WaymarkRecoveryInfo info = { 0 };
  gboolean modified;

  if (!g_key_file_load_from_file (key_file, self->sidecar_path, G_KEY_FILE_NONE, &error))
    {
      g_debug ("Ignoring recovery entry %s: %s", self->id, error->message);
      return FALSE;
    }

  if (g_key_file_get_integer (key_file, SIDECAR_GROUP, "Version", NULL) != SIDECAR_VERSION
      || (iso = g_key_file_get_string (key_file, SIDECAR_GROUP, "Written", NULL)) == NULL
      || (written = g_date_time_new_from_iso8601 (iso, NULL)) == NULL
      || (title = g_key_file_get_string (key_file, SIDECAR_GROUP, "Title", NULL)) == NULL)
    {
      g_debug ("Ignoring recovery entry %s: its sidecar is incomplete", self->id);
      return FALSE;
    }

  modified = g_key_file_get_boolean (key_file, SIDECAR_GROUP, "Modified", &error);
  if (error != NULL)
    {
      g_debug ("Ignoring recovery entry %s: %s", self->id, error->message);
      return FALSE;
    }

  uri = g_key_file_get_string (key_file, SIDECAR_GROUP, "OriginalURI", NULL);
  etag = g_key_file_get_string (key_file, SIDECAR_GROUP, "OriginalEtag", NULL);
  label = g_key_file_get_string (key_file, SIDECAR_GROUP, "UndoLabel", NULL);

  info.original_uri = uri;
  info.original_etag = etag;
  info.title = title;
  info.undo_label = label;
  info.modified = modified;
  set_info (self, &info, written);

  return TRUE;
}

/* Temporary files of g_file_set_contents() left by a process killed while
 * writing: "<id>.cjmx.XXXXXX" and "<id>.ini.XXXXXX". */
static gboolean
is_temporary_of (const char *name,
                 const char *id)
{
  gsize id_length = strlen (id);
  const char *rest;

  if (strncmp (name, id, id_length) != 0)
    return FALSE;
  rest = name + id_length;
  return (g_str_has_prefix (rest, ".cjmx.") && strlen (rest) == strlen (".cjmx.XXXXXX")) ||
         (g_str_has_prefix (rest, ".ini.") && strlen (rest) == strlen (".ini.XXXXXX"));
}

static void
remove_temporaries (const char *directory,
                    GPtrArray  *names,
                    const char *id)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (is_temporary_of (name, id))
        {
          g_autofree char *path = g_build_filename (directory, name, NULL);

          unlink_if_exists (path, NULL);
        }
    }
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  WaymarkRecoveryEntry *ea = *(WaymarkRecoveryEntry **) a;
  WaymarkRecoveryEntry *eb = *(WaymarkRecoveryEntry **) b;

  return g_date_time_compare (eb->written, ea->written);
}

/* Both writes happen under the entry's mutex; generation is the value the
 * caller saw when it asked for the write. */
static gboolean
write_locked (WaymarkRecoveryEntry *self,
              guint                 generation,
              GBytes               *content,
              const char           *sidecar,
              gsize                 sidecar_length,
              GError              **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (content, &size);
  gboolean ok = TRUE;

  g_mutex_lock (&self->mutex);

  if (generation == self->generation)
    {
      /* Content first: a sidecar always describes a complete content file. */
      ok = g_file_set_contents_full (self->content_path, data, size,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, error) &&
           g_file_set_contents_full (self->sidecar_path, sidecar, sidecar_length,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
      if (ok)
        self->has_content = TRUE;
    }

  g_mutex_unlock (&self->mutex);

  return ok;
}

/* ---- WaymarkRecoveryEntry: GObject -------------------------------------- */

static void
waymark_recovery_entry_finalize (GObject *object)
{
  WaymarkRecoveryEntry *self = WAYMARK_RECOVERY_ENTRY (object);

  if (self->lock_fd >= 0)
    {
      /* With no content left the lock file is litter; with content it stays
       * so that the next Waymark offers the map. */
      if (!g_file_test (self->sidecar_path, G_FILE_TEST_EXISTS))
        unlink_if_exists (self->lock_path, NULL);
      close (self->lock_fd);
    }

  g_free (self->directory);
  g_free (self->id);
  g_free (self->content_path);
  g_free (self->sidecar_path);
  g_free (self->lock_path);
  g_free (self->original_uri);
  g_free (self->original_etag);
  g_free (self->title);
  g_free (self->undo_label);
  g_clear_pointer (&self->written, g_date_time_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (waymark_recovery_entry_parent_class)->finalize (object);
}

static void
waymark_recovery_entry_class_init (WaymarkRecoveryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = waymark_recovery_entry_finalize;
}

static void
waymark_recovery_entry_init (WaymarkRecoveryEntry *self)
{
  self->lock_fd = -1;
  g_mutex_init (&self->mutex);
}

/* ---- WaymarkRecoveryEntry: Public API ----------------------------------- */

const char *
waymark_recovery_entry_get_id (WaymarkRecoveryEntry *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), NULL);
  return self->id;
}

const char *
waymark_recovery_entry_get_path (WaymarkRecoveryEntry *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), NULL);
  return self->content_path;
}

const char *
waymark_recovery_entry_get_original_uri (WaymarkRecoveryEntry *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), NULL);
  return self->original_uri;
}

const char *
waymark_recovery_entry_get_original_etag (WaymarkRecoveryEntry *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), NULL);
  return self->original_etag;
}

const char *
waymark_recovery_entry_get_title (WaymarkRecoveryEntry *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), NULL);
  return self->title;
}

const char *
waymark_recovery_entry_get_undo_label (WaymarkRecoveryEntry *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), NULL);
  return self->undo_label;
}

gboolean
waymark_recovery_entry_get_modified (WaymarkRecoveryEntry *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), FALSE);
  return self->modified;
}

GDateTime *
waymark_recovery_entry_get_written (WaymarkRecoveryEntry *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), NULL);
  return self->written;
}

gboolean
waymark_recovery_entry_has_content (WaymarkRecoveryEntry *self)
{
  gboolean has_content;

  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), FALSE);

  g_mutex_lock (&self->mutex);
  has_content = self->has_content;
  g_mutex_unlock (&self->mutex);

  return has_content;
}

gboolean
waymark_recovery_entry_write (WaymarkRecoveryEntry      *self,
                              GBytes                    *content,
                              const WaymarkRecoveryInfo *info,
                              GError                   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *sidecar = NULL;
  gsize sidecar_length = 0;
  guint generation;

  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sidecar = sidecar_to_data (info, now, &sidecar_length);
  g_mutex_lock (&self->mutex);
  generation = self->generation;
  g_mutex_unlock (&self->mutex);

  if (!write_locked (self, generation, content, sidecar, sidecar_length, error))
    return FALSE;

  set_info (self, info, now);
  return TRUE;
}

typedef struct
{
  GBytes *content;
  char   *sidecar;
  gsize   sidecar_length;
  guint   generation;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_bytes_unref (data->content);
  g_free (data->sidecar);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WaymarkRecoveryEntry *self = source_object;
  WriteData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (write_locked (self, data->generation, data->content, data->sidecar, data->sidecar_length,
                    &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
waymark_recovery_entry_write_async (WaymarkRecoveryEntry      *self,
                                    GBytes                    *content,
                                    const WaymarkRecoveryInfo *info,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  WriteData *data;

  g_return_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self));
  g_return_if_fail (content != NULL);
  g_return_if_fail (info != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->content = g_bytes_ref (content);
  data->sidecar = sidecar_to_data (info, now, &data->sidecar_length);
  g_mutex_lock (&self->mutex);
  data->generation = self->generation;
  g_mutex_unlock (&self->mutex);

  set_info (self, info, now);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_recovery_entry_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
waymark_recovery_entry_write_finish (WaymarkRecoveryEntry  *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GBytes *
waymark_recovery_entry_load (WaymarkRecoveryEntry  *self,
                             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  g_file_get_contents (self->content_path, &contents, &length, &local_error);
  g_mutex_unlock (&self->mutex);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

gboolean
waymark_recovery_entry_remove (WaymarkRecoveryEntry  *self,
                               GError               **error)
{
  gboolean ok;

  g_return_val_if_fail (WAYMARK_IS_RECOVERY_ENTRY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  self->generation++;
  /* Sidecar first: without it the content is never offered. */
  ok = unlink_if_exists (self->sidecar_path, error) &&
       unlink_if_exists (self->content_path, error);
  if (ok)
    self->has_content = FALSE;
  g_mutex_unlock (&self->mutex);

  return ok;
}

/* ---- WaymarkRecoveryStore: GObject -------------------------------------- */

static void
waymark_recovery_store_finalize (GObject *object)
{
  WaymarkRecoveryStore *self = WAYMARK_RECOVERY_STORE (object);

  g_free (self->directory);

  G_OBJECT_CLASS (waymark_recovery_store_parent_class)->finalize (object);
}

static void
waymark_recovery_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  WaymarkRecoveryStore *self = WAYMARK_RECOVERY_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_recovery_store_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  WaymarkRecoveryStore *self = WAYMARK_RECOVERY_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_free (self->directory);
      if (g_value_get_string (value) != NULL)
        self->directory = g_value_dup_string (value);
      else
        self->directory = g_build_filename (g_get_user_state_dir (), "waymark", "recovery",
                                            NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_recovery_store_class_init (WaymarkRecoveryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = waymark_recovery_store_finalize;
  object_class->get_property = waymark_recovery_store_get_property;
  object_class->set_property = waymark_recovery_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_recovery_store_init (WaymarkRecoveryStore *self)
{
}

/* ---- WaymarkRecoveryStore: Public API ----------------------------------- */

WaymarkRecoveryStore *
waymark_recovery_store_new (const char *directory)
{
  return g_object_new (WAYMARK_TYPE_RECOVERY_STORE,
                       "directory", directory,
                       NULL);
}

WaymarkRecoveryStore *
waymark_recovery_store_get_default (void)
{
  static WaymarkRecoveryStore *store;

  if (g_once_init_enter (&store))
    g_once_init_leave (&store, waymark_recovery_store_new (NULL));

  return store;
}

const char *
waymark_recovery_store_get_directory (WaymarkRecoveryStore *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERY_STORE (self), NULL);
  return self->directory;
}

WaymarkRecoveryEntry *
waymark_recovery_store_create (WaymarkRecoveryStore  *self,
                               GError               **error)
{
  g_autofree char *id = NULL;
  g_autofree char *lock_name = NULL;
  g_autofree char *lock_path = NULL;
  int fd;

  g_return_val_if_fail (WAYMARK_IS_RECOVERY_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder for recovery copies “%s”: %s"),
                   self->directory, g_strerror (saved_errno));
      return NULL;
    }

  id = g_uuid_string_random ();
  lock_name = g_strconcat (id, ".lock", NULL);
  lock_path = g_build_filename (self->directory, lock_name, NULL);
  fd = open_locked (lock_path);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create a recovery copy in “%s”: %s"),
                   self->directory, g_strerror (saved_errno));
      return NULL;
    }

  return entry_new (self->directory, id, fd);
}

GPtrArray *
waymark_recovery_store_claim_orphans (WaymarkRecoveryStore *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (WAYMARK_IS_RECOVERY_STORE (self), NULL);

  dir = g_dir_open (self->directory, 0, NULL);
  if (dir == NULL)
    return g_steal_pointer (&entries);

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      g_autoptr(WaymarkRecoveryEntry) entry = NULL;
      g_autofree char *id = NULL;
      g_autofree char *lock_path = NULL;
      gboolean has_sidecar;
      int fd;

      /* Every entry has a lock file, even one whose owner died before its
       * first write; the lock decides who may touch the rest. */
      if (!g_str_has_suffix (file_name, ".lock") ||
          !is_valid_id (file_name, strlen (file_name) - strlen (".lock")))
        continue;

      id = g_strndup (file_name, strlen (file_name) - strlen (".lock"));
      lock_path = g_build_filename (self->directory, file_name, NULL);
      fd = open_locked (lock_path);
      if (fd < 0)
        continue;

      entry = entry_new (self->directory, id, fd);
      remove_temporaries (self->directory, names, id);

      has_sidecar = g_file_test (entry->sidecar_path, G_FILE_TEST_EXISTS);
      if (!has_sidecar && !g_file_test (entry->content_path, G_FILE_TEST_EXISTS))
        continue;   /* finalize removes the lone lock */

      if (!has_sidecar ||
          !g_file_test (entry->content_path, G_FILE_TEST_IS_REGULAR) ||
          !read_sidecar (entry))
        {
          /* Damaged: not offered, but not deleted either, since the content
           * may still be someone's work. Keeping the lock file keeps the
           * remains findable by hand. */
          close (entry->lock_fd);
          entry->lock_fd = -1;
          continue;
        }

      entry->has_content = TRUE;
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  g_ptr_array_sort (entries, compare_newest_first);

  return g_steal_pointer (&entries);
}
