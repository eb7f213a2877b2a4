/* waymark-fuzz.c — checks shared by the fuzz harnesses
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "waymark-fuzz.h"
#include "waymark-format.h"

void
waymark_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

void
waymark_fuzz_fail (const char *format,
                   ...)
{
  va_list ap;

  va_start (ap, format);
  vfprintf (stderr, format, ap);
  va_end (ap);
  fputc ('\n', stderr);
  fflush (stderr);
  abort ();
}

WaymarkDocument *
waymark_fuzz_read (const uint8_t *data,
                   size_t         size)
{
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  int line = -1;
  int column = -1;
  size_t n_breaks = 0;

  document = waymark_format_read ((const char *) data, size, &line, &column, &error);

  if (document != NULL)
    {
      if (error != NULL)
        waymark_fuzz_fail ("waymark_format_read returned a document and an error: %s",
                           error->message);
      return g_steal_pointer (&document);
    }

  if (error == NULL)
    waymark_fuzz_fail ("waymark_format_read failed without an error");
  if (error->domain != WAYMARK_FORMAT_ERROR)
    waymark_fuzz_fail ("error outside WAYMARK_FORMAT_ERROR: %s (%s %d)",
                       error->message, g_quark_to_string (error->domain), error->code);
  if (error->code < WAYMARK_FORMAT_ERROR_EMPTY || error->code > WAYMARK_FORMAT_ERROR_LIMIT)
    waymark_fuzz_fail ("unknown WaymarkFormatError code %d: %s", error->code, error->message);
  if (error->message == NULL || error->message[0] == '\0')
    waymark_fuzz_fail ("empty error message (code %d)", error->code);
  if (!g_utf8_validate (error->message, -1, NULL))
    waymark_fuzz_fail ("error message is not UTF-8 (code %d)", error->code);
  if (line < 0 || column < 0 || (line == 0 && column != 0))
    waymark_fuzz_fail ("impossible location %d:%d for: %s", line, column, error->message);

  /* Either kind of line break may end a line; one line of slack for errors
   * reported at the end of the input. */
  for (size_t i = 0; i < size; i++)
    if (data[i] == '\n' || data[i] == '\r')
      n_breaks++;
  if ((size_t) line > n_breaks + 2)
    waymark_fuzz_fail ("line %d is past the end of a %zu-line input: %s",
                       line, n_breaks + 1, error->message);

  return NULL;
}
