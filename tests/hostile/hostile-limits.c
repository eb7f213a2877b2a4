/* hostile-limits.c — the CPU and memory bounds of one hostile case
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-hostile"

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#ifdef HAVE_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

#include "hostile-limits.h"

/* AddressSanitizer reserves terabytes of shadow memory, so RLIMIT_AS would
 * stop it from starting; it also makes code a few times slower. */
#if defined(__SANITIZE_ADDRESS__)
#define HOSTILE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HOSTILE_ASAN 1
#endif
#endif
#ifndef HOSTILE_ASAN
#define HOSTILE_ASAN 0
#endif

static gboolean
under_valgrind (void)
{
#ifdef HAVE_VALGRIND_H
  if (RUNNING_ON_VALGRIND)
    return TRUE;
#endif
  return FALSE;
}

gboolean
hostile_memory_is_limited (void)
{
  return !HOSTILE_ASAN && !under_valgrind ();
}

void
hostile_limit_resources (guint cpu_seconds)
{
  const char *slowdown_env = g_getenv ("WAYMARK_TEST_SLOWDOWN");
  guint64 slowdown = 1;
  struct rlimit limit;

  if (HOSTILE_ASAN)
    slowdown = 4;
  if (slowdown_env != NULL)
    slowdown = MAX (slowdown, g_ascii_strtoull (slowdown_env, NULL, 10));

  limit.rlim_cur = cpu_seconds * slowdown;
  limit.rlim_max = limit.rlim_cur + 2;
  g_assert_cmpint (setrlimit (RLIMIT_CPU, &limit), ==, 0);

  limit.rlim_cur = limit.rlim_max = 0;
  g_assert_cmpint (setrlimit (RLIMIT_CORE, &limit), ==, 0);

  if (hostile_memory_is_limited ())
    {
      limit.rlim_cur = limit.rlim_max = HOSTILE_ADDRESS_SPACE_LIMIT;
      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
    }
}
