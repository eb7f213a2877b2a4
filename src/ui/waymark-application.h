/* waymark-application.h — the application: windows, files, app-wide actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_APPLICATION (waymark_application_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkApplication, waymark_application, WAYMARK, APPLICATION,
                      AdwApplication)

WaymarkApplication *waymark_application_new         (void);

/* Opens file in a window of its own, or presents the window that already has it. */
void                waymark_application_open_file   (WaymarkApplication *self,
                                                     GFile              *file);

G_END_DECLS
