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
  g_assert_nonnull (strstr (result.out, "--upgrade"));
  g_assert_nonnull (strstr (result.out, "--view=NAME"));
  g_assert_nonnull (strstr (result.out, "--insights-page"));
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

static char *
source_file (const char *first,
             ...)
{
  GPtrArray *parts = g_ptr_array_new ();
  va_list ap;
  char *path;

  g_ptr_array_add (parts, (char *) g_getenv ("WAYMARK_SOURCE_ROOT"));
  va_start (ap, first);
  for (const char *p = first; p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (parts, (char *) p);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_unref (parts);
  return path;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* What reading repaired is reported as compilers report warnings, and the
 * file is still ok. */
static void
test_check_warnings (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "clamped.cjmx",
                                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                      "<journey-map xmlns=\"https://waymark.github.io/ns/cjmx\" "
                                      "version=\"2\">\n"
                                      "  <emotion-scale min=\"-1\" max=\"1\"/>\n"
                                      "  <stage id=\"st-1\"/>\n"
                                      "  <lane id=\"ln-1\"/>\n"
                                      "  <touchpoint id=\"tp-1\" stage=\"st-1\" lane=\"ln-1\" "
                                      "emotion=\"3\"/>\n"
                                      "</journey-map>\n");
  g_autofree char *expected_err = g_strdup_printf ("%s:6:50: warning: Touchpoint “tp-1” has the "
                                                   "emotion 3, outside the map’s scale from -1 "
                                                   "to 1, so it was set to 1.\n", path);
  g_autofree char *expected_out = g_strdup_printf ("%s: ok\n", path);
  g_auto(Result) result = { 0 };

  run (&result, "--check", path, NULL);
  g_assert_cmpstr (result.err, ==, expected_err);
  g_assert_cmpstr (result.out, ==, expected_out);
  g_assert_cmpint (result.status, ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_upgrade (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *v1_source = source_file ("tests", "format", "v2", "upgrade-v1.cjmx", NULL);
  g_autofree char *expected_path = source_file ("tests", "format", "v2",
                                                "upgrade-v1-expected.cjmx", NULL);
  g_autofree char *v1_text = read_text (v1_source);
  g_autofree char *expected = read_text (expected_path);
  g_autofree char *old = write_temp (dir, "old.cjmx", v1_text);
  g_autofree char *loose = write_temp (dir, "loose.cjmx",
                                       "<journey-map xmlns='https://waymark.github.io/ns/cjmx' "
                                       "version='2'><title>Loose</title></journey-map>");
  g_autofree char *broken = write_temp (dir, "broken.cjmx", "<journey-map");
  g_autofree char *after = NULL;

  {
    g_auto(Result) result = { 0 };
    g_autofree char *out = g_strdup_printf ("%s: upgraded from format version 1 to 2\n"
                                            "%s: rewritten in Waymark’s own layout\n",
                                            old, loose);

    run (&result, "--upgrade", old, loose, NULL);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_cmpstr (result.out, ==, out);
    g_assert_cmpint (result.status, ==, 0);
    after = read_text (old);
    g_assert_cmpstr (after, ==, expected);
    g_clear_pointer (&after, g_free);
    after = read_text (loose);
    g_assert_true (g_str_has_prefix (after, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                            "<journey-map xmlns=\"https://waymark.github.io/ns/"
                                            "cjmx\" version=\"2\">\n  <title>Loose</title>\n"));
    g_clear_pointer (&after, g_free);
  }
  {
    /* A second run has nothing to do; a damaged map is left alone. */
    g_auto(Result) result = { 0 };
    g_autofree char *out = g_strdup_printf ("%s: already up to date\n", old);

    run (&result, "--upgrade", old, broken, NULL);
    g_assert_cmpstr (result.out, ==, out);
    g_assert_true (g_str_has_prefix (result.err, broken));
    g_assert_cmpint (result.status, ==, 1);
    after = read_text (broken);
    g_assert_cmpstr (after, ==, "<journey-map");
  }
  {
    g_auto(Result) result = { 0 };

    run (&result, "--upgrade", NULL);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_nonnull (strstr (result.err, "at least one file"));
  }

  /* Saved atomically: no temporary file is left behind. */
  g_assert_cmpuint (count_files (dir), ==, 3);
  g_unlink (old);
  g_unlink (loose);
  g_unlink (broken);
  g_rmdir (dir);
}

static void
test_export_view (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *map = source_file ("tests", "format", "v2", "full.cjmx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "exec.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "exec.png", NULL);
  g_autofree char *pdf_arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *png_arg = g_strdup_printf ("--export=%s", png);
  g_autofree char *plain = write_temp (dir, "plain.cjmx",
                                       "<journey-map xmlns=\"https://waymark.github.io/ns/cjmx\" "
                                       "version=\"2\"/>");

  {
    g_auto(Result) result = { 0 };

    run (&result, pdf_arg, "--view=Exec summary", "--insights-page", map, NULL);
    g_assert_cmpstr (result.err, ==, "");
    g_assert_cmpint (result.status, ==, 0);
    assert_file_starts_with (pdf, "%PDF-", 5);
  }
  {
    g_auto(Result) result = { 0 };
    g_autofree char *err = g_strdup_printf ("waymark: %s has no view “Board”; its views are "
                                            "“Exec summary”, “Nothing”\n", map);

    run (&result, png_arg, "--view=Board", map, NULL);
    g_assert_cmpstr (result.err, ==, err);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Result) result = { 0 };
    g_autofree char *err = g_strdup_printf ("waymark: %s has no view “Board”; it has no saved "
                                            "views at all\n", plain);

    run (&result, png_arg, "--view=Board", plain, NULL);
    g_assert_cmpstr (result.err, ==, err);
    g_assert_cmpint (result.status, ==, 2);
  }
  {
    g_auto(Result) result = { 0 };

    run (&result, png_arg, "--insights-page", map, NULL);
    g_assert_cmpstr (result.err, ==, "waymark: --insights-page goes with a PDF export\n");
    g_assert_cmpint (result.status, ==, 2);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Result) result = { 0 };

    run (&result, "--view=Exec summary", map, NULL);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_nonnull (strstr (result.err, "--export"));
  }

  g_unlink (pdf);
  g_unlink (plain);
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
  g_test_add_func ("/cli/check-warnings", test_check_warnings);
  g_test_add_func ("/cli/upgrade", test_upgrade);
  g_test_add_func ("/cli/export-view", test_export_view);

  return g_test_run ();
}
