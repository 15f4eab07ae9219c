"""A person's titles and short bio kept in another language, for the author box under
posts in it, falling back to the site's own text marked with its language."""

import datetime

import pytest
from bs4 import BeautifulSoup

from people.models import AuthorTranslation
from tests.factories import AuthorFactory, PositionFactory, PostFactory, UserFactory
from tests.forms import author_form, inline_management

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    person = AuthorFactory(name="Irina Voskresenskaya", short_bio="Irina studies pipelines.")
    PositionFactory(author=person, title="Senior Fellow")
    return person


def author_box(client, post):
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    return soup.find("section", class_="author-box")


def test_a_russian_post_shows_the_titles_and_bio_kept_in_russian(client, author):
    AuthorTranslation.objects.create(
        author=author,
        language="ru",
        titles="Старший научный сотрудник",
        short_bio="Ирина изучает трубопроводы.",
    )
    box = author_box(client, PostFactory(language="ru", authors=[author]))
    titles = box.select_one(".author-box__titles span")
    bio = box.find("p", class_="author-box__bio")
    assert (titles.get_text(), titles.get("lang")) == ("Старший научный сотрудник", None)
    assert (bio.get_text(), bio.get("lang")) == ("Ирина изучает трубопроводы.", None)


def test_a_language_without_a_translation_shows_the_sites_text_marked_english(client, author):
    AuthorTranslation.objects.create(author=author, language="ru", short_bio="Ирина…")
    box = author_box(client, PostFactory(language="uk", authors=[author]))
    bio = box.find("p", class_="author-box__bio")
    assert (bio.get_text(), bio["lang"]) == ("Irina studies pipelines.", "en")


def test_an_empty_translated_field_falls_back_to_the_sites_own(client, author):
    AuthorTranslation.objects.create(author=author, language="ru", short_bio="Ирина…")
    titles = author_box(client, PostFactory(language="ru", authors=[author])).select_one(
        ".author-box__titles span"
    )
    assert (titles.get_text(), titles["lang"]) == ("Senior Fellow", "en")


def test_titles_changed_since_publication_show_as_they_were_in_the_sites_language(client, author):
    author.positions.update(start_date=datetime.date(2020, 1, 1))
    PositionFactory(author=author, title="Director", start_date=datetime.date.today())
    author.positions.filter(title="Senior Fellow").update(
        end_date=datetime.date.today() - datetime.timedelta(days=1)
    )
    AuthorTranslation.objects.create(author=author, language="ru", titles="Директор")
    post = PostFactory(
        language="ru",
        authors=[author],
        publish_at=datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC),
    )
    titles = author_box(client, post).find("p", class_="author-box__titles")
    assert titles.span.get_text() == "Senior Fellow"
    assert titles.span["lang"] == "en"
    assert "(на момент публикации)" in titles.get_text()


def test_an_english_post_ignores_the_translations(client, author):
    AuthorTranslation.objects.create(author=author, language="ru", short_bio="Ирина…")
    bio = author_box(client, PostFactory(authors=[author])).find("p", class_="author-box__bio")
    assert (bio.get_text(), bio.get("lang")) == ("Irina studies pipelines.", None)


def translation_rows(rows):
    data = inline_management("translations", len(rows))
    for number, (language, titles, bio) in enumerate(rows):
        data |= {
            f"translations-{number}-language": language,
            f"translations-{number}-titles": titles,
            f"translations-{number}-short_bio": bio,
        }
    return data


def test_a_bio_manager_keeps_a_russian_bio_in_the_author_form(client):
    client.force_login(UserFactory(role="Bio managers"))
    data = author_form("") | translation_rows([("ru", "Научный сотрудник", "Инес пишет.")])
    response = client.post("/admin/people/author/add/", data)
    assert response.status_code == 302, response.context["errors"]
    kept = AuthorTranslation.objects.get(author__slug="ines-ortega")
    assert (kept.language, kept.titles, kept.short_bio) == (
        "ru",
        "Научный сотрудник",
        "Инес пишет.",
    )


def test_the_form_offers_the_sites_other_languages_only(client):
    client.force_login(UserFactory(role="Bio managers"))
    soup = BeautifulSoup(client.get("/admin/people/author/add/").content, "html.parser")
    select = soup.find("select", attrs={"name": "translations-__prefix__-language"})
    assert [option.get_text() for option in select.find_all("option")] == [
        "---------",
        "Русский",
        "Українська",
    ]


def test_two_translations_into_one_language_are_refused_with_a_message(client):
    client.force_login(UserFactory(role="Bio managers"))
    data = author_form("") | translation_rows([("ru", "", "Один."), ("ru", "", "Два.")])
    response = client.post("/admin/people/author/add/", data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for language" in response.content.decode()
    assert not AuthorTranslation.objects.exists()
