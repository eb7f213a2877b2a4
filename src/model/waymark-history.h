/* waymark-history.h — the undo stack behind WaymarkDocument (private)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WaymarkCommand      WaymarkCommand;
typedef struct _WaymarkCommandClass WaymarkCommandClass;
typedef struct _WaymarkHistory      WaymarkHistory;

struct _WaymarkCommandClass
{
  gsize      instance_size;
  void     (*apply)    (WaymarkCommand *self,
                        gpointer        target);
  void     (*revert)   (WaymarkCommand *self,
                        gpointer        target);
  /* Absorbs next (a command of the same class, already applied) into self;
   * returns FALSE if they cannot merge. Optional. */
  gboolean (*merge)    (WaymarkCommand *self,
                        WaymarkCommand *next);
  void     (*finalize) (WaymarkCommand *self);
};

struct _WaymarkCommand
{
  const WaymarkCommandClass *klass;
  char                      *label;
  gboolean                   mergeable;
};

gpointer        waymark_command_new           (const WaymarkCommandClass *klass,
                                               const char                *label,
                                               gboolean                   mergeable);
void            waymark_command_free          (WaymarkCommand            *self);

WaymarkHistory *waymark_history_new           (gpointer                   target);
void            waymark_history_free          (WaymarkHistory            *self);
/* Applies the command and records it (takes ownership). */
void            waymark_history_push          (WaymarkHistory            *self,
                                               WaymarkCommand            *command);
void            waymark_history_begin_group   (WaymarkHistory            *self,
                                               const char                *label);
void            waymark_history_end_group     (WaymarkHistory            *self);
gboolean        waymark_history_in_group      (WaymarkHistory            *self);
gboolean        waymark_history_undo          (WaymarkHistory            *self);
gboolean        waymark_history_redo          (WaymarkHistory            *self);
gboolean        waymark_history_can_undo      (WaymarkHistory            *self);
gboolean        waymark_history_can_redo      (WaymarkHistory            *self);
const char     *waymark_history_get_undo_label (WaymarkHistory           *self);
const char     *waymark_history_get_redo_label (WaymarkHistory           *self);
void            waymark_history_clear         (WaymarkHistory            *self);
void            waymark_history_mark_saved    (WaymarkHistory            *self);
void            waymark_history_mark_unsaved  (WaymarkHistory            *self);
gboolean        waymark_history_is_modified   (WaymarkHistory            *self);

G_END_DECLS
