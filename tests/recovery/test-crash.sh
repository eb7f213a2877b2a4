#!/bin/sh
# test-crash.sh — kill -9 while editing, restore on the next start, save the restored map
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Under X with real input (xdotool): opens a copy of the example map, renames
# a stage in place, waits for the autosave, kills Waymark with SIGKILL,
# starts it again, answers Restore in the recovery dialog, saves to a new
# path with Save As and checks that the edit is in the saved file, that the
# original file was not touched and that the recovery copy is gone. Prints
# the autosave latency. Screenshots are left in the build directory.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${DISPLAY:-}" ]; then
  exec "$here/../ui/run-with-display.sh" "$0" "$@"
fi

: "${WAYMARK:?the waymark binary}"
: "${WAYMARK_SOURCE_ROOT:?the source tree}"
shots="${WAYMARK_BUILD_ROOT:-$PWD}/tests/recovery"
mkdir -p "$shots"

work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-crash.XXXXXX")
mkdir -p "$work/home" "$work/runtime" "$work/state"
chmod 700 "$work/runtime"
app_pid=""
x_client=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -9 "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$x_client" ]; then
    kill "$x_client" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The X server resets itself when its last client goes, and refuses
# connections while it does: killing Waymark may leave it none just before
# the second start ("cannot open display" under memcheck). A client of our
# own keeps it up for the whole test.
xdotool sleep 86400 &
x_client=$!

fail() {
  echo "FAIL: $*" >&2
  import -window root "$shots/crash-failure.png" 2>/dev/null || true
  echo "--- stderr of waymark" >&2
  cat "$work/err.log" "$work/err2.log" >&2 2>/dev/null || true
  exit 1
}

map="$work/hotel-stay.cjmx"
saved="$work/restored.cjmx"
recovery="$work/state/waymark/recovery"
cp "$WAYMARK_SOURCE_ROOT/data/examples/hotel-stay.cjmx" "$map"
original_sum=$(sha256sum "$map" | cut -d' ' -f1)

export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_CONFIG_HOME="$work/home/.config"
export XDG_DATA_HOME="$work/home/.local/share" XDG_STATE_HOME="$work/state"
# GTK 4.8's recent manager leaks a GDateTime each time it writes its list,
# which fails the run under LeakSanitizer: this test keeps no recent files.
# Waits give up after 20 s, or that many times WAYMARK_WAIT_SCALE (set by
# tools/valgrind: under memcheck the application runs many times slower);
# the double-click time stretches with them, as a slow run may handle the
# second press after GTK's real-time double-click timer has run out.
wait_scale=${WAYMARK_WAIT_SCALE:-1}
mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
printf '[Settings]\ngtk-recent-files-enabled=false\ngtk-double-click-time=%d\n' \
  $((400 * wait_scale)) >"$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
export GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GTK_A11Y=none
export WAYMARK_DEBUG=geometry

"$WAYMARK" "$map" >"$work/out.log" 2>"$work/err.log" &
app_pid=$!

wait_for() {    # description, then a command that succeeds when done (20 s × wait_scale)
  what=$1
  shift
  for _ in $(seq 1 $((400 * wait_scale))); do
    "$@" && return 0
    sleep 0.05
  done
  fail "gave up waiting for $what"
}

geometry_ready() { grep -q "geometry: end" "$work/out.log" 2>/dev/null; }
center_of() {   # what id -> "x y" from the last frame drawn
  awk '/geometry: begin/ { n = 0; delete rows } /^geometry: / { rows[n++] = $0 }
       END { for (i = 0; i < n; i++) print rows[i] }' "$work/out.log" |
    awk -v what="$1" -v id="$2" '$2 == what && $3 == id { printf "%d %d\n", $4 + $6 / 2, $5 + $7 / 2; exit }'
}
copy_has() {    # text: a recovery copy holds it
  grep -qs -- "$1" "$recovery"/*.cjmx
}
# Windows by title, waited for with a limit (xdotool's own --sync waits
# for ever, and under memcheck meson's timeout is half an hour away).
shown() {       # title
  xdotool search --onlyvisible --name "$1" >/dev/null 2>&1
}
window_named() { # description title -> the window's id
  wait_for "$1" shown "$2"
  xdotool search --onlyvisible --name "$2" | head -1
}
no_copy() {
  ! ls "$recovery"/*.cjmx >/dev/null 2>&1 && ! ls "$recovery"/*.ini >/dev/null 2>&1
}

wait_for "the canvas" geometry_ready
window=$(window_named "the map's window" "Hotel stay")
[ -n "$window" ] || fail "no window"
sleep 0.5

# 1. Rename the second stage in place with real input.
set -- $(center_of stage st-2)
[ $# -eq 2 ] || fail "stage st-2 is not on screen"
xdotool mousemove --window "$window" "$1" "$2" click --repeat 2 --delay 60 1
sleep 0.4
xdotool key ctrl+a
xdotool type --delay 15 "Booked after the crash"
xdotool key Return
edited=$(date +%s%N)
no_copy || fail "a recovery copy existed before any unsaved change was due"

# 2. The autosave writes it within a few seconds.
wait_for "the autosave" copy_has "Booked after the crash"
written=$(date +%s%N)
latency_ms=$(( (written - edited) / 1000000 ))
echo "autosave latency: ${latency_ms} ms from the last key to the copy on disk (poll step 50 ms)"
[ "$latency_ms" -le $((5000 * wait_scale)) ] ||
  fail "the autosave took ${latency_ms} ms, more than $((5 * wait_scale)) s"
# The sidecar follows the content (each replaced atomically).
sidecar_ready() { grep -qs "UndoLabel=" "$recovery"/*.ini; }
wait_for "the sidecar with the undo label" sidecar_ready
undo_label=$(sed -n 's/^UndoLabel=//p' "$recovery"/*.ini)
echo "sidecar: $(cat "$recovery"/*.ini | tr '\n' ' ')"
import -window root "$shots/crash-before-kill.png"

# 3. Kill it the hard way.
kill -9 "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""
[ "$(sha256sum "$map" | cut -d' ' -f1)" = "$original_sum" ] || fail "the map changed without a save"

# 4. Start again: the recovery dialog offers the map; Return answers Restore.
# This run saves through the GTK file chooser, which loads libcloudproviders;
# its leaks cannot be told apart from ours with the fast unwinder the
# sanitizer build uses, so LeakSanitizer is off for this process (other
# sanitizer errors still fail this run). Memcheck, with whole stacks, checks
# its leaks: tools/valgrind suppresses those of the file chooser by name.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
  "$WAYMARK" >"$work/out2.log" 2>"$work/err2.log" &
app_pid=$!
dialog=$(window_named "the recovery dialog" "Restore Unsaved Map")
[ -n "$dialog" ] || fail "no recovery dialog"
sleep 0.5
import -window root "$shots/crash-restore-dialog.png"
xdotool windowactivate --sync "$dialog" 2>/dev/null || xdotool windowfocus --sync "$dialog"
xdotool key Return

# The restored map shows as unsaved ("• " before its name) in the window title.
restored_window() { xdotool search --onlyvisible --name "^• Hotel stay" >/dev/null 2>&1; }
wait_for "the restored map" restored_window
sleep 0.5
import -window root "$shots/crash-restored.png"
window=$(xdotool search --onlyvisible --name "^• Hotel stay" | head -1)

# 5. Save As a new file: the file chooser takes a full path in its name field.
xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
xdotool key ctrl+shift+s
chooser=$(window_named "the Save As dialog" "Save Journey Map")
[ -n "$chooser" ] || fail "no Save As dialog"
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 10 "$saved"
sleep 0.2
xdotool key Return
saved_ready() { [ -s "$saved" ]; }
wait_for "the saved file" saved_ready

# 6. The edit is in the saved file, the original is as it was, the copy gone.
name=$(xmllint --xpath "string(//*[local-name()='stage'][@id='st-2']/@name)" "$saved")
[ "$name" = "Booked after the crash" ] || fail "the saved stage is called “$name”"
[ "$(sha256sum "$map" | cut -d' ' -f1)" = "$original_sum" ] || fail "the original map was changed"
wait_for "the recovery copy to go" no_copy
echo "ok - restored after “$undo_label” and saved with the edit"

xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
xdotool key ctrl+q
for _ in $(seq 1 $((100 * wait_scale))); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.05
done
kill -0 "$app_pid" 2>/dev/null && fail "Ctrl+Q did not quit a saved map"
wait "$app_pid" || fail "waymark exited with an error"
app_pid=""

if grep -E "CRITICAL|ERROR" "$work/err.log" "$work/err2.log"; then
  fail "waymark logged criticals"
fi
echo "ok - crash recovery end to end"
