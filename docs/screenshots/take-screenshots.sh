#!/bin/sh
# take-screenshots.sh — the AppStream and README screenshots, taken under a private Xvfb
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: docs/screenshots/take-screenshots.sh BUILD_DIR
#
# Opens the hotel example in a 1600×1000 window and writes inspector.png (a
# touchpoint selected, its inspector open) and main.png (the whole journey,
# zoomed out) next to this script, palette-optimised with ImageMagick.
# Needs Xvfb, xdotool and ImageMagick (import, convert).
#
# SHOT_LANGUAGE=de and SHOT_OUT=DIR check a translation in place: the build
# must then be one whose prefix holds the installed translations (such as
# the one tests/install sets up in BUILD_DIR/tests/install/scratch/build).
set -eu

here=${SHOT_OUT:-$(cd "$(dirname "$0")" && pwd)}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
waymark="$build/src/waymark"
width=1600
height=1000

work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-shots.XXXXXX")
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
  [ -n "${maps:-}" ] && rm -f "$maps/Hotel stay.cjmx" && rmdir "$maps" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

for n in $(seq 150 199); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
    break
  fi
done
Xvfb ":$n" -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
  [ -e "/tmp/.X11-unix/X$n" ] && break
  sleep 0.05
done

# A fresh home; the window size comes from a keyfile settings backend.
mkdir -p "$work/home/.config/glib-2.0/settings" "$work/runtime"
chmod 700 "$work/runtime"
cat >"$work/home/.config/glib-2.0/settings/keyfile" <<KEYFILE
[io/github/waymark/Waymark]
window-width=$width
window-height=$height
KEYFILE
export DISPLAY=":$n" HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
export XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache"
export XDG_RUNTIME_DIR="$work/runtime" GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR="$build/data" GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none
export WAYMARK_DEBUG=geometry LANGUAGE=${SHOT_LANGUAGE:-en} LANG=C.UTF-8

# The window subtitle shows the folder: a plain one reads better than mktemp's.
maps="${TMPDIR:-/tmp}/Journey maps"
mkdir -p "$maps"
cp "$root/data/examples/hotel-stay.cjmx" "$maps/Hotel stay.cjmx"
"$waymark" "$maps/Hotel stay.cjmx" >"$work/out.log" 2>"$work/err.log" &
app_pid=$!

for _ in $(seq 1 200); do
  grep -q '^geometry: end' "$work/out.log" 2>/dev/null && break
  sleep 0.05
done
grep -q '^geometry: end' "$work/out.log" || { cat "$work/err.log"; exit 1; }
sleep 1

shoot() {
  import -window root "$work/$1-raw.png"
  # 256 colours with dithering off keep text crisp at a fraction of the size.
  convert "$work/$1-raw.png" -dither None -colors 256 -define png:compression-level=9 \
    -strip "PNG8:$here/$1.png"
  echo "$here/$1.png: $(identify -format '%wx%h' "$here/$1.png"), $(stat -c %s "$here/$1.png") bytes"
}
# A touchpoint of the second stage, selected: the inspector shows it. The
# geometry is the canvas's first report, at 100% and not scrolled.
card=$(awk '$1 == "geometry:" && $2 == "card" { print $4, $5, $6, $7 }' "$work/out.log" \
       | sed -n 6p)
set -- $card
xdotool mousemove $(( $1 + $3 / 2 )) $(( $2 + 12 )) click 1
sleep 0.5
xdotool key F9
sleep 1
xdotool mousemove $((width - 10)) $((height - 10))
sleep 0.5
shoot inspector

# Then the whole journey: sidebar closed, nothing selected, zoomed out two
# steps so that the emotion curves show under the cards.
xdotool key F9
sleep 0.3
xdotool key Escape
sleep 0.3
xdotool key ctrl+minus
sleep 0.3
xdotool key ctrl+minus
sleep 1
shoot main
