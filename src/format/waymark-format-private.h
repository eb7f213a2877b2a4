/* waymark-format-private.h — helpers shared by the .cjmx reader and writer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Content from other XML namespaces (see "Foreign content" in
 * docs/file-format.md). The reader captures it as a small tree, the model
 * keeps it as an opaque string (the "extension data") and the writer turns
 * that string back into a tree before printing it. Both directions print
 * with the same code, so load → save is a fixed point. */

typedef struct
{
  char *prefix;       /* never NULL: namespaced attributes always have one */
  char *local;
  char *uri;          /* never NULL */
  char *value;
} WaymarkForeignAttr;

typedef struct _WaymarkForeignNode WaymarkForeignNode;

void                _waymark_foreign_attr_free     (WaymarkForeignAttr  *attr);
WaymarkForeignAttr *_waymark_foreign_attr_new      (const char          *prefix,
                                                    const char          *local,
                                                    const char          *uri,
                                                    const char          *value,
                                                    gsize                value_len);
void                _waymark_foreign_node_free     (WaymarkForeignNode  *node);

/* Builds trees from SAX2 events; one builder captures one subtree. */
typedef struct
{
  GPtrArray          *stack;    /* open WaymarkForeignNode*, outermost first */
  WaymarkForeignNode *root;
  gsize               size;     /* bytes captured so far, for the limits */
} WaymarkForeignBuilder;

void                _waymark_foreign_builder_init  (WaymarkForeignBuilder *builder);
void                _waymark_foreign_builder_clear (WaymarkForeignBuilder *builder);
/* Arguments as libxml2's startElementNsSAX2Func passes them. */
void                _waymark_foreign_builder_start (WaymarkForeignBuilder *builder,
                                                    const char            *local,
                                                    const char            *prefix,
                                                    const char            *uri,
                                                    int                    nb_namespaces,
                                                    const char           **namespaces,
                                                    int                    nb_attributes,
                                                    const char           **attributes);
void                _waymark_foreign_builder_text  (WaymarkForeignBuilder *builder,
                                                    const char            *text,
                                                    gsize                  len);
/* Returns the finished tree when the outermost element ends, else NULL. */
WaymarkForeignNode *_waymark_foreign_builder_end   (WaymarkForeignBuilder *builder);

/* Extension data: attrs (WaymarkForeignAttr*) and children
 * (WaymarkForeignNode*) of one of our elements, either may be NULL. Returns
 * NULL when both are empty. */
char               *_waymark_extension_build       (GPtrArray           *attrs,
                                                    GPtrArray           *children);
/* Parses extension data back. Unusable data yields two empty arrays: it
 * came from outside the format layer and is dropped rather than written
 * out as broken XML. */
void                _waymark_extension_parse       (const char          *data,
                                                    GPtrArray          **attrs,
                                                    GPtrArray          **children);

/* Namespace declarations plus the attributes, each preceded by a space. */
void                _waymark_foreign_print_attrs   (GString             *out,
                                                    GPtrArray           *attrs);
/* One element per line at the given depth (2 spaces per level). */
void                _waymark_foreign_print_element (GString             *out,
                                                    WaymarkForeignNode  *node,
                                                    guint                depth);

/* Escapes for XML 1.0: markup characters, and in attribute values the
 * whitespace that attribute normalisation would otherwise eat. Characters
 * XML cannot carry (most C0 controls, U+FFFE, U+FFFF) are left out and
 * invalid UTF-8 is repaired, so the output is always well-formed. */
void                _waymark_format_append_escaped (GString             *out,
                                                    const char          *text,
                                                    gsize                len,
                                                    gboolean             attribute);

/* libxml2 hands attribute values to SAX2 with "&" still written as "&#38;"
 * when entity substitution is off (as it must be, for safety). */
char               *_waymark_format_decode_attr    (const char          *value,
                                                    const char          *end);

G_END_DECLS
