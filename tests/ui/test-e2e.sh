#!/bin/sh
# test-e2e.sh — the editor driven with real pointer and keyboard events under X
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Opens a copy of a synthetic map and, with xdotool, drags a card from the
# first stage to the third, saves, undoes, saves, checks that Esc during a
# drag changes nothing, renames a stage in place, rearranges cards and a
# stage with the keyboard alone and undoes all of it back to the original
# bytes, reorders stages by dragging a header, inserts a stage from the
# context menu, and quits through the Save Changes? prompt without saving.
# The saved file is read after each step. The canvas prints its geometry
# (WAYMARK_DEBUG=geometry) so that the pointer goes where things really are.
# Screenshots are left in the build directory, to be looked at.
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

shot() {
  import -window root "$shots/e2e-$1.png"
}

# tools/valgrind sets WAYMARK_WAIT_SCALE: under memcheck the application
# starts and draws many times slower.
wait_scale=${WAYMARK_WAIT_SCALE:-1}

map="$work/map.cjmx"
"$WAYMARK_MAKE_MAP" "$map" 5 12 1
cp "$map" "$work/original.cjmx"

export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/home/.config"
export XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache"
export GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GTK_A11Y=none
export WAYMARK_DEBUG=geometry
# GTK 4.8's recent manager leaks a GDateTime each time it writes its list,
# which fails the run under LeakSanitizer: these tests keep no recent files.
# A double click is two presses within gtk-double-click-time (400 ms) of a
# real-time timer; a slow run may handle the second press after the timer,
# so the time stretches with the waits.
mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
printf '[Settings]\ngtk-recent-files-enabled=false\ngtk-double-click-time=%d\n' \
  $((400 * wait_scale)) >"$XDG_CONFIG_HOME/gtk-4.0/settings.ini"

"$WAYMARK" "$map" >"$work/out.log" 2>"$work/err.log" &
app_pid=$!

# The geometry of the last frame drawn: "geometry: <what> <id> x y w h".
# Waits poll and return as soon as they are satisfied; their limits are
# generous for slow runs (sanitizers, a loaded machine), and
# WAYMARK_WAIT_SCALE stretches them further.
wait_geometry() {
  for _ in $(seq 1 $((400 * wait_scale))); do
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

# The pointer aims at what the last frame drew, and a slow run may not have
# drawn the last change yet when the file is saved: before aiming after an
# undo, wait until a frame shows the undone order.
drawn_x() {     # what id -> left edge in the last frame drawn
  latest | awk -v what="$1" -v id="$2" '$2 == what && $3 == id { print $4; exit }'
}

drawn_left_of() {  # stage stage: the first is drawn left of the second
  a=$(drawn_x stage "$1")
  b=$(drawn_x stage "$2")
  [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

drawn_in_stage() { # card stage: the card is drawn in the stage's column
  c=$(drawn_x card "$1")
  latest | awk -v c="$c" -v id="$2" \
    '$2 == "stage" && $3 == id { found = c != "" && c >= $4 && c < $4 + $6 } END { exit !found }'
}

wait_drawn() {  # description, then a command that succeeds once drawn
  what=$1
  shift
  for _ in $(seq 1 $((200 * wait_scale))); do
    "$@" && return 0
    sleep 0.05
  done
  fail "no frame shows $what"
}

center_of() {   # what id -> "x y"
  latest | awk -v what="$1" -v id="$2" '$2 == what && $3 == id { printf "%d %d\n", $4 + $6 / 2, $5 + $7 / 2; exit }'
}

# The element with the keyboard focus in the last frame drawn.
focus() {
  latest | awk '$2 == "focus" { print $3 }'
}

wait_focus() {  # expected id, or "" for any
  for _ in $(seq 1 $((200 * wait_scale))); do
    f=$(focus)
    if [ -n "$f" ] && { [ -z "$1" ] || [ "$f" = "$1" ]; }; then
      return 0
    fi
    sleep 0.05
  done
  fail "the focus is on “$(focus)”, expected “${1:-anything}”"
}

wait_no_focus() {
  for _ in $(seq 1 $((200 * wait_scale))); do
    [ -z "$(focus)" ] && return 0
    sleep 0.05
  done
  fail "the focus stayed on “$(focus)”"
}

# Visible windows of the application: the map, a popover, a dialog.
windows() {
  xdotool search --onlyvisible --class waymark 2>/dev/null | wc -l
}

wait_windows() { # count
  for _ in $(seq 1 $((200 * wait_scale))); do
    [ "$(windows)" -eq "$1" ] && { sleep 0.1; return 0; }
    sleep 0.05
  done
  fail "$(windows) windows are shown, expected $1"
}

attr() {        # element id attribute
  xmllint --xpath "string(//*[local-name()='$1'][@id='$2']/@$3)" "$map"
}

stage_at() {    # 1-based position -> id
  xmllint --xpath "string((//*[local-name()='stage'])[$1]/@id)" "$map"
}

wait_attr() {   # element id attribute expected
  for _ in $(seq 1 $((200 * wait_scale))); do
    [ "$(attr "$1" "$2" "$3")" = "$4" ] && return 0
    sleep 0.05
  done
  fail "$1 $2: $3 is “$(attr "$1" "$2" "$3")”, expected “$4”"
}

# Saving stamps the "modified" attribute; everything else must be the bytes
# the map had before any edit.
same_as_original() {
  sed 's/ modified="[^"]*"//' "$work/original.cjmx" >"$work/a.cjmx"
  sed 's/ modified="[^"]*"//' "$map" >"$work/b.cjmx"
  cmp -s "$work/a.cjmx" "$work/b.cjmx"
}

# Each save stamps a new "modified" time, so the bytes always change.
save() {
  before=$(md5sum <"$map")
  xdotool key ctrl+s
  for _ in $(seq 1 $((400 * wait_scale))); do
    [ "$(md5sum <"$map")" != "$before" ] && return 0
    sleep 0.05
  done
  fail "Ctrl+S did not write the file"
}

key() {
  xdotool key --delay 60 "$@"
  sleep 0.15
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
# Not xdotool's --sync, which waits for ever.
for _ in $(seq 1 $((200 * wait_scale))); do
  window=$(xdotool search --onlyvisible --name "Synthetic journey" 2>/dev/null | head -1)
  [ -n "$window" ] && break
  sleep 0.05
done
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
shot drag
xdotool mouseup 1
sleep 0.3
shot dropped
save
wait_attr touchpoint "$card" stage st-3
wait_attr touchpoint "$card" lane "$lane"
echo "ok - drag moved $card to st-3"

# 2. Undo puts it back.
key ctrl+z
save
wait_attr touchpoint "$card" stage st-1
same_as_original || fail "undoing the drag did not restore the map"
echo "ok - undo moved $card back to st-1"

# 3. Esc during a drag changes nothing.
wait_drawn "$card back in st-1" drawn_in_stage "$card" st-1
sleep 0.2
set -- $(center_of card "$card")
drag "$1" "$2" "$to_x" "$to_y"
xdotool key Escape
sleep 0.1
xdotool mouseup 1
sleep 0.3
shot cancelled
save
wait_attr touchpoint "$card" stage st-1
same_as_original || fail "a cancelled drag changed the map"
echo "ok - Esc cancelled the drag"

# 4. Double-click a stage header and type a new name.
set -- $(center_of stage st-2)
xdotool mousemove --window "$window" "$1" "$2" click --repeat 2 --delay 60 1
sleep 0.4
xdotool type --delay 15 "Research"
sleep 0.2
shot rename
key Return
save
wait_attr stage st-2 name "Research"
echo "ok - stage renamed in place"

# 5. Undo the rename.
key ctrl+z
save
wait_attr stage st-2 name "Consideration"
same_as_original || fail "undoing the rename did not restore the map"
echo "ok - rename undone"

# 6. The keyboard alone: Tab reaches the first card, Alt+arrows carry it two
#    stages right and one lane down, arrows climb to its stage header, and
#    Alt+Left moves that stage one place left. Four steps, four undos.
xdotool mousemove --window "$window" 5 5
key Escape
wait_no_focus
key Tab
wait_focus ""
kcard=$(focus)
kstage=$(attr touchpoint "$kcard" stage)
klane=$(attr touchpoint "$kcard" lane)
[ "$kstage" = "st-1" ] || fail "Tab focused $kcard in $kstage, not a card of the first stage"
key alt+Right
key alt+Right
key alt+Down
shot keyboard-moved
# Up past the top card of a column reaches its header, and stays there.
xdotool key --delay 40 Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up
wait_focus st-3
key alt+Left
shot keyboard-stage
save
wait_attr touchpoint "$kcard" stage st-3
[ "$(attr touchpoint "$kcard" lane)" != "$klane" ] || fail "Alt+Down left $kcard in lane $klane"
[ "$(stage_at 2)" = "st-3" ] || fail "Alt+Left did not move st-3 to the second place: $(stage_at 2)"
[ "$(stage_at 3)" = "st-2" ] || fail "st-2 is not third after Alt+Left"
echo "ok - keyboard moved $kcard to st-3/$(attr touchpoint "$kcard" lane) and st-3 left"

key ctrl+z ctrl+z ctrl+z ctrl+z
save
same_as_original || { diff "$work/a.cjmx" "$work/b.cjmx" >&2; fail "four undos did not restore the original bytes"; }
echo "ok - four undos restored the original bytes"

# 7. Drag the first stage's header past the third.
set -- $(center_of stage st-1)
hx=$1 hy=$2
set -- $(latest | awk '$2 == "stage" && $3 == "st-4" { printf "%d %d\n", $4 + 12, $5 + $7 / 2; exit }')
[ -n "${1:-}" ] || fail "stage st-4 is not visible"
drag "$hx" "$hy" "$1" "$2"
shot stage-drag
xdotool mouseup 1
sleep 0.3
save
[ "$(stage_at 1)" = "st-2" ] && [ "$(stage_at 2)" = "st-3" ] && [ "$(stage_at 3)" = "st-1" ] ||
  fail "stages after the header drag: $(stage_at 1) $(stage_at 2) $(stage_at 3)"
echo "ok - dragging the header moved st-1 after st-3"
key ctrl+z
save
same_as_original || fail "undoing the stage drag did not restore the map"
echo "ok - stage drag undone"

# 8. The context menu of a stage header: Insert Stage _After, then a name.
wait_drawn "st-1 back before st-2" drawn_left_of st-1 st-2
set -- $(center_of stage st-2)
xdotool mousemove --window "$window" "$1" "$2" click 3
wait_windows 2
shot context-menu
key a
wait_windows 1
wait_focus ""
xdotool type --delay 15 "Compare offers"
key Return
save
[ "$(xmllint --xpath "string((//*[local-name()='stage'])[3]/@name)" "$map")" = "Compare offers" ] ||
  fail "no stage “Compare offers” after st-2"
echo "ok - context menu inserted a named stage after st-2"
key ctrl+z
save
same_as_original || fail "one undo did not take back the inserted stage and its name"
echo "ok - inserting and naming a stage is one step"

# 9. Unsaved changes: Ctrl+W asks; Cancel keeps the window, then quitting
#    and Discard leaves the file as it was saved.
key Escape
wait_no_focus
key Tab
wait_focus ""
key Delete
saved=$(md5sum <"$map")
key ctrl+w
wait_windows 2
xdotool search --onlyvisible --name "Save Changes?" >/dev/null || fail "no Save Changes? dialog"
shot close-prompt
key Escape
wait_windows 1
kill -0 "$app_pid" 2>/dev/null || fail "Cancel closed the window"
xdotool search --onlyvisible --name "Synthetic journey" >/dev/null || fail "Cancel closed the window"
key ctrl+q
wait_windows 2
key alt+d
for _ in $(seq 1 $((400 * wait_scale))); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.05
done
kill -0 "$app_pid" 2>/dev/null && fail "Discard did not close the window"
wait "$app_pid" || fail "waymark exited with an error"
app_pid=""
[ "$(md5sum <"$map")" = "$saved" ] || fail "Discard wrote the file"
same_as_original || fail "the file is not the original map after Discard"
echo "ok - Save Changes? prompt: Cancel kept the window, Discard quit without saving"

# Every warning fails the run but one: GTK 4.8 sometimes loses the
# allocation the canvas asks for after an edit (an ancestor still flagged
# from an earlier frame stops the request on its way to the window), paints
# the next frame without a layout phase and skips the canvas in it, with
# this warning; a later frame repaints it. GTK's bookkeeping, not ours
# (docs/reliability.md, "Memory safety under Valgrind"), so it is counted,
# not fatal; the pattern matches that message and nothing else.
gtk_skipped='^\(waymark:[0-9]+\): Gtk-WARNING \*\*: [0-9:.]+: '
gtk_skipped="${gtk_skipped}Trying to snapshot WaymarkCanvas 0x[0-9a-f]+ without a current allocation\$"
skipped=$(grep -cE "$gtk_skipped" "$work/err.log" || true)
[ "$skipped" -eq 0 ] ||
  echo "note - GTK skipped painting the canvas in $skipped frame(s) (see the comment above)"
if grep -vE "$gtk_skipped" "$work/err.log" | grep -E "CRITICAL|WARNING|ERROR"; then
  fail "waymark logged warnings"
fi
echo "ok - all end-to-end checks passed"
