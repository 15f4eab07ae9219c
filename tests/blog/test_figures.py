"""Figures in a body: images uploaded from the body editor, described and credited, served
to readers as <picture> renditions with the body's caption."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.html import clean_body
from blog.models import Figure
from tests.factories import PostFactory
from tests.images import upload

pytestmark = pytest.mark.django_db

ENDPOINT = "/admin/blog/post/figures/"


@pytest.fixture
def figure(jpeg_bytes):
    figure = Figure(description="Ferries queued off Aktau", credit="Photo: Port of Aktau")
    figure.image.save("aktau.jpg", upload(jpeg_bytes(1600, 1000)), save=False)
    figure.save()
    return figure


def body_with(figure_id, caption="Ships waiting for a berth, March 2024"):
    return (
        "<p>Before.</p>"
        f'<figure class="image"><img src="/media/x.jpg" alt="old" width="10" height="10" '
        f'data-image="{figure_id}"><figcaption>{caption}</figcaption></figure><p>After.</p>'
    )


def test_an_editor_uploads_an_image_for_a_figure(client, editor, jpeg_bytes):
    client.force_login(editor)
    response = client.post(
        ENDPOINT,
        {
            "image": upload(jpeg_bytes(1600, 1000)),
            "description": "A map of the ports",
            "credit": "Map: Folio",
        },
    )
    assert response.status_code == 201
    answer = response.json()["figure"]
    figure = Figure.objects.get(pk=answer["image"])
    assert (answer["alt"], answer["credit"]) == ("A map of the ports", "Map: Folio")
    assert (answer["width"], answer["height"]) == (1200, 750)
    assert answer["src"].startswith("/media/renditions/figures/")
    assert [r["width"] for r in figure.widths] == [480, 800, 1200]


def test_a_file_that_is_not_an_image_is_refused_with_a_message(client, editor):
    client.force_login(editor)
    fake = SimpleUploadedFile("chart.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(ENDPOINT, {"image": fake, "description": "A chart"})
    assert response.status_code == 400
    assert response.json()["errors"]["image"]
    assert Figure.objects.count() == 0


def test_an_image_needs_its_description(client, editor, jpeg_bytes):
    client.force_login(editor)
    response = client.post(ENDPOINT, {"image": upload(jpeg_bytes()), "description": ""})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["description"]


def test_the_editor_lists_the_latest_images(client, editor, figure):
    client.force_login(editor)
    figures = client.get(ENDPOINT).json()["figures"]
    assert [(f["image"], f["alt"], f["credit"]) for f in figures] == [
        (figure.pk, "Ferries queued off Aktau", "Photo: Port of Aktau")
    ]


def test_readers_cannot_use_the_upload(client, jpeg_bytes):
    response = client.post(ENDPOINT, {"image": upload(jpeg_bytes()), "description": "x"})
    assert response.status_code == 302  # to the sign-in page
    assert Figure.objects.count() == 0


def test_readers_see_the_figure_as_renditions_with_caption_and_credit(client, figure):
    post = PostFactory(body=body_with(figure.pk))
    page = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    shown = page.select_one(".post-body figure.image")
    image = shown.select_one("picture img")
    assert image["alt"] == "Ferries queued off Aktau"
    assert (image["width"], image["height"]) == ("1200", "750")
    assert [each.split()[1] for each in image["srcset"].split(", ")] == ["480w", "800w", "1200w"]
    assert shown.select_one("picture source")["type"] == "image/webp"
    assert shown.select_one("figcaption").get_text(" ", strip=True) == (
        "Ships waiting for a berth, March 2024 Photo: Port of Aktau"
    )


def test_a_removed_image_leaves_its_caption(client, figure):
    post = PostFactory(body=body_with(figure.pk))
    figure.delete()
    page = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    shown = page.select_one(".post-body figure.image")
    assert shown.select("img") == []
    assert shown.get_text(strip=True) == "Ships waiting for a berth, March 2024"


def test_figures_cost_one_query_however_many(client, figure):
    one = PostFactory(body=body_with(figure.pk))
    many = PostFactory(body="".join(body_with(figure.pk, f"Caption {n}") for n in range(5)))
    client.get(one.get_absolute_url())
    with CaptureQueriesContext(connection) as first:
        client.get(one.get_absolute_url())
    with CaptureQueriesContext(connection) as second:
        client.get(many.get_absolute_url())
    assert len(second) == len(first)


def test_a_bodys_images_are_only_our_own_uploads():
    stored = clean_body(
        '<figure class="image"><img src="https://elsewhere.example/x.jpg" alt="x" '
        'data-image="3"></figure>'
    )
    assert "elsewhere" not in stored
