"""A page's own words in its content's language: a Russian post's page says “Об авторе”,
a listing narrowed to Ukrainian says “Коментарі”, and the next page is English again."""

import ast
import datetime
import gettext

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests.factories import AuthorFactory, PostFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2026, 3, 4, 15, 0, tzinfo=datetime.UTC)
# Words of an English post's page that a Russian or Ukrainian page must not show.
ENGLISH_PAGE_WORDS = ["About the Author", "Cite this", "Read More", "Topics", "Skip to main"]


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def russian_post():
    post = PostFactory(
        title="Санкции и транзит",
        language="ru",
        publish_at=PUBLISHED,
        authors=[
            AuthorFactory(name="Ирина Воскресенская"),
            AuthorFactory(name="Олег Петров"),
            (AuthorFactory(name="Tomás Herrera"), "translator"),
        ],
    )
    post.topics.add("Энергетика")
    return post


def test_a_russian_posts_page_speaks_russian(client, russian_post):
    response = client.get(russian_post.get_absolute_url())
    soup = soup_of(response)
    assert soup.find("html")["lang"] == "ru"
    assert response["Content-Language"] == "ru"
    assert soup.find("p", class_="post-type").get_text() == "Запись в блоге"
    assert soup.find("h2", class_="author-box__heading").get_text() == "Об авторе"
    assert soup.find("h2", id="cite-heading").get_text() == "Как цитировать"
    assert soup.find("h2", id="topics-heading").get_text() == "Темы"
    assert soup.select_one(".post-dates time").get_text() == "4 марта 2026"
    assert soup.find("a", class_="skip-link").get_text() == "Перейти к основному содержанию"
    assert [a.get_text() for a in soup.select(".site-nav a")][:4] == [
        "Комментарии",
        "Эксперты",
        "Программы",
        "Поиск",
    ]


def test_a_russian_byline_agrees_in_number_and_joins_with_i(client, russian_post):
    byline = soup_of(client.get(russian_post.get_absolute_url())).find("p", class_="byline")
    assert byline.get_text() == (
        "Авторы: Ирина Воскресенская и Олег Петров; перевод: Tomás Herrera"
    )
    assert [a["rel"] for a in byline.find_all("a", rel=True)] == [["author"], ["author"]]


def test_a_ukrainian_byline_of_one_author_is_singular(client):
    post = PostFactory(language="uk", authors=[AuthorFactory(name="Олена Коваль")])
    byline = soup_of(client.get(post.get_absolute_url())).find("p", class_="byline")
    assert byline.get_text() == "Автор: Олена Коваль"


def test_no_english_page_word_is_left_on_a_ukrainian_page(client):
    post = PostFactory(language="uk")
    post.topics.add("Енергетика")
    text = soup_of(client.get(post.get_absolute_url())).get_text()
    assert "Про автора" in text
    for words in ENGLISH_PAGE_WORDS:
        assert words not in text


def test_the_sites_own_text_on_a_russian_page_is_marked_english(client, russian_post):
    soup = soup_of(client.get(russian_post.get_absolute_url()))
    assert soup.find("p", class_="author-box__bio")["lang"] == "en"
    assert soup.select_one(".program-box__name")["lang"] == "en"
    assert not soup.find("h1", class_="post-title").has_attr("lang")


def test_the_page_after_a_russian_one_is_english_again(client, russian_post):
    client.get(russian_post.get_absolute_url())
    response = client.get("/blog/")
    soup = soup_of(response)
    assert soup.find("html")["lang"] == "en"
    assert response["Content-Language"] == "en"
    assert soup.find("h1").get_text() == "Commentary"


def test_an_english_listing_marks_a_russian_cards_title_russian(client, russian_post):
    PostFactory(title="Ports and Power")
    soup = soup_of(client.get("/blog/"))
    languages = {
        heading.get_text(strip=True): heading.get("lang")
        for heading in soup.select(".post-card__title")
    }
    assert languages == {"Санкции и транзит": "ru", "Ports and Power": None}


def test_an_english_post_page_keeps_its_english_words(client):
    post = PostFactory(publish_at=PUBLISHED, authors=[AuthorFactory(name="Lan Chen")])
    soup = soup_of(client.get(post.get_absolute_url()))
    assert soup.find("html")["lang"] == "en"
    assert soup.find("p", class_="byline").get_text() == "By Lan Chen"
    assert soup.select_one(".post-dates time").get_text() == "March 4, 2026"
    assert soup.find("h2", class_="author-box__heading").get_text() == "About the Author"


def test_a_listing_narrowed_to_ukrainian_speaks_ukrainian(client):
    PostFactory(language="uk", title="Санкції і транзит")
    soup = soup_of(client.get("/blog/?lang=uk"))
    assert soup.find("html")["lang"] == "uk"
    assert soup.find("h1").get_text() == "Коментарі"
    assert soup.find("label", attrs={"for": "filter-lang"}).get_text() == "Мова"
    assert soup.find("p", class_="filters__active").get_text() == (
        "Показано: Мова: Українська — скинути фільтри"
    )


@pytest.mark.parametrize(
    ("count", "wording"),
    [(1, "1 результат за запитом «транзит»"), (3, "3 результати за запитом «транзит»")],
)
def test_search_counts_agree_in_number_in_ukrainian(client, count, wording):
    for number in range(count):
        PostFactory(language="uk", title=f"Транзит {number}", dek="Про транзит.")
    soup = soup_of(client.get("/search/", {"q": "транзит", "lang": "uk"}))
    assert soup.find("p", class_="search-count").get_text() == wording


def test_a_page_beyond_the_last_of_a_russian_listing_is_not_found_in_russian(client):
    PostFactory(language="ru")
    response = client.get("/blog/?lang=ru&page=9")
    assert response.status_code == 404
    assert soup_of(response).find("h1").get_text() == "Страница не найдена"


def catalogue_entries(path):
    """(context, msgid, [msgstr, …], flags) of each entry of a .po file but its header."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,"):
            entry = entry or {"flags": line}
        elif line.startswith(("msgctxt", "msgid ", "msgid_plural", "msgstr")):
            keyword, _, quoted = line.partition(" ")
            entry = entry or {"flags": ""}
            field = keyword
            entry.setdefault(field, "")
            entry[field] += ast.literal_eval(quoted)
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
        elif not line.strip() and entry:
            if entry.get("msgid"):
                strings = [value for key, value in entry.items() if key.startswith("msgstr")]
                entries.append((entry.get("msgctxt"), entry["msgid"], strings, entry["flags"]))
            entry, field = None, None
    return entries


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_every_page_word_has_a_translation_and_the_compiled_catalogue_has_it(language):
    """The .mo file Django reads is the .po file translators edit, complete and compiled."""
    folder = settings.BASE_DIR / "locale" / language / "LC_MESSAGES"
    entries = catalogue_entries(folder / "django.po")
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    assert len(entries) > 100
    for context, msgid, strings, flags in entries:
        assert "fuzzy" not in flags, msgid
        assert all(strings), f"{msgid!r} has no {language} translation"
        key = f"{context}\x04{msgid}" if context else msgid
        if len(strings) == 1:
            assert catalogue.gettext(key) == strings[0], f"{msgid!r} is not compiled"
        else:
            assert catalogue.ngettext(key, key, 1) == strings[0], f"{msgid!r} is not compiled"


def test_a_russian_posts_quotes_to_share_are_in_russian_quotation_marks(client):
    post = PostFactory(language="ru", body="<p>Товары всё равно доходят.</p>")
    post.pull_quotes.create(text="Товары всё равно доходят.", after_paragraph=1)
    soup = soup_of(client.get(post.get_absolute_url()))
    assert soup.select_one(".share-quotes li a").get_text() == "«Товары всё равно доходят.»"
