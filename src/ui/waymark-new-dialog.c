/* waymark-new-dialog.c — choosing a template for a new map, with previews
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "waymark-format.h"
#include "waymark-format-translate.h"
#include "waymark-layout.h"
#include "waymark-new-dialog.h"
#include "waymark-renderer.h"
#include "waymark-ui-private.h"

/* Size of a preview in logical pixels (16:10). */
#define PREVIEW_WIDTH  288
#define PREVIEW_HEIGHT 180

/* The bundled templates in the order the dialog shows them, with a short
 * title and one line about each. A template found in the resources but not
 * listed here comes after them, titled and described by its own map. */
static const struct {
  const char *name;
  const char *title;
  const char *description;
} known_templates[] = {
  /* Translators: a template for a new journey map */
  { "blank", N_("Blank Map"),
    N_("Six stages, the usual lanes and a named emotion scale, ready for your cards") },
  /* Translators: a template for a new journey map, the example of Waymark */
  { "hotel-stay", N_("Hotel Stay"),
    N_("Two personas, today’s and tomorrow’s curves, backstage, owners and KPIs") },
  /* Translators: a template for a new journey map */
  { "retail-purchase", N_("Retail Purchase"),
    N_("Replacing a washing machine across web, store and home delivery") },
  /* Translators: a template for a new journey map; SaaS = software as a service */
  { "saas-onboarding", N_("SaaS Onboarding"),
    N_("From a free trial to a paid team plan: activation, invitations and first value") },
  /* Translators: a template for a new journey map; churn = customers leaving */
  { "telecom-churn-retention", N_("Telecom Churn and Retention"),
    N_("The end of a mobile contract, the call to cancel and the retention offer") },
  /* Translators: a template for a new journey map; B2B = business to business */
  { "b2b-construction-distributor", N_("Construction Supplies (B2B)"),
    N_("A contractor’s quote, trade credit, delivery to site and invoicing") },
  /* Translators: a template for a new journey map */
  { "luxury-fashion-omnichannel", N_("Luxury Fashion Omnichannel"),
    N_("Clienteling across boutique appointments, online and after-sales repairs") },
};

typedef struct
{
  char      *name;
  GtkWidget *picture;   /* owned by the flow box */
} Tile;

struct _WaymarkNewDialog
{
  AdwWindow  parent_instance;

  GtkWindow *parent;    /* weak */
  GtkWidget *flow_box;
  GPtrArray *tiles;     /* of Tile, in display order */
  guint      next_preview;  /* index in tiles of the next preview to draw */
  guint      preview_source;
};

G_DEFINE_FINAL_TYPE (WaymarkNewDialog, waymark_new_dialog, ADW_TYPE_WINDOW)

/* ---- Auxiliary ------------------------------------------------------------- */

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_free (tile->name);
  g_free (tile);
}

static int
known_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_templates); i++)
    if (strcmp (known_templates[i].name, name) == 0)
      return (int) i;
  return -1;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  int index_a = known_index (name_a);
  int index_b = known_index (name_b);

  if (index_a >= 0 && index_b >= 0)
    return index_a - index_b;
  if (index_a >= 0 || index_b >= 0)
    return index_a >= 0 ? -1 : 1;
  return strcmp (name_a, name_b);
}

/* The names of the templates in the resources, in display order. */
static GPtrArray *
list_templates (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  children = g_resources_enumerate_children (WAYMARK_NEW_DIALOG_TEMPLATES_PATH,
                                             G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (children == NULL)
    {
      g_warning ("No templates in the resources: %s", error->message);
      return names;
    }

  for (guint i = 0; children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".cjmx") && strlen (children[i]) > strlen (".cjmx"))
      g_ptr_array_add (names, g_strndup (children[i], strlen (children[i]) - strlen (".cjmx")));
  g_ptr_array_sort (names, compare_names);

  return names;
}

/* A template read and translated as "win.new-from-template" opens it. */
static WaymarkDocument *
read_template (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat (WAYMARK_NEW_DIALOG_TEMPLATES_PATH, name, ".cjmx", NULL);
  g_autoptr(GBytes) bytes = NULL;
  WaymarkDocument *document;
  const char *data;
  gsize length = 0;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  document = waymark_format_read (data, length, NULL, NULL, error);
  if (document != NULL)
    waymark_format_translate_document (document, GETTEXT_PACKAGE);

  return document;
}

/* The top of the map, fitted to the preview's width, drawn into an image at
 * the screen's scale and shown at the preview's logical size. */
static GdkPaintable *
render_preview (WaymarkDocument *document,
                int              scale_factor,
                gboolean         dark)
{
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (document, NULL);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  WaymarkRenderOptions options;
  cairo_surface_t *surface;
  WaymarkRect region;
  cairo_t *cr;
  double width = waymark_layout_get_width (layout);
  double zoom;
  int pixel_width = PREVIEW_WIDTH * scale_factor;
  int pixel_height = PREVIEW_HEIGHT * scale_factor;

  zoom = width > 0 ? MIN (1.0, PREVIEW_WIDTH / width) : 1.0;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cr = cairo_create (surface);
  cairo_scale (cr, zoom * scale_factor, zoom * scale_factor);
  region.x = 0;
  region.y = 0;
  region.width = PREVIEW_WIDTH / zoom;
  region.height = PREVIEW_HEIGHT / zoom;
  waymark_render_options_init (&options);
  options.dark = dark;
  waymark_renderer_draw (layout, cr, &region, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * pixel_height);
  texture = gdk_memory_texture_new (pixel_width, pixel_height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);

  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (0, 0, PREVIEW_WIDTH, PREVIEW_HEIGHT));
  return gtk_snapshot_to_paintable (snapshot, &GRAPHENE_SIZE_INIT (PREVIEW_WIDTH,
                                                                   PREVIEW_HEIGHT));
}

/* ---- Callbacks ------------------------------------------------------------- */

/* One preview per idle call, so that the dialog shows at once and stays
 * responsive while the others are drawn. */
static gboolean
draw_next_preview (gpointer data)
{
  WaymarkNewDialog *self = data;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GError) error = NULL;
  Tile *tile;

  if (self->next_preview >= self->tiles->len)
    {
      self->preview_source = 0;
      return G_SOURCE_REMOVE;
    }

  tile = g_ptr_array_index (self->tiles, self->next_preview++);
  document = read_template (tile->name, &error);
  if (document == NULL)
    {
      g_warning ("Template “%s” could not be read: %s", tile->name, error->message);
    }
  else
    {
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

      paintable = render_preview (document, gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                  dark);
      gtk_picture_set_paintable (GTK_PICTURE (tile->picture), paintable);
    }

  if (self->next_preview < self->tiles->len)
    return G_SOURCE_CONTINUE;

  self->preview_source = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_previews (WaymarkNewDialog *self)
{
  self->next_preview = 0;
  if (self->preview_source == 0)
    self->preview_source = g_idle_add_full (G_PRIORITY_LOW, draw_next_preview, self, NULL);
}

/* The previews look like the canvas, light or dark, and stay sharp on a
 * screen of another scale. */
static void
redraw_previews (WaymarkNewDialog *self)
{
  queue_previews (self);
}

static void
child_activated (GtkFlowBox       *flow_box,
                 GtkFlowBoxChild  *child,
                 WaymarkNewDialog *self)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (child));

  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.new-from-template", "s", name);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- Building the list ----------------------------------------------------- */

static void
add_tile (WaymarkNewDialog *self,
          const char       *name)
{
  g_autoptr(WaymarkDocument) document = NULL;
  GtkWidget *child, *box, *frame, *picture, *title, *description;
  const char *title_text, *description_text;
  int index = known_index (name);
  Tile *tile;

  if (index >= 0)
    {
      title_text = _(known_templates[index].title);
      description_text = _(known_templates[index].description);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      /* A template without an entry above describes itself. */
      document = read_template (name, &error);
      if (document == NULL)
        {
          g_warning ("Template “%s” could not be read: %s", name, error->message);
          return;
        }
      title_text = waymark_document_get_title (document);
      if (title_text == NULL || title_text[0] == '\0')
        title_text = name;
      description_text = waymark_document_get_description (document);
      if (description_text == NULL)
        description_text = "";
    }

  picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_size_request (picture, PREVIEW_WIDTH, PREVIEW_HEIGHT);

  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "waymark-template-preview");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_frame_set_child (GTK_FRAME (frame), picture);

  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");

  description = gtk_label_new (description_text);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_yalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_lines (GTK_LABEL (description), 2);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 1);
  gtk_widget_set_hexpand (description, TRUE);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Tiles keep the previews' size when a line has room to spare. */
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (box, PREVIEW_WIDTH + 2, -1);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);

  child = gtk_flow_box_child_new ();
  gtk_widget_set_name (child, name);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title_text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description_text,
                                  -1);
  gtk_flow_box_append (GTK_FLOW_BOX (self->flow_box), child);

  tile = g_new0 (Tile, 1);
  tile->name = g_strdup (name);
  tile->picture = picture;
  g_ptr_array_add (self->tiles, tile);
}

/* ---- GObject ---------------------------------------------------------------- */

static void
waymark_new_dialog_dispose (GObject *object)
{
  WaymarkNewDialog *self = WAYMARK_NEW_DIALOG (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), redraw_previews, self);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (waymark_new_dialog_parent_class)->dispose (object);
}

static void
waymark_new_dialog_class_init (WaymarkNewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _waymark_ui_ensure_resources ();

  object_class->dispose = waymark_new_dialog_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
waymark_new_dialog_init (WaymarkNewDialog *self)
{
  g_autoptr(GPtrArray) names = list_templates ();
  GtkWidget *content, *header, *scrolled;

  self->tiles = g_ptr_array_new_with_free_func (tile_free);

  gtk_window_set_title (GTK_WINDOW (self), _("New Map"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 680);

  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("New Map"),
                                                         _("Start from a template")));

  self->flow_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (self->flow_box), TRUE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow_box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->flow_box), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow_box), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow_box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow_box), 12);
  gtk_widget_set_valign (self->flow_box, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->flow_box, 18);
  gtk_widget_set_margin_bottom (self->flow_box, 18);
  gtk_widget_set_margin_start (self->flow_box, 12);
  gtk_widget_set_margin_end (self->flow_box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->flow_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Templates"), -1);
  g_signal_connect (self->flow_box, "child-activated", G_CALLBACK (child_activated), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->flow_box);
  gtk_widget_set_vexpand (scrolled, TRUE);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);

  for (guint i = 0; i < names->len; i++)
    add_tile (self, g_ptr_array_index (names, i));

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (redraw_previews), self);
  g_signal_connect_swapped (self, "notify::scale-factor", G_CALLBACK (redraw_previews), self);
  queue_previews (self);
}

/* ---- Public API --------------------------------------------------------------- */

GtkWidget *
waymark_new_dialog_new (GtkWindow *parent)
{
  WaymarkNewDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (WAYMARK_TYPE_NEW_DIALOG,
                       "transient-for", parent,
                       NULL);
  g_set_weak_pointer (&self->parent, parent);

  return GTK_WIDGET (self);
}

GtkWidget *
waymark_new_dialog_present (GtkWindow *parent)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  dialog = waymark_new_dialog_new (parent);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
