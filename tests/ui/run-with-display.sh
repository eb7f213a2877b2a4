#!/bin/sh
# run-with-display.sh — runs a widget test on an X server of its own
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Always a private Xvfb, even when DISPLAY is set (tools/test wraps the whole
# run in xvfb-run): GTK 4.8 leaks the stream of every X selection it reads
# from another client (gdk_x11_selection_input_stream_new_finish() takes one
# reference too many; later GTK releases drop it), and it reads one whenever
# another client takes PRIMARY or CLIPBOARD. On a shared server the tests
# that focus text fields take PRIMARY again and again, and every other test
# running beside them then leaks under LeakSanitizer and memcheck. Alone on
# its server, a test only ever sees its own selections.
set -eu

# -displayfd: Xvfb picks a free display number itself and writes it once it
# accepts connections, so parallel tests cannot race for the same number.
# -noreset: by default the server resets when its last client goes and
# refuses connections meanwhile, which a test restarting the application
# can run into.
fifo=$(mktemp -u "${TMPDIR:-/tmp}/waymark-xvfb.XXXXXX")
mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp -noreset 3>"$fifo" >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -f "$fifo"' EXIT INT TERM

n=$(head -n 1 "$fifo")
rm -f "$fifo"
[ -n "$n" ] || { echo "run-with-display.sh: Xvfb did not start" >&2; exit 1; }

DISPLAY=":$n" "$@"
