/* test-hostile.c — malicious and damaged files: each fails cleanly, in bounded time and memory
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every case runs in a child process (g_test_trap_subprocess) limited by
 * hostile_limit_resources(): a reader that loops or balloons is killed there
 * and the case fails, rather than the test hanging. There are no timed
 * assertions; bench-hostile.c measures times and memory instead.
 */
#define G_LOG_DOMAIN "waymark-hostile"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hostile-inputs.h"
#include "hostile-limits.h"
#include "waymark-csv.h"
#include "waymark-format.h"

/* ---- Auxiliary ---------------------------------------------------------- */

/* In the parent: runs this very test in a limited child and checks that it
 * passed. In the child: applies the limits and returns TRUE, so the caller
 * goes on to do the work. */
static gboolean
in_bounded_child (guint cpu_seconds)
{
  if (g_test_subprocess ())
    {
      hostile_limit_resources (cpu_seconds);
      return TRUE;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

static WaymarkDocument *
read_bytes (GBytes  *input,
            int     *line,
            int     *column,
            GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (input, &len);

  return waymark_format_read (data, len, line, column, error);
}

/* Reads input and checks that it fails with code, a message matching
 * message_glob (if not NULL), and a location: every case here has one. */
static void
assert_read_fails (GBytes     *input,
                   int         code,
                   const char *message_glob)
{
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  int line = -1;
  int column = -1;

  document = read_bytes (input, &line, &column, &error);
  g_assert_null (document);
  g_assert_error (error, WAYMARK_FORMAT_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%d:%d: %s", line, column, error->message);
  if (message_glob != NULL && !g_pattern_match_simple (message_glob, error->message))
    g_error ("message “%s” does not match “%s”", error->message, message_glob);
  g_assert_cmpint (line, >, 0);
  g_assert_cmpint (column, >, 0);
}

static char *
source_path (const char *first,
             ...)
{
  const char *root = g_getenv ("WAYMARK_SOURCE_ROOT");
  GString *path = g_string_new (root != NULL ? root : ".");
  va_list ap;

  va_start (ap, first);
  for (const char *part = first; part != NULL; part = va_arg (ap, const char *))
    {
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, part);
    }
  va_end (ap);
  return g_string_free (path, FALSE);
}

/* ---- The bounds themselves --------------------------------------------- */

/* A case that never ends must be stopped by the CPU limit, or every other
 * case's bound would be an illusion. */
static void
test_limits_stop_runaway (void)
{
  if (g_getenv ("WAYMARK_TEST_SLOWDOWN") != NULL)
    {
      g_test_skip ("the CPU limit is stretched in this run");
      return;
    }

  if (g_test_subprocess ())
    {
      volatile guint64 spins = 0;

      hostile_limit_resources (1);
      for (;;)
        spins++;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

static void
test_limits_stop_ballooning (void)
{
  if (!hostile_memory_is_limited ())
    {
      g_test_skip ("the address space cannot be limited under sanitizers or Valgrind");
      return;
    }
  if (!in_bounded_child (5))
    return;

  g_assert_null (g_try_malloc (2 * (gsize) HOSTILE_ADDRESS_SPACE_LIMIT));
}

/* ---- Sanity of the generators ------------------------------------------- */

/* The hostile inputs are all one step away from this map, so it must load:
 * otherwise every failure below could come from the base, not the attack. */
static void
test_base_map_loads (void)
{
  g_autoptr(GBytes) base = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkStage) stage = NULL;
  int line = 0;
  int column = 0;

  if (!in_bounded_child (5))
    return;

  base = hostile_base_map (3);
  document = read_bytes (base, &line, &column, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpstr (waymark_document_get_title (document), ==, HOSTILE_MARK_TITLE);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (document)), ==, 3);
  stage = g_list_model_get_item (waymark_document_get_stages (document), 0);
  g_assert_cmpfloat (waymark_stage_get_width (stage), ==, 123.25);
}

/* ---- Entities and DTDs -------------------------------------------------- */

static void
test_billion_laughs (void)
{
  g_autoptr(GBytes) input = NULL;

  if (!in_bounded_child (5))
    return;

  input = hostile_billion_laughs (10);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_FORBIDDEN,
                     "The file contains a document type declaration (DOCTYPE)*");
}

static void
test_quadratic_blowup (void)
{
  g_autoptr(GBytes) input = NULL;

  if (!in_bounded_child (5))
    return;

  /* 100 kB entity, 100 000 references: 10 GB if expanded. */
  input = hostile_quadratic_blowup (100000, 100000);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_FORBIDDEN, "*(DOCTYPE)*");
}

/* A use of an entity that was never declared (there is no DTD to declare it)
 * must not be mistaken for text. */
static void
test_undeclared_entity (void)
{
  g_autoptr(GBytes) input = NULL;

  if (!in_bounded_child (5))
    return;

  input = hostile_title_bytes ("&passwd;", strlen ("&passwd;"));
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_FORBIDDEN, "*“&passwd;”*entities*");
}

/* Marker written into the secret file; only a reader that fetched the file
 * could ever show it. */
#define SECRET "waymark-secret-5d41402abc4b2a76b9719d911017c592"

static char *
make_secret_file (void)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("waymark-hostile-XXXXXX.txt", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_file_set_contents (path, SECRET "\n", -1, &error);
  g_assert_no_error (error);
  return path;
}

/* In the child: every way of pulling in the secret file fails, and neither
 * the message nor a document ever holds its contents. */
static void
xxe_child (void)
{
  g_autofree char *path = make_secret_file ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *passwd = NULL;
  g_autofree char *passwd_first = NULL;
  const char *targets[] = { path, uri, "/etc/passwd", "file:///etc/passwd" };

  /* The first line of /etc/passwd, if there is one, must never show either. */
  if (g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL))
    passwd_first = g_strndup (passwd, strcspn (passwd, "\n"));

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      for (guint kind = 0; kind < 3; kind++)
        {
          g_autoptr(GBytes) input = NULL;
          g_autoptr(WaymarkDocument) document = NULL;
          g_autoptr(GError) error = NULL;
          int line = 0;
          int column = 0;

          if (kind == 0)
            input = hostile_external_entity (targets[i]);
          else if (kind == 1)
            input = hostile_parameter_entity (targets[i]);
          else
            input = hostile_external_dtd (targets[i]);

          document = read_bytes (input, &line, &column, &error);
          g_assert_null (document);
          g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_FORBIDDEN);
          g_assert_null (strstr (error->message, SECRET));
          if (passwd_first != NULL && passwd_first[0] != '\0')
            g_assert_null (strstr (error->message, passwd_first));
        }
    }

  g_unlink (path);
}

static void
test_external_entity_file (void)
{
  if (g_test_subprocess ())
    {
      hostile_limit_resources (5);
      xxe_child ();
      return;
    }

  /* Capture the child's output too: libxml2 printing the file would leak it. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout_unmatched ("*" SECRET "*");
  g_test_trap_assert_stderr_unmatched ("*" SECRET "*");
  g_test_trap_assert_stderr_unmatched ("*root:*:0:0:*");
}

/* A listening socket on the loopback interface stands in for a server: if
 * the reader fetched anything over the network, a connection would wait in
 * its backlog after the child has gone. */
static void
test_no_network (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GSocket) connection = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;

  if (g_test_subprocess ())
    {
      const char *child_port = g_getenv ("WAYMARK_HOSTILE_PORT");
      g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%s/", child_port);
      g_autofree char *dtd = g_strconcat (base, "map.dtd", NULL);
      g_autofree char *entity = g_strconcat (base, "entity.xml", NULL);
      g_autofree char *parameter = g_strconcat (base, "parameter.dtd", NULL);
      g_autoptr(GBytes) dtd_input = NULL;
      g_autoptr(GBytes) entity_input = NULL;
      g_autoptr(GBytes) parameter_input = NULL;

      g_assert_nonnull (child_port);
      hostile_limit_resources (5);

      dtd_input = hostile_external_dtd (dtd);
      assert_read_fails (dtd_input, WAYMARK_FORMAT_ERROR_FORBIDDEN, "*(DOCTYPE)*");
      entity_input = hostile_external_entity (entity);
      assert_read_fails (entity_input, WAYMARK_FORMAT_ERROR_FORBIDDEN, "*(DOCTYPE)*");
      parameter_input = hostile_parameter_entity (parameter);
      assert_read_fails (parameter_input, WAYMARK_FORMAT_ERROR_FORBIDDEN, "*(DOCTYPE)*");
      return;
    }

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  g_setenv ("WAYMARK_HOSTILE_PORT", port, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("WAYMARK_HOSTILE_PORT");
  g_test_trap_assert_passed ();

  g_socket_set_blocking (listener, FALSE);
  connection = g_socket_accept (listener, NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

/* ---- Size and depth ----------------------------------------------------- */

static void
test_deep_nesting_ours (void)
{
  g_autoptr(GBytes) input = NULL;

  if (!in_bounded_child (5))
    return;

  /* Our own root inside our root, 100 000 times: the first misplaced
   * element already stops the reader. */
  input = hostile_deep_nesting (100000, FALSE);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_STRUCTURE,
                     "Waymark does not know an element “journey-map” inside “journey-map”.");
}

static void
test_deep_nesting_foreign (void)
{
  g_autoptr(GBytes) input = NULL;
  g_autofree char *expected = NULL;

  if (!in_bounded_child (5))
    return;

  /* Foreign content is kept as a tree, so depth is what could blow the
   * stack in the reader, the writer or the tree's free function. */
  input = hostile_deep_nesting (100000, TRUE);
  expected = g_strdup_printf ("Elements are nested more than %u deep.", WAYMARK_FORMAT_MAX_DEPTH);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_LIMIT, expected);
}

/* The deepest foreign content the limit allows loads, and survives a save. */
static void
test_deep_nesting_at_limit (void)
{
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkDocument) reread = NULL;
  g_autoptr(GError) error = NULL;
  guint depth;
  int line = 0;
  int column = 0;

  if (!in_bounded_child (5))
    return;

  /* Root and the foreign elements together stay within the limit. */
  depth = WAYMARK_FORMAT_MAX_DEPTH - 1;
  input = hostile_deep_nesting (depth, TRUE);
  document = read_bytes (input, &line, &column, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  output = waymark_format_write (document);
  reread = read_bytes (output, &line, &column, &error);
  g_assert_no_error (error);
  again = waymark_format_write (reread);
  g_assert_true (g_bytes_equal (output, again));

  g_clear_pointer (&input, g_bytes_unref);
  g_clear_object (&document);
  input = hostile_deep_nesting (depth + 1, TRUE);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_LIMIT, "Elements are nested more than *");
}

static void
test_huge_text (void)
{
  g_autoptr(GBytes) input = NULL;
  g_autofree char *expected = NULL;

  if (!in_bounded_child (10))
    return;

  input = hostile_huge_text (100 * 1000 * 1000);
  expected = g_strdup_printf ("The text of “title” is longer than the limit of %u bytes.",
                              WAYMARK_FORMAT_MAX_TEXT_LENGTH);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_LIMIT, expected);
}

/* The longest text the limit allows loads in full. */
static void
test_text_at_limit (void)
{
  g_autoptr(GBytes) input = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  int line = 0;
  int column = 0;

  if (!in_bounded_child (5))
    return;

  input = hostile_huge_text (WAYMARK_FORMAT_MAX_TEXT_LENGTH);
  document = read_bytes (input, &line, &column, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (waymark_document_get_title (document)), ==,
                    WAYMARK_FORMAT_MAX_TEXT_LENGTH);

  g_clear_pointer (&input, g_bytes_unref);
  input = hostile_huge_text (WAYMARK_FORMAT_MAX_TEXT_LENGTH + 1);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_LIMIT, "The text of “title” is longer *");
}

/* Past the attribute limit of the reader, and past libxml2's own limit of
 * 10 000 000 bytes: both are limits, not syntax errors. */
static void
test_huge_attribute (void)
{
  const gsize sizes[] = { WAYMARK_FORMAT_MAX_TEXT_LENGTH + 1, 100 * 1000 * 1000 };
  g_autofree char *expected = NULL;

  if (!in_bounded_child (10))
    return;

  expected = g_strdup_printf ("The attribute “value” is longer than the limit of %u bytes.",
                              WAYMARK_FORMAT_MAX_TEXT_LENGTH);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) input = hostile_huge_attribute (sizes[i]);

      g_test_message ("attribute of %zu bytes", sizes[i]);
      assert_read_fails (input, WAYMARK_FORMAT_ERROR_LIMIT, expected);
    }
}

/* Past the file size limit the reader refuses before looking further. The
 * buffer is calloc'd and never written, so it costs no real memory. */
static void
test_file_too_large (void)
{
  g_autofree char *data = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = WAYMARK_FORMAT_MAX_FILE_SIZE + 1;
  int line = -1;
  int column = -1;

  if (!in_bounded_child (5))
    return;

  data = g_malloc0 (size);
  memcpy (data, "<?xml", 5);
  document = waymark_format_read (data, size, &line, &column, &error);
  g_assert_null (document);
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_LIMIT);
  g_assert_true (g_pattern_match_simple ("The file is larger than * MiB, the most Waymark reads.",
                                         error->message));
}

static void
test_many_stages (void)
{
  g_autoptr(GBytes) input = NULL;
  g_autofree char *expected = NULL;

  if (!in_bounded_child (10))
    return;

  input = hostile_many_stages (100000);
  expected = g_strdup_printf ("The map has more than %u elements “stage”, the most Waymark reads.",
                              WAYMARK_FORMAT_MAX_STAGES);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_LIMIT, expected);
}

/* A CSV file of as many empty fields as the limits allow (100,000 rows of
 * 256) is read within the address space of a case: the fields' text is
 * packed, not one small allocation each (that took a gigabyte). */
static void
test_csv_fields_at_limit (void)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(WaymarkCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;

  if (!hostile_memory_is_limited ())
    {
      g_test_skip ("the address space cannot be limited under sanitizers or Valgrind");
      return;
    }
  if (!in_bounded_child (20))
    return;

  text = g_string_sized_new ((gsize) WAYMARK_CSV_MAX_ROWS * WAYMARK_CSV_MAX_COLUMNS);
  for (guint r = 0; r < WAYMARK_CSV_MAX_ROWS; r++)
    {
      for (guint c = 1; c < WAYMARK_CSV_MAX_COLUMNS; c++)
        g_string_append_c (text, ',');
      g_string_append_c (text, '\n');
    }
  table = waymark_csv_table_parse (text->str, text->len, ',', WAYMARK_CSV_READ_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waymark_csv_table_get_n_rows (table), ==, WAYMARK_CSV_MAX_ROWS);
  g_assert_cmpuint (waymark_csv_table_get_n_columns (table), ==, WAYMARK_CSV_MAX_COLUMNS);
  g_assert_cmpstr (waymark_csv_table_get_cell (table, WAYMARK_CSV_MAX_ROWS - 1,
                                               WAYMARK_CSV_MAX_COLUMNS - 1), ==, "");
}

/* Exactly as many stages as documented load; one more does not. */
static void
test_stages_at_limit (void)
{
  g_autoptr(GBytes) input = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  int line = 0;
  int column = 0;

  if (!in_bounded_child (5))
    return;

  input = hostile_many_stages (WAYMARK_FORMAT_MAX_STAGES);
  document = read_bytes (input, &line, &column, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (document)), ==,
                    WAYMARK_FORMAT_MAX_STAGES);

  g_clear_pointer (&input, g_bytes_unref);
  input = hostile_many_stages (WAYMARK_FORMAT_MAX_STAGES + 1);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_LIMIT, "The map has more than *");
}

/* ---- Bytes that are not a map ----------------------------------------- */

static void
test_invalid_utf8 (void)
{
  /* A lone continuation byte, a truncated sequence, an overlong "/", a
   * UTF-16 surrogate, and bytes no UTF-8 text ever has. */
  static const char * const cases[] = {
    "caf\x80", "caf\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xFF\xFE", "\xF8\x88\x80\x80\x80",
  };

  if (!in_bounded_child (5))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) input = hostile_title_bytes (cases[i], strlen (cases[i]));

      assert_read_fails (input, WAYMARK_FORMAT_ERROR_ENCODING,
                         "The file is not UTF-8 text; it may be damaged or not a journey map "
                         "at all.");
    }
}

static void
test_nul_bytes (void)
{
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) only_nul = NULL;
  char zeros[64] = { 0 };

  if (!in_bounded_child (5))
    return;

  input = hostile_title_bytes ("before\0after", 12);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_ENCODING,
                     "The file contains NUL bytes, so it is not a text file*");

  /* A file of zeros, as a crash during a non-atomic save leaves behind. */
  only_nul = g_bytes_new (zeros, sizeof zeros);
  assert_read_fails (only_nul, WAYMARK_FORMAT_ERROR_ENCODING,
                     "The file contains NUL bytes, so it is not a text file*");
}

static void
test_png_renamed (void)
{
  g_autoptr(GBytes) input = NULL;
  gsize len;
  const guint8 *data;

  if (!in_bounded_child (5))
    return;

  input = hostile_png ();
  data = g_bytes_get_data (input, &len);
  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (data, 4, "\x89PNG", 4);
  assert_read_fails (input, WAYMARK_FORMAT_ERROR_ENCODING, "The file is not UTF-8 text*");
}

static void
test_other_encodings (void)
{
  g_autoptr(GBytes) base = NULL;
  g_autoptr(GBytes) latin1 = NULL;
  g_autoptr(GBytes) utf16 = NULL;
  g_autofree char *utf16_data = NULL;
  gsize base_len;
  gsize utf16_len = 0;
  const char *base_data;

  if (!in_bounded_child (5))
    return;

  base = hostile_base_map (1);
  base_data = g_bytes_get_data (base, &base_len);
  g_assert_true (g_str_has_prefix (base_data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));

  latin1 = hostile_replace (base, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", -1);
  assert_read_fails (latin1, WAYMARK_FORMAT_ERROR_ENCODING,
                     "The file says it is encoded in “ISO-8859-1”; journey maps must be UTF-8.");

  utf16_data = g_convert (base_data, base_len, "UTF-16", "UTF-8", NULL, &utf16_len, NULL);
  g_assert_nonnull (utf16_data);
  utf16 = g_bytes_new (utf16_data, utf16_len);
  assert_read_fails (utf16, WAYMARK_FORMAT_ERROR_ENCODING, NULL);
}

/* ---- Numbers ------------------------------------------------------------ */

static void
test_bad_numbers (void)
{
  static const struct {
    const char *marker;
    const char *value;
  } cases[] = {
    { HOSTILE_MARK_WIDTH, "NaN" },
    { HOSTILE_MARK_WIDTH, "nan" },
    { HOSTILE_MARK_WIDTH, "inf" },
    { HOSTILE_MARK_WIDTH, "-Infinity" },
    { HOSTILE_MARK_WIDTH, "1e400" },
    { HOSTILE_MARK_WIDTH, "-240" },
    { HOSTILE_MARK_WIDTH, "0" },
    { HOSTILE_MARK_WIDTH, "1e-400" },
    { HOSTILE_MARK_WIDTH, "0x100" },
    { HOSTILE_MARK_WIDTH, "" },
    { HOSTILE_MARK_WIDTH, "240px" },
    { HOSTILE_MARK_WIDTH, "99999999999999999999999999999999999999999" },
    { HOSTILE_MARK_EMOTION, "NaN" },
    { HOSTILE_MARK_EMOTION, "1e400" },
    { HOSTILE_MARK_EMOTION, "-inf" },
    { HOSTILE_MARK_CURVE, "NaN" },
    { HOSTILE_MARK_CURVE, "-1e400" },
    { HOSTILE_MARK_METRIC, "NaN" },
    { HOSTILE_MARK_METRIC, "1e400" },
    { HOSTILE_MARK_METRIC, "-inf" },
  };
  static const struct {
    const char *marker;
    const char *value;
  } clamped[] = {
    { HOSTILE_MARK_EMOTION, "2.0000001" },
    { HOSTILE_MARK_CURVE, "-3" },
    { HOSTILE_MARK_CURVE, "1e300" },
  };

  if (!in_bounded_child (5))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) input = hostile_number (cases[i].marker, cases[i].value);

      g_test_message ("%s → “%s”", cases[i].marker, cases[i].value);
      assert_read_fails (input, WAYMARK_FORMAT_ERROR_VALUE, NULL);
    }

  /* Numbers outside the emotion scale are clamped since format version 2,
   * with a warning rather than an error. */
  for (guint i = 0; i < G_N_ELEMENTS (clamped); i++)
    {
      g_autoptr(GBytes) input = hostile_number (clamped[i].marker, clamped[i].value);
      g_autoptr(WaymarkDocument) document = NULL;
      const char * const *warnings;
      gsize size = 0;
      const char *data = g_bytes_get_data (input, &size);

      g_test_message ("%s → “%s”", clamped[i].marker, clamped[i].value);
      document = waymark_format_read (data, size, NULL, NULL, NULL);
      g_assert_nonnull (document);
      warnings = waymark_format_get_warnings (document);
      g_assert_nonnull (warnings);
      g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
      g_assert_true (g_str_has_prefix (warnings[0], "Line "));
    }
}

/* ---- Truncation --------------------------------------------------------- */

static gboolean
only_whitespace (const char *data,
                 gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* Whether data[0..len) has the start of an element: before it, a file
 * holds at most a declaration, comments and whitespace, which is no map. */
static gboolean
has_element (const char *data,
             gsize       len)
{
  for (gsize i = 0; i + 1 < len; i++)
    if (data[i] == '<' && (g_ascii_isalpha (data[i + 1]) || data[i + 1] == '_'))
      return TRUE;
  return FALSE;
}

/* Counts the line breaks in data[0..len). */
static int
count_lines (const char *data,
             gsize       len)
{
  int lines = 1;

  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n')
      lines++;
  return lines;
}

/* Every prefix of a real map, as a full disk or an interrupted copy leaves
 * it, fails cleanly and says so: "ends before the map is complete"
 * (SYNTAX), or EMPTY before the first element, or ENCODING for a cut inside
 * a multi-byte character. Only prefixes lacking nothing but trailing
 * whitespace load, and then as the whole file does. All prefixes are tried
 * before failing, so the message lists every kind of wrong answer.
 * WAYMARK_PREFIX_STRIDE (tools/valgrind sets it) tries every n-th prefix. */
static void
test_every_prefix (void)
{
  g_autofree char *path = source_path ("data", "examples", "hotel-stay.cjmx", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) full = NULL;
  g_autoptr(GBytes) full_written = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *stride_env = g_getenv ("WAYMARK_PREFIX_STRIDE");
  gsize stride = stride_env != NULL ? MAX (1, g_ascii_strtoull (stride_env, NULL, 10)) : 1;
  guint n_wrong[WAYMARK_FORMAT_ERROR_LIMIT + 2] = { 0 };
  guint n_problems = 0;
  gsize length;
  int line = 0;
  int column = 0;
  guint n_loaded = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/examples/hotel-stay.cjmx is not there yet");
      return;
    }
  if (!in_bounded_child (60))
    return;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  full = waymark_format_read (contents, length, &line, &column, &error);
  g_assert_no_error (error);
  full_written = waymark_format_write (full);

  for (gsize len = 0; len <= length;
       len = (len == length ? length + 1 : MIN (len + stride, length)))
    {
      g_autoptr(WaymarkDocument) document = NULL;
      g_autoptr(GError) prefix_error = NULL;
      g_autofree char *problem = NULL;
      guint slot = 0;

      line = column = -1;
      document = waymark_format_read (contents, len, &line, &column, &prefix_error);

      if (len == length || (len > 0 && only_whitespace (contents + len, length - len)))
        {
          g_autoptr(GBytes) written = NULL;

          if (document == NULL)
            g_error ("prefix of %zu bytes (of %zu) fails: %s", len, length, prefix_error->message);
          written = waymark_format_write (document);
          g_assert_true (g_bytes_equal (written, full_written));
          n_loaded++;
          continue;
        }

      if (document != NULL)
        g_error ("prefix of %zu bytes (of %zu) loads, but it is cut off", len, length);
      g_assert_true (prefix_error->domain == WAYMARK_FORMAT_ERROR);
      g_assert_true (g_utf8_validate (prefix_error->message, -1, NULL));

      switch (prefix_error->code)
        {
        case WAYMARK_FORMAT_ERROR_EMPTY:
          if (has_element (contents, len))
            problem = g_strdup ("EMPTY after an element started");
          break;
        case WAYMARK_FORMAT_ERROR_ENCODING:
          if ((guchar) contents[len - 1] < 0x80)
            problem = g_strdup ("ENCODING, though the cut is not inside a character");
          break;
        case WAYMARK_FORMAT_ERROR_SYNTAX:
          if (line <= 0 || line > count_lines (contents, len))
            problem = g_strdup_printf ("SYNTAX at line %d, outside the %d lines read",
                                       line, count_lines (contents, len));
          break;
        default:
          slot = prefix_error->code;
          problem = g_strdup_printf ("code %d instead of SYNTAX", prefix_error->code);
          break;
        }

      if (problem != NULL)
        {
          n_problems++;
          /* The first example of each kind of wrong answer is enough. */
          if (n_wrong[slot]++ == 0)
            g_string_append_printf (problems, "\n  %zu bytes (ending “%.*s”): %s: %s",
                                    len, (int) MIN (len, 12), contents + len - MIN (len, 12),
                                    problem, prefix_error->message);
        }
    }

  g_assert_cmpuint (n_loaded, >=, 1);
  if (n_problems > 0)
    g_error ("%u of %zu prefixes of hotel-stay.cjmx fail with the wrong error, e.g.:%s",
             n_problems, length, problems->str);
}

/* ---- The same failures through files, the CLI and the thumbnailer ------ */

static char *
write_temp_file (GBytes *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  gsize len;
  const char *data = g_bytes_get_data (contents, &len);
  int fd;

  fd = g_file_open_tmp ("waymark-hostile-XXXXXX.cjmx", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* waymark --check prints FILE:LINE:COLUMN: message and exits 1; the
 * thumbnailer exits 1 with one line on stderr and leaves no thumbnail. */
static void
test_command_line (void)
{
  const char *waymark = g_getenv ("WAYMARK_BINARY");
  const char *build_root = g_getenv ("WAYMARK_BUILD_ROOT");
  g_autofree char *thumbnailer = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autofree char *path = NULL;
  g_autofree char *thumbnail = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  int line = 0;
  int column = 0;
  int status = 0;

  if (waymark == NULL || build_root == NULL)
    {
      g_test_skip ("WAYMARK_BINARY and WAYMARK_BUILD_ROOT are not set");
      return;
    }
  thumbnailer = g_build_filename (build_root, "src", "waymark-thumbnailer", NULL);

  input = hostile_billion_laughs (10);
  path = write_temp_file (input);
  document = read_bytes (input, &line, &column, &read_error);
  g_assert_error (read_error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_FORBIDDEN);

  {
    const char *argv[] = { waymark, "--check", path, NULL };
    const char *envp[] = { "LANGUAGE=C", "LC_ALL=C.UTF-8", NULL };

    g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL,
                  &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
    expected = g_strdup_printf ("%s:%d:%d: %s\n", path, line, column, read_error->message);
    g_assert_cmpstr (err, ==, expected);
  }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  thumbnail = g_strconcat (path, ".png", NULL);
  {
    const char *argv[] = { thumbnailer, "--size", "128", path, thumbnail, NULL };
    const char *envp[] = { "LANGUAGE=C", "LC_ALL=C.UTF-8", NULL };

    g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL,
                  &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
    g_assert_cmpstr (out, ==, "");
    /* One line, naming the problem. */
    g_assert_nonnull (strstr (err, read_error->message));
    g_assert_cmpint (count_lines (err, strlen (err)), ==, 2);
    g_assert_false (g_file_test (thumbnail, G_FILE_TEST_EXISTS));
  }

  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* One failing case should not hide the verdict on the others; children
   * keep fatal assertions, so they stop at the first problem. */
  if (!g_test_subprocess ())
    g_test_set_nonfatal_assertions ();

  g_test_add_func ("/hostile/limits-stop-runaway", test_limits_stop_runaway);
  g_test_add_func ("/hostile/limits-stop-ballooning", test_limits_stop_ballooning);
  g_test_add_func ("/hostile/base-map-loads", test_base_map_loads);
  g_test_add_func ("/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/hostile/quadratic-blowup", test_quadratic_blowup);
  g_test_add_func ("/hostile/undeclared-entity", test_undeclared_entity);
  g_test_add_func ("/hostile/external-entity-file", test_external_entity_file);
  g_test_add_func ("/hostile/no-network", test_no_network);
  g_test_add_func ("/hostile/deep-nesting-ours", test_deep_nesting_ours);
  g_test_add_func ("/hostile/deep-nesting-foreign", test_deep_nesting_foreign);
  g_test_add_func ("/hostile/deep-nesting-at-limit", test_deep_nesting_at_limit);
  g_test_add_func ("/hostile/huge-text", test_huge_text);
  g_test_add_func ("/hostile/text-at-limit", test_text_at_limit);
  g_test_add_func ("/hostile/huge-attribute", test_huge_attribute);
  g_test_add_func ("/hostile/file-too-large", test_file_too_large);
  g_test_add_func ("/hostile/many-stages", test_many_stages);
  g_test_add_func ("/hostile/stages-at-limit", test_stages_at_limit);
  g_test_add_func ("/hostile/csv-fields-at-limit", test_csv_fields_at_limit);
  g_test_add_func ("/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/hostile/nul-bytes", test_nul_bytes);
  g_test_add_func ("/hostile/png-renamed", test_png_renamed);
  g_test_add_func ("/hostile/other-encodings", test_other_encodings);
  g_test_add_func ("/hostile/bad-numbers", test_bad_numbers);
  g_test_add_func ("/hostile/every-prefix", test_every_prefix);
  g_test_add_func ("/hostile/command-line", test_command_line);

  return g_test_run ();
}
