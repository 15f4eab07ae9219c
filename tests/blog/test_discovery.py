"""Readers find posts: filters, pagination, topics, the home page, the sitemap; no address
reveals a draft."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import timezone

from blog.models import Post, PostAuthor
from blog.services import merge_topics
from tests.factories import (
    AuthorFactory,
    PostFactory,
    ProgramFactory,
    PullQuoteFactory,
)
from tests.pages import titles

pytestmark = pytest.mark.django_db
# Filters and pagination -------------------------------------------------------------


def test_filters_combine(client):
    program, other = ProgramFactory(), ProgramFactory()
    author = AuthorFactory()
    match = PostFactory(title="Match", program=program, post_type="op-ed", authors=[author])
    match.topics.set(["Energy"])
    PostFactory(title="Wrong type", program=program, authors=[author]).topics.set(["Energy"])
    PostFactory(title="Wrong program", program=other, post_type="op-ed", authors=[author])
    PostFactory(title="Wrong author", program=program, post_type="op-ed").topics.set(["Energy"])
    url = f"/blog/?type=op-ed&program={program.slug}&topic=energy&author={author.slug}"
    assert titles(client.get(url)) == ["Match"]


def test_filter_form_offers_every_choice_and_keeps_the_readers(client):
    program = ProgramFactory(name="Energy & Climate")
    PostFactory(program=program, post_type="op-ed").topics.set(["Grids", "Oil <and> gas"])
    PostFactory(status="draft").topics.set(["Unpublished topic"])
    response = client.get(f"/blog/?type=op-ed&program={program.slug}&topic=grids")
    soup = BeautifulSoup(response.content, "html.parser")

    def select(name):
        options = soup.select(f'select[name="{name}"] option')
        return [o.get_text() for o in options], [
            o["value"] for o in options if o.has_attr("selected")
        ]

    assert select("type") == (["All types", *Post.PostType.labels], ["op-ed"])
    assert "Energy & Climate" in select("program")[0]
    assert select("program")[1] == [program.slug]
    assert select("topic") == (["All topics", "Grids", "Oil <and> gas"], ["grids"])


@pytest.mark.parametrize("query", ["type=poem", "program=nope", "topic=nope", "author=nobody"])
def test_unknown_filter_values_answer_404(client, query):
    PostFactory()
    assert client.get(f"/blog/?{query}").status_code == 404


def test_pagination_keeps_the_filters_and_links_prev_and_next(client):
    program = ProgramFactory()
    for number in range(45):
        PostFactory(
            program=program,
            title=f"Item {number:02d}",
            publish_at=timezone.now() - datetime.timedelta(hours=number + 1),
        )
    PostFactory(title="Elsewhere")
    soup = BeautifulSoup(
        client.get(f"/blog/?program={program.slug}&page=2").content, "html.parser"
    )
    nav = soup.find("nav", class_="pagination")
    assert nav.find(attrs={"aria-current": "page"}).get_text() == "Page 2 of 3"
    assert nav.find("a", rel="prev")["href"] == f"?program={program.slug}&page=1"
    assert nav.find("a", rel="next")["href"] == f"?program={program.slug}&page=3"
    assert "Elsewhere" not in soup.get_text()


# Topics ----------------------------------------------------------------------------


def test_topic_used_only_by_drafts_does_not_exist_for_readers(client):
    PostFactory(status=Post.Status.DRAFT).topics.set(["Embargoed subject"])
    assert client.get("/topics/embargoed-subject/").status_code == 404
    assert client.get("/topics/embargoed-subject/feed/").status_code == 404
    assert "Embargoed subject" not in client.get("/blog/").content.decode()


def test_merging_topics_keeps_every_posts_topics():
    from taggit.models import Tag

    one, both, other = PostFactory(), PostFactory(), PostFactory()
    one.topics.set(["Central Asia"])
    both.topics.set(["Central Asia", "central-asia region"])
    other.topics.set(["central-asia region", "Energy"])
    topics = list(Tag.objects.filter(name__in=["Central Asia", "central-asia region"]))
    target, moved = merge_topics(topics, "Central Asia")
    assert moved == 2  # the two posts that had the other name
    for post in (one, both, other):
        assert "Central Asia" in post.topics.names()
    assert sorted(other.topics.names()) == ["Central Asia", "Energy"]
    assert list(both.topics.names()) == ["Central Asia"]
    assert not Tag.objects.filter(name="central-asia region").exists()


def test_topic_merge_action_in_the_admin(admin_client):
    from taggit.models import Tag

    post = PostFactory()
    post.topics.set(["Oil", "Petroleum"])
    ids = list(Tag.objects.values_list("pk", flat=True))
    response = admin_client.post(
        "/admin/taggit/tag/",
        {"action": "merge_topics", "_selected_action": ids, "apply": "1", "name": "Oil and gas"},
    )
    assert response.status_code == 302
    assert list(post.topics.names()) == ["Oil and gas"]


def test_topic_merge_page_speaks_of_topics(admin_client):
    from taggit.models import Tag

    PostFactory().topics.set(["Oil", "Petroleum"])
    ids = list(Tag.objects.values_list("pk", flat=True))
    response = admin_client.post(
        "/admin/taggit/tag/", {"action": "merge_topics", "_selected_action": ids}
    )
    breadcrumbs = BeautifulSoup(response.content, "html.parser").select_one(".breadcrumbs")
    assert breadcrumbs.get_text(" ", strip=True) == "Home › Topics › Merge topics"


def test_topic_suggestions_for_editors(admin_client):
    PostFactory().topics.set(["Central Asia", "Asian markets", "Energy"])
    data = admin_client.get("/admin/blog/post/topics/?q=as").json()
    assert data["topics"] == ["Asian markets", "Central Asia"]


# Sitemap and robots -------------------------------------------------------------------


def test_sitemap_is_valid_xml_listing_only_public_urls(client, settings):
    settings.SITE_URL = "https://think.example.org"
    live = PostFactory(slug="live-post")
    live.topics.set(["Energy"])
    PostFactory(slug="draft-post", status=Post.Status.DRAFT).topics.set(["Secret"])
    PostFactory(slug="later-post", publish_at=timezone.now() + datetime.timedelta(days=1))
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.find("s:loc", ns).text: u.find("s:lastmod", ns) for u in root.findall("s:url", ns)}
    paths = {url.split("example.org", 1)[1] for url in urls}
    assert "/blog/live-post/" in paths
    assert "/blog/draft-post/" not in paths and "/blog/later-post/" not in paths
    assert "/topics/energy/" in paths and "/topics/secret/" not in paths
    assert live.program.get_absolute_url() in paths
    assert live.byline[0].get_absolute_url() in paths
    assert urls["https://think.example.org/blog/live-post/"] is not None
    assert "sitemap.xml" in client.get("/robots.txt").content.decode()


def test_home_shows_featured_in_order_then_latest_then_each_program(client):
    program = ProgramFactory(name="Arctic Program")
    PostFactory(title="Second feature", featured_rank=2)
    PostFactory(title="First feature", featured_rank=1)
    PostFactory(title="Just latest", program=program)
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    featured = [a.get_text() for a in soup.select(".featured .post-card__title a")]
    assert featured == ["First feature", "Second feature"]
    assert "Just latest" in soup.find(id="latest-heading").parent.get_text()
    assert soup.find(id="program-arctic-program") is not None


@pytest.mark.parametrize("path", ["/", "/blog/", "/topics/energy/", "/search/?q=ports"])
def test_listings_run_a_fixed_number_of_queries(client, path):
    from django.test.utils import CaptureQueriesContext

    def make(count):
        for _ in range(count):
            post = PostFactory(authors=AuthorFactory.create_batch(2), program=program)
            post.topics.set(["Energy"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    program = ProgramFactory()
    make(2)
    few = queries()
    make(8)
    assert queries() == few


def test_no_public_url_reveals_a_draft(client):
    draft = PostFactory(title="Embargoed draft", slug="embargoed", status=Post.Status.DRAFT)
    draft.topics.set(["Energy"])
    quote = PullQuoteFactory(post=draft)
    live = PostFactory(program=draft.program)
    live.topics.set(["Energy"])
    author = draft.byline[0]
    PostAuthor.objects.create(post=live, author=author, position=1)
    urls = [
        "/",
        "/blog/",
        "/blog/?status=draft",
        "/blog/?preview=1",
        "/blog/embargoed/",
        "/blog/embargoed/?preview=1",
        "/blog/embargoed/cite.bib",
        "/blog/embargoed/cite.ris",
        f"/blog/embargoed/quotes/{quote.pk}/",
        "/search/?q=embargoed",
        "/blog/feed/",
        "/blog/feed/atom/",
        "/topics/energy/",
        "/topics/energy/feed/",
        author.get_absolute_url(),
        author.get_absolute_url() + "feed/",
        draft.program.get_absolute_url(),
        draft.program.get_absolute_url() + "feed/atom/",
        live.get_absolute_url(),
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Embargoed draft" not in body, url
        if "embargoed" not in url:
            assert b"/blog/embargoed/" not in body, url
