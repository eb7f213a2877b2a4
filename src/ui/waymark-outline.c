/* waymark-outline.c — the map as a tree of real widgets: stages, lanes, cards
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-outline.h"

/* ---- A lane inside a stage: the middle level of the tree ---------------- */

#define WAYMARK_TYPE_OUTLINE_CELL (waymark_outline_cell_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkOutlineCell, waymark_outline_cell, WAYMARK, OUTLINE_CELL, GObject)

struct _WaymarkOutlineCell
{
  GObject       parent_instance;
  WaymarkStage *stage;
  WaymarkLane  *lane;
};

G_DEFINE_FINAL_TYPE (WaymarkOutlineCell, waymark_outline_cell, G_TYPE_OBJECT)

static void
waymark_outline_cell_dispose (GObject *object)
{
  WaymarkOutlineCell *self = WAYMARK_OUTLINE_CELL (object);

  g_clear_object (&self->stage);
  g_clear_object (&self->lane);

  G_OBJECT_CLASS (waymark_outline_cell_parent_class)->dispose (object);
}

static void
waymark_outline_cell_class_init (WaymarkOutlineCellClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = waymark_outline_cell_dispose;
}

static void
waymark_outline_cell_init (WaymarkOutlineCell *self)
{
}

/* ---- The outline -------------------------------------------------------- */

struct _WaymarkOutline
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkTreeListModel   *tree;

  WaymarkDocument    *document;
  GPtrArray          *filters;   /* GtkFilter*, weak: the cells' touchpoint filters */
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (WaymarkOutline, waymark_outline, GTK_TYPE_WIDGET)

enum {
  ELEMENT_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static WaymarkElement *
element_of (gpointer item)
{
  if (WAYMARK_IS_OUTLINE_CELL (item))
    return WAYMARK_ELEMENT (WAYMARK_OUTLINE_CELL (item)->lane);
  if (WAYMARK_IS_ELEMENT (item))
    return item;
  return NULL;
}

static gpointer
map_lane_to_cell (gpointer item,
                  gpointer user_data)
{
  WaymarkOutlineCell *cell = g_object_new (WAYMARK_TYPE_OUTLINE_CELL, NULL);

  cell->stage = g_object_ref (user_data);
  cell->lane = item;   /* the map function owns item */
  return cell;
}

static gboolean
touchpoint_in_cell (gpointer item,
                    gpointer user_data)
{
  WaymarkOutlineCell *cell = user_data;

  return waymark_touchpoint_get_stage (item) == cell->stage &&
         waymark_touchpoint_get_lane (item) == cell->lane;
}

static void
filter_gone (gpointer  data,
             GObject  *where_the_object_was)
{
  WaymarkOutline *self = data;

  g_ptr_array_remove_fast (self->filters, where_the_object_was);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  WaymarkOutline *self = user_data;

  if (WAYMARK_IS_STAGE (item))
    {
      GListModel *lanes = g_object_ref (waymark_document_get_lanes (self->document));

      return G_LIST_MODEL (gtk_map_list_model_new (lanes, map_lane_to_cell,
                                                   g_object_ref (item), g_object_unref));
    }

  if (WAYMARK_IS_OUTLINE_CELL (item))
    {
      GtkCustomFilter *filter;
      GListModel *touchpoints = g_object_ref (waymark_document_get_touchpoints (self->document));

      if (waymark_lane_get_kind (WAYMARK_OUTLINE_CELL (item)->lane) == WAYMARK_LANE_EMOTION)
        {
          g_object_unref (touchpoints);
          return NULL;
        }

      filter = gtk_custom_filter_new (touchpoint_in_cell, g_object_ref (item), g_object_unref);
      g_ptr_array_add (self->filters, filter);
      g_object_weak_ref (G_OBJECT (filter), filter_gone, self);
      return G_LIST_MODEL (gtk_filter_list_model_new (touchpoints, GTK_FILTER (filter)));
    }

  return NULL;
}

/* ---- Rows --------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           WaymarkOutline           *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

static void
update_row_label (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  g_autoptr(GObject) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  if (WAYMARK_IS_STAGE (item))
    {
      text = g_strdup (waymark_stage_get_name (WAYMARK_STAGE (item)));
      /* Translators: how a screen reader announces a stage row */
      accessible = g_strdup_printf (_("Stage %s"), text);
      gtk_widget_add_css_class (label, "heading");
    }
  else if (WAYMARK_IS_OUTLINE_CELL (item))
    {
      WaymarkOutlineCell *cell = WAYMARK_OUTLINE_CELL (item);

      text = g_strdup (waymark_lane_get_name (cell->lane));
      /* Translators: a lane row inside a stage row, e.g. "Touchpoints in Awareness" */
      accessible = g_strdup_printf (_("%s in %s"), text, waymark_stage_get_name (cell->stage));
      gtk_widget_remove_css_class (label, "heading");
    }
  else if (WAYMARK_IS_TOUCHPOINT (item))
    {
      const char *title = waymark_touchpoint_get_title (WAYMARK_TOUCHPOINT (item));

      text = g_strdup (*title != '\0' ? title : _("Untitled touchpoint"));
      /* Translators: how a screen reader announces a card row */
      accessible = g_strdup_printf (_("Touchpoint %s"), text);
      gtk_widget_remove_css_class (label, "heading");
    }

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible != NULL ? accessible : "",
                                  -1);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          WaymarkOutline           *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
  GObject *source = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  update_row_label (list_item);

  /* Follow renames while the row shows. */
  if (WAYMARK_IS_STAGE (item))
    source = item;
  else if (WAYMARK_IS_OUTLINE_CELL (item))
    source = G_OBJECT (WAYMARK_OUTLINE_CELL (item)->lane);
  else if (WAYMARK_IS_TOUCHPOINT (item))
    source = item;
  if (source != NULL)
    {
      gulong id = g_signal_connect_swapped (source,
                                            WAYMARK_IS_TOUCHPOINT (source) ? "notify::title" : "notify::name",
                                            G_CALLBACK (update_row_label), list_item);
      /* A reference: the row may be unbound after its document is gone (Reload). */
      g_object_set_data_full (G_OBJECT (list_item), "waymark-source", g_object_ref (source),
                              g_object_unref);
      g_object_set_data (G_OBJECT (list_item), "waymark-handler", GSIZE_TO_POINTER (id));
    }
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            WaymarkOutline           *self)
{
  GObject *source = g_object_get_data (G_OBJECT (list_item), "waymark-source");
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "waymark-handler"));
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  if (source != NULL && id != 0)
    g_signal_handler_disconnect (source, id);
  g_object_set_data (G_OBJECT (list_item), "waymark-source", NULL);
  g_object_set_data (G_OBJECT (list_item), "waymark-handler", NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static void
selected_changed (WaymarkOutline *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GObject) item = NULL;
  WaymarkElement *element;

  if (self->syncing || row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  element = element_of (item);
  g_signal_emit (self, signals[ELEMENT_SELECTED], 0, element);
}

static void
document_changed (WaymarkOutline    *self,
                  WaymarkChangeKind  kind,
                  WaymarkElement    *element,
                  const char        *detail)
{
  /* A card that changes cell may keep its place in the document's list,
   * which then says nothing: the cells must look again. */
  if (kind == WAYMARK_CHANGE_MOVED && WAYMARK_IS_TOUCHPOINT (element))
    for (guint i = 0; i < self->filters->len; i++)
      gtk_filter_changed (g_ptr_array_index (self->filters, i), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- GObject ------------------------------------------------------------ */

static void
waymark_outline_dispose (GObject *object)
{
  WaymarkOutline *self = WAYMARK_OUTLINE (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  for (guint i = 0; i < self->filters->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->filters, i), filter_gone, self);
  g_ptr_array_set_size (self->filters, 0);
  g_clear_object (&self->selection);
  self->tree = NULL;
  g_clear_object (&self->document);

  G_OBJECT_CLASS (waymark_outline_parent_class)->dispose (object);
}

static void
waymark_outline_finalize (GObject *object)
{
  WaymarkOutline *self = WAYMARK_OUTLINE (object);

  g_clear_pointer (&self->filters, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_outline_parent_class)->finalize (object);
}

static void
waymark_outline_class_init (WaymarkOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_outline_dispose;
  object_class->finalize = waymark_outline_finalize;

  signals[ELEMENT_SELECTED] =
    g_signal_new ("element-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, WAYMARK_TYPE_ELEMENT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outline");
}

static void
waymark_outline_init (WaymarkOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->filters = g_ptr_array_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selected_changed), self);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outline of the map"),
                                  -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list_view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

/* ---- Public API --------------------------------------------------------- */

GtkWidget *
waymark_outline_new (void)
{
  return g_object_new (WAYMARK_TYPE_OUTLINE, NULL);
}

void
waymark_outline_set_document (WaymarkOutline  *self,
                              WaymarkDocument *document)
{
  g_return_if_fail (WAYMARK_IS_OUTLINE (self));
  g_return_if_fail (document == NULL || WAYMARK_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);

  self->syncing = TRUE;
  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed), self,
                               G_CONNECT_SWAPPED);
      self->tree = gtk_tree_list_model_new (g_object_ref (waymark_document_get_stages (document)),
                                            FALSE, FALSE, create_children, self, NULL);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
      g_object_unref (self->tree);
    }
  else
    {
      gtk_single_selection_set_model (self->selection, NULL);
      self->tree = NULL;
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;
}

/* Position of the row of item among the children of parent (NULL: top level). */
static guint
find_row (WaymarkOutline *self,
          GtkTreeListRow *parent,
          gpointer        item,
          guint           from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = from; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(GtkTreeListRow) row_parent = gtk_tree_list_row_get_parent (row);
      gpointer row_item = gtk_tree_list_row_get_item (row);
      gboolean match;

      if (WAYMARK_IS_OUTLINE_CELL (row_item) && WAYMARK_IS_OUTLINE_CELL (item))
        match = WAYMARK_OUTLINE_CELL (row_item)->lane == WAYMARK_OUTLINE_CELL (item)->lane;
      else
        match = row_item == item;
      g_clear_object (&row_item);

      if (match && row_parent == parent)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

void
waymark_outline_select (WaymarkOutline *self,
                        WaymarkElement *element)
{
  g_autoptr(WaymarkOutlineCell) probe = NULL;
  g_autoptr(GtkTreeListRow) stage_row = NULL;
  g_autoptr(GtkTreeListRow) cell_row = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (WAYMARK_IS_OUTLINE (self));

  if (self->tree == NULL)
    return;

  self->syncing = TRUE;

  if (WAYMARK_IS_STAGE (element))
    position = find_row (self, NULL, element, 0);
  else if (WAYMARK_IS_TOUCHPOINT (element))
    {
      guint stage_pos = find_row (self, NULL, waymark_touchpoint_get_stage (WAYMARK_TOUCHPOINT (element)), 0);

      if (stage_pos != GTK_INVALID_LIST_POSITION)
        {
          guint cell_pos;

          stage_row = gtk_tree_list_model_get_row (self->tree, stage_pos);
          gtk_tree_list_row_set_expanded (stage_row, TRUE);
          probe = g_object_new (WAYMARK_TYPE_OUTLINE_CELL, NULL);
          probe->lane = g_object_ref (waymark_touchpoint_get_lane (WAYMARK_TOUCHPOINT (element)));
          cell_pos = find_row (self, stage_row, probe, stage_pos + 1);
          if (cell_pos != GTK_INVALID_LIST_POSITION)
            {
              cell_row = gtk_tree_list_model_get_row (self->tree, cell_pos);
              gtk_tree_list_row_set_expanded (cell_row, TRUE);
              position = find_row (self, cell_row, element, cell_pos + 1);
            }
        }
    }
  else if (WAYMARK_IS_LANE (element))
    {
      /* A lane shows in every stage: its row in the first one stands for it. */
      g_autoptr(GtkTreeListRow) first = gtk_tree_list_model_get_row (self->tree, 0);

      if (first != NULL)
        {
          gtk_tree_list_row_set_expanded (first, TRUE);
          probe = g_object_new (WAYMARK_TYPE_OUTLINE_CELL, NULL);
          probe->lane = g_object_ref (WAYMARK_LANE (element));
          position = find_row (self, first, probe, 1);
        }
    }

  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  self->syncing = FALSE;
}
