/* main.c — the waymark program
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WaymarkApplication) app = NULL;
  g_auto(GStrv) editor_argv = NULL;
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --check and --export run here, without a display. */
  if (waymark_cli_run (&argc, &argv, &status))
    return status;

  editor_argv = argv;
  app = waymark_application_new ();
  return g_application_run (G_APPLICATION (app), argc, editor_argv);
}
