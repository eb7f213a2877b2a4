/* waymark-recovery-store.h — recovery copies of unsaved maps, for crash recovery
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A store is a directory (by default $XDG_STATE_HOME/waymark/recovery) of
 * entries. Each entry is three files named after a random id:
 *
 *   <id>.cjmx  the map as it was at the last autosave
 *   <id>.ini   a GKeyFile sidecar: original file URI and etag, the title,
 *              the label of the last undo step, whether it was modified,
 *              when it was written and by which process
 *   <id>.lock  held with flock() by the process that owns the entry
 *
 * The content and the sidecar are each replaced atomically (written beside,
 * synced, renamed). The lock is released by the kernel when its owner exits
 * or is killed, so entries of a running Waymark are never offered to another
 * one, and entries of a crashed one always are.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_RECOVERY_STORE (waymark_recovery_store_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkRecoveryStore, waymark_recovery_store, WAYMARK, RECOVERY_STORE,
                      GObject)

#define WAYMARK_TYPE_RECOVERY_ENTRY (waymark_recovery_entry_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkRecoveryEntry, waymark_recovery_entry, WAYMARK, RECOVERY_ENTRY,
                      GObject)

/* What the sidecar records besides the content. Strings may be NULL. */
typedef struct
{
  const char *original_uri;   /* the file the map belongs to; NULL if never saved */
  const char *original_etag;  /* its etag when last read or written by the owner */
  const char *title;          /* what the window showed */
  const char *undo_label;     /* the last step, e.g. "Move Touchpoint" */
  gboolean    modified;
} WaymarkRecoveryInfo;

/* Property "directory" (construct-only). NULL means the default directory. */
WaymarkRecoveryStore *waymark_recovery_store_new           (const char            *directory);
/* One store per process, in the default directory. */
WaymarkRecoveryStore *waymark_recovery_store_get_default   (void);
const char           *waymark_recovery_store_get_directory (WaymarkRecoveryStore  *self);

/* A new, empty entry owned (locked) by this process; creates the directory. */
WaymarkRecoveryEntry *waymark_recovery_store_create        (WaymarkRecoveryStore  *self,
                                                            GError               **error);
/* Takes over the entries whose owner is gone: each returned entry is now
 * locked by the caller, newest first. Entries of running processes, and
 * entries whose sidecar or content is missing or damaged, are left alone;
 * locks and temporary files that belong to no entry are removed. Element
 * type WaymarkRecoveryEntry. */
GPtrArray            *waymark_recovery_store_claim_orphans (WaymarkRecoveryStore  *self);

const char           *waymark_recovery_entry_get_id            (WaymarkRecoveryEntry *self);
/* The path of the content file. */
const char           *waymark_recovery_entry_get_path          (WaymarkRecoveryEntry *self);
/* The sidecar as last written or read; NULL until the first write. */
const char           *waymark_recovery_entry_get_original_uri  (WaymarkRecoveryEntry *self);
const char           *waymark_recovery_entry_get_original_etag (WaymarkRecoveryEntry *self);
const char           *waymark_recovery_entry_get_title         (WaymarkRecoveryEntry *self);
const char           *waymark_recovery_entry_get_undo_label    (WaymarkRecoveryEntry *self);
gboolean              waymark_recovery_entry_get_modified      (WaymarkRecoveryEntry *self);
GDateTime            *waymark_recovery_entry_get_written       (WaymarkRecoveryEntry *self);
/* Whether content and sidecar are on disk. */
gboolean              waymark_recovery_entry_has_content       (WaymarkRecoveryEntry *self);

/* Replaces the content, then the sidecar, each atomically. Safe to call from
 * any thread; writes and removals of one entry are serialised, and a write
 * started before a removal never brings the files back. */
gboolean              waymark_recovery_entry_write        (WaymarkRecoveryEntry      *self,
                                                           GBytes                    *content,
                                                           const WaymarkRecoveryInfo *info,
                                                           GError                   **error);
/* The same in a worker thread; the sidecar fields are updated at once. */
void                  waymark_recovery_entry_write_async  (WaymarkRecoveryEntry      *self,
                                                           GBytes                    *content,
                                                           const WaymarkRecoveryInfo *info,
                                                           GCancellable              *cancellable,
                                                           GAsyncReadyCallback        callback,
                                                           gpointer                   user_data);
gboolean              waymark_recovery_entry_write_finish (WaymarkRecoveryEntry      *self,
                                                           GAsyncResult              *result,
                                                           GError                   **error);
/* The content as last written. */
GBytes               *waymark_recovery_entry_load         (WaymarkRecoveryEntry      *self,
                                                           GError                   **error);
/* Deletes content and sidecar (the map was saved or discarded). The entry
 * stays usable: a later write creates them again. */
gboolean              waymark_recovery_entry_remove       (WaymarkRecoveryEntry      *self,
                                                           GError                   **error);

G_END_DECLS
