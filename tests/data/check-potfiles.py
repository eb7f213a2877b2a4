#!/usr/bin/env python3
# check-potfiles.py — fail when a file with translatable strings is missing from po/POTFILES.in
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.py SOURCE_ROOT
#        check-potfiles.py --expect-missing=PATH,PATH... FIXTURE_ROOT
#        check-potfiles.py --list SOURCE_ROOT
#
# The second form checks the checker: it succeeds only when exactly the given
# files are reported missing from the fixture's POTFILES.in. The third prints the
# files that POTFILES.in should list (tools/update-potfiles writes them).
#
# A string in a file that POTFILES.in does not list never reaches the translators,
# and a listed file that no longer exists breaks the waymark-pot target: both fail.

import os
import re
import sys

# Calls of the glib gettext preset's keywords. GNU style puts a space before the
# parenthesis, so allow blanks there; the look-behind keeps "foo_(" out.
C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|g_dgettext|g_dngettext|g_dpgettext2|'
                       r'ngettext|dgettext|dngettext|g_dcgettext)\s*\(')
UI_MARKERS = re.compile(r'translatable\s*=\s*["\']yes["\']')

# Source folders scanned for C code and GtkBuilder files.
SOURCE_DIRS = ['src']
C_EXTENSIONS = ('.c', '.h')
UI_EXTENSIONS = ('.ui',)

# Data files that are translated as a whole (desktop, AppStream, settings, MIME):
# they are listed whether or not a marker appears in them.
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')


def is_mime_definition(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        head = f.read(4096)
    return 'http://www.freedesktop.org/standards/shared-mime-info' in head


def read_potfiles(root):
    listed = set()
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.add(line)
    return listed


def files_needing_translation(root):
    needed = set()
    for top in SOURCE_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if name.endswith(C_EXTENSIONS):
                    pattern = C_MARKERS
                elif name.endswith(UI_EXTENSIONS):
                    pattern = UI_MARKERS
                else:
                    continue
                with open(path, encoding='utf-8', errors='replace') as f:
                    if pattern.search(f.read()):
                        needed.add(rel)

    data = os.path.join(root, 'data')
    if os.path.isdir(data):
        # The top of data/, plus the bundled example maps (data/its/cjmx.its says which of
        # their text is translated); the format schema is not translated.
        for name in sorted(os.listdir(data)):
            path = os.path.join(data, name)
            if not os.path.isfile(path):
                continue
            rel = 'data/' + name
            if name.endswith(DATA_SUFFIXES):
                needed.add(rel)
            elif name.endswith('.xml') and is_mime_definition(path):
                needed.add(rel)
            elif name.endswith(UI_EXTENSIONS):
                with open(path, encoding='utf-8', errors='replace') as f:
                    if UI_MARKERS.search(f.read()):
                        needed.add(rel)
        # The bundled maps: the example and the templates of the New dialog.
        for folder in ('examples', 'templates'):
            maps = os.path.join(data, folder)
            if os.path.isdir(maps):
                for name in sorted(os.listdir(maps)):
                    if name.endswith('.cjmx'):
                        needed.add('data/%s/%s' % (folder, name))
    return needed


def main():
    args = sys.argv[1:]
    expected = None
    list_only = False
    if args and args[0].startswith('--expect-missing='):
        expected = sorted(filter(None, args.pop(0).split('=', 1)[1].split(',')))
    elif args and args[0] == '--list':
        list_only = True
        args.pop(0)
    if len(args) != 1:
        print('usage: check-potfiles.py [--expect-missing=PATH,...|--list] SOURCE_ROOT',
              file=sys.stderr)
        return 2
    root = args[0]
    if list_only:
        for path in sorted(files_needing_translation(root)):
            print(path)
        return 0
    listed = read_potfiles(root)
    needed = files_needing_translation(root)

    missing = sorted(needed - listed)
    stale = sorted(p for p in listed if not os.path.isfile(os.path.join(root, p)))

    if expected is not None:
        if missing == expected and not stale:
            print(f'reported exactly the expected missing files: {", ".join(missing)}')
            return 0
        print(f'expected missing {expected}, got missing {missing} and stale {stale}')
        return 1

    for path in missing:
        print(f'po/POTFILES.in: missing {path} (it has translatable strings)')
    for path in stale:
        print(f'po/POTFILES.in: lists {path}, which does not exist')
    if missing or stale:
        return 1

    print(f'po/POTFILES.in lists all {len(needed)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
