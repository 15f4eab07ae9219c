"""Building the search index: what is indexed (`PARTS`), and keeping it current."""

import contextlib
import threading
from collections.abc import Callable
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Func, Prefetch
from django.utils import timezone

from ..models import Post, PostAuthor, SearchEntry

LANGUAGES = ("english", "russian")
# PostgreSQL refuses a vector over 1 MB. The body's first 200,000 characters (a long
# report; about 30,000 words) are indexed, which keeps the two languages' vectors of even
# a body of unrepeated words well under it.
INDEXED_BODY_CHARACTERS = 200_000

# SQLite's full-text table (migration 0012_sqlite_fts), one row per indexed post.
FTS_TABLE = "blog_post_fts"
# Posts are indexed this many at a time: their bylines and topics are read in one query
# each, and their entries written in one statement.
BATCH = 250


def _people_and_topics(post):
    names = [byline.author.name for byline in post.indexed_bylines]
    return " ".join(names + [topic.name for topic in post.indexed_topics])


def _body(post):
    return post.body_text[:INDEXED_BODY_CHARACTERS]


class Part(NamedTuple):
    """One part of a post as search reads it."""

    column: str  # its column in SQLite's FTS5 table
    weight: str  # its weight in PostgreSQL's vectors
    rank: float  # its weight in SQLite's bm25: ts_rank's default weights, as on PostgreSQL
    # The text indexed, from a post read by `_indexable()` (with its bylines and topics).
    text: Callable[[Post], str]


PARTS = (
    Part("title", "A", 1.0, lambda post: post.title),
    Part("dek", "B", 0.4, lambda post: post.dek),
    Part("people", "C", 0.2, _people_and_topics),
    # The body finds a post but does not rank it, as on PostgreSQL, where only the
    # heading (A to C) is ranked: body-only matches come newest first.
    Part("body", "D", 0.0, _body),
)
HEADING = PARTS[:3]
# What `PARTS` read of a post besides its bylines and topics; `publish_at` is copied into
# PostgreSQL's entries.
INDEXED_FIELDS = ("title", "dek", "body_text", "publish_at")


class Unaccent(Func):
    function = "unaccent"


def uses_postgres():
    return connection.vendor == "postgresql"


# Building the index -------------------------------------------------------------------


def _indexable(now=None):
    """The posts the index holds: those readers see now and those scheduled to appear
    (the model's two rules, at the same moment), with what `PARTS` read."""
    now = timezone.now() if now is None else now
    bylines = PostAuthor.objects.select_related("author").only("post", "author__name")
    return (
        (Post.objects.published(now) | Post.objects.scheduled(now))
        .only(*INDEXED_FIELDS)
        # Into lists (`to_attr`): prefetching into taggit's manager built a query for
        # every post, which was most of the time a full rebuild took.
        .prefetch_related(
            Prefetch("bylines", queryset=bylines, to_attr="indexed_bylines"),
            Prefetch("topics", to_attr="indexed_topics"),
        )
        .order_by()
    )


_deferred = threading.local()


def index_post(post):
    """Rebuild one post's entry in the search index, or remove it if the post no longer
    belongs there (a draft, in the trash, deleted). Inside `indexing_deferred()`, the
    rebuild waits for the block's end."""
    waiting = getattr(_deferred, "ids", None)
    if waiting is not None:
        waiting.add(post.pk)
        return
    _rebuild([post.pk])


@contextlib.contextmanager
def indexing_deferred():
    """
    Index each post saved in this block once, when the block ends, however many times it
    (its byline, its topics) was saved: for writers that save a post and its parts one
    after the other, such as an import. Blocks may nest; the outermost one indexes.
    """
    if getattr(_deferred, "ids", None) is not None:
        yield
        return
    _deferred.ids = set()
    try:
        yield
        ids = sorted(_deferred.ids)
    finally:
        _deferred.ids = None
    for start in range(0, len(ids), BATCH):
        _rebuild(ids[start : start + BATCH])


def reindex_all():
    """Rebuild the whole search index from the posts, in batches, in one transaction
    (readers see the former index until it ends): after a bulk load or a restore, or when
    the way entries are built changes."""
    with transaction.atomic():
        if uses_postgres():
            SearchEntry.objects.all().delete()
        else:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
        ids = list(_indexable().values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(ids), BATCH):
            _rebuild(ids[start : start + BATCH])


def _rebuild(ids):
    """The entries of the posts `ids`, built again from `PARTS`, or removed for those of
    them that are not (or no longer) indexable."""
    # One transaction (no savepoint inside another): SQLite's delete and insert must not
    # interleave with another save's, which would insert the same rowid twice.
    with transaction.atomic(savepoint=False):
        posts = list(_indexable().filter(pk__in=ids))
        if uses_postgres():
            _store_entries(ids, posts)
        else:
            _store_rows(ids, posts)


def _store_entries(ids, posts):
    SearchEntry.objects.filter(post_id__in=ids).exclude(
        post_id__in=[post.pk for post in posts]
    ).delete()
    if not posts:
        return
    # One statement for the batch, the texts passed as arrays: building Django's
    # SearchVector expressions for every post took eight times as long as PostgreSQL's
    # parsing. An upsert, not a delete and an insert: two saves of one post at once would
    # both insert after both deleted, and the second would fail.
    arrays = ", ".join(["%s::text[]"] * len(PARTS))
    columns = ", ".join(part.column for part in PARTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {SearchEntry._meta.db_table} (post_id, publish_at, heading, document)
            SELECT t.id, t.publish_at, h.heading,
                h.heading || {_pg_vector(PARTS[len(HEADING) :])}
            FROM unnest(%s::bigint[], %s::timestamptz[], {arrays}) AS t(id, publish_at, {columns}),
                LATERAL (SELECT {_pg_vector(HEADING)} AS heading) AS h
            ON CONFLICT (post_id) DO UPDATE SET publish_at = EXCLUDED.publish_at,
                heading = EXCLUDED.heading, document = EXCLUDED.document
            """,
            [
                [post.pk for post in posts],
                [post.publish_at for post in posts],
                *([untag(part.text(post)) for post in posts] for part in PARTS),
            ],
        )


def _pg_vector(parts):
    """SQL for the weighted vector of `parts`, in both languages, accents removed, from
    the columns of `t` named after them."""
    return " || ".join(
        f"setweight(to_tsvector('{language}', unaccent(t.{part.column})), '{part.weight}')"
        for language in LANGUAGES
        for part in parts
    )


def _store_rows(ids, posts):
    columns = ", ".join(["rowid", *(part.column for part in PARTS)])
    placeholders = ", ".join(["%s"] * (len(PARTS) + 1))
    with connection.cursor() as cursor:
        # FTS5 has no upsert: the rows are deleted, then written again.
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(ids))})", ids
        )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} ({columns}) VALUES ({placeholders})",
            [[post.pk, *(untag(part.text(post)) for part in PARTS)] for post in posts],
        )


def untag(text):
    """The text with no angle brackets, which the search parsers would read as markup."""
    return (text or "").replace("<", " ").replace(">", " ")
