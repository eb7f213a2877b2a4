#!/bin/sh
# run-with-display.sh — runs a command on the current X display, or on a private Xvfb
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tools/test wraps the whole run in xvfb-run; started alone (no DISPLAY), the
# UI tests get a display of their own here.
set -eu

if [ -n "${DISPLAY:-}" ]; then
  exec "$@"
fi

for n in $(seq 90 140); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
    break
  fi
done

# -noreset: by default the server resets when its last client goes and
# refuses connections meanwhile, which a test restarting the application
# can run into.
Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 100); do
  [ -e "/tmp/.X11-unix/X$n" ] && break
  sleep 0.05
done

DISPLAY=":$n" "$@"
