#!/usr/bin/env python3
# check-flatpak-manifest.py — the Flatpak manifest parses and keeps the sandbox minimal
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID COMMAND

import json
import os
import sys

REQUIRED_ARGS = {'--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri'}
# Files come and go through the portals; anything that widens the sandbox needs a
# reason written down, so only what REQUIRED_ARGS names is allowed.
MIN_GNOME_RUNTIME = 47


def main():
    if len(sys.argv) != 4:
        print('usage: check-flatpak-manifest.py MANIFEST APP_ID COMMAND', file=sys.stderr)
        return 2
    path, app_id, command = sys.argv[1:]
    with open(path, encoding='utf-8') as f:
        try:
            manifest = json.load(f)
        except json.JSONDecodeError as e:
            print(f'{path}: not valid JSON: {e}')
            return 1

    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    expect(manifest.get('id', manifest.get('app-id')) == app_id, f'id is not {app_id}')
    expect(os.path.basename(path) == app_id + '.json', f'file is not named {app_id}.json')
    expect(manifest.get('command') == command, f'command is not {command}')
    expect(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
    expect(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    expect(version.isdigit() and int(version) >= MIN_GNOME_RUNTIME,
           f'runtime-version "{version}" is not GNOME {MIN_GNOME_RUNTIME} or newer')

    finish_args = manifest.get('finish-args', [])
    expect(len(finish_args) == len(set(finish_args)), 'finish-args has duplicates')
    for arg in sorted(REQUIRED_ARGS - set(finish_args)):
        problems.append(f'finish-args lacks {arg}')
    for arg in finish_args:
        if arg not in REQUIRED_ARGS:
            problems.append(f'finish-args has {arg}, which widens the sandbox')

    modules = manifest.get('modules', [])
    expect(len(modules) > 0 and isinstance(modules[-1], dict), 'no module builds Waymark')
    if modules and isinstance(modules[-1], dict):
        main_module = modules[-1]
        expect(main_module.get('buildsystem') == 'meson', 'the last module does not use meson')
        sources = main_module.get('sources', [])
        expect({'type': 'dir', 'path': '..'} in sources,
               'the last module does not build the local checkout ("type": "dir", "path": "..")')
        manifest_dir = os.path.dirname(os.path.abspath(path))
        expect(os.path.isfile(os.path.join(manifest_dir, '..', 'meson.build')),
               'the checkout the manifest points at has no meson.build')

    for problem in problems:
        print(f'{path}: {problem}')
    if problems:
        return 1
    print(f'{path}: {app_id} runs {command} on org.gnome.Platform {version} '
          f'with {" ".join(finish_args)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
