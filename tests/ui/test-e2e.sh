#!/bin/sh
# test-e2e.sh — the editor driven with real pointer and keyboard events under X
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Opens a copy of a synthetic map, drags a card from the first stage to the
# third, saves, undoes, saves, renames a stage in place and checks that Esc
# during a drag changes nothing, reading the saved file each time. The canvas
# prints its geometry (WAYMARK_DEBUG=geometry) so the pointer goes where the
# cards really are. Screenshots are left in the build directory.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${DISPLAY:-}" ]; then
  exec "$here/run-with-display.sh" "$0" "$@"
fi

: "${WAYMARK:?the waymark binary}"
: "${WAYMARK_MAKE_MAP:?the map generator}"
shots="${WAYMARK_BUILD_ROOT:-$PWD}/tests/ui"
mkdir -p "$shots"

work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-e2e.XXXXXX")
mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

fail() {
  echo "FAIL: $*" >&2
  import -window root "$shots/e2e-failure.png" 2>/dev/null || true
  echo "--- stderr of waymark" >&2
  cat "$work/err.log" >&2 || true
  exit 1
}

map="$work/map.cjmx"
"$WAYMARK_MAKE_MAP" "$map" 5 12 1

export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/home/.config"
export XDG_DATA_HOME="$work/home/.local/share" GDK_BACKEND=x11 GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=1 GTK_A11Y=none WAYMARK_DEBUG=geometry

"$WAYMARK" "$map" >"$work/out.log" 2>"$work/err.log" &
app_pid=$!

# The geometry of the last frame drawn: "geometry: <what> <id> x y w h".
wait_geometry() {
  for _ in $(seq 1 200); do
    if grep -q "geometry: end" "$work/out.log" 2>/dev/null; then
      return 0
    fi
    kill -0 "$app_pid" 2>/dev/null || fail "waymark exited early"
    sleep 0.05
  done
  fail "the canvas printed no geometry"
}

latest() {
  awk '/geometry: begin/ { n = 0; delete rows } /^geometry: / { rows[n++] = $0 }
       END { for (i = 0; i < n; i++) print rows[i] }' "$work/out.log"
}

center_of() {   # what id -> "x y"
  latest | awk -v what="$1" -v id="$2" '$2 == what && $3 == id { printf "%d %d\n", $4 + $6 / 2, $5 + $7 / 2; exit }'
}

attr() {        # element id attribute
  xmllint --xpath "string(//*[local-name()='$1'][@id='$2']/@$3)" "$map"
}

wait_attr() {   # element id attribute expected
  for _ in $(seq 1 100); do
    [ "$(attr "$1" "$2" "$3")" = "$4" ] && return 0
    sleep 0.05
  done
  fail "$1 $2: $3 is “$(attr "$1" "$2" "$3")”, expected “$4”"
}

save() {
  before=$(stat -c %Y.%s "$map" 2>/dev/null || echo none)
  sleep 1.1   # mtime has one-second resolution on some file systems
  xdotool key ctrl+s
  for _ in $(seq 1 100); do
    [ "$(stat -c %Y.%s "$map")" != "$before" ] && return 0
    sleep 0.05
  done
  fail "Ctrl+S did not write the file"
}

drag() {        # x0 y0 x1 y1, button still held at the end
  xdotool mousemove --window "$window" "$1" "$2" mousedown 1
  sleep 0.1
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    xdotool mousemove --window "$window" \
      $(( $1 + ($3 - $1) * i / 12 )) $(( $2 + ($4 - $2) * i / 12 ))
    sleep 0.03
  done
  sleep 0.2
}

wait_geometry
window=$(xdotool search --sync --onlyvisible --name "Synthetic journey" | head -1)
[ -n "$window" ] || fail "no window"
sleep 0.5

# A card of the first stage, and the same lane in the third stage.
card=""
for c in $(latest | awk '$2 == "card" { print $3 }'); do
  if [ "$(attr touchpoint "$c" stage)" = "st-1" ]; then
    card=$c
    break
  fi
done
[ -n "$card" ] || fail "no card in the first stage is visible"
lane=$(attr touchpoint "$card" lane)
set -- $(center_of card "$card")
from_x=$1 from_y=$2
set -- $(center_of cell "st-3/$lane")
to_x=$1 to_y=$2
echo "dragging $card from ($from_x, $from_y) to cell st-3/$lane at ($to_x, $to_y)"

# 1. Drag the card to the third stage.
drag "$from_x" "$from_y" "$to_x" "$to_y"
import -window root "$shots/e2e-drag.png"
xdotool mouseup 1
sleep 0.3
import -window root "$shots/e2e-dropped.png"
save
wait_attr touchpoint "$card" stage st-3
wait_attr touchpoint "$card" lane "$lane"
echo "ok - drag moved $card to st-3"

# 2. Undo puts it back.
xdotool key ctrl+z
sleep 0.2
save
wait_attr touchpoint "$card" stage st-1
echo "ok - undo moved $card back to st-1"

# 3. Esc during a drag changes nothing.
sleep 0.3
set -- $(center_of card "$card")
drag "$1" "$2" "$to_x" "$to_y"
xdotool key Escape
sleep 0.1
xdotool mouseup 1
sleep 0.3
import -window root "$shots/e2e-cancelled.png"
save
wait_attr touchpoint "$card" stage st-1
grep -q "^geometry: card $card " "$work/out.log" || fail "card lost"
echo "ok - Esc cancelled the drag"

# 4. Double-click a stage header and type a new name.
set -- $(center_of stage st-2)
xdotool mousemove --window "$window" "$1" "$2" click --repeat 2 --delay 60 1
sleep 0.4
xdotool type --delay 15 "Research"
sleep 0.2
import -window root "$shots/e2e-rename.png"
xdotool key Return
sleep 0.2
save
wait_attr stage st-2 name "Research"
echo "ok - stage renamed in place"

# 5. Undo names the step in the window's history.
xdotool key ctrl+z
sleep 0.2
save
wait_attr stage st-2 name "Consideration"
echo "ok - rename undone"

xdotool key ctrl+q
for _ in $(seq 1 100); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.05
done
kill -0 "$app_pid" 2>/dev/null && fail "Ctrl+Q did not quit a saved map"
wait "$app_pid" || fail "waymark exited with an error"
app_pid=""

if grep -E "CRITICAL|ERROR" "$work/err.log"; then
  fail "waymark logged criticals"
fi
echo "ok - all end-to-end checks passed"
