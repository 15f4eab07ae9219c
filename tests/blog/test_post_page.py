"""The commentary page shows every element of the reference page."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from tests.factories import AuthorFactory, PositionFactory, PostFactory, PullQuoteFactory

pytestmark = pytest.mark.django_db


def page(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_skip_link_is_the_first_focusable_element_and_targets_main(client):
    soup = page(client, PostFactory())
    first_focusable = soup.body.find(["a", "button", "input", "select", "textarea"])
    assert first_focusable.get_text(strip=True) == "Skip to main content"
    target = first_focusable["href"].lstrip("#")
    assert soup.find(id=target).name == "main"


def test_header_names_the_site_and_links_to_support(client, settings):
    settings.SUPPORT_URL = "https://give.example.org/"
    soup = page(client, PostFactory())
    header = soup.find("header", class_="site-header")
    assert settings.SITE_NAME in header.get_text()
    assert header.find("a", string="Support")["href"] == "https://give.example.org/"


def test_type_label_title_and_dek(client):
    post = PostFactory(title="Ports and Power", dek="Who ships what, and through whom.")
    soup = page(client, post)
    article = soup.find("main").find("article")
    assert article.find(class_="post-type").get_text(strip=True) == "Blog post"
    assert article.find("h1").get_text(strip=True) == "Ports and Power"
    assert article.find(class_="post-dek").get_text(strip=True) == post.dek
    assert len(soup.find_all("h1")) == 1


def test_byline_lists_every_author_in_order_each_linked(client):
    authors = [AuthorFactory(name=name) for name in ("Zoe Adler", "Anna Brandt", "Li Chen")]
    post = PostFactory(authors=authors)
    byline = page(client, post).find(class_="byline")
    links = byline.find_all("a")
    assert [a.get_text() for a in links] == ["Zoe Adler", "Anna Brandt", "Li Chen"]
    assert [a["href"] for a in links] == [a.get_absolute_url() for a in authors]
    assert byline.get_text() == "By Zoe Adler, Anna Brandt and Li Chen"


def test_publication_date_is_shown_with_a_machine_readable_time(client):
    post = PostFactory()
    time = page(client, post).find(class_="post-dates").find("time")
    assert datetime.datetime.fromisoformat(time["datetime"]) == post.publish_at.replace(
        microsecond=0
    )


def test_updated_date_appears_only_when_revised_on_a_later_day(client):
    post = PostFactory()
    assert page(client, post).find(class_="updated") is None
    post.publish_at -= datetime.timedelta(days=3)
    post.first_published_at = post.publish_at
    post.save()  # dates moved, nothing readers see changed: not an update
    assert page(client, post).find(class_="updated") is None
    post.body += "<p>A paragraph added in revision.</p>"
    post.save()  # a revision today, three days after publication

    assert "Updated" in page(client, post).find(class_="updated").get_text()


def test_hero_image_has_alt_caption_and_credit(client, jpeg_bytes):
    post = PostFactory.build(
        hero_alt="Cranes on a grey sea", hero_caption="A port at dusk.", hero_credit="Photo: A. B."
    )
    post.hero_image.save("hero.jpg", ContentFile(jpeg_bytes(800, 450)), save=False)
    post.program.save()
    post.program_id = post.program.pk
    post.save()
    figure = page(client, post).find("figure", class_="post-hero")
    image = figure.find("img")
    assert image["alt"] == "Cranes on a grey sea"
    assert (image["width"], image["height"]) == ("800", "450")
    assert "A port at dusk." in figure.figcaption.get_text()
    assert figure.figcaption.find(class_="credit").get_text() == "Photo: A. B."


def test_pull_quote_sits_between_the_paragraphs_the_editor_chose(client):
    post = PostFactory()
    PullQuoteFactory(post=post, text="Freight rates tell the story", after_paragraph=2)
    body = page(client, post).find(class_="post-body")
    children = body.find_all(recursive=False)
    names = [child.name for child in children]
    assert names == ["p", "p", "aside", "p", "p", "p"]
    aside = children[2]
    assert "pull-quote" in aside["class"]
    assert aside.get_text(strip=True) == "Freight rates tell the story"
    assert children[1].get_text().startswith("Freight rates tell the story")


def test_pull_quotes_are_hidden_from_screen_readers_as_repeated_text(client):
    post = PostFactory()
    PullQuoteFactory(post=post, after_paragraph=1)
    aside = page(client, post).find("aside", class_="pull-quote")
    assert aside["aria-hidden"] == "true"


def test_topics_link_to_their_pages(client):
    post = PostFactory()
    post.topics.set(["Energy", "Trade corridors"])
    links = page(client, post).find(class_="post-topics").find_all("a")
    assert {a.get_text(): a["href"] for a in links} == {
        "Energy": "/topics/energy/",
        "Trade corridors": "/topics/trade-corridors/",
    }


def test_one_author_box_per_byline_author_with_titles_bio_and_read_more(client, jpeg_bytes):
    first = AuthorFactory(name="Irene Vale", short_bio="Irene Vale edits the column.")
    first.photo_alt = "Irene Vale by a window"
    first.photo.save("irene.jpg", ContentFile(jpeg_bytes(300, 300)))
    PositionFactory(author=first, title="Senior Advisor", order=0)
    PositionFactory(author=first, title="Editor-in-Chief", organization="The Letter", order=1)
    PositionFactory(author=first, title="Editor-at-Large", organization="The Review", order=2)
    PositionFactory(
        author=first, title="Former Title", order=3, end_date=datetime.date(2021, 1, 1)
    )
    second = AuthorFactory(name="Omar Reyes")
    post = PostFactory(authors=[first, second])

    boxes = page(client, post).find_all("section", class_="author-box")
    assert len(boxes) == 2
    box = boxes[0]
    assert box.find("h2").get_text(strip=True) == "About the Author"
    assert box.find(class_="author-box__name").get_text(strip=True) == "Irene Vale"
    assert box.find("img")["alt"] == "Irene Vale by a window"
    assert (
        box.find(class_="author-box__titles").get_text(strip=True)
        == "Senior Advisor; Editor-in-Chief, The Letter; Editor-at-Large, The Review"
    )
    assert box.find(class_="author-box__bio").get_text(strip=True) == first.short_bio
    read_more = box.find("a", class_="read-more")
    assert read_more.get_text(strip=True).startswith("Read More")
    assert read_more["href"] == first.get_absolute_url()
    assert boxes[1].find(class_="author-box__name").get_text(strip=True) == "Omar Reyes"


def test_each_author_box_is_named_for_its_author(client):
    post = PostFactory(
        authors=[AuthorFactory(name="Irene Vale"), AuthorFactory(name="Omar Reyes")]
    )
    html = page(client, post)

    def name(box):
        return " ".join(
            html.find(id=i).get_text(strip=True) for i in box["aria-labelledby"].split()
        )

    boxes = html.find_all("section", class_="author-box")
    assert [name(box) for box in boxes] == [
        "About the Author Irene Vale",
        "About the Author Omar Reyes",
    ]


def test_program_box_has_name_description_and_read_more(client):
    post = PostFactory()
    box = page(client, post).find("section", class_="program-box")
    assert box.find("h2").get_text(strip=True) == post.program.name
    assert post.program.short_description in box.get_text()
    read_more = box.find("a", class_="read-more")
    assert read_more.get_text(strip=True).startswith("Read more")
    assert read_more["href"] == post.program.get_absolute_url()


def test_head_has_title_description_canonical_and_share_tags(client, settings):
    settings.SITE_URL = "https://think.example.org"
    post = PostFactory(title="Ports and Power", dek="Who ships what.")
    soup = page(client, post)
    assert soup.title.get_text() == f"Ports and Power | {settings.SITE_NAME}"
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Who ships what."
    canonical = f"https://think.example.org{post.get_absolute_url()}"
    assert soup.find("link", rel="canonical")["href"] == canonical
    assert soup.find("meta", property="og:title")["content"] == "Ports and Power"
    assert soup.find("meta", property="og:type")["content"] == "article"
    assert soup.find("meta", property="og:url")["content"] == canonical
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] in {
        "summary",
        "summary_large_image",
    }
    assert soup.find("meta", attrs={"name": "twitter:title"})["content"] == "Ports and Power"


def test_json_ld_describes_the_post_and_names_every_author(client):
    authors = [AuthorFactory(name="Zoe Adler"), AuthorFactory(name="Li Chen")]
    post = PostFactory(title="Ports </script><script>alert(1)</script>", authors=authors)
    soup = page(client, post)
    found = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert [item["@type"] for item in found] == ["BlogPosting", "BreadcrumbList"]
    data = found[0]
    assert data["headline"] == post.title
    assert [(a["@type"], a["name"]) for a in data["author"]] == [
        ("Person", "Zoe Adler"),
        ("Person", "Li Chen"),
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert not soup.find("script", string=lambda s: s and "alert(1)" in s and "@context" not in s)


def test_topics_are_listed_by_name_whatever_order_they_were_added_in(client):
    post = PostFactory()
    for name in ("Water", "Arctic", "Energy"):
        post.topics.add(name)
    soup = page(client, post)
    shown = [a.get_text() for a in soup.find(class_="post-topics").find_all("a")]
    assert shown == ["Arctic", "Energy", "Water"]
    tags = [meta["content"] for meta in soup.find_all("meta", property="article:tag")]
    assert tags == shown
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["keywords"] == shown


def test_topics_read_with_the_page_answer_further_questions_about_topics():
    from blog.models import Post

    post = PostFactory()
    post.topics.set(["Ports", "Rail"])

    read = Post.objects.published().for_page().get(slug=post.slug)

    assert [topic.name for topic in read.topics_by_name] == ["Ports", "Rail"]
    assert sorted(read.topics.names()) == ["Ports", "Rail"]
    assert list(read.topics.filter(slug="rail").values_list("name", flat=True)) == ["Rail"]


def test_links_on_the_page_have_the_sites_address_shapes(client, settings):
    from django.urls import set_script_prefix

    from tests.factories import ProgramFactory, SeriesFactory

    program = ProgramFactory(slug="trade-corridors-2026")
    series = SeriesFactory(program=program, slug="under_score")
    author = AuthorFactory(slug="UPPER-9")
    post = PostFactory(slug="a-post", program=program, series=series, authors=[author])
    post.topics.set(["Ports"])
    settings.SITE_URL = "https://think.example.org"

    def links(soup):
        data = json.loads(soup.find("script", type="application/ld+json").string)
        return {
            "post": soup.find("meta", property="og:url")["content"],
            "author": soup.find(class_="byline").find("a")["href"],
            "program": soup.find(class_="program-box").find("a")["href"],
            "series": data["isPartOf"]["url"],
            "topic": soup.find(class_="post-topics").find("a")["href"],
        }

    assert links(page(client, post)) == {
        "post": "https://think.example.org/blog/a-post/",
        "author": "/people/UPPER-9/",
        "program": "/programs/trade-corridors-2026/",
        "series": "https://think.example.org/programs/series/under_score/",
        "topic": "/topics/ports/",
    }
    # Served under a path prefix, the page's own links carry it.
    try:
        set_script_prefix("/think-tank/")
        response = client.get("/blog/a-post/")
    finally:
        set_script_prefix("/")
    shapes = links(BeautifulSoup(response.content, "html.parser"))
    assert shapes["author"] == "/think-tank/people/UPPER-9/"
    assert shapes["program"] == "/think-tank/programs/trade-corridors-2026/"
    assert shapes["topic"] == "/think-tank/topics/ports/"
