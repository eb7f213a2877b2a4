/* waymark-layout.h — geometry of a journey map, and hit testing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT between src/render (owner) and src/ui: the UI codes against these
 * declarations. The render owner may add to this header but not change what
 * is here without telling the UI owner.
 *
 * Coordinates are layout units: 1 unit = 1 px at 100% zoom, origin at the
 * top-left corner of the map.
 */
#pragma once

#include <pango/pango.h>

#include "waymark-document.h"

G_BEGIN_DECLS

typedef struct {
  double x;
  double y;
  double width;
  double height;
} WaymarkRect;

typedef enum {
  WAYMARK_HIT_NONE,
  WAYMARK_HIT_HEADER,        /* map title / persona header */
  WAYMARK_HIT_STAGE_HEADER,  /* element = stage */
  WAYMARK_HIT_STAGE_EDGE,    /* right edge of a stage header, for resizing; element = stage */
  WAYMARK_HIT_LANE_LABEL,    /* element = lane */
  WAYMARK_HIT_CARD,          /* element = touchpoint */
  WAYMARK_HIT_CURVE_POINT,   /* element = curve, stage = the point's stage */
  WAYMARK_HIT_CELL,          /* empty part of a cell */
  WAYMARK_HIT_LEGEND,        /* a curve's entry in the legend; element = curve */
  WAYMARK_HIT_LANE_TOGGLE,   /* collapse/expand button of a lane label; element = lane */
  WAYMARK_HIT_STAGE_SUMMARY, /* a stage's cell in the KPI summary row; element = stage */
} WaymarkHitKind;

typedef struct {
  WaymarkHitKind  kind;
  WaymarkElement *element;       /* not a reference */
  WaymarkStage   *stage;         /* the column under the point, or NULL */
  WaymarkLane    *lane;          /* the row under the point, or NULL */
  guint           index_in_cell; /* where a card dropped here would go */
} WaymarkHit;

#define WAYMARK_TYPE_LAYOUT (waymark_layout_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkLayout, waymark_layout, WAYMARK, LAYOUT, GObject)

/* font_map NULL uses pango_cairo_font_map_get_default(). The layout follows
 * the document's "changed" signal and recomputes only what changed, lazily
 * on the next query. Emits "invalidated" (WaymarkRect *area, NULL = all). */
WaymarkLayout  *waymark_layout_new                 (WaymarkDocument   *document,
                                                    PangoFontMap      *font_map);
WaymarkDocument*waymark_layout_get_document        (WaymarkLayout     *self);

double          waymark_layout_get_width           (WaymarkLayout     *self);
double          waymark_layout_get_height          (WaymarkLayout     *self);

gboolean        waymark_layout_get_card_rect       (WaymarkLayout     *self,
                                                    WaymarkTouchpoint *touchpoint,
                                                    WaymarkRect       *rect);
gboolean        waymark_layout_get_stage_header_rect (WaymarkLayout   *self,
                                                    WaymarkStage      *stage,
                                                    WaymarkRect       *rect);
/* The whole column, header included. */
gboolean        waymark_layout_get_stage_rect      (WaymarkLayout     *self,
                                                    WaymarkStage      *stage,
                                                    WaymarkRect       *rect);
gboolean        waymark_layout_get_lane_label_rect (WaymarkLayout     *self,
                                                    WaymarkLane       *lane,
                                                    WaymarkRect       *rect);
/* The whole row, label included. */
gboolean        waymark_layout_get_lane_rect       (WaymarkLayout     *self,
                                                    WaymarkLane       *lane,
                                                    WaymarkRect       *rect);
gboolean        waymark_layout_get_cell_rect       (WaymarkLayout     *self,
                                                    WaymarkStage      *stage,
                                                    WaymarkLane       *lane,
                                                    WaymarkRect       *rect);
/* Draw the map as view shows it (its lanes, curves and colour-by-owner)
 * instead of as the map's own "hidden", "visible" and "color-by-owner" say;
 * NULL = the map's own. The view is referenced. Emits "invalidated". */
void            waymark_layout_set_view            (WaymarkLayout     *self,
                                                    WaymarkView       *view);
WaymarkView    *waymark_layout_get_view            (WaymarkLayout     *self);
/* Whether a lane takes space (not hidden) / a curve is drawn: visible, and
 * among the first WAYMARK_MAX_VISIBLE_PERSONAS personas with visible curves. */
gboolean        waymark_layout_is_lane_shown       (WaymarkLayout     *self,
                                                    WaymarkLane       *lane);
gboolean        waymark_layout_is_curve_shown      (WaymarkLayout     *self,
                                                    WaymarkCurve      *curve);
gboolean        waymark_layout_get_color_by_owner  (WaymarkLayout     *self);
/* The plot area of the emotion curves inside the first shown, expanded
 * emotion lane: its top is the scale's maximum, its bottom the minimum, and
 * it spans all stages. FALSE when no emotion lane is shown. */
gboolean        waymark_layout_get_emotion_rect    (WaymarkLayout     *self,
                                                    WaymarkRect       *rect);
/* y of an emotion value (clamped to the scale) in the emotion plot. */
gboolean        waymark_layout_y_for_emotion       (WaymarkLayout     *self,
                                                    double             value,
                                                    double            *y);
/* The stage whose column contains x, or NULL. Binary search. */
WaymarkStage   *waymark_layout_stage_at_x          (WaymarkLayout     *self,
                                                    double             x);
/* Centre of a curve's point at a stage; FALSE if the curve has no value
 * there or no emotion lane is shown. */
gboolean        waymark_layout_get_curve_point     (WaymarkLayout     *self,
                                                    WaymarkCurve      *curve,
                                                    WaymarkStage      *stage,
                                                    double            *x,
                                                    double            *y);
/* Emotion value for a y inside the emotion lane (clamped to the scale). */
gboolean        waymark_layout_emotion_for_y       (WaymarkLayout     *self,
                                                    double             y,
                                                    double            *value);

void            waymark_layout_hit_test            (WaymarkLayout     *self,
                                                    double             x,
                                                    double             y,
                                                    WaymarkHit        *hit);
/* Touchpoints whose cards intersect rect, in document order. */
GPtrArray      *waymark_layout_hit_rect            (WaymarkLayout     *self,
                                                    const WaymarkRect *rect);

G_END_DECLS
