/* test-cli.c — the waymark command line, run as a user would, without a display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

static const char *waymark_path;
static char *example_path;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs waymark with no display at all, so any attempt to open GTK fails. */
static void
run (Result     *result,
     const char *first_arg,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) waymark_path);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_version (void)
{
  g_auto(Result) result = { 0 };

  run (&result, "--version", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "waymark " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Result) result = { 0 };

  run (&result, "--help", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "--check"));
  g_assert_nonnull (strstr (result.out, "--export=OUT"));
  g_assert_nonnull (strstr (result.out, "--page=SIZE"));
  g_assert_nonnull (strstr (result.out, "journey map"));
}

static void
test_check_example (void)
{
  g_auto(Result) result = { 0 };
  g_autofree char *expected = g_strdup_printf ("%s: ok\n", example_path);

  run (&result, "--check", example_path, NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpstr (result.out, ==, expected);
  g_assert_cmpint (result.status, ==, 0);
}

static void
test_check_broken (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *empty = write_temp (dir, "empty.cjmx", "");
  g_autofree char *wrong_root = write_temp (dir, "wrong-root.cjmx",
                                            "<?xml version=\"1.0\"?>\n"
                                            "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>\n");
  g_autofree char *missing = g_build_filename (dir, "missing.cjmx", NULL);
  g_auto(Result) result = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *prefix = NULL;

  run (&result, "--check", example_path, empty, wrong_root, missing, NULL);
  g_assert_cmpint (result.status, ==, 1);

  /* The good file still reports ok; each bad one has its own line. */
  g_assert_nonnull (strstr (result.out, ": ok\n"));
  lines = g_strsplit (result.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], empty));
  prefix = g_strdup_printf ("%s:2:", wrong_root);
  g_assert_true (g_str_has_prefix (lines[1], prefix));
  g_assert_nonnull (strstr (lines[1], "journey-map"));
  g_assert_true (g_str_has_prefix (lines[2], missing));
  g_assert_cmpstr (lines[3], ==, "");

  g_unlink (empty);
  g_unlink (wrong_root);
  g_rmdir (dir);
}

static void
test_check_without_files (void)
{
  g_auto(Result) result = { 0 };

  run (&result, "--check", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "at least one file"));
}

static void
assert_file_starts_with (const char *path,
                         const char *magic,
                         gsize       magic_len)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, magic_len);
  g_assert_cmpmem (contents, magic_len, magic, magic_len);
}

static void
test_export_formats (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "map.PNG", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *png_arg = g_strdup_printf ("--export=%s", png);
  g_autofree char *pdf_arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *svg_arg = g_strdup_printf ("--export=%s", svg);

  {
    g_auto(Result) result = { 0 };
    run (&result, png_arg, "--scale=1", example_path, NULL);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_cmpint (result.status, ==, 0);
    assert_file_starts_with (png, "\x89PNG\r\n\x1a\n", 8);
  }
  {
    g_auto(Result) result = { 0 };
    run (&result, pdf_arg, "--page=slide", example_path, NULL);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_cmpint (result.status, ==, 0);
    assert_file_starts_with (pdf, "%PDF-", 5);
  }
  {
    g_auto(Result) result = { 0 };
    run (&result, svg_arg, example_path, NULL);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_cmpint (result.status, ==, 0);
    assert_file_starts_with (svg, "<?xml", 5);
  }

  g_unlink (png);
  g_unlink (pdf);
  g_unlink (svg);
  g_rmdir (dir);
}

static void
test_export_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *broken = write_temp (dir, "broken.cjmx", "<journey-map");
  g_autofree char *existing = write_temp (dir, "existing.png", "precious");
  g_autofree char *to_existing = g_strdup_printf ("--export=%s", existing);
  g_autofree char *to_docx = g_strdup_printf ("--export=%s/map.docx", dir);
  g_autofree char *to_missing_dir = g_strdup_printf ("--export=%s/no/such/dir/map.png", dir);
  g_autofree char *contents = NULL;

  {
    /* Unknown extension: one clear line, nothing written. */
    g_auto(Result) result = { 0 };
    run (&result, to_docx, example_path, NULL);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_nonnull (strstr (result.err, ".docx"));
    g_assert_cmpuint (strlen (result.err), ==, strchr (result.err, '\n') - result.err + 1);
  }
  {
    /* A damaged map never clobbers an earlier export. */
    g_auto(Result) result = { 0 };
    run (&result, to_existing, broken, NULL);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_true (g_str_has_prefix (result.err, broken));
    g_file_get_contents (existing, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, "precious");
  }
  {
    g_auto(Result) result = { 0 };
    run (&result, to_missing_dir, example_path, NULL);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_true (g_str_has_prefix (result.err, "waymark: "));
    g_assert_cmpuint (strlen (result.err), ==, strchr (result.err, '\n') - result.err + 1);
  }
  {
    g_auto(Result) result = { 0 };
    run (&result, to_existing, "--page=poster", example_path, NULL);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_nonnull (strstr (result.err, "poster"));
  }
  {
    g_auto(Result) result = { 0 };
    run (&result, "--scale=3", example_path, NULL);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_nonnull (strstr (result.err, "--export"));
  }

  /* Only the two files we made are left: no temporary files behind. */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }

  g_unlink (broken);
  g_unlink (existing);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  waymark_path = g_getenv ("WAYMARK_BINARY");
  g_assert_nonnull (waymark_path);
  example_path = g_build_filename (g_getenv ("WAYMARK_SOURCE_ROOT"),
                                   "data", "examples", "hotel-stay.cjmx", NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/check-example", test_check_example);
  g_test_add_func ("/cli/check-broken", test_check_broken);
  g_test_add_func ("/cli/check-without-files", test_check_without_files);
  g_test_add_func ("/cli/export-formats", test_export_formats);
  g_test_add_func ("/cli/export-errors", test_export_errors);

  return g_test_run ();
}
