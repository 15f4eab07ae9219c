"""What one request carries (its Host, stray parameters) never reaches another reader."""

import os

import feedparser
import pytest
from django.test import Client

from tests.factories import AuthorFactory, PostFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

POISONED_HOST = "127.0.0.1:6666"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SITE_URL = "https://think.example.org"


@pytest.fixture
def post():
    post = PostFactory(
        authors=[AuthorFactory(slug="ana-lee")], program=ProgramFactory(slug="energy")
    )
    post.topics.set(["Grain"])
    return post


def feed_paths(post):
    topic = post.topics.get()
    pages = ["/blog/", "/people/ana-lee/", "/programs/energy/", f"/topics/{topic.slug}/"]
    return [page + suffix for page in pages for suffix in ("feed/", "feed/atom/")]


@pytest.mark.parametrize("which", range(8))
def test_feeds_link_to_site_url_whatever_host_the_first_reader_sent(
    client, page_cache, post, which
):
    path = feed_paths(post)[which]
    poisoned = client.get(path, HTTP_HOST=POISONED_HOST)
    served = client.get(path)
    for response in (poisoned, served):
        body = response.content.decode()
        assert response.status_code == 200
        assert "6666" not in body
        feed = feedparser.parse(body)
        assert feed.feed.link.startswith("https://think.example.org/")
        assert feed.entries[0].link == "https://think.example.org" + post.get_absolute_url()


@pytest.mark.parametrize(
    "path",
    ["/", "/blog/", "/sitemap.xml", "/robots.txt", "/search/?q=grain", "POST", "BIB", "RIS"],
)
def test_absolute_links_of_pages_come_from_site_url(client, page_cache, post, path):
    path = {
        "POST": post.get_absolute_url(),
        "BIB": post.get_absolute_url() + "cite.bib",
        "RIS": post.get_absolute_url() + "cite.ris",
    }.get(path, path)
    poisoned = client.get(path, HTTP_HOST=POISONED_HOST).content.decode()
    served = client.get(path).content.decode()
    assert "6666" not in poisoned and "6666" not in served
    assert "think.example.org" in served


@pytest.fixture
def redis_page_cache(page_cache, settings):
    """The page cache in a Redis database of its own, whose keys can be counted."""
    import redis

    url = "redis://127.0.0.1:6379/14"
    server = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    server.flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    yield server
    server.flushdb()


def test_the_page_cache_stores_no_key_for_parameters_no_page_reads(client, redis_page_cache, post):
    client.get("/robots.txt")
    client.get("/blog/")
    keys_before = redis_page_cache.dbsize()
    for number in range(50):
        assert client.get(f"/robots.txt?x={number}").status_code == 200
        assert client.get(f"/blog/?utm_source={number}").status_code == 200
        assert client.get(f"/blog/no-such-post/?x={number}").status_code == 404
    assert redis_page_cache.dbsize() <= keys_before + 1


def test_a_page_with_stray_parameters_is_served_its_cached_copy(client, page_cache, post):
    client.get("/blog/")
    response = client.get("/blog/?utm_source=newsletter")
    assert response["X-Cache"] == "hit"


def test_a_page_with_stray_parameters_is_not_stored(client, page_cache, post):
    first = client.get("/blog/?utm_source=newsletter&page=1")
    assert first.get("X-Cache") != "miss"
    assert client.get("/blog/").get("X-Cache") == "miss"


def test_the_parameters_a_page_reads_still_make_their_own_copies(client, page_cache, post):
    client.get("/blog/")
    assert client.get("/search/?q=grain")["X-Cache"] == "miss"
    assert client.get("/search/?q=other")["X-Cache"] == "miss"
    assert client.get("/search/?q=grain")["X-Cache"] == "hit"


def test_session_and_csrf_cookies_are_secure_when_debug_is_off(client, settings):
    from django.conf import settings as live

    assert live.DEBUG is False
    UserFactory(username="editor5")
    page = client.get("/admin/login/")
    assert page.cookies["csrftoken"]["secure"]
    response = client.post(
        "/admin/login/", {"username": "editor5", "password": "correct horse battery staple"}
    )
    assert response.cookies["sessionid"]["secure"]


def test_sign_in_with_an_unsafe_next_lands_on_the_admin_index():
    UserFactory(username="editor6")
    client = Client()
    response = client.post(
        "/admin/login/?next=https://evil.example.net/",
        {"username": "editor6", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
