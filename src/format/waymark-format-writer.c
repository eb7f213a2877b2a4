/* waymark-format-writer.c — writing .cjmx files deterministically
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "waymark-document.h"
#include "waymark-format.h"
#include "waymark-format-private.h"

/* Written by hand into one GString rather than with xmlTextWriter: the
 * layout (one element per line, attributes in a fixed order, numbers in
 * their shortest exact form) is what makes `git diff` of two maps
 * readable, and it is several times faster. */

typedef struct
{
  GString         *out;
  WaymarkDocument *document;
  /* WaymarkTouchpoint* → GPtrArray of the ids (owned by the cards) of the
   * <link> elements it carries; see assign_links(). */
  GHashTable      *links;
} Writer;

static void
indent (Writer *w,
        guint   depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

static void
open_tag (Writer     *w,
          guint       depth,
          const char *name)
{
  indent (w, depth);
  g_string_append_c (w->out, '<');
  g_string_append (w->out, name);
}

static void
attribute (Writer     *w,
           const char *name,
           const char *value)
{
  g_string_append_c (w->out, ' ');
  g_string_append (w->out, name);
  g_string_append (w->out, "=\"");
  _waymark_format_append_escaped (w->out, value, strlen (value), TRUE);
  g_string_append_c (w->out, '"');
}

/* Empty strings are the model's "not set"; leaving them out keeps the
 * file short. */
static void
optional_attribute (Writer     *w,
                    const char *name,
                    const char *value)
{
  if (value != NULL && value[0] != '\0')
    attribute (w, name, value);
}

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double:
 * 0.1 stays "0.1" instead of "0.10000000000000001". */
static void
format_double (char   *buf,
               gsize   size,
               double  value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };

  /* One spelling for zero, so -0 and 0 give the same bytes. */
  if (value == 0.0)
    value = 0.0;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, size, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        return;
    }
}

static void
number_attribute (Writer     *w,
                  const char *name,
                  double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Whole numbers (widths, most metrics) skip printf's float code. */
  /* The range test comes first: casting a double beyond gint64 is
   * undefined behaviour. */
  if (fabs (value) < 1e15 && value == (double) (gint64) value)
    g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (gint64) value);
  else
    format_double (buf, sizeof buf, value);

  g_string_append_c (w->out, ' ');
  g_string_append (w->out, name);
  g_string_append (w->out, "=\"");
  g_string_append (w->out, buf);
  g_string_append_c (w->out, '"');
}

static void
text_element (Writer     *w,
              guint       depth,
              const char *name,
              const char *text)
{
  open_tag (w, depth, name);
  if (text == NULL || text[0] == '\0')
    {
      g_string_append (w->out, "/>\n");
      return;
    }
  g_string_append_c (w->out, '>');
  _waymark_format_append_escaped (w->out, text, strlen (text), FALSE);
  g_string_append (w->out, "</");
  g_string_append (w->out, name);
  g_string_append (w->out, ">\n");
}

static void
optional_text_element (Writer     *w,
                       guint       depth,
                       const char *name,
                       const char *text)
{
  if (text != NULL && text[0] != '\0')
    text_element (w, depth, name, text);
}

/* Foreign content of one of our elements, from its extension data. */
typedef struct
{
  GPtrArray *attrs;
  GPtrArray *children;
} Extension;

static void
extension_init (Extension  *ext,
                const char *data)
{
  ext->attrs = NULL;
  ext->children = NULL;
  if (data != NULL)
    _waymark_extension_parse (data, &ext->attrs, &ext->children);
}

static void
extension_clear (Extension *ext)
{
  g_clear_pointer (&ext->attrs, g_ptr_array_unref);
  g_clear_pointer (&ext->children, g_ptr_array_unref);
}

static gboolean
extension_has_children (Extension *ext)
{
  return ext->children != NULL && ext->children->len > 0;
}

static void
extension_attributes (Writer    *w,
                      Extension *ext)
{
  _waymark_foreign_print_attrs (w->out, ext->attrs);
}

static void
extension_children (Writer    *w,
                    Extension *ext,
                    guint      depth)
{
  for (guint i = 0; ext->children != NULL && i < ext->children->len; i++)
    _waymark_foreign_print_element (w->out, g_ptr_array_index (ext->children, i), depth);
}

/* Ends the start tag; returns TRUE when the element stays open. */
static gboolean
end_start_tag (Writer   *w,
               gboolean  has_children)
{
  g_string_append (w->out, has_children ? ">\n" : "/>\n");
  return has_children;
}

static void
close_tag (Writer     *w,
           guint       depth,
           const char *name)
{
  indent (w, depth);
  g_string_append (w->out, "</");
  g_string_append (w->out, name);
  g_string_append (w->out, ">\n");
}

static gboolean
is_set (const char *s)
{
  return s != NULL && s[0] != '\0';
}

/* ---- Elements ---------------------------------------------------------- */

static void
write_emotion_scale (Writer *w)
{
  int min = waymark_document_get_emotion_min (w->document);
  int max = waymark_document_get_emotion_max (w->document);
  const char * const *levels = waymark_document_get_emotion_levels (w->document);
  gboolean named = FALSE;

  for (guint i = 0; levels != NULL && levels[i] != NULL; i++)
    named |= levels[i][0] != '\0';

  open_tag (w, 1, "emotion-scale");
  number_attribute (w, "min", min);
  number_attribute (w, "max", max);
  if (!end_start_tag (w, named))
    return;
  for (int v = min; v <= max && levels[v - min] != NULL; v++)
    {
      if (levels[v - min][0] == '\0')
        continue;
      open_tag (w, 2, "level");
      number_attribute (w, "value", v);
      attribute (w, "name", levels[v - min]);
      g_string_append (w->out, "/>\n");
    }
  close_tag (w, 1, "emotion-scale");
}

static void
write_owner (Writer       *w,
             WaymarkOwner *owner)
{
  Extension ext;

  extension_init (&ext, waymark_element_get_extension_data (WAYMARK_ELEMENT (owner)));
  open_tag (w, 1, "owner");
  attribute (w, "id", waymark_element_get_id (WAYMARK_ELEMENT (owner)));
  optional_attribute (w, "name", waymark_owner_get_name (owner));
  optional_attribute (w, "color", waymark_owner_get_color (owner));
  extension_attributes (w, &ext);
  if (end_start_tag (w, extension_has_children (&ext)))
    {
      extension_children (w, &ext, 2);
      close_tag (w, 1, "owner");
    }
  extension_clear (&ext);
}

/* Base64 on lines of 76 characters of their own, indented like children,
 * so that a picture never makes one huge line and diffs stay readable. */
static void
write_picture (Writer     *w,
               GBytes     *picture,
               const char *type)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (picture, &size);
  g_autofree char *encoded = g_base64_encode (data, size);
  gsize len = strlen (encoded);

  open_tag (w, 2, "picture");
  attribute (w, "type", type);
  g_string_append (w->out, ">\n");
  for (gsize i = 0; i < len; i += 76)
    {
      indent (w, 3);
      g_string_append_len (w->out, encoded + i, MIN (76, len - i));
      g_string_append_c (w->out, '\n');
    }
  close_tag (w, 2, "picture");
}

static void
write_persona (Writer         *w,
               WaymarkPersona *persona)
{
  Extension ext;
  const char *goals = waymark_persona_get_goals (persona);
  const char *frustrations = waymark_persona_get_frustrations (persona);
  const char *quote = waymark_persona_get_quote (persona);
  GBytes *picture = waymark_persona_get_picture (persona);
  /* Data that is neither PNG nor JPEG, or more than the reader takes,
   * would make the whole file unreadable. */
  const char *picture_type = picture != NULL && g_bytes_get_size (picture) > 0
                             && g_bytes_get_size (picture) <= WAYMARK_PERSONA_MAX_PICTURE_SIZE
                             ? waymark_persona_get_picture_type (persona) : NULL;

  extension_init (&ext, waymark_element_get_extension_data (WAYMARK_ELEMENT (persona)));
  open_tag (w, 1, "persona");
  attribute (w, "id", waymark_element_get_id (WAYMARK_ELEMENT (persona)));
  optional_attribute (w, "name", waymark_persona_get_name (persona));
  optional_attribute (w, "role", waymark_persona_get_role (persona));
  optional_attribute (w, "color", waymark_persona_get_color (persona));
  extension_attributes (w, &ext);
  if (end_start_tag (w, is_set (goals) || is_set (frustrations) || is_set (quote)
                        || picture_type != NULL || extension_has_children (&ext)))
    {
      optional_text_element (w, 2, "goals", goals);
      optional_text_element (w, 2, "frustrations", frustrations);
      optional_text_element (w, 2, "quote", quote);
      if (picture_type != NULL)
        write_picture (w, picture, picture_type);
      extension_children (w, &ext, 2);
      close_tag (w, 1, "persona");
    }
  extension_clear (&ext);
}

static void write_metric (Writer        *w,
                          WaymarkMetric *metric);

static void
write_stage (Writer       *w,
             WaymarkStage *stage)
{
  Extension ext;
  const char *description = waymark_stage_get_description (stage);
  GPtrArray *metrics = waymark_stage_get_metrics (stage);

  extension_init (&ext, waymark_element_get_extension_data (WAYMARK_ELEMENT (stage)));
  open_tag (w, 1, "stage");
  attribute (w, "id", waymark_element_get_id (WAYMARK_ELEMENT (stage)));
  optional_attribute (w, "name", waymark_stage_get_name (stage));
  number_attribute (w, "width", waymark_stage_get_width (stage));
  extension_attributes (w, &ext);
  if (end_start_tag (w, is_set (description) || (metrics != NULL && metrics->len > 0)
                        || extension_has_children (&ext)))
    {
      optional_text_element (w, 2, "description", description);
      for (guint i = 0; metrics != NULL && i < metrics->len; i++)
        write_metric (w, g_ptr_array_index (metrics, i));
      extension_children (w, &ext, 2);
      close_tag (w, 1, "stage");
    }
  extension_clear (&ext);
}

static void
write_lane (Writer      *w,
            WaymarkLane *lane)
{
  Extension ext;
  const char *description = waymark_lane_get_description (lane);

  extension_init (&ext, waymark_element_get_extension_data (WAYMARK_ELEMENT (lane)));
  open_tag (w, 1, "lane");
  attribute (w, "id", waymark_element_get_id (WAYMARK_ELEMENT (lane)));
  optional_attribute (w, "name", waymark_lane_get_name (lane));
  attribute (w, "kind", waymark_lane_kind_to_string (waymark_lane_get_kind (lane)));
  if (waymark_lane_get_hidden (lane))
    attribute (w, "hidden", "true");
  if (waymark_lane_get_collapsed (lane))
    attribute (w, "collapsed", "true");
  extension_attributes (w, &ext);
  if (end_start_tag (w, is_set (description) || extension_has_children (&ext)))
    {
      optional_text_element (w, 2, "description", description);
      extension_children (w, &ext, 2);
      close_tag (w, 1, "lane");
    }
  extension_clear (&ext);
}

static void
write_metric (Writer        *w,
              WaymarkMetric *metric)
{
  open_tag (w, 2, "metric");
  attribute (w, "name", waymark_metric_get_name (metric));
  number_attribute (w, "value", waymark_metric_get_value (metric));
  if (waymark_metric_has_target (metric))
    number_attribute (w, "target", waymark_metric_get_target (metric));
  optional_attribute (w, "unit", waymark_metric_get_unit (metric));
  attribute (w, "higher-is-better",
             waymark_metric_higher_is_better (metric) ? "true" : "false");
  g_string_append (w->out, "/>\n");
}

static void
add_link (Writer            *w,
          WaymarkTouchpoint *card,
          const char        *to)
{
  GPtrArray *links = g_hash_table_lookup (w->links, card);

  if (links == NULL)
    {
      links = g_ptr_array_new ();
      g_hash_table_insert (w->links, card, links);
    }
  g_ptr_array_add (links, (gpointer) to);
}

static guint
n_links (Writer            *w,
         WaymarkTouchpoint *card)
{
  GPtrArray *links = g_hash_table_lookup (w->links, card);

  return links != NULL ? links->len : 0;
}

/* Which card carries each link, before any card is written. Only links the
 * reader accepts: to another touchpoint of the map, once per pair, by the
 * first card in map order that holds it. A link has no direction, so one
 * that would take its card past the WAYMARK_FORMAT_MAX_ITEMS links the
 * reader allows per card goes on the other card: a card linked to hundreds
 * of others ("Booking system") must not make a file that no longer opens.
 * Reading the file back gives a map for which this changes nothing, so
 * saving it again gives the same bytes. */
static void
assign_links (Writer *w)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (w->document);
  guint n = g_list_model_get_n_items (touchpoints);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkTouchpoint) card = g_list_model_get_item (touchpoints, i);
      const char *id = waymark_element_get_id (WAYMARK_ELEMENT (card));
      const char * const *links = waymark_touchpoint_get_links (card);

      for (guint j = 0; links[j] != NULL; j++)
        {
          WaymarkElement *target = waymark_document_lookup (w->document, links[j]);
          char *pair;

          if (target == NULL || !WAYMARK_IS_TOUCHPOINT (target) || strcmp (links[j], id) == 0)
            continue;
          if (strcmp (id, links[j]) < 0)
            pair = g_strconcat (id, "\n", links[j], NULL);
          else
            pair = g_strconcat (links[j], "\n", id, NULL);
          if (!g_hash_table_add (pairs, pair))
            continue;

          if (n_links (w, card) >= WAYMARK_FORMAT_MAX_ITEMS
              && n_links (w, WAYMARK_TOUCHPOINT (target)) < WAYMARK_FORMAT_MAX_ITEMS)
            add_link (w, WAYMARK_TOUCHPOINT (target), id);
          else
            add_link (w, card, links[j]);
        }
    }
}

static void
write_touchpoint (Writer            *w,
                  WaymarkTouchpoint *touchpoint)
{
  Extension ext;
  const char *description = waymark_touchpoint_get_description (touchpoint);
  const char * const *pain_points = waymark_touchpoint_get_pain_points (touchpoint);
  const char * const *opportunities = waymark_touchpoint_get_opportunities (touchpoint);
  GPtrArray *metrics = waymark_touchpoint_get_metrics (touchpoint);
  GPtrArray *links = g_hash_table_lookup (w->links, touchpoint);
  gboolean has_children;

  extension_init (&ext, waymark_element_get_extension_data (WAYMARK_ELEMENT (touchpoint)));
  open_tag (w, 1, "touchpoint");
  attribute (w, "id", waymark_element_get_id (WAYMARK_ELEMENT (touchpoint)));
  attribute (w, "stage",
             waymark_element_get_id (WAYMARK_ELEMENT (waymark_touchpoint_get_stage (touchpoint))));
  attribute (w, "lane",
             waymark_element_get_id (WAYMARK_ELEMENT (waymark_touchpoint_get_lane (touchpoint))));
  optional_attribute (w, "title", waymark_touchpoint_get_title (touchpoint));
  optional_attribute (w, "channel", waymark_touchpoint_get_channel (touchpoint));
  optional_attribute (w, "owner", waymark_touchpoint_get_owner (touchpoint));
  /* The model keeps values outside a scale that was narrowed (for undo)
   * and draws them clamped; the file says what the map shows. */
  if (waymark_touchpoint_has_emotion (touchpoint))
    number_attribute (w, "emotion",
                      waymark_document_clamp_emotion (w->document,
                                                      waymark_touchpoint_get_emotion (touchpoint)));
  optional_attribute (w, "color", waymark_touchpoint_get_color (touchpoint));
  if (waymark_touchpoint_get_moment_of_truth (touchpoint))
    attribute (w, "moment-of-truth", "true");
  extension_attributes (w, &ext);

  has_children = is_set (description)
                 || (pain_points != NULL && pain_points[0] != NULL)
                 || (opportunities != NULL && opportunities[0] != NULL)
                 || (metrics != NULL && metrics->len > 0)
                 || links != NULL
                 || extension_has_children (&ext);
  if (end_start_tag (w, has_children))
    {
      optional_text_element (w, 2, "description", description);
      for (guint i = 0; pain_points != NULL && pain_points[i] != NULL; i++)
        text_element (w, 2, "pain-point", pain_points[i]);
      for (guint i = 0; opportunities != NULL && opportunities[i] != NULL; i++)
        text_element (w, 2, "opportunity", opportunities[i]);
      for (guint i = 0; metrics != NULL && i < metrics->len; i++)
        write_metric (w, g_ptr_array_index (metrics, i));
      for (guint i = 0; links != NULL && i < links->len; i++)
        {
          open_tag (w, 2, "link");
          attribute (w, "to", g_ptr_array_index (links, i));
          g_string_append (w->out, "/>\n");
        }
      extension_children (w, &ext, 2);
      close_tag (w, 1, "touchpoint");
    }
  extension_clear (&ext);
}

static void
write_curve (Writer       *w,
             WaymarkCurve *curve,
             GListModel   *stages)
{
  Extension ext;
  WaymarkPersona *persona = waymark_curve_get_persona (curve);
  guint n_stages = g_list_model_get_n_items (stages);

  extension_init (&ext, waymark_element_get_extension_data (WAYMARK_ELEMENT (curve)));
  open_tag (w, 1, "curve");
  attribute (w, "id", waymark_element_get_id (WAYMARK_ELEMENT (curve)));
  optional_attribute (w, "name", waymark_curve_get_name (curve));
  if (persona != NULL)
    attribute (w, "persona", waymark_element_get_id (WAYMARK_ELEMENT (persona)));
  attribute (w, "state", waymark_curve_state_to_string (waymark_curve_get_state (curve)));
  if (!waymark_curve_get_visible (curve))
    attribute (w, "visible", "false");
  extension_attributes (w, &ext);
  if (end_start_tag (w, waymark_curve_get_n_values (curve) > 0 || extension_has_children (&ext)))
    {
      /* Points follow the order of the stages, not of editing. */
      for (guint i = 0; i < n_stages; i++)
        {
          g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);
          double value;

          if (!waymark_curve_get_value (curve, stage, &value))
            continue;
          open_tag (w, 2, "point");
          attribute (w, "stage", waymark_element_get_id (WAYMARK_ELEMENT (stage)));
          number_attribute (w, "value", waymark_document_clamp_emotion (w->document, value));
          optional_attribute (w, "note", waymark_curve_get_note (curve, stage));
          g_string_append (w->out, "/>\n");
        }
      extension_children (w, &ext, 2);
      close_tag (w, 1, "curve");
    }
  extension_clear (&ext);
}

static void
write_view (Writer      *w,
            WaymarkView *view)
{
  Extension ext;
  GListModel *lanes = waymark_document_get_lanes (w->document);
  GListModel *curves = waymark_document_get_curves (w->document);
  g_autoptr(GPtrArray) shown_lanes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) shown_curves = g_ptr_array_new_with_free_func (g_object_unref);

  /* In the map's order, whatever order the view keeps them in, and only
   * those that exist: the reader refuses a reference to nothing. */
  for (guint i = 0, n = g_list_model_get_n_items (lanes); i < n; i++)
    {
      WaymarkLane *lane = g_list_model_get_item (lanes, i);

      if (waymark_view_shows_lane (view, lane))
        g_ptr_array_add (shown_lanes, lane);
      else
        g_object_unref (lane);
    }
  for (guint i = 0, n = g_list_model_get_n_items (curves); i < n; i++)
    {
      WaymarkCurve *curve = g_list_model_get_item (curves, i);

      if (waymark_view_shows_curve (view, curve))
        g_ptr_array_add (shown_curves, curve);
      else
        g_object_unref (curve);
    }

  extension_init (&ext, waymark_element_get_extension_data (WAYMARK_ELEMENT (view)));
  open_tag (w, 1, "view");
  attribute (w, "id", waymark_element_get_id (WAYMARK_ELEMENT (view)));
  optional_attribute (w, "name", waymark_view_get_name (view));
  if (waymark_view_get_color_by_owner (view))
    attribute (w, "color-by-owner", "true");
  extension_attributes (w, &ext);
  if (end_start_tag (w, shown_lanes->len > 0 || shown_curves->len > 0
                        || extension_has_children (&ext)))
    {
      for (guint i = 0; i < shown_lanes->len; i++)
        {
          open_tag (w, 2, "show");
          attribute (w, "lane", waymark_element_get_id (g_ptr_array_index (shown_lanes, i)));
          g_string_append (w->out, "/>\n");
        }
      for (guint i = 0; i < shown_curves->len; i++)
        {
          open_tag (w, 2, "show");
          attribute (w, "curve", waymark_element_get_id (g_ptr_array_index (shown_curves, i)));
          g_string_append (w->out, "/>\n");
        }
      extension_children (w, &ext, 2);
      close_tag (w, 1, "view");
    }
  extension_clear (&ext);
}

static void
write_date (Writer     *w,
            const char *name,
            GDateTime  *when)
{
  GString *text;
  int usec;
  GTimeSpan offset;

  if (when == NULL)
    return;

  /* By hand: g_date_time_format_iso8601() writes "+02" for whole-hour
   * offsets, which XML Schema's dateTime (and so the RELAX NG schema)
   * rejects. */
  text = g_string_new (NULL);
  g_string_append_printf (text, "%04d-%02d-%02dT%02d:%02d:%02d",
                          g_date_time_get_year (when), g_date_time_get_month (when),
                          g_date_time_get_day_of_month (when), g_date_time_get_hour (when),
                          g_date_time_get_minute (when), g_date_time_get_second (when));
  usec = g_date_time_get_microsecond (when);
  if (usec != 0)
    {
      g_string_append_printf (text, ".%06d", usec);
      while (text->str[text->len - 1] == '0')
        g_string_truncate (text, text->len - 1);
    }
  offset = g_date_time_get_utc_offset (when) / G_TIME_SPAN_MINUTE;
  if (offset == 0)
    g_string_append_c (text, 'Z');
  else
    g_string_append_printf (text, "%c%02d:%02d", offset < 0 ? '-' : '+',
                            (int) (ABS (offset) / 60), (int) (ABS (offset) % 60));
  attribute (w, name, text->str);
  g_string_free (text, TRUE);
}

#define WRITE_ALL(model, writer, type)                                  \
  G_STMT_START {                                                        \
    GListModel *list_ = (model);                                        \
    guint n_ = g_list_model_get_n_items (list_);                        \
    for (guint i_ = 0; i_ < n_; i_++)                                   \
      {                                                                 \
        g_autoptr(type) item_ = g_list_model_get_item (list_, i_);      \
        writer (&w, item_);                                             \
      }                                                                 \
  } G_STMT_END

GBytes *
waymark_format_write (WaymarkDocument *document)
{
  Writer w;
  Extension ext;
  GListModel *stages;
  GListModel *curves;
  guint n_touchpoints;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  stages = waymark_document_get_stages (document);
  curves = waymark_document_get_curves (document);
  n_touchpoints = g_list_model_get_n_items (waymark_document_get_touchpoints (document));

  /* Roughly what a card takes, so the string grows only once or twice. */
  w.out = g_string_sized_new (4096 + 400 * n_touchpoints);
  w.document = document;
  w.links = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  assign_links (&w);

  g_string_append (w.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  extension_init (&ext, waymark_document_get_extension_data (document));
  open_tag (&w, 0, "journey-map");
  attribute (&w, "xmlns", WAYMARK_FORMAT_NAMESPACE);
  attribute (&w, "version", WAYMARK_FORMAT_VERSION);
  write_date (&w, "created", waymark_document_get_created (document));
  write_date (&w, "modified", waymark_document_get_modified (document));
  if (waymark_document_get_color_by_owner (document))
    attribute (&w, "color-by-owner", "true");
  extension_attributes (&w, &ext);
  g_string_append (w.out, ">\n");

  optional_text_element (&w, 1, "title", waymark_document_get_title (document));
  optional_text_element (&w, 1, "author", waymark_document_get_author (document));
  optional_text_element (&w, 1, "description", waymark_document_get_description (document));

  write_emotion_scale (&w);
  WRITE_ALL (waymark_document_get_owners (document), write_owner, WaymarkOwner);
  WRITE_ALL (waymark_document_get_personas (document), write_persona, WaymarkPersona);
  WRITE_ALL (stages, write_stage, WaymarkStage);
  WRITE_ALL (waymark_document_get_lanes (document), write_lane, WaymarkLane);
  WRITE_ALL (waymark_document_get_touchpoints (document), write_touchpoint, WaymarkTouchpoint);

  for (guint i = 0, n = g_list_model_get_n_items (curves); i < n; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      write_curve (&w, curve, stages);
    }
  WRITE_ALL (waymark_document_get_views (document), write_view, WaymarkView);

  extension_children (&w, &ext, 1);
  extension_clear (&ext);
  g_string_append (w.out, "</journey-map>\n");
  g_hash_table_unref (w.links);

  return g_string_free_to_bytes (w.out);
}
