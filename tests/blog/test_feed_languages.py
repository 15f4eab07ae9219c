"""Feeds narrowed to one language (`?lang=`), and the listings that announce them."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from blog.models import Correction
from tests.factories import PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    program = ProgramFactory(name="Caspian Institute", slug="caspian-institute")
    english = PostFactory(title="Ports and Power", language="en", program=program)
    russian = PostFactory(title="Порты и власть", language="ru", program=program)
    ukrainian = PostFactory(title="Порти і влада", language="uk", program=program)
    for post in (english, russian, ukrainian):
        post.topics.add("Energy")
    return {"en": english, "ru": russian, "uk": ukrainian}


def entries(response):
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_a_feed_narrowed_to_russian_lists_russian_posts_in_russian(client, posts, suffix):
    feed = entries(client.get(f"/blog/feed/{suffix}?lang=ru"))
    assert [entry.title for entry in feed.entries] == ["Порты и власть"]
    assert (
        feed.feed.title == "Новые комментарии · Русский — The Meridian Center for Policy Studies"
    )
    assert feed.feed.link.endswith("/blog/?lang=ru")
    assert feed.feed.language == "ru"
    assert feed.feed.subtitle == "Новые комментарии — The Meridian Center for Policy Studies."


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/topics/energy/feed/", "Коментарі на тему «Energy»"),
        ("/programs/caspian-institute/feed/atom/", "Caspian Institute: нові коментарі"),
    ],
)
def test_every_feed_takes_the_language(client, posts, path, heading):
    feed = entries(client.get(f"{path}?lang=uk"))
    assert [entry.title for entry in feed.entries] == ["Порти і влада"]
    assert feed.feed.title == f"{heading} · Українська — The Meridian Center for Policy Studies"


def test_the_feed_of_every_language_still_lists_them_all_in_the_site_language(client, posts):
    feed = entries(client.get("/blog/feed/"))
    assert {entry.title for entry in feed.entries} == {
        "Ports and Power",
        "Порты и власть",
        "Порти і влада",
    }
    assert feed.feed.language == "en"


def test_an_unknown_language_is_a_feed_that_does_not_exist(client, posts):
    assert client.get("/blog/feed/?lang=ua").status_code == 404


def test_a_russian_posts_correction_is_dated_in_russian_in_any_feed(client, posts):
    Correction.objects.create(
        post=posts["ru"],
        kind=Correction.Kind.CORRECTION,
        text="Исправлена дата.",
        published_at=datetime.datetime(2026, 3, 4, 15, 0, tzinfo=datetime.UTC),
    )
    feed = entries(client.get("/blog/feed/"))
    entry = next(entry for entry in feed.entries if entry.title == "Порты и власть")
    assert "Исправление, 4 марта 2026:" in entry.summary


def test_the_page_cache_keeps_each_languages_feed_apart(client, settings, posts):
    settings.PAGE_CACHE_SECONDS = 300
    assert len(entries(client.get("/blog/feed/")).entries) == 3
    assert len(entries(client.get("/blog/feed/?lang=ru")).entries) == 1


def announced_feeds(client, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    return [
        (link["type"].split("/")[1], link.get("hreflang"), link["href"])
        for link in soup.find_all("link", rel="alternate", type=True)
    ]


def test_a_listing_announces_its_feed_and_each_languages_feed(client, posts):
    assert announced_feeds(client, "/blog/") == [
        ("rss+xml", None, "/blog/feed/"),
        ("atom+xml", None, "/blog/feed/atom/"),
        ("rss+xml", "en", "/blog/feed/?lang=en"),
        ("atom+xml", "en", "/blog/feed/atom/?lang=en"),
        ("rss+xml", "ru", "/blog/feed/?lang=ru"),
        ("atom+xml", "ru", "/blog/feed/atom/?lang=ru"),
        ("rss+xml", "uk", "/blog/feed/?lang=uk"),
        ("atom+xml", "uk", "/blog/feed/atom/?lang=uk"),
    ]


def test_a_listing_narrowed_to_a_language_announces_that_languages_feed(client, posts):
    assert announced_feeds(client, "/topics/energy/?lang=ru") == [
        ("rss+xml", "ru", "/topics/energy/feed/?lang=ru"),
        ("atom+xml", "ru", "/topics/energy/feed/atom/?lang=ru"),
    ]
