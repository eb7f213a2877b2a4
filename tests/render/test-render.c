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

  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
