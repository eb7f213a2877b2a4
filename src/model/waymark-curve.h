/* waymark-curve.h — an emotion curve: how a persona feels at each stage
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-element.h"
#include "waymark-persona.h"
#include "waymark-stage.h"
#include "waymark-types.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_CURVE (waymark_curve_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkCurve, waymark_curve, WAYMARK, CURVE, WaymarkElement)

/* Properties: "name" (string), "persona" (WaymarkPersona*, nullable),
 * "state" (WaymarkCurveState). Values are per stage, optional for each
 * stage; edit them with waymark_document_set_curve_value(). */
WaymarkCurve      *waymark_curve_new         (const char        *id,
                                              WaymarkPersona    *persona,
                                              WaymarkCurveState  state);
const char        *waymark_curve_get_name    (WaymarkCurve      *self);
WaymarkPersona    *waymark_curve_get_persona (WaymarkCurve      *self);
WaymarkCurveState  waymark_curve_get_state   (WaymarkCurve      *self);
/* Returns FALSE (and leaves *value alone) when the stage has no point. */
gboolean           waymark_curve_get_value   (WaymarkCurve      *self,
                                              WaymarkStage      *stage,
                                              double            *value);
guint              waymark_curve_get_n_values (WaymarkCurve     *self);

G_END_DECLS
