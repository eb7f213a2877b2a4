/* test-render.c — layout, hit testing, drawing and export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-test-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "waymark-document-loader.h"
#include "waymark-export.h"
#include "waymark-format.h"
#include "waymark-insights.h"
#include "waymark-layout.h"
#include "waymark-render-private.h"
#include "waymark-renderer.h"

#define CARD_COLOR     "#ff00ff"
#define CURVE_COLOR    "#00c000"

static char *tmp_path  (const char                 *name);
static void  export_ok (WaymarkDocument            *document,
                        const char                 *path,
                        const WaymarkExportOptions *options);

/* ---- Test maps ----------------------------------------------------------- */

static const char *stage_names[] = {
  "Discover", "Compare offers", "Book", "Arrive", "Stay", "Check out", "Review",
};

static WaymarkTouchpoint *
make_card (WaymarkDocument *document,
           WaymarkStage    *stage,
           WaymarkLane     *lane,
           const char      *id,
           const char      *title)
{
  g_autoptr(WaymarkTouchpoint) touchpoint = waymark_touchpoint_new (id, title);

  g_object_set (touchpoint,
                "channel", "Web",
                "owner", "Marketing",
                NULL);
  g_assert_true (waymark_document_load_touchpoint (document, touchpoint, stage, lane));
  return touchpoint;
}

/* n_stages stages; lanes: actions (cards), thoughts (text), emotions,
 * pain points, backstage. Cell (s, actions) holds s % 3 + 1 cards; the
 * first card is magenta and has an emotion and metrics. */
static WaymarkDocument *
make_map (guint n_stages)
{
  WaymarkDocument *document = waymark_document_new ();
  g_autoptr(WaymarkPersona) persona = waymark_persona_new ("p1", "Maya");
  g_autoptr(WaymarkCurve) current = NULL;
  g_autoptr(WaymarkCurve) future = NULL;
  g_autoptr(WaymarkLane) actions = waymark_lane_new ("l-actions", "Customer actions",
                                                     WAYMARK_LANE_CARDS);
  g_autoptr(WaymarkLane) thoughts = waymark_lane_new ("l-thoughts", "Thoughts",
                                                      WAYMARK_LANE_TEXT);
  g_autoptr(WaymarkLane) emotions = waymark_lane_new ("l-emotions", "Emotions",
                                                      WAYMARK_LANE_EMOTION);
  g_autoptr(WaymarkLane) pains = waymark_lane_new ("l-pains", "Pain points",
                                                   WAYMARK_LANE_PAIN_POINTS);
  g_autoptr(WaymarkLane) backstage = waymark_lane_new ("l-backstage", "Backstage",
                                                       WAYMARK_LANE_BACKSTAGE);
  guint n_cards = 0;

  waymark_document_load_metadata (document, "Hotel stay", "A business traveller books a room",
                                  "CX team");
  g_object_set (persona, "role", "Business traveller", "color", CURVE_COLOR, NULL);
  g_assert_true (waymark_document_load_persona (document, persona));

  for (guint s = 0; s < n_stages; s++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", s);
      g_autofree char *name = s < G_N_ELEMENTS (stage_names)
                              ? g_strdup (stage_names[s])
                              : g_strdup_printf ("Stage number %u", s + 1);
      g_autoptr(WaymarkStage) stage = waymark_stage_new (id, name);

      g_assert_true (waymark_document_load_stage (document, stage));
    }

  g_assert_true (waymark_document_load_lane (document, actions));
  g_assert_true (waymark_document_load_lane (document, thoughts));
  g_assert_true (waymark_document_load_lane (document, emotions));
  g_assert_true (waymark_document_load_lane (document, pains));
  g_assert_true (waymark_document_load_lane (document, backstage));

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document), s);

      for (guint i = 0; i < s % 3 + 1; i++)
        {
          g_autofree char *id = g_strdup_printf ("tp%u", n_cards++);
          g_autofree char *title =
            g_strdup_printf ("Action %u.%u %s", s + 1, i + 1,
                             i == 1 ? "with a somewhat longer title that wraps" : "");
          WaymarkTouchpoint *card = make_card (document, stage, actions, id, g_strstrip (title));

          if (i == 0)
            {
              g_autoptr(GPtrArray) metrics =
                g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);

              g_ptr_array_add (metrics, waymark_metric_new ("CSAT", 4.1, 4.5, "", TRUE));
              g_ptr_array_add (metrics, waymark_metric_new ("Wait", 3, 5, "min", FALSE));
              g_object_set (card,
                            "color", CARD_COLOR,
                            "has-emotion", TRUE,
                            "emotion", (double) ((int) (s % 5) - 2),
                            "metrics", metrics,
                            NULL);
            }
        }
      {
        g_autofree char *id = g_strdup_printf ("tp%u", n_cards++);
        g_autofree char *title = g_strdup_printf ("Thought at %s", waymark_stage_get_name (stage));
        make_card (document, stage, thoughts, id, title);
      }
      if (s % 2 == 0)
        {
          g_autofree char *id = g_strdup_printf ("tp%u", n_cards++);
          g_autofree char *title = g_strdup_printf ("Pain %u", s + 1);
          const char *pain_points[] = { "Slow", NULL };
          WaymarkTouchpoint *card = make_card (document, stage, pains, id, title);

          g_object_set (card, "pain-points", pain_points, NULL);
        }
      {
        g_autofree char *id = g_strdup_printf ("tp%u", n_cards++);
        g_autofree char *title = g_strdup_printf ("Staff step %u", s + 1);
        make_card (document, stage, backstage, id, title);
      }
    }

  current = waymark_curve_new ("c1", persona, WAYMARK_CURVE_CURRENT);
  future = waymark_curve_new ("c2", persona, WAYMARK_CURVE_FUTURE);
  g_assert_true (waymark_document_load_curve (document, current));
  g_assert_true (waymark_document_load_curve (document, future));
  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document), s);
      static const double values[] = { 1, -1, -2, 0.5, 2, 2, 1.5 };

      waymark_document_load_curve_value (document, current, stage, values[s % G_N_ELEMENTS (values)]);
      waymark_document_load_curve_value (document, future, stage,
                                         MIN (values[s % G_N_ELEMENTS (values)] + 1, 2));
    }
  return document;
}

static gpointer
nth (GListModel *model,
     guint       index)
{
  gpointer item = g_list_model_get_item (model, index);

  /* The document keeps its own reference. */
  g_object_unref (item);
  return item;
}

static WaymarkStage *
stage_n (WaymarkDocument *document,
         guint            index)
{
  return nth (waymark_document_get_stages (document), index);
}

static WaymarkLane *
lane_n (WaymarkDocument *document,
        guint            index)
{
  return nth (waymark_document_get_lanes (document), index);
}

static WaymarkTouchpoint *
card_in (WaymarkDocument *document,
         guint            stage,
         guint            lane,
         guint            index)
{
  g_autoptr(GPtrArray) cell = waymark_document_get_cell (document, stage_n (document, stage),
                                                         lane_n (document, lane));

  g_assert_cmpuint (index, <, cell->len);
  return g_ptr_array_index (cell, index);
}

static gboolean
rect_contains (const WaymarkRect *outer,
               const WaymarkRect *inner)
{
  return inner->x >= outer->x - 1e-6 && inner->y >= outer->y - 1e-6
         && inner->x + inner->width <= outer->x + outer->width + 1e-6
         && inner->y + inner->height <= outer->y + outer->height + 1e-6;
}

static gboolean
rect_equal (const WaymarkRect *a,
            const WaymarkRect *b)
{
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height;
}

/* ---- Pixels ------------------------------------------------------------------ */

typedef struct {
  guint8 r, g, b, a;
} Pixel;

static Pixel
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 value;
  Pixel p;
  int ix = (int) floor (x);
  int iy = (int) floor (y);

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));

  memcpy (&value, data + iy * stride + ix * 4, 4);
  p.a = value >> 24;
  p.r = value >> 16 & 0xff;
  p.g = value >> 8 & 0xff;
  p.b = value & 0xff;
  if (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24)
    p.a = 0xff;
  return p;
}

static gboolean
pixel_near (Pixel   p,
            guint32 rgb,
            int     tolerance)
{
  return abs (p.r - (int) (rgb >> 16 & 0xff)) <= tolerance
         && abs (p.g - (int) (rgb >> 8 & 0xff)) <= tolerance
         && abs (p.b - (int) (rgb & 0xff)) <= tolerance;
}

static cairo_surface_t *
render_map (WaymarkLayout              *layout,
            const WaymarkRenderOptions *options)
{
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                (int) ceil (waymark_layout_get_width (layout)),
                                (int) ceil (waymark_layout_get_height (layout)));
  cairo_t *cr = cairo_create (surface);

  waymark_renderer_draw (layout, cr, NULL, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* ---- Layout ------------------------------------------------------------------- */

static void
test_layout_geometry (void)
{
  g_autoptr(WaymarkDocument) document = make_map (5);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  GListModel *stages = waymark_document_get_stages (document);
  GListModel *lanes = waymark_document_get_lanes (document);
  double prev_right = -1;
  double prev_bottom = -1;

  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    {
      WaymarkRect header, column;

      g_assert_true (waymark_layout_get_stage_header_rect (layout, stage_n (document, s), &header));
      g_assert_true (waymark_layout_get_stage_rect (layout, stage_n (document, s), &column));
      g_assert_cmpfloat (header.width, ==, waymark_stage_get_width (stage_n (document, s)));
      g_assert_true (rect_contains (&column, &header));
      if (prev_right >= 0)
        g_assert_cmpfloat (header.x, ==, prev_right);
      prev_right = header.x + header.width;
    }
  g_assert_cmpfloat (waymark_layout_get_width (layout), >=, prev_right);

  for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
    {
      WaymarkLane *lane = lane_n (document, l);
      WaymarkRect row, label;

      g_assert_true (waymark_layout_get_lane_rect (layout, lane, &row));
      g_assert_true (waymark_layout_get_lane_label_rect (layout, lane, &label));
      g_assert_true (rect_contains (&row, &label));
      if (prev_bottom >= 0)
        g_assert_cmpfloat (row.y, ==, prev_bottom);
      prev_bottom = row.y + row.height;

      /* Every card sits inside its cell, the cards of a cell stack without
       * overlapping, and the lane is as tall as its tallest cell needs. */
      for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
        {
          g_autoptr(GPtrArray) cell = waymark_document_get_cell (document, stage_n (document, s), lane);
          WaymarkRect cell_rect;
          double bottom = -1;

          g_assert_true (waymark_layout_get_cell_rect (layout, stage_n (document, s), lane, &cell_rect));
          g_assert_cmpfloat (cell_rect.y, ==, row.y);
          g_assert_cmpfloat (cell_rect.height, ==, row.height);
          for (guint i = 0; i < cell->len; i++)
            {
              WaymarkRect card;

              g_assert_true (waymark_layout_get_card_rect (layout, g_ptr_array_index (cell, i), &card));
              g_assert_true (rect_contains (&cell_rect, &card));
              g_assert_cmpfloat (card.height, >, 20);
              g_assert_cmpfloat (card.y, >, bottom);
              bottom = card.y + card.height;
            }
        }
    }
  g_assert_cmpfloat (waymark_layout_get_height (layout), >=, prev_bottom);

  /* The wrapped title makes its card taller than a one-line sibling. */
  {
    WaymarkRect one, two;

    g_assert_true (waymark_layout_get_card_rect (layout, card_in (document, 2, 0, 2), &one));
    g_assert_true (waymark_layout_get_card_rect (layout, card_in (document, 2, 0, 1), &two));
    g_assert_cmpfloat (two.height, >, one.height);
  }
}

static void
test_layout_extremes (void)
{
  for (guint n = 1; n <= 60; n += 59)
    {
      g_autoptr(WaymarkDocument) document = make_map (n);
      g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
      WaymarkRect last;
      cairo_surface_t *surface;

      g_assert_true (waymark_layout_get_stage_rect (layout, stage_n (document, n - 1), &last));
      g_assert_cmpfloat (waymark_layout_get_width (layout), >=, last.x + last.width);
      g_assert_cmpfloat (waymark_layout_get_width (layout), >=, 640);

      surface = render_map (layout, NULL);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
    }
}

static void
test_layout_empty (void)
{
  g_autoptr(WaymarkDocument) document = waymark_document_new ();
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  WaymarkExportOptions options;
  WaymarkHit hit;

  g_assert_cmpfloat (waymark_layout_get_width (layout), >, 0);
  g_assert_cmpfloat (waymark_layout_get_height (layout), >, 0);
  waymark_layout_hit_test (layout, 300, 300, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_NONE);
  hits = waymark_layout_hit_rect (layout, &(WaymarkRect) { 0, 0, 5000, 5000 });
  g_assert_cmpuint (hits->len, ==, 0);

  surface = render_map (layout, NULL);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* Every format copes with a map that has nothing in it yet. */
  waymark_export_options_init (&options);
  options.page = WAYMARK_PAGE_SLIDE;
  path = tmp_path ("empty.pdf");
  export_ok (document, path, &options);
  g_clear_pointer (&path, g_free);
  path = tmp_path ("empty.png");
  export_ok (document, path, &options);
  g_clear_pointer (&path, g_free);
  path = tmp_path ("empty.svg");
  export_ok (document, path, &options);
}

static void
count_invalidations (WaymarkLayout     *layout,
                     const WaymarkRect *area,
                     gpointer           user_data)
{
  GArray *areas = user_data;
  WaymarkRect rect = { 0, 0, -1, -1 };

  if (area != NULL)
    rect = *area;
  g_array_append_val (areas, rect);
}

static void
test_layout_incremental_move (void)
{
  g_autoptr(WaymarkDocument) document = make_map (5);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (WaymarkRect));
  g_autoptr(GHashTable) before = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  WaymarkTouchpoint *moved;
  WaymarkRect old_rect, new_rect, old_cell, new_cell, area;
  WaymarkRect lanes_before[5], lanes_after[5];
  guint measured;
  guint n_changed = 0;

  /* Stage 2 has three cards in the actions lane, stages 3 and 0 one each;
   * moving stage 3's card to the top of stage 0 keeps the lane height
   * (stage 2 still has the tallest cell). */
  moved = card_in (document, 3, 0, 0);
  waymark_layout_get_card_rect (layout, moved, &old_rect);
  waymark_layout_get_cell_rect (layout, stage_n (document, 3), lane_n (document, 0), &old_cell);
  waymark_layout_get_cell_rect (layout, stage_n (document, 0), lane_n (document, 0), &new_cell);
  for (guint l = 0; l < 5; l++)
    waymark_layout_get_lane_rect (layout, lane_n (document, l), &lanes_before[l]);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      WaymarkRect *rect = g_new (WaymarkRect, 1);

      waymark_layout_get_card_rect (layout, nth (touchpoints, i), rect);
      g_hash_table_insert (before, nth (touchpoints, i), rect);
    }

  g_signal_connect (layout, "invalidated", G_CALLBACK (count_invalidations), areas);
  measured = _waymark_layout_get_n_measured (layout);

  waymark_document_move_touchpoint (document, moved, stage_n (document, 0), lane_n (document, 0), 0);

  /* Same width, so nothing had to be measured again. */
  g_assert_cmpuint (_waymark_layout_get_n_measured (layout), ==, measured);

  g_assert_cmpuint (areas->len, ==, 1);
  area = g_array_index (areas, WaymarkRect, 0);
  g_assert_cmpfloat (area.width, >, 0);
  g_assert_true (rect_contains (&area, &old_cell));
  g_assert_true (rect_contains (&area, &new_cell));
  /* Not the whole map. */
  g_assert_cmpfloat (area.width * area.height, <,
                     waymark_layout_get_width (layout) * waymark_layout_get_height (layout) / 2);

  g_assert_true (waymark_layout_get_card_rect (layout, moved, &new_rect));
  g_assert_true (rect_contains (&new_cell, &new_rect));
  g_assert_cmpfloat (new_rect.y, ==, new_cell.y + WAYMARK_CELL_PAD);

  for (guint l = 0; l < 5; l++)
    {
      waymark_layout_get_lane_rect (layout, lane_n (document, l), &lanes_after[l]);
      g_assert_true (rect_equal (&lanes_before[l], &lanes_after[l]));
    }

  /* Only the moved card and the card it pushed down changed place. */
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      WaymarkTouchpoint *touchpoint = nth (touchpoints, i);
      WaymarkRect now;

      waymark_layout_get_card_rect (layout, touchpoint, &now);
      if (!rect_equal (&now, g_hash_table_lookup (before, touchpoint)))
        {
          n_changed++;
          g_assert_true (touchpoint == moved || touchpoint == card_in (document, 0, 0, 1));
          g_assert_true (rect_contains (&area, &now));
        }
    }
  g_assert_cmpuint (n_changed, ==, 2);

  /* Undo puts everything back. */
  g_assert_true (waymark_document_undo (document));
  waymark_layout_get_card_rect (layout, moved, &new_rect);
  g_assert_true (rect_equal (&new_rect, &old_rect));
}

static void
test_layout_incremental_grow (void)
{
  g_autoptr(WaymarkDocument) document = make_map (4);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (WaymarkRect));
  WaymarkTouchpoint *card = card_in (document, 0, 1, 0);  /* a thought */
  WaymarkRect card_before, card_after, thoughts_before, thoughts_after;
  WaymarkRect emotions_before, emotions_after, actions_before, actions_after, area;
  double height_before = waymark_layout_get_height (layout);
  double delta;
  guint measured;

  waymark_layout_get_card_rect (layout, card, &card_before);
  waymark_layout_get_lane_rect (layout, lane_n (document, 0), &actions_before);
  waymark_layout_get_lane_rect (layout, lane_n (document, 1), &thoughts_before);
  waymark_layout_get_lane_rect (layout, lane_n (document, 2), &emotions_before);

  g_signal_connect (layout, "invalidated", G_CALLBACK (count_invalidations), areas);
  measured = _waymark_layout_get_n_measured (layout);

  waymark_document_set_string (document, WAYMARK_ELEMENT (card), "title",
                               "A thought that goes on and on, long enough to wrap over "
                               "several lines of the card and make the lane taller");

  /* Exactly one card measured again. */
  g_assert_cmpuint (_waymark_layout_get_n_measured (layout), ==, measured + 1);

  waymark_layout_get_card_rect (layout, card, &card_after);
  waymark_layout_get_lane_rect (layout, lane_n (document, 0), &actions_after);
  waymark_layout_get_lane_rect (layout, lane_n (document, 1), &thoughts_after);
  waymark_layout_get_lane_rect (layout, lane_n (document, 2), &emotions_after);

  g_assert_cmpfloat (card_after.height, >, card_before.height);
  g_assert_true (rect_equal (&actions_before, &actions_after));
  delta = thoughts_after.height - thoughts_before.height;
  g_assert_cmpfloat (delta, >, 0);
  g_assert_cmpfloat (emotions_after.y, ==, emotions_before.y + delta);
  g_assert_cmpfloat (waymark_layout_get_height (layout), ==, height_before + delta);

  /* The change reaches from the thoughts lane to the bottom, not above. */
  g_assert_cmpuint (areas->len, ==, 1);
  area = g_array_index (areas, WaymarkRect, 0);
  g_assert_cmpfloat (area.y, ==, thoughts_after.y);
  g_assert_cmpfloat (area.y + area.height, >=, waymark_layout_get_height (layout));

  /* Stage width: cards of that column are measured again, others not. */
  measured = _waymark_layout_get_n_measured (layout);
  waymark_document_set_double (document, WAYMARK_ELEMENT (stage_n (document, 1)), "width", 360);
  {
    WaymarkRect header, next;

    waymark_layout_get_stage_header_rect (layout, stage_n (document, 1), &header);
    waymark_layout_get_stage_header_rect (layout, stage_n (document, 2), &next);
    g_assert_cmpfloat (header.width, ==, 360);
    g_assert_cmpfloat (next.x, ==, header.x + 360);
  }
  {
    g_autoptr(GPtrArray) column_cards = g_ptr_array_new ();
    guint n_in_column = 0;

    for (guint l = 0; l < 5; l++)
      {
        g_autoptr(GPtrArray) cell = waymark_document_get_cell (document, stage_n (document, 1),
                                                               lane_n (document, l));
        n_in_column += cell->len;
      }
    g_assert_cmpuint (_waymark_layout_get_n_measured (layout), ==, measured + n_in_column);
  }
}

static void
assert_same_geometry (WaymarkDocument *document,
                      WaymarkLayout   *incremental)
{
  g_autoptr(WaymarkLayout) fresh = waymark_layout_new (document, NULL);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  GListModel *lanes = waymark_document_get_lanes (document);
  GListModel *stages = waymark_document_get_stages (document);

  g_assert_cmpfloat (waymark_layout_get_width (incremental), ==, waymark_layout_get_width (fresh));
  g_assert_cmpfloat (waymark_layout_get_height (incremental), ==,
                     waymark_layout_get_height (fresh));
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      WaymarkRect a, b;

      g_assert_true (waymark_layout_get_card_rect (incremental, nth (touchpoints, i), &a));
      g_assert_true (waymark_layout_get_card_rect (fresh, nth (touchpoints, i), &b));
      g_assert_true (rect_equal (&a, &b));
    }
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      WaymarkRect a, b;

      waymark_layout_get_lane_rect (incremental, nth (lanes, i), &a);
      waymark_layout_get_lane_rect (fresh, nth (lanes, i), &b);
      g_assert_true (rect_equal (&a, &b));
    }
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      WaymarkRect a, b;

      waymark_layout_get_stage_rect (incremental, nth (stages, i), &a);
      waymark_layout_get_stage_rect (fresh, nth (stages, i), &b);
      g_assert_true (rect_equal (&a, &b));
    }
}

/* Whatever the edits, the incremental layout ends where a layout built
 * from scratch would. */
static void
test_layout_incremental_random (void)
{
  g_autoptr(WaymarkDocument) document = make_map (6);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  GRand *rand = g_rand_new_with_seed (20240521);
  guint n_made = 0;

  for (guint step = 0; step < 150; step++)
    {
      guint n = g_list_model_get_n_items (touchpoints);
      WaymarkTouchpoint *card = nth (touchpoints, g_rand_int_range (rand, 0, (int) n));
      WaymarkStage *stage = stage_n (document, g_rand_int_range (rand, 0, 6));
      WaymarkLane *lane = lane_n (document, g_rand_int_range (rand, 0, 5));

      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0:
        case 1:
          waymark_document_move_touchpoint (document, card, stage, lane,
                                            g_rand_int_range (rand, -1, 3));
          break;
        case 2:
          waymark_document_set_string (document, WAYMARK_ELEMENT (card), "title",
                                       g_rand_boolean (rand)
                                       ? "Short"
                                       : "A much longer title that needs several lines in a card");
          break;
        case 3:
          {
            g_autofree char *id = g_strdup_printf ("new%u", n_made++);
            g_autoptr(WaymarkTouchpoint) fresh = waymark_touchpoint_new (id, "New card");

            waymark_document_add_touchpoint (document, fresh, stage, lane,
                                             g_rand_int_range (rand, -1, 2));
          }
          break;
        case 4:
          if (n > 5)
            waymark_document_remove_touchpoint (document, card);
          break;
        case 5:
          waymark_document_set_double (document, WAYMARK_ELEMENT (stage), "width",
                                       g_rand_double_range (rand, WAYMARK_STAGE_MIN_WIDTH, 400));
          break;
        default:
          if (waymark_document_can_undo (document))
            waymark_document_undo (document);
          break;
        }
      assert_same_geometry (document, layout);
    }
  g_rand_free (rand);
}

static void
test_layout_structure_changes (void)
{
  g_autoptr(WaymarkDocument) document = make_map (3);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(WaymarkStage) stage = waymark_stage_new ("s-new", "New stage");
  g_autoptr(WaymarkTouchpoint) card = waymark_touchpoint_new ("tp-new", "Fresh card");
  double width = waymark_layout_get_width (layout);
  WaymarkRect rect;

  waymark_document_insert_stage (document, stage, 1);
  g_assert_cmpfloat (waymark_layout_get_width (layout), ==, width + WAYMARK_STAGE_DEFAULT_WIDTH);
  g_assert_true (waymark_layout_get_stage_header_rect (layout, stage, &rect));
  g_assert_cmpfloat (rect.x, ==, _waymark_layout_get_columns_x (layout) + WAYMARK_STAGE_DEFAULT_WIDTH);

  waymark_document_add_touchpoint (document, card, stage, lane_n (document, 0), -1);
  g_assert_true (waymark_layout_get_card_rect (layout, card, &rect));
  {
    WaymarkRect cell;

    waymark_layout_get_cell_rect (layout, stage, lane_n (document, 0), &cell);
    g_assert_true (rect_contains (&cell, &rect));
  }

  waymark_document_remove_touchpoint (document, card);
  g_assert_false (waymark_layout_get_card_rect (layout, card, &rect));

  waymark_document_remove_stage (document, stage);
  g_assert_false (waymark_layout_get_stage_header_rect (layout, stage, &rect));
  g_assert_cmpfloat (waymark_layout_get_width (layout), ==, width);

  /* Reordering lanes moves their rows. */
  {
    WaymarkRect first;

    waymark_document_move_lane (document, lane_n (document, 4), 0);
    waymark_layout_get_lane_rect (layout, lane_n (document, 0), &first);
    g_assert_cmpfloat (first.y, ==, _waymark_layout_get_lanes_y (layout));
    g_assert_cmpint (waymark_lane_get_kind (lane_n (document, 0)), ==, WAYMARK_LANE_BACKSTAGE);
  }
}

/* ---- Hit testing --------------------------------------------------------------- */

static void
test_hit_test (void)
{
  g_autoptr(WaymarkDocument) document = make_map (4);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  WaymarkCurve *curve = nth (waymark_document_get_curves (document), 0);
  WaymarkHit hit;
  WaymarkRect rect;
  double x, y;

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      WaymarkTouchpoint *touchpoint = nth (touchpoints, i);
      guint index = waymark_document_get_index_in_cell (document, touchpoint);

      g_assert_true (waymark_layout_get_card_rect (layout, touchpoint, &rect));
      waymark_layout_hit_test (layout, rect.x + rect.width / 2, rect.y + 3, &hit);
      g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_CARD);
      g_assert_true (hit.element == WAYMARK_ELEMENT (touchpoint));
      g_assert_true (hit.stage == waymark_touchpoint_get_stage (touchpoint));
      g_assert_true (hit.lane == waymark_touchpoint_get_lane (touchpoint));
      g_assert_cmpuint (hit.index_in_cell, ==, index);

      waymark_layout_hit_test (layout, rect.x + rect.width - 2, rect.y + rect.height - 2, &hit);
      g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_CARD);
      g_assert_cmpuint (hit.index_in_cell, ==, index + 1);
    }

  /* Empty space under the cards of a cell: a drop there appends. */
  {
    WaymarkStage *stage = stage_n (document, 0);
    WaymarkLane *lane = lane_n (document, 0);
    g_autoptr(GPtrArray) cell = waymark_document_get_cell (document, stage, lane);
    WaymarkRect cell_rect;

    waymark_layout_get_cell_rect (layout, stage, lane, &cell_rect);
    waymark_layout_hit_test (layout, cell_rect.x + cell_rect.width / 2,
                             cell_rect.y + cell_rect.height - 2, &hit);
    g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_CELL);
    g_assert_true (hit.stage == stage);
    g_assert_true (hit.lane == lane);
    g_assert_cmpuint (hit.index_in_cell, ==, cell->len);
  }

  for (guint s = 0; s < 4; s++)
    {
      WaymarkStage *stage = stage_n (document, s);

      waymark_layout_get_stage_header_rect (layout, stage, &rect);
      waymark_layout_hit_test (layout, rect.x + rect.width / 2, rect.y + rect.height / 2, &hit);
      g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_STAGE_HEADER);
      g_assert_true (hit.element == WAYMARK_ELEMENT (stage));

      waymark_layout_hit_test (layout, rect.x + rect.width - 1, rect.y + 10, &hit);
      g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_STAGE_EDGE);
      g_assert_true (hit.element == WAYMARK_ELEMENT (stage));
      if (s < 3)
        {
          /* Just right of the boundary still grabs the stage on the left. */
          waymark_layout_hit_test (layout, rect.x + rect.width + 2, rect.y + 10, &hit);
          g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_STAGE_EDGE);
          g_assert_true (hit.element == WAYMARK_ELEMENT (stage));
        }

      g_assert_true (waymark_layout_get_curve_point (layout, curve, stage, &x, &y));
      waymark_layout_hit_test (layout, x + 2, y - 2, &hit);
      g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_CURVE_POINT);
      g_assert_true (hit.element == WAYMARK_ELEMENT (curve));
      g_assert_true (hit.stage == stage);
    }

  for (guint l = 0; l < 5; l++)
    {
      waymark_layout_get_lane_label_rect (layout, lane_n (document, l), &rect);
      waymark_layout_hit_test (layout, rect.x + 10, rect.y + rect.height / 2, &hit);
      g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_LANE_LABEL);
      g_assert_true (hit.element == WAYMARK_ELEMENT (lane_n (document, l)));
    }

  waymark_layout_hit_test (layout, WAYMARK_MARGIN + 20, WAYMARK_MARGIN + 10, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_HEADER);
  waymark_layout_hit_test (layout, 2, 2, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_NONE);
  waymark_layout_hit_test (layout, -50, 5000, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_NONE);

  /* The emotion scale maps back and forth. */
  {
    double value;

    g_assert_true (waymark_layout_get_curve_point (layout, curve, stage_n (document, 2), NULL, &y));
    g_assert_true (waymark_layout_emotion_for_y (layout, y, &value));
    g_assert_cmpfloat_with_epsilon (value, -2.0, 1e-9);
    g_assert_true (waymark_layout_emotion_for_y (layout, -1000, &value));
    g_assert_cmpfloat (value, ==, WAYMARK_EMOTION_MAX);
  }
}

static void
test_hit_rect (void)
{
  g_autoptr(WaymarkDocument) document = make_map (4);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  WaymarkRect a, b, band;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) none = NULL;
  guint last_position = 0;

  /* From the middle of stage 1's actions to the middle of stage 2's thoughts. */
  waymark_layout_get_cell_rect (layout, stage_n (document, 1), lane_n (document, 0), &a);
  waymark_layout_get_cell_rect (layout, stage_n (document, 2), lane_n (document, 1), &b);
  band = (WaymarkRect) { a.x + 30, a.y, b.x + 40 - (a.x + 30), b.y + b.height - a.y };
  hits = waymark_layout_hit_rect (layout, &band);

  /* Expected: every card of those four cells, in document order. */
  {
    guint expected = 0;

    for (guint s = 1; s <= 2; s++)
      for (guint l = 0; l <= 1; l++)
        {
          g_autoptr(GPtrArray) cell = waymark_document_get_cell (document, stage_n (document, s),
                                                                 lane_n (document, l));
          expected += cell->len;
          for (guint i = 0; i < cell->len; i++)
            g_assert_true (g_ptr_array_find (hits, g_ptr_array_index (cell, i), NULL));
        }
    g_assert_cmpuint (hits->len, ==, expected);
  }
  for (guint i = 0; i < hits->len; i++)
    {
      guint position;

      g_assert_true (g_list_store_find (G_LIST_STORE (touchpoints), hits->pdata[i], &position));
      if (i > 0)
        g_assert_cmpuint (position, >, last_position);
      last_position = position;
    }

  none = waymark_layout_hit_rect (layout, &(WaymarkRect) { 0, 0, 30, 30 });
  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- Drawing ------------------------------------------------------------------ */

static void
test_draw_pixels (void)
{
  g_autoptr(WaymarkDocument) document = make_map (5);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  WaymarkCurve *curve = nth (waymark_document_get_curves (document), 0);
  cairo_surface_t *surface = render_map (layout, NULL);
  WaymarkRect rect;
  double x, y;

  /* The magenta accent of each stage's first card is inside its rect. */
  for (guint s = 0; s < 5; s++)
    {
      WaymarkTouchpoint *card = card_in (document, s, 0, 0);
      guint magenta = 0;

      g_assert_true (waymark_layout_get_card_rect (layout, card, &rect));
      for (double py = rect.y + 10; py < rect.y + rect.height - 10; py++)
        if (pixel_near (pixel_at (surface, rect.x + 2, py), 0xff00ff, 8))
          magenta++;
      g_assert_cmpuint (magenta, >=, (guint) (rect.height - 20) - 1);
      /* …and not outside, to the left of the card. */
      g_assert_false (pixel_near (pixel_at (surface, rect.x - 4, rect.y + rect.height / 2),
                                  0xff00ff, 60));
      /* The card's body is white. */
      g_assert_true (pixel_near (pixel_at (surface, rect.x + rect.width - 12,
                                           rect.y + rect.height - 5), 0xffffff, 4));
    }

  /* The current curve (persona colour, solid) passes through each point. */
  for (guint s = 0; s < 5; s++)
    {
      g_assert_true (waymark_layout_get_curve_point (layout, curve, stage_n (document, s), &x, &y));
      g_assert_true (pixel_near (pixel_at (surface, x, y), 0x00c000, 10));
    }

  /* From +0.5 at stage 4 up to +2 at stage 5: a monotone curve climbs
   * without rising above the top of the scale on the way. */
  {
    WaymarkStage *s4 = stage_n (document, 4);
    WaymarkStage *s3 = stage_n (document, 3);
    double xa, ya, xb, yb;
    gboolean overshoot = FALSE;

    waymark_layout_get_curve_point (layout, curve, s3, &xa, &ya);
    waymark_layout_get_curve_point (layout, curve, s4, &xb, &yb);
    /* Between 0.5 and 2: the curve stays inside [y(2), y(0.5)]. */
    for (double px = xa + 8; px < xb - 8; px += 4)
      for (double py = yb - 14; py < yb - 4; py++)
        if (pixel_near (pixel_at (surface, px, py), 0x00c000, 30))
          overshoot = TRUE;
    g_assert_false (overshoot);
  }

  cairo_surface_destroy (surface);
}

static void
test_draw_region (void)
{
  g_autoptr(WaymarkDocument) document = make_map (5);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  WaymarkRect cell;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint painted_inside = 0;

  waymark_layout_get_cell_rect (layout, stage_n (document, 2), lane_n (document, 0), &cell);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (waymark_layout_get_width (layout)),
                                        (int) ceil (waymark_layout_get_height (layout)));
  cr = cairo_create (surface);
  waymark_renderer_draw (layout, cr, &cell, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Nothing outside the region is touched… */
  for (double y = 0; y < waymark_layout_get_height (layout); y += 7)
    for (double x = 0; x < waymark_layout_get_width (layout); x += 7)
      {
        gboolean inside = x >= cell.x && x < cell.x + cell.width
                          && y >= cell.y && y < cell.y + cell.height;
        Pixel p = pixel_at (surface, x, y);

        if (!inside)
          g_assert_cmpint (p.a, ==, 0);
        else if (p.a > 0)
          painted_inside++;
      }
  /* …and inside it is. */
  g_assert_cmpuint (painted_inside, >, 0);
  cairo_surface_destroy (surface);
}

static void
test_draw_states (void)
{
  g_autoptr(WaymarkDocument) document = make_map (3);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) hidden = g_hash_table_new (NULL, NULL);
  WaymarkTouchpoint *selected = card_in (document, 1, 0, 0);
  WaymarkTouchpoint *gone = card_in (document, 2, 0, 0);
  WaymarkRenderOptions options;
  WaymarkRect rect, gone_rect;
  cairo_surface_t *light, *dark;
  Pixel p;

  waymark_render_options_init (&options);
  g_hash_table_add (selection, selected);
  g_hash_table_add (hidden, gone);
  options.selection = selection;
  options.hidden = hidden;
  options.focus = WAYMARK_ELEMENT (selected);
  options.hover = WAYMARK_ELEMENT (card_in (document, 0, 0, 0));

  light = render_map (layout, &options);
  options.dark = TRUE;
  dark = render_map (layout, &options);

  waymark_layout_get_card_rect (layout, selected, &rect);
  /* The selection outline in the accent colour runs along the card's top. */
  p = pixel_at (light, rect.x + rect.width / 2, rect.y - 1);
  g_assert_true (pixel_near (p, 0x3584e4, 40));

  /* A hidden card (being dragged) leaves its place empty. */
  waymark_layout_get_card_rect (layout, gone, &gone_rect);
  g_assert_false (pixel_near (pixel_at (light, gone_rect.x + 2, gone_rect.y + gone_rect.height / 2),
                              0xff00ff, 40));

  /* Dark style: dark background, light text colour nowhere near white bg. */
  g_assert_true (pixel_near (pixel_at (dark, 5, 5), 0x1e1e1e, 2));
  g_assert_true (pixel_near (pixel_at (light, 5, 5), 0xffffff, 2));

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);

  /* Drop indicator and a card at an arbitrary place draw where asked. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 800);
    cairo_t *cr = cairo_create (surface);
    WaymarkRect cell;
    guint accent = 0;

    waymark_renderer_draw_card_at (layout, cr, selected, 400, 500, NULL);
    waymark_layout_get_cell_rect (layout, stage_n (document, 0), lane_n (document, 0), &cell);
    cairo_translate (cr, -cell.x + 10, -cell.y + 10);
    waymark_renderer_draw_drop_indicator (layout, cr, stage_n (document, 0), lane_n (document, 0),
                                          0, FALSE);
    cairo_destroy (cr);
    cairo_surface_flush (surface);

    g_assert_true (pixel_near (pixel_at (surface, 402, 500 + rect.height / 2), 0xff00ff, 8));
    for (double y = 0; y < 40; y++)
      if (pixel_near (pixel_at (surface, 10 + cell.width / 2, y), 0x3584e4, 20)
          && pixel_at (surface, 10 + cell.width / 2, y).a == 255)
        accent++;
    g_assert_cmpuint (accent, >=, 2);
    cairo_surface_destroy (surface);
  }
}

/* ---- Export ---------------------------------------------------------------------- */

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  if (tmp_dir == NULL)
    tmp_dir = g_dir_make_tmp ("waymark-render-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  return g_build_filename (tmp_dir, name, NULL);
}

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmp_dir == NULL)
    return;
  dir = g_dir_open (tmp_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

static void
export_ok (WaymarkDocument            *document,
           const char                 *path,
           const WaymarkExportOptions *options)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WaymarkExportFormat format;

  g_assert_true (waymark_export_format_from_filename (path, &format, &error));
  g_assert_no_error (error);
  g_assert_true (waymark_export_to_file (document, file, format, options, NULL, &error));
  g_assert_no_error (error);
}

static void
test_export_png (void)
{
  g_autoptr(WaymarkDocument) document = make_map (3);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autofree char *path = tmp_path ("map.png");
  WaymarkExportOptions options;

  waymark_export_options_init (&options);
  for (double scale = 1; scale <= 4; scale += 1.5)
    {
      cairo_surface_t *png;

      options.scale = scale;
      options.transparent = scale > 2;
      export_ok (document, path, &options);
      png = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==,
                       (int) ceil (waymark_layout_get_width (layout) * scale));
      g_assert_cmpint (cairo_image_surface_get_height (png), ==,
                       (int) ceil (waymark_layout_get_height (layout) * scale));
      /* Transparent: the corner is see-through; opaque: white. */
      if (options.transparent)
        g_assert_cmpint (pixel_at (png, 1, 1).a, ==, 0);
      else
        g_assert_true (pixel_near (pixel_at (png, 1, 1), 0xffffff, 0));
      cairo_surface_destroy (png);
    }
}

static void
test_export_svg (void)
{
  g_autoptr(WaymarkDocument) document = make_map (3);
  g_autofree char *path = tmp_path ("map.svg");
  xmlDocPtr xml;
  xmlNodePtr root;

  export_ok (document, path, NULL);
  xml = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (xml);
  root = xmlDocGetRootElement (xml);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  xmlFreeDoc (xml);
}

static char *
run_tool (const char *tool_env,
          const char *arg1,
          const char *arg2,
          const char *arg3)
{
  const char *tool = g_getenv (tool_env);
  const char *argv[] = { tool, arg1, arg2, arg3, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (tool == NULL || *tool == '\0')
    return NULL;
  /* Drop trailing NULL arguments by position. */
  if (arg3 == NULL)
    argv[3] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Text as pdftotext sees it, with runs of white space made single spaces so
 * that titles wrapped over several lines still match. */
static char *
pdf_text (const char *path)
{
  g_autofree char *raw = run_tool ("PDFTOTEXT", path, "-", NULL);
  g_autoptr(GString) text = NULL;
  gboolean space = FALSE;

  if (raw == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (const char *p = raw; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && text->len > 0)
            g_string_append_c (text, ' ');
          space = FALSE;
          g_string_append_c (text, *p);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("PDFINFO", path, NULL, NULL);
  const char *line;

  g_assert_nonnull (info);
  line = strstr (info, "Pages:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static void
assert_pdf_has_all_text (WaymarkDocument *document,
                         const char      *path)
{
  g_autofree char *text = pdf_text (path);
  GListModel *stages = waymark_document_get_stages (document);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);

  g_assert_nonnull (text);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      const char *name = waymark_stage_get_name (nth (stages, i));

      if (strstr (text, name) == NULL)
        g_error ("stage “%s” is not in the PDF text", name);
    }
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      const char *title = waymark_touchpoint_get_title (nth (touchpoints, i));

      if (strstr (text, title) == NULL)
        g_error ("touchpoint “%s” is not in the PDF text", title);
    }
}

static void
test_export_pdf_text (void)
{
  g_autoptr(WaymarkDocument) document = make_map (7);
  g_autofree char *path = tmp_path ("map.pdf");

  if (g_getenv ("PDFTOTEXT") == NULL)
    {
      g_test_skip ("pdftotext not found");
      return;
    }
  export_ok (document, path, NULL);
  g_assert_cmpuint (pdf_pages (path), ==, 1);
  assert_pdf_has_all_text (document, path);
}

static void
test_export_pdf_example (void)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  g_autofree char *example = g_build_filename (root != NULL ? root : ".", "data", "examples",
                                               "hotel-stay.cjmx", NULL);
  g_autofree char *path = tmp_path ("hotel-stay.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (example);
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkExportOptions options;

  if (g_getenv ("PDFTOTEXT") == NULL)
    {
      g_test_skip ("pdftotext not found");
      return;
    }
  if (!g_file_test (example, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/examples/hotel-stay.cjmx is not there yet");
      return;
    }
  document = waymark_format_read_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  waymark_export_options_init (&options);
  for (WaymarkPageSize page = WAYMARK_PAGE_FIT; page <= WAYMARK_PAGE_LETTER; page++)
    {
      options.page = page;
      export_ok (document, path, &options);
      assert_pdf_has_all_text (document, path);
    }
}

static void
test_export_pdf_split (void)
{
  g_autoptr(WaymarkDocument) document = make_map (40);
  g_autofree char *path = tmp_path ("wide.pdf");
  WaymarkExportOptions options;
  guint slide_pages, a4_pages;

  if (g_getenv ("PDFINFO") == NULL)
    {
      g_test_skip ("pdfinfo not found");
      return;
    }

  waymark_export_options_init (&options);
  export_ok (document, path, &options);
  g_assert_cmpuint (pdf_pages (path), ==, 1);

  /* 40 stages of 240 units on a 960 pt slide would put 11-unit text at
   * about 2 pt: the map is split by stages, several per page. */
  options.page = WAYMARK_PAGE_SLIDE;
  export_ok (document, path, &options);
  slide_pages = pdf_pages (path);
  g_assert_cmpuint (slide_pages, >, 4);
  g_assert_cmpuint (slide_pages, <, 40);
  assert_pdf_has_all_text (document, path);

  /* The title repeats on every page. */
  {
    g_autofree char *text = pdf_text (path);
    guint count = 0;

    for (const char *p = strstr (text, "Hotel stay"); p != NULL; p = strstr (p + 1, "Hotel stay"))
      count++;
    g_assert_cmpuint (count, >=, slide_pages);
  }

  options.page = WAYMARK_PAGE_A4;
  export_ok (document, path, &options);
  a4_pages = pdf_pages (path);
  g_assert_cmpuint (a4_pages, >, 1);

  /* A small map fits one slide, no split. */
  {
    g_autoptr(WaymarkDocument) small = make_map (3);

    for (guint i = 0; i < 4; i++)
      waymark_document_remove_lane (small, lane_n (small, 1));
    options.page = WAYMARK_PAGE_SLIDE;
    export_ok (small, path, &options);
    g_assert_cmpuint (pdf_pages (path), ==, 1);
  }
}

static void
test_export_errors (void)
{
  g_autoptr(WaymarkDocument) document = make_map (2);
  g_autofree char *existing = tmp_path ("keep.png");
  g_autoptr(GFile) file = g_file_new_for_path (existing);
  g_autoptr(GFile) missing_dir = g_file_new_for_path ("/nonexistent-waymark-dir/map.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  WaymarkExportFormat format;
  WaymarkExportOptions options;
  WaymarkPageSize page;

  g_assert_false (waymark_export_format_from_filename ("map.jpeg", &format, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);
  g_assert_false (waymark_export_format_from_filename ("noextension", &format, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);
  g_assert_true (waymark_export_format_from_filename ("/a.b/Map.PDF", &format, NULL));
  g_assert_cmpint (format, ==, WAYMARK_EXPORT_PDF);
  g_assert_true (waymark_export_format_from_filename ("x.Svg", &format, NULL));
  g_assert_cmpint (format, ==, WAYMARK_EXPORT_SVG);

  g_assert_true (waymark_page_size_from_string ("Slide", &page));
  g_assert_cmpint (page, ==, WAYMARK_PAGE_SLIDE);
  g_assert_true (waymark_page_size_from_string ("a4", &page));
  g_assert_cmpint (page, ==, WAYMARK_PAGE_A4);
  g_assert_false (waymark_page_size_from_string ("tabloid", &page));

  /* A failed export leaves an existing file untouched. */
  g_assert_true (g_file_set_contents (existing, "precious", -1, NULL));
  waymark_export_options_init (&options);
  options.scale = 0.5;
  g_assert_false (waymark_export_to_file (document, file, WAYMARK_EXPORT_PNG, &options, NULL, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  options.scale = 4.5;
  g_assert_false (waymark_export_to_file (document, file, WAYMARK_EXPORT_PNG, &options, NULL, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  options.scale = NAN;
  g_assert_false (waymark_export_to_file (document, file, WAYMARK_EXPORT_PNG, &options, NULL, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");

  /* Cancelled before writing: also untouched. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    options.scale = 1;
    g_assert_false (waymark_export_to_file (document, file, WAYMARK_EXPORT_PNG, &options,
                                            cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "precious");
  }

  /* Unwritable destination. */
  g_assert_false (waymark_export_to_file (document, missing_dir, WAYMARK_EXPORT_PNG, NULL, NULL,
                                          &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "map.png"));
  g_clear_error (&error);

  /* A successful export replaces the old contents. */
  g_assert_true (waymark_export_to_file (document, file, WAYMARK_EXPORT_PNG, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\x89PNG"));
}

/* ---- Format version 2 ------------------------------------------------------------ */

/* Columns between two points of a curve where its colour shows, and where
 * it does not: a solid curve leaves no gap, a dashed one many. */
static void
count_curve_columns (cairo_surface_t *surface,
                     WaymarkLayout   *layout,
                     WaymarkCurve    *curve,
                     WaymarkStage    *from,
                     WaymarkStage    *to,
                     guint           *on,
                     guint           *off)
{
  double xa, ya, xb, yb;

  g_assert_true (waymark_layout_get_curve_point (layout, curve, from, &xa, &ya));
  g_assert_true (waymark_layout_get_curve_point (layout, curve, to, &xb, &yb));
  *on = *off = 0;
  /* Away from the dots; a monotone curve stays between the two ys. */
  for (double x = xa + 14; x < xb - 14; x++)
    {
      gboolean found = FALSE;

      for (double y = MIN (ya, yb) - 3; y <= MAX (ya, yb) + 3 && !found; y++)
        found = pixel_near (pixel_at (surface, x, y), 0x00c000, 60);
      if (found)
        (*on)++;
      else
        (*off)++;
    }
}

static void
test_v2_curves (void)
{
  g_autoptr(WaymarkDocument) document = make_map (5);
  WaymarkCurve *current = nth (waymark_document_get_curves (document), 0);
  WaymarkCurve *future = nth (waymark_document_get_curves (document), 1);
  g_autoptr(WaymarkLayout) layout = NULL;
  cairo_surface_t *surface;
  guint on, off;
  double x, y;

  g_assert_true (waymark_curve_get_state (future) == WAYMARK_CURVE_FUTURE);
  layout = waymark_layout_new (document, NULL);
  g_assert_true (waymark_layout_is_curve_shown (layout, current));
  g_assert_true (waymark_layout_is_curve_shown (layout, future));

  /* Only the current curve: solid, the persona's colour at every point. */
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (future), "visible", FALSE);
  g_assert_false (waymark_layout_is_curve_shown (layout, future));
  surface = render_map (layout, NULL);
  for (guint s = 0; s < 5; s++)
    {
      g_assert_true (waymark_layout_get_curve_point (layout, current, stage_n (document, s), &x, &y));
      g_assert_true (pixel_near (pixel_at (surface, x, y), 0x00c000, 10));
    }
  count_curve_columns (surface, layout, current, stage_n (document, 0), stage_n (document, 1),
                       &on, &off);
  g_assert_cmpuint (on, >, 150);
  g_assert_cmpuint (off, ==, 0);
  cairo_surface_destroy (surface);

  /* Only the future curve: the same colour, dashed. */
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (future), "visible", TRUE);
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (current), "visible", FALSE);
  surface = render_map (layout, NULL);
  count_curve_columns (surface, layout, future, stage_n (document, 0), stage_n (document, 1),
                       &on, &off);
  g_test_message ("future curve: %u columns drawn, %u gaps", on, off);
  g_assert_cmpuint (on, >, 60);
  g_assert_cmpuint (off, >, 20);
  cairo_surface_destroy (surface);
}

static void
test_v2_scale (void)
{
  g_autoptr(WaymarkDocument) document = make_map (5);
  WaymarkCurve *current = nth (waymark_document_get_curves (document), 0);
  const char *levels[] = { "Upset", "Calm", "Glad", NULL };
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  cairo_surface_t *surface;
  WaymarkRect plot;
  double x, y, top, bottom, value;

  /* -2 at stage 2 is outside a -1…+1 scale: drawn at the bottom edge. */
  waymark_document_set_emotion_scale (document, -1, 1, levels);
  g_assert_true (waymark_layout_get_emotion_rect (layout, &plot));
  g_assert_true (waymark_layout_y_for_emotion (layout, 1, &top));
  g_assert_true (waymark_layout_y_for_emotion (layout, -1, &bottom));
  g_assert_cmpfloat_with_epsilon (top, plot.y, 1e-9);
  g_assert_cmpfloat_with_epsilon (bottom, plot.y + plot.height, 1e-9);
  g_assert_true (waymark_layout_y_for_emotion (layout, -7, &y));
  g_assert_cmpfloat_with_epsilon (y, bottom, 1e-9);
  g_assert_true (waymark_layout_emotion_for_y (layout, plot.y + plot.height + 50, &value));
  g_assert_cmpfloat (value, ==, -1);

  g_assert_true (waymark_layout_get_curve_point (layout, current, stage_n (document, 2), &x, &y));
  g_assert_cmpfloat_with_epsilon (y, bottom, 1e-9);
  surface = render_map (layout, NULL);
  g_assert_true (pixel_near (pixel_at (surface, x, y), 0x00c000, 10));
  /* Nothing of the curve's colour below the plot: never off the chart. */
  for (double py = bottom + 10; py < bottom + 60; py++)
    g_assert_false (pixel_near (pixel_at (surface, x, py), 0x00c000, 40));
  cairo_surface_destroy (surface);

  /* A wider scale: the plot grows so that every level keeps its room. */
  waymark_document_set_emotion_scale (document, 0, 20, NULL);
  g_assert_true (waymark_layout_get_emotion_rect (layout, &plot));
  g_assert_cmpfloat (plot.height, >=, 20 * WAYMARK_EMOTION_LEVEL);
  g_assert_true (waymark_layout_get_curve_point (layout, current, stage_n (document, 2), &x, &y));
  g_assert_cmpfloat_with_epsilon (y, plot.y + plot.height, 1e-9);

  /* stage_at_x: a binary search over the columns. */
  for (guint s = 0; s < 5; s++)
    {
      WaymarkRect rect;

      waymark_layout_get_stage_rect (layout, stage_n (document, s), &rect);
      g_assert_true (waymark_layout_stage_at_x (layout, rect.x) == stage_n (document, s));
      g_assert_true (waymark_layout_stage_at_x (layout, rect.x + rect.width - 0.5) == stage_n (document, s));
    }
  g_assert_null (waymark_layout_stage_at_x (layout, 3));
  g_assert_null (waymark_layout_stage_at_x (layout, waymark_layout_get_width (layout) + 10));
}

/* The face on a card reads the card's emotion on the map's own scale: the
 * lowest level of a 1…5 scale is as unhappy as −2 is on the default one. */
static Pixel
face_pixel (WaymarkDocument   *document,
            WaymarkTouchpoint *card,
            double             emotion)
{
  g_autoptr(WaymarkLayout) layout = NULL;
  cairo_surface_t *surface;
  WaymarkRect rect;
  double cx, cy;
  Pixel p;

  waymark_document_set_double (document, WAYMARK_ELEMENT (card), "emotion", emotion);
  layout = waymark_layout_new (document, NULL);
  g_assert_true (waymark_layout_get_card_rect (layout, card, &rect));
  cx = rect.x + rect.width - WAYMARK_CARD_PAD_X - WAYMARK_FACE_SIZE / 2;
  cy = rect.y + WAYMARK_CARD_PAD_Y + WAYMARK_FACE_SIZE / 2 - 1;
  surface = render_map (layout, NULL);
  /* Left of the centre: the disc, clear of the eyes and the mouth. */
  p = pixel_at (surface, cx - WAYMARK_FACE_SIZE * 0.3, cy);
  cairo_surface_destroy (surface);
  return p;
}

static void
test_v2_faces_follow_scale (void)
{
  g_autoptr(WaymarkDocument) document = make_map (3);
  WaymarkTouchpoint *card = card_in (document, 0, 0, 0);

  g_assert_true (waymark_touchpoint_has_emotion (card));
  g_assert_true (pixel_near (face_pixel (document, card, -2), 0xc01c28, 12));
  g_assert_true (pixel_near (face_pixel (document, card, 0), 0x9a9996, 12));
  g_assert_true (pixel_near (face_pixel (document, card, 2), 0x26a269, 12));

  waymark_document_set_emotion_scale (document, 1, 5, NULL);
  g_assert_true (pixel_near (face_pixel (document, card, 1), 0xc01c28, 12));
  g_assert_true (pixel_near (face_pixel (document, card, 3), 0x9a9996, 12));
  g_assert_true (pixel_near (face_pixel (document, card, 5), 0x26a269, 12));

  /* 0…10: 2 is near the bottom, not the happiest face. */
  waymark_document_set_emotion_scale (document, 0, 10, NULL);
  g_assert_false (pixel_near (face_pixel (document, card, 2), 0x26a269, 40));
  g_assert_true (pixel_near (face_pixel (document, card, 10), 0x26a269, 12));
  /* Beyond a narrowed scale: its end. */
  g_assert_true (pixel_near (face_pixel (document, card, -1), 0xc01c28, 12));
}

static void
test_v2_legend (void)
{
  g_autoptr(WaymarkDocument) document = make_map (4);
  WaymarkCurve *current = nth (waymark_document_get_curves (document), 0);
  WaymarkCurve *future = nth (waymark_document_get_curves (document), 1);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  cairo_surface_t *surface;
  WaymarkRect rows[2];
  WaymarkHit hit;

  /* Two curves and the moment-of-truth key. */
  g_assert_cmpuint (_waymark_layout_get_n_legend (layout), ==, 3);
  g_assert_true (_waymark_layout_get_legend_row (layout, 0, &rows[0]) == current);
  g_assert_true (_waymark_layout_get_legend_row (layout, 1, &rows[1]) == future);
  g_assert_null (_waymark_layout_get_legend_row (layout, 2, NULL));

  for (guint i = 0; i < 2; i++)
    {
      waymark_layout_hit_test (layout, rows[i].x + 30, rows[i].y + rows[i].height / 2, &hit);
      g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_LEGEND);
      g_assert_true (hit.element == WAYMARK_ELEMENT (i == 0 ? current : future));
      g_assert_true (hit.lane == lane_n (document, 2));
    }
  /* At most WAYMARK_MAX_VISIBLE_PERSONAS personas' curves are drawn: the
   * curves of a sixth persona are not, until another one's are hidden. */
  {
    WaymarkCurve *extra[WAYMARK_MAX_VISIBLE_PERSONAS];

    for (guint i = 0; i < WAYMARK_MAX_VISIBLE_PERSONAS; i++)
      {
        g_autofree char *id = g_strdup_printf ("p-extra-%u", i);
        g_autofree char *curve_id = g_strdup_printf ("c-extra-%u", i);
        g_autoptr(WaymarkPersona) persona = waymark_persona_new (id, "Someone");
        g_autoptr(WaymarkCurve) curve = waymark_curve_new (curve_id, persona, WAYMARK_CURVE_CURRENT);

        waymark_document_add_persona (document, persona);
        waymark_document_add_curve (document, curve);
        extra[i] = curve;
      }
    for (guint i = 0; i + 1 < WAYMARK_MAX_VISIBLE_PERSONAS; i++)
      g_assert_true (waymark_layout_is_curve_shown (layout, extra[i]));
    g_assert_false (waymark_layout_is_curve_shown (layout, extra[WAYMARK_MAX_VISIBLE_PERSONAS - 1]));
    g_assert_cmpuint (_waymark_layout_get_n_legend (layout), ==, 3 + WAYMARK_MAX_VISIBLE_PERSONAS);
    waymark_document_set_boolean (document, WAYMARK_ELEMENT (extra[0]), "visible", FALSE);
    g_assert_true (waymark_layout_is_curve_shown (layout, extra[WAYMARK_MAX_VISIBLE_PERSONAS - 1]));
    /* A persona and a curve each, then the switch. */
    for (guint i = 0; i < 2 * WAYMARK_MAX_VISIBLE_PERSONAS + 1; i++)
      g_assert_true (waymark_document_undo (document));
    g_assert_cmpuint (_waymark_layout_get_n_legend (layout), ==, 3);
  }

  /* The lane's name above the legend is the label. */
  waymark_layout_hit_test (layout, WAYMARK_MARGIN + 60, rows[0].y - 40, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_LANE_LABEL);

  /* A hidden curve stays in the legend, greyed out: its swatch loses the
   * persona's colour. */
  surface = render_map (layout, NULL);
  g_assert_true (pixel_near (pixel_at (surface, rows[0].x + 9, rows[0].y + rows[0].height / 2),
                             0x00c000, 10));
  cairo_surface_destroy (surface);
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (current), "visible", FALSE);
  surface = render_map (layout, NULL);
  g_assert_false (pixel_near (pixel_at (surface, rows[0].x + 4, rows[0].y + rows[0].height / 2),
                              0x00c000, 60));
  waymark_layout_hit_test (layout, rows[0].x + 30, rows[0].y + rows[0].height / 2, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_LEGEND);
  g_assert_true (hit.element == WAYMARK_ELEMENT (current));
  cairo_surface_destroy (surface);

  /* A hidden curve's points cannot be grabbed. Stage 1: current −1,
   * future 0, far apart. */
  {
    double x, y;

    g_assert_true (waymark_layout_get_curve_point (layout, current, stage_n (document, 1), &x, &y));
    waymark_layout_hit_test (layout, x, y, &hit);
    g_assert_cmpint (hit.kind, !=, WAYMARK_HIT_CURVE_POINT);
    waymark_document_set_boolean (document, WAYMARK_ELEMENT (current), "visible", TRUE);
    waymark_layout_hit_test (layout, x, y, &hit);
    g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_CURVE_POINT);
    g_assert_true (hit.element == WAYMARK_ELEMENT (current));
    g_assert_true (hit.stage == stage_n (document, 1));
  }
}

static void
test_v2_lanes (void)
{
  g_autoptr(WaymarkDocument) document = make_map (4);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  WaymarkLane *thoughts = lane_n (document, 1);
  WaymarkTouchpoint *thought = card_in (document, 0, 1, 0);
  WaymarkRect before[5], after[5], rect;
  double height = waymark_layout_get_height (layout);
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (WaymarkRect));
  gulong handler;
  guint measured;
  WaymarkHit hit;

  for (guint l = 0; l < 5; l++)
    waymark_layout_get_lane_rect (layout, lane_n (document, l), &before[l]);

  /* Hidden: no space at all, and its cards are nowhere. Nothing is
   * measured again, and only what lies below the lane's top is redrawn. */
  measured = _waymark_layout_get_n_measured (layout);
  handler = g_signal_connect (layout, "invalidated", G_CALLBACK (count_invalidations), areas);
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (thoughts), "hidden", TRUE);
  g_signal_handler_disconnect (layout, handler);
  g_assert_cmpuint (areas->len, ==, 1);
  g_assert_cmpfloat (g_array_index (areas, WaymarkRect, 0).y, ==, before[1].y);
  g_assert_cmpfloat (g_array_index (areas, WaymarkRect, 0).height, >=, height - before[1].y - 1);
  g_assert_cmpuint (_waymark_layout_get_n_measured (layout), ==, measured);
  g_assert_false (waymark_layout_is_lane_shown (layout, thoughts));
  for (guint l = 0; l < 5; l++)
    waymark_layout_get_lane_rect (layout, lane_n (document, l), &after[l]);
  g_assert_cmpfloat (after[1].height, ==, 0);
  g_assert_true (rect_equal (&after[0], &before[0]));
  for (guint l = 2; l < 5; l++)
    g_assert_cmpfloat (after[l].y, ==, before[l].y - before[1].height);
  g_assert_cmpfloat (waymark_layout_get_height (layout), ==, height - before[1].height);
  g_assert_false (waymark_layout_get_card_rect (layout, thought, &rect));
  /* The point where it was is the next lane now. */
  waymark_layout_hit_test (layout, before[1].x + 300, before[1].y + 2, &hit);
  g_assert_true (hit.lane == lane_n (document, 2));

  /* Collapsed: a thin row with its label and a toggle. */
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (thoughts), "hidden", FALSE);
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (thoughts), "collapsed", TRUE);
  g_assert_true (waymark_layout_is_lane_shown (layout, thoughts));
  waymark_layout_get_lane_rect (layout, thoughts, &rect);
  g_assert_cmpfloat (rect.height, ==, WAYMARK_LANE_COLLAPSED);
  g_assert_cmpfloat (waymark_layout_get_height (layout), ==,
                     height - before[1].height + WAYMARK_LANE_COLLAPSED);
  g_assert_false (waymark_layout_get_card_rect (layout, thought, &rect));
  waymark_layout_get_lane_rect (layout, thoughts, &rect);
  waymark_layout_hit_test (layout, WAYMARK_MARGIN + WAYMARK_TOGGLE_X + WAYMARK_TOGGLE_SIZE / 2,
                           rect.y + rect.height / 2, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_LANE_TOGGLE);
  g_assert_true (hit.element == WAYMARK_ELEMENT (thoughts));
  /* …in every lane, expanded ones too. */
  waymark_layout_hit_test (layout, WAYMARK_MARGIN + WAYMARK_TOGGLE_X + WAYMARK_TOGGLE_SIZE / 2,
                           before[0].y + 12 + WAYMARK_TOGGLE_SIZE / 2, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_LANE_TOGGLE);
  g_assert_true (hit.element == WAYMARK_ELEMENT (lane_n (document, 0)));

  /* Undo brings the lane back exactly. */
  g_assert_true (waymark_document_undo (document));
  g_assert_true (waymark_document_undo (document));
  g_assert_true (waymark_document_undo (document));
  for (guint l = 0; l < 5; l++)
    {
      waymark_layout_get_lane_rect (layout, lane_n (document, l), &after[l]);
      g_assert_true (rect_equal (&after[l], &before[l]));
    }
  g_assert_cmpfloat (waymark_layout_get_height (layout), ==, height);

  /* The emotion lane hidden: no plot, no curve points. */
  waymark_document_set_boolean (document, WAYMARK_ELEMENT (lane_n (document, 2)), "hidden", TRUE);
  g_assert_false (waymark_layout_get_emotion_rect (layout, &rect));
  g_assert_false (waymark_layout_get_curve_point (layout, nth (waymark_document_get_curves (document), 0),
                                                  stage_n (document, 0), NULL, NULL));
}

static void
test_v2_links (void)
{
  g_autoptr(WaymarkDocument) document = make_map (4);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  WaymarkTouchpoint *front = card_in (document, 1, 0, 0);
  WaymarkTouchpoint *back = card_in (document, 1, 4, 0);
  WaymarkRect pains, front_rect, back_rect;
  WaymarkRenderOptions options;
  cairo_surface_t *plain, *linked, *selected;
  double x, y;
  Pixel p, q;

  /* Stage 1 has no pain card: the link runs through an empty cell. */
  waymark_layout_get_cell_rect (layout, stage_n (document, 1), lane_n (document, 3), &pains);
  g_assert_cmpuint (_waymark_layout_get_cell_n_cards (layout, 1, 3), ==, 0);
  plain = render_map (layout, NULL);

  waymark_document_link (document, back, front);
  g_assert_cmpuint (_waymark_layout_get_links (layout)->len, ==, 2);
  linked = render_map (layout, NULL);
  waymark_layout_get_card_rect (layout, front, &front_rect);
  waymark_layout_get_card_rect (layout, back, &back_rect);
  x = front_rect.x + front_rect.width - 22;
  y = pains.y + pains.height / 2;

  /* A thin grey line where the lane was plain. */
  p = pixel_at (plain, x, y);
  q = pixel_at (linked, x, y);
  g_assert_cmpint (p.r + p.g + p.b, >, q.r + q.g + q.b + 60);
  g_assert_false (pixel_near (q, 0x3584e4, 60));
  /* Only a thin one. */
  g_assert_true (pixel_near (pixel_at (linked, x - 6, y), (guint32) p.r << 16 | p.g << 8 | p.b, 2));

  /* Selecting one end: the line in the accent colour, the partner card
   * outlined. */
  waymark_render_options_init (&options);
  g_hash_table_add (selection, front);
  options.selection = selection;
  selected = render_map (layout, &options);
  g_assert_true (pixel_near (pixel_at (selected, x, y), 0x3584e4, 60));
  {
    guint accent = 0;

    for (double px = back_rect.x + 20; px < back_rect.x + back_rect.width - 20; px++)
      if (pixel_near (pixel_at (selected, px, back_rect.y - 2), 0x3584e4, 60))
        accent++;
    /* A dashed outline: much of the edge, not all of it. */
    g_assert_cmpuint (accent, >, (guint) (back_rect.width - 40) / 3);
    g_assert_cmpuint (accent, <, (guint) (back_rect.width - 40));
  }

  cairo_surface_destroy (plain);
  cairo_surface_destroy (linked);
  cairo_surface_destroy (selected);

  /* Unlinked: gone. */
  waymark_document_unlink (document, front, back);
  g_assert_cmpuint (_waymark_layout_get_links (layout)->len, ==, 0);
}

static void
test_v2_owners (void)
{
  g_autoptr(WaymarkDocument) document = make_map (3);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(WaymarkOwner) owner = waymark_owner_new ("ow-1", "Marketing", "#ff8000");
  WaymarkTouchpoint *card = card_in (document, 1, 0, 1);
  WaymarkTouchpoint *orphan = card_in (document, 2, 0, 1);
  double band = _waymark_layout_get_band_y (layout);
  cairo_surface_t *surface;
  WaymarkRect rect, orphan_rect;
  guint red = 0;

  waymark_document_add_owner (document, owner, -1);
  waymark_document_set_string (document, WAYMARK_ELEMENT (orphan), "owner", "");
  g_assert_false (waymark_layout_get_color_by_owner (layout));
  surface = render_map (layout, NULL);
  waymark_layout_get_card_rect (layout, card, &rect);
  g_assert_true (pixel_near (pixel_at (surface, rect.x + rect.width - 12, rect.y + rect.height - 5),
                             0xffffff, 4));
  cairo_surface_destroy (surface);

  /* Colour by owner: the card takes a tint of its owner's colour, and the
   * owners legend pushes the map down. */
  waymark_document_set_boolean (document, NULL, "color-by-owner", TRUE);
  g_assert_true (waymark_layout_get_color_by_owner (layout));
  g_assert_cmpfloat (_waymark_layout_get_band_y (layout), >, band);
  surface = render_map (layout, NULL);
  waymark_layout_get_card_rect (layout, card, &rect);
  /* 18 % of #ff8000 over white. */
  g_assert_true (pixel_near (pixel_at (surface, rect.x + rect.width - 12, rect.y + rect.height - 5),
                             0xffe8d1, 6));

  /* No owner: a dashed red outline. */
  waymark_layout_get_card_rect (layout, orphan, &orphan_rect);
  for (double px = orphan_rect.x + 12; px < orphan_rect.x + orphan_rect.width - 12; px++)
    if (pixel_near (pixel_at (surface, px, orphan_rect.y + 0.75), 0xe01b24, 70))
      red++;
  g_assert_cmpuint (red, >, (guint) (orphan_rect.width - 24) / 3);
  g_assert_cmpuint (red, <, (guint) (orphan_rect.width - 24));
  cairo_surface_destroy (surface);

  /* A hand-off where the work passes from Marketing (stage 0) to Sales
   * (stage 1): a disc on the column line, half in each owner's colour. */
  {
    g_autoptr(WaymarkOwner) sales = waymark_owner_new ("ow-2", "Sales", "#0000ff");
    WaymarkRect stage, lane;
    double cx, cy;

    waymark_layout_get_stage_rect (layout, stage_n (document, 1), &stage);
    waymark_layout_get_lane_rect (layout, lane_n (document, 0), &lane);
    cx = stage.x;
    cy = lane.y + WAYMARK_CELL_PAD + 20;
    surface = render_map (layout, NULL);
    g_assert_false (pixel_near (pixel_at (surface, cx + 8, cy), 0x0000ff, 60));
    cairo_surface_destroy (surface);

    waymark_document_add_owner (document, sales, -1);
    waymark_document_set_string (document, WAYMARK_ELEMENT (card_in (document, 1, 0, 0)), "owner",
                                 "Sales");
    surface = render_map (layout, NULL);
    g_assert_true (pixel_near (pixel_at (surface, cx + 8, cy), 0x0000ff, 60));
    g_assert_true (pixel_near (pixel_at (surface, cx - 8, cy), 0xff8000, 60));
    cairo_surface_destroy (surface);

    /* Not in the map's own colours: no hand-offs drawn. */
    waymark_document_set_boolean (document, NULL, "color-by-owner", FALSE);
    surface = render_map (layout, NULL);
    g_assert_false (pixel_near (pixel_at (surface, cx + 8, cy), 0x0000ff, 60));
    cairo_surface_destroy (surface);
  }
}

static void
test_v2_metrics (void)
{
  g_autoptr(WaymarkDocument) document = make_map (3);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(WaymarkLane) kpis = waymark_lane_new ("l-kpis", "KPIs", WAYMARK_LANE_METRICS);
  WaymarkTouchpoint *card = card_in (document, 0, 0, 0);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  const WaymarkCardText *text;
  cairo_surface_t *surface;
  WaymarkRect rect;
  double summary_h, lanes_y;
  GValue value = G_VALUE_INIT;
  WaymarkHit hit;
  GArray *chips;
  gboolean good = FALSE, bad = FALSE;

  /* CSAT 4.1 of 4.5 misses its target (red), a 3 min wait beats 5 (green). */
  surface = render_map (layout, NULL);
  waymark_layout_get_card_rect (layout, card, &rect);
  text = _waymark_layout_get_card_text (layout, card, rect.width);
  g_assert_cmpuint (text->chips->len, ==, 2);
  for (guint i = 0; i < text->chips->len; i++)
    {
      const WaymarkCardChip *chip = &g_array_index (text->chips, WaymarkCardChip, i);
      Pixel p = pixel_at (surface, rect.x + chip->x + 4, rect.y + chip->y + WAYMARK_CHIP_HEIGHT / 2);

      if (chip->tone == WAYMARK_CHIP_BAD)
        bad = pixel_near (p, 0xfde3e3, 4);
      else if (chip->tone == WAYMARK_CHIP_GOOD)
        good = pixel_near (p, 0xdff4e8, 4);
    }
  g_assert_true (good);
  g_assert_true (bad);
  cairo_surface_destroy (surface);

  /* No stage metrics: no summary row. */
  _waymark_layout_get_summary (layout, &summary_h);
  g_assert_cmpfloat (summary_h, ==, 0);
  lanes_y = _waymark_layout_get_lanes_y (layout);
  g_assert_cmpfloat (lanes_y, ==, _waymark_layout_get_band_y (layout) + WAYMARK_STAGE_BAND
                                  + WAYMARK_STAGE_BAND_GAP);

  g_ptr_array_add (metrics, waymark_metric_new ("Retention", 80, 90, "%", TRUE));
  g_value_init (&value, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (&value, metrics);
  waymark_document_set_property (document, WAYMARK_ELEMENT (stage_n (document, 1)), "metrics",
                                 &value, FALSE);
  g_value_unset (&value);

  {
    double y = _waymark_layout_get_summary (layout, &summary_h);
    const WaymarkCardChip *chip;
    WaymarkRect stage;

    g_assert_cmpfloat (summary_h, >, WAYMARK_CHIP_HEIGHT);
    g_assert_cmpfloat (_waymark_layout_get_lanes_y (layout), ==,
                       lanes_y + summary_h + WAYMARK_STAGE_BAND_GAP);
    waymark_layout_get_stage_rect (layout, stage_n (document, 1), &stage);
    waymark_layout_hit_test (layout, stage.x + stage.width / 2, y + summary_h / 2, &hit);
    g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_STAGE_SUMMARY);
    g_assert_true (hit.element == WAYMARK_ELEMENT (stage_n (document, 1)));
    g_assert_cmpuint (_waymark_layout_get_summary_chips (layout, 0)->len, ==, 0);
    chips = _waymark_layout_get_summary_chips (layout, 1);
    g_assert_cmpuint (chips->len, ==, 1);
    chip = &g_array_index (chips, WaymarkCardChip, 0);
    g_assert_cmpint (chip->tone, ==, WAYMARK_CHIP_BAD);
    surface = render_map (layout, NULL);
    g_assert_true (pixel_near (pixel_at (surface, stage.x + WAYMARK_CELL_PAD + chip->x + 4,
                                         y + WAYMARK_SUMMARY_PAD + chip->y + WAYMARK_CHIP_HEIGHT / 2),
                               0xfde3e3, 4));
    cairo_surface_destroy (surface);
  }

  /* Removing them takes the row away again. */
  g_assert_true (waymark_document_undo (document));
  _waymark_layout_get_summary (layout, &summary_h);
  g_assert_cmpfloat (summary_h, ==, 0);
  g_assert_cmpfloat (_waymark_layout_get_lanes_y (layout), ==, lanes_y);

  /* A metrics lane gathers each stage's card metrics as chips. */
  waymark_document_insert_lane (document, kpis, -1);
  chips = _waymark_layout_get_cell_chips (layout, 0, 5);
  g_assert_nonnull (chips);
  g_assert_cmpuint (chips->len, ==, 2);
  g_assert_null (_waymark_layout_get_cell_chips (layout, 0, 0));
  /* …and follows edits of them. */
  g_ptr_array_set_size (metrics, 0);
  g_ptr_array_add (metrics, waymark_metric_new ("NPS", 30, NAN, "", TRUE));
  g_value_init (&value, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (&value, metrics);
  waymark_document_set_property (document, WAYMARK_ELEMENT (card), "metrics", &value, FALSE);
  g_value_unset (&value);
  chips = _waymark_layout_get_cell_chips (layout, 0, 5);
  g_assert_cmpuint (chips->len, ==, 1);
  g_assert_cmpint (g_array_index (chips, WaymarkCardChip, 0).tone, ==, WAYMARK_CHIP_NEUTRAL);
}

static WaymarkView *
emotions_view (WaymarkDocument *document)
{
  WaymarkView *view = waymark_view_new ("vw-1", "Exec summary");
  const char *lanes[] = { "l-emotions", NULL };
  const char *curves[] = { "c1", NULL };

  g_object_set (view, "lanes", lanes, "curves", curves, NULL);
  return view;
}

static void
test_v2_view (void)
{
  g_autoptr(WaymarkDocument) document = make_map (5);
  g_autoptr(WaymarkView) view = emotions_view (document);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(WaymarkLayout) full = waymark_layout_new (document, NULL);
  g_autofree char *full_path = tmp_path ("full.png");
  g_autofree char *view_path = tmp_path ("view.png");
  WaymarkCurve *future = nth (waymark_document_get_curves (document), 1);
  WaymarkExportOptions options;
  cairo_surface_t *a, *b;
  WaymarkRect emotions;

  waymark_layout_set_view (layout, view);
  g_assert_true (waymark_layout_get_view (layout) == view);
  g_assert_false (waymark_layout_is_lane_shown (layout, lane_n (document, 0)));
  g_assert_true (waymark_layout_is_lane_shown (layout, lane_n (document, 2)));
  g_assert_false (waymark_layout_is_curve_shown (layout, future));
  /* The view decides which curves there are: its legend lists only its
   * own, the map's lists the hidden ones too. */
  g_assert_cmpuint (_waymark_layout_get_n_legend (layout), ==, 2);
  g_assert_cmpuint (_waymark_layout_get_n_legend (full), ==, 3);
  waymark_layout_get_lane_rect (layout, lane_n (document, 2), &emotions);
  /* Only the emotion lane below the bands. */
  g_assert_cmpfloat (emotions.y, ==, _waymark_layout_get_lanes_y (layout));
  g_assert_cmpfloat (waymark_layout_get_height (layout), ==,
                     emotions.y + emotions.height + WAYMARK_MARGIN);

  waymark_export_options_init (&options);
  g_assert_true (options.show_notes);
  g_assert_null (options.view);
  export_ok (document, full_path, &options);
  options.view = view;
  export_ok (document, view_path, &options);

  a = cairo_image_surface_create_from_png (full_path);
  b = cairo_image_surface_create_from_png (view_path);
  g_assert_cmpint (cairo_image_surface_get_height (a), ==,
                   (int) ceil (waymark_layout_get_height (full)));
  g_assert_cmpint (cairo_image_surface_get_height (b), ==,
                   (int) ceil (waymark_layout_get_height (layout)));
  g_assert_cmpint (cairo_image_surface_get_height (b), <, cairo_image_surface_get_height (a) / 2);
  g_assert_cmpint (cairo_image_surface_get_width (b), ==, cairo_image_surface_get_width (a));
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  /* The map itself is untouched. */
  g_assert_false (waymark_lane_get_hidden (lane_n (document, 0)));
  g_assert_true (waymark_curve_get_visible (future));
  g_assert_false (waymark_document_can_undo (document));

  waymark_layout_set_view (layout, NULL);
  g_assert_cmpfloat (waymark_layout_get_height (layout), ==, waymark_layout_get_height (full));
}

static void
test_v2_pdf (void)
{
  g_autoptr(WaymarkDocument) document = make_map (5);
  g_autoptr(WaymarkView) view = emotions_view (document);
  WaymarkCurve *current = nth (waymark_document_get_curves (document), 0);
  const char *levels[] = { "Furious", "Annoyed", "Indifferent", "Pleased", "Thrilled", NULL };
  g_autofree char *path = tmp_path ("v2.pdf");
  g_autofree char *text = NULL;
  WaymarkExportOptions options;

  if (g_getenv ("PDFTOTEXT") == NULL || g_getenv ("PDFINFO") == NULL)
    {
      g_test_skip ("pdftotext or pdfinfo not found");
      return;
    }

  waymark_document_set_emotion_scale (document, -2, 2, levels);
  waymark_document_set_curve_note (document, current, stage_n (document, 2),
                                   "Queue at the front desk");

  waymark_export_options_init (&options);
  options.insights_page = TRUE;
  export_ok (document, path, &options);
  text = pdf_text (path);
  for (guint i = 0; levels[i] != NULL; i++)
    if (strstr (text, levels[i]) == NULL)
      g_error ("level “%s” is not in the PDF text", levels[i]);
  g_assert_nonnull (strstr (text, "Queue at the front desk"));
  g_assert_nonnull (strstr (text, waymark_insight_kind_get_title (WAYMARK_INSIGHT_MOMENT_OF_TRUTH)));
  g_assert_nonnull (strstr (text, waymark_insight_kind_get_title (WAYMARK_INSIGHT_PAIN_POINTS)));
  /* The map on one page, the insights on another. */
  g_assert_cmpuint (pdf_pages (path), ==, 2);

  /* Notes can be left out. */
  options.show_notes = FALSE;
  options.insights_page = FALSE;
  export_ok (document, path, &options);
  g_clear_pointer (&text, g_free);
  text = pdf_text (path);
  g_assert_null (strstr (text, "Queue at the front desk"));
  g_assert_cmpuint (pdf_pages (path), ==, 1);

  /* A view of the curves of a wide map stays one page on a slide; the
   * whole map is split, each page with the stage summary row. */
  {
    g_autoptr(WaymarkDocument) wide = make_map (7);
    g_autoptr(WaymarkView) wide_view = emotions_view (wide);
    g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
    GValue value = G_VALUE_INIT;

    g_ptr_array_add (metrics, waymark_metric_new ("Retention", 80, 90, "%", TRUE));
    g_value_init (&value, G_TYPE_PTR_ARRAY);
    g_value_set_boxed (&value, metrics);
    waymark_document_set_property (wide, WAYMARK_ELEMENT (stage_n (wide, 6)), "metrics", &value,
                                   FALSE);
    g_value_unset (&value);

    options.page = WAYMARK_PAGE_SLIDE;
    export_ok (wide, path, &options);
    g_assert_cmpuint (pdf_pages (path), >, 1);
    g_clear_pointer (&text, g_free);
    text = pdf_text (path);
    g_assert_nonnull (strstr (text, "Retention 80% / 90%"));
    options.view = wide_view;
    export_ok (wide, path, &options);
    g_assert_cmpuint (pdf_pages (path), ==, 1);
    g_clear_pointer (&text, g_free);
    text = pdf_text (path);
    g_assert_nonnull (strstr (text, "Check out"));
    g_assert_null (strstr (text, "Staff step 1"));
  }
}

static void
test_v2_example_views (void)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  g_autofree char *example = g_build_filename (root != NULL ? root : ".", "data", "examples",
                                               "hotel-stay.cjmx", NULL);
  g_autofree char *path = tmp_path ("exec.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (example);
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *views;
  WaymarkExportOptions options;

  if (g_getenv ("PDFINFO") == NULL)
    {
      g_test_skip ("pdfinfo not found");
      return;
    }
  document = waymark_format_read_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  views = waymark_document_get_views (document);
  waymark_export_options_init (&options);
  options.page = WAYMARK_PAGE_SLIDE;
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      WaymarkView *view = nth (views, i);

      if (g_strcmp0 (waymark_view_get_name (view), "Exec summary") != 0)
        continue;
      options.view = view;
      export_ok (document, path, &options);
      g_assert_cmpuint (pdf_pages (path), ==, 1);
      return;
    }
  g_test_skip ("the example has no “Exec summary” view");
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static guint
count_red_in_header (WaymarkLayout *layout)
{
  cairo_surface_t *surface = render_map (layout, NULL);
  guint red = 0;

  for (double y = 0; y < _waymark_layout_get_band_y (layout); y++)
    for (double x = 0; x < 400; x++)
      if (pixel_near (pixel_at (surface, x, y), 0xff0000, 30))
        red++;
  cairo_surface_destroy (surface);
  return red;
}

static void
test_v2_persona_picture (void)
{
  g_autoptr(WaymarkDocument) document = make_map (2);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  WaymarkPersona *persona = nth (waymark_document_get_personas (document), 0);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 30);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  GValue value = G_VALUE_INIT;
  cairo_t *cr = cairo_create (image);

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (image, append_bytes, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));

  g_assert_cmpuint (count_red_in_header (layout), ==, 0);
  g_value_init (&value, G_TYPE_BYTES);
  g_value_set_boxed (&value, bytes);
  waymark_document_set_property (document, WAYMARK_ELEMENT (persona), "picture", &value, FALSE);
  g_value_unset (&value);
  g_assert_nonnull (_waymark_layout_get_persona_picture (layout, persona));
  /* The photo fills the persona's disc (19 × 19 units, less the corners). */
  g_assert_cmpuint (count_red_in_header (layout), >, 200);
  g_assert_cmpuint (count_red_in_header (layout), <, 19 * 19);

  /* Not an image: the initial as before. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("\x89PNG\r\n\x1a\nnot really", 18);

    g_value_init (&value, G_TYPE_BYTES);
    g_value_set_boxed (&value, junk);
    waymark_document_set_property (document, WAYMARK_ELEMENT (persona), "picture", &value, FALSE);
    g_value_unset (&value);
    g_assert_null (_waymark_layout_get_persona_picture (layout, persona));
    g_assert_cmpuint (count_red_in_header (layout), ==, 0);
  }
}

static void
test_v2_freehand (void)
{
  g_autoptr(WaymarkDocument) document = make_map (3);
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  WaymarkCurve *current = nth (waymark_document_get_curves (document), 0);
  WaymarkCurve *future = nth (waymark_document_get_curves (document), 1);
  double stroke[2 * 50];
  guint on[2] = { 0 }, off[2] = { 0 };

  for (guint i = 0; i < 50; i++)
    {
      stroke[2 * i] = 20 + i * 8;
      stroke[2 * i + 1] = 50 + 10 * sin (i / 8.0);
    }
  for (guint k = 0; k < 2; k++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 460, 100);
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      waymark_renderer_draw_freehand (layout, cr, k == 0 ? current : future, stroke, 50);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      for (double x = 24; x < 20 + 49 * 8 - 4; x++)
        {
          gboolean found = FALSE;

          for (double y = 35; y < 65 && !found; y++)
            found = pixel_near (pixel_at (surface, x, y), 0x26d026, 40);
          if (found)
            on[k]++;
          else
            off[k]++;
        }
      cairo_surface_destroy (surface);
    }
  /* The current curve's stroke is solid, the future one's dashed, both in
   * the persona's colour (a little lighter: the stroke is not final). */
  g_assert_cmpuint (on[0], >, 350);
  g_assert_cmpuint (off[0], ==, 0);
  g_assert_cmpuint (on[1], >, 150);
  g_assert_cmpuint (off[1], >, 60);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/layout/geometry", test_layout_geometry);
  g_test_add_func ("/render/layout/extremes", test_layout_extremes);
  g_test_add_func ("/render/layout/empty", test_layout_empty);
  g_test_add_func ("/render/layout/incremental-move", test_layout_incremental_move);
  g_test_add_func ("/render/layout/incremental-grow", test_layout_incremental_grow);
  g_test_add_func ("/render/layout/structure", test_layout_structure_changes);
  g_test_add_func ("/render/layout/incremental-random", test_layout_incremental_random);
  g_test_add_func ("/render/hit/point", test_hit_test);
  g_test_add_func ("/render/hit/rect", test_hit_rect);
  g_test_add_func ("/render/draw/pixels", test_draw_pixels);
  g_test_add_func ("/render/draw/region", test_draw_region);
  g_test_add_func ("/render/draw/states", test_draw_states);
  g_test_add_func ("/render/export/png", test_export_png);
  g_test_add_func ("/render/export/svg", test_export_svg);
  g_test_add_func ("/render/export/pdf-text", test_export_pdf_text);
  g_test_add_func ("/render/export/pdf-example", test_export_pdf_example);
  g_test_add_func ("/render/export/pdf-split", test_export_pdf_split);
  g_test_add_func ("/render/export/errors", test_export_errors);
  g_test_add_func ("/render/v2/curves", test_v2_curves);
  g_test_add_func ("/render/v2/scale", test_v2_scale);
  g_test_add_func ("/render/v2/legend", test_v2_legend);
  g_test_add_func ("/render/v2/faces-follow-scale", test_v2_faces_follow_scale);
  g_test_add_func ("/render/v2/lanes", test_v2_lanes);
  g_test_add_func ("/render/v2/links", test_v2_links);
  g_test_add_func ("/render/v2/owners", test_v2_owners);
  g_test_add_func ("/render/v2/metrics", test_v2_metrics);
  g_test_add_func ("/render/v2/view", test_v2_view);
  g_test_add_func ("/render/v2/pdf", test_v2_pdf);
  g_test_add_func ("/render/v2/example-views", test_v2_example_views);
  g_test_add_func ("/render/v2/persona-picture", test_v2_persona_picture);
  g_test_add_func ("/render/v2/freehand", test_v2_freehand);

  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
