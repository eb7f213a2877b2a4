/* waymark-document.h — a journey map and its undo history
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "waymark-types.h"
#include "waymark-element.h"
#include "waymark-stage.h"
#include "waymark-lane.h"
#include "waymark-touchpoint.h"
#include "waymark-persona.h"
#include "waymark-curve.h"
#include "waymark-owner.h"
#include "waymark-view.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_DOCUMENT (waymark_document_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkDocument, waymark_document, WAYMARK, DOCUMENT, GObject)

/* Properties: "title", "description", "author" (strings, editable through
 * waymark_document_set_property() with the document itself as element... see
 * waymark_document_set_map_property()), "created", "modified" (GDateTime,
 * nullable), "color-by-owner" (boolean: cards take their owner's colour),
 * "emotion-min", "emotion-max" (int), "emotion-levels" (GStrv; set these
 * three with waymark_document_set_emotion_scale()), and read-only
 * "can-undo", "can-redo", "undo-label", "redo-label",
 * "modified-since-save" (boolean).
 *
 * Signal "changed" (WaymarkChangeKind kind, WaymarkElement *element or NULL for
 * the map itself, const char *detail): emitted after every change, including
 * undo and redo. detail is the property name for WAYMARK_CHANGE_PROPERTY and
 * the stage id for WAYMARK_CHANGE_CURVE, NULL otherwise. */

WaymarkDocument   *waymark_document_new                  (void);

/* ---- Reading ---------------------------------------------------------- */

const char        *waymark_document_get_title            (WaymarkDocument   *self);
const char        *waymark_document_get_description      (WaymarkDocument   *self);
const char        *waymark_document_get_author           (WaymarkDocument   *self);
GDateTime         *waymark_document_get_created          (WaymarkDocument   *self);
GDateTime         *waymark_document_get_modified         (WaymarkDocument   *self);

/* Ordered lists; items are the element types. Do not modify the stores. */
GListModel        *waymark_document_get_stages           (WaymarkDocument   *self);
GListModel        *waymark_document_get_lanes            (WaymarkDocument   *self);
/* All touchpoints; their order within one (stage, lane) cell is their order
 * in this list. */
GListModel        *waymark_document_get_touchpoints      (WaymarkDocument   *self);
GListModel        *waymark_document_get_personas         (WaymarkDocument   *self);
GListModel        *waymark_document_get_curves           (WaymarkDocument   *self);
GListModel        *waymark_document_get_owners           (WaymarkDocument   *self);
GListModel        *waymark_document_get_views            (WaymarkDocument   *self);

/* The emotion scale: integer bounds, default WAYMARK_EMOTION_MIN..MAX. */
int                waymark_document_get_emotion_min      (WaymarkDocument   *self);
int                waymark_document_get_emotion_max      (WaymarkDocument   *self);
/* NULL (no names) or exactly max - min + 1 names, for min, min + 1, … max;
 * "" = that level has no name. */
const char * const *waymark_document_get_emotion_levels  (WaymarkDocument   *self);
/* The name of the level at value (rounded to the nearest level), or NULL. */
const char        *waymark_document_get_emotion_level_name (WaymarkDocument *self,
                                                          double             value);
double             waymark_document_clamp_emotion        (WaymarkDocument   *self,
                                                          double             value);
gboolean           waymark_document_get_color_by_owner   (WaymarkDocument   *self);
/* The owner of the list with this name, or NULL. */
WaymarkOwner      *waymark_document_lookup_owner         (WaymarkDocument   *self,
                                                          const char        *name);
/* The touchpoints linked to touchpoint, either way, in document order.
 * Free with g_ptr_array_unref. */
GPtrArray         *waymark_document_get_linked           (WaymarkDocument   *self,
                                                          WaymarkTouchpoint *touchpoint);

/* Position of a stage/lane in its list, or -1. O(1). */
int                waymark_document_get_stage_index      (WaymarkDocument   *self,
                                                          WaymarkStage      *stage);
int                waymark_document_get_lane_index       (WaymarkDocument   *self,
                                                          WaymarkLane       *lane);
/* The touchpoints of one cell, in order. Free with g_ptr_array_unref. O(n). */
GPtrArray         *waymark_document_get_cell             (WaymarkDocument   *self,
                                                          WaymarkStage      *stage,
                                                          WaymarkLane       *lane);
/* Position of a touchpoint within its cell. */
guint              waymark_document_get_index_in_cell    (WaymarkDocument   *self,
                                                          WaymarkTouchpoint *touchpoint);

WaymarkElement    *waymark_document_lookup               (WaymarkDocument   *self,
                                                          const char        *id);
/* A fresh unused id such as "tp-12" for the given element type. */
char              *waymark_document_make_id              (WaymarkDocument   *self,
                                                          GType              element_type);

/* Extension data of foreign namespaces on the root element; see
 * waymark_element_get_extension_data(). */
const char        *waymark_document_get_extension_data   (WaymarkDocument   *self);
void               waymark_document_set_extension_data   (WaymarkDocument   *self,
                                                          const char        *data);

/* ---- Editing: every call below is one undoable command ---------------- */

/* Sets a property of an element (element != NULL) or of the map itself
 * ("title", "description", "author"; element == NULL). No-op if the value
 * is unchanged. Consecutive edits of the same property of the same element
 * merge into one command when merge is TRUE (typing). */
void               waymark_document_set_property         (WaymarkDocument   *self,
                                                          WaymarkElement    *element,
                                                          const char        *property,
                                                          const GValue      *value,
                                                          gboolean           merge);
void               waymark_document_set_string           (WaymarkDocument   *self,
                                                          WaymarkElement    *element,
                                                          const char        *property,
                                                          const char        *value);
void               waymark_document_set_double           (WaymarkDocument   *self,
                                                          WaymarkElement    *element,
                                                          const char        *property,
                                                          double             value);
void               waymark_document_set_boolean          (WaymarkDocument   *self,
                                                          WaymarkElement    *element,
                                                          const char        *property,
                                                          gboolean           value);

/* position -1 appends. The stage/lane must not belong to a document yet. */
void               waymark_document_insert_stage         (WaymarkDocument   *self,
                                                          WaymarkStage      *stage,
                                                          int                position);
/* Removes the stage with its touchpoints and curve values (and notes). */
void               waymark_document_remove_stage         (WaymarkDocument   *self,
                                                          WaymarkStage      *stage);
void               waymark_document_move_stage           (WaymarkDocument   *self,
                                                          WaymarkStage      *stage,
                                                          guint              position);
void               waymark_document_insert_lane          (WaymarkDocument   *self,
                                                          WaymarkLane       *lane,
                                                          int                position);
/* Removes the lane with its touchpoints, and its ID from every view. */
void               waymark_document_remove_lane          (WaymarkDocument   *self,
                                                          WaymarkLane       *lane);
void               waymark_document_move_lane            (WaymarkDocument   *self,
                                                          WaymarkLane       *lane,
                                                          guint              position);

/* index_in_cell -1 appends to the cell. */
void               waymark_document_add_touchpoint       (WaymarkDocument   *self,
                                                          WaymarkTouchpoint *touchpoint,
                                                          WaymarkStage      *stage,
                                                          WaymarkLane       *lane,
                                                          int                index_in_cell);
/* Removes the touchpoint and every link to it. */
void               waymark_document_remove_touchpoint    (WaymarkDocument   *self,
                                                          WaymarkTouchpoint *touchpoint);
void               waymark_document_move_touchpoint      (WaymarkDocument   *self,
                                                          WaymarkTouchpoint *touchpoint,
                                                          WaymarkStage      *stage,
                                                          WaymarkLane       *lane,
                                                          int                index_in_cell);

void               waymark_document_add_persona          (WaymarkDocument   *self,
                                                          WaymarkPersona    *persona);
/* Curves of the persona lose their persona (become persona-less). */
void               waymark_document_remove_persona       (WaymarkDocument   *self,
                                                          WaymarkPersona    *persona);
void               waymark_document_add_curve            (WaymarkDocument   *self,
                                                          WaymarkCurve      *curve);
/* Removes the curve and its ID from every view. */
void               waymark_document_remove_curve         (WaymarkDocument   *self,
                                                          WaymarkCurve      *curve);
/* levels as for get_emotion_levels() (NULL = no names). min < max, both
 * within ±WAYMARK_EMOTION_SCALE_LIMIT, max - min <= WAYMARK_EMOTION_MAX_STEPS.
 * Values outside the new scale stay as they are in the model (so that
 * undoing gives them back) and are drawn clamped. */
void               waymark_document_set_emotion_scale    (WaymarkDocument   *self,
                                                          int                min,
                                                          int                max,
                                                          const char * const *levels);
/* position -1 appends. */
void               waymark_document_add_owner            (WaymarkDocument   *self,
                                                          WaymarkOwner      *owner,
                                                          int                position);
/* Touchpoints keep the name as their owner. */
void               waymark_document_remove_owner         (WaymarkDocument   *self,
                                                          WaymarkOwner      *owner);
/* Renames the owner and every touchpoint owned by the old name, one step. */
void               waymark_document_rename_owner         (WaymarkDocument   *self,
                                                          WaymarkOwner      *owner,
                                                          const char        *name);
void               waymark_document_add_view             (WaymarkDocument   *self,
                                                          WaymarkView       *view);
void               waymark_document_remove_view          (WaymarkDocument   *self,
                                                          WaymarkView       *view);
/* A new view (not added) holding what the map shows now: its visible
 * lanes and curves and its colour-by-owner setting. */
WaymarkView       *waymark_document_capture_view         (WaymarkDocument   *self,
                                                          const char        *name);
/* Sets every lane's "hidden", every curve's "visible" and the map's
 * "color-by-owner" as the view says, as one undo step. */
void               waymark_document_apply_view           (WaymarkDocument   *self,
                                                          WaymarkView       *view);
/* Links two different touchpoints (no-op when already linked), stored on a. */
void               waymark_document_link                 (WaymarkDocument   *self,
                                                          WaymarkTouchpoint *a,
                                                          WaymarkTouchpoint *b);
/* Removes the link between a and b, whichever card holds it. */
void               waymark_document_unlink               (WaymarkDocument   *self,
                                                          WaymarkTouchpoint *a,
                                                          WaymarkTouchpoint *b);
/* A note on the curve's point at stage; NULL or "" removes it. The stage
 * must have a value. Removing the value (unset_curve_value, removing the
 * stage) removes its note too, and undo brings both back. */
void               waymark_document_set_curve_note       (WaymarkDocument   *self,
                                                          WaymarkCurve      *curve,
                                                          WaymarkStage      *stage,
                                                          const char        *note);
/* value is clamped to the emotion scale. merge as for set_property. */
void               waymark_document_set_curve_value      (WaymarkDocument   *self,
                                                          WaymarkCurve      *curve,
                                                          WaymarkStage      *stage,
                                                          double             value,
                                                          gboolean           merge);
void               waymark_document_unset_curve_value    (WaymarkDocument   *self,
                                                          WaymarkCurve      *curve,
                                                          WaymarkStage      *stage);

/* Groups nest; everything between the outermost begin and end is one undo
 * step labelled with the outermost label. An empty group leaves no step. */
void               waymark_document_begin_group          (WaymarkDocument   *self,
                                                          const char        *label);
void               waymark_document_end_group            (WaymarkDocument   *self);

/* ---- History ----------------------------------------------------------- */

gboolean           waymark_document_can_undo             (WaymarkDocument   *self);
gboolean           waymark_document_can_redo             (WaymarkDocument   *self);
/* Translated label of the next undo/redo step, e.g. "Move Touchpoint", or NULL. */
const char        *waymark_document_get_undo_label       (WaymarkDocument   *self);
const char        *waymark_document_get_redo_label       (WaymarkDocument   *self);
gboolean           waymark_document_undo                 (WaymarkDocument   *self);
gboolean           waymark_document_redo                 (WaymarkDocument   *self);
void               waymark_document_clear_history        (WaymarkDocument   *self);
/* Remember the current point of the history as saved. */
void               waymark_document_mark_saved           (WaymarkDocument   *self);
/* The current state is saved nowhere (a map restored from a recovery copy):
 * modified-since-save stays TRUE until the next mark_saved, whatever is
 * undone or redone. */
void               waymark_document_mark_unsaved         (WaymarkDocument   *self);
gboolean           waymark_document_get_modified_since_save (WaymarkDocument *self);

/* ---- Metadata that is not part of the history ------------------------- */

/* Set by whoever saves or creates the file; not undoable. */
void               waymark_document_set_created          (WaymarkDocument   *self,
                                                          GDateTime         *created);
void               waymark_document_set_modified         (WaymarkDocument   *self,
                                                          GDateTime         *modified);

G_END_DECLS
