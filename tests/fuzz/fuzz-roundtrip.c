/* fuzz-roundtrip.c — libFuzzer harness: read, write, read again, write again
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever the reader accepts, the writer must turn into a file the reader
 * accepts again, and saving that must give the very same bytes: otherwise a
 * facilitator's map changes, or stops opening, just by being saved.
 */
#define G_LOG_DOMAIN "waymark-fuzz"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "waymark-fuzz.h"
#include "waymark-format.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  waymark_fuzz_init ();
  return 0;
}

/* Where two outputs first differ, with some context, for the crash report. */
static void
print_difference (GBytes *first,
                  GBytes *second)
{
  gsize len1;
  gsize len2;
  const char *s1 = g_bytes_get_data (first, &len1);
  const char *s2 = g_bytes_get_data (second, &len2);
  gsize at = 0;
  gsize start;

  while (at < len1 && at < len2 && s1[at] == s2[at])
    at++;
  start = at > 200 ? at - 200 : 0;
  fprintf (stderr, "outputs of %zu and %zu bytes differ at byte %zu\n"
           "--- first write ---\n%.*s\n--- second write ---\n%.*s\n",
           len1, len2, at,
           (int) (MIN (len1, at + 200) - start), s1 + start,
           (int) (MIN (len2, at + 200) - start), s2 + start);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkDocument) reread = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *written;
  gsize written_len;
  int line = 0;
  int column = 0;

  document = waymark_fuzz_read (data, size);
  if (document == NULL)
    return 0;

  first = waymark_format_write (document);
  if (first == NULL)
    waymark_fuzz_fail ("waymark_format_write returned NULL");
  written = g_bytes_get_data (first, &written_len);

  reread = waymark_format_read (written, written_len, &line, &column, &error);
  if (reread == NULL)
    waymark_fuzz_fail ("the writer's output does not load: %d:%d: %s\n%.*s",
                       line, column, error->message, (int) MIN (written_len, 4096), written);

  second = waymark_format_write (reread);
  if (!g_bytes_equal (first, second))
    {
      print_difference (first, second);
      waymark_fuzz_fail ("read → write → read → write is not a fixed point");
    }

  return 0;
}
