/* bench-hostile.c — time and peak memory of the reader on each hostile case
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case runs in its own forked child under the same limits as the
 * tests. The child generates its input, resets the kernel's peak-RSS mark,
 * then reads: "read ms" and "read peak" cover the reader alone (with the
 * input held in memory); "process peak" is the child's whole life. Prints a
 * table for docs/reliability.md; asserts nothing about time.
 */
#define G_LOG_DOMAIN "waymark-hostile"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "hostile-inputs.h"
#include "hostile-limits.h"
#include "waymark-format.h"
#include "waymark-synth.h"

typedef struct
{
  const char *name;
  GBytes   *(*make) (void);
} Case;

typedef struct
{
  gint64 read_usec;
  gint64 read_peak_kb;
  gint64 input_bytes;
  int    outcome;      /* -1 loaded, else the WaymarkFormatError code */
} Report;

/* ---- Inputs --------------------------------------------------------------- */

static GBytes *make_base (void) { return hostile_base_map (3); }
static GBytes *make_billion_laughs (void) { return hostile_billion_laughs (10); }
static GBytes *make_quadratic (void) { return hostile_quadratic_blowup (100000, 100000); }
static GBytes *make_xxe (void) { return hostile_external_entity ("/etc/passwd"); }
static GBytes *make_dtd (void) { return hostile_external_dtd ("http://127.0.0.1:9/map.dtd"); }
static GBytes *make_deep_ours (void) { return hostile_deep_nesting (100000, FALSE); }
static GBytes *make_deep_foreign (void) { return hostile_deep_nesting (100000, TRUE); }
static GBytes *make_huge_text (void) { return hostile_huge_text (100 * 1000 * 1000); }
static GBytes *make_text_limit (void) { return hostile_huge_text (WAYMARK_FORMAT_MAX_TEXT_LENGTH); }
static GBytes *make_huge_attribute (void) { return hostile_huge_attribute (100 * 1000 * 1000); }
static GBytes *make_invalid_utf8 (void) { return hostile_title_bytes ("caf\xC3\x28", 5); }
static GBytes *make_nul (void) { return hostile_title_bytes ("a\0b", 3); }
static GBytes *make_png (void) { return hostile_png (); }
static GBytes *make_nan (void) { return hostile_number (HOSTILE_MARK_WIDTH, "NaN"); }
static GBytes *make_1e400 (void) { return hostile_number (HOSTILE_MARK_METRIC, "1e400"); }
static GBytes *make_stages_limit (void) { return hostile_many_stages (WAYMARK_FORMAT_MAX_STAGES); }
static GBytes *make_100k_stages (void) { return hostile_many_stages (100000); }

/* The largest maps tested: a big real-world map, and one at the limits. */
static GBytes *
make_synth (guint n_stages,
            guint n_touchpoints)
{
  g_autoptr(WaymarkDocument) document = waymark_synth_document (n_stages, n_touchpoints, 1);

  return waymark_format_write (document);
}

static GBytes *make_synth_big (void) { return make_synth (60, 2000); }
static GBytes *make_synth_huge (void) { return make_synth (1000, 200000); }

/* Never written to, so the pages stay unmapped: only the size is real. */
static GBytes *
make_too_large (void)
{
  gsize size = WAYMARK_FORMAT_MAX_FILE_SIZE + 1;
  char *data = g_malloc0 (size);

  memcpy (data, "<?xml", 5);
  return g_bytes_new_take (data, size);
}

static GBytes *
make_example (void)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".",
                                            "data", "examples", "hotel-stay.cjmx", NULL);
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_bytes_new_take (contents, len);
}

static const Case cases[] = {
  { "base map (3 stages)", make_base },
  { "hotel-stay.cjmx", make_example },
  { "billion laughs", make_billion_laughs },
  { "quadratic blowup", make_quadratic },
  { "external entity", make_xxe },
  { "external DTD URL", make_dtd },
  { "nesting 100k, ours", make_deep_ours },
  { "nesting 100k, foreign", make_deep_foreign },
  { "100 MB text node", make_huge_text },
  { "1 MiB text (limit)", make_text_limit },
  { "100 MB attribute", make_huge_attribute },
  { "256 MiB + 1 file", make_too_large },
  { "invalid UTF-8", make_invalid_utf8 },
  { "NUL byte", make_nul },
  { "PNG renamed", make_png },
  { "width NaN", make_nan },
  { "metric 1e400", make_1e400 },
  { "1000 stages (limit)", make_stages_limit },
  { "100,000 stages", make_100k_stages },
  { "60 stages, 2000 cards", make_synth_big },
  { "1000 stages, 200k cards", make_synth_huge },
};

/* ---- Measuring ------------------------------------------------------------ */

static gint64
read_peak_kb (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  hwm = strstr (status, "VmHWM:");
  return hwm != NULL ? g_ascii_strtoll (hwm + strlen ("VmHWM:"), NULL, 10) : -1;
}

static void
reset_peak (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY);

  /* "5" resets VmHWM to the current RSS (Linux 4.0 and later). */
  if (fd >= 0)
    {
      if (write (fd, "5", 1) != 1)
        g_message ("could not reset the peak RSS: %s", g_strerror (errno));
      close (fd);
    }
}

G_NORETURN static void
run_child (const Case *c,
           int         fd)
{
  g_autoptr(GBytes) input = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  Report report = { 0 };
  gsize len;
  const char *data;
  int line;
  int column;
  gint64 start;

  hostile_limit_resources (30);
  input = c->make ();
  if (input == NULL)
    _exit (3);
  data = g_bytes_get_data (input, &len);

  reset_peak ();
  start = g_get_monotonic_time ();
  document = waymark_format_read (data, len, &line, &column, &error);
  report.read_usec = g_get_monotonic_time () - start;
  report.read_peak_kb = read_peak_kb ();
  report.input_bytes = len;
  report.outcome = document != NULL ? -1 : error->code;

  if (write (fd, &report, sizeof report) != sizeof report)
    _exit (4);
  g_clear_object (&document);
  g_clear_error (&error);
  g_clear_pointer (&input, g_bytes_unref);
  _exit (0);
}

static const char *
outcome_name (int outcome)
{
  static const char * const names[] = {
    "EMPTY", "ENCODING", "SYNTAX", "FORBIDDEN", "ROOT", "NAMESPACE", "VERSION",
    "STRUCTURE", "DUPLICATE_ID", "REFERENCE", "VALUE", "LIMIT",
  };

  if (outcome == -1)
    return "loaded";
  if (outcome >= 0 && outcome < (int) G_N_ELEMENTS (names))
    return names[outcome];
  return "?";
}

static void
run_case (const Case *c)
{
  Report report = { 0 };
  struct rusage usage;
  int fds[2];
  int status;
  pid_t pid;
  ssize_t n;

  g_assert_cmpint (pipe (fds), ==, 0);
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      run_child (c, fds[1]);
    }
  close (fds[1]);
  n = read (fds[0], &report, sizeof report);
  close (fds[0]);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);

  if (WIFEXITED (status) && WEXITSTATUS (status) == 3)
    printf ("| %-24s | (input not available) |\n", c->name);
  else if (n != sizeof report || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    printf ("| %-24s | FAILED: %s %d |\n", c->name,
            WIFSIGNALED (status) ? "killed by signal" : "exit status",
            WIFSIGNALED (status) ? WTERMSIG (status) : WEXITSTATUS (status));
  else
    printf ("| %-24s | %10.1f | %-9s | %9.2f | %9.1f | %9.1f |\n",
            c->name,
            report.input_bytes / 1000.0,
            outcome_name (report.outcome),
            report.read_usec / 1000.0,
            report.read_peak_kb / 1024.0,
            usage.ru_maxrss / 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);

  /* read MiB: peak RSS while reading; all MiB: peak RSS of the child. */
  printf ("| %-24s | %10s | %-9s | %9s | %9s | %9s |\n",
          "case", "input kB", "outcome", "read ms", "read MiB", "all MiB");
  printf ("|--------------------------|------------|-----------|-----------|-----------|-----------|\n");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    run_case (&cases[i]);
  printf ("\naddress space limited to %u MiB: %s\n", HOSTILE_ADDRESS_SPACE_LIMIT / (1024 * 1024),
          hostile_memory_is_limited () ? "yes" : "no (sanitizer or Valgrind)");
  return 0;
}
