"""
A corpus of hostile files, uploaded through the admin as an author's photo and as a post's
hero image. Each is either refused with a message an editor can act on (and nothing is
written: no row, no file) or stored safely: re-encoded from its pixels, in an allowed
format, with no markup or metadata carried over and a plain file name inside the media
directory.
"""

import io
import re
import struct
import tracemalloc

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

from blog.models import Post
from core import images
from people.models import Author
from tests.forms import author_form, hero_form
from tests.images import files_in_media, jpeg_with_gps

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>alert(document.domain)</script>"


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def photo(size=(640, 480), mode="RGB"):
    return Image.new(mode, size, (40, 90, 140) if mode == "RGB" else (40, 90, 140, 128))


def jpeg_claiming(width, height):
    """A small JPEG whose frame header claims width × height pixels."""
    data = bytearray(encoded(photo((64, 64)), "JPEG"))
    start = data.index(b"\xff\xc0")  # the baseline frame header: length, precision, height, width
    data[start + 5 : start + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif_bomb():
    """An animated GIF of many frames whose logical screen claims 65,535 × 65,535 pixels."""
    frames = [Image.new("P", (500, 500), index % 200) for index in range(40)]
    data = bytearray(encoded(frames[0], "GIF", save_all=True, append_images=frames[1:]))
    data[6:10] = struct.pack("<HH", 65535, 65535)
    return bytes(data)


def animated_webp():
    frames = [Image.new("RGB", (400, 300), (index * 20, 60, 90)) for index in range(12)]
    return encoded(frames[0], "WEBP", save_all=True, append_images=frames[1:])


def jpeg_with_script_comment():
    return encoded(photo(), "JPEG", comment=SCRIPT)


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" onload="alert(1)">'
    + SCRIPT
    + b"</svg>"
)

# name: (file bytes or a callable for them, file name, message when refused or None)
REFUSED = {
    "pixel bomb: PNG, 64 megapixels in a few KB": (
        lambda: encoded(Image.new("1", (8000, 8000)), "PNG"),
        "bomb.png",
        "too many pixels",
    ),
    "pixel bomb: JPEG header claiming 65,000 × 65,000": (
        lambda: jpeg_claiming(65000, 65000),
        "bomb.jpg",
        "too many pixels",
    ),
    "animated GIF bomb": (gif_bomb, "bomb.gif", "too many pixels"),
    "animated GIF": (
        lambda: gif_bomb()[:6] + struct.pack("<HH", 500, 500) + gif_bomb()[10:],
        "moving.gif",
        "GIF image. Upload a JPEG, PNG or WebP",
    ),
    "truncated JPEG": (lambda: jpeg_with_gps()[:3000], "cut.jpg", "damaged"),
    "TIFF": (lambda: encoded(photo(), "TIFF"), "scan.tiff", "TIFF image"),
    "SVG with a script": (lambda: SVG, "logo.svg", "not a readable image"),
    "SVG with a script, named .jpg": (lambda: SVG, "logo.jpg", "not a readable image"),
    "HTML page named .jpg": (
        lambda: b"<!doctype html><html><body>" + SCRIPT + b"</body></html>",
        "page.jpg",
        "not a readable image",
    ),
    "PDF named .png": (
        lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\n",
        "report.png",
        "not a readable image",
    ),
    "empty file": (lambda: b"", "empty.jpg", "empty"),
}

ACCEPTED = {
    "PNG with HTML appended": (lambda: encoded(photo(), "PNG") + SCRIPT, "photo.png", "PNG"),
    "JPEG with GPS position in EXIF": (jpeg_with_gps, "holiday.jpg", "JPEG"),
    "JPEG with a script in its comment": (jpeg_with_script_comment, "note.jpg", "JPEG"),
    "PNG named .jpg": (lambda: encoded(photo(), "PNG"), "really-a-png.jpg", "PNG"),
    "transparent PNG": (lambda: encoded(photo(mode="RGBA"), "PNG"), "cut-out.png", "PNG"),
    "animated WebP": (animated_webp, "moving.webp", "WEBP"),
    "path traversal in the name": (
        lambda: encoded(photo(), "JPEG"),
        "../../../etc/passwd.jpg",
        "JPEG",
    ),
    "a name of markup only": (
        lambda: encoded(photo(), "JPEG"),
        "<svg/onload=alert(1)//>.jpg",
        "JPEG",
    ),
    "a long name in four-byte letters": (
        lambda: encoded(photo(), "PNG"),
        "\U00020000" * 80 + ".png",
        "PNG",
    ),
    "markup in the name": (
        lambda: encoded(photo(), "JPEG"),
        '"><img src=x onerror=alert(1)>.jpg',
        "JPEG",
    ),
}


FORMS = {
    "author photo": (
        "/admin/people/author/add/",
        author_form,
        lambda: Author.objects.filter(slug="ines-ortega").first(),
        "photo",
    ),
    "hero image": ("/admin/blog/post/add/", hero_form, lambda: Post.objects.first(), "hero_image"),
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", REFUSED)
def test_hostile_file_is_refused_with_a_message_and_nothing_written(
    admin_client, media_root, form, case
):
    make, name, message = REFUSED[case]
    url, build, saved, _ = FORMS[form]

    response = admin_client.post(url, build(SimpleUploadedFile(name, make())))

    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select(".errorlist")
    assert message in " ".join(error.get_text(" ", strip=True) for error in errors)
    assert saved() is None
    assert files_in_media(media_root) == []


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", ACCEPTED)
def test_odd_but_harmless_file_is_stored_clean_inside_media(admin_client, media_root, form, case):
    make, name, image_format = ACCEPTED[case]
    url, build, saved, field = FORMS[form]

    response = admin_client.post(url, build(SimpleUploadedFile(name, make())))

    assert response.status_code == 302
    stored = getattr(saved(), field)
    path = (media_root / stored.name).resolve()
    assert path.is_relative_to(media_root.resolve()) and path.is_file()
    assert re.fullmatch(r"[\w-]+\.(jpg|png|webp)", path.name), path.name
    assert len(path.name.encode()) <= 110
    data = path.read_bytes()
    assert b"<script" not in data and b"onerror" not in data
    image = Image.open(io.BytesIO(data))
    assert image.format == image_format
    assert not image.getexif() and getattr(image, "n_frames", 1) == 1
    assert "comment" not in image.info


def test_a_100_mb_file_is_refused_by_size_in_the_admin(admin_client, media_root):
    upload = SimpleUploadedFile("huge.jpg", b"\xff\xd8\xff\xe0" + bytes(100 * 1024 * 1024))

    response = admin_client.post("/admin/people/author/add/", author_form(upload))

    assert response.status_code == 200
    assert "This file is 100.0 MB; images may be at most 10 MB." in response.content.decode()
    assert not Author.objects.exists() and files_in_media(media_root) == []


@pytest.mark.parametrize("case", [*REFUSED, *ACCEPTED, "100 MB file"])
def test_checking_a_hostile_file_uses_bounded_memory(case, tmp_path):
    """What the server holds while checking a file stays far below its claimed size: bombs
    are refused before they are decoded, and a 100 MB upload is refused by its size while it
    waits on disk as Django's temporary upload file."""
    if case == "100 MB file":
        upload = TemporaryUploadedFile("huge.jpg", "image/jpeg", 100 * 1024 * 1024, None)
        upload.write(b"\xff\xd8\xff\xe0")
        upload.truncate(100 * 1024 * 1024)
        upload.seek(0)
    else:
        make, name, _ = (REFUSED | ACCEPTED)[case]
        upload = SimpleUploadedFile(name, make())

    tracemalloc.start()
    try:
        images.clean_upload(upload)
    except ValidationError:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    assert peak < 16 * 1024 * 1024, f"{peak / 1_048_576:.1f} MB"
