"""Reading the search index: parsing a reader's query, matching, ranking, snippets."""

import collections
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
)
from django.db import connection
from django.db.models import BooleanField, F, Func, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Post, SearchEntry
from .indexing import FTS_TABLE, LANGUAGES, PARTS, Unaccent, untag, uses_postgres

MAX_QUERY_LENGTH = 200
# Distinct words and phrases of a query searched for on SQLite; more add little but make
# more of the index be read.
MAX_QUERY_TERMS = 16
# Around the matched words of a snippet until it is escaped, then marked up.
START, STOP = "\x02", "\x03"


def normalize_query(raw):
    """The query as searched: whitespace folded, control characters dropped, at most
    MAX_QUERY_LENGTH characters (cut at a word). Returns (query, was_shortened)."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    return text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0], True


# Reading it -----------------------------------------------------------------------------


def _pg_query(text):
    query = None
    for language in LANGUAGES:
        piece = SearchQuery(Unaccent(Value(untag(text))), config=language, search_type="websearch")
        query = piece if query is None else query | piece
    return query


# A term of a query: an optional "-" (excluded), then a "quoted phrase" (its closing
# quote optional) or a run of anything but spaces and quotes.
TERM = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


def fts5_query(text):
    """
    The reader's query as an FTS5 MATCH expression, or None when it has nothing to search
    for. Read as PostgreSQL's websearch_to_tsquery reads it: words must all appear,
    "quoted phrases" appear as written, -excluded words and phrases must not appear, and
    `or` separates alternatives. Every term is an FTS5 string (in double quotes), so no
    input is read as FTS5 syntax (AND, NEAR, *, ^, column filters): a query can never be
    an FTS5 syntax error. Terms without a letter or digit are dropped (the tokenizer
    would find nothing in them, and an empty phrase matches no post); a group of only
    excluded terms is dropped too, since FTS5 cannot ask for "everything but".
    """
    groups, wanted, unwanted, seen = [], [], [], set()
    for match in TERM.finditer(text):
        excluded, phrase, word = match.groups()
        if word is not None and not excluded and word.lower() == "or":
            groups.append((wanted, unwanted))
            wanted, unwanted = [], []
            continue
        term = phrase if phrase is not None else word
        key = (excluded, term.lower())
        if not any(ch.isalnum() for ch in term) or key in seen or len(seen) >= MAX_QUERY_TERMS:
            continue
        seen.add(key)
        quoted = '"' + term.replace('"', '""') + '"'
        (unwanted if excluded else wanted).append(quoted)
    groups.append((wanted, unwanted))
    clauses = []
    for wanted, unwanted in groups:
        if not wanted:
            continue
        # Parentheses throughout: the meaning does not rest on FTS5's precedence.
        clause = "(" + " AND ".join(wanted) + ")"
        for term in unwanted:
            clause = f"({clause} NOT {term})"
        clauses.append(clause)
    return " OR ".join(clauses) or None


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
    SQLite results: the ids of every match, in order, from two reads of the FTS5 index
    (its bm25 ranks; the matches the readers' queryset admits, newest first, which
    leaves out drafts, scheduled and trashed posts whatever the index holds); then
    counted and sliced from that list.
    """

    def __init__(self, expression, posts):
        self.expression, self.posts = expression, posts

    def visible_matches(self):
        """The ids of the matches the readers' queryset admits, newest first. Read on the
        index of the publication rule's columns by id (`post_visibility_idx`) where no filter
        asks for more."""
        matching = RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [self.expression]
        )
        return (
            self.posts.filter(pk__in=matching)
            .order_by("-publish_at", "-pk")
            .values_list("pk", flat=True)
        )

    @cached_property
    def ids(self):
        if self.expression is None:
            return []
        with connection.cursor() as cursor:
            weights = ", ".join(["%s"] * len(PARTS))
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s",
                [*(part.rank for part in PARTS), self.expression],
            )
            # A post indexed between the two reads is ranked as a body-only match (0.0).
            ranks = collections.defaultdict(float, cursor.fetchall())
        # bm25 is negative, lower is better; a stable sort keeps equal ranks (body-only
        # matches) newest first. The key is the dict's own lookup: a broad query sorts
        # tens of thousands of ids.
        return sorted(self.visible_matches(), key=ranks.__getitem__)

    def count(self):
        return len(self.ids)

    def page_ids(self, key):
        return self.ids[key]


def search(queryset, text, narrowed=True):
    """Posts of `queryset` (readers' posts, perhaps narrowed by filters) matching `text`,
    best first. `narrowed=False` says `queryset` is every published post, so the entries
    need not be joined to it (PostgreSQL)."""
    if not uses_postgres():
        return MatchedIds(fts5_query(text), queryset)
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
