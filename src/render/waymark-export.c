/* waymark-export.c — PNG, PDF and SVG export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "waymark-export.h"
#include "waymark-atomic-file.h"
#include "waymark-export-png.h"
#include "waymark-insights.h"
#include "waymark-render-private.h"

#define PNG_MIN_SCALE 1.0
#define PNG_MAX_SCALE 4.0
/* cairo's limit for one side of an image surface (a band is as wide as
 * the image); most viewers and presentation software stop there too. */
#define PNG_MAX_SIDE   32767
/* 400 megapixels: past this no viewer or deck copes with the file. */
#define PNG_MAX_PIXELS ((guint64) 400 * 1000 * 1000)

/* PDF pages are in points. The smallest text on a card is
 * WAYMARK_SMALLEST_TEXT layout units; below 7 pt it stops being readable
 * on paper or a projector, so a map that would have to shrink further to
 * fit one page is split into pages: groups of stages by groups of lanes,
 * each page with a compact title, its stage band and its lane labels.
 * Split pages use that 7 pt scale, for the fewest pages; only a single
 * stage or lane too big for a page at that size makes them smaller. */
#define PDF_MIN_TEXT_PT   7.0
/* The largest page PDF readers accept (200 in); a bigger "fit" map is
 * scaled down onto it. */
#define PDF_MAX_SIDE      14400.0
#define PDF_PAGE_MARGIN   24.0
/* A map of a few lanes (a view of the emotion curves, say) stays on one
 * page down to this scale: cut into pages, a curve loses its shape. */
#define PDF_FEW_LANES     3
#define PDF_MIN_FEW_SCALE 0.4

G_DEFINE_QUARK (waymark-export-error-quark, waymark_export_error)

/* ---- Auxiliary ---------------------------------------------------------- */

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  if (status == CAIRO_STATUS_NO_MEMORY || status == CAIRO_STATUS_INVALID_SIZE)
    g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION,
                 _("The map is too large to export at this size; try a smaller scale or PDF."));
  else
    g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_FAILED,
                 _("The map could not be drawn: %s."), cairo_status_to_string (status));
  return FALSE;
}

static void
page_dimensions (WaymarkPageSize  page,
                 double          *width,
                 double          *height)
{
  switch (page)
    {
    case WAYMARK_PAGE_SLIDE:
      /* 13.333 × 7.5 in, the widescreen slide of presentation software. */
      *width = 960;
      *height = 540;
      break;
    case WAYMARK_PAGE_A4:
      *width = 841.89;
      *height = 595.28;
      break;
    case WAYMARK_PAGE_LETTER:
      *width = 792;
      *height = 612;
      break;
    case WAYMARK_PAGE_FIT:
    default:
      *width = 0;
      *height = 0;
      break;
    }
}

/* ---- PNG ---------------------------------------------------------------- */

static GBytes *
render_png (WaymarkLayout              *layout,
            const WaymarkExportOptions *options,
            GCancellable               *cancellable,
            GError                    **error)
{
  double px_w = ceil (waymark_layout_get_width (layout) * options->scale);
  double px_h = ceil (waymark_layout_get_height (layout) * options->scale);

  if (px_w > PNG_MAX_SIDE || px_h > PNG_MAX_SIDE
      || (guint64) px_w * (guint64) px_h > PNG_MAX_PIXELS)
    {
      if (options->scale > PNG_MIN_SCALE)
        g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION,
                     _("The map is too large to export as PNG at this scale; try a smaller scale."));
      else
        g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION,
                     _("The map is too large to export as PNG; export it as PDF or SVG instead."));
      return NULL;
    }
  return _waymark_export_png (layout, (int) px_w, (int) px_h, options->scale,
                              options->transparent, options->show_notes, cancellable, error);
}

/* ---- Insights page ------------------------------------------------------ */

#define INSIGHTS_MARGIN 48.0
#define INSIGHTS_GAP    32.0

static PangoLayout *
insights_text (PangoContext *context,
               const char   *text,
               double        size,
               PangoWeight   weight,
               double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = _waymark_font (size, weight, PANGO_STYLE_NORMAL);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
insights_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static guint32
insight_kind_color (WaymarkInsightKind kind)
{
  switch (kind)
    {
    case WAYMARK_INSIGHT_MOMENT_OF_TRUTH:
      return 0xe01b24;
    case WAYMARK_INSIGHT_PAIN_POINTS:
      return 0xe66100;
    case WAYMARK_INSIGHT_NO_OWNER:
      return 0x9141ac;
    case WAYMARK_INSIGHT_OFF_TARGET:
      return 0xc01c28;
    case WAYMARK_INSIGHT_EMPTY_CELL:
    default:
      return 0x77767b;
    }
}

static void
set_hex (cairo_t *cr,
         guint32  hex)
{
  cairo_set_source_rgb (cr, (hex >> 16 & 0xff) / 255.0, (hex >> 8 & 0xff) / 255.0,
                        (hex & 0xff) / 255.0);
}

/* Lays out (and with draw, draws) the insights in columns of text of a
 * size, from y = top; returns how many fit on the page. */
static guint
insights_flow (PangoContext *context,
               cairo_t      *cr,
               GPtrArray    *insights,
               double        page_w,
               double        page_h,
               double        top,
               guint         n_columns,
               double        size,
               gboolean      draw)
{
  double column_w = (page_w - 2 * INSIGHTS_MARGIN - (n_columns - 1) * INSIGHTS_GAP) / n_columns;
  double bottom = page_h - INSIGHTS_MARGIN;
  double x = INSIGHTS_MARGIN, y = top;
  guint column = 0;
  int kind = -1;

  for (guint i = 0; i < insights->len; i++)
    {
      const WaymarkInsight *insight = g_ptr_array_index (insights, i);
      g_autoptr(PangoLayout) heading = NULL;
      g_autoptr(PangoLayout) item = NULL;
      double need;

      if ((int) insight->kind != kind)
        heading = insights_text (context, waymark_insight_kind_get_title (insight->kind),
                                 size + 3, PANGO_WEIGHT_BOLD, column_w - 14);
      item = insights_text (context, insight->text != NULL ? insight->text : "", size,
                            PANGO_WEIGHT_NORMAL, column_w - 28);

      /* A heading never ends a column alone. */
      need = insights_height (item) + (heading != NULL ? insights_height (heading) + 14 : 0);
      if (y + need > bottom && y > top)
        {
          if (++column == n_columns)
            return i;
          x = INSIGHTS_MARGIN + column * (column_w + INSIGHTS_GAP);
          y = top;
        }

      if (heading != NULL)
        {
          kind = (int) insight->kind;
          if (y > top)
            y += 10;
          if (draw)
            {
              set_hex (cr, insight_kind_color (insight->kind));
              cairo_rectangle (cr, x, y + 2, 4, insights_height (heading) - 4);
              cairo_fill (cr);
              set_hex (cr, 0x241f31);
              cairo_move_to (cr, x + 14, y);
              pango_cairo_show_layout (cr, heading);
              cairo_new_path (cr);
            }
          y += insights_height (heading) + 4;
        }

      if (draw)
        {
          set_hex (cr, insight_kind_color (insight->kind));
          cairo_arc (cr, x + 18, y + insights_height (item) / pango_layout_get_line_count (item) / 2,
                     2.5, 0, 2 * G_PI);
          cairo_fill (cr);
          set_hex (cr, 0x3d3846);
          cairo_move_to (cr, x + 28, y);
          pango_cairo_show_layout (cr, item);
          cairo_new_path (cr);
        }
      y += insights_height (item) + 4;
    }
  return insights->len;
}

/* A summary of waymark_insights_collect() after the map, on one page: the
 * map's title, then each kind's heading and its findings in columns, the
 * text as large as lets them all fit. */
static void
draw_insights_page (WaymarkLayout *layout,
                    cairo_t       *cr,
                    double         page_w,
                    double         page_h)
{
  static const struct {
    guint  columns;
    double size;
  } fits[] = { { 2, 12 }, { 3, 11 }, { 3, 10 }, { 4, 9 } };
  WaymarkDocument *document = waymark_layout_get_document (layout);
  PangoContext *context = _waymark_layout_get_context (layout);
  g_autoptr(GPtrArray) insights = waymark_insights_collect (document);
  const char *title = waymark_document_get_title (document);
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  double y = INSIGHTS_MARGIN;
  guint choice = 0, n_fit = 0;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  text = insights_text (context, title != NULL && *title != '\0' ? title : _("Untitled Journey"),
                        26, PANGO_WEIGHT_BOLD, page_w - 2 * INSIGHTS_MARGIN);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (text, -1);
  set_hex (cr, 0x241f31);
  cairo_move_to (cr, INSIGHTS_MARGIN, y);
  pango_cairo_show_layout (cr, text);
  cairo_new_path (cr);
  y += insights_height (text) + 2;
  /* Translators: subtitle of the summary page at the end of a PDF export */
  subtitle = insights_text (context, _("Insights: what this map says at a glance"), 14,
                            PANGO_WEIGHT_NORMAL, page_w - 2 * INSIGHTS_MARGIN);
  set_hex (cr, 0x77767b);
  cairo_move_to (cr, INSIGHTS_MARGIN, y);
  pango_cairo_show_layout (cr, subtitle);
  cairo_new_path (cr);
  y += insights_height (subtitle) + 24;

  if (insights->len == 0)
    {
      g_autoptr(PangoLayout) none =
        insights_text (context, _("Nothing stands out: no moment of truth, pain point, missing "
                                  "owner or missed target."),
                       13, PANGO_WEIGHT_NORMAL, page_w - 2 * INSIGHTS_MARGIN);

      set_hex (cr, 0x5e5c64);
      cairo_move_to (cr, INSIGHTS_MARGIN, y);
      pango_cairo_show_layout (cr, none);
      cairo_new_path (cr);
    }
  else
    {
      for (choice = 0; choice < G_N_ELEMENTS (fits); choice++)
        {
          n_fit = insights_flow (context, cr, insights, page_w, page_h - 20, y,
                                 fits[choice].columns, fits[choice].size, FALSE);
          if (n_fit == insights->len)
            break;
        }
      choice = MIN (choice, G_N_ELEMENTS (fits) - 1);
      n_fit = insights_flow (context, cr, insights, page_w, page_h - 20, y,
                             fits[choice].columns, fits[choice].size, TRUE);
      if (n_fit < insights->len)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("… and %u more in the insights panel",
                                                             "… and %u more in the insights panel",
                                                             insights->len - n_fit),
                                                   insights->len - n_fit);
          g_autoptr(PangoLayout) rest = insights_text (context, more, 11, PANGO_WEIGHT_NORMAL,
                                                       page_w - 2 * INSIGHTS_MARGIN);

          set_hex (cr, 0x77767b);
          cairo_move_to (cr, INSIGHTS_MARGIN, page_h - INSIGHTS_MARGIN - 6);
          pango_cairo_show_layout (cr, rest);
          cairo_new_path (cr);
        }
    }
  cairo_restore (cr);
  cairo_show_page (cr);
}

/* ---- PDF ---------------------------------------------------------------- */

/* Splits [0, n) into as few groups as capacity allows; with spread, the
 * items then go evenly over that many groups (stages, alike in width),
 * else each group takes what fits (lanes, unlike in height). size(i) is
 * the extent of item i; one larger than capacity gets a group of its own. */
static GArray *
group_items (guint          n,
             double       (*size) (WaymarkLayout *, guint),
             WaymarkLayout *layout,
             double         capacity,
             gboolean       spread)
{
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (guint) * 2);

  for (guint pass = 0; pass < (spread ? 2 : 1); pass++)
    {
      guint per_group = pass == 0 ? G_MAXUINT : (n + groups->len - 1) / MAX (groups->len, 1);
      guint first = 0;

      g_array_set_size (groups, 0);
      while (first < n)
        {
          guint range[2] = { first, first + 1 };
          double used = size (layout, first);

          while (range[1] < n && range[1] - range[0] < per_group
                 && used + size (layout, range[1]) <= capacity)
            used += size (layout, range[1]++);
          g_array_append_val (groups, range);
          first = range[1];
        }
    }
  return groups;
}

static double
stage_size (WaymarkLayout *layout,
            guint          index)
{
  return _waymark_layout_get_stage_geom (layout, index)->width;
}

static double
lane_size (WaymarkLayout *layout,
           guint          index)
{
  return _waymark_layout_get_lane_geom (layout, index)->height;
}

static guint
count_shown_lanes (WaymarkLayout *layout)
{
  guint n = _waymark_layout_get_n_lanes (layout);
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    if (_waymark_layout_get_lane_geom (layout, i)->shown)
      shown++;
  return shown;
}

/* Pages of a map too big for one readable page: stage groups by lane
 * groups, stage-major so the pages follow the journey. Sets *scale. */
static GArray *
split_pages (WaymarkLayout *layout,
             double         avail_w,
             double         avail_h,
             double        *scale)
{
  guint n_stages = _waymark_layout_get_n_stages (layout);
  guint n_lanes = _waymark_layout_get_n_lanes (layout);
  double columns_x = _waymark_layout_get_columns_x (layout);
  double lanes_y = _waymark_renderer_page_lanes_y (layout);
  double widest = 0, tallest = 0;
  double s = PDF_MIN_TEXT_PT / WAYMARK_SMALLEST_TEXT;
  g_autoptr(GArray) stage_groups = NULL;
  g_autoptr(GArray) lane_groups = NULL;
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (WaymarkPage));

  for (guint i = 0; i < n_stages; i++)
    widest = MAX (widest, stage_size (layout, i));
  for (guint i = 0; i < n_lanes; i++)
    tallest = MAX (tallest, lane_size (layout, i));

  /* Lanes and stages are never cut: the widest stage and the tallest lane
   * must fit a page, even if that makes the text smaller. */
  s = MIN (s, avail_w / (columns_x + widest + WAYMARK_MARGIN));
  s = MIN (s, avail_h / (lanes_y + MAX (tallest, 1) + WAYMARK_MARGIN));
  *scale = s;

  stage_groups = group_items (n_stages, stage_size, layout,
                              avail_w / s - columns_x - WAYMARK_MARGIN, TRUE);
  lane_groups = group_items (n_lanes, lane_size, layout,
                             avail_h / s - lanes_y - WAYMARK_MARGIN, FALSE);

  for (guint i = 0; i < stage_groups->len; i++)
    for (guint j = 0; j < lane_groups->len; j++)
      {
        const guint *stages = &g_array_index (stage_groups, guint, 2 * i);
        const guint *lanes = &g_array_index (lane_groups, guint, 2 * j);
        WaymarkPage page = { stages[0], stages[1], lanes[0], lanes[1] };
        double lanes_h = 0;

        /* Hidden lanes take no space: a group of only those is no page. */
        for (guint l = lanes[0]; l < lanes[1]; l++)
          lanes_h += lane_size (layout, l);
        if (lanes_h <= 0 && lane_groups->len > 1)
          continue;
        g_array_append_val (pages, page);
      }
  return pages;
}

struct _WaymarkPagination {
  WaymarkLayout *layout;
  double         page_width;
  double         page_height;
  double         scale;
  GArray        *pages;  /* WaymarkPage; NULL: the whole map on one page */
  gboolean       show_notes;
};

static WaymarkPagination *
pagination_alloc (WaymarkLayout *layout,
                  double         page_width,
                  double         page_height,
                  double         scale,
                  GArray        *pages)
{
  WaymarkPagination *self = g_new0 (WaymarkPagination, 1);

  self->layout = g_object_ref (layout);
  self->page_width = page_width;
  self->page_height = page_height;
  self->scale = scale;
  self->pages = pages;
  self->show_notes = TRUE;
  return self;
}

static GBytes *
render_pdf (WaymarkLayout              *layout,
            const WaymarkExportOptions *options,
            GCancellable               *cancellable,
            GError                    **error)
{
  WaymarkDocument *document = waymark_layout_get_document (layout);
  double width = waymark_layout_get_width (layout);
  double height = waymark_layout_get_height (layout);
  double page_w, page_h;
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(WaymarkPagination) pagination = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  const char *title;
  const char *author;
  guint n_pages;

  page_dimensions (options->page, &page_w, &page_h);

  if (options->page == WAYMARK_PAGE_FIT)
    {
      double scale = MIN (1.0, MIN (PDF_MAX_SIDE / width, PDF_MAX_SIDE / height));

      page_w = ceil (width * scale);
      page_h = ceil (height * scale);
      pagination = pagination_alloc (layout, page_w, page_h, scale, NULL);
    }
  else
    pagination = waymark_pagination_new (layout, page_w, page_h, TRUE);
  pagination->show_notes = options->show_notes;

  surface = cairo_pdf_surface_create_for_stream (write_to_array, pdf, page_w, page_h);
  title = waymark_document_get_title (document);
  author = waymark_document_get_author (document);
  if (title != NULL && *title != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL && *author != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Waymark");
  cr = cairo_create (surface);

  n_pages = waymark_pagination_get_n_pages (pagination);
  for (guint i = 0; i < n_pages; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      waymark_pagination_draw_page (pagination, cr, i);
      cairo_show_page (cr);
    }

  if (options->insights_page && !g_cancellable_is_cancelled (cancellable))
    {
      /* A page of the map's size would make a poster of a short list:
       * fitted maps get a slide. */
      if (options->page == WAYMARK_PAGE_FIT)
        {
          page_dimensions (WAYMARK_PAGE_SLIDE, &page_w, &page_h);
          cairo_pdf_surface_set_size (surface, page_w, page_h);
        }
      draw_insights_page (layout, cr, page_w, page_h);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!check_status (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/* ---- SVG ---------------------------------------------------------------- */

static GBytes *
render_svg (WaymarkLayout              *layout,
            const WaymarkExportOptions *options,
            GError                    **error)
{
  double width = waymark_layout_get_width (layout);
  double height = waymark_layout_get_height (layout);
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  WaymarkRenderOptions render_options;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  waymark_render_options_init (&render_options);
  render_options.show_notes = options->show_notes;

  surface = cairo_svg_surface_create_for_stream (write_to_array, svg, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  waymark_renderer_draw (layout, cr, NULL, &render_options);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_status (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&svg));
}

/* ---- Public API --------------------------------------------------------- */

void
waymark_export_options_init (WaymarkExportOptions *options)
{
  g_return_if_fail (options != NULL);

  options->scale = 1.0;
  options->transparent = FALSE;
  options->page = WAYMARK_PAGE_FIT;
  options->view = NULL;
  options->insights_page = FALSE;
  options->show_notes = TRUE;
}

gboolean
waymark_export_format_from_filename (const char           *filename,
                                     WaymarkExportFormat  *format,
                                     GError              **error)
{
  const char *dot;
  g_autofree char *ext = NULL;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  dot = strrchr (filename, '.');
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
    ext = g_ascii_strdown (dot + 1, -1);

  if (g_strcmp0 (ext, "png") == 0)
    *format = WAYMARK_EXPORT_PNG;
  else if (g_strcmp0 (ext, "pdf") == 0)
    *format = WAYMARK_EXPORT_PDF;
  else if (g_strcmp0 (ext, "svg") == 0)
    *format = WAYMARK_EXPORT_SVG;
  else
    {
      g_autofree char *basename = g_path_get_basename (filename);

      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("Cannot tell the export format of “%s”; name the file .png, .pdf or .svg."),
                   basename);
      return FALSE;
    }
  return TRUE;
}

gboolean
waymark_page_size_from_string (const char      *str,
                               WaymarkPageSize *page)
{
  static const struct {
    const char      *name;
    WaymarkPageSize  page;
  } names[] = {
    { "fit", WAYMARK_PAGE_FIT },
    { "slide", WAYMARK_PAGE_SLIDE },
    { "a4", WAYMARK_PAGE_A4 },
    { "letter", WAYMARK_PAGE_LETTER },
  };

  g_return_val_if_fail (page != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (str, names[i].name) == 0)
      {
        *page = names[i].page;
        return TRUE;
      }
  return FALSE;
}

gboolean
waymark_export_to_file (WaymarkDocument            *document,
                        GFile                      *file,
                        WaymarkExportFormat         format,
                        const WaymarkExportOptions *options,
                        GCancellable               *cancellable,
                        GError                    **error)
{
  WaymarkExportOptions defaults;
  g_autoptr(WaymarkLayout) layout = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      waymark_export_options_init (&defaults);
      options = &defaults;
    }

  if (format == WAYMARK_EXPORT_PNG
      && !(options->scale >= PNG_MIN_SCALE && options->scale <= PNG_MAX_SCALE))
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION,
                   _("The PNG scale must be between 1 and 4."));
      return FALSE;
    }
  if (format == WAYMARK_EXPORT_PDF
      && (options->page < WAYMARK_PAGE_FIT || options->page > WAYMARK_PAGE_LETTER))
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION,
                   _("The page size must be fit, slide, A4 or Letter."));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (options->view != NULL && !WAYMARK_IS_VIEW (options->view))
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID_OPTION,
                   _("The view to export is not valid."));
      return FALSE;
    }

  layout = waymark_layout_new (document, NULL);
  /* A temporary layout: the view never changes the map itself. */
  if (options->view != NULL)
    waymark_layout_set_view (layout, options->view);
  /* Every card is drawn once, after every card was measured: keep all
   * their text rather than shaping it twice. */
  _waymark_layout_set_text_cache_size (layout, G_MAXUINT);

  switch (format)
    {
    case WAYMARK_EXPORT_PNG:
      bytes = render_png (layout, options, cancellable, error);
      break;
    case WAYMARK_EXPORT_PDF:
      bytes = render_pdf (layout, options, cancellable, error);
      break;
    case WAYMARK_EXPORT_SVG:
      bytes = render_svg (layout, options, error);
      break;
    default:
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("This export format is not supported."));
      return FALSE;
    }
  if (bytes == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!waymark_atomic_file_replace (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_FAILED,
                   _("Could not write the export to “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

WaymarkPagination *
waymark_pagination_new (WaymarkLayout *layout,
                        double         page_width,
                        double         page_height,
                        gboolean       split)
{
  double width, height, avail_w, avail_h, scale;
  GArray *pages = NULL;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (layout), NULL);
  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);

  width = waymark_layout_get_width (layout);
  height = waymark_layout_get_height (layout);
  /* A page smaller than its margins still gets a (tiny) drawing. */
  avail_w = MAX (page_width - 2 * PDF_PAGE_MARGIN, 1.0);
  avail_h = MAX (page_height - 2 * PDF_PAGE_MARGIN, 1.0);
  scale = MIN (avail_w / width, avail_h / height);

  if (split && scale < PDF_MIN_TEXT_PT / WAYMARK_SMALLEST_TEXT
      && _waymark_layout_get_n_stages (layout) > 0 && _waymark_layout_get_n_lanes (layout) > 0
      && !(count_shown_lanes (layout) <= PDF_FEW_LANES && scale >= PDF_MIN_FEW_SCALE))
    pages = split_pages (layout, avail_w, avail_h, &scale);

  return pagination_alloc (layout, page_width, page_height, scale, pages);
}

guint
waymark_pagination_get_n_pages (WaymarkPagination *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pages != NULL ? self->pages->len : 1;
}

void
waymark_pagination_draw_page (WaymarkPagination *self,
                              cairo_t           *cr,
                              guint              index)
{
  WaymarkRenderOptions render_options;
  const WaymarkPage *page;
  g_autofree char *label = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (index < waymark_pagination_get_n_pages (self));

  waymark_render_options_init (&render_options);
  render_options.show_notes = self->show_notes;

  if (self->pages == NULL)
    {
      double width = waymark_layout_get_width (self->layout);
      double height = waymark_layout_get_height (self->layout);

      /* One page, the map centred on it. */
      cairo_save (cr);
      cairo_translate (cr, (self->page_width - width * self->scale) / 2,
                       (self->page_height - height * self->scale) / 2);
      cairo_scale (cr, self->scale, self->scale);
      waymark_renderer_draw (self->layout, cr, NULL, &render_options);
      cairo_restore (cr);
      return;
    }

  page = &g_array_index (self->pages, WaymarkPage, index);
  if (page->last_stage - page->first_stage == 1)
    /* Translators: top right of each page of a split PDF: stage number, page
     * number and page count */
    label = g_strdup_printf (_("Stage %u · page %u of %u"), page->first_stage + 1,
                             index + 1, self->pages->len);
  else
    /* Translators: top right of each page of a split PDF: first and last stage
     * numbers on the page, page number and page count */
    label = g_strdup_printf (_("Stages %u–%u · page %u of %u"), page->first_stage + 1,
                             page->last_stage, index + 1, self->pages->len);

  /* Background over the whole page, margins included. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, PDF_PAGE_MARGIN, PDF_PAGE_MARGIN);
  cairo_scale (cr, self->scale, self->scale);
  _waymark_renderer_draw_page (self->layout, cr, page, label, &render_options);
  cairo_restore (cr);
}

void
waymark_pagination_free (WaymarkPagination *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->layout);
  g_clear_pointer (&self->pages, g_array_unref);
  g_free (self);
}
