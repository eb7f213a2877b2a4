#!/bin/sh
# bench-drag.sh — frame times while a card is dragged on a 2,000-touchpoint map
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints the median and worst frame of the drag (WAYMARK_DEBUG=frames: the
# canvas's motion handling plus update, layout and paint of each frame).
# Figures only, no assertion: timings depend on the machine.
# WAYMARK_BENCH_SHOT=file.png keeps a screenshot of the drag,
# WAYMARK_BENCH_FRAMES=file.txt every frame time of it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${DISPLAY:-}" ]; then
  exec "$here/run-with-display.sh" "$0" "$@"
fi

: "${WAYMARK:?the waymark binary}"
: "${WAYMARK_MAKE_MAP:?the map generator}"

work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-bench.XXXXXX")
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

map="$work/big.cjmx"
"$WAYMARK_MAKE_MAP" "$map" 30 2000 7

export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" GDK_BACKEND=x11
export GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GTK_A11Y=none WAYMARK_DEBUG=frames,geometry
# Xvfb offers only software GL (llvmpipe), far slower than any GPU: measure
# with the cairo renderer unless told otherwise.
export GSK_RENDERER="${GSK_RENDERER:-cairo}"

start=$(date +%s.%N)
"$WAYMARK" "$map" >"$work/out.log" 2>"$work/err.log" &
app_pid=$!
for _ in $(seq 1 600); do
  grep -q "geometry: end" "$work/out.log" 2>/dev/null && break
  sleep 0.05
done
ready=$(date +%s.%N)
echo "first frame of the 2,000-touchpoint map after $(echo "$ready - $start" | bc) s"

window=$(xdotool search --sync --onlyvisible --name "Synthetic journey" | head -1)
sleep 1

latest() {
  awk '/geometry: begin/ { n = 0; delete rows } /^geometry: / { rows[n++] = $0 }
       END { for (i = 0; i < n; i++) print rows[i] }' "$work/out.log"
}
set -- $(latest | awk '$2 == "card" { printf "%d %d\n", $4 + $6 / 2, $5 + 20; exit }')
x0=$1 y0=$2
# Inside the visible part of the canvas, so that the view does not scroll.
set -- $(latest | awk '$2 == "begin" { bottom = $7 + $9 - 40 }
                       $2 == "cell" && $3 ~ /^st-3\// {
                         y = $5 + 80; if (y > bottom) y = bottom
                         printf "%d %d\n", $4 + $6 / 2, y; exit }')
x1=$1 y1=$2

xdotool mousemove --window "$window" "$x0" "$y0" mousedown 1
sleep 0.2
from=$(grep -c "waymark-frames: frame" "$work/err.log" || true)
# About 2 s of motion at 60 events a second, back and forth.
for pass in 1 2; do
  for i in $(seq 1 60); do
    if [ "$pass" = 1 ]; then
      xdotool mousemove --window "$window" $(( x0 + (x1 - x0) * i / 60 )) $(( y0 + (y1 - y0) * i / 60 ))
    else
      xdotool mousemove --window "$window" $(( x1 - (x1 - x0) * i / 60 )) $(( y1 - (y1 - y0) * i / 60 ))
    fi
    sleep 0.016
  done
  # A picture of the drag at its far end, to look at; reading the screen
  # makes the application draw nothing.
  if [ "$pass" = 1 ] && [ -n "${WAYMARK_BENCH_SHOT:-}" ]; then
    import -window root "$WAYMARK_BENCH_SHOT"
  fi
done
sleep 0.2
to=$(grep -c "waymark-frames: frame" "$work/err.log" || true)
xdotool key Escape mouseup 1
sleep 0.3

grep "waymark-frames: frame" "$work/err.log" | sed -n "$((from + 1)),${to}p" |
  awk '{ print $(NF - 1) }' | sort -n |
  awk '{ v[NR] = $1 } END {
         if (NR == 0) { print "no frames measured"; exit 1 }
         printf "drag on 2,000 touchpoints: %d frames, median %.2f ms, worst %.2f ms\n",
                NR, v[int((NR + 1) / 2)], v[NR] }'

# Every frame of the drag, for a closer look.
if [ -n "${WAYMARK_BENCH_FRAMES:-}" ]; then
  grep "waymark-frames: frame" "$work/err.log" | sed -n "$((from + 1)),${to}p" >"$WAYMARK_BENCH_FRAMES"
fi
xdotool key ctrl+q
sleep 0.5
