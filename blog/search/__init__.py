"""
Full-text search over published posts.

What is indexed is defined once, in `PARTS`: the title (weight A), the dek (B), the
byline's names and the topics (C), and the body's first INDEXED_BODY_CHARACTERS
characters of plain text (D). `index_post` (called on every save of a post, its byline or
its topics) and `reindex_all` (after a bulk load or a restore) both build a post's entry
from `PARTS` through `_rebuild`, and both ask the model which posts belong in the index:
those `Post.objects.published()` shows now, and those `Post.objects.scheduled()` will
show, so that a scheduled post is found at its moment without being saved again (queries
leave it out until then).

On PostgreSQL each such post has a `SearchEntry`, a narrow row apart from the post: a
weighted vector of the whole post under a GIN index finds it, and a small vector of the
first three parts ranks it, in English and Russian, accents folded with `unaccent`.

On SQLite the same parts are the columns of an FTS5 table, `blog_post_fts` (created by
migration 0012; its rowid is the post's id), tokenized by `unicode61` with diacritics
removed (accents and case folded) and English words stemmed by `porter`, as PostgreSQL's
English configuration stems them (Russian words are not stemmed there: "порт" does not
find "порты"). Matches are ranked by bm25 with the parts' weights.

On both, queries are parsed like a search engine's ("quoted phrases", -excluded words,
`or` between alternatives); results are ranked by where the words appear (title, then
dek, then people and topics; body-only matches newest first) and shown with highlighted
snippets of the body (pull quotes are not part of the body text). Only the posts of the
page shown are loaded, through the readers' queryset. On PostgreSQL counting and ranking
read only the entries; on SQLite the matches are also checked against the readers'
queryset (`published()` and any filters), in one query of their ids.
"""

from .indexing import (
    FTS_TABLE,
    INDEXED_BODY_CHARACTERS,
    PARTS,
    index_post,
    indexing_deferred,
    reindex_all,
    uses_postgres,
)
from .querying import (
    MAX_QUERY_LENGTH,
    Results,
    add_snippets,
    fts5_query,
    normalize_query,
    search,
)

__all__ = [
    "FTS_TABLE",
    "INDEXED_BODY_CHARACTERS",
    "MAX_QUERY_LENGTH",
    "PARTS",
    "Results",
    "add_snippets",
    "fts5_query",
    "index_post",
    "indexing_deferred",
    "normalize_query",
    "reindex_all",
    "search",
    "uses_postgres",
]
