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
  Rgba link;
  Rgba alert;
  Rgba summary;
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
  .link             = RGBA (0x5e5c64, 0.38),
  .alert            = RGB (0xe01b24),
  .summary          = RGB (0xf6f5f4),
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
  .link             = RGBA (0xffffff, 0.30),
  .alert            = RGB (0xff7b63),
  .summary          = RGBA (0xffffff, 0.05),
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
  LABEL_SCALE,
  LABEL_PAGE_TITLE,
  LABEL_MOMENT,
  LABEL_OWNERS,
  LABEL_INSIGHT,
  /* Keep last: one slot per level of the scale (name, then number) and
   * per stage for a curve's notes follow. */
  LABEL_LEVEL,
};

#define LABEL_NOTE (LABEL_LEVEL + 2 * (WAYMARK_EMOTION_MAX_STEPS + 1))

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

/* The colour of an owner of the map's list, or one chosen by name for a
 * name that is not on it (or whose owner has no colour). */
static Rgba
owner_color (WaymarkLayout *layout,
             const char    *name)
{
  WaymarkOwner *owner;
  Rgba color;

  if (name == NULL || *name == '\0')
    return color_for_name (name);
  owner = waymark_document_lookup_owner (waymark_layout_get_document (layout), name);
  if (owner != NULL && parse_color (waymark_owner_get_color (owner), &color))
    return color;
  return color_for_name (name);
}

static Rgba
card_accent (WaymarkLayout     *layout,
             WaymarkTouchpoint *touchpoint)
{
  Rgba color;

  if (parse_color (waymark_touchpoint_get_color (touchpoint), &color))
    return color;
  return owner_color (layout, waymark_touchpoint_get_owner (touchpoint));
}

static Rgba
mix (const Rgba *a,
     const Rgba *b,
     double      t)
{
  return (Rgba) { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
                  a->b + (b->b - a->b) * t, 1.0 };
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
  Rgba color;

  if (parse_color (waymark_curve_get_color (curve), &color))
    return color;
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
  /* Or the next arc would start with a line from here. */
  cairo_new_path (cr);
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

/* A value of the map's scale (1 to 5, say, or 0 to 10) placed on the
 * default one that faces are drawn for: the lowest level of any scale is
 * the unhappiest face, the highest the happiest. Values outside the scale
 * (kept after it was narrowed) are drawn as its ends, like curves. */
static double
face_value (WaymarkLayout *layout,
            double         value)
{
  int min, max;

  _waymark_layout_get_scale (layout, &min, &max);
  value = CLAMP (value, (double) min, (double) max);
  return WAYMARK_EMOTION_MIN
         + (value - min) / (max - min) * (WAYMARK_EMOTION_MAX - WAYMARK_EMOTION_MIN);
}

/* A round face whose mouth follows the emotion: two fills, the disc and
 * its features (eyes and a mouth drawn as a thin closed shape). value is
 * on the default scale (see face_value()). */
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
draw_chip (cairo_t               *cr,
           const Style           *style,
           const WaymarkCardChip *chip,
           double                 x,
           double                 y)
{
  double chip_text_h = layout_height (chip->layout);

  rounded_rect (cr, x + chip->x, y + chip->y, chip->width, WAYMARK_CHIP_HEIGHT,
                WAYMARK_CHIP_HEIGHT / 2);
  set_color (cr, &style->chip_bg[chip->tone]);
  cairo_fill (cr);
  set_color (cr, &style->chip_fg[chip->tone]);
  show_layout_at (cr, chip->layout, x + chip->x + WAYMARK_CHIP_PAD_X,
                  y + chip->y + (WAYMARK_CHIP_HEIGHT - chip_text_h) / 2);
}

/* A red disc with an exclamation mark: a moment of truth. */
static void
draw_alert_badge (cairo_t     *cr,
                  const Style *style,
                  double       cx,
                  double       cy,
                  double       radius)
{
  cairo_arc (cr, cx, cy, radius + 1.5, 0, 2 * G_PI);
  set_color (cr, &style->background);
  cairo_fill (cr);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  set_color (cr, &style->alert);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  rounded_rect (cr, cx - radius * 0.13, cy - radius * 0.58, radius * 0.26, radius * 0.72,
                radius * 0.13);
  cairo_fill (cr);
  cairo_arc (cr, cx, cy + radius * 0.46, radius * 0.15, 0, 2 * G_PI);
  cairo_fill (cr);
}

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
           gboolean                    lifted,
           gboolean                    partner)
{
  const WaymarkCardText *text = _waymark_layout_get_card_text (layout, touchpoint, width);
  double height = text->height;
  gboolean selected = options != NULL && in_set (options->selection, touchpoint);
  gboolean hover = options != NULL && options->hover == (WaymarkElement *) touchpoint;
  gboolean focus = options != NULL && options->focus == (WaymarkElement *) touchpoint;
  gboolean by_owner = waymark_layout_get_color_by_owner (layout);
  Rgba fill = style->card;
  Rgba border = style->card_border;
  Rgba accent = card_accent (layout, touchpoint);
  gboolean boxed = kind != WAYMARK_LANE_TEXT;
  gboolean dashed = FALSE;
  gboolean owned = kind == WAYMARK_LANE_CARDS || kind == WAYMARK_LANE_BACKSTAGE
                   || kind == WAYMARK_LANE_EMOTION || kind == WAYMARK_LANE_METRICS;

  switch (kind)
    {
    case WAYMARK_LANE_PAIN_POINTS:
      fill = style->pain_card;
      border = style->pain_border;
      accent = rgba_from_hex (0xe01b24, 1.0);
      break;
    case WAYMARK_LANE_OPPORTUNITIES:
      fill = style->idea_card;
      border = style->idea_border;
      accent = rgba_from_hex (0x26a269, 1.0);
      break;
    case WAYMARK_LANE_BACKSTAGE:
      fill = style->backstage_card;
      border = style->backstage_border;
      dashed = TRUE;
      break;
    case WAYMARK_LANE_TEXT:
      fill = style->note_card;
      break;
    case WAYMARK_LANE_CARDS:
    case WAYMARK_LANE_EMOTION:
    case WAYMARK_LANE_METRICS:
    default:
      break;
    }

  /* Colour by owner: each department sees its cards at a glance. */
  if (by_owner && owned && !text->no_owner)
    {
      Rgba owner = owner_color (layout, waymark_touchpoint_get_owner (touchpoint));
      Rgba base = style->card;

      accent = owner;
      fill = mix (&base, &owner, options != NULL && options->dark ? 0.30 : 0.18);
      border = mix (&base, &owner, 0.55);
      dashed = FALSE;
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

  if (by_owner && owned && text->no_owner)
    {
      /* Nobody owns it: a red dashed outline makes the gap obvious. */
      static const double dashes[] = { 5, 3 };

      rounded_rect (cr, x, y, width, height, 8);
      set_color (cr, &fill);
      cairo_fill (cr);
      rounded_rect (cr, x + 0.75, y + 0.75, width - 1.5, height - 1.5, 7.25);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_set_line_width (cr, 1.5);
      set_color (cr, &style->alert);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      accent = style->alert;
    }
  else if (boxed && !dashed)
    {
      rounded_rect (cr, x, y, width, height + 1, 8);
      set_color (cr, &border);
      cairo_fill (cr);
      rounded_rect (cr, x + 1, y + 1, width - 2, height - 2, 7);
      set_color (cr, &fill);
      cairo_fill (cr);
    }
  else
    {
      rounded_rect (cr, x, y, width, height, 8);
      set_color (cr, &fill);
      if (dashed)
        {
          static const double dashes[] = { 4, 3 };

          cairo_fill (cr);
          rounded_rect (cr, x + 0.5, y + 0.5, width - 1, height - 1, 7.5);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_set_line_width (cr, 1);
          set_color (cr, &border);
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
               face_value (layout, waymark_touchpoint_get_emotion (touchpoint)), 1.0);

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
      double dot_x = x + text->title_x + 3.5;

      if (text->no_owner)
        {
          /* An empty ring where the owner's colour would be. */
          cairo_arc (cr, dot_x, dot_y, 3, 0, 2 * G_PI);
          cairo_set_line_width (cr, 1.5);
          set_color (cr, &style->alert);
          cairo_stroke (cr);
          set_color (cr, by_owner ? &style->alert : &style->text_faint);
        }
      else
        {
          Rgba owner = owner_color (layout, waymark_touchpoint_get_owner (touchpoint));

          cairo_arc (cr, dot_x, dot_y, 3.5, 0, 2 * G_PI);
          set_color (cr, &owner);
          cairo_fill (cr);
          set_color (cr, &style->text_dim);
        }
      show_layout_at (cr, text->meta, x + text->title_x + 12, y + text->meta_y);
    }

  for (guint i = 0; i < text->chips->len; i++)
    draw_chip (cr, style, &g_array_index (text->chips, WaymarkCardChip, i), x, y);

  if (partner && !selected)
    {
      /* Linked to a selected card. */
      static const double dashes[] = { 6, 3 };

      rounded_rect (cr, x - 2, y - 2, width + 4, height + 4, 10);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_set_line_width (cr, 2);
      set_color (cr, &style->accent);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
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

  if (waymark_touchpoint_get_moment_of_truth (touchpoint))
    draw_alert_badge (cr, style, x + width - 6, y + 2, 8);
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
      cairo_surface_t *picture;

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

      picture = _waymark_layout_get_persona_picture (layout, persona);
      if (picture != NULL)
        {
          double side = cairo_image_surface_get_width (picture);

          /* The photo in a disc, ringed in the persona's colour. */
          cairo_save (cr);
          cairo_arc (cr, x + 15, y + 15, 9.5, 0, 2 * G_PI);
          cairo_clip (cr);
          cairo_translate (cr, x + 15 - 9.5, y + 15 - 9.5);
          cairo_scale (cr, 19 / side, 19 / side);
          cairo_set_source_surface (cr, picture, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
          cairo_paint (cr);
          cairo_restore (cr);
        }
      else if (name != NULL && *name != '\0')
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

  /* Colour by owner: which colour is whose. */
  if (_waymark_layout_get_owner_row (layout, &y))
    {
      GListModel *owners = waymark_document_get_owners (document);
      guint n_owners = g_list_model_get_n_items (owners);

      x = WAYMARK_MARGIN;
      text = _waymark_layout_get_label (layout, document, LABEL_OWNERS,
                                        /* Translators: before the list of owners and their
                                         * colours in the map header */
                                        _("Owners"), 12, PANGO_WEIGHT_BOLD,
                                        PANGO_STYLE_NORMAL, 0, 1);
      set_color (cr, &style->text_dim);
      show_layout_at (cr, text, x, y + 10 - layout_height (text) / 2);
      x += layout_width (text) + 16;

      for (guint i = 0; i < n_owners; i++)
        {
          g_autoptr(WaymarkOwner) owner = g_list_model_get_item (owners, i);
          Rgba color = owner_color (layout, waymark_owner_get_name (owner));
          double room = WAYMARK_MARGIN + inner - x - 22;

          if (room < 40)
            break;
          text = _waymark_layout_get_label (layout, owner, LABEL_NAME,
                                            waymark_owner_get_name (owner), 12,
                                            PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                                            MIN (room, 220), 1);
          rounded_rect (cr, x, y + 3, 14, 14, 4);
          set_color (cr, &color);
          cairo_fill (cr);
          set_color (cr, &style->text);
          show_layout_at (cr, text, x + 20, y + 10 - layout_height (text) / 2);
          x += 20 + MIN (layout_width (text), MIN (room, 220)) + 18;
        }
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
    case WAYMARK_LANE_METRICS:
      /* Translators: caption of a lane that shows the metrics of each
       * stage's touchpoints */
      return _("KPIs of the stage’s touchpoints");
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
    case WAYMARK_LANE_METRICS:
      return rgba_from_hex (0x2190a4, 1.0);
    case WAYMARK_LANE_TEXT:
      return rgba_from_hex (0x9a9996, 1.0);
    case WAYMARK_LANE_CARDS:
    default:
      return rgba_from_hex (0x3584e4, 1.0);
    }
}

static void draw_curve_legend (WaymarkLayout              *layout,
                               cairo_t                    *cr,
                               const Style                *style,
                               const WaymarkRenderOptions *options);

static char *
level_number (int value)
{
  /* A real minus sign, and a plus on positive levels: "−2", "0", "+1". */
  if (value < 0)
    return g_strdup_printf ("\u2212%d", -value);
  if (value > 0)
    return g_strdup_printf ("+%d", value);
  return g_strdup ("0");
}

/* Every how many levels the scale is labelled, so that labels do not
 * collide on a long scale. */
static int
level_step (WaymarkLayout *layout)
{
  int min, max;
  double spacing;

  _waymark_layout_get_scale (layout, &min, &max);
  spacing = _waymark_layout_y_for_emotion (layout, min) - _waymark_layout_y_for_emotion (layout, max);
  spacing /= MAX (max - min, 1);
  return spacing >= 14 ? 1 : (int) ceil (14 / MAX (spacing, 0.5));
}

static void
draw_scale_numbers (WaymarkLayout *layout,
                    cairo_t       *cr,
                    const Style   *style)
{
  WaymarkDocument *document = waymark_layout_get_document (layout);
  double columns_x = _waymark_layout_get_columns_x (layout);
  int min, max, step = level_step (layout);

  _waymark_layout_get_scale (layout, &min, &max);
  cairo_set_line_width (cr, 1);
  for (int v = min; v <= max; v++)
    {
      double y = round (_waymark_layout_y_for_emotion (layout, v)) + 0.5;
      g_autofree char *number = NULL;
      PangoLayout *text;

      set_color (cr, &style->zero_line);
      cairo_move_to (cr, columns_x - 5, y);
      cairo_line_to (cr, columns_x, y);
      cairo_stroke (cr);
      if ((v - min) % step != 0 && v != 0)
        continue;
      number = level_number (v);
      text = _waymark_layout_get_label (layout, document, LABEL_LEVEL + 2 * (v - min) + 1, number,
                                        10.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0, 1);
      set_color (cr, &style->text_faint);
      show_layout_at (cr, text, columns_x - 9 - layout_width (text), y - layout_height (text) / 2);
    }
}

static void
draw_toggle (cairo_t     *cr,
             const Rgba  *color,
             double       x,
             double       y,
             gboolean     collapsed)
{
  double cx = x + WAYMARK_TOGGLE_SIZE / 2;
  double cy = y + WAYMARK_TOGGLE_SIZE / 2;

  /* A disclosure triangle: right when collapsed, down when expanded. */
  if (collapsed)
    {
      cairo_move_to (cr, cx - 2.5, cy - 5);
      cairo_line_to (cr, cx + 3.5, cy);
      cairo_line_to (cr, cx - 2.5, cy + 5);
    }
  else
    {
      cairo_move_to (cr, cx - 5, cy - 2.5);
      cairo_line_to (cr, cx + 5, cy - 2.5);
      cairo_line_to (cr, cx, cy + 3.5);
    }
  cairo_close_path (cr);
  set_color (cr, color);
  cairo_fill (cr);
}

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
  gboolean emotion = (int) index == _waymark_layout_get_emotion_lane (layout);
  double w = WAYMARK_LABEL_WIDTH - WAYMARK_LANE_NAME_X - (emotion ? 40 : 12);
  Rgba color = lane_color (geom->kind);
  const char *caption = lane_caption (geom->kind);
  PangoLayout *name;
  gboolean active = options != NULL && (in_set (options->selection, element)
                                        || options->hover == element
                                        || options->focus == element);

  if (!geom->shown)
    return;

  if (active)
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

  if (geom->collapsed)
    {
      double toggle_y = geom->y + (WAYMARK_LANE_COLLAPSED - WAYMARK_TOGGLE_SIZE) / 2;

      cairo_rectangle (cr, x, geom->y + 9, 3, WAYMARK_LANE_COLLAPSED - 18);
      set_color (cr, &color);
      cairo_fill (cr);
      draw_toggle (cr, &style->text_dim, x + WAYMARK_TOGGLE_X, toggle_y, TRUE);
      name = _waymark_layout_get_label (layout, geom->lane, LABEL_NAME,
                                        waymark_lane_get_name (geom->lane), 13,
                                        PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, w, 1);
      set_color (cr, &style->text_dim);
      show_layout_at (cr, name, x + WAYMARK_LANE_NAME_X,
                      geom->y + (WAYMARK_LANE_COLLAPSED - layout_height (name)) / 2);
      return;
    }

  cairo_rectangle (cr, x, geom->y + 12, 3, MIN (geom->height - 24, 40));
  set_color (cr, &color);
  cairo_fill (cr);

  /* The expanded lane's toggle shows where the pointer is; exports stay
   * clean. */
  if (active)
    draw_toggle (cr, &style->text_faint, x + WAYMARK_TOGGLE_X, geom->y + 12, FALSE);

  name = _waymark_layout_get_label (layout, geom->lane, LABEL_NAME,
                                    waymark_lane_get_name (geom->lane), 14,
                                    PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, w, 2);
  set_color (cr, &style->text);
  show_layout_at (cr, name, x + WAYMARK_LANE_NAME_X, y - 2);
  y += layout_height (name) - 2;

  if (caption != NULL && g_strcmp0 (caption, waymark_lane_get_name (geom->lane)) != 0)
    {
      PangoLayout *text = _waymark_layout_get_label (layout, geom->lane, LABEL_CAPTION, caption,
                                                     11.5, PANGO_WEIGHT_NORMAL,
                                                     PANGO_STYLE_NORMAL, w, 2);
      set_color (cr, &style->text_faint);
      show_layout_at (cr, text, x + WAYMARK_LANE_NAME_X, y);
    }

  if (emotion)
    {
      draw_scale_numbers (layout, cr, style);
      draw_curve_legend (layout, cr, style, options);
    }
}

/* The previous lane that takes space, or -1. */
static int
previous_shown_lane (WaymarkLayout *layout,
                     guint          index)
{
  for (int l = (int) index - 1; l >= 0; l--)
    if (_waymark_layout_get_lane_geom (layout, (guint) l)->shown)
      return l;
  return -1;
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
  int prev;

  if (!geom->shown)
    return;

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
    case WAYMARK_LANE_METRICS:
    case WAYMARK_LANE_EMOTION:
    case WAYMARK_LANE_TEXT:
    case WAYMARK_LANE_CARDS:
    default:
      break;
    }
  if (geom->collapsed)
    fill = &style->backstage_lane;

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
  prev = previous_shown_lane (layout, index);
  if (prev >= 0)
    {
      const WaymarkLaneGeom *above = _waymark_layout_get_lane_geom (layout, (guint) prev);

      if (geom->kind == WAYMARK_LANE_BACKSTAGE && above->kind != WAYMARK_LANE_BACKSTAGE)
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
  guint  stage;
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
      points[n].stage = s;
      n++;
    }
  monotone_tangents (points, n);
  *n_points = n;
  return points;
}

/* The lowest points of each curve shown are its moments of truth: the
 * first thing a team should fix. A ring in the curve's colour and an
 * alert badge mark them. */
static void
draw_moments_of_truth (WaymarkLayout *layout,
                       cairo_t       *cr,
                       const Style   *style,
                       WaymarkCurve  *curve,
                       const Rgba    *color,
                       GArray        *badges)
{
  g_autoptr(GPtrArray) lowest = waymark_curve_get_lowest_stages (curve);
  double x, y;

  for (guint i = 0; lowest != NULL && i < lowest->len; i++)
    {
      gboolean near = FALSE;

      if (!waymark_layout_get_curve_point (layout, curve, g_ptr_array_index (lowest, i), &x, &y))
        continue;
      cairo_arc (cr, x, y, 11.5, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, color->r, color->g, color->b, 0.55);
      cairo_stroke (cr);

      /* Two curves low at the same place share one badge. */
      for (guint b = 0; 2 * b + 1 < badges->len && !near; b++)
        {
          const double *other = &g_array_index (badges, double, 2 * b);

          near = fabs (other[0] - x) < 1 && fabs (other[1] - y) < 16;
        }
      if (near)
        continue;
      draw_alert_badge (cr, style, x + 11, y - 11, 6.5);
      g_array_append_val (badges, x);
      g_array_append_val (badges, y);
    }
}

typedef struct {
  WaymarkCurve *curve;   /* the document's */
  CurvePoint    point;
  Rgba          color;
} NoteJob;

static double
overlap_area (const WaymarkRect *a,
              const WaymarkRect *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

  return w > 0 && h > 0 ? w * h : 0;
}

/* A point's note, in a small bubble beside the point, kept inside the
 * lane and the plot: above, below, right or left of the point,
 * whichever covers least of the curves' dots (obstacles) and of the notes
 * already placed, which it joins. */
static void
draw_note (WaymarkLayout         *layout,
           cairo_t               *cr,
           const Style           *style,
           WaymarkCurve          *curve,
           const CurvePoint      *point,
           const Rgba            *color,
           const WaymarkLaneGeom *lane,
           double                 x0,
           double                 x1,
           GArray                *obstacles)
{
  const WaymarkStageGeom *stage = _waymark_layout_get_stage_geom (layout, point->stage);
  const char *note = waymark_curve_get_note (curve, stage->stage);
  double max_w = MIN (stage->width - 24, 200);
  double best_cost = G_MAXDOUBLE;
  WaymarkRect best = { 0 };
  PangoLayout *text;
  double w, h;

  if (note == NULL || *note == '\0' || max_w < 30)
    return;

  text = _waymark_layout_get_label (layout, curve, LABEL_NOTE + point->stage, note, 11,
                                    PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, max_w - 12, 3);
  w = MIN (layout_width (text), max_w - 12) + 12;
  h = layout_height (text) + 8;

  for (guint c = 0; c < 4; c++)
    {
      double x = point->x - w / 2, y = point->y - 14 - h;
      WaymarkRect bubble;
      double cost = 0;

      if (c == 1)
        y = point->y + 14;
      else if (c == 2 || c == 3)
        {
          x = c == 2 ? point->x + 14 : point->x - 14 - w;
          y = point->y - h / 2;
        }
      /* Above and below stay in the stage's column; beside may reach
       * into the next one, which is often empty at that height. */
      if (c < 2)
        bubble.x = CLAMP (x, stage->x + 6, stage->x + stage->width - 6 - w);
      else
        bubble.x = CLAMP (x, x0 + 6, x1 - 6 - w);
      bubble.y = CLAMP (y, lane->y + 4, lane->y + lane->height - 4 - h);
      bubble.width = w;
      bubble.height = h;
      for (guint i = 0; i < obstacles->len; i++)
        cost += overlap_area (&bubble, &g_array_index (obstacles, WaymarkRect, i));
      /* Ties go to the earlier place: above reads most naturally. */
      if (cost < best_cost)
        {
          best_cost = cost;
          best = bubble;
        }
      if (cost == 0)
        break;
    }
  g_array_append_val (obstacles, best);

  rounded_rect (cr, best.x, best.y, w, h, 6);
  cairo_set_source_rgba (cr, style->background.r, style->background.g, style->background.b, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, color->r, color->g, color->b, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  set_color (cr, &style->text_dim);
  show_layout_at (cr, text, best.x + 6, best.y + 4);
}

static void
draw_scale_grid (WaymarkLayout *layout,
                 cairo_t       *cr,
                 const Style   *style,
                 double         x0,
                 double         x1)
{
  WaymarkDocument *document = waymark_layout_get_document (layout);
  const char * const *levels = waymark_document_get_emotion_levels (document);
  int min, max, step = level_step (layout);

  _waymark_layout_get_scale (layout, &min, &max);
  cairo_set_line_width (cr, 1);
  for (int v = min; v <= max; v++)
    {
      double y = round (_waymark_layout_y_for_emotion (layout, v)) + 0.5;

      set_color (cr, v == 0 ? &style->zero_line : &style->grid);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);

      /* The level's name sits on its line, at the start of the plot. */
      if (levels != NULL && levels[v - min] != NULL && *levels[v - min] != '\0'
          && ((v - min) % step == 0 || v == 0))
        {
          PangoLayout *text = _waymark_layout_get_label (layout, document, LABEL_LEVEL + 2 * (v - min),
                                                         levels[v - min], 10.5, PANGO_WEIGHT_NORMAL,
                                                         PANGO_STYLE_NORMAL, 140, 1);

          set_color (cr, &style->text_faint);
          show_layout_at (cr, text, x0 + 8, y - layout_height (text) - 1);
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
  int min, max;
  gboolean tinted = FALSE;
  g_autoptr(GArray) obstacles = g_array_new (FALSE, FALSE, sizeof (WaymarkRect));
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (NoteJob));
  g_autoptr(GArray) badges = g_array_new (FALSE, FALSE, sizeof (double));

  if (lane_index < 0 || n_stages == 0)
    return;
  lane = _waymark_layout_get_lane_geom (layout, (guint) lane_index);
  _waymark_layout_get_scale (layout, &min, &max);
  /* Highs and lows are measured from neutral: zero, or the middle of a
   * scale without it. */
  zero_y = _waymark_layout_y_for_emotion (layout, min <= 0 && max >= 0 ? 0 : (min + max) / 2.0);
  x0 = _waymark_layout_get_columns_x (layout);
  x1 = _waymark_layout_get_stage_geom (layout, n_stages - 1)->x
       + _waymark_layout_get_stage_geom (layout, n_stages - 1)->width;

  cairo_save (cr);
  cairo_rectangle (cr, x0, lane->y, x1 - x0, lane->height);
  cairo_clip (cr);

  draw_scale_grid (layout, cr, style, x0, x1);

  /* Tints first, under every line: the first current state's highs and
   * lows (more tints would only muddy each other). */
  for (guint i = 0; i < n_curves && !tinted; i++)
    {
      g_autoptr(WaymarkCurve) curve = g_list_model_get_item (curves, i);
      g_autofree CurvePoint *points = NULL;
      guint n;

      if (waymark_curve_get_state (curve) != WAYMARK_CURVE_CURRENT
          || !waymark_layout_is_curve_shown (layout, curve)
          || (options != NULL && in_set (options->hidden, curve)))
        continue;
      points = curve_points (layout, curve, &n);
      if (n < 2)
        continue;
      tinted = TRUE;

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

        if (future != (pass == 0) || !waymark_layout_is_curve_shown (layout, curve)
            || (options != NULL && in_set (options->hidden, curve)))
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

        draw_moments_of_truth (layout, cr, style, curve, &color, badges);

        for (guint k = 0; k < n; k++)
          {
            WaymarkStage *stage = _waymark_layout_get_stage_geom (layout, points[k].stage)->stage;
            gboolean point = options != NULL && options->point_curve == curve
                             && options->point_stage == stage;
            double r = point ? 8 : selected ? 7 : 5.5;

            if (point)
              {
                cairo_arc (cr, points[k].x, points[k].y, r + 5, 0, 2 * G_PI);
                cairo_set_line_width (cr, 2.5);
                set_color (cr, &style->accent);
                cairo_stroke (cr);
              }
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

            if (options != NULL && options->show_notes)
              {
                /* Notes go over every curve, clear of every dot. */
                WaymarkRect dot = { points[k].x - 11, points[k].y - 11, 22, 22 };
                NoteJob job = { curve, points[k], color };

                g_array_append_val (obstacles, dot);
                g_array_append_val (notes, job);
              }
          }
      }

  for (guint b = 0; 2 * b + 1 < badges->len; b++)
    {
      const double *at = &g_array_index (badges, double, 2 * b);
      WaymarkRect badge = { at[0] + 3, at[1] - 19, 16, 16 };

      g_array_append_val (obstacles, badge);
    }
  for (guint i = 0; i < notes->len; i++)
    {
      const NoteJob *job = &g_array_index (notes, NoteJob, i);

      draw_note (layout, cr, style, job->curve, &job->point, &job->color, lane, x0, x1,
                 obstacles);
    }

  cairo_restore (cr);
}

static void
draw_curve_legend (WaymarkLayout              *layout,
                   cairo_t                    *cr,
                   const Style                *style,
                   const WaymarkRenderOptions *options)
{
  guint n = _waymark_layout_get_n_legend (layout);

  for (guint i = 0; i < n; i++)
    {
      WaymarkRect row;
      WaymarkCurve *curve = _waymark_layout_get_legend_row (layout, i, &row);
      g_autofree char *label = NULL;
      PangoLayout *text;
      double mid = row.y + row.height / 2;
      double x = row.x;
      gboolean shown, future;
      Rgba color;

      if (curve == NULL)
        {
          draw_alert_badge (cr, style, x + 9, mid, 6.5);
          text = _waymark_layout_get_label (layout, layout, LABEL_MOMENT, _("Moment of truth"),
                                            11.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                                            MAX (row.width - 26, 10), 1);
          set_color (cr, &style->text_dim);
          show_layout_at (cr, text, x + 26, mid - layout_height (text) / 2);
          continue;
        }

      shown = waymark_layout_is_curve_shown (layout, curve);
      future = waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE;
      color = curve_color (layout, curve);

      if (options != NULL && (options->hover == (WaymarkElement *) curve
                              || in_set (options->selection, curve)))
        {
          rounded_rect (cr, row.x - 4, row.y, row.width + 8, row.height, 6);
          set_color (cr, &style->accent_tint);
          cairo_fill (cr);
        }

      if (waymark_curve_get_name (curve) == NULL || *waymark_curve_get_name (curve) == '\0')
        {
          WaymarkPersona *persona = waymark_curve_get_persona (curve);
          const char *who = persona != NULL ? waymark_persona_get_name (persona) : NULL;

          if (who != NULL && *who != '\0')
            /* Translators: legend of an emotion curve: persona and state, e.g. "Maya, current" */
            label = g_strdup_printf (_("%s, %s"), who, future ? _("future") : _("current"));
          else
            label = g_strdup (future ? _("Future state") : _("Current state"));
        }
      else
        label = g_strdup (waymark_curve_get_name (curve));

      text = _waymark_layout_get_label (layout, curve, WAYMARK_LABEL_LEGEND, label, 11.5,
                                        PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                                        MAX (row.width - 26, 10), 1);

      if (future)
        {
          static const double dashes[] = { 5, 3 };
          cairo_set_dash (cr, dashes, 2, 0);
        }
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      if (shown)
        {
          cairo_set_line_width (cr, future ? 2.5 : 3.5);
          set_color (cr, &color);
        }
      else
        {
          /* Off: a thin grey line, and the name greyed out. */
          cairo_set_line_width (cr, 1.5);
          set_color (cr, &style->text_faint);
        }
      cairo_move_to (cr, x + 1, mid);
      cairo_line_to (cr, x + 17, mid);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (!shown)
        {
          cairo_arc (cr, x + 9, mid, 3.5, 0, 2 * G_PI);
          set_color (cr, &style->background);
          cairo_fill_preserve (cr);
          set_color (cr, &style->text_faint);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }

      set_color (cr, shown ? &style->text_dim : &style->text_faint);
      show_layout_at (cr, text, x + 26, mid - layout_height (text) / 2);
      if (!shown)
        {
          /* Struck through, so that "off" does not rely on colour alone. */
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, x + 26, round (mid) + 0.5);
          cairo_line_to (cr, x + 26 + MIN (layout_width (text), row.width - 26), round (mid) + 0.5);
          cairo_stroke (cr);
        }
    }
}

/* ---- Links, hand-offs, summary ------------------------------------------ */

typedef struct {
  double x[4];
  double y[4];
} Cubic;

/* The curve between two linked cards. */
static void
link_cubic (const WaymarkRect *a,
            const WaymarkRect *b,
            Cubic             *c)
{
  if (a->x < b->x + b->width && b->x < a->x + a->width)
    {
      /* One above the other: from the bottom of the upper card to the
       * top of the lower one, off the column's middle where the curve
       * points sit. */
      const WaymarkRect *upper = a->y <= b->y ? a : b;
      const WaymarkRect *lower = a->y <= b->y ? b : a;
      double dy;

      c->x[0] = upper->x + upper->width - MIN (22, upper->width / 4);
      c->y[0] = upper->y + upper->height;
      c->x[3] = lower->x + lower->width - MIN (22, lower->width / 4);
      c->y[3] = lower->y;
      dy = MAX ((c->y[3] - c->y[0]) / 2, 12);
      c->x[1] = c->x[0];
      c->y[1] = c->y[0] + dy;
      c->x[2] = c->x[3];
      c->y[2] = c->y[3] - dy;
    }
  else
    {
      const WaymarkRect *left = a->x <= b->x ? a : b;
      const WaymarkRect *right = a->x <= b->x ? b : a;
      double dx;

      c->x[0] = left->x + left->width;
      c->y[0] = left->y + MIN (left->height / 2, 24);
      c->x[3] = right->x;
      c->y[3] = right->y + MIN (right->height / 2, 24);
      dx = MAX ((c->x[3] - c->x[0]) / 2, 12);
      c->x[1] = c->x[0] + dx;
      c->y[1] = c->y[0];
      c->x[2] = c->x[3] - dx;
      c->y[2] = c->y[3];
    }
}

static void
cubic_path (cairo_t     *cr,
            const Cubic *c)
{
  cairo_move_to (cr, c->x[0], c->y[0]);
  cairo_curve_to (cr, c->x[1], c->y[1], c->x[2], c->y[2], c->x[3], c->y[3]);
}

/* Thin lines between linked cards, under the cards; those of selected
 * cards drawn stronger. Fills partners with the cards linked to a
 * selected one. */
static void
draw_links (WaymarkLayout              *layout,
            cairo_t                    *cr,
            const Style                *style,
            const WaymarkRect          *region,
            const WaymarkRenderOptions *options,
            GHashTable                 *partners)
{
  const GPtrArray *links = _waymark_layout_get_links (layout);
  g_autoptr(GArray) strong = NULL;

  if (links->len == 0)
    return;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 1.5);
  set_color (cr, &style->link);
  for (guint i = 0; i + 1 < links->len; i += 2)
    {
      WaymarkTouchpoint *a = g_ptr_array_index (links, i);
      WaymarkTouchpoint *b = g_ptr_array_index (links, i + 1);
      WaymarkRect ra, rb;
      double x0, y0, x1, y1;
      Cubic c;

      if (in_set (options->hidden, a) || in_set (options->hidden, b)
          || !waymark_layout_get_card_rect (layout, a, &ra)
          || !waymark_layout_get_card_rect (layout, b, &rb))
        continue;
      if (partners != NULL && (in_set (options->selection, a) || in_set (options->selection, b)))
        {
          if (in_set (options->selection, a))
            g_hash_table_add (partners, b);
          if (in_set (options->selection, b))
            g_hash_table_add (partners, a);
          if (strong == NULL)
            strong = g_array_new (FALSE, FALSE, sizeof (Cubic));
          link_cubic (&ra, &rb, &c);
          g_array_append_val (strong, c);
          continue;
        }
      x0 = MIN (ra.x, rb.x);
      y0 = MIN (ra.y, rb.y);
      x1 = MAX (ra.x + ra.width, rb.x + rb.width);
      y1 = MAX (ra.y + ra.height, rb.y + rb.height);
      if (!rects_meet (region, x0 - 16, y0 - 16, x1 - x0 + 32, y1 - y0 + 32))
        continue;
      link_cubic (&ra, &rb, &c);
      cubic_path (cr, &c);
    }
  cairo_stroke (cr);

  if (strong != NULL)
    {
      cairo_set_line_width (cr, 2.5);
      cairo_set_source_rgba (cr, style->accent.r, style->accent.g, style->accent.b, 0.9);
      for (guint i = 0; i < strong->len; i++)
        cubic_path (cr, &g_array_index (strong, Cubic, i));
      cairo_stroke (cr);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* The owner of a cell's first or last card, or NULL. */
static const char *
cell_owner (WaymarkLayout *layout,
            guint          s,
            guint          l,
            gboolean       last)
{
  guint n = _waymark_layout_get_cell_n_cards (layout, s, l);
  WaymarkTouchpoint *touchpoint;
  const char *owner;

  if (n == 0)
    return NULL;
  touchpoint = _waymark_layout_get_cell_card (layout, s, l, last ? n - 1 : 0, NULL, NULL);
  owner = waymark_touchpoint_get_owner (touchpoint);
  return owner != NULL && *owner != '\0' ? owner : NULL;
}

/* Where the work passes from one owner to another between two stages: a
 * small disc on the column line, half in each owner's colour, with an
 * arrow. Hand-offs are where journeys break. */
static void
draw_hand_offs (WaymarkLayout *layout,
                cairo_t       *cr,
                const Style   *style,
                guint          l,
                guint          s0,
                guint          s1)
{
  const WaymarkLaneGeom *lane = _waymark_layout_get_lane_geom (layout, l);
  guint n_stages = _waymark_layout_get_n_stages (layout);

  if (lane->kind != WAYMARK_LANE_CARDS && lane->kind != WAYMARK_LANE_BACKSTAGE)
    return;

  for (guint s = s0 == 0 ? 0 : s0 - 1; s < s1 && s + 1 < n_stages; s++)
    {
      const char *from = cell_owner (layout, s, l, TRUE);
      const char *to = cell_owner (layout, s + 1, l, FALSE);
      double cx = _waymark_layout_get_stage_geom (layout, s + 1)->x;
      double cy = lane->y + WAYMARK_CELL_PAD + 20;
      Rgba a, b;

      if (from == NULL || to == NULL || g_utf8_collate (from, to) == 0)
        continue;
      a = owner_color (layout, from);
      b = owner_color (layout, to);

      cairo_arc (cr, cx, cy, 9, 0, 2 * G_PI);
      set_color (cr, &style->background);
      cairo_fill (cr);
      cairo_set_line_width (cr, 2.5);
      cairo_arc (cr, cx, cy, 8, G_PI / 2, 3 * G_PI / 2);
      set_color (cr, &a);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy, 8, -G_PI / 2, G_PI / 2);
      set_color (cr, &b);
      cairo_stroke (cr);

      cairo_set_line_width (cr, 1.5);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      set_color (cr, &style->text_dim);
      cairo_move_to (cr, cx - 3.5, cy);
      cairo_line_to (cr, cx + 3.5, cy);
      cairo_move_to (cr, cx + 0.5, cy - 3);
      cairo_line_to (cr, cx + 3.5, cy);
      cairo_line_to (cr, cx + 0.5, cy + 3);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
    }
}

/* The stages' own KPIs, in a row under the stage band. */
static void
draw_summary (WaymarkLayout *layout,
              cairo_t       *cr,
              const Style   *style,
              guint          s0,
              guint          s1,
              gboolean       label)
{
  double height;
  double y = _waymark_layout_get_summary (layout, &height);

  if (height <= 0)
    return;

  if (label)
    {
      PangoLayout *text = _waymark_layout_get_label (layout, layout, LABEL_CAPTION,
                                                     /* Translators: label of the row of
                                                      * each stage's own metrics */
                                                     _("Stage KPIs"), 12.5, PANGO_WEIGHT_BOLD,
                                                     PANGO_STYLE_NORMAL,
                                                     WAYMARK_LABEL_WIDTH - WAYMARK_LANE_NAME_X, 1);

      set_color (cr, &style->text_dim);
      show_layout_at (cr, text, WAYMARK_MARGIN + WAYMARK_LANE_NAME_X,
                      y + (height - layout_height (text)) / 2);
    }

  for (guint s = s0; s < s1; s++)
    {
      const WaymarkStageGeom *geom = _waymark_layout_get_stage_geom (layout, s);
      GArray *chips = _waymark_layout_get_summary_chips (layout, s);

      rounded_rect (cr, geom->x + 4, y, geom->width - 8, height, 8);
      set_color (cr, &style->summary);
      cairo_fill (cr);
      for (guint i = 0; i < chips->len; i++)
        draw_chip (cr, style, &g_array_index (chips, WaymarkCardChip, i),
                   geom->x + WAYMARK_CELL_PAD, y + WAYMARK_SUMMARY_PAD);
    }
}

/* ---- Whole map ---------------------------------------------------------- */

static gboolean
selection_has_touchpoints (GHashTable *selection)
{
  GHashTableIter iter;
  gpointer key;

  if (selection == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (WAYMARK_IS_TOUCHPOINT (key))
      return TRUE;
  return FALSE;
}

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
  double summary_h, summary_y;
  guint s0, s1, l0, l1;
  int emotion = _waymark_layout_get_emotion_lane (layout);
  gboolean by_owner = waymark_layout_get_color_by_owner (layout);
  g_autoptr(GHashTable) partners = NULL;
  double x0, x1;

  if (n_stages > 0)
    columns_end = _waymark_layout_get_stage_geom (layout, n_stages - 1)->x
                  + _waymark_layout_get_stage_geom (layout, n_stages - 1)->width;
  if (n_lanes > 0)
    lanes_end = _waymark_layout_get_lane_geom (layout, n_lanes - 1)->y
                + _waymark_layout_get_lane_geom (layout, n_lanes - 1)->height;
  summary_y = _waymark_layout_get_summary (layout, &summary_h);

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

  if (summary_h > 0 && rects_meet (region, WAYMARK_MARGIN, summary_y,
                                   columns_end - WAYMARK_MARGIN, summary_h))
    draw_summary (layout, cr, style, s0, s1, region->x < columns_x);

  if (region->x < columns_x)
    for (guint l = l0; l < l1; l++)
      draw_lane_label (layout, cr, style, l, options);

  if (selection_has_touchpoints (options->selection))
    partners = g_hash_table_new (NULL, NULL);
  draw_links (layout, cr, style, region, options, partners);

  for (guint l = l0; l < l1; l++)
    {
      const WaymarkLaneGeom *lane = _waymark_layout_get_lane_geom (layout, l);
      double top = lane->y + WAYMARK_CELL_PAD;

      if (!_waymark_lane_geom_expanded (lane))
        continue;

      for (guint s = s0; s < s1; s++)
        {
          const WaymarkStageGeom *stage = _waymark_layout_get_stage_geom (layout, s);
          guint n_cards = _waymark_layout_get_cell_n_cards (layout, s, l);
          double card_x = stage->x + WAYMARK_CELL_PAD;
          double card_w = MAX (stage->width - 2 * WAYMARK_CELL_PAD, 24.0);
          GArray *chips = _waymark_layout_get_cell_chips (layout, s, l);
          guint lo = 0, hi = n_cards;

          if (chips != NULL)
            for (guint i = 0; i < chips->len; i++)
              draw_chip (cr, style, &g_array_index (chips, WaymarkCardChip, i), card_x, top);

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
                         options, FALSE, in_set (partners, touchpoint));
            }
        }

      if (by_owner)
        draw_hand_offs (layout, cr, style, l, s0, s1);
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

void
waymark_renderer_draw_freehand (WaymarkLayout *layout,
                                cairo_t       *cr,
                                WaymarkCurve  *curve,
                                const double  *xy,
                                guint          n_points)
{
  Rgba color;

  g_return_if_fail (WAYMARK_IS_LAYOUT (layout));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (WAYMARK_IS_CURVE (curve));
  g_return_if_fail (xy != NULL || n_points == 0);

  if (n_points == 0)
    return;
  color = curve_color (layout, curve);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (waymark_curve_get_state (curve) == WAYMARK_CURVE_FUTURE)
    {
      static const double dashes[] = { 9, 6 };
      cairo_set_dash (cr, dashes, 2, 0);
    }
  cairo_move_to (cr, xy[0], xy[1]);
  for (guint i = 1; i < n_points; i++)
    cairo_line_to (cr, xy[2 * i], xy[2 * i + 1]);
  if (n_points == 1)
    cairo_line_to (cr, xy[0], xy[1]);
  cairo_set_line_width (cr, 3.5);
  cairo_set_source_rgba (cr, color.r, color.g, color.b, 0.85);
  cairo_stroke (cr);
  cairo_restore (cr);
}

double
_waymark_renderer_page_lanes_y (WaymarkLayout *layout)
{
  /* The stage band and the summary row under the compact title. */
  return WAYMARK_MARGIN + WAYMARK_PAGE_HEADER
         + _waymark_layout_get_lanes_y (layout) - _waymark_layout_get_band_y (layout);
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
  double dy = _waymark_renderer_page_lanes_y (layout) - top->y;
  double bands_h = _waymark_layout_get_lanes_y (layout) - band_y - WAYMARK_STAGE_BAND_GAP;
  double summary_h, summary_y = _waymark_layout_get_summary (layout, &summary_h);
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
  cairo_translate (cr, 0, page_band_y - band_y);
  if (summary_h > 0)
    _waymark_renderer_draw_full (layout, cr,
                                 &(WaymarkRect) { 0, summary_y, columns_x, summary_h },
                                 &part, page->first_stage, page_width);
  cairo_translate (cr, dx, 0);
  _waymark_renderer_draw_full (layout, cr,
                               &(WaymarkRect) { first->x, band_y, span, bands_h },
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
  *height = _waymark_renderer_page_lanes_y (layout) + bottom->y + bottom->height - top->y
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
             x, y, width, options, TRUE, FALSE);
  cairo_restore (cr);
}
