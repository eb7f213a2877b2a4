/* waymark-export.h — PNG, PDF and SVG export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT between src/render (owner), the command line and src/ui.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "waymark-document.h"
#include "waymark-layout.h"

G_BEGIN_DECLS

typedef enum {
  WAYMARK_EXPORT_PNG,
  WAYMARK_EXPORT_PDF,
  WAYMARK_EXPORT_SVG,
} WaymarkExportFormat;

typedef enum {
  WAYMARK_PAGE_FIT,
  WAYMARK_PAGE_SLIDE,    /* 16:9 */
  WAYMARK_PAGE_A4,       /* landscape */
  WAYMARK_PAGE_LETTER,   /* landscape */
} WaymarkPageSize;

typedef struct {
  double          scale;        /* PNG: 1.0–4.0 */
  gboolean        transparent;  /* PNG: no background */
  WaymarkPageSize page;         /* PDF */
  WaymarkView    *view;         /* draw as this view shows the map; NULL = as the map is */
  gboolean        insights_page;/* PDF: add a summary page of the insights (waymark-insights.h) */
  gboolean        show_notes;   /* draw the curve points' notes; default TRUE */
} WaymarkExportOptions;

#define WAYMARK_EXPORT_ERROR (waymark_export_error_quark ())
GQuark waymark_export_error_quark (void);

typedef enum {
  WAYMARK_EXPORT_ERROR_UNKNOWN_FORMAT,
  WAYMARK_EXPORT_ERROR_INVALID_OPTION,
  WAYMARK_EXPORT_ERROR_FAILED,
} WaymarkExportError;

void     waymark_export_options_init         (WaymarkExportOptions *options);
/* From the extension of a file name (".png", ".pdf", ".svg", any case). */
gboolean waymark_export_format_from_filename (const char           *filename,
                                              WaymarkExportFormat  *format,
                                              GError              **error);
gboolean waymark_page_size_from_string       (const char           *str,
                                              WaymarkPageSize      *page);

/* Renders to memory, then replaces file atomically: a failure never leaves a
 * half-written file behind. */
gboolean waymark_export_to_file              (WaymarkDocument            *document,
                                              GFile                      *file,
                                              WaymarkExportFormat         format,
                                              const WaymarkExportOptions *options,
                                              GCancellable               *cancellable,
                                              GError                    **error);

/* The PDF export's pages, for printing: page_width × page_height points, a
 * margin inside. split FALSE fits the map on one page; TRUE splits it into
 * pages of stages by lanes when one page would make its text smaller than
 * 7 pt, exactly as a PDF export to that page size does — except a map that
 * shows at most three lanes (a view of its curves, say) and fits one page
 * at 40 % or more: cut into pages, a curve loses its shape. Curve notes
 * are drawn. The layout (and its view) is referenced; it must not change
 * while the pages are drawn. */
typedef struct _WaymarkPagination WaymarkPagination;

WaymarkPagination *waymark_pagination_new         (WaymarkLayout     *layout,
                                                   double             page_width,
                                                   double             page_height,
                                                   gboolean           split);
guint              waymark_pagination_get_n_pages (WaymarkPagination *self);
/* Draws page index (from 0) with its background, cr in points with the
 * page's top left corner at the origin. */
void               waymark_pagination_draw_page   (WaymarkPagination *self,
                                                   cairo_t           *cr,
                                                   guint              index);
void               waymark_pagination_free        (WaymarkPagination *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkPagination, waymark_pagination_free)

G_END_DECLS
