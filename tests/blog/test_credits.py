"""Byline credits: editors set them in the post form, and everything readers and tools
read of a post names authors as authors and every other credit by its role."""

import datetime
import json

import bibtexparser
import feedparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from bs4 import BeautifulSoup

from blog.citations import Citation
from blog.models import Post, PostAuthor
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, author_with_a_former_title
from tests.forms import post_form

pytestmark = pytest.mark.django_db


def person(name):
    return AuthorFactory(name=name, family_name=name.split()[-1])


@pytest.fixture
def credited_post(settings):
    """A post by two authors, with a contributor, a translator and an editor."""
    settings.SITE_URL, settings.SITE_NAME = "https://t.example.org", "The Institute"
    people = {
        "author": person("Lan Chen"),
        "co-author": person("Omar Haddad"),
        "with": person("Sofia Bergmann"),
        "translator": person("Tomás Herrera"),
        "editor": person("Ruth Okafor"),
    }
    return PostFactory(
        title="Ports and Power",
        authors=[(author, role) for role, author in people.items()],
        publish_at=datetime.datetime(2026, 3, 4, 15, 0, tzinfo=datetime.UTC),
    )


def soup_of(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_the_post_form_sets_each_persons_credit(admin_client):
    program, author, translator = ProgramFactory(), person("Lan Chen"), person("Tomás Herrera")
    data = post_form(program, [author, (translator, "translator")], [])
    response = admin_client.post("/admin/blog/post/add/", data)
    assert response.status_code == 302
    post = Post.objects.get(slug="ports-and-power")
    assert [(b.author, b.role) for b in post.bylines.all()] == [
        (author, "author"),
        (translator, "translator"),
    ]


def test_the_post_form_shows_the_credit_column(admin_client):
    soup = soup_of(admin_client, "/admin/blog/post/add/")
    choices = [o.get_text() for o in soup.select("select[name='bylines-0-role'] option")]
    assert choices == ["Author", "Co-author", "Translator", "Editor", "With"]


def test_a_byline_without_an_author_is_refused_and_keeps_the_input(admin_client):
    program, translator = ProgramFactory(), person("Tomás Herrera")
    data = post_form(program, [(translator, "translator")], [], title="Kept title")
    response = admin_client.post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Credit at least one person as Author or Co-author." in page
    assert 'value="Kept title"' in page
    assert not Post.objects.exists()


def test_the_byline_reads_with_each_credit(client, credited_post):
    byline = soup_of(client, credited_post.get_absolute_url()).find(class_="byline")
    assert byline.get_text(" ", strip=True).replace(" ,", ",").replace(" ;", ";") == (
        "By Lan Chen and Omar Haddad, with Sofia Bergmann; translated by Tomás Herrera; "
        "edited by Ruth Okafor"
    )
    assert [a.get_text() for a in byline.select("a[rel=author]")] == ["Lan Chen", "Omar Haddad"]


def test_chicago_credits_the_translator_editor_and_contributor_by_role(credited_post):
    chicago = {n: t for n, _, t in Citation(credited_post).styles()}["Chicago"]
    assert chicago.startswith(
        "Chen, Lan, and Omar Haddad, with Sofia Bergmann. “Ports and Power.” "
        "Translated by Tomás Herrera. Edited by Ruth Okafor. "
    )


def test_apa_names_the_translator_and_editor_after_the_title(credited_post):
    apa = {n: t for n, _, t in Citation(credited_post).styles()}["APA"]
    assert apa.startswith(
        "Chen, L., & Haddad, O. (2026, March 4). "
        "Ports and Power (T. Herrera, Trans.; R. Okafor, Ed.). "
    )


def test_mla_cites_two_authors_and_the_other_contributors(credited_post):
    mla = {n: t for n, _, t in Citation(credited_post).styles()}["MLA"]
    assert mla.startswith(
        "Chen, Lan, and Omar Haddad. “Ports and Power.” "
        "Translated by Tomás Herrera, edited by Ruth Okafor. "
    )
    assert "et al" not in mla


def test_bibtex_has_authors_translator_and_editor_fields(client, credited_post):
    text = client.get(f"{credited_post.get_absolute_url()}cite.bib").content.decode()
    # @online is biblatex's entry type, which the parser skips unless told to read it.
    entry = bibtexparser.loads(text, BibTexParser(ignore_nonstandard_types=False)).entries[0]
    assert entry["author"] == "Chen, Lan and Haddad, Omar"
    assert entry["translator"] == "Herrera, Tomás"
    assert entry["editor"] == "Okafor, Ruth"


def test_ris_has_authors_translator_and_editor_tags(client, credited_post):
    text = client.get(f"{credited_post.get_absolute_url()}cite.ris").content.decode()
    entry = rispy.loads(text)[0]
    assert entry["authors"] == ["Chen, Lan", "Haddad, Omar"]
    assert entry["subsidiary_authors"] == ["Herrera, Tomás"]  # A4, the translator
    assert entry["unknown_tag"]["ED"] == ["Okafor, Ruth"]


def test_scholar_tags_and_json_ld_name_the_authors_as_authors(client, credited_post):
    soup = soup_of(client, credited_post.get_absolute_url())
    names = [m["content"] for m in soup.find_all("meta", attrs={"name": "citation_author"})]
    assert names == ["Chen, Lan", "Haddad, Omar"]
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert [p["name"] for p in data["author"]] == ["Lan Chen", "Omar Haddad"]
    assert [p["name"] for p in data["contributor"]] == ["Sofia Bergmann"]
    assert [p["name"] for p in data["translator"]] == ["Tomás Herrera"]
    assert [p["name"] for p in data["editor"]] == ["Ruth Okafor"]


def test_about_the_author_boxes_are_for_those_who_wrote_the_post(client, credited_post):
    soup = soup_of(client, credited_post.get_absolute_url())
    names = [
        box.find(class_="author-box__name").get_text(strip=True)
        for box in soup.select(".author-box")
    ]
    assert names == ["Lan Chen", "Omar Haddad", "Sofia Bergmann"]


def test_a_translators_page_lists_the_post_under_translated_by(client, credited_post):
    translator = credited_post.bylines.get(role="translator").author
    soup = soup_of(client, translator.get_absolute_url())
    sections = {
        section.find("h2").get_text(strip=True): [
            a.get_text(strip=True) for a in section.select(".post-card__title a")
        ]
        for section in soup.select("section")
        if section.find("h2")
    }
    assert sections["Translated by Tomás Herrera"] == ["Ports and Power"]
    assert "Ports and Power" not in sections["Commentary by Tomás Herrera"]


def test_feeds_name_each_author_once_and_only_authors(client, credited_post):
    rss = client.get("/blog/feed/").content.decode()
    assert rss.count("<dc:creator>") == 2
    entry = feedparser.parse(rss).entries[0]
    assert [a["name"] for a in entry.authors] == ["Lan Chen", "Omar Haddad"]
    atom = feedparser.parse(client.get("/blog/feed/atom/").content).entries[0]
    assert [a["name"] for a in atom.authors] == ["Lan Chen", "Omar Haddad"]


def test_the_author_feed_lists_what_the_person_wrote(client, credited_post):
    translator = credited_post.bylines.get(role="translator").author
    feed = feedparser.parse(client.get(f"{translator.get_absolute_url()}feed/").content)
    assert feed.entries == []


def test_json_ld_names_the_titles_the_author_box_shows(client):
    author = author_with_a_former_title()
    post = PostFactory(
        authors=[author], publish_at=datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)
    )
    soup = soup_of(client, post.get_absolute_url())
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["author"][0]["jobTitle"] == "Visiting Scholar"
    box = soup.find(class_="author-box__titles").get_text(" ", strip=True)
    assert box.startswith("Visiting Scholar")


def test_roles_the_byline_offers_are_those_the_credits_know():
    assert set(PostAuthor.BYLINE_PHRASES) == set(PostAuthor.Role.values)
