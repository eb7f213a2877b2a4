/* waymark-document.c — a journey map and its undo history
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-model"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "waymark-document.h"
#include "waymark-document-loader.h"
#include "waymark-history.h"
#include "waymark-model-private.h"

typedef enum {
  LIST_STAGES,
  LIST_LANES,
  LIST_TOUCHPOINTS,
  LIST_PERSONAS,
  LIST_CURVES,
  LIST_OWNERS,
  LIST_VIEWS,
  N_LISTS
} ListId;

struct _WaymarkDocument
{
  GObject         parent_instance;

  char           *title;
  char           *description;
  char           *author;
  char           *extension_data;
  GDateTime      *created;
  GDateTime      *modified;
  gboolean        color_by_owner;
  int             emotion_min;
  int             emotion_max;
  char          **emotion_levels;   /* NULL or max - min + 1 names */

  GListStore     *lists[N_LISTS];
  /* id (owned by the element) → WaymarkElement, for elements in the document */
  GHashTable     *ids;
  /* element → position + 1, for stages and lanes; NULL when stale */
  GHashTable     *positions[2];

  WaymarkHistory *history;
  /* Last notified history state, so we notify only on real change. */
  gboolean        can_undo;
  gboolean        can_redo;
  gboolean        modified_since_save;
  const char     *undo_label;
  const char     *redo_label;
};

G_DEFINE_FINAL_TYPE (WaymarkDocument, waymark_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_AUTHOR,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_COLOR_BY_OWNER,
  PROP_EMOTION_MIN,
  PROP_EMOTION_MAX,
  PROP_EMOTION_LEVELS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED_SINCE_SAVE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Auxiliary -------------------------------------------------------- */

static ListId
list_for_type (GType type)
{
  if (g_type_is_a (type, WAYMARK_TYPE_STAGE))
    return LIST_STAGES;
  if (g_type_is_a (type, WAYMARK_TYPE_LANE))
    return LIST_LANES;
  if (g_type_is_a (type, WAYMARK_TYPE_TOUCHPOINT))
    return LIST_TOUCHPOINTS;
  if (g_type_is_a (type, WAYMARK_TYPE_PERSONA))
    return LIST_PERSONAS;
  if (g_type_is_a (type, WAYMARK_TYPE_CURVE))
    return LIST_CURVES;
  if (g_type_is_a (type, WAYMARK_TYPE_OWNER))
    return LIST_OWNERS;
  if (g_type_is_a (type, WAYMARK_TYPE_VIEW))
    return LIST_VIEWS;
  g_return_val_if_reached (N_LISTS);
}

static void
emit_changed (WaymarkDocument   *self,
              WaymarkChangeKind  kind,
              gpointer           element,
              const char        *detail)
{
  g_signal_emit (self, signals[CHANGED], 0, kind, element, detail);
}

static void
update_history_state (WaymarkDocument *self)
{
  gboolean can_undo = waymark_history_can_undo (self->history);
  gboolean can_redo = waymark_history_can_redo (self->history);
  gboolean modified = waymark_history_is_modified (self->history);
  const char *undo_label = waymark_history_get_undo_label (self->history);
  const char *redo_label = waymark_history_get_redo_label (self->history);

  g_object_freeze_notify (G_OBJECT (self));

  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (modified != self->modified_since_save)
    {
      self->modified_since_save = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED_SINCE_SAVE]);
    }
  /* Labels are owned by commands; compare pointers and text, since a freed
   * command's label may have been reallocated at the same address. */
  if (undo_label != self->undo_label || g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      self->undo_label = undo_label;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (redo_label != self->redo_label || g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      self->redo_label = redo_label;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
push (WaymarkDocument *self,
      WaymarkCommand  *command)
{
  waymark_history_push (self->history, command);
  update_history_state (self);
}

static void
invalidate_positions (WaymarkDocument *self,
                      ListId           list)
{
  if (list == LIST_STAGES || list == LIST_LANES)
    g_clear_pointer (&self->positions[list], g_hash_table_unref);
}

static int
position_of (WaymarkDocument *self,
             ListId           list,
             gpointer         element)
{
  GListModel *model = G_LIST_MODEL (self->lists[list]);

  if (self->positions[list] == NULL)
    {
      guint n = g_list_model_get_n_items (model);

      self->positions[list] = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);
          g_hash_table_insert (self->positions[list], item, GUINT_TO_POINTER (i + 1));
        }
    }

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->positions[list], element)) - 1;
}

static guint
find_position (WaymarkDocument *self,
               ListId           list,
               gpointer         element)
{
  guint position = 0;

  if (list == LIST_STAGES || list == LIST_LANES)
    {
      int pos = position_of (self, list, element);
      g_assert (pos >= 0);
      return pos;
    }

  if (!g_list_store_find (self->lists[list], element, &position))
    g_assert_not_reached ();
  return position;
}

static gboolean
belongs (WaymarkDocument *self,
         gpointer         element)
{
  return element != NULL && waymark_element_get_document (element) == self;
}

static void
attach (WaymarkDocument *self,
        ListId           list,
        WaymarkElement  *element,
        guint            position)
{
  g_list_store_insert (self->lists[list], position, element);
  g_hash_table_insert (self->ids, (gpointer) waymark_element_get_id (element), element);
  _waymark_element_set_document (element, self);
  invalidate_positions (self, list);
}

static void
detach (WaymarkDocument *self,
        ListId           list,
        WaymarkElement  *element,
        guint            position)
{
  /* The command removing the element holds a reference to it. */
#ifndef G_DISABLE_ASSERT
  {
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->lists[list]), position);
    g_assert (item == (gpointer) element);
  }
#endif

  g_hash_table_remove (self->ids, waymark_element_get_id (element));
  _waymark_element_set_document (element, NULL);
  g_list_store_remove (self->lists[list], position);
  invalidate_positions (self, list);
}

static gboolean
in_cell (WaymarkTouchpoint *touchpoint,
         WaymarkStage      *stage,
         WaymarkLane       *lane)
{
  return waymark_touchpoint_get_stage (touchpoint) == stage &&
         waymark_touchpoint_get_lane (touchpoint) == lane;
}

/* Position in the touchpoint list before which a card becomes the
 * index_in_cell-th card of the cell, ignoring skip. */
static guint
cell_insert_position (WaymarkDocument   *self,
                      WaymarkStage      *stage,
                      WaymarkLane       *lane,
                      int                index_in_cell,
                      WaymarkTouchpoint *skip)
{
  GListModel *model = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  guint n = g_list_model_get_n_items (model);
  int count = 0;
  int last = -1;

  /* Appending to a cell (the common case: imports, pastes, templates)
   * only needs the cell's last card, which is usually near the end. */
  if (index_in_cell == G_MAXINT)
    {
      for (guint i = n; i > 0; i--)
        {
          g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (model, i - 1);

          if (tp != skip && in_cell (tp, stage, lane))
            return i;
        }
      return n;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (model, i);

      if (tp == skip || !in_cell (tp, stage, lane))
        continue;
      if (count == index_in_cell)
        return i;
      count++;
      last = i;
    }

  return last >= 0 ? (guint) last + 1 : n;
}

/* ---- Commands --------------------------------------------------------- */

/* Set one property of an element, or of the map when element is NULL. */
typedef struct
{
  WaymarkCommand  parent;
  WaymarkElement *element;
  const char     *property;   /* interned */
  GValue          old_value;
  GValue          new_value;
} PropertyCommand;

static void
property_set (PropertyCommand *self,
              WaymarkDocument *document,
              const GValue    *value)
{
  GObject *target = self->element != NULL ? G_OBJECT (self->element) : G_OBJECT (document);

  g_object_set_property (target, self->property, value);
  emit_changed (document, WAYMARK_CHANGE_PROPERTY, self->element, self->property);
}

static void
property_apply (WaymarkCommand *command,
                gpointer        target)
{
  PropertyCommand *self = (PropertyCommand *) command;

  property_set (self, target, &self->new_value);
}

static void
property_revert (WaymarkCommand *command,
                 gpointer        target)
{
  PropertyCommand *self = (PropertyCommand *) command;

  property_set (self, target, &self->old_value);
}

static gboolean
property_merge (WaymarkCommand *command,
                WaymarkCommand *next_command)
{
  PropertyCommand *self = (PropertyCommand *) command;
  PropertyCommand *next = (PropertyCommand *) next_command;

  if (self->element != next->element || self->property != next->property)
    return FALSE;

  g_value_unset (&self->new_value);
  g_value_init (&self->new_value, G_VALUE_TYPE (&next->new_value));
  g_value_copy (&next->new_value, &self->new_value);
  return TRUE;
}

static void
property_finalize (WaymarkCommand *command)
{
  PropertyCommand *self = (PropertyCommand *) command;

  g_clear_object (&self->element);
  g_value_unset (&self->old_value);
  g_value_unset (&self->new_value);
}

static const WaymarkCommandClass property_class = {
  sizeof (PropertyCommand),
  property_apply,
  property_revert,
  property_merge,
  property_finalize,
};

/* Insert an element into one of the lists, or remove it. */
typedef struct
{
  WaymarkCommand  parent;
  ListId          list;
  WaymarkElement *element;
  guint           position;
  gboolean        insert;
} ListCommand;

static void
list_do (ListCommand     *self,
         WaymarkDocument *document,
         gboolean         insert)
{
  if (insert)
    {
      attach (document, self->list, self->element, self->position);
      emit_changed (document, WAYMARK_CHANGE_INSERTED, self->element, NULL);
    }
  else
    {
      detach (document, self->list, self->element, self->position);
      emit_changed (document, WAYMARK_CHANGE_REMOVED, self->element, NULL);
    }
}

static void
list_apply (WaymarkCommand *command,
            gpointer        target)
{
  ListCommand *self = (ListCommand *) command;

  list_do (self, target, self->insert);
}

static void
list_revert (WaymarkCommand *command,
             gpointer        target)
{
  ListCommand *self = (ListCommand *) command;

  list_do (self, target, !self->insert);
}

static void
list_finalize (WaymarkCommand *command)
{
  ListCommand *self = (ListCommand *) command;

  g_clear_object (&self->element);
}

static const WaymarkCommandClass list_class = {
  sizeof (ListCommand),
  list_apply,
  list_revert,
  NULL,
  list_finalize,
};

/* Move an element within its list; for touchpoints, maybe to another cell. */
typedef struct
{
  WaymarkCommand  parent;
  ListId          list;
  WaymarkElement *element;
  guint           old_position;
  guint           new_position;
  WaymarkStage   *old_stage;
  WaymarkLane    *old_lane;
  WaymarkStage   *new_stage;
  WaymarkLane    *new_lane;
} MoveCommand;

static void
move_do (MoveCommand     *self,
         WaymarkDocument *document,
         guint            from,
         guint            to,
         WaymarkStage    *stage,
         WaymarkLane     *lane)
{
  GListStore *store = document->lists[self->list];

  /* Remove and re-insert without touching the id table: the element never
   * leaves the document, and the command keeps it alive in between. */
  g_list_store_remove (store, from);
  if (self->list == LIST_TOUCHPOINTS)
    _waymark_touchpoint_set_cell (WAYMARK_TOUCHPOINT (self->element), stage, lane);
  g_list_store_insert (store, to, self->element);
  invalidate_positions (document, self->list);

  emit_changed (document, WAYMARK_CHANGE_MOVED, self->element, NULL);
}

static void
move_apply (WaymarkCommand *command,
            gpointer        target)
{
  MoveCommand *self = (MoveCommand *) command;

  move_do (self, target, self->old_position, self->new_position,
           self->new_stage, self->new_lane);
}

static void
move_revert (WaymarkCommand *command,
             gpointer        target)
{
  MoveCommand *self = (MoveCommand *) command;

  move_do (self, target, self->new_position, self->old_position,
           self->old_stage, self->old_lane);
}

static void
move_finalize (WaymarkCommand *command)
{
  MoveCommand *self = (MoveCommand *) command;

  g_clear_object (&self->element);
  g_clear_object (&self->old_stage);
  g_clear_object (&self->old_lane);
  g_clear_object (&self->new_stage);
  g_clear_object (&self->new_lane);
}

static const WaymarkCommandClass move_class = {
  sizeof (MoveCommand),
  move_apply,
  move_revert,
  NULL,
  move_finalize,
};

/* Set or unset one point of an emotion curve. */
typedef struct
{
  WaymarkCommand  parent;
  WaymarkCurve   *curve;
  WaymarkStage   *stage;
  gboolean        had_old;
  double          old_value;
  gboolean        has_new;
  double          new_value;
  char           *old_note;   /* the note of the old point, given back on revert */
} CurveCommand;

static void
curve_do (CurveCommand    *self,
          WaymarkDocument *document,
          gboolean         has_value,
          double           value)
{
  gboolean had_value = waymark_curve_get_value (self->curve, self->stage, NULL);

  if (has_value)
    {
      _waymark_curve_set_value (self->curve, self->stage, value);
      /* A point that comes back (undoing its removal) brings its note. */
      if (!had_value && self->had_old && value == self->old_value)
        _waymark_curve_set_note (self->curve, self->stage, self->old_note);
    }
  else
    _waymark_curve_unset_value (self->curve, self->stage);

  emit_changed (document, WAYMARK_CHANGE_CURVE, self->curve,
                waymark_element_get_id (WAYMARK_ELEMENT (self->stage)));
}

static void
curve_apply (WaymarkCommand *command,
             gpointer        target)
{
  CurveCommand *self = (CurveCommand *) command;

  curve_do (self, target, self->has_new, self->new_value);
}

static void
curve_revert (WaymarkCommand *command,
              gpointer        target)
{
  CurveCommand *self = (CurveCommand *) command;

  curve_do (self, target, self->had_old, self->old_value);
}

static gboolean
curve_merge (WaymarkCommand *command,
             WaymarkCommand *next_command)
{
  CurveCommand *self = (CurveCommand *) command;
  CurveCommand *next = (CurveCommand *) next_command;

  if (self->curve != next->curve || self->stage != next->stage)
    return FALSE;

  self->has_new = next->has_new;
  self->new_value = next->new_value;
  return TRUE;
}

static void
curve_finalize (WaymarkCommand *command)
{
  CurveCommand *self = (CurveCommand *) command;

  g_clear_object (&self->curve);
  g_clear_object (&self->stage);
  g_clear_pointer (&self->old_note, g_free);
}

static const WaymarkCommandClass curve_class = {
  sizeof (CurveCommand),
  curve_apply,
  curve_revert,
  curve_merge,
  curve_finalize,
};

/* Set or remove the note on one point of an emotion curve. */
typedef struct
{
  WaymarkCommand  parent;
  WaymarkCurve   *curve;
  WaymarkStage   *stage;
  char           *old_note;
  char           *new_note;
} NoteCommand;

static void
note_do (NoteCommand     *self,
         WaymarkDocument *document,
         const char      *note)
{
  _waymark_curve_set_note (self->curve, self->stage, note);
  emit_changed (document, WAYMARK_CHANGE_CURVE, self->curve,
                waymark_element_get_id (WAYMARK_ELEMENT (self->stage)));
}

static void
note_apply (WaymarkCommand *command,
            gpointer        target)
{
  NoteCommand *self = (NoteCommand *) command;

  note_do (self, target, self->new_note);
}

static void
note_revert (WaymarkCommand *command,
             gpointer        target)
{
  NoteCommand *self = (NoteCommand *) command;

  note_do (self, target, self->old_note);
}

static gboolean
note_merge (WaymarkCommand *command,
            WaymarkCommand *next_command)
{
  NoteCommand *self = (NoteCommand *) command;
  NoteCommand *next = (NoteCommand *) next_command;

  if (self->curve != next->curve || self->stage != next->stage)
    return FALSE;

  g_free (self->new_note);
  self->new_note = g_strdup (next->new_note);
  return TRUE;
}

static void
note_finalize (WaymarkCommand *command)
{
  NoteCommand *self = (NoteCommand *) command;

  g_clear_object (&self->curve);
  g_clear_object (&self->stage);
  g_clear_pointer (&self->old_note, g_free);
  g_clear_pointer (&self->new_note, g_free);
}

static const WaymarkCommandClass note_class = {
  sizeof (NoteCommand),
  note_apply,
  note_revert,
  note_merge,
  note_finalize,
};

static void
push_list (WaymarkDocument *self,
           const char      *label,
           WaymarkElement  *element,
           guint            position,
           gboolean         insert)
{
  ListCommand *command = waymark_command_new (&list_class, label, FALSE);

  command->list = list_for_type (G_OBJECT_TYPE (element));
  command->element = g_object_ref (element);
  command->position = position;
  command->insert = insert;

  push (self, (WaymarkCommand *) command);
}

static void
push_move (WaymarkDocument *self,
           const char      *label,
           WaymarkElement  *element,
           guint            old_position,
           guint            new_position,
           WaymarkStage    *new_stage,
           WaymarkLane     *new_lane)
{
  MoveCommand *command = waymark_command_new (&move_class, label, FALSE);

  command->list = list_for_type (G_OBJECT_TYPE (element));
  command->element = g_object_ref (element);
  command->old_position = old_position;
  command->new_position = new_position;
  if (WAYMARK_IS_TOUCHPOINT (element))
    {
      command->old_stage = g_object_ref (waymark_touchpoint_get_stage (WAYMARK_TOUCHPOINT (element)));
      command->old_lane = g_object_ref (waymark_touchpoint_get_lane (WAYMARK_TOUCHPOINT (element)));
      command->new_stage = g_object_ref (new_stage);
      command->new_lane = g_object_ref (new_lane);
    }

  push (self, (WaymarkCommand *) command);
}

/* A label for a property edit: what a person would call it in the Edit menu. */
static const char *
property_label (WaymarkElement *element,
                const char     *property)
{
  gboolean is_name = g_str_equal (property, "name") || g_str_equal (property, "title");

  if (element == NULL)
    {
      if (g_str_equal (property, "color-by-owner"))
        return _("Colour by Owner");
      if (g_str_has_prefix (property, "emotion-"))
        return _("Change Emotion Scale");
      return is_name ? _("Rename Map") : _("Edit Map Details");
    }
  if (WAYMARK_IS_TOUCHPOINT (element))
    {
      if (is_name)
        return _("Rename Touchpoint");
      if (g_str_equal (property, "emotion") || g_str_equal (property, "has-emotion"))
        return _("Change Emotion");
      if (g_str_equal (property, "moment-of-truth"))
        return _("Mark Moment of Truth");
      if (g_str_equal (property, "metrics"))
        return _("Edit Metrics");
      return _("Edit Touchpoint");
    }
  if (WAYMARK_IS_STAGE (element))
    {
      if (is_name)
        return _("Rename Stage");
      if (g_str_equal (property, "width"))
        return _("Resize Stage");
      if (g_str_equal (property, "metrics"))
        return _("Edit Metrics");
      return _("Edit Stage");
    }
  if (WAYMARK_IS_LANE (element))
    {
      if (g_str_equal (property, "hidden"))
        return _("Show or Hide Lane");
      if (g_str_equal (property, "collapsed"))
        return _("Collapse or Expand Lane");
      return is_name ? _("Rename Lane") : _("Edit Lane");
    }
  if (WAYMARK_IS_PERSONA (element))
    return is_name ? _("Rename Persona") : _("Edit Persona");
  if (WAYMARK_IS_CURVE (element))
    {
      if (g_str_equal (property, "visible"))
        return _("Show or Hide Curve");
      return is_name ? _("Rename Curve") : _("Edit Curve");
    }
  if (WAYMARK_IS_OWNER (element))
    return is_name ? _("Rename Owner") : _("Edit Owner");
  if (WAYMARK_IS_VIEW (element))
    return is_name ? _("Rename View") : _("Edit View");
  return _("Edit");
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    return strv_equal (g_value_get_boxed (a), g_value_get_boxed (b));

  if (G_VALUE_HOLDS (a, G_TYPE_PTR_ARRAY))
    {
      GPtrArray *x = g_value_get_boxed (a);
      GPtrArray *y = g_value_get_boxed (b);
      guint len_x = x != NULL ? x->len : 0;
      guint len_y = y != NULL ? y->len : 0;

      if (len_x != len_y)
        return FALSE;
      for (guint i = 0; i < len_x; i++)
        if (!waymark_metric_equal (g_ptr_array_index (x, i), g_ptr_array_index (y, i)))
          return FALSE;
      return TRUE;
    }

  if (G_VALUE_HOLDS_DOUBLE (a))
    return g_value_get_double (a) == g_value_get_double (b);

  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a) != NULL ? g_value_get_string (a) : "",
                      g_value_get_string (b) != NULL ? g_value_get_string (b) : "") == 0;

  return g_param_values_cmp (pspec, a, b) == 0;
}

/* ---- GObject ---------------------------------------------------------- */

static void
detach_all (WaymarkDocument *self)
{
  for (guint l = 0; l < N_LISTS; l++)
    {
      GListModel *model;
      guint n;

      if (self->lists[l] == NULL)
        continue;

      model = G_LIST_MODEL (self->lists[l]);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WaymarkElement) element = g_list_model_get_item (model, i);
          _waymark_element_set_document (element, NULL);
        }
    }
}

static void
waymark_document_dispose (GObject *object)
{
  WaymarkDocument *self = WAYMARK_DOCUMENT (object);

  g_clear_pointer (&self->history, waymark_history_free);
  detach_all (self);
  for (guint l = 0; l < N_LISTS; l++)
    g_clear_object (&self->lists[l]);
  g_clear_pointer (&self->positions[LIST_STAGES], g_hash_table_unref);
  g_clear_pointer (&self->positions[LIST_LANES], g_hash_table_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);

  G_OBJECT_CLASS (waymark_document_parent_class)->dispose (object);
}

static void
waymark_document_finalize (GObject *object)
{
  WaymarkDocument *self = WAYMARK_DOCUMENT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->extension_data, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->emotion_levels, g_strfreev);

  G_OBJECT_CLASS (waymark_document_parent_class)->finalize (object);
}

static void
waymark_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WaymarkDocument *self = WAYMARK_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case PROP_COLOR_BY_OWNER:
      g_value_set_boolean (value, self->color_by_owner);
      break;
    case PROP_EMOTION_MIN:
      g_value_set_int (value, self->emotion_min);
      break;
    case PROP_EMOTION_MAX:
      g_value_set_int (value, self->emotion_max);
      break;
    case PROP_EMOTION_LEVELS:
      g_value_set_boxed (value, self->emotion_levels);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, waymark_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, waymark_document_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, waymark_document_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, waymark_document_get_redo_label (self));
      break;
    case PROP_MODIFIED_SINCE_SAVE:
      g_value_set_boolean (value, waymark_document_get_modified_since_save (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_document_set_gproperty (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WaymarkDocument *self = WAYMARK_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      _waymark_set_string (object, &self->title, value, pspec);
      break;
    case PROP_DESCRIPTION:
      _waymark_set_string (object, &self->description, value, pspec);
      break;
    case PROP_AUTHOR:
      _waymark_set_string (object, &self->author, value, pspec);
      break;
    case PROP_CREATED:
      waymark_document_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_MODIFIED:
      waymark_document_set_modified (self, g_value_get_boxed (value));
      break;
    case PROP_COLOR_BY_OWNER:
      if (self->color_by_owner != g_value_get_boolean (value))
        {
          self->color_by_owner = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_EMOTION_MIN:
      if (self->emotion_min != g_value_get_int (value))
        {
          self->emotion_min = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_EMOTION_MAX:
      if (self->emotion_max != g_value_get_int (value))
        {
          self->emotion_max = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_EMOTION_LEVELS:
      {
        const char * const *levels = g_value_get_boxed (value);

        /* No names at all is NULL, so that readers need one test. */
        if (levels != NULL && levels[0] == NULL)
          levels = NULL;
        if (levels == NULL && self->emotion_levels == NULL)
          break;
        if (levels != NULL && self->emotion_levels != NULL &&
            g_strv_equal (levels, (const char * const *) self->emotion_levels))
          break;
        g_strfreev (self->emotion_levels);
        self->emotion_levels = g_strdupv ((char **) levels);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_document_class_init (WaymarkDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = waymark_document_dispose;
  object_class->finalize = waymark_document_finalize;
  object_class->get_property = waymark_document_get_property;
  object_class->set_property = waymark_document_set_gproperty;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", rw);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, "", rw);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_COLOR_BY_OWNER] =
    g_param_spec_boolean ("color-by-owner", NULL, NULL, FALSE, rw);
  properties[PROP_EMOTION_MIN] =
    g_param_spec_int ("emotion-min", NULL, NULL,
                      -WAYMARK_EMOTION_SCALE_LIMIT, WAYMARK_EMOTION_SCALE_LIMIT,
                      (int) WAYMARK_EMOTION_MIN, rw);
  properties[PROP_EMOTION_MAX] =
    g_param_spec_int ("emotion-max", NULL, NULL,
                      -WAYMARK_EMOTION_SCALE_LIMIT, WAYMARK_EMOTION_SCALE_LIMIT,
                      (int) WAYMARK_EMOTION_MAX, rw);
  properties[PROP_EMOTION_LEVELS] =
    g_param_spec_boxed ("emotion-levels", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED_SINCE_SAVE] =
    g_param_spec_boolean ("modified-since-save", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WaymarkDocument::changed:
   * @kind: a #WaymarkChangeKind
   * @element: (nullable): the element concerned, NULL for the map itself
   * @detail: (nullable): property name, or a stage id for curve changes
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  WAYMARK_TYPE_CHANGE_KIND,
                  WAYMARK_TYPE_ELEMENT,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
waymark_document_init (WaymarkDocument *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->author = g_strdup ("");
  self->lists[LIST_STAGES] = g_list_store_new (WAYMARK_TYPE_STAGE);
  self->lists[LIST_LANES] = g_list_store_new (WAYMARK_TYPE_LANE);
  self->lists[LIST_TOUCHPOINTS] = g_list_store_new (WAYMARK_TYPE_TOUCHPOINT);
  self->lists[LIST_PERSONAS] = g_list_store_new (WAYMARK_TYPE_PERSONA);
  self->lists[LIST_CURVES] = g_list_store_new (WAYMARK_TYPE_CURVE);
  self->lists[LIST_OWNERS] = g_list_store_new (WAYMARK_TYPE_OWNER);
  self->lists[LIST_VIEWS] = g_list_store_new (WAYMARK_TYPE_VIEW);
  self->emotion_min = (int) WAYMARK_EMOTION_MIN;
  self->emotion_max = (int) WAYMARK_EMOTION_MAX;
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->history = waymark_history_new (self);
}

/* ---- Public API: reading ----------------------------------------------- */

WaymarkDocument *
waymark_document_new (void)
{
  return g_object_new (WAYMARK_TYPE_DOCUMENT, NULL);
}

const char *
waymark_document_get_title (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
waymark_document_get_description (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return self->description;
}

const char *
waymark_document_get_author (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return self->author;
}

GDateTime *
waymark_document_get_created (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return self->created;
}

GDateTime *
waymark_document_get_modified (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return self->modified;
}

GListModel *
waymark_document_get_stages (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_STAGES]);
}

GListModel *
waymark_document_get_lanes (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_LANES]);
}

GListModel *
waymark_document_get_touchpoints (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
}

GListModel *
waymark_document_get_personas (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_PERSONAS]);
}

GListModel *
waymark_document_get_curves (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_CURVES]);
}

int
waymark_document_get_stage_index (WaymarkDocument *self,
                                  WaymarkStage    *stage)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (WAYMARK_IS_STAGE (stage), -1);

  return position_of (self, LIST_STAGES, stage);
}

int
waymark_document_get_lane_index (WaymarkDocument *self,
                                 WaymarkLane     *lane)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (WAYMARK_IS_LANE (lane), -1);

  return position_of (self, LIST_LANES, lane);
}

GPtrArray *
waymark_document_get_cell (WaymarkDocument *self,
                           WaymarkStage    *stage,
                           WaymarkLane     *lane)
{
  GListModel *model;
  GPtrArray *cell;
  guint n;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  cell = g_ptr_array_new_with_free_func (g_object_unref);
  model = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      WaymarkTouchpoint *tp = g_list_model_get_item (model, i);

      if (in_cell (tp, stage, lane))
        g_ptr_array_add (cell, tp);
      else
        g_object_unref (tp);
    }

  return cell;
}

guint
waymark_document_get_index_in_cell (WaymarkDocument   *self,
                                    WaymarkTouchpoint *touchpoint)
{
  GListModel *model;
  WaymarkStage *stage;
  WaymarkLane *lane;
  guint index = 0;
  guint n;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (belongs (self, touchpoint), 0);

  stage = waymark_touchpoint_get_stage (touchpoint);
  lane = waymark_touchpoint_get_lane (touchpoint);
  model = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (model, i);

      if (tp == touchpoint)
        break;
      if (in_cell (tp, stage, lane))
        index++;
    }

  return index;
}

WaymarkElement *
waymark_document_lookup (WaymarkDocument *self,
                         const char      *id)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->ids, id);
}

char *
waymark_document_make_id (WaymarkDocument *self,
                          GType            element_type)
{
  g_autoptr(GTypeClass) klass = NULL;
  const char *prefix;
  guint n;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_type_is_a (element_type, WAYMARK_TYPE_ELEMENT), NULL);

  klass = g_type_class_ref (element_type);
  prefix = WAYMARK_ELEMENT_CLASS (klass)->id_prefix;

  /* Start past the number of elements of that kind so that a map built
   * by adding things rarely probes more than once. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->lists[list_for_type (element_type)])) + 1;
  for (;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, n);

      if (!g_hash_table_contains (self->ids, id))
        return g_steal_pointer (&id);
    }
}

const char *
waymark_document_get_extension_data (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return self->extension_data;
}

void
waymark_document_set_extension_data (WaymarkDocument *self,
                                     const char      *data)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  g_free (self->extension_data);
  self->extension_data = (data != NULL && data[0] != '\0') ? g_strdup (data) : NULL;
}

/* ---- Public API: editing ----------------------------------------------- */

void
waymark_document_set_property (WaymarkDocument *self,
                               WaymarkElement  *element,
                               const char      *property,
                               const GValue    *value,
                               gboolean         merge)
{
  GObject *target;
  GParamSpec *pspec;
  PropertyCommand *command;
  g_auto(GValue) new_value = G_VALUE_INIT;
  g_auto(GValue) old_value = G_VALUE_INIT;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (element == NULL || belongs (self, element));
  g_return_if_fail (property != NULL);
  g_return_if_fail (G_IS_VALUE (value));

  target = element != NULL ? G_OBJECT (element) : G_OBJECT (self);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
  g_return_if_fail (pspec != NULL);
  g_return_if_fail ((pspec->flags & G_PARAM_WRITABLE) != 0);
  g_return_if_fail ((pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0);
  /* Dates are file metadata, not edits. */
  g_return_if_fail (element != NULL || pspec->value_type != G_TYPE_DATE_TIME);

  g_value_init (&new_value, pspec->value_type);
  if (!g_value_transform (value, &new_value))
    {
      g_critical ("Cannot set property “%s” from a %s", property, G_VALUE_TYPE_NAME (value));
      return;
    }
  if (g_param_value_validate (pspec, &new_value))
    g_debug ("Value for “%s” was clamped to its valid range", property);

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (target, property, &old_value);
  if (values_equal (pspec, &old_value, &new_value))
    return;

  command = waymark_command_new (&property_class, property_label (element, property), merge);
  command->element = element != NULL ? g_object_ref (element) : NULL;
  command->property = g_intern_string (pspec->name);
  g_value_init (&command->old_value, pspec->value_type);
  g_value_copy (&old_value, &command->old_value);
  g_value_init (&command->new_value, pspec->value_type);
  g_value_copy (&new_value, &command->new_value);

  push (self, (WaymarkCommand *) command);
}

void
waymark_document_set_string (WaymarkDocument *self,
                             WaymarkElement  *element,
                             const char      *property,
                             const char      *value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);
  waymark_document_set_property (self, element, property, &gvalue, FALSE);
}

void
waymark_document_set_double (WaymarkDocument *self,
                             WaymarkElement  *element,
                             const char      *property,
                             double           value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_DOUBLE);
  g_value_set_double (&gvalue, value);
  waymark_document_set_property (self, element, property, &gvalue, FALSE);
}

void
waymark_document_set_boolean (WaymarkDocument *self,
                              WaymarkElement  *element,
                              const char      *property,
                              gboolean         value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_BOOLEAN);
  g_value_set_boolean (&gvalue, value);
  waymark_document_set_property (self, element, property, &gvalue, FALSE);
}

static gboolean
can_insert (WaymarkDocument *self,
            WaymarkElement  *element)
{
  if (waymark_element_get_document (element) != NULL)
    {
      g_critical ("Element “%s” already belongs to a document", waymark_element_get_id (element));
      return FALSE;
    }
  if (g_hash_table_contains (self->ids, waymark_element_get_id (element)))
    {
      g_critical ("The id “%s” is already used in this document", waymark_element_get_id (element));
      return FALSE;
    }
  return TRUE;
}

static guint
clamp_position (WaymarkDocument *self,
                ListId           list,
                int              position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lists[list]));

  return (position < 0 || (guint) position > n) ? n : (guint) position;
}

void
waymark_document_insert_stage (WaymarkDocument *self,
                               WaymarkStage    *stage,
                               int              position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_STAGE (stage));

  if (!can_insert (self, WAYMARK_ELEMENT (stage)))
    return;

  push_list (self, _("Add Stage"), WAYMARK_ELEMENT (stage),
             clamp_position (self, LIST_STAGES, position), TRUE);
}

static void
set_strv (WaymarkDocument    *self,
          WaymarkElement     *element,
          const char         *property,
          const char * const *strv)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, strv);
  waymark_document_set_property (self, element, property, &value, FALSE);
}

/* A copy of strv without id, or NULL when strv does not hold it. */
static GStrv
strv_without (const char * const *strv,
              const char         *id)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (strv == NULL || !g_strv_contains (strv, id))
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; strv[i] != NULL; i++)
    if (!g_str_equal (strv[i], id))
      g_strv_builder_add (builder, strv[i]);
  return g_strv_builder_end (builder);
}

/* Drops a removed lane's or curve's id from every view. */
static void
forget_in_views (WaymarkDocument *self,
                 const char      *property,
                 const char      *id)
{
  GListModel *views = G_LIST_MODEL (self->lists[LIST_VIEWS]);
  guint n = g_list_model_get_n_items (views);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkView) view = g_list_model_get_item (views, i);
      const char * const *ids = g_str_equal (property, "lanes") ? waymark_view_get_lanes (view)
                                                                : waymark_view_get_curves (view);
      g_auto(GStrv) rest = strv_without (ids, id);

      if (rest != NULL)
        set_strv (self, WAYMARK_ELEMENT (view), property, (const char * const *) rest);
    }
}

/* Removes every link to a card of gone (ids) held by a card that stays;
 * the links of the cards that go leave with them. One pass whatever the
 * number of cards going: removing a lane of thousands of cards must not
 * scan the map once per card. */
static void
forget_links_to (WaymarkDocument *self,
                 GHashTable      *gone)
{
  GListModel *model = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (model, i);
      const char * const *links = waymark_touchpoint_get_links (tp);
      g_autoptr(GStrvBuilder) rest = NULL;
      g_auto(GStrv) kept = NULL;
      gboolean changed = FALSE;

      if (links[0] == NULL ||
          g_hash_table_contains (gone, waymark_element_get_id (WAYMARK_ELEMENT (tp))))
        continue;

      rest = g_strv_builder_new ();
      for (guint j = 0; links[j] != NULL; j++)
        {
          if (g_hash_table_contains (gone, links[j]))
            changed = TRUE;
          else
            g_strv_builder_add (rest, links[j]);
        }
      if (!changed)
        continue;
      kept = g_strv_builder_end (rest);
      set_strv (self, WAYMARK_ELEMENT (tp), "links", (const char * const *) kept);
    }
}

static void
remove_touchpoints_where (WaymarkDocument *self,
                          WaymarkStage    *stage,
                          WaymarkLane     *lane)
{
  GListModel *model = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  g_autoptr(GHashTable) gone = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Back to front, so each removal leaves the positions before it alone. */
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (model, i - 1);

      if ((stage != NULL && waymark_touchpoint_get_stage (tp) == stage) ||
          (lane != NULL && waymark_touchpoint_get_lane (tp) == lane))
        {
          guint position = i - 1;

          /* The ids are owned by the cards, which the document keeps
           * until they are removed below. */
          g_hash_table_add (gone, (gpointer) waymark_element_get_id (WAYMARK_ELEMENT (tp)));
          g_array_append_val (positions, position);
        }
    }
  if (positions->len == 0)
    return;

  forget_links_to (self, gone);
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (model, position);

      push_list (self, _("Delete Touchpoint"), WAYMARK_ELEMENT (tp), position, FALSE);
    }
}

void
waymark_document_remove_stage (WaymarkDocument *self,
                               WaymarkStage    *stage)
{
  GListModel *curves;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, stage));

  waymark_document_begin_group (self, _("Delete Stage"));

  remove_touchpoints_where (self, stage, NULL);

  curves = G_LIST_MODEL (self->lists[LIST_CURVES]);
  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      if (waymark_curve_get_value (curve, stage, NULL))
        waymark_document_unset_curve_value (self, curve, stage);
    }

  push_list (self, _("Delete Stage"), WAYMARK_ELEMENT (stage),
             find_position (self, LIST_STAGES, stage), FALSE);

  waymark_document_end_group (self);
}

void
waymark_document_move_stage (WaymarkDocument *self,
                             WaymarkStage    *stage,
                             guint            position)
{
  guint from;
  guint n;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, stage));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lists[LIST_STAGES]));
  position = MIN (position, n - 1);
  from = find_position (self, LIST_STAGES, stage);
  if (from == position)
    return;

  push_move (self, _("Move Stage"), WAYMARK_ELEMENT (stage), from, position, NULL, NULL);
}

void
waymark_document_insert_lane (WaymarkDocument *self,
                              WaymarkLane     *lane,
                              int              position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_LANE (lane));

  if (!can_insert (self, WAYMARK_ELEMENT (lane)))
    return;

  push_list (self, _("Add Lane"), WAYMARK_ELEMENT (lane),
             clamp_position (self, LIST_LANES, position), TRUE);
}

void
waymark_document_remove_lane (WaymarkDocument *self,
                              WaymarkLane     *lane)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, lane));

  waymark_document_begin_group (self, _("Delete Lane"));
  remove_touchpoints_where (self, NULL, lane);
  forget_in_views (self, "lanes", waymark_element_get_id (WAYMARK_ELEMENT (lane)));
  push_list (self, _("Delete Lane"), WAYMARK_ELEMENT (lane),
             find_position (self, LIST_LANES, lane), FALSE);
  waymark_document_end_group (self);
}

void
waymark_document_move_lane (WaymarkDocument *self,
                            WaymarkLane     *lane,
                            guint            position)
{
  guint from;
  guint n;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, lane));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lists[LIST_LANES]));
  position = MIN (position, n - 1);
  from = find_position (self, LIST_LANES, lane);
  if (from == position)
    return;

  push_move (self, _("Move Lane"), WAYMARK_ELEMENT (lane), from, position, NULL, NULL);
}

void
waymark_document_add_touchpoint (WaymarkDocument   *self,
                                 WaymarkTouchpoint *touchpoint,
                                 WaymarkStage      *stage,
                                 WaymarkLane       *lane,
                                 int                index_in_cell)
{
  guint position;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_TOUCHPOINT (touchpoint));
  g_return_if_fail (belongs (self, stage));
  g_return_if_fail (belongs (self, lane));

  if (!can_insert (self, WAYMARK_ELEMENT (touchpoint)))
    return;

  /* Outside the document, so this is not an edit of the map yet. */
  _waymark_touchpoint_set_cell (touchpoint, stage, lane);
  position = cell_insert_position (self, stage, lane,
                                   index_in_cell < 0 ? G_MAXINT : index_in_cell, NULL);
  push_list (self, _("Add Touchpoint"), WAYMARK_ELEMENT (touchpoint), position, TRUE);
}

void
waymark_document_remove_touchpoint (WaymarkDocument   *self,
                                    WaymarkTouchpoint *touchpoint)
{
  g_autoptr(GHashTable) gone = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, touchpoint));

  gone = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (gone, (gpointer) waymark_element_get_id (WAYMARK_ELEMENT (touchpoint)));

  waymark_document_begin_group (self, _("Delete Touchpoint"));
  forget_links_to (self, gone);
  push_list (self, _("Delete Touchpoint"), WAYMARK_ELEMENT (touchpoint),
             find_position (self, LIST_TOUCHPOINTS, touchpoint), FALSE);
  waymark_document_end_group (self);
}

void
waymark_document_move_touchpoint (WaymarkDocument   *self,
                                  WaymarkTouchpoint *touchpoint,
                                  WaymarkStage      *stage,
                                  WaymarkLane       *lane,
                                  int                index_in_cell)
{
  guint from;
  guint to;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, touchpoint));
  g_return_if_fail (belongs (self, stage));
  g_return_if_fail (belongs (self, lane));

  from = find_position (self, LIST_TOUCHPOINTS, touchpoint);
  to = cell_insert_position (self, stage, lane,
                             index_in_cell < 0 ? G_MAXINT : index_in_cell, touchpoint);
  /* "to" counts the card itself when it sits before it; the command
   * removes the card first. */
  if (from < to)
    to--;

  if (from == to && in_cell (touchpoint, stage, lane))
    return;

  push_move (self, _("Move Touchpoint"), WAYMARK_ELEMENT (touchpoint), from, to, stage, lane);
}

void
waymark_document_add_persona (WaymarkDocument *self,
                              WaymarkPersona  *persona)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_PERSONA (persona));

  if (!can_insert (self, WAYMARK_ELEMENT (persona)))
    return;

  push_list (self, _("Add Persona"), WAYMARK_ELEMENT (persona),
             clamp_position (self, LIST_PERSONAS, -1), TRUE);
}

void
waymark_document_remove_persona (WaymarkDocument *self,
                                 WaymarkPersona  *persona)
{
  GListModel *curves;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, persona));

  waymark_document_begin_group (self, _("Delete Persona"));

  curves = G_LIST_MODEL (self->lists[LIST_CURVES]);
  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      if (waymark_curve_get_persona (curve) == persona)
        {
          g_auto(GValue) none = G_VALUE_INIT;

          g_value_init (&none, WAYMARK_TYPE_PERSONA);
          waymark_document_set_property (self, WAYMARK_ELEMENT (curve), "persona", &none, FALSE);
        }
    }

  push_list (self, _("Delete Persona"), WAYMARK_ELEMENT (persona),
             find_position (self, LIST_PERSONAS, persona), FALSE);

  waymark_document_end_group (self);
}

void
waymark_document_add_curve (WaymarkDocument *self,
                            WaymarkCurve    *curve)
{
  WaymarkPersona *persona;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_CURVE (curve));

  persona = waymark_curve_get_persona (curve);
  g_return_if_fail (persona == NULL || belongs (self, persona));
  g_return_if_fail (waymark_curve_get_n_values (curve) == 0);

  if (!can_insert (self, WAYMARK_ELEMENT (curve)))
    return;

  push_list (self, _("Add Curve"), WAYMARK_ELEMENT (curve),
             clamp_position (self, LIST_CURVES, -1), TRUE);
}

void
waymark_document_remove_curve (WaymarkDocument *self,
                               WaymarkCurve    *curve)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, curve));

  waymark_document_begin_group (self, _("Delete Curve"));
  forget_in_views (self, "curves", waymark_element_get_id (WAYMARK_ELEMENT (curve)));
  push_list (self, _("Delete Curve"), WAYMARK_ELEMENT (curve),
             find_position (self, LIST_CURVES, curve), FALSE);
  waymark_document_end_group (self);
}

static void
push_curve_value (WaymarkDocument *self,
                  const char      *label,
                  WaymarkCurve    *curve,
                  WaymarkStage    *stage,
                  gboolean         has_value,
                  double           value,
                  gboolean         merge)
{
  CurveCommand *command;
  double old_value = 0.0;
  gboolean had_old = waymark_curve_get_value (curve, stage, &old_value);

  if (had_old == has_value && (!has_value || old_value == value))
    return;

  command = waymark_command_new (&curve_class, label, merge);
  command->curve = g_object_ref (curve);
  command->stage = g_object_ref (stage);
  command->had_old = had_old;
  command->old_value = old_value;
  command->has_new = has_value;
  command->new_value = value;
  if (had_old)
    command->old_note = g_strdup (waymark_curve_get_note (curve, stage));

  push (self, (WaymarkCommand *) command);
}

void
waymark_document_set_curve_value (WaymarkDocument *self,
                                  WaymarkCurve    *curve,
                                  WaymarkStage    *stage,
                                  double           value,
                                  gboolean         merge)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, curve));
  g_return_if_fail (belongs (self, stage));
  g_return_if_fail (isfinite (value));

  value = waymark_document_clamp_emotion (self, value);
  push_curve_value (self, _("Change Emotion"), curve, stage, TRUE, value, merge);
}

void
waymark_document_unset_curve_value (WaymarkDocument *self,
                                    WaymarkCurve    *curve,
                                    WaymarkStage    *stage)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, curve));
  g_return_if_fail (WAYMARK_IS_STAGE (stage));

  push_curve_value (self, _("Remove Curve Point"), curve, stage, FALSE, 0.0, FALSE);
}

void
waymark_document_begin_group (WaymarkDocument *self,
                              const char      *label)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (label != NULL);

  waymark_history_begin_group (self->history, label);
  update_history_state (self);
}

void
waymark_document_end_group (WaymarkDocument *self)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  waymark_history_end_group (self->history);
  update_history_state (self);
}

/* ---- Public API: history ----------------------------------------------- */

gboolean
waymark_document_can_undo (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  return waymark_history_can_undo (self->history);
}

gboolean
waymark_document_can_redo (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  return waymark_history_can_redo (self->history);
}

const char *
waymark_document_get_undo_label (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return waymark_history_get_undo_label (self->history);
}

const char *
waymark_document_get_redo_label (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return waymark_history_get_redo_label (self->history);
}

gboolean
waymark_document_undo (WaymarkDocument *self)
{
  gboolean done;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);

  done = waymark_history_undo (self->history);
  update_history_state (self);
  return done;
}

gboolean
waymark_document_redo (WaymarkDocument *self)
{
  gboolean done;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);

  done = waymark_history_redo (self->history);
  update_history_state (self);
  return done;
}

void
waymark_document_clear_history (WaymarkDocument *self)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  waymark_history_clear (self->history);
  update_history_state (self);
}

void
waymark_document_mark_saved (WaymarkDocument *self)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  waymark_history_mark_saved (self->history);
  update_history_state (self);
}

void
waymark_document_mark_unsaved (WaymarkDocument *self)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  waymark_history_mark_unsaved (self->history);
  update_history_state (self);
}

gboolean
waymark_document_get_modified_since_save (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  return waymark_history_is_modified (self->history);
}

/* ---- Public API: metadata ---------------------------------------------- */

static void
set_date (WaymarkDocument  *self,
          GDateTime       **field,
          GDateTime        *value,
          GParamSpec       *pspec)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
waymark_document_set_created (WaymarkDocument *self,
                              GDateTime       *created)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  set_date (self, &self->created, created, properties[PROP_CREATED]);
}

void
waymark_document_set_modified (WaymarkDocument *self,
                               GDateTime       *modified)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  set_date (self, &self->modified, modified, properties[PROP_MODIFIED]);
}

/* ---- Loader API ------------------------------------------------------- */

static gboolean
load_append (WaymarkDocument *self,
             WaymarkElement  *element)
{
  ListId list = list_for_type (G_OBJECT_TYPE (element));
  const char *id = waymark_element_get_id (element);

  if (waymark_element_get_document (element) != NULL || g_hash_table_contains (self->ids, id))
    return FALSE;

  g_list_store_append (self->lists[list], element);
  g_hash_table_insert (self->ids, (gpointer) id, element);
  _waymark_element_set_document (element, self);
  invalidate_positions (self, list);

  return TRUE;
}

gboolean
waymark_document_load_stage (WaymarkDocument *self,
                             WaymarkStage    *stage)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_STAGE (stage), FALSE);

  return load_append (self, WAYMARK_ELEMENT (stage));
}

gboolean
waymark_document_load_lane (WaymarkDocument *self,
                            WaymarkLane     *lane)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_LANE (lane), FALSE);

  return load_append (self, WAYMARK_ELEMENT (lane));
}

gboolean
waymark_document_load_persona (WaymarkDocument *self,
                               WaymarkPersona  *persona)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_PERSONA (persona), FALSE);

  return load_append (self, WAYMARK_ELEMENT (persona));
}

gboolean
waymark_document_load_touchpoint (WaymarkDocument   *self,
                                  WaymarkTouchpoint *touchpoint,
                                  WaymarkStage      *stage,
                                  WaymarkLane       *lane)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (touchpoint), FALSE);
  g_return_val_if_fail (belongs (self, stage), FALSE);
  g_return_val_if_fail (belongs (self, lane), FALSE);

  if (!load_append (self, WAYMARK_ELEMENT (touchpoint)))
    return FALSE;
  _waymark_touchpoint_set_cell (touchpoint, stage, lane);
  return TRUE;
}

gboolean
waymark_document_load_curve (WaymarkDocument *self,
                             WaymarkCurve    *curve)
{
  WaymarkPersona *persona;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_CURVE (curve), FALSE);

  persona = waymark_curve_get_persona (curve);
  g_return_val_if_fail (persona == NULL || belongs (self, persona), FALSE);

  return load_append (self, WAYMARK_ELEMENT (curve));
}

void
waymark_document_load_curve_value (WaymarkDocument *self,
                                   WaymarkCurve    *curve,
                                   WaymarkStage    *stage,
                                   double           value)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_CURVE (curve));
  g_return_if_fail (belongs (self, stage));
  g_return_if_fail (value >= self->emotion_min && value <= self->emotion_max);

  _waymark_curve_set_value (curve, stage, value);
}

void
waymark_document_load_metadata (WaymarkDocument *self,
                                const char      *title,
                                const char      *description,
                                const char      *author)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
  g_free (self->description);
  self->description = g_strdup (description != NULL ? description : "");
  g_free (self->author);
  self->author = g_strdup (author != NULL ? author : "");
}

gboolean
waymark_document_load_owner (WaymarkDocument *self,
                             WaymarkOwner    *owner)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_OWNER (owner), FALSE);

  return load_append (self, WAYMARK_ELEMENT (owner));
}

gboolean
waymark_document_load_view (WaymarkDocument *self,
                            WaymarkView     *view)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_VIEW (view), FALSE);

  return load_append (self, WAYMARK_ELEMENT (view));
}

void
waymark_document_load_curve_note (WaymarkDocument *self,
                                  WaymarkCurve    *curve,
                                  WaymarkStage    *stage,
                                  const char      *note)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_CURVE (curve));
  g_return_if_fail (belongs (self, stage));
  g_return_if_fail (waymark_curve_get_value (curve, stage, NULL));

  _waymark_curve_set_note (curve, stage, note);
}

static gboolean
scale_is_valid (int                 min,
                int                 max,
                const char * const *levels)
{
  if (min < -WAYMARK_EMOTION_SCALE_LIMIT || max > WAYMARK_EMOTION_SCALE_LIMIT ||
      min >= max || max - min > WAYMARK_EMOTION_MAX_STEPS)
    return FALSE;
  return levels == NULL || levels[0] == NULL || g_strv_length ((char **) levels) == (guint) (max - min + 1);
}

void
waymark_document_load_emotion_scale (WaymarkDocument    *self,
                                     int                 min,
                                     int                 max,
                                     const char * const *levels)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (scale_is_valid (min, max, levels));

  self->emotion_min = min;
  self->emotion_max = max;
  g_clear_pointer (&self->emotion_levels, g_strfreev);
  if (levels != NULL && levels[0] != NULL)
    self->emotion_levels = g_strdupv ((char **) levels);
}

void
waymark_document_load_color_by_owner (WaymarkDocument *self,
                                      gboolean         color_by_owner)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  self->color_by_owner = !!color_by_owner;
}

/* ---- Public API: version 2 — scale, owners, views, links, notes -------- */

GListModel *
waymark_document_get_owners (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_OWNERS]);
}

GListModel *
waymark_document_get_views (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lists[LIST_VIEWS]);
}

int
waymark_document_get_emotion_min (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), (int) WAYMARK_EMOTION_MIN);
  return self->emotion_min;
}

int
waymark_document_get_emotion_max (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), (int) WAYMARK_EMOTION_MAX);
  return self->emotion_max;
}

const char * const *
waymark_document_get_emotion_levels (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  /* In the middle of a scale change (an undo group sets bounds and names
   * one after the other) the names may not fit the bounds yet. */
  if (self->emotion_levels == NULL ||
      g_strv_length (self->emotion_levels) != (guint) (self->emotion_max - self->emotion_min + 1))
    return NULL;
  return (const char * const *) self->emotion_levels;
}

const char *
waymark_document_get_emotion_level_name (WaymarkDocument *self,
                                         double           value)
{
  const char * const *levels;
  const char *name;
  int index;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  levels = waymark_document_get_emotion_levels (self);
  if (levels == NULL || !isfinite (value))
    return NULL;

  index = (int) lround (waymark_document_clamp_emotion (self, value)) - self->emotion_min;
  name = levels[CLAMP (index, 0, self->emotion_max - self->emotion_min)];
  return name[0] != '\0' ? name : NULL;
}

double
waymark_document_clamp_emotion (WaymarkDocument *self,
                                double           value)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), value);

  return CLAMP (value, (double) self->emotion_min, (double) self->emotion_max);
}

gboolean
waymark_document_get_color_by_owner (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  return self->color_by_owner;
}

WaymarkOwner *
waymark_document_lookup_owner (WaymarkDocument *self,
                               const char      *name)
{
  GListModel *owners;
  guint n;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  if (name == NULL || name[0] == '\0')
    return NULL;

  owners = G_LIST_MODEL (self->lists[LIST_OWNERS]);
  n = g_list_model_get_n_items (owners);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkOwner) owner = g_list_model_get_item (owners, i);

      if (g_str_equal (waymark_owner_get_name (owner), name))
        return owner;   /* the document keeps it alive */
    }
  return NULL;
}

GPtrArray *
waymark_document_get_linked (WaymarkDocument   *self,
                             WaymarkTouchpoint *touchpoint)
{
  GPtrArray *linked;
  GListModel *model;
  const char * const *own;
  const char *id;
  guint n;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (touchpoint), NULL);

  linked = g_ptr_array_new_with_free_func (g_object_unref);
  if (!belongs (self, touchpoint))
    return linked;

  own = waymark_touchpoint_get_links (touchpoint);
  id = waymark_element_get_id (WAYMARK_ELEMENT (touchpoint));
  model = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (model, i);

      if (tp == touchpoint)
        continue;
      if (g_strv_contains (own, waymark_element_get_id (WAYMARK_ELEMENT (tp))) ||
          g_strv_contains (waymark_touchpoint_get_links (tp), id))
        g_ptr_array_add (linked, g_steal_pointer (&tp));
    }

  return linked;
}

void
waymark_document_set_emotion_scale (WaymarkDocument    *self,
                                    int                 min,
                                    int                 max,
                                    const char * const *levels)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (scale_is_valid (min, max, levels));

  waymark_document_begin_group (self, _("Change Emotion Scale"));

  /* Through min first when the scale grows downwards, so that min < max
   * holds at every step for whoever redraws in between. */
  g_value_init (&value, G_TYPE_INT);
  if (min < self->emotion_min)
    {
      g_value_set_int (&value, min);
      waymark_document_set_property (self, NULL, "emotion-min", &value, FALSE);
      g_value_set_int (&value, max);
      waymark_document_set_property (self, NULL, "emotion-max", &value, FALSE);
    }
  else
    {
      g_value_set_int (&value, max);
      waymark_document_set_property (self, NULL, "emotion-max", &value, FALSE);
      g_value_set_int (&value, min);
      waymark_document_set_property (self, NULL, "emotion-min", &value, FALSE);
    }
  set_strv (self, NULL, "emotion-levels", levels);

  waymark_document_end_group (self);
}

void
waymark_document_add_owner (WaymarkDocument *self,
                            WaymarkOwner    *owner,
                            int              position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_OWNER (owner));

  if (!can_insert (self, WAYMARK_ELEMENT (owner)))
    return;

  push_list (self, _("Add Owner"), WAYMARK_ELEMENT (owner),
             clamp_position (self, LIST_OWNERS, position), TRUE);
}

void
waymark_document_remove_owner (WaymarkDocument *self,
                               WaymarkOwner    *owner)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, owner));

  push_list (self, _("Delete Owner"), WAYMARK_ELEMENT (owner),
             find_position (self, LIST_OWNERS, owner), FALSE);
}

void
waymark_document_rename_owner (WaymarkDocument *self,
                               WaymarkOwner    *owner,
                               const char      *name)
{
  g_autofree char *old_name = NULL;
  GListModel *model;
  guint n;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, owner));

  if (name == NULL)
    name = "";
  old_name = g_strdup (waymark_owner_get_name (owner));
  if (g_str_equal (old_name, name))
    return;

  waymark_document_begin_group (self, _("Rename Owner"));
  waymark_document_set_string (self, WAYMARK_ELEMENT (owner), "name", name);

  /* An empty name owns nothing: cards never follow an owner into or out
   * of having no owner. */
  if (old_name[0] != '\0' && name[0] != '\0')
    {
      model = G_LIST_MODEL (self->lists[LIST_TOUCHPOINTS]);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WaymarkTouchpoint) tp = g_list_model_get_item (model, i);

          if (g_str_equal (waymark_touchpoint_get_owner (tp), old_name))
            waymark_document_set_string (self, WAYMARK_ELEMENT (tp), "owner", name);
        }
    }

  waymark_document_end_group (self);
}

void
waymark_document_add_view (WaymarkDocument *self,
                           WaymarkView     *view)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_VIEW (view));

  if (!can_insert (self, WAYMARK_ELEMENT (view)))
    return;

  push_list (self, _("Save View"), WAYMARK_ELEMENT (view),
             clamp_position (self, LIST_VIEWS, -1), TRUE);
}

void
waymark_document_remove_view (WaymarkDocument *self,
                              WaymarkView     *view)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, view));

  push_list (self, _("Delete View"), WAYMARK_ELEMENT (view),
             find_position (self, LIST_VIEWS, view), FALSE);
}

WaymarkView *
waymark_document_capture_view (WaymarkDocument *self,
                               const char      *name)
{
  g_autoptr(GStrvBuilder) lanes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) curves = g_strv_builder_new ();
  g_auto(GStrv) lane_ids = NULL;
  g_auto(GStrv) curve_ids = NULL;
  g_autofree char *id = NULL;
  GListModel *model;
  guint n;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  model = G_LIST_MODEL (self->lists[LIST_LANES]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (model, i);

      if (!waymark_lane_get_hidden (lane))
        g_strv_builder_add (lanes, waymark_element_get_id (WAYMARK_ELEMENT (lane)));
    }

  model = G_LIST_MODEL (self->lists[LIST_CURVES]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (model, i);

      if (waymark_curve_get_visible (curve))
        g_strv_builder_add (curves, waymark_element_get_id (WAYMARK_ELEMENT (curve)));
    }

  lane_ids = g_strv_builder_end (lanes);
  curve_ids = g_strv_builder_end (curves);
  id = waymark_document_make_id (self, WAYMARK_TYPE_VIEW);
  return g_object_new (WAYMARK_TYPE_VIEW,
                       "id", id,
                       "name", name,
                       "lanes", lane_ids,
                       "curves", curve_ids,
                       "color-by-owner", self->color_by_owner,
                       NULL);
}

void
waymark_document_apply_view (WaymarkDocument *self,
                             WaymarkView     *view)
{
  GListModel *model;
  guint n;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_VIEW (view));

  waymark_document_begin_group (self, _("Apply View"));

  model = G_LIST_MODEL (self->lists[LIST_LANES]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (model, i);

      waymark_document_set_boolean (self, WAYMARK_ELEMENT (lane), "hidden",
                                    !waymark_view_shows_lane (view, lane));
    }

  model = G_LIST_MODEL (self->lists[LIST_CURVES]);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (model, i);

      waymark_document_set_boolean (self, WAYMARK_ELEMENT (curve), "visible",
                                    waymark_view_shows_curve (view, curve));
    }

  waymark_document_set_boolean (self, NULL, "color-by-owner",
                                waymark_view_get_color_by_owner (view));

  waymark_document_end_group (self);
}

static gboolean
holds_link (WaymarkTouchpoint *from,
            WaymarkTouchpoint *to)
{
  return g_strv_contains (waymark_touchpoint_get_links (from),
                          waymark_element_get_id (WAYMARK_ELEMENT (to)));
}

void
waymark_document_link (WaymarkDocument   *self,
                       WaymarkTouchpoint *a,
                       WaymarkTouchpoint *b)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) links = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, a));
  g_return_if_fail (belongs (self, b));
  g_return_if_fail (a != b);

  if (holds_link (a, b) || holds_link (b, a))
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) waymark_touchpoint_get_links (a));
  g_strv_builder_add (builder, waymark_element_get_id (WAYMARK_ELEMENT (b)));
  links = g_strv_builder_end (builder);

  waymark_document_begin_group (self, _("Link Cards"));
  set_strv (self, WAYMARK_ELEMENT (a), "links", (const char * const *) links);
  waymark_document_end_group (self);
}

void
waymark_document_unlink (WaymarkDocument   *self,
                         WaymarkTouchpoint *a,
                         WaymarkTouchpoint *b)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, a));
  g_return_if_fail (belongs (self, b));

  if (!holds_link (a, b) && !holds_link (b, a))
    return;

  waymark_document_begin_group (self, _("Unlink Cards"));
  for (guint pass = 0; pass < 2; pass++)
    {
      WaymarkTouchpoint *from = pass == 0 ? a : b;
      WaymarkTouchpoint *to = pass == 0 ? b : a;
      g_auto(GStrv) rest = strv_without (waymark_touchpoint_get_links (from),
                                         waymark_element_get_id (WAYMARK_ELEMENT (to)));

      if (rest != NULL)
        set_strv (self, WAYMARK_ELEMENT (from), "links", (const char * const *) rest);
    }
  waymark_document_end_group (self);
}

void
waymark_document_set_curve_note (WaymarkDocument *self,
                                 WaymarkCurve    *curve,
                                 WaymarkStage    *stage,
                                 const char      *note)
{
  NoteCommand *command;
  const char *old_note;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (belongs (self, curve));
  g_return_if_fail (belongs (self, stage));
  g_return_if_fail (waymark_curve_get_value (curve, stage, NULL));

  if (note != NULL && note[0] == '\0')
    note = NULL;
  old_note = waymark_curve_get_note (curve, stage);
  if (g_strcmp0 (old_note, note) == 0)
    return;

  /* Typing into the note merges into one step, as other text edits do. */
  command = waymark_command_new (&note_class, _("Edit Note"), TRUE);
  command->curve = g_object_ref (curve);
  command->stage = g_object_ref (stage);
  command->old_note = g_strdup (old_note);
  command->new_note = g_strdup (note);

  push (self, (WaymarkCommand *) command);
}
