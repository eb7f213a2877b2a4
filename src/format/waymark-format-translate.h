/* waymark-format-translate.h — translating the human text of a bundled map
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-document.h"

G_BEGIN_DECLS

/* Replaces every human string of a freshly read document (map title, author and
 * description; stage, lane, persona, curve, view and owner names; emotion level
 * names; persona role, goals, frustrations and quote; touchpoint title,
 * description, pain points and opportunities; curve point notes; metric names
 * and units of touchpoints and stages) with its translation from the gettext
 * text domain @domain. A touchpoint's owner follows its owner's translated name
 * when the owners list has that name. Ids, references, numbers, colours, kinds,
 * channels and unlisted owners are left alone. Records no history: only for a
 * document that has none. */
void waymark_format_translate_document (WaymarkDocument *document,
                                        const char      *domain);

G_END_DECLS
