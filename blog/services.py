"""
Operations on several models at once (publish and unpublish, trash and restore, merge
topics), kept out of `save()` and the admin so that any caller (an admin action, a
management command, a test) runs the same steps in the same transaction.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from core.cache import content_changed

from . import revisions, search
from .models import Post, PostAuthor
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


@transaction.atomic
def trash_posts(posts):
    """
    Move the posts of the queryset `posts` to the trash: readers and search lose them at
    once; `restore_posts` brings them back as they were. Returns how many were trashed.
    """
    trashed = list(posts.not_deleted())
    now = timezone.now()
    count = Post.objects.filter(pk__in=[post.pk for post in trashed]).update(deleted_at=now)
    for post in trashed:
        post.deleted_at = now
        search.index_post(post)
    # A queryset update sends no post_save: the page cache is told here.
    content_changed()
    return count


@transaction.atomic
def restore_posts(posts):
    """Bring the posts of the queryset `posts` back from the trash, into search and, if
    they are published, onto readers' pages. Returns how many came back."""
    restored = list(posts.in_trash())
    count = Post.objects.filter(pk__in=[post.pk for post in restored]).update(deleted_at=None)
    for post in restored:
        post.deleted_at = None
        search.index_post(post)
    content_changed()
    return count


@transaction.atomic
def set_status(posts, status, user, note):
    """
    Move each post of `posts` to the workflow `status` (publish, unpublish, submit for
    review), saved as an editor's save is, with a revision by `user` noting `note`.
    Returns how many posts were saved.
    """
    count = 0
    for post in posts:
        post.status = status
        post.save()
        revisions.record(post, user, note=note)
        count += 1
    return count


def translate_post(post, language, user=None):
    """
    A draft translation of `post` (or of its original, if `post` is itself a translation)
    into `language`: the original's type, program, series, title, dek and body to
    translate over, and its byline but for translators, linked to the group. The
    translator is added to the byline by the editor (credit: Translator). Refused with
    ValidationError if the group already has a version in `language`.
    """
    original = post.translation_of or post
    with transaction.atomic():
        draft = Post(
            post_type=original.post_type,
            language=language,
            translation_of=original,
            title=original.title,
            dek=original.dek,
            body=original.body,
            program=original.program,
            series=original.series,
            status=Post.Status.DRAFT,
            slug=unique_slug(f"{original.slug} {language}", Post.objects.all()),
        )
        draft.validate_translation()
        draft.save()
        for byline in original.bylines.exclude(role=PostAuthor.Role.TRANSLATOR):
            PostAuthor.objects.create(
                post=draft, author=byline.author, role=byline.role, position=byline.position
            )
        revisions.record(draft, user, note=f"Translation of “{original.title}” begun")
    return draft
