/* waymark-persona.h — a customer segment whose journey the map follows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-element.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_PERSONA (waymark_persona_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPersona, waymark_persona, WAYMARK, PERSONA, WaymarkElement)

/* Properties (strings): "name", "role", "goals", "frustrations", "quote",
 * "color" ("#rrggbb"). */
WaymarkPersona *waymark_persona_new              (const char     *id,
                                                  const char     *name);
const char     *waymark_persona_get_name         (WaymarkPersona *self);
const char     *waymark_persona_get_role         (WaymarkPersona *self);
const char     *waymark_persona_get_goals        (WaymarkPersona *self);
const char     *waymark_persona_get_frustrations (WaymarkPersona *self);
const char     *waymark_persona_get_quote        (WaymarkPersona *self);
const char     *waymark_persona_get_color        (WaymarkPersona *self);

G_END_DECLS
