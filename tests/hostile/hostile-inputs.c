/* hostile-inputs.c — damaged and malicious .cjmx inputs, made in memory
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-hostile"

#include "config.h"

#include <string.h>
#include <cairo.h>

#include "hostile-inputs.h"
#include "waymark-document-loader.h"
#include "waymark-format.h"

/* ---- Auxiliary ---------------------------------------------------------- */

static const char *
find_bytes (const char *haystack,
            gsize       haystack_len,
            const char *needle)
{
  gsize needle_len = strlen (needle);

  if (needle_len > haystack_len)
    return NULL;
  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    if (memcmp (haystack + i, needle, needle_len) == 0)
      return haystack + i;
  return NULL;
}

/* Splices text into base at offset, replacing remove bytes. */
static GBytes *
splice (GBytes     *base,
        gsize       offset,
        gsize       remove,
        const char *text,
        gsize       text_len)
{
  gsize len;
  const char *data = g_bytes_get_data (base, &len);
  GByteArray *out;

  g_assert_cmpuint (offset + remove, <=, len);
  out = g_byte_array_sized_new (len - remove + text_len);
  g_byte_array_append (out, (const guint8 *) data, offset);
  g_byte_array_append (out, (const guint8 *) text, text_len);
  g_byte_array_append (out, (const guint8 *) data + offset + remove, len - offset - remove);
  return g_byte_array_free_to_bytes (out);
}

/* Where a DOCTYPE goes: after the XML declaration. */
static gsize
prolog_end (GBytes *base)
{
  gsize len;
  const char *data = g_bytes_get_data (base, &len);
  const char *end;

  if (len < 5 || memcmp (data, "<?xml", 5) != 0)
    return 0;
  end = find_bytes (data, len, "?>");
  g_assert_nonnull (end);
  return end - data + 2;
}

/* Just after the root element's start tag. */
static gsize
root_content_start (GBytes *base)
{
  gsize len;
  const char *data = g_bytes_get_data (base, &len);
  const char *root = find_bytes (data, len, "<journey-map");
  const char *end;

  g_assert_nonnull (root);
  end = memchr (root, '>', len - (root - data));
  g_assert_nonnull (end);
  return end - data + 1;
}

/* Inside the root element's start tag, before its ">". */
static gsize
root_attributes_end (GBytes *base)
{
  return root_content_start (base) - 1;
}

static GBytes *
with_doctype (const char *doctype,
              const char *title)
{
  g_autoptr(GBytes) base = hostile_base_map (1);
  g_autoptr(GBytes) titled = hostile_replace (base, HOSTILE_MARK_TITLE, title, -1);
  g_autofree char *decl = g_strconcat ("\n", doctype, NULL);

  return splice (titled, prolog_end (titled), 0, decl, strlen (decl));
}

/* ---- Public API ------------------------------------------------------- */

GBytes *
hostile_base_map (guint n_stages)
{
  g_autoptr(WaymarkDocument) document = waymark_document_new ();
  g_autoptr(WaymarkLane) cards = waymark_lane_new ("lane-cards", "Touchpoints", WAYMARK_LANE_CARDS);
  g_autoptr(WaymarkLane) emotions = waymark_lane_new ("lane-emotions", "Emotions",
                                                      WAYMARK_LANE_EMOTION);
  g_autoptr(WaymarkTouchpoint) touchpoint = waymark_touchpoint_new ("tp-1", "Check in");
  g_autoptr(WaymarkPersona) persona = waymark_persona_new ("persona-1", "Business traveller");
  g_autoptr(WaymarkCurve) curve = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  WaymarkStage *first = NULL;

  g_assert_cmpuint (n_stages, >=, 1);

  metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  waymark_document_load_metadata (document, HOSTILE_MARK_TITLE, "A map for hostile tests",
                                  "Reliability");
  for (guint i = 0; i < n_stages; i++)
    {
      g_autofree char *id = g_strdup_printf ("stage-%u", i + 1);
      g_autofree char *name = g_strdup_printf ("Stage %u", i + 1);
      g_autoptr(WaymarkStage) stage = waymark_stage_new (id, i == 0 ? HOSTILE_MARK_STAGE : name);

      if (i == 0)
        {
          g_object_set (stage, "width", g_ascii_strtod (HOSTILE_MARK_WIDTH, NULL), NULL);
          first = stage;
        }
      g_assert_true (waymark_document_load_stage (document, stage));
    }
  g_assert_true (waymark_document_load_lane (document, cards));
  g_assert_true (waymark_document_load_lane (document, emotions));

  g_ptr_array_add (metrics, waymark_metric_new ("CSAT", g_ascii_strtod (HOSTILE_MARK_METRIC, NULL),
                                                5000.0, "points", TRUE));
  g_object_set (touchpoint,
                "channel", "web",
                "has-emotion", TRUE,
                "emotion", g_ascii_strtod (HOSTILE_MARK_EMOTION, NULL),
                "metrics", metrics,
                NULL);
  g_assert_true (waymark_document_load_touchpoint (document, touchpoint, first, cards));

  g_assert_true (waymark_document_load_persona (document, persona));
  curve = waymark_curve_new ("curve-1", persona, WAYMARK_CURVE_CURRENT);
  g_assert_true (waymark_document_load_curve (document, curve));
  waymark_document_load_curve_value (document, curve, first,
                                     g_ascii_strtod (HOSTILE_MARK_CURVE, NULL));

  return waymark_format_write (document);
}

GBytes *
hostile_replace (GBytes     *base,
                 const char *marker,
                 const char *replacement,
                 gssize      replacement_len)
{
  gsize len;
  const char *data = g_bytes_get_data (base, &len);
  const char *at = find_bytes (data, len, marker);

  if (at == NULL)
    g_error ("marker “%s” is not in the base map; did the writer change?", marker);
  if (replacement_len < 0)
    replacement_len = strlen (replacement);
  return splice (base, at - data, strlen (marker), replacement, replacement_len);
}

GBytes *
hostile_billion_laughs (guint levels)
{
  g_autoptr(GString) doctype = g_string_new ("<!DOCTYPE journey-map [\n"
                                             "  <!ENTITY lol0 \"lol\">\n");
  g_autofree char *title = g_strdup_printf ("&lol%u;", levels);

  for (guint i = 1; i <= levels; i++)
    {
      g_string_append_printf (doctype, "  <!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (doctype, "&lol%u;", i - 1);
      g_string_append (doctype, "\">\n");
    }
  g_string_append (doctype, "]>");

  return with_doctype (doctype->str, title);
}

GBytes *
hostile_quadratic_blowup (gsize entity_len,
                          guint refs)
{
  g_autoptr(GString) doctype = g_string_new ("<!DOCTYPE journey-map [\n  <!ENTITY a \"");
  g_autoptr(GString) title = g_string_new (NULL);

  for (gsize i = 0; i < entity_len; i++)
    g_string_append_c (doctype, 'a');
  g_string_append (doctype, "\">\n]>");
  for (guint i = 0; i < refs; i++)
    g_string_append (title, "&a;");

  return with_doctype (doctype->str, title->str);
}

GBytes *
hostile_external_entity (const char *uri)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE journey-map [\n"
                                              "  <!ENTITY xxe SYSTEM \"%s\">\n"
                                              "]>", uri);

  return with_doctype (doctype, "&xxe;");
}

GBytes *
hostile_parameter_entity (const char *uri)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE journey-map [\n"
                                              "  <!ENTITY %% pe SYSTEM \"%s\">\n"
                                              "  %%pe;\n"
                                              "]>", uri);

  return with_doctype (doctype, "Parameter entity");
}

GBytes *
hostile_external_dtd (const char *uri)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE journey-map SYSTEM \"%s\">", uri);

  return with_doctype (doctype, "External DTD");
}

GBytes *
hostile_deep_nesting (guint    depth,
                      gboolean foreign)
{
  g_autoptr(GBytes) base = hostile_base_map (1);
  const char *open = foreign ? "<x:deep>" : "<journey-map>";
  const char *close = foreign ? "</x:deep>" : "</journey-map>";
  gsize open_len = strlen (open);
  gsize close_len = strlen (close);
  g_autoptr(GString) nest = g_string_sized_new ((open_len + close_len) * depth + 64);

  if (foreign)
    g_string_append (nest, "<x:deep xmlns:x=\"urn:example:deep\">");
  else
    g_string_append (nest, open);
  for (guint i = 1; i < depth; i++)
    g_string_append_len (nest, open, open_len);
  for (guint i = 0; i < depth; i++)
    g_string_append_len (nest, close, close_len);

  return splice (base, root_content_start (base), 0, nest->str, nest->len);
}

GBytes *
hostile_huge_text (gsize size)
{
  g_autoptr(GBytes) base = hostile_base_map (1);
  g_autofree char *text = g_malloc (size);

  /* Words and spaces, as a pasted document would be, not one giant token. */
  for (gsize i = 0; i < size; i++)
    text[i] = (i % 8 == 7) ? ' ' : 'a' + (i % 26);
  return hostile_replace (base, HOSTILE_MARK_TITLE, text, size);
}

GBytes *
hostile_huge_attribute (gsize size)
{
  g_autoptr(GBytes) base = hostile_base_map (1);
  const char *head = " xmlns:big=\"urn:example:big\" big:value=\"";
  g_autoptr(GString) attr = g_string_sized_new (size + 64);

  g_string_append (attr, head);
  for (gsize i = 0; i < size; i++)
    g_string_append_c (attr, 'a' + (i % 26));
  g_string_append_c (attr, '"');

  return splice (base, root_attributes_end (base), 0, attr->str, attr->len);
}

GBytes *
hostile_title_bytes (const char *bytes,
                     gsize       len)
{
  g_autoptr(GBytes) base = hostile_base_map (1);

  return hostile_replace (base, HOSTILE_MARK_TITLE, bytes, len);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
hostile_png (void)
{
  GByteArray *png = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 16, 16);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_to_array, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

GBytes *
hostile_number (const char *marker,
                const char *value)
{
  g_autoptr(GBytes) base = hostile_base_map (1);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", marker);
  g_autofree char *quoted_value = g_strdup_printf ("\"%s\"", value);
  g_autofree char *text = g_strdup_printf (">%s<", marker);
  g_autofree char *text_value = g_strdup_printf (">%s<", value);
  gsize len;
  const char *data = g_bytes_get_data (base, &len);

  /* An attribute value or an element's text, whichever the writer uses. */
  if (find_bytes (data, len, quoted) != NULL)
    return hostile_replace (base, quoted, quoted_value, -1);
  return hostile_replace (base, text, text_value, -1);
}

GBytes *
hostile_many_stages (guint n_stages)
{
  return hostile_base_map (n_stages);
}
