/* waymark-export.h — PNG, PDF and SVG export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT between src/render (owner), the command line and src/ui.
 */
#pragma once

#include <gio/gio.h>

#include "waymark-document.h"

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

G_END_DECLS
