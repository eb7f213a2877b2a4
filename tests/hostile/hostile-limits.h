/* hostile-limits.h — the CPU and memory bounds of one hostile case
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Address space of a case when no sanitizer or Valgrind needs its own. */
#define HOSTILE_ADDRESS_SPACE_LIMIT (1024u * 1024u * 1024u)

/* Limits the calling process: cpu_seconds of CPU time (stretched under the
 * sanitizers and by WAYMARK_TEST_SLOWDOWN, which tools/valgrind sets), no
 * core files, and HOSTILE_ADDRESS_SPACE_LIMIT of address space where that
 * can work. A runaway case is then killed by SIGXCPU or fails to allocate,
 * instead of hanging or swapping the machine. */
void     hostile_limit_resources   (guint cpu_seconds);

/* Whether hostile_limit_resources() caps the address space in this build. */
gboolean hostile_memory_is_limited (void);

G_END_DECLS
