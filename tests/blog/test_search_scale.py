"""
On SQLite, search checks which of its matches readers may see on an index of the
publication rule's columns by id, never on the posts' rows: a row holds the body, and a
long body spills onto overflow pages that SQLite reads through to reach the status and
dates after it (a broad query on 100,000 posts read 10,000 such rows).
"""

import pytest
from django.db import connection

from blog import search
from blog.models import Post
from tests.factories import PostFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "connection.vendor != 'sqlite'",
        reason="PostgreSQL counts and ranks on its narrow search entries",
    ),
]


# Planner statistics as ANALYZE took them of `make bench`'s 100,000-post archive: what
# SQLite plans search by on a real site ("rows, rows per value of each key prefix").
ARCHIVE_STATISTICS = {
    "post_visibility_idx": "100000 1 1 1 1",
    "post_public_idx": "100000 50000 1 1",
    "post_type_idx": "100000 14286 7143 1",
    "post_program_idx": "100000 16667 8334 1",
    "post_featured_idx": "100000 100000",
    "blog_post_translation_of_id_8caadbbe": "100000 100000",
    "blog_post_deleted_at_d5aa4b26": "100000 100000",
    "blog_post_series_id_fbf7a102": "100000 14286",
    "blog_post_program_id_10333144": "100000 16667",
    "blog_post_status_594bade0": "100000 50000",
    "sqlite_autoindex_blog_post_1": "100000 1",
}


@pytest.fixture
def harbour_posts():
    """Posts matching “harbour”, and others that do not."""
    for number in range(20):
        PostFactory(title=f"Freight rates, part {number}")
    return [PostFactory(title=f"Harbour dues, part {number}") for number in range(5)]


@pytest.fixture
def archive_statistics(harbour_posts):
    """The statistics the app gathers (core.statistics), scaled to a real archive."""
    connection.ensure_connection()
    raw = connection.connection
    raw.execute("ANALYZE")
    raw.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'blog_post'")
    raw.executemany(
        "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('blog_post', ?, ?)",
        ARCHIVE_STATISTICS.items(),
    )
    raw.execute("ANALYZE sqlite_schema")  # reloads the statistics


def test_the_matches_readers_may_see_are_read_from_the_public_posts_index(
    archive_statistics,
):
    results = search.search(Post.objects.published(), "harbour")

    plan = results.visible_matches().explain()

    assert "COVERING INDEX post_visibility_idx" in plan, plan


def test_every_public_match_is_still_found_through_that_index(harbour_posts, archive_statistics):
    hidden = harbour_posts[0]
    Post.objects.filter(pk=hidden.pk).update(status=Post.Status.DRAFT)

    results = search.search(Post.objects.published(), "harbour")

    assert set(results.ids) == {post.pk for post in harbour_posts[1:]}
