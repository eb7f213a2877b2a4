/* fuzz-render.c — libFuzzer harness: reader, then layout, hit testing and drawing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever the reader accepts, the renderer must lay out and draw without a
 * crash or a sanitizer report: odd sizes, empty lanes, huge or tiny numbers
 * and strange text all reach it from files.
 */
#define G_LOG_DOMAIN "waymark-fuzz"

#include "config.h"

#include <math.h>

#include "waymark-fuzz.h"
#include "waymark-layout.h"
#include "waymark-renderer.h"

/* Small enough to keep executions fast, big enough to draw cards and text. */
#define SURFACE_SIZE 96

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  waymark_fuzz_init ();
  return 0;
}

static void
check_rect (const char        *what,
            const WaymarkRect *rect)
{
  if (isnan (rect->x) || isnan (rect->y) || isnan (rect->width) || isnan (rect->height)
      || rect->width < 0 || rect->height < 0)
    waymark_fuzz_fail ("%s has an impossible rectangle %g,%g %gx%g",
                       what, rect->x, rect->y, rect->width, rect->height);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkLayout) layout = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  GListModel *stages;
  GListModel *lanes;
  GListModel *touchpoints;
  WaymarkRenderOptions options;
  WaymarkRect rect;
  WaymarkHit hit;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width;
  double height;
  double scale;

  document = waymark_fuzz_read (data, size);
  if (document == NULL)
    return 0;

  layout = waymark_layout_new (document, NULL);
  width = waymark_layout_get_width (layout);
  height = waymark_layout_get_height (layout);
  if (!isfinite (width) || !isfinite (height) || width < 0 || height < 0)
    waymark_fuzz_fail ("layout size %g x %g", width, height);

  stages = waymark_document_get_stages (document);
  lanes = waymark_document_get_lanes (document);
  touchpoints = waymark_document_get_touchpoints (document);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);

      if (waymark_layout_get_stage_rect (layout, stage, &rect))
        check_rect ("stage", &rect);
      if (waymark_layout_get_stage_header_rect (layout, stage, &rect))
        check_rect ("stage header", &rect);
    }
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i);

      if (waymark_layout_get_lane_rect (layout, lane, &rect))
        check_rect ("lane", &rect);
    }
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (waymark_layout_get_card_rect (layout, touchpoint, &rect))
        check_rect ("card", &rect);
    }

  /* A few probes spread over the map and just outside it. */
  for (int i = -1; i <= 5; i++)
    {
      double x = width * i / 4.0;
      double y = height * (4 - i) / 4.0;

      waymark_layout_hit_test (layout, x, y, &hit);
      if (hit.kind > WAYMARK_HIT_CELL)
        waymark_fuzz_fail ("hit test returned kind %d", hit.kind);
    }
  rect = (WaymarkRect) { 0, 0, width, height };
  hits = waymark_layout_hit_rect (layout, &rect);
  if (hits->len > g_list_model_get_n_items (touchpoints))
    waymark_fuzz_fail ("hit_rect found %u cards of %u", hits->len,
                       g_list_model_get_n_items (touchpoints));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SURFACE_SIZE, SURFACE_SIZE);
  cr = cairo_create (surface);
  scale = SURFACE_SIZE / MAX (1.0, MAX (width, height));
  cairo_scale (cr, scale, scale);
  waymark_render_options_init (&options);
  waymark_renderer_draw (layout, cr, NULL, &options);
  options.dark = TRUE;
  rect = (WaymarkRect) { 0, 0, width / 2, height / 2 };
  waymark_renderer_draw (layout, cr, &rect, &options);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return 0;
}
