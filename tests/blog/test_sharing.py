"""Sharing and citing a post: share tags, JSON-LD, citations, quote cards, related posts."""

import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from blog.citations import Citation
from blog.models import Post, PostAuthor
from tests.factories import (
    AuthorFactory,
    PostFactory,
    ProgramFactory,
    PullQuoteFactory,
)

pytestmark = pytest.mark.django_db
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


def test_related_posts_come_from_the_programs_newest_posts(monkeypatch):
    from django.contrib.contenttypes.models import ContentType

    import blog.models

    monkeypatch.setattr(blog.models.querysets, "RELATED_PROGRAM_WINDOW", 2)
    program = ProgramFactory()
    now = datetime.datetime.now(datetime.UTC)
    for days, title in ((3, "Older"), (2, "Old"), (1, "New")):
        PostFactory(title=title, program=program, publish_at=now - datetime.timedelta(days=days))
    post = PostFactory(program=program, publish_at=now)
    post_type = ContentType.objects.get_for_model(Post).pk

    related = Post.objects.related_to(post.pk, post.program_id, post_type)

    # The program's two newest other posts are "New" and "Old".
    assert [each.title for each in related] == ["New", "Old"]


def test_related_posts_leave_out_the_programs_scheduled_and_trashed_posts(client):
    now = datetime.datetime.now(datetime.UTC)
    post = PostFactory(publish_at=now - datetime.timedelta(days=3))
    program = post.program
    PostFactory(title="Published", program=program, publish_at=now - datetime.timedelta(days=2))
    PostFactory(title="Scheduled", program=program, publish_at=now + datetime.timedelta(days=1))
    PostFactory(
        title="In the trash",
        program=program,
        publish_at=now - datetime.timedelta(days=1),
        deleted_at=now,
    )
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    related = [a.get_text() for a in soup.select(".related .post-card__title a")]
    assert related == ["Published"]
