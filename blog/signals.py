"""Keep each post's search entry current when it, its byline or its topics change; give
topics addresses in Latin letters."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.text import slugify
from taggit.models import Tag

from core.text import transliterate

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


@receiver(pre_save, sender=Tag)
def transliterate_topic_slug(sender, instance, raw=False, **kwargs):
    """
    A topic's address in Latin letters, as posts' are: taggit makes “санкции” of a topic
    named “Санкции”, which the topic page's address (a slug of ASCII letters) cannot hold.
    taggit's own numbering of a taken slug (“_1”) is kept.
    """
    if not raw and instance.slug and not instance.slug.isascii():
        instance.slug = slugify(transliterate(instance.slug)) or "topic"
