/* waymark-inspector.c — every property of the selected element, editable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "waymark-inspector.h"

typedef enum {
  FIELD_ENTRY,     /* AdwEntryRow, string */
  FIELD_TEXT,      /* GtkTextView, string */
  FIELD_LINES,     /* GtkTextView, GStrv one item per line */
  FIELD_SWITCH,    /* GtkSwitch, boolean */
  FIELD_SCALE,     /* GtkScale, double */
  FIELD_SPIN,      /* GtkSpinButton, double */
  FIELD_KIND,      /* AdwComboRow, WaymarkLaneKind */
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

  WaymarkDocument *document;
  WaymarkElement  *element;
  GPtrArray       *fields;     /* Field* */
  gboolean         applying;   /* our own edit is being applied */
  gboolean         refreshing; /* widgets are being set from the model */
};

G_DEFINE_FINAL_TYPE (WaymarkInspector, waymark_inspector, GTK_TYPE_WIDGET)

static void rebuild          (WaymarkInspector *self);
static void rebuild_metrics  (WaymarkInspector *self);

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

static char *
text_view_get (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
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
      g_value_take_string (&value, text_view_get (field->widget));
      break;
    case FIELD_LINES:
      {
        g_autofree char *text = text_view_get (field->widget);
        g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) items = NULL;

        /* Blank lines separate nothing: they are not items. */
        for (guint i = 0; lines[i] != NULL; i++)
          if (*g_strstrip (lines[i]) != '\0')
            g_strv_builder_add (builder, lines[i]);
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
    case FIELD_KIND:
      g_value_init (&value, WAYMARK_TYPE_LANE_KIND);
      g_value_set_enum (&value, adw_combo_row_get_selected (ADW_COMBO_ROW (field->widget)));
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
    case FIELD_LINES:
      {
        g_autofree char *current = text_view_get (field->widget);
        g_autofree char *text = NULL;

        if (field->kind == FIELD_TEXT)
          text = g_value_dup_string (&value);
        else
          {
            const char * const *items = g_value_get_boxed (&value);

            text = items != NULL ? g_strjoinv ("\n", (char **) items) : g_strdup ("");
          }
        if (g_strcmp0 (current, text ? text : "") != 0)
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)),
                                    text ? text : "", -1);
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
    case FIELD_KIND:
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
    case FIELD_KIND:
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
  add_field (self, property, kind, row);
  return row;
}

static void
text_area (WaymarkInspector *self,
           const char       *title,
           const char       *description,
           const char       *property,
           FieldKind         kind)
{
  GtkWidget *group = new_group (self, title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
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
  add_field (self, property, kind, view);
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

static void
emotion_rows (WaymarkInspector *self,
              GtkWidget        *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *scale_row = adw_action_row_new ();
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL,
                                               WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX, 0.5);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Records an Emotion"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_field (self, "has-emotion", FIELD_SWITCH, toggle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (scale_row), _("Emotion"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (scale_row), _("From very negative to very positive"));
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 140, -1);
  gtk_scale_set_digits (GTK_SCALE (scale), 1);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_add_mark (GTK_SCALE (scale), 0.0, GTK_POS_BOTTOM, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Emotion"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (scale_row), scale);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scale_row);
  g_object_bind_property (toggle, "active", scale_row, "sensitive", G_BINDING_SYNC_CREATE);
  add_field (self, "emotion", FIELD_SCALE, scale);
}

/* ---- Metrics ------------------------------------------------------------ */

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

static GtkWidget *
spin (double lower,
      double upper)
{
  GtkWidget *button = gtk_spin_button_new_with_range (lower, upper, 1.0);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (button), 2);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
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
  if (waymark_metric_has_target (metric))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->target), waymark_metric_get_target (metric));
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

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Metric"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Metric"), -1);
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
  g_autoptr(WaymarkMetric) metric = waymark_metric_new (_("CSAT"), 0.0, NAN, "", TRUE);

  add_metric_row (self, metric);
  metrics_apply (self);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (((MetricRow *) g_ptr_array_index (self->metric_rows,
                                                     self->metric_rows->len - 1))->row), TRUE);
}

static void
rebuild_metrics (WaymarkInspector *self)
{
  GPtrArray *metrics;

  if (self->metrics_group == NULL || !WAYMARK_IS_TOUCHPOINT (self->element))
    return;

  for (guint i = 0; i < self->metric_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->metrics_group),
                                  ((MetricRow *) g_ptr_array_index (self->metric_rows, i))->row);
  g_ptr_array_set_size (self->metric_rows, 0);

  self->refreshing = TRUE;
  metrics = waymark_touchpoint_get_metrics (WAYMARK_TOUCHPOINT (self->element));
  for (guint i = 0; i < metrics->len; i++)
    add_metric_row (self, g_ptr_array_index (metrics, i));
  self->refreshing = FALSE;
}

static void
build_touchpoint (WaymarkInspector *self)
{
  GtkWidget *group = new_group (self, _("Touchpoint"));
  GtkWidget *add;

  entry_row (self, group, _("Title"), "title", FIELD_ENTRY);
  entry_row (self, group, _("Channel"), "channel", FIELD_ENTRY);
  entry_row (self, group, _("Owner"), "owner", FIELD_ENTRY);
  color_row (self, group);
  text_area (self, _("Description"), NULL, "description", FIELD_TEXT);

  group = new_group (self, _("Emotion"));
  emotion_rows (self, group);

  text_area (self, _("Pain Points"), _("One per line"), "pain-points", FIELD_LINES);
  text_area (self, _("Opportunities"), _("One per line"), "opportunities", FIELD_LINES);

  self->metrics_group = new_group (self, _("Metrics"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->metrics_group),
                                         _("KPIs measured at this touchpoint"));
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add Metric"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Metric"), -1);
  g_signal_connect (add, "clicked", G_CALLBACK (metric_add), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->metrics_group), add);
  rebuild_metrics (self);
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
}

static void
build_lane (WaymarkInspector *self)
{
  GtkWidget *group = new_group (self, _("Lane"));
  GtkWidget *kind = adw_combo_row_new ();
  const char *kinds[] = {
    _("Cards"), _("Text"), _("Emotion curve"), _("Pain points"), _("Opportunities"),
    _("Backstage"), NULL,
  };
  g_autoptr(GtkStringList) model = gtk_string_list_new (kinds);

  entry_row (self, group, _("Name"), "name", FIELD_ENTRY);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), kind);
  add_field (self, "kind", FIELD_KIND, kind);
  text_area (self, _("Description"), NULL, "description", FIELD_TEXT);
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
}

static void
rebuild (WaymarkInspector *self)
{
  self->page = adw_preferences_page_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->page);

  self->metrics_group = NULL;
  g_ptr_array_set_size (self->metric_rows, 0);
  g_ptr_array_set_size (self->fields, 0);

  if (self->document == NULL)
    return;

  if (WAYMARK_IS_TOUCHPOINT (self->element))
    build_touchpoint (self);
  else if (WAYMARK_IS_STAGE (self->element))
    build_stage (self);
  else if (WAYMARK_IS_LANE (self->element))
    build_lane (self);
  else
    build_map (self);

  refresh (self);
}

/* ---- Document ----------------------------------------------------------- */

static void
document_changed (WaymarkInspector  *self,
                  WaymarkChangeKind  kind,
                  WaymarkElement    *element,
                  const char        *detail)
{
  if (kind == WAYMARK_CHANGE_REMOVED && element != NULL && element == self->element)
    {
      waymark_inspector_set_element (self, NULL);
      return;
    }

  if (kind != WAYMARK_CHANGE_PROPERTY || element != self->element || self->applying)
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
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->document);
  self->element = NULL;

  G_OBJECT_CLASS (waymark_inspector_parent_class)->dispose (object);
}

static void
waymark_inspector_finalize (GObject *object)
{
  WaymarkInspector *self = WAYMARK_INSPECTOR (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->metric_rows, g_ptr_array_unref);

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

  /* Curves and personas have no page of their own yet: show the map. */
  if (element != NULL && !WAYMARK_IS_TOUCHPOINT (element) && !WAYMARK_IS_STAGE (element) &&
      !WAYMARK_IS_LANE (element))
    element = NULL;

  if (self->element == element && self->fields->len > 0)
    return;

  self->element = element;
  rebuild (self);
}

WaymarkElement *
waymark_inspector_get_element (WaymarkInspector *self)
{
  g_return_val_if_fail (WAYMARK_IS_INSPECTOR (self), NULL);

  return self->element;
}
