/* fuzz-replay.c — runs a fuzz harness over files, without libFuzzer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ordinary builds link each harness with this main(), so the seed corpus and
 * every crash ever found (tests/hostile/regressions) are replayed by every
 * test run, under the sanitizers in CI, and the harnesses cannot rot.
 *
 * Usage: fuzz-HARNESS FILE-OR-DIRECTORY...
 */
#define G_LOG_DOMAIN "waymark-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "waymark-fuzz.h"

static guint n_inputs;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    waymark_fuzz_fail ("%s", error->message);

  /* A crash report should name the input that caused it. */
  if (g_getenv ("WAYMARK_FUZZ_VERBOSE") != NULL)
    fprintf (stderr, "%s\n", path);

  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  n_inputs++;
}

static void
replay_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    waymark_fuzz_fail ("%s", error->message);

  /* Sorted, so that runs are reproducible. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && !g_str_has_suffix (name, ".build") && strcmp (name, "meson.build") != 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);

      replay_path (child);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
      return 2;
    }

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        waymark_fuzz_fail ("%s: no such file or directory", argv[i]);
      replay_path (argv[i]);
    }

  if (n_inputs == 0)
    waymark_fuzz_fail ("no inputs found: a replay that checks nothing would pass");

  printf ("%u inputs replayed\n", n_inputs);
  return 0;
}
