/* waymark-history.c — the undo stack behind WaymarkDocument
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Modelled on Glade's command stack: commands apply, revert and may merge
 * with the previous command of the same kind; groups make one step of a
 * compound edit; a saved-state marker gives the "modified" flag.
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include "waymark-history.h"

typedef struct
{
  WaymarkCommand  parent;
  GPtrArray      *children;
} GroupCommand;

struct _WaymarkHistory
{
  gpointer      target;
  GPtrArray    *undo;
  GPtrArray    *redo;
  /* Depth of the undo stack when last saved; -1 once that state cannot be
   * reached any more (it was in the redo stack when new edits came). */
  gssize        saved_depth;
  GroupCommand *group;
  guint         group_depth;
};

/* ---- Commands --------------------------------------------------------- */

gpointer
waymark_command_new (const WaymarkCommandClass *klass,
                     const char                *label,
                     gboolean                   mergeable)
{
  WaymarkCommand *self;

  g_assert (klass->instance_size >= sizeof (WaymarkCommand));

  self = g_malloc0 (klass->instance_size);
  self->klass = klass;
  self->label = g_strdup (label);
  self->mergeable = mergeable;

  return self;
}

void
waymark_command_free (WaymarkCommand *self)
{
  if (self == NULL)
    return;

  if (self->klass->finalize != NULL)
    self->klass->finalize (self);
  g_free (self->label);
  g_free (self);
}

static void
group_apply (WaymarkCommand *command,
             gpointer        target)
{
  GroupCommand *self = (GroupCommand *) command;

  for (guint i = 0; i < self->children->len; i++)
    {
      WaymarkCommand *child = g_ptr_array_index (self->children, i);
      child->klass->apply (child, target);
    }
}

static void
group_revert (WaymarkCommand *command,
              gpointer        target)
{
  GroupCommand *self = (GroupCommand *) command;

  for (guint i = self->children->len; i > 0; i--)
    {
      WaymarkCommand *child = g_ptr_array_index (self->children, i - 1);
      child->klass->revert (child, target);
    }
}

static void
group_finalize (WaymarkCommand *command)
{
  GroupCommand *self = (GroupCommand *) command;

  g_ptr_array_unref (self->children);
}

static const WaymarkCommandClass group_class = {
  sizeof (GroupCommand),
  group_apply,
  group_revert,
  NULL,
  group_finalize,
};

/* ---- History ---------------------------------------------------------- */

WaymarkHistory *
waymark_history_new (gpointer target)
{
  WaymarkHistory *self = g_new0 (WaymarkHistory, 1);

  self->target = target;
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_command_free);
  self->saved_depth = 0;

  return self;
}

void
waymark_history_free (WaymarkHistory *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  if (self->group != NULL)
    waymark_command_free ((WaymarkCommand *) self->group);
  g_free (self);
}

static void
drop_redo (WaymarkHistory *self)
{
  if (self->redo->len == 0)
    return;

  if (self->saved_depth > (gssize) self->undo->len)
    self->saved_depth = -1;
  g_ptr_array_set_size (self->redo, 0);
}

static void
record (WaymarkHistory *self,
        WaymarkCommand *command)
{
  WaymarkCommand *top = NULL;

  drop_redo (self);

  if (self->undo->len > 0)
    top = g_ptr_array_index (self->undo, self->undo->len - 1);

  /* Never merge into the saved state: that would make it unreachable. */
  if (top != NULL &&
      command->mergeable && top->mergeable &&
      top->klass == command->klass &&
      top->klass->merge != NULL &&
      self->saved_depth != (gssize) self->undo->len &&
      top->klass->merge (top, command))
    {
      waymark_command_free (command);
      return;
    }

  g_ptr_array_add (self->undo, command);
}

void
waymark_history_push (WaymarkHistory *self,
                      WaymarkCommand *command)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (command != NULL);

  command->klass->apply (command, self->target);

  if (self->group != NULL)
    {
      g_ptr_array_add (self->group->children, command);
      return;
    }

  record (self, command);
}

void
waymark_history_begin_group (WaymarkHistory *self,
                             const char     *label)
{
  g_return_if_fail (self != NULL);

  if (self->group_depth++ > 0)
    return;

  self->group = waymark_command_new (&group_class, label, FALSE);
  self->group->children =
    g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_command_free);
}

void
waymark_history_end_group (WaymarkHistory *self)
{
  GroupCommand *group;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);
  if (group->children->len == 0)
    {
      waymark_command_free ((WaymarkCommand *) group);
      return;
    }

  record (self, (WaymarkCommand *) group);
}

gboolean
waymark_history_in_group (WaymarkHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->group_depth > 0;
}

gboolean
waymark_history_undo (WaymarkHistory *self)
{
  WaymarkCommand *command;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);

  if (self->undo->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  command->klass->revert (command, self->target);
  g_ptr_array_add (self->redo, command);

  return TRUE;
}

gboolean
waymark_history_redo (WaymarkHistory *self)
{
  WaymarkCommand *command;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);

  if (self->redo->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  command->klass->apply (command, self->target);
  g_ptr_array_add (self->undo, command);

  return TRUE;
}

gboolean
waymark_history_can_undo (WaymarkHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->undo->len > 0 && self->group_depth == 0;
}

gboolean
waymark_history_can_redo (WaymarkHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->redo->len > 0 && self->group_depth == 0;
}

const char *
waymark_history_get_undo_label (WaymarkHistory *self)
{
  WaymarkCommand *command;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->undo->len == 0)
    return NULL;
  command = g_ptr_array_index (self->undo, self->undo->len - 1);
  return command->label;
}

const char *
waymark_history_get_redo_label (WaymarkHistory *self)
{
  WaymarkCommand *command;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->redo->len == 0)
    return NULL;
  command = g_ptr_array_index (self->redo, self->redo->len - 1);
  return command->label;
}

void
waymark_history_clear (WaymarkHistory *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->group_depth == 0);

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->saved_depth = 0;
}

void
waymark_history_mark_saved (WaymarkHistory *self)
{
  g_return_if_fail (self != NULL);

  self->saved_depth = self->undo->len;
}

void
waymark_history_mark_unsaved (WaymarkHistory *self)
{
  g_return_if_fail (self != NULL);

  /* No state of this history is on disk, so no undo or redo can reach it. */
  self->saved_depth = -1;
}

gboolean
waymark_history_is_modified (WaymarkHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->saved_depth != (gssize) self->undo->len;
}
