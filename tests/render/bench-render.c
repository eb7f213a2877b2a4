/* bench-render.c — how fast layout, drawing and export are on big maps
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; never fails on time. Targets on a 2-core machine: one
 * 1920×1080 viewport of the 10,000-card map under 8 ms, relayout after
 * moving one card under 2 ms, full PNG export of the 2,000-card map
 * under 1 s.
 */
#define G_LOG_DOMAIN "waymark-bench-render"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "waymark-export.h"
#include "waymark-layout.h"
#include "waymark-render-private.h"
#include "waymark-renderer.h"
#include "waymark-synth.h"

#define VIEW_W 1920
#define VIEW_H 1080

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* This thread's CPU time: drawing and relayout are single-threaded, so on
 * a busy machine this is their cost, where the wall clock also counts the
 * neighbours. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of the whole process (all threads): on a busy machine the wall
 * clock says more about the neighbours than about us. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3
         + usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

static long
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
draw_viewport (WaymarkLayout   *layout,
               cairo_surface_t *surface,
               double           x,
               double           y,
               double          *cpu)
{
  WaymarkRect region = { x, y, VIEW_W, VIEW_H };
  cairo_t *cr = cairo_create (surface);
  double t0 = now_ms ();
  double c0 = thread_cpu_ms ();

  /* What the canvas does: translate so the viewport's corner is at the
   * origin, then draw only the region. */
  cairo_translate (cr, -x, -y);
  waymark_renderer_draw (layout, cr, &region, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  *cpu = thread_cpu_ms () - c0;
  return now_ms () - t0;
}

typedef struct {
  double start;
  double elapsed;
} HandlerTimer;

static void
before_layout (WaymarkDocument   *document,
               WaymarkChangeKind  kind,
               WaymarkElement    *element,
               const char        *detail,
               HandlerTimer      *timer)
{
  timer->start = thread_cpu_ms ();
}

static void
after_layout (WaymarkDocument   *document,
              WaymarkChangeKind  kind,
              WaymarkElement    *element,
              const char        *detail,
              HandlerTimer      *timer)
{
  timer->elapsed += thread_cpu_ms () - timer->start;
}

static void
bench_map (guint n_stages,
           guint n_touchpoints)
{
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkLayout) layout = NULL;
  g_autofree char *dir = g_dir_make_tmp ("waymark-bench-XXXXXX", NULL);
  cairo_surface_t *view;
  double t0, t_synth, t_layout, t_layout_cpu, width, height;
  double samples[24];
  HandlerTimer timer = { 0 };
  GListModel *touchpoints;
  GListModel *stages;
  GListModel *lanes;
  guint n;

  t0 = now_ms ();
  document = waymark_synth_document (n_stages, n_touchpoints, 42);
  t_synth = now_ms () - t0;

  /* The timer's first handler runs before the layout's, the second after. */
  g_signal_connect (document, "changed", G_CALLBACK (before_layout), &timer);
  t0 = now_ms ();
  t_layout_cpu = thread_cpu_ms ();
  layout = waymark_layout_new (document, NULL);
  width = waymark_layout_get_width (layout);
  height = waymark_layout_get_height (layout);
  t_layout = now_ms () - t0;
  t_layout_cpu = thread_cpu_ms () - t_layout_cpu;
  g_signal_connect (document, "changed", G_CALLBACK (after_layout), &timer);

  printf ("\n== %u touchpoints, %u stages: map %.0f × %.0f units (synthesised in %.0f ms)\n",
          n_touchpoints, n_stages, width, height, t_synth);
  printf ("  layout (measure every card)         %9.1f ms (CPU %.1f ms)\n", t_layout, t_layout_cpu);

  /* Whole map, as a thumbnail-sized image: every item is drawn. */
  {
    double scale = MIN (1.0, MIN (4096 / width, 4096 / height));
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                           (int) ceil (width * scale),
                                                           (int) ceil (height * scale));
    cairo_t *cr = cairo_create (surface);

    t0 = now_ms ();
    cairo_scale (cr, scale, scale);
    waymark_renderer_draw (layout, cr, NULL, NULL);
    cairo_surface_flush (surface);
    printf ("  full render (whole map at %.2f×)     %9.1f ms\n", scale, now_ms () - t0);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  /* Viewports: the first one cold (text of its cards not shaped yet), the
   * same again warm, then scrolling through the map. */
  view = cairo_image_surface_create (CAIRO_FORMAT_RGB24, VIEW_W, VIEW_H);
  {
    double vx = MAX (0, width / 2 - VIEW_W / 2);
    double vy = _waymark_layout_get_band_y (layout) - 40;
    double cpu[G_N_ELEMENTS (samples)];
    double cold_cpu;
    double cold = draw_viewport (layout, view, vx, vy, &cold_cpu);

    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      samples[i] = draw_viewport (layout, view, vx, vy, &cpu[i]);
    printf ("  viewport 1920×1080, first draw      %9.2f ms (CPU %.2f ms)\n", cold, cold_cpu);
    printf ("  viewport 1920×1080, redraw (median) %9.2f ms (CPU %.2f ms)\n",
            median (samples, G_N_ELEMENTS (samples)), median (cpu, G_N_ELEMENTS (cpu)));

    /* Big steps (a flick of the scroll wheel), each bringing new cards. */
    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      {
        double sx = fmod (vx + i * 313.0, MAX (width - VIEW_W, 1));
        double sy = fmod (vy + i * 257.0, MAX (height - VIEW_H, 1));

        samples[i] = draw_viewport (layout, view, sx, sy, &cpu[i]);
      }
    printf ("  viewport while scrolling (median)   %9.2f ms (CPU %.2f ms)\n",
            median (samples, G_N_ELEMENTS (samples)), median (cpu, G_N_ELEMENTS (cpu)));
    printf ("  viewport while scrolling (worst)    %9.2f ms (CPU %.2f ms)\n",
            samples[G_N_ELEMENTS (samples) - 1], cpu[G_N_ELEMENTS (cpu) - 1]);
  }

  /* Format version 2: cards coloured by owner (an owner lookup per card),
   * one card in five linked to a card of another lane in its stage, as a
   * backstage step to the touchpoint it serves. */
  {
    GListModel *cards = waymark_document_get_touchpoints (document);
    guint n_cards = g_list_model_get_n_items (cards);
    g_autoptr(GHashTable) last_in_stage = g_hash_table_new (NULL, NULL);
    double vx = MAX (0, width / 2 - VIEW_W / 2);
    double vy = _waymark_layout_get_band_y (layout) - 40;
    double cpu[G_N_ELEMENTS (samples)];

    waymark_document_begin_group (document, "bench");
    for (guint i = 0; i < n_cards; i++)
      {
        g_autoptr(WaymarkTouchpoint) card = g_list_model_get_item (cards, i);
        WaymarkStage *stage = waymark_touchpoint_get_stage (card);
        WaymarkTouchpoint *other = g_hash_table_lookup (last_in_stage, stage);

        if (i % 5 == 0 && other != NULL
            && waymark_touchpoint_get_lane (other) != waymark_touchpoint_get_lane (card))
          waymark_document_link (document, card, other);
        g_hash_table_insert (last_in_stage, stage, card);
      }
    waymark_document_set_boolean (document, NULL, "color-by-owner", TRUE);
    waymark_document_end_group (document);

    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      samples[i] = draw_viewport (layout, view, vx, vy, &cpu[i]);
    printf ("  v2 viewport (owners, links), redraw %9.2f ms (CPU %.2f ms)\n",
            median (samples, G_N_ELEMENTS (samples)), median (cpu, G_N_ELEMENTS (cpu)));
    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      {
        double sx = fmod (vx + i * 313.0, MAX (width - VIEW_W, 1));
        double sy = fmod (vy + i * 257.0, MAX (height - VIEW_H, 1));

        samples[i] = draw_viewport (layout, view, sx, sy, &cpu[i]);
      }
    printf ("  v2 viewport while scrolling (median)%9.2f ms (CPU %.2f ms)\n",
            median (samples, G_N_ELEMENTS (samples)), median (cpu, G_N_ELEMENTS (cpu)));
    g_assert_true (waymark_document_undo (document));
  }
  cairo_surface_destroy (view);

  /* Move one card to another stage and lane, as a drag does; time the
   * layout's own handler and the whole edit. */
  touchpoints = waymark_document_get_touchpoints (document);
  stages = waymark_document_get_stages (document);
  lanes = waymark_document_get_lanes (document);
  n = g_list_model_get_n_items (touchpoints);
  {
    double totals[12];
    double handler[12];

    for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
      {
        g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints,
                                                                         (i * 7919) % n);
        g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages,
                                                               (i * 31) % n_stages);
        g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i % 2);

        timer.elapsed = 0;
        t0 = now_ms ();
        waymark_document_move_touchpoint (document, touchpoint, stage, lane, 0);
        /* What the canvas asks right after: the size and the card's place. */
        waymark_layout_get_height (layout);
        totals[i] = now_ms () - t0;
        handler[i] = timer.elapsed;
      }
    printf ("  relayout after moving a card        %9.3f ms CPU (median; whole edit %.3f ms)\n",
            median (handler, G_N_ELEMENTS (handler)), median (totals, G_N_ELEMENTS (totals)));
  }

  /* Delete the lane holding most cards, with the layout listening, and
   * undo it: one step each, however many cards the lane holds. */
  {
    g_autoptr(WaymarkLane) fullest = NULL;
    guint most = 0;
    double removed, restored;

    for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
      {
        g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, l);
        guint count = 0;

        for (guint s = 0; s < n_stages; s++)
          {
            g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, s);
            g_autoptr(GPtrArray) cell = waymark_document_get_cell (document, stage, lane);

            count += cell->len;
          }
        if (count > most)
          {
            most = count;
            g_set_object (&fullest, lane);
          }
      }
    t0 = now_ms ();
    waymark_document_remove_lane (document, fullest);
    waymark_layout_get_height (layout);
    removed = now_ms () - t0;
    t0 = now_ms ();
    g_assert_true (waymark_document_undo (document));
    waymark_layout_get_height (layout);
    restored = now_ms () - t0;
    printf ("  delete a lane of %5u cards         %9.1f ms (undo %.1f ms)\n", most, removed, restored);
  }

  /* Exports, each with a fresh layout as the command line does. */
  {
    WaymarkExportOptions options;
    g_autofree char *png_path = g_build_filename (dir, "map.png", NULL);
    g_autofree char *pdf_path = g_build_filename (dir, "map.pdf", NULL);
    g_autoptr(GFile) png = g_file_new_for_path (png_path);
    g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
    g_autoptr(GError) error = NULL;
    GStatBuf st;
    double c0;

    waymark_export_options_init (&options);
    t0 = now_ms ();
    c0 = cpu_ms ();
    if (waymark_export_to_file (document, png, WAYMARK_EXPORT_PNG, &options, NULL, &error))
      {
        g_stat (png_path, &st);
        printf ("  PNG export 1×                       %9.1f ms (CPU %.0f ms in all threads; "
                "%.1f MB, peak RSS %ld MB)\n",
                now_ms () - t0, cpu_ms () - c0, st.st_size / 1e6, peak_rss_mb ());
      }
    else
      printf ("  PNG export 1×                       refused: %s\n", error->message);
    g_clear_error (&error);

    t0 = now_ms ();
    if (waymark_export_to_file (document, pdf, WAYMARK_EXPORT_PDF, &options, NULL, &error))
      {
        g_stat (pdf_path, &st);
        printf ("  PDF export (fit)                    %9.1f ms (%.1f MB, peak RSS %ld MB)\n",
                now_ms () - t0, st.st_size / 1e6, peak_rss_mb ());
      }
    else
      printf ("  PDF export (fit)                    failed: %s\n", error->message);
    g_clear_error (&error);

    options.page = WAYMARK_PAGE_A4;
    t0 = now_ms ();
    if (waymark_export_to_file (document, pdf, WAYMARK_EXPORT_PDF, &options, NULL, &error))
      {
        g_stat (pdf_path, &st);
        printf ("  PDF export (A4, split)              %9.1f ms (%.1f MB, peak RSS %ld MB)\n",
                now_ms () - t0, st.st_size / 1e6, peak_rss_mb ());
      }
    else
      printf ("  PDF export (A4, split)              failed: %s\n", error->message);
    g_clear_error (&error);

    g_unlink (png_path);
    g_unlink (pdf_path);
    g_rmdir (dir);
  }
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    guint n_stages;
    guint n_touchpoints;
  } sizes[] = {
    { 12, 100 },
    { 40, 2000 },
    { 100, 10000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    bench_map (sizes[i].n_stages, sizes[i].n_touchpoints);
  printf ("\npeak RSS of the whole run: %ld MB; %u processors\n", peak_rss_mb (),
          g_get_num_processors ());
  return 0;
}
