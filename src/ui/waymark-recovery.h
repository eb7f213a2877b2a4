/* waymark-recovery.h — autosave of unsaved maps, restoring them after a crash, save errors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "waymark-document.h"
#include "waymark-recovery-store.h"
#include "waymark-window.h"

G_BEGIN_DECLS

/* Autosave waits this long after the last change, but never longer than the
 * maximum after the first change that is not written yet, so that continuous
 * editing is saved too. */
#define WAYMARK_AUTOSAVE_DEBOUNCE_MS  2000
#define WAYMARK_AUTOSAVE_MAX_DELAY_MS 5000

#define WAYMARK_TYPE_AUTOSAVE (waymark_autosave_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkAutosave, waymark_autosave, WAYMARK, AUTOSAVE, GObject)

/* Keeps a recovery copy of document in store while it has unsaved changes,
 * and removes it when the document is saved or back at its saved state.
 *
 * Signals: "written" (gint64 latency in µs from the oldest change the write
 * covers to the copy being on disk), "failed" (const GError *). */
WaymarkAutosave      *waymark_autosave_new        (WaymarkRecoveryStore *store,
                                                   WaymarkDocument      *document);
WaymarkDocument      *waymark_autosave_get_document (WaymarkAutosave    *self);
/* The file the map belongs to (NULL if never saved) and its etag as last
 * read or written, recorded in the sidecar. */
void                  waymark_autosave_set_file   (WaymarkAutosave      *self,
                                                   GFile                *file,
                                                   const char           *etag);
/* Continues a restored entry instead of starting a new one; its undo label
 * stands for the history that could not be restored. */
void                  waymark_autosave_adopt      (WaymarkAutosave      *self,
                                                   WaymarkRecoveryEntry *entry);
/* debounce_ms 0 turns autosave off. */
void                  waymark_autosave_set_delays (WaymarkAutosave      *self,
                                                   guint                 debounce_ms,
                                                   guint                 max_delay_ms);
/* The entry, or NULL before the first write. */
WaymarkRecoveryEntry *waymark_autosave_get_entry  (WaymarkAutosave      *self);
/* Whether a change waits to be written (timer running or write under way). */
gboolean              waymark_autosave_get_pending (WaymarkAutosave     *self);
/* Writes unsaved changes now, synchronously. */
gboolean              waymark_autosave_flush      (WaymarkAutosave      *self,
                                                   GError              **error);
/* The user threw the changes away: removes the copy and stops. */
void                  waymark_autosave_discard    (WaymarkAutosave      *self);

/* Offers, one dialog each, to restore the maps that a Waymark which is no
 * longer running left unsaved. Call once per process, with a window shown. */
void                  waymark_recovery_offer      (GtkApplication       *application);

/* A sentence for a failed save: what happened and what to do. */
char                 *waymark_recovery_describe_save_error (GFile        *file,
                                                            const GError *error);

/* Loads the banner style once per display. */
void                  _waymark_recovery_ensure_style (void);

/* Implemented by WaymarkWindow: shows a restored map, modified, with its
 * original file (or none) as save target, and continues entry. */
void                  waymark_window_restore_draft (WaymarkWindow        *self,
                                                    WaymarkDocument      *document,
                                                    GFile                *file,
                                                    WaymarkRecoveryEntry *entry);

G_END_DECLS
