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
 * "state" (WaymarkCurveState), "visible" (boolean, default TRUE). Values
 * are per stage, optional for each stage, each with an optional note ("why
 * the persona feels so here"); edit them with
 * waymark_document_set_curve_value() and _set_curve_note(). */
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
gboolean           waymark_curve_get_visible  (WaymarkCurve     *self);
/* The note at a stage, or NULL when there is none (or no point). */
const char        *waymark_curve_get_note     (WaymarkCurve     *self,
                                               WaymarkStage     *stage);
/* The persona's colour; a fixed colour for a curve without a persona or
 * whose persona has none. "#rrggbb". */
const char        *waymark_curve_get_color    (WaymarkCurve     *self);
/* Moments of truth: the stages where the curve is at its lowest value (all
 * of them on a tie), in stage order. Empty when the curve has no value.
 * Needs the curve to be in a document (for stage order); free with
 * g_ptr_array_unref. */
GPtrArray         *waymark_curve_get_lowest_stages (WaymarkCurve *self);

G_END_DECLS
