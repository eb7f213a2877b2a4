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

G_BEGIN_DECLS

#define WAYMARK_TYPE_DOCUMENT (waymark_document_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkDocument, waymark_document, WAYMARK, DOCUMENT, GObject)

/* Properties: "title", "description", "author" (strings, editable through
 * waymark_document_set_property() with the document itself as element... see
 * waymark_document_set_map_property()), "created", "modified" (GDateTime,
 * nullable), and read-only "can-undo", "can-redo", "undo-label",
 * "redo-label", "modified-since-save" (boolean).
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
/* Removes the stage with its touchpoints and curve values. */
void               waymark_document_remove_stage         (WaymarkDocument   *self,
                                                          WaymarkStage      *stage);
void               waymark_document_move_stage           (WaymarkDocument   *self,
                                                          WaymarkStage      *stage,
                                                          guint              position);
void               waymark_document_insert_lane          (WaymarkDocument   *self,
                                                          WaymarkLane       *lane,
                                                          int                position);
/* Removes the lane with its touchpoints. */
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
void               waymark_document_remove_curve         (WaymarkDocument   *self,
                                                          WaymarkCurve      *curve);
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
