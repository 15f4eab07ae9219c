"""The search index's rows on PostgreSQL (see blog/search.py)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """
    A published post as search sees it (PostgreSQL only). Kept apart from the post's wide
    row: a common word matches thousands of posts, and reading thousands of narrow rows
    is what keeps such a search fast. Exists only while its post is published and not in
    the trash (`blog.search.index_post` keeps it so); scheduled posts have an entry and
    are left out by `publish_at` at query time.
    """

    post = models.OneToOneField(
        "Post", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    publish_at = models.DateTimeField()
    # Title (A), dek (B), people and topics (C): small enough to stay in the row, so
    # ranking by it reads nothing more.
    heading = SearchVectorField()
    # The heading plus the body (D), under a GIN index: what finds a post.
    document = SearchVectorField()

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"Search entry of post {self.post_id}"
