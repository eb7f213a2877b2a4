/* waymark-clipboard.c — touchpoints on the clipboard, between windows and maps
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "waymark-clipboard.h"

/* Fragments come from other processes: stay far below anything a person pastes. */
#define MAX_TOUCHPOINTS 10000

static const char *string_properties[] = { "title", "description", "channel", "owner", "color" };

/* ---- Writing ------------------------------------------------------------ */

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

static void
append_double (GString    *out,
               const char *name,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, " %s=\"%s\"", name, g_ascii_dtostr (buffer, sizeof buffer, value));
}

static void
append_list (GString            *out,
             const char         *element,
             const char * const *items)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (items[i], -1);

      g_string_append_printf (out, "    <%s>%s</%s>\n", element, escaped, element);
    }
}

GBytes *
waymark_clipboard_serialize (GPtrArray *touchpoints)
{
  GString *out;

  g_return_val_if_fail (touchpoints != NULL, NULL);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<waymark-touchpoints version=\"1\">\n");

  for (guint i = 0; i < touchpoints->len; i++)
    {
      WaymarkTouchpoint *tp = g_ptr_array_index (touchpoints, i);
      GPtrArray *metrics = waymark_touchpoint_get_metrics (tp);

      g_string_append (out, "  <touchpoint");
      for (guint p = 0; p < G_N_ELEMENTS (string_properties); p++)
        {
          g_autofree char *value = NULL;

          g_object_get (tp, string_properties[p], &value, NULL);
          append_attribute (out, string_properties[p], value);
        }
      if (waymark_touchpoint_has_emotion (tp))
        append_double (out, "emotion", waymark_touchpoint_get_emotion (tp));
      if (waymark_touchpoint_get_moment_of_truth (tp))
        append_attribute (out, "moment-of-truth", "true");
      g_string_append (out, ">\n");

      append_list (out, "pain-point", waymark_touchpoint_get_pain_points (tp));
      append_list (out, "opportunity", waymark_touchpoint_get_opportunities (tp));
      for (guint m = 0; m < metrics->len; m++)
        {
          const WaymarkMetric *metric = g_ptr_array_index (metrics, m);

          g_string_append (out, "    <metric");
          append_attribute (out, "name", waymark_metric_get_name (metric));
          append_double (out, "value", waymark_metric_get_value (metric));
          if (waymark_metric_has_target (metric))
            append_double (out, "target", waymark_metric_get_target (metric));
          append_attribute (out, "unit", waymark_metric_get_unit (metric));
          g_string_append_printf (out, " higher-is-better=\"%s\"/>\n",
                                  waymark_metric_higher_is_better (metric) ? "true" : "false");
        }
      g_string_append (out, "  </touchpoint>\n");
    }

  g_string_append (out, "</waymark-touchpoints>\n");
  return g_string_free_to_bytes (out);
}

char *
waymark_clipboard_to_text (GPtrArray *touchpoints)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (touchpoints != NULL, NULL);

  for (guint i = 0; i < touchpoints->len; i++)
    {
      WaymarkTouchpoint *tp = g_ptr_array_index (touchpoints, i);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, waymark_touchpoint_get_title (tp));
    }

  return g_string_free (out, FALSE);
}

/* ---- Reading ------------------------------------------------------------ */

typedef struct
{
  WaymarkDocument   *document;
  GPtrArray         *result;
  WaymarkTouchpoint *current;
  GPtrArray         *pain_points;
  GPtrArray         *opportunities;
  GPtrArray         *metrics;
  GString           *text;
  GHashTable        *taken;
  guint              next_id;
  gboolean           in_root;
  gboolean           in_item;
} ParseState;

/* Ids of the document and of the cards read so far: the cards are added to
 * the document only after the whole fragment is read. */
static char *
fresh_id (ParseState *state)
{
  for (;; state->next_id++)
    {
      char *id = g_strdup_printf ("tp-%u", state->next_id);

      if (waymark_document_lookup (state->document, id) == NULL &&
          !g_hash_table_contains (state->taken, id))
        {
          g_hash_table_add (state->taken, g_strdup (id));
          return id;
        }
      g_free (id);
    }
}

static gboolean
parse_double (const char  *str,
              double      *value,
              GError     **error)
{
  char *end = NULL;

  *value = g_ascii_strtod (str, &end);
  if (end == str || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   _("“%s” is not a number"), str);
      return FALSE;
    }
  return TRUE;
}

static void
finish_current (ParseState *state)
{
  if (state->current == NULL)
    return;

  g_ptr_array_add (state->pain_points, NULL);
  g_ptr_array_add (state->opportunities, NULL);
  if (state->pain_points->len > 1)
    g_object_set (state->current, "pain-points", state->pain_points->pdata, NULL);
  if (state->opportunities->len > 1)
    g_object_set (state->current, "opportunities", state->opportunities->pdata, NULL);
  if (state->metrics->len > 0)
    g_object_set (state->current, "metrics", state->metrics, NULL);

  g_ptr_array_set_size (state->pain_points, 0);
  g_ptr_array_set_size (state->opportunities, 0);
  g_ptr_array_set_size (state->metrics, 0);
  g_ptr_array_add (state->result, g_steal_pointer (&state->current));
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;

  g_string_truncate (state->text, 0);

  if (!state->in_root)
    {
      if (!g_str_equal (element_name, "waymark-touchpoints"))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                       _("The clipboard holds no touchpoints"));
          return;
        }
      state->in_root = TRUE;
      return;
    }

  if (g_str_equal (element_name, "touchpoint") && state->current == NULL)
    {
      if (state->result->len >= MAX_TOUCHPOINTS)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       _("Too many touchpoints on the clipboard"));
          return;
        }

      g_autofree char *id = fresh_id (state);

      state->current = waymark_touchpoint_new (id, "");

      for (guint i = 0; names[i] != NULL; i++)
        {
          gboolean known = FALSE;

          for (guint p = 0; p < G_N_ELEMENTS (string_properties); p++)
            if (g_str_equal (names[i], string_properties[p]))
              {
                if (g_str_equal (names[i], "color") && *values[i] != '\0' &&
                    (strlen (values[i]) != 7 || values[i][0] != '#'))
                  break;
                g_object_set (state->current, names[i], values[i], NULL);
                known = TRUE;
              }
          if (!known && g_str_equal (names[i], "emotion"))
            {
              double emotion;

              if (!parse_double (values[i], &emotion, error))
                return;
              /* Kept as copied: the target map may have another scale,
               * and drawing clamps to it. */
              g_object_set (state->current,
                            "has-emotion", TRUE,
                            "emotion", CLAMP (emotion, -WAYMARK_EMOTION_SCALE_LIMIT,
                                              WAYMARK_EMOTION_SCALE_LIMIT),
                            NULL);
            }
          else if (!known && g_str_equal (names[i], "moment-of-truth"))
            g_object_set (state->current, "moment-of-truth",
                          g_str_equal (values[i], "true"), NULL);
        }
      return;
    }

  if (state->current != NULL && g_str_equal (element_name, "metric"))
    {
      const char *name = "";
      const char *unit = "";
      double value = 0.0;
      double target = NAN;
      gboolean higher = TRUE;

      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (names[i], "name"))
            name = values[i];
          else if (g_str_equal (names[i], "unit"))
            unit = values[i];
          else if (g_str_equal (names[i], "value") && !parse_double (values[i], &value, error))
            return;
          else if (g_str_equal (names[i], "target") && !parse_double (values[i], &target, error))
            return;
          else if (g_str_equal (names[i], "higher-is-better"))
            higher = g_str_equal (values[i], "true");
        }
      g_ptr_array_add (state->metrics, waymark_metric_new (name, value, target, unit, higher));
      return;
    }

  state->in_item = state->current != NULL &&
                   (g_str_equal (element_name, "pain-point") ||
                    g_str_equal (element_name, "opportunity"));
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;

  if (state->in_item && g_str_equal (element_name, "pain-point"))
    g_ptr_array_add (state->pain_points, g_strdup (state->text->str));
  else if (state->in_item && g_str_equal (element_name, "opportunity"))
    g_ptr_array_add (state->opportunities, g_strdup (state->text->str));
  else if (g_str_equal (element_name, "touchpoint"))
    finish_current (state);

  state->in_item = FALSE;
}

static void
text (GMarkupParseContext  *context,
      const char           *str,
      gsize                 length,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;

  if (state->in_item)
    g_string_append_len (state->text, str, length);
}

static const GMarkupParser parser = {
  start_element,
  end_element,
  text,
  NULL,
  NULL,
};

GPtrArray *
waymark_clipboard_deserialize (WaymarkDocument  *document,
                               const char       *data,
                               gsize             length,
                               GError          **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pain_points = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) opportunities = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ParseState state = {
    .document = document,
    .result = result,
    .pain_points = pain_points,
    .opportunities = opportunities,
    .metrics = metrics,
    .taken = taken,
    .text = buffer,
    .next_id = g_list_model_get_n_items (waymark_document_get_touchpoints (document)) + 1,
  };
  gboolean ok;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  ok = g_markup_parse_context_parse (context, data, length, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_clear_object (&state.current);

  if (!ok)
    return NULL;

  return g_steal_pointer (&result);
}
