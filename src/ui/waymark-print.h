/* waymark-print.h — printing a journey map with the PDF export's pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"
#include "waymark-export.h"
#include "waymark-window.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_PRINT_OPERATION (waymark_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPrintOperation, waymark_print_operation,
                      WAYMARK, PRINT_OPERATION, GtkPrintOperation)

/* Prints a copy of document taken now, so that edits made while the job
 * runs do not reach the pages. page chooses the default paper as the PDF
 * export does (slide, landscape A4 or Letter) and, for WAYMARK_PAGE_FIT,
 * the whole map on one page; the other sizes split a large map into
 * readable pages of stages by lanes. The print dialog offers the same
 * choice in its "Map" tab. */
WaymarkPrintOperation *waymark_print_operation_new       (WaymarkDocument       *document,
                                                          WaymarkPageSize        page);
gboolean               waymark_print_operation_get_split (WaymarkPrintOperation *self);
void                   waymark_print_operation_set_split (WaymarkPrintOperation *self,
                                                          gboolean               split);

/* Shows the print dialog for the window's map, with the page size of the
 * last export and the printer settings of the window's last print job;
 * reports failures as a toast. */
void                   waymark_print_show_dialog         (WaymarkWindow         *window);

G_END_DECLS
