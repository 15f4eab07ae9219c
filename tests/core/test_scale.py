"""Two application servers share one PostgreSQL and one Redis: an edit saved on either is
seen on both at once, and neither serves a stale page."""

import os
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from config.settings import cache_from_url
from tests.factories import PostFactory
from tests.servers import gunicorn

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/15"

pytestmark = [
    pytest.mark.system,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="several servers need a shared database server (PostgreSQL)",
    ),
]


def redis_available():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        return False


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("X-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), ""
    except OSError:  # not listening yet
        return 0, None, ""


@pytest.fixture
def servers(settings, tmp_path):
    if not redis_available():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    # The servers' own cache configuration, so all share one content generation.
    settings.CACHES = {"default": cache_from_url(REDIS_URL)}
    settings.PAGE_CACHE_SECONDS = 300
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CACHE_URL": REDIS_URL,
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PAGE_CACHE_SECONDS": "300",
        "MEDIA_ROOT": str(tmp_path),
    }
    with gunicorn(env, 18231, workers=2) as first, gunicorn(env, 18232, workers=2) as second:
        yield first, second


def test_an_edit_is_seen_at_once_on_both_servers(servers):
    first, second = servers
    post = PostFactory(title="Original title")
    url = post.get_absolute_url()
    assert fetch(first + url)[:2] == (200, "miss")
    assert fetch(second + url)[:2] == (200, "hit")  # the shared cache serves server two

    post.title = "Corrected title"
    post.save()  # bumps the content generation in the shared Redis
    for base in (second, first):
        status, _, body = fetch(base + url)
        assert status == 200
        assert "Corrected title" in body and "Original title" not in body


def test_unpublishing_hides_the_post_on_both_servers(servers):
    first, second = servers
    post = PostFactory(title="Soon withdrawn")
    for base in servers:
        fetch(base + "/blog/")
    post.status = "draft"
    post.save()
    for base in (first, second):
        assert "Soon withdrawn" not in fetch(base + "/blog/")[2]
        assert fetch(base + post.get_absolute_url())[0] == 404
