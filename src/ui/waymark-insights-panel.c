/* waymark-insights-panel.c — the sidebar page listing what the map says
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "waymark-insights.h"
#include "waymark-insights-panel.h"

/* A map far larger than real ones can have thousands of empty cells: the
 * panel is a summary, not a second outline. */
#define MAX_ROWS_PER_KIND 50

#define N_KINDS (WAYMARK_INSIGHT_EMPTY_CELL + 1)

struct _WaymarkInsightsPanel
{
  GtkWidget        parent_instance;

  GtkWidget       *stack;
  GtkWidget       *box;
  WaymarkDocument *document;
  guint            n_items;
  guint            update_id;
  gboolean         dirty;
};

G_DEFINE_FINAL_TYPE (WaymarkInsightsPanel, waymark_insights_panel, GTK_TYPE_WIDGET)

enum {
  INSIGHT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Auxiliary ---------------------------------------------------------- */

/* Where a metric is, since its sentence only names the metric. */
static char *
describe_place (WaymarkInsight *insight)
{
  if (WAYMARK_IS_TOUCHPOINT (insight->element) && insight->stage != NULL)
    /* Translators: a touchpoint's title, then a stage name */
    return g_strdup_printf (_("“%s” at “%s”"),
                            waymark_touchpoint_get_title (WAYMARK_TOUCHPOINT (insight->element)),
                            waymark_stage_get_name (insight->stage));
  if (WAYMARK_IS_STAGE (insight->element))
    /* Translators: %s is a stage name */
    return g_strdup_printf (_("Stage “%s”"),
                            waymark_stage_get_name (WAYMARK_STAGE (insight->element)));
  return NULL;
}

static void
row_activated (AdwActionRow         *row,
               WaymarkInsightsPanel *self)
{
  WaymarkElement *element = g_object_get_data (G_OBJECT (row), "element");
  WaymarkStage *stage = g_object_get_data (G_OBJECT (row), "stage");

  g_signal_emit (self, signals[INSIGHT_ACTIVATED], 0, element, stage);
}

static GtkWidget *
create_row (WaymarkInsightsPanel *self,
            WaymarkInsight       *insight)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *place = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), insight->text);
  if (insight->kind == WAYMARK_INSIGHT_OFF_TARGET && (place = describe_place (insight)) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  g_object_set_data_full (G_OBJECT (row), "element", g_object_ref (insight->element),
                          g_object_unref);
  if (insight->stage != NULL)
    g_object_set_data_full (G_OBJECT (row), "stage", g_object_ref (insight->stage),
                            g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated), self);
  return row;
}

static GtkWidget *
create_group (WaymarkInsightKind kind,
              guint              count)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *badge = gtk_label_new (count_text);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   waymark_insight_kind_get_title (kind));
  gtk_widget_add_css_class (badge, "insight-count");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), badge);
  return group;
}

static void
update (WaymarkInsightsPanel *self)
{
  g_autoptr(GPtrArray) insights = NULL;
  GtkWidget *groups[N_KINDS] = { NULL, };
  guint counts[N_KINDS] = { 0, };
  guint shown[N_KINDS] = { 0, };
  GtkWidget *child;

  self->dirty = FALSE;
  g_clear_handle_id (&self->update_id, g_source_remove);

  /* Rebuilt in place: the scrolled window keeps its position. */
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  if (self->document != NULL)
    insights = waymark_insights_collect (self->document);
  self->n_items = insights != NULL ? insights->len : 0;

  for (guint i = 0; i < self->n_items; i++)
    counts[((WaymarkInsight *) g_ptr_array_index (insights, i))->kind]++;

  for (guint i = 0; i < self->n_items; i++)
    {
      WaymarkInsight *insight = g_ptr_array_index (insights, i);
      WaymarkInsightKind kind = insight->kind;

      if (groups[kind] == NULL)
        {
          groups[kind] = create_group (kind, counts[kind]);
          gtk_box_append (GTK_BOX (self->box), groups[kind]);
        }
      if (shown[kind] < MAX_ROWS_PER_KIND)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[kind]),
                                   create_row (self, insight));
      else if (shown[kind] == MAX_ROWS_PER_KIND)
        {
          GtkWidget *more = adw_action_row_new ();
          g_autofree char *text = NULL;
          guint rest = counts[kind] - MAX_ROWS_PER_KIND;

          /* Translators: the rows not listed in a group of the insights panel */
          text = g_strdup_printf (ngettext ("And %u more", "And %u more", rest), rest);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
          gtk_widget_add_css_class (more, "dim-label");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[kind]), more);
        }
      shown[kind]++;
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->n_items > 0 ? "list" : "empty");
}

static gboolean
update_idle_cb (gpointer user_data)
{
  WaymarkInsightsPanel *self = user_data;

  self->update_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self);
  return G_SOURCE_REMOVE;
}

/* ---- Callbacks ---------------------------------------------------------- */

/* A drag or typing emits many changes a second: collect once they settle
 * into one main-loop turn, and not at all while another page shows. */
static void
document_changed (WaymarkInsightsPanel *self)
{
  self->dirty = TRUE;
  if (self->update_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->update_id = g_idle_add_full (G_PRIORITY_LOW, update_idle_cb, self, NULL);
}

/* ---- GObject ------------------------------------------------------------ */

static void
waymark_insights_panel_map (GtkWidget *widget)
{
  WaymarkInsightsPanel *self = WAYMARK_INSIGHTS_PANEL (widget);

  if (self->dirty)
    update (self);

  GTK_WIDGET_CLASS (waymark_insights_panel_parent_class)->map (widget);
}

static void
waymark_insights_panel_dispose (GObject *object)
{
  WaymarkInsightsPanel *self = WAYMARK_INSIGHTS_PANEL (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (waymark_insights_panel_parent_class)->dispose (object);
}

static void
waymark_insights_panel_class_init (WaymarkInsightsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_insights_panel_dispose;
  widget_class->map = waymark_insights_panel_map;

  signals[INSIGHT_ACTIVATED] =
    g_signal_new ("insight-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, WAYMARK_TYPE_ELEMENT, WAYMARK_TYPE_STAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "insights");
}

static void
waymark_insights_panel_init (WaymarkInsightsPanel *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *status = adw_status_page_new ();

  self->stack = gtk_stack_new ();
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "list");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Nothing to Report"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Moments of truth, pain points, cards without owner, "
                                     "missed targets and empty cells are listed here."));
  gtk_widget_add_css_class (status, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), status, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

/* ---- Public API --------------------------------------------------------- */

GtkWidget *
waymark_insights_panel_new (void)
{
  return g_object_new (WAYMARK_TYPE_INSIGHTS_PANEL, NULL);
}

void
waymark_insights_panel_set_document (WaymarkInsightsPanel *self,
                                     WaymarkDocument      *document)
{
  g_return_if_fail (WAYMARK_IS_INSIGHTS_PANEL (self));
  g_return_if_fail (document == NULL || WAYMARK_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed), self,
                             G_CONNECT_SWAPPED);

  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self);
}

guint
waymark_insights_panel_get_n_items (WaymarkInsightsPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_INSIGHTS_PANEL (self), 0);

  if (self->dirty)
    update (self);
  return self->n_items;
}
