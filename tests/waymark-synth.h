/* waymark-synth.h — synthetic journey maps for tests and benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "waymark-document.h"

G_BEGIN_DECLS

/* A deterministic map (same arguments, same document) with n_stages stages,
 * the usual lanes (customer actions, touchpoints, thoughts, emotions, pain
 * points, opportunities, backstage), n_touchpoints cards spread over the
 * stages and card lanes with channels, owners, emotions, a few metrics, pain
 * points and opportunities, two personas and current + future curves.
 * Built without history. */
WaymarkDocument *waymark_synth_document (guint   n_stages,
                                         guint   n_touchpoints,
                                         guint32 seed);

G_END_DECLS
