/* waymark-export-png.c — a map as PNG, drawn in bands and compressed in parallel
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 2,000-card map is about 11,000 px square at 1×: cairo's own PNG
 * writer would hold 480 MB of pixels and spend seconds in one thread on
 * zlib's default level and adaptive filters. Here this thread draws
 * horizontal bands one after the other while a pool of threads deflates
 * finished bands independently (fast level, no row filter: flat colours
 * compress well anyway); the pieces join into one zlib stream, as pigz
 * does. Only this thread touches the layout, pango and the document.
 */
#define G_LOG_DOMAIN "waymark-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <zlib.h>

#include "waymark-export-png.h"
#include "waymark-render-private.h"

#define BAND_ROWS        256
#define MAX_BANDS_QUEUED 6      /* bounds the memory held by pending bands */
#define DEFLATE_LEVEL    1

typedef struct _PngJob PngJob;

typedef struct {
  PngJob          *job;
  guint            index;
  int              rows;
  cairo_surface_t *surface;     /* drawn band; freed once deflated */
  guint8          *deflated;
  gsize            deflated_len;
  guint32          adler;
  gsize            raw_len;
  gboolean         failed;
} Band;

struct _PngJob {
  int       width;
  int       height;
  gboolean  alpha;
  guint     n_bands;
  Band     *bands;

  GMutex    lock;
  GCond     cond;
  guint     queued;             /* drawn, not yet deflated */
  GSList   *spare;              /* band surfaces to draw into again */
};

/* cairo keeps premultiplied native-endian words; PNG wants straight RGB(A)
 * bytes. */
static void
pack_row (const guint32 *pixels,
          int            width,
          gboolean       alpha,
          guint8        *out)
{
  if (!alpha)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[x];

          out[0] = p >> 16;
          out[1] = p >> 8;
          out[2] = p;
          out += 3;
        }
      return;
    }

  for (int x = 0; x < width; x++)
    {
      guint32 p = pixels[x];
      guint a = p >> 24;

      if (a == 0)
        out[0] = out[1] = out[2] = 0;
      else if (a == 255)
        {
          out[0] = p >> 16;
          out[1] = p >> 8;
          out[2] = p;
        }
      else
        {
          out[0] = (((p >> 16) & 0xff) * 255 + a / 2) / a;
          out[1] = (((p >> 8) & 0xff) * 255 + a / 2) / a;
          out[2] = ((p & 0xff) * 255 + a / 2) / a;
        }
      out[3] = a;
      out += 4;
    }
}

static void
deflate_band (gpointer data,
              gpointer user_data)
{
  Band *band = data;
  PngJob *job = band->job;
  gboolean last = band->index == job->n_bands - 1;
  int stride = cairo_image_surface_get_stride (band->surface);
  const guint8 *pixels = cairo_image_surface_get_data (band->surface);
  gsize row_len = 1 + (gsize) job->width * (job->alpha ? 4 : 3);
  g_autofree guint8 *row = g_malloc (row_len);
  g_autoptr(GByteArray) out = g_byte_array_sized_new (job->width * band->rows / 4 + 1024);
  guint8 buffer[65536];
  z_stream z = { 0 };
  guint32 adler = adler32 (0, NULL, 0);

  /* Raw deflate: the zlib header and checksum are written once, around
   * all the bands. */
  if (deflateInit2 (&z, DEFLATE_LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      band->failed = TRUE;
      goto done;
    }

  for (int y = 0; y < band->rows; y++)
    {
      gboolean end = y == band->rows - 1;

      row[0] = 0;   /* filter: none */
      pack_row ((const guint32 *) (pixels + (gsize) y * stride), job->width, job->alpha, row + 1);
      adler = adler32 (adler, row, row_len);

      z.next_in = row;
      z.avail_in = row_len;
      do
        {
          int flush = !end ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH;

          z.next_out = buffer;
          z.avail_out = sizeof buffer;
          if (deflate (&z, flush) == Z_STREAM_ERROR)
            {
              band->failed = TRUE;
              break;
            }
          g_byte_array_append (out, buffer, sizeof buffer - z.avail_out);
        }
      while (z.avail_out == 0);
    }
  deflateEnd (&z);

  band->adler = adler;
  band->raw_len = row_len * band->rows;
  band->deflated_len = out->len;
  band->deflated = g_byte_array_free (g_steal_pointer (&out), FALSE);

done:
  /* Reusing surfaces saves the kernel zeroing fresh pages for each band. */
  g_mutex_lock (&job->lock);
  job->spare = g_slist_prepend (job->spare, g_steal_pointer (&band->surface));
  job->queued--;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

static void
put_u32 (GByteArray *array,
         guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (array, bytes, 4);
}

static void
put_chunk (GByteArray   *png,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  guint32 crc = crc32 (0, (const Bytef *) type, 4);

  if (length > 0)
    crc = crc32 (crc, data, (uInt) length);
  put_u32 (png, (guint32) length);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, (guint) length);
  put_u32 (png, crc);
}

GBytes *
_waymark_export_png (WaymarkLayout  *layout,
                     int             width,
                     int             height,
                     double          scale,
                     gboolean        transparent,
                     gboolean        show_notes,
                     GCancellable   *cancellable,
                     GError        **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 zlib_header[2] = { 0x78, 0x01 };
  WaymarkRenderOptions options;
  g_autoptr(GByteArray) png = NULL;
  GThreadPool *pool;
  PngJob job = { 0 };
  gboolean failed = FALSE;
  guint32 adler;
  guint8 ihdr[13];

  job.width = width;
  job.height = height;
  job.alpha = transparent;
  job.n_bands = (guint) ((height + BAND_ROWS - 1) / BAND_ROWS);
  job.bands = g_new0 (Band, job.n_bands);
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);

  waymark_render_options_init (&options);
  options.transparent = transparent;
  options.show_notes = show_notes;

  pool = g_thread_pool_new (deflate_band, &job, (int) CLAMP (g_get_num_processors (), 1, 8),
                            FALSE, NULL);

  for (guint i = 0; i < job.n_bands && !failed; i++)
    {
      Band *band = &job.bands[i];
      int y0 = (int) i * BAND_ROWS;
      WaymarkRect region;
      cairo_t *cr;

      if (g_cancellable_is_cancelled (cancellable))
        {
          failed = TRUE;
          break;
        }

      g_mutex_lock (&job.lock);
      while (job.queued >= MAX_BANDS_QUEUED)
        g_cond_wait (&job.cond, &job.lock);
      if (job.spare != NULL)
        {
          band->surface = job.spare->data;
          job.spare = g_slist_delete_link (job.spare, job.spare);
        }
      g_mutex_unlock (&job.lock);

      band->job = &job;
      band->index = i;
      band->rows = MIN (BAND_ROWS, height - y0);
      if (band->surface == NULL)
        band->surface = cairo_image_surface_create (transparent ? CAIRO_FORMAT_ARGB32
                                                                : CAIRO_FORMAT_RGB24,
                                                    width, BAND_ROWS);
      if (cairo_surface_status (band->surface) != CAIRO_STATUS_SUCCESS)
        {
          g_clear_pointer (&band->surface, cairo_surface_destroy);
          band->failed = TRUE;
          failed = TRUE;
          break;
        }

      /* The band in layout units; a little overlap with its neighbours so
       * items across the boundary are drawn in both. */
      region.x = 0;
      region.y = y0 / scale - 1;
      region.width = width / scale;
      region.height = band->rows / scale + 2;

      cr = cairo_create (band->surface);
      if (transparent)
        {
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_paint (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
        }
      cairo_translate (cr, 0, -y0);
      cairo_scale (cr, scale, scale);
      waymark_renderer_draw (layout, cr, &region, &options);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        failed = TRUE;
      cairo_destroy (cr);
      cairo_surface_flush (band->surface);

      g_mutex_lock (&job.lock);
      job.queued++;
      g_mutex_unlock (&job.lock);
      g_thread_pool_push (pool, band, NULL);
    }

  /* Waits for every pushed band. */
  g_thread_pool_free (pool, FALSE, TRUE);

  if (!failed)
    {
      png = g_byte_array_new ();
      g_byte_array_append (png, signature, sizeof signature);

      ihdr[0] = width >> 24;
      ihdr[1] = width >> 16;
      ihdr[2] = width >> 8;
      ihdr[3] = width;
      ihdr[4] = height >> 24;
      ihdr[5] = height >> 16;
      ihdr[6] = height >> 8;
      ihdr[7] = height;
      ihdr[8] = 8;                         /* bits per channel */
      ihdr[9] = transparent ? 6 : 2;       /* RGBA or RGB */
      ihdr[10] = 0;                        /* deflate */
      ihdr[11] = 0;                        /* adaptive filtering, per row */
      ihdr[12] = 0;                        /* not interlaced */
      put_chunk (png, "IHDR", ihdr, sizeof ihdr);

      put_chunk (png, "IDAT", zlib_header, sizeof zlib_header);
      adler = adler32 (0, NULL, 0);
      for (guint i = 0; i < job.n_bands; i++)
        {
          Band *band = &job.bands[i];

          if (band->failed)
            {
              failed = TRUE;
              break;
            }
          put_chunk (png, "IDAT", band->deflated, band->deflated_len);
          adler = adler32_combine (adler, band->adler, (z_off_t) band->raw_len);
        }
      if (!failed)
        {
          guint8 checksum[4] = { adler >> 24, adler >> 16, adler >> 8, adler };

          put_chunk (png, "IDAT", checksum, sizeof checksum);
          put_chunk (png, "IEND", NULL, 0);
        }
    }

  for (guint i = 0; i < job.n_bands; i++)
    {
      g_clear_pointer (&job.bands[i].surface, cairo_surface_destroy);
      g_free (job.bands[i].deflated);
    }
  g_free (job.bands);
  g_slist_free_full (job.spare, (GDestroyNotify) cairo_surface_destroy);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (failed)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_FAILED,
                   _("The map could not be drawn as PNG; there may not be enough memory."));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
