#!/bin/sh
# check-mime.sh — install the MIME definition in a scratch database and check what it registers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-mime.sh MIME_XML
#
# update-mime-database only warns about mistakes it skips, so any output on stderr
# fails the test; then GIO must name a *.cjmx file application/x-cjmx+xml.
set -eu

mime_xml=$1
type=application/x-cjmx+xml
namespace=https://waymark.github.io/ns/cjmx

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/mime/packages"
cp "$mime_xml" "$scratch/mime/packages/"

XDG_DATA_HOME="$scratch" update-mime-database "$scratch/mime" 2>"$scratch/warnings" >/dev/null
if [ -s "$scratch/warnings" ]; then
  echo "update-mime-database complained:"
  cat "$scratch/warnings"
  exit 1
fi

fail=0
expect () {
  file=$1
  line=$2
  if grep -qxF "$line" "$scratch/mime/$file"; then
    echo "ok: $file has '$line'"
  else
    echo "FAIL: $file lacks '$line'"
    fail=1
  fi
}
expect globs2 "50:$type:*.cjmx"
expect XMLnamespaces "$namespace journey-map $type"
expect subclasses "$type application/xml"
expect icons "$type:io.github.waymark.Waymark-application-x-cjmx+xml"

if ! grep -q '<comment>Customer journey map</comment>' "$scratch/mime/application/x-cjmx+xml.xml"; then
  echo "FAIL: no English comment for $type"
  fail=1
fi

printf '<?xml version="1.0" encoding="UTF-8"?>\n<journey-map xmlns="%s" version="1"/>\n' \
  "$namespace" >"$scratch/Hotel stay.CJMX"
cp "$scratch/Hotel stay.CJMX" "$scratch/map.cjmx"
# Renamed without its extension: only the content can tell.
cp "$scratch/Hotel stay.CJMX" "$scratch/Hotel stay"
# Other XML stays application/xml, even when it mentions our root element.
printf '<?xml version="1.0"?>\n<!-- not a <journey-map> -->\n<svg xmlns="http://www.w3.org/2000/svg"/>\n' \
  >"$scratch/other"
for f in "$scratch/map.cjmx" "$scratch/Hotel stay.CJMX" "$scratch/Hotel stay"; do
  detected=$(XDG_DATA_HOME="$scratch" XDG_DATA_DIRS=/usr/share \
             gio info -a standard::content-type "$f" | sed -n 's/^ *standard::content-type: //p')
  if [ "$detected" = "$type" ]; then
    echo "ok: GIO detects $(basename "$f") as $type"
  else
    echo "FAIL: GIO detects $(basename "$f") as '$detected', not $type"
    fail=1
  fi
done

detected=$(XDG_DATA_HOME="$scratch" XDG_DATA_DIRS=/usr/share \
           gio info -a standard::content-type "$scratch/other" | sed -n 's/^ *standard::content-type: //p')
if [ "$detected" = "$type" ]; then
  echo "FAIL: GIO takes other XML for $type"
  fail=1
else
  echo "ok: other XML is $detected"
fi

exit $fail
