from django.apps import AppConfig
from taggit import apps as taggit_apps


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Commentary"

    def ready(self):
        # Imported here, once the models are loaded, as Django requires of receivers.
        from core.cache import register_next_change
        from core.security import allow_frames

        from . import signals  # noqa: F401 -- connects the search index handlers
        from .embeds import FRAME_HOSTS
        from .models import Correction, Post

        # No cached page outlives the moment the next scheduled post or correction goes live.
        register_next_change(Post.objects.next_scheduled_moment)
        register_next_change(Correction.objects.next_scheduled_moment)
        # Embedded players, and only those, may be framed by our pages.
        allow_frames(*FRAME_HOSTS)


class TopicsConfig(taggit_apps.TaggitAppConfig):
    """
    django-taggit, whose tags are Folio's topics, under the name editors know them by: the
    admin's index, app page and breadcrumbs read "Topics" instead of "Taggit". Only the
    name changes; the label stays "taggit", so its tables, migrations and admin addresses
    are taggit's own. INSTALLED_APPS names this class in place of "taggit".
    """

    # Not the configuration Django picks for "blog" (BlogConfig is); taggit's module is
    # imported whole so that its class is not a second candidate either.
    default = False
    verbose_name = "Topics"
