/* test-failed-saves.c — a save that fails changes nothing on disk and says why
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case saves a map over an existing file where the save cannot work,
 * then checks that the error is the expected one, that the original file is
 * byte for byte what it was, that no temporary file is left beside it, and
 * that the message shown in the app names the cause and what to do.
 *
 * The tests run as root in CI, and root ignores file modes: "permission
 * denied" runs its save in a child process that gives up root for nobody,
 * a read-only folder is a read-only tmpfs (or an immutable folder), and a
 * full disk is a tiny tmpfs. Each case skips, saying why, where the sandbox
 * forbids what it needs.
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "waymark-format.h"
#include "waymark-recovery.h"
#include "waymark-synth.h"

#define NOBODY 65534

/* ---- Helpers ------------------------------------------------------------ */

typedef struct
{
  char   *dir;       /* the folder of the map */
  char   *target;    /* the map */
  GBytes *original;  /* what the map holds before the save */
  char   *listing;   /* the folder's names before the save */
} Case;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

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

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* A map of about 40 KiB: larger than the limits the cases set. */
static WaymarkDocument *
big_document (void)
{
  return waymark_synth_document (8, 120, 11);
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("waymark-failed-save-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Writes the original map into dir (created if needed). */
static void
case_init (Case       *c,
           const char *dir)
{
  g_autoptr(WaymarkDocument) small = waymark_synth_document (2, 3, 5);
  g_autoptr(GError) error = NULL;

  c->dir = g_strdup (dir);
  c->target = g_build_filename (dir, "map.cjmx", NULL);
  c->original = waymark_format_write (small);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (c->target, g_bytes_get_data (c->original, NULL),
                                      g_bytes_get_size (c->original), &error));
  g_assert_no_error (error);
}

static void
case_snapshot (Case *c)
{
  g_free (c->listing);
  c->listing = list_dir (c->dir);
}

static void
case_clear (Case *c)
{
  g_clear_pointer (&c->dir, g_free);
  g_clear_pointer (&c->target, g_free);
  g_clear_pointer (&c->original, g_bytes_unref);
  g_clear_pointer (&c->listing, g_free);
}

/* The original is what it was and nothing was added beside it. */
static void
case_assert_untouched (Case *c)
{
  g_autofree char *contents = NULL;
  g_autofree char *listing = list_dir (c->dir);
  gsize length = 0;

  g_assert_true (g_file_get_contents (c->target, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (c->original, NULL),
                   g_bytes_get_size (c->original));
  g_assert_cmpstr (listing, ==, c->listing);
}

static void
assert_message (Case         *c,
                const GError *error,
                const char   *advice)
{
  g_autoptr(GFile) file = g_file_new_for_path (c->target);
  g_autofree char *body = waymark_recovery_describe_save_error (file, error);

  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, error->message));
  g_assert_nonnull (strstr (body, advice));
  g_assert_nonnull (strstr (body, "Your changes are still open"));
}

static gboolean
save_big (const char  *target,
          GError     **error)
{
  g_autoptr(WaymarkDocument) document = big_document ();
  g_autoptr(GFile) file = g_file_new_for_path (target);

  return waymark_format_save_file (document, file, NULL, error);
}

/* Mounts a tmpfs of size bytes on dir; FALSE (and a skip) if not allowed. */
static gboolean
mount_tmpfs (const char *dir,
             const char *options)
{
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (mount ("none", dir, "tmpfs", 0, options) != 0)
    {
      g_autofree char *reason =
        g_strdup_printf ("mounting a tmpfs is not permitted here (%s); this case needs root "
                         "with CAP_SYS_ADMIN, as in CI", g_strerror (errno));

      g_test_skip (reason);
      return FALSE;
    }
  return TRUE;
}

/* ---- Cases -------------------------------------------------------------- */

static void
test_read_only_folder (void)
{
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *mnt = g_build_filename (tmp, "usb-stick", NULL);
  g_autoptr(GError) error = NULL;
  Case c = { 0 };

  if (!mount_tmpfs (mnt, "size=1m,mode=0755"))
    {
      remove_tree (tmp);
      return;
    }

  case_init (&c, mnt);
  g_assert_cmpint (mount ("none", mnt, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
  case_snapshot (&c);

  g_assert_false (save_big (c.target, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  case_assert_untouched (&c);
  assert_message (&c, error, "cannot be written to");

  g_assert_cmpint (umount (mnt), ==, 0);
  case_clear (&c);
  remove_tree (tmp);
}

/* The same without mount: an immutable folder refuses new files, even to root. */
static void
test_immutable_folder (void)
{
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *folder = g_build_filename (tmp, "locked", NULL);
  g_autofree char *chattr = g_find_program_in_path ("chattr");
  g_autoptr(GError) error = NULL;
  const char *set_argv[] = { chattr, "+i", folder, NULL };
  const char *unset_argv[] = { chattr, "-i", folder, NULL };
  int status = -1;
  Case c = { 0 };

  case_init (&c, folder);
  if (chattr == NULL ||
      !g_spawn_sync (NULL, (char **) set_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("chattr +i is not available or not permitted on this file system; the "
                   "read-only tmpfs and the nobody cases cover refused writes");
      case_clear (&c);
      remove_tree (tmp);
      return;
    }
  case_snapshot (&c);

  /* No temporary file can be made in the folder: the save must fail
   * rather than rewrite the map in place, which a failure half-way would
   * destroy. */
  g_assert_false (save_big (c.target, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  case_assert_untouched (&c);
  assert_message (&c, error, "You may not change files");

  g_assert_true (g_spawn_sync (NULL, (char **) unset_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, NULL));
  case_clear (&c);
  remove_tree (tmp);
}

/* Runs in a child: gives up root when it has it, then saves. */
static void
test_permission_denied_child (void)
{
  const char *target = g_getenv ("WAYMARK_TEST_TARGET");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (target);
  if (getuid () == 0)
    {
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (NOBODY), ==, 0);
      g_assert_cmpint (setuid (NOBODY), ==, 0);
    }
  g_assert_cmpint (geteuid (), !=, 0);

  g_assert_false (save_big (target, &error));
  g_assert_nonnull (error);
  printf ("domain=%s code=%d\nmessage=%s\n", g_quark_to_string (error->domain), error->code,
          error->message);
}

static void
test_permission_denied (void)
{
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *folder = g_build_filename (tmp, "shared", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  Case c = { 0 };

  /* A folder of someone else's where we may read but not write. */
  case_init (&c, folder);
  g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  g_assert_cmpint (g_chmod (c.target, 0444), ==, 0);
  case_snapshot (&c);

  g_setenv ("WAYMARK_TEST_TARGET", c.target, TRUE);
  g_test_trap_subprocess ("/recovery/failed-save/permission-denied/subprocess", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  expected = g_strdup_printf ("*domain=g-io-error-quark code=%d*not allowed to write*",
                              G_IO_ERROR_PERMISSION_DENIED);
  g_test_trap_assert_stdout (expected);
  case_assert_untouched (&c);

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Permission denied");
  assert_message (&c, error, "in a folder of your own");

  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  case_clear (&c);
  remove_tree (tmp);
}

/* Runs in a child: the file size limit makes the write fail half-way. */
static void
test_too_large_child (void)
{
  const char *target = g_getenv ("WAYMARK_TEST_TARGET");
  struct rlimit limit = { 8192, 8192 };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (target);
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (save_big (target, &error));
  g_assert_nonnull (error);
  printf ("domain=%s code=%d\nmessage=%s\n", g_quark_to_string (error->domain), error->code,
          error->message);
}

static void
test_too_large (void)
{
  g_autofree char *tmp = make_tmpdir ();
  g_autoptr(GBytes) big = NULL;
  g_autoptr(WaymarkDocument) document = big_document ();
  g_autoptr(GError) error = NULL;
  Case c = { 0 };

  big = waymark_format_write (document);
  g_assert_cmpuint (g_bytes_get_size (big), >, 8192 * 2);

  case_init (&c, tmp);
  g_assert_cmpuint (g_bytes_get_size (c.original), <, 8192);
  case_snapshot (&c);

  g_setenv ("WAYMARK_TEST_TARGET", c.target, TRUE);
  g_test_trap_subprocess ("/recovery/failed-save/too-large/subprocess", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*File too large*");
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "File too large");
  assert_message (&c, error, "larger than the disk or your account allows");
  case_assert_untouched (&c);

  case_clear (&c);
  remove_tree (tmp);
}

/* A new file (Save As) that cannot be completed leaves nothing either. */
static void
test_too_large_new_file (void)
{
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *target = g_build_filename (tmp, "new.cjmx", NULL);
  g_autofree char *listing = NULL;

  g_setenv ("WAYMARK_TEST_TARGET", target, TRUE);
  g_test_trap_subprocess ("/recovery/failed-save/too-large/subprocess", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  listing = list_dir (tmp);
  g_assert_cmpstr (listing, ==, "");

  remove_tree (tmp);
}

static void
test_disk_full (void)
{
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *mnt = g_build_filename (tmp, "small-disk", NULL);
  g_autofree char *filler = NULL;
  g_autoptr(GError) error = NULL;
  Case c = { 0 };
  FILE *out;
  char block[4096];

  if (!mount_tmpfs (mnt, "size=64k,mode=0755"))
    {
      remove_tree (tmp);
      return;
    }

  case_init (&c, mnt);
  /* Fill what is left, so that the new map cannot fit beside the old one. */
  filler = g_build_filename (mnt, "other-files", NULL);
  memset (block, 'f', sizeof block);
  out = fopen (filler, "w");
  g_assert_nonnull (out);
  while (fwrite (block, 1, sizeof block, out) == sizeof block && fflush (out) == 0)
    ;
  fclose (out);
  case_snapshot (&c);

  g_assert_false (save_big (c.target, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  assert_message (&c, error, "The disk is full");
  case_assert_untouched (&c);

  g_assert_cmpint (umount (mnt), ==, 0);
  case_clear (&c);
  remove_tree (tmp);
}

static void
test_target_is_directory (void)
{
  g_autofree char *tmp = make_tmpdir ();
  g_autofree char *inside = NULL;
  g_autofree char *inside_before = NULL;
  g_autofree char *inside_after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  Case c = { 0 };

  /* The map was replaced by a folder of the same name, with a file in it. */
  case_init (&c, tmp);
  g_assert_cmpint (g_unlink (c.target), ==, 0);
  g_assert_cmpint (g_mkdir (c.target, 0755), ==, 0);
  inside = g_build_filename (c.target, "keep.txt", NULL);
  g_assert_true (g_file_set_contents (inside, "precious", -1, NULL));
  case_snapshot (&c);
  inside_before = list_dir (c.target);

  g_assert_false (save_big (c.target, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  assert_message (&c, error, "A folder has the name of the map");

  listing = list_dir (tmp);
  g_assert_cmpstr (listing, ==, c.listing);
  inside_after = list_dir (c.target);
  g_assert_cmpstr (inside_after, ==, inside_before);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  case_clear (&c);
  remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery/failed-save/read-only-folder", test_read_only_folder);
  g_test_add_func ("/recovery/failed-save/immutable-folder", test_immutable_folder);
  g_test_add_func ("/recovery/failed-save/permission-denied", test_permission_denied);
  g_test_add_func ("/recovery/failed-save/permission-denied/subprocess",
                   test_permission_denied_child);
  g_test_add_func ("/recovery/failed-save/too-large", test_too_large);
  g_test_add_func ("/recovery/failed-save/too-large/subprocess", test_too_large_child);
  g_test_add_func ("/recovery/failed-save/too-large-new-file", test_too_large_new_file);
  g_test_add_func ("/recovery/failed-save/disk-full", test_disk_full);
  g_test_add_func ("/recovery/failed-save/target-is-directory", test_target_is_directory);

  return g_test_run ();
}
