/* waymark-persona.h — a customer segment whose journey the map follows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-element.h"

G_BEGIN_DECLS

#define WAYMARK_PERSONA_MAX_PICTURE_SIZE (4u * 1024u * 1024u)

#define WAYMARK_TYPE_PERSONA (waymark_persona_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPersona, waymark_persona, WAYMARK, PERSONA, WaymarkElement)

/* Properties (strings): "name", "role", "goals", "frustrations", "quote",
 * "color" ("#rrggbb"); "picture" (GBytes of a PNG or JPEG image, NULL =
 * none; embedded in the file so that a map travels as one file, at most
 * WAYMARK_PERSONA_MAX_PICTURE_SIZE bytes). */
WaymarkPersona *waymark_persona_new              (const char     *id,
                                                  const char     *name);
const char     *waymark_persona_get_name         (WaymarkPersona *self);
const char     *waymark_persona_get_role         (WaymarkPersona *self);
const char     *waymark_persona_get_goals        (WaymarkPersona *self);
const char     *waymark_persona_get_frustrations (WaymarkPersona *self);
const char     *waymark_persona_get_quote        (WaymarkPersona *self);
const char     *waymark_persona_get_color        (WaymarkPersona *self);
/* NULL when the persona has no picture. */
GBytes         *waymark_persona_get_picture      (WaymarkPersona *self);
/* "image/png", "image/jpeg" from the picture's first bytes, or NULL when
 * the data is neither (or there is no picture). */
const char     *waymark_persona_get_picture_type (WaymarkPersona *self);
/* The same for any data; for readers and the picture chooser. */
const char     *waymark_picture_sniff_type       (GBytes         *data);

G_END_DECLS
