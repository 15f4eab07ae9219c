from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared infrastructure every app may use, importing none of them: the page cache."""

    name = "core"
    verbose_name = "Site infrastructure"

    def ready(self):
        # Signal receivers are connected once the models are loaded, as Django requires.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import content_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"folio-page-cache-{signal!r}")
