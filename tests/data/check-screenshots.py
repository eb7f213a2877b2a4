#!/usr/bin/env python3
# check-screenshots.py — the metainfo's screenshots are committed, PNG, of a sensible size
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-screenshots.py METAINFO SOURCE_ROOT README
#
# AppStream clients fetch the screenshots from the repository's main branch, so
# each <image> URL must name a file under docs/screenshots/ in this checkout; the
# README shows the default one.

import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

PREFIX = 'https://raw.githubusercontent.com/waymark/waymark/main/'
MAX_BYTES = 400 * 1024


def png_size(path):
    with open(path, 'rb') as f:
        header = f.read(24)
    if header[:8] != b'\x89PNG\r\n\x1a\n' or header[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', header[16:24])


def main():
    metainfo, root, readme = sys.argv[1:4]
    problems = []
    shots = ET.parse(metainfo).getroot().findall('./screenshots/screenshot')
    if len(shots) < 2:
        problems.append('fewer than two screenshots')
    defaults = [s for s in shots if s.get('type') == 'default']
    if len(defaults) != 1:
        problems.append('not exactly one default screenshot')
    for shot in shots:
        url = shot.findtext('image', '').strip()
        if not shot.findtext('caption', '').strip():
            problems.append(f'{url}: no caption')
        if not url.startswith(PREFIX + 'docs/screenshots/'):
            problems.append(f'{url}: not under {PREFIX}docs/screenshots/')
            continue
        rel = url[len(PREFIX):]
        path = os.path.join(root, rel)
        if not os.path.isfile(path):
            problems.append(f'{rel}: not in the checkout')
            continue
        size = png_size(path)
        nbytes = os.path.getsize(path)
        if size is None:
            problems.append(f'{rel}: not a PNG')
        elif not (1200 <= size[0] <= 2400 and 700 <= size[1] <= 1600):
            problems.append(f'{rel}: {size[0]}×{size[1]} is not a desktop window size')
        if nbytes > MAX_BYTES:
            problems.append(f'{rel}: {nbytes} bytes, more than {MAX_BYTES}')
        print(f'{rel}: {size}, {nbytes} bytes')
    with open(readme, encoding='utf-8') as f:
        if not re.search(r'!\[[^\]]+\]\(docs/screenshots/main\.png\)', f.read()):
            problems.append('README.md does not show docs/screenshots/main.png')
    for problem in problems:
        print('FAIL: ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
