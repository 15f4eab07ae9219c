"""
How a post's topics are written in a form: names separated by commas, in the order they
were added, never quoted. A topic's name may contain spaces but not a comma.

taggit reads these two functions through its public settings TAGGIT_TAGS_FROM_STRING and
TAGGIT_STRING_FROM_TAGS (config/settings.py), so every taggit field parses and shows topics
alike. taggit's own way splits on spaces when there is no comma, quotes names with spaces
and sorts them, so "Energy, Trade corridors" came back as `Energy, "Trade corridors"`.
"""

from django.contrib.contenttypes.models import ContentType
from taggit.models import TaggedItem

SEPARATOR = ", "


def parse_topics(text):
    """
    The topic names of `text`, in the order typed: split on commas only, each stripped with
    its runs of spaces made one, empty ones dropped, and a name given twice (whatever its
    capitals, as topics are matched) kept once, where it first appears. Double quotes around
    a whole name, as taggit used to show names with spaces, are removed.
    """
    names = []
    seen = set()
    for part in (text or "").split(","):
        name = " ".join(part.split())
        if len(name) >= 2 and name.startswith('"') and name.endswith('"'):
            name = " ".join(name[1:-1].split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def format_topics(topics):
    """The names of `topics` (Tag objects) in the order given, separated by ", ", so that
    `parse_topics` reads back the same names."""
    return SEPARATOR.join(topic.name for topic in topics)


def topics_as_stored(post):
    """The topics of a saved `post` in the order they were added (taggit's rows by id)."""
    rows = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(post), object_id=post.pk
    )
    return [row.tag for row in rows.select_related("tag").order_by("pk")]


def replace_topics(post, tags):
    """
    Give a saved `post` exactly these topics (Tag objects), in this order, in two queries:
    for writers of many posts at once, such as an import. Unlike `post.topics.set`, it
    sends no signals, so the caller re-indexes the post (`blog.search.index_post`).
    """
    content_type = ContentType.objects.get_for_model(post)
    rows = TaggedItem.objects.filter(content_type=content_type, object_id=post.pk)
    if [row.tag_id for row in rows.order_by("pk")] == [tag.pk for tag in tags]:
        return
    rows.delete()
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=tag, content_type=content_type, object_id=post.pk) for tag in tags
    )
