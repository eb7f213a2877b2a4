#!/usr/bin/env python3
# check-install.py — installs Waymark into a scratch prefix and uses it as a desktop would
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py SOURCE_ROOT WORK_DIR
#
# The binary finds its translations through LOCALEDIR, fixed when it is
# configured, so a build of its own is set up once in WORK_DIR/build with
# --prefix=WORK_DIR/root; later runs rebuild it incrementally. Only the
# installed targets are built (not the tests), then the prefix is wiped and
# installed afresh. The checks then run the installed files the way a
# desktop does: xdg-mime, update-mime-database, update-desktop-database,
# the .thumbnailer entry's Exec line, LANGUAGE=de.

import json
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys

APP_ID = 'io.github.waymark.Waymark'
MIME_TYPE = 'application/x-cjmx+xml'
LANGUAGES = ['de', 'es', 'fr']
THUMB_SIZE = 256

failures = []


def check(ok, message):
    print(('ok: ' if ok else 'FAIL: ') + message, flush=True)
    if not ok:
        failures.append(message)
    return ok


def run(argv, env=None, cwd=None, check_rc=True):
    result = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    if check_rc and result.returncode != 0:
        sys.stdout.write(result.stdout)
        sys.stdout.write(result.stderr)
        raise SystemExit('FAIL: %s exited with %d' % (shlex.join(argv), result.returncode))
    return result


def build_and_install(source_root, work):
    build = os.path.join(work, 'build')
    prefix = os.path.join(work, 'root')
    # A test run must not leak its own environment into the sub-build's
    # configuration (meson test sets MESON_* and the sanitizers' options).
    env = {k: v for k, v in os.environ.items() if not k.startswith(('MESON', 'ASAN', 'UBSAN', 'LSAN'))}

    if not os.path.exists(os.path.join(build, 'build.ninja')):
        shutil.rmtree(build, ignore_errors=True)
        run(['meson', 'setup', build, source_root, '--prefix=' + prefix,
             '-Dbuildtype=plain', '-Db_sanitize=none'], env=env)
    targets = json.loads(run(['meson', 'introspect', '--targets', build], env=env).stdout)
    outputs = sorted({os.path.relpath(f, build)
                      for t in targets if t.get('installed')
                      for f in t['filename']})
    run(['ninja', '-C', build, '-j2'] + outputs, env=env)

    shutil.rmtree(prefix, ignore_errors=True)
    run(['meson', 'install', '-C', build, '--no-rebuild', '--quiet'], env=env)
    return prefix


def png_size(path):
    with open(path, 'rb') as f:
        header = f.read(24)
    if len(header) < 24 or header[:8] != b'\x89PNG\r\n\x1a\n' or header[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', header[16:24])


def desktop_env(work, prefix):
    home = os.path.join(work, 'home')
    for d in ('data', 'config', 'cache', 'etc-xdg'):
        os.makedirs(os.path.join(home, d), exist_ok=True)
    env = dict(os.environ)
    env.update({
        'HOME': home,
        'XDG_DATA_HOME': os.path.join(home, 'data'),
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'XDG_CACHE_HOME': os.path.join(home, 'cache'),
        'XDG_CONFIG_DIRS': os.path.join(home, 'etc-xdg'),
        'XDG_DATA_DIRS': os.path.join(prefix, 'share') + ':/usr/share',
        # xdg-mime asks GIO (gio info) on GNOME, as Files does.
        'XDG_CURRENT_DESKTOP': 'GNOME',
        'PATH': os.path.join(prefix, 'bin') + ':' + os.environ.get('PATH', '/usr/bin:/bin'),
        'GSETTINGS_SCHEMA_DIR': os.path.join(prefix, 'share', 'glib-2.0', 'schemas'),
    })
    for key in ('LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'G_MESSAGES_DEBUG'):
        env.pop(key, None)
    env['LANG'] = 'C.UTF-8'
    return env


def main():
    source_root, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    prefix = build_and_install(source_root, work)
    share = os.path.join(prefix, 'share')
    example = os.path.join(share, 'waymark', 'examples', 'hotel-stay.cjmx')
    thumbnailer_entry = os.path.join(share, 'thumbnailers', 'waymark.thumbnailer')

    expected = [
        'bin/waymark',
        'bin/waymark-thumbnailer',
        'share/applications/%s.desktop' % APP_ID,
        'share/metainfo/%s.metainfo.xml' % APP_ID,
        'share/mime/packages/%s.xml' % APP_ID,
        'share/icons/hicolor/scalable/apps/%s.svg' % APP_ID,
        'share/icons/hicolor/symbolic/apps/%s-symbolic.svg' % APP_ID,
        'share/icons/hicolor/scalable/mimetypes/%s-application-x-cjmx+xml.svg' % APP_ID,
        'share/glib-2.0/schemas/%s.gschema.xml' % APP_ID,
        'share/thumbnailers/waymark.thumbnailer',
        'share/dbus-1/services/%s.service' % APP_ID,
        'share/waymark/examples/hotel-stay.cjmx',
    ] + ['share/locale/%s/LC_MESSAGES/waymark.mo' % lang for lang in LANGUAGES]
    for rel in expected:
        check(os.path.isfile(os.path.join(prefix, rel)), 'installed ' + rel)
    for rel in ('bin/waymark', 'bin/waymark-thumbnailer'):
        check(os.access(os.path.join(prefix, rel), os.X_OK), rel + ' is executable')

    env = desktop_env(work, prefix)
    waymark = os.path.join(prefix, 'bin', 'waymark')

    # The D-Bus service and the .thumbnailer entry name the installed programs.
    with open(os.path.join(share, 'dbus-1', 'services', APP_ID + '.service')) as f:
        service = f.read()
    check(('Exec=%s --gapplication-service' % waymark) in service.splitlines()
          and ('Name=' + APP_ID) in service.splitlines(),
          'D-Bus service %s starts %s --gapplication-service' % (APP_ID, waymark))
    check(os.path.isfile(os.path.join(share, 'icons', 'hicolor', 'icon-theme.cache')),
          'post-install updated the hicolor icon cache')

    # The installed binary itself.
    version = run([waymark, '--version'], env=env).stdout.strip()
    check(version.startswith('waymark ') and version.split()[1][0].isdigit(),
          '--version prints "%s"' % version)
    result = run([waymark, '--check', example], env=env, check_rc=False)
    check(result.returncode == 0 and result.stdout.strip() == example + ': ok',
          '--check on the installed example: %s' % (result.stdout + result.stderr).strip())

    # The settings schema was compiled by the post-install step.
    compiled = os.path.join(share, 'glib-2.0', 'schemas', 'gschemas.compiled')
    check(os.path.isfile(compiled), 'post-install compiled the settings schemas')
    if shutil.which('gsettings'):
        result = run(['gsettings', 'get', APP_ID, 'export-page'], env=env, check_rc=False)
        check(result.stdout.strip() == "'slide'",
              'gsettings reads the installed schema: %s' % result.stdout.strip())

    # MIME type: by name, and by content once the extension is gone.
    run(['update-mime-database', os.path.join(share, 'mime')], env=env)
    check(os.path.isfile(os.path.join(share, 'mime', 'mime.cache')), 'share/mime/mime.cache built')
    files = os.path.join(work, 'files')
    shutil.rmtree(files, ignore_errors=True)
    os.makedirs(files)
    with_ext = os.path.join(files, 'Hotel stay.cjmx')
    without_ext = os.path.join(files, 'Hotel stay')
    shutil.copy(example, with_ext)
    shutil.copy(example, without_ext)
    xdg_mime = shutil.which('xdg-mime')
    for path in (with_ext, without_ext):
        if xdg_mime:
            detected = run([xdg_mime, 'query', 'filetype', path], env=env).stdout.strip()
            tool = 'xdg-mime'
        else:
            out = run(['gio', 'info', '-a', 'standard::content-type', path], env=env).stdout
            detected = out.rsplit(':', 1)[-1].strip()
            tool = 'gio info'
        check(detected == MIME_TYPE,
              '%s names "%s" %s' % (tool, os.path.basename(path), detected))

    # Default application.
    run(['update-desktop-database', os.path.join(share, 'applications')], env=env)
    if check(xdg_mime is not None, 'xdg-mime is installed (package xdg-utils)'):
        default = run([xdg_mime, 'query', 'default', MIME_TYPE], env=env).stdout.strip()
        check(default == APP_ID + '.desktop', 'xdg-mime query default: "%s"' % default)
    out = run(['gio', 'mime', MIME_TYPE], env=env).stdout
    check(('Default application for “%s”: %s.desktop' % (MIME_TYPE, APP_ID)) in out
          or (APP_ID + '.desktop') in out.splitlines()[0], 'gio mime: ' + out.splitlines()[0])

    # The thumbnailer, run as a file manager does: the entry's Exec line.
    with open(thumbnailer_entry) as f:
        entry = dict(line.split('=', 1) for line in f.read().splitlines() if '=' in line)
    check(entry.get('MimeType', '').split(';')[0] == MIME_TYPE, '.thumbnailer MimeType')
    check(entry.get('TryExec') == os.path.join(prefix, 'bin', 'waymark-thumbnailer'),
          '.thumbnailer TryExec is the installed thumbnailer')
    thumbnail = os.path.join(work, 'thumbnail.png')
    if os.path.exists(thumbnail):
        os.unlink(thumbnail)
    substitutions = {'%s': str(THUMB_SIZE), '%i': without_ext, '%o': thumbnail,
                     '%u': 'file://' + without_ext.replace(' ', '%20'), '%%': '%'}
    def expand(arg, values):
        return re.sub(r'%[a-z%]', lambda m: values.get(m.group(0), m.group(0)), arg)

    argv = [expand(arg, substitutions) for arg in shlex.split(entry['Exec'])]
    run(argv, env=env)
    size = png_size(thumbnail) if os.path.exists(thumbnail) else None
    check(size is not None and max(size) == THUMB_SIZE and min(size) >= 16,
          'thumbnail %s is a PNG of %s, largest side %d' % (thumbnail, size, THUMB_SIZE))
    broken = os.path.join(files, 'broken.cjmx')
    with open(broken, 'wb') as f:
        f.write(open(example, 'rb').read()[:300])
    result = run([expand(a, dict(substitutions, **{'%i': broken}))
                  for a in shlex.split(entry['Exec'])], env=env, check_rc=False)
    check(result.returncode != 0 and result.returncode < 128,
          'the thumbnailer fails cleanly on a truncated map (exit %d)' % result.returncode)

    # Translations, found through the prefix's locale directory.
    help_c = run([waymark, '--help'], env=env).stdout
    de_env = dict(env, LANGUAGE='de')
    help_de = run([waymark, '--help'], env=de_env).stdout
    check('Show the version and exit' in help_c, '--help in English without LANGUAGE')
    check('Version anzeigen und beenden' in help_de and 'Show the version' not in help_de,
          'LANGUAGE=de waymark --help is German')
    if os.path.isfile('/usr/share/locale/de/LC_MESSAGES/glib20.mo'):
        check(help_de.startswith('Aufruf:'), 'GLib\'s own --help lines follow LANGUAGE=de too')
    for lang, phrase in (('fr', 'Afficher la version et quitter'),
                         ('es', 'Mostrar la versión y salir')):
        out = run([waymark, '--help'], env=dict(env, LANGUAGE=lang)).stdout
        check(phrase in out, 'LANGUAGE=%s waymark --help shows "%s"' % (lang, phrase))
    result = run([waymark, '--check', broken], env=de_env, check_rc=False)
    check(result.returncode == 1 and 'broken.cjmx' in result.stderr,
          'LANGUAGE=de --check on a damaged map: %s' % result.stderr.strip())

    with open(os.path.join(share, 'applications', APP_ID + '.desktop')) as f:
        desktop = f.read()
    check('Name[de]=' in desktop or 'GenericName[de]=' in desktop,
          'the installed desktop file carries German strings')

    if failures:
        print('%d check(s) failed' % len(failures))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
