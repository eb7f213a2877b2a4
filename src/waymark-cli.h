/* waymark-cli.h — the command line that needs no display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses the command line. Handles --help, --version, --check, --upgrade
 * and --export itself, without initialising GTK, and returns TRUE with *exit_status set.
 * Otherwise returns FALSE and leaves in *argv what the editor should get
 * (program name, files, and options GApplication understands). */
gboolean waymark_cli_run (int    *argc,
                          char ***argv,
                          int    *exit_status);

G_END_DECLS
