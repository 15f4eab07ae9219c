"""The preview beside the post form: the form's words as typed, shown and never saved, in a
frame only our own pages may hold."""

import pytest
from bs4 import BeautifulSoup

from blog.models import Post
from tests.factories import PostFactory, UserFactory, login

pytestmark = pytest.mark.django_db


def preview(client, post, **words):
    return client.post(f"/admin/blog/post/{post.pk}/preview/", words)


def page_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_preview_shows_the_words_as_typed(admin_client):
    post = PostFactory(title="Saved title", dek="Saved dek.", body="<p>Saved body.</p>")
    response = preview(
        admin_client,
        post,
        title="Typed title",
        dek="Typed dek.",
        body="<p>Typed <strong>body</strong>.</p>",
        post_type=Post.PostType.ANALYSIS,
    )
    assert response.status_code == 200
    page = page_of(response)
    assert page.find("h1").get_text() == "Typed title"
    assert page.find(class_="post-dek").get_text(strip=True) == "Typed dek."
    assert page.find(class_="post-body").find("strong").get_text() == "body"
    assert page.find(class_="preview-banner").get_text(strip=True) == "Preview of unsaved changes"


def test_preview_saves_nothing(admin_client):
    post = PostFactory(title="Saved title", body="<p>Saved body.</p>")
    version = post.version
    preview(admin_client, post, title="Typed title", body="<p>Typed body.</p>")
    post.refresh_from_db()
    assert (post.title, post.body, post.version) == ("Saved title", "<p>Saved body.</p>", version)
    assert post.revisions.count() == 0


def test_preview_sanitizes_the_typed_body(admin_client):
    post = PostFactory()
    body = '<p onclick="steal()">Typed<script>steal()</script></p>'
    page = page_of(preview(admin_client, post, body=body))
    body_shown = page.find(class_="post-body")
    assert "Typed" in body_shown.get_text()
    assert body_shown.find("script") is None
    assert "onclick" not in str(body_shown)


def test_preview_keeps_the_saved_value_of_a_field_typed_invalid(admin_client):
    post = PostFactory(title="Saved title")
    page = page_of(preview(admin_client, post, title="", body="<p>Typed body.</p>"))
    assert page.find("h1").get_text() == "Saved title"
    assert "Typed body." in page.find(class_="post-body").get_text()


def test_preview_keeps_the_saved_value_of_a_field_not_sent(admin_client):
    post = PostFactory(dek="Saved dek.")
    page = page_of(preview(admin_client, post, title="Typed title"))
    assert page.find(class_="post-dek").get_text(strip=True) == "Saved dek."


def test_preview_may_be_framed_by_our_own_pages_only(admin_client):
    post = PostFactory()
    for response in (
        admin_client.get(f"/admin/blog/post/{post.pk}/preview/"),
        preview(admin_client, post, title="Typed"),
    ):
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_other_pages_still_refuse_every_frame(admin_client, client):
    post = PostFactory(status=Post.Status.PUBLISHED)
    for response in (
        client.get(post.get_absolute_url()),
        admin_client.get(f"/admin/blog/post/{post.pk}/change/"),
    ):
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_preview_of_another_authors_post_is_refused(contributor):
    other = PostFactory(status=Post.Status.DRAFT)
    response = preview(login(contributor), other, title="Typed")
    assert response.status_code == 404


def test_preview_needs_the_forms_token():
    from django.test import Client

    post = PostFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_superuser=True))
    assert preview(client, post, title="Typed").status_code == 403


def test_post_form_offers_the_preview_beside_it(admin_client):
    post = PostFactory()
    page = page_of(admin_client.get(f"/admin/blog/post/{post.pk}/change/"))
    frame = page.find("iframe", attrs={"name": "post-preview"})
    assert frame["src"] == f"/admin/blog/post/{post.pk}/preview/"
    assert frame["title"] == "Preview of this post"
    button = page.find(attrs={"data-preview-refresh": True})
    assert button["formaction"] == f"/admin/blog/post/{post.pk}/preview/"
    assert button["form"] == "post_form" and button["formtarget"] == "post-preview"


def test_new_post_form_has_no_preview_until_saved(admin_client):
    page = page_of(admin_client.get("/admin/blog/post/add/"))
    assert page.find("iframe", attrs={"name": "post-preview"}) is None
