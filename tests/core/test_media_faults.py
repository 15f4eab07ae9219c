"""
The media disk refuses a write. The kernel's file-size limit (RLIMIT_FSIZE) makes writes
past a size fail exactly as a full disk does, part-way through the file, without filling a
real disk: the upload must fail with a message, leave no file behind, and save no row.
"""

import contextlib
import io
import random
import resource
import signal

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from blog.models import Post
from people.models import Author
from tests.forms import author_form, hero_form
from tests.images import files_in_media

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def disk_refuses_writes_past(limit):
    """Writes of this process beyond `limit` bytes into any file fail with EFBIG."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, not a signal
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def noisy_png():
    """A 600-pixel square of black-and-white noise: the stored PNG is about 95 KB, its
    square renditions at most 95 KB, and the 1200 × 630 share card about 360 KB."""
    pixels = random.Random(7).randbytes(600 * 600 // 8)
    buffer = io.BytesIO()
    Image.frombytes("1", (600, 600), pixels).save(buffer, "PNG")
    return buffer.getvalue()


def error_texts(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(error.get_text(" ", strip=True) for error in page.select(".errorlist"))


@pytest.mark.parametrize(
    "limit",
    [32 * 1024, 200 * 1024],
    ids=["the photo itself is refused", "a rendition is refused after the photo is stored"],
)
def test_a_full_media_disk_refuses_the_author_photo_with_a_message_and_leaves_nothing(
    admin_client, media_root, limit
):
    form = author_form(SimpleUploadedFile("noise.png", noisy_png()))

    with disk_refuses_writes_past(limit):
        response = admin_client.post("/admin/people/author/add/", form)

    assert response.status_code == 200
    assert "The image could not be stored" in error_texts(response)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "name"})["value"] == "Ines Ortega"
    assert not Author.objects.exists()
    assert files_in_media(media_root) == []


def test_a_full_media_disk_refuses_a_hero_image_and_the_post_is_not_saved(
    admin_client, media_root
):
    form = hero_form(SimpleUploadedFile("noise.png", noisy_png()))

    with disk_refuses_writes_past(32 * 1024):
        response = admin_client.post("/admin/blog/post/add/", form)

    assert response.status_code == 200
    assert "The image could not be stored" in error_texts(response)
    assert not Post.objects.exists()
    assert files_in_media(media_root) == []


def test_the_same_upload_is_saved_once_the_disk_has_room(admin_client, media_root):
    with disk_refuses_writes_past(32 * 1024):
        admin_client.post(
            "/admin/people/author/add/",
            author_form(SimpleUploadedFile("noise.png", noisy_png())),
        )

    response = admin_client.post(
        "/admin/people/author/add/", author_form(SimpleUploadedFile("noise.png", noisy_png()))
    )

    assert response.status_code == 302
    author = Author.objects.get()
    assert (media_root / author.photo.name).is_file()
    assert all((media_root / r["jpeg"]).is_file() for r in author.photo_square)


def test_a_refused_write_never_removes_a_file_saved_under_the_same_name(media_root):
    """Two saves of one name at once: the one the disk refuses must not take the other's
    finished file with it."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from core.storage import MediaWriteFailed

    default_storage.save("cards/quote.png", ContentFile(b"finished card"))

    with disk_refuses_writes_past(32 * 1024), pytest.raises(MediaWriteFailed):
        default_storage.save("cards/quote.png", ContentFile(noisy_png() * 4))

    assert (media_root / "cards/quote.png").read_bytes() == b"finished card"
    assert files_in_media(media_root) == ["quote.png"]
