/* waymark-element.h — the base of every object in a journey map
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_ELEMENT (waymark_element_get_type ())
G_DECLARE_DERIVABLE_TYPE (WaymarkElement, waymark_element, WAYMARK, ELEMENT, GObject)

struct _WaymarkElementClass
{
  GObjectClass parent_class;

  /* The prefix of generated IDs, e.g. "tp" for touchpoints. */
  const char *id_prefix;
};

const char *waymark_element_get_id             (WaymarkElement *self);
const char *waymark_element_get_extension_data (WaymarkElement *self);
void        waymark_element_set_extension_data (WaymarkElement *self,
                                                const char     *data);
gpointer    waymark_element_get_document       (WaymarkElement *self);

G_END_DECLS
