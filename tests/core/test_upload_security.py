"""
Findings of the security review about uploaded images.

Originals are stored under names nobody can guess, so the image of an unpublished post
cannot be found by trying its uploader's file name; and an image taller or wider than
a rendition can be is refused with a message before anything is written to media.
"""

import io
import re
from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from blog.models import Post
from core import images
from people.models import Author
from tests.forms import author_form, hero_form
from tests.images import files_in_media

pytestmark = pytest.mark.django_db

UPLOADED_NAME = "embargoed-merger-chart.jpg"
LIMIT_MESSAGE = "Images may be at most 16,383 pixels wide or high; this one is 20,000 pixels"


def encoded(size, image_format):
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 140)).save(buffer, image_format)
    return buffer.getvalue()


def jpeg_upload(name=UPLOADED_NAME):
    return SimpleUploadedFile(name, encoded((900, 600), "JPEG"), content_type="image/jpeg")


def tall_upload(image_format):
    extension = {"JPEG": "jpg", "PNG": "png"}[image_format]
    return SimpleUploadedFile(f"tall.{extension}", encoded((10, 20_000), image_format))


def stems(names):
    return [PurePosixPath(name).stem for name in names]


def assert_unguessable(first, second):
    """Neither stored name carries a word of the uploaded name; both are long and differ."""
    words = re.split(r"[-_.]", PurePosixPath(UPLOADED_NAME).stem)
    for stem in stems([first, second]):
        assert not any(word in stem.lower() for word in words), stem
        assert len(stem) >= 32, stem
    assert stems([first]) != stems([second])


def form_errors(response):
    errors = BeautifulSoup(response.content, "html.parser").select(".errorlist")
    return " ".join(error.get_text(" ", strip=True) for error in errors)


def test_hero_image_original_is_stored_under_an_unguessable_name(admin_client):
    for slug in ["merger-one", "merger-two"]:
        form = hero_form(jpeg_upload())
        form.update(title=slug, slug=slug, hero_credit="Photo: Agency")
        assert admin_client.post("/admin/blog/post/add/", form).status_code == 302
    first, second = Post.objects.order_by("slug")

    assert_unguessable(first.hero_image.name, second.hero_image.name)
    assert (first.hero_alt, first.hero_credit) == ("Docks", "Photo: Agency")


def test_hero_image_renditions_carry_no_part_of_the_uploaded_file_name(admin_client):
    assert admin_client.post("/admin/blog/post/add/", hero_form(jpeg_upload())).status_code == 302
    renditions = Post.objects.get().hero_renditions

    names = [
        entry[fmt]
        for entry in renditions.values()
        if isinstance(entry, dict)
        for fmt in ("webp", "jpeg")
        if fmt in entry
    ]

    assert names and not any("merger" in name for name in names), names


def test_author_photo_original_is_stored_under_an_unguessable_name(admin_client):
    for slug in ["ines-ortega", "ines-ortega-2"]:
        form = author_form(jpeg_upload())
        form.update(slug=slug)
        assert admin_client.post("/admin/people/author/add/", form).status_code == 302
    first, second = Author.objects.order_by("slug")

    assert_unguessable(first.photo.name, second.photo.name)
    assert first.photo_alt == "Ines Ortega"


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_too_tall_hero_image_is_refused_naming_the_limit_and_leaves_no_file(
    admin_client, media_root, image_format
):
    response = admin_client.post("/admin/blog/post/add/", hero_form(tall_upload(image_format)))

    assert response.status_code == 200
    assert f"{LIMIT_MESSAGE} high." in form_errors(response)
    assert not Post.objects.exists()
    assert files_in_media(media_root) == []


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_too_tall_author_photo_is_refused_naming_the_limit_and_leaves_no_file(
    admin_client, media_root, image_format
):
    response = admin_client.post(
        "/admin/people/author/add/", author_form(tall_upload(image_format))
    )

    assert response.status_code == 200
    assert f"{LIMIT_MESSAGE} high." in form_errors(response)
    assert not Author.objects.exists()
    assert files_in_media(media_root) == []


def test_too_wide_image_is_refused_naming_its_width():
    upload = SimpleUploadedFile("wide.png", encoded((20_000, 10), "PNG"))

    with pytest.raises(ValidationError, match=f"{LIMIT_MESSAGE} wide."):
        images.clean_upload(upload)
