/* waymark-format.h — reading and writing .cjmx files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_FORMAT_NAMESPACE "https://waymark.github.io/ns/cjmx"
/* The version Waymark writes; it reads version 1 too (and upgrades it). */
#define WAYMARK_FORMAT_VERSION   "2"
#define WAYMARK_FORMAT_MIME_TYPE "application/x-cjmx+xml"

/* Limits of the reader (see docs/file-format.md); beyond them reading fails
 * with WAYMARK_FORMAT_ERROR_LIMIT. They are far above any real map and
 * exist so that a hostile file cannot exhaust memory. */
#define WAYMARK_FORMAT_MAX_FILE_SIZE      (256u * 1024u * 1024u)  /* bytes */
#define WAYMARK_FORMAT_MAX_DEPTH          32u       /* element nesting */
#define WAYMARK_FORMAT_MAX_TEXT_LENGTH    (1024u * 1024u)  /* bytes per text or attribute */
#define WAYMARK_FORMAT_MAX_EXTENSION_SIZE (1024u * 1024u)  /* foreign content per element */
#define WAYMARK_FORMAT_MAX_ID_LENGTH      64u
#define WAYMARK_FORMAT_MAX_STAGES         1000u
#define WAYMARK_FORMAT_MAX_LANES          200u
#define WAYMARK_FORMAT_MAX_PERSONAS       200u
#define WAYMARK_FORMAT_MAX_CURVES         200u
#define WAYMARK_FORMAT_MAX_TOUCHPOINTS    200000u
#define WAYMARK_FORMAT_MAX_OWNERS         200u
#define WAYMARK_FORMAT_MAX_VIEWS          200u
/* Metrics, pain points, opportunities and links per card; metrics per stage. */
#define WAYMARK_FORMAT_MAX_ITEMS          200u

#define WAYMARK_FORMAT_ERROR (waymark_format_error_quark ())
GQuark waymark_format_error_quark (void);

typedef enum {
  WAYMARK_FORMAT_ERROR_EMPTY,        /* no content at all */
  WAYMARK_FORMAT_ERROR_ENCODING,     /* not UTF-8, NUL bytes, binary junk */
  WAYMARK_FORMAT_ERROR_SYNTAX,       /* not well-formed XML, truncated */
  WAYMARK_FORMAT_ERROR_FORBIDDEN,    /* DTD, entities, other unsafe constructs */
  WAYMARK_FORMAT_ERROR_ROOT,         /* root element is not journey-map */
  WAYMARK_FORMAT_ERROR_NAMESPACE,    /* journey-map outside our namespace */
  WAYMARK_FORMAT_ERROR_VERSION,      /* a version this Waymark cannot read, or a version 2
                                      * element or attribute in a version 1 file */
  WAYMARK_FORMAT_ERROR_STRUCTURE,    /* unknown/missing/misplaced element or attribute */
  WAYMARK_FORMAT_ERROR_DUPLICATE_ID,
  WAYMARK_FORMAT_ERROR_REFERENCE,    /* dangling reference */
  WAYMARK_FORMAT_ERROR_VALUE,        /* bad number, colour, date, enum value */
  WAYMARK_FORMAT_ERROR_LIMIT,        /* beyond the documented limits */
} WaymarkFormatError;

/* Parses a whole .cjmx file held in memory. On failure returns NULL, sets
 * error to a sentence a person understands (no location inside), and sets
 * *line and *column (1-based; 0 when unknown) to where the problem is. */
WaymarkDocument *waymark_format_read       (const char       *data,
                                            gsize             length,
                                            int              *line,
                                            int              *column,
                                            GError          **error);
WaymarkDocument *waymark_format_read_file  (GFile            *file,
                                            GCancellable     *cancellable,
                                            int              *line,
                                            int              *column,
                                            GError          **error);

/* What the reader repaired in a document it read (emotion values outside
 * the map's scale, clamped), one translated sentence each starting with
 * "Line L, column C: ". NULL-terminated; NULL when there was nothing. */
const char * const *waymark_format_get_warnings (WaymarkDocument *document);
/* The same warning without its position, which goes to *line and *column
 * (0 for a warning about no single place); NULL past the last one. */
const char      *waymark_format_get_warning (WaymarkDocument *document,
                                             guint            index,
                                             int             *line,
                                             int             *column);

/* The format version of the file a document was read from (1 or 2; a
 * version 1 map was upgraded on reading), 0 for a document not read. */
guint            waymark_format_get_read_version (WaymarkDocument *document);

/* Serialises deterministically: the same document gives the same bytes. */
GBytes          *waymark_format_write      (WaymarkDocument  *document);

/* Atomic save: writes beside the target, syncs, renames over it. On failure
 * the original file is untouched and no temporary file is left behind. Does
 * not touch the document's history; callers mark_saved on success. */
gboolean         waymark_format_save_file  (WaymarkDocument  *document,
                                            GFile            *file,
                                            GCancellable     *cancellable,
                                            GError          **error);

G_END_DECLS
