/* waymark-personas-dialog.c — the personas of a map, their pictures and curves
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "waymark-personas-dialog.h"
#include "waymark-ui-private.h"

/* Colours of new personas, from the GNOME palette. */
static const char * const persona_palette[] = {
  "#1c71d8", "#e66100", "#2ec27e", "#9141ac", "#c01c28", "#986a44", "#f5c211", "#5e5c64",
};

struct _WaymarkPersonasDialog
{
  AdwPreferencesWindow  parent_instance;

  WaymarkDocument      *document;
  GtkWidget            *list_group;
  GPtrArray            *list_rows;      /* AdwActionRow*, with "persona" data */
  GtkWidget            *list_empty;

  /* The editor subpage of one persona, NULL when closed */
  WaymarkPersona       *persona;
  GtkWidget            *editor;
  GtkWidget            *title;
  GtkWidget            *avatar;
  GtkWidget            *remove_picture;
  GtkWidget            *name;
  GtkWidget            *role;
  GtkWidget            *color;
  GtkWidget            *goals;
  GtkWidget            *frustrations;
  GtkWidget            *quote;
  GtkWidget            *curves_group;
  GPtrArray            *curve_rows;     /* AdwActionRow*, with "curve" data */
  GtkWidget            *add_curves_row;

  gboolean              refreshing;
};

G_DEFINE_FINAL_TYPE (WaymarkPersonasDialog, waymark_personas_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static void refresh_list    (WaymarkPersonasDialog *self);
static void refresh_editor  (WaymarkPersonasDialog *self);
static void refresh_curves  (WaymarkPersonasDialog *self);
static void open_editor     (WaymarkPersonasDialog *self,
                             WaymarkPersona        *persona);

/* ---- Auxiliary ---------------------------------------------------------- */

static const char *
display_name (WaymarkPersona *persona)
{
  const char *name = waymark_persona_get_name (persona);

  return name != NULL && *name != '\0' ? name : _("Unnamed persona");
}


static void
entry_set (GtkWidget  *entry,
           const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

/* The picture as a texture for an avatar, or NULL. */
static GdkTexture *
picture_texture (WaymarkPersona *persona)
{
  GBytes *bytes = waymark_persona_get_picture (persona);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (bytes == NULL)
    return NULL;
  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    g_debug ("Persona picture: %s", error->message);
  return texture;
}

static void
avatar_update (GtkWidget      *avatar,
               WaymarkPersona *persona)
{
  g_autoptr(GdkTexture) texture = picture_texture (persona);

  adw_avatar_set_text (ADW_AVATAR (avatar), display_name (persona));
  adw_avatar_set_custom_image (ADW_AVATAR (avatar), texture != NULL ? GDK_PAINTABLE (texture) : NULL);
}

static guint
count_curves (WaymarkDocument *document,
              WaymarkPersona  *persona)
{
  GListModel *curves = waymark_document_get_curves (document);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      if (waymark_curve_get_persona (curve) == persona)
        count++;
    }
  return count;
}

static gboolean
persona_shown (WaymarkDocument *document,
               WaymarkPersona  *persona)
{
  GListModel *curves = waymark_document_get_curves (document);

  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      if (waymark_curve_get_persona (curve) == persona && waymark_curve_get_visible (curve))
        return TRUE;
    }
  return FALSE;
}

static void
toast (WaymarkPersonasDialog *self,
       const char            *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static const char *
limit_message (void)
{
  static char *message = NULL;

  if (message == NULL)
    /* Translators: %d is the limit, 5 */
    message = g_strdup_printf (_("A map shows the curves of at most %d personas: hide the curves "
                                 "of another persona first"),
                               WAYMARK_MAX_VISIBLE_PERSONAS);
  return message;
}

/* ---- List of personas --------------------------------------------------- */

static void
persona_row_activated (AdwActionRow          *row,
                       WaymarkPersonasDialog *self)
{
  open_editor (self, g_object_get_data (G_OBJECT (row), "persona"));
}

static GtkWidget *
persona_row_new (WaymarkPersonasDialog *self,
                 WaymarkPersona        *persona)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (40, NULL, TRUE);

  g_object_set_data_full (G_OBJECT (row), "persona", g_object_ref (persona), g_object_unref);
  g_object_set_data (G_OBJECT (row), "avatar", avatar);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "persona-row");
  g_signal_connect (row, "activated", G_CALLBACK (persona_row_activated), self);
  return row;
}

static void
update_persona_row (WaymarkPersonasDialog *self,
                    GtkWidget             *row)
{
  WaymarkPersona *persona = g_object_get_data (G_OBJECT (row), "persona");
  guint n = count_curves (self->document, persona);
  const char *role = waymark_persona_get_role (persona);
  g_autofree char *title = g_markup_escape_text (display_name (persona), -1);
  g_autofree char *subtitle = NULL;

  if (role != NULL && *role != '\0')
    /* Translators: below a persona's name: "<role> · <n> curves" */
    subtitle = g_markup_printf_escaped (ngettext ("%s · %u curve", "%s · %u curves", n), role, n);
  else
    /* Translators: below a persona's name */
    subtitle = g_strdup_printf (ngettext ("%u curve", "%u curves", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  avatar_update (g_object_get_data (G_OBJECT (row), "avatar"), persona);
}

static void
refresh_list (WaymarkPersonasDialog *self)
{
  GListModel *personas = waymark_document_get_personas (self->document);
  guint n = g_list_model_get_n_items (personas);
  gboolean same = self->list_rows->len == n;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);

      same = g_object_get_data (g_ptr_array_index (self->list_rows, i), "persona") == persona;
    }

  if (!same)
    {
      for (guint i = 0; i < self->list_rows->len; i++)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->list_group),
                                      g_ptr_array_index (self->list_rows, i));
      g_ptr_array_set_size (self->list_rows, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);
          GtkWidget *row = persona_row_new (self, persona);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->list_group), row);
          g_ptr_array_add (self->list_rows, row);
        }
    }
  for (guint i = 0; i < n; i++)
    update_persona_row (self, g_ptr_array_index (self->list_rows, i));
  gtk_widget_set_visible (self->list_empty, n == 0);
}

static char *
unused_color (WaymarkDocument *document)
{
  GListModel *personas = waymark_document_get_personas (document);
  guint n = g_list_model_get_n_items (personas);

  for (guint c = 0; c < G_N_ELEMENTS (persona_palette); c++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < n && !used; i++)
        {
          g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);

          used = g_ascii_strcasecmp (waymark_persona_get_color (persona), persona_palette[c]) == 0;
        }
      if (!used)
        return g_strdup (persona_palette[c]);
    }
  return g_strdup (persona_palette[n % G_N_ELEMENTS (persona_palette)]);
}

static void
add_persona (WaymarkPersonasDialog *self)
{
  g_autofree char *id = waymark_document_make_id (self->document, WAYMARK_TYPE_PERSONA);
  g_autofree char *color = unused_color (self->document);
  g_autoptr(WaymarkPersona) persona = waymark_persona_new (id, _("New persona"));

  g_object_set (persona, "color", color, NULL);
  waymark_document_add_persona (self->document, persona);
  open_editor (self, persona);
  gtk_widget_grab_focus (self->name);
}

/* ---- Editor: properties ------------------------------------------------- */

static void
set_string (WaymarkPersonasDialog *self,
            const char            *property,
            const char            *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->refreshing || self->persona == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  waymark_document_set_property (self->document, WAYMARK_ELEMENT (self->persona), property, &value,
                                 TRUE);
}

static void
entry_changed (GtkEditable           *entry,
               WaymarkPersonasDialog *self)
{
  set_string (self, g_object_get_data (G_OBJECT (entry), "property"), gtk_editable_get_text (entry));
}

static void
buffer_changed (GtkTextBuffer         *buffer,
                WaymarkPersonasDialog *self)
{
  GtkWidget *view = g_object_get_data (G_OBJECT (buffer), "view");
  g_autofree char *text = _waymark_text_view_get (view);

  set_string (self, g_object_get_data (G_OBJECT (buffer), "property"), text);
}

static void
color_set (GtkColorButton        *button,
           WaymarkPersonasDialog *self)
{
  GdkRGBA rgba;
  g_autofree char *text = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  text = g_strdup_printf ("#%02x%02x%02x", (int) round (rgba.red * 255),
                          (int) round (rgba.green * 255), (int) round (rgba.blue * 255));
  set_string (self, "color", text);
}

/* ---- Editor: picture ---------------------------------------------------- */

static void
picture_chosen (GtkNativeDialog       *chooser,
                int                    response,
                WaymarkPersonasDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->persona != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL && !waymark_persona_load_picture (self->document, self->persona, file, &error))
        toast (self, error->message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_picture (WaymarkPersonasDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Picture"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (images, _("PNG and JPEG Images"));
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_mime_type (images, "image/jpeg");
  gtk_file_filter_add_suffix (images, "png");
  gtk_file_filter_add_suffix (images, "jpg");
  gtk_file_filter_add_suffix (images, "jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  g_signal_connect_object (chooser, "response", G_CALLBACK (picture_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_picture (WaymarkPersonasDialog *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->persona == NULL)
    return;
  g_value_init (&value, G_TYPE_BYTES);
  waymark_document_set_property (self->document, WAYMARK_ELEMENT (self->persona), "picture", &value,
                                 FALSE);
}

/* ---- Editor: curves ----------------------------------------------------- */

static void
curve_visible_changed (GtkSwitch             *toggle,
                       GParamSpec            *pspec,
                       WaymarkPersonasDialog *self)
{
  WaymarkCurve *curve = g_object_get_data (G_OBJECT (toggle), "curve");
  gboolean active = gtk_switch_get_active (toggle);

  if (self->refreshing || active == waymark_curve_get_visible (curve))
    return;

  if (active && !persona_shown (self->document, waymark_curve_get_persona (curve)) &&
      waymark_personas_count_shown (self->document) >= WAYMARK_MAX_VISIBLE_PERSONAS)
    {
      self->refreshing = TRUE;
      gtk_switch_set_active (toggle, FALSE);
      self->refreshing = FALSE;
      toast (self, limit_message ());
      return;
    }
  waymark_document_set_boolean (self->document, WAYMARK_ELEMENT (curve), "visible", active);
}

static void
curve_remove (GtkButton             *button,
              WaymarkPersonasDialog *self)
{
  waymark_document_remove_curve (self->document, g_object_get_data (G_OBJECT (button), "curve"));
}

static void
add_curve (WaymarkPersonasDialog *self,
           WaymarkCurveState      state)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(WaymarkCurve) curve = NULL;
  gboolean visible;

  if (self->persona == NULL)
    return;

  id = waymark_document_make_id (self->document, WAYMARK_TYPE_CURVE);
  curve = waymark_curve_new (id, self->persona, state);
  name = g_strdup_printf (state == WAYMARK_CURVE_FUTURE
                          /* Translators: the name of a new curve; %s is the persona's name */
                          ? _("%s — future")
                          /* Translators: the name of a new curve; %s is the persona's name */
                          : _("%s — current"),
                          display_name (self->persona));
  visible = persona_shown (self->document, self->persona) ||
            waymark_personas_count_shown (self->document) < WAYMARK_MAX_VISIBLE_PERSONAS;
  g_object_set (curve, "name", name, "visible", visible, NULL);
  waymark_document_add_curve (self->document, curve);
  if (!visible)
    toast (self, limit_message ());
}

static void
add_current_curve (WaymarkPersonasDialog *self)
{
  add_curve (self, WAYMARK_CURVE_CURRENT);
}

static void
add_future_curve (WaymarkPersonasDialog *self)
{
  add_curve (self, WAYMARK_CURVE_FUTURE);
}

static GtkWidget *
curve_row_new (WaymarkPersonasDialog *self,
               WaymarkCurve          *curve)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_object_set_data_full (G_OBJECT (row), "curve", g_object_ref (curve), g_object_unref);
  g_object_set_data (G_OBJECT (row), "switch", toggle);
  gtk_widget_set_name (toggle, "curve-visible");
  gtk_widget_add_css_class (row, "curve-row");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Curve"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Curve"), -1);
  g_object_set_data_full (G_OBJECT (remove), "curve", g_object_ref (curve), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (curve_remove), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Show on the Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show on the Map"), -1);
  g_object_set_data_full (G_OBJECT (toggle), "curve", g_object_ref (curve), g_object_unref);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (curve_visible_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  return row;
}

static void
update_curve_row (WaymarkPersonasDialog *self,
                  GtkWidget             *row)
{
  WaymarkCurve *curve = g_object_get_data (G_OBJECT (row), "curve");
  guint n = waymark_curve_get_n_values (curve);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  title = g_markup_escape_text (*waymark_curve_get_name (curve) != '\0'
                                ? waymark_curve_get_name (curve) : _("Unnamed curve"), -1);
  if (waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE)
    /* Translators: below a curve's name; %u is how many stages have a value */
    subtitle = g_strdup_printf (ngettext ("Future state, %u point", "Future state, %u points", n), n);
  else
    /* Translators: below a curve's name; %u is how many stages have a value */
    subtitle = g_strdup_printf (ngettext ("Current state, %u point", "Current state, %u points", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (g_object_get_data (G_OBJECT (row), "switch")),
                         waymark_curve_get_visible (curve));
}

static void
refresh_curves (WaymarkPersonasDialog *self)
{
  GListModel *curves = waymark_document_get_curves (self->document);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GtkWidget) buttons = NULL;
  gboolean same;

  if (self->editor == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (curves); i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      if (waymark_curve_get_persona (curve) == self->persona)
        g_ptr_array_add (mine, curve);
    }

  /* Rows are updated in place while the curves stay the same: a switch
   * being toggled must outlive its own change. */
  same = mine->len == self->curve_rows->len;
  for (guint i = 0; same && i < mine->len; i++)
    same = g_object_get_data (g_ptr_array_index (self->curve_rows, i), "curve") ==
           g_ptr_array_index (mine, i);

  self->refreshing = TRUE;
  if (!same)
    {
      for (guint i = 0; i < self->curve_rows->len; i++)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->curves_group),
                                      g_ptr_array_index (self->curve_rows, i));
      g_ptr_array_set_size (self->curve_rows, 0);

      /* The buttons stay last. */
      buttons = g_object_ref (self->add_curves_row);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->curves_group), buttons);
      for (guint i = 0; i < mine->len; i++)
        {
          GtkWidget *row = curve_row_new (self, g_ptr_array_index (mine, i));

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->curves_group), row);
          g_ptr_array_add (self->curve_rows, row);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->curves_group), buttons);
    }
  for (guint i = 0; i < self->curve_rows->len; i++)
    update_curve_row (self, g_ptr_array_index (self->curve_rows, i));
  self->refreshing = FALSE;
}

/* ---- Editor: removal ---------------------------------------------------- */

static void
remove_response (AdwMessageDialog      *dialog,
                 const char            *response,
                 WaymarkPersonasDialog *self)
{
  WaymarkPersona *persona = g_object_get_data (G_OBJECT (dialog), "persona");

  if (g_strcmp0 (response, "remove") == 0 &&
      waymark_element_get_document (WAYMARK_ELEMENT (persona)) == (gpointer) self->document)
    waymark_document_remove_persona (self->document, persona);
}

static void
remove_persona (WaymarkPersonasDialog *self)
{
  WaymarkPersona *persona = self->persona;
  guint n;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (persona == NULL)
    return;

  n = count_curves (self->document, persona);
  if (n == 0)
    {
      waymark_document_remove_persona (self->document, persona);
      return;
    }

  /* Translators: %s is a persona's name */
  heading = g_strdup_printf (_("Remove “%s”?"), display_name (persona));
  body = g_strdup_printf (ngettext ("Its curve stays on the map without a persona.",
                                    "Its %u curves stay on the map without a persona.", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "persona", g_object_ref (persona), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Editor ------------------------------------------------------------- */

static void
close_editor (WaymarkPersonasDialog *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

static void
editor_destroyed (WaymarkPersonasDialog *self)
{
  self->editor = NULL;
  g_clear_object (&self->persona);
  g_ptr_array_set_size (self->curve_rows, 0);
}

static GtkWidget *
editor_group (GtkWidget  *page,
              const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static GtkWidget *
editor_entry (WaymarkPersonasDialog *self,
              GtkWidget             *group,
              const char            *title,
              const char            *property)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data (G_OBJECT (row), "property", (gpointer) g_intern_static_string (property));
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
editor_text (WaymarkPersonasDialog *self,
             GtkWidget             *page,
             const char            *title,
             const char            *description,
             const char            *property)
{
  GtkWidget *group = editor_group (page, title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  g_object_set_data (G_OBJECT (buffer), "property", (gpointer) g_intern_static_string (property));
  g_object_set_data (G_OBJECT (buffer), "view", view);
  g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed), self);
  return view;
}

static GtkWidget *
pill_button (const char *label,
             const char *name,
             GCallback   callback,
             gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

static void
refresh_editor (WaymarkPersonasDialog *self)
{
  GdkRGBA rgba;

  if (self->editor == NULL)
    return;

  self->refreshing = TRUE;
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->title), display_name (self->persona));
  avatar_update (self->avatar, self->persona);
  gtk_widget_set_sensitive (self->remove_picture, waymark_persona_get_picture (self->persona) != NULL);
  entry_set (self->name, waymark_persona_get_name (self->persona));
  entry_set (self->role, waymark_persona_get_role (self->persona));
  if (gdk_rgba_parse (&rgba, waymark_persona_get_color (self->persona)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color), &rgba);
  _waymark_text_view_set (self->goals, waymark_persona_get_goals (self->persona));
  _waymark_text_view_set (self->frustrations, waymark_persona_get_frustrations (self->persona));
  _waymark_text_view_set (self->quote, waymark_persona_get_quote (self->persona));
  self->refreshing = FALSE;
}

static void
open_editor (WaymarkPersonasDialog *self,
             WaymarkPersona        *persona)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group;
  GtkWidget *picture_box;
  GtkWidget *buttons;
  GtkWidget *button;
  GtkWidget *row;

  if (self->editor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->editor, self);
      editor_destroyed (self);
    }

  self->persona = g_object_ref (persona);
  self->editor = box;
  g_signal_connect_swapped (box, "destroy", G_CALLBACK (editor_destroyed), self);

  self->title = adw_window_title_new (NULL, _("Persona"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->title);
  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (close_editor), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  /* Picture */
  group = editor_group (page, NULL);
  picture_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->avatar = adw_avatar_new (96, NULL, TRUE);
  gtk_widget_set_name (self->avatar, "persona-avatar");
  gtk_widget_set_halign (self->avatar, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (picture_box), self->avatar);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  button = pill_button (_("C_hoose Picture…"), "picture-choose", G_CALLBACK (choose_picture), self);
  gtk_box_append (GTK_BOX (buttons), button);
  self->remove_picture = pill_button (_("Remove _Picture"), "picture-remove",
                                      G_CALLBACK (remove_picture), self);
  gtk_box_append (GTK_BOX (buttons), self->remove_picture);
  gtk_box_append (GTK_BOX (picture_box), buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), picture_box);

  /* Identity */
  group = editor_group (page, _("Persona"));
  self->name = editor_entry (self, group, _("Name"), "name");
  gtk_widget_set_name (self->name, "persona-name");
  self->role = editor_entry (self, group, _("Role or Segment"), "role");
  gtk_widget_set_name (self->role, "persona-role");
  self->color = gtk_color_button_new ();
  gtk_widget_set_name (self->color, "persona-color");
  gtk_widget_set_valign (self->color, GTK_ALIGN_CENTER);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (self->color), FALSE);
  g_signal_connect (self->color, "color-set", G_CALLBACK (color_set), self);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Colour"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Of the persona’s curves and legend"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->color);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->color);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Colour"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->goals = editor_text (self, page, _("Goals"), _("What the persona wants to achieve"), "goals");
  gtk_widget_set_name (self->goals, "persona-goals");
  self->frustrations = editor_text (self, page, _("Frustrations"), _("What stands in the way"),
                                    "frustrations");
  gtk_widget_set_name (self->frustrations, "persona-frustrations");
  self->quote = editor_text (self, page, _("Quote"), _("In the persona’s own words"), "quote");
  gtk_widget_set_name (self->quote, "persona-quote");

  /* Curves */
  self->curves_group = editor_group (page, _("Emotion Curves"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->curves_group),
                                         _("How the persona feels today and after the changes"));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), pill_button (_("Add _Current-State Curve"), "add-current-curve",
                                                  G_CALLBACK (add_current_curve), self));
  gtk_box_append (GTK_BOX (buttons), pill_button (_("Add _Future-State Curve"), "add-future-curve",
                                                  G_CALLBACK (add_future_curve), self));
  self->add_curves_row = buttons;
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->curves_group), buttons);

  /* Removal */
  group = editor_group (page, NULL);
  button = pill_button (_("_Remove Persona"), "remove-persona", G_CALLBACK (remove_persona), self);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);

  refresh_editor (self);
  refresh_curves (self);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), box);
}

/* ---- Callbacks ---------------------------------------------------------- */

static void
document_changed (WaymarkPersonasDialog *self,
                  WaymarkChangeKind      kind,
                  WaymarkElement        *element,
                  const char            *detail)
{
  if (WAYMARK_IS_PERSONA (element))
    {
      if (kind == WAYMARK_CHANGE_REMOVED && element == WAYMARK_ELEMENT (self->persona))
        close_editor (self);
      else if (element == WAYMARK_ELEMENT (self->persona))
        refresh_editor (self);
      refresh_list (self);
    }
  else if (WAYMARK_IS_CURVE (element))
    {
      refresh_curves (self);
      refresh_list (self);
    }
}

/* ---- GObject ------------------------------------------------------------ */

static void
waymark_personas_dialog_dispose (GObject *object)
{
  WaymarkPersonasDialog *self = WAYMARK_PERSONAS_DIALOG (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  self->editor = NULL;
  g_clear_object (&self->persona);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (waymark_personas_dialog_parent_class)->dispose (object);
}

static void
waymark_personas_dialog_finalize (GObject *object)
{
  WaymarkPersonasDialog *self = WAYMARK_PERSONAS_DIALOG (object);

  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  g_clear_pointer (&self->curve_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_personas_dialog_parent_class)->finalize (object);
}

static void
waymark_personas_dialog_class_init (WaymarkPersonasDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_personas_dialog_dispose;
  object_class->finalize = waymark_personas_dialog_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
waymark_personas_dialog_init (WaymarkPersonasDialog *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group;
  GtkWidget *add = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  self->list_rows = g_ptr_array_new ();
  self->curve_rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Personas"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  self->list_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->list_group, "personas");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->list_group), _("Personas"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->list_group),
                                         _("The customer segments whose journeys the map follows, "
                                           "each with its own emotion curves"));
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (add), content);
  gtk_widget_set_name (add, "add-persona");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add Persona"));
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_persona), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->list_group), add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->list_group));

  group = adw_preferences_group_new ();
  self->list_empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->list_empty), "avatar-default-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->list_empty), _("No Personas"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->list_empty),
                                   _("Add a persona to draw how it feels along the journey"));
  gtk_widget_add_css_class (self->list_empty, "compact");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list_empty);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
}

/* ---- Public API --------------------------------------------------------- */

void
waymark_personas_dialog_present (GtkWindow       *parent,
                                 WaymarkDocument *document)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  WaymarkPersonasDialog *self;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (WAYMARK_IS_PERSONAS_DIALOG (window) &&
          WAYMARK_PERSONAS_DIALOG (window)->document == document)
        {
          gtk_window_present (GTK_WINDOW (window));
          return;
        }
    }

  self = g_object_new (WAYMARK_TYPE_PERSONAS_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed), self,
                           G_CONNECT_SWAPPED);
  refresh_list (self);
  gtk_window_present (GTK_WINDOW (self));
}

gboolean
waymark_persona_load_picture (WaymarkDocument *document,
                              WaymarkPersona  *persona,
                              GFile           *file,
                              GError         **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (WAYMARK_IS_PERSONA (persona), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Refuse a huge file before reading it. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_size (info) > WAYMARK_PERSONA_MAX_PICTURE_SIZE)
    goto too_large;

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  if (g_bytes_get_size (bytes) > WAYMARK_PERSONA_MAX_PICTURE_SIZE)
    goto too_large;
  if (waymark_picture_sniff_type (bytes) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The picture must be a PNG or JPEG image"));
      return FALSE;
    }

  g_value_init (&value, G_TYPE_BYTES);
  g_value_set_boxed (&value, bytes);
  waymark_document_set_property (document, WAYMARK_ELEMENT (persona), "picture", &value, FALSE);
  return TRUE;

too_large:
  /* Translators: %u is a size in megabytes, 4 */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture is larger than %u MB"),
               WAYMARK_PERSONA_MAX_PICTURE_SIZE / (1024u * 1024u));
  return FALSE;
}

guint
waymark_personas_count_shown (WaymarkDocument *document)
{
  GListModel *personas;
  guint count = 0;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), 0);

  personas = waymark_document_get_personas (document);
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);

      if (persona_shown (document, persona))
        count++;
    }
  return count;
}
