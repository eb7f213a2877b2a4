/* waymark-document-loader.h — building a document without history, for readers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format layer builds a freshly created document with these calls: no
 * commands are recorded and no signals emitted. Element ids must be unique
 * in the document; references (a touchpoint's stage and lane, a curve's
 * persona) must already be in the document.
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
/* stage must belong to the document. value must be within the scale. */
void     waymark_document_load_curve_value (WaymarkDocument  *self,
                                           WaymarkCurve      *curve,
                                           WaymarkStage      *stage,
                                           double             value);
/* Plain property setters for the metadata strings, no history. */
void     waymark_document_load_metadata   (WaymarkDocument   *self,
                                           const char        *title,
                                           const char        *description,
                                           const char        *author);

G_END_DECLS
