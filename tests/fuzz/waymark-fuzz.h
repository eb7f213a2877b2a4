/* waymark-fuzz.h — what the fuzz harnesses share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stddef.h>

#include "waymark-document.h"

G_BEGIN_DECLS

/* The libFuzzer entry points; tests/fuzz/fuzz-replay.c calls them outside
 * libFuzzer, so that the corpus is replayed by every ordinary test run. */
int              LLVMFuzzerInitialize    (int            *argc,
                                          char         ***argv);
int              LLVMFuzzerTestOneInput  (const uint8_t  *data,
                                          size_t          size);

/* Makes criticals and warnings fatal, so that a g_return_if_fail() tripped by
 * a hostile file counts as a crash. */
void             waymark_fuzz_init       (void);

/* Reads data and checks the contract of waymark_format_read(): a document
 * and no error, or NULL and a WAYMARK_FORMAT_ERROR with a non-empty UTF-8
 * message and a sane location. Aborts on any breach. */
WaymarkDocument *waymark_fuzz_read       (const uint8_t  *data,
                                          size_t          size);

/* Prints a message and aborts, which libFuzzer reports as a crash. */
G_NORETURN void  waymark_fuzz_fail       (const char     *format,
                                          ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
