/* waymark-renderer.c — drawing a laid-out map with cairo
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "waymark-renderer.h"
#include "waymark-render-private.h"

typedef struct {
  double r, g, b, a;
} Rgba;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, alpha) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                           ((hex) & 0xff) / 255.0, (alpha) }

/* Colours come from the GNOME HIG palette; the dark set follows
 * libadwaita's dark style so the canvas sits well in the window. */
typedef struct {
  Rgba background;
  Rgba text;
  Rgba text_dim;
  Rgba text_faint;
  Rgba grid;
  Rgba stage_fill;
  Rgba stage_fill_alt;
  Rgba stage_text;
  Rgba stage_number;
  Rgba card;
  Rgba card_border;
  Rgba shadow;
  Rgba pain_lane;
  Rgba pain_card;
  Rgba pain_border;
  Rgba idea_lane;
  Rgba idea_card;
  Rgba idea_border;
  Rgba backstage_lane;
  Rgba backstage_card;
  Rgba backstage_border;
  Rgba note_card;
  Rgba emotion_lane;
  Rgba positive;
  Rgba negative;
  Rgba zero_line;
  Rgba accent;
  Rgba accent_tint;
  Rgba chip_bg[5];
  Rgba chip_fg[5];
} Style;

static const Style light_style = {
  .background       = RGB (0xffffff),
  .text             = RGB (0x241f31),
  .text_dim         = RGB (0x5e5c64),
  .text_faint       = RGB (0x9a9996),
  .grid             = RGB (0xe8e7e5),
  .stage_fill       = RGB (0x1a5fb4),
  .stage_fill_alt   = RGB (0x1c6bc9),
  .stage_text       = RGB (0xffffff),
  .stage_number     = RGBA (0xffffff, 0.72),
  .card             = RGB (0xffffff),
  .card_border      = RGB (0xdeddda),
  .shadow           = RGBA (0x000000, 0.07),
  .pain_lane        = RGBA (0xe01b24, 0.045),
  .pain_card        = RGB (0xfff6f5),
  .pain_border      = RGBA (0xe01b24, 0.30),
  .idea_lane        = RGBA (0x2ec27e, 0.06),
  .idea_card        = RGB (0xf3fbf6),
  .idea_border      = RGBA (0x26a269, 0.35),
  .backstage_lane   = RGBA (0x5e5c64, 0.06),
  .backstage_card   = RGB (0xf6f5f4),
  .backstage_border = RGB (0xc0bfbc),
  .note_card        = RGB (0xf0f4fa),
  .emotion_lane     = RGBA (0x000000, 0.0),
  .positive         = RGBA (0x2ec27e, 0.13),
  .negative         = RGBA (0xe01b24, 0.10),
  .zero_line        = RGB (0xc0bfbc),
  .accent           = RGB (0x3584e4),
  .accent_tint      = RGBA (0x3584e4, 0.10),
  .chip_bg = {
    [WAYMARK_CHIP_NEUTRAL] = RGB (0xf0efee),
    [WAYMARK_CHIP_GOOD]    = RGB (0xdff4e8),
    [WAYMARK_CHIP_BAD]     = RGB (0xfde3e3),
    [WAYMARK_CHIP_PAIN]    = RGB (0xffeadb),
    [WAYMARK_CHIP_IDEA]    = RGB (0xe3eefb),
  },
  .chip_fg = {
    [WAYMARK_CHIP_NEUTRAL] = RGB (0x5e5c64),
    [WAYMARK_CHIP_GOOD]    = RGB (0x1b6e45),
    [WAYMARK_CHIP_BAD]     = RGB (0xa51d2d),
    [WAYMARK_CHIP_PAIN]    = RGB (0xa33a00),
    [WAYMARK_CHIP_IDEA]    = RGB (0x1a5fb4),
  },
};

static const Style dark_style = {
  .background       = RGB (0x1e1e1e),
  .text             = RGB (0xffffff),
  .text_dim         = RGBA (0xffffff, 0.70),
  .text_faint       = RGBA (0xffffff, 0.45),
  .grid             = RGBA (0xffffff, 0.07),
  .stage_fill       = RGB (0x1c4f8f),
  .stage_fill_alt   = RGB (0x1f5aa3),
  .stage_text       = RGB (0xffffff),
  .stage_number     = RGBA (0xffffff, 0.65),
  .card             = RGB (0x303030),
  .card_border      = RGBA (0xffffff, 0.10),
  .shadow           = RGBA (0x000000, 0.30),
  .pain_lane        = RGBA (0xe01b24, 0.08),
  .pain_card        = RGB (0x3a2a2b),
  .pain_border      = RGBA (0xff7b63, 0.35),
  .idea_lane        = RGBA (0x2ec27e, 0.07),
  .idea_card        = RGB (0x27362f),
  .idea_border      = RGBA (0x8ff0a4, 0.30),
  .backstage_lane   = RGBA (0xffffff, 0.035),
  .backstage_card   = RGB (0x2a2a2a),
  .backstage_border = RGBA (0xffffff, 0.25),
  .note_card        = RGB (0x2b3340),
  .emotion_lane     = RGBA (0x000000, 0.0),
  .positive         = RGBA (0x2ec27e, 0.16),
  .negative         = RGBA (0xe01b24, 0.16),
  .zero_line        = RGBA (0xffffff, 0.25),
  .accent           = RGB (0x78aeed),
  .accent_tint      = RGBA (0x78aeed, 0.14),
  .chip_bg = {
    [WAYMARK_CHIP_NEUTRAL] = RGBA (0xffffff, 0.08),
    [WAYMARK_CHIP_GOOD]    = RGBA (0x2ec27e, 0.22),
    [WAYMARK_CHIP_BAD]     = RGBA (0xe01b24, 0.25),
    [WAYMARK_CHIP_PAIN]    = RGBA (0xff7800, 0.22),
    [WAYMARK_CHIP_IDEA]    = RGBA (0x3584e4, 0.25),
  },
  .chip_fg = {
    [WAYMARK_CHIP_NEUTRAL] = RGBA (0xffffff, 0.75),
    [WAYMARK_CHIP_GOOD]    = RGB (0x8ff0a4),
    [WAYMARK_CHIP_BAD]     = RGB (0xff7b63),
    [WAYMARK_CHIP_PAIN]    = RGB (0xffbe6f),
    [WAYMARK_CHIP_IDEA]    = RGB (0x99c1f1),
  },
};

/* Owners, personas and curves without a colour of their own take one of
 * these, chosen by name so that the same owner keeps its colour. */
static const guint32 palette[] = {
  0x3584e4, /* blue */
  0x9141ac, /* purple */
  0xe66100, /* orange */
  0x2190a4, /* teal */
  0xc061cb, /* pink */
  0x26a269, /* green */
  0x986a44, /* brown */
  0x6f8396, /* slate */
  0xe5a50a, /* yellow */
  0xc01c28, /* red */
};

enum {
  LABEL_TITLE = WAYMARK_LABEL_FIRST_FREE,
  LABEL_AUTHOR,
  LABEL_NAME,
  LABEL_NUMBER,
  LABEL_CAPTION,
  LABEL_LEGEND,
  LABEL_SCALE,
  LABEL_PAGE_TITLE,
  LABEL_MOMENT,
};

/* ---- Auxiliary: colours and shapes ------------------------------------ */

static inline void
set_color (cairo_t    *cr,
           const Rgba *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

static Rgba
rgba_from_hex (guint32 hex,
               double  alpha)
{
  Rgba color = RGBA (hex, alpha);
  return color;
}

static gboolean
parse_color (const char *str,
             Rgba       *color)
{
  guint32 hex = 0;

  if (str == NULL || str[0] != '#' || strlen (str) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (str[i]))
        return FALSE;
      hex = hex << 4 | (guint32) g_ascii_xdigit_value (str[i]);
    }
  *color = rgba_from_hex (hex, 1.0);
  return TRUE;
}

static Rgba
color_for_name (const char *name)
{
  g_autofree char *folded = NULL;

  if (name == NULL || *name == '\0')
    return rgba_from_hex (0x9a9996, 1.0);
  folded = g_utf8_casefold (name, -1);
  return rgba_from_hex (palette[g_str_hash (folded) % G_N_ELEMENTS (palette)], 1.0);
}

static Rgba
card_accent (WaymarkTouchpoint *touchpoint)
{
  Rgba color;

  if (parse_color (waymark_touchpoint_get_color (touchpoint), &color))
    return color;
  return color_for_name (waymark_touchpoint_get_owner (touchpoint));
}

/* -2 red, -1 orange, 0 grey, +1 light green, +2 green. */
static Rgba
emotion_color (double value)
{
  static const guint32 stops[] = { 0xc01c28, 0xe66100, 0x9a9996, 0x57e389, 0x26a269 };
  double t = CLAMP (value, WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX) - WAYMARK_EMOTION_MIN;
  guint i = MIN ((guint) floor (t), G_N_ELEMENTS (stops) - 2);
  double f = t - i;
  Rgba a = rgba_from_hex (stops[i], 1.0);
  Rgba b = rgba_from_hex (stops[i + 1], 1.0);

  if (stops[i + 1] == 0x57e389)
    b = rgba_from_hex (0x33d17a, 1.0);
  return (Rgba) { a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f, 1.0 };
}

static Rgba
curve_color (WaymarkLayout *layout,
             WaymarkCurve  *curve)
{
  WaymarkPersona *persona = waymark_curve_get_persona (curve);
  Rgba color;

  if (persona != NULL)
    {
      GListModel *personas = waymark_document_get_personas (waymark_layout_get_document (layout));
      guint n = g_list_model_get_n_items (personas);

      if (parse_color (waymark_persona_get_color (persona), &color))
        return color;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WaymarkPersona) item = g_list_model_get_item (personas, i);

          if (item == persona)
            return rgba_from_hex (palette[i % 4], 1.0);
        }
    }
  return rgba_from_hex (palette[0], 1.0);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The part of a rounded rectangle left of x + band (band < radius): a
 * card's accent without clipping. */
static void
accent_path (cairo_t *cr,
             double   x,
             double   y,
             double   band,
             double   height,
             double   radius)
{
  double a = acos ((radius - band) / radius);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, G_PI + a);
  cairo_line_to (cr, x + band, y + height - radius + radius * sin (a));
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI - a, G_PI);
  cairo_close_path (cr);
}

static inline gboolean
rects_meet (const WaymarkRect *a,
            double             x,
            double             y,
            double             width,
            double             height)
{
  return a->x < x + width && x < a->x + a->width && a->y < y + height && y < a->y + a->height;
}

static inline gboolean
in_set (GHashTable *set,
        gpointer    element)
{
  return set != NULL && element != NULL && g_hash_table_contains (set, element);
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

/* A round face whose mouth follows the emotion: two fills, the disc and
 * its features (eyes and a mouth drawn as a thin closed shape). */
static void
draw_face (cairo_t *cr,
           double   cx,
           double   cy,
           double   radius,
           double   value,
           double   alpha)
{
  Rgba color = emotion_color (value);
  double smile = CLAMP (value / WAYMARK_EMOTION_MAX, -1.0, 1.0);
  double mouth_y = cy + radius * 0.30;
  double mouth_w = radius * 0.46;
  double bend = smile * radius * 0.24;
  double thick = radius * 0.15;
  double eye = radius * 0.13;

  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.r, color.g, color.b, alpha);
  cairo_fill (cr);

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx - radius * 0.34, cy - radius * 0.22, eye, 0, 2 * G_PI);
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx + radius * 0.34, cy - radius * 0.22, eye, 0, 2 * G_PI);
  cairo_move_to (cr, cx - mouth_w, mouth_y - bend / 2 - thick / 2);
  cairo_curve_to (cr, cx - mouth_w / 2, mouth_y + bend - thick / 2,
                  cx + mouth_w / 2, mouth_y + bend - thick / 2,
                  cx + mouth_w, mouth_y - bend / 2 - thick / 2);
  cairo_line_to (cr, cx + mouth_w, mouth_y - bend / 2 + thick / 2);
  cairo_curve_to (cr, cx + mouth_w / 2, mouth_y + bend + thick / 2,
                  cx - mouth_w / 2, mouth_y + bend + thick / 2,
                  cx - mouth_w, mouth_y - bend / 2 + thick / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  cairo_fill (cr);
}

/* ---- Cards -------------------------------------------------------------- */

static void
draw_card (WaymarkLayout              *layout,
           cairo_t                    *cr,
           const Style                *style,
           WaymarkTouchpoint          *touchpoint,
           WaymarkLaneKind             kind,
           double                      x,
           double                      y,
           double                      width,
           const WaymarkRenderOptions *options,
           gboolean                    lifted)
{
  const WaymarkCardText *text = _waymark_layout_get_card_text (layout, touchpoint, width);
  double height = text->height;
  gboolean selected = options != NULL && in_set (options->selection, touchpoint);
  gboolean hover = options != NULL && options->hover == (WaymarkElement *) touchpoint;
  gboolean focus = options != NULL && options->focus == (WaymarkElement *) touchpoint;
  const Rgba *fill = &style->card;
  const Rgba *border = &style->card_border;
  Rgba accent = card_accent (touchpoint);
  gboolean boxed = kind != WAYMARK_LANE_TEXT;
  gboolean dashed = FALSE;

  switch (kind)
    {
    case WAYMARK_LANE_PAIN_POINTS:
      fill = &style->pain_card;
      border = &style->pain_border;
      accent = rgba_from_hex (0xe01b24, 1.0);
      break;
    case WAYMARK_LANE_OPPORTUNITIES:
      fill = &style->idea_card;
      border = &style->idea_border;
      accent = rgba_from_hex (0x26a269, 1.0);
      break;
    case WAYMARK_LANE_BACKSTAGE:
      fill = &style->backstage_card;
      border = &style->backstage_border;
      dashed = TRUE;
      break;
    case WAYMARK_LANE_TEXT:
      fill = &style->note_card;
      break;
    case WAYMARK_LANE_CARDS:
    case WAYMARK_LANE_EMOTION:
    default:
      break;
    }

  /* Border and body are two fills, cheaper to rasterise than a stroke;
   * the border runs a pixel lower at the bottom, which reads as a soft
   * shadow. */
  if (lifted)
    {
      set_color (cr, &style->shadow);
      rounded_rect (cr, x - 2, y + 10, width + 4, height, 10);
      cairo_fill (cr);
      rounded_rect (cr, x, y + 5, width, height, 8);
      cairo_fill (cr);
    }

  if (boxed && !dashed)
    {
      rounded_rect (cr, x, y, width, height + 1, 8);
      set_color (cr, border);
      cairo_fill (cr);
      rounded_rect (cr, x + 1, y + 1, width - 2, height - 2, 7);
      set_color (cr, fill);
      cairo_fill (cr);
    }
  else
    {
      rounded_rect (cr, x, y, width, height, 8);
      set_color (cr, fill);
      if (dashed)
        {
          static const double dashes[] = { 4, 3 };

          cairo_fill (cr);
          rounded_rect (cr, x + 0.5, y + 0.5, width - 1, height - 1, 7.5);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_set_line_width (cr, 1);
          set_color (cr, border);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        cairo_fill (cr);
    }

  if (boxed)
    {
      accent_path (cr, x, y, WAYMARK_CARD_ACCENT, height, 8);
      set_color (cr, &accent);
      cairo_fill (cr);
    }
  else
    {
      /* Notes (thoughts, quotes) carry a quote rule instead. */
      cairo_set_source_rgba (cr, style->text_faint.r, style->text_faint.g, style->text_faint.b, 0.6);
      cairo_rectangle (cr, x + 6, y + 10, 2, height - 20);
      cairo_fill (cr);
    }

  if (waymark_touchpoint_has_emotion (touchpoint))
    draw_face (cr, x + width - WAYMARK_CARD_PAD_X - WAYMARK_FACE_SIZE / 2,
               y + WAYMARK_CARD_PAD_Y + WAYMARK_FACE_SIZE / 2 - 1, WAYMARK_FACE_SIZE / 2,
               waymark_touchpoint_get_emotion (touchpoint), 1.0);

  set_color (cr, &style->text);
  show_layout_at (cr, text->title, x + text->title_x, y + text->title_y);

  if (text->description != NULL)
    {
      set_color (cr, &style->text_dim);
      show_layout_at (cr, text->description, x + text->title_x, y + text->description_y);
    }

  if (text->meta != NULL)
    {
      double dot_y = y + text->meta_y + layout_height (text->meta) / 2;
      Rgba owner = color_for_name (waymark_touchpoint_get_owner (touchpoint));

      cairo_arc (cr, x + text->title_x + 3.5, dot_y, 3.5, 0, 2 * G_PI);
      set_color (cr, &owner);
      cairo_fill (cr);
      set_color (cr, &style->text_dim);
      show_layout_at (cr, text->meta, x + text->title_x + 12, y + text->meta_y);
    }

  for (guint i = 0; i < text->chips->len; i++)
    {
      const WaymarkCardChip *chip = &g_array_index (text->chips, WaymarkCardChip, i);
      double chip_text_h = layout_height (chip->layout);

      rounded_rect (cr, x + chip->x, y + chip->y, chip->width, WAYMARK_CHIP_HEIGHT,
                    WAYMARK_CHIP_HEIGHT / 2);
      set_color (cr, &style->chip_bg[chip->tone]);
      cairo_fill (cr);
      set_color (cr, &style->chip_fg[chip->tone]);
      show_layout_at (cr, chip->layout, x + chip->x + WAYMARK_CHIP_PAD_X,
                      y + chip->y + (WAYMARK_CHIP_HEIGHT - chip_text_h) / 2);
    }

  if (selected || hover)
    {
      rounded_rect (cr, x - (selected ? 1 : 0), y - (selected ? 1 : 0),
                    width + (selected ? 2 : 0), height + (selected ? 2 : 0), 9);
      cairo_set_line_width (cr, selected ? 2.5 : 1.5);
      if (selected)
        set_color (cr, &style->accent);
      else
        cairo_set_source_rgba (cr, style->accent.r, style->accent.g, style->accent.b, 0.55);
      cairo_stroke (cr);
    }
  if (focus)
    {
      rounded_rect (cr, x - 4, y - 4, width + 8, height + 8, 12);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, style->accent.r, style->accent.g, style->accent.b, 0.5);
      cairo_stroke (cr);
    }
}

/* ---- Header, stages, lanes ---------------------------------------------- */

static void
draw_header (WaymarkLayout *layout,
             cairo_t       *cr,
             const Style   *style,
             double         width)
{
  WaymarkDocument *document = waymark_layout_get_document (layout);
  GListModel *personas = waymark_document_get_personas (document);
  guint n_personas = g_list_model_get_n_items (personas);
  const char *title = waymark_document_get_title (document);
  const char *author = waymark_document_get_author (document);
  double x = WAYMARK_MARGIN;
  double y = WAYMARK_MARGIN;
  double inner = width - 2 * WAYMARK_MARGIN;
  double author_w = 0;
  PangoLayout *text;

  if (author != NULL && *author != '\0')
    {
      text = _waymark_layout_get_label (layout, document, LABEL_AUTHOR, author, 12,
                                        PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 1);
      author_w = MIN (layout_width (text), inner / 3);
      set_color (cr, &style->text_faint);
      cairo_save (cr);
      cairo_rectangle (cr, x + inner - author_w, y, author_w, 24);
      cairo_clip (cr);
      show_layout_at (cr, text, x + inner - author_w, y + 10);
      cairo_restore (cr);
      author_w += 24;
    }

  text = _waymark_layout_get_label (layout, document, LABEL_TITLE,
                                    title != NULL && *title != '\0' ? title : _("Untitled Journey"),
                                    30, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                                    inner - author_w, 1);
  set_color (cr, &style->text);
  show_layout_at (cr, text, x, y);
  y += 40;

  text = _waymark_layout_get_description (layout);
  if (text != NULL)
    {
      set_color (cr, &style->text_dim);
      show_layout_at (cr, text, x, y);
      y += layout_height (text) + 14;
    }

  /* Persona chips: an initial in the persona's colour, name and role. */
  for (guint i = 0; i < n_personas && x < WAYMARK_MARGIN + inner - 60; i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);
      const char *name = waymark_persona_get_name (persona);
      const char *role = waymark_persona_get_role (persona);
      g_autofree char *label = NULL;
      g_autofree char *initial = NULL;
      Rgba color;
      double chip_w, room;
      PangoLayout *initial_text;

      if (!parse_color (waymark_persona_get_color (persona), &color))
        color = rgba_from_hex (palette[i % 4], 1.0);

      if (role != NULL && *role != '\0')
        /* Translators: a persona in the map header: name and role */
        label = g_strdup_printf (_("%s — %s"), name, role);
      else
        label = g_strdup (name);

      room = WAYMARK_MARGIN + inner - x - 40;
      text = _waymark_layout_get_label (layout, persona, LABEL_NAME, label, 13,
                                        PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                                        MIN (room, 360), 1);
      chip_w = 34 + MIN (layout_width (text), MIN (room, 360)) + 14;

      rounded_rect (cr, x, y, chip_w, 30, 15);
      cairo_set_source_rgba (cr, color.r, color.g, color.b, 0.12);
      cairo_fill (cr);
      cairo_arc (cr, x + 15, y + 15, 11, 0, 2 * G_PI);
      set_color (cr, &color);
      cairo_fill (cr);

      if (name != NULL && *name != '\0')
        {
          gunichar c = g_unichar_toupper (g_utf8_get_char (name));
          char buf[8] = { 0 };

          g_unichar_to_utf8 (c, buf);
          initial = g_strdup (buf);
          initial_text = _waymark_layout_get_label (layout, persona, LABEL_NUMBER, initial, 12,
                                                    PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0, 1);
          cairo_set_source_rgb (cr, 1, 1, 1);
          show_layout_at (cr, initial_text, x + 15 - layout_width (initial_text) / 2,
                          y + 15 - layout_height (initial_text) / 2);
        }

      set_color (cr, &style->text);
      show_layout_at (cr, text, x + 34, y + 15 - layout_height (text) / 2);
      x += chip_w + 10;
    }
}

static void
draw_stage_header (WaymarkLayout              *layout,
                   cairo_t                    *cr,
                   const Style                *style,
                   guint                       index,
                   gboolean                    first_on_page,
                   const WaymarkRenderOptions *options)
{
  const WaymarkStageGeom *geom = _waymark_layout_get_stage_geom (layout, index);
  double y = _waymark_layout_get_band_y (layout);
  double h = WAYMARK_STAGE_BAND;
  double tip = 14;
  double x = geom->x + 2;
  double w = geom->width - 4;
  double text_x = x + (first_on_page ? 14 : tip + 10);
  double text_w = MAX (x + w - tip - 6 - text_x, 10);
  g_autofree char *number = g_strdup_printf ("%02u", index + 1);
  PangoLayout *number_text;
  PangoLayout *name_text;
  double block_h;
  WaymarkElement *element = WAYMARK_ELEMENT (geom->stage);

  /* Chevrons point the way through the journey. */
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + w - tip, y);
  cairo_line_to (cr, x + w, y + h / 2);
  cairo_line_to (cr, x + w - tip, y + h);
  cairo_line_to (cr, x, y + h);
  if (!first_on_page)
    cairo_line_to (cr, x + tip, y + h / 2);
  cairo_close_path (cr);
  set_color (cr, index % 2 == 0 ? &style->stage_fill : &style->stage_fill_alt);
  cairo_fill_preserve (cr);

  if (options != NULL && (in_set (options->selection, element) || options->hover == element
                          || options->focus == element))
    {
      cairo_set_line_width (cr, in_set (options->selection, element) ? 3 : 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      set_color (cr, &style->accent);
      if (options->hover == element && !in_set (options->selection, element))
        cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
      cairo_stroke (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
    }
  cairo_new_path (cr);

  number_text = _waymark_layout_get_label (layout, geom->stage, LABEL_NUMBER, number, 11,
                                           PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0, 1);
  name_text = _waymark_layout_get_label (layout, geom->stage, LABEL_NAME,
                                         waymark_stage_get_name (geom->stage), 15,
                                         PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, text_w, 2);
  block_h = layout_height (number_text) + layout_height (name_text);

  set_color (cr, &style->stage_number);
  show_layout_at (cr, number_text, text_x, y + (h - block_h) / 2);
  set_color (cr, &style->stage_text);
  show_layout_at (cr, name_text, text_x, y + (h - block_h) / 2 + layout_height (number_text));
}

static const char *
lane_caption (WaymarkLaneKind kind)
{
  switch (kind)
    {
    case WAYMARK_LANE_EMOTION:
      return _("Emotional journey");
    case WAYMARK_LANE_PAIN_POINTS:
      return _("Pain points");
    case WAYMARK_LANE_OPPORTUNITIES:
      return _("Opportunities");
    case WAYMARK_LANE_BACKSTAGE:
      return _("Employee journey, behind the line of visibility");
    case WAYMARK_LANE_TEXT:
    case WAYMARK_LANE_CARDS:
    default:
      return NULL;
    }
}

static Rgba
lane_color (WaymarkLaneKind kind)
{
  switch (kind)
    {
    case WAYMARK_LANE_EMOTION:
      return rgba_from_hex (0x9141ac, 1.0);
    case WAYMARK_LANE_PAIN_POINTS:
      return rgba_from_hex (0xe01b24, 1.0);
    case WAYMARK_LANE_OPPORTUNITIES:
      return rgba_from_hex (0x26a269, 1.0);
    case WAYMARK_LANE_BACKSTAGE:
      return rgba_from_hex (0x77767b, 1.0);
    case WAYMARK_LANE_TEXT:
      return rgba_from_hex (0x9a9996, 1.0);
    case WAYMARK_LANE_CARDS:
    default:
      return rgba_from_hex (0x3584e4, 1.0);
    }
}

static void draw_curve_legend (WaymarkLayout *layout,
                               cairo_t       *cr,
                               const Style   *style,
                               double         x,
                               double         y,
                               double         width,
                               double         bottom);

static void
draw_lane_label (WaymarkLayout              *layout,
                 cairo_t                    *cr,
                 const Style                *style,
                 guint                       index,
                 const WaymarkRenderOptions *options)
{
  const WaymarkLaneGeom *geom = _waymark_layout_get_lane_geom (layout, index);
  WaymarkElement *element = WAYMARK_ELEMENT (geom->lane);
  double x = WAYMARK_MARGIN;
  double y = geom->y + 14;
  double w = WAYMARK_LABEL_WIDTH - 24;
  Rgba color = lane_color (geom->kind);
  const char *caption = lane_caption (geom->kind);
  PangoLayout *name;
  int emotion = _waymark_layout_get_emotion_lane (layout);

  if (options != NULL && (in_set (options->selection, element) || options->hover == element
                          || options->focus == element))
    {
      rounded_rect (cr, x - 6, geom->y + 4, WAYMARK_LABEL_WIDTH - 4, geom->height - 8, 8);
      set_color (cr, &style->accent_tint);
      cairo_fill_preserve (cr);
      if (in_set (options->selection, element) || options->focus == element)
        {
          cairo_set_line_width (cr, 2);
          set_color (cr, &style->accent);
          cairo_stroke_preserve (cr);
        }
      cairo_new_path (cr);
    }

  cairo_rectangle (cr, x, geom->y + 12, 3, MIN (geom->height - 24, 40));
  set_color (cr, &color);
  cairo_fill (cr);

  name = _waymark_layout_get_label (layout, geom->lane, LABEL_NAME,
                                    waymark_lane_get_name (geom->lane), 14,
                                    PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, w - 12, 2);
  set_color (cr, &style->text);
  show_layout_at (cr, name, x + 12, y - 2);
  y += layout_height (name) - 2;

  if (caption != NULL && g_strcmp0 (caption, waymark_lane_get_name (geom->lane)) != 0)
    {
      PangoLayout *text = _waymark_layout_get_label (layout, geom->lane, LABEL_CAPTION, caption,
                                                     11.5, PANGO_WEIGHT_NORMAL,
                                                     PANGO_STYLE_NORMAL, w - 12, 2);
      set_color (cr, &style->text_faint);
      show_layout_at (cr, text, x + 12, y);
      y += layout_height (text);
    }

  if ((int) index == emotion)
    {
      /* The scale, right-aligned against the columns. */
      double fx = WAYMARK_MARGIN + WAYMARK_LABEL_WIDTH - 14;

      draw_face (cr, fx, _waymark_layout_y_for_emotion (layout, WAYMARK_EMOTION_MAX), 7,
                 WAYMARK_EMOTION_MAX, 0.9);
      draw_face (cr, fx, _waymark_layout_y_for_emotion (layout, 0), 7, 0, 0.9);
      draw_face (cr, fx, _waymark_layout_y_for_emotion (layout, WAYMARK_EMOTION_MIN), 7,
                 WAYMARK_EMOTION_MIN, 0.9);
      draw_curve_legend (layout, cr, style, x + 12, y + 12, w - 34,
                         geom->y + geom->height - 10);
    }
}

static void
draw_lane_background (WaymarkLayout *layout,
                      cairo_t       *cr,
                      const Style   *style,
                      guint          index,
                      double         x0,
                      double         x1,
                      gboolean       transparent)
{
  const WaymarkLaneGeom *geom = _waymark_layout_get_lane_geom (layout, index);
  const Rgba *fill = NULL;

  switch (geom->kind)
    {
    case WAYMARK_LANE_PAIN_POINTS:
      fill = &style->pain_lane;
      break;
    case WAYMARK_LANE_OPPORTUNITIES:
      fill = &style->idea_lane;
      break;
    case WAYMARK_LANE_BACKSTAGE:
      fill = &style->backstage_lane;
      break;
    case WAYMARK_LANE_EMOTION:
    case WAYMARK_LANE_TEXT:
    case WAYMARK_LANE_CARDS:
    default:
      break;
    }

  if (fill != NULL)
    {
      cairo_rectangle (cr, x0, geom->y, x1 - x0, geom->height);
      if (transparent)
        set_color (cr, fill);
      else
        {
          /* Over a known background the tint can be opaque, which pixman
           * fills much faster than a blend over a whole lane. */
          Rgba flat = {
            style->background.r + (fill->r - style->background.r) * fill->a,
            style->background.g + (fill->g - style->background.g) * fill->a,
            style->background.b + (fill->b - style->background.b) * fill->a,
            1.0,
          };
          set_color (cr, &flat);
        }
      cairo_fill (cr);
    }

  /* Separator above every lane but the first. */
  if (index > 0)
    {
      const WaymarkLaneGeom *prev = _waymark_layout_get_lane_geom (layout, index - 1);

      if (geom->kind == WAYMARK_LANE_BACKSTAGE && prev->kind != WAYMARK_LANE_BACKSTAGE)
        {
          /* The line of visibility: the customer sees nothing below it. */
          static const double dashes[] = { 8, 5 };

          cairo_set_dash (cr, dashes, 2, 0);
          cairo_set_line_width (cr, 1.5);
          set_color (cr, &style->text_faint);
          cairo_move_to (cr, x0, geom->y);
          cairo_line_to (cr, x1, geom->y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          cairo_set_line_width (cr, 1);
          set_color (cr, &style->grid);
          cairo_move_to (cr, x0, geom->y + 0.5);
          cairo_line_to (cr, x1, geom->y + 0.5);
          cairo_stroke (cr);
        }
    }
}

/* ---- The emotion curve ------------------------------------------------- */

typedef struct {
  double x;
  double y;
  double m;   /* tangent dy/dx */
} CurvePoint;

/* Fritsch–Carlson: a monotone cubic never leaves the range of the two
 * points it joins, so the curve cannot overshoot the emotion scale or
 * suggest a dip between two equal values. */
static void
monotone_tangents (CurvePoint *p,
                   guint       n)
{
  g_autofree double *d = NULL;

  if (n < 2)
    {
      if (n == 1)
        p[0].m = 0;
      return;
    }

  d = g_new (double, n - 1);
  for (guint k = 0; k + 1 < n; k++)
    d[k] = (p[k + 1].y - p[k].y) / (p[k + 1].x - p[k].x);

  p[0].m = d[0];
  p[n - 1].m = d[n - 2];
  for (guint k = 1; k + 1 < n; k++)
    p[k].m = d[k - 1] * d[k] <= 0 ? 0 : (d[k - 1] + d[k]) / 2;

  for (guint k = 0; k + 1 < n; k++)
    {
      double a, b, s;

      if (d[k] == 0)
        {
          p[k].m = 0;
          p[k + 1].m = 0;
          continue;
        }
      a = p[k].m / d[k];
      b = p[k + 1].m / d[k];
      s = a * a + b * b;
      if (s > 9)
        {
          double t = 3 / sqrt (s);
          p[k].m = t * a * d[k];
          p[k + 1].m = t * b * d[k];
        }
    }
}

static void
curve_path (cairo_t          *cr,
            const CurvePoint *p,
            guint             n)
{
  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint k = 0; k + 1 < n; k++)
    {
      double h = (p[k + 1].x - p[k].x) / 3;

      cairo_curve_to (cr, p[k].x + h, p[k].y + p[k].m * h,
                      p[k + 1].x - h, p[k + 1].y - p[k + 1].m * h,
                      p[k + 1].x, p[k + 1].y);
    }
}

static CurvePoint *
curve_points (WaymarkLayout *layout,
              WaymarkCurve  *curve,
              guint         *n_points)
{
  guint n_stages = _waymark_layout_get_n_stages (layout);
  CurvePoint *points = g_new (CurvePoint, MAX (n_stages, 1));
  guint n = 0;

  for (guint s = 0; s < n_stages; s++)
    {
      const WaymarkStageGeom *geom = _waymark_layout_get_stage_geom (layout, s);
      double value;

      if (!waymark_curve_get_value (curve, geom->stage, &value))
        continue;
      points[n].x = geom->x + geom->width / 2;
      points[n].y = _waymark_layout_y_for_emotion (layout, value);
      n++;
    }
  monotone_tangents (points, n);
  *n_points = n;
  return points;
}

/* The lowest point of each current curve, when clearly negative, is a
 * moment of truth: the first thing a team should fix. Marked once per
 * stage, under the lowest curve there. */
static void
draw_moments_of_truth (WaymarkLayout         *layout,
                       cairo_t               *cr,
                       const Style           *style,
                       GListModel            *curves,
                       const WaymarkLaneGeom *lane)
{
  guint n_curves = g_list_model_get_n_items (curves);
  guint n_stages = _waymark_layout_get_n_stages (layout);
  g_autofree double *lowest = g_new0 (double, MAX (n_stages, 1));
  gboolean any = FALSE;

  for (guint i = 0; i < n_curves; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
      double min_value = -1.0;
      int min_stage = -1;

      if (waymark_curve_get_state (curve) != WAYMARK_CURVE_CURRENT)
        continue;
      for (guint s = 0; s < n_stages; s++)
        {
          double value;

          if (waymark_curve_get_value (curve, _waymark_layout_get_stage_geom (layout, s)->stage,
                                       &value)
              && value <= min_value)
            {
              min_value = value;
              min_stage = (int) s;
            }
        }
      if (min_stage >= 0)
        {
          double y = _waymark_layout_y_for_emotion (layout, min_value);

          lowest[min_stage] = MAX (lowest[min_stage], y);
          any = TRUE;
        }
    }
  if (!any)
    return;

  for (guint s = 0; s < n_stages; s++)
    {
      const WaymarkStageGeom *geom = _waymark_layout_get_stage_geom (layout, s);
      PangoLayout *text;
      double cx = geom->x + geom->width / 2;
      double w, h;

      if (lowest[s] == 0)
        continue;

      cairo_arc (cr, cx, lowest[s], 11, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, 0.75, 0.11, 0.16, 0.55);
      cairo_stroke (cr);

      text = _waymark_layout_get_label (layout, geom->stage, LABEL_MOMENT, _("Moment of truth"),
                                        10.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0, 1);
      w = layout_width (text);
      h = layout_height (text);
      /* Beside the point when there is no room below it. */
      if (lowest[s] + 13 + h <= lane->y + lane->height)
        {
          set_color (cr, &style->chip_fg[WAYMARK_CHIP_BAD]);
          show_layout_at (cr, text, cx - w / 2, lowest[s] + 13);
        }
      else
        {
          set_color (cr, &style->chip_fg[WAYMARK_CHIP_BAD]);
          show_layout_at (cr, text, cx + 16, lowest[s] - h / 2);
        }
    }
}

static void
draw_curves (WaymarkLayout              *layout,
             cairo_t                    *cr,
             const Style                *style,
             const WaymarkRenderOptions *options)
{
  WaymarkDocument *document = waymark_layout_get_document (layout);
  GListModel *curves = waymark_document_get_curves (document);
  guint n_curves = g_list_model_get_n_items (curves);
  int lane_index = _waymark_layout_get_emotion_lane (layout);
  const WaymarkLaneGeom *lane;
  double zero_y, x0, x1;
  guint n_stages = _waymark_layout_get_n_stages (layout);

  if (lane_index < 0 || n_stages == 0)
    return;
  lane = _waymark_layout_get_lane_geom (layout, (guint) lane_index);
  zero_y = _waymark_layout_y_for_emotion (layout, 0);
  x0 = _waymark_layout_get_columns_x (layout);
  x1 = _waymark_layout_get_stage_geom (layout, n_stages - 1)->x
       + _waymark_layout_get_stage_geom (layout, n_stages - 1)->width;

  cairo_save (cr);
  cairo_rectangle (cr, x0, lane->y, x1 - x0, lane->height);
  cairo_clip (cr);

  /* Neutral line and the ends of the scale. */
  {
    static const double dashes[] = { 2, 4 };

    cairo_set_line_width (cr, 1);
    set_color (cr, &style->zero_line);
    cairo_move_to (cr, x0, zero_y);
    cairo_line_to (cr, x1, zero_y);
    cairo_stroke (cr);
    cairo_set_dash (cr, dashes, 2, 0);
    set_color (cr, &style->grid);
    cairo_move_to (cr, x0, _waymark_layout_y_for_emotion (layout, WAYMARK_EMOTION_MAX));
    cairo_line_to (cr, x1, _waymark_layout_y_for_emotion (layout, WAYMARK_EMOTION_MAX));
    cairo_move_to (cr, x0, _waymark_layout_y_for_emotion (layout, WAYMARK_EMOTION_MIN));
    cairo_line_to (cr, x1, _waymark_layout_y_for_emotion (layout, WAYMARK_EMOTION_MIN));
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }

  /* Tints first, under every line: the current state's highs and lows. */
  for (guint i = 0; i < n_curves; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
      g_autofree CurvePoint *points = NULL;
      guint n;

      if (waymark_curve_get_state (curve) != WAYMARK_CURVE_CURRENT
          || (options != NULL && in_set (options->hidden, curve)))
        continue;
      points = curve_points (layout, curve, &n);
      if (n < 2)
        continue;

      for (guint half = 0; half < 2; half++)
        {
          cairo_save (cr);
          if (half == 0)
            cairo_rectangle (cr, x0, lane->y, x1 - x0, zero_y - lane->y);
          else
            cairo_rectangle (cr, x0, zero_y, x1 - x0, lane->y + lane->height - zero_y);
          cairo_clip (cr);
          curve_path (cr, points, n);
          cairo_line_to (cr, points[n - 1].x, zero_y);
          cairo_line_to (cr, points[0].x, zero_y);
          cairo_close_path (cr);
          set_color (cr, half == 0 ? &style->positive : &style->negative);
          cairo_fill (cr);
          cairo_restore (cr);
        }
    }

  /* Future curves under current ones: the current state is the fact. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_curves; i++)
      {
        g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
        gboolean future = waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE;
        gboolean selected = options != NULL && (in_set (options->selection, curve)
                                                || options->focus == (WaymarkElement *) curve);
        gboolean hover = options != NULL && options->hover == (WaymarkElement *) curve;
        g_autofree CurvePoint *points = NULL;
        Rgba color = curve_color (layout, curve);
        guint n;

        if (future != (pass == 0) || (options != NULL && in_set (options->hidden, curve)))
          continue;
        points = curve_points (layout, curve, &n);
        if (n == 0)
          continue;

        if (n >= 2)
          {
            curve_path (cr, points, n);
            if (selected || hover)
              {
                cairo_set_line_width (cr, 9);
                cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
                cairo_set_source_rgba (cr, color.r, color.g, color.b, selected ? 0.25 : 0.15);
                cairo_stroke_preserve (cr);
              }
            if (future)
              {
                static const double dashes[] = { 9, 6 };
                cairo_set_dash (cr, dashes, 2, 0);
              }
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
            cairo_set_line_width (cr, future ? 2.5 : 3.5);
            set_color (cr, &color);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          }

        for (guint k = 0; k < n; k++)
          {
            double r = selected ? 7 : 5.5;

            cairo_arc (cr, points[k].x, points[k].y, r + 2, 0, 2 * G_PI);
            set_color (cr, &style->background);
            cairo_fill (cr);
            cairo_arc (cr, points[k].x, points[k].y, r, 0, 2 * G_PI);
            if (future)
              {
                cairo_set_line_width (cr, 2.5);
                set_color (cr, &color);
                cairo_stroke (cr);
              }
            else
              {
                set_color (cr, &color);
                cairo_fill (cr);
              }
          }
      }

  draw_moments_of_truth (layout, cr, style, curves, lane);
  cairo_restore (cr);
}

static void
draw_curve_legend (WaymarkLayout *layout,
                   cairo_t       *cr,
                   const Style   *style,
                   double         x,
                   double         y,
                   double         width,
                   double         bottom)
{
  GListModel *curves = waymark_document_get_curves (waymark_layout_get_document (layout));
  guint n = g_list_model_get_n_items (curves);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
      WaymarkPersona *persona = waymark_curve_get_persona (curve);
      const char *name = waymark_curve_get_name (curve);
      gboolean future = waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE;
      Rgba color = curve_color (layout, curve);
      g_autofree char *label = NULL;
      PangoLayout *text;
      double h;

      if (name == NULL || *name == '\0')
        {
          const char *who = persona != NULL ? waymark_persona_get_name (persona) : NULL;
          const char *state = future ? _("future") : _("current");

          if (who != NULL && *who != '\0')
            /* Translators: legend of an emotion curve: persona and state, e.g. "Maya, current" */
            label = g_strdup_printf (_("%s, %s"), who, state);
          else
            label = g_strdup (future ? _("Future state") : _("Current state"));
        }
      else
        label = g_strdup (name);

      text = _waymark_layout_get_label (layout, curve, LABEL_LEGEND, label, 11.5,
                                        PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                                        MAX (width - 26, 10), 2);
      h = MAX (layout_height (text), 14);
      if (y + h > bottom)
        break;

      if (future)
        {
          static const double dashes[] = { 5, 3 };
          cairo_set_dash (cr, dashes, 2, 0);
        }
      cairo_set_line_width (cr, future ? 2 : 3);
      set_color (cr, &color);
      cairo_move_to (cr, x, y + 8);
      cairo_line_to (cr, x + 18, y + 8);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      set_color (cr, &style->text_dim);
      show_layout_at (cr, text, x + 26, y);
      y += h + 5;
    }
}

/* ---- Whole map ---------------------------------------------------------- */

static void
draw_body (WaymarkLayout              *layout,
           cairo_t                    *cr,
           const Style                *style,
           const WaymarkRect          *region,
           guint                       first_stage_on_page,
           const WaymarkRenderOptions *options)
{
  guint n_stages = _waymark_layout_get_n_stages (layout);
  guint n_lanes = _waymark_layout_get_n_lanes (layout);
  double columns_x = _waymark_layout_get_columns_x (layout);
  double band_y = _waymark_layout_get_band_y (layout);
  double lanes_y = _waymark_layout_get_lanes_y (layout);
  double columns_end = columns_x;
  double lanes_end = lanes_y;
  guint s0, s1, l0, l1;
  int emotion = _waymark_layout_get_emotion_lane (layout);
  double x0, x1;

  if (n_stages > 0)
    columns_end = _waymark_layout_get_stage_geom (layout, n_stages - 1)->x
                  + _waymark_layout_get_stage_geom (layout, n_stages - 1)->width;
  if (n_lanes > 0)
    lanes_end = _waymark_layout_get_lane_geom (layout, n_lanes - 1)->y
                + _waymark_layout_get_lane_geom (layout, n_lanes - 1)->height;

  _waymark_layout_stage_range (layout, region->x, region->x + region->width, &s0, &s1);
  _waymark_layout_lane_range (layout, region->y, region->y + region->height, &l0, &l1);
  s1 = MIN (s1, n_stages);
  l1 = MIN (l1, n_lanes);

  x0 = MAX (region->x, WAYMARK_MARGIN);
  x1 = MIN (region->x + region->width, columns_end);

  /* Lane tints and separators. */
  for (guint l = l0; l < l1; l++)
    draw_lane_background (layout, cr, style, l, x0, x1, options->transparent);

  /* Column separators, from the band down. */
  cairo_set_line_width (cr, 1);
  set_color (cr, &style->grid);
  for (guint s = s0; s < s1; s++)
    {
      const WaymarkStageGeom *geom = _waymark_layout_get_stage_geom (layout, s);

      if (s == 0 || s == first_stage_on_page)
        continue;
      cairo_move_to (cr, geom->x + 0.5, lanes_y);
      cairo_line_to (cr, geom->x + 0.5, lanes_end);
    }
  cairo_stroke (cr);

  if (rects_meet (region, columns_x, band_y, columns_end - columns_x, WAYMARK_STAGE_BAND))
    for (guint s = s0; s < s1; s++)
      draw_stage_header (layout, cr, style, s, s == first_stage_on_page, options);

  if (region->x < columns_x)
    for (guint l = l0; l < l1; l++)
      draw_lane_label (layout, cr, style, l, options);

  for (guint l = l0; l < l1; l++)
    {
      const WaymarkLaneGeom *lane = _waymark_layout_get_lane_geom (layout, l);
      double top = lane->y + WAYMARK_CELL_PAD;

      for (guint s = s0; s < s1; s++)
        {
          const WaymarkStageGeom *stage = _waymark_layout_get_stage_geom (layout, s);
          guint n_cards = _waymark_layout_get_cell_n_cards (layout, s, l);
          double card_x = stage->x + WAYMARK_CELL_PAD;
          double card_w = MAX (stage->width - 2 * WAYMARK_CELL_PAD, 24.0);
          guint lo = 0, hi = n_cards;

          /* Skip the cards above the region. */
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;
              double y, h;

              _waymark_layout_get_cell_card (layout, s, l, mid, &y, &h);
              if (top + y + h < region->y - 12)
                lo = mid + 1;
              else
                hi = mid;
            }

          for (guint i = lo; i < n_cards; i++)
            {
              double y, h;
              WaymarkTouchpoint *touchpoint = _waymark_layout_get_cell_card (layout, s, l, i,
                                                                             &y, &h);

              if (top + y > region->y + region->height + 8)
                break;
              if (options != NULL && in_set (options->hidden, touchpoint))
                continue;
              draw_card (layout, cr, style, touchpoint, lane->kind, card_x, top + y, card_w,
                         options, FALSE);
            }
        }
    }

  if (emotion >= 0 && (guint) emotion >= l0 && (guint) emotion < l1)
    draw_curves (layout, cr, style, options);
}

void
waymark_render_options_init (WaymarkRenderOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
}

void
_waymark_renderer_draw_full (WaymarkLayout              *layout,
                             cairo_t                    *cr,
                             const WaymarkRect          *region,
                             const WaymarkRenderOptions *options,
                             guint                       first_stage_on_page,
                             double                      header_width)
{
  WaymarkRenderOptions defaults;
  const Style *style;
  WaymarkRect all;

  if (options == NULL)
    {
      waymark_render_options_init (&defaults);
      options = &defaults;
    }
  style = options->dark ? &dark_style : &light_style;

  _waymark_layout_ensure (layout);
  if (region == NULL)
    {
      all = (WaymarkRect) { 0, 0, waymark_layout_get_width (layout),
                            waymark_layout_get_height (layout) };
      region = &all;
    }
  if (header_width <= 0)
    header_width = waymark_layout_get_width (layout);

  cairo_save (cr);
  cairo_rectangle (cr, region->x, region->y, region->width, region->height);
  cairo_clip (cr);

  if (!options->transparent)
    {
      set_color (cr, &style->background);
      cairo_paint (cr);
    }

  if (region->y < _waymark_layout_get_band_y (layout))
    draw_header (layout, cr, style, header_width);

  draw_body (layout, cr, style, region, first_stage_on_page, options);

  cairo_restore (cr);
}

void
waymark_renderer_draw (WaymarkLayout              *layout,
                       cairo_t                    *cr,
                       const WaymarkRect          *region,
                       const WaymarkRenderOptions *options)
{
  g_return_if_fail (WAYMARK_IS_LAYOUT (layout));
  g_return_if_fail (cr != NULL);

  _waymark_renderer_draw_full (layout, cr, region, options, 0, 0);
}

double
_waymark_renderer_page_lanes_y (void)
{
  return WAYMARK_MARGIN + WAYMARK_PAGE_HEADER + WAYMARK_STAGE_BAND + WAYMARK_STAGE_BAND_GAP;
}

void
_waymark_renderer_draw_page (WaymarkLayout              *layout,
                             cairo_t                    *cr,
                             const WaymarkPage          *page,
                             const char                 *page_label,
                             const WaymarkRenderOptions *options)
{
  WaymarkDocument *document = waymark_layout_get_document (layout);
  const Style *style = options->dark ? &dark_style : &light_style;
  const WaymarkStageGeom *first = _waymark_layout_get_stage_geom (layout, page->first_stage);
  const WaymarkStageGeom *last = _waymark_layout_get_stage_geom (layout, page->last_stage - 1);
  const WaymarkLaneGeom *top = _waymark_layout_get_lane_geom (layout, page->first_lane);
  const WaymarkLaneGeom *bottom = _waymark_layout_get_lane_geom (layout, page->last_lane - 1);
  double columns_x = _waymark_layout_get_columns_x (layout);
  double band_y = _waymark_layout_get_band_y (layout);
  double page_band_y = WAYMARK_MARGIN + WAYMARK_PAGE_HEADER;
  double span = last->x + last->width - first->x;
  double lanes_h = bottom->y + bottom->height - top->y;
  double page_width = columns_x + span + WAYMARK_MARGIN;
  double dx = columns_x - first->x;
  double dy = _waymark_renderer_page_lanes_y () - top->y;
  const char *title = waymark_document_get_title (document);
  WaymarkRenderOptions part = *options;
  PangoLayout *text;
  double label_w = 0;

  /* Every page repeats a compact title, the stage band of its stages and
   * the labels of its lanes; the parts of the map shift into place. */
  part.transparent = TRUE;
  if (!options->transparent)
    {
      set_color (cr, &style->background);
      cairo_paint (cr);
    }

  if (page_label != NULL)
    {
      text = _waymark_layout_get_label (layout, layout, LABEL_SCALE, page_label, 12,
                                        PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0, 1);
      label_w = layout_width (text);
      set_color (cr, &style->text_faint);
      show_layout_at (cr, text, page_width - WAYMARK_MARGIN - label_w,
                      WAYMARK_MARGIN + (WAYMARK_PAGE_HEADER - 16 - layout_height (text)) / 2);
      label_w += 24;
    }
  text = _waymark_layout_get_label (layout, document, LABEL_PAGE_TITLE,
                                    title != NULL && *title != '\0' ? title : _("Untitled Journey"),
                                    20, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                                    MAX (page_width - 2 * WAYMARK_MARGIN - label_w, 40), 1);
  set_color (cr, &style->text);
  show_layout_at (cr, text, WAYMARK_MARGIN,
                  WAYMARK_MARGIN + (WAYMARK_PAGE_HEADER - 16 - layout_height (text)) / 2);

  cairo_save (cr);
  cairo_translate (cr, dx, page_band_y - band_y);
  _waymark_renderer_draw_full (layout, cr,
                               &(WaymarkRect) { first->x, band_y, span, WAYMARK_STAGE_BAND },
                               &part, page->first_stage, page_width);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, 0, dy);
  _waymark_renderer_draw_full (layout, cr,
                               &(WaymarkRect) { 0, top->y, columns_x, lanes_h },
                               &part, page->first_stage, page_width);
  cairo_translate (cr, dx, 0);
  _waymark_renderer_draw_full (layout, cr,
                               &(WaymarkRect) { first->x, top->y, span, lanes_h },
                               &part, page->first_stage, page_width);
  cairo_restore (cr);
}

void
_waymark_renderer_page_size (WaymarkLayout     *layout,
                             const WaymarkPage *page,
                             double            *width,
                             double            *height)
{
  const WaymarkStageGeom *first = _waymark_layout_get_stage_geom (layout, page->first_stage);
  const WaymarkStageGeom *last = _waymark_layout_get_stage_geom (layout, page->last_stage - 1);
  const WaymarkLaneGeom *top = _waymark_layout_get_lane_geom (layout, page->first_lane);
  const WaymarkLaneGeom *bottom = _waymark_layout_get_lane_geom (layout, page->last_lane - 1);

  *width = _waymark_layout_get_columns_x (layout) + last->x + last->width - first->x
           + WAYMARK_MARGIN;
  *height = _waymark_renderer_page_lanes_y () + bottom->y + bottom->height - top->y
            + WAYMARK_MARGIN;
}

void
waymark_renderer_draw_drop_indicator (WaymarkLayout *layout,
                                      cairo_t       *cr,
                                      WaymarkStage  *stage,
                                      WaymarkLane   *lane,
                                      guint          index_in_cell,
                                      gboolean       dark)
{
  const Style *style = dark ? &dark_style : &light_style;
  WaymarkRect cell;
  guint n_cards;
  double card_y, card_h = 0;
  double y, x0, x1;
  WaymarkDocument *document;
  int s, l;

  g_return_if_fail (WAYMARK_IS_LAYOUT (layout));
  g_return_if_fail (cr != NULL);

  if (!waymark_layout_get_cell_rect (layout, stage, lane, &cell))
    return;
  document = waymark_layout_get_document (layout);
  s = waymark_document_get_stage_index (document, stage);
  l = waymark_document_get_lane_index (document, lane);
  if (s < 0 || l < 0)
    return;
  n_cards = _waymark_layout_get_cell_n_cards (layout, (guint) s, (guint) l);

  x0 = cell.x + WAYMARK_CELL_PAD;
  x1 = cell.x + cell.width - WAYMARK_CELL_PAD;
  if (n_cards == 0)
    y = cell.y + WAYMARK_CELL_PAD - WAYMARK_CARD_GAP / 2;
  else if (index_in_cell < n_cards)
    {
      _waymark_layout_get_cell_card (layout, (guint) s, (guint) l, index_in_cell, &card_y, NULL);
      y = cell.y + WAYMARK_CELL_PAD + card_y - WAYMARK_CARD_GAP / 2;
    }
  else
    {
      _waymark_layout_get_cell_card (layout, (guint) s, (guint) l, n_cards - 1, &card_y,
                                     &card_h);
      y = cell.y + WAYMARK_CELL_PAD + card_y + card_h + WAYMARK_CARD_GAP / 2;
    }
  y = MAX (y, cell.y + 3);

  cairo_save (cr);
  rounded_rect (cr, cell.x + 4, cell.y + 3, cell.width - 8, cell.height - 6, 10);
  set_color (cr, &style->accent_tint);
  cairo_fill (cr);

  set_color (cr, &style->accent);
  cairo_set_line_width (cr, 3);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x0 + 6, y);
  cairo_line_to (cr, x1 - 6, y);
  cairo_stroke (cr);
  cairo_arc (cr, x0 + 4, y, 4, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, x1 - 4, y, 4, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
waymark_renderer_draw_card_at (WaymarkLayout              *layout,
                               cairo_t                    *cr,
                               WaymarkTouchpoint          *touchpoint,
                               double                      x,
                               double                      y,
                               const WaymarkRenderOptions *options)
{
  WaymarkRenderOptions defaults;
  WaymarkRect rect;
  double width = WAYMARK_STAGE_DEFAULT_WIDTH - 2 * WAYMARK_CELL_PAD;
  WaymarkLane *lane;

  g_return_if_fail (WAYMARK_IS_LAYOUT (layout));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (WAYMARK_IS_TOUCHPOINT (touchpoint));

  if (options == NULL)
    {
      waymark_render_options_init (&defaults);
      options = &defaults;
    }
  if (waymark_layout_get_card_rect (layout, touchpoint, &rect))
    width = rect.width;
  lane = waymark_touchpoint_get_lane (touchpoint);

  cairo_save (cr);
  draw_card (layout, cr, options->dark ? &dark_style : &light_style, touchpoint,
             lane != NULL ? waymark_lane_get_kind (lane) : WAYMARK_LANE_CARDS,
             x, y, width, options, TRUE);
  cairo_restore (cr);
}
