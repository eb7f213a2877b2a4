/* waymark-owner.h — a department or team that owns touchpoints
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A map keeps a list of owners, each with a colour for the "colour by owner"
 * view. A touchpoint names its owner in its "owner" property; it belongs to
 * the owner of that name. A name that is on no owner of the list is still a
 * valid owner (typed in freely, or from a version 1 file); it has no colour.
 */
#pragma once

#include "waymark-element.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_OWNER (waymark_owner_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkOwner, waymark_owner, WAYMARK, OWNER, WaymarkElement)

/* Properties (strings): "name", "color" ("#rrggbb", "" = none).
 * Rename with waymark_document_rename_owner(), which renames the owner of
 * its touchpoints in the same undo step. */
WaymarkOwner *waymark_owner_new       (const char   *id,
                                       const char   *name,
                                       const char   *color);
const char   *waymark_owner_get_name  (WaymarkOwner *self);
const char   *waymark_owner_get_color (WaymarkOwner *self);

G_END_DECLS
