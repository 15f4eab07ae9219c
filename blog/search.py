"""
Full-text search over published posts.

On PostgreSQL each post stores a weighted search vector (title A, dek B, people and topics
C, body D), in English and Russian, accents folded with `unaccent`, under a GIN index; it
is rebuilt whenever the post, its byline or its topics are saved. Queries are parsed like a
search engine's ("quoted phrases", -excluded words), ranked, and shown with highlighted
snippets of the body (pull quotes are not part of the body text). On SQLite, posts are
found by every word of the query appearing somewhere in them, newest first.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Replace
from django.utils.html import escape
from django.utils.safestring import mark_safe

LANGUAGES = ("english", "russian")
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
    """Rebuild one post's stored search vector (PostgreSQL only)."""
    if not uses_postgres():
        return
    people = " ".join(b.author.name for b in post.bylines.select_related("author"))
    topics = " ".join(post.topics.names())
    parts = [
        (post.title, "A"),
        (post.dek, "B"),
        (f"{people} {topics}", "C"),
        (post.body_text, "D"),
    ]
    vector = None
    for language in LANGUAGES:
        for text, weight in parts:
            # PostgreSQL's parser reads "<word …" as a tag and skips what follows it.
            piece = SearchVector(Unaccent(Value(_untag(text))), config=language, weight=weight)
            vector = piece if vector is None else vector + piece
    type(post).objects.filter(pk=post.pk).update(search_vector=vector)


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


def search(queryset, text):
    """Posts of `queryset` matching `text`, best first."""
    if uses_postgres():
        query = _pg_query(text)
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-publish_at")
        )
    words = re.findall(r"\w+", text)[:12]
    condition = Q()
    for word in words:
        condition &= (
            Q(title__icontains=word)
            | Q(dek__icontains=word)
            | Q(body_text__icontains=word)
            | Q(bylines__author__name__icontains=word)
            | Q(topics__name__icontains=word)
        )
    ids = queryset.filter(condition).values("pk")
    return queryset.filter(pk__in=ids).order_by("-publish_at")


def add_snippets(posts, text):
    """
    Set `post.snippet` on each post of a page of results: a passage of the body around the
    query's words, highlighted with <mark>, escaped. On PostgreSQL the passages come from
    ts_headline in one query for the page only (not for every match).
    """
    posts = list(posts)
    sources = {}
    if uses_postgres() and posts:
        from .models import Post

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
