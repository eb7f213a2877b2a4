/* waymark-personas-dialog.h — the personas of a map, their pictures and curves
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_PERSONAS_DIALOG (waymark_personas_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPersonasDialog, waymark_personas_dialog, WAYMARK, PERSONAS_DIALOG,
                      AdwPreferencesWindow)

/* Opens the personas window of document, transient for parent (or brings
 * the one already open for this document to the front). */
void     waymark_personas_dialog_present      (GtkWindow       *parent,
                                               WaymarkDocument *document);

/* Loads an image file as the persona's picture, one undoable step: what
 * "Choose Picture…" does with the file picked. Fails (nothing changed) when
 * the file is not a PNG or JPEG image or is larger than
 * WAYMARK_PERSONA_MAX_PICTURE_SIZE. */
gboolean waymark_persona_load_picture         (WaymarkDocument *document,
                                               WaymarkPersona  *persona,
                                               GFile           *file,
                                               GError         **error);

/* How many personas have a visible curve; a map shows the curves of at
 * most WAYMARK_MAX_VISIBLE_PERSONAS personas. */
guint    waymark_personas_count_shown         (WaymarkDocument *document);

G_END_DECLS
