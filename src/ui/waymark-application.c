/* waymark-application.c — the application: windows, files, app-wide actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-recovery.h"
#include "waymark-ui-private.h"
#include "waymark-window.h"

struct _WaymarkApplication
{
  AdwApplication parent_instance;

  gboolean       recovery_offered;
};

G_DEFINE_FINAL_TYPE (WaymarkApplication, waymark_application, ADW_TYPE_APPLICATION)

/* ---- Auxiliary ---------------------------------------------------------- */

static WaymarkWindow *
find_window_for_file (WaymarkApplication *self,
                      GFile              *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *other;

      if (!WAYMARK_IS_WINDOW (l->data))
        continue;
      other = waymark_window_get_file (l->data);
      if (other != NULL && g_file_equal (other, file))
        return l->data;
    }

  return NULL;
}

/* Maps a crashed or killed Waymark left unsaved, offered once a window shows. */
static void
offer_recovery (WaymarkApplication *self)
{
  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;
  waymark_recovery_offer (GTK_APPLICATION (self));
}

/* ---- Actions ------------------------------------------------------------ */

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  WaymarkApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (waymark_window_new (self)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Waymark developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Waymark"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Waymark developers"),
                        "developers", developers,
                        "comments", _("Map your customers’ journeys: stages, touchpoints, "
                                      "emotions, owners and KPIs, exported as slides."),
                        "website", "https://github.com/waymark/waymark",
                        "issue-url", "https://github.com/waymark/waymark/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2024 The Waymark developers",
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Each window asks about its own unsaved changes; the application ends
   * when the last one is gone. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "about", about_action },
  { "quit", quit_action },
};

/* ---- GApplication ------------------------------------------------------- */

static void
waymark_application_startup (GApplication *application)
{
  WaymarkApplication *self = WAYMARK_APPLICATION (application);
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const struct {
    const char *action;
    const char *accels[3];
  } win_accels[] = {
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y" } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.zoom-fit", { "<Control>9", NULL } },
  };

  /* Before chaining up: GtkApplication and AdwApplication look for
   * gtk/help-overlay.ui, style.css and icons/ in the resources right then. */
  _waymark_ui_ensure_resources ();

  G_APPLICATION_CLASS (waymark_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window",
                                         new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  for (guint i = 0; i < G_N_ELEMENTS (win_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), win_accels[i].action,
                                           win_accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
waymark_application_activate (GApplication *application)
{
  WaymarkApplication *self = WAYMARK_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (waymark_window_new (self));

  gtk_window_present (window);
  offer_recovery (self);
}

static void
waymark_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  WaymarkApplication *self = WAYMARK_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    waymark_application_open_file (self, files[i]);
  offer_recovery (self);
}

static void
waymark_application_class_init (WaymarkApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = waymark_application_startup;
  app_class->activate = waymark_application_activate;
  app_class->open = waymark_application_open;
}

static void
waymark_application_init (WaymarkApplication *self)
{
}

/* ---- Public API --------------------------------------------------------- */

WaymarkApplication *
waymark_application_new (void)
{
  return g_object_new (WAYMARK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/waymark/Waymark",
                       NULL);
}

void
waymark_application_open_file (WaymarkApplication *self,
                               GFile              *file)
{
  WaymarkWindow *window;

  g_return_if_fail (WAYMARK_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = find_window_for_file (self, file);
  if (window == NULL)
    {
      window = waymark_window_new (self);
      waymark_window_open_file (window, file);
    }

  gtk_window_present (GTK_WINDOW (window));
}
