"""Readers find posts: filters, topics, search, feeds, sitemap, citations, sharing."""

import datetime
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import timezone
from PIL import Image

from blog import services
from blog.citations import Citation
from blog.models import Post, PostAuthor
from blog.services import merge_topics
from tests.factories import (
    AuthorFactory,
    PostFactory,
    ProgramFactory,
    PullQuoteFactory,
)

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="ranking and accent folding need PostgreSQL"
)


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".post-card__title a")]


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


def test_topic_suggestions_for_editors(admin_client):
    PostFactory().topics.set(["Central Asia", "Asian markets", "Energy"])
    data = admin_client.get("/admin/blog/post/topics/?q=as").json()
    assert data["topics"] == ["Asian markets", "Central Asia"]


# Search -----------------------------------------------------------------------------


def test_search_finds_published_posts_by_words_and_never_drafts(client):
    PostFactory(title="Caspian ports", body="<p>Dredging at Aktau.</p>")
    PostFactory(title="Secret draft on ports", status=Post.Status.DRAFT)
    PostFactory(title="Scheduled ports", publish_at=timezone.now() + datetime.timedelta(days=1))
    PostFactory(title="Trashed ports", deleted_at=timezone.now())
    found = titles(client.get("/search/?q=ports"))
    assert found == ["Caspian ports"]
    assert titles(client.get("/search/?q=dredging")) == ["Caspian ports"]


def test_search_finds_posts_by_author_and_topic(client):
    post = PostFactory(title="An essay", authors=[AuthorFactory(name="Marta Lindqvist")])
    post.topics.set(["Hydrology"])
    assert titles(client.get("/search/?q=Lindqvist")) == ["An essay"]
    assert titles(client.get("/search/?q=hydrology")) == ["An essay"]


def test_search_snippet_comes_from_the_body_with_highlights_and_escaped(client):
    post = PostFactory(
        title="Harbours",
        body="<p>Long ago &lt;script&gt; was typed here. The tanker fleet grew.</p>",
    )
    PullQuoteFactory(post=post, text="The tanker fleet grew.", after_paragraph=1)
    soup = BeautifulSoup(client.get("/search/?q=tanker").content, "html.parser")
    snippet = soup.find(class_="search-snippet")
    assert snippet.find("mark").get_text().lower() == "tanker"
    assert snippet.find("script") is None
    if connection.vendor == "sqlite":
        assert "<script>" in snippet.get_text()  # shown as text, never as markup


def test_search_combines_with_filters(client):
    program = ProgramFactory()
    PostFactory(title="Ports one", program=program)
    PostFactory(title="Ports two")
    assert titles(client.get(f"/search/?q=ports&program={program.slug}")) == ["Ports one"]


@pytest.mark.parametrize("query", ["", "   ", "\x01\x02", "a" * 100_000, "ports " * 20_000])
def test_empty_and_overlong_queries_are_handled(client, query):
    PostFactory(title="Ports")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_overlong_query_is_shortened_with_a_notice(client):
    response = client.get("/search/", {"q": "ports " * 200})
    assert "only its first words were used" in response.content.decode()


def test_russian_words_are_found(client):
    PostFactory(title="Каспийские порты", body="<p>Танкерный флот растёт.</p>")
    assert titles(client.get("/search/?q=порты")) == ["Каспийские порты"]


@postgres_only
def test_title_match_outranks_body_match(client):
    PostFactory(title="Notes from the coast", body="<p>A word about pipelines here.</p>")
    PostFactory(
        title="Pipelines and power",
        body="<p>Nothing else.</p>",
        publish_at=timezone.now() - datetime.timedelta(days=30),
    )
    assert titles(client.get("/search/?q=pipelines")) == [
        "Pipelines and power",
        "Notes from the coast",
    ]


@postgres_only
def test_search_follows_a_post_out_of_and_back_into_view(client):
    post = PostFactory(title="Harbour tariffs")
    assert titles(client.get("/search/?q=harbour")) == ["Harbour tariffs"]
    services.trash_posts(Post.objects.filter(pk=post.pk))
    response = client.get("/search/?q=harbour")
    assert titles(response) == []
    assert "No commentary matches" in response.content.decode()
    services.restore_posts(Post.objects.filter(pk=post.pk))
    assert titles(client.get("/search/?q=harbour")) == ["Harbour tariffs"]
    post.refresh_from_db()
    post.status = Post.Status.DRAFT
    post.save()
    assert titles(client.get("/search/?q=harbour")) == []


@postgres_only
def test_search_leaves_out_a_scheduled_post_until_its_time(client):
    PostFactory(title="Harbour futures", publish_at=timezone.now() + datetime.timedelta(hours=2))
    response = client.get("/search/?q=harbour")
    assert titles(response) == []
    assert "No commentary matches" in response.content.decode()


@postgres_only
def test_search_counts_and_pages_through_every_match(client):
    for number in range(23):
        PostFactory(
            title=f"Harbour note {number}",
            publish_at=timezone.now() - datetime.timedelta(hours=number),
        )
    first = client.get("/search/?q=harbour")
    assert "23 results" in first.content.decode()
    second = client.get("/search/?q=harbour&page=2")
    assert titles(second) == ["Harbour note 20", "Harbour note 21", "Harbour note 22"]
    assert client.get("/search/?q=harbour&page=3").status_code == 404


@postgres_only
def test_search_is_accent_insensitive_and_stems_russian(client):
    PostFactory(title="Café politics in Zürich")
    PostFactory(title="Порты и танкеры", body="<p>Новые порты.</p>")
    assert titles(client.get("/search/?q=cafe zurich")) == ["Café politics in Zürich"]
    assert titles(client.get("/search/?q=порт")) == ["Порты и танкеры"]


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


# Sharing, structured data, citations --------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/blog/", "/people/", "/programs/", "/search/?q=x", "/topics/energy/"]
)
def test_every_public_page_has_share_tags_and_breadcrumbs(client, path):
    PostFactory().topics.set(["Energy"])
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    assert soup.title.get_text().strip()
    assert soup.find("meta", attrs={"name": "description"})["content"].strip()
    assert soup.find("link", rel="canonical")["href"].startswith("http")
    for prop in ("og:title", "og:url", "og:type", "og:site_name"):
        assert soup.find("meta", property=prop)["content"].strip(), prop
    assert soup.find("meta", attrs={"name": "twitter:card"})
    kinds = [
        json.loads(s.string)["@type"] for s in soup.find_all("script", type="application/ld+json")
    ]
    assert "BreadcrumbList" in kinds


def test_json_ld_has_job_titles_affiliation_series_and_dates(client):
    from tests.factories import PositionFactory, SeriesFactory

    series = SeriesFactory()
    author = AuthorFactory(name="Ann Ames")
    PositionFactory(author=author, title="Senior Fellow")
    post = PostFactory(authors=[author, AuthorFactory()], program=series.program, series=series)
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    data = next(
        d
        for d in (
            json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")
        )
        if d["@type"] == "BlogPosting"
    )
    assert [a["name"] for a in data["author"]] == [a.name for a in post.byline]
    assert data["author"][0]["jobTitle"] == "Senior Fellow"
    assert data["author"][0]["affiliation"]["@type"] == "Organization"
    assert data["isPartOf"]["name"] == series.name
    assert data["datePublished"] and data["dateModified"]


def make_cited_post(names):
    authors = [AuthorFactory(name=name, family_name=name.split()[-1]) for name in names]
    return PostFactory(
        title="Ports and Power",
        authors=authors,
        publish_at=datetime.datetime(2026, 3, 4, 15, 0, tzinfo=datetime.UTC),
    )


def test_citations_for_one_author(settings):
    settings.SITE_URL, settings.SITE_NAME = "https://t.example.org", "The Institute"
    post = make_cited_post(["Irina Voskresenskaya"])
    styles = {name: text for name, html, text in Citation(post).styles()}
    url = "https://t.example.org/blog/ports-and-power/"
    assert styles["Chicago"] == (
        f"Voskresenskaya, Irina. “Ports and Power.” {post.program.name} (blog), The Institute, "
        f"March 4, 2026. {url}."
    )
    assert styles["APA"] == (
        f"Voskresenskaya, I. (2026, March 4). Ports and Power. {post.program.name}. "
        f"The Institute. {url}"
    )
    assert styles["MLA"] == (
        f"Voskresenskaya, Irina. “Ports and Power.” {post.program.name}, The Institute, "
        "4 Mar. 2026, t.example.org/blog/ports-and-power/."
    )


def test_citations_for_three_authors(settings):
    settings.SITE_NAME = "The Institute"
    post = make_cited_post(["Ann Ames", "Ben Bell", "Cy Cole"])
    styles = {name: text for name, html, text in Citation(post).styles()}
    assert styles["Chicago"].startswith("Ames, Ann, Ben Bell, and Cy Cole. “Ports and Power.”")
    assert styles["APA"].startswith("Ames, A., Bell, B., & Cole, C. (2026, March 4).")
    assert styles["MLA"].startswith("Ames, Ann, et al. “Ports and Power.”")
    bibtex = Citation(post).bibtex()
    assert "author = {Ames, Ann and Bell, Ben and Cole, Cy}" in bibtex
    ris = Citation(post).ris().splitlines()
    assert ris[0] == "TY  - BLOG" and ris[-1] == "ER  - "
    assert [line for line in ris if line.startswith("AU")] == [
        "AU  - Ames, Ann",
        "AU  - Bell, Ben",
        "AU  - Cole, Cy",
    ]


def test_cite_box_downloads_and_scholar_tags_on_the_page(client):
    post = make_cited_post(["Ann Ames", "Ben Bell"])
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    assert [m["content"] for m in soup.find_all("meta", attrs={"name": "citation_author"})] == [
        "Ames, Ann",
        "Bell, Ben",
    ]
    assert (
        soup.find("meta", attrs={"name": "citation_publication_date"})["content"] == "2026/03/04"
    )
    assert {dt.get_text() for dt in soup.select(".cite dt")} == {"Chicago", "APA", "MLA"}
    bib = client.get(f"{post.get_absolute_url()}cite.bib")
    assert bib["Content-Disposition"] == 'attachment; filename="ports-and-power.bib"'
    assert bib.content.decode().startswith("@online{ames2026ports,")
    assert client.get(f"{post.get_absolute_url()}cite.ris").status_code == 200


def test_pull_quote_share_card_is_a_1200x630_image(client):
    post = PostFactory()
    quote = PullQuoteFactory(post=post)
    response = client.get(f"{post.get_absolute_url()}quotes/{quote.pk}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    image_url = soup.find("meta", property="og:image")["content"]
    image = Image.open(
        io.BytesIO(b"".join(client.get(image_url.split("8000", 1)[1]).streaming_content))
    )
    assert (image.format, image.size) == ("JPEG", (1200, 630))
    link = soup.find("a", class_="read-more")["href"]
    assert link.startswith(post.get_absolute_url() + "#:~:text=")


def test_related_posts_prefer_shared_topics_then_program_and_are_published(client):
    post = PostFactory()
    post.topics.set(["Energy", "Water"])
    two = PostFactory(title="Shares two topics")
    two.topics.set(["Energy", "Water"])
    one = PostFactory(title="Shares one topic")
    one.topics.set(["Energy"])
    PostFactory(title="Same program", program=post.program)
    PostFactory(title="Unrelated")
    PostFactory(title="Draft on energy", status=Post.Status.DRAFT).topics.set(["Energy"])
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    related = [a.get_text() for a in soup.select(".related .post-card__title a")]
    assert related == ["Shares two topics", "Shares one topic", "Same program"]


def test_related_posts_show_their_bylines_in_order(client):
    post = PostFactory()
    post.topics.set(["Energy"])
    first, second = AuthorFactory(name="Zoe Adler"), AuthorFactory(name="Li Chen")
    related = PostFactory(title="Related", authors=[first, second])
    related.topics.set(["Energy"])
    PostAuthor.objects.filter(post=related, author=first).update(position=5)
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    byline = soup.select_one(".related .byline")
    assert byline.get_text() == "By Li Chen and Zoe Adler"
    assert [a["href"] for a in byline.find_all("a")] == [
        second.get_absolute_url(),
        first.get_absolute_url(),
    ]


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


def test_related_posts_come_from_each_topics_newest_posts(monkeypatch):
    from django.contrib.contenttypes.models import ContentType

    import blog.models

    monkeypatch.setattr(blog.models.querysets, "RELATED_TOPIC_WINDOW", 2)
    older, old, new = (PostFactory(title=title) for title in ("Older", "Old", "New"))
    post = PostFactory()
    for each in (older, old, new, post):
        each.topics.set(["Energy"])
    post_type = ContentType.objects.get_for_model(Post).pk

    related = Post.objects.related_to(post.pk, post.program_id, post_type)

    # The topic's two newest posts are this one and "New".
    assert [each.title for each in related] == ["New"]
