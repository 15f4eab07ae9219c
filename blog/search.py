"""
Full-text search over published posts.

On PostgreSQL each published post has a `SearchEntry`, a narrow row apart from the post:
a weighted vector of the whole post (title A, dek B, people and topics C, body D) under a
GIN index finds it, and a small vector of the first three ranks it, in English and Russian,
accents folded with `unaccent`. The entry is rebuilt whenever the post, its byline or its
topics are saved. Queries are parsed like a search engine's ("quoted phrases", -excluded
words); results are ranked by where the words appear (title, then dek, then people and
topics; body-only matches newest first) and shown with highlighted snippets of the body
(pull quotes are not part of the body text). Counting and ranking read only the entries;
only the posts of the page shown are loaded, through `Post.objects.published()`.

On SQLite, posts are found by every word of the query appearing somewhere in them,
newest first.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import TaggedItem

from .models import Post, PostAuthor, SearchEntry

LANGUAGES = ("english", "russian")
# PostgreSQL refuses a vector over 1 MB. The body's first 200,000 characters (a long
# report; about 30,000 words) are indexed, which keeps the two languages' vectors of even
# a body of unrepeated words well under it.
INDEXED_BODY_CHARACTERS = 200_000
MAX_QUERY_LENGTH = 200
START, STOP = "\x02", "\x03"


class Unaccent(Func):
    function = "unaccent"


def uses_postgres():
    return connection.vendor == "postgresql"


def normalize_query(raw):
    """The query as searched: whitespace folded, control characters dropped, at most
    MAX_QUERY_LENGTH characters (cut at a word). Returns (query, was_shortened)."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0], True


def index_post(post):
    """Rebuild one post's search entry, or remove it if the post is not published
    (PostgreSQL only)."""
    if not uses_postgres():
        return
    if post.status != Post.Status.PUBLISHED or post.deleted_at:
        SearchEntry.objects.filter(post_id=post.pk).delete()
        return
    people = " ".join(b.author.name for b in post.bylines.select_related("author"))
    topics = " ".join(post.topics.names())
    heading = _vector([(post.title, "A"), (post.dek, "B"), (f"{people} {topics}", "C")])
    SearchEntry.objects.update_or_create(
        post_id=post.pk,
        defaults={
            "publish_at": post.publish_at,
            "heading": heading,
            "document": heading + _vector([(post.body_text[:INDEXED_BODY_CHARACTERS], "D")]),
        },
    )


def reindex_all():
    """Rebuild the search entries of every published post in one SQL statement
    (PostgreSQL only): after a bulk load, or when the way entries are built changes."""
    if not uses_postgres():
        return

    def vector(parts):
        return " || ".join(
            f"setweight(to_tsvector('{language}', "
            f"unaccent(translate({expression}, '<>', '  '))), '{weight}')"
            for language in LANGUAGES
            for weight, expression in parts
        )

    heading = vector(
        [
            ("A", "p.title"),
            ("B", "p.dek"),
            ("C", "coalesce(people.names, '') || ' ' || coalesce(topics.names, '')"),
        ]
    )
    body = vector([("D", f"left(p.body_text, {INDEXED_BODY_CHARACTERS})")])
    sql = f"""
        INSERT INTO blog_searchentry (post_id, publish_at, heading, document)
        SELECT p.id, p.publish_at, {heading}, {heading} || {body}
        FROM blog_post AS p
        LEFT JOIN (
            SELECT pa.post_id, string_agg(a.name, ' ') AS names
            FROM blog_postauthor pa JOIN people_author a ON a.id = pa.author_id
            GROUP BY pa.post_id
        ) AS people ON people.post_id = p.id
        LEFT JOIN (
            SELECT ti.object_id, string_agg(t.name, ' ') AS names
            FROM taggit_taggeditem ti JOIN taggit_tag t ON t.id = ti.tag_id
            JOIN django_content_type ct ON ct.id = ti.content_type_id
            WHERE ct.app_label = 'blog' AND ct.model = 'post'
            GROUP BY ti.object_id
        ) AS topics ON topics.object_id = p.id
        WHERE p.status = 'published' AND p.deleted_at IS NULL
        ON CONFLICT (post_id) DO UPDATE
        SET publish_at = EXCLUDED.publish_at, heading = EXCLUDED.heading,
            document = EXCLUDED.document
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM blog_searchentry AS e USING blog_post AS p WHERE p.id = e.post_id "
            "AND NOT (p.status = 'published' AND p.deleted_at IS NULL)"
        )
        cursor.execute(sql)


def _vector(parts):
    vector = None
    for language in LANGUAGES:
        for text, weight in parts:
            # PostgreSQL's parser reads "<word …" as a tag and skips what follows it.
            piece = SearchVector(Unaccent(Value(_untag(text))), config=language, weight=weight)
            vector = piece if vector is None else vector + piece
    return vector


def _untag(text):
    return (text or "").replace("<", " ").replace(">", " ")


def _pg_query(text):
    query = None
    for language in LANGUAGES:
        piece = SearchQuery(
            Unaccent(Value(_untag(text))), config=language, search_type="websearch"
        )
        query = piece if query is None else query | piece
    return query


class Once(Func):
    """The parsed query as an uncorrelated subquery, which PostgreSQL evaluates once per
    statement. Written out, `unaccent()` (not immutable) is not folded into a constant,
    and ranking thousands of matches parsed the query again for every one of them."""

    template = "(SELECT %(expressions)s)"
    output_field = SearchQueryField()


class Matches(Func):
    """`vector @@ query`, for a query that is not a `SearchQuery` of Django's."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class Results:
    """
    PostgreSQL search results as a paginator reads them: counted and ranked on the search
    entries alone; slicing loads only that page's posts, in rank order, through the
    readers' queryset (so an entry out of step with its post can never show a draft).
    """

    def __init__(self, entries, posts):
        self.entries, self.posts = entries, posts

    def count(self):
        return self.entries.count()

    def __len__(self):
        return self.count()

    def page_ids(self, key):
        return list(self.entries.values_list("post_id", flat=True)[key])

    def __getitem__(self, key):
        ids = self.page_ids(key)
        found = {post.pk: post for post in self.posts.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


class MatchedIds(Results):
    """
    SQLite results: the ids of the matching posts, in order, read in one pass over the
    posts (matching words inside text has no index to use), then counted and sliced
    from that list rather than by a second pass.
    """

    def __init__(self, matching, posts):
        self.matching, self.posts = matching, posts

    @cached_property
    def ids(self):
        return list(self.matching.values_list("pk", flat=True))

    def count(self):
        return len(self.ids)

    def page_ids(self, key):
        return self.ids[key]


def search(queryset, text, narrowed=True):
    """Posts of `queryset` (readers' posts, perhaps narrowed by filters) matching `text`,
    best first. `narrowed=False` says `queryset` is every published post, so the entries
    need not be joined to it."""
    if uses_postgres():
        query = Once(_pg_query(text))
        entries = SearchEntry.objects.filter(
            Matches(F("document"), query), publish_at__lte=timezone.now()
        )
        if narrowed:
            entries = entries.filter(post__in=queryset.values("pk"))
        entries = entries.annotate(rank=SearchRank(F("heading"), query)).order_by(
            "-rank", "-publish_at", "-post_id"
        )
        return Results(entries, queryset)
    post_type = ContentType.objects.get_for_model(Post)
    words = re.findall(r"\w+", text)[:12]
    condition = Q()
    for word in words:
        # EXISTS, not joins: joined bylines and topics would repeat each post's body, and
        # the body's words would be searched once per repetition.
        condition &= (
            Q(title__icontains=word)
            | Q(dek__icontains=word)
            | Exists(PostAuthor.objects.filter(post=OuterRef("pk"), author__name__icontains=word))
            | Exists(
                TaggedItem.objects.filter(
                    content_type=post_type, object_id=OuterRef("pk"), tag__name__icontains=word
                )
            )
            | Q(body_text__icontains=word)
        )
    return MatchedIds(queryset.filter(condition).order_by("-publish_at", "-pk"), queryset)


def add_snippets(posts, text):
    """
    Set `post.snippet` on each post of a page of results: a passage of the body around the
    query's words, highlighted with <mark>, escaped. On PostgreSQL the passages come from
    ts_headline in one query for the page only (not for every match).
    """
    posts = list(posts)
    sources = {}
    if uses_postgres() and posts:
        sources = dict(
            Post.objects.filter(pk__in=[post.pk for post in posts])
            .annotate(
                headline=SearchHeadline(
                    Replace(
                        Replace(F("body_text"), Value("<"), Value(" ")), Value(">"), Value(" ")
                    ),
                    _pg_query(text),
                    config="english",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "headline")
        )
    for post in posts:
        source = sources.get(post.pk) or _plain_snippet(post.body_text, text)
        html = escape(source).replace(START, "<mark>").replace(STOP, "</mark>")
        post.snippet = mark_safe(html)  # noqa: S308 -- escaped, then only our own marks added


def _plain_snippet(body, text, width=240):
    words = [w for w in re.findall(r"\w+", text) if len(w) > 1]
    lower = body.lower()
    positions = [lower.find(w.lower()) for w in words if lower.find(w.lower()) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    passage = body[start : start + width]
    if start:
        passage = "… " + passage.split(" ", 1)[-1]
    if start + width < len(body):
        passage = passage.rsplit(" ", 1)[0] + " …"
    for word in sorted(set(words), key=len, reverse=True):
        passage = re.sub(f"({re.escape(word)})", f"{START}\\1{STOP}", passage, flags=re.I)
    return passage
