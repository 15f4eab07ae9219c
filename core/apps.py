from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.signals import request_finished
from django.db.models.signals import m2m_changed, post_delete, post_save

from .images import remove_files_of_deleted_row, rendition_models


class CoreConfig(AppConfig):
    """
    Shared infrastructure every app may use, importing none of them: the page cache,
    images and media storage, security headers, text helpers, the admin site, base
    template tags, the health check and robots.txt.
    """

    name = "core"
    verbose_name = "Site infrastructure"
    # The admin's config below lives here too; "core" in INSTALLED_APPS means this one.
    default = True

    def ready(self):
        # The receivers' modules read models, so they are imported once the models are
        # loaded, as Django requires.
        from .cache import content_changed
        from .statistics import keep_sqlite_statistics

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"folio-page-cache-{signal!r}")
        request_finished.connect(keep_sqlite_statistics, dispatch_uid="folio-sqlite-statistics")
        # A row with renditions deleted for good takes its files with it; trashing a post
        # is an update, not a delete, so a post in the trash keeps them.
        for model in rendition_models():
            post_delete.connect(
                remove_files_of_deleted_row,
                sender=model,
                dispatch_uid=f"folio-renditions-{model._meta.label}",
            )


class FolioAdminConfig(admin_apps.AdminConfig):
    """Django's admin with Folio's site (sign-in limits, the institution's name)."""

    default = False

    default_site = "core.sites.FolioAdminSite"
