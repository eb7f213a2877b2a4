#!/usr/bin/env python3
# check-po.py — each translation in po/LINGUAS is complete, current and keeps the markup
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.py PO_DIR
#
# For every language: msgfmt --check accepts the file (c-format directives,
# header, plural forms, one mnemonic where the English has one), no entry is
# fuzzy or left empty, and no translation loses or adds a mnemonic
# underscore, which msgfmt lets pass when the English has none.

import os
import re
import subprocess
import sys

MNEMONIC = re.compile(r'_(?=\w)')


def unquote(s):
    out, i = [], 0
    escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r'}
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s):
            out.append(escapes.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)


def entries(path):
    entry, key = None, None
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n') + ['']
    for line in lines:
        if not line.strip():
            if entry and 'msgid' in entry and not entry.get('obsolete'):
                yield entry
            entry, key = None, None
            continue
        entry = entry if entry is not None else {'flags': ''}
        if line.startswith('#~'):
            entry['obsolete'] = True
        elif line.startswith('#,'):
            entry['flags'] = line
        elif line.startswith('#'):
            continue
        else:
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                entry[key] = unquote(m.group(2))
            elif line.startswith('"') and key:
                entry[key] += unquote(line[1:-1])


def main():
    po_dir = sys.argv[1]
    with open(os.path.join(po_dir, 'LINGUAS')) as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    if not languages:
        print('po/LINGUAS lists no language')
        return 77
    problems = []
    for lang in languages:
        path = os.path.join(po_dir, lang + '.po')
        result = subprocess.run(['msgfmt', '--check', '--check-accelerators=_', '-o', os.devnull,
                                 path], capture_output=True, text=True)
        if result.returncode != 0:
            problems.append(f'{lang}.po: msgfmt --check failed:\n{result.stderr}')
        count = 0
        for e in entries(path):
            if e['msgid'] == '':
                continue
            count += 1
            translations = [v for k, v in sorted(e.items()) if k.startswith('msgstr')]
            where = f'{lang}.po: "{e["msgid"][:60]}"'
            if 'fuzzy' in e['flags']:
                problems.append(f'{where} is fuzzy')
            if not translations or any(t == '' for t in translations):
                problems.append(f'{where} is not translated')
                continue
            for t in translations:
                if len(MNEMONIC.findall(t)) != len(MNEMONIC.findall(e['msgid'])):
                    problems.append(f'{where}: the mnemonic is lost or doubled in "{t}"')
                if t.endswith('\n') != e['msgid'].endswith('\n'):
                    problems.append(f'{where}: the trailing newline differs')
        print(f'{lang}.po: {count} messages checked')
    for problem in problems:
        print('FAIL: ' + problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
