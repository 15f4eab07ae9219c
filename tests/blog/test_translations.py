"""One post in several languages: each published version announces all of them, itself
included, with the original as x-default, in the page, its metadata and the sitemap."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from blog.models import Post
from tests.factories import PostFactory
from tests.pages import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    """An English original with Russian and Ukrainian translations, all published."""
    original = PostFactory(title="Sanctions and Transit", language="en")
    russian = PostFactory(title="Санкции и транзит", language="ru", translation_of=original)
    ukrainian = PostFactory(title="Санкції і транзит", language="uk", translation_of=original)
    return {"en": original, "ru": russian, "uk": ukrainian}


def soup_of(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def alternates(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate", hreflang=True)
    }


def test_every_version_announces_every_version_and_the_original_as_x_default(
    client, settings, group
):
    expected = {code: settings.SITE_URL + post.get_absolute_url() for code, post in group.items()}
    expected["x-default"] = expected["en"]
    for post in group.values():
        soup = soup_of(client, post)
        assert alternates(soup) == expected
        assert (
            soup.find("link", rel="canonical")["href"]
            == settings.SITE_URL + post.get_absolute_url()
        )


def test_the_page_is_in_the_posts_language_and_links_the_others_by_their_names(client, group):
    soup = soup_of(client, group["ru"])
    assert soup.find("html")["lang"] == "ru"
    switcher = soup.find("nav", class_="language-switcher")
    links = [(a.get_text(), a["lang"], a["href"]) for a in switcher.find_all("a")]
    assert links == [
        ("English", "en", group["en"].get_absolute_url()),
        ("Українська", "uk", group["uk"].get_absolute_url()),
    ]


def test_an_unpublished_version_drops_out_of_its_siblings_at_once(client, settings, group):
    settings.PAGE_CACHE_SECONDS = 300  # the page cache on, as in production
    assert "ru" in alternates(soup_of(client, group["uk"]))
    group["ru"].status = Post.Status.DRAFT
    group["ru"].save()
    for code in ("en", "uk"):
        soup = soup_of(client, group[code])
        assert set(alternates(soup)) == {"en", "uk", "x-default"}
        assert "Русский" not in soup.find("nav", class_="language-switcher").get_text()


def test_a_post_alone_announces_no_alternates(client):
    soup = soup_of(client, PostFactory())
    assert alternates(soup) == {}
    assert soup.find("nav", class_="language-switcher") is None


def test_json_ld_and_open_graph_name_the_language_and_the_versions(client, settings, group):
    soup = soup_of(client, group["uk"])
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["inLanguage"] == "uk"
    assert data["translationOfWork"]["url"] == settings.SITE_URL + group["en"].get_absolute_url()
    assert soup.find("meta", property="og:locale")["content"] == "uk_UA"
    others = {m["content"] for m in soup.find_all("meta", property="og:locale:alternate")}
    assert others == {"en_US", "ru_RU"}
    original = json.loads(
        soup_of(client, group["en"]).find("script", type="application/ld+json").string
    )
    assert [w["inLanguage"] for w in original["workTranslation"]] == ["ru", "uk"]


def test_the_sitemap_lists_each_versions_alternates(client, settings, group):
    sitemap = client.get("/sitemap.xml").content.decode()
    for post in group.values():
        entry = sitemap[
            sitemap.index(f"<loc>{settings.SITE_URL}{post.get_absolute_url()}</loc>") :
        ]
        entry = entry[: entry.index("</url>")]
        links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        assert set(links) == {"en", "ru", "uk", "x-default"}
        assert links["x-default"] == settings.SITE_URL + group["en"].get_absolute_url()


def test_a_translation_of_a_translation_is_refused(group):
    post = PostFactory.build(
        language="en", translation_of=group["ru"], program=group["ru"].program
    )
    with pytest.raises(ValidationError, match="Choose the original post"):
        post.full_clean()


def test_a_group_has_one_version_per_language(group):
    second = PostFactory.build(
        language="ru", translation_of=group["en"], program=group["en"].program, slug="second"
    )
    with pytest.raises(ValidationError, match="already the ru version"):
        second.full_clean()


def test_a_language_outside_the_sites_list_is_refused():
    post = PostFactory.build(language="ua")
    with pytest.raises(ValidationError, match="not one of the site's languages"):
        post.full_clean(exclude=["program"])


def test_a_topic_named_in_cyrillic_has_a_latin_address(client):
    post = PostFactory(language="ru")
    post.topics.set(["Санкции"])
    assert client.get(post.get_absolute_url()).status_code == 200
    page = client.get("/topics/sanktsii/")
    assert page.status_code == 200
    assert post.title in page.content.decode()


def test_the_listing_narrows_to_one_language(client, group):
    page = client.get("/blog/?lang=ru")
    assert titles(page) == ["Санкции и транзит"]
    assert "Язык: <strong>Русский</strong>" in page.content.decode()


def test_an_unknown_language_in_a_listing_is_a_page_that_does_not_exist(client, group):
    assert client.get("/blog/?lang=ua").status_code == 404


def test_translate_makes_a_linked_draft_with_the_byline_and_opens_it(admin_client, group):
    from blog.models import PostAuthor

    original = group["en"]
    group["uk"].delete()
    PostAuthor.objects.create(
        post=original, author=group["ru"].bylines.first().author, role="translator", position=5
    )
    form = admin_client.get(f"/admin/blog/post/{original.pk}/change/").content.decode()
    assert "Translate into Українська" in form and "Translate into Русский" not in form
    response = admin_client.post(f"/admin/blog/post/{original.pk}/translate/", {"language": "uk"})
    draft = Post.objects.get(language="uk", translation_of=original)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/blog/post/{draft.pk}/change/"
    assert draft.status == Post.Status.DRAFT and draft.body == original.body
    assert [(b.author, b.role) for b in draft.bylines.all()] == [
        (b.author, b.role) for b in original.bylines.exclude(role="translator")
    ]
    page = admin_client.get(response["Location"]).content.decode()
    assert "add the translator to the byline" in page


def test_translate_into_a_language_the_group_has_is_refused(admin_client, group):
    response = admin_client.post(
        f"/admin/blog/post/{group['ru'].pk}/translate/", {"language": "uk"}, follow=True
    )
    assert "is already the uk version" in response.content.decode()
    assert Post.objects.filter(language="uk").count() == 1


def test_a_translation_is_outdated_once_its_original_body_changes_and_shows_the_diff(
    admin_client, group
):
    from blog import revisions

    original, russian = group["en"], group["ru"]
    revisions.record(original)  # the original as the translator saw it…
    russian.save()  # …when they last saved the translation
    assert not Post.objects.get(pk=russian.pk).is_outdated
    original.body += "<p>Freight rates doubled in October.</p>"
    original.save()
    revisions.record(original)

    russian = Post.objects.get(pk=russian.pk)
    assert russian.is_outdated
    listed = admin_client.get("/admin/blog/post/?translation=outdated").content.decode()
    assert "Санкции и транзит" in listed and "Санкції і транзит" in listed
    assert "Sanctions and Transit" not in listed.split("result_list")[-1]
    form = admin_client.get(f"/admin/blog/post/{russian.pk}/change/").content.decode()
    assert "This translation is outdated" in form
    assert "<ins>Freight rates doubled in October.</ins>" in form.replace("\n", "")

    russian.body += "<p>Фрахт подорожал вдвое.</p>"
    russian.save()
    assert not Post.objects.get(pk=russian.pk).is_outdated
    listed = admin_client.get("/admin/blog/post/?translation=outdated").content.decode()
    assert "Санкции и транзит" not in listed


def test_a_change_to_the_originals_title_alone_leaves_translations_current(group):
    original = group["en"]
    original.title = "Sanctions, Transit and Ports"
    original.save()
    assert not Post.objects.get(pk=group["ru"].pk).is_outdated
