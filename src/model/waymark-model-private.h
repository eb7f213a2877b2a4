/* waymark-model-private.h — setters only the document may call
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Elements change only through WaymarkDocument's commands. These setters
 * are how the commands reach state that has no public writable property.
 */
#pragma once

#include "waymark-document.h"

G_BEGIN_DECLS

void     _waymark_element_set_document   (WaymarkElement    *self,
                                          gpointer           document);
/* Emits nothing; the document emits "changed". */
void     _waymark_touchpoint_set_cell    (WaymarkTouchpoint *self,
                                          WaymarkStage      *stage,
                                          WaymarkLane       *lane);
void     _waymark_curve_set_value        (WaymarkCurve      *self,
                                          WaymarkStage      *stage,
                                          double             value);
void     _waymark_curve_unset_value      (WaymarkCurve      *self,
                                          WaymarkStage      *stage);
/* For set_property: stores a string property ("" for NULL), notifying only
 * on real change. */
void     _waymark_set_string             (GObject           *object,
                                          char             **field,
                                          const GValue      *value,
                                          GParamSpec        *pspec);
/* The same for GStrv properties (NULL and empty are equal) and for
 * "metrics" (GPtrArray of WaymarkMetric*, copied; NULL = empty). */
void     _waymark_set_strv               (GObject           *object,
                                          char            ***field,
                                          const GValue      *value,
                                          GParamSpec        *pspec);
void     _waymark_set_metrics            (GObject           *object,
                                          GPtrArray        **field,
                                          const GValue      *value,
                                          GParamSpec        *pspec);
void     _waymark_curve_set_note         (WaymarkCurve      *self,
                                          WaymarkStage      *stage,
                                          const char        *note);

G_END_DECLS
