/* waymark-map-settings.c — the map's emotion scale and its list of owners
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "waymark-map-settings.h"

/* Colours of new owners, from the GNOME palette. */
static const char * const owner_palette[] = {
  "#1c71d8", "#2ec27e", "#e66100", "#c01c28", "#813d9c", "#f5c211", "#865e3c", "#5e5c64",
};

struct _WaymarkMapSettings
{
  AdwPreferencesWindow  parent_instance;

  WaymarkDocument      *document;
  GtkWidget            *min;
  GtkWidget            *max;
  GtkWidget            *levels_group;
  GPtrArray            *level_rows;   /* AdwEntryRow*, from min to max */
  GtkWidget            *owners_group;
  GPtrArray            *owner_rows;   /* AdwEntryRow*, with "owner" data */
  GtkWidget            *owners_empty;
  gboolean              refreshing;
};

G_DEFINE_FINAL_TYPE (WaymarkMapSettings, waymark_map_settings, ADW_TYPE_PREFERENCES_WINDOW)

static void refresh_scale  (WaymarkMapSettings *self);
static void refresh_owners (WaymarkMapSettings *self);

/* ---- Auxiliary ---------------------------------------------------------- */

static char *
rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x", (int) round (rgba->red * 255),
                          (int) round (rgba->green * 255), (int) round (rgba->blue * 255));
}

static guint
count_owned (WaymarkDocument *document,
             const char      *name)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (document);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

      if (g_strcmp0 (waymark_touchpoint_get_owner (touchpoint), name) == 0)
        count++;
    }
  return count;
}

/* ---- Emotion scale ------------------------------------------------------ */

/* Sets the scale to min..max keeping the names of the levels that stay,
 * with the name of level at value replaced by name (if in range). */
static void
apply_scale (WaymarkMapSettings *self,
             int                 min,
             int                 max,
             int                 named_value,
             const char         *name)
{
  const char * const *old = waymark_document_get_emotion_levels (self->document);
  int old_min = waymark_document_get_emotion_min (self->document);
  int old_max = waymark_document_get_emotion_max (self->document);

  if (old != NULL && g_strv_length ((char **) old) != (guint) (old_max - old_min + 1))
    old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) levels = NULL;
  gboolean any = FALSE;

  for (int value = min; value <= max; value++)
    {
      const char *level = "";

      if (value == named_value && name != NULL)
        level = name;
      else if (old != NULL && value >= old_min && value <= old_max)
        level = old[value - old_min];
      any |= *level != '\0';
      g_strv_builder_add (builder, level);
    }
  levels = g_strv_builder_end (builder);

  if (min == old_min && max == old_max &&
      (any ? old != NULL && g_strv_equal ((const char * const *) levels, old) : old == NULL))
    return;

  waymark_document_set_emotion_scale (self->document, min, max,
                                      any ? (const char * const *) levels : NULL);
}

static void
bound_changed (GtkSpinButton      *button,
               WaymarkMapSettings *self)
{
  int min = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->min));
  int max = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->max));

  if (self->refreshing)
    return;

  /* The bound being edited wins; the other follows to keep a valid scale. */
  if (button == GTK_SPIN_BUTTON (self->min))
    {
      if (max <= min)
        max = min + 1;
      if (max - min > WAYMARK_EMOTION_MAX_STEPS)
        max = min + WAYMARK_EMOTION_MAX_STEPS;
    }
  else
    {
      if (min >= max)
        min = max - 1;
      if (max - min > WAYMARK_EMOTION_MAX_STEPS)
        min = max - WAYMARK_EMOTION_MAX_STEPS;
    }

  apply_scale (self, min, max, G_MININT, NULL);
  refresh_scale (self);
}

static void
level_apply (AdwEntryRow        *row,
             WaymarkMapSettings *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->refreshing)
    return;

  apply_scale (self, waymark_document_get_emotion_min (self->document),
               waymark_document_get_emotion_max (self->document),
               GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "level-value")), name);
  refresh_scale (self);
}

static void
refresh_scale (WaymarkMapSettings *self)
{
  int min = waymark_document_get_emotion_min (self->document);
  int max = waymark_document_get_emotion_max (self->document);
  const char * const *levels = waymark_document_get_emotion_levels (self->document);

  /* Within the undo group of a new scale, the bounds change before the
   * names: use names only when they fit. */
  if (levels != NULL && g_strv_length ((char **) levels) != (guint) (max - min + 1))
    levels = NULL;

  self->refreshing = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->min), min);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->max), max);

  /* Rows are kept while the number of levels stays, so that the entry
   * being typed in keeps its focus. */
  if (self->level_rows->len != (guint) (max - min + 1))
    {
      for (guint i = 0; i < self->level_rows->len; i++)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->levels_group),
                                      g_ptr_array_index (self->level_rows, i));
      g_ptr_array_set_size (self->level_rows, 0);
      for (int value = min; value <= max; value++)
        {
          GtkWidget *row = adw_entry_row_new ();

          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
          g_signal_connect (row, "apply", G_CALLBACK (level_apply), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->levels_group), row);
          g_ptr_array_add (self->level_rows, row);
        }
    }

  for (int value = min; value <= max; value++)
    {
      GtkWidget *row = g_ptr_array_index (self->level_rows, value - min);
      const char *name = levels != NULL ? levels[value - min] : "";
      g_autofree char *title = NULL;

      /* Translators: the title of the entry naming one level of the emotion
       * scale, e.g. "Level -2" */
      title = g_strdup_printf (_("Level %d"), value);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data (G_OBJECT (row), "level-value", GINT_TO_POINTER (value));
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), name) != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), name);
    }
  self->refreshing = FALSE;
}

/* ---- Owners ------------------------------------------------------------- */

static WaymarkOwner *
row_owner (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "owner");
}

static void
owner_rename (AdwEntryRow        *row,
              WaymarkMapSettings *self)
{
  WaymarkOwner *owner = row_owner (GTK_WIDGET (row));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  WaymarkOwner *existing = waymark_document_lookup_owner (self->document, name);

  if (self->refreshing)
    return;

  if (*name == '\0' || (existing != NULL && existing != owner))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (*name == '\0'
                                                       ? _("An owner needs a name")
                                                       : _("Another owner has this name")));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (g_strcmp0 (name, waymark_owner_get_name (owner)) != 0)
    waymark_document_rename_owner (self->document, owner, name);
}

static void
owner_color_set (GtkColorButton     *button,
                 WaymarkMapSettings *self)
{
  WaymarkOwner *owner = g_object_get_data (G_OBJECT (button), "owner");
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = rgba_to_hex (&rgba);
  waymark_document_set_string (self->document, WAYMARK_ELEMENT (owner), "color", color);
}

static void
owner_remove (GtkButton          *button,
              WaymarkMapSettings *self)
{
  WaymarkOwner *owner = g_object_get_data (G_OBJECT (button), "owner");

  waymark_document_remove_owner (self->document, owner);
}

static void
owner_add (GtkButton          *button,
           WaymarkMapSettings *self)
{
  GListModel *owners = waymark_document_get_owners (self->document);
  guint n = g_list_model_get_n_items (owners);
  g_autofree char *id = waymark_document_make_id (self->document, WAYMARK_TYPE_OWNER);
  g_autofree char *name = g_strdup (_("New owner"));
  g_autoptr(WaymarkOwner) owner = NULL;
  GtkWidget *row;

  for (guint i = 2; waymark_document_lookup_owner (self->document, name) != NULL; i++)
    {
      g_free (name);
      /* Translators: the name of a new owner when "New owner" is taken */
      name = g_strdup_printf (_("New owner %u"), i);
    }
  owner = waymark_owner_new (id, name, owner_palette[n % G_N_ELEMENTS (owner_palette)]);
  waymark_document_add_owner (self->document, owner, -1);

  refresh_owners (self);
  row = g_ptr_array_index (self->owner_rows, self->owner_rows->len - 1);
  gtk_widget_grab_focus (row);
}

static void
update_owner_row (WaymarkMapSettings *self,
                  GtkWidget          *row)
{
  WaymarkOwner *owner = row_owner (row);
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "color-button");
  GtkWidget *count = g_object_get_data (G_OBJECT (row), "count-label");
  guint n = count_owned (self->document, waymark_owner_get_name (owner));
  g_autofree char *text = NULL;
  GdkRGBA rgba;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), waymark_owner_get_name (owner)) != 0 &&
      !gtk_widget_has_css_class (row, "error"))
    gtk_editable_set_text (GTK_EDITABLE (row), waymark_owner_get_name (owner));
  if (gdk_rgba_parse (&rgba, waymark_owner_get_color (owner)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  /* Translators: how many cards an owner has */
  text = g_strdup_printf (ngettext ("%u card", "%u cards", n), n);
  gtk_label_set_text (GTK_LABEL (count), text);
}

static GtkWidget *
owner_row_new (WaymarkMapSettings *self,
               WaymarkOwner       *owner)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_color_button_new ();
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "owner", g_object_ref (owner), g_object_unref);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  gtk_widget_set_tooltip_text (button, _("Owner Colour"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Owner Colour"), -1);
  g_object_set_data_full (G_OBJECT (button), "owner", g_object_ref (owner), g_object_unref);
  g_signal_connect (button, "color-set", G_CALLBACK (owner_color_set), self);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), button);

  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), count);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Owner"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Owner"), -1);
  g_object_set_data_full (G_OBJECT (remove), "owner", g_object_ref (owner), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (owner_remove), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  g_object_set_data (G_OBJECT (row), "color-button", button);
  g_object_set_data (G_OBJECT (row), "count-label", count);
  g_object_set_data (G_OBJECT (row), "remove-button", remove);
  g_signal_connect (row, "apply", G_CALLBACK (owner_rename), self);
  update_owner_row (self, row);
  return row;
}

static void
refresh_owners (WaymarkMapSettings *self)
{
  GListModel *owners = waymark_document_get_owners (self->document);
  guint n = g_list_model_get_n_items (owners);
  gboolean same = self->owner_rows->len == n;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(WaymarkOwner) owner = g_list_model_get_item (owners, i);

      same = row_owner (g_ptr_array_index (self->owner_rows, i)) == owner;
    }

  self->refreshing = TRUE;
  if (!same)
    {
      for (guint i = 0; i < self->owner_rows->len; i++)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->owners_group),
                                      g_ptr_array_index (self->owner_rows, i));
      g_ptr_array_set_size (self->owner_rows, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WaymarkOwner) owner = g_list_model_get_item (owners, i);
          GtkWidget *row = owner_row_new (self, owner);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->owners_group), row);
          g_ptr_array_add (self->owner_rows, row);
        }
    }
  else
    for (guint i = 0; i < n; i++)
      update_owner_row (self, g_ptr_array_index (self->owner_rows, i));
  gtk_widget_set_visible (self->owners_empty, n == 0);
  self->refreshing = FALSE;
}

/* ---- Callbacks ---------------------------------------------------------- */

static void
document_changed (WaymarkMapSettings *self,
                  WaymarkChangeKind   kind,
                  WaymarkElement     *element,
                  const char         *detail)
{
  if (element == NULL)
    refresh_scale (self);
  else if (WAYMARK_IS_OWNER (element) || WAYMARK_IS_TOUCHPOINT (element))
    refresh_owners (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
waymark_map_settings_dispose (GObject *object)
{
  WaymarkMapSettings *self = WAYMARK_MAP_SETTINGS (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (waymark_map_settings_parent_class)->dispose (object);
}

static void
waymark_map_settings_finalize (GObject *object)
{
  WaymarkMapSettings *self = WAYMARK_MAP_SETTINGS (object);

  g_clear_pointer (&self->level_rows, g_ptr_array_unref);
  g_clear_pointer (&self->owner_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_map_settings_parent_class)->finalize (object);
}

static void
waymark_map_settings_class_init (WaymarkMapSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_map_settings_dispose;
  object_class->finalize = waymark_map_settings_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
bound_row (GtkWidget  *group,
           const char *title,
           const char *subtitle,
           GtkWidget **spin)
{
  GtkWidget *row = adw_action_row_new ();

  *spin = gtk_spin_button_new_with_range (-WAYMARK_EMOTION_SCALE_LIMIT, WAYMARK_EMOTION_SCALE_LIMIT, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (*spin), TRUE);
  gtk_widget_set_valign (*spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
waymark_map_settings_init (WaymarkMapSettings *self)
{
  GtkWidget *page;
  GtkWidget *group;
  GtkWidget *add;

  self->level_rows = g_ptr_array_new ();
  self->owner_rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Map Settings"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), FALSE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  /* Emotion scale */
  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Emotion Scale"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "face-smile-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Range"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("How the persona feels at each stage, from the lowest to "
                                           "the highest value of the emotion curves"));
  bound_row (group, _("Lowest Value"), _("The most negative feeling"), &self->min);
  bound_row (group, _("Highest Value"), _("The most positive feeling"), &self->max);
  gtk_widget_set_name (self->min, "scale-min");
  gtk_widget_set_name (self->max, "scale-max");
  g_signal_connect (self->min, "value-changed", G_CALLBACK (bound_changed), self);
  g_signal_connect (self->max, "value-changed", G_CALLBACK (bound_changed), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->levels_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->levels_group, "levels");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->levels_group), _("Level Names"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->levels_group),
                                         _("Shown beside the curves and in the legend, "
                                           "e.g. “Frustrated” or “Delighted”; optional"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->levels_group));

  /* Owners */
  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Owners"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "system-users-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  self->owners_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->owners_group, "owners");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->owners_group), _("Owners"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->owners_group),
                                         _("The departments and teams responsible for touchpoints, "
                                           "each with its colour for “Colour by Owner”"));
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_name (add, "add-owner");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add Owner"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Owner"), -1);
  g_signal_connect (add, "clicked", G_CALLBACK (owner_add), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->owners_group), add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->owners_group));

  group = adw_preferences_group_new ();
  self->owners_empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->owners_empty), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->owners_empty), _("No Owners"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->owners_empty),
                                   _("Add the departments that own the touchpoints of this map"));
  gtk_widget_add_css_class (self->owners_empty, "compact");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->owners_empty);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
}

/* ---- Public API --------------------------------------------------------- */

void
waymark_map_settings_present (GtkWindow       *parent,
                              WaymarkDocument *document)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  WaymarkMapSettings *self;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (WAYMARK_IS_MAP_SETTINGS (window) && WAYMARK_MAP_SETTINGS (window)->document == document)
        {
          gtk_window_present (GTK_WINDOW (window));
          return;
        }
    }

  self = g_object_new (WAYMARK_TYPE_MAP_SETTINGS,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed), self,
                           G_CONNECT_SWAPPED);
  refresh_scale (self);
  refresh_owners (self);
  gtk_window_present (GTK_WINDOW (self));
}
