/* test-store.c — the recovery store and the autosave that fills it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <signal.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "waymark-format.h"
#include "waymark-recovery.h"
#include "waymark-recovery-store.h"
#include "waymark-synth.h"

/* ---- Helpers ------------------------------------------------------------ */

/* g_key_file_get_string() returns a copy: free it after comparing. */
#define assert_key_string(key_file, key, expected)                               \
  G_STMT_START {                                                                 \
    g_autofree char *value_ = g_key_file_get_string ((key_file), "Recovery", (key), NULL); \
    g_assert_cmpstr (value_, ==, (expected));                                    \
  } G_STMT_END

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("waymark-recovery-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted names in dir, joined by spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
entry_file (WaymarkRecoveryEntry *entry,
            const char           *directory,
            const char           *suffix)
{
  g_autofree char *name = g_strconcat (waymark_recovery_entry_get_id (entry), suffix, NULL);

  return g_build_filename (directory, name, NULL);
}

static WaymarkRecoveryEntry *
write_entry (WaymarkRecoveryStore *store,
             const char           *content,
             const char           *title,
             const char           *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (content, strlen (content));
  WaymarkRecoveryEntry *entry = waymark_recovery_store_create (store, &error);
  WaymarkRecoveryInfo info = {
    .original_uri = "file:///tmp/some%20map.cjmx",
    .original_etag = "1234:5678/99",
    .title = title,
    .undo_label = label,
    .modified = TRUE,
  };

  g_assert_no_error (error);
  g_assert_true (waymark_recovery_entry_write (entry, bytes, &info, &error));
  g_assert_no_error (error);
  return entry;
}

static void
assert_file_content (const char *path,
                     const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

/* ---- Store -------------------------------------------------------------- */

static void
test_store_write_list_remove (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "state", "waymark", "recovery", NULL);
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (sub);
  g_autoptr(WaymarkRecoveryEntry) entry = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *content_path = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *id = NULL;
  WaymarkRecoveryEntry *again;
  GStatBuf st;

  g_assert_cmpstr (waymark_recovery_store_get_directory (store), ==, sub);

  entry = write_entry (store, "<journey-map/>", "Hotel stay", "Move Touchpoint");
  id = g_strdup (waymark_recovery_entry_get_id (entry));
  content_path = entry_file (entry, sub, ".cjmx");
  sidecar_path = entry_file (entry, sub, ".ini");
  lock_path = entry_file (entry, sub, ".lock");
  g_assert_cmpstr (waymark_recovery_entry_get_path (entry), ==, content_path);
  g_assert_true (waymark_recovery_entry_has_content (entry));

  /* Exactly three files, private to the user, nothing temporary. */
  listing = list_dir (sub);
  expected = g_strdup_printf ("%s.cjmx %s.ini %s.lock", id, id, id);
  g_assert_cmpstr (listing, ==, expected);
  g_assert_cmpint (g_stat (content_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  assert_file_content (content_path, "<journey-map/>");

  g_assert_true (g_key_file_load_from_file (key_file, sidecar_path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  assert_key_string (key_file, "OriginalURI", "file:///tmp/some%20map.cjmx");
  assert_key_string (key_file, "UndoLabel", "Move Touchpoint");
  assert_key_string (key_file, "Title", "Hotel stay");
  g_assert_true (g_key_file_get_boolean (key_file, "Recovery", "Modified", NULL));
  g_assert_cmpint (g_key_file_get_int64 (key_file, "Recovery", "PID", NULL), ==, getpid ());

  /* Locked by its owner: not offered, even within one process (a lock of
   * another open file description). */
  claimed = waymark_recovery_store_claim_orphans (store);
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* The owner goes away without removing it: offered, with its sidecar. */
  g_clear_object (&entry);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  claimed = waymark_recovery_store_claim_orphans (store);
  g_assert_cmpuint (claimed->len, ==, 1);
  again = g_ptr_array_index (claimed, 0);
  g_assert_cmpstr (waymark_recovery_entry_get_id (again), ==, id);
  g_assert_cmpstr (waymark_recovery_entry_get_title (again), ==, "Hotel stay");
  g_assert_cmpstr (waymark_recovery_entry_get_undo_label (again), ==, "Move Touchpoint");
  g_assert_cmpstr (waymark_recovery_entry_get_original_uri (again), ==,
                   "file:///tmp/some%20map.cjmx");
  g_assert_cmpstr (waymark_recovery_entry_get_original_etag (again), ==, "1234:5678/99");
  g_assert_true (waymark_recovery_entry_get_modified (again));
  g_assert_nonnull (waymark_recovery_entry_get_written (again));
  loaded = waymark_recovery_entry_load (again, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (loaded, NULL), g_bytes_get_size (loaded),
                   "<journey-map/>", 14);

  /* Claimed now: a second look does not offer it twice. */
  {
    g_autoptr(GPtrArray) twice = waymark_recovery_store_claim_orphans (store);

    g_assert_cmpuint (twice->len, ==, 0);
  }

  /* Removed: no file is left, the lock goes with the last reference. */
  g_assert_true (waymark_recovery_entry_remove (again, &error));
  g_assert_no_error (error);
  g_assert_false (waymark_recovery_entry_has_content (again));
  g_assert_false (g_file_test (content_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (sidecar_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_clear_pointer (&listing, g_free);
  listing = list_dir (sub);
  g_assert_cmpstr (listing, ==, "");

  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_store_newest_first (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (dir);
  g_autoptr(GPtrArray) claimed = NULL;
  WaymarkRecoveryEntry *first = write_entry (store, "<a/>", "First", NULL);
  WaymarkRecoveryEntry *second;

  g_usleep (1100 * 1000);   /* the sidecar's time has one-second resolution */
  second = write_entry (store, "<b/>", "Second", "Rename Stage");
  g_object_unref (first);
  g_object_unref (second);

  claimed = waymark_recovery_store_claim_orphans (store);
  g_assert_cmpuint (claimed->len, ==, 2);
  g_assert_cmpstr (waymark_recovery_entry_get_title (g_ptr_array_index (claimed, 0)), ==,
                   "Second");
  g_assert_cmpstr (waymark_recovery_entry_get_title (g_ptr_array_index (claimed, 1)), ==,
                   "First");
  g_assert_null (waymark_recovery_entry_get_undo_label (g_ptr_array_index (claimed, 1)));

  for (guint i = 0; i < claimed->len; i++)
    g_assert_true (waymark_recovery_entry_remove (g_ptr_array_index (claimed, i), NULL));
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_clear_object (&store);
  remove_tree (dir);
}

/* A real second process holds the lock (flock(1) stands in for a running
 * Waymark); once it is killed with SIGKILL the entry is offered. flock runs
 * without forking so that the process killed is the one holding the lock. */
static void
test_store_live_owner (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (dir);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *flock_path = g_find_program_in_path ("flock");
  g_autofree char *lock_path = NULL;
  g_autofree char *ready_path = g_build_filename (dir, "ready", NULL);
  g_autofree char *script = NULL;
  WaymarkRecoveryEntry *entry;

  if (flock_path == NULL)
    {
      g_test_skip ("flock(1) from util-linux is not installed; the in-process lock is tested "
                   "in /recovery/store/write-list-remove");
      remove_tree (dir);
      return;
    }

  entry = write_entry (store, "<journey-map/>", "Held", "Add Stage");
  lock_path = entry_file (entry, dir, ".lock");
  g_object_unref (entry);

  script = g_strdup_printf ("touch '%s'; exec sleep 600", ready_path);
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, flock_path, "-n", "-F", lock_path,
                             "sh", "-c", script, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 400 && !g_file_test (ready_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (10 * 1000);
  g_assert_true (g_file_test (ready_path, G_FILE_TEST_EXISTS));

  claimed = waymark_recovery_store_claim_orphans (store);
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  g_subprocess_send_signal (holder, SIGKILL);
  g_subprocess_wait (holder, NULL, NULL);

  claimed = waymark_recovery_store_claim_orphans (store);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpstr (waymark_recovery_entry_get_title (g_ptr_array_index (claimed, 0)), ==, "Held");
  g_assert_true (waymark_recovery_entry_remove (g_ptr_array_index (claimed, 0), NULL));

  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_store_corrupted_sidecar (void)
{
  static const char *damages[] = {
    "not a key file at all \xff\xfe",
    "[Recovery]\nVersion=1\n",                                            /* no time, title */
    "[Recovery]\nVersion=7\nWritten=2024-05-01T10:00:00Z\nTitle=x\nModified=true\n",
    "[Recovery]\nVersion=1\nWritten=yesterday\nTitle=x\nModified=true\n",
    "[Recovery]\nVersion=1\nWritten=2024-05-01T10:00:00Z\nTitle=x\nModified=perhaps\n",
    "",
  };
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (dir);
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *no_content_sidecar = NULL;
  WaymarkRecoveryEntry *good;
  WaymarkRecoveryEntry *lost;

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autoptr(WaymarkRecoveryEntry) entry = write_entry (store, "<damaged/>", "D", NULL);
      char *sidecar = entry_file (entry, dir, ".ini");

      g_assert_true (g_file_set_contents (sidecar, damages[i], -1, NULL));
      g_ptr_array_add (paths, entry_file (entry, dir, ".cjmx"));
      g_ptr_array_add (paths, sidecar);
    }

  /* A sidecar whose content file is gone. */
  lost = write_entry (store, "<lost/>", "Lost", NULL);
  g_assert_cmpint (g_unlink (waymark_recovery_entry_get_path (lost)), ==, 0);
  no_content_sidecar = entry_file (lost, dir, ".ini");
  g_object_unref (lost);

  good = write_entry (store, "<good/>", "Good", "Edit Title");
  g_object_unref (good);

  claimed = waymark_recovery_store_claim_orphans (store);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpstr (waymark_recovery_entry_get_title (g_ptr_array_index (claimed, 0)), ==, "Good");

  /* Ignored, not deleted: the content may still be someone's work. */
  for (guint i = 0; i < paths->len; i++)
    g_assert_true (g_file_test (g_ptr_array_index (paths, i), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (no_content_sidecar, G_FILE_TEST_EXISTS));

  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_clear_object (&store);
  remove_tree (dir);
}

/* Leftovers of a process killed in the middle of writing. */
static void
test_store_crash_leftovers (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (dir);
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *stranger = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *id = NULL;
  WaymarkRecoveryEntry *entry = write_entry (store, "<whole/>", "Whole", NULL);
  WaymarkRecoveryEntry *empty;

  id = g_strdup (waymark_recovery_entry_get_id (entry));
  temp = entry_file (entry, dir, ".cjmx.Q7ZK2A");
  g_assert_true (g_file_set_contents (temp, "<who", -1, NULL));
  g_assert_true (g_file_set_contents (stranger, "not ours", -1, NULL));
  g_object_unref (entry);

  /* An owner that died before its first write leaves only a lock. */
  empty = waymark_recovery_store_create (store, &error);
  g_assert_no_error (error);
  {
    /* Dropping the entry object would remove its lone lock: keep it aside. */
    g_autofree char *empty_lock = entry_file (empty, dir, ".lock");
    g_autofree char *keep = g_strconcat (empty_lock, ".keep", NULL);

    g_assert_cmpint (g_rename (empty_lock, keep), ==, 0);
    g_object_unref (empty);
    g_assert_cmpint (g_rename (keep, empty_lock), ==, 0);
  }

  claimed = waymark_recovery_store_claim_orphans (store);
  g_assert_cmpuint (claimed->len, ==, 1);
  assert_file_content (waymark_recovery_entry_get_path (g_ptr_array_index (claimed, 0)),
                       "<whole/>");

  /* The half-written copy and the lone lock are gone; a file that is not
   * ours is left alone. */
  listing = list_dir (dir);
  expected = g_strdup_printf ("%s.cjmx %s.ini %s.lock notes.txt", id, id, id);
  g_assert_cmpstr (listing, ==, expected);

  g_assert_true (waymark_recovery_entry_remove (g_ptr_array_index (claimed, 0), NULL));
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_clear_object (&store);
  remove_tree (dir);
}

/* A write that fails half-way (the file size limit stands in for a full
 * disk) leaves the previous copy whole and no temporary file. */
static void
test_store_atomic_write (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WaymarkRecoveryStore) store = NULL;
  g_autoptr(WaymarkRecoveryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *sidecar_before = NULL;
  g_autofree char *sidecar_after = NULL;
  g_autofree char *filler = NULL;
  struct rlimit limit = { 4096, 4096 };
  WaymarkRecoveryInfo info = { .title = "Bigger", .undo_label = "Paste", .modified = TRUE };

  dir = make_tmpdir ();
  store = waymark_recovery_store_new (dir);
  entry = write_entry (store, "<small/>", "Small", "Add Touchpoint");
  sidecar = entry_file (entry, dir, ".ini");
  g_assert_true (g_file_get_contents (sidecar, &sidecar_before, NULL, NULL));

  filler = g_strnfill (64 * 1024, 'x');
  big = g_bytes_new_take (g_steal_pointer (&filler), 64 * 1024);

  /* Only this process is limited; SIGXFSZ would kill it, so EFBIG it is. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (waymark_recovery_entry_write (entry, big, &info, &error));
  g_assert_nonnull (error);
  g_test_message ("write over the limit: %s", error->message);
  limit.rlim_cur = limit.rlim_max = RLIM_INFINITY;
  setrlimit (RLIMIT_FSIZE, &limit);

  assert_file_content (waymark_recovery_entry_get_path (entry), "<small/>");
  g_assert_true (g_file_get_contents (sidecar, &sidecar_after, NULL, NULL));
  g_assert_cmpstr (sidecar_after, ==, sidecar_before);
  listing = list_dir (dir);
  expected = g_strdup_printf ("%s.cjmx %s.ini %s.lock", waymark_recovery_entry_get_id (entry),
                              waymark_recovery_entry_get_id (entry),
                              waymark_recovery_entry_get_id (entry));
  g_assert_cmpstr (listing, ==, expected);

  g_assert_true (waymark_recovery_entry_remove (entry, NULL));
  g_clear_object (&entry);
  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_store_atomic (void)
{
  /* RLIMIT_FSIZE cannot be raised again by an unprivileged process: run it
   * in a child of its own. */
  g_test_trap_subprocess ("/recovery/store/atomic/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (waymark_recovery_entry_write_finish (WAYMARK_RECOVERY_ENTRY (object), result,
                                                      NULL));
  *done = TRUE;
}

/* A write asked for before a removal must not bring the files back. */
static void
test_store_write_then_remove (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (dir);
  g_autoptr(WaymarkRecoveryEntry) entry = waymark_recovery_store_create (store, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("<late/>", 7);
  WaymarkRecoveryInfo info = { .title = "Late", .modified = TRUE };
  gboolean done = FALSE;

  for (guint round = 0; round < 20; round++)
    {
      done = FALSE;
      waymark_recovery_entry_write_async (entry, bytes, &info, NULL, write_done, &done);
      g_assert_true (waymark_recovery_entry_remove (entry, NULL));
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (g_file_test (waymark_recovery_entry_get_path (entry), G_FILE_TEST_EXISTS));
      g_assert_false (waymark_recovery_entry_has_content (entry));
    }

  /* And a write after the removal works again. */
  done = FALSE;
  waymark_recovery_entry_write_async (entry, bytes, &info, NULL, write_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  assert_file_content (waymark_recovery_entry_get_path (entry), "<late/>");

  g_assert_true (waymark_recovery_entry_remove (entry, NULL));
  g_clear_object (&entry);
  g_clear_object (&store);
  remove_tree (dir);
}

/* ---- Autosave ----------------------------------------------------------- */

typedef struct
{
  guint  written;
  gint64 latency;
} Counter;

static void
count_written (WaymarkAutosave *autosave,
               gint64           latency,
               Counter         *counter)
{
  counter->written++;
  counter->latency = latency;
}

static void
wait_written (WaymarkAutosave *autosave,
              Counter         *counter,
              guint            count)
{
  /* Bounded: far beyond the debounce the test sets. */
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (counter->written < count && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (counter->written, >=, count);
  while (waymark_autosave_get_pending (autosave) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
}

static WaymarkStage *
first_stage (WaymarkDocument *document)
{
  g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document), 0);

  return stage;
}

static char *
document_text (WaymarkDocument *document)
{
  g_autoptr(GBytes) bytes = waymark_format_write (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_autosave_cycle (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (dir);
  g_autoptr(WaymarkDocument) document = waymark_synth_document (4, 10, 7);
  g_autoptr(WaymarkAutosave) autosave = waymark_autosave_new (store, document);
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/a map.cjmx");
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *expected = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *label = NULL;
  WaymarkRecoveryEntry *entry;
  Counter counter = { 0 };

  waymark_autosave_set_delays (autosave, 100, 300);
  waymark_autosave_set_file (autosave, file, "10:20/300");
  g_signal_connect (autosave, "written", G_CALLBACK (count_written), &counter);

  /* Nothing to keep while nothing is unsaved. */
  g_assert_false (waymark_autosave_get_pending (autosave));
  g_assert_null (waymark_autosave_get_entry (autosave));

  waymark_document_set_string (document, WAYMARK_ELEMENT (first_stage (document)), "name",
                               "Dreaming");
  g_assert_true (waymark_autosave_get_pending (autosave));
  wait_written (autosave, &counter, 1);

  entry = waymark_autosave_get_entry (autosave);
  g_assert_nonnull (entry);
  expected = document_text (document);
  assert_file_content (waymark_recovery_entry_get_path (entry), expected);
  g_assert_cmpint (counter.latency, >=, 100 * 1000);

  sidecar = entry_file (entry, dir, ".ini");
  g_assert_true (g_key_file_load_from_file (key_file, sidecar, G_KEY_FILE_NONE, NULL));
  label = g_key_file_get_string (key_file, "Recovery", "UndoLabel", NULL);
  g_assert_cmpstr (label, ==, waymark_document_get_undo_label (document));
  g_assert_nonnull (label);
  assert_key_string (key_file, "OriginalURI", "file:///tmp/a%20map.cjmx");
  assert_key_string (key_file, "OriginalEtag", "10:20/300");
  g_assert_true (g_key_file_get_boolean (key_file, "Recovery", "Modified", NULL));

  /* Undone back to the saved state: the file holds it all, the copy goes. */
  waymark_document_undo (document);
  g_assert_false (waymark_recovery_entry_has_content (entry));
  g_assert_false (g_file_test (waymark_recovery_entry_get_path (entry), G_FILE_TEST_EXISTS));

  /* Redone, written again, then saved: gone again. */
  waymark_document_redo (document);
  wait_written (autosave, &counter, 2);
  g_assert_true (g_file_test (waymark_recovery_entry_get_path (entry), G_FILE_TEST_EXISTS));
  waymark_document_mark_saved (document);
  g_assert_false (g_file_test (waymark_recovery_entry_get_path (entry), G_FILE_TEST_EXISTS));
  g_assert_false (waymark_autosave_get_pending (autosave));

  g_clear_object (&autosave);
  g_assert_finalize_object (g_steal_pointer (&document));
  g_clear_object (&store);
  {
    g_autofree char *listing = list_dir (dir);

    g_assert_cmpstr (listing, ==, "");
  }
  remove_tree (dir);
}

/* Typing without a pause still reaches the disk within the maximum delay. */
static void
test_autosave_continuous (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (dir);
  g_autoptr(WaymarkDocument) document = waymark_synth_document (4, 10, 7);
  g_autoptr(WaymarkAutosave) autosave = waymark_autosave_new (store, document);
  WaymarkStage *stage = first_stage (document);
  Counter counter = { 0 };
  gint64 start = g_get_monotonic_time ();
  guint typed = 0;

  waymark_autosave_set_delays (autosave, 200, 400);
  g_signal_connect (autosave, "written", G_CALLBACK (count_written), &counter);

  /* A change every 20 ms, never the 200 ms pause the debounce waits for. */
  while (counter.written == 0 && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    {
      g_autofree char *name = g_strdup_printf ("Stage %u", ++typed);

      waymark_document_set_string (document, WAYMARK_ELEMENT (stage), "name", name);
      g_usleep (20 * 1000);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }

  g_assert_cmpuint (counter.written, >=, 1);
  g_test_message ("first write after %u edits, %.0f ms after the first",
                  typed, counter.latency / 1000.0);
  g_assert_cmpint (counter.latency, >=, 400 * 1000);

  waymark_autosave_discard (autosave);
  g_assert_nonnull (waymark_autosave_get_entry (autosave));
  g_assert_false (waymark_recovery_entry_has_content (waymark_autosave_get_entry (autosave)));
  g_clear_object (&autosave);
  g_assert_finalize_object (g_steal_pointer (&document));
  g_clear_object (&store);
  {
    g_autofree char *listing = list_dir (dir);

    g_assert_cmpstr (listing, ==, "");
  }
  remove_tree (dir);
}

/* What a crash leaves is what the next start restores, byte for byte. */
static void
test_autosave_restore (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autoptr(WaymarkRecoveryStore) store = waymark_recovery_store_new (dir);
  g_autoptr(WaymarkDocument) document = waymark_synth_document (5, 30, 3);
  g_autoptr(WaymarkDocument) restored = NULL;
  g_autoptr(WaymarkAutosave) autosave = waymark_autosave_new (store, document);
  g_autoptr(WaymarkAutosave) continued = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;
  WaymarkRecoveryEntry *entry;
  Counter counter = { 0 };

  g_signal_connect (autosave, "written", G_CALLBACK (count_written), &counter);
  waymark_document_set_string (document, NULL, "title", "Renamed journey");
  label = g_strdup (waymark_document_get_undo_label (document));
  g_assert_true (waymark_autosave_flush (autosave, &error));
  g_assert_no_error (error);
  before = document_text (document);

  /* "Crash": the autosave and its lock go away without a discard. */
  g_object_run_dispose (G_OBJECT (autosave));
  g_clear_object (&autosave);

  claimed = waymark_recovery_store_claim_orphans (store);
  g_assert_cmpuint (claimed->len, ==, 1);
  entry = g_ptr_array_index (claimed, 0);
  g_assert_cmpstr (waymark_recovery_entry_get_undo_label (entry), ==, label);
  g_assert_cmpstr (waymark_recovery_entry_get_title (entry), ==, "Renamed journey");
  g_assert_null (waymark_recovery_entry_get_original_uri (entry));

  content = waymark_recovery_entry_load (entry, &error);
  g_assert_no_error (error);
  restored = waymark_format_read (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                                  NULL, NULL, &error);
  g_assert_no_error (error);
  after = document_text (restored);
  g_assert_cmpstr (after, ==, before);

  /* Restored maps are unsaved whatever is undone, and continue the entry. */
  waymark_document_mark_unsaved (restored);
  g_assert_true (waymark_document_get_modified_since_save (restored));
  continued = waymark_autosave_new (store, restored);
  waymark_autosave_adopt (continued, entry);
  waymark_autosave_set_delays (continued, 50, 100);
  g_signal_connect (continued, "written", G_CALLBACK (count_written), &counter);
  waymark_document_set_string (restored, NULL, "description", "After the crash");
  waymark_document_undo (restored);
  g_assert_true (waymark_document_get_modified_since_save (restored));
  wait_written (continued, &counter, 1);
  {
    g_autofree char *sidecar = entry_file (entry, dir, ".ini");
    g_autoptr(GKeyFile) key_file = g_key_file_new ();

    /* Nothing left to undo: the restored label still names the state. */
    g_assert_true (g_key_file_load_from_file (key_file, sidecar, G_KEY_FILE_NONE, NULL));
    assert_key_string (key_file, "UndoLabel", label);
  }
  g_assert_true (waymark_autosave_get_entry (continued) == entry);

  waymark_autosave_discard (continued);
  g_assert_false (g_file_test (waymark_recovery_entry_get_path (entry), G_FILE_TEST_EXISTS));
  g_clear_object (&continued);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery/store/write-list-remove", test_store_write_list_remove);
  g_test_add_func ("/recovery/store/newest-first", test_store_newest_first);
  g_test_add_func ("/recovery/store/live-owner", test_store_live_owner);
  g_test_add_func ("/recovery/store/corrupted-sidecar", test_store_corrupted_sidecar);
  g_test_add_func ("/recovery/store/crash-leftovers", test_store_crash_leftovers);
  g_test_add_func ("/recovery/store/atomic", test_store_atomic);
  g_test_add_func ("/recovery/store/atomic/subprocess", test_store_atomic_write);
  g_test_add_func ("/recovery/store/write-then-remove", test_store_write_then_remove);
  g_test_add_func ("/recovery/autosave/cycle", test_autosave_cycle);
  g_test_add_func ("/recovery/autosave/continuous", test_autosave_continuous);
  g_test_add_func ("/recovery/autosave/restore", test_autosave_restore);

  return g_test_run ();
}
