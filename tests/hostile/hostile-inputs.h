/* hostile-inputs.h — damaged and malicious .cjmx inputs, made in memory
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the hostile tests, their benchmark and hostile-gen (which writes
 * small versions into the fuzzers' seed corpus). Every input derives from a
 * small valid map written by waymark_format_write(), so the inputs follow the
 * format as it is, not as someone remembered it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Texts and numbers of the base map that the generators replace. */
#define HOSTILE_MARK_TITLE   "HOSTILE-TITLE"
#define HOSTILE_MARK_STAGE   "HOSTILE-STAGE"
#define HOSTILE_MARK_WIDTH   "123.25"   /* width of the first stage */
#define HOSTILE_MARK_EMOTION "1.25"     /* emotion of the first touchpoint */
#define HOSTILE_MARK_METRIC  "4321.5"   /* value of the first touchpoint's metric */
#define HOSTILE_MARK_CURVE   "-1.75"    /* the current curve at the first stage */

/* A valid map with n_stages stages (at least 1), two lanes, one touchpoint
 * with a metric, a persona and a curve. */
GBytes *hostile_base_map          (guint        n_stages);

/* Copy of base with the first occurrence of marker replaced; aborts if the
 * marker is missing, since the input would then not be what it claims. */
GBytes *hostile_replace           (GBytes      *base,
                                   const char  *marker,
                                   const char  *replacement,
                                   gssize       replacement_len);

/* A DOCTYPE declaring entities lol0…lolN, each ten times the one before;
 * the title refers to the last: 10^levels "lol"s if expanded. */
GBytes *hostile_billion_laughs    (guint        levels);
/* One entity of entity_len characters referred to refs times in the title. */
GBytes *hostile_quadratic_blowup  (gsize        entity_len,
                                   guint        refs);
/* An external general entity (SYSTEM uri) used in the title. */
GBytes *hostile_external_entity   (const char  *uri);
/* An external parameter entity expanded inside the internal subset. */
GBytes *hostile_parameter_entity  (const char  *uri);
/* A DOCTYPE with an external subset at uri. */
GBytes *hostile_external_dtd      (const char  *uri);
/* depth nested elements just inside the root: our namespace's own root
 * element, or (foreign) elements of another namespace. */
GBytes *hostile_deep_nesting      (guint        depth,
                                   gboolean     foreign);
/* A title text node of size bytes of plain ASCII. */
GBytes *hostile_huge_text         (gsize        size);
/* A foreign attribute on the root whose value is size bytes long. */
GBytes *hostile_huge_attribute    (gsize        size);
/* The title with the given bytes in it (may hold NUL). */
GBytes *hostile_title_bytes       (const char  *bytes,
                                   gsize        len);
/* A small real PNG image (made with cairo), as if renamed to .cjmx. */
GBytes *hostile_png               (void);
/* The base map with marker (a HOSTILE_MARK_ number) replaced by value. */
GBytes *hostile_number            (const char  *marker,
                                   const char  *value);

/* A map with n_stages stages, each with a name, written by the writer. */
GBytes *hostile_many_stages       (guint        n_stages);

G_END_DECLS
