/* waymark-inspector.c — every property of the selected element, editable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "waymark-format.h"
#include "waymark-inspector.h"
#include "waymark-ui-private.h"
#include "waymark-map-settings.h"
#include "waymark-personas-dialog.h"

typedef enum {
  FIELD_ENTRY,     /* AdwEntryRow, string */
  FIELD_TEXT,      /* GtkTextView, string */
  FIELD_LINES,     /* GtkTextView, GStrv one item per line */
  FIELD_SWITCH,    /* GtkSwitch, boolean */
  FIELD_SCALE,     /* GtkScale, double */
  FIELD_SPIN,      /* GtkSpinButton, double */
  FIELD_ENUM,      /* AdwComboRow, an enumeration listed in value order */
  FIELD_COLOR,     /* AdwEntryRow, "#rrggbb" or "" */
} FieldKind;

typedef struct
{
  WaymarkInspector *inspector;
  const char       *property;
  FieldKind         kind;
  GtkWidget        *widget;
} Field;

struct _WaymarkInspector
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkWidget       *page;       /* AdwPreferencesPage rebuilt for each element */
  GtkWidget       *metrics_group;
  GPtrArray       *metric_rows;

  /* Touchpoint page */
  GtkWidget       *owner_group;
  GtkWidget       *owner_row;
  GtkWidget       *owner_swatch;
  GtkWidget       *owner_list;        /* GtkListBox of the owner popover */
  GPtrArray       *suggestion_rows;   /* GtkWidget*, rows of owner_group */
  GtkWidget       *links_group;
  GPtrArray       *link_rows;         /* GtkWidget*, rows of links_group */
  GtkWidget       *add_link_row;
  GtkWidget       *link_search;
  GtkWidget       *link_list;         /* GtkListBox of the "Add Link" popover */

  /* Curve point page; element is the curve */
  WaymarkStage    *point_stage;
  GtkWidget       *point_persona;
  GtkWidget       *point_stage_row;
  GtkWidget       *point_value_row;
  GtkWidget       *point_value;
  GtkWidget       *point_note;
  GtkWidget       *point_remove;
  GPtrArray       *point_personas;    /* WaymarkPersona* in combo order, NULL first */

  /* Map page */
  GtkWidget       *scale_row;
  GtkWidget       *personas_row;

  WaymarkDocument *document;
  WaymarkElement  *element;
  GPtrArray       *fields;     /* Field* */
  gboolean         applying;   /* our own edit is being applied */
  gboolean         refreshing; /* widgets are being set from the model */
  guint            rebuild_id; /* idle rebuild after a new emotion scale */
};

G_DEFINE_FINAL_TYPE (WaymarkInspector, waymark_inspector, GTK_TYPE_WIDGET)

static void rebuild          (WaymarkInspector *self);
static void rebuild_metrics  (WaymarkInspector *self);
static void refresh_owner    (WaymarkInspector *self);
static void rebuild_links    (WaymarkInspector *self);
static void refresh_point    (WaymarkInspector *self);
static void refresh_map      (WaymarkInspector *self);

/* ---- Auxiliary ---------------------------------------------------------- */

static GObject *
target (WaymarkInspector *self)
{
  return self->element != NULL ? G_OBJECT (self->element) : G_OBJECT (self->document);
}

static gboolean
valid_color (const char *text)
{
  if (*text == '\0')
    return TRUE;
  if (strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}


static void
apply (WaymarkInspector *self,
       const char       *property,
       const GValue     *value)
{
  if (self->refreshing || self->document == NULL)
    return;

  self->applying = TRUE;
  waymark_document_set_property (self->document, self->element, property, value, TRUE);
  self->applying = FALSE;
}

static GtkWindow *
parent_window (WaymarkInspector *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A small round sample of a "#rrggbb" colour; an empty ring for none. */
static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "swatch-color");
  double radius = MIN (width, height) / 2.0 - 1.0;
  GdkRGBA rgba;

  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  if (color != NULL && *color != '\0' && gdk_rgba_parse (&rgba, color))
    {
      gdk_cairo_set_source_rgba (cr, &rgba);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
    }
  else
    {
      static const double dash[] = { 2.0, 2.0 };

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.8);
    }
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
swatch_set_color (GtkWidget  *swatch,
                  const char *color)
{
  g_object_set_data_full (G_OBJECT (swatch), "swatch-color", g_strdup (color), g_free);
  gtk_widget_queue_draw (swatch);
}

static GtkWidget *
swatch_new (const char *color)
{
  /* Decoration: the owner's name is always beside it. */
  GtkWidget *swatch = g_object_new (GTK_TYPE_DRAWING_AREA,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 16);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw, NULL, NULL);
  swatch_set_color (swatch, color);
  return swatch;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

/* ---- Fields ------------------------------------------------------------- */

/* The array and each signal handler hold a reference: a page being torn
 * down may still emit while the inspector has moved on. */
static void
field_release (Field *field)
{
  field->inspector = NULL;
  g_rc_box_release (field);
}

static void
field_closure_notify (gpointer  data,
                      GClosure *closure)
{
  g_rc_box_release (data);
}

static void
field_changed (Field *field)
{
  WaymarkInspector *self = field->inspector;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self == NULL || self->refreshing)
    return;

  switch (field->kind)
    {
    case FIELD_ENTRY:
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, gtk_editable_get_text (GTK_EDITABLE (field->widget)));
      break;
    case FIELD_COLOR:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (field->widget));

        if (!valid_color (text))
          {
            gtk_widget_add_css_class (field->widget, "error");
            return;
          }
        gtk_widget_remove_css_class (field->widget, "error");
        g_value_init (&value, G_TYPE_STRING);
        g_value_take_string (&value, g_ascii_strdown (text, -1));
      }
      break;
    case FIELD_TEXT:
      g_value_init (&value, G_TYPE_STRING);
      g_value_take_string (&value, _waymark_text_view_get (field->widget));
      break;
    case FIELD_LINES:
      {
        g_autofree char *text = _waymark_text_view_get (field->widget);
        g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) items = NULL;

        guint n_items = 0;

        /* Blank lines separate nothing: they are not items. */
        for (guint i = 0; lines[i] != NULL; i++)
          if (*g_strstrip (lines[i]) != '\0')
            {
              g_strv_builder_add (builder, lines[i]);
              n_items++;
            }
        /* More than a map file may hold would save a map that no longer
         * opens: keep the field red, the model as it was. */
        if (n_items > WAYMARK_FORMAT_MAX_ITEMS)
          {
            gtk_widget_add_css_class (field->widget, "error");
            return;
          }
        gtk_widget_remove_css_class (field->widget, "error");
        items = g_strv_builder_end (builder);
        g_value_init (&value, G_TYPE_STRV);
        g_value_set_boxed (&value, items[0] != NULL ? items : NULL);
      }
      break;
    case FIELD_SWITCH:
      g_value_init (&value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&value, gtk_switch_get_active (GTK_SWITCH (field->widget)));
      break;
    case FIELD_SCALE:
      g_value_init (&value, G_TYPE_DOUBLE);
      g_value_set_double (&value, gtk_range_get_value (GTK_RANGE (field->widget)));
      break;
    case FIELD_SPIN:
      g_value_init (&value, G_TYPE_DOUBLE);
      g_value_set_double (&value, gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->widget)));
      break;
    case FIELD_ENUM:
      {
        GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target (self)),
                                                          field->property);

        g_value_init (&value, pspec->value_type);
        g_value_set_enum (&value, adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget)));
      }
      break;
    default:
      g_assert_not_reached ();
    }

  apply (self, field->property, &value);
}

static void
field_refresh (Field *field)
{
  WaymarkInspector *self = field->inspector;
  GObject *object = self != NULL ? target (self) : NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (object == NULL)
    return;

  g_value_init (&value, g_object_class_find_property (G_OBJECT_GET_CLASS (object),
                                                      field->property)->value_type);
  g_object_get_property (object, field->property, &value);

  switch (field->kind)
    {
    case FIELD_ENTRY:
    case FIELD_COLOR:
      {
        const char *text = g_value_get_string (&value);

        /* Setting the same text would move the cursor while typing. */
        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->widget)), text ? text : "") != 0)
          gtk_editable_set_text (GTK_EDITABLE (field->widget), text ? text : "");
      }
      break;
    case FIELD_TEXT:
      _waymark_text_view_set (field->widget, g_value_get_string (&value));
      break;
    case FIELD_LINES:
      {
        const char * const *items = g_value_get_boxed (&value);
        g_autofree char *text = items != NULL ? g_strjoinv ("\n", (char **) items) : NULL;

        _waymark_text_view_set (field->widget, text);
      }
      break;
    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->widget), g_value_get_boolean (&value));
      break;
    case FIELD_SCALE:
      gtk_range_set_value (GTK_RANGE (field->widget), g_value_get_double (&value));
      break;
    case FIELD_SPIN:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->widget), g_value_get_double (&value));
      break;
    case FIELD_ENUM:
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->widget), g_value_get_enum (&value));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
refresh (WaymarkInspector *self)
{
  self->refreshing = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    field_refresh (g_ptr_array_index (self->fields, i));
  self->refreshing = FALSE;

  refresh_owner (self);
  refresh_point (self);
  refresh_map (self);
}

static Field *
add_field (WaymarkInspector *self,
           const char       *property,
           FieldKind         kind,
           GtkWidget        *widget)
{
  Field *field = g_rc_box_new0 (Field);
  GObject *source = G_OBJECT (widget);
  const char *signal = NULL;

  field->inspector = self;
  field->property = g_intern_string (property);
  field->kind = kind;
  field->widget = widget;
  g_ptr_array_add (self->fields, field);

  switch (kind)
    {
    case FIELD_ENTRY:
    case FIELD_COLOR:
      signal = "changed";
      break;
    case FIELD_TEXT:
    case FIELD_LINES:
      source = G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)));
      signal = "changed";
      break;
    case FIELD_SWITCH:
      signal = "notify::active";
      break;
    case FIELD_SCALE:
    case FIELD_SPIN:
      signal = "value-changed";
      break;
    case FIELD_ENUM:
      signal = "notify::selected";
      break;
    default:
      g_assert_not_reached ();
    }

  g_signal_connect_data (source, signal, G_CALLBACK (field_changed), g_rc_box_acquire (field),
                         field_closure_notify, G_CONNECT_SWAPPED);

  return field;
}

/* ---- Building the page -------------------------------------------------- */

static GtkWidget *
new_group (WaymarkInspector *self,
           const char       *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static GtkWidget *
entry_row (WaymarkInspector *self,
           GtkWidget        *group,
           const char       *title,
           const char       *property,
           FieldKind         kind)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (property != NULL)
    add_field (self, property, kind, row);
  return row;
}

static GtkWidget *
text_view_in_group (GtkWidget  *group,
                    const char *title)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  return view;
}

static GtkWidget *
text_area (WaymarkInspector *self,
           const char       *title,
           const char       *description,
           const char       *property,
           FieldKind         kind)
{
  GtkWidget *group = new_group (self, title);
  GtkWidget *view;

  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  view = text_view_in_group (group, title);
  if (property != NULL)
    {
      gtk_widget_set_name (view, property);
      add_field (self, property, kind, view);
    }
  return view;
}

static void
color_set (GtkColorButton *button,
           GtkWidget      *entry)
{
  GdkRGBA rgba;
  g_autofree char *text = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  text = g_strdup_printf ("#%02x%02x%02x", (int) round (rgba.red * 255),
                          (int) round (rgba.green * 255), (int) round (rgba.blue * 255));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
color_entry_changed (GtkEditable    *entry,
                     GtkColorButton *button)
{
  GdkRGBA rgba;
  const char *text = gtk_editable_get_text (entry);

  if (*text != '\0' && valid_color (text) && gdk_rgba_parse (&rgba, text))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
}

static void
color_row (WaymarkInspector *self,
           GtkWidget        *group)
{
  GtkWidget *row = entry_row (self, group, _("Colour (#rrggbb)"), "color", FIELD_COLOR);
  GtkWidget *button = gtk_color_button_new ();

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose a Colour"));
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  g_signal_connect (button, "color-set", G_CALLBACK (color_set), row);
  g_signal_connect (row, "changed", G_CALLBACK (color_entry_changed), button);
}

static GtkWidget *
suffix_row (const char *title,
            GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  gtk_accessible_update_property (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static GtkWidget *
switch_row (WaymarkInspector *self,
            GtkWidget        *group,
            const char       *title,
            const char       *subtitle,
            const char       *property)
{
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *row = suffix_row (title, toggle);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_field (self, property, FIELD_SWITCH, toggle);
  return toggle;
}

static GtkWidget *
enum_row (WaymarkInspector   *self,
          GtkWidget          *group,
          const char         *title,
          const char         *property,
          const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_field (self, property, FIELD_ENUM, row);
  return row;
}

static GtkWidget *
spin (double lower,
      double upper)
{
  GtkWidget *button = gtk_spin_button_new_with_range (lower, upper, 1.0);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (button), 2);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
emotion_rows (WaymarkInspector *self,
              GtkWidget        *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *scale_row = adw_action_row_new ();
  int min = waymark_document_get_emotion_min (self->document);
  int max = waymark_document_get_emotion_max (self->document);
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, min, max, 0.5);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Records an Emotion"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_field (self, "has-emotion", FIELD_SWITCH, toggle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (scale_row), _("Emotion"));
  /* Translators: the two ends of the map's emotion scale, e.g. "From -2 to 2" */
  subtitle = g_strdup_printf (_("From %d to %d"), min, max);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (scale_row), subtitle);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 140, -1);
  gtk_scale_set_digits (GTK_SCALE (scale), 1);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  if (min < 0 && max > 0)
    gtk_scale_add_mark (GTK_SCALE (scale), 0.0, GTK_POS_BOTTOM, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Emotion"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (scale_row), scale);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scale_row);
  g_object_bind_property (toggle, "active", scale_row, "sensitive", G_BINDING_SYNC_CREATE);
  add_field (self, "emotion", FIELD_SCALE, scale);
}

/* ---- Metrics (touchpoints and stages) ----------------------------------- */

typedef struct
{
  GtkWidget *row;
  GtkWidget *name;
  GtkWidget *value;
  GtkWidget *has_target;
  GtkWidget *target;
  GtkWidget *unit;
  GtkWidget *higher;
} MetricRow;

static GPtrArray *
element_metrics (WaymarkElement *element)
{
  if (WAYMARK_IS_TOUCHPOINT (element))
    return waymark_touchpoint_get_metrics (WAYMARK_TOUCHPOINT (element));
  if (WAYMARK_IS_STAGE (element))
    return waymark_stage_get_metrics (WAYMARK_STAGE (element));
  return NULL;
}

static void
metrics_apply (WaymarkInspector *self)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->refreshing)
    return;

  for (guint i = 0; i < self->metric_rows->len; i++)
    {
      MetricRow *row = g_ptr_array_index (self->metric_rows, i);
      const char *name = gtk_editable_get_text (GTK_EDITABLE (row->name));
      g_autofree char *title = NULL;

      g_ptr_array_add (metrics,
                       waymark_metric_new (name,
                                           gtk_spin_button_get_value (GTK_SPIN_BUTTON (row->value)),
                                           gtk_check_button_get_active (GTK_CHECK_BUTTON (row->has_target))
                                             ? gtk_spin_button_get_value (GTK_SPIN_BUTTON (row->target))
                                             : NAN,
                                           gtk_editable_get_text (GTK_EDITABLE (row->unit)),
                                           gtk_switch_get_active (GTK_SWITCH (row->higher))));
      title = g_markup_escape_text (*name != '\0' ? name : _("Unnamed metric"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
    }

  g_value_init (&value, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (&value, metrics->len > 0 ? metrics : NULL);
  apply (self, "metrics", &value);
}

static void
metric_remove (GtkButton        *button,
               WaymarkInspector *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "metric-row");

  for (guint i = 0; i < self->metric_rows->len; i++)
    {
      MetricRow *metric = g_ptr_array_index (self->metric_rows, i);

      if (metric->row == row)
        {
          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->metrics_group), row);
          g_ptr_array_remove_index (self->metric_rows, i);
          break;
        }
    }
  metrics_apply (self);
}

static void
add_metric_row (WaymarkInspector    *self,
                const WaymarkMetric *metric)
{
  MetricRow *row = g_new0 (MetricRow, 1);
  GtkWidget *remove;
  GtkWidget *target_box;
  g_autofree char *title = NULL;

  row->row = adw_expander_row_new ();
  title = g_markup_escape_text (*waymark_metric_get_name (metric) != '\0'
                                ? waymark_metric_get_name (metric) : _("Unnamed metric"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);

  row->name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (row->name), waymark_metric_get_name (metric));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->row), row->name);

  row->value = spin (-1e9, 1e9);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->value), waymark_metric_get_value (metric));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->row), suffix_row (_("Value"), row->value));

  target_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  row->has_target = gtk_check_button_new ();
  gtk_widget_set_tooltip_text (row->has_target, _("Has a Target"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->has_target), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Has a Target"), -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->has_target), waymark_metric_has_target (metric));
  row->target = spin (-1e9, 1e9);
  /* Without a target, ticking "Has a Target" starts from the value. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->target),
                             waymark_metric_has_target (metric) ? waymark_metric_get_target (metric)
                                                                : waymark_metric_get_value (metric));
  g_object_bind_property (row->has_target, "active", row->target, "sensitive", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (target_box), row->has_target);
  gtk_box_append (GTK_BOX (target_box), row->target);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->row), suffix_row (_("Target"), target_box));

  row->unit = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->unit), _("Unit"));
  gtk_editable_set_text (GTK_EDITABLE (row->unit), waymark_metric_get_unit (metric));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->row), row->unit);

  row->higher = gtk_switch_new ();
  gtk_widget_set_valign (row->higher, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (row->higher), waymark_metric_higher_is_better (metric));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->row), suffix_row (_("Higher Is Better"), row->higher));

  remove = icon_button ("user-trash-symbolic", _("Remove Metric"));
  g_object_set_data (G_OBJECT (remove), "metric-row", row->row);
  g_signal_connect (remove, "clicked", G_CALLBACK (metric_remove), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->row), remove);

  g_signal_connect_swapped (row->name, "changed", G_CALLBACK (metrics_apply), self);
  g_signal_connect_swapped (row->unit, "changed", G_CALLBACK (metrics_apply), self);
  g_signal_connect_swapped (row->value, "value-changed", G_CALLBACK (metrics_apply), self);
  g_signal_connect_swapped (row->target, "value-changed", G_CALLBACK (metrics_apply), self);
  g_signal_connect_swapped (row->has_target, "notify::active", G_CALLBACK (metrics_apply), self);
  g_signal_connect_swapped (row->higher, "notify::active", G_CALLBACK (metrics_apply), self);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->metrics_group), row->row);
  g_ptr_array_add (self->metric_rows, row);
}

static void
metric_add (GtkButton        *button,
            WaymarkInspector *self)
{
  /* Translators: the name of a new metric, a typical customer satisfaction KPI */
  g_autoptr(WaymarkMetric) metric = waymark_metric_new (_("CSAT"), 0.0, NAN, "", TRUE);
  MetricRow *row;

  /* As many as a map file may hold: more would save a map that no longer
   * opens. */
  if (self->metric_rows->len >= WAYMARK_FORMAT_MAX_ITEMS)
    {
      gtk_widget_error_bell (GTK_WIDGET (button));
      return;
    }
  add_metric_row (self, metric);
  metrics_apply (self);
  row = g_ptr_array_index (self->metric_rows, self->metric_rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->row), TRUE);
}

static void
rebuild_metrics (WaymarkInspector *self)
{
  GPtrArray *metrics = element_metrics (self->element);

  if (self->metrics_group == NULL || metrics == NULL)
    return;

  for (guint i = 0; i < self->metric_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->metrics_group),
                                  ((MetricRow *) g_ptr_array_index (self->metric_rows, i))->row);
  g_ptr_array_set_size (self->metric_rows, 0);

  self->refreshing = TRUE;
  for (guint i = 0; i < metrics->len; i++)
    add_metric_row (self, g_ptr_array_index (metrics, i));
  self->refreshing = FALSE;
}

static void
metrics_group (WaymarkInspector *self,
               const char       *description)
{
  GtkWidget *add = icon_button ("list-add-symbolic", _("Add Metric"));

  self->metrics_group = new_group (self, _("Metrics"));
  gtk_widget_set_name (self->metrics_group, "metrics-group");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->metrics_group), description);
  gtk_widget_set_name (add, "add-metric");
  g_signal_connect (add, "clicked", G_CALLBACK (metric_add), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->metrics_group), add);
  rebuild_metrics (self);
}

/* ---- Owner -------------------------------------------------------------- */

static void
owner_choose (WaymarkInspector *self,
              const char       *name)
{
  /* The entry row is the owner's field: setting its text applies it. */
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), name);
  gtk_editable_set_position (GTK_EDITABLE (self->owner_row), -1);
}

static void
owner_list_activated (GtkListBox       *list,
                      GtkListBoxRow    *row,
                      WaymarkInspector *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);

  owner_choose (self, g_object_get_data (G_OBJECT (row), "owner-name"));
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
owner_list_row (const char *label,
                const char *value,
                const char *color)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), swatch_new (color));
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "owner-name", g_strdup (value), g_free);
  return row;
}

static void
rebuild_owner_list (WaymarkInspector *self)
{
  GListModel *owners = waymark_document_get_owners (self->document);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->owner_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->owner_list), child);

  gtk_list_box_append (GTK_LIST_BOX (self->owner_list), owner_list_row (_("No owner"), "", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (owners); i++)
    {
      g_autoptr(WaymarkOwner) owner = g_list_model_get_item (owners, i);

      gtk_list_box_append (GTK_LIST_BOX (self->owner_list),
                           owner_list_row (waymark_owner_get_name (owner),
                                           waymark_owner_get_name (owner),
                                           waymark_owner_get_color (owner)));
    }
}

typedef struct
{
  WaymarkInspector *inspector;
  char             *name;
} Suggestion;

static gboolean
suggestion_idle (gpointer data)
{
  Suggestion *suggestion = data;

  if (suggestion->inspector->owner_row != NULL)
    owner_choose (suggestion->inspector, suggestion->name);
  return G_SOURCE_REMOVE;
}

static void
suggestion_free (gpointer data)
{
  Suggestion *suggestion = data;

  g_object_unref (suggestion->inspector);
  g_free (suggestion->name);
  g_free (suggestion);
}

static void
suggestion_activated (AdwActionRow     *row,
                      WaymarkInspector *self)
{
  Suggestion *suggestion = g_new0 (Suggestion, 1);

  /* Choosing rebuilds the suggestions: not from inside the row's own signal. */
  suggestion->inspector = g_object_ref (self);
  suggestion->name = g_strdup (g_object_get_data (G_OBJECT (row), "owner-name"));
  g_idle_add_full (G_PRIORITY_DEFAULT, suggestion_idle, suggestion, suggestion_free);
}

/* While the typed owner is not one of the list, the owners whose names
 * contain the text are offered below the entry. */
static void
refresh_owner (WaymarkInspector *self)
{
  GListModel *owners;
  const char *text;
  g_autofree char *folded = NULL;
  WaymarkOwner *exact;

  if (self->owner_row == NULL)
    return;

  owners = waymark_document_get_owners (self->document);
  text = gtk_editable_get_text (GTK_EDITABLE (self->owner_row));
  exact = waymark_document_lookup_owner (self->document, text);
  swatch_set_color (self->owner_swatch, exact != NULL ? waymark_owner_get_color (exact) : NULL);
  if (*text != '\0' && exact == NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->owner_group),
                                           _("Not in the map’s list of owners"));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->owner_group), NULL);

  for (guint i = 0; i < self->suggestion_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->owner_group),
                                  g_ptr_array_index (self->suggestion_rows, i));
  g_ptr_array_set_size (self->suggestion_rows, 0);

  if (*text == '\0' || exact != NULL)
    return;

  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; i < g_list_model_get_n_items (owners) && self->suggestion_rows->len < 4; i++)
    {
      g_autoptr(WaymarkOwner) owner = g_list_model_get_item (owners, i);
      g_autofree char *name = g_utf8_casefold (waymark_owner_get_name (owner), -1);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (strstr (name, folded) == NULL)
        continue;

      row = adw_action_row_new ();
      /* Translators: a suggestion below the owner entry; %s is an owner's name */
      title = g_markup_printf_escaped (_("Use “%s”"), waymark_owner_get_name (owner));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new (waymark_owner_get_color (owner)));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "owner-suggestion");
      g_object_set_data_full (G_OBJECT (row), "owner-name",
                              g_strdup (waymark_owner_get_name (owner)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (suggestion_activated), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->owner_group), row);
      g_ptr_array_add (self->suggestion_rows, row);
    }
}

static void
owner_group (WaymarkInspector *self)
{
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->owner_group = new_group (self, _("Owner"));
  self->owner_row = entry_row (self, self->owner_group, _("Department or Team"), "owner",
                               FIELD_ENTRY);
  gtk_widget_set_name (self->owner_row, "owner");
  self->owner_swatch = swatch_new (NULL);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (self->owner_row), self->owner_swatch);

  self->owner_list = gtk_list_box_new ();
  gtk_widget_set_name (self->owner_list, "owner-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->owner_list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->owner_list), TRUE);
  gtk_widget_add_css_class (self->owner_list, "navigation-sidebar");
  g_signal_connect (self->owner_list, "row-activated", G_CALLBACK (owner_list_activated), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->owner_list);
  gtk_widget_set_size_request (scroller, 200, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  rebuild_owner_list (self);

  gtk_widget_set_name (menu, "owner-menu");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "pan-down-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_set_tooltip_text (menu, _("Choose an Owner"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose an Owner"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->owner_row), menu);

  g_signal_connect_swapped (self->owner_row, "changed", G_CALLBACK (refresh_owner), self);
}

/* ---- Links -------------------------------------------------------------- */

static char *
card_subtitle (WaymarkTouchpoint *touchpoint)
{
  WaymarkStage *stage = waymark_touchpoint_get_stage (touchpoint);
  WaymarkLane *lane = waymark_touchpoint_get_lane (touchpoint);

  /* Translators: where a card is: "<stage> · <lane>" */
  return g_markup_printf_escaped (_("%s · %s"),
                                  stage != NULL ? waymark_stage_get_name (stage) : "",
                                  lane != NULL ? waymark_lane_get_name (lane) : "");
}

static char *
card_title (WaymarkTouchpoint *touchpoint)
{
  const char *title = waymark_touchpoint_get_title (touchpoint);

  return g_markup_escape_text (title != NULL && *title != '\0' ? title : _("Untitled card"), -1);
}

static void
link_remove (GtkButton        *button,
             WaymarkInspector *self)
{
  WaymarkTouchpoint *other = g_object_get_data (G_OBJECT (button), "touchpoint");

  if (!WAYMARK_IS_TOUCHPOINT (self->element))
    return;
  waymark_document_unlink (self->document, WAYMARK_TOUCHPOINT (self->element), other);
}

static void
rebuild_links (WaymarkInspector *self)
{
  g_autoptr(GPtrArray) linked = NULL;
  GtkWidget *list;

  if (self->links_group == NULL || !WAYMARK_IS_TOUCHPOINT (self->element))
    return;

  for (guint i = 0; i < self->link_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->links_group),
                                  g_ptr_array_index (self->link_rows, i));
  g_ptr_array_set_size (self->link_rows, 0);

  /* Rows go before the "Add Link" row, which stays: taking it out would
   * destroy its popover while it closes. */
  list = gtk_widget_get_parent (self->add_link_row);
  linked = waymark_document_get_linked (self->document, WAYMARK_TOUCHPOINT (self->element));
  for (guint i = 0; i < linked->len; i++)
    {
      WaymarkTouchpoint *other = g_ptr_array_index (linked, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = icon_button ("edit-delete-symbolic", _("Remove Link"));
      g_autofree char *title = card_title (other);
      g_autofree char *subtitle = card_subtitle (other);

      gtk_widget_set_name (remove, "link-remove");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      g_object_set_data_full (G_OBJECT (remove), "touchpoint", g_object_ref (other), g_object_unref);
      g_signal_connect (remove, "clicked", G_CALLBACK (link_remove), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_widget_add_css_class (row, "link-row");
      gtk_list_box_insert (GTK_LIST_BOX (list), row, i);
      g_ptr_array_add (self->link_rows, row);
    }
}

static gboolean
link_filter (GtkListBoxRow *row,
             gpointer       data)
{
  WaymarkInspector *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->link_search));
  const char *haystack = g_object_get_data (G_OBJECT (row), "search-text");
  g_autofree char *needle = g_utf8_casefold (text, -1);

  return *needle == '\0' || (haystack != NULL && strstr (haystack, needle) != NULL);
}

static void
link_list_activated (GtkListBox       *list,
                     GtkListBoxRow    *row,
                     WaymarkInspector *self)
{
  WaymarkTouchpoint *other = g_object_get_data (G_OBJECT (row), "touchpoint");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (WAYMARK_IS_TOUCHPOINT (self->element) && other != NULL)
    waymark_document_link (self->document, WAYMARK_TOUCHPOINT (self->element), other);
}

static void
link_search_activated (GtkSearchEntry   *entry,
                       WaymarkInspector *self)
{
  /* Enter takes the first card that matches. */
  for (GtkWidget *row = gtk_widget_get_first_child (self->link_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      {
        link_list_activated (GTK_LIST_BOX (self->link_list), GTK_LIST_BOX_ROW (row), self);
        return;
      }
}

/* Fills the popover with every other card not linked yet, when it opens. */
static void
rebuild_link_list (WaymarkInspector *self)
{
  GListModel *touchpoints = waymark_document_get_touchpoints (self->document);
  g_autoptr(GPtrArray) linked = NULL;
  GtkWidget *child;

  if (!WAYMARK_IS_TOUCHPOINT (self->element))
    return;

  while ((child = gtk_widget_get_first_child (self->link_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->link_list), child);

  linked = waymark_document_get_linked (self->document, WAYMARK_TOUCHPOINT (self->element));
  for (guint i = 0; i < g_list_model_get_n_items (touchpoints); i++)
    {
      g_autoptr(WaymarkTouchpoint) other = g_list_model_get_item (touchpoints, i);
      GtkWidget *row;
      GtkWidget *box;
      GtkWidget *label;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *search = NULL;
      g_autofree char *folded = NULL;
      WaymarkStage *stage = waymark_touchpoint_get_stage (other);

      if (WAYMARK_ELEMENT (other) == self->element || g_ptr_array_find (linked, other, NULL))
        continue;

      title = card_title (other);
      subtitle = card_subtitle (other);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), title);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      search = g_strdup_printf ("%s %s %s", waymark_touchpoint_get_title (other),
                                stage != NULL ? waymark_stage_get_name (stage) : "",
                                waymark_touchpoint_get_owner (other));
      folded = g_utf8_casefold (search, -1);
      g_object_set_data_full (G_OBJECT (row), "search-text", g_steal_pointer (&folded), g_free);
      g_object_set_data_full (G_OBJECT (row), "touchpoint", g_object_ref (other), g_object_unref);
      gtk_list_box_append (GTK_LIST_BOX (self->link_list), row);
    }
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->link_list));
}

static void
link_popover_shown (WaymarkInspector *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->link_search), "");
  rebuild_link_list (self);
  gtk_widget_grab_focus (self->link_search);
}

static void
links_group (WaymarkInspector *self)
{
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *placeholder = gtk_label_new (_("No other cards match"));

  self->links_group = new_group (self, _("Linked Cards"));
  gtk_widget_set_name (self->links_group, "links-group");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->links_group),
                                         _("Backstage steps and the customer touchpoints they serve"));

  self->link_search = gtk_search_entry_new ();
  gtk_widget_set_name (self->link_search, "link-search");
  g_object_set (self->link_search, "placeholder-text", _("Search cards"), NULL);
  self->link_list = gtk_list_box_new ();
  gtk_widget_set_name (self->link_list, "link-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->link_list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->link_list), TRUE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->link_list), link_filter, self, NULL);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->link_list), placeholder);
  gtk_widget_add_css_class (self->link_list, "navigation-sidebar");
  g_signal_connect (self->link_list, "row-activated", G_CALLBACK (link_list_activated), self);
  /* Filtering is cheap: no need to wait for the search entry's delay. */
  g_signal_connect_swapped (self->link_search, "changed",
                            G_CALLBACK (gtk_list_box_invalidate_filter), self->link_list);
  g_signal_connect (self->link_search, "activate", G_CALLBACK (link_search_activated), self);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->link_list);
  gtk_box_append (GTK_BOX (box), self->link_search);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_widget_set_size_request (box, 280, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (link_popover_shown), self);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "list-add-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_set_name (menu, "add-link");

  self->add_link_row = suffix_row (_("Add Link…"), menu);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->add_link_row), menu);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->links_group), self->add_link_row);
  rebuild_links (self);
}

/* ---- Curve point -------------------------------------------------------- */

static void
point_persona_changed (AdwComboRow      *row,
                       GParamSpec       *pspec,
                       WaymarkInspector *self)
{
  guint selected = adw_combo_row_get_selected (row);
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->refreshing || row != ADW_COMBO_ROW (self->point_persona) ||
      selected >= self->point_personas->len)
    return;

  g_value_init (&value, WAYMARK_TYPE_PERSONA);
  g_value_set_object (&value, g_ptr_array_index (self->point_personas, selected));
  apply (self, "persona", &value);
}

static void
point_stage_changed (AdwComboRow      *row,
                     GParamSpec       *pspec,
                     WaymarkInspector *self)
{
  g_autoptr(WaymarkStage) stage = NULL;

  if (self->refreshing || row != ADW_COMBO_ROW (self->point_stage_row))
    return;

  stage = g_list_model_get_item (waymark_document_get_stages (self->document),
                                 adw_combo_row_get_selected (row));
  if (stage == NULL)
    return;
  self->point_stage = stage;
  refresh_point (self);
}

static void
point_value_changed (GtkSpinButton    *button,
                     WaymarkInspector *self)
{
  if (self->refreshing || button != GTK_SPIN_BUTTON (self->point_value) ||
      !WAYMARK_IS_CURVE (self->element) || self->point_stage == NULL)
    return;

  self->applying = TRUE;
  waymark_document_set_curve_value (self->document, WAYMARK_CURVE (self->element), self->point_stage,
                                    gtk_spin_button_get_value (button), TRUE);
  self->applying = FALSE;
  refresh_point (self);
}

static void
point_note_changed (GtkTextBuffer    *buffer,
                    WaymarkInspector *self)
{
  g_autofree char *text = NULL;
  double value;

  if (self->refreshing || self->point_note == NULL ||
      buffer != gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->point_note)) ||
      !WAYMARK_IS_CURVE (self->element) || self->point_stage == NULL ||
      !waymark_curve_get_value (WAYMARK_CURVE (self->element), self->point_stage, &value))
    return;

  text = _waymark_text_view_get (self->point_note);
  self->applying = TRUE;
  waymark_document_set_curve_note (self->document, WAYMARK_CURVE (self->element), self->point_stage,
                                   text);
  self->applying = FALSE;
}

static void
point_remove_clicked (GtkButton        *button,
                      WaymarkInspector *self)
{
  double value;

  if (!WAYMARK_IS_CURVE (self->element) || self->point_stage == NULL)
    return;

  if (waymark_curve_get_value (WAYMARK_CURVE (self->element), self->point_stage, &value))
    waymark_document_unset_curve_value (self->document, WAYMARK_CURVE (self->element),
                                        self->point_stage);
  else
    waymark_document_set_curve_value (self->document, WAYMARK_CURVE (self->element),
                                      self->point_stage,
                                      waymark_document_clamp_emotion (self->document, 0.0), FALSE);
  refresh_point (self);
}

/* Replaces the combo's list only when its names changed: never from inside
 * the combo's own signals for nothing. */
static void
combo_set_names (GtkWidget     *combo,
                 GtkStringList *names)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (names));
  gboolean same = model != NULL && g_list_model_get_n_items (model) == n;

  for (guint i = 0; same && i < n; i++)
    same = g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                      gtk_string_list_get_string (names, i)) == 0;
  if (!same)
    adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
}

static void
refresh_point_personas (WaymarkInspector *self)
{
  GListModel *personas = waymark_document_get_personas (self->document);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  WaymarkPersona *current = waymark_curve_get_persona (WAYMARK_CURVE (self->element));
  guint selected = 0;

  g_ptr_array_set_size (self->point_personas, 0);
  g_ptr_array_add (self->point_personas, NULL);
  gtk_string_list_append (names, _("No persona"));
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);
      const char *name = waymark_persona_get_name (persona);

      if (persona == current)
        selected = self->point_personas->len;
      g_ptr_array_add (self->point_personas, persona);
      gtk_string_list_append (names, name != NULL && *name != '\0' ? name : _("Unnamed persona"));
    }
  combo_set_names (self->point_persona, names);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->point_persona), selected);
}

static void
refresh_point_stages (WaymarkInspector *self)
{
  GListModel *stages = waymark_document_get_stages (self->document);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);

      gtk_string_list_append (names, waymark_stage_get_name (stage));
    }
  combo_set_names (self->point_stage_row, names);
}

static void
refresh_point (WaymarkInspector *self)
{
  WaymarkCurve *curve;
  double value = 0.0;
  gboolean has_value;
  const char *level;
  g_autofree char *subtitle = NULL;
  int index;

  if (self->point_value == NULL || !WAYMARK_IS_CURVE (self->element))
    return;

  curve = WAYMARK_CURVE (self->element);
  self->refreshing = TRUE;

  refresh_point_personas (self);
  refresh_point_stages (self);
  index = waymark_document_get_stage_index (self->document, self->point_stage);
  if (index >= 0)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->point_stage_row), index);

  has_value = waymark_curve_get_value (curve, self->point_stage, &value);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->point_value),
                             waymark_document_get_emotion_min (self->document),
                             waymark_document_get_emotion_max (self->document));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->point_value),
                             has_value ? waymark_document_clamp_emotion (self->document, value)
                                       : 0.0);
  level = has_value ? waymark_document_get_emotion_level_name (self->document, value) : NULL;
  if (!has_value)
    subtitle = g_strdup (_("No point at this stage yet"));
  else if (level != NULL && *level != '\0')
    subtitle = g_strdup (level);
  else
    /* Translators: the two ends of the map's emotion scale, e.g. "From -2 to 2" */
    subtitle = g_strdup_printf (_("From %d to %d"), waymark_document_get_emotion_min (self->document),
                                waymark_document_get_emotion_max (self->document));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->point_value_row), subtitle);

  _waymark_text_view_set (self->point_note, has_value ? waymark_curve_get_note (curve, self->point_stage) : NULL);
  gtk_widget_set_sensitive (self->point_note, has_value);
  gtk_button_set_label (GTK_BUTTON (self->point_remove),
                        has_value ? _("Remove Point") : _("Add Point"));
  if (has_value)
    {
      gtk_widget_add_css_class (self->point_remove, "destructive-action");
      gtk_widget_remove_css_class (self->point_remove, "suggested-action");
    }
  else
    {
      gtk_widget_add_css_class (self->point_remove, "suggested-action");
      gtk_widget_remove_css_class (self->point_remove, "destructive-action");
    }

  self->refreshing = FALSE;
}

static void
build_point (WaymarkInspector *self)
{
  GtkWidget *group = new_group (self, _("Curve"));
  const char *states[] = { _("Current state"), _("Future state"), NULL };
  GtkWidget *box;

  entry_row (self, group, _("Name"), "name", FIELD_ENTRY);

  self->point_persona = adw_combo_row_new ();
  gtk_widget_set_name (self->point_persona, "point-persona");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->point_persona), _("Persona"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->point_persona);
  g_signal_connect (self->point_persona, "notify::selected", G_CALLBACK (point_persona_changed), self);
  enum_row (self, group, _("State"), "state", states);

  group = new_group (self, _("Point"));
  self->point_stage_row = adw_combo_row_new ();
  gtk_widget_set_name (self->point_stage_row, "point-stage");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->point_stage_row), _("Stage"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->point_stage_row);
  g_signal_connect (self->point_stage_row, "notify::selected", G_CALLBACK (point_stage_changed), self);

  self->point_value = spin (WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX);
  gtk_widget_set_name (self->point_value, "point-value");
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->point_value), 1);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (self->point_value), 0.5, 1.0);
  self->point_value_row = suffix_row (_("Emotion"), self->point_value);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->point_value_row);
  g_signal_connect (self->point_value, "value-changed", G_CALLBACK (point_value_changed), self);

  self->point_note = text_area (self, _("Why"), _("What makes the persona feel so at this stage"),
                                NULL, FIELD_TEXT);
  gtk_widget_set_name (self->point_note, "point-note");
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->point_note)), "changed",
                    G_CALLBACK (point_note_changed), self);

  group = new_group (self, NULL);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  self->point_remove = gtk_button_new_with_label (_("Remove Point"));
  gtk_widget_set_name (self->point_remove, "point-remove");
  gtk_widget_add_css_class (self->point_remove, "pill");
  g_signal_connect (self->point_remove, "clicked", G_CALLBACK (point_remove_clicked), self);
  gtk_box_append (GTK_BOX (box), self->point_remove);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
}

/* ---- Pages -------------------------------------------------------------- */

static void
build_touchpoint (WaymarkInspector *self)
{
  GtkWidget *group = new_group (self, _("Touchpoint"));

  entry_row (self, group, _("Title"), "title", FIELD_ENTRY);
  entry_row (self, group, _("Channel"), "channel", FIELD_ENTRY);
  color_row (self, group);
  gtk_widget_set_name (switch_row (self, group, _("Moment of Truth"),
                                   _("A moment the team must get right first"),
                                   "moment-of-truth"),
                       "moment-of-truth");
  owner_group (self);
  text_area (self, _("Description"), NULL, "description", FIELD_TEXT);

  group = new_group (self, _("Emotion"));
  emotion_rows (self, group);

  text_area (self, _("Pain Points"), _("One per line"), "pain-points", FIELD_LINES);
  text_area (self, _("Opportunities"), _("One per line"), "opportunities", FIELD_LINES);

  metrics_group (self, _("KPIs measured at this touchpoint"));
  links_group (self);
}

static void
build_stage (WaymarkInspector *self)
{
  GtkWidget *group = new_group (self, _("Stage"));
  GtkWidget *width = spin (WAYMARK_STAGE_MIN_WIDTH, WAYMARK_STAGE_MAX_WIDTH);

  entry_row (self, group, _("Name"), "name", FIELD_ENTRY);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (width), 0);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (width), 10, 100);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), suffix_row (_("Width"), width));
  add_field (self, "width", FIELD_SPIN, width);
  text_area (self, _("Description"), NULL, "description", FIELD_TEXT);
  metrics_group (self, _("KPIs of this stage, shown in the stage summary row"));
}

static void
build_lane (WaymarkInspector *self)
{
  GtkWidget *group = new_group (self, _("Lane"));
  const char *kinds[] = {
    _("Cards"), _("Text"), _("Emotion curve"), _("Pain points"), _("Opportunities"),
    _("Backstage"), _("Metrics"), NULL,
  };

  entry_row (self, group, _("Name"), "name", FIELD_ENTRY);
  gtk_widget_set_name (enum_row (self, group, _("Kind"), "kind", kinds), "lane-kind");
  gtk_widget_set_name (switch_row (self, group, _("Hidden"), _("Not drawn on the map nor exported"),
                                   "hidden"),
                       "lane-hidden");
  gtk_widget_set_name (switch_row (self, group, _("Collapsed"), _("Drawn as a thin row with its name"),
                                   "collapsed"),
                       "lane-collapsed");
  text_area (self, _("Description"), NULL, "description", FIELD_TEXT);
}

static void
open_map_settings (WaymarkInspector *self)
{
  waymark_map_settings_present (parent_window (self), self->document);
}

static void
open_personas (WaymarkInspector *self)
{
  waymark_personas_dialog_present (parent_window (self), self->document);
}

static void
refresh_map (WaymarkInspector *self)
{
  const char * const *levels;
  guint named = 0;
  int min;
  int max;
  guint n_personas;
  g_autofree char *scale = NULL;
  g_autofree char *personas = NULL;

  if (self->scale_row == NULL || self->element != NULL)
    return;

  min = waymark_document_get_emotion_min (self->document);
  max = waymark_document_get_emotion_max (self->document);
  levels = waymark_document_get_emotion_levels (self->document);
  for (guint i = 0; levels != NULL && levels[i] != NULL; i++)
    if (*levels[i] != '\0')
      named++;
  /* Translators: a summary of the emotion scale, e.g. "From -2 to 2, 5 named levels" */
  scale = g_strdup_printf (ngettext ("From %d to %d, %u named level",
                                     "From %d to %d, %u named levels", named),
                           min, max, named);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scale_row), scale);

  n_personas = g_list_model_get_n_items (waymark_document_get_personas (self->document));
  personas = g_strdup_printf (ngettext ("%u persona", "%u personas", n_personas), n_personas);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->personas_row), personas);
}

static GtkWidget *
dialog_row (GtkWidget  *group,
            const char *title,
            GCallback   callback,
            gpointer    data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_swapped (row, "activated", callback, data);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
build_map (WaymarkInspector *self)
{
  GtkWidget *group = new_group (self, _("Journey Map"));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Select a card, stage or lane to edit it"));
  entry_row (self, group, _("Title"), "title", FIELD_ENTRY);
  entry_row (self, group, _("Author"), "author", FIELD_ENTRY);
  text_area (self, _("Description"), NULL, "description", FIELD_TEXT);

  group = new_group (self, _("Settings"));
  self->scale_row = dialog_row (group, _("Emotion Scale and Owners"),
                                G_CALLBACK (open_map_settings), self);
  gtk_widget_set_name (self->scale_row, "map-settings");
  self->personas_row = dialog_row (group, _("Personas"), G_CALLBACK (open_personas), self);
  gtk_widget_set_name (self->personas_row, "personas");
}

static void
rebuild (WaymarkInspector *self)
{
  self->refreshing = TRUE;
  self->metrics_group = NULL;
  self->owner_group = self->owner_row = self->owner_swatch = self->owner_list = NULL;
  self->links_group = self->add_link_row = self->link_search = self->link_list = NULL;
  self->point_persona = self->point_stage_row = self->point_value_row = NULL;
  self->point_value = self->point_note = self->point_remove = NULL;
  self->scale_row = self->personas_row = NULL;
  g_ptr_array_set_size (self->metric_rows, 0);
  g_ptr_array_set_size (self->suggestion_rows, 0);
  g_ptr_array_set_size (self->link_rows, 0);
  g_ptr_array_set_size (self->point_personas, 0);
  g_ptr_array_set_size (self->fields, 0);

  self->page = adw_preferences_page_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->page);
  self->refreshing = FALSE;

  if (self->document == NULL)
    return;

  if (WAYMARK_IS_TOUCHPOINT (self->element))
    build_touchpoint (self);
  else if (WAYMARK_IS_STAGE (self->element))
    build_stage (self);
  else if (WAYMARK_IS_LANE (self->element))
    build_lane (self);
  else if (WAYMARK_IS_CURVE (self->element))
    build_point (self);
  else
    build_map (self);

  refresh (self);
}

/* ---- Document ----------------------------------------------------------- */

static gboolean
rebuild_idle (gpointer data)
{
  WaymarkInspector *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed (WaymarkInspector  *self,
                  WaymarkChangeKind  kind,
                  WaymarkElement    *element,
                  const char        *detail)
{
  if (kind == WAYMARK_CHANGE_REMOVED && element != NULL &&
      (element == self->element ||
       (WAYMARK_IS_CURVE (self->element) && element == WAYMARK_ELEMENT (self->point_stage))))
    {
      waymark_inspector_set_element (self, NULL);
      return;
    }

  if (self->applying)
    return;

  /* A new emotion scale changes the ranges of the page: rebuilt once the
   * whole scale is set (its bounds and names change one by one). */
  if (element == NULL && kind == WAYMARK_CHANGE_PROPERTY && detail != NULL &&
      g_str_has_prefix (detail, "emotion-") && self->element != NULL)
    {
      if (self->rebuild_id == 0)
        self->rebuild_id = g_idle_add (rebuild_idle, self);
      return;
    }

  if (WAYMARK_IS_OWNER (element) && self->owner_list != NULL)
    {
      rebuild_owner_list (self);
      refresh_owner (self);
    }

  if (self->links_group != NULL &&
      (WAYMARK_IS_TOUCHPOINT (element) || WAYMARK_IS_STAGE (element) || WAYMARK_IS_LANE (element)) &&
      (kind != WAYMARK_CHANGE_PROPERTY || g_strcmp0 (detail, "links") == 0 ||
       g_strcmp0 (detail, "title") == 0 || g_strcmp0 (detail, "name") == 0))
    rebuild_links (self);

  if (WAYMARK_IS_CURVE (self->element))
    {
      if (element == self->element || WAYMARK_IS_PERSONA (element) || WAYMARK_IS_STAGE (element) ||
          element == NULL)
        refresh (self);
      return;
    }

  if (self->element == NULL)
    {
      if (element == NULL || WAYMARK_IS_PERSONA (element))
        refresh (self);
      return;
    }

  if (kind != WAYMARK_CHANGE_PROPERTY || element != self->element)
    return;

  if (g_strcmp0 (detail, "metrics") == 0)
    rebuild_metrics (self);
  else
    refresh (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
waymark_inspector_dispose (GObject *object)
{
  WaymarkInspector *self = WAYMARK_INSPECTOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->document);
  self->element = NULL;
  self->point_stage = NULL;

  G_OBJECT_CLASS (waymark_inspector_parent_class)->dispose (object);
}

static void
waymark_inspector_finalize (GObject *object)
{
  WaymarkInspector *self = WAYMARK_INSPECTOR (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->metric_rows, g_ptr_array_unref);
  g_clear_pointer (&self->suggestion_rows, g_ptr_array_unref);
  g_clear_pointer (&self->link_rows, g_ptr_array_unref);
  g_clear_pointer (&self->point_personas, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_inspector_parent_class)->finalize (object);
}

static void
waymark_inspector_class_init (WaymarkInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_inspector_dispose;
  object_class->finalize = waymark_inspector_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
waymark_inspector_init (WaymarkInspector *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_release);
  self->metric_rows = g_ptr_array_new_with_free_func (g_free);
  self->suggestion_rows = g_ptr_array_new ();
  self->link_rows = g_ptr_array_new ();
  self->point_personas = g_ptr_array_new ();

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  rebuild (self);
}

/* ---- Public API --------------------------------------------------------- */

GtkWidget *
waymark_inspector_new (void)
{
  return g_object_new (WAYMARK_TYPE_INSPECTOR, NULL);
}

void
waymark_inspector_set_document (WaymarkInspector *self,
                                WaymarkDocument  *document)
{
  g_return_if_fail (WAYMARK_IS_INSPECTOR (self));
  g_return_if_fail (document == NULL || WAYMARK_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  self->element = NULL;
  self->point_stage = NULL;
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed), self,
                             G_CONNECT_SWAPPED);
  rebuild (self);
}

void
waymark_inspector_set_element (WaymarkInspector *self,
                               WaymarkElement   *element)
{
  g_return_if_fail (WAYMARK_IS_INSPECTOR (self));
  g_return_if_fail (element == NULL || WAYMARK_IS_ELEMENT (element));

  if (WAYMARK_IS_CURVE (element) && self->document != NULL)
    {
      GListModel *stages = waymark_document_get_stages (self->document);
      g_autoptr(WaymarkStage) first = g_list_model_get_item (stages, 0);
      WaymarkStage *stage = first;

      if (element == self->element && self->point_stage != NULL)
        return;
      for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
        {
          g_autoptr(WaymarkStage) candidate = g_list_model_get_item (stages, i);
          double value;

          if (waymark_curve_get_value (WAYMARK_CURVE (element), candidate, &value))
            {
              stage = candidate;
              break;
            }
        }
      if (stage != NULL)
        {
          waymark_inspector_set_point (self, WAYMARK_CURVE (element), stage);
          return;
        }
    }

  /* Personas have no page of their own (they have a dialog): show the map. */
  if (element != NULL && !WAYMARK_IS_TOUCHPOINT (element) && !WAYMARK_IS_STAGE (element) &&
      !WAYMARK_IS_LANE (element))
    element = NULL;

  if (self->element == element && self->fields->len > 0)
    return;

  self->element = element;
  self->point_stage = NULL;
  rebuild (self);
}

void
waymark_inspector_set_point (WaymarkInspector *self,
                             WaymarkCurve     *curve,
                             WaymarkStage     *stage)
{
  g_return_if_fail (WAYMARK_IS_INSPECTOR (self));
  g_return_if_fail (WAYMARK_IS_CURVE (curve));
  g_return_if_fail (WAYMARK_IS_STAGE (stage));

  if (self->element == WAYMARK_ELEMENT (curve) && self->point_value != NULL)
    {
      self->point_stage = stage;
      refresh_point (self);
      return;
    }

  self->element = WAYMARK_ELEMENT (curve);
  self->point_stage = stage;
  rebuild (self);
}

WaymarkElement *
waymark_inspector_get_element (WaymarkInspector *self)
{
  g_return_val_if_fail (WAYMARK_IS_INSPECTOR (self), NULL);

  return self->element;
}
