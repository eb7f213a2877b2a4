#!/bin/sh
# check-translations.sh — every language in po/LINGUAS reaches the merged data files
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-translations.sh LINGUAS DESKTOP_FILE METAINFO_FILE MIME_FILE
set -eu

linguas=$1
desktop=$2
metainfo=$3
mime=$4

fail=0
check () {
  file=$1
  pattern=$2
  if grep -q -- "$pattern" "$file"; then
    echo "ok: $(basename "$file") has $pattern"
  else
    echo "FAIL: $(basename "$file") lacks $pattern"
    fail=1
  fi
}

languages=$(sed -e 's/#.*//' "$linguas" | tr -s ' \t' '\n\n' | sed '/^$/d')
if [ -z "$languages" ]; then
  echo "po/LINGUAS lists no language"
  exit 77
fi

for lang in $languages; do
  check "$desktop" "^Comment\\[$lang\\]="
  check "$desktop" "^Keywords\\[$lang\\]=.*;\$"
  check "$metainfo" "<summary xml:lang=\"$lang\">"
  check "$metainfo" "<p xml:lang=\"$lang\">"
  check "$mime" "<comment xml:lang=\"$lang\">"
done
exit $fail
