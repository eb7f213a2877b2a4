/* waymark-render-private.h — what the layout shares with the renderer and export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a contract with src/ui: only src/render and tests/render include this.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "waymark-layout.h"
#include "waymark-renderer.h"

G_BEGIN_DECLS

/* ---- Geometry (layout units) ------------------------------------------ */

#define WAYMARK_MARGIN           40.0
#define WAYMARK_HEADER_GAP       24.0
#define WAYMARK_STAGE_BAND       64.0
#define WAYMARK_STAGE_BAND_GAP   8.0
#define WAYMARK_LABEL_WIDTH      196.0
#define WAYMARK_CELL_PAD         12.0
#define WAYMARK_CARD_GAP         10.0
#define WAYMARK_LANE_MIN_HEIGHT  72.0
#define WAYMARK_EMOTION_HEIGHT   208.0
#define WAYMARK_EMOTION_PAD      28.0    /* between the scale ends and the lane edges */
#define WAYMARK_EDGE_GRAB        5.0     /* half width of a stage's resize handle */
#define WAYMARK_POINT_GRAB       10.0    /* radius within which a curve point is hit */
#define WAYMARK_EMOTION_LEVEL    18.0    /* least room between two levels of the scale */
#define WAYMARK_LANE_COLLAPSED   36.0    /* height of a collapsed lane */
#define WAYMARK_TOGGLE_X         6.0     /* the lane toggle, from the label's left edge */
#define WAYMARK_TOGGLE_SIZE      18.0
#define WAYMARK_LANE_NAME_X      28.0    /* the lane name, from the label's left edge */
#define WAYMARK_LEGEND_ROW       20.0    /* one curve in the emotion lane's legend */
#define WAYMARK_SUMMARY_PAD      8.0     /* around the chips of the stage summary row */

#define WAYMARK_CARD_PAD_X       12.0
#define WAYMARK_CARD_PAD_Y       10.0
#define WAYMARK_CARD_ACCENT      4.0
#define WAYMARK_FACE_SIZE        18.0
#define WAYMARK_CHIP_HEIGHT      20.0
#define WAYMARK_CHIP_PAD_X       7.0
#define WAYMARK_CHIP_GAP         4.0

/* The smallest text a card draws (metric chips, meta line), in layout units.
 * The PDF export uses it to decide when a page would be unreadable. */
#define WAYMARK_SMALLEST_TEXT    11.0

/* ---- Per-card text, built once and cached ----------------------------- */

typedef enum {
  WAYMARK_CHIP_NEUTRAL,
  WAYMARK_CHIP_GOOD,
  WAYMARK_CHIP_BAD,
  WAYMARK_CHIP_PAIN,
  WAYMARK_CHIP_IDEA,
} WaymarkChipTone;

typedef struct {
  PangoLayout     *layout;
  double           x;
  double           y;
  double           width;
  WaymarkChipTone  tone;
} WaymarkCardChip;

typedef struct {
  double       width;       /* the card width this was built for */
  double       height;
  PangoLayout *title;
  double       title_x;
  double       title_y;
  PangoLayout *description; /* NULL when empty */
  double       description_y;
  PangoLayout *meta;        /* channel · owner, NULL when both are empty */
  double       meta_y;
  gboolean     no_owner;    /* a customer or backstage card without owner */
  GArray      *chips;       /* WaymarkCardChip */
} WaymarkCardText;

/* ---- Internal layout API used by the renderer ------------------------- */

typedef struct {
  WaymarkStage *stage;
  double        x;
  double        width;
} WaymarkStageGeom;

typedef struct {
  WaymarkLane     *lane;
  WaymarkLaneKind  kind;
  double           y;
  double           height;
  gboolean         shown;      /* takes space (not hidden, or in the view) */
  gboolean         collapsed;  /* a thin row with only its label */
} WaymarkLaneGeom;

/* Shown with its cells' content: neither hidden nor collapsed. */
static inline gboolean
_waymark_lane_geom_expanded (const WaymarkLaneGeom *geom)
{
  return geom->shown && !geom->collapsed;
}

/* Brings the layout up to date (cheap when nothing changed). */
void                     _waymark_layout_ensure          (WaymarkLayout  *self);
PangoContext            *_waymark_layout_get_context     (WaymarkLayout  *self);
/* How many cards keep their shaped text (default 16384); exports that draw
 * every card once after measuring them all raise it. */
void                     _waymark_layout_set_text_cache_size (WaymarkLayout *self,
                                                          guint           n_cards);
/* How many times a card was measured: tests check that an edit re-measures
 * only what it must. */
guint                    _waymark_layout_get_n_measured  (WaymarkLayout  *self);
guint                    _waymark_layout_get_n_stages    (WaymarkLayout  *self);
guint                    _waymark_layout_get_n_lanes     (WaymarkLayout  *self);
const WaymarkStageGeom  *_waymark_layout_get_stage_geom  (WaymarkLayout  *self,
                                                          guint           index);
const WaymarkLaneGeom   *_waymark_layout_get_lane_geom   (WaymarkLayout  *self,
                                                          guint           index);
/* x where the stage columns start (right of the lane labels). */
double                   _waymark_layout_get_columns_x   (WaymarkLayout  *self);
double                   _waymark_layout_get_band_y      (WaymarkLayout  *self);
double                   _waymark_layout_get_lanes_y     (WaymarkLayout  *self);
/* Index of the first emotion lane, or -1. */
int                      _waymark_layout_get_emotion_lane (WaymarkLayout *self);
/* Half-open range [*first, *last) of stages whose columns meet [x0, x1]. */
void                     _waymark_layout_stage_range     (WaymarkLayout  *self,
                                                          double          x0,
                                                          double          x1,
                                                          guint          *first,
                                                          guint          *last);
void                     _waymark_layout_lane_range      (WaymarkLayout  *self,
                                                          double          y0,
                                                          double          y1,
                                                          guint          *first,
                                                          guint          *last);
/* Number of cards in a cell, and the i-th of them with its y relative to
 * the top of the cell's content and its height. */
guint                    _waymark_layout_get_cell_n_cards (WaymarkLayout *self,
                                                          guint           stage_index,
                                                          guint           lane_index);
WaymarkTouchpoint       *_waymark_layout_get_cell_card   (WaymarkLayout  *self,
                                                          guint           stage_index,
                                                          guint           lane_index,
                                                          guint           index,
                                                          double         *y,
                                                          double         *height);
/* Text of a card laid out for a width; owned by the layout's cache and
 * valid until the next call that may evict it (the renderer uses one at a
 * time). */
const WaymarkCardText   *_waymark_layout_get_card_text   (WaymarkLayout  *self,
                                                          WaymarkTouchpoint *touchpoint,
                                                          double          width);
/* y of an emotion value in the emotion lane (clamped to the map's scale). */
double                   _waymark_layout_y_for_emotion   (WaymarkLayout  *self,
                                                          double          value);
/* The map's emotion scale, as the layout last read it. */
void                     _waymark_layout_get_scale       (WaymarkLayout  *self,
                                                          int            *min,
                                                          int            *max);
/* Chips of a metrics lane's cell (WaymarkCardChip, offsets from the cell's
 * content top-left corner), or NULL; cards follow below them. */
GArray                  *_waymark_layout_get_cell_chips  (WaymarkLayout  *self,
                                                          guint           stage_index,
                                                          guint           lane_index);
/* The stage summary row: its top and height (0 when no stage has
 * metrics), and a stage's chips (offsets from the cell's top-left). */
double                   _waymark_layout_get_summary     (WaymarkLayout  *self,
                                                          double         *height);
GArray                  *_waymark_layout_get_summary_chips (WaymarkLayout *self,
                                                          guint           stage_index);
/* The curve legend in the emotion lane's label: one row per curve of the
 * map (of the view, with one), in map order, then a key to the
 * moment-of-truth marker. */
guint                    _waymark_layout_get_n_legend    (WaymarkLayout  *self);
WaymarkCurve            *_waymark_layout_get_legend_row  (WaymarkLayout  *self,
                                                          guint           index,
                                                          WaymarkRect    *rect);
/* Pairs of linked cards that are both drawn: 2 × n WaymarkTouchpoint*. */
const GPtrArray         *_waymark_layout_get_links       (WaymarkLayout  *self);
/* The owners legend row in the header (colour-by-owner mode), y and
 * height; FALSE when there is none. */
gboolean                 _waymark_layout_get_owner_row   (WaymarkLayout  *self,
                                                          double         *y);
/* A persona's picture as a square surface, decoded once and cached; NULL
 * when there is none or it cannot be decoded. */
cairo_surface_t         *_waymark_layout_get_persona_picture (WaymarkLayout  *self,
                                                          WaymarkPersona *persona);
/* Shared text helpers. */
char                    *_waymark_format_metric          (const WaymarkMetric *metric);
WaymarkChipTone          _waymark_metric_tone            (const WaymarkMetric *metric);

/* A layout for a label of the map (stage name, lane name, title…), cached
 * per (object, slot) until its text or geometry changes. width <= 0 means
 * unwrapped. Owned by the layout. */
PangoLayout             *_waymark_layout_get_label       (WaymarkLayout  *self,
                                                          gconstpointer   object,
                                                          guint           slot,
                                                          const char     *text,
                                                          double          size,
                                                          PangoWeight     weight,
                                                          PangoStyle      style,
                                                          double          width,
                                                          int             max_lines);

/* Label slots the layout measures itself; the renderer's own start after
 * them. */
enum {
  WAYMARK_LABEL_DESCRIPTION,
  WAYMARK_LABEL_LEGEND,
  WAYMARK_LABEL_FIRST_FREE,
};

/* The map's description as the header shows it (up to two lines), or NULL. */
PangoLayout             *_waymark_layout_get_description (WaymarkLayout *self);
/* Height of the title block at the top of the map. */
double                   _waymark_layout_get_header_height (WaymarkLayout *self);

/* A font description from the shared type scale. */
PangoFontDescription    *_waymark_font                   (double          size,
                                                          PangoWeight     weight,
                                                          PangoStyle      style);

/* ---- Internal renderer API used by export ----------------------------- */

/* As waymark_renderer_draw(); first_stage_on_page gets a flat left end,
 * header_width is the width the title block spans (<= 0: the map's). */
void    _waymark_renderer_draw_full  (WaymarkLayout              *layout,
                                      cairo_t                    *cr,
                                      const WaymarkRect          *region,
                                      const WaymarkRenderOptions *options,
                                      guint                       first_stage_on_page,
                                      double                      header_width);
/* A page of a split PDF: stages [first_stage, last_stage) by lanes
 * [first_lane, last_lane). */
typedef struct {
  guint first_stage;
  guint last_stage;
  guint first_lane;
  guint last_lane;
} WaymarkPage;

/* Height of the compact title of a split page. */
#define WAYMARK_PAGE_HEADER 52.0

/* Draws a page at the origin: compact title, page_label (e.g. "Page 2 of
 * 5") top right, the stage band of its stages, the labels of its lanes and
 * their cells. */
void    _waymark_renderer_draw_page     (WaymarkLayout              *layout,
                                         cairo_t                    *cr,
                                         const WaymarkPage          *page,
                                         const char                 *page_label,
                                         const WaymarkRenderOptions *options);
/* Size of such a page in layout units. */
void    _waymark_renderer_page_size     (WaymarkLayout              *layout,
                                         const WaymarkPage          *page,
                                         double                     *width,
                                         double                     *height);
/* Where lanes start on a split page. */
double  _waymark_renderer_page_lanes_y  (WaymarkLayout              *layout);

G_END_DECLS
