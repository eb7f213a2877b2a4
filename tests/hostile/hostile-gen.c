/* hostile-gen.c — writes small hostile inputs into a folder, as fuzzing seeds
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: hostile-gen DIRECTORY
 * Small versions only: libFuzzer mutates seeds, and a 100 MB seed would make
 * every execution slow. The sizes that matter are tested in test-hostile.c.
 */
#define G_LOG_DOMAIN "waymark-hostile"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hostile-inputs.h"
#include "waymark-format.h"

static void
save (const char *dir,
      const char *name,
      GBytes     *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (contents, &len);

  if (!g_file_set_contents (path, data, len, &error))
    g_error ("%s", error->message);
}

#define SAVE(name, call) \
  G_STMT_START { \
    g_autoptr(GBytes) bytes_ = (call); \
    save (dir, "hostile-" name ".cjmx", bytes_); \
  } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char *name;
    const char *marker;
    const char *value;
  } numbers[] = {
    { "width-nan", HOSTILE_MARK_WIDTH, "NaN" },
    { "width-inf", HOSTILE_MARK_WIDTH, "inf" },
    { "width-huge", HOSTILE_MARK_WIDTH, "1e400" },
    { "width-negative", HOSTILE_MARK_WIDTH, "-240" },
    { "width-tiny", HOSTILE_MARK_WIDTH, "1e-400" },
    { "emotion-nan", HOSTILE_MARK_EMOTION, "NaN" },
    { "emotion-huge", HOSTILE_MARK_EMOTION, "-1e400" },
    { "curve-out-of-scale", HOSTILE_MARK_CURVE, "-3" },
    { "metric-inf", HOSTILE_MARK_METRIC, "-inf" },
    { "metric-huge", HOSTILE_MARK_METRIC, "1e400" },
  };
  const char *dir;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DIRECTORY\n", argv[0]);
      return 2;
    }
  dir = argv[1];
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      fprintf (stderr, "%s: cannot create %s\n", argv[0], dir);
      return 1;
    }

  SAVE ("base", hostile_base_map (3));
  SAVE ("billion-laughs", hostile_billion_laughs (10));
  SAVE ("quadratic-blowup", hostile_quadratic_blowup (200, 50));
  SAVE ("external-entity", hostile_external_entity ("/etc/passwd"));
  SAVE ("parameter-entity", hostile_parameter_entity ("file:///etc/passwd"));
  SAVE ("external-dtd", hostile_external_dtd ("http://127.0.0.1:9/map.dtd"));
  SAVE ("deep-nesting-ours", hostile_deep_nesting (40, FALSE));
  SAVE ("deep-nesting-foreign", hostile_deep_nesting (WAYMARK_FORMAT_MAX_DEPTH + 8, TRUE));
  SAVE ("deep-nesting-at-limit", hostile_deep_nesting (WAYMARK_FORMAT_MAX_DEPTH - 1, TRUE));
  SAVE ("long-text", hostile_huge_text (2000));
  SAVE ("long-attribute", hostile_huge_attribute (2000));
  SAVE ("invalid-utf8", hostile_title_bytes ("caf\xC3\x28 \xED\xA0\x80", 9));
  SAVE ("nul-byte", hostile_title_bytes ("before\0after", 12));
  SAVE ("png", hostile_png ());
  SAVE ("many-stages", hostile_many_stages (40));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *name = g_strdup_printf ("hostile-%s.cjmx", numbers[i].name);
      g_autoptr(GBytes) bytes = hostile_number (numbers[i].marker, numbers[i].value);

      save (dir, name, bytes);
    }

  return 0;
}
