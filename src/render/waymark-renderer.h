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

/* A card drawn at an arbitrary place, for the card following the pointer. */
void waymark_renderer_draw_card_at        (WaymarkLayout     *layout,
                                           cairo_t           *cr,
                                           WaymarkTouchpoint *touchpoint,
                                           double             x,
                                           double             y,
                                           const WaymarkRenderOptions *options);

G_END_DECLS
