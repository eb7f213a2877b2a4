/* waymark-format-reader.c — reading .cjmx files safely with libxml2's SAX2 parser
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "waymark-document-loader.h"
#include "waymark-format.h"
#include "waymark-format-private.h"

/* A streaming SAX2 reader rather than a tree: it is about as fast as
 * libxml2 parsing alone, and every check happens while libxml2 still
 * knows where in the file it is. The document is built with the loader
 * API and thrown away on the first error, so nothing half-loaded escapes. */

typedef enum {
  CTX_NONE,
  CTX_ROOT,
  CTX_PERSONA,
  CTX_STAGE,
  CTX_LANE,
  CTX_TOUCHPOINT,
  CTX_CURVE,
  CTX_TEXT,
  CTX_METRIC,
  CTX_POINT,
  CTX_SCALE,       /* version 2 */
  CTX_LEVEL,
  CTX_OWNER,
  CTX_VIEW,
  CTX_LINK,
  CTX_SHOW,
  CTX_FOREIGN,     /* kept: captured into the owner's extension data */
  CTX_IGNORED,     /* foreign content where we have nowhere to keep it */
} Ctx;

typedef enum {
  TEXT_TITLE,
  TEXT_AUTHOR,
  TEXT_DESCRIPTION,
  TEXT_GOALS,
  TEXT_FRUSTRATIONS,
  TEXT_QUOTE,
  TEXT_PAIN_POINT,
  TEXT_OPPORTUNITY,
  TEXT_PICTURE,
  N_TEXT_FIELDS
} TextField;

typedef struct
{
  const char *name;
  Ctx         ctx;
  TextField   field;     /* for CTX_TEXT */
  guint       rank;      /* children appear in non-decreasing rank */
  gboolean    once;
  guint       version;   /* the first format version that has it */
} ChildSpec;

static const ChildSpec root_children[] = {
  { "title", CTX_TEXT, TEXT_TITLE, 0, TRUE, 1 },
  { "author", CTX_TEXT, TEXT_AUTHOR, 1, TRUE, 1 },
  { "description", CTX_TEXT, TEXT_DESCRIPTION, 2, TRUE, 1 },
  { "emotion-scale", CTX_SCALE, 0, 3, TRUE, 2 },
  { "owner", CTX_OWNER, 0, 4, FALSE, 2 },
  { "persona", CTX_PERSONA, 0, 5, FALSE, 1 },
  { "stage", CTX_STAGE, 0, 6, FALSE, 1 },
  { "lane", CTX_LANE, 0, 7, FALSE, 1 },
  { "touchpoint", CTX_TOUCHPOINT, 0, 8, FALSE, 1 },
  { "curve", CTX_CURVE, 0, 9, FALSE, 1 },
  { "view", CTX_VIEW, 0, 10, FALSE, 2 },
  { NULL }
};

static const ChildSpec persona_children[] = {
  { "goals", CTX_TEXT, TEXT_GOALS, 0, TRUE, 1 },
  { "frustrations", CTX_TEXT, TEXT_FRUSTRATIONS, 1, TRUE, 1 },
  { "quote", CTX_TEXT, TEXT_QUOTE, 2, TRUE, 1 },
  { "picture", CTX_TEXT, TEXT_PICTURE, 3, TRUE, 2 },
  { NULL }
};

static const ChildSpec stage_children[] = {
  { "description", CTX_TEXT, TEXT_DESCRIPTION, 0, TRUE, 1 },
  { "metric", CTX_METRIC, 0, 1, FALSE, 2 },
  { NULL }
};

static const ChildSpec description_only[] = {
  { "description", CTX_TEXT, TEXT_DESCRIPTION, 0, TRUE, 1 },
  { NULL }
};

static const ChildSpec touchpoint_children[] = {
  { "description", CTX_TEXT, TEXT_DESCRIPTION, 0, TRUE, 1 },
  { "pain-point", CTX_TEXT, TEXT_PAIN_POINT, 1, FALSE, 1 },
  { "opportunity", CTX_TEXT, TEXT_OPPORTUNITY, 2, FALSE, 1 },
  { "metric", CTX_METRIC, 0, 3, FALSE, 1 },
  { "link", CTX_LINK, 0, 4, FALSE, 2 },
  { NULL }
};

static const ChildSpec curve_children[] = {
  { "point", CTX_POINT, 0, 0, FALSE, 1 },
  { NULL }
};

static const ChildSpec scale_children[] = {
  { "level", CTX_LEVEL, 0, 0, FALSE, 2 },
  { NULL }
};

static const ChildSpec view_children[] = {
  { "show", CTX_SHOW, 0, 0, FALSE, 2 },
  { NULL }
};

static const ChildSpec no_children[] = {
  { NULL }
};

typedef struct
{
  WaymarkStage *stage;
  double        value;
  char         *note;
} PointValue;

static void
point_value_clear (PointValue *pv)
{
  g_clear_pointer (&pv->note, g_free);
}

/* A link is checked once the whole file is read: it may point forward. */
typedef struct
{
  const char *from;      /* the id of the touchpoint holding it, owned by it */
  char       *to;
  gsize       offset;    /* of the <link> element, for the error */
} PendingLink;

static void
pending_link_clear (PendingLink *link)
{
  g_clear_pointer (&link->to, g_free);
}

typedef struct
{
  int   line;
  int   column;
  char *message;         /* without the position */
} Warning;

static void
warning_clear (Warning *warning)
{
  g_clear_pointer (&warning->message, g_free);
}

/* One element with an identity (or the root) while its children are read. */
typedef struct
{
  WaymarkElement *element;
  const char     *element_name;
  WaymarkStage   *stage;          /* touchpoint's cell; not references */
  WaymarkLane    *lane;
  guint           rank;
  guint           seen;           /* once-only children seen, by rank bit */
  const char     *last_child;
  char           *texts[N_TEXT_FIELDS];
  GPtrArray      *pain_points;
  GPtrArray      *opportunities;
  GPtrArray      *metrics;
  GArray         *points;
  GPtrArray      *links;          /* touchpoint: char* target ids */
  GPtrArray      *view_lanes;     /* view: char* ids */
  GPtrArray      *view_curves;
  char           *picture_type;   /* persona */
  gsize           picture_offset;
  GPtrArray      *foreign_attrs;
  GPtrArray      *foreign_children;
  gsize           foreign_size;
} Building;

typedef struct
{
  xmlParserCtxtPtr       ctxt;
  const char            *data;
  gsize                  length;

  WaymarkDocument       *document;
  GHashTable            *ids;          /* id → WaymarkElement*, not owned */

  GError                *error;
  int                    line;
  int                    column;

  guint                  depth;
  Ctx                    stack[WAYMARK_FORMAT_MAX_DEPTH + 2];
  guint                  skip_depth;

  Building               root;
  Building               current;
  Building              *owner;        /* of the text or foreign content being read */

  GString               *text;
  TextField              text_field;
  const char            *text_element;

  WaymarkForeignBuilder  foreign;

  guint                  n_stages;
  guint                  n_lanes;
  guint                  n_personas;
  guint                  n_curves;
  guint                  n_touchpoints;
  guint                  n_owners;
  guint                  n_views;

  guint                  version;      /* of the file: 1 or 2 */
  int                    scale_min;
  int                    scale_max;
  GPtrArray             *levels;       /* char* per level of the scale, or NULL */
  GArray                *links;        /* PendingLink */
  GHashTable            *link_pairs;   /* "a\nb" with a < b, owned */
  GArray                *warnings;     /* Warning */
  guint                  n_dropped_warnings;
} Reader;

/* Beyond this many, warnings are only counted: a damaged file could
 * otherwise produce one per card. */
#define MAX_WARNINGS 100

/* Space and line breaks around the base64 of a picture come on top of
 * its 4/3 growth; half again is far more than any layout needs. */
#define MAX_PICTURE_TEXT_LENGTH ((WAYMARK_PERSONA_MAX_PICTURE_SIZE / 3u + 1u) * 4u * 3u / 2u)

/* ---- Positions --------------------------------------------------------- */

/* 1-based line and column (in characters) of a byte offset. */
static void
offset_to_position (Reader *r,
                    gsize   offset,
                    int    *line,
                    int    *column)
{
  const char *p = r->data;
  const char *end = r->data + MIN (offset, r->length);
  const char *line_start = p;
  int n_lines = 1;
  int col = 1;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);

      if (nl == NULL)
        break;
      n_lines++;
      p = nl + 1;
      line_start = p;
    }
  for (p = line_start; p < end; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      col++;

  *line = n_lines;
  *column = col;
}

static gsize
current_offset (Reader *r)
{
  long consumed = xmlByteConsumed (r->ctxt);

  if (consumed < 0)
    return 0;
  return MIN ((gsize) consumed, r->length);
}

/* Called from startElementNs: libxml2 stands at the end of the start tag,
 * and "<" cannot occur inside a tag, so the nearest one before is its
 * beginning. */
static gsize
element_offset (Reader *r)
{
  gsize off = current_offset (r);

  if (off >= r->length && off > 0)
    off = r->length - 1;
  while (off > 0 && r->data[off] != '<')
    off--;
  return off;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The local name of the attribute whose value starts near line:column,
 * where libxml2 reports a value over its own limit (10 MB) without naming
 * it. Scans back to the quote that follows "name=". */
static char *
attribute_name_at (Reader *r,
                   int     line,
                   int     column)
{
  gsize p = 0;

  for (int l = 1; l < line && p < r->length; p++)
    if (r->data[p] == '\n')
      l++;
  p = MIN (p + (column > 0 ? (gsize) column : 0) + 1, r->length);

  while (p > 1)
    {
      gsize q = --p;
      gsize end;

      if (r->data[q] != '"' && r->data[q] != '\'')
        continue;
      while (q > 0 && is_space (r->data[q - 1]))
        q--;
      if (q == 0 || r->data[q - 1] != '=')
        continue;
      q--;
      while (q > 0 && is_space (r->data[q - 1]))
        q--;
      end = q;
      while (q > 0 && !is_space (r->data[q - 1]) && r->data[q - 1] != '<' &&
             r->data[q - 1] != ':')
        q--;
      if (end > q && end - q <= 256)
        return g_strndup (r->data + q, end - q);
      break;
    }

  return g_strdup ("?");
}

static gsize
attribute_offset (Reader     *r,
                  const char *prefix,
                  const char *local)
{
  gsize start = element_offset (r);
  const char *p = r->data + start + 1;
  const char *end = r->data + r->length;
  g_autofree char *qname = prefix != NULL ? g_strconcat (prefix, ":", local, NULL)
                                          : g_strdup (local);
  gsize qlen = strlen (qname);

  while (p < end && !is_space (*p) && *p != '>' && *p != '/')
    p++;
  while (p < end)
    {
      const char *name;
      char quote;

      while (p < end && is_space (*p))
        p++;
      if (p >= end || *p == '>' || *p == '/')
        break;
      name = p;
      while (p < end && !is_space (*p) && *p != '=')
        p++;
      if ((gsize) (p - name) == qlen && memcmp (name, qname, qlen) == 0)
        return name - r->data;
      while (p < end && *p != '"' && *p != '\'')
        p++;
      if (p >= end)
        break;
      quote = *p++;
      while (p < end && *p != quote)
        p++;
      p++;
    }
  return start;
}

/* ---- Errors ------------------------------------------------------------ */

static void
set_error_va (Reader     *r,
              gsize       offset,
              int         code,
              const char *format,
              va_list     args) G_GNUC_PRINTF (4, 0);

static void
set_error_va (Reader     *r,
              gsize       offset,
              int         code,
              const char *format,
              va_list     args)
{
  if (r->error != NULL)
    return;
  offset_to_position (r, offset, &r->line, &r->column);
  r->error = g_error_new_valist (WAYMARK_FORMAT_ERROR, code, format, args);
}

/* From libxml2's error callback, where stopping the parser is not safe. */
static void
set_error_at_offset (Reader     *r,
                     gsize       offset,
                     int         code,
                     const char *format,
                     ...) G_GNUC_PRINTF (4, 5);

static void
set_error_at_offset (Reader     *r,
                     gsize       offset,
                     int         code,
                     const char *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (r, offset, code, format, args);
  va_end (args);
}

/* From SAX callbacks: records the first error and stops the parser. */
static void
fail_at_offset (Reader     *r,
                gsize       offset,
                int         code,
                const char *format,
                ...) G_GNUC_PRINTF (4, 5);

static void
fail_at_offset (Reader     *r,
                gsize       offset,
                int         code,
                const char *format,
                ...)
{
  va_list args;

  if (r->error != NULL)
    return;

  va_start (args, format);
  set_error_va (r, offset, code, format, args);
  va_end (args);

  if (r->ctxt != NULL)
    xmlStopParser (r->ctxt);
}

#define fail_element(r, code, ...) \
  fail_at_offset ((r), element_offset (r), (code), __VA_ARGS__)
#define fail_attribute(r, attr, code, ...) \
  fail_at_offset ((r), attribute_offset ((r), NULL, (attr)), (code), __VA_ARGS__)

/* A version 2 attribute in a file that says it is version 1. */
static gboolean
check_attribute_version (Reader     *r,
                         const char *element,
                         const char *attribute,
                         const char *value)
{
  if (value == NULL || r->version >= 2)
    return TRUE;
  fail_attribute (r, attribute, WAYMARK_FORMAT_ERROR_VERSION,
                  _("The attribute “%s” of “%s” is new in format version 2, but the map says "
                    "it uses version 1."),
                  attribute, element);
  return FALSE;
}

/* Something Waymark repaired while reading, at a byte offset. */
static void
add_warning (Reader     *r,
             gsize       offset,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_warning (Reader     *r,
             gsize       offset,
             const char *format,
             ...)
{
  Warning warning;
  va_list args;

  if (r->warnings->len >= MAX_WARNINGS)
    {
      r->n_dropped_warnings++;
      return;
    }
  offset_to_position (r, offset, &warning.line, &warning.column);
  va_start (args, format);
  warning.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (r->warnings, warning);
}

/* Values go into messages; keep them short and printable. */
static char *
shorten (const char *value)
{
  const gsize max_chars = 40;
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *out = g_string_new (NULL);
  gsize n = 0;

  for (const char *p = valid; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (g_utf8_strlen (valid, -1) > (glong) max_chars)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* libxml2 rejects bytes that are not UTF-8 as it meets them, but calls
 * binary junk "no start tag" or "invalid character". Checking the bytes up
 * to where it stopped, only once something failed, gives the real reason
 * without a separate pass over every good file. */
static gboolean
check_utf8_before (Reader *r,
                   gsize   offset)
{
  const char *end = NULL;
  gsize checked = MIN (r->length, offset + 8);

  /* Never cut a character in two. */
  while (checked < r->length && ((guchar) r->data[checked] & 0xC0) == 0x80)
    checked++;
  if (g_utf8_validate_len (r->data, checked, &end))
    return TRUE;

  if (*end == '\0')
    set_error_at_offset (r, end - r->data, WAYMARK_FORMAT_ERROR_ENCODING,
                         _("The file contains NUL bytes, so it is not a text file; it may be "
                           "damaged or not a journey map at all."));
  else
    set_error_at_offset (r, end - r->data, WAYMARK_FORMAT_ERROR_ENCODING,
                         _("The file is not UTF-8 text; it may be damaged or not a journey "
                           "map at all."));
  return FALSE;
}

static void
on_xml_error (void        *user_data,
              xmlErrorPtr  error)
{
  Reader *r = user_data;
  const char *str1 = error->str1 != NULL ? error->str1 : "";
  int code = WAYMARK_FORMAT_ERROR_SYNTAX;
  g_autofree char *message = NULL;

  if (r->error != NULL || error->level < XML_ERR_ERROR)
    return;
  if (!check_utf8_before (r, current_offset (r)))
    return;

  if (error->code == XML_ERR_DOCUMENT_EMPTY)
    {
      code = WAYMARK_FORMAT_ERROR_EMPTY;
      message = g_strdup (_("The file contains no journey map."));
    }
  else if (current_offset (r) >= r->length)
    {
      message = g_strdup (_("The file ends before the map is complete; it may have been cut off."));
    }
  else
    {
      switch (error->code)
        {
        case XML_ERR_DOCUMENT_END:
        case XML_ERR_EXTRA_CONTENT:
          message = g_strdup (_("There is more content after the end of the map."));
          break;
        case XML_ERR_TAG_NAME_MISMATCH:
          message = g_strdup_printf (_("The element “%s” that starts on line %d is closed by “%s”."),
                                     str1, error->int1,
                                     error->str2 != NULL ? error->str2 : "");
          break;
        case XML_ERR_ATTRIBUTE_REDEFINED:
          message = g_strdup_printf (_("The attribute “%s” appears twice on one element."), str1);
          break;
        case XML_ERR_UNDECLARED_ENTITY:
        case XML_WAR_UNDECLARED_ENTITY:
        case XML_ERR_ENTITY_LOOP:
          code = WAYMARK_FORMAT_ERROR_FORBIDDEN;
          message = g_strdup_printf (_("The file uses the entity “&%s;”; journey maps may not "
                                       "use entities."), str1);
          break;
        case XML_ERR_ENTITYREF_SEMICOL_MISSING:
          message = g_strdup (_("A “&” that is not part of a character reference must be "
                                "written as “&amp;”."));
          break;
        case XML_ERR_NAME_REQUIRED:
          if (error->message != NULL && strstr (error->message, "EntityRef") != NULL)
            message = g_strdup (_("A “&” that is not part of a character reference must be "
                                  "written as “&amp;”."));
          else
            message = g_strdup (_("A tag is not written correctly: a name is missing."));
          break;
        case XML_ERR_LT_IN_ATTRIBUTE:
          message = g_strdup (_("An attribute value contains “<”, which must be written as "
                                "“&lt;”."));
          break;
        case XML_ERR_ATTRIBUTE_NOT_FINISHED:
          if (error->message != NULL && strstr (error->message, "too long") != NULL)
            {
              g_autofree char *name = attribute_name_at (r, error->line, error->int2);

              code = WAYMARK_FORMAT_ERROR_LIMIT;
              message = g_strdup_printf (_("The attribute “%s” is longer than the limit of %u "
                                           "bytes."),
                                         name, WAYMARK_FORMAT_MAX_TEXT_LENGTH);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case XML_ERR_ATTRIBUTE_NOT_STARTED:
        case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
        case XML_ERR_STRING_NOT_CLOSED:
          message = g_strdup (_("An attribute is not written correctly: its value must be "
                                "in quotes."));
          break;
        case XML_ERR_INVALID_CHAR:
        case XML_ERR_INVALID_CHARREF:
        case XML_ERR_INVALID_DEC_CHARREF:
        case XML_ERR_INVALID_HEX_CHARREF:
          message = g_strdup (_("The file contains a character that XML does not allow."));
          break;
        case XML_ERR_UNSUPPORTED_ENCODING:
        case XML_ERR_INVALID_ENCODING:
          code = WAYMARK_FORMAT_ERROR_ENCODING;
          message = g_strdup (_("The file is not UTF-8 text."));
          break;
        case XML_ERR_GT_REQUIRED:
        case XML_ERR_LTSLASH_REQUIRED:
        case XML_ERR_SPACE_REQUIRED:
        case XML_ERR_TAG_NOT_FINISHED:
          message = g_strdup (_("A tag is not written correctly."));
          break;
        case XML_ERR_RESERVED_XML_NAME:
          message = g_strdup (_("The XML declaration may only appear at the very start of "
                                "the file."));
          break;
        case XML_ERR_HYPHEN_IN_COMMENT:
        case XML_ERR_COMMENT_NOT_FINISHED:
          message = g_strdup (_("A comment is not written correctly."));
          break;
        case XML_NS_ERR_UNDEFINED_NAMESPACE:
          message = g_strdup_printf (_("The namespace prefix “%s” is used but never declared."),
                                     str1);
          break;
        case XML_ERR_INTERNAL_ERROR:
          if (error->message != NULL
              && (strstr (error->message, "depth") != NULL
                  || strstr (error->message, "Huge") != NULL))
            {
              code = WAYMARK_FORMAT_ERROR_LIMIT;
              message = g_strdup (_("The file is nested too deeply."));
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          {
            g_autofree char *detail = g_strstrip (g_strdup (error->message != NULL
                                                            ? error->message : ""));

            message = g_strdup_printf (_("The file is not well-formed XML (%s)."), detail);
          }
          break;
        }
    }

  r->line = error->line;
  r->column = error->int2;
  r->error = g_error_new_literal (WAYMARK_FORMAT_ERROR, code, message);
}

/* ---- Values ------------------------------------------------------------ */

static gboolean
parse_double (const char *value,
              double     *out)
{
  const char *p = value;
  const char *start;
  const char *end;
  gboolean digits = FALSE;
  double d;

  while (is_space (*p))
    p++;
  start = p;
  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  end = p;
  while (is_space (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  d = g_ascii_strtod (start, (char **) &p);
  if (p != end || !isfinite (d))
    return FALSE;
  *out = d;
  return TRUE;
}

static gboolean
parse_boolean (const char *value,
               gboolean   *out)
{
  if (strcmp (value, "true") == 0 || strcmp (value, "1") == 0)
    *out = TRUE;
  else if (strcmp (value, "false") == 0 || strcmp (value, "0") == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
is_valid_color (const char *value)
{
  if (value[0] != '#' || strlen (value) != 7)
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (value[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_id (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > WAYMARK_FORMAT_MAX_ID_LENGTH)
    return FALSE;
  if (!g_ascii_isalpha (value[0]) && value[0] != '_')
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isalnum (value[i]) && !strchr ("-_.", value[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_space (text[i]))
      return FALSE;
  return TRUE;
}

/* ---- Properties -------------------------------------------------------- */

/* Only the properties a file actually sets, passed in one call: GObject's
 * per-property cost dominates reading, and unset ones are the defaults. */
#define MAX_PROPS 12

typedef struct
{
  const char *names[MAX_PROPS];
  GValue      values[MAX_PROPS];
  guint       n;
} Props;

static GValue *
props_add (Props      *props,
           const char *name,
           GType       type)
{
  GValue *value;

  g_assert (props->n < MAX_PROPS);
  props->names[props->n] = name;
  value = &props->values[props->n++];
  memset (value, 0, sizeof *value);
  g_value_init (value, type);
  return value;
}

static void
props_string (Props      *props,
              const char *name,
              const char *str)
{
  if (str != NULL && str[0] != '\0')
    g_value_set_static_string (props_add (props, name, G_TYPE_STRING), str);
}

static void
props_double (Props      *props,
              const char *name,
              double      d)
{
  g_value_set_double (props_add (props, name, G_TYPE_DOUBLE), d);
}

static void
props_boxed (Props      *props,
             const char *name,
             GType       type,
             gpointer    boxed)
{
  if (boxed != NULL)
    g_value_set_static_boxed (props_add (props, name, type), boxed);
}

static void
props_clear (Props *props)
{
  for (guint i = 0; i < props->n; i++)
    g_value_unset (&props->values[i]);
  props->n = 0;
}

static gpointer
props_new_object (Props *props,
                  GType  type)
{
  gpointer object = g_object_new_with_properties (type, props->n, props->names, props->values);

  props_clear (props);
  return object;
}

static void
props_set (Props    *props,
           gpointer  object)
{
  if (props->n > 0)
    g_object_setv (object, props->n, props->names, props->values);
  props_clear (props);
}

/* ---- Attributes -------------------------------------------------------- */

typedef struct
{
  const char *name;
  gboolean    required;
} AttrSpec;

static gboolean
is_foreign (const char *uri)
{
  return uri != NULL && strcmp (uri, WAYMARK_FORMAT_NAMESPACE) != 0;
}

/* Fills values[i] (to be freed) for specs[i]. Foreign attributes go to
 * owner when there is one and are dropped otherwise. */
static gboolean
collect_attributes (Reader          *r,
                    const char      *element,
                    const AttrSpec  *specs,
                    char           **values,
                    Building        *owner,
                    int              nb_attributes,
                    const xmlChar  **attributes)
{
  for (int i = 0; i < nb_attributes; i++)
    {
      const char **a = (const char **) &attributes[5 * i];
      gsize len = a[4] - a[3];
      guint j;

      if (len > WAYMARK_FORMAT_MAX_TEXT_LENGTH)
        {
          fail_at_offset (r, attribute_offset (r, a[1], a[0]), WAYMARK_FORMAT_ERROR_LIMIT,
                          _("The attribute “%s” is longer than the limit of %u bytes."),
                          a[0], WAYMARK_FORMAT_MAX_TEXT_LENGTH);
          return FALSE;
        }

      if (is_foreign (a[2]))
        {
          if (owner != NULL)
            {
              owner->foreign_size += len + strlen (a[0]) + strlen (a[2]) + 8;
              if (owner->foreign_size > WAYMARK_FORMAT_MAX_EXTENSION_SIZE)
                {
                  fail_at_offset (r, attribute_offset (r, a[1], a[0]),
                                  WAYMARK_FORMAT_ERROR_LIMIT,
                                  _("The element “%s” carries more than %u bytes of content "
                                    "from other namespaces."),
                                  element, WAYMARK_FORMAT_MAX_EXTENSION_SIZE);
                  return FALSE;
                }
              if (owner->foreign_attrs == NULL)
                owner->foreign_attrs =
                  g_ptr_array_new_with_free_func ((GDestroyNotify) _waymark_foreign_attr_free);
              g_ptr_array_add (owner->foreign_attrs,
                               _waymark_foreign_attr_new (a[1], a[0], a[2], a[3], len));
            }
          continue;
        }

      for (j = 0; specs[j].name != NULL; j++)
        if (a[2] == NULL && strcmp (specs[j].name, a[0]) == 0)
          break;

      if (specs[j].name == NULL)
        {
          fail_at_offset (r, attribute_offset (r, a[1], a[0]), WAYMARK_FORMAT_ERROR_STRUCTURE,
                          _("The element “%s” has an unknown attribute “%s”."),
                          element, a[0]);
          return FALSE;
        }
      values[j] = _waymark_format_decode_attr (a[3], a[4]);
    }

  for (guint j = 0; specs[j].name != NULL; j++)
    if (specs[j].required && values[j] == NULL)
      {
        fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                      _("The element “%s” needs a “%s” attribute."),
                      element, specs[j].name);
        return FALSE;
      }

  return TRUE;
}

static void
free_values (char **values,
             guint  n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&values[i], g_free);
}

/* Registers the id of a new element; element is not yet in the document. */
static gboolean
check_id (Reader         *r,
          const char     *element,
          const char     *id,
          WaymarkElement *object)
{
  if (!is_valid_id (id))
    {
      g_autofree char *shown = shorten (id);

      fail_attribute (r, "id", WAYMARK_FORMAT_ERROR_VALUE,
                      _("“%s” is not a valid ID: an ID starts with a letter and has at most %u "
                        "letters, digits, “-”, “_” or “.”."),
                      shown, WAYMARK_FORMAT_MAX_ID_LENGTH);
      return FALSE;
    }
  if (g_hash_table_contains (r->ids, id))
    {
      fail_attribute (r, "id", WAYMARK_FORMAT_ERROR_DUPLICATE_ID,
                      _("The ID “%s” is used twice; every %s needs an ID of its own."),
                      id, element);
      return FALSE;
    }
  g_hash_table_insert (r->ids, (gpointer) waymark_element_get_id (object), object);
  return TRUE;
}

static gboolean
check_number (Reader     *r,
              const char *element,
              const char *attribute,
              const char *value,
              double     *out)
{
  if (!parse_double (value, out))
    {
      g_autofree char *shown = shorten (value);

      fail_attribute (r, attribute, WAYMARK_FORMAT_ERROR_VALUE,
                      _("The attribute “%s” of “%s” is “%s”, which is not a number."),
                      attribute, element, shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_color (Reader     *r,
             const char *value)
{
  if (!is_valid_color (value))
    {
      g_autofree char *shown = shorten (value);

      fail_attribute (r, "color", WAYMARK_FORMAT_ERROR_VALUE,
                      _("“%s” is not a colour; colours are written as “#rrggbb”."), shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_boolean (Reader     *r,
               const char *attribute,
               const char *value,
               gboolean   *out)
{
  if (!parse_boolean (value, out))
    {
      g_autofree char *shown = shorten (value);

      fail_attribute (r, attribute, WAYMARK_FORMAT_ERROR_VALUE,
                      _("“%s” is not “true” or “false”."), shown);
      return FALSE;
    }
  return TRUE;
}

/* missing and wrong are untranslated (N_) messages with the referrer's id and
 * the reference; they are translated only when needed, as gettext is not free. */
static WaymarkElement *
check_reference (Reader     *r,
                 const char *attribute,
                 const char *referrer_id,
                 const char *id,
                 GType       type,
                 const char *missing,
                 const char *wrong)
{
  WaymarkElement *target = g_hash_table_lookup (r->ids, id);
  g_autofree char *shown = NULL;

  /* Sections come in order (stages before touchpoints…), so whatever a
   * reference can point to has been loaded already. */
  if (target != NULL && G_TYPE_CHECK_INSTANCE_TYPE (target, type))
    return target;

  shown = shorten (id);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  fail_attribute (r, attribute, WAYMARK_FORMAT_ERROR_REFERENCE,
                  target == NULL ? _(missing) : _(wrong), referrer_id, shown);
#pragma GCC diagnostic pop
  return NULL;
}

/* ---- Building ---------------------------------------------------------- */

static void
building_clear (Building *b)
{
  g_clear_object (&b->element);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    g_clear_pointer (&b->texts[i], g_free);
  g_clear_pointer (&b->pain_points, g_ptr_array_unref);
  g_clear_pointer (&b->opportunities, g_ptr_array_unref);
  g_clear_pointer (&b->metrics, g_ptr_array_unref);
  g_clear_pointer (&b->points, g_array_unref);
  g_clear_pointer (&b->links, g_ptr_array_unref);
  g_clear_pointer (&b->view_lanes, g_ptr_array_unref);
  g_clear_pointer (&b->view_curves, g_ptr_array_unref);
  g_clear_pointer (&b->picture_type, g_free);
  g_clear_pointer (&b->foreign_attrs, g_ptr_array_unref);
  g_clear_pointer (&b->foreign_children, g_ptr_array_unref);
  memset (b, 0, sizeof *b);
}

static void
building_start (Building       *b,
                const char     *element_name,
                WaymarkElement *element)
{
  building_clear (b);
  b->element_name = element_name;
  b->element = element;
}

static void
apply_extension (Building *b)
{
  g_autofree char *data = _waymark_extension_build (b->foreign_attrs, b->foreign_children);

  if (data != NULL)
    waymark_element_set_extension_data (b->element, data);
}

static GStrv
steal_strv (GPtrArray **array)
{
  if (*array == NULL)
    return NULL;
  g_ptr_array_add (*array, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (array), FALSE);
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* The picture of the persona being built, from its base64 text; NULL
 * after failing. White space anywhere is allowed (lines may be wrapped);
 * anything else must be strict base64 with its padding. */
static GBytes *
decode_picture (Reader   *r,
                Building *b)
{
  const char *id = waymark_element_get_id (b->element);
  const char *text = b->texts[TEXT_PICTURE];
  g_autofree char *compact = g_malloc (strlen (text) + 1);
  gsize n = 0;
  gsize padding = 0;
  gsize size = 0;
  guchar *data;
  g_autoptr(GBytes) bytes = NULL;
  const char *type;

  gboolean valid = TRUE;

  for (const char *p = text; *p != '\0' && valid; p++)
    {
      if (is_space (*p))
        continue;
      if (*p == '=')
        padding++;
      else if (!is_base64_char (*p) || padding > 0)
        valid = FALSE;   /* a stray character, or data after the padding */
      compact[n++] = *p;
    }
  compact[n] = '\0';

  if (valid && n == 0)
    {
      fail_at_offset (r, b->picture_offset, WAYMARK_FORMAT_ERROR_VALUE,
                      _("The picture of persona “%s” is empty."), id);
      return NULL;
    }
  if (!valid || n % 4 != 0 || padding > 2)
    {
      fail_at_offset (r, b->picture_offset, WAYMARK_FORMAT_ERROR_VALUE,
                      _("The picture of persona “%s” is not valid base64 data."), id);
      return NULL;
    }
  if (n / 4 * 3 - padding > WAYMARK_PERSONA_MAX_PICTURE_SIZE)
    {
      fail_at_offset (r, b->picture_offset, WAYMARK_FORMAT_ERROR_LIMIT,
                      _("The picture of persona “%s” is larger than %u MiB, the most Waymark "
                        "keeps."),
                      id, WAYMARK_PERSONA_MAX_PICTURE_SIZE / (1024 * 1024));
      return NULL;
    }

  data = g_base64_decode_inplace (compact, &size);
  bytes = g_bytes_new (data, size);
  type = waymark_picture_sniff_type (bytes);
  if (g_strcmp0 (type, b->picture_type) != 0)
    {
      fail_at_offset (r, b->picture_offset, WAYMARK_FORMAT_ERROR_VALUE,
                      _("The picture of persona “%s” has the type “%s”, but its data is not "
                        "an image of that type."),
                      id, b->picture_type);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static gboolean
finish_building (Reader   *r,
                 Building *b)
{
  gboolean ok = TRUE;

  apply_extension (b);

  Props props;

  props.n = 0;
  if (WAYMARK_IS_PERSONA (b->element))
    {
      g_autoptr(GBytes) picture = NULL;

      if (b->texts[TEXT_PICTURE] != NULL)
        {
          picture = decode_picture (r, b);
          if (picture == NULL)
            return FALSE;
        }
      props_string (&props, "goals", b->texts[TEXT_GOALS]);
      props_string (&props, "frustrations", b->texts[TEXT_FRUSTRATIONS]);
      props_string (&props, "quote", b->texts[TEXT_QUOTE]);
      props_boxed (&props, "picture", G_TYPE_BYTES, picture);
      props_set (&props, b->element);
      ok = waymark_document_load_persona (r->document, WAYMARK_PERSONA (b->element));
    }
  else if (WAYMARK_IS_STAGE (b->element))
    {
      props_string (&props, "description", b->texts[TEXT_DESCRIPTION]);
      props_boxed (&props, "metrics", G_TYPE_PTR_ARRAY, b->metrics);
      props_set (&props, b->element);
      ok = waymark_document_load_stage (r->document, WAYMARK_STAGE (b->element));
    }
  else if (WAYMARK_IS_LANE (b->element))
    {
      props_string (&props, "description", b->texts[TEXT_DESCRIPTION]);
      props_set (&props, b->element);
      ok = waymark_document_load_lane (r->document, WAYMARK_LANE (b->element));
    }
  else if (WAYMARK_IS_TOUCHPOINT (b->element))
    {
      g_auto(GStrv) pain_points = steal_strv (&b->pain_points);
      g_auto(GStrv) opportunities = steal_strv (&b->opportunities);
      g_auto(GStrv) links = steal_strv (&b->links);

      props_string (&props, "description", b->texts[TEXT_DESCRIPTION]);
      props_boxed (&props, "pain-points", G_TYPE_STRV, pain_points);
      props_boxed (&props, "opportunities", G_TYPE_STRV, opportunities);
      props_boxed (&props, "metrics", G_TYPE_PTR_ARRAY, b->metrics);
      props_boxed (&props, "links", G_TYPE_STRV, links);
      props_set (&props, b->element);
      ok = waymark_document_load_touchpoint (r->document, WAYMARK_TOUCHPOINT (b->element),
                                             b->stage, b->lane);
    }
  else if (WAYMARK_IS_CURVE (b->element))
    {
      ok = waymark_document_load_curve (r->document, WAYMARK_CURVE (b->element));
      for (guint i = 0; ok && b->points != NULL && i < b->points->len; i++)
        {
          PointValue *pv = &g_array_index (b->points, PointValue, i);

          waymark_document_load_curve_value (r->document, WAYMARK_CURVE (b->element),
                                             pv->stage, pv->value);
          if (pv->note != NULL && pv->note[0] != '\0')
            waymark_document_load_curve_note (r->document, WAYMARK_CURVE (b->element),
                                              pv->stage, pv->note);
        }
    }
  else if (WAYMARK_IS_OWNER (b->element))
    {
      ok = waymark_document_load_owner (r->document, WAYMARK_OWNER (b->element));
    }
  else if (WAYMARK_IS_VIEW (b->element))
    {
      g_auto(GStrv) lanes = steal_strv (&b->view_lanes);
      g_auto(GStrv) curves = steal_strv (&b->view_curves);

      props_boxed (&props, "lanes", G_TYPE_STRV, lanes);
      props_boxed (&props, "curves", G_TYPE_STRV, curves);
      props_set (&props, b->element);
      ok = waymark_document_load_view (r->document, WAYMARK_VIEW (b->element));
    }

  if (!ok)
    {
      /* check_id() already rules this out; the model is the last line. */
      fail_element (r, WAYMARK_FORMAT_ERROR_DUPLICATE_ID,
                    _("The ID “%s” is used twice; every %s needs an ID of its own."),
                    waymark_element_get_id (b->element), b->element_name);
      return FALSE;
    }
  building_clear (b);
  return TRUE;
}

/* ---- Start tags -------------------------------------------------------- */

static gboolean
check_count (Reader     *r,
             guint      *count,
             guint       limit,
             const char *element)
{
  if (++(*count) > limit)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_LIMIT,
                    _("The map has more than %u elements “%s”, the most Waymark reads."),
                    limit, element);
      return FALSE;
    }
  return TRUE;
}

static void
start_root (Reader         *r,
            const char     *local,
            const char     *uri,
            int             nb_attributes,
            const xmlChar **attributes)
{
  static const AttrSpec specs[] = {
    { "version", FALSE }, { "created", FALSE }, { "modified", FALSE },
    { "color-by-owner", FALSE }, { NULL }
  };
  char *values[G_N_ELEMENTS (specs)] = { NULL };

  if (strcmp (local, "journey-map") != 0)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_ROOT,
                    _("This is not a journey map: the document is a “%s”, not a “journey-map”."),
                    local);
      return;
    }
  if (g_strcmp0 (uri, WAYMARK_FORMAT_NAMESPACE) != 0)
    {
      if (uri == NULL)
        fail_element (r, WAYMARK_FORMAT_ERROR_NAMESPACE,
                      _("The journey map is in no namespace; Waymark maps use the namespace "
                        "“%s”."), WAYMARK_FORMAT_NAMESPACE);
      else
        fail_element (r, WAYMARK_FORMAT_ERROR_NAMESPACE,
                      _("The journey map is in the namespace “%s”, not in Waymark’s “%s”."),
                      uri, WAYMARK_FORMAT_NAMESPACE);
      return;
    }

  /* The version comes first: a newer file deserves "update Waymark", not
   * a complaint about whatever it added. */
  for (int i = 0; i < nb_attributes; i++)
    {
      const char **a = (const char **) &attributes[5 * i];

      if (a[2] == NULL && strcmp (a[0], "version") == 0)
        {
          g_autofree char *version = _waymark_format_decode_attr (a[3], a[4]);
          g_autofree char *shown = shorten (version);
          guint64 number;

          /* Version 1 is read and upgraded (see upgrade_owners()). */
          if (strcmp (version, "1") == 0 || strcmp (version, "2") == 0)
            {
              r->version = version[0] - '0';
              break;
            }
          if (g_ascii_string_to_unsigned (version, 10, 3, G_MAXUINT, &number, NULL))
            fail_attribute (r, "version", WAYMARK_FORMAT_ERROR_VERSION,
                            _("This map uses format version %s, which is newer than this "
                              "Waymark can read. Update Waymark to open it."), shown);
          else
            fail_attribute (r, "version", WAYMARK_FORMAT_ERROR_VERSION,
                            _("The format version “%s” is not one Waymark knows."), shown);
          return;
        }
    }

  if (!collect_attributes (r, local, specs, values, &r->root, nb_attributes, attributes))
    goto out;

  if (values[0] == NULL)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_VERSION,
                    _("The map does not say which format version it uses."));
      goto out;
    }

  for (guint i = 1; i <= 2; i++)
    {
      g_autoptr(GDateTime) when = NULL;

      if (values[i] == NULL)
        continue;
      when = g_date_time_new_from_iso8601 (values[i], NULL);
      if (when == NULL)
        {
          g_autofree char *shown = shorten (values[i]);

          fail_attribute (r, specs[i].name, WAYMARK_FORMAT_ERROR_VALUE,
                          _("“%s” is not a date and time with a time zone, such as "
                            "2024-05-01T09:30:00+02:00."), shown);
          goto out;
        }
      if (i == 1)
        waymark_document_set_created (r->document, when);
      else
        waymark_document_set_modified (r->document, when);
    }

  if (values[3] != NULL)
    {
      gboolean color_by_owner;

      if (!check_attribute_version (r, local, "color-by-owner", values[3])
          || !check_boolean (r, "color-by-owner", values[3], &color_by_owner))
        goto out;
      waymark_document_load_color_by_owner (r->document, color_by_owner);
    }

out:
  free_values (values, G_N_ELEMENTS (values));
}

static WaymarkElement *
start_persona (Reader         *r,
               int             nb_attributes,
               const xmlChar **attributes)
{
  static const AttrSpec specs[] = {
    { "id", TRUE }, { "name", FALSE }, { "role", FALSE }, { "color", FALSE }, { NULL }
  };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  g_autoptr(WaymarkPersona) persona = NULL;

  if (!check_count (r, &r->n_personas, WAYMARK_FORMAT_MAX_PERSONAS, "persona")
      || !collect_attributes (r, "persona", specs, values, &r->current,
                              nb_attributes, attributes))
    goto out;
  if (values[3] != NULL && !check_color (r, values[3]))
    goto out;
  {
    Props props = { .n = 0 };

    props_string (&props, "id", values[0]);
    props_string (&props, "name", values[1]);
    props_string (&props, "role", values[2]);
    props_string (&props, "color", values[3]);
    persona = props_new_object (&props, WAYMARK_TYPE_PERSONA);
  }
  if (!check_id (r, "persona", values[0], WAYMARK_ELEMENT (persona)))
    g_clear_object (&persona);

out:
  free_values (values, G_N_ELEMENTS (values));
  return (WaymarkElement *) g_steal_pointer (&persona);
}

static WaymarkElement *
start_stage (Reader         *r,
             int             nb_attributes,
             const xmlChar **attributes)
{
  static const AttrSpec specs[] = {
    { "id", TRUE }, { "name", FALSE }, { "width", FALSE }, { NULL }
  };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  g_autoptr(WaymarkStage) stage = NULL;
  double width = WAYMARK_STAGE_DEFAULT_WIDTH;

  if (!check_count (r, &r->n_stages, WAYMARK_FORMAT_MAX_STAGES, "stage")
      || !collect_attributes (r, "stage", specs, values, &r->current, nb_attributes, attributes))
    goto out;
  if (values[2] != NULL)
    {
      if (!check_number (r, "stage", "width", values[2], &width))
        goto out;
      if (width < WAYMARK_STAGE_MIN_WIDTH || width > WAYMARK_STAGE_MAX_WIDTH)
        {
          fail_attribute (r, "width", WAYMARK_FORMAT_ERROR_VALUE,
                          _("The width of stage “%s” is %s, outside the range from %g to %g."),
                          values[0], values[2], WAYMARK_STAGE_MIN_WIDTH, WAYMARK_STAGE_MAX_WIDTH);
          goto out;
        }
    }
  {
    Props props = { .n = 0 };

    props_string (&props, "id", values[0]);
    props_string (&props, "name", values[1]);
    props_double (&props, "width", width);
    stage = props_new_object (&props, WAYMARK_TYPE_STAGE);
  }
  if (!check_id (r, "stage", values[0], WAYMARK_ELEMENT (stage)))
    g_clear_object (&stage);

out:
  free_values (values, G_N_ELEMENTS (values));
  return (WaymarkElement *) g_steal_pointer (&stage);
}

static WaymarkElement *
start_lane (Reader         *r,
            int             nb_attributes,
            const xmlChar **attributes)
{
  static const AttrSpec specs[] = {
    { "id", TRUE }, { "name", FALSE }, { "kind", FALSE }, { "hidden", FALSE },
    { "collapsed", FALSE }, { NULL }
  };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  g_autoptr(WaymarkLane) lane = NULL;
  WaymarkLaneKind kind = WAYMARK_LANE_CARDS;
  gboolean hidden = FALSE;
  gboolean collapsed = FALSE;

  if (!check_count (r, &r->n_lanes, WAYMARK_FORMAT_MAX_LANES, "lane")
      || !collect_attributes (r, "lane", specs, values, &r->current, nb_attributes, attributes))
    goto out;
  if (values[2] != NULL && !waymark_lane_kind_from_string (values[2], &kind))
    {
      g_autofree char *shown = shorten (values[2]);

      fail_attribute (r, "kind", WAYMARK_FORMAT_ERROR_VALUE,
                      _("Lane “%s” has the kind “%s”, which Waymark does not know."),
                      values[0], shown);
      goto out;
    }
  if (kind == WAYMARK_LANE_METRICS && r->version < 2)
    {
      fail_attribute (r, "kind", WAYMARK_FORMAT_ERROR_VERSION,
                      _("The lane kind “%s” is new in format version 2, but the map says it "
                        "uses version 1."),
                      values[2]);
      goto out;
    }
  if (values[3] != NULL
      && (!check_attribute_version (r, "lane", "hidden", values[3])
          || !check_boolean (r, "hidden", values[3], &hidden)))
    goto out;
  if (values[4] != NULL
      && (!check_attribute_version (r, "lane", "collapsed", values[4])
          || !check_boolean (r, "collapsed", values[4], &collapsed)))
    goto out;
  /* g_object_new: the id is checked below, and the constructor would
   * refuse an empty one with a critical. */
  lane = g_object_new (WAYMARK_TYPE_LANE,
                       "id", values[0],
                       "name", values[1],
                       "kind", kind,
                       "hidden", hidden,
                       "collapsed", collapsed,
                       NULL);
  if (!check_id (r, "lane", values[0], WAYMARK_ELEMENT (lane)))
    g_clear_object (&lane);

out:
  free_values (values, G_N_ELEMENTS (values));
  return (WaymarkElement *) g_steal_pointer (&lane);
}

static WaymarkElement *
start_touchpoint (Reader         *r,
                  int             nb_attributes,
                  const xmlChar **attributes)
{
  enum { ID, STAGE, LANE, TITLE, CHANNEL, OWNER, EMOTION, COLOR, MOMENT, N };
  static const AttrSpec specs[] = {
    { "id", TRUE }, { "stage", TRUE }, { "lane", TRUE }, { "title", FALSE },
    { "channel", FALSE }, { "owner", FALSE }, { "emotion", FALSE }, { "color", FALSE },
    { "moment-of-truth", FALSE }, { NULL }
  };
  gboolean moment = FALSE;
  char *values[N + 1] = { NULL };
  g_autoptr(WaymarkTouchpoint) touchpoint = NULL;
  WaymarkElement *stage;
  WaymarkElement *lane;
  double emotion = 0.0;

  if (!check_count (r, &r->n_touchpoints, WAYMARK_FORMAT_MAX_TOUCHPOINTS, "touchpoint")
      || !collect_attributes (r, "touchpoint", specs, values, &r->current,
                              nb_attributes, attributes))
    goto out;

  if (!is_valid_id (values[ID]))
    {
      /* Reported by check_id() below, before anything refers to the id. */
    }
  else
    {
      stage = check_reference (r, "stage", values[ID], values[STAGE], WAYMARK_TYPE_STAGE,
                               N_("Touchpoint “%s” refers to stage “%s”, which does not exist."),
                               N_("Touchpoint “%s” refers to stage “%s”, which is not a stage."));
      if (stage == NULL)
        goto out;
      lane = check_reference (r, "lane", values[ID], values[LANE], WAYMARK_TYPE_LANE,
                              N_("Touchpoint “%s” refers to lane “%s”, which does not exist."),
                              N_("Touchpoint “%s” refers to lane “%s”, which is not a lane."));
      if (lane == NULL)
        goto out;
      r->current.stage = WAYMARK_STAGE (stage);
      r->current.lane = WAYMARK_LANE (lane);
    }

  if (values[EMOTION] != NULL)
    {
      g_autofree char *shown = shorten (values[EMOTION]);

      if (!parse_double (values[EMOTION], &emotion))
        {
          fail_attribute (r, "emotion", WAYMARK_FORMAT_ERROR_VALUE,
                          _("Touchpoint “%s” has the emotion “%s”, which is not a number."),
                          values[ID], shown);
          goto out;
        }
      if (emotion < r->scale_min || emotion > r->scale_max)
        {
          int clamped = emotion < r->scale_min ? r->scale_min : r->scale_max;

          add_warning (r, attribute_offset (r, NULL, "emotion"),
                       _("Touchpoint “%s” has the emotion %s, outside the map’s scale from %d "
                         "to %d, so it was set to %d."),
                       values[ID], shown, r->scale_min, r->scale_max, clamped);
          emotion = clamped;
        }
    }
  if (values[COLOR] != NULL && !check_color (r, values[COLOR]))
    goto out;
  if (values[MOMENT] != NULL
      && (!check_attribute_version (r, "touchpoint", "moment-of-truth", values[MOMENT])
          || !check_boolean (r, "moment-of-truth", values[MOMENT], &moment)))
    goto out;

  {
    Props props = { .n = 0 };

    props_string (&props, "id", values[ID]);
    props_string (&props, "title", values[TITLE]);
    props_string (&props, "channel", values[CHANNEL]);
    props_string (&props, "owner", values[OWNER]);
    props_string (&props, "color", values[COLOR]);
    if (values[EMOTION] != NULL)
      {
        g_value_set_boolean (props_add (&props, "has-emotion", G_TYPE_BOOLEAN), TRUE);
        props_double (&props, "emotion", emotion);
      }
    if (moment)
      g_value_set_boolean (props_add (&props, "moment-of-truth", G_TYPE_BOOLEAN), TRUE);
    touchpoint = props_new_object (&props, WAYMARK_TYPE_TOUCHPOINT);
  }
  if (!check_id (r, "touchpoint", values[ID], WAYMARK_ELEMENT (touchpoint)))
    g_clear_object (&touchpoint);

out:
  free_values (values, N);
  return (WaymarkElement *) g_steal_pointer (&touchpoint);
}

static WaymarkElement *
start_curve (Reader         *r,
             int             nb_attributes,
             const xmlChar **attributes)
{
  static const AttrSpec specs[] = {
    { "id", TRUE }, { "name", FALSE }, { "persona", FALSE }, { "state", FALSE },
    { "visible", FALSE }, { NULL }
  };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  g_autoptr(WaymarkCurve) curve = NULL;
  WaymarkElement *persona = NULL;
  WaymarkCurveState state = WAYMARK_CURVE_CURRENT;
  gboolean visible = TRUE;

  if (!check_count (r, &r->n_curves, WAYMARK_FORMAT_MAX_CURVES, "curve")
      || !collect_attributes (r, "curve", specs, values, &r->current, nb_attributes, attributes))
    goto out;
  if (values[2] != NULL && is_valid_id (values[0]))
    {
      persona = check_reference (r, "persona", values[0], values[2], WAYMARK_TYPE_PERSONA,
                                 N_("Curve “%s” refers to persona “%s”, which does not exist."),
                                 N_("Curve “%s” refers to persona “%s”, which is not a "
                                    "persona."));
      if (persona == NULL)
        goto out;
    }
  if (values[3] != NULL && !waymark_curve_state_from_string (values[3], &state))
    {
      g_autofree char *shown = shorten (values[3]);

      fail_attribute (r, "state", WAYMARK_FORMAT_ERROR_VALUE,
                      _("Curve “%s” has the state “%s”; it must be “current” or “future”."),
                      values[0], shown);
      goto out;
    }
  if (values[4] != NULL
      && (!check_attribute_version (r, "curve", "visible", values[4])
          || !check_boolean (r, "visible", values[4], &visible)))
    goto out;
  /* As for lanes: the id is checked below, not by the constructor. */
  curve = g_object_new (WAYMARK_TYPE_CURVE,
                        "id", values[0],
                        "persona", persona,
                        "state", state,
                        NULL);
  if (values[1] != NULL)
    g_object_set (curve, "name", values[1], NULL);
  if (!visible)
    g_object_set (curve, "visible", FALSE, NULL);
  if (!check_id (r, "curve", values[0], WAYMARK_ELEMENT (curve)))
    g_clear_object (&curve);

out:
  free_values (values, G_N_ELEMENTS (values));
  return (WaymarkElement *) g_steal_pointer (&curve);
}

static void
start_metric (Reader         *r,
              int             nb_attributes,
              const xmlChar **attributes)
{
  enum { NAME, VALUE, TARGET, UNIT, HIGHER, N };
  static const AttrSpec specs[] = {
    { "name", TRUE }, { "value", TRUE }, { "target", FALSE }, { "unit", FALSE },
    { "higher-is-better", FALSE }, { NULL }
  };
  char *values[N + 1] = { NULL };
  double value;
  double target = NAN;
  gboolean higher = TRUE;
  Building *b = &r->current;

  if (b->metrics != NULL && b->metrics->len >= WAYMARK_FORMAT_MAX_ITEMS)
    {
      if (WAYMARK_IS_STAGE (b->element))
        fail_element (r, WAYMARK_FORMAT_ERROR_LIMIT,
                      _("Stage “%s” has more than %u metrics."),
                      waymark_element_get_id (b->element), WAYMARK_FORMAT_MAX_ITEMS);
      else
        fail_element (r, WAYMARK_FORMAT_ERROR_LIMIT,
                      _("Touchpoint “%s” has more than %u metrics."),
                      waymark_element_get_id (b->element), WAYMARK_FORMAT_MAX_ITEMS);
      return;
    }
  if (!collect_attributes (r, "metric", specs, values, NULL, nb_attributes, attributes))
    goto out;
  if (!check_number (r, "metric", "value", values[VALUE], &value))
    goto out;
  if (values[TARGET] != NULL && !check_number (r, "metric", "target", values[TARGET], &target))
    goto out;
  if (values[HIGHER] != NULL && !check_boolean (r, "higher-is-better", values[HIGHER], &higher))
    goto out;

  if (b->metrics == NULL)
    b->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_metric_unref);
  g_ptr_array_add (b->metrics, waymark_metric_new (values[NAME], value, target,
                                                   values[UNIT], higher));

out:
  free_values (values, N);
}

static void
start_point (Reader         *r,
             int             nb_attributes,
             const xmlChar **attributes)
{
  static const AttrSpec specs[] = {
    { "stage", TRUE }, { "value", TRUE }, { "note", FALSE }, { NULL }
  };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  Building *b = &r->current;
  const char *curve_id = waymark_element_get_id (b->element);
  WaymarkElement *stage;
  PointValue pv = { NULL, 0.0, NULL };

  if (!collect_attributes (r, "point", specs, values, NULL, nb_attributes, attributes))
    goto out;
  stage = check_reference (r, "stage", curve_id, values[0], WAYMARK_TYPE_STAGE,
                           N_("Curve “%s” has a point at stage “%s”, which does not exist."),
                           N_("Curve “%s” has a point at stage “%s”, which is not a stage."));
  if (stage == NULL)
    goto out;
  if (!parse_double (values[1], &pv.value))
    {
      g_autofree char *shown = shorten (values[1]);

      fail_attribute (r, "value", WAYMARK_FORMAT_ERROR_VALUE,
                      _("Curve “%s” has the value “%s” at stage “%s”, which is not a number."),
                      curve_id, shown, values[0]);
      goto out;
    }
  if (!check_attribute_version (r, "point", "note", values[2]))
    goto out;
  if (pv.value < r->scale_min || pv.value > r->scale_max)
    {
      int clamped = pv.value < r->scale_min ? r->scale_min : r->scale_max;
      g_autofree char *shown = shorten (values[1]);

      add_warning (r, attribute_offset (r, NULL, "value"),
                   _("Curve “%s” has the value %s at stage “%s”, outside the map’s scale from "
                     "%d to %d, so it was set to %d."),
                   curve_id, shown, values[0], r->scale_min, r->scale_max, clamped);
      pv.value = clamped;
    }
  pv.stage = WAYMARK_STAGE (stage);

  if (b->points == NULL)
    {
      b->points = g_array_new (FALSE, FALSE, sizeof (PointValue));
      g_array_set_clear_func (b->points, (GDestroyNotify) point_value_clear);
    }
  for (guint i = 0; i < b->points->len; i++)
    if (g_array_index (b->points, PointValue, i).stage == pv.stage)
      {
        fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                      _("Curve “%s” has two points for stage “%s”."), curve_id, values[0]);
        goto out;
      }
  pv.note = g_steal_pointer (&values[2]);
  g_array_append_val (b->points, pv);

out:
  free_values (values, G_N_ELEMENTS (values));
}

/* A whole number in an attribute; "2.0" is read as 2. */
static gboolean
check_whole_number (Reader     *r,
                    const char *element,
                    const char *attribute,
                    const char *value,
                    int        *out)
{
  double d;

  if (!parse_double (value, &d) || d != floor (d) || fabs (d) > G_MAXINT / 2)
    {
      g_autofree char *shown = shorten (value);

      fail_attribute (r, attribute, WAYMARK_FORMAT_ERROR_VALUE,
                      _("The attribute “%s” of “%s” is “%s”, which is not a whole number."),
                      attribute, element, shown);
      return FALSE;
    }
  *out = (int) d;
  return TRUE;
}

static void
start_scale (Reader         *r,
             int             nb_attributes,
             const xmlChar **attributes)
{
  static const AttrSpec specs[] = { { "min", TRUE }, { "max", TRUE }, { NULL } };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  int bounds[2];

  if (!collect_attributes (r, "emotion-scale", specs, values, NULL, nb_attributes, attributes))
    goto out;
  for (guint i = 0; i < 2; i++)
    {
      if (!check_whole_number (r, "emotion-scale", specs[i].name, values[i], &bounds[i]))
        goto out;
      if (ABS (bounds[i]) > WAYMARK_EMOTION_SCALE_LIMIT)
        {
          fail_attribute (r, specs[i].name, WAYMARK_FORMAT_ERROR_VALUE,
                          _("The attribute “%s” of “emotion-scale” is %d, outside the range "
                            "from −%d to +%d."),
                          specs[i].name, bounds[i], WAYMARK_EMOTION_SCALE_LIMIT,
                          WAYMARK_EMOTION_SCALE_LIMIT);
          goto out;
        }
    }
  if (bounds[0] >= bounds[1])
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_VALUE,
                    _("The emotion scale goes from %d to %d; its minimum must be less than "
                      "its maximum."),
                    bounds[0], bounds[1]);
      goto out;
    }
  if (bounds[1] - bounds[0] > WAYMARK_EMOTION_MAX_STEPS)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_VALUE,
                    _("The emotion scale from %d to %d has %d steps; Waymark allows at "
                      "most %d."),
                    bounds[0], bounds[1], bounds[1] - bounds[0], WAYMARK_EMOTION_MAX_STEPS);
      goto out;
    }

  r->scale_min = bounds[0];
  r->scale_max = bounds[1];
  r->levels = g_ptr_array_new_with_free_func (g_free);
  for (int v = bounds[0]; v <= bounds[1]; v++)
    g_ptr_array_add (r->levels, NULL);

out:
  free_values (values, G_N_ELEMENTS (values));
}

static void
start_level (Reader         *r,
             int             nb_attributes,
             const xmlChar **attributes)
{
  static const AttrSpec specs[] = { { "value", TRUE }, { "name", TRUE }, { NULL } };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  int value;
  char **slot;

  if (!collect_attributes (r, "level", specs, values, NULL, nb_attributes, attributes)
      || !check_whole_number (r, "level", "value", values[0], &value))
    goto out;
  if (value < r->scale_min || value > r->scale_max)
    {
      fail_attribute (r, "value", WAYMARK_FORMAT_ERROR_VALUE,
                      _("The level %d is outside the emotion scale from %d to %d."),
                      value, r->scale_min, r->scale_max);
      goto out;
    }
  slot = (char **) &g_ptr_array_index (r->levels, value - r->scale_min);
  if (*slot != NULL)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                    _("The emotion scale names the level %d twice."), value);
      goto out;
    }
  *slot = g_steal_pointer (&values[1]);

out:
  free_values (values, G_N_ELEMENTS (values));
}

static void
finish_scale (Reader *r)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean named = FALSE;

  if (r->levels == NULL)
    return;
  for (guint i = 0; i < r->levels->len; i++)
    {
      const char *name = g_ptr_array_index (r->levels, i);

      named |= name != NULL && name[0] != '\0';
      g_ptr_array_add (names, (gpointer) (name != NULL ? name : ""));
    }
  g_ptr_array_add (names, NULL);
  waymark_document_load_emotion_scale (r->document, r->scale_min, r->scale_max,
                                       named ? (const char * const *) names->pdata : NULL);
}

static WaymarkElement *
start_owner (Reader         *r,
             int             nb_attributes,
             const xmlChar **attributes)
{
  static const AttrSpec specs[] = {
    { "id", TRUE }, { "name", FALSE }, { "color", FALSE }, { NULL }
  };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  g_autoptr(WaymarkOwner) owner = NULL;

  if (!check_count (r, &r->n_owners, WAYMARK_FORMAT_MAX_OWNERS, "owner")
      || !collect_attributes (r, "owner", specs, values, &r->current, nb_attributes, attributes))
    goto out;
  if (values[2] != NULL && !check_color (r, values[2]))
    goto out;
  /* Two owners may share a name (the editor does not forbid it); cards
   * then belong to the first. */
  /* g_object_new, not waymark_owner_new: the id is checked just below,
   * and the constructor would refuse an empty one with a critical. */
  owner = g_object_new (WAYMARK_TYPE_OWNER,
                        "id", values[0],
                        "name", values[1],
                        "color", values[2],
                        NULL);
  if (!check_id (r, "owner", values[0], WAYMARK_ELEMENT (owner)))
    g_clear_object (&owner);

out:
  free_values (values, G_N_ELEMENTS (values));
  return (WaymarkElement *) g_steal_pointer (&owner);
}

static WaymarkElement *
start_view (Reader         *r,
            int             nb_attributes,
            const xmlChar **attributes)
{
  static const AttrSpec specs[] = {
    { "id", TRUE }, { "name", FALSE }, { "color-by-owner", FALSE }, { NULL }
  };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  g_autoptr(WaymarkView) view = NULL;
  gboolean color_by_owner = FALSE;

  if (!check_count (r, &r->n_views, WAYMARK_FORMAT_MAX_VIEWS, "view")
      || !collect_attributes (r, "view", specs, values, &r->current, nb_attributes, attributes))
    goto out;
  if (values[2] != NULL && !check_boolean (r, "color-by-owner", values[2], &color_by_owner))
    goto out;
  /* As for owners: the id is checked below, not by the constructor. */
  view = g_object_new (WAYMARK_TYPE_VIEW,
                       "id", values[0],
                       "name", values[1],
                       "color-by-owner", color_by_owner,
                       NULL);
  if (!check_id (r, "view", values[0], WAYMARK_ELEMENT (view)))
    g_clear_object (&view);

out:
  free_values (values, G_N_ELEMENTS (values));
  return (WaymarkElement *) g_steal_pointer (&view);
}

static gboolean
contains_string (GPtrArray  *array,
                 const char *str)
{
  for (guint i = 0; array != NULL && i < array->len; i++)
    if (strcmp (g_ptr_array_index (array, i), str) == 0)
      return TRUE;
  return FALSE;
}

/* Lanes and curves come before views, so these refer backwards. */
static void
start_show (Reader         *r,
            int             nb_attributes,
            const xmlChar **attributes)
{
  static const AttrSpec specs[] = { { "lane", FALSE }, { "curve", FALSE }, { NULL } };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  Building *b = &r->current;
  const char *view_id = waymark_element_get_id (b->element);
  gboolean is_lane;
  const char *id;
  GPtrArray **list;

  if (!collect_attributes (r, "show", specs, values, NULL, nb_attributes, attributes))
    goto out;
  if ((values[0] == NULL) == (values[1] == NULL))
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                    _("The element “show” needs exactly one of the attributes “lane” and "
                      "“curve”."));
      goto out;
    }
  is_lane = values[0] != NULL;
  id = is_lane ? values[0] : values[1];
  if (is_lane
      ? check_reference (r, "lane", view_id, id, WAYMARK_TYPE_LANE,
                         N_("View “%s” shows lane “%s”, which does not exist."),
                         N_("View “%s” shows lane “%s”, which is not a lane.")) == NULL
      : check_reference (r, "curve", view_id, id, WAYMARK_TYPE_CURVE,
                         N_("View “%s” shows curve “%s”, which does not exist."),
                         N_("View “%s” shows curve “%s”, which is not a curve.")) == NULL)
    goto out;

  list = is_lane ? &b->view_lanes : &b->view_curves;
  if (contains_string (*list, id))
    {
      if (is_lane)
        fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                      _("View “%s” shows lane “%s” twice."), view_id, id);
      else
        fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                      _("View “%s” shows curve “%s” twice."), view_id, id);
      goto out;
    }
  if (*list == NULL)
    *list = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (*list, g_strdup (id));

out:
  free_values (values, G_N_ELEMENTS (values));
}

static void
start_link (Reader         *r,
            int             nb_attributes,
            const xmlChar **attributes)
{
  static const AttrSpec specs[] = { { "to", TRUE }, { NULL } };
  char *values[G_N_ELEMENTS (specs)] = { NULL };
  Building *b = &r->current;
  const char *id = waymark_element_get_id (b->element);
  PendingLink link;

  if (b->links != NULL && b->links->len >= WAYMARK_FORMAT_MAX_ITEMS)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_LIMIT,
                    _("Touchpoint “%s” has more than %u links."), id, WAYMARK_FORMAT_MAX_ITEMS);
      return;
    }
  if (!collect_attributes (r, "link", specs, values, NULL, nb_attributes, attributes))
    goto out;
  if (strcmp (values[0], id) == 0)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_REFERENCE,
                    _("Touchpoint “%s” is linked to itself; a link joins two different "
                      "touchpoints."),
                    id);
      goto out;
    }

  if (b->links == NULL)
    b->links = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (b->links, g_strdup (values[0]));
  link.from = id;
  link.to = g_steal_pointer (&values[0]);
  link.offset = element_offset (r);
  g_array_append_val (r->links, link);

out:
  free_values (values, G_N_ELEMENTS (values));
}

/* At the end of the file, when every touchpoint is known. */
static gboolean
resolve_links (Reader *r)
{
  for (guint i = 0; i < r->links->len; i++)
    {
      PendingLink *link = &g_array_index (r->links, PendingLink, i);
      WaymarkElement *target = g_hash_table_lookup (r->ids, link->to);
      g_autofree char *shown = NULL;
      char *pair;

      if (target == NULL || !WAYMARK_IS_TOUCHPOINT (target))
        {
          shown = shorten (link->to);
          if (target == NULL)
            fail_at_offset (r, link->offset, WAYMARK_FORMAT_ERROR_REFERENCE,
                            _("Touchpoint “%s” is linked to “%s”, which does not exist."),
                            link->from, shown);
          else
            fail_at_offset (r, link->offset, WAYMARK_FORMAT_ERROR_REFERENCE,
                            _("Touchpoint “%s” is linked to “%s”, which is not a touchpoint."),
                            link->from, shown);
          return FALSE;
        }

      /* Links have no direction: a→b and b→a are the same link. */
      if (strcmp (link->from, link->to) < 0)
        pair = g_strconcat (link->from, "\n", link->to, NULL);
      else
        pair = g_strconcat (link->to, "\n", link->from, NULL);
      if (!g_hash_table_add (r->link_pairs, pair))
        {
          fail_at_offset (r, link->offset, WAYMARK_FORMAT_ERROR_STRUCTURE,
                          _("Touchpoints “%s” and “%s” are linked twice."),
                          link->from, link->to);
          return FALSE;
        }
    }
  return TRUE;
}

/* Version 1 had no owners list: it is built from the owners the cards
 * name, in the order they first appear, each with a colour of its own. */
static void
upgrade_owners (Reader *r)
{
  static const char * const colors[] = {
    "#3584e4", "#e66100", "#26a269", "#9141ac", "#e5a50a",
    "#2190a4", "#c061cb", "#986a44", "#c01c28", "#6f8396",
  };
  GListModel *touchpoints = waymark_document_get_touchpoints (r->document);
  guint n = g_list_model_get_n_items (touchpoints);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_owners = 0;

  for (guint i = 0; i < n && n_owners < WAYMARK_FORMAT_MAX_OWNERS; i++)
    {
      g_autoptr(WaymarkTouchpoint) touchpoint = g_list_model_get_item (touchpoints, i);
      const char *name = waymark_touchpoint_get_owner (touchpoint);
      g_autoptr(WaymarkOwner) owner = NULL;
      g_autofree char *id = NULL;

      if (name == NULL || name[0] == '\0' || g_hash_table_contains (seen, name))
        continue;
      g_hash_table_add (seen, g_strdup (name));
      id = waymark_document_make_id (r->document, WAYMARK_TYPE_OWNER);
      owner = waymark_owner_new (id, name, colors[n_owners % G_N_ELEMENTS (colors)]);
      waymark_document_load_owner (r->document, owner);
      n_owners++;
    }
}

static const ChildSpec *
children_of (Ctx ctx)
{
  switch (ctx)
    {
    case CTX_ROOT: return root_children;
    case CTX_PERSONA: return persona_children;
    case CTX_STAGE: return stage_children;
    case CTX_LANE: return description_only;
    case CTX_TOUCHPOINT: return touchpoint_children;
    case CTX_CURVE: return curve_children;
    case CTX_SCALE: return scale_children;
    case CTX_VIEW: return view_children;
    case CTX_OWNER: return no_children;
    case CTX_NONE:
    case CTX_TEXT:
    case CTX_METRIC:
    case CTX_POINT:
    case CTX_LEVEL:
    case CTX_LINK:
    case CTX_SHOW:
    case CTX_FOREIGN:
    case CTX_IGNORED:
    default:
      return NULL;
    }
}

static Building *
building_of (Reader *r,
             Ctx     ctx)
{
  return ctx == CTX_ROOT ? &r->root : &r->current;
}

static const char *
name_of (Reader *r,
         Ctx     ctx)
{
  switch (ctx)
    {
    case CTX_ROOT: return "journey-map";
    case CTX_PERSONA:
    case CTX_STAGE:
    case CTX_LANE:
    case CTX_TOUCHPOINT:
    case CTX_CURVE:
    case CTX_OWNER:
    case CTX_VIEW: return r->current.element_name;
    case CTX_TEXT: return r->text_element;
    case CTX_METRIC: return "metric";
    case CTX_POINT: return "point";
    case CTX_SCALE: return "emotion-scale";
    case CTX_LEVEL: return "level";
    case CTX_LINK: return "link";
    case CTX_SHOW: return "show";
    case CTX_NONE:
    case CTX_FOREIGN:
    case CTX_IGNORED:
    default:
      return "";
    }
}

static Ctx
start_child (Reader         *r,
             Ctx             parent,
             const char     *local,
             const char     *uri,
             int             nb_attributes,
             const xmlChar **attributes)
{
  const ChildSpec *specs = children_of (parent);
  const ChildSpec *spec = NULL;
  Building *b = building_of (r, parent);
  WaymarkElement *element = NULL;

  for (guint i = 0; specs != NULL && specs[i].name != NULL; i++)
    if (strcmp (specs[i].name, local) == 0)
      spec = &specs[i];

  if (spec == NULL || uri == NULL)
    {
      if (spec != NULL)
        fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                      _("The element “%s” is not in the Waymark namespace."), local);
      else if (parent == CTX_TEXT)
        fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                      _("The text of “%s” cannot contain elements such as “%s”."),
                      name_of (r, parent), local);
      else
        fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                      _("Waymark does not know an element “%s” inside “%s”."),
                      local, name_of (r, parent));
      return CTX_NONE;
    }

  if (spec->rank < b->rank)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                    _("The element “%s” cannot come after “%s”."), local, b->last_child);
      return CTX_NONE;
    }
  if (spec->once && (b->seen & (1u << spec->rank)))
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                    _("The element “%s” appears twice inside “%s”."), local, name_of (r, parent));
      return CTX_NONE;
    }
  if (spec->version > r->version)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_VERSION,
                    _("The element “%s” is new in format version 2, but the map says it uses "
                      "version 1."),
                    local);
      return CTX_NONE;
    }
  b->rank = spec->rank;
  b->seen |= 1u << spec->rank;
  b->last_child = spec->name;

  switch (spec->ctx)
    {
    case CTX_TEXT:
      if (spec->field == TEXT_PICTURE)
        {
          static const AttrSpec picture_specs[] = { { "type", TRUE }, { NULL } };
          char *type = NULL;

          if (!collect_attributes (r, local, picture_specs, &type, NULL,
                                   nb_attributes, attributes))
            {
              g_free (type);
              return CTX_NONE;
            }
          if (strcmp (type, "image/png") != 0 && strcmp (type, "image/jpeg") != 0)
            {
              g_autofree char *shown = shorten (type);

              g_free (type);
              fail_attribute (r, "type", WAYMARK_FORMAT_ERROR_VALUE,
                              _("The picture of persona “%s” has the type “%s”; it must be "
                                "“image/png” or “image/jpeg”."),
                              waymark_element_get_id (b->element), shown);
              return CTX_NONE;
            }
          g_free (b->picture_type);
          b->picture_type = type;
          b->picture_offset = element_offset (r);
        }
      else if (!collect_attributes (r, local, (const AttrSpec[]) { { NULL } }, NULL, NULL,
                                    nb_attributes, attributes))
        return CTX_NONE;
      if (spec->field == TEXT_PAIN_POINT || spec->field == TEXT_OPPORTUNITY)
        {
          GPtrArray **list = spec->field == TEXT_PAIN_POINT ? &b->pain_points
                                                            : &b->opportunities;

          if (*list != NULL && (*list)->len >= WAYMARK_FORMAT_MAX_ITEMS)
            {
              fail_element (r, WAYMARK_FORMAT_ERROR_LIMIT,
                            _("Touchpoint “%s” has more than %u elements “%s”."),
                            waymark_element_get_id (b->element), WAYMARK_FORMAT_MAX_ITEMS,
                            local);
              return CTX_NONE;
            }
        }
      r->owner = b;
      r->text_field = spec->field;
      r->text_element = spec->name;
      g_string_truncate (r->text, 0);
      return CTX_TEXT;

    case CTX_METRIC:
      start_metric (r, nb_attributes, attributes);
      return CTX_METRIC;

    case CTX_POINT:
      start_point (r, nb_attributes, attributes);
      return CTX_POINT;

    case CTX_SCALE:
      start_scale (r, nb_attributes, attributes);
      return CTX_SCALE;

    case CTX_LEVEL:
      start_level (r, nb_attributes, attributes);
      return CTX_LEVEL;

    case CTX_LINK:
      start_link (r, nb_attributes, attributes);
      return CTX_LINK;

    case CTX_SHOW:
      start_show (r, nb_attributes, attributes);
      return CTX_SHOW;

    case CTX_PERSONA:
    case CTX_STAGE:
    case CTX_LANE:
    case CTX_TOUCHPOINT:
    case CTX_CURVE:
    case CTX_OWNER:
    case CTX_VIEW:
      building_start (&r->current, spec->name, NULL);
      break;

    case CTX_NONE:
    case CTX_ROOT:
    case CTX_FOREIGN:
    case CTX_IGNORED:
    default:
      g_assert_not_reached ();
    }

  switch (spec->ctx)
    {
    case CTX_PERSONA:
      element = start_persona (r, nb_attributes, attributes);
      break;
    case CTX_STAGE:
      element = start_stage (r, nb_attributes, attributes);
      break;
    case CTX_LANE:
      element = start_lane (r, nb_attributes, attributes);
      break;
    case CTX_TOUCHPOINT:
      element = start_touchpoint (r, nb_attributes, attributes);
      break;
    case CTX_CURVE:
      element = start_curve (r, nb_attributes, attributes);
      break;
    case CTX_OWNER:
      element = start_owner (r, nb_attributes, attributes);
      break;
    case CTX_VIEW:
      element = start_view (r, nb_attributes, attributes);
      break;
    case CTX_NONE:
    case CTX_ROOT:
    case CTX_TEXT:
    case CTX_METRIC:
    case CTX_POINT:
    case CTX_SCALE:
    case CTX_LEVEL:
    case CTX_LINK:
    case CTX_SHOW:
    case CTX_FOREIGN:
    case CTX_IGNORED:
    default:
      g_assert_not_reached ();
    }

  if (element == NULL)
    return CTX_NONE;
  r->current.element = element;
  return spec->ctx;
}

/* ---- SAX2 callbacks ---------------------------------------------------- */

/* Called from startElementNs: whether the tag libxml2 just read ends with
 * ">" or "/>" inside the input. */
static gboolean
start_tag_closed (Reader *r)
{
  gsize off = current_offset (r);

  while (off < r->length && is_space (r->data[off]))
    off++;
  if (off >= r->length)
    return FALSE;
  if (r->data[off] == '>')
    return TRUE;
  return r->data[off] == '/' && off + 1 < r->length && r->data[off + 1] == '>';
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *URI,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  Reader *r = user_data;
  const char *local = (const char *) localname;
  const char *uri = (const char *) URI;
  Ctx parent;
  Ctx ctx = CTX_NONE;

  if (r->error != NULL)
    return;

  /* libxml2 reports a start tag before it checks that the tag is closed;
   * in a file cut off inside a tag, that would judge half a name ("j" for
   * "journey-map"). Leave it to libxml2's own error, which follows. */
  if (!start_tag_closed (r))
    return;

  r->depth++;
  if (r->depth > WAYMARK_FORMAT_MAX_DEPTH)
    {
      fail_element (r, WAYMARK_FORMAT_ERROR_LIMIT,
                    _("Elements are nested more than %u deep."), WAYMARK_FORMAT_MAX_DEPTH);
      return;
    }
  parent = r->stack[r->depth - 1];

  if (parent == CTX_IGNORED)
    {
      ctx = CTX_IGNORED;
    }
  else if (parent == CTX_FOREIGN)
    {
      _waymark_foreign_builder_start (&r->foreign, local, (const char *) prefix, uri,
                                      nb_namespaces, (const char **) namespaces,
                                      nb_attributes, (const char **) attributes);
      ctx = CTX_FOREIGN;
    }
  else if (r->depth == 1)
    {
      building_start (&r->root, "journey-map", NULL);
      start_root (r, local, uri, nb_attributes, attributes);
      ctx = CTX_ROOT;
    }
  else if (is_foreign (uri))
    {
      switch (parent)
        {
        case CTX_ROOT:
        case CTX_PERSONA:
        case CTX_STAGE:
        case CTX_LANE:
        case CTX_TOUCHPOINT:
        case CTX_CURVE:
        case CTX_OWNER:
        case CTX_VIEW:
          r->owner = building_of (r, parent);
          _waymark_foreign_builder_init (&r->foreign);
          _waymark_foreign_builder_start (&r->foreign, local, (const char *) prefix, uri,
                                          nb_namespaces, (const char **) namespaces,
                                          nb_attributes, (const char **) attributes);
          ctx = CTX_FOREIGN;
          break;
        case CTX_METRIC:
        case CTX_POINT:
        case CTX_SCALE:
        case CTX_LEVEL:
        case CTX_LINK:
        case CTX_SHOW:
          ctx = CTX_IGNORED;
          break;
        case CTX_TEXT:
          fail_element (r, WAYMARK_FORMAT_ERROR_STRUCTURE,
                        _("The text of “%s” cannot contain elements such as “%s”."),
                        r->text_element, local);
          return;
        case CTX_NONE:
        case CTX_FOREIGN:
        case CTX_IGNORED:
        default:
          g_assert_not_reached ();
        }
    }
  else
    {
      ctx = start_child (r, parent, local, uri, nb_attributes, attributes);
    }

  if (ctx == CTX_FOREIGN)
    {
      Building *owner = r->owner;

      if (owner->foreign_size + r->foreign.size > WAYMARK_FORMAT_MAX_EXTENSION_SIZE)
        {
          fail_element (r, WAYMARK_FORMAT_ERROR_LIMIT,
                        _("The element “%s” carries more than %u bytes of content from other "
                          "namespaces."),
                        owner->element_name, WAYMARK_FORMAT_MAX_EXTENSION_SIZE);
          return;
        }
    }

  r->stack[r->depth] = ctx;
}

static void
on_end_element (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *URI)
{
  Reader *r = user_data;
  Ctx ctx;

  if (r->error != NULL)
    return;

  ctx = r->stack[r->depth];
  switch (ctx)
    {
    case CTX_FOREIGN:
      {
        WaymarkForeignNode *done = _waymark_foreign_builder_end (&r->foreign);

        if (done != NULL)
          {
            Building *owner = r->owner;

            owner->foreign_size += r->foreign.size;
            if (owner->foreign_children == NULL)
              owner->foreign_children =
                g_ptr_array_new_with_free_func ((GDestroyNotify) _waymark_foreign_node_free);
            g_ptr_array_add (owner->foreign_children, done);
            _waymark_foreign_builder_clear (&r->foreign);
          }
      }
      break;

    case CTX_TEXT:
      {
        Building *b = r->owner;
        char *text = g_strndup (r->text->str, r->text->len);

        if (r->text_field == TEXT_PAIN_POINT || r->text_field == TEXT_OPPORTUNITY)
          {
            GPtrArray **list = r->text_field == TEXT_PAIN_POINT ? &b->pain_points
                                                                : &b->opportunities;

            if (*list == NULL)
              *list = g_ptr_array_new_with_free_func (g_free);
            g_ptr_array_add (*list, text);
          }
        else
          {
            g_free (b->texts[r->text_field]);
            b->texts[r->text_field] = text;
          }
      }
      break;

    case CTX_PERSONA:
    case CTX_STAGE:
    case CTX_LANE:
    case CTX_TOUCHPOINT:
    case CTX_CURVE:
    case CTX_OWNER:
    case CTX_VIEW:
      finish_building (r, &r->current);
      break;

    case CTX_SCALE:
      finish_scale (r);
      break;

    case CTX_ROOT:
      {
        Building *b = &r->root;
        g_autofree char *data = NULL;

        if (!resolve_links (r))
          break;
        if (r->version < 2)
          upgrade_owners (r);
        data = _waymark_extension_build (b->foreign_attrs, b->foreign_children);

        waymark_document_load_metadata (r->document,
                                        b->texts[TEXT_TITLE],
                                        b->texts[TEXT_DESCRIPTION],
                                        b->texts[TEXT_AUTHOR]);
        waymark_document_set_extension_data (r->document, data);
        building_clear (b);
      }
      break;

    case CTX_METRIC:
    case CTX_POINT:
    case CTX_LEVEL:
    case CTX_LINK:
    case CTX_SHOW:
    case CTX_IGNORED:
    case CTX_NONE:
    default:
      break;
    }

  r->depth--;
}

static void
on_characters (void          *user_data,
               const xmlChar *ch,
               int            len)
{
  Reader *r = user_data;
  const char *text = (const char *) ch;

  if (r->error != NULL || len <= 0)
    return;

  switch (r->stack[r->depth])
    {
    case CTX_TEXT:
      {
        guint limit = r->text_field == TEXT_PICTURE ? MAX_PICTURE_TEXT_LENGTH
                                                    : WAYMARK_FORMAT_MAX_TEXT_LENGTH;

        if (r->text->len + len > limit)
          {
            fail_at_offset (r, current_offset (r), WAYMARK_FORMAT_ERROR_LIMIT,
                            _("The text of “%s” is longer than the limit of %u bytes."),
                            r->text_element, limit);
            return;
          }
      }
      g_string_append_len (r->text, text, len);
      break;

    case CTX_FOREIGN:
      _waymark_foreign_builder_text (&r->foreign, text, len);
      if (r->owner->foreign_size + r->foreign.size > WAYMARK_FORMAT_MAX_EXTENSION_SIZE)
        fail_at_offset (r, current_offset (r), WAYMARK_FORMAT_ERROR_LIMIT,
                        _("The element “%s” carries more than %u bytes of content from other "
                          "namespaces."),
                        r->owner->element_name, WAYMARK_FORMAT_MAX_EXTENSION_SIZE);
      break;

    case CTX_IGNORED:
      break;

    case CTX_NONE:
    case CTX_ROOT:
    case CTX_PERSONA:
    case CTX_STAGE:
    case CTX_LANE:
    case CTX_TOUCHPOINT:
    case CTX_CURVE:
    case CTX_METRIC:
    case CTX_POINT:
    case CTX_SCALE:
    case CTX_LEVEL:
    case CTX_OWNER:
    case CTX_VIEW:
    case CTX_LINK:
    case CTX_SHOW:
    default:
      if (!is_blank (text, len))
        {
          gsize end = current_offset (r);
          gsize offset = end;
          int skip = 0;

          while (skip < len && is_space (text[skip]))
            skip++;
          /* Point at the text itself when the file holds it verbatim. */
          if (end >= (gsize) len && memcmp (r->data + end - len, text, len) == 0)
            offset = end - len + skip;
          fail_at_offset (r, offset, WAYMARK_FORMAT_ERROR_STRUCTURE,
                          _("Text is not allowed directly inside “%s”."),
                          name_of (r, r->stack[r->depth]));
        }
      break;
    }
}

static void
on_doctype (void          *user_data,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  Reader *r = user_data;
  const char *found = g_strstr_len (r->data, r->length, "<!DOCTYPE");

  fail_at_offset (r, found != NULL ? (gsize) (found - r->data) : current_offset (r),
                  WAYMARK_FORMAT_ERROR_FORBIDDEN,
                  _("The file contains a document type declaration (DOCTYPE); journey maps "
                    "may not have one, as it could make Waymark load other files."));
}

static void
on_entity_decl (void          *user_data,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  Reader *r = user_data;

  fail_at_offset (r, current_offset (r), WAYMARK_FORMAT_ERROR_FORBIDDEN,
                  _("The file declares the entity “%s”; journey maps may not use entities."),
                  (const char *) name);
}

/* ---- Before parsing ---------------------------------------------------- */

static gboolean
check_encoding (Reader *r)
{
  const char *p = r->data;
  gsize n = MIN (r->length, 256);
  const char *decl_end;

  /* libxml2 would recognise UTF-16 and UCS-4 by their first bytes and
   * convert them; journey maps are UTF-8 only, and all of these have
   * bytes that are not UTF-8 (or NULs) at the start. The rest of the file
   * is checked only if parsing fails, see check_utf8_before(). */
  if (!check_utf8_before (r, 1024))
    return FALSE;

  /* libxml2 is told to ignore the declared encoding (the bytes are UTF-8
   * whatever it says), so a different declaration is an error here. */
  if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (n - (p - r->data) < 5 || memcmp (p, "<?xml", 5) != 0)
    return TRUE;
  decl_end = g_strstr_len (p, n - (p - r->data), "?>");
  if (decl_end != NULL)
    {
      const char *enc = g_strstr_len (p, decl_end - p, "encoding");

      if (enc != NULL)
        {
          const char *q = enc + strlen ("encoding");
          const char *value;
          char quote;

          while (q < decl_end && (is_space (*q) || *q == '='))
            q++;
          if (q < decl_end && (*q == '"' || *q == '\''))
            {
              quote = *q++;
              value = q;
              while (q < decl_end && *q != quote)
                q++;
              if (!((q - value == 5 && g_ascii_strncasecmp (value, "UTF-8", 5) == 0)
                    || (q - value == 4 && g_ascii_strncasecmp (value, "UTF8", 4) == 0)))
                {
                  g_autofree char *name = g_strndup (value, q - value);

                  fail_at_offset (r, enc - r->data, WAYMARK_FORMAT_ERROR_ENCODING,
                                  _("The file says it is encoded in “%s”; journey maps must be "
                                    "UTF-8."), name);
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}

/* ---- Warnings ---------------------------------------------------------- */

typedef struct
{
  GStrv   texts;      /* "Line L, column C: message", NULL-terminated */
  GArray *items;      /* Warning */
} Warnings;

static void
warnings_free (Warnings *warnings)
{
  g_strfreev (warnings->texts);
  g_array_unref (warnings->items);
  g_free (warnings);
}

static GQuark
warnings_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("waymark-format-warnings");
  return quark;
}

static void
attach_warnings (Reader *r)
{
  Warnings *warnings;
  GPtrArray *texts;

  if (r->warnings->len == 0)
    return;

  if (r->n_dropped_warnings > 0)
    {
      Warning more = { 0, 0, NULL };

      more.message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u more value outside the emotion scale "
                                                   "was changed to fit it.",
                                                   "%u more values outside the emotion scale "
                                                   "were changed to fit it.",
                                                   r->n_dropped_warnings),
                                      r->n_dropped_warnings);
      g_array_append_val (r->warnings, more);
    }

  texts = g_ptr_array_new ();
  for (guint i = 0; i < r->warnings->len; i++)
    {
      Warning *w = &g_array_index (r->warnings, Warning, i);

      if (w->line > 0)
        /* Translators: a problem Waymark repaired while opening a map, at a
         * line and column of the file. */
        g_ptr_array_add (texts, g_strdup_printf (_("Line %d, column %d: %s"),
                                                 w->line, w->column, w->message));
      else
        g_ptr_array_add (texts, g_strdup (w->message));
    }
  g_ptr_array_add (texts, NULL);

  warnings = g_new0 (Warnings, 1);
  warnings->texts = (GStrv) g_ptr_array_free (texts, FALSE);
  warnings->items = g_steal_pointer (&r->warnings);
  g_object_set_qdata_full (G_OBJECT (r->document), warnings_quark (), warnings,
                           (GDestroyNotify) warnings_free);
}

static GQuark
version_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("waymark-format-read-version");
  return quark;
}

guint
waymark_format_get_read_version (WaymarkDocument *document)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), 0);

  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (document), version_quark ()));
}

const char * const *
waymark_format_get_warnings (WaymarkDocument *document)
{
  Warnings *warnings;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  warnings = g_object_get_qdata (G_OBJECT (document), warnings_quark ());
  return warnings != NULL ? (const char * const *) warnings->texts : NULL;
}

const char *
waymark_format_get_warning (WaymarkDocument *document,
                            guint            index,
                            int             *line,
                            int             *column)
{
  Warnings *warnings;
  Warning *w;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  warnings = g_object_get_qdata (G_OBJECT (document), warnings_quark ());
  if (warnings == NULL || index >= warnings->items->len)
    return NULL;
  w = &g_array_index (warnings->items, Warning, index);
  if (line != NULL)
    *line = w->line;
  if (column != NULL)
    *column = w->column;
  return w->message;
}

/* ---- Public API -------------------------------------------------------- */

WaymarkDocument *
waymark_format_read (const char  *data,
                     gsize        length,
                     int         *line,
                     int         *column,
                     GError     **error)
{
  Reader r = { 0 };
  xmlSAXHandler sax;
  xmlSAXHandlerPtr old_sax;
  WaymarkDocument *result = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.data = data != NULL ? data : "";
  r.length = length;

  if (length == 0 || is_blank (data, length))
    {
      fail_at_offset (&r, length, WAYMARK_FORMAT_ERROR_EMPTY, _("The file is empty."));
      goto out;
    }
  if (length > WAYMARK_FORMAT_MAX_FILE_SIZE || length > G_MAXINT)
    {
      r.error = g_error_new (WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_LIMIT,
                             _("The file is larger than %u MiB, the most Waymark reads."),
                             WAYMARK_FORMAT_MAX_FILE_SIZE / (1024 * 1024));
      goto out;
    }
  if (!check_encoding (&r))
    goto out;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = on_characters;
  sax.internalSubset = on_doctype;
  sax.externalSubset = on_doctype;
  sax.entityDecl = on_entity_decl;
  sax.serror = on_xml_error;

  r.ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (r.ctxt == NULL)
    {
      r.error = g_error_new_literal (WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_LIMIT,
                                     _("There is not enough memory to read the file."));
      goto out;
    }
  /* Deliberately without XML_PARSE_NOENT (entity substitution) and
   * XML_PARSE_DTDLOAD: nothing in a map may pull in other content. */
  xmlCtxtUseOptions (r.ctxt, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
  old_sax = r.ctxt->sax;
  r.ctxt->sax = &sax;
  r.ctxt->userData = &r;

  r.document = waymark_document_new ();
  r.ids = g_hash_table_new (g_str_hash, g_str_equal);
  r.text = g_string_new (NULL);
  r.stack[0] = CTX_NONE;
  r.scale_min = (int) WAYMARK_EMOTION_MIN;
  r.scale_max = (int) WAYMARK_EMOTION_MAX;
  r.links = g_array_new (FALSE, FALSE, sizeof (PendingLink));
  g_array_set_clear_func (r.links, (GDestroyNotify) pending_link_clear);
  r.link_pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.warnings = g_array_new (FALSE, FALSE, sizeof (Warning));
  g_array_set_clear_func (r.warnings, (GDestroyNotify) warning_clear);

  xmlParseDocument (r.ctxt);

  if (r.error == NULL && (!r.ctxt->wellFormed || !r.ctxt->nsWellFormed))
    fail_at_offset (&r, current_offset (&r), WAYMARK_FORMAT_ERROR_SYNTAX,
                    _("The file is not well-formed XML."));

  r.ctxt->sax = old_sax;
  /* libxml2 may build a scratch document for a DOCTYPE's entities even
   * with our SAX handlers; it is not ours to keep. */
  if (r.ctxt->myDoc != NULL)
    {
      xmlFreeDoc (r.ctxt->myDoc);
      r.ctxt->myDoc = NULL;
    }
  xmlFreeParserCtxt (r.ctxt);
  r.ctxt = NULL;

  if (r.foreign.stack != NULL)
    _waymark_foreign_builder_clear (&r.foreign);
  building_clear (&r.current);
  building_clear (&r.root);
  g_string_free (r.text, TRUE);
  g_hash_table_unref (r.ids);
  g_array_unref (r.links);
  g_hash_table_unref (r.link_pairs);
  g_clear_pointer (&r.levels, g_ptr_array_unref);

  if (r.error == NULL)
    {
      attach_warnings (&r);
      g_object_set_qdata (G_OBJECT (r.document), version_quark (), GUINT_TO_POINTER (r.version));
      result = g_steal_pointer (&r.document);
    }
  g_clear_object (&r.document);
  g_clear_pointer (&r.warnings, g_array_unref);

out:
  if (line != NULL)
    *line = r.error != NULL ? r.line : 0;
  if (column != NULL)
    *column = r.error != NULL ? r.column : 0;
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return result;
}
