"""SQLite gathers planner statistics for the tables pages read."""

import pytest
from django.db import connection

from tests.factories import PostFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "connection.vendor != 'sqlite'", reason="PostgreSQL's autovacuum keeps statistics"
    ),
]


def analyzed_tables():
    raw = connection.connection
    if not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        return set()
    return {table for (table,) in raw.execute("SELECT tbl FROM sqlite_stat1")}


def test_a_connection_gathers_statistics_for_the_tables_its_pages_read(client):
    for _ in range(30):
        PostFactory().topics.add("Ports")
    connection.ensure_connection()
    if analyzed_tables():
        connection.connection.execute("DELETE FROM sqlite_stat1")
    connection.statistics_checked_at = None

    assert client.get("/topics/ports/").status_code == 200

    assert {"blog_post", "taggit_taggeditem"} <= analyzed_tables()


def test_statistics_are_checked_at_most_once_an_hour(client):
    PostFactory()
    client.get("/blog/")
    checked = connection.statistics_checked_at
    assert checked is not None

    client.get("/blog/")

    assert connection.statistics_checked_at == checked
