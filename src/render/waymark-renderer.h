/* waymark-renderer.h — drawing a laid-out map with cairo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT between src/render (owner) and src/ui, see waymark-layout.h.
 * One drawing code path for canvas, PNG, PDF, SVG, printing, thumbnails.
 */
#pragma once

#include <cairo.h>

#include "waymark-layout.h"

G_BEGIN_DECLS

typedef struct {
  gboolean     dark;            /* dark style for the canvas; exports use light */
  gboolean     transparent;     /* do not paint the background */
  GHashTable  *selection;       /* set of WaymarkElement* drawn as selected, or NULL */
  GHashTable  *hidden;          /* set of WaymarkElement* not drawn (being dragged), or NULL */
  WaymarkElement *hover;        /* element under the pointer, or NULL */
  WaymarkElement *focus;        /* keyboard focus, drawn with a focus ring, or NULL */
  /* The selected curve point, drawn larger with a ring; NULL = none. */
  WaymarkCurve   *point_curve;
  WaymarkStage   *point_stage;
  /* Draw every curve point's note as a small label beside it (exports,
   * printing). FALSE on the canvas, which shows notes on hover. */
  gboolean        show_notes;
  /* Cards linked to a selected card are highlighted, and their links drawn
   * stronger, whenever selection holds touchpoints. */
} WaymarkRenderOptions;

void waymark_render_options_init (WaymarkRenderOptions *options);

/* Draws the part of the map inside region (layout units; NULL = whole map)
 * into cr, whose current transformation maps layout units to device space
 * (callers scale/translate beforehand). */
void waymark_renderer_draw       (WaymarkLayout              *layout,
                                  cairo_t                    *cr,
                                  const WaymarkRect          *region,
                                  const WaymarkRenderOptions *options);

/* A drop indicator: where a dragged card would land (stage, lane, index). */
void waymark_renderer_draw_drop_indicator (WaymarkLayout     *layout,
                                           cairo_t           *cr,
                                           WaymarkStage      *stage,
                                           WaymarkLane       *lane,
                                           guint              index_in_cell,
                                           gboolean           dark);

/* The stroke of a curve being drawn freehand: n_points (x, y) pairs in
 * layout units, in the curve's colour (dashed for a future-state curve). */
void waymark_renderer_draw_freehand       (WaymarkLayout     *layout,
                                           cairo_t           *cr,
                                           WaymarkCurve      *curve,
                                           const double      *xy,
                                           guint              n_points);

/* A card drawn at an arbitrary place, for the card following the pointer. */
void waymark_renderer_draw_card_at        (WaymarkLayout     *layout,
                                           cairo_t           *cr,
                                           WaymarkTouchpoint *touchpoint,
                                           double             x,
                                           double             y,
                                           const WaymarkRenderOptions *options);

G_END_DECLS
