"""An editor can build a post like the reference page entirely in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from blog.models import Post
from people.models import Author
from tests.factories import AuthorFactory, PostFactory, ProgramFactory, SeriesFactory
from tests.forms import author_form, post_form

pytestmark = pytest.mark.django_db


def test_add_form_saves_a_post_with_two_authors_and_two_pull_quotes(admin_client):
    program = ProgramFactory()
    first, second = AuthorFactory(name="Zoe Adler"), AuthorFactory(name="Li Chen")
    data = post_form(
        program,
        [first, second],
        [("Second paragraph on freight.", 1), ("Third paragraph on debts.", 2)],
    )
    response = admin_client.post("/admin/blog/post/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    post = Post.objects.get(slug="ports-and-power")
    assert post.byline == [first, second]
    assert [(q.text, q.after_paragraph) for q in post.pull_quotes.all()] == [
        ("Second paragraph on freight.", 1),
        ("Third paragraph on debts.", 2),
    ]
    assert sorted(post.topics.names()) == ["Energy", "Trade corridors"]
    assert admin_client.get(post.get_absolute_url()).status_code == 200


def test_add_form_refuses_a_post_without_authors_and_keeps_the_input(admin_client):
    data = post_form(ProgramFactory(), [], [])
    response = admin_client.post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert not Post.objects.exists()
    page = response.content.decode()
    assert "Add at least one author." in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("input", attrs={"name": "title"})["value"] == "Ports and Power"


def test_add_form_refuses_a_duplicate_slug_with_a_message(admin_client):
    PostFactory(slug="ports-and-power")
    data = post_form(ProgramFactory(), [AuthorFactory()], [])
    response = admin_client.post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert "Post with this Slug already exists." in response.content.decode()


def test_series_must_belong_to_the_posts_program(admin_client):
    series = SeriesFactory()
    data = post_form(ProgramFactory(), [AuthorFactory()], [], series=str(series.pk))
    response = admin_client.post("/admin/blog/post/add/", data)
    assert response.status_code == 200
    assert "belongs to another program" in response.content.decode()


def test_body_is_sanitized_when_saved_from_the_admin(admin_client):
    data = post_form(
        ProgramFactory(),
        [AuthorFactory()],
        [],
        body=(
            '<p onclick="steal()">Hello <script>alert(1)</script>'
            '<a href="javascript:x()">x</a></p>'
        ),
    )
    assert admin_client.post("/admin/blog/post/add/", data).status_code == 302
    body = Post.objects.get().body
    assert "script" not in body
    assert "onclick" not in body
    assert "javascript:" not in body
    assert "Hello" in body


def test_author_with_photo_requires_a_description(admin_client, jpeg_bytes):
    photo = SimpleUploadedFile("face.jpg", jpeg_bytes(), content_type="image/jpeg")
    data = {**author_form(photo), "photo_alt": ""}
    response = admin_client.post("/admin/people/author/add/", data)
    assert response.status_code == 200
    assert "Describe the photo for readers who cannot see it." in response.content.decode()
    assert not Author.objects.exists()


def test_author_upload_of_a_non_image_is_refused(admin_client):
    fake = SimpleUploadedFile("face.jpg", b"not an image at all", content_type="image/jpeg")
    data = author_form(fake)
    response = admin_client.post("/admin/people/author/add/", data)
    assert response.status_code == 200
    assert "This file is not a readable image, or it is damaged." in response.content.decode()
    assert not Author.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/blog/post/",
        "/admin/blog/post/add/",
        "/admin/people/author/",
        "/admin/people/author/add/",
        "/admin/programs/program/",
        "/admin/programs/program/add/",
        "/admin/programs/series/",
    ],
)
def test_admin_screens_open(admin_client, url):
    PostFactory()
    assert admin_client.get(url).status_code == 200


def test_post_change_list_shows_scheduled_posts_as_scheduled(admin_client):
    import datetime

    from django.utils import timezone

    PostFactory(title="Later", publish_at=timezone.now() + datetime.timedelta(days=1))
    page = admin_client.get("/admin/blog/post/").content.decode()
    assert "status-scheduled" in page
    assert ">Scheduled<" in page


@pytest.mark.parametrize(
    ("status", "listed"),
    [("published", ["Live"]), ("scheduled", ["Later"]), ("draft", ["Draft"])],
)
def test_status_filter_lists_what_readers_see_and_what_waits(admin_client, status, listed):
    import datetime

    from django.utils import timezone

    PostFactory(title="Live")
    PostFactory(title="Later", publish_at=timezone.now() + datetime.timedelta(days=1))
    PostFactory(title="Draft", status=Post.Status.DRAFT)
    page = admin_client.get("/admin/blog/post/", {"status": status}).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    titles = [link.get_text() for link in soup.select("#result_list tbody th a")]
    assert titles == listed
