/* waymark-format-foreign.c — content from other namespaces, kept across load and save
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-format"

#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "waymark-format.h"
#include "waymark-format-private.h"

#define XML_NS_URI "http://www.w3.org/XML/1998/namespace"

/* The wrapper element of extension data; it lives only in memory. */
#define EXTENSION_ELEMENT "extension"

struct _WaymarkForeignNode
{
  /* Element when local != NULL, text node otherwise. */
  char      *prefix;
  char      *local;
  char      *uri;
  GPtrArray *ns_decls;     /* char* pairs: prefix ("" = default), uri */
  GPtrArray *attrs;        /* WaymarkForeignAttr* */
  GPtrArray *children;     /* WaymarkForeignNode* */
  GString   *text;
  /* Only elements between children, only whitespace between them: printed
   * one per line, the whitespace dropped. Anything else is printed exactly
   * as read, on one line, so no text content ever changes. */
  gboolean   pretty;
};

/* ---- Escaping ---------------------------------------------------------- */

/* Returns FALSE, having appended part of the text, when it is not UTF-8. */
static gboolean
append_escaped_checked (GString    *out,
                        const char *text,
                        gsize       len,
                        gboolean    attribute)
{
  const char *p = text;
  const char *end = text + len;
  const char *run = p;

  while (p < end)
    {
      guchar c = (guchar) *p;
      const char *rep = NULL;
      gsize skip = 1;

      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated (p, end - p);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            return FALSE;
          /* U+FFFE and U+FFFF are valid UTF-8 but not XML characters. */
          if (ch != 0xFFFE && ch != 0xFFFF)
            {
              p = g_utf8_next_char (p);
              continue;
            }
          rep = "";
          skip = 3;
        }
      else
        {
          switch (c)
            {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = attribute ? "&quot;" : NULL; break;
            case '\r': rep = "&#13;"; break;
            case '\n': rep = attribute ? "&#10;" : NULL; break;
            case '\t': rep = attribute ? "&#9;" : NULL; break;
            default:
              if (c < 0x20)
                rep = "";
              break;
            }
          if (rep == NULL)
            {
              p++;
              continue;
            }
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, rep);
      p += skip;
      run = p;
    }
  g_string_append_len (out, run, p - run);
  return TRUE;
}

void
_waymark_format_append_escaped (GString    *out,
                                const char *text,
                                gsize       len,
                                gboolean    attribute)
{
  gsize start = out->len;

  if (G_UNLIKELY (!append_escaped_checked (out, text, len, attribute)))
    {
      /* Only strings that never came from a file can get here. */
      g_autofree char *valid = g_utf8_make_valid (text, len);

      g_string_truncate (out, start);
      append_escaped_checked (out, valid, strlen (valid), attribute);
    }
}

char *
_waymark_format_decode_attr (const char *value,
                             const char *end)
{
  const char *amp = memchr (value, '&', end - value);
  GString *out;

  if (G_LIKELY (amp == NULL))
    return g_strndup (value, end - value);

  out = g_string_sized_new (end - value);
  while (amp != NULL)
    {
      g_string_append_len (out, value, amp - value);
      g_string_append_c (out, '&');
      value = amp + 1;
      if (end - value >= 4 && memcmp (value, "#38;", 4) == 0)
        value += 4;
      amp = memchr (value, '&', end - value);
    }
  g_string_append_len (out, value, end - value);
  return g_string_free (out, FALSE);
}

/* ---- Trees ------------------------------------------------------------- */

WaymarkForeignAttr *
_waymark_foreign_attr_new (const char *prefix,
                           const char *local,
                           const char *uri,
                           const char *value,
                           gsize       value_len)
{
  WaymarkForeignAttr *attr = g_new0 (WaymarkForeignAttr, 1);

  attr->prefix = g_strdup (prefix != NULL ? prefix : "");
  attr->local = g_strdup (local);
  attr->uri = g_strdup (uri != NULL ? uri : "");
  attr->value = _waymark_format_decode_attr (value, value + value_len);
  return attr;
}

void
_waymark_foreign_attr_free (WaymarkForeignAttr *attr)
{
  if (attr == NULL)
    return;
  g_free (attr->prefix);
  g_free (attr->local);
  g_free (attr->uri);
  g_free (attr->value);
  g_free (attr);
}

void
_waymark_foreign_node_free (WaymarkForeignNode *node)
{
  if (node == NULL)
    return;
  g_free (node->prefix);
  g_free (node->local);
  g_free (node->uri);
  g_clear_pointer (&node->ns_decls, g_ptr_array_unref);
  g_clear_pointer (&node->attrs, g_ptr_array_unref);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  if (node->text != NULL)
    g_string_free (node->text, TRUE);
  g_free (node);
}

void
_waymark_foreign_builder_init (WaymarkForeignBuilder *builder)
{
  builder->stack = g_ptr_array_new ();
  builder->root = NULL;
  builder->size = 0;
}

void
_waymark_foreign_builder_clear (WaymarkForeignBuilder *builder)
{
  /* The stack holds no references of its own: every open node is either
   * the root or a child of an open node. */
  g_clear_pointer (&builder->stack, g_ptr_array_unref);
  g_clear_pointer (&builder->root, _waymark_foreign_node_free);
  builder->size = 0;
}

void
_waymark_foreign_builder_start (WaymarkForeignBuilder  *builder,
                                const char             *local,
                                const char             *prefix,
                                const char             *uri,
                                int                     nb_namespaces,
                                const char            **namespaces,
                                int                     nb_attributes,
                                const char            **attributes)
{
  WaymarkForeignNode *node = g_new0 (WaymarkForeignNode, 1);

  node->prefix = g_strdup (prefix);
  node->local = g_strdup (local);
  node->uri = g_strdup (uri);
  builder->size += strlen (local) + 3;

  if (nb_namespaces > 0)
    {
      node->ns_decls = g_ptr_array_new_with_free_func (g_free);
      for (int i = 0; i < nb_namespaces; i++)
        {
          const char *p = namespaces[2 * i];
          const char *u = namespaces[2 * i + 1];

          g_ptr_array_add (node->ns_decls, g_strdup (p != NULL ? p : ""));
          g_ptr_array_add (node->ns_decls, g_strdup (u != NULL ? u : ""));
          builder->size += (u != NULL ? strlen (u) : 0) + 10;
        }
    }

  if (nb_attributes > 0)
    {
      node->attrs = g_ptr_array_new_with_free_func ((GDestroyNotify) _waymark_foreign_attr_free);
      for (int i = 0; i < nb_attributes; i++)
        {
          const char **a = &attributes[5 * i];
          WaymarkForeignAttr *attr = _waymark_foreign_attr_new (a[1], a[0], a[2], a[3],
                                                                a[4] - a[3]);

          builder->size += (a[4] - a[3]) + strlen (a[0]) + 4;
          g_ptr_array_add (node->attrs, attr);
        }
    }

  if (builder->stack->len == 0)
    {
      g_clear_pointer (&builder->root, _waymark_foreign_node_free);
      builder->root = node;
    }
  else
    {
      WaymarkForeignNode *parent = g_ptr_array_index (builder->stack, builder->stack->len - 1);

      if (parent->children == NULL)
        parent->children =
          g_ptr_array_new_with_free_func ((GDestroyNotify) _waymark_foreign_node_free);
      g_ptr_array_add (parent->children, node);
    }
  g_ptr_array_add (builder->stack, node);
}

void
_waymark_foreign_builder_text (WaymarkForeignBuilder *builder,
                               const char            *text,
                               gsize                  len)
{
  WaymarkForeignNode *parent;
  WaymarkForeignNode *last = NULL;

  if (builder->stack->len == 0 || len == 0)
    return;

  parent = g_ptr_array_index (builder->stack, builder->stack->len - 1);
  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) _waymark_foreign_node_free);
  else if (parent->children->len > 0)
    last = g_ptr_array_index (parent->children, parent->children->len - 1);

  /* libxml2 reports one text node in several pieces. */
  if (last == NULL || last->local != NULL)
    {
      last = g_new0 (WaymarkForeignNode, 1);
      last->text = g_string_new (NULL);
      g_ptr_array_add (parent->children, last);
    }
  g_string_append_len (last->text, text, len);
  builder->size += len;
}

static gboolean
is_blank (const GString *text)
{
  for (gsize i = 0; i < text->len; i++)
    if (!strchr (" \t\r\n", text->str[i]))
      return FALSE;
  return TRUE;
}

WaymarkForeignNode *
_waymark_foreign_builder_end (WaymarkForeignBuilder *builder)
{
  WaymarkForeignNode *node;
  gboolean has_elements = FALSE;
  gboolean only_blank_text = TRUE;

  g_return_val_if_fail (builder->stack->len > 0, NULL);

  node = g_ptr_array_steal_index (builder->stack, builder->stack->len - 1);

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      WaymarkForeignNode *child = g_ptr_array_index (node->children, i);

      if (child->local != NULL)
        has_elements = TRUE;
      else if (!is_blank (child->text))
        only_blank_text = FALSE;
    }

  if (has_elements && only_blank_text)
    {
      node->pretty = TRUE;
      for (guint i = node->children->len; i > 0; i--)
        {
          WaymarkForeignNode *child = g_ptr_array_index (node->children, i - 1);

          if (child->local == NULL)
            g_ptr_array_remove_index (node->children, i - 1);
        }
    }

  if (builder->stack->len == 0)
    return g_steal_pointer (&builder->root);
  return NULL;
}

/* ---- Printing ---------------------------------------------------------- */

/* A scope is a stack of (prefix, uri) pairs; "" is the default namespace
 * or no namespace. Printing starts from the same scope wherever the
 * content goes (the default namespace is ours, nothing else is bound), so
 * the result does not depend on what surrounds it. */
static GPtrArray *
scope_new (void)
{
  GPtrArray *scope = g_ptr_array_new ();

  g_ptr_array_add (scope, (gpointer) "");
  g_ptr_array_add (scope, (gpointer) WAYMARK_FORMAT_NAMESPACE);
  return scope;
}

static const char *
scope_lookup (GPtrArray  *scope,
              const char *prefix)
{
  for (guint i = scope->len; i >= 2; i -= 2)
    if (strcmp (g_ptr_array_index (scope, i - 2), prefix) == 0)
      return g_ptr_array_index (scope, i - 1);
  return NULL;
}

static gboolean
scope_declared_since (GPtrArray  *scope,
                      guint       mark,
                      const char *prefix)
{
  for (guint i = mark; i + 1 < scope->len; i += 2)
    if (strcmp (g_ptr_array_index (scope, i), prefix) == 0)
      return TRUE;
  return FALSE;
}

/* Declares prefix → uri unless that is already in scope. */
static void
declare (GString    *out,
         GPtrArray  *scope,
         guint       mark,
         const char *prefix,
         const char *uri)
{
  if (strcmp (prefix, "xml") == 0 || strcmp (prefix, "xmlns") == 0)
    return;
  if (g_strcmp0 (scope_lookup (scope, prefix), uri) == 0)
    return;
  /* Well-formed input cannot bind one prefix twice on an element. */
  if (scope_declared_since (scope, mark, prefix))
    return;
  if (prefix[0] == '\0' && uri[0] == '\0' && scope_lookup (scope, "") == NULL)
    return;

  g_ptr_array_add (scope, (gpointer) prefix);
  g_ptr_array_add (scope, (gpointer) uri);
  if (prefix[0] == '\0')
    g_string_append (out, " xmlns=\"");
  else
    g_string_append_printf (out, " xmlns:%s=\"", prefix);
  _waymark_format_append_escaped (out, uri, strlen (uri), TRUE);
  g_string_append_c (out, '"');
}

static void
append_qname (GString    *out,
              const char *prefix,
              const char *local)
{
  if (prefix != NULL && prefix[0] != '\0')
    {
      g_string_append (out, prefix);
      g_string_append_c (out, ':');
    }
  g_string_append (out, local);
}

static void
print_attrs (GString   *out,
             GPtrArray *attrs)
{
  for (guint i = 0; attrs != NULL && i < attrs->len; i++)
    {
      WaymarkForeignAttr *attr = g_ptr_array_index (attrs, i);

      g_string_append_c (out, ' ');
      append_qname (out, attr->prefix, attr->local);
      g_string_append (out, "=\"");
      _waymark_format_append_escaped (out, attr->value, strlen (attr->value), TRUE);
      g_string_append_c (out, '"');
    }
}

static void
append_indent (GString *out,
               guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* depth < 0: inline, without any added whitespace. */
static void
print_node (GString            *out,
            WaymarkForeignNode *node,
            GPtrArray          *scope,
            int                 depth)
{
  guint mark = scope->len;

  if (node->local == NULL)
    {
      _waymark_format_append_escaped (out, node->text->str, node->text->len, FALSE);
      return;
    }

  if (depth >= 0)
    append_indent (out, depth);
  g_string_append_c (out, '<');
  append_qname (out, node->prefix, node->local);

  for (guint i = 0; node->ns_decls != NULL && i + 1 < node->ns_decls->len; i += 2)
    declare (out, scope, mark,
             g_ptr_array_index (node->ns_decls, i),
             g_ptr_array_index (node->ns_decls, i + 1));
  declare (out, scope, mark,
           node->prefix != NULL ? node->prefix : "",
           node->uri != NULL ? node->uri : "");
  for (guint i = 0; node->attrs != NULL && i < node->attrs->len; i++)
    {
      WaymarkForeignAttr *attr = g_ptr_array_index (node->attrs, i);

      if (attr->uri[0] != '\0')
        declare (out, scope, mark, attr->prefix, attr->uri);
    }
  print_attrs (out, node->attrs);

  if (node->children == NULL || node->children->len == 0)
    {
      g_string_append (out, "/>");
    }
  else if (node->pretty && depth >= 0)
    {
      g_string_append (out, ">\n");
      for (guint i = 0; i < node->children->len; i++)
        print_node (out, g_ptr_array_index (node->children, i), scope, depth + 1);
      append_indent (out, depth);
      g_string_append (out, "</");
      append_qname (out, node->prefix, node->local);
      g_string_append_c (out, '>');
    }
  else
    {
      g_string_append_c (out, '>');
      for (guint i = 0; i < node->children->len; i++)
        print_node (out, g_ptr_array_index (node->children, i), scope, -1);
      g_string_append (out, "</");
      append_qname (out, node->prefix, node->local);
      g_string_append_c (out, '>');
    }
  if (depth >= 0)
    g_string_append_c (out, '\n');

  g_ptr_array_set_size (scope, mark);
}

void
_waymark_foreign_print_attrs (GString   *out,
                              GPtrArray *attrs)
{
  g_autoptr(GPtrArray) scope = NULL;

  if (attrs == NULL || attrs->len == 0)
    return;

  scope = scope_new ();
  for (guint i = 0; i < attrs->len; i++)
    {
      WaymarkForeignAttr *attr = g_ptr_array_index (attrs, i);

      declare (out, scope, scope->len, attr->prefix, attr->uri);
    }
  print_attrs (out, attrs);
}

void
_waymark_foreign_print_element (GString            *out,
                                WaymarkForeignNode *node,
                                guint               depth)
{
  g_autoptr(GPtrArray) scope = scope_new ();

  print_node (out, node, scope, depth);
}

char *
_waymark_extension_build (GPtrArray *attrs,
                          GPtrArray *children)
{
  GString *out;

  if ((attrs == NULL || attrs->len == 0) && (children == NULL || children->len == 0))
    return NULL;

  out = g_string_new ("<" EXTENSION_ELEMENT " xmlns=\"" WAYMARK_FORMAT_NAMESPACE "\"");
  _waymark_foreign_print_attrs (out, attrs);
  if (children == NULL || children->len == 0)
    {
      g_string_append (out, "/>");
    }
  else
    {
      g_string_append (out, ">\n");
      for (guint i = 0; i < children->len; i++)
        _waymark_foreign_print_element (out, g_ptr_array_index (children, i), 1);
      g_string_append (out, "</" EXTENSION_ELEMENT ">");
    }
  return g_string_free (out, FALSE);
}

/* ---- Parsing extension data -------------------------------------------- */

typedef struct
{
  xmlParserCtxtPtr       ctxt;
  guint                  depth;
  guint                  skip_depth;   /* inside content we do not keep */
  gboolean               failed;
  WaymarkForeignBuilder  builder;
  GPtrArray             *attrs;
  GPtrArray             *children;
} ExtensionParser;

static gboolean
is_foreign_uri (const char *uri)
{
  return uri != NULL && strcmp (uri, WAYMARK_FORMAT_NAMESPACE) != 0;
}

static void
ext_fail (ExtensionParser *p)
{
  if (!p->failed)
    {
      p->failed = TRUE;
      xmlStopParser (p->ctxt);
    }
}

static void
ext_start (void           *user_data,
           const xmlChar  *local,
           const xmlChar  *prefix,
           const xmlChar  *uri,
           int             nb_namespaces,
           const xmlChar **namespaces,
           int             nb_attributes,
           int             nb_defaulted,
           const xmlChar **attributes)
{
  ExtensionParser *p = user_data;

  p->depth++;
  if (p->failed || p->skip_depth > 0)
    return;

  if (p->depth == 1)
    {
      if (g_strcmp0 ((const char *) uri, WAYMARK_FORMAT_NAMESPACE) != 0
          || strcmp ((const char *) local, EXTENSION_ELEMENT) != 0)
        {
          ext_fail (p);
          return;
        }
      for (int i = 0; i < nb_attributes; i++)
        {
          const char **a = (const char **) &attributes[5 * i];

          if (is_foreign_uri (a[2]))
            g_ptr_array_add (p->attrs, _waymark_foreign_attr_new (a[1], a[0], a[2], a[3],
                                                                  a[4] - a[3]));
        }
      return;
    }

  if (p->builder.stack->len > 0 || (p->depth == 2 && is_foreign_uri ((const char *) uri)))
    {
      if (p->depth > WAYMARK_FORMAT_MAX_DEPTH)
        {
          ext_fail (p);
          return;
        }
      _waymark_foreign_builder_start (&p->builder,
                                      (const char *) local, (const char *) prefix,
                                      (const char *) uri,
                                      nb_namespaces, (const char **) namespaces,
                                      nb_attributes, (const char **) attributes);
      return;
    }

  p->skip_depth = p->depth;
}

static void
ext_end (void          *user_data,
         const xmlChar *local,
         const xmlChar *prefix,
         const xmlChar *uri)
{
  ExtensionParser *p = user_data;

  if (!p->failed)
    {
      if (p->skip_depth > 0)
        {
          if (p->skip_depth == p->depth)
            p->skip_depth = 0;
        }
      else if (p->builder.stack->len > 0)
        {
          WaymarkForeignNode *done = _waymark_foreign_builder_end (&p->builder);

          if (done != NULL)
            g_ptr_array_add (p->children, done);
        }
    }
  p->depth--;
}

static void
ext_text (void          *user_data,
          const xmlChar *text,
          int            len)
{
  ExtensionParser *p = user_data;

  if (!p->failed && p->skip_depth == 0 && p->builder.stack->len > 0)
    _waymark_foreign_builder_text (&p->builder, (const char *) text, len);
}

static void
ext_doctype (void          *user_data,
             const xmlChar *name,
             const xmlChar *external_id,
             const xmlChar *system_id)
{
  ext_fail (user_data);
}

static void
ext_error (void        *user_data,
           xmlErrorPtr  error)
{
  ExtensionParser *p = user_data;

  if (error->level >= XML_ERR_ERROR)
    ext_fail (p);
}

void
_waymark_extension_parse (const char  *data,
                          GPtrArray  **attrs,
                          GPtrArray  **children)
{
  xmlSAXHandler sax;
  xmlSAXHandlerPtr old_sax;
  ExtensionParser p = { 0 };
  gsize len;

  *attrs = g_ptr_array_new_with_free_func ((GDestroyNotify) _waymark_foreign_attr_free);
  *children = g_ptr_array_new_with_free_func ((GDestroyNotify) _waymark_foreign_node_free);

  if (data == NULL || data[0] == '\0')
    return;
  len = strlen (data);
  if (len > WAYMARK_FORMAT_MAX_EXTENSION_SIZE || !g_utf8_validate_len (data, len, NULL))
    return;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = ext_start;
  sax.endElementNs = ext_end;
  sax.characters = ext_text;
  sax.ignorableWhitespace = ext_text;
  sax.cdataBlock = ext_text;
  sax.internalSubset = ext_doctype;
  sax.serror = ext_error;

  p.ctxt = xmlCreateMemoryParserCtxt (data, (int) len);
  if (p.ctxt == NULL)
    return;
  xmlCtxtUseOptions (p.ctxt, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
  old_sax = p.ctxt->sax;
  p.ctxt->sax = &sax;
  p.ctxt->userData = &p;
  p.attrs = *attrs;
  p.children = *children;
  _waymark_foreign_builder_init (&p.builder);

  if (xmlParseDocument (p.ctxt) != 0 || !p.ctxt->wellFormed || !p.ctxt->nsWellFormed)
    p.failed = TRUE;

  p.ctxt->sax = old_sax;
  xmlFreeParserCtxt (p.ctxt);
  _waymark_foreign_builder_clear (&p.builder);

  if (p.failed)
    {
      g_ptr_array_set_size (*attrs, 0);
      g_ptr_array_set_size (*children, 0);
    }
}
