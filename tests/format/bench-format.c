/* bench-format.c — load and save times of .cjmx files, beside xmllint
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with `meson test --benchmark` (or directly: bench-format [XMLLINT]).
 * Prints figures; asserts nothing about time.
 */
#define G_LOG_DOMAIN "waymark-bench-format"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>

#include <glib/gstdio.h>

#include "waymark-format.h"
#include "waymark-synth.h"

#define N_RUNS 7

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time is what the comparison uses: the machine may be busy with
 * other work, which stretches wall time but not the CPU a parse needs. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static WaymarkDocument *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  WaymarkDocument *document;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  document = waymark_format_read (contents, length, NULL, NULL, &error);
  if (document == NULL)
    g_error ("%s: %s", path, error->message);
  return document;
}

/* Runs argv to completion; returns wall time in ms, and the child's CPU
 * time in ms and peak RSS in KiB. The peak RSS of a direct child also
 * counts the parent's memory at fork time, see measure_main(). */
static double
run_child (const char * const *argv,
           double             *cpu,
           long               *max_rss_kib)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status = 0;
  double start = now_ms ();
  double elapsed;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                      G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4 failed");
  elapsed = now_ms () - start;
  g_spawn_close_pid (pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s exited with status %d", argv[0], status);
  if (max_rss_kib != NULL)
    *max_rss_kib = usage.ru_maxrss;
  if (cpu != NULL)
    *cpu = usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0
           + usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
  return elapsed;
}

/* A freshly started, small process runs the command and prints its peak
 * RSS: Linux carries the high-water mark over fork and exec, so measuring
 * from the big benchmark process would report its own size. */
static int
measure_main (const char * const *argv)
{
  long rss = 0;

  run_child (argv, NULL, &rss);
  printf ("%ld\n", rss);
  return 0;
}

static long
measure_rss (const char         *self,
             const char * const *argv)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_ptr_array_add (full, (gpointer) self);
  g_ptr_array_add (full, (gpointer) "--measure");
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);
  if (!g_spawn_sync (NULL, (char **) full->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("%s", error->message);
  return atol (out);
}

/* Child mode: load the file (or nothing) so the parent can read the peak
 * memory of a process that did just that. */
static int
child_main (const char *mode,
            const char *path)
{
  if (g_str_equal (mode, "--child-load"))
    {
      WaymarkDocument *document = load (path);

      g_object_unref (document);
    }
  else
    {
      /* Same start-up as a load: the type system and libxml2. */
      g_autoptr(WaymarkDocument) document = waymark_document_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(WaymarkDocument) none = waymark_format_read ("<x/>", 4, NULL, NULL, &error);

      g_assert_nonnull (document);
      g_assert_null (none);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  static const struct { guint stages, touchpoints; } sizes[] = {
    { 8, 100 }, { 12, 2000 }, { 20, 10000 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;
  const char *xmllint = NULL;

  if (argc == 3 && g_str_has_prefix (argv[1], "--child-"))
    return child_main (argv[1], argv[2]);
  if (argc > 2 && g_str_equal (argv[1], "--measure"))
    return measure_main ((const char * const *) &argv[2]);

  if (argc > 1 && argv[1][0] != '\0')
    xmllint = argv[1];
  else
    xmllint = g_find_program_in_path ("xmllint");

  self = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("waymark-bench-XXXXXX", &error);
  g_assert_no_error (error);

  printf ("Medians of %d runs, CPU time (wall time in parentheses).\n"
          "load: read the file, parse, build the document. xmllint: `xmllint --noout` on the\n"
          "same file, the whole process. serialise: document to bytes in memory. save:\n"
          "waymark_format_save_file() (serialise, atomic replace, fsync). RSS: peak of a\n"
          "process that only loads the file (in parentheses: above an idle one).\n\n",
          N_RUNS);
  printf ("%6s %6s %15s %15s %6s %10s %15s %9s %16s %8s\n",
          "cards", "KiB", "load ms", "xmllint ms", "ratio", "serialise", "save ms",
          "save/load", "RSS MiB", "xmllint");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(WaymarkDocument) document = waymark_synth_document (sizes[s].stages,
                                                                    sizes[s].touchpoints, 2024);
      g_autofree char *path = g_strdup_printf ("%s/map-%u.cjmx", dir, sizes[s].touchpoints);
      g_autofree char *save_path = g_strdup_printf ("%s/saved-%u.cjmx", dir, sizes[s].touchpoints);
      g_autoptr(GFile) save_file = g_file_new_for_path (save_path);
      g_autoptr(GBytes) bytes = waymark_format_write (document);
      double load_ms[N_RUNS], load_wall[N_RUNS];
      double lint_ms[N_RUNS], lint_wall[N_RUNS];
      double write_ms[N_RUNS];
      double save_ms[N_RUNS], save_wall[N_RUNS];
      long rss_load = 0;
      long rss_idle = 0;
      long rss_lint = 0;
      double load_median;
      double lint_median = 0.0;
      double save_median;

      if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                &error))
        g_error ("%s", error->message);

      /* Warm the page cache and the type system before timing. */
      g_object_unref (load (path));

      for (guint r = 0; r < N_RUNS; r++)
        {
          double start = now_ms ();
          double start_cpu = cpu_ms ();
          WaymarkDocument *loaded = load (path);

          load_ms[r] = cpu_ms () - start_cpu;
          load_wall[r] = now_ms () - start;
          g_object_unref (loaded);

          start_cpu = cpu_ms ();
          g_bytes_unref (waymark_format_write (document));
          write_ms[r] = cpu_ms () - start_cpu;

          start = now_ms ();
          start_cpu = cpu_ms ();
          if (!waymark_format_save_file (document, save_file, NULL, &error))
            g_error ("%s", error->message);
          save_ms[r] = cpu_ms () - start_cpu;
          save_wall[r] = now_ms () - start;

          if (xmllint != NULL)
            {
              const char *lint_argv[] = { xmllint, "--noout", path, NULL };

              lint_wall[r] = run_child (lint_argv, &lint_ms[r], NULL);
            }
        }

      {
        const char *load_argv[] = { self, "--child-load", path, NULL };
        const char *idle_argv[] = { self, "--child-idle", path, NULL };
        const char *lint_argv[] = { xmllint, "--noout", path, NULL };

        rss_load = measure_rss (self, load_argv);
        rss_idle = measure_rss (self, idle_argv);
        if (xmllint != NULL)
          rss_lint = measure_rss (self, lint_argv);
      }

      load_median = median (load_ms, N_RUNS);
      save_median = median (save_ms, N_RUNS);
      if (xmllint != NULL)
        lint_median = median (lint_ms, N_RUNS);

      printf ("%6u %6.0f %6.1f (%6.1f) %6.1f (%6.1f) %6.2f %10.1f %6.1f (%6.1f) %9.2f "
              "%6.1f (+%5.1f) %8.1f\n",
              sizes[s].touchpoints,
              g_bytes_get_size (bytes) / 1024.0,
              load_median, median (load_wall, N_RUNS),
              lint_median, xmllint != NULL ? median (lint_wall, N_RUNS) : 0.0,
              xmllint != NULL ? load_median / lint_median : 0.0,
              median (write_ms, N_RUNS),
              save_median, median (save_wall, N_RUNS),
              save_median / load_median,
              rss_load / 1024.0,
              (rss_load - rss_idle) / 1024.0,
              rss_lint / 1024.0);

      g_remove (path);
      g_remove (save_path);
    }

  if (xmllint == NULL)
    printf ("xmllint not found: no comparison.\n");

  g_rmdir (dir);
  return 0;
}
