from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class SiteConfig(AppConfig):
    """The site itself: base-template helpers, health check, SQLite statistics."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from django.core.signals import request_finished

        from .statistics import keep_sqlite_statistics

        request_finished.connect(keep_sqlite_statistics, dispatch_uid="folio-sqlite-statistics")


class FolioAdminConfig(AdminConfig):
    """Django's admin with Folio's site (sign-in limits, the institution's name)."""

    default_site = "config.admin.FolioAdminSite"
