/* waymark-document-loader.h — building a document without history, for readers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format layer builds a freshly created document with these calls: no
 * commands are recorded and no signals emitted. Element ids must be unique
 * in the document; references (a touchpoint's stage and lane, a curve's
 * persona) must already be in the document. Element properties that are
 * not references (names, colours, a touchpoint's "links", a view's lanes
 * and curves, a lane's "hidden", a curve's "visible", …) are set on the
 * element with g_object_set() before or after loading it; the reader
 * checks that link and view IDs resolve once the whole file is read.
 */
#pragma once

#include "waymark-document.h"

G_BEGIN_DECLS

/* Returns FALSE if the id is already used by another element. */
gboolean waymark_document_load_stage      (WaymarkDocument   *self,
                                           WaymarkStage      *stage);
gboolean waymark_document_load_lane       (WaymarkDocument   *self,
                                           WaymarkLane       *lane);
gboolean waymark_document_load_persona    (WaymarkDocument   *self,
                                           WaymarkPersona    *persona);
/* Appends; order of loading is the order within each cell. */
gboolean waymark_document_load_touchpoint (WaymarkDocument   *self,
                                           WaymarkTouchpoint *touchpoint,
                                           WaymarkStage      *stage,
                                           WaymarkLane       *lane);
gboolean waymark_document_load_curve      (WaymarkDocument   *self,
                                           WaymarkCurve      *curve);
gboolean waymark_document_load_owner      (WaymarkDocument   *self,
                                           WaymarkOwner      *owner);
gboolean waymark_document_load_view       (WaymarkDocument   *self,
                                           WaymarkView       *view);
/* stage must belong to the document. value must be within the scale (the
 * reader clamps it first). note may be NULL. */
void     waymark_document_load_curve_value (WaymarkDocument  *self,
                                           WaymarkCurve      *curve,
                                           WaymarkStage      *stage,
                                           double             value);
void     waymark_document_load_curve_note (WaymarkDocument   *self,
                                           WaymarkCurve      *curve,
                                           WaymarkStage      *stage,
                                           const char        *note);
/* Checked by the caller as for set_emotion_scale(). Load it before any
 * value so that values can be clamped against it. */
void     waymark_document_load_emotion_scale (WaymarkDocument *self,
                                           int                min,
                                           int                max,
                                           const char * const *levels);
void     waymark_document_load_color_by_owner (WaymarkDocument *self,
                                           gboolean           color_by_owner);
/* Plain property setters for the metadata strings, no history. */
void     waymark_document_load_metadata   (WaymarkDocument   *self,
                                           const char        *title,
                                           const char        *description,
                                           const char        *author);

G_END_DECLS
