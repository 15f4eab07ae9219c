"""Keep each post's search entry current when it, its byline or its topics change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Post, PostAuthor
from .search import index_post


@receiver(post_save, sender=Post)
def index_saved_post(sender, instance, raw=False, **kwargs):
    if not raw:
        index_post(instance)


@receiver(post_delete, sender=Post)
def unindex_deleted_post(sender, instance, **kwargs):
    # PostgreSQL's entry goes with its post (a foreign key); SQLite's full-text row has
    # no key to cascade, and index_post removes the row of a post that no longer exists.
    index_post(instance)


@receiver([post_save, post_delete], sender=PostAuthor)
def index_after_byline_change(sender, instance, raw=False, **kwargs):
    if not raw and Post.objects.filter(pk=instance.post_id).exists():
        index_post(instance.post)


@receiver(m2m_changed, sender=Post.topics.through)
def index_after_topics_change(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Post):
        index_post(instance)
