/* waymark-make-map.c — writes a synthetic journey map for the UI tests and benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test"

#include "config.h"

#include <stdlib.h>

#include "waymark-format.h"
#include "waymark-synth.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 5)
    {
      g_printerr ("usage: %s OUTPUT N_STAGES N_TOUCHPOINTS SEED\n", argv[0]);
      return 2;
    }

  document = waymark_synth_document (atoi (argv[2]), atoi (argv[3]), strtoul (argv[4], NULL, 10));
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!waymark_format_save_file (document, file, NULL, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  return 0;
}
