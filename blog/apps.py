from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Commentary"

    def ready(self):
        from . import signals  # noqa: F401 -- connects the search index handlers
