"""A post's “updated” moment: one moment, the latest change readers can see, in the page,
its JSON-LD, the sitemap and the feeds; and every machine-readable time valid."""

import datetime
import json
import re

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from blog.models import Correction, Post
from core.cache import seconds_until_next_publication
from tests.factories import PostFactory
from tests.forms import change_data, inline_management

pytestmark = pytest.mark.django_db

# HTML's valid global date and time string: at most three digits of a second.
HTML_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)$")
PUBLISHED = datetime.datetime(2026, 3, 4, 15, 0, 0, 123456, tzinfo=datetime.UTC)


def soup_of(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def json_ld(soup):
    return json.loads(soup.find("script", type="application/ld+json").string)


def sitemap_lastmod(client, post):
    sitemap = client.get("/sitemap.xml").content.decode()
    entry = sitemap[sitemap.index(post.get_absolute_url()) :]
    return re.search(r"<lastmod>([^<]+)</lastmod>", entry).group(1)


def atom_updated(client):
    return feedparser.parse(client.get("/blog/feed/atom/").content).entries[0].updated_parsed


def test_every_time_of_a_post_edited_after_publication_is_valid(client):
    post = PostFactory(publish_at=PUBLISHED)
    post.title = "Ports and Power, revised"
    post.save()  # updated now, to the microsecond
    Correction.objects.create(post=post, text="A date was wrong.")
    soup = soup_of(client, post.get_absolute_url())
    times = [tag["datetime"] for tag in soup.find_all("time")]
    times += [meta["content"] for meta in soup.find_all("meta", property=re.compile("_time$"))]
    data = json_ld(soup)
    times += [data["datePublished"], data["dateModified"]]
    assert len(times) == 7
    for value in times:
        assert HTML_TIME.match(value), value


def test_a_correction_dated_later_changes_nothing_readers_see_until_its_date(admin_client, client):
    post = PostFactory(publish_at=PUBLISHED)
    coming = timezone.now() + datetime.timedelta(days=2)
    data = change_data(post)
    data.update(inline_management("corrections", 1))
    data.update(
        {
            "corrections-0-kind": "correction",
            "corrections-0-text": "The tonnage was 4 million, not 40.",
            "corrections-0-published_at_0": coming.strftime("%Y-%m-%d"),
            "corrections-0-published_at_1": coming.strftime("%H:%M:%S"),
        }
    )
    assert admin_client.post(f"/admin/blog/post/{post.pk}/change/", data).status_code == 302
    assert Post.objects.get(pk=post.pk).updated_at is None
    soup = soup_of(client, post.get_absolute_url())
    assert soup.find(class_="updated") is None
    assert "4 million" not in soup.get_text()
    assert json_ld(soup)["dateModified"] == json_ld(soup)["datePublished"]
    assert sitemap_lastmod(client, post) == "2026-03-04"
    assert atom_updated(client)[:3] == (2026, 3, 4)


def test_a_correction_reaches_the_page_json_ld_sitemap_and_feeds_at_its_date(client):
    post = PostFactory(publish_at=PUBLISHED)
    moment = timezone.now() + datetime.timedelta(days=2)
    Correction.objects.create(post=post, text="The tonnage was 4 million.", published_at=moment)
    with time_machine.travel(moment + datetime.timedelta(minutes=1)):
        soup = soup_of(client, post.get_absolute_url())
        local = timezone.localtime(moment)
        assert soup.find(class_="updated").get_text(" ", strip=True) == (
            f"Updated {local:%B} {local.day}, {local.year}"
        )
        modified = datetime.datetime.fromisoformat(json_ld(soup)["dateModified"])
        assert modified == moment.replace(microsecond=0)
        assert sitemap_lastmod(client, post) == local.date().isoformat()
        assert atom_updated(client)[:6] == moment.astimezone(datetime.UTC).timetuple()[:6]
        entry = feedparser.parse(client.get("/blog/feed/").content).entries[0]
        assert "The tonnage was 4 million." in entry.summary


def test_cached_pages_expire_when_a_scheduled_correction_is_due():
    post = PostFactory(publish_at=PUBLISHED)
    Correction.objects.create(
        post=post, text="Soon.", published_at=timezone.now() + datetime.timedelta(seconds=90)
    )
    assert 0 < seconds_until_next_publication() <= 90


def test_only_a_change_readers_see_marks_the_post_updated():
    post = PostFactory(publish_at=PUBLISHED)
    post.save()
    assert Post.objects.get(pk=post.pk).updated_at is None
    post.body += "<p>A new closing paragraph.</p>"
    post.save()
    assert Post.objects.get(pk=post.pk).updated_at is not None
