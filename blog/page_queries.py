"""
The commentary page's queries, compiled to SQL once per process.

The page is read more than any other, and without the page cache its time went mostly to
building SQL, not to running it. Its two queries (the post with its pull quotes, topics,
corrections, bylines, authors and their positions, and its program's newest posts; then
related posts with their bylines) keep their shape from one request to the next, so each
is compiled once (`config.precompiled`) and run with the request's values. The querysets
themselves live on the models (`with_page_relations`, `related_to`), where the review and
preview pages use them as they are.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from taggit.models import TaggedItem

from config.precompiled import Precompiled

from .models import RELATED_POSTS, Post

_post_field = Post._meta.get_field
_post_type_field = TaggedItem._meta.get_field("content_type")

_page = Precompiled(
    lambda slug, now, post_type: (
        Post.objects.filter(slug=slug).published(now).with_page_relations(post_type, now)
    ),
    slug=_post_field("slug"),
    now=_post_field("publish_at"),
    post_type=_post_type_field,
)

_NEWEST = [f"newest_{n}" for n in range(RELATED_POSTS)]

_related = Precompiled(
    lambda post, program, now, post_type, **newest: Post.objects.related_to(
        post, program, post_type, [newest[name] for name in _NEWEST], now
    )[:RELATED_POSTS],
    post=_post_field("id"),
    program=_post_field("program"),
    now=_post_field("publish_at"),
    post_type=_post_type_field,
    **dict.fromkeys(_NEWEST, _post_field("id")),
)


def _post_type():
    return ContentType.objects.get_for_model(Post).pk  # cached by Django after the first


def public_page(slug):
    """The published post at `slug` with all the page shows, or None: one query."""
    found = _page(slug=slug, now=timezone.now(), post_type=_post_type())
    if not found:
        return None
    return found[0]


def related_posts(post):
    """`Post.related_posts()`: the related posts with their bylines, in one query."""
    newest = getattr(post, "newest_in_program", None)
    if newest is None:  # not read with the post by `for_page()`
        newest = Post.objects.newest_in_program(post.program_id, besides=post.pk)
        newest = list(newest[:RELATED_POSTS])
    # Missing ones are 0, which no post has: the query keeps one shape.
    newest = [pk or 0 for pk in newest] + [0] * (RELATED_POSTS - len(newest))
    return _related(
        post=post.pk,
        program=post.program_id,
        now=timezone.now(),
        post_type=_post_type(),
        **dict(zip(_NEWEST, newest, strict=True)),
    )
