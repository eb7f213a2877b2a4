/* fuzz-read.c — libFuzzer harness: the .cjmx reader on arbitrary bytes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any input must either load or fail with a WaymarkFormatError that carries a
 * readable message; anything else (a crash, a sanitizer report, a critical
 * warning, a leak) is a bug in the reader.
 */
#define G_LOG_DOMAIN "waymark-fuzz"

#include "config.h"

#include "waymark-fuzz.h"
#include "waymark-format.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  waymark_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WaymarkDocument) document = NULL;

  document = waymark_fuzz_read (data, size);
  return 0;
}
