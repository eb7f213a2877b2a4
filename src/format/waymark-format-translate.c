/* waymark-format-translate.c — translating the human text of a bundled map
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "waymark-format-translate.h"
#include "waymark-document-loader.h"
#include "waymark-curve.h"
#include "waymark-lane.h"
#include "waymark-metric.h"
#include "waymark-persona.h"
#include "waymark-stage.h"
#include "waymark-touchpoint.h"

/* xgettext up to 0.21 extracts ITS text with XML escapes left in (attributes
 * also get &quot;), so a map text such as "Dream & research" is catalogued
 * as "Dream &amp; research". */
static char *
xml_escape (const char *text,
            gboolean    attribute)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"':
          if (attribute)
            g_string_append (out, "&quot;");
          else
            g_string_append_c (out, '"');
          break;
        default: g_string_append_c (out, *p); break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Translators copy the escapes of an escaped msgid into the msgstr; an
 * unknown entity or a bare '&' is kept as written. */
static char *
xml_unescape (const char *text)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
  };
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; )
    {
      gboolean matched = FALSE;

      if (*p == '&')
        {
          for (gsize i = 0; i < G_N_ELEMENTS (entities); i++)
            {
              gsize len = strlen (entities[i].entity);

              if (strncmp (p, entities[i].entity, len) == 0)
                {
                  g_string_append_c (out, entities[i].c);
                  p += len;
                  matched = TRUE;
                  break;
                }
            }
        }

      if (!matched)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* Returns the translation of @text, or NULL when there is none. */
static char *
translate (const char *domain,
           const char *text)
{
  const char *translated;

  if (text == NULL || *text == '\0')
    return NULL;

  translated = g_dgettext (domain, text);
  if (translated != text && strcmp (translated, text) != 0)
    return g_strdup (translated);

  if (strpbrk (text, "&<>\"") == NULL)
    return NULL;

  for (int attribute = 0; attribute <= 1; attribute++)
    {
      g_autofree char *escaped = xml_escape (text, attribute);

      translated = g_dgettext (domain, escaped);
      if (translated != escaped && strcmp (translated, escaped) != 0)
        return xml_unescape (translated);
    }

  return NULL;
}

static void
translate_property (gpointer    object,
                    const char *property,
                    const char *domain)
{
  g_autofree char *text = NULL;
  g_autofree char *translated = NULL;

  g_object_get (object, property, &text, NULL);
  translated = translate (domain, text);
  if (translated != NULL)
    g_object_set (object, property, translated, NULL);
}

static void
translate_strv_property (gpointer    object,
                         const char *property,
                         const char *domain)
{
  g_auto(GStrv) items = NULL;
  gboolean changed = FALSE;

  g_object_get (object, property, &items, NULL);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      char *translated = translate (domain, items[i]);

      if (translated != NULL)
        {
          g_free (items[i]);
          items[i] = translated;
          changed = TRUE;
        }
    }

  if (changed)
    g_object_set (object, property, items, NULL);
}

/* Of a touchpoint or a stage. */
static void
translate_metrics (gpointer    element,
                   GPtrArray  *metrics,
                   const char *domain)
{
  g_autoptr(GPtrArray) translated = NULL;
  gboolean changed = FALSE;

  if (metrics == NULL || metrics->len == 0)
    return;

  /* Metrics are immutable: build translated copies and swap the whole list. */
  translated = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  for (guint i = 0; i < metrics->len; i++)
    {
      WaymarkMetric *metric = g_ptr_array_index (metrics, i);
      g_autofree char *name = translate (domain, waymark_metric_get_name (metric));
      g_autofree char *unit = translate (domain, waymark_metric_get_unit (metric));

      if (name == NULL && unit == NULL)
        {
          g_ptr_array_add (translated, waymark_metric_ref (metric));
          continue;
        }

      changed = TRUE;
      g_ptr_array_add (translated,
                       waymark_metric_new (name != NULL ? name : waymark_metric_get_name (metric),
                                           waymark_metric_get_value (metric),
                                           waymark_metric_get_target (metric),
                                           unit != NULL ? unit : waymark_metric_get_unit (metric),
                                           waymark_metric_higher_is_better (metric)));
    }

  if (changed)
    g_object_set (element, "metrics", translated, NULL);
}

static void
translate_levels (WaymarkDocument *document,
                  const char      *domain)
{
  const char * const *levels = waymark_document_get_emotion_levels (document);
  g_auto(GStrv) translated = NULL;
  gboolean changed = FALSE;

  if (levels == NULL)
    return;
  translated = g_strdupv ((char **) levels);
  for (guint i = 0; translated[i] != NULL; i++)
    {
      char *text = translate (domain, translated[i]);

      if (text != NULL)
        {
          g_free (translated[i]);
          translated[i] = text;
          changed = TRUE;
        }
    }
  if (changed)
    waymark_document_load_emotion_scale (document,
                                         waymark_document_get_emotion_min (document),
                                         waymark_document_get_emotion_max (document),
                                         (const char * const *) translated);
}

/* A card belongs to the owner its "owner" names, so the cards of a listed
 * owner follow the owner's new name; other owner names stay as written. */
static void
translate_owners (WaymarkDocument *document,
                  const char      *domain)
{
  GListModel *owners = waymark_document_get_owners (document);
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (owners); i++)
    {
      g_autoptr(WaymarkOwner) owner = g_list_model_get_item (owners, i);
      const char *name = waymark_owner_get_name (owner);
      char *translated = translate (domain, name);

      if (translated == NULL)
        continue;
      g_hash_table_insert (renamed, g_strdup (name), translated);
      g_object_set (owner, "name", translated, NULL);
    }
  if (g_hash_table_size (renamed) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);
      const char *name = g_hash_table_lookup (renamed, waymark_touchpoint_get_owner (touchpoint));

      if (name != NULL)
        g_object_set (touchpoint, "owner", name, NULL);
    }
}

static void
translate_notes (WaymarkDocument *document,
                 const char      *domain)
{
  GListModel *curves = waymark_document_get_curves (document);
  GListModel *stages = waymark_document_get_stages (document);

  for (guint c = 0; c < g_list_model_get_n_items (curves); c++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, c);

      for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
        {
          g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, s);
          g_autofree char *note = translate (domain, waymark_curve_get_note (curve, stage));

          if (note != NULL)
            waymark_document_load_curve_note (document, curve, stage, note);
        }
    }
}

static void
translate_list (GListModel         *list,
                const char * const *properties,
                const char          *domain)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      for (guint p = 0; properties[p] != NULL; p++)
        translate_property (item, properties[p], domain);
    }
}

void
waymark_format_translate_document (WaymarkDocument *document,
                                   const char      *domain)
{
  static const char * const stage_properties[] = { "name", "description", NULL };
  static const char * const lane_properties[] = { "name", "description", NULL };
  static const char * const persona_properties[] = {
    "name", "role", "goals", "frustrations", "quote", NULL
  };
  static const char * const curve_properties[] = { "name", NULL };
  static const char * const view_properties[] = { "name", NULL };
  /* Channel is shown, but filters and grouping match its exact value, so a
   * bundled map keeps it as users type it. Owners follow the owners list,
   * see translate_owners(). */
  static const char * const touchpoint_properties[] = { "title", "description", NULL };
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *author = NULL;
  GListModel *touchpoints;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));
  g_return_if_fail (domain != NULL);
  /* Setting properties directly bypasses the undo history, which is only
   * honest before the user has done anything with the document. */
  g_return_if_fail (!waymark_document_can_undo (document));

  title = translate (domain, waymark_document_get_title (document));
  description = translate (domain, waymark_document_get_description (document));
  author = translate (domain, waymark_document_get_author (document));
  if (title != NULL || description != NULL || author != NULL)
    waymark_document_load_metadata (document,
                                    title != NULL ? title : waymark_document_get_title (document),
                                    description != NULL
                                      ? description : waymark_document_get_description (document),
                                    author != NULL ? author : waymark_document_get_author (document));

  translate_list (waymark_document_get_stages (document), stage_properties, domain);
  translate_list (waymark_document_get_lanes (document), lane_properties, domain);
  translate_list (waymark_document_get_personas (document), persona_properties, domain);
  translate_list (waymark_document_get_curves (document), curve_properties, domain);
  translate_list (waymark_document_get_touchpoints (document), touchpoint_properties, domain);
  translate_list (waymark_document_get_views (document), view_properties, domain);
  translate_levels (document, domain);
  translate_owners (document, domain);
  translate_notes (document, domain);

  for (guint i = 0; i < g_list_model_get_n_items (waymark_document_get_stages (document)); i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document),
                                                             i);

      translate_metrics (stage, waymark_stage_get_metrics (stage), domain);
    }

  touchpoints = waymark_document_get_touchpoints (document);
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      translate_strv_property (touchpoint, "pain-points", domain);
      translate_strv_property (touchpoint, "opportunities", domain);
      translate_metrics (touchpoint, waymark_touchpoint_get_metrics (touchpoint), domain);
    }
}
