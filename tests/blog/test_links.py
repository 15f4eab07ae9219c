"""A link readers could not follow is named when the post is saved, not silently dropped."""

import pytest
from bs4 import BeautifulSoup

from blog.links import is_usable, unusable_links
from blog.models import Post
from tests.factories import AuthorFactory, PostFactory, ProgramFactory
from tests.forms import change_data, post_form


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org",
        "http://example.org:8080/report?year=2024#table",
        "www.example.org",
        "example.org/report",
        "/blog/ports/",
        "#fn-1",
        "mailto:press@example.org",
    ],
)
def test_addresses_readers_can_follow(address):
    assert is_usable(address)


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "htp://example.org",
        "https://",
        "https://intranet",
        "Ports report",
        "",
        "//example.org",
        "https://exam ple.org",
        "mailto:press",
    ],
)
def test_addresses_readers_cannot_follow(address):
    assert not is_usable(address)


def test_unusable_links_names_each_by_its_text():
    body = (
        '<p><a href="htp://example.org">the <strong>port</strong> data</a>, '
        '<a href="https://example.org">fine</a> and <a>a bookmark</a>.</p>'
    )
    assert unusable_links(body) == [("the port data", "htp://example.org")]


def test_a_script_or_empty_address_is_dropped_without_a_word():
    body = '<p><a href="javascript:void(0)">Menu</a> <a href="">x</a> <a href=" java\tscript:x">y</a></p>'
    assert unusable_links(body) == []


@pytest.mark.django_db
def test_saving_a_body_with_a_broken_link_says_which_and_keeps_the_form(admin_client):
    body = '<p>See <a href="htp://example.org/ports">the port data</a>.</p>'
    data = post_form(ProgramFactory(), [AuthorFactory()], [], body=body)
    response = admin_client.post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert not Post.objects.exists()
    page = BeautifulSoup(response.content, "html.parser")
    error = page.select_one(".field-body .errorlist").get_text(" ", strip=True)
    assert error == (
        "The link “the port data” goes to “htp://example.org/ports”, which is not a web or "
        "e-mail address. Correct it (select the link, then Ctrl+K) or remove the link."
    )
    assert "htp://example.org/ports" in page.select_one("textarea#id_body").get_text()


@pytest.mark.django_db
def test_a_post_with_good_links_saves_as_before(admin_client):
    post = PostFactory(body='<p>See <a href="https://example.org/ports">the data</a>.</p>')
    response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", change_data(post))
    assert response.status_code == 302
