/* waymark-csv-dialog.h — importing touchpoints from a spreadsheet, exporting to one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "waymark-csv.h"
#include "waymark-document.h"

G_BEGIN_DECLS

/* Asks for a CSV file, then shows the import dialog for it. Problems are
 * reported in dialogs; the outcome in a toast when parent is a
 * WaymarkWindow, in a message otherwise. */
void       waymark_csv_import_dialog_present (GtkWindow       *parent,
                                              WaymarkDocument *document);
/* Asks for a file name ("<map title>.csv") and what to export (touchpoints
 * or metrics, a choice in the file chooser), then writes it atomically. */
void       waymark_csv_export_present        (GtkWindow       *parent,
                                              WaymarkDocument *document);

#define WAYMARK_TYPE_CSV_IMPORT_DIALOG (waymark_csv_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkCsvImportDialog, waymark_csv_import_dialog, WAYMARK, CSV_IMPORT_DIALOG,
                      AdwWindow)

/* The dialog for a file already read; file_name is shown. Action
 * "csv.import" imports and closes it. */
GtkWidget       *waymark_csv_import_dialog_new         (GtkWindow              *parent,
                                                        WaymarkDocument        *document,
                                                        GBytes                 *contents,
                                                        const char             *file_name);
/* The field column is mapped to (as the dropdowns show it), IGNORE beyond
 * the last column. */
WaymarkCsvField  waymark_csv_import_dialog_get_field   (WaymarkCsvImportDialog *self,
                                                        guint                   column);
/* Chooses in the column's dropdown, as a person would. */
void             waymark_csv_import_dialog_set_field   (WaymarkCsvImportDialog *self,
                                                        guint                   column,
                                                        WaymarkCsvField         field);
/* The line under the preview, e.g. "Will create 24 touchpoints in 5 new
 * stages.", or what keeps the file from being imported. */
const char      *waymark_csv_import_dialog_get_summary (WaymarkCsvImportDialog *self);

G_END_DECLS
