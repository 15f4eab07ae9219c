"""RSS and Atom feeds: valid, public posts only, per person, program and topic."""

import feedparser
import pytest
from bs4 import BeautifulSoup

from blog.models import Post
from tests.factories import (
    AuthorFactory,
    PostFactory,
)

pytestmark = pytest.mark.django_db
# Feeds ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_feeds_parse_and_list_published_posts_with_all_authors_and_topics(client, suffix):
    authors = [AuthorFactory(name="Ann Ames"), AuthorFactory(name="Ben Bell")]
    post = PostFactory(title="Ports & <power>", authors=authors)
    post.topics.set(["Energy", "Trade"])
    PostFactory(title="Draft", status=Post.Status.DRAFT)
    response = client.get(f"/blog/feed/{suffix}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Ports & <power>"]
    entry = feed.entries[0]
    assert {tag.term for tag in entry.tags} == {"Energy", "Trade"}
    names = [a.get("name") for a in entry.get("authors", [])]
    if suffix:
        assert names == ["Ann Ames", "Ben Bell"]
    else:
        assert "Ann Ames" in response.content.decode() and "Ben Bell" in response.content.decode()
    assert entry.link.endswith(post.get_absolute_url())


def test_feed_survives_control_characters_in_titles(client):
    PostFactory(title="Bad\x0b title\x1f here")
    feed = feedparser.parse(client.get("/blog/feed/").content)
    assert not feed.bozo and feed.entries[0].title == "Bad title here"


@pytest.mark.parametrize("kind", ["author", "program", "topic"])
def test_feeds_per_author_program_and_topic(client, kind):
    post = PostFactory(title="In scope")
    post.topics.set(["Energy"])
    PostFactory(title="Out of scope")
    path = {
        "author": post.byline[0].get_absolute_url(),
        "program": post.program.get_absolute_url(),
        "topic": "/topics/energy/",
    }[kind]
    for suffix in ("feed/", "feed/atom/"):
        feed = feedparser.parse(client.get(path + suffix).content)
        assert not feed.bozo
        assert [entry.title for entry in feed.entries] == ["In scope"]
    page = BeautifulSoup(client.get(path).content, "html.parser")
    alternates = {link["type"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {"application/rss+xml", "application/atom+xml"}


def test_full_text_feeds_carry_the_footnotes_and_whole_image_addresses(client, settings):
    settings.FEED_FULL_TEXT = True
    settings.SITE_URL = "https://think.example.org"
    PostFactory(
        body='<p>Freight doubled.<span class="footnote">Port data, 2024.</span></p>'
        '<figure class="image"><img src="/media/renditions/figures/a.jpg" alt="A map" '
        'data-image="1"><figcaption>Ports</figcaption></figure>'
    )
    entry = feedparser.parse(client.get("/blog/feed/").content).entries[0]
    body = BeautifulSoup(entry.description, "html.parser")
    reference = body.select_one("sup.footnote-ref a")
    note = body.select_one(f"li{reference['href']}")
    assert note.get_text(" ", strip=True).startswith("Port data, 2024.")
    assert (
        body.select_one("img")["src"] == "https://think.example.org/media/renditions/figures/a.jpg"
    )
