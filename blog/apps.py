from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Commentary"

    def ready(self):
        # Imported here, once the models are loaded, as Django requires of receivers.
        from core.cache import register_next_change

        from . import signals  # noqa: F401 -- connects the search index handlers
        from .models import Post

        # No cached page outlives the moment the next scheduled post goes live.
        register_next_change(Post.objects.next_scheduled_moment)
