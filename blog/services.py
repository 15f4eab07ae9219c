"""
Operations on several models at once, kept out of the admin so that any caller (an admin
action, a management command, a test) runs the same steps in the same transaction.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import Tag, TaggedItem

from . import search
from .models import Post
from .slugs import unique_slug


@transaction.atomic
def merge_topics(topics, name):
    """
    Fold `topics` into one topic called `name`; no post loses a topic. Returns the
    remaining topic and the number of posts whose topics changed.

    The remaining topic is the one of `topics` called `name`, else an existing topic of
    that name whatever its capitals, else the first of `topics`, renamed. Retagging the
    posts, deleting the other topics and rebuilding the retagged posts' search entries
    happen in one transaction.
    """
    target = next((t for t in topics if t.name == name), None)
    if target is None:
        target = Tag.objects.filter(name__iexact=name).first()
    if target is None:
        target = topics[0]
        target.name = name
        target.slug = unique_slug(name, Tag.objects.exclude(pk=target.pk))
        target.save()
    touched = set()
    for topic in topics:
        if topic.pk == target.pk:
            continue
        for item in TaggedItem.objects.filter(tag=topic):
            duplicate = TaggedItem.objects.filter(
                tag=target, content_type_id=item.content_type_id, object_id=item.object_id
            ).exists()
            if duplicate:
                item.delete()
            else:
                item.tag = target
                item.save(update_fields=["tag"])
            touched.add((item.content_type_id, item.object_id))
        topic.delete()
    # Tagged items changed directly send no m2m_changed, so the search index is told here.
    post_type = ContentType.objects.get_for_model(Post)
    for post in Post.objects.filter(pk__in=[oid for ct, oid in touched if ct == post_type.pk]):
        search.index_post(post)
    return target, len(touched)
