from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class SiteConfig(AppConfig):
    """The site itself: settings, base-template helpers, health check, page cache."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from django.core.signals import request_finished
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import content_changed
        from .statistics import keep_sqlite_statistics

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"folio-page-cache-{signal!r}")
        request_finished.connect(keep_sqlite_statistics, dispatch_uid="folio-sqlite-statistics")


class FolioAdminConfig(AdminConfig):
    """Django's admin with Folio's site (sign-in limits, the institution's name)."""

    default_site = "config.admin.FolioAdminSite"
