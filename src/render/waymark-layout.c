/* waymark-layout.c — geometry of a journey map, and hit testing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "waymark-layout.h"
#include "waymark-render-private.h"

/* Cards whose text stays shaped in memory, about 6 KB a card. Every card is
 * shaped once anyway to measure it; keeping the result means scrolling
 * never shapes text again, which is what keeps a frame of a 10,000-card
 * map within budget (60 MB for those). Past this many cards the least
 * recently drawn are shaped again when they come back into view. */
#define CARD_TEXT_CACHE_SIZE 16384

#define FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

typedef struct {
  WaymarkTouchpoint *touchpoint;   /* owned */
  guint              cell;         /* index into self->cells */
  double             y;            /* relative to the cell's content top */
  double             height;
  double             measured_width;
  guint              generation;
  WaymarkCardText   *text;         /* cached, or NULL */
  GList              lru_link;     /* in self->text_lru while text != NULL */
} CardInfo;

typedef struct {
  gconstpointer  object;
  guint          slot;
  char          *text;
  double         size;
  PangoWeight    weight;
  PangoStyle     style;
  double         width;
  int            max_lines;
  PangoLayout   *layout;
} LabelEntry;

typedef struct {
  GPtrArray *cards;                /* CardInfo*, in document order */
  double     content_height;
  GArray    *chips;                /* WaymarkCardChip of a metrics lane's cell, or NULL */
  double     chips_height;         /* room the chips take above the cards */
} Cell;

static void picture_entry_free (gpointer data);

struct _WaymarkLayout
{
  GObject          parent_instance;

  WaymarkDocument *document;
  PangoFontMap    *font_map;
  PangoContext    *context;
  gulong           changed_handler;

  GArray          *stages;         /* WaymarkStageGeom */
  GArray          *lanes;          /* WaymarkLaneGeom */
  GHashTable      *stage_index;    /* WaymarkStage* → index + 1 */
  GHashTable      *lane_index;     /* WaymarkLane* → index + 1 */
  Cell            *cells;          /* n_lanes × n_stages, row-major by lane */
  guint            n_cells;
  GHashTable      *cards;          /* WaymarkTouchpoint* → CardInfo* */
  GQueue           text_lru;       /* CardInfo* with text, most recent first */
  guint            text_cache_size;
  WaymarkCardText *loose_text;     /* text of a card outside the layout */
  GHashTable      *labels;         /* LabelEntry* → itself */
  GHashTable      *fonts;          /* "size/weight/style" → PangoFontDescription* */
  guint            generation;
  guint            n_measured;     /* cards measured so far, for tests */

  WaymarkView     *view;
  GHashTable      *shown_curves;   /* WaymarkCurve* drawn, valid unless curves_dirty */
  GHashTable      *pictures;       /* WaymarkPersona* → PictureEntry* */
  GPtrArray       *links;          /* pairs of WaymarkTouchpoint*, valid unless links_dirty */
  GPtrArray       *summary;        /* per stage: GArray of WaymarkCardChip */
  double           summary_height;
  double           summary_y;
  int              scale_min;
  int              scale_max;
  gboolean         color_by_owner;
  double           owner_row_y;    /* < 0: no owners legend */
  guint            n_legend;
  GPtrArray       *legend;         /* WaymarkCurve* listed in the legend */

  int              emotion_lane;
  double           header_height;
  double           columns_x;
  double           band_y;
  double           lanes_y;
  double           width;
  double           height;

  guint            needs_full : 1;
  guint            curves_dirty : 1;
  guint            links_dirty : 1;
};

G_DEFINE_FINAL_TYPE (WaymarkLayout, waymark_layout, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FONT_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  INVALIDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Auxiliary: fonts and card text ----------------------------------- */

PangoFontDescription *
_waymark_font (double      size,
               PangoWeight weight,
               PangoStyle  style)
{
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_style (desc, style);
  return desc;
}

/* Parsing a font description for each of the thousands of labels of a big
 * map shows in profiles; the type scale has only a handful of styles. */
static const PangoFontDescription *
font_for (WaymarkLayout *self,
          double         size,
          PangoWeight    weight,
          PangoStyle     style)
{
  char key[64];
  PangoFontDescription *desc;

  g_snprintf (key, sizeof key, "%g/%d/%d", size, (int) weight, (int) style);
  desc = g_hash_table_lookup (self->fonts, key);
  if (desc == NULL)
    {
      desc = _waymark_font (size, weight, style);
      g_hash_table_insert (self->fonts, g_strdup (key), desc);
    }
  return desc;
}

static PangoLayout *
make_text (WaymarkLayout *self,
           const char    *text,
           double         size,
           PangoWeight    weight,
           PangoStyle     style,
           double         width,
           int            max_lines)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font_for (self, size, weight, style));
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }
  return layout;
}

static double
text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (value - round (value)) < 1e-9 && fabs (value) < 1e15)
    g_snprintf (buf, sizeof buf, "%.0f", value);
  else if (fabs (value) >= 100)
    g_snprintf (buf, sizeof buf, "%.0f", value);
  else if (fabs (value * 10 - round (value * 10)) < 1e-9)
    g_snprintf (buf, sizeof buf, "%.1f", value);
  else
    g_snprintf (buf, sizeof buf, "%.2f", value);
  return g_strdup (buf);
}

static char *
format_quantity (double      value,
                 const char *unit)
{
  g_autofree char *number = format_number (value);

  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  /* Symbols hug the number; words take a space: "72%", "4 min". */
  if (g_str_equal (unit, "%") || g_str_equal (unit, "°") || g_str_equal (unit, "$")
      || g_str_equal (unit, "€") || g_str_equal (unit, "£"))
    return g_strconcat (number, unit, NULL);
  return g_strconcat (number, " ", unit, NULL);
}

char *
_waymark_format_metric (const WaymarkMetric *metric)
{
  g_autofree char *value = format_quantity (waymark_metric_get_value (metric),
                                            waymark_metric_get_unit (metric));
  const char *name = waymark_metric_get_name (metric);

  if (waymark_metric_has_target (metric))
    {
      g_autofree char *target = format_quantity (waymark_metric_get_target (metric),
                                                 waymark_metric_get_unit (metric));
      /* Translators: a metric chip on a card: name, value and target, e.g. "CSAT 4.1 / 4.5" */
      return g_strdup_printf (_("%s %s / %s"), name, value, target);
    }
  /* Translators: a metric chip without target: name and value, e.g. "NPS 32" */
  return g_strdup_printf (_("%s %s"), name, value);
}

WaymarkChipTone
_waymark_metric_tone (const WaymarkMetric *metric)
{
  if (!waymark_metric_has_target (metric))
    return WAYMARK_CHIP_NEUTRAL;
  return waymark_metric_is_on_target (metric) ? WAYMARK_CHIP_GOOD : WAYMARK_CHIP_BAD;
}

static void
chips_free (GArray *chips)
{
  if (chips == NULL)
    return;
  for (guint i = 0; i < chips->len; i++)
    g_clear_object (&g_array_index (chips, WaymarkCardChip, i).layout);
  g_array_unref (chips);
}

static void
card_text_free (WaymarkCardText *text)
{
  g_clear_object (&text->title);
  g_clear_object (&text->description);
  g_clear_object (&text->meta);
  chips_free (text->chips);
  g_free (text);
}

static void
add_chip (WaymarkLayout   *self,
          GArray          *chips,
          const char      *label,
          WaymarkChipTone  tone,
          double           inner_width,
          double          *x,
          double          *y)
{
  WaymarkCardChip chip = { 0 };
  double max_text = MAX (inner_width - 2 * WAYMARK_CHIP_PAD_X, 8.0);

  chip.layout = make_text (self, label, 10.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                           max_text, 1);
  chip.width = MIN (text_width (chip.layout), max_text) + 2 * WAYMARK_CHIP_PAD_X;
  chip.tone = tone;

  if (*x > 0 && *x + chip.width > inner_width)
    {
      *x = 0;
      *y += WAYMARK_CHIP_HEIGHT + WAYMARK_CHIP_GAP;
    }
  chip.x = *x;
  chip.y = *y;
  *x += chip.width + WAYMARK_CHIP_GAP;
  g_array_append_val (chips, chip);
}

/* Everything about a card's look that takes space is decided here, so that
 * measuring and drawing cannot disagree. Offsets are relative to the card's
 * top-left corner. */
static WaymarkCardText *
card_text_build (WaymarkLayout     *self,
                 WaymarkTouchpoint *touchpoint,
                 double             width)
{
  WaymarkCardText *text = g_new0 (WaymarkCardText, 1);
  double left = WAYMARK_CARD_ACCENT + WAYMARK_CARD_PAD_X - 2;
  double inner = MAX (width - left - WAYMARK_CARD_PAD_X, 16.0);
  double title_width = inner;
  const char *title = waymark_touchpoint_get_title (touchpoint);
  const char *description = waymark_touchpoint_get_description (touchpoint);
  const char *channel = waymark_touchpoint_get_channel (touchpoint);
  const char *owner = waymark_touchpoint_get_owner (touchpoint);
  const char * const *pains = waymark_touchpoint_get_pain_points (touchpoint);
  const char * const *ideas = waymark_touchpoint_get_opportunities (touchpoint);
  GPtrArray *metrics = waymark_touchpoint_get_metrics (touchpoint);
  double y = WAYMARK_CARD_PAD_Y;
  guint n_pains = pains != NULL ? g_strv_length ((char **) pains) : 0;
  guint n_ideas = ideas != NULL ? g_strv_length ((char **) ideas) : 0;

  text->width = width;

  if (waymark_touchpoint_has_emotion (touchpoint))
    title_width -= WAYMARK_FACE_SIZE + 6;

  text->title = make_text (self, title != NULL && *title != '\0' ? title : _("Untitled"),
                           13.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, title_width, 4);
  text->title_x = left;
  text->title_y = y;
  y += MAX (text_height (text->title), WAYMARK_FACE_SIZE);

  if (description != NULL && *description != '\0')
    {
      text->description = make_text (self, description, 12, PANGO_WEIGHT_NORMAL,
                                     PANGO_STYLE_NORMAL, inner, 3);
      y += 3;
      text->description_y = y;
      y += text_height (text->description);
    }

  /* Every touchpoint and backstage step should have an owner: say so
   * when it has none. */
  if (owner == NULL || *owner == '\0')
    {
      WaymarkLane *lane = waymark_touchpoint_get_lane (touchpoint);
      WaymarkLaneKind kind = lane != NULL ? waymark_lane_get_kind (lane) : WAYMARK_LANE_CARDS;

      if (kind == WAYMARK_LANE_CARDS || kind == WAYMARK_LANE_BACKSTAGE)
        {
          text->no_owner = TRUE;
          /* Translators: on a card whose touchpoint has no owner */
          owner = _("No owner");
        }
    }

  if ((channel != NULL && *channel != '\0') || (owner != NULL && *owner != '\0'))
    {
      g_autofree char *meta = NULL;

      if (channel != NULL && *channel != '\0' && owner != NULL && *owner != '\0')
        /* Translators: channel and owner of a touchpoint, e.g. "Web · Marketing" */
        meta = g_strdup_printf (_("%s · %s"), channel, owner);
      else
        meta = g_strdup (channel != NULL && *channel != '\0' ? channel : owner);

      /* Room on the left for the owner's colour dot. */
      text->meta = make_text (self, meta, WAYMARK_SMALLEST_TEXT, PANGO_WEIGHT_NORMAL,
                              PANGO_STYLE_NORMAL, inner - 12, 1);
      y += 6;
      text->meta_y = y;
      y += text_height (text->meta);
    }

  text->chips = g_array_new (FALSE, TRUE, sizeof (WaymarkCardChip));
  if ((metrics != NULL && metrics->len > 0) || n_pains > 0 || n_ideas > 0)
    {
      double cx = 0;
      double cy = 0;

      for (guint i = 0; metrics != NULL && i < metrics->len; i++)
        {
          const WaymarkMetric *metric = g_ptr_array_index (metrics, i);
          g_autofree char *label = _waymark_format_metric (metric);

          add_chip (self, text->chips, label, _waymark_metric_tone (metric), inner, &cx, &cy);
        }
      if (n_pains > 0)
        {
          g_autofree char *label = g_strdup_printf (ngettext ("%u pain point",
                                                              "%u pain points", n_pains),
                                                    n_pains);
          add_chip (self, text->chips, label, WAYMARK_CHIP_PAIN, inner, &cx, &cy);
        }
      if (n_ideas > 0)
        {
          g_autofree char *label = g_strdup_printf (ngettext ("%u opportunity",
                                                              "%u opportunities", n_ideas),
                                                    n_ideas);
          add_chip (self, text->chips, label, WAYMARK_CHIP_IDEA, inner, &cx, &cy);
        }

      y += 8;
      for (guint i = 0; i < text->chips->len; i++)
        {
          WaymarkCardChip *chip = &g_array_index (text->chips, WaymarkCardChip, i);

          chip->x += left;
          chip->y += y;
        }
      y += cy + WAYMARK_CHIP_HEIGHT;
    }

  text->height = ceil (y + WAYMARK_CARD_PAD_Y);
  return text;
}

static void
card_drop_text (WaymarkLayout *self,
                CardInfo      *info)
{
  if (info->text == NULL)
    return;
  g_queue_unlink (&self->text_lru, &info->lru_link);
  g_clear_pointer (&info->text, card_text_free);
}

static WaymarkCardText *
card_get_text (WaymarkLayout *self,
               CardInfo      *info,
               double         width)
{
  if (info->text != NULL && info->text->width == width)
    {
      if (self->text_lru.head != &info->lru_link)
        {
          g_queue_unlink (&self->text_lru, &info->lru_link);
          g_queue_push_head_link (&self->text_lru, &info->lru_link);
        }
      return info->text;
    }

  card_drop_text (self, info);
  while (self->text_lru.length >= self->text_cache_size)
    card_drop_text (self, g_queue_peek_tail (&self->text_lru));

  info->text = card_text_build (self, info->touchpoint, width);
  info->lru_link.data = info;
  g_queue_push_head_link (&self->text_lru, &info->lru_link);
  return info->text;
}

static guint
label_hash (gconstpointer key)
{
  const LabelEntry *entry = key;

  return g_direct_hash (entry->object) ^ (entry->slot * 2654435761u);
}

static gboolean
label_equal (gconstpointer a,
             gconstpointer b)
{
  const LabelEntry *ea = a;
  const LabelEntry *eb = b;

  return ea->object == eb->object && ea->slot == eb->slot;
}

static void
label_entry_free (gpointer data)
{
  LabelEntry *entry = data;

  g_clear_object (&entry->layout);
  g_free (entry->text);
  g_free (entry);
}

static void
card_info_free (gpointer data)
{
  CardInfo *info = data;

  g_clear_object (&info->touchpoint);
  g_free (info);
}

/* ---- Auxiliary: geometry ---------------------------------------------- */

static inline WaymarkStageGeom *
stage_at (WaymarkLayout *self,
          guint          index)
{
  return &g_array_index (self->stages, WaymarkStageGeom, index);
}

static inline WaymarkLaneGeom *
lane_at (WaymarkLayout *self,
         guint          index)
{
  return &g_array_index (self->lanes, WaymarkLaneGeom, index);
}

static inline Cell *
cell_at (WaymarkLayout *self,
         guint          stage,
         guint          lane)
{
  return &self->cells[lane * self->stages->len + stage];
}

static inline guint
cell_stage (WaymarkLayout *self,
            guint          cell)
{
  return cell % self->stages->len;
}

static inline guint
cell_lane (WaymarkLayout *self,
           guint          cell)
{
  return cell / self->stages->len;
}

static inline double
card_width_for_stage (const WaymarkStageGeom *stage)
{
  return MAX (stage->width - 2 * WAYMARK_CELL_PAD, 24.0);
}

static int
find_stage (WaymarkLayout *self,
            WaymarkStage  *stage)
{
  gpointer value;

  if (stage == NULL || !g_hash_table_lookup_extended (self->stage_index, stage, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value) - 1;
}

static int
find_lane (WaymarkLayout *self,
           WaymarkLane   *lane)
{
  gpointer value;

  if (lane == NULL || !g_hash_table_lookup_extended (self->lane_index, lane, NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value) - 1;
}

/* ---- Auxiliary: what is shown ------------------------------------------ */

static gboolean
lane_is_shown (WaymarkLayout *self,
               WaymarkLane   *lane)
{
  if (self->view != NULL)
    return waymark_view_shows_lane (self->view, lane);
  return !waymark_lane_get_hidden (lane);
}

static gboolean
curve_is_visible (WaymarkLayout *self,
                  WaymarkCurve  *curve)
{
  if (self->view != NULL)
    return waymark_view_shows_curve (self->view, curve);
  return waymark_curve_get_visible (curve);
}

/* Visible curves of the first WAYMARK_MAX_VISIBLE_PERSONAS personas (a
 * curve without persona counts as a persona of its own): more lines than
 * that make the chart unreadable. */
static void
ensure_shown_curves (WaymarkLayout *self)
{
  GListModel *curves = waymark_document_get_curves (self->document);
  guint n = g_list_model_get_n_items (curves);
  g_autoptr(GPtrArray) personas = g_ptr_array_new ();

  if (!self->curves_dirty)
    return;
  self->curves_dirty = FALSE;
  g_hash_table_remove_all (self->shown_curves);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
      gpointer key;

      if (!curve_is_visible (self, curve))
        continue;
      key = waymark_curve_get_persona (curve);
      if (key == NULL)
        key = curve;
      if (!g_ptr_array_find (personas, key, NULL))
        {
          if (personas->len >= WAYMARK_MAX_VISIBLE_PERSONAS)
            continue;
          g_ptr_array_add (personas, key);
        }
      g_hash_table_add (self->shown_curves, curve);
    }
}

static gboolean
read_color_by_owner (WaymarkLayout *self)
{
  if (self->view != NULL)
    return waymark_view_get_color_by_owner (self->view);
  return waymark_document_get_color_by_owner (self->document);
}

/* ---- Auxiliary: sizes ---------------------------------------------------- */

/* The plot spans the scale with at least WAYMARK_EMOTION_LEVEL between two
 * levels, so that each level's name fits. */
static double
emotion_plot_height (WaymarkLayout *self)
{
  double steps = self->scale_max - self->scale_min;

  return MAX (WAYMARK_EMOTION_HEIGHT - 2 * WAYMARK_EMOTION_PAD, steps * WAYMARK_EMOTION_LEVEL);
}

/* Lane name and caption (up to two lines each) above the legend. */
#define LEGEND_TOP 96.0

static double
lane_min_height (WaymarkLayout   *self,
                 WaymarkLaneKind  kind)
{
  switch (kind)
    {
    case WAYMARK_LANE_EMOTION:
      return MAX (emotion_plot_height (self) + 2 * WAYMARK_EMOTION_PAD,
                  LEGEND_TOP + self->n_legend * WAYMARK_LEGEND_ROW + 12);
    case WAYMARK_LANE_TEXT:
      return WAYMARK_LANE_MIN_HEIGHT - 16;
    case WAYMARK_LANE_METRICS:
    case WAYMARK_LANE_CARDS:
    case WAYMARK_LANE_PAIN_POINTS:
    case WAYMARK_LANE_OPPORTUNITIES:
    case WAYMARK_LANE_BACKSTAGE:
    default:
      return WAYMARK_LANE_MIN_HEIGHT;
    }
}

static void
card_measure (WaymarkLayout *self,
              CardInfo      *info,
              double         width)
{
  if (info->measured_width == width)
    return;
  info->height = card_get_text (self, info, width)->height;
  info->measured_width = width;
  self->n_measured++;
}

/* Chips of every metric of the stage's cards outside metrics lanes, in
 * lane order then card order. */
static GArray *
metrics_cell_chips (WaymarkLayout *self,
                    guint          stage,
                    double         width,
                    double        *height)
{
  GArray *chips = g_array_new (FALSE, TRUE, sizeof (WaymarkCardChip));
  double x = 0, y = 0;

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Cell *cell = cell_at (self, stage, l);

      if (lane_at (self, l)->kind == WAYMARK_LANE_METRICS)
        continue;
      for (guint i = 0; i < cell->cards->len; i++)
        {
          CardInfo *info = g_ptr_array_index (cell->cards, i);
          GPtrArray *metrics = waymark_touchpoint_get_metrics (info->touchpoint);

          for (guint m = 0; metrics != NULL && m < metrics->len; m++)
            {
              const WaymarkMetric *metric = g_ptr_array_index (metrics, m);
              g_autofree char *label = _waymark_format_metric (metric);

              add_chip (self, chips, label, _waymark_metric_tone (metric), width, &x, &y);
            }
        }
    }
  *height = chips->len > 0 ? y + WAYMARK_CHIP_HEIGHT : 0;
  return chips;
}

/* Re-stacks a cell's cards; measures only cards whose width is stale. */
static void
cell_relayout (WaymarkLayout *self,
               guint          cell_index)
{
  Cell *cell = &self->cells[cell_index];
  double width = card_width_for_stage (stage_at (self, cell_stage (self, cell_index)));
  double y = 0;

  g_clear_pointer (&cell->chips, chips_free);
  cell->chips_height = 0;
  if (lane_at (self, cell_lane (self, cell_index))->kind == WAYMARK_LANE_METRICS)
    {
      cell->chips = metrics_cell_chips (self, cell_stage (self, cell_index), width,
                                        &cell->chips_height);
      if (cell->chips_height > 0)
        y = cell->chips_height + WAYMARK_CARD_GAP;
    }

  for (guint i = 0; i < cell->cards->len; i++)
    {
      CardInfo *info = g_ptr_array_index (cell->cards, i);

      card_measure (self, info, width);
      info->y = y;
      y += info->height + WAYMARK_CARD_GAP;
    }
  cell->content_height = y > 0 ? y - WAYMARK_CARD_GAP : 0;
}

static double
lane_height_for (WaymarkLayout *self,
                 guint          lane)
{
  const WaymarkLaneGeom *geom = lane_at (self, lane);
  double height = lane_min_height (self, geom->kind);
  guint n_stages = self->stages->len;

  if (!geom->shown)
    return 0;
  if (geom->collapsed)
    return WAYMARK_LANE_COLLAPSED;
  for (guint s = 0; s < n_stages; s++)
    {
      Cell *cell = cell_at (self, s, lane);

      if (cell->content_height > 0)
        height = MAX (height, cell->content_height + 2 * WAYMARK_CELL_PAD);
    }
  return ceil (height);
}

/* The first shown, expanded emotion lane holds the curves. */
static void
find_emotion_lane (WaymarkLayout *self)
{
  self->emotion_lane = -1;
  for (guint l = 0; l < self->lanes->len; l++)
    if (lane_at (self, l)->kind == WAYMARK_LANE_EMOTION && _waymark_lane_geom_expanded (lane_at (self, l)))
      {
        self->emotion_lane = (int) l;
        return;
      }
}

static void
update_extent (WaymarkLayout *self)
{
  double columns_end = self->columns_x;
  double lanes_end = self->lanes_y;

  if (self->stages->len > 0)
    {
      WaymarkStageGeom *last = stage_at (self, self->stages->len - 1);
      columns_end = last->x + last->width;
    }
  if (self->lanes->len > 0)
    {
      WaymarkLaneGeom *last = lane_at (self, self->lanes->len - 1);
      lanes_end = last->y + last->height;
    }
  /* A one-stage map still needs room for its title. */
  self->width = MAX (columns_end + WAYMARK_MARGIN, 640.0);
  self->height = lanes_end + WAYMARK_MARGIN;
}

static void
relayout_lanes_from (WaymarkLayout *self,
                     guint          first)
{
  double y = first == 0 ? self->lanes_y
                        : lane_at (self, first - 1)->y + lane_at (self, first - 1)->height;

  for (guint l = first; l < self->lanes->len; l++)
    {
      WaymarkLaneGeom *lane = lane_at (self, l);

      lane->y = y;
      y += lane->height;
    }
  update_extent (self);
}

static void
relayout_stages_from (WaymarkLayout *self,
                      guint          first)
{
  double x = first == 0 ? self->columns_x
                        : stage_at (self, first - 1)->x + stage_at (self, first - 1)->width;

  for (guint s = first; s < self->stages->len; s++)
    {
      WaymarkStageGeom *stage = stage_at (self, s);

      stage->x = x;
      stage->width = CLAMP (waymark_stage_get_width (stage->stage),
                            WAYMARK_STAGE_MIN_WIDTH, WAYMARK_STAGE_MAX_WIDTH);
      x += stage->width;
    }
  update_extent (self);
}

static gboolean
has_owner_row (WaymarkLayout *self)
{
  return self->color_by_owner
         && g_list_model_get_n_items (waymark_document_get_owners (self->document)) > 0;
}

/* Title, up to two lines of description, the row of personas, the owners
 * legend in colour-by-owner mode. */
static double
header_height_for (WaymarkLayout *self)
{
  PangoLayout *description = _waymark_layout_get_description (self);
  GListModel *personas = waymark_document_get_personas (self->document);
  double height = 40;

  if (description != NULL)
    height += text_height (description) + 14;
  if (g_list_model_get_n_items (personas) > 0)
    height += 30;
  if (has_owner_row (self))
    height += 32;
  return ceil (height);
}

/* The stage summary row holds each stage's own metrics as chips. */
static void
summary_relayout (WaymarkLayout *self)
{
  double tallest = 0;

  g_ptr_array_set_size (self->summary, 0);
  for (guint s = 0; s < self->stages->len; s++)
    {
      WaymarkStageGeom *stage = stage_at (self, s);
      GPtrArray *metrics = waymark_stage_get_metrics (stage->stage);
      GArray *chips = g_array_new (FALSE, TRUE, sizeof (WaymarkCardChip));
      double width = card_width_for_stage (stage);
      double x = 0, y = 0;

      for (guint m = 0; metrics != NULL && m < metrics->len; m++)
        {
          const WaymarkMetric *metric = g_ptr_array_index (metrics, m);
          g_autofree char *label = _waymark_format_metric (metric);

          add_chip (self, chips, label, _waymark_metric_tone (metric), width, &x, &y);
        }
      if (chips->len > 0)
        tallest = MAX (tallest, y + WAYMARK_CHIP_HEIGHT);
      g_ptr_array_add (self->summary, chips);
    }
  self->summary_height = tallest > 0 ? ceil (tallest + 2 * WAYMARK_SUMMARY_PAD) : 0;
}

static void
place_bands (WaymarkLayout *self)
{
  self->header_height = header_height_for (self);
  self->owner_row_y = has_owner_row (self)
                      ? WAYMARK_MARGIN + self->header_height - 24 : -1;
  self->band_y = WAYMARK_MARGIN + self->header_height + WAYMARK_HEADER_GAP;
  self->summary_y = self->band_y + WAYMARK_STAGE_BAND + WAYMARK_STAGE_BAND_GAP;
  self->lanes_y = self->summary_y;
  if (self->summary_height > 0)
    self->lanes_y += self->summary_height + WAYMARK_STAGE_BAND_GAP;
}

static void
clear_cells (WaymarkLayout *self)
{
  for (guint i = 0; i < self->n_cells; i++)
    {
      g_ptr_array_unref (self->cells[i].cards);
      chips_free (self->cells[i].chips);
    }
  g_clear_pointer (&self->cells, g_free);
  self->n_cells = 0;
}

/* Every curve of the map, those switched off greyed out, so that they can
 * be switched on; a view lists only its own, since it decides. */
static void
read_legend (WaymarkLayout *self)
{
  GListModel *curves = waymark_document_get_curves (self->document);
  guint n = g_list_model_get_n_items (curves);

  g_ptr_array_set_size (self->legend, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);

      if (self->view == NULL || waymark_view_shows_curve (self->view, curve))
        g_ptr_array_add (self->legend, curve);
    }
  self->n_legend = self->legend->len > 0 ? self->legend->len + 1 : 0;
}

static void
read_scale (WaymarkLayout *self)
{
  self->scale_min = waymark_document_get_emotion_min (self->document);
  self->scale_max = waymark_document_get_emotion_max (self->document);
  if (self->scale_max <= self->scale_min)
    self->scale_max = self->scale_min + 1;
  read_legend (self);
}

static void
full_relayout (WaymarkLayout *self)
{
  GListModel *stages = waymark_document_get_stages (self->document);
  GListModel *lanes = waymark_document_get_lanes (self->document);
  GListModel *touchpoints = waymark_document_get_touchpoints (self->document);
  guint n_stages = g_list_model_get_n_items (stages);
  guint n_lanes = g_list_model_get_n_items (lanes);
  guint n_touchpoints = g_list_model_get_n_items (touchpoints);
  GHashTableIter iter;
  gpointer value;

  self->needs_full = FALSE;
  self->curves_dirty = TRUE;
  self->links_dirty = TRUE;
  self->generation++;
  self->color_by_owner = read_color_by_owner (self);
  read_scale (self);

  /* Entries of removed elements would pile up otherwise. */
  g_hash_table_remove_all (self->labels);

  g_array_set_size (self->stages, 0);
  g_array_set_size (self->lanes, 0);
  g_hash_table_remove_all (self->stage_index);
  g_hash_table_remove_all (self->lane_index);
  clear_cells (self);

  self->columns_x = WAYMARK_MARGIN + WAYMARK_LABEL_WIDTH;

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);
      WaymarkStageGeom geom = { stage, 0, 0 };

      g_array_append_val (self->stages, geom);
      g_hash_table_insert (self->stage_index, stage, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < n_lanes; i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i);
      WaymarkLaneGeom geom = { lane, waymark_lane_get_kind (lane), 0, 0,
                               lane_is_shown (self, lane), waymark_lane_get_collapsed (lane) };

      g_array_append_val (self->lanes, geom);
      g_hash_table_insert (self->lane_index, lane, GUINT_TO_POINTER (i + 1));
    }
  find_emotion_lane (self);

  self->n_cells = n_stages * n_lanes;
  self->cells = g_new0 (Cell, MAX (self->n_cells, 1));
  for (guint i = 0; i < self->n_cells; i++)
    self->cells[i].cards = g_ptr_array_new ();

  /* The header wraps to the map's width, and the bands start below it. */
  relayout_stages_from (self, 0);
  summary_relayout (self);
  place_bands (self);

  for (guint i = 0; i < n_touchpoints; i++)
    {
      g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);
      int s = find_stage (self, waymark_touchpoint_get_stage (touchpoint));
      int l = find_lane (self, waymark_touchpoint_get_lane (touchpoint));
      CardInfo *info;

      if (s < 0 || l < 0)
        continue;

      info = g_hash_table_lookup (self->cards, touchpoint);
      if (info == NULL)
        {
          info = g_new0 (CardInfo, 1);
          info->touchpoint = g_object_ref (touchpoint);
          info->measured_width = -1;
          g_hash_table_insert (self->cards, touchpoint, info);
        }
      info->generation = self->generation;
      info->cell = (guint) l * n_stages + (guint) s;
      g_ptr_array_add (self->cells[info->cell].cards, info);
    }

  /* Forget cards that left the document since the last layout. */
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CardInfo *info = value;

      if (info->generation != self->generation)
        {
          card_drop_text (self, info);
          g_hash_table_iter_remove (&iter);
        }
    }

  /* Metrics lanes gather the other lanes' metrics: those first. */
  for (guint i = 0; i < self->n_cells; i++)
    if (lane_at (self, cell_lane (self, i))->kind != WAYMARK_LANE_METRICS)
      cell_relayout (self, i);
  for (guint i = 0; i < self->n_cells; i++)
    if (lane_at (self, cell_lane (self, i))->kind == WAYMARK_LANE_METRICS)
      cell_relayout (self, i);
  for (guint l = 0; l < n_lanes; l++)
    lane_at (self, l)->height = lane_height_for (self, l);
  relayout_lanes_from (self, 0);
}

static void
emit_invalidated (WaymarkLayout     *self,
                  const WaymarkRect *area)
{
  g_signal_emit (self, signals[INVALIDATED], 0, area);
}

static void
invalidate_all (WaymarkLayout *self)
{
  self->needs_full = TRUE;
  emit_invalidated (self, NULL);
}

static void
rect_union (WaymarkRect       *dest,
            const WaymarkRect *src)
{
  double x0, y0, x1, y1;

  if (dest->width <= 0 || dest->height <= 0)
    {
      *dest = *src;
      return;
    }
  x0 = MIN (dest->x, src->x);
  y0 = MIN (dest->y, src->y);
  x1 = MAX (dest->x + dest->width, src->x + src->width);
  y1 = MAX (dest->y + dest->height, src->y + src->height);
  *dest = (WaymarkRect) { x0, y0, x1 - x0, y1 - y0 };
}

static void
cell_rect (WaymarkLayout *self,
           guint          stage,
           guint          lane,
           WaymarkRect   *rect)
{
  const WaymarkStageGeom *s = stage_at (self, stage);
  const WaymarkLaneGeom *l = lane_at (self, lane);

  *rect = (WaymarkRect) { s->x, l->y, s->width, l->height };
}

/* After the cards of a cell changed: re-stacks it, recomputes its lane's
 * height and, only if that changed, the offsets of the lanes below. Adds
 * what needs redrawing to area. */
static void
cell_changed (WaymarkLayout *self,
              guint          cell_index,
              WaymarkRect   *area)
{
  guint s = cell_stage (self, cell_index);
  guint l = cell_lane (self, cell_index);
  WaymarkLaneGeom *lane = lane_at (self, l);
  double old_height = lane->height;
  double old_bottom = self->height;
  WaymarkRect rect;

  cell_relayout (self, cell_index);
  lane->height = lane_height_for (self, l);

  if (lane->height == old_height)
    {
      cell_rect (self, s, l, &rect);
      rect_union (area, &rect);
      return;
    }

  relayout_lanes_from (self, l + 1);
  update_extent (self);
  rect = (WaymarkRect) { 0, lane->y, self->width, MAX (old_bottom, self->height) - lane->y };
  rect_union (area, &rect);
}

static void
card_remove_from_cell (WaymarkLayout *self,
                       CardInfo      *info)
{
  g_ptr_array_remove (self->cells[info->cell].cards, info);
}

static gboolean
card_place (WaymarkLayout *self,
            CardInfo      *info)
{
  WaymarkTouchpoint *touchpoint = info->touchpoint;
  int s = find_stage (self, waymark_touchpoint_get_stage (touchpoint));
  int l = find_lane (self, waymark_touchpoint_get_lane (touchpoint));
  GPtrArray *cards;
  guint index;

  if (s < 0 || l < 0)
    return FALSE;

  info->cell = (guint) l * self->stages->len + (guint) s;
  cards = self->cells[info->cell].cards;
  index = waymark_document_get_index_in_cell (self->document, touchpoint);
  g_ptr_array_insert (cards, (int) MIN (index, cards->len), info);
  return TRUE;
}

/* ---- Callbacks --------------------------------------------------------- */

static gboolean
has_metrics_lane (WaymarkLayout *self)
{
  for (guint l = 0; l < self->lanes->len; l++)
    if (lane_at (self, l)->kind == WAYMARK_LANE_METRICS)
      return TRUE;
  return FALSE;
}

/* Metrics lanes show the metrics of their stage's cards. */
static void
metrics_cells_changed (WaymarkLayout *self,
                       guint          stage,
                       WaymarkRect   *area)
{
  for (guint l = 0; l < self->lanes->len; l++)
    if (lane_at (self, l)->kind == WAYMARK_LANE_METRICS)
      cell_changed (self, l * self->stages->len + stage, area);
}

/* After a lane's height may have changed (shown, collapsed, legend, scale). */
static void
lane_resized (WaymarkLayout *self,
              guint          l,
              WaymarkRect   *area)
{
  WaymarkLaneGeom *lane = lane_at (self, l);
  double old_height = lane->height;
  double old_bottom = self->height;
  WaymarkRect rect;

  lane->height = lane_height_for (self, l);
  if (lane->height != old_height)
    relayout_lanes_from (self, l + 1);
  rect = (WaymarkRect) { 0, lane->y, MAX (self->width, 1),
                         MAX (old_bottom, self->height) - lane->y };
  rect_union (area, &rect);
}

static void
touchpoint_changed (WaymarkLayout     *self,
                    WaymarkChangeKind  kind,
                    WaymarkTouchpoint *touchpoint,
                    const char        *detail)
{
  CardInfo *info = g_hash_table_lookup (self->cards, touchpoint);
  WaymarkRect area = { 0 };
  int old_stage = -1;

  if (kind != WAYMARK_CHANGE_PROPERTY || g_strcmp0 (detail, "links") == 0)
    self->links_dirty = TRUE;

  switch (kind)
    {
    case WAYMARK_CHANGE_INSERTED:
      if (info != NULL)
        {
          invalidate_all (self);
          return;
        }
      info = g_new0 (CardInfo, 1);
      info->touchpoint = g_object_ref (touchpoint);
      info->measured_width = -1;
      info->generation = self->generation;
      if (!card_place (self, info))
        {
          card_info_free (info);
          invalidate_all (self);
          return;
        }
      g_hash_table_insert (self->cards, touchpoint, info);
      cell_changed (self, info->cell, &area);
      break;

    case WAYMARK_CHANGE_REMOVED:
      if (info == NULL)
        return;
      card_remove_from_cell (self, info);
      cell_changed (self, info->cell, &area);
      old_stage = (int) cell_stage (self, info->cell);
      card_drop_text (self, info);
      g_hash_table_remove (self->cards, touchpoint);
      info = NULL;
      break;

    case WAYMARK_CHANGE_MOVED:
      {
        guint old_cell;

        if (info == NULL)
          {
            invalidate_all (self);
            return;
          }
        old_cell = info->cell;
        card_remove_from_cell (self, info);
        if (!card_place (self, info))
          {
            invalidate_all (self);
            return;
          }
        /* A card without owner moved to a lane of another kind may gain
         * or lose its "No owner" line. */
        if (cell_lane (self, old_cell) != cell_lane (self, info->cell))
          {
            const char *owner = waymark_touchpoint_get_owner (touchpoint);

            if (owner == NULL || *owner == '\0')
              {
                card_drop_text (self, info);
                info->measured_width = -1;
              }
          }
        /* The old cell first: if its lane shrinks, the new cell's rect
         * below it is computed from the updated offsets. */
        if (old_cell != info->cell)
          {
            cell_changed (self, old_cell, &area);
            if (cell_stage (self, old_cell) != cell_stage (self, info->cell))
              old_stage = (int) cell_stage (self, old_cell);
          }
        cell_changed (self, info->cell, &area);
      }
      break;

    case WAYMARK_CHANGE_PROPERTY:
    case WAYMARK_CHANGE_CURVE:
    default:
      if (info == NULL)
        return;
      if (g_strcmp0 (detail, "links") == 0 || g_strcmp0 (detail, "moment-of-truth") == 0)
        {
          /* Lines between cards and badges: no geometry changes. */
          emit_invalidated (self, NULL);
          return;
        }
      card_drop_text (self, info);
      info->measured_width = -1;
      cell_changed (self, info->cell, &area);
      if (g_strcmp0 (detail, "metrics") != 0)
        info = NULL;
      break;
    }

  if (has_metrics_lane (self))
    {
      if (info != NULL)
        metrics_cells_changed (self, cell_stage (self, info->cell), &area);
      if (old_stage >= 0)
        metrics_cells_changed (self, (guint) old_stage, &area);
    }

  /* Links run between cards anywhere on the map; hand-off marks sit
   * between the cells. */
  if ((self->links != NULL && self->links->len > 0) || self->color_by_owner)
    emit_invalidated (self, NULL);
  else if (area.width > 0 && area.height > 0)
    emit_invalidated (self, &area);
}

static void
stage_property_changed (WaymarkLayout *self,
                        WaymarkStage  *stage,
                        const char    *property)
{
  int s = find_stage (self, stage);
  double old_width = self->width;
  double old_height = self->height;
  gboolean lanes_changed = FALSE;
  WaymarkRect area;

  if (s < 0 || g_strcmp0 (property, "metrics") == 0)
    {
      /* The summary row may appear, go or change height. */
      invalidate_all (self);
      return;
    }

  if (g_strcmp0 (property, "width") != 0)
    {
      area = (WaymarkRect) { stage_at (self, s)->x, self->band_y, stage_at (self, s)->width,
                             WAYMARK_STAGE_BAND };
      emit_invalidated (self, &area);
      return;
    }

  relayout_stages_from (self, (guint) s);
  if (self->summary_height > 0)
    {
      double old_summary = self->summary_height;

      summary_relayout (self);
      if (self->summary_height != old_summary)
        {
          invalidate_all (self);
          return;
        }
    }
  for (guint l = 0; l < self->lanes->len; l++)
    {
      WaymarkLaneGeom *lane = lane_at (self, l);
      double old = lane->height;

      cell_relayout (self, l * self->stages->len + (guint) s);
      lane->height = lane_height_for (self, l);
      lanes_changed |= lane->height != old;
    }
  if (lanes_changed)
    relayout_lanes_from (self, 0);
  update_extent (self);

  if (lanes_changed)
    area = (WaymarkRect) { 0, 0, MAX (old_width, self->width), MAX (old_height, self->height) };
  else
    area = (WaymarkRect) { stage_at (self, s)->x, 0,
                           MAX (old_width, self->width) - stage_at (self, s)->x,
                           self->height };
  emit_invalidated (self, &area);
}

/* Lanes shown or collapsed: only the offsets below change. */
static void
lane_visibility_changed (WaymarkLayout *self,
                         guint          l)
{
  WaymarkLaneGeom *lane = lane_at (self, l);
  WaymarkRect area = { 0 };
  int old_emotion = self->emotion_lane;

  lane->shown = lane_is_shown (self, lane->lane);
  lane->collapsed = waymark_lane_get_collapsed (lane->lane);
  find_emotion_lane (self);
  lane_resized (self, l, &area);
  if (self->emotion_lane != old_emotion && self->emotion_lane >= 0)
    lane_resized (self, (guint) self->emotion_lane, &area);
  /* Links to cards of the lane come and go, anywhere on the map. */
  self->links_dirty = TRUE;
  if (self->links->len > 0)
    emit_invalidated (self, NULL);
  else
    emit_invalidated (self, &area);
}

static void
lane_property_changed (WaymarkLayout *self,
                       WaymarkLane   *lane,
                       const char    *property)
{
  int l = find_lane (self, lane);
  WaymarkRect area;

  if (l < 0 || g_strcmp0 (property, "kind") == 0)
    {
      /* Cards of a lane of another kind may gain or lose their "No
       * owner" line. */
      for (guint s = 0; l >= 0 && s < self->stages->len; s++)
        {
          Cell *cell = cell_at (self, s, (guint) l);

          for (guint i = 0; i < cell->cards->len; i++)
            {
              CardInfo *info = g_ptr_array_index (cell->cards, i);

              card_drop_text (self, info);
              info->measured_width = -1;
            }
        }
      invalidate_all (self);
      return;
    }
  if (g_strcmp0 (property, "hidden") == 0 || g_strcmp0 (property, "collapsed") == 0)
    {
      lane_visibility_changed (self, (guint) l);
      return;
    }
  area = (WaymarkRect) { 0, lane_at (self, l)->y, self->columns_x, lane_at (self, l)->height };
  emit_invalidated (self, &area);
}

/* Curves added, removed or shown: the legend may grow or shrink. */
static void
curves_changed (WaymarkLayout *self)
{
  WaymarkRect area = { 0 };
  guint old_legend = self->n_legend;

  self->curves_dirty = TRUE;
  read_scale (self);
  if (self->n_legend != old_legend && self->emotion_lane >= 0)
    lane_resized (self, (guint) self->emotion_lane, &area);
  if (self->emotion_lane >= 0)
    {
      const WaymarkLaneGeom *lane = lane_at (self, (guint) self->emotion_lane);
      WaymarkRect rect = { 0, lane->y, self->width, lane->height };

      rect_union (&area, &rect);
      emit_invalidated (self, &area);
    }
}

static void
document_changed_cb (WaymarkLayout     *self,
                     WaymarkChangeKind  kind,
                     WaymarkElement    *element,
                     const char        *detail,
                     WaymarkDocument   *document)
{
  g_assert (WAYMARK_IS_LAYOUT (self));

  /* A full relayout is already pending; it will see this change too. */
  if (self->needs_full)
    {
      emit_invalidated (self, NULL);
      return;
    }

  if (element == NULL)
    {
      WaymarkRect area = { 0, 0, self->width, self->band_y };

      /* The scale sizes the emotion lane; colour by owner adds the
       * owners legend and recolours every card. */
      if (g_str_has_prefix (detail != NULL ? detail : "", "emotion")
          || g_strcmp0 (detail, "color-by-owner") == 0)
        {
          invalidate_all (self);
          return;
        }
      /* A longer description or the first persona can push everything
       * down; otherwise only the header changed. */
      if (header_height_for (self) != self->header_height)
        invalidate_all (self);
      else
        emit_invalidated (self, &area);
      return;
    }

  if (WAYMARK_IS_PERSONA (element))
    {
      self->curves_dirty = TRUE;
      if (kind != WAYMARK_CHANGE_PROPERTY && header_height_for (self) != self->header_height)
        invalidate_all (self);
      else
        emit_invalidated (self, NULL);
      return;
    }

  if (WAYMARK_IS_TOUCHPOINT (element))
    {
      touchpoint_changed (self, kind, WAYMARK_TOUCHPOINT (element), detail);
      return;
    }

  if (WAYMARK_IS_STAGE (element) && kind == WAYMARK_CHANGE_PROPERTY)
    {
      stage_property_changed (self, WAYMARK_STAGE (element), detail);
      return;
    }

  if (WAYMARK_IS_LANE (element) && kind == WAYMARK_CHANGE_PROPERTY)
    {
      lane_property_changed (self, WAYMARK_LANE (element), detail);
      return;
    }

  if (WAYMARK_IS_CURVE (element) && kind == WAYMARK_CHANGE_CURVE && self->emotion_lane >= 0)
    {
      const WaymarkLaneGeom *lane = lane_at (self, (guint) self->emotion_lane);
      WaymarkRect area = { self->columns_x, lane->y, self->width - self->columns_x,
                           lane->height };

      emit_invalidated (self, &area);
      return;
    }

  if (WAYMARK_IS_CURVE (element))
    {
      /* Colours, names and visibility of curves show in the emotion lane
       * and its legend. */
      curves_changed (self);
      return;
    }

  if (WAYMARK_IS_OWNER (element))
    {
      /* Owners colour the cards and fill the owners legend. */
      if (!self->color_by_owner)
        emit_invalidated (self, NULL);
      else if (header_height_for (self) != self->header_height)
        invalidate_all (self);
      else
        emit_invalidated (self, NULL);
      return;
    }

  if (WAYMARK_IS_VIEW (element))
    {
      /* Only the view being drawn matters. */
      if ((WaymarkView *) element == self->view)
        invalidate_all (self);
      return;
    }

  /* Stages and lanes inserted, removed or reordered. */
  invalidate_all (self);
}

/* ---- GObject ----------------------------------------------------------- */

static void
waymark_layout_constructed (GObject *object)
{
  WaymarkLayout *self = WAYMARK_LAYOUT (object);
  cairo_font_options_t *options;

  G_OBJECT_CLASS (waymark_layout_parent_class)->constructed (object);

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self->document));

  if (self->font_map == NULL)
    self->font_map = g_object_ref (pango_cairo_font_map_get_default ());

  /* Metrics must not depend on the zoom or the output device, or a card
   * would wrap differently on screen, in the PDF and in the PNG. */
  self->context = pango_font_map_create_context (self->font_map);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_get_default ());

  self->changed_handler = g_signal_connect_object (self->document, "changed",
                                                   G_CALLBACK (document_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  self->needs_full = TRUE;
}

static void
waymark_layout_dispose (GObject *object)
{
  WaymarkLayout *self = WAYMARK_LAYOUT (object);

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);

  while (self->text_lru.head != NULL)
    card_drop_text (self, self->text_lru.head->data);
  g_clear_pointer (&self->loose_text, card_text_free);
  g_hash_table_remove_all (self->labels);
  g_hash_table_remove_all (self->cards);
  clear_cells (self);
  g_ptr_array_set_size (self->summary, 0);
  g_ptr_array_set_size (self->links, 0);
  g_ptr_array_set_size (self->legend, 0);
  g_hash_table_remove_all (self->shown_curves);
  g_hash_table_remove_all (self->pictures);
  g_clear_object (&self->view);

  g_clear_object (&self->document);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);

  G_OBJECT_CLASS (waymark_layout_parent_class)->dispose (object);
}

static void
waymark_layout_finalize (GObject *object)
{
  WaymarkLayout *self = WAYMARK_LAYOUT (object);

  g_clear_pointer (&self->stages, g_array_unref);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->stage_index, g_hash_table_unref);
  g_clear_pointer (&self->lane_index, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->fonts, g_hash_table_unref);
  g_clear_pointer (&self->summary, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->legend, g_ptr_array_unref);
  g_clear_pointer (&self->shown_curves, g_hash_table_unref);
  g_clear_pointer (&self->pictures, g_hash_table_unref);

  G_OBJECT_CLASS (waymark_layout_parent_class)->finalize (object);
}

static void
waymark_layout_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WaymarkLayout *self = WAYMARK_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_FONT_MAP:
      g_value_set_object (value, self->font_map);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_layout_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WaymarkLayout *self = WAYMARK_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_FONT_MAP:
      self->font_map = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_layout_class_init (WaymarkLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = waymark_layout_constructed;
  object_class->dispose = waymark_layout_dispose;
  object_class->finalize = waymark_layout_finalize;
  object_class->get_property = waymark_layout_get_property;
  object_class->set_property = waymark_layout_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT_MAP] =
    g_param_spec_object ("font-map", NULL, NULL, PANGO_TYPE_FONT_MAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WaymarkLayout::invalidated:
   * @area: (nullable): the changed area in layout units, or %NULL for all
   */
  signals[INVALIDATED] =
    g_signal_new ("invalidated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
waymark_layout_init (WaymarkLayout *self)
{
  self->stages = g_array_new (FALSE, TRUE, sizeof (WaymarkStageGeom));
  self->lanes = g_array_new (FALSE, TRUE, sizeof (WaymarkLaneGeom));
  self->stage_index = g_hash_table_new (NULL, NULL);
  self->lane_index = g_hash_table_new (NULL, NULL);
  self->cards = g_hash_table_new_full (NULL, NULL, NULL, card_info_free);
  self->labels = g_hash_table_new_full (label_hash, label_equal, label_entry_free, NULL);
  self->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) pango_font_description_free);
  g_queue_init (&self->text_lru);
  self->text_cache_size = CARD_TEXT_CACHE_SIZE;
  self->emotion_lane = -1;
  self->summary = g_ptr_array_new_with_free_func ((GDestroyNotify) chips_free);
  self->links = g_ptr_array_new ();
  self->legend = g_ptr_array_new ();
  self->shown_curves = g_hash_table_new (NULL, NULL);
  self->pictures = g_hash_table_new_full (NULL, NULL, NULL, picture_entry_free);
  self->scale_min = (int) WAYMARK_EMOTION_MIN;
  self->scale_max = (int) WAYMARK_EMOTION_MAX;
  self->owner_row_y = -1;
}

/* ---- Internal API ------------------------------------------------------ */

void
_waymark_layout_ensure (WaymarkLayout *self)
{
  if (self->needs_full)
    full_relayout (self);
}

void
_waymark_layout_set_text_cache_size (WaymarkLayout *self,
                                     guint          n_cards)
{
  self->text_cache_size = MAX (n_cards, 1);
  while (self->text_lru.length > self->text_cache_size)
    card_drop_text (self, g_queue_peek_tail (&self->text_lru));
}

guint
_waymark_layout_get_n_measured (WaymarkLayout *self)
{
  return self->n_measured;
}

PangoContext *
_waymark_layout_get_context (WaymarkLayout *self)
{
  return self->context;
}

guint
_waymark_layout_get_n_stages (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  return self->stages->len;
}

guint
_waymark_layout_get_n_lanes (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  return self->lanes->len;
}

const WaymarkStageGeom *
_waymark_layout_get_stage_geom (WaymarkLayout *self,
                                guint          index)
{
  _waymark_layout_ensure (self);
  g_return_val_if_fail (index < self->stages->len, NULL);
  return stage_at (self, index);
}

const WaymarkLaneGeom *
_waymark_layout_get_lane_geom (WaymarkLayout *self,
                               guint          index)
{
  _waymark_layout_ensure (self);
  g_return_val_if_fail (index < self->lanes->len, NULL);
  return lane_at (self, index);
}

double
_waymark_layout_get_columns_x (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  return self->columns_x;
}

double
_waymark_layout_get_band_y (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  return self->band_y;
}

double
_waymark_layout_get_lanes_y (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  return self->lanes_y;
}

int
_waymark_layout_get_emotion_lane (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  return self->emotion_lane;
}

/* Index of the last stage starting at or before x, or -1. */
static int
stage_bsearch (WaymarkLayout *self,
               double         x)
{
  int lo = 0;
  int hi = (int) self->stages->len - 1;
  int found = -1;

  while (lo <= hi)
    {
      int mid = lo + (hi - lo) / 2;

      if (stage_at (self, (guint) mid)->x <= x)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return found;
}

static int
lane_bsearch (WaymarkLayout *self,
              double         y)
{
  int lo = 0;
  int hi = (int) self->lanes->len - 1;
  int found = -1;

  while (lo <= hi)
    {
      int mid = lo + (hi - lo) / 2;

      if (lane_at (self, (guint) mid)->y <= y)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return found;
}

void
_waymark_layout_stage_range (WaymarkLayout *self,
                             double         x0,
                             double         x1,
                             guint         *first,
                             guint         *last)
{
  int a, b;

  _waymark_layout_ensure (self);
  /* Half-open: a column starting exactly at x1 is not in the range. */
  a = stage_bsearch (self, x0);
  b = stage_bsearch (self, x1 > x0 ? x1 - 1e-6 : x1);
  *first = (guint) MAX (a, 0);
  *last = b < 0 ? 0 : (guint) b + 1;
  if (*first < self->stages->len)
    {
      const WaymarkStageGeom *geom = stage_at (self, *first);
      if (geom->x + geom->width < x0)
        (*first)++;
    }
  if (*last < *first)
    *last = *first;
}

void
_waymark_layout_lane_range (WaymarkLayout *self,
                            double         y0,
                            double         y1,
                            guint         *first,
                            guint         *last)
{
  int a, b;

  _waymark_layout_ensure (self);
  a = lane_bsearch (self, y0);
  b = lane_bsearch (self, y1 > y0 ? y1 - 1e-6 : y1);
  *first = (guint) MAX (a, 0);
  *last = b < 0 ? 0 : (guint) b + 1;
  if (*first < self->lanes->len)
    {
      const WaymarkLaneGeom *geom = lane_at (self, *first);
      if (geom->y + geom->height < y0)
        (*first)++;
    }
  if (*last < *first)
    *last = *first;
}

guint
_waymark_layout_get_cell_n_cards (WaymarkLayout *self,
                                  guint          stage_index,
                                  guint          lane_index)
{
  _waymark_layout_ensure (self);
  g_return_val_if_fail (stage_index < self->stages->len, 0);
  g_return_val_if_fail (lane_index < self->lanes->len, 0);
  return cell_at (self, stage_index, lane_index)->cards->len;
}

WaymarkTouchpoint *
_waymark_layout_get_cell_card (WaymarkLayout *self,
                               guint          stage_index,
                               guint          lane_index,
                               guint          index,
                               double        *y,
                               double        *height)
{
  Cell *cell;
  CardInfo *info;

  _waymark_layout_ensure (self);
  g_return_val_if_fail (stage_index < self->stages->len, NULL);
  g_return_val_if_fail (lane_index < self->lanes->len, NULL);
  cell = cell_at (self, stage_index, lane_index);
  g_return_val_if_fail (index < cell->cards->len, NULL);
  info = g_ptr_array_index (cell->cards, index);
  if (y != NULL)
    *y = info->y;
  if (height != NULL)
    *height = info->height;
  return info->touchpoint;
}

const WaymarkCardText *
_waymark_layout_get_card_text (WaymarkLayout     *self,
                               WaymarkTouchpoint *touchpoint,
                               double             width)
{
  CardInfo *info;

  _waymark_layout_ensure (self);
  info = g_hash_table_lookup (self->cards, touchpoint);
  if (info == NULL)
    {
      /* A card that is not in the layout, such as a new card being dragged
       * in: its text lives beside the cache until the next such card. */
      g_clear_pointer (&self->loose_text, card_text_free);
      self->loose_text = card_text_build (self, touchpoint, width);
      return self->loose_text;
    }
  return card_get_text (self, info, width);
}

PangoLayout *
_waymark_layout_get_description (WaymarkLayout *self)
{
  const char *description = waymark_document_get_description (self->document);
  double width = MIN (self->width - 2 * WAYMARK_MARGIN, 1100);

  if (description == NULL || *description == '\0')
    return NULL;
  return _waymark_layout_get_label (self, self->document, WAYMARK_LABEL_DESCRIPTION, description,
                                    14, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, width, 2);
}

double
_waymark_layout_get_header_height (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  return self->header_height;
}

PangoLayout *
_waymark_layout_get_label (WaymarkLayout *self,
                           gconstpointer  object,
                           guint          slot,
                           const char    *text,
                           double         size,
                           PangoWeight    weight,
                           PangoStyle     style,
                           double         width,
                           int            max_lines)
{
  LabelEntry key = { .object = object, .slot = slot };
  LabelEntry *entry = g_hash_table_lookup (self->labels, &key);

  if (text == NULL)
    text = "";

  if (entry != NULL
      && entry->size == size && entry->weight == weight && entry->style == style
      && entry->width == width && entry->max_lines == max_lines
      && g_str_equal (entry->text, text))
    return entry->layout;

  if (entry == NULL)
    {
      entry = g_new0 (LabelEntry, 1);
      entry->object = object;
      entry->slot = slot;
      g_hash_table_add (self->labels, entry);
    }
  g_clear_object (&entry->layout);
  g_free (entry->text);
  entry->text = g_strdup (text);
  entry->size = size;
  entry->weight = weight;
  entry->style = style;
  entry->width = width;
  entry->max_lines = max_lines;
  entry->layout = make_text (self, text, size, weight, style, width, max_lines);
  return entry->layout;
}

static void
emotion_plot (WaymarkLayout *self,
              double        *top,
              double        *span)
{
  const WaymarkLaneGeom *lane = lane_at (self, (guint) self->emotion_lane);

  /* Centred in the lane, which a long legend may make taller. */
  *span = emotion_plot_height (self);
  *top = lane->y + MAX (WAYMARK_EMOTION_PAD, (lane->height - *span) / 2);
}

double
_waymark_layout_y_for_emotion (WaymarkLayout *self,
                               double         value)
{
  double top, span;

  _waymark_layout_ensure (self);
  if (self->emotion_lane < 0)
    return 0;
  emotion_plot (self, &top, &span);
  value = CLAMP (value, self->scale_min, self->scale_max);
  return top + (self->scale_max - value) / (double) (self->scale_max - self->scale_min) * span;
}

void
_waymark_layout_get_scale (WaymarkLayout *self,
                           int           *min,
                           int           *max)
{
  _waymark_layout_ensure (self);
  *min = self->scale_min;
  *max = self->scale_max;
}

GArray *
_waymark_layout_get_cell_chips (WaymarkLayout *self,
                                guint          stage_index,
                                guint          lane_index)
{
  _waymark_layout_ensure (self);
  g_return_val_if_fail (stage_index < self->stages->len, NULL);
  g_return_val_if_fail (lane_index < self->lanes->len, NULL);
  return cell_at (self, stage_index, lane_index)->chips;
}

double
_waymark_layout_get_summary (WaymarkLayout *self,
                             double        *height)
{
  _waymark_layout_ensure (self);
  *height = self->summary_height;
  return self->summary_y;
}

GArray *
_waymark_layout_get_summary_chips (WaymarkLayout *self,
                                   guint          stage_index)
{
  _waymark_layout_ensure (self);
  g_return_val_if_fail (stage_index < self->summary->len, NULL);
  return g_ptr_array_index (self->summary, stage_index);
}

guint
_waymark_layout_get_n_legend (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  return self->emotion_lane >= 0 ? self->n_legend : 0;
}

/* Rows stack up from the bottom of the emotion lane's label; the last row
 * is the moment-of-truth key (NULL curve). */
WaymarkCurve *
_waymark_layout_get_legend_row (WaymarkLayout *self,
                                guint          index,
                                WaymarkRect   *rect)
{
  const WaymarkLaneGeom *lane;

  _waymark_layout_ensure (self);
  g_return_val_if_fail (self->emotion_lane >= 0 && index < self->n_legend, NULL);

  lane = lane_at (self, (guint) self->emotion_lane);
  if (rect != NULL)
    *rect = (WaymarkRect) { WAYMARK_MARGIN + 8,
                            lane->y + lane->height - 10 - (self->n_legend - index) * WAYMARK_LEGEND_ROW,
                            WAYMARK_LABEL_WIDTH - 8 - 36, WAYMARK_LEGEND_ROW };
  if (index + 1 >= self->n_legend)
    return NULL;
  return g_ptr_array_index (self->legend, index);
}

static void
ensure_links (WaymarkLayout *self)
{
  g_autoptr(GHashTable) seen = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!self->links_dirty)
    return;
  self->links_dirty = FALSE;
  g_ptr_array_set_size (self->links, 0);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CardInfo *info = value;
      const char * const *links = waymark_touchpoint_get_links (info->touchpoint);

      if (links == NULL || !_waymark_lane_geom_expanded (lane_at (self, cell_lane (self, info->cell))))
        continue;
      for (guint i = 0; links[i] != NULL; i++)
        {
          WaymarkElement *other = waymark_document_lookup (self->document, links[i]);
          CardInfo *partner;
          const char *a, *b;
          char *key;

          if (!WAYMARK_IS_TOUCHPOINT (other) || (WaymarkTouchpoint *) other == info->touchpoint)
            continue;
          partner = g_hash_table_lookup (self->cards, other);
          if (partner == NULL
              || !_waymark_lane_geom_expanded (lane_at (self, cell_lane (self, partner->cell))))
            continue;
          /* A link stored on both cards is drawn once. */
          a = waymark_element_get_id (WAYMARK_ELEMENT (info->touchpoint));
          b = links[i];
          key = strcmp (a, b) < 0 ? g_strconcat (a, "\n", b, NULL) : g_strconcat (b, "\n", a, NULL);
          if (!g_hash_table_add (seen, key))
            continue;
          g_ptr_array_add (self->links, info->touchpoint);
          g_ptr_array_add (self->links, partner->touchpoint);
        }
    }
}

const GPtrArray *
_waymark_layout_get_links (WaymarkLayout *self)
{
  _waymark_layout_ensure (self);
  ensure_links (self);
  return self->links;
}

gboolean
_waymark_layout_get_owner_row (WaymarkLayout *self,
                               double        *y)
{
  _waymark_layout_ensure (self);
  *y = self->owner_row_y;
  return self->owner_row_y >= 0;
}

/* ---- Persona pictures ---------------------------------------------------- */

typedef struct {
  GBytes          *bytes;     /* the picture decoded, to notice a new one */
  cairo_surface_t *surface;   /* NULL when it could not be decoded */
} PictureEntry;

static void
picture_entry_free (gpointer data)
{
  PictureEntry *entry = data;

  g_clear_pointer (&entry->bytes, g_bytes_unref);
  g_clear_pointer (&entry->surface, cairo_surface_destroy);
  g_free (entry);
}

/* A square crop of the picture, size × size pixels, as a cairo surface. */
static cairo_surface_t *
decode_picture (GBytes *bytes,
                int     size)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) square = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  GdkPixbuf *pixbuf;
  cairo_surface_t *surface;
  int width, height, side, stride, n_channels, src_stride;
  const guint8 *src;
  guint8 *dst;

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, NULL) || !gdk_pixbuf_loader_close (loader, NULL))
    return NULL;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return NULL;

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  side = MIN (width, height);
  square = gdk_pixbuf_new_subpixbuf (pixbuf, (width - side) / 2, (height - side) / 2, side, side);
  scaled = gdk_pixbuf_scale_simple (square, size, size, GDK_INTERP_HYPER);
  if (scaled == NULL)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  dst = cairo_image_surface_get_data (surface);
  src = gdk_pixbuf_read_pixels (scaled);
  src_stride = gdk_pixbuf_get_rowstride (scaled);
  n_channels = gdk_pixbuf_get_n_channels (scaled);

  /* Straight RGB(A) bytes to premultiplied native-endian ARGB words. */
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        const guint8 *p = src + y * src_stride + x * n_channels;
        guint32 a = n_channels == 4 ? p[3] : 0xff;
        guint32 r = p[0] * a / 0xff, g = p[1] * a / 0xff, b = p[2] * a / 0xff;
        guint32 word = a << 24 | r << 16 | g << 8 | b;

        memcpy (dst + y * stride + x * 4, &word, 4);
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

cairo_surface_t *
_waymark_layout_get_persona_picture (WaymarkLayout  *self,
                                     WaymarkPersona *persona)
{
  GBytes *bytes = waymark_persona_get_picture (persona);
  PictureEntry *entry;

  if (bytes == NULL)
    {
      g_hash_table_remove (self->pictures, persona);
      return NULL;
    }
  entry = g_hash_table_lookup (self->pictures, persona);
  if (entry != NULL && entry->bytes == bytes)
    return entry->surface;

  /* Decoded once per picture, at twice the size drawn for sharp exports. */
  entry = g_new0 (PictureEntry, 1);
  entry->bytes = g_bytes_ref (bytes);
  entry->surface = decode_picture (bytes, 64);
  g_hash_table_insert (self->pictures, persona, entry);
  return entry->surface;
}

/* ---- Public API -------------------------------------------------------- */

WaymarkLayout *
waymark_layout_new (WaymarkDocument *document,
                    PangoFontMap    *font_map)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (font_map == NULL || PANGO_IS_FONT_MAP (font_map), NULL);

  return g_object_new (WAYMARK_TYPE_LAYOUT,
                       "document", document,
                       "font-map", font_map,
                       NULL);
}

WaymarkDocument *
waymark_layout_get_document (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  return self->document;
}

double
waymark_layout_get_width (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  _waymark_layout_ensure (self);
  return self->width;
}

double
waymark_layout_get_height (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  _waymark_layout_ensure (self);
  return self->height;
}

gboolean
waymark_layout_get_card_rect (WaymarkLayout     *self,
                              WaymarkTouchpoint *touchpoint,
                              WaymarkRect       *rect)
{
  CardInfo *info;
  const WaymarkStageGeom *stage;
  const WaymarkLaneGeom *lane;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_TOUCHPOINT (touchpoint), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  _waymark_layout_ensure (self);
  info = g_hash_table_lookup (self->cards, touchpoint);
  if (info == NULL)
    return FALSE;

  stage = stage_at (self, cell_stage (self, info->cell));
  lane = lane_at (self, cell_lane (self, info->cell));
  if (!_waymark_lane_geom_expanded (lane))
    return FALSE;
  rect->x = stage->x + WAYMARK_CELL_PAD;
  rect->y = lane->y + WAYMARK_CELL_PAD + info->y;
  rect->width = card_width_for_stage (stage);
  rect->height = info->height;
  return TRUE;
}

gboolean
waymark_layout_get_stage_header_rect (WaymarkLayout *self,
                                      WaymarkStage  *stage,
                                      WaymarkRect   *rect)
{
  int s;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  _waymark_layout_ensure (self);
  s = find_stage (self, stage);
  if (s < 0)
    return FALSE;
  *rect = (WaymarkRect) { stage_at (self, s)->x, self->band_y, stage_at (self, s)->width,
                          WAYMARK_STAGE_BAND };
  return TRUE;
}

gboolean
waymark_layout_get_stage_rect (WaymarkLayout *self,
                               WaymarkStage  *stage,
                               WaymarkRect   *rect)
{
  int s;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  _waymark_layout_ensure (self);
  s = find_stage (self, stage);
  if (s < 0)
    return FALSE;
  *rect = (WaymarkRect) { stage_at (self, s)->x, self->band_y, stage_at (self, s)->width,
                          self->height - WAYMARK_MARGIN - self->band_y };
  return TRUE;
}

gboolean
waymark_layout_get_lane_label_rect (WaymarkLayout *self,
                                    WaymarkLane   *lane,
                                    WaymarkRect   *rect)
{
  int l;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  _waymark_layout_ensure (self);
  l = find_lane (self, lane);
  if (l < 0)
    return FALSE;
  *rect = (WaymarkRect) { WAYMARK_MARGIN, lane_at (self, l)->y, WAYMARK_LABEL_WIDTH,
                          lane_at (self, l)->height };
  return TRUE;
}

gboolean
waymark_layout_get_lane_rect (WaymarkLayout *self,
                              WaymarkLane   *lane,
                              WaymarkRect   *rect)
{
  int l;
  double end;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  _waymark_layout_ensure (self);
  l = find_lane (self, lane);
  if (l < 0)
    return FALSE;
  end = self->columns_x;
  if (self->stages->len > 0)
    end = stage_at (self, self->stages->len - 1)->x + stage_at (self, self->stages->len - 1)->width;
  *rect = (WaymarkRect) { WAYMARK_MARGIN, lane_at (self, l)->y, end - WAYMARK_MARGIN,
                          lane_at (self, l)->height };
  return TRUE;
}

gboolean
waymark_layout_get_cell_rect (WaymarkLayout *self,
                              WaymarkStage  *stage,
                              WaymarkLane   *lane,
                              WaymarkRect   *rect)
{
  int s, l;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  _waymark_layout_ensure (self);
  s = find_stage (self, stage);
  l = find_lane (self, lane);
  if (s < 0 || l < 0)
    return FALSE;
  cell_rect (self, (guint) s, (guint) l, rect);
  return TRUE;
}

gboolean
waymark_layout_get_curve_point (WaymarkLayout *self,
                                WaymarkCurve  *curve,
                                WaymarkStage  *stage,
                                double        *x,
                                double        *y)
{
  int s;
  double value;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_CURVE (curve), FALSE);

  _waymark_layout_ensure (self);
  s = find_stage (self, stage);
  if (s < 0 || self->emotion_lane < 0 || !waymark_curve_get_value (curve, stage, &value))
    return FALSE;
  if (x != NULL)
    *x = stage_at (self, s)->x + stage_at (self, s)->width / 2;
  if (y != NULL)
    *y = _waymark_layout_y_for_emotion (self, value);
  return TRUE;
}

gboolean
waymark_layout_emotion_for_y (WaymarkLayout *self,
                              double         y,
                              double        *value)
{
  double top, span, v;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);

  _waymark_layout_ensure (self);
  if (self->emotion_lane < 0)
    return FALSE;
  emotion_plot (self, &top, &span);
  v = self->scale_max - (y - top) / span * (self->scale_max - self->scale_min);
  if (value != NULL)
    *value = CLAMP (v, self->scale_min, self->scale_max);
  return TRUE;
}

static gboolean
hit_curve_point (WaymarkLayout *self,
                 guint          s,
                 double         x,
                 double         y,
                 WaymarkHit    *hit)
{
  GListModel *curves = waymark_document_get_curves (self->document);
  guint n = g_list_model_get_n_items (curves);
  const WaymarkStageGeom *stage = stage_at (self, s);
  double px = stage->x + stage->width / 2;
  double best = WAYMARK_POINT_GRAB * WAYMARK_POINT_GRAB;
  gboolean found = FALSE;

  ensure_shown_curves (self);
  /* The renderer draws future curves first and current ones on top, later
   * ones over earlier ones; the one on top wins a tie. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
        gboolean future = waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE;
        double value, py, d;

        if (future != (pass == 0) || !g_hash_table_contains (self->shown_curves, curve)
            || !waymark_curve_get_value (curve, stage->stage, &value))
          continue;
        py = _waymark_layout_y_for_emotion (self, value);
        d = (px - x) * (px - x) + (py - y) * (py - y);
        if (d <= best)
          {
            best = d;
            hit->kind = WAYMARK_HIT_CURVE_POINT;
            hit->element = WAYMARK_ELEMENT (curve);
            found = TRUE;
          }
      }
  return found;
}

void
waymark_layout_hit_test (WaymarkLayout *self,
                         double         x,
                         double         y,
                         WaymarkHit    *hit)
{
  int s, l;
  double columns_end;
  Cell *cell;
  const WaymarkStageGeom *stage;
  const WaymarkLaneGeom *lane;
  double top, card_x0, card_x1;
  guint lo, hi;

  g_return_if_fail (WAYMARK_IS_LAYOUT (self));
  g_return_if_fail (hit != NULL);

  _waymark_layout_ensure (self);
  memset (hit, 0, sizeof *hit);
  hit->kind = WAYMARK_HIT_NONE;

  if (y < self->band_y)
    {
      if (y >= WAYMARK_MARGIN && y < WAYMARK_MARGIN + self->header_height
          && x >= WAYMARK_MARGIN && x < self->width - WAYMARK_MARGIN)
        hit->kind = WAYMARK_HIT_HEADER;
      return;
    }

  columns_end = self->columns_x;
  if (self->stages->len > 0)
    columns_end = stage_at (self, self->stages->len - 1)->x
                  + stage_at (self, self->stages->len - 1)->width;

  s = -1;
  if (x >= self->columns_x && x < columns_end)
    s = stage_bsearch (self, x);

  if (y < self->band_y + WAYMARK_STAGE_BAND)
    {
      int edge = -1;

      if (self->stages->len == 0)
        return;
      /* The handle straddles the boundary; the last stage's handle hangs
       * past the end of the columns. */
      if (x >= columns_end && x < columns_end + WAYMARK_EDGE_GRAB)
        edge = (int) self->stages->len - 1;
      else if (s >= 0 && x >= stage_at (self, s)->x + stage_at (self, s)->width - WAYMARK_EDGE_GRAB)
        edge = s;
      else if (s > 0 && x < stage_at (self, s)->x + WAYMARK_EDGE_GRAB)
        edge = s - 1;

      if (edge >= 0)
        {
          hit->kind = WAYMARK_HIT_STAGE_EDGE;
          hit->stage = stage_at (self, edge)->stage;
          hit->element = WAYMARK_ELEMENT (hit->stage);
        }
      else if (s >= 0)
        {
          hit->kind = WAYMARK_HIT_STAGE_HEADER;
          hit->stage = stage_at (self, s)->stage;
          hit->element = WAYMARK_ELEMENT (hit->stage);
        }
      return;
    }

  if (self->summary_height > 0 && y >= self->summary_y
      && y < self->summary_y + self->summary_height)
    {
      if (s >= 0)
        {
          hit->kind = WAYMARK_HIT_STAGE_SUMMARY;
          hit->stage = stage_at (self, s)->stage;
          hit->element = WAYMARK_ELEMENT (hit->stage);
        }
      return;
    }

  l = -1;
  if (self->lanes->len > 0 && y >= self->lanes_y
      && y < lane_at (self, self->lanes->len - 1)->y + lane_at (self, self->lanes->len - 1)->height)
    l = lane_bsearch (self, y);
  if (l < 0)
    {
      if (s >= 0)
        hit->stage = stage_at (self, s)->stage;
      return;
    }

  lane = lane_at (self, l);
  hit->lane = lane->lane;

  if (x >= WAYMARK_MARGIN && x < self->columns_x)
    {
      double toggle_y = lane->y + (lane->collapsed ? (WAYMARK_LANE_COLLAPSED - WAYMARK_TOGGLE_SIZE) / 2
                                                   : 12);

      hit->kind = WAYMARK_HIT_LANE_LABEL;
      hit->element = WAYMARK_ELEMENT (lane->lane);
      if (x >= WAYMARK_MARGIN + WAYMARK_TOGGLE_X
          && x < WAYMARK_MARGIN + WAYMARK_TOGGLE_X + WAYMARK_TOGGLE_SIZE
          && y >= toggle_y && y < toggle_y + WAYMARK_TOGGLE_SIZE)
        hit->kind = WAYMARK_HIT_LANE_TOGGLE;
      else if (l == self->emotion_lane)
        for (guint i = 0; i + 1 < self->n_legend; i++)
          {
            WaymarkRect row;
            WaymarkCurve *curve = _waymark_layout_get_legend_row (self, i, &row);

            if (x >= row.x && x < row.x + row.width && y >= row.y && y < row.y + row.height)
              {
                hit->kind = WAYMARK_HIT_LEGEND;
                hit->element = WAYMARK_ELEMENT (curve);
                break;
              }
          }
      return;
    }
  if (s < 0)
    return;

  stage = stage_at (self, s);
  hit->stage = stage->stage;

  if (lane->collapsed)
    {
      /* Nothing to point at in a collapsed lane; a card dropped there
       * goes last. */
      hit->kind = WAYMARK_HIT_CELL;
      hit->index_in_cell = cell_at (self, (guint) s, (guint) l)->cards->len;
      return;
    }

  if (l == self->emotion_lane && hit_curve_point (self, (guint) s, x, y, hit))
    {
      hit->stage = stage->stage;
      return;
    }

  cell = cell_at (self, (guint) s, (guint) l);
  top = lane->y + WAYMARK_CELL_PAD;
  card_x0 = stage->x + WAYMARK_CELL_PAD;
  card_x1 = card_x0 + card_width_for_stage (stage);

  /* First card whose bottom is below y. */
  lo = 0;
  hi = cell->cards->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      CardInfo *info = g_ptr_array_index (cell->cards, mid);

      if (top + info->y + info->height <= y)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < cell->cards->len)
    {
      CardInfo *info = g_ptr_array_index (cell->cards, lo);
      double card_y = top + info->y;

      if (y >= card_y && x >= card_x0 && x < card_x1)
        {
          hit->kind = WAYMARK_HIT_CARD;
          hit->element = WAYMARK_ELEMENT (info->touchpoint);
          hit->index_in_cell = y < card_y + info->height / 2 ? lo : lo + 1;
          return;
        }
      /* In the gap above card lo or beside it: a drop goes before it only
       * if the point is above the card's middle. */
      hit->index_in_cell = y < card_y + info->height / 2 ? lo : lo + 1;
    }
  else
    hit->index_in_cell = cell->cards->len;

  hit->kind = WAYMARK_HIT_CELL;
}

static gint
compare_position (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GHashTable *order = user_data;
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (order, *(gpointer const *) a));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (order, *(gpointer const *) b));

  return (pa > pb) - (pa < pb);
}

GPtrArray *
waymark_layout_hit_rect (WaymarkLayout     *self,
                         const WaymarkRect *rect)
{
  GPtrArray *result;
  guint s0, s1, l0, l1;
  guint n_cells_hit = 0;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (rect != NULL, NULL);

  _waymark_layout_ensure (self);
  result = g_ptr_array_new ();
  if (rect->width < 0 || rect->height < 0)
    return result;

  _waymark_layout_stage_range (self, rect->x, rect->x + rect->width, &s0, &s1);
  _waymark_layout_lane_range (self, rect->y, rect->y + rect->height, &l0, &l1);

  for (guint l = l0; l < l1 && l < self->lanes->len; l++)
    for (guint s = s0; s < s1 && s < self->stages->len; s++)
      {
        Cell *cell = cell_at (self, s, l);
        const WaymarkStageGeom *stage = stage_at (self, s);
        double x0 = stage->x + WAYMARK_CELL_PAD;
        double x1 = x0 + card_width_for_stage (stage);
        double top = lane_at (self, l)->y + WAYMARK_CELL_PAD;
        guint before = result->len;

        if (x1 < rect->x || x0 > rect->x + rect->width
            || !_waymark_lane_geom_expanded (lane_at (self, l)))
          continue;
        for (guint i = 0; i < cell->cards->len; i++)
          {
            CardInfo *info = g_ptr_array_index (cell->cards, i);
            double y0 = top + info->y;

            if (y0 > rect->y + rect->height)
              break;
            if (y0 + info->height >= rect->y)
              g_ptr_array_add (result, info->touchpoint);
          }
        if (result->len > before)
          n_cells_hit++;
      }

  /* Within a cell the order already is document order; across cells it
   * must come from the document's list. */
  if (n_cells_hit > 1)
    {
      GListModel *touchpoints = waymark_document_get_touchpoints (self->document);
      g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
      guint n = g_list_model_get_n_items (touchpoints);
      guint found = 0;

      for (guint i = 0; i < result->len; i++)
        g_hash_table_insert (wanted, g_ptr_array_index (result, i), GUINT_TO_POINTER (0));
      for (guint i = 0; i < n && found < result->len; i++)
        {
          g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);

          if (g_hash_table_contains (wanted, touchpoint))
            {
              g_hash_table_insert (wanted, touchpoint, GUINT_TO_POINTER (++found));
            }
        }
      g_ptr_array_sort_with_data (result, compare_position, wanted);
    }
  return result;
}

void
waymark_layout_set_view (WaymarkLayout *self,
                         WaymarkView   *view)
{
  g_return_if_fail (WAYMARK_IS_LAYOUT (self));
  g_return_if_fail (view == NULL || WAYMARK_IS_VIEW (view));

  if (!g_set_object (&self->view, view))
    return;
  invalidate_all (self);
}

WaymarkView *
waymark_layout_get_view (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  return self->view;
}

gboolean
waymark_layout_is_lane_shown (WaymarkLayout *self,
                              WaymarkLane   *lane)
{
  int l;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_LANE (lane), FALSE);

  _waymark_layout_ensure (self);
  l = find_lane (self, lane);
  return l >= 0 && lane_at (self, l)->shown;
}

gboolean
waymark_layout_is_curve_shown (WaymarkLayout *self,
                               WaymarkCurve  *curve)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_CURVE (curve), FALSE);

  _waymark_layout_ensure (self);
  ensure_shown_curves (self);
  return g_hash_table_contains (self->shown_curves, curve);
}

gboolean
waymark_layout_get_color_by_owner (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);

  _waymark_layout_ensure (self);
  return self->color_by_owner;
}

gboolean
waymark_layout_get_emotion_rect (WaymarkLayout *self,
                                 WaymarkRect   *rect)
{
  double top, span, end;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  _waymark_layout_ensure (self);
  if (self->emotion_lane < 0)
    return FALSE;
  emotion_plot (self, &top, &span);
  end = self->columns_x;
  if (self->stages->len > 0)
    end = stage_at (self, self->stages->len - 1)->x + stage_at (self, self->stages->len - 1)->width;
  *rect = (WaymarkRect) { self->columns_x, top, end - self->columns_x, span };
  return TRUE;
}

gboolean
waymark_layout_y_for_emotion (WaymarkLayout *self,
                              double         value,
                              double        *y)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);

  _waymark_layout_ensure (self);
  if (self->emotion_lane < 0)
    return FALSE;
  if (y != NULL)
    *y = _waymark_layout_y_for_emotion (self, value);
  return TRUE;
}

WaymarkStage *
waymark_layout_stage_at_x (WaymarkLayout *self,
                           double         x)
{
  int s;
  const WaymarkStageGeom *geom;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);

  _waymark_layout_ensure (self);
  s = stage_bsearch (self, x);
  if (s < 0)
    return NULL;
  geom = stage_at (self, (guint) s);
  return x < geom->x + geom->width ? geom->stage : NULL;
}
